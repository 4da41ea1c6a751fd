"""The browser tests' Chromium: Playwright's sync API driving the Chromium already installed on the machine
(Debian's ``chromium``), never a browser Playwright downloads (no ``playwright install``).

Without a Chromium or without the playwright package the browser tests are skipped with the reason; with
SGS_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead. The fixtures are in tests/conftest.py."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

WIDTH, HEIGHT = 1366, 768  # the screenshots' size: a common office laptop screen
REQUIRED = os.environ.get("SGS_REQUIRE_BROWSER") == "1"


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if chromium_path() is None:
        return "没有 Chromium：apt-get install -y chromium（CI 的 .ci/run 会自动安装）"
    if importlib.util.find_spec("playwright") is None:
        return "Playwright 未安装：pip install -e '.[test]'（不需要 playwright install）"
    return None


# the marks of a browser test module: skipped when something is missing, unless SGS_REQUIRE_BROWSER=1
# (then the `module_page` fixture of tests/conftest.py fails each test with the same reason)
MARKS = [pytest.mark.browser,
         pytest.mark.skipif(missing() is not None and not REQUIRED, reason=f"跳过浏览器测试，{missing()}")]


def launch(playwright):
    """The system Chromium, headless. Tested with Playwright 1.65 and Debian's Chromium 156, as root:
    Playwright's defaults are enough (its chromium_sandbox=False passes --no-sandbox, which root needs,
    and the full Chromium runs in the new headless mode)."""
    return playwright.chromium.launch(
        executable_path=chromium_path(),
        # no GPU; /dev/shm is small in containers; the browser's own words (选择文件, 年/月/日 in a date field) in
        # Chinese, as on a clerk's computer (the screenshots in docs/ show them)
        args=["--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"],
        # a UTF-8 locale that every Debian has: file names with Chinese characters go through as they are
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": "zh_CN"})


def submit(page, selector: str) -> None:
    """Click what loads the next page (a form's button, a link) and wait until that page has loaded."""
    with page.expect_navigation():
        page.click(selector)


def download(page, selector: str, folder: Path) -> Path:
    """Click a download link; the file, saved in `folder` under the name the server gave it."""
    with page.expect_download() as info:
        page.click(selector)
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


SHOTS = Path(os.environ["SGS_SCREENSHOTS"]) if os.environ.get("SGS_SCREENSHOTS") else None


def shot(page, name: str) -> None:
    """With SGS_SCREENSHOTS=docs/screenshots the pages are also saved as screenshots (of the viewport)."""
    if SHOTS is not None:
        page.screenshot(path=SHOTS / f"{name}.png")
