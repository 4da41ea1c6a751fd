"""The `sgs` command line: a thin layer that parses options, calls the library and picks a renderer."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.util import SgsGroup
from sgs_cli.render.console import plain, write_json

app = typer.Typer(cls=SgsGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="sgs —— 双公示（行政许可、行政处罚）数据校验、工作日期限与月报告工具。\n\n"
                       "示例：sgs validate 行政处罚台账.xlsx")


def _version(value: bool) -> None:
    if value:
        from sgs_cli import __version__

        typer.echo(f"sgs {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_version, help="显示版本号并退出"),
) -> None:
    """sgs —— 双公示（行政许可、行政处罚）数据校验、工作日期限与月报告工具。

    示例：sgs validate 行政处罚台账.xlsx
    """


class Kind(str, Enum):
    auto = "auto"
    license = "license"
    penalty = "penalty"
    ledger = "ledger"
    catalog = "catalog"
    liaison = "liaison"
    objection = "objection"
    register = "register"


class Format(str, Enum):
    table = "table"
    json = "json"


class DataFormat(str, Enum):
    """Formats of a command whose result is a list of rows (findings, deadlines): CSV as well."""
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def validate(
    paths: List[Path] = typer.Argument(..., help="要校验的文件或文件夹（.xlsx .xlsm .xls .csv）", show_default=False),
    kind: Kind = typer.Option(Kind.auto, "--kind", help="表格类型；auto 为按表头自动识别"),
    fmt: DataFormat = typer.Option(DataFormat.table, "--format",
                                   help="输出格式：table（表格）、json 或 csv（每条问题一行，UTF-8 带 BOM，Excel 可直接打开）"),
    report: Optional[Path] = typer.Option(None, "--report", help="生成 Excel 错误回执（标出错误单元格）"),
    today: Optional[str] = typer.Option(None, "--today", help="视为“今天”的日期 YYYY-MM-DD（默认今天）"),
    submit_date: Optional[str] = typer.Option(None, "--submit-date",
                                              help="报送日期 YYYY-MM-DD，用于提示已超过7个工作日的记录（默认今天）"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
    show_sensitive: bool = typer.Option(False, "--show-sensitive", help="显示完整证件号码（默认打码）"),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="同时显示“提示”级别的结果"),
    severity: Optional[str] = typer.Option(None, "--severity", help="行政处罚没有“失信严重程度”列或未填写时按此核对公示期限："
                                           "轻微、一般、严重（默认一般）"),
    split: Optional[Path] = typer.Option(None, "--split", help="按校验结果拆分到该文件夹：每个输入生成"
                                         "“通过_文件名.xlsx”（可直接上报）和“退回_文件名.xlsx”（标出错误，退回修改）"),
    strict: bool = typer.Option(False, "--strict", help="与 --split 合用：有警告的记录也退回（默认只退回有错误的记录）"),
    force: bool = typer.Option(False, "--force", help="输出文件（错误回执、通过/退回文件）已存在时覆盖（默认不覆盖）"),
    dask: bool = typer.Option(False, "--dask", help="在 Dask 集群上校验 Parquet / CSV 数据集（需 pip install 'sgs-cli[dask]'）；"
                              "不给 --scheduler 时在本机各核上启动本地集群"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="与 --dask 合用：Dask 调度器地址，如 tcp://10.0.0.5:8786"),
    findings_out: Optional[Path] = typer.Option(None, "--findings-out",
                                                help="与 --dask 合用：全部问题写入此文件夹（分片 Parquet 数据集），屏幕只显示统计和前20条"),
):
    """校验双公示表格：790号行政许可/行政处罚表、2015年旧标准表、台账、事项目录、联络员名单。

    逐个单元格检查必填项、代码校验位、日期、金额、枚举值、重复记录等，问题用中文指出到单元格。

    --split 按773号数据校验机制拆分：通过的记录可直接上报，有错误的记录连同错误原因、修改建议退回部门。

    退出码：0 无错误；1 发现错误；2 用法错误；3 文件无法读取；4 缺少节假日数据。

    示例：sgs validate 行政处罚台账.xlsx --report 错误回执.xlsx

    示例：sgs validate 各部门/ --split 拆分结果/

    Parquet 文件、由 Parquet 或 CSV 分片文件（part-00000.parquet …）组成的文件夹按一个数据集校验，
    问题按“分片文件 + 文件内行号”（列名为第1行）指出。数据量很大时可在 Dask 集群上校验：

    示例：sgs validate 全省处罚数据/ --dask --findings-out 问题清单/
    """
    from sgs_cli.validation import engine as v
    from sgs_cli.render import json_out, terminal
    from sgs_cli.render.console import make_console

    opts = v.ValidateOptions(kind=kind.value, holidays=str(holidays) if holidays else None, provisional=provisional)
    opts.today = parse_date_option(today, "--today") or opts.today
    opts.submit_date = parse_date_option(submit_date, "--submit-date")
    opts.keep_records = split is not None  # the split needs to know which rows are records
    from sgs_cli.reports.reminders import check_severity

    opts.severity = check_severity(severity)
    if strict and split is None:
        from sgs_cli.errors import UsageError

        raise UsageError("--strict 只能与 --split 一起使用", "示例：sgs validate 台账.xlsx --split 拆分结果/ --strict")
    if force and split is None and report is None and findings_out is None:
        from sgs_cli.errors import UsageError

        raise UsageError("--force 只能与 --report 或 --split 一起使用（覆盖已存在的输出文件）",
                         "示例：sgs validate 台账.xlsx --report 错误回执.xlsx --force")
    from sgs_cli.cli.progress import progress_for

    if (report is not None or split is not None) and not (dask or scheduler or findings_out):
        from sgs_cli.io.dataset import dataset_parts

        if any(dataset_parts(p) is not None for p in paths):
            from sgs_cli.errors import UsageError

            raise UsageError("--report 和 --split 用于 Excel / CSV 台账，不用于 Parquet 或分片数据集",
                             "数据集的全部问题可用 --format csv 导出，或加 --dask --findings-out 文件夹写成 Parquet")
    if dask or scheduler or findings_out:
        from sgs_cli.cli.dask_run import run_dask

        raise typer.Exit(run_dask(paths, opts, scheduler=scheduler, findings_out=findings_out, json=fmt is DataFormat.json,
                                  csv=fmt is DataFormat.csv, show_sensitive=show_sensitive, force=force,
                                  unsupported={"--report": report, "--split": split}))
    with progress_for(True) as progress:
        result = v.validate_paths([str(p) for p in paths], opts, progress)
    written = []
    if report is not None:
        from sgs_cli.render.receipt import write_receipt

        written = write_receipt(result, report, show_sensitive, force=force)
    splits = []
    if split is not None:
        from sgs_cli.render.split import split_report

        splits = split_report(result, split, strict=strict, force=force, show_sensitive=show_sensitive)
    if fmt is DataFormat.json:
        extra = {"split": [s.to_dict() for s in splits]} if split is not None else None
        import sys

        json_out.write_stream(result, sys.stdout, show_sensitive, extra)
    elif fmt is DataFormat.csv:
        from sgs_cli.render.csv_out import findings_rows, write_csv

        write_csv(findings_rows(result, show_sensitive))
    else:
        con = make_console(mask=not show_sensitive)
        terminal.render(result, con, verbose=verbose, show_sensitive=show_sensitive)
        for path in written:
            plain(con, f"错误回执已写入：{path}")
        if report is not None and not written:
            con.print("没有可读取的表格，未生成错误回执")
        for s in splits:
            con.print(split_line(s, strict))
    raise typer.Exit(result.exit_code())


def split_line(s, strict: bool) -> str:
    from pathlib import Path as _P

    name = _P(s.path).name
    if s.skipped:
        return f"{name}：未拆分（{s.skipped}）"
    why = "有错误或警告" if strict else "有错误"
    return (f"{name}：共 {s.passed + s.returned} 条，通过 {s.passed} 条 → {s.pass_path}；"
            f"退回 {s.returned} 条（{why}）→ {s.return_path}")


def _calendar(holidays: Optional[Path], provisional: bool = False):
    from sgs_cli.calendar.workdays import WorkCalendar

    return WorkCalendar.load(str(holidays) if holidays else None, provisional=provisional)


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
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="与 --ledger 或 --objections 合用：把清单写入 .xlsx 文件"),
    force: bool = typer.Option(False, "--force", help="-o 的文件已存在时覆盖"),
    objection_received: Optional[str] = typer.Option(None, "--objection-received", help="收到异议的日期 YYYY-MM-DD"),
    report_day: int = typer.Option(15, "--report-day", min=1, max=31, help="月报告在次月几日前报送"),
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
    """计算工作日期限：7个工作日推送信用平台、3个工作日处理异议、月报告日期、处罚公示期限。

    “自作出决定之日起7个工作日内”按决定当日不计入、调休上班日计入计算。
    期限本身缺少某年节假日数据时退出码为4，不会按周一至周五猜测；只有附带项目（如月报告日是否工作日）
    需要下一年安排时照常给出期限，并注明“需要YYYY年节假日安排”。加 --provisional 可按法定节假日暂定计算。

    示例：sgs deadlines --from 2025-09-30 --penalty --severity 一般

    示例：sgs deadlines --ledger 各部门台账/ --due-within 2 -o 催报清单.xlsx

    示例：sgs deadlines --ledger 行政处罚台账.xlsx --publication --due-within 10

    示例：sgs deadlines --objections 异议登记台账.xlsx --due-within 1
    """
    import datetime as dt
    import json

    from sgs_cli.calendar.options import parse_date_option
    from sgs_cli.errors import UsageError
    from sgs_cli.calendar.publication import SEVERITIES

    if severity not in SEVERITIES:
        raise UsageError(f"--severity 的值“{severity}”无效", "可选：轻微、一般、严重")
    cal = _calendar(holidays, provisional)
    now = parse_date_option(today, "--today") or dt.date.today()
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

        given = ctx.get_parameter_source("severity") is not None and \
            ctx.get_parameter_source("severity").name != "DEFAULT"
        raise typer.Exit(run_listing(ledger, cal, now, due_within=due_within, publication=publication_list,
                                     out=out, force=force, fmt=fmt.value, severity=severity if given else None))
    if ledger:
        from sgs_cli.render.ledger_table import render_ledger
        from sgs_cli.reports.ledger import ledger_report

        result = ledger_report(ledger[0], cal, now)
        if not show_sensitive:
            from sgs_cli.render.masking import mask_tree

            result = mask_tree(result)
        if fmt is DataFormat.json:
            write_json(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        else:
            from sgs_cli.render.listing import wide_console

            render_ledger(result, wide_console(mask=not show_sensitive))
        raise typer.Exit(0)
    from sgs_cli.calendar import deadlines as dl

    decided = parse_date_option(from_, "--from") or now
    result = dl.for_decision(cal, decided, objection_received=parse_date_option(objection_received, "--objection-received"),
                             report_day=report_day, penalty=penalty, severity=severity, inclusive=inclusive)
    if fmt is DataFormat.json:
        write_json(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    from sgs_cli.render.console import make_console

    con = make_console()
    marked = (result.get("provisional") or {}).get("fields", [])
    for key, label in dl.LABELS.items():
        if key in result:
            mark = "（暂定）" if key in marked else ""
            con.print(f"{label}：{_weekday(result[key])}{mark}", markup=False)
    if result.get("monthly_report_note"):
        con.print(f"  {result['monthly_report_note']}", markup=False)
    for item in result["needs_calendar"]:
        from sgs_cli.calendar.workdays import upgrade_hint

        con.print(f"  注意：这一项{item['text']}，其余期限不受影响；通知发布后运行 "
                  f"sgs calendar {item['year']} --from-notice 通知.txt 补充（节假日文件中的年份优先于内置数据）。"
                  + upgrade_hint(item["year"]), markup=False)
    if result.get("provisional"):
        con.print(f"  暂定：{result['provisional']['reason']}", markup=False)
    pub = result.get("publication")
    if pub:
        if pub["regime"] is None:
            con.print(f"公示期限：{pub['note']}")
        else:
            con.print(f"公示期限依据：{pub['regime']}（{pub['severity']}失信）")
            con.print(f"  最短公示期 {pub['min_months']} 个月，最早可申请信用修复：{_weekday(pub['earliest_repair'])}")
            con.print(f"  最长公示期 {pub['max_months']} 个月，最迟撤下日期：{_weekday(pub['latest_takedown'])}")
            if pub.get("note"):
                con.print(f"  说明：{pub['note']}")


def _weekday(value):
    import datetime as dt

    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        d = dt.date.fromisoformat(value)
        return f"{d.year}年{d.month}月{d.day}日（星期{'一二三四五六日'[d.weekday()]}）"
    return value


@app.command()
def calendar(
    year: int = typer.Argument(..., help="年份，如 2026"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    from_notice: Optional[str] = typer.Option(
        None, "--from-notice", help="读取国务院办公厅节假日安排通知的全文（文本文件；- 表示从键盘粘贴），写入节假日文件"),
    template: bool = typer.Option(False, "--template", help="生成该年的节假日填写表（Excel），填好后用 --holidays 读取"),
    out: Optional[Path] = typer.Option(
        None, "-o", "--output", help="--template：填写表文件名；--from-notice：写入的节假日文件（默认为默认文件）"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件或已有年份；通知有无法识别的内容时仍然写入"),
    provisional: bool = typer.Option(False, "--provisional", help="没有正式安排的年份按法定节假日暂定显示（不含调休）"),
):
    """按月显示某年的工作日安排：法定节假日、调休上班日，并注明数据来源（内置或文件）。

    新一年的通知发布后，用 --from-notice 一步写入；也可用 --template 生成填写表。

    示例：sgs calendar 2027 --from-notice 2027年节假日安排通知.txt
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.render.calendar_view import render_list, render_year

    if template and from_notice is not None:
        from sgs_cli.errors import UsageError

        raise UsageError("--template 和 --from-notice 不能同时使用", "先用其中一种方式提供节假日安排")
    con = make_console()
    if template:
        from sgs_cli.calendar.files import write_template

        target = out or Path(f"{year}年节假日安排填写表.xlsx")
        write_template(year, target, force=force)
        con.print(f"已生成填写表：{target}")
        con.print(f"填好后运行 sgs calendar {year} --holidays {target} 核对，计算期限时加 --holidays {target}")
        return
    if from_notice is not None:
        _calendar_from_notice(year, from_notice, out, force, con)
        return
    cal = _calendar(holidays, provisional)
    cal.require_year(year)
    render_year(cal, year, con)
    render_list(cal, year, con)


