"""`sgs monthly-report`: the month's 双公示 report workbook from the departments' ledgers."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.options import Format
from sgs_cli.cli.root import app
from sgs_cli.render.console import plain, write_json


@app.command("monthly-report")
def monthly_report(
    paths: Optional[List[Path]] = typer.Argument(None, help="台账或790号表格（文件或文件夹）；不给则生成空白月报模板"),
    month: str = typer.Option(..., "--month", help="统计月份 YYYY-MM"),
    unit: Optional[str] = typer.Option(None, "--unit", help="填报单位，只用于标题和“填报单位”（各记录的部门取自台账）"),
    report_day: int = typer.Option(REPORT_DAY, "--report-day", min=1, max=31, help=f"次月几日前报送（默认{REPORT_DAY}日）"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认 双公示月报告_YYYY-MM.xlsx）"),
    today: Optional[str] = typer.Option(None, "--today", help="统计日期 YYYY-MM-DD（默认今天），用于判断是否逾期"),
    fmt: Format = typer.Option(Format.table, "--format", help="屏幕摘要格式：table 或 json"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
    roster: Optional[Path] = typer.Option(None, "--roster",
                                          help="单位名单（sgs template roster 生成，或773号附件3联络员名单表）：应报送的部门"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
    failures: Optional[List[Path]] = typer.Option(None, "--failures",
                                                  help="信用平台的失败文件（文件或文件夹，可多次给出）：月报告加“平台对账”表"),
    platform: Optional[List[Path]] = typer.Option(None, "--platform",
                                                  help="信用平台或网站上已有记录的导出（790号表格或 JSON，可多次给出）：月报告加“平台对账”表"),
):
    """生成“双公示”月报告工作簿（汇总、分部门、逾期明细、其他明细、问题明细），数字取自台账。

    每条决定只有一个报送状态（按时、逾期、未到期、已逾期未报送、无法计算、无法判定及时性、需要节假日安排），
    各状态之和等于决定总数。
    及时率 = 按时 ÷（按时＋逾期＋已逾期未报送），另按许可、处罚、部门网站公示分别计算。
    部门取自台账的“行政决定部门”列、台账标题、单位名单、文件名（依次）；--unit 只是填报单位。
    给出 --platform / --failures 时另加“平台对账”“平台对账明细”两表（与 sgs reconcile 相同）。

    示例：sgs monthly-report --month 2019-11 examples/ --roster 单位名单.xlsx -o 月报告.xlsx
    """
    import json

    from sgs_cli.reports import monthly
    from sgs_cli.calendar.options import parse_month_option
    from sgs_cli.render.console import make_console
    from sgs_cli.render.monthly_workbook import write_workbook

    from sgs_cli.reports.roster import read_roster
    from sgs_cli.io.write import refuse_existing

    ym = parse_month_option(month)
    now = parse_date_option(today, "--today")
    target = out or Path(f"双公示月报告_{ym[0]}-{ym[1]:02d}.xlsx")
    inputs = [roster] if roster is not None else []
    if paths:
        from sgs_cli.io.reading import find_inputs
        from sgs_cli.io.source import is_sgs_output

        # the report of an earlier run lying among the inputs may be replaced (--force); only that one file
        # is looked at, and only its first row
        inputs += [p for p in find_inputs([str(p) for p in paths])
                   if not (p.resolve() == target.resolve() and is_sgs_output(p))]
    inputs += [*(failures or []), *(platform or [])]
    refuse_existing([target], force, inputs=inputs)
    names = read_roster(roster) if roster is not None else None
    intake = _intake(ym, paths, failures, platform, now, holidays, provisional, names)
    rep = monthly.build(ym, [str(p) for p in paths or []], unit=unit, report_day=report_day,
                  today=now, holidays=str(holidays) if holidays else None, roster=names, provisional=provisional,
                  validated=intake.validated if intake else None)
    if rep.unreadable and not rep.files:  # nothing could be read: no report
        from sgs_cli.errors import InputError

        raise InputError("以下文件无法读取，未生成月报告：" + "；".join(rep.unreadable),
                         "请修复或移除这些文件后重试")
    # a file that could not be read among others is listed (screen, JSON, 汇总) with its department
    # (文件无法读取, not 零报送); the report is written
    code = 0
    rec = intake.run(rep.choice) if intake else None
    from sgs_cli.render import platform_intake as intake_view
    from sgs_cli.render.monthly_text import report_json, summary_lines

    write_workbook(rep, target, inputs=inputs, sheets=[lambda wb: intake_view.add_sheets(wb, rec)] if rec else ())
    if fmt is Format.json:
        from sgs_cli.render.masking import mask_tree

        extra = {"platform": rec.to_dict()} if rec is not None else {}
        write_json(json.dumps(mask_tree({**report_json(rep), **extra, "output": str(target)}), ensure_ascii=False,
                              indent=1) + "\n")
        raise typer.Exit(code)
    con = make_console()
    if rep.blank:
        plain(con, f"未指定台账，已生成{rep.period}空白月报模板（应报送日期 {rep.due:%Y-%m-%d}）：{target}")
        return
    for line in summary_lines(rep):
        plain(con, line)
    if rec is not None:
        for line in intake_view.summary_lines(rec, lists=False):
            plain(con, "平台对账：" + line)
    due_note = rep.due_info.note() if rep.due_info else None
    con.print(f"月报告已写入：{target}（应报送日期 {rep.due:%Y-%m-%d}" + (f"，{due_note}" if due_note else "") + "）",
              markup=False)
    raise typer.Exit(code)


def _intake(ym, paths, failures, platform, today, holidays, provisional, roster):
    """The 平台对账 of the month when --failures or --platform are given (None otherwise): the ledgers validated
    once, for the report and the reconciliation."""
    if not (failures or platform) or not paths:
        return None
    import datetime as dt

    from sgs_cli.reports.platform_intake import MonthIntake

    return MonthIntake(ym, [str(p) for p in paths], failures or [], platform or [], today or dt.date.today(),
                       str(holidays) if holidays else None, provisional, roster)
