"""Hostile and broken input: every odd file a clerk or an attacker can hand to `sgs validate`.

For each broken file the command must give a Chinese message, the exit code of the contract (3 for
unreadable input), no traceback, no output file when ``--report`` is given, and leave the input byte for
byte unchanged. Odd but readable files (WPS, templates, formulas, hidden sheets, merged cells, CSV
variants, extreme cells and dates) must be read completely, with the findings recorded here.

Every fixture is generated into tmp_path; nothing is read from outside the repository.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import struct
import sys
import time
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import PENALTY_ROW
from sgs_cli import standard as S
from sgs_cli.cli.app import app
from sgs_cli.io.reading import MAX_MEMBER, read_sheets
from sgs_cli.rules.context import column_letter
from sgs_cli.validation.engine import ValidateOptions, validate_file

D = dt.date
CODES = [f.code for f in S.PENALTY.fields]
TODAY = "2019-11-08"


def col(code: str) -> str:
    return column_letter(CODES.index(code))


def rows_of(n: int) -> list[dict]:
    return [dict(PENALTY_ROW, CF_WSH=f"中市监罚〔2019〕{300 + i}号") for i in range(n)]


def write_penalty(path: Path, rows: list[dict], sheet: str = "行政处罚") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([f.name for f in S.PENALTY.fields])
    for rec in rows:
        ws.append([rec.get(c) for c in CODES])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy/mm/dd"
    wb.save(path)
    return path


def csv_text(rows: list[dict], sep: str = ",") -> list[str]:
    def text(v):
        if v is None:
            return ""
        return v.strftime("%Y/%m/%d") if isinstance(v, dt.date) else str(v)
    return [sep.join(f.name for f in S.PENALTY.fields)] + [sep.join(text(r.get(c)) for c in CODES) for r in rows]


def edit_sheet_xml(src: Path, dst: Path, fn, member: str = "xl/worksheets/sheet1.xml") -> Path:
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info.filename)
            zo.writestr(info, fn(data) if info.filename == member else data)
    return dst


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """The built-in calendar only (never the user's holiday file)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)


def invoke(*args: str):
    r = CliRunner().invoke(app, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output
    return r


def flat(text: str) -> str:
    return "".join(text.split())


def refused(path: Path, message: str, code: int = 3):
    """`sgs validate PATH --report out.xlsx` refuses PATH: message, exit code, no traceback, no output
    file, the input unchanged. Returns the CliRunner result."""
    out = path.parent / "回执_out.xlsx"
    before = sha(path) if path.is_file() else None
    listing = sorted(p.name for p in path.parent.iterdir())
    t0 = time.perf_counter()
    r = invoke("validate", str(path), "--report", str(out), "--today", TODAY)
    elapsed = time.perf_counter() - t0
    assert r.exit_code == code, r.output
    assert flat(message) in flat(r.output), r.output
    assert not out.exists()
    assert sorted(p.name for p in path.parent.iterdir()) == listing  # no temporary file left behind
    if before is not None:
        assert sha(path) == before
    assert elapsed < 20, elapsed
    return r


# ------------------------------------------------------------------------------- unreadable inputs

def test_missing_path(tmp_path):
    r = refused(tmp_path / "不存在的台账.xlsx", "找不到文件或文件夹")
    assert "提示：请检查路径是否正确" in r.output


def test_folder_without_spreadsheets(tmp_path):
    folder = tmp_path / "资料"
    folder.mkdir()
    (folder / "说明.txt").write_text("不是表格", encoding="utf-8")
    (folder / "~$台账.xlsx").write_bytes(b"lock file of Excel")
    r = invoke("validate", str(folder), "--report", str(tmp_path / "out.xlsx"))
    assert r.exit_code == 3
    assert "文件夹中没有电子表格文件" in r.output
    assert not (tmp_path / "out.xlsx").exists()
    assert (folder / "说明.txt").read_text(encoding="utf-8") == "不是表格"


def test_zero_byte_file(tmp_path):
    p = tmp_path / "台账.xlsx"
    p.write_bytes(b"")
    refused(p, "文件“台账.xlsx”是空文件（0 字节）")


def test_truncated_xlsx(tmp_path):
    full = write_penalty(tmp_path / "full.xlsx", rows_of(20))
    p = tmp_path / "截断.xlsx"
    p.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    full.unlink()
    refused(p, "文件“截断.xlsx”已损坏（不完整或被截断），无法解压")


def test_binary_garbage_named_xlsx(tmp_path):
    p = tmp_path / "乱码.xlsx"
    p.write_bytes(bytes(range(256)) * 40)
    refused(p, "文件“乱码.xlsx”已损坏或不是 Excel 工作簿（无法解压）")


def test_text_file_named_xlsx(tmp_path):
    p = tmp_path / "导出.xlsx"
    p.write_text("\n".join(csv_text(rows_of(2))), encoding="utf-8")
    refused(p, "文件“导出.xlsx”实为文本（CSV）格式，不是真正的 .xlsx 工作簿")


def test_html_named_xls(tmp_path):
    """Many business systems' “导出Excel” writes an HTML table named .xls."""
    p = tmp_path / "系统导出.xls"
    p.write_text("<html><head><meta charset='utf-8'></head><body><table><tr><td>行政相对人名称</td></tr>"
                 "</table></body></html>", encoding="utf-8")
    refused(p, "文件“系统导出.xls”实为网页（HTML）格式")


def test_xlsx_named_xls(tmp_path):
    p = write_penalty(tmp_path / "改名.xls", rows_of(1))
    refused(p, "文件“改名.xls”实为 .xlsx 格式却以 .xls 命名")


def test_word_document_named_xlsx(tmp_path):
    p = tmp_path / "公文.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    refused(p, "文件“公文.xlsx”是 Word/PowerPoint 文档，不是 Excel 工作簿")


def test_crafted_ole_header_named_xlsx(tmp_path):
    """An OLE/CFB container under an .xlsx name is what Excel writes for a password-protected workbook."""
    p = tmp_path / "加密.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088)
    refused(p, "工作簿“加密.xlsx”已加密（设置了打开密码）或已损坏，无法读取")


def test_password_protected_xlsx(tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = write_penalty(tmp_path / "plain.xlsx", rows_of(2))
    p = tmp_path / "有密码.xlsx"
    with open(plain, "rb") as src, open(p, "wb") as dst:
        ooxml.OOXMLFile(src).encrypt("123456", dst)
    plain.unlink()
    r = refused(p, "工作簿“有密码.xlsx”已加密（设置了打开密码），无法读取")
    assert "取消密码" in r.output
    # the same file named .xls is read by python-calamine, which says so too
    q = tmp_path / "有密码.xls"
    q.write_bytes(p.read_bytes())
    p.unlink()
    refused(q, "已加密")


def test_xls_named_xlsx(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    p = tmp_path / "旧版.xlsx"
    wb = xlwt.Workbook()
    wb.add_sheet("行政处罚").write(0, 0, "行政相对人名称")
    wb.save(str(p))
    refused(p, "文件“旧版.xlsx”实为旧版 .xls 格式却以 .xlsx 命名")


# ---------------------------------------------------------------------- .xls code pages (BIFF8)

def write_xls(path: Path, rows: list[dict], codepage: int | None = None) -> Path:
    """A BIFF8 .xls (xlwt) whose CODEPAGE record is patched to ``codepage`` — what Java exporters
    (e.g. JExcelAPI, CODEPAGE 1252) write; BIFF8 strings are UTF-16 whatever the record says."""
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("行政处罚")
    date = xlwt.easyxf(num_format_str="yyyy/mm/dd")
    for c, f in enumerate(S.PENALTY.fields):
        ws.write(0, c, f.name)
        for r, rec in enumerate(rows, start=1):
            v = rec.get(f.code)
            if isinstance(v, dt.date):
                ws.write(r, c, v, date)
            elif v is not None:
                ws.write(r, c, v)
    wb.save(str(path))
    if codepage is not None:
        data = bytearray(path.read_bytes())
        i = data.find(struct.pack("<HHH", 0x0042, 2, 1200))
        assert i > 0
        struct.pack_into("<H", data, i + 4, codepage)
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("codepage", [None, 1252, 936, 12345])
def test_xls_with_an_unusual_code_page(tmp_path, codepage):
    bad = dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A", CF_WSH="中市监罚〔2019〕999号")
    p = write_xls(tmp_path / f"cp{codepage}.xls", [PENALTY_ROW, bad], codepage)
    before = sha(p)
    r = invoke("validate", str(p), "--format", "json", "--today", TODAY)
    assert r.exit_code == 1, r.output
    doc = json.loads(r.stdout)
    [sheet] = doc["files"][0]["sheets"]
    assert sheet["sheet"] == "行政处罚" and sheet["kind"] == "penalty" and sheet["rows"] == 2
    note = [] if codepage is None else [("READER_NOTE", None, None)]  # the repair is said, as an info finding
    assert [(f["code"], f["cell"], f["value"]) for f in sheet["findings"]] == [
        ("USCC_CHECKSUM", f"{col('CF_XDR_SHXYM')}3", "91230500MA1B3N1N2A")] + note
    assert sha(p) == before  # patched in memory only
    if codepage is not None:
        [raw] = read_sheets(p)
        assert raw.notes == [f"工作簿声明的代码页为 {codepage}，已按 BIFF8 规范以 Unicode 读取"]
        assert raw.rows[1][0] == "中牟县鑫源商贸有限公司"


def test_an_encrypted_workbook_is_named_by_its_streams(tmp_path):
    """io/ole reads the container with olefile: an encrypted .xlsx (EncryptionInfo + EncryptedPackage, one of
    them in the mini stream) is named as encrypted, and nothing is patched in it."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    from sgs_cli.io.ole import biff8_codepage_fix, stream_names

    plain = write_penalty(tmp_path / "plain.xlsx", rows_of(3))
    p = tmp_path / "enc.xlsx"
    with open(plain, "rb") as src, open(p, "wb") as dst:
        ooxml.OOXMLFile(src).encrypt("x", dst)
    data = p.read_bytes()
    assert {"encryptioninfo", "encryptedpackage"} <= stream_names(data)
    assert biff8_codepage_fix(data) is None
    assert stream_names(data[:600]) == set() and stream_names(b"not ole") == set()


# ----------------------------------------------------------------------------------- zip bombs

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
      'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
      'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
      'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.spreadsheetml.worksheet+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
      '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
           '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
           '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{extra}</Relationships>')
SST_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/>')


def _gf2_times(mat: list[int], vec: int) -> int:
    out, i = 0, 0
    while vec:
        if vec & 1:
            out ^= mat[i]
        vec >>= 1
        i += 1
    return out


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """zlib's crc32_combine: the CRC-32 of A+B from crc(A), crc(B) and len(B)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = [_gf2_times(odd, odd[n]) for n in range(32)]
    odd = [_gf2_times(even, even[n]) for n in range(32)]
    while True:
        even = [_gf2_times(odd, odd[n]) for n in range(32)]
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = [_gf2_times(even, even[n]) for n in range(32)]
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_repeat(crc: int, length: int, n: int) -> int:
    """CRC-32 of a block repeated n times, from the block's CRC and length (by doubling)."""
    result, result_len, power, power_len = 0, 0, crc, length
    while n:
        if n & 1:
            result = crc32_combine(result, power, power_len) if result_len else power
            result_len += power_len
        power = crc32_combine(power, power, power_len)
        power_len *= 2
        n >>= 1
    return result


def write_zip(path: Path, members: list[tuple]) -> Path:
    """A zip written by hand: members are (name, [(deflate bytes, repeat)], crc, size, declared size).
    The declared size goes into both the local header and the central directory (a lie if it differs)."""
    with open(path, "wb") as fh:
        central = []
        for name, pieces, crc, _size, declared in members:
            nb = name.encode()
            csize = sum(len(b) * n for b, n in pieces)
            offset = fh.tell()
            fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, csize, declared, len(nb), 0) + nb)
            for b, n in pieces:
                for _ in range(n):
                    fh.write(b)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, csize,
                                       declared, len(nb), 0, 0, 0, 0, 0, offset) + nb)
        start = fh.tell()
        for c in central:
            fh.write(c)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), fh.tell() - start, start, 0))
    return path


