"""Every rule code emitted anywhere in src/ is in the catalogue and listed in the README."""

import re
from pathlib import Path

from sgs_cli.rules.catalog import RULES

ROOT = Path(__file__).resolve().parents[2]
EMIT = re.compile(r'(?:error|warning|info|Finding|\bf)\(\s*(?:(?:[A-Z]+|"(?:error|warning|info)"),\s*)?"([A-Z][A-Z0-9_]+)"')


def emitted_codes() -> set[str]:
    codes = set()
    for p in (ROOT / "src" / "sgs_cli").rglob("*.py"):
        codes |= set(EMIT.findall(p.read_text(encoding="utf-8")))
    return codes


def test_every_emitted_code_is_catalogued():
    missing = emitted_codes() - set(RULES)
    assert not missing, f"rule codes used but not in rules/catalog.py: {sorted(missing)}"
    assert len(emitted_codes()) > 50


def test_readme_lists_every_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in RULES if f"`{c}`" not in readme]
    assert not missing, f"README does not list: {missing}"
