"""The large-file path (sheet XML streamed in chunks) reports exactly the findings of the in-memory path."""

import datetime as dt
import os
import openpyxl
import pytest

from sgs_cli.io import chunked, sheetxml, source
from sgs_cli.validation import engine as V
from sgs_cli.findings import FileReport

EXAMPLE = "examples/行政处罚台账.xlsx"


def _big_copy(tmp_path, repeats=40):
    """The example penalty ledger (30 records, 12 planted mistakes) repeated: 1,200 records, with
    duplicates that cross chunk boundaries."""
    src = openpyxl.load_workbook(EXAMPLE)
    ws = src.active
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    for _ in range(repeats - 1):
        for r in rows:
            ws.append(r)
    out = tmp_path / "big.xlsx"
    src.save(out)
    return out


def _with_shared_strings(path):
    """The same workbook with its inline strings moved into a shared-string table, as Excel and WPS
    save (this openpyxl writes inline strings)."""
    import re
    import zipfile

    cell = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)
    index: dict = {}

    def to_ref(m):
        i = index.setdefault(m[3], len(index))
        return b'<c %st="s"%s><v>%d</v></c>' % (m[1], m[2], i)

    out = path.with_name("shared_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = cell.sub(to_ref, data)
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            dst.writestr(info.filename, data)
        items = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % t for t in index)
        dst.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                     b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
                     % (len(index), len(index), items))
    return out


def _findings(fr: FileReport):
    return sorted((f.row or 0, f.column or "", f.code, f.severity, f.message) for s in fr.sheets for f in s.findings)


@pytest.mark.parametrize("sparse", [False, True], ids=["whole-string-table", "string-table-per-chunk"])
def test_chunked_path_reports_the_same_findings(tmp_path, monkeypatch, sparse):
    path = _with_shared_strings(_big_copy(tmp_path))
    opts = dict(today=dt.date(2019, 12, 31))
    whole = V.validate_file(path, V.ValidateOptions(**opts))
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 97)  # many chunks, boundaries inside the repeated block
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)  # force the streaming path
    monkeypatch.setattr(chunked, "SPARSE_SST_BYTES", 0 if sparse else 1 << 62)
    streamed = V.validate_file(path, V.ValidateOptions(**opts))
    assert streamed.sheets[0].rows == whole.sheets[0].rows == 1200
    assert _findings(streamed) == _findings(whole)
    codes = {f[2] for f in _findings(whole)}
    assert {"DUPLICATE_RECORD", "USCC_CHECKSUM", "CODE_PRECISION_LOST", "DATE_INVALID"} <= codes
    # the planted duplicate in the first block, then every record of the 39 repeats, most of them in
    # other chunks than their first occurrence
    dups = [f for f in _findings(streamed) if f[2] == "DUPLICATE_RECORD"]
    assert len(dups) == 1 + 39 * 30


def test_streamed_csv_reports_the_same_findings(tmp_path, monkeypatch):
    """A large CSV is read as a stream in batches; findings equal those of the in-memory CSV path."""
    import csv

    src = openpyxl.load_workbook(EXAMPLE).active
    rows = [[("" if c.value is None else c.value) for c in r] for r in src.iter_rows(min_row=2)]
    rows = [[v.strftime("%Y/%m/%d") if hasattr(v, "strftime") else v for v in r] for r in rows]
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(rows[0])
        for _ in range(20):
            w.writerows(rows[1:])
    opts = dict(today=dt.date(2019, 12, 31))
    whole = V.validate_file(path, V.ValidateOptions(**opts))
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    monkeypatch.setattr(source, "CSV_BATCH_ROWS", 47)  # many batches: the workers parse their text
    streamed = V.validate_file(path, V.ValidateOptions(**opts))
    assert streamed.sheets[0].rows == whole.sheets[0].rows == 600
    assert _findings(streamed) == _findings(whole)
    assert sum(1 for f in _findings(streamed) if f[2] == "DUPLICATE_RECORD") == 1 + 19 * 30


