"""异议登记台账 — the register of objections to published credit information (郑发改财贸〔2019〕773号:
接到异议信息核查通知的单位应在三个工作日内处理完毕，并将核实后的信息记录同步至市信用平台)."""

from __future__ import annotations

from sgs_cli.standard.base import Field, FieldType as T, Required as R, SheetSpec

OBJECTION = SheetSpec(
    kind="objection", standard="773", title="异议登记台账",
    fields=(
        Field("SDRQ", "收到日期", T.DATE, required=R.ALWAYS, aliases=("收到异议日期", "异议收到日期", "接收日期"),
              hint="收到异议（核查通知）的日期，YYYY/MM/DD；3个工作日期限从次日起算"),
        Field("YYR", "异议人", max_len=200, required=R.ALWAYS, aliases=("异议申请人", "申请人", "提出人"),
              hint="提出异议的单位或个人"),
        Field("WSH", "所涉决定书文号", T.CODE, max_len=128, required=R.ALWAYS,
              aliases=("决定书文号", "涉及决定书文号", "行政决定书文号", "文书号"), hint="异议所涉的行政许可/行政处罚决定书文号"),
        Field("CBKS", "承办科室", max_len=200, required=R.ALWAYS, aliases=("承办部门", "承办单位", "承办人"),
              hint="负责核查处理的科室"),
        Field("CLQX", "处理期限", T.DATE, aliases=("办理期限", "截止日期"),
              hint="收到日期起3个工作日（可留空，sgs 自动计算并核对）"),
        Field("BJRQ", "办结日期", T.DATE, aliases=("处理完毕日期", "完成日期"), hint="处理完毕的日期，YYYY/MM/DD"),
        Field("TBRQ", "同步平台日期", T.DATE, aliases=("同步至信用平台日期", "同步日期", "报送平台日期"),
              hint="核实后的信息同步至市信用平台的日期；同样应在3个工作日内"),
        Field("CLJG", "处理结果", max_len=2000, aliases=("处理情况", "核查结果", "办理结果"),
              hint="如：维持、更正、撤下"),
    ),
    markers=("异议人", "所涉决定书文号", "同步平台日期", "承办科室"),
)
