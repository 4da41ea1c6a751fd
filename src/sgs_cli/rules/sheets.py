"""Notes about a whole sheet.

Codes: SHEET_HIDDEN (info: a hidden sheet, validated all the same), SHEET_UNRECOGNIZED (warning: a sheet
with content but no recognisable header, skipped; info for the instructions and summary sheets; warning
for an error receipt or monthly report written by sgs).
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
}
)


def hidden() -> Finding:
    return make("SHEET_HIDDEN")


def unrecognized(variant: str = "") -> Finding:
    """SHEET_UNRECOGNIZED; variant "instructions" (说明/汇总 sheets: info) or "sgs_output"."""
    return make("SHEET_UNRECOGNIZED", variant=variant, severity=INFO if variant == "instructions" else None)
