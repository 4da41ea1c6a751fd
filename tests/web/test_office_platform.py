"""平台对账 on the office's dashboard (issue 31, part 4): the office uploads the platform's failure file and its
export (JSON) for a month; the dashboard shows per unit the same figures as `sgs reconcile --month` on the units'
accepted submissions, and the records to look into. Department accounts cannot upload or see it."""

from __future__ import annotations

import io
import json
import re

import pytest
from typer.testing import CliRunner

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from webutil import csrf, logged_in, office_app, sibling  # noqa: E402

from sgs_cli.cli.app import app as cli  # noqa: E402

fixture = sibling("reports", "test_platform_intake")
UNITS = [("scjg", "中牟县市场监督管理局"), ("tjj", "中牟县统计局")]


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_app(tmp_path, monkeypatch, UNITS)[0]


def submit(c, path):
    r = c.post("/submit", data={"csrf_token": csrf(c.get("/submit").get_data(as_text=True)), "month": "2019-11",
                                "file": (io.BytesIO(path.read_bytes()), path.name)}, content_type="multipart/form-data")
    assert r.status_code == 302


def test_the_dashboard_shows_the_platform_reconciliation_like_the_cli(office, tmp_path):
    f = fixture._folder(tmp_path)
    export = fixture._json_export(tmp_path, f["licence"])
    submit(logged_in(office, "scjg"), f["ledgers"] / "市场监管局行政处罚.xlsx")
    submit(logged_in(office, "tjj"), f["ledgers"] / "统计局台账.xlsx")
    xyb = logged_in(office, "xyb")
    board = xyb.get("/dashboard?month=2019-11").get_data(as_text=True)
    assert 'id="platform-table"' not in board  # nothing uploaded yet: the form only
    files = [(io.BytesIO(p.read_bytes()), p.name) for p in export]
    r = xyb.post("/dashboard/platform", data={
        "csrf_token": csrf(board), "month": "2019-11", "today": "2019-12-20",
        "failures": [(io.BytesIO(f["failures"].read_bytes()), f["failures"].name)], "platform": files},
        content_type="multipart/form-data")
    assert r.status_code == 302 and r.headers["Location"].endswith("/dashboard?month=2019-11#platform")
    page = xyb.get("/dashboard?month=2019-11").get_data(as_text=True)
    table = page[page.index('id="platform-table"'):].split("</table>")[0]
    head = re.findall(r"<th[^>]*>(.*?)</th>", table)
    rows = {cells[0]: dict(zip(head, cells)) for cells in
            (re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r'<tr class="platform-row">(.*?)</tr>',
                                                                                table, re.S))}
    assert rows["中牟县市场监督管理局"] == {
        "单位": "中牟县市场监督管理局", "台账记录": "5", "已入库": "2", "公示不一致": "1", "失败未重报": "1", "漏报": "1",
        "待入库": "0", "平台记录": "4", "多报": "1", "失败记录（台账外）": "0", "失败后已重报": "1"}
    assert (rows["中牟县统计局"]["台账记录"], rows["中牟县统计局"]["已入库"], rows["合计"]["平台记录"]) == ("1", "1", "5")
    items = re.findall(r'<tr class="platform-item"><td>(.*?)</td><td>.*?</td><td>(.*?)</td>', page, re.S)
    assert sorted(items) == sorted([("已入库（曾失败）", "中市监罚〔2019〕205号"), ("公示不一致", "中市监罚〔2019〕202号"),
                                    ("失败未重报", "中市监罚〔2019〕204号"), ("漏报", "中市监罚〔2019〕203号"),
                                    ("多报", "中市监罚〔2019〕299号")])
    assert "罚款金额（万元）：台账“0.2”，平台“0.3”</td>" in page
    # the CLI on the same files gives the same figures
    res = CliRunner().invoke(cli, ["reconcile", str(f["ledgers"]), "--failures", str(f["failures"]),
                                   *sum((["--platform", str(p)] for p in export), []), "--month", "2019-11",
                                   "--today", "2019-12-20", "--format", "json"])
    doc = json.loads(res.stdout)
    market = next(d for d in doc["departments"] if d["department"] == "中牟县市场监督管理局")
    assert [market[k] for k in ("ledger", "in", "diff", "failed", "missing", "platform", "extra")] == [
        int(rows["中牟县市场监督管理局"][h]) for h in ("台账记录", "已入库", "公示不一致", "失败未重报", "漏报", "平台记录", "多报")]
    # 重新对账 without new files uses the files already uploaded
    again = xyb.post("/dashboard/platform", data={"csrf_token": csrf(page), "month": "2019-11", "today": "2019-12-20"})
    assert again.status_code == 302
    audit = xyb.get("/audit").get_data(as_text=True)
    assert "上传平台文件" in audit and "平台对账" in audit


def test_a_department_cannot_upload_platform_files(office, tmp_path):
    scjg = logged_in(office, "scjg")
    token = csrf(scjg.get("/submit").get_data(as_text=True))
    r = scjg.post("/dashboard/platform", data={"csrf_token": token, "month": "2019-11"})
    assert r.status_code == 403
    xyb = logged_in(office, "xyb")
    r = xyb.post("/dashboard/platform", data={"csrf_token": csrf(xyb.get("/dashboard").get_data(as_text=True)),
                                              "month": "2019-11"})
    assert r.status_code == 400 and "没有平台文件" in r.get_data(as_text=True)


def test_a_wrong_platform_file_is_refused_and_not_kept(office, tmp_path):
    """A file that is no 790 table is refused with its reason and not saved: the month's later reconciliations
    still run on the files uploaded before; 替换 replaces them."""
    f = fixture._folder(tmp_path)
    submit(logged_in(office, "scjg"), f["ledgers"] / "市场监管局行政处罚.xlsx")
    xyb = logged_in(office, "xyb")
    token = csrf(xyb.get("/dashboard?month=2019-11").get_data(as_text=True))

    def upload(side, path, **extra):
        return xyb.post("/dashboard/platform", data={"csrf_token": token, "month": "2019-11", "today": "2019-12-20",
                                                     side: [(io.BytesIO(path.read_bytes()), path.name)], **extra},
                        content_type="multipart/form-data")

    assert upload("platform", f["platform"][0]).status_code == 302
    r = upload("platform", f["ledgers"] / "统计局台账.xlsx")
    assert r.status_code == 400 and "统计局台账.xlsx：不是行政许可或行政处罚表（790号）" in r.get_data(as_text=True)
    assert "本次上传的文件未保存" in r.get_data(as_text=True)
    assert xyb.post("/dashboard/platform", data={"csrf_token": token, "month": "2019-11",
                                                 "today": "2019-12-20"}).status_code == 302
    page = xyb.get("/dashboard?month=2019-11").get_data(as_text=True)
    assert "平台导出：平台导出.xlsx；" in page
    assert upload("platform", f["platform"][1], replace="1").status_code == 302  # the licence export only
    page = xyb.get("/dashboard?month=2019-11").get_data(as_text=True)
    assert "平台导出：平台导出许可.xlsx；" in page
    row = re.search(r'<tr class="platform-row"><td>中牟县市场监督管理局</td><td class="num">5</td>', page)
    assert row  # the market office's 5 November records, none of them now on the (licence-only) export
