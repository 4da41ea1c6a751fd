"""rules/timeliness.py — LATE_REPORT, LATE_PUSH, NOT_REPORTED_OVERDUE (ledger), DEADLINE_PASSED,
PUBLICATION_PERIOD (790 sheets), CALENDAR_NO_DATA. Deadline = 7th working day after the decision
(民法典 第二百零一条; docs/contract.md worked examples)."""

import pytest

from conftest import D, LEDGER_ROW, PENALTY_ORG, PENALTY_PERSON, LICENSE_ORG, keys


def _row(jd, bs=None, ts=None, **kw):
    return dict(LEDGER_ROW, JDRQ=jd, BSRQ=bs, TSRQ=ts, **kw)


@pytest.mark.parametrize("decided, due", [
    (D(2025, 9, 30), D(2025, 10, 16)),   # 国庆: 10-11 is a 调休 Saturday
    (D(2025, 9, 26), D(2025, 10, 13)),
    (D(2025, 12, 31), D(2026, 1, 12)),
    (D(2019, 11, 5), D(2019, 11, 14)),
    (D(2019, 9, 30), D(2019, 10, 15)),   # 2019 国庆: 10-12 (Sat) is a 调休 working day
])
def test_report_on_the_deadline_is_timely_and_the_day_after_is_late(sheet, decided, due):
    today = D(2026, 3, 31)
    assert sheet.findings("ledger", [_row(decided, due, due)], today=today) == []
    late = due.fromordinal(due.toordinal() + 1)
    findings = sheet.findings("ledger", [_row(decided, late, due)], today=today)
    assert keys(findings) == {("LATE_REPORT", "E2", "error")}
    assert due.strftime("%Y/%m/%d") in findings[0].message


def test_late_push(sheet):
    findings = sheet.findings("ledger", [_row(D(2019, 11, 5), D(2019, 11, 7), D(2019, 11, 15))], today=D(2019, 12, 31))
    assert keys(findings) == {("LATE_PUSH", "F2", "error")}
    assert "逾期1个工作日" in findings[0].message


def test_late_report_counts_working_days(sheet):
    findings = sheet.findings("ledger", [_row(D(2019, 11, 5), D(2019, 11, 20), D(2019, 11, 7))], today=D(2019, 12, 31))
    assert keys(findings) == {("LATE_REPORT", "E2", "error")}
    assert "逾期4个工作日" in findings[0].message  # 11-15, 18, 19, 20


def test_not_reported_overdue(sheet):
    findings = sheet.findings("ledger", [_row(D(2019, 11, 5))], today=D(2019, 11, 15))
    assert keys(findings) == {("NOT_REPORTED_OVERDUE", "E2", "error")}


def test_report_date_after_today_is_an_error_and_not_a_report(sheet):
    """报送日期 11-20 when the statistics date is 11-15 (deadline 11-14): REPORT_DATE_FUTURE, and the record
    counts as never reported — overdue, not late."""
    findings = sheet.findings("ledger", [_row(D(2019, 11, 5), D(2019, 11, 20))], today=D(2019, 11, 15))
    assert keys(findings) == {("REPORT_DATE_FUTURE", "E2", "error"), ("NOT_REPORTED_OVERDUE", "E2", "error")}
    msg = next(f.message for f in findings if f.code == "REPORT_DATE_FUTURE")
    assert msg == "向同级信用平台报送日期2019/11/20晚于统计日期2019/11/15"


def test_future_dates_within_the_deadline(sheet):
    """Before the deadline a future 报送日期 or 推送日期 is only REPORT_DATE_FUTURE (the record is pending)."""
    findings = sheet.findings("ledger", [_row(D(2019, 11, 5), D(2019, 11, 12), D(2019, 11, 13))], today=D(2019, 11, 8))
    assert keys(findings) == {("REPORT_DATE_FUTURE", "E2", "error"), ("REPORT_DATE_FUTURE", "F2", "error")}


def test_not_reported_within_deadline_is_fine(sheet):
    assert sheet.findings("ledger", [_row(D(2019, 11, 5))], today=D(2019, 11, 14)) == []


def test_deadline_passed_penalty_sheet(sheet):
    findings = sheet.findings("penalty", [PENALTY_ORG, PENALTY_PERSON], today=D(2019, 11, 15))
    assert [(f.code, f.severity, f.row, f.cell) for f in findings] == [("DEADLINE_PASSED", "warning", 1, None)]
    assert findings[0].message == "若今天（2019/11/15）报送，以下2条已超过作出决定之日起7个工作日的期限：第2–3行"
    assert findings[0].rows == [2, 3]


