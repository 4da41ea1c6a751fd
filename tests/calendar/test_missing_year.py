"""December without next year's holiday schedule (the built-in chinesecalendar data stops at 2026).

One rule for every command: what can be counted inside the known years is computed and shown; what needs
2027 is shown as "需要2027年节假日安排" in its own cell/line (status needs_calendar, JSON fields), counted in
the totals and left out of 及时率, which is then 待定 with the range it will fall in. --provisional counts
2027 with its statutory holidays and marks every such result 暂定. Hand counts:

* 2026-12-15 (Tue) + 7 working days: 16, 17, 18, 21, 22, 23, 24 → 2026-12-24, all in 2026.
* 2026-12-24 (Thu): 25, 28, 29, 30, 31 are 5 working days, the 6th and 7th are in 2027. Provisional 2027
  (2027-01-01 元旦 off, no 调休): 01-04 (6th), 01-05 (7th) → 2027-01-05; unreported on 2027-01-06 →
  已逾期未报送 1 working day (01-06).
* 2026-12-28 (Mon) reported 2026-12-30: 2 working days passed → 按时 whatever 2027 looks like.
* 2026-12-28 + 7 provisional: 29, 30, 31, 01-04, 05, 06, 07 → 2027-01-07.
"""

from __future__ import annotations

import datetime as dt
import json

import chinese_calendar as cc
import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli.reports import decisions as Dn
from sgs_cli import standard as S
from sgs_cli.cli.app import app
from sgs_cli.reports.decisions import STATUSES
from sgs_cli.calendar.provisional import REASON
from sgs_cli.calendar.workdays import CalendarDataMissing, WorkCalendar

D = dt.date
NEEDS = "需要2027年节假日安排"
PROVISIONAL_REASON_START = "尚无国务院办公厅发布的节假日安排，暂按《全国年节及纪念日放假办法》（2024年修订）"

ROWS = [  # 文号, 名称, 决定日期, 报送日期, 类别  → status on 2027-01-06 without 2027 / with --provisional
    ("中市监罚〔2026〕501号", "销售过期食品案", D(2026, 12, 3), D(2026, 12, 8), "行政处罚"),  # 按时 / 按时
    ("中市监许〔2026〕502号", "食品经营许可", D(2026, 12, 10), D(2026, 12, 14), "行政许可"),  # 按时 / 按时
    ("中市监罚〔2026〕503号", "无照经营案", D(2026, 12, 24), None, "行政处罚"),  # 需要2027 / 已逾期未报送 1（暂定）
    ("中市监罚〔2026〕504号", "虚假宣传案", D(2026, 12, 28), D(2026, 12, 30), "行政处罚"),  # 按时 / 按时
]


def run(*args, **kw):
    return CliRunner().invoke(app, [str(a) for a in args], **kw)


@pytest.fixture(autouse=True)
def _no_user_calendar(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)


@pytest.fixture
def ledger(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["行政许可和行政处罚台账"])
    ws.append([f.name for f in S.LEDGER.fields])
    for i, (wsh, title, decided, reported, lb) in enumerate(ROWS, start=1):
        ws.append([i, wsh, title, decided, reported, None, None, lb, "县市场监管局"])
        for c in (4, 5):
            ws.cell(ws.max_row, c).number_format = "yyyy/mm/dd"
    path = tmp_path / "双公示台账_2026-12.xlsx"
    wb.save(path)
    return path


def test_builtin_data_really_stops_at_2026():
    # the situation these tests are about; if a newer chinesecalendar knows 2027, they must be revised
    assert max(d.year for d in cc.holidays) == 2026


# ------------------------------------------------------------------------ deadlines --from


def test_deadline_inside_2026_is_given_and_the_2027_line_is_marked():
    r = run("deadlines", "--from", "2026-12-15", "--today", "2026-12-01")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert "推送信用平台期限（7个工作日）：2026年12月24日（星期四）" in lines
    assert "月报告报送日期：2027年1月15日（星期五）" in lines
    assert f"  是否工作日：{NEEDS}" in lines
    assert sum(NEEDS in line for line in lines) == 2  # the marked line and the note that explains it
    j = json.loads(run("deadlines", "--from", "2026-12-15", "--format", "json", "--today", "2026-12-01").stdout)
    assert j["push_deadline"] == "2026-12-24"
    assert j["monthly_report_due"] == "2027-01-15" and j["monthly_report_due_is_workday"] is None
    assert j["needs_calendar"] == [{"field": "monthly_report_due_is_workday", "year": 2027, "text": NEEDS}]
    assert j["provisional"] is None


