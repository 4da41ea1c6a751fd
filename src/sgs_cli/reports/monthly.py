"""`sgs monthly-report --month 2019-11`: the monthly 双公示 report (月报告, 郑发改财贸〔2019〕773号) filled
from ledgers and 790 sheets. The lines the command prints, the notes and the JSON are render/monthly_text.py;
the rates as text render/rates.py.

Every figure is defined once, in :func:`figures` (key of the JSON, Chinese label of the workbook, the
formula shown to the reader, the 分部门 column); the README repeats the formulas. The counts come from
group-bys over a pandas frame of the month's decisions (:func:`figures_by`), per department; the total is
the sum of the departments' counts. The rules:

* A record counts in the month when its decision date is in the month. Records with the same 决定书文号
  and decision date are one decision: the first is counted, the others are listed as 重复记录.
* Each decision has exactly one status (decisions.STATUSES); the status counts add up to 决定总数.
  Records whose status needs a year without holiday data (需要节假日安排, decisions.NEEDS_CALENDAR) are
  counted in the totals; while there are any, 及时率 is 待定 (shown with the range it will fall in).
* A 790 record and a 附件2 ledger row with the same 决定书文号 and decision date are one decision
  (merge_ledgers): the ledger supplies the 报送日期 and 推送日期. A 790 record without a ledger row is
  无法判定及时性 (no 报送日期 anywhere): never on time, out of the 及时率 denominator.
* The data counted are chosen by submissions.choose, the rule every report shares: the latest version of
  a department's cumulative ledger; the records of a corrected return file (退回_…) instead of the same
  records of the original; the files used and superseded are named (notes). 重复 counts true duplicates
  of the chosen data only. 一次通过率 and 重报次数 say how much was right the first time.
* A record's department: its 行政决定部门 / 许可机关 / 处罚机关 column; else the ledger's title row or the
  file's document title; else the roster entry named in the file name; else the file name (said on 汇总).
  ``--unit`` names the reporting unit (title, 填报单位) only.
* 零报送单位: departments that handed in data for the month (a ledger whose title month reaches it, or
  without a month) with no decision in it. 未报送单位: roster departments that handed in nothing for the
  month (never counted as 零报送, never full marks). Without a roster only the departments present in
  the inputs are known.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sgs_cli.reports import decisions
from sgs_cli.reports.inputs import unread_files
from sgs_cli.reports.decisions import document_title, file_department as _file_department  # noqa: F401
from sgs_cli.findings import ERROR
from sgs_cli.rules.codes import fixable
from sgs_cli.rules.timeliness import not_required_rows
from sgs_cli.validation.engine import ValidateOptions, validate_paths
from sgs_cli.calendar.workdays import ReportDue, WorkCalendar
from sgs_cli.standard.limits import PUSH_DAYS, REPORT_DAY
from sgs_cli.standard.docno import doc_key

if TYPE_CHECKING:
    from sgs_cli.reports.catalog_match import CatalogReport
    from sgs_cli.reports.submissions import DataChoice

DUP_CODES = {"DUPLICATE_RECORD", "DUPLICATE_WSH", "DUPLICATE_ACROSS_FILES"}
ALL_UNITS = "各部门汇总"


def default_month(today: dt.date | None = None) -> tuple[int, int]:
    today = today or dt.date.today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


@dataclass
class Figures:
    licence: int = 0
    penalty: int = 0
    unclassified: int = 0
    status: Counter = field(default_factory=Counter)  # decisions.STATUSES key → decisions
    by_kind: dict = field(default_factory=lambda: {"license": Counter(), "penalty": Counter()})
    push: Counter = field(default_factory=Counter)  # website publication status → decisions
    published: int = 0  # 推送日期 filled (not after the statistics date)
    provisional: int = 0  # status counted with a provisional (暂定) calendar year
    valid: int = 0
    filled: int = 0
    required: int = 0
    duplicates: int = 0
    first_pass: int = 0  # right the first time (valid, replaced no erroneous submission of itself)
    resubmissions: int = 0  # times records were sent again corrected after a return

    @property
    def records(self) -> int:
        return self.licence + self.penalty + self.unclassified

    def count(self, status: str) -> int:
        return self.status.get(status, 0)

    @property
    def needs_calendar(self) -> int:
        return self.count(decisions.NEEDS_CALENDAR)

    def rate_counts(self, key: str) -> Counter | None:
        """The status counts a rate is computed from (its text: render/rates.figure_rate_text); None for a
        rate that is not a 及时率."""
        return {"timeliness": self.status, "licence_timeliness": self.by_kind["license"],
                "penalty_timeliness": self.by_kind["penalty"], "web_timeliness": self.push}.get(key)

    @property
    def timeliness(self) -> float | None:
        return decisions.rate(self.status)

    @property
    def licence_timeliness(self) -> float | None:
        return decisions.rate(self.by_kind["license"])

    @property
    def penalty_timeliness(self) -> float | None:
        return decisions.rate(self.by_kind["penalty"])

    @property
    def web_on_time(self) -> int:
        return self.push.get(decisions.ON_TIME, 0)

    @property
    def web_timeliness(self) -> float | None:
        return decisions.rate(self.push)

    @property
    def compliance(self) -> float | None:
        return self.valid / self.records if self.records else None

    @property
    def completeness(self) -> float | None:
        return self.filled / self.required if self.required else None

    @property
    def first_pass_rate(self) -> float | None:
        return self.first_pass / self.records if self.records else None

    @classmethod
    def from_counts(cls, counts) -> Figures:
        """The figures of one row of :func:`figure_table` (column → count; "status:…", "push:…",
        "license:…", "penalty:…" are the Counters' entries)."""
        f = cls()
        for col, n in counts.items():
            n = int(n)
            if not n:
                continue
            group, _, key = col.partition(":")
            if key:
                (f.status if group == "status" else f.push if group == "push" else f.by_kind[group])[key] = n
            else:
                setattr(f, col, n)
        return f

    def value(self, key: str):
        """The figure of FIGURES (or a status key)."""
        if key in decisions.STATUS:
            return self.count(key)
        return getattr(self, key)

    def to_dict(self) -> dict:
        r = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {**{f.key: (r(self.value(f.key)) if f.rate else self.value(f.key)) for f in figures()},
                "provisional": self.provisional}


KIND_FIGURE = {"license": "licence", "penalty": "penalty"}  # Decision.kind → Figures count; else unclassified


def decision_frame(rows):
    """The month's decisions as a pandas DataFrame, one row per (Decision, duplicate) of `rows` in their
    order: the columns the figures are counted from (department, 科室, kind, status, publication status,
    decision date, 暂定, valid, filled/required items, whether it is a duplicate record)."""
    import pandas as pd

    rows = list(rows)
    ds = [d for d, _ in rows]
    return pd.DataFrame({
        "department": pd.Series([d.department for d in ds], dtype=object),
        "section": pd.Series([d.section for d in ds], dtype=object),
        "kind": pd.Series([d.kind for d in ds], dtype=object),
        "status": pd.Series([d.status for d in ds], dtype=object),
        "push_status": pd.Series([d.push_status for d in ds], dtype=object),
        "decided": pd.Series([d.decided for d in ds], dtype=object),
        "provisional": pd.Series([d.provisional for d in ds], dtype=bool),
        "valid": pd.Series([d.valid for d in ds], dtype=bool),
        "filled": pd.Series([d.filled for d in ds], dtype="int64"),
        "required": pd.Series([d.required for d in ds], dtype="int64"),
        "duplicate": pd.Series([dup for _, dup in rows], dtype=bool),
        "first_pass": pd.Series([d.first_pass for d in ds], dtype=bool),
        "resubmissions": pd.Series([d.resubmissions for d in ds], dtype="int64"),
    })


def figure_table(df, by: str = "department"):
    """Every count of :class:`Figures` per value of column `by` of a :func:`decision_frame`: one group-by
    sum over indicator columns, so a total is the sum of its parts (Figures.from_counts reads a row)."""
    import pandas as pd

    counted = ~df["duplicate"]
    kind = df["kind"].map(KIND_FIGURE).fillna("unclassified").where(counted)
    on_kind = df["kind"].where(counted & df["kind"].isin(list(KIND_FIGURE)))
    push = df["push_status"].where(counted & df["push_status"].notna())
    parts = [
        pd.get_dummies(kind, dtype="int64"),
        pd.get_dummies(df["status"].where(counted), prefix="status", prefix_sep=":", dtype="int64"),
        pd.get_dummies(on_kind + ":" + df["status"], dtype="int64"),
        pd.get_dummies(push, prefix="push", prefix_sep=":", dtype="int64"),
        (push.isin([decisions.ON_TIME, decisions.LATE])).astype("int64").rename("published"),
        *[df[c].where(counted, 0).astype("int64") for c in ("provisional", "valid", "filled", "required",
                                                             "first_pass", "resubmissions")],
        df["duplicate"].astype("int64").rename("duplicates"),
    ]
    return pd.concat(parts, axis=1).groupby(df[by], sort=False).sum()


def figures_by(rows, by: str = "department") -> tuple[dict[str, Figures], Figures]:
    """(Figures per value of `by`, their total) of (Decision, duplicate) rows, from the group-bys of
    :func:`figure_table`."""
    table = figure_table(decision_frame(rows), by)
    parts = {k: Figures.from_counts(row) for k, row in zip(table.index, table.to_dict("records"))}
    return parts, Figures.from_counts(table.sum())


@dataclass(frozen=True)
class Figure:
    key: str  # JSON key and Figures attribute (or a status key)
    label: str  # 汇总 row
    formula: str  # 计算口径
    rate: bool = False
    column: str = ""  # 分部门 column heading ("" → not a column)


def _denominator() -> str:
    return "＋".join(s.label for s in decisions.STATUSES if s.due)


def figures() -> list[Figure]:
    """The figures of the report in 汇总 order (the status rows come from decisions.STATUSES, so a new
    status is a row and a column of its own)."""
    den = _denominator()
    return [
        Figure("licence", "行政许可决定数", "决定日期在本月的行政许可决定（重复记录只计一次）", column="许可"),
        Figure("penalty", "行政处罚决定数", "决定日期在本月的行政处罚决定（重复记录只计一次）", column="处罚"),
        Figure("unclassified", "未分类决定数", "按决定类别、工作表、文号、项目名称都无法区分许可或处罚的决定（见“其他明细”）",
               column="未分类"),
        Figure("records", "决定总数", "许可＋处罚＋未分类＝以下各报送状态之和", column="决定总数"),
        *[Figure(s.key, f"报送状态：{s.label}", s.formula + ("" if s.due or "及时率" in s.formula else "（不计入及时率）"), column=s.label)
          for s in decisions.STATUSES],
        Figure("timeliness", "及时率", f"按时 ÷（{den}）", True, column="及时率"),
        Figure("licence_timeliness", "行政许可及时率", f"行政许可决定中：按时 ÷（{den}）", True, column="许可及时率"),
        Figure("penalty_timeliness", "行政处罚及时率", f"行政处罚决定中：按时 ÷（{den}）", True, column="处罚及时率"),
        Figure("published", "部门网站已公示数", "部门网站“双公示”系统推送日期已填写（不早于决定日、不晚于统计日）的决定", column="网站公示数"),
        Figure("web_on_time", "部门网站按时公示数", f"推送日期 ≤ 决定之日起第{PUSH_DAYS}个工作日", column="网站按时公示"),
        Figure("web_timeliness", "部门网站公示及时率",
               f"按推送日期：按时 ÷（{den}），只计有“推送日期”列的台账记录", True, column="网站公示及时率"),
        Figure("compliance", "合规率", "通过校验（该行没有部门改数据能改正的“错误”级问题；迟报、逾期未报送是事实，不计；"
               "缺少必填列的表每行都不通过）的决定数 ÷ 决定总数（按退回更正后的数据）", True, column="合规率"),
        Figure("first_pass", "一次通过数", "第一次报送即通过校验的决定（未经退回更正）"),
        Figure("first_pass_rate", "一次通过率", "一次通过数 ÷ 决定总数", True, column="一次通过率"),
        Figure("resubmissions", "重报次数", "被退回后更正重报的次数（按记录计：一条记录重报两次计 2 次）", column="重报次数"),
        Figure("completeness", "完整率", "已填写的必填项数 ÷ 必填项总数（必填项含按行政相对人类别、处罚类别等条件必填的项；"
               "缺少的必填列每行都算未填）", True, column="完整率"),
        Figure("duplicates", "重复记录数", "与已计入的决定文号和决定日期相同的记录（只计一次，见“其他明细”）", column="重复"),
    ]


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
    zero_units: list[str] = field(default_factory=list)  # 零报送: handed in data for the month, no decision in it
    missing_units: list[str] = field(default_factory=list)  # 未报送: handed in nothing for the month
    choice: DataChoice | None = None  # the files used and superseded, the corrections
    not_in_roster: list[str] = field(default_factory=list)
    roster: str | None = None
    roster_names: list[str] = field(default_factory=list)
    named_after_file: dict[str, str] = field(default_factory=dict)  # department → file it was named after
    late_items: list[dict] = field(default_factory=list)
    problem_items: list[dict] = field(default_factory=list)
    duplicate_items: list[dict] = field(default_factory=list)
    unclassified_items: list[dict] = field(default_factory=list)
    unknown_items: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # "file：reason" of inputs that could not be read
    unread: list[dict] = field(default_factory=list)  # every file not read, with reason and department (inputs.py)
    unread_units: list[str] = field(default_factory=list)  # departments whose only files could not be read
    blank: bool = False
    due_info: ReportDue | None = None  # the due date with what the calendar says about it
    undetermined_items: list[dict] = field(default_factory=list)  # records that need a missing calendar year
    #: penalties 原则上不予公示 (validate's PUBLICATION_NOT_REQUIRED): counted as any decision, listed apart
    not_required_items: list[dict] = field(default_factory=list)
    missing_years: list[int] = field(default_factory=list)
    provisional_years: list[int] = field(default_factory=list)
    # the decisions counted in the month with their error findings (not in the JSON): the quarterly
    # bulletin and the annual assessment itemise and group them (科室) with the same figures_by
    counted: list = field(default_factory=list)
    catalog: CatalogReport | None = None  # 应归尽归 when catalogues are among the inputs

    @property
    def period(self) -> str:
        return f"{self.year}年{self.month}月"


def _same_file(a: str, b: str) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _where(d: decisions.Decision) -> str:
    return f"{Path(d.file).name} › {d.sheet} 第{d.row}行"


def build(ym: tuple[int, int], paths: list, *, unit: str | None = None, report_day: int = REPORT_DAY,
          today: dt.date | None = None, holidays: str | None = None, roster=None,
          provisional: bool = False, validated=None, choice=None, names: dict | None = None) -> MonthlyReport:
    """The report of month `ym` from the ledgers/790 sheets in `paths` (a blank one without paths);
    `roster` is a roster.Roster or None. `validated`: the findings.Report of `paths` already validated
    with keep_records=True (the quarter and the year validate once and build each month from it); `choice`:
    the submissions.choose of it (made here when not given); `names`: path → the name the department gave the
    file, when it is stored under another (office mode).

    The steps: choose the files and versions (`_choose`), the decisions of the chosen files with the errors on
    their rows (`_decisions`), one name per department (`_unify`), the month's decisions counted and listed
    (`_count_month`), the figures and calendar notes (`_figures`), every department's status (`_statuses`)."""
    today = today or dt.date.today()
    cal = WorkCalendar.load(holidays, provisional=provisional)
    due_info = cal.report_due(ym, report_day)  # never raises: a missing year is named in it
    rep = MonthlyReport(ym[0], ym[1], unit or "", today, due_info.due, due_info.is_workday, due_info=due_info)
    if roster is not None:
        rep.roster, rep.roster_names = roster.path, list(roster.names)
    if not paths:
        rep.blank = True
        rep.unit = unit or "（填报单位）"
        return rep
    opts = ValidateOptions(today=today, keep_records=True, calendar=cal, holidays=holidays, provisional=provisional)
    read, result = _choose(rep, validated if validated is not None else validate_paths(paths, opts), roster,
                           choice, names)
    items, minor = _decisions(rep, result, roster)
    canon = _unify(items, roster)
    units_seen = {d.department for d, _ in items}
    active, month = _count_month(rep, items, ym, cal, today, minor)
    _figures(rep, month, cal)
    _statuses(rep, ym, today, paths, read, roster, units_seen, active, canon)
    if not rep.unit:
        rep.unit = next(iter(active)) if len(active) == 1 and roster is None else ALL_UNITS
    from sgs_cli.reports.catalog_match import from_result

    rep.catalog = from_result(result, rep, roster)  # 应归尽归 when catalogues are among the inputs
    return rep


def _choose(rep: MonthlyReport, result, roster, choice, names):
    """(every file as read, the files and versions the report uses): the unread ones (and earlier reports) are
    listed from the first; sets rep.choice."""
    from dataclasses import replace

    from sgs_cli.reports.submissions import choose

    # the roster kept in the folder of the ledgers is not a ledger; a report or receipt of an earlier run kept
    # with the ledgers (known from its first row) is not one either
    read = result  # every file as read: the unread ones (and earlier reports) are listed from it below
    result = replace(result, files=[fr for fr in result.files if not fr.sgs_output
                                    and not (roster is not None and _same_file(fr.path, roster.path))])
    rep.choice = choice if choice is not None else choose(result, roster, names)
    return read, rep.choice.apply(result)


def _errors_by_row(fr, minor: dict) -> dict:
    """(sheet, row) → the fixable error findings on that row of file report `fr`; notes in `minor` the rows
    whose penalty is 原则上不予公示."""
    errors_by_row = defaultdict(list)
    for sr in fr.sheets:
        for row, why in not_required_rows(sr).items():
            minor[(fr.path, sr.sheet, row)] = why
        records = [r.row for r in sr.records or ()]
        for f in sr.findings:
            if f.severity != ERROR or not fixable(f):  # facts (a late report): 逾期明细, not 问题明细
                continue
            if f.rows:
                rows = f.rows
            elif f.row and f.row != sr.header_row:
                rows = [f.row]
            else:  # a sheet-level error (a missing required column) holds every record of the sheet
                rows = records
            for r in rows:
                errors_by_row[(sr.sheet, r)].append(f)
    return errors_by_row


def _chosen(rep: MonthlyReport) -> DataChoice:
    """The data choice of a report being built (_choose made it before every later step)."""
    if rep.choice is None:
        raise RuntimeError("the report's data is chosen first (_choose)")
    return rep.choice


def _decisions(rep: MonthlyReport, result, roster) -> tuple[list, dict]:
    """(items, minor): items are (decision, error findings on its row(s)) of every readable chosen file, each
    decision with its department; minor is (file, sheet, row) → why the penalty is 原则上不予公示."""
    items = []  # (decision, error findings on its row(s))
    minor: dict = {}  # (file, sheet, row) → why the penalty is 原则上不予公示
    choice = _chosen(rep)
    for fr in result.files:
        if fr.error:
            rep.unreadable.append(f"{Path(fr.path).name}：{fr.error}")
            continue
        rep.files.append(fr.path)
        errors_by_row = _errors_by_row(fr, minor)
        name = Path(fr.path).name
        file_dept = None
        for d in decisions.extract(fr):
            at = (fr.path, d.sheet, d.row)
            if at in choice.dropped:
                continue  # replaced by the record of a correction
            d.resubmissions = choice.resubmitted.get(at, 0)
            d.corrected = at in choice.was_wrong
            if not d.department:
                if file_dept is None:
                    file_dept = _file_department(fr, roster)
                d.department, d.department_by = file_dept
                if d.department_by == "文件名":
                    rep.named_after_file[d.department] = name
            d.department = decisions.norm_department(d.department)
            if roster is not None:
                d.department = roster.match(d.department) or d.department
            items.append((d, [(name, d.sheet, f) for f in errors_by_row.get((d.sheet, d.row), [])]))
    return items, minor


def _unify(items: list, roster) -> dict:
    """Without a roster "统计局" and "中牟县统计局" are one department: renames the items' departments and
    returns the mapping (empty with a roster)."""
    canon = {}
    if roster is None:  # "统计局" and "中牟县统计局" are one department
        canon = unify_departments({d.department for d, _ in items})
        for d, _ in items:
            d.department = canon.get(d.department, d.department)
    return canon


def _count_month(rep: MonthlyReport, items: list, ym, cal, today, minor: dict) -> tuple[set, list]:
    """The decisions of month `ym`, each assessed, counted once per (文号, decision date) and listed in the
    report's items; returns (departments with a counted decision, the rows of the figures' frame)."""
    active: set[str] = set()
    counted: dict = {}  # (文号, decision date) → the decision counted
    month = []  # (decision, duplicate) in input order: the rows of the figures' frame
    judged: dict = {}  # decisions.assess's judgements per distinct date pair
    for d, errs in merge_ledgers(items):
        if not d.decided or (d.decided.year, d.decided.month) != ym:
            continue
        decisions.assess(d, cal, today, memo=judged)
        dept = d.department
        key = (_wsh_key(d.wsh), d.decided)
        if key[0] and key in counted:
            first = counted[key]
            month.append((d, True))
            rep.duplicate_items.append({"department": dept, "wsh": d.wsh, "title": d.title,
                                        "decision_date": d.decided.isoformat() if d.decided else "", "where": _where(d),
                                        "same_as": _where(first)})
        else:
            counted[key] = d
            rep.counted.append((d, errs))
            month.append((d, False))
            active.add(dept)
            _list_item(rep, d, minor)
        for file, sheet, f in errs:
            rep.problem_items.append({"file": file, "sheet": sheet, "cell": f.cell or f"第{f.row}行",
                                      "department": dept, "wsh": d.wsh, "code": f.code,
                                      "field": f.field_name or "", "message": f.message, "hint": f.hint})
    return active, month


def _list_item(rep: MonthlyReport, d: decisions.Decision, minor: dict) -> None:
    """A counted decision in the lists its status puts it in (逾期, 待补日历, 无法判断, 类别不明, 不予公示)."""
    item = {"department": d.department, "wsh": d.wsh, "title": d.title, "decision_date": d.decided.isoformat() if d.decided else "",
            "due": d.due_text, "reported": d.entered_report.isoformat() if d.entered_report else "",
            "status": d.status_text, "where": d.report_at or _where(d), "late_note": d.late_note}
    if d.status in (decisions.LATE, decisions.OVERDUE):
        rep.late_items.append(item)
    if d.status == decisions.NEEDS_CALENDAR:
        rep.undetermined_items.append({**item, "needs_calendar_year": d.missing_year})
    if d.status == decisions.UNKNOWN:
        rep.unknown_items.append({**item, "reason": d.reason})
    if d.kind == "unknown":
        rep.unclassified_items.append(item)
    if (d.file, d.sheet, d.row) in minor:
        rep.not_required_items.append({**item, "reason": minor[(d.file, d.sheet, d.row)]})


def _figures(rep: MonthlyReport, month: list, cal) -> None:
    """The figures per department and in total, the lists sorted, the calendar notes."""
    rep.departments, rep.total = figures_by(month)
    for lst in (rep.late_items, rep.duplicate_items, rep.unclassified_items, rep.unknown_items,
                rep.undetermined_items, rep.not_required_items):
        lst.sort(key=lambda i: (i["department"], i["decision_date"]))
    rep.missing_years = sorted({i["needs_calendar_year"] for i in rep.undetermined_items if i["needs_calendar_year"]})
    rep.provisional_years = cal.provisional_years()


def _statuses(rep: MonthlyReport, ym, today, paths, read, roster, units_seen: set, active: set, canon: dict) -> None:
    """Every department without a counted decision: 文件无法读取, 零报送 or 未报送 (once the month is over),
    each with empty figures; the departments not in the roster."""
    choice = _chosen(rep)
    handed_in = {n for n in units_seen | set(choice.coverage) if choice.covers(n, ym, canon)}
    if roster is not None:
        quiet = [n for n in roster.names if n not in active]
        rep.not_in_roster = sorted(n for n in units_seen | active if n not in roster.names)
    else:
        quiet = sorted({canon.get(n, n) for n in units_seen | set(choice.coverage)} - active)
    # a department whose file could not be read is 文件无法读取, neither 零报送 nor 未报送: what it holds is unknown
    rep.unread = unread_files(paths, read, roster)  # not `result`: it no longer holds the earlier reports
    if roster is None:  # "县卫健委台账.xlsx" names the 中牟县卫生健康委员会 of the data
        canon = unify_departments(units_seen | {i["department"] for i in rep.unread if i["department"]})
        for i in rep.unread:
            i["department"] = canon.get(i["department"], i["department"])
    rep.unread_units = sorted({i["department"] for i in rep.unread if i["department"]} - active)
    quiet = [n for n in quiet if n not in rep.unread_units]
    if today > dt.date(ym[0], ym[1], calendar.monthrange(*ym)[1]):
        rep.zero_units = [n for n in quiet if n in handed_in]
        rep.missing_units = [n for n in quiet if n not in handed_in]
    else:  # the month is not over: nobody is late with it yet
        rep.zero_units = quiet
    for z in quiet + rep.unread_units:
        rep.departments.setdefault(z, Figures())


def unify_departments(names) -> dict[str, str]:
    """Without a roster: names with one key (standard/departments.department_key: "统计局" and "中牟县统计局",
    "县市场监管局" and "中牟县市场监督管理局") are one department, named by its fullest spelling — when the
    names with a place name all name the same place ("中牟县统计局" and "郑州市统计局" stay apart)."""
    from sgs_cli.standard.departments import department_key, places_off, spelled

    groups: dict[str, list[str]] = {}
    for n in sorted(names):
        groups.setdefault(department_key(n), []).append(n)
    out = {}
    for key, group in groups.items():
        if len(group) < 2:
            continue
        # the place each spelling names ("中牟县", "县", "郑州市中牟县", ""): one place if each is the end of the
        # longest ("县" of "中牟县"); 中牟县 and 郑州市 are two, and which one "统计局" means is unknown
        places = {spelled(n)[: len(spelled(n)) - len(key)] for n in group}
        longest = max(places, key=len)
        if not all(longest.endswith(p) for p in places):
            continue
        best = max(group, key=lambda n: (len(places_off(spelled(n))), len(n), n))
        out.update({n: best for n in group if n != best})
    return out


def _wsh_key(wsh: str) -> str:
    """The one key of a 文号 (standard/docno.py): 〔2018〕 and 【2018】 are one decision."""
    return doc_key(wsh)


def merge_ledgers(items: list) -> list:
    """One entry per decision: a 790 licence/penalty record and the 附件2 ledger row with the same 决定书文号
    and decision date are the same decision — the ledger gives the 报送日期 and 推送日期, the 790 record the
    kind and department. The merged record passes validation only if both rows do; its required items are
    those of both rows. A 790 record without a ledger row keeps report_known False (无法判定及时性)."""
    ledger_by_wsh = {}
    for i, (d, _) in enumerate(items):
        key = _wsh_key(d.wsh)
        if d.source == "ledger" and key and key not in ledger_by_wsh:
            ledger_by_wsh[key] = i
    used, out = set(), []
    for d, errs in items:
        if d.source == "ledger":
            continue
        j = ledger_by_wsh.get(_wsh_key(d.wsh)) if ledger_by_wsh else None
        if j is not None and j not in used and items[j][0].decided == d.decided:
            used.add(j)
            led, lerrs = items[j]
            d.reported, d.report_known = led.reported, True
            d.pushed, d.push_known = led.pushed, led.push_known
            d.department = d.department if d.department_by == "列" else led.department
            d.section = d.section or led.section
            d.late_note = d.late_note or led.late_note
            d.title = led.title or d.title  # the ledger's 项目/案件名称, not the 790 违法行为类型
            d.report_at = _where(led)  # the row holding the 报送日期 the status comes from
            d.valid = d.valid and led.valid
            d.filled += led.filled
            d.required += led.required
            errs = errs + lerrs
        out.append((d, errs))
    out.extend(items[j] for j, (d, _) in enumerate(items) if d.source == "ledger" and j not in used)
    return out
