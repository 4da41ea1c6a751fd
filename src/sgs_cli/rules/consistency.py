"""处罚类别 ↔ 处罚内容 both ways, the amounts of confiscations, and a 不予处罚 decision that imposes a penalty
(issue 26 part 2). The 790 standard defines 处罚内容 as the decision's main content and 处罚类别 as its
penalties: what one names the other must name too.

Codes (all warnings — a wording the office confirms, never a proof):
* CONTENT_PENALTY_NOT_IN_CATEGORY — 处罚内容 imposes a penalty its 处罚类别 lacks (类别 “警告”, 内容
  “警告；罚款28000元。”), on 处罚类别;
* CATEGORY_NOT_IN_CONTENT — a category 处罚内容 does not name while it names others (类别 “警告；罚款”, 内容
  “警告”), on 处罚内容 (a content naming none of them is CONTENT_WITHOUT_PENALTY, rules/content.py);
* CATEGORY_SEE_EMPTY — “其他（见处罚类别2）” without a 处罚类别2;
* NO_PENALTY_WITH_PENALTY — a 不予处罚 文号 (不罚字, 不予处罚) whose record imposes a penalty or a fine, on 文号;
* COLUMNS_SWAPPED — 处罚机关 holds a 处罚类别 (“罚款”): the two columns are swapped (浙江 template's example row);
* CONFISCATION_AMOUNT_MISMATCH — 没收违法所得、没收非法财物的金额（万元） differs from the confiscation stated in
  处罚内容 (“没收广告费1552.95元”, “没收违法所得825元”).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from sgs_cli.findings import WARNING
from sgs_cli.records.moneytext import (CONFISCATION, NO_CONFISCATION_RE2, ONE_CONFISCATION_RE2, stated_amounts,
                                      stated_yuan)
from sgs_cli.rules.amounts import column_amounts, parse_amount, stated_unsure
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard import enums
from sgs_cli.standard.categories import cflb_buckets

CODES = declare("consistency", {
    "CONTENT_PENALTY_NOT_IN_CATEGORY": Code(WARNING, "处罚内容中的处罚不在处罚类别中",
                                            "处罚内容写明了{missing}，处罚类别中没有",
                                            "请在处罚类别中加上“{missing}”（多个类别用“；”分隔），或核对处罚内容"),
    "CATEGORY_NOT_IN_CONTENT": Code(WARNING, "处罚类别中的处罚没有写入处罚内容", "处罚类别含{missing}，处罚内容没有写明",
                                    "请在处罚内容中写明{missing}（罚款、没收写明金额），或从处罚类别中删去"),
    "CATEGORY_SEE_EMPTY": Code(WARNING, "处罚类别写“见处罚类别2”但处罚类别2为空", "“{text}”，但处罚类别2没有填写",
                               "请在处罚类别2中填写具体类别，或直接填写处罚类别"),
    "NO_PENALTY_WITH_PENALTY": Code(WARNING, "不予处罚的文号却有处罚", "文号“{wsh}”是不予处罚决定，但记录有{what}",
                                    "不予处罚决定不应有处罚类别或罚款金额；请核对文号或处罚内容"),
    "CONFISCATION_AMOUNT_MISMATCH": Code(WARNING, "没收金额与处罚内容中的金额不一致",
                                         "没收金额{wffk}万元与处罚内容中没收的{yuan}元不一致",
                                         "按处罚内容应填 {wan}（单位万元）；请核对"),
    "COLUMNS_SWAPPED": Code(WARNING, "处罚机关填写的是处罚类别（两列填反）", "“处罚机关”填写的是处罚类别“{text}”",
                            "处罚机关与处罚类别两列似乎填反了：处罚类别为“{cflb}”；请对调后重新上报"),
})

#: the words by which 处罚内容 imposes each penalty — stricter than rules/content.py's: 责令改正 is no 停产停业
_IMPOSED = {
    enums.CF_WARNING: ("警告",),
    enums.CF_FINE: ("罚款", "罚金"),
    enums.CF_CONFISCATE: ("没收",),
    enums.CF_SUSPEND: ("停产停业", "责令停产", "责令停业", "停业整顿"),
    enums.CF_REVOKE: ("吊销", "暂扣"),
    enums.CF_DETENTION: ("拘留",),
}
#: the words by which 处罚内容 names a category (rules/content.py's list)
_NAMED = enums.CATEGORY_WORDS
_CLAUSE = re.compile(r"[，,。；;：:\n]")
#: a penalty word that is not imposed: negated (不予罚款, 免予处罚), quoted from the law (依据…处…罚款, 可以并处)
_NOT_IMPOSED = re.compile(r"不予|免予|免于|免除|不再|无需|未予|可以|应当|以上|以下|规定|依据|根据|《")
_NO_PENALTY_WSH = re.compile(r"不予(?:行政)?处罚|不罚")
_SEE_2 = re.compile(r"见处罚类别\s*2|见处罚类别二")


def _short(bucket: str) -> str:
    return {enums.CF_CONFISCATE: "没收", enums.CF_REVOKE: "暂扣或吊销", enums.CF_SUSPEND: "责令停产停业"}.get(bucket, bucket)


def imposed(text: str) -> set:
    """The 790 categories 处罚内容 imposes: a penalty word in a clause that neither negates it nor quotes the law."""
    out = set()
    for clause in _CLAUSE.split(text):
        if not clause or _NOT_IMPOSED.search(clause):
            continue
        for bucket, words in _IMPOSED.items():
            if any(w in clause for w in words):
                out.add(bucket)
    return out


def _standard_items(cflb: str) -> frozenset | None:
    """The categories of a 处罚类别 made only of 790 categories as written (None: a variant, a 2021 category,
    其他 or an unknown word — worded in ways these checks cannot list)."""
    buckets, items = cflb_buckets(cflb)
    if not items or any(how != "ok" for _, how in items) or enums.CF_OTHER in buckets:
        return None
    return frozenset(buckets)


@lru_cache(maxsize=1 << 12)
def _is_category(text: str) -> bool:
    """A 处罚机关 cell that holds 处罚类别 words only (“罚款”, “警告；罚款”): the two columns are swapped."""
    _, items = cflb_buckets(text)
    return bool(items) and all(how in ("ok", "variant", "2021") for _, how in items)


def check(rec: Record, ctx: SheetContext, state=None):
    if ctx.prefix != "CF":
        return
    cflb, nr = rec.text("CF_CFLB"), rec.text("CF_NR")
    cfjg = rec.text("CF_CFJG")
    if cfjg and _is_category(cfjg):
        yield ctx.emit("COLUMNS_SWAPPED", rec, "CF_CFJG", text=cfjg, cflb=cflb or "（空）")
    if cflb and _SEE_2.search(cflb) and len([i for i in cflb_buckets(cflb)[1]]) == 1:
        yield ctx.emit("CATEGORY_SEE_EMPTY", rec, "CF_CFLB", text=cflb)
    cats = _standard_items(cflb) if cflb else None
    if cats is not None and nr and "CF_NR" in ctx.columns:
        extra = imposed(nr) - cats
        if extra:
            missing = "、".join(f"“{_short(b)}”" for b in enums.CFLB_790 if b in extra)
            yield ctx.emit("CONTENT_PENALTY_NOT_IN_CATEGORY", rec, "CF_CFLB", missing=missing)
        named = {b for b in cats if any(w in nr for w in _NAMED[b])}
        if named and named != cats:
            missing = "、".join(f"“{_short(b)}”" for b in enums.CFLB_790 if b in cats - named)
            yield ctx.emit("CATEGORY_NOT_IN_CONTENT", rec, "CF_NR", missing=missing)
    wsh = rec.text("CF_WSH")
    if wsh and _NO_PENALTY_WSH.search(wsh):
        fk = _amount(rec, "CF_NR_FK")
        real = [b for b in enums.CFLB_790 if b in rec.buckets and b != enums.CF_OTHER]
        what = "、".join([f"处罚类别“{_short(b)}”" for b in real] + ([f"罚款金额{fk.normalize():f}万元"] if fk else []))
        if what:
            yield ctx.emit("NO_PENALTY_WITH_PENALTY", rec, "CF_WSH", wsh=wsh, what=what)
    yield from _confiscation(rec, ctx)


def _confiscation(rec: Record, ctx: SheetContext):
    """CONFISCATION_AMOUNT_MISMATCH, the last of check's findings (the columnar form runs it alone on the rows
    where no other check can speak)."""
    nr = rec.text("CF_NR")
    if "CF_NR_WFFF" in ctx.columns and nr:
        wffk = _amount(rec, "CF_NR_WFFF")
        if wffk:
            yuan = stated_yuan(nr, CONFISCATION)
            # “没收违法所得2600元、没收掺假花生油15桶”: goods confiscated without a stated value make the stated
            # money a lower bound of the column, not its value
            unpriced = nr.count("没收") > len([a for a in stated_amounts(nr) if a.role == CONFISCATION])
            if yuan is not None and _seized_differs(wffk, yuan, unpriced):
                yield ctx.emit("CONFISCATION_AMOUNT_MISMATCH", rec, "CF_NR_WFFF", wffk=format(wffk.normalize(), "f"),
                               yuan=format(yuan.normalize(), "f"), wan=format((yuan / 10000).normalize(), "f"))


def _seized_differs(wffk: Decimal, yuan: Decimal | None, unpriced: bool) -> bool:
    """The confiscation stated in 处罚内容 (元) is not the 没收金额 (万元) — or, with goods confiscated without a
    stated value (``unpriced``), exceeds it: CONFISCATION_AMOUNT_MISMATCH."""
    if not yuan:
        return False
    return yuan / 10000 > wffk if unpriced else yuan / 10000 != wffk


def _seized_differs_counted(wffk: Decimal, yuan: Decimal | None, many: int) -> bool:
    """_seized_differs with ``unpriced`` as stated_unsure's extra (1: 没收 more than once in 处罚内容)."""
    return _seized_differs(wffk, yuan, bool(many))


