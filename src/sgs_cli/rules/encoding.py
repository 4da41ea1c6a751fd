"""Signs of a wrong encoding in any text (issue 26 part 4): U+FFFD replacement characters (a file decoded with
the wrong code page and saved again: “许可内容” with 29 of them passed), the GBK-of-U+FFFD “锟斤拷” and the
uninitialised-memory “烫烫烫” / “屯屯屯”, Chinese UTF-8 read as Latin-1 (“ä¸­å›½”).

Code: TEXT_MOJIBAKE (warning) — the text cannot be read back; it has to be exported again from the source.
"""

from __future__ import annotations

import re

from sgs_cli.findings import WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext

CODES = declare("encoding", {
    "TEXT_MOJIBAKE": Code(WARNING, "文字含乱码（编码错误）", "“{name}”含乱码（{what}），疑似导出或转换时编码错误",
                          "请从原系统按正确编码（UTF-8 或 GBK）重新导出，或核对原文后重填"),
})

#: the signs and how a message names them
_SIGNS = (("\ufffd", "替换字符“\ufffd”"), ("锟斤拷", "“锟斤拷”"), ("烫烫", "“烫烫”"), ("屯屯", "“屯屯”"))
_LATIN1_UTF8 = re.compile(r"[\u00e4-\u00e9][\u0080-\u00bf][\u0080-\u00bf]")  # 中 read as Latin-1: “ä¸\xad”
#: any sign of _what at all, for RE2 and Python's re alike (literal characters, no escapes): the columnar
#: form's one Arrow pass per column
_ANY_SIGN = "|".join([*(sign for sign, _ in _SIGNS), "[\u00e4-\u00e9][\u0080-\u00bf][\u0080-\u00bf]"])
#: what a column with any sign holds (Frame.may_contain): the first character of a sign, or for Latin-1 a
#: character U+0080–U+00BF, whose UTF-8 starts with the byte C2
_SIGN_FIRSTS, _LATIN1_LEAD = "".join(sign[0] for sign, _ in _SIGNS), "\u0080".encode()[:1]


def _what(text: str) -> str | None:
    for sign, name in _SIGNS:
        if sign in text:
            n = text.count(sign)
            return f"{n}个{name}" if sign == "\ufffd" else name
    if _LATIN1_UTF8.search(text):
        return "按 Latin-1 读出的中文"
    return None


def check(rec: Record, ctx: SheetContext, state=None):
    for code, f in ctx.present(_any):
        text = rec.text(code)
        if text:
            what = _what(text)
            if what:
                yield ctx.emit("TEXT_MOJIBAKE", rec, code, name=f.name, what=what)


def _any(f) -> bool:
    return True


def _columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: one regular-expression pass per column over the normalised texts (Arrow; Python's re
    on texts Arrow cannot hold), in the columns a search of the whole column says may hold a sign, finds the
    rows where some column has a sign; the row form runs on those
    rows only (it yields their findings in field order)."""
    import numpy as np

    codes = tuple(c for c, _ in ctx.present(_any) if fr.has(c))
    hit = np.zeros(fr.n, bool)
    for c in codes:
        if fr.may_contain(c, _SIGN_FIRSTS, _LATIN1_LEAD):
            hit |= fr.contains(c, _ANY_SIGN)
    return [f for rec in fr.lights(np.flatnonzero(hit).tolist(), codes) for f in check(rec, ctx)]


RULE = Rule("encoding", CODES, row=check, columns=_columns)
