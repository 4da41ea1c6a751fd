"""The `sgs` command line: a thin layer that parses options, calls the library and picks a renderer."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .cliutil import SgsGroup, parse_date_option

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
    holidays: Optional[Path] = typer.Option(None, "--holidays", help="补充/更正节假日安排的 JSON 文件"),
    show_sensitive: bool = typer.Option(False, "--show-sensitive", help="显示完整证件号码（默认打码）"),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="同时显示“提示”级别的结果"),
):
    """校验双公示表格：790号行政许可/行政处罚表、2015年旧标准表、台账、事项目录、联络员名单。

    逐个单元格检查必填项、代码校验位、日期、金额、枚举值、重复记录等，问题用中文指出到单元格。
    退出码：0 无错误；1 发现错误；2 用法错误；3 文件无法读取；4 缺少节假日数据。

    示例：sgs validate 行政处罚台账.xlsx --report 错误回执.xlsx
    """
    from . import validate as v
    from .report import json_out, terminal
    from .report.console import make_console

    opts = v.ValidateOptions(kind=kind.value, holidays=str(holidays) if holidays else None)
    opts.today = parse_date_option(today, "--today") or opts.today
    opts.submit_date = parse_date_option(submit_date, "--submit-date")
    opts.keep_records = True
    result = v.validate_paths([str(p) for p in paths], opts)
    if report is not None:
        from .report.receipt import write_receipt

        write_receipt(result, report)
    if fmt is Format.json:
        sys.stdout.write(json_out.dumps(result, show_sensitive) + "\n")
    else:
        con = make_console()
        terminal.render(result, con, verbose=verbose, show_sensitive=show_sensitive)
        if report is not None:
            con.print(f"错误回执已写入：{report}")
    raise typer.Exit(result.exit_code())


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
