"""The `sgs` Typer application and its root options; each command module registers itself on it."""

from __future__ import annotations

import typer

from sgs_cli.cli.util import SgsGroup

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
