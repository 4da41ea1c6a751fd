"""The documents the fixture county produces, read back as a clerk prints them (issue 28): every cell in 宋体 or
黑体, every printed sheet at 9 pt or more on A4 with its head repeated, no command / option / path / English rule
code in any official sheet, charts with data in a January run (待定 drawn as a range), the reminder workbook split
by department with real dates, and the 公文 drafts' styles (GB/T 9704). Layout facts come from the files; LibreOffice
is never run here (scripts/render_docs.py does that by hand)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from county_quarter import JT, SJ, TJ, TODAY, write_all, write_december  # noqa: E402
from conftest import run_checked as run, user_home  # noqa: E402

from sgs_cli.render.official import TOOL_TALK, scrub  # noqa: E402
from sgs_cli.render.paper import print_facts  # noqa: E402

UNIT = "中牟县发展和改革委员会"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """The county's documents of the year, each made by the command a clerk runs."""
    import shutil

    tmp = tmp_path_factory.mktemp("county28")
    with user_home(tmp):
        p = write_all(tmp / "县")
        year = tmp / "全年台账"
        shutil.copytree(p["folder"], year)
        write_december(year)
        out = {"月报告": tmp / "月报告.xlsx", "季度通报": tmp / "季度通报.xlsx", "年度考核": tmp / "年度考核.xlsx",
               "催报清单": tmp / "催报清单.xlsx"}
        common = ["--roster", p["roster"], "--unit", UNIT]
        assert run("monthly-report", "--month", "2026-09", p["folder"], *common, "--today", TODAY,
                   "-o", out["月报告"]).exit_code == 0
        assert run("quarterly-report", "--quarter", "2026Q3", p["folder"], *common, "--register", p["register"],
                   "--today", TODAY, "-o", out["季度通报"]).exit_code == 0
        r = run("annual-assessment", "--year", "2026", year, *common, "--register", p["register"],
                "--today", "2027-01-12", "-o", out["年度考核"], "--format", "json")
        assert r.exit_code == 0, r.output
        r = run("validate", p["folder"] / "统计局台账.xlsx", "--today", TODAY, "--split", tmp / "拆分")
        assert r.exit_code == 1, r.output
        out["退回"] = tmp / "拆分" / "退回_统计局台账.xlsx"
        assert run("deadlines", "--ledger", p["folder"], "--due-within", "3", "--today", "2026-09-15",
                   "-o", out["催报清单"]).exit_code == 0
    return {name: openpyxl.load_workbook(path) for name, path in out.items()} | {"paths": out, "tmp": tmp}


