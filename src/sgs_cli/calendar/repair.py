"""The dates of one 信用修复 case: the penalty's publication window (calendar/publication.py, by its decision
date), the procedure's deadlines (standard/repair.py, by the application date, counted in working days
with 调休 by calendar/workdays.py), the publication end the repair changes and the 撤下 due date it creates.

Shared by the register's rule (rules/repair.py), its list (`sgs deadlines --repair`) and the publication list
(`sgs deadlines --ledger … --publication --repair …`), so the three never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sgs_cli.calendar.publication import DEFAULT_SEVERITY, Regime, normalize_severity, period_dates, regime_for
from sgs_cli.calendar.workdays import CalendarDataMissing, WorkCalendar
from sgs_cli.standard.repair import GRANTED, SHORTENED, Procedure, procedure_for


@dataclass
class RepairDates:
    regime: Regime | None  # the publication regime of the penalty (None: before 2019-07-01 or no date)
    severity: str
    earliest_repair: dt.date | None  # penalty decision + minimum period: a repair may be granted from then
    original_end: dt.date | None  # the 原公示截止日期 written, else penalty decision + maximum period
    original_end_written: bool
    procedure: Procedure | None  # by the application date (None: before 2023-05-01)
    decide_due: dt.date | None  # application + the procedure's working days (None: not computed)
    new_end: dt.date | None  # granted: the decision date (撤下) or the 新公示截止日期 (缩短公示期)
    takedown_due: dt.date | None  # granted: by when the local sites take the record down
    missing_year: int | None = None  # a deadline lies in a year without holiday data
    takedown_procedure: Procedure | None = None  # the procedure whose days gave takedown_due



def _severity(text: str | None) -> str:
    try:
        return normalize_severity(text)
    except ValueError:  # the enumeration rule reports the value; the period is the default band's
        return DEFAULT_SEVERITY


def repair_dates(cal: WorkCalendar, *, applied: dt.date | None, penalty_date: dt.date | None,
                 severity: str | None = None, written_end: dt.date | None = None, decision: str = "",
                 decided: dt.date | None = None, outcome: str = "", new_end_written: dt.date | None = None
                 ) -> RepairDates:
    """Every date of a case that its inputs allow; a deadline that needs a year without holiday data is
    None with ``missing_year`` set (never guessed from Monday to Friday)."""
    sev = _severity(severity)
    regime = regime_for(penalty_date) if penalty_date else None
    window = period_dates(penalty_date, sev) if regime and penalty_date else None
    original = written_end or (window.latest_takedown if window else None)
    proc = procedure_for(applied) if applied else None
    missing = None
    decide_due = None
    if applied is not None and proc is not None and proc.decide_days is not None:
        try:
            decide_due = cal.add_workdays(applied, proc.decide_days)
        except CalendarDataMissing as e:
            missing = e.year
    new_end = takedown_due = None
    if decision == GRANTED and decided is not None:
        shortened = outcome == SHORTENED
        new_end = new_end_written if shortened else decided
        base = None
        dproc = proc or procedure_for(decided)  # an application before 2023-05-01 decided under Order 58
        if dproc is not None and dproc.takedown_days is not None:
            try:
                base = cal.add_workdays(decided, dproc.takedown_days)
            except CalendarDataMissing as e:
                missing = missing or e.year
        dues = [d for d in (base, new_end if shortened else None) if d is not None]
        takedown_due = max(dues) if dues else None
        tproc = dproc if base is not None else None
    else:
        tproc = None
    return RepairDates(regime, sev, window.earliest_repair if window else None, original, written_end is not None,
                       proc, decide_due, new_end, takedown_due, missing, tproc)