def test_deadline_itself_in_2027_is_exit_4_with_version_and_upgrade_hint():
    r = run("deadlines", "--from", "2026-12-28", "--today", "2026-12-28")
    assert r.exit_code == 4
    assert f"已安装的 chinesecalendar 为 {cc.__version__} 版，内置数据到 2026 年" in r.stderr
    assert "pip install -U chinesecalendar" in r.stderr
    assert "这些文件中的年份优先于 chinesecalendar 内置数据" in r.stderr
    assert "sgs calendar 2027 --from-notice 通知.txt" in r.stderr and "--provisional" in r.stderr


def test_provisional_deadline_is_marked():
    r = run("deadlines", "--from", "2026-12-28", "--provisional", "--today", "2026-12-28")
    assert r.exit_code == 0, r.output
    assert "推送信用平台期限（7个工作日）：2027年1月7日（星期四）（暂定）" in r.stdout
    assert "  按暂定日历为工作日" in r.stdout
    assert "  暂定：" + PROVISIONAL_REASON_START in r.stdout
    j = json.loads(run("deadlines", "--from", "2026-12-28", "--provisional", "--format", "json",
                       "--today", "2026-12-28").stdout)
    assert j["push_deadline"] == "2027-01-07"
    assert j["provisional"]["fields"] == ["push_deadline", "monthly_report_due_is_workday"]
    assert j["provisional"]["years"] == [2027]
    assert j["provisional"]["reason"].startswith(PROVISIONAL_REASON_START)
    # a deadline that stays in 2026 is not marked, even in provisional mode
    j = json.loads(run("deadlines", "--from", "2026-11-02", "--provisional", "--format", "json",
                       "--today", "2026-12-28").stdout)
    assert j["provisional"] is None and j["push_deadline"] == "2026-11-11"


# ------------------------------------------------------------------------ part 5: due date in a break


SPRING_NOTE = ("春节假期，不是工作日；之前最后一个工作日 2026年2月14日（星期六）调休上班，"
               "之后第一个工作日 2026年2月24日（星期二）")


