"""决定书文号 as written: the year in the standard 〔〕, and a number rather than a description.

Codes: WSH_BRACKET (warning) — the year is in 【】, [], (), （） or ［］ (GB/T 9704: 〔〕); the same decision keys
the same either way (standard/docno.doc_key), the hint gives the standard spelling. WSH_NOT_A_NUMBER
(warning) — the cell holds a description (“未经备案网站提供互联网接入服务”), not an authority's 字, year and 号.
"""

from __future__ import annotations

from sgs_cli.findings import WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard.docno import (DECISION_NUMBER, YEAR, YEAR_CLOSES, YEAR_IN_BRACKETS, YEAR_OPENS,
                                   looks_like_decision_number, standard_spelling)
from sgs_cli.io.cells import re2

CODES = declare("docno", {
    "WSH_BRACKET": Code(WARNING, "文号年份未用六角括号〔〕", "“{name}”的年份写在“{bracket}”中",
                        "应为“{standard}”（GB/T 9704：年份用六角括号〔〕）"),
    "WSH_NOT_A_NUMBER": Code(WARNING, "文号栏填写的不是决定书文号", "“{name}”填写的不像决定书文号（应为机关代字、年份和序号，如“X市监罚〔2019〕12号”）",
                             "请填写决定书的文号；案件描述请填入违法行为类型或违法事实"),
})


def check(rec: Record, ctx: SheetContext, state=None):
    code = ctx.k("WSH")
    text = rec.text(code)
    if not text:
        return
    name = ctx.fields[code].name
    fixed = standard_spelling(text)
    m = YEAR_IN_BRACKETS.search(text) if fixed is not None else None
    if fixed is not None and m is not None:  # a spelling to fix is one with the year in brackets
        yield ctx.emit("WSH_BRACKET", rec, code, name=name, bracket=text[m.start()] + text[m.end() - 1],
                       standard=fixed)
    elif not looks_like_decision_number(text):
        yield ctx.emit("WSH_NOT_A_NUMBER", rec, code, name=name)


def reads(ctx: SheetContext) -> tuple:
    return (ctx.k("WSH"),)


#: RE2 (validation/columnar.re2) of the 文号 the row form passes without a word: a decision number
#: (looks_like_decision_number says yes to any text DECISION_NUMBER finds in), and of the texts that may hold
#: a year in a bracket other than 〔〕 (a superset of those standard_spelling rewrites: the year of its first
#: bracket pair with an opening or a closing bracket that is not the standard one)
_NUMBER_RE2 = re2(DECISION_NUMBER.pattern)
_YEAR = "(?:" + YEAR[1:]  # no group (pandas warns of one on the Python path of Frame.contains)
_ODD_YEAR_RE2 = re2(rf"[{YEAR_OPENS[1:]}]\s*{_YEAR}\s*[{YEAR_CLOSES}]|[{YEAR_OPENS}]\s*{_YEAR}\s*[{YEAR_CLOSES[1:]}]")


def _columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: two RE2 passes over the 文号 column pick the texts that are not plainly a decision
    number or that may have a year in another bracket; the row form runs on those rows only (it yields
    their findings)."""
    import numpy as np

    code = ctx.k("WSH")
    look = fr.filled(code) & (~fr.contains(code, _NUMBER_RE2) | fr.contains(code, _ODD_YEAR_RE2))
    codes = reads(ctx)
    return [f for rec in fr.lights(np.flatnonzero(look).tolist(), codes) for f in check(rec, ctx)]


RULE = Rule("docno", CODES, row=check, reads=reads, columns=_columns)
