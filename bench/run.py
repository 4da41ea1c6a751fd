"""Benchmark `sgs validate` against the raw read floor and a pandera baseline, one process per tool.

    python bench/run.py --sizes 10000,100000 --flavours inline,shared,csv [--kind penalty]

For every size the ledger is generated once (bench/generate.py, seeded; reused when the files and
``<name>.expected.json`` already exist). For every size × flavour it runs, each in its own process:

* sgs      — ``sgs validate FILE --format json --today 2030-01-01`` (stdout to a file, to check it);
* floor    — the fastest reader reading every cell and nothing else (bench/readers.py):
             xlsx: fastexcel ``load_sheet(dtypes="string")`` and python-calamine ``to_python()``;
             csv: the Python csv module (what sgs uses), ``pandas.read_csv(dtype=str)`` and
             ``pyarrow.csv.read_csv`` (all columns as string);
             floor = the fastest of them (wall time);
* pandera  — bench/pandera_schema.py (pandas read + the schema);

and prints wall time (process start to exit, imports included) with CPU time (user + system, worker
processes included) next to it, rows/s and peak memory (sgs runs worker
processes: the summed PSS of the process group, sampled from /proc every 50 ms, so pages the forked
workers share count once — never less than the largest process's own ``ru_maxrss``, which is in
brackets), the ratios sgs/floor and sgs/pandera, and whether sgs found
exactly the injected violations (bench/compare.py). Also ``sgs --help`` wall time (median of 5) and
``sgs validate FILE --report out.xlsx`` at ``--report-size`` (skipped with a note if the option fails).
Results go to bench/out/results-<timestamp>.json and .md as well. ``--engine row`` runs sgs with
SGS_ENGINE=row (the row forms, the reference), ``--engine columnar`` forces the columnar engine even on small
sheets; the default is what a user gets (no SGS_ENGINE: the row forms below columnar.SMALL_ROWS rows read whole,
the columnar engine above — forcing it made the 30-row example import pandas: 0.68 s against 0.20 s).

sgs runs from this tree's ``src`` (PYTHONPATH), whatever copy the virtual environment installed. The
30-row example (examples/行政处罚台账.xlsx) is timed apart (median of 5). ``--load N`` then measures sgs
and fastexcel again on the xlsx files of ``--load-sizes`` (default: the largest size) with N CPU-bound
processes running beside them (started and stopped by pid). The run ends with issue 32's targets table:
each target, the figure of this run that decides it, met / NOT met (or "not measured").
``--skip unloaded`` runs only the loaded pass.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import compare  # noqa: E402

PY = sys.executable
SGS = str(Path(PY).with_name("sgs"))
TODAY = "2030-01-01"
EXT = {"inline": ".inline.xlsx", "shared": ".shared.xlsx", "csv": ".csv"}


def measure(cmd: list[str], stdout=None, timeout: float = 1800, env=None) -> dict:
    """Run cmd in its own process group; wall seconds, CPU seconds (its waited-for worker processes
    included), peak RSS (MB) of the process, peak summed PSS of the whole group, rc, stderr tail."""
    err_path = HERE / "out" / ".stderr.tmp"
    err_path.parent.mkdir(exist_ok=True)  # a fresh clone run with --out elsewhere has no bench/out yet
    with open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout or subprocess.DEVNULL, stderr=err, start_new_session=True,
                                env=env)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        done = threading.Event()
        group = {"peak": 0}
        sampler = threading.Thread(target=_sample_group_pss, args=(proc.pid, done, group), daemon=True)
        sampler.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            done.set()
            sampler.join()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    tail = err_path.read_text(errors="replace")[-2000:]
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024, "rc": proc.returncode,
            "group_mb": max(group["peak"], ru.ru_maxrss * 1024) / 2**20, "procs": group.get("procs", 1),
            "timeout": timed_out.is_set(), "stderr": tail}


def _sample_group_pss(pid: int, done: threading.Event, out: dict) -> None:
    """Peak of the memory of every process of the run taken together — the process, its children and
    theirs (the contained reader, the worker processes), and anything else left in its process group —
    sampled every 50 ms: the sum of PSS (proportional set size: a page shared by forked workers counts
    once, split between them; summing RSS would count it in every process). With psutil the tree is
    walked by parent links; without it /proc is scanned for the process group. Without either (not
    Linux) nothing is sampled and the figure falls back to ru_maxrss."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is None and not os.path.isdir("/proc"):
        return
    while not done.wait(0.05):
        pids = set(_tree(pid, psutil)) if psutil is not None else set()
        if os.path.isdir("/proc"):
            pids |= set(_group(pid))
        total = sum(_pss(p) for p in pids)
        out["peak"] = max(out["peak"], total)
        out["procs"] = max(out.get("procs", 0), len(pids))


