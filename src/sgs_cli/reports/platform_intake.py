"""What the credit platform took in (平台对账): the departments' ledgers set against the platform's failure files
(a 790 table with 序号 and 失败原因) and an export of the records the platform holds or its website shows (a 790
table as .xlsx/.csv, or JSON as platforms export it).

Every record has one key, the 决定书文号's (standard/docno.doc_key: 〔2026〕 and 【2026】 are one decision); the
departments' data are chosen as every report chooses them (reports/submissions.choose: the latest version of a
cumulative ledger, a corrected return file instead of the records it corrects), departments are one however
they are spelled (standard/departments.department_key). Per department each ledger record gets exactly one
category of :data:`CATEGORIES` and so does each platform record; the parts add up to the ledger total and to the
platform total:

* 已入库 (``in``): on the platform with the same values;
* 公示不一致 (``diff``): on the platform under the same key with other values — listed field by field, both
  values; values are compared as normalised (NFKC, no spaces; codes upper-case; dates as dates; amounts as
  numbers; department names by their key), so a spelling that normalises equal is no difference. Only the
  fields both sides hold are compared (a 附件2 ledger row: its decision date and department);
* 失败未重报 (``failed``): in a failure file and not sent again since. A failed record counts as sent again
  when the platform export holds it (it is then 已入库 or 公示不一致) or when its ledger row gives a 报送日期
  after the failure file's date (then it waits for the platform like any record reported that day). The
  latest failure file that names a record gives its 失败原因. A failed record missing from the ledgers is
  listed too (``outside``) and counted apart from the ledger total;
* 漏报 (``missing``): in the ledger, not on the platform, more than N working days (``--wait-days``,
  :data:`WAIT_DAYS`) after its 报送日期 (its decision date when the ledger gives none) — a fact for the office
  to ask about, never an error returned to the department;
* 待入库 (``waiting``): in the ledger, not on the platform, N working days not yet past (or the count needs a
  year without holiday data);
* 未核对 (``unchecked``): no platform export was given: only 失败未重报 can be known;
* 多报 (``extra``): on the platform, not in the ledger;
* 台账无文号 / 平台无文号 (``nokey`` / ``extra_nokey``): a record without a 文号 has no key: it cannot be matched.

With ``month``, a key belongs to the month when its ledger record (else its platform record, else its failure
record) was decided in it.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sgs_cli.calendar.deadlines import PUSH_DAYS
from sgs_cli.calendar.workdays import CalendarDataMissing, WorkCalendar
from sgs_cli.errors import InputError
from sgs_cli.codes.idtext import compact_number, is_id
from sgs_cli.io.cells import compact_code
from sgs_cli.records.mapping import FAILURE_KEY
from sgs_cli.reports import decisions
from sgs_cli.reports.submissions import norm_title as _norm_text
from sgs_cli.rules.amounts import parse_amount
from sgs_cli.standard.base import FieldType
from sgs_cli.standard.departments import department_key
from sgs_cli.standard.docno import doc_key
from sgs_cli.standard.kinds import KIND, PREFIXED_KINDS, Role

if TYPE_CHECKING:
    from sgs_cli.reports.roster import Roster
    from sgs_cli.validation.engine import Report

#: working days a record may take from its 报送日期 to the platform before it counts as 漏报: the 7 working days
#: the standard gives a department to report a decision (calendar/deadlines.PUSH_DAYS) — a full reporting
#: cycle, time for the platform's exchange with the departments' 前置库 and for its failure feedback
WAIT_DAYS = PUSH_DAYS

IN, DIFF, FAILED, MISSING, WAITING, UNCHECKED, NOKEY, EXTRA, EXTRA_NOKEY = (
    "in", "diff", "failed", "missing", "waiting", "unchecked", "nokey", "extra", "extra_nokey")


@dataclass(frozen=True)
class Category:
    key: str
    label: str  # Chinese label (workbook, screen)
    ledger: bool  # part of the ledger total
    platform: bool  # part of the platform total
    rule: str  # how a record gets it (the workbook's 计算口径, README)


CATEGORIES: tuple[Category, ...] = (
    Category(IN, "已入库", True, True, "台账与平台都有（同一文号），各项内容一致"),
    Category(DIFF, "公示不一致", True, True, "台账与平台都有（同一文号），但有内容不同（逐项列出两边的值）"),
    Category(FAILED, "失败未重报", True, False,
             "在平台失败文件中，此后既未出现在平台导出中，台账也没有晚于失败文件日期的报送日期"),
    Category(MISSING, "漏报", True, False,
             "台账有、平台没有，且报送日期（无报送日期的按决定日期）后已超过等待的工作日数；是事实，不是错误"),
    Category(WAITING, "待入库", True, False, "台账有、平台没有，但报送后尚未超过等待的工作日数"),
    Category(UNCHECKED, "未核对", True, False, "未提供平台导出，无法判断是否入库"),
    Category(NOKEY, "台账无文号", True, False, "台账记录没有决定书文号，无法与平台记录对应"),
    Category(EXTRA, "多报", False, True, "平台有、台账没有"),
    Category(EXTRA_NOKEY, "平台无文号", False, True, "平台记录没有决定书文号，无法与台账记录对应"),
)
CATEGORY = {c.key: c for c in CATEGORIES}
LABEL = {c.key: c.label for c in CATEGORIES}
OUTSIDE_LABEL = "失败记录（台账外）"

#: the roles compared between a ledger record and a platform record besides the fields both kinds share
COMPARED_ROLES = (Role.DECISION_DATE, Role.DEPARTMENT, Role.SUBJECT_NAME, Role.SUBJECT_CODE, Role.PERSON_ID)
#: fields that hold a department's name (compared by department_key)
_UNIT_FIELDS = ("XK_LYDW", "CF_SJLY")


# ------------------------------------------------------------------------------------------ records

@dataclass
class Entry:
    """One record as one side holds it: its key, what a list shows, and its compared values."""

    key: str
    kind: str
    department: str
    wsh: str
    name: str  # 行政相对人名称 (a ledger: 项目名称/案件名称)
    decided: dt.date | None
    where: str  # file, sheet, row
    reported: dt.date | None = None  # 报送日期 (ledger)
    values: dict = field(default_factory=dict)  # compared field id → (normalised, shown)
    reason: str = ""  # 失败原因 (failure files)
    file_date: dt.date | None = None  # failure files: the date of the file
    file: str = ""  # the file's name as shown
    ledger_row: bool = False  # a row of a 附件2 ledger (not a 790 table): 项目名称, 报送日期, no party


def _amount(value, text: str) -> str:
    """An amount as its value (0.2, "0.20" and "0.2" are one), or its text when it is no number."""
    try:
        amount = parse_amount(value)
    except ValueError:
        return _norm_text(text)
    return "" if amount is None else str(amount.normalize())


def _values(rec, kind: str, present) -> dict:
    """The compared values of a record: field id (the role of a role field, else the field code) → (normalised,
    shown). A ledger (附件2) row gives its role fields only: its other columns have no platform counterpart."""
    k = KIND[kind]
    roles = {code: role for role, code in k.roles.items() if role in COMPARED_ROLES}
    out = {}
    for f in k.spec.fields:
        if f.code not in present or f.code == k.code(Role.DOC_NO):
            continue
        fid = roles.get(f.code, f.code)
        if not k.prefix and fid == f.code:
            continue
        shown = rec.text(f.code)
        day = rec.dates.get(f.code)
        if f.type is FieldType.DATE:
            norm = day.isoformat() if day else _norm_text(shown)
            shown = day.isoformat() if day else shown
        elif fid == Role.DEPARTMENT or f.code in _UNIT_FIELDS:
            norm = department_key(shown)
        elif f.type is FieldType.CODE:  # an ID number however spelled (codes/idtext.py), other codes compacted
            digits = compact_number(shown)
            norm = digits if is_id(digits) else compact_code(shown)
        elif f.type is FieldType.NUMBER:
            norm = _amount(rec.raw(f.code), shown)
        else:
            norm = _norm_text(shown).upper()
        out[fid] = (norm, shown)
    return out


def field_label(fid: str, kind: str) -> str:
    """The Chinese name of a compared field in a kind (the platform's kind: its 790 field names)."""
    k = KIND.get(kind) or KIND["penalty"]
    code = k.code(fid) or fid
    f = k.spec.by_code(code) if code in k.spec.codes else None
    return f.name if f else code


def _where(name: str, sheet: str, row: int) -> str:
    """Where a record is, as a clerk finds it: "台账.xlsx 行政处罚 第3行", "导出.csv 第3行", "导出.json 第2条"."""
    low = name.lower()
    if low.endswith(".json"):
        return f"{name} 第{row - 1}条"
    return f"{name} 第{row}行" if low.endswith((".csv", ".txt")) else f"{name} {sheet} 第{row}行"


def _entries(result, *, choice=None, roster=None, failures: bool = False, names=None) -> list[Entry]:
    """The records of a validated result (keep_records) as entries: of the chosen files and records when `choice`
    (submissions.choose) is given; `failures`: the records of failure files (with their 失败原因); `names`: path →
    the name to show."""
    from sgs_cli.reports.submissions import file_date

    out = []
    for fr in result.files:
        if fr.error or fr.sgs_output or (choice is not None and fr.path not in choice.files):
            continue
        recs = {(sr.sheet, r.row): (sr, r) for sr in fr.sheets if sr.records for r in sr.records}
        file_dept = None
        name = choice.name(fr.path) if choice is not None else (names or {}).get(fr.path, Path(fr.path).name)
        for d in decisions.extract(fr):
            if choice is not None and (fr.path, d.sheet, d.row) in choice.dropped:
                continue  # replaced by the record of a correction
            sr, rec = recs[(d.sheet, d.row)]
            if failures and FAILURE_KEY not in rec.values:
                continue
            if not d.department:
                if file_dept is None:
                    file_dept = decisions.file_department(fr, roster)[0]
                d.department = file_dept
            k = KIND[sr.kind]
            subject = k.code(Role.SUBJECT_NAME)
            dept = decisions.norm_department(d.department)
            if roster is not None:  # the roster's name, as the monthly report names departments
                dept = roster.match(dept) or dept
            out.append(Entry(doc_key(d.wsh), d.kind, dept, d.wsh,
                             rec.text(subject) if subject else d.title, d.decided,
                             _where(name, d.sheet, d.row), d.reported, _values(rec, sr.kind, sr.context.columns),
                             str(rec.raw(FAILURE_KEY) or "").strip() if failures else "",
                             file_date(fr.path) if failures else None, name, not k.prefix))
    return out


# --------------------------------------------------------------------------------------- inputs

def _json_rows(data) -> list[dict] | None:
    """The records of a platform's JSON export: a list of objects, or the longest list of objects found in
    an object ({"data": {"list": [...]}}, {"result": {"records": [...]}})."""
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data):
        return data
    best = None
    for v in (data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()):
        got = _json_rows(v)
        if got and (best is None or len(got) > len(best)):
            best = got
    return best


