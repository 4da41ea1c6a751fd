"""Working-day deadlines inside `sgs validate` (issue: calendar and deadlines).

Codes:
* LATE_REPORT (error, ledger): 向同级信用平台报送日期 after the 7th working day after the decision.
* LATE_PUSH (error, ledger): 部门网站推送日期 after that deadline.
* NOT_REPORTED_OVERDUE (error, ledger): not reported and the deadline has passed (--today) — worse than
  LATE_REPORT, so at least as severe.
* REPORT_DATE_FUTURE (error, ledger): a 报送日期 or 推送日期 after --today; it is not counted as a report.
* DEADLINE_PASSED (warning, 790 sheets, one per sheet): records whose deadline is before --submit-date.
* PUBLICATION_PERIOD (warning, penalty): 公示截止期 outside the minimum/maximum of the regime of the decision
  date, for the record's 失信严重程度 (extension column), else --severity, else 一般 — the hint says which.
* SEVERITY_INVALID (warning, penalty): a 失信严重程度 that is not 轻微/一般/严重.
* PUBLICATION_NOT_REQUIRED (info, penalty decided from 2026-04-01): 警告 / 简易程序 → 轻微, 原则上不予公示.
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

from decimal import Decimal

from sgs_cli.findings import WARNING, Finding
from sgs_cli.calendar.publication import DEFAULT_SEVERITY, REGIME_2025_36, check_gsjzq, normalize_severity
from sgs_cli.calendar.provisional import REASON
from sgs_cli.standard.enums import CF_FINE, CF_REVOKE, CF_SUSPEND, CF_WARNING, LB_PERSON
from sgs_cli.calendar.workdays import PROVISIONAL_MARK, CalendarDataMissing, WorkCalendar, needs_calendar_text
from sgs_cli.rules.context import Record, SheetContext, column_letter
from sgs_cli.calendar.deadlines import PUSH_DAYS
from sgs_cli.rules.dates import fmt

#: what a table-level finding says at each row it lists (error receipt, returned file)
ROW_TEXT = {"DEADLINE_PASSED": "已超过作出决定之日起7个工作日的报送期限",
            "CALENDAR_NO_DATA": "缺少所需年份的节假日安排，暂无法判断是否超过7个工作日期限"}


@lru_cache(maxsize=1 << 16)
def _gsjzq(decided: dt.date, gsjzq: dt.date, severity: str = DEFAULT_SEVERITY) -> str | None:
    return check_gsjzq(decided, gsjzq, severity)


#: 行政处罚法(2021)第五十一条: 简易程序 (当场处罚) fines up to 200 元 for a person, 3000 元 for an organisation
SIMPLE_FINE_WAN = {LB_PERSON: Decimal("0.02")}
SIMPLE_FINE_WAN_ORG = Decimal("0.3")
#: penalty types the 2025 办法 names among 严重失信 (吊销许可证件…): a period longer than 一般 allows may be right
SERIOUS_BUCKETS = frozenset({CF_REVOKE, CF_SUSPEND})
SEVERITY_SOURCE = {"column": "按“失信严重程度”列", "option": "按 --severity 指定",
                   "default": "未填写失信严重程度，按默认“一般”"}


def severity_of(rec: Record, ctx: SheetContext) -> tuple[str, str, str | None]:
    """(severity, source, the column's value when it cannot be read). Source: column | option | default."""
    from sgs_cli.records.mapping import SEVERITY_KEY

    text = rec.text(SEVERITY_KEY)
    if text:
        try:
            return normalize_severity(text), "column", None
        except ValueError:
            bad = text
    else:
        bad = None
    given = getattr(ctx.options, "severity", None)
    return (normalize_severity(given), "option", bad) if given else (DEFAULT_SEVERITY, "default", bad)


def minor_reason(rec: Record, severity: str, source: str) -> str | None:
    """Why a penalty looks 轻微 (简易程序 / 警告), or None."""
    if source == "column":
        return "失信严重程度为“轻微”" if severity == "轻微" else None
    if rec.buckets and rec.buckets <= {CF_WARNING}:
        return "处罚类别仅为警告（通报批评）"
    if any("简易程序" in rec.text(c) for c in ("CF_NR", "CF_SY", "BZ")):
        return "注明按简易程序作出"
    if rec.buckets == {CF_FINE}:
        from sgs_cli.rules.amounts import parse_amount

        try:
            fine = parse_amount(rec.raw("CF_NR_FK"))
        except Exception:  # noqa: BLE001 - amounts.py reports a bad amount
            fine = None
        limit = SIMPLE_FINE_WAN.get(rec.category, SIMPLE_FINE_WAN_ORG)
        if fine is not None and 0 < fine <= limit:
            who = "公民200元" if rec.category == LB_PERSON else "法人或其他组织3000元"
            return f"罚款数额在简易程序限额内（行政处罚法第五十一条：{who}以下）"
    return None


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
        sev, source, bad = severity_of(rec, ctx)
        if bad is not None:
            col = ctx.state.get("extension_columns", {}).get("_XYCD")
            yield Finding(WARNING, "SEVERITY_INVALID", f"失信严重程度“{bad}”无法识别，按“{sev}”核对公示期限",
                          row=rec.row, column=None if col is None else column_letter(col), value=bad,
                          hint="应填 轻微、一般 或 严重")
        gs = rec.dates.get("CF_GSJZQ")
        if gs:
            msg = _gsjzq(jd, gs, sev)
            if msg:
                hint = f"按{sev}失信的公示期限核对（{SEVERITY_SOURCE[source]}）；"
                if source != "column" and sev != "严重" and rec.buckets & SERIOUS_BUCKETS:
                    hint += ("处罚类别含吊销许可证件或责令停产停业，可能属于严重失信：如是，请在“失信严重程度”列填“严重”"
                             "或用 --severity 严重，不要缩短公示期")
                else:
                    hint += "失信程度不同，期限不同（sgs deadlines --penalty --severity）"
                yield ctx.warning("PUBLICATION_PERIOD", rec, "CF_GSJZQ", msg, hint)
        if jd >= REGIME_2025_36.start:
            why = minor_reason(rec, sev, source)
            if why:
                yield ctx.info("PUBLICATION_NOT_REQUIRED", rec, "CF_CFLB",
                               f"{why}，属于轻微失信：按{REGIME_2025_36.name}《{REGIME_2025_36.title}》"
                               "（2026年4月1日起施行），轻微失信信息原则上不予公示",
                               "请核实是否应当公示；确需公示的，公示期最长3个月")


def row_ranges(rows: list[int]) -> str:
    """Every row, consecutive runs joined: [3, 4, 5, 7] → "3–5、7" (nothing cut off)."""
    parts, i = [], 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        parts.append(str(rows[i]) if j == i else f"{rows[i]}–{rows[j]}")
        i = j + 1
    return "、".join(parts)


def _rows(rows) -> str:
    rows = sorted(r for r in rows if r)
    return "、".join(str(r) for r in rows[:20]) + ("等" if len(rows) > 20 else "")


def sheet_end(ctx: SheetContext) -> list[Finding]:
    out = []
    passed = ctx.state.get("passed")
    provisional = ctx.state.get("provisional")
    mark = f"（期限按{PROVISIONAL_MARK}日历计算）" if provisional else ""
    if passed:
        submit = getattr(ctx.options, "submit_date", None)
        when = f"按报送日期{fmt(submit)}" if submit else f"若今天（{fmt(ctx.today)}）报送"
        rows = sorted(set(passed))
        out.append(Finding(WARNING, "DEADLINE_PASSED",
                           f"{when}，以下{len(rows)}条已超过作出决定之日起7个工作日的期限：第{row_ranges(rows)}行{mark}",
                           row=ctx.header_row, rows=rows,
                           hint="请尽快报送，并在月报告中说明迟报原因；用 --submit-date 指定实际报送日期"))
    for year, rows in sorted(ctx.state.get("no_data", {}).items()):
        out.append(Finding(WARNING, "CALENDAR_NO_DATA",
                           f"{len(rows)}条记录{needs_calendar_text(year)}，暂无法判断是否超过7个工作日期限"
                           f"（第{_rows(rows)}行）",
                           row=ctx.header_row, rows=sorted(r for r in rows if r),
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
