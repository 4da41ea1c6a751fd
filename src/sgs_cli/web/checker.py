"""The checker of office mode: validates stored submissions, in the request (``workers=0``, tests) or
in a pool of worker processes (spawned, the same on Windows), so that an upload is answered at once and
a large ledger never blocks the pages.

What a crash must not do: turn a clean ledger into 退回. A failure of the checker itself (a worker
killed or out of memory, an exception) is the state 校验未完成 with its log line, which the office
re-runs from the page; a check cut short by a stop of the server is run again at the next start, and
the re-run replaces whatever the cut-short run had written (services.check_submission).

What a stop must not leave: workers watch their parent and exit with it; :meth:`Checker.close` cancels
the queued checks and ends the running ones within seconds."""

from __future__ import annotations

import logging
import os
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from sgs_cli.web import services

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger("sgs.web")


def worker_init() -> None:
    """A checker worker is itself the containment of a reader crash (the pool reports it as a broken
    worker): it reads workbooks in-process instead of forking a reader child from a process whose queue
    threads may hold locks at fork time. It exits when the server is gone."""
    from sgs_cli.io.contain import watch_parent

    os.environ["SGS_READER_PROCESS"] = "0"
    os.environ["SGS_WORKERS"] = "1"  # no pool inside the pool
    watch_parent()


def failure_text(exc: BaseException) -> str:
    """One log line for the page: what failed, in Chinese, with the exception's own last line."""
    from concurrent.futures.process import BrokenProcessPool

    if isinstance(exc, BrokenProcessPool):
        return "校验进程意外退出（可能是内存不足或被结束）"
    last = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return f"校验程序出错：{last}"


class Checker:
    def __init__(self, store, workers: int, holidays=lambda: None):
        self.store, self.workers, self.holidays = store, workers, holidays
        self._pool: ProcessPoolExecutor | None = None  # started on the first check
        self._lock = threading.Lock()
        self._closed = False

    def _executor(self, fresh: bool = False):
        with self._lock:
            if self._closed:
                raise RuntimeError("checker closed")
            if fresh and self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
            if self._pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=worker_init)
            return self._pool

    def check(self, sid: int, path: Path) -> None:
        args = (str(path), str(self.store.submission_dir(sid)), self.holidays())
        if not self.workers:
            try:
                counts = services.check_submission(*args)
            except Exception as e:  # noqa: BLE001 - any failure of the checker is 校验未完成
                self._failed(sid, e)
                return
            self.store.finish_submission(sid, **counts)
            return
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self._executor().submit(services.check_submission, *args)
        except BrokenProcessPool:  # a worker died earlier: a new pool, not 500 for every later upload
            future = self._executor(fresh=True).submit(services.check_submission, *args)
        except RuntimeError:  # shutting down: checked at the next start
            return
        future.add_done_callback(lambda f: self._done(sid, f))

    def _done(self, sid: int, future) -> None:
        if future.cancelled() or self._closed:
            return  # stopped with the server: still 校验中, checked again at the next start
        exc = future.exception()
        if exc is not None:
            self._failed(sid, exc)
        else:
            self.store.finish_submission(sid, **future.result())

    def _failed(self, sid: int, exc: BaseException) -> None:
        text = failure_text(exc)
        log.error("报送#%s %s", sid, text, exc_info=(type(exc), exc, exc.__traceback__))
        self.store.check_failed(sid, text)

    def recheck(self, sid: int) -> None:
        row = self.store.submission(sid)
        self.store.restart_check(sid)
        self.check(sid, self.store.submission_file(row))

    def resume(self) -> int:
        """Submissions left 校验中 by a stop of the server are checked again; returns how many."""
        rows = self.store.query("SELECT * FROM submissions WHERE status = 'checking' ORDER BY id")
        for row in rows:
            self.check(row["id"], self.store.submission_file(row))
        return len(rows)

    def close(self, timeout: float = 5.0) -> None:
        """Cancel the queued checks and end the running ones (they stay 校验中 and run again at the
        next start)."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        from sgs_cli.io.contain import stop_pool

        stop_pool(pool, timeout)
