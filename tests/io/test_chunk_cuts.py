"""The streamed sheet's cuts (io/chunked.ChunkedSheet.xml_chunks): the </row> tags are counted per block in C and
the cut found by halving (_nth_end), and every chunk is byte for byte the one a find of each </row> in turn gave,
whatever the rows look like and wherever a block ends; a DTD is refused wherever it lies, across a block too."""

import zipfile
import zlib

import pytest
from hypothesis import example, given, settings, strategies as st

from sgs_cli.io import chunked
from tests.io.test_chunk_strings import _PART, _PARTS

_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats'
         b'.org/spreadsheetml/2006/main"><dimension ref="A1:C9"/><sheetData>')
_SUFFIX = b"</sheetData></worksheet>"


def _write(tmp_path, body: bytes, head: bytes = _HEAD):
    path = tmp_path / "c.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _PARTS.items():
            z.writestr(name, data)
        z.writestr(_PART.path, head + body + _SUFFIX)
    return path


def _reference(body: bytes, chunk_rows: int) -> list[bytes]:
    """The cuts as the loop before 2026-12-08 made them: each </row> found in turn, the first chunk at most
    FIRST_CHUNK_ROWS rows, the last one ending at the last </row>."""
    prefix = chunked._DIMENSION.sub(b"", _HEAD)
    pending, out, limit = body + _SUFFIX, [], min(chunk_rows, chunked.FIRST_CHUNK_ROWS)
    while True:
        scan, rows, last = 0, 0, 0
        while rows < limit:
            i = pending.find(b"</row>", scan)
            if i < 0:
                break
            scan = last = i + 6
            rows += 1
        if not last:
            return out
        out.append(prefix + pending[:last] + _SUFFIX)
        pending, limit = pending[last:], chunk_rows
        if not pending.strip():
            return out


_ROW = st.one_of(
    st.builds(lambda n, v: b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (n, n, v),
              st.integers(1, 99), st.sampled_from([b"x", b"</ro", b"w>", b"&lt;/row&gt;", b"\xe5\x90\x8d" * 9])),
    st.just(b"<row/>"), st.just(b'<row r="7" spans="1:3"/>'),  # self-closing: no </row> of its own
    st.just(b'<row r="8"><c r="A8"><v>1</v></c>'),  # never closed
    st.just(b'<x:row r="9"><x:c r="A9"><x:v>2</x:v></x:c></x:row>'),  # a namespace prefix
    st.just(b"\n  "), st.just(b"</row>"))


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(_ROW, max_size=40), chunk_rows=st.integers(1, 12), block=st.integers(7, 64),
       first=st.integers(1, 12))
def test_the_cuts_are_those_of_a_find_per_row(tmp_path_factory, rows, chunk_rows, block, first):
    path = _write(tmp_path_factory.mktemp("c"), b"".join(rows))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(chunked, "_BLOCK", block)  # tags cut across blocks
        m.setattr(chunked, "FIRST_CHUNK_ROWS", first)
        m.setattr(chunked, "_HALVE_BYTES", 7)
        got = list(chunked.ChunkedSheet(path, _PART, chunk_rows=chunk_rows).xml_chunks())
        assert got == _reference(b"".join(rows), chunk_rows)


@pytest.mark.parametrize("halve", [7, 16, 1 << 16])
def test_the_kth_row_end_is_found_by_halving(monkeypatch, halve):
    monkeypatch.setattr(chunked, "_HALVE_BYTES", halve)  # halves that end inside a tag, at every offset
    rows = [b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n * 37 % 1000) for n in range(1, 1501)]
    buf, ends = bytearray(b"".join(rows)), 0
    for k, row in enumerate(rows, start=1):
        ends += len(row)
        assert chunked._nth_end(buf, k) == ends
        assert chunked._nth_end(buf, 1, ends - len(row) + k % 3) == ends  # from inside the row, before its </row>
        if k > 3:
            assert chunked._nth_end(buf, 3, ends - len(row) - len(rows[k - 2]) - len(rows[k - 3]) + 1) == ends


def test_a_dtd_is_refused_in_every_block_and_across_two(tmp_path, monkeypatch):
    row = b'<row r="1"><c r="A1"><v>1</v></c></row>'
    monkeypatch.setattr(chunked, "_BLOCK", 64)
    for at in range(0, 200, 3):  # the tag at every offset: in the head's block, later ones, across two
        for dtd in (b"<!DOCTYPE x>", b"<!ENTITY y>"):
            body = row * 4 + b" " * at + dtd + row * 4
            path = _write(tmp_path, body)
            with pytest.raises(ValueError, match="DOCTYPE/ENTITY"):
                list(chunked.ChunkedSheet(path, _PART, chunk_rows=2).xml_chunks())
    head = _HEAD.replace(b"<sheetData>", b" " * 100 + b"<!ENTITY y><sheetData>")  # before the rows, past a block
    with pytest.raises(ValueError, match="DOCTYPE/ENTITY"):
        list(chunked.ChunkedSheet(_write(tmp_path, row * 4, head), _PART, chunk_rows=2).xml_chunks())
    path = _write(tmp_path, row * 4 + b"<!-- ! -->" + row * 4)  # a "!" alone is no DTD
    assert len(list(chunked.ChunkedSheet(path, _PART, chunk_rows=2).xml_chunks())) == 4


