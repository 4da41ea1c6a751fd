"""The standard as data: one declaration per sheet kind. Everything else derives from these."""

from __future__ import annotations

from sgs_cli.standard import annex, legacy, license, objection, penalty, register
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

#: every layout the header detector tries
ALL_SPECS: tuple[SheetSpec, ...] = (LICENSE, PENALTY, LICENSE_2015, PENALTY_2015, LEDGER, CATALOG, LIAISON,
                                    OBJECTION, REGISTER)
#: the modern spec for a kind (templates, receipts, conversion targets)
BY_KIND: dict[str, SheetSpec] = {"license": LICENSE, "penalty": PENALTY, "ledger": LEDGER,
                                 "catalog": CATALOG, "liaison": LIAISON, "objection": OBJECTION,
                                 "register": REGISTER}
KINDS = tuple(BY_KIND)
KIND_LABEL = {"license": "行政许可", "penalty": "行政处罚", "ledger": "双公示台账", "catalog": "事项目录",
              "liaison": "联络员名单", "objection": "异议登记台账",
              "register": "报送登记表"}

__all__ = ["Field", "FieldType", "Required", "SheetSpec", "ALL_SPECS", "BY_KIND", "KINDS", "KIND_LABEL",
           "LICENSE", "PENALTY", "LICENSE_2015", "PENALTY_2015", "CATALOG", "LEDGER", "LIAISON", "OBJECTION",
           "REGISTER"]
