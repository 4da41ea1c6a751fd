"""The rule codes as declared units: every family in the registry declares its codes (severity, title,
message template), the templates format, every declared code is reachable, and the README table is the
one generated from the declarations (scripts/rule_table.py)."""

import importlib.util
import string
from pathlib import Path

import pytest

from sgs_cli.standard.kinds import KIND

from sgs_cli.findings import SEVERITY_LABEL
from sgs_cli.rules import base, cells, columns, registry, sheets
from sgs_cli.rules.codes import CODES, RULES, readme_table

ROOT = Path(__file__).resolve().parents[2]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_is_declared_once_with_severity_title_and_template():
    assert len(CODES) == len(RULES) == len(base.CATALOGUE) > 80  # every declared code is collected, once
    assert list(CODES)[:2] == ["COLUMN_MISSING", "HEADER_UNKNOWN"]  # README order: header notes first
    for name, c in CODES.items():
        assert name.isupper() and c.family, name
        assert c.severity in SEVERITY_LABEL, name
        assert c.title and c.template, name
        for variant in ("", *c.variants):
            template, hint = c.variants[variant] if variant else (c.template, c.hint)
            params = {k: f"<{k}>" for k in _fields(template) | _fields(hint)}
            message, shown_hint = c.render(variant, params)
            assert "{" not in message + shown_hint and "}" not in message + shown_hint, name


def test_every_family_of_every_kind_declares_what_it_emits():
    families = {rule.name: rule for kind in registry.FAMILIES for rule in registry.families(kind)}
    assert set(registry.FAMILIES) == set(KIND)  # every sheet kind of standard/kinds.py has its families
    declared_by = {c.family for c in CODES.values()}
    # header, sheet and cell notes are declared by their modules and emitted at the sheet's start and end
    assert declared_by == {CODES[next(iter(r.codes))].family for r in families.values()} | {
        "columns", "sheets", "cells"}
    for module in (columns, sheets, cells):
        assert set(module.CODES) <= set(CODES)
    for rule in families.values():
        assert isinstance(rule, base.Rule)
        assert set(rule.codes) <= set(CODES)


def test_an_undeclared_code_cannot_be_emitted():
    with pytest.raises(KeyError):
        base.make("NOT_A_CODE")


def test_a_code_has_one_home():
    with pytest.raises(ValueError, match="LENGTH_EXCEEDED is declared by length and elsewhere"):
        base.declare("elsewhere", {"LENGTH_EXCEEDED": base.Code("error", "t", "m")})


def test_message_is_formatted_from_the_template_and_keeps_its_params():
    f = base.make("LENGTH_EXCEEDED", row=3, column="C", name="行政相对人名称", n=210, limit=200, note="")
    assert f.message == "“行政相对人名称”长度210字，超过上限200字"
    assert f.hint == "超长会导致推送信用平台前置库失败，请精简"
    assert f.params == {"name": "行政相对人名称", "n": 210, "limit": 200, "note": ""}
    assert (f.severity, f.cell) == ("error", "C3")


def test_readme_table_is_generated_from_the_declarations():
    spec = importlib.util.spec_from_file_location("rule_table", ROOT / "scripts" / "rule_table.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    _, table, _ = mod.split((ROOT / "README.md").read_text(encoding="utf-8"))
    assert table == readme_table()
    assert mod.main(["--check"]) == 0
    for name in CODES:
        assert f"| `{name}` |" in table
