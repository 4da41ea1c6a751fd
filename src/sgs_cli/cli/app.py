"""The `sgs` command line: one module per command (cli/validate.py, cli/deadlines.py, …), each parsing its
options, calling the library and a renderer. Importing them here registers the commands, in this order."""

from __future__ import annotations

from sgs_cli.cli import (  # noqa: F401 - each module registers its command(s) on the app
    validate,
    deadlines,
    calendar,
    monthly,
    reconcile,
    quarterly,
    assessment,
    convert,
    export,
    template,
    schema,
    serve,
)
from sgs_cli.cli.root import app

__all__ = ["app", "main"]


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
