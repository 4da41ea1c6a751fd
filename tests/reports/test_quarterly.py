"""`sgs quarterly-report` on the county's third quarter of 2026 (tests/county_quarter.py, which states every
row): every figure, rank and list of the workbook read back against the hand count below, the quarter
equal to the sum of its months, the versions of a ledger, the register and the annex files.

Hand count (statistics date 2026-10-20; the June row of 市监局 is outside the quarter; the August version of
市监局's ledger is superseded and never counted):

             month  许可 处罚 总数 按时 逾期 已逾期未报送  及时率  许可   处罚   合规   完整
市监局        7月    1    1    2    1    1    0         1/2    1/1    0/1    2/2    8/8
              8月    1    1    2    2    0    0         2/2    1/1    1/1    2/2    8/8
              9月    1    1    2    1    0    1         1/2    0/1    1/1    1/2    7/8
              Q3     3    3    6    4    1    1         4/6    2/3    2/3    5/6   23/24
统计局        7月    0    1    1    1    0    0         1/1    —      1/1    1/1    4/4
              8月    0    0    0    …  (零报送)
              9月    0    1    1    0    1    0         0/1    —      0/1    1/1    4/4
              Q3     0    2    2    1    1    0         1/2    —      1/2    2/2    8/8
交通局        Q3     nothing (no file)                    —
合计          Q3     3    5    8    5    2    1         5/8    2/3    3/5    7/8   31/32
              7月 3 decisions 2/3, 8月 2 decisions 2/2, 9月 3 decisions 1/3
合规: decisions without an error the department can fix — every row but 市监局 30 (REQUIRED_MISSING); the
late reports (市监局 15, 统计局 4) and the unreported 市监局 150 are facts (rules/base.Code.fact): counted by 及时率,
not against 合规率. 完整: 4 required items a row (序号, 文号, 项目名称, 决定日期),
市监局 30 without 项目名称.
Ranking: 1 市监局 (66.67%), 2 统计局 (50.00%); 交通局 not ranked (nothing due).
Monthly reports (due 7月 08-17, 8月 09-15, 9月 10-15): 市监局 3/3; 统计局 2/3 (8月 09-18 逾期);
交通局 1/3 (8月 未收到, 9月 10-16 逾期).
"""

from __future__ import annotations

import json
import os

import openpyxl
import pytest
from conftest import user_home
from county_quarter import JT, SJ, TJ, TODAY, write_all

from sgs_cli.reports.decisions import STATUSES
from sgs_cli.reports.monthly import figures
from conftest import run_checked as run

UNIT = "中牟县发展和改革委员会"
COUNTS = [f.key for f in figures() if not f.rate]


def approx(v):
    return pytest.approx(v, abs=1e-4)


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("q3")
    with user_home(tmp):
        paths = write_all(tmp)
        out = tmp / "季度通报.xlsx"
        args = ["quarterly-report", "--quarter", "2026Q3", paths["folder"], "--roster", paths["roster"],
                "--register", paths["register"], "--today", TODAY, "--unit", UNIT, "-o", out]
        r = run(*args, "--format", "json", "--text")
        assert r.exit_code == 0, r.output
        text = run(*args, "--text", "--force")
        assert text.exit_code == 0, text.output
    return {"json": json.loads(r.stdout), "wb": openpyxl.load_workbook(out), "text": text.stdout, "paths": paths,
            "out": out, "tmp": tmp}


def dept(j, name):
    return next(d for d in j["departments"] if d["department"] == name)


def test_quarter_figures_per_department(quarter):
    j = quarter["json"]
    assert [d["department"] for d in j["departments"]] == [SJ, TJ, JT]  # roster order
    sj, tj, jt = (dept(j, n)["total"] for n in (SJ, TJ, JT))
    assert (sj["licence"], sj["penalty"], sj["records"], sj["on_time"], sj["late"], sj["overdue"]) == (3, 3, 6, 4, 1, 1)
    assert (sj["timeliness"], sj["licence_timeliness"], sj["penalty_timeliness"]) == (approx(4 / 6), approx(2 / 3), approx(2 / 3))
    assert (sj["compliance"], sj["completeness"]) == (approx(5 / 6), approx(23 / 24))
    assert (tj["licence"], tj["penalty"], tj["records"], tj["on_time"], tj["late"], tj["overdue"]) == (0, 2, 2, 1, 1, 0)
    assert (tj["timeliness"], tj["licence_timeliness"], tj["penalty_timeliness"]) == (0.5, None, 0.5)
    assert (tj["compliance"], tj["completeness"]) == (1.0, 1.0)
    assert jt["records"] == 0 and jt["timeliness"] is None
    t = j["total"]
    assert (t["licence"], t["penalty"], t["records"], t["on_time"], t["late"], t["overdue"]) == (3, 5, 8, 5, 2, 1)
    assert (t["timeliness"], t["licence_timeliness"], t["penalty_timeliness"]) == (approx(5 / 8), approx(2 / 3), approx(3 / 5))
    assert (t["compliance"], t["completeness"]) == (approx(7 / 8), approx(31 / 32))
    assert {m: (v["records"], v["timeliness"]) for m, v in j["months_total"].items()} == {
        "07": (3, approx(2 / 3)), "08": (2, 1.0), "09": (3, approx(1 / 3))}


