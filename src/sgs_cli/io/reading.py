"""Workbooks and CSV files → sheets of rows with their physical row numbers.

python-calamine reads .xlsx/.xlsm/.xls/.ods with cell types intact (a code stored as a number comes back
as a float, which is how sgs can say "Excel damaged this code"). CSV is decoded as UTF-8 (with or
without BOM), UTF-16 with a BOM, or GB18030 (a superset of GBK); comma- or tab-separated.

Hostile and broken input (docs/contract.md: never a traceback, exit 3 with a Chinese message):

* zip bombs: the sizes declared in the zip's central directory are checked before anything is
  inflated (each member, the whole workbook, the compression ratio). python-calamine's zip reader
  refuses a member that inflates to more than its declared size, so a lying size cannot get past it;
* XML entity bombs ("billion laughs"): python-calamine does not expand DTD entities, it fails on the
  first custom entity (→ "不允许的XML实体");
* encrypted workbooks (an OLE container under an .xlsx name), .xls files named .xlsx and the other
  way round, HTML/XML/text files named .xls/.xlsx: each named as such;
* BIFF8 .xls files with a CODEPAGE other than UTF-16 (written by Java exporters): python-calamine would
  decode the always-UTF-16 strings of BIFF8 with that code page and produce mojibake, so an in-memory
  copy with CODEPAGE=1200 is read instead (the file itself is never touched);
* .xlsx cells whose formula has no cached value, and cells holding an error value (#N/A …), are both
  read as "" by python-calamine; a streaming scan of the sheet XML lists them on the RawSheet
  (``formula_no_value``, ``error_cells``) so that validation can tell them from blank cells.
"""

from __future__ import annotations

import csv
import io
import os
import re
import struct
import zipfile
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.io.csvfile import (
    CSV_FIELD_LIMIT,
    CsvBatch,
    _decode,
    _delimiter,
    big_fields,
    csv_encoding_notes,
    iter_csv_batches,
    read_csv,
    stream_encoding,
)
from sgs_cli.io.guards import (
    _REEXPORT,
    MAX_MEMBER,
    OLE_MAGIC,
    _calamine_error,
    _check_zip,
    _not_a_workbook,
    crashed,
    os_reason,
    require_regular,
    unreadable,
)
from sgs_cli.io.inputs import CSV_SUFFIXES, EXCEL_SUFFIXES, SUFFIXES, WPS_SUFFIXES, find_inputs, skipped_in_folders
from sgs_cli.io.rawsheet import HEAD_ROWS, RawSheet
from sgs_cli.io.sheetxml import scan_formula_cells, sheet_members


# ---------------------------------------------------------------------------------------- workbooks

