"""Normalisation of text cells, reported, never silently fixed (a silent fix hides a source-system bug).

Codes (info): TEXT_WHITESPACE (leading/trailing spaces or line breaks in a name or short text),
TEXT_FULLWIDTH (full-width letters or digits such as “９１” or “ＡＢ”). Codes are covered by
identifiers.CODE_NORMALIZED instead.
"""

from __future__ import annotations

import re

from sgs_cli.standard import FieldType
from sgs_cli.findings import INFO
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.rules.base import ordered

CODES = declare("normalization", {
    "TEXT_WHITESPACE": Code(INFO, "文字含首尾空格或换行", "“{name}”含首尾空格或换行", "请删除多余的空格和换行"),
    "TEXT_FULLWIDTH": Code(INFO, "文字含全角字母或数字", "“{name}”含全角字母或数字", "请改为半角字母、数字"),
})

_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")


def _plain_text(f) -> bool:
    return f.type in (FieldType.TEXT, FieldType.ENUM)


def check(rec: Record, ctx: SheetContext, state=None):
    for code, f in ctx.present(_plain_text):
        v = rec.raw(code)
        if type(v) is not str or not v:
            continue
        if v != v.strip() or (("\n" in v or "\r" in v) and (f.max_len or 0) <= 200):
            yield ctx.emit("TEXT_WHITESPACE", rec, code, name=f.name)
        if _FULLWIDTH_ALNUM.search(v):
            yield ctx.emit("TEXT_FULLWIDTH", rec, code, name=f.name)


def _flags(v: str, multiline_limit: bool) -> tuple[bool, bool]:
    return (v != v.strip() or (("\n" in v or "\r" in v) and multiline_limit)), bool(_FULLWIDTH_ALNUM.search(v))


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: only the cells the frame found unusual (Frame.unusual: white space at an edge, a line
    break or a character that may change, such as a full-width letter or digit) are looked at, one by one."""
    out = []
    for fi, (code, f) in enumerate(ctx.present(_plain_text)):
        if not fr.has(code):
            continue
        short = (f.max_len or 0) <= 200
        at = fr.unusual(code).tolist()
        for k, v in zip(at, fr.raw_at(code, at)):  # (a CSV column: those cells taken from Arrow)
            if type(v) is not str or not v:
                continue
            flags = _flags(v, short)
            if flags[0]:
                out.append((k, fi, 0, ctx.emit("TEXT_WHITESPACE", fr.cell(k, code), code, name=f.name)))
            if flags[1]:
                out.append((k, fi, 1, ctx.emit("TEXT_FULLWIDTH", fr.cell(k, code), code, name=f.name)))
    return ordered(out)


RULE = Rule("normalization", CODES, row=check, columns=columns)
