"""The lists of `sgs deadlines --ledger` (one or many ledgers, --due-within, --publication, --objections): a table on the terminal, JSON, CSV, or a workbook with -o."""

from __future__ import annotations

from pathlib import Path

from sgs_cli.reports.reminders import (
    Listing,
    check_severity,
    collect,
    due_listing,
    ledger_listing,
    objection_listing,
    publication_listing,
)


def wide_console(mask: bool = True):
    """The console of a list: when the output is not a terminal it is as wide as the longest line, so
    that no value is cut short ("中市监罚〔201…")."""
    from sgs_cli.render.console import make_console

    console = make_console(mask=mask)
    if not console.is_terminal:
        console.width = max(console.width, 4000)
    return console


def run_listing(paths, cal, today, *, due_within=None, publication=False, out=None, force=False, fmt="table",
                severity=None, objections=False) -> int:
    """`sgs deadlines --ledger …` with folders, several files, --due-within, --publication, -o, csv."""
    import json

    from sgs_cli.render.console import write_json

    lst, inputs = build_listing(paths, cal, today, due_within=due_within, publication=publication, severity=severity,
                                objections=objections)
    written = write_xlsx(lst, out, force, inputs=inputs) if out is not None else None
    if fmt == "json":
        doc = lst.to_dict()
        if written:
            doc["output"] = str(written)
        write_json(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        from sgs_cli.render.csv_out import write_csv

        write_csv(csv_rows(lst))
    else:
        console = wide_console()
        render(lst, console)
        if written:
            console.print(f"清单已写入：{written}", markup=False)
    return 0


def build_listing(paths, cal, today, *, due_within=None, publication=False, severity=None,
                  objections=False) -> tuple[Listing, list]:
    """The list the options ask for, and the files it read (shared by the command and the web page)."""
    if objections:
        lst = objection_listing(paths, cal, today, due_within)
        return lst, lst.extra["files"]
    c = collect(paths, cal, today, check_severity(severity))
    if publication:
        return publication_listing(c, cal, due_within), c.files
    if due_within is not None:
        return due_listing(c, due_within), c.files
    return ledger_listing(c), c.files


def render(lst: Listing, console) -> None:
    """A table that never cuts a value: a wrapped cell on a terminal, the natural width elsewhere."""
    from rich.markup import escape
    from rich.table import Table

    from sgs_cli.render.console import box_style

    table = Table(box=box_style(console), title=lst.title)
    for h in lst.headers:
        table.add_column(h, overflow="fold")
    for row in lst.rows:
        table.add_row(*(escape("" if v is None else str(v)) for v in row))
    console.print(table)
    if lst.summary:
        console.print(lst.summary, markup=False)


def write_xlsx(lst: Listing, out: Path, force: bool = False, inputs=()) -> Path:
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from sgs_cli.io.write import atomic_write_workbook, refuse_existing, set_value

    out = Path(out)
    refuse_existing([out], force, inputs)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    set_value(ws.cell(1, 1), lst.title).font = Font(bold=True, size=13)
    for c, h in enumerate(lst.headers, start=1):
        cell = set_value(ws.cell(2, c), h)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    widths = [max(8, len(h) * 2 + 2) for h in lst.headers]
    for r, row in enumerate(lst.rows, start=3):
        for c, v in enumerate(row, start=1):
            set_value(ws.cell(r, c), v)
            widths[c - 1] = min(60, max(widths[c - 1], len(str(v or "")) * 2 + 2))
    if lst.summary:
        set_value(ws.cell(len(lst.rows) + 4, 1), lst.summary)
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:2"
    return atomic_write_workbook(wb, out, inputs=inputs)


def csv_rows(lst: Listing) -> list[list]:
    from sgs_cli.render.csv_out import _cell

    return [lst.headers] + [[_cell(v) for v in row] for row in lst.rows]