def test_report_due_in_the_spring_festival_break_same_words_in_deadlines_and_monthly_report(tmp_path):
    j = json.loads(run("deadlines", "--from", "2026-01-20", "--format", "json", "--today", "2026-01-20").stdout)
    assert j["monthly_report_due"] == "2026-02-15" and j["monthly_report_due_is_workday"] is False
    assert j["monthly_report_last_workday_before"] == "2026-02-14"  # a 调休 Saturday
    assert j["monthly_report_next_workday"] == "2026-02-24"
    assert j["monthly_report_note"] == SPRING_NOTE
    r = run("deadlines", "--from", "2026-01-20", "--today", "2026-01-20")
    assert f"  {SPRING_NOTE}" in r.stdout.splitlines()
    out = tmp_path / "1月.xlsx"
    r = run("monthly-report", "--month", "2026-01", "-o", out, "--today", "2026-02-01", "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["due"]["text"] == f"2026年2月15日（星期日）（{SPRING_NOTE}）"
    assert j["due"]["last_workday_before"] == "2026-02-14" and j["due"]["next_workday_after"] == "2026-02-24"
    info = openpyxl.load_workbook(out)["汇总"]["A2"].value
    assert f"应报送日期：2026年2月15日（星期日）（{SPRING_NOTE}）" in info


# ------------------------------------------------------------------------ deadlines --ledger


def test_ledger_record_that_needs_2027(ledger):
    r = run("deadlines", "--ledger", ledger, "--today", "2027-01-06", "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    got = [(x["row"], x["due"], x["due_text"], x["status"], x["status_text"], x["needs_calendar_year"])
           for x in j["records"]]
    assert got == [
        (3, "2026-12-14", "2026-12-14", "on_time", "按时", None),
        (4, "2026-12-21", "2026-12-21", "on_time", "按时", None),
        # 12-24 (Thu): 25, 28, 29, 30, 31, then 1 January off (元旦, a Friday), 4, 5 → 2027-01-05 whatever the
        # 2027 notice says, unless it adds days off no notice has added around a Friday 元旦
        (5, None, f"{NEEDS}（预计 2027-01-05）", "needs_calendar", NEEDS, 2027),
        (6, None, f"{NEEDS}（预计 2027-01-07）", "on_time", "按时", 2027),  # reported after 2 working days: on time anyway
    ]
    assert [x["due_range"] for x in j["records"]][2:] == [["2027-01-05", "2027-01-05"], ["2027-01-07", "2027-01-07"]]
    s = j["summary"]
    assert s["records"] == 4 == s["on_time"] + s["late"] + s["pending"] + s["overdue"] + s["unknown"] + s["needs_calendar"]
    assert (s["on_time"], s["needs_calendar"]) == (3, 1)
    assert s["timeliness_rate"] is None  # never 100 %: one record cannot be judged
    assert s["timeliness_rate_range"] == [0.75, 1.0]  # 3/4 if it turns out late, 4/4 if on time
    assert s["timeliness_text"] == f"待定（75.00%–100.00%，1 条{NEEDS}）"
    assert j["calendar"]["needs_calendar_records"] == 1 and j["calendar"]["missing_years"] == [2027]
    assert j["calendar"]["notes"][0].startswith(f"1 条记录{NEEDS}，暂无法判断是否按时报送")
    r = run("deadlines", "--ledger", ledger, "--today", "2027-01-06")
    assert f"需要节假日安排 1；及时率 待定（75.00%–100.00%，1 条{NEEDS}）" in r.stdout.replace("\n", "")
    assert "100.00%" not in r.stdout.replace("75.00%–100.00%", "")


def test_ledger_with_provisional_calendar(ledger):
    r = run("deadlines", "--ledger", ledger, "--today", "2027-01-06", "--format", "json", "--provisional")
    j = json.loads(r.stdout)
    got = [(x["row"], x["due_text"], x["status"], x["status_text"], x["provisional"]) for x in j["records"]]
    assert got == [
        (3, "2026-12-14", "on_time", "按时", False),
        (4, "2026-12-21", "on_time", "按时", False),
        (5, "2027-01-05（暂定）", "overdue", "已逾期未报送（1 个工作日）（暂定）", True),
        (6, "2027-01-07（暂定）", "on_time", "按时", False),  # the status does not depend on 2027
    ]
    assert j["summary"]["timeliness_rate"] == 0.75
    assert j["summary"]["timeliness_text"] == "75.00%（暂定）"
    assert j["calendar"]["provisional_records"] == 1 and j["calendar"]["provisional_years"] == [2027]


# ------------------------------------------------------------------------ monthly-report


def test_monthly_report_shows_the_record_that_needs_2027(ledger, tmp_path):
    out = tmp_path / "月报告.xlsx"
    r = run("monthly-report", "--month", "2026-12", ledger, "--today", "2027-01-06", "-o", out)
    assert r.exit_code == 0, r.output
    screen = r.stdout.replace("\n", "")
    assert "按时 3，逾期 0，未到期 0，已逾期未报送 0，无法计算 0，无法判定及时性 0，需要节假日安排 1；" in screen
    assert f"及时率 待定（75.00%–100.00%，1 条{NEEDS}）" in screen
    assert f"  {NEEDS}：中市监罚〔2026〕503号（决定日期 2026-12-24，双公示台账_2026-12.xlsx › 台账 第5行）" in r.stdout
    assert f"注意：1 条记录{NEEDS}" in r.stdout
    assert f"应报送日期 2027-01-15，是否工作日：{NEEDS}" in screen
    wb = openpyxl.load_workbook(out)
    # 使用说明 (hidden, not printed): the 2027 note names the sgs calendar command, kept off the printed sheets
    assert wb.sheetnames == ["汇总", "分部门", "逾期明细", "待判定明细", "其他明细", "问题明细", "使用说明"]
    ws = wb["汇总"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, ws.max_row + 1)}
    assert values["决定总数"] == 4
    assert values["报送状态：按时"] == 3 and values["报送状态：需要节假日安排"] == 1
    parts = [f"报送状态：{s.label}" for s in STATUSES]
    assert sum(values[p] for p in parts) == values["决定总数"]
    assert values["及时率"] == f"待定（75.00%–100.00%，1 条{NEEDS}）"
    assert values["日历说明"].startswith(f"1 条记录{NEEDS}，暂无法判断是否按时报送，未计入及时率")
    ws = wb["待判定明细"]
    assert [ws.cell(5, c).value for c in range(1, 9)] == [
        "县市场监管局", "中市监罚〔2026〕503号", "无照经营案", dt.datetime(2026, 12, 24),
            f"{NEEDS}（预计 2027-01-05）", None, NEEDS,
        "双公示台账_2026-12.xlsx › 台账 第5行"]
    dept = wb["分部门"]
    heads = [dept.cell(4, c).value for c in range(1, dept.max_column + 1)]
    assert dept.cell(5, heads.index("需要节假日安排") + 1).value == 1
    assert dept.cell(5, heads.index("及时率") + 1).value == f"待定（75.00%–100.00%，1 条{NEEDS}）"


