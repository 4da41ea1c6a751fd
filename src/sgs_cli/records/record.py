"""A record: one data row of a sheet, its cells keyed by the field codes of the modern spec."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

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
