"""Notes about a whole sheet.

Codes: SHEET_HIDDEN (info: a hidden sheet, validated all the same), SHEET_UNRECOGNIZED (warning: a sheet
with content but no recognisable header, skipped; info for the instructions and summary sheets; warning
for an error receipt or monthly report written by sgs), READER_NOTE (info: how the reader decoded or repaired
the file — a CSV read as GB18030 or UTF-16, NUL bytes removed, a BIFF8 code page).
"""

from __future__ import annotations

from sgs_cli.findings import INFO, WARNING, Finding
from sgs_cli.rules.base import Code, declare, make

CODES = declare("sheets", {
    "SHEET_HIDDEN": Code(INFO, "隐藏工作表，已一并校验", "该工作表为隐藏工作表，已一并校验"),
    "SHEET_UNRECOGNIZED": Code(WARNING, "工作表找不到可识别的表头，已跳过", "该工作表有内容但找不到可识别的表头，已跳过",
                               "如需校验，请使用标准模板的列标题", variants={
        "instructions": ("说明类工作表，已跳过", ""),
        "sgs_output": ("这是 sgs 生成的错误回执或月报告，已跳过", "校验原始台账即可；回执和月报告不必再校验"),
    }),
    "READER_NOTE": Code(INFO, "读取时的说明：CSV 编码（非 UTF-8）、删除的空字符、按 BIFF8 规范改用的代码页", "{note}"),
}
)


def hidden() -> Finding:
    return make("SHEET_HIDDEN")


def unrecognized(variant: str = "") -> Finding:
    """SHEET_UNRECOGNIZED; variant "instructions" (说明/汇总 sheets: info) or "sgs_output"."""
    return make("SHEET_UNRECOGNIZED", variant=variant, severity=INFO if variant == "instructions" else None)


def reader_note(note: str) -> Finding:
    """READER_NOTE: one note of the reader (io.source.SheetSource.notes)."""
    return make("READER_NOTE", note=note)
