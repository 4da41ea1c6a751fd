"""Working-day deadlines inside `sgs validate` (issue: calendar and deadlines).

Codes:
* LATE_REPORT (error, ledger): 向同级信用平台报送日期 after the 7th working day after the decision.
* LATE_PUSH (error, ledger): 部门网站推送日期 after that deadline.
* NOT_REPORTED_OVERDUE (error, ledger): not reported and the deadline has passed (--today) — worse than
  LATE_REPORT, so at least as severe.
* REPORT_DATE_FUTURE (error, ledger): a 报送日期 or 推送日期 after --today; it is not counted as a report.
* DEADLINE_PASSED (warning, 790 sheets, one per sheet): records whose deadline is before --submit-date.
* PUBLICATION_PERIOD (warning, penalty): 公示截止期 outside the minimum/maximum of the regime of the decision
  date, for the record's 失信严重程度 (extension column), else --severity, else 一般 — the hint says which.
* SEVERITY_INVALID (warning, penalty): a 失信严重程度 that is not 轻微/一般/严重.
* PUBLICATION_NOT_REQUIRED (info, penalty decided from 2026-04-01): 警告 / 简易程序 → 轻微, 原则上不予公示.
* CALENDAR_NO_DATA (warning, one per sheet and year): records that cannot be judged because the days
  up to their 报送日期 (or today / --submit-date) lie in a year without calendar data — never a guess.
  A record whose deadline lies in that year but that was reported (or is looked at) while fewer than 7
  working days had passed is on time and needs no note.
* CALENDAR_PROVISIONAL (warning, one per sheet): with --provisional, deadlines that used a provisional
  year are marked 暂定 in the messages; this note gives the reason.
"""

from __future__ import annotations

import datetime as dt
from array import array
from functools import lru_cache

from decimal import Decimal

from dataclasses import dataclass, field, fields

from sgs_cli.findings import ERROR, INFO, WARNING, Finding
from sgs_cli.rules.base import Code, Rule, declare, make
from sgs_cli.calendar.publication import DEFAULT_SEVERITY, IF_PUBLISHED, REGIME_2025_36, check_gsjzq, normalize_severity
from sgs_cli.calendar.provisional import REASON
from sgs_cli.standard.enums import CF_FINE, CF_REVOKE, CF_SUSPEND, CF_WARNING, LB_PERSON
from sgs_cli.calendar.workdays import PROVISIONAL_MARK, CalendarDataMissing, WorkCalendar, day_zh, needs_calendar_text
from sgs_cli.rules.context import Record, SheetContext, column_letter
from sgs_cli.rules.dates import EPOCH_ORDINAL, NAT_DAY, fmt
from sgs_cli.io.cells import compact_code

from sgs_cli.calendar.deadlines import PUSH_DAYS  # noqa: E402 - the one home of the 7 working days
_CALENDAR_HINT = ("国务院办公厅通常在上一年10–12月发布{year}年节假日安排；发布后运行 sgs calendar {year} --from-notice 通知.txt "
                  "补充（或用 --holidays 文件），发布前可加 --provisional 按法定节假日暂定计算")
_PERIOD_HINT = "按{level}失信的公示期限核对（{source}）；"
#: the day 国家发展改革委令2025年第36号 (轻微失信 原则上不予公示) applies from, as the messages state it
_MINOR_FROM = day_zh(REGIME_2025_36.start)
from sgs_cli.records.mapping import LATE_NOTE_HEADER  # noqa: E402 - a late report is a fact: its reason goes there
_LATE_HINT = (f"应在作出决定之日起{PUSH_DAYS}个工作日内报送；已发生的迟报不必（也不应）修改日期，不退回，"
              f"请在“{LATE_NOTE_HEADER}”列写明原因")

