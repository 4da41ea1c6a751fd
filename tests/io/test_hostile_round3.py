"""Hostile input, round three (issue 27): the newer commands, ID numbers in odd spellings, the public
export. One section per class, each a minimised reproducer of what the fuzz campaign found.

1 one guarded copy for every writer  2 parsers bound their work  3 one idea of an ID number
4 the public export  5 unreadable means exit 3
"""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sgs_cli.errors import OutputError
from sgs_cli.render import copying, split as split_mod

from test_hostile import PENALTY_ROW, TODAY, col, invoke, rows_of, sha, write_penalty

BAD_USCC = "91230500MA1B3N1N2A"  # check character wrong: the record goes back
SHEET = "xl/worksheets/sheet1.xml"


def damaged(tmp_path: Path, name: str, edits: dict | None = None, drop: tuple = ()) -> Path:
    """A 3-record penalty ledger (row 2 with an error, rows 3-4 passing), its parts edited or dropped."""
    src = write_penalty(tmp_path / "src.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM=BAD_USCC)] + rows_of(2))
    out = tmp_path / name
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            if info.filename in drop:
                continue
            d = zi.read(info.filename)
            if edits and info.filename in edits:
                d = edits[info.filename](d)
            zo.writestr(info.filename, d)
    src.unlink()
    return out


def _flip(d: bytes) -> bytes:
    d = bytearray(d)
    for i in (40, 80, 120, 160):
        d[i] ^= 0x55
    return bytes(d)


_HYPERLINK_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   b'2006/relationships/hyperlink" Target="x" TargetMode="Bogus"/></Relationships>')
DAMAGE = {
    "types_empty": ({"[Content_Types].xml": lambda d: b""}, ()),
    "styles_flipped": ({"xl/styles.xml": _flip}, ()),
    "bogus_hyperlink": ({"xl/worksheets/_rels/sheet1.xml.rels": lambda d: _HYPERLINK_RELS,
                         SHEET: lambda d: d.replace(b"</sheetData>", b'</sheetData><hyperlinks><hyperlink ref="A2" '
                                                    b'r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/'
                                                    b'officeDocument/2006/relationships"/></hyperlinks>')}, ()),
    "no_styles": ({}, ("xl/styles.xml",)),
    "sheet_without_name": ({"xl/workbook.xml": lambda d: re.sub(rb'<sheet name="[^"]*"', b"<sheet", d)}, ()),
    "merge_sheet_wide": ({SHEET: lambda d: d.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                                     b'<mergeCell ref="A1:XFD1048576"/></mergeCells>')}, ()),
}


# ------------------------------------------------------------ 1. one guarded copy for every writer

@pytest.mark.parametrize("damage", list(DAMAGE))
def test_split_survives_what_report_survives(tmp_path, damage):
    """--split copies the input through the same guarded copy as --report: a part openpyxl refuses, or a
    sheet-wide merge (was: 89 s and 7 GB then MemoryError), gives the pair rebuilt from the cells."""
    edits, drop = DAMAGE[damage]
    bad = damaged(tmp_path, "坏.xlsx", edits, drop)
    before = sha(bad)
    out = tmp_path / "拆分"
    t0 = time.perf_counter()
    r = invoke("validate", str(bad), "--split", str(out), "--today", TODAY)
    assert time.perf_counter() - t0 < 15
    assert r.exit_code == 1, r.output
    assert "坏.xlsx：共 3 条，通过 2 条" in r.output
    assert sha(bad) == before
    assert sorted(p.name for p in out.iterdir()) == ["退回_坏.xlsx", "通过_坏.xlsx"]
    passed = openpyxl.load_workbook(out / "通过_坏.xlsx")
    ws = passed[passed.sheetnames[0]]
    assert [ws[f"{col('CF_WSH')}{r}"].value for r in (2, 3)] == ["中市监罚〔2019〕300号", "中市监罚〔2019〕301号"]
    assert ws.max_row == 3
    back = openpyxl.load_workbook(out / "退回_坏.xlsx")
    shx = col("CF_XDR_SHXYM")
    data = back[back.sheetnames[1]]
    assert data[f"{shx}2"].value == BAD_USCC and "校验位" in data[f"{shx}2"].comment.text
    assert data.max_row == 2


def test_split_of_ten_thousand_sheet_entries_is_bounded(tmp_path):
    def many(d):
        m = re.search(rb'<sheet [^>]*name="[^"]*"[^>]*/>', d)
        return d.replace(m.group(0), m.group(0) + b"".join(
            m.group(0).replace(b'name="', b'name="S%d' % i).replace(b'sheetId="1"', b'sheetId="%d"' % (i + 2))
            for i in range(10_000)))
    bad = damaged(tmp_path, "万表.xlsx", {"xl/workbook.xml": many})
    out = tmp_path / "拆分"
    t0 = time.perf_counter()
    r = invoke("validate", str(bad), "--split", str(out), "--today", TODAY)
    assert time.perf_counter() - t0 < 20  # was: not finished in 120 s
    assert r.exit_code == 1, r.output
    back = openpyxl.load_workbook(out / "退回_万表.xlsx")
    assert back.sheetnames == ["汇总", "行政处罚"]
    assert "多个工作表条目指向同一工作表" in back["汇总"]["A3"].value


