"""Workbooks (.xlsx/.xlsm/.xls/.ods, WPS .et/.ett) read whole by python-calamine into sheets of rows with
their physical row numbers; a CSV given to :func:`read_sheets` goes to csvfile.read_csv.

python-calamine reads cells with their types intact (a code stored as a number comes back as a float,
which is how sgs can say "Excel damaged this code"). Before it reads, guards.py refuses zip bombs and
non-workbooks; what it raises becomes a Chinese InputError (guards._calamine_error). Besides:

* encrypted workbooks (an OLE container under an .xlsx name), .xls files named .xlsx and the other
  way round: each named as such (ole.py reads the container);
* BIFF8 .xls files with a CODEPAGE other than UTF-16 (written by Java exporters): python-calamine would
  decode the always-UTF-16 strings of BIFF8 with that code page and produce mojibake, so an in-memory
  copy with CODEPAGE=1200 is read instead (the file itself is never touched);
* an .xlsx sheet whose cell addresses span far more than its cells fill is read in pieces (chunked.py),
  memory following its cells;
* .xlsx cells whose formula has no cached value, and cells holding an error value (#N/A …), are both
  read as "" by python-calamine; a streaming scan of the sheet XML (sheetxml.scan_formula_cells) lists
  them on the RawSheet (``formula_no_value``, ``error_cells``) so that validation can tell them from
  blank cells.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.io.csvfile import read_csv
from sgs_cli.io.guards import (
    _REEXPORT,
    OLE_MAGIC,
    _calamine_error,
    _check_zip,
    _not_a_workbook,
    crashed,
    os_reason,
    require_regular,
)
from sgs_cli.io.inputs import CSV_SUFFIXES, EXCEL_SUFFIXES, WPS_SUFFIXES
from sgs_cli.io.rawsheet import RawSheet
from sgs_cli.io.sheetxml import SheetPart, scan_formula_cells, sheet_members


def read_sheets(path: Path) -> list[RawSheet]:
    """Every sheet of a workbook, or the one table of a CSV file. Workbooks are read in the contained
    reader process (contain.py): a native abort or panic on a hostile file becomes exit 3 for that file."""
    from sgs_cli.io import contain

    path = Path(path)
    require_regular(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return _read_sheets(path)
    # the formula and error-cell scan is plain Python over the sheet XML: it runs here while the child reads
    # (issue 32: 0.07 s of a 10k-row workbook off the child's path), or after the read when nothing ran meanwhile
    scans: list = []
    formulas = path.suffix.lower() in _FORMULA_SUFFIXES
    if formulas:
        contain.meanwhile(lambda: scans.append(_formula_scans(path)))
    try:
        sheets = contain.run(_read_sheets, path)
    except contain.ReaderCrashed:
        raise crashed(path) from None
    if formulas:
        _mark_formula_cells(path, sheets, scans[0] if scans else _formula_scans(path))
    return sheets


#: the suffixes whose workbooks get the formula and error-cell scan (_read_calamine's ``xlsx``; a workbook of
#: another kind, or one the scan does not understand, finds nothing there)
_FORMULA_SUFFIXES = (".xlsx", ".xlsm", *WPS_SUFFIXES)


def _read_sheets(path: Path) -> list[RawSheet]:
    """The sheets of a file as read (in the reader child for a workbook); formula and error cells are read_sheets'."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if path.is_dir():  # a subfolder find_inputs could not list
            try:
                os.listdir(path)
            except OSError as e:
                raise InputError(f"无法读取文件夹“{path}”：{os_reason(e)}，其中的文件未能校验",
                                 "请检查文件夹的访问权限后重试") from None
            raise InputError(f"“{path}”是文件夹，不是表格文件", "请指定 .xlsx .xls .csv 文件")
        if not path.is_file():
            raise InputError(f"“{path}”不是普通文件，无法作为表格读取", "请指定 .xlsx .xls .csv 文件")
        if size == 0:
            raise InputError(f"文件“{path.name}”是空文件（0 字节）", "请重新导出或保存该文件")
        if suffix in CSV_SUFFIXES:
            return [read_csv(path)]
        if suffix not in EXCEL_SUFFIXES:
            raise InputError(f"不支持的文件类型“{path.suffix}”：{path.name}", "支持 .xlsx .xlsm .xls .et .csv")
        with open(path, "rb") as fh:
            head = fh.read(2048)
        from sgs_cli.io.ole import biff8_codepage_fix, ole_message, stream_names

        if suffix in WPS_SUFFIXES:  # the bytes say which workbook it is
            if head.startswith(b"PK"):
                _check_zip(path)
                return _read_calamine(path, xlsx=True)
            if not head.startswith(OLE_MAGIC):
                raise _not_a_workbook(path, head, suffix)
        elif suffix in (".xlsx", ".xlsm", ".ods"):
            if head.startswith(OLE_MAGIC):
                raise ole_message(path, path.read_bytes())
            _check_zip(path)
            return _read_calamine(path)
        if head.startswith(b"PK"):
            raise InputError(f"文件“{path.name}”实为 .xlsx 格式却以 .xls 命名", "请将扩展名改为 .xlsx 后再校验")
        if not head.startswith(OLE_MAGIC):
            raise _not_a_workbook(path, head, ".xls")
        data = path.read_bytes()
        names = stream_names(data)
        if not names:
            return _read_calamine(path)  # python-calamine will say what is wrong
        if not {"workbook", "book"} & names:
            if suffix in WPS_SUFFIXES and not {"encryptedpackage", "encryptioninfo"} & names:
                raise InputError(f"文件“{path.name}”是 WPS 表格自有格式，不是 xls 或 xlsx 工作簿，无法读取",
                                 "请用 WPS 打开后“另存为”Excel 工作簿（.xlsx）再校验")
            raise ole_message(path, data)  # an encrypted .xlsx, a Word document … named .xls
        fixed = biff8_codepage_fix(data)
        if fixed is None:
            return _read_calamine(path)
        sheets = _read_calamine(path, io.BytesIO(fixed[0]))
        for s in sheets:
            s.notes.append(f"工作簿声明的代码页为 {fixed[1]}，已按 BIFF8 规范以 Unicode 读取")
        return sheets
    except OSError as e:
        raise InputError(f"无法读取文件“{path}”：{os_reason(e)}",
                         "请检查文件是否存在、是否有读取权限，或是否正被其他程序独占打开") from None


