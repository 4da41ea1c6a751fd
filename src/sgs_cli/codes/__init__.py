"""Chinese identifier check digits, one module per identifier with the same small API
(python-stdnum style): ``compact``, ``calc_check_digit``, ``validate`` (raises), ``is_valid``, and
``valid_mask`` (``is_valid`` of a whole column as a numpy bool array, check characters computed with
lookup tables over the code bytes; numpy and pyarrow imported only when it is called).

* :mod:`uscc` — 统一社会信用代码 (GB 32100-2015)
* :mod:`orgcode` — 组织机构代码 (GB 11714)
* :mod:`ric` — 居民身份证号码 (GB 11643-1999)
* :mod:`gs15` — 工商注册号 (GS15-2006, ISO 7064 MOD 11,10)
"""

from sgs_cli.codes import gs15, orgcode, ric, uscc
from sgs_cli.codes.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

__all__ = ["uscc", "orgcode", "ric", "gs15", "ValidationError", "InvalidLength", "InvalidFormat",
           "InvalidChecksum", "InvalidComponent"]
