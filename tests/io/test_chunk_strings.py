"""A streamed chunk with a large shared-string table gets a table of only the strings it uses (io/chunked.py):
its cells read exactly what they read against the whole table, however the table and the cells are spelled."""

import zipfile

import pytest
from hypothesis import given, settings, strategies as st

from sgs_cli.io import chunked
from sgs_cli.io.sheetxml import SheetPart

_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook'
    b'.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    b'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
    b'.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    b'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/></Relationships>',
}
_PART = SheetPart("S", "xl/worksheets/sheet1.xml", False)
ITEMS = 1200  # indices of 1 to 4 digits


def _item(k: int) -> bytes:
    """Item k of the table, each distinct: plain, rich text runs, white space kept, empty."""
    if k % 7 == 3:
        return b'<si><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space="preserve"> %d</t></r></si>' % k
    if k % 11 == 5:
        return b'<si><t xml:space="preserve">  sp%d </t></si>' % k
    if k % 13 == 6:
        return b'<si><t>s%d</t><phoneticPr fontId="1"/></si>' % k
    return b"<si><t>s%d</t></si>" % k


def _workbook(tmp_path, rows: list[bytes], si_attribute=False, gaps=False):
    items = [_item(k) for k in range(ITEMS)]
    items[0] = b'<si a="1"><t>zero</t></si>' if si_attribute else b"<si><t>zero</t></si>"  # an attribute: the regex finds the items
    items[1150] = b"<si/>"
    sep = b"\n  " if gaps else b""  # white space between the items: not part of any
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           b'2006/main" count="99999999999" uniqueCount="%d">' % ITEMS + sep.join(items) + b"</sst>")
    sheet = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats'
             b'.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>'
             + b"".join(b'<row r="%d">%s</row>' % (n, r) for n, r in enumerate(rows, start=1))
             + b"</sheetData></worksheet>")
    path = tmp_path / "s.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in {**_PARTS, "xl/sharedStrings.xml": sst, "xl/worksheets/sheet1.xml": sheet}.items():
            z.writestr(name, data)
    return path


def _read(path, monkeypatch, sparse: bool, chunk_rows: int):
    """Each chunk's rows (or the error calamine raised), the table cut per chunk or whole."""
    monkeypatch.setattr(chunked, "SPARSE_SST_BYTES", 0 if sparse else 1 << 62)
    sheet = chunked.ChunkedSheet(path, _PART, chunk_rows=chunk_rows)
    out = []
    for xml in sheet.xml_chunks():
        try:
            out.append(sheet.parse(xml))
        except Exception as e:  # noqa: BLE001 - the same error either way
            out.append(type(e).__name__)
    return out


def _plain_calls(monkeypatch) -> list:
    """What _plain_refs answers for each chunk (None: the chunk keeps the table's numbers)."""
    calls: list = []
    real = chunked._plain_refs
    monkeypatch.setattr(chunked, "_plain_refs", lambda xml: calls.append(real(xml)) or calls[-1])
    return calls


def _cell(col: str, n: int, k: int, quote=b'"', value=None) -> bytes:
    return b'<c r="%s%d" t=%ss%s><v>%s</v></c>' % (col.encode(), n, quote, quote, value or b"%d" % k)


def test_each_chunk_reads_the_strings_of_the_whole_table(tmp_path, monkeypatch):
    # chunks of 2 rows: plain ones (new strings late in the table, strings from far back, 1–4 digits, a number
    # written with leading zeros, numbers and dates that are no strings), and chunks spelled otherwise
    rows = []
    for n in range(1, 41):
        k = 1000 + 4 * n
        rows.append(_cell("A", n, k) + _cell("B", n, 1 + n % 3) + _cell("C", n, 3, value=b"00003")
                    + b'<c r="D%d"><v>%d</v></c><c r="E%d" s="1"><v>45000</v></c>' % (n, k, n)
                    + _cell("F", n, k + 1) + b'<c r="G%d" t="str"><f>A1</f><v>s</v></c>' % n)
    rows[8] += _cell("H", 9, 7, quote=b"'")  # t='s' (chunk 5)
    rows[12] += _cell("H", 13, 0, value=b" 9 ")  # calamine reads item 0 (chunk 7)
    rows[16] += _cell("H", 17, 0, value=b"9.0")  # the same (chunk 9)
    rows[20] += b'<c r="H21" t="inlineStr"><is><t>a = b</t></is></c>'  # white space around "=" (chunk 11)
    rows[24] += b'<c r="H25" xt="s"><v>12</v></c>'  # another attribute (chunk 13)
    rows[28] = rows[28].replace(b' t="s"', b' t = "s"', 1)  # white space in the attribute (chunk 15)
    rows[32] += b'<c r="H33" t="s"/>'  # no value (chunk 17)
    path = _workbook(tmp_path, rows)
    whole = _read(path, monkeypatch, sparse=False, chunk_rows=2)
    calls = _plain_calls(monkeypatch)
    assert _read(path, monkeypatch, sparse=True, chunk_rows=2) == whole
    assert [i for i, c in enumerate(calls) if c is None] == [4, 6, 8, 10, 12, 14, 16]
    assert whole[0][0] == (1, ["rich 1004", "s2", "rich 3", 1004.0, 45000.0, "s1005", "s"])
    assert whole[4][0][1][7] == "s7" and whole[6][0][1][7] == whole[8][0][1][7] == "zero"  # t='s'; item 0
    assert whole[14][0][1][0] == "rich 1116"  # t = "s": the t attribute too


