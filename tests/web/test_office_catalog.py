"""应归尽归 in office mode: the office uploads its 事项目录 on the dashboard, the month's report compares the
departments' accepted ledgers with it, and the dashboard shows the figures per department — the same as
`sgs reconcile` on the same files (tests/catalog_month.py)."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from catalog_month import write_catalogues, write_ledgers  # noqa: E402
from county_quarter import JT, SJ, TJ  # noqa: E402
from webutil import csrf, logged_in, office_app  # noqa: E402


UNITS = [("scjg", SJ, "市场监管局台账.xlsx"), ("tjj", TJ, "统计局台账.xlsx"), ("jtj", JT, "交通运输局台账.xlsx")]


@pytest.fixture
def office(tmp_path, monkeypatch):
    return office_app(tmp_path, monkeypatch, [(name, unit) for name, unit, _ in UNITS])


def upload(c, path, name=None):
    board = c.get("/dashboard?month=2026-09").get_data(as_text=True)
    return c.post("/dashboard/catalog", data={"csrf_token": csrf(board), "month": "2026-09",
                                              "catalog": (io.BytesIO(path.read_bytes()), name or path.name)},
                  content_type="multipart/form-data")


def test_catalogue_upload_report_and_dashboard(office, tmp_path):
    app, data = office
    cats, ledgers = write_catalogues(tmp_path / "事项目录"), write_ledgers(tmp_path / "台账")
    for name, _, file in UNITS:
        c = logged_in(app, name)
        r = c.post("/submit", data={"csrf_token": csrf(c.get("/submit").get_data(as_text=True)), "month": "2026-09",
                                    "file": (io.BytesIO((ledgers / file).read_bytes()), file)},
                   content_type="multipart/form-data")
        assert r.status_code == 302
    xyb = logged_in(app, "xyb")
    board = xyb.get("/dashboard?month=2026-09").get_data(as_text=True)
    assert "尚未上传事项目录" in board
    # a ledger is not a catalogue: refused, nothing stored
    r = upload(xyb, ledgers / "统计局台账.xlsx")
    assert r.status_code == 400 and "不是事项目录" in r.get_data(as_text=True)
    assert not (data / "catalogues").exists() or not any((data / "catalogues").iterdir())
    for f in sorted(cats.iterdir()):
        assert upload(xyb, f).status_code == 302
    assert sorted(p.name for p in (data / "catalogues").iterdir()) == ["事项目录_市场监管局.xlsx", "事项目录_统计局.xlsx"]
    board = xyb.get("/dashboard?month=2026-09").get_data(as_text=True)
    assert "已上传的事项目录：事项目录_市场监管局.xlsx、事项目录_统计局.xlsx" in board
    assert "还没有用事项目录生成的月报告" in board
    # a department account may not upload
    dept = logged_in(app, "scjg")
    assert upload(dept, cats / "事项目录_统计局.xlsx").status_code == 403

    r = xyb.post("/dashboard/report", data={"csrf_token": csrf(board), "month": "2026-09", "today": "2026-10-20"})
    assert r.status_code == 302
    board = xyb.get("/dashboard?month=2026-09").get_data(as_text=True)
    table = board[board.index('id="catalog-departments"'):].split("</table>")[0]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r'<tr class="catalog-row">(.*?)</tr>', table, re.S)]
    assert cells == [
        [JT, "未提供", "1", "0", "0", "1", "0", "0"],
        [SJ, "事项目录_市场监管局.xlsx › 目录", "5", "3", "2", "0", "5", "2"],
        [TJ, "事项目录_统计局.xlsx › 目录", "1", "1", "0", "0", "2", "1"],
    ]
    assert "决定 7 条，匹配目录事项 4 条，未匹配 2 条，\n无事项目录 1 条；目录事项 7 项，本月无决定 3 项" in board
    unmatched = board[board.index('id="catalog-unmatched"'):].split("</table>")[0]
    assert "中市监罚〔2026〕30号" in unmatched and "对经营超过保质期食品的处罚（0.78）" in unmatched
    assert "中市监罚〔2026〕32号" in unmatched
    assert re.findall(r"<li>(.*?)</li>", board[board.index('id="catalog-unused"'):].split("</ul>")[0]) == [
        f"{SJ}：行政处罚“对经营超过保质期食品的处罚”", f"{SJ}：行政许可“特种设备使用登记”",
        f"{TJ}：行政处罚“对提供不真实统计资料的处罚”"]
    # the report's workbook holds the 应归尽归 sheet
    rid = re.search(r"月报告#(\d+)", board).group(1)
    wb = openpyxl.load_workbook(io.BytesIO(xyb.get(f"/reports/{rid}.xlsx").data))
    assert [c.value for c in wb["应归尽归"][8]][:9] == ["合计", None, 7, 4, 3, 7, 4, 2, 1]
    audit = xyb.get("/audit").get_data(as_text=True)
    assert "上传事项目录" in audit
