"""`sgs annual-assessment --year 2026` on the county fixture (tests/county_quarter.py) with the default scheme
(src/sgs_cli/reports/assessment_scheme.toml), statistics date 2026-10-20: every score and deduction read back against
the hand count below; the scheme file's errors.

Hand count (default scheme: 时效性 30 (逾期 2, 逾期未报送 3, 无法判定及时性 3, nothing sent all year 30), 合规性 20
(1 a record, nothing sent 20), 完整性 10 (0.5 an item, nothing sent 10), 零报送 5 (1 a 零报送 month, 2 an 未报送
month), 月报告 10 (逾期 1, 未收到 2), 工作方案/推进计划 10 (10 / 推进计划 only 0), 联络员 10 (无 10, 不完整 5),
事项目录 5 (无 5, 未通过校验 2)); months ended before 10-20: 1–9; the ledgers are titled 1-9月, so their
months without a decision are 零报送:

市监局 (7 decisions in the year: the June 101 as well)
  时效性  15 逾期 −2, 150 逾期未报送 −3                       = −5   → 25
  合规性  none besides the timeliness and required findings      =  0   → 20
  完整性  30 项目名称 −0.5                                        = −0.5 → 9.5
  零报送  1–5月 −1 each (−5, the maximum)                         = −5   → 0
  the rest in place, all monthly reports on time                  →  10 + 10 + 10 + 5
  total 100 − 10.5 = 89.5
交通局 (no file: sent nothing all year — absent data is never full marks)
  时效性 −30, 合规性 −20, 完整性 −10 (nothing sent)
  零报送  1–9月 未报送: −2, −2, then −1 (the maximum 5), 6 more itemised at 0 = −5
  月报告  8月 未收到 −2, 9月 逾期 −1                                = −3
  推进计划 only −0; 联络员 registered (no file) −0; 事项目录 none −5
  total 100 − 73 = 27
统计局
  时效性  牟统罚〔2026〕4号 逾期 −2; 零报送 1–6月, 8月: −5 (max); 月报告 8月 逾期 −1; 工作方案/推进计划 none −10;
  联络员 lead without 邮箱 −5; 事项目录 C3 −2                       total 100 − 25 = 75
Ranking 1 市监局 89.5, 2 统计局 75, 3 交通局 27 (and a department that sent nothing ranks below every one that
sent data, whatever its points).
科室 (时效性, 合规性, 完整性; out of 60): 市监局 执法稽查大队 (15 −2, 30 −0.5) 57.5, 药品科 60, 食品经营科 (150 −3) 57;
统计局 统计执法监督科 (4 −2) 58.
"""

from __future__ import annotations

import json

import openpyxl
import pytest
from conftest import user_home
from county_quarter import JT, SJ, TJ, TODAY, write_all

from conftest import run_checked as run

UNIT = "中牟县发展和改革委员会"
ITEM_KEYS = ["timeliness", "compliance", "completeness", "zero_report", "monthly_report", "plan", "liaison", "catalog"]


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("y2026")
    with user_home(tmp):
        paths = write_all(tmp)
        out = tmp / "年度考核.xlsx"
        args = ["annual-assessment", "--year", "2026", paths["folder"], "--roster", paths["roster"],
                "--register", paths["register"], "--today", TODAY, "--unit", UNIT, "-o", out]
        r = run(*args, "--format", "json", "--text")
        assert r.exit_code == 0, r.output
        table = run(*args, "--force", "--text")
        assert table.exit_code == 0, table.output
    return {"json": json.loads(r.stdout), "wb": openpyxl.load_workbook(out), "text": table.stdout, "paths": paths,
            "tmp": tmp}


def scores(j):
    return {d["name"]: (d["rank"], d["score"], [d["items"][k]["deducted"] for k in ITEM_KEYS]) for d in j["departments"]}


def test_department_scores(year):
    assert scores(year["json"]) == {
        SJ: (1, 89.5, [5, 0, 0.5, 5, 0, 0, 0, 0]),
        TJ: (2, 75, [2, 0, 0, 5, 1, 10, 5, 2]),
        JT: (3, 27, [30, 20, 10, 5, 3, 0, 0, 5]),
    }


