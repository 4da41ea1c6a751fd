"""The main flows of `sgs serve` in a real browser (the system's headless Chromium driven by Playwright, see
tests/headless.py), against the application served on 127.0.0.1 on an ephemeral port.

With SGS_SCREENSHOTS=docs/screenshots the pages are also saved as 1366×768 screenshots."""

from __future__ import annotations

import openpyxl
import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from headless import MARKS, download, shot, submit  # noqa: E402
from served import Threaded  # noqa: E402
from webutil import LEDGER, PASSWORD, PENALTY, add_accounts, clean_ledger  # noqa: E402

pytestmark = MARKS


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    monkey = pytest.MonkeyPatch()
    monkey.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkey.delenv("SGS_HOLIDAYS", raising=False)
    from sgs_cli.web.app import create_app

    served = Threaded(create_app(work_dir=tmp_path_factory.mktemp("work")))
    yield served.url
    served.close()
    monkey.undo()


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from sgs_cli.web.app import create_app

    data = tmp_path_factory.mktemp("office") / "data"
    add_accounts(data)
    served = Threaded(create_app(data))
    yield served.url
    served.close()


def test_validate_the_example_see_12_findings_and_open_the_receipt(page, home, tmp_path):
    page.goto(home + "/validate")
    assert "校验台账" in page.inner_text("h1")
    page.set_input_files("#files", PENALTY)
    submit(page, "#run")
    assert page.locator("table.findings tr.finding").count() == 12
    summary = page.inner_text("#summary")
    assert "8 个错误" in summary and "4 个警告" in summary
    assert "410122********4264" in page.inner_text("table.findings")
    shot(page, "validate")
    receipt = download(page, "#dl-receipt0", tmp_path)
    wb = openpyxl.load_workbook(receipt)
    assert wb.sheetnames[0] == "汇总" and "行政处罚" in wb.sheetnames
    assert receipt.name == "错误回执.xlsx"


def test_deadlines_of_a_decision_date(page, home):
    page.goto(home + "/deadlines")
    page.fill("#decided", "2025-09-30")
    page.check("input[name=penalty]")
    submit(page, "#calc")
    result = page.inner_text("#result")
    assert "推送信用平台期限（7个工作日）\t2025年10月16日（星期四）" in result
    assert "公示期限依据" in result
    shot(page, "deadlines")


def test_monthly_report_from_a_ledger(page, home, tmp_path):
    page.goto(home + "/monthly")
    page.fill("#month", "2019-11")
    page.fill("input[name=today]", "2019-12-02")
    page.set_input_files("#files", LEDGER)
    submit(page, "#build")
    assert "2019年11月 双公示月报告" in page.inner_text("#monthly-summary")
    assert page.locator("#departments tr").count() == 3  # header + two departments
    shot(page, "monthly")
    wb = openpyxl.load_workbook(download(page, "#dl-workbook", tmp_path))
    assert wb.sheetnames[0] == "汇总"


def test_templates_and_calendar_pages(page, home):
    page.goto(home + "/templates")
    from sgs_cli.render.templates import TEMPLATE_KINDS

    assert page.locator("#templates a[href$=\".xlsx\"]").count() == len(TEMPLATE_KINDS)
    shot(page, "templates")
    page.goto(home + "/calendar?year=2026")
    assert "2026年工作日安排" in page.inner_text("#year")
    shot(page, "calendar")
    from webutil import sibling

    notice = sibling("calendar", "test_notice").notice

    page.fill("#notice", notice(2026))
    submit(page, "#preview-btn")
    assert "预览：粘贴的通知" in page.inner_text("#preview")
    shot(page, "calendar-notice")


def login(page, url, name):
    page.goto(url + "/login")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    submit(page, "#login")


def test_department_submits_and_office_sees_it_and_builds_the_report(page, office, tmp_path):
    page.goto(office + "/")
    assert page.url.endswith("/login")
    shot(page, "login")
    login(page, office, "scjg")
    page.goto(office + "/submit")
    page.fill("#month", "2019-11")
    page.set_input_files("#file", clean_ledger(tmp_path / "中牟县市场监管局11月台账.xlsx"))
    submit(page, "#send")
    assert page.inner_text("#status") == "通过"
    shot(page, "submission")
    submit(page, "header form button")  # 退出
    assert page.url.endswith("/login")

    login(page, office, "xyb")
    assert "/dashboard" in page.url
    page.goto(office + "/dashboard?month=2019-11")
    rows = page.inner_text("#dashboard")
    assert "县市场监管局\t#1 中牟县市场监管局11月台账.xlsx" in rows and "通过" in rows
    assert "县卫健委\t未报送" in rows
    shot(page, "dashboard")
    page.fill("#report-today", "2019-12-02")
    submit(page, "#build-report")
    # as of 2019-12-02: the corrected ledger's 20 November rows, 18 reported on time, rows 22 and 23
    # reported after the statistics date (so not yet reported, within their deadlines)
    assert "决定 20（许可 9，处罚 11，未分类 0）；按时 18，逾期 0，未到期 2，已逾期未报送 0" in page.inner_text("#monthly-summary")
    shot(page, "report")
    wb = openpyxl.load_workbook(download(page, "#dl-report", tmp_path))
    assert wb.sheetnames[0] == "汇总"
    page.goto(office + "/audit")
    log = page.inner_text("#audit")
    assert "xyb\t县信用办\t下载\t月报告#1" in log and "scjg\t县市场监管局\t报送\t报送#1" in log
    shot(page, "audit")