CODES = declare("timeliness", {
    "LATE_REPORT": Code(ERROR, f"台账：报送信用平台超过{PUSH_DAYS}个工作日",
                        f"向同级信用平台报送超过{PUSH_DAYS}个工作日期限" "（期限{due}{mark}，实际{actual}{late}）", _LATE_HINT,
                        fact=True),
    "LATE_PUSH": Code(ERROR, f"台账：部门网站推送超过{PUSH_DAYS}个工作日",
                      f"部门网站推送超过{PUSH_DAYS}个工作日期限" "（期限{due}{mark}，实际{actual}{late}）",
                      _LATE_HINT, fact=True),
    "NOT_REPORTED_OVERDUE": Code(ERROR, "台账：尚未报送且已过期限", "尚未报送，已超过期限{due}{mark}{late}",
                                 f"请尽快向同级信用平台报送，报送后填写报送日期，并在“{LATE_NOTE_HEADER}”列写明原因", fact=True),
    "REPORT_DATE_FUTURE": Code(ERROR, "台账：报送日期或推送日期晚于统计日期（不计为已报送）", "{label}日期{date}晚于统计日期{today}",
                               "请核对日期；尚未发生的报送不计为已报送（用 --today 指定统计日期）"),
    "DEADLINE_PASSED": Code(WARNING, f"790表：按报送日期已超过{PUSH_DAYS}个工作日期限的记录",
                            "{when}，以下{n}条已超过作出决定之日起" f"{PUSH_DAYS}" "个工作日的期限：第{ranges}行{mark}",
                            "请尽快报送，并在月报告中说明迟报原因；用 --submit-date 指定实际报送日期", variants={
        "matched": ("{when}，以下{n}条已超过作出决定之日起" f"{PUSH_DAYS}" "个工作日的期限：第{ranges}行{mark}（另有{matched}条在台账"
                    "“{ledgers}”中有同一文号、同一决定日期的报送记录，按台账的报送日期判断，见台账的校验结果）",
                    "请尽快报送，并在台账中登记报送日期；用 --submit-date 指定实际报送日期")}, fact=True),
    "PUBLICATION_PERIOD": Code(WARNING, "公示截止期不在公示期限范围内（按该记录的失信严重程度）", "{problem}",
                               _PERIOD_HINT + "失信程度不同，期限不同（sgs deadlines --penalty --severity）", variants={
        "serious": ("{problem}", _PERIOD_HINT + "处罚类别含吊销许可证件或责令停产停业，可能属于严重失信：如是，请在“失信严重程度”列填"
                                 "“严重”或用 --severity 严重，不要缩短公示期")}),
    "PUBLICATION_NOT_REQUIRED": Code(INFO, f"{_MINOR_FROM}起的警告、简易程序处罚属轻微失信，原则上不予公示",
                                     "{why}，属于轻微失信：按{regime}《{title}》（" f"{_MINOR_FROM}" "起施行），轻微失信信息原则上不予公示",
                                     f"请核实是否应当公示；{IF_PUBLISHED}", fact=True),
    "SEVERITY_INVALID": Code(WARNING, "失信严重程度不是轻微、一般、严重", "失信严重程度“{text}”无法识别，按“{level}”核对公示期限",
                             "应填 轻微、一般 或 严重"),
    "CALENDAR_NO_DATA": Code(WARNING, "需要某年节假日安排，暂无法判断是否超过期限",
                             "{n}条记录{needs}，暂无法判断是否超过{days}个工作日期限（第{rows_text}行）", _CALENDAR_HINT, fact=True),
    "CALENDAR_PROVISIONAL": Code(WARNING, "期限按暂定日历（法定节假日，不含调休）计算（--provisional）",
                                 "本表标“{mark}”的期限用到{years}的暂定日历：{reason}",
                                 "正式通知发布后运行 sgs calendar 年份 --from-notice 通知.txt 补充，再重新校验", fact=True),
})


#: rows a sheet keeps for matching 790 records with ledger rows (match_ledgers); beyond it, no matching
MATCH_LIMIT = 200_000


def _ints() -> array:
    return array("i")  # 32 bits: row numbers and day ordinals


