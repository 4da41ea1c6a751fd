"""A large CSV read by Arrow's CSV reader (csvarrow.arrow_slices) gives the rows, line numbers and findings of
the csv module's path; files where the two readers could differ take the csv module's path."""

import csv
import datetime as dt
import io
import pickle

import openpyxl
import pytest

from sgs_cli.io import chunked, csvarrow, csvfile, source
from sgs_cli.validation import engine as V

EXAMPLE = "examples/行政处罚台账.xlsx"


def _exact(path):
    return [r for b in csvfile.iter_csv_batches(path, chunk_rows=3) for r in b.rows]


def _arrow(path):
    slices = csvarrow.arrow_slices(path)
    assert slices is not None
    return [r for s in slices for r in pickle.loads(pickle.dumps(s)).records()]


def _records(rows):
    """The rows that can be records (a blank line is [] from the csv module, empty strings from Arrow)."""
    return [(n, r) for n, r in rows if any(r)]


@pytest.fixture
def small_slices(monkeypatch):
    monkeypatch.setattr(csvarrow, "CSV_FIRST_SLICE_BYTES", 7)
    monkeypatch.setattr(csvarrow, "CSV_SLICE_BYTES", 23)
    monkeypatch.setattr(csvarrow, "HEAD_ROWS", 1)  # the first slice holds at least the head rows


