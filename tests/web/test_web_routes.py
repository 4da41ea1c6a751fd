"""The routes of `sgs serve` as the blueprints register them: every URL, its methods and its view are the ones
the pages and the clerks' bookmarks use (the split of create_app into blueprints changed none), and the
navigation marks the page the clerk is on (base.html compares endpoint names)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from webutil import add_accounts, login  # noqa: E402

from sgs_cli.web.app import create_app  # noqa: E402

ROUTES = {  # URL → (methods, endpoint); the URLs are those of the app before the split
    "/": ("GET", "account.index"),
    "/login": ("GET,POST", "account.login"),
    "/logout": ("POST", "account.logout"),
    "/validate": ("GET,POST", "validate.validate_page"),
    "/validate/<token>": ("GET", "validate.validate_result"),
    "/results/<token>/<key>": ("GET", "validate.result_download"),
    "/deadlines": ("GET,POST", "dates.deadlines_page"),
    "/calendar": ("GET", "dates.calendar_page"),
    "/calendar/preview": ("POST", "dates.calendar_preview"),
    "/calendar/save": ("POST", "dates.calendar_save"),
    "/monthly": ("GET,POST", "monthly.monthly_page"),
    "/periodic/<kind>": ("GET,POST", "periodic.periodic_page"),
    "/lists": ("GET,POST", "lists.lists_page"),
    "/export": ("GET,POST", "public.export_page"),
    "/templates": ("GET", "blanks.templates_page"),
    "/templates/<kind>.xlsx": ("GET", "blanks.template_download"),
    "/submit": ("GET,POST", "submissions.submit"),
    "/submissions": ("GET", "submissions.submissions"),
    "/submissions/<int:sid>": ("GET", "submissions.submission"),
    "/submissions/<int:sid>/<what>": ("GET", "submissions.submission_download"),
    "/submissions/<int:sid>/accept": ("POST", "submissions.accept_submission"),
    "/submissions/<int:sid>/recheck": ("POST", "submissions.recheck"),
    "/dashboard": ("GET", "dashboard.dashboard"),
    "/dashboard/catalog": ("POST", "dashboard.upload_catalog"),
    "/dashboard/platform": ("POST", "dashboard.platform_intake"),
    "/dashboard/report": ("POST", "dashboard.build_report"),
    "/reports/<int:rid>": ("GET", "dashboard.report_page"),
    "/reports/<int:rid>.xlsx": ("GET", "dashboard.report_download"),
    "/audit": ("GET", "audit.audit_page"),
    "/audit/export.xlsx": ("GET", "audit.audit_export"),
    "/static/<path:filename>": ("GET", "static"),
}


def test_every_url_keeps_its_methods_and_view(tmp_path):
    app = create_app(work_dir=tmp_path / "work")
    got = {r.rule: (",".join(sorted(r.methods - {"HEAD", "OPTIONS"})), r.endpoint) for r in app.url_map.iter_rules()}
    assert got == ROUTES


def _on(html: str) -> list[str]:
    """The labels of the navigation links marked as the current page."""
    nav = html[html.index("<nav>"):html.index("</nav>")]
    return re.findall(r'<a href="[^"]*"(?: id="[^"]*")? class="on">([^<]+)</a>', nav)


@pytest.mark.parametrize("url, label", [("/validate", "校验"), ("/deadlines", "期限"), ("/lists", "清单"),
                                        ("/monthly", "月报告"), ("/periodic/quarter", "季通报"),
                                        ("/periodic/year", "年考核"), ("/export", "公示导出"), ("/templates", "模板"),
                                        ("/calendar?year=2026", "日历")])
def test_the_navigation_marks_the_tool_page_shown(tmp_path, url, label):
    c = create_app(work_dir=tmp_path / "work").test_client()
    assert _on(c.get(url).get_data(as_text=True)) == [label]


def test_the_navigation_marks_the_office_pages(tmp_path):
    add_accounts(tmp_path / "data")
    app = create_app(tmp_path / "data")
    try:
        office, dept = app.test_client(), app.test_client()
        assert login(office, "xyb").status_code == 302 and login(dept, "scjg").status_code == 302
        assert _on(office.get("/dashboard").get_data(as_text=True)) == ["报送汇总"]
        assert _on(office.get("/submissions").get_data(as_text=True)) == ["报送记录"]
        assert _on(office.get("/audit").get_data(as_text=True)) == ["审计日志"]
        assert _on(dept.get("/submit").get_data(as_text=True)) == ["报送台账"]
        assert office.get("/").headers["Location"].endswith("/dashboard")
        assert dept.get("/").headers["Location"].endswith("/submissions")
    finally:
        app.extensions["sgs_checker"].close()
