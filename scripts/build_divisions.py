"""Build src/sgs_cli/standard/divisions.csv.gz — the county-level (and higher) administrative division codes
with the years each was in use — from the ``result.csv`` of yescallop/areacodes (CC0 1.0; compiled from the
民政部 中华人民共和国县级以上行政区划代码 of every year, state at 31 December):

    python scripts/build_divisions.py path/to/areacodes/result.csv

Kept: every code in use at the end of some year from 2000 on (a ledger of 2015 carries the codes of its
time; earlier ones are of no decision we check), as ``code,start,end,name,successors`` — ``end`` the first
year whose list no longer holds the code (empty: still in use), ``successors`` the codes the area went to.
A code that was renamed or reused has one line per period. The gzip stream has no timestamp: the same
input gives the same bytes.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "sgs_cli" / "standard" / "divisions.csv.gz"
FROM_YEAR = 2000


def main(argv=None) -> int:
    src = Path((argv or sys.argv[1:])[0])
    rows = list(csv.DictReader(src.read_text(encoding="utf-8-sig").splitlines()))
    last = max(int(r["启用时间"]) for r in rows)
    last = max(last, *(int(r["变更/弃用时间"]) for r in rows if r["变更/弃用时间"]))
    kept = []
    for r in rows:
        end = r["变更/弃用时间"]
        if end and int(end) <= FROM_YEAR:
            continue
        successors = ";".join(re.sub(r"\[\d+\]", "", c) for c in r["新代码"].split(";") if c and r["状态"] != "在用")
        kept.append((r["代码"], r["启用时间"], end, r["名称"], successors))
    kept.sort()
    buf = io.StringIO()
    buf.write(f"# 民政部 县级以上行政区划代码 {FROM_YEAR}-{last} (yescallop/areacodes result.csv, CC0 1.0)\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerows(kept)
    with open(OUT, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    print(f"{len(kept)} lines, {OUT.stat().st_size} bytes → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
