"""`sgs quarterly-report --quarter 2026Q3`: the quarter's bulletin (季通报, 郑发改财贸〔2019〕773号 part 六: 各部门
工作方案报送、推进计划报送、联络员制度建立和“双公示”信息报送等情况), and the period machinery the annual
assessment shares.

One code path for the figures: every month of the period is the monthly report of that month
(monthly.build, from one validation of the inputs); a department's figures for the period are the sum of
its months' (:func:`sum_figures`: every count added, the rates recomputed from the summed counts by the
same Figures properties — never an average of monthly rates).

Per roster department the bulletin says: 工作方案 / 推进计划 (date received, from the register), 联络员制度
(a valid 联络员名单 in the inputs, its first person complete; else the register's date), 事项目录 (in the
inputs with its validation result, or registered; latest update), the decisions and rates of the period and
of each month, the months of 零报送, and the monthly reports received on time (register: received on or
before the due date — the next working day when the due date is not one, 民法典 第二百零三条).

The data are chosen once by submissions.choose (the rule of every report: latest version of a cumulative
ledger, corrections of returned files). A month is 零报送 for a department that handed in data covering it
without a decision in it, 未报送 for one that handed in nothing for it.

A month reported stays the month reported (the 季通报, ``as_reported``): each month's figures are those at its
own statistics date — the report day of the next month (15th unless told otherwise), or the statistics date of
the bulletin when that is earlier; the quarter is the sum of these months. When the bulletin's statistics date
gives other figures for a month, they are shown beside it with the records whose status changed.

Ranking: by 及时率, then 合规率, then 完整率 (equal keys share a rank and are listed in the roster's order — the order
of the 单位名单 / 联络员名单 / 报送登记表 the office gave — else by name); a department without a 及时率 is not
ranked, with its reason (未报送, 零报送, 无法判定及时性, 无应报送决定 …: render/quarterly_text.unranked_reason).

This module computes (figures, dates, ranks, the departments each list names); the words — cells, reasons,
lists, notes, the draft 通报, the screen lines and the JSON — are render/quarterly_text.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.errors import UsageError
from sgs_cli.reports.inputs import unread_files
from sgs_cli.reports import submissions
from sgs_cli.reports.monthly import Figures, MonthlyReport
from sgs_cli.standard.departments import department_key

DEFAULT_THRESHOLD = 0.9
ON_TIME_REPORT, LATE_REPORT, MISSING_REPORT, NOT_DUE_REPORT = "按时", "逾期", "未收到", "未到期"


def sum_figures(parts) -> Figures:
    """The figures of several months: every count added (Counters key by key); the rates follow from the
    sums."""
    out = Figures()
    for p in parts:
        for f in fields(Figures):
            v, mine = getattr(p, f.name), getattr(out, f.name)
            if isinstance(v, Counter):
                mine.update(v)
            elif isinstance(v, dict):
                for k, c in v.items():
                    mine.setdefault(k, Counter()).update(c)
            else:
                setattr(out, f.name, mine + v)
    return out


def parse_quarter(text: str) -> tuple[int, int]:
    """"2026Q3" / "2026-Q3" / "2026年第3季度" / "2026年三季度" → (2026, 3); UsageError otherwise."""
    t = (text or "").strip().upper().replace(" ", "")
    t = t.translate(str.maketrans("一二三四", "1234"))
    m = re.fullmatch(r"((?:19|20)\d{2})(?:-?Q|年第?)([1-4])(?:季度)?", t)
    if not m:
        raise UsageError(f"--quarter 的值“{text}”无效", "格式为 YYYYQN，如 2026Q3（2026年第3季度）")
    return int(m.group(1)), int(m.group(2))


def parse_threshold(text: str | None) -> float:
    """"90" / "90%" / "0.9" → 0.9; UsageError otherwise."""
    if text is None:
        return DEFAULT_THRESHOLD
    t = text.strip().rstrip("%％")
    try:
        v = float(t)
    except ValueError:
        raise UsageError(f"--threshold 的值“{text}”无效", "填及时率的百分数，如 90 或 90%") from None
    if v > 1:
        v /= 100
    if not 0 < v <= 1:
        raise UsageError(f"--threshold 的值“{text}”无效", "应在 0 到 100% 之间，如 90%")
    return v


@dataclass
class MonthReport:
    """A department's 月报告 of one month, as the register says."""

    month: int
    due: dt.date  # the day it counts as on time (next working day when the due date is not one)
    received: dt.date | None
    status: str  # 按时 / 逾期 / 未收到 / 未到期
    where: str = ""

    def to_dict(self) -> dict:
        return {"month": self.month, "due": self.due.isoformat(), "status": self.status,
                "received": self.received.isoformat() if self.received else None}


