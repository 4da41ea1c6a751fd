"""Shared CLI plumbing: a Typer group that turns every user mistake into a Chinese message and the exit
code of the contract (docs/contract.md), never a traceback; option parsers for dates and months."""

from __future__ import annotations

import re
import sys

import typer
from typer.core import TyperGroup

try:  # typer >= 0.22 ships its own copy of click
    from typer._click import exceptions as cx
except ImportError:  # pragma: no cover - older typer on top of click
    from click import exceptions as cx  # type: ignore[no-redef]  # the same module under its older name

from sgs_cli.errors import EXIT_INPUT, EXIT_USAGE, SgsError

#: Click's message for a path argument the user may not read
_UNREADABLE = re.compile(r"(file|directory|path) '(.+)' is not readable", re.I)
UNREADABLE_HINT = "请检查文件或文件夹的访问权限（可先复制到自己有权限的文件夹），或请管理员授予读取权限"

_CHOICES_SEP = re.compile(r"[,，]?\s+")
_ZH = [
    (r"^No such option: (\S+) \(Possible options: (.+)\)$", lambda m: f"没有选项 {m.group(1)}，可能是：{m.group(2)}"),
    (r"^No such option: (.+?)(?: Did you mean (.+)\?)?$",
     lambda m: f"没有选项 {m.group(1)}" + (f"，是否想用 {m.group(2)}？" if m.group(2) else "")),
    (r"^Missing argument '(.+?)'\. Choose from:\s*(.+?)\.?$",
     lambda m: f"缺少参数 {m.group(1)}，可选：" + _CHOICES_SEP.sub(" ", m.group(2)).strip()),
    (r"^Missing argument '(.+?)'.*$", lambda m: f"缺少参数 {m.group(1)}"),
    (r"^Missing option '(.+?)'.*$", lambda m: f"缺少选项 {m.group(1)}"),
    (r"^Option '(.+?)' requires an argument\.?$", lambda m: f"选项 {m.group(1)} 需要一个值"),
    (r"^Option '(.+?)' requires (\d+) arguments\.?$", lambda m: f"选项 {m.group(1)} 需要 {m.group(2)} 个值"),
    (r"^No such command '(.+?)'\.?$", lambda m: f"没有命令“{m.group(1)}”"),
    (r"^Got unexpected extra arguments? \((.+)\)$", lambda m: f"多余的参数：{m.group(1)}"),
    (r"^Invalid value for '(.+?)': '(.+?)' is not one of (.+)\.$",
     lambda m: f"选项 {m.group(1)} 的值“{m.group(2)}”无效，可选：{m.group(3).replace(chr(39), '')}"),
    (r"^Invalid value for '(.+?)': (.+)$", lambda m: f"选项 {m.group(1)} 的值无效：{m.group(2)}"),
]


_REASONS = [
    (r"Input should be a valid integer.*", lambda m: "应为整数"),
    (r"Input should be greater than or equal to (\S+?)\.?$", lambda m: f"应不小于 {m.group(1)}"),
    (r"Input should be less than or equal to (\S+?)\.?$", lambda m: f"应不大于 {m.group(1)}"),
    (r"'?(.+?)'? is not a valid integer\.?$", lambda m: f"“{m.group(1)}”不是整数"),
    (r"(\S+) is not in the range (.+)\.$", lambda m: f"{m.group(1)} 不在范围 {m.group(2)} 内"),
]


def translate(message: str) -> str:
    message = message.strip()
    for pattern, fn in _REASONS:
        message = re.sub(pattern, fn, message)
    for pattern, fn in _ZH:
        m = re.match(pattern, message, re.S)  # newer Click lists the choices on lines of their own
        if m:
            return fn(m)
    return message


def _example_of(cmd) -> str:
    if cmd is None or not cmd.help:
        return ""
    text = cmd.help
    i = text.find("示例")
    return text[i:].strip() if i >= 0 else ""


def echo_err(message: str, hint: str = "") -> None:
    from sgs_cli.render.console import make_console

    from rich.markup import escape

    con = make_console(stderr=True)
    con.print(f"[bold red]错误：[/]{escape(message)}", markup=True)
    if hint:
        con.print(f"提示：{hint}", markup=False)


try:  # the help formatter and context of the click that typer uses
    from typer._click.core import Context as _Context
    from typer._click.formatting import HelpFormatter as _HelpFormatter
except ImportError:  # pragma: no cover - older typer on top of click
    from click.core import Context as _Context  # type: ignore[assignment]  # the same class, older name
    from click.formatting import HelpFormatter as _HelpFormatter  # type: ignore[assignment]

#: Click's English scaffolding of --help, in Chinese
HELP_WORDS = {"Options": "选项", "Arguments": "参数", "Commands": "命令",
              "Show this message and exit.": "显示本帮助并退出。", "Show the version and exit.": "显示版本号并退出。",
              "[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]...", "[required]": "[必填]",
              "[default: ": "[默认：", "default: ": "默认：",
              # typer's metavars of arguments in the usage line
              "{paths}...": "路径...", "{paths}": "路径", "{src}": "源文件", "{year}": "年份", "{kind}": "类型"}


def zh_help(text: str) -> str:
    for en, zh in HELP_WORDS.items():
        text = text.replace(en, zh)
    return text


class ZhHelpFormatter(_HelpFormatter):
    """--help with 用法/选项/参数/命令 instead of Usage/Options/Arguments/Commands."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, zh_help(args), "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HELP_WORDS.get(heading, heading)}：\n")

    def write_dl(self, rows, *args, **kwargs) -> None:
        # the first column stays as typer writes it: Click aligns by characters, not by display width
        super().write_dl([(first, zh_help(second)) for first, second in rows], *args, **kwargs)


class ZhContext(_Context):
    formatter_class = ZhHelpFormatter


class SgsGroup(TyperGroup):
    context_class = ZhContext

    def get_command(self, ctx, cmd_name):
        cmd = super().get_command(ctx, cmd_name)
        if cmd is not None:
            cmd.context_class = ZhContext  # every subcommand's --help in Chinese too
        return cmd

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from sgs_cli.cli.coerce import install

        install()  # option values without building pydantic adapters (cli/coerce.py)
        try:
            rv = super().main(args=args, prog_name=prog_name or "sgs", complete_var=complete_var,
                              standalone_mode=False, **extra)
        except cx.UsageError as e:
            m = _UNREADABLE.search(e.format_message())
            if m:  # Click's own check of a path argument: an input that cannot be read is exit 3, not a usage error
                import os

                folder = m.group(1).lower() == "directory" or os.path.isdir(m.group(2))
                echo_err(f"无法读取文件夹“{m.group(2)}”：没有读取（列出）权限" if folder else
                         f"无法读取“{m.group(2)}”：没有读取权限", UNREADABLE_HINT)
                sys.exit(EXIT_INPUT)
            cmd = e.ctx.command if e.ctx else None
            example = _example_of(cmd)
            name = e.ctx.command_path if e.ctx else "sgs"
            echo_err(translate(e.format_message()), f"运行 {name} --help 查看用法。" + (f"\n{example}" if example else ""))
            sys.exit(EXIT_USAGE)
        except typer.Abort:
            echo_err("已取消")
            sys.exit(130)
        except SgsError as e:
            echo_err(e.message, e.hint)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            echo_err("已中断")
            sys.exit(130)
        sys.exit(rv or 0)
