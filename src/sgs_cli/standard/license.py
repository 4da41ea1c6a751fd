"""行政许可 (licence) — the 28 fields of the 790 standard (docs/standard.md §1.1)."""

from __future__ import annotations

from sgs_cli.standard import enums
from sgs_cli.standard.base import Field, FieldType as T, Required as R, SheetSpec
from sgs_cli.standard.subject import source_fields, subject_fields

FIELDS = subject_fields("XK") + (
    Field("XK_XKWS", "行政许可决定文书名称", max_len=64, required=R.ALWAYS,
          aliases=("许可决定文书名称", "许可文书名称", "决定文书名称"),
          hint="行政许可决定文书标题（不含文号）"),
    Field("XK_WSH", "行政许可决定文书号", T.CODE, max_len=64, required=R.ALWAYS,
          aliases=("行政许可决定书文号", "许可决定文书号", "许可文书号", "决定文书号", "文书号",
                   "行政许可决定文号", "行政许可决定书号", "许可决定书号", "许可决定文号", "许可文号"),
          hint="行政许可决定文书编号；无文书号的填许可编号"),
    Field("XK_XKLB", "许可类别", T.ENUM, max_len=256, required=R.ALWAYS, enum=enums.XKLB,
          aliases=("许可种类",), hint="普通、特许、认可、核准、登记或其他（其他需注明，如“其他-备案”）", open_enum=True),
    Field("XK_XKZS", "许可证书名称", max_len=64, aliases=("许可证名称", "许可文件名称"), hint="如“煤矿生产许可证”"),
    Field("XK_XKBH", "许可编号", T.CODE, max_len=64, aliases=("许可证书编号", "许可证编号", "许可证号", "许可文件编号"),
          hint="许可证书编号"),
    Field("XK_NR", "许可内容", max_len=4000, required=R.ALWAYS, aliases=("许可决定内容",),
          hint="行政许可决定书的主要内容"),
    Field("XK_JDRQ", "许可决定日期", T.DATE, required=R.ALWAYS, aliases=("决定日期",), hint="YYYY/MM/DD"),
    Field("XK_YXQZ", "有效期自", T.DATE, required=R.ALWAYS, aliases=("许可有效期始", "有效期起", "有效期开始日期", "有效期始", "许可有效期自", "许可有效期起"),
          hint="开始执行日期，YYYY/MM/DD", depends_on=("XK_JDRQ",)),
    Field("XK_YXQZI", "有效期至", T.DATE, required=R.ALWAYS,
          aliases=("许可有效期终", "有效期止", "有效期截止日期", "许可截止日期", "许可有效期至", "有效期终"),
          hint="截止日期，YYYY/MM/DD；2099/12/31 表示长期", depends_on=("XK_JDRQ", "XK_YXQZ")),
    Field("XK_XKJG", "许可机关", max_len=200, len_confirmed=True, required=R.ALWAYS,
          aliases=("许可机构", "许可决定机关", "审批机关", "许可部门", "审批部门"), hint="作出许可决定的机关全称"),
    Field("XK_XKJGDM", "许可机关统一社会信用代码", T.CODE, max_len=18, len_confirmed=True, required=R.ALWAYS,
          identifier="uscc", aliases=("许可机构统一社会信用代码", "许可机关代码"),
          hint="作出许可决定的机关的18位统一社会信用代码"),
    Field("XK_ZT", "当前状态", T.ENUM, max_len=1, len_confirmed=True, required=R.ALWAYS, enum=enums.XK_ZT,
          aliases=("许可状态", "当权状态", "状态"), hint="1=有效，2=无效"),
) + source_fields("XK_LYDW", "XK_LYDWDM")

SPEC = SheetSpec(kind="license", standard="790", title="行政许可", fields=FIELDS,
                 markers=("行政许可决定文书名称", "许可类别", "许可机关", "有效期自", "XK_XKWS"))