@dataclass
class Department:
    name: str
    in_roster: bool = True
    months: dict[int, Figures] = field(default_factory=dict)
    total: Figures = field(default_factory=Figures)
    has_file: bool = False
    files: list[str] = field(default_factory=list)
    unread: bool = False  # no data in the period, and a file of its could not be read: 文件无法读取
    plan: dt.date | None = None  # 工作方案 received
    progress: dt.date | None = None  # 推进计划 received
    liaison: submissions.Annex | None = None
    liaison_registered: dt.date | None = None
    catalog: submissions.Annex | None = None
    catalog_registered: dt.date | None = None
    catalog_updated: dt.date | None = None
    reports: dict[int, MonthReport] = field(default_factory=dict)
    zero_months: list[int] = field(default_factory=list)  # 零报送: handed in data, no decision in the month
    missing_months: list[int] = field(default_factory=list)  # 未报送: handed in nothing for the month
    rank: int | None = None
    register_row: int | None = None
    registered: bool = True  # a register was given (else 工作方案/推进计划 and 月报告 are unknown)

    # ---- the items the bulletin names
    @property
    def plan_in_place(self) -> bool:
        return self.plan is not None or self.progress is not None  # 773: 暂无工作方案的报送工作推进计划

    @property
    def liaison_in_place(self) -> bool:
        if self.liaison is not None:
            return self.liaison.valid and bool(self.liaison.lead_complete)
        return self.liaison_registered is not None

    @property
    def catalog_in_place(self) -> bool:
        if self.catalog is not None:
            return self.catalog.valid
        return self.catalog_registered is not None

    @property
    def catalog_latest(self) -> dt.date | None:
        dates = [d for d in (self.catalog_updated, self.catalog_registered) if d]
        if dates:
            return max(dates)
        return self.catalog.date if self.catalog is not None else None

    def liaison_problem(self) -> str:
        """Why the liaison system is not in place (for the named list)."""
        a = self.liaison
        if a is None:
            return "未报送" if self.registered else "输入文件中没有，未提供报送登记表"
        if not a.valid:
            return "名单" + a.result_text()
        return "第1位联络员信息不完整，缺" + "、".join(a.lead_missing or ())

    def reports_due(self) -> list[MonthReport]:
        return [r for m, r in sorted(self.reports.items()) if r.status != NOT_DUE_REPORT]

    def reports_on_time(self) -> int:
        return sum(1 for r in self.reports.values() if r.status == ON_TIME_REPORT)

    def rank_key(self):
        t = self.total
        return (-(t.timeliness or 0), -(t.compliance or 0), -(t.completeness or 0))

    @property
    def sent_nothing(self) -> bool:
        """Handed in no data for the period: no ledger or 790 table of its own, no decision in another's."""
        return not self.has_file and self.total.records == 0

