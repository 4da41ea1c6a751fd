"""CSV at Arrow speed (issue 32): ``sgs validate`` of a generated CSV ledger read by Arrow (the default for
a large CSV without a quoted line break) and by the csv module (``SGS_CSV_READER=exact``, the path of
every other CSV), next to pyarrow's own CSV read of the same file, one process each, in one run.

    python bench/csv_speed.py --rows 100000,1000000 [--repeat 1] [--modes arrow,exact]

:func:`csv_figures` returns the figures of one file (bench/run.py's targets table may call it). sgs runs
as ``python -m sgs_cli`` on this checkout's ``src`` with byte-code caching on (as an installed package
runs), so the figures are those of the code beside this file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import compare  # noqa: E402
from run import PY, TODAY, best_of, ensure_generated, measure, run_reader  # noqa: E402

SRC = HERE.parent / "src"


def sgs_env(**extra: str) -> dict:
    """The environment of a measured sgs process: this checkout's sources, byte-code cached (in
    bench/out/pycache, as an installed package has its .pyc files), ``extra`` set."""
    env = dict(os.environ, PYTHONPATH=str(SRC), PYTHONPYCACHEPREFIX=str(HERE / "out" / "pycache"), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_sgs(path: Path, expected: dict | None, env: dict, timeout: float = 1800) -> dict:
    """One ``sgs validate FILE --format json`` (wall, cpu, peak memory of all its processes) and, with
    ``expected``, whether it found exactly the planted errors."""
    res = HERE / "out" / f".sgs_{path.name}.json"
    with open(res, "wb") as fh:
        m = measure([PY, "-m", "sgs_cli", "validate", str(path), "--format", "json", "--today", TODAY],
                    stdout=fh, timeout=timeout, env=env)
    if expected is not None and m["rc"] in (0, 1) and not m["timeout"]:
        try:
            m["exact"] = compare.summary(compare.compare(expected, json.loads(res.read_text(encoding="utf-8"))))
        except ValueError as e:
            m["exact"] = f"bad JSON ({e})"
    m["digest"] = _digest(res)
    return m


def _digest(res: Path) -> str:
    """SHA-256 of the findings of a JSON result (the same findings → the same digest, whatever the reader)."""
    import hashlib

    try:
        data = json.loads(res.read_text(encoding="utf-8"))
    except ValueError:
        return "–"
    for f in data.get("files", []):
        f.pop("path", None)
    data.pop("elapsed", None)
    return hashlib.sha256(json.dumps(data.get("files"), sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


def csv_figures(path: Path, expected: dict | None = None, repeat: int = 1, modes=("arrow", "exact"),
                timeout: float = 1800) -> dict:
    """The figures of one CSV: pyarrow's read (``arrow-csv`` of readers.py), then sgs with each reader
    (``arrow``: the default; ``exact``: SGS_CSV_READER=exact), each the best of ``repeat``; the ratio of
    each sgs run to pyarrow's read; whether the findings are the same (digest) and exact (planted errors)."""
    out: dict = {"file": path.name, "mb": round(path.stat().st_size / 1e6, 1)}
    floor = best_of(repeat, lambda: run_reader("arrow-csv", path, timeout))
    out["pyarrow"] = {k: floor.get(k) for k in ("wall", "cpu", "rss_mb", "work_s", "rc")}
    for mode in modes:
        env = sgs_env(SGS_CSV_READER=mode)
        m = best_of(repeat, lambda env=env: run_sgs(path, expected, env, timeout))
        fig = {k: m.get(k) for k in ("wall", "cpu", "group_mb", "rc", "exact", "digest", "walls")}
        if floor.get("rc") == 0 and m.get("rc") in (0, 1):
            fig["ratio"] = round(m["wall"] / floor["wall"], 2)
        out[mode] = fig
    return out


def markdown(rows: list[dict], modes) -> str:
    head = ["file", "MB", "pyarrow read"] + [f"sgs ({m})" for m in modes] + [f"{m} / pyarrow" for m in modes] \
        + ["same findings", "exact"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        sgs = [f"{r[m]['wall']:.2f} s (cpu {r[m]['cpu']:.1f} s, {r[m]['group_mb']:.0f} MB)" for m in modes]
        ratio = [f"{r[m].get('ratio', '–')}×" for m in modes]
        same = len({r[m]["digest"] for m in modes}) == 1
        exact = ", ".join(f"{m}: {r[m].get('exact', '–')}" for m in modes)
        lines.append("| " + " | ".join([r["file"], f"{r['mb']}", f"{r['pyarrow']['wall']:.2f} s", *sgs, *ratio,
                                        "yes" if same else "NO", exact]) + " |")
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", default="100000")
    ap.add_argument("--kind", choices=("penalty", "license"), default="penalty")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--modes", default="arrow,exact")
    ap.add_argument("--timeout", type=float, default=1800)
    a = ap.parse_args(argv)
    modes = [m for m in a.modes.split(",") if m]
    out = HERE / "out"
    rows = []
    for n in (int(s) for s in a.rows.split(",") if s):
        name, exp = ensure_generated(a.kind, n, out, 790, ["csv"])
        r = csv_figures(out / f"{name}.csv", exp, a.repeat, modes, a.timeout)
        print(json.dumps(r, ensure_ascii=False), file=sys.stderr)
        rows.append(r)
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(markdown(rows, modes))


if __name__ == "__main__":
    main()
