"""`sgs monthly-report`: every figure of a hand-built month (2019-11), in the JSON summary and in the
workbook read back with openpyxl (汇总, 分部门, 逾期明细, 问题明细), plus layout, blank template, due
dates and refusals.

Fixture (附件2 台账 with 决定类别 and 行政决定部门, title row 1, header row 2, data from row 3), statistics
date --today 2019-12-02 (Monday). 2019 calendar: 10-01..07 off, 2019-09-29 (Sun) and 2019-10-12 (Sat)
调休 workdays; no holiday in November or early December.

row  dept  类别  决定日期     报送日期     status at 2019-12-02                       findings (errors)
 3   甲    处罚  11-04 Mon    11-13        按时 (due 11-13)                            —
 4   甲    许可  11-05 Tue    11-18        逾期 2 (due 11-14; 11-15, 11-18)            LATE_REPORT E4 (a fact: compliant)
 5   甲    处罚  11-28 Thu    —            未到期, 5 left (due 12-09)                   —
 6   乙    许可  11-29 Fri    —            未到期, 6 left (due 12-10)                   —
 7   乙    许可  11-15 Fri    —            已逾期未报送, 4 (due 11-26)                  REQUIRED_MISSING C7 (项目名称 blank),
                                                                                     NOT_REPORTED_OVERDUE E7 (a fact)
 8   乙    处罚  11-11 Mon    11-08        无法计算 (reported before the decision)       DATE_ORDER E8
 9   甲    处罚  11-04 Mon    11-12        the same decision as row 3: counted once     DUPLICATE_WSH B9
10   甲    处罚  10-31        11-05        previous month: not counted
11   丙    许可  10-10        10-14        previous month: 丙 has nothing in 11 → 零报送
12   乙    许可  09-30        10-16        due 10-15 thanks to the 调休 Saturday 10-12 → 逾期 1 (month 2019-09)

The ledger has an 11th column 迟报说明 (an extension column the department fills for its late reports): row 4
says why; it is shown next to the record in 逾期明细. Late reports are facts (rules/base.Code.fact): they are
counted by 及时率 and listed in 逾期明细, never in 问题明细 nor against 合规率.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import openpyxl
import pytest
from conftest import assert_statuses_add_up, run_checked as run, user_home  # noqa: F401

from sgs_cli import standard as S
from sgs_cli.reports.decisions import STATUSES
from sgs_cli.reports.monthly import figures

D = dt.date
JIA, YI, BING = "中牟县市场监督管理局", "中牟县卫生健康委员会", "中牟县交通运输局"
UNIT = "中牟县信用中心"

ROWS = [  # WSH, 项目名称/案件名称, 决定日期, 报送日期, 决定类别, 行政决定部门
    ("中市监罚〔2019〕101号", "销售过期食品案", D(2019, 11, 4), D(2019, 11, 13), "行政处罚", JIA),
    ("中市监许〔2019〕102号", "食品经营许可", D(2019, 11, 5), D(2019, 11, 18), "行政许可", JIA),
    ("中市监罚〔2019〕103号", "无照经营案", D(2019, 11, 28), None, "行政处罚", JIA),
    ("中卫许〔2019〕201号", "医疗机构执业许可", D(2019, 11, 29), None, "行政许可", YI),
    ("中卫许〔2019〕202号", None, D(2019, 11, 15), None, "行政许可", YI),
    ("中卫罚〔2019〕203号", "非法行医案", D(2019, 11, 11), D(2019, 11, 8), "行政处罚", YI),
    ("中市监罚〔2019〕101号", "销售过期食品案", D(2019, 11, 4), D(2019, 11, 12), "行政处罚", JIA),
    ("中市监罚〔2019〕099号", "虚假宣传案", D(2019, 10, 31), D(2019, 11, 5), "行政处罚", JIA),
    ("中交许〔2019〕301号", "道路运输经营许可", D(2019, 10, 10), D(2019, 10, 14), "行政许可", BING),
    ("中卫许〔2019〕200号", "公共场所卫生许可", D(2019, 9, 30), D(2019, 10, 16), "行政许可", YI),
]

LATE_NOTES = {"中市监许〔2019〕102号": "信用平台账号过期，11月18日恢复后补报"}  # as the department wrote it

FIGURES_KEYS = ["licence", "penalty", "unclassified", "records", "on_time", "late", "pending", "overdue", "unknown",
                "no_report_date", "timeliness", "licence_timeliness", "penalty_timeliness", "published", "web_on_time",
                "web_timeliness", "compliance", "completeness", "duplicates", "first_pass", "first_pass_rate",
                "resubmissions"]
FIGURE_ROWS = figures()


def fig(*values, needs_calendar=0, provisional=0):
    """The JSON figures: the values in FIGURES_KEYS order, 需要节假日安排 and 暂定 (no missing year here)."""
    return {**dict(zip(FIGURES_KEYS, values)), "needs_calendar": needs_calendar, "provisional": provisional}


# hand-computed figures for 2019-11 (see the module docstring), in figures() order: licence, penalty,
# unclassified, records, on_time, late, pending, overdue, unknown, no_report_date, timeliness, licence_timeliness,
# penalty_timeliness, published, web_on_time, web_timeliness, compliance, completeness, duplicates, first_pass,
# first_pass_rate, resubmissions (no return file here: 一次通过 = the records that pass, 重报 0).
# The 推送日期 column is empty: every website publication is pending (rows 5, 6) or overdue.
TOTAL = fig(3, 3, 0, 6, 1, 1, 2, 1, 1, 0, 0.3333, 0.0, 1.0, 0, 0, 0.0, 0.6667, 0.9583, 1, 4, 0.6667, 0)  # 1/3, 0/2, 1/1; 4/6 (row 4's LATE_REPORT is a fact: compliant, first pass; rows 7, 8 not), 23/24
DEPT_JIA = fig(1, 2, 0, 3, 1, 1, 1, 0, 0, 0, 0.5, 0.0, 1.0, 0, 0, 0.0, 1.0, 1.0, 1, 3, 1.0, 0)  # 3/3 (row 4 late is a fact), 12/12
DEPT_YI = fig(2, 1, 0, 3, 0, 0, 1, 1, 1, 0, 0.0, 0.0, None, 0, 0, 0.0, 0.3333, 0.9167, 0, 1, 0.3333, 0)  # 1/3, 11/12
DEPT_BING = fig(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None, None, None, 0, 0, None, None, None, 0, 0, None, 0)


def test_hand_counts_add_up():
    for f in (TOTAL, DEPT_JIA, DEPT_YI, DEPT_BING):
        assert sum(f[s.key] for s in STATUSES) == f["records"] == f["licence"] + f["penalty"] + f["unclassified"]


def depts(j):
    return {d["department"]: {k: v for k, v in d.items() if k not in ("department", "zero_report", "not_reported", "in_roster")}
            for d in j["departments"]}


def write_ledger(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    heads = [f.name for f in S.LEDGER.fields]
    assert heads == ["序号", "行政决定书文号", "项目名称/案件名称", "行政决定日期", "向同级信用平台报送日期",
                     "部门网站“双公示”系统推送日期", "备注", "决定类别", "行政决定部门", "承办科室"]
    ws.append(["行政许可和行政处罚台账"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    ws.append(heads + ["迟报说明"])
    for i, (wsh, title, decided, reported, lb, dept) in enumerate(ROWS, start=1):
        ws.append([i, wsh, title, decided, reported, None, None, lb, dept, None, LATE_NOTES.get(wsh)])
        for c in (4, 5):
            ws.cell(ws.max_row, c).number_format = "yyyy/mm/dd"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def november(tmp_path_factory):
    """One run of the report for 2019-11 (shared by the assertions below to keep the suite fast)."""
    tmp = tmp_path_factory.mktemp("monthly")
    with user_home(tmp):
        ledger = write_ledger(tmp / "ledger.xlsx")
        out = tmp / "月报告.xlsx"
        r = run("monthly-report", "--month", "2019-11", ledger, "--today", "2019-12-02", "-o", out,
                "--format", "json", "--unit", UNIT)
    assert r.exit_code == 0, r.output
    return {"json": json.loads(r.stdout), "wb": openpyxl.load_workbook(out), "out": out, "ledger": ledger}


# ------------------------------------------------------------------------------------- JSON


def test_json_header_fields(november):
    j = november["json"]
    assert j["month"] == "2019-11"
    assert j["unit"] == UNIT
    assert j["report_date"] == "2019-12-02"
    assert j["due_date"] == "2019-12-15"  # 15th of the following month (a Sunday in 2019)
    assert j["blank"] is False
    assert j["files"] == [str(november["ledger"])]
    assert j["output"] == str(november["out"])


def test_json_total_figures(november):
    assert november["json"]["total"] == TOTAL


def test_json_department_figures_and_zero_units(november):
    j = november["json"]
    assert depts(j) == {JIA: DEPT_JIA, YI: DEPT_YI, BING: DEPT_BING}
    assert [(d["department"], d["zero_report"], d["not_reported"], d["in_roster"]) for d in j["departments"]] == [
        (BING, True, False, None), (YI, False, False, None), (JIA, False, False, None)]  # no roster: in_roster unknown
    assert j["zero_units"] == [BING] and j["missing_units"] == []
    assert j["roster"] is None and j["not_in_roster"] == []


def test_json_late_items(november):
    assert november["json"]["late"] == [  # by department name, then decision date
        {"department": YI, "wsh": "中卫许〔2019〕202号", "title": "", "decision_date": "2019-11-15",
         "due": "2019-11-26", "reported": "", "status": "已逾期未报送（4 个工作日）", "where": "ledger.xlsx › 台账 第7行",
         "late_note": ""},
        {"department": JIA, "wsh": "中市监许〔2019〕102号", "title": "食品经营许可", "decision_date": "2019-11-05",
         "due": "2019-11-14", "reported": "2019-11-18", "status": "逾期 2 个工作日", "where": "ledger.xlsx › 台账 第4行",
         "late_note": "信用平台账号过期，11月18日恢复后补报"},
    ]


def test_json_duplicates_unknown_unclassified(november):
    j = november["json"]
    assert j["duplicates"] == [{"department": JIA, "wsh": "中市监罚〔2019〕101号", "title": "销售过期食品案",
                                "decision_date": "2019-11-04", "where": "ledger.xlsx › 台账 第9行",
                                "same_as": "ledger.xlsx › 台账 第3行"}]
    assert [(i["wsh"], i["status"], i["reason"]) for i in j["unknown"]] == [
        ("中卫罚〔2019〕203号", "无法计算（报送日期早于决定日期）", "报送日期早于决定日期")]
    assert j["unclassified"] == []


def test_json_problem_items(november):
    got = [(p["file"], p["sheet"], p["cell"], p["department"], p["wsh"], p["code"], p["field"])
           for p in november["json"]["problems"]]
    assert got == [  # the late E4 and the not reported E7 are facts: in 逾期明细, not here
        ("ledger.xlsx", "台账", "C7", YI, "中卫许〔2019〕202号", "REQUIRED_MISSING", "项目名称/案件名称"),
        ("ledger.xlsx", "台账", "E8", YI, "中卫罚〔2019〕203号", "DATE_ORDER", "向同级信用平台报送日期"),
        ("ledger.xlsx", "台账", "B9", JIA, "中市监罚〔2019〕101号", "DUPLICATE_WSH", "行政决定书文号"),
    ]
    msgs = {p["code"]: p["message"] for p in november["json"]["problems"]}
    assert "第3行" in msgs["DUPLICATE_WSH"]
    assert all(p["hint"] for p in november["json"]["problems"])


# ---------------------------------------------------------------------------------- workbook


def test_workbook_sheets(november):
    # 使用说明: the original notes with their options, for the office's clerk (last, not printed)
    assert november["wb"].sheetnames == ["汇总", "分部门", "逾期明细", "其他明细", "问题明细", "使用说明"]
    notes = [r[0] for r in november["wb"]["使用说明"].iter_rows(values_only=True)]
    assert notes[1].startswith("未提供单位名单（--roster）：")


def test_summary_sheet_values_and_formats(november):
    ws = november["wb"]["汇总"]
    assert [ws.cell(4, c).value for c in (1, 2, 3)] == ["项目", "数值", "计算口径"]
    exact = {"timeliness": 1 / 3, "compliance": 4 / 6, "completeness": 23 / 24, "first_pass_rate": 4 / 6}
    for row, f in enumerate(FIGURE_ROWS, start=5):
        assert ws.cell(row, 1).value == f.label
        assert ws.cell(row, 3).value == f.formula
        value = ws.cell(row, 2).value
        if f.rate:
            assert value == pytest.approx(exact.get(f.key, TOTAL[f.key])), f.label
            assert ws.cell(row, 2).number_format == "0.00%", f.label
        else:
            assert value == TOTAL[f.key], f.label
            assert ws.cell(row, 2).number_format != "0.00%"
    labels = [ws.cell(r, 1).value for r in range(5, 5 + len(FIGURE_ROWS))]
    assert labels[:4] == ["行政许可决定数", "行政处罚决定数", "未分类决定数", "决定总数"]
    zero_row = 5 + len(FIGURE_ROWS) + 1
    assert ws.cell(zero_row, 1).value == "零报送单位"
    assert ws.cell(zero_row, 2).value == BING  # 丙's rows are in the ledger sent: 零报送, not 未报送
    assert (ws.cell(zero_row + 1, 1).value, ws.cell(zero_row + 1, 2).value) == ("未报送单位", "无")
    assert (ws.cell(zero_row + 2, 1).value, ws.cell(zero_row + 2, 2).value) == ("使用的文件", "ledger.xlsx")
    assert ws.cell(zero_row + 3, 1).value == "说明"
    assert ws.cell(zero_row + 3, 2).value.startswith("未提供单位名单：零报送单位只包括输入文件中出现的部门")
    assert ws.cell(zero_row + 4, 1).value == "说明"
    assert ws.cell(zero_row + 4, 2).value == "无法计算的原因：报送日期早于决定日期 1 条（见“其他明细”）"
    assert ws.cell(zero_row + 5, 1).value == "未报送依据"


def test_summary_sheet_title_info_and_layout(november):
    ws = november["wb"]["汇总"]
    title = ws["A1"].value
    assert UNIT in title and "2019年11月" in title
    info = ws["A2"].value
    assert f"填报单位：{UNIT}" in info
    assert "统计日期：2019年12月02日" in info
    assert ("应报送日期：2019年12月15日（星期日）（休息日，不是工作日；之前最后一个工作日 2019年12月13日（星期五），"
            "之后第一个工作日 2019年12月16日（星期一））") in info
    assert ws.freeze_panes == "A5"
    from sgs_cli.render.paper import print_facts

    # the page that is signed: three columns, on one A4 portrait page, nothing printed below 9 pt
    facts = print_facts(ws)
    assert (facts["orientation"], facts["pages_across"], facts["title_rows"]) == ("portrait", 1, "$1:$4")
    assert facts["min_pt"] >= 9
    assert "A1:C1" in {str(r) for r in ws.merged_cells.ranges}


def test_department_sheet(november):
    ws = november["wb"]["分部门"]
    cols = [f for f in FIGURE_ROWS if f.column]
    assert [ws.cell(4, c).value for c in range(1, ws.max_column + 1)] == [
        "部门", "许可", "处罚", "未分类", "决定总数", "按时", "逾期", "未到期", "已逾期未报送", "无法计算", "无法判定及时性",
        "需要节假日安排", "及时率", "许可及时率", "处罚及时率", "网站公示数", "网站按时公示", "网站公示及时率", "合规率", "一次通过率",
        "重报次数", "完整率", "重复", "零报送", "未报送", "不在名单中", "未报送依据"]
    rows = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(5, ws.max_row + 1)]

    def row(name, f, *tail):
        return [name] + [pytest.approx(f[c.key], abs=1e-4) if isinstance(f[c.key], float) else f[c.key]
                         for c in cols] + list(tail)

    assert rows == [  # departments sorted by name, then 合计
        row(BING, DEPT_BING, "是", None, None, None),
        row(YI, DEPT_YI, None, None, None, None),
        row(JIA, DEPT_JIA, None, None, None, None),
        row("合计", TOTAL, 1, 0, None, None),
    ]
    for r in range(5, ws.max_row + 1):
        for c, f in enumerate(cols, start=2):
            assert (ws.cell(r, c).number_format == "0.00%") is f.rate
    assert ws.freeze_panes == "B5"  # 24 columns: 部门 frozen, and repeated on the second page across
    assert ws.page_setup.orientation == "landscape" and ws.print_title_cols == "$A:$A"
    assert UNIT in ws["A1"].value and "2019年11月" in ws["A1"].value


def test_late_sheet(november):
    ws = november["wb"]["逾期明细"]
    assert [ws.cell(4, c).value for c in range(1, 10)] == [
        "部门", "决定书文号", "项目/案件名称", "决定日期", "报送期限", "报送日期", "状态", "迟报说明", "位置"]
    rows = [[ws.cell(r, c).value for c in range(1, 10)] for r in range(5, ws.max_row + 1)]
    t = dt.datetime
    assert rows == [  # dates are date cells shown YYYY/MM/DD; the department's 迟报说明 beside its record
        [YI, "中卫许〔2019〕202号", None, t(2019, 11, 15), t(2019, 11, 26), None, "已逾期未报送（4 个工作日）", None,
         "ledger.xlsx › 台账 第7行"],
        [JIA, "中市监许〔2019〕102号", "食品经营许可", t(2019, 11, 5), t(2019, 11, 14), t(2019, 11, 18), "逾期 2 个工作日",
         "信用平台账号过期，11月18日恢复后补报", "ledger.xlsx › 台账 第4行"],
    ]
    assert {ws.cell(r, c).number_format for r in (5, 6) for c in (4, 5, 6)} == {"yyyy-mm-dd"}
    assert ws.freeze_panes in ("A5", "B5")
    assert ws.page_setup.orientation == "landscape"
    assert "2019年11月" in ws["A1"].value


def test_problem_sheet(november):
    ws = november["wb"]["问题明细"]
    assert [ws.cell(4, c).value for c in range(1, 10)] == [
        "文件", "工作表", "单元格", "部门", "决定书文号", "规则", "字段", "问题", "修改建议"]
    from sgs_cli.rules.codes import title

    # the department reads the rule's name; its code stays for machines in the hidden column J
    rows = [[ws.cell(r, c).value for c in (1, 2, 3, 4, 5, 10, 7)] for r in range(5, ws.max_row + 1)]
    assert rows == [
        ["ledger.xlsx", "台账", "C7", YI, "中卫许〔2019〕202号", "REQUIRED_MISSING", "项目名称/案件名称"],
        ["ledger.xlsx", "台账", "E8", YI, "中卫罚〔2019〕203号", "DATE_ORDER", "向同级信用平台报送日期"],
        ["ledger.xlsx", "台账", "B9", JIA, "中市监罚〔2019〕101号", "DUPLICATE_WSH", "行政决定书文号"],
    ]
    assert ws.column_dimensions["J"].hidden and ws["J4"].value == "规则代码"
    assert [ws.cell(r, 6).value for r in range(5, ws.max_row + 1)] == [title(r[5]) for r in rows]
    assert all(ws.cell(r, 8).value and ws.cell(r, 9).value for r in range(5, ws.max_row + 1))
    assert ws.freeze_panes in ("A5", "B5")
    assert ws.page_setup.orientation == "landscape"


def test_workbook_has_values_not_formulas(november):
    for ws in november["wb"]:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate}"


def test_every_sheet_prints_on_a4_at_9_pt_or_more_with_its_head_repeated(november):
    from sgs_cli.render.paper import print_facts

    got = {}
    notes = november["wb"]["使用说明"]
    assert notes.sheet_state == "hidden" and notes["A1"].value.startswith("本表供信用办经办人员使用（隐藏，不打印）")
    for ws in november["wb"]:
        if ws.title == "使用说明":
            continue
        facts = print_facts(ws)
        assert str(ws.page_setup.paperSize) == "9", ws.title  # A4
        assert facts["min_pt"] >= 9, ws.title  # never shrunk below 9 pt to fit
        assert facts["title_rows"] == "$1:$4", ws.title  # title, info and table head on every page
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.oddHeader.center.text == "“双公示”工作月报告（2019年11月）"
        assert ws.oddHeader.left.text == UNIT
        got[ws.title] = (facts["orientation"], facts["pages_across"], facts["title_cols"])
    assert got == {"汇总": ("portrait", 1, None), "分部门": ("landscape", 2, "$A:$A"),
                   "逾期明细": ("landscape", 1, None), "其他明细": ("landscape", 1, None),
                   "问题明细": ("landscape", 1, None)}


# --------------------------------------------------------------------------- other months


def test_makeup_saturday_decides_a_september_record(tmp_path):
    """The only September record: decided 2019-09-30, due 2019-10-15 because 2019-10-12 (Sat) is a working day;
    reported 2019-10-16 → late by one working day. Every other unit has nothing in September."""
    ledger = write_ledger(tmp_path / "ledger.xlsx")
    r = run("monthly-report", "--month", "2019-09", ledger, "--today", "2019-12-02", "-o", tmp_path / "9.xlsx",
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    # row 12 is only late (a fact): compliant and right the first time, 合规率 and 一次通过率 1/1
    assert j["total"] == fig(1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0.0, 0.0, None, 0, 0, 0.0, 1.0, 1.0, 0, 1, 1.0, 0)
    assert j["late"][0]["due"] == "2019-10-15"
    assert j["late"][0]["status"] == "逾期 1 个工作日"
    assert j["zero_units"] == sorted([JIA, BING])
    assert j["unit"] == YI  # one active unit and no --unit: the report is that unit's
    assert j["due_date"] == "2019-10-15"
    assert j["problems"] == []  # the late report is a fact: in 逾期明细 (j["late"]), not a problem


def test_december_report_is_due_in_january(tmp_path):
    r = run("monthly-report", "--month", "2019-12", "--today", "2020-01-02", "-o", tmp_path / "12.xlsx",
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["due_date"] == "2020-01-15"
    info = openpyxl.load_workbook(tmp_path / "12.xlsx")["汇总"]["A2"].value
    assert "应报送日期：2020年1月15日（星期三）" in info and "不是工作日" not in info  # a Wednesday


def test_report_day_option(tmp_path):
    r = run("monthly-report", "--month", "2019-11", "--report-day", "10", "--today", "2019-12-02",
            "-o", tmp_path / "r.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["due_date"] == "2019-12-10"


# ---------------------------------------------------------------------------- blank template


def test_blank_template_without_ledger(tmp_path):
    out = tmp_path / "空白.xlsx"
    r = run("monthly-report", "--month", "2019-11", "--today", "2019-12-02", "-o", out)
    assert r.exit_code == 0, r.output
    assert "空白" in r.stdout and "2019年11月" in r.stdout and "2019-12-15" in r.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "分部门", "逾期明细", "其他明细", "问题明细"]
    ws = wb["汇总"]
    assert "2019年11月" in ws["A1"].value
    assert "应报送日期：2019年12月15日" in ws["A2"].value
    assert "空白模板" in ws["A2"].value
    assert [ws.cell(r, 1).value for r in range(5, 5 + len(FIGURE_ROWS))] == [f.label for f in FIGURE_ROWS]
    for r, f in enumerate(FIGURE_ROWS, start=5):
        if f.rate:
            assert ws.cell(r, 2).number_format == "0.00%"
    for name, ncols in (("逾期明细", 8), ("其他明细", 7), ("问题明细", 9)):
        s = wb[name]
        assert all(s.cell(4, c).value for c in range(1, ncols + 1)), name
        assert s.max_row == 4, name  # headings only


def test_blank_template_computes_itself(tmp_path):
    """The blank template's number cells are formulas: 决定总数 per row, the 合计 row, 及时率, and 汇总 refers
    to 合计. Filled by hand (two departments), the formulas give the hand-counted figures."""
    out = tmp_path / "空白.xlsx"
    assert run("template", "monthly", "--month", "2019-11", "-o", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["分部门"]
    heads = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    col = {h: openpyxl.utils.get_column_letter(c) for h, c in heads.items()}
    total_row = 5 + 20
    assert ws.cell(total_row, 1).value == "合计"
    assert ws.cell(5, heads["决定总数"]).value == f"={col['许可']}5+{col['处罚']}5+{col['未分类']}5"
    due = f"{col['按时']}5+{col['逾期']}5+{col['已逾期未报送']}5"
    assert ws.cell(5, heads["及时率"]).value == f'=IF(({due})=0,"",{col["按时"]}5/({due}))'
    assert ws.cell(total_row, heads["许可"]).value == f"=SUM({col['许可']}5:{col['许可']}24)"
    assert ws.cell(total_row, heads["按时"]).value == f"=SUM({col['按时']}5:{col['按时']}24)"
    summary = {wb["汇总"].cell(r, 1).value: wb["汇总"].cell(r, 2).value for r in range(5, 5 + len(FIGURE_ROWS))}
    assert summary["决定总数"] == f"=分部门!{col['决定总数']}{total_row}"
    assert summary["及时率"] == f"=分部门!{col['及时率']}{total_row}"
    assert summary["报送状态：无法判定及时性"] == f"=分部门!{col['无法判定及时性']}{total_row}"
    assert summary["行政许可及时率"] is None and summary["合规率"] is None  # need the records: filled by hand
    # evaluate the formulas of a hand-filled copy: 甲 3 许可 1 处罚, 按时 2 逾期 1 已逾期 1; 乙 2 处罚, 按时 1 未到期 1
    filled = {5: {"许可": 3, "处罚": 1, "按时": 2, "逾期": 1, "已逾期未报送": 1},
              6: {"处罚": 2, "按时": 1, "未到期": 1}}
    values = {}

    def cell_value(ref_row, head):
        v = ws.cell(ref_row, heads[head]).value
        if isinstance(v, str) and v.startswith("="):
            return evaluate(v)
        return filled.get(ref_row, {}).get(head, 0) if v is None else v

    def evaluate(formula):
        import re

        f = formula[1:]
        m = re.fullmatch(r"SUM\(([A-Z]+)5:\1(\d+)\)", f)
        if m:
            head = next(h for h, c in col.items() if c == m.group(1))
            return sum(cell_value(r, head) for r in range(5, int(m.group(2)) + 1))
        m = re.fullmatch(r'IF\(\((.+)\)=0,"",([A-Z]+)(\d+)/\(\1\)\)', f)
        if m:
            den = evaluate("=" + m.group(1))
            return "" if den == 0 else evaluate(f"={m.group(2)}{m.group(3)}") / den
        total = 0
        for ref in f.split("+"):
            mm = re.fullmatch(r"([A-Z]+)(\d+)", ref)
            total += cell_value(int(mm.group(2)), next(h for h, c in col.items() if c == mm.group(1)))
        return total

    values = {h: evaluate(ws.cell(total_row, heads[h]).value) for h in ("许可", "处罚", "决定总数", "按时", "及时率")}
    assert values == {"许可": 3, "处罚": 3, "决定总数": 6, "按时": 3, "及时率": pytest.approx(3 / 5)}
    assert evaluate(ws.cell(6, heads["及时率"]).value) == 1.0
    assert evaluate(ws.cell(7, heads["及时率"]).value) == ""  # an empty row shows nothing, not #DIV/0!


def test_blank_template_with_roster_lists_the_departments(tmp_path):
    roster = tmp_path / "名单.xlsx"
    assert run("template", "roster", "-o", roster).exit_code == 0
    wb = openpyxl.load_workbook(roster)
    for i, name in enumerate(["中牟县统计局", "中牟县交通运输局"], start=1):
        wb["单位名单"].append([i, name])
    wb.save(roster)
    out = tmp_path / "空白.xlsx"
    r = run("template", "monthly", "--month", "2019-11", "--roster", roster, "-o", out)
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["分部门"]
    assert [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)] == ["中牟县统计局", "中牟县交通运输局", "合计"]
    assert ws.cell(7, 2).value == "=SUM(B5:B6)"


def test_blank_template_json(tmp_path):
    r = run("monthly-report", "--month", "2019-11", "--today", "2019-12-02", "-o", tmp_path / "b.xlsx",
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["blank"] is True
    assert j["files"] == [] and j["late"] == [] and j["problems"] == []


# ---------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("month", ["2019-13", "2019-00", "19-11", "十一月"])
def test_bad_month_is_exit_2(tmp_path, month):
    r = run("monthly-report", "--month", month, "--today", "2019-12-02", "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 2, r.output
    assert "--month" in r.stderr and "YYYY-MM" in r.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_bad_today_is_exit_2(tmp_path):
    r = run("monthly-report", "--month", "2019-11", "--today", "2019-11-31", "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 2, r.output
    assert "--today" in r.stderr


def test_output_equal_to_input_is_refused(tmp_path):
    ledger = write_ledger(tmp_path / "ledger.xlsx")
    before = hashlib.sha256(ledger.read_bytes()).hexdigest()
    for force in ([], ["--force"]):  # --force never lets a report replace its own input
        r = run("monthly-report", "--month", "2019-11", ledger, "--today", "2019-12-02", "-o", ledger, *force)
        assert r.exit_code == 2
        assert "拒绝覆盖" in r.stderr
    assert hashlib.sha256(ledger.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.xlsx"]  # no temporary file left


def test_missing_ledger_is_exit_3(tmp_path):
    r = run("monthly-report", "--month", "2019-11", tmp_path / "无此台账.xlsx", "--today", "2019-12-02",
            "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 3
    assert not (tmp_path / "x.xlsx").exists()


# ------------------------------------------------------------------------------- folders


def test_folder_of_ledgers(tmp_path):
    folder = tmp_path / "台账"
    folder.mkdir()
    write_ledger(folder / "ledger.xlsx")
    r = run("monthly-report", "--month", "2019-11", folder, "--today", "2019-12-02", "-o", tmp_path / "r.xlsx",
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["total"] == TOTAL
    assert j["unit"] == "各部门汇总"  # several active departments and no --unit


def test_previous_report_in_the_folder_is_not_counted(tmp_path):
    folder = tmp_path / "台账"
    folder.mkdir()
    write_ledger(folder / "ledger.xlsx")
    first = run("monthly-report", "--month", "2019-11", folder, "--today", "2019-12-02", "-o", folder / "月报告.xlsx",
                "--format", "json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["total"] == TOTAL
    again = run("monthly-report", "--month", "2019-11", folder, "--today", "2019-12-02", "-o", tmp_path / "月报告2.xlsx",
                "--format", "json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["total"] == TOTAL


def test_unreadable_ledger_is_exit_3(tmp_path):
    ledger = tmp_path / "台账.xlsx"
    ledger.write_bytes(b"")
    r = run("monthly-report", "--month", "2019-11", ledger, "--today", "2019-12-02", "-o", tmp_path / "r.xlsx",
            "--format", "json")
    assert r.exit_code == 3
    assert "未生成月报告：台账.xlsx：文件“台账.xlsx”是空文件（0 字节）" in r.output and r.stdout == ""  # no JSON
    assert not (tmp_path / "r.xlsx").exists()


def test_report_day_clamped_to_month_end(tmp_path):
    r = run("monthly-report", "--month", "2020-01", "--report-day", "31", "--today", "2020-02-01",
            "-o", tmp_path / "r.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["due_date"] == "2020-02-29"


def _decision(dept, kind, status, push=None, provisional=False, valid=True, filled=3, required=4, section=""):
    from sgs_cli.reports.decisions import Decision

    d = Decision("f.xlsx", "s", 3, kind, "文号", "标题", dept, D(2019, 11, 4), None, valid, filled=filled,
                 required=required, section=section)
    d.status, d.push_status, d.provisional = status, push, provisional
    return d


def test_figures_by_group_bys_count_each_figure_and_totals_are_the_sums():
    """monthly.figures_by (group-bys over the month's decision frame) against a hand count: kinds, statuses,
    statuses by kind, website statuses (None: no 推送日期 column), published, 暂定, valid, items and
    duplicates — also a department that has only a duplicate record, and 未分类 decisions."""
    from sgs_cli.reports import decisions as dc
    from sgs_cli.reports.monthly import figures_by
    from sgs_cli.reports.quarterly import sum_figures

    rows = [
        (_decision(JIA, "penalty", dc.ON_TIME, dc.ON_TIME, provisional=True), False),
        (_decision(JIA, "license", dc.LATE, dc.LATE, valid=False, filled=4), False),
        (_decision(JIA, "unknown", dc.NEEDS_CALENDAR, dc.NEEDS_CALENDAR), False),
        (_decision(YI, "license", dc.OVERDUE, dc.UNKNOWN, filled=0), False),
        (_decision(YI, "penalty", dc.NO_REPORT_DATE), False),
        (_decision(YI, "penalty", dc.ON_TIME, dc.PENDING), True),  # duplicate: only 重复记录数
        (_decision(BING, "license", dc.ON_TIME), True),  # 丙 has a duplicate and nothing else
    ]
    parts, total = figures_by(rows)
    assert list(parts) == [JIA, YI, BING]
    jia, yi, bing = parts[JIA], parts[YI], parts[BING]
    assert (jia.licence, jia.penalty, jia.unclassified, jia.records) == (1, 1, 1, 3)
    assert dict(jia.status) == {dc.ON_TIME: 1, dc.LATE: 1, dc.NEEDS_CALENDAR: 1}
    assert dict(jia.by_kind["license"]) == {dc.LATE: 1} and dict(jia.by_kind["penalty"]) == {dc.ON_TIME: 1}
    assert dict(jia.push) == {dc.ON_TIME: 1, dc.LATE: 1, dc.NEEDS_CALENDAR: 1}
    assert (jia.published, jia.web_on_time, jia.provisional) == (2, 1, 1)
    assert (jia.valid, jia.filled, jia.required, jia.duplicates) == (2, 10, 12, 0)
    assert jia.timeliness is None and jia.licence_timeliness == 0.0 and jia.penalty_timeliness == 1.0
    assert (yi.licence, yi.penalty, yi.records, yi.duplicates) == (1, 1, 2, 1)
    assert dict(yi.status) == {dc.OVERDUE: 1, dc.NO_REPORT_DATE: 1} and dict(yi.push) == {dc.UNKNOWN: 1}
    assert (yi.published, yi.valid, yi.filled, yi.required) == (0, 2, 3, 8)
    assert yi.timeliness == 0.0 and yi.web_timeliness is None
    assert (bing.records, bing.duplicates, dict(bing.status), bing.valid, bing.required) == (0, 1, {}, 0, 0)
    assert total.to_dict() == sum_figures(parts.values()).to_dict()
    assert (total.records, total.duplicates, total.published, total.needs_calendar) == (5, 2, 2, 1)
    assert all(type(v) is int for f in (*parts.values(), total) for v in
               (f.licence, f.valid, f.filled, f.duplicates, *f.status.values(), *f.push.values()))


def test_figures_by_without_decisions_and_by_section():
    from sgs_cli.reports import decisions as dc
    from sgs_cli.reports.monthly import Figures, figures_by

    parts, total = figures_by([])
    assert parts == {} and total.to_dict() == Figures().to_dict()
    parts, total = figures_by([(_decision(JIA, "penalty", dc.ON_TIME, section="执法一科"), False),
                               (_decision(JIA, "license", dc.LATE, section="许可科"), False)], "section")
    assert sorted(parts) == ["执法一科", "许可科"] and parts["许可科"].to_dict()["late"] == 1
    assert total.records == 2 and total.timeliness == 0.5


@pytest.mark.parametrize("provisional", [False, True])
def test_assess_with_a_memo_judges_as_without(provisional):
    """decisions.assess(memo=…) (one judgement per distinct date pair, as monthly.build does) gives every
    decision the same status, days, deadline and 暂定 marks as judging each one afresh — also across a year
    without holiday data, with and without the provisional calendar (which loads years as it goes)."""
    from sgs_cli.calendar.workdays import WorkCalendar
    from sgs_cli.reports import decisions as dc

    today = D(2027, 1, 12)
    dates = [D(2026, 12, 20) + dt.timedelta(days=i) for i in range(0, 24, 3)]
    cases = [(a, r, p) for a in dates for r in (None, a + dt.timedelta(days=5), a - dt.timedelta(days=1))
             for p in (None, a + dt.timedelta(days=9))] * 2

    def run(memo):
        cal = WorkCalendar.load(None, use_env=False, use_default_file=False, provisional=provisional)
        out = []
        for a, r, p in cases:
            d = dc.Decision("f", "s", 1, "penalty", "w", "t", JIA, a, r, True, pushed=p, push_known=p is not None)
            dc.assess(d, cal, today, memo=memo)
            out.append((d.status, d.days, d.due, d.reason, d.push_status, d.missing_year, d.provisional,
                        d.due_provisional, d.status_text, d.due_text))
        return out, cal.provisional_years()

    assert run({}) == run(None)
