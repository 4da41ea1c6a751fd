"""信用修复登记台账 (standard/repair.py; the dates of a case: calendar/repair.py; docs/standard.md §3.1).

Codes: REPAIR_ID_MISSING (error: neither 统一社会信用代码 nor 证件号码), REPAIR_DECISION_INCOMPLETE (error: a
decision without its date, a date without its decision, 缩短公示期 without the new end, a 撤下日期 on a
refused case), REPAIR_BEFORE_MINIMUM (error: granted on an application made before the minimum publication
period had ended), and the facts REPAIR_DECISION_LATE / REPAIR_DECISION_OVERDUE (the procedure's working days
from the application) and REPAIR_TAKEDOWN_LATE / REPAIR_TAKEDOWN_OVERDUE (the working days from a granting
decision to the take-down); plus DATE_ORDER (申请 ≤ 受理 ≤ 决定 ≤ 撤下, the penalty before the application),
DATE_FUTURE, ENUM_INVALID and the identifier checks of the 790 sheets (rules/identifiers.py).
"""

from __future__ import annotations

from sgs_cli.calendar.repair import repair_dates
from sgs_cli.findings import ERROR, WARNING
from sgs_cli.rules import dates, timeliness
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.rules.dates import fmt
from sgs_cli.rules.enumerations import _simple
from sgs_cli.rules.timeliness import State, calendar_of, late_days, no_data
from sgs_cli.standard.repair import (
    DECISION_VARIANTS,
    DECISIONS,
    GRANTED,
    OUTCOME_VARIANTS,
    OUTCOMES,
    SEVERITY_VALUES,
    SEVERITY_VARIANTS,
    SHORTENED,
    standard_value,
)

CODES = declare("repair", {
    "REPAIR_ID_MISSING": Code(ERROR, "信用修复登记：统一社会信用代码和证件号码都未填写",
                              "统一社会信用代码和证件号码都未填写", "单位填统一社会信用代码，个人填证件号码"),
    "REPAIR_DECISION_INCOMPLETE": Code(ERROR, "信用修复登记：修复决定、决定日期、修复结果不完整",
                                       "填了修复决定“{decision}”，但没有决定日期", "请填写作出修复决定的日期",
                                       variants={
        "no_decision": ("填了决定日期{date}，但没有修复决定", "请填写准予修复、不予修复或不予受理"),
        "no_end": ("修复结果为缩短公示期，但没有新公示截止日期", "请填写缩短后的公示截止日期"),
        "not_granted": ("修复决定为“{decision}”，却填了{label}", "未准予修复的，信息继续公示，请核对")}),
    "REPAIR_BEFORE_MINIMUM": Code(ERROR, "信用修复登记：最短公示期届满前准予修复",
                                  "申请日期{applied}早于最短公示期届满日{earliest}，却准予修复",
                                  "按{regime}，最短公示期届满后方可申请信用修复（处罚决定日期{decided}，{band}）；"
                                  "请核对原处罚决定日期或修复决定"),
    "REPAIR_DECISION_LATE": Code(ERROR, "信用修复决定超过办理期限",
                                 "修复决定超过办理期限（申请日期{applied}起{days}个工作日，期限{due}，实际{actual}{late}）",
                                 "按{procedure}的办理时限，请说明原因", fact=True),
    "REPAIR_DECISION_OVERDUE": Code(WARNING, "信用修复申请尚未决定且已过办理期限",
                                    "尚未作出修复决定，已超过办理期限{due}{late}", "请督促经办部门办理", fact=True),
    "REPAIR_TAKEDOWN_LATE": Code(ERROR, "准予修复后撤下超过期限",
                                 "撤下超过期限（决定日期{decided}起，期限{due}，实际撤下{actual}{late}）",
                                 "按{procedure}的时限，准予修复后应及时撤下，请说明原因", fact=True),
    "REPAIR_TAKEDOWN_OVERDUE": Code(WARNING, "准予修复后尚未撤下且已过期限",
                                    "准予修复后尚未撤下，已超过撤下期限{due}{late}",
                                    "请立即撤下该条处罚信息并填写撤下日期", fact=True),
})

#: the dates of a case in the order they must come (申请 ≤ 受理 ≤ 决定 ≤ 撤下; the penalty before them all)
ORDER = ("CFJDRQ", "SQRQ", "SLRQ", "JDRQ", "CXRQ")
_ENUMS = (("SXCD", SEVERITY_VALUES, SEVERITY_VARIANTS), ("XFJD", DECISIONS, DECISION_VARIANTS),
          ("XFJG", OUTCOMES, OUTCOME_VARIANTS))


def _late(ctx: SheetContext, due, actual) -> str:
    n = late_days(ctx, due, actual)
    return f"，逾期{n}个工作日" if n else ""


