"""The print layout of every sheet sgs writes, decided by the sheet's content, and the one finishing step
(:func:`finish`) every writer runs before saving: typography (render/typography.py), then the page.

Per sheet, from its column widths and smallest font:

* portrait when the columns fit an A4 portrait page at 100 %, else landscape;
* a sheet that fits one page width at 9 pt or more is fitted to it (fitToWidth = 1, as many pages tall as it needs,
  or one page when the whole sheet fits): its wide text columns are narrowed (wrapped) first to a width with room to
  spare (:data:`FIT_ROOM`), so a viewer whose digits print wider than 宋体's (LibreOffice without 宋体 draws them in
  DejaVu Sans, 16 % wider) shrinks it a little instead of printing its last column on a page of its own; the title
  rows stay merged across the printed columns;
* a wider sheet is printed at the 9-pt scale over several pages across, the key columns (those left of the frozen
  pane, else column A) repeated on each page, never shrunk to 6 pt on one page;
* the title and table-head rows (those above the frozen pane) repeated on every page;
* a page header with the document's title and the unit, a footer 第 N 页 共 M 页;
* a sheet named 使用说明 (notes for the office's own clerk, with the commands) is hidden: printing the workbook
  never prints it (Excel, WPS and LibreOffice print the visible sheets), the clerk unhides it from the tab bar.

The facts (orientation, scale, repeated rows and columns) are plain workbook properties, so the tests read
them from the files; :func:`print_facts` computes what a page holds the same way.
"""

from __future__ import annotations

import math

from sgs_cli.render.typography import BODY_SIZE, MIN_PRINT_PT
from sgs_cli.render.official import existing_rows

#: A4 in points and the margins sgs sets (inches, as openpyxl stores them)
A4_W, A4_H = 595.0, 842.0
SIDE_MARGIN_IN = 0.5
#: sheets of notes for the office's clerk, never printed
NOT_PRINTED = ("使用说明",)
DEFAULT_WIDTH = 8.43  # Excel's width of a column nobody sized (characters)
#: sheets longer than this are not scanned cell by cell (fonts and widths come from the style tables)
SCAN_ROWS = 5000
#: sheets of up to this many columns are narrowed to a portrait page when their text columns allow it
PORTRAIT_COLUMNS = 6


#: pixels of one width unit: the widest digit of the default font, 宋体 11 pt (8 px at 96 dpi; Calibri's is 7)
UNIT_PX = 8


def width_points(width: float | None) -> float:
    """A column width (Excel's character units) in points: UNIT_PX per character plus 5 px padding at 96 dpi."""
    w = DEFAULT_WIDTH if width is None else width
    return (w * UNIT_PX + 5) * 0.75


def printable_width(landscape: bool) -> float:
    return (A4_H if landscape else A4_W) - 2 * 72 * SIDE_MARGIN_IN


def printable_height(landscape: bool) -> float:
    """Page height less the top and bottom margins (0.75 in each, the header and footer inside them)."""
    return (A4_W if landscape else A4_H) - 2 * 72 * 0.75


def sheet_height(ws) -> float:
    """The printed height of all rows (points at 100 %); rows nobody sized count 15 pt."""
    n = ws.max_row or 1
    custom = {r: d.height for r, d in ws.row_dimensions.items() if d.height is not None and r <= n}
    return sum(custom.values()) + 15.0 * (n - len(custom))


def _text_units(text: str) -> float:
    """Width units a text takes in 宋体: a CJK character prints slightly wider than two digits."""
    return sum(2.2 if ord(c) > 0x2E7F else 1.0 for c in text)


#: a text column is narrowed (its text wraps) down to this share of its width, never below NARROW_MIN units
NARROW_SHARE, NARROW_MIN, NARROW_FROM = 0.6, 10.0, 14.0
#: the share of the printable width a narrowed sheet is narrowed to: room for a viewer's wider digits
FIT_ROOM = 0.95