@dataclass(eq=False)
class State:
    """What the deadline rules keep per sheet (timeliness and the objection register). Per row only
    machine integers (``array``: 4 bytes a row, pickled as bytes) and the 文号 keys as joined text."""
    deadline: dict = field(default_factory=dict)  # decision date → deadline (None: needs a missing year)
    due3: dict = field(default_factory=dict)  # receipt date → 3-working-day deadline (objection register)
    no_data: dict = field(default_factory=dict)  # year without calendar data → rows that needed it
    passed: array = field(default_factory=_ints)  # 790 rows past the deadline at --submit-date
    #: 790: rows past the deadline to be matched with a ledger (match_ledgers, at most MATCH_LIMIT a batch),
    #: their decision dates (ordinals) and their 文号 keys ("\n"-joined pieces: a key has no white space)
    key_rows: array = field(default_factory=_ints)
    key_days: array = field(default_factory=_ints)
    key_texts: list = field(default_factory=list)
    #: ledger: (文号 key, decision date) → its 报送日期 (None: not reported), the first row of each key
    reported: dict = field(default_factory=dict)
    provisional: bool = False  # a deadline used a provisional calendar year
    row: int | None = None  # the row being checked (CALENDAR_NO_DATA lists rows)

    def add_keys(self, rows, keys, ordinals) -> None:
        """Rows past the deadline with their 文号 keys (or those already "\n"-joined) and decision dates
        (ordinals), for match_ledgers; rows and ordinals as ints or as the bytes of int32 arrays."""
        for kept, more in ((self.key_rows, rows), (self.key_days, ordinals)):
            if isinstance(more, bytes):
                kept.frombytes(more)
            else:
                kept.extend(more)
        self.key_texts.append(keys if isinstance(keys, str) else "\n".join(keys))

    def __eq__(self, other) -> bool:
        """Equal notes (the 文号 keys compared as one text: the row form adds them one by one, the
        columnar form a batch at a time)."""
        if type(other) is not State:
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.name != "key_texts") \
            and "\n".join(self.key_texts) == "\n".join(other.key_texts)

    def keys(self) -> dict:
        """Row → (文号 key, decision date) of the rows kept for match_ledgers."""
        if not self.key_rows:
            return {}
        texts = "\n".join(self.key_texts).split("\n")
        return {r: (t, dt.date.fromordinal(o)) for r, t, o in zip(self.key_rows, texts, self.key_days)}


def start(ctx: SheetContext) -> State:
    return State()


def combine(states: list, ctx: SheetContext) -> tuple[State, list]:
    """The notes of batches checked apart, folded into the first (rows in order)."""
    acc = states[0]
    for s in states[1:]:
        acc.passed.extend(s.passed)
        acc.key_rows.extend(s.key_rows)
        acc.key_days.extend(s.key_days)
        acc.key_texts.extend(s.key_texts)
        for key, d in s.reported.items():
            acc.reported.setdefault(key, d)
        acc.provisional = acc.provisional or s.provisional
        for year, rows in s.no_data.items():
            acc.no_data.setdefault(year, set()).update(rows)
    return acc, []
#: what a table-level finding says at each row it lists (error receipt, returned file)
ROW_TEXT = {"DEADLINE_PASSED": f"已超过作出决定之日起{PUSH_DAYS}个工作日的报送期限",
            "CALENDAR_NO_DATA": f"缺少所需年份的节假日安排，暂无法判断是否超过{PUSH_DAYS}个工作日期限"}


@lru_cache(maxsize=1 << 16)
def _gsjzq(decided: dt.date, gsjzq: dt.date, severity: str = DEFAULT_SEVERITY) -> str | None:
    return check_gsjzq(decided, gsjzq, severity)


#: 行政处罚法(2021)第五十一条: 简易程序 (当场处罚) fines up to 200 元 for a person, 3000 元 for an organisation
SIMPLE_FINE_WAN = {LB_PERSON: Decimal("0.02")}
SIMPLE_FINE_WAN_ORG = Decimal("0.3")
#: penalty types the 2025 办法 names among 严重失信 (吊销许可证件…): a period longer than 一般 allows may be right
SERIOUS_BUCKETS = frozenset({CF_REVOKE, CF_SUSPEND})
SEVERITY_SOURCE = {"column": "按“失信严重程度”列", "option": "按 --severity 指定",
                   "default": "未填写失信严重程度，按默认“一般”"}


def severity_of(rec: Record, ctx: SheetContext) -> tuple[str, str, str | None]:
    """(severity, source, the column's value when it cannot be read). Source: column | option | default."""
    from sgs_cli.records.mapping import SEVERITY_KEY

    return _severity(rec.text(SEVERITY_KEY), ctx)


def _severity(text: str, ctx: SheetContext) -> tuple[str, str, str | None]:
    if text:
        try:
            return normalize_severity(text), "column", None
        except ValueError:
            bad = text
    else:
        bad = None
    given = getattr(ctx.options, "severity", None)
    return (normalize_severity(given), "option", bad) if given else (DEFAULT_SEVERITY, "default", bad)


