"""The lists of `sgs deadlines --ledger` (one or many ledgers, --due-within, --publication, --objections): a table on the terminal, JSON, CSV, or a workbook with -o."""

from __future__ import annotations

from collections.abc import Sequence

from pathlib import Path

from sgs_cli.render.reminders_text import (
    Listing,
    due_listing,
    ledger_listing,
    objection_listing,
    publication_listing,
    repair_listing,
)
from sgs_cli.reports.reminders import check_severity, collect, read_repairs, repaired_ends


def ledger_summary(c) -> str:
    """The closing line of the ledgers' list: the files, every status, and the 及时率 as shown (render/rates)."""
    from sgs_cli.render.rates import rate_text
    from sgs_cli.reports import decisions as ds

    counts = {k: sum(1 for d in c.decisions if d.status == k) for k in ds.STATUS_LABEL}
    needs, years = counts[ds.NEEDS_CALENDAR], ds.needs_calendar_years(c.decisions)
    shown = rate_text(ds.rate(counts), counts[ds.ON_TIME], counts[ds.LATE], counts[ds.OVERDUE], needs, years)
    return (f"{len(c.files)} 个文件共 {len(c.decisions)} 条：按时 {counts[ds.ON_TIME]}，逾期 {counts[ds.LATE]}，"
            f"未到期 {counts[ds.PENDING]}，已逾期未报送 {counts[ds.OVERDUE]}，无法计算 {counts[ds.UNKNOWN]}"
            + (f"，{ds.needs_calendar_label(years)} {needs}" if needs else "") +
            f"；及时率 {shown}（按时 ÷（按时＋逾期＋已逾期未报送））")


def wide_console(mask: bool = True):
    """The console of a list: when the output is not a terminal it is as wide as the longest line, so
    that no value is cut short ("中市监罚〔201…")."""
    from sgs_cli.render.console import make_console

    console = make_console(mask=mask)
    if not console.is_terminal:
        console.width = max(console.width, 4000)
    return console


