"""The Excel error receipt (错误回执): a copy of the input workbook with each flagged cell filled
(errors red, warnings yellow) and commented with the reason, a 错误原因 column at the end of each
flagged row, and a first sheet 汇总 with counts per rule, per column and per sheet.

Inputs over LARGE_ROWS data rows get only their flagged rows (with the original row numbers), which
keeps the receipt fast and small; 汇总 says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from ..findings import ERROR, INFO, SEVERITY_LABEL, WARNING, FileReport, Report
from ..standard import KIND_LABEL
from ..xlsxsafe import atomic_write_workbook, refuse_existing, set_text

LARGE_ROWS = 50_000
FILL = {ERROR: "FFC7CE", WARNING: "FFEB9C", INFO: "DDEBF7"}
FONT = {ERROR: "9C0006", WARNING: "9C5700"}


def receipt_paths(report: Report, out: Path) -> list[tuple[FileReport, Path]]:
    readable = [fr for fr in report.files if not fr.error and any(s.kind for s in fr.sheets)]
    if len(readable) == 1:
        return [(readable[0], out)]
    paths, seen = [], set()
    for fr in readable:
        stem = Path(fr.path).stem
        name = f"{out.stem}_{stem}"
        n = 2
        while name in seen:  # same file name in different folders
            name = f"{out.stem}_{stem}_{n}"
            n += 1
        seen.add(name)
        paths.append((fr, out.with_name(name + (out.suffix or ".xlsx"))))
    return paths


def write_receipt(report: Report, out: Path, show_sensitive: bool = False, force: bool = False) -> list[Path]:
    inputs = [Path(fr.path) for fr in report.files]
    written = []
    targets = receipt_paths(report, Path(out))
    refuse_existing([p for _, p in targets], force, inputs=inputs)  # before any receipt is written
    for fr, path in targets:
        wb = build_receipt(fr, show_sensitive)
        atomic_write_workbook(wb, path, inputs=inputs)
        written.append(path)
    return written


def _load_copy(fr: FileReport, large: bool):
    """An openpyxl workbook holding the input's sheets (values, formats, widths preserved for .xlsx)."""
    import openpyxl

    from ..reading import read_sheets

    path = Path(fr.path)
    if not large and path.suffix.lower() in (".xlsx", ".xlsm"):
        return openpyxl.load_workbook(path), True
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if large:  # sheets filled with the flagged rows only (build_receipt); nothing to read here
        for sr in fr.sheets:
            if sr.kind and sr.sheet[:31] not in wb.sheetnames:
                wb.create_sheet(sr.sheet[:31])
        return wb, False
    wanted = {s.sheet for s in fr.sheets}
    for raw in read_sheets(path):
        if raw.name not in wanted:
            continue
        ws = wb.create_sheet(raw.name[:31])
        for r, row in enumerate(raw.rows, start=1):
            for c, v in enumerate(row, start=1):
                if v not in ("", None):
                    set_text(ws.cell(r, c), v) if isinstance(v, str) else ws.cell(r, c, v)
    return wb, False


def _flagged_rows(fr: FileReport) -> dict[str, dict[int, list]]:
    """Sheet → {physical row: values} of the header and flagged rows of a large input, read once and, for
    files the validation streamed, streamed again (memory stays bounded at a million rows)."""
    from ..chunked import ChunkedSheet, sheet_parts, streamed
    from ..reading import iter_csv_chunks, read_sheets

    wanted = {sr.sheet: {f.row for f in sr.findings if f.row} | ({sr.header_row} if sr.header_row else set())
              for sr in fr.sheets if sr.kind}
    path = Path(fr.path)
    out: dict[str, dict[int, list]] = {name: {} for name in wanted}

    def keep(name, batch):
        rows = wanted.get(name)
        if rows:
            out[name].update((n, row) for n, row in batch if n in rows)

    how = streamed(path)
    if how == "xlsx":
        import zipfile

        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z)
        for part in parts:
            if part.name in wanted:
                for batch in ChunkedSheet(path, part).chunks():
                    keep(part.name, batch)
    elif how == "csv":
        for batch in iter_csv_chunks(path):
            keep(path.stem, batch)
    else:
        for raw in read_sheets(path):
            keep(raw.name, enumerate(raw.rows, start=1))
    return out


