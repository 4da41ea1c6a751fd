"""Personal data in public free-text fields (docs/standard.md §1.5): 18-digit ID numbers that pass GB 11643
and mobile numbers must not appear in what is published.

Codes: PRIVACY_ID_NUMBER (error), PRIVACY_MOBILE (warning).
"""

from __future__ import annotations

from sgs_cli.codes import idtext, ric
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


def _public_text(f) -> bool:
    return f.public and f.type is FieldType.TEXT


def check(rec: Record, ctx: SheetContext, state=None):
    fields = ctx.present(_public_text)
    if not idtext.ELEVEN_DIGITS.search("\n".join(rec.text(code) for code, _ in fields)):
        return  # no 11 digits anywhere (in any spelling): neither an ID number nor a mobile number
    for code, f in fields:
        text = rec.text(code)
        if len(text) < 11:
            continue
        # an ID number however it is spelled (codes/idtext.py: any digits, separators, zero-width characters)
        for start, end, number in idtext.id_spans(text, lenient=False):
            if ric.is_valid(number):
                yield ctx.emit("PRIVACY_ID_NUMBER", rec, code, value=text[start:end], sensitive=True, name=f.name)
                break
        mobiles = idtext.find_mobiles(text)
        if mobiles:
            yield ctx.emit("PRIVACY_MOBILE", rec, code, value=mobiles[0], sensitive=True, name=f.name)


#: RE2 form of idtext.ELEVEN_DIGITS (11 digits in any spelling, up to three separators between two): a superset of
#: both; the rows that have one are looked at closely by the row form
#: (literal characters, so that the pattern reads the same in RE2 and in Python's re; RE2's \s is ASCII only)
_D_RE2 = idtext.DIGIT.replace("\\d", "\\p{Nd}")
_SEP_RE2 = f"[{idtext.SEPARATORS}\x0b\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{{0,3}}"
_ELEVEN_RE2 = _D_RE2 + "(?:" + _SEP_RE2 + _D_RE2 + "){10}"
#: RE2: where the row form may find something — 11 digits after no ASCII letter or digit (an ID number:
#: idtext.ID_LIKE's look-behind), or after no ASCII digit or "." and before no ASCII digit (a mobile number:
#: MOBILE_LIKE's look-around); ASCII classes, so a superset whatever RE2's and Python's Unicode tables say
_CANDIDATE_RE2 = f"(?:^|[^0-9A-Za-z]){_ELEVEN_RE2}|(?:^|[^0-9.]){_ELEVEN_RE2}(?:$|[^0-9])"


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: a vectorised search (RE2) for what the row form looks for — an 18-character ID
    number or a mobile number standing alone — in each public text column; only the rows that have one
    are looked at closely (by the row form, which also checks the ID number's check digit)."""
    import numpy as np

    fields = [(code, f) for code, f in ctx.present(_public_text) if fr.has(code)]
    hit = np.zeros(fr.n, bool)
    for code, _ in fields:
        hit |= _candidates(fr, code)
    out = []
    fields = ctx.present(_public_text)
    for k in np.flatnonzero(hit).tolist():
        rec = Record(fr.numbers[k], {code: fr.raw(code)[k] for code, _ in fields})
        rec._texts = {code: fr.text(code)[k] for code, _ in fields}
        out.extend(check(rec, ctx))
    return out


def _candidates(fr, code: str):
    """Mask of the texts of a column where _CANDIDATE_RE2 is found, searched only in the texts of 11
    characters or more (the row form skips the shorter ones; a column of short or empty texts costs no
    search)."""
    import numpy as np

    arr = fr.texts_arrow(code)
    if arr is None:
        return fr.contains(code, _CANDIDATE_RE2)
    import pyarrow.compute as pc

    from sgs_cli.io.arrowtext import as_mask

    at = np.flatnonzero(fr.lengths(code) >= 11)
    got = np.zeros(fr.n, bool)
    if len(at):
        got[at] = as_mask(pc.match_substring_regex(arr.take(at) if len(at) < fr.n else arr, _CANDIDATE_RE2))
    return got


RULE = Rule("privacy", CODES, row=check, columns=columns)