def _read_text(source: str) -> str:
    import sys

    from sgs_cli.errors import InputError

    if source == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    else:
        try:
            data = Path(source).expanduser().read_bytes()
        except FileNotFoundError:
            raise InputError(f"通知文件“{source}”不存在", "请把通知全文保存为文本文件，或用 - 从键盘粘贴") from None
        except OSError as e:
            raise InputError(f"无法读取通知文件“{source}”：{e.strerror or e}") from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"无法识别通知文件“{source}”的编码", "请保存为 UTF-8 文本")


def _calendar_from_notice(year: int, source: str, out: Optional[Path], force: bool, con) -> None:
    from rich.markup import escape

    from sgs_cli.calendar.files import save_year
    from sgs_cli.errors import InputError
    from sgs_cli.calendar.notice import NoticeError, parse_notice
    from sgs_cli.render.calendar_view import render_list, render_year
    from sgs_cli.calendar.workdays import WorkCalendar, default_holidays_path

    try:
        schedule = parse_notice(_read_text(source), year)
    except NoticeError as e:
        raise InputError(f"无法读取节假日安排通知：{e}", "请粘贴《国务院办公厅关于"
                         f"{year}年部分节假日安排的通知》全文，或用 sgs calendar {year} --template 生成填写表") from None
    target = Path(out) if out else default_holidays_path()
    note = f"依据《国务院办公厅关于{year}年部分节假日安排的通知》，由 sgs calendar --from-notice 写入"
    entry = schedule.override_entry(note)
    cal = WorkCalendar.load(use_default_file=False, use_env=False)
    cal.add_data({str(year): entry}, f"通知（{source}）")
    render_year(cal, year, con)
    render_list(cal, year, con)
    for n in schedule.notes:
        con.print(f"说明：{escape(n)}")
    for w in schedule.warnings:
        con.print(f"[bold yellow]警告：[/]{escape(w)}")
    if schedule.warnings and not force:
        con.print(f"[bold red]通知中有 {len(schedule.warnings)} 处无法识别或不一致，未写入节假日文件。[/]"
                  "请核对通知原文后重试；确认以上日历无误时可加 --force 写入。")
        raise typer.Exit(1)
    status = save_year(target, year, entry, force=force)
    verb = {"新增": "已写入", "替换": "已替换", "未变": "内容相同，未改动"}[status]
    con.print(f"{year}年节假日安排{verb}：{escape(str(target))}（放假 {len(entry['holidays'])} 天，"
              f"调休上班 {len(entry['workdays'])} 天）。请对照通知核对以上日历。")
    if out and Path(out).expanduser() != default_holidays_path():
        con.print(f"计算期限时加 --holidays {escape(str(target))}，或设置环境变量 SGS_HOLIDAYS 指向该文件。")


