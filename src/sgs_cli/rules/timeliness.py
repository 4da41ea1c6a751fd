"""Working-day deadlines inside `sgs validate` (issue: calendar and deadlines).

Codes:
* LATE_REPORT (error, ledger): 向同级信用平台报送日期 after the 7th working day after the decision.
* LATE_PUSH (error, ledger): 部门网站推送日期 after that deadline.
* NOT_REPORTED_OVERDUE (error, ledger): not reported and the deadline has passed (--today) — worse than
  LATE_REPORT, so at least as severe.
* REPORT_DATE_FUTURE (error, ledger): a 报送日期 or 推送日期 after --today; it is not counted as a report.
* DEADLINE_PASSED (warning, 790 sheets, one per sheet): records whose deadline is before --submit-date.
* PUBLICATION_PERIOD (warning, penalty): 公示截止期 outside the regime's minimum/maximum (standard.md §3).
* CALENDAR_NO_DATA (warning, one per sheet and year): the calendar has no data for a year, so no
  deadline could be computed for those records — never a guess.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..findings import WARNING, Finding
from ..publication import check_gsjzq
from ..workcal import CalendarDataMissing, WorkCalendar
from .context import Record, SheetContext
from .dates import fmt

PUSH_DAYS = 7


@lru_cache(maxsize=1 << 16)
def _gsjzq(decided: dt.date, gsjzq: dt.date) -> str | None:
    return check_gsjzq(decided, gsjzq)


def calendar_of(ctx: SheetContext) -> WorkCalendar:
    opts = ctx.options
    cal = getattr(opts, "calendar", None)
    if cal is None:
        cal = WorkCalendar.load(getattr(opts, "holidays", None))
        if opts is not None:
            opts.calendar = cal
    return cal


def deadline(ctx: SheetContext, decided: dt.date) -> dt.date | None:
    """7-working-day deadline, memoised per sheet; None (and a CALENDAR_NO_DATA note) without data."""
    cache = ctx.state.setdefault("deadline", {})
    if decided in cache:
        return cache[decided]
    try:
        due = calendar_of(ctx).add_workdays(decided, PUSH_DAYS)
    except CalendarDataMissing as e:
        ctx.state.setdefault("no_data", {}).setdefault(e.year, []).append(decided)
        due = None
    cache[decided] = due
    return due


def _late_days(ctx: SheetContext, due: dt.date, actual: dt.date) -> int | None:
    try:
        return calendar_of(ctx).workdays_between(due, actual)
    except CalendarDataMissing as e:
        ctx.state.setdefault("no_data", {}).setdefault(e.year, []).append(actual)
        return None


def ledger_check(rec: Record, ctx: SheetContext):
    jd = rec.dates.get("JDRQ")
    if not jd:
        return
    due = deadline(ctx, jd)
    if due is None:
        return
    for code, err, label in (("BSRQ", "LATE_REPORT", "向同级信用平台报送"), ("TSRQ", "LATE_PUSH", "部门网站推送")):
        if code not in ctx.columns:
            continue
        d = rec.dates.get(code)
        if d and d > ctx.today:
            yield ctx.error("REPORT_DATE_FUTURE", rec, code, f"{label}日期{fmt(d)}晚于统计日期{fmt(ctx.today)}",
                            "请核对日期；尚未发生的报送不计为已报送（用 --today 指定统计日期）")
            d = None
            if code != "BSRQ" or ctx.today <= due:
                continue
        if d and d > due:
            n = _late_days(ctx, due, d)
            late = f"，逾期{n}个工作日" if n else ""
            yield ctx.error(err, rec, code, f"{label}超过7个工作日期限（期限{fmt(due)}，实际{fmt(d)}{late}）",
                            "应在作出决定之日起7个工作日内报送；请说明迟报原因并及时报送")
        elif not d and code == "BSRQ" and ctx.today > due and (not rec.text(code) or rec.dates.get(code)):
            n = _late_days(ctx, due, ctx.today)
            yield ctx.error("NOT_REPORTED_OVERDUE", rec, code,
                              f"尚未报送，已超过期限{fmt(due)}" + (f"（逾期{n}个工作日）" if n else ""),
                              "请尽快向同级信用平台报送")


def record_check(rec: Record, ctx: SheetContext):
    """790 sheets: collect records past the deadline at --submit-date; check 公示截止期."""
    jd = rec.dates.get(ctx.k("JDRQ"))
    if not jd:
        return
    submit = getattr(ctx.options, "submit_date", None) or ctx.today
    due = deadline(ctx, jd)
    if due is not None and submit > due:
        ctx.state.setdefault("passed", []).append(rec.row)
    if ctx.prefix == "CF":
        gs = rec.dates.get("CF_GSJZQ")
        if gs:
            msg = _gsjzq(jd, gs)
            if msg:
                yield ctx.warning("PUBLICATION_PERIOD", rec, "CF_GSJZQ", msg,
                                  "按一般失信的公示期限核对；严重失信或轻微失信的期限不同（sgs deadlines --penalty --severity）")


def sheet_end(ctx: SheetContext) -> list[Finding]:
    out = []
    passed = ctx.state.get("passed")
    if passed:
        submit = getattr(ctx.options, "submit_date", None) or ctx.today
        rows = "、".join(str(r) for r in passed[:20]) + ("等" if len(passed) > 20 else "")
        out.append(Finding(WARNING, "DEADLINE_PASSED",
                           f"{len(passed)}条记录按报送日期{fmt(submit)}已超过作出决定之日起7个工作日的期限（第{rows}行）",
                           row=ctx.header_row, hint="请尽快报送，并在月报告中说明迟报原因；用 --submit-date 指定实际报送日期"))
    for year in sorted(ctx.state.get("no_data", {})):
        out.append(Finding(WARNING, "CALENDAR_NO_DATA",
                           f"日历缺少{year}年的节假日安排，涉及该年的记录无法计算工作日期限",
                           row=ctx.header_row,
                           hint=f"国务院办公厅通常在上一年10–12月发布{year}年节假日安排；请用 --holidays 文件补充"))
    return out
