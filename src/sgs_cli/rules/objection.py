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
from sgs_cli.findings import ERROR, WARNING
from sgs_cli.rules import dates, timeliness
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.rules.dates import fmt
from sgs_cli.rules.timeliness import State, calendar_of, late_days, no_data

from sgs_cli.calendar.deadlines import OBJECTION_DAYS  # noqa: E402 - the one home of the 3 working days

CODES = declare("objection", {
    "OBJECTION_LATE": Code(ERROR, "异议办结超过3个工作日期限", "超过3个工作日处理期限（期限{due}，实际办结{actual}{late}）",
                           "接到异议核查通知应在3个工作日内处理完毕；请说明原因", fact=True),
    "OBJECTION_OVERDUE": Code(WARNING, "异议尚未办结且已过3个工作日期限", "尚未办结，已超过处理期限{due}{late}",
                              "请督促承办科室立即处理并同步至信用平台", fact=True),
    "OBJECTION_SYNC_LATE": Code(ERROR, "异议处理结果同步信用平台超过3个工作日期限",
                                "同步至信用平台超过3个工作日期限（期限{due}，实际{actual}{late}）", "核实后的信息应在3个工作日内同步至市信用平台", fact=True),
    "OBJECTION_NOT_SYNCED": Code(WARNING, "异议已办结但尚未同步信用平台且已过期限", "已办结但尚未同步至信用平台，已超过期限{due}",
                                 "请将核实后的信息记录同步至市信用平台，并填写同步平台日期", fact=True),
    "OBJECTION_DEADLINE_MISMATCH": Code(WARNING, "填写的处理期限不是收到日期起第3个工作日",
                                        "处理期限应为{due}（收到日期{received}起3个工作日），表中为{written}",
                                        "请改为{due}，或留空由 sgs 计算"),
})


def objection_due(ctx: SheetContext, state: State, received: dt.date) -> dt.date | None:
    """3rd working day after ``received``; None (and a CALENDAR_NO_DATA note) without calendar data."""
    cache = state.due3
    if received not in cache:
        try:
            cache[received] = calendar_of(ctx).add_workdays(received, OBJECTION_DAYS)
        except CalendarDataMissing as e:
            no_data(state, e.year)
            cache[received] = None
    return cache[received]


def _late_by(ctx: SheetContext, due: dt.date, actual: dt.date) -> str:
    n = late_days(ctx, due, actual)
    return f"，逾期{n}个工作日" if n else ""


def check(rec: Record, ctx: SheetContext, state: State):
    yield from dates.parse_all(rec, ctx)
    state.row = rec.row  # CALENDAR_NO_DATA counts rows
    got = rec.dates.get("SDRQ")
    if got is None:
        return
    if got > ctx.today:
        yield ctx.emit("DATE_FUTURE", rec, "SDRQ", variant="objection", date=fmt(got), today=fmt(ctx.today))
    for code, label in (("BJRQ", "办结日期"), ("TBRQ", "同步平台日期")):
        d = rec.dates.get(code)
        if d and d < got:
            yield ctx.emit("DATE_ORDER", rec, code, variant="objection", label=label, later=fmt(d), earlier=fmt(got))
    due = objection_due(ctx, state, got)
    if due is None:
        return
    written = rec.dates.get("CLQX")
    if written and written != due:
        yield ctx.emit("OBJECTION_DEADLINE_MISMATCH", rec, "CLQX", due=fmt(due), received=fmt(got), written=fmt(written))
    closed, synced = rec.dates.get("BJRQ"), rec.dates.get("TBRQ")
    if closed and closed > due:
        yield ctx.emit("OBJECTION_LATE", rec, "BJRQ", due=fmt(due), actual=fmt(closed), late=_late_by(ctx, due, closed))
    elif not closed and not rec.text("BJRQ") and ctx.today > due:
        yield ctx.emit("OBJECTION_OVERDUE", rec, "BJRQ", due=fmt(due), late=_late_by(ctx, due, ctx.today))
    if synced and synced > due:
        yield ctx.emit("OBJECTION_SYNC_LATE", rec, "TBRQ", due=fmt(due), actual=fmt(synced),
                       late=_late_by(ctx, due, synced))
    elif closed and not synced and not rec.text("TBRQ") and ctx.today > due:
        yield ctx.emit("OBJECTION_NOT_SYNCED", rec, "TBRQ", due=fmt(due))


#: the calendar notes (CALENDAR_NO_DATA) are timeliness's, from the same kind of state
RULE = Rule("objection", CODES, row=check, start=timeliness.start, combine=timeliness.combine,
            finish=timeliness.finish, ordered=True)
