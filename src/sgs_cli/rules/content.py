"""处罚内容 must say what was decided: the penalty its 处罚类别 names.

Code: CONTENT_WITHOUT_PENALTY (warning) — 处罚内容 names none of the penalties of its 处罚类别 (e.g. “依法处罚”,
“详见处罚决定书” for 警告；罚款): the public reads 处罚内容, and 790 defines it as the decision's main content.
"""

from __future__ import annotations

from sgs_cli.findings import WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard import enums
from sgs_cli.standard.categories import cflb_buckets

CODES = declare("content", {
    "CONTENT_WITHOUT_PENALTY": Code(WARNING, "处罚内容没有写明处罚类别中的处罚", "“{name}”没有写明{categories}",
                                    "请写明处罚结果，如“警告，并处罚款人民币2000元”"),
})

#: the words by which a 处罚内容 names each 790 处罚类别 (其他: any wording)
_WORDS = enums.CATEGORY_WORDS


def check(rec: Record, ctx: SheetContext, state=None):
    text = rec.text("CF_NR")
    if not text:
        return  # REQUIRED_MISSING says so
    _, items = cflb_buckets(rec.text("CF_CFLB"))
    # only the 790 categories as the standard spells them: a 2021 category (通报批评…), a variant or
    # “其他-说明” may be worded in ways this rule cannot list
    named = [item for item, how in items if how == "ok" and item in _WORDS]
    if not named or len(named) != len(items):
        return
    if not any(word in text for b in named for word in _WORDS[b]):
        yield ctx.emit("CONTENT_WITHOUT_PENALTY", rec, "CF_NR", name="处罚内容", categories="、".join(named))


def reads(ctx: SheetContext) -> tuple:
    """The fields ``check`` reads."""
    return ("CF_NR", "CF_CFLB")


def _named(cflb: str) -> tuple | None:
    """The words of which ``check`` wants one in 处罚内容 for this 处罚类别 (None: nothing to check)."""
    _, items = cflb_buckets(cflb)
    named = [item for item, how in items if how == "ok" and item in _WORDS]
    if not named or len(named) != len(items):
        return None
    return tuple(word for b in named for word in _WORDS[b])


def _columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: the words to look for per distinct 处罚类别, a vectorised substring search per word
    over 处罚内容 (Arrow, shared with the other families); the row form only on the rows that contain none
    of their words (each yields the finding)."""
    import numpy as np
    import pandas as pd

    by_cflb, distinct = pd.factorize(np.asarray(fr.text("CF_CFLB"), dtype=object), use_na_sentinel=False)
    groups: dict = {}  # words → indices of the distinct 处罚类别 that need one of them
    for i, t in enumerate(distinct.tolist()):
        words = _named(t)
        if words is not None:
            groups.setdefault(words, []).append(i)
    if not groups:
        return []
    filled = fr.filled("CF_NR")
    suspect = np.zeros(fr.n, bool)
    for words, which in groups.items():
        rows = np.isin(by_cflb, which) & filled
        for w in words:
            if not rows.any():
                break
            rows &= ~fr.contains_word("CF_NR", w)
        suspect |= rows
    codes = reads(ctx)
    out = []
    for rec in fr.lights(np.flatnonzero(suspect).tolist(), codes):
        out.extend(check(rec, ctx))
    return out


RULE = Rule("content", CODES, row=check, reads=reads, columns=_columns)
