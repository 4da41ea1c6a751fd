"""Hostile and broken input, round two: the classes of failure a fuzz campaign found (one section per
class), each with the exact message and exit code the command contract gives.

1 native-reader aborts and panics  2 streamed vs small inputs  3 writers that refused what validate read
4 ID numbers printed  5 rich markup in data  6 memory and time  7 deduplication and names
8 output paths.  The fuzz harness itself (bench/fuzz.py) runs a small seeded set in test_fuzz.py.
"""

from __future__ import annotations

import errno
import json
import os
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sgs_cli.io import chunked, contain
from sgs_cli.findings import FileReport, Finding, SheetReport
from sgs_cli.render.masking import looks_like_id, mask_ids
from sgs_cli.io.reading import find_inputs, read_sheets
from sgs_cli.validation.engine import ValidateOptions, validate_file
from sgs_cli.io.write import atomic_write_workbook, check_output_path, clean_text, safe_sheet_title

from conftest import LEDGER_ROW, make_ric, write_sheet
from test_hostile import (CODES, PENALTY_ROW, TODAY, col, csv_text, edit_sheet_xml, invoke, rows_of, sha,
                          write_penalty)

ROOT = Path(__file__).resolve().parents[2]
XLS = ROOT / "tests" / "data" / "realdata" / "kevinliu2333-psychology-ptsjzx" / "corp_cf.xls"
CRASHED = "已损坏或为恶意构造的文件：读取组件解析该文件时异常终止"
PERSON_ID = make_ric("110105", "19491231", "002")  # 11010519491231002X


def run_json(*args: str):
    r = invoke(*args, "--format", "json")
    return r.exit_code, json.loads(r.stdout)


