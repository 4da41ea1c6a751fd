"""2015-layout records (records/mapping.py maps them to the 790 fields).

Code: LEGACY_STATUS_REVIEW (warning: an old 当前状态 of 撤销, 异议 or 其他 cannot be migrated as it is).
"""

from __future__ import annotations

from sgs_cli.findings import WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext, column_letter

CODES = declare("legacy", {
    "LEGACY_STATUS_REVIEW": Code(WARNING, "旧标准当前状态为撤销、异议或其他，需人工核实",
                                 "旧标准当前状态为“{word}”，不能直接迁移为790号新标准",
                                 "已撤销的处罚应撤下而不是迁移；“异议”“其他”请人工核实后再填当前状态"),
})


def check(rec: Record, ctx: SheetContext, state=None):
    if rec.review:
        code, word = rec.review
        f = ctx.emit("LEGACY_STATUS_REVIEW", rec, None, word=word)
        col = ctx.column_of(code) if ctx.column_of is not None else None
        f.column = column_letter(col) if col is not None else None
        f.field_name = "当前状态"
        yield f


def columns(frame, ctx: SheetContext, state=None) -> list:
    """The columnar engine checks 790 sheets only: no old status values there."""
    return []


RULE = Rule("legacy", CODES, row=check, columns=columns)
