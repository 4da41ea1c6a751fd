"""The one guarded copy of an input workbook, for every output that copies or rewrites one: the error
receipt (``--report``, office mode), the 通过/退回 pair (``--split``, office mode return files).

* :func:`load_copy` — the input's own workbook when openpyxl can load it within bounds, else a workbook
  rebuilt from the cells (read through the one input path) with a note saying why;
* :func:`copy_refused` — the bounded pre-check: a merge over too many cells, too many sheet entries, two
  entries for one part (openpyxl would build every merged cell and copy every sheet: minutes and GB);
* :func:`write_workbooks` — several outputs all or none: each built and saved to a temporary file (when a
  copy cannot be saved, it is rebuilt from the cells and saved again), then all renamed into place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sgs_cli.findings import FileReport
from sgs_cli.io.write import check_output_path, commit_staged, discard_staged, safe_sheet_title, set_text, \
    stage_workbook

#: merged ranges covering more cells than this (together) make openpyxl build a MergedCell object for
#: each (a whole-column merge: 14.6 s, 620 MB; a sheet-wide one: 89 s, 7 GB): such a workbook is rebuilt
MAX_MERGE_CELLS = 100_000
#: sheet entries openpyxl is let copy (a workbook of 10,000 entries took over 120 s)
MAX_COPY_SHEETS = 255
MAX_ROW, MAX_COL = 1_048_576, 16_384
#: the note of a rebuilt copy (汇总 of the receipt; the reason is filled in)
REBUILT_NOTE = "原工作簿的格式无法复制（{reason}），本回执按单元格内容重新生成，未保留原表的格式、列宽和合并单元格。"


def copy_refused(path: Path) -> str | None:
    """Why openpyxl should not copy this .xlsx (bounded work: one pass over each sheet's XML), or None."""
    import zipfile

    from sgs_cli.io.chunked import scan_sheet
    from sgs_cli.io.sheetxml import sheet_members

    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_members(z)
            if len(set(parts.values())) < len(parts):  # openpyxl would copy the one sheet once per entry
                return "多个工作表条目指向同一工作表"
            if len(parts) > MAX_COPY_SHEETS:
                return f"工作表多于{MAX_COPY_SHEETS}个"
            for name in z.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with z.open(name) as fh:
                        _, merged = scan_sheet(fh)
                    if sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in merged) > MAX_MERGE_CELLS:
                        return "含有范围过大的合并单元格（如整列、整表合并）"
    except Exception:  # noqa: BLE001 - openpyxl will say what it thinks of the file
        return None
    return None


def load_copy(fr: FileReport, large: bool, fresh: str | None = None, data_only: bool = False):
    """(workbook, sheet name → title in it, note) — an openpyxl workbook holding the input's sheets (values,
    formats, widths preserved for .xlsx). When openpyxl refuses a file that the validation could read (odd
    parts, styles, numbers, a sheet-wide merge), a fresh workbook of the cells is made and ``note`` says so.
    ``fresh``: the reason not to even try (a first copy could not be saved); ``data_only``: cached values
    instead of formulas."""
    import openpyxl

    path = Path(fr.path)
    if not large and path.suffix.lower() in (".xlsx", ".xlsm"):
        reason = fresh or copy_refused(path)
        if reason is None:
            try:
                wb = openpyxl.load_workbook(path, data_only=data_only)
                titles = {ws.title: ws.title for ws in wb.worksheets}
                if all(sr.sheet in titles for sr in fr.sheets if sr.kind):
                    return wb, titles, None
                reason = "工作表名称无法对应"
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as e:  # noqa: BLE001 - any refusal of openpyxl: fall back to the cells
                reason = f"{type(e).__name__}"
        return fresh_copy(fr, large) + (REBUILT_NOTE.format(reason=reason),)
    return fresh_copy(fr, large) + (None,)


def fresh_copy(fr: FileReport, large: bool):
    """A new workbook with one sheet per checked sheet, filled with the cells at their own rows and columns
    (unless large: then the receipt fills the flagged rows)."""
    import openpyxl

    from sgs_cli.io.source import open_input

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    titles: dict[str, str] = {}

    def sheet_for(name):
        titles[name] = safe_sheet_title(name, titles.values())
        return wb.create_sheet(titles[name])

    if large:  # sheets filled with the flagged rows only (build_receipt); nothing to read here
        for sr in fr.sheets:
            if sr.kind and sr.sheet not in titles:
                sheet_for(sr.sheet)
        return wb, titles
    wanted = {s.sheet for s in fr.sheets}
    for src in open_input(fr.path).sheets():  # a copy of the input: read through the one input path
        if src.name not in wanted or src.name in titles:
            continue
        ws = sheet_for(src.name)
        for batch in src.batches():
            for r, row in batch:
                if r > MAX_ROW:
                    break
                for c, v in enumerate(row[:MAX_COL], start=1):
                    if v not in ("", None):
                        set_text(ws.cell(r, c), v) if isinstance(v, str) else ws.cell(r, c, v)
    return wb, titles


#: what a copy that loaded may still fail with when saved (a 400-digit number, a date cell without a value,
#: an odd part openpyxl kept): the output is then rebuilt from the cells
SAVE_REFUSALS = (ValueError, TypeError, OverflowError, KeyError, AttributeError, IndexError)


def write_workbooks(jobs: Sequence[tuple[Path, Callable[[str | None], object]]], inputs=()) -> list[Path]:
    """Write several workbooks all or none. ``jobs``: (target, build) where ``build(fresh)`` returns the
    workbook — ``fresh`` None first; when saving that copy fails, the reason, and build must rebuild it from
    the cells. Every target is saved to a temporary file beside it first; only when all are saved are they
    renamed into place, so a failure (or Ctrl-C) never leaves one output of a set without the others."""
    inputs = list(inputs)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, build in jobs:
            out = check_output_path(target, inputs)
            try:
                tmp = stage_workbook(build(None), out)
            except SAVE_REFUSALS as e:
                tmp = stage_workbook(build(type(e).__name__), out)
            staged.append((tmp, out))
    except BaseException:
        discard_staged(staged)
        raise
    if not staged:
        return []
    return commit_staged(staged)


__all__ = ["MAX_COPY_SHEETS", "MAX_MERGE_CELLS", "REBUILT_NOTE", "copy_refused", "fresh_copy",
           "load_copy", "write_workbooks"]
