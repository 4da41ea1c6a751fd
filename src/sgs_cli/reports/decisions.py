"""Decisions (one per record) extracted from validated sheets, and their timeliness status.

Shared by `sgs deadlines --ledger` and `sgs monthly-report`, so the status rules and 及时率 are
defined once. Every decision has exactly one status of :data:`STATUSES` (key, Chinese label, whether it
is in the 及时率 denominator); the workbook, the JSON and the console take their rows from that table:

* 按时 (on_time): reported on or before the 7th working day after the decision.
* 逾期 (late): reported after that day ("逾期 N 个工作日" counts working days after the deadline).
* 未到期 (pending): not reported, deadline not yet passed ("剩余 N 个工作日").
* 已逾期未报送 (overdue): not reported and the deadline has passed. A 报送日期 after the statistics date
  (--today) is a data error (REPORT_DATE_FUTURE) and does not count as a report.
* 无法计算 (unknown): no decision date, or a 报送日期 before the decision — :attr:`Decision.reason` says
  which.
* 无法判定及时性 (no_report_date): a 790 licence/penalty row without a matching ledger row: a 790 table
  has no 报送日期, so nothing can be said about its timeliness — shown as such, never counted as on time
  (the assessment deducts for it, reports/assessment_scheme.toml).
* 需要YYYY年节假日安排 (needs_calendar): the answer depends on days of a year without holiday data. What
  does not need that year is still decided: a record reported (or, unreported, looked at) while fewer
  than 7 working days have passed is 按时 (未到期) even if the deadline itself lies in the missing year.
* 及时率 = 按时 ÷ (the statuses marked ``due``: 按时 + 逾期 + 已逾期未报送). While records need a calendar
  year the rate is not known: it is None, and :func:`timeliness_bounds` gives the range it will fall in
  once the year is known. Results counted with a provisional calendar (``--provisional``) carry
  ``provisional=True`` and are shown as 暂定.

The same rules give the status of the publication on the department's website (部门网站推送日期).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sgs_cli.codes.idtext import mask_ids
from sgs_cli.findings import ERROR, FileReport
from sgs_cli.records.mapping import late_note
from sgs_cli.rules.codes import fixable
from sgs_cli.calendar.deadlines import PUSH_DAYS
from sgs_cli.standard.kinds import DECISION_KINDS, KIND, Role
from sgs_cli.calendar.workdays import (
    PROVISIONAL_MARK,
    CalendarDataMissing,
    WorkCalendar,
    needs_calendar_text,
    upgrade_hint,
)
from sgs_cli.calendar.provisional import deadline_range

ON_TIME, LATE, PENDING, OVERDUE, UNKNOWN = "on_time", "late", "pending", "overdue", "unknown"
NO_REPORT_DATE, NEEDS_CALENDAR = "no_report_date", "needs_calendar"


@dataclass(frozen=True)
class Status:
    key: str
    label: str  # Chinese label (汇总 row, 分部门 column, console)
    due: bool  # in the 及时率 denominator
    formula: str  # how a record gets this status (汇总 计算口径, README)


STATUSES: tuple[Status, ...] = (
    Status(ON_TIME, "按时", True, f"报送日期 ≤ 决定之日起第{PUSH_DAYS}个工作日"),
    Status(LATE, "逾期", True, "报送日期晚于期限"),
    Status(PENDING, "未到期", False, "尚未报送，统计日未过期限（含月末决定、期限在下月的记录）"),
    Status(OVERDUE, "已逾期未报送", True, "尚未报送（或报送日期晚于统计日），统计日已过期限"),
    Status(UNKNOWN, "无法计算", False, "缺决定日期，或报送日期早于决定日期"),
    Status(NO_REPORT_DATE, "无法判定及时性", False, "没有报送日期：790号表中的记录，台账中没有同一文号的报送记录（不算按时）"),
    Status(NEEDS_CALENDAR, "需要节假日安排", False,
           "期限要用到尚未发布的节假日安排，暂无法判断是否按时；不计入及时率，有此类记录时及时率显示“待定”及范围"),
)
STATUS = {s.key: s for s in STATUSES}
STATUS_LABEL = {s.key: s.label for s in STATUSES}
DUE_STATUSES = frozenset(s.key for s in STATUSES if s.due)
KIND_OF_LB = {"行政许可": "license", "行政处罚": "penalty"}
KIND_LABEL = {"license": "许可", "penalty": "处罚", "unknown": "未分类"}
# reasons of 无法计算
NO_DECISION_DATE, REPORTED_BEFORE_DECISION = "无决定日期", "报送日期早于决定日期"



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
    pushed: dt.date | None = None  # 部门网站“双公示”系统推送日期 (ledger)
    push_known: bool = False  # the sheet has a 推送日期 column
    report_known: bool = True  # a 报送日期 can exist (ledger row, or a 790 row matched to a ledger row)
    kind_by: str = ""  # what the kind was taken from: 决定类别 / 工作表 / 文号 / 项目名称
    department_by: str = ""  # 列 / 标题 / 名单 / 文件名
    section: str = ""  # 承办科室 (ledger column KS), "" when the ledger has none
    late_note: str = ""  # the department's 迟报说明 (extension column), shown in 逾期明细
    resubmissions: int = 0  # times the record was sent again corrected after a return (submissions.choose)
    corrected: bool = False  # replaced a submission of itself that had an error: not right the first time
    report_at: str = ""  # a 790 record merged with its ledger row: where the 报送日期 is (that ledger row)
    # computed by assess()
    due: dt.date | None = None
    status: str = UNKNOWN
    days: int | None = None  # working days late (late/overdue) or left (pending)
    reason: str = ""  # why the status is 无法计算
    future_report: dt.date | None = None  # a 报送日期 after the statistics date, not counted as a report
    push_status: str | None = None  # status of the website publication (None: no 推送日期 column)
    missing_year: int | None = None  # needs_calendar: the year whose holiday schedule is missing
    provisional: bool = False  # the status was judged with days of a provisional (暂定) calendar year
    due_provisional: bool = False  # the deadline was counted with days of a provisional year
    due_range: tuple[dt.date, dt.date] | None = None  # needs_calendar: earliest and latest possible deadline

    @property
    def first_pass(self) -> bool:
        """Right the first time: passes validation and replaced no erroneous submission of itself."""
        return self.valid and not self.corrected

    @property
    def due_text(self) -> str:
        """The 报送期限 cell: the date, "YYYY-MM-DD（暂定）", or "需要2027年节假日安排"."""
        if self.due is None:
            if self.decided is not None and self.missing_year is not None:
                return needs_calendar_text(self.missing_year) + (f"（{range_text(self.due_range)}）" if self.due_range else "")
            return ""
        return self.due.isoformat() + (f"（{PROVISIONAL_MARK}）" if self.due_provisional else "")

    @property
    def entered_report(self) -> dt.date | None:
        """The 报送日期 as entered (also one after the statistics date, which does not count as a report)."""
        return self.reported or self.future_report

    @property
    def status_text(self) -> str:
        text = self._status_text()
        if self.provisional and self.status not in (UNKNOWN, NEEDS_CALENDAR, NO_REPORT_DATE):
            text += f"（{PROVISIONAL_MARK}）"
        if self.future_report is not None:
            text += "（报送日期晚于统计日）"
        return text

    def _status_text(self) -> str:
        if self.status == NEEDS_CALENDAR:
            return needs_calendar_text(self.missing_year) if self.missing_year else STATUS_LABEL[NEEDS_CALENDAR]
        count_needs = f"（天数{needs_calendar_text(self.missing_year)}）" if self.missing_year else ""
        if self.status == LATE:
            return f"逾期 {self.days} 个工作日" if self.days is not None else "逾期" + count_needs
        if self.status == PENDING:
            return f"剩余 {self.days} 个工作日" if self.days is not None else "未到期"
        if self.status == OVERDUE:
            return "已逾期未报送" + (f"（{self.days} 个工作日）" if self.days else "" if self.days == 0 else count_needs)
        if self.status == UNKNOWN and self.reason:
            return f"无法计算（{self.reason}）"
        return STATUS_LABEL[self.status]


_YEAR = re.compile(r"[〔\[(（【]?\s*(?:19|20)\d{2}\s*[〕\])）】]?")
_CASE_NOT_PENALTY = ("备案", "方案", "档案", "草案")


def _one_of(text: str) -> str | None:
    lic, pen = "许可" in text, "处罚" in text
    if lic != pen:
        return "license" if lic else "penalty"
    return None


def kind_of_wsh(wsh: str) -> str | None:
    """许可/处罚 from the abbreviation of a 文号: the part before the year holds 罚 (罚决字, 罚字) or 许
    (食许, 药许, 特许, 许字): "牟市监许〔2026〕303号" → license, "中市监罚决字〔2019〕12号" → penalty."""
    text = unicodedata.normalize("NFKC", wsh or "")
    m = _YEAR.search(text)
    prefix = text[: m.start()] if m else re.sub(r"\d", "", text)
    if "罚" in prefix:
        return "penalty"
    if "许" in prefix:
        return "license"
    return None


def kind_of_title(title: str) -> str | None:
    """许可/处罚 from a 项目名称/案件名称: "…许可" / "…审批" / "…核准" or "…处罚" / "…案"."""
    t = (title or "").strip()
    got = _one_of(t)
    if got:
        return got
    if "罚" in t or (t.endswith("案") and not t.endswith(_CASE_NOT_PENALTY)):
        return "penalty"
    if any(w in t for w in ("审批", "核准", "准予")):
        return "license"
    return None


def classify(lb: str, sheet: str, file_stem: str, wsh: str, title: str) -> tuple[str, str]:
    """(kind, what it was taken from) of a ledger row: 决定类别, then the sheet (or file) name when it
    names one kind only, then the 文号 abbreviation, then the 项目名称; ("unknown", "") otherwise."""
    if KIND_OF_LB.get(lb):
        return KIND_OF_LB[lb], "决定类别"
    got = _one_of(sheet) or _one_of(file_stem)
    if got:
        return got, "工作表"
    got = kind_of_wsh(wsh)
    if got:
        return got, "文号"
    got = kind_of_title(title)
    if got:
        return got, "项目名称"
    return "unknown", ""


def error_rows(sr, ignore=frozenset()) -> tuple[set, bool]:
    """(the rows of a sheet's records with an error finding, whether an error holds every record — a sheet-level
    error such as a missing required column, which keeps every record from passing); codes in `ignore` aside."""
    rows, whole = set(), False
    for f in sr.findings:
        if f.severity != ERROR or f.code in ignore or not fixable(f):  # a late report is a fact, not a defect
            continue
        if f.rows:
            rows.update(f.rows)
        elif f.row and f.row != sr.header_row:
            rows.add(f.row)
        else:
            whole = True
    return rows, whole


def required_fields(sr) -> list:
    """The fields 完整率 counts on a sheet: those that can be required (standard/requirements.py) and have a
    column — or have none although they should (COLUMN_MISSING): unfilled on every row that needs them."""
    from sgs_cli.standard.requirements import COUNTED

    ctx = sr.context
    missing = {f.field for f in sr.findings if f.code == "COLUMN_MISSING" and f.field}
    return [f for f in ctx.spec.fields if f.required in COUNTED and (f.code in ctx.columns or f.code in missing)]


def extract(fr: FileReport) -> list[Decision]:
    """Decisions of every recognised licence, penalty or ledger sheet of a validated file (the file must
    have been validated with keep_records=True)."""
    from sgs_cli.standard.requirements import USCC_PLACEHOLDER, required_for

    out = []
    for sr in fr.sheets:
        ctx = sr.context
        if ctx is None or sr.records is None or sr.kind not in DECISION_KINDS:
            continue
        bad_rows, whole = error_rows(sr)
        fields = required_fields(sr)
        plain = [f.code for f in fields if f.required.value == "always"]
        other = [f for f in fields if f.required.value != "always"]
        present = set(ctx.columns)
        uscc = next((f.code[: -len("GSZC")] + "SHXYM" for f in other if f.code.endswith("_XDR_GSZC")), "")
        memo: dict = {}
        k = KIND[sr.kind]
        dept_code, wsh_code, title_code = k.code(Role.DEPARTMENT), k.code(Role.DOC_NO), k.code(Role.TITLE)
        date_code, report_code, push_code = k.code(Role.DECISION_DATE), k.code(Role.REPORT_DATE), k.code(Role.PUSH_DATE)
        kind_code, section_code = k.code(Role.DECISION_KIND), k.code(Role.SECTION)
        ledger = report_code is not None  # a ledger (附件2) says when each decision was reported
        for rec in sr.records:
            dept, wsh, title = rec.text(dept_code), rec.text(wsh_code), rec.text(title_code)
            if kind_code:  # one ledger holds both kinds: its 决定类别, else the sheet, file, 文号 or title
                kind, kind_by = classify(rec.text(kind_code), sr.sheet, Path(fr.path).stem, wsh, title)
            else:
                kind, kind_by = sr.kind, "工作表"
            decided = rec.dates.get(date_code)
            reported = rec.dates.get(report_code) if report_code else None
            # what is required depends on the category, the 处罚类别 and the placeholder USCC only: once per kind
            key = (rec.category, rec.buckets, bool(uscc) and rec.text(uscc) == USCC_PLACEHOLDER)
            needed = memo.get(key)
            if needed is None:
                needed = memo[key] = plain + [f.code for f in other
                                              if required_for(f, rec.category, rec.buckets, rec.text)]
            filled = sum(1 for c in needed if c in present and rec.text(c))
            out.append(Decision(fr.path, sr.sheet, rec.row, kind, wsh, title, dept, decided, reported,
                                not whole and rec.row not in bad_rows, "ledger" if ledger else "790", filled, len(needed),
                                pushed=rec.dates.get(push_code) if push_code else None,
                                push_known=push_code is not None and push_code in ctx.columns, report_known=ledger,
                                kind_by=kind_by, department_by="列" if dept else "",
                                section=rec.text(section_code) if section_code else "",
                                late_note=late_note(rec)))
    return out


def range_text(bounds: tuple[dt.date, dt.date]) -> str:
    """The possible deadlines of a record that needs a missing year: "2027-01-07 至 2027-01-11 之间", or
    "预计 2027-01-07" when the holidays of past notices all give the same day."""
    lo, hi = bounds
    return f"预计 {lo.isoformat()}" if lo == hi else f"{lo.isoformat()} 至 {hi.isoformat()} 之间"


def count_workdays(cal: WorkCalendar, a: dt.date, b: dt.date) -> int | None:
    """cal.workdays_between, or None when the count needs a year without holiday data."""
    return _days(cal.workdays_between, a, b)


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
    due_range: tuple[dt.date, dt.date] | None = None  # due is None: the earliest and latest it can be


def judge(cal: WorkCalendar, decided: dt.date, done: dt.date | None, today: dt.date,
          days: int = PUSH_DAYS) -> Judgement:
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
        return Judgement(status, missing_year=missing, provisional=bool(cal.provisional_between(decided, ref)),
                         due_range=deadline_range(cal, decided, days))
    if done is not None:
        j = Judgement(ON_TIME) if done <= due else Judgement(LATE, _days(cal.workdays_between, due, done))
    elif today <= due:
        j = Judgement(PENDING, _days(cal.workdays_between, today, due))
    else:
        j = Judgement(OVERDUE, _days(cal.workdays_between, due, today))
    if j.status in (LATE, OVERDUE) and j.days is None:  # late for sure; only the count of days needs the year
        j.missing_year = next((y for y in range(due.year, ref.year + 1) if not cal.has_year(y)), None)
    j.due = due
    # the status looks at the days up to ref (on time / pending: is ref within the deadline; late /
    # overdue: the deadline, before ref, and the days from it to ref)
    j.provisional = bool(cal.provisional_between(decided, ref))
    j.due_provisional = bool(cal.provisional_between(decided, due))
    return j


def _judge(memo: dict | None, cal: WorkCalendar, decided: dt.date, done: dt.date | None, today: dt.date,
           days: int) -> Judgement:
    """judge(), once per distinct date pair when `memo` is a dict: a month's decisions share few dates. The
    key holds the calendar's provisional years, which loading a year adds to and a judgement depends on."""
    if memo is None:
        return judge(cal, decided, done, today, days)
    key = (decided, done, today, days, tuple(cal.provisional_years()))
    j = memo.get(key)
    if j is None:
        j = memo[key] = judge(cal, decided, done, today, days)
    return j


