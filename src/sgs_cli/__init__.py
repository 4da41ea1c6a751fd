"""sgs — 双公示（行政许可、行政处罚）数据校验、工作日期限与月报告工具。

Library entry points (the CLI is a thin layer over these)::

    from sgs_cli import validate_paths, ValidateOptions
    report = validate_paths(["台账.xlsx"], ValidateOptions(today=datetime.date(2026, 12, 1)))
    report.to_dict()

    from sgs_cli import WorkCalendar, deadlines_for
    deadlines_for(WorkCalendar.load(), datetime.date(2026, 12, 15))["push_deadline"]   # '2026-12-24'

    from sgs_cli import build_monthly_report
    rep = build_monthly_report((2026, 11), ["各部门台账/"])

    from sgs_cli import validate_dataframe     # pip install 'sgs-cli[dask]'
    findings = validate_dataframe(dask_dataframe, "penalty")   # lazy Dask DataFrame of findings
"""

__version__ = "0.1.0"  # the one home of the version: pyproject.toml reads it, CHANGELOG.md names it

import os as _os

# openpyxl writes through lxml when lxml is installed (python-docx, for the 公文 drafts, brings it): other XML bytes
# than its own writer's. Workbooks sgs writes must not change with the libraries around (the shipped templates and
# examples are byte-reproducible), so openpyxl keeps its own writer unless the user chose otherwise.
_os.environ.setdefault("OPENPYXL_LXML", "False")

#: public name -> (module, attribute); imported on first use, so `sgs --help` does not import the readers
_API = {
    "validate_file": ("sgs_cli.validation.engine", "validate_file"),
    "validate_paths": ("sgs_cli.validation.engine", "validate_paths"),
    "ValidateOptions": ("sgs_cli.validation.options", "ValidateOptions"),
    "Report": ("sgs_cli.findings", "Report"),
    "Finding": ("sgs_cli.findings", "Finding"),
    "Severity": ("sgs_cli.findings", "Severity"),
    "WorkCalendar": ("sgs_cli.calendar.workdays", "WorkCalendar"),
    "deadlines_for": ("sgs_cli.calendar.deadlines", "for_decision"),
    "build_monthly_report": ("sgs_cli.reports.monthly", "build"),
    # a Dask DataFrame in, the findings as a Dask DataFrame out (docs/scale.md; pip install 'sgs-cli[dask]')
    "validate_dataframe": ("sgs_cli.validation.distributed", "validate_dataframe"),
}

__all__ = ["__version__", *_API]


def __getattr__(name):
    if name in _API:
        import importlib

        module, attr = _API[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(name)
