"""Containment of the native readers (python-calamine is Rust).

A damaged or hostile workbook can make native code abort the whole process (an allocation sized from a
declared range, SIGABRT, exit 134, no message) or panic (``pyo3_runtime.PanicException``, a
``BaseException`` that ``except Exception`` does not catch). Both must become a Chinese "unreadable"
message for that one file, exit 3, with the other files of a batch still checked.

* :func:`run` calls a reader function in a long-lived child process (one per sgs process, started on
  first use, restarted after a crash) under an address-space limit, so an abort or an allocation
  failure kills only the child: the caller gets :class:`ReaderCrashed`. Where child processes are not
  available (no ``fork``, a sandbox), or ``SGS_READER_PROCESS=0``, the function runs in this process.
* Panics are caught where the reader is called (workbook._read_calamine, validate.validate_file):
  any ``BaseException`` but Ctrl-C and exit becomes the file's InputError.
"""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

_POOL = None
_POOL_PID = None
_IN_CHILD = False
_DISABLED = False  # set when child processes turn out to be unavailable

#: address space the reader child may use beyond what it inherits (MiB); SGS_READER_MEMORY_MB overrides
MEMORY_MB = 4096


class ReaderCrashed(Exception):
    """The reader child died (native abort, allocation failure, killed)."""


def _enabled() -> bool:
    if _IN_CHILD or os.environ.get("SGS_READER_PROCESS", "").strip() == "0":
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _vm_bytes() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


#: how the reader child is started: "fork" (fast) — a server sets "forkserver", so that no child is a
#: copy of a process holding the listening socket
START_METHOD = "fork"


def watch_parent() -> None:
    """In a worker process: exit as soon as the parent process is gone (killed, crashed), instead of
    waiting forever on a queue nobody writes to. Works for fork, forkserver and spawn children."""
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def wait() -> None:
        from multiprocessing.connection import wait as wait_for

        try:
            wait_for([parent.sentinel])
        except OSError:
            pass
        os._exit(0)

    threading.Thread(target=wait, name="sgs-parent-watch", daemon=True).start()


def _child_init(limit: int) -> None:
    global _IN_CHILD
    _IN_CHILD = True
    watch_parent()
    try:
        import faulthandler

        faulthandler.disable()  # an abort here is reported by the parent, not dumped on the user's screen
    except (ImportError, RuntimeError):
        pass
    try:  # a native panic prints to fd 2 before it unwinds or aborts: keep that off the user's screen
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    if limit:
        try:
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            want = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (want, hard))
        except (ImportError, ValueError, OSError):
            pass


def _pool():
    global _POOL, _POOL_PID
    if _POOL is None or _POOL_PID != os.getpid():
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        env = os.environ.get("SGS_READER_MEMORY_MB", "").strip()
        budget = (int(env) if env.isdigit() else MEMORY_MB) * 1024 * 1024
        limit = _vm_bytes() + budget if budget else 0
        method = START_METHOD if START_METHOD in multiprocessing.get_all_start_methods() else "fork"
        _POOL = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context(method), initializer=_child_init,
                                    initargs=(limit,))
        _POOL_PID = os.getpid()
    return _POOL


def _reset() -> None:
    global _POOL
    pool, _POOL = _POOL, None
    if pool is not None:
        try:
            pool.shutdown(wait=False, cancel_futures=True)
        except Exception:  # noqa: BLE001 - a broken pool may fail to shut down; it is dropped anyway
            pass


def shutdown(timeout: float = 3.0) -> None:
    """End the reader child now (a server's stop): a read in progress is abandoned, not waited for."""
    global _POOL
    pool, _POOL = _POOL, None
    stop_pool(pool, timeout)


def stop_pool(pool, timeout: float = 3.0) -> None:
    """Cancel a process pool's queued calls and end its running workers now (terminate, then kill the ones that
    do not go within ``timeout``): a server's stop does not wait for work in progress."""
    if pool is None:
        return
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout)
        if p.is_alive():
            p.kill()
            p.join(1)


