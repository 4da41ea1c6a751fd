"""Header coverage of real files: per sheet, the layout found and how many header cells were matched to a
standard field, named as known extras, or left unknown. Used for the before/after figures of issue 13.

    python scripts/header_coverage.py DIR [DIR ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.records.header import detect
from sgs_cli.io.reading import SUFFIXES, read_sheets


def main(dirs: list[str]) -> None:
    totals = [0, 0, 0]
    for root in dirs:
        for p in sorted(Path(root).rglob("*")):
            if p.suffix.lower() not in SUFFIXES:
                continue
            try:
                sheets = read_sheets(p)
            except InputError as e:
                print(f"{p.relative_to(root)}\t无法读取：{e.message}")
                continue
            for s in sheets:
                if s.is_empty:
                    continue
                hm = detect(s.rows, hint=f"{p.stem} {s.name}")
                if hm is None:
                    continue
                n, r, x = len(hm.texts), len(hm.columns), len(hm.extras)
                totals[0] += n
                totals[1] += r
                totals[2] += x
                unknown = "、".join(hm.texts[i] for i in hm.unknown)
                print(f"{p.relative_to(root)}:{s.name}\t{hm.spec.kind}/{hm.spec.standard}\t{n} 列：识别 {r}，"
                      f"扩展 {x}，未识别 {n - r - x}\t{unknown}")
    print(f"合计 {totals[0]} 列：识别 {totals[1]}，扩展 {totals[2]}，未识别 {totals[0] - totals[1] - totals[2]}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["."])
