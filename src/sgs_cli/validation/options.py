"""What a validation run is asked to do (the options of `sgs validate`, as a library object)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sgs_cli import standard
from sgs_cli.calendar.workdays import WorkCalendar

@dataclass
class ValidateOptions:
    kind: str = "auto"  # auto | license | penalty | ledger | catalog | liaison
    today: dt.date = field(default_factory=dt.date.today)
    submit_date: dt.date | None = None  # 790 sheets: warn about records whose deadline has passed
    holidays: str | None = None  # override calendar file
    provisional: bool = False  # count a year without holiday data with its statutory holidays (暂定)
    keep_records: bool = False  # keep mapped records on the sheet report (deadlines, monthly report)
    severity: str | None = None  # 失信严重程度 of penalties without one of their own (None: 一般, and say so)
    calendar: WorkCalendar | None = None  # loaded on first use (rules.timeliness) when not given


def no_header_hint(opts: ValidateOptions, sep: str = "，") -> str:
    """The hint of an unrecognised header: --kind is suggested only when it was not given."""
    if opts.kind == "auto":
        return f"请使用行政许可、行政处罚、台账、事项目录或联络员名单模板{sep}或用 --kind 指定类型"
    label = standard.KIND_LABEL.get(opts.kind, opts.kind)
    return f"已按 --kind {opts.kind}（{label}）识别，但表头与{label}模板的列标题对不上{sep}请核对列标题（sgs template {opts.kind} 可生成标准模板）"


def specs_for(kind: str) -> tuple[standard.SheetSpec, ...]:
    if kind == "auto":
        return standard.ALL_SPECS
    return tuple(s for s in standard.ALL_SPECS if s.kind == kind)
