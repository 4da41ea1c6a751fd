"""The standard as data: one declaration per sheet kind. Everything else derives from these."""

from __future__ import annotations

from sgs_cli.standard import annex, kinds, legacy, license, objection, penalty, register, repair
from sgs_cli.standard.base import Field, FieldType, Required, SheetSpec

LICENSE = license.SPEC
PENALTY = penalty.SPEC
LICENSE_2015 = legacy.LICENSE
PENALTY_2015 = legacy.PENALTY
CATALOG = annex.CATALOG
LEDGER = annex.LEDGER
LIAISON = annex.LIAISON
OBJECTION = objection.OBJECTION
REGISTER = register.REGISTER
REPAIR = repair.REPAIR

#: every layout the header detector tries: the modern kinds (licence and penalty first), then the 2015 ones
ALL_SPECS: tuple[SheetSpec, ...] = (LICENSE, PENALTY, LICENSE_2015, PENALTY_2015) + tuple(
    k.spec for k in kinds.KINDS if not k.prefix)
#: the modern spec for a kind (templates, receipts, conversion targets)
BY_KIND: dict[str, SheetSpec] = {k.kind: k.spec for k in kinds.KINDS}
KINDS = tuple(BY_KIND)
KIND_LABEL = {k.kind: k.label for k in kinds.KINDS}

__all__ = ["Field", "FieldType", "Required", "SheetSpec", "ALL_SPECS", "BY_KIND", "KINDS", "KIND_LABEL",
           "LICENSE", "PENALTY", "LICENSE_2015", "PENALTY_2015", "CATALOG", "LEDGER", "LIAISON", "OBJECTION",
           "REGISTER", "REPAIR"]