def _call(cwd, fn, args):
    if cwd is not None:
        try:
            os.chdir(cwd)  # relative paths mean what they mean in the caller (which may have changed folder)
        except OSError:
            pass
    try:
        return _Packed.of(fn(*args))
    finally:
        release_memory()


class _Packed:
    """A result of the reader child pickled there without pickle's memo (``Pickler.fast``): the rows of a
    workbook are lists of distinct cells, which the memo only makes slower to write — 10k rows × 30 cells,
    7 MB: 46 ms with it, about half without (issue 32). The caller unpickles it (:meth:`value`). A result that
    cannot be pickled so (a cycle) goes as it is."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    @classmethod
    def of(cls, result):
        import io
        import pickle

        buf = io.BytesIO()
        pickler = pickle.Pickler(buf, pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        try:
            pickler.dump(result)
        except Exception:  # noqa: BLE001 - a cycle (fast mode refuses them), an unpicklable value: as it is
            return result
        return cls(buf.getvalue())

    def value(self):
        import pickle

        return pickle.loads(self.data)


def release_memory() -> None:
    """Hand the heap's freed pages back to the system (glibc's malloc_trim; nothing elsewhere). The reader
    child lives as long as its sgs process and sits idle after its read: opening a 1M-row Excel-style workbook
    (workbook.open_check parses its whole shared-string table) left 375 MB of freed allocations in it, counted
    in the run's memory until the end (17 MB once trimmed, 2026-12-08)."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        pass


#: what this process does while the reader child works on the next run() (see meanwhile())
_MEANWHILE: list = []


def meanwhile(fn) -> None:
    """Have ``fn()`` run in this process while the reader child works on the next :func:`run` — this process
    would only wait (issue 32: the columnar engine's imports while a large workbook is read). Not run when
    the next read happens in this process (the work is then done where it is needed); an exception of
    ``fn`` is ignored (the same work fails again, where it is needed)."""
    _MEANWHILE.append(fn)


def _while_waiting() -> None:
    while _MEANWHILE:
        try:
            _MEANWHILE.pop(0)()
        except Exception:  # noqa: BLE001 - preparation only: the caller meets the same failure later
            pass


def start() -> None:
    """Have the reader child forked now, if it is not running yet, before this process holds large data (a
    child forked later keeps its copy of it for as long as it lives); the work handed to :func:`meanwhile`
    stays for the next :func:`run`. Without child processes here, the next :func:`run` reads in this process."""
    global _DISABLED
    if _DISABLED or not _enabled():
        return
    try:
        _pool().submit(os.getpid)  # ProcessPoolExecutor forks its child in submit
    except (BrokenProcessPool, OSError, RuntimeError):
        _reset()
        _DISABLED = True


def run(fn, *args):
    """``fn(*args)`` in the reader child; its exceptions are raised here. ReaderCrashed when the child
    died while running it. Work handed to :func:`meanwhile` runs here while the child reads."""
    global _DISABLED
    if _DISABLED or not _enabled():
        _MEANWHILE.clear()
        return fn(*args)
    try:
        try:
            cwd = os.getcwd()
        except OSError:
            cwd = None
        fut = _pool().submit(_call, cwd, fn, args)
    except (BrokenProcessPool, OSError, RuntimeError):
        _reset()
        _DISABLED = True
        _MEANWHILE.clear()
        return fn(*args)  # no child processes here: read in this process
    _while_waiting()  # the child is forked (ProcessPoolExecutor starts it in submit): no fork after this
    try:
        result = fut.result()
    except BrokenProcessPool:
        _reset()
        if not _children_work():  # the child never ran at all (a sandbox without processes): read here
            _DISABLED = True
            return fn(*args)
        raise ReaderCrashed() from None
    return result.value() if isinstance(result, _Packed) else result


def _children_work() -> bool:
    """Whether a reader child can run a trivial task (tells a crash on a file from no processes at all)."""
    try:
        ok = _pool().submit(os.getpid).result(timeout=60) > 0
    except Exception:  # noqa: BLE001 - any failure means: no usable child processes
        ok = False
    if not ok:
        _reset()
    return ok


__all__ = ["ReaderCrashed", "meanwhile", "run", "shutdown", "start", "watch_parent"]
