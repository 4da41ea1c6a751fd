"""Fixtures of the browser tests (tests/headless.py): one headless Chromium with one page per test module;
each test starts on it logged out (no cookies) at 1366×768. A fresh browser context per test would isolate
more but costs about 0.6 s each on a busy machine; clearing the cookies costs almost nothing."""

from __future__ import annotations

import pytest

from headless import HEIGHT, WIDTH, launch, missing


@pytest.fixture(scope="module")
def module_page():
    reason = missing()
    if reason is not None:  # only reached under SGS_REQUIRE_BROWSER=1: the modules' marks skip otherwise
        pytest.fail(f"SGS_REQUIRE_BROWSER=1，浏览器测试不能跳过，但{reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    from sgs_cli.io import contain

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1,
                                      locale="zh-CN", accept_downloads=True)
        context.set_default_timeout(20_000)
        yield context.new_page()
        context.close()
        browser.close()
        # The served app's reader child (io/contain, forked from this process) holds a copy of the pipe to
        # Playwright's driver, which would then never see its input close: leaving sync_playwright() would
        # wait forever. End that child first. (This is also why the browser is per module, not per session:
        # a child forked by any later test would hold the pipe too.)
        contain.shutdown()


@pytest.fixture
def page(module_page):
    """The module's page, logged out (its cookies cleared) and 1366×768 again."""
    module_page.context.clear_cookies()
    module_page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    return module_page
