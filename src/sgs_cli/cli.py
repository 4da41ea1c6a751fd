"""The `sgs` command line: a thin layer that parses options, calls the library and picks a renderer."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .cliutil import SgsGroup, parse_date_option
from .report.console import write_json

app = typer.Typer(cls=SgsGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="sgs —— 双公示（行政许可、行政处罚）数据校验、工作日期限与月报告工具。\n\n"
                       "示例：sgs validate 行政处罚台账.xlsx")


@app.callback()
def _root() -> None:
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


class Format(str, Enum):
    table = "table"
    json = "json"


@app.command()
def validate(
    paths: List[Path] = typer.Argument(..., help="要校验的文件或文件夹（.xlsx .xlsm .xls .csv）", show_default=False),
    kind: Kind = typer.Option(Kind.auto, "--kind", help="表格类型；auto 为按表头自动识别"),
    fmt: Format = typer.Option(Format.table, "--format", help="输出格式：table（表格）或 json"),
    report: Optional[Path] = typer.Option(None, "--report", help="生成 Excel 错误回执（标出错误单元格）"),
    today: Optional[str] = typer.Option(None, "--today", help="视为“今天”的日期 YYYY-MM-DD（默认今天）"),
    submit_date: Optional[str] = typer.Option(None, "--submit-date",
                                              help="报送日期 YYYY-MM-DD，用于提示已超过7个工作日的记录（默认今天）"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
    show_sensitive: bool = typer.Option(False, "--show-sensitive", help="显示完整证件号码（默认打码）"),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="同时显示“提示”级别的结果"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
):
    """校验双公示表格：790号行政许可/行政处罚表、2015年旧标准表、台账、事项目录、联络员名单。

    逐个单元格检查必填项、代码校验位、日期、金额、枚举值、重复记录等，问题用中文指出到单元格。
    退出码：0 无错误；1 发现错误；2 用法错误；3 文件无法读取；4 缺少节假日数据。

    示例：sgs validate 行政处罚台账.xlsx --report 错误回执.xlsx
    """
    from . import validate as v
    from .report import json_out, terminal
    from .report.console import make_console

    opts = v.ValidateOptions(kind=kind.value, holidays=str(holidays) if holidays else None, provisional=provisional)
    opts.today = parse_date_option(today, "--today") or opts.today
    opts.submit_date = parse_date_option(submit_date, "--submit-date")
    from .report.progress import progress_for

    with progress_for(True) as progress:
        result = v.validate_paths([str(p) for p in paths], opts, progress)
    written = []
    if report is not None:
        from .report.receipt import write_receipt

        written = write_receipt(result, report, show_sensitive, force=force)
    if fmt is Format.json:
        write_json(json_out.dumps(result, show_sensitive) + "\n")
    else:
        con = make_console()
        terminal.render(result, con, verbose=verbose, show_sensitive=show_sensitive)
        for path in written:
            con.print(f"错误回执已写入：{path}")
        if report is not None and not written:
            con.print("没有可读取的表格，未生成错误回执")
    raise typer.Exit(result.exit_code())


def _calendar(holidays: Optional[Path], provisional: bool = False):
    from .workcal import WorkCalendar

    return WorkCalendar.load(str(holidays) if holidays else None, provisional=provisional)


@app.command()
def deadlines(
    from_: Optional[str] = typer.Option(None, "--from", help="决定日期 YYYY-MM-DD（默认今天）"),
    ledger: Optional[Path] = typer.Option(None, "--ledger", help="台账或790号表格：逐条列出期限和状态"),
    objection_received: Optional[str] = typer.Option(None, "--objection-received", help="收到异议的日期 YYYY-MM-DD"),
    report_day: int = typer.Option(15, "--report-day", min=1, max=31, help="月报告在次月几日前报送"),
    penalty: bool = typer.Option(False, "--penalty", help="行政处罚：同时给出公示期限"),
    severity: str = typer.Option("一般", "--severity", help="失信程度：轻微、一般、严重"),
    inclusive: bool = typer.Option(False, "--inclusive", help="决定当日计入第1个工作日（部分地方的算法）"),
    today: Optional[str] = typer.Option(None, "--today", help="视为“今天”的日期（--ledger 判断是否逾期）"),
    fmt: Format = typer.Option(Format.table, "--format", help="输出格式：table 或 json"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件或填写表 .xlsx"),
    provisional: bool = typer.Option(False, "--provisional",
                                     help="没有正式安排的年份按法定节假日暂定计算（不含调休，结果标“暂定”）"),
):
    """计算工作日期限：7个工作日推送信用平台、3个工作日处理异议、月报告日期、处罚公示期限。

    “自作出决定之日起7个工作日内”按决定当日不计入、调休上班日计入计算。
    期限本身缺少某年节假日数据时退出码为4，不会按周一至周五猜测；只有附带项目（如月报告日是否工作日）
    需要下一年安排时照常给出期限，并注明“需要YYYY年节假日安排”。加 --provisional 可按法定节假日暂定计算。

    示例：sgs deadlines --from 2025-09-30 --penalty --severity 一般
    """
    import datetime as dt
    import json

    from .cliutil import parse_date_option
    from .errors import UsageError
    from .publication import SEVERITIES

    if severity not in SEVERITIES:
        raise UsageError(f"--severity 的值“{severity}”无效", "可选：轻微、一般、严重")
    cal = _calendar(holidays, provisional)
    now = parse_date_option(today, "--today") or dt.date.today()
    if ledger is not None:
        from .ledger_status import ledger_report, render_ledger

        result = ledger_report(ledger, cal, now)
        if fmt is Format.json:
            write_json(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        else:
            from .report.console import make_console

            render_ledger(result, make_console())
        raise typer.Exit(0)
    from . import deadlines as dl

    decided = parse_date_option(from_, "--from") or now
    result = dl.for_decision(cal, decided, objection_received=parse_date_option(objection_received, "--objection-received"),
                             report_day=report_day, penalty=penalty, severity=severity, inclusive=inclusive)
    if fmt is Format.json:
        write_json(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        return
    from .report.console import make_console

    con = make_console()
    marked = (result.get("provisional") or {}).get("fields", [])
    for key, label in dl.LABELS.items():
        if key in result:
            mark = "（暂定）" if key in marked else ""
            con.print(f"{label}：{_weekday(result[key])}{mark}", markup=False)
    if result.get("monthly_report_note"):
        con.print(f"  {result['monthly_report_note']}", markup=False)
    for item in result["needs_calendar"]:
        from .workcal import upgrade_hint

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
    from .report.console import make_console
    from .report.calendar_view import render_list, render_year

    if template and from_notice is not None:
        from .errors import UsageError

        raise UsageError("--template 和 --from-notice 不能同时使用", "先用其中一种方式提供节假日安排")
    con = make_console()
    if template:
        from .calendar_files import write_template

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

    from .errors import InputError

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

    from .calendar_files import save_year
    from .errors import InputError
    from .notice import NoticeError, parse_notice
    from .report.calendar_view import render_list, render_year
    from .workcal import WorkCalendar, default_holidays_path

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

    from . import monthly as M
    from .cliutil import parse_date_option, parse_month_option
    from .report.console import make_console
    from .report.monthly import write_workbook

    from .roster import read_roster
    from .xlsxsafe import refuse_existing

    ym = parse_month_option(month)
    now = parse_date_option(today, "--today")
    target = out or Path(f"双公示月报告_{ym[0]}-{ym[1]:02d}.xlsx")
    inputs = [roster] if roster is not None else []
    if paths:
        from .reading import find_inputs
        from .validate import is_sgs_output

        inputs += [p for p in find_inputs([str(p) for p in paths]) if not is_sgs_output(p)]
    refuse_existing([target], force, inputs=inputs)
    names = read_roster(roster) if roster is not None else None
    rep = M.build(ym, [str(p) for p in paths or []], unit=unit, report_day=report_day,
                  today=now, holidays=str(holidays) if holidays else None, roster=names, provisional=provisional)
    if rep.unreadable:
        from .errors import InputError

        raise InputError("以下文件无法读取，未生成月报告：" + "；".join(rep.unreadable),
                         "请修复或移除这些文件后重试")
    write_workbook(rep, target, inputs=inputs)
    if fmt is Format.json:
        write_json(json.dumps({**rep.to_dict(), "output": str(target)}, ensure_ascii=False, indent=1) + "\n")
        return
    con = make_console()
    t = rep.total
    pct = lambda x: "—" if x is None else f"{x:.2%}"  # noqa: E731
    if rep.blank:
        con.print(f"未指定台账，已生成{rep.period}空白月报模板（应报送日期 {rep.due:%Y-%m-%d}）：{target}")
        return
    from .decisions import NEEDS_CALENDAR, STATUSES

    # every status, 需要节假日安排 only when there is one
    statuses = "，".join(f"{s.label} {t.count(s.key)}" for s in STATUSES if t.count(s.key) or s.key != NEEDS_CALENDAR)
    con.print(f"{rep.unit} {rep.period} 双公示月报告：决定 {t.records}（许可 {t.licence}，处罚 {t.penalty}，"
              f"未分类 {t.unclassified}）；{statuses}；重复 {t.duplicates}", markup=False)
    rate = lambda key, value: t.rate_text(key, rep.missing_years) or pct(value)  # noqa: E731
    con.print(f"及时率 {rep.timeliness_text}（许可 {rate('licence_timeliness', t.licence_timeliness)}，"
              f"处罚 {rate('penalty_timeliness', t.penalty_timeliness)}），"
              f"部门网站公示及时率 {rate('web_timeliness', t.web_timeliness)}，合规率 {pct(t.compliance)}，"
              f"完整率 {pct(t.completeness)}", markup=False)
    con.print("零报送单位：" + ("、".join(rep.zero_units) or "无"), markup=False)
    for note in rep.notes:
        con.print(f"说明：{note}", markup=False)
    for item in rep.undetermined_items:
        con.print(f"  {item['status']}：{item['wsh']}（决定日期 {item['decision_date']}，{item['where']}）",
                  markup=False)
    for note in rep.calendar_notes:
        con.print(f"注意：{note}", markup=False)
    due_note = rep.due_info.note() if rep.due_info else None
    con.print(f"月报告已写入：{target}（应报送日期 {rep.due:%Y-%m-%d}" + (f"，{due_note}" if due_note else "") + "）",
              markup=False)


@app.command()
def convert(
    src: Path = typer.Argument(..., help="2015年旧标准的行政许可/行政处罚表"),
    out: Path = typer.Option(..., "-o", "--output", help="输出的790号新标准工作簿 .xlsx"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
):
    """把2015年旧标准表转换为790号新标准格式：可映射的列自动迁移，新增字段留空并标黄，另附“待补充”清单。

    示例：sgs convert 旧台账.xls -o 新台账.xlsx
    """
    from .convert import convert as do_convert
    from .report.console import make_console
    from .xlsxsafe import refuse_existing

    refuse_existing([out], force, inputs=[src])
    result = do_convert(src, out)
    con = make_console()
    for s in result["sheets"]:
        con.print(f"{s['sheet']}：{s['rows']} 行已转换，{len(s['unmapped'])} 个新标准字段待补充（见“待补充”工作表）")
    con.print(f"已写入：{result['output']}")


class TemplateKind(str, Enum):
    license = "license"
    penalty = "penalty"
    ledger = "ledger"
    catalog = "catalog"
    liaison = "liaison"
    monthly = "monthly"
    roster = "roster"


@app.command()
def template(
    kind: TemplateKind = typer.Argument(..., help="模板类型：license penalty ledger catalog liaison monthly roster"),
    out: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件（默认 模板名.xlsx）"),
    month: Optional[str] = typer.Option(None, "--month", help="monthly 模板的月份 YYYY-MM（默认上个月）"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖（默认不覆盖）"),
    roster: Optional[Path] = typer.Option(None, "--roster", help="monthly 模板：按单位名单预填“分部门”的部门"),
):
    """生成空白模板：带下拉选项、文本格式的代码列、日期格式和填写提示；monthly 为带公式的空白月报，roster 为单位名单。

    示例：sgs template roster -o 单位名单.xlsx
    """
    from .report.console import make_console
    from .xlsxsafe import refuse_existing

    if kind is TemplateKind.monthly:
        from .cliutil import parse_month_option
        from .monthly import default_month, write_blank
        from .roster import read_roster

        ym = parse_month_option(month) if month else default_month()
        target = out or Path(f"双公示月报告_{ym[0]}-{ym[1]:02d}.xlsx")
        refuse_existing([target], force)
        write_blank(ym, target, roster=read_roster(roster) if roster is not None else None)
    elif kind is TemplateKind.roster:
        from .roster import write_roster_template

        target = out or Path("单位名单.xlsx")
        write_roster_template(target, overwrite=force)
    else:
        from .standard import BY_KIND
        from .templates import write_template

        target = out or Path(f"{BY_KIND[kind.value].title.split('（')[0]}模板.xlsx")
        write_template(kind.value, target, overwrite=force)
    make_console().print(f"已生成模板：{target}")


@app.command()
def schema(
    kind: TemplateKind = typer.Argument(..., help="类型：license penalty ledger catalog liaison"),
):
    """输出某类记录的 JSON Schema（字段、类型、长度上限、枚举值），供数据平台和脚本使用。

    示例：sgs schema penalty > 行政处罚.schema.json
    """
    import json

    from .errors import UsageError

    if kind in (TemplateKind.monthly, TemplateKind.roster):
        raise UsageError(f"{kind.value} 没有记录结构", "可选：license penalty ledger catalog liaison")
    from .standard.models import json_schema

    write_json(json.dumps(json_schema(kind.value), ensure_ascii=False, indent=1) + "\n")


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
