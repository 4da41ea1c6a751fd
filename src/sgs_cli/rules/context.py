"""What a rule sees: one record (a data row mapped to 790 field codes) and the sheet context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sgs_cli.findings import Finding
from sgs_cli.standard import Field, SheetSpec
from sgs_cli.io.cells import cell_text
from sgs_cli.records.record import Record, column_letter
from sgs_cli.rules.base import make


@dataclass
class SheetContext:
    spec: SheetSpec  # the 790/annex spec the records are expressed in
    sheet: str
    columns: dict[str, int]  # field code → 0-based column index in the sheet
    today: dt.date
    header_row: int
    prefix: str = ""  # "XK" or "CF" for licence/penalty
    state: dict = field(default_factory=dict)  # the runner's notes of the sheet ("titles" above the header)
    options: Any = None  # validation.ValidateOptions (a layer above: not imported here), or None
    fields: dict[str, Field] = field(default_factory=dict)
    extensions: dict = field(default_factory=dict)  # extension key (e.g. "_XYCD") → 0-based column index
    #: each rule family's own per-sheet state (rules/base.Rule.start), by family name
    states: dict = field(default_factory=dict)
    column_of: Callable[[str], int | None] | None = None  # source field code (a 2015 code too) → 0-based column index (HeaderMap.column_of)
    families: tuple = ()  # the rule families run on the sheet, in order (rules/registry.py)

    def __post_init__(self) -> None:
        self.fields = {f.code: f for f in self.spec.fields}
        self._present: dict = {}

    def present(self, pred) -> list:
        """(code, Field) of the columns present whose field satisfies pred; cached per predicate."""
        got = self._present.get(pred)
        if got is None:
            got = [(c, self.fields[c]) for c in self.columns if c in self.fields and pred(self.fields[c])]
            self._present[pred] = got
        return got

    def k(self, suffix: str) -> str:
        """Field code for a suffix shared by licence and penalty: k("XDR_LB") → "CF_XDR_LB"."""
        return f"{self.prefix}_{suffix}" if self.prefix else suffix

    def col(self, code: str) -> str | None:
        i = self.columns.get(code)
        return None if i is None else column_letter(i)

    def emit(self, code: str, rec: Record | None, field_code: str | None, *, variant: str = "",
             severity: str | None = None, value=None, sensitive: bool | None = None, **params) -> Finding:
        """A finding of a declared code at the record's cell of ``field_code`` (the header row without a
        record); message and hint from the code's template and ``params``."""
        f = self.fields.get(field_code) if field_code else None
        if sensitive is None:
            sensitive = bool(f is not None and not f.public)
        return make(code, variant=variant, severity=severity,
                    row=rec.row if rec is not None else self.header_row,
                    column=self.col(field_code) if field_code else None,
                    field=field_code, field_name=f.name if f else None,
                    value=value if value is not None or rec is None or not field_code
                    else cell_text(rec.raw(field_code)),
                    sensitive=sensitive, **params)
