"""When a field is required for one record: 必填 always, 法人及非法人组织/个体工商户 or 自然人 by 行政相对人类别,
条件必填 when its condition holds (处罚类别 含罚款 → 罚款金额 …). The validation rules check these (rules/required.py,
rules/amounts.py, rules/identifiers.py); the reports' 完整率 counts them (reports/decisions.py)."""

from __future__ import annotations

from sgs_cli.standard.base import Field, Required as R
from sgs_cli.standard.enums import CF_CONFISCATE, CF_FINE, CF_REVOKE, LB_INDIVIDUAL, LB_ORG, LB_PERSON

#: 条件必填 fields of a penalty → the 790 处罚类别 bucket that makes them required
PENALTY_BUCKET_REQUIRES = {"CF_NR_FK": CF_FINE, "CF_NR_WFFF": CF_CONFISCATE, "CF_NR_ZKDX": CF_REVOKE}
#: 统一社会信用代码 of a 个体工商户 without one (17 zeros and X): its 工商注册号 is then required
USCC_PLACEHOLDER = "0" * 17 + "X"
#: the kinds of requirement that depend on nothing but the field (or on the record's category, its values)
COUNTED = (R.ALWAYS, R.ORG, R.PERSON, R.CONDITIONAL)


def required_for(f: Field, category: str | None, buckets=frozenset(), text=lambda code: "") -> bool:
    """Whether field `f` must be filled in a record of 行政相对人类别 `category` (None: unknown, only 必填
    fields), 处罚类别 buckets `buckets`, and cells `text(code)`."""
    r = f.required
    if r is R.ALWAYS:
        return True
    if r is R.ORG:
        return category in (LB_ORG, LB_INDIVIDUAL)
    if r is R.PERSON:
        return category == LB_PERSON
    if r is R.CONDITIONAL:
        bucket = PENALTY_BUCKET_REQUIRES.get(f.code)
        if bucket is not None:
            return bucket in buckets
        if f.code.endswith("_XDR_GSZC"):
            return text(f.code[: -len("GSZC")] + "SHXYM") == USCC_PLACEHOLDER
    return False
