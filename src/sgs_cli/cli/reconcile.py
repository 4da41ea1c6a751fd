"""`sgs reconcile`: the month's decisions against the departments' 事项目录 (应归尽归)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.options import Format
from sgs_cli.cli.root import app
from sgs_cli.render.console import plain, write_json


@app.command("reconcile")
def reconcile(
    paths: Optional[List[Path]] = typer.Argument(None, help="各部门台账或790号表格（文件或文件夹）", show_default=False),
    catalog: Optional[List[Path]] = typer.Option(None, "--catalog",
                                                 help="事项目录（773号附件1，文件或文件夹，可多次给出）：比对应归尽归"),
    month: Optional[str] = typer.Option(None, "--month", help="统计月份 YYYY-MM（默认上个月）"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="把比对结果写入 .xlsx 文件"),
    today: Optional[str] = typer.Option(None, "--today", help="统计日期 YYYY-MM-DD（默认今天）"),
    fmt: Format = typer.Option(Format.table, "--format", help="输出格式：table 或 json"),
    force: bool = typer.Option(False, "--force", help="-o 的文件已存在时覆盖"),
):
    """对账：本月决定与各部门事项目录比对（应归尽归）。

    每条决定（台账的项目名称/案件名称，790号表的许可决定文书名称或违法行为类型）与本部门事项目录中
    同类（行政许可/行政处罚）事项的项目名称比对：名称规范化后计算相似度，不低于0.85视为同一事项。
    列出未匹配任何事项的决定（附最接近的3个事项及相似度）、本月没有决定的目录事项（情况说明，
    不是部门的错误）和有决定但没有事项目录的部门；分部门统计，各部分之和等于合计。

    示例：sgs reconcile 各部门台账/ --catalog 事项目录/ --month 2026-09 -o 对账.xlsx
    """
    import json

    from sgs_cli.calendar.options import parse_month_option
    from sgs_cli.errors import UsageError
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.io.write import refuse_existing
    from sgs_cli.reports.catalog_month import reconcile as run
    from sgs_cli.reports.monthly import default_month
    from sgs_cli.render import catalog_match as view
    from sgs_cli.render.console import make_console

    if not catalog:
        raise UsageError("请用 --catalog 给出事项目录", "示例：sgs reconcile 各部门台账/ --catalog 事项目录/ --month 2026-09")
    now = parse_date_option(today, "--today")
    ym = parse_month_option(month) if month else default_month(now)
    inputs = find_inputs([str(p) for p in list(paths or []) + list(catalog)])
    if out is not None:
        refuse_existing([out], force, inputs=inputs)
    rep = run(ym, list(paths or []), list(catalog), today=now)
    if out is not None:
        from sgs_cli.render.monthly_workbook import write_catalog_workbook

        write_catalog_workbook(rep, out, inputs=inputs)
    if fmt is Format.json:
        from sgs_cli.render.masking import mask_tree

        write_json(json.dumps(mask_tree({"catalog": rep.to_dict(), "output": str(out) if out else None}),
                              ensure_ascii=False, indent=1) + "\n")
        return
    con = make_console()
    from sgs_cli.codes.idtext import mask_ids

    for line in view.summary_lines(rep):
        plain(con, mask_ids(line))
    if out is not None:
        plain(con, f"比对结果已写入：{out}")