def test_every_deduction_itemised_with_its_source(year):
    j = year["json"]
    ded = j["deductions"]
    for d in j["departments"]:  # the itemised points add up to each item's deduction
        for k in ITEM_KEYS:
            assert sum(x["points"] for x in ded if x["department"] == d["name"] and x["item"] == k) == \
                pytest.approx(d["items"][k]["deducted"]), (d["name"], k)
        assert d["score"] == 100 - sum(x["points"] for x in ded if x["department"] == d["name"])
    sj = [(x["item"], x["points"], x["source"]) for x in ded if x["department"] == SJ]
    assert sj == [("timeliness", 2, "市场监管局台账（1-9月）.xlsx › 台账 第5行"),
                  ("timeliness", 3, "市场监管局台账（1-9月）.xlsx › 台账 第8行"),
                  ("completeness", 0.5, "市场监管局台账（1-9月）.xlsx › 台账 C9")] + \
        [("zero_report", 1, "市场监管局台账（1-9月）.xlsx")] * 5
    first = ded[0]
    assert first["reason"] == ("逾期报送 2 个工作日：中市监罚〔2026〕15号（决定日期 2026-07-20，执法稽查大队），"
                               "期限 2026-07-29，报送 2026-07-31")
    tj = {x["item"]: x for x in ded if x["department"] == TJ}
    assert (tj["monthly_report"]["reason"], tj["monthly_report"]["source"]) == (
        "8月月报告逾期（应于 2026-09-15 前报送，2026-09-18 收到）", "报送登记表.xlsx › 报送登记表 N3")
    assert (tj["plan"]["reason"], tj["plan"]["source"]) == ("工作方案、推进计划均未报送", "报送登记表.xlsx › 报送登记表 B3")
    assert (tj["liaison"]["reason"], tj["liaison"]["source"]) == (
        "联络员第1位联络员信息不完整，缺邮箱", "联络员名单_统计局.xlsx › 联络员 第3行")
    assert tj["catalog"]["source"] == "事项目录_统计局.xlsx › 目录 C3"
    jt = [(x["item"], x["points"], x["reason"]) for x in ded if x["department"] == JT]
    assert jt[:3] == [(k, p, f"全年未报送任何数据（没有台账、790号表），无法考核{n}")
                      for k, p, n in (("timeliness", 30, "时效性"), ("compliance", 20, "合规性"), ("completeness", 10, "完整性"))]
    assert jt[3:7] == [("zero_report", 2, "1月未报送（没有报送该月的数据）"), ("zero_report", 2, "2月未报送（没有报送该月的数据）"),
                       ("zero_report", 1, "3月未报送（没有报送该月的数据）（本项扣满，只扣 1 分）"),
                       ("zero_report", 0, "4月未报送（没有报送该月的数据）（本项已扣满，不再扣分）")]
    assert [x["source"] for x in ded if x["department"] == JT][:4] == ["输入文件中没有该部门的台账或790号表"] * 3 + [
        "输入文件中没有该部门的台账"]
    assert jt[-3:] == [("monthly_report", 2, "8月月报告未收到（应于 2026-09-15 前报送）"),
                       ("monthly_report", 1, "9月月报告逾期（应于 2026-10-15 前报送，2026-10-16 收到）"),
                       ("catalog", 5, "未报送事项目录（输入文件中没有，报送登记表也未登记）")]


def test_sections(year):
    got = [(s["department"], s["name"], s["rank"], s["score"], s["full"], s["figures"]["records"])
           for s in year["json"]["sections"]]
    assert got == [(SJ, "执法稽查大队", 2, 57.5, 60, 3), (SJ, "药品科", 1, 60, 60, 1), (SJ, "食品经营科", 3, 57, 60, 3),
                   (TJ, "统计执法监督科", 1, 58, 60, 2)]
    ws = year["wb"]["分科室"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True)]
    # 合规率 2/3: 30's REQUIRED_MISSING; 15's late report is a fact (rules/base.Code.fact), not a defect
    assert rows[0] == (SJ, "执法稽查大队", 2, 3, pytest.approx(2 / 3, abs=1e-4), pytest.approx(2 / 3, abs=1e-4),
                       pytest.approx(11 / 12, abs=1e-4), 28, 20, 9.5, 57.5)
    assert rows[3][:4] == (TJ, "统计执法监督科", 1, 2)