TEXTS = {
    # quoted fields with delimiters and doubled quotes, CRLF, blank lines, short and long rows, a BOM,
    # a title line above the header, no line end at the end
    "mixed.csv": '\ufeff某局行政处罚台账\r\na,b,c\r\n1,"x,y",3\r\n\r\n4,5\r\n6,7,8,9\r\n"q""r",s,""\r\n,,\r\n'
                 '"全角，逗号","",末\r\nu,v,w',
    "tabs.csv": "a\tb\tc\n1\t\"2\t2\"\t3\n\n4\t5\t6\n7\t8\n",
    "plain.csv": "名称,代码\n甲,91110000600037341A\n乙,\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_arrow_slices_read_the_rows_of_the_csv_module(tmp_path, small_slices, name):
    path = tmp_path / name
    path.write_bytes(TEXTS[name].encode("utf-8"))
    slices = csvarrow.arrow_slices(path)
    assert len(slices) >= 2  # cut at line ends
    assert sum(s.lines for s in slices) == TEXTS[name].count("\n") + (not TEXTS[name].endswith("\n"))
    sent = pickle.loads(pickle.dumps(slices[1]))
    assert sent.rows is None and sent.path == path  # only the place in the file travels to a worker
    assert _records(_arrow(path)) == _records(_exact(path))


def test_arrow_rows_numbers_and_cells(tmp_path, small_slices):
    path = tmp_path / "mixed.csv"
    path.write_bytes(TEXTS["mixed.csv"].encode("utf-8"))
    assert _records(_arrow(path)) == [
        (1, ["某局行政处罚台账"]), (2, ["a", "b", "c"]), (3, ["1", "x,y", "3"]), (5, ["4", "5"]),
        (6, ["6", "7", "8", "9"]), (7, ['q"r', "s", ""]), (9, ["全角，逗号", "", "末"]), (10, ["u", "v", "w"])]


@pytest.mark.parametrize("data", [
    b'a,b\n1,"two\nlines"\n',  # a quoted line break: records are not lines
    b'a,b\n1,x"y\n',  # a quote inside a field
    b'a,b\n1,"x"y\n',  # text after the closing quote
    b'a,b\n1,"open\n',  # a quote never closed
    b"a,b\n1,\x002\n",  # a NUL byte (the csv module's path drops it)
    b"a,b\r1,2\r",  # CR-only line ends
    "名称,代码\n甲,乙\n".encode("gb18030"),  # GBK / GB18030
    "名称,代码\n甲,乙\n".encode("utf-16"),  # UTF-16 with its BOM
    b"",
], ids=["quoted-line-break", "quote-in-field", "after-closing-quote", "unclosed", "nul", "cr-only", "gbk",
        "utf16", "empty"])
def test_what_arrow_could_read_otherwise_takes_the_csv_module(tmp_path, data):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    assert csvarrow.arrow_slices(path) is None


def test_a_late_quoted_line_break_takes_the_csv_module(tmp_path, small_slices):
    path = tmp_path / "late.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 50 + b'3,"x\ny"\n')
    assert csvarrow.arrow_slices(path) is None


def test_the_reader_can_be_forced(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n1,2\n")
    assert csvarrow.arrow_slices(path) is not None
    monkeypatch.setenv(csvarrow.CSV_READER_ENV, "exact")
    assert csvarrow.arrow_slices(path) is None


def _ledger_csv(path, copies: int = 20):
    src = openpyxl.load_workbook(EXAMPLE).active
    rows = [[("" if c.value is None else c.value) for c in r] for r in src.iter_rows(min_row=2)]
    rows = [[v.strftime("%Y/%m/%d") if hasattr(v, "strftime") else v for v in r] for r in rows]
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(rows[0])
    for _ in range(copies):
        w.writerows(rows[1:])
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return path


def _findings(fr):
    return [(s.sheet, f.row, f.column, f.code, f.severity, f.message, f.key) for s in fr.sheets for f in s.findings]


def test_a_streamed_csv_read_by_arrow_reports_the_findings_of_the_csv_module(tmp_path, monkeypatch):
    """The example ledger repeated 8 times (240 records, quoted cells, duplicates across slices) as a
    large CSV: Arrow's slices, in many small batches, give the findings of the csv module's path, in order."""
    path = _ledger_csv(tmp_path / "ledger.csv", copies=8)
    opts = V.ValidateOptions(today=dt.date(2019, 12, 31))
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    monkeypatch.setattr(csvarrow, "CSV_FIRST_SLICE_BYTES", 5000)
    monkeypatch.setattr(csvarrow, "CSV_SLICE_BYTES", 10_000)
    assert len(csvarrow.arrow_slices(path)) > 5
    arrow = V.validate_file(path, opts)
    monkeypatch.setenv(csvarrow.CSV_READER_ENV, "exact")
    exact = V.validate_file(path, opts)
    assert arrow.sheets[0].rows == exact.sheets[0].rows == 240
    assert _findings(arrow) == _findings(exact)
    assert sum(1 for f in _findings(arrow) if f[3] == "DUPLICATE_RECORD") == 1 + 7 * 30


def test_progress_of_an_arrow_read_csv_counts_its_lines(tmp_path, monkeypatch):
    path = _ledger_csv(tmp_path / "ledger.csv", copies=2)
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    sheet = next(source.open_input(path).sheets())
    assert sheet._estimated_rows == 61  # the header and 2 × 30 records, one line each
    assert sheet.head[0][0] == "行政相对人名称"


def test_arrow_columns_keep_the_rows_that_are_records():
    """runner.arrow_data_columns leaves out exactly the rows records.mapping.is_skippable leaves out (blank,
    white space of every kind str.strip() removes, 示例/样例/说明 rows, 合计 rows, a 示例 mark at the end),
    and its Arrow arrays hold the strings of its lists."""
    from sgs_cli.records.mapping import is_skippable
    from sgs_cli.validation.runner import arrow_data_columns

    lines = ["甲,91110000600037341A,罚款", ",,", " ,\u3000,\x1c", "示例：某公司,x,y", " 合计 ,1,2", "乙,,示例",
             "丙,例外,样例说明", "\u00a0丁,示例文本,z", "\u3000,戊,己", "说明：见附件,,", "庚,辛,壬"]
    data = "\n".join(lines).encode() + b"\n"
    table, odd = csvarrow._arrow_table(data, ",")
    assert not odd
    cols = csvarrow.CsvColumns(table, 1)
    assert list(cols) == [(k, line.split(",")) for k, line in enumerate(lines, start=2)]
    numbers, arrays = arrow_data_columns(cols, [0, 2, 5])
    expected = [(k, line.split(",")) for k, line in enumerate(lines, start=2) if not is_skippable(line.split(","))]
    assert numbers == [n for n, _ in expected] == [2, 8, 9, 10, 12]
    assert {i: a.to_pylist() for i, a in arrays.items()} == {0: [r[0] for _, r in expected],
                                                               2: [r[2] for _, r in expected]}


def test_a_slice_without_sample_words_is_not_searched_for_them(tmp_path):
    """CsvSlice.columns notes whether the slice's bytes hold 示例 or 样例 at all; without them no cell is
    searched for them, and the rows kept are the same."""
    from sgs_cli.validation.runner import arrow_data_columns

    for text, marks, kept in (("甲,1,罚款\n乙,,示例\n", True, [1]), ("甲,1,罚款\n乙,2,警告\n", False, [1, 2])):
        p = tmp_path / "s.csv"
        p.write_text(text, encoding="utf-8")
        cols = csvarrow.CsvSlice(p, 0, p.stat().st_size, 0, 2, ",").columns()
        assert cols.marks is marks
        assert arrow_data_columns(cols, [0])[0] == kept


def test_the_columnar_engine_takes_arrow_columns(tmp_path, monkeypatch):
    """In one process (SGS_WORKERS=1) the slices after the header reach the columnar engine as Arrow columns
    (runner._arrow_columns), with the findings of the csv module's path."""
    from sgs_cli.validation import runner

    path = _ledger_csv(tmp_path / "ledger.csv", copies=6)
    opts = V.ValidateOptions(today=dt.date(2019, 12, 31))
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    monkeypatch.setattr(csvarrow, "CSV_FIRST_SLICE_BYTES", 5000)
    monkeypatch.setattr(csvarrow, "CSV_SLICE_BYTES", 20_000)
    monkeypatch.setenv("SGS_WORKERS", "1")
    monkeypatch.delenv("SGS_ENGINE", raising=False)  # the columnar engine (the default)
    taken = []
    real = runner._arrow_columns
    monkeypatch.setattr(runner, "_arrow_columns", lambda b, m: taken.append(real(b, m) is not None) or real(b, m))
    arrow = V.validate_file(path, opts)
    assert taken.count(True) == len(csvarrow.arrow_slices(path)) - 1  # every slice but the first (the head)
    monkeypatch.setenv(csvarrow.CSV_READER_ENV, "exact")
    exact = V.validate_file(path, opts)
    assert _findings(arrow) == _findings(exact)


def test_a_slice_arrow_refuses_is_read_by_the_csv_module(tmp_path, small_slices, monkeypatch):
    """Should Arrow's reader refuse a slice the byte scan let through, its lines are read by the csv module
    (same rows, same numbers) instead of the file becoming unreadable."""
    import pyarrow as pa

    path = tmp_path / "mixed.csv"
    path.write_bytes(TEXTS["mixed.csv"].encode("utf-8"))
    expected = _records(_arrow(path))

    def refuse(data, delimiter, **kw):
        raise pa.ArrowInvalid("refused")

    monkeypatch.setattr(csvarrow, "_arrow_table", refuse)
    assert _records(_arrow(path)) == expected
    assert all(isinstance(s.columns(), list) for s in csvarrow.arrow_slices(path))


def test_long_line_finds_a_line_over_the_limit():
    assert not csvarrow._long_line(b"abcd\nefgh\nijkl", 4)
    assert csvarrow._long_line(b"abcd\nefghi\nijk", 4)
    assert csvarrow._long_line(b"abcd\nefgh\nijklm", 4)  # the last line, without a line end
    assert csvarrow._long_line(b"abcdefghij", 4)
    assert not csvarrow._long_line(b"ab\n\n\ncd\n" * 10, 4)
    for k in range(1, 30):  # against the obvious definition
        block = (b"x" * k + b"\n") * 3 + b"y" * (k % 7)
        assert csvarrow._long_line(block, 6) == (max(map(len, block.split(b"\n"))) > 6), k


def test_a_line_longer_than_the_field_limit_takes_the_csv_module(tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(b"a,b\n1," + b"x" * (csvarrow.CSV_FIELD_LIMIT + 1) + b"\n2,3\n")
    assert csvarrow.arrow_slices(path) is None


def test_the_first_slice_holds_the_head_rows(tmp_path, monkeypatch):
    """However long the lines, the first slice (parsed in the main process for header recognition) holds
    the first 30 lines, as the csv module's first batch does."""
    monkeypatch.setattr(csvarrow, "CSV_FIRST_SLICE_BYTES", 100)
    monkeypatch.setattr(csvarrow, "CSV_SLICE_BYTES", 100)
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    path = tmp_path / "long.csv"
    path.write_bytes(b"".join(b"%d,%s\n" % (k, b"x" * 40) for k in range(100)))
    first = csvarrow.arrow_slices(path)[0]
    assert first.lines >= csvarrow.HEAD_ROWS == source.HEAD_ROWS == 30
    head = next(source.open_input(path).sheets()).head
    assert [r[0] for r in head] == [str(k) for k in range(30)]


def test_lazy_slices_are_checked_where_they_are_parsed(tmp_path, small_slices):
    """arrow_slices(lazy=True) checks the first slice (the head) itself and leaves the others to the
    process that parses them: a late quoted line break raises NotArrow there, not before."""
    path = tmp_path / "late.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 50 + b'3,"x\ny"\n')
    slices = csvarrow.arrow_slices(path, lazy=True)
    first = next(slices)
    assert first.checked and first.records()[0] == (1, ["a", "b"])
    rest = [pickle.loads(pickle.dumps(s)) for s in slices]  # as a worker gets them: unchecked
    assert rest and not any(s.checked for s in rest)
    with pytest.raises(csvarrow.NotArrow):
        for s in rest:
            s.columns()
    good = [s for s in rest if s.offset + s.length <= path.stat().st_size - 8]
    assert good and all(isinstance(s.columns(), (list, csvarrow.CsvColumns)) for s in good)


def test_lazy_slices_of_a_file_refused_at_its_head_are_none(tmp_path):
    path = tmp_path / "head.csv"  # one slice: the head
    path.write_bytes(b'a,b\n1,"x\ny"\n' + b"1,2\n" * 50)
    assert csvarrow.arrow_slices(path, lazy=True) is None


def test_a_line_longer_than_the_field_limit_after_the_head_ends_the_lazy_slices(tmp_path, monkeypatch):
    monkeypatch.setattr(csvarrow, "CSV_FIELD_LIMIT", 100)
    monkeypatch.setattr(csvarrow, "CSV_FIRST_SLICE_BYTES", 16)
    monkeypatch.setattr(csvarrow, "CSV_SLICE_BYTES", 16)
    monkeypatch.setattr(csvarrow, "HEAD_ROWS", 1)
    path = tmp_path / "long.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 10 + b"3," + b"x" * 300 + b"\n4,5\n")
    slices = csvarrow.arrow_slices(path, lazy=True)
    assert next(slices).lines >= 1
    with pytest.raises(csvarrow.NotArrow):
        list(slices)
    assert csvarrow.arrow_slices(path) is None


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("tail", [b'x,"two\nlines",y\n', "甲,乙,丙\n".encode("gb18030"), b"a,\x00b,c\n"],
                         ids=["quoted-line-break", "gbk", "nul"])
def test_a_late_slice_arrow_cannot_read_makes_validate_read_the_file_by_the_csv_module(tmp_path, monkeypatch,
                                                                                         workers, tail):
    """validate_file takes a large CSV's slices lazily (each checked by the worker that parses it): one that
    Arrow could read otherwise — a quoted line break, bytes that are not UTF-8, a NUL byte — found past the
    head makes the whole file go through the csv module, with exactly the findings (or the refusal: UTF-8
    with GBK bytes is neither) of that path."""
    path = _ledger_csv(tmp_path / "ledger.csv", copies=5)  # past the 64 KB head whose encoding is tried first
    path.write_bytes(path.read_bytes() + tail + b"\n")
    opts = V.ValidateOptions(today=dt.date(2019, 12, 31))
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    monkeypatch.setattr(csvarrow, "CSV_FIRST_SLICE_BYTES", 5000)
    monkeypatch.setattr(csvarrow, "CSV_SLICE_BYTES", 10_000)
    monkeypatch.setenv("SGS_WORKERS", workers)
    lazy = csvarrow.arrow_slices(path, lazy=True)
    assert lazy is not None and len(list(lazy)) > 5  # the head alone passes
    got = V.validate_file(path, opts)
    monkeypatch.setenv(csvarrow.CSV_READER_ENV, "exact")
    exact = V.validate_file(path, opts)
    assert (got.error, _findings(got)) == (exact.error, _findings(exact))
    if b"\xd7" in tail:
        assert "编码无法识别" in got.error
    else:
        assert got.error is None and got.sheets[0].rows == exact.sheets[0].rows == 151


@pytest.mark.parametrize("lines", [1, 2, 61, 200, 201])
def test_the_slices_after_the_head_are_an_even_number_of_nearly_equal_slices(tmp_path, monkeypatch, lines):
    """Cut for two workers: after the first slice an even number of slices of about the same bytes (none
    over CSV_SLICE_BYTES but by a line), the whole file covered, in order; a file that is all head is one slice."""
    monkeypatch.setattr(csvarrow, "CSV_FIRST_SLICE_BYTES", 40)
    monkeypatch.setattr(csvarrow, "CSV_SLICE_BYTES", 1000)
    monkeypatch.setattr(csvarrow, "HEAD_ROWS", 2)
    path = tmp_path / "t.csv"
    path.write_bytes(b"".join(b"%d,%s\n" % (k, b"x" * (k % 13)) for k in range(lines)) + b"tail,no,end")
    slices = csvarrow.arrow_slices(path)
    assert [s.offset for s in slices] == [0] + [s.offset + s.length for s in slices[:-1]]
    assert sum(s.length for s in slices) == path.stat().st_size
    assert [s.lines_before for s in slices] == [0] + [s.lines_before + s.lines for s in slices[:-1]]
    rest = slices[1:]
    if lines <= 2:
        assert len(slices) == 1
    else:
        assert len(rest) % 2 == 0 and rest[-1].lines_before + rest[-1].lines == lines + 1  # and the last line
        assert max(s.length for s in rest) - min(s.length for s in rest) <= 2 * 20
        assert max(s.length for s in rest) <= 1000 + 20
