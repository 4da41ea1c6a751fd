"""The office's cycle on the page reads the same library calls as the CLI: its figures are compared with
`sgs … --format json` on the same files."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest
from typer.testing import CliRunner

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from webutil import LEDGER as LEDGER_PATH, PENALTY as PENALTY_PATH, clean_ledger, csrf, logged_in, office_app  # noqa: E402

from sgs_cli.cli.app import app as cli  # noqa: E402

#: accounts named as the ledgers name the departments, and one unit that sends nothing
UNITS = [("scjg", "中牟县市场监督管理局"), ("wjw", "中牟县卫生健康委员会"), ("jyj", "中牟县教育局")]


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_app(tmp_path, monkeypatch, UNITS)[0]


def test_the_office_report_uses_the_servers_units_as_roster_like_the_cli(office, tmp_path):
    ledger = clean_ledger(tmp_path / "十一月台账.xlsx")
    scjg = logged_in(office, "scjg")
    r = scjg.post("/submit", data={"csrf_token": csrf(scjg.get("/submit").get_data(as_text=True)), "month": "2019-11",
                                   "file": (io.BytesIO(ledger.read_bytes()), "十一月台账.xlsx")},
                  content_type="multipart/form-data")
    assert r.status_code == 302
    xyb = logged_in(office, "xyb")
    board = xyb.get("/dashboard?month=2019-11").get_data(as_text=True)
    r = xyb.post("/dashboard/report", data={"csrf_token": csrf(board), "month": "2019-11", "today": "2019-12-20"})
    page = xyb.get(r.headers["Location"]).get_data(as_text=True)
    lines = re.findall(r"<p>(.*?)</p>", page[page.index('id="monthly-summary"'):].split("</div>")[0])

    roster = tmp_path / "单位名单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["单位名称"])
    for _, unit in UNITS:
        wb.active.append([unit])
    wb.save(roster)
    res = CliRunner().invoke(cli, ["monthly-report", str(ledger), "--month", "2019-11", "--roster", str(roster),
                                   "--today", "2019-12-20", "--format", "json", "-o", str(tmp_path / "o.xlsx")])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output[res.output.index("{"):])
    # 教育局 sent nothing: 未报送 (not 零报送, a submission saying there was no decision), on the page as in the CLI
    assert doc["zero_units"] == [] and doc["missing_units"] == ["中牟县教育局"] and doc["not_in_roster"] == []
    assert "未报送单位：中牟县教育局" in lines and "零报送单位：无" in lines
    assert not any("--roster" in x for x in lines)
    t = doc["total"]
    assert f"决定 {t['records']}（许可 {t['licence']}，处罚 {t['penalty']}，未分类 {t['unclassified']}）" in lines[0]
    assert f"按时 {t['on_time']}，逾期 {t['late']}" in lines[0] and (t["records"], t["on_time"]) == (20, 20)
    rows = re.findall(r"<tr><td>(.*?)</td>", page[page.index('id="departments"'):].split("</table>")[0])
    assert sorted(rows) == sorted(d["department"] for d in doc["departments"]) == [
        "中牟县卫生健康委员会", "中牟县市场监督管理局", "中牟县教育局"]


def cli_lines(*args) -> list[str]:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    # the lines naming the files written (the workbook, the 公文草稿 .docx) are the command's, not the page's
    return [x.strip() for x in res.output.splitlines() if x.strip() and not x.startswith(("已写入", "公文草稿："))]


def page_lines(html: str, box: str) -> list[str]:
    import html as h

    part = html[html.index(f'id="{box}"'):].split("</div>")[0]
    return [h.unescape(x).strip() for x in re.findall(r"<p>(.*?)</p>", part, re.S) if x.strip()]


@pytest.mark.parametrize("kind,period,command", [("quarter", "2019Q4", "quarterly-report"),
                                                  ("year", "2019", "annual-assessment")])
def test_quarterly_and_annual_pages_match_the_cli_with_the_servers_units_as_roster(office, tmp_path, kind, period,
                                                                                   command):
    ledger = clean_ledger(tmp_path / "十一月台账.xlsx")
    xyb = logged_in(office, "xyb")
    token = csrf(xyb.get(f"/periodic/{kind}").get_data(as_text=True))
    r = xyb.post(f"/periodic/{kind}", data={"csrf_token": token, "period": period, "today": "2020-01-20",
                                            "folder": [(io.BytesIO(ledger.read_bytes()), "各部门/十一月台账.xlsx")]},
                 content_type="multipart/form-data")
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html
    assert "单位名单：本系统的部门账号" in html
    roster = tmp_path / "单位名单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["单位名称"])
    for unit in office.extensions["sgs_store"].department_units():  # the server's units, in its order
        wb.active.append([unit])
    wb.save(roster)
    period_opt = ["--quarter", period] if kind == "quarter" else ["--year", period]
    want = cli_lines(command, str(ledger), *period_opt, "--roster", str(roster), "--today", "2020-01-20", "--text",
                     "-o", str(tmp_path / "o.xlsx"))
    got = page_lines(html, "period-summary") + page_lines(html, "period-text")
    from sgs_cli.web.wording import page_words

    assert got == [page_words(x) for x in want]  # the CLI's lines, an option said as the page's field
    assert "说明：未提供报送登记表（“报送登记表”栏）：工作方案、推进计划和月报告的报送情况无法统计" in got
    assert any("中牟县教育局" in x for x in got)  # the unit that sent nothing is in the report
    wb = openpyxl.load_workbook(io.BytesIO(xyb.get(re.search(r'id="dl-workbook" href="([^"]+)"', html).group(1)).data))
    ref = openpyxl.load_workbook(tmp_path / "o.xlsx")
    assert wb.sheetnames == ref.sheetnames


@pytest.mark.parametrize("mode,within,options", [
    ("due", "5", ["--due-within", "5"]),
    ("publication", "", ["--publication"]),
    ("ledger", "", []),
])
def test_lists_page_over_every_units_latest_submission_matches_the_cli(office, tmp_path, mode, within, options):
    from sgs_cli.web.services import stage_as_units

    store = office.extensions["sgs_store"]
    ledger = clean_ledger(tmp_path / "十一月台账.xlsx")
    ledger_wjw = tmp_path / "卫健委.xlsx"
    ledger_wjw.write_bytes((LEDGER_PATH).read_bytes())
    for unit, name, path in (("中牟县市场监督管理局", "scjg", ledger), ("中牟县卫生健康委员会", "wjw", ledger_wjw),
                             ("中牟县教育局", "jyj", PENALTY_PATH)):  # penalties: the publication list
        store.new_submission(unit=unit, username=name, month="2019-11", original_name=path.name, suffix=".xlsx",
                             data=path.read_bytes())
    xyb = logged_in(office, "xyb")
    token = csrf(xyb.get("/lists").get_data(as_text=True))
    r = xyb.post("/lists", data={"csrf_token": token, "mode": mode, "within": within, "server": "1",
                                 "today": "2019-12-10"}, content_type="multipart/form-data")
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html
    import html as h

    table = html[html.index('id="list"'):].split("</table>")[0]
    rows = [[h.unescape(c) for c in re.findall(r"<td>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r'<tr class="item">(.*?)</tr>', table, re.S)]
    # the CLI over the same files, named as the page names them (each unit's name)
    staged = stage_as_units({u: store.submission_file(r) for u, r in
                             {r["unit"]: r for r in store.submissions()}.items()}, tmp_path / "cli")
    res = CliRunner().invoke(cli, ["deadlines", "--ledger", str(tmp_path / "cli"), *options, "--today", "2019-12-10",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output[res.output.index("{"):])
    assert len(rows) == len(doc["records"]) > 0, html[html.index("<main>"):][:1500]
    key = {"due": "wsh", "publication": "wsh", "ledger": "wsh"}[mode]
    col = {"due": 2, "publication": 0, "ledger": 3}[mode]
    assert [r[col] for r in rows] == [rec[key] for rec in doc["records"]]
    summary = re.search(r'<p id="list-summary">(.*?)</p>', html).group(1)
    if mode == "due":
        s = doc["summary"]
        assert summary == f"今天到期 {s['today']} 条，5 个工作日内到期 {s['soon']} 条，已逾期未报送 {s['overdue']} 条"
    assert len(staged) == 3


def test_public_export_page_matches_the_cli(office, tmp_path):
    xyb = logged_in(office, "xyb")
    token = csrf(xyb.get("/export").get_data(as_text=True))
    r = xyb.post("/export", data={"csrf_token": token, "today": "2020-01-20",
                                  "files": [(io.BytesIO(PENALTY_PATH.read_bytes()), "行政处罚台账.xlsx")]},
                 content_type="multipart/form-data")
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html
    res = CliRunner().invoke(cli, ["export", "--public", str(PENALTY_PATH), "-o", str(tmp_path / "p.xlsx"),
                                   "--today", "2020-01-20", "--format", "json"])
    doc = json.loads(res.output[res.output.index("{"):])
    import html as h

    held = [[h.unescape(c) for c in re.findall(r"<td>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r'<tr class="item">(.*?)</tr>', html, re.S)]
    assert [(int(r[2]), r[3], r[4]) for r in held] == [(x["row"], x["record_key"], x["reason"]) for x in doc["held_back"]]
    assert len(held) == 8  # the 8 records with errors of the example
    from sgs_cli.render.export import SHEET_TITLE

    want = "，".join(f"{SHEET_TITLE[k]} {n} 条" for k, n in doc["exported"].items())
    assert re.search(r'<p id="exported">已导出：(.*?)</p>', html).group(1) == want
    page = openpyxl.load_workbook(io.BytesIO(xyb.get(re.search(r'id="dl-workbook" href="([^"]+)"', html).group(1)).data))
    ref = openpyxl.load_workbook(tmp_path / "p.xlsx")
    assert [[c.value for c in row] for row in page.active.iter_rows()] == [[c.value for c in row]
                                                                            for row in ref.active.iter_rows()]
