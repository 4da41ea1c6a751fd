"""工商注册号 (GS15-2006): 6-digit registration-authority code, 8-digit sequence and a check digit
by ISO 7064 MOD 11,10 (GB/T 17710).

>>> validate('110108000000016')
'110108000000016'
>>> is_valid('110108000000017')
False
"""

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