def test_a_sheet_without_rows_has_no_chunks(tmp_path):
    path = _write(tmp_path, b"")
    assert list(chunked.ChunkedSheet(path, _PART).xml_chunks()) == []
    path = _write(tmp_path, b"<row/><row/>")  # rows, but none with a </row>
    assert list(chunked.ChunkedSheet(path, _PART).xml_chunks()) == []


def _zip_of(tmp_path, data: bytes, how=zipfile.ZIP_DEFLATED, level=6):
    path = tmp_path / "m.zip"
    with zipfile.ZipFile(path, "w", how, compresslevel=level) as z:
        z.writestr("a.txt", b"x")
        z.writestr("m.xml", data)
    return path


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=3000) | st.builds(lambda a, k: a * k, st.binary(min_size=1, max_size=9),
                                                  st.integers(1, 5000)),
       block=st.integers(1, 700), feed=st.integers(1, 300), level=st.sampled_from([0, 1, 9]))
def test_the_inflated_member_reads_what_zipfile_reads(tmp_path_factory, data, block, feed, level):
    path = _zip_of(tmp_path_factory.mktemp("z"), data, level=level)
    with pytest.MonkeyPatch.context() as m, zipfile.ZipFile(path) as z:
        m.setattr(chunked, "_INFLATE_IN", feed)  # little input at a time: output bounded by block, tails re-fed
        with chunked._member(z, path, z.getinfo("m.xml")) as raw:
            assert isinstance(raw, chunked._Inflated)
            got = []
            while piece := raw.read(block):
                assert len(piece) <= block
                got.append(piece)
    assert b"".join(got) == data


def test_a_damaged_member_is_refused_as_zipfile_refuses_it(tmp_path):
    data = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n * n) for n in range(3000))
    path = _zip_of(tmp_path, data)
    raw_bytes = path.read_bytes()
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("m.xml")
    start = raw_bytes.index(b"m.xml", info.header_offset) + len(b"m.xml")
    flipped = bytearray(raw_bytes)
    flipped[start + 5000] ^= 0x01  # inside the deflated stream
    crc = bytearray(raw_bytes)
    crc[info.header_offset + 14] ^= 0xFF  # the local header's CRC, and the central directory's (read by both)
    at = raw_bytes.rindex(b"PK\x01\x02") + 16
    crc[at] ^= 0xFF
    for damaged in (flipped, crc):
        path.write_bytes(bytes(damaged))
        errors = []
        for reader in ("zipfile", "ours"):
            with zipfile.ZipFile(path) as z:
                info = z.getinfo("m.xml")
                raw = z.open(info) if reader == "zipfile" else chunked._member(z, path, info)
                try:
                    while raw.read(4096):
                        pass
                except (zipfile.BadZipFile, zlib.error, EOFError) as e:
                    errors.append(type(e))
                finally:
                    raw.close()
        assert len(errors) == 2 and errors[0] == errors[1]
    path.write_bytes(raw_bytes)
    for size in (len(data) - 1, 1, 0):  # a declared size below the real one: read to it, then the CRC fails
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("m.xml")
            info.file_size = size
            with pytest.raises(zipfile.BadZipFile, match="CRC"), chunked._member(z, path, info) as raw:
                raw.read(1 << 20)  # at once, with the declared bytes (zipfile's first read fails too)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("m.xml")
        info.compress_size -= 100  # the stream cut short
        with pytest.raises(EOFError), chunked._member(z, path, info) as raw:
            while raw.read(4096):
                pass


def test_a_stored_member_is_read_by_zipfile(tmp_path):
    path = _zip_of(tmp_path, b"<row/>" * 100, how=zipfile.ZIP_STORED)
    with zipfile.ZipFile(path) as z, chunked._member(z, path, z.getinfo("m.xml")) as raw:
        assert not isinstance(raw, chunked._Inflated) and raw.read(1000) == b"<row/>" * 100


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(_ROW, max_size=40), chunk_rows=st.integers(1, 12), block=st.integers(7, 64),
       first=st.integers(1, 12), window=st.integers(1, 100))
