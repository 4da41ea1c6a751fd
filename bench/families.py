"""Where the columnar engine's time goes: one process, one file, µs per data row for reading, for making
the frames (the derive stage) and for each rule family's columnar form.

    python bench/families.py bench/out/penalty_100000.inline.xlsx [--repeat 1]

The file is read through the one input path (io/source.open_input) in this process (no worker processes),
so the figures add up to the single-process time of ``SGS_WORKERS=1 sgs validate``
minus start-up and output. Each part is timed in CPU seconds of this process (time.process_time): on a
shared machine wall time grows with the load, CPU time much less (the ratios of parts stay comparable).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
CLOCK = time.process_time  # CPU seconds of this process: the load of others does not count

from sgs_cli.io.source import open_input  # noqa: E402
from sgs_cli.records.header import detect  # noqa: E402
from sgs_cli.validation import columnar  # noqa: E402
from sgs_cli.validation.options import ValidateOptions, specs_for  # noqa: E402
from sgs_cli.validation.runner import COLUMNAR_ROWS, _arrow_columns, _data_rows, sheet_finish, sheet_start  # noqa: E402


def profile(path: str) -> tuple[int, dict[str, float]]:
    spent: dict[str, float] = defaultdict(float)
    opts = ValidateOptions(today=dt.date(2030, 1, 1))
    t = CLOCK()
    src = next(iter(open_input(path).sheets("lazy")))  # a large CSV as validate reads it
    hm = detect(src.head, specs_for(opts.kind), hint=src.name)
    mapper, ctx, report, rules = sheet_start(src.name, src.hidden, hm, opts)
    spent["read (open + head)"] += CLOCK() - t
    batches = src.batches()
    rows = 0
    while True:
        t = CLOCK()
        batch = next(batches, None)
        spent["read (parse batches)"] += CLOCK() - t
        if batch is None:
            break
        t = CLOCK()
        got = _arrow_columns(batch, mapper)  # a CSV slice read by Arrow: its columns, as the engine takes them
        if got is not None:
            frames = iter([columnar.Frame.from_columns(got[0], {}, mapper, got[1])] if got[0] else [])
        else:
            step = list(_data_rows(batch, mapper, ctx))
            frames = (columnar.Frame(step[i:i + COLUMNAR_ROWS], mapper) for i in range(0, len(step), COLUMNAR_ROWS))
        spent["frame (derive: 类别, buckets)"] += CLOCK() - t
        while True:
            t = CLOCK()
            fr = next(frames, None)
            spent["frame (derive: 类别, buckets)"] += CLOCK() - t
            if fr is None:
                break
            rows += fr.n
            for rule in rules:
                t = CLOCK()
                state = ctx.states[rule.name]
                if rule.columns is not None:
                    rule.columns(fr, ctx, state)
                else:
                    rule.batch(fr.records(), ctx, state)
                spent[f"family {rule.name}"] += CLOCK() - t
    t = CLOCK()
    sheet_finish(mapper, ctx, report)
    spent["finish"] += CLOCK() - t
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
    print(f"{args.file}: {rows:,} data rows, {total:.2f} s CPU in these parts ({total / rows * 1e6:.1f} µs/row)")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {k:34} {v:7.2f} s {v / rows * 1e6:8.1f} µs/row")


if __name__ == "__main__":
    main()