def minor_reason(rec: Record, severity: str, source: str) -> str | None:
    """Why a penalty looks 轻微 (简易程序 / 警告), or None."""
    if source == "column":
        return "失信严重程度为“轻微”" if severity == "轻微" else None
    if _warning_only(rec.buckets):
        return "处罚类别仅为警告（通报批评）"
    if any(SIMPLE_PROCEDURE in rec.text(c) for c in SIMPLE_PROCEDURE_FIELDS):
        return "注明按简易程序作出"
    if _fine_only(rec.buckets) and _fine_within(rec.raw("CF_NR_FK"), SIMPLE_FINE_WAN.get(rec.category or "", SIMPLE_FINE_WAN_ORG)):
        who = "公民200元" if rec.category == LB_PERSON else "法人或其他组织3000元"
        return f"罚款数额在简易程序限额内（行政处罚法第五十一条：{who}以下）"
    return None


# the conditions of minor_reason, each written once for the row form and the columnar form's masks
#: the words in 处罚内容 / 处罚事由 / 备注 that say the penalty was decided by 简易程序
SIMPLE_PROCEDURE, SIMPLE_PROCEDURE_FIELDS = "简易程序", ("CF_NR", "CF_SY", "BZ")
#: the largest 简易程序 fine of any 相对人类别 (the columnar form's first sieve)
SIMPLE_FINE_WAN_MAX = max(SIMPLE_FINE_WAN_ORG, *SIMPLE_FINE_WAN.values())


def _warning_only(buckets) -> bool:
    """处罚类别 is 警告 (通报批评) and nothing else."""
    return bool(buckets) and buckets <= {CF_WARNING}


def _fine_only(buckets) -> bool:
    """处罚类别 is 罚款 and nothing else."""
    return buckets == {CF_FINE}


def _fine_within(v, limit: Decimal) -> bool:
    """Whether a 罚款金额 cell is a positive amount up to ``limit`` (万元); a cell that is not an amount is
    not (amounts.py reports it)."""
    from sgs_cli.rules.amounts import parse_amount

    try:
        fine = parse_amount(v)
    except ValueError:
        return False
    return fine is not None and 0 < fine <= limit


def calendar_of(ctx: SheetContext) -> WorkCalendar:
    return options_calendar(ctx.options)


def options_calendar(opts) -> WorkCalendar:
    """The working-day calendar of a run's options (ValidateOptions), loaded on first use and kept on them."""
    cal = getattr(opts, "calendar", None)
    if cal is None:
        cal = WorkCalendar.load(getattr(opts, "holidays", None), provisional=getattr(opts, "provisional", False))
        if opts is not None:
            opts.calendar = cal
    return cal


def deadline(ctx: SheetContext, state: State, decided: dt.date) -> dt.date | None:
    """7-working-day deadline, memoised per sheet; None when it needs a year without calendar data
    (the record may still be judged with :func:`_within`)."""
    cache = state.deadline
    if decided in cache:
        return cache[decided]
    try:
        due = calendar_of(ctx).add_workdays(decided, PUSH_DAYS)
    except CalendarDataMissing:
        due = None
    cache[decided] = due
    return due


def _within(ctx: SheetContext, state: State, decided: dt.date, when: dt.date) -> bool | None:
    """Whether ``when`` is within the deadline, looking only at the days up to ``when``; None (and the
    record counted for CALENDAR_NO_DATA) when even that needs a missing year."""
    try:
        return calendar_of(ctx).is_within_workdays(decided, PUSH_DAYS, when)
    except CalendarDataMissing as e:
        no_data(state, e.year)
        return None


def no_data(state: State, year: int) -> None:
    state.no_data.setdefault(year, set()).add(state.row)


def _mark(ctx: SheetContext, state: State, decided: dt.date, until: dt.date) -> str:
    """"（暂定）" when counting from ``decided`` to ``until`` used a provisional calendar year."""
    if calendar_of(ctx).provisional_between(decided, until):
        state.provisional = True
        return f"（{PROVISIONAL_MARK}）"
    return ""


def late_days(ctx: SheetContext, due: dt.date, actual: dt.date) -> int | None:
    try:
        return calendar_of(ctx).workdays_between(due, actual)
    except CalendarDataMissing:  # the record is late all the same; only the count needs that year
        return None


