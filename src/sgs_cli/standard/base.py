"""Building blocks of the standard-as-data: a field declaration and a sheet declaration.

Every other part of sgs (header matching, pydantic models, rules, templates, reports) reads these
declarations; nothing else spells out field names or lengths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from enum import Enum


class FieldType(str, Enum):
    TEXT = "text"
    CODE = "code"  # identifiers: must stay text (18-digit codes lose digits as numbers)
    DATE = "date"
    NUMBER = "number"
    ENUM = "enum"


class Required(str, Enum):
    ALWAYS = "always"  # 必填
    OPTIONAL = "optional"  # 选填
    ORG = "org"  # 法人及非法人组织、个体工商户必填；自然人留空
    ORG_OPTIONAL = "org_optional"  # 法人及非法人组织、个体工商户选填；自然人留空
    PERSON = "person"  # 自然人必填；法人及非法人组织、个体工商户留空
    CONDITIONAL = "conditional"  # 条件必填, decided by a cross-field rule (see rules/)


REQUIRED_LABEL = {
    Required.ALWAYS: "必填",
    Required.OPTIONAL: "选填",
    Required.ORG: "法人及非法人组织、个体工商户必填，自然人留空",
    Required.ORG_OPTIONAL: "法人及非法人组织、个体工商户选填，自然人留空",
    Required.PERSON: "自然人必填，法人及非法人组织、个体工商户留空",
    Required.CONDITIONAL: "条件必填",
}


@dataclass(frozen=True)
class Field:
    code: str
    name: str  # canonical Chinese header
    type: FieldType = FieldType.TEXT
    max_len: int | None = None
    len_confirmed: bool = False  # False: the limit is UNCONFIRMED, so over-length is a warning
    required: Required = Required.OPTIONAL
    public: bool = True
    aliases: tuple[str, ...] = ()
    enum: tuple[str, ...] = ()
    identifier: str | None = None  # "uscc", "orgcode", "ric", "gs15" — checked by codes/
    hint: str = ""  # fill instruction shown in templates and fix hints
    decimals: int | None = None  # NUMBER fields: maximum decimals
    #: fields whose value this field's checks also read (cross-field rules: the category decides what is
    #: required, 证件类型 how 证件号码 is checked, 处罚类别 which amounts are due, the decision date the
    #: order of the other dates): a change of one of them may bring a finding on this field
    depends_on: tuple[str, ...] = ()
    open_enum: bool = False  # ENUM that also takes “其他-说明” (许可类别, 证件类型, 处罚类别)
    multi: str | None = None  # ENUM holding several values, separated by this (处罚类别: “；”)

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, eq=False)  # identity hash: specs are singletons
class SheetSpec:
    kind: str  # license, penalty, ledger, catalog, liaison
    standard: str  # "790", "2015", "773"
    title: str  # Chinese title of the sheet kind
    fields: tuple[Field, ...]
    # header words that, when present, identify this layout over a similar one
    markers: tuple[str, ...] = ()
    # for legacy layouts: legacy code -> 790 code it maps onto (None: dropped)
    mapping: dict[str, str | None] = field(default_factory=dict)

    def by_code(self, code: str) -> Field:
        for f in self.fields:
            if f.code == code:
                return f
        raise KeyError(code)

    @cached_property  # asked for by every header cell under every layout (records/header.py)
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.fields)
