"""The facts behind the lists a clerk works from, over any number of ledgers (files and folders); their words
(titles, headers, states, summaries) are `render/reminders_text.py`:

* the ledger list (every decision, its 7-working-day deadline and status) — `sgs deadlines --ledger A B 台账/`;
  a 790 record and the 附件2 ledger row with the same 决定书文号 and date are one decision (as in the monthly
  report), whose 报送日期 is the ledger's (:func:`collect`);
* the 催报清单 — decisions not yet reported whose deadline falls within N working days (今天到期 first),
  then those already overdue — `--due-within N` (:func:`due_groups`);
* the publication list — per penalty the regime of its decision date, its 失信严重程度 (column, else
  --severity, else 一般), the earliest credit-repair date and the latest take-down date — `--publication`
  (with `--due-within N`: only those whose date falls within N working days, or whose take-down date has
  passed). A penalty 原则上不予公示 (the decision of `validate`: PUBLICATION_NOT_REQUIRED) has no window to
  watch: it is listed apart, after the others, with the reason (:func:`publication_window`);
* the objections (:func:`read_objections`, :func:`objection_rows`) and the 信用修复登记台账 (:func:`read_repairs`,
  :func:`repair_rows`) with their deadlines and states.

States and groups are English keys; render/reminders_text.py names them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sgs_cli.reports import decisions as decision_status
from sgs_cli.standard.kinds import DECISION_KINDS, KIND, Role
from sgs_cli.errors import InputError
from sgs_cli.calendar.publication import Regime, normalize_severity, period_dates, regime_for
from sgs_cli.calendar.repair import RepairDates
from sgs_cli.records.record import Record

#: the groups of the 催报清单, in the order it lists them
TODAY, SOON, OVERDUE, NEEDS = "today", "soon", "overdue", decision_status.NEEDS_CALENDAR
DUE_GROUPS = (TODAY, SOON, OVERDUE, NEEDS)


@dataclass
class Collected:
    today: dt.date
    files: list[str]
    decisions: list  # decisions.Decision, assessed
    penalties: list  # (file, sheet, row, 文号, decision date, severity, source, gsjzq, why 原则上不予公示 or None)
    #: the cases of the 信用修复登记台账 found among the inputs (RepairCase), and the files holding them
    repairs: list = field(default_factory=list)
    repair_files: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # the versions and corrections chosen (reports/submissions.choose)


def collect(paths: list, cal, today: dt.date, severity: str | None = None) -> Collected:
    """Validate every ledger / licence / penalty sheet found under ``paths`` and assess its decisions."""
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.rules.timeliness import not_required_rows, severity_of
    from sgs_cli.validation.engine import ValidateOptions, validate_file

    files = find_inputs([str(p) for p in paths])
    if not files:
        raise InputError("没有找到可读取的台账文件", "--ledger 后给台账文件或文件夹（.xlsx .xls .csv）")
    out = Collected(today, [], [], [])
    unreadable = []
    read = []
    for p in files:
        fr = validate_file(p, ValidateOptions(today=today, keep_records=True, calendar=cal, severity=severity))
        if fr.sgs_output:
            continue  # a receipt or monthly report of an earlier run lying in the folder
        if fr.error:
            unreadable.append(fr.error)
            continue
        held = [c for sr in fr.sheets if sr.kind == "repair" for c in repair_cases(sr, str(p), cal)]
        if held:  # a 信用修复登记台账 among the ledgers: the publication list shows its repairs
            out.repairs.extend(held)
            out.repair_files.append(str(p))
        read.append(fr)
    # the one version rule of the reports: of a cumulative ledger's versions the latest, a correction's records
    # instead of the ones they replace — a January folder holding 1-9月 and 1-12月 lists each decision once
    from types import SimpleNamespace

    from sgs_cli.reports.submissions import choose

    choice = choose(SimpleNamespace(files=read))
    out.notes = choice.notes()
    for fr in read:
        if fr.path in choice.superseded_files:
            continue
        p = Path(fr.path)
        found = [d for d in decision_status.extract(fr) if (fr.path, d.sheet, d.row) not in choice.dropped]
        file_dept = None
        for d in found:  # a ledger without a 部门 column names its department in its title row (as the monthly report)
            if not d.department:
                if file_dept is None:
                    from sgs_cli.reports.monthly import _file_department

                    file_dept = _file_department(fr, None)
                d.department, d.department_by = file_dept
        if not found and not any(s.kind in DECISION_KINDS for s in fr.sheets):
            continue  # a catalogue, a liaison list…: nothing to remind about
        out.files.append(str(p))
        out.decisions.extend(found)
        for sr in fr.sheets:
            ctx = sr.context
            if sr.kind != "penalty" or ctx is None:
                continue
            minor = not_required_rows(sr)  # the one publication decision, as validate made it
            for rec in sr.records or ():
                sev, source, _ = severity_of(rec, ctx)
                if (fr.path, sr.sheet, rec.row) in choice.dropped:
                    continue
                penalty = KIND["penalty"]
                out.penalties.append((str(p), sr.sheet, rec.row, rec.text(penalty.code(Role.DOC_NO)),
                                      rec.dates.get(penalty.code(Role.DECISION_DATE)), sev, source,
                                      rec.dates.get(penalty.code(Role.PUBLICATION_END)), minor.get(rec.row)))
    if unreadable:
        raise InputError("以下文件无法读取：" + "；".join(unreadable), "请修复或移除这些文件后重试")
    # a 790 record and the 附件2 ledger row of the same decision are one decision: the ledger gives the 报送日期
    from sgs_cli.reports.monthly import merge_ledgers

    merged = merge_ledgers([(d, []) for d in out.decisions])
    out.decisions = [decision_status.assess(d, cal, today) for d, *_ in merged]
    if not out.files:
        raise InputError("输入中没有双公示台账或行政许可/行政处罚表", "--ledger 需要773号附件2台账或790号行政许可/行政处罚表")
    return out


def due_groups(c: Collected, within: int) -> dict[str, list]:
    """催报清单: not reported, due within ``within`` working days (today first), then overdue, then those whose
    deadline needs a missing year; each group by due date, in the order of the inputs within a date."""
    groups: dict[str, list] = {g: [] for g in DUE_GROUPS}
    for d in c.decisions:
        if d.status == decision_status.PENDING and d.days is not None and d.days <= within:
            groups[TODAY if d.days == 0 else SOON].append(d)
        elif d.status == decision_status.OVERDUE:
            groups[OVERDUE].append(d)
        elif d.reported is None and (d.status == decision_status.NEEDS_CALENDAR or
                                     d.status == decision_status.PENDING and d.due is None and d.due_range):
            # not reported, and whether it is due (or how soon: pending, its deadline in next year) needs next
            # year's calendar
            groups[NEEDS].append(d)
    for items in groups.values():  # stable: same due date in the order of the inputs
        items.sort(key=lambda d: d.due or (d.due_range or (d.decided, d.decided))[0])
    return groups


#: the states of a penalty on the publication list (render/reminders_text.PENALTY_STATE names them)
NO_DATE, BEFORE_REGIMES, TAKE_DOWN, REPAIRABLE, PUBLISHED = "no_date", "before_regimes", "take_down", "repairable", \
    "published"
#: the states of a repaired penalty: taken down, its 撤下 due date passed, a 撤下 due date ahead, none
R_TAKEN_DOWN, R_TAKEDOWN_PASSED, R_TAKEDOWN_DUE, R_NO_TAKEDOWN_DUE = "taken_down", "takedown_passed", \
    "takedown_due", "no_takedown_due"


@dataclass
class Penalty:
    """One penalty of the publication list."""

    file: str
    sheet: str
    row: int
    wsh: str
    decided: dt.date | None
    severity: str
    source: str  # where the severity came from: column, option, default, rule
    gsjzq: dt.date | None
    regime: Regime | None
    earliest_repair: dt.date | None
    latest_takedown: dt.date | None  # a repaired penalty: the 撤下 due date its repair created (else its new end)
    state: str
    not_required: str | None = None  # why 原则上不予公示
    pending: RepairCase | None = None  # an application for credit repair not yet decided: the period stays
    repaired: RepairCase | None = None  # the granted repair whose end replaces the period's
    repair_state: str | None = None  # R_TAKEN_DOWN …
    original_takedown: dt.date | None = None  # a repaired penalty: the latest take-down date of its period
    needs_calendar: bool = False  # inside the window only if the window ends late enough


@dataclass
class PublicationWindow:
    today: dt.date
    within: int | None
    shown: list[Penalty]  # in the window (all without one), in the order of the inputs
    maybe: list[Penalty]  # inside the window only if it ends late enough (its end needs ``missing``)
    apart: list[Penalty]  # 原则上不予公示: listed after the others, whatever the window
    missing: int | None = None  # the year without holiday data the window's end needs
    limit_range: tuple[dt.date, dt.date] | None = None  # then: the earliest and latest end of the window
    with_repairs: bool = False


def publication_window(c: Collected, cal, within: int | None = None, repairs: dict | None = None) -> PublicationWindow:
    """Per penalty: regime, severity, earliest credit-repair date, latest take-down date and state. ``repairs``
    (文号 key → granted RepairCase, :func:`repaired_ends`): a repaired penalty has the end its repair set and the
    撤下 due date the repair created instead of the end of its period."""
    from sgs_cli.standard.docno import doc_key
    from sgs_cli.calendar.provisional import deadline_range
    from sgs_cli.calendar.workdays import CalendarDataMissing

    limit = limit_range = missing = None
    if within is not None:
        try:
            limit = cal.add_workdays(c.today, within)
        except CalendarDataMissing as e:  # January: the end of the window needs next year's calendar
            missing, limit_range = e.year, deadline_range(cal, c.today, within)
            limit = limit_range[0] if limit_range else c.today
    out = PublicationWindow(c.today, within, [], [], [], missing, limit_range, repairs is not None)
    for file, sheet, row, wsh, decided, sev, source, gsjzq, why in c.penalties:
        if why is not None:
            regime = regime_for(decided)
            if source != "column":  # 轻微 by the 2025 办法's rule (警告, 简易程序), whatever the option said
                sev, source = "轻微", "rule"
            out.apart.append(Penalty(file, sheet, row, wsh, decided, sev, source, gsjzq, regime, None, None,
                                     "not_required", not_required=why))
            continue
        regime = regime_for(decided) if decided else None
        dates = period_dates(decided, sev) if regime else None
        if dates is None:
            state = NO_DATE if decided is None else BEFORE_REGIMES
            repair = takedown = None
        else:
            repair, takedown = dates
            state = TAKE_DOWN if c.today >= takedown else REPAIRABLE if c.today >= repair else PUBLISHED
        item = Penalty(file, sheet, row, wsh, decided, sev, source, gsjzq, regime, repair, takedown, state)
        fixed = (repairs or {}).get(doc_key(wsh))
        if fixed is not None and not fixed.decision:  # an application not yet decided: the period stays
            item.pending, fixed = fixed, None
        if fixed is not None:  # the repair's end and 撤下 due date replace the period's
            rd = fixed.dates
            takedown = rd.takedown_due or rd.new_end
            item.repaired, item.latest_takedown = fixed, takedown
            item.original_takedown = dates[1] if dates else None
            item.repair_state = (R_TAKEN_DOWN if fixed.taken_down else
                                 R_TAKEDOWN_PASSED if rd.takedown_due and c.today > takedown else
                                 R_TAKEDOWN_DUE if rd.takedown_due else R_NO_TAKEDOWN_DUE)
            if limit is not None and (fixed.taken_down is not None or takedown > limit):
                continue  # taken down, or its 撤下 due date lies beyond the window
            out.shown.append(item)
            continue
        if limit is not None:
            if dates is None:
                continue
            earliest, latest = dates
            if not (c.today <= earliest <= limit or latest <= limit):
                hi = (limit_range or (None, None))[1]
                if missing is not None and (hi is None or c.today <= earliest <= hi or latest <= hi):
                    item.needs_calendar = True
                    out.maybe.append(item)
                continue
        out.shown.append(item)
    return out


#: the states of an objection (render/reminders_text.OBJECTION_STATE names them), in the order of a --due-within list
O_TODAY, O_SOON, O_OVERDUE, O_NOT_SYNCED = "today", "soon", "overdue", "not_synced"
O_ORDER = (O_TODAY, O_SOON, O_OVERDUE, O_NOT_SYNCED, NEEDS)
O_ON_TIME, O_LATE, O_UNKNOWN = "closed_on_time", "closed_late", "unknown"
OBJECTION_HINT = "--objections 需要异议登记台账（sgs template objection 生成模板）"


@dataclass
class Objection:
    file: str
    sheet: str
    rec: Record  # the validated record (YYR, WSH, CBKS, SDRQ, BJRQ, TBRQ)
    received: dt.date | None
    judgement: decision_status.Judgement | None  # its 3-working-day deadline, None without a received date
    state: str = O_UNKNOWN
    days: int | None = None  # working days left (soon) or past the deadline (overdue, not synced)


def read_objections(paths: list, cal, today: dt.date) -> tuple[list[Objection], list[str]]:
    """Every objection of the registers (异议登记台账) under ``paths`` with its 3-working-day deadline and
    state, and the files read."""
    from sgs_cli.calendar.deadlines import OBJECTION_DAYS

    files, items = [], []
    for p, sr in _register_sheets(paths, "objection", cal, today, OBJECTION_HINT):
        files.append(p)
        for rec in sr.records or ():
            got = rec.dates.get("SDRQ")
            j = decision_status.judge(cal, got, None, today, OBJECTION_DAYS) if got else None
            item = Objection(p, sr.sheet, rec, got, j)
            item.state, item.days = _objection_state(rec, j, cal, today)
            items.append(item)
    if not files:
        raise InputError("输入中没有异议登记台账", OBJECTION_HINT)
    return items, files


def _register_sheets(paths: list, kind: str, cal, today: dt.date, hint: str):
    """(file, sheet report with its records) of every sheet of ``kind`` (a register: objection, repair) in the
    inputs under ``paths``, validated as that kind; sgs's own outputs skipped, an unreadable file an
    InputError with ``hint``."""
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.validation.engine import ValidateOptions, validate_file

    for p in find_inputs([str(p) for p in paths]):
        fr = validate_file(p, ValidateOptions(kind=kind, today=today, keep_records=True, calendar=cal))
        if fr.sgs_output:
            continue
        if fr.error:
            raise InputError(fr.error, hint)
        for sr in fr.sheets:
            if sr.kind == kind:
                yield str(p), sr


def _objection_state(rec, j, cal, today: dt.date) -> tuple[str, int | None]:
    from sgs_cli.calendar.deadlines import OBJECTION_DAYS
    from sgs_cli.calendar.workdays import CalendarDataMissing

    closed, synced = rec.dates.get("BJRQ"), rec.dates.get("TBRQ")
    if j is None:
        return O_UNKNOWN, None
    due = j.due
    if due is None:  # the deadline lies in a year without holiday data: only the days up to a date tell
        try:
            if closed is None:
                return (O_SOON if cal.is_within_workdays(rec.dates.get("SDRQ"), OBJECTION_DAYS, today)
                        else NEEDS), None
            last = max(closed, synced or today)
            if cal.is_within_workdays(rec.dates.get("SDRQ"), OBJECTION_DAYS, last):
                return O_ON_TIME, None
            return (O_NOT_SYNCED if synced is None else O_LATE), None
        except CalendarDataMissing:
            return NEEDS, None
    between = partial(decision_status.count_workdays, cal)  # None when the count needs a missing year
    if closed is None:
        if today == due:
            return O_TODAY, 0
        if today < due:
            return O_SOON, between(today, due)
        return O_OVERDUE, between(due, today)
    if synced is None and today > due:
        return O_NOT_SYNCED, between(due, today)
    late = closed > due or (synced is not None and synced > due)
    return (O_LATE if late else O_ON_TIME), None


def objection_rows(items: list[Objection], within: int | None = None) -> list[Objection]:
    """All objections; with ``within``, only the open ones due today, due within N working days or overdue, and
    those closed but not synchronised to the platform after the deadline — today first, then by due date."""
    if within is None:
        return list(items)
    rows = [o for o in items if o.state in (O_TODAY, O_OVERDUE, O_NOT_SYNCED, NEEDS)
            or (o.state == O_SOON and (o.days is None or o.days <= within))]
    order = {k: i for i, k in enumerate(O_ORDER)}
    rows.sort(key=lambda o: (order[o.state], o.received if o.judgement is None  # no judgement: by the date received
                             else o.judgement.due or (o.judgement.due_range or (o.received, o.received))[0]))
    return rows


def check_severity(severity: str | None) -> str | None:
    if severity is None:
        return None
    try:
        return normalize_severity(severity)
    except ValueError:
        from sgs_cli.errors import UsageError

        raise UsageError(f"--severity 的值“{severity}”无效", "可选：轻微、一般、严重") from None


# ------------------------------------------------------------------------------------- 信用修复登记台账

REPAIR_HINT = "--repair 需要信用修复登记台账（sgs template repair 生成模板）"
#: the states of a repair case (render/reminders_text.REPAIR_STATE names them), in the order of a --due-within list
RS_TODAY, RS_SOON, RS_OVERDUE = "today", "soon", "overdue"
RS_WAITING, RS_NOT_GRANTED, RS_UNKNOWN = "waiting", "not_granted", "unknown_decision"
#: taken down: after its 撤下 due date, by it, or without one
RS_DOWN_LATE, RS_DOWN_ON_TIME, RS_DOWN = "taken_down_late", "taken_down_on_time", "taken_down"
#: what a case is due for: the decision on the application, or taking the penalty down
DUE_DECIDE, DUE_TAKEDOWN = "decide", "takedown"


@dataclass
class RepairCase:
    file: str
    sheet: str
    row: int
    applicant: str
    wsh: str
    department: str
    applied: dt.date | None
    decision: str
    decided: dt.date | None
    taken_down: dt.date | None
    dates: RepairDates  # every date its cells allow


def read_repairs(paths: list, cal, today: dt.date) -> tuple[list[RepairCase], list[str]]:
    """Every case of the 信用修复登记台账 under ``paths`` with its dates (calendar/repair.py), and the files read."""
    files, cases = [], []
    for p, sr in _register_sheets(paths, "repair", cal, today, REPAIR_HINT):
        files.append(p)
        cases.extend(repair_cases(sr, p, cal))
    if not files:
        raise InputError("输入中没有信用修复登记台账", REPAIR_HINT)
    return cases, files


def repair_cases(sr, file: str, cal) -> list[RepairCase]:
    """The cases of one validated 信用修复登记台账 sheet (records kept), with their dates."""
    from sgs_cli.calendar.repair import repair_dates
    from sgs_cli.standard.repair import DECISION_VARIANTS, OUTCOME_VARIANTS, SEVERITY_VARIANTS, standard_value

    out = []
    for rec in sr.records or ():
        got = rec.dates
        applied = got.get("SQRQ")
        decision = standard_value(rec.text("XFJD"), DECISION_VARIANTS)
        rd = repair_dates(cal, applied=applied, penalty_date=got.get("CFJDRQ"),
                          severity=standard_value(rec.text("SXCD"), SEVERITY_VARIANTS), written_end=got.get("YGSJZ"),
                          decision=decision, decided=got.get("JDRQ"),
                          outcome=standard_value(rec.text("XFJG"), OUTCOME_VARIANTS), new_end_written=got.get("XGSJZ"))
        out.append(RepairCase(file, sr.sheet, rec.row, rec.text("SQR"), rec.text("WSH"), rec.text("JBBM"), applied,
                              decision, got.get("JDRQ"), got.get("CXRQ"), rd))
    return out


def repair_state(case: RepairCase, cal, today: dt.date) -> tuple[str, str, dt.date | None, int | None]:
    """(state, what is due ("" or DUE_…), its date, working days left (≥ 0) or overdue (> 0 with RS_OVERDUE))."""
    from sgs_cli.standard.repair import DECISIONS, GRANTED

    rd = case.dates
    if case.decision and case.decision not in DECISIONS:
        return RS_UNKNOWN, "", None, None
    if case.decision and case.decision != GRANTED:
        return RS_NOT_GRANTED, "", None, None
    if case.decision == GRANTED and case.taken_down is not None:
        late = rd.takedown_due is not None and case.taken_down > rd.takedown_due
        return (RS_DOWN_LATE if late else RS_DOWN_ON_TIME if rd.takedown_due else RS_DOWN), "", None, None
    what, due = (DUE_TAKEDOWN, rd.takedown_due) if case.decision == GRANTED else (DUE_DECIDE, rd.decide_due)
    if due is None:
        return RS_WAITING, what, None, None
    if today == due:
        return RS_TODAY, what, due, 0
    if today < due:
        return RS_SOON, what, due, decision_status.count_workdays(cal, today, due)
    return RS_OVERDUE, what, due, decision_status.count_workdays(cal, due, today)


def repair_rows(cases: list[RepairCase], cal, today: dt.date, within: int | None = None) -> list[tuple]:
    """(case, state, what is due, its date, days) per case; with ``within``, only the open cases due today, within
    N working days or overdue (today first, then by due date)."""
    rows = []
    for case in cases:
        st, what, due, days = repair_state(case, cal, today)
        if within is not None and not (st in (RS_TODAY, RS_OVERDUE) or (st == RS_SOON and days is not None
                                                                        and days <= within)):
            continue
        rows.append((case, st, what, due, days))
    if within is not None:
        order = {RS_TODAY: 0, RS_SOON: 1, RS_OVERDUE: 2}
        rows.sort(key=lambda x: (order[x[1]], x[3]))
    return rows


def repaired_ends(cases: list[RepairCase]) -> dict[str, RepairCase]:
    """文号 key → the granted case of that penalty (the latest decision when several): what the publication list
    shows instead of the penalty's own end; a penalty without a granted case but with an application not yet
    decided maps to that application (the list notes it, the period stays)."""
    from sgs_cli.standard.docno import doc_key
    from sgs_cli.standard.repair import GRANTED

    out: dict[str, RepairCase] = {}
    for c in cases:
        key = doc_key(c.wsh)
        if not key:
            continue
        if c.decision == GRANTED and c.decided is not None and c.dates.new_end is not None:
            prev = out.get(key)  # a granted case is kept only with its decision date (above)
            if prev is None or prev.decision != GRANTED or prev.decided is None or c.decided >= prev.decided:
                out[key] = c
        elif not c.decision and c.applied is not None and (key not in out or out[key].decision != GRANTED):
            out[key] = c  # pending: the latest application in the register's order
    return out
