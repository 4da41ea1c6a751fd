"""What every whole-file reader gives: a sheet of rows with their physical row numbers (workbook.py,
csvfile.py), and how many rows header recognition is offered."""

from __future__ import annotations

from dataclasses import dataclass, field

#: rows offered for header recognition (records.header scans at most this many): every reader's first batch
#: holds them (io.source)
HEAD_ROWS = 30


@dataclass
class RawSheet:
    name: str
    rows: list[list]  # rows[i] is physical row i + 1
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based (r0, c0, r1, c1)
    #: 0-based (row, column) of .xlsx cells holding a formula but no cached value (read as "")
    formula_no_value: set[tuple[int, int]] = field(default_factory=set)
    #: 0-based (row, column) → error value ("#N/A", "#DIV/0!" …) of .xlsx cells showing an error (read as "")
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    #: how the file was decoded / repaired in memory, for the record (e.g. "CSV编码：GB18030/GBK")
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(any(v not in ("", None) for v in r) for r in self.rows)