def _amount(rec: Record, code: str) -> Decimal | None:
    """A positive amount cell, or None (blank, 0 or not a number: rules/amounts.py speaks of those)."""
    try:
        v = parse_amount(rec.raw(code))
    except ValueError:
        return None
    return v if v is not None and v > 0 else None


def reads(ctx: SheetContext) -> tuple:
    return ("CF_CFLB", "CF_NR", "CF_WSH", "CF_NR_FK", "CF_NR_WFFF", "CF_CFJG")


def _any_word(fr, words: tuple):
    """Mask of the 处罚内容 texts that contain any of these plain words (each distinct text searched once)."""
    got = _word(fr, words[0])
    for w in words[1:]:
        got = got | _word(fr, w)
    return got


def _word(fr, word: str):
    """Mask (read-only, made once per frame) of the 处罚内容 texts that contain a plain word: Arrow's literal
    search over the distinct texts."""
    def make():
        distinct = fr.dictionary("CF_NR")
        if distinct is None:  # Python strings (a lone surrogate)
            return fr.contains_word("CF_NR", word)
        import pyarrow.compute as pc

        from sgs_cli.io.arrowtext import as_mask

        index, every = distinct
        got = as_mask(pc.match_substring(every, word))[index]
        got.flags.writeable = False
        return got

    return fr.memo(("consistency word", word), make)


