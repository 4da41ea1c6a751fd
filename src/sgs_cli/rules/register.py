"""报送登记表 (standard/register.py): dates parsed and checked like every other sheet (DATE_INVALID,
DATE_NONSTANDARD, DATE_IMPLAUSIBLE), and:

* DATE_FUTURE (error): a date after --today (nothing can have been received yet).
* DATE_ORDER (error): 事项目录更新日期 before 事项目录报送日期.
* REGISTER_REPORT_EARLY (error): a month's 月报告 received within that same month (the month had not ended).
* REGISTER_UNIT_DUPLICATE (warning): a department on two rows (the first row is used).

The department against the roster (REGISTER_UNIT_UNKNOWN) is checked where the roster is known
(submissions.read_register).
"""

from __future__ import annotations

from sgs_cli.standard.register import MONTH_CODES
from sgs_cli.io.cells import compact_code
from sgs_cli.rules import dates, required
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.rules.dates import fmt


def check(rec: Record, ctx: SheetContext):
    yield from dates.parse_all(rec, ctx)
    for code, d in rec.dates.items():
        if d and d > ctx.today:
            yield ctx.error("DATE_FUTURE", rec, code, f"{ctx.fields[code].name}{fmt(d)}晚于今天（{fmt(ctx.today)}）",
                            "请核对日期；如需按其他日期校验，请用 --today 指定")
    sent, updated = rec.dates.get("MLBS"), rec.dates.get("MLGX")
    if sent and updated and updated < sent:
        yield ctx.error("DATE_ORDER", rec, "MLGX", f"事项目录更新日期{fmt(updated)}早于报送日期{fmt(sent)}",
                        "请核对日期：更新应在首次报送之后")
    for m, code in enumerate(MONTH_CODES, start=1):
        d = rec.dates.get(code)
        if d and d.month == m:
            yield ctx.error("REGISTER_REPORT_EARLY", rec, code,
                            f"{m}月月报告的收到日期{fmt(d)}在{m}月之内，当月尚未结束",
                            f"请核对：{m}月月报告应在{m + 1 if m < 12 else 1}月报送，是否填错了列")
    name = compact_code(rec.text("DWMC"))
    if name:
        seen = ctx.state.setdefault("units", {})
        if name in seen:
            yield ctx.warning("REGISTER_UNIT_DUPLICATE", rec, "DWMC", f"单位“{rec.text('DWMC')}”与第{seen[name]}行重复",
                              "每个单位只填一行；统计时使用第一行")
        else:
            seen[name] = rec.row


RECORD_RULES = (required.check, check)