def ledger_check(rec: Record, ctx: SheetContext, state: State):
    jd = rec.dates.get("JDRQ")
    if not jd:
        return
    state.row = rec.row
    key = compact_code(rec.text("WSH"))
    if key and (key, jd) not in state.reported and len(state.reported) < MATCH_LIMIT:
        bs = rec.dates.get("BSRQ")
        state.reported[(key, jd)] = bs if bs and jd <= bs <= ctx.today else None
    due = deadline(ctx, state, jd)
    for code, err, label in (("BSRQ", "LATE_REPORT", "向同级信用平台报送"), ("TSRQ", "LATE_PUSH", "部门网站推送")):
        if code not in ctx.columns:
            continue
        d = rec.dates.get(code)
        future = d is not None and d > ctx.today
        if d is not None and future:
            yield ctx.emit("REPORT_DATE_FUTURE", rec, code, label=label, date=fmt(d), today=fmt(ctx.today))
            d = None  # not a report (yet)
        if d and d < jd:
            continue  # DATE_ORDER reports it
        if d:
            if due is None:
                _within(ctx, state, jd, d)  # within: on time although the deadline needs a missing year
            elif d > due:
                n = late_days(ctx, due, d)
                yield ctx.emit(err, rec, code, due=fmt(due), mark=_mark(ctx, state, jd, d), actual=fmt(d),
                               late=f"，逾期{n}个工作日" if n else "")
        elif code == "BSRQ" and (future or not rec.text(code)):
            if due is None:
                _within(ctx, state, jd, ctx.today)
            elif ctx.today > due:
                n = late_days(ctx, due, ctx.today)
                yield ctx.emit("NOT_REPORTED_OVERDUE", rec, code, due=fmt(due), mark=_mark(ctx, state, jd, ctx.today),
                               late=f"（逾期{n}个工作日）" if n else "")


def record_check(rec: Record, ctx: SheetContext, state: State):
    """790 sheets: collect records past the deadline at --submit-date; check 公示截止期."""
    jd = rec.dates.get(ctx.k("JDRQ"))
    if not jd:
        return
    state.row = rec.row
    submit = getattr(ctx.options, "submit_date", None) or ctx.today
    due = deadline(ctx, state, jd)
    if due is None:
        _within(ctx, state, jd, submit)
    elif submit > due:
        state.passed.append(rec.row)
        if len(state.key_rows) < MATCH_LIMIT:
            state.add_keys((rec.row,), (compact_code(rec.text(ctx.k("WSH"))),), (jd.toordinal(),))
        _mark(ctx, state, jd, submit)
    if ctx.prefix == "CF":
        yield from _penalty_findings(rec, ctx, jd)


def _penalty_findings(rec: Record, ctx: SheetContext, jd: dt.date):
    """A penalty record's findings: 失信严重程度, 公示截止期, 轻微失信 (nothing kept in the sheet's state)."""
    sev, source, bad = severity_of(rec, ctx)
    if bad is not None:
        col = ctx.extensions.get("_XYCD")
        yield make("SEVERITY_INVALID", row=rec.row, column=None if col is None else column_letter(col), value=bad,
                   text=bad, level=sev)
    gs = rec.dates.get("CF_GSJZQ")
    if gs:
        msg = _gsjzq(jd, gs, sev)
        if msg:
            serious = source != "column" and sev != "严重" and rec.buckets & SERIOUS_BUCKETS
            yield ctx.emit("PUBLICATION_PERIOD", rec, "CF_GSJZQ", variant="serious" if serious else "",
                           problem=msg, level=sev, source=SEVERITY_SOURCE[source])
    if jd >= REGIME_2025_36.start:
        why = minor_reason(rec, sev, source)
        if why:
            yield ctx.emit("PUBLICATION_NOT_REQUIRED", rec, "CF_CFLB", why=why, regime=REGIME_2025_36.name,
                           title=REGIME_2025_36.title)


def row_ranges(rows: list[int]) -> str:
    """Every row, consecutive runs joined: [3, 4, 5, 7] → "3–5、7" (nothing cut off)."""
    parts, i = [], 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        parts.append(str(rows[i]) if j == i else f"{rows[i]}–{rows[j]}")
        i = j + 1
    return "、".join(parts)


def _rows(rows) -> str:
    rows = sorted(r for r in rows if r)
    return "、".join(str(r) for r in rows[:20]) + ("等" if len(rows) > 20 else "")


