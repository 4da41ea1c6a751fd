"""The words of the 季通报 (render/quarterly_text.py), on departments built by hand: each cell and reason exactly as
the workbook, the screen and the JSON show it (the end-to-end figures are tests/reports/test_quarterly.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sgs_cli.render import quarterly_text as T
from sgs_cli.reports.monthly import Figures
from sgs_cli.reports.quarterly import Department, MonthReport, PeriodReport
from sgs_cli.reports.submissions import Annex


def _figures(**status) -> Figures:
    return Figures(penalty=sum(status.values()), status=Counter(status))


def test_month_report_text():
    due = dt.date(2026, 8, 17)
    assert T.month_report_text(MonthReport(7, due, dt.date(2026, 8, 12), "按时")) == "按时（08-12收到）"
    assert T.month_report_text(MonthReport(8, due, None, "未收到")) == "未收到"


def test_register_cells():
    d = Department("县统计局", plan=dt.date(2026, 3, 2))
    assert (T.plan_text(d, "plan"), T.plan_text(d, "progress")) == ("已报送 2026-03-02", "未报送")
    d.registered = False
    assert T.plan_text(d, "plan") == "—（无登记表）"
    assert (T.liaison_text(d), T.lead_text(d), T.catalog_text(d), T.catalog_check_text(d)) == ("未报送", "—", "无", "—")
    assert T.reports_text(d) == "—"  # no register: no 月报告 known


def test_annex_cells():
    d = Department("县市场监管局", liaison_registered=dt.date(2026, 4, 1), catalog_registered=dt.date(2026, 4, 3))
    assert T.liaison_text(d) == "已登记 2026-04-01（未提供名单文件）"
    assert T.catalog_text(d) == "已登记 2026-04-03（未提供目录文件）"
    d.liaison = Annex("liaison", "/in/联络员名单.xlsx", "Sheet1", rows=[3, 4], lead_missing=["手机号码", "邮箱"])
    d.catalog = Annex("catalog", "/in/事项目录.xlsx", "Sheet1", rows=[3, 4, 5])
    assert T.liaison_text(d) == "有效（联络员名单.xlsx）"
    assert T.lead_text(d) == "否（缺手机号码、邮箱）"
    assert T.catalog_text(d) == "有（事项目录.xlsx，3 项）"
    assert T.catalog_check_text(d) == "通过"
    d.liaison.lead_missing = []
    assert T.lead_text(d) == "是"


def test_monthly_reports_and_months():
    due = dt.date(2026, 8, 17)
    d = Department("县交通局", zero_months=[8], missing_months=[7, 9])
    d.reports = {7: MonthReport(7, due, dt.date(2026, 8, 1), "按时"), 8: MonthReport(8, due, None, "未收到"),
                 9: MonthReport(9, due, None, "未到期")}
    assert T.reports_text(d) == "1/2"  # 按时 of the two due; 9月 not yet due
    assert T.months_text(d) == "8月零报送；7月、9月未报送"
    assert T.months_text(Department("县统计局")) == "无"
    d.reports = {9: MonthReport(9, due, None, "未到期")}
    assert T.reports_text(d) == "未到期"


def test_unranked_reason():
    assert T.unranked_reason(Department("甲")) == "未报送（本期没有报送任何数据）"
    assert T.unranked_reason(Department("乙", has_file=True)) == "零报送（本期没有决定）"
    assert T.unranked_reason(Department("丙", unread=True)) == "文件无法读取（不计为零报送或未报送）"
    assert T.unranked_reason(Department("丁", total=_figures(needs_calendar=2))) == "及时率待定（2 条需要节假日安排）"
    assert (T.unranked_reason(Department("戊", total=_figures(no_report_date=3)))
            == "无法判定及时性（3 条决定没有报送日期）")
    assert (T.unranked_reason(Department("己", total=_figures(pending=2, unknown=1)))
            == "无应报送决定（未到期 2 条，无法计算 1 条）")


def test_span_and_lists():
    rep = PeriodReport(2026, [7, 8, 9], "2026年第3季度", "某县发展和改革委员会", dt.date(2026, 10, 20))
    assert T.span_text(rep) == "2026年7月1日至9月30日"
    late = Department("县统计局", has_file=True, total=_figures(on_time=1, late=1), rank=1)
    late.reports = {8: MonthReport(8, dt.date(2026, 9, 15), dt.date(2026, 9, 18), "逾期")}
    rep.departments = {"县统计局": late, "县交通局": Department("县交通局", missing_months=[7, 8, 9])}
    lists = {k: (title, entries) for k, title, entries in T.named_lists(rep)}
    assert lists["below_threshold"] == ("及时率低于90%的部门", ["县统计局（50.00%）"])
    assert lists["nothing_reported"] == ("本期没有任何决定的部门（未报送或零报送）", ["县交通局（未报送）"])
    assert lists["no_plan"] == ("未报送工作方案或推进计划的部门（未提供报送登记表，无法统计）", [])
    assert lists["no_liaison"][1] == ["县统计局（未报送）", "县交通局（未报送）"]
    assert lists["late_monthly_reports"] == ("月报告未按时报送的部门", ["县统计局（8月逾期）"])
    doc = T.period_json(rep)
    assert doc["unranked"] == [{"department": "县交通局", "reason": "未报送（本期没有报送任何数据）"}]
    assert doc["lists"]["below_threshold"] == ["县统计局（50.00%）"]
    assert [d["unranked_reason"] for d in doc["departments"]] == [None, "未报送（本期没有报送任何数据）"]
