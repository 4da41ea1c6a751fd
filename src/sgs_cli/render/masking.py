"""One masking function for ID numbers in everything sgs prints (terminal, JSON, `deadlines --ledger`).

证件号码 are personal data and are never printed in full unless the user asks (``--show-sensitive``),
whatever column or text they were typed in: a message quoting a cell, a hint, a value, a sheet name,
an unclosed CSV quote that merged a whole row into one field. :func:`mask_ids` finds every run of 18
characters that looks like a 居民身份证号码 — 17 digits and a digit or X, in ASCII or full-width, with
spaces or hyphens between them, a lower-case x — that passes GB 11643 or nearly does (a wrong check
character but a real birth date) and masks its middle as 110101********1234.

>>> mask_ids("证件号码 11010519491231002x 有误")
'证件号码 110105********002X 有误'
>>> mask_ids("１１０１０５１９４９１２３１００２Ｘ")
'110105********002X'
>>> mask_ids("文号 中市监罚〔2019〕201号，金额 123456789012345678")
'文号 中市监罚〔2019〕201号，金额 123456789012345678'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

_D = "0-9\uff10-\uff19"
_SEP = "[ \u3000\u00a0\\-]?"
_ID_LIKE = re.compile(rf"(?<![{_D}A-Za-z\uff21-\uff3a\uff41-\uff5a])(?:[{_D}]{_SEP}){{17}}[{_D}Xx\uff38\uff58]"
                      rf"(?![{_D}A-Za-z\uff21-\uff3a\uff41-\uff5a])")
_QUICK = re.compile(f"[{_D}]")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

#: JSON keys whose values are the user's own paths, printed as given
PATH_KEYS = frozenset({"path", "file", "output"})


def _compact(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in " \u3000\u00a0-").upper()


def looks_like_id(number: str) -> bool:
    """18 characters passing GB 11643, or nearly: a real birth date or a right check character."""
    n = _compact(number)
    if len(n) != 18 or not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X") or n[0] == "0":
        return False
    if "10X98765432"[sum(int(c) * w for c, w in zip(n, _WEIGHTS)) % 11] == n[17]:
        return True
    try:
        born = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return False
    return 1890 <= born.year <= 2100


def _masked(n: str) -> str:
    return n[:6] + "*" * 8 + n[14:]


def mask_ids(text: Any) -> Any:
    """``text`` with every ID-number-like run masked; anything that is not a str is returned as it is."""
    if not isinstance(text, str) or len(text) < 18 or not _QUICK.search(text):
        return text

    def repl(m: re.Match) -> str:
        return _masked(_compact(m.group(0))) if looks_like_id(m.group(0)) else m.group(0)

    return _ID_LIKE.sub(repl, text)


def mask_tree(obj: Any, keep: Iterable[str] = PATH_KEYS) -> Any:
    """A JSON-ready structure with :func:`mask_ids` applied to every string in it, except the values of
    the keys in ``keep`` (the user's own paths)."""
    keep = keep if isinstance(keep, frozenset) else frozenset(keep)
    if isinstance(obj, str):
        return mask_ids(obj)
    if isinstance(obj, int) and not isinstance(obj, bool) and 10**17 <= obj < 10**18 and looks_like_id(str(obj)):
        return _masked(str(obj))
    if isinstance(obj, dict):  # short strings and None, the most values of a finding, without a call each
        return {k: (v if k in keep or v is None or (type(v) is str and len(v) < 18) else mask_tree(v, keep))
                for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [mask_tree(v, keep) for v in obj]
    return obj


__all__ = ["PATH_KEYS", "looks_like_id", "mask_ids", "mask_tree"]
