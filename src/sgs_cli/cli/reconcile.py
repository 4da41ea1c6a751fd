"""`sgs reconcile`: the departments' ledgers against what the credit platform took in (平台对账)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.options import Format
from sgs_cli.cli.root import app
from sgs_cli.render.console import plain, write_json
from sgs_cli.reports.platform_intake import WAIT_DAYS


@app.command("reconcile")
def reconcile(
    paths: List[Path] = typer.Argument(..., help="各部门台账或790号表格（文件或文件夹）", show_default=False),
    failures: Optional[List[Path]] = typer.Option(None, "--failures",
                                                  help="信用平台的失败文件（790号表格加“序号”“失败原因”列；文件或文件夹，可多次给出）"),
    platform: Optional[List[Path]] = typer.Option(None, "--platform",
                                                  help="信用平台或网站上已有记录的导出（790号表格 .xlsx/.csv，或 JSON；文件或文件夹，可多次给出）"),
    wait_days: int = typer.Option(WAIT_DAYS, "--wait-days", min=0, max=60,
                                  help=f"报送后等待入库的工作日数，超过仍不在平台上的计为漏报（默认 {WAIT_DAYS}）"),
    month: Optional[str] = typer.Option(None, "--month", help="只对账决定日期在此月份的记录 YYYY-MM（默认全部）"),
    today: Optional[str] = typer.Option(None, "--today", help="统计日期 YYYY-MM-DD（默认今天），用于计算等待的工作日"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="对账工作簿（平台对账、平台对账明细）；不给则只在屏幕上显示"),
    fmt: Format = typer.Option(Format.table, "--format", help="屏幕输出格式：table 或 json"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
):
    """对账：各部门台账与信用平台实际入库的记录。

    按部门列出：已入库、公示不一致（同一文号内容不同，逐项列出两边的值）、失败未重报（在失败文件中且此后未重报）、
    漏报（台账有、报送后超过等待的工作日平台仍没有，是事实不是错误）、待入库、多报（平台有、台账没有）。
    文号、证件号码、部门名称按统一规则比对（〔〕与【】、全角半角、“县市场监管局”与“中牟县市场监督管理局”视为相同）。
    各项之和等于台账记录数和平台记录数。证件号码在输出中打码。

    示例：sgs reconcile 各部门台账/ --failures 失败数据/ --platform 平台导出.xlsx --month 2026-11 -o 平台对账.xlsx
    """
    import json

    from sgs_cli.calendar.options import parse_month_option
    from sgs_cli.errors import UsageError
    from sgs_cli.io.write import refuse_existing
    from sgs_cli.render import platform_intake as view
    from sgs_cli.render.console import make_console
    from sgs_cli.render.masking import mask_tree
    from sgs_cli.reports import platform_intake

    if not failures and not platform:
        raise UsageError("没有给出信用平台的文件，无法对账", "请用 --platform 给出平台导出，或用 --failures 给出失败文件")
    ym = parse_month_option(month) if month else None
    inputs = [*paths, *(failures or []), *(platform or [])]
    if out is not None:
        refuse_existing([out], force, inputs=inputs)
    rec = platform_intake.reconcile(paths, failures=failures or [], platform=platform or [], month=ym,
                                    today=parse_date_option(today, "--today"), wait_days=wait_days,
                                    holidays=str(holidays) if holidays else None)
    if out is not None:
        view.write_workbook(rec, out, inputs=inputs)
    if fmt is Format.json:
        write_json(json.dumps(mask_tree({**rec.to_dict(), "output": str(out) if out else None}), ensure_ascii=False,
                              indent=1) + "\n")
        return
    con = make_console()
    for line in view.summary_lines(rec):
        plain(con, line)
    if out is not None:
        plain(con, f"对账工作簿已写入：{out}")
