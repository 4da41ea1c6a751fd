"""The fixture year of issue 25 (tests/reports/test_cycle_year.py) in office mode (`sgs serve --data`): each
roster department is an account and sends its September files through the page, in the order a clerk would
(the 1-8月 ledger, then 1-9月; 统计局台账.xlsx, then the 退回_ file sent back corrected; 住建局's WPS .et 790
table; 交通局 sends nothing). The office accepts or returns them, builds September's report on the dashboard
(statistics date 2026-10-15) from the accepted submissions, and its 汇总 / 分部门 hold the hand count of
test_cycle_year.py (SEPTEMBER, SEPTEMBER_TOTAL) — the CLI's figures on the folder, figure for figure.

The one legitimate difference is a file the office has not accepted. The check of a submission runs on the
day it arrives (here the machine's date, after the statistics date): 市监局's 1-9月 ledger is returned (30号
has no 项目名称, an error the department can fix; 150's 已逾期未报送 is a fact and returns nothing) and
统计局台账.xlsx too (5号, the same error). While 1-9月 is returned, the office's data for 市监局 is the 1-8月
ledger alone (title month 8): 市监局 is 未报送 in September and its 2 decisions are missing from every total —
asserted exactly below. Once the office accepts 1-9月 with a written reason (issue 25 part 1: audited), the
report equals the CLI's. 统计局台账.xlsx is never accepted: its accepted correction 退回_统计局台账.xlsx brings
it into the report (dashboard.corrected_originals), whose other records (3号, 4号, 6号) count as in the CLI
and whose 5号 the correction replaces (重报 1, not right the first time).
"""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from webutil import csrf, login, office_app  # noqa: E402

from conftest import run_checked as run  # noqa: E402
from reports.test_cycle_year import JT, SEPTEMBER, SEPTEMBER_TOTAL, SJ, TJ, ZJ, write_year  # noqa: E402

#: the roster's departments as accounts; 交通局 has one and sends nothing
ACCOUNTS = {SJ: "scjg", TJ: "tjj", ZJ: "zjj", JT: "jtj"}
#: each department's September files, in the order it sends them
SENT = {SJ: ["市场监管局台账（1-8月）.xlsx", "市场监管局台账（1-9月）.xlsx"],
        TJ: ["统计局台账.xlsx", "退回_统计局台账.xlsx"], ZJ: ["住建局行政处罚.et"]}
#: the 分部门 columns of the workbook that hold test_cycle_year.KEYS, in that order (一次通过数 is on 汇总 only)
COLUMNS = ("许可", "处罚", "决定总数", "按时", "逾期", "未到期", "已逾期未报送", "无法判定及时性", "及时率", "合规率",
           None, "一次通过率", "重报次数", "完整率", "重复")


def text(r) -> str:
    return r.get_data(as_text=True)


def client(app, username):
    c = app.test_client()
    assert login(c, username).status_code == 302
    return c


def submit(c, path):
    r = c.post("/submit", data={"csrf_token": csrf(text(c.get("/submit"))), "month": "2026-09",
                                "file": (io.BytesIO(path.read_bytes()), path.name)},
               content_type="multipart/form-data")
    assert r.status_code == 302, text(r)
    return int(r.headers["Location"].rsplit("/", 1)[1])


def departments(wb) -> dict:
    """分部门 of a monthly workbook: department → its figures in test_cycle_year's order (一次通过数 left out)."""
    ws = wb["分部门"]
    heads = [c.value for c in ws[4]]
    rows = {r[0]: dict(zip(heads, r)) for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}
    return {name: tuple(None if col is None else (None if row[col] == "—" else row[col]) for col in COLUMNS)
            for name, row in rows.items()}


def hand(figures: tuple) -> tuple:
    """A hand-counted tuple of test_cycle_year without 一次通过数 (not a 分部门 column)."""
    return figures[:10] + (None,) + figures[11:]


def summary(wb) -> dict:
    ws = wb["汇总"]
    return {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, ws.max_row + 1)
            if ws.cell(r, 1).value not in (None, "说明", "使用的文件")}


@pytest.fixture
def office(tmp_path, monkeypatch):
    folder, _, _ = write_year(tmp_path)
    return office_app(tmp_path, monkeypatch, [(name, unit) for unit, name in ACCOUNTS.items()])[0], folder


