"""Where the columnar engine's time goes: one process, one file, µs per data row for reading, for making
the frames (the derive stage) and for each rule family's columnar form.

    python bench/families.py bench/out/penalty_100000.inline.xlsx [--repeat 1]

The file is read through the one input path (io/source.open_input) in this process (no worker processes),
so the figures add up to the single-process time of ``SGS_WORKERS=1 sgs validate``
minus start-up and output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sgs_cli.io.source import open_input  # noqa: E402
from sgs_cli.records.header import detect  # noqa: E402
from sgs_cli.validation import columnar  # noqa: E402
from sgs_cli.validation.options import ValidateOptions, specs_for  # noqa: E402
from sgs_cli.validation.runner import COLUMNAR_ROWS, _data_rows, sheet_finish, sheet_start  # noqa: E402


def profile(path: str) -> tuple[int, dict[str, float]]:
    spent: dict[str, float] = defaultdict(float)
    opts = ValidateOptions(today=dt.date(2030, 1, 1))
    t = time.perf_counter()
    src = next(iter(open_input(path).sheets()))
    hm = detect(src.head, specs_for(opts.kind), hint=src.name)
    mapper, ctx, report, rules = sheet_start(src.name, src.hidden, hm, opts)
    spent["read (open + head)"] += time.perf_counter() - t
    batches = src.batches()
    rows = 0
    while True:
        t = time.perf_counter()
        batch = next(batches, None)
        spent["read (parse batches)"] += time.perf_counter() - t
        if batch is None:
            break
        step = list(_data_rows(batch, mapper, ctx))
        for i in range(0, len(step), COLUMNAR_ROWS):
            t = time.perf_counter()
            fr = columnar.Frame(step[i:i + COLUMNAR_ROWS], mapper)
            spent["frame (derive: 类别, buckets)"] += time.perf_counter() - t
            rows += fr.n
            for rule in rules:
                t = time.perf_counter()
                state = ctx.states[rule.name]
                if rule.columns is not None:
                    rule.columns(fr, ctx, state)
                else:
                    rule.batch(fr.records(), ctx, state)
                spent[f"family {rule.name}"] += time.perf_counter() - t
    t = time.perf_counter()
    sheet_finish(mapper, ctx, report)
    spent["finish"] += time.perf_counter() - t
    return rows, spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--repeat", type=int, default=1, help="keep the fastest of N runs per part")
    args = ap.parse_args()
    best: dict[str, float] = {}
    rows = 0
    for _ in range(args.repeat):
        rows, spent = profile(args.file)
        for k, v in spent.items():
            best[k] = min(v, best.get(k, v))
    total = sum(best.values())
    print(f"{args.file}: {rows:,} data rows, {total:.2f} s in these parts ({total / rows * 1e6:.1f} µs/row)")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {k:34} {v:7.2f} s {v / rows * 1e6:8.1f} µs/row")


if __name__ == "__main__":
    main()
