"""`sgs deadlines --ledger FILE`: one line per record with its due date and status, and 及时率."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sgs_cli.reports import decisions
from sgs_cli.standard.kinds import DECISION_KINDS
from sgs_cli.errors import InputError
from sgs_cli.validation.engine import ValidateOptions, validate_file


def ledger_report(path: Path, cal, today: dt.date) -> dict:
    """The records of one ledger with their due dates and statuses, the counts and the calendar's state; the
    document the command shows is render/ledger_table.ledger_document (which adds the 及时率 as text)."""
    fr = validate_file(path, ValidateOptions(today=today, keep_records=True, calendar=cal))
    if fr.error:
        raise InputError(fr.error)
    items = [decisions.assess(d, cal, today) for d in decisions.extract(fr)]
    if not items and not any(s.kind in DECISION_KINDS for s in fr.sheets):
        raise InputError(f"文件“{path.name}”中没有双公示台账或行政许可/行政处罚表",
                         "--ledger 需要773号附件2台账或790号行政许可/行政处罚表")
    counts = {s.key: sum(1 for d in items if d.status == s.key) for s in decisions.STATUSES}
    rate = decisions.rate(counts)
    no_report = bool(items) and all(d.source == "790" for d in items)
    years = decisions.needs_calendar_years(items)
    prov = [d for d in items if d.provisional]
    prov_years = cal.provisional_years()
    needs = counts[decisions.NEEDS_CALENDAR]
    bounds = decisions.timeliness_bounds(counts[decisions.ON_TIME], counts[decisions.LATE], counts[decisions.OVERDUE], needs)
    return {
        "file": str(path), "today": today.isoformat(),
        "records": [{"sheet": d.sheet, "row": d.row, "wsh": d.wsh, "decision_date": _iso(d.decided),
                     "due": _iso(d.due), "due_text": d.due_text,
                     "due_range": [_iso(x) for x in d.due_range] if d.due_range else None,
                     "reported": _iso(d.entered_report),
                     "status": d.status, "status_text": d.status_text, "days": d.days,
                     "needs_calendar_year": d.missing_year, "provisional": d.provisional} for d in items],
        "summary": {"records": len(items), **counts,
                    "timeliness_rate": None if rate is None else round(rate, 4),
                    "timeliness_rate_range": [round(x, 4) for x in bounds] if needs and bounds else None},
        "status_labels": dict(decisions.STATUS_LABEL),
        "calendar": {"needs_calendar_records": needs, "missing_years": years,
                     "provisional_records": len(prov), "provisional_years": prov_years},
        "note": NO_REPORT_DATE_NOTE if no_report else None,
    }


#: `deadlines --ledger` on a 790 table: nothing can be said about timeliness
NO_REPORT_DATE_NOTE = ("790号行政许可/行政处罚表没有“报送日期”，无法判断是否按时报送，不计算及时率；"
                       "请用773号附件2台账（含“向同级信用平台报送日期”）")


def _iso(d):
    return d.isoformat() if d else None