def finish(ctx: SheetContext, state: State, report=None, days: int = PUSH_DAYS) -> list[Finding]:
    """DEADLINE_PASSED, CALENDAR_NO_DATA and CALENDAR_PROVISIONAL of the sheet, from its notes."""
    out = []
    mark = f"（期限按{PROVISIONAL_MARK}日历计算）" if state.provisional else ""
    if state.passed:
        submit = getattr(ctx.options, "submit_date", None)
        when = f"按报送日期{fmt(submit)}" if submit else f"若今天（{fmt(ctx.today)}）报送"
        rows = sorted(set(state.passed))  # an array of ints: no numpy on the row engine's path (a small sheet)
        out.append(make("DEADLINE_PASSED", row=ctx.header_row, rows=rows, when=when, n=len(rows),
                        ranges=row_ranges(rows), mark=mark))
    for year, rows in sorted(state.no_data.items()):
        out.append(make("CALENDAR_NO_DATA", row=ctx.header_row, rows=sorted(r for r in rows if r), n=len(rows),
                        needs=needs_calendar_text(year), days=days, rows_text=_rows(rows), year=year))
    if state.provisional:
        years = "、".join(f"{y}年" for y in calendar_of(ctx).provisional_years())
        out.append(make("CALENDAR_PROVISIONAL", row=ctx.header_row, mark=PROVISIONAL_MARK, years=years, reason=REASON))
    return out


def reads(ctx: SheetContext) -> tuple:
    """The fields ``record_check`` reads (its dates come parsed from the dates family)."""
    from sgs_cli.records.mapping import SEVERITY_KEY

    return (ctx.k("JDRQ"), ctx.k("WSH"), "CF_GSJZQ", SEVERITY_KEY, "CF_NR", "CF_SY", "BZ", "CF_NR_FK", "CF_CFLB")


def _deadlines(ctx: SheetContext, state: State, decided: list) -> None:
    """The 7-working-day deadlines of the given decision dates into ``state.deadline``: one
    ``searchsorted`` over the working days of the years concerned; a date whose count reaches a year
    without data is left to :func:`deadline`."""
    import numpy as np

    cal = calendar_of(ctx)
    need = [d for d in decided if d not in state.deadline]
    if dt.date.max in need:  # no day after it: the row form's own lookup
        need.remove(dt.date.max)
        deadline(ctx, state, dt.date.max)
    if not need:
        return
    after = [d.toordinal() + 1 for d in need]
    first = [dt.date.fromordinal(o).year for o in after]
    days = cal.workday_ordinals({y for f in first for y in (f, f + 1)})
    at = np.searchsorted(days, np.asarray(after, dtype=np.int64) - 1, side="right") + (PUSH_DAYS - 1)
    for d, y, i in zip(need, first, at.tolist()):
        due = dt.date.fromordinal(int(days[i])) if i < len(days) else None
        # every day from the day after the decision to the deadline lies in years with data
        if due is not None and cal.has_year(y) and due.year - y <= 1:
            state.deadline[d] = due
        else:
            deadline(ctx, state, d)


def _missing_year(ctx: SheetContext, decided: dt.date, when: dt.date) -> int | None:
    """The year without data that :func:`_within` notes for a record decided then, looked at ``when``."""
    try:
        calendar_of(ctx).is_within_workdays(decided, PUSH_DAYS, when)
    except CalendarDataMissing as e:
        return e.year
    return None


def _small_fine(v) -> bool:
    """Whether a 罚款金额 may be within a 简易程序 limit (minor_reason looks closer, by 相对人类别)."""
    return _fine_within(v, SIMPLE_FINE_WAN_MAX)


