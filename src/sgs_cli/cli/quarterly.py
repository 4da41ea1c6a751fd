"""`sgs quarterly-report`: the quarter's bulletin (季通报) workbook and draft text."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.options import Format
from sgs_cli.cli.root import app


@app.command("quarterly-report")
def quarterly_report(
    paths: List[Path] = typer.Argument(..., help="各部门台账或790号表格、联络员名单、事项目录（文件或文件夹）", show_default=False),
    quarter: str = typer.Option(..., "--quarter", help="季度，如 2026Q3（2026年第3季度）"),
    roster: Optional[Path] = typer.Option(None, "--roster", help="单位名单（sgs template roster，或773号附件3联络员名单表）"),
    register: Optional[Path] = typer.Option(None, "--register", help="报送登记表（sgs template register）：工作方案、推进计划、月报告的收到日期"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认 双公示季度通报_YYYYQN.xlsx）"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
    text: bool = typer.Option(False, "--text", help="同时在屏幕上输出通报稿全文"),
    fmt: Format = typer.Option(Format.table, "--format", help="屏幕摘要格式：table 或 json"),
    today: Optional[str] = typer.Option(None, "--today", help="统计日期 YYYY-MM-DD（默认今天）"),
    threshold: Optional[str] = typer.Option(None, "--threshold", help="及时率低于此值的部门列入通报名单（默认 90%）"),
    unit: Optional[str] = typer.Option(None, "--unit", help="通报单位，用于标题"),
    report_day: int = typer.Option(REPORT_DAY, "--report-day", min=1, max=31, help=f"月报告在次月几日前报送（默认{REPORT_DAY}日）"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
):
    """生成“双公示”季度通报工作簿（各部门报送情况、及时率、排名、图表）和通报稿。

    每个部门：工作方案、推进计划、联络员制度、事项目录和信息报送情况。
    每月的数字与月报告同一算法（季度数＝三个月之和，及时率按合计数重新计算）；同一部门的台账有多个版本时，
    按标题月份（没有时按文件日期）使用最新的一个，并在“输入文件”表中说明。

    示例：sgs quarterly-report --quarter 2026Q3 各部门台账/ --roster 单位名单.xlsx --register 报送登记表.xlsx --text
    """
    from sgs_cli.render.quarterly import run_quarterly
    from sgs_cli.reports.quarterly import parse_quarter, parse_threshold

    y, q = parse_quarter(quarter)
    raise typer.Exit(run_quarterly(y, q, paths, roster=roster, register=register, out=out, force=force, text=text,
                                   fmt=fmt.value, today=parse_date_option(today, "--today"),
                                   threshold=parse_threshold(threshold), unit=unit, report_day=report_day,
                                   holidays=holidays, provisional=provisional))
