"""Lists a clerk works from, over any number of ledgers (files and folders):

* the ledger list (every decision, its 7-working-day deadline and status) — `sgs deadlines --ledger A B 台账/`;
  a 790 record and the 附件2 ledger row with the same 决定书文号 and date are one decision (as in the monthly
  report), whose 报送日期 is the ledger's;
* the 催报清单 — decisions not yet reported whose deadline falls within N working days (今天到期 first),
  then those already overdue — `--due-within N`;
* the publication list — per penalty the regime of its decision date, its 失信严重程度 (column, else
  --severity, else 一般), the earliest credit-repair date and the latest take-down date — `--publication`
  (with `--due-within N`: only those whose date falls within N working days, or whose take-down date has
  passed). A penalty 原则上不予公示 (the decision of `validate`: PUBLICATION_NOT_REQUIRED) has no window to
  watch: it is listed apart, after the others, with the reason.

Each list is a :class:`Listing` (title, Chinese headers, rows, JSON records) that is printed without
cutting any value, written to .xlsx (`-o`) or to CSV (`--format csv`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sgs_cli.reports import decisions as decision_status
from sgs_cli.standard.kinds import DECISION_KINDS, KIND, Role
from sgs_cli.errors import InputError
from sgs_cli.calendar.publication import IF_PUBLISHED, REGIMES, normalize_severity, period_dates, regime_for
from sgs_cli.calendar.repair import RepairDates
from sgs_cli.calendar.workdays import day_zh
from sgs_cli.standard.repair import PROCEDURES

TODAY_DUE, SOON_DUE, OVERDUE_GROUP = "今天到期", "即将到期", "已逾期未报送"
#: the group of records whose deadline needs a year without holiday data (shown as "需要2027年节假日安排")
NEEDS_GROUP = decision_status.STATUS_LABEL[decision_status.NEEDS_CALENDAR]
#: the heading of the department column: a list that has one gets one sheet per department (render/listing)
DEPARTMENT_HEADER = "部门"
#: where a record's 失信严重程度 came from, as the publication list shows it
SOURCE_SHORT = {"column": "", "option": "（--severity）", "default": "（未填，按一般）", "rule": "（按处罚种类或程序认定）"}


#: a penalty decided before the first publication regime (calendar/publication.REGIMES) has no unified period
BEFORE_REGIMES = f"{day_zh(REGIMES[0].start)}前作出，无统一公示期限"
#: a repair applied for before the first procedure (standard/repair.PROCEDURES) has no unified time limit
BEFORE_PROCEDURES = f"{day_zh(PROCEDURES[0].start)}前的申请，无统一办理时限"


@dataclass
class Listing:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)  # display values (dates as YYYY-MM-DD)
    records: list[dict] = field(default_factory=list)  # the same, keyed in English, for JSON
    summary: str = ""
    extra: dict = field(default_factory=dict)  # JSON-only keys (summary counts…)
    notes: list[str] = field(default_factory=list)  # lines under the summary (e.g. how to supply a calendar)

    def to_dict(self) -> dict:
        return {"title": self.title, **self.extra, "notes": self.notes, "records": self.records}


def _range(bounds) -> list[str] | None:
    return [bounds[0].isoformat(), bounds[1].isoformat()] if bounds else None


def _needs_extra(lst: Listing, n: int, years: list[int], what: str = "条记录的期限", grouped: bool = True) -> None:
    """Count, years and the how-to line of the records that need a missing calendar year (JSON and notes)."""
    lst.extra["calendar"] = {"needs_calendar_records": n, "missing_years": years}
    if n:
        lst.notes.append(decision_status.needs_calendar_note(n, years, what, grouped))


def _iso(d):
    return d.isoformat() if d else None


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


def ledger_listing(c: Collected) -> Listing:
    lst = Listing(f"双公示台账报送情况（截至 {c.today.isoformat()}）",
                  ["文件", "工作表", "行", "决定书文号", "决定日期", "报送期限", "报送日期", "状态"])
    for d in c.decisions:
        lst.rows.append([Path(d.file).name, d.sheet, d.row, d.wsh, _iso(d.decided), d.due_text or None,
                         _iso(d.reported), d.status_text])
        lst.records.append({"file": d.file, "sheet": d.sheet, "row": d.row, "wsh": d.wsh,
                            "decision_date": _iso(d.decided), "due": _iso(d.due), "due_range": _range(d.due_range),
                            "reported": _iso(d.reported), "status": d.status, "status_text": d.status_text,
                            "days": d.days, "needs_calendar_year": d.missing_year})
    counts = {k: sum(1 for d in c.decisions if d.status == k) for k in decision_status.STATUS_LABEL}
    rate = decision_status.timeliness_rate(c.decisions)
    lst.extra = {"files": c.files, "today": c.today.isoformat(),
                 "status_labels": dict(decision_status.STATUS_LABEL),
                 "summary": {"records": len(c.decisions), **counts,
                             "timeliness_rate": None if rate is None else round(rate, 4)}}
    needs = counts[decision_status.NEEDS_CALENDAR]
    years = decision_status.needs_calendar_years(c.decisions)
    # the closing line with the 及时率 as shown: render/listing.ledger_summary
    _needs_extra(lst, needs, years, grouped=False)
    return lst


def due_listing(c: Collected, within: int) -> Listing:
    """催报清单: not reported, due within ``within`` working days (今天到期 first), then overdue."""
    groups: dict[str, list] = {TODAY_DUE: [], SOON_DUE: [], OVERDUE_GROUP: [], NEEDS_GROUP: []}
    for d in c.decisions:
        if d.status == decision_status.PENDING and d.days is not None and d.days <= within:
            groups[TODAY_DUE if d.days == 0 else SOON_DUE].append(d)
        elif d.status == decision_status.OVERDUE:
            groups[OVERDUE_GROUP].append(d)
        elif d.reported is None and (d.status == decision_status.NEEDS_CALENDAR or
                                     d.status == decision_status.PENDING and d.due is None and d.due_range):
            # not reported, and whether it is due (or how soon: pending, its deadline in next year) needs next
            # year's calendar
            groups[NEEDS_GROUP].append(d)
    lst = Listing(f"催报清单（截至 {c.today.isoformat()}，{within} 个工作日内到期及已逾期未报送）",
                  ["分组", "部门", "决定书文号", "事项", "决定日期", "报送期限", "剩余/逾期", "文件", "行"])
    for group, items in groups.items():
        # stable: same due date in the order of the inputs
        for d in sorted(items, key=lambda d: d.due or (d.due_range or (d.decided, d.decided))[0]):
            shown = decision_status.needs_calendar_label([d.missing_year] if d.missing_year else []) if group == NEEDS_GROUP else group
            lst.rows.append([shown, d.department, d.wsh, d.title, _iso(d.decided), d.due_text or None,
                             _left(d, group, c.today), Path(d.file).name, d.row])
            lst.records.append({"group": group, "department": d.department, "wsh": d.wsh, "title": d.title,
                                "decision_date": _iso(d.decided), "due": _iso(d.due), "due_range": _range(d.due_range),
                                "days": d.days, "status": d.status, "needs_calendar_year": d.missing_year,
                                "file": d.file, "sheet": d.sheet, "row": d.row})
    n = {g: len(v) for g, v in groups.items()}
    years = decision_status.needs_calendar_years(groups[NEEDS_GROUP])
    lst.extra = {"files": c.files, "today": c.today.isoformat(), "within_workdays": within,
                 "summary": {"today": n[TODAY_DUE], "soon": n[SOON_DUE], "overdue": n[OVERDUE_GROUP],
                             "needs_calendar": n[NEEDS_GROUP]}}
    lst.summary = (f"今天到期 {n[TODAY_DUE]} 条，{within} 个工作日内到期 {n[SOON_DUE]} 条，"
                   f"已逾期未报送 {n[OVERDUE_GROUP]} 条" +
                   (f"，尚未报送、{decision_status.needs_calendar_label(years)} {n[NEEDS_GROUP]} 条" if n[NEEDS_GROUP] else ""))
    _needs_extra(lst, n[NEEDS_GROUP], years, "条尚未报送的记录的期限")
    return lst


def _left(d, group: str, today: dt.date) -> str:
    """The 剩余/逾期 cell of the 催报清单."""
    if group == TODAY_DUE:
        return "今天"
    if group == SOON_DUE:
        return f"剩余 {d.days} 个工作日"
    if group == OVERDUE_GROUP:
        if d.days is None:
            return "逾期（天数" + decision_status.needs_calendar_label([d.missing_year] if d.missing_year else []) + "）"
        return f"逾期 {d.days} 个工作日"
    lo, hi = d.due_range or (None, None)
    if hi is not None and hi < today:
        return "已逾期"
    if lo is not None and lo > today:
        return f"最早 {lo.isoformat()} 到期"
    return "可能已到期"


def publication_listing(c: Collected, cal, within: int | None = None, repairs: dict | None = None) -> Listing:
    """Per penalty: regime, severity, earliest credit-repair date, latest take-down date. ``repairs`` (文号 key →
    granted RepairCase, :func:`repaired_ends`): a repaired penalty shows the end its repair set and the 撤下 due
    date the repair created instead of the end of its period."""
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
    maybe = []  # inside the window only if it ends late enough: their own group, after the others
    lst = Listing(f"行政处罚公示期限（截至 {c.today.isoformat()}）" +
                  (f"：{within} 个工作日内可申请信用修复或应撤下" if within is not None else ""),
                  ["决定书文号", "决定日期", "失信程度", "依据", "最早可申请信用修复", "最迟撤下日期", "公示截止期", "状态",
                   "文件", "行"])
    from sgs_cli.rules.timeliness import NOT_REQUIRED_LABEL

    apart = []  # 原则上不予公示: listed after the others, whatever the window
    for file, sheet, row, wsh, decided, sev, source, gsjzq, why in c.penalties:
        if why is not None:
            regime = regime_for(decided)
            if source != "column":  # 轻微 by the 2025 办法's rule (警告, 简易程序), whatever the option said
                sev, source = "轻微", "rule"
            apart.append(([wsh, _iso(decided), sev + SOURCE_SHORT[source], regime.name if regime else "—", None, None,
                           _iso(gsjzq), f"{NOT_REQUIRED_LABEL}（{why}）", Path(file).name, row],
                          {"wsh": wsh, "decision_date": _iso(decided), "severity": sev, "severity_source": source,
                           "regime": regime.name if regime else None, "earliest_repair": None,
                           "latest_takedown": None, "gsjzq": _iso(gsjzq), "status": NOT_REQUIRED_LABEL,
                           "publication_required": False, "not_required_reason": why,
                           "file": file, "sheet": sheet, "row": row}))
            continue
        regime = regime_for(decided) if decided else None
        dates = period_dates(decided, sev) if regime else None
        if dates is None:
            status = "无决定日期" if decided is None else BEFORE_REGIMES
            repair = takedown = None
        else:
            repair, takedown = dates
            if c.today >= takedown:
                status = "已到最迟撤下日期，应撤下"
            elif c.today >= repair:
                status = "公示中，可申请信用修复"
            else:
                status = "公示中"
        fixed = (repairs or {}).get(doc_key(wsh))
        if fixed is not None and not fixed.decision:  # an application not yet decided: the period stays
            status += f"；信用修复申请待决定（申请日期{fixed.applied.isoformat()}）"
            fixed = None
        if fixed is not None:  # the repair's end and 撤下 due date replace the period's
            rd = fixed.dates
            takedown = rd.takedown_due or rd.new_end
            status = f"已信用修复（{fixed.decided.isoformat()}准予，公示截止{rd.new_end.isoformat()}）" + (
                f"，已于{fixed.taken_down.isoformat()}撤下" if fixed.taken_down else
                f"，已超过撤下期限{takedown.isoformat()}，应立即撤下" if rd.takedown_due and c.today > takedown else
                f"，撤下期限{takedown.isoformat()}" if rd.takedown_due else "，应撤下")
            if limit is not None and (fixed.taken_down is not None or takedown > limit):
                continue  # taken down, or its 撤下 due date lies beyond the window
            _publication_row(lst, file, sheet, row, wsh, decided, sev, source, gsjzq, regime, repair, takedown, status,
                             repaired={"original_latest_takedown": _iso(dates[1] if dates else None),
                                       "publication_end": _iso(rd.new_end), "repair_decided": _iso(fixed.decided),
                                       "taken_down": _iso(fixed.taken_down), "repair_file": fixed.file,
                                       "repair_row": fixed.row})
            continue
        if limit is not None:
            if dates is None:
                continue
            earliest, latest = dates
            if not (c.today <= earliest <= limit or latest <= limit):
                hi = (limit_range or (None, None))[1]
                if missing is not None and (hi is None or c.today <= earliest <= hi or latest <= hi):
                    maybe.append(((file, sheet, row, wsh, decided, sev, source, gsjzq, regime, earliest, latest),
                                  status))
                continue
        _publication_row(lst, file, sheet, row, wsh, decided, sev, source, gsjzq, regime, repair, takedown, status)
    shown = len(lst.records)
    if maybe and missing is not None:  # only a window ending in a year without holiday data has them
        from sgs_cli.calendar.workdays import needs_calendar_text

        end = decision_status.range_text(limit_range) if limit_range else "未知"
        for item, status in maybe:
            _publication_row(lst, *item, f"{status}（{within} 个工作日的截止日{needs_calendar_text(missing)}：{end}）",
                             group=NEEDS_GROUP)
        lst.notes.append(decision_status.needs_calendar_note(
            len(maybe), [missing], f"条处罚是否在 {within} 个工作日内到期，"))
    fixed_n = sum(1 for r in lst.records if r.get("repair"))
    for row_shown, record in apart:  # 原则上不予公示: after every group, with the reason
        lst.rows.append(row_shown)
        lst.records.append({**record, "group": None})
    lst.extra = {"files": c.files, "today": c.today.isoformat(), "within_workdays": within,
                 "summary": {"records": shown, "needs_calendar": len(maybe), "not_required": len(apart),
                             **({"repaired": fixed_n} if repairs is not None else {})},
                 "calendar": {"needs_calendar_records": len(maybe), "missing_years": [missing] if missing else [],
                              "window_end_range": _range(limit_range)}}
    lst.summary = (f"共 {shown} 条行政处罚" + (f"（其中已信用修复 {fixed_n} 条，按修复后的公示截止日期和撤下期限列出）"
                                              if fixed_n else "") + (f"，另有 {len(maybe)} 条是否在期限内{decision_status.needs_calendar_label([missing])}" if maybe else "")
                   + (f"；另有 {len(apart)} 条{NOT_REQUIRED_LABEL}（轻微失信，列在最后，没有公示期限可提醒；"
                      f"{IF_PUBLISHED}）" if apart else ""))
    return lst


def _publication_row(lst: Listing, file, sheet, row, wsh, decided, sev, source, gsjzq, regime, repair, takedown,
                     status, group: str | None = None, repaired: dict | None = None) -> None:
    sev_text = sev + SOURCE_SHORT[source]
    lst.rows.append([wsh, _iso(decided), sev_text, regime.name if regime else "—", _iso(repair), _iso(takedown),
                     _iso(gsjzq), status, Path(file).name, row])
    lst.records.append({"wsh": wsh, "decision_date": _iso(decided), "severity": sev, "severity_source": source,
                        "regime": regime.name if regime else None, "earliest_repair": _iso(repair),
                        "latest_takedown": _iso(takedown), "gsjzq": _iso(gsjzq), "status": status,
                        "publication_required": True, "not_required_reason": None,
                        "group": group, "file": file, "sheet": sheet, "row": row, "repair": repaired})


OPEN_TODAY, OPEN_SOON, OPEN_OVERDUE, NOT_SYNCED = "今天到期", "即将到期", "已超期未办结", "已办结未同步"


def objection_listing(paths: list, cal, today: dt.date, within: int | None = None) -> Listing:
    """The objection registers (异议登记台账) under ``paths``: every objection with its 3-working-day deadline and
    state; with ``within``, only the open ones due today, due within N working days or overdue, and those
    closed but not synchronised to the platform after the deadline — 今天到期 first."""
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.calendar.deadlines import OBJECTION_DAYS
    from sgs_cli.validation.engine import ValidateOptions, validate_file
    from sgs_cli.calendar.workdays import CalendarDataMissing

    files, items = [], []
    for p in find_inputs([str(p) for p in paths]):
        fr = validate_file(p, ValidateOptions(kind="objection", today=today, keep_records=True, calendar=cal))
        if fr.sgs_output:
            continue
        if fr.error:
            raise InputError(fr.error, "--objections 需要异议登记台账（sgs template objection 生成模板）")
        for sr in fr.sheets:
            if sr.kind != "objection":
                continue
            files.append(str(p))
            for rec in sr.records or ():
                got = rec.dates.get("SDRQ")
                j = decision_status.judge(cal, got, None, today, OBJECTION_DAYS) if got else None
                items.append((str(p), sr.sheet, rec, got, j))
    if not files:
        raise InputError("输入中没有异议登记台账", "--objections 需要异议登记台账（sgs template objection 生成模板）")

    def state(rec, j) -> tuple[str, int | None]:
        closed, synced = rec.dates.get("BJRQ"), rec.dates.get("TBRQ")
        if j is None:
            return "无法计算", None
        due = j.due
        if due is None:  # the deadline lies in a year without holiday data: only the days up to a date tell
            try:
                if closed is None:
                    return (OPEN_SOON if cal.is_within_workdays(rec.dates.get("SDRQ"), OBJECTION_DAYS, today)
                            else NEEDS_GROUP), None
                last = max(closed, synced or today)
                if cal.is_within_workdays(rec.dates.get("SDRQ"), OBJECTION_DAYS, last):
                    return "已办结（按时）", None
                return (NOT_SYNCED if synced is None else "已办结（逾期）"), None
            except CalendarDataMissing:
                return NEEDS_GROUP, None
        between = partial(decision_status.count_workdays, cal)  # None when the count needs a missing year
        if closed is None:
            if today == due:
                return OPEN_TODAY, 0
            if today < due:
                return OPEN_SOON, between(today, due)
            return OPEN_OVERDUE, between(due, today)
        if synced is None and today > due:
            return NOT_SYNCED, between(due, today)
        late = closed > due or (synced is not None and synced > due)
        return ("已办结（逾期）" if late else "已办结（按时）"), None

    rows = []
    for file, sheet, rec, got, j in items:
        st, days = state(rec, j)
        if within is not None and not (st in (OPEN_TODAY, OPEN_OVERDUE, NOT_SYNCED, NEEDS_GROUP)
                                       or (st == OPEN_SOON and (days is None or days <= within))):
            continue
        rows.append((file, sheet, rec, got, j, st, days))
    order = {OPEN_TODAY: 0, OPEN_SOON: 1, OPEN_OVERDUE: 2, NOT_SYNCED: 3, NEEDS_GROUP: 4}
    if within is not None:  # stable: inputs' order within a date
        rows.sort(key=lambda x: (order[x[5]], x[3] if x[4] is None  # no judgement: by the date received
                                 else x[4].due or (x[4].due_range or (x[3], x[3]))[0]))
    title = f"异议处理期限（截至 {today.isoformat()}" + (f"，{within} 个工作日内到期及已超期）" if within is not None else "）")
    lst = Listing(title, ["状态", "异议人", "所涉决定书文号", "承办科室", "收到日期", "处理期限", "办结日期", "同步平台日期",
                          "剩余/超期", "文件", "行"])
    years = sorted({r[4].missing_year for r in rows if r[5] == NEEDS_GROUP and r[4] is not None and r[4].missing_year})
    for file, sheet, rec, got, j, st, days in rows:
        due = j.due if j else None
        left = "" if days is None else ("今天" if st == OPEN_TODAY else
                                        f"剩余 {days} 个工作日" if st == OPEN_SOON else f"超期 {days} 个工作日")
        missing_year = j.missing_year if j is not None else None
        if days is None and st in (OPEN_OVERDUE, NOT_SYNCED) and missing_year:
            left = "超期（天数" + decision_status.needs_calendar_label([missing_year]) + "）"
        due_shown = _iso(due)
        if due is None and j is not None and missing_year:
            due_shown = decision_status.needs_calendar_label([missing_year]) + (f"（{decision_status.range_text(j.due_range)}）"
                                                          if j.due_range else "")
        shown = decision_status.needs_calendar_label([missing_year] if missing_year else []) if st == NEEDS_GROUP else st
        lst.rows.append([shown, rec.text("YYR"), rec.text("WSH"), rec.text("CBKS"), _iso(got), due_shown,
                         _iso(rec.dates.get("BJRQ")), _iso(rec.dates.get("TBRQ")), left, Path(file).name, rec.row])
        lst.records.append({"status": st, "objector": rec.text("YYR"), "wsh": rec.text("WSH"),
                            "department": rec.text("CBKS"), "received": _iso(got), "due": _iso(due),
                            "due_range": _range(j.due_range if j else None),
                            "closed": _iso(rec.dates.get("BJRQ")), "synced": _iso(rec.dates.get("TBRQ")),
                            "days": days, "file": file, "sheet": sheet, "row": rec.row})
    n = {k: sum(1 for r in rows if r[5] == k) for k in order}
    lst.extra = {"files": files, "today": today.isoformat(), "within_workdays": within,
                 "summary": {"today": n[OPEN_TODAY], "soon": n[OPEN_SOON], "overdue": n[OPEN_OVERDUE],
                             "not_synced": n[NOT_SYNCED], "needs_calendar": n[NEEDS_GROUP], "records": len(rows)}}
    lst.summary = (f"今天到期 {n[OPEN_TODAY]} 条，未到期 {n[OPEN_SOON]} 条，已超期未办结 {n[OPEN_OVERDUE]} 条，"
                   f"已办结未同步 {n[NOT_SYNCED]} 条"
                   + (f"，{decision_status.needs_calendar_label(years)} {n[NEEDS_GROUP]} 条" if n[NEEDS_GROUP] else ""))
    _needs_extra(lst, n[NEEDS_GROUP], years, "件异议的处理期限")
    return lst


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
#: the states of a repair case, in the order a --due-within list shows them
R_TODAY, R_SOON, R_OVERDUE = "今天到期", "即将到期", "已超期"
R_WAITING, R_DOWN, R_NOT_GRANTED = "待办理", "已撤下", "未准予修复"
R_UNKNOWN = "修复决定无法识别"


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
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.validation.engine import ValidateOptions, validate_file

    files, cases = [], []
    found = find_inputs([str(p) for p in paths])
    for p in found:
        fr = validate_file(p, ValidateOptions(kind="repair", today=today, keep_records=True, calendar=cal))
        if fr.sgs_output:
            continue
        if fr.error:
            raise InputError(fr.error, REPAIR_HINT)
        for sr in fr.sheets:
            if sr.kind == "repair":
                files.append(str(p))
                cases.extend(repair_cases(sr, str(p), cal))
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
    """(state, what is due, its date, working days left (≥ 0) or overdue (> 0 with 已超期)) of a case."""
    from sgs_cli.standard.repair import DECISIONS, GRANTED

    rd = case.dates
    if case.decision and case.decision not in DECISIONS:
        return R_UNKNOWN, "", None, None
    if case.decision and case.decision != GRANTED:
        return R_NOT_GRANTED, "", None, None
    if case.decision == GRANTED and case.taken_down is not None:
        late = rd.takedown_due is not None and case.taken_down > rd.takedown_due
        return R_DOWN + ("（逾期）" if late else "（按时）" if rd.takedown_due else ""), "", None, None
    what, due = ("撤下", rd.takedown_due) if case.decision == GRANTED else ("决定", rd.decide_due)
    if due is None:
        return R_WAITING, what, None, None
    if today == due:
        return R_TODAY, what, due, 0
    if today < due:
        return R_SOON, what, due, decision_status.count_workdays(cal, today, due)
    return R_OVERDUE, what, due, decision_status.count_workdays(cal, due, today)


def repair_listing(paths: list, cal, today: dt.date, within: int | None = None) -> Listing:
    """The 信用修复登记台账 under ``paths``: per case the procedure's deadlines (办理期限, 撤下期限), the publication end
    it changes (原 → 新) and its state; with ``within``, only the open cases due today, within N working days or
    overdue (今天到期 first)."""
    cases, files = read_repairs(paths, cal, today)
    rows = []
    for case in cases:
        st, what, due, days = repair_state(case, cal, today)
        if within is not None and not (st in (R_TODAY, R_OVERDUE) or (st == R_SOON and days is not None
                                                                      and days <= within)):
            continue
        rows.append((case, st, what, due, days))
    if within is not None:
        order = {R_TODAY: 0, R_SOON: 1, R_OVERDUE: 2}
        rows.sort(key=lambda x: (order[x[1]], x[3]))
    title = f"信用修复办理期限（截至 {today.isoformat()}" + (f"，{within} 个工作日内到期及已超期）" if within is not None
                                                          else "）")
    lst = Listing(title, ["状态", "申请人", "原决定书文号", DEPARTMENT_HEADER, "申请日期", "办理期限", "修复决定", "决定日期",
                          "原公示截止日期", "新公示截止日期", "撤下期限", "撤下日期", "剩余/超期", "依据", "文件", "行"])
    procedures = {}
    for case, st, what, _due, days in rows:
        rd = case.dates
        proc = rd.procedure
        if proc is not None:
            procedures[proc.code] = proc
        shown = st if not what else f"{st}（{what}）"
        left = "" if days is None else ("今天" if st == R_TODAY else f"剩余 {days} 个工作日" if st == R_SOON
                                        else f"超期 {days} 个工作日")
        basis = proc.name if proc else (BEFORE_PROCEDURES if case.applied else "无申请日期")
        if rd.missing_year:
            from sgs_cli.calendar.workdays import needs_calendar_text

            basis += f"（期限{needs_calendar_text(rd.missing_year)}）"
        lst.rows.append([shown, case.applicant, case.wsh, case.department, _iso(case.applied),
                         _iso(rd.decide_due), case.decision, _iso(case.decided),
                         _iso(rd.original_end), _iso(rd.new_end),
                         _iso(rd.takedown_due), _iso(case.taken_down), left, basis,
                         Path(case.file).name, case.row])
        lst.records.append({"status": st, "due_for": what or None, "applicant": case.applicant, "wsh": case.wsh,
                            "department": case.department, "applied": _iso(case.applied),
                            "decide_due": _iso(rd.decide_due), "decision": case.decision or None,
                            "decided": _iso(case.decided), "earliest_repair": _iso(rd.earliest_repair),
                            "original_end": _iso(rd.original_end),
                            "new_end": _iso(rd.new_end),
                            "takedown_due": _iso(rd.takedown_due), "taken_down": _iso(case.taken_down),
                            "days": days, "procedure": proc.name if proc else None,
                            "needs_calendar_year": rd.missing_year,
                            "file": case.file, "sheet": case.sheet, "row": case.row})
    n = {k: sum(1 for r in rows if r[1] == k) for k in (R_TODAY, R_SOON, R_OVERDUE, R_WAITING, R_NOT_GRANTED, R_UNKNOWN)}
    down = sum(1 for r in rows if r[1].startswith(R_DOWN))
    lst.extra = {"files": files, "today": today.isoformat(), "within_workdays": within,
                 "summary": {"records": len(rows), "today": n[R_TODAY], "soon": n[R_SOON], "overdue": n[R_OVERDUE],
                             "no_deadline": n[R_WAITING], "taken_down": down, "not_granted": n[R_NOT_GRANTED],
                             "unknown_decision": n[R_UNKNOWN]}}
    lst.summary = (f"共 {len(rows)} 件：今天到期 {n[R_TODAY]}，未到期 {n[R_SOON]}，已超期 {n[R_OVERDUE]}，"
                   f"已撤下 {down}，未准予修复 {n[R_NOT_GRANTED]}"
                   + (f"，未计算期限 {n[R_WAITING]}" if n[R_WAITING] else "")
                   + (f"，修复决定无法识别 {n[R_UNKNOWN]}（请按 sgs validate 的提示改正）" if n[R_UNKNOWN] else ""))
    lst.notes.extend(f"{p.name}：{p.source}" for p in procedures.values())
    return lst


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