@dataclass
class PeriodReport:
    year: int
    months: list[int]
    label: str  # 2026年第3季度 / 2026年度
    unit: str
    today: dt.date
    threshold: float = DEFAULT_THRESHOLD
    roster: str | None = None
    register: submissions.Register | None = None
    monthly: dict[int, MonthlyReport] = field(default_factory=dict)
    # month → (the month recomputed at the bulletin's statistics date, the records changed) when it differs
    recomputed: dict = field(default_factory=dict)
    choice: submissions.DataChoice | None = None
    total: Figures = field(default_factory=Figures)
    departments: dict[str, Department] = field(default_factory=dict)
    versions: list = field(default_factory=list)  # submissions.Versions
    files: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    unread: list[dict] = field(default_factory=list)  # every file not read, with reason and department (inputs.py)
    missing_years: list[int] = field(default_factory=list)

    def ranked(self) -> list[Department]:
        # departments are held in the roster's order (else by name): a tie keeps it (sorted is stable)
        return sorted((d for d in self.departments.values() if d.rank is not None), key=lambda d: d.rank or 0)

    def unranked(self) -> list[Department]:
        """The departments not ranked: those that sent data first, then those that sent nothing."""
        return sorted((d for d in self.departments.values() if d.rank is None), key=lambda d: d.sent_nothing)

    def below_threshold(self) -> list[Department]:
        return [d for d in self.ranked() if d.total.timeliness is not None and d.total.timeliness < self.threshold]

    def unread_units(self) -> list[str]:
        return [d.name for d in self.departments.values() if d.unread]

    def nothing_reported(self) -> list[Department]:
        return [d for d in self.departments.values() if d.total.records == 0]

    def no_plan(self) -> list[Department]:
        if self.register is None:  # unknown without the register (said in the notes)
            return []
        return [d for d in self.departments.values() if d.in_roster and not d.plan_in_place]

    def no_liaison(self) -> list[Department]:
        return [d for d in self.departments.values() if d.in_roster and not d.liaison_in_place]

    def no_catalog(self) -> list[Department]:
        return [d for d in self.departments.values() if d.in_roster and not d.catalog_in_place]

    def late_reports(self) -> list[Department]:
        return [d for d in self.departments.values()
                if any(r.status in (LATE_REPORT, MISSING_REPORT) for r in d.reports.values())]

def _r(x):
    return None if x is None else round(x, 4)


def quarter_months(q: int) -> list[int]:
    return [3 * q - 2, 3 * q - 1, 3 * q]