def _json_cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def json_table(path: Path, folder: Path) -> Path:
    """A platform's JSON export written as a CSV table in `folder` (the keys as the header), to be read like any
    790 table."""
    import csv

    from sgs_cli.io.textfile import MAX_TEXT_BYTES, TextTooLarge, read_bounded

    try:
        data = json.loads(read_bounded(path, 200 * MAX_TEXT_BYTES).decode("utf-8-sig"))
    except TextTooLarge:
        raise InputError(f"平台导出文件过大：{path}", "请按月份分批导出后再对账") from None
    except (UnicodeDecodeError, ValueError):
        raise InputError(f"平台导出文件不是有效的 JSON：{path}", "请确认文件是平台导出的 JSON（UTF-8 编码）") from None
    except OSError as e:
        raise InputError(f"无法读取平台导出文件：{path}（{e.strerror or e}）", "请检查路径和访问权限") from None
    rows = _json_rows(data)
    if not rows:
        raise InputError(f"平台导出文件中没有记录：{path}", "JSON 应为记录的列表，或在某个键下含有记录列表")
    keys: list[str] = []
    for r in rows:
        keys += [k for k in r if k not in keys]
    out = folder / f"{path.stem}.csv"
    n = 1
    while out.exists():
        n += 1
        out = folder / f"{path.stem}_{n}.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(keys)
        w.writerows([[_json_cell(r.get(k)) for k in keys] for r in rows])
    return out


