"""`validate --split` on the README's example ledger (examples/双公示台账_2019-11.xlsx, 21 records, header in row 2)
at the statistics date 2019-12-31 (examples/README.md lists every finding):

* facts — LATE_REPORT E6 and E9, LATE_PUSH F6, NOT_REPORTED_OVERDUE E14 and E22 — never send a record back:
  rows 6, 9, 14 and 22 pass;
* DUPLICATE_WSH B17 and DATE_ORDER E18 are the department's to fix: rows 17 and 18 go back, and in the return
  file they sit on rows 3 and 4, so their reasons name B3 and E4, with 原行号 17 and 18;
* the 通过 file keeps 19 records and numbers their 序号 1–19 (the original jumps from 9 to 11 at row 12 and
  loses 16, 17 to the return file), which the return file's 汇总 says.

Then the cycle with a 迟报说明: row 6 (late) also loses its 项目名称, so it goes back too; the return file gets a
迟报说明 column for it; the department fills the name and the reason and sends the file back; the monthly report
shows the reason next to the record in 逾期明细.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from sgs_cli.cli.app import app

LEDGER = Path(__file__).resolve().parents[2] / "examples" / "双公示台账_2019-11.xlsx"
NCOLS = 10  # 序号 … 承办科室


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def rows(ws, first=3):
    return [[c.value for c in r] for r in ws.iter_rows(min_row=first) if any(c.value is not None for c in r)]


def test_facts_pass_fixable_rows_go_back_citing_their_own_cells(tmp_path):
    src = tmp_path / LEDGER.name
    shutil.copyfile(LEDGER, src)
    out = tmp_path / "拆分"
    r = run("validate", src, "--today", "2019-12-31", "--split", out)
    assert r.exit_code == 1  # the validation still reports its errors
    assert (f"双公示台账_2019-11.xlsx：共 21 条，通过 19 条 → {out / '通过_双公示台账_2019-11.xlsx'}；"
            f"退回 2 条（有错误，需要修改数据）→ {out / '退回_双公示台账_2019-11.xlsx'}；"
            "4 条有迟报等时效情况（事实，不因此退回，见退回文件汇总）") in r.stdout
    # the terminal labels the facts 事实, not 错误, and counts them apart: E6 (LATE_REPORT), F6 (LATE_PUSH), E9
    # (LATE_REPORT), E14 and E22 (NOT_REPORTED_OVERDUE) are 5 facts; B17 (DUPLICATE_WSH) and E18 (DATE_ORDER) the 2
    # errors; A12 (LEDGER_SEQUENCE) the warning — 2 + 1 + 5 = the 7 errors and 1 warning of the JSON
    labels = {line.split()[1].split("「")[0]: line.split()[0] for line in r.stdout.splitlines()
              if line.startswith("  ") and "台账!" in line}
    assert labels == {"台账!E6": "事实", "台账!F6": "事实", "台账!E9": "事实", "台账!A12": "警告", "台账!E14": "事实",
                      "台账!B17": "错误", "台账!E18": "错误", "台账!E22": "事实"}
    assert "共 1 个文件、1 个工作表、21 行数据：2 个错误，1 个警告，5 项时效情况（事实）\n" in r.stdout
    assert "时效情况（事实）是迟报、逾期未报送等已发生的情况：不需修改数据" in r.stdout
    j = json.loads(run("validate", src, "--today", "2019-12-31", "--format", "json").stdout)
    assert (j["summary"]["errors"], j["summary"]["warnings"], j["summary"]["facts"]) == (7, 1, 5)  # severity kept
    assert {x["cell"]: x["fact"] for x in j["files"][0]["sheets"][0]["findings"]} == {
        "E6": True, "F6": True, "E9": True, "A12": False, "E14": True, "B17": False, "E18": False, "E22": True}

    original = openpyxl.load_workbook(src)["台账"]
    passed = rows(openpyxl.load_workbook(out / "通过_双公示台账_2019-11.xlsx")["台账"])
    kept = [n for n in range(3, 24) if n not in (17, 18)]
    assert [p[1] for p in passed] == [original.cell(n, 2).value for n in kept]  # 文号 in order: 6, 9, 14, 22 pass
    assert [p[0] for p in passed] == list(range(1, 20))  # 序号 renumbered
    assert [original.cell(n, 1).value for n in (11, 12)] == [9, 11]  # the original's jump

    wb = openpyxl.load_workbook(out / "退回_双公示台账_2019-11.xlsx")
    ws = wb["台账"]
    assert [ws.cell(2, c).value for c in range(NCOLS + 1, NCOLS + 4)] == ["原行号", "错误原因", "修改建议"]
    got = rows(ws)
    assert [g[1] for g in got] == [original.cell(17, 2).value, original.cell(18, 2).value]
    assert [g[NCOLS] for g in got] == [17, 18]
    assert got[0][NCOLS + 1] == "B3「行政决定书文号」行政决定书文号与第16行重复"
    assert got[1][NCOLS + 1] == "E4「向同级信用平台报送日期」向同级信用平台报送日期2019/11/05早于行政决定日期2019/11/15"
    assert ws["B3"].comment is not None and ws["E4"].comment is not None  # the marks moved with the records
    head = wb["汇总"]["A2"].value
    assert head.startswith("以下2条记录有需要修改的错误，退回修改（另有19条已通过")
    assert "另有4条记录存在迟报、逾期未报送等时效情况，属于已发生的事实，不需修改数据，不因此退回" in head
    assert "“通过_”文件中“台账”表的序号已按通过的记录重新从1连续编号" in head


def test_a_late_record_sent_back_gets_a_late_note_column_read_by_the_monthly_report(tmp_path):
    src = tmp_path / LEDGER.name
    shutil.copyfile(LEDGER, src)
    wb = openpyxl.load_workbook(src)
    wb["台账"]["C6"] = None  # 项目名称 missing: row 6 (late) has a fixable error as well
    wb.save(src)
    out = tmp_path / "拆分"
    run("validate", src, "--today", "2019-12-31", "--split", out)
    back = out / "退回_双公示台账_2019-11.xlsx"
    wb = openpyxl.load_workbook(back)
    ws = wb["台账"]
    assert [ws.cell(2, c).value for c in range(NCOLS + 1, NCOLS + 5)] == ["迟报说明", "原行号", "错误原因", "修改建议"]
    assert [ws.cell(r, NCOLS + 2).value for r in (3, 4, 5)] == [6, 17, 18]
    assert ws.cell(3, NCOLS + 1).fill.fgColor.rgb.endswith("E4DFEC")  # the late row's reason is asked for
    assert ws.cell(4, NCOLS + 1).fill.fgColor.rgb in (None, "00000000")
    reasons = ws.cell(3, NCOLS + 3).value
    assert reasons.startswith("C3「项目名称/案件名称」")
    assert "【事实，不需修改数据】E3「向同级信用平台报送日期」向同级信用平台报送超过7个工作日期限" in reasons

    # the department corrects the name, writes the reason and sends the return file back
    ws["C3"] = "郑州绿博园林工程有限公司使用未经检定的计量器具案"
    ws.cell(3, NCOLS + 1).value = "经办人出差，返岗后补报"
    del wb["汇总"]
    fixed = tmp_path / "更正_台账.xlsx"
    wb.save(fixed)
    j = json.loads(run("validate", fixed, "--today", "2019-12-31", "--format", "json").stdout)
    codes = [(f["cell"], f["code"]) for s in j["files"][0]["sheets"] for f in s["findings"]]
    assert ("K2", "HEADER_EXTENSION") in codes and not any(c == "HEADER_UNKNOWN" for _, c in codes)
    assert ("E3", "LATE_REPORT") in codes  # still late: a fact stays a fact
    r = run("monthly-report", "--month", "2019-11", fixed, "--today", "2019-12-31", "-o", tmp_path / "月报告.xlsx",
            "--format", "json")
    late = {i["wsh"]: i["late_note"] for i in json.loads(r.stdout)["late"]}
    assert late == {"中市监罚〔2019〕1203号": "经办人出差，返岗后补报"}
    ws = openpyxl.load_workbook(tmp_path / "月报告.xlsx")["逾期明细"]
    assert [ws.cell(4, 8).value, ws.cell(5, 2).value, ws.cell(5, 8).value] == [
        "迟报说明", "中市监罚〔2019〕1203号", "经办人出差，返岗后补报"]