def _columns(fr, ctx: SheetContext, state: State) -> list:
    """Columnar form. The sheet's notes from masks: deadlines per distinct decision date (_deadlines),
    the rows past it at --submit-date appended in row order, CALENDAR_NO_DATA rows per distinct date.
    Penalties: the rows whose 失信严重程度 cannot be read, whose 公示截止期 lies outside the band of their
    decision date and severity (ordinals against per-(date, severity) bounds), or that may be 轻微失信
    decided from 2026-04-01 get the row form's findings part; the others have nothing to say. With
    --provisional (the calendar grows while rows are read: 暂定 marks depend on row order) the row form
    runs on every row."""
    decision = ctx.k("JDRQ")
    codes = reads(ctx)
    cal = calendar_of(ctx)
    if cal.provisional:
        out = []
        for k, d in enumerate(fr.date_column(decision)):
            if d:
                out.extend(record_check(fr.light(k, codes), ctx, state))
        return out
    import numpy as np

    days = fr.date_days(decision)
    rows = np.flatnonzero(days != NAT_DAY)
    if not len(rows):
        return []
    numbers = np.asarray(fr.numbers, dtype=np.int64)
    state.row = int(numbers[rows[-1]])
    distinct, inverse = np.unique(days[rows], return_inverse=True)  # each decision date judged once
    jdi = np.full(fr.n, -1, dtype=np.int64)  # per row the index of its decision date in ``decided``, or -1
    jdi[rows] = inverse.reshape(-1)
    decided = [dt.date.fromordinal(d + EPOCH_ORDINAL) for d in distinct.tolist()]
    _deadlines(ctx, state, decided)
    submit = getattr(ctx.options, "submit_date", None) or ctx.today
    dues = [state.deadline[d] for d in decided]
    passed_at = np.array([due is not None and submit > due for due in dues] + [False], dtype=bool)
    passed = np.flatnonzero(passed_at[jdi])  # jdi -1: the False appended
    state.passed.frombytes(numbers[passed].astype(np.int32).tobytes())
    room = MATCH_LIMIT - len(state.key_rows)
    if room > 0 and len(passed):
        kept = passed[:room]
        state.add_keys(numbers[kept].astype(np.int32).tobytes(), fr.compacted_joined(ctx.k("WSH"), kept, "\n"),
                       (days[kept] + EPOCH_ORDINAL).astype(np.int32).tobytes())
    for i, due in enumerate(dues):
        if due is None:
            year = _missing_year(ctx, decided[i], submit)
            if year is not None:
                state.no_data.setdefault(year, set()).update(numbers[jdi == i].tolist())
    if ctx.prefix != "CF":
        return []
    return _penalty_columns(fr, ctx, decided, jdi, codes)


@lru_cache(maxsize=1 << 16)
def _band(decided: dt.date, severity: str) -> tuple[int, int]:
    """The ordinals a 公示截止期 may lie between for a decision of that date and severity (the regime's
    minimum and maximum period; no regime: any date)."""
    from sgs_cli.calendar.publication import band

    got = band(decided, severity)
    if got is None:
        return -1, 1 << 40
    return got[2].toordinal(), got[3].toordinal()


