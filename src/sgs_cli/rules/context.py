"""What a rule sees: one record (a data row mapped to 790 field codes) and the sheet context."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sgs_cli.findings import ERROR, INFO, WARNING, Finding
from sgs_cli.standard import Field, SheetSpec
from sgs_cli.io.cells import cell_text
from sgs_cli.records.record import Record, column_letter


@dataclass
class SheetContext:
    spec: SheetSpec  # the 790/annex spec the records are expressed in
    sheet: str
    columns: dict[str, int]  # field code → 0-based column index in the sheet
    today: dt.date
    header_row: int
    prefix: str = ""  # "XK" or "CF" for licence/penalty
    state: dict = field(default_factory=dict)  # per-sheet state of stateful rules (duplicates)
    options: object = None
    fields: dict[str, Field] = field(default_factory=dict)

    def __post_init__(self):
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

    def finding(self, severity: str, code: str, rec: Record | None, field_code: str | None, message: str,
                hint: str = "", value=None, sensitive: bool | None = None) -> Finding:
        f = self.fields.get(field_code) if field_code else None
        if sensitive is None:
            sensitive = bool(f is not None and not f.public)
        return Finding(severity=severity, code=code, message=message,
                       row=rec.row if rec is not None else self.header_row,
                       column=self.col(field_code) if field_code else None,
                       field=field_code, field_name=f.name if f else None,
                       value=value if value is not None or rec is None or not field_code
                       else cell_text(rec.raw(field_code)),
                       hint=hint, sensitive=sensitive)

    def error(self, *a, **kw) -> Finding:
        return self.finding(ERROR, *a, **kw)

    def warning(self, *a, **kw) -> Finding:
        return self.finding(WARNING, *a, **kw)

    def info(self, *a, **kw) -> Finding:
        return self.finding(INFO, *a, **kw)
