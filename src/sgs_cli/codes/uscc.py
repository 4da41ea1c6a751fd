"""统一社会信用代码 (GB 32100-2015).

18 characters: 登记管理部门代码 (1), 机构类别代码 (1), 登记管理机关行政区划码 (6 digits),
主体标识码 = 组织机构代码 (9, with its own GB 11714 check character), 校验码 (1). The alphabet has
no I, O, Z, S, V. Unlike python-stdnum, codes whose first characters are A, N or Y are valid.

>>> validate('91110000600037341L')
'91110000600037341L'
>>> is_valid('91110000600037341A')
False
>>> calc_check_digit('91110000600037341')
'L'
"""

from functools import cache

from sgs_cli.codes import _util, orgcode
from sgs_cli.codes._util import compact
from sgs_cli.codes.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_DEPARTMENTS = set("123456789ANY")
#: the documented placeholder for a 个体工商户 without a code (fails the checksum on purpose)
PLACEHOLDER = "00000000000000000X"
#: characters outside the alphabet and the digit they are usually a typo for
LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5", "V": "U"}


def calc_check_digit(body: str) -> str:
    total = sum(_INDEX[c] * w for c, w in zip(body, _WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def validate(number: str, check_orgcode: bool = True) -> str:
    number = compact(number)
    if len(number) != 18:
        raise InvalidLength(f"统一社会信用代码应为18位，实际{len(number)}位")
    bad = [c for c in number if c not in _INDEX]
    if bad:
        raise InvalidFormat(f"统一社会信用代码含非法字符“{bad[0]}”（代码中不使用I、O、Z、S、V）")
    if number[0] not in _DEPARTMENTS:
        raise InvalidFormat(f"统一社会信用代码首位（登记管理部门代码）“{number[0]}”无效")
    if not number[2:8].isdigit():
        raise InvalidFormat("统一社会信用代码第3–8位（行政区划码）应为数字")
    check = calc_check_digit(number[:17])
    if number[17] != check:
        raise InvalidChecksum("统一社会信用代码校验位错误", expected=check)
    if check_orgcode and not orgcode.is_valid(number[8:17]):
        raise InvalidComponent("统一社会信用代码第9–17位（组织机构代码）校验位错误",
                               expected=orgcode.calc_check_digit(number[8:16]))
    return number


def is_valid(number: str) -> bool:
    try:
        return bool(validate(number))
    except ValueError:
        return False


@cache
def _tables():
    import numpy as np

    return (_util.lookup(_INDEX.items()), _util.lookup(((c, 1) for c in _DEPARTMENTS), 0).astype(bool),
            np.array(_WEIGHTS, np.float32))


def check_positions(p):
    """is_valid over codes already compact and ASCII, as an (18, k) uint8 array: row i holds the i-th bytes."""
    import numpy as np

    values, departments, weights = _tables()
    v = np.take(values, p)
    ok = (v.max(axis=0) < len(ALPHABET)) & np.take(departments, p[0]) & (v[2:8].max(axis=0) < 10)
    # float32 sums of small integers are exact (below 2**24); BLAS makes them fast
    check = (31 - (weights @ v[:17].astype(np.float32)).astype(np.int64) % 31) % 31
    return ok & (check == v[17]) & orgcode.check_positions(p[8:17])


def valid_mask(values):
    """is_valid of each value as a numpy bool array, the check characters computed over the whole column.

    >>> valid_mask(['91110000600037341L', '91110000600037341A', PLACEHOLDER, ' 91110000600037341l']).tolist()
    [True, False, False, True]
    """
    return _util.valid_mask(values, 18, check_positions, is_valid)
