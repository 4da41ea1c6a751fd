"""The words of the lists of `sgs deadlines` (--ledger, --due-within, --publication, --objections, --repair):
each list is a :class:`Listing` (title, Chinese headers, rows, JSON records, summary, notes) built from the facts
`reports/reminders.py` computes, then printed without cutting any value, written to .xlsx (`-o`) or to CSV
(`--format csv`) by render/listing.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli.calendar.publication import IF_PUBLISHED, REGIMES
from sgs_cli.calendar.workdays import day_zh, needs_calendar_text
from sgs_cli.reports import decisions as decision_status
from sgs_cli.reports import reminders as R
from sgs_cli.standard.repair import PROCEDURES

#: the group of records whose deadline needs a year without holiday data (shown as "需要2027年节假日安排")
NEEDS_GROUP = decision_status.STATUS_LABEL[decision_status.NEEDS_CALENDAR]
#: the groups of the 催报清单 as its JSON and its first column name them
DUE_GROUP = {R.TODAY: "今天到期", R.SOON: "即将到期", R.OVERDUE: "已逾期未报送", R.NEEDS: NEEDS_GROUP}
#: the heading of the department column: a list that has one gets one sheet per department (render/listing)
DEPARTMENT_HEADER = "部门"
#: where a record's 失信严重程度 came from, as the publication list shows it
SOURCE_SHORT = {"column": "", "option": "（--severity）", "default": "（未填，按一般）", "rule": "（按处罚种类或程序认定）"}
#: a penalty decided before the first publication regime (calendar/publication.REGIMES) has no unified period
BEFORE_REGIMES = f"{day_zh(REGIMES[0].start)}前作出，无统一公示期限"
#: a repair applied for before the first procedure (standard/repair.PROCEDURES) has no unified time limit
BEFORE_PROCEDURES = f"{day_zh(PROCEDURES[0].start)}前的申请，无统一办理时限"
#: a penalty's state on the publication list
PENALTY_STATE = {R.NO_DATE: "无决定日期", R.BEFORE_REGIMES: BEFORE_REGIMES, R.TAKE_DOWN: "已到最迟撤下日期，应撤下",
                 R.REPAIRABLE: "公示中，可申请信用修复", R.PUBLISHED: "公示中"}
#: an objection's state
OBJECTION_STATE = {R.O_TODAY: "今天到期", R.O_SOON: "即将到期", R.O_OVERDUE: "已超期未办结", R.O_NOT_SYNCED: "已办结未同步",
                   R.NEEDS: NEEDS_GROUP, R.O_ON_TIME: "已办结（按时）", R.O_LATE: "已办结（逾期）", R.O_UNKNOWN: "无法计算"}
#: a repair case's state, and what it is due for
R_DOWN = "已撤下"
REPAIR_STATE = {R.RS_TODAY: "今天到期", R.RS_SOON: "即将到期", R.RS_OVERDUE: "已超期", R.RS_WAITING: "待办理",
                R.RS_NOT_GRANTED: "未准予修复", R.RS_UNKNOWN: "修复决定无法识别", R.RS_DOWN: R_DOWN,
                R.RS_DOWN_LATE: R_DOWN + "（逾期）", R.RS_DOWN_ON_TIME: R_DOWN + "（按时）"}
DUE_FOR = {R.DUE_DECIDE: "决定", R.DUE_TAKEDOWN: "撤下"}


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


def ledger_listing(c: R.Collected) -> Listing:
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


def due_listing(c: R.Collected, within: int) -> Listing:
    """催报清单: not reported, due within ``within`` working days (今天到期 first), then overdue."""
    groups = R.due_groups(c, within)
    lst = Listing(f"催报清单（截至 {c.today.isoformat()}，{within} 个工作日内到期及已逾期未报送）",
                  ["分组", "部门", "决定书文号", "事项", "决定日期", "报送期限", "剩余/逾期", "文件", "行"])
    for key, items in groups.items():
        group = DUE_GROUP[key]
        for d in items:
            shown = decision_status.needs_calendar_label([d.missing_year] if d.missing_year else []) if key == R.NEEDS else group
            lst.rows.append([shown, d.department, d.wsh, d.title, _iso(d.decided), d.due_text or None,
                             _left(d, key, c.today), Path(d.file).name, d.row])
            lst.records.append({"group": group, "department": d.department, "wsh": d.wsh, "title": d.title,
                                "decision_date": _iso(d.decided), "due": _iso(d.due), "due_range": _range(d.due_range),
                                "days": d.days, "status": d.status, "needs_calendar_year": d.missing_year,
                                "file": d.file, "sheet": d.sheet, "row": d.row})
    n = {g: len(v) for g, v in groups.items()}
    years = decision_status.needs_calendar_years(groups[R.NEEDS])
    lst.extra = {"files": c.files, "today": c.today.isoformat(), "within_workdays": within,
                 "summary": {"today": n[R.TODAY], "soon": n[R.SOON], "overdue": n[R.OVERDUE],
                             "needs_calendar": n[R.NEEDS]}}
    lst.summary = (f"今天到期 {n[R.TODAY]} 条，{within} 个工作日内到期 {n[R.SOON]} 条，"
                   f"已逾期未报送 {n[R.OVERDUE]} 条" +
                   (f"，尚未报送、{decision_status.needs_calendar_label(years)} {n[R.NEEDS]} 条" if n[R.NEEDS] else ""))
    _needs_extra(lst, n[R.NEEDS], years, "条尚未报送的记录的期限")
    return lst


def _left(d, group: str, today) -> str:
    """The 剩余/逾期 cell of the 催报清单."""
    if group == R.TODAY:
        return "今天"
    if group == R.SOON:
        return f"剩余 {d.days} 个工作日"
    if group == R.OVERDUE:
        if d.days is None:
            return "逾期（天数" + decision_status.needs_calendar_label([d.missing_year] if d.missing_year else []) + "）"
        return f"逾期 {d.days} 个工作日"
    lo, hi = d.due_range or (None, None)
    if hi is not None and hi < today:
        return "已逾期"
    if lo is not None and lo > today:
        return f"最早 {lo.isoformat()} 到期"
    return "可能已到期"


def publication_listing(c: R.Collected, cal, within: int | None = None, repairs: dict | None = None) -> Listing:
    """Per penalty: regime, severity, earliest credit-repair date, latest take-down date (reports/reminders.
    publication_window); a repaired penalty shows the end its repair set and the 撤下 due date it created."""
    from sgs_cli.rules.timeliness import NOT_REQUIRED_LABEL

    w = R.publication_window(c, cal, within, repairs)
    lst = Listing(f"行政处罚公示期限（截至 {c.today.isoformat()}）" +
                  (f"：{within} 个工作日内可申请信用修复或应撤下" if within is not None else ""),
                  ["决定书文号", "决定日期", "失信程度", "依据", "最早可申请信用修复", "最迟撤下日期", "公示截止期", "状态",
                   "文件", "行"])
    for p in w.shown:
        _publication_row(lst, p, _penalty_status(p, c.today))
    shown = len(lst.records)
    if w.maybe and w.missing is not None:
        end = decision_status.range_text(w.limit_range) if w.limit_range else "未知"
        for p in w.maybe:
            status = f"{_penalty_status(p, c.today)}（{within} 个工作日的截止日{needs_calendar_text(w.missing)}：{end}）"
            _publication_row(lst, p, status, group=NEEDS_GROUP)
        lst.notes.append(decision_status.needs_calendar_note(
            len(w.maybe), [w.missing], f"条处罚是否在 {within} 个工作日内到期，"))
    fixed_n = sum(1 for r in lst.records if r.get("repair"))
    for p in w.apart:  # 原则上不予公示: after every group, with the reason
        lst.rows.append([p.wsh, _iso(p.decided), p.severity + SOURCE_SHORT[p.source], p.regime.name if p.regime else "—",
                         None, None, _iso(p.gsjzq), f"{NOT_REQUIRED_LABEL}（{p.not_required}）", Path(p.file).name,
                         p.row])
        lst.records.append({"wsh": p.wsh, "decision_date": _iso(p.decided), "severity": p.severity,
                            "severity_source": p.source, "regime": p.regime.name if p.regime else None,
                            "earliest_repair": None, "latest_takedown": None, "gsjzq": _iso(p.gsjzq),
                            "status": NOT_REQUIRED_LABEL, "publication_required": False,
                            "not_required_reason": p.not_required, "file": p.file, "sheet": p.sheet, "row": p.row,
                            "group": None})
    maybe, apart, missing = len(w.maybe), len(w.apart), w.missing
    lst.extra = {"files": c.files, "today": c.today.isoformat(), "within_workdays": within,
                 "summary": {"records": shown, "needs_calendar": maybe, "not_required": apart,
                             **({"repaired": fixed_n} if repairs is not None else {})},
                 "calendar": {"needs_calendar_records": maybe, "missing_years": [missing] if missing else [],
                              "window_end_range": _range(w.limit_range)}}
    lst.summary = (f"共 {shown} 条行政处罚" + (f"（其中已信用修复 {fixed_n} 条，按修复后的公示截止日期和撤下期限列出）"
                                              if fixed_n else "") + (f"，另有 {maybe} 条是否在期限内{decision_status.needs_calendar_label([missing])}" if maybe else "")
                   + (f"；另有 {apart} 条{NOT_REQUIRED_LABEL}（轻微失信，列在最后，没有公示期限可提醒；"
                      f"{IF_PUBLISHED}）" if apart else ""))
    return lst


def _penalty_status(p: R.Penalty, today) -> str:
    """The 状态 cell of a penalty: its period's state, a pending application, or its repair."""
    fixed = p.repaired
    if fixed is not None:
        rd, takedown = fixed.dates, p.latest_takedown
        return f"已信用修复（{_iso(fixed.decided)}准予，公示截止{_iso(rd.new_end)}）" + {
            R.R_TAKEN_DOWN: f"，已于{_iso(fixed.taken_down)}撤下",
            R.R_TAKEDOWN_PASSED: f"，已超过撤下期限{_iso(takedown)}，应立即撤下",
            R.R_TAKEDOWN_DUE: f"，撤下期限{_iso(takedown)}", R.R_NO_TAKEDOWN_DUE: "，应撤下"}[p.repair_state or ""]
    status = PENALTY_STATE[p.state]
    if p.pending is not None:
        status += f"；信用修复申请待决定（申请日期{_iso(p.pending.applied)}）"
    return status