def test_csv_rows_are_line_numbers(tmp_path, monkeypatch):
    """docs/contract.md: for CSV the row is the line number (header = 1), also after a cell with a line break."""
    from sgs_cli import standard as S

    header = [f.name for f in S.PENALTY.fields]
    blank = [""] * len(header)
    first = list(blank)
    first[S.PENALTY.codes.index("CF_SY")] = "第一行\n第二行"  # a quoted cell over two lines (lines 2–3)
    second = list(blank)
    second[S.PENALTY.codes.index("CF_XDR_SHXYM")] = "91110000600037341A"  # on line 4
    import csv

    path = tmp_path / "多行.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, first, second])
    for large in (False, True):
        if large:
            monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
        fr = V.validate_file(path, V.ValidateOptions(today=dt.date(2019, 12, 31)))
        cells = {f.cell for s in fr.sheets for f in s.findings if f.code == "USCC_CHECKSUM"}
        assert cells == {"C4"}, (large, cells)


def _serial_then_two_workers(tmp_path, monkeypatch):
    """The 300-record copy validated in one process; then the switches that send it to two workers."""
    from sgs_cli.validation import parallel

    path = _big_copy(tmp_path, repeats=10)
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    serial = V.validate_file(path, V.ValidateOptions(today=dt.date(2019, 12, 31)))
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_ROWS_FORK", 100)
    monkeypatch.setattr(parallel, "MIN_ROWS_SPAWN", 100)
    return path, serial


def test_in_memory_sheet_on_two_cores_reports_the_same_findings(tmp_path, monkeypatch):
    """A big in-memory sheet is cut into batches for the worker processes; the findings, duplicates
    across batches included, are those of the one-process run."""
    from sgs_cli.validation import parallel

    path, serial = _serial_then_two_workers(tmp_path, monkeypatch)
    calls = []
    real = parallel.validate_parallel
    monkeypatch.setattr(parallel, "validate_parallel", lambda *a, **k: calls.append(1) or real(*a, **k))
    two = V.validate_file(path, V.ValidateOptions(today=dt.date(2019, 12, 31)))
    assert calls == [1]  # the sheet did go to the workers
    assert two.sheets[0].rows == serial.sheets[0].rows == 300
    assert _findings(two) == _findings(serial)
    # in the same order too (the JSON document is byte for byte the same): the duplicates the merge finds
    # sit in row order, before the findings of the families that run after the duplicates family
    in_order = [[(f.row, f.code, f.column) for f in s.findings] for s in serial.sheets]
    assert [[(f.row, f.code, f.column) for f in s.findings] for s in two.sheets] == in_order
    assert sum(1 for f in _findings(two) if f[2] == "DUPLICATE_RECORD") == 1 + 9 * 30
    assert any(f[2] == "DEADLINE_PASSED" for f in _findings(two))  # the per-sheet summary survives the merge


def _worker_dies(batch):
    os._exit(3)  # as when the system kills a worker process for memory


def test_a_broken_worker_pool_falls_back_to_one_process(tmp_path, monkeypatch):
    from sgs_cli.validation import parallel

    path, serial = _serial_then_two_workers(tmp_path, monkeypatch)
    monkeypatch.setattr(parallel, "_work", _worker_dies)
    fallback = V.validate_file(path, V.ValidateOptions(today=dt.date(2019, 12, 31)))
    assert fallback.sheets[0].rows == 300
    assert _findings(fallback) == _findings(serial)


def test_sgs_workers_sets_the_number_of_worker_processes(monkeypatch):
    from sgs_cli.validation import parallel

    monkeypatch.setenv("SGS_WORKERS", "1")
    assert parallel.workers() == 1
    monkeypatch.setenv("SGS_WORKERS", "3")
    assert parallel.workers() == 3
    monkeypatch.setenv("SGS_WORKERS", "零")  # not a number: the default
    assert parallel.workers() == min(2, os.cpu_count() or 1)