def test_copy_refused_bounds_the_sheet_count(tmp_path):
    def sheets(n):
        def edit(d):
            m = re.search(rb'<sheet [^>]*name="[^"]*"[^>]*/>', d)
            return d.replace(m.group(0), m.group(0) + b"".join(
                m.group(0).replace(b'name="', b'name="S%d' % i).replace(b'sheetId="1"', b'sheetId="%d"' % (i + 2))
                .replace(b'r:id="rId1"', b'r:id="rIdS%d"' % i) for i in range(n - 1)))

        def rels(d):
            return d.replace(b"</Relationships>", b"".join(
                b'<Relationship Id="rIdS%d" Target="worksheets/s%d.xml" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/worksheet"/>' % (i, i) for i in range(n - 1)) + b"</Relationships>")
        return {"xl/workbook.xml": edit, "xl/_rels/workbook.xml.rels": rels}

    p = damaged(tmp_path, "多表.xlsx", sheets(copying.MAX_COPY_SHEETS + 1))
    assert copying.copy_refused(p) == f"工作表多于{copying.MAX_COPY_SHEETS}个"
    p = damaged(tmp_path, "少表.xlsx", sheets(copying.MAX_COPY_SHEETS))
    assert copying.copy_refused(p) is None


def test_split_is_all_or_nothing(tmp_path, monkeypatch):
    """A failure on the 退回 file leaves no 通过 file behind (was: one file of the pair written)."""
    good = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM=BAD_USCC)] + rows_of(2))

    def boom(*a, **k):
        raise OutputError("无法写入“退回_台账.xlsx”：磁盘空间不足", "请清理磁盘空间或换一个输出位置后重试")

    monkeypatch.setattr(split_mod, "_return_workbook", boom)
    out = tmp_path / "拆分"
    r = invoke("validate", str(good), "--split", str(out), "--today", TODAY)
    assert r.exit_code == 2, r.output
    assert "磁盘空间不足" in r.output
    assert list(out.iterdir()) == []  # no 通过 file, no temporary file


def test_split_saves_a_copy_openpyxl_cannot_write_by_rebuilding_it(tmp_path, monkeypatch):
    """A copy that loads but fails when saved (ValueError …) is rebuilt from the cells, both files."""
    good = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_XDR_SHXYM=BAD_USCC)] + rows_of(2))
    real = copying.load_copy
    seen = []

    def loader(fr, large, fresh=None, data_only=False):
        seen.append(fresh)
        wb, titles, note = real(fr, large, fresh, data_only)
        if fresh is None:  # the loaded copy holds something openpyxl cannot save
            wb.worksheets[0]["A2"].value = 10 ** 400
            wb.worksheets[0]["A2"].data_type = "n"
        return wb, titles, note

    monkeypatch.setattr(copying, "load_copy", loader)
    monkeypatch.setattr(split_mod, "load_copy", loader)
    out = tmp_path / "拆分"
    r = invoke("validate", str(good), "--split", str(out), "--today", TODAY)
    assert r.exit_code == 1, r.output
    assert "OverflowError" in seen or "ValueError" in seen or "TypeError" in seen, seen
    back = openpyxl.load_workbook(out / "退回_台账.xlsx")
    assert "本回执按单元格内容重新生成" in back["汇总"]["A3"].value
    assert openpyxl.load_workbook(out / "通过_台账.xlsx").worksheets[0]["A2"].value == "中牟县鑫源商贸有限公司"


# ---------------------------------------------------------------- 2. parsers bound their work

def test_holiday_file_nested_thousands_deep_or_too_large_is_refused(tmp_path):
    deep = tmp_path / "holidays.json"
    deep.write_text("[" * 100_000, encoding="utf-8")  # was: RecursionError traceback
    r = invoke("calendar", "2026", "--holidays", str(deep))
    assert r.exit_code == 3, r.output  # a holiday file that cannot be read: exit 3
    assert "不是有效的节假日文件（括号嵌套过深）" in r.output
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 1_000_001)
    r = invoke("calendar", "2026", "--holidays", str(big))
    assert r.exit_code == 3, r.output
    assert "超过 1,000 KB，不像是这类文本文件" in r.output


def test_scheme_too_large_is_refused_before_it_is_parsed(tmp_path):
    big = tmp_path / "评分.toml"
    big.write_bytes(b"# " + b"x" * 1_000_000)
    r = invoke("annual-assessment", "--year", "2026", str(tmp_path), "--scheme", str(big))
    assert r.exit_code == 3, r.output
    assert f"评分方案文件“{big}”超过 1,000 KB，不像是这类文本文件" in r.output


def test_roster_is_bounded_in_names_and_name_length(tmp_path, monkeypatch):
    from sgs_cli.errors import InputError
    from sgs_cli.reports import roster as R

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位名称"])
    for name in ("中牟县统计局", "中牟县财政局", "中牟县教育局", "县" * 101):
        ws.append([name])
    p = tmp_path / "名单.xlsx"
    wb.save(p)
    with pytest.raises(InputError, match="单位名单“名单.xlsx”第5行的单位名称有 101 个字，超过 100 个字"):
        R.read_roster(p)
    monkeypatch.setattr(R, "MAX_ROSTER_NAMES", 2)
    with pytest.raises(InputError, match="单位名单“名单.xlsx”的单位超过 2 个"):
        R.read_roster(p)