def expand(paths) -> list[Path]:
    """Files of the given files and folders: spreadsheets as sgs finds them (io/reading.find_inputs) and JSON
    exports."""
    from sgs_cli.io.reading import find_inputs

    out: list[Path] = []
    for p in map(Path, paths or ()):
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".json")
            try:
                found += find_inputs([p])
            except InputError:
                if not found:
                    raise
            out += found
        elif p.suffix.lower() == ".json":
            if not p.is_file():
                raise InputError(f"找不到文件或文件夹：{p}", "请检查路径是否正确（含中文文件名时注意引号）")
            out.append(p)
        else:
            out += find_inputs([p])
    return out


# ------------------------------------------------------------------------------------------ result

@dataclass
class Item:
    """One line of a list: a record and its category, with the values that differ."""

    category: str
    department: str
    wsh: str
    name: str
    decided: dt.date | None
    reported: dt.date | None = None
    where: str = ""  # the ledger's file, sheet, row
    platform_where: str = ""
    note: str = ""
    diffs: list = field(default_factory=list)  # (field label, ledger value, platform value)
    failed_before: bool = False  # in a failure file, sent again since

    def to_dict(self) -> dict:
        d: dict[str, object] = {"category": self.category, "label": LABEL.get(self.category, OUTSIDE_LABEL),
             "department": self.department, "wsh": self.wsh, "name": self.name,
             "decision_date": self.decided.isoformat() if self.decided else None,
             "reported": self.reported.isoformat() if self.reported else None, "where": self.where,
             "platform_where": self.platform_where, "note": self.note, "failed_before": self.failed_before}
        if self.diffs:
            d["differences"] = [{"field": f, "ledger": a, "platform": b} for f, a, b in self.diffs]
        return d


