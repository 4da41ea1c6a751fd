"""`sgs convert OLD.xlsx -o NEW.xlsx`: a 790-layout workbook from a 2015-standard (legacy) one.

Mapped values are copied (with the 代码_2/代码_3 swap, 代码_5 → 证件号码 / 法定代表人证件号码, CF_JG → 处罚内容,
CF_XZJG → 处罚机关, 处罚类别1+2 joined with “；”, 当前状态 0/1 → 1/2); the 790 fields without a source are
left empty with a highlighted header, and a sheet 待补充 lists what must still be filled.
"""

from __future__ import annotations

from pathlib import Path

from . import standard as S
from .errors import InputError
from .standard import FieldType, Required
from .standard.base import REQUIRED_LABEL
from .validate import ValidateOptions, validate_file
from .xlsxsafe import atomic_write_workbook, safe_sheet_title, set_text

MISSING_FILL = "FFEB9C"


def convert(src: Path, out: Path) -> dict:
    fr = validate_file(src, ValidateOptions(keep_records=True))
    if fr.error:
        raise InputError(fr.error)
    legacy = [s for s in fr.sheets if s.standard == "2015"]
    if not legacy:
        kinds = "、".join(f"{s.sheet}（{s.standard or '未识别'}）" for s in fr.sheets)
        raise InputError(f"文件“{src.name}”中没有2015年旧标准的行政许可/行政处罚表（{kinds}）",
                         "sgs convert 只转换旧标准表；790号新标准表可直接用 sgs validate 校验")
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    todo_rows = []
    summary = {"sheets": []}
    for sr in legacy:
        spec = S.BY_KIND[sr.kind]
        ws = wb.create_sheet(safe_sheet_title(spec.title if len(legacy) == 1 else sr.sheet, wb.sheetnames))
        present = set(sr._ctx.columns)
        for c, f in enumerate(spec.fields, start=1):
            cell = ws.cell(1, c)
            set_text(cell, f.name)
            cell.font = Font(bold=True)
            if f.code not in present:
                cell.fill = PatternFill("solid", fgColor=MISSING_FILL)
                todo_rows.append((ws.title, f.name, f.code, REQUIRED_LABEL[f.required],
                                  "旧标准没有对应字段，请补充" if f.required is not Required.OPTIONAL else "旧标准没有对应字段（选填）"))
            width = min(40, max(10, 2 * len(f.name)))
            ws.column_dimensions[cell.column_letter].width = width
        for r, rec in enumerate(sr.records or [], start=2):
            for c, f in enumerate(spec.fields, start=1):
                v = rec.values.get(f.code)
                if v in (None, ""):
                    if f.code not in present:
                        ws.cell(r, c).fill = PatternFill("solid", fgColor=MISSING_FILL)
                    continue
                cell = ws.cell(r, c)
                if f.type is FieldType.DATE and f.code in rec.dates:
                    cell.value = rec.dates[f.code]
                    cell.number_format = "yyyy/mm/dd"
                elif f.type is FieldType.CODE or isinstance(v, str):
                    set_text(cell, v if isinstance(v, str) else rec.text(f.code))
                    cell.number_format = "@"
                else:
                    cell.value = v
            if rec.category and f"{spec.fields[1].code}" not in present:
                set_text(ws.cell(r, 2), rec.category)  # 行政相对人类别, derived from the codes present
        ws.freeze_panes = "A2"
        summary["sheets"].append({"sheet": sr.sheet, "kind": sr.kind, "rows": len(sr.records or []),
                                  "unmapped": [f.code for f in spec.fields if f.code not in present]})
    todo = wb.create_sheet(safe_sheet_title("待补充", wb.sheetnames))
    for c, h in enumerate(("工作表", "字段", "代码", "必填规则", "说明"), start=1):
        set_text(todo.cell(1, c), h)
        todo.cell(1, c).font = Font(bold=True)
    for r, row in enumerate(todo_rows, start=2):
        for c, v in enumerate(row, start=1):
            set_text(todo.cell(r, c), v)
    for col, w in zip("ABCDE", (16, 36, 16, 36, 40)):
        todo.column_dimensions[col].width = w
    atomic_write_workbook(wb, out, inputs=[src])
    summary["output"] = str(out)
    return summary