def test_per_month_figures(quarter):
    sj = dept(quarter["json"], SJ)["months"]
    assert {m: (v["licence"], v["penalty"], v["on_time"], v["late"], v["overdue"], v["compliance"])
            for m, v in sj.items()} == {"07": (1, 1, 1, 1, 0, 1.0), "08": (1, 1, 2, 0, 0, 1.0), "09": (1, 1, 1, 0, 1, 0.5)}
    assert sj["09"]["completeness"] == approx(7 / 8)
    tj = dept(quarter["json"], TJ)
    assert [tj["months"][m]["records"] for m in ("07", "08", "09")] == [1, 0, 1]
    assert tj["zero_months"] == [8] and tj["missing_months"] == []  # its 1-9月 ledger says: no decision in August
    jt = dept(quarter["json"], JT)  # sent nothing: 未报送 every month, never 零报送
    assert (jt["zero_months"], jt["missing_months"], jt["unranked_reason"]) == ([], [7, 8, 9], "未报送（本期没有报送任何数据）")


def test_quarter_is_the_sum_of_its_months(quarter):
    """Every count of the quarter equals the sum of the months' (department and total); the rates are
    recomputed from the summed counts (5/8 for the county, not 2/3, the mean of 2/3, 2/2 and 1/3)."""
    j = quarter["json"]
    for figs, months in [(j["total"], j["months_total"])] + [(d["total"], d["months"]) for d in j["departments"]]:
        for key in COUNTS + ["provisional"]:
            assert figs[key] == sum(m[key] for m in months.values()), key
        due = sum(figs[s.key] for s in STATUSES if s.due)
        assert figs["timeliness"] == (approx(figs["on_time"] / due) if due else None)
    months = j["months_total"].values()  # 2/3, 2/2, 1/3: their mean is 2/3, the quarter's rate 5/8
    assert j["total"]["timeliness"] == approx(5 / 8) != approx(sum(m["timeliness"] for m in months) / 3)
    # and the departments add up to the total
    for key in COUNTS:
        assert j["total"][key] == sum(d["total"][key] for d in j["departments"]), key


def test_summary_sheet_read_back(quarter):
    ws = quarter["wb"]["汇总"]
    assert quarter["wb"].sheetnames == ["汇总", "分月", "排名", "图表", "名单", "通报稿", "报送情况", "输入文件"]
    assert ws["A1"].value == f"{UNIT}“双公示”工作季度通报（2026年第3季度）"
    assert [c.value for c in ws[4]] == ["排名", "部门", "工作方案", "推进计划", "联络员名单", "第1位信息完整", "事项目录",
                                        "目录校验", "目录最近更新", "许可", "处罚", "未分类", "决定总数", "及时率", "许可及时率",
                                        "处罚及时率", "合规率", "一次通过率", "重报次数", "完整率", "零报送/未报送月份",
                                        "月报告按时"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5, max_row=8)]
    d = lambda *a: __import__("datetime").datetime(*a)  # noqa: E731
    assert rows[0][:13] == [1, SJ, "已报送 2026-03-10", "未报送", "有效（联络员名单_市场监管局.xlsx）", "是",
                            "有（事项目录_市场监管局.xlsx，2 项）", "通过", d(2026, 8, 20), 3, 3, 0, 6]
    # 合规率 and 一次通过率 5/6: only 30 fails (15's late report and 150's not reported are facts); no return file
    assert rows[0][13:] == [approx(4 / 6), approx(2 / 3), approx(2 / 3), approx(5 / 6), approx(5 / 6), 0, approx(23 / 24),
                            "无", "3/3"]
    assert rows[1][:13] == [2, TJ, "未报送", "未报送", "有效（联络员名单_统计局.xlsx）", "否（缺邮箱）",
                            "有（事项目录_统计局.xlsx，1 项）",
                            "1 处错误（C3 行政职权类别“行政检查”应为“行政许可”或“行政处罚”）", d(2026, 3, 15), 0, 2, 0, 2]
    assert rows[1][13:] == [0.5, None, 0.5, 1.0, 1.0, 0, 1.0, "8月零报送", "2/3"]  # 4's late report is a fact: 2/2
    assert rows[2] == ["—", JT, "未报送", "已报送 2026-04-01", "已登记 2026-04-01（未提供名单文件）", "—", "无", "—",
                       None, 0, 0, 0, 0, None, None, None, None, None, 0, None, "7月、8月、9月未报送", "1/3"]
    assert rows[3][1] == "合计" and rows[3][9:20] == [3, 5, 0, 8, approx(5 / 8), approx(2 / 3), approx(3 / 5),
                                                     approx(7 / 8), approx(7 / 8), 0, approx(31 / 32)]
    # 7/8: only 市监局 30 fails; no return file: 一次通过 = 合规, 重报 0
    assert [ws.cell(5, c).number_format == "0.00%" for c in range(14, 21)] == [True] * 5 + [False, True]
    for r in rows:  # 许可＋处罚＋未分类 = 决定总数 on every row
        assert r[9] + r[10] + r[11] == r[12]


