"""决定书文号 (decision numbers): the one key a decision has whatever its spelling, the standard spelling and
what a number looks like. Every comparison of 文号 — duplicates within a sheet, across the sheets of a
workbook, across files, datasets and Dask; the reports' matching of 790 rows with ledger rows, their
duplicate counts and the choice between ledger versions — goes through :func:`doc_key`.

GB/T 9704-2012 (党政机关公文格式) 7.2.4: the year of a 发文字号 is enclosed in 六角括号 〔〕, “第” and leading zeros
are not written before the serial number. Offices also write 【2018】, [2018], (2018), （2018）, ［2018］ and
mix full- and half-width characters: the same decision.
"""

from __future__ import annotations

import re
import unicodedata

#: every bracket shape a 文号 is written with (after NFKC: （）→ (), ［］→ [], ｛｝→ {}) → the standard 〔〕
_BRACKETS = str.maketrans({c: "〔" for c in "([{【〔﹝〖「『<〈《"} | {c: "〕" for c in ")]}】〕﹞〗」』>〉》"})
_SPACE = re.compile(r"\s+")
#: the brackets a 文号's year is written in (regular-expression class bodies), the standard 〔〕 first
YEAR_OPENS, YEAR_CLOSES = r"〔(\[{【﹝〖（［｛", r"〕)\]}】﹞〗）］｝"
#: a year in a 文号 (the group of YEAR_IN_BRACKETS)
YEAR = r"((?:19|20)\d\d)"
#: the year of a 文号 in a bracket of any shape
YEAR_IN_BRACKETS = re.compile(rf"[{YEAR_OPENS}]\s*{YEAR}\s*[{YEAR_CLOSES}]")


def doc_key(text: str | None) -> str:
    """The key of a 文号: NFKC (full-width → half-width), no white space, no leading apostrophe, upper-case,
    every bracket shape → 〔〕. ``京工商海处字【2018】第1583号`` and ``京工商海处字〔2018〕第1583号`` have one key."""
    if not text:
        return ""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", str(text))).lstrip("'").upper()
    return s.translate(_BRACKETS)


def standard_spelling(text: str) -> str | None:
    """The 文号 with its year in 〔〕 when it is written in another bracket (【2018】, (2018), [2018]…), else None."""
    m = YEAR_IN_BRACKETS.search(text or "")
    if m is None or (text[m.start()] == "〔" and text[m.end() - 1] == "〕"):
        return None
    return f"{text[:m.start()]}〔{m.group(1)}〕{text[m.end():]}"


#: a decision number: some characters of an authority's abbreviation or 字, a year (in brackets or not) and a
#: serial number ending in 号 — or a licence / certificate number (letters and digits, 6 characters at least)
DECISION_NUMBER = re.compile(r"(?:19|20)\d\d.*\d+\s*号|\d+\s*号$|号\s*\d+|第\s*\d+\s*号")
_CERT_NUMBER = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_/()（）\[\]〔〕【】]{5,}")
#: words that make a cell a description (a case, a fact), not a number
DESCRIPTION_WORDS = ("未经", "违反", "违法", "擅自", "提供", "经营", "销售", "生产", "未按", "未取得", "未办理",
                     "超过", "行为", "服务", "规定", "责令", "处罚", "罚款")


def looks_like_decision_number(text: str) -> bool:
    """Whether a 文号 cell holds a number, not a description: ``京工商海处字〔2018〕第1583号``, ``豫牧（兽药）罚决字〔2018〕
    第1号``, ``JY14101220003015`` pass; ``未经备案网站提供互联网接入服务`` (a case description) does not. A cell
    with no digit at all is not a number either."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    if not any(c.isdigit() for c in s):
        return len(s) <= 2  # '' and the placeholders 空, 无, 暂无 (REQUIRED/placeholder rules speak of them)
    if DECISION_NUMBER.search(s) or _CERT_NUMBER.fullmatch(s):
        return True
    # digits but no 号 and not a plain code: a description that quotes a figure (“罚款2000元”)
    return not any(w in s for w in DESCRIPTION_WORDS)
