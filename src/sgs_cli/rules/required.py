"""R1–R4: required fields by 行政相对人类别, fields that must stay empty, junk placeholders.

Codes: REQUIRED_MISSING (error), MUST_BE_EMPTY (warning), PLACEHOLDER_VALUE (error in a required
field, warning elsewhere).
"""

from __future__ import annotations

from ..standard import FieldType, Required as R
from ..standard.enums import LB_INDIVIDUAL, LB_ORG, LB_PERSON, PLACEHOLDERS
from .context import Record, SheetContext

_ORGS = (LB_ORG, LB_INDIVIDUAL)


def _any(f) -> bool:
    return True


def check(rec: Record, ctx: SheetContext):
    cat = rec.category
    for code, f in ctx.present(_any):
        text = rec.text(code)
        req = f.required
        needed = (req is R.ALWAYS or (req is R.ORG and cat in _ORGS) or (req is R.PERSON and cat == LB_PERSON))
        forbidden = ((req in (R.ORG, R.ORG_OPTIONAL) and cat == LB_PERSON)
                     or (req is R.PERSON and cat in _ORGS))
        if not text:
            if needed:
                who = f"（行政相对人类别为“{cat}”）" if req in (R.ORG, R.PERSON) else ""
                yield ctx.error("REQUIRED_MISSING", rec, code, f"必填项“{f.name}”未填写{who}",
                                f"请填写{f.name}：{f.hint}" if f.hint and f.hint != f.name else f"请填写{f.name}")
            continue
        if text.lower() in PLACEHOLDERS and f.type not in (FieldType.NUMBER, FieldType.ENUM):
            if needed:
                yield ctx.error("PLACEHOLDER_VALUE", rec, code, f"必填项“{f.name}”填写了占位内容“{text}”",
                                f"请填写真实的{f.name}")
            else:
                yield ctx.warning("PLACEHOLDER_VALUE", rec, code, f"“{f.name}”填写了占位内容“{text}”",
                                  "选填项没有内容时请留空，不要填“无”“/”等")
            continue
        if forbidden:
            yield ctx.warning("MUST_BE_EMPTY", rec, code,
                              f"行政相对人类别为“{cat}”时“{f.name}”应留空",
                              "请核对行政相对人类别，或清空该项")
