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
    assert doc["summary"] == {"today": 1, "soon": 2, "overdue": 1}
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
