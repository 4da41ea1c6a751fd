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
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field as PField, create_model

from sgs_cli.standard import BY_KIND
from sgs_cli.standard.base import REQUIRED_LABEL, Field, FieldType
from sgs_cli.standard.kinds import KIND


def _annotation(f: Field):
    if f.type is FieldType.DATE:
        return Optional[dt.date]
    if f.type is FieldType.NUMBER:
        return Optional[Decimal]
    if f.type is FieldType.ENUM and f.enum and not (f.open_enum or f.multi):
        return Optional[Literal[tuple(f.enum)]]
    return Optional[str]


@lru_cache(maxsize=None)
def model_for(kind: str) -> type[BaseModel]:
    """The record model of a sheet kind (license, penalty, ledger, catalog, liaison)."""
    spec = BY_KIND[kind]
    fields: dict[str, Any] = {}  # code → (annotation, pydantic Field)
    for f in spec.fields:
        constraints: dict[str, Any] = {}
        if f.max_len and f.len_confirmed and f.type in (FieldType.TEXT, FieldType.CODE):
            constraints["max_length"] = f.max_len
        if f.decimals is not None:
            constraints["decimal_places"] = f.decimals
        fields[f.code] = (_annotation(f), PField(
            default=None, alias=f.name, description=f.hint or None,
            json_schema_extra={"code": f.code, "required_rule": REQUIRED_LABEL[f.required], "public": f.public},
            **constraints))
    name = KIND[kind].model
    model = create_model(name, __config__=ConfigDict(populate_by_name=True, str_strip_whitespace=True,
                                                     title=spec.title), **fields)
    model.__doc__ = f"{spec.title}的一条记录（字段由 sgs_cli.standard 声明生成）。"
    return model


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: dates as the standard writes them (YYYY/MM/DD), not ISO 8601
DATE_PATTERN = r"^[0-9]{4}/(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])$"
_OTHER = "其他-[^；;]+"
#: shapes of the identifiers (GB 32100 without I O Z S V; GB 11714 with an optional hyphen)
_ID_PATTERNS = {"uscc": "^[0-9A-HJ-NPQRTUWXY]{18}$", "orgcode": "^[0-9A-Z]{8}-?[0-9X]$"}


def _alternatives(values) -> str:
    return "|".join(re.escape(v) for v in values)


def _enum_schema(f: Field) -> dict:
    """Closed enumerations as ``enum``; the open ones (其他-说明, several 处罚类别) as a pattern."""
    from sgs_cli.standard import enums

    if not (f.open_enum or f.multi):
        return {"type": "string", "enum": list(f.enum)}
    values = [v for v in f.enum if v != enums.CF_OTHER]
    if f.multi:  # one or more categories separated by “；” (处罚类别: the 2021 categories accepted)
        item = f"({_alternatives(values + list(enums.CFLB_2021))}|{_OTHER})"
        return {"type": "string", "pattern": f"^{item}([；;]{item})*$"}
    return {"type": "string", "pattern": f"^({_alternatives(values)}|{_OTHER})$"}


def _property(f: Field) -> dict:
    prop: dict[str, Any]
    if f.type is FieldType.DATE:
        prop = {"type": "string", "pattern": DATE_PATTERN}
    elif f.type is FieldType.NUMBER:
        prop = {"type": "number", "exclusiveMinimum": 0}
    elif f.type is FieldType.ENUM and f.enum:
        prop = _enum_schema(f)
    elif f.identifier in _ID_PATTERNS:  # the shape only; check digits are the validator's job
        prop = {"type": "string", "pattern": _ID_PATTERNS[f.identifier]}
    else:
        prop = {"type": "string", "minLength": 1}
        if f.max_len and f.len_confirmed:
            prop["maxLength"] = f.max_len
    prop = {"title": f.name, **({"description": f.hint} if f.hint else {}), **prop}
    prop.update({"x-code": f.code, "x-required": REQUIRED_LABEL[f.required], "x-public": f.public})
    return prop


def _conditions(spec) -> list[dict]:
    """if/then: the 行政相对人类别 decides which party fields are required; for penalties the 处罚类别 decides
    which amounts are; a 17-zeros-and-X placeholder code needs the 工商注册号."""
    from sgs_cli.standard.base import Required as R
    from sgs_cli.standard.enums import LB_INDIVIDUAL, LB_ORG, LB_PERSON

    by = {f.code: f for f in spec.fields}
    lb = next((f for f in spec.fields if f.code.endswith("_XDR_LB")), None)
    if lb is None:
        return []
    p = lb.code.split("_")[0]
    out = []
    for cats, need in (((LB_PERSON,), R.PERSON), ((LB_ORG, LB_INDIVIDUAL), R.ORG)):
        names = [f.name for f in spec.fields if f.required is need]
        cond = {"const": cats[0]} if len(cats) == 1 else {"enum": list(cats)}
        out.append({"if": {"properties": {lb.name: cond}, "required": [lb.name]}, "then": {"required": names}})
    if p == "CF":
        for word, code in (("罚款", "CF_NR_FK"), ("没收", "CF_NR_WFFF"), ("暂扣|吊销", "CF_NR_ZKDX")):
            cflb = by["CF_CFLB"].name
            out.append({"if": {"properties": {cflb: {"pattern": word}}, "required": [cflb]},
                        "then": {"required": [by[code].name]}})
    shxym, gszc = by.get(f"{p}_XDR_SHXYM"), by.get(f"{p}_XDR_GSZC")
    if shxym and gszc:
        out.append({"if": {"properties": {shxym.name: {"const": "0" * 17 + "X"}}, "required": [shxym.name]},
                    "then": {"required": [gszc.name]}})
    return out


def json_schema(kind: str) -> dict:
    """JSON Schema (draft 2020-12) of one record of the kind, keyed by the Chinese headers as in the
    standard's templates: ``required`` lists the always-required fields, ``allOf`` the conditional ones
    (if/then), dates follow the standard's YYYY/MM/DD. A blank field is left out of the record.

    >>> s = json_schema("penalty")
    >>> s["$schema"], "行政处罚决定书文号" in s["required"], "证件号码" in s["required"]
    ('https://json-schema.org/draft/2020-12/schema', True, False)
    """
    from sgs_cli import __version__

    spec = BY_KIND[kind]
    doc: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:sgs-cli:schema:{kind}:{spec.standard}",
        "title": f"{spec.title}（{spec.standard}号）" if spec.standard.isdigit() else spec.title,
        "description": f"{spec.title}的一条记录；由 sgs {__version__} 从标准声明生成，空白项不出现在记录中。",
        "type": "object",
        "properties": {f.name: _property(f) for f in spec.fields},
        "required": [f.name for f in spec.fields if f.required.value == "always"],
    }
    conditions = _conditions(spec)
    if conditions:
        doc["allOf"] = conditions
    return doc
