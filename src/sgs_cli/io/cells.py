"""Cell values as real readers return them → text and dates, noting every normalisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
import re
from functools import lru_cache
import unicodedata

EXCEL_EPOCH = dt.date(1899, 12, 30)
LONG_TERM_DATE = dt.date(2099, 12, 31)


def _fifteen_digits(v) -> str:
    """A large number as Excel keeps it: 15 significant digits, the rest zeros (914101227067004000)."""
    return format(Decimal(f"{v:.15g}"), "f")


def cell_text(v) -> str:
    """The text a clerk sees in the cell (numbers without a spurious .0, dates as YYYY/MM/DD)."""
    if v is None:
        return ""
    t = type(v)
    if t is str:
        return v
    if t is float:
        if v != v:  # NaN
            return ""
        if v.is_integer() and abs(v) < 1e21:
            # beyond 15 significant digits Excel shows (and keeps) only 15: 911100006000373000
            return _fifteen_digits(v) if abs(v) >= 1e15 else str(int(v))
        return repr(v)
    if t is bool:
        return "是" if v else "否"
    if t is int and 10**15 <= abs(v) < 10**300:  # Excel keeps 15 significant digits of any number
        return _fifteen_digits(v)
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0):
            return v.strftime("%Y/%m/%d")
        return v.strftime("%Y/%m/%d %H:%M:%S")
    if isinstance(v, dt.date):
        return f"{v.year:04d}/{v.month:02d}/{v.day:02d}"
    return str(v)


def is_blank(v) -> bool:
    return v is None or v == "" or (type(v) is str and not v.strip())


_WS = re.compile(r"\s")


# Full-width punctuation common in Chinese text and its NFKC form. Replacing a character by its own
# compatibility decomposition does not change what NFKC gives, so nfkc() may do these first.
_FULLWIDTH = tuple((chr(c), chr(c - 0xFEE0)) for c in (0xFF0C, 0xFF08, 0xFF09, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F)) + (
    ("\u3000", " "),)


def nfkc(s: str) -> str:
    """unicodedata.normalize("NFKC", s), fast for Chinese text: the full normalisation costs ~100 ns
    per character once a "，" is present, while these replacements and the quick check cost ~1 µs."""
    if unicodedata.is_normalized("NFKC", s):
        return s
    for a, b in _FULLWIDTH:
        if a in s:
            s = s.replace(a, b)
    return s if unicodedata.is_normalized("NFKC", s) else unicodedata.normalize("NFKC", s)


@lru_cache(maxsize=1 << 16)
def normalize_text(s: str) -> str:
    s = nfkc(s).replace("\r", " ").replace("\n", " ").strip()
    if s.startswith("'"):
        s = s[1:].strip()
    return s


#: the white space characters (str.isspace, what str.strip removes) of 3 bytes in UTF-8; those of 1 byte are
#: all ≤ U+0020, those of 2 bytes U+0085 and U+00A0, and none has 4 (tests/validation/test_columnar.py)
SPACE3 = (0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)


#: the characters Python's re takes for \s in a str pattern (str.isspace), as a class body for RE2 (whose \s
#: is ASCII only) written in literal characters (Python's re reads it the same)
SPACE_CLASS = "\t-\r\x1c-\x20\x85\xa0" + "".join(map(chr, SPACE3))


def re2(pattern: str) -> str:
    """A Python regular expression whose \\d and \\s stand outside classes, with the same meaning in RE2
    (the columnar forms' Frame.contains): \\d → \\p{Nd} (Unicode decimal digits, as Python's), \\s → [SPACE_CLASS]."""
    return pattern.replace("\\d", r"\p{Nd}").replace("\\s", f"[{SPACE_CLASS}]")


def compact_code(s: str) -> str:
    """Normalised form of an identifier: NFKC, no white space at all, upper-case."""
    return _WS.sub("", nfkc(s)).lstrip("'").upper()


# ---------------------------------------------------------------------------------------------- dates

_DATE_PATTERNS = [
    # (regex, label of the spelling; None = the standard YYYY/MM/DD)
    (re.compile(r"^(\d{4})/(\d{2})/(\d{2})$"), None),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), "月、日未补零"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "以“-”分隔"),
    (re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"), "以“.”分隔"),
    (re.compile(r"^(\d{4})_(\d{1,2})_(\d{1,2})$"), "以“_”分隔"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"), "中文年月日"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "8位数字"),
]
_TIME_PART = re.compile(r"^(\S+)[ T]\d{1,2}:\d{2}([:;]\d{2}(\.\d+)?)?$")
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class DateParseError(ValueError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


def parse_date(v) -> tuple[dt.date, str | None]:
    """Return (date, note). note is None for a real date cell or YYYY/MM/DD text, else a Chinese
    description of the non-standard spelling. Raises DateParseError for anything that is not a date."""
    if isinstance(v, dt.datetime):
        return v.date(), (None if v.time() == dt.time(0) else "含时间部分")
    if isinstance(v, dt.date):
        return v, None
    if type(v) in (int, float):
        try:
            n = float(v)
        except OverflowError:  # an int beyond float range
            raise DateParseError("数值过大，不是日期", "请填写 YYYY/MM/DD 格式的日期") from None
        if n.is_integer() and 19000101 <= n <= 29991231:
            return parse_date(str(int(n)))
        if 1 <= n < 2958466:  # Excel serial numbers up to 9999-12-31
            return EXCEL_EPOCH + dt.timedelta(days=int(n)), "Excel日期序列号（单元格未设为日期格式）"
        raise DateParseError(f"“{cell_text(v)}”不是日期", "请填写 YYYY/MM/DD 格式的日期")
    s = normalize_text(str(v))
    note_time = None
    m = _TIME_PART.match(s)
    if m:
        s, note_time = m.group(1), "含时间部分"
    for rx, note in _DATE_PATTERNS:
        m = rx.match(s)
        if m:
            y, mo, d = (int(x) for x in m.groups())
            try:
                return dt.date(y, mo, d), note or note_time
            except ValueError:
                raise DateParseError(f"日期“{v}”不存在", "请核对年、月、日（如2月没有30日）") from None
    m = _MDY.match(s)
    if m:
        raise DateParseError(f"“{v}”疑似“月/日/年”顺序", "请改为 YYYY/MM/DD（年/月/日）")
    raise DateParseError(f"“{v}”不是可识别的日期", "请填写 YYYY/MM/DD 格式的日期")