@example(rows=[b"<row/>", b"<row>" + b"x" * 300 + b"</row>"] * 3, chunk_rows=3, block=7, first=1, window=64)
def test_cuts_by_bytes_keep_every_row_in_order(tmp_path_factory, rows, chunk_rows, block, first, window):
    """Without a chunk_rows, the chunks after the first are cut by bytes: the first is the one cut by rows,
    the rows are the same bytes in the same order, each chunk ends at a </row> and holds no more than its
    share of bytes unless it is one row."""
    body = b"".join(rows)
    path = _write(tmp_path_factory.mktemp("b"), body)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(chunked, "_BLOCK", block)
        m.setattr(chunked, "FIRST_CHUNK_ROWS", first)
        m.setattr(chunked, "CHUNK_ROWS", chunk_rows)
        m.setattr(chunked, "_CUT_WINDOW", window)  # rows longer than the window: the slower finds
        sheet = chunked.ChunkedSheet(path, _PART)
        assert sheet.by_bytes
        got = list(sheet.xml_chunks())
        want = _reference(body, chunk_rows)
    prefix = chunked._DIMENSION.sub(b"", _HEAD)
    bodies = [x[len(prefix):-len(_SUFFIX)] for x in got]
    assert all(x.startswith(prefix) and x.endswith(_SUFFIX) for x in got)
    assert got[:1] == want[:1] and b"".join(bodies) == b"".join(w[len(prefix):-len(_SUFFIX)] for w in want)
    if len(bodies) > 1:
        target = max(1, len(bodies[0]) * chunk_rows // min(chunk_rows, first))
        for piece in bodies[1:]:
            assert piece.endswith(b"</row>")
            assert len(piece) <= target or piece.find(b"</row>") + 6 == len(piece)
    with pytest.MonkeyPatch.context() as m:  # a sheet of many rows in few chunks
        m.setattr(chunked, "CHUNK_ROWS", 7)
        many = _write(tmp_path_factory.mktemp("m"), b'<row r="1"><c r="A1"><v>1</v></c></row>' * 100)
        sizes = [x.count(b"</row>") for x in chunked.ChunkedSheet(many, _PART).xml_chunks()]
    assert sizes == [7] * 14 + [2]


def test_cuts_by_bytes_at_their_edges(tmp_path, monkeypatch):
    """The first chunk's one row of 40 bytes sets 80 bytes a chunk (CHUNK_ROWS 2): two such rows fill one
    exactly, a row of 43 bytes after one of them starts the next, a row of 200 bytes is a chunk alone, and
    the last chunk holds what is left."""
    def row(n: int, size: int) -> bytes:
        head = b'<row r="%d"><c r="A%d"><v>' % (n, n)
        return head + b"7" * (size - len(head) - len(b"</v></c></row>")) + b"</v></c></row>"

    s, t, big = row(1, 40), row(2, 43), row(3, 200)
    assert (len(s), len(t), len(big)) == (40, 43, 200)
    monkeypatch.setattr(chunked, "FIRST_CHUNK_ROWS", 1)
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    rows = [s, s, s, s, t, big, s, big, s, s, s]
    path = _write(tmp_path, b"".join(rows))
    prefix = chunked._DIMENSION.sub(b"", _HEAD)
    for block, window in ((16, 1 << 16), (1 << 20, 1 << 16), (16, 30), (1 << 20, 30)):  # small blocks or one
        monkeypatch.setattr(chunked, "_BLOCK", block)
        monkeypatch.setattr(chunked, "_CUT_WINDOW", window)  # a window shorter than a row
        got = [x[len(prefix):-len(_SUFFIX)] for x in chunked.ChunkedSheet(path, _PART).xml_chunks()]
        assert got == [s, s + s, s, t, big, s, big, s + s, s]


@pytest.mark.parametrize("at", range(0, 40, 3))
def test_a_dtd_across_two_blocks_is_refused_when_cut_by_bytes(tmp_path, monkeypatch, at):
    row = b'<row r="1"><c r="A1"><v>1</v></c></row>'
    monkeypatch.setattr(chunked, "_BLOCK", 16)
    monkeypatch.setattr(chunked, "FIRST_CHUNK_ROWS", 1)
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 2)
    path = _write(tmp_path, row * 40 + b" " * at + b"<!DOCTYPE x>" + row * 4)
    with pytest.raises(ValueError, match="DOCTYPE/ENTITY"):
        list(chunked.ChunkedSheet(path, _PART).xml_chunks())


def test_a_window_shorter_than_a_row_still_cuts_at_the_last_row_that_fits(tmp_path, monkeypatch):
    """160 bytes a chunk (one row of 40, CHUNK_ROWS 4), the window 30 bytes: three rows of 40 and one of
    43 are cut after the third (the finds before the window), not after the first."""
    rows = [b'<row r="%d"><c r="A1"><v>%s</v></c></row>' % (n, b"7" * (2 if n < 4 else 5)) for n in range(8)]
    assert [len(r) for r in rows[:5]] == [40, 40, 40, 40, 43]
    monkeypatch.setattr(chunked, "FIRST_CHUNK_ROWS", 1)
    monkeypatch.setattr(chunked, "CHUNK_ROWS", 4)
    monkeypatch.setattr(chunked, "_CUT_WINDOW", 30)
    prefix = chunked._DIMENSION.sub(b"", _HEAD)
    got = [x[len(prefix):-len(_SUFFIX)] for x in chunked.ChunkedSheet(_write(tmp_path, b"".join(rows)),
                                                                      _PART).xml_chunks()]
    assert got == [rows[0], b"".join(rows[1:4]), b"".join(rows[4:7]), rows[7]]
