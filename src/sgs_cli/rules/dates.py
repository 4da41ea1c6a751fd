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
from sgs_cli.rules.context import Record, SheetContext
from sgs_cli.standard.limits import EARLIEST_DATE

_MIN = EARLIEST_DATE


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
            yield ctx.error("DATE_INVALID", rec, code, f"“{f.name}”{e.message}", e.hint)
            continue
        if d < _MIN or (d > LONG_TERM_DATE):
            yield ctx.error("DATE_IMPLAUSIBLE", rec, code, f"“{f.name}”为{fmt(d)}，不是合理的日期",
                            "请填写真实日期（长期有效填2099/12/31）")
            continue
        rec.dates[code] = d
        if note:
            yield ctx.info("DATE_NONSTANDARD", rec, code, f"“{f.name}”的日期写法不规范（{note}）",
                           f"标准格式为 YYYY/MM/DD，即 {fmt(d)}")


def check(rec: Record, ctx: SheetContext):
    yield from parse_all(rec, ctx)
    d = rec.dates
    decision = ctx.k("JDRQ")
    jd = d.get(decision)
    if jd and jd > ctx.today:
        yield ctx.error("DATE_FUTURE", rec, decision, f"决定日期{fmt(jd)}晚于今天（{fmt(ctx.today)}）",
                        "请核对决定日期；如需按其他日期校验，请用 --today 指定")
    if ctx.prefix == "XK":
        start, end = d.get("XK_YXQZ"), d.get("XK_YXQZI")
        if start and end and start > end:
            yield ctx.error("DATE_ORDER", rec, "XK_YXQZI", f"有效期至{fmt(end)}早于有效期自{fmt(start)}",
                            "请核对有效期；长期有效填2099/12/31")
        if start and jd and start < jd:
            yield ctx.warning("DATE_BEFORE_DECISION", rec, "XK_YXQZ", f"有效期自{fmt(start)}早于许可决定日期{fmt(jd)}",
                              "延续许可时可能如此，否则请核对")
    elif ctx.prefix == "CF" and jd:
        for code, label in (("CF_YXQ", "处罚有效期"), ("CF_GSJZQ", "公示截止期")):
            other = d.get(code)
            if other and other < jd:
                yield ctx.error("DATE_ORDER", rec, code, f"{label}{fmt(other)}早于处罚决定日期{fmt(jd)}",
                                f"{label}不能早于处罚决定日期")
