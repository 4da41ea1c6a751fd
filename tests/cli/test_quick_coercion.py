"""cli/coerce.py turns option values into their types without typer's pydantic adapters: for every parameter
of every sgs command, and values good and bad, the result (or the error and its words) is what typer's
own adapter gives."""

import pytest

typer_coercion = pytest.importorskip("typer._coercion")

from typer.main import get_command  # noqa: E402

from sgs_cli.cli import coerce  # noqa: E402
from sgs_cli.cli.app import app  # noqa: E402

VALUES = ["auto", "penalty", "json", "JSON", "csv", "bogus", "", "15", "0", "007", "-1", "32", "2026", "abc", " 5",
          "1e3", "99999999999999999999", "examples/行政处罚台账.xlsx", "examples", "/nonexistent/台账.xlsx", "-",
          "a\x00b", True, False, 3, ["examples", "/nonexistent"], ("x",)]


def _params(cmd, path=()):
    from typer._click import Context

    ctx = Context(cmd)
    for p in cmd.get_params(ctx):  # the help option too
        yield path + (cmd.name or "sgs",), p, ctx
    for sub in (getattr(cmd, "commands", None) or {}).values():
        yield from _params(sub, path + (cmd.name or "sgs",))


def _outcome(runtime, value, param, ctx):
    try:
        got = runtime._coerce_value(value, param, ctx)
    except Exception as e:  # noqa: BLE001 - the error is what is compared
        return ("error", type(e).__name__, str(getattr(e, "message", e)))
    return ("value", type(got).__name__, repr(got))


def test_quick_coercion_gives_what_typers_adapter_gives():
    checked = quick = 0
    for where, p, ctx in _params(get_command(app)):
        desc = p.type_descriptor
        fn = coerce._quick(desc.annotation, desc.parameter_info)
        if fn is None:
            continue
        quick += 1
        fast = coerce.quick_param(desc, fn)
        slow = typer_coercion.build_runtime_param(desc)
        for v in VALUES:
            assert _outcome(fast, v, p, ctx) == _outcome(slow, v, p, ctx), (where, p.name, v)
            checked += 1
    assert quick > 60 and checked == quick * len(VALUES)  # every command's options, not a few