def test_month_sheet_read_back(quarter):
    """分月: every status has its column, so each row's statuses add up to its 决定总数; the quarter rows are
    the sums of the month rows; each month at its own statistics date (7月 08-15, 8月 09-15, 9月 10-15), which
    here gives the figures of the bulletin's date 10-20: nothing to show beside them."""
    ws = quarter["wb"]["分月"]
    heads = [c.value for c in ws[4]]
    assert heads == ["部门", "期间", "许可", "处罚", "未分类", "决定总数", "按时", "逾期", "未到期", "已逾期未报送", "无法计算",
                     "无法判定及时性", "需要节假日安排", "及时率", "许可及时率", "处罚及时率", "合规率", "一次通过率", "重报次数",
                     "完整率", "零报送/未报送", "月报告", "按本期统计日重算"]
    rows = {(r[0], r[1]): r[2:] for r in ws.iter_rows(min_row=5, values_only=True)}
    # 7月: 15's late report is a fact (合规 2/2); 9月: 150 not reported is a fact, 30 fails (合规 1/2)
    assert rows[(SJ, "7月")] == (1, 1, 0, 2, 1, 1, 0, 0, 0, 0, 0, 0.5, 1.0, 0.0, 1.0, 1.0, 0, 1.0, None, "按时（08-10收到）",
                                 None)
    assert rows[(SJ, "9月")][:12] == (1, 1, 0, 2, 1, 0, 0, 1, 0, 0, 0, 0.5) and rows[(SJ, "9月")][14] == 0.5
    assert rows[(SJ, "本季度")][:8] == (3, 3, 0, 6, 4, 1, 0, 1)
    assert rows[(TJ, "8月")] == (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None, None, None, None, None, 0, None, "零报送",
                                 "逾期（09-18收到）", None)
    assert rows[(JT, "8月")][-3:] == ("未报送", "未收到", None) and rows[(JT, "9月")][-2] == "逾期（10-16收到）"
    assert rows[(JT, "本季度")][-3] == "7月、8月、9月未报送"
    assert rows[("合计", "7月")][:12] == (1, 2, 0, 3, 2, 1, 0, 0, 0, 0, 0, approx(2 / 3))
    assert rows[("合计", "本季度")][:8] == (3, 5, 0, 8, 5, 2, 0, 1)
    for (name, period), r in rows.items():  # 许可＋处罚＋未分类 = 决定总数 = the statuses' sum
        assert r[0] + r[1] + r[2] == r[3] == sum(r[4:11]), (name, period)
    for name in (SJ, TJ, JT, "合计"):
        for i in range(11):
            assert rows[(name, "本季度")][i] == sum(rows[(name, f"{m}月")][i] for m in (7, 8, 9))
    j = quarter["json"]
    assert j["months_as_reported"] == {"07": "2026-08-15", "08": "2026-09-15", "09": "2026-10-15"}
    assert j["recomputed"] == {}


