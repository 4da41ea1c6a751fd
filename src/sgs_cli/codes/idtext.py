"""One idea of an ID number (居民身份证号码) and a mobile number in free text, for every masking and every
privacy check of sgs (render/masking.py, rules/privacy.py, the public export, labels in reports).

A number is however a clerk, a program or a hostile file spells it: its digits in any Unicode decimal
form (ASCII, full-width, mathematical bold/sans/monospace, Arabic-Indic…) or as super-/subscripts (what
NFKC folds to digits), the X in any form NFKC folds to X or x, and between any two characters up to three
separators — spaces of every kind (non-breaking, ideographic, thin), zero-width characters (U+200B-U+200F,
U+2060-U+2064, U+FEFF, soft hyphen), hyphens and dashes (- ‐ ‑ ‒ – — − －).

>>> find_ids("证件号码 1101\\u200b0519491231002x")
['11010519491231002X']
>>> mask_ids("号码 𝟏𝟏𝟎𝟏𝟎𝟓𝟏𝟗𝟒𝟗𝟏𝟐𝟑𝟏𝟎𝟎𝟐X")
'号码 110105********002X'
>>> find_mobiles("电话 138\\u00a00013\\u00a08000")
['13800138000']
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

#: what may stand between two characters of a number (at most three in a row)
SEPARATORS = ("\\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d")
_SEP = f"[{SEPARATORS}]{{0,3}}"
#: a digit: any Unicode decimal digit (\d of a str pattern), or a super-/subscript digit
DIGIT = "[\\d\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]"
_X_FORMS = "Xx\uff38\uff58" + "".join(chr(c) for c in range(0x1D400, 0x1D6A4)
                                        if unicodedata.normalize("NFKC", chr(c)) in ("X", "x"))
_CHECK = f"(?:{DIGIT}|[{_X_FORMS}])"
#: no Latin letter or digit right before or after a number (a code of which it would be a part)
_EDGE = "\\dA-Za-z\uff21-\uff3a\uff41-\uff5a"
ID_LIKE = re.compile(f"(?<![{_EDGE}])(?:{DIGIT}{_SEP}){{17}}{_CHECK}(?![{_EDGE}])")
_S1 = f"[{SEPARATORS}]"
#: 11 digits not glued to another digit, even through separators (a run inside a spaced ID number is not one)
MOBILE_LIKE = re.compile(f"(?<![\\d.])(?<!\\d{_S1})(?<!\\d{_S1}{_S1})(?<!\\d{_S1}{_S1}{_S1})"
                         f"(?:{DIGIT}{_SEP}){{10}}{DIGIT}(?!{_SEP}\\d|\\.\\d)")
#: a cheap first look: a text without 11 digits (in any spelling, separated or not) holds neither
ELEVEN_DIGITS = re.compile(f"{DIGIT}(?:{_SEP}{DIGIT}){{10}}")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_MOBILE = re.compile(r"1[3-9]\d{9}")


def compact_number(text: str) -> str:
    """The digits (as ASCII) and X of a spelled number, separators dropped: "１１０ １０５…x" → "110105…X"."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isdecimal():
            out.append(str(unicodedata.decimal(ch)))
        elif ch in "Xx":
            out.append("X")
        elif ch.isdigit():  # a digit NFKC left as it is
            out.append(str(unicodedata.digit(ch)))
    return "".join(out)


def is_id(number: str, lenient: bool = True) -> bool:
    """18 characters (compacted) passing GB 11643; ``lenient``: or nearly — a wrong check character but a
    real birth date (a mistyped ID number is still personal data)."""
    n = compact_number(number)
    if len(n) != 18 or not n[:17].isdigit() or n[0] == "0":
        return False
    if "10X98765432"[sum(int(c) * w for c, w in zip(n, _WEIGHTS)) % 11] == n[17]:
        return True
    if not lenient:
        return False
    try:
        born = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return False
    return 1890 <= born.year <= 2100


def _quick(text: Any) -> bool:
    return isinstance(text, str) and len(text) >= 11 and ELEVEN_DIGITS.search(text) is not None


def id_spans(text: str, lenient: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, compacted number) of every ID number in ``text``."""
    if not _quick(text):
        return []
    return [(m.start(), m.end(), compact_number(m.group(0))) for m in ID_LIKE.finditer(text)
            if is_id(m.group(0), lenient)]


def find_ids(text: str, lenient: bool = True) -> list[str]:
    """The ID numbers in ``text`` (compacted), in order."""
    return [n for _, _, n in id_spans(text, lenient)]


def find_mobiles(text: str) -> list[str]:
    """The mobile numbers (11 digits, 1[3-9]…) in ``text``, compacted, in order."""
    if not _quick(text):
        return []
    out = []
    for m in MOBILE_LIKE.finditer(text):
        n = compact_number(m.group(0))
        if _MOBILE.fullmatch(n):
            out.append(n)
    return out


def masked(number: str) -> str:
    """110105********002X."""
    n = compact_number(number)
    return n[:6] + "*" * 8 + n[14:]


def mask_ids(text: Any) -> Any:
    """``text`` with every ID number masked (110105********002X); anything that is not a str is returned
    as it is."""
    if not _quick(text) or len(text) < 18:
        return text
    return ID_LIKE.sub(lambda m: masked(m.group(0)) if is_id(m.group(0)) else m.group(0), text)


def mask_mobiles(text: str, masker=None) -> str:
    """``text`` with every mobile number masked (138****8000, or ``masker(number)``)."""
    if not _quick(text):
        return text

    def repl(m: re.Match) -> str:
        n = compact_number(m.group(0))
        if not _MOBILE.fullmatch(n):
            return m.group(0)
        return masker(n) if masker else n[:3] + "****" + n[7:]

    return MOBILE_LIKE.sub(repl, text)


__all__ = ["DIGIT", "ELEVEN_DIGITS", "ID_LIKE", "MOBILE_LIKE", "SEPARATORS", "compact_number", "find_ids",
           "find_mobiles", "id_spans", "is_id", "mask_ids", "mask_mobiles", "masked"]
