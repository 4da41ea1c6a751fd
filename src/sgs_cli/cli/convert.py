"""`sgs convert`: a 2015-standard table into the 790 template, nothing dropped."""

from __future__ import annotations

from pathlib import Path

import typer

from sgs_cli.cli.root import app
from sgs_cli.render.console import plain


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
    from sgs_cli.render.convert import convert as do_convert, summary_lines
    from sgs_cli.render.console import make_console
    from sgs_cli.io.write import refuse_existing

    refuse_existing([out], force, inputs=[src])
    con = make_console()
    for line in summary_lines(do_convert(src, out)):
        plain(con, line)
