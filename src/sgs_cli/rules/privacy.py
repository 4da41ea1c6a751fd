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


#: bytes.translate of a text's UTF-8 for the byte-level prefilter (Frame.translated_hits): "d" for an ASCII digit
#: and for the first byte of every character of 2 to 4 bytes but those of U+4000–U+9FFF (lead bytes E4–E9:
#: CJK ideographs, no digit and no separator among them, tests/rules/test_rules_privacy.py), "|" for NUL (the
#: texts' separator), "x" for the rest; continuation bytes and the ASCII separators deleted. A text in which
#: ELEVEN_DIGITS matches — 11 digits (one "d" each) with only separators (deleted, or one "d" each) between —
#: has 11 "d" in a row.
_DIGIT_TABLE = bytes(ord("d") if 0x30 <= b <= 0x39 or 0xC2 <= b <= 0xE3 or 0xEA <= b <= 0xF4 else
                     ord("|") if b == 0 else ord("x") for b in range(256))
_DIGIT_DELETE = bytes(range(0x80, 0xC0)) + b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f -"
_ELEVEN = b"d" * 11


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: a byte-level prefilter over each public text column at once (11 digits in a row,
    separators dropped: ``_DIGIT_TABLE``), then one vectorised search (RE2) over the texts it passed in
    all the columns for what the row form looks for — an 18-character ID number or a mobile number
    standing alone; only the rows that have one are looked at closely (by the row form, which also checks
    the ID number's check digit)."""
    import numpy as np
    import pyarrow as pa

    fields = [(code, f) for code, f in ctx.present(_public_text) if fr.has(code)]
    hit = np.zeros(fr.n, bool)
    picked = []  # (positions, their texts in Arrow) per column, searched together
    for code, _ in fields:
        arr = fr.texts_arrow(code)
        if arr is None:  # Python strings (a lone surrogate)
            hit |= fr.contains(code, _CANDIDATE_RE2)
            continue
        at = fr.translated_hits(code, _DIGIT_TABLE, _DIGIT_DELETE, _ELEVEN)
        if at is None:
            at = np.flatnonzero(fr.lengths(code) >= 11)  # the row form skips the shorter texts
        if len(at):
            picked.append((at, arr.take(pa.array(at)) if len(at) < fr.n else arr))
    if picked:
        import pyarrow.compute as pc

        from sgs_cli.io.arrowtext import as_mask

        found = as_mask(pc.match_substring_regex(pa.chunked_array([a for _, a in picked], pa.string()),
                                                 _CANDIDATE_RE2))
        hit[np.concatenate([at for at, _ in picked])[found]] = True
    out: list = []
    fields = ctx.present(_public_text)
    rows = np.flatnonzero(hit).tolist()
    if not rows:
        return out
    raws = {code: fr.raw_at(code, rows) for code, _ in fields}  # (a CSV column: the rows taken from Arrow)
    texts = {code: fr.text_at(code, rows) for code, _ in fields}
    for j, k in enumerate(rows):
        rec = Record(fr.numbers[k], {code: raws[code][j] for code, _ in fields})
        rec._texts = {code: texts[code][j] for code, _ in fields}
        out.extend(check(rec, ctx))
    return out


RULE = Rule("privacy", CODES, row=check, columns=columns)
