"""The web pages speak of their own fields (issue 28 part 4): no command-line option or command on a page — the
library's hints ("用 --submit-date 指定实际报送日期", "运行 sgs calendar 2027 --from-notice 通知.txt 补充") are said
in the page's terms (web/wording.page_words, the templates' finalize)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from web.test_web import text, upload  # noqa: E402
from webutil import PENALTY  # noqa: E402

from sgs_cli.web.app import create_app  # noqa: E402
from sgs_cli.web.wording import page_words  # noqa: E402


@pytest.fixture
def local(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)
    return create_app(work_dir=tmp_path / "work").test_client()

#: an option or a command line as a page must not show them (the text between tags)
TOOL = re.compile(r"(?<![\w-])--[a-z][a-z-]*|(?<![A-Za-z])(?:sgs\s+[a-z]|pip\s+install)")


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))


@pytest.mark.parametrize("cli, page", [
    ("请尽快报送，并在月报告中说明迟报原因；用 --submit-date 指定实际报送日期",
     "请尽快报送，并在月报告中说明迟报原因；已报送的请在“报送日期”栏填写实际报送日期"),
    ("1 条尚未报送的记录的期限需要2027年节假日安排（单独列为一组，列出期限可能的日期）；通知发布后运行 sgs calendar 2027 "
     "--from-notice 通知.txt 补充（节假日文件中的年份优先于内置数据），发布前可加 --provisional 暂定计算。已安装的 "
     "chinesecalendar 为 1.11.0 版，内置数据到 2026 年；收录2027年安排的新版本发布后，运行 pip install -U chinesecalendar 升级即可。",
     "1 条尚未报送的记录的期限需要2027年节假日安排（单独列为一组，列出期限可能的日期）；通知发布后在“日历”页粘贴通知补充。"
     "已安装的 chinesecalendar 为 1.11.0 版，内置数据到 2026 年。"),
    ("单位名单“名单.xlsx”不存在。请检查 --roster 的文件路径", "单位名单“名单.xlsx”不存在。请检查 “单位名单”栏 的文件路径"),
    ("填报单位：（未填写，可用 --unit 指定）", "填报单位：（未填写，可在“填报单位”栏填写）"),
    ("保存到：/srv/sgs/holidays.json", "保存到：/srv/sgs/holidays.json"),  # a path on the office's own page stays
    ("中市监罚〔2019〕1205号", "中市监罚〔2019〕1205号"),
])
def test_hints_in_the_pages_terms(cli, page):
    assert page_words(cli) == page
    assert not TOOL.search(page_words(cli))


def test_validate_page_hint_names_the_field_not_the_option(local):
    r = upload(local, PENALTY)
    page = text(local.get(r.headers["Location"]))
    # DEADLINE_PASSED's hint, and the fact labelled 事实 as on the terminal
    assert "已报送的请在“报送日期”栏填写实际报送日期" in page and "--submit-date" not in page
    assert re.search(r'<tr class="finding warning"><td class="sev-fact">事实</td><td>第2行</td>', page)
    assert not TOOL.search(visible(page)), TOOL.search(visible(page))


def test_january_deadlines_page_says_where_to_add_the_calendar(local, tmp_path):
    from reports.test_reminders import DEC_ROWS, write_ledger

    p = write_ledger(tmp_path / "台账.xlsx", DEC_ROWS)
    page = text(upload(local, p, url="/deadlines", field="ledger", mode="ledger", today="2027-01-06"))
    assert "通知发布后在“日历”页粘贴通知补充" in page
    assert not TOOL.search(visible(page)), TOOL.search(visible(page))


@pytest.mark.parametrize("url", ["/validate", "/deadlines", "/monthly", "/lists", "/export", "/calendar", "/templates",
                                 "/periodic/quarter", "/periodic/year"])
def test_blank_pages_hold_no_option(local, url):
    r = local.get(url)
    page = text(r)
    assert r.status_code == 200
    assert not TOOL.search(visible(page)), (url, TOOL.search(visible(page)))
