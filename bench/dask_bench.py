"""A Parquet dataset validated single-process vs on a dask.distributed local cluster (issue 19).

    python bench/dataset.py --rows 1000000 --parts 10 --out bench/out/penalty_1m      # the data, seeded
    python bench/dask_bench.py bench/out/penalty_1m --workers 2 [--skip single]

* single: ``sgs_cli.validation.engine.validate_paths([dataset])`` in a child process (one core): wall
  time, peak RSS of that process;
* dask: ``validate_distributed`` on a LocalCluster of ``--workers`` worker processes with one thread each
  (started before the clock): wall time, peak RSS of each worker (``ru_maxrss`` read in the worker after
  the run), rows/s per worker; the findings Parquet dataset goes to ``<dataset>.findings``.

Both runs are checked against ``<dataset>.expected.json`` (the injected violations: (part, row, code))
and against each other (every finding's part, row, code and column, as a digest). Prints one JSON line
per run and a table for bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

TODAY = "2026-12-01"

_SINGLE = r"""
import datetime as dt, hashlib, json, resource, sys, time
t0 = time.perf_counter()
from sgs_cli.validation.engine import validate_paths
from sgs_cli.validation.options import ValidateOptions
last = [0]
def progress(path):
    def tick(fraction, rows):
        if rows - last[0] >= 100_000:
            last[0] = rows
            print(f"single {rows} rows {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    return tick
rep = validate_paths([sys.argv[1]], ValidateOptions(today=dt.date.fromisoformat(sys.argv[2])), progress)
wall = time.perf_counter() - t0
fr = rep.files[0]
assert fr.error is None, fr.error
keys = sorted((sr.sheet, f.row or 0, f.code, f.column or "") for sr in fr.sheets for f in sr.findings)
counts = {}
for _, _, c, _ in keys:
    counts[c] = counts.get(c, 0) + 1
print(json.dumps({"wall": wall, "rows": fr.rows, "counts": counts,
                  "digest": hashlib.sha256(json.dumps(keys, ensure_ascii=False).encode()).hexdigest(),
                  "found": [[p, r, c] for p, r, c, _ in keys],
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_single(dataset: Path) -> dict:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _SINGLE, str(dataset), TODAY], stdout=subprocess.PIPE, text=True)
    if out.returncode:
        raise SystemExit(f"single run failed: exit {out.returncode}")
    res = json.loads(out.stdout)
    res["wall_with_start"] = time.perf_counter() - t0
    return res


def _peak_rss_mb() -> float:
    import resource as r

    return r.getrusage(r.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(dataset: Path, workers: int, rows_per_partition: int) -> dict:
    import datetime as dt
    import logging

    import pyarrow.parquet as pq
    from distributed import Client, LocalCluster

    from sgs_cli.validation.distributed import validate_distributed
    from sgs_cli.validation.options import ValidateOptions

    out = dataset.with_name(dataset.name + ".findings")
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR, memory_limit=0) as cluster, Client(cluster) as client:
        start = time.perf_counter() - t0
        t1 = time.perf_counter()
        last = [0.0]

        def tick(fraction, rows):  # partial figures if the run is cut short
            if fraction - last[0] >= 0.02 or fraction == 1.0:
                last[0] = fraction
                print(f"dask {fraction:.3f} of tasks {time.perf_counter() - t1:.0f} s", file=sys.stderr, flush=True)

        s = validate_distributed(dataset, out, ValidateOptions(today=dt.date.fromisoformat(TODAY)), client=client,
                                 rows_per_partition=rows_per_partition, progress=tick)
        wall = time.perf_counter() - t1
        rss = client.run(_peak_rss_mb)
    t = pq.read_table(out, columns=["part", "row", "code", "column"]).to_pydict()
    keys = sorted((p, r or 0, c, col or "") for p, r, c, col in zip(t["part"], t["row"], t["code"], t["column"]))
    counts: dict = {}
    for _, _, c, _ in keys:
        counts[c] = counts.get(c, 0) + 1
    return {"wall": wall, "cluster_start": start, "rows": s.rows, "partitions": s.partitions, "workers": workers,
            "rows_per_s_per_worker": s.rows / wall / workers, "worker_peak_rss_mb": sorted(rss.values()),
            "client_peak_rss_mb": _peak_rss_mb(), "counts": counts,
            "digest": hashlib.sha256(json.dumps(keys, ensure_ascii=False).encode()).hexdigest(),
            "found": [[p, r, c] for p, r, c, _ in keys],
            "findings_mb": sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e6}


def exact(res: dict, expected: dict) -> str:
    found = {tuple(x) for x in res["found"]}
    want = {(p, r, c) for p, r, _col, c in expected["injected"]}
    return f"{len(want & found)}/{len(want)}"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rows-per-partition", type=int, default=100_000)
    ap.add_argument("--skip", default="", help="comma list of single, dask")
    a = ap.parse_args(argv)
    expected = json.loads(a.dataset.with_name(a.dataset.name + ".expected.json").read_text())
    size = sum(f.stat().st_size for f in a.dataset.rglob("*") if f.is_file()) / 1e6
    results = {}
    for name in ("dask", "single"):
        if name in a.skip.split(","):
            continue
        res = run_dask(a.dataset, a.workers, a.rows_per_partition) if name == "dask" else run_single(a.dataset)
        res["exact"] = exact(res, expected)
        results[name] = res
        line = {k: v for k, v in res.items() if k != "found"}
        print(json.dumps({"run": name, "dataset": str(a.dataset), "mb": round(size, 1), **line}, ensure_ascii=False),
              flush=True)
    if len(results) == 2:
        same = results["dask"]["digest"] == results["single"]["digest"]
        print(f"same findings (part, row, code, column) single vs dask: {same}")
    rows = expected["rows"]
    print("\n| run | rows | dataset MB | wall s | peak RSS | rows/s per worker | injected found |")
    print("|---|---:|---:|---:|---|---:|---|")
    if "single" in results:
        r = results["single"]
        print(f"| single process | {rows:,} | {size:.0f} | {r['wall']:.1f} | {r['maxrss_mb']:,.0f} MB | "
              f"{r['rows'] / r['wall']:,.0f} | {r['exact']} |")
    if "dask" in results:
        r = results["dask"]
        print(f"| LocalCluster {r['workers']} workers × 1 thread ({r['partitions']} partitions) | {rows:,} | {size:.0f} | "
              f"{r['wall']:.1f} (+{r['cluster_start']:.1f} start) | workers {' / '.join(f'{m:,.0f}' for m in r['worker_peak_rss_mb'])} MB, "
              f"client {r['client_peak_rss_mb']:,.0f} MB | {r['rows_per_s_per_worker']:,.0f} | {r['exact']} |")


if __name__ == "__main__":
    main()
