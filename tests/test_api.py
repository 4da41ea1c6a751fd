"""The library is usable without the CLI: what the commands use is exported from the package root."""

import datetime as dt
from pathlib import Path

import sgs_cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_the_root_exports_what_the_commands_use():
    assert set(sgs_cli.__all__) == {"__version__", "validate_file", "validate_paths", "ValidateOptions", "Report",
                                    "Finding", "Severity", "WorkCalendar", "deadlines_for", "build_monthly_report",
                                    "validate_dataframe"}
    for name in sgs_cli.__all__:
        assert getattr(sgs_cli, name) is not None


def test_validate_deadlines_and_monthly_report_through_the_library(isolated_sgs_env):
    from sgs_cli import ValidateOptions, WorkCalendar, build_monthly_report, deadlines_for, validate_paths

    report = validate_paths([str(EXAMPLES / "行政处罚台账.xlsx")], ValidateOptions(today=dt.date(2019, 12, 2)))
    assert report.to_dict()["summary"]["files"] == 1
    assert deadlines_for(WorkCalendar.load(), dt.date(2026, 12, 15))["push_deadline"] == "2026-12-24"
    rep = build_monthly_report((2019, 11), [str(EXAMPLES)], today=dt.date(2019, 12, 2))
    assert rep.total.records == sum(d.records for d in rep.departments.values())
