"""The `sgs` command line: one module per command (cli/validate.py, cli/deadlines.py, …), each parsing its
options, calling the library and a renderer. Importing a module registers its command(s) on the Typer app of
cli/root.py. `sgs validate …` imports only cli/validate.py (issue 32: typer builds the command objects of the
registered commands only); `sgs --help`, an unknown command and ``from sgs_cli.cli.app import app`` load them
all, in the order of COMMANDS."""

from __future__ import annotations

import importlib
import sys

__all__ = ["COMMANDS", "load", "main"]  # and `app` (module __getattr__: every command loaded)

#: command → the module under sgs_cli.cli that registers it, in the order `sgs --help` lists them
COMMANDS = {
    "validate": "validate",
    "deadlines": "deadlines",
    "calendar": "calendar",
    "monthly-report": "monthly",
    "reconcile": "reconcile",
    "quarterly-report": "quarterly",
    "annual-assessment": "assessment",
    "convert": "convert",
    "export": "export",
    "template": "template",
    "schema": "schema",
    "serve": "serve",
}


def load(command: str | None = None):
    """The Typer app with ``command``'s module registered — or every command's, when ``command`` is None or
    not one of COMMANDS (the usage error then names the others)."""
    from sgs_cli.cli.root import app

    modules = [COMMANDS[command]] if command in COMMANDS else list(COMMANDS.values())
    for module in modules:
        importlib.import_module(f"sgs_cli.cli.{module}")
    if len(modules) > 1:  # whichever command was loaded first, --help lists them in COMMANDS order
        rank = {m: i for i, m in enumerate(COMMANDS.values())}
        app.registered_commands.sort(key=lambda c: rank[c.callback.__module__.rsplit(".", 1)[1]])
    return app


def _command(args: list[str]) -> str | None:
    """The command a command line names: its first word that is not an option (the root takes no option
    with a value)."""
    return next((a for a in args if not a.startswith("-")), None)


def __getattr__(name: str):
    if name == "app":  # importers of `app` (tests, the web server's checks) get every command
        return load()
    raise AttributeError(name)


def main() -> None:
    load(_command(sys.argv[1:]))()


if __name__ == "__main__":  # pragma: no cover
    main()
