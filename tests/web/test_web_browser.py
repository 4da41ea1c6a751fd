"""The main flows of `sgs serve` in a real browser (Debian's headless Chromium over the DevTools
protocol, see tests/cdp.py), against the application served on 127.0.0.1 on an ephemeral port.

With SGS_SCREENSHOTS=docs/screenshots the pages are also saved as 1366×768 screenshots."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")
pytest.importorskip("websocket", reason="websocket-client 未安装：pip install -e '.[test]'")

from cdp import Browser, chromium_path  # noqa: E402
from webutil import LEDGER, PASSWORD, PENALTY, add_accounts, clean_ledger  # noqa: E402

if os.environ.get("SGS_REQUIRE_BROWSER") == "1" and chromium_path() is None:
    raise RuntimeError("SGS_REQUIRE_BROWSER=1 but Chromium is not installed (apt-get install -y chromium)")

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(chromium_path() is None,
                                 reason="没有 Chromium，跳过浏览器测试：apt-get install -y chromium（CI 的 .ci/run 会自动安装）")]

SHOTS = Path(os.environ["SGS_SCREENSHOTS"]) if os.environ.get("SGS_SCREENSHOTS") else None


def shot(browser: Browser, name: str) -> None:
    if SHOTS is not None:
        browser.screenshot(SHOTS / f"{name}.png")


class Served:
    """The Flask app on 127.0.0.1 with an ephemeral port, in a thread."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.thread.join(5)


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    monkey = pytest.MonkeyPatch()
    monkey.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkey.delenv("SGS_HOLIDAYS", raising=False)
    from sgs_cli.web.app import create_app

    served = Served(create_app(work_dir=tmp_path_factory.mktemp("work")))
    yield served.url
    served.close()
    monkey.undo()


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from sgs_cli.web.app import create_app

    data = tmp_path_factory.mktemp("office") / "data"
    add_accounts(data)
    served = Served(create_app(data))
    yield served.url
    served.close()


def test_validate_the_example_see_12_findings_and_open_the_receipt(browser, home):
    browser.go(home + "/validate")
    assert "校验台账" in browser.text("h1")
    browser.choose_files("#files", PENALTY)
    browser.click("#run")
    assert browser.count("table.findings tr.finding") == 12
    summary = browser.text("#summary")
    assert "8 个错误" in summary and "4 个警告" in summary
    assert "410122********4264" in browser.text("table.findings")
    shot(browser, "validate")
    receipt = browser.download("#dl-receipt0")
    wb = openpyxl.load_workbook(receipt)
    assert wb.sheetnames[0] == "汇总" and "行政处罚" in wb.sheetnames
    assert receipt.name == "错误回执.xlsx"


def test_deadlines_of_a_decision_date(browser, home):
    browser.go(home + "/deadlines")
    browser.fill("#decided", "2025-09-30")
    browser.js("document.querySelector('input[name=penalty]').checked = true")
    browser.click("#calc")
    result = browser.text("#result")
    assert "推送信用平台期限（7个工作日）\t2025年10月16日（星期四）" in result
    assert "公示期限依据" in result
    shot(browser, "deadlines")


def test_monthly_report_from_a_ledger(browser, home):
    browser.go(home + "/monthly")
    browser.fill("#month", "2019-11")
    browser.fill("input[name=today]", "2019-12-02")
    browser.choose_files("#files", LEDGER)
    browser.click("#build")
    assert "2019年11月 双公示月报告" in browser.text("#monthly-summary")
    assert browser.count("#departments tr") == 3  # header + two departments
    shot(browser, "monthly")
    wb = openpyxl.load_workbook(browser.download("#dl-workbook"))
    assert wb.sheetnames[0] == "汇总"


def test_templates_and_calendar_pages(browser, home):
    browser.go(home + "/templates")
    from sgs_cli.render.templates import TEMPLATE_KINDS

    assert browser.count("#templates a[href$=\".xlsx\"]") == len(TEMPLATE_KINDS)
    shot(browser, "templates")
    browser.go(home + "/calendar?year=2026")
    assert "2026年工作日安排" in browser.text("#year")
    shot(browser, "calendar")
    from webutil import sibling

    notice = sibling("calendar", "test_notice").notice

    browser.fill("#notice", notice(2026))
    browser.click("#preview-btn")
    assert "预览：粘贴的通知" in browser.text("#preview")
    shot(browser, "calendar-notice")


def login(browser, url, name):
    browser.go(url + "/login")
    browser.fill("#username", name)
    browser.fill("#password", PASSWORD)
    browser.click("#login")


def test_department_submits_and_office_sees_it_and_builds_the_report(browser, office, tmp_path):
    browser.go(office + "/")
    assert browser.url().endswith("/login")
    shot(browser, "login")
    login(browser, office, "scjg")
    browser.go(office + "/submit")
    browser.fill("#month", "2019-11")
    browser.choose_files("#file", clean_ledger(tmp_path / "中牟县市场监管局11月台账.xlsx"))
    browser.click("#send")
    assert browser.text("#status") == "通过"
    shot(browser, "submission")
    browser.click("header form button")  # 退出
    assert browser.url().endswith("/login")

    login(browser, office, "xyb")
    assert "/dashboard" in browser.url()
    browser.go(office + "/dashboard?month=2019-11")
    rows = browser.text("#dashboard")
    assert "县市场监管局\t#1 中牟县市场监管局11月台账.xlsx" in rows and "通过" in rows
    assert "县卫健委\t未报送" in rows
    shot(browser, "dashboard")
    browser.fill("#report-today", "2019-12-02")
    browser.click("#build-report")
    # as of 2019-12-02: the corrected ledger's 20 November rows, 18 reported on time, rows 22 and 23
    # reported after the statistics date (so not yet reported, within their deadlines)
    assert "决定 20（许可 9，处罚 11，未分类 0）；按时 18，逾期 0，未到期 2，已逾期未报送 0" in browser.text("#monthly-summary")
    shot(browser, "report")
    wb = openpyxl.load_workbook(browser.download("#dl-report"))
    assert wb.sheetnames[0] == "汇总"
    browser.go(office + "/audit")
    log = browser.text("#audit")
    assert "xyb\t县信用办\t下载\t月报告#1" in log and "scjg\t县市场监管局\t报送\t报送#1" in log
    shot(browser, "audit")
