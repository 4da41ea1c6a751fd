"""The columnar engine: a batch of rows as columns (the derive stage), and each rule family checked over
the frame by its columnar form (``columns(frame, ctx, state)`` in rules/<family>.py, next to its row form,
as pandera gives one check an implementation per backend): pandas with Arrow-backed strings and numpy
masks, each distinct cell value judged once, and the row form run only on the rows that need a closer
look, on Records holding only the fields the family reads (``Rule.reads``). A family without a columnar
form would run on full Records made from the same frame. The findings are those of the row engine, in the
same order (tests/test_columnar.py runs both engines on the golden inputs and on generated rows).

Used for 790 licence and penalty sheets when SGS_ENGINE=columnar (off by default: see bench/README.md for
what it gains and costs; 2015 layouts and the annex kinds stay on the row engine).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sgs_cli.io.cells import cell_text, normalize_text
from sgs_cli.records.mapping import _buckets, _derive_category
from sgs_cli.records.record import Record
from sgs_cli.standard.categories import category_of

if TYPE_CHECKING:
    from sgs_cli.records.mapping import SheetMapper

ENV = "SGS_ENGINE"


def enabled(mapper: "SheetMapper", prefer: bool = False) -> bool:
    """Whether this sheet goes through the columnar engine: SGS_ENGINE=columnar, or ``prefer`` (the
    partitions of a dataset, on this machine or on Dask) unless SGS_ENGINE=row."""
    choice = os.environ.get(ENV, "").strip().lower()
    wanted = choice == "columnar" or (prefer and choice != "row")
    return wanted and bool(mapper.prefix) and not mapper.legacy


def _text(v) -> str:
    if v is None or v == "":
        return ""
    return normalize_text(v if type(v) is str else cell_text(v))


class Frame:
    """One batch of data rows as columns: physical row numbers, each field's raw cell values and
    normalised texts (each distinct value normalised once), 行政相对人类别 and 处罚类别 buckets per row;
    Records made only when a family without a columnar form asks for them."""

    def __init__(self, numbered: list, mapper: "SheetMapper"):
        self.mapper = mapper
        self.numbers: list[int] = [n for n, _ in numbered]
        self._rows: list[list] = [r for _, r in numbered]
        self.n = len(self.numbers)
        # the source column of each code as Record.values has it (the last column read for a code)
        self.source: dict[str, int] = {code: i for code, i in mapper.sources}
        self.source.update(mapper.extensions)
        self._raw: dict[str, list] = {}
        self._text: dict[str, list] = {}
        self._strings: dict = {}
        self.damaged: dict[str, set] = {}  # code → positions whose cell Excel damaged (excel_damage)
        self.dates: list | None = None  # per position: field code → parsed date (the dates family)
        self._records: list | None = None
        self._light: dict = {}
        p = mapper.prefix
        if mapper.has_lb:
            memo: dict = {}
            self.category = []
            for t in self.text(f"{p}_XDR_LB"):
                c = memo.get(t)
                if c is None:
                    c = memo[t] = category_of(t)[0] or ""
                self.category.append(c or None)
            self.category_basis = [None] * self.n
        else:
            codes = [f"{p}_{s}" for s in ("XDR_SHXYM", "XDR_ZZJG", "XDR_GSZC", "XDR_SWDJ", "XDR_ZJHM")]
            cols = [(c, self.raw(c)) for c in codes if c in self.source]
            derived = [_derive_category({c: col[k] for c, col in cols}, p) for k in range(self.n)]
            self.category = [d[0] for d in derived]
            self.category_basis = [d[1] for d in derived]
        self.buckets = [_buckets(t) for t in self.text("CF_CFLB")] if p == "CF" else [frozenset()] * self.n

    def has(self, code: str) -> bool:
        return code in self.source

    def raw(self, code: str) -> list:
        """The raw cell values of a field ('' past the end of a short row; None for a field without a
        column)."""
        got = self._raw.get(code)
        if got is None:
            i = self.source.get(code)
            if i is None:
                got = [None] * self.n
            else:
                got = [row[i] if i < len(row) else "" for row in self._rows]
            self._raw[code] = got
        return got

    def text(self, code: str) -> list[str]:
        """Normalised text of a field, '' when blank (Record.text of every row)."""
        got = self._text.get(code)
        if got is None:
            memo: dict = {}
            got = []
            for v in self.raw(code):
                if type(v) is str:
                    t = memo.get(v)
                    if t is None:
                        t = memo[v] = _text(v)
                else:
                    t = _text(v)
                got.append(t)
            self._text[code] = got
        return got

    def strings(self, code: str):
        """The texts as a pandas Series of Arrow-backed strings (vectorised string checks)."""
        got = self._strings.get(code)
        if got is None:
            import pandas as pd

            try:
                got = pd.Series(self.text(code), dtype="string[pyarrow]")
            except (UnicodeError, ValueError, TypeError):  # a lone surrogate Arrow cannot hold: Python strings
                got = pd.Series(self.text(code), dtype=object)
            self._strings[code] = got
        return got

    def contains(self, code: str, pattern: str):
        """Numpy mask of the texts where a regular expression (written for both RE2 and Python's re) is
        found."""
        s = self.strings(code)
        if s.dtype == object:
            pattern = pattern.replace(r"\p{Nd}", r"\d")  # Python's \d is Unicode Nd
        return s.str.contains(pattern, regex=True).to_numpy(dtype=bool, na_value=False)

    def light(self, k: int, codes) -> Record:
        """Row k as a Record holding only the given fields (those a row form reads), with the row's 类别,
        处罚类别 buckets, parsed dates and damaged cells."""
        got = self._light.get(codes)
        if got is None:
            present = [c for c in codes if c in self.source]
            got = self._light[codes] = (present, [self.raw(c) for c in present], [self.text(c) for c in present],
                                        [(c, self.damaged[c]) for c in present if c in self.damaged])
        present, raws, texts, damaged = got
        rec = Record(self.numbers[k], {c: col[k] for c, col in zip(present, raws)})
        rec._texts = {c: col[k] for c, col in zip(present, texts)}
        rec.category, rec.category_basis, rec.buckets = self.category[k], self.category_basis[k], self.buckets[k]
        if self.dates is not None:
            rec.dates = self.dates[k]
        for c, positions in damaged:
            if k in positions:
                rec.damaged.add(c)
        return rec

    def set_dates(self, dates: list[dict]) -> None:
        """The parsed dates of each row (the dates family), for the families after it."""
        self.dates = dates
        for rec, d in zip(self._records or (), dates):
            rec.dates = d

    def cell(self, k: int, code: str) -> Record:
        """A Record holding one cell (for a finding's row and value)."""
        return Record(self.numbers[k], {code: self.raw(code)[k]})

    def records(self) -> list[Record]:
        """The batch as Records, exactly as SheetMapper.record makes them (with what columnar families
        noted: damaged cells)."""
        if self._records is None:
            codes = list(self.source)
            raws = [self.raw(c) for c in codes]
            texts = [self.text(c) for c in codes]
            out = []
            for k in range(self.n):
                rec = Record(self.numbers[k], {c: col[k] for c, col in zip(codes, raws)})
                rec._texts = {c: col[k] for c, col in zip(codes, texts)}
                rec.category, rec.category_basis = self.category[k], self.category_basis[k]
                rec.buckets = self.buckets[k]
                out.append(rec)
            if self.dates is not None:
                for rec, d in zip(out, self.dates):
                    rec.dates = d
            for code, positions in self.damaged.items():
                for k in positions:
                    out[k].damaged.add(code)
            self._records = out
        return self._records


def check_frame(fr: Frame, ctx, rules, partial: bool = False) -> list:
    """The findings of a frame, family by family (columnar form where there is one), in row order."""
    found: list = []
    for rule in rules:
        state = ctx.states[rule.name]
        if partial and rule.partial is not None:
            codes = rule.reads(ctx) if rule.reads is not None else None
            recs = [fr.light(k, codes) for k in range(fr.n)] if codes is not None else fr.records()
            rule.partial(recs, ctx, state)
        elif rule.columns is not None:
            found.extend(rule.columns(fr, ctx, state))
        else:
            found.extend(rule.batch(fr.records(), ctx, state))
    found.sort(key=_row)
    return found


def _row(f) -> int:
    return f.row