def test_a_chunk_gets_only_the_shared_strings_it_uses(tmp_path, monkeypatch):
    import zipfile

    path = _with_shared_strings(_big_copy(tmp_path, repeats=20))
    monkeypatch.setattr(chunked, "SPARSE_SST_BYTES", 0)
    with zipfile.ZipFile(path) as z:
        part = sheetxml.sheet_parts(z)[0]
    sheet = chunked.ChunkedSheet(path, part, chunk_rows=50)
    xmls = list(sheet.xml_chunks())
    name = next(n for n in sheet.shared if n.endswith("sharedStrings.xml"))
    last = sheet._chunk_parts(xmls[-1])[name]
    assert last.count(b"<si/>") > 0 and len(last) < len(sheet.shared[name])  # unused strings left empty
    sparse = [sheet.parse(x) for x in xmls]
    monkeypatch.setattr(chunked, "SPARSE_SST_BYTES", 1 << 62)
    plain = chunked.ChunkedSheet(path, part, chunk_rows=50)
    assert sparse == [plain.parse(x) for x in plain.xml_chunks()]
    assert sum(len(b) for b in sparse) == 2 + 20 * 30  # title and header rows, then the records


# --- the cell-address scan: numpy over the bytes when every cell is spelled <c r="…", else the regex ---

from hypothesis import given, settings, strategies as st  # noqa: E402

_LETTERS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=5)
_CELL = st.one_of(
    st.builds(lambda c, r, rest: f'<c r="{c}{r}"{rest}', _LETTERS,
              st.one_of(st.integers(0, 10**9), st.sampled_from(["007", "01048576", "0", "00"])),
              st.sampled_from(["/>", ' t="s"><v>1</v></c>', ' s="3"><v>45000</v></c>', '><is><t>甲</t></is></c>',
                               "", "'/>", " "])),
    st.sampled_from(['<c s="1" r="B7"/>', '<x:c r="A1"/>', "<c>1</c>", '<c\nr="A2"/>', '<c r="a1"/>', '<c r="A1',
                     "<cols><col/></cols>", '<cfRule r="A1"/>', "text:c ", '<row r="3">', "</row>", "<c r='XFD9'/>",
                     '<c\tr="B2"/>', '<c  r="C3"/>', '<c r="A1\'/>', "12:30", ":c>", "<c", "c", '<c r="', "xmlns:r=",
                     '<c r="Ａ1"/>', '<c r="A１"/>', "<c/>", '<c.x r="A1"/>', '<c r="@1"/>', '<c r="[1"/>', '<c r="A:"/>',
                     '<c r="A/"/>', "<c r=\"\xc1\x81\"/>", '<c r="12"/>', '<x:c\nr="A1"/>', '<x:c/>']))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELL, max_size=12), st.integers(0, 7), st.sampled_from([2, 4, 6, 16, 1 << 20]))
def test_the_numpy_address_scan_agrees_with_the_regex_across_blocks(cells, shift, block):
    """As below, with the XML shifted by 0–7 bytes (every alignment of a cell tag) and scanned in blocks as
    small as one 16-bit pair (a tag across the end of a block)."""
    from unittest import mock

    xml = (" " * shift + "".join(cells)).encode()
    with mock.patch.object(chunked, "_ADDRESS_BLOCK", block):
        fast = chunked._plain_addresses(xml)
    if fast is not None:
        assert fast == _regex_addresses(xml)


def _regex_addresses(xml: bytes):
    pairs = chunked._ADDR.findall(xml)
    if not pairs:
        return 0, chunked.MAX_ROW + 1, 0, chunked.MAX_COL + 1, 0
    rows = [chunked._row_number(d) for _, d in pairs]
    cols = [chunked._col_number(c) for c, _ in pairs]
    if max(cols) > chunked.MAX_COL or max(rows) > chunked.MAX_ROW or min(rows) < 1:
        return None
    return len(pairs), min(rows), max(rows), min(cols), max(cols)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELL, max_size=12))
def test_the_numpy_address_scan_agrees_with_the_regex(cells):
    xml = "".join(cells).encode()
    fast = chunked._plain_addresses(xml)
    if fast is not None:  # None: the regex pass decides
        assert fast == _regex_addresses(xml)


