"""`sgs export --public IN… -o OUT.xlsx`: the fields the standard marks public, for the department's
website (郑发改财贸〔2019〕773号: personal data is protected; 证件号码 and 法定代表人证件号码 are not published).

* Only licence and penalty records, one sheet each (行政许可, 行政处罚), columns in the order of the 790
  standard, header in row 1; fields declared ``public=False`` in sgs_cli.standard are left out.
* Dates as YYYY/MM/DD text; 行政相对人类别 variants written as the standard value.
* Every public field is checked — codes, numbers and 文号 as well as free text: the record's own ID
  numbers, any valid 18-digit ID number and mobile numbers, however spelled (codes/idtext.py: full-width
  or mathematical digits, spaces, non-breaking spaces, zero-width characters, hyphens, a leading
  apostrophe), are replaced by their masked form, each with a warning naming the cell to fix in the source.
* Records with an error are held back (listed) unless ``include_errors``; an ID or mobile number does not
  hold a record back, because the export masks it. Exit 1 when a record was held back or a value masked.
* Penalties 原则上不予公示 (the 2025 办法: 轻微失信 decided from 2026-04-01 — the decision `validate` makes,
  PUBLICATION_NOT_REQUIRED) are left out and listed, unless ``include_not_required``: then they are exported
  with a last column 公示说明 that says why they are normally not published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli import standard
from sgs_cli.standard.kinds import KIND, PREFIXED_KINDS, Role
from sgs_cli.codes import idtext, ric, uscc
from sgs_cli.errors import InputError
from sgs_cli.findings import ERROR, Report, mask
from sgs_cli.rules.context import Record
from sgs_cli.rules.dates import fmt
from sgs_cli.calendar.publication import IF_PUBLISHED
from sgs_cli.standard import FieldType
from sgs_cli.io.cells import cell_text
from sgs_cli.io.write import atomic_write_workbook, refuse_existing, set_text, set_value

#: the column that marks a record exported although 原则上不予公示 (--include-not-required)
NOTE_HEADER = "公示说明"
#: errors that the export itself repairs (by masking), so they do not hold a record back
MASKED_CODES = frozenset({"PRIVACY_ID_NUMBER", "PRIVACY_MOBILE"})
SHEET_TITLE = {"license": "行政许可", "penalty": "行政处罚"}
#: the row of the field names (row 1 is the title)
HEADER_ROW = 2


def public_fields(kind: str) -> tuple[standard.Field, ...]:
    """The fields of a 790 sheet kind that may be published, in the standard's order."""
    return tuple(f for f in standard.BY_KIND[kind].fields if f.public)


def private_codes(kind: str) -> tuple[str, ...]:
    return tuple(f.code for f in standard.BY_KIND[kind].fields if not f.public)


def field_value(rec: Record, f: standard.Field):
    """A record's value of a field as published: dates YYYY/MM/DD, numbers as numbers, text trimmed;
    None when blank."""
    text = rec.text(f.code)
    if not text:
        return None
    if f.type is FieldType.DATE:
        d = rec.dates.get(f.code)
        return fmt(d) if d else text
    if f.type is FieldType.NUMBER:
        raw = rec.raw(f.code)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return raw
        try:
            return float(text) if "." in text else int(text)
        except ValueError:
            return text
    if f.code.endswith("_XDR_LB") and rec.category:
        return rec.category
    # as written (no NFKC: full-width Chinese punctuation stays), line ends kept, outer blanks trimmed
    return cell_text(rec.raw(f.code)).replace("\r\n", "\n").strip()


def record_json(rec: Record, spec: standard.SheetSpec) -> dict:
    """A record as the JSON object of `sgs schema`: Chinese headers as keys, blank fields left out."""
    out = {}
    for f in spec.fields:
        v = field_value(rec, f)
        if v is not None and v != "":
            out[f.name] = v
    return out