def test_ranking_and_charts(quarter):
    wb = quarter["wb"]
    ws = wb["排名"]
    assert [r for r in ws.iter_rows(min_row=5, values_only=True)] == [
        (1, SJ, approx(4 / 6), approx(5 / 6), approx(23 / 24), 6, 4, 1, 1),  # 合规 5/6: only 30 fails
        (2, TJ, 0.5, 1.0, 1.0, 2, 1, 1, 0),  # 合规 2/2: 4's late report is a fact
        ("—", f"{JT}（未报送（本期没有报送任何数据），不排名）", None, None, None, 0, 0, 0, 0)]
    assert quarter["json"]["unranked"] == [{"department": JT, "reason": "未报送（本期没有报送任何数据）"}]
    assert [(r["rank"], r["department"]) for r in quarter["json"]["ranking"]] == [(1, SJ), (2, TJ)]
    cs = wb["图表"]
    charts = cs._charts
    assert [type(c).__name__ for c in charts] == ["BarChart", "BarChart"]
    # the period's rate (stacked: the certain part, then a 待定 range — none this quarter), each bar labelled
    assert charts[0].type == "col" and charts[0].grouping == "stacked" and len(charts[0].series) == 2
    assert charts[1].grouping == "clustered" and len(charts[1].series) == 3  # 7月, 8月, 9月 side by side
    assert charts[0].series[0].val.numRef.f == "'图表'!$C$5:$C$7" and charts[0].series[0].dLbls.showVal
    assert all(s.dLbls.showVal for s in charts[1].series)
    assert [r for r in cs.iter_rows(min_row=4, max_row=7, values_only=True)] == [
        ("部门", "2026年第3季度及时率", "图示：已确定", "图示：待定范围", "7月", "8月", "9月"),
        (SJ, approx(4 / 6), approx(4 / 6), None, 0.5, 1.0, 0.5), (TJ, 0.5, 0.5, None, 1.0, None, 0.0),
        (f"{JT}（未报送）", None, None, None, None, None, None)]
    # the chart names why 交通局 has no bar as the 排名 does: 未报送 (it said 无应报送决定, which is for a department
    # whose decisions are none of them due yet)


def test_named_lists(quarter):
    lists = quarter["json"]["lists"]
    assert lists == {
        "below_threshold": [f"{SJ}（66.67%）", f"{TJ}（50.00%）"],
        "nothing_reported": [f"{JT}（未报送）"],
        "no_plan": [TJ],  # 交通局 sent a 推进计划 (773: 暂无工作方案的报送工作推进计划)
        "no_liaison": [f"{TJ}（第1位联络员信息不完整，缺邮箱）"],
        "no_catalog": [f"{TJ}（1 处错误（C3 行政职权类别“行政检查”应为“行政许可”或“行政处罚”））", f"{JT}（未报送）"],
        "late_monthly_reports": [f"{TJ}（8月逾期）", f"{JT}（8月未收到、9月逾期）"],
    }
    ws = quarter["wb"]["名单"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True)]
    assert rows[0] == ("及时率低于90%的部门", 1, f"{SJ}（66.67%）")
    assert ("本期没有任何决定的部门（未报送或零报送）", 1, f"{JT}（未报送）") in rows
    assert ("未报送工作方案或推进计划的部门", 1, TJ) in rows


def test_draft_text_sheet_and_text_option(quarter):
    ws = quarter["wb"]["通报稿"]
    paras = [r[0] for r in ws.iter_rows(values_only=True)]
    assert paras[0] == "关于2026年第3季度“双公示”工作情况的通报（草稿）"
    assert paras[3] == ("一、信息报送情况。本期 3 个应报送部门共作出行政许可决定 3 件、行政处罚决定 5 件，合计 8 件"
                        "（7月 3 件（及时率 66.67%），8月 2 件（及时率 100.00%），9月 3 件（及时率 33.33%））。"
                        "按时报送 5 件，逾期报送 2 件，逾期未报送 1 件，及时率 62.50%（行政许可 66.67%，行政处罚 60.00%）；"
                        "合规率 87.50%，完整率 96.88%。")
    assert "三、月报告报送情况。本期应报送月报告 9 份，按时收到 6 份" in paras[5]
    assert paras[7].startswith("五、排名。按及时率（相同时依次比较合规率、完整率）排名，前三名：第1名 中牟县市场监督管理局（66.67%）")
    assert quarter["json"]["text"] == paras
    for p in paras:  # --text prints the same paragraphs
        assert p in quarter["text"]
    assert "已写入：" in quarter["text"]