@dataclass
class DepartmentFigures:
    department: str
    counts: Counter = field(default_factory=Counter)  # category → records
    outside: int = 0  # failed records the ledgers do not hold
    resent: int = 0  # failed records sent again since (on the platform, or reported after the failure)

    @property
    def ledger(self) -> int:
        return sum(n for c, n in self.counts.items() if CATEGORY[c].ledger)

    @property
    def platform(self) -> int:
        return sum(n for c, n in self.counts.items() if CATEGORY[c].platform)

    def to_dict(self) -> dict:
        return {"department": self.department, "ledger": self.ledger, "platform": self.platform,
                **{c.key: self.counts.get(c.key, 0) for c in CATEGORIES}, "failed_outside_ledger": self.outside,
                "failed_resent": self.resent}


@dataclass
class Reconciliation:
    today: dt.date
    wait_days: int
    month: tuple[int, int] | None
    platform_given: bool
    departments: dict = field(default_factory=dict)  # name → DepartmentFigures
    items: list = field(default_factory=list)  # Item (every record but the 已入库 ones)
    ledger_files: list = field(default_factory=list)
    platform_files: list = field(default_factory=list)
    failure_files: list = field(default_factory=list)
    unreadable: list = field(default_factory=list)  # "name：why"
    notes: list = field(default_factory=list)

    @property
    def total(self) -> DepartmentFigures:
        t = DepartmentFigures("合计")
        for f in self.departments.values():
            t.counts.update(f.counts)
            t.outside += f.outside
            t.resent += f.resent
        return t

    def of(self, category: str) -> list[Item]:
        return [i for i in self.items if i.category == category]

    def to_dict(self) -> dict:
        return {"today": self.today.isoformat(), "wait_days": self.wait_days,
                "month": f"{self.month[0]}-{self.month[1]:02d}" if self.month else None,
                "platform_given": self.platform_given,
                "categories": [{"key": c.key, "label": c.label, "ledger": c.ledger, "platform": c.platform,
                                "rule": c.rule} for c in CATEGORIES],
                "departments": [f.to_dict() for _, f in sorted(self.departments.items())],
                "total": self.total.to_dict(), "items": [i.to_dict() for i in self.items],
                "ledger_files": self.ledger_files, "platform_files": self.platform_files,
                "failure_files": self.failure_files, "unreadable": self.unreadable, "notes": self.notes}


