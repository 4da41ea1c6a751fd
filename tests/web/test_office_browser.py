"""Office mode in a real browser (the system's headless Chromium driven by Playwright, tests/headless.py): a
link from another system keeps the clerk logged in (SameSite=Lax), the login page says whom to ask and warns
about plain HTTP, the wide tables fit a 1280 px screen, a failed check shows 校验未完成 with the office's button.

With SGS_SCREENSHOTS=docs/screenshots the pages are also saved as screenshots."""

from __future__ import annotations

import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from headless import MARKS, shot, submit  # noqa: E402
from served import Threaded  # noqa: E402
from webutil import PASSWORD, clean_ledger  # noqa: E402

pytestmark = MARKS

UNITS = [("scjg", "中牟县市场监督管理局"), ("wjw", "中牟县卫生健康委员会"), ("jyj", "中牟县教育局")]


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


def log_in(page, url, username):  # each test starts logged out (conftest clears the cookies)
    page.goto(url + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    submit(page, "#login")


def test_login_page_says_whom_to_ask_and_warns_about_plain_http(page, office):
    served, _ = office
    page.goto(served.url + "/login")
    assert page.inner_text("#contact") == "县信用办 王科长 0371-62100000"
    assert "忘记密码" in page.inner_text("#help") and "未使用 HTTPS 加密" in page.inner_text("#plain-http")
    shot(page, "office-login")


def test_a_link_from_another_system_keeps_the_clerk_logged_in(page, office):
    served, _ = office
    log_in(page, served.url, "scjg")
    assert page.url.endswith("/submissions")

    def other_site(environ, start_response):  # an OA system on another host name links to the page
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [f'<a id="go" href="{served.url}/submissions">报送记录</a>'.encode()]

    other = Threaded(other_site)
    try:
        page.goto(f"http://localhost:{other.port}/")
        submit(page, "#go")
        assert page.url == served.url + "/submissions"  # not sent to /login
        assert "中牟县市场监督管理局 · scjg" in page.inner_text("header")
    finally:
        other.close()


def test_wide_tables_fit_1280_px(page, office, tmp_path):
    served, app = office
    store = app.extensions["sgs_store"]
    ledger = clean_ledger(tmp_path / "十一月台账.xlsx")
    sid, path = store.new_submission(unit="中牟县市场监督管理局", username="scjg", month="2019-11",
                                     original_name="十一月台账.xlsx", suffix=".xlsx", data=ledger.read_bytes())
    app.extensions["sgs_checker"].check(sid, path)
    log_in(page, served.url, "xyb")
    page.set_viewport_size({"width": 1280, "height": 800})  # the next test gets 1366×768 again (conftest)
    page.goto(served.url + "/dashboard?month=2019-11")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    # the menu stays inside the bar, on one line
    assert page.evaluate("document.querySelector('header nav').getBoundingClientRect().bottom"
                         " <= document.querySelector('header').getBoundingClientRect().bottom")
    assert page.evaluate("document.querySelector('header nav').getBoundingClientRect().height") < 40
    shot(page, "office-dashboard-1280")
    submit(page, "#build-report")
    assert page.locator("#departments tr").count() == 4  # header + three units (one sent nothing)
    assert "未报送单位：中牟县教育局" in page.inner_text("#monthly-summary")  # sent nothing: 未报送, not 零报送
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    # every unit name on one line: its cell is no taller than a header-free single row
    heights = page.evaluate("Array.from(document.querySelectorAll('#departments td:first-child'))"
                            ".map(td => td.getBoundingClientRect().height)")
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#departments td')).lineHeight)"
                         " || 20")
    assert heights and max(heights) < 2 * line + 10, heights
    shot(page, "office-report-1280")


def test_a_failed_check_shows_check_failed_and_the_rerun_button(page, office, tmp_path):
    served, app = office
    store = app.extensions["sgs_store"]
    sid, _ = store.new_submission(unit="中牟县卫生健康委员会", username="wjw", month="2019-11",
                                  original_name="卫健委台账.xlsx", suffix=".xlsx",
                                  data=clean_ledger(tmp_path / "l.xlsx").read_bytes())
    store.check_failed(sid, "校验进程意外退出（可能是内存不足或被结束）")
    log_in(page, served.url, "xyb")
    page.goto(f"{served.url}/submissions/{sid}")
    assert page.inner_text("#status") == "校验未完成"
    assert page.inner_text("#check-error") == "校验进程意外退出（可能是内存不足或被结束）"
    shot(page, "office-check-failed")
    submit(page, "#recheck")
    assert page.inner_text("#status") == "通过"


def _build_quarter(page, served, field: str, files) -> None:
    """The office's 季通报 page: 2019Q4 at 2020-01-20 from the files (or folder) put in ``field``."""
    log_in(page, served.url, "xyb")
    submit(page, "#nav-quarter")
    page.fill("#period", "2019Q4")
    page.fill("#today", "2020-01-20")
    page.set_input_files(field, files)
    submit(page, "#build")


def test_quarterly_page(page, office, tmp_path):
    served, _ = office
    folder = tmp_path / "各部门台账"
    folder.mkdir()
    ledger = clean_ledger(folder / "十一月台账.xlsx")
    _build_quarter(page, served, "#files", ledger)
    summary = page.inner_text("#period-summary")
    assert summary, page.inner_text("main")[:800]
    assert summary.startswith("2019年第4季度：决定 21（许可 9，处罚 12）") and "中牟县教育局" in page.inner_text("body")
    assert page.locator("#dl-workbook").count() == 1
    shot(page, "office-quarterly")


def test_quarterly_page_from_a_folder(page, office, tmp_path):
    """The folder picker (<input webkitdirectory>, which the former DevTools client could not fill): every file
    of the folder is sent; the one that is no ledger is named, not counted."""
    served, _ = office
    folder = tmp_path / "各部门台账"
    folder.mkdir()
    clean_ledger(folder / "十一月台账.xlsx")
    (folder / "说明.txt").write_text("不是台账", encoding="utf-8")
    _build_quarter(page, served, "#folder", folder)
    summary = page.inner_text("#period-summary")
    assert summary.startswith("2019年第4季度：决定 21（许可 9，处罚 12）"), page.inner_text("main")[:800]
    assert "共 1 个文件" in page.inner_text("main")
    assert "“说明.txt”不是 .xlsx" in page.inner_text("main")


def test_reminder_list_over_every_units_latest_submission(page, office, tmp_path):
    served, app = office
    store = app.extensions["sgs_store"]
    from webutil import LEDGER

    store.new_submission(unit="中牟县教育局", username="jyj", month="2019-11", original_name="台账.xlsx",
                         suffix=".xlsx", data=LEDGER.read_bytes())
    log_in(page, served.url, "xyb")
    submit(page, "#nav-lists")
    page.fill("#within", "5")
    page.fill("#today", "2019-12-10")
    submit(page, "#build")
    assert page.inner_text("#list-summary") == "今天到期 0 条，5 个工作日内到期 0 条，已逾期未报送 2 条"
    assert page.locator("#list tr.item").count() == 2
    shot(page, "office-reminders")
