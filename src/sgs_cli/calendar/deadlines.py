"""Deadlines that follow from one decision date (`sgs deadlines --from DATE`)."""

from __future__ import annotations

import datetime as dt

from sgs_cli.calendar import publication
from sgs_cli.calendar.provisional import REASON
from sgs_cli.calendar.workdays import WorkCalendar, needs_calendar_text

from sgs_cli.standard.limits import OBJECTION_DAYS, PUSH_DAYS  # noqa: F401 - their one home is standard/limits.py
from sgs_cli.standard.limits import REPORT_DAY


def _d(x: dt.date | None) -> str | None:
    return x.isoformat() if x else None


def for_decision(cal: WorkCalendar, decided: dt.date, *, objection_received: dt.date | None = None,
                 report_day: int = REPORT_DAY, penalty: bool = False, severity: str | None = None,
                 inclusive: bool = False) -> dict:
    """Every deadline of a decision, as a JSON-ready dict (dates ISO, labels in Chinese).

    The push deadline (and the objection deadline when asked for) are the answer: without calendar
    data for them :class:`~sgs_cli.calendar.workdays.CalendarDataMissing` is raised (exit 4). Everything else is
    computed as far as the known years allow; what needs a missing year is listed in ``needs_calendar``
    (field, year, text), what was counted with a provisional year in ``provisional``."""
    out: dict = {"decision_date": _d(decided), "counting": "含决定当日" if inclusive else "决定当日不计入（民法典第二百零一条）"}
    marked: list[str] = []
    push = cal.add_workdays(decided, PUSH_DAYS, inclusive=inclusive)
    out["push_deadline"] = _d(push)
    if cal.provisional_between(decided, push):
        marked.append("push_deadline")
    if objection_received:
        out["objection_received"] = _d(objection_received)
        obj = cal.add_workdays(objection_received, OBJECTION_DAYS, inclusive=inclusive)
        out["objection_deadline"] = _d(obj)
        if cal.provisional_between(objection_received, obj):
            marked.append("objection_deadline")
    rd = cal.report_due((decided.year, decided.month), report_day)
    out["monthly_report_due"] = _d(rd.due)
    out["monthly_report_due_is_workday"] = rd.is_workday
    if rd.is_workday is False:
        out["monthly_report_last_workday_before"] = _d(rd.before)
        out["monthly_report_next_workday"] = _d(rd.after)
    note = rd.note()
    if note:
        out["monthly_report_note"] = note
    if rd.provisional:
        marked.append("monthly_report_due_is_workday")
    out["needs_calendar"] = ([{"field": "monthly_report_due_is_workday", "year": rd.missing_year,
                               "text": needs_calendar_text(rd.missing_year)}] if rd.missing_year else [])
    years = cal.provisional_years()
    out["provisional"] = {"fields": marked, "years": years, "reason": REASON} if marked else None
    if penalty:
        sev = publication.normalize_severity(severity or publication.DEFAULT_SEVERITY)
        regime = publication.regime_for(decided)
        if regime is None:
            out["publication"] = {"regime": None, "note": "2019年7月1日前作出的处罚没有统一规定的公示期限"}
        else:
            lim = regime.limits(sev)
            dates = publication.period_dates(decided, sev)
            out["publication"] = {
                "regime": regime.name, "severity": sev, "min_months": lim.min_months, "max_months": lim.max_months,
                "published": lim.published, "earliest_repair": _d(dates.earliest_repair) if dates else None,
                "latest_takedown": _d(dates.latest_takedown) if dates else None, "note": lim.note}
    return out


LABELS = {
    "decision_date": "决定日期", "counting": "计算方法", "push_deadline": f"推送信用平台期限（{PUSH_DAYS}个工作日）",
    "objection_received": "收到异议日期", "objection_deadline": "异议处理期限（3个工作日）",
    "monthly_report_due": "月报告报送日期",
}
