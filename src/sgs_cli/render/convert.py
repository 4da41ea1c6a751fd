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

The steps, one function each: :func:`legacy_sheets` (which sheets, or why none), :func:`plan_sheet` (what goes
where: :class:`SheetPlan`), :func:`write_heads`, :func:`write_records`, :func:`write_kept` (one converted sheet),
:func:`todo_sheet` and :func:`kept_sheet` (the two lists), then render/paper.finish; :func:`summary_lines` is what
the command prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sgs_cli import standard
from sgs_cli.errors import InputError
from sgs_cli.findings import FileReport, SheetReport
from sgs_cli.records.header import HeaderMap, detect
from sgs_cli.io.reading import RawSheet, read_sheets
from sgs_cli.standard import FieldType, Required, SheetSpec
from sgs_cli.standard.base import REQUIRED_LABEL
from sgs_cli.records.mapping import SheetMapper
from sgs_cli.validation.engine import ValidateOptions, validate_file
from sgs_cli.io.cells import is_blank
from sgs_cli.io.write import atomic_write_workbook, safe_sheet_title, set_text, set_value

MISSING_FILL = "FFEB9C"  # a 790 field with no source: to be filled
INFERRED_FILL = "DDEBF7"  # a value inferred by the converter: to be checked
KEPT_FILL = "E7E6E6"  # a source column with no 790 target, kept as it was
TODO_SHEET = "待补充"
KEPT_SHEET = "未迁移的列"
TODO_HEADS = (("工作表", 16), ("字段", 36), ("代码", 16), ("必填规则", 36), ("说明", 40))
KEPT_HEADS = (("工作表", 16), ("源列标题", 40), ("源列", 10), ("保留在", 10), ("有内容的行数", 14), ("说明", 36))
DATE_FORMAT = "yyyy/mm/dd"


@dataclass
class SheetPlan:
    """What goes where for one legacy sheet: the 790 spec, the source's header and rows, the records, the source
    columns kept as they are, and the values inferred per record (790 code → (value, how))."""

    spec: SheetSpec
    raw: RawSheet
    hm: HeaderMap
    mapper: SheetMapper
    present: set[str]
    records: list
    kept: list[int]
    inferred: list[dict[str, tuple[Any, str]]]
    inferred_codes: set[str] = field(default_factory=set)


def _kept_columns(hm, mapper: SheetMapper) -> list[int]:
    """Source columns whose values do not reach a 790 field (extras, unknown, duplicate columns, old fields
    without a target, an approximate old field whose target has its own column)."""
    migrated = set(mapper.columns.values())
    for i, code in hm.columns.items():
        if code in ("CF_CFLB1", "CF_CFLB2"):  # joined into 处罚类别
            migrated.add(i)
    return [i for i in sorted(hm.texts) if i not in migrated]


def _inferred(rec, spec, present: set[str], source_label: dict[str, str]) -> dict[str, tuple[Any, str]]:
    """790 code → (value, how) for the values a clerk would fill from what the source says."""
    p = spec.fields[0].code.split("_", 1)[0]
    out: dict[str, tuple[Any, str]] = {}
    v = rec.values
    if rec.category and f"{p}_XDR_LB" not in present:
        out[f"{p}_XDR_LB"] = (rec.category, "按代码推断")
    for num, typ in ((f"{p}_XDR_ZJHM", f"{p}_XDR_ZJLX"), (f"{p}_FR_ZJHM", f"{p}_FR_ZJLX")):
        if "身份证" in source_label.get(num, "") and not is_blank(v.get(num)) and is_blank(v.get(typ)):
            out[typ] = ("身份证", f"源列为“{source_label[num]}”")
    if p == "XK" and "XK_YXQZ" not in present and rec.dates.get("XK_JDRQ"):
        out["XK_YXQZ"] = (rec.dates["XK_JDRQ"], "按许可决定日期")
    return out


def legacy_sheets(fr: FileReport, src: Path) -> list[SheetReport]:
    """The 2015-standard sheets of the validated file; InputError when it cannot be read or holds none."""
    if fr.error:
        raise InputError(fr.error)
    legacy = [s for s in fr.sheets if s.standard == "2015"]
    if not legacy:
        kinds = "、".join(f"{s.sheet}（{s.standard or '未识别'}）" for s in fr.sheets)
        raise InputError(f"文件“{src.name}”中没有2015年旧标准的行政许可/行政处罚表（{kinds}）",
                         "sgs convert 只转换旧标准表；790号新标准表可直接用 sgs validate 校验")
    return legacy


def _cell(raw: RawSheet, rec, i: int):
    row = raw.rows[rec.row - 1]
    return row[i] if i < len(row) else None


