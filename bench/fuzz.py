"""Fuzz harness for hostile and broken input: generators of damaged variants and a runner that checks
the command contract on each of them.

    python bench/fuzz.py --variants 1020 --jobs 2 --timeout 60 --out bench/out/fuzz     # the long campaign
    python bench/fuzz.py --variants 12 --seed 7                                          # a quick look

Generators (``CLASSES``), each seeded, from the files the repository ships (examples/, templates/,
tests/data/) and from small ledgers made here:

* ``byte_flip`` — 1 to 8 random bytes of a workbook or CSV changed (most interesting on .xls: BIFF records);
* ``zip_damage`` — an .xlsx with a part dropped, emptied, garbled, truncated, renamed, or with a bad CRC;
* ``xml_mutation`` — an .xlsx whose XML lies: far cell addresses (XFD1048576 and past), declared
  dimensions and shared-string counts, sheet-wide merges, DOCTYPE/entities, odd ``t=`` values,
  400-digit numbers, sheets without a name, duplicate sheet entries, invalid character references;
* ``hostile_values`` — valid ledgers whose cells hold formulas, rich markup, control characters,
  U+FFFE/U+FFFF, ID numbers (spaced, lower-case x, full-width) in random columns and free text, very
  long text, odd sheet names, merged cells over data rows;
* ``encoding`` — CSV files in UTF-8 (BOM or not), GBK, UTF-16 with and without BOM, a lone surrogate,
  cut inside a character, NUL bytes, unclosed quotes;
* ``names`` — file names with ``[ ] : * ?``-like characters, markup, leading ``-``, a 240-byte name,
  bytes that are not UTF-8.

Each variant goes through every command that reads input (``COMMANDS``), and through the web upload route
(``web_validate``: the plain /validate page; ``web_submit``: /submit of office mode; ``web_monthly`` and
``web_deadlines``, ``web_export``, ``web_lists``, ``web_quarter``: the 月报告 page, the 期限 page's ledger form, the
公示导出, 清单 and 季通报 pages), run by fuzz_web.py
in a process of its own with Flask's test client, which checks the pages and the store from inside. The contract checked on each
run: no traceback and no "Exception ignored"; the exit code one the command may give (killed by a signal
is a violation); the input byte for byte unchanged; no output file and no temporary file when the exit
code says nothing was written; every output workbook re-opens with openpyxl and holds no formula; no
ID number (checked with an independent GB 11643 test) in what is printed; wall time and peak memory
under the bounds. Results go to ``<out>/runs.jsonl``; the summary (per command, per class) is printed
and written to ``<out>/summary.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASSES = ("byte_flip", "zip_damage", "xml_mutation", "hostile_values", "encoding", "names", "id_spellings",
           "notice")
TODAY = "2019-12-31"
#: command name → (arguments after the input, exit codes the contract allows)
COMMANDS = {
    "validate": (["--today", TODAY], {0, 1, 3}),
    "validate_json": (["--format", "json", "--today", TODAY], {0, 1, 3}),
    "validate_report": (["--report", "{out}", "--today", TODAY], {0, 1, 3}),
    "convert": (["-o", "{out}"], {0, 3}),
    "monthly_report": (["--month", "2019-11", "-o", "{out}", "--today", TODAY], {0, 3, 4}),
    "deadlines_ledger": (["--today", TODAY], {0, 3, 4}),
    # round three (issue 27): the newer commands
    "validate_split": (["--split", "{out}", "--today", TODAY], {0, 1, 3}),
    "export_public": (["-o", "{out}", "--today", TODAY], {0, 1, 3}),
    "quarterly_report": (["--quarter", "2019Q4", "-o", "{out}", "--today", TODAY], {0, 1, 3, 4}),
    "annual_assessment": (["--year", "2019", "-o", "{out}", "--today", TODAY], {0, 1, 3, 4}),
    "deadlines_objections": (["--today", TODAY], {0, 1, 3, 4}),
    "calendar_notice": (["-o", "{out}"], {0, 1, 3}),
    # the web upload route (bench/fuzz_web.py): the plain /validate page and /submit of office mode; exit 4 is
    # "refused with a 400 page", 3 "stored, could not be read"
    "web_validate": ([], {0, 1, 4}),
    "web_submit": ([], {0, 1, 3, 4}),
    "web_monthly": ([], {0, 4}),
    "web_deadlines": ([], {0, 4}),
    "web_export": ([], {0, 4}),
    "web_lists": ([], {0, 4}),
    "web_quarter": ([], {0, 4}),
}
#: the commands a notice variant (a .txt) goes through; every other variant skips them
NOTICE_COMMANDS = ("calendar_notice",)
#: the output of a command, when not a workbook
OUT_NAMES = {"validate_split": "拆分", "calendar_notice": "holidays.json", "web_validate": "网页",
             "web_submit": "网页", "web_monthly": "网页", "web_deadlines": "网页",
             "web_export": "网页", "web_lists": "网页", "web_quarter": "网页"}
#: the commands run through the web harness (its own checks come back as WEB-VIOLATION lines)
WEB_COMMANDS = ("web_validate", "web_submit", "web_monthly", "web_deadlines", "web_export", "web_lists", "web_quarter")
TIME_BIN = "/usr/bin/time" if Path("/usr/bin/time").exists() else None  # GNU time: peak memory per run
MAX_SECONDS = 60.0
MAX_RSS_MB = 1024.0


# ------------------------------------------------------------------------------------------ seeds

def _seed_files() -> list[Path]:
    out = []
    for folder in ("examples", "templates", "tests/data"):
        for p in sorted((ROOT / folder).rglob("*")):
            if p.suffix.lower() in (".xlsx", ".xls", ".csv") and p.is_file() and p.stat().st_size < 2_000_000:
                out.append(p)
    return out


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(rng: random.Random) -> str:
    """A valid 18-character 居民身份证号码 (GB 11643 check character)."""
    region = rng.choice(["110105", "410122", "330203", "230502", "440304", "510107"])
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 20000))
    body = region + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS)) % 11]


def id_spellings(rng: random.Random, number: str) -> str:
    """One of the ways a clerk types an ID number."""
    kind = rng.randrange(10)
    if kind == 5:  # mathematical bold digits (NFKC gives the plain ones)
        return "".join(chr(0x1D7CE + int(c)) if c.isdigit() else c for c in number)
    if kind == 6:  # a zero-width character inside
        i = rng.randrange(1, 17)
        return number[:i] + rng.choice("\u200b\u200c\u200d\u2060\ufeff") + number[i:]
    if kind == 7:  # split by non-breaking spaces
        return "\u00a0".join((number[:6], number[6:14], number[14:]))
    if kind == 8:  # hyphens and dashes
        return rng.choice("-\u2010\u2013\u2212").join((number[:6], number[6:14], number[14:]))
    if kind == 9:  # a leading apostrophe (typed as text in Excel)
        return "'" + number
    if kind == 0:
        return number
    if kind == 1:
        return number[:-1] + number[-1].lower()
    if kind == 2:
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    if kind == 3:
        return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "Ｘ" for c in number)
    return f"身份证号{number}，住址不详"


HOSTILE = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "[/]", "[bold red]红[/]", "[/x]",
           "a\x01b\x02c", "\ufffe\uffff", "\u202e反向文字", "😀表情", "x" * 40000, "", " ", "\t=1", "0" * 400,
           "9" * 40, "1E308", "NaN", "-0", "中牟县\r\n市场监管局", "\\[escaped]", "'", "\"", "<script>", "&amp;"]


def penalty_rows(rng: random.Random, n: int) -> tuple[list[str], list[list], list[str]]:
    """(header, rows, planted IDs) of a small 790 行政处罚 ledger with hostile values in random cells."""
    sys.path.insert(0, str(ROOT / "src"))
    from sgs_cli import standard as S

    header = [f.name for f in S.PENALTY.fields]
    planted = []
    rows = []
    for i in range(n):
        row = ["中牟县鑫源商贸有限公司", "法人及非法人组织", "91230500MA1B3N1N2M", "", "", "", "", "", "李国强", "", "",
               f"中市监罚〔2019〕{300 + i}号", "销售超过保质期的食品", "当事人销售超过保质期的预包装食品。",
               "《中华人民共和国食品安全法》第一百二十四条", "警告；罚款", "警告，并处罚款2000元", "0.2", "", "",
               "2019/11/05", "2020/11/04", "2020/05/05", "中牟县市场监督管理局", "11230500001755309F",
               "中牟县市场监督管理局", "11230500001755309F", "", "", ""][:len(header)]
        row += [""] * (len(header) - len(row))
        for _ in range(rng.randrange(1, 4)):
            c = rng.randrange(len(header))
            if rng.random() < 0.5:
                number = make_id(rng)
                planted.append(number)
                row[c] = id_spellings(rng, number)
            else:
                row[c] = rng.choice(HOSTILE)
        rows.append(row)
    return header, rows, planted


def _write_xlsx(header, rows, sheet="行政处罚") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(header)
    for r in rows:
        for c, v in enumerate(r, start=1):
            cell = ws.cell(ws.max_row + (1 if c == 1 else 0), c)
            v = v.replace("\x01", "<<CTL1>>").replace("\x02", "<<CTL2>>").replace("\ufffe", "<<FFFE>>") \
                .replace("\uffff", "<<FFFF>>")
            cell.value = v if v else None
            cell.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    # put back what openpyxl refuses to write: control characters, noncharacters, a hostile sheet name
    return _rewrite_members(buf.getvalue(), {
        "xl/worksheets/sheet1.xml": lambda d: d.replace(b"&lt;&lt;CTL1&gt;&gt;", b"\x01")
        .replace(b"&lt;&lt;CTL2&gt;&gt;", b"&#x2;").replace(b"&lt;&lt;FFFE&gt;&gt;", "\ufffe".encode())
        .replace(b"&lt;&lt;FFFF&gt;&gt;", "\uffff".encode()),
        "xl/workbook.xml": lambda d: d.replace(b'name="S"', b'name="' + _xml_attr(sheet) + b'"'),
    })


def _xml_attr(text: str) -> bytes:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").encode()


_STAMP = (2019, 11, 30, 9, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*(</dcterms:(?:modified|created)>)")


def _rewrite_members(data: bytes, edits: dict, drop=(), add: dict | None = None, stored=False) -> bytes:
    """A copy of a zip with members edited, dropped or added — with fixed timestamps, so that a seed
    always gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED

    def put(name, body):
        zi = zipfile.ZipInfo(name, date_time=_STAMP)
        zi.compress_type = method
        out.writestr(zi, body)

    with zipfile.ZipFile(buf, "w", method) as out:
        for info in src.infolist():
            if info.filename in drop:
                continue
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(rb"\g<1>2019-11-30T09:00:00Z\g<2>", body)
            if info.filename in edits:
                body = edits[info.filename](body)
            put(info.filename, body)
        for name, body in (add or {}).items():
            put(name, body)
    return buf.getvalue()