def small_member(name: str, text: str | bytes) -> tuple:
    data = text.encode() if isinstance(text, str) else text
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return (name, [(c.compress(data) + c.flush(), 1)], zlib.crc32(data), len(data), len(data))


def bomb_member(total: int, declared: int | None = None) -> tuple:
    """xl/worksheets/sheet1.xml: `total` bytes (rounded up to whole 1 MiB blocks) of identical rows,
    stored as one compressed block repeated (each block ends with a full flush, so the deflate output
    of every block is the same bytes): a ~3 MB file for 3 GiB of XML, made in well under a second."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    block = row * ((1 << 20) // len(row))
    tail = b"</sheetData></worksheet>"
    n = -(-total // len(block))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    z_head = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    z_block = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(block) + c.flush(zlib.Z_FULL_FLUSH) == z_block
    z_tail = c.compress(tail) + c.flush()
    size = len(head) + n * len(block) + len(tail)
    crc = crc32_combine(crc32_combine(zlib.crc32(head), crc32_repeat(zlib.crc32(block), len(block), n),
                                      n * len(block)), zlib.crc32(tail), len(tail))
    return ("xl/worksheets/sheet1.xml", [(z_head, 1), (z_block, n), (z_tail, 1)], crc, size,
            size if declared is None else declared)


def write_bomb(path: Path, total: int, declared: int | None = None) -> Path:
    return write_zip(path, [small_member("[Content_Types].xml", CT), small_member("_rels/.rels", RELS),
                            small_member("xl/workbook.xml", WB),
                            small_member("xl/_rels/workbook.xml.rels", WB_RELS.format(extra="")),
                            bomb_member(total, declared)])


def test_bomb_helpers_make_valid_zips(tmp_path):
    """The hand-made zip and the combined CRC are right (Python's zipfile checks the CRC)."""
    for a, b in ((b"abc", b"defgh"), (b"", b"x"), (b"x" * 1000, b"y" * 3)):
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)
    assert crc32_repeat(zlib.crc32(b"ab"), 2, 5) == zlib.crc32(b"ab" * 5)
    p = write_bomb(tmp_path / "small.xlsx", 3 << 20)
    with zipfile.ZipFile(p) as z:
        assert z.testzip() is None
        xml = z.read("xl/worksheets/sheet1.xml")
    block = (1 << 20) // 49 * 49
    assert xml.count(b"<row>") == -(-(3 << 20) // block) * (block // 49)
    [raw] = read_sheets(p)
    assert len(raw.rows) == xml.count(b"<row>")


def _max_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024


def test_zip_bomb_3_gib_sheet_is_refused_quickly(tmp_path):
    p = write_bomb(tmp_path / "炸弹.xlsx", 3 << 30)
    assert p.stat().st_size < 16 << 20  # a small file (about 9.5 MB)
    with zipfile.ZipFile(p) as z:
        assert z.getinfo("xl/worksheets/sheet1.xml").file_size > MAX_MEMBER
    rss = _max_rss_mb()
    t0 = time.perf_counter()
    refused(p, "文件“炸弹.xlsx”解压后异常巨大（疑似压缩炸弹），已拒绝读取")
    assert time.perf_counter() - t0 < 5
    if rss is not None:
        assert _max_rss_mb() - rss < 200  # nothing was inflated


def test_zip_bomb_with_a_lying_declared_size_is_refused_quickly(tmp_path):
    """The central directory says 1 MiB, the data inflates to 1 GiB: python-calamine's zip reader stops
    at the declared size, so only that much is ever inflated."""
    p = write_bomb(tmp_path / "谎报.xlsx", 1 << 30, declared=1 << 20)
    assert p.stat().st_size < 4 << 20
    rss = _max_rss_mb()
    t0 = time.perf_counter()
    refused(p, "文件“谎报.xlsx”解压后的内容大于其声明的大小（疑似压缩炸弹或文件已损坏），已拒绝读取")
    assert time.perf_counter() - t0 < 5
    if rss is not None:
        assert _max_rss_mb() - rss < 200


def _entity_bomb_members() -> list[tuple]:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    sst = (f'<?xml version="1.0"?><!DOCTYPE sst [{ents}]><sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>&lol9;</t></si><si><t>行政相对人名称</t></si></sst>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v>'
             '</c></row></sheetData></worksheet>')
    return [small_member("[Content_Types].xml", CT), small_member("_rels/.rels", RELS),
            small_member("xl/workbook.xml", WB), small_member("xl/_rels/workbook.xml.rels", WB_RELS.format(extra=SST_REL)),
            small_member("xl/worksheets/sheet1.xml", sheet), small_member("xl/sharedStrings.xml", sst)]


@pytest.mark.parametrize("hostile", ["lying size", "entity bomb"])
def test_large_hostile_xlsx_through_the_chunked_reader(tmp_path, hostile):
    if hostile == "lying size":
        p = write_bomb(tmp_path / "大.xlsx", 3 << 30, declared=1 << 20)
    else:  # padded with an incompressible picture to take the large-file path
        p = write_zip(tmp_path / "大.xlsx", _entity_bomb_members() + [small_member("xl/media/image1.png",
                                                                                 os.urandom(9 << 20))])
    assert p.stat().st_size > 8 << 20
    refused(p, "已拒绝读取")


def test_zip_bomb_ratio_guard(tmp_path):
    """300 MiB declared at a ratio above 200 is refused before inflating; so is a workbook over 4 GiB
    in total, spread over members that are each under the per-member limit."""
    refused(write_bomb(tmp_path / "高压缩比.xlsx", 300 << 20), "疑似压缩炸弹")
    members = [small_member("[Content_Types].xml", CT), small_member("xl/workbook.xml", WB)]
    name, pieces, crc, size, _ = small_member("xl/media/a.bin", b"\x00" * 1024)
    for i in range(3):
        members.append((f"xl/media/big{i}.bin", pieces, crc, size, (1536 << 20)))
    p = write_zip(tmp_path / "总量.xlsx", members)
    refused(p, "疑似压缩炸弹")


def test_billion_laughs_in_shared_strings(tmp_path):
    p = write_zip(tmp_path / "实体炸弹.xlsx", _entity_bomb_members())
    t0 = time.perf_counter()
    refused(p, "文件“实体炸弹.xlsx”含有不允许的 XML 实体定义（可能是恶意构造的文件），已拒绝读取")
    assert time.perf_counter() - t0 < 5


# ------------------------------------------------------------------- odd but readable workbooks

def validate_json(path: Path, *extra: str) -> tuple[int, dict]:
    r = invoke("validate", str(path), "--format", "json", "--today", TODAY, *extra)
    return r.exit_code, json.loads(r.stdout)


def keys(sheet: dict) -> set[tuple]:
    return {(f["code"], f["cell"], f["severity"]) for f in sheet["findings"]}


def test_wps_wrong_dimension_reads_every_row(tmp_path):
    good = write_penalty(tmp_path / "good.xlsx", rows_of(10))
    p = edit_sheet_xml(good, tmp_path / "wps.xlsx",
                       lambda d: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', d))
    assert b'<dimension ref="A1"/>' in zipfile.ZipFile(p).read("xl/worksheets/sheet1.xml")
    code, doc = validate_json(p)
    assert code == 0
    [sheet] = doc["files"][0]["sheets"]
    assert sheet["rows"] == 10 and sheet["findings"] == []


def test_template_with_16384_columns_and_5000_formatted_rows(tmp_path):
    from openpyxl.styles import Font, PatternFill

    p = write_penalty(tmp_path / "模板.xlsx", rows_of(10))
    wb = openpyxl.load_workbook(p)
    ws = wb.active
    ws["XFD1"].fill = PatternFill("solid", fgColor="FFFF00")
    bold = Font(bold=True)
    for r in range(12, 5001):
        ws.cell(r, 1).font = bold
        ws.cell(r, 30).font = bold
        ws.row_dimensions[r].height = 20
    wb.save(p)
    [raw] = read_sheets(p)  # the formatted-only cells are trimmed, not read as 16,384 × 5,000 blanks
    assert len(raw.rows) == 11 and len(raw.rows[0]) == len(CODES)
    out = tmp_path / "回执.xlsx"
    code, doc = validate_json(p, "--report", str(out))
    assert code == 0
    [sheet] = doc["files"][0]["sheets"]
    assert sheet["rows"] == 10 and sheet["header_row"] == 1
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[0] == "汇总"


def test_formulas_cached_values_missing_values_and_error_values(tmp_path):
    good = write_penalty(tmp_path / "good.xlsx", rows_of(4))
    fk, mc = col("CF_NR_FK"), col("CF_XDR_MC")

    def formulas(d: bytes) -> bytes:
        # row 2: a formula with its cached value; row 3: a formula without one (written by a library,
        # never calculated); row 4: a cached error value; row 5: shared formula without a value
        d, n2 = re.subn(rf'<c r="{fk}2"([^>]*)><v>0.2</v></c>'.encode(), rf'<c r="{fk}2"\1><f>0.1+0.1</f><v>0.2</v></c>'.encode(), d)
        d, n3 = re.subn(rf'<c r="{fk}3"([^>]*)><v>0.2</v></c>'.encode(), rf'<c r="{fk}3"><f>0.1+0.1</f></c>'.encode(), d)
        d, n4 = re.subn(rf'<c r="{mc}4"[^>]*>.*?</c>'.encode(),
                        rf'<c r="{mc}4" t="e"><f>VLOOKUP(B4,名录!A:B,2,0)</f><v>#N/A</v></c>'.encode(), d)
        d, n5 = re.subn(rf'<c r="{fk}5"([^>]*)><v>0.2</v></c>'.encode(), rf'<c r="{fk}5"><f t="shared" si="0"/></c>'.encode(), d)
        assert (n2, n3, n4, n5) == (1, 1, 1, 1)
        return d

    p = edit_sheet_xml(good, tmp_path / "公式.xlsx", formulas)
    [raw] = read_sheets(p)
    j = CODES.index("CF_NR_FK")
    assert raw.rows[1][j] == 0.2  # the cached value is used
    assert raw.rows[2][j] == "" and raw.rows[3][0] == ""  # python-calamine reads both as blank …
    assert raw.formula_no_value == {(2, j), (4, j)}  # … and io/workbook.py tells them apart
    assert raw.error_cells == {(3, 0): "#N/A"}
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 1
    ks = keys(sheet)
    # the cells are named for what they are, besides the consequence (a blank required amount)
    assert ("FORMULA_NO_VALUE", f"{fk}3", "warning") in ks
    assert ("FORMULA_NO_VALUE", f"{fk}5", "warning") in ks
    assert ("CELL_ERROR_VALUE", f"{mc}4", "error") in ks
    assert ("FINE_AMOUNT_REQUIRED", f"{fk}3", "error") in ks
    assert ("FINE_AMOUNT_REQUIRED", f"{fk}5", "error") in ks
    assert ("REQUIRED_MISSING", f"{mc}4", "error") in ks
    assert not any(cell == f"{fk}2" for _, cell, _ in ks)


def test_formula_scan_ignores_ordinary_cells(tmp_path):
    from openpyxl.styles import Font

    p = write_penalty(tmp_path / "plain.xlsx", rows_of(3))
    wb = openpyxl.load_workbook(p)
    wb.active["AF2"].font = Font(bold=True)  # an empty styled cell: <c r="AF2" s="1"/>
    wb.active["AG2"] = "=SUM(1,2)"  # openpyxl writes a formula without a cached value
    wb.save(p)
    [raw] = read_sheets(p)
    assert raw.formula_no_value == {(1, 32)}
    assert raw.error_cells == {}


def test_hidden_and_very_hidden_sheets_are_validated(tmp_path):
    p = write_penalty(tmp_path / "隐藏.xlsx", rows_of(2))
    wb = openpyxl.load_workbook(p)
    for title, state in (("隐藏", "hidden"), ("深度隐藏", "veryHidden")):
        ws = wb.copy_worksheet(wb["行政处罚"])
        ws.title = title
        ws.sheet_state = state
    wb.save(p)
    raws = {r.name: r.hidden for r in read_sheets(p)}
    assert raws == {"行政处罚": False, "隐藏": True, "深度隐藏": True}
    fr = validate_file(p, ValidateOptions(today=D(2019, 11, 8)))
    hidden = {s.sheet: [f.code for f in s.findings if f.code == "SHEET_HIDDEN"] for s in fr.sheets}
    assert hidden == {"行政处罚": [], "隐藏": ["SHEET_HIDDEN"], "深度隐藏": ["SHEET_HIDDEN"]}
    assert [s.rows for s in fr.sheets] == [2, 2, 2]


def test_merged_cells_across_data_rows(tmp_path):
    """处罚依据 merged over four records: only the first has the value (what the platform imports too)."""
    p = write_penalty(tmp_path / "合并.xlsx", rows_of(4))
    yj = col("CF_YJ")
    wb = openpyxl.load_workbook(p)
    wb.active.merge_cells(f"{yj}2:{yj}5")
    wb.save(p)
    [raw] = read_sheets(p)
    j = CODES.index("CF_YJ")
    assert (1, j, 4, j) in raw.merged
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 1
    assert {k for k in keys(sheet) if k[0] == "REQUIRED_MISSING"} == {
        ("REQUIRED_MISSING", f"{yj}{r}", "error") for r in (3, 4, 5)}


def test_cell_over_32767_characters(tmp_path):
    """Excel's cell limit is 32,767 characters; python-calamine cuts longer text there (silently), so the
    length reported is 32767 — still far over the 5000 of 违法事实, so the cell is flagged."""
    p = write_penalty(tmp_path / "超长.xlsx", [dict(PENALTY_ROW, CF_SY="违法事实" * 10_000)])
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    [f] = [f for f in sheet["findings"] if f["code"] == "LENGTH_EXCEEDED"]
    assert f["cell"] == f"{col('CF_SY')}2" and "32767字" in f["message"]
    assert code == 0  # the 5000 limit is unconfirmed: a warning


def test_dates_in_1900_and_9999(tmp_path):
    rows = [dict(PENALTY_ROW, CF_JDRQ=D(1900, 1, 1), CF_YXQ=D(9999, 12, 31), CF_GSJZQ=D(1900, 2, 28)),
            dict(PENALTY_ROW, CF_WSH="中市监罚〔2019〕202号", CF_JDRQ=D(1900, 3, 1),
                 CF_YXQ=dt.datetime(9999, 12, 31, 23, 59, 59))]
    p = write_penalty(tmp_path / "日期.xlsx", rows)
    [raw] = read_sheets(p)
    assert raw.rows[1][CODES.index("CF_JDRQ")] == D(1900, 1, 1)
    assert raw.rows[2][CODES.index("CF_JDRQ")] == D(1900, 3, 1)  # past Excel's fictitious 1900-02-29
    assert raw.rows[1][CODES.index("CF_YXQ")] == D(9999, 12, 31)
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 1
    implausible = {k[1] for k in keys(sheet) if k[0] == "DATE_IMPLAUSIBLE"}
    assert implausible == {f"{col('CF_JDRQ')}2", f"{col('CF_YXQ')}2", f"{col('CF_GSJZQ')}2",
                           f"{col('CF_JDRQ')}3", f"{col('CF_YXQ')}3"}


def test_nan_and_inf_number_cells(tmp_path):
    """<v>NaN</v> / <v>inf</v> are read as float nan/inf by python-calamine: a finding, not a crash."""
    good = write_penalty(tmp_path / "good.xlsx", rows_of(2))
    fk = col("CF_NR_FK")

    def edit(d: bytes) -> bytes:
        d = re.sub(rf'(<c r="{fk}2"[^>]*>)<v>0.2</v>'.encode(), rb"\1<v>NaN</v>", d)
        return re.sub(rf'(<c r="{fk}3"[^>]*>)<v>0.2</v>'.encode(), rb"\1<v>inf</v>", d)

    p = edit_sheet_xml(good, tmp_path / "nan.xlsx", edit)
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 1
    assert {("AMOUNT_INVALID", f"{fk}2", "error"), ("AMOUNT_INVALID", f"{fk}3", "error")} <= keys(sheet)


# ----------------------------------------------------------------------------------------- CSV

def test_csv_with_nul_bytes(tmp_path):
    lines = csv_text(rows_of(2))
    data = "\r\n".join(lines).encode("utf-8").replace("鑫源".encode(), "鑫\x00源".encode())
    p = tmp_path / "空字符.csv"
    p.write_bytes(data + b"\r\n" + b"\x00" * 64)
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 0 and sheet["rows"] == 2
    # what the reader repaired reaches the clerk as an info finding (UTF-8 itself goes without saying)
    assert [(f["code"], f["severity"], f["message"]) for f in sheet["findings"]] == [
        ("READER_NOTE", "info", "已删除空字符（NUL）")]
    [raw] = read_sheets(p)
    assert raw.rows[1][0] == "中牟县鑫源商贸有限公司"
    assert raw.notes == ["已删除空字符（NUL）"]


def test_csv_with_mixed_line_endings(tmp_path):
    bad = dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")
    rows = [PENALTY_ROW] + [dict(bad, CF_WSH=f"中市监罚〔2019〕{i}号") for i in (2, 3, 4)]
    head, r2, r3, r4, r5 = csv_text(rows)
    p = tmp_path / "换行.csv"
    p.write_bytes(f"{head}\r\n{r2}\n{r3}\r{r4}\r\n{r5}".encode("gb18030"))
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 1 and sheet["rows"] == 4
    c = col("CF_XDR_SHXYM")
    assert {k for k in keys(sheet) if k[0] == "USCC_CHECKSUM"} == {
        ("USCC_CHECKSUM", f"{c}{r}", "error") for r in (3, 4, 5)}


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_csv_utf16_with_bom_is_decoded(tmp_path, encoding, bom):
    p = tmp_path / "unicode.csv"
    p.write_bytes(bom + "\r\n".join(csv_text(rows_of(3))).encode(encoding))
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 0 and sheet["kind"] == "penalty" and sheet["rows"] == 3
    assert read_sheets(p)[0].notes == ["CSV编码：UTF-16"]


def test_excel_unicode_text_tab_separated_utf16(tmp_path):
    """Excel's “Unicode 文本” export: UTF-16LE with BOM, tab-separated."""
    p = tmp_path / "unicode文本.csv"
    p.write_bytes(b"\xff\xfe" + "\r\n".join(csv_text(rows_of(2), sep="\t")).encode("utf-16-le"))
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    assert code == 0 and sheet["rows"] == 2
    assert [(f["code"], f["message"]) for f in sheet["findings"]] == [("READER_NOTE", "CSV编码：UTF-16")]


def test_csv_utf16_without_bom_is_refused(tmp_path):
    p = tmp_path / "无BOM.csv"
    p.write_bytes("\r\n".join(csv_text(rows_of(2))).encode("utf-16-le"))
    refused(p, "CSV 文件“无BOM.csv”疑似 UTF-16 编码但缺少字节顺序标记（BOM），无法确定如何解码")


def test_csv_shift_jis_is_refused(tmp_path):
    data = "行政相対人名称,ｱ,ｲ\r\nｶﾀｶﾅ,ﾃｽﾄ,1\r\n".encode("shift_jis")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb18030")  # half-width katakana before a comma: no valid GB18030 sequence
    p = tmp_path / "日文.csv"
    p.write_bytes(data)
    refused(p, "CSV 文件“日文.csv”的编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）")


def test_csv_cell_over_32767_characters(tmp_path):
    rows = [dict(PENALTY_ROW, CF_SY="违法事实" * 10_000)]
    p = tmp_path / "超长.csv"
    p.write_text("\r\n".join(csv_text(rows)), encoding="utf-8-sig")
    code, doc = validate_json(p)
    [sheet] = doc["files"][0]["sheets"]
    [f] = [f for f in sheet["findings"] if f["code"] == "LENGTH_EXCEEDED"]
    assert "40000字" in f["message"]


def test_csv_unbalanced_quote_is_refused(tmp_path):
    lines = csv_text(rows_of(1))
    p = tmp_path / "引号.csv"
    p.write_text(lines[0] + "\r\n\"" + "很长的文字，" * 200_000 + "\r\n", encoding="utf-8")
    refused(p, "CSV 文件“引号.csv”第2行附近有一个超过 1048576 个字符的单元格")


# --------------------------------------------------------------------------------- many inputs

def test_folder_with_a_good_and_a_broken_file(tmp_path):
    folder = tmp_path / "各部门"
    folder.mkdir()
    write_penalty(folder / "a_好.xlsx", rows_of(2))
    (folder / "b_坏.xlsx").write_bytes(b"PK\x03\x04broken")
    r = invoke("validate", str(folder), "--format", "json", "--today", TODAY)
    assert r.exit_code == 3
    doc = json.loads(r.stdout)
    good, bad = doc["files"]
    assert good["sheets"][0]["rows"] == 2 and "error" not in good
    assert "已损坏（不完整或被截断）" in bad["error"]


def test_unreadable_input_in_json(tmp_path):
    p = tmp_path / "空.csv"
    p.write_bytes(b"")
    r = invoke("validate", str(p), "--format", "json")
    assert r.exit_code == 3
    doc = json.loads(r.stdout)
    assert doc["files"][0]["error"].startswith("文件“空.csv”是空文件（0 字节）")


# ------------------------------------------------------------------------------- output safety

def test_existing_report_is_replaced_by_an_atomic_rename(tmp_path):
    src = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")])
    out = tmp_path / "回执.xlsx"
    old = openpyxl.Workbook()
    old.active.title = "旧回执"
    old.save(out)
    inode = out.stat().st_ino
    before = sha(src)
    r = invoke("validate", str(src), "--report", str(out), "--today", TODAY)
    assert r.exit_code == 2 and "已存在，未覆盖" in r.stderr  # without --force the old receipt is kept
    assert out.stat().st_ino == inode and openpyxl.load_workbook(out).sheetnames == ["旧回执"]
    r = invoke("validate", str(src), "--report", str(out), "--today", TODAY, "--force")
    assert r.exit_code == 1
    assert out.stat().st_ino != inode  # a new file renamed into place, not the old one rewritten
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "汇总" and "旧回执" not in wb.sheetnames
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp.xlsx")]  # no temporary file left
    assert sha(src) == before


def test_unreadable_input_leaves_an_existing_report_alone(tmp_path):
    p = tmp_path / "坏.xlsx"
    p.write_bytes(b"not a workbook at all \x00\xff")
    out = tmp_path / "回执.xlsx"
    out.write_bytes(b"previous receipt")
    r = invoke("validate", str(p), "--report", str(out))
    assert r.exit_code == 3
    assert out.read_bytes() == b"previous receipt"
    assert "未生成错误回执" in r.output


@pytest.mark.parametrize("spelling", ["same", "dot", "absolute", "symlink"])
def test_report_onto_the_input_is_refused(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    src = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM="91230500MA1B3N1N2A")])
    before = sha(src)
    if spelling == "symlink":
        try:
            os.symlink(src, tmp_path / "链接.xlsx")
        except (OSError, NotImplementedError):
            pytest.skip("no symlinks here")
    out = {"same": "台账.xlsx", "dot": "./台账.xlsx", "absolute": str(src), "symlink": "链接.xlsx"}[spelling]
    r = invoke("validate", "台账.xlsx", "--report", out, "--today", TODAY)
    assert r.exit_code == 2, r.output
    assert "与输入文件相同，已拒绝覆盖输入文件" in r.output
    assert sha(src) == before
    assert not any(p.name.endswith(".tmp.xlsx") for p in tmp_path.iterdir())


def test_report_with_a_non_xlsx_name_is_refused(tmp_path):
    src = write_penalty(tmp_path / "台账.xlsx", rows_of(1))
    r = invoke("validate", str(src), "--report", str(tmp_path / "回执.xls"), "--today", TODAY)
    assert r.exit_code == 2
    assert "扩展名应为 .xlsx" in r.output
    assert not (tmp_path / "回执.xls").exists()
