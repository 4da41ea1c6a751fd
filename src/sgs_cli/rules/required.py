"""R1–R4: required fields by 行政相对人类别, fields that must stay empty, junk placeholders.

Codes: REQUIRED_MISSING (error), MUST_BE_EMPTY (warning), PLACEHOLDER_VALUE (error in a required
field, warning elsewhere).
"""

from __future__ import annotations

from sgs_cli.standard import FieldType, Required as R
from sgs_cli.standard.enums import LB_INDIVIDUAL, LB_ORG, LB_PERSON, PLACEHOLDERS
from sgs_cli.rules.context import Record, SheetContext

_ORGS = (LB_ORG, LB_INDIVIDUAL)


_PLACEHOLDER_MAX = max(len(p) for p in PLACEHOLDERS)


def _plan(ctx: SheetContext) -> list[tuple]:
    """Per sheet, once: (code, field, categories that need it, categories that forbid it, may hold a
    placeholder). A category of None (unknown) needs only 必填 fields."""
    plan = ctx.state.get("required_plan")
    if plan is None:
        plan = []
        for code in ctx.columns:
            f = ctx.fields.get(code)
            if f is None:
                continue
            req = f.required
            need = {None, LB_ORG, LB_INDIVIDUAL, LB_PERSON} if req is R.ALWAYS else \
                set(_ORGS) if req is R.ORG else {LB_PERSON} if req is R.PERSON else set()
            forbid = {LB_PERSON} if req in (R.ORG, R.ORG_OPTIONAL) else set(_ORGS) if req is R.PERSON else set()
            plan.append((code, f, need, forbid, f.type not in (FieldType.NUMBER, FieldType.ENUM)))
        ctx.state["required_plan"] = plan
    return plan


def _missing_text(ctx: SheetContext, f, rec: Record) -> tuple[str, str]:
    """Message and hint of REQUIRED_MISSING, built once per field and category (a column left empty in
    20,000 rows shares two strings instead of making 40,000)."""
    memo = ctx.state.setdefault("required_text", {})
    key = (f.code, rec.category, rec.category_basis)
    got = memo.get(key)
    if got is None:
        who = f"（{rec.category_phrase()}）" if f.required in (R.ORG, R.PERSON) else ""
        got = memo[key] = (f"必填项“{f.name}”未填写{who}",
                           f"请填写{f.name}：{f.hint}" if f.hint and f.hint != f.name else f"请填写{f.name}")
    return got


def check(rec: Record, ctx: SheetContext):
    cat = rec.category
    text_of = rec.text
    for code, f, need, forbid, placeholder_possible in _plan(ctx):
        text = text_of(code)
        if not text:
            if cat in need:
                yield ctx.error("REQUIRED_MISSING", rec, code, *_missing_text(ctx, f, rec))
            continue
        if placeholder_possible and len(text) <= _PLACEHOLDER_MAX and text.lower() in PLACEHOLDERS:
            if cat in need:
                yield ctx.error("PLACEHOLDER_VALUE", rec, code, f"必填项“{f.name}”填写了占位内容“{text}”",
                                f"请填写真实的{f.name}")
            else:
                yield ctx.warning("PLACEHOLDER_VALUE", rec, code, f"“{f.name}”填写了占位内容“{text}”",
                                  "选填项没有内容时请留空，不要填“无”“/”等")
            continue
        if cat in forbid:
            yield ctx.warning("MUST_BE_EMPTY", rec, code,
                              f"{rec.category_phrase()}时“{f.name}”应留空",
                              "请核对行政相对人类别，或清空该项" if rec.category_basis is None else
                              "表中没有“行政相对人类别”列，类别是推断的：请增加该列并填写，或清空该项")
