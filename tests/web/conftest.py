"""Fixtures of the browser tests (tests/headless.py): one headless Chromium per test module, and a fresh
browser context (own cookies, 1366×768, zh-CN) with one page for each test."""

from __future__ import annotations

import pytest

from headless import HEIGHT, WIDTH, launch, missing


@pytest.fixture(scope="module")
def chromium():
    reason = missing()
    if reason is not None:  # only reached under SGS_REQUIRE_BROWSER=1: the modules' marks skip otherwise
        pytest.fail(f"SGS_REQUIRE_BROWSER=1，浏览器测试不能跳过，但{reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    from sgs_cli.io import contain

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
        # The served app's reader child (io/contain, forked from this process) holds a copy of the pipe to
        # Playwright's driver, which would then never see its input close: leaving sync_playwright() would
        # wait forever. End that child first. (This is also why the browser is per module, not per session:
        # a child forked by any later test would hold the pipe too.)
        contain.shutdown()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1,
                                   locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()