def check(rec: Record, ctx: SheetContext, state: State):
    yield from dates.parse_all(rec, ctx)
    state.row = rec.row  # CALENDAR_NO_DATA counts rows
    for code, values, variants in _ENUMS:
        yield from _simple(rec, ctx, code, values, variants, "、".join(values))
    if not rec.text("XDR_SHXYM") and not rec.text("XDR_ZJHM"):
        yield ctx.emit("REPAIR_ID_MISSING", rec, "XDR_SHXYM")
    got = rec.dates
    for code in ORDER:
        d = got.get(code)
        if d and d > ctx.today:
            yield ctx.emit("DATE_FUTURE", rec, code, variant="register", label=ctx.fields[code].name, date=fmt(d),
                           today=fmt(ctx.today))
    before = None  # the latest earlier date of the chain that is filled
    for code in ORDER:
        d = got.get(code)
        if d is None:
            continue
        if before is not None and d < got[before]:
            yield ctx.emit("DATE_ORDER", rec, code, variant="repair", label=ctx.fields[code].name, later=fmt(d),
                           prior=ctx.fields[before].name, earlier=fmt(got[before]))
        else:
            before = code
    decision = standard_value(rec.text("XFJD"), DECISION_VARIANTS)
    outcome = standard_value(rec.text("XFJG"), OUTCOME_VARIANTS)
    decided = got.get("JDRQ")
    if decision and decided is None and not rec.text("JDRQ"):
        yield ctx.emit("REPAIR_DECISION_INCOMPLETE", rec, "JDRQ", decision=decision)
    elif decided and not decision:
        yield ctx.emit("REPAIR_DECISION_INCOMPLETE", rec, "XFJD", variant="no_decision", date=fmt(decided))
    if decision == GRANTED and outcome == SHORTENED and not rec.text("XGSJZ"):
        yield ctx.emit("REPAIR_DECISION_INCOMPLETE", rec, "XGSJZ", variant="no_end")
    if decision in DECISIONS and decision != GRANTED and rec.text("CXRQ"):
        yield ctx.emit("REPAIR_DECISION_INCOMPLETE", rec, "CXRQ", variant="not_granted", decision=decision,
                       label="撤下日期")
    applied = got.get("SQRQ")
    if applied is None:
        return
    cal = calendar_of(ctx)
    rd = repair_dates(cal, applied=applied, penalty_date=got.get("CFJDRQ"),
                      severity=standard_value(rec.text("SXCD"), SEVERITY_VARIANTS),
                      written_end=got.get("YGSJZ"), decision=decision, decided=decided, outcome=outcome,
                      new_end_written=got.get("XGSJZ"))
    if rd.missing_year is not None:
        no_data(state, rd.missing_year)
    if decision == GRANTED and rd.earliest_repair and rd.regime is not None and applied < rd.earliest_repair:
        yield ctx.emit("REPAIR_BEFORE_MINIMUM", rec, "SQRQ", applied=fmt(applied), earliest=fmt(rd.earliest_repair),
                       regime=rd.regime.name, decided=fmt(got["CFJDRQ"]), band=rd.severity + "失信")
    proc = rd.procedure
    if rd.decide_due is not None and proc is not None:  # decide_due comes from the procedure
        if decided and decided > rd.decide_due:
            yield ctx.emit("REPAIR_DECISION_LATE", rec, "JDRQ", applied=fmt(applied), days=proc.decide_days,
                           due=fmt(rd.decide_due), actual=fmt(decided), late=_late(ctx, rd.decide_due, decided),
                           procedure=proc.name)
        elif not decision and not rec.text("JDRQ") and ctx.today > rd.decide_due:
            yield ctx.emit("REPAIR_DECISION_OVERDUE", rec, "XFJD", due=fmt(rd.decide_due),
                           late=_late(ctx, rd.decide_due, ctx.today))
    if rd.takedown_due is not None and decided is not None:  # takedown_due comes from the decision
        down = got.get("CXRQ")
        name = rd.takedown_procedure.name if rd.takedown_procedure else "新公示截止日期"
        if down and down > rd.takedown_due:
            yield ctx.emit("REPAIR_TAKEDOWN_LATE", rec, "CXRQ", decided=fmt(decided), due=fmt(rd.takedown_due),
                           actual=fmt(down), late=_late(ctx, rd.takedown_due, down), procedure=name)
        elif not down and not rec.text("CXRQ") and ctx.today > rd.takedown_due:
            yield ctx.emit("REPAIR_TAKEDOWN_OVERDUE", rec, "CXRQ", due=fmt(rd.takedown_due),
                           late=_late(ctx, rd.takedown_due, ctx.today))


#: the calendar notes (CALENDAR_NO_DATA) are timeliness's, from the same kind of state
RULE = Rule("repair", CODES, row=check, start=timeliness.start, combine=timeliness.combine,
            finish=timeliness.finish, ordered=True)
