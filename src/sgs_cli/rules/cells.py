"""Cells the reader could not give a value for (found by the reader, reported here).

Codes: FORMULA_NO_VALUE (warning: a formula without a cached value, read as blank), CELL_ERROR_VALUE
(error: a cell showing an Excel error such as #N/A).
"""

from __future__ import annotations

from sgs_cli.findings import ERROR, WARNING, Finding
from sgs_cli.records.record import column_letter
from sgs_cli.rules.base import Code, declare, make

CODES = declare("cells", {
    "FORMULA_NO_VALUE": Code(WARNING, "公式单元格没有保存计算结果", "该单元格是公式，但文件中没有保存计算结果，按空白处理",
                             "请在 Excel/WPS 中打开并保存一次（或把公式粘贴为数值）后再校验"),
    "CELL_ERROR_VALUE": Code(ERROR, "单元格显示#N/A等错误值", "单元格显示错误值“{text}”", "请修正公式或改为实际数值"),
})


def cell_notes(raw, first_data_row: int) -> list[Finding]:
    """The findings of a sheet's formulas without a value and error cells in its data rows (0-based
    ``first_data_row``), in cell order."""
    out = []
    for (r, c) in sorted(raw.formula_no_value):
        if r >= first_data_row:
            out.append(make("FORMULA_NO_VALUE", row=r + 1, column=column_letter(c)))
    for (r, c), err in sorted(raw.error_cells.items()):
        if r >= first_data_row:
            out.append(make("CELL_ERROR_VALUE", row=r + 1, column=column_letter(c), value=err, text=err))
    return out
