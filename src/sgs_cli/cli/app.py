"""The `sgs` command line: one module per command (cli/validate.py, cli/deadlines.py, …), each parsing its
options, calling the library and a renderer. Importing a module registers its command(s) on the Typer app of
cli/root.py. `sgs validate …` imports only cli/validate.py (issue 32: typer builds the command objects of the
registered commands only); `sgs --help`, an unknown command and ``from sgs_cli.cli.app import app`` load them
all, in the order of COMMANDS."""

from __future__ import annotations

import importlib
import os
import sys

__all__ = ["COMMANDS", "load", "main", "run"]  # and `app` (module __getattr__: every command loaded)

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


#: modules whose clean-up runs at interpreter exit (dask's cluster, the web server's work folders): a process
#: that imported one ends the ordinary way
_CLEANS_UP_AT_EXIT = ("dask", "distributed", "sgs_cli.web.app")


def run() -> None:
    """`sgs` as a program (the console script, ``python -m sgs_cli``): :func:`main`, then the process ends at
    once with the command's exit code — stdout and stderr flushed, every output file already closed — instead
    of tearing the interpreter down object by object (issue 32: 0.05 s of CPU after the 30-row example,
    0.2 s after a 10k-row ledger); the reader child is ended and waited for first. A long-running command
    (serve), a process that loaded a library with clean-up at exit, an exit code that is not a number and an
    unexpected error end the ordinary way."""
    from sgs_cli.validation import quiet_gc

    quiet_gc()
    try:
        main()
    except SystemExit as e:
        code = 0 if e.code is None else e.code
        if (not isinstance(code, int) or _command(sys.argv[1:]) == "serve"
                or any(m in sys.modules for m in _CLEANS_UP_AT_EXIT)):
            raise
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 - a closed pipe: let the interpreter report it as it always has
            raise e from None
        contain = sys.modules.get("sgs_cli.io.contain")
        if contain is not None:  # the reader child ends now and is waited for (its CPU counts as this run's)
            contain.shutdown()
        os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