def _same(a, b) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def collect(year: int, months: list[int], label: str, paths: list, *, roster=None, register=None,
            unit: str | None = None, today: dt.date | None = None, holidays: str | None = None,
            provisional: bool = False, report_day: int = REPORT_DAY, threshold: float = DEFAULT_THRESHOLD,
            as_reported: bool = False) -> PeriodReport:
    """The period's report from the inputs in `paths`: validated once, the data chosen once
    (submissions.choose), each month built by monthly.build. `as_reported`: each month at its own statistics
    date (validated again at that date), the bulletin's date beside it when the figures differ."""
    from sgs_cli.reports import monthly as monthly_report
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.reports.submissions import annexes, choose
    from sgs_cli.validation.engine import ValidateOptions, validate_paths
    from sgs_cli.calendar.workdays import WorkCalendar

    today = today or dt.date.today()
    rep = PeriodReport(year, months, label, unit or "", today, threshold,
                       roster=roster.path if roster is not None else None, register=register)
    skip = [p for p in ((roster.path if roster is not None else None), (register.path if register is not None else None)) if p]
    inputs = [str(p) for p in find_inputs([str(p) for p in paths])
              if not any(_same(p, s) for s in skip)]
    cal = WorkCalendar.load(holidays, provisional=provisional)
    opts = ValidateOptions(today=today, keep_records=True, calendar=cal, holidays=holidays, provisional=provisional)
    result = validate_paths(inputs, opts)
    rep.unread = unread_files(paths, result, roster)
    result.files = [fr for fr in result.files if not fr.sgs_output]  # reports of earlier runs in the folder
    choice = rep.choice = choose(result, roster)
    rep.versions, owners, keep = choice.versions, choice.owners, choice.files
    rep.files = [fr.path for fr in result.files if not fr.error and fr.path in keep]
    by_date = {today: result}

    def build(m: int, when: dt.date) -> MonthlyReport:
        if when not in by_date:  # the month as it was reported: the data validated at its statistics date
            by_date[when] = validate_paths(inputs, ValidateOptions(
                today=when, keep_records=True, calendar=cal, holidays=holidays, provisional=provisional))
            by_date[when].files = [fr for fr in by_date[when].files if not fr.sgs_output]
        return monthly_report.build((year, m), keep, unit=unit, report_day=report_day, today=when, holidays=holidays,
                                    roster=roster, provisional=provisional, validated=by_date[when], choice=choice)
    for m in months:
        when = min(statistics_date(year, m, report_day), today) if as_reported else today
        rep.monthly[m] = build(m, when)
        if when != today:
            now = build(m, today)
            changes = recomputation(rep.monthly[m], now)
            if changes is not None:
                rep.recomputed[m] = (now, changes)
    first = rep.monthly[months[0]]
    rep.unreadable = first.unreadable
    rep.missing_years = sorted({y for mr in rep.monthly.values() for y in mr.missing_years})
    rep.total = sum_figures(mr.total for mr in rep.monthly.values())
    names = list(roster.names) if roster is not None else []
    if roster is not None:  # departments in the data but not in the roster: shown, marked, not ranked apart
        others = sorted({n for mr in rep.monthly.values() for n in mr.not_in_roster})
    else:
        others = sorted({n for mr in rep.monthly.values() for n in mr.departments})
    d: Department | None
    for n in names + others:
        d = rep.departments[n] = Department(n, in_roster=roster is None or n in names)
        for m, mr in rep.monthly.items():
            d.months[m] = mr.departments.get(n, Figures())
            if n in mr.missing_units:  # handed in nothing for the month (monthly.build's rule)
                d.missing_months.append(m)
            elif d.months[m].records == 0:  # 零报送: handed in data, no decision in the month
                d.zero_months.append(m)
        d.total = sum_figures(d.months.values())
        d.files = sorted(Path(p).name for p, o in owners.items() if o == n and p in keep)
        d.has_file = bool(d.files)
    for n in sorted({i["department"] for i in rep.unread if i["department"]}):
        d = rep.departments.get(n)
        if d is None:  # known only from the name of a file that could not be read
            d = rep.departments[n] = Department(n, in_roster=roster is None)
            d.months = {m: Figures() for m in months}
            d.zero_months = list(months)
        d.unread = d.total.records == 0
    found = annexes(choice.apply(result), roster)
    by_key = _departments_by_key(rep.departments)
    for (n, kind), a in found.items():
        d = rep.departments.get(n) or by_key.get(department_key(n))  # 县市场监管局's list, no roster
        if d is None:
            continue
        if kind == "liaison":
            d.liaison = a
        else:
            d.catalog = a
    for d in rep.departments.values():
        d.registered = register is not None
    if register is not None:
        rows_by_key = _departments_by_key(register.rows)
        for n, d in rep.departments.items():
            row = register.rows.get(n) or rows_by_key.get(department_key(n))
            if row is None:
                continue
            d.register_row = row.row
            d.plan, d.progress = row.get("GZFA"), row.get("TJJH")
            d.liaison_registered, d.catalog_registered, d.catalog_updated = row.get("LLY"), row.get("MLBS"), row.get("MLGX")
        for n, d in rep.departments.items():
            if not d.in_roster:
                continue
            row = register.rows.get(n) or rows_by_key.get(department_key(n))
            for m in months:
                d.reports[m] = month_report(register, row.unit if row else n, year, m, cal, report_day, today)
    _rank(rep)
    return rep


def _departments_by_key(named: dict) -> dict:
    """key (standard/departments.department_key) → the entry of ``named`` (name → entry), for the keys only
    one name has."""
    out, seen = {}, Counter(department_key(n) for n in named)
    for n, v in named.items():
        if seen[department_key(n)] == 1:
            out[department_key(n)] = v
    return out
def statistics_date(year: int, month: int, report_day: int = REPORT_DAY) -> dt.date:
    """A month's statistics date: the report day of the next month (the 15th unless told otherwise), the last
    day of that month when it has fewer days."""
    import calendar

    y, m = (year + 1, 1) if month == 12 else (year, month + 1)
    return dt.date(y, m, min(report_day, calendar.monthrange(y, m)[1]))


@dataclass
class Change:
    """A record of a month whose status or check result is not what it was when the month was reported."""

    wsh: str  # its 决定书文号 ("" when it has none)
    what: str  # "added" (counted now, not then), "dropped" (counted then, not now), "status", "valid"
    before: str | bool | None = None  # the status text then, or whether it passed
    after: str | bool | None = None


