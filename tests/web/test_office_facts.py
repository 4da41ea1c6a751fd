"""Office mode and the rule "facts are not errors to return" (issue 25, part 1).

The README's example ledger (examples/双公示台账_2019-11.xlsx, 20 decisions of November 2019) has two kinds of
findings (examples/README.md): facts — LATE_REPORT E6 and E9, LATE_PUSH F6, NOT_REPORTED_OVERDUE E14 and
E22 — and two errors the department can fix — DUPLICATE_WSH B17 and DATE_ORDER E18. At the statistics date
2019-12-31 the CLI's monthly report says 及时率 78.95 %: 按时 15 ÷ (按时 15 + 逾期 2 + 已逾期未报送 2), row 18
being 无法计算 (reported before its decision).
"""

from __future__ import annotations

import io
import json
import re
import shutil

import openpyxl
import pytest
from typer.testing import CliRunner

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from webutil import LEDGER, add_accounts, csrf, login  # noqa: E402

from sgs_cli.cli.app import app as cli_app  # noqa: E402
from sgs_cli.web.app import create_app  # noqa: E402


@pytest.fixture(autouse=True)
def _config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)


@pytest.fixture
def office_app(tmp_path):
    add_accounts(tmp_path / "data")
    return create_app(tmp_path / "data")


def client_of(app, username):
    c = app.test_client()
    assert login(c, username).status_code == 302
    return c


def text(r) -> str:
    return r.get_data(as_text=True)


def submit(c, path):
    data = {"csrf_token": csrf(text(c.get("/submit"))), "month": "2019-11",
            "file": (io.BytesIO(path.read_bytes()), path.name)}
    r = c.post("/submit", data=data, content_type="multipart/form-data")
    assert r.status_code == 302
    return int(r.headers["Location"].rsplit("/", 1)[1])


def fact_rows(page: str) -> list[tuple[str, str]]:
    """(cell, code) of the facts table of a submission page."""
    rows = re.findall(r'<tr class="fact">(.*?)</tr>', page, re.S)
    return [(re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)[0], re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)[-1])
            for r in rows]


def facts_only_ledger(out):
    """The example ledger with its two fixable errors corrected and nothing else touched: B17 gets its own
    文号, and the impossible 报送日期 of row 18 is removed (the decision is now simply not reported)."""
    shutil.copyfile(LEDGER, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["台账"]
    ws["B17"] = "中市监罚〔2019〕1216号"
    ws["E18"] = ws["F18"] = None
    wb.save(out)
    return out


def test_a_submission_whose_only_findings_are_facts_is_accepted_with_them_listed(office_app, tmp_path):
    scjg = client_of(office_app, "scjg")
    sid = submit(scjg, facts_only_ledger(tmp_path / "台账.xlsx"))
    store = office_app.extensions["sgs_store"]
    row = store.submission(sid)
    # the check runs at today's date: every unreported decision is overdue (E14, E18, E22) — all facts
    assert (row["status"], row["errors"], row["warnings"]) == ("accepted", 6, 1)
    page = text(scjg.get(f"/submissions/{sid}"))
    assert 'id="status">通过' in page and 'id="returned"' not in page
    assert ('另有 6 项迟报、逾期未报送等时效情况：已发生的事实，不需修改数据，不因此退回，已计入月报告“逾期明细”'
            in page)
    assert fact_rows(page) == [("E6", "LATE_REPORT"), ("F6", "LATE_PUSH"), ("E9", "LATE_REPORT"),
                               ("E14", "NOT_REPORTED_OVERDUE"), ("E18", "NOT_REPORTED_OVERDUE"),
                               ("E22", "NOT_REPORTED_OVERDUE")]
    assert 'id="accept-form"' not in page  # nothing to accept


def summary_values(wb) -> dict:
    """The figures of a monthly workbook: 汇总 (label → value) and 分部门 (rows), without the title lines."""
    ws = wb["汇总"]
    figures = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value}
    dept = wb["分部门"]
    rows = [[c.value for c in row] for row in dept.iter_rows(min_row=4)]
    late = [[c.value for c in row][:8] for row in wb["逾期明细"].iter_rows(min_row=4)]  # without 位置 (file names)
    return {"figures": figures, "departments": rows, "late": late}


