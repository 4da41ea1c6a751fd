"""One input path. Every table file sgs reads — .xlsx/.xlsm/.xls/.et/.ods/.csv, whole or streamed — is
opened here, guarded here once, and offered as sheets the same way:

    inp = open_input(path)            # refusals (missing, empty, encrypted, zip bomb, DTD …) happen here
    for sheet in inp.sheets():        # SheetSource: name, hidden, head rows, notes
        rows = sheet.batches()        # batches of (physical row number, values)

A small file is read whole (in the contained reader process, contain.py); a large .xlsx is streamed in
chunks of sheet XML and a large CSV in batches of rows (chunked.py, csvfile.iter_csv_chunks), so memory
stays bounded. Callers never decide how to read: they ask the SheetSource."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.io import csvarrow, csvfile, guards, workbook
from sgs_cli.io.chunked import ChunkedSheet, WorkbookParts, has_dtd, streamed
from sgs_cli.io.csvarrow import CsvSlice
from sgs_cli.io.csvfile import CsvBatch
from sgs_cli.io.rawsheet import HEAD_ROWS, RawSheet
from sgs_cli.io.sheetxml import sheet_parts

#: the titles sgs writes in A1 of the first sheet (汇总) of an error receipt, a monthly report, a quarterly
#: bulletin and an annual assessment
SGS_OUTPUT_TITLES = ("双公示数据校验错误回执", "“双公示”工作月报告", "“双公示”工作季度通报", "“双公示”工作年度考核")
#: rows per batch of a streamed CSV: small enough that both workers start early and memory stays flat
CSV_BATCH_ROWS = 10_000


@dataclass
class SheetSource:
    """One sheet of an input, however it is read."""

    name: str
    hidden: bool
    head: list[list]  # the first rows: head[i] is physical row i + 1
    notes: list[str] = field(default_factory=list)  # how the reader decoded or repaired it (info findings)
    raw: RawSheet | None = None  # read whole: every row, merged ranges, formula and error cells
    xml: ChunkedSheet | None = None  # streamed .xlsx: batches are sheet XML a worker can parse itself
    _first: list = field(default_factory=list)  # streamed: the first batch, already read for the head
    _rest: Iterator = field(default_factory=lambda: iter(()))  # streamed: the batches after it

    @property
    def is_empty(self) -> bool:
        rows = self.raw.rows if self.raw is not None else self.head
        return not any(any(v not in ("", None) for v in row) for row in rows)

    def batches(self) -> "Iterator[list[tuple[int, list]] | csvarrow.CsvColumns]":
        """The rows as batches of (physical row number, values); empty rows are left out (a CSV slice read by Arrow
        comes as its columns, csvarrow.CsvColumns, iterated as the same rows)."""
        if self.raw is not None:
            return iter([[(n, row) for n, row in enumerate(self.raw.rows, start=1) if row]])
        if self.xml is not None:
            return chain([self._first], map(self.xml.parse, self._rest))
        return chain([self._first], (batch_rows(b) for b in self._rest))

    def worker_batches(self) -> Iterator:
        """The batches in the form worker processes take them: streamed .xlsx as sheet XML (bytes), a
        streamed CSV as CsvSlice (its place in the file) or CsvBatch (its text), others as lists of (row number, values); each is turned into
        rows with :func:`batch_rows`."""
        if self.xml is not None:
            return self.xml_batches()
        if self.raw is not None:
            return self.batches()
        return chain([self._first], self._rest)

    def xml_batches(self) -> Iterator[bytes]:
        """Streamed .xlsx only: the batches as sheet XML (parsed where they are checked)."""
        return chain([self._first_xml] if self._first_xml else [], self._rest)  # an empty sheet: no batch

    def fraction(self, rows_done: int) -> float:
        """How far reading has come, 0–1 (for a progress bar)."""
        if self.xml is not None:
            return self.xml.bytes_done / max(self.xml.bytes_total, 1)
        return min(1.0, rows_done / max(self._estimated_rows, 1.0))

    _first_xml: bytes = b""  # streamed .xlsx: the first batch as sheet XML
    _estimated_rows: float = 1.0


@dataclass
class Input:
    path: Path
    how: str  # "whole" | "xlsx" (streamed) | "csv" (streamed)
    _sheet_names: list[str] | None = None
    _parts: WorkbookParts | None = None  # streamed .xlsx: the parts every chunk needs, read by open_input

    def sheets(self, csv: str = "checked") -> Iterator[SheetSource]:
        """The sheets in workbook order (a CSV file is one sheet named after the file). Each call reads the
        file's data again: a command calls it once per input (tests/io/test_input_once.py). ``csv``, for a
        large CSV: "checked" (Arrow's slices when a scan of the whole file finds them exact, else the csv
        module), "lazy" (Arrow's slices each checked where it is parsed: csvarrow.NotArrow may come from
        the batches, and the file must then be read again with "exact") or "exact" (the csv module)."""
        if self.how == "xlsx":
            return self._xlsx_sheets()
        if self.how == "csv":
            return iter([self._csv_sheet(csv)])
        return iter([SheetSource(raw.name, raw.hidden, raw.rows[:HEAD_ROWS], list(raw.notes), raw=raw)
                     for raw in workbook.read_sheets(self.path)])

    def _xlsx_sheets(self) -> Iterator[SheetSource]:
        if self._sheet_names == []:  # python-calamine sees no worksheet (the whole-file path's answer too)
            return
        with zipfile.ZipFile(self.path) as z:
            parts = sheet_parts(z, self._sheet_names)
            missing = [p for p in parts if p.path not in set(z.namelist())]
        if missing:  # as python-calamine reports a missing sheet part
            raise guards._calamine_error(self.path, ValueError(missing[0].name))
        for part in parts:
            sheet = ChunkedSheet(self.path, part, parts=self._parts)
            xmls = sheet.xml_chunks()
            first_xml = next(xmls, None)
            first = sheet.parse(first_xml) if first_xml is not None else []
            head: list[list] = [[] for _ in range(min(first[-1][0], HEAD_ROWS))] if first else []
            for number, row in first:
                if number <= len(head):
                    head[number - 1] = row
            src = SheetSource(part.name, part.hidden, head, xml=sheet, _first=first, _rest=xmls)
            src._first_xml = first_xml or b""
            yield src

    def _csv_sheet(self, how: str = "checked") -> SheetSource:
        slices = None if how == "exact" else csvarrow.arrow_slices(self.path, lazy=how == "lazy")
        if slices is not None:  # Arrow reads the slices (in the workers); the first is read here for the head
            # the lines of a lazy iterator's slices are not counted yet: estimated from the first slice's
            total = float(sum(s.lines for s in slices)) if isinstance(slices, list) else None
            slices = iter(slices)
            one = next(slices)
            first = CsvBatch(0, one.text(), one.delimiter).records()
            head = [row for _, row in first[:HEAD_ROWS]]
            src = SheetSource(self.path.stem, False, head, [], _first=first, _rest=slices)
            src._estimated_rows = max(total or one.lines * self.path.stat().st_size / max(one.length, 1), 1.0)
            return src
        enc = csvfile.stream_encoding(self.path)
        chunks = csvfile.iter_csv_batches(self.path, chunk_rows=CSV_BATCH_ROWS, encoding=enc)
        first = getattr(next(chunks, None), "rows", [])
        head = [row for _, row in first[:HEAD_ROWS]]
        src = SheetSource(self.path.stem, False, head, csvfile.csv_encoding_notes(enc), _first=first, _rest=chunks)
        # progress: rows so far over the total estimated from the first batch's bytes per row
        per_row = sum(len(",".join(r).encode()) + 2 for _, r in first) / max(len(first), 1)
        src._estimated_rows = max((self.path.stat().st_size or 1) / max(per_row, 1.0), 1.0)
        return src


def batch_rows(batch, xml_sheet: ChunkedSheet | None = None) -> "list[tuple[int, list]] | csvarrow.CsvColumns":
    """A batch of SheetSource.worker_batches() as (row number, values) — a CSV slice read by Arrow as its
    columns (csvarrow.CsvColumns: iterated, the same rows)."""
    if isinstance(batch, bytes):
        if xml_sheet is None:
            raise TypeError("a batch of sheet XML needs its ChunkedSheet to be parsed")
        return xml_sheet.parse(batch)
    if isinstance(batch, CsvSlice):
        return batch.columns()
    if isinstance(batch, CsvBatch):
        return batch.records()
    return batch


def open_input(path: str | Path) -> Input:
    """Open one input: decide how it is read (whole, or streamed when large) and apply every refusal
    once — a file that passes is read by the same rules either way. Raises InputError."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"找不到文件：{path}", "请检查路径是否正确（含中文文件名时注意引号）")
    guards.require_regular(path)
    how = streamed(path)
    if how == "xlsx":
        from sgs_cli.io import contain

        contain.start()  # forked before this process reads the workbook's parts (356 MB at 1M Excel-style rows)
        parts = _guard_large_xlsx(path)
        # the layout of a large shared-string table (~1.2 s at 1M Excel-style rows) is found here while the
        # reader child opens the workbook (calamine parses the same table, ~2.3 s): the two overlap
        contain.meanwhile(lambda: parts.sst)
        try:  # the workbook's own parts, read as the whole-file path reads them: the same damage, the same message
            names = contain.run(workbook.open_check, path)
        except contain.ReaderCrashed:
            raise guards.crashed(path) from None
        return Input(path, "xlsx", _sheet_names=names, _parts=parts)
    return Input(path, how or "whole")


