"""居民身份证号码 (GB 11643-1999): 6-digit address code, birth date YYYYMMDD, 3-digit sequence and
a check character ``"10X98765432"[Σ mod 11]`` with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.

>>> validate('360426199101010071')
'360426199101010071'
>>> is_valid('360426199101010072')
False
"""

import datetime

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
