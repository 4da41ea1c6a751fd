"""One masking function for ID numbers in everything sgs prints (terminal, JSON, `deadlines --ledger`).

证件号码 are personal data and are never printed in full unless the user asks (``--show-sensitive``),
whatever column or text they were typed in: a message quoting a cell, a hint, a value, a sheet name,
an unclosed CSV quote that merged a whole row into one field. :func:`mask_ids` finds every run of 18
characters that looks like a 居民身份证号码 — 17 digits and a digit or X, in any Unicode spelling, with
separators between them, a lower-case x — that passes GB 11643 or nearly does (a wrong check
character but a real birth date) and masks its middle as 110101********1234. What counts as an ID number
however it is spelled (mathematical digits, zero-width characters, non-breaking spaces…) is said once, in
codes/idtext.py.

>>> mask_ids("证件号码 11010519491231002x 有误")
'证件号码 110105********002X 有误'
>>> mask_ids("１１０１０５１９４９１２３１００２Ｘ")
'110105********002X'
>>> mask_ids("文号 中市监罚〔2019〕201号，金额 123456789012345678")
'文号 中市监罚〔2019〕201号，金额 123456789012345678'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sgs_cli.codes.idtext import is_id as looks_like_id, mask_ids, masked as _masked

#: JSON keys whose values are the user's own paths, printed as given
PATH_KEYS = frozenset({"path", "file", "output"})
#: the least 18-digit number: an integer below it cannot be an ID card number written as a number
_ID_LOW = 10**17


def mask_tree(obj: Any, keep: Iterable[str] = PATH_KEYS) -> Any:
    """A JSON-ready structure with :func:`mask_ids` applied to every string in it, except the values of
    the keys in ``keep`` (the user's own paths)."""
    keep = keep if isinstance(keep, frozenset) else frozenset(keep)
    if isinstance(obj, str):
        return mask_ids(obj)
    if isinstance(obj, int) and not isinstance(obj, bool) and _ID_LOW <= obj < 10 * _ID_LOW and looks_like_id(str(obj)):
        return _masked(str(obj))
    if isinstance(obj, dict):  # short strings and None, the most values of a finding, without a call each
        return {k: (v if k in keep or v is None or (type(v) is str and len(v) < 18) else mask_tree(v, keep))
                for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        if obj and all(type(v) is int for v in obj) and max(obj) < _ID_LOW:  # row numbers (a fact's rows): no ID
            return list(obj)
        return [mask_tree(v, keep) for v in obj]
    return obj


def mask_workbook(*sheets_or_workbooks) -> None:
    """Every text cell of the given worksheets (or of every sheet of the given workbooks) through
    :func:`mask_ids`: the reports' labels (department names, 文号, titles) and the receipts' summaries. Only
    the cells that change are rewritten, as text (never a formula)."""
    from sgs_cli.io.write import set_text

    for obj in sheets_or_workbooks:
        for ws in getattr(obj, "worksheets", None) or [obj]:
            for cell in list(ws._cells.values()):
                v = cell.value
                if isinstance(v, str) and len(v) >= 18:
                    new = mask_ids(v)
                    if new != v:
                        set_text(cell, new)


__all__ = ["PATH_KEYS", "mask_workbook", "looks_like_id", "mask_ids", "mask_tree"]
