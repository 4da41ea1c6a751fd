"""Dates: parse every date cell, report non-standard spellings, check the order of dates.

Codes: DATE_INVALID (error), DATE_NONSTANDARD (info), DATE_IMPLAUSIBLE (error: before 1949 or after
2099, e.g. the 1900-01-01 sentinel), DATE_FUTURE (error: a decision after --today), DATE_ORDER (error),
DATE_BEFORE_DECISION (warning: 有效期自 before the decision, possible for renewals).
"""

from __future__ import annotations

import datetime as dt

from sgs_cli.standard import FieldType
from sgs_cli.standard.enums import PLACEHOLDERS
from sgs_cli.io.cells import LONG_TERM_DATE, DateParseError, parse_date
from sgs_cli.findings import ERROR, INFO, WARNING
from sgs_cli.rules.base import Code, Rule, declare, ordered
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard.limits import EARLIEST_DATE

_MIN = EARLIEST_DATE
_TODAY_HINT = "如需按其他日期校验，请用 --today 指定"

CODES = declare("dates", {
    "DATE_INVALID": Code(ERROR, "不是日期或日期不存在", "“{name}”{problem}", "{how}"),
    "DATE_NONSTANDARD": Code(INFO, "日期写法不规范（标准为YYYY/MM/DD）", "“{name}”的日期写法不规范（{note}）",
                             "标准格式为 YYYY/MM/DD，即 {date}"),
    "DATE_IMPLAUSIBLE": Code(ERROR, "日期不合理（如1900-01-01）", "“{name}”为{date}，不是合理的日期",
                             "请填写真实日期（长期有效填2099/12/31）"),
    "DATE_FUTURE": Code(ERROR, "决定日期晚于今天", "决定日期{date}晚于今天（{today}）", "请核对决定日期；" + _TODAY_HINT,
                        variants={"ledger": ("行政决定日期{date}晚于今天（{today}）", "请核对决定日期；" + _TODAY_HINT),
                                  "objection": ("收到日期{date}晚于今天（{today}）", "请核对收到日期；" + _TODAY_HINT),
                                  "register": ("{label}{date}晚于今天（{today}）", "请核对日期；" + _TODAY_HINT)}),
    "DATE_ORDER": Code(ERROR, "日期先后顺序错误", "有效期至{later}早于有效期自{earlier}", "请核对有效期；长期有效填2099/12/31",
                       variants={"penalty": ("{label}{later}早于处罚决定日期{earlier}", "{label}不能早于处罚决定日期"),
                                 "ledger": ("{label}{later}早于行政决定日期{earlier}", "报送、推送不能早于作出决定"),
                                 "objection": ("{label}{later}早于收到日期{earlier}", "请核对日期"),
                                 "register": ("{label}{later}早于报送日期{earlier}", "请核对日期：更新应在首次报送之后"),
                                 "repair": ("{label}{later}早于{prior}{earlier}",
                                            "请核对日期：原处罚决定、申请、受理、修复决定、撤下应依次在后")}),
    "DATE_BEFORE_DECISION": Code(WARNING, "有效期自早于许可决定日期", "有效期自{start}早于许可决定日期{decided}",
                                 "延续许可时可能如此，否则请核对"),
})


def fmt(d: dt.date) -> str:
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"


def _is_date(f) -> bool:
    return f.type is FieldType.DATE


def parse_all(rec: Record, ctx: SheetContext):
    """Parse the record's date cells into rec.dates and yield the parse findings."""
    for code, f in ctx.present(_is_date):
        v = rec.raw(code)
        if v is None or v == "" or (type(v) is str and not v.strip()):
            continue
        if type(v) is str and rec.text(code).lower() in PLACEHOLDERS:
            continue  # required.py reports the placeholder
        try:
            d, note = parse_date(v)
        except DateParseError as e:
            yield ctx.emit("DATE_INVALID", rec, code, name=f.name, problem=e.message, how=e.hint)
            continue
        if d < _MIN or (d > LONG_TERM_DATE):
            yield ctx.emit("DATE_IMPLAUSIBLE", rec, code, name=f.name, date=fmt(d))
            continue
        rec.dates[code] = d
        if note:
            yield ctx.emit("DATE_NONSTANDARD", rec, code, name=f.name, note=note, date=fmt(d))