def _diffs(mine: Entry, theirs: Entry) -> list[tuple[str, str, str]]:
    out = []
    for fid, (norm, shown) in mine.values.items():
        other = theirs.values.get(fid)
        if other is not None and other[0] != norm:
            out.append((field_label(fid, theirs.kind), shown, other[1]))
    return out


def _first(entries: list[Entry], notes: list, what: str) -> dict[str, Entry]:
    """Entries by key, the first of each key (a key twice on one side is named in the notes); keyless ones under
    their own place."""
    out: dict[str, Entry] = {}
    for e in entries:
        if not e.key:
            out[f"\0{e.where}"] = e
        elif e.key in out:
            notes.append(f"{what}中文号“{e.wsh}”出现多次（{out[e.key].where}；{e.where}），按第一条对账")
        else:
            out[e.key] = e
    return out


def _merge_ledger(entries: list[Entry], notes: list) -> dict[str, Entry]:
    """One entry per key of the departments' data: a 附件2 ledger row and a 790 row of one decision are one
    record (the 790 row's values and party, the ledger's 报送日期; both places named); a key twice in the same
    kind of table is named in the notes."""
    out: dict[str, Entry] = {}
    for e in entries:
        key = e.key or f"\0{e.where}"
        held = out.get(key)
        if held is None:
            out[key] = e
            continue
        if held.ledger_row == e.ledger_row:
            notes.append(f"台账中文号“{e.wsh}”出现多次（{held.where}；{e.where}），按一条对账")
        elif held.ledger_row:
            held.name, held.ledger_row = e.name, False
        held.where = f"{held.where}；{e.where}"
        for fid, v in e.values.items():
            held.values.setdefault(fid, v)
        held.reported = held.reported or e.reported
        if held.kind == "unknown":
            held.kind = e.kind
    return out


def _in_month(d: dt.date | None, month) -> bool:
    return month is None or (d is not None and (d.year, d.month) == tuple(month))


