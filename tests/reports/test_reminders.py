"""`sgs deadlines --ledger` over folders and several files; the 催报清单 (--due-within N, 今天到期 first);
`-o LIST.xlsx`; CSV; and no value cut short when the output is not a terminal."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app

D = dt.date
TODAY = "2019-12-02"  # Monday
LONG_WSH = "中牟县市场监督管理局食品安全监督管理科行政处罚决定书〔2019〕第00001234号"
ROWS = [
    # decided Thu 11-21 → 22, 25, 26, 27, 28, 29, 12-02 → due today
    ("中市监罚〔2019〕401号", D(2019, 11, 21), None),
    # decided Fri 11-22 → due Tue 12-03: 1 working day left
    ("中市监罚〔2019〕402号", D(2019, 11, 22), None),
    # decided Thu 11-28 → due Mon 12-09: 5 left, outside --due-within 2
    ("中市监罚〔2019〕403号", D(2019, 11, 28), None),
    # decided Fri 11-15 → due Tue 11-26: overdue by 4 working days (27, 28, 29, 12-02)
    ("中市监罚〔2019〕404号", D(2019, 11, 15), None),
    # reported in time: never on the list
    ("中市监罚〔2019〕405号", D(2019, 11, 4), D(2019, 11, 13)),
    # decided Fri 11-22 as well, by another department: same due date, listed after 402 (file, row order)
    (LONG_WSH, D(2019, 11, 22), None),
]


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def write_ledger(path, rows=ROWS, dept="中牟县市场监督管理局"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append([f.name for f in S.LEDGER.fields])
    for i, (wsh, decided, reported) in enumerate(rows, start=1):
        ws.append([i, wsh, f"案件{i}", decided, reported, None, None, "行政处罚", dept])
        for c in (4, 5):
            ws.cell(ws.max_row, c).number_format = "yyyy/mm/dd"
    wb.save(path)
    return path


def test_due_within_lists_today_first_then_soon_then_overdue(tmp_path):
    p = write_ledger(tmp_path / "台账.xlsx")
    r = run("deadlines", "--ledger", p, "--due-within", "2", "--today", TODAY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert [(x["group"], x["wsh"], x["due"], x["days"]) for x in doc["records"]] == [
        ("今天到期", "中市监罚〔2019〕401号", "2019-12-02", 0),
        ("即将到期", "中市监罚〔2019〕402号", "2019-12-03", 1),
        ("即将到期", LONG_WSH, "2019-12-03", 1),
        ("已逾期未报送", "中市监罚〔2019〕404号", "2019-11-26", 4),
    ]
    assert doc["summary"] == {"today": 1, "soon": 2, "overdue": 1, "needs_calendar": 0}
    assert doc["within_workdays"] == 2 and doc["files"] == [str(p)]


def test_table_keeps_every_value_whole_when_not_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # an 80-column console, output redirected
    p = write_ledger(tmp_path / "台账.xlsx")
    r = run("deadlines", "--ledger", p, "--due-within", "2", "--today", TODAY)
    assert LONG_WSH in r.stdout and "…" not in r.stdout
    assert "今天到期 1 条，2 个工作日内到期 2 条，已逾期未报送 1 条" in r.stdout
    lines = [line for line in r.stdout.splitlines() if "中市监罚" in line]
    assert lines[0].split()[0] == "今天到期"
    r = run("deadlines", "--ledger", p, "--today", TODAY)  # the one-file ledger table too
    assert LONG_WSH in r.stdout and "…" not in r.stdout


def test_folders_and_several_files(tmp_path):
    folder = tmp_path / "各部门"
    folder.mkdir()
    a = write_ledger(folder / "市场监管局.xlsx")
    b = write_ledger(folder / "卫健委.xlsx", ROWS[:2], dept="中牟县卫生健康委员会")
    c = write_ledger(tmp_path / "交通局.xlsx", ROWS[3:4], dept="中牟县交通运输局")
    r = run("deadlines", "--ledger", folder, "--ledger", c, "--today", TODAY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert sorted(doc["files"]) == sorted(str(x) for x in (a, b, c))
    assert doc["summary"]["records"] == 6 + 2 + 1
    # 按时 1 (405); 已逾期未报送 404 twice (市场监管局, 交通局); pending the rest
    assert (doc["summary"]["on_time"], doc["summary"]["overdue"], doc["summary"]["pending"]) == (1, 2, 6)
    assert doc["status_labels"]["overdue"] == "已逾期未报送"
    assert doc["summary"]["timeliness_rate"] == round(1 / 3, 4)
    r = run("deadlines", "--ledger", folder, "--ledger", c, "--due-within", "0", "--today", TODAY, "--format", "json")
    got = [(x["group"], x["department"]) for x in json.loads(r.stdout)["records"]]
    # same due date: in the order of the inputs (the folder's files by name, then the next --ledger)
    assert got == [("今天到期", "中牟县卫生健康委员会"), ("今天到期", "中牟县市场监督管理局"),
                   ("已逾期未报送", "中牟县市场监督管理局"), ("已逾期未报送", "中牟县交通运输局")]


def test_list_written_to_xlsx_and_never_replaced_without_force(tmp_path):
    p = write_ledger(tmp_path / "台账.xlsx")
    out = tmp_path / "催报清单.xlsx"
    r = run("deadlines", "--ledger", p, "--due-within", "2", "--today", TODAY, "-o", out)
    assert r.exit_code == 0 and f"清单已写入：{out}" in r.stdout
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "催报清单（截至 2019-12-02，2 个工作日内到期及已逾期未报送）"
    assert [c.value for c in ws[2]] == ["分组", "部门", "决定书文号", "事项", "决定日期", "报送期限", "剩余/逾期", "文件", "行"]
    assert [(ws.cell(r, 1).value, ws.cell(r, 3).value, ws.cell(r, 7).value) for r in range(3, 7)] == [
        ("今天到期", "中市监罚〔2019〕401号", "今天"), ("即将到期", "中市监罚〔2019〕402号", "剩余 1 个工作日"),
        ("即将到期", LONG_WSH, "剩余 1 个工作日"), ("已逾期未报送", "中市监罚〔2019〕404号", "逾期 4 个工作日")]
    assert ws.print_title_rows == "$1:$2" and ws.page_setup.orientation == "landscape"
    r = run("deadlines", "--ledger", p, "--due-within", "2", "--today", TODAY, "-o", out)
    assert r.exit_code == 2 and "已存在，未覆盖" in r.stderr
    assert run("deadlines", "--ledger", p, "--today", TODAY, "-o", out, "--force").exit_code == 0
    assert openpyxl.load_workbook(out).active["A1"].value == "双公示台账报送情况（截至 2019-12-02）"


def test_ledger_as_csv(tmp_path):
    p = write_ledger(tmp_path / "台账.xlsx")
    r = run("deadlines", "--ledger", p, "--today", TODAY, "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["文件", "工作表", "行", "决定书文号", "决定日期", "报送期限", "报送日期", "状态"]
    assert rows[1] == ["台账.xlsx", "台账", "2", "中市监罚〔2019〕401号", "2019-11-21", "2019-12-02", "", "剩余 0 个工作日"]
    assert len(rows) == 1 + len(ROWS)


def test_list_options_need_a_ledger():
    r = run("deadlines", "--due-within", "2")
    assert r.exit_code == 2 and "--ledger" in r.stderr


def test_a_790_record_reported_in_the_ledger_is_not_chased(tmp_path):
    from conftest import PENALTY_ORG as ORG, write_penalty

    write_penalty(tmp_path / "处罚.xlsx", [ORG, dict(ORG, CF_WSH="中市监罚〔2019〕202号")])  # decided 11-05, due 11-14
    write_ledger(tmp_path / "台账.xlsx", [("中市监罚〔2019〕201号", D(2019, 11, 5), D(2019, 11, 8))])
    r = run("deadlines", "--ledger", tmp_path, "--due-within", "2", "--today", "2019-11-20", "--format", "json")
    doc = json.loads(r.stdout)
    # 201 is in the ledger with its 报送日期: one decision, reported on time. 202 is only in the 790 table,
    # which has no 报送日期: its status is 无报送日期 (one status model with the monthly report), not 已逾期未报送
    assert [(x["group"], x["wsh"]) for x in doc["records"]] == []
    r = run("deadlines", "--ledger", tmp_path, "--today", "2019-11-20", "--format", "json")
    status = {x["wsh"]: x["status"] for x in json.loads(r.stdout)["records"]}
    assert status == {"中市监罚〔2019〕201号": "on_time", "中市监罚〔2019〕202号": "no_report_date"}


# ------------------------------------------------------------------ January: deadlines that need next year's calendar

DEC_ROWS = [
    # decided Tue 12-22 → due Thu 12-31 (2026 data): overdue; the count of days needs 2027
    ("牟市监罚〔2026〕501号", D(2026, 12, 22), None),
    # decided Mon 12-28: 29, 30, 31, (1 January 元旦, a Friday), 4, 5, 6, 7 → 2027-01-07 by any past notice
    ("牟市监罚〔2026〕502号", D(2026, 12, 28), None),
    # decided Thu 12-10 → due Mon 12-21: overdue
    ("牟市监罚〔2026〕503号", D(2026, 12, 10), None),
    # reported the next day: on time, whatever 2027 says; never chased
    ("牟市监罚〔2026〕504号", D(2026, 12, 29), D(2026, 12, 30)),
    # decided Thu 12-31: 4, 5, 6, 7, 8, 11, 12 → 2027-01-12
    ("牟市监罚〔2026〕505号", D(2026, 12, 31), None),
]
NEEDS_2027 = "需要2027年节假日安排"
HOW_2027 = "通知发布后运行 sgs calendar 2027 --from-notice 通知.txt 补充"


def test_january_due_list_counts_and_groups_what_needs_the_new_year(tmp_path):
    """The issue's reproduction: on 2027-01-06 (no 2027 calendar) the 催报清单 printed 0 due / 0 overdue and
    dropped the December decisions whose deadline needs 2027. Now they are a group of their own, with the dates
    their deadline can fall on, counted in the summary and the JSON, and the line that says how to supply 2027."""
    folder = tmp_path / "2026-12"
    folder.mkdir()
    write_ledger(folder / "台账.xlsx", DEC_ROWS)
    r = run("deadlines", "--ledger", folder, "--due-within", "3", "--today", "2027-01-06", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert [(x["group"], x["wsh"], x["due"], x["due_range"], x["days"]) for x in doc["records"]] == [
        ("已逾期未报送", "牟市监罚〔2026〕503号", "2026-12-21", None, None),
        ("已逾期未报送", "牟市监罚〔2026〕501号", "2026-12-31", None, None),
        ("需要节假日安排", "牟市监罚〔2026〕502号", None, ["2027-01-07", "2027-01-07"], None),
        ("需要节假日安排", "牟市监罚〔2026〕505号", None, ["2027-01-12", "2027-01-12"], None),
    ]
    assert doc["summary"] == {"today": 0, "soon": 0, "overdue": 2, "needs_calendar": 2}
    assert doc["calendar"] == {"needs_calendar_records": 2, "missing_years": [2027]}
    assert doc["notes"][0].startswith(f"2 条尚未报送的记录的期限{NEEDS_2027}（单独列为一组，列出期限可能的日期）；{HOW_2027}")
    r = run("deadlines", "--ledger", folder, "--due-within", "3", "--today", "2027-01-06")
    lines = r.stdout.splitlines()
    row = next(line for line in lines if "502号" in line).split()
    assert row[0] == NEEDS_2027 and f"{NEEDS_2027}（预计" in row and "2027-01-07）" in row
    assert row[row.index("2027-01-07）") + 1:row.index("2027-01-07）") + 3] == ["最早", "2027-01-07"]
    assert next(line for line in lines if "501号" in line).split()[6] == f"逾期（天数{NEEDS_2027}）"
    assert f"今天到期 0 条，3 个工作日内到期 0 条，已逾期未报送 2 条，尚未报送、{NEEDS_2027} 2 条" in r.stdout
    assert f"注意：2 条尚未报送的记录的期限{NEEDS_2027}" in r.stdout and HOW_2027 in r.stdout
    # the reminder workbook carries the group and the line
    out = tmp_path / "催报清单.xlsx"
    assert run("deadlines", "--ledger", folder, "--due-within", "3", "--today", "2027-01-06", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out).active
    assert [ws.cell(r, 1).value for r in range(3, 7)] == ["已逾期未报送", "已逾期未报送", NEEDS_2027, NEEDS_2027]
    assert ws.cell(6, 6).value == f"{NEEDS_2027}（预计 2027-01-12）"
    texts = [ws.cell(r, 1).value or "" for r in range(7, ws.max_row + 1)]
    # the printed list has no tool talk (render/official.scrub): the screen's note without the command
    from sgs_cli.render.official import scrub

    note = next(line for line in lines if line.startswith("注意：2 条"))
    assert HOW_2027 in note and scrub(note) in texts and "sgs calendar" not in scrub(note)
    # with the 2027 calendar supplied (2027 holidays as the provisional law gives them), nothing needs a year
    r = run("deadlines", "--ledger", folder, "--due-within", "3", "--today", "2027-01-06", "--provisional",
            "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["summary"] == {"today": 0, "soon": 1, "overdue": 2, "needs_calendar": 0} and doc["notes"] == []  # 505: 4 left


def test_january_ledger_list_counts_them(tmp_path):
    p = write_ledger(tmp_path / "台账.xlsx", DEC_ROWS)
    r = run("deadlines", "--ledger", p.parent, "--today", "2027-01-06", "--format", "json")
    doc = json.loads(r.stdout)
    # 504 is on time although its deadline needs 2027: reported the day after the decision; 505 (decided 12-31)
    # is 未到期 on 01-06 whatever 2027 says: 6 days have passed, so at most 6 working days; 502 (12-28: 9 days)
    # needs 2027's calendar
    assert doc["summary"]["needs_calendar"] == 1 and doc["summary"]["on_time"] == 1 and doc["summary"]["pending"] == 1
    assert sum(doc["summary"][k] for k in doc["status_labels"]) == doc["summary"]["records"] == 5
    assert doc["calendar"]["needs_calendar_records"] == 1 and HOW_2027 in doc["notes"][0]
    r = run("deadlines", "--ledger", p.parent, "--today", "2027-01-06")
    # 按时 1 of 4 (502 late) … 2 of 4 (502 on time); 505 not yet due
    assert f"无法计算 0，{NEEDS_2027} 1；及时率 待定（25.00%–50.00%，1 条{NEEDS_2027}）" in r.stdout


def test_deadline_range_over_the_spring_festival_of_a_missing_year():
    """A deadline across 春节 2027 (除夕 Fri 5 February): the statutory days alone give 12 February, the longest
    break of past notices (the day before 除夕 to 初七: 4–13 February) gives 19 February."""
    from sgs_cli.calendar.provisional import deadline_range
    from sgs_cli.calendar.workdays import WorkCalendar

    cal = WorkCalendar.load(None, use_env=False, use_default_file=False)
    assert deadline_range(cal, D(2027, 2, 1), 7) == (D(2027, 2, 12), D(2027, 2, 19))
    assert deadline_range(cal, D(2026, 12, 24), 7) == (D(2027, 1, 5), D(2027, 1, 5))
    assert deadline_range(cal, D(2026, 12, 1), 7) == (D(2026, 12, 10), D(2026, 12, 10))  # 2026 data only


def test_january_publication_window_that_needs_the_new_year(tmp_path):
    """`--publication --due-within 10` on 2027-01-29 stopped with exit 4 (the window's end needs 2027). Now the
    window ends between 2027-02-16 (statutory days) and 2027-02-23 (longest 春节 break): a repair date inside it
    for sure is listed, one that is inside only if the break is long is a group of its own."""
    from conftest import PENALTY_ORG, write_penalty

    rows = [dict(PENALTY_ORG, CF_WSH="中市监罚〔2026〕601号", CF_JDRQ=D(2026, 11, 10), CF_YXQ=D(2027, 11, 9),
                 CF_GSJZQ=D(2027, 5, 10)),  # earliest repair 2027-02-10: inside
            dict(PENALTY_ORG, CF_WSH="中市监罚〔2026〕602号", CF_JDRQ=D(2026, 11, 20), CF_YXQ=D(2027, 11, 19),
                 CF_GSJZQ=D(2027, 5, 20)),  # 2027-02-20: inside only if the window ends after it
            dict(PENALTY_ORG, CF_WSH="中市监罚〔2026〕603号", CF_JDRQ=D(2026, 12, 20), CF_YXQ=D(2027, 12, 19),
                 CF_GSJZQ=D(2027, 6, 20))]  # 2027-03-20: outside
    p = write_penalty(tmp_path / "行政处罚.xlsx", rows)
    r = run("deadlines", "--ledger", p, "--publication", "--due-within", "10", "--today", "2027-01-29",
            "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert [(x["wsh"], x["earliest_repair"], x["group"]) for x in doc["records"]] == [
        ("中市监罚〔2026〕601号", "2027-02-10", None), ("中市监罚〔2026〕602号", "2027-02-20", "需要节假日安排")]
    assert doc["summary"] == {"records": 1, "needs_calendar": 1, "not_required": 0}
    assert doc["calendar"] == {"needs_calendar_records": 1, "missing_years": [2027],
                               "window_end_range": ["2027-02-16", "2027-02-23"]}
    assert "10 个工作日的截止日需要2027年节假日安排：2027-02-16 至 2027-02-23 之间" in doc["records"][1]["status"]
    assert HOW_2027 in doc["notes"][0]


def test_january_objections_that_need_the_new_year(tmp_path):
    """An objection received on 2026-12-31 is due on the 3rd working day of 2027: listed in its own group with
    its possible dates, counted, and the how-to line printed — before, it was 无法计算 and left off the list."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "异议登记台账"
    ws.append([f.name for f in S.OBJECTION.fields])
    for got, closed in ((D(2026, 12, 24), None), (D(2026, 12, 31), None)):
        ws.append([got, "异议人", "中市监罚〔2026〕501号", "法规科", None, closed, None, None])
        ws.cell(ws.max_row, 1).number_format = "yyyy/mm/dd"
    wb.save(tmp_path / "异议.xlsx")
    r = run("deadlines", "--objections", tmp_path / "异议.xlsx", "--due-within", "1", "--today", "2027-01-06",
            "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    # 12-24 (Thu) → 25, 28, 29: overdue since 12-29 (2026 data); the count of days needs 2027
    assert [(x["status"], x["received"], x["due"], x["due_range"], x["days"]) for x in doc["records"]] == [
        ("已超期未办结", "2026-12-24", "2026-12-29", None, None),
        ("需要节假日安排", "2026-12-31", None, ["2027-01-06", "2027-01-06"], None)]
    assert doc["summary"]["needs_calendar"] == 1 and doc["summary"]["overdue"] == 1
    assert doc["notes"][0].startswith(f"1 件异议的处理期限{NEEDS_2027}") and HOW_2027 in doc["notes"][0]


def test_ledger_lists_read_et_files_and_name_the_files_they_skip(tmp_path):
    """A WPS .et ledger in the folder is read; a .docx beside it is named with its reason, not dropped silently."""
    import shutil

    folder = tmp_path / "各部门"
    folder.mkdir()
    shutil.move(write_ledger(tmp_path / "a.xlsx"), folder / "市场监管局台账.et")
    (folder / "情况说明.docx").write_bytes(b"PK\x03\x04")
    r = run("deadlines", "--ledger", folder, "--due-within", "2", "--today", TODAY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["summary"] == {"today": 1, "soon": 2, "overdue": 1, "needs_calendar": 0}
    assert [(x["file"].split("/")[-1], x["reason"]) for x in doc["unread_files"]] == [
        ("情况说明.docx", "不是电子表格（.docx）；台账请另存为 .xlsx 或 .xls")]
    r = run("deadlines", "--ledger", folder, "--due-within", "2", "--today", TODAY)
    assert "注意：未读取的文件（1 个）：情况说明.docx：不是电子表格（.docx）" in r.stdout


def test_due_groups_and_objection_states_are_keys(tmp_path):
    """reports/reminders groups the 催报清单 and states the objections by key (their words: render/reminders_text):
    the ledger of the first test on 2019-12-02, and the January objections on 2027-01-06."""
    from sgs_cli.calendar.workdays import WorkCalendar
    from sgs_cli.render.reminders_text import DUE_GROUP, OBJECTION_STATE
    from sgs_cli.reports import reminders as R

    cal = WorkCalendar.load(None, use_env=False, use_default_file=False)
    c = R.collect([write_ledger(tmp_path / "台账.xlsx")], cal, D(2019, 12, 2))
    groups = R.due_groups(c, 2)
    assert {k: [(d.wsh[-4:], d.days) for d in v] for k, v in groups.items()} == {
        R.TODAY: [("401号", 0)], R.SOON: [("402号", 1), (LONG_WSH[-4:], 1)], R.OVERDUE: [("404号", 4)], R.NEEDS: []}
    assert [DUE_GROUP[k] for k in groups] == ["今天到期", "即将到期", "已逾期未报送", "需要节假日安排"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([f.name for f in S.OBJECTION.fields])
    for got in (D(2026, 12, 24), D(2026, 12, 31)):
        ws.append([got, "异议人", "中市监罚〔2026〕501号", "法规科", None, None, None, None])
    wb.save(tmp_path / "异议.xlsx")
    items, _files = R.read_objections([tmp_path / "异议.xlsx"], cal, D(2027, 1, 6))
    assert [(o.received, o.state, o.days) for o in R.objection_rows(items, 1)] == [
        (D(2026, 12, 24), R.O_OVERDUE, None), (D(2026, 12, 31), R.NEEDS, None)]
    assert [OBJECTION_STATE[o.state] for o in items] == ["已超期未办结", "需要节假日安排"]