def test_ledger_versions_latest_wins(quarter):
    j = quarter["json"]
    assert [(os.path.basename(v["used"]), [os.path.basename(s) for s in v["superseded"]], v["by"])
            for v in j["versions"]] == [("市场监管局台账（1-9月）.xlsx", ["市场监管局台账（1-8月）.xlsx"], "标题月份")]
    assert all("1-8月" not in f for f in j["files"])
    rows = [r for r in quarter["wb"]["输入文件"].iter_rows(min_row=5, values_only=True)]
    assert ("未使用（旧版本）", "市场监管局台账（1-8月）.xlsx",
            f"{SJ}：已有更新的版本 市场监管局台账（1-9月）.xlsx") in rows
    assert ("使用", "市场监管局台账（1-9月）.xlsx", SJ) in rows
    assert j["notes"][0].startswith(f"{SJ}的台账有 2 个版本，按标题月份使用最新的 市场监管局台账（1-9月）.xlsx")


def test_register_and_annexes(quarter):
    j = quarter["json"]
    reg = j["register"]
    assert [(f["code"], f["cell"]) for f in reg["findings"]] == [("REGISTER_UNIT_UNKNOWN", "A5")]
    assert "报送登记表中以下单位不在单位名单中，未计入：中牟县教育局" in j["notes"]
    sj, tj, jt = (dept(j, n) for n in (SJ, TJ, JT))
    assert sj["liaison"]["valid"] and sj["liaison"]["lead_complete"] and sj["liaison_in_place"]
    assert tj["liaison"]["valid"] and tj["liaison"]["lead_missing"] == ["邮箱"] and not tj["liaison_in_place"]
    assert jt["liaison"] is None and jt["liaison_registered"] == "2026-04-01" and jt["liaison_in_place"]
    assert [(e["code"], e["cell"]) for e in tj["catalog"]["errors"]] == [("ENUM_INVALID", "C3")]
    assert (sj["catalog_in_place"], tj["catalog_in_place"], jt["catalog_in_place"]) == (True, False, False)
    assert [(r["month"], r["status"], r["due"]) for r in tj["monthly_reports"]] == [
        (7, "按时", "2026-08-17"), (8, "逾期", "2026-09-15"), (9, "按时", "2026-10-15")]
    assert (sj["monthly_reports_on_time"], tj["monthly_reports_on_time"], jt["monthly_reports_on_time"]) == (3, 2, 1)
    ws = quarter["wb"]["报送情况"]
    d = __import__("datetime").datetime
    assert [r for r in ws.iter_rows(min_row=5, values_only=True)] == [
        (SJ, 2, d(2026, 3, 10), None, d(2026, 3, 10), "联络员名单_市场监管局.xlsx › 联络员", "通过", "是",
         d(2026, 3, 12), d(2026, 8, 20), "事项目录_市场监管局.xlsx › 目录", "通过"),
        (TJ, 3, None, None, d(2026, 3, 15), "联络员名单_统计局.xlsx › 联络员", "通过", "否（缺邮箱）",
         d(2026, 3, 15), None, "事项目录_统计局.xlsx › 目录",
         "1 处错误（C3 行政职权类别“行政检查”应为“行政许可”或“行政处罚”）"),
        (JT, 4, None, d(2026, 4, 1), d(2026, 4, 1), "无", "—", "—", None, None, "无", "—")]


def test_template_register(tmp_path):
    out = tmp_path / "登记表.xlsx"
    r = run("template", "register", "-o", out)
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["双公示报送登记表"]
    assert [c.value for c in ws[1]][:6] == ["单位名称", "工作方案报送日期", "推进计划报送日期", "联络员名单报送日期",
                                            "事项目录报送日期", "事项目录更新日期"]
    assert [c.value for c in ws[1]][6:] == [f"{m}月月报告收到日期" for m in range(1, 13)] + ["备注"]


