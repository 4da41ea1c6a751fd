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
ranked, with its reason (未报送, 零报送, 无法判定及时性, 无应报送决定 …: :meth:`Department.unranked_reason`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

from sgs_cli.errors import UsageError
from sgs_cli.reports.inputs import UNREAD_STATUS, unread_files, unread_summary
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


def pct(x) -> str:
    return "—" if x is None else f"{x:.2%}"


@dataclass
class MonthReport:
    """A department's 月报告 of one month, as the register says."""

    month: int
    due: dt.date  # the day it counts as on time (next working day when the due date is not one)
    received: dt.date | None
    status: str  # 按时 / 逾期 / 未收到 / 未到期
    where: str = ""

    def text(self) -> str:
        if self.received:
            return f"{self.status}（{self.received:%m-%d}收到）"
        return self.status

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

    def plan_text(self, which: str) -> str:
        d = self.plan if which == "plan" else self.progress
        if not self.registered:
            return "—（无登记表）"
        return f"已报送 {d:%Y-%m-%d}" if d else "未报送"

    def liaison_text(self) -> str:
        a = self.liaison
        if a is not None:
            return ("有效" if a.valid else "有错误：" + a.result_text()) + f"（{Path(a.file).name}）"
        if self.liaison_registered:
            return f"已登记 {self.liaison_registered:%Y-%m-%d}（未提供名单文件）"
        return "未报送"

    def liaison_problem(self) -> str:
        """Why the liaison system is not in place (for the named list)."""
        a = self.liaison
        if a is None:
            return "未报送" if self.registered else "输入文件中没有，未提供报送登记表"
        if not a.valid:
            return "名单" + a.result_text()
        return "第1位联络员信息不完整，缺" + "、".join(a.lead_missing or ())

    def lead_text(self) -> str:
        a = self.liaison
        if a is None:
            return "—"
        return "是" if a.lead_complete else "否（缺" + "、".join(a.lead_missing or ()) + "）"

    def catalog_text(self) -> str:
        a = self.catalog
        if a is not None:
            return f"有（{Path(a.file).name}，{len(a.rows)} 项）"
        if self.catalog_registered:
            return f"已登记 {self.catalog_registered:%Y-%m-%d}（未提供目录文件）"
        return "无"

    def catalog_check_text(self) -> str:
        return "—" if self.catalog is None else self.catalog.result_text()

    def reports_due(self) -> list[MonthReport]:
        return [r for m, r in sorted(self.reports.items()) if r.status != NOT_DUE_REPORT]

    def reports_on_time(self) -> int:
        return sum(1 for r in self.reports.values() if r.status == ON_TIME_REPORT)

    def reports_text(self) -> str:
        due = self.reports_due()
        if not self.reports:
            return "—"
        return f"{self.reports_on_time()}/{len(due)}" if due else "未到期"

    def rank_key(self):
        t = self.total
        return (-(t.timeliness or 0), -(t.compliance or 0), -(t.completeness or 0))

    @property
    def sent_nothing(self) -> bool:
        """Handed in no data for the period: no ledger or 790 table of its own, no decision in another's."""
        return not self.has_file and self.total.records == 0

    def months_text(self) -> str:
        """“8月零报送”, “7月、8月、9月未报送”, or “无”."""
        parts = [("、".join(f"{m}月" for m in ms) + what) for ms, what in ((self.zero_months, "零报送"),
                                                                         (self.missing_months, "未报送")) if ms]
        return "；".join(parts) or "无"

    def unranked_reason(self) -> str:
        """Why a department without 及时率 is not ranked."""
        from sgs_cli.reports import decisions

        t = self.total
        if self.unread:  # its file could not be read: what it holds is unknown, neither 未报送 nor 零报送
            return f"{UNREAD_STATUS}（不计为零报送或未报送）"
        if self.sent_nothing:
            return "未报送（本期没有报送任何数据）"
        if t.records == 0:
            return "零报送（本期没有决定）"
        if t.needs_calendar:
            return f"及时率待定（{t.needs_calendar} 条需要节假日安排）"
        if t.count(decisions.NO_REPORT_DATE):
            return f"无法判定及时性（{t.count(decisions.NO_REPORT_DATE)} 条决定没有报送日期）"
        return "无应报送决定（" + "，".join(f"{s.label} {t.count(s.key)} 条" for s in decisions.STATUSES
                                      if t.count(s.key)) + "）"

    def to_dict(self) -> dict:
        return {"department": self.name, "in_roster": self.in_roster, "rank": self.rank, "has_file": self.has_file,
                "unreadable_file": self.unread,
                "files": self.files,
                "work_plan": self.plan.isoformat() if self.plan else None,
                "progress_plan": self.progress.isoformat() if self.progress else None,
                "plan_in_place": self.plan_in_place,
                "liaison": self.liaison.to_dict() if self.liaison is not None else None,
                "liaison_registered": self.liaison_registered.isoformat() if self.liaison_registered else None,
                "liaison_in_place": self.liaison_in_place,
                "catalog": self.catalog.to_dict() if self.catalog is not None else None,
                "catalog_registered": self.catalog_registered.isoformat() if self.catalog_registered else None,
                "catalog_updated": self.catalog_latest.isoformat() if self.catalog_latest else None,
                "catalog_in_place": self.catalog_in_place,
                "total": self.total.to_dict(),
                "months": {f"{m:02d}": f.to_dict() for m, f in sorted(self.months.items())},
                "zero_months": self.zero_months, "missing_months": self.missing_months,
                "unranked_reason": None if self.rank is not None else self.unranked_reason(),
                "monthly_reports": [r.to_dict() for _, r in sorted(self.reports.items())],
                "monthly_reports_on_time": self.reports_on_time(), "monthly_reports_due": len(self.reports_due())}


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
    # month → (the month recomputed at the bulletin's statistics date, what changed) when it differs
    recomputed: dict = field(default_factory=dict)
    choice: submissions.DataChoice | None = None
    total: Figures = field(default_factory=Figures)
    departments: dict[str, Department] = field(default_factory=dict)
    versions: list = field(default_factory=list)  # submissions.Versions
    files: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    unread: list[dict] = field(default_factory=list)  # every file not read, with reason and department (inputs.py)
    missing_years: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def span(self) -> str:
        import calendar

        a, b = self.months[0], self.months[-1]
        return f"{self.year}年{a}月1日至{b}月{calendar.monthrange(self.year, b)[1]}日"

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

    def lists(self) -> list[tuple[str, str, list[str]]]:
        """(key, Chinese heading, entries) of the lists a bulletin names."""
        def late(d):
            bad = [f"{r.month}月{r.status}" for _, r in sorted(d.reports.items()) if r.status in (LATE_REPORT, MISSING_REPORT)]
            return f"{d.name}（{'、'.join(bad)}）"

        def nothing(d):
            if d.unread:
                return d.name + f"（{UNREAD_STATUS}）"
            return d.name + ("（未报送）" if d.sent_nothing else f"（{d.months_text()}）")

        return [
            ("below_threshold", f"及时率低于{self.threshold:.0%}的部门",
             [f"{d.name}（{d.total.timeliness_text(self.missing_years)}）" for d in self.below_threshold()]),
            ("nothing_reported", "本期没有任何决定的部门（未报送或零报送）", [nothing(d) for d in self.nothing_reported()]),
            ("no_plan", "未报送工作方案或推进计划的部门" + ("" if self.register is not None else "（未提供报送登记表，无法统计）"),
             [d.name for d in self.no_plan()]),
            ("no_liaison", "联络员制度未建立或名单不完整的部门", [f"{d.name}（{d.liaison_problem()}）" for d in self.no_liaison()]),
            ("no_catalog", "事项目录未报送或未通过校验的部门",
             [d.name + (f"（{d.catalog_check_text()}）" if d.catalog is not None
                        else "（未报送）" if d.registered else "（输入文件中没有，未提供报送登记表）")
              for d in self.no_catalog()]),
            ("late_monthly_reports", "月报告未按时报送的部门", [late(d) for d in self.late_reports()]),
        ]

    def to_dict(self) -> dict:
        return {"period": self.label, "year": self.year, "months": self.months, "unit": self.unit,
                "report_date": self.today.isoformat(), "threshold": self.threshold, "roster": self.roster,
                "register": self.register.to_dict() if self.register is not None else None,
                "files": self.files, "versions": [v.to_dict() for v in self.versions],
                "unread_files": [{k: v for k, v in i.items() if k != "read_error"} for i in self.unread],
                "unread_units": self.unread_units(),
                "data": self.choice.to_dict() if self.choice is not None else None,
                "months_as_reported": {f"{m:02d}": r.report_date.isoformat() for m, r in sorted(self.monthly.items())},
                "recomputed": {f"{m:02d}": {"report_date": self.today.isoformat(), "total": r.total.to_dict(),
                                            "reason": why} for m, (r, why) in sorted(self.recomputed.items())},
                "total": self.total.to_dict(),
                "months_total": {f"{m:02d}": r.total.to_dict() for m, r in sorted(self.monthly.items())},
                "departments": [d.to_dict() for d in self.departments.values()],
                "ranking": [{"rank": d.rank, "department": d.name, "timeliness": _r(d.total.timeliness),
                             "compliance": _r(d.total.compliance), "completeness": _r(d.total.completeness)}
                            for d in self.ranked()],
                "unranked": [{"department": d.name, "reason": d.unranked_reason()} for d in self.unranked()],
                "lists": {k: v for k, _, v in self.lists()}, "notes": self.notes}


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
            provisional: bool = False, report_day: int = 15, threshold: float = DEFAULT_THRESHOLD,
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
            why = recomputation(rep.monthly[m], now)
            if why:
                rep.recomputed[m] = (now, why)
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
    rep.notes = _notes(rep)
    return rep


def _departments_by_key(named: dict) -> dict:
    """key (standard/departments.department_key) → the entry of ``named`` (name → entry), for the keys only
    one name has."""
    out, seen = {}, Counter(department_key(n) for n in named)
    for n, v in named.items():
        if seen[department_key(n)] == 1:
            out[department_key(n)] = v
    return out
def statistics_date(year: int, month: int, report_day: int = 15) -> dt.date:
    """A month's statistics date: the report day of the next month (the 15th unless told otherwise), the last
    day of that month when it has fewer days."""
    import calendar

    y, m = (year + 1, 1) if month == 12 else (year, month + 1)
    return dt.date(y, m, min(report_day, calendar.monthrange(y, m)[1]))


def recomputation(then: MonthlyReport, now: MonthlyReport) -> str:
    """What differs between a month as reported (`then`) and recomputed later (`now`): "" when the figures
    are the same; else the figures and the records whose status (or check result) changed."""
    a, b = then.total.to_dict(), now.total.to_dict()
    if a == b and {k: v.to_dict() for k, v in then.departments.items()} == {k: v.to_dict() for k, v in now.departments.items()}:
        return ""
    old = {(d.file, d.sheet, d.row): d for d, _ in then.counted}
    changes = []
    for d, _ in now.counted:
        o = old.pop((d.file, d.sheet, d.row), None)
        if o is None:
            changes.append(f"{d.wsh or '（无文号）'} 新增")
        elif o.status != d.status:
            changes.append(f"{d.wsh or '（无文号）'} {o.status_text}→{d.status_text}")
        elif o.valid != d.valid:
            changes.append(f"{d.wsh or '（无文号）'} " + ("通过校验→未通过" if o.valid else "未通过校验→通过"))
    changes += [f"{o.wsh or '（无文号）'} 不再计入" for o in old.values()]
    rates = (f"及时率 {then.total.timeliness_text(then.missing_years)}→{now.total.timeliness_text(now.missing_years)}，"
             f"合规率 {pct(then.total.compliance)}→{pct(now.total.compliance)}")
    return (f"{then.period}月报告按统计日 {then.report_date:%Y-%m-%d} 计算；按本期统计日 {now.report_date:%Y-%m-%d} "
            f"重算：{rates}" + (f"（{len(changes)} 条记录变化：" + "；".join(changes[:6])
                                + ("等" if len(changes) > 6 else "") + "）" if changes else "")
            + "。本通报各月数字按月报告统计日，不随之后的报送改变")


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


def _notes(rep: PeriodReport) -> list[str]:
    out = rep.choice.notes() if rep.choice is not None else [v.text() for v in rep.versions]
    out += [why for _, why in sorted(rep.recomputed.values(), key=lambda x: x[0].month)]
    if rep.roster is None:
        out.append("未提供单位名单（--roster）：只列出输入文件中出现的部门，没有报送文件的部门无法列出")
    if rep.register is None:
        out.append("未提供报送登记表（--register）：工作方案、推进计划和月报告的报送情况无法统计")
    else:
        unknown = [f for f in rep.register.findings if f.code == "REGISTER_UNIT_UNKNOWN"]
        if unknown:
            out.append("报送登记表中以下单位不在单位名单中，未计入：" + "、".join(str(f.value) for f in unknown))
        if rep.register.errors:
            out.append(f"报送登记表有 {rep.register.errors} 处错误（见“报送情况”表下方），请核对后重新生成")
    for mr in rep.monthly.values():
        for n in mr.notes:
            if n.startswith("“") and n not in out:  # departments named after a file name
                out.append(n)
    for mr in rep.monthly.values():
        for n in mr.calendar_notes:
            if n not in out:
                out.append(n)
    return out


# ------------------------------------------------------------------------------------ the bulletin


def bulletin_text(rep: PeriodReport) -> list[str]:
    """The draft 通报 (paragraphs): the figures of the period, the items in place, the named lists and the
    ranking — to be edited and signed by the office."""
    t = rep.total
    ds = [d for d in rep.departments.values() if d.in_roster]
    n = len(ds)
    yrs = rep.missing_years
    lists = {k: (title, v) for k, title, v in rep.lists()}

    def named(key, none="无"):
        return "、".join(lists[key][1]) or none

    months_text = "，".join(f"{m}月 {rep.monthly[m].total.records} 件（及时率 {rep.monthly[m].total.timeliness_text(yrs)}）"
                           for m in rep.months)
    plans = sum(1 for d in ds if d.plan)
    progress_only = sum(1 for d in ds if not d.plan and d.progress)
    liaison = sum(1 for d in ds if d.liaison_in_place)
    catalog = sum(1 for d in ds if d.catalog_in_place)
    reports_due = sum(len(d.reports_due()) for d in ds)
    reports_ok = sum(d.reports_on_time() for d in ds)
    top = rep.ranked()[:3]
    out = [
        f"关于{rep.label}“双公示”工作情况的通报（草稿）",
        "各有关部门：",
        f"按照《郑州市发展和改革委员会关于进一步做好行政许可和行政处罚等信用信息公示工作的通知》（郑发改财贸〔2019〕773号）"
        f"“月报告、季通报、年考核”的要求，现将{rep.label}（{rep.span}）“双公示”工作情况通报如下。",
        f"一、信息报送情况。本期 {n} 个应报送部门共作出行政许可决定 {t.licence} 件、行政处罚决定 {t.penalty} 件"
        + (f"、未分类决定 {t.unclassified} 件" if t.unclassified else "")
        + f"，合计 {t.records} 件（{months_text}）。按时报送 {t.count('on_time')} 件，逾期报送 {t.count('late')} 件，"
        f"逾期未报送 {t.count('overdue')} 件，及时率 {t.timeliness_text(yrs)}（行政许可 {pct(t.licence_timeliness)}，"
        f"行政处罚 {pct(t.penalty_timeliness)}）；合规率 {pct(t.compliance)}，完整率 {pct(t.completeness)}。",
        "二、工作方案、推进计划和联络员制度。"
        + (f"{plans} 个部门已报送工作方案，{progress_only} 个部门报送了工作推进计划，未报送的部门：{named('no_plan')}。"
           if rep.register is not None else "（未提供报送登记表，工作方案、推进计划报送情况待补充。）")
        + f"{liaison} 个部门联络员名单有效且第1位联络员信息完整，"
        f"未建立或不完整的部门：{named('no_liaison')}。{catalog} 个部门事项目录已报送并通过校验，"
        f"未报送或未通过校验的部门：{named('no_catalog')}。",
        (f"三、月报告报送情况。本期应报送月报告 {reports_due} 份，按时收到 {reports_ok} 份；"
         f"未按时报送的部门：{named('late_monthly_reports')}。" if rep.register is not None
         else "三、月报告报送情况。（未提供报送登记表，待补充。）"),
        f"四、需要关注的部门。及时率低于{rep.threshold:.0%}的部门：{named('below_threshold')}；"
        f"本期没有任何决定的部门（未报送或零报送）：{named('nothing_reported')}。",
        "五、排名。按及时率（相同时依次比较合规率、完整率）排名，前三名："
        + ("、".join(f"第{d.rank}名 {d.name}（{pct(d.total.timeliness)}）" for d in top) or "无")
        + "。" + "".join(f"{d.name}不排名（{d.unranked_reason()}）。" for d in rep.unranked() if d.in_roster)
        + "各部门排名见“排名”表。",
        "请以上被点名的部门对照本通报查找原因，补报逾期未报送的信息，补齐工作方案（推进计划）、联络员名单和事项目录，"
        "并于下月报送日前将整改情况报送。",
    ]
    return out


def summary_lines(rep: PeriodReport) -> list[str]:
    """What the command prints after writing the workbook."""
    t = rep.total
    yrs = rep.missing_years
    lines = [f"{rep.unit + ' ' if rep.unit else ''}{rep.label}：决定 {t.records}（许可 {t.licence}，处罚 {t.penalty}）；"
             f"及时率 {t.timeliness_text(yrs)}（许可 {pct(t.licence_timeliness)}，处罚 {pct(t.penalty_timeliness)}），"
             f"合规率 {pct(t.compliance)}（一次通过率 {pct(t.first_pass_rate)}，重报 {t.resubmissions} 次），"
             f"完整率 {pct(t.completeness)}"]
    lines += [f"  {m}月：决定 {rep.monthly[m].total.records}，及时率 {rep.monthly[m].total.timeliness_text(yrs)}"
              + (f"（统计日 {rep.monthly[m].report_date:%m-%d}；按本期统计日重算 "
                 f"{rep.recomputed[m][0].total.timeliness_text(yrs)}）" if m in rep.recomputed else "")
              for m in rep.months]
    lines.append("排名：" + ("；".join(f"{d.rank}. {d.name} {pct(d.total.timeliness)}" for d in rep.ranked()) or "无"))
    lines += [f"  不排名：{d.name}（{d.unranked_reason()}）" for d in rep.unranked()]
    for _, title, entries in rep.lists():
        lines.append(f"{title}：" + ("、".join(entries) or "无"))
    lines += [f"说明：{n}" for n in rep.notes]
    lines += unread_summary(rep.unread, rep.unread_units())
    return lines


def prepare_and_collect(year, months, label, paths, target, *, roster=None, register=None, force=False, today=None,
                        threshold=DEFAULT_THRESHOLD, unit=None, report_day=15, holidays=None,
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
