"""Dates and months as a user types them in an option or a form field (--today 2026-12-01, --month 2026-09, 2026年9月); a clear message names the option."""

from __future__ import annotations

import datetime as dt
import re

from sgs_cli.errors import UsageError
from sgs_cli.standard.limits import FIRST_YEAR, LAST_YEAR


def parse_date_option(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from sgs_cli.io.cells import DateParseError, parse_date

    try:
        d, _ = parse_date(value.strip())
    except DateParseError:
        raise UsageError(f"{option} 的日期“{value}”无效", "日期格式为 YYYY-MM-DD，如 2019-11-05") from None
    return d


def parse_month_option(value: str, option: str = "--month") -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{4})[-/.年]?(\d{1,2})月?\s*", value or "")
    if not m or not 1 <= int(m.group(2)) <= 12 or not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
        raise UsageError(f"{option} 的月份“{value}”无效", "月份格式为 YYYY-MM，如 2019-11")
    return int(m.group(1)), int(m.group(2))