def _guard_large_xlsx(path: Path) -> WorkbookParts:
    """The refusals of workbook.read_sheets for a workbook that is streamed (encrypted workbook, zip bomb,
    not a workbook, DTDs and custom entities); the parts its chunks need, read on the way (each member is
    inflated once: the shared-string table of a 1M-row Excel-style ledger is 365 MB)."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(guards.OLE_MAGIC):
        from sgs_cli.io.ole import ole_message

        raise ole_message(path, path.read_bytes())
    guards._check_zip(path)
    with zipfile.ZipFile(path) as z:  # DTDs and custom entities have no place in a workbook
        try:
            parts = WorkbookParts.read(z)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
            raise guards.unreadable(path, e) from None
        for info in z.infolist():
            if info.filename.endswith((".xml", ".rels")):
                kept = parts.parts.get(info.filename)
                if kept is not None:
                    if has_dtd(kept):
                        raise guards._calamine_error(path, ValueError("entity"))
                    continue
                with z.open(info) as fh:
                    start = fh.read(4096)
                    # anywhere in the small parts; a sheet's own XML is checked by the reader of each chunk
                    whole = not info.filename.startswith("xl/worksheets/")
                    while start:
                        if has_dtd(start):
                            raise guards._calamine_error(path, ValueError("entity"))
                        more = fh.read(1 << 22) if whole else b""
                        start = start[-16:] + more if more else b""
    return parts


def is_sgs_output_head(name: str, head: list[list]) -> bool:
    """Whether a first sheet (its name and first rows) is an error receipt or monthly report of sgs."""
    if name != "汇总" or not head or not head[0]:
        return False
    first = head[0][0]
    return isinstance(first, str) and any(t in first for t in SGS_OUTPUT_TITLES)


def is_sgs_output(path: str | Path) -> bool:
    """Whether a file is an error receipt or monthly report written by sgs, from the first row of its
    first sheet only (sgs writes them as .xlsx). A file that cannot be read is not one."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return False
    try:
        guards._check_zip(path)
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z)
        if not parts:
            return False
        sheet = ChunkedSheet(path, parts[0], chunk_rows=1)
        xml = next(sheet.xml_chunks(), None)
        rows = sheet.parse(xml) if xml is not None else []
    except InputError:
        return False
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - damaged: certainly not a report sgs wrote
        return False
    return bool(rows) and rows[0][0] == 1 and is_sgs_output_head(parts[0].name, [rows[0][1]])
