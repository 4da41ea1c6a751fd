"""Which rule families run for which sheet kind, in order (rules/base.Rule). The order matters where a
family reads what an earlier one noted on the record: excel_damage marks damaged cells for identifiers,
dates fills rec.dates for amounts and timeliness."""

from __future__ import annotations

from sgs_cli.rules import (
    amounts,
    annex,
    consistency,
    content,
    dates,
    divisions,
    docno,
    duplicates,
    encoding,
    enumerations,
    excel_damage,
    identifiers,
    legacy,
    length,
    normalization,
    objection,
    privacy,
    register,
    repair,
    required,
    timeliness,
)
from sgs_cli.rules.base import Rule

#: licence and penalty sheets (the 790 standard; 2015 layouts mapped to it)
RECORD_FAMILIES: tuple[Rule, ...] = (
    legacy.RULE, excel_damage.RULE, required.RULE, enumerations.RULE, identifiers.RULE, dates.RULE,
    amounts.RULE, content.RULE, consistency.RULE, docno.RULE, duplicates.RULE, privacy.RULE, length.RULE, normalization.RULE, encoding.RULE, divisions.RULE, timeliness.RECORD_RULE)

FAMILIES: dict[str, tuple[Rule, ...]] = {
    "license": RECORD_FAMILIES,
    "penalty": RECORD_FAMILIES,
    "ledger": (legacy.RULE, required.RULE, annex.SEQUENCE, annex.LEDGER, timeliness.LEDGER_RULE),
    "catalog": (legacy.RULE, required.RULE, annex.SEQUENCE, annex.CATALOG),
    "liaison": (legacy.RULE, required.RULE, annex.LIAISON),
    "objection": (legacy.RULE, required.RULE, objection.RULE),
    "register": (legacy.RULE, required.RULE, register.RULE),
    "repair": (legacy.RULE, required.RULE, identifiers.RULE, repair.RULE),
}


def families(kind: str) -> tuple[Rule, ...]:
    """The rule families of a sheet kind, in the order they run."""
    return FAMILIES[kind]
