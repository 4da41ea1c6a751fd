"""Every rule code sgs emits, collected from the families' declarations (each family module declares its
codes next to its logic; rules/base.declare). The README's rule table is generated from this
(scripts/rule_table.py; tests/rules/test_rule_catalog.py keeps them equal)."""

from __future__ import annotations

from sgs_cli.findings import SEVERITY_LABEL
from sgs_cli.rules import cells, columns, registry, sheets  # noqa: F401 - importing declares their codes
from sgs_cli.rules.base import CATALOGUE, Code

#: the order of the README table: header and sheet notes first, then the families as they run
_FAMILY_ORDER = ("columns", "sheets", "cells", "legacy", "required", "enumerations", "identifiers",
                 "normalization", "excel_damage", "amounts", "content", "dates", "duplicates", "privacy", "length",
                 "timeliness", "annex", "objection", "register", "repair")


def all_codes() -> dict[str, Code]:
    """code → declaration, grouped by family in README order."""
    rank = {f: i for i, f in enumerate(_FAMILY_ORDER)}
    return dict(sorted(CATALOGUE.items(), key=lambda kv: rank.get(kv[1].family, len(rank))))


CODES: dict[str, Code] = all_codes()
#: code → (usual severity, Chinese title): the catalogue as it was read before the declarations
RULES: dict[str, tuple[str, str]] = {name: (c.severity, c.title) for name, c in CODES.items()}


def is_fact(code: str) -> bool:
    """Whether a code records a fact about the process (a late report …): never a reason to return a record."""
    c = CATALOGUE.get(code)
    return c is not None and c.fact


#: the word a fact is shown with, where an error is 错误 (terminal, CSV, receipt, web page)
FACT_LABEL = "事实"


def label(f) -> str:
    """The word a finding is shown with: 事实 for a fact (a late report …), else 错误 / 警告 / 提示."""
    return FACT_LABEL if f.severity != "info" and is_fact(f.code) else SEVERITY_LABEL[f.severity]


def fixable(f) -> bool:
    """Whether a finding is something the department can fix by correcting the data."""
    return not is_fact(f.code)


def title(code: str) -> str:
    c = CATALOGUE.get(code)
    return c.title if c is not None else ""


#: how the README table marks a fact (rules/base.Code.fact)
FACT_MARK = "（**事实**：计入报告，不退回）"


def readme_table() -> str:
    """The Markdown table of the README's 校验规则代码 section."""
    lines = ["| 代码 | 级别 | 含义 |", "|---|---|---|"]
    lines += [f"| `{name}` | {SEVERITY_LABEL[c.severity]} | {c.title}{FACT_MARK if c.fact else ''} |"
              for name, c in CODES.items()]
    return "\n".join(lines) + "\n"
