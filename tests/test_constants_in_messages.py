"""Messages are formatted from the constants they state (issue 30, part 8): the 7 working days of
郑发改财贸〔2019〕773号 live in standard/limits.PUSH_DAYS, and no Python module spells "7个工作日" itself."""

from __future__ import annotations

import datetime as dt
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


def test_the_dates_and_months_of_the_regimes_are_formatted_from_them():
    """轻微失信's longest period, the first publication regime's and the first repair procedure's start dates: the
    lists and workbooks state them from calendar/publication.py and standard/repair.py, never written out."""
    from sgs_cli.calendar.publication import IF_PUBLISHED, MINOR_MAX_MONTHS, REGIME_2025_36, REGIMES
    from sgs_cli.render.reminders_text import BEFORE_PROCEDURES, BEFORE_REGIMES
    from sgs_cli.standard.repair import PROCEDURES

    assert MINOR_MAX_MONTHS == REGIME_2025_36.limits("轻微").max_months == 3
    assert IF_PUBLISHED == "确需公示的，公示期最长3个月"
    assert (REGIMES[0].start, PROCEDURES[0].start) == (dt.date(2019, 7, 1), dt.date(2023, 5, 1))
    assert BEFORE_REGIMES == "2019年7月1日前作出，无统一公示期限"
    assert BEFORE_PROCEDURES == "2023年5月1日前的申请，无统一办理时限"
    from sgs_cli.rules.codes import CATALOGUE

    code = CATALOGUE["PUBLICATION_NOT_REQUIRED"]
    assert code.title.startswith("2026年4月1日起") and "（2026年4月1日起施行）" in code.template
    assert code.hint == f"请核实是否应当公示；{IF_PUBLISHED}"
    spelled = sorted(p.relative_to(SRC).as_posix() for folder in ("reports", "render", "rules") for p in (SRC / folder).rglob("*.py")
                     if any(s in p.read_text(encoding="utf-8") for s in
                            (f"最长{MINOR_MAX_MONTHS}个月", "2019年7月1日前", "2023年5月1日前的申请", "2026年4月1日起")))
    assert spelled == []


def test_the_report_day_has_one_home():
    """The 月报告's default due day (次月15日): every default and every help text that states it is
    standard/limits.REPORT_DAY; no function spells 15 as its default."""
    import re

    from sgs_cli.standard.limits import REPORT_DAY

    assert REPORT_DAY == 15
    spelled = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py")
                     if re.search(r"report_day(: int)? ?= ?15\b|Option\(15, \"--report-day\"|默认15日",
                                  p.read_text(encoding="utf-8")))
    assert spelled == ["render/templates.py"]  # the template instructions (issue 28, render/)
