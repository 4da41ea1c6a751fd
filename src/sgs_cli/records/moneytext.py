"""Amounts of money as decisions write them in 处罚内容: Arabic (“罚款2,000元”, “罚款人民币1.5万元”,
“罚款:8.0（万元）”, “￥30000”), Chinese capitals (“处罚款贰万元整”, “罚款（大写），人民币伍拾肆万元整”) and lower-case
numerals (“罚款两千元”, “罚款一万五千元”), with 角/分, several amounts in one text (罚款 and 没收违法所得 kept
apart) and the 大写 amount repeated in 小写 (“人民币壹万伍仟元整（￥15000）”).

The Chinese numerals themselves are converted by the maintained ``cn2an`` library (imported only when a
text has Chinese numerals); this module finds the amounts, their unit and what they are for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation

FINE, CONFISCATION = "fine", "confiscation"

_CN_DIGITS = "零〇○一二两三四五六七八九壹贰貳叁參叄肆伍陆陸柒捌玖"
_CN_UNITS = "十百千万亿拾佰仟萬億"
_CN = f"[{_CN_DIGITS}{_CN_UNITS}]+"
_AR = r"\d[\d,，]*(?:\.\d+)?"
_UNIT, _YEN = "元圆", "￥¥"  # the unit after an amount; the sign before one
# a number (Arabic, possibly with Chinese units as in “5千”, “1.5万”; or Chinese), then the unit 元/圆,
# possibly in brackets (“8.0（万元）”), then optional 角/分 and 整; or ￥/¥ and a number
_AMOUNT = re.compile(
    rf"(?P<yen>[{_YEN}]\s*(?P<ynum>{_AR})(?:\s*元)?)"
    rf"|(?P<num>{_AR}\s*[{_CN_UNITS}]*|{_CN})\s*(?P<open>[(（]\s*)?(?P<wan>[万萬])?\s*(?P<unit>[{_UNIT}])\s*[)）]?"
    rf"(?:(?P<jiao>[{_CN_DIGITS}\d])角)?(?:(?P<fen>[{_CN_DIGITS}\d])分)?整?"
)
# the legal range cited from the law (“处一万元以上十万元以下罚款”) and per-day or per-unit amounts are not the fine
_RANGE_AFTER = re.compile(r"\s*(?:以上|以下|以内|至|到|[~～\-－—]|/|每|的\d*倍)")
_RANGE_BEFORE = re.compile(r"(?:至|到|[~～\-－—]|超过|不足|低于|高于|每日|每天|货值金额|价值|标准)\s*(?:人民币)?\s*$")
_KEYWORDS = re.compile(r"罚款|罚金|没收|违法所得|非法财物")
# the amount before its word: “处1万元罚款”, “处以人民币5000元的罚款”
_FINE_AFTER = re.compile(r"\s*(?:的)?\s*(?:罚款|罚金)")
_CLAUSE = re.compile(r"[。；;\n]")
# what may stand between an amount and its repetition (“人民币伍仟元整（小写：¥5000.00元）”)
_REPEAT_GAP = re.compile(r"^[\s(（\[【]*(?:即|小写|大写|人民币|[:：])*[\s:：]*$")
_TOTAL = re.compile(r"(?:合计|共计|总计|累计)[^。；;]{0,6}$")
_CN_DIGIT_VALUE = {c: i for i, s in enumerate(("零〇○", "一壹", "二两贰貳", "三叁參叄", "四肆", "五伍", "六陆陸",
                                               "七柒", "八捌", "九玖")) for c in s}

# The 处罚内容 texts whose one fine the columnar form of rules/amounts.py reads with certainty, as RE2
# patterns for Arrow (normalised text): “；”-separated (“;” once normalised) clauses, one of them ending
# “罚款[人民币]N[万]元” with no amount before it, the others without an amount (no unit, no sign) or
# “没收违法所得N元” (an amount for another role); anything else goes to stated_yuan. Written here, beside
# the reading they must agree with (tests/records/test_moneytext_re2.py proves stated_yuan gives the
# same fine on every text they match).
_NUM_RE2 = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_OTHER_RE2 = rf"(?:没收违法所得[0-9]+(?:\.[0-9]+)?元|[^{_UNIT}{_YEN}；;]*)"
#: one fine stated: groups ``num`` (digits) and ``wan`` ("万" or "")
ONE_FINE_RE2 = (rf"^(?:{_OTHER_RE2}[；;])*[^{_UNIT}{_YEN}；;]*罚款(?:人民币)?(?P<num>{_NUM_RE2})(?P<wan>万?)元"
                rf"(?:[；;]{_OTHER_RE2})*。?$")
#: no fine stated
NO_FINE_RE2 = rf"^{_OTHER_RE2}(?:[；;]{_OTHER_RE2})*。?$"
# The same for the confiscation (rules/consistency.py's columnar form): one clause “…没收违法所得N[万]元”,
# the others without an amount or “罚款[人民币]N[万]元” (an amount for another role)
_NOT_SEIZED_RE2 = rf"(?:罚款(?:人民币)?{_NUM_RE2}万?元|[^{_UNIT}{_YEN}；;]*)"
#: one confiscation stated: groups ``num`` (digits) and ``wan`` ("万" or "")
ONE_CONFISCATION_RE2 = (rf"^(?:{_NOT_SEIZED_RE2}[；;])*[^{_UNIT}{_YEN}；;]*没收违法所得(?P<num>{_NUM_RE2})(?P<wan>万?)元"
                        rf"(?:[；;]{_NOT_SEIZED_RE2})*。?$")
#: no confiscation stated
NO_CONFISCATION_RE2 = rf"^{_NOT_SEIZED_RE2}(?:[；;]{_NOT_SEIZED_RE2})*。?$"


def re2_yuan(num: str, wan: str) -> Decimal:
    """The amount in 元 of a text ONE_FINE_RE2 or ONE_CONFISCATION_RE2 matched, from its groups."""
    yuan = Decimal(num.replace(",", ""))
    return yuan * 10**4 if wan else yuan


@dataclass(frozen=True)
class StatedAmount:
    yuan: Decimal
    role: str | None  # FINE, CONFISCATION or None (an amount of something else)
    start: int
    end: int
    total: bool = False  # preceded by 合计/共计


def _cn_to_int(s: str) -> int | None:
    import cn2an  # noqa: PLC0415 — 0.1 s to import, only needed for Chinese numerals

    s = s.replace("〇", "零").replace("○", "零").replace("貳", "贰").replace("參", "叁").replace("叄", "叁") \
        .replace("陸", "陆").replace("萬", "万").replace("億", "亿")
    if all(c in _CN_DIGIT_VALUE for c in s) and len(s) > 1:  # digit by digit: “二〇〇〇”
        return int("".join(str(_CN_DIGIT_VALUE[c]) for c in s))
    try:
        v = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return int(v) if float(v).is_integer() else None


def _number(text: str) -> Decimal | None:
    """“2,000” → 2000; “1.5万” → 15000; “5千” → 5000; “贰万” → 20000."""
    text = text.replace(",", "").replace("，", "").replace(" ", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([十百千万亿拾佰仟萬億]*)", text)
    if m:
        try:
            d = Decimal(m.group(1))
        except InvalidOperation:
            return None
        scale = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10**4, "萬": 10**4,
                 "亿": 10**8, "億": 10**8}
        for u in m.group(2):
            d *= scale[u]
        return d
    n = _cn_to_int(text)
    return None if n is None else Decimal(n)


def _digit(c: str | None) -> int:
    if not c:
        return 0
    return int(c) if c.isdigit() else _CN_DIGIT_VALUE.get(c, 0)


def _role(before: str) -> str | None:
    last = None
    for m in _KEYWORDS.finditer(before):
        last = m.group()
    if last is None:
        return None
    return FINE if last in ("罚款", "罚金") else CONFISCATION


def stated_amounts(text: str) -> list[StatedAmount]:
    """Every amount of money stated in ``text`` (as _stated, as a new list)."""
    return list(_stated(text)) if text else []


@lru_cache(maxsize=1 << 15)  # a 处罚内容 is read by amounts and consistency, twice there (a frame: 20,000 rows)
def _stated(text: str) -> tuple[StatedAmount, ...]:
    """Every amount of money stated in ``text``, in 元, with what it is for (the nearest preceding 罚款 /
    没收 / 违法所得 in the same clause). A repetition of the previous amount in brackets (大写 then 小写) is
    not counted twice; amounts of the law's range (“一万元以上十万元以下”) are skipped."""
    if not text:
        return ()
    out: list[StatedAmount] = []
    prev_end = 0
    for m in _AMOUNT.finditer(text):
        if m.group("yen"):
            value = _number(m.group("ynum"))
        else:
            value = _number(m.group("num").strip())
            if value is not None and m.group("wan"):
                value *= 10000
            if value is not None and (m.group("jiao") or m.group("fen")):
                value += Decimal(_digit(m.group("jiao"))) / 10 + Decimal(_digit(m.group("fen"))) / 100
        if value is None:
            continue
        if _RANGE_AFTER.match(text, m.end()) or _RANGE_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            prev_end = m.end()
            continue
        gap = text[prev_end:m.start()]
        if out and out[-1].end == prev_end and _REPEAT_GAP.match(gap):
            if out[-1].yuan == value:  # 小写 repeating the 大写
                prev_end = m.end()
                continue
        clause_start = prev_end
        for b in _CLAUSE.finditer(text, prev_end, m.start()):
            clause_start = b.end()
        window = text[max(clause_start, m.start() - 40):m.start()]
        role = _role(window)
        if role is None and _FINE_AFTER.match(text, m.end()):  # “处1万元罚款”, “处以5000元的罚款”
            role = FINE
        out.append(StatedAmount(value, role, m.start(), m.end(), bool(_TOTAL.search(window))))
        prev_end = m.end()
    return tuple(out)


def stated_yuan(text: str, role: str = FINE) -> Decimal | None:
    """The one amount (in 元) that ``text`` states for ``role``: the same value however often it is
    repeated, or the 合计/共计 amount; None when no amount or several different ones are stated."""
    found = [a for a in _stated(text) if a.role == role]
    totals = {a.yuan for a in found if a.total}
    if len(totals) == 1:
        return totals.pop()
    values = {a.yuan for a in found}
    return values.pop() if len(values) == 1 else None


def amount_cell_in_wan(text: str) -> Decimal | None:
    """A 罚款金额 cell written as text with a unit (“贰万元”, “2000元”, “0.2万元”): the value in 万元, for the
    fix hint of a cell that is not a bare number."""
    found = stated_amounts(text)
    if len(found) != 1 or not found[0].yuan:
        return None
    return (found[0].yuan / 10000).normalize()