def _penalty_columns(fr, ctx: SheetContext, decided: list, jdi, codes: tuple) -> list:
    """The penalty findings of _columns (``jdi``: per row the index of its decision date in ``decided``, or -1)."""
    import numpy as np
    from sgs_cli.records.mapping import SEVERITY_KEY

    jd_ord = np.array([d.toordinal() for d in decided] + [0], dtype=np.int64)[jdi]
    # severity per distinct text
    levels: dict = {}  # (severity, source, bad) → index
    sevi = fr.each_distinct(fr.text(SEVERITY_KEY), lambda t: levels.setdefault(_severity(t, ctx), len(levels)), np.int64)
    level = list(levels)
    suspect = np.array([bad is not None for _, _, bad in level], dtype=bool)[sevi]
    # 公示截止期 against the band of (decision date, severity)
    gsjzq = fr.date_days("CF_GSJZQ")
    has_gs = (gsjzq != NAT_DAY) & (jdi >= 0)
    if has_gs.any():
        pair = jdi * len(level) + sevi
        keys, inverse = np.unique(pair[has_gs], return_inverse=True)
        lo = np.empty(len(keys), dtype=np.int64)
        hi = np.empty(len(keys), dtype=np.int64)
        for i, key in enumerate(keys.tolist()):
            lo[i], hi[i] = _band(decided[key // len(level)], level[key % len(level)][0])
        g = gsjzq[has_gs] + EPOCH_ORDINAL
        suspect[has_gs] |= (g < lo[inverse]) | (g > hi[inverse])
    # 轻微失信 (minor_reason) from 2026-04-01
    later = (jdi >= 0) & (jd_ord >= REGIME_2025_36.start.toordinal())
    if later.any():
        source = np.array([src == "column" for _, src, _ in level], dtype=bool)[sevi]
        minor = np.array([sev == "轻微" for sev, _, _ in level], dtype=bool)[sevi]
        # per row: 0 other, 1 警告 only, 2 罚款 only
        kind = fr.each_distinct(fr.buckets, lambda b: 1 if _warning_only(b) else 2 if _fine_only(b) else 0, np.int8)
        maybe = kind == 1
        for code in SIMPLE_PROCEDURE_FIELDS:
            maybe |= fr.contains(code, SIMPLE_PROCEDURE)
        fines = kind == 2
        if fines.any():
            raw = fr.raw("CF_NR_FK")
            floats: dict = {}
            texts: dict = {}
            for k in np.flatnonzero(fines & later & ~source & ~maybe).tolist():
                v = raw[k]
                m = floats if type(v) is float else texts if type(v) is str else None
                if m is None:
                    maybe[k] = _small_fine(v)
                else:
                    got = m.get(v)
                    if got is None:
                        got = m[v] = _small_fine(v)
                    maybe[k] = got
        suspect |= later & np.where(source, minor, maybe)
    suspect &= jdi >= 0
    out = []
    ks = np.flatnonzero(suspect).tolist()
    for k, rec in zip(ks, fr.lights(ks, codes)):
        out.extend(_penalty_findings(rec, ctx, decided[jdi[k]]))
    return out


#: licence and penalty sheets: deadlines at --submit-date, 公示截止期, 轻微失信
RECORD_RULE = Rule("timeliness", CODES, row=record_check, start=start, combine=combine, finish=finish, reads=reads,
                   columns=_columns)
#: 双公示台账: 报送 and 推送 dates against the deadline
LEDGER_RULE = Rule("timeliness", CODES, row=ledger_check, start=start, combine=combine, finish=finish)


def match_ledgers(report) -> None:
    """`validate` on several files: a 790 record past its deadline that a ledger of the run reports (same 文号
    key and decision date, as the monthly report matches them: reports/monthly.merge_ledgers) is judged by the
    ledger's 报送日期 — the ledger's own LATE_REPORT says whether it was late — and leaves DEADLINE_PASSED,
    which says so. A ledger row without a 报送日期 leaves the record where it is."""
    from pathlib import Path

    reported: dict = {}
    where: dict = {}
    for fr in report.files:
        for sr in fr.sheets:
            st = sr.context.states.get("timeliness") if sr.kind == "ledger" and sr.context is not None else None
            for key, d in (st.reported.items() if st is not None else ()):
                if key not in reported:
                    reported[key], where[key] = d, Path(fr.path).name
    if not any(reported.values()):
        return
    for fr in report.files:
        for sr in fr.sheets:
            if sr.kind not in ("license", "penalty") or sr.context is None:
                continue
            st = sr.context.states.get("timeliness")
            if st is None or not st.key_rows:
                continue
            keys = st.keys()
            for i, f in enumerate(sr.findings):
                if f.code != "DEADLINE_PASSED" or not f.rows:
                    continue
                matched = [r for r in f.rows if reported.get(keys.get(r))]
                if not matched:
                    continue
                done = set(matched)
                rest = [r for r in f.rows if r not in done]
                if not rest:
                    sr.findings[i] = None
                    continue
                p = f.params or {}
                ledgers = "、".join(sorted({where[keys[r]] for r in matched}))
                sr.findings[i] = make("DEADLINE_PASSED", variant="matched", severity=f.severity, row=f.row, rows=rest,
                                      when=p.get("when", ""), n=len(rest), ranges=row_ranges(rest),
                                      mark=p.get("mark", ""), matched=len(matched), ledgers=ledgers)
            sr.findings = [f for f in sr.findings if f is not None]


#: what a listing says of a record 原则上不予公示 (the one wording: export, deadlines --publication, monthly)
NOT_REQUIRED_LABEL = "原则上不予公示"


def not_required_rows(sr) -> dict[int, str]:
    """Row → why, of the records of a checked penalty sheet that are 原则上不予公示: the very decision of
    `validate` (PUBLICATION_NOT_REQUIRED: regime by decision date, 失信严重程度 of the record, 警告 / 简易程序),
    read from the sheet's findings so that every tool applies the same rule."""
    return {f.row: (f.params or {}).get("why", "") for f in sr.findings
            if f.code == "PUBLICATION_NOT_REQUIRED" and f.row}
