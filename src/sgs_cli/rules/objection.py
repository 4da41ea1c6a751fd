"""异议登记台账 (objection register): 郑发改财贸〔2019〕773号 — an objection is handled within 3 working days
of its receipt and the checked record is synchronised to the city credit platform (同步至市信用平台) within
the same 3 working days. The receipt day is not counted (as for the 7-working-day deadline).

Codes: OBJECTION_LATE (error: 办结日期 after the deadline), OBJECTION_OVERDUE (warning: not closed and the
deadline has passed at --today), OBJECTION_SYNC_LATE (error: 同步平台日期 after the deadline),
OBJECTION_NOT_SYNCED (warning: closed, not synchronised, deadline passed), OBJECTION_DEADLINE_MISMATCH
(warning: the 处理期限 written is not the 3rd working day), plus DATE_ORDER, DATE_FUTURE and the required
and date rules shared with the other sheets.
"""

from __future__ import annotations

import datetime as dt

from sgs_cli.calendar.workdays import CalendarDataMissing
from sgs_cli.rules import dates, required
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.calendar.deadlines import OBJECTION_DAYS
from sgs_cli.rules.dates import fmt


def objection_due(ctx: SheetContext, received: dt.date) -> dt.date | None:
    """3rd working day after ``received``; None (and a CALENDAR_NO_DATA note) without calendar data."""
    from sgs_cli.rules.timeliness import calendar_of

    from sgs_cli.rules.timeliness import _no_data

    cache = ctx.state.setdefault("objection_due", {})
    if received not in cache:
        try:
            cache[received] = calendar_of(ctx).add_workdays(received, OBJECTION_DAYS)
        except CalendarDataMissing as e:
            _no_data(ctx, e.year)
            cache[received] = None
    return cache[received]


def _late_by(ctx: SheetContext, due: dt.date, actual: dt.date) -> str:
    from sgs_cli.rules.timeliness import _late_days

    n = _late_days(ctx, due, actual)
    return f"，逾期{n}个工作日" if n else ""


def check(rec: Record, ctx: SheetContext):
    yield from dates.parse_all(rec, ctx)
    ctx.state["row"] = rec.row  # CALENDAR_NO_DATA counts rows
    got = rec.dates.get("SDRQ")
    if got is None:
        return
    if got > ctx.today:
        yield ctx.error("DATE_FUTURE", rec, "SDRQ", f"收到日期{fmt(got)}晚于今天（{fmt(ctx.today)}）",
                        "请核对收到日期；如需按其他日期校验，请用 --today 指定")
    for code, label in (("BJRQ", "办结日期"), ("TBRQ", "同步平台日期")):
        d = rec.dates.get(code)
        if d and d < got:
            yield ctx.error("DATE_ORDER", rec, code, f"{label}{fmt(d)}早于收到日期{fmt(got)}", "请核对日期")
    due = objection_due(ctx, got)
    if due is None:
        return
    written = rec.dates.get("CLQX")
    if written and written != due:
        yield ctx.warning("OBJECTION_DEADLINE_MISMATCH", rec, "CLQX",
                          f"处理期限应为{fmt(due)}（收到日期{fmt(got)}起3个工作日），表中为{fmt(written)}",
                          f"请改为{fmt(due)}，或留空由 sgs 计算")
    closed, synced = rec.dates.get("BJRQ"), rec.dates.get("TBRQ")
    if closed and closed > due:
        yield ctx.error("OBJECTION_LATE", rec, "BJRQ",
                        f"超过3个工作日处理期限（期限{fmt(due)}，实际办结{fmt(closed)}{_late_by(ctx, due, closed)}）",
                        "接到异议核查通知应在3个工作日内处理完毕；请说明原因")
    elif not closed and not rec.text("BJRQ") and ctx.today > due:
        yield ctx.warning("OBJECTION_OVERDUE", rec, "BJRQ",
                          f"尚未办结，已超过处理期限{fmt(due)}{_late_by(ctx, due, ctx.today)}",
                          "请督促承办科室立即处理并同步至信用平台")
    if synced and synced > due:
        yield ctx.error("OBJECTION_SYNC_LATE", rec, "TBRQ",
                        f"同步至信用平台超过3个工作日期限（期限{fmt(due)}，实际{fmt(synced)}{_late_by(ctx, due, synced)}）",
                        "核实后的信息应在3个工作日内同步至市信用平台")
    elif closed and not synced and not rec.text("TBRQ") and ctx.today > due:
        yield ctx.warning("OBJECTION_NOT_SYNCED", rec, "TBRQ",
                          f"已办结但尚未同步至信用平台，已超过期限{fmt(due)}",
                          "请将核实后的信息记录同步至市信用平台，并填写同步平台日期")


RECORD_RULES = (required.check, check)