def test_renumbered_cells_are_padded_to_their_width(tmp_path, monkeypatch):
    """A chunk using items 1199 and 1198 only numbers them 0 and 1, written 0000 and 0001."""
    path = _workbook(tmp_path, [_cell("A", 1, 1199) + _cell("B", 1, 1198) + _cell("C", 1, 1199)])
    monkeypatch.setattr(chunked, "SPARSE_SST_BYTES", 0)
    sheet = chunked.ChunkedSheet(path, _PART, chunk_rows=5)
    xml = next(sheet.xml_chunks())
    parts, renumbered = sheet._renumbered(xml)
    assert b'<c r="A1" t="s"><v>0001</v></c><c r="B1" t="s"><v>0000</v></c><c r="C1" t="s"><v>0001</v>' in renumbered
    table = parts["xl/sharedStrings.xml"]
    assert table.endswith(b">" + _item(1198) + _item(1199) + b"</sst>") and b"count" not in table
    assert sheet.parse(xml) == [(1, ["s1199", "s1198", "s1199"])]


def test_an_index_past_the_table_is_an_error_either_way(tmp_path, monkeypatch):
    rows = [_cell("A", n, n) for n in range(1, 5)] + [_cell("A", 5, ITEMS)]
    path = _workbook(tmp_path, rows)
    whole = _read(path, monkeypatch, sparse=False, chunk_rows=2)
    assert whole[:2] == [[(1, ["s1"]), (2, ["s2"])], [(3, ["rich 3"]), (4, ["s4"])]] and whole[2] == "CalamineError"
    assert _read(path, monkeypatch, sparse=True, chunk_rows=2) == whole


@pytest.mark.parametrize("si_attribute, gaps", [(True, False), (False, True)], ids=["si-attribute", "space-between"])
def test_tables_the_regex_reads_and_items_apart(tmp_path, monkeypatch, si_attribute, gaps):
    rows = [_cell("A", n, (n * 37) % ITEMS) + _cell("B", n, 0) + _cell("C", n, 1199 - n) for n in range(1, 30)]
    path = _workbook(tmp_path, rows, si_attribute=si_attribute, gaps=gaps)
    whole = _read(path, monkeypatch, sparse=False, chunk_rows=4)
    calls = _plain_calls(monkeypatch)
    assert _read(path, monkeypatch, sparse=True, chunk_rows=4) == whole
    assert calls and None not in calls
    assert whole[0][0] == (1, ["s37", "zero", "s1198"])


_CELLS = st.one_of(
    st.integers(0, ITEMS - 1).map(lambda k: ("s", k)),
    st.sampled_from([("raw", b'<c r="{c}{n}"><v>17</v></c>'), ("raw", b'<c r="{c}{n}" t="s"><v>012</v></c>'),
                     ("raw", b'<c r="{c}{n}" t=\'s\'><v>5</v></c>'), ("raw", b'<c r="{c}{n}" t="s"><v> 5</v></c>'),
                     ("raw", b'<c r="{c}{n}" t="s"><v>5 </v></c>'), ("raw", b'<c r="{c}{n}" t="str"><v>s5</v></c>'),
                     ("raw", b'<c r="{c}{n}" t="inlineStr"><is><t>x=y</t></is></c>'),
                     ("raw", b'<c r="{c}{n}" s="2" t="s"><v>1199</v></c>'), ("raw", b'<c r="{c}{n}" t="s"/>')]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=8), st.integers(1, 3))
