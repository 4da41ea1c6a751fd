"""`sgs convert OLD.xlsx -o NEW.xlsx`: a 790-layout workbook from a 2015-standard (legacy) one.

Mapped values are copied (with the 代码_2/代码_3 swap, 代码_5 → 证件号码 / 法定代表人证件号码, CF_JG → 处罚内容,
CF_XZJG → 处罚机关, 处罚类别1+2 joined with “；”, 当前状态 0/1 → 1/2); the 790 fields without a source are
left empty with a highlighted header, and a sheet 待补充 lists what must still be filled.

Nothing filled is lost: source columns without a 790 target (公示日期, 处罚编码, 信息使用范围, 失信严重程度, an
old 当前状态 of a penalty, 处罚名称 when the sheet has its own 违法行为类型 …) are kept after the 790 columns
under their own headers and listed in the sheet 未迁移的列. Values the converter infers rather than copies
(行政相对人类别 from the codes, 证件类型 = 身份证 from a 居民身份证号 column, 有效期自 = 许可决定日期, 违法行为类型
from 处罚名称) are filled in light blue and listed in 待补充 as inferred, to be checked. Code and enumeration
columns are text-formatted with the template's drop-downs and prompts.
"""

from __future__ import annotations

from pathlib import Path

from sgs_cli import standard
from sgs_cli.errors import InputError
from sgs_cli.records.header import detect
from sgs_cli.io.reading import read_sheets
from sgs_cli.standard import FieldType, Required
from sgs_cli.standard.base import REQUIRED_LABEL
from sgs_cli.records.mapping import SheetMapper
from sgs_cli.validation.engine import ValidateOptions, validate_file
from sgs_cli.io.cells import is_blank
from sgs_cli.io.write import atomic_write_workbook, safe_sheet_title, set_text, set_value

MISSING_FILL = "FFEB9C"  # a 790 field with no source: to be filled
INFERRED_FILL = "DDEBF7"  # a value inferred by the converter: to be checked
KEPT_FILL = "E7E6E6"  # a source column with no 790 target, kept as it was
KEPT_SHEET = "未迁移的列"


def _kept_columns(hm, mapper: SheetMapper) -> list[int]:
    """Source columns whose values do not reach a 790 field (extras, unknown, duplicate columns, old fields
    without a target, an approximate old field whose target has its own column)."""
    migrated = set(mapper.columns.values())
    for i, code in hm.columns.items():
        if code in ("CF_CFLB1", "CF_CFLB2"):  # joined into 处罚类别
            migrated.add(i)
    return [i for i in sorted(hm.texts) if i not in migrated]