def add_far_cell(src: Path, dst: Path, ref: str = "XFD1048576") -> Path:
    row = re.match(r"[A-Za-z]+(\d+)", ref).group(1)
    return edit_sheet_xml(src, dst, lambda d: d.replace(
        b"</sheetData>", f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>far</t></is></c></row></sheetData>'.encode()))


def patch_xls_record(data: bytes, rid: int, at: int, new: bytes) -> bytes:
    """A copy of an .xls whose first record ``rid`` of the Workbook stream has ``new`` at byte ``at`` of its
    body (olefile rewrites the stream in place in an in-memory copy)."""
    import io

    import olefile

    buf = io.BytesIO(data)
    with olefile.OleFileIO(buf, write_mode=True) as ole:
        name = next(e[0] for e in ole.listdir() if e[0].lower() in ("workbook", "book"))
        stream = bytearray(ole.openstream(name).read())
        pos = 0
        while struct.unpack_from("<H", stream, pos)[0] != rid:
            pos += 4 + struct.unpack_from("<H", stream, pos + 2)[0]
        stream[pos + 4 + at:pos + 4 + at + len(new)] = new
        ole.write_stream(name, bytes(stream))
    return buf.getvalue()


# ------------------------------------------------------------------- 1. native aborts and panics

def test_xls_whose_dimensions_record_declares_row_0xffffffff_is_unreadable_not_fatal(tmp_path):
    """One flipped record of a real template: the native reader aborts (SIGABRT) in its own process."""
    data = patch_xls_record(XLS.read_bytes(), 0x0200, 4, b"\xff" * 4)  # DIMENSIONS: rwMic (4 bytes), rwMac (4 bytes) …
    bad = tmp_path / "坏模板.xls"
    bad.write_bytes(data)
    before = sha(bad)
    r = invoke("validate", str(bad), "--today", TODAY)
    assert r.exit_code == 3, r.output
    assert f"工作簿“坏模板.xls”{CRASHED}" in r.output
    assert sha(bad) == before


def test_folder_run_survives_a_file_that_aborts_the_reader(tmp_path):
    folder = tmp_path / "各部门"
    folder.mkdir()
    write_penalty(folder / "a_好.xlsx", rows_of(2))
    sst = folder / "b_坏.xlsx"
    with zipfile.ZipFile(folder / "a_好.xlsx") as zi, zipfile.ZipFile(sst, "w") as zo:
        for info in zi.infolist():
            d = zi.read(info.filename)
            if info.filename == "[Content_Types].xml":
                d = d.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                              b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            if info.filename == "xl/_rels/workbook.xml.rels":
                d = d.replace(b"</Relationships>", b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://'
                              b'schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
                              b"</Relationships>")
            zo.writestr(info.filename, d)
        zo.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    b'count="99999999999" uniqueCount="99999999999"><si><t>x</t></si></sst>')
    # other 文号 than a_好's: no cross-file duplicates, so the unreadable file alone decides the exit code
    write_penalty(folder / "c_好.xlsx", [dict(r, CF_WSH=r["CF_WSH"].replace("〕3", "〕4")) for r in rows_of(3)])
    code, doc = run_json("validate", str(folder), "--today", TODAY)
    assert code == 3
    a, b, c = doc["files"]
    assert [a["sheets"][0]["rows"], c["sheets"][0]["rows"]] == [2, 3]
    assert b["error"].startswith(f"工作簿“b_坏.xlsx”{CRASHED}")


def test_rust_panic_is_caught_at_the_reader_boundary(tmp_path, monkeypatch):
    """pyo3_runtime.PanicException derives from BaseException: `except Exception` lets it through."""
    import python_calamine

    class PanicException(BaseException):
        pass

    def panic(*a, **k):
        raise PanicException("index out of bounds")

    monkeypatch.setenv("SGS_READER_PROCESS", "0")  # in this process, where the patch is
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", panic)
    p = write_penalty(tmp_path / "台账.xlsx", rows_of(1))
    r = invoke("validate", str(p), "--today", TODAY)
    assert r.exit_code == 3
    assert f"工作簿“台账.xlsx”{CRASHED}" in r.output


def test_reader_child_crash_is_reported_and_the_next_file_still_read(tmp_path):
    with pytest.raises(contain.ReaderCrashed):
        contain.run(os.abort)
    good = write_penalty(tmp_path / "好.xlsx", rows_of(1))
    assert read_sheets(good)[0].name == "行政处罚"  # a new reader process took over


def test_cell_address_past_xfd1048576_is_refused(tmp_path):
    p = add_far_cell(write_penalty(tmp_path / "a.xlsx", rows_of(1)), tmp_path / "越界.xlsx", "XFE1048577")
    r = invoke("validate", str(p), "--today", TODAY)
    assert r.exit_code == 3
    assert "工作簿“越界.xlsx”的工作表“行政处罚”中有超出 Excel 范围的单元格地址（XFE1048577），文件已损坏" in r.output



@pytest.mark.parametrize("ref, shown", [("xfe1048577", "xfe1048577"), ("A4296015872", "A4296015872"),
                                        ("AAAAA1", "AAAAA1")])
def test_addresses_calamine_reads_past_xfd1048576_are_refused_too(tmp_path, ref, shown):
    """Lowercase letters, five letters, a row past 2**32 (calamine wraps it around to a real row)."""
    p = add_far_cell(write_penalty(tmp_path / "a.xlsx", rows_of(1)), tmp_path / "越界.xlsx", ref)
    r = invoke("validate", str(p), "--today", TODAY)
    assert r.exit_code == 3
    assert f"工作簿“越界.xlsx”的工作表“行政处罚”中有超出 Excel 范围的单元格地址（{shown}），文件已损坏" in r.output


def test_a_lowercase_far_address_is_read_in_bounded_pieces(tmp_path):
    """calamine reads xfd1048576 as XFD1048576: the guard counts it, so the sheet is read in pieces."""
    p = add_far_cell(write_penalty(tmp_path / "a.xlsx", rows_of(3)), tmp_path / "远.xlsx", "xfd1048576")
    [raw] = read_sheets(p)
    assert len(raw.rows) == 1_048_576 and raw.rows[-1][16383] == "far" and raw.rows[5] == ()


# ------------------------------------------------------------------------ 2. one error path

def _streamed(monkeypatch, size: int = 1024):
    monkeypatch.setattr(chunked, "LARGE_BYTES", size)


def test_csv_head_cut_inside_a_character_is_not_an_encoding_failure(tmp_path, monkeypatch):
    """A valid UTF-8 CSV streamed in blocks: the sniffed head (65,536 bytes) may end inside a character."""
    import datetime as dt

    _streamed(monkeypatch)
    lines = csv_text(rows_of(3))
    first = (lines[0] + "\r\n").encode("utf-8")
    before = lines[1].split("销售超过保质期的食品")[0].encode("utf-8")
    pad = 65527 - len(first) - len(before)  # 销 (3 bytes) at 65,527: cut by a head of 65,528 or 65,536 - 8
    lines[1] = lines[1].replace("销售超过保质期的食品", "x" * pad + "销售超过保质期的食品", 1)
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    assert data[65527:65530] == "销".encode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        data[:65528].decode("utf-8")
    p = tmp_path / "大.csv"
    p.write_bytes(data)
    fr = validate_file(p, ValidateOptions(today=dt.date(2019, 11, 8)))
    assert fr.error is None and fr.sheets[0].rows == 3
    assert not [f for f in fr.sheets[0].findings if f.severity == "error" and f.code != "TEXT_TOO_LONG"]


@pytest.mark.parametrize("streamed", [False, True])
def test_utf16_csv_with_a_lone_surrogate_same_message_small_or_streamed(tmp_path, monkeypatch, streamed):
    if streamed:
        _streamed(monkeypatch)
    p = tmp_path / "坏.csv"
    p.write_bytes(b"\xff\xfe" + "\r\n".join(csv_text(rows_of(20))).encode("utf-16-le") + b"\x00\xd8a\x00")
    fr = validate_file(p)
    assert fr.error == ("CSV 文件“坏.csv”标明为 UTF-16 编码，但内容已损坏，无法解码"
                        "（请用 Excel/WPS 打开后另存为“CSV UTF-8”或 .xlsx）")


@pytest.mark.parametrize("damage", ["no_workbook_rels", "no_workbook", "no_sheet_part", "sheet_without_name",
                                    "late_doctype", "bad_charref"])
def test_damaged_parts_same_exit_3_small_or_streamed(tmp_path, monkeypatch, damage):
    src = write_penalty(tmp_path / "src.xlsx", rows_of(30))
    bad = tmp_path / f"{damage}.xlsx"
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            d = zi.read(info.filename)
            n = info.filename
            if (damage, n) in (("no_workbook_rels", "xl/_rels/workbook.xml.rels"), ("no_workbook", "xl/workbook.xml"),
                               ("no_sheet_part", "xl/worksheets/sheet1.xml")):
                continue
            if damage == "sheet_without_name" and n == "xl/workbook.xml":
                d = re.sub(rb'<sheet name="[^"]*"', b"<sheet", d)
            if damage == "bad_charref" and n == "xl/workbook.xml":
                d = d.replace(b'<sheet name="', b'<sheet name="&#1;')
            if damage == "late_doctype" and n == "xl/workbook.xml":
                d = d.replace(b"<sheets>", b"<!-- " + b"p" * 5000 + b" --><!DOCTYPE x><sheets>")
            zo.writestr(n, d)
    small = validate_file(bad).error
    _streamed(monkeypatch)
    big = validate_file(bad).error
    assert small == big
    if damage in ("sheet_without_name", "bad_charref"):  # odd but readable: read both ways
        assert small is None
    else:
        assert small.startswith(("无法读取工作簿“", "文件“")), small


# ---------------------------------------------------------------------- 3. writers accept input

def test_report_with_merged_cells_across_flagged_rows(tmp_path):
    """The layout of test_hostile.test_merged_cells_across_data_rows: the receipt unmerges the range."""
    p = write_penalty(tmp_path / "合并.xlsx", rows_of(4))
    yj = col("CF_YJ")
    wb = openpyxl.load_workbook(p)
    wb.active.merge_cells(f"{yj}2:{yj}5")
    wb.save(p)
    out = tmp_path / "回执.xlsx"
    r = invoke("validate", str(p), "--report", str(out), "--today", TODAY)
    assert r.exit_code == 1, r.output
    ws = openpyxl.load_workbook(out)["行政处罚"]
    assert not ws.merged_cells.ranges
    assert [ws[f"{yj}{n}"].comment.text.startswith("[错误]") for n in (3, 4, 5)] == [True] * 3


@pytest.mark.parametrize("name,title", [("台账[1].csv", "台账_1_"), ("a：b.csv", "a：b"), ("x?*y.csv", "x__y")])
def test_report_sheet_title_from_a_csv_name_excel_refuses(tmp_path, name, title):
    p = tmp_path / name
    p.write_text("\r\n".join(csv_text([dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")])), encoding="utf-8")
    out = tmp_path / "回执.xlsx"
    r = invoke("validate", str(p), "--report", str(out), "--today", TODAY)
    assert r.exit_code == 1, r.output
    assert openpyxl.load_workbook(out).sheetnames == ["汇总", title]


@pytest.mark.parametrize("damage", ["style_index", "garbage_docprops", "no_content_types"])
def test_report_falls_back_to_the_cells_when_openpyxl_refuses_the_input(tmp_path, damage):
    src = write_penalty(tmp_path / "src.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")])
    bad = tmp_path / "怪.xlsx"
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            d = zi.read(info.filename)
            if damage == "style_index" and info.filename == "xl/worksheets/sheet1.xml":
                d = re.sub(rb'<c r="([A-Z]+2)"', rb'<c r="\1" s="99999"', d)
            if damage == "garbage_docprops" and info.filename == "docProps/core.xml":
                d = b"\x00garbage<<"
            if damage == "no_content_types" and info.filename == "[Content_Types].xml":
                continue
            zo.writestr(info.filename, d)
    out = tmp_path / "回执.xlsx"
    r = invoke("validate", str(bad), "--report", str(out), "--today", TODAY)
    assert r.exit_code == 1, r.output
    wb = openpyxl.load_workbook(out)
    assert wb["汇总"]["A3"].value.startswith("原工作簿的格式无法复制（")
    assert "本回执按单元格内容重新生成" in wb["汇总"]["A3"].value
    ws = wb["行政处罚"]
    shxym = col("CF_XDR_SHXYM")
    assert ws[f"{shxym}2"].value == "91230500MA1B3N1N2A"
    assert "统一社会信用代码校验位错误" in ws[f"{shxym}2"].comment.text


def test_findings_past_excel_last_column_are_listed_on_the_summary(tmp_path):
    from sgs_cli.render.receipt import build_receipt

    p = write_penalty(tmp_path / "台账.xlsx", rows_of(1))
    sr = SheetReport(sheet="行政处罚", kind="penalty", standard="790", header_row=1, rows=1)
    sr.findings = [Finding("error", "TEXT_CONTROL_CHARS", "含有控制字符", row=2, column="XFE"),
                   Finding("error", "DATE_INVALID", "日期无效", row=2, column="ZZZZ"),
                   Finding("warning", "CODE_NORMALIZED", "含小写字母", row=2, column="C")]
    wb = build_receipt(FileReport(path=str(p), sheets=[sr]))
    rows = [[c.value for c in r] for r in wb["汇总"].iter_rows()]
    i = next(n for n, r in enumerate(rows) if r[0] == "超出 Excel 行列上限的单元格中的问题（无法在表中标注）")
    assert rows[i + 2][:4] == ["行政处罚", "XFE2", "错误", "含有控制字符"]
    assert rows[i + 3][:4] == ["行政处罚", "ZZZZ2", "错误", "日期无效"]
    assert wb["行政处罚"]["C2"].comment is not None


def test_one_sanitiser_for_every_string_written():
    assert clean_text("中\x01牟\x0b县\ufffe\uffff\ud800局\t\n") == "中牟县局\t\n"
    assert safe_sheet_title("处罚\ufffe[/x]:*?\\'") == "处罚__x_____"
    assert safe_sheet_title("'") == "工作表"
    assert safe_sheet_title("a" * 40) == "a" * 31
    assert safe_sheet_title("History") == "History_2"


def test_noncharacters_and_control_characters_never_reach_an_output(tmp_path):
    """U+FFFE/U+FFFF and control characters in cells: the receipt's comments, the monthly report and
    convert's output all re-open."""
    bad = "中牟县\ufffe市场\uffff监督\x01管理局"
    p = tmp_path / "台账.csv"
    p.write_text("\r\n".join(csv_text([dict(PENALTY_ROW, CF_CFJG=bad, CF_XDR_MC=bad, CF_SY="违法\x01事实",
                                               CF_XDR_SHXYM="91230500MA1B3N1N2A")])), encoding="utf-8")
    out = tmp_path / "回执.xlsx"
    assert invoke("validate", str(p), "--report", str(out), "--today", TODAY).exit_code == 1
    wb = openpyxl.load_workbook(out)
    texts = [c.comment.text for ws in wb for r in ws.iter_rows() for c in r if c.comment]
    assert texts and not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", t) for t in texts)
    ledger = write_sheet(tmp_path / "ledger.xlsx", "ledger", [dict(LEDGER_ROW, BM="中牟县\ufffe局")])
    month = tmp_path / "月报.xlsx"
    r = invoke("monthly-report", "--month", "2019-11", str(ledger), "-o", str(month), "--today", "2019-12-02")
    assert r.exit_code == 0, r.output
    assert "中牟县局" in [c.value for ws in openpyxl.load_workbook(month) for r in ws.iter_rows() for c in r]


def test_convert_legacy_sheets_with_names_openpyxl_refuses(tmp_path):
    """Two 2015-layout sheets named “处罚[1]” and “处罚:2” (legal in WPS exports, refused by openpyxl) and a
    U+FFFE in a cell: convert names its sheets “处罚_1_” and “处罚_2” and the output re-opens."""
    from conftest import write_legacy

    src = write_legacy(tmp_path / "src.xlsx")
    wb = openpyxl.load_workbook(src)
    wb.copy_worksheet(wb["法人行政处罚模板"]).title = "BBB"
    wb["法人行政处罚模板"].title = "AAA"
    wb["AAA"]["B2"] = "中牟县<<FFFE>>鑫源商贸有限公司"
    wb.save(src)
    p = tmp_path / "旧.xlsx"
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            d = zi.read(info.filename)
            if info.filename == "xl/workbook.xml":
                d = d.replace(b'name="AAA"', "name=\"处罚[1]\"".encode()).replace(b'name="BBB"', "name=\"处罚:2\"".encode())
            d = d.replace(b"&lt;&lt;FFFE&gt;&gt;", "\ufffe".encode())
            zo.writestr(info.filename, d)
    out = tmp_path / "新.xlsx"
    r = invoke("convert", str(p), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "处罚[1]：" in r.output and "处罚:2：" in r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["处罚_1_", "处罚_2", "待补充"]  # (then 未迁移的列 when source columns have no 790 target)
    assert "\ufffe" not in "".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row)


# ------------------------------------------------------------------------------ 4. privacy

def test_mask_ids_spellings():
    spaced = f"{PERSON_ID[:6]} {PERSON_ID[6:14]} {PERSON_ID[14:]}"
    full = "".join(chr(ord(c) + 0xFEE0) for c in PERSON_ID[:17]) + "Ｘ"
    for text in (PERSON_ID, PERSON_ID.lower(), spaced, full, f"证件号{PERSON_ID}，住址"):
        assert "110105********002X" in mask_ids(text), text
    wrong_check = PERSON_ID[:-1] + "5"  # nearly passing: a real birth date, a wrong check character
    assert looks_like_id(wrong_check) and mask_ids(wrong_check) == "110105********0025"
    for text in ("91230500MA1B3N1N2M", "中市监罚〔2019〕201号", "123456789012345678901", "0" * 18, "13800138000"):
        assert mask_ids(text) == text


def test_unclosed_quote_merging_a_row_does_not_print_the_id(tmp_path):
    rec = dict(PENALTY_ROW, CF_XDR_LB="自然人", CF_XDR_SHXYM="", CF_FRDB="", CF_XDR_ZJLX="身份证",
               CF_XDR_ZJHM=PERSON_ID)
    lines = csv_text([rec])
    p = tmp_path / "引号.csv"
    # the quote opens 证件类型: the rest of the line, 证件号码 included, becomes that one field
    p.write_text(lines[0] + "\r\n" + lines[1].replace(",身份证,", ',"身份证,', 1) + "\r\n", encoding="utf-8")
    r = invoke("validate", str(p), "--today", TODAY, "--format", "json", "--show-sensitive")
    assert PERSON_ID in r.output  # what would be printed without masking
    for fmt in ("table", "json"):
        r = invoke("validate", str(p), "--today", TODAY, "--format", fmt)
        assert PERSON_ID not in r.output and PERSON_ID[:17] not in r.output
        assert "110105********002X" in r.output


def test_deadlines_ledger_masks_ids_in_the_document_number(tmp_path):
    ledger = write_sheet(tmp_path / "ledger.xlsx", "ledger", [dict(LEDGER_ROW, WSH=f"{PERSON_ID.lower()}号")])
    for fmt in ("table", "json"):
        r = invoke("deadlines", "--ledger", str(ledger), "--today", "2019-11-20", "--format", fmt)
        assert r.exit_code == 0, r.output
        assert "110105********002X号" in r.output and "19491231" not in r.output
    r = invoke("deadlines", "--ledger", str(ledger), "--today", "2019-11-20", "--show-sensitive", "--format", "json")
    assert json.loads(r.stdout)["records"][0]["wsh"] == f"{PERSON_ID.lower()}号"


_ID_PARTS = st.tuples(st.sampled_from(["110105", "410122", "330203"]),
                      st.dates(min_value=__import__("datetime").date(1930, 1, 1),
                               max_value=__import__("datetime").date(2010, 12, 31)),
                      st.integers(0, 999))


def _spell(number: str, how: int) -> str:
    return [number, number.lower(), f"{number[:6]} {number[6:14]} {number[14:]}",
            "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "ｘ" for c in number), f"号码：{number}。"][how]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=_ID_PARTS, how=st.integers(0, 4), column=st.sampled_from(CODES), sheet_name=st.booleans())
def test_property_no_id_survives_in_any_column_or_text(tmp_path_factory, parts, how, column, sheet_name):
    region, born, seq = parts
    number = make_ric(region, born.strftime("%Y%m%d"), f"{seq:03d}")
    folder = tmp_path_factory.mktemp("ids")
    name = f"台账{_spell(number, 1)}" if sheet_name else "台账"
    p = folder / f"{name}.csv"
    rec = dict(PENALTY_ROW, **{column: _spell(number, how)})
    p.write_text("\r\n".join(csv_text([rec])), encoding="utf-8")
    for fmt in ("table", "json"):
        r = invoke("validate", str(p), "--today", TODAY, "--format", fmt)
        shown = re.sub(r"(?<=\d) (?=\d)", "", __import__("unicodedata").normalize("NFKC", r.output)).upper()
        body = shown.replace(str(p).upper(), "")  # the path the user typed is echoed as given
        assert number not in body, (column, how, r.output)


# --------------------------------------------------------------------------- 5. markup-safe

MARKUP = st.sampled_from(["[/]", "[/x]", "[bold]", "[red]x[/red]", "[link=http://x]y[/link]", "\\[", "[", "]",
                          "[/bold]", "[on red]", "[@click]", "[#ff0000]"])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(MARKUP, min_size=1, max_size=3).map("".join), where=st.sampled_from(["cell", "file", "folder"]))
def test_property_markup_in_data_and_paths_through_every_command(tmp_path_factory, text, where):
    base = tmp_path_factory.mktemp("markup")
    folder = base / (f"a{text.replace('/', '_')}" if where == "folder" else "a")
    folder.mkdir()
    stem = f"台账{text.replace('/', '_')}" if where == "file" else "台账"
    unit = f"中牟县{text}局" if where == "cell" else "中牟县市场监督管理局"
    p = folder / f"{stem}.csv"
    p.write_text("\r\n".join(csv_text([dict(PENALTY_ROW, CF_CFJG=unit, CF_XDR_SHXYM="91230500MA1B3N1N2A")])),
                 encoding="utf-8")
    ledger = write_sheet(folder / f"{stem}_台账.xlsx", "ledger", [dict(LEDGER_ROW, BM=unit)])
    runs = [("validate", str(p), "--today", TODAY),
            ("validate", str(p), "--today", TODAY, "--report", str(folder / "回执.xlsx")),
            ("monthly-report", "--month", "2019-11", str(ledger), "-o", str(folder / "月报.xlsx"),
             "--today", "2019-12-02", "--unit", unit),
            ("deadlines", "--ledger", str(ledger), "--today", "2019-11-20"),
            ("convert", str(p), "-o", str(folder / "新.xlsx"))]
    outputs = []
    for args in runs:
        r = invoke(*args)
        assert r.exit_code in (0, 1, 3), (args, r.output)
        assert "MarkupError" not in r.output
        outputs.append(r.output)
    assert f"错误回执已写入：{folder / '回执.xlsx'}" in outputs[1]
    if where == "cell":
        assert outputs[2].startswith(f"{unit} 2019年11月")


def test_error_message_with_markup_is_printed_as_is(tmp_path):
    p = tmp_path / "[bold]坏[red].xlsx"
    p.write_bytes(b"PK\x03\x04broken")
    r = invoke("convert", str(p), "-o", str(tmp_path / "新.xlsx"))
    assert r.exit_code == 3
    assert "错误：文件“[bold]坏[red].xlsx”已损坏" in r.output


# --------------------------------------------------------------------------- 6. bounded work

def test_one_value_in_xfd1048576_is_read_in_bounded_pieces(tmp_path):
    p = add_far_cell(write_penalty(tmp_path / "a.xlsx", rows_of(3)), tmp_path / "远.xlsx")
    [raw] = read_sheets(p)
    assert len(raw.rows) == 1_048_576 and raw.rows[-1][16383] == "far" and raw.rows[5] == ()
    assert sum(1 for r in raw.rows if r) == 5
    code, doc = run_json("validate", str(p), "--today", TODAY)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 1 and sheet["rows"] == 4  # the far row is a record with one value: its required cells are empty
    assert {f["cell"] for f in sheet["findings"] if f["code"] == "REQUIRED_MISSING"} >= {"A1048576", "L1048576"[:0] or "N1048576"}


def test_chunk_parse_splits_a_range_calamine_would_allocate_whole():
    n, r0, r1, c0, c1 = chunked.addresses(b'<c r="A1"/><c r="XFD1048576"/>')
    assert (n, r0, r1, c0, c1) == (2, 1, 1_048_576, 1, 16_384)
    assert not chunked.dense_ok(n, r0, r1, c0, c1)
    assert chunked.dense_ok(*chunked.addresses(b'<c r="A1"/><c r="AD50000"/>'))


def test_sheet_wide_merge_receipt_is_rebuilt_not_copied(tmp_path):
    src = write_penalty(tmp_path / "a.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")])
    p = edit_sheet_xml(src, tmp_path / "合并.xlsx", lambda d: d.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))
    out = tmp_path / "回执.xlsx"
    r = invoke("validate", str(p), "--report", str(out), "--today", TODAY)
    assert r.exit_code == 1, r.output
    assert "含有范围过大的合并单元格（如整列、整表合并）" in openpyxl.load_workbook(out)["汇总"]["A3"].value