def test_any_mix_of_cells_reads_as_against_the_whole_table(tmp_path_factory, rows, chunk_rows):
    tmp = tmp_path_factory.mktemp("mix")
    body = []
    for n, cells in enumerate(rows, start=1):
        xml = b""
        for c, (how, what) in zip("ABCD", cells):
            xml += _cell(c, n, what) if how == "s" else what.replace(b"{c}", c.encode()).replace(b"{n}", b"%d" % n)
        body.append(xml)
    path = _workbook(tmp, body)
    with pytest.MonkeyPatch.context() as mp:
        assert _read(path, mp, sparse=True, chunk_rows=chunk_rows) == _read(path, mp, sparse=False, chunk_rows=chunk_rows)


def test_the_numpy_reference_scan():
    xml = b'<row r="1"><c r="A1" t="s"><v>12</v></c><c r="B1" s="3" t="s"><v>0007</v></c><c r="C1"><v>4</v></c></row>'
    first, width, value = chunked._plain_refs(xml)
    assert [xml[a:a + w] for a, w in zip(first.tolist(), width.tolist())] == [b"12", b"0007"]
    assert value.tolist() == [12, 7]
    for odd in (b"t='s'><v>1</v>", b't="s"><v> 1</v>', b't="s"><v>1 </v>', b't="s"/>', b't= "s"><v>1</v>',
                b'x:t="s"><v>1</v>', b't="s"><v>%s</v>' % (b"1" * 19), b't="s"><v></v>', b't="s"><f>A</f><v>1</v>'):
        assert chunked._plain_refs(b'<row r="1"><c r="A1" ' + odd + b"</c></row>") is None, odd
    assert chunked._ranks(chunked._plain_refs(b'<c r="A1" t="s"><v>9</v></c><c t="s"><v>900000</v></c>'
                                              b'<c t="s"><v>9</v></c>')[2])[1].tolist() == [0, 1, 0]


def test_a_streamed_workbook_inflates_its_string_table_once(tmp_path, monkeypatch):
    """source.open_input reads the parts every chunk needs while it guards the file, has the table's layout found
    while the reader child opens the workbook (contain.meanwhile), and its sheets' chunks use those parts."""
    from sgs_cli.io import contain, source

    path = _workbook(tmp_path, [_cell("A", n, 1000 + n) for n in range(1, 8)])
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    monkeypatch.setattr(chunked, "SPARSE_SST_BYTES", 0)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open
    def counted(self, name, mode="r", *a, **k):
        if mode == "r":
            opened.append(getattr(name, "filename", name))
        return real_open(self, name, mode, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "open", counted)
    asked: list = []
    monkeypatch.setattr(contain, "meanwhile", asked.append)
    inp = source.open_input(path)
    assert opened.count("xl/sharedStrings.xml") == 1 and inp._parts is not None
    assert asked and asked[0]() is inp._parts.sst is not None  # the layout, computed by what open_input asked for
    (src,) = inp.sheets()
    assert src.xml._parts is inp._parts
    assert [r for b in src.batches() for r in b] == [(1, ["s1001"]), (2, ["s1002"]), (3, ["s1003"]), (4, ["rich 1004"]),
                                                     (5, ["s1005"]), (6, ["  sp1006 "]), (7, ["s1007"])]
    assert opened.count("xl/sharedStrings.xml") == 1  # not read again for the chunks
    assert b"count" not in inp._parts.sst[1] and b'count="99999999999"' in inp._parts.parts["xl/sharedStrings.xml"]


def test_the_reader_child_is_forked_before_the_parts_are_read(tmp_path, monkeypatch):
    """A reader child forked after open_input has read the parts keeps its copy of them for as long as it lives
    (356 MB at 1M Excel-style rows, after this process has dropped its own): it is started first."""
    from sgs_cli.io import contain, source

    monkeypatch.delenv("SGS_READER_PROCESS", raising=False)
    if not contain._enabled():
        pytest.skip("no fork here: the reader runs in this process")
    contain._reset()  # a child left by an earlier test would hide the order
    path = _workbook(tmp_path, [_cell("A", 1, 1)])
    monkeypatch.setattr(chunked, "LARGE_BYTES", 0)
    running: list[bool] = []
    real = chunked.WorkbookParts.read.__func__

    def read(cls, z, skip=""):
        procs = getattr(contain._POOL, "_processes", None) or {}
        running.append(any(p.is_alive() for p in procs.values()))
        return real(cls, z, skip)

    monkeypatch.setattr(chunked.WorkbookParts, "read", classmethod(read))
    inp = source.open_input(path)
    assert running == [True] and inp._sheet_names == ["S"]