def open_check(path: Path) -> list[str]:
    """Open a workbook the way :func:`read_sheets` does, without reading its sheets (workbook part,
    relationships, shared strings, sheet names), and return the names of its worksheets as the small
    path sees them: a large file that is streamed afterwards gets the same message for the same damage,
    and its sheets the same names. Run it through contain.run."""
    from python_calamine import SheetTypeEnum

    try:
        wb = _open_calamine(path)
        try:
            return [m.name for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        finally:
            wb.close()
    except InputError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - calamine's errors and panics
        raise _calamine_error(path, e) from None


def _utf8_path(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
        return True
    except UnicodeEncodeError:  # a name in GBK bytes (as unzip leaves Windows names): surrogate escapes
        return False


def _open_calamine(path: Path, source=None):
    """A CalamineWorkbook of ``source`` (a file-like object) or of ``path``; a path that is not valid
    UTF-8 (which the Rust reader cannot take as a name) is opened here and handed over as a file."""
    from python_calamine import CalamineWorkbook

    if source is None and not _utf8_path(path):
        with open(path, "rb") as fh:
            source = io.BytesIO(fh.read())
    if source is not None:
        return CalamineWorkbook.from_filelike(source)
    return CalamineWorkbook.from_path(str(path))


def _sheet_layout(path: Path) -> tuple[dict[str, str], dict[str, tuple[str, list]]]:
    """(sheet name → zip member, sparse) of an .xlsx. ``sparse``: sheet name → (member, merged ranges) of
    the sheets whose cell addresses span far more than their cells fill (one value in XFD1048576):
    python-calamine would allocate the whole range, so they are read in pieces (:func:`_read_sparse`).
    Each member is scanned once however many sheet entries point at it. Refuses addresses past Excel's
    last cell."""
    from sgs_cli.io.chunked import AddressError, dense_ok, has_dtd, scan_sheet

    out: dict[str, tuple[str, list]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_members(z)
            names = set(z.namelist())
            for member in names:  # DTDs and entities have no place in a workbook (as for a streamed one)
                if member.endswith((".xml", ".rels")) and not member.startswith("xl/worksheets/"):
                    data = z.read(member)
                    if has_dtd(data):
                        raise _calamine_error(path, ValueError("entity"))
            scanned: dict[str, tuple] = {}
            for name, part in parts.items():
                if part not in names:
                    continue
                if part not in scanned:
                    with z.open(part) as fh:
                        try:
                            scanned[part] = scan_sheet(fh)
                        except AddressError as e:
                            raise InputError(f"工作簿“{path.name}”的工作表“{name}”中有超出 Excel 范围的单元格地址"
                                             f"（{e}），文件已损坏", _REEXPORT) from None
                        except ValueError as e:
                            if "DOCTYPE" in str(e):
                                raise _calamine_error(path, ValueError("entity")) from None
                            raise
                extent, merged = scanned[part]
                if not dense_ok(*extent):
                    out[name] = (part, merged)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - a workbook this scan does not understand is left to calamine
        return {}, {}
    return parts, out


def _read_sparse(path: Path, name: str, hidden: bool, part: str, merged: list) -> RawSheet:
    """One sheet read in bounded pieces of rows (chunked.ChunkedSheet): memory follows its cells."""
    from sgs_cli.io.chunked import ChunkedSheet

    rows: list = []
    for batch in ChunkedSheet(path, SheetPart(name, part, hidden)).chunks():
        for number, row in batch:
            if len(rows) < number - 1:
                rows.extend([()] * (number - 1 - len(rows)))  # one shared empty row: 8 bytes per gap row
            if len(rows) < number:
                rows.append(row)
    return RawSheet(name, rows, hidden=hidden, merged=merged)


def _read_calamine(path: Path, source: io.BytesIO | None = None, xlsx: bool | None = None) -> list[RawSheet]:
    """``xlsx``: the file is a zip workbook (default: by its name; a WPS .et says so from its bytes)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    if xlsx is None:
        xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    xlsx = xlsx and source is None
    try:
        parts, sparse = _sheet_layout(path) if xlsx else ({}, {})
        wb = _open_calamine(path, source)
        try:
            sheets = []
            read_parts: set[str] = set()
            for meta in wb.sheets_metadata:
                if meta.typ != SheetTypeEnum.WorkSheet:
                    continue  # chart sheets, dialog and macro sheets carry no table
                part = parts.get(meta.name)
                if part is not None:
                    if part in read_parts:
                        continue  # another sheet entry for a part already read (a hostile workbook.xml)
                    read_parts.add(part)
                hidden = meta.visible != SheetVisibleEnum.Visible
                if meta.name in sparse:
                    sheets.append(_read_sparse(path, meta.name, hidden, *sparse[meta.name]))
                    continue
                sh = wb.get_sheet_by_name(meta.name)
                rows = sh.to_python(skip_empty_area=False)
                merged = []
                for rng in sh.merged_cell_ranges or []:
                    (r0, c0), (r1, c1) = rng
                    merged.append((r0, c0, r1, c1))
                sheets.append(RawSheet(meta.name, rows, hidden=hidden, merged=merged))
        finally:
            wb.close()
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"工作簿“{path.name}”过大，内存不足，无法读取", "请拆分为多个文件后再校验") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - calamine's own errors, and Rust panics (a BaseException)
        raise _calamine_error(path, e) from None
    return sheets


def _formula_scans(path: Path) -> tuple[dict[str, str], dict]:
    """(sheet name → zip member, member → its sheetxml.scan_formula_cells or the exception it raised) of an
    .xlsx, each member scanned once; ({}, {}) for a file this scan does not understand (or a zip bomb,
    refused before anything is inflated: this may run before the reader child has looked at the file)."""
    try:
        _check_zip(path)
        with zipfile.ZipFile(path) as z:
            parts = sheet_members(z)
            names = set(z.namelist())
            scans: dict = {}
            for part in parts.values():
                if part in names and part not in scans:
                    try:
                        with z.open(part) as fh:
                            scans[part] = scan_formula_cells(fh)
                    except Exception as e:  # noqa: BLE001 - kept: _mark_formula_cells stops there
                        scans[part] = e
    except Exception:  # noqa: BLE001 - InputError (bomb), not a zip, no workbook part: no marks
        return {}, {}
    return parts, scans


def _mark_formula_cells(path: Path, sheets: list[RawSheet], scanned: tuple[dict[str, str], dict]) -> None:
    """Fill RawSheet.formula_no_value / error_cells of an .xlsx from :func:`_formula_scans`. Best effort: a
    file this scan does not understand has already been read by python-calamine, so any problem here just
    leaves them empty (from the first sheet whose part could not be scanned on)."""
    parts, scans = scanned
    for s in sheets:
        found = scans.get(parts.get(s.name))
        if found is None:
            continue  # not a worksheet part of the file
        if isinstance(found, Exception):
            return
        s.formula_no_value, s.error_cells = set(found[0]), dict(found[1])
