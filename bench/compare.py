"""Compare `sgs validate --format json` output with a generator's ``<name>.expected.json``.

    python bench/compare.py bench/out/penalty_10000.expected.json result.json [-v]

Only error and warning findings count (info findings are listed separately). A finding is
*row-level* when it names a data row (row > header row) and a column; every other finding is
*sheet-level* (header row, no cell). Exact = every injected (row, column, code) found, no other
row-level error/warning finding, and no sheet-level error/warning other than those the expected
file declares as right by construction.
"""

from __future__ import annotations

import json
import sys
from collections import Counter


def compare(expected: dict, result: dict) -> dict:
    header_row = expected.get("header_row", 1)
    want = {(r, c): code for r, c, code in expected["injected"]}
    got_cells: dict[tuple, list[str]] = {}
    sheet_level: Counter = Counter()
    info: Counter = Counter()
    file_errors = []
    for f in result.get("files", []):
        if f.get("error"):
            file_errors.append(f["error"])
        for sh in f.get("sheets", []):
            for x in sh.get("findings", []):
                sev, code, row, col = x["severity"], x["code"], x.get("row"), x.get("column")
                if sev not in ("error", "warning"):
                    info[code] += 1
                    continue
                if row is None or row <= header_row or not col:
                    sheet_level[code] += 1
                    continue
                got_cells.setdefault((row, col), []).append(code)
    found = Counter()
    missing, extra = [], []
    for cell, code in want.items():
        codes = got_cells.get(cell, [])
        if code in codes:
            found[code] += 1
        else:
            missing.append((*cell, code, codes))
    for cell, codes in got_cells.items():
        for code in codes:
            if want.get(cell) != code or codes.count(code) > 1 and want.get(cell) == code:
                extra.append((*cell, code))
    # a duplicated finding of the expected code at its cell counts once as found, the rest as extra
    extra = sorted(set(extra)) if extra else []
    allowed = set(expected.get("sheet_level_expected", {}))
    unexpected_sheet = {c: n for c, n in sheet_level.items() if c not in allowed}
    got_counts = Counter(code for codes in got_cells.values() for code in codes)
    exact = not missing and not extra and not unexpected_sheet and not file_errors
    return {
        "exact": exact,
        "expected": len(want),
        "found": sum(found.values()),
        "missing": missing,
        "extra": extra,
        "per_code": {c: {"expected": n, "found": found.get(c, 0), "reported": got_counts.get(c, 0)}
                     for c, n in sorted(Counter(want.values()).items())},
        "extra_codes": dict(Counter(c for _, _, c in extra)),
        "sheet_level": dict(sheet_level),
        "unexpected_sheet_level": unexpected_sheet,
        "info": dict(info),
        "file_errors": file_errors,
    }


def summary(cmp: dict) -> str:
    """One short cell for the benchmark table: ``exact`` or ``97/100, +3 extra``."""
    if cmp["exact"]:
        return "exact"
    bits = [f"{cmp['found']}/{cmp['expected']}"]
    if cmp["extra"]:
        bits.append(f"+{len(cmp['extra'])} extra")
    if cmp["unexpected_sheet_level"]:
        bits.append("sheet:" + ",".join(sorted(cmp["unexpected_sheet_level"])))
    if cmp["file_errors"]:
        bits.append("file error")
    return ", ".join(bits)


def report(cmp: dict, limit: int = 30) -> str:
    lines = [f"exact: {cmp['exact']}  found {cmp['found']}/{cmp['expected']} injected, "
             f"{len(cmp['extra'])} extra row-level findings"]
    lines.append("per code (expected / found at the injected cell / reported anywhere):")
    for c, d in cmp["per_code"].items():
        flag = "" if d["expected"] == d["found"] == d["reported"] else "   <-- mismatch"
        lines.append(f"  {c:32s} {d['expected']:6d} {d['found']:6d} {d['reported']:6d}{flag}")
    if cmp["extra_codes"]:
        lines.append(f"extra findings by code: {cmp['extra_codes']}")
    for r, c, code, got in cmp["missing"][:limit]:
        lines.append(f"  MISSING {c}{r} {code} (found there: {got or '-'})")
    for r, c, code in cmp["extra"][:limit]:
        lines.append(f"  EXTRA   {c}{r} {code}")
    if cmp["sheet_level"]:
        lines.append(f"sheet-level error/warning findings: {cmp['sheet_level']}"
                     + (f"  UNEXPECTED: {cmp['unexpected_sheet_level']}" if cmp["unexpected_sheet_level"] else ""))
    if cmp["info"]:
        lines.append(f"info findings (not compared): {cmp['info']}")
    for e in cmp["file_errors"]:
        lines.append(f"FILE ERROR: {e}")
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        print(__doc__)
        return 2
    with open(argv[0], encoding="utf-8") as fh:
        expected = json.load(fh)
    with open(argv[1], encoding="utf-8") as fh:
        result = json.load(fh)
    cmp = compare(expected, result)
    print(report(cmp, limit=10**9 if "-v" in argv else 30))
    return 0 if cmp["exact"] else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into head
        sys.exit(0)
