"""地方编码 must be a 6-digit administrative division code (issue 26 part 4): “北京市” or a postcode (“641200”)
there is a finding. The list and its year: standard/divisions.py.

Code: DIVISION_CODE_INVALID (warning) — at the 地方编码 cell (a 2015-layout field, a known extra of 790 sheets).
"""

from __future__ import annotations

from sgs_cli.findings import WARNING
from sgs_cli.records.record import column_letter
from sgs_cli.records.mapping import DIVISION_KEY
from sgs_cli.rules.base import Code, Rule, declare, make
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard.divisions import division_problem

CODES = declare("divisions", {
    "DIVISION_CODE_INVALID": Code(WARNING, "地方编码不是6位行政区划代码", "地方编码“{text}”不是行政区划代码：{why}",
                                  "应填6位行政区划代码（GB/T 2260），如郑州市中牟县 410122；不要填地名或邮政编码"),
})


def check(rec: Record, ctx: SheetContext, state=None):
    col = ctx.extensions.get(DIVISION_KEY)
    if col is None:
        return
    text = rec.text(DIVISION_KEY)
    why = division_problem(text) if text else None
    if why:
        yield make("DIVISION_CODE_INVALID", row=rec.row, column=column_letter(col), field_name="地方编码",
                   value=text, text=text, why=why)


def reads(ctx: SheetContext) -> tuple:
    return (DIVISION_KEY,)


def _columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: each distinct 地方编码 judged once; the row form on the rows with a problem."""
    if ctx.extensions.get(DIVISION_KEY) is None or not fr.has(DIVISION_KEY):
        return []
    texts = fr.text(DIVISION_KEY)
    bad = {t for t in set(texts) if t and division_problem(t)}
    return [f for k, t in enumerate(texts) if t in bad for f in check(fr.light(k, reads(ctx)), ctx)] if bad else []


RULE = Rule("divisions", CODES, row=check, reads=reads, columns=_columns)
