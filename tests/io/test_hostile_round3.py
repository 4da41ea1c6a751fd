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


# ---------------------------------------------------------------- 3. one idea of an ID number

from conftest import make_ric  # noqa: E402

ID = make_ric("110105", "19491231", "002")  # 11010519491231002X
MATH_BOLD = {str(d): chr(0x1D7CE + d) for d in range(10)}
#: the spellings of part 3 (issue 27): how a clerk, a program or a hostile file may write one ID number
SPELLINGS = {
    "plain": ID,
    "lower_x": ID[:-1] + "x",
    "spaces": f"{ID[:6]} {ID[6:14]} {ID[14:]}",
    "nbsp": "\u00a0".join((ID[:6], ID[6:14], ID[14:])),
    "zero_width": ID[:4] + "\u200b" + ID[4:12] + "\u2060" + ID[12:],
    "hyphens": f"{ID[:6]}-{ID[6:14]}\u2010{ID[14:]}",
    "full_width": "".join(chr(ord(c) + 0xFEE0) for c in ID),
    "math_bold": "".join(MATH_BOLD.get(c, c) for c in ID),
    "apostrophe": "'" + ID,
    "in_text": f"当事人身份证号{ID[:9]}\u200b{ID[9:]}，住址不详",
}
MOBILE = "13812345678"
MOBILE_SPELLINGS = {"plain": MOBILE, "spaces": "138 1234 5678", "nbsp": "138\u00a01234\u00a05678",
                    "zero_width": "138\u200b12345678", "full_width": "１３８１２３４５６７８"}


def leaks(text: str, number: str) -> bool:
    """Independent of sgs: the number's characters in a row once NFKC is applied and everything but letters
    and digits dropped."""
    import unicodedata

    folded = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum()).upper()
    return number in folded


@pytest.mark.parametrize("how", list(SPELLINGS))
def test_masking_sees_every_spelling(how):
    from sgs_cli.codes import idtext
    from sgs_cli.render.masking import mask_ids, mask_tree

    text = SPELLINGS[how]
    assert idtext.find_ids(text) == [ID]
    assert not leaks(mask_ids(text), ID)
    assert "110105********002X" in mask_ids(text)
    assert not leaks(str(mask_tree({"message": text, "value": [text]})), ID)


def test_mask_tree_masks_an_id_number_among_row_numbers():
    """A list of ints (a fact's rows) is copied as it is unless one of them is an ID number (18 digits)."""
    from sgs_cli.render.masking import mask_tree

    rows = list(range(2, 5000))
    assert mask_tree({"rows": rows}) == {"rows": rows}
    got = mask_tree({"value": [*rows, 110105194912310021, -3]})["value"]
    assert got[:-2] == rows and got[-2:] == ["110105********0021", -3]


@pytest.mark.parametrize("how", list(MOBILE_SPELLINGS))
def test_mobile_numbers_in_every_spelling(how):
    from sgs_cli.codes import idtext

    assert idtext.find_mobiles(f"联系电话{MOBILE_SPELLINGS[how]}。") == [MOBILE]
    assert idtext.find_mobiles(SPELLINGS["spaces"]) == []  # a run inside a spaced ID number is not a mobile


@pytest.mark.parametrize("how", ["math_bold", "zero_width", "nbsp"])
def test_validate_table_json_and_split_do_not_print_an_odd_spelling(tmp_path, how):
    """Was: mathematical-bold digits in 处罚内容 printed in clear by validate (table, JSON) and --split."""
    p = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_NR=f"警告（当事人{SPELLINGS[how]}）",
                                                      CF_XDR_LB=f"自然人{SPELLINGS[how]}")])
    for extra in ((), ("--format", "json"), ("--split", str(tmp_path / "拆分"))):
        r = invoke("validate", str(p), "--today", TODAY, *extra)
        assert r.exit_code == 1, r.output
        assert not leaks(r.output, ID), r.output
        assert "110105********002X" in r.output
    assert "公开字段“处罚内容”中含身份证号码" in invoke("validate", str(p), "--today", TODAY, "-v").output