def check(rec: Record, ctx: SheetContext, state=None):
    yield from parse_all(rec, ctx)
    yield from _ordering(rec, rec.dates, ctx, ctx.k("JDRQ"))


def _parsed(v, text: str):
    """What parse_all makes of one cell: None (blank or a placeholder), ("invalid", message, hint),
    ("implausible", date) or ("ok", date, note)."""
    if v is None or v == "" or (type(v) is str and not v.strip()):
        return None
    if type(v) is str and text.lower() in PLACEHOLDERS:
        return None
    try:
        d, note = parse_date(v)
    except DateParseError as e:
        return ("invalid", e.message, e.hint)
    if d < _MIN or (d > LONG_TERM_DATE):
        return ("implausible", d)
    return ("ok", d, note)


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: every date column parsed once per distinct cell (its text before normalisation and
    its type: all parse_date reads of it); the dates kept on the frame per column (``fr.set_date_columns``)
    for the families after this one; the order checks as masks over numpy dates, the row form's order
    checks run only on the rows a mask picks."""
    import numpy as np

    present = ctx.present(_is_date)
    out = []
    parsed: dict = {}
    for fi, (code, f) in enumerate(present):
        if not fr.has(code):
            continue
        kinds, when, notes, _, inverse = parsed[code] = _parse_column(fr, code)
        bad = (kinds == 1) | (kinds == 2) | ((kinds == 3) & (notes != None))  # noqa: E711 (object array)
        for k in np.flatnonzero(bad[inverse]).tolist() if bad.any() else ():
            i = inverse[k]
            if kinds[i] == 1:
                problem, how = notes[i]
                out.append((k, fi, 0, ctx.emit("DATE_INVALID", fr.cell(k, code), code, name=f.name, problem=problem,
                                               how=how)))
            elif kinds[i] == 2:
                out.append((k, fi, 0, ctx.emit("DATE_IMPLAUSIBLE", fr.cell(k, code), code, name=f.name,
                                               date=fmt(when[i]))))
            else:
                out.append((k, fi, 0, ctx.emit("DATE_NONSTANDARD", fr.cell(k, code), code, name=f.name,
                                               note=notes[i], date=fmt(when[i]))))
    ok = {code: np.where(kinds == 3, when, None)[inverse].tolist() for code, (kinds, when, _, _, inverse) in parsed.items()}
    days = {code: day[inverse] for code, (_, _, _, day, inverse) in parsed.items()}
    fr.set_date_columns(ok, {code: day.view(np.int64) for code, day in days.items()})
    after, decision = len(present), ctx.k("JDRQ")
    for k in np.flatnonzero(_order_masks(fr.n, days, ctx, decision)).tolist():
        d = {code: col[k] for code, col in ok.items() if col[k] is not None}
        for j, finding in enumerate(_order(fr, k, d, ctx, decision)):
            out.append((k, after, j, finding))
    return ordered(out)


#: what _judged made of a cell, by (type, cell): dates repeat from frame to frame (bounded: cleared when full)
_JUDGED: dict = {}
NAT_DAY = -(1 << 63)  # numpy's NaT as int64 days: no date
_EPOCH = dt.date(1970, 1, 1)  # day 0 of numpy's datetime64[D]
EPOCH_ORDINAL = _EPOCH.toordinal()  # a day number plus this is the date's ordinal


def _judged(v, text: str) -> tuple:
    """_parsed of a cell as (kind, date, note, day number): kind 0 blank or a placeholder, 1 invalid (note:
    (message, hint)), 2 implausible, 3 a date (note: its spelling note or None); the day number of a kind 3
    date since 1970-01-01 (numpy's datetime64[D]), else NaT. A cell is told by its type and value (its text
    follows from them), judged once per distinct cell of the sheet."""
    key: tuple | None = (type(v), v)
    try:
        return _JUDGED[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable cell value
        key = None
    got = _parsed(v, text)
    if got is None:
        out = (0, None, None, NAT_DAY)
    elif got[0] == "invalid":
        out = (1, None, got[1:], NAT_DAY)
    elif got[0] == "implausible":
        out = (2, got[1], None, NAT_DAY)
    else:
        out = (3, got[1], got[2] or None, (got[1] - _EPOCH).days)
    if key is not None:
        if len(_JUDGED) >= 1 << 16:
            _JUDGED.clear()
        _JUDGED[key] = out
    return out


def _parse_column(fr, code: str):
    """A date column's distinct cells parsed — per distinct cell its kind (0 blank or a placeholder,
    1 invalid, 2 implausible, 3 a date), its date (kinds 2 and 3), its note ((message, hint) of 1, the
    spelling note of 3, else None), its numpy date (NaT but for kind 3) — and each row's distinct cell. A
    cell is told by its text before normalisation and its type: parse_date reads nothing else of it."""
    import numpy as np

    raw, texts = fr.raw(code), fr.text(code)
    _, first, inverse = fr.distinct_cells([code])
    judged = [_judged(raw[k], texts[k]) for k in first.tolist()]
    m = len(judged)
    kinds = np.fromiter((j[0] for j in judged), np.int8, count=m)
    when = np.empty(m, object)
    notes = np.empty(m, object)
    when[:], notes[:] = [j[1] for j in judged], [j[2] for j in judged]
    days = np.fromiter((j[3] for j in judged), np.int64, count=m).view("datetime64[D]")
    return kinds, when, notes, days, inverse


def _order_masks(n: int, days: dict, ctx: SheetContext, decision: str):
    """The rows on which ``_ordering`` finds something (numpy dates, NaT where a row has none)."""
    import numpy as np

    def col(code: str):
        got = days.get(code)
        return got if got is not None else np.full(n, np.datetime64("NaT"), "datetime64[D]")

    jd = col(decision)
    hit = jd > np.datetime64(ctx.today, "D")
    if ctx.prefix == "XK":
        start, end = col("XK_YXQZ"), col("XK_YXQZI")
        hit |= (start > end) | (start < jd)
    elif ctx.prefix == "CF":
        hit |= (col("CF_YXQ") < jd) | (col("CF_GSJZQ") < jd)
    return hit


class _At:
    """What ctx.emit reads of a record (its row and a raw cell), for row k of a frame."""

    __slots__ = ("row", "_fr", "_k")

    def __init__(self, fr, k: int):
        self.row, self._fr, self._k = fr.numbers[k], fr, k

    def raw(self, code: str):
        return self._fr.raw(code)[self._k]


def _order(fr, k: int, d: dict, ctx: SheetContext, decision: str):
    """The checks of ``check`` after parse_all, on the dates of row k."""
    return _ordering(_At(fr, k), d, ctx, decision)


def _ordering(at, d: dict, ctx: SheetContext, decision: str):
    """The decision date against today and the other dates in order; ``at`` a Record or a frame's row."""
    jd = d.get(decision)
    if jd and jd > ctx.today:
        yield ctx.emit("DATE_FUTURE", at, decision, date=fmt(jd), today=fmt(ctx.today))
    if ctx.prefix == "XK":
        start, end = d.get("XK_YXQZ"), d.get("XK_YXQZI")
        if start and end and start > end:
            yield ctx.emit("DATE_ORDER", at, "XK_YXQZI", later=fmt(end), earlier=fmt(start))
        if start and jd and start < jd:
            yield ctx.emit("DATE_BEFORE_DECISION", at, "XK_YXQZ", start=fmt(start), decided=fmt(jd))
    elif ctx.prefix == "CF" and jd:
        for code, label in (("CF_YXQ", "处罚有效期"), ("CF_GSJZQ", "公示截止期")):
            other = d.get(code)
            if other and other < jd:
                yield ctx.emit("DATE_ORDER", at, code, variant="penalty", label=label, later=fmt(other),
                               earlier=fmt(jd))


RULE = Rule("dates", CODES, row=check, columns=columns)
