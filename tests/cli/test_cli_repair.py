"""`sgs deadlines --repair` and the publication list with a 信用修复登记台账 (render/reminders_text.repair_listing,
publication_listing): exact dates, states and cells. The register is tests/rules/test_rules_repair.ROWS (2025,
across National Day with the 调休 working days 2025-09-28 and 2025-10-11); today is 2025-11-10."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from conftest import PENALTY_ORG, SPECS, write_sheet
from sgs_cli import standard as S
from sgs_cli.cli.app import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "rules"))
from test_rules_repair import ROWS  # noqa: E402

D = dt.date
SPECS.setdefault("repair", S.REPAIR)


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def _register(tmp_path: Path) -> Path:
    return write_sheet(tmp_path / "信用修复登记台账.xlsx", "repair", ROWS)


def _penalties(tmp_path: Path) -> Path:
    rows = [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2025〕{n}号", CF_JDRQ=D(2025, 3, 10), CF_YXQ=D(2025, 3, 10),
                 CF_GSJZQ=None) for n in (31, 33, 34, 38)]
    return write_sheet(tmp_path / "行政处罚.xlsx", "penalty", rows)


def test_repair_list_json(tmp_path):
    r = run("deadlines", "--repair", _register(tmp_path), "--today", "2025-11-10", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    got = [(x["row"], x["status"], x["due_for"], x["applied"], x["decide_due"], x["decided"], x["original_end"],
            x["new_end"], x["takedown_due"], x["taken_down"], x["days"]) for x in doc["records"]]
    assert got == [
        (2, "已撤下（逾期）", None, "2025-09-25", "2025-10-15", "2025-10-16", "2028-03-10", "2025-10-16", "2025-10-21",
         "2025-10-22", None),
        (3, "已撤下（按时）", None, "2025-04-01", "2025-04-16", "2025-04-08", "2028-03-10", "2025-04-08", "2025-04-11",
         "2025-04-09", None),
        (4, "已超期", "决定", "2025-10-20", "2025-11-03", None, "2028-03-10", None, None, None, 5),
        (5, "已超期", "撤下", "2025-10-27", "2025-11-10", "2025-11-03", "2028-03-10", "2025-11-03", "2025-11-06", None, 2),
        (6, "未准予修复", None, "2025-10-28", "2025-11-11", "2025-10-30", "2028-03-10", None, None, None, None),
        (7, "未准予修复", None, "2025-10-09", "2025-10-22", "2025-10-17", "2028-03-10", None, None, "2025-10-20", None),
        (8, "已撤下（按时）", None, "2025-09-29", "2025-10-20", "2025-10-13", "2028-03-10", "2025-10-13", "2025-10-16",
         "2025-10-16", None),
    ]
    s = doc["summary"]
    assert (s["records"], s["overdue"], s["taken_down"], s["not_granted"], s["today"], s["soon"]) == (7, 2, 3, 2, 0, 0)
    assert s["overdue"] + s["taken_down"] + s["not_granted"] + s["today"] + s["soon"] + s["no_deadline"] + \
        s["unknown_decision"] == 7
    assert doc["records"][0]["procedure"] == "国家发展改革委令2023年第58号"
    assert any("58号令的条文未找到" in n for n in doc["notes"])


def test_repair_due_within_today_first(tmp_path):
    """--due-within 1 on 2025-11-06: row 5's 撤下 is due today, row 4's decision is overdue (due 2025-11-03)."""
    r = run("deadlines", "--repair", _register(tmp_path), "--today", "2025-11-06", "--due-within", "1", "--format", "csv")
    assert r.exit_code == 0, r.output
    lines = r.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("状态,申请人,原决定书文号,部门,申请日期,办理期限")
    assert [ln.split(",")[0] + "|" + ln.split(",")[-1] for ln in lines[1:]] == ["今天到期（撤下）|5", "已超期（决定）|4"]
    assert lines[2].split(",")[12] == "超期 3 个工作日"


def test_repair_list_workbook_one_sheet_per_department(tmp_path):
    out = tmp_path / "信用修复清单.xlsx"
    r = run("deadlines", "--repair", _register(tmp_path), "--today", "2025-11-10", "-o", out)
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["清单", "中牟县市场监督管理局"]
    ws = wb["清单"]
    assert ws["A2"].value == "状态" and ws["K2"].value == "撤下期限"
    assert ws["K3"].value == dt.datetime(2025, 10, 21) and ws["A3"].value == "已撤下（逾期）"


def test_publication_list_shows_the_repaired_end(tmp_path):
    """The penalty 31号 was repaired on 2025-10-16 and taken down on 2025-10-22; 34号 was repaired on 2025-11-03,
    due to be taken down by 2025-11-06 and still published; 33号 (application pending) and 38号 keep their periods."""
    args = ("deadlines", "--ledger", _penalties(tmp_path), "--publication", "--repair", _register(tmp_path),
            "--today", "2025-11-10", "--format", "json")
    r = run(*args)
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    got = [(x["wsh"], x["latest_takedown"], x["status"], (x["repair"] or {}).get("publication_end"),
            (x["repair"] or {}).get("original_latest_takedown")) for x in doc["records"]]
    assert got == [
        ("中市监罚〔2025〕31号", "2025-10-21", "已信用修复（2025-10-16准予，公示截止2025-10-16），已于2025-10-22撤下",
         "2025-10-16", "2028-03-10"),
        ("中市监罚〔2025〕33号", "2028-03-10", "公示中，可申请信用修复；信用修复申请待决定（申请日期2025-10-20）", None, None),
        ("中市监罚〔2025〕34号", "2025-11-06", "已信用修复（2025-11-03准予，公示截止2025-11-03），已超过撤下期限2025-11-06，应立即撤下",
         "2025-11-03", "2028-03-10"),
        ("中市监罚〔2025〕38号", "2028-03-10", "公示中，可申请信用修复", None, None),
    ]
    assert doc["summary"]["repaired"] == 2
    # the window of 3 working days keeps only what is still to be taken down
    r = run(*args, "--due-within", "3")
    assert [x["wsh"] for x in json.loads(r.stdout)["records"]] == ["中市监罚〔2025〕34号"]


def test_repair_usage_errors(tmp_path):
    reg = _register(tmp_path)
    r = run("deadlines", "--ledger", _penalties(tmp_path), "--repair", reg, "--today", "2025-11-10")
    assert r.exit_code == 2 and "--repair 只能单独使用，或与 --ledger --publication 合用" in r.output
    r = run("deadlines", "--repair", _penalties(tmp_path), "--today", "2025-11-10")
    assert r.exit_code == 3 and "表头与信用修复登记台账模板的列标题对不上" in r.output
    assert "提示：--repair 需要信用修复登记台账（sgs template repair 生成模板）" in r.output


def test_a_register_in_the_ledger_folder_counts_as_given(tmp_path):
    """`--ledger 文件夹/ --publication` with the register among the ledgers: the same repaired dates as --repair."""
    folder = tmp_path / "台账"
    folder.mkdir()
    _penalties(folder)
    _register(folder)
    r = run("deadlines", "--ledger", folder, "--publication", "--today", "2025-11-10", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert [(x["wsh"], x["latest_takedown"]) for x in doc["records"]] == [
        ("中市监罚〔2025〕31号", "2025-10-21"), ("中市监罚〔2025〕33号", "2028-03-10"),
        ("中市监罚〔2025〕34号", "2025-11-06"), ("中市监罚〔2025〕38号", "2028-03-10")]
    assert doc["summary"]["repaired"] == 2


def test_the_facts_are_keys_and_the_words_are_render(tmp_path):
    """reports/reminders computes states as English keys (the register and penalties above, today 2025-11-10);
    render/reminders_text names them — the same cases the JSON lists in Chinese."""
    from sgs_cli.calendar.workdays import WorkCalendar
    from sgs_cli.render.reminders_text import PENALTY_STATE, REPAIR_STATE
    from sgs_cli.reports import reminders as R

    cal = WorkCalendar.load(None, use_env=False, use_default_file=False)
    today = D(2025, 11, 10)
    cases, files = R.read_repairs([_register(tmp_path)], cal, today)
    rows = R.repair_rows(cases, cal, today)
    assert [(c.row, st, what, days) for c, st, what, _due, days in rows] == [
        (2, R.RS_DOWN_LATE, "", None), (3, R.RS_DOWN_ON_TIME, "", None), (4, R.RS_OVERDUE, R.DUE_DECIDE, 5),
        (5, R.RS_OVERDUE, R.DUE_TAKEDOWN, 2), (6, R.RS_NOT_GRANTED, "", None), (7, R.RS_NOT_GRANTED, "", None),
        (8, R.RS_DOWN_ON_TIME, "", None)]
    assert [REPAIR_STATE[st] for _c, st, *_ in rows[:3]] == ["已撤下（逾期）", "已撤下（按时）", "已超期"]
    assert [c.row for c, *_ in R.repair_rows(cases, cal, today, within=1)] == [4, 5]  # overdue only, by due date
    c = R.collect([_penalties(tmp_path)], cal, today)
    w = R.publication_window(c, cal, repairs=R.repaired_ends(cases))
    assert [(p.wsh[-3:], p.state, p.repair_state, p.pending is not None, p.latest_takedown) for p in w.shown] == [
        ("31号", R.REPAIRABLE, R.R_TAKEN_DOWN, False, D(2025, 10, 21)),
        ("33号", R.REPAIRABLE, None, True, D(2028, 3, 10)),
        ("34号", R.REPAIRABLE, R.R_TAKEDOWN_PASSED, False, D(2025, 11, 6)),
        ("38号", R.REPAIRABLE, None, False, D(2028, 3, 10))]
    assert PENALTY_STATE[R.REPAIRABLE] == "公示中，可申请信用修复" and (w.maybe, w.apart) == ([], [])