@dataclass
class Masked:
    sheet: str
    row: int  # row of the input
    cell: str  # cell of the input
    field_name: str
    what: str  # 证件号码 / 身份证号码 / 手机号码


def mask_text(text: str, own: tuple[str, ...]) -> tuple[str, list[str]]:
    """``text`` with personal numbers masked, and what was masked: the record's own 证件号码 (``own``), any
    valid ID number and any mobile number, however spelled (codes/idtext.py)."""
    found = []
    for number in own:
        if len(number) >= 6 and number in text:
            text = text.replace(number, mask(number))
            found.append("证件号码")
    if not idtext.ELEVEN_DIGITS.search(text):
        return text, found
    if uscc.is_valid(text):  # an all-digit 统一社会信用代码 is a code, not a person's number
        return text, found
    pieces, last = [], 0
    for start, end, number in idtext.id_spans(text, lenient=False):
        if ric.is_valid(number):
            pieces += [text[last:start], mask(number)]
            last = end
            found.append("身份证号码")
    text = "".join(pieces) + text[last:]
    if idtext.find_mobiles(text):
        text = idtext.mask_mobiles(text, mask)
        found.append("手机号码")
    return text, found


def public_number(v: int, own: tuple[str, ...]):
    """A whole number as published: as text when it is an ID or mobile number (so that it gets masked)."""
    text = str(v)
    return text if text in own or mask_text(text, own)[1] else v


@dataclass
class ExportResult:
    out: Path
    exported: dict = field(default_factory=dict)  # kind → records written
    held_back: list = field(default_factory=list)  # (file, sheet, row, 文号, first error message)
    not_required: list = field(default_factory=list)  # (file, sheet, row, 文号, why): 原则上不予公示
    included_not_required: bool = False  # those were exported, marked in NOTE_HEADER
    masked: list[Masked] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"output": str(self.out), "exported": self.exported,
                "held_back": [{"file": f, "sheet": s, "row": r, "record_key": k, "reason": m}
                              for f, s, r, k, m in self.held_back],
                "not_required": [{"file": f, "sheet": s, "row": r, "record_key": k, "reason": m}
                                 for f, s, r, k, m in self.not_required],
                "included_not_required": self.included_not_required,
                "masked": [{"sheet": m.sheet, "row": m.row, "cell": m.cell, "field_name": m.field_name,
                            "what": m.what} for m in self.masked]}


