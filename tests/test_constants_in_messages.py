"""Messages are formatted from the constants they state (issue 30, part 8): the 7 working days of
郑发改财贸〔2019〕773号 live in standard/limits.PUSH_DAYS, and no Python module spells "7个工作日" itself."""

from __future__ import annotations

from pathlib import Path

from sgs_cli.standard.limits import PUSH_DAYS

SRC = Path(__file__).resolve().parents[1] / "src" / "sgs_cli"
#: files still spelling it, each with its reason (owned by another area of the issue list, or not code)
LEFT = {
    "render/templates.py": "the template instructions (issue 28, render/)",
    "web/templates/deadlines.html": "a Jinja page of the office server (issue 29, web/)",
    "cli/deadlines.py": "the command's docstring is its Typer help text, which cannot be formatted",
    "reports/assessment_scheme.toml": "a comment in the user-editable scheme file",
}


def test_no_module_spells_the_push_days():
    spelled = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*") if p.is_file() and p.suffix in
                     (".py", ".html", ".toml") and f"{PUSH_DAYS}个工作日" in p.read_text(encoding="utf-8"))
    assert spelled == sorted(LEFT)


def test_the_messages_state_the_constant():
    from sgs_cli.calendar.deadlines import PUSH_DAYS as via_calendar
    from sgs_cli.rules.codes import CATALOGUE
    from sgs_cli.rules.timeliness import ROW_TEXT

    assert via_calendar is PUSH_DAYS == 7
    for code in ("LATE_REPORT", "LATE_PUSH", "DEADLINE_PASSED"):
        assert f"超过{PUSH_DAYS}个工作日" in CATALOGUE[code].title, code
    assert CATALOGUE["LATE_REPORT"].template.startswith("向同级信用平台报送超过7个工作日期限（期限{due}")
    assert ROW_TEXT["DEADLINE_PASSED"] == "已超过作出决定之日起7个工作日的报送期限"