def _publication_row(lst: Listing, p: R.Penalty, status: str, group: str | None = None) -> None:
    repaired = None
    if p.repaired is not None:
        fixed = p.repaired
        repaired = {"original_latest_takedown": _iso(p.original_takedown), "publication_end": _iso(fixed.dates.new_end),
                    "repair_decided": _iso(fixed.decided), "taken_down": _iso(fixed.taken_down),
                    "repair_file": fixed.file, "repair_row": fixed.row}
    regime = p.regime
    lst.rows.append([p.wsh, _iso(p.decided), p.severity + SOURCE_SHORT[p.source], regime.name if regime else "—",
                     _iso(p.earliest_repair), _iso(p.latest_takedown), _iso(p.gsjzq), status, Path(p.file).name, p.row])
    lst.records.append({"wsh": p.wsh, "decision_date": _iso(p.decided), "severity": p.severity,
                        "severity_source": p.source, "regime": regime.name if regime else None,
                        "earliest_repair": _iso(p.earliest_repair), "latest_takedown": _iso(p.latest_takedown),
                        "gsjzq": _iso(p.gsjzq), "status": status, "publication_required": True,
                        "not_required_reason": None, "group": group, "file": p.file, "sheet": p.sheet, "row": p.row,
                        "repair": repaired})