def read_sheets(path: Path) -> list[RawSheet]:
    """Every sheet of a workbook, or the one table of a CSV file. Workbooks are read in the contained
    reader process (contain.py): a native abort or panic on a hostile file becomes exit 3 for that file."""
    from sgs_cli.io import contain

    path = Path(path)
    require_regular(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return _read_sheets(path)
    try:
        return contain.run(_read_sheets, path)
    except contain.ReaderCrashed:
        raise crashed(path) from None


def _read_sheets(path: Path) -> list[RawSheet]:
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
    from sgs_cli.io.chunked import AddressError, dense_ok, scan_sheet

    out: dict[str, tuple[str, list]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_members(z)
            names = set(z.namelist())
            for member in names:  # DTDs and entities have no place in a workbook (as for a streamed one)
                if member.endswith((".xml", ".rels")) and not member.startswith("xl/worksheets/"):
                    data = z.read(member)
                    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
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
    from sgs_cli.io.chunked import ChunkedSheet, SheetPart

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
    if xlsx:
        _mark_formula_cells(path, sheets)
    return sheets


def _mark_formula_cells(path: Path, sheets: list[RawSheet]) -> None:
    """Fill RawSheet.formula_no_value / error_cells of an .xlsx. Best effort: a file this scan does not
    understand has already been read by python-calamine, so any problem here just leaves them empty."""
    try:
        with zipfile.ZipFile(path) as z:
            parts = sheet_members(z)
            names = set(z.namelist())
            for s in sheets:
                part = parts.get(s.name)
                if part not in names:
                    continue
                with z.open(part) as fh:
                    s.formula_no_value, s.error_cells = scan_formula_cells(fh)
    except Exception:  # noqa: BLE001 - diagnostics only, never a reason to fail the read
        return


# ------------------------------------------------------------------------- CSV at Arrow speed

#: bytes per slice of a large CSV read by Arrow's CSV reader (cut at line ends; about 10,000 rows of a
#: 790 ledger); the first slice is smaller: it is parsed in the main process for the head
CSV_SLICE_BYTES = 8 << 20
CSV_FIRST_SLICE_BYTES = 1 << 20
#: SGS_CSV_READER=exact: every CSV through the csv module (the reference the Arrow path is tested against)
CSV_READER_ENV = "SGS_CSV_READER"


def _quoted_line(delimiter: bytes) -> re.Pattern:
    """A line (without its \\n; a \\r before it allowed) whose quoted fields open at a field's start, close
    on the same line right before a delimiter or the line end, and double their inner quotes — where the
    csv module and Arrow's reader read the same fields."""
    d = re.escape(delimiter)
    field = rb'(?:[^"%s\r\n]*|"(?:[^"\r\n]|"")*")' % d
    return re.compile(rb"%s(?:%s%s)*\r?" % (field, d, field))


class CsvSlice:
    """Whole lines of a CSV file that Arrow's CSV reader parses: a byte range of the file and the number of
    lines before it. Pickled (to a worker process) it is only its place in the file; the worker reads and
    parses the bytes itself. :meth:`records` gives exactly what the csv module gives for these lines (the
    slices are made only for files where a byte scan found no quoted line break and no quote that the two
    readers could read differently: :func:`arrow_slices`)."""

    __slots__ = ("path", "offset", "length", "lines_before", "lines", "delimiter", "rows")

    def __init__(self, path: Path, offset: int, length: int, lines_before: int, lines: int, delimiter: str):
        self.path, self.offset, self.length = path, offset, length
        self.lines_before, self.lines, self.delimiter = lines_before, lines, delimiter
        self.rows: list[tuple[int, list]] | None = None

    def __getstate__(self):
        return self.path, self.offset, self.length, self.lines_before, self.lines, self.delimiter

    def __setstate__(self, state) -> None:
        self.path, self.offset, self.length, self.lines_before, self.lines, self.delimiter = state
        self.rows = None

    def _bytes(self) -> bytes:
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            data = fh.read(self.length)
        return data[3:] if self.offset == 0 and data.startswith(b"\xef\xbb\xbf") else data

    def text(self) -> str:
        """The slice decoded (its bytes are UTF-8: arrow_slices checked them)."""
        return self._bytes().decode("utf-8")

    def records(self) -> list[tuple[int, list]]:
        """The slice's lines as (line number, values); a blank line may come back as empty strings (a row
        that is never a record either way)."""
        if self.rows is None:
            got = self._table()
            self.rows = got if isinstance(got, list) else arrow_rows(got[0], got[1], self.lines_before)
        return self.rows

    def columns(self) -> "CsvColumns | list[tuple[int, list]]":
        """The slice as Arrow columns (CsvColumns) when every line has the first line's field count, else
        as :meth:`records`."""
        got = self._table()
        if isinstance(got, list):
            return got
        table, odd = got
        if odd or table is None:
            return arrow_rows(table, odd, self.lines_before)
        return CsvColumns(table, self.lines_before)

    def _table(self):
        """_arrow_table of the slice; should Arrow still refuse it, the slice's rows read by the csv module
        (whole lines without a quoted line break: the same rows, numbered the same)."""
        import pyarrow as pa

        data = self._bytes()
        try:
            return _arrow_table(data, self.delimiter)
        except pa.ArrowException:
            return CsvBatch(self.lines_before, data.decode("utf-8"), self.delimiter).records()


class CsvColumns:
    """A slice of a CSV as Arrow string columns (``table``), every line with the same field count. Iterated,
    it gives the (line number, values) the csv module gives; the columnar engine takes the columns of the rows
    that are records without a Python list per row (validation/runner.arrow_data_columns)."""

    def __init__(self, table, lines_before: int):
        self.table, self.lines_before = table, lines_before

    def __len__(self) -> int:
        return self.table.num_rows

    def __iter__(self):
        return iter(arrow_rows(self.table, {}, self.lines_before))


def _arrow_table(data: bytes, delimiter: str):
    """(Arrow table of string columns c0…, {line: values} of the lines with another field count than the
    first line, read by the csv module) of CSV lines (UTF-8, no BOM, no quoted line break); (None, {})
    for no data."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    if not data:
        return None, {}
    first = data[:data.find(b"\n")] if b"\n" in data else data
    width = len(next(csv.reader([first.decode("utf-8")], delimiter=delimiter), None) or [""])
    names = [f"c{i}" for i in range(width)]
    odd: dict[int, list] = {}

    def other_width(row) -> str:
        odd[row.number] = next(csv.reader([row.text], delimiter=delimiter), [])
        return "skip"

    with big_fields():
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False, block_size=len(data) + 1),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False,
                                             newlines_in_values=False, invalid_row_handler=other_width),
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    return table, odd


def arrow_rows(table, odd: dict, lines_before: int) -> list[tuple[int, list]]:
    """The rows of _arrow_table's answer as (line number, values), in line order."""
    if table is None:
        return []
    rows = list(map(list, zip(*(table.column(i).to_pylist() for i in range(table.num_columns)))))
    if odd:
        it = iter(rows)
        rows = [odd[k] if k in odd else next(it) for k in range(1, table.num_rows + len(odd) + 1)]
    return [(lines_before + k, row) for k, row in enumerate(rows, start=1)]


def _valid_utf8(block: bytes) -> bool:
    """Whether bytes are UTF-8 as Python's decoder takes it (no surrogates, no overlong forms), checked by
    Arrow without making a str."""
    import pyarrow as pa

    if block.isascii():
        return True
    offsets = pa.py_buffer(struct.pack("<ii", 0, len(block)))
    try:
        pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(block)]).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