def recomputation(then: MonthlyReport, now: MonthlyReport) -> list[Change] | None:
    """What differs between a month as reported (`then`) and recomputed later (`now`): None when the figures
    are the same; else the records whose status (or check result) changed, possibly none (its words:
    render/quarterly_text.recomputation_text)."""
    a, b = then.total.to_dict(), now.total.to_dict()
    if a == b and {k: v.to_dict() for k, v in then.departments.items()} == {k: v.to_dict() for k, v in now.departments.items()}:
        return None
    old = {(d.file, d.sheet, d.row): d for d, _ in then.counted}
    changes = []
    for d, _ in now.counted:
        o = old.pop((d.file, d.sheet, d.row), None)
        if o is None:
            changes.append(Change(d.wsh, "added"))
        elif o.status != d.status:
            changes.append(Change(d.wsh, "status", o.status_text, d.status_text))
        elif o.valid != d.valid:
            changes.append(Change(d.wsh, "valid", o.valid, d.valid))
    return changes + [Change(o.wsh, "dropped") for o in old.values()]


def month_report(register, unit: str, year: int, month: int, cal, report_day: int, today: dt.date) -> MonthReport:
    """The 月报告 of `unit` for `month` as the register says: due on the report day of the next month, or the
    next working day when that day is not one (民法典 第二百零三条)."""
    info = cal.report_due((year, month), report_day)
    due = info.after if (info.is_workday is False and info.after) else info.due
    row = register.rows.get(unit)
    got = row.month(month) if row is not None else None
    where = register.where(unit, f"YB{month:02d}")
    if got is not None:
        return MonthReport(month, due, got, ON_TIME_REPORT if got <= due else LATE_REPORT, where)
    return MonthReport(month, due, None, MISSING_REPORT if today > due else NOT_DUE_REPORT, where)


def _rank(rep: PeriodReport) -> None:
    ranked = sorted((d for d in rep.departments.values() if d.total.timeliness is not None),
                    key=lambda d: d.rank_key())  # equal keys: the roster's order
    prev, rank = None, 0
    for i, d in enumerate(ranked, start=1):
        if d.rank_key() != prev:
            rank, prev = i, d.rank_key()
        d.rank = rank


# ------------------------------------------------------------------------------------ the commands' front


def prepare_and_collect(year, months, label, paths, target, *, roster=None, register=None, force=False, today=None,
                        threshold=DEFAULT_THRESHOLD, unit=None, report_day=REPORT_DAY, holidays=None,
                        provisional=False, as_reported=False) -> PeriodReport:
    """The shared front of the quarterly and annual commands: refuse to replace an output, read the roster and
    register (exit 3 when unreadable), collect; an unreadable input stops the report (exit 3)."""
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.reports.roster import read_roster
    from sgs_cli.reports.submissions import read_register
    from sgs_cli.io.source import is_sgs_output
    from sgs_cli.io.write import refuse_existing

    # the output of an earlier run among the inputs may be replaced (--force): only that file's first row is read
    inputs = [p for p in find_inputs([str(p) for p in paths])
              if not (p.resolve() == Path(target).resolve() and is_sgs_output(p))]
    refuse_existing([target], force, inputs=inputs + [Path(p) for p in (roster, register) if p])
    today = today or dt.date.today()
    names = read_roster(roster) if roster is not None else None
    reg = read_register(register, names, today=today, holidays=str(holidays) if holidays else None,
                        provisional=provisional) if register is not None else None
    rep = collect(year, months, label, [str(p) for p in paths], roster=names, register=reg, unit=unit, today=today,
                  holidays=str(holidays) if holidays else None, provisional=provisional, report_day=report_day,
                  threshold=threshold, as_reported=as_reported)
    if rep.unreadable and not rep.files:  # nothing could be read: no report
        from sgs_cli.errors import InputError
        raise InputError("以下文件无法读取，未生成报告：" + "；".join(rep.unreadable), "请修复或移除这些文件后重试")
    return rep  # a file that could not be read among others is listed in it (rep.unread, 文件无法读取)
