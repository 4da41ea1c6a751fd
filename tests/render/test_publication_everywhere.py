"""One publication rule everywhere (issue 25, part 9): `export --public`, `deadlines --publication` and the monthly
report apply the decision `validate` makes for each penalty (PUBLICATION_NOT_REQUIRED: regime by decision date,
the record's 失信严重程度, 警告 / 简易程序 → 轻微失信, 原则上不予公示 under 令2025年第36号 from 2026-04-01).

A penalty sheet of May 2026 (statistics date 2026-06-30), rows:
  2  中市监罚〔2026〕101号  a person, 警告 only                     → 原则上不予公示 (处罚类别仅为警告（通报批评）)
  3  中市监罚〔2026〕102号  a company, 警告；罚款 2000元, 公示截止期 2026-11-11 (6 months, 一般) → published
  4  中市监罚〔2026〕103号  a person, 罚款 100元 (0.01 万元)          → 原则上不予公示 (简易程序 limit: 200 元)
"""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app

from conftest import HEADERS, PENALTY_ORG as ORG, PENALTY_PERSON as PERSON

D = dt.date
TODAY = "2026-06-30"
WARNING_ONLY = dict(PERSON, CF_WSH="中市监罚〔2026〕101号", CF_JDRQ=D(2026, 5, 6), CF_YXQ=D(2026, 5, 6),
                    CF_GSJZQ=D(2026, 8, 6))
PUBLISHED = dict(ORG, CF_WSH="中市监罚〔2026〕102号", CF_JDRQ=D(2026, 5, 11), CF_YXQ=D(2027, 5, 10),
                 CF_GSJZQ=D(2026, 11, 11))
SMALL_FINE = dict(PERSON, CF_WSH="中市监罚〔2026〕103号", CF_CFLB="罚款", CF_NR="罚款100元", CF_NR_FK=0.01,
                  CF_JDRQ=D(2026, 5, 8), CF_YXQ=D(2026, 5, 8), CF_GSJZQ=D(2026, 8, 8))