def reconcile(ledgers, *, failures=(), platform=(), month: tuple[int, int] | None = None,
              today: dt.date | None = None, wait_days: int = WAIT_DAYS, holidays: str | None = None,
              provisional: bool = False, roster=None, validated=None, choice=None, names=None) -> Reconciliation:
    """The reconciliation of the departments' ledgers (files and folders; or `validated`/`choice` as the monthly
    report made them) with the platform's failure files and its export (files and folders; JSON allowed)."""
    from sgs_cli.reports.monthly import unify_departments
    from sgs_cli.reports.submissions import choose
    from sgs_cli.validation.engine import ValidateOptions, validate_paths

    today = today or dt.date.today()
    cal = WorkCalendar.load(holidays, provisional=provisional)
    opts = ValidateOptions(today=today, keep_records=True, calendar=cal, holidays=holidays, provisional=provisional)
    out = Reconciliation(today, wait_days, month, bool(platform))
    if validated is None:
        validated = validate_paths([str(p) for p in ledgers], opts)
    if choice is None:
        choice = choose(validated, roster, names)
    # a ledger that cannot be read is listed (its department's platform records then show as 多报); none: no result
    out.unreadable = [f"{Path(fr.path).name}：{fr.error}" for fr in validated.files if fr.error]
    if validated.files and all(fr.error for fr in validated.files):
        raise InputError("台账都无法读取，未对账：" + "；".join(out.unreadable), "请修复或移除这些文件后重试")
    mine = _entries(validated, choice=choice, roster=roster)
    out.ledger_files = [choice.name(p) for p in choice.files]
    out.notes += choice.notes()
    with tempfile.TemporaryDirectory(prefix="sgs-platform-") as tmp:
        theirs, out.platform_files = _read_side(platform, Path(tmp), opts, out, roster)
        failed, out.failure_files = _read_side(failures, Path(tmp), opts, out, roster, failures=True)

    # one department however spelled, named by the roster or else by its fullest spelling
    canon = unify_departments({e.department for e in mine + theirs + failed}) if roster is None else {}
    for e in mine + theirs + failed:
        e.department = canon.get(e.department, e.department)
    ledger = _merge_ledger(mine, out.notes)
    plat = _first(theirs, out.notes, "平台导出")
    last_failure: dict[str, Entry] = {}
    for e in sorted(failed, key=lambda e: e.file_date or dt.date.min):
        if e.key:
            last_failure[e.key] = e  # the latest failure file naming the record gives its reason

    def counted(key: str) -> bool:
        first = ledger.get(key) or plat.get(key) or last_failure.get(key)
        return first is not None and _in_month(first.decided, month)

    def figures(dept: str) -> DepartmentFigures:
        return out.departments.setdefault(dept, DepartmentFigures(dept))

    for key, e in ledger.items():
        if not counted(key):
            continue
        fig = figures(e.department)
        item = Item("", e.department, e.wsh, e.name, e.decided, e.reported, e.where)
        fail = last_failure.get(key) if e.key else None
        other = plat.get(key) if e.key else None
        resent = fail is not None and (other is not None or (e.reported is not None and fail.file_date is not None
                                                                    and e.reported > fail.file_date))
        if not e.key:
            item.category, item.note = NOKEY, "台账中没有决定书文号"
        elif other is not None:
            item.platform_where = other.where
            item.diffs = _diffs(e, other)
            item.category = DIFF if item.diffs else IN
        elif fail is not None and not resent:
            item.category, item.note = FAILED, f"失败原因：{fail.reason or '（未写明）'}（{fail.where}）"
        elif not out.platform_given:
            item.category = UNCHECKED
        else:
            item.category, item.note = _waited(cal, e, today, wait_days)
        if fail is not None and resent:
            item.failed_before = True
            fig.resent += 1
            item.note = (item.note + "；" if item.note else "") + f"曾入库失败（{fail.reason or '未写明原因'}），已重报"
        fig.counts[item.category] += 1
        if item.category != IN or item.failed_before:
            out.items.append(item)
    for key, e in plat.items():
        if key in ledger or not counted(key):
            continue
        figures(e.department).counts[EXTRA_NOKEY if not e.key else EXTRA] += 1
        out.items.append(Item(EXTRA_NOKEY if not e.key else EXTRA, e.department, e.wsh, e.name, e.decided,
                              platform_where=e.where, note="平台记录没有决定书文号" if not e.key else ""))
    for key, e in last_failure.items():
        if key in ledger or key in plat or not counted(key):
            continue
        figures(e.department).outside += 1
        out.items.append(Item("outside", e.department, e.wsh, e.name, e.decided, where=e.where,
                              note=f"失败原因：{e.reason or '（未写明）'}；台账中没有此记录"))
    order = {c.key: i for i, c in enumerate(CATEGORIES)}
    out.items.sort(key=lambda i: (i.department, order.get(i.category, len(order)), i.wsh))
    return out


