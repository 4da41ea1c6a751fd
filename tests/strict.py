"""Test-only strictness for the engines (imported by conftest.py and the engine tests).

``StrictRecord``: the light Record the columnar engine hands a row form (columnar.Frame.light) raises
when the form reads a field its family did not declare in ``Rule.reads`` — in the real engine such a read
gives '' and the finding is lost without a sound. ``strict_engines(monkeypatch)``: SGS_ENGINE=both (the
row engine and the columnar engine on every batch, any difference an EngineDrift) with strict records."""

from __future__ import annotations

from sgs_cli.records.record import Record
from sgs_cli.validation import columnar


class UndeclaredRead(AssertionError):
    pass


class StrictRecord(Record):
    __slots__ = ("declared",)

    def _allowed(self, code: str) -> None:
        if code not in self.declared:
            raise UndeclaredRead(f"row {self.row}: a row form read {code}, not among its family's reads "
                                 f"{sorted(self.declared)}")

    def raw(self, code: str):
        self._allowed(code)
        return Record.raw(self, code)

    def text(self, code: str) -> str:
        self._allowed(code)
        return Record.text(self, code)

    def has(self, code: str) -> bool:
        self._allowed(code)
        return Record.has(self, code)


_light = columnar.Frame.light


def strict_light(self, k: int, codes) -> Record:
    rec = _light(self, k, codes)
    out = StrictRecord(rec.row, rec.values, rec.category, rec.dates, rec.buckets, rec.damaged, rec._texts,
                       rec.review, rec.category_basis)
    out.declared = frozenset(codes)
    return out


def strict_engines(monkeypatch) -> None:
    monkeypatch.setenv(columnar.ENV, "both")
    monkeypatch.setattr(columnar.Frame, "light", strict_light)
