"""Decisions (one per record) extracted from validated sheets, and their timeliness status.

Shared by `sgs deadlines --ledger` and `sgs monthly-report`, so the status rules and 及时率 are
defined once:

* 按时 (on_time): reported on or before the 7th working day after the decision.
* 逾期 (late): reported after that day ("逾期 N 个工作日" counts working days after the deadline).
* 未到期 (pending): not reported, deadline not yet passed ("剩余 N 个工作日").
* 已逾期未报送 (overdue): not reported and the deadline has passed.
* 无法计算 (unknown): no decision date, no calendar data for the year, or a 报送日期 before the decision.
* 及时率 = 按时 ÷ (按时 + 逾期 + 已逾期未报送), i.e. on-time reports over the decisions that are due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .findings import ERROR, FileReport
from .workcal import CalendarDataMissing, WorkCalendar

ON_TIME, LATE, PENDING, OVERDUE, UNKNOWN = "on_time", "late", "pending", "overdue", "unknown"
STATUS_LABEL = {ON_TIME: "按时", LATE: "逾期", PENDING: "未到期", OVERDUE: "已逾期未报送", UNKNOWN: "无法计算"}
KIND_OF_LB = {"行政许可": "license", "行政处罚": "penalty"}


@dataclass
class Decision:
    file: str
    sheet: str
    row: int
    kind: str  # license | penalty | unknown
    wsh: str
    title: str
    department: str
    decided: dt.date | None
    reported: dt.date | None
    valid: bool  # no error finding on this row
    source: str = "ledger"  # "ledger" (附件2) or "790" (a licence/penalty sheet)
    filled: int = 0  # required items filled
    required: int = 0  # required items
    # computed by assess()
    due: dt.date | None = None
    status: str = UNKNOWN
    days: int | None = None  # working days late (late/overdue) or left (pending)

    @property
    def status_text(self) -> str:
        if self.status == LATE:
            return f"逾期 {self.days} 个工作日" if self.days is not None else "逾期"
        if self.status == PENDING:
            return f"剩余 {self.days} 个工作日" if self.days is not None else "未到期"
        if self.status == OVERDUE:
            return "已逾期未报送" + (f"（{self.days} 个工作日）" if self.days else "")
        return STATUS_LABEL[self.status]


def _kind_from_name(*names: str) -> str:
    for n in names:
        if "处罚" in n or "罚" in n:
            return "penalty"
        if "许可" in n:
            return "license"
    return "unknown"


def extract(fr: FileReport) -> list[Decision]:
    """Decisions of every recognised licence, penalty or ledger sheet of a validated file (the file must
    have been validated with keep_records=True)."""
    out = []
    for sr in fr.sheets:
        ctx = getattr(sr, "_ctx", None)
        if ctx is None or sr.records is None or sr.kind not in ("license", "penalty", "ledger"):
            continue
        bad_rows = {f.row for f in sr.findings if f.severity == ERROR}
        required = [f.code for f in ctx.spec.fields if f.required.value == "always" and f.code in ctx.columns]
        for rec in sr.records:
            if sr.kind == "ledger":
                lb = rec.text("LB")
                kind = KIND_OF_LB.get(lb) or _kind_from_name(rec.text("WSH"), sr.sheet, Path(fr.path).stem)
                dept, wsh, title = rec.text("BM"), rec.text("WSH"), rec.text("XMMC")
                decided, reported = rec.dates.get("JDRQ"), rec.dates.get("BSRQ")
            else:
                kind = sr.kind
                p = ctx.prefix
                dept = rec.text("XK_XKJG" if p == "XK" else "CF_CFJG")
                wsh = rec.text(f"{p}_WSH")
                title = rec.text("XK_XKWS" if p == "XK" else "CF_WFXW")
                decided, reported = rec.dates.get(f"{p}_JDRQ"), None
            filled = sum(1 for c in required if rec.text(c))
            out.append(Decision(fr.path, sr.sheet, rec.row, kind, wsh, title, dept, decided, reported,
                                rec.row not in bad_rows, "ledger" if sr.kind == "ledger" else "790",
                                filled, len(required)))
    return out


def assess(d: Decision, cal: WorkCalendar, today: dt.date, days: int = 7) -> Decision:
    """Fill due/status/days of a decision (see the module docstring)."""
    if d.decided is None:
        d.status = UNKNOWN
        return d
    try:
        d.due = cal.add_workdays(d.decided, days)
        if d.reported is not None:
            if d.reported < d.decided:  # impossible dates (DATE_ORDER): no status rather than a wrong one
                d.status = UNKNOWN
            elif d.reported <= d.due:
                d.status, d.days = ON_TIME, None
            else:
                d.status, d.days = LATE, cal.workdays_between(d.due, d.reported)
        elif today <= d.due:
            d.status, d.days = PENDING, cal.workdays_between(today, d.due)
        else:
            d.status, d.days = OVERDUE, cal.workdays_between(d.due, today)
    except CalendarDataMissing:
        d.status = UNKNOWN
    return d


def timeliness_rate(decisions: list[Decision]) -> float | None:
    """及时率 = 按时 ÷ (按时 + 逾期 + 已逾期未报送); None when nothing is due."""
    on_time = sum(1 for d in decisions if d.status == ON_TIME)
    due = sum(1 for d in decisions if d.status in (ON_TIME, LATE, OVERDUE))
    return on_time / due if due else None