WHY = {2: "处罚类别仅为警告（通报批评）", 4: "罚款数额在简易程序限额内（行政处罚法第五十一条：公民200元以下）"}


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def write(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "行政处罚"
    ws.append(HEADERS)
    codes = [f.code for f in S.PENALTY.fields]
    for rec in (WARNING_ONLY, PUBLISHED, SMALL_FINE):
        ws.append([rec.get(c) for c in codes])
        for c in range(1, len(codes) + 1):
            if isinstance(ws.cell(ws.max_row, c).value, dt.date):
                ws.cell(ws.max_row, c).number_format = "yyyy/mm/dd"
            elif isinstance(ws.cell(ws.max_row, c).value, str):
                ws.cell(ws.max_row, c).number_format = "@"
    wb.save(path)
    return path


def test_validate_decides_rows_2_and_4(tmp_path):
    doc = json.loads(run("validate", write(tmp_path / "处罚.xlsx"), "--today", TODAY, "--format", "json").stdout)
    got = {f["row"]: f["message"] for s in doc["files"][0]["sheets"] for f in s["findings"]
           if f["code"] == "PUBLICATION_NOT_REQUIRED"}
    assert {r: m.split("，属于轻微失信")[0] for r, m in got.items()} == WHY


def test_export_leaves_them_out_or_marks_them(tmp_path):
    src = write(tmp_path / "处罚.xlsx")
    out = tmp_path / "公示.xlsx"
    r = run("export", "--public", src, "-o", out, "--today", TODAY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["exported"] == {"penalty": 1} and doc["included_not_required"] is False
    assert [(x["row"], x["record_key"], x["reason"]) for x in doc["not_required"]] == [
        (2, "中市监罚〔2026〕101号", WHY[2]), (4, "中市监罚〔2026〕103号", WHY[4])]
    ws = openpyxl.load_workbook(out)["行政处罚"]  # row 1 the title (render/paper), row 2 the header, data from row 3
    wsh = [c.value for c in ws[2]].index("行政处罚决定书文号") + 1
    assert [ws.cell(r, wsh).value for r in range(3, ws.max_row + 1)] == ["中市监罚〔2026〕102号"]
    assert "公示说明" not in [c.value for c in ws[2]]

    r = run("export", "--public", src, "-o", out, "--today", TODAY, "--force")
    assert "原则上不予公示，未导出 2 条（确需公示的，加 --include-not-required 导出并注明）：" in r.stdout
    assert f"处罚.xlsx › 行政处罚 第2行 中市监罚〔2026〕101号：{WHY[2]}" in r.stdout

    r = run("export", "--public", src, "-o", out, "--today", TODAY, "--force", "--include-not-required")
    assert r.exit_code == 0 and "原则上不予公示，已导出并在“公示说明”列注明 2 条：" in r.stdout
    ws = openpyxl.load_workbook(out)["行政处罚"]
    head = [c.value for c in ws[2]]
    assert head[-1] == "公示说明" and len(head) == len([f for f in S.PENALTY.fields if f.public]) + 1
    assert [(ws.cell(r, wsh).value, ws.cell(r, len(head)).value) for r in range(3, 6)] == [
        ("中市监罚〔2026〕101号", f"原则上不予公示：{WHY[2]}，属于轻微失信；确需公示的，公示期最长3个月"),
        ("中市监罚〔2026〕102号", None),
        ("中市监罚〔2026〕103号", f"原则上不予公示：{WHY[4]}，属于轻微失信；确需公示的，公示期最长3个月")]


def test_publication_list_lists_them_apart(tmp_path):
    src = write(tmp_path / "处罚.xlsx")
    r = run("deadlines", "--ledger", src, "--publication", "--today", TODAY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    got = [(x["wsh"], x["severity"], x["status"], x["publication_required"], x["not_required_reason"],
            x["earliest_repair"], x["latest_takedown"]) for x in doc["records"]]
    assert got == [  # 一般 under 令2025年第36号: repair from +3 months, take-down by +12 months
        ("中市监罚〔2026〕102号", "一般", "公示中", True, None, "2026-08-11", "2027-05-11"),
        ("中市监罚〔2026〕101号", "轻微", "原则上不予公示", False, WHY[2], None, None),
        ("中市监罚〔2026〕103号", "轻微", "原则上不予公示", False, WHY[4], None, None)]
    assert doc["summary"] == {"records": 1, "needs_calendar": 0, "not_required": 2}
    # within 3 working days nothing is due, the two are still listed apart
    r = run("deadlines", "--ledger", src, "--publication", "--due-within", "3", "--today", TODAY)
    assert "中市监罚〔2026〕102号" not in r.stdout
    assert "共 0 条行政处罚；另有 2 条原则上不予公示（轻微失信，列在最后，没有公示期限可提醒" in r.stdout
    doc = json.loads(run("deadlines", "--ledger", src, "--publication", "--due-within", "3", "--today", TODAY,
                         "--format", "json").stdout)
    assert [(x["wsh"], x["severity_source"]) for x in doc["records"]] == [
        ("中市监罚〔2026〕101号", "rule"), ("中市监罚〔2026〕103号", "rule")]


def test_monthly_report_counts_them_and_lists_them_apart(tmp_path):
    src = write(tmp_path / "处罚.xlsx")
    out = tmp_path / "月报告.xlsx"
    r = run("monthly-report", "--month", "2026-05", src, "--today", TODAY, "-o", out, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["total"]["penalty"] == 3  # still decisions of the month
    assert [(i["wsh"], i["reason"]) for i in doc["not_required"]] == [
        ("中市监罚〔2026〕101号", WHY[2]), ("中市监罚〔2026〕103号", WHY[4])]
    ws = openpyxl.load_workbook(out)["其他明细"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5) if r[0].value]
    assert [(r[0], r[2], r[5]) for r in rows] == [
        ("原则上不予公示", "中市监罚〔2026〕101号", f"{WHY[2]}，属于轻微失信，原则上不予公示（确需公示的，公示期最长3个月）"),
        ("原则上不予公示", "中市监罚〔2026〕103号", f"{WHY[4]}，属于轻微失信，原则上不予公示（确需公示的，公示期最长3个月）")]
