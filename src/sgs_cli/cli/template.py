"""`sgs template`: blank templates (every sheet kind, the blank monthly report, the roster, the scoring scheme)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from sgs_cli.cli.options import TemplateKind
from sgs_cli.cli.root import app
from sgs_cli.render.console import plain


@app.command()
def template(
    kind: TemplateKind = typer.Argument(..., help="模板类型：license penalty ledger catalog liaison objection（异议登记台账） register（报送登记表） repair（信用修复登记台账） monthly roster scheme（年度考核评分标准）"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认 模板名.xlsx）"),
    month: Optional[str] = typer.Option(None, "--month", help="monthly 模板的月份 YYYY-MM（默认上个月）"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
    roster: Optional[Path] = typer.Option(None, "--roster", help="monthly 模板：按单位名单预填“分部门”的部门"),
):
    """生成空白模板：带下拉选项、文本格式的代码列、日期格式和填写提示；monthly 为带公式的空白月报，roster 为单位名单，
    scheme 为年度考核的默认评分标准（文本文件，改分值后用 sgs annual-assessment --scheme 指定）。

    示例：sgs template roster -o 单位名单.xlsx
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.io.write import refuse_existing

    if kind is TemplateKind.monthly:
        from sgs_cli.calendar.options import parse_month_option
        from sgs_cli.render.monthly_workbook import write_blank
        from sgs_cli.reports.monthly import default_month
        from sgs_cli.reports.roster import read_roster

        ym = parse_month_option(month) if month else default_month()
        target = out or Path(f"双公示月报告_{ym[0]}-{ym[1]:02d}.xlsx")
        refuse_existing([target], force)
        write_blank(ym, target, roster=read_roster(roster) if roster is not None else None)
    elif kind is TemplateKind.scheme:
        from sgs_cli.io.write import atomic_write_text
        from sgs_cli.reports.assessment import DEFAULT_SCHEME

        target = out or Path("评分标准.toml")
        refuse_existing([target], force, suffixes=(".toml",))
        atomic_write_text(DEFAULT_SCHEME.read_text(encoding="utf-8"), target)
    elif kind is TemplateKind.roster:
        from sgs_cli.render.templates import write_roster_template

        target = out or Path("单位名单.xlsx")
        write_roster_template(target, overwrite=force)
    else:
        from sgs_cli.render.templates import default_filename, write_template

        target = out or Path(default_filename(kind.value))
        write_template(kind.value, target, overwrite=force)
    plain(make_console(), f"已生成模板：{target}")