def build(xyb) -> tuple[str, openpyxl.Workbook]:
    board = text(xyb.get("/dashboard?month=2026-09"))
    r = xyb.post("/dashboard/report", data={"csrf_token": csrf(board), "month": "2026-09", "today": "2026-10-15"})
    assert r.status_code == 302, text(r)
    page = text(xyb.get(r.headers["Location"]))
    link = re.search(r'id="dl-report" href="([^"]+)"', page).group(1)
    return page, openpyxl.load_workbook(io.BytesIO(xyb.get(link).data))


def test_the_office_builds_september_from_the_departments_submissions_as_counted_by_hand(office, tmp_path):
    app, folder = office
    store = app.extensions["sgs_store"]
    status = {}
    for unit, files in SENT.items():
        c = client(app, ACCOUNTS[unit])
        for name in files:
            status[name] = store.submission(submit(c, folder / name))
    assert {k: v["status"] for k, v in status.items()} == {
        "市场监管局台账（1-8月）.xlsx": "accepted", "市场监管局台账（1-9月）.xlsx": "returned",  # 30号: 项目名称
        "统计局台账.xlsx": "returned", "退回_统计局台账.xlsx": "accepted",  # 5号, then corrected
        "住建局行政处罚.et": "accepted"}  # the WPS file read by its bytes
    xyb = client(app, "xyb")
    board = text(xyb.get("/dashboard?month=2026-09"))
    stats = dict(re.findall(r'<div class="stat">(\w+)<b>(\d+)</b>', board))
    assert stats == {"应报送单位": "4", "已报送": "3", "已通过": "3", "未报送": "1"}  # 交通局 sent nothing

    # 1-9月 not accepted (yet): 市监局's September is its 1-8月 ledger's, i.e. nothing — 未报送, and its 2
    # decisions (150, 30) are missing: 统计局 and 住建局 exactly as counted by hand, the total theirs alone
    _, wb = build(xyb)
    got = departments(wb)
    assert {k: got[k] for k in (TJ, ZJ, JT)} == {k: hand(SEPTEMBER[k]) for k in (TJ, ZJ, JT)}
    assert got[SJ] == hand(SEPTEMBER[JT])  # nothing, like the department that sent nothing
    assert got["合计"][:8] == (1, 3, 4, 1, 1, 1, 0, 1)  # 6 − 市监局's 许可 150 and 处罚 30
    assert got["合计"][8:] == (0.5, 0.75, None, 0.5, 1, 1.0, 0)  # 及时率 1/2, 合规 3/4, 完整 29/29
    s = summary(wb)
    assert (s["未报送单位"], s["零报送单位"]) == (f"{JT}、{SJ}", "无")

    # the office accepts 1-9月 with its reason (30号 stays non-compliant: accepting fixes no data)
    sid = status["市场监管局台账（1-9月）.xlsx"]["id"]
    page = text(xyb.get(f"/submissions/{sid}"))
    r = xyb.post(f"/submissions/{sid}/accept", data={"csrf_token": csrf(page), "reason": "30号项目名称下月台账补填"})
    assert r.status_code == 302 and store.submission(sid)["status"] == "accepted"
    page, wb = build(xyb)
    got = departments(wb)
    assert {k: got[k] for k in (SJ, TJ, ZJ, JT)} == {k: hand(v) for k, v in SEPTEMBER.items()}
    assert got["合计"] == hand(SEPTEMBER_TOTAL)  # 6 decisions; 及时率 2/4, 合规 4/6, 重报 1, 完整 36/37
    s = summary(wb)
    assert (s["决定总数"], s["一次通过数"], s["重报次数"], s["重复记录数"]) == (6, 3, 1, 0)
    assert (s["未报送单位"], s["零报送单位"], s["报送状态：无法判定及时性"]) == (JT, "无", 1)
    assert "合规率 66.67%（一次通过率 50.00%，重报 1 次）" in page
    assert f"未报送单位：{JT}" in page and "找不到原文件" not in page
    tj = status["统计局台账.xlsx"]["id"]  # read with its correction, and said so among the report's sources
    assert f">#{tj} {TJ} 第1版</a>（已退回，其记录由更正文件替代）" in page
    # the report names the data it chose, as the CLI does: 1-9月 over 1-8月, the correction over 5号
    notes = [wb["汇总"].cell(r, 2).value for r in range(5, wb["汇总"].max_row + 1) if wb["汇总"].cell(r, 1).value == "说明"]
    assert notes[0].startswith(f"{SJ}的台账有 2 个版本，按标题月份使用最新的 市场监管局台账（1-9月）.xlsx")
    assert notes[1] == (f"{TJ}的更正文件 退回_统计局台账.xlsx（第1次退回后重报）替代 统计局台账.xlsx 中同一文号的 1 条记录"
                        "（牟统罚〔2026〕5号）：按更正后的记录统计")

    # the CLI on the folder, with the server's accounts as its roster: the same 汇总 and 分部门, cell for cell
    from sgs_cli.web import services

    roster = services.write_units_roster(store.department_units(), tmp_path / "本系统的部门账号.xlsx")
    r = run("monthly-report", "--month", "2026-09", "--today", "2026-10-15", folder, "--roster", roster,
            "-o", tmp_path / "cli.xlsx", "--format", "json")
    assert r.exit_code == 0, r.output
    cli = openpyxl.load_workbook(tmp_path / "cli.xlsx")
    assert departments(wb) == departments(cli)
    assert summary(wb) == summary(cli)
    assert [[c.value for c in row] for row in wb["分部门"].iter_rows(min_row=4)] == [
        [c.value for c in row] for row in cli["分部门"].iter_rows(min_row=4)]
    assert json.loads(r.stdout)["total"]["records"] == 6


