"""`sgs monthly-report --month 2019-11`: the monthly 双公示 report (月报告, 郑发改财贸〔2019〕773号) filled
from ledgers and 790 sheets.

Figures (each defined once, here; the README repeats the formulas):

* 许可决定数 / 处罚决定数: records whose decision date is in the month.
* 按时报送 / 逾期报送 / 未到期未报送 / 已逾期未报送: status of each record as of the statistics date
  (--today), see decisions.py. A record decided at the end of the month whose 7-working-day deadline
  falls in the next month and is not yet due is 未到期, not late.
* 及时率 = 按时报送 ÷ (按时报送 + 逾期报送 + 已逾期未报送).
* 需要节假日安排: records whose status needs a year without holiday data (decisions.NEEDS_CALENDAR). They
  are counted in the totals; while there are any, 及时率 is 待定 (shown with the range it will fall in).
* 合规率 = 通过校验的记录数 ÷ 记录数 (a record passes when no error finding is on its row).
* 完整率 = 已填写的必填项数 ÷ 必填项总数 (over the always-required columns present).
* 重复记录数: records flagged DUPLICATE_RECORD, DUPLICATE_WSH or DUPLICATE_ACROSS_FILES.
* A 790 record and a 附件2 ledger row with the same 决定书文号 and decision date are one decision
  (merge_ledgers): the ledger supplies the 报送日期. A 790 record without a ledger row has no 报送日期.
* 零报送单位: units that appear in the inputs (departments of any record, or the file of a ledger
  without a department column) with no decision in the month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import decisions as D
from .findings import ERROR
from .validate import ValidateOptions, validate_paths
from .workcal import ReportDue, WorkCalendar

DUP_CODES = {"DUPLICATE_RECORD", "DUPLICATE_WSH", "DUPLICATE_ACROSS_FILES"}


def default_month(today: dt.date | None = None) -> tuple[int, int]:
    today = today or dt.date.today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


@dataclass
class Figures:
    licence: int = 0
    penalty: int = 0
    unclassified: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0
    overdue: int = 0
    unknown: int = 0
    needs_calendar: int = 0  # status needs a missing calendar year
    provisional: int = 0  # status counted with a provisional (暂定) calendar year
    valid: int = 0
    filled: int = 0
    required: int = 0
    duplicates: int = 0

    @property
    def records(self) -> int:
        return self.licence + self.penalty + self.unclassified

    @property
    def timeliness(self) -> float | None:
        if self.needs_calendar:  # not known yet: see timeliness_text
            return None
        due = self.on_time + self.late + self.overdue
        return self.on_time / due if due else None

    def timeliness_text(self, years=()) -> str:
        return D.rate_text(self.timeliness, self.on_time, self.late, self.overdue, self.needs_calendar, years,
                           self.provisional)

    @property
    def compliance(self) -> float | None:
        return self.valid / self.records if self.records else None

    @property
    def completeness(self) -> float | None:
        return self.filled / self.required if self.required else None

    def add(self, d: D.Decision, duplicate: bool) -> None:
        if d.kind == "license":
            self.licence += 1
        elif d.kind == "penalty":
            self.penalty += 1
        else:
            self.unclassified += 1
        attr = {D.ON_TIME: "on_time", D.LATE: "late", D.PENDING: "pending", D.OVERDUE: "overdue",
                D.NEEDS_CALENDAR: "needs_calendar"}.get(d.status, "unknown")
        setattr(self, attr, getattr(self, attr) + 1)
        self.provisional += d.provisional
        self.valid += d.valid
        self.filled += d.filled
        self.required += d.required
        self.duplicates += duplicate

    def to_dict(self) -> dict:
        r = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {"许可决定数": self.licence, "处罚决定数": self.penalty, "未分类": self.unclassified,
                "记录数": self.records, "按时报送": self.on_time, "逾期报送": self.late, "未到期未报送": self.pending,
                "已逾期未报送": self.overdue, "无法计算": self.unknown, "需要节假日安排": self.needs_calendar,
                "暂定": self.provisional, "及时率": r(self.timeliness),
                "合规率": r(self.compliance), "完整率": r(self.completeness), "重复记录数": self.duplicates}


@dataclass
class MonthlyReport:
    year: int
    month: int
    unit: str
    report_date: dt.date
    due: dt.date
    due_is_workday: bool | None
    total: Figures = field(default_factory=Figures)
    departments: dict[str, Figures] = field(default_factory=dict)
    zero_units: list[str] = field(default_factory=list)
    late_items: list[dict] = field(default_factory=list)
    problem_items: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # "file：reason" of inputs that could not be read
    blank: bool = False
    due_info: ReportDue | None = None  # the due date with what the calendar says about it
    undetermined_items: list[dict] = field(default_factory=list)  # records that need a missing calendar year
    missing_years: list[int] = field(default_factory=list)
    provisional_years: list[int] = field(default_factory=list)
    calendar_notes: list[str] = field(default_factory=list)

    @property
    def timeliness_text(self) -> str:
        return self.total.timeliness_text(self.missing_years)

    @property
    def period(self) -> str:
        return f"{self.year}年{self.month}月"

    def to_dict(self) -> dict:
        return {"month": f"{self.year}-{self.month:02d}", "unit": self.unit, "report_date": self.report_date.isoformat(),
                "due_date": self.due.isoformat(), "blank": self.blank, "files": self.files,
                "total": self.total.to_dict(), "departments": {k: v.to_dict() for k, v in self.departments.items()},
                "zero_units": self.zero_units, "late": self.late_items, "problems": self.problem_items,
                "due": self.due_info.to_dict() if self.due_info else None,
                "timeliness_text": self.timeliness_text, "undetermined": self.undetermined_items,
                "calendar": {"needs_calendar_records": self.total.needs_calendar, "missing_years": self.missing_years,
                             "provisional_records": self.total.provisional,
                             "provisional_years": self.provisional_years, "notes": self.calendar_notes}}


def build(ym: tuple[int, int], paths: list, *, unit: str | None = None, report_day: int = 15,
          today: dt.date | None = None, holidays: str | None = None, provisional: bool = False) -> MonthlyReport:
    today = today or dt.date.today()
    cal = WorkCalendar.load(holidays, provisional=provisional)
    due_info = cal.report_due(ym, report_day)  # never raises: a missing year is named in it
    rep = MonthlyReport(ym[0], ym[1], unit or "", today, due_info.due, due_info.is_workday, due_info=due_info)
    if not paths:
        rep.blank = True
        rep.unit = unit or "（填报单位）"
        return rep
    opts = ValidateOptions(today=today, keep_records=True, calendar=cal, holidays=holidays, provisional=provisional)
    result = validate_paths(paths, opts)
    items = []  # (decision, duplicate?, error findings on its row(s), file name)
    for fr in result.files:
        if fr.error:
            rep.unreadable.append(f"{Path(fr.path).name}：{fr.error}")
            continue
        rep.files.append(fr.path)
        dup_rows = {(sr.sheet, f.row) for sr in fr.sheets for f in sr.findings if f.code in DUP_CODES}
        errors_by_row = defaultdict(list)
        for sr in fr.sheets:
            for f in sr.findings:
                if f.severity == ERROR and f.row and f.row != sr.header_row:
                    errors_by_row[(sr.sheet, f.row)].append(f)
        name = Path(fr.path).name
        for d in D.extract(fr):
            d.department = d.department or unit or (Path(fr.path).stem if d.source == "ledger" else "（未填写机关）")
            errs = [(name, d.sheet, f) for f in errors_by_row.get((d.sheet, d.row), [])]
            items.append((d, (d.sheet, d.row) in dup_rows, errs, name))
    units_seen = {d.department for d, _, _, _ in items}
    active: set[str] = set()
    for d, dup, errs, name in merge_ledgers(items):
        if not d.decided or (d.decided.year, d.decided.month) != ym:
            continue
        D.assess(d, cal, today)
        dept = d.department
        active.add(dept)
        rep.total.add(d, dup)
        rep.departments.setdefault(dept, Figures()).add(d, dup)
        if d.status in (D.LATE, D.OVERDUE):
            rep.late_items.append({"department": dept, "wsh": d.wsh, "title": d.title,
                                   "decision_date": d.decided.isoformat(), "due": d.due_text,
                                   "reported": d.reported.isoformat() if d.reported else "",
                                   "status": d.status_text, "where": f"{name} › {d.sheet} 第{d.row}行"})
        elif d.status == D.NEEDS_CALENDAR:
            rep.undetermined_items.append({"department": dept, "wsh": d.wsh, "title": d.title,
                                           "decision_date": d.decided.isoformat(), "due": d.due_text,
                                           "reported": d.reported.isoformat() if d.reported else "",
                                           "status": d.status_text, "needs_calendar_year": d.missing_year,
                                           "where": f"{name} › {d.sheet} 第{d.row}行"})
        for file, sheet, f in errs:
            rep.problem_items.append({"file": file, "sheet": sheet, "cell": f.cell or f"第{f.row}行",
                                      "department": dept, "wsh": d.wsh, "code": f.code,
                                      "field": f.field_name or "", "message": f.message, "hint": f.hint})
    rep.missing_years = sorted({i["needs_calendar_year"] for i in rep.undetermined_items})
    rep.provisional_years = cal.provisional_years()
    rep.calendar_notes = D.calendar_notes(rep.total.needs_calendar, rep.missing_years, rep.total.provisional,
                                          rep.provisional_years)
    rep.zero_units = sorted(units_seen - active)
    for z in rep.zero_units:
        rep.departments.setdefault(z, Figures())
    if not rep.unit:
        rep.unit = next(iter(active)) if len(active) == 1 else "各部门汇总"
    return rep


def merge_ledgers(items: list) -> list:
    """One entry per decision: a 790 licence/penalty record and the 附件2 ledger row with the same 决定书文号
    are the same decision — the ledger gives the 报送日期, the 790 record the kind and department. The
    merged record passes validation only if both rows do; its required items are those of both rows."""
    from .values import compact_code

    ledger_by_wsh = {}
    for i, (d, _, _, _) in enumerate(items):
        key = compact_code(d.wsh)
        if d.source == "ledger" and key and key not in ledger_by_wsh:
            ledger_by_wsh[key] = i
    used, out = set(), []
    for d, dup, errs, name in items:
        if d.source == "ledger":
            continue
        j = ledger_by_wsh.get(compact_code(d.wsh))
        if j is not None and j not in used and items[j][0].decided == d.decided:
            used.add(j)
            led, ldup, lerrs, _ = items[j]
            d.reported = led.reported
            d.valid = d.valid and led.valid
            d.filled += led.filled
            d.required += led.required
            dup, errs = dup or ldup, errs + lerrs
        out.append((d, dup, errs, name))
    out.extend(items[j] for j, (d, *_rest) in enumerate(items) if d.source == "ledger" and j not in used)
    return out


def write_blank(ym: tuple[int, int], out: Path, unit: str | None = None, report_day: int = 15) -> MonthlyReport:
    rep = build(ym, [], unit=unit, report_day=report_day)
    from .report.monthly import write_workbook

    write_workbook(rep, out, inputs=())
    return rep
