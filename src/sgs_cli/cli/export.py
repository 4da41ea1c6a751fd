"""`sgs export --public`: the public fields of validated records, for the website."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from sgs_cli.calendar.options import parse_date_option
from sgs_cli.cli.options import Format
from sgs_cli.cli.root import app
from sgs_cli.render.console import write_json


@app.command()
def export(
    paths: List[Path] = typer.Argument(..., help="790号行政许可/行政处罚表（文件或文件夹）", show_default=False),
    public: bool = typer.Option(False, "--public", help="只导出标准规定可以公示的字段（供部门网站公示）"),
    out: Path = typer.Option(..., "-o", "--output", help="输出的 .xlsx 文件"),
    include_errors: bool = typer.Option(False, "--include-errors", help="有错误的记录也导出（默认不导出，并列出）"),
    include_not_required: bool = typer.Option(
        False, "--include-not-required",
        help="原则上不予公示的处罚（2026年4月1日起的警告、简易程序等轻微失信）也导出，并在“公示说明”列注明（默认不导出，并列出）"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
    today: Optional[str] = typer.Option(None, "--today", help="视为“今天”的日期 YYYY-MM-DD（默认今天）"),
    fmt: Format = typer.Option(Format.table, "--format", help="屏幕摘要格式：table 或 json"),
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件"),
):
    """导出公示数据：只含标准规定公示的字段（不含证件号码、法定代表人证件号码），按790号字段顺序，日期为 YYYY/MM/DD。

    先校验：有错误的记录不导出（列出行号和原因，退出码1），加 --include-errors 才导出；
    任何公开字段中的身份证号码、手机号码（全角、空格、不可见字符等各种写法）一律打码并给出警告，退出码1（须修改原表）。
    原则上不予公示的处罚（2026年4月1日起的警告、简易程序等轻微失信，与 validate 的 PUBLICATION_NOT_REQUIRED 相同）
    默认不导出并列出；加 --include-not-required 导出，并在“公示说明”列注明。

    示例：sgs export --public 行政处罚台账.xlsx -o 公示_行政处罚.xlsx
    """
    import json

    from sgs_cli.validation import engine
    from sgs_cli.errors import UsageError
    from sgs_cli.render.export import export_public
    from sgs_cli.render.console import make_console

    if not public:
        raise UsageError("请加 --public：目前只支持导出公示字段", "示例：sgs export --public 行政处罚台账.xlsx -o 公示.xlsx")
    opts = engine.ValidateOptions(kind="auto", holidays=str(holidays) if holidays else None, keep_records=True)
    opts.today = parse_date_option(today, "--today") or opts.today
    report = engine.validate_paths([str(p) for p in paths], opts)
    res = export_public(report, out, include_errors=include_errors, force=force,
                        include_not_required=include_not_required)
    if fmt is Format.json:
        write_json(json.dumps(res.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        from sgs_cli.render.export import SHEET_TITLE

        con = make_console()
        counts = "，".join(f"{SHEET_TITLE[k]} {n} 条" for k, n in res.exported.items())
        con.print(f"已导出公示数据：{counts} → {res.out}（不含证件号码、法定代表人证件号码）", markup=False)
        for m in res.masked:
            con.print(f"警告：{m.sheet}!{m.cell}「{m.field_name}」含{m.what}，导出时已打码；请同时修改原表", markup=False)
        if res.not_required:
            head = (f"原则上不予公示，已导出并在“公示说明”列注明 {len(res.not_required)} 条：" if res.included_not_required
                    else f"原则上不予公示，未导出 {len(res.not_required)} 条（确需公示的，加 --include-not-required 导出并注明）：")
            con.print(head, markup=False)
            for f, sheet, row, key, why in res.not_required:
                con.print(f"  {Path(f).name} › {sheet} 第{row}行 {key}：{why}", markup=False)
        if res.held_back:
            con.print(f"有错误未导出 {len(res.held_back)} 条（修改后重新导出，或加 --include-errors）：", markup=False)
            for f, sheet, row, key, why in res.held_back:
                con.print(f"  {Path(f).name} › {sheet} 第{row}行 {key}：{why}", markup=False)
    raise typer.Exit(1 if res.held_back or res.masked else 0)  # something to fix in the source
