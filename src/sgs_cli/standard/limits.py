"""Bounds the standard's dates and the tool's year options share (one home each)."""

from __future__ import annotations

import datetime as dt

#: a decision date before this is implausible (the People's Republic's founding; DATE_IMPLAUSIBLE)
EARLIEST_DATE = dt.date(1949, 10, 1)
#: the standard's "long term" (长期有效) validity, and the latest plausible date (the cell reader, which knows
#: no standard, reads 长期 as the same date: io.cells.LONG_TERM_DATE; tests/standard/test_kinds.py keeps them equal)
LATEST_DATE = dt.date(2099, 12, 31)
#: working days (郑发改财贸〔2019〕773号): a decision is reported to the credit platform and pushed on the
#: department's website within PUSH_DAYS of the decision; an objection is handled within OBJECTION_DAYS.
#: Every message that states them is formatted from these.
PUSH_DAYS, OBJECTION_DAYS = 7, 3
#: the day of the next month a 月报告 is due, unless --report-day says otherwise (the office's practice, README)
REPORT_DAY = 15
#: years a user may ask for (--month, --quarter, --year, the calendar page)
FIRST_YEAR, LAST_YEAR = 1990, 2100