# ------------------------------------------------------------------------------------- generators

def gen_byte_flip(rng, seeds):
    src = rng.choice([p for p in seeds if p.suffix.lower() in (".xls", ".xlsx", ".csv")])
    data = bytearray(src.read_bytes())
    for _ in range(rng.randrange(1, 9)):
        i = rng.randrange(len(data))
        data[i] = rng.choice([0, 0xFF, rng.randrange(256), data[i] ^ (1 << rng.randrange(8))])
    return src.suffix.lower(), bytes(data), [], f"{src.name}: bytes flipped"


def _xlsx_seed(rng, seeds) -> tuple[bytes, str]:
    pool = [p for p in seeds if p.suffix.lower() == ".xlsx"]
    if rng.random() < 0.3:
        header, rows, _ = penalty_rows(rng, rng.randrange(1, 6))
        return _write_xlsx(header, rows), "generated"
    p = rng.choice(pool)
    return p.read_bytes(), p.name


def gen_zip_damage(rng, seeds):
    data, name = _xlsx_seed(rng, seeds)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    target = rng.choice(names)
    how = rng.choice(["drop", "empty", "garble", "truncate", "rename", "crc", "types_missing", "types_empty",
                      "rels_missing_part", "styles_missing"])
    if how == "drop":
        out = _rewrite_members(data, {}, drop=(target,))
    elif how == "empty":
        out = _rewrite_members(data, {target: lambda d: b""})
    elif how == "garble":
        out = _rewrite_members(data, {target: lambda d: bytes(rng.randrange(256) for _ in range(64)) + d[64:]})
    elif how == "truncate":
        out = data[:rng.randrange(30, max(31, len(data) - 1))]
    elif how == "rename":
        out = _rewrite_members(data, {}, drop=(target,), add={target + ".bak": zipfile.ZipFile(io.BytesIO(data)).read(target)})
    elif how == "crc":
        out = bytearray(_rewrite_members(data, {}, stored=True))
        i = out.find(b"<sheetData")
        if i > 0:
            out[i + 3] ^= 0x20
        out = bytes(out)
    elif how == "types_missing":
        out = _rewrite_members(data, {}, drop=("[Content_Types].xml",))
    elif how == "types_empty":
        out = _rewrite_members(data, {"[Content_Types].xml": lambda d: b""})
    elif how == "rels_missing_part":
        out = _rewrite_members(data, {"xl/_rels/workbook.xml.rels": lambda d: d.replace(
            b"</Relationships>", b'<Relationship Id="rIdX" Target="nothing.xml" Type="http://schemas.openxml'
            b'formats.org/officeDocument/2006/relationships/worksheet"/></Relationships>')})
    else:
        out = _rewrite_members(data, {}, drop=("xl/styles.xml",))
    return ".xlsx", out, [], f"{name}: {how} {target}"