def assess(d: Decision, cal: WorkCalendar, today: dt.date, days: int = PUSH_DAYS, memo: dict | None = None) -> Decision:
    """Fill due/status/days/reason (and push_status) of a decision (see the module docstring). `memo`: a
    dict kept across the decisions of one run and calendar, to judge each distinct date pair once."""
    d.status, d.days, d.reason = UNKNOWN, None, ""
    d.due, d.missing_year, d.provisional, d.due_provisional, d.push_status = None, None, False, False, None
    d.due_range = None
    if d.reported is not None and d.reported > today:  # REPORT_DATE_FUTURE: not a report (yet)
        d.future_report, d.reported = d.reported, None
    if d.decided is None:
        d.reason = NO_DECISION_DATE
        return d
    if d.push_known:  # the website publication, by the same rule
        pushed = d.pushed if d.pushed is None or d.pushed <= today else None
        d.push_status = UNKNOWN if pushed and pushed < d.decided else _judge(memo, cal, d.decided, pushed, today, days).status
    j = _judge(memo, cal, d.decided, None, today, days)
    d.due, d.due_provisional, d.due_range = j.due, j.due_provisional, j.due_range
    if not d.report_known:
        d.status, d.missing_year = NO_REPORT_DATE, None
        return d
    if d.reported is not None and d.reported < d.decided:  # impossible dates (DATE_ORDER): no status
        d.reason = REPORTED_BEFORE_DECISION
        return d
    j = _judge(memo, cal, d.decided, d.reported, today, days)
    d.status, d.days, d.due, d.missing_year = j.status, j.days, j.due, j.missing_year
    d.provisional, d.due_provisional, d.due_range = j.provisional, j.due_provisional, j.due_range
    return d


