"""工商注册号 (GS15-2006): 6-digit registration-authority code, 8-digit sequence and a check digit
by ISO 7064 MOD 11,10 (GB/T 17710).

>>> validate('110108000000016')
'110108000000016'
>>> is_valid('110108000000017')
False
"""

from sgs_cli.codes import _util
from sgs_cli.codes._util import compact
from sgs_cli.codes.exceptions import InvalidChecksum, InvalidFormat, InvalidLength


def calc_check_digit(body: str) -> str:
    p = 10
    for c in body:
        s = (int(c) + p) % 10 or 10
        p = (2 * s) % 11
    return str((11 - p) % 10)


def validate(number: str) -> str:
    number = compact(number)
    if len(number) != 15:
        raise InvalidLength(f"工商注册号应为15位，实际{len(number)}位")
    if not number.isdigit():
        raise InvalidFormat("工商注册号应全部为数字")
    check = calc_check_digit(number[:14])
    if number[14] != check:
        raise InvalidChecksum("工商注册号校验位错误", expected=check)
    return number


def is_valid(number: str) -> bool:
    try:
        return bool(validate(number))
    except ValueError:
        return False


def check_positions(p):
    """is_valid over codes already compact and ASCII, as a (15, k) uint8 array: row i holds the i-th bytes."""
    import numpy as np

    d = np.take(_util.digits(), p).astype(np.int16)
    r = np.full(p.shape[1], 10, np.int16)
    for j in range(14):  # ISO 7064 MOD 11,10: each step needs the one before, so position by position
        r = 2 * ((d[j] + r - 1) % 10 + 1) % 11  # (d + r) % 10, 0 counting as 10 (d + r is never 0)
    return (d.max(axis=0) <= 9) & ((11 - r) % 10 == d[14])


def valid_mask(values):
    """is_valid of each value as a numpy bool array, the check digits computed over the whole column.

    >>> valid_mask(['110108000000016', '110108000000017', '1101080000000', None]).tolist()
    [True, False, False, False]
    """
    return _util.valid_mask(values, 15, check_positions, is_valid)
