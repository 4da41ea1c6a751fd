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
_WORDS = {
    enums.CF_WARNING: ("警告",),
    enums.CF_FINE: ("罚款", "罚金", "罚没"),
    enums.CF_CONFISCATE: ("没收",),
    enums.CF_SUSPEND: ("停产", "停业", "责令"),
    enums.CF_REVOKE: ("暂扣", "吊销", "撤销"),
    enums.CF_DETENTION: ("拘留",),
}


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


RULE = Rule("content", CODES, row=check, reads=lambda ctx: ("CF_NR", "CF_CFLB"))