def rate(counts: dict[str, int]) -> float | None:
    """及时率 from status counts: 按时 ÷ (the statuses in the denominator); None when nothing is due, and
    None (not a figure that silently leaves them out) while some record needs a missing calendar year."""
    if counts.get(NEEDS_CALENDAR):
        return None
    due = sum(n for k, n in counts.items() if k in DUE_STATUSES)
    return counts.get(ON_TIME, 0) / due if due else None


def timeliness_rate(decisions: list[Decision]) -> float | None:
    """及时率 = 按时 ÷ (按时 + 逾期 + 已逾期未报送); None when nothing is due or while a record needs a
    missing calendar year."""
    counts: dict[str, int] = {}
    for d in decisions:
        counts[d.status] = counts.get(d.status, 0) + 1
    return rate(counts)


def timeliness_bounds(on_time: int, late: int, overdue: int, needs: int) -> tuple[float, float] | None:
    """The range the 及时率 falls in once ``needs`` undecided records are judged (all late … all on
    time); None when nothing is or may be due."""
    n = on_time + late + overdue + needs
    return (on_time / n, (on_time + needs) / n) if n else None


def needs_calendar_years(decisions) -> list[int]:
    return sorted({d.missing_year for d in decisions if d.status == NEEDS_CALENDAR and d.missing_year})