def _columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: the row form only on the rows where one of the checks may speak — 处罚类别 naming 处罚类别2,
    a 处罚内容 naming a penalty its 处罚类别 lacks or lacking one it names, a 没收 in 处罚内容 (with the column of
    没收 amounts), a 不予处罚 文号, a 处罚机关 holding a category. Each penalty's words are looked for once per
    column (Arrow); imposed() (clauses, negations) runs only on the rows where a word of a penalty outside
    the row's 处罚类别 occurs."""
    import numpy as np
    import pandas as pd

    if ctx.prefix != "CF":
        return []
    codes = reads(ctx)
    cflb, nr, cfjg = fr.text("CF_CFLB"), fr.text("CF_NR"), fr.text("CF_CFJG")
    # (a column without 不 anywhere has no 不予处罚 文号: Frame.may_contain, one search)
    pick = fr.contains("CF_WSH", _NO_PENALTY_WSH.pattern).copy() if fr.may_contain("CF_WSH", "不") \
        else np.zeros(fr.n, bool)  # (a copy: as_mask may give a read-only array)
    swapped = {t for t in set(cfjg) if t and _is_category(t)}
    if swapped:
        pick |= np.fromiter((t in swapped for t in cfjg), bool, count=fr.n)
    filled = fr.filled("CF_NR")
    word: dict = {}  # bucket → mask of the texts with a word imposing it (made when first needed)
    named: dict = {}  # bucket → mask of the texts with a word naming it
    by_cflb, distinct = pd.factorize(np.asarray(cflb, dtype=object), use_na_sentinel=False)
    for i, c in enumerate(distinct.tolist()):
        rows = by_cflb == i
        if c and _SEE_2.search(c):
            pick |= rows
            continue
        cats = _standard_items(c) if c else None
        if cats is None:
            continue
        rows &= filled
        for b in cats:
            if b not in named:
                named[b] = _any_word(fr, _NAMED[b])
        n_named = sum(named[b].astype(np.int64) for b in cats)
        pick |= rows & (n_named > 0) & (n_named < len(cats))  # names some of its categories, not all
        other = np.zeros(fr.n, bool)
        for b, words in _IMPOSED.items():
            if b not in cats:
                if b not in word:
                    word[b] = _any_word(fr, words)
                other |= word[b]
        for k in np.flatnonzero(rows & other & ~pick).tolist():  # a word of another penalty: imposed?
            if imposed(nr[k]) - cats:
                pick[k] = True
    # a 没收 row picked for nothing else: only the confiscation amount can speak there, and only where it is
    # positive and 处罚内容 states another (each distinct pair compared once) or a spelling only moneytext reads
    seized = np.zeros(fr.n, bool)
    if "CF_NR_WFFF" in ctx.columns:
        _, at, amounts = column_amounts(fr, "CF_NR_WFFF")
        positive = np.array([a is not None and a > 0 for a in amounts], dtype=bool)[at]
        times = _count(fr, "CF_NR", "没收")
        rows = np.flatnonzero(filled & positive & (times > 0) & ~pick)
        if len(rows):
            seized[stated_unsure(fr, rows, at, amounts, ONE_CONFISCATION_RE2, NO_CONFISCATION_RE2,
                                 _seized_differs_counted,
                                 extra=(times > 1).astype(np.int64))] = True
    ks = np.flatnonzero(pick | seized).tolist()
    return [f for k, rec in zip(ks, fr.lights(ks, codes)) for f in (_confiscation if seized[k] else check)(rec, ctx)]


def _count(fr, code: str, word: str):
    """How often a plain word occurs in each text (numpy int64; each distinct text counted once)."""
    import numpy as np

    distinct = fr.dictionary(code)
    if distinct is None:  # Python strings (a lone surrogate)
        return np.fromiter((t.count(word) for t in fr.text(code)), np.int64, count=fr.n)
    import pyarrow.compute as pc

    index, every = distinct
    return pc.count_substring(every, word).to_numpy(zero_copy_only=False).astype(np.int64)[index]


RULE = Rule("consistency", CODES, row=check, reads=reads, columns=_columns)
