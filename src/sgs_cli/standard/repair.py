"""信用修复登记台账 — the register of applications to repair (end early) the publication of a 行政处罚信息,
and the deadlines of the procedure that applies to each application (docs/standard.md §3.1).

The publication periods themselves (minimum before a repair may be granted, maximum after which the record
is taken down anyway) are the regimes of :mod:`sgs_cli.calendar.publication`, chosen by the penalty's
decision date. The procedure (how many working days to decide, and to take the record down after a
decision) is chosen by the application date and declared here, once:

* 国家发展改革委令2023年第58号《失信行为纠正后的信用信息修复管理办法（试行）》, applications from 2023-05-01
  to 2026-03-31: the order's own article with the processing days was not found in the stored copies; the
  numbers are those a county government restated while the order was in force (清远市清城区, 2024-01-05:
  “信用中国”网站自提交成功之日起10个工作日内完成信用修复审核，撤下公示信息；地方信用平台网站在“信用中国”网站
  作出信用修复决定之日起三个工作日内，将信用修复信息共享至认定单位和相关系统).
* 国家发展改革委令2025年第36号《信用修复管理办法》, applications from 2026-04-01: its processing days were not
  found in a readable copy, so no deadline is computed (the list says so; nothing is guessed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sgs_cli.standard.base import Field, FieldType as T, Required as R, SheetSpec

#: 修复决定 values, and the one that grants the repair
GRANTED, REFUSED, NOT_ACCEPTED = "准予修复", "不予修复", "不予受理"
DECISIONS = (GRANTED, REFUSED, NOT_ACCEPTED)
#: 修复结果 values: the record is taken down (终止公示), or its publication period is shortened to a new end
TAKEN_DOWN, SHORTENED = "撤下", "缩短公示期"
OUTCOMES = (TAKEN_DOWN, SHORTENED)
#: 失信程度 values (the bands of calendar/publication.py; 一般 when empty)
SEVERITY_VALUES = ("轻微", "一般", "严重")
#: other spellings of the values, read as the standard value (ENUM_VARIANT asks for the standard one)
DECISION_VARIANTS = {"准予": GRANTED, "同意": GRANTED, "同意修复": GRANTED, "准予信用修复": GRANTED, "通过": GRANTED,
                     "审核通过": GRANTED, "不予": REFUSED, "不同意": REFUSED, "不予信用修复": REFUSED, "驳回": REFUSED,
                     "不通过": REFUSED, "审核不通过": REFUSED}
OUTCOME_VARIANTS = {"终止公示": TAKEN_DOWN, "已撤下": TAKEN_DOWN, "撤下公示": TAKEN_DOWN, "提前终止公示": TAKEN_DOWN,
                    "缩短": SHORTENED, "缩短公示期限": SHORTENED}
SEVERITY_VARIANTS = {"轻微失信": "轻微", "一般失信": "一般", "严重失信": "严重"}


def standard_value(text: str, variants: dict[str, str]) -> str:
    """The standard value of a 修复决定 / 修复结果 / 失信程度 cell (its own text when it is not a known variant)."""
    return variants.get(text, text)


@dataclass(frozen=True)
class Procedure:
    """The repair procedure in force for applications received from ``start`` to ``end``."""

    code: str
    name: str  # the order's number, as messages cite it
    start: date
    end: date | None
    decide_days: int | None  # working days from the application to the decision (and 信用中国's take-down)
    takedown_days: int | None  # working days from a granting decision to the local sites' take-down
    source: str  # where the numbers come from (shown in the list's notes and in docs/standard.md §3.1)

    def applies_to(self, applied: date) -> bool:
        return applied >= self.start and (self.end is None or applied <= self.end)


PROCEDURE_58 = Procedure(
    "58", "国家发展改革委令2023年第58号", date(2023, 5, 1), date(2026, 3, 31), 10, 3,
    "办理时限据清远市清城区2024年1月5日公布的“信用中国”行政处罚信息修复流程（58号令施行期间）："
    "自提交之日起10个工作日内完成审核并撤下，地方信用网站自修复决定之日起3个工作日内同步；58号令的条文未找到")
PROCEDURE_2025_36 = Procedure(
    "2025-36", "国家发展改革委令2025年第36号", date(2026, 4, 1), None, None, None,
    "《信用修复管理办法》的办理时限条文未找到可读的文本，不计算办理期限和撤下期限")
PROCEDURES: tuple[Procedure, ...] = (PROCEDURE_58, PROCEDURE_2025_36)


def procedure_for(applied: date) -> Procedure | None:
    """The procedure for an application received on ``applied``; None before 2023-05-01 (not covered)."""
    for p in PROCEDURES:
        if p.applies_to(applied):
            return p
    return None


REPAIR = SheetSpec(
    kind="repair", standard="58", title="信用修复登记台账",
    fields=(
        Field("XH", "序号", T.NUMBER, aliases=("编号",), hint="选填"),
        Field("SQR", "申请人名称", max_len=200, required=R.ALWAYS, aliases=("申请人", "信用主体名称", "申请单位"),
              hint="申请信用修复的单位或个人（原处罚的行政相对人）"),
        Field("XDR_SHXYM", "统一社会信用代码", T.CODE, max_len=18, identifier="uscc", required=R.CONDITIONAL,
              aliases=("社会信用代码", "统一社会信用代码（单位）"),
              hint="单位填18位统一社会信用代码；个人留空、填证件号码（两者至少填一项）"),
        Field("XDR_ZJHM", "证件号码", T.CODE, max_len=64, public=False, required=R.CONDITIONAL,
              aliases=("身份证号码", "身份证号"),
              hint="个人填居民身份证号码；该项不公示"),
        Field("SQRQ", "申请日期", T.DATE, required=R.ALWAYS, aliases=("申请时间", "提交日期"),
              hint="提交信用修复申请的日期，YYYY/MM/DD；办理期限从次日起算"),
        Field("SLRQ", "受理日期", T.DATE, aliases=("受理时间",), hint="受理申请的日期（不早于申请日期）"),
        Field("WSH", "原决定书文号", T.CODE, max_len=128, required=R.ALWAYS,
              aliases=("行政处罚决定书文号", "处罚决定书文号", "决定书文号", "原处罚决定书文号"),
              hint="申请修复的行政处罚决定书文号"),
        Field("CFJDRQ", "原处罚决定日期", T.DATE, required=R.ALWAYS, aliases=("处罚决定日期", "原决定日期"),
              hint="原行政处罚决定日期：公示期限从该日起算"),
        Field("SXCD", "失信程度", T.ENUM, enum=SEVERITY_VALUES, aliases=("失信严重程度",),
              hint="轻微、一般、严重（留空按一般）；2026年4月1日起作出的处罚按程度定公示期限"),
        Field("YGSJZ", "原公示截止日期", T.DATE, aliases=("原公示截止期", "公示截止日期"),
              hint="选填；留空按最长公示期限计算"),
        Field("XFJD", "修复决定", T.ENUM, enum=DECISIONS, aliases=("审核结果", "修复审核结果"),
              hint="准予修复、不予修复、不予受理；尚未决定的留空"),
        Field("JDRQ", "决定日期", T.DATE, aliases=("修复决定日期", "审核日期"), hint="作出修复决定的日期"),
        Field("XFJG", "修复结果", T.ENUM, enum=OUTCOMES, aliases=("修复方式",),
              hint="准予修复的填：撤下（终止公示）或缩短公示期；留空按撤下"),
        Field("XGSJZ", "新公示截止日期", T.DATE, required=R.CONDITIONAL, aliases=("缩短后公示截止日期",),
              hint="修复结果为缩短公示期时必填"),
        Field("CXRQ", "撤下日期", T.DATE, aliases=("实际撤下日期", "终止公示日期"), hint="网站实际撤下该条处罚信息的日期"),
        Field("JBBM", "经办部门", max_len=200, required=R.ALWAYS, aliases=("承办部门", "经办单位", "认定单位"),
              hint="办理该申请的部门或科室"),
        Field("BZ", "备注", max_len=512, hint="选填"),
    ),
    markers=("原决定书文号", "修复决定", "撤下日期", "申请日期"),
)
