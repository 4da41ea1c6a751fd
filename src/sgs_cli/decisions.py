"""Decisions (one per record) extracted from validated sheets, and their timeliness status.

Shared by `sgs deadlines --ledger` and `sgs monthly-report`, so the status rules and 及时率 are
defined once:

* 按时 (on_time): reported on or before the 7th working day after the decision.
* 逾期 (late): reported after that day ("逾期 N 个工作日" counts working days after the deadline).
* 未到期 (pending): not reported, deadline not yet passed ("剩余 N 个工作日").
* 已逾期未报送 (overdue): not reported and the deadline has passed.
* 无法计算 (unknown): no decision date, or a 报送日期 before the decision.
* 需要YYYY年节假日安排 (needs_calendar): the answer depends on days of a year without holiday data. What
  does not need that year is still decided: a record reported (or, unreported, looked at) while fewer
  than 7 working days have passed is 按时 (未到期) even if the deadline itself lies in the missing year.
* 及时率 = 按时 ÷ (按时 + 逾期 + 已逾期未报送), i.e. on-time reports over the decisions that are due. While
  records need a calendar year the rate is not known: it is None, and :func:`timeliness_bounds` gives
  the range it will fall in once the year is known. Results counted with a provisional calendar
  (``--provisional``) carry ``provisional=True`` and are shown as 暂定.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .findings import ERROR, FileReport
from .workcal import PROVISIONAL_MARK, CalendarDataMissing, WorkCalendar, needs_calendar_text, upgrade_hint

ON_TIME, LATE, PENDING, OVERDUE, UNKNOWN = "on_time", "late", "pending", "overdue", "unknown"
NEEDS_CALENDAR = "needs_calendar"
STATUS_LABEL = {ON_TIME: "按时", LATE: "逾期", PENDING: "未到期", OVERDUE: "已逾期未报送", UNKNOWN: "无法计算",
                NEEDS_CALENDAR: "需要节假日安排"}
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
    missing_year: int | None = None  # needs_calendar: the year whose holiday schedule is missing
    provisional: bool = False  # the status was judged with days of a provisional (暂定) calendar year
    due_provisional: bool = False  # the deadline was counted with days of a provisional year

    @property
    def due_text(self) -> str:
        """The 报送期限 cell: the date, "YYYY-MM-DD（暂定）", or "需要2027年节假日安排"."""
        if self.due is None:
            if self.decided is not None and self.missing_year is not None:
                return needs_calendar_text(self.missing_year)
            return ""
        return self.due.isoformat() + (f"（{PROVISIONAL_MARK}）" if self.due_provisional else "")

    @property
    def status_text(self) -> str:
        text = self._status_text()
        if self.provisional and self.status not in (UNKNOWN, NEEDS_CALENDAR):
            text += f"（{PROVISIONAL_MARK}）"
        return text

    def _status_text(self) -> str:
        if self.status == NEEDS_CALENDAR:
            return needs_calendar_text(self.missing_year) if self.missing_year else STATUS_LABEL[NEEDS_CALENDAR]
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


def _days(fn, *args) -> int | None:
    try:
        return fn(*args)
    except CalendarDataMissing:  # the status is known, only the count of days needs the missing year
        return None


@dataclass
class Judgement:
    """The timeliness of one thing to be done within ``days`` working days of a decision (the report to the
    credit platform; also usable for the website publication)."""

    status: str
    days: int | None = None  # working days late (late/overdue) or left (pending); None if it needs a missing year
    due: dt.date | None = None  # None: the deadline lies in a year without data
    missing_year: int | None = None  # the year whose holiday schedule the deadline (or status) needs
    provisional: bool = False  # the status used days of a provisional (暂定) year
    due_provisional: bool = False  # the deadline used days of a provisional year


def judge(cal: WorkCalendar, decided: dt.date, done: dt.date | None, today: dt.date, days: int = 7) -> Judgement:
    """Status of a thing done on ``done`` (None: not yet, looked at on ``today``) that was due within ``days``
    working days of ``decided`` (``done >= decided``). Only the days up to ``done``/``today`` decide 按时
    and 未到期, so these are known even when the deadline itself lies in a year without data; otherwise
    the status is NEEDS_CALENDAR with the missing year."""
    ref = done if done is not None else today
    try:
        due = cal.add_workdays(decided, days)
    except CalendarDataMissing as e:
        missing = e.year
        try:
            within = cal.is_within_workdays(decided, days, ref)
        except CalendarDataMissing as e2:
            within, missing = False, e2.year
        status = (ON_TIME if done is not None else PENDING) if within else NEEDS_CALENDAR
        return Judgement(status, missing_year=missing, provisional=bool(cal.provisional_between(decided, ref)))
    if done is not None:
        j = Judgement(ON_TIME) if done <= due else Judgement(LATE, _days(cal.workdays_between, due, done))
    elif today <= due:
        j = Judgement(PENDING, _days(cal.workdays_between, today, due))
    else:
        j = Judgement(OVERDUE, _days(cal.workdays_between, due, today))
    j.due = due
    # the status looks at the days up to ref (on time / pending: is ref within the deadline; late /
    # overdue: the deadline, before ref, and the days from it to ref)
    j.provisional = bool(cal.provisional_between(decided, ref))
    j.due_provisional = bool(cal.provisional_between(decided, due))
    return j


def assess(d: Decision, cal: WorkCalendar, today: dt.date, days: int = 7) -> Decision:
    """Fill due/status/days of a decision (see the module docstring)."""
    d.due, d.days, d.missing_year, d.provisional, d.due_provisional = None, None, None, False, False
    if d.decided is None or (d.reported is not None and d.reported < d.decided):
        # no date, or impossible dates (DATE_ORDER): no status rather than a wrong one
        d.status = UNKNOWN
        return d
    j = judge(cal, d.decided, d.reported, today, days)
    d.status, d.days, d.due, d.missing_year = j.status, j.days, j.due, j.missing_year
    d.provisional, d.due_provisional = j.provisional, j.due_provisional
    return d


def timeliness_rate(decisions: list[Decision]) -> float | None:
    """及时率 = 按时 ÷ (按时 + 逾期 + 已逾期未报送); None when nothing is due, and None (not a figure
    that silently leaves them out) while some record needs a missing calendar year."""
    if any(d.status == NEEDS_CALENDAR for d in decisions):
        return None
    on_time = sum(1 for d in decisions if d.status == ON_TIME)
    due = sum(1 for d in decisions if d.status in (ON_TIME, LATE, OVERDUE))
    return on_time / due if due else None


def timeliness_bounds(on_time: int, late: int, overdue: int, needs: int) -> tuple[float, float] | None:
    """The range the 及时率 falls in once ``needs`` undecided records are judged (all late … all on
    time); None when nothing is or may be due."""
    n = on_time + late + overdue + needs
    return (on_time / n, (on_time + needs) / n) if n else None


def needs_calendar_years(decisions) -> list[int]:
    return sorted({d.missing_year for d in decisions if d.status == NEEDS_CALENDAR and d.missing_year})


def rate_text(rate: float | None, on_time: int, late: int, overdue: int, needs: int, years=(),
              provisional: int = 0) -> str:
    """The 及时率 as shown on screen and in the workbook: "84.21%", "—", "0.00%（暂定）" or
    "待定（0.00%–100.00%，1 条需要2027年节假日安排）"."""
    if needs:
        lo, hi = timeliness_bounds(on_time, late, overdue, needs)
        what = "、".join(needs_calendar_text(y) for y in years) or STATUS_LABEL[NEEDS_CALENDAR]
        return f"待定（{lo:.2%}–{hi:.2%}，{needs} 条{what}）"
    if rate is None:
        return "—"
    return f"{rate:.2%}" + (f"（{PROVISIONAL_MARK}）" if provisional else "")


def calendar_notes(needs: int, years=(), provisional: int = 0, provisional_years=()) -> list[str]:
    """The warnings every output shows when records need a missing calendar year or were counted with a
    provisional one (screen, JSON "calendar_notes", workbook 汇总)."""
    from .provisional import REASON

    notes = []
    if needs:
        what = "、".join(needs_calendar_text(y) for y in years) or STATUS_LABEL[NEEDS_CALENDAR]
        first = min(years) if years else None
        how = (f"通知发布后运行 sgs calendar {first} --from-notice 通知.txt 补充（节假日文件中的年份优先于内置数据），"
               f"发布前可加 --provisional 暂定计算。{upgrade_hint(first)}" if first else "")
        notes.append(f"{needs} 条记录{what}，暂无法判断是否按时报送，未计入及时率的分子分母（及时率待定）"
                     + (f"；{how}" if how else ""))
    if provisional:
        ys = "、".join(f"{y}年" for y in provisional_years)
        notes.append(f"{provisional} 条记录的状态按{ys or '尚无安排的年份'}的暂定日历判定，标“{PROVISIONAL_MARK}”：{REASON}")
    return notes