def test_ten_thousand_sheet_entries_for_one_part_are_read_once(tmp_path):
    src = write_penalty(tmp_path / "a.xlsx", rows_of(2))
    p = tmp_path / "万表.xlsx"
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            d = zi.read(info.filename)
            if info.filename == "xl/workbook.xml":
                m = re.search(rb'<sheet [^>]*name="[^"]*"[^>]*/>', d)
                entries = b"".join(m.group(0).replace(b'name="', b'name="S%d' % i).replace(b'sheetId="1"', b'sheetId="%d"' % (i + 2))
                                   for i in range(10_000))
                d = d.replace(m.group(0), m.group(0) + entries)
            zo.writestr(info.filename, d)
    assert p.stat().st_size < 200_000
    code, doc = run_json("validate", str(p), "--today", TODAY)
    assert code == 0
    assert [s["sheet"] for s in doc["files"][0]["sheets"]] == ["行政处罚"]
    out = tmp_path / "回执.xlsx"
    assert invoke("validate", str(p), "--report", str(out), "--today", TODAY).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "行政处罚"]  # one copy, not 10,001
    assert "多个工作表条目指向同一工作表" in wb["汇总"]["A3"].value


# --------------------------------------------------------------- 7. deduplication and names

def test_same_file_twice_and_folder_with_the_file_inside_are_read_once(tmp_path):
    folder = tmp_path / "台账"
    folder.mkdir()
    p = write_penalty(folder / "处罚.xlsx", rows_of(2))
    assert find_inputs([p, p, folder, str(folder / "." / "处罚.xlsx")]) == [p]
    code, doc = run_json("validate", str(folder), str(p), "--today", TODAY)
    assert code == 0 and len(doc["files"]) == 1
    assert not [f for s in doc["files"][0]["sheets"] for f in s["findings"] if f["code"] == "DUPLICATE_ACROSS_FILES"]