_LONE_CR = re.compile(rb"\r(?!\n)")  # a line end for the csv module


def _long_line(block: bytes, limit: int | None = None) -> bool:
    """Whether a line of the block is longer than CSV_FIELD_LIMIT bytes: jumps from line end to line end a
    window of the limit at a time (a few steps per block, in C)."""
    limit = limit or CSV_FIELD_LIMIT
    pos = 0
    while len(block) - pos > limit:
        end = block.rfind(b"\n", pos, pos + limit + 1)
        if end == -1:
            return True
        pos = end + 1
    return False


def arrow_slices(path: Path) -> list[CsvSlice] | None:
    """A large CSV cut into slices Arrow reads exactly as the csv module would, or None when it must take
    the csv module's path: not UTF-8 (GB18030, UTF-16), NUL bytes, a lone CR (a line end for the csv module),
    a line longer than CSV_FIELD_LIMIT bytes, a quoted line break or a quote either reader could take
    otherwise (a quote inside a field, text after a closing quote). One pass over the bytes, in blocks, in
    C (bytes methods, a regular expression on the lines holding a quote, Arrow's UTF-8 check); row numbers
    are then physical lines."""
    if os.environ.get(CSV_READER_ENV, "").strip().lower() == "exact":
        return None
    with open(path, "rb") as fh:
        head = fh.read(65536)
        if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        try:
            text = _decode(head, "utf-8-sig", final=len(head) < 65536)
        except UnicodeDecodeError:
            return None
        delimiter = _delimiter(text)
        quoted = _quoted_line(delimiter.encode())
        fh.seek(0)
        slices: list[CsvSlice] = []
        offset = lines = 0
        rest = b""
        while True:
            size = CSV_FIRST_SLICE_BYTES if not slices else CSV_SLICE_BYTES
            more = fh.read(size)
            block = rest + more
            if not block:
                break
            if not slices and more and block.count(b"\n") < HEAD_ROWS:
                rest = block  # the first slice holds the head rows header recognition sees
                continue
            end = block.rfind(b"\n") + 1 if more else len(block)
            if end == 0:  # no line end yet: read on (a line longer than a slice)
                rest = block
                if len(rest) > CSV_FIELD_LIMIT:
                    return None
                continue
            block, rest = block[:end], block[end:]
            if b"\x00" in block or _LONE_CR.search(block) or not _valid_utf8(block) or _long_line(block):
                return None
            pos = block.find(b'"')
            while pos != -1:
                start = block.rfind(b"\n", 0, pos) + 1
                stop = block.find(b"\n", pos)
                stop = len(block) if stop == -1 else stop
                if quoted.fullmatch(block, start, stop) is None:
                    return None
                pos = block.find(b'"', stop)
            n = block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
            slices.append(CsvSlice(path, offset, len(block), lines, n, delimiter))
            offset, lines = offset + len(block), lines + n
    return slices


__all__ = [  # the names other modules and tests import from here
    "MAX_MEMBER", "unreadable",
    "HEAD_ROWS", "RawSheet",
    "CSV_FIELD_LIMIT", "CsvBatch", "csv_encoding_notes", "iter_csv_batches", "stream_encoding",
    "EXCEL_SUFFIXES", "SUFFIXES", "find_inputs", "skipped_in_folders",
]