def test_workbook_read_back(year):
    wb = year["wb"]
    assert wb.sheetnames == ["汇总", "扣分明细", "分科室", "得分图", "图表", "评分标准", "考核报告稿", "报送情况", "输入文件"]
    ws = wb["汇总"]
    assert ws["A1"].value == f"{UNIT}“双公示”工作年度考核（2026年度）"
    assert [c.value for c in ws[4]][:11] == ["名次", "部门", "时效性（30）", "合规性（20）", "完整性（10）", "零报送（5）",
                                             "月报告按时报送（10）", "工作方案/推进计划（10）", "联络员制度（10）",
                                             "事项目录（5）", "总分（100）"]
    rows = [r for r in ws.iter_rows(min_row=5, max_row=7, values_only=True)]
    notes = [r[1] for r in ws.iter_rows(min_row=8, values_only=True) if r[0] == "说明"]
    assert notes == year["json"]["notes"] and notes[0].startswith(f"{SJ}的台账有 2 个版本")  # the data used, on 汇总
    assert [r[:11] for r in rows] == [(1, SJ, 25, 20, 9.5, 0, 10, 10, 10, 5, 89.5),
                                      (2, TJ, 28, 20, 10, 0, 9, 0, 5, 3, 75),
                                      (3, JT, 0, 0, 0, 0, 7, 10, 10, 0, 27)]
    # 合规率 6/7: only 30 (REQUIRED_MISSING); 15 (late) and 150 (not reported) are facts; no return file: 一次通过 = 合规
    assert rows[0][11:17] == (7, pytest.approx(5 / 7, abs=1e-4), pytest.approx(6 / 7, abs=1e-4),
                              pytest.approx(6 / 7, abs=1e-4), 0, pytest.approx(27 / 28, abs=1e-4))
    ded = [r for r in wb["扣分明细"].iter_rows(min_row=5, values_only=True)]
    assert ded[-1][1] == "合计" and ded[-1][4] == pytest.approx(10.5 + 73 + 25)
    assert len(ded) - 1 == len(year["json"]["deductions"])
    charts = wb["得分图"]._charts
    assert len(charts) == 1 and charts[0].type == "bar"
    assert [r[:3] for r in wb["得分图"].iter_rows(min_row=5, values_only=True)] == [(SJ, 89.5, 1), (TJ, 75, 2), (JT, 27, 3)]
    # the year's months: small multiples (one chart per department with a month to draw), not 12 series
    assert [len(c.series) for c in wb["图表"]._charts] == [2, 1, 1]
    rules = [r for r in wb["评分标准"].iter_rows(min_row=5, values_only=True)]
    assert wb["评分标准"]["A2"].value == "评分标准：默认评分标准"  # never the install path
    assert rules[0] == ("时效性", 30, "决定之日起7个工作日内报送信用平台",
                        "每条逾期报送的决定扣 2 分；每条逾期未报送的决定扣 3 分；每条无法判定及时性（没有报送日期）的决定扣 3 分；"
                        "全年未报送任何数据扣 30 分；扣完 30 分为止")


def test_draft_report(year):
    paras = [r[0] for r in year["wb"]["考核报告稿"].iter_rows(values_only=True)]
    assert paras[0] == "关于2026年度“双公示”工作考核情况的报告（草稿）"
    assert paras[2] == ("一、总体情况。全年共作出行政许可决定 4 件、行政处罚决定 5 件，合计 9 件；按时报送 6 件，逾期报送 2 件，"
                        "逾期未报送 1 件，及时率 66.67%，合规率 88.89%，完整率 97.22%。各部门平均得分 63.83 分。")
    # 合规率 8/9: only 市监局 30 fails (REQUIRED_MISSING); the late 15, 4 and the unreported 150 are facts
    assert paras[3] == f"二、考核结果。第1名 {SJ} 89.5 分；第2名 {TJ} 75 分；第3名 {JT} 27 分。"
    assert year["json"]["text"] == paras
    assert paras[3] in year["text"] and f"1. {SJ} 89.5 分" in year["text"]


def test_draft_names_the_departments_below_the_mark(year):
    """四、需要整改的部门: those scoring below reports/assessment.RECTIFY_BELOW (60), the mark the text states."""
    from sgs_cli.reports.assessment import RECTIFY_BELOW

    paras = [r[0] for r in year["wb"]["考核报告稿"].iter_rows(values_only=True)]
    assert RECTIFY_BELOW == 60
    assert paras[5] == f"四、需要整改的部门（得分低于60分）：{JT}（27 分）。"


SCHEME_OK = """title = "某县评分标准"
full_score = 100
[[items]]
key = "timeliness"
name = "时效性"
max = 60
late = 10
overdue = 10
[[items]]
key = "plan"
name = "工作方案"
max = 40
missing = 40
"""


