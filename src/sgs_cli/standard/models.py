"""Pydantic models of the records, built from the field declarations (nothing retyped here).

Each sheet kind gets a model whose attributes are the field codes, whose aliases are the canonical
Chinese headers and whose constraints come from the declaration (confirmed length limits, enumerations,
types). Scripts use them to load cleaned records or to publish the JSON Schema of the standard
(`sgs schema penalty`); the validator itself reports findings through rules/, cell by cell.

>>> m = model_for("penalty")
>>> m.model_fields["CF_XDR_MC"].alias
'行政相对人名称'
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field as PField, create_model

from . import BY_KIND
from .base import REQUIRED_LABEL, Field, FieldType


def _annotation(f: Field):
    if f.type is FieldType.DATE:
        return Optional[dt.date]
    if f.type is FieldType.NUMBER:
        return Optional[Decimal]
    if f.type is FieldType.ENUM and f.enum and f.code not in _OPEN_ENUMS:
        return Optional[Literal[tuple(f.enum)]]  # type: ignore[valid-type]
    return Optional[str]


# enumerations that also accept “其他-说明” or several values separated by “；”
_OPEN_ENUMS = {"XK_XKLB", "CF_CFLB", "XK_XDR_ZJLX", "XK_FR_ZJLX", "CF_XDR_ZJLX", "CF_FR_ZJLX"}


@lru_cache(maxsize=None)
def model_for(kind: str) -> type[BaseModel]:
    """The record model of a sheet kind (license, penalty, ledger, catalog, liaison)."""
    spec = BY_KIND[kind]
    fields = {}
    for f in spec.fields:
        constraints = {}
        if f.max_len and f.len_confirmed and f.type in (FieldType.TEXT, FieldType.CODE):
            constraints["max_length"] = f.max_len
        if f.decimals is not None:
            constraints["decimal_places"] = f.decimals
        fields[f.code] = (_annotation(f), PField(
            default=None, alias=f.name, description=f.hint or None,
            json_schema_extra={"code": f.code, "required_rule": REQUIRED_LABEL[f.required], "public": f.public},
            **constraints))
    name = {"license": "LicenseRecord", "penalty": "PenaltyRecord", "ledger": "LedgerRecord",
            "catalog": "CatalogRecord", "liaison": "LiaisonRecord"}[kind]
    model = create_model(name, __config__=ConfigDict(populate_by_name=True, str_strip_whitespace=True,
                                                     title=spec.title), **fields)
    model.__doc__ = f"{spec.title}的一条记录（字段由 sgs_cli.standard 声明生成）。"
    return model


def json_schema(kind: str) -> dict:
    """JSON Schema of a record of the kind, keyed by the Chinese headers."""
    return model_for(kind).model_json_schema(by_alias=True)
