"""R1–R4: required fields by 行政相对人类别, fields that must stay empty, junk placeholders.

Codes: REQUIRED_MISSING (error), MUST_BE_EMPTY (warning), PLACEHOLDER_VALUE (error in a required
field, warning elsewhere).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from sgs_cli.standard import FieldType, Required as R
from sgs_cli.standard.enums import LB_INDIVIDUAL, LB_ORG, LB_PERSON, PLACEHOLDERS
from sgs_cli.findings import ERROR, WARNING
from sgs_cli.rules.base import Code, Rule, declare, ordered
from sgs_cli.rules.context import Record, SheetContext

CODES = declare("required", {
    "REQUIRED_MISSING": Code(ERROR, "必填项未填写（按行政相对人类别）", "必填项“{name}”未填写{who}", "请填写{name}",
                             variants={"described": ("必填项“{name}”未填写{who}", "请填写{name}：{what}")}),
    "MUST_BE_EMPTY": Code(WARNING, "按行政相对人类别应留空的项填了内容", "{category}时“{name}”应留空",
                          "请核对行政相对人类别，或清空该项", variants={
        "inferred": ("{category}时“{name}”应留空", "表中没有“行政相对人类别”列，类别是推断的：请增加该列并填写，或清空该项")}),
    "PLACEHOLDER_VALUE": Code(ERROR, "填了“无”“/”“-”“null”等占位内容（选填项为警告）", "必填项“{name}”填写了占位内容“{text}”",
                              "请填写真实的{name}", variants={
        "optional": ("“{name}”填写了占位内容“{text}”", "选填项没有内容时请留空，不要填“无”“/”等")}),
})

_ORGS = (LB_ORG, LB_INDIVIDUAL)


_PLACEHOLDER_MAX = max(len(p) for p in PLACEHOLDERS)


def start(ctx: SheetContext) -> dict:
    """Per sheet, once: the plan — (code, field, categories that need it, categories that forbid it, may
    hold a placeholder) of each present field (a category of None, unknown, needs only 必填 fields) — and
    the REQUIRED_MISSING texts formatted so far."""
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
    return {"plan": plan, "missing": {}}


def _missing_text(state: dict, f, rec: Record) -> tuple:
    """Params, message and hint of REQUIRED_MISSING, formatted once per field and category (a column left
    empty in 20,000 rows shares them instead of making 40,000 strings)."""
    memo = state["missing"]
    key = (f.code, rec.category, rec.category_basis)
    got = memo.get(key)
    if got is None:
        who = f"（{rec.category_phrase()}）" if f.required in (R.ORG, R.PERSON) else ""
        if f.hint and f.hint != f.name:
            params, variant = {"name": f.name, "who": who, "what": f.hint}, "described"
        else:
            params, variant = {"name": f.name, "who": who}, ""
        got = memo[key] = (params, *CODES["REQUIRED_MISSING"].render(variant, params))
    return got


def check(rec: Record, ctx: SheetContext, state: dict):
    cat = rec.category
    text_of = rec.text
    for code, f, need, forbid, placeholder_possible in state["plan"]:
        text = text_of(code)
        if not text:
            if cat in need:
                yield ctx.emit("REQUIRED_MISSING", rec, code, rendered=_missing_text(state, f, rec))
            continue
        if placeholder_possible and len(text) <= _PLACEHOLDER_MAX and text.lower() in PLACEHOLDERS:
            if cat in need:
                yield ctx.emit("PLACEHOLDER_VALUE", rec, code, name=f.name, text=text)
            else:
                yield ctx.emit("PLACEHOLDER_VALUE", rec, code, variant="optional", severity=WARNING, name=f.name,
                               text=text)
            continue
        if cat in forbid:
            yield ctx.emit("MUST_BE_EMPTY", rec, code, variant="" if rec.category_basis is None else "inferred",
                           category=rec.category_phrase(), name=f.name)


@lru_cache(maxsize=1)
def placeholder_spellings() -> frozenset:
    """Every text whose str.lower() is a placeholder: the placeholders with their ASCII letters in either
    case (no other character lower-cases to a character of a placeholder: tests/rules/test_rules_required.py
    checks all of Unicode)."""
    out: set[str] = set()
    for p in PLACEHOLDERS:
        out.update("".join(t) for t in product(*({c, c.upper()} for c in p)))
    return frozenset(s for s in out if s.lower() in PLACEHOLDERS)


def columns(fr, ctx: SheetContext, state: dict) -> list:
    """Columnar form: empty cells by Arrow byte length, the 类别 of each row as a small integer, the
    fields' need/forbid sets as lookup tables, placeholders by membership of their spellings (Arrow)."""
    import numpy as np

    cats = (None, LB_ORG, LB_INDIVIDUAL, LB_PERSON)
    cat = fr.category_codes(cats)
    out = []
    for fi, (code, f, need, forbid, placeholder_possible) in enumerate(state["plan"]):
        filled = fr.filled(code)
        needed = np.array([c in need for c in cats])[cat]
        for k in np.flatnonzero(~filled & needed).tolist():
            out.append((k, fi, 0, ctx.emit("REQUIRED_MISSING", fr.cell(k, code), code,
                                           rendered=_missing_text(state, f, _who(fr, k)))))
        placeholder = _placeholders(fr, code) if placeholder_possible else np.zeros(fr.n, bool)
        if placeholder.any():
            texts = fr.text(code)
            for k in np.flatnonzero(placeholder).tolist():
                if needed[k]:
                    f_ = ctx.emit("PLACEHOLDER_VALUE", fr.cell(k, code), code, name=f.name, text=texts[k])
                else:
                    f_ = ctx.emit("PLACEHOLDER_VALUE", fr.cell(k, code), code, variant="optional", severity=WARNING,
                                  name=f.name, text=texts[k])
                out.append((k, fi, 0, f_))
        forbidden = np.array([c in forbid for c in cats])[cat] & filled & ~placeholder
        for k in np.flatnonzero(forbidden).tolist():
            who = _who(fr, k)
            out.append((k, fi, 0, ctx.emit("MUST_BE_EMPTY", fr.cell(k, code), code,
                                           variant="" if who.category_basis is None else "inferred",
                                           category=who.category_phrase(), name=f.name)))
    return ordered(out)


