"""居民身份证号码 (GB 11643-1999): 6-digit address code, birth date YYYYMMDD, 3-digit sequence and
a check character ``"10X98765432"[Σ mod 11]`` with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.

>>> validate('360426199101010071')
'360426199101010071'
>>> is_valid('360426199101010072')
False
"""

import datetime

from sgs_cli.codes import _util
from sgs_cli.codes._util import compact
from sgs_cli.codes.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def calc_check_digit(body: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, _WEIGHTS)) % 11]


def birth_date(number: str) -> datetime.date:
    number = compact(number)
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidComponent("身份证号码中的出生日期无效") from None


def validate(number: str) -> str:
    number = compact(number)
    if len(number) == 15 and number.isdigit():
        raise InvalidLength("15位一代身份证号码，请换用18位号码")
    if len(number) != 18:
        raise InvalidLength(f"身份证号码应为18位，实际{len(number)}位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidFormat("身份证号码格式错误（前17位应为数字，末位为数字或X）")
    born = birth_date(number)
    if born.year < 1890 or born > datetime.date.today():
        raise InvalidComponent("身份证号码中的出生日期不合理")
    check = calc_check_digit(number[:17])
    if number[17] != check:
        raise InvalidChecksum("身份证号码校验位错误", expected=check)
    return number


def is_valid(number: str) -> bool:
    try:
        return bool(validate(number))
    except ValueError:
        return False


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def check_positions(p, today: datetime.date | None = None):
    """is_valid over numbers already compact and ASCII, as an (18, k) uint8 array (row i holds the i-th
    bytes): digits, a birth date from 1890 to today, the check character."""
    import numpy as np

    today = today or datetime.date.today()
    d = np.take(_util.digits(), p)
    last = p[17]
    ok = (d[:17].max(axis=0) <= 9) & ((d[17] <= 9) | (last == ord("X")))
    n = d[6:14].astype(np.int64)
    y, month, day = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3], n[4] * 10 + n[5], n[6] * 10 + n[7]
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    days = np.array(_DAYS_IN_MONTH, np.int64)[np.clip(month, 0, 12)] + (leap & (month == 2))
    ok &= (y >= 1890) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= days)
    ok &= y * 10000 + month * 100 + day <= today.year * 10000 + today.month * 100 + today.day
    # float32 sums of small integers are exact (below 2**24); BLAS makes them fast
    total = (np.array(_WEIGHTS, np.float32) @ d[:17].astype(np.float32)).astype(np.int64)
    return ok & (np.frombuffer(b"10X98765432", np.uint8)[total % 11] == last)


def valid_mask(values):
    """is_valid of each value as a numpy bool array, the check characters computed over the whole column.

    >>> valid_mask(['360426199101010071', '360426199101010072', '360426189901010071', '36042619910101007']).tolist()
    [True, False, False, False]
    """
    return _util.valid_mask(values, 18, check_positions, is_valid)