@pytest.mark.parametrize("kind,period", [("quarter", "2026Q3"), ("year", "2026")])
def test_the_offices_bulletin_and_assessment_pages_take_the_accounts_as_roster(office, kind, period):
    """The 季通报 and 年考核 pages in office mode: the office uploads the county's folder, no roster — the
    server's department accounts are the roster (the four of the fixture's, 交通局 with no file). The hand
    count of test_cycle_year.py: Q3 决定 12, 及时率 6/9, 合规 10/12, 一次通过 9/12, 完整 73/74; the year's scores
    89.5, 84, 74, 20 (交通局 sent nothing: never full marks)."""
    import html as h

    app, folder = office
    xyb = client(app, "xyb")
    files = [(io.BytesIO(p.read_bytes()), f"台账/{p.name}") for p in sorted(folder.iterdir())]
    r = xyb.post(f"/periodic/{kind}", data={"csrf_token": csrf(text(xyb.get(f"/periodic/{kind}"))), "period": period,
                                            "today": "2026-10-20", "folder": files}, content_type="multipart/form-data")
    page = text(r)
    assert r.status_code == 200, page
    assert "单位名单：本系统的部门账号" in page
    box = page[page.index('id="period-summary"'):].split("</div>")[0]
    lines = [h.unescape(x).strip() for x in re.findall(r"<p>(.*?)</p>", box, re.S)]
    if kind == "quarter":
        assert lines[0] == ("2026年第3季度：决定 12（许可 4，处罚 8）；及时率 66.67%（许可 66.67%，处罚 66.67%），"
                            "合规率 83.33%（一次通过率 75.00%，重报 1 次），完整率 98.65%")
    else:
        ranks = [x for x in lines if re.match(r"\d\. ", x)]
        assert [re.match(r"(\d)\. (\S+) ([\d.]+) 分", x).groups() for x in ranks] == [
            ("1", SJ, "89.5"), ("2", TJ, "84"), ("3", ZJ, "74"), ("4", JT, "20")]


def test_a_return_of_a_return_brings_its_whole_chain():
    """退回_退回_台账.xlsx accepted: 台账.xlsx and 退回_台账.xlsx, both returned, are read with it (the latest
    returned version of each name, never another unit's, never a later one); an accepted original is read anyway."""
    from sgs_cli.web.dashboard import corrected_originals

    def row(i, unit, version, name, status):
        return {"id": i, "unit": unit, "version": version, "original_name": name, "status": status}

    rows = [row(1, TJ, 1, "台账.xlsx", "returned"), row(2, TJ, 2, "台账.xlsx", "returned"),
            row(3, TJ, 3, "退回_台账.xlsx", "returned"), row(4, TJ, 4, "退回_退回_台账.xlsx", "accepted"),
            row(5, TJ, 5, "台账.xlsx", "returned"), row(6, SJ, 1, "台账.xlsx", "returned"),
            row(7, SJ, 2, "退回_其他.xlsx", "accepted"), row(8, ZJ, 1, "表.xlsx", "accepted"),
            row(9, ZJ, 2, "退回_表.xlsx", "accepted")]
    accepted = [r for r in rows if r["status"] == "accepted"]
    assert [r["id"] for r in corrected_originals(accepted, rows)] == [2, 3]