def _placeholders(fr, code: str):
    """Mask of the texts that are placeholders (``text.lower() in PLACEHOLDERS``)."""
    import numpy as np

    arr = fr.texts_arrow(code)
    if arr is None:  # Python strings (a lone surrogate): the short ones looked at one by one
        texts, got = fr.text(code), np.zeros(fr.n, bool)
        lengths = fr.lengths(code)
        for k in np.flatnonzero((lengths > 0) & (lengths <= _PLACEHOLDER_MAX)).tolist():
            got[k] = texts[k].lower() in PLACEHOLDERS
        return got
    import pyarrow.compute as pc

    spellings, longest = _spellings_arrow()
    if spellings.type != arr.type:  # (an Arrow array a reader gave)
        spellings = spellings.cast(arr.type)
    size = pc.binary_length(arr).to_numpy(zero_copy_only=False)
    at = np.flatnonzero((size > 0) & (size <= longest))  # the short texts only
    got = np.zeros(fr.n, bool)
    if len(at):
        got[at] = pc.is_in(arr.take(at), value_set=spellings).to_numpy(zero_copy_only=False)
    return got


@lru_cache(maxsize=1)
def _spellings_arrow():
    """placeholder_spellings as an Arrow string array, and the UTF-8 length of the longest."""
    import pyarrow as pa

    return pa.array(sorted(placeholder_spellings()), pa.string()), max(len(p.encode()) for p in placeholder_spellings())


def _who(fr, k: int) -> Record:
    rec = Record(fr.numbers[k], {})
    rec.category, rec.category_basis = fr.category[k], fr.category_basis[k]
    return rec


RULE = Rule("required", CODES, row=check, start=start, columns=columns)
