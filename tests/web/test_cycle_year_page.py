"""The fixture year of issue 25 (tests/reports/test_cycle_year.py) on the web pages: the 季通报 page given the
county's folder and its roster says, line for line, what `sgs quarterly-report --text` says (an option said as the
page's field), and the workbook it offers holds the same figures — the office's report and the CLI's side by side."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from web.test_office_cycle import cli_lines, page_lines  # noqa: E402
from web.test_web import csrf, text  # noqa: E402

from conftest import run_checked as run  # noqa: E402
from sgs_cli.web.app import create_app  # noqa: E402
from sgs_cli.web.wording import page_words  # noqa: E402


@pytest.fixture
def year_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)
    from reports.test_cycle_year import write_year

    return write_year(tmp_path)


def test_quarterly_page_equals_the_cli_on_the_fixture_year(year_folder, tmp_path):
    folder, roster, _ = year_folder
    c = create_app(work_dir=tmp_path / "work").test_client()
    files = [(io.BytesIO(p.read_bytes()), f"台账/{p.name}") for p in sorted(folder.iterdir())]
    r = c.post("/periodic/quarter", data={"csrf_token": csrf(text(c.get("/periodic/quarter"))), "period": "2026Q3",
                                           "today": "2026-10-20", "folder": files,
                                           "roster": (io.BytesIO(roster.read_bytes()), roster.name)},
               content_type="multipart/form-data")
    html = text(r)
    assert r.status_code == 200, html
    want = cli_lines("quarterly-report", "--quarter", "2026Q3", str(folder), "--roster", str(roster),
                     "--today", "2026-10-20", "--text", "-o", str(tmp_path / "q.xlsx"))
    got = page_lines(html, "period-summary") + page_lines(html, "period-text")

    def undated(lines):  # an uploaded file's date is the day it was uploaded, not the one it has in the folder
        return [re.sub(r"文件日期 \d{4}-\d{2}-\d{2}", "文件日期 …", x) for x in lines]

    assert undated(got) == undated(page_words(x) for x in want)
    assert got[0] == ("2026年第3季度：决定 12（许可 4，处罚 8）；及时率 66.67%（许可 66.67%，处罚 66.67%），"
                      "合规率 83.33%（一次通过率 75.00%，重报 1 次），完整率 98.65%")  # the hand count (6/9, 10/12, 9/12, 73/74)
    wb = openpyxl.load_workbook(io.BytesIO(c.get(re.search(r'id="dl-workbook" href="([^"]+)"', html).group(1)).data))
    ref = openpyxl.load_workbook(tmp_path / "q.xlsx")
    for sheet in ("汇总", "排名", "分月"):  # the figures, cell by cell (the 汇总's file list and dates aside)
        body = [r for r in wb[sheet].iter_rows(min_row=4, values_only=True) if r[0] not in ("说明", "使用的文件")]
        assert body == [r for r in ref[sheet].iter_rows(min_row=4, values_only=True)
                        if r[0] not in ("说明", "使用的文件")], sheet
    j = json.loads(run("quarterly-report", "--quarter", "2026Q3", str(folder), "--roster", str(roster), "--today",
                       "2026-10-20", "-o", str(tmp_path / "q2.xlsx"), "--format", "json").stdout)
    assert [(x["rank"], x["department"]) for x in j["ranking"]] == [(1, "中牟县市场监督管理局"), (2, "中牟县统计局")]


def test_monthly_page_equals_the_cli_on_the_fixture_year(year_folder, tmp_path):
    """September as reported (2026-10-15) from the same files on the 月报告 page: the figures of the hand count
    (决定 6, 及时率 2/4, 合规率 4/6 …), line for line the command's."""
    folder, roster, _ = year_folder
    c = create_app(work_dir=tmp_path / "work").test_client()
    files = [(io.BytesIO(p.read_bytes()), p.name) for p in sorted(folder.iterdir())]
    r = c.post("/monthly", data={"csrf_token": csrf(text(c.get("/monthly"))), "month": "2026-09", "today": "2026-10-15",
                                 "files": files, "roster": (io.BytesIO(roster.read_bytes()), roster.name)},
               content_type="multipart/form-data")
    html = text(r)
    assert r.status_code == 200, html
    from sgs_cli.render.monthly_text import summary_lines
    from sgs_cli.reports import monthly as M
    from sgs_cli.reports.roster import read_roster

    rep = M.build((2026, 9), [str(folder)], today=__import__("datetime").date(2026, 10, 15), roster=read_roster(roster))
    want = [re.sub(r"文件日期 \d{4}-\d{2}-\d{2}", "文件日期 …", page_words(x)) for x in summary_lines(rep)]
    got = [re.sub(r"文件日期 \d{4}-\d{2}-\d{2}", "文件日期 …", x) for x in page_lines(html, "monthly-summary")]
    assert got == want
    assert rep.total.records == 6 and any("合规率 66.67%（一次通过率 50.00%，重报 1 次）" in x for x in got)
