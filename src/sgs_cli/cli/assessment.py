"""`sgs annual-assessment`: the year-end assessment (年考核) of every department from a scoring scheme."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.options import Format
from sgs_cli.cli.root import app


@app.command("annual-assessment")
def annual_assessment(
    paths: List[Path] = typer.Argument(..., help="各部门台账或790号表格、联络员名单、事项目录（文件或文件夹）", show_default=False),
    year: int = typer.Option(..., "--year", min=2000, max=2099, help="考核年度，如 2026"),
    roster: Optional[Path] = typer.Option(None, "--roster", help="单位名单（sgs template roster，或773号附件3联络员名单表）"),
    register: Optional[Path] = typer.Option(None, "--register", help="报送登记表（sgs template register）"),
    scheme: Optional[Path] = typer.Option(None, "--scheme", help="评分标准文件（TOML，默认使用内置评分标准 assessment_scheme.toml）"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认 双公示年度考核_YYYY.xlsx）"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
    text: bool = typer.Option(False, "--text", help="同时在屏幕上输出考核报告稿全文"),
    fmt: Format = typer.Option(Format.table, "--format", help="屏幕摘要格式：table 或 json"),
    today: Optional[str] = typer.Option(None, "--today", help="统计日期 YYYY-MM-DD（默认今天）"),
    unit: Optional[str] = typer.Option(None, "--unit", help="考核单位，用于标题"),
    report_day: int = typer.Option(REPORT_DAY, "--report-day", min=1, max=31, help=f"月报告在次月几日前报送（默认{REPORT_DAY}日）"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
):
    """生成“双公示”年度考核工作簿：按评分标准给各部门打分、排名，逐条列出扣分原因。

    台账有“承办科室”列时也给每个科室打分；每条扣分注明来源文件和单元格。
    评分标准是一个文本文件（TOML）：sgs template scheme -o 评分标准.toml 写出默认标准，修改分值后用 --scheme 指定。
    全年数字与月报告、季度通报同一算法（每月计算后相加）。

    示例：sgs annual-assessment --year 2026 各部门台账/ --roster 单位名单.xlsx --register 报送登记表.xlsx --scheme 评分标准.toml
    """
    from sgs_cli.render.assessment import run_assessment

    raise typer.Exit(run_assessment(year, paths, roster=roster, register=register, scheme=scheme, out=out, force=force,
                                    text=text, fmt=fmt.value, today=parse_date_option(today, "--today"), unit=unit,
                                    report_day=report_day, holidays=holidays, provisional=provisional))
