"""CSV files decoded and parsed by the csv module: UTF-8 (with or without BOM), UTF-16 with a BOM, or
GB18030 (a superset of GBK); comma- or tab-separated. A file read whole (:func:`read_csv`), or a large one
as a stream in batches of rows (:func:`iter_csv_batches`), with the same rows, numbers and cleaning.
(csvarrow.py reads the large UTF-8 files where Arrow's reader gives exactly these rows.)"""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.io.rawsheet import RawSheet

#: longest CSV field accepted (Excel's cell limit is 32,767 characters; longer is a broken quote)
CSV_FIELD_LIMIT = 1024 * 1024


def _decode(data: bytes, enc: str, final: bool) -> str:
    """``data`` decoded; with ``final=False`` a character cut at the end of ``data`` (the head of a file)
    is not an error."""
    if final:
        return data.decode(enc)
    import codecs

    return codecs.getincrementaldecoder(enc)().decode(data, final=False)


def _utf16_damaged(name: str) -> InputError:
    return InputError(f"CSV 文件“{name}”标明为 UTF-16 编码，但内容已损坏，无法解码",
                      "请用 Excel/WPS 打开后另存为“CSV UTF-8”或 .xlsx")


def _unknown_encoding(name: str) -> InputError:
    return InputError(f"CSV 文件“{name}”的编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）",
                      "请用 Excel/WPS 打开后另存为“CSV UTF-8”或 .xlsx")


def decode_csv_bytes(data: bytes, name: str, final: bool = True) -> tuple[str, str]:
    """(text, encoding label) of a CSV file's bytes. ``final=False``: ``data`` is only the head of the
    file, and may end inside a character."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"  # the BOM says which byte order
        try:
            return _decode(data, enc, final), "UTF-16"
        except UnicodeDecodeError:
            raise _utf16_damaged(name) from None
    sample = data[:65536]
    nul = sample.count(0)
    if nul >= max(2, len(sample) // 100) and max(sample[0::2].count(0), sample[1::2].count(0)) >= 0.95 * nul:
        # NULs on every other byte: the zero half of ASCII characters in UTF-16 (stray NULs, or a block
        # of zero bytes at the end of a badly copied file, sit on both parities)
        raise InputError(f"CSV 文件“{name}”疑似 UTF-16 编码但缺少字节顺序标记（BOM），无法确定如何解码",
                         "请用 Excel/WPS 打开后另存为“CSV UTF-8（逗号分隔）”或 .xlsx")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return _decode(data, enc, final), ("UTF-8" if enc == "utf-8-sig" else "GB18030/GBK")
        except UnicodeDecodeError:
            continue
    raise _unknown_encoding(name)


def _delimiter(text: str) -> str:
    """Comma, or tab for Excel's "Unicode 文本" and other tab-separated exports."""
    for line in text.splitlines()[:30]:
        if line.strip():
            return "\t" if line.count("\t") > line.count(",") else ","
    return ","


