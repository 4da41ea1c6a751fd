"""异议登记台账: the 3-working-day deadline of 郑发改财贸〔2019〕773号 (处理完毕 and 同步至市信用平台), validated as its
own kind, and `sgs deadlines --objections … --due-within N`. Today is Tue 2019-11-12 unless said otherwise."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app

D = dt.date
TODAY = "2019-11-12"
HEAD = [f.name for f in S.OBJECTION.fields]
# (收到日期, 处理期限 written, 办结日期, 同步平台日期)
ROWS = [
    (D(2019, 11, 4), None, D(2019, 11, 7), D(2019, 11, 7)),  # 2: Mon → due Thu 11-07: on time
    (D(2019, 9, 27), None, D(2019, 10, 8), D(2019, 10, 8)),  # 3: Fri → Sun 09-29 (调休), 09-30, 10-08: on time
    (D(2019, 11, 4), None, D(2019, 11, 8), D(2019, 11, 8)),  # 4: due 11-07, closed and synced 11-08: late by 1
    (D(2019, 11, 5), None, None, None),  # 5: due Fri 11-08, open: overdue by 2 (11-11, 11-12)
    (D(2019, 11, 6), None, D(2019, 11, 11), None),  # 6: due Mon 11-11, closed, never synced: not synced
    (D(2019, 11, 7), D(2019, 11, 11), None, None),  # 7: due Tue 11-12 (today); 处理期限 written wrongly
    (D(2019, 11, 11), None, None, None),  # 8: due Thu 11-14: 2 working days left
    (D(2019, 11, 8), None, None, None),  # 9: due Wed 11-13: 1 left
    (D(2019, 11, 8), None, D(2019, 11, 7), None),  # 10: closed before received
]


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def write(path, rows=ROWS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "异议登记台账"
    ws.append(HEAD)
    for i, (got, due, closed, synced) in enumerate(rows, start=1):
        ws.append([got, f"异议人{i}", f"中市监罚〔2019〕{500 + i}号", "法规科", due, closed, synced,
                   "已核实" if closed else None])
        for c in (1, 5, 6, 7):
            ws.cell(ws.max_row, c).number_format = "yyyy/mm/dd"
    wb.save(path)
    return path


def findings(path, today=TODAY):
    doc = json.loads(run("validate", path, "--today", today, "--format", "json").stdout)
    [sheet] = [s for s in doc["files"][0]["sheets"] if s["kind"]]
    assert (sheet["kind"], sheet["rows"]) == ("objection", len(ROWS))
    return {(f["code"], f["cell"], f["severity"]): f["message"] for f in sheet["findings"] if f["severity"] != "info"}


def test_objection_register_findings(tmp_path):
    got = findings(write(tmp_path / "异议.xlsx"))
    assert got == {
        ("OBJECTION_LATE", "F4", "error"): "超过3个工作日处理期限（期限2019/11/07，实际办结2019/11/08，逾期1个工作日）",
        ("OBJECTION_SYNC_LATE", "G4", "error"): "同步至信用平台超过3个工作日期限（期限2019/11/07，实际2019/11/08，逾期1个工作日）",
        ("OBJECTION_OVERDUE", "F5", "warning"): "尚未办结，已超过处理期限2019/11/08，逾期2个工作日",
        ("OBJECTION_NOT_SYNCED", "G6", "warning"): "已办结但尚未同步至信用平台，已超过期限2019/11/11",
        ("OBJECTION_DEADLINE_MISMATCH", "E7", "warning"): "处理期限应为2019/11/12（收到日期2019/11/07起3个工作日），表中为2019/11/11",
        ("DATE_ORDER", "F10", "error"): "办结日期2019/11/07早于收到日期2019/11/08",
    }


def test_objection_register_the_day_after(tmp_path):
    got = findings(write(tmp_path / "异议.xlsx"), today="2019-11-13")
    assert got[("OBJECTION_OVERDUE", "F7", "warning")] == "尚未办结，已超过处理期限2019/11/12，逾期1个工作日"
    assert ("OBJECTION_OVERDUE", "F9", "warning") not in got  # due 11-13: today is the last day


def test_template_objection_round_trip(tmp_path):
    out = tmp_path / "异议登记台账.xlsx"
    r = run("template", "objection", "-o", out)
    assert r.exit_code == 0 and out.exists()
    ws = openpyxl.load_workbook(out)["异议登记台账"]
    assert [c.value for c in ws[1]][:8] == HEAD == ["收到日期", "异议人", "所涉决定书文号", "承办科室", "处理期限", "办结日期",
                                                    "同步平台日期", "处理结果"]
    r = run("validate", out, "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["files"][0]["sheets"][0]["kind"] == "objection"


def test_due_list_today_first(tmp_path):
    p = write(tmp_path / "异议.xlsx")
    r = run("deadlines", "--objections", p, "--due-within", "1", "--today", TODAY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert [(x["status"], x["row"], x["due"], x["days"]) for x in doc["records"]] == [
        ("今天到期", 7, "2019-11-12", 0),
        ("即将到期", 9, "2019-11-13", 1),  # row 8 (2 days left) is outside --due-within 1
        ("已超期未办结", 5, "2019-11-08", 2),
        ("已办结未同步", 6, "2019-11-11", 1),
    ]
    assert doc["summary"] == {"today": 1, "soon": 1, "overdue": 1, "not_synced": 1, "needs_calendar": 0, "records": 4}
    r = run("deadlines", "--objections", p, "--today", TODAY)
    assert "已办结（按时）" in r.stdout and "已办结（逾期）" in r.stdout
    assert "今天到期 1 条，未到期 2 条，已超期未办结 1 条，已办结未同步 1 条" in r.stdout


def test_objections_not_with_ledger(tmp_path):
    p = write(tmp_path / "异议.xlsx")
    r = run("deadlines", "--objections", p, "--ledger", p)
    assert r.exit_code == 2
    assert r.output.startswith("错误：--objections 不能与 --ledger、--publication 同时使用\n")