def test_own_scheme(year, tmp_path):
    scheme = tmp_path / "评分.toml"
    scheme.write_text(SCHEME_OK, encoding="utf-8")
    with user_home(tmp_path):
        r = run("annual-assessment", "--year", "2026", year["paths"]["folder"], "--roster", year["paths"]["roster"],
                "--register", year["paths"]["register"], "--today", TODAY, "--scheme", scheme, "-o",
                tmp_path / "o.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    got = {d["name"]: (d["rank"], d["score"]) for d in j["departments"]}
    # 市监局 −10 −10; 统计局 −10 (late) −40 (no plan); 交通局 sent no data: this scheme has no nothing_sent points,
    # yet it ranks below every department that sent data
    assert got == {SJ: (1, 80), TJ: (2, 50), JT: (3, 100)}
    assert [s["full"] for s in j["sections"]] == [60] * 4


@pytest.mark.parametrize("text, code, message", [
    ('title = "x"\nfull_score = 100\n[[items]\nkey = "plan"\n', 2, "第3行"),
    (SCHEME_OK.replace('key = "plan"', 'key = "plans"'), 2, "第10行：未知的项目代码 key = “plans”"),
    (SCHEME_OK.replace("missing = 40", "missing = -4"), 2, "第13行：“plan”的 missing不能为负数（-4）"),
    (SCHEME_OK.replace("missing = 40", "lost = 4"), 2, "第13行：项目“plan”中无法识别的扣分标准“lost”"),
    (SCHEME_OK.replace("max = 40", "max = 30"), 2, "第2行：各项满分之和（90）与总分 full_score（100）不一致"),
    (SCHEME_OK.replace("late = 10", 'late = "十"'), 2, "第7行：“timeliness”的 late应为数字，实际为“十”"),
])
def test_scheme_errors(year, tmp_path, text, code, message):
    scheme = tmp_path / "评分.toml"
    scheme.write_text(text, encoding="utf-8")
    r = run("annual-assessment", "--year", "2026", year["paths"]["folder"], "--scheme", scheme, "-o", tmp_path / "o.xlsx")
    assert r.exit_code == code, r.output
    assert f"评分方案“评分.toml”{message}" in r.output
    assert "Traceback" not in r.output
    assert not (tmp_path / "o.xlsx").exists()


def test_scheme_unreadable(year, tmp_path):
    r = run("annual-assessment", "--year", "2026", year["paths"]["folder"], "--scheme", tmp_path / "无.toml")
    assert r.exit_code == 3 and "评分方案文件" in r.output and "不存在" in r.output
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(SCHEME_OK.encode("gbk"))
    r = run("annual-assessment", "--year", "2026", year["paths"]["folder"], "--scheme", gbk)
    assert r.exit_code == 3 and "不是 UTF-8 编码" in r.output


def test_default_scheme_is_documented_and_adds_up():
    from sgs_cli.reports.assessment import DEFAULT_SCHEME, ITEMS, load_scheme

    s = load_scheme()
    assert [i.key for i in s.items] == ITEM_KEYS == list(ITEMS)
    assert sum(i.max for i in s.items) == s.full_score == 100
    text = DEFAULT_SCHEME.read_text(encoding="utf-8")
    for i in s.items:  # every parameter has a comment saying what it costs
        for p in i.points:
            assert any(line.strip().startswith(f"{p} =") and "#" in line for line in text.splitlines()), p


def test_template_scheme_writes_the_default_scheme(tmp_path):
    """A clerk without the source tree gets the default scheme to edit: `sgs template scheme`."""
    from typer.testing import CliRunner

    from sgs_cli.cli.app import app
    from sgs_cli.reports.assessment import DEFAULT_SCHEME, load_scheme

    out = tmp_path / "本县评分标准.toml"
    r = CliRunner().invoke(app, ["template", "scheme", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8") == DEFAULT_SCHEME.read_text(encoding="utf-8")
    assert load_scheme(out).items == load_scheme(None).items
    r = CliRunner().invoke(app, ["template", "scheme", "-o", str(out)])
    assert r.exit_code == 2 and "已存在" in r.output
    r = CliRunner().invoke(app, ["template", "scheme", "-o", str(tmp_path / "x.xlsx")])
    assert r.exit_code == 2 and ".toml" in r.output
