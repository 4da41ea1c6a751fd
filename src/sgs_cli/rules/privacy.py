"""Personal data in public free-text fields (docs/standard.md §1.5): 18-digit ID numbers that pass GB 11643
and mobile numbers must not appear in what is published.

Codes: PRIVACY_ID_NUMBER (error), PRIVACY_MOBILE (warning).
"""

from __future__ import annotations

import re

from sgs_cli.codes import ric
from sgs_cli.standard import FieldType
from sgs_cli.findings import ERROR, WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.records.record import Record
from sgs_cli.rules.context import SheetContext

CODES = declare("privacy", {
    "PRIVACY_ID_NUMBER": Code(ERROR, "公开字段中含身份证号码", "公开字段“{name}”中含身份证号码",
                              "身份证号码不得公示，请删除或改用“证件号码”字段（不公示）"),
    "PRIVACY_MOBILE": Code(WARNING, "公开字段中含手机号码", "公开字段“{name}”中含手机号码", "自然人的通信方式不得公示，请删除"),
})

_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![\d.])(1[3-9]\d{9})(?!\d|\.\d)")


def _public_text(f) -> bool:
    return f.public and f.type is FieldType.TEXT


_DIGITS = re.compile(r"\d{11}")


def check(rec: Record, ctx: SheetContext, state=None):
    fields = ctx.present(_public_text)
    if not _DIGITS.search("\n".join(rec.text(code) for code, _ in fields)):
        return  # no run of 11 digits anywhere: neither an ID number nor a mobile number
    for code, f in fields:
        text = rec.text(code)
        if len(text) < 11:
            continue
        for m in _ID.finditer(text):
            if ric.is_valid(m.group(1)):
                yield ctx.emit("PRIVACY_ID_NUMBER", rec, code, value=m.group(1), sensitive=True, name=f.name)
                break
        m = _MOBILE.search(text)
        if m:
            yield ctx.emit("PRIVACY_MOBILE", rec, code, value=m.group(1), sensitive=True, name=f.name)


#: RE2 forms of _ID and _MOBILE (the look-arounds as consumed characters: a text has a match of one
#: exactly when it has one of the other): only rows with one are looked at closely
_ID_RE2 = r"(?:^|[^0-9A-Za-z])\p{Nd}{17}[\p{Nd}Xx](?:$|[^0-9A-Za-z])"
_MOBILE_RE2 = r"(?:^|[^\p{Nd}.])1[3-9]\p{Nd}{9}(?:$|[^\p{Nd}.]|\.(?:$|[^\p{Nd}]))"


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: a vectorised search (RE2) for what the row form looks for — an 18-character ID
    number or a mobile number standing alone — in each public text column; only the rows that have one
    are looked at closely (by the row form, which also checks the ID number's check digit)."""
    import numpy as np

    fields = [(code, f) for code, f in ctx.present(_public_text) if fr.has(code)]
    hit = np.zeros(fr.n, bool)
    for code, _ in fields:
        hit |= fr.contains(code, f"{_ID_RE2}|{_MOBILE_RE2}")
    out = []
    fields = ctx.present(_public_text)
    for k in np.flatnonzero(hit).tolist():
        rec = Record(fr.numbers[k], {code: fr.raw(code)[k] for code, _ in fields})
        rec._texts = {code: fr.text(code)[k] for code, _ in fields}
        out.extend(check(rec, ctx))
    return out


RULE = Rule("privacy", CODES, row=check, columns=columns)
