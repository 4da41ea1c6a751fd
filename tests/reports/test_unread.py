"""Every file is accounted for (issue 25 part 5): a WPS .et ledger in a folder is read; a file that cannot be
read and a file of another type are listed with their reason on screen, in JSON and on the 汇总 of the monthly,
quarterly and annual reports, and the department whose only file could not be read shows 文件无法读取 — not
零报送 — while the others are counted as usual.

Hand count (September 2026, roster 市场监管局 / 统计局 / 卫生健康委员会): 统计局 1 decision (on time), 市场监管局 2
(on time) from its .et file, 卫生健康委员会 none (its .xlsx is truncated); 3 decisions in all."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import openpyxl
import pytest

from conftest import run_checked as run

D = dt.date
SJ, TJ, WJ = "中牟县市场监督管理局", "中牟县统计局", "中牟县卫生健康委员会"
BROKEN = f"{WJ}台账.xlsx"
UNREAD_LINE = (f"未读取的文件（2 个）：{BROKEN}：文件“{BROKEN}”已损坏（不完整或被截断），无法解压"
               f"（请重新复制或重新导出该文件；如能用 Excel/WPS 打开，请另存为 .xlsx 后再校验）"
               f"（{WJ}）；说明.docx：不是电子表格（.docx）；台账请另存为 .xlsx 或 .xls")
UNITS_LINE = f"文件无法读取的部门（不计为零报送或未报送）：{WJ}"


@pytest.fixture
def folder(tmp_path):
    from reports.test_reminders import write_ledger

    f = tmp_path / "2026-09"
    f.mkdir()
    write_ledger(f / f"{TJ}台账.xlsx", [("牟统罚〔2026〕1号", D(2026, 9, 3), D(2026, 9, 8))], dept=TJ)
    write_ledger(tmp_path / "sj.xlsx", [("牟市监罚〔2026〕1号", D(2026, 9, 3), D(2026, 9, 8)),
                                         ("牟市监罚〔2026〕2号", D(2026, 9, 10), D(2026, 9, 11))], dept=SJ)
    shutil.move(tmp_path / "sj.xlsx", f / f"{SJ}台账.et")  # WPS saves xlsx bytes under .et
    (f / BROKEN).write_bytes(b"PK\x03\x04" + b"\x00" * 30)  # truncated in transit
    (f / "说明.docx").write_bytes(b"PK\x03\x04")
    roster = tmp_path / "名单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "单位名称"])
    for i, n in enumerate((SJ, TJ, WJ), start=1):
        wb.active.append([i, n])
    wb.save(roster)
    return f, roster


def test_monthly_report_lists_unread_files_and_their_department(folder, tmp_path):
    f, roster = folder
    out = tmp_path / "月报.xlsx"
    r = run("monthly-report", "--month", "2026-09", f, "--roster", roster, "--today", "2026-10-20", "-o", out,
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["total"]["records"] == 3 and j["total"]["on_time"] == 3
    by = {d["department"]: d["records"] for d in j["departments"]}
    assert by == {SJ: 2, TJ: 1, WJ: 0}  # the .et file counts; the broken one's department is listed with 0
    assert j["unread_units"] == [WJ] and WJ not in j["zero_units"]
    assert [(i["file"].split("/")[-1], i["department"]) for i in j["unread_files"]] == [(BROKEN, WJ), ("说明.docx", "")]
    ws = openpyxl.load_workbook(out)["汇总"]
    lines = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    assert lines["未读取的文件"] == UNREAD_LINE
    texts = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    assert UNITS_LINE in texts
    dws = openpyxl.load_workbook(out)["分部门"]
    head = [c.value for c in dws[4]]
    row = next(r for r in dws.iter_rows(min_row=5, values_only=True) if r[0] == WJ)
    assert row[head.index("零报送")] == "文件无法读取"
    r = run("monthly-report", "--month", "2026-09", f, "--roster", roster, "--today", "2026-10-20", "-o", out,
            "--force")
    assert UNREAD_LINE in r.stdout.replace("\n", "") and UNITS_LINE in r.stdout


def test_a_folder_where_nothing_can_be_read_gives_no_report(tmp_path):
    f = tmp_path / "坏"
    f.mkdir()
    (f / BROKEN).write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    r = run("monthly-report", "--month", "2026-09", f, "--today", "2026-10-20", "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 3 and "未生成月报告" in r.output and not (tmp_path / "x.xlsx").exists()


def test_quarterly_and_annual_list_them_on_their_summary(folder, tmp_path):
    f, roster = folder
    out = tmp_path / "季通报.xlsx"
    r = run("quarterly-report", "--quarter", "2026Q3", f, "--roster", roster, "--today", "2026-10-20", "-o", out,
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["unread_units"] == [WJ] and [i["department"] for i in j["unread_files"]] == [WJ, ""]
    assert next(d for d in j["departments"] if d["department"] == WJ)["unreadable_file"] is True
    assert j["unranked"] == [{"department": WJ, "reason": "文件无法读取（不计为零报送或未报送）"}]
    ws = openpyxl.load_workbook(out)["汇总"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert UNREAD_LINE in texts and UNITS_LINE in texts
    col = [c.value for c in ws[4]].index("零报送/未报送月份") + 1
    assert "文件无法读取" in [ws.cell(r, col).value for r in range(5, ws.max_row + 1)]
    r = run("quarterly-report", "--quarter", "2026Q3", f, "--roster", roster, "--today", "2026-10-20", "-o", out,
            "--force")
    assert f"本期没有任何决定的部门（未报送或零报送）：{WJ}（文件无法读取）" in r.stdout
    assert f"不排名：{WJ}（文件无法读取（不计为零报送或未报送））" in r.stdout  # not 未报送: its file is unreadable
    out = tmp_path / "年考核.xlsx"
    r = run("annual-assessment", "--year", "2026", f, "--roster", roster, "--today", "2026-10-20", "-o", out,
            "--format", "json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["unread_units"] == [WJ]
    reasons = [d["reason"] for d in j["deductions"] if d["department"] == WJ and d["item"] == "zero_report"]
    assert reasons[0] == "1月没有可读取的数据（文件无法读取，不是零报送；提供可读取的文件后重新生成）"
    assert not any("零报送（没有" in x for x in reasons)
    ws = openpyxl.load_workbook(out)["汇总"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert UNREAD_LINE in texts and UNITS_LINE in texts


def test_a_report_of_an_earlier_run_in_the_folder_is_named_not_read(folder, tmp_path):
    f, roster = folder
    out = f / "月报告_2026-09.xlsx"  # written into the folder of the ledgers, as clerks do
    assert run("monthly-report", "--month", "2026-09", f, "--roster", roster, "--today", "2026-10-20",
               "-o", out).exit_code == 0
    r = run("monthly-report", "--month", "2026-09", f, "--roster", roster, "--today", "2026-10-20",
            "-o", tmp_path / "again.xlsx", "--format", "json")
    j = json.loads(r.stdout)
    assert j["total"]["records"] == 3  # the report is not read as a ledger
    assert [(i["file"].split("/")[-1], i["reason"]) for i in j["unread_files"]][1] == (
        "月报告_2026-09.xlsx", "本工具此前生成的报告或回执，不作为台账读取")