def export_public(report: Report, out: str | Path, *, include_errors: bool = False, force: bool = False,
                  include_not_required: bool = False) -> ExportResult:
    """Write the public workbook from a report validated with keep_records=True."""
    from sgs_cli.rules.timeliness import NOT_REQUIRED_LABEL, not_required_rows

    out = Path(out)
    refuse_existing([out], force, [fr.path for fr in report.files])
    bad = [fr for fr in report.files if fr.error]
    if bad:
        raise InputError("以下文件无法读取，未导出：" + "；".join(fr.error or "" for fr in bad), "请修复或移除这些文件后重试")
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    result = ExportResult(out, included_not_required=include_not_required)
    rows: dict[str, list[list]] = {}
    notes: dict[str, list] = {}  # kind → per exported row its 公示说明 ("" for a record to be published)
    for fr in report.files:
        for sr in fr.sheets:
            if sr.kind not in SHEET_TITLE or sr.records is None:
                continue
            fields = public_fields(sr.kind)
            own_codes = private_codes(sr.kind)
            key_code = KIND[sr.kind].code(Role.DOC_NO)
            errors: dict[int, str] = {}
            for finding in sr.findings:
                if finding.severity == ERROR and finding.code not in MASKED_CODES:
                    for r in (finding.rows or ([finding.row] if finding.row and finding.row != sr.header_row else
                                               [rec.row for rec in sr.records])):
                        errors.setdefault(r, f"{finding.cell or ''}{finding.message}")
            out_rows = rows.setdefault(sr.kind, [])
            out_notes = notes.setdefault(sr.kind, [])
            minor = not_required_rows(sr)
            for rec in sr.records:
                if rec.row in errors and not include_errors:
                    result.held_back.append((fr.path, sr.sheet, rec.row, rec.text(key_code), errors[rec.row]))
                    continue
                if rec.row in minor:
                    result.not_required.append((fr.path, sr.sheet, rec.row, rec.text(key_code), minor[rec.row]))
                    if not include_not_required:
                        continue
                    out_notes.append(f"{NOT_REQUIRED_LABEL}：{minor[rec.row]}，属于轻微失信；{IF_PUBLISHED}")
                else:
                    out_notes.append("")
                own = tuple(sorted({rec.text(c) for c in own_codes if rec.text(c)}, key=len, reverse=True))
                values = []
                for f in fields:
                    v = field_value(rec, f)
                    if isinstance(v, int) and not isinstance(v, bool):
                        v = public_number(v, own)
                    if isinstance(v, str):  # every field: an ID number typed in 工商注册号 or 文号 is one too
                        v, found = mask_text(v, own)
                        col = sr.columns.get(f.code, "")
                        for what in dict.fromkeys(found):
                            result.masked.append(Masked(sr.sheet, rec.row, f"{col}{rec.row}", f.name, what))
                    values.append(v)
                out_rows.append(values)
    if not rows:
        raise InputError("输入中没有行政许可或行政处罚表，无可导出的记录",
                         "sgs export --public 导出790号行政许可/行政处罚表的公示字段")
    from openpyxl.styles import Alignment, Border, Side

    from sgs_cli.render.paper import finish, fit_widths

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    for kind in PREFIXED_KINDS:
        if kind not in rows:
            continue
        ws = wb.create_sheet(SHEET_TITLE[kind])
        fields = public_fields(kind)
        # row 1: the title a printed page needs; row 2: the standard's field names; one record per row after
        title = set_text(ws.cell(1, 1), f"{SHEET_TITLE[kind]}信息公示（共 {len(rows[kind])} 条）")
        title.font, title.alignment = Font(bold=True, size=16), Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(fields))
        ws.row_dimensions[1].height = 30
        for c, f in enumerate(fields, start=1):
            cell = set_text(ws.cell(HEADER_ROW, c), f.name)
            cell.font, cell.fill, cell.border, cell.alignment = bold, fill, border, wrap
            ws.column_dimensions[get_column_letter(c)].width = 12 if f.type is FieldType.DATE else \
                20 if f.type in (FieldType.CODE, FieldType.ENUM, FieldType.NUMBER) else 28
        for r, values in enumerate(rows[kind], start=HEADER_ROW + 1):
            for c, v in enumerate(values, start=1):
                cell = ws.cell(r, c)
                cell.border, cell.alignment = border, wrap
                if v is None:
                    continue
                set_value(cell, v, text_format=True)
                if fields[c - 1].type is FieldType.DATE and hasattr(v, "year"):
                    cell.number_format = "yyyy-mm-dd"
        if any(notes[kind]):  # records exported although 原则上不予公示: said on their row
            c = len(fields) + 1
            cell = set_text(ws.cell(HEADER_ROW, c), NOTE_HEADER)
            cell.font, cell.fill, cell.border, cell.alignment = bold, fill, border, wrap
            mark = PatternFill("solid", fgColor="FFEB9C")
            for r, note in enumerate(notes[kind], start=HEADER_ROW + 1):
                if note:
                    set_text(ws.cell(r, c), note).fill = mark
        ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
        fit_widths(ws, HEADER_ROW + 1)
        result.exported[kind] = len(rows[kind])
    finish(wb, "“双公示”信息公示", copied=wb.sheetnames)  # the records as published: never rewritten
    atomic_write_workbook(wb, out, inputs=[fr.path for fr in report.files])
    return result


__all__ = ["export_public", "public_fields", "mask_text", "field_value", "record_json", "ExportResult"]