def plan_sheet(sr: SheetReport, raw: RawSheet, hint: str) -> SheetPlan:
    """Map one legacy sheet: its header, the columns kept, the values inferred (see the module's docstring)."""
    assert sr.kind is not None
    spec = standard.BY_KIND[sr.kind]
    hm = detect(raw.rows, (standard.LICENSE_2015 if sr.kind == "license" else standard.PENALTY_2015,), hint=hint)
    if hm is None:  # validate recognised the sheet from these rows: only a changed file gets here
        raise InputError(f"工作表“{raw.name}”的表头无法识别为2015年旧标准表，未转换", "请确认文件在校验后没有改动")
    mapper = SheetMapper(hm)
    present = set(sr.columns)
    # a bare “行政相对人代码_5” is the 2015 居民身份证号 all the same: 证件类型 = 身份证 is inferred from it too
    source_label = {code: hm.texts[i] + ("（居民身份证号）" if hm.columns.get(i, "").endswith("_XDR_SFZ")
                                         and "身份证" not in hm.texts[i] else "")
                    for code, i in mapper.columns.items()}
    records = sr.records or []
    kept = [i for i in _kept_columns(hm, mapper) if any(not is_blank(_cell(raw, r, i)) for r in records)]
    inferred = [_inferred(rec, spec, present, source_label) for rec in records]
    # 处罚名称 (old, approximate) into an empty 违法行为类型 when the sheet has its own 违法行为类型 column
    cfmc = hm.column_of("CF_CFMC")
    if cfmc is not None and cfmc in kept:
        for rec, inf in zip(records, inferred):
            name = _cell(raw, rec, cfmc)
            if is_blank(rec.values.get("CF_WFXW")) and not is_blank(name):
                inf["CF_WFXW"] = (name, f"按“{hm.texts[cfmc]}”")
    return SheetPlan(spec, raw, hm, mapper, present, records, kept, inferred,
                     {c for inf in inferred for c in inf})


def _fills() -> dict:
    from openpyxl.styles import PatternFill

    return {k: PatternFill("solid", fgColor=k) for k in (MISSING_FILL, INFERRED_FILL, KEPT_FILL)}


def write_heads(ws, plan: SheetPlan, todo_rows: list[tuple]) -> None:
    """The 790 head row (inferred fields light blue, fields without a source yellow, each listed for 待补充), the
    columns' widths and text formats, the template's drop-downs and prompts."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from sgs_cli.render.templates import _data_validation, number_format

    fill = _fills()
    for c, f in enumerate(plan.spec.fields, start=1):
        cell = set_text(ws.cell(1, c), f.name)
        cell.font = Font(bold=True)
        letter = get_column_letter(c)
        if f.code in plan.inferred_codes:
            cell.fill = fill[INFERRED_FILL]
            todo_rows.append((ws.title, f.name, f.code, REQUIRED_LABEL[f.required],
                              "已按源表推断填写（浅蓝色单元格），请逐条核对；空白处请补充"))
        elif f.code not in plan.present:
            cell.fill = fill[MISSING_FILL]
            todo_rows.append((ws.title, f.name, f.code, REQUIRED_LABEL[f.required],
                              "旧标准没有对应字段，请补充" if f.required is not Required.OPTIONAL else "旧标准没有对应字段（选填）"))
        ws.column_dimensions[letter].width = min(40, max(10, 2 * len(f.name)))
        fmt = number_format(f)
        if fmt:  # code columns the clerk must now fill stay text: 18-digit codes keep every digit
            ws.column_dimensions[letter].number_format = fmt
            for r in range(2, len(plan.records) + 2):
                ws.cell(r, c).number_format = fmt
        ws.add_data_validation(_data_validation(f, f"{letter}2:{letter}1048576"))


def write_records(ws, plan: SheetPlan) -> None:
    """One row per record under the 790 heads: copied values (dates as date cells, codes as text), inferred ones
    light blue, the blanks of fields without a source yellow."""
    fill = _fills()
    for r, (rec, inf) in enumerate(zip(plan.records, plan.inferred), start=2):
        for c, f in enumerate(plan.spec.fields, start=1):
            v = rec.values.get(f.code)
            cell = ws.cell(r, c)
            if v in (None, "") and f.code in inf:
                v, _how = inf[f.code]
                cell.fill = fill[INFERRED_FILL]
                if f.type is FieldType.DATE:
                    cell.value = v
                    cell.number_format = DATE_FORMAT
                else:
                    set_text(cell, v)
            elif v in (None, ""):
                if f.code not in plan.present:
                    cell.fill = fill[MISSING_FILL]
            elif f.type is FieldType.DATE and f.code in rec.dates:
                cell.value = rec.dates[f.code]
                cell.number_format = DATE_FORMAT
            elif f.type is FieldType.CODE or isinstance(v, str):
                set_text(cell, v if isinstance(v, str) else rec.text(f.code))
                cell.number_format = "@"
            else:
                cell.value = v


def write_kept(ws, plan: SheetPlan, kept_rows: list[tuple]) -> None:
    """Source columns without a 790 target, after the 790 columns as in the source (grey heads); each listed for
    未迁移的列."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    fill = _fills()
    for k, i in enumerate(plan.kept):
        c = len(plan.spec.fields) + 1 + k
        text = plan.hm.texts[i]
        head = set_text(ws.cell(1, c), text)
        head.font = Font(bold=True)
        head.fill = fill[KEPT_FILL]
        ws.column_dimensions[get_column_letter(c)].width = min(40, max(10, 2 * len(text)))
        filled = 0
        for r, rec in enumerate(plan.records, start=2):
            v = _cell(plan.raw, rec, i)
            if is_blank(v):
                continue
            filled += 1
            cell = set_value(ws.cell(r, c), v, text_format=True)
            if hasattr(v, "year"):
                cell.number_format = DATE_FORMAT
        kept_rows.append((ws.title, text, f"{get_column_letter(i + 1)}列", f"{get_column_letter(c)}列", filled,
                          "790号标准没有对应字段，已原样保留"))