def test_monthly_report_counts_a_repeated_ledger_once(tmp_path):
    ledger = write_sheet(tmp_path / "ledger.xlsx", "ledger", [LEDGER_ROW])
    r = invoke("monthly-report", "--month", "2019-11", str(ledger), str(ledger), str(tmp_path),
               "-o", str(tmp_path / "月报.xlsx"), "--today", "2019-12-02", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["total"]["records"] == 1 and doc["total"]["duplicates"] == 0  # English keys (issue 12)


def test_file_name_in_gbk_bytes_is_read_and_printed(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/" + "台账".encode("gbk") + b".xlsx"
    name = os.fsdecode(raw)
    write_penalty(Path(name), rows_of(2))
    r = invoke("validate", name, "--today", TODAY)
    assert r.exit_code == 0, r.output
    assert "台账.xlsx › 行政处罚" in r.output
    code, doc = run_json("validate", name, "--today", TODAY)
    assert code == 0 and doc["files"][0]["sheets"][0]["rows"] == 2


def test_unreadable_subfolder_is_reported_not_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("SGS_READER_PROCESS", "0")
    folder = tmp_path / "各部门"
    (folder / "锁住").mkdir(parents=True)
    write_penalty(folder / "好.xlsx", rows_of(1))
    locked = str(folder / "锁住")
    real_scandir, real_listdir = os.scandir, os.listdir

    def scandir(p="."):
        if os.fspath(p) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real_scandir(p)

    def listdir(p="."):
        if os.fspath(p) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real_listdir(p)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)
    code, doc = run_json("validate", str(folder), "--today", TODAY)
    assert code == 3
    good, bad = doc["files"]
    assert good["sheets"][0]["rows"] == 1
    assert bad["error"] == f"无法读取文件夹“{locked}”：没有访问权限，其中的文件未能校验（请检查文件夹的访问权限后重试）"


# -------------------------------------------------------------------------- 8. output paths

def test_fifo_and_device_outputs_are_refused(tmp_path):
    src = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")])
    fifo = tmp_path / "管道.xlsx"
    os.mkfifo(fifo)
    r = invoke("validate", str(src), "--report", str(fifo), "--today", TODAY)
    assert r.exit_code == 2
    assert f"输出路径“{fifo}”不是普通文件（是设备、管道或套接字），已拒绝写入" in r.output
    assert fifo.is_fifo()
    with pytest.raises(Exception) as e:
        check_output_path("/dev/null")
    assert "不是普通文件" in e.value.message or "扩展名" in e.value.message
    with pytest.raises(Exception) as e:
        check_output_path("/dev/null.xlsx" if Path("/dev/null.xlsx").exists() else "/dev/null")


def test_receipt_name_colliding_with_an_input_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_penalty(tmp_path / "a.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")])
    write_penalty(tmp_path / "r_b.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")])
    write_penalty(tmp_path / "b.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A", CF_WSH="x1号")])
    before = sha(tmp_path / "r_b.xlsx")
    r = invoke("validate", "a.xlsx", "b.xlsx", "r_b.xlsx", "--report", "r.xlsx", "--today", TODAY)
    assert r.exit_code == 2, r.output
    assert "与输入文件相同，已拒绝覆盖输入文件" in r.output
    assert not (tmp_path / "r_a.xlsx").exists() and sha(tmp_path / "r_b.xlsx") == before


