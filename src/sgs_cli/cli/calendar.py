"""`sgs calendar`: a year or month of working days, 调休 and holidays; the holiday file from a notice or a sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from sgs_cli.cli.options import load_calendar
from sgs_cli.cli.root import app


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
    cal = load_calendar(holidays, provisional)
    cal.require_year(year)
    render_year(cal, year, con)
    render_list(cal, year, con)


#: the notice's messages and hints by UnreadableText.kind
_NOTICE_UNREADABLE = {
    "too_large": ("通知文件“{source}”{reason}", "请只保存通知全文（几千字）"),
    "missing": ("通知文件“{source}”不存在", "请把通知全文保存为文本文件，或用 - 从键盘粘贴"),
    "os": ("无法读取通知文件“{source}”：{reason}", "请检查文件的访问权限，或把通知全文另存为文本文件"),
    "encoding": ("无法识别通知文件“{source}”的编码", "请保存为 UTF-8 文本"),
}


def _read_text(source: str) -> str:
    from sgs_cli.errors import InputError
    from sgs_cli.io.textfile import UnreadableText, read_user_text

    try:
        return read_user_text(source, ("utf-8-sig", "gb18030"))
    except UnreadableText as e:
        message, hint = _NOTICE_UNREADABLE[e.kind]
        raise InputError(message.format(source=source, reason=e.reason), hint) from None


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