def _list_sheet(wb, title: str, heads, rows: list[tuple]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(safe_sheet_title(title, wb.sheetnames))
    for c, (h, w) in enumerate(heads, start=1):
        set_text(ws.cell(1, c), h).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(c)].width = w
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row, start=1):
            if isinstance(v, int):
                ws.cell(r, c).value = v
            else:
                set_text(ws.cell(r, c), v)
    ws.freeze_panes = "A2"


def todo_sheet(wb, todo_rows: list[tuple]) -> None:
    """待补充: the 790 fields to fill (no source) or to check (inferred), per converted sheet."""
    _list_sheet(wb, TODO_SHEET, TODO_HEADS, todo_rows)


def kept_sheet(wb, kept_rows: list[tuple]) -> None:
    """未迁移的列: the source columns kept as they were (only when there are any)."""
    if kept_rows:
        _list_sheet(wb, KEPT_SHEET, KEPT_HEADS, kept_rows)


def convert(src: Path, out: Path) -> dict:
    """Write the 790-layout workbook of the legacy ``src`` to ``out``; the summary (per sheet: rows, unmapped,
    inferred and kept fields; the output's path)."""
    from openpyxl import Workbook

    from sgs_cli.render.paper import finish

    fr = validate_file(src, ValidateOptions(keep_records=True))
    legacy = legacy_sheets(fr, src)
    raws = {s.name: s for s in read_sheets(src)}
    wb = Workbook()
    wb.remove(wb.active)
    todo_rows: list[tuple] = []
    kept_rows: list[tuple] = []
    summary: dict[str, Any] = {"sheets": []}
    for sr in legacy:
        raw = raws[sr.sheet]
        plan = plan_sheet(sr, raw, f"{src.stem} {raw.name}")
        ws = wb.create_sheet(safe_sheet_title(plan.spec.title if len(legacy) == 1 else sr.sheet, wb.sheetnames))
        write_heads(ws, plan, todo_rows)
        write_records(ws, plan)
        write_kept(ws, plan, kept_rows)
        ws.freeze_panes = "A2"
        fields = plan.spec.fields
        summary["sheets"].append({"sheet": sr.sheet, "kind": sr.kind, "rows": len(plan.records),
                                  "unmapped": [f.code for f in fields if f.code not in plan.present
                                               and f.code not in plan.inferred_codes],
                                  "inferred": [f.code for f in fields if f.code in plan.inferred_codes],
                                  "kept": [plan.hm.texts[i] for i in plan.kept]})
    data = list(wb.sheetnames)
    todo_sheet(wb, todo_rows)
    kept_sheet(wb, kept_rows)
    # the department's own records (nothing of sgs in them to scrub) and two lists naming the 790 field codes: no
    # official document, printed as written
    finish(wb, copied=data, kept=[t for t in wb.sheetnames if t not in data])
    atomic_write_workbook(wb, out, inputs=[src])
    summary["output"] = str(out)
    return summary


def summary_lines(result: dict) -> list[str]:
    """What `sgs convert` prints: per sheet the rows converted, the fields to fill, inferred and kept; the output."""
    lines = []
    for s in result["sheets"]:
        lines.append(f"{s['sheet']}：{s['rows']} 行已转换，{len(s['unmapped'])} 个新标准字段待补充（见“{TODO_SHEET}”工作表）")
        if s["inferred"]:
            names = "、".join(standard.BY_KIND[s["kind"]].by_code(c).name for c in s["inferred"])
            lines.append(f"  已按源表推断填写（浅蓝色，请核对）：{names}")
        if s["kept"]:
            lines.append(f"  {KEPT_SHEET}（790号标准没有对应字段，已原样保留在表格末尾）：{'、'.join(s['kept'])}")
    lines.append(f"已写入：{result['output']}")
    return lines
