"""Large CSV files at Arrow speed: a file whose bytes a scan proves Arrow's CSV reader reads exactly as the
csv module would (UTF-8, no quoted line break, every quote well-formed on its line) is cut into slices of
whole lines (:func:`arrow_slices`), each parsed by Arrow in a worker; any other file takes csvfile.py."""

from __future__ import annotations

import csv
import functools
import os
import re
import struct
from pathlib import Path

from sgs_cli.io.csvfile import CSV_FIELD_LIMIT, CsvBatch, _decode, _delimiter, big_fields
from sgs_cli.io.rawsheet import HEAD_ROWS

#: bytes per slice of a large CSV read by Arrow's CSV reader (cut at line ends; about 10,000 rows of a
#: 790 ledger); the first slice is smaller: it is parsed in the main process for the head
CSV_SLICE_BYTES = 8 << 20
CSV_FIRST_SLICE_BYTES = 1 << 20
#: SGS_CSV_READER=exact: every CSV through the csv module (the reference the Arrow path is tested against)
CSV_READER_ENV = "SGS_CSV_READER"


@functools.lru_cache(maxsize=4)
def _quoted_line(delimiter: bytes) -> re.Pattern:
    """A line (without its \\n; a \\r before it allowed) whose quoted fields open at a field's start, close
    on the same line right before a delimiter or the line end, and double their inner quotes — where the
    csv module and Arrow's reader read the same fields."""
    d = re.escape(delimiter)
    field = rb'(?:[^"%s\r\n]*|"(?:[^"\r\n]|"")*")' % d
    return re.compile(rb"%s(?:%s%s)*\r?" % (field, d, field))


class NotArrow(Exception):
    """A slice of a CSV whose bytes Arrow's reader could read otherwise than the csv module (found where the
    slice is parsed: :func:`arrow_slices` with ``lazy=True``): the file is read again by the csv module
    (validation/engine.validate_file)."""


class CsvSlice:
    """Whole lines of a CSV file that Arrow's CSV reader parses: a byte range of the file and the number of
    lines before it. Pickled (to a worker process) it is only its place in the file; the worker reads and
    parses the bytes itself. :meth:`records` gives exactly what the csv module gives for these lines (the
    slices are made only for files where a byte scan found no quoted line break and no quote that the two
    readers could read differently: :func:`arrow_slices`)."""

    __slots__ = ("path", "offset", "length", "lines_before", "lines", "delimiter", "rows", "checked")

    def __init__(self, path: Path, offset: int, length: int, lines_before: int, lines: int, delimiter: str,
                 checked: bool = True):
        self.path, self.offset, self.length = path, offset, length
        self.lines_before, self.lines, self.delimiter = lines_before, lines, delimiter
        self.rows: list[tuple[int, list]] | None = None
        #: whether its bytes were found readable by Arrow exactly (arrow_slices); if not, they are checked
        #: where they are read, and NotArrow raised when they are not
        self.checked = checked

    def __getstate__(self):
        return self.path, self.offset, self.length, self.lines_before, self.lines, self.delimiter, self.checked

    def __setstate__(self, state) -> None:
        self.path, self.offset, self.length, self.lines_before, self.lines, self.delimiter, self.checked = state
        self.rows = None

    def _raw(self) -> bytes:
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            return fh.read(self.length)

    def _bytes(self) -> bytes:
        data = self._raw()
        if not self.checked:
            if not arrow_readable(data, self.delimiter):
                raise NotArrow(self.offset)
            self.checked = True
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
        data = self._bytes()
        got = self._table(data)
        if isinstance(got, list):
            return got
        table, odd = got
        if odd or table is None:
            return arrow_rows(table, odd, self.lines_before)
        return CsvColumns(table, self.lines_before, marks=any(m in data for m in _SAMPLE_MARKS))

    def _table(self, data: bytes | None = None):
        """_arrow_table of the slice (``data``: its bytes, when read already); should Arrow still refuse it,
        the slice's rows read by the csv module (whole lines without a quoted line break: the same rows,
        numbered the same)."""
        import pyarrow as pa

        data = self._bytes() if data is None else data
        try:
            return _arrow_table(data, self.delimiter, utf8_checked=True)  # _bytes gives checked bytes
        except pa.ArrowException:
            return CsvBatch(self.lines_before, data.decode("utf-8"), self.delimiter).records()


#: the words that make a row an example row wherever they stand (records.mapping.is_skippable), as UTF-8
_SAMPLE_MARKS = ("示例".encode(), "样例".encode())


class CsvColumns:
    """A slice of a CSV as Arrow string columns (``table``), every line with the same field count. Iterated,
    it gives the (line number, values) the csv module gives; the columnar engine takes the columns of the rows
    that are records without a Python list per row (validation/runner.arrow_data_columns). ``marks``: whether
    the slice's bytes hold 示例 or 样例 anywhere (when not, no cell needs looking at for them)."""

    def __init__(self, table, lines_before: int, marks: bool = True):
        self.table, self.lines_before, self.marks = table, lines_before, marks

    def __len__(self) -> int:
        return self.table.num_rows

    def __iter__(self):
        return iter(arrow_rows(self.table, {}, self.lines_before))