def supply_calendar_hint(year: int) -> str:
    """The one line that tells the clerk how to supply a missing year's holiday schedule."""
    return (f"通知发布后运行 sgs calendar {year} --from-notice 通知.txt 补充（节假日文件中的年份优先于内置数据），"
            f"发布前可加 --provisional 暂定计算。{upgrade_hint(year)}")


def needs_calendar_label(years) -> str:
    """"需要2027年节假日安排" (several years joined by 、), or the status's label when the year is unknown."""
    return "、".join(needs_calendar_text(y) for y in years) or STATUS_LABEL[NEEDS_CALENDAR]


def needs_calendar_note(n: int, years, what: str = "条记录的期限", grouped: bool = True) -> str:
    """The line every deadline list prints under its table when ``n`` records need a missing year:
    how many, which year, where they are listed, and how to supply the year."""
    need = needs_calendar_label(years)
    where = "单独列为一组，列出期限可能的日期" if grouped else "报送期限一栏列出期限可能的日期"
    return f"{n} {what}{need}（{where}）；" + (supply_calendar_hint(min(years)) if years else "")


# ------------------------------------------------------------------------------------- departments

_TITLE_CUT = re.compile(r"(“?双公示”?|行政许可|行政处罚|许可|处罚|信用信息|台账|[（(]\s*(19|20)\d{2}|(19|20)\d{2}\s*年)")
_UNIT_LABEL = re.compile(r"(填报单位|报送单位|单位名称|单位|部门)\s*[:：]\s*(\S+)")
_UNIT_END = re.compile(r"(填报|报送|日期|联系|电话|[（(]|(19|20)\d{2})")


