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

from sgs_cli.findings import ERROR, WARNING
from sgs_cli.io.cells import compact_code
from sgs_cli.rules import dates
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.rules.dates import fmt
from sgs_cli.standard.register import MONTH_CODES

CODES = declare("register", {
    "REGISTER_REPORT_EARLY": Code(ERROR, "报送登记表：月报告收到日期在该月之内", "{month}月月报告的收到日期{date}在{month}月之内，当月尚未结束",
                                  "请核对：{month}月月报告应在{next}月报送，是否填错了列"),
    "REGISTER_UNIT_DUPLICATE": Code(WARNING, "报送登记表：同一单位填了多行", "单位“{unit}”与第{first}行重复",
                                    "每个单位只填一行；统计时使用第一行"),
    "REGISTER_UNIT_UNKNOWN": Code(WARNING, "报送登记表：单位不在单位名单中", "单位“{unit}”不在单位名单中",
                                  "请核对单位名称是否与单位名单一致（可在名单的“简称”列加一个写法）；该行不计入任何部门"),
})


def check(rec: Record, ctx: SheetContext, state: dict):
    yield from dates.parse_all(rec, ctx)
    for code, d in rec.dates.items():
        if d and d > ctx.today:
            yield ctx.emit("DATE_FUTURE", rec, code, variant="register", label=ctx.fields[code].name, date=fmt(d),
                           today=fmt(ctx.today))
    sent, updated = rec.dates.get("MLBS"), rec.dates.get("MLGX")
    if sent and updated and updated < sent:
        yield ctx.emit("DATE_ORDER", rec, "MLGX", variant="register", label="事项目录更新日期", later=fmt(updated),
                       earlier=fmt(sent))
    for m, code in enumerate(MONTH_CODES, start=1):
        d = rec.dates.get(code)
        if d and d.month == m:
            yield ctx.emit("REGISTER_REPORT_EARLY", rec, code, month=m, date=fmt(d), next=m + 1 if m < 12 else 1)
    name = compact_code(rec.text("DWMC"))
    if name:
        if name in state:
            yield ctx.emit("REGISTER_UNIT_DUPLICATE", rec, "DWMC", unit=rec.text("DWMC"), first=state[name])
        else:
            state[name] = rec.row


#: a department's first row wins: the rows in order, in one process
RULE = Rule("register", CODES, row=check, start=lambda ctx: {}, ordered=True)