@contextmanager
def big_fields():
    """csv's field size limit raised to CSV_FIELD_LIMIT while a CSV is parsed, then put back."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, CSV_FIELD_LIMIT))
    try:
        yield
    finally:
        csv.field_size_limit(old_limit)


def read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    text, enc = decode_csv_bytes(data, path.name)
    notes = csv_encoding_notes(enc)
    if "\x00" in text:
        text = text.replace("\x00", "")
        notes.append("已删除空字符（NUL）")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        with big_fields():
            rows: list[list] = []
            start = 1
            for record in reader:  # rows[i] is line i + 1: a record spanning lines keeps its first line's number
                while len(rows) < start - 1:
                    rows.append([])
                rows.append(record)
                start = reader.line_num + 1
    except csv.Error as e:
        if "field larger" in str(e):
            raise InputError(f"CSV 文件“{path.name}”第{reader.line_num}行附近有一个超过 {CSV_FIELD_LIMIT} 个字符的单元格",
                             "多半是引号不成对，请检查该行附近的英文双引号") from None
        raise InputError(f"CSV 文件“{path.name}”第{reader.line_num}行格式错误（{e}）", "请检查引号是否成对") from None
    return RawSheet(path.stem, rows, notes=notes)


def stream_encoding(path: Path) -> str:
    """The encoding of a large CSV, found by decoding it once as a stream (constant memory)."""
    import codecs

    with open(path, "rb") as fh:
        head = fh.read(65536)
    decode_csv_bytes(head, path.name, final=len(head) < 65536)  # BOM/UTF-16 checks, on the head only
    for enc in (("utf-16",) if head.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "gb18030")):
        decoder = codecs.getincrementaldecoder(enc)()
        try:
            with open(path, "rb") as fh:
                while block := fh.read(1 << 22):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
            return enc
        except UnicodeDecodeError:
            if enc == "utf-16":
                raise _utf16_damaged(path.name) from None
            continue
    raise _unknown_encoding(path.name)


_ENCODING_LABELS = {"utf-8-sig": "UTF-8", "gb18030": "GB18030/GBK", "utf-16": "UTF-16"}


def csv_encoding_notes(encoding: str) -> list[str]:
    """The reader note of a CSV file decoded with another encoding than UTF-8 (codec name or label): the
    clerk learns that the file was read as GB18030/GBK or UTF-16. UTF-8 goes without saying."""
    label = _ENCODING_LABELS.get(encoding, encoding)
    return [] if label == "UTF-8" else [f"CSV编码：{label}"]


class CsvBatch:
    """A batch of a streamed CSV: its records as (row number, values), and the text they were parsed from
    with the number of lines before it. Pickled (to a worker process) it carries only the text, which the
    worker parses again with :meth:`records`: a string pickles ~30× faster than lists of cells."""

    __slots__ = ("lines_before", "text", "delimiter", "rows")

    def __init__(self, lines_before: int, text: str, delimiter: str, rows: list | None = None):
        self.lines_before, self.text, self.delimiter, self.rows = lines_before, text, delimiter, rows

    def __getstate__(self):
        return self.lines_before, self.text, self.delimiter

    def __setstate__(self, state) -> None:
        self.lines_before, self.text, self.delimiter = state
        self.rows = None

    def records(self) -> list[tuple[int, list]]:
        """The batch as (row number, values), numbered as iter_csv_chunks numbers them."""
        if self.rows is None:
            with big_fields():
                reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
                rows, number = [], self.lines_before + 1
                for row in reader:
                    rows.append((number, row))
                    number = self.lines_before + reader.line_num + 1
            self.rows = rows
        return self.rows


def iter_csv_chunks(path: Path, chunk_rows: int = 50_000, encoding: str | None = None):
    """A large CSV as batches of (row number, values), read as a stream: the same rows, numbers and
    cleaning (NUL bytes dropped, tab-separated files detected) as :func:`read_csv`, in bounded memory.
    ``encoding``: as found by :func:`stream_encoding` (found here when not given)."""
    for batch in iter_csv_batches(path, chunk_rows, encoding):
        yield batch.rows


def iter_csv_batches(path: Path, chunk_rows: int = 50_000, encoding: str | None = None):
    """iter_csv_chunks as CsvBatch objects (the records and the text they come from)."""
    enc = encoding or stream_encoding(path)
    with open(path, encoding=enc, newline="") as fh:
        first_lines = [fh.readline() for _ in range(30)]
        fh.seek(0)
        delimiter = _delimiter("".join(first_lines))
        lines: list[str] = []  # the lines read for the records of this batch (the reader reads no further)

        def cleaned():
            for line in fh:
                line = line.replace("\x00", "")
                lines.append(line)
                yield line

        reader = csv.reader(cleaned(), delimiter=delimiter)
        with big_fields():
            try:
                batch, number, before = [], 1, 0
                for row in reader:
                    batch.append((number, row))  # the line the record starts on, as read_csv numbers it
                    number = reader.line_num + 1
                    if len(batch) >= chunk_rows:
                        yield CsvBatch(before, "".join(lines), delimiter, batch)
                        batch, before = [], reader.line_num
                        lines.clear()
                if batch:
                    yield CsvBatch(before, "".join(lines), delimiter, batch)
            except csv.Error as e:
                raise InputError(f"CSV 文件“{path.name}”第{reader.line_num}行格式错误（{e}）", "请检查引号是否成对") from None
