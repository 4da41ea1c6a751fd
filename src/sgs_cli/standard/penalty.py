"""行政处罚 (penalty) — the 30 fields of the 790 standard (docs/standard.md §1.2)."""

from __future__ import annotations

from sgs_cli.standard import enums
from sgs_cli.standard.base import Field, FieldType as T, Required as R, SheetSpec
from sgs_cli.standard.subject import source_fields, subject_fields

FIELDS = subject_fields("CF") + (
    Field("CF_WSH", "行政处罚决定书文号", T.CODE, max_len=128, len_confirmed=True, required=R.ALWAYS,
          aliases=("行政处罚决定文书号", "处罚决定书文号", "决定书文号", "文书号", "处罚文书号",
                   # publication pages and scrapers' header maps, typos as published (docs/header-labels.md)
                   "行政处罚决定书号", "行政处罚决定文号", "行政处罚文书号", "处罚决定文号", "处罚决定书号", "处罚文号",
                   "税务处罚决定文书号", "税务行政处罚决定书文号", "行政处罚决定文书", "许行政处罚决定书文号"),
          hint="行政处罚决定书文号", depends_on=("CF_CFLB", "CF_NR_FK")),  # a 不予处罚 文号 with a penalty
    Field("CF_WFXW", "违法行为类型", max_len=2000, required=R.ALWAYS, aliases=("违法类型", "违法行为"),
          hint="行政相对人具体违反的法律法规"),
    Field("CF_SY", "违法事实", max_len=5000, required=R.ALWAYS, aliases=("处罚事由", "违法事实描述", "处罚是由", "罚款事由", "主要违法事实",
                                                                    "主要违法违规事实", "案由"),
          hint="违法事实"),
    Field("CF_YJ", "处罚依据", max_len=2048, required=R.ALWAYS, aliases=("处罚依据(法律条款)",),
          hint="作出处罚所依据的法律法规条款"),
    Field("CF_CFLB", "处罚类别", T.ENUM, max_len=256, required=R.ALWAYS, enum=enums.CFLB_790,
          aliases=("处罚种类", "处罚类型", "罚类别", "行政处罚种类"),
          hint="警告；罚款；没收违法所得、没收非法财物；责令停产停业；暂扣或者吊销许可证、暂扣或者吊销执照；"
               "行政拘留；其他-说明。多个类别用“；”分隔", open_enum=True, multi="；",
          depends_on=("CF_NR",)),  # a penalty 处罚内容 imposes must be among the categories
    Field("CF_NR", "处罚内容", max_len=4000, required=R.ALWAYS, aliases=("处罚结果", "行政处罚内容", "行政处罚决定", "处罚决定内容"),
          hint="处罚决定的主要内容，如“罚款2000元”", depends_on=("CF_CFLB",)),
    Field("CF_NR_FK", "罚款金额（万元）", T.NUMBER, required=R.CONDITIONAL, decimals=6,
          aliases=("罚款金额", "处罚金额（万元）", "罚款金额(单位万元)"),
          hint="单位为万元，最多6位小数；处罚类别含罚款时必填（2000元填0.2）", depends_on=("CF_CFLB", "CF_NR")),
    Field("CF_NR_WFFF", "没收违法所得、没收非法财物的金额（万元）", T.NUMBER, required=R.CONDITIONAL, decimals=6,
          aliases=("没收违法所得、没收非法财务的金额（万元）", "没收违法所得没收非法财物的金额", "没收金额"),
          hint="单位为万元；处罚类别含没收时必填", depends_on=("CF_CFLB", "CF_NR")),
    Field("CF_NR_ZKDX", "暂扣或吊销证照名称及编号", max_len=200, len_confirmed=True, required=R.CONDITIONAL,
          aliases=("暂扣或者吊销证照名称及编号",), hint="处罚类别含暂扣或吊销时必填", depends_on=("CF_CFLB",)),
    Field("CF_JDRQ", "处罚决定日期", T.DATE, required=R.ALWAYS, aliases=("处罚日期", "决定日期", "兴处罚决定日期", "处罚决定书签发日期",
                                                     "作出处罚决定的日期", "作出行政处罚决定的日期"),
          hint="YYYY/MM/DD"),
    Field("CF_YXQ", "处罚有效期", T.DATE, required=R.ALWAYS, aliases=("处罚截止期", "处罚有效期至"),
          hint="处罚决定的有效截止日期，YYYY/MM/DD；2099/12/31 表示长期", depends_on=("CF_JDRQ",)),
    Field("CF_GSJZQ", "公示截止期", T.DATE, aliases=("公示截止日期",),
          hint="停止公示的日期，YYYY/MM/DD；须在公示期限范围内", depends_on=("CF_JDRQ",)),
    Field("CF_CFJG", "处罚机关", max_len=200, len_confirmed=True, required=R.ALWAYS,
          aliases=("处罚机构", "处罚决定机关", "作出处罚决定的机关", "处罚部门", "作出处罚决定的机关名称",
                   "作出行政处罚的机关名称", "执法机关"), hint="作出处罚决定的机关全称",
          depends_on=("CF_CFLB",)),  # a category written here: the two columns swapped
    Field("CF_CFJGDM", "处罚机关统一社会信用代码", T.CODE, max_len=18, len_confirmed=True, required=R.ALWAYS,
          identifier="uscc", aliases=("处罚机构统一社会信用代码", "处罚机关代码"),
          hint="作出处罚决定的机关的18位统一社会信用代码"),
) + source_fields("CF_SJLY", "CF_SJLYDM")

SPEC = SheetSpec(kind="penalty", standard="790", title="行政处罚", fields=FIELDS,
                 markers=("行政处罚决定书文号", "处罚类别", "处罚机关", "违法行为类型", "CF_WSH"))