def test_monthly_report_provisional(ledger, tmp_path):
    out = tmp_path / "暂定.xlsx"
    r = run("monthly-report", "--month", "2026-12", ledger, "--today", "2027-01-06", "-o", out, "--provisional",
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["total"]["overdue"] == 1 and j["total"]["needs_calendar"] == 0 and j["total"]["provisional"] == 1
    assert j["total"]["timeliness"] == 0.75 and j["timeliness_text"] == "75.00%（暂定）"
    assert j["late"][0]["due"] == "2027-01-05（暂定）"
    assert j["late"][0]["status"] == "已逾期未报送（1 个工作日）（暂定）"
    wb = openpyxl.load_workbook(out)
    ws = wb["汇总"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, ws.max_row + 1)}
    assert values["及时率"] == "75.00%（暂定）"
    assert "标“暂定”" in values["日历说明"] and PROVISIONAL_REASON_START in values["日历说明"]
    assert [c.value for c in wb["逾期明细"][5]][4:7] == ["2027-01-05（暂定）", None, "已逾期未报送（1 个工作日）（暂定）"]
    assert "待判定明细" not in wb.sheetnames
    assert values["报送状态：已逾期未报送"] == 1


# ------------------------------------------------------------------------ validate


def test_validate_ledger_notes_only_the_record_that_cannot_be_judged(ledger):
    r = run("validate", ledger, "--today", "2027-01-06", "--format", "json")
    assert r.exit_code == 0, r.output
    findings = json.loads(r.stdout)["files"][0]["sheets"][0]["findings"]
    assert [(f["code"], f["row"], f["message"]) for f in findings] == [
        ("CALENDAR_NO_DATA", 2, f"1条记录{NEEDS}，暂无法判断是否超过7个工作日期限（第5行）")]
    r = run("validate", ledger, "--today", "2027-01-06", "--format", "json", "--provisional")
    findings = json.loads(r.stdout)["files"][0]["sheets"][0]["findings"]
    assert [(f["code"], f["cell"]) for f in findings] == [("NOT_REPORTED_OVERDUE", "E5"), ("CALENDAR_PROVISIONAL", None)]
    assert findings[0]["message"] == "尚未报送，已超过期限2027/01/05（暂定）（逾期1个工作日）"
    assert findings[1]["message"] == "本表标“暂定”的期限用到2027年的暂定日历：" + REASON


# ------------------------------------------------------------------------ library