def run_listing(paths, cal, today, *, due_within=None, publication=False, out=None, force=False, fmt="table",
                severity=None, objections=False, repairs=None) -> int:
    """`sgs deadlines --ledger …` with folders, several files, --due-within, --publication, -o, csv."""
    import json

    from sgs_cli.render.console import write_json

    lst, inputs = build_listing(paths, cal, today, due_within=due_within, publication=publication, severity=severity,
                                objections=objections, repairs=repairs)
    written = write_xlsx(lst, out, force, inputs=inputs) if out is not None else None
    if fmt == "json":
        doc = lst.to_dict()
        if written:
            doc["output"] = str(written)
        write_json(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        from sgs_cli.render.csv_out import write_csv

        write_csv(csv_rows(lst))
        if lst.notes:  # the table goes to stdout; what it cannot say goes to stderr
            from sgs_cli.render.console import make_console

            for note in lst.notes:
                make_console(stderr=True).print(f"注意：{note}", markup=False)
    else:
        console = wide_console()
        render(lst, console)
        if written:
            console.print(f"清单已写入：{written}", markup=False)
    return 0


def build_listing(paths, cal, today, *, due_within=None, publication=False, severity=None,
                  objections=False, repairs=None) -> tuple[Listing, list]:
    """The list the options ask for, and the files it read (shared by the command and the web page).
    ``repairs`` (信用修复登记台账): alone (``paths`` empty) their own list; with ``publication`` the repaired
    penalties' new end and 撤下 due dates in the publication list."""
    from sgs_cli.io.reading import skipped_in_folders

    if repairs and not paths:
        lst = repair_listing(repairs, cal, today, due_within)
        inputs, paths = lst.extra["files"], repairs
    elif objections:
        lst = objection_listing(paths, cal, today, due_within)
        inputs = lst.extra["files"]
    else:
        c = collect(paths, cal, today, check_severity(severity))
        inputs = c.files
        inputs = inputs + c.repair_files  # never overwritten by -o either
        if publication:
            cases = list(c.repairs)  # a register among the ledgers counts as given with --repair
            if repairs:
                more, read = read_repairs(repairs, cal, today)
                cases, inputs = cases + more, inputs + read
            lst = publication_listing(c, cal, due_within, repaired_ends(cases) if repairs or c.repair_files else None)
        elif due_within is not None:
            lst = due_listing(c, due_within)
        else:
            lst = ledger_listing(c)
            lst.summary = ledger_summary(c)
        lst.notes[:0] = c.notes  # the versions and corrections used, as the reports name them
    skipped = skipped_in_folders(paths)  # every file of the folders is accounted for
    lst.extra["unread_files"] = [{"file": str(p), "reason": why} for p, why in skipped]
    if skipped:
        lst.notes.append(f"未读取的文件（{len(skipped)} 个）：" + "；".join(f"{p.name}：{why}" for p, why in skipped))
    return lst, inputs


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
    for note in lst.notes:
        console.print(f"注意：{note}", markup=False)


from sgs_cli.render.reminders_text import DEPARTMENT_HEADER  # noqa: E402 - a list with it gets one sheet per department
NO_DEPARTMENT = "（未识别部门）"


def _date_cell(value):
    """A date cell for an ISO date text ("2026-09-15"); anything else as it is."""
    import datetime as dt

    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _list_sheet(wb, name: str, title: str, headers: list[str], rows: list[list], summary: str = "",
                notes: Sequence[str] = ()):
    """One sheet of a list: the title (row 1), the head (row 2, repeated on every printed page), one bordered row
    per item, ISO dates as date cells (YYYY-MM-DD), widths for Chinese text, the summary under the table."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from sgs_cli.io.write import safe_sheet_title, set_value
    from sgs_cli.render.paper import fit_widths

    ws = wb.create_sheet(safe_sheet_title(name, wb.sheetnames))
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    c = set_value(ws.cell(1, 1), title)
    c.font, c.alignment = Font(bold=True, size=14), Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(headers), 1))
    ws.row_dimensions[1].height = 28
    for col, h in enumerate(headers, start=1):
        cell = set_value(ws.cell(2, col), h)
        cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), PatternFill("solid", fgColor="D9E1F2"), \
            border, wrap
    dated = {i for i, h in enumerate(headers) if "日期" in h or "期限" in h or h.endswith("日")}
    for r, row in enumerate(rows, start=3):
        for col, v in enumerate(row, start=1):
            cell = set_value(ws.cell(r, col), _date_cell(v) if col - 1 in dated else v)
            cell.border, cell.alignment = border, wrap
            if col - 1 in dated and not isinstance(cell.value, str) and cell.value is not None:
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A3"
    fit_widths(ws, 2)
    for col in range(1, len(headers) + 1):
        dim = ws.column_dimensions[get_column_letter(col)]
        dim.width = max(dim.width or 0, 8)
    if summary:  # under the table, over its whole width
        r = len(rows) + 4
        set_value(ws.cell(r, 1), summary).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(len(headers), 1))
    for i, note in enumerate(notes):  # e.g. the records that need next year's calendar, and how to supply it
        r = len(rows) + 5 + i
        set_value(ws.cell(r, 1), note).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(len(headers), 1))
    return ws


def write_xlsx(lst: Listing, out: Path, force: bool = False, inputs=()) -> Path:
    """The list as a workbook: 清单 (every item), then, when the list has a 部门 column, one sheet per department
    (the part a clerk sends to that department), in the order the departments first appear."""
    import openpyxl

    from sgs_cli.io.write import atomic_write_workbook, refuse_existing
    from sgs_cli.render.paper import finish

    out = Path(out)
    refuse_existing([out], force, inputs)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    rows = [list(r) for r in lst.rows]
    dept = lst.headers.index(DEPARTMENT_HEADER) if DEPARTMENT_HEADER in lst.headers else None
    if dept is not None:
        for r in rows:
            r[dept] = r[dept] or NO_DEPARTMENT
    # the notes (e.g. records that need next year's calendar, and how to supply it) under the summary
    _list_sheet(wb, "清单", lst.title, lst.headers, rows, lst.summary, [f"注意：{n}" for n in lst.notes])
    if dept is not None:
        by_dept: dict[str, list[list]] = {}
        for r in rows:
            by_dept.setdefault(r[dept], []).append(r)
        for name, items in by_dept.items():
            _list_sheet(wb, name, f"{name}：{lst.title}", lst.headers, items, f"共 {len(items)} 条")
    finish(wb, lst.title)
    return atomic_write_workbook(wb, out, inputs=inputs)


def csv_rows(lst: Listing) -> list[list]:
    from sgs_cli.render.csv_out import _cell

    return [lst.headers] + [[_cell(v) for v in row] for row in lst.rows]