def test_bad_input(quarter, tmp_path):
    p = quarter["paths"]
    r = run("quarterly-report", "--quarter", "2026Q5", p["folder"])
    assert r.exit_code == 2 and "--quarter 的值“2026Q5”无效" in r.output
    r = run("quarterly-report", "--quarter", "2026Q3", p["folder"], "--threshold", "abc", "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 2 and "--threshold" in r.output
    r = run("quarterly-report", "--quarter", "2026Q3", p["folder"], "--register", tmp_path / "无.xlsx",
            "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 3 and "报送登记表" in r.output and "不存在" in r.output
    r = run("quarterly-report", "--quarter", "2026Q3", p["folder"], "-o", quarter["out"])  # exists, no --force
    assert r.exit_code == 2 and "已存在" in r.output
    assert "Traceback" not in r.output


def test_versions_by_file_date_without_title_month(tmp_path):
    """Without a month in the titles or names, the later file date wins."""
    from county_quarter import LEDGER_CODES, SJ_ROWS, _ledger_rows, _write

    from sgs_cli.reports.submissions import pick_versions
    from sgs_cli.validation.engine import ValidateOptions, validate_paths

    a = _write(tmp_path / "市监局台账.xlsx", "ledger", _ledger_rows(SJ_ROWS[:2]), LEDGER_CODES, title=f"{SJ}台账")
    b = _write(tmp_path / "市监局台账（新）.xlsx", "ledger", _ledger_rows(SJ_ROWS[:3]), LEDGER_CODES, title=f"{SJ}台账")
    os.utime(a, (1790000000, 1790000000))
    os.utime(b, (1780000000, 1780000000))
    import datetime as dt

    result = validate_paths([str(tmp_path)], ValidateOptions(today=dt.date(2026, 10, 20), keep_records=True))
    keep, versions, owners = pick_versions(result)
    assert [os.path.basename(k) for k in keep] == ["市监局台账.xlsx"]
    assert versions[0].by == "文件日期" and os.path.basename(versions[0].superseded[0].path) == "市监局台账（新）.xlsx"


def test_title_month():
    from sgs_cli.reports.submissions import title_month

    assert title_month(["中牟县统计局台账（2026年1-9月）"]) == (2026, 9)
    assert title_month(["台账 2026年8月", "统计局台账_2026-09"]) == (2026, 9)
    assert title_month(["统计局台账"]) is None


def test_without_roster_and_register(quarter, tmp_path):
    """Without the register, 工作方案/推进计划 and 月报告 are unknown (said so), not 未报送; without the roster the
    departments are those of the inputs."""
    with user_home(tmp_path):
        r = run("quarterly-report", "--quarter", "2026Q3", quarter["paths"]["folder"], "--today", TODAY,
                "-o", tmp_path / "q.xlsx", "--format", "json", "--text")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert [d["department"] for d in j["departments"]] == sorted([SJ, TJ])
    assert j["lists"]["no_plan"] == [] and j["lists"]["late_monthly_reports"] == []
    assert j["total"]["records"] == 8 and j["register"] is None
    assert "未提供报送登记表（--register）：工作方案、推进计划和月报告的报送情况无法统计" in j["notes"]
    assert j["text"][5] == "三、月报告报送情况。（未提供报送登记表，待补充。）"
    ws = openpyxl.load_workbook(tmp_path / "q.xlsx")["汇总"]
    assert (ws["C5"].value, ws["D5"].value) == ("—（无登记表）", "—（无登记表）")


def test_quarter_and_threshold_options():
    from sgs_cli.errors import UsageError
    from sgs_cli.reports.quarterly import parse_quarter, parse_threshold, quarter_months

    assert parse_quarter("2026Q3") == parse_quarter("2026-q3") == parse_quarter("2026年第三季度") == (2026, 3)
    assert quarter_months(3) == [7, 8, 9] and quarter_months(1) == [1, 2, 3]
    assert parse_threshold(None) == 0.9
    assert parse_threshold("95%") == parse_threshold("95") == parse_threshold("0.95") == pytest.approx(0.95)
    for bad in ("0", "150%", "九十"):
        with pytest.raises(UsageError):
            parse_threshold(bad)


def test_two_ledgers_of_one_department_with_different_decisions_are_both_used(tmp_path):
    """Two 科室's ledgers under the same department title are not versions: both count."""
    import datetime as dt

    from county_quarter import LEDGER_CODES, SJ_ROWS, _ledger_rows, _write

    from sgs_cli.reports.submissions import pick_versions
    from sgs_cli.validation.engine import ValidateOptions, validate_paths

    title = f"{SJ}行政许可和行政处罚台账（2026年1-9月）"
    _write(tmp_path / "食品科台账.xlsx", "ledger", _ledger_rows(SJ_ROWS[:3]), LEDGER_CODES, title=title)
    _write(tmp_path / "药品科台账.xlsx", "ledger", _ledger_rows(SJ_ROWS[3:]), LEDGER_CODES, title=title)
    result = validate_paths([str(tmp_path)], ValidateOptions(today=dt.date(2026, 10, 20), keep_records=True))
    keep, versions, owners = pick_versions(result)
    assert sorted(os.path.basename(k) for k in keep) == ["药品科台账.xlsx", "食品科台账.xlsx"]
    assert versions == [] and set(owners.values()) == {SJ}