def test_is_within_workdays_looks_only_at_the_days_up_to_when():
    cal = WorkCalendar.load(use_default_file=False, use_env=False)
    assert cal.is_within_workdays(D(2026, 12, 24), 7, D(2026, 12, 31))  # 5 working days passed
    # 12-31 … 01-06 are 7 days: within 7 working days whatever 2027 looks like; 01-07 needs 2027
    assert cal.is_within_workdays(D(2026, 12, 30), 7, D(2027, 1, 6))
    with pytest.raises(CalendarDataMissing):
        cal.is_within_workdays(D(2026, 12, 30), 7, D(2027, 1, 7))
    with pytest.raises(CalendarDataMissing):
        cal.is_within_workdays(D(2026, 12, 24), 7, D(2027, 1, 6))
    # the 7th working day after 2026-12-15 is Thursday 12-24: Friday is late, and so is Saturday 12-26
    assert cal.is_within_workdays(D(2026, 12, 15), 7, D(2026, 12, 24))
    assert not cal.is_within_workdays(D(2026, 12, 15), 7, D(2026, 12, 25))
    assert not cal.is_within_workdays(D(2026, 11, 27), 7, D(2026, 12, 12))  # 12-08 is the 7th, 12-12 a Saturday


def test_pending_record_whose_deadline_is_in_2027():
    cal = WorkCalendar.load(use_default_file=False, use_env=False)
    d = Dn.Decision("f", "s", 3, "penalty", "w", "t", "dept", D(2026, 12, 28), None, True)
    Dn.assess(d, cal, D(2026, 12, 30))
    assert (d.status, d.status_text, d.due_text, d.days) == (Dn.PENDING, "未到期", f"{NEEDS}（预计 2027-01-07）", None)
    # on 01-04 only 7 days have passed since the decision (12-29 … 01-04): at most 7 working days, whatever
    # 2027's holidays are — still 未到期, without the 2027 calendar
    Dn.assess(d, cal, D(2027, 1, 4))
    assert (d.status, d.status_text) == (Dn.PENDING, "未到期")
    Dn.assess(d, cal, D(2027, 1, 5))  # 8 days: whether the 7th working day has passed needs 2027's calendar
    assert (d.status, d.status_text) == (Dn.NEEDS_CALENDAR, NEEDS)


def test_validate_submit_date_on_a_790_sheet(sheet):
    from conftest import PENALTY_ORG

    # decided Monday 2026-12-28; publication period 3 months–1 year (一般失信, regime of 2026-04-01)
    rec = dict(PENALTY_ORG, CF_JDRQ=D(2026, 12, 28), CF_YXQ=D(2027, 12, 27), CF_GSJZQ=D(2027, 6, 28))
    # submitted 2026-12-30: 2 working days passed, within the deadline whatever 2027 looks like
    assert sheet.findings("penalty", [rec], today=D(2026, 12, 30), submit_date=D(2026, 12, 30)) == []
    found = sheet.findings("penalty", [rec], today=D(2027, 1, 6), submit_date=D(2027, 1, 6))
    assert [(f.code, f.message) for f in found] == [
        ("CALENDAR_NO_DATA", f"1条记录{NEEDS}，暂无法判断是否超过7个工作日期限（第2行）")]
    assert found[0].rows == [2]  # structured, for JSON and the receipt's per-row reasons
    assert "sgs calendar 2027 --from-notice" in found[0].hint and "--provisional" in found[0].hint
    # provisional: 12-29, 30, 31, 01-04, 05, 06, 07 → 2027-01-07; submitted 01-08 is past it
    found = sheet.findings("penalty", [rec], today=D(2027, 1, 8), submit_date=D(2027, 1, 8), provisional=True)
    assert [(f.code, f.message) for f in found] == [
        ("DEADLINE_PASSED", "按报送日期2027/01/08，以下1条已超过作出决定之日起7个工作日的期限：第2行（期限按暂定日历计算）"),
        ("CALENDAR_PROVISIONAL", "本表标“暂定”的期限用到2027年的暂定日历：" + REASON)]


def test_ledger_note_names_the_installed_version(ledger):
    j = json.loads(run("deadlines", "--ledger", ledger, "--today", "2027-01-06", "--format", "json").stdout)
    assert f"已安装的 chinesecalendar 为 {cc.__version__} 版" in j["calendar"]["notes"][0]
    assert "pip install -U chinesecalendar" in j["calendar"]["notes"][0]
