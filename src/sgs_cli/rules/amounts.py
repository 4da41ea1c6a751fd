"""Penalty amounts and the fields that 处罚类别 makes mandatory (R6–R8).

Codes: FINE_AMOUNT_REQUIRED, CONFISCATION_AMOUNT_REQUIRED, REVOKED_LICENCE_REQUIRED (errors);
AMOUNT_INVALID, AMOUNT_NOT_POSITIVE, AMOUNT_DECIMALS (errors); FINE_UNIT_MISMATCH (warning: the
amount was entered in 元, e.g. “罚款2000元” with 2000 instead of 0.2); FINE_AMOUNT_MISMATCH (warning:
处罚内容 states another amount); FINE_WITHOUT_CATEGORY (warning).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sgs_cli.records.moneytext import FINE, NO_FINE_RE2, ONE_FINE_RE2, amount_cell_in_wan, re2_yuan, stated_yuan
from sgs_cli.standard.enums import CF_CONFISCATE, CF_FINE, CF_REVOKE
from sgs_cli.standard.requirements import PENALTY_BUCKET_REQUIRES as _NEEDS
from sgs_cli.io.cells import cell_text
from sgs_cli.findings import ERROR, WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext

_AMOUNT_HINT = "请填写金额，单位为万元（2000元填0.2）"
CODES = declare("amounts", {
    "FINE_AMOUNT_REQUIRED": Code(ERROR, "处罚类别含罚款但罚款金额未填", "处罚类别含“罚款”，但“{name}”未填写", _AMOUNT_HINT),
    "CONFISCATION_AMOUNT_REQUIRED": Code(ERROR, "处罚类别含没收但没收金额未填",
                                         "处罚类别含“没收违法所得、没收非法财物”，但“{name}”未填写", _AMOUNT_HINT),
    "REVOKED_LICENCE_REQUIRED": Code(ERROR, "处罚类别含暂扣/吊销但证照名称及编号未填",
                                     "处罚类别含暂扣或吊销，但“暂扣或吊销证照名称及编号”未填写", "请填写被暂扣或吊销的证照名称及编号"),
    "AMOUNT_INVALID": Code(ERROR, "金额不是数字", "“{name}”不是数字", "请只填数字，单位为万元（如 0.2）",
                           variants={"wan": ("“{name}”不是数字", "请只填数字，单位为万元：应填 {wan}")}),
    "AMOUNT_NOT_POSITIVE": Code(ERROR, "金额应大于0", "“{name}”应大于0", "请填写实际金额，单位为万元"),
    "AMOUNT_DECIMALS": Code(ERROR, "金额超过6位小数", "“{name}”最多6位小数", "单位为万元，精确到0.01元即6位小数"),
    "FINE_UNIT_MISMATCH": Code(WARNING, "罚款金额按元填写（应为万元）", "罚款金额单位应为万元：处罚内容为{yuan}元，金额却填了{fk}",
                               "应填 {wan}"),
    "FINE_AMOUNT_MISMATCH": Code(WARNING, "罚款金额与处罚内容中的金额不一致", "罚款金额{fk}万元与处罚内容中的{yuan}元不一致",
                                 "按处罚内容应填 {wan}（万元），请核对"),
    "FINE_WITHOUT_CATEGORY": Code(WARNING, "填了罚款金额但处罚类别不含罚款", "填写了罚款金额，但处罚类别不含“罚款”",
                                  "请在处罚类别中加上“罚款”，或清空罚款金额"),
})

def parse_amount(v) -> Decimal | None:
    if v is None or v == "":
        return None
    if type(v) in (int, float):
        # 15 significant digits, as Excel shows and keeps: 987.65/10000 stored as 0.09876499999999999 is 0.098765
        d = Decimal(f"{v:.15g}") if type(v) is float else Decimal(v)
        if not d.is_finite():
            raise ValueError(repr(v))
        return d
    s = cell_text(v).strip().replace(",", "").replace("，", "")
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError(s) from None
    if not d.is_finite():
        raise ValueError(s)
    return d


def _too_precise(amount: Decimal) -> bool:
    """More than 6 decimals of 万元 (finer than 0.01 元): AMOUNT_DECIMALS."""
    exp = amount.normalize().as_tuple().exponent
    return isinstance(exp, int) and -exp > 6


def stated_fine_yuan(text: str) -> Decimal | None:
    """The fine stated in 处罚内容 in 元 (“罚款2000元”, “处罚款贰万元整”, “罚款:8.0（万元）”), if one amount is
    stated for the fine (see moneytext)."""
    return stated_yuan(text, FINE)


def check(rec: Record, ctx: SheetContext, state=None):
    if ctx.prefix != "CF":
        return
    buckets = rec.buckets
    needs = (("CF_NR_FK", _NEEDS["CF_NR_FK"], "FINE_AMOUNT_REQUIRED"),
             ("CF_NR_WFFF", _NEEDS["CF_NR_WFFF"], "CONFISCATION_AMOUNT_REQUIRED"))
    amounts = {}
    for code, bucket, req_code in needs:
        if code not in ctx.columns:
            continue
        name = ctx.fields[code].name
        try:
            amount = parse_amount(rec.raw(code))
        except ValueError:
            wan = amount_cell_in_wan(rec.text(code))
            yield ctx.emit("AMOUNT_INVALID", rec, code, name=name) if wan is None else \
                ctx.emit("AMOUNT_INVALID", rec, code, variant="wan", name=name, wan=format(wan, "f"))
            continue
        amounts[code] = amount
        if amount is None:
            if bucket in buckets:
                yield ctx.emit(req_code, rec, code, name=name)
            continue
        if amount <= 0 and bucket in buckets:
            yield ctx.emit("AMOUNT_NOT_POSITIVE", rec, code, name=name)
        if _too_precise(amount):
            yield ctx.emit("AMOUNT_DECIMALS", rec, code, name=name)
        if code == "CF_NR_FK" and amount > 0 and CF_FINE not in buckets and rec.text("CF_CFLB"):
            yield ctx.emit("FINE_WITHOUT_CATEGORY", rec, code)
    fk = amounts.get("CF_NR_FK")
    if fk is not None and fk > 0 and "CF_NR" in ctx.columns:
        yuan = stated_fine_yuan(rec.text("CF_NR"))
        if yuan is not None and _fine_differs(fk, yuan):
            wan = (yuan / 10000).normalize()
            if yuan == fk:
                yield ctx.emit("FINE_UNIT_MISMATCH", rec, "CF_NR_FK", yuan=format(yuan.normalize(), "f"),
                               fk=format(fk.normalize(), "f"), wan=format(wan, "f"))
            else:
                yield ctx.emit("FINE_AMOUNT_MISMATCH", rec, "CF_NR_FK", fk=format(fk.normalize(), "f"),
                               yuan=format(yuan.normalize(), "f"), wan=format(wan, "f"))
    if "CF_NR_ZKDX" in ctx.columns and _NEEDS["CF_NR_ZKDX"] in buckets and not rec.text("CF_NR_ZKDX"):
        yield ctx.emit("REVOKED_LICENCE_REQUIRED", rec, "CF_NR_ZKDX")


def reads(ctx: SheetContext) -> tuple:
    """The fields ``check`` reads."""
    return ("CF_NR_FK", "CF_NR_WFFF", "CF_NR", "CF_CFLB", "CF_NR_ZKDX")


_BLANK, _SUSPECT, _POSITIVE, _NOT_POSITIVE = range(4)


#: what _amount_class made of a cell, by (type, cell): amounts repeat from frame to frame (bounded: cleared
#: when full)
_CLASSED: dict = {}


def _amount_class(v) -> tuple:
    """(class, amount) of one cell as ``check`` sees it: _SUSPECT when it yields a finding whatever the
    处罚类别 (not a number, more than 6 decimals); each distinct cell judged once per process."""
    key = (type(v), v)
    try:
        return _CLASSED[key]
    except (KeyError, TypeError):  # (TypeError: an unhashable cell)
        pass
    got = _judge_amount(v)
    if len(_CLASSED) >= 1 << 16:
        _CLASSED.clear()
    try:
        _CLASSED[key] = got
    except TypeError:
        pass
    return got


def _judge_amount(v) -> tuple:
    try:
        amount = parse_amount(v)
    except ValueError:
        return _SUSPECT, None
    if amount is None:
        return _BLANK, None
    if _too_precise(amount):
        return _SUSPECT, amount
    return (_POSITIVE if amount > 0 else _NOT_POSITIVE), amount


def amount_classes(values: list) -> tuple:
    """(class per cell as a numpy array, index per cell into the distinct amounts, the distinct amounts):
    each distinct cell — told by its value and its type (True == 1 == 1.0, None and NaN are apart) —
    judged once (vectorised factorising)."""
    import numpy as np
    import pandas as pd

    n = len(values)
    if not n:
        return np.zeros(0, np.int8), np.zeros(0, np.int64), []
    cells = np.empty(n, dtype=object)
    cells[:] = values
    by_value, _ = pd.factorize(cells, use_na_sentinel=False)
    by_type, types = pd.factorize(np.fromiter(map(type, values), dtype=object, count=n))
    _, first, at = np.unique(by_value.astype(np.int64) * len(types) + by_type, return_index=True,
                             return_inverse=True)
    judged = [_amount_class(values[k]) for k in first.tolist()]
    at = at.reshape(-1).astype(np.int64, copy=False)
    return np.array([kind for kind, _ in judged], dtype=np.int8)[at], at, [amount for _, amount in judged]


def column_amounts(fr, code: str) -> tuple:
    """amount_classes of a column of the frame, made once per frame (amounts and consistency read the
    没收 amounts both)."""
    return fr.memo(("amount_classes", code), lambda: amount_classes(fr.raw(code)))


def _bucket_masks(fr, buckets: tuple) -> dict:
    """Per bucket, the mask of the rows whose 处罚类别 has it (each distinct bucket set looked at once)."""
    return {bucket: fr.each_distinct(fr.buckets, lambda b, bucket=bucket: bucket in b, bool) for bucket in buckets}


def stated_unsure(fr, rows, cell_at, cell_amounts: list, one_re2: str, no_re2: str, differs, extra=None):
    """Of the given positions (a positive amount cell), those whose 处罚内容 the row form must read for the
    amount of one role: its spelling not certain for the vectorised patterns (``one_re2`` reads one amount
    of the role, ``no_re2`` says there is none; moneytext decides the rest), or one amount stated for which
    ``differs(cell amount, stated yuan[, extra])`` holds — each distinct combination of cell amount,
    stated digits (and ``extra``, a small int per position) judged once, with moneytext's arithmetic."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from sgs_cli.io.arrowtext import as_mask

    distinct = fr.dictionary("CF_NR")
    if distinct is None:  # Python strings (a lone surrogate): the row form decides
        return rows
    # each distinct 处罚内容 of these rows searched once
    index, every = distinct
    which, at = np.unique(index[rows], return_inverse=True)
    at = at.reshape(-1)
    arr = every.take(pa.array(which))
    got = pc.extract_regex(arr, one_re2)
    one_distinct = got.is_valid().to_numpy(zero_copy_only=False)  # a struct's fields hold "" where it did not match
    one = one_distinct[at]
    unsure = ~one
    if not one_distinct.all():
        unsure &= ~as_mask(pc.match_substring_regex(arr, no_re2))[at]
    if one.any():
        num = got.field("num")
        stated = pc.binary_join_element_wise(num, got.field("wan"), pa.scalar("", num.type)).dictionary_encode()
        texts = stated.dictionary.to_pylist()
        width = 1 if extra is None else int(extra.max(initial=0)) + 1
        key = (cell_at[rows[one]] * len(texts) + stated.indices.to_numpy(zero_copy_only=False)[at][one]) * width
        if extra is not None:
            key += extra[rows[one]]
        keys, inverse = np.unique(key, return_inverse=True)
        differ = np.array([_stated_differs(cell_amounts[key // width // len(texts)], texts[key // width % len(texts)],
                                           differs, None if extra is None else key % width)
                           for key in keys.tolist()], dtype=bool)
        unsure[np.flatnonzero(one)[differ[inverse.reshape(-1)]]] = True
    return rows[unsure]


#: what _stated_differs gave, by (differs, cell amount, stated digits, extra): the same amounts and texts repeat
#: from frame to frame (bounded: cleared when full); ``differs`` compares numbers only, so equal amounts
#: (0.5 and 0.50) give the same answer
_DIFFERS: dict = {}


def _stated_differs(amount: Decimal, stated: str, differs, extra) -> bool:
    """``differs`` of a cell amount and the stated digits (then 万 or nothing) in 元."""
    key = (differs, amount, stated, extra)
    got = _DIFFERS.get(key)
    if got is None:
        if len(_DIFFERS) >= 1 << 16:
            _DIFFERS.clear()
        got = _DIFFERS[key] = _differs_now(amount, stated, differs, extra)
    return got


def _differs_now(amount: Decimal, stated: str, differs, extra) -> bool:
    yuan = re2_yuan(stated.rstrip("万"), "万" if stated.endswith("万") else "")
    return differs(amount, yuan) if extra is None else differs(amount, yuan, extra)


def _fine_differs(fk: Decimal, yuan: Decimal) -> bool:
    """The fine stated in 处罚内容 (元) is not the 罚款金额 (万元): FINE_UNIT_MISMATCH or FINE_AMOUNT_MISMATCH."""
    return yuan / 10000 != fk


def _columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: each distinct amount cell classified once, the 处罚类别 conditions as masks, the
    fine stated in 处罚内容 read by a vectorised regex where its spelling is certain; the row form only on
    the rows that may yield a finding (and on those whose 处罚内容 only moneytext can read)."""
    if ctx.prefix != "CF":
        return []
    import numpy as np

    suspect = np.zeros(fr.n, dtype=bool)
    has = _bucket_masks(fr, (CF_FINE, CF_CONFISCATE, CF_REVOKE))
    fk = None
    for code, bucket in (("CF_NR_FK", _NEEDS["CF_NR_FK"]), ("CF_NR_WFFF", _NEEDS["CF_NR_WFFF"])):
        if code not in ctx.columns:
            continue
        kind, at, amounts = column_amounts(fr, code)
        inside = has[bucket]
        suspect |= (kind == _SUSPECT) | (((kind == _BLANK) | (kind == _NOT_POSITIVE)) & inside)
        if code == "CF_NR_FK":
            positive = kind == _POSITIVE
            suspect |= positive & ~inside & fr.filled("CF_CFLB")
            fk = (at, amounts, positive)
    if fk is not None and "CF_NR" in ctx.columns:
        at, amounts, positive = fk
        rows = np.flatnonzero(positive & ~suspect)
        if len(rows):
            suspect[stated_unsure(fr, rows, at, amounts, ONE_FINE_RE2, NO_FINE_RE2, _fine_differs)] = True
    if "CF_NR_ZKDX" in ctx.columns:
        suspect |= has[CF_REVOKE] & ~fr.filled("CF_NR_ZKDX")
    codes, out = reads(ctx), []
    for rec in fr.lights(np.flatnonzero(suspect).tolist(), codes):
        out.extend(check(rec, ctx, state))
    return out


RULE = Rule("amounts", CODES, row=check, reads=reads, columns=_columns)