def _arrow_table(data: bytes, delimiter: str, utf8_checked: bool = False):
    """(Arrow table of string columns c0…, {line: values} of the lines with another field count than the
    first line, read by the csv module) of CSV lines (UTF-8, no BOM, no quoted line break); (None, {})
    for no data. ``utf8_checked``: the bytes are known to be UTF-8 (arrow_readable), Arrow need not check
    them again (a third of its time)."""
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
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 check_utf8=not utf8_checked))
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


def arrow_readable(block: bytes, delimiter: str) -> bool:
    """Whether whole CSV lines (UTF-8) are read by Arrow's CSV reader exactly as by the csv module: no NUL
    byte, no lone CR (a line end for the csv module), valid UTF-8, no line longer than CSV_FIELD_LIMIT bytes,
    every line holding a quote a _quoted_line. In C: bytes methods, a regular expression on the lines holding
    a quote, Arrow's UTF-8 check."""
    if b"\x00" in block or (b"\r" in block and _LONE_CR.search(block)) or not _valid_utf8(block) or _long_line(block):
        return False
    quoted = _quoted_line(delimiter.encode())
    pos = block.find(b'"')
    while pos != -1:
        start = block.rfind(b"\n", 0, pos) + 1
        stop = block.find(b"\n", pos)
        stop = len(block) if stop == -1 else stop
        if quoted.fullmatch(block, start, stop) is None:
            return False
        pos = block.find(b'"', stop)
    return True


def arrow_slices(path: Path, lazy: bool = False):
    """A large CSV cut into slices Arrow reads exactly as the csv module would, or None when it must take
    the csv module's path: not UTF-8 (GB18030, UTF-16), NUL bytes, a lone CR (a line end for the csv module),
    a line longer than CSV_FIELD_LIMIT bytes, a quoted line break or a quote either reader could take
    otherwise (a quote inside a field, text after a closing quote): :func:`arrow_readable`. Row numbers are
    then physical lines.

    ``lazy=False``: a list, every slice's bytes checked here. ``lazy=True``: an iterator whose first slice
    (the head) is checked here and the others where they are parsed (CsvSlice.checked is False: a worker
    process checks its own bytes) — the slices come as the file is cut, so the workers start at once; the
    iterator and the slices raise NotArrow where a check fails after the first slice."""
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
    cuts = _cut(path, delimiter)
    first = next(cuts, None)
    if first is None or not arrow_readable(first._raw(), delimiter):
        return None
    first.checked = True
    if lazy:
        return _chain_first(first, cuts)
    slices = [first]
    for s in cuts:
        if s is None or not arrow_readable(s._raw(), delimiter):
            return None
        s.checked = True
        slices.append(s)
    return slices


def _chain_first(first: CsvSlice, cuts):
    yield first
    for s in cuts:
        if s is None:
            raise NotArrow(-1)
        yield s


def _newlines(buf: bytearray, end: int) -> int:
    """The line ends (\\n) in buf[:end], counted by numpy (half the time of bytearray.count; numpy comes
    with pyarrow, which the slices need anyway)."""
    import numpy as np

    return int(np.count_nonzero(np.frombuffer(buf, np.uint8, end) == 0x0A))


def _cut(path: Path, delimiter: str):
    """The slices of a CSV file: whole lines, about CSV_SLICE_BYTES each (the first about CSV_FIRST_SLICE_BYTES
    and at least HEAD_ROWS lines), unchecked; None for a line longer than CSV_FIELD_LIMIT bytes and a slice
    (no cut can be found: the file is not for Arrow). The bytes are read into one buffer, reused (no
    allocation per slice), and only searched for line ends: their checks are arrow_readable's. The bytes
    after the first slice are cut into an even number of nearly equal slices: the two workers end together."""
    buf = bytearray(CSV_SLICE_BYTES)
    offset = lines = 0
    first = True
    parts = 0  # slices after the first, counted when the first is cut
    with open(path, "rb") as fh:
        total = os.fstat(fh.fileno()).st_size
        while True:
            if first:
                size = CSV_FIRST_SLICE_BYTES
            elif offset >= total:
                return
            else:
                if not parts:
                    parts = -(-(total - offset) // CSV_SLICE_BYTES)
                    parts += parts % 2
                size = max(-(-(total - offset) // parts), 1)
                parts = max(parts - 1, 1)
            while True:
                if len(buf) < size:
                    buf = bytearray(size)
                fh.seek(offset)
                got = fh.readinto(memoryview(buf)[:size])
                full = got == size and offset + got < total  # else the end of the file: all of it
                end = buf.rfind(b"\n", 0, got) + 1 if full else got
                if full and (end == 0 or (first and buf.count(b"\n", 0, got) < HEAD_ROWS)):
                    if end == 0 and size > CSV_FIELD_LIMIT:
                        yield None  # a line longer than the field limit
                        return
                    size *= 2  # read on: no line end yet, or not the head rows yet
                    continue
                break
            if end == 0:
                return
            n = _newlines(buf, end) + (buf[end - 1] != 0x0A)
            yield CsvSlice(path, offset, end, lines, n, delimiter, checked=False)
            first = False
            offset, lines = offset + end, lines + n


