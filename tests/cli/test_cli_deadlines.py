"""`sgs deadlines` and `sgs calendar` through the CLI (docs/contract.md: Calendar and deadlines).

Every expected date is hand-counted from the State Council schedule; the 调休 make-up Saturdays/Sundays
(2019-09-29, 2019-10-12, 2025-09-28, 2025-10-11) are counted as working days. No test depends on
today's date: `--today` is always given where the command would otherwise use it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[2]

D = dt.date




def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def deadlines_json(*args) -> dict:
    r = run("deadlines", *args, "--format", "json", "--today", "2025-10-01")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# ------------------------------------------------------------------------------------ --from


@pytest.mark.parametrize("decided, push", [
    ("2025-09-30", "2025-10-16"),  # National Day + 中秋 2025-10-01..08; 2025-10-11 (Sat) is a 调休 workday
    ("2025-09-26", "2025-10-13"),  # 2025-09-28 (Sun) is a 调休 workday
    ("2026-02-13", "2026-03-02"),  # Spring Festival 2026
    ("2025-12-31", "2026-01-12"),  # New Year 2026-01-01..03, 2026-01-04 (Sun) is a 调休 workday
])
def test_push_deadline_examples_of_design(decided, push):
    out = deadlines_json("--from", decided)
    assert out["decision_date"] == decided
    assert out["push_deadline"] == push
    assert out["counting"].startswith("决定当日不计入")


def test_objection_deadline_three_working_days_lands_on_makeup_saturday():
    out = deadlines_json("--from", "2025-09-30", "--objection-received", "2025-09-30")
    assert out["objection_received"] == "2025-09-30"
    assert out["objection_deadline"] == "2025-10-11"  # a 调休 Saturday
    assert out["push_deadline"] == "2025-10-16"


def test_inclusive_counts_the_decision_day_as_day_one():
    out = deadlines_json("--from", "2025-09-30", "--inclusive")
    # 2025-09-30 is a working day (day 1), then 10-09, 10-10, 10-11 (调休), 10-13, 10-14, 10-15
    assert out["push_deadline"] == "2025-10-15"
    assert out["counting"] == "含决定当日"


def test_monthly_report_due_of_the_decision_month():
    out = deadlines_json("--from", "2025-09-30")
    assert out["monthly_report_due"] == "2025-10-15"
    assert out["monthly_report_due_is_workday"] is True
    assert "monthly_report_next_workday" not in out
    # 2019-11 → 2019-12-15 is a Sunday: extended to the next working day 2019-12-16
    out = deadlines_json("--from", "2019-11-05")
    assert out["monthly_report_due"] == "2019-12-15"
    assert out["monthly_report_due_is_workday"] is False
    assert out["monthly_report_next_workday"] == "2019-12-16"


def test_report_day_option_moves_the_monthly_due_date():
    out = deadlines_json("--from", "2025-09-30", "--report-day", "10")
    assert out["monthly_report_due"] == "2025-10-10"


def test_year_without_calendar_data_is_exit_4_naming_the_year():
    r = run("deadlines", "--from", "2027-01-05", "--format", "json", "--today", "2027-01-05")
    assert r.exit_code == 4
    assert r.stdout == ""  # no half JSON document
    assert "2027" in r.stderr
    assert "缺少 2027 年的节假日和调休安排数据" in r.stderr
    assert "--holidays" in r.stderr  # says how to supply the data
    assert "Traceback" not in r.output


def test_holidays_file_covering_2027_gives_the_deadline(tmp_path):
    hol = tmp_path / "节假日2027.json"
    hol.write_text(json.dumps({"2027": {"holidays": ["2027-01-01"], "workdays": []}}), encoding="utf-8")
    r = run("deadlines", "--from", "2027-01-05", "--holidays", hol, "--format", "json", "--today", "2027-01-05")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    # Tue 2027-01-05: 01-06, 07, 08, 11, 12, 13, 14
    assert out["push_deadline"] == "2027-01-14"
    assert out["monthly_report_due"] == "2027-02-15"


def test_default_to_today_when_from_is_missing():
    out = json.loads(run("deadlines", "--format", "json", "--today", "2025-09-30").stdout)
    assert out["decision_date"] == "2025-09-30"
    assert out["push_deadline"] == "2025-10-16"


# ------------------------------------------------------------------------- publication periods


@pytest.mark.parametrize("decided, regime, lo, hi, repair, takedown", [
    ("2019-07-01", "发改办财金〔2019〕527号", 6, 36, "2020-01-01", "2022-07-01"),
    ("2023-05-01", "国家发展改革委令2023年第58号", 3, 36, "2023-08-01", "2026-05-01"),
    ("2026-04-01", "国家发展改革委令2025年第36号", 12, 36, "2027-04-01", "2029-04-01"),
])
def test_penalty_publication_period_by_regime_severe(decided, regime, lo, hi, repair, takedown):
    out = deadlines_json("--from", decided, "--penalty", "--severity", "严重")
    pub = out["publication"]
    assert pub["regime"] == regime
    assert pub["severity"] == "严重"
    assert (pub["min_months"], pub["max_months"]) == (lo, hi)
    assert pub["earliest_repair"] == repair
    assert pub["latest_takedown"] == takedown
    assert pub["published"] is True


def test_penalty_before_2019_07_01_has_no_regime():
    pub = deadlines_json("--from", "2019-06-30", "--penalty")["publication"]
    assert pub["regime"] is None
    assert "2019年7月1日前" in pub["note"]


def test_bad_severity_is_usage_error():
    r = run("deadlines", "--from", "2025-09-30", "--penalty", "--severity", "特别严重", "--today", "2025-10-01")
    assert r.exit_code == 2
    assert "--severity" in r.stderr and "轻微、一般、严重" in r.stderr


def test_table_output_names_weekday_and_deadline():
    r = run("deadlines", "--from", "2025-09-30", "--today", "2025-10-01")
    assert r.exit_code == 0, r.output
    assert "2025年10月16日（星期四）" in r.stdout
    assert "推送信用平台期限" in r.stdout


# ---------------------------------------------------------------------------------- bad dates


@pytest.mark.parametrize("option", ["--from", "--today", "--objection-received"])
def test_impossible_date_is_exit_2_with_chinese_message(option):
    opts = {"--from": "2025-09-30", "--today": "2025-10-01"}
    opts[option] = "2025-02-30"
    r = run("deadlines", *[x for kv in opts.items() for x in kv])
    assert r.exit_code == 2, r.output
    assert f"{option} 的日期“2025-02-30”无效" in r.stderr
    assert "YYYY-MM-DD" in r.stderr
    assert r.stdout == ""
    assert "Traceback" not in r.output


def test_bad_from_date_exact_case():
    r = run("deadlines", "--from", "2025-02-30")
    assert r.exit_code == 2
    assert "--from 的日期“2025-02-30”无效" in r.stderr


# ------------------------------------------------------------------------------------ --ledger

LEDGER_CODES = [f.code for f in S.LEDGER.fields]

# (WSH, decided, reported) — statuses at --today 2019-12-02 (Monday), hand-counted:
LEDGER = [
    # decided Mon 11-04 → due 11-13 (5,6,7,8,11,12,13); reported on the deadline day → 按时
    ("中市监罚〔2019〕301号", D(2019, 11, 4), D(2019, 11, 13)),
    # decided Tue 11-05 → due 11-14; reported Mon 11-18 → 逾期 2 (11-15, 11-18)
    ("中市监罚〔2019〕302号", D(2019, 11, 5), D(2019, 11, 18)),
    # decided Thu 11-28 → due 12-09 (29, 12/2,3,4,5,6,9); not reported → 剩余 5 (12/3,4,5,6,9)
    ("中市监罚〔2019〕303号", D(2019, 11, 28), None),
    # decided Fri 11-15 → due 11-26; not reported → 已逾期未报送, 4 working days (27, 28, 29, 12/2)
    ("中市监罚〔2019〕304号", D(2019, 11, 15), None),
    # decided Mon 09-30 → 10-01..07 off; 10-08, 09, 10, 11, 12 (调休 Sat), 14, 15 → due 10-15 → 按时
    ("中市监罚〔2019〕305号", D(2019, 9, 30), D(2019, 10, 15)),
    # decided Fri 09-27 → 09-29 (调休 Sun), 09-30, 10-08, 09, 10, 11, 12 (调休 Sat) → due 10-12;
    # reported Mon 10-14 → 逾期 1 (would be on time without the 调休 days)
    ("中市监罚〔2019〕306号", D(2019, 9, 27), D(2019, 10, 14)),
    # no decision date → 无法计算
    ("中市监罚〔2019〕307号", None, None),
]


def write_ledger(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append([f.name for f in S.LEDGER.fields])
    for i, (wsh, decided, reported) in enumerate(LEDGER, start=1):
        ws.append([i, wsh, f"案件{i}", decided, reported, None, None, "行政处罚", "中牟县市场监督管理局"])
        for c in (4, 5):
            ws.cell(ws.max_row, c).number_format = "yyyy/mm/dd"
    wb.save(path)
    return path


def test_ledger_statuses_and_timeliness_rate(tmp_path):
    p = write_ledger(tmp_path / "台账.xlsx")
    r = run("deadlines", "--ledger", p, "--today", "2019-12-02", "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["today"] == "2019-12-02"
    got = [(x["row"], x["wsh"], x["decision_date"], x["due"], x["reported"], x["status"], x["status_text"], x["days"])
           for x in out["records"]]
    assert got == [
        (2, "中市监罚〔2019〕301号", "2019-11-04", "2019-11-13", "2019-11-13", "on_time", "按时", None),
        (3, "中市监罚〔2019〕302号", "2019-11-05", "2019-11-14", "2019-11-18", "late", "逾期 2 个工作日", 2),
        (4, "中市监罚〔2019〕303号", "2019-11-28", "2019-12-09", None, "pending", "剩余 5 个工作日", 5),
        (5, "中市监罚〔2019〕304号", "2019-11-15", "2019-11-26", None, "overdue", "已逾期未报送（4 个工作日）", 4),
        (6, "中市监罚〔2019〕305号", "2019-09-30", "2019-10-15", "2019-10-15", "on_time", "按时", None),
        (7, "中市监罚〔2019〕306号", "2019-09-27", "2019-10-12", "2019-10-14", "late", "逾期 1 个工作日", 1),
        (8, "中市监罚〔2019〕307号", None, None, None, "unknown", "无法计算（无决定日期）", None),
    ]
    assert all(x["sheet"] == "台账" for x in out["records"])
    # 及时率 = 按时 ÷ (按时 + 逾期 + 已逾期未报送) = 2 ÷ (2 + 2 + 1)
    assert out["summary"] == {"records": 7, "on_time": 2, "late": 2, "pending": 1, "overdue": 1, "unknown": 1,
                              "no_report_date": 0, "needs_calendar": 0, "timeliness_rate": 0.4,
                              "timeliness_rate_range": None, "timeliness_text": "40.00%"}
    # English keys, Chinese labels as values
    assert out["status_labels"] == {"on_time": "按时", "late": "逾期", "pending": "未到期", "overdue": "已逾期未报送",
                                    "unknown": "无法计算", "no_report_date": "无法判定及时性",
                                    "needs_calendar": "需要节假日安排"}
    assert out["note"] is None
    assert out["calendar"] == {"needs_calendar_records": 0, "missing_years": [], "provisional_records": 0,
                               "provisional_years": [], "notes": []}


def test_ledger_table_output(tmp_path):
    p = write_ledger(tmp_path / "台账.xlsx")
    r = run("deadlines", "--ledger", p, "--today", "2019-12-02")
    assert r.exit_code == 0, r.output
    assert "共 7 条：按时 2，逾期 2，未到期 1，已逾期未报送 1，无法计算 1；及时率 40.00%" in r.stdout
    assert "剩余 5 个工作日" in r.stdout


def test_ledger_on_a_790_table_says_there_is_no_report_date(tmp_path):
    """A 790 penalty table has no 报送日期: every record is 无报送日期, no 及时率 (not 0 %)."""
    from sgs_cli.reports.ledger import NO_REPORT_DATE_NOTE

    p = ROOT / "examples" / "行政处罚台账.xlsx"
    r = run("deadlines", "--ledger", p, "--today", "2019-12-31", "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["summary"]["timeliness_rate"] is None
    assert out["summary"]["no_report_date"] == out["summary"]["records"] - out["summary"]["unknown"] > 20
    assert out["summary"]["on_time"] == out["summary"]["overdue"] == 0
    assert out["note"] == NO_REPORT_DATE_NOTE
    r = run("deadlines", "--ledger", p, "--today", "2019-12-31")
    assert r.exit_code == 0, r.output
    assert "及时率" not in r.stdout.replace("不计算及时率", "")
    assert "没有“报送日期”" in r.stdout and "0.00%" not in r.stdout


def test_ledger_missing_file_is_exit_3(tmp_path):
    r = run("deadlines", "--ledger", tmp_path / "无此台账.xlsx", "--today", "2019-12-02", "--format", "json")
    assert r.exit_code == 3
    assert r.stdout == ""


# ----------------------------------------------------------------------------------- calendar


def test_calendar_2025_marks_makeup_days():
    r = run("calendar", "2025")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "2025年工作日安排" in out
    sep = out[out.index("\n9月"):out.index("\n10月")]
    octo = out[out.index("\n10月"):out.index("\n11月")]
    assert "28班" in sep  # 2025-09-28 (Sunday) 调休上班
    assert "11班" in octo  # 2025-10-11 (Saturday) 调休上班
    assert " 1休" in octo and " 8休" in octo and " 9 " in octo  # 10-01..08 off, 10-09 an ordinary workday
    assert "国庆节" in octo


def test_calendar_2027_without_data_is_exit_4():
    r = run("calendar", "2027")
    assert r.exit_code == 4
    assert "2027" in r.stderr


def test_calendar_2027_with_holidays_file(tmp_path):
    hol = tmp_path / "h.json"
    hol.write_text(json.dumps({"2027": {"holidays": {"2027-01-01": "元旦"}, "workdays": []}}), encoding="utf-8")
    r = run("calendar", "2027", "--holidays", hol)
    assert r.exit_code == 0, r.output
    assert str(hol) in r.stdout  # the data source is named
    jan = r.stdout[r.stdout.index("\n1月"):r.stdout.index("\n2月")]
    assert " 1休" in jan and "元旦" in jan


def test_deadline_running_into_a_year_without_data_is_exit_4():
    # 2026-12-28 + 7 working days lands in 2027, which the built-in calendar does not cover
    r = run("deadlines", "--from", "2026-12-28", "--format", "json", "--today", "2026-12-28")
    assert r.exit_code == 4
    assert "2027" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("args", [
    ["calendar", "abc"],
    ["deadlines", "--from", "2025-09-30", "--report-day", "abc", "--today", "2025-10-01"],
    ["deadlines", "--from", "2025-09-30", "--report-day", "0", "--today", "2025-10-01"],
])
def test_bad_integer_option_message_is_chinese(args):
    import re

    r = run(*args)
    assert r.exit_code == 2
    assert "错误" in r.stderr
    assert not re.search(r"[A-Za-z]+(?: [A-Za-z]+){3,}", r.stderr), r.stderr  # an English sentence