def test_the_numpy_address_scan_on_plain_cells():
    xml = b'<sheetData><row r="2"><c r="B2" t="s"><v>1</v></c><c r="AA3"/></row><cols><col/></cols>'
    assert chunked._plain_addresses(xml) == (2, 2, 3, 2, 27)
    assert chunked._plain_addresses(b'<c r="A1"/><c r="XFD1048576"/>') == (2, 1, 1048576, 1, 16384)
    assert chunked._plain_addresses(b'<c r="XFE1"/>') is None  # past the last column: the regex names it
    with pytest.raises(chunked.AddressError, match="XFE1"):
        chunked.addresses(b'<c r="A1"/><c r="XFE1"/>')
    assert chunked._plain_addresses(b'<c s="1" r="B7"/>') is None  # another attribute order


def _sheet_of_rows(rows: int, odd: bytes = b"", at_row: int = 0, shift: int = 0) -> bytes:
    """Sheet XML of ``rows`` honest rows of 20 cells (over 1 MB from 2,000 rows: the numpy scan), with
    ``odd`` put among the cells of row ``at_row``, the whole shifted by ``shift`` bytes."""
    head = b'<?xml version="1.0"?><worksheet xmlns="m" xmlns:r="r"><sheetData>' + b" " * shift
    body = []
    for r in range(1, rows + 1):
        cells = b"".join(b'<c r="%s%d" t="s"><v>%d</v></c>' % (c.encode(), r, r) for c in _COLUMNS)
        if r == at_row:
            cells = cells[:len(cells) // 2] + odd + cells[len(cells) // 2:]
        body.append(b'<row r="%d">%s</row>' % (r, cells))
    return head + b"".join(body) + b"</sheetData></worksheet>"


_COLUMNS = [*"ABCDEFGHIJKLMNOPQRS", "AD"]


@pytest.mark.parametrize("odd, extent", [
    (b'<c r="A1048576"/>', (1, 1_048_576, 1, 30)),  # the row tag says 2000, the cell says otherwise
    (b'<c r="XFD7"/>', (1, 3000, 1, 16_384)),
    (b'<c r="AAA7" t="s"><v>1</v></c>', (1, 3000, 1, 703)),
    (b'<c r="A01048576"/>', (1, 1_048_576, 1, 30)),  # a leading zero: the regex reads the number
    (b'<x:c r="XFD1048576"/>', (1, 1_048_576, 1, 16_384)),  # a namespace prefix
    (b"<c r='XFD9'/>", (1, 3000, 1, 16_384)),  # the other quote
    (b'<c\nr="B1048576"/>', (1, 1_048_576, 1, 30)),  # a line break before r
    (b'<c s="1" r="ZZ1048576"/>', (1, 1_048_576, 1, 702)),  # r not first
    (b'<c r="B9999"/>', (1, 9999, 1, 30)),
    (b'<x:c\nr="XFD9"/>', (1, 3000, 1, 16_384)),  # a prefix, then a line break
])
@pytest.mark.parametrize("shift", [0, 1])
def test_one_odd_cell_among_a_million_bytes_of_plain_ones_sets_the_extent(odd, extent, shift):
    """Whatever the fast scan assumes, one cell that breaks it, in the middle of a large chunk of plain
    cells, is counted as the regex counts it: its address widens the extent (rows far apart, a far
    column), so the chunk is split or refused exactly as before."""
    xml = _sheet_of_rows(3000, odd, at_row=2000, shift=shift)
    assert len(xml) > chunked.NUMPY_MIN_BYTES
    n, *got = chunked.addresses(xml)
    assert n == 3000 * 20 + 1 and tuple(got) == extent
    assert chunked.dense_ok(n, *got) == (extent[1] * extent[3] <= chunked.CELL_BUDGET)


@pytest.mark.parametrize("odd, named", [
    (b'<c r="XFE7"/>', "XFE7"), (b'<c r="A1048577"/>', "A1048577"), (b'<c r="B9999999"/>', "B9999999"),
    (b'<c r="C0"/>', "C0"), (b'<c r="XFDA1"/>', "XFDA1"), (b'<c r="AAAA12"/>', "AAAA12"),
    (b'<x:c r="XFE1"/>', "XFE1"), (b'<c r="D00000000"/>', "D0"),
])
def test_an_address_past_the_last_cell_among_plain_ones_is_named(odd, named):
    xml = _sheet_of_rows(3000, odd, at_row=1500)
    with pytest.raises(chunked.AddressError, match=f"^{named}$"):
        chunked.addresses(xml)
    assert chunked._plain_addresses(xml) is None  # the regex names it


def test_plain_cells_are_scanned_in_numpy_at_every_alignment_and_block_edge():
    """The fast scan decides plain XML itself (None would leave it to the regex, at ~18 µs per row), at
    every byte offset of the tags and with tags cut by the end of a scan block; the last cell's window
    reaches past the end of the XML."""
    from unittest import mock

    for shift in range(4):
        xml = _sheet_of_rows(300, shift=shift)
        for block in (2, 6, 64, 1 << 20):
            with mock.patch.object(chunked, "_ADDRESS_BLOCK", block):
                assert chunked._plain_addresses(xml) == (6000, 1, 300, 1, 30)
    tail = b'<c r="B2"/><c r="XFD1048576'  # no closing quote: not an address the regex counts
    assert chunked._plain_addresses(b'<c r="A1"/>' + tail) is None
    assert chunked._plain_addresses(b'<c r="A1"/><c r="XFD1048576"/>') == (2, 1, 1_048_576, 1, 16_384)
    assert chunked._plain_addresses(b"<cols><col/></cols>") == (0, chunked.MAX_ROW + 1, 0, chunked.MAX_COL + 1, 0)
    # not addresses to the regex, so not to the fast scan: no letters; a byte with the high bit whose low
    # seven bits are a letter (0xC1: "A" | 0x80) or a digit (0xB1: "1" | 0x80)
    for odd in (b'<c r="12"/>', b'<c r="\xc1\x31"/>', b'<c r="A1\xb1"/>'):
        assert chunked._plain_addresses(b'<c r="B2"/>' + odd) is None
        assert chunked.addresses(odd + b'<c r="B2"/>') == (1, 2, 2, 2, 2)


@pytest.mark.parametrize("big", [False, True], ids=["regex", "numpy-then-regex"])
def test_addresses_calamine_reads_that_the_guard_once_skipped(big):
    """calamine reads lowercase letters (xfd5: column 16,384), any number of letters, leading zeros
    (A0…01048576: row 1,048,576) and wraps a row past 2**32 around (A4296015872: row 1,048,576); the
    guard's regex once took only 1–4 capitals and 1–8 digits, so such a far cell was not counted and the
    dense range was not bounded. Now each is counted or named."""
    def scan(odd: bytes):
        return chunked.addresses(_sheet_of_rows(3000, odd, at_row=10) if big else b'<c r="A1"/>' + odd)

    rows = 3000 if big else 1
    cells = rows * 20 + 1 if big else 2
    last_col = 30 if big else 1
    assert scan(b'<c r="xfd1048576"/>') == (cells, 1, 1_048_576, 1, 16_384)
    assert scan(b'<c r="A' + b"0" * 30 + b'1048576"/>') == (cells, 1, 1_048_576, 1, last_col)
    for odd, named in [(b'<c r="xfe1"/>', "xfe1"), (b'<c r="AAAAA5"/>', "AAAAA5"), (b'<c r="A4296015872"/>', "A4296015872"),
                       (b'<c r="B' + b"9" * 5000 + b'"/>', "B" + "9" * 23 + "…"),
                       (b'<c r="' + b"Q" * 100_000 + b'2"/>', "Q" * 24 + "…"), (b'<c r="A00000000000"/>', "A0")]:
        with pytest.raises(chunked.AddressError) as e:
            scan(odd)
        assert str(e.value) == named


def test_many_colons_in_the_text_still_find_a_prefixed_cell():
    text = b"<c r=\"A1\" t=\"inlineStr\"><is><t>" + b"08:30 " * (chunked._FEW_COLONS + 1) + b"</t></is></c>"
    assert chunked._plain_addresses(text + b'<c r="B2"/>') == (2, 1, 2, 1, 2)
    assert chunked._plain_addresses(text + b'<x:c r="B2"/>') is None
    assert chunked.addresses(text + b'<x:c r="XFD3"/>') == (2, 1, 3, 1, 16_384)


_SST_PIECE = st.sampled_from(["<si><t>甲</t></si>", "<si/>", "<si><r><t>a</t></r><r><t>b/s</t></r></si>", "<si></si>",
                              '<si a="1"><t>x</t></si>', "<si\n/>", "</si>", "<si>", "<siz/>", "<sst>", "</sst>", "/s", "<s",
                              "<t>c</t>", " ", "<si><t>&lt;si&gt;</t></si>"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SST_PIECE, max_size=14), st.sampled_from([2, 4, 6, 1 << 24]))
def test_the_numpy_shared_string_item_scan_agrees_with_the_regex(pieces, block):
    """_plain_item_spans gives the spans _SST_ITEM.finditer gives, or None (then the regex is used), also
    when an item straddles the blocks it scans."""
    from unittest import mock

    data = "".join(pieces).encode()
    with mock.patch.object(chunked, "_SPAN_BLOCK", block):
        got = chunked._plain_item_spans(data)
    if got is not None:
        want = [(m.start(), m.end()) for m in chunked._SST_ITEM.finditer(data)]
        assert list(zip(got[0].tolist(), got[1].tolist())) == want


def test_the_numpy_shared_string_item_scan_on_a_plain_table():
    data = b'<sst count="3"><si><t>a</t></si><si/><si><r><t>x</t></r><r><t>y</t></r></si></sst>'
    starts, ends = chunked._plain_item_spans(data)
    assert [data[a:b] for a, b in zip(starts.tolist(), ends.tolist())] == [
        b"<si><t>a</t></si>", b"<si/>", b"<si><r><t>x</t></r><r><t>y</t></r></si>"]
    assert chunked._plain_item_spans(b'<sst><si a="1"><t>a</t></si></sst>') is None  # attributes: the regex decides
    assert chunked._plain_item_spans(b"<sst><si><t>a</t></si></si></sst>") is None  # a stray close


def test_a_csv_batch_sent_to_a_worker_is_parsed_to_the_same_rows(tmp_path):
    """A streamed CSV's batch travels to a worker as its text (CsvBatch pickles without its rows) and is
    parsed there to the same rows with the same line numbers: quoted line breaks, CR-only and CRLF line
    ends, NUL bytes, blank lines and a tab-separated file."""
    import pickle

    from sgs_cli.io.reading import iter_csv_batches

    texts = {
        "comma.csv": 'a,b,c\r\n1,"x\ny",3\r\n\r\n4,5,6\r7,"q""uote",9\n\x0010,11,12\n"last\nline",,\n',
        "tabs.csv": "a\tb\tc\n1\t2\t3\n4\t\"5\n5\"\t6\n7\t8\t9\n",
    }
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8", newline="")
        batches = list(iter_csv_batches(path, chunk_rows=2))
        assert len(batches) >= 2
        numbered = [r for b in batches for r in b.rows]
        for b in batches:
            sent = pickle.loads(pickle.dumps(b))
            assert sent.rows is None  # only the text travels
            assert sent.records() == b.rows
        assert [n for n, _ in numbered] == sorted(n for n, _ in numbered)
    rows = [r for b in iter_csv_batches(tmp_path / "comma.csv", chunk_rows=2) for r in b.rows]
    assert rows == [(1, ["a", "b", "c"]), (2, ["1", "x\ny", "3"]), (4, []), (5, ["4", "5", "6"]),
                    (6, ["7", 'q"uote', "9"]), (7, ["10", "11", "12"]), (8, ["last\nline", "", ""])]