def _tree(pid: int, psutil) -> list[int]:
    try:
        root = psutil.Process(pid)
        return [pid, *(c.pid for c in root.children(recursive=True))]
    except psutil.Error:
        return []


def _group(pgid: int) -> list[int]:
    """The processes of a process group, from /proc."""
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            if int(fields[2]) == pgid:  # fields after the command: state ppid pgrp ...
                pids.append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    return pids


def _pss(pid: int) -> int:
    """PSS bytes of one process (smaps_rollup), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class Load:
    """``--load N``: N CPU-bound processes (a busy loop each) beside the measured ones, as on an office
    server checking several uploads; started and stopped by their own process ids."""

    def __init__(self, n: int):
        self.n, self.procs = n, []

    def __enter__(self):
        for _ in range(self.n):
            self.procs.append(subprocess.Popen([PY, "-c", "while True: pass"], start_new_session=True))
        time.sleep(1.0)  # let them take their share of the cores before anything is timed
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            p.kill()
            p.wait()
        self.procs = []


def best_of(n: int, fn):
    """Run fn() n times; keep the fastest run (noise on a shared machine only ever adds time)."""
    runs = [fn() for _ in range(max(1, n))]
    ok = [r for r in runs if r.get("rc") in (0, 1) and not r.get("timeout")] or runs
    best = min(ok, key=lambda r: r["wall"])
    if n > 1:
        best["walls"] = [round(r["wall"], 2) for r in runs]
    return best


def ensure_generated(kind: str, rows: int, out: Path, seed: int, flavours: list[str]) -> tuple[str, dict]:
    name = f"{kind}_{rows}"
    exp_path = out / f"{name}.expected.json"
    ok = exp_path.exists()
    if ok:
        exp = json.loads(exp_path.read_text(encoding="utf-8"))
        ok = exp.get("seed") == seed and all((out / f"{name}{EXT[f]}").exists() for f in flavours)
    if not ok:
        print(f"generating {name} ({rows:,} rows, all flavours) …", file=sys.stderr)
        m = measure([PY, str(HERE / "generate.py"), "--rows", str(rows), "--kind", kind, "--out", str(out),
                     "--seed", str(seed)], timeout=3600)
        if m["rc"] != 0:
            raise SystemExit(f"generator failed: {m['stderr']}")
        print(f"  generated in {m['wall']:.1f} s, peak RSS {m['rss_mb']:.0f} MB", file=sys.stderr)
    exp = json.loads(exp_path.read_text(encoding="utf-8"))
    return name, exp


def run_reader(reader: str, path: Path, timeout: float) -> dict:
    res_file = HERE / "out" / ".reader.json"
    with open(res_file, "wb") as fh:
        m = measure([PY, str(HERE / "readers.py"), reader, str(path)], stdout=fh, timeout=timeout)
    if m["rc"] == 0:
        m.update(json.loads(res_file.read_text()))
    m["reader"] = reader
    return m


def fmt_s(x) -> str:
    if x is None:
        return "–"
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def fmt_mb(x) -> str:
    if x is None:
        return "–"
    return f"{x / 1024:.1f} GB" if x >= 1024 else f"{x:.0f} MB"


def cell(m: dict | None, with_rss=True) -> str:
    if m is None:
        return "–"
    if m.get("timeout"):
        return f">{fmt_s(m['wall'])} (timeout)"
    if m.get("rc") not in (0, 1):
        return f"failed rc={m.get('rc')}"
    t = f"{fmt_s(m['wall'])} s (cpu {fmt_s(m['cpu'])})" if "cpu" in m else f"{fmt_s(m['wall'])} s"
    if not with_rss:
        return t
    group = m.get("group_mb", m["rss_mb"])
    # processes of one run together (sgs uses worker processes); the largest one alone in brackets
    return f"{t} / {fmt_mb(group)} (max 1 proc {fmt_mb(m['rss_mb'])})"


def machine() -> dict:
    info = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "nproc": os.cpu_count(),
            "python": platform.python_version(), "loadavg_start": os.getloadavg()[0]}
    try:
        info["cpu"] = next(line.split(":", 1)[1].strip() for line in
                           subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
                           if line.startswith("Model name"))
    except Exception:  # noqa: BLE001
        info["cpu"] = platform.processor()
    try:
        info["mem_gb"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)
    except (ValueError, OSError):
        pass
    from importlib.metadata import PackageNotFoundError, version

    for pkg in ("sgs-cli", "python-calamine", "fastexcel", "pandas", "pandera", "pyarrow"):
        try:
            info[pkg] = version(pkg)
        except PackageNotFoundError:
            info[pkg] = None
    root = HERE.parent
    try:
        info["git_head"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                                          text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "src"], cwd=root, capture_output=True,
                               text=True).stdout.strip()
        info["src_dirty"] = bool(dirty)
    except OSError:
        pass
    return info


def sgs_file(path: Path, exp: dict, out: Path, a, env, tag: str = "") -> dict:
    """``sgs validate FILE --format json`` measured (best of --repeat), its output checked against the
    injected violations: {"sgs": measurement, "exact": summary, "compare": details}."""
    res_path = out / "results" / f"sgs{tag}_{path.name}.json"

    def once():
        with open(res_path, "wb") as fh:
            return measure([SGS, "validate", str(path), "--format", "json", "--today", TODAY],
                           stdout=fh, timeout=a.timeout, env=env)

    m = best_of(a.repeat, once)
    run = {"sgs": m}
    if m["rc"] in (0, 1) and not m["timeout"]:
        try:
            cmp = compare.compare(exp, json.loads(res_path.read_text(encoding="utf-8")))
            run["exact"] = compare.summary(cmp)
            run["compare"] = {k: v for k, v in cmp.items() if k not in ("missing", "extra")}
            run["compare"]["missing"] = cmp["missing"][:50]
            run["compare"]["extra"] = cmp["extra"][:50]
            if not cmp["exact"]:
                print(compare.report(cmp), file=sys.stderr)
        except ValueError as e:
            run["exact"] = f"bad JSON ({e})"
    else:
        run["exact"] = "not run to the end"
    print(f"   sgs{tag} {cell(m)} rc={m['rc']} → {run.get('exact')}", file=sys.stderr)
    if m["rc"] not in (0, 1):
        print(f"   stderr: {m['stderr'][-600:]}", file=sys.stderr)
    return run


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--flavours", default="inline,shared,csv")
    ap.add_argument("--kind", choices=("penalty", "license"), default="penalty")
    ap.add_argument("--seed", type=int, default=790)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per process (default 1800)")
    ap.add_argument("--skip", default="", help="comma list of: sgs, floor, pandera, help, report, example, unloaded, or a floor reader "
                         "(calamine, csv, pandas-csv, …)")
    ap.add_argument("--repeat", type=int, default=1, help="run each measurement N times, keep the fastest")
    ap.add_argument("--report-size", type=int, default=100000, help="size at which --report is timed (0: never)")
    ap.add_argument("--engine", choices=("default", "row", "columnar"), default="default",
                    help="SGS_ENGINE of the sgs runs (default: unset, as a user runs sgs)")
    ap.add_argument("--load", type=int, default=0, metavar="N",
                    help="then run sgs and fastexcel again on the xlsx files of --load-sizes with N CPU-bound "
                         "processes beside them (the under-load target)")
    ap.add_argument("--load-sizes", default="", help="sizes of the loaded pass (default: the largest of --sizes)")
    ap.add_argument("--example", type=Path, default=HERE.parent / "examples" / "行政处罚台账.xlsx",
                    help="the small example timed apart (median of 5)")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    flavours = [f for f in a.flavours.split(",") if f]
    skip = set(a.skip.split(",")) - {""}
    load_sizes = [int(x) for x in a.load_sizes.split(",") if x] or sizes[-1:]
    out = a.out
    # sgs from the source tree this bench belongs to (a worktree), not whichever copy the venv installed
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE.parent / "src"), os.environ.get("PYTHONPATH")]))
    (out / "results").mkdir(parents=True, exist_ok=True)
    info = machine()
    results = {"machine": info, "kind": a.kind, "repeat": a.repeat, "engine": a.engine, "runs": [], "notes": []}
    sgs_env = dict(os.environ)
    sgs_env.pop("SGS_ENGINE", None)
    if a.engine != "default":
        sgs_env["SGS_ENGINE"] = a.engine
    # byte code as an installed copy has it (pip compiles at install; an environment may set
    # PYTHONDONTWRITEBYTECODE, and then every run compiled ~90 modules of src again: ~0.17 s each run):
    # compiled once here into bench/out/pycache, read by every sgs run
    sgs_env.pop("PYTHONDONTWRITEBYTECODE", None)
    sgs_env["PYTHONPYCACHEPREFIX"] = str(HERE / "out" / "pycache" / "run")
    subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "src")], env=sgs_env, check=False,
                   stdout=subprocess.DEVNULL)
    print(f"machine: {info}", file=sys.stderr)

    if "help" not in skip:
        walls = [measure([SGS, "--help"])["wall"] for _ in range(5)]
        results["sgs_help_s"] = statistics.median(walls)
        print(f"sgs --help: median {results['sgs_help_s']:.2f} s (of {', '.join(f'{w:.2f}' for w in walls)})",
              file=sys.stderr)
    if "example" not in skip and a.example.exists():
        walls = [measure([SGS, "validate", str(a.example), "--format", "json"], env=sgs_env)["wall"] for _ in range(5)]
        results["example_s"] = statistics.median(walls)
        results["example"] = a.example.name
        print(f"sgs validate {a.example.name}: median {results['example_s']:.2f} s "
              f"(of {', '.join(f'{w:.2f}' for w in walls)})", file=sys.stderr)

    for size in sizes if "unloaded" not in skip else ():
        name, exp = ensure_generated(a.kind, size, out, a.seed, flavours)
        for fl in flavours:
            path = out / f"{name}{EXT[fl]}"
            run = {"size": size, "flavour": fl, "file": path.name, "mb": path.stat().st_size / 1e6}
            print(f"== {path.name} ({run['mb']:.1f} MB)", file=sys.stderr)
            if "sgs" not in skip:
                run.update(sgs_file(path, exp, out, a, sgs_env))
            if "floor" not in skip:
                readers = ("csv", "pandas-csv", "arrow-csv") if fl == "csv" else ("fastexcel", "calamine")
                readers = tuple(r for r in readers if r not in skip) or readers[-1:]
                run["readers"] = [best_of(a.repeat, lambda r=r, path=path: run_reader(r, path, a.timeout)) for r in readers]
                ok = [r for r in run["readers"] if r["rc"] == 0]
                run["floor"] = min(ok, key=lambda r: r["wall"]) if ok else None
                for r in run["readers"]:
                    print(f"   {r['reader']:10s} {cell(r)}  (work {r.get('work_s')} s)", file=sys.stderr)
            if "pandera" not in skip:
                res_file = out / "results" / f"pandera_{path.name}.json"

                def run_pandera(res_file=res_file, path=path, name=name):
                    with open(res_file, "wb") as fh:
                        m = measure([PY, str(HERE / "pandera_schema.py"), str(path), "--kind", a.kind, "--today",
                                     TODAY, "--expected", str(out / f"{name}.expected.json")], stdout=fh,
                                    timeout=a.timeout)
                    if m["rc"] == 0:
                        m["result"] = json.loads(res_file.read_text(encoding="utf-8"))
                    return m

                m = best_of(a.repeat, run_pandera)
                run["pandera"] = m
                pr = m.get("result", {})
                print(f"   pandera {cell(m)}  flagged {pr.get('expected_rows_flagged')}/{pr.get('expected_rows')} "
                      f"injected rows, {pr.get('other_rows_flagged')} others", file=sys.stderr)
            results["runs"].append(run)
            # partial results after every file, so an interrupted long run still leaves its table
            (out / "results-partial.md").write_text(table(results) + "\n")

    if a.load:
        results["load"] = a.load
        results["loaded"] = loaded_pass(a, load_sizes, [f for f in flavours if f != "csv"], out, sgs_env)
        (out / "results-partial.md").write_text(table(results) + "\n")

    if "report" not in skip and a.report_size:
        name = f"{a.kind}_{a.report_size}"
        path = out / f"{name}.inline.xlsx"
        if path.exists():
            target = out / "results" / f"receipt_{name}.xlsx"
            m = measure([SGS, "validate", str(path), "--today", TODAY, "--report", str(target)], timeout=a.timeout)
            ok = m["rc"] in (0, 1) and not m["timeout"] and target.exists()
            results["report"] = {"file": path.name, **m, "ok": ok}
            if ok:
                print(f"--report at {a.report_size:,}: {cell(m)}", file=sys.stderr)
            else:
                note = (f"--report skipped: `sgs validate {path.name} --report …` failed (rc={m['rc']}): "
                        + m["stderr"].strip().splitlines()[-1][:200] if m["stderr"].strip() else f"rc={m['rc']}")
                results["notes"].append(note)
                print(note, file=sys.stderr)
        else:
            results["notes"].append(f"--report not timed: {path.name} not generated (add {a.report_size} to --sizes)")

    info["loadavg_end"] = os.getloadavg()[0]
    md = table(results)
    print()
    print(md)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for r in results["runs"] + results.get("loaded", []):
        for k in ("sgs", "pandera"):
            if k in r and r[k].get("rc") in (0, 1):
                r[k]["stderr"] = r[k]["stderr"][-300:]
    (out / f"results-{stamp}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    (out / f"results-{stamp}.md").write_text(md + "\n")
    print(f"\n(results written to {out}/results-{stamp}.json and .md)", file=sys.stderr)


def loaded_pass(a, sizes: list[int], flavours: list[str], out: Path, env) -> list[dict]:
    """sgs and fastexcel on the same files with a.load CPU-bound processes running beside them."""
    runs = []
    for size in sizes:
        name, exp = ensure_generated(a.kind, size, out, a.seed, flavours)
        for fl in flavours:
            path = out / f"{name}{EXT[fl]}"
            with Load(a.load):
                la0 = os.getloadavg()[0]
                print(f"== {path.name} under load {a.load} (load average {la0:.1f})", file=sys.stderr)
                run = {"size": size, "flavour": fl, "file": path.name, "loadavg": la0,
                       **sgs_file(path, exp, out, a, env, tag=f"-load{a.load}")}
                run["fastexcel"] = best_of(a.repeat, lambda path=path: run_reader("fastexcel", path, a.timeout))
                run["loadavg_end"] = os.getloadavg()[0]
            print(f"   fastexcel {cell(run['fastexcel'])}", file=sys.stderr)
            runs.append(run)
    return runs


def table(results: dict) -> str:
    info = results["machine"]
    lines = [f"Machine: {info.get('nproc')} × {info.get('cpu')}, {info.get('mem_gb')} GB RAM, Python "
             f"{info.get('python')}; sgs-cli {info.get('sgs-cli')} (git {info.get('git_head')}"
             f"{', src dirty' if info.get('src_dirty') else ''}), python-calamine {info.get('python-calamine')}, "
             f"fastexcel {info.get('fastexcel')}, pandas {info.get('pandas')}, pandera {info.get('pandera')}; "
             f"{info.get('date')}. Kind: {results['kind']}, engine: {results.get('engine', 'row')}. Peak memory: PSS summed over the process tree. Best of {results.get('repeat', 1)} run(s); wall "
             f"times include process start-up and imports. Load average (1 min) at start/end: "
             f"{info.get('loadavg_start', 0):.1f}/{info.get('loadavg_end', 0):.1f}.", ""]
    hdr = ["rows", "flavour", "file MB", "sgs wall (cpu) / peak memory (all processes, PSS) (largest process RSS)", "sgs rows/s", "floor reader 1", "floor reader 2",
           "floor reader 3", "floor", "sgs/floor", "pandera", "sgs/pandera", "sgs exact?"]
    lines.append("| " + " | ".join(hdr) + " |")
    lines.append("|" + "|".join("---:" if i in (0, 2, 4, 9, 11) else "---" for i in range(len(hdr))) + "|")
    for r in results["runs"]:
        sgs, fl, pdr = r.get("sgs"), r.get("floor"), r.get("pandera")
        sgs_ok = sgs is not None and sgs["rc"] in (0, 1) and not sgs["timeout"]
        rps = f"{r['size'] / sgs['wall']:,.0f}" if sgs_ok else "–"  # by wall time
        readers = r.get("readers", [])
        rd = [f"{x['reader']} {cell(x)}" for x in readers] + ["–", "–", "–"]
        ratio_floor = f"{sgs['wall'] / fl['wall']:.1f}× (cpu {sgs['cpu'] / fl['cpu']:.1f}×)" if sgs_ok and fl else "–"
        pdr_ok = pdr is not None and pdr["rc"] == 0
        ratio_p = f"{sgs['wall'] / pdr['wall']:.1f}× (cpu {sgs['cpu'] / pdr['cpu']:.1f}×)" if sgs_ok and pdr_ok else "–"
        lines.append("| " + " | ".join([
            f"{r['size']:,}", r["flavour"], f"{r['mb']:.1f}", cell(sgs), rps, rd[0], rd[1], rd[2],
            f"{fl['reader']} {fmt_s(fl['wall'])} s" if fl else "–", ratio_floor, cell(pdr), ratio_p,
            r.get("exact", "–")]) + " |")
    lines.append("")
    if results.get("loaded"):
        lines += [f"Under load: {results['load']} CPU-bound processes (busy loops) running beside each measurement.", "",
                  "| rows | flavour | load average at start/end | sgs wall (cpu) / peak memory | fastexcel | sgs/fastexcel | sgs exact? |",
                  "|---:|---|---|---|---|---:|---|"]
        for r in results["loaded"]:
            sgs, fx = r.get("sgs"), r.get("fastexcel")
            ratio = f"{sgs['wall'] / fx['wall']:.2f}×" if _ok(sgs) and fx and fx.get("rc") == 0 else "–"
            lines.append(f"| {r['size']:,} | {r['flavour']} | {r['loadavg']:.1f}/{r['loadavg_end']:.1f} | {cell(sgs)} | "
                         f"{cell(fx)} | {ratio} | {r.get('exact', '–')} |")
        lines.append("")
    if "example_s" in results:
        lines.append(f"`sgs validate {results['example']} --format json` wall time: {results['example_s']:.2f} s (median of 5).")
    if "sgs_help_s" in results:
        lines.append(f"`sgs --help` wall time: {results['sgs_help_s']:.2f} s (median of 5).")
    rep = results.get("report")
    if rep and rep.get("ok"):
        lines.append(f"`sgs validate {rep['file']} --report receipt.xlsx`: {cell(rep)}.")
    for n in results.get("notes", []):
        lines.append(n)
    lines += ["", *targets(results)]
    return "\n".join(lines)


def _ok(m) -> bool:
    return m is not None and m.get("rc") in (0, 1) and not m.get("timeout")


def _cpu(a: dict, b: dict) -> str:
    """The CPU-time ratio beside a wall-time one: on a loaded machine the wall ratio tends to it."""
    return f"cpu {a['cpu'] / b['cpu']:.1f}×" if b.get("cpu") else "cpu –"


def _reader(r: dict, name: str) -> dict | None:
    return next((x for x in r.get("readers", []) if x["reader"] == name and x.get("rc") == 0), None)


def targets(results: dict) -> list[str]:
    """Issue 32's targets, each with the figure of this run that decides it ("not measured" when this run
    did not measure it)."""
    rows = []
    runs = results["runs"]

    def add(what: str, figure: str, met: bool | None) -> None:
        rows.append(f"| {what} | {figure} | {'–' if met is None else ('met' if met else 'NOT met')} |")

    def find(size, flavour):
        return next((r for r in runs if r["size"] == size and r["flavour"] == flavour), None)

    for flavour in ("inline", "shared"):
        r = find(1_000_000, flavour)
        fx = _reader(r, "fastexcel") if r else None
        what = f"1M xlsx {flavour}: sgs ≤ 1.5× fastexcel's full read (wall, same run)"
        if r and _ok(r.get("sgs")) and fx:
            x = r["sgs"]["wall"] / fx["wall"]
            add(what, f"{x:.2f}× ({fmt_s(r['sgs']['wall'])} s / {fmt_s(fx['wall'])} s; {_cpu(r['sgs'], fx)})", x <= 1.5)
        else:
            add(what, "not measured", None)
        what = f"1M xlsx {flavour}: ≥ 3× faster than pandera"
        if r and _ok(r.get("sgs")) and r.get("pandera") and r["pandera"].get("rc") == 0:
            x = r["pandera"]["wall"] / r["sgs"]["wall"]
            add(what, f"{x:.2f}× ({fmt_s(r['pandera']['wall'])} s / {fmt_s(r['sgs']['wall'])} s)", x >= 3)
        else:
            add(what, "not measured", None)
    for flavour in ("inline", "shared"):
        r = find(100_000, flavour)
        what = f"100k xlsx {flavour}: ≤ 2.5× the fastest read (wall with start-up)"
        if r and _ok(r.get("sgs")) and r.get("floor"):
            x = r["sgs"]["wall"] / r["floor"]["wall"]
            add(what, f"{x:.2f}× ({fmt_s(r['sgs']['wall'])} s / {r['floor']['reader']} {fmt_s(r['floor']['wall'])} s; "
                      f"{_cpu(r['sgs'], r['floor'])})", x <= 2.5)
        else:
            add(what, "not measured", None)
    for flavour in ("inline", "shared", "csv"):
        r = find(10_000, flavour)
        what = f"10k {flavour}: ≤ 1.0 s wall"
        if r and r.get("sgs"):
            m = r["sgs"]
            add(what, f"{m['wall']:.2f} s" if _ok(m) else "failed", _ok(m) and m["wall"] <= 1.0)
        else:
            add(what, "not measured", None)
    if "example_s" in results:
        add(f"the 30-row example ({results['example']}) ≤ 0.5 s wall", f"{results['example_s']:.2f} s",
            results["example_s"] <= 0.5)
    else:
        add("the 30-row example ≤ 0.5 s wall", "not measured", None)
    r = find(1_000_000, "csv")
    ac = _reader(r, "arrow-csv") if r else None
    if r and _ok(r.get("sgs")) and ac:
        x = r["sgs"]["wall"] / ac["wall"]
        add("1M CSV: sgs ≤ 5× pyarrow's CSV read", f"{x:.2f}× ({fmt_s(r['sgs']['wall'])} s / {fmt_s(ac['wall'])} s)",
            x <= 5)
    else:
        add("1M CSV: sgs ≤ 5× pyarrow's CSV read", "not measured", None)
    loaded = results.get("loaded") or []
    for flavour in ("inline", "shared"):
        r = next((r for r in loaded if r["size"] == 1_000_000 and r["flavour"] == flavour), None)
        what = f"1M xlsx {flavour} under load ({results.get('load', 2)} busy processes): ≤ 2× fastexcel under the same load"
        fx = r.get("fastexcel") if r else None
        if r and _ok(r.get("sgs")) and fx and fx.get("rc") == 0:
            x = r["sgs"]["wall"] / fx["wall"]
            add(what, f"{x:.2f}× ({fmt_s(r['sgs']['wall'])} s / {fmt_s(fx['wall'])} s; {_cpu(r['sgs'], fx)})", x <= 2)
        else:
            add(what, "not measured", None)
    for flavour in ("inline", "shared", "csv"):
        r = find(1_000_000, flavour)
        what = f"1M {flavour}: peak memory summed over all processes ≤ 1.5 GB"
        if r and _ok(r.get("sgs")):
            mb = r["sgs"].get("group_mb", r["sgs"]["rss_mb"])
            add(what, f"{fmt_mb(mb)} ({r['sgs'].get('procs', 1)} processes)", mb <= 1536)
        else:
            add(what, "not measured", None)
    exact = [r.get("exact") for r in runs + loaded if r.get("exact") is not None]
    if exact:
        bad = [e for e in exact if e != "exact"]
        add("exact everywhere: every planted error found, nothing extra",
            f"{len(exact) - len(bad)}/{len(exact)} runs exact", not bad)
    add("golden outputs byte-identical, SGS_ENGINE=both silent", "tests/golden, tests/validation (not the bench)", None)
    if "sgs_help_s" in results:
        add("`sgs --help` ≤ 0.3 s (issue 16)", f"{results['sgs_help_s']:.2f} s", results["sgs_help_s"] <= 0.3)
    rep = results.get("report")
    base = next((r for r in runs if rep and r["flavour"] == "inline" and r["file"] == rep.get("file")), None)
    if rep and rep.get("ok") and base and _ok(base.get("sgs")):
        x = rep["wall"] / base["sgs"]["wall"]
        add(f"`--report` at {base['size']:,} ≤ 2× the validation (issue 16)", f"{x:.2f}×", x <= 2)
    return ["Targets (issue 32):", "", "| target | this run | |", "|---|---|---|", *rows]


if __name__ == "__main__":
    main()