def build_receipt(fr: FileReport, show_sensitive: bool = False):
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import column_index_from_string, get_column_letter

    total_rows = sum(s.rows for s in fr.sheets)
    large = total_rows > LARGE_ROWS
    wb, _native = _load_copy(fr, large)
    picked = _flagged_rows(fr) if large else {}
    bold = Font(bold=True)
    for sr in fr.sheets:
        if sr.sheet[:31] not in wb.sheetnames:
            continue
        ws = wb[sr.sheet[:31]]
        by_cell: dict[tuple[int, int], list] = defaultdict(list)
        by_row: dict[int, list] = defaultdict(list)
        for f in sr.findings:
            if f.row and f.column:
                by_cell[(f.row, column_index_from_string(f.column))].append(f)
            if f.row and f.row != sr.header_row:
                by_row[f.row].append(f)
        row_map = {}
        if large:  # header + flagged rows only, first column 原行号
            rows = picked.get(sr.sheet, {})
            header = rows.get(sr.header_row, []) if sr.header_row else []
            set_text(ws.cell(1, 1), "原行号")
            for c, v in enumerate(header, start=2):
                set_text(ws.cell(1, c), v) if isinstance(v, str) else ws.cell(1, c, v)
            for i, r in enumerate(sorted(by_row), start=2):
                row_map[r] = i
                ws.cell(i, 1, r)
                for c, v in enumerate(rows.get(r, []), start=2):
                    set_text(ws.cell(i, c), v) if isinstance(v, str) else ws.cell(i, c, v)
            row_map[sr.header_row] = 1
            shift = 1
        else:
            shift = 0
        for (r, c), items in by_cell.items():
            rr = row_map.get(r, r) if large else r
            if large and r not in row_map:
                continue
            cell = ws.cell(rr, c + shift)
            worst = ERROR if any(f.severity == ERROR for f in items) else WARNING if any(
                f.severity == WARNING for f in items) else INFO
            cell.fill = PatternFill("solid", fgColor=FILL[worst])
            text = "\n".join(f"[{SEVERITY_LABEL[f.severity]}] {f.message}" + (f"\n→ {f.hint}" if f.hint else "")
                             for f in items)
            cell.comment = Comment(text[:30000], "sgs")
        if by_row:
            header_at = 1 if large else (sr.header_row or 1)
            # the last written header, not ws.max_column: real templates format 16,384 blank columns
            last_col = max((c.column for c in ws[header_at] if c.value not in (None, "")), default=0) + 1
            hdr = ws.cell(header_at, last_col)
            set_text(hdr, "错误原因")
            hdr.font = bold
            for r, items in by_row.items():
                rr = row_map.get(r) if large else r
                if rr is None:
                    continue
                reasons = "；".join(
                    f"{f.cell or f'第{f.row}行'}{('「' + f.field_name + '」') if f.field_name else ''}{f.message}"
                    for f in items if f.severity != INFO)
                if not reasons:
                    continue
                cell = ws.cell(rr, last_col)
                set_text(cell, reasons)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                worst = ERROR if any(f.severity == ERROR for f in items) else WARNING
                cell.font = Font(color=FONT[worst])
            ws.column_dimensions[get_column_letter(last_col)].width = 60
    _summary_sheet(wb, fr, large, total_rows)
    return wb


def _summary_sheet(wb, fr: FileReport, large: bool, total_rows: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet("汇总", 0)
    title = Font(bold=True, size=14)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    errors = sum(s.errors for s in fr.sheets)
    warnings = sum(s.warnings for s in fr.sheets)
    set_text(ws.cell(1, 1), f"双公示数据校验错误回执：{Path(fr.path).name}")
    ws.cell(1, 1).font = title
    set_text(ws.cell(2, 1), f"共{total_rows}行数据，{errors}个错误（红色），{warnings}个警告（黄色）；"
                            "出错单元格已标色并附批注，每行末尾“错误原因”列汇总该行问题。")
    r = 3
    if large:
        set_text(ws.cell(r, 1), f"数据超过{LARGE_ROWS}行，回执中只列出有问题的行，第一列“原行号”为原表中的行号。")
        ws.cell(r, 1).font = Font(bold=True, color="9C0006")
        r += 1
    findings = [(s, f) for s in fr.sheets for f in s.findings]

    def block(row, title_text, headers, rows):
        set_text(ws.cell(row, 1), title_text)
        ws.cell(row, 1).font = bold
        row += 1
        for c, h in enumerate(headers, start=1):
            set_text(ws.cell(row, c), h)
            ws.cell(row, c).font = bold
            ws.cell(row, c).fill = head_fill
        for values in rows:
            row += 1
            for c, v in enumerate(values, start=1):
                set_text(ws.cell(row, c), v) if isinstance(v, str) else ws.cell(row, c, v)
        return row + 2

    by_rule = Counter((f.code, f.severity) for _, f in findings)
    sample = {}
    for _, f in findings:
        sample.setdefault(f.code, f.message)
    r = block(r + 1, "按规则统计", ["规则代码", "级别", "数量", "示例说明"],
              [(code, SEVERITY_LABEL[sev], n, sample[code]) for (code, sev), n in by_rule.most_common()])
    by_col = Counter((s.sheet, f.column or "", f.field_name or "（整表）") for s, f in findings if f.severity != INFO)
    r = block(r, "按列统计（错误和警告）", ["工作表", "列", "字段", "数量"],
              [(sh, col, name, n) for (sh, col, name), n in by_col.most_common()])
    block(r, "按工作表统计", ["工作表", "类型", "数据行数", "错误", "警告"],
          [(s.sheet, KIND_LABEL.get(s.kind, "未识别"), s.rows, s.errors, s.warnings) for s in fr.sheets])
    for col, width in zip("ABCDE", (26, 10, 34, 60, 10)):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = "A4"
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 4)
