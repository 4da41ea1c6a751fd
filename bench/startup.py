"""Fixed costs of small runs (issue 32): wall time of ``sgs --help``, of ``sgs validate`` on the 30-row example
and on 10k-row ledgers (xlsx inline, shared, CSV), with ``python -c pass`` as the floor, each the median of
``--repeat`` runs, and the median CPU seconds of the same runs (the process and its waited-for children). With
``--before REV`` the same commands also run on the sources of git revision REV (extracted under
bench/out/before-REV), interleaved run by run with this checkout's, so both see the same machine noise.

    python bench/startup.py [--repeat 7] [--before 8ffb345] [--rows 10000]

:func:`startup_figures` returns the figures (bench/run.py's targets table may call it). sgs runs as
``python -m sgs_cli`` with byte-code caching on, as an installed package runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import PY, TODAY, ensure_generated, measure  # noqa: E402

ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "行政处罚台账.xlsx"


def _env(src: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONPYCACHEPREFIX=str(HERE / "out" / "pycache" / src.parent.name))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SGS_ENGINE", None)
    return env


def commands(rows: int | None = 10_000) -> dict[str, list[str]]:
    """The measured commands by name (the 10k ledgers only when generated or generatable)."""
    cmds = {"python -c pass": [PY, "-c", "pass"],
            "sgs --help": [PY, "-m", "sgs_cli", "--help"],
            "validate 30-row example": [PY, "-m", "sgs_cli", "validate", str(EXAMPLE), "--today", TODAY]}
    if rows:
        name, _ = ensure_generated("penalty", rows, HERE / "out", 790, ["inline", "shared", "csv"])
        for fl, ext in (("inline xlsx", "inline.xlsx"), ("shared xlsx", "shared.xlsx"), ("csv", "csv")):
            cmds[f"validate {rows // 1000}k {fl}"] = [PY, "-m", "sgs_cli", "validate", str(HERE / "out" / f"{name}.{ext}"),
                                                     "--format", "json", "--today", TODAY]
    return cmds


def startup_figures(repeat: int = 7, rows: int | None = 10_000, sources: dict[str, Path] | None = None,
                    cpu: bool = False) -> dict:
    """{source label: {command: median wall s}} over ``repeat`` interleaved runs (one run of every command
    of every source per round; the first round warms the byte-code cache and is not counted). ``cpu``: each
    figure is (median wall s, median CPU s) instead."""
    sources = sources or {"this checkout": ROOT / "src"}
    cmds = commands(rows)
    runs: dict = {label: {c: [] for c in cmds} for label in sources}
    for round_ in range(repeat + 1):
        for c, cmd in cmds.items():
            for label, src in sources.items():
                m = measure(cmd, env=_env(src), timeout=300)
                if round_:
                    runs[label][c].append((m["wall"], m["cpu"]))

    def median(ms: list, k: int) -> float:
        return round(statistics.median(m[k] for m in ms), 3)

    return {label: {c: (median(ms, 0), median(ms, 1)) if cpu else median(ms, 0) for c, ms in per.items()}
            for label, per in runs.items()}


def extract(rev: str) -> Path:
    """The src/ of a git revision, under bench/out/before-REV/src (made once)."""
    dest = HERE / "out" / f"before-{rev}"
    if not (dest / "src").is_dir():
        dest.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest / "src"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--rows", type=int, default=10_000, help="size of the generated ledgers (0: none)")
    ap.add_argument("--before", help="a git revision measured beside this checkout")
    a = ap.parse_args(argv)
    sources = {"this checkout": ROOT / "src"}
    if a.before:
        sources = {f"before ({a.before})": extract(a.before), **sources}
    load0 = os.getloadavg()[0]
    figs = startup_figures(a.repeat, a.rows or None, sources, cpu=True)
    print(json.dumps(figs, ensure_ascii=False), file=sys.stderr)
    labels = list(figs)
    print(f"median of {a.repeat} interleaved runs, wall (CPU: the process and its waited-for children); "
          f"load average (1 min) {load0:.1f} → {os.getloadavg()[0]:.1f}\n")
    print("| command | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for c in figs[labels[0]]:
        print(f"| {c} | " + " | ".join(f"{figs[label][c][0]:.2f} s (cpu {figs[label][c][1]:.2f})"
                                       for label in labels) + " |")


if __name__ == "__main__":
    main()
