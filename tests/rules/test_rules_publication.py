"""Per-record severity and publication periods inside `sgs validate`, and the publication list of
`sgs deadlines --ledger … --publication`.

The regime follows the decision date (527号 / 令2023年第58号 / 令2025年第36号); the 失信严重程度 comes from the
provincial extension column when the sheet has it, else from --severity, else 一般 — and the hint says which.
"""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app

from conftest import HEADERS, PENALTY_ORG as ORG, PENALTY_PERSON as PERSON, col as _col


def col(code: str) -> str:
    return _col("penalty", code)


D = dt.date
TODAY = "2026-06-30"
DECIDED = D(2026, 5, 11)
REVOKED = dict(ORG, CF_CFLB="暂扣或者吊销许可证、暂扣或者吊销执照", CF_NR="吊销食品经营许可证",
               CF_NR_ZKDX="食品经营许可证JY14101220000301", CF_NR_FK=None, CF_JDRQ=DECIDED, CF_YXQ=D(2099, 12, 31),
               CF_GSJZQ=D(2028, 5, 11))  # 24 months: 严重 (12–36) yes, 一般 (3–12) no
SEV = len(HEADERS)  # 0-based index of the extension column, written after the 30 standard ones


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def write(path, rows, severities=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "行政处罚"
    ws.append(HEADERS + (["失信严重程度"] if severities is not None else []))
    codes = [f.code for f in S.PENALTY.fields]
    for i, rec in enumerate(rows):
        ws.append([rec.get(c) for c in codes] + ([severities[i]] if severities is not None else []))
        for c in range(1, len(codes) + 1):
            if isinstance(ws.cell(ws.max_row, c).value, dt.date):
                ws.cell(ws.max_row, c).number_format = "yyyy/mm/dd"
            elif isinstance(ws.cell(ws.max_row, c).value, str):
                ws.cell(ws.max_row, c).number_format = "@"
    wb.save(path)
    return path


def findings(path, *args):
    r = run("validate", path, "--today", TODAY, "--format", "json", *args)
    doc = json.loads(r.stdout)
    return [f for s in doc["files"][0]["sheets"] for f in s["findings"] if f["code"] != "DEADLINE_PASSED"]


def test_severity_column_decides_the_period(tmp_path):
    p = write(tmp_path / "a.xlsx", [REVOKED], ["严重"])
    got = findings(p)
    assert [(f["code"], f["severity"], f["cell"]) for f in got] == [("HEADER_EXTENSION", "info", "AE1")]
    assert got[0]["message"] == "扩展列“失信严重程度”不属于790号标准，已读取用于核对公示期限"


def test_without_the_column_default_is_general_and_the_hint_says_so(tmp_path):
    p = write(tmp_path / "a.xlsx", [REVOKED])
    [f] = findings(p)
    assert (f["code"], f["cell"]) == ("PUBLICATION_PERIOD", f"{col('CF_GSJZQ')}2")
    assert f["message"] == ("公示截止期 2028-05-11 超过最长公示期限：按国家发展改革委令2025年第36号，一般失信行为最长公示 1 年，"
                            "自决定日期 2026-05-11 起不晚于 2027-05-11。请改为不晚于 2027-05-11 的日期，或核对失信程度。")
    assert f["hint"] == ("按一般失信的公示期限核对（未填写失信严重程度，按默认“一般”）；处罚类别含吊销许可证件或责令停产停业，"
                         "可能属于严重失信：如是，请在“失信严重程度”列填“严重”或用 --severity 严重，不要缩短公示期")
    assert findings(p, "--severity", "严重") == []  # the option decides when the sheet does not


def test_blank_cell_in_the_column_falls_back_to_the_option(tmp_path):
    p = write(tmp_path / "a.xlsx", [REVOKED, dict(REVOKED, CF_WSH="中市监罚〔2026〕2号")], ["严重", ""])
    [f] = [f for f in findings(p) if f["code"] == "PUBLICATION_PERIOD"]
    assert f["row"] == 3 and "按 --severity" not in f["hint"]
    assert [f["code"] for f in findings(p, "--severity", "严重") if f["severity"] != "info"] == []


def test_unreadable_severity_is_a_warning_at_its_cell(tmp_path):
    p = write(tmp_path / "a.xlsx", [REVOKED], ["很严重"])
    bad = [f for f in findings(p) if f["code"] == "SEVERITY_INVALID"]
    assert [(f["severity"], f["cell"], f["message"]) for f in bad] == [
        ("warning", "AE2", "失信严重程度“很严重”无法识别，按“一般”核对公示期限")]


def test_regime_follows_the_decision_date(tmp_path):
    # decided 2026-03-31: 令2023年第58号, one band of 3–36 months for every severity: 24 months is fine
    p = write(tmp_path / "a.xlsx", [dict(REVOKED, CF_JDRQ=D(2026, 3, 31), CF_GSJZQ=D(2028, 3, 31))])
    assert findings(p) == []


WARNING_ONLY = dict(PERSON, CF_JDRQ=D(2026, 4, 1), CF_YXQ=D(2026, 4, 1), CF_GSJZQ=D(2026, 7, 1))
NOT_PUBLISHED = ("属于轻微失信：按国家发展改革委令2025年第36号《信用修复管理办法》（2026年4月1日起施行），"
                 "轻微失信信息原则上不予公示")


@pytest.mark.parametrize("rec, reason", [
    (WARNING_ONLY, "处罚类别仅为警告（通报批评）"),
    (dict(WARNING_ONLY, CF_CFLB="通报批评", CF_NR="通报批评"), "处罚类别仅为警告（通报批评）"),
    (dict(WARNING_ONLY, CF_CFLB="罚款", CF_NR="罚款100元", CF_NR_FK=0.01),
     "罚款数额在简易程序限额内（行政处罚法第五十一条：公民200元以下）"),
    (dict(ORG, CF_JDRQ=D(2026, 4, 1), CF_YXQ=D(2026, 4, 1), CF_GSJZQ=D(2026, 7, 1), CF_CFLB="罚款",
          CF_NR="罚款2000元"), "罚款数额在简易程序限额内（行政处罚法第五十一条：法人或其他组织3000元以下）"),
    (dict(WARNING_ONLY, CF_CFLB="罚款", CF_NR="当场罚款500元（简易程序）", CF_NR_FK=0.05), "注明按简易程序作出"),
])
def test_minor_penalties_from_april_2026_are_flagged(tmp_path, rec, reason):
    p = write(tmp_path / "a.xlsx", [rec])
    got = [f for f in findings(p) if f["code"] == "PUBLICATION_NOT_REQUIRED"]
    assert [(f["severity"], f["cell"], f["message"], f["hint"]) for f in got] == [
        ("info", f"{col('CF_CFLB')}2", f"{reason}，{NOT_PUBLISHED}", "请核实是否应当公示；确需公示的，公示期最长3个月")]


@pytest.mark.parametrize("rec, severities", [
    (dict(WARNING_ONLY, CF_JDRQ=D(2026, 3, 31)), None),  # before the 2025 办法
    (dict(WARNING_ONLY, CF_CFLB="罚款", CF_NR="罚款500元", CF_NR_FK=0.05), None),  # over 200 元 for a person
    (WARNING_ONLY, ["一般"]),  # the department classified it as 一般
])
def test_not_flagged(tmp_path, rec, severities):
    p = write(tmp_path / "a.xlsx", [rec], severities)
    assert [f for f in findings(p) if f["code"] == "PUBLICATION_NOT_REQUIRED"] == []


def test_minor_from_the_column(tmp_path):
    p = write(tmp_path / "a.xlsx", [dict(REVOKED, CF_GSJZQ=D(2026, 8, 11))], ["轻微"])
    [f] = [f for f in findings(p) if f["code"] == "PUBLICATION_NOT_REQUIRED"]
    assert f["message"].startswith("失信严重程度为“轻微”，属于轻微失信")


# ------------------------------------------------------------------------------------ the publication list

def test_publication_list_per_record(tmp_path):
    recs = [REVOKED, dict(REVOKED, CF_WSH="中市监罚〔2026〕2号", CF_JDRQ=D(2025, 6, 30), CF_YXQ=D(2099, 12, 31),
                          CF_GSJZQ=D(2026, 6, 30))]
    p = write(tmp_path / "a.xlsx", recs, ["严重", ""])
    r = run("deadlines", "--ledger", p, "--publication", "--today", TODAY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    got = [(x["wsh"], x["severity"], x["severity_source"], x["regime"], x["earliest_repair"], x["latest_takedown"],
            x["status"]) for x in doc["records"]]
    assert got == [
        ("中市监罚〔2019〕201号", "严重", "column", "国家发展改革委令2025年第36号", "2027-05-11", "2029-05-11", "公示中"),
        ("中市监罚〔2026〕2号", "一般", "default", "国家发展改革委令2023年第58号", "2025-09-30", "2028-06-30",
         "公示中，可申请信用修复"),
    ]
    r = run("deadlines", "--ledger", p, "--publication", "--today", TODAY, "--severity", "严重", "--format", "json")
    second = json.loads(r.stdout)["records"][1]
    assert (second["severity"], second["severity_source"]) == ("严重", "option")


def test_publication_list_due_within(tmp_path):
    # 一般 under 令2025年第36号: repair from decision + 3 months, take-down by decision + 12 months
    recs = [dict(REVOKED, CF_WSH=f"中市监罚〔2026〕{i}号", CF_JDRQ=d, CF_GSJZQ=None)
            for i, d in enumerate((D(2026, 4, 1), D(2026, 3, 31), D(2026, 4, 10)), start=1)]
    recs[1]["CF_JDRQ"] = D(2025, 6, 30)  # 令58号: take-down by 2028-06-30
    p = write(tmp_path / "a.xlsx", recs)
    # today 2026-06-30: 2026-04-01 + 3 months = 2026-07-01 is 1 working day away; 2026-04-10 → 2026-07-10 is 8
    r = run("deadlines", "--ledger", p, "--publication", "--due-within", "3", "--today", TODAY, "--format", "json")
    doc = json.loads(r.stdout)
    assert [(x["wsh"], x["earliest_repair"]) for x in doc["records"]] == [("中市监罚〔2026〕1号", "2026-07-01")]
    r = run("deadlines", "--ledger", p, "--publication", "--due-within", "8", "--today", TODAY)
    assert "中市监罚〔2026〕3号" in r.stdout and "中市监罚〔2026〕2号" not in r.stdout
    assert "共 2 条行政处罚" in r.stdout
