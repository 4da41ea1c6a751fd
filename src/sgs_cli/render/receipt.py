"""The Excel error receipt (错误回执): a copy of the input workbook with each flagged cell filled
(errors red, warnings yellow) and commented with the reason, a 错误原因 column at the end of each
flagged row, and a first sheet 汇总 with counts per rule, per column and per sheet.

Inputs over LARGE_ROWS data rows get only their flagged rows (with the original row numbers), which
keeps the receipt fast and small; 汇总 says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from sgs_cli.findings import (ERROR, INFO, SEVERITY_LABEL, SGS_ORIGIN_COLUMN, SGS_ROW_COLUMNS, WARNING, FileReport,
                               Report)
from sgs_cli.records.mapping import LATE_NOTE_HEADER, LATE_NOTE_KEY
from sgs_cli.rules.codes import FACT_LABEL, is_fact
from sgs_cli.standard import KIND_LABEL
from sgs_cli.io.write import clean_text, refuse_existing, safe_sheet_title, set_text
from sgs_cli.codes.idtext import mask_ids
from sgs_cli.render.masking import mask_workbook
from sgs_cli.render import copying
from sgs_cli.render.copying import write_workbooks

LARGE_ROWS = 50_000
#: a fact about the process (late report, not reported: rules/base.Code.fact) is marked apart: it is not
#: something to correct, and the record is not returned for it
FACT = "fact"
FILL = {ERROR: "FFC7CE", WARNING: "FFEB9C", INFO: "DDEBF7", FACT: "E4DFEC"}
FONT = {ERROR: "9C0006", WARNING: "9C5700", FACT: "5B2C6F"}
FACT_NOTE = "已发生的事实，不需修改数据，不退回"
FACT_PREFIX = "【事实，不需修改数据】"
#: 汇总's hidden column holding each row's rule code (for machines; the department reads the rule's name)
CODE_COLUMN, CODE_HEADER = 10, "规则代码"


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
    targets = receipt_paths(report, Path(out))
    refuse_existing([p for _, p in targets], force, inputs=inputs)  # every name, before any receipt is written
    from sgs_cli.render.paper import finish

    def build(fr, fresh):
        wb = build_receipt(fr, show_sensitive, fresh=fresh)
        finish(wb, f"错误回执：{Path(fr.path).name}", copied=[t for t in wb.sheetnames if t != "汇总"])
        return wb

    return write_workbooks([(path, partial(build, fr)) for fr, path in targets], inputs)


MAX_ROW, MAX_COL = copying.MAX_ROW, copying.MAX_COL


def _column_index(letters: str | None) -> int | None:
    """1-based column of a letter code (any length), None when there is none."""
    if not letters or not letters.isalpha():
        return None
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _unmerge_flagged(ws, cells) -> None:
    """Unmerge the merged ranges that hold a flagged cell: its fill and comment need a real cell."""
    for rng in list(ws.merged_cells.ranges):
        if any(rng.min_row <= r <= rng.max_row and rng.min_col <= c <= rng.max_col for r, c in cells):
            ws.unmerge_cells(str(rng))


def _flagged_rows(fr: FileReport) -> dict[str, dict[int, list]]:
    """Sheet → {physical row: values} of the header and flagged rows of a large input, read again through
    the one input path — streamed when the validation streamed it (memory stays bounded at a million rows)."""
    from sgs_cli.io.source import open_input

    wanted = {sr.sheet: {f.row for f in sr.findings if f.row} | ({sr.header_row} if sr.header_row else set())
              for sr in fr.sheets if sr.kind}
    out: dict[str, dict[int, list]] = {name: {} for name in wanted}
    for src in open_input(fr.path).sheets():
        rows = wanted.get(src.name)
        if not rows:
            continue
        for batch in src.batches():
            out[src.name].update((n, row) for n, row in batch if n in rows)
    return out


def build_receipt(fr: FileReport, show_sensitive: bool = False, fresh: str | None = None,
                  renumber: dict[str, dict[int, int]] | None = None):
    """The receipt workbook of one file; ``fresh``: why the input's own workbook is not copied (then the
    receipt is rebuilt from the cells, and 汇总 says why). ``renumber``: sheet → {original row: row in the
    file given back} for a return file that keeps only some rows (render/split.py): the 错误原因 name the
    cells where the record will sit, and a 原行号 column gives the row in the original.

    Per checked sheet: its findings indexed by cell and by row (:func:`_index_findings`), a large input's copy cut
    to its flagged rows (:func:`_flagged_copy`), the flagged cells coloured and commented (:func:`_mark_cells`),
    the columns appended to each flagged row (:func:`_row_columns`); then 汇总 (:func:`_summary_sheet`)."""
    total_rows = sum(s.rows for s in fr.sheets)
    large = total_rows > LARGE_ROWS
    wb, titles, note = copying.load_copy(fr, large, fresh)
    shown = (lambda t: t) if show_sensitive else mask_ids  # comments and reasons quote values
    picked = _flagged_rows(fr) if large else {}
    styles = _Styles.of(wb)
    beyond: list = []  # (sheet, finding) in cells past Excel's last row or column: listed on 汇总
    for sr in fr.sheets:
        if titles.get(sr.sheet) not in wb.sheetnames:
            continue
        ws = wb[titles[sr.sheet]]
        by_cell, by_row = _index_findings(sr, large, beyond)
        if large:  # header + flagged rows only, first column 原行号
            row_map, shift = _flagged_copy(ws, sr, picked.get(sr.sheet, {}), by_row), 1
        else:
            _unmerge_flagged(ws, set(by_cell))
            row_map, shift = {}, 0
        _mark_cells(ws, sr, by_cell, row_map if large else None, shift, styles, shown)
        if by_row:
            _row_columns(ws, sr, by_row, row_map if large else None, (renumber or {}).get(sr.sheet), styles, shown)
        _print_setup(ws, (1 if large else (sr.header_row or 1)))
        _widen_dates(ws, sr, shift)
    _summary_sheet(wb, fr, large, total_rows, note, beyond)
    if not show_sensitive:  # 汇总 quotes messages and values: the one ID masking (the data sheets are the input's own)
        mask_workbook(wb.worksheets[0])
    return wb


@dataclass
class _Styles:
    """The receipt's fills, fonts and wrap registered once in the workbook's style tables, as ids: assigning a style
    object per cell hashes it every time (minutes at 280k cells)."""

    fills: dict[str, int]
    fonts: dict[str, int]
    wrap: int
    bold: object

    @classmethod
    def of(cls, wb) -> _Styles:
        from openpyxl.styles import Alignment, Font, PatternFill

        return cls({sev: wb._fills.add(PatternFill("solid", fgColor=color)) for sev, color in FILL.items()},
                   {sev: wb._fonts.add(Font(color=color)) for sev, color in FONT.items()},
                   wb._alignments.add(Alignment(wrap_text=True, vertical="top")), Font(bold=True))


def _index_findings(sr, large: bool, beyond: list) -> tuple[dict[tuple[int, int], list], dict[int, list]]:
    """(findings by (row, column index), findings by row) of a sheet; a finding in a cell past Excel's last row or
    column goes to ``beyond`` (listed on 汇总) instead."""
    by_cell: dict[tuple[int, int], list] = defaultdict(list)
    by_row: dict[int, list] = defaultdict(list)
    for f in sr.findings:
        if f.row and f.column:
            c = _column_index(f.column)
            if c is None or c + (1 if large else 0) > MAX_COL or (not large and f.row > MAX_ROW):
                beyond.append((sr, f))
                continue
            by_cell[(f.row, c)].append(f)
        if f.row and f.row != sr.header_row:
            by_row[f.row].append(f)
        for r in () if large else f.rows or ():  # a table-level finding marks each row it concerns
            by_row[r].append(f)  # (a large input's receipt keeps to the rows flagged cell by cell)
    return by_cell, by_row


def _flagged_copy(ws, sr, rows: dict[int, list], by_row: dict[int, list]) -> dict[int, int]:
    """A large input's sheet: its header and flagged rows only (``rows``: row number → values), first column 原行号;
    the map original row → row in the receipt."""
    row_map: dict[int, int] = {}
    header = rows.get(sr.header_row, []) if sr.header_row else []
    set_text(ws.cell(1, 1), "原行号")
    for c, v in enumerate(header[:MAX_COL - 1], start=2):
        set_text(ws.cell(1, c), v) if isinstance(v, str) else ws.cell(1, c, v)
    for i, r in enumerate(sorted(by_row)[:MAX_ROW - 1], start=2):
        row_map[r] = i
        ws.cell(i, 1, r)
        for c, v in enumerate(rows.get(r, [])[:MAX_COL - 1], start=2):
            set_text(ws.cell(i, c), v) if isinstance(v, str) else ws.cell(i, c, v)
    if sr.header_row:
        row_map[sr.header_row] = 1
    return row_map


def _mark_cells(ws, sr, by_cell: dict, row_map: dict[int, int] | None, shift: int, styles: _Styles, shown) -> None:
    """Each flagged cell filled in its worst severity's colour with a comment of its findings (a defect repeated on
    most rows: commented on its first rows only); the header of a column empty in every row says so. ``row_map``:
    a large input's rows in the receipt (None: the rows are the input's)."""
    from openpyxl.comments import Comment

    quiet, blank = rolled_cells(sr)
    for (r, c), items in by_cell.items():
        if row_map is not None and r not in row_map:
            continue
        if (r, c) in blank and len(items) == 1:
            continue  # a column empty in every row: marked at its header and first rows, not 20,000 times
        cell = ws.cell(row_map[r] if row_map is not None else r, c + shift)
        _style_ids(cell, fillId=styles.fills[_worst(items)])
        if (r, c) in quiet:
            continue
        text = "\n".join(f"[{_label(f)}] {f.message}" + (f"\n→ {f.hint}" if f.hint else "") for f in items)
        cell.comment = Comment(clean_text(shown(text))[:30000], "sgs")
    for g in _groups(sr):
        if g.code == "REQUIRED_MISSING" and g.count >= sr.rows and sr.header_row:
            c = _column_index(g.column)
            if c is None or c + shift > MAX_COL:
                continue
            head = ws.cell(row_map.get(sr.header_row, sr.header_row) if row_map is not None else sr.header_row,
                           c + shift)
            _style_ids(head, fillId=styles.fills[g.severity])
            head.comment = Comment(clean_text(f"整列未填写：全部{g.count}行均为空（只标出前{len(g.rows)}行，见“汇总”）"
                                              + (f"\n→ {g.first.hint}" if g.first.hint else "")), "sgs")


def _row_columns(ws, sr, by_row: dict[int, list], row_map: dict[int, int] | None, moved: dict[int, int] | None,
                 styles: _Styles, shown) -> None:
    """The columns appended after the last header of a sheet with flagged rows: 迟报说明 (the department's reason,
    kept when the file is sent back), 原行号 (a return file's ``moved`` rows: the row in the original), then
    错误原因 and 修改建议 on each flagged row. ``row_map`` as for :func:`_mark_cells`."""
    from openpyxl.utils import get_column_letter

    large = row_map is not None
    header_at = 1 if large else (sr.header_row or 1)
    # the last written header, not ws.max_column: real templates format 16,384 blank columns
    last_col = max((c.column for c in ws[header_at] if c.value not in (None, "")), default=0) + 1
    if last_col + 1 > MAX_COL:  # the header fills every column: reasons stay on 汇总 and in the comments
        return
    if large:
        moved = None
    note_rows = [r for r in _late_note_rows(sr, by_row) if moved is None or r in moved] if not large else []
    if note_rows and last_col + 2 <= MAX_COL:  # a column for the department's reason, kept when sent back
        note_cell = ws.cell(header_at, last_col)
        _unmerge_flagged(ws, {(header_at, last_col)} | {(r, last_col) for r in note_rows})
        set_text(note_cell, LATE_NOTE_HEADER)
        note_cell.font = styles.bold
        _style_ids(note_cell, fillId=styles.fills[FACT])
        for r in note_rows:
            _style_ids(ws.cell(r, last_col), fillId=styles.fills[FACT])
        ws.column_dimensions[get_column_letter(last_col)].width = 30
        last_col += 1
    if moved and last_col + 2 <= MAX_COL:  # the row of each record in the original file
        _unmerge_flagged(ws, {(header_at, last_col)} | {(r, last_col) for r in moved})
        origin = ws.cell(header_at, last_col)
        set_text(origin, SGS_ORIGIN_COLUMN)
        origin.font = styles.bold
        for r in moved:
            ws.cell(r, last_col, r)
        ws.column_dimensions[get_column_letter(last_col)].width = 8
        last_col += 1
    _unmerge_flagged(ws, {(r, c) for r in by_row for c in (last_col, last_col + 1)}
                     | {(header_at, last_col), (header_at, last_col + 1)})
    for c, label in ((last_col, REASON_HEADER), (last_col + 1, HINT_HEADER)):
        set_text(ws.cell(header_at, c), label).font = styles.bold
    for r, items in by_row.items():
        at = row_map.get(r) if row_map is not None else r
        if at is None or at > MAX_ROW:
            continue
        reasons, hints = row_reasons(r, items, moved)
        if not reasons:
            continue
        worst = _worst(items)
        for c, text in ((last_col, reasons), (last_col + 1, hints)):
            cell = set_text(ws.cell(at, c), shown(text))
            _style_ids(cell, alignmentId=styles.wrap, fontId=styles.fonts.get(worst, styles.fonts[WARNING]))
    ws.column_dimensions[get_column_letter(last_col)].width = 60
    ws.column_dimensions[get_column_letter(last_col + 1)].width = 60


#: the two columns sgs appends to each flagged row (also recognised, and dropped, when a returned file comes back)
REASON_HEADER, HINT_HEADER = SGS_ROW_COLUMNS
#: width that shows a YYYY/MM/DD date without "###"
DATE_WIDTH = 12


def _worst(items: list) -> str:
    """The mark of a cell or row: the worst fixable finding's severity; FACT when only facts (and notes)."""
    fixable = [f for f in items if not is_fact(f.code)]
    if any(f.severity == ERROR for f in fixable):
        return ERROR
    if any(f.severity == WARNING for f in fixable):
        return WARNING
    if any(f.severity != INFO for f in items):
        return FACT
    return INFO


def _label(f) -> str:
    return f"{SEVERITY_LABEL[f.severity]}，{FACT_LABEL}" if is_fact(f.code) and f.severity != INFO \
        else SEVERITY_LABEL[f.severity]


def _late_note_rows(sr, by_row: dict) -> list[int]:
    """Rows with a late-report fact, when the sheet has no 迟报说明 column yet: the receipt adds one."""
    from sgs_cli.records.mapping import extension_of

    if any(extension_of(text, sr.kind) == LATE_NOTE_KEY for _, text, _, _ in sr.header_columns):
        return []
    return sorted(r for r, items in by_row.items() if any(f.code in LATE_CODES for f in items))


#: the ledger facts a department explains in 迟报说明 (a 790 table's DEADLINE_PASSED is explained in the
#: ledger that records the report, not in the table uploaded to the platform)
LATE_CODES = frozenset({"LATE_REPORT", "LATE_PUSH", "NOT_REPORTED_OVERDUE"})


def row_reasons(row: int, items: list, moved: dict[int, int] | None = None) -> tuple[str, str]:
    """The 错误原因 and 修改建议 texts of one row (errors and warnings; hints without repeats). A table-level
    finding (one that lists its rows) says what it means for this row rather than its whole sentence. A
    fact (late report …) says that it is one: nothing to correct. ``moved``: original row → row in the file
    given back (a return file): cells are named where they now are."""
    from sgs_cli.rules.timeliness import ROW_TEXT

    reasons, hints = [], []
    for f in items:
        if f.severity == INFO:
            continue
        fact = FACT_PREFIX if is_fact(f.code) else ""
        here = moved.get(row, row) if moved else row
        if f.rows and f.row != row:
            reasons.append(fact + (f"第{here}行{ROW_TEXT[f.code]}" if f.code in ROW_TEXT else f"整表：{f.message}"))
        else:
            at = moved.get(f.row, f.row) if moved and f.row else f.row
            cell = f"{f.column}{at}" if f.column and at else f"第{at}行"
            reasons.append(fact + f"{cell}{('「' + f.field_name + '」') if f.field_name else ''}{f.message}")
        if f.hint and f.hint not in hints:
            hints.append(f.hint)
    return "；".join(reasons), "；".join(hints)


def _print_setup(ws, header_row: int) -> None:
    """Printed, a data sheet fits the page width in landscape and repeats its header rows on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_row}"


def _widen_dates(ws, sr, shift: int) -> None:
    """Date columns at least DATE_WIDTH wide, so a copied narrow column does not show ###."""
    from openpyxl.utils import get_column_letter

    from sgs_cli.standard import BY_KIND, FieldType

    spec = BY_KIND.get(sr.kind)
    if spec is None:
        return
    for code, letter in sr.columns.items():
        if code in spec.codes and spec.by_code(code).type is FieldType.DATE:
            index = _column_index(letter)
            if index is None or index + shift > MAX_COL:  # a header past Excel's last column (a CSV): no width
                continue
            target = get_column_letter(index + shift)
            known = target in ws.column_dimensions  # a column without its own width shows Excel's 8.43
            dim = ws.column_dimensions[target]
            if not known or dim.width is None or dim.width < DATE_WIDTH:
                dim.width = DATE_WIDTH


def _summary_sheet(wb, fr: FileReport, large: bool, total_rows: int, note: str | None = None,
                   beyond: Sequence = ()) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(safe_sheet_title("汇总", wb.sheetnames), 0)
    title = Font(bold=True, size=14)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    facts = [(s, f) for s in fr.sheets for f in s.findings if f.severity != INFO and is_fact(f.code)]
    errors = sum(s.errors for s in fr.sheets) - sum(1 for _, f in facts if f.severity == ERROR)
    warnings = sum(s.warnings for s in fr.sheets) - sum(1 for _, f in facts if f.severity == WARNING)
    set_text(ws.cell(1, 1), f"双公示数据校验错误回执：{Path(fr.path).name}")
    ws.cell(1, 1).font = title
    fact_text = (f"另有{len(facts)}项迟报、逾期未报送等时效情况（紫色）：{FACT_NOTE}，计入月报告“逾期明细”，"
                 f"可在台账“{LATE_NOTE_HEADER}”列写明原因；") if facts else ""
    set_text(ws.cell(2, 1), f"共{total_rows}行数据，{errors}个需要修改的错误（红色），{warnings}个警告（黄色）；{fact_text}"
                            "出错单元格已标色并附批注，每行末尾“错误原因”列汇总该行问题。")
    r = 3
    if note:
        set_text(ws.cell(r, 1), note)
        ws.cell(r, 1).font = Font(bold=True, color="9C0006")
        r += 1
    if large:
        set_text(ws.cell(r, 1), f"数据超过{LARGE_ROWS}行，回执中只列出有问题的行，第一列“原行号”为原表中的行号。")
        ws.cell(r, 1).font = Font(bold=True, color="9C0006")
        r += 1
    findings = [(s, f) for s in fr.sheets for f in s.findings]

    def block(row, title_text, headers, rows, codes=None):
        """A table of 汇总; ``codes``: each row's rule code, kept for machines in the hidden column CODE_COLUMN
        (the department reads the rule's Chinese name)."""
        set_text(ws.cell(row, 1), title_text)
        ws.cell(row, 1).font = bold
        row += 1
        for c, h in enumerate(headers, start=1):
            set_text(ws.cell(row, c), h)
            ws.cell(row, c).font = bold
            ws.cell(row, c).fill = head_fill
        if codes is not None:
            set_text(ws.cell(row, CODE_COLUMN), CODE_HEADER)
        for i, values in enumerate(rows):
            row += 1
            for c, v in enumerate(values, start=1):
                set_text(ws.cell(row, c), v) if isinstance(v, str) else ws.cell(row, c, v)
            if codes is not None:
                set_text(ws.cell(row, CODE_COLUMN), codes[i])
        return row + 2

    by_rule = Counter((f.code, f.severity) for _, f in findings)
    sample: dict[str, str] = {}
    for _, f in findings:
        sample.setdefault(f.code, f.message)
    r = rollup_block(r + 1, fr, block)
    from sgs_cli.rules.codes import title
    from sgs_cli.rules.timeliness import row_ranges

    ranked = by_rule.most_common()
    r = block(r, "按规则统计", ["规则", "级别", "数量", "示例说明", "处理"],
              [(title(code) or code, SEVERITY_LABEL[sev], n, sample[code],
                "提示" if sev == INFO else f"{FACT_LABEL}：{FACT_NOTE}" if is_fact(code) else "需修改")
               for (code, sev), n in ranked],
              [code for (code, _), _ in ranked])
    if facts:  # each fact with the reason the department gave (迟报说明), nothing cut off
        notes = _late_notes(fr)
        r = block(r, f"迟报、逾期未报送等时效情况（{FACT_NOTE}，计入月报告）",
                  ["工作表", "位置", "说明", LATE_NOTE_HEADER],
                  [(s.sheet, f.cell or (f"第{row_ranges(f.rows)}行" if f.rows else f"第{f.row}行"), f.message,
                    notes.get((s.sheet, f.row), "")) for s, f in facts],
                  [f.code for _, f in facts])
    by_col = Counter((s.sheet, f.column or "", f.field_name or "（整表）") for s, f in findings if f.severity != INFO)
    r = block(r, "按列统计（错误和警告）", ["工作表", "列", "字段", "数量"],
              [(sh, col, name, n) for (sh, col, name), n in by_col.most_common()])
    table_level = [(s, f) for s, f in findings if f.severity != INFO and not is_fact(f.code) and (f.rows or (f.row in (None, s.header_row)
                                                                                     and not f.column))]
    if table_level:  # 整表问题 in full: the whole sentence and every row concerned, nothing cut off
        r = block(r, "整表问题（涉及的行已在各行“错误原因”中标出）", ["工作表", "规则", "级别", "说明", "涉及的行"],
                  [(s.sheet, title(f.code) or f.code, SEVERITY_LABEL[f.severity], f.message,
                    row_ranges(f.rows) if f.rows else "全部") for s, f in table_level],
                  [f.code for _, f in table_level])
    r = block(r, "按工作表统计", ["工作表", "类型", "数据行数", "错误", "警告"],
              [(s.sheet, KIND_LABEL.get(s.kind or "", "未识别"), s.rows, s.errors, s.warnings) for s in fr.sheets])
    if beyond:
        block(r, "超出 Excel 行列上限的单元格中的问题（无法在表中标注）", ["工作表", "单元格", "级别", "说明"],
              [(s.sheet, f.cell or "", SEVERITY_LABEL[f.severity], f.message) for s, f in beyond])
    for col, width in zip("ABCDEF", (26, 10, 34, 60, 30, 30)):
        ws.column_dimensions[col].width = width
    from openpyxl.utils import get_column_letter

    ws.column_dimensions[get_column_letter(CODE_COLUMN)].hidden = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = "A4"
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 4)
    for r in range(2, 4):  # the sentences under the title: wrapped over the table's width, not spilling off the page
        if ws.cell(r, 1).value and not ws.cell(r, 2).value:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
            ws.cell(r, 1).alignment = Alignment(vertical="top", wrap_text=True)