def test_office_accepts_a_returned_submission_with_a_reason_and_its_report_equals_the_cli(office_app, tmp_path):
    scjg = client_of(office_app, "scjg")
    sid = submit(scjg, LEDGER)
    store = office_app.extensions["sgs_store"]
    assert store.submission(sid)["status"] == "returned"  # B17 and E18 are the department's to fix
    page = text(scjg.get(f"/submissions/{sid}"))
    assert "有 2 个需要修改数据的错误，已退回" in page and 'id="accept-form"' not in page  # not the department's call
    assert scjg.post(f"/submissions/{sid}/accept", data={"csrf_token": csrf(page), "reason": "同意"}).status_code == 403

    xyb = client_of(office_app, "xyb")
    page = text(xyb.get(f"/submissions/{sid}"))
    assert 'id="accept-form"' in page
    r = xyb.post(f"/submissions/{sid}/accept", data={"csrf_token": csrf(page), "reason": " "})
    assert r.status_code == 400 and "受理退回的报送须写明理由" in text(r)
    assert store.submission(sid)["status"] == "returned"
    reason = "文号重复和日期颠倒已电话核实，下月台账更正"
    r = xyb.post(f"/submissions/{sid}/accept", data={"csrf_token": csrf(page), "reason": reason})
    assert r.status_code == 302
    row = store.submission(sid)
    assert (row["status"], row["accept_note"], row["accepted_by"]) == ("accepted", reason, "xyb")
    page = text(xyb.get(f"/submissions/{sid}"))
    assert f"信用办已受理（xyb，{row['accepted_at']}），理由：{reason}" in page
    log = text(xyb.get("/audit"))
    assert f"<td>受理退回的报送</td><td>报送#{sid}</td><td>县市场监管局 2019-11 第1版；理由：{reason}</td>" in log
    r = xyb.post(f"/submissions/{sid}/accept", data={"csrf_token": csrf(page), "reason": reason})
    assert r.status_code == 400  # accepted already

    board = text(xyb.get("/dashboard?month=2019-11"))
    r = xyb.post("/dashboard/report", data={"csrf_token": csrf(board), "month": "2019-11", "today": "2019-12-31"})
    assert r.status_code == 302
    report = text(xyb.get(r.headers["Location"]))
    assert "及时率 78.95%" in report
    office_wb = openpyxl.load_workbook(io.BytesIO(xyb.get(re.search(r'id="dl-report" href="([^"]+)"', report)
                                                          .group(1)).data))

    out = tmp_path / "月报告.xlsx"
    # the office's report takes the server's department accounts as its roster: the CLI is given the same list
    from sgs_cli.web import services

    roster = services.write_units_roster(store.department_units(), tmp_path / "本系统的部门账号.xlsx")
    cli = CliRunner().invoke(cli_app, ["monthly-report", "--month", "2019-11", str(LEDGER), "--today", "2019-12-31",
                                       "--roster", str(roster), "-o", str(out), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    j = json.loads(cli.stdout)
    assert (j["total"]["on_time"], j["total"]["late"], j["total"]["overdue"]) == (15, 2, 2)
    assert j["total"]["timeliness"] == pytest.approx(15 / 19, abs=1e-4)
    assert f"{15 / 19:.2%}" == "78.95%"
    # figure for figure: the office's workbook is the CLI's
    assert summary_values(office_wb) == summary_values(openpyxl.load_workbook(out))
    assert summary_values(office_wb)["figures"]["及时率"] == pytest.approx(15 / 19)
    assert summary_values(office_wb)["figures"]["合规率"] == pytest.approx(18 / 20)  # rows 17, 18 only


# ------------------------------------------------------------------------------ the tool pages (local mode)


@pytest.fixture
def local(tmp_path):
    return create_app(work_dir=tmp_path / "work").test_client()


def post_files(c, url, path, **form):
    data = {"csrf_token": csrf(text(c.get(url))), **form, "files": (io.BytesIO(path.read_bytes()), path.name)}
    return c.post(url, data=data, content_type="multipart/form-data")


def test_validate_page_accepts_a_file_whose_only_findings_are_facts(local, tmp_path):
    r = post_files(local, "/validate", facts_only_ledger(tmp_path / "台账.xlsx"), today="2019-12-31")
    page = text(local.get(r.headers["Location"]))
    assert '<span class="badge accepted">通过</span>' in page
    assert "其中 6 项为迟报、逾期未报送等时效情况：已发生的事实，不需修改数据，不因此退回" in page  # E6 F6 E9 E14 E18 E22
    r = post_files(local, "/validate", LEDGER, today="2019-12-31")
    assert '<span class="badge returned">需修改后重报</span>' in text(local.get(r.headers["Location"]))


def test_monthly_page_shows_the_late_note_and_the_penalties_not_published(local, tmp_path):
    import datetime as dt

    from conftest import PENALTY_PERSON, write_sheet

    src = tmp_path / "台账.xlsx"
    shutil.copyfile(LEDGER, src)
    wb = openpyxl.load_workbook(src)
    wb["台账"]["K2"], wb["台账"]["K6"] = "迟报说明", "系统故障，恢复后补报"
    wb.save(src)
    r = post_files(local, "/monthly", src, month="2019-11", today="2019-12-31")
    page = text(r)
    assert '<td class="late-note">系统故障，恢复后补报</td>' in page

    warning = dict(PENALTY_PERSON, CF_WSH="中市监罚〔2026〕101号", CF_JDRQ=dt.date(2026, 5, 6),
                   CF_YXQ=dt.date(2026, 5, 6), CF_GSJZQ=dt.date(2026, 8, 6))
    pen = write_sheet(tmp_path / "处罚.xlsx", "penalty", [warning], sheet_name="行政处罚")
    page = text(post_files(local, "/monthly", pen, month="2026-05", today="2026-06-30"))
    assert '<h2 id="not-required">原则上不予公示（1 条）</h2>' in page
    assert ("<td>中市监罚〔2026〕101号</td><td>2026-05-06</td><td>处罚类别仅为警告（通报批评）</td>" in page)