def _waited(cal: WorkCalendar, e: Entry, today: dt.date, wait_days: int) -> tuple[str, str]:
    """漏报 or 待入库 of a ledger record the platform does not hold, with the note that says why."""
    start, what = (e.reported, "报送日期") if e.reported else (e.decided, "决定日期")
    if start is None:
        return WAITING, "没有报送日期和决定日期，无法计算等待期限"
    try:
        within = cal.is_within_workdays(start, wait_days, today)
        due = cal.add_workdays(start, wait_days)
    except CalendarDataMissing as err:
        return WAITING, f"等待期限要用到{err.label}，暂按待入库"
    if within:
        return WAITING, f"{what} {start:%Y-%m-%d} 后第{wait_days}个工作日为 {due:%Y-%m-%d}，尚未到期"
    return MISSING, f"{what} {start:%Y-%m-%d} 后第{wait_days}个工作日（{due:%Y-%m-%d}）平台仍无此记录"


def _read_side(paths, tmp: Path, opts, out: Reconciliation, roster, *, failures: bool = False):
    """(entries, file names) of the platform's export or its failure files."""
    from sgs_cli.validation.engine import validate_paths

    files = expand(paths)
    shown: dict[str, str] = {}
    read = []
    for p in files:
        q = json_table(p, tmp) if p.suffix.lower() == ".json" else p
        shown[str(q)] = p.name
        read.append(str(q))
    if not read:
        return [], []
    result = validate_paths(read, opts)
    bad = []
    for fr in result.files:
        name = shown.get(fr.path, Path(fr.path).name)
        if fr.error:
            bad.append(f"{name}：{fr.error}")
        elif not any(sr.kind in PREFIXED_KINDS for sr in fr.sheets):
            bad.append(f"{name}：不是行政许可或行政处罚表（790号）")
        elif failures and not any(FAILURE_KEY in r.values for sr in fr.sheets for r in sr.records or ()):
            bad.append(f"{name}：没有“失败原因”列，不是平台的失败文件")
    if bad:  # a platform file not read would make every record of it look 漏报 (or every failure resent)
        what = "失败文件" if failures else "平台导出"
        raise InputError(f"以下{what}无法用于对账，未对账：" + "；".join(bad),
                         "失败文件应为790号表格加“失败原因”列；平台导出应为790号表格（.xlsx/.csv）或 JSON")
    entries = _entries(result, roster=roster, failures=failures, names=shown)
    return entries, [shown[q] for q in read]


@dataclass
class MonthIntake:
    """The 平台对账 of the monthly report (`monthly-report --failures/--platform`): the ledgers validated once, as
    monthly.build validates them (given to it as `validated`), then reconciled with the data it chose."""

    month: tuple[int, int]
    paths: list
    failures: list
    platform: list
    today: dt.date
    holidays: str | None = None
    provisional: bool = False
    roster: Roster | None = None
    validated: Report | None = None

    def __post_init__(self):
        from sgs_cli.validation.engine import ValidateOptions, validate_paths

        cal = WorkCalendar.load(self.holidays, provisional=self.provisional)
        self.validated = validate_paths(self.paths, ValidateOptions(
            today=self.today, keep_records=True, calendar=cal, holidays=self.holidays, provisional=self.provisional))

    def run(self, choice) -> Reconciliation:
        return reconcile(self.paths, failures=self.failures, platform=self.platform, month=self.month,
                         today=self.today, holidays=self.holidays, provisional=self.provisional, roster=self.roster,
                         validated=self.validated, choice=choice)
