"""Provisional (暂定) calendar of a year whose State Council holiday schedule is not published yet.

The public holidays themselves are fixed in advance by law — 《全国年节及纪念日放假办法》 as revised in
November 2024 (in force from 2025-01-01), article 2:

* 元旦 1 day (1 January);
* 春节 4 days (农历除夕、正月初一至初三);
* 清明节 1 day (the day of the 清明 solar term);
* 劳动节 2 days (1 and 2 May);
* 端午节 1 day (农历五月初五);
* 中秋节 1 day (农历八月十五);
* 国庆节 3 days (1 to 3 October).

What the law does *not* fix is the yearly 调休 arrangement of the notice (国务院办公厅关于YYYY年部分节假日
安排的通知): the weekend days that become working days, the working days added to a break, and the 补休
of a holiday that falls on a weekend. A provisional year therefore has exactly the statutory days off
plus ordinary weekends and no 调休; every date computed with it is marked 暂定.

Lunar dates come from ``lunardate`` and the 清明 solar term from ``chinesecalendar`` (both maintained
libraries, no hand table).
"""

from __future__ import annotations

import datetime as dt

# the revision of the law whose holiday list is used; earlier years had other rules (春节 3 days,
# 劳动节 1 day) and are covered by published data anyway
FIRST_YEAR = 2025
LAST_YEAR = 2099  # lunardate covers lunar years up to 2099

LAW = "《全国年节及纪念日放假办法》（2024年修订）"
SOURCE_LABEL = f"暂定（按{LAW}的法定节假日推算，不含调休）"
REASON = (f"尚无国务院办公厅发布的节假日安排，暂按{LAW}规定的法定节假日（元旦1天、春节4天、清明1天、"
          "劳动节2天、端午1天、中秋1天、国庆3天）和周六、周日计算，不含调休上班和补休；"
          "正式通知发布后结果可能变化")

NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


class ProvisionalUnavailable(ValueError):
    """No provisional calendar can be made for the year (outside FIRST_YEAR..LAST_YEAR)."""


def _lunar(year: int, month: int, day: int) -> dt.date:
    from lunardate import LunarDate

    return LunarDate(year, month, day).to_solar_date()


def _qingming(year: int) -> dt.date:
    from chinese_calendar import get_solar_terms

    for d, name in get_solar_terms(dt.date(year, 3, 30), dt.date(year, 4, 10)):
        if name == "清明":
            return d
    raise ProvisionalUnavailable(f"无法计算{year}年清明节气")  # pragma: no cover - library covers 1900–2100


def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The statutory days off of ``year`` with their names ("国庆节、中秋节" when two coincide)."""
    year = int(year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ProvisionalUnavailable(
            f"只能为{FIRST_YEAR}–{LAST_YEAR}年推算暂定日历（{LAW}自2025年起施行）")
    days: dict[dt.date, list[str]] = {}

    def add(d: dt.date, name: str) -> None:
        days.setdefault(d, [])
        if name not in days[d]:
            days[d].append(name)

    add(dt.date(year, 1, 1), "元旦")
    new_year = _lunar(year, 1, 1)
    for i in range(-1, 3):  # 除夕 and 正月初一至初三
        add(new_year + dt.timedelta(days=i), "春节")
    add(_qingming(year), "清明节")
    add(dt.date(year, 5, 1), "劳动节")
    add(dt.date(year, 5, 2), "劳动节")
    add(_lunar(year, 5, 5), "端午节")
    for i in (1, 2, 3):
        add(dt.date(year, 10, i), "国庆节")
    add(_lunar(year, 8, 15), "中秋节")
    # 除夕 of the *next* lunar year can fall in this Gregorian year's last days only if the next
    # 春节 is in January; that day belongs to the next year's data, so only this year's days are kept
    return {d: "、".join(n) for d, n in sorted(days.items()) if d.year == year}


def year_data(year: int) -> dict:
    """The provisional year in the override-file format (holidays only, no workdays)."""
    return {str(year): {"holidays": {d.isoformat(): n for d, n in statutory_holidays(year).items()},
                        "workdays": {}}}


# ------------------------------------------------------------------------- a deadline in a missing year

#: how long the breaks of past notices around each statutory holiday have been, for the latest date a
#: deadline in a year without data can fall on: a one-day holiday on a Tuesday or Thursday is bridged to
#: the weekend (the Monday or Friday off), 劳动节 is 1–5 May, 国庆节 1–8 October, 春节 the day before 除夕
#: to 初七 (2026: 15–23 February). 调休 weekend working days are left out (they only bring a date earlier).
RANGE_NOTE = ("期限所在年份尚无节假日安排：最早日期按法定节假日和周末计算，最迟日期按历年通知中最长的连休"
              "（元旦等单日节日连休3天、劳动节5天、春节和国庆节8–9天）计算")


def widest_days_off(year: int) -> set[dt.date]:
    """The weekdays of ``year`` a notice has at most made days off (see RANGE_NOTE)."""
    one = dt.timedelta(days=1)
    days = set(statutory_holidays(year))
    for d in list(days):
        if d.weekday() == 1:
            days.add(d - one)
        elif d.weekday() == 3:
            days.add(d + one)
    days |= {dt.date(year, 5, i) for i in range(1, 6)} | {dt.date(year, 10, i) for i in range(1, 9)}
    eve = _lunar(year, 1, 1) - one
    days |= {eve + k * one for k in range(-1, 8)}  # 除夕 is day 0, 初七 day 7
    return {d for d in days if d.year == year}


def deadline_range(cal, start: dt.date, n: int) -> tuple[dt.date, dt.date] | None:
    """The earliest and the latest date the n-th working day after ``start`` can fall on when some of
    the days it needs lie in a year without holiday data: the days of years with data as ``cal`` says;
    those of a missing year counted with the statutory holidays only (earliest), or with the longest
    breaks of past notices (latest, :func:`widest_days_off`). None when no provisional calendar can be
    made for that year."""
    off: dict[tuple[int, bool], set[dt.date]] = {}

    def workday(d: dt.date, widest: bool) -> bool:
        if cal.has_year(d.year):
            return cal.is_workday(d)
        key = (d.year, widest)
        if key not in off:
            off[key] = widest_days_off(d.year) if widest else set(statutory_holidays(d.year))
        return d.weekday() < 5 and d not in off[key]

    try:
        out = []
        for widest in (False, True):
            d, count = start, 0
            while count < n:
                d += dt.timedelta(days=1)
                count += workday(d, widest)
            out.append(d)
    except ProvisionalUnavailable:
        return None
    return out[0], out[1]