def _inferred(rec, spec, present: set[str], source_label: dict[str, str]) -> dict[str, tuple[object, str]]:
    """790 code → (value, how) for the values a clerk would fill from what the source says."""
    p = spec.fields[0].code.split("_", 1)[0]
    out: dict[str, tuple[object, str]] = {}
    v = rec.values
    if rec.category and f"{p}_XDR_LB" not in present:
        out[f"{p}_XDR_LB"] = (rec.category, "按代码推断")
    for num, typ in ((f"{p}_XDR_ZJHM", f"{p}_XDR_ZJLX"), (f"{p}_FR_ZJHM", f"{p}_FR_ZJLX")):
        if "身份证" in source_label.get(num, "") and not is_blank(v.get(num)) and is_blank(v.get(typ)):
            out[typ] = ("身份证", f"源列为“{source_label[num]}”")
    if p == "XK" and "XK_YXQZ" not in present and rec.dates.get("XK_JDRQ"):
        out["XK_YXQZ"] = (rec.dates["XK_JDRQ"], "按许可决定日期")
    return out


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
    from openpyxl.utils import get_column_letter

    from sgs_cli.render.templates import _data_validation, number_format

    raws = {s.name: s for s in read_sheets(src)}
    wb = Workbook()
    wb.remove(wb.active)
    todo_rows = []
    kept_rows = []
    summary = {"sheets": []}
    fill = {k: PatternFill("solid", fgColor=k) for k in (MISSING_FILL, INFERRED_FILL, KEPT_FILL)}
    for sr in legacy:
        spec = standard.BY_KIND[sr.kind]
        ws = wb.create_sheet(safe_sheet_title(spec.title if len(legacy) == 1 else sr.sheet, wb.sheetnames))
        raw = raws[sr.sheet]
        hm = detect(raw.rows, (standard.LICENSE_2015 if sr.kind == "license" else standard.PENALTY_2015,),
                    hint=f"{src.stem} {raw.name}")
        mapper = SheetMapper(hm)
        present = set(sr.columns)
        # a bare “行政相对人代码_5” is the 2015 居民身份证号 all the same: 证件类型 = 身份证 is inferred from it too
        source_label = {code: hm.texts[i] + ("（居民身份证号）" if hm.columns.get(i, "").endswith("_XDR_SFZ")
                                             and "身份证" not in hm.texts[i] else "")
                        for code, i in mapper.columns.items()}
        records = sr.records or []
        kept = [i for i in _kept_columns(hm, mapper)
                if any(i < len(raw.rows[r.row - 1]) and not is_blank(raw.rows[r.row - 1][i]) for r in records)]
        # what is inferred, per record, and which fields got anything inferred
        inferred = [_inferred(rec, spec, present, source_label) for rec in records]
        # 处罚名称 (old, approximate) into an empty 违法行为类型 when the sheet has its own 违法行为类型 column
        cfmc = hm.column_of("CF_CFMC")
        if cfmc is not None and cfmc in kept:
            for rec, inf in zip(records, inferred):
                row = raw.rows[rec.row - 1]
                if is_blank(rec.values.get("CF_WFXW")) and cfmc < len(row) and not is_blank(row[cfmc]):
                    inf["CF_WFXW"] = (row[cfmc], f"按“{hm.texts[cfmc]}”")
        inferred_codes = {c for inf in inferred for c in inf}
        last_row = len(records) + 1
        for c, f in enumerate(spec.fields, start=1):
            cell = ws.cell(1, c)
            set_text(cell, f.name)
            cell.font = Font(bold=True)
            letter = get_column_letter(c)
            if f.code in inferred_codes:
                cell.fill = fill[INFERRED_FILL]
                todo_rows.append((ws.title, f.name, f.code, REQUIRED_LABEL[f.required],
                                  "已按源表推断填写（浅蓝色单元格），请逐条核对；空白处请补充"))
            elif f.code not in present:
                cell.fill = fill[MISSING_FILL]
                todo_rows.append((ws.title, f.name, f.code, REQUIRED_LABEL[f.required],
                                  "旧标准没有对应字段，请补充" if f.required is not Required.OPTIONAL else "旧标准没有对应字段（选填）"))
            width = min(40, max(10, 2 * len(f.name)))
            ws.column_dimensions[letter].width = width
            fmt = number_format(f)
            if fmt:  # code columns the clerk must now fill stay text: 18-digit codes keep every digit
                ws.column_dimensions[letter].number_format = fmt
                for r in range(2, last_row + 1):
                    ws.cell(r, c).number_format = fmt
            ws.add_data_validation(_data_validation(f, f"{letter}2:{letter}1048576"))
        for r, (rec, inf) in enumerate(zip(records, inferred), start=2):
            for c, f in enumerate(spec.fields, start=1):
                v = rec.values.get(f.code)
                cell = ws.cell(r, c)
                if v in (None, "") and f.code in inf:
                    v, _how = inf[f.code]
                    cell.fill = fill[INFERRED_FILL]
                    if f.type is FieldType.DATE:
                        cell.value = v
                        cell.number_format = "yyyy/mm/dd"
                    else:
                        set_text(cell, v)
                    continue
                if v in (None, ""):
                    if f.code not in present:
                        cell.fill = fill[MISSING_FILL]
                    continue
                if f.type is FieldType.DATE and f.code in rec.dates:
                    cell.value = rec.dates[f.code]
                    cell.number_format = "yyyy/mm/dd"
                elif f.type is FieldType.CODE or isinstance(v, str):
                    set_text(cell, v if isinstance(v, str) else rec.text(f.code))
                    cell.number_format = "@"
                else:
                    cell.value = v
        # source columns without a 790 target: kept after the 790 columns, as in the source
        for k, i in enumerate(kept):
            c = len(spec.fields) + 1 + k
            head = ws.cell(1, c)
            set_text(head, hm.texts[i])
            head.font = Font(bold=True)
            head.fill = fill[KEPT_FILL]
            ws.column_dimensions[get_column_letter(c)].width = min(40, max(10, 2 * len(hm.texts[i])))
            for r, rec in enumerate(records, start=2):
                row = raw.rows[rec.row - 1]
                v = row[i] if i < len(row) else None
                if is_blank(v):
                    continue
                cell = set_value(ws.cell(r, c), v, text_format=True)
                if hasattr(v, "year"):
                    cell.number_format = "yyyy/mm/dd"
            filled = sum(1 for rec in records if i < len(raw.rows[rec.row - 1]) and not is_blank(raw.rows[rec.row - 1][i]))
            kept_rows.append((ws.title, hm.texts[i], f"{get_column_letter(i + 1)}列",
                              f"{get_column_letter(c)}列", filled, "790号标准没有对应字段，已原样保留"))
        ws.freeze_panes = "A2"
        summary["sheets"].append({"sheet": sr.sheet, "kind": sr.kind, "rows": len(records),
                                  "unmapped": [f.code for f in spec.fields if f.code not in present
                                               and f.code not in inferred_codes],
                                  "inferred": [f.code for f in spec.fields if f.code in inferred_codes],
                                  "kept": [hm.texts[i] for i in kept]})
    todo = wb.create_sheet(safe_sheet_title("待补充", wb.sheetnames))
    for c, h in enumerate(("工作表", "字段", "代码", "必填规则", "说明"), start=1):
        set_text(todo.cell(1, c), h)
        todo.cell(1, c).font = Font(bold=True)
    for r, row in enumerate(todo_rows, start=2):
        for c, v in enumerate(row, start=1):
            set_text(todo.cell(r, c), v)
    for col, w in zip("ABCDE", (16, 36, 16, 36, 40)):
        todo.column_dimensions[col].width = w
    if kept_rows:
        ks = wb.create_sheet(KEPT_SHEET)
        for c, h in enumerate(("工作表", "源列标题", "源列", "保留在", "有内容的行数", "说明"), start=1):
            set_text(ks.cell(1, c), h)
            ks.cell(1, c).font = Font(bold=True)
        for r, row in enumerate(kept_rows, start=2):
            for c, v in enumerate(row, start=1):
                if isinstance(v, int):
                    ks.cell(r, c).value = v
                else:
                    set_text(ks.cell(r, c), v)
        for col, w in zip("ABCDEF", (16, 40, 10, 10, 14, 36)):
            ks.column_dimensions[col].width = w
    atomic_write_workbook(wb, out, inputs=[src])
    summary["output"] = str(out)
    return summary