def narrow(ws, target_pt: float) -> bool:
    """Narrow the wide text columns (wider than 14 units) in proportion, down to 60 % of their width, so that the
    sheet fits ``target_pt`` (one landscape page at the 9-pt scale); True when done. A sheet that would need more
    is left as it is (it prints over pages across instead)."""
    from openpyxl.utils import get_column_letter

    cols = _columns(ws)
    total = sum(w for _, w in cols)
    if total <= target_pt:
        return False
    wide = []
    for c, _ in cols:
        dim = ws.column_dimensions.get(get_column_letter(c))
        units = dim.width if dim is not None and dim.customWidth and dim.width else DEFAULT_WIDTH
        if units > NARROW_FROM:
            wide.append((dim, units))
    spare = sum((u - max(NARROW_MIN, u * NARROW_SHARE)) * UNIT_PX * 0.75 for _, u in wide)
    excess = total - target_pt
    if not wide or spare < excess:
        return False
    share = excess / spare
    for dim, u in wide:
        dim.width = round(u - (u - max(NARROW_MIN, u * NARROW_SHARE)) * share - 0.05, 1)
    _wrap_columns(ws, {dim.index for dim, _ in wide})
    return True


def _wrap_columns(ws, letters: set[str]) -> None:
    """Wrap the texts of the narrowed columns (``letters``) below the title rows, so none is cut at its new width."""
    from copy import copy

    from openpyxl.utils import get_column_letter

    rows_above, _ = _freeze(ws)
    for row in existing_rows(ws, rows_above + 1, SCAN_ROWS):
        for c in row:
            if isinstance(c.value, str) and get_column_letter(c.column) in letters and not c.alignment.wrap_text:
                al = copy(c.alignment)
                al.wrap_text = True
                c.alignment = al



def fit_heights(ws, max_row: int | None = None) -> None:
    """Rows tall enough for their wrapped texts, measured in 宋体 against the column (or merged range) width."""
    from openpyxl.utils import get_column_letter

    spans = {}
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.min_col, rng.max_col, rng.max_row - rng.min_row + 1)
    widths = {}
    for row in existing_rows(ws, max_row=max_row):
        need = 0.0
        for c in row:
            if not isinstance(c.value, str) or not c.has_style or not c.alignment.wrap_text:
                continue
            c0, c1, nrows = spans.get((c.row, c.column), (c.column, c.column, 1))
            w = 0.0
            for col in range(c0, c1 + 1):
                if col not in widths:
                    dim = ws.column_dimensions.get(get_column_letter(col))
                    widths[col] = dim.width if dim is not None and dim.width else DEFAULT_WIDTH
                w += widths[col]
            lines = sum(max(1, math.ceil(_text_units(p) / max(w - 1, 1))) for p in c.value.split("\n"))
            size = float(c.font.sz or BODY_SIZE) if c.font is not None else float(BODY_SIZE)
            need = max(need, (lines * size * 1.35 + 3) / nrows)
        r = row[0].row if row else None
        if r is not None and need:
            dim = ws.row_dimensions[r]
            if dim.height is None or dim.height < need:
                dim.height = round(need, 1)