_SHEET = "xl/worksheets/sheet1.xml"


def gen_xml_mutation(rng, seeds):
    data, name = _xlsx_seed(rng, seeds)
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    how = rng.choice(["far_cell", "past_cell", "dimension", "sst_count", "merge_all", "merge_column", "doctype",
                      "doctype_late", "odd_t", "big_number", "sheet_no_name", "dup_sheets", "bad_charref",
                      "style_index", "row_height", "pane", "validation", "empty_sheetdata"])
    edits, add = {}, {}

    def in_sheet(fn):
        edits[_SHEET] = fn

    if how == "far_cell":
        in_sheet(lambda d: d.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>'
                                     b"far</t></is></c></row></sheetData>"))
    elif how == "past_cell":
        in_sheet(lambda d: d.replace(b"</sheetData>", b'<row r="1048577"><c r="XFE1048577"><v>1</v></c></row>'
                                     b"</sheetData>"))
    elif how == "dimension":
        in_sheet(lambda d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', d))
    elif how == "sst_count":
        if "xl/sharedStrings.xml" in names:
            edits["xl/sharedStrings.xml"] = lambda d: re.sub(rb'(?:unique)?[cC]ount="\d+"', b'count="99999999999"', d)
        else:
            in_sheet(lambda d: d.replace(b"<sheetData>", b"<sheetData>"))
    elif how == "merge_all":
        in_sheet(lambda d: d.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                                     b"</mergeCells>", 1))
    elif how == "merge_column":
        in_sheet(lambda d: d.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="O2:O1048576"/>'
                                     b"</mergeCells>", 1))
    elif how == "doctype":
        in_sheet(lambda d: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                 + re.sub(rb"^<\?xml[^>]*\?>", b"", d))
    elif how == "doctype_late":
        in_sheet(lambda d: d.replace(b"<sheetData>", b"<!-- " + b"p" * 5000 + b" --><sheetData>", 1)
                 .replace(b"</worksheet>", b"</worksheet><!DOCTYPE y>"))
    elif how == "odd_t":
        t = rng.choice([b"q", b"d", b"e", b"b", b"str", b"n"])
        in_sheet(lambda d: re.sub(rb'<c r="([A-Z]+2)"', lambda m: b'<c r="' + m.group(1) + b'" t="' + t + b'"', d, count=3))
    elif how == "big_number":
        in_sheet(lambda d: d.replace(b"</sheetData>", b'<row r="200"><c r="A200"><v>' + b"9" * 400 + b"</v></c></row>"
                                     b"</sheetData>"))
    elif how == "sheet_no_name":
        edits["xl/workbook.xml"] = lambda d: re.sub(rb'<sheet name="[^"]*"', b"<sheet", d, count=1)
    elif how == "dup_sheets":
        edits["xl/workbook.xml"] = lambda d: re.sub(
            rb"(<sheet [^>]*?)name=\"([^\"]*)\"([^>]*/>)",
            lambda m: b"".join(m.group(1) + b'name="' + m.group(2) + str(i).encode() + b'"' + m.group(3)
                               for i in range(rng.choice([2, 50, 3000]))), d, count=1)
    elif how == "bad_charref":
        edits["xl/workbook.xml"] = lambda d: re.sub(rb'<sheet name="', b'<sheet name="&#1;&#xFFFE;', d, count=1)
    elif how == "style_index":
        in_sheet(lambda d: re.sub(rb'<c r="([A-Z]+2)"', lambda m: b'<c r="' + m.group(1) + b'" s="99999"', d, count=5))
    elif how == "row_height":
        in_sheet(lambda d: d.replace(b'<row r="1"', b'<row ht="garbage" customHeight="x" r="1"', 1))
    elif how == "pane":
        in_sheet(lambda d: d.replace(b"<sheetData>", b'<sheetViews><sheetView workbookViewId="x"><pane xSplit="q" '
                                     b'state="odd"/></sheetView></sheetViews><sheetData>', 1)
                 if b"<sheetViews>" not in d else d)
    elif how == "validation":
        in_sheet(lambda d: d.replace(b"</sheetData>", b'</sheetData><dataValidations count="z"><dataValidation '
                                     b'type="nonsense" sqref="A1:ZZZZ9"/></dataValidations>', 1))
    else:
        in_sheet(lambda d: re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData/>", d, flags=re.S))
    if _SHEET in edits and _SHEET not in names:
        edits.pop(_SHEET)
    return ".xlsx", _rewrite_members(data, edits, add=add), [], f"{name}: {how}"


def gen_hostile_values(rng, seeds):
    header, rows, planted = penalty_rows(rng, rng.randrange(1, 8))
    sheet = rng.choice(["行政处罚", "[/x]", "台账[1]", "a:b*c?", "'引号'", "x" * 40, "处罚\ufffe"])
    if rng.random() < 0.5:
        text = "\n".join(",".join('"' + v.replace('"', '""') + '"' for v in r) for r in [header] + rows)
        return ".csv", text.encode("utf-8", "surrogatepass"), planted, f"csv values, sheet {sheet!r}"
    data = _write_xlsx(header, rows, sheet)
    if rng.random() < 0.3:  # 处罚依据 merged over the data rows
        data = _rewrite_members(data, {_SHEET: lambda d: d.replace(
            b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="O2:O{len(rows) + 1}"/></mergeCells>'
            .encode(), 1)})
    return ".xlsx", data, planted, f"xlsx values, sheet {sheet!r}"


def gen_encoding(rng, seeds):
    header, rows, planted = penalty_rows(rng, rng.randrange(1, 5))
    text = "\r\n".join(",".join(v.replace(",", "，").replace("\n", " ") for v in r) for r in [header] + rows)
    how = rng.choice(["utf8", "utf8bom", "gbk", "utf16bom", "utf16nobom", "utf16be", "lone_surrogate", "cut",
                      "nul", "unclosed_quote", "tabs", "shift_jis", "empty", "bom_only"])
    if how == "utf8":
        data = text.encode("utf-8", "replace")
    elif how == "utf8bom":
        data = b"\xef\xbb\xbf" + text.encode("utf-8", "replace")
    elif how == "gbk":
        data = text.encode("gb18030", "replace")
    elif how == "utf16bom":
        data = text.encode("utf-16")
    elif how == "utf16nobom":
        data = text.encode("utf-16-le")
    elif how == "utf16be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    elif how == "lone_surrogate":
        data = b"\xff\xfe" + text.encode("utf-16-le") + b"\x00\xd8a\x00"
    elif how == "cut":
        data = text.encode("utf-8")
        data = data[:len(data) - rng.randrange(1, 3)]
    elif how == "nul":
        data = text.encode("utf-8").replace(b",", b",\x00", 3)
    elif how == "unclosed_quote":
        data = text.encode("utf-8").replace(b"\r\n", b"\r\n\"", 1)
    elif how == "tabs":
        data = text.replace(",", "\t").encode("utf-8")
    elif how == "shift_jis":
        data = "氏名,住所\r\n山田太郎,東京都\r\n".encode("shift_jis")
    elif how == "empty":
        data = b""
    else:
        data = b"\xef\xbb\xbf"
    return ".csv", data, planted, how


def gen_names(rng, seeds):
    suffix, data, planted, what = (gen_hostile_values if rng.random() < 0.5 else gen_encoding)(rng, seeds)
    stem = rng.choice(["台账[1]", "[/x]", "[bold]红", "-n", "a b  c", "x" * 200, "名" * 70, "ＦＵＬＬ", "a;b|c",
                       "\udcc5\udcc6台账", "$HOME", "*?", "..台账", "台账."])
    return suffix, data, planted, f"name {stem!r}; {what}", stem


def gen_id_spellings(rng, seeds):
    """A valid ledger with an ID number, in one of its spellings, in every column of one record (and in
    random cells of the others): the public export must mask every one, the other commands print none."""
    header, rows, planted = penalty_rows(rng, rng.randrange(1, 4))
    number = make_id(rng)
    planted.append(number)
    r = rng.randrange(len(rows))
    for c in range(len(header)):
        if rng.random() < 0.5:
            rows[r][c] = id_spellings(rng, number)
    if rng.random() < 0.5:
        text = "\n".join(",".join('"' + v.replace('"', '""') + '"' for v in row) for row in [header] + rows)
        return ".csv", text.encode("utf-8"), planted, "id spellings csv"
    return ".xlsx", _write_xlsx(header, rows), planted, "id spellings xlsx"


_NOTICE = ("国务院办公厅关于2027年部分节假日安排的通知\n"
           "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。\n"
           "二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月20日（周六）上班。\n"
           "三、清明节：4月3日至5日放假，共3天。\n"
           "四、劳动节：5月1日至5日放假调休，共5天。4月25日（周日）、5月8日（周六）上班。\n"
           "五、端午节：6月14日放假，与周末连休。\n"
           "六、中秋节、国庆节：10月1日至7日放假调休，共7天。9月26日（周日）、10月9日（周六）上班。\n")


def gen_notice(rng, seeds):
    """A holiday notice with its item numbers, ranges and years mutated (calendar --from-notice)."""
    text = _NOTICE
    for _ in range(rng.randrange(1, 4)):
        how = rng.choice(["item_number", "far_years", "long_range", "reversed", "huge", "items", "garble",
                          "encoding", "nested"])
        if how == "item_number":
            text = text.replace(rng.choice(["一、", "二、", "三、", "四、"]),
                                rng.choice(["二十一、", "一二三、", "十十十、", "百、", "〇、", "99、", "一百零五、"]) , 1)
        elif how == "far_years":
            text = text.replace("1月1日", rng.choice(["0001年1月1日", "9999年12月31日", "2026年12月31日",
                                                      "1949年10月1日"]), 1)
        elif how == "long_range":
            text += "七、春节：" + rng.choice(["0001年1月1日至9999年12月31日放假。", "2027年1月1日至2028年12月31日放假。",
                                             "1月1日至12月31日放假。"]) * rng.randrange(1, 4) + "\n"
        elif how == "reversed":
            text = text.replace("4月3日至5日", "4月5日至3日")
        elif how == "huge":
            text += "说明" * rng.randrange(1000, 60000)
        elif how == "items":
            text += "".join(f"{i}、节{i}：4月5日放假。\n" for i in range(rng.randrange(10, 80)))
        elif how == "garble":
            b = bytearray(text.encode("utf-8"))
            for _ in range(rng.randrange(1, 8)):
                b[rng.randrange(len(b))] = rng.randrange(256)
            text = b.decode("utf-8", "replace")
        elif how == "encoding":
            return ".txt", text.encode(rng.choice(["gb18030", "utf-16", "utf-8-sig"])), [], "notice encoding"
        else:
            text = text.replace("（周五）", "（（（（周五））））" * 50, 1)
    return ".txt", text.encode("utf-8"), [], "notice mutated"


GENERATORS = {"byte_flip": gen_byte_flip, "zip_damage": gen_zip_damage, "xml_mutation": gen_xml_mutation,
              "hostile_values": gen_hostile_values, "encoding": gen_encoding, "names": gen_names,
              "id_spellings": gen_id_spellings, "notice": gen_notice}


def make_variant(seed: int, index: int, seeds: list[Path]) -> dict:
    import warnings

    warnings.filterwarnings("ignore", module="openpyxl")  # the generators write odd titles on purpose
    rng = random.Random(seed * 1_000_003 + index)
    cls = CLASSES[index % len(CLASSES)]
    got = GENERATORS[cls](rng, seeds)
    stem = got[4] if len(got) > 4 else f"v{index:05d}"
    suffix, data, planted, what = got[:4]
    return {"index": index, "class": cls, "suffix": suffix, "data": data, "planted": planted, "what": what,
            "stem": stem}


# ----------------------------------------------------------------------------------------- checks

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
_ID_RUN = re.compile(r"(?<![0-9A-Z])[0-9]{17}[0-9X](?![0-9A-Z])")


def _gb11643(n: str) -> bool:
    return "10X98765432"[sum(int(c) * w for c, w in zip(n, _ID_WEIGHTS)) % 11] == n[17]


def unmasked_ids(text: str, planted: list[str]) -> list[str]:
    """ID numbers printed in full: planted ones in any spelling, and any run passing GB 11643 once
    full-width digits are folded and spaces between digits dropped (independent of sgs's own masking)."""
    norm = unicodedata.normalize("NFKC", text).upper()
    norm = _INVISIBLE.sub("", norm)  # zero-width characters, soft hyphen, BOM
    squeezed = re.sub(r"(?<=[0-9])[\s\u2010-\u2015\u2212-]{1,3}(?=[0-9X])", "", norm)
    found = [n for n in planted if n in squeezed]
    found += [m.group(0) for m in _ID_RUN.finditer(squeezed) if _gb11643(m.group(0))]
    return sorted(set(found))


def workbook_problems(path: Path) -> list[str]:
    """An output workbook must re-open and hold no formula."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path)
    except Exception as e:  # noqa: BLE001
        return [f"output does not re-open: {type(e).__name__}: {str(e)[:120]}"]
    for ws in wb.worksheets:
        for cell in ws._cells.values():  # the cells that exist, not the formatted range (up to XFD1048576)
            if cell.data_type == "f":
                return [f"formula in {ws.title}!{cell.coordinate}"]
    return []


def workbook_text(path: Path) -> str:
    """Every text of a workbook's cells (for the ID check of what is published)."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path)
    except Exception:  # noqa: BLE001 - reported by workbook_problems
        return ""
    return "\n".join(str(c.value) for ws in wb.worksheets for c in ws._cells.values() if c.value is not None)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: each command's words before the input file (deadlines_ledger and any other: deadlines --ledger)
COMMAND_LINE = {"validate": ["validate"], "convert": ["convert"], "monthly_report": ["monthly-report"],
                "export_public": ["export", "--public"], "quarterly_report": ["quarterly-report"],
                "annual_assessment": ["annual-assessment"], "deadlines_objections": ["deadlines", "--objections"],
                "calendar_notice": ["calendar", "2027", "--from-notice"]}


def run_one(variant: dict, command: str, work: Path, timeout: float, sgs: list[str]) -> dict:
    """Run one command on one variant in its own folder; return the record with its violations."""
    folder = work / f"{variant['index']:05d}_{command}"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "out").mkdir(parents=True)
    raw_name = variant["stem"].encode("utf-8", "surrogateescape") + variant["suffix"].encode()
    inp = Path(os.fsdecode(os.path.join(os.fsencode(str(folder)), raw_name)))
    inp.parent.mkdir(parents=True, exist_ok=True)  # a stem with "/" puts the input in a subfolder "a[" …
    inp.write_bytes(variant["data"])
    top = inp.relative_to(folder).parts[0]
    before = _sha(inp)
    out = folder / "out" / (OUT_NAMES.get(command) or variant.get("out_name") or "结果.xlsx")
    rss_file = work / f"rss_{variant['index']:05d}_{command}"
    extra, allowed = COMMANDS[command]
    args = [a.replace("{out}", str(out)) for a in extra]
    if command in WEB_COMMANDS:
        argv = [sys.executable, str(Path(__file__).resolve().with_name("fuzz_web.py")), command[4:], str(inp),
                str(out)]
    else:  # the command line before the input; the three validate forms differ only in their options
        words = COMMAND_LINE.get("validate" if command.startswith("validate") else command, ["deadlines", "--ledger"])
        argv = sgs + words + [str(inp)] + args
    home = folder / ".home"  # the user's holiday file and settings: never the real ones
    env = dict(os.environ, COLUMNS="120", PYTHONIOENCODING="utf-8", SGS_WORKERS="1", HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"))
    env.pop("SGS_HOLIDAYS", None)
    t0 = time.perf_counter()
    if TIME_BIN:
        argv = [TIME_BIN, "-o", str(rss_file), "-f", "%M"] + argv
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            cwd=folder, env=env, start_new_session=True)
    timed_out = False
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, 9)
        stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - t0
    rc = proc.returncode
    text = stdout.decode("utf-8", "replace") + stderr.decode("utf-8", "replace")
    rss_mb = None
    try:
        report = rss_file.read_text()
        rss_file.unlink()
        m = re.search(r"terminated by signal (\d+)", report)
        if m:  # time(1) exits 128+N for a child killed by signal N
            rc = -int(m.group(1))
        rss_mb = int(report.split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    violations = []
    if rss_mb is not None and rss_mb > MAX_RSS_MB:
        violations.append(f"memory {rss_mb:.0f} MB")
    if timed_out or elapsed > MAX_SECONDS:
        violations.append(f"time {elapsed:.1f} s")
    if "Traceback" in text or "Exception ignored" in text:
        violations.append("traceback")
    if rc not in allowed and not timed_out:
        violations.append(f"exit code {rc}")
    if not inp.exists() or _sha(inp) != before:
        violations.append("input modified")
    # the 季通报 / 年考核 write their 公文 draft beside the workbook (render/gongwen.draft_path): an output, not a stray
    drafts = {f"{out.stem}_{kind}.docx" for kind in ("通报稿", "考核结果通报稿")}
    leftovers = [p.name for p in (folder / "out").iterdir() if p != out and p.name not in drafts]
    leftovers += [p.name for p in folder.iterdir() if p.name not in ("out", top, ".home")]
    if inp.parent != folder:
        leftovers += [p.name for p in inp.parent.iterdir() if p != inp]
    if leftovers:
        violations.append(f"stray files {leftovers[:3]}")
    written = sorted(out.iterdir()) if out.is_dir() else [out] if out.exists() else []
    web = command in WEB_COMMANDS
    if web:  # the downloads of the pages: what a department gets back (receipt, JSON, 通过/退回 pair)
        violations += [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("WEB-VIOLATION:")]
        written = [p for p in written if p.suffix == ".xlsx"]
        if rc == 4 and written:
            violations.append("download after a refused upload")
    elif out.is_dir():  # --split: the 通过/退回 pair of each input, all or nothing, no temporary file
        names = [p.name for p in written]
        if sorted(n[3:] for n in names if n.startswith("通过_")) != sorted(n[3:] for n in names if n.startswith("退回_")) \
                or any(not n.startswith(("通过_", "退回_")) or not n.endswith(".xlsx") for n in names):
            violations.append(f"split not all-or-nothing {names[:4]}")
    if written and not web:  # office mode keeps the receipt of an unreadable file (exit 3): it is the answer
        if rc in (2, 3, 4) or rc < 0:
            violations.append("output written on failure")
    published = []
    for w in written:
        if w.suffix == ".xlsx":
            violations += workbook_problems(w)
            if command in ("export_public", "web_export", "quarterly_report", "annual_assessment", "web_quarter") \
                    or w.name.startswith("退回_"):
                published.append(workbook_text(w))
    leaked = unmasked_ids(text, variant["planted"])
    if command in ("export_public", "web_export"):  # the file that goes on the website: no ID number anywhere in it
        leaked += unmasked_ids("\n".join(published), variant["planted"])
    if leaked:
        violations.append(f"unmasked ID {leaked[0][:6]}…")
    rec = {"variant": variant["index"], "class": variant["class"], "what": variant["what"], "command": command,
           "rc": rc, "seconds": round(elapsed, 2), "rss_mb": rss_mb and round(rss_mb), "violations": violations}
    if violations:
        rec["output"] = text[-2000:]
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return rec


def pick_commands(index: int, commands: list[str], per_variant: int | None) -> list[str]:
    """The commands variant ``index`` goes through: all of them, or ``per_variant`` of them — the three
    validate forms always, the others in turn. A notice variant goes through the notice commands only."""
    if CLASSES[index % len(CLASSES)] == "notice":
        return [c for c in commands if c in NOTICE_COMMANDS]
    commands = [c for c in commands if c not in NOTICE_COMMANDS]
    if not per_variant or per_variant >= len(commands):
        return commands
    fixed = [c for c in commands if c.startswith("validate")][:per_variant]
    rest = [c for c in commands if c not in fixed]
    k = per_variant - len(fixed)
    return fixed + [rest[(index * k + j) % len(rest)] for j in range(k)] if rest else fixed


def campaign(variants: int, seed: int, jobs: int, timeout: float, out: Path, commands=None, start: int = 0,
             progress=True, per_variant: int | None = None, until: float | None = None) -> dict:
    seeds = _seed_files()
    commands = list(commands or COMMANDS)
    out = out.resolve()  # the runs work in their own folders
    out.mkdir(parents=True, exist_ok=True)
    work = out / "work"
    exe = Path(sys.executable).with_name("sgs")
    sgs = [str(exe)] if exe.exists() else [sys.executable, "-c", "from sgs_cli.cli.app import main; main()"]
    log = open(out / "runs.jsonl", "a", encoding="utf-8")
    jobs_list = [(i, c) for i in range(start, start + variants) for c in pick_commands(i, commands, per_variant)]
    slowest, biggest = 0.0, 0.0
    per_cmd: dict = defaultdict(Counter)
    per_cls: dict = defaultdict(Counter)
    bad: list = []
    t0 = time.perf_counter()
    done = 0

    def task(ic):  # variants are made where they are run (a campaign's variants never sit in memory at once)
        i, c = ic
        if until is not None and time.time() > until:
            return None  # past the deadline (--until): not started; the summary counts what ran
        return run_one(make_variant(seed, i, seeds), c, work, timeout, sgs)

    with ThreadPoolExecutor(jobs) as pool:
        for rec in pool.map(task, jobs_list):
            if rec is None:
                continue
            done += 1
            slowest, biggest = max(slowest, rec["seconds"]), max(biggest, rec["rss_mb"] or 0)
            log.write(json.dumps(rec, ensure_ascii=False) + "\n")
            log.flush()
            for key, table in ((rec["command"], per_cmd), (rec["class"], per_cls)):
                table[key]["runs"] += 1
                table[key][f"exit {rec['rc']}"] += 1
                table[key]["violations"] += 1 if rec["violations"] else 0
            if rec["violations"]:
                bad.append(rec)
            if progress and done % 100 == 0:
                print(f"{done}/{len(jobs_list)} runs, {len(bad)} with violations, {time.perf_counter() - t0:.0f} s",
                      flush=True)
    log.close()
    summary = {"variants": variants,
               "first_variant": start, "planned_runs": len(jobs_list), "seed": seed, "runs": done, "violations": len(bad),
               "seconds": round(time.perf_counter() - t0, 1), "max_run_seconds": slowest,
               "max_run_rss_mb": biggest, "per_command": {k: dict(v) for k, v in per_cmd.items()},
               "per_class": {k: dict(v) for k, v in per_cls.items()},
               "bad": [{k: r[k] for k in ("variant", "class", "what", "command", "rc", "violations")} for r in bad[:50]]}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def markdown(runs_jsonl: Path) -> str:
    """Tables (per command, per class) of a campaign's runs.jsonl, for bench/README.md."""
    recs = [json.loads(line) for line in runs_jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    codes = sorted({r["rc"] for r in recs})
    out = [f"{len(recs):,} runs over {len({r['variant'] for r in recs}):,} variants; "
           f"{sum(1 for r in recs if r['violations'])} with a contract violation; slowest run "
           f"{max(r['seconds'] for r in recs):.1f} s; largest peak memory {max(r['rss_mb'] or 0 for r in recs)} MB."]
    for key, title in (("command", "command"), ("class", "class")):
        out += ["", f"| {title} | variants | runs | " + " | ".join(f"exit {c}" for c in codes) + " | violations |",
                "|---|---:|---:|" + "---:|" * len(codes) + "---:|"]
        groups: dict = defaultdict(list)
        for r in recs:
            groups[r[key]].append(r)
        for name in (COMMANDS if key == "command" else CLASSES):
            g = groups.get(name, [])
            if not g:
                continue
            c = Counter(r["rc"] for r in g)
            out.append(f"| {name} | {len({r['variant'] for r in g}):,} | {len(g):,} | "
                       + " | ".join(f"{c.get(k, 0):,}" for k in codes)
                       + f" | {sum(1 for r in g if r['violations'])} |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--variants", type=int, default=60)
    ap.add_argument("--start", type=int, default=0, help="first variant index (to resume or split a campaign)")
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=MAX_SECONDS)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "fuzz")
    ap.add_argument("--commands", default=",".join(COMMANDS))
    ap.add_argument("--per-variant", type=int, default=None,
                    help="commands per variant (the validate forms always, the others in turn); default all")
    ap.add_argument("--until", default=None,
                    help="UTC time HH:MM after which no new run starts (a bounded campaign; what ran is summarised)")
    ap.add_argument("--summarize", type=Path, default=None,
                    help="print the tables of a finished campaign (its runs.jsonl) as Markdown and stop")
    a = ap.parse_args(argv)
    if a.summarize:
        print(markdown(a.summarize))
        return 0
    until = None
    if a.until:
        now = dt.datetime.now(dt.timezone.utc)
        h, m = map(int, a.until.split(":"))
        until = now.replace(hour=h, minute=m, second=0, microsecond=0).timestamp()
    s = campaign(a.variants, a.seed, a.jobs, a.timeout, a.out, a.commands.split(","), a.start,
                 per_variant=a.per_variant, until=until)
    print(json.dumps({k: s[k] for k in ("variants", "runs", "violations", "seconds", "max_run_seconds",
                                        "max_run_rss_mb")}))
    for cmd, c in s["per_command"].items():
        print(f"{cmd:18} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    for cls, c in s["per_class"].items():
        print(f"{cls:18} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    for r in s["bad"][:20]:
        print("VIOLATION", r)
    return 1 if s["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