def _late_notes(fr: FileReport) -> dict[tuple[str, int | None], str]:
    """(sheet, row) → the 迟报说明 the department wrote (records kept by the validation only)."""
    from sgs_cli.records.mapping import late_note

    return {(sr.sheet, rec.row): note for sr in fr.sheets for rec in sr.records or ()
            if (note := late_note(rec))}


def rolled_cells(sr) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Cells of rolled-up (rule, column) groups (report/rollup.py) past their first rows: (quiet, blank).
    Quiet cells are coloured but get no comment each (20,000 identical comments make the receipt slow and
    huge; 汇总 lists the group); blank cells — a column empty in every row — are not marked one by one at
    all (the column's header and first rows are)."""
    from openpyxl.utils import column_index_from_string

    from sgs_cli.render.rollup import FIRST_ROWS

    groups = _groups(sr)
    shown = {(g.code, g.severity, g.column): set(g.rows[:FIRST_ROWS]) for g in groups}
    whole = {(g.code, g.severity, g.column) for g in groups if g.code == "REQUIRED_MISSING" and g.count >= sr.rows}
    quiet: set[tuple[int, int]] = set()
    blank: set[tuple[int, int]] = set()
    if not shown:
        return quiet, blank
    for f in sr.findings:
        key = (f.code, f.severity, f.column)
        first = shown.get(key)
        if first is not None and f.row not in first:
            cell = (f.row, column_index_from_string(f.column))
            quiet.add(cell)
            if key in whole:
                blank.add(cell)
    return quiet, blank


def rollup_block(r: int, fr: FileReport, block) -> int:
    """汇总: the problems repeated on most rows of a column, one line each (count and first rows)."""
    from sgs_cli.rules.codes import title

    rows, codes = [], []
    for sr in fr.sheets:
        for g in _groups(sr):
            codes.append(g.code)
            rows.append((sr.sheet, g.column, g.first.field_name or "", title(g.code) or g.code,
                         SEVERITY_LABEL[g.severity], g.count,
                         "、".join(str(x) for x in g.rows) + ("…" if g.count > len(g.rows) else ""),
                         g.first.message if g.same_message else f"{g.first.message}等"))
    if not rows:
        return r
    return block(r, "大量重复的问题（同一列多数行相同，只在前几行加批注）",
                 ["工作表", "列", "字段", "规则", "级别", "行数", "前几行", "说明"], rows, codes)


def _style_ids(cell, **ids) -> None:
    """Set style ids (fillId, fontId, alignmentId) registered in the workbook once, on the cell's own
    StyleArray — what openpyxl's style descriptors do, without hashing the style object per cell."""
    from openpyxl.styles.cell_style import StyleArray

    if not cell._style:
        cell._style = StyleArray()
    for k, v in ids.items():
        setattr(cell._style, k, v)


def _groups(sr):
    """The rolled-up groups of a sheet (report/rollup.py), computed once per receipt."""
    from sgs_cli.render.rollup import rollup

    got = getattr(sr, "_rollup", None)
    if got is None or got[0] != len(sr.findings):
        got = (len(sr.findings), rollup(sr.findings, sr.rows)[0])
        sr._rollup = got
    return got[1]
