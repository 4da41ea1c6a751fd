"""Lists a clerk works from, over any number of ledgers (files and folders):

* the ledger list (every decision, its 7-working-day deadline and status) — `sgs deadlines --ledger A B 台账/`;
  a 790 record and the 附件2 ledger row with the same 决定书文号 and date are one decision (as in the monthly
  report), whose 报送日期 is the ledger's;
* the 催报清单 — decisions not yet reported whose deadline falls within N working days (今天到期 first),
  then those already overdue — `--due-within N`;
* the publication list — per penalty the regime of its decision date, its 失信严重程度 (column, else
  --severity, else 一般), the earliest credit-repair date and the latest take-down date — `--publication`
  (with `--due-within N`: only those whose date falls within N working days, or whose take-down date has
  passed).

Each list is a :class:`Listing` (title, Chinese headers, rows, JSON records) that is printed without
cutting any value, written to .xlsx (`-o`) or to CSV (`--format csv`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli.reports import decisions as decision_status
from sgs_cli.standard.kinds import DECISION_KINDS, KIND, Role
from sgs_cli.errors import InputError
from sgs_cli.calendar.publication import normalize_severity, period_dates, regime_for

TODAY_DUE, SOON_DUE, OVERDUE_GROUP = "今天到期", "即将到期", "已逾期未报送"
#: where a record's 失信严重程度 came from, as the publication list shows it
SOURCE_SHORT = {"column": "", "option": "（--severity）", "default": "（未填，按一般）"}


@dataclass
class Listing:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)  # display values (dates as YYYY-MM-DD)
    records: list[dict] = field(default_factory=list)  # the same, keyed in English, for JSON
    summary: str = ""
    extra: dict = field(default_factory=dict)  # JSON-only keys (summary counts…)

    def to_dict(self) -> dict:
        return {"title": self.title, **self.extra, "records": self.records}


def _iso(d):
    return d.isoformat() if d else None


@dataclass
class Collected:
    today: dt.date
    files: list[str]
    decisions: list  # decisions.Decision, assessed
    penalties: list  # (file, sheet, row, 文号, decision date, severity, source, gsjzq)


def collect(paths: list, cal, today: dt.date, severity: str | None = None) -> Collected:
    """Validate every ledger / licence / penalty sheet found under ``paths`` and assess its decisions."""
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.rules.timeliness import severity_of
    from sgs_cli.validation.engine import ValidateOptions, validate_file

    files = find_inputs([str(p) for p in paths])
    if not files:
        raise InputError("没有找到可读取的台账文件", "--ledger 后给台账文件或文件夹（.xlsx .xls .csv）")
    out = Collected(today, [], [], [])
    unreadable = []
    for p in files:
        fr = validate_file(p, ValidateOptions(today=today, keep_records=True, calendar=cal, severity=severity))
        if fr.sgs_output:
            continue  # a receipt or monthly report of an earlier run lying in the folder
        if fr.error:
            unreadable.append(fr.error)
            continue
        found = decision_status.extract(fr)
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
            for rec in sr.records or ():
                sev, source, _ = severity_of(rec, ctx)
                penalty = KIND["penalty"]
                out.penalties.append((str(p), sr.sheet, rec.row, rec.text(penalty.code(Role.DOC_NO)),
                                      rec.dates.get(penalty.code(Role.DECISION_DATE)), sev, source,
                                      rec.dates.get(penalty.code(Role.PUBLICATION_END))))
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
        lst.rows.append([Path(d.file).name, d.sheet, d.row, d.wsh, _iso(d.decided), _iso(d.due), _iso(d.reported),
                         d.status_text])
        lst.records.append({"file": d.file, "sheet": d.sheet, "row": d.row, "wsh": d.wsh,
                            "decision_date": _iso(d.decided), "due": _iso(d.due), "reported": _iso(d.reported),
                            "status": d.status, "status_text": d.status_text, "days": d.days})
    counts = {k: sum(1 for d in c.decisions if d.status == k) for k in decision_status.STATUS_LABEL}
    rate = decision_status.timeliness_rate(c.decisions)
    lst.extra = {"files": c.files, "today": c.today.isoformat(),
                 "status_labels": dict(decision_status.STATUS_LABEL),
                 "summary": {"records": len(c.decisions), **counts,
                             "timeliness_rate": None if rate is None else round(rate, 4)}}
    shown = "—" if rate is None else f"{rate:.2%}"
    lst.summary = (f"{len(c.files)} 个文件共 {len(c.decisions)} 条：按时 {counts[decision_status.ON_TIME]}，逾期 {counts[decision_status.LATE]}，"
                   f"未到期 {counts[decision_status.PENDING]}，已逾期未报送 {counts[decision_status.OVERDUE]}，无法计算 {counts[decision_status.UNKNOWN]}；"
                   f"及时率 {shown}（按时 ÷（按时＋逾期＋已逾期未报送））")
    return lst


def due_listing(c: Collected, within: int) -> Listing:
    """催报清单: not reported, due within ``within`` working days (今天到期 first), then overdue."""
    groups = {TODAY_DUE: [], SOON_DUE: [], OVERDUE_GROUP: []}
    for d in c.decisions:
        if d.status == decision_status.PENDING and d.days is not None and d.days <= within:
            groups[TODAY_DUE if d.days == 0 else SOON_DUE].append(d)
        elif d.status == decision_status.OVERDUE:
            groups[OVERDUE_GROUP].append(d)
    lst = Listing(f"催报清单（截至 {c.today.isoformat()}，{within} 个工作日内到期及已逾期未报送）",
                  ["分组", "部门", "决定书文号", "事项", "决定日期", "报送期限", "剩余/逾期", "文件", "行"])
    for group, items in groups.items():
        for d in sorted(items, key=lambda d: d.due):  # stable: same due date in the order of the inputs
            left = "今天" if d.days == 0 and group == TODAY_DUE else (
                f"剩余 {d.days} 个工作日" if group == SOON_DUE else f"逾期 {d.days} 个工作日")
            lst.rows.append([group, d.department, d.wsh, d.title, _iso(d.decided), _iso(d.due), left,
                             Path(d.file).name, d.row])
            lst.records.append({"group": group, "department": d.department, "wsh": d.wsh, "title": d.title,
                                "decision_date": _iso(d.decided), "due": _iso(d.due), "days": d.days,
                                "status": d.status, "file": d.file, "sheet": d.sheet, "row": d.row})
    n = {g: len(v) for g, v in groups.items()}
    lst.extra = {"files": c.files, "today": c.today.isoformat(), "within_workdays": within,
                 "summary": {"today": n[TODAY_DUE], "soon": n[SOON_DUE], "overdue": n[OVERDUE_GROUP]}}
    lst.summary = (f"今天到期 {n[TODAY_DUE]} 条，{within} 个工作日内到期 {n[SOON_DUE]} 条，"
                   f"已逾期未报送 {n[OVERDUE_GROUP]} 条")
    return lst


def publication_listing(c: Collected, cal, within: int | None = None) -> Listing:
    """Per penalty: regime, severity, earliest credit-repair date, latest take-down date."""
    limit = cal.add_workdays(c.today, within) if within is not None else None
    lst = Listing(f"行政处罚公示期限（截至 {c.today.isoformat()}）" +
                  (f"：{within} 个工作日内可申请信用修复或应撤下" if within is not None else ""),
                  ["决定书文号", "决定日期", "失信程度", "依据", "最早可申请信用修复", "最迟撤下日期", "公示截止期", "状态",
                   "文件", "行"])
    for file, sheet, row, wsh, decided, sev, source, gsjzq in c.penalties:
        regime = regime_for(decided) if decided else None
        dates = period_dates(decided, sev) if regime else None
        if dates is None:
            status = "无决定日期" if decided is None else "2019年7月1日前作出，无统一公示期限"
            repair = takedown = None
        else:
            repair, takedown = dates
            if c.today >= takedown:
                status = "已到最迟撤下日期，应撤下"
            elif c.today >= repair:
                status = "公示中，可申请信用修复"
            else:
                status = "公示中"
        if limit is not None:
            if dates is None:
                continue
            if not (c.today <= repair <= limit or takedown <= limit):
                continue
        sev_text = sev + SOURCE_SHORT[source]
        lst.rows.append([wsh, _iso(decided), sev_text, regime.name if regime else "—", _iso(repair), _iso(takedown),
                         _iso(gsjzq), status, Path(file).name, row])
        lst.records.append({"wsh": wsh, "decision_date": _iso(decided), "severity": sev, "severity_source": source,
                            "regime": regime.name if regime else None, "earliest_repair": _iso(repair),
                            "latest_takedown": _iso(takedown), "gsjzq": _iso(gsjzq), "status": status,
                            "file": file, "sheet": sheet, "row": row})
    lst.extra = {"files": c.files, "today": c.today.isoformat(), "within_workdays": within,
                 "summary": {"records": len(lst.records)}}
    lst.summary = f"共 {len(lst.records)} 条行政处罚"
    return lst


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
                try:
                    due = cal.add_workdays(got, OBJECTION_DAYS) if got else None
                except CalendarDataMissing:
                    due = None
                items.append((str(p), sr.sheet, rec, got, due))
    if not files:
        raise InputError("输入中没有异议登记台账", "--objections 需要异议登记台账（sgs template objection 生成模板）")

    def state(rec, due) -> tuple[str, int | None]:
        closed, synced = rec.dates.get("BJRQ"), rec.dates.get("TBRQ")
        if due is None:
            return "无法计算", None
        if closed is None:
            if today == due:
                return OPEN_TODAY, 0
            if today < due:
                return OPEN_SOON, cal.workdays_between(today, due)
            return OPEN_OVERDUE, cal.workdays_between(due, today)
        if synced is None and today > due:
            return NOT_SYNCED, cal.workdays_between(due, today)
        late = closed > due or (synced is not None and synced > due)
        return ("已办结（逾期）" if late else "已办结（按时）"), None

    rows = []
    for file, sheet, rec, got, due in items:
        st, days = state(rec, due)
        if within is not None and not (st in (OPEN_TODAY, OPEN_OVERDUE, NOT_SYNCED) or (st == OPEN_SOON and days <= within)):
            continue
        rows.append((file, sheet, rec, got, due, st, days))
    order = {OPEN_TODAY: 0, OPEN_SOON: 1, OPEN_OVERDUE: 2, NOT_SYNCED: 3}
    if within is not None:
        rows.sort(key=lambda x: (order[x[5]], x[4]))  # stable: inputs' order within a date
    title = f"异议处理期限（截至 {today.isoformat()}" + (f"，{within} 个工作日内到期及已超期）" if within is not None else "）")
    lst = Listing(title, ["状态", "异议人", "所涉决定书文号", "承办科室", "收到日期", "处理期限", "办结日期", "同步平台日期",
                          "剩余/超期", "文件", "行"])
    for file, sheet, rec, got, due, st, days in rows:
        left = "" if days is None else ("今天" if st == OPEN_TODAY else
                                        f"剩余 {days} 个工作日" if st == OPEN_SOON else f"超期 {days} 个工作日")
        lst.rows.append([st, rec.text("YYR"), rec.text("WSH"), rec.text("CBKS"), _iso(got), _iso(due),
                         _iso(rec.dates.get("BJRQ")), _iso(rec.dates.get("TBRQ")), left, Path(file).name, rec.row])
        lst.records.append({"status": st, "objector": rec.text("YYR"), "wsh": rec.text("WSH"),
                            "department": rec.text("CBKS"), "received": _iso(got), "due": _iso(due),
                            "closed": _iso(rec.dates.get("BJRQ")), "synced": _iso(rec.dates.get("TBRQ")),
                            "days": days, "file": file, "sheet": sheet, "row": rec.row})
    n = {k: sum(1 for r in rows if r[5] == k) for k in order}
    lst.extra = {"files": files, "today": today.isoformat(), "within_workdays": within,
                 "summary": {"today": n[OPEN_TODAY], "soon": n[OPEN_SOON], "overdue": n[OPEN_OVERDUE],
                             "not_synced": n[NOT_SYNCED], "records": len(rows)}}
    lst.summary = (f"今天到期 {n[OPEN_TODAY]} 条，未到期 {n[OPEN_SOON]} 条，已超期未办结 {n[OPEN_OVERDUE]} 条，"
                   f"已办结未同步 {n[NOT_SYNCED]} 条")
    return lst


def check_severity(severity: str | None) -> str | None:
    if severity is None:
        return None
    try:
        return normalize_severity(severity)
    except ValueError:
        from sgs_cli.errors import UsageError

        raise UsageError(f"--severity 的值“{severity}”无效", "可选：轻微、一般、严重") from None