def display_width(text: str) -> int:
    """Column-width units a text needs: a CJK character takes about two."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _columns(ws) -> list[tuple[int, float]]:
    from openpyxl.utils import get_column_letter

    out = []
    for c in range(1, (ws.max_column or 1) + 1):
        dim = ws.column_dimensions.get(get_column_letter(c))
        if dim is not None and dim.hidden:
            continue
        out.append((c, width_points(dim.width if dim is not None and dim.customWidth else None)))
    return out


def smallest_font(ws) -> float:
    """The smallest font size of a cell holding a value (the sheet's body size when none is smaller)."""
    sizes = set()
    for row in existing_rows(ws, max_row=SCAN_ROWS):
        for c in row:
            if c.value is not None and c.has_style and c.font is not None and c.font.sz:
                sizes.add(float(c.font.sz))
    return min(sizes) if sizes else float(BODY_SIZE)


def _freeze(ws) -> tuple[int, int]:
    """(rows above, columns left of) the frozen pane; (0, 0) without one."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    if not ws.freeze_panes:
        return 0, 0
    col, row = coordinate_from_string(ws.freeze_panes)
    return row - 1, column_index_from_string(col) - 1


def _escape(text: str) -> str:
    """A page-header text: no character XML cannot hold (a unit named with U+FFFE), ``&`` doubled (header codes)."""
    from sgs_cli.io.write import clean_text

    return clean_text(text).replace("&", "&&")


def layout_sheet(ws, title: str = "", unit: str = "") -> None:
    """Orientation, scale, repeated rows/columns, header and footer of one sheet, from its content."""
    from openpyxl.utils import get_column_letter

    if ws.title in NOT_PRINTED:
        ws.sheet_properties.tabColor = "A6A6A6"
        ws.sheet_state = "hidden"  # never printed with the workbook; 取消隐藏 shows it to the clerk
        return
    min_scale = math.ceil(MIN_PRINT_PT / smallest_font(ws) * 100)
    if ws.max_row <= SCAN_ROWS:
        # a narrow sheet (a summary, a list of a few columns) prints portrait at 100 % if its text columns can wrap
        # to fit; any other sheet is narrowed, if it can be, to one landscape page at the 9-pt scale
        if not (len(_columns(ws)) <= PORTRAIT_COLUMNS and narrow(ws, printable_width(False) * FIT_ROOM)):
            narrow(ws, printable_width(True) * 100 / min_scale * FIT_ROOM)
        fit_heights(ws)
    cols = _columns(ws)
    total = sum(w for _, w in cols) or width_points(None)
    height = sheet_height(ws)
    one_page = {land: min(printable_width(land) / total, printable_height(land) / height) * 100
                for land in (False, True)}
    rows_above, cols_left = _freeze(ws)
    tall = 0  # fitToHeight: 0 = as many pages as the rows need
    if max(one_page.values()) >= min_scale:  # the whole sheet on one page, in the orientation that prints larger
        landscape = min(100, one_page[True]) > min(100, one_page[False])  # portrait when both print at 100 %
        fit = scale = min(100, math.floor(one_page[landscape]))
        tall = 1
    else:
        landscape = total > printable_width(False)
        fit = math.floor(printable_width(landscape) / total * 100)
        scale = max(10, min(100, fit))
    ps = ws.page_setup
    wide = scale < min_scale
    if wide:  # would shrink below 9 pt: print wider, over pages across, key columns repeated
        scale = min(100, min_scale)
        if not cols_left:  # column A is the key (部门, 文号…): frozen on screen, repeated on paper
            cols_left = 1
            ws.freeze_panes = f"B{rows_above + 1}"
        ws.print_title_cols = f"A:{get_column_letter(cols_left)}"
        _titles_left(ws, rows_above, cols, printable_width(landscape) * 100 / scale)
        ps.fitToWidth = ps.fitToHeight = None
    else:  # one page wide: the viewer fits it, whatever width its own font gives the columns
        ps.fitToWidth, ps.fitToHeight = 1, tall
        _titles_across(ws, rows_above, cols)
    ws.sheet_properties.pageSetUpPr.fitToPage = not wide
    ps.paperSize = ws.PAPERSIZE_A4
    ps.orientation = "landscape" if landscape else "portrait"
    ps.scale = scale
    if rows_above:
        ws.print_title_rows = f"1:{rows_above}"
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = not landscape or fit >= scale
    head = _escape(title or ws.title)
    ws.oddHeader.center.text = head
    ws.oddHeader.center.size = 9
    ws.oddHeader.center.font = "宋体,常规"
    if unit:
        ws.oddHeader.left.text = _escape(unit)
        ws.oddHeader.left.size = 9
        ws.oddHeader.left.font = "宋体,常规"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.size = 9
    ws.oddFooter.center.font = "宋体,常规"


#: how much wider a viewer may draw a column than 宋体 does (LibreOffice's DejaVu Sans digits: 16 %)
VIEWER_SPREAD = 1.16


def _titles_left(ws, rows: int, cols: list[tuple[int, float]], page_pt: float) -> None:
    """A sheet printed over pages across: its title rows start at the left, where the first page begins, merged over
    the columns of the first page only (``page_pt`` wide at 100 %, even in a viewer that draws columns wider) and
    wrapped there — centred over all the columns, or merged over them, the title and the info line would be cut at
    the page boundary."""
    from copy import copy

    room, last = page_pt / VIEWER_SPREAD, 1
    for c, w in cols:
        room -= w
        if room < 0:
            break
        last = c
    merged = set()
    for rng in list(ws.merged_cells.ranges):
        if rng.min_col == 1 and rng.min_row == rng.max_row <= rows:
            merged.add(rng.min_row)
            if rng.max_col > last:
                ws.unmerge_cells(str(rng))
                ws.merge_cells(start_row=rng.min_row, start_column=1, end_row=rng.min_row, end_column=last)
    for row in existing_rows(ws, max_row=max(rows, 1)):
        for c in row:
            title = c.column == 1 and c.row in merged
            if title or c.has_style and c.alignment.horizontal in ("center", "centerContinuous"):
                al = copy(c.alignment)
                al.horizontal = "left"
                al.wrap_text = al.wrap_text or title
                c.alignment = al
    fit_heights(ws, max_row=rows)


def _titles_across(ws, rows: int, cols: list[tuple[int, float]]) -> None:
    """A sheet printed one page wide: a title row merged from column A (the title, the info line) spans the printed
    columns, no more (a hidden column is not printed) and no fewer (over blank cells only)."""
    if not cols or not rows:
        return
    last = cols[-1][0]
    for rng in list(ws.merged_cells.ranges):
        if rng.min_col == 1 and rng.min_row == rng.max_row <= rows and rng.max_col != last and all(
                ws._cells.get((rng.min_row, c)) is None or ws._cells[(rng.min_row, c)].value is None
                for c in range(rng.max_col + 1, last + 1)):
            ws.unmerge_cells(str(rng))
            ws.merge_cells(start_row=rng.min_row, start_column=1, end_row=rng.min_row, end_column=last)


def print_facts(ws) -> dict:
    """What a printed page of ``ws`` holds, computed from the file's own properties: orientation, scale, the
    smallest font size after scaling, how many pages across, the repeated rows and columns."""
    cols = _columns(ws)
    total = sum(w for _, w in cols)
    ps = ws.page_setup
    landscape = ps.orientation == "landscape"
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth:
        scale = min(100.0, printable_width(landscape) / total * 100 * (ps.fitToWidth or 1))
        if ps.fitToHeight:
            scale = min(scale, printable_height(landscape) / sheet_height(ws) * 100 * ps.fitToHeight)
    else:
        scale = float(ps.scale or 100)
    across = math.ceil(total * scale / 100 / printable_width(landscape) - 1e-9) if total else 1
    return {"orientation": "landscape" if landscape else "portrait", "scale": scale,
            "min_pt": smallest_font(ws) * scale / 100, "pages_across": across,
            "title_rows": ws.print_title_rows, "title_cols": ws.print_title_cols}


def fit_widths(ws, first_row: int = 1, min_width: int = 6, max_width: int = 40) -> None:
    """Widths for columns nobody sized, from the display width of their texts (a CJK character counts two),
    and wrapped text where a value is longer than its column."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    need: dict[int, int] = {}
    for row in existing_rows(ws, first_row, SCAN_ROWS):
        for c in row:
            if c.value is None:
                continue
            text = c.value if isinstance(c.value, str) else ("2026-01-01" if hasattr(c.value, "year")
                                                              else str(c.value))
            need[c.column] = max(need.get(c.column, 0), max(display_width(p) for p in text.split("\n")) + 2)
    for col, w in need.items():
        dim = ws.column_dimensions[get_column_letter(col)]
        if not dim.customWidth:
            dim.width = max(min_width, min(max_width, w))
    wrap = Alignment(wrap_text=True, vertical="center")
    for row in existing_rows(ws, first_row, SCAN_ROWS):
        lines = 1
        for c in row:
            if isinstance(c.value, str):
                width = ws.column_dimensions[get_column_letter(c.column)].width or DEFAULT_WIDTH
                n = sum(math.ceil(display_width(p) / max(width - 1, 1)) or 1 for p in c.value.split("\n"))
                if n > 1:
                    c.alignment = wrap
                lines = max(lines, n)
        if lines > 1 and ws.row_dimensions[row[0].row].height is None:
            ws.row_dimensions[row[0].row].height = 15 * lines + 2


def finish(wb, title: str = "", unit: str = "", *, copied=(), kept=(), notes: bool = False) -> None:
    """The last step before saving any workbook sgs writes: no tool talk (render/official.py: every text of every
    sheet, only sgs's own columns in the ``copied`` sheets of a department's data, none in the ``kept`` sheets),
    fonts (typography.apply), then every sheet's page (layout_sheet). Applied to whatever sheets the workbook holds,
    so a sheet added later gets it too. ``notes``: the original texts go to a 使用说明 sheet for the office's own
    clerk. ``kept``: sheets that are no official document and are printed as written — a template's 填写说明 (it
    names the 790 field codes and how to check the filled file), convert's lists of the 790 fields to fill, the
    web's audit log."""
    from sgs_cli.render import official, typography

    originals = []
    for ws in wb.worksheets:
        if ws.title not in NOT_PRINTED and ws.title not in kept:
            originals += official.scrub_sheet(ws, official.sgs_columns(ws) if ws.title in copied else None)
    if notes and originals:
        official.notes_sheet(wb, originals)
    typography.apply(wb)
    for ws in wb.worksheets:
        layout_sheet(ws, title, unit)


__all__ = ["NOT_PRINTED", "display_width", "finish", "fit_widths", "layout_sheet", "print_facts", "printable_width",
           "width_points"]
