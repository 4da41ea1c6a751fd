"""组织机构代码 (GB 11714-1997): 8 body characters (digits or upper-case letters, A=10 … Z=35)
and a check character.

Weights 3 7 9 10 5 8 4 2; r = 11 − (Σ mod 11); r = 10 → ``X``, r = 11 → ``0``. Often written with
a hyphen before the check character.

>>> validate('60003734-1')
'600037341'
>>> is_valid('600037342')
False
"""

from functools import cache

from sgs_cli.codes import _util
from sgs_cli.codes._util import compact
from sgs_cli.codes.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_BODY = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def calc_check_digit(body: str) -> str:
    total = sum(_value(c) * w for c, w in zip(body, _WEIGHTS))
    r = 11 - total % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def _value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - 55


def validate(number: str) -> str:
    number = compact(number)
    if len(number) != 9:
        raise InvalidLength("组织机构代码应为9位（8位本体代码+1位校验码）")
    if any(c not in _BODY for c in number[:8]) or not (number[8].isdigit() or number[8] == "X"):
        raise InvalidFormat("组织机构代码含非法字符")
    check = calc_check_digit(number[:8])
    if number[8] != check:
        raise InvalidChecksum("组织机构代码校验码错误", expected=check)
    return number


def is_valid(number: str) -> bool:
    try:
        return bool(validate(number))
    except ValueError:
        return False


@cache
def _tables():
    import numpy as np

    return _util.lookup((c, _value(c)) for c in _BODY), np.array(_WEIGHTS, np.float32)


def check_positions(p):
    """is_valid over codes already compact and ASCII, as a (9, k) uint8 array: row i holds the i-th bytes
    (rows 9–17 of a USCC's array too)."""
    import numpy as np

    body, weights = _tables()
    v = np.take(body, p[:8])
    last = p[8]
    # float32 sums of small integers are exact (below 2**24); BLAS makes them fast
    r = 11 - (weights @ v.astype(np.float32)).astype(np.int64) % 11
    want = np.where(r == 10, ord("X"), np.where(r == 11, ord("0"), ord("0") + r))
    return (v.max(axis=0) < 36) & (((last >= ord("0")) & (last <= ord("9"))) | (last == ord("X"))) & (want == last)


def valid_mask(values):
    """is_valid of each value as a numpy bool array, the check characters computed over the whole column.

    >>> valid_mask(['60003734-1', '600037342', None, '６０００３７３４１']).tolist()
    [True, False, False, True]
    """
    return _util.valid_mask(values, 9, check_positions, is_valid)