def test_privacy_rule_finds_the_spelled_id_row_and_columnar_alike(tmp_path, monkeypatch):
    import json

    p = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_SY=f"事实{SPELLINGS[how]}", CF_WSH=f"中市监罚〔2019〕{300 + i}号")
                                               for i, how in enumerate(SPELLINGS)])
    got = {}
    for engine in ("row", "columnar"):
        monkeypatch.setenv("SGS_ENGINE", engine)
        doc = json.loads(invoke("validate", str(p), "--today", TODAY, "--format", "json").output)
        got[engine] = sorted(f["row"] for s in doc["files"][0]["sheets"] for f in s["findings"]
                             if f["code"] == "PRIVACY_ID_NUMBER")
    assert got["row"] == got["columnar"] == list(range(2, 2 + len(SPELLINGS)))


def test_department_name_that_is_an_id_is_masked_in_the_quarterly_report(tmp_path):
    """Was: a 处罚机关 with a zero-width space inside an ID number printed in clear as a department name."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "行政处罚"
    from sgs_cli import standard as S

    ws.append([f.name for f in S.PENALTY.fields])
    codes = [f.code for f in S.PENALTY.fields]
    rec = dict(PENALTY_ROW, CF_CFJG=SPELLINGS["zero_width"], CF_JDRQ=__import__("datetime").date(2026, 7, 6))
    ws.append([rec.get(c) for c in codes])
    p = tmp_path / "台账.xlsx"
    wb.save(p)
    out = tmp_path / "季通报.xlsx"
    r = invoke("quarterly-report", "--quarter", "2026Q3", str(p), "-o", str(out), "--today", "2026-10-15")
    assert r.exit_code in (0, 1), r.output
    assert not leaks(r.output, ID), r.output
    text = "\n".join(str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows()
                     for c in row if c.value is not None)
    assert not leaks(text, ID)
    assert "110105********002X" in text


def test_receipt_comments_reasons_and_summary_mask_an_odd_spelling(tmp_path):
    p = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_XDR_LB=f"自然人{SPELLINGS['zero_width']}")])
    out = tmp_path / "回执.xlsx"
    assert invoke("validate", str(p), "--report", str(out), "--today", TODAY).exit_code == 1
    wb = openpyxl.load_workbook(out)
    lb = col("CF_XDR_LB")
    data = wb["行政处罚"]
    assert data[f"{lb}2"].value == f"自然人{SPELLINGS['zero_width']}"  # the department's own cell, unchanged
    said = [data[f"{lb}2"].comment.text] + [str(c.value) for ws in (wb["汇总"],) for row in ws.iter_rows() for c in row]
    said += [str(c.value) for c in data[2] if c.column > 30]
    assert "110105********002X" in "\n".join(said)
    assert not leaks("\n".join(said), ID)
    out2 = tmp_path / "回执2.xlsx"
    invoke("validate", str(p), "--report", str(out2), "--today", TODAY, "--show-sensitive")
    assert leaks(openpyxl.load_workbook(out2)["行政处罚"][f"{lb}2"].comment.text, ID)  # asked for: in full


# ------------------------------------------------------------------ 4. the public export

def test_public_export_checks_every_field_in_every_spelling(tmp_path):
    """Each public field of the penalty sheet holds one spelling of an ID number (fields × spellings, one
    record each) and every record is exported (--include-errors): no cell of the export holds the ID
    number, every value is listed as masked with its cell, and the exit code is 1."""
    import json

    from sgs_cli.render.export import public_fields

    fields = [f for f in public_fields("penalty")]
    rows, planted = [], {}
    hows = list(SPELLINGS)
    for i, f in enumerate(fields):
        how = hows[i % len(hows)]
        rec = dict(PENALTY_ROW, CF_WSH=f"中市监罚〔2019〕{300 + i}号")
        rec[f.code] = SPELLINGS[how]
        rows.append(rec)
        planted[i + 2] = (f.name, col(f.code))
    # and every spelling in one free-text field and in one code field
    for how in hows:
        rows.append(dict(PENALTY_ROW, CF_WSH=SPELLINGS[how], BZ=f"备注{SPELLINGS[how]}"))
    src = write_penalty(tmp_path / "台账.xlsx", rows)
    out = tmp_path / "公示.xlsx"
    r = invoke("export", "--public", str(src), "-o", str(out), "--today", TODAY, "--include-errors",
               "--format", "json")
    assert r.exit_code == 1, r.output
    doc = json.loads(r.output)
    assert doc["exported"] == {"penalty": len(rows)}
    text = "\n".join(str(c.value) for row in openpyxl.load_workbook(out)["行政处罚"].iter_rows() for c in row
                     if c.value is not None)
    assert not leaks(text, ID)
    masked = {(m["row"], m["cell"]) for m in doc["masked"]}
    for row, (name, letter) in planted.items():
        assert (row, f"{letter}{row}") in masked, (name, row)
    first = len(fields) + 2
    for j in range(len(hows)):
        assert {(first + j, f"{col('CF_WSH')}{first + j}"), (first + j, f"{col('BZ')}{first + j}")} <= masked
    assert not leaks(r.output, ID)


@pytest.mark.parametrize("how", ["plain", "nbsp", "zero_width", "math_bold"])
def test_public_export_masks_an_id_in_a_code_field_with_a_warning(tmp_path, how):
    """Was: a valid ID number in 工商注册号 exported in clear, exit 0, no warning."""
    src = write_penalty(tmp_path / "台账.xlsx", [dict(PENALTY_ROW, CF_XDR_GSZC=SPELLINGS[how])])
    out = tmp_path / "公示.xlsx"
    r = invoke("export", "--public", str(src), "-o", str(out), "--today", TODAY, "--include-errors")
    assert r.exit_code == 1, r.output
    gs = col("CF_XDR_GSZC")
    assert f"警告：行政处罚!{gs}2「行政相对人代码_2(工商注册号)」含身份证号码，导出时已打码；请同时修改原表" in r.output
    ws = openpyxl.load_workbook(out)["行政处罚"]
    assert ws[f"{gs}3"].value == "110105********002X"  # the export's row 3: title row 1, head row 2



# ----------------------------------------------------------------- 5. unreadable means exit 3

COMMANDS = {  # every command that reads an input the user names: (arguments, where the input goes)
    "validate": ["validate", "{in}", "--today", TODAY],
    "validate_split": ["validate", "{in}", "--split", "{tmp}/拆分", "--today", TODAY],
    "validate_report": ["validate", "{in}", "--report", "{tmp}/回执.xlsx", "--today", TODAY],
    "convert": ["convert", "{in}", "-o", "{tmp}/新.xlsx"],
    "export": ["export", "--public", "{in}", "-o", "{tmp}/公示.xlsx"],
    "monthly": ["monthly-report", "--month", "2019-11", "{in}", "-o", "{tmp}/月.xlsx"],
    "quarterly": ["quarterly-report", "--quarter", "2019Q4", "{in}", "-o", "{tmp}/季.xlsx"],
    "annual": ["annual-assessment", "--year", "2019", "{in}", "-o", "{tmp}/年.xlsx"],
    "deadlines_ledger": ["deadlines", "--ledger", "{in}"],
    "deadlines_objections": ["deadlines", "--objections", "{in}"],
    "roster": ["monthly-report", "--month", "2019-11", "{ok}", "--roster", "{in}", "-o", "{tmp}/月2.xlsx"],
    "register": ["quarterly-report", "--quarter", "2019Q4", "{ok}", "--register", "{in}", "-o", "{tmp}/季2.xlsx"],
    "notice": ["calendar", "2027", "--from-notice", "{in}", "-o", "{tmp}/h.json"],
    "holidays": ["calendar", "2027", "--holidays", "{in}"],
    "scheme": ["annual-assessment", "--year", "2019", "{ok}", "--scheme", "{in}", "-o", "{tmp}/年2.xlsx"],
}


@pytest.fixture
def shared_dir():
    """A folder an ordinary user can enter (pytest's own tmp_path is private to root)."""
    import shutil
    import tempfile

    d = Path(tempfile.mkdtemp(prefix="sgs-unreadable-", dir="/tmp"))
    d.chmod(0o755)
    write_penalty(d / "ok.xlsx", rows_of(1)).chmod(0o644)
    yield d
    for p in [d, *d.rglob("*")]:
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(d, ignore_errors=True)


def as_ordinary_user(fn):
    """fn() run as an ordinary user: as ``nobody`` in a forked child when the tests run as root (root reads
    everything), else in this process. fn returns something JSON can carry."""
    import json
    import os

    if os.geteuid() != 0:
        return fn()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(r)
            os.setgid(65534)
            os.setuid(65534)
            os.write(w, json.dumps(fn()).encode())
        finally:
            os._exit(0)
    os.close(w)
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    return json.loads(data)


def _invoke_all(inp: Path, d: Path) -> dict:
    from typer.testing import CliRunner

    from sgs_cli.cli.app import app

    out = {}
    for name, args in COMMANDS.items():
        argv = [a.replace("{in}", str(inp)).replace("{tmp}", str(d)).replace("{ok}", str(d / "ok.xlsx")) for a in args]
        r = CliRunner().invoke(app, argv)
        crash = r.exception is not None and not isinstance(r.exception, SystemExit)
        out[name] = [r.exit_code, r.output + (repr(r.exception) if crash else ""), crash]
    return out


@pytest.mark.parametrize("what", ["file", "folder"])
def test_unreadable_input_is_exit_3_with_a_chinese_message_for_every_command(shared_dir, what):
    """Was: exit 2 with Click's "path '…' is not readable". Run as an ordinary user (nobody under root)."""
    if what == "file":
        inp = shared_dir / "无权限.xlsx"
        write_penalty(inp, rows_of(1)).chmod(0o000)
        said = f"无法读取“{inp}”：没有读取权限"
    else:
        inp = shared_dir / "锁住的文件夹"
        inp.mkdir()
        write_penalty(inp / "a.xlsx", rows_of(1))
        inp.chmod(0o000)
        said = f"无法读取文件夹“{inp}”：没有读取（列出）权限"
    import os

    os.mkfifo(shared_dir / "预热.xlsx")  # the refusal path imported here first: nobody may not read the interpreter's library
    _invoke_all(shared_dir / "预热.xlsx", shared_dir)
    (shared_dir / "预热.xlsx").unlink()
    got = as_ordinary_user(lambda: _invoke_all(inp, shared_dir))
    for name, (code, output, crash) in got.items():
        assert not crash and "Traceback" not in output, (name, output)
        assert code == 3, (name, output)
        assert said in output or (name in ("notice",) and f"无法读取通知文件“{inp}”" in output), (name, output)
    assert sorted(p.name for p in shared_dir.iterdir()) == sorted(["ok.xlsx", inp.name])  # nothing written


def test_fifo_and_device_inputs_are_exit_3_for_every_command(shared_dir):
    """A FIFO blocked for ever (opening it waits for a writer); /dev/zero never ends."""
    import os

    fifo = shared_dir / "管道.xlsx"
    os.mkfifo(fifo)
    for inp in (fifo, Path("/dev/zero")):
        got = _invoke_all(inp, shared_dir)
        for name, (code, output, crash) in got.items():
            assert not crash and "Traceback" not in output, (name, output)
            assert code == 3, (name, output)
            assert "不是普通文件（是设备、管道或套接字）" in output or "超过 1,000 KB" in output, (name, output)


def test_report_on_a_csv_whose_header_starts_past_column_zzz(tmp_path):
    """Round two's leftover: was ValueError "'ACPC' is not a valid column name" (a date column's width)."""
    from test_hostile import csv_text

    p = tmp_path / "远.csv"
    p.write_text("\r\n".join("," * 20000 + line for line in csv_text([dict(PENALTY_ROW, CF_XDR_SHXYM=BAD_USCC)])),
                 encoding="utf-8")
    out = tmp_path / "回执.xlsx"
    r = invoke("validate", str(p), "--report", str(out), "--today", TODAY)
    assert r.exit_code == 1, r.output
    assert "统一社会信用代码校验位错误" in r.output
    assert "超出 Excel 行列上限的单元格中的问题" in "\n".join(
        str(c.value) for row in openpyxl.load_workbook(out)["汇总"].iter_rows() for c in row)