def test_legal_245_byte_output_name_is_written(tmp_path):
    src = write_penalty(tmp_path / "台账.xlsx", rows_of(1))
    out = tmp_path / ("回" * 80 + ".xlsx")  # 240 + 5 bytes: legal, the temporary name would not be
    assert len(os.fsencode(out.name)) == 245
    r = invoke("validate", str(src), "--report", str(out), "--today", TODAY)
    assert r.exit_code == 0, r.output
    assert openpyxl.load_workbook(out).sheetnames[0] == "汇总"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["台账.xlsx", out.name])


def test_full_disk_gives_one_chinese_message_and_no_exception_ignored(tmp_path, monkeypatch, capfd):
    import sgs_cli.io.write as X

    real_open = open

    class Full:
        def __init__(self, fh):
            self.fh, self.n = fh, 0

        def write(self, b):
            self.n += len(b)
            if self.n > 2000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(b)

        def __getattr__(self, k):
            return getattr(self.fh, k)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.fh.close()

    monkeypatch.setattr(X, "open", lambda p, mode="r", *a, **k: Full(real_open(p, mode, *a, **k)), raising=False)
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x" * 50_000
    with pytest.raises(X.OutputError) as e:
        atomic_write_workbook(wb, tmp_path / "结果.xlsx")
    assert e.value.message == f"无法写入“{tmp_path / '结果.xlsx'}”：磁盘空间不足"
    import gc

    gc.collect()
    assert "Exception ignored" not in capfd.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_without_child_processes_workbooks_are_read_in_this_process(tmp_path, monkeypatch):
    """A sandbox where the reader child never runs: not every file "crashed", but read here."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class NoProcesses:
        def submit(self, *a, **k):
            f = Future()
            f.set_exception(BrokenProcessPool("no processes"))
            return f

        def shutdown(self, *a, **k):
            pass

    monkeypatch.setattr(contain, "_DISABLED", False)
    monkeypatch.setattr(contain, "_pool", lambda: NoProcesses())
    p = write_penalty(tmp_path / "台账.xlsx", rows_of(2))
    assert [s.name for s in read_sheets(p)] == ["行政处罚"]
    assert contain._DISABLED
