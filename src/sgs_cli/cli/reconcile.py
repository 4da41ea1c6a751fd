"""`sgs reconcile`: the month's decisions against the departments' 事项目录 (应归尽归) and the ledgers against
what the credit platform took in (平台对账); either or both in one run."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.options import Format
from sgs_cli.cli.root import app
from sgs_cli.render.console import plain, write_json
from sgs_cli.standard.limits import PUSH_DAYS


@app.command("reconcile")
def reconcile(
    paths: Optional[List[Path]] = typer.Argument(None, help="各部门台账或790号表格（文件或文件夹）", show_default=False),
    catalog: Optional[List[Path]] = typer.Option(None, "--catalog",
                                                 help="事项目录（773号附件1，文件或文件夹，可多次给出）：比对应归尽归"),
    failures: Optional[List[Path]] = typer.Option(None, "--failures",
                                                  help="信用平台的失败文件（790号表格加“序号”“失败原因”列；文件或文件夹，可多次给出）"),
    platform: Optional[List[Path]] = typer.Option(None, "--platform",
                                                  help="信用平台或网站上已有记录的导出（790号表格 .xlsx/.csv，或 JSON；文件或文件夹，可多次给出）"),
    # the default is reports/platform_intake.WAIT_DAYS (= PUSH_DAYS), read when the command runs: `sgs --help` and
    # `sgs validate` do not import the reports
    wait_days: Optional[int] = typer.Option(None, "--wait-days", min=0, max=60, show_default=False,
                                            help=f"报送后等待入库的工作日数，超过仍不在平台上的计为漏报（默认 {PUSH_DAYS}）"),
    month: Optional[str] = typer.Option(None, "--month",
                                        help="统计月份 YYYY-MM（应归尽归默认上个月；平台对账默认全部决定）"),
    today: Optional[str] = typer.Option(None, "--today", help="统计日期 YYYY-MM-DD（默认今天），用于计算等待的工作日"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="把对账结果写入 .xlsx 工作簿；不给则只在屏幕上显示"),
    fmt: Format = typer.Option(Format.table, "--format", help="屏幕输出格式：table 或 json"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
):
    """对账：本月决定与事项目录比对（应归尽归），各部门台账与信用平台实际入库的记录比对（平台对账）。

    应归尽归（--catalog）：每条决定（台账的项目名称/案件名称，790号表的许可决定文书名称或违法行为类型）与本部门
    事项目录中同类事项的项目名称比对，名称规范化后相似度不低于0.85视为同一事项；列出未匹配的决定（附最接近的3个
    事项及相似度）、本月没有决定的目录事项（情况说明，不是部门的错误）和没有事项目录的部门。

    平台对账（--failures、--platform）：按部门列出已入库、公示不一致（逐项列出两边的值）、失败未重报、漏报（报送后
    超过等待的工作日平台仍没有，是事实不是错误）、待入库、多报。文号、证件号码、部门名称按统一规则比对。

    各项之和等于合计；证件号码在输出中打码。

    示例：sgs reconcile 各部门台账/ --catalog 事项目录/ --month 2026-09 -o 对账.xlsx

    示例：sgs reconcile 各部门台账/ --failures 失败数据/ --platform 平台导出.xlsx --month 2026-11 -o 平台对账.xlsx
    """
    import json

    from sgs_cli.calendar.options import parse_month_option
    from sgs_cli.codes.idtext import mask_ids
    from sgs_cli.errors import UsageError
    from sgs_cli.io.write import refuse_existing
    from sgs_cli.render import catalog_match as catalog_view
    from sgs_cli.render import platform_intake as platform_view
    from sgs_cli.render.console import make_console
    from sgs_cli.render.masking import mask_tree

    if not catalog and not failures and not platform:
        raise UsageError("没有给出事项目录或信用平台的文件，无法对账",
                         "应归尽归请用 --catalog 给出事项目录；平台对账请用 --platform 给出平台导出，或用 --failures 给出失败文件")
    if (failures or platform) and not paths:
        raise UsageError("平台对账需要各部门的台账", "示例：sgs reconcile 各部门台账/ --platform 平台导出.xlsx")
    now = parse_date_option(today, "--today")
    ym = parse_month_option(month) if month else None
    ledgers = list(paths or [])
    inputs = [*ledgers, *(catalog or []), *(failures or []), *(platform or [])]
    if out is not None:
        inside = [q for p in inputs if p.is_dir() for q in p.rglob("*")]  # a file in a folder given is an input too
        refuse_existing([out], force, inputs=[*inputs, *inside])
    matched = rec = None
    if catalog:
        from sgs_cli.reports.catalog_month import reconcile as match_catalog
        from sgs_cli.reports.monthly import default_month

        matched = match_catalog(ym or default_month(now), ledgers, list(catalog), today=now)
    if failures or platform:
        from sgs_cli.reports import platform_intake

        rec = platform_intake.reconcile(ledgers, failures=failures or [], platform=platform or [], month=ym,
                                        today=now, wait_days=platform_intake.WAIT_DAYS if wait_days is None else wait_days, holidays=str(holidays) if holidays else None)
    if out is not None:
        from sgs_cli.render.reconcile import write_reconcile_workbook

        write_reconcile_workbook(out, inputs=inputs, catalog=matched, platform=rec)
    if fmt is Format.json:
        doc = {**(rec.to_dict() if rec is not None else {}), "output": str(out) if out else None}
        if matched is not None:
            doc["catalog"] = matched.to_dict()
        write_json(json.dumps(mask_tree(doc), ensure_ascii=False, indent=1) + "\n")
        return
    con = make_console()
    if matched is not None:
        for line in catalog_view.summary_lines(matched):
            plain(con, mask_ids(line))
    if rec is not None:
        for line in platform_view.summary_lines(rec):
            plain(con, line)
    if out is not None:
        plain(con, f"对账结果已写入：{out}")
