"""报送登记表 — the credit office's register of what each department has handed in (郑发改财贸〔2019〕773号
part 六: 目录、工作方案和联络员信息报送我委，暂无工作方案的报送工作推进计划; 月报告、季通报、年考核).

One row per department (单位名称): the dates its 工作方案, 推进计划, 联络员名单 and 事项目录 were received, the
date the 事项目录 was last updated, and the date each month's 月报告 was received (1月 … 12月, the year is
the register's year). Read by `sgs quarterly-report --register` and `sgs annual-assessment --register`.
"""

from __future__ import annotations

from sgs_cli.standard.base import Field, FieldType as T, Required as R, SheetSpec

#: field code of the month-m report column (m = 1…12)
MONTH_CODES = tuple(f"YB{m:02d}" for m in range(1, 13))


def month_code(month: int) -> str:
    return MONTH_CODES[month - 1]


REGISTER = SheetSpec(
    kind="register", standard="773", title="双公示报送登记表",
    fields=(
        Field("DWMC", "单位名称", max_len=200, required=R.ALWAYS, aliases=("单位", "部门", "部门名称"),
              hint="部门全称，与单位名单一致"),
        Field("GZFA", "工作方案报送日期", T.DATE, aliases=("工作方案",), hint="收到本部门“双公示”工作方案的日期，YYYY/MM/DD"),
        Field("TJJH", "推进计划报送日期", T.DATE, aliases=("推进计划", "工作推进计划报送日期"),
              hint="暂无工作方案的部门报送工作推进计划的日期"),
        Field("LLY", "联络员名单报送日期", T.DATE, aliases=("联络员名单", "联络员信息报送日期"),
              hint="收到联络员名单（附件3）的日期"),
        Field("MLBS", "事项目录报送日期", T.DATE, aliases=("事项目录", "目录报送日期"), hint="收到事项目录（附件1）的日期"),
        Field("MLGX", "事项目录更新日期", T.DATE, aliases=("目录更新日期",), hint="事项目录最近一次更新的日期"),
        *(Field(code, f"{m}月月报告收到日期", T.DATE, aliases=(f"{m}月月报告", f"{m}月"),
                hint=f"收到本部门{m}月月报告的日期（应在次月报送日前）")
          for m, code in enumerate(MONTH_CODES, start=1)),
        Field("BZ", "备注", max_len=512, hint="选填"),
    ),
    markers=("工作方案报送日期", "推进计划报送日期", "联络员名单报送日期"),
)
