"""`sgs monthly-report` on a hand-counted county month (2019-10) with a roster: every figure of the
workbook read back and of the JSON, the status identity, departments from a column, a title row and the
roster, 790 tables mixed with ledgers.

2019 calendar: 10-01..10-07 off (国庆), Saturday 10-12 is a 调休 working day. Statistics date --today
2019-11-01 (Friday). Deadline = 7th working day after the decision (the decision day not counted).

统计局台账.xlsx — no 部门 column, title row "中牟县统计局行政许可和行政处罚台账（2019年10月）", no 决定类别:
row  文号            decided      due     报送      推送      status                        web
 3   牟统罚〔2019〕1号  10-08 Tue   10-16    10-16     10-16     按时                          按时
 4   牟统许〔2019〕2号  10-10 Thu   10-18    10-21     —         逾期 1 (LATE_REPORT)          已逾期
 5   牟统罚〔2019〕3号  10-30 Wed   11-08    11-05!    —         未到期 5 (REPORT_DATE_FUTURE)  未到期
 6   牟统〔2019〕4号    10-11 Fri   10-21    10-18     10-18     按时, 未分类                   按时
(due of row 3 counts 10-12 Sat: 9,10,11,12,14,15,16; row 4: 11,12,14,15,16,17,18; row 6: 12,14..18,21)

市场监管局台账.xlsx — 决定类别 and 行政决定部门 columns:
 2   中市监罚〔2019〕101号 处罚 10-09 Wed  10-17  10-17  10-18   按时 (LATE_PUSH)             逾期
 3   中市监罚〔2019〕101号 (the same decision entered twice) → 重复, counted once (DUPLICATE_WSH)
 4   中市监许〔2019〕102号 许可 10-15 Tue  10-24  —      —       已逾期未报送 6 (NOT_REPORTED_OVERDUE) 已逾期
 5   中市监罚〔2019〕103号 处罚 10-21 Mon  10-30  10-18  —       无法计算 (报送早于决定, DATE_ORDER) 已逾期
 6   中城管罚〔2019〕9号 处罚, 部门 中牟县城市管理局 (not in the roster), 10-12 Sat (调休) 10-22 10-22 10-22  按时  按时

行政处罚公示.xlsx — 790 penalty table of 中牟县市场监督管理局:
 2   中市监罚〔2019〕101号 10-09 → the ledger's row 2: one decision, the ledger's dates
 3   中市监罚〔2019〕105号 10-25 → no ledger row: 无报送日期, out of 及时率 and of the website figures

Roster: the 773 annex-3 联络员名单 of 中牟县统计局, 中牟县市场监督管理局 (two liaisons) and 中牟县交通运输局,
which sent nothing (未报送: not 零报送, which is a submission saying there was no decision).

Hand count (9 decisions, 1 duplicate):
            许可 处罚 未分类 总数 按时 逾期 未到期 已逾期 无法 无报送  及时率  许可   处罚  网站数 网站按时 网站率  合规
统计局        1    2    1     4    2    1    1     0     0    0     2/3    0/1   1/1    2      2     2/3   3/4
市监局        1    3    0     4    1    0    0     1     1    1     1/2    0/1   1/1    1      0     0/3   3/4
城管局        0    1    0     1    1    0    0     0     0    0     1/1    —     1/1    1      1     1/1   1/1
交通局        0    0    0     0    …                                                                            (未报送)
合计          2    6    1     9    4    1    1     1     1    1     4/6    0/2   3/3    4      3     3/7   7/9
合规: decisions without an error the department can fix — late reports, late pushes and unreported decisions
are facts (rules/codes.is_fact), counted by 及时率, not against 合规率: 统计局 rows 3, 4 (LATE_REPORT), 6 (row 5's
REPORT_DATE_FUTURE is a data error); 市监局 101 (ledger row 2's LATE_PUSH), 102 (NOT_REPORTED_OVERDUE), the
790-only 105 (103's DATE_ORDER is a data error); 城管局 row 6. No return file: 一次通过 = 合规, 重报 0.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from conftest import PENALTY_INDIVIDUAL, PENALTY_ORG, user_home, write_sheet

from sgs_cli.reports import decisions as DEC
from sgs_cli.reports.monthly import figures
from conftest import assert_statuses_add_up, run_checked as run  # run checks the statuses of every JSON report

D = dt.date
TJ, SJ, CG, JT = "中牟县统计局", "中牟县市场监督管理局", "中牟县城市管理局", "中牟县交通运输局"
UNIT = "中牟县社会信用体系建设领导小组办公室"

KEYS = [f.key for f in figures()]
# the figures in figures() order: licence, penalty, unclassified, records, the six statuses, rates, web, compliance…
COUNT_KEYS = ["licence", "penalty", "unclassified", "records", "on_time", "late", "pending", "overdue", "unknown",
              "no_report_date", "timeliness", "licence_timeliness", "penalty_timeliness", "published", "web_on_time",
              "web_timeliness", "compliance", "first_pass", "first_pass_rate", "resubmissions", "completeness",
              "duplicates"]


def fig(*values):
    return {**dict(zip(COUNT_KEYS, values)), "needs_calendar": 0}  # no year without holiday data here


EXPECTED = {
    TJ: fig(1, 2, 1, 4, 2, 1, 1, 0, 0, 0, 2 / 3, 0.0, 1.0, 2, 2, 2 / 3, 3 / 4, 3, 3 / 4, 0, 1.0, 0),  # row 4 late: a fact
    SJ: fig(1, 3, 0, 4, 1, 0, 0, 1, 1, 1, 1 / 2, 0.0, 1.0, 1, 0, 0.0, 3 / 4, 3, 3 / 4, 0, 1.0, 1),  # 101 late push, 102 unreported: facts
    CG: fig(0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1.0, None, 1.0, 1, 1, 1.0, 1.0, 1, 1.0, 0, 1.0, 0),
    JT: fig(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None, None, None, 0, 0, None, None, 0, None, 0, None, 0),
}
TOTAL = fig(2, 6, 1, 9, 4, 1, 1, 1, 1, 1, 4 / 6, 0.0, 1.0, 4, 3, 3 / 7, 7 / 9, 7, 7 / 9, 0, 1.0, 1)  # 3 + 3 + 1 compliant
LEDGER_COLS = ["XH", "WSH", "XMMC", "JDRQ", "BSRQ", "TSRQ", "BZ"]


def approx(d: dict) -> dict:
    return {k: (pytest.approx(v, abs=1e-4) if isinstance(v, float) else v) for k, v in d.items()}


def ledger_row(n, wsh, title, decided, reported=None, pushed=None, **extra):
    return {"XH": n, "WSH": wsh, "XMMC": title, "JDRQ": decided, "BSRQ": reported, "TSRQ": pushed, **extra}


def write_month(folder):
    folder.mkdir()
    write_sheet(folder / "统计局台账.xlsx", "ledger", [
        ledger_row(1, "牟统罚〔2019〕1号", "虚报统计数据案", D(2019, 10, 8), D(2019, 10, 16), D(2019, 10, 16)),
        ledger_row(2, "牟统许〔2019〕2号", "涉外调查机构资格认定", D(2019, 10, 10), D(2019, 10, 21)),
        ledger_row(3, "牟统罚〔2019〕3号", "拒报统计资料案", D(2019, 10, 30), D(2019, 11, 5)),
        ledger_row(4, "牟统〔2019〕4号", "统计执法检查", D(2019, 10, 11), D(2019, 10, 18), D(2019, 10, 18)),
    ], columns=LEDGER_COLS, title="中牟县统计局行政许可和行政处罚台账（2019年10月）", sheet_name="台账")
    write_sheet(folder / "市场监管局台账.xlsx", "ledger", [
        ledger_row(1, "中市监罚〔2019〕101号", "销售过期食品案", D(2019, 10, 9), D(2019, 10, 17), D(2019, 10, 18),
                   LB="行政处罚", BM=SJ),
        ledger_row(2, "中市监罚〔2019〕101号", "销售过期食品案", D(2019, 10, 9), D(2019, 10, 17), D(2019, 10, 18),
                   LB="行政处罚", BM=SJ),
        ledger_row(3, "中市监许〔2019〕102号", "食品经营许可", D(2019, 10, 15), LB="行政许可", BM=SJ),
        ledger_row(4, "中市监罚〔2019〕103号", "无照经营案", D(2019, 10, 21), D(2019, 10, 18), LB="行政处罚", BM=SJ),
        ledger_row(5, "中城管罚〔2019〕9号", "占道经营案", D(2019, 10, 12), D(2019, 10, 22), D(2019, 10, 22),
                   LB="行政处罚", BM=CG),
    ], columns=LEDGER_COLS + ["LB", "BM"], sheet_name="台账")
    p1 = dict(PENALTY_ORG, CF_WSH="中市监罚〔2019〕101号", CF_JDRQ=D(2019, 10, 9), CF_YXQ=D(2020, 10, 8),
              CF_GSJZQ=D(2020, 4, 9))
    p2 = dict(PENALTY_INDIVIDUAL, CF_WSH="中市监罚〔2019〕105号", CF_JDRQ=D(2019, 10, 25), CF_YXQ=D(2020, 10, 24),
              CF_GSJZQ=D(2020, 4, 25))
    write_sheet(folder / "行政处罚公示.xlsx", "penalty", [p1, p2], sheet_name="行政处罚")
    return folder


def write_liaison_roster(path):
    rows = [{"DWMC": TJ, "XM": "赵敏", "ZW": "科长", "BGDH": "0371-62171001", "SJ": "13803710001", "YX": "tj@163.com"},
            {"DWMC": SJ, "XM": "张雅丽", "ZW": "副局长", "BGDH": "0371-62171234", "SJ": "13803711234",
             "YX": "scjg@163.com"},
            {"DWMC": SJ, "XM": "李伟", "ZW": "科员", "BGDH": "0371-62171235", "SJ": "13803711235", "YX": "li@163.com"},
            {"DWMC": JT, "XM": "王强", "ZW": "科长", "BGDH": "0371-62171300", "SJ": "13803711300", "YX": "jt@163.com"}]
    return write_sheet(path, "liaison", rows, title="信用信息管理联络员名单表", sheet_name="联络员")


@pytest.fixture(scope="module")
def october(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("county")
    with user_home(tmp):
        folder = write_month(tmp / "台账")
        roster = write_liaison_roster(tmp / "联络员名单.xlsx")
        out = tmp / "月报告.xlsx"
        r = run("monthly-report", "--month", "2019-10", folder, "--today", "2019-11-01", "--roster", roster,
                "--unit", UNIT, "-o", out, "--format", "json")
    assert r.exit_code == 0, r.output
    return {"json": json.loads(r.stdout), "wb": openpyxl.load_workbook(out), "folder": folder, "roster": roster}


def test_figure_keys_are_the_declared_ones():
    assert KEYS == COUNT_KEYS[:10] + ["needs_calendar"] + COUNT_KEYS[10:]
    assert [s.key for s in DEC.STATUSES] == COUNT_KEYS[4:10] + ["needs_calendar"]


def test_json_total_and_departments(october):
    j = october["json"]
    assert j["total"] == approx({**TOTAL, "provisional": 0})
    assert [d["department"] for d in j["departments"]] == sorted(EXPECTED)
    for d in j["departments"]:
        d = dict(d)
        name = d.pop("department")
        assert d.pop("zero_report") is False, name
        assert d.pop("not_reported") is (name == JT), name  # in the roster, sent nothing: 未报送, not 零报送
        assert d.pop("in_roster") is (name != CG), name
        assert d.pop("provisional") == 0
        assert d == approx(EXPECTED[name]), name


def test_statuses_add_up_to_the_decisions(october):
    assert_statuses_add_up(october["json"])
    assert october["json"]["total"]["records"] == 9


def test_departments_roster_and_unit(october):
    j = october["json"]
    assert j["unit"] == UNIT  # the reporting unit only: no record is attributed to it
    assert UNIT not in [d["department"] for d in j["departments"]]
    assert j["zero_units"] == [] and j["missing_units"] == [JT]  # in the roster, sent no file: 未报送
    assert j["not_in_roster"] == [CG]
    assert j["named_after_file"] == {}
    assert j["notes"] == [f"以下部门不在单位名单中：{CG}", "无法计算的原因：报送日期早于决定日期 1 条（见“其他明细”）"]


def test_lists(october):
    j = october["json"]
    assert [(i["department"], i["wsh"], i["status"]) for i in j["late"]] == [  # by department, then date
        (SJ, "中市监许〔2019〕102号", "已逾期未报送（6 个工作日）"), (TJ, "牟统许〔2019〕2号", "逾期 1 个工作日")]
    assert [(i["wsh"], i["where"], i["same_as"]) for i in j["duplicates"]] == [
        ("中市监罚〔2019〕101号", "市场监管局台账.xlsx › 台账 第3行", "行政处罚公示.xlsx › 行政处罚 第2行")]
    assert [(i["wsh"], i["reason"]) for i in j["unknown"]] == [("中市监罚〔2019〕103号", "报送日期早于决定日期")]
    assert [(i["department"], i["wsh"]) for i in j["unclassified"]] == [(TJ, "牟统〔2019〕4号")]
    problems = {(p["file"], p["cell"], p["code"]) for p in j["problems"]}
    assert {("统计局台账.xlsx", "E5", "REPORT_DATE_FUTURE"), ("市场监管局台账.xlsx", "E5", "DATE_ORDER")} <= problems
    # the late report, the late push and the unreported decision are facts: in 逾期明细, not problems
    assert not {("统计局台账.xlsx", "E4", "LATE_REPORT"), ("市场监管局台账.xlsx", "F2", "LATE_PUSH"),
                ("市场监管局台账.xlsx", "E4", "NOT_REPORTED_OVERDUE")} & problems


def test_summary_sheet_read_back(october):
    ws = october["wb"]["汇总"]
    assert ws["A1"].value == f"{UNIT}“双公示”工作月报告（2019年10月）"
    assert f"填报单位：{UNIT}" in ws["A2"].value
    got = {}
    for r, f in enumerate(figures(), start=5):
        assert ws.cell(r, 1).value == f.label
        assert ws.cell(r, 3).value == f.formula
        got[f.key] = ws.cell(r, 2).value
        assert (ws.cell(r, 2).number_format == "0.00%") is f.rate, f.key
    assert got == approx(TOTAL)
    labels = [ws.cell(r, 1).value for r in range(5, 5 + len(figures()))]
    assert labels[4:10] == ["报送状态：按时", "报送状态：逾期", "报送状态：未到期", "报送状态：已逾期未报送",
                            "报送状态：无法计算", "报送状态：无法判定及时性"]
    assert [ws.cell(r, 1).value for r in range(6 + len(figures()), ws.max_row + 1)] == [
        "零报送单位", "未报送单位", "不在名单中的部门", "使用的文件", "说明", "说明", "未报送依据"]
    assert [ws.cell(r, 2).value for r in range(6 + len(figures()), ws.max_row + 1)] == [
        "无", JT, CG, "市场监管局台账.xlsx、统计局台账.xlsx、行政处罚公示.xlsx", f"以下部门不在单位名单中：{CG}", "无法计算的原因：报送日期早于决定日期 1 条（见“其他明细”）", None]


def test_department_sheet_read_back(october):
    ws = october["wb"]["分部门"]
    cols = [f for f in figures() if f.column]
    heads = [ws.cell(4, c).value for c in range(1, ws.max_column + 1)]
    assert heads == ["部门"] + [f.column for f in cols] + ["零报送", "未报送", "不在名单中", "未报送依据"]
    rows = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(2, ws.max_column + 1)]
            for r in range(5, ws.max_row + 1)}
    assert set(EXPECTED) == {TJ, SJ, JT, CG}
    assert list(rows) == [TJ, SJ, JT, CG, "合计"]  # the roster's order, then the department not in it
    for name, values in rows.items():
        expected = TOTAL if name == "合计" else EXPECTED[name]
        assert values[:len(cols)] == [approx(expected)[f.key] for f in cols], name
    assert rows[JT][len(cols):] == [None, "是", None, None]
    assert rows[CG][len(cols):] == [None, None, "是", None]
    assert rows["合计"][len(cols):] == [0, 1, 1, None]


def test_late_sheet_has_date_cells(october):
    ws = october["wb"]["逾期明细"]
    rows = [[ws.cell(r, c).value for c in range(1, 8)] for r in range(5, ws.max_row + 1)]
    t = dt.datetime
    assert rows == [
        [SJ, "中市监许〔2019〕102号", "食品经营许可", t(2019, 10, 15), t(2019, 10, 24), None, "已逾期未报送（6 个工作日）"],
        [TJ, "牟统许〔2019〕2号", "涉外调查机构资格认定", t(2019, 10, 10), t(2019, 10, 18), t(2019, 10, 21), "逾期 1 个工作日"],
    ]
    for r in range(5, ws.max_row + 1):
        for c in (4, 5, 6):
            assert ws.cell(r, c).number_format == "yyyy-mm-dd"


def test_other_sheet(october):
    ws = october["wb"]["其他明细"]
    rows = [[ws.cell(r, c).value for c in (1, 2, 3)] for r in range(5, ws.max_row + 1)]
    assert rows == [["重复记录（只计一次）", SJ, "中市监罚〔2019〕101号"], ["未分类", TJ, "牟统〔2019〕4号"],
                    ["无法计算", SJ, "中市监罚〔2019〕103号"]]
    assert october["wb"].sheetnames == ["汇总", "分部门", "逾期明细", "其他明细", "问题明细", "使用说明"]
    # the hint of 问题明细 says it in the office's words; its original (with the option) is kept for the clerk
    assert [r[0] for r in october["wb"]["使用说明"].iter_rows(min_row=2, values_only=True)] == [
        "请核对日期；尚未发生的报送不计为已报送（用 --today 指定统计日期）"]
    hints = {c.value for c in october["wb"]["问题明细"]["I"]}
    assert "请核对日期；尚未发生的报送不计为已报送" in hints


def test_department_named_after_the_file_is_said(tmp_path, isolated_sgs_env):
    """No 部门 column, no title, no roster: the file name, and 汇总 says so."""
    write_sheet(tmp_path / "中牟县水利局台账.xlsx", "ledger",
                [ledger_row(1, "牟水罚〔2019〕1号", "非法取水案", D(2019, 10, 8), D(2019, 10, 16))],
                columns=LEDGER_COLS)
    r = run("monthly-report", "--month", "2019-10", tmp_path / "中牟县水利局台账.xlsx", "--today", "2019-11-01",
            "-o", tmp_path / "r.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["named_after_file"] == {"中牟县水利局台账": "中牟县水利局台账.xlsx"}
    assert any("取自文件名" in n for n in j["notes"]) and any("未提供单位名单" in n for n in j["notes"])
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["汇总"]
    texts = [str(ws.cell(r, 2).value or "") for r in range(1, ws.max_row + 1)]
    assert any("取自文件名" in t for t in texts) and any("零报送单位只包括输入文件中出现的部门" in t for t in texts)


def test_roster_entry_matched_to_the_file_name(tmp_path, isolated_sgs_env):
    """No 部门 column and no title: the roster department whose short name is in the file name."""
    write_sheet(tmp_path / "水利局台账_2019-10.xlsx", "ledger",
                [ledger_row(1, "牟水罚〔2019〕1号", "非法取水案", D(2019, 10, 8), D(2019, 10, 16))],
                columns=LEDGER_COLS)
    out = tmp_path / "名单.xlsx"
    assert run("template", "roster", "-o", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    wb["单位名单"].append([1, "中牟县水利局", None, None])
    wb["单位名单"].append([2, "中牟县自然资源局", "资源局", None])
    wb.save(out)
    r = run("monthly-report", "--month", "2019-10", tmp_path / "水利局台账_2019-10.xlsx", "--roster", out,
            "--today", "2019-11-01", "-o", tmp_path / "r.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert [d["department"] for d in j["departments"]] == ["中牟县水利局", "中牟县自然资源局"]
    assert j["zero_units"] == [] and j["missing_units"] == ["中牟县自然资源局"]  # sent nothing: 未报送
    assert j["not_in_roster"] == [] and j["notes"] == []
    assert j["unit"] == "各部门汇总"


@pytest.mark.parametrize("title, name", [
    ("中牟县统计局行政许可和行政处罚台账（2026年9月）", "中牟县统计局"),
    ("中牟县统计局“双公示”台账", "中牟县统计局"),
    ("填报单位：中牟县统计局", "中牟县统计局"),
    ("填报单位：中牟县统计局    填报日期：2019年11月5日", "中牟县统计局"),
    ("填报单位:中牟县统计局填报日期:2019-11-05", "中牟县统计局"),
    ("关于中牟县统计局行政处罚信息的台账", "中牟县统计局"),
    ("中牟县统计局2019年11月台账", "中牟县统计局"),
    ("中牟县 统计局 行政许可台账", "中牟县统计局"),
    ("行政许可和行政处罚台账", ""),
    ("2019年11月台账", ""),
])
def test_department_from_title(title, name):
    assert DEC.department_from_title(title) == name


@pytest.mark.parametrize("lb, sheet, wsh, title, expected", [
    ("行政处罚", "台账", "牟市监许〔2026〕303号", "", ("penalty", "决定类别")),
    ("", "行政许可", "牟市监罚〔2026〕1号", "", ("license", "工作表")),
    ("", "台账", "牟市监许〔2026〕303号", "", ("license", "文号")),
    ("", "台账", "郑食许〔2019〕12号", "", ("license", "文号")),
    ("", "台账", "中药许字(2019)3号", "", ("license", "文号")),
    ("", "台账", "中市监罚决字〔2019〕12号", "", ("penalty", "文号")),
    ("", "台账", "牟统〔2019〕4号", "无照经营案", ("penalty", "项目名称")),
    ("", "台账", "牟统〔2019〕4号", "建设工程规划许可", ("license", "项目名称")),
    ("", "台账", "牟统〔2019〕4号", "统计执法检查", ("unknown", "")),
    ("", "行政许可和行政处罚台账", "", "企业投资项目备案", ("unknown", "")),
])
def test_classification_order(lb, sheet, wsh, title, expected):
    assert DEC.classify(lb, sheet, "台账", wsh, title) == expected


def test_readme_states_every_figure_with_its_formula():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for f in figures():
        assert f"| {f.label} | {f.column or '—'} | `{f.key}` | {f.formula} |" in readme, f.key


def test_readme_example_figures_are_the_tools(tmp_path, isolated_sgs_env):
    """The README's example (examples/ = one 773 ledger + two 790 tables) — hand count: the ledger's 20
    November decisions (14 按时, 2 逾期, 2 未到期 — row 23's 报送日期 12-10 is after --today —, 1 已逾期, 1 无法计算)
    matched by 文号 and date to 19 of the 53 distinct 790 records (row 17 carries a penalty's 文号), the other
    34 are 无法判定及时性: 及时率 14/17, 许可 8/9, 处罚 6/8, website 16/18."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    r = run("monthly-report", "--month", "2019-11", examples, "--today", "2019-12-02", "--unit", "中牟县信用办",
            "-o", tmp_path / "r.xlsx")
    assert r.exit_code == 0, r.output
    readme = (examples.parent / "README.md").read_text(encoding="utf-8")
    for line in r.stdout.splitlines()[:-1]:  # the last line names the output file
        assert line in readme
    j = json.loads(run("monthly-report", "--month", "2019-11", examples, "--today", "2019-12-02",
                       "-o", tmp_path / "j.xlsx", "--format", "json").stdout)["total"]
    assert (j["records"], j["licence"], j["penalty"], j["on_time"], j["late"], j["pending"], j["overdue"], j["unknown"],
            j["no_report_date"], j["duplicates"], j["published"]) == (54, 26, 28, 14, 2, 2, 1, 1, 34, 1, 17)
    assert (j["timeliness"], j["licence_timeliness"], j["penalty_timeliness"], j["web_timeliness"]) == (
        round(14 / 17, 4), round(8 / 9, 4), round(6 / 8, 4), round(16 / 18, 4))


def test_one_department_from_a_column_a_title_and_a_full_width_spelling(tmp_path, isolated_sgs_env):
    """No roster: "统计局" in a 部门 column, "中牟县统计局" in another ledger's title and "中牟县 统计局" with a
    space are one department (2 decisions); "中牟县市场监督管理局" stays itself."""
    write_sheet(tmp_path / "a.xlsx", "ledger",
                [ledger_row(1, "牟统罚〔2019〕1号", "虚报统计数据案", D(2019, 10, 8), D(2019, 10, 16), BM="统计局"),
                 ledger_row(2, "牟统罚〔2019〕5号", "拒报统计资料案", D(2019, 10, 9), D(2019, 10, 16),
                            BM="中牟县 统计局"),
                 ledger_row(3, "中市监罚〔2019〕1号", "无照经营案", D(2019, 10, 9), D(2019, 10, 16), BM=SJ)],
                columns=LEDGER_COLS + ["BM"])
    write_sheet(tmp_path / "b.xlsx", "ledger",
                [ledger_row(1, "牟统罚〔2019〕2号", "统计违法案", D(2019, 10, 10), D(2019, 10, 16))],
                columns=LEDGER_COLS, title="中牟县统计局行政许可和行政处罚台账（2019年10月）")
    r = run("monthly-report", "--month", "2019-10", tmp_path / "a.xlsx", tmp_path / "b.xlsx", "--today", "2019-11-01",
            "-o", tmp_path / "r.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert [(d["department"], d["records"]) for d in j["departments"]] == [(SJ, 1), (TJ, 3)]


def test_roster_in_the_folder_of_the_ledgers_is_not_an_input(tmp_path, isolated_sgs_env):
    folder = write_month(tmp_path / "台账")
    roster = write_liaison_roster(folder / "联络员名单.xlsx")
    r = run("monthly-report", "--month", "2019-10", folder, "--today", "2019-11-01", "--roster", roster,
            "-o", tmp_path / "r.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert sorted(Path(f).name for f in j["files"]) == ["市场监管局台账.xlsx", "统计局台账.xlsx", "行政处罚公示.xlsx"]
    assert j["total"] == approx({**TOTAL, "provisional": 0})


def test_department_from_a_unit_line_above_the_header(tmp_path, isolated_sgs_env):
    """A ledger without 部门 column whose line above the header is "填报单位：" | "中牟县统计局" | "填报日期：…"."""
    path = write_sheet(tmp_path / "台账.xlsx", "ledger",
                       [ledger_row(1, "牟统罚〔2019〕1号", "虚报统计数据案", D(2019, 10, 8), D(2019, 10, 16))],
                       columns=LEDGER_COLS)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.insert_rows(1)
    ws["A1"], ws["B1"], ws["D1"] = "填报单位：", "中牟县统计局", "填报日期：2019年11月1日"
    wb.save(path)
    r = run("monthly-report", "--month", "2019-10", path, "--today", "2019-11-01", "-o", tmp_path / "r.xlsx",
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert [d["department"] for d in j["departments"]] == [TJ] and j["named_after_file"] == {}


def test_department_from_the_document_title(tmp_path, isolated_sgs_env):
    """No 部门 column and no title row: the workbook's document title (文件属性 › 标题)."""
    path = write_sheet(tmp_path / "台账.xlsx", "ledger",
                       [ledger_row(1, "牟水罚〔2019〕1号", "非法取水案", D(2019, 10, 8), D(2019, 10, 16))],
                       columns=LEDGER_COLS)
    wb = openpyxl.load_workbook(path)
    wb.properties.title = "中牟县水利局行政许可和行政处罚台账"
    wb.save(path)
    r = run("monthly-report", "--month", "2019-10", path, "--today", "2019-11-01", "-o", tmp_path / "r.xlsx",
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert [d["department"] for d in j["departments"]] == ["中牟县水利局"] and j["named_after_file"] == {}


def test_late_790_decision_shows_the_ledger_name_and_row(tmp_path, isolated_sgs_env):
    """A 790 penalty and its ledger row are one decision: 逾期明细 names the case as the ledger does (项目/案件名称,
    not the 790 违法行为类型) and points to the ledger row that holds the late 报送日期."""
    D = dt.date
    folder = tmp_path / "台账"
    folder.mkdir()
    write_sheet(folder / "市场监管局台账.xlsx", "ledger", [
        ledger_row(1, "中市监罚〔2019〕120号", "销售过期食品案", D(2019, 10, 9), D(2019, 10, 21), LB="行政处罚", BM=SJ),
    ], columns=LEDGER_COLS + ["LB", "BM"], sheet_name="台账")
    p = dict(PENALTY_ORG, CF_WSH="中市监罚〔2019〕120号", CF_JDRQ=D(2019, 10, 9), CF_YXQ=D(2020, 10, 8),
             CF_GSJZQ=D(2020, 4, 9), CF_WFXW="经营超过保质期的食品")
    write_sheet(folder / "行政处罚公示.xlsx", "penalty", [p], sheet_name="行政处罚")
    out = tmp_path / "月.xlsx"
    r = run("monthly-report", "--month", "2019-10", folder, "--today", "2019-11-01", "-o", out, "--format", "json")
    assert r.exit_code == 0, r.output
    late = json.loads(r.stdout)["late"]
    assert [(i["wsh"], i["title"], i["where"]) for i in late] == [
        ("中市监罚〔2019〕120号", "销售过期食品案", "市场监管局台账.xlsx › 台账 第2行")]
    ws = openpyxl.load_workbook(out)["逾期明细"]
    assert (ws["C5"].value, ws["I5"].value) == ("销售过期食品案", "市场监管局台账.xlsx › 台账 第2行")  # 位置 is column I: H holds 迟报说明
