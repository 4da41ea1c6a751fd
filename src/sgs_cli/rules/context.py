"""What a rule sees: one record (a data row mapped to 790 field codes) and the sheet context."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from sgs_cli.findings import ERROR, INFO, WARNING, Finding
from sgs_cli.standard import Field, SheetSpec
from sgs_cli.io.cells import cell_text, normalize_text


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass(slots=True)
class Record:
    row: int  # physical row number
    values: dict  # field code → raw cell value (only fields with a column)
    category: str | None = None  # canonical 行政相对人类别, when known
    dates: dict = field(default_factory=dict)  # field code → parsed date
    buckets: frozenset = frozenset()  # 790 处罚类别 buckets of a penalty
    damaged: set = field(default_factory=set)  # codes whose cell Excel damaged (skip checksum rules)
    _texts: dict = field(default_factory=dict)  # memo of text()
    review: tuple | None = None  # (old code, meaning) of a 2015 当前状态 that needs manual review
    category_basis: str | None = None  # how an inferred category was inferred (no 行政相对人类别 column)

    def category_phrase(self) -> str:
        """“行政相对人类别为“自然人”” — or, when the sheet has no 类别 column, “行政相对人类别按代码前缀推断为
        “个体工商户””: an inferred fact is said to be inferred."""
        return f"行政相对人类别{self.category_basis or ''}为“{self.category}”"

    def raw(self, code: str):
        return self.values.get(code)

    def fill_texts(self) -> None:
        """Normalise every present cell once (rules then read rec.text without recomputing)."""
        texts = self._texts
        for code, v in self.values.items():
            if v is None or v == "":
                texts[code] = ""
            else:
                texts[code] = normalize_text(v if type(v) is str else cell_text(v))

    def text(self, code: str) -> str:
        """The cell as normalised text ('' when blank), computed once per record and field."""
        t = self._texts.get(code)
        if t is None:
            v = self.values.get(code)
            if v is None or v == "":
                t = ""
            else:
                t = normalize_text(v if type(v) is str else cell_text(v))
            self._texts[code] = t
        return t

    def has(self, code: str) -> bool:
        return code in self.values


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