@app.command("monthly-report")
def monthly_report(
    paths: Optional[List[Path]] = typer.Argument(None, help="台账或790号表格（文件或文件夹）；不给则生成空白月报模板"),
    month: str = typer.Option(..., "--month", help="统计月份 YYYY-MM"),
    unit: Optional[str] = typer.Option(None, "--unit", help="填报单位，只用于标题和“填报单位”（各记录的部门取自台账）"),
    report_day: int = typer.Option(15, "--report-day", min=1, max=31, help="次月几日前报送（默认15日）"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认 双公示月报告_YYYY-MM.xlsx）"),
    today: Optional[str] = typer.Option(None, "--today", help="统计日期 YYYY-MM-DD（默认今天），用于判断是否逾期"),
    fmt: Format = typer.Option(Format.table, "--format", help="屏幕摘要格式：table 或 json"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
    roster: Optional[Path] = typer.Option(None, "--roster",
                                          help="单位名单（sgs template roster 生成，或773号附件3联络员名单表）：应报送的部门"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
):
    """生成“双公示”月报告工作簿（汇总、分部门、逾期明细、其他明细、问题明细），数字取自台账。

    每条决定只有一个报送状态（按时、逾期、未到期、已逾期未报送、无法计算、无报送日期、需要节假日安排），
    各状态之和等于决定总数。
    及时率 = 按时 ÷（按时＋逾期＋已逾期未报送），另按许可、处罚、部门网站公示分别计算。
    部门取自台账的“行政决定部门”列、台账标题、单位名单、文件名（依次）；--unit 只是填报单位。

    示例：sgs monthly-report --month 2019-11 examples/ --roster 单位名单.xlsx -o 月报告.xlsx
    """
    import json

    from sgs_cli.reports import monthly as M
    from sgs_cli.calendar.options import parse_date_option, parse_month_option
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
    refuse_existing([target], force, inputs=inputs)
    names = read_roster(roster) if roster is not None else None
    rep = M.build(ym, [str(p) for p in paths or []], unit=unit, report_day=report_day,
                  today=now, holidays=str(holidays) if holidays else None, roster=names, provisional=provisional)
    if rep.unreadable:
        from sgs_cli.errors import InputError

        raise InputError("以下文件无法读取，未生成月报告：" + "；".join(rep.unreadable),
                         "请修复或移除这些文件后重试")
    write_workbook(rep, target, inputs=inputs)
    if fmt is Format.json:
        from sgs_cli.render.masking import mask_tree

        write_json(json.dumps(mask_tree({**rep.to_dict(), "output": str(target)}), ensure_ascii=False, indent=1)
                   + "\n")
        return
    con = make_console()
    if rep.blank:
        plain(con, f"未指定台账，已生成{rep.period}空白月报模板（应报送日期 {rep.due:%Y-%m-%d}）：{target}")
        return
    for line in M.summary_lines(rep):
        plain(con, line)
    due_note = rep.due_info.note() if rep.due_info else None
    con.print(f"月报告已写入：{target}（应报送日期 {rep.due:%Y-%m-%d}" + (f"，{due_note}" if due_note else "") + "）",
              markup=False)


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
    report_day: int = typer.Option(15, "--report-day", min=1, max=31, help="月报告在次月几日前报送（默认15日）"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
):
    """生成“双公示”季度通报工作簿：各部门工作方案、推进计划、联络员制度、事项目录和信息报送情况，排名、图表和通报稿。

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
    report_day: int = typer.Option(15, "--report-day", min=1, max=31, help="月报告在次月几日前报送（默认15日）"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
):
    """生成“双公示”年度考核工作簿：按评分标准给每个部门（台账有“承办科室”列时也给每个科室）打分、排名，逐条列出扣分原因和来源。

    评分标准是一个文本文件（TOML），默认标准见 sgs_cli/reports/assessment_scheme.toml，可复制后修改分值再用 --scheme 指定。
    全年数字与月报告、季度通报同一算法（每月计算后相加）。

    示例：sgs annual-assessment --year 2026 各部门台账/ --roster 单位名单.xlsx --register 报送登记表.xlsx --scheme 评分标准.toml
    """
    from sgs_cli.render.assessment import run_assessment

    raise typer.Exit(run_assessment(year, paths, roster=roster, register=register, scheme=scheme, out=out, force=force,
                                    text=text, fmt=fmt.value, today=parse_date_option(today, "--today"), unit=unit,
                                    report_day=report_day, holidays=holidays, provisional=provisional))


@app.command()
def convert(
    src: Path = typer.Argument(..., help="2015年旧标准的行政许可/行政处罚表"),
    out: Path = typer.Option(..., "-o", "--output", help="输出的790号新标准工作簿 .xlsx"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
):
    """把2015年旧标准表转换为790号新标准格式：可映射的列自动迁移，新增字段留空并标黄，另附“待补充”清单。

    不丢任何已填内容：没有对应新标准字段的列（如公示日期、处罚编码、信息使用范围）原样保留在表格末尾，
    并列入“未迁移的列”；按源表推断填写的值（如行政相对人类别、证件类型）标浅蓝色，请核对。

    示例：sgs convert 旧台账.xls -o 新台账.xlsx
    """
    from sgs_cli import standard as S
    from sgs_cli.render.convert import convert as do_convert
    from sgs_cli.render.console import make_console
    from sgs_cli.io.write import refuse_existing

    refuse_existing([out], force, inputs=[src])
    result = do_convert(src, out)
    con = make_console()
    for s in result["sheets"]:
        plain(con, f"{s['sheet']}：{s['rows']} 行已转换，{len(s['unmapped'])} 个新标准字段待补充（见“待补充”工作表）")
        if s["inferred"]:
            plain(con, f"  已按源表推断填写（浅蓝色，请核对）：{'、'.join(S.BY_KIND[s['kind']].by_code(c).name for c in s['inferred'])}")
        if s["kept"]:
            plain(con, f"  未迁移的列（790号标准没有对应字段，已原样保留在表格末尾）：{'、'.join(s['kept'])}")
    plain(con, f"已写入：{result['output']}")


@app.command()
def export(
    paths: List[Path] = typer.Argument(..., help="790号行政许可/行政处罚表（文件或文件夹）", show_default=False),
    public: bool = typer.Option(False, "--public", help="只导出标准规定可以公示的字段（供部门网站公示）"),
    out: Path = typer.Option(..., "-o", "--output", help="输出的 .xlsx 文件"),
    include_errors: bool = typer.Option(False, "--include-errors", help="有错误的记录也导出（默认不导出，并列出）"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
    today: Optional[str] = typer.Option(None, "--today", help="视为“今天”的日期 YYYY-MM-DD（默认今天）"),
    fmt: Format = typer.Option(Format.table, "--format", help="屏幕摘要格式：table 或 json"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件"),
):
    """导出公示数据：只含标准规定公示的字段（不含证件号码、法定代表人证件号码），按790号字段顺序，日期为 YYYY/MM/DD。

    先校验：有错误的记录不导出（列出行号和原因，退出码1），加 --include-errors 才导出；
    公开字段文字中的身份证号码、手机号码一律打码并给出警告。

    示例：sgs export --public 行政处罚台账.xlsx -o 公示_行政处罚.xlsx
    """
    import json

    from sgs_cli.validation import engine as v
    from sgs_cli.errors import UsageError
    from sgs_cli.render.export import export_public
    from sgs_cli.render.console import make_console

    if not public:
        raise UsageError("请加 --public：目前只支持导出公示字段", "示例：sgs export --public 行政处罚台账.xlsx -o 公示.xlsx")
    opts = v.ValidateOptions(kind="auto", holidays=str(holidays) if holidays else None, keep_records=True)
    opts.today = parse_date_option(today, "--today") or opts.today
    report = v.validate_paths([str(p) for p in paths], opts)
    res = export_public(report, out, include_errors=include_errors, force=force)
    if fmt is Format.json:
        write_json(json.dumps(res.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        from sgs_cli.render.export import SHEET_TITLE

        con = make_console()
        counts = "，".join(f"{SHEET_TITLE[k]} {n} 条" for k, n in res.exported.items())
        con.print(f"已导出公示数据：{counts} → {res.out}（不含证件号码、法定代表人证件号码）", markup=False)
        for m in res.masked:
            con.print(f"警告：{m.sheet}!{m.cell}「{m.field_name}」含{m.what}，导出时已打码；请同时修改原表", markup=False)
        if res.held_back:
            con.print(f"有错误未导出 {len(res.held_back)} 条（修改后重新导出，或加 --include-errors）：", markup=False)
            for f, sheet, row, key, why in res.held_back:
                con.print(f"  {Path(f).name} › {sheet} 第{row}行 {key}：{why}", markup=False)
    raise typer.Exit(1 if res.held_back else 0)


class TemplateKind(str, Enum):
    license = "license"
    penalty = "penalty"
    ledger = "ledger"
    catalog = "catalog"
    liaison = "liaison"
    objection = "objection"
    monthly = "monthly"
    roster = "roster"
    register = "register"


@app.command()
def template(
    kind: TemplateKind = typer.Argument(..., help="模板类型：license penalty ledger catalog liaison objection（异议登记台账） register（报送登记表） monthly roster"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认 模板名.xlsx）"),
    month: Optional[str] = typer.Option(None, "--month", help="monthly 模板的月份 YYYY-MM（默认上个月）"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
    roster: Optional[Path] = typer.Option(None, "--roster", help="monthly 模板：按单位名单预填“分部门”的部门"),
):
    """生成空白模板：带下拉选项、文本格式的代码列、日期格式和填写提示；monthly 为带公式的空白月报，roster 为单位名单。

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
    elif kind is TemplateKind.roster:
        from sgs_cli.render.templates import write_roster_template

        target = out or Path("单位名单.xlsx")
        write_roster_template(target, overwrite=force)
    else:
        from sgs_cli.standard import BY_KIND
        from sgs_cli.render.templates import write_template

        target = out or Path(f"{BY_KIND[kind.value].title.split('（')[0]}模板.xlsx")
        write_template(kind.value, target, overwrite=force)
    plain(make_console(), f"已生成模板：{target}")


@app.command()
def schema(
    kind: TemplateKind = typer.Argument(..., help="类型：license penalty ledger catalog liaison objection"),
):
    """输出某类记录的 JSON Schema（字段、类型、长度上限、枚举值），供数据平台和脚本使用。

    示例：sgs schema penalty > 行政处罚.schema.json
    """
    import json

    from sgs_cli.errors import UsageError

    if kind in (TemplateKind.monthly, TemplateKind.roster):
        raise UsageError(f"{kind.value} 没有记录结构", "可选：license penalty ledger catalog liaison objection")
    from sgs_cli.standard.models import json_schema

    write_json(json.dumps(json_schema(kind.value), ensure_ascii=False, indent=1) + "\n")


serve_app = typer.Typer(add_completion=False, rich_markup_mode=None, invoke_without_command=True)
user_app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True,
                       help="办公模式的账号：添加、重设密码、列出。\n\n"
                            "示例：sgs serve user add scjg --unit 县市场监管局 --role department --data 数据目录")
serve_app.add_typer(user_app, name="user")
app.add_typer(serve_app, name="serve")


@serve_app.callback(invoke_without_command=True)
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；127.0.0.1 以外（如 0.0.0.0）需要办公模式和至少一个账号"),
    port: int = typer.Option(8790, "--port", min=0, max=65535, help="端口（0 为任选一个空闲端口）"),
    data: Optional[Path] = typer.Option(None, "--data", help="办公模式的数据目录：账号、报送文件、审计日志（SQLite）"),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器"),
    max_upload_mb: int = typer.Option(50, "--max-upload-mb", min=1, max=1024, help="一次上传的文件合计上限（MB）"),
):
    """在浏览器中使用 sgs。默认只在本机 127.0.0.1 上运行并打开浏览器（本机模式，无需登录）。

    办公模式：sgs serve --host 0.0.0.0 --data 数据目录。各部门用自己的账号报送台账，信用办查看报送汇总、
    生成月报告；每次报送都保存为新版本，查看和下载记入审计日志。账号用 sgs serve user add 创建。
    需要安装网页组件：pip install 'sgs-cli[web]'。

    示例：sgs serve --host 0.0.0.0 --port 8790 --data D:\\双公示数据
    """
    if ctx.invoked_subcommand is not None:
        return
    from sgs_cli.web.server import run

    run(host=host, port=port, data=data, open_browser=not no_browser, max_upload_mb=max_upload_mb)


def _read_password(from_stdin: bool) -> str:
    import getpass
    import sys

    from sgs_cli.errors import UsageError

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        raise UsageError("两次输入的密码不一致，账号未改动", "请重新运行并输入相同的密码")
    return first


@user_app.command("add")
def user_add(
    username: str = typer.Argument(..., help="用户名（登录用，不含空格）"),
    unit: str = typer.Option(..., "--unit", help="单位名称，如 县市场监管局；部门账号只能看到本单位的报送"),
    role: str = typer.Option("department", "--role", help="角色：department（部门）或 office（信用办）"),
    data: Path = typer.Option(..., "--data", help="办公模式的数据目录"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读取密码（供脚本使用）"),
):
    """添加一个账号（密码用 scrypt 加密保存）。

    示例：sgs serve user add xyb --unit 县信用办 --role office --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import add_user, require_web_stack

    require_web_stack()
    add_user(data, username, unit, role, _read_password(password_stdin))
    make_console().print(f"已添加账号：{username}（{unit}，{'信用办' if role == 'office' else '部门'}）", markup=False)


@user_app.command("passwd")
def user_passwd(
    username: str = typer.Argument(..., help="用户名"),
    data: Path = typer.Option(..., "--data", help="办公模式的数据目录"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读取密码（供脚本使用）"),
):
    """重设账号的密码。

    示例：sgs serve user passwd scjg --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import require_web_stack, set_password

    require_web_stack()
    set_password(data, username, _read_password(password_stdin))
    make_console().print(f"已重设密码：{username}", markup=False)


@user_app.command("list")
def user_list(data: Path = typer.Option(..., "--data", help="办公模式的数据目录")):
    """列出账号。

    示例：sgs serve user list --data 数据目录
    """
    from sgs_cli.render.console import make_console
    from sgs_cli.web.server import list_users, require_web_stack

    require_web_stack()
    con = make_console()
    for u in list_users(data):
        con.print(f"{u['username']}\t{u['unit']}\t{'信用办' if u['role'] == 'office' else '部门'}\t{u['created_at']}",
                  markup=False)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