DOCUMENTS = ["月报告", "季度通报", "年度考核", "退回", "催报清单"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_cell_in_song_or_hei(county, name):
    wb = county[name]
    families = {c.font.name for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}
    assert families <= {"宋体", "黑体"}, families
    heads = {c.font.name for ws in wb for row in ws.iter_rows() for c in row if c.value is not None and c.font.b}
    assert heads == {"黑体"}  # titles and table heads
    from openpyxl.styles import NamedStyle  # noqa: F401 - the default (Normal) style: cells typed later are 宋体 too

    assert next(s for s in wb._named_styles if s.name == "Normal").font.name == "宋体"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_printed_sheet_readable_on_a4(county, name):
    for ws in county[name]:
        if ws.title == "使用说明":
            assert ws.sheet_state == "hidden"  # printing the workbook never prints it
            continue
        facts = print_facts(ws)
        assert str(ws.page_setup.paperSize) == "9", ws.title
        assert facts["min_pt"] >= 9, (ws.title, facts)  # never shrunk below 9 pt
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页", ws.title
        assert ws.oddHeader.center.text, ws.title


def test_wide_sheets_split_across_pages_with_key_column_repeated(county):
    facts = print_facts(county["月报告"]["分部门"])
    assert facts == {"orientation": "landscape", "scale": 82.0, "min_pt": pytest.approx(9.02), "pages_across": 2,
                     "title_rows": "$1:$4", "title_cols": "$A:$A"}
    summary = print_facts(county["季度通报"]["汇总"])  # 19 columns
    assert summary["orientation"] == "landscape" and summary["title_cols"] == "$A:$B"  # 排名 and 部门 frozen


def _visible_texts(wb):
    from openpyxl.utils import get_column_letter

    for ws in wb:
        if ws.title == "使用说明":
            continue
        hidden = {c for c in range(1, ws.max_column + 1)
                  if ws.column_dimensions[get_column_letter(c)].hidden}
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.column not in hidden:
                    yield ws.title, c.coordinate, c.value


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_tool_talk_in_official_sheets(county, name):
    talk = [(s, a, t) for s, a, t in _visible_texts(county[name]) if TOOL_TALK.search(t)]
    assert talk == []


def test_tool_talk_kept_for_the_clerk_on_a_sheet_not_printed(county):
    wb = county["年度考核"]  # January: 2027's holidays are missing, the note says how to add them
    assert wb.sheetnames[-1] == "使用说明"
    notes = [r[0] for r in wb["使用说明"].iter_rows(min_row=2, values_only=True)]
    assert any("sgs calendar 2027 --from-notice" in n for n in notes)
    summary = [t for _, _, t in _visible_texts(wb) if "2027年节假日安排" in t]
    assert summary and all("发布后由信用办补充节假日安排" in t for t in summary if "通知发布" in t)


@pytest.mark.parametrize("text, expected", [
    ("请尽快报送，并在月报告中说明迟报原因；用 --submit-date 指定实际报送日期",
     "请尽快报送，并在月报告中说明迟报原因；已报送的请填写实际报送日期"),
    ("未提供单位名单（--roster）：零报送单位只包括输入文件中出现的部门", "未提供单位名单：零报送单位只包括输入文件中出现的部门"),
    ("通知发布后运行 sgs calendar 2027 --from-notice 通知.txt 补充，发布前可加 --provisional 暂定计算。"
     "收录2027年安排的新版本发布后，运行 pip install -U chinesecalendar 升级即可。",
     "通知发布后由信用办补充节假日安排，发布前可暂定计算。"),
    ("失信程度不同，期限不同（sgs deadlines --penalty --severity）", "失信程度不同，期限不同"),
    ("填报单位：（未填写，可用 --unit 指定）", "填报单位：（未填写）"),
    ("报送日期晚于决定日期", "报送日期晚于决定日期"),
])
def test_scrub(text, expected):
    assert scrub(text) == expected


def test_january_charts_never_empty(county):
    ws = county["年度考核"]["图表"]
    rows = {r[0]: r[1:4] for r in ws.iter_rows(min_row=5, max_row=7, values_only=True)}
    # 交通运输局: 12-02 on time, 12-28 due in 2027 (holidays unknown): 待定 between 50% and 100%, drawn as a range
    assert rows == {SJ: (pytest.approx(5 / 7), pytest.approx(5 / 7), None), TJ: (0.5, 0.5, None),
                    f"{JT}（待定 50%–100%）": (None, 0.5, 0.5)}
    main, *small = ws._charts
    assert main.grouping == "stacked" and len(main.series) == 2
    assert main.series[0].val.numRef.f == "'图表'!$C$5:$C$7" and main.series[0].dLbls.showVal
    # the year's 12 months: one small chart per department with a month to draw, not one 12-series chart; the
    # department whose only month is 待定 is named under the table instead of an empty chart
    assert len(small) == 2 and all(len(c.series) == 1 and c.series[0].dLbls.showVal for c in small)
    assert ws["A9"].value == f"没有分月及时率可画的部门：{JT}（待定 50%–100%）"
    assert all(len(c.series) <= 3 for ws in county["季度通报"] for c in ws._charts)


def test_department_without_a_rate_named_with_the_reason(county):
    ws = county["季度通报"]["图表"]
    assert [ws.cell(r, 1).value for r in range(5, 8)] == [SJ, TJ, f"{JT}（未报送）"]


def test_reminder_workbook_one_sheet_per_department(county):
    wb = county["催报清单"]
    assert wb.sheetnames == ["清单", SJ, TJ]
    ws = wb["清单"]
    head = [c.value for c in ws[2]]
    dept, decided = head.index("部门") + 1, head.index("决定日期") + 1
    rows = []  # the data rows: up to the blank row above the summary and the notes
    for r in ws.iter_rows(min_row=3):
        if r[0].value is None:
            break
        rows.append(r)
    assert len(rows) == 2  # 150 and 4号 (the 1-8月 version of 市监局's ledger named in a note, not listed)
    assert rows and all(r[dept - 1].value for r in rows)  # the department from the ledger's title row
    assert all(isinstance(r[decided - 1].value, dt.datetime) and r[decided - 1].number_format == "yyyy-mm-dd"
               for r in rows)
    assert all(r[0].border.left.style == "thin" for r in rows)
    for name in (SJ, TJ):
        part = wb[name]
        assert {c.value for c in part[f"{'ABCDEFGHI'[dept - 1]}"][2:] if c.value} == {name}
        assert part.print_title_rows == "$1:$2"


def test_monthly_title_without_unit(tmp_path, isolated_sgs_env):
    p = write_all(tmp_path / "县")
    out = tmp_path / "月.xlsx"
    assert run("monthly-report", "--month", "2026-09", p["folder"], "--today", TODAY, "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["汇总"]
    assert ws["A1"].value == "各部门“双公示”工作月报告（2026年9月）"  # not "各部门汇总“双公示”…"
    assert ws["A2"].value.startswith("填报单位：（未填写）")


# ------------------------------------------------------------------------------------------------- drafts

def _docx(path):
    import docx

    return docx.Document(str(path))


def test_drafts_written_beside_the_workbooks(county):
    tmp = county["tmp"]
    assert (tmp / "季度通报_通报稿.docx").exists() and (tmp / "年度考核_考核结果通报稿.docx").exists()


def test_draft_gongwen_layout(county):
    from docx.shared import Mm

    doc = _docx(county["tmp"] / "季度通报_通报稿.docx")
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert (round(sec.top_margin.mm), round(sec.left_margin.mm), round(sec.right_margin.mm),
            round(sec.bottom_margin.mm)) == (37, 28, 26, 35)  # 版心 156 × 225 mm
    grid = sec._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid")
    assert grid.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch") == str(
        round(Mm(225).pt / 28 * 20))  # 28 lines
    normal = doc.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("仿宋_GB2312", 16)  # 三号
    assert round(normal.paragraph_format.line_spacing.pt, 1) == round(Mm(225).pt / 28, 1)
    paras = [p for p in doc.paragraphs]
    title = paras[0]
    assert title.text == "关于2026年第3季度“双公示”工作情况的通报"
    assert {(r.font.name, r.font.size.pt) for r in title.runs} == {("方正小标宋简体", 22)}  # 小标宋 二号
    assert paras[1].text == "各有关部门："  # 主送
    heading = next(p for p in paras if p.text.startswith("一、"))
    assert heading.runs[0].text == "一、信息报送情况。" and heading.runs[0].font.name == "黑体"
    body_fonts = {(r.font.name, r.font.size.pt) for p in paras[1:] for r in p.runs if r.text}
    assert body_fonts == {("仿宋_GB2312", 16), ("黑体", 16)}
    texts = [p.text for p in paras]
    assert "附件：季度通报" in texts
    assert texts[-2:] == [UNIT, "    年  月  日"]  # 落款 and the 成文日期 to fill
    assert all(p.alignment == 2 for p in paras[-2:])  # right-aligned


def test_annual_draft_has_an_addressee_placeholder(county):
    texts = [p.text for p in _docx(county["tmp"] / "年度考核_考核结果通报稿.docx").paragraphs]
    assert texts[0] == "关于2026年度“双公示”工作考核情况的报告" and texts[1] == "（主送机关）："
    assert not any(TOOL_TALK.search(t) for t in texts)


def test_draft_never_replaced_without_force(county, tmp_path, isolated_sgs_env):
    p = write_all(tmp_path / "县")
    out = tmp_path / "季.xlsx"
    draft = tmp_path / "季_通报稿.docx"
    draft.write_bytes(b"mine")
    r = run("quarterly-report", "--quarter", "2026Q3", p["folder"], "--today", TODAY, "-o", out)
    assert r.exit_code == 2 and "已存在，未覆盖" in r.stderr
    assert draft.read_bytes() == b"mine" and not out.exists()
    assert re.search("季_通报稿", r.stderr)


def test_readme_monthly_summary_prints_one_page_wide(tmp_path, isolated_sgs_env):
    """The README's example monthly report: 汇总's 计算口径 column (52.3 units wide, the formula texts of issue 25)
    printed on pages of its own in LibreOffice (15 pages, the title cut at 中牟县信用办“双). It is narrowed and wrapped
    to 95 % of the portrait width and the sheet is fitted to one page wide, so a viewer whose digits are wider shrinks
    it instead; the title and info line merged over exactly the printed columns."""
    from sgs_cli.render.paper import FIT_ROOM, printable_width, width_points

    examples = Path(__file__).resolve().parents[2] / "examples"
    out = tmp_path / "双公示月报告_2019-11.xlsx"
    r = run("monthly-report", "--month", "2019-11", examples, "--today", "2019-12-02", "--unit", "中牟县信用办",
            "-o", out)
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    ws = wb["汇总"]
    widths = [ws.column_dimensions[c].width for c in "ABC"]
    assert ws.max_column == 3 and widths == [17.7, 14.0, 49.1]
    printed = sum(width_points(w) for w in widths)  # (units × 8 px + 5 px) × 0.75 pt each
    assert printed == pytest.approx(496.05) and printable_width(False) == 523.0
    assert printed <= printable_width(False) * FIT_ROOM
    ps = ws.page_setup
    assert (ps.orientation, ps.fitToWidth, ps.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage) == \
        ("portrait", 1, 0, True)  # one page wide, as many pages tall as the rows need (two)
    assert print_facts(ws) == {"orientation": "portrait", "scale": 100.0, "min_pt": 11.0,
                                                  "pages_across": 1, "title_rows": "$1:$4", "title_cols": None}
    assert {str(m) for m in ws.merged_cells.ranges if m.min_row <= 2} == {"A1:C1", "A2:C2"}
    long_texts = [c for c in ws["C"][4:27] if isinstance(c.value, str)]
    assert len(long_texts) == 23 and all(c.alignment.wrap_text for c in long_texts)
    # 分部门 (27 columns) prints over pages across at the 9-pt scale: its title and info line are merged over the
    # first page's columns (A–K, even with digits 16 % wider than 宋体's) and wrapped, not cut at the page boundary
    ws = wb["分部门"]
    assert (ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup.scale) == (False, 82)
    assert {str(m) for m in ws.merged_cells.ranges if m.min_row <= 2} == {"A1:K1", "A2:K2"}
    assert ws["A2"].alignment.wrap_text and ws.row_dimensions[2].height == 47.6  # three lines of 11 pt