def objection_listing(paths: list, cal, today, within: int | None = None) -> Listing:
    """The objection registers (异议登记台账) under ``paths``: every objection with its 3-working-day deadline and
    state; with ``within``, only the open ones due today, due within N working days or overdue, and those
    closed but not synchronised to the platform after the deadline — 今天到期 first."""
    items, files = R.read_objections(paths, cal, today)
    rows = R.objection_rows(items, within)
    title = f"异议处理期限（截至 {today.isoformat()}" + (f"，{within} 个工作日内到期及已超期）" if within is not None else "）")
    lst = Listing(title, ["状态", "异议人", "所涉决定书文号", "承办科室", "收到日期", "处理期限", "办结日期", "同步平台日期",
                          "剩余/超期", "文件", "行"])
    years = sorted({o.judgement.missing_year for o in rows
                    if o.state == R.NEEDS and o.judgement is not None and o.judgement.missing_year})
    for o in rows:
        rec, j, st, days = o.rec, o.judgement, o.state, o.days
        due = j.due if j else None
        left = "" if days is None else ("今天" if st == R.O_TODAY else
                                        f"剩余 {days} 个工作日" if st == R.O_SOON else f"超期 {days} 个工作日")
        missing_year = j.missing_year if j is not None else None
        if days is None and st in (R.O_OVERDUE, R.O_NOT_SYNCED) and missing_year:
            left = "超期（天数" + decision_status.needs_calendar_label([missing_year]) + "）"
        due_shown = _iso(due)
        if due is None and j is not None and missing_year:
            due_shown = decision_status.needs_calendar_label([missing_year]) + (f"（{decision_status.range_text(j.due_range)}）"
                                                          if j.due_range else "")
        word = OBJECTION_STATE[st]
        shown = decision_status.needs_calendar_label([missing_year] if missing_year else []) if st == R.NEEDS else word
        lst.rows.append([shown, rec.text("YYR"), rec.text("WSH"), rec.text("CBKS"), _iso(o.received), due_shown,
                         _iso(rec.dates.get("BJRQ")), _iso(rec.dates.get("TBRQ")), left, Path(o.file).name, rec.row])
        lst.records.append({"status": word, "objector": rec.text("YYR"), "wsh": rec.text("WSH"),
                            "department": rec.text("CBKS"), "received": _iso(o.received), "due": _iso(due),
                            "due_range": _range(j.due_range if j else None),
                            "closed": _iso(rec.dates.get("BJRQ")), "synced": _iso(rec.dates.get("TBRQ")),
                            "days": days, "file": o.file, "sheet": o.sheet, "row": rec.row})
    n = {k: sum(1 for o in rows if o.state == k) for k in R.O_ORDER}
    lst.extra = {"files": files, "today": today.isoformat(), "within_workdays": within,
                 "summary": {"today": n[R.O_TODAY], "soon": n[R.O_SOON], "overdue": n[R.O_OVERDUE],
                             "not_synced": n[R.O_NOT_SYNCED], "needs_calendar": n[R.NEEDS], "records": len(rows)}}
    lst.summary = (f"今天到期 {n[R.O_TODAY]} 条，未到期 {n[R.O_SOON]} 条，已超期未办结 {n[R.O_OVERDUE]} 条，"
                   f"已办结未同步 {n[R.O_NOT_SYNCED]} 条"
                   + (f"，{decision_status.needs_calendar_label(years)} {n[R.NEEDS]} 条" if n[R.NEEDS] else ""))
    _needs_extra(lst, n[R.NEEDS], years, "件异议的处理期限")
    return lst


