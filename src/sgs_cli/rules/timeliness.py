"""Working-day deadlines inside `sgs validate` (issue: calendar and deadlines).

Codes:
* LATE_REPORT (error, ledger): 向同级信用平台报送日期 after the 7th working day after the decision.
* LATE_PUSH (error, ledger): 部门网站推送日期 after that deadline.
* NOT_REPORTED_OVERDUE (error, ledger): not reported and the deadline has passed (--today) — worse than
  LATE_REPORT, so at least as severe.
* REPORT_DATE_FUTURE (error, ledger): a 报送日期 or 推送日期 after --today; it is not counted as a report.
* DEADLINE_PASSED (warning, 790 sheets, one per sheet): records whose deadline is before --submit-date.
* PUBLICATION_PERIOD (warning, penalty): 公示截止期 outside the regime's minimum/maximum (standard.md §3).
* CALENDAR_NO_DATA (warning, one per sheet and year): records that cannot be judged because the days
  up to their 报送日期 (or today / --submit-date) lie in a year without calendar data — never a guess.
  A record whose deadline lies in that year but that was reported (or is looked at) while fewer than 7
  working days had passed is on time and needs no note.
* CALENDAR_PROVISIONAL (warning, one per sheet): with --provisional, deadlines that used a provisional
  year are marked 暂定 in the messages; this note gives the reason.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..findings import WARNING, Finding
from ..publication import check_gsjzq
from ..provisional import REASON
from ..workcal import PROVISIONAL_MARK, CalendarDataMissing, WorkCalendar, needs_calendar_text
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
        cal = WorkCalendar.load(getattr(opts, "holidays", None), provisional=getattr(opts, "provisional", False))
        if opts is not None:
            opts.calendar = cal
    return cal


def deadline(ctx: SheetContext, decided: dt.date) -> dt.date | None:
    """7-working-day deadline, memoised per sheet; None when it needs a year without calendar data
    (the record may still be judged with :func:`_within`)."""
    cache = ctx.state.setdefault("deadline", {})
    if decided in cache:
        return cache[decided]
    try:
        due = calendar_of(ctx).add_workdays(decided, PUSH_DAYS)
    except CalendarDataMissing:
        due = None
    cache[decided] = due
    return due


def _within(ctx: SheetContext, decided: dt.date, when: dt.date) -> bool | None:
    """Whether ``when`` is within the deadline, looking only at the days up to ``when``; None (and the
    record counted for CALENDAR_NO_DATA) when even that needs a missing year."""
    try:
        return calendar_of(ctx).is_within_workdays(decided, PUSH_DAYS, when)
    except CalendarDataMissing as e:
        _no_data(ctx, e.year)
        return None


def _no_data(ctx: SheetContext, year: int) -> None:
    ctx.state.setdefault("no_data", {}).setdefault(year, set()).add(ctx.state.get("row"))


def _mark(ctx: SheetContext, decided: dt.date, until: dt.date) -> str:
    """"（暂定）" when counting from ``decided`` to ``until`` used a provisional calendar year."""
    if calendar_of(ctx).provisional_between(decided, until):
        ctx.state["provisional"] = True
        return f"（{PROVISIONAL_MARK}）"
    return ""


def _late_days(ctx: SheetContext, due: dt.date, actual: dt.date) -> int | None:
    try:
        return calendar_of(ctx).workdays_between(due, actual)
    except CalendarDataMissing:  # the record is late all the same; only the count needs that year
        return None


def ledger_check(rec: Record, ctx: SheetContext):
    jd = rec.dates.get("JDRQ")
    if not jd:
        return
    ctx.state["row"] = rec.row
    due = deadline(ctx, jd)
    for code, err, label in (("BSRQ", "LATE_REPORT", "向同级信用平台报送"), ("TSRQ", "LATE_PUSH", "部门网站推送")):
        if code not in ctx.columns:
            continue
        d = rec.dates.get(code)
        future = bool(d and d > ctx.today)
        if future:
            yield ctx.error("REPORT_DATE_FUTURE", rec, code, f"{label}日期{fmt(d)}晚于统计日期{fmt(ctx.today)}",
                            "请核对日期；尚未发生的报送不计为已报送（用 --today 指定统计日期）")
            d = None  # not a report (yet)
        if d and d < jd:
            continue  # DATE_ORDER reports it
        if d:
            if due is None:
                _within(ctx, jd, d)  # within: on time although the deadline needs a missing year
            elif d > due:
                n = _late_days(ctx, due, d)
                late = f"，逾期{n}个工作日" if n else ""
                yield ctx.error(err, rec, code,
                                f"{label}超过7个工作日期限（期限{fmt(due)}{_mark(ctx, jd, d)}，实际{fmt(d)}{late}）",
                                "应在作出决定之日起7个工作日内报送；请说明迟报原因并及时报送")
        elif code == "BSRQ" and (future or not rec.text(code)):
            if due is None:
                _within(ctx, jd, ctx.today)
            elif ctx.today > due:
                n = _late_days(ctx, due, ctx.today)
                yield ctx.error("NOT_REPORTED_OVERDUE", rec, code,
                                f"尚未报送，已超过期限{fmt(due)}{_mark(ctx, jd, ctx.today)}"
                                + (f"（逾期{n}个工作日）" if n else ""),
                                "请尽快向同级信用平台报送")


def record_check(rec: Record, ctx: SheetContext):
    """790 sheets: collect records past the deadline at --submit-date; check 公示截止期."""
    jd = rec.dates.get(ctx.k("JDRQ"))
    if not jd:
        return
    ctx.state["row"] = rec.row
    submit = getattr(ctx.options, "submit_date", None) or ctx.today
    due = deadline(ctx, jd)
    if due is None:
        _within(ctx, jd, submit)
    elif submit > due:
        ctx.state.setdefault("passed", []).append(rec.row)
        _mark(ctx, jd, submit)
    if ctx.prefix == "CF":
        gs = rec.dates.get("CF_GSJZQ")
        if gs:
            msg = _gsjzq(jd, gs)
            if msg:
                yield ctx.warning("PUBLICATION_PERIOD", rec, "CF_GSJZQ", msg,
                                  "按一般失信的公示期限核对；严重失信或轻微失信的期限不同（sgs deadlines --penalty --severity）")


def _rows(rows) -> str:
    rows = sorted(r for r in rows if r)
    return "、".join(str(r) for r in rows[:20]) + ("等" if len(rows) > 20 else "")


def sheet_end(ctx: SheetContext) -> list[Finding]:
    out = []
    passed = ctx.state.get("passed")
    provisional = ctx.state.get("provisional")
    mark = f"（期限按{PROVISIONAL_MARK}日历计算）" if provisional else ""
    if passed:
        submit = getattr(ctx.options, "submit_date", None) or ctx.today
        out.append(Finding(WARNING, "DEADLINE_PASSED",
                           f"{len(passed)}条记录按报送日期{fmt(submit)}已超过作出决定之日起7个工作日的期限"
                           f"（第{_rows(passed)}行）{mark}",
                           row=ctx.header_row, hint="请尽快报送，并在月报告中说明迟报原因；用 --submit-date 指定实际报送日期"))
    for year, rows in sorted(ctx.state.get("no_data", {}).items()):
        out.append(Finding(WARNING, "CALENDAR_NO_DATA",
                           f"{len(rows)}条记录{needs_calendar_text(year)}，暂无法判断是否超过7个工作日期限"
                           f"（第{_rows(rows)}行）",
                           row=ctx.header_row,
                           hint=f"国务院办公厅通常在上一年10–12月发布{year}年节假日安排；发布后运行 "
                                f"sgs calendar {year} --from-notice 通知.txt 补充（或用 --holidays 文件），"
                                f"发布前可加 --provisional 按法定节假日暂定计算"))
    if provisional:
        years = "、".join(f"{y}年" for y in calendar_of(ctx).provisional_years())
        out.append(Finding(WARNING, "CALENDAR_PROVISIONAL",
                           f"本表标“{PROVISIONAL_MARK}”的期限用到{years}的暂定日历：{REASON}",
                           row=ctx.header_row,
                           hint="正式通知发布后运行 sgs calendar 年份 --from-notice 通知.txt 补充，再重新校验"))
    return out