def test_deadline_passed_uses_submit_date(sheet):
    assert sheet.findings("license", [LICENSE_ORG], today=D(2019, 12, 31), submit_date=D(2019, 11, 14)) == []
    findings = sheet.findings("license", [LICENSE_ORG], today=D(2019, 12, 31), submit_date=D(2019, 11, 15))
    assert [(f.code, f.row) for f in findings] == [("DEADLINE_PASSED", 1)]
    assert findings[0].message == "按报送日期2019/11/15，以下1条已超过作出决定之日起7个工作日的期限：第2行"


def test_row_ranges_lists_every_row():
    from sgs_cli.rules.timeliness import row_ranges

    assert row_ranges([2]) == "2"
    assert row_ranges([3, 4, 5, 7, 9, 10]) == "3–5、7、9–10"
    assert row_ranges(list(range(2, 30, 2))).count("、") == 13  # 14 rows, none cut off with "等"


@pytest.mark.parametrize("gsjzq, ok", [
    (D(2020, 2, 5), True),    # 3 months (527号 一般: 3–12 months)
    (D(2020, 11, 5), True),   # 12 months
    (D(2020, 2, 4), False),
    (D(2020, 11, 6), False),
    (D(2022, 11, 5), False),
])
def test_publication_period(sheet, gsjzq, ok):
    findings = sheet.findings("penalty", [dict(PENALTY_ORG, CF_GSJZQ=gsjzq)])
    assert keys(findings) == (set() if ok else {("PUBLICATION_PERIOD", "Y2", "warning")})


def test_publication_period_before_527_not_checked(sheet):
    rec = dict(PENALTY_ORG, CF_JDRQ=D(2019, 6, 28), CF_YXQ=D(2020, 6, 27), CF_GSJZQ=D(2024, 6, 28))
    assert keys(sheet.findings("penalty", [rec], submit_date=D(2019, 7, 1))) == set()


def test_calendar_no_data(sheet):
    findings = sheet.findings("ledger", [_row(D(2031, 3, 2), D(2031, 3, 20))], today=D(2031, 12, 31))
    assert [(f.code, f.severity, f.row, f.cell) for f in findings] == [("CALENDAR_NO_DATA", "warning", 1, None)]
    assert "2031" in findings[0].message
    # reported 2 days after the decision: within 7 working days whatever 2031's holidays are — nothing to say
    assert sheet.findings("ledger", [_row(D(2031, 3, 2), D(2031, 3, 4))], today=D(2031, 12, 31)) == []


def test_calendar_provisional(sheet):
    # decided Thursday 2026-12-24, not reported; 2027 counted provisionally (元旦 off, no 调休):
    # 12-25, 28, 29, 30, 31, 2027-01-04, 01-05 → deadline 2027-01-05, overdue on 01-06
    findings = sheet.findings("ledger", [_row(D(2026, 12, 24), None)], today=D(2027, 1, 6), provisional=True)
    assert [(f.code, f.severity, f.cell) for f in findings] == [
        ("NOT_REPORTED_OVERDUE", "error", "E2"), ("CALENDAR_PROVISIONAL", "warning", None)]
    assert findings[0].message == "尚未报送，已超过期限2027/01/05（暂定）（逾期1个工作日）"
    assert findings[1].message.startswith("本表标“暂定”的期限用到2027年的暂定日历：尚无国务院办公厅发布的节假日安排")


def test_searchsorted_deadlines_equal_the_day_by_day_count():
    """The columnar form's deadlines (one searchsorted over the working days) are those of add_workdays for
    every decision date of the built-in years, and a date whose deadline needs a year without data is left
    to the row form's lookup (None)."""
    import datetime as dt
    from types import SimpleNamespace

    from sgs_cli.calendar.workdays import CalendarDataMissing, WorkCalendar
    from sgs_cli.rules import timeliness as T

    cal = WorkCalendar.load(use_default_file=False, use_env=False)
    last = max(cal.covered_years())
    days = [D(2019, 1, 1) + dt.timedelta(days=i) for i in range((D(last, 12, 31) - D(2019, 1, 1)).days + 1)]
    ctx = SimpleNamespace(options=SimpleNamespace(calendar=cal))
    state = T.State()
    T._deadlines(ctx, state, days)
    for d in days:
        try:
            due = cal.add_workdays(d, T.PUSH_DAYS)
        except CalendarDataMissing:
            due = None
        assert state.deadline[d] == due, d
    assert state.deadline[D(last, 12, 31)] is None