@lru_cache(maxsize=4096)  # called per record; a ledger names few departments
def norm_department(name: str) -> str:
    """One spelling of a department name: NFKC (full-width letters/digits and brackets), no spaces; an ID
    number in it masked (a name is printed as a label everywhere)."""
    return mask_ids(re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or "")).strip("：:，,。;；"))


def department_from_title(text: str) -> str:
    """The department named by a ledger's title row or document title: "中牟县统计局行政许可和行政处罚
    台账（2026年9月）" → "中牟县统计局"; "填报单位：中牟县统计局" → "中牟县统计局"; "" if none."""
    text = unicodedata.normalize("NFKC", text or "")
    m = _UNIT_LABEL.search(text)
    if m:  # "填报单位：中牟县统计局    填报日期：2019年11月5日"
        return norm_department(_UNIT_END.split(m.group(2))[0])
    text = norm_department(text)
    m = _TITLE_CUT.search(text)
    name = re.sub(r"^关于", "", text[: m.start()]) if m else ""
    return name if len(name) >= 2 else ""


def document_title(path: str) -> str:
    """The title in an .xlsx file's document properties (docProps/core.xml), or ""."""
    import zipfile

    from defusedxml import ElementTree

    if not str(path).lower().endswith((".xlsx", ".xlsm")):
        return ""
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError, NotImplementedError,
            RuntimeError, EOFError):
        # no properties (KeyError), not a zip, a damaged or encrypted part, XML defusedxml refuses (a
        # ValueError): nothing to learn from them; the workbook itself is read and judged elsewhere
        return ""
    el = root.find("{http://purl.org/dc/elements/1.1/}title")
    return (el.text or "").strip() if el is not None else ""


def file_department(fr, roster) -> tuple[str, str]:
    """(department, how) of a file's rows without a department column: title row, document title,
    roster entry named in the file name, file name."""
    for sr in fr.sheets:
        ctx = sr.context
        for text in (ctx.state.get("titles", []) if ctx is not None else []):
            name = department_from_title(text)
            if name:
                return name, "标题"
    name = department_from_title(document_title(fr.path))
    if name:
        return name, "标题"
    stem = Path(fr.path).stem
    if roster is not None:
        got = roster.match_file(stem)
        if got:
            return got, "名单"
    return norm_department(stem), "文件名"
