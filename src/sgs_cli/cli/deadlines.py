"""`sgs deadlines`: the deadlines of one decision (--from), of ledgers (--ledger), reminders and lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.options import DataFormat, load_calendar
from sgs_cli.cli.root import app
from sgs_cli.render.console import write_json


@app.command()
def deadlines(
    ctx: typer.Context,
    from_: Optional[str] = typer.Option(None, "--from", help="决定日期 YYYY-MM-DD（默认今天）"),
    ledger: Optional[List[Path]] = typer.Option(None, "--ledger", help="台账或790号表格（文件或文件夹，可多次给出）：逐条列出期限和状态"),
    due_within: Optional[int] = typer.Option(None, "--due-within", min=0,
                                             help="与 --ledger 合用：催报清单，列出N个工作日内到期（今天到期在前）及已逾期未报送的记录"),
    publication_list: bool = typer.Option(False, "--publication",
                                          help="与 --ledger 合用：逐条列出行政处罚的最早可申请信用修复日期和最迟撤下日期"),
    objections: Optional[List[Path]] = typer.Option(None, "--objections",
                                                    help="异议登记台账（文件或文件夹）：列出每件异议的3个工作日处理期限；"
                                                         "加 --due-within N 只列今天到期、N个工作日内到期和已超期的"),
    repair: Optional[List[Path]] = typer.Option(None, "--repair",
                                                help="信用修复登记台账（文件或文件夹）：列出每件申请的办理期限、新的公示截止日期和撤下期限；"
                                                     "与 --ledger --publication 合用时，已修复的处罚按修复后的日期列出"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="与 --ledger、--objections 或 --repair 合用：把清单写入 .xlsx 文件"),
    force: bool = typer.Option(False, "--force", help="-o 的文件已存在时覆盖"),
    objection_received: Optional[str] = typer.Option(None, "--objection-received", help="收到异议的日期 YYYY-MM-DD"),
    report_day: int = typer.Option(REPORT_DAY, "--report-day", min=1, max=31, help="月报告在次月几日前报送"),
    penalty: bool = typer.Option(False, "--penalty", help="行政处罚：同时给出公示期限"),
    severity: str = typer.Option("一般", "--severity", help="失信程度：轻微、一般、严重"),
    inclusive: bool = typer.Option(False, "--inclusive", help="决定当日计入第1个工作日（部分地方的算法）"),
    today: Optional[str] = typer.Option(None, "--today", help="视为“今天”的日期（--ledger 判断是否逾期）"),
    fmt: DataFormat = typer.Option(DataFormat.table, "--format", help="输出格式：table、json 或 csv（csv 仅用于 --ledger）"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
    show_sensitive: bool = typer.Option(False, "--show-sensitive", help="--ledger：显示完整证件号码（默认打码）"),
):
    """计算工作日期限：7个工作日推送信用平台、3个工作日处理异议、月报告日期、处罚公示期限、信用修复办理和撤下期限。

    “自作出决定之日起7个工作日内”按决定当日不计入、调休上班日计入计算。
    期限本身缺少某年节假日数据时退出码为4，不会按周一至周五猜测；只有附带项目（如月报告日是否工作日）
    需要下一年安排时照常给出期限，并注明“需要YYYY年节假日安排”。加 --provisional 可按法定节假日暂定计算。

    示例：sgs deadlines --from 2025-09-30 --penalty --severity 一般

    示例：sgs deadlines --ledger 各部门台账/ --due-within 2 -o 催报清单.xlsx

    示例：sgs deadlines --ledger 行政处罚台账.xlsx --publication --due-within 10

    示例：sgs deadlines --objections 异议登记台账.xlsx --due-within 1

    示例：sgs deadlines --repair 信用修复登记台账.xlsx --due-within 3

    示例：sgs deadlines --ledger 行政处罚台账.xlsx --publication --repair 信用修复登记台账.xlsx
    """
    import json

    from sgs_cli.errors import UsageError
    from sgs_cli.calendar.publication import SEVERITIES

    if severity not in SEVERITIES:
        raise UsageError(f"--severity 的值“{severity}”无效", "可选：轻微、一般、严重")
    cal = load_calendar(holidays, provisional)
    now = parse_date_option(today, "--today") or dt.date.today()
    if repair and (objections or (ledger and not publication_list)):
        raise UsageError("--repair 只能单独使用，或与 --ledger --publication 合用",
                         "示例：sgs deadlines --repair 信用修复登记台账.xlsx；"
                         "sgs deadlines --ledger 台账.xlsx --publication --repair 信用修复登记台账.xlsx")
    if repair and not ledger:
        from sgs_cli.render.listing import run_listing

        raise typer.Exit(run_listing([], cal, now, due_within=due_within, out=out, force=force, fmt=fmt.value,
                                     repairs=repair))
    if objections:
        from sgs_cli.render.listing import run_listing

        if ledger or publication_list:
            raise UsageError("--objections 不能与 --ledger、--publication 同时使用", "异议登记台账单独列出")
        raise typer.Exit(run_listing(objections, cal, now, due_within=due_within, out=out, force=force,
                                     fmt=fmt.value, objections=True))
    if not ledger and (due_within is not None or publication_list or out is not None or fmt is DataFormat.csv):
        raise UsageError("--due-within、--publication、-o 和 --format csv 需要与 --ledger 一起使用",
                         "示例：sgs deadlines --ledger 台账.xlsx --due-within 2")
    if ledger and (len(ledger) > 1 or not ledger[0].is_file() or due_within is not None or publication_list
                   or out is not None or fmt is DataFormat.csv):
        from sgs_cli.render.listing import run_listing

        source = ctx.get_parameter_source("severity")
        given = source is not None and source.name != "DEFAULT"
        raise typer.Exit(run_listing(ledger, cal, now, due_within=due_within, publication=publication_list,
                                     out=out, force=force, fmt=fmt.value, severity=severity if given else None,
                                     repairs=repair))
    if ledger:
        from sgs_cli.render.ledger_table import ledger_document, render_ledger

        result = ledger_document(ledger[0], cal, now)
        if not show_sensitive:
            from sgs_cli.render.masking import mask_tree

            result = mask_tree(result)
        if fmt is DataFormat.json:
            write_json(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        else:
            from sgs_cli.render.listing import wide_console

            render_ledger(result, wide_console(mask=not show_sensitive))
        raise typer.Exit(0)
    from sgs_cli.calendar import deadlines as deadline_rules

    decided = parse_date_option(from_, "--from") or now
    result = deadline_rules.for_decision(cal, decided, objection_received=parse_date_option(objection_received, "--objection-received"),
                             report_day=report_day, penalty=penalty, severity=severity, inclusive=inclusive)
    if fmt is DataFormat.json:
        write_json(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    from sgs_cli.render.console import make_console
    from sgs_cli.render.deadlines_text import render_deadlines

    render_deadlines(result, make_console())
