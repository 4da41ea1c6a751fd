"""The three annex templates of 郑发改财贸〔2019〕773号: 事项目录, 双公示台账, 联络员名单表."""

from __future__ import annotations

from sgs_cli.standard import enums
from sgs_cli.standard.base import Field, FieldType as T, Required as R, SheetSpec
from sgs_cli.standard.limits import PUSH_DAYS

CATALOG = SheetSpec(
    kind="catalog", standard="773", title="行政许可和行政处罚事项目录（附件1）",
    fields=(
        Field("XH", "序号", T.NUMBER, required=R.ALWAYS, hint="从1开始连续编号"),
        Field("BM", "行政决定部门", max_len=200, required=R.ALWAYS, aliases=("部门", "实施部门"),
              hint="作出行政决定的部门全称；合并单元格视为向下填充"),
        Field("ZQLB", "行政职权类别", T.ENUM, required=R.ALWAYS, enum=enums.ZQLB, aliases=("职权类别", "权力类别"),
              hint="行政许可 或 行政处罚"),
        Field("XMMC", "项目名称", max_len=500, required=R.ALWAYS, aliases=("事项名称", "权力名称"),
              hint="许可事项或处罚事项名称"),
        Field("SDYJ", "设定依据", max_len=4000, required=R.ALWAYS, aliases=("实施依据", "法律依据"),
              hint="设定该事项的法律、法规、规章及条款"),
        Field("XDR", "行政相对人", max_len=100, required=R.ALWAYS, aliases=("行政相对人类别",),
              hint="如：法人和其他组织、自然人"),
    ),
    markers=("行政职权类别", "设定依据"),
)

LEDGER = SheetSpec(
    kind="ledger", standard="773", title="行政许可和行政处罚台账（附件2）",
    fields=(
        Field("XH", "序号", T.NUMBER, required=R.ALWAYS, hint="从1开始连续编号"),
        Field("WSH", "行政决定书文号", T.CODE, max_len=128, required=R.ALWAYS,
              aliases=("决定书文号", "文书号", "行政许可决定书文号", "行政处罚决定书文号"), hint="必填且不得重复"),
        Field("XMMC", "项目名称/案件名称", max_len=500, required=R.ALWAYS,
              aliases=("项目名称", "案件名称", "项目名称案件名称"), hint="许可项目名称或处罚案件名称"),
        Field("JDRQ", "行政决定日期", T.DATE, required=R.ALWAYS, aliases=("决定日期",), hint="YYYY/MM/DD"),
        Field("BSRQ", "向同级信用平台报送日期", T.DATE, aliases=("报送日期", "信用平台报送日期"),
              hint=f"YYYY/MM/DD；应在决定之日起{PUSH_DAYS}个工作日内"),
        Field("TSRQ", "部门网站“双公示”系统推送日期", T.DATE,
              aliases=("部门网站双公示系统推送日期", "推送日期", "网站推送日期"),
              hint=f"YYYY/MM/DD；应在决定之日起{PUSH_DAYS}个工作日内"),
        Field("BZ", "备注", max_len=512, hint="选填"),
        # optional columns many offices add; used by the monthly report when present
        Field("LB", "决定类别", T.ENUM, enum=enums.ZQLB, aliases=("行政职权类别", "类别", "类型"),
              hint="行政许可 或 行政处罚（选填，月报告分类统计用）"),
        Field("BM", "行政决定部门", max_len=200, aliases=("部门", "决定部门", "处罚机关", "许可机关"),
              hint="选填，月报告分部门统计用"),
        Field("KS", "承办科室", max_len=200, aliases=("科室", "承办机构", "内设机构", "业务科室"),
              hint="选填，年度考核分科室统计用（实施方案将双公示列入科室年度目标）"),
    ),
    markers=("向同级信用平台报送日期", "行政决定日期"),
)

LIAISON = SheetSpec(
    kind="liaison", standard="773", title="信用信息管理联络员名单表（附件3）",
    fields=(
        Field("DWMC", "单位名称", max_len=200, required=R.ALWAYS, hint="单位全称"),
        Field("XM", "姓名", max_len=50, required=R.ALWAYS, hint="联络员姓名；第1位为本单位总负责人"),
        Field("ZW", "职务", max_len=50, hint="职务"),
        Field("BGDH", "办公电话", T.CODE, max_len=30, aliases=("电话", "座机"), hint="如 0371-67177793"),
        Field("SJ", "手机", T.CODE, max_len=11, aliases=("手机号", "手机号码"), hint="11位手机号码"),
        Field("YX", "邮箱", max_len=100, aliases=("电子邮箱", "邮件"), hint="如 zzcredit@163.com"),
        Field("BZ", "备注(具体负责工作)", max_len=512, aliases=("备注", "具体负责工作"), hint="具体负责工作"),
    ),
    markers=("办公电话", "手机", "邮箱"),
)
