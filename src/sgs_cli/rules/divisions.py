"""地方编码 must be a 6-digit administrative division code (issue 26 part 4): “北京市” or a postcode (“641200”)
there is a finding, and so is a code abolished before the year of the decision. The lists and their years:
standard/divisions.py.

Codes (warnings, at the 地方编码 cell — a 2015-layout field, a known extra of 790 sheets):
DIVISION_CODE_INVALID — no division code in any year; DIVISION_CODE_ABOLISHED — a code abolished or renumbered
before the year of the decision (决定日期), with the code the area went to.
"""

from __future__ import annotations

from sgs_cli.findings import WARNING
from sgs_cli.records.record import column_letter
from sgs_cli.records.mapping import DIVISION_KEY
from sgs_cli.rules.base import Code, Rule, declare, make
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard.divisions import abolished, division_name, division_problem

CODES = declare("divisions", {
    "DIVISION_CODE_INVALID": Code(WARNING, "地方编码不是6位行政区划代码", "地方编码“{text}”不是行政区划代码：{why}",
                                  "应填6位行政区划代码（GB/T 2260），如郑州市中牟县 410122；不要填地名或邮政编码"),
    "DIVISION_CODE_ABOLISHED": Code(WARNING, "地方编码在决定作出之年已撤销",
                                    "地方编码“{text}”（{name}）{end}年已撤销或变更，{year}年作出的决定不应再用此代码",
                                    "应填决定作出时所在地的行政区划代码{successors}（民政部县级以上行政区划代码）"),
})


def check(rec: Record, ctx: SheetContext, state=None):
    col = ctx.extensions.get(DIVISION_KEY)
    if col is None:
        return
    text = rec.text(DIVISION_KEY)
    if not text:
        return
    why = division_problem(text)
    if why:
        yield make("DIVISION_CODE_INVALID", row=rec.row, column=column_letter(col), field_name="地方编码",
                   value=text, text=text, why=why)
        return
    decided = rec.dates.get(ctx.k("JDRQ"))
    year = decided.year if decided else None
    gone = abolished(text, year) if year else None
    if gone:
        successors = "、".join(division_name(c) for c in gone.successors)
        yield make("DIVISION_CODE_ABOLISHED", row=rec.row, column=column_letter(col), field_name="地方编码",
                   value=text, text=text, name=gone.name, end=gone.end, year=year,
                   successors=f"（此地现为 {successors}）" if successors else "")


def reads(ctx: SheetContext) -> tuple:
    return (DIVISION_KEY,)


def _problem(text: str, year: int | None) -> bool:
    return bool(division_problem(text) or (year and abolished(text, year)))


def _columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: each distinct (地方编码, year of the decision) judged once; the row form on the rows
    with a problem."""
    if ctx.extensions.get(DIVISION_KEY) is None or not fr.has(DIVISION_KEY):
        return []
    texts = fr.text(DIVISION_KEY)
    jd = ctx.k("JDRQ")
    if fr.date_columns is not None and jd in fr.date_columns:
        decided = fr.date_columns[jd]
    else:
        decided = [d.get(jd) for d in fr.dates] if fr.dates is not None else [None] * len(texts)
    judged: dict = {}
    out = []
    for k, (t, d) in enumerate(zip(texts, decided)):
        if not t:
            continue
        key = (t, d.year if d else None)
        bad = judged.get(key)
        if bad is None:
            bad = judged[key] = _problem(*key)
        if bad:
            out.extend(check(fr.light(k, reads(ctx)), ctx))
    return out


RULE = Rule("divisions", CODES, row=check, reads=reads, columns=_columns)
