"""Office mode in a real browser (headless Chromium, tests/cdp.py): a link from another system keeps the
clerk logged in (SameSite=Lax), the login page says whom to ask and warns about plain HTTP, the wide
tables fit a 1280 px screen, a failed check shows 校验未完成 with the office's button.

With SGS_SCREENSHOTS=docs/screenshots the pages are also saved as screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")
pytest.importorskip("websocket", reason="websocket-client 未安装：pip install -e '.[test]'")

from cdp import Browser, chromium_path  # noqa: E402
from served import Threaded  # noqa: E402
from webutil import PASSWORD, clean_ledger  # noqa: E402

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(chromium_path() is None,
                                 reason="没有 Chromium，跳过浏览器测试：apt-get install -y chromium（CI 的 .ci/run 会自动安装）")]

SHOTS = Path(os.environ["SGS_SCREENSHOTS"]) if os.environ.get("SGS_SCREENSHOTS") else None
UNITS = [("scjg", "中牟县市场监督管理局"), ("wjw", "中牟县卫生健康委员会"), ("jyj", "中牟县教育局")]


def shot(browser, name):
    if SHOTS is not None:
        browser.screenshot(SHOTS / f"{name}.png")


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from sgs_cli.web.app import create_app
    from sgs_cli.web.server import add_user

    data = tmp_path_factory.mktemp("office") / "data"
    add_user(data, "xyb", "中牟县信用办", "office", PASSWORD)
    for name, unit in UNITS:
        add_user(data, name, unit, "department", PASSWORD)
    app = create_app(data, contact="县信用办 王科长 0371-62100000")
    served = Threaded(app)
    yield served, app
    served.close()


def log_in(browser, url, username):
    browser.go(url + "/login")
    if "/login" not in browser.url():
        browser.click("form.who button")
    browser.fill("#username", username)
    browser.fill("#password", PASSWORD)
    browser.click("#login")


def test_login_page_says_whom_to_ask_and_warns_about_plain_http(browser, office):
    served, _ = office
    browser.go(served.url + "/login")
    assert browser.text("#contact") == "县信用办 王科长 0371-62100000"
    assert "忘记密码" in browser.text("#help") and "未使用 HTTPS 加密" in browser.text("#plain-http")
    shot(browser, "office-login")


def test_a_link_from_another_system_keeps_the_clerk_logged_in(browser, office):
    served, _ = office
    log_in(browser, served.url, "scjg")
    assert browser.url().endswith("/submissions")

    def other_site(environ, start_response):  # an OA system on another host name links to the page
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [f'<a id="go" href="{served.url}/submissions">报送记录</a>'.encode()]

    other = Threaded(other_site)
    try:
        browser.go(f"http://localhost:{other.port}/")
        browser.click("#go")
        assert browser.url() == served.url + "/submissions"  # not sent to /login
        assert "中牟县市场监督管理局 · scjg" in browser.text("header")
    finally:
        other.close()


def test_wide_tables_fit_1280_px(browser, office, tmp_path):
    served, app = office
    store = app.extensions["sgs_store"]
    ledger = clean_ledger(tmp_path / "十一月台账.xlsx")
    sid, path = store.new_submission(unit="中牟县市场监督管理局", username="scjg", month="2019-11",
                                     original_name="十一月台账.xlsx", suffix=".xlsx", data=ledger.read_bytes())
    app.extensions["sgs_checker"].check(sid, path)
    log_in(browser, served.url, "xyb")
    browser.send("Emulation.setDeviceMetricsOverride", width=1280, height=800, deviceScaleFactor=1, mobile=False)
    try:
        browser.go(served.url + "/dashboard?month=2019-11")
        assert browser.js("document.documentElement.scrollWidth") <= 1280
        # the menu stays inside the bar, on one line
        assert browser.js("document.querySelector('header nav').getBoundingClientRect().bottom"
                          " <= document.querySelector('header').getBoundingClientRect().bottom")
        assert browser.js("document.querySelector('header nav').getBoundingClientRect().height") < 40
        shot(browser, "office-dashboard-1280")
        browser.click("#build-report")
        assert browser.count("#departments tr") == 4  # header + three units (one sent nothing)
        assert "未报送单位：中牟县教育局" in browser.text("#monthly-summary")  # sent nothing: 未报送, not 零报送
        assert browser.js("document.documentElement.scrollWidth") <= 1280
        # every unit name on one line: its cell is no taller than a header-free single row
        heights = browser.js("Array.from(document.querySelectorAll('#departments td:first-child'))"
                             ".map(td => td.getBoundingClientRect().height)")
        line = browser.js("parseFloat(getComputedStyle(document.querySelector('#departments td')).lineHeight)"
                          " || 20")
        assert heights and max(heights) < 2 * line + 10, heights
        shot(browser, "office-report-1280")
    finally:
        browser.send("Emulation.setDeviceMetricsOverride", width=1366, height=768, deviceScaleFactor=1, mobile=False)


def test_a_failed_check_shows_check_failed_and_the_rerun_button(browser, office, tmp_path):
    served, app = office
    store = app.extensions["sgs_store"]
    sid, _ = store.new_submission(unit="中牟县卫生健康委员会", username="wjw", month="2019-11",
                                  original_name="卫健委台账.xlsx", suffix=".xlsx",
                                  data=clean_ledger(tmp_path / "l.xlsx").read_bytes())
    store.check_failed(sid, "校验进程意外退出（可能是内存不足或被结束）")
    log_in(browser, served.url, "xyb")
    browser.go(f"{served.url}/submissions/{sid}")
    assert browser.text("#status") == "校验未完成"
    assert browser.text("#check-error") == "校验进程意外退出（可能是内存不足或被结束）"
    shot(browser, "office-check-failed")
    browser.click("#recheck")
    assert browser.text("#status") == "通过"


def test_quarterly_page(browser, office, tmp_path):
    served, _ = office
    folder = tmp_path / "各部门台账"
    folder.mkdir()
    ledger = clean_ledger(folder / "十一月台账.xlsx")
    log_in(browser, served.url, "xyb")
    browser.click("#nav-quarter")
    browser.fill("#period", "2019Q4")
    browser.fill("#today", "2020-01-20")
    # headless Chromium cannot fill a folder picker over the protocol: the files input here, the folder
    # field (relative names such as 各部门台账/x.xlsx) in test_office_cycle
    browser.choose_files("#files", ledger)
    browser.click("#build")
    summary = browser.text("#period-summary")
    assert summary, browser.text("main")[:800]
    assert summary.startswith("2019年第4季度：决定 21（许可 9，处罚 12）") and "中牟县教育局" in browser.text("body")
    assert browser.count("#dl-workbook") == 1
    shot(browser, "office-quarterly")


def test_reminder_list_over_every_units_latest_submission(browser, office, tmp_path):
    served, app = office
    store = app.extensions["sgs_store"]
    from webutil import LEDGER

    store.new_submission(unit="中牟县教育局", username="jyj", month="2019-11", original_name="台账.xlsx",
                         suffix=".xlsx", data=LEDGER.read_bytes())
    log_in(browser, served.url, "xyb")
    browser.click("#nav-lists")
    browser.fill("#within", "5")
    browser.fill("#today", "2019-12-10")
    browser.click("#build")
    assert browser.text("#list-summary") == "今天到期 0 条，5 个工作日内到期 0 条，已逾期未报送 2 条"
    assert browser.count("#list tr.item") == 2
    shot(browser, "office-reminders")