def repair_listing(paths: list, cal, today, within: int | None = None) -> Listing:
    """The 信用修复登记台账 under ``paths``: per case the procedure's deadlines (办理期限, 撤下期限), the publication end
    it changes (原 → 新) and its state; with ``within``, only the open cases due today, within N working days or
    overdue (今天到期 first)."""
    cases, files = R.read_repairs(paths, cal, today)
    rows = R.repair_rows(cases, cal, today, within)
    title = f"信用修复办理期限（截至 {today.isoformat()}" + (f"，{within} 个工作日内到期及已超期）" if within is not None
                                                          else "）")
    lst = Listing(title, ["状态", "申请人", "原决定书文号", DEPARTMENT_HEADER, "申请日期", "办理期限", "修复决定", "决定日期",
                          "原公示截止日期", "新公示截止日期", "撤下期限", "撤下日期", "剩余/超期", "依据", "文件", "行"])
    procedures = {}
    for case, key, due_for, _due, days in rows:
        rd = case.dates
        proc = rd.procedure
        if proc is not None:
            procedures[proc.code] = proc
        st, what = REPAIR_STATE[key], DUE_FOR.get(due_for, "")
        shown = st if not what else f"{st}（{what}）"
        left = "" if days is None else ("今天" if key == R.RS_TODAY else f"剩余 {days} 个工作日" if key == R.RS_SOON
                                        else f"超期 {days} 个工作日")
        basis = proc.name if proc else (BEFORE_PROCEDURES if case.applied else "无申请日期")
        if rd.missing_year:
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
    n = {k: sum(1 for r in rows if r[1] == k)
         for k in (R.RS_TODAY, R.RS_SOON, R.RS_OVERDUE, R.RS_WAITING, R.RS_NOT_GRANTED, R.RS_UNKNOWN)}
    down = sum(1 for r in rows if r[1] in (R.RS_DOWN, R.RS_DOWN_LATE, R.RS_DOWN_ON_TIME))
    lst.extra = {"files": files, "today": today.isoformat(), "within_workdays": within,
                 "summary": {"records": len(rows), "today": n[R.RS_TODAY], "soon": n[R.RS_SOON],
                             "overdue": n[R.RS_OVERDUE], "no_deadline": n[R.RS_WAITING], "taken_down": down,
                             "not_granted": n[R.RS_NOT_GRANTED], "unknown_decision": n[R.RS_UNKNOWN]}}
    lst.summary = (f"共 {len(rows)} 件：今天到期 {n[R.RS_TODAY]}，未到期 {n[R.RS_SOON]}，已超期 {n[R.RS_OVERDUE]}，"
                   f"已撤下 {down}，未准予修复 {n[R.RS_NOT_GRANTED]}"
                   + (f"，未计算期限 {n[R.RS_WAITING]}" if n[R.RS_WAITING] else "")
                   + (f"，修复决定无法识别 {n[R.RS_UNKNOWN]}（请按 sgs validate 的提示改正）" if n[R.RS_UNKNOWN] else ""))
    lst.notes.extend(f"{p.name}：{p.source}" for p in procedures.values())
    return lst
