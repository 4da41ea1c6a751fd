"""Working-day calendar (工作日历): statutory holidays, 调休 make-up working days, deadlines.

Data sources, merged in increasing priority:

1. built-in data of the ``chinesecalendar`` package (years 2004–2026 in version 1.11.0; imported
   lazily, only when a calendar is loaded);
2. the per-user default file, if it exists: ``holidays.json`` in the configuration folder platformdirs
   gives (``$XDG_CONFIG_HOME/sgs``, ``~/.config/sgs`` when XDG_CONFIG_HOME is unset; ``%APPDATA%\\sgs`` on
   Windows; ``~/Library/Application Support/sgs`` on macOS): :func:`default_holidays_path`;
3. the file named by the environment variable ``SGS_HOLIDAYS``;
4. an explicit file (the CLI's ``--holidays FILE``).

Override file format (UTF-8 JSON, one key per year)::

    {
      "2027": {
        "holidays": ["2027-01-01", "2027-02-05", ...],
        "workdays": ["2027-02-06", ...]
      },
      "2025": {
        "holidays": {"2025-01-01": "元旦", "2025-01-28": "春节", ...},
        "workdays": {"2025-01-26": "春节", ...}
      }
    }

* ``holidays``: the days off of the State Council schedule (法定节假日 and the days added to them by
  调休, weekends inside a holiday period may be listed too). ``workdays``: the weekend days that are
  working days (调休上班). Either may be a list of ISO dates (``YYYY-MM-DD``) or an object mapping each
  date to a name (e.g. "春节"); a missing key means an empty list.
* A year present in a file **fully replaces** the data of that year from lower-priority sources
  (use this to correct the built-in data) or adds a year that was missing. Every other day of that
  year is a working day from Monday to Friday and a rest day on Saturday and Sunday.
* A date may belong to the year before or after the key (a notice for 2019 fixed 2018-12-29 as a
  working day); such a date is applied on top of its own year's data.
* Top-level keys starting with ``_`` are ignored (use ``"_comment"`` for notes); so is an optional
  ``"note"`` string inside a year.

A day in a year for which no source has data raises :class:`CalendarDataMissing`: the calendar never
guesses a plain Monday–Friday week.

Deadlines: "自作出决定之日起N个工作日内" is read with 民法典 第二百零一条 — the decision day is not
counted, the deadline is the N-th working day after it (:meth:`WorkCalendar.add_workdays`). Do not
use ``chinese_calendar.find_workday`` for this: it is off by one when the start day is not a
working day.
"""

from __future__ import annotations

import calendar as _pycal
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterable, Mapping

from sgs_cli.standard.limits import REPORT_DAY
from sgs_cli.calendar.overrides import (
    _FORMAT_EXAMPLE,
    DateLike,
    _YearData,
    coerce_date,
    parse_override_text,
    read_override_file,
)
from sgs_cli.errors import EXIT_CALENDAR, SgsError

ENV_VAR = "SGS_HOLIDAYS"

# day kinds, as shown to users
KIND_WORKDAY = "工作日"
KIND_MAKEUP = "调休上班"
KIND_WEEKEND = "周末"
KIND_HOLIDAY = "节假日"

_WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# --------------------------------------------------------------------------------------------
# errors


def needs_calendar_text(year: int) -> str:
    """The one wording for a result that needs a year's holiday schedule: "需要2027年节假日安排"."""
    return f"需要{int(year)}年节假日安排"


PROVISIONAL_MARK = "暂定"


def builtin_info() -> tuple[str | None, int | None]:
    """(installed chinesecalendar version, last year of its data); (None, None) when not installed."""
    label, years = _builtin_layer()
    if not years:
        return None, None
    m = re.search(r"chinesecalendar ([^）]+)）", label)
    return (m.group(1) if m else None), max(years)


def _provisional_possible(year: int) -> bool:
    from sgs_cli.calendar.provisional import FIRST_YEAR, LAST_YEAR

    return FIRST_YEAR <= year <= LAST_YEAR


def upgrade_hint(year: int | None = None) -> str:
    """"已安装的 chinesecalendar 为 1.11.0 版，内置数据到 2026 年；收录2027年安排的新版本发布后，运行
    pip install -U chinesecalendar 升级即可。" — empty when the package is not installed."""
    version, last = builtin_info()
    if not version:
        return ""
    what = f"收录{year}年安排的新版本" if year else "新版本"
    return (f"已安装的 chinesecalendar 为 {version} 版，内置数据到 {last} 年；"
            f"{what}发布后，运行 pip install -U chinesecalendar 升级即可。")


class CalendarDataMissing(SgsError):
    """The calendar has no holiday/调休 data for ``year`` (exit code 4)."""

    exit_code = EXIT_CALENDAR

    def __init__(self, year: int, covered: Iterable[int] = (), default_path: Path | None = None):
        self.year = int(year)
        self.covered = sorted(set(covered))
        self.default_path = default_path if default_path is not None else default_holidays_path()
        y = self.year
        message = f"缺少 {y} 年的节假日和调休安排数据，无法计算工作日（不会按周一至周五推算）。"
        if self.covered:
            message += f"当前已有数据的年份：{_format_years(self.covered)}。"
        hint = upgrade_hint(y)
        hint += "\n" if hint else ""
        hint += (
            f"国务院办公厅通常在上一年（{y - 1} 年）10 月下旬至 12 月发布"
            f"《国务院办公厅关于{y}年部分节假日安排的通知》。通知发布后，用以下任一方式提供：\n"
            f"  1. 把通知全文存成文本文件，运行 sgs calendar {y} --from-notice 通知.txt"
            f"（自动写入默认文件）\n"
            f"  2. 运行 sgs calendar {y} --template 生成填写表，填好后用 --holidays 表格.xlsx 读取\n"
            f"  3. 命令行参数 --holidays 文件路径，或环境变量 {ENV_VAR}=文件路径\n"
            f"  4. 默认文件 {self.default_path}（存在即自动读取）\n"
            f"这些文件中的年份优先于 chinesecalendar 内置数据。\n"
            + (f"通知发布前，可加 --provisional 按法定节假日暂定计算（不含调休，结果标“{PROVISIONAL_MARK}”）。\n"
               if _provisional_possible(y) else "")
            + "JSON 文件格式：\n" + _FORMAT_EXAMPLE.format(y=y)
        )
        super().__init__(message, hint)

    @property
    def label(self) -> str:
        return needs_calendar_text(self.year)

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}"


# --------------------------------------------------------------------------------------------
# helpers


def parse_month(month) -> tuple[int, int]:
    """(year, month) from 'YYYY-MM', 'YYYY/MM', 'YYYYMM', 'YYYY年M月', a (year, month) pair or a date."""
    if isinstance(month, (date, datetime)):
        return month.year, month.month
    if isinstance(month, (tuple, list)) and len(month) == 2:
        y, m = int(month[0]), int(month[1])
    elif isinstance(month, str):
        s = month.strip()
        mt = re.fullmatch(r"(\d{4})(?:[-/.]|年)?(\d{1,2})月?", s)
        if not mt:
            raise ValueError(f"无法识别的月份：{month!r}，请写成 YYYY-MM，例如 2019-11")
        y, m = int(mt[1]), int(mt[2])
    else:
        raise ValueError(f"无法识别的月份：{month!r}，请写成 YYYY-MM，例如 2019-11")
    if not 1 <= m <= 12:
        raise ValueError(f"无法识别的月份：{month!r}，月份应在 1–12 之间")
    return y, m


def report_due_date(month, report_day: int = REPORT_DAY) -> date:
    """The due date of the monthly report for ``month``: ``report_day`` of the following month
    (clamped to the month's last day). December → January of the next year. Calendar-free."""
    y, m = parse_month(month)
    if not 1 <= int(report_day) <= 31:
        raise ValueError(f"报送日应在 1–31 之间，收到 {report_day}")
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    last = _pycal.monthrange(y, m)[1]
    return date(y, m, min(int(report_day), last))


def config_dir() -> Path:
    """The per-user configuration folder of sgs, as platformdirs finds it: the roaming AppData folder on
    Windows (…\\AppData\\Roaming\\sgs), $XDG_CONFIG_HOME/sgs or ~/.config/sgs on Linux, ~/Library/Application
    Support/sgs on macOS."""
    from platformdirs import user_config_path

    return user_config_path("sgs", appauthor=False, roaming=True)


def default_holidays_path() -> Path:
    """Per-user default override file: holidays.json in config_dir(). A file left at ~/.config/sgs by
    earlier versions (which used that folder on macOS too) is still read while the new one does not exist."""
    path = config_dir() / "holidays.json"
    earlier = Path.home() / ".config" / "sgs" / "holidays.json"
    if path != earlier and not path.exists() and earlier.exists():
        return earlier
    return path


def _format_years(years: list[int]) -> str:
    """2004–2026、2028 style compact listing."""
    if not years:
        return "无"
    parts, start, prev = [], years[0], years[0]
    for y in years[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        parts.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return "、".join(parts)


@dataclass(frozen=True)
class DayInfo:
    """One day of the calendar, for display (``sgs calendar``)."""

    date: date
    kind: str  # 工作日 / 调休上班 / 周末 / 节假日
    is_workday: bool
    name: str | None  # holiday name; for 调休上班 the holiday it makes up for; else None

    @property
    def weekday_name(self) -> str:
        return _WEEKDAY_NAMES[self.date.weekday()]


@dataclass
class ReportDue:
    """Due date of a monthly report (``report_day`` of the next month) and, when it is not a working day
    (e.g. 2026-02-15 inside the Spring Festival break), the last working day before it and the next
    working day after it — both are shown, the office decides which one its 信用办 expects."""

    due: date
    is_workday: bool | None = None  # None: the year has no calendar data
    before: date | None = None
    after: date | None = None
    break_name: str | None = None  # the holiday the due date falls in, if any
    makeup: tuple[bool, bool] = (False, False)  # before / after is a 调休 weekend working day
    missing_year: int | None = None
    provisional: bool = False

    def note(self) -> str | None:
        """What the calendar says about the due date, e.g. "春节假期，不是工作日；之前最后一个工作日
        2026年2月14日（星期六），之后第一个工作日 2026年2月24日（星期二）" or "是否工作日：需要2027年节假日安排";
        None for an ordinary working day. The same words in `deadlines` and `monthly-report`."""
        if self.missing_year is not None:
            return f"是否工作日：{needs_calendar_text(self.missing_year)}"
        mark = f"（{PROVISIONAL_MARK}）" if self.provisional else ""
        if self.is_workday:
            return "按暂定日历为工作日" if self.provisional else None
        what = f"{self.break_name}假期" if self.break_name else "休息日"
        if self.before is None or self.after is None:  # report_due sets both unless missing_year is set
            return f"{what}，不是工作日{mark}"
        b, a = (format_date_zh(d) + ("调休上班" if m else "") for d, m in zip((self.before, self.after), self.makeup))
        return f"{what}，不是工作日{mark}；之前最后一个工作日 {b}，之后第一个工作日 {a}"

    def describe(self) -> str:
        """The due date with its note: "2026年2月15日（星期日）（春节假期，不是工作日；…）"."""
        note = self.note()
        return format_date_zh(self.due) + (f"（{note}）" if note else "")

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"due": iso(self.due), "is_workday": self.is_workday, "last_workday_before": iso(self.before),
                "next_workday_after": iso(self.after), "holiday": self.break_name,
                "needs_calendar_year": self.missing_year, "provisional": self.provisional,
                "text": self.describe()}


def day_zh(d: date) -> str:
    """2026年2月15日."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_date_zh(d: date) -> str:
    """2026年2月15日（星期日）."""
    return f"{day_zh(d)}（{_WEEKDAY_NAMES[d.weekday()]}）"


# --------------------------------------------------------------------------------------------
# built-in data


_BUILTIN_CACHE: tuple[str, dict[int, _YearData]] | None = None


def _builtin_layer() -> tuple[str, dict[int, _YearData]]:
    global _BUILTIN_CACHE
    if _BUILTIN_CACHE is not None:
        return _BUILTIN_CACHE
    try:
        import chinese_calendar as cc  # lazy: keeps `import sgs_cli.calendar.workdays` fast
    except ImportError:  # pragma: no cover - dependency declared in pyproject
        _BUILTIN_CACHE = ("内置（chinesecalendar 未安装）", {})
        return _BUILTIN_CACHE
    version = getattr(cc, "__version__", "?")
    names: dict[str, str] = {}
    holiday_enum = getattr(cc, "Holiday", None)
    if holiday_enum is not None:
        for h in holiday_enum:
            names[h.value] = getattr(h, "chinese", h.value)
    hol: Mapping[date, str] = cc.holidays
    wrk: Mapping[date, str] = cc.workdays
    all_dates = list(hol) + list(wrk)
    years: dict[int, _YearData] = {}
    if all_dates:
        lo, hi = min(d.year for d in all_dates), max(d.year for d in all_dates)
        for y in range(lo, hi + 1):
            years[y] = _YearData({}, {})
    for d, n in hol.items():
        years[d.year].holidays[d] = names.get(n, n) if n else None
    for d, n in wrk.items():
        years[d.year].workdays[d] = names.get(n, n) if n else None
    _BUILTIN_CACHE = (f"内置（chinesecalendar {version}）", years)
    return _BUILTIN_CACHE


# --------------------------------------------------------------------------------------------
# override files

# --------------------------------------------------------------------------------------------
# the calendar


class WorkCalendar:
    """Working-day calendar of mainland China (State Council schedule).

    Build it with :meth:`load` (built-in data plus override files) or :meth:`builtin`.
    Every query for a day in a year without data raises :class:`CalendarDataMissing`.
    """

    def __init__(self) -> None:
        # (source label, {year: data}) in increasing priority
        self._layers: list[tuple[str, dict[int, _YearData]]] = []
        self._holidays: dict[date, str | None] = {}
        self._workdays: dict[date, str | None] = {}
        self._sources: dict[int, str] = {}
        self.files: list[str] = []  # override files that were read, in priority order
        self.provisional = False  # count a year without data with its statutory holidays (暂定)
        self._provisional_years: set[int] = set()

    # ---- construction

    @classmethod
    def builtin(cls) -> "WorkCalendar":
        """Only the built-in ``chinesecalendar`` data."""
        cal = cls()
        cal._layers.append(_builtin_layer())
        cal._rebuild()
        return cal

    @classmethod
    def load(
        cls,
        holidays_file: str | Path | None = None,
        *,
        use_env: bool = True,
        use_default_file: bool = True,
        provisional: bool = False,
    ) -> "WorkCalendar":
        """Built-in data, then the default per-user file (if it exists), then the file named by
        ``SGS_HOLIDAYS``, then ``holidays_file`` — later ones win, year by year.

        Raises :class:`CalendarFileError` for an unreadable/invalid file (a missing default file is
        simply skipped; a missing ``SGS_HOLIDAYS`` or explicit file is an error).

        ``provisional=True``: a year without data is counted with the statutory holidays of the law and
        no 调休 (see :mod:`sgs_cli.calendar.provisional`); such years are listed by :meth:`provisional_years` and
        every result that depends on them must be shown as 暂定.
        """
        cal = cls()
        cal.provisional = bool(provisional)
        cal._layers.append(_builtin_layer())
        if use_default_file:
            p = default_holidays_path()
            if p.is_file():
                cal._add_file(p)
        if use_env:
            env = os.environ.get(ENV_VAR, "").strip()
            if env:
                cal._add_file(env)
        if holidays_file:
            cal._add_file(holidays_file)
        cal._rebuild()
        return cal

    def add_file(self, path: str | Path) -> None:
        """Apply one more override file on top of what is loaded (highest priority)."""
        self._add_file(path)
        self._rebuild()

    def add_data(self, data: Mapping, source: str = "程序数据") -> None:
        """Apply override data given as a mapping in the file format (highest priority)."""
        text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
        self._layers.append((source, parse_override_text(text, source)))
        self._rebuild()

    def _add_file(self, path: str | Path) -> None:
        years = read_override_file(path)
        label = str(Path(path).expanduser())
        self._layers.append((label, years))
        self.files.append(label)

    def _rebuild(self) -> None:
        final: dict[int, tuple[str, _YearData]] = {}
        for label, years in self._layers:
            for y, yd in years.items():
                final[y] = (label, yd)
        hol: dict[date, str | None] = {}
        wrk: dict[date, str | None] = {}

        def put(d, name, is_holiday):
            (hol if is_holiday else wrk)[d] = name
            (wrk if is_holiday else hol).pop(d, None)

        # first each year's own dates, then dates a year's notice fixes in a neighbouring year
        for spill in (False, True):
            for y in sorted(final):
                yd = final[y][1]
                for d, n in yd.holidays.items():
                    if (d.year != y) == spill:
                        put(d, n, True)
                for d, n in yd.workdays.items():
                    if (d.year != y) == spill:
                        put(d, n, False)
        self._holidays, self._workdays = hol, wrk
        self._sources = {y: label for y, (label, _) in final.items()}

    # ---- coverage

    def covered_years(self) -> list[int]:
        """Years with data, ascending."""
        return sorted(self._sources)

    def has_year(self, year: int) -> bool:
        return int(year) in self._sources

    def source_of(self, year: int) -> str | None:
        """Where the data of ``year`` comes from: "内置（chinesecalendar 1.11.0）" or a file path;
        None when the year has no data."""
        return self._sources.get(int(year))

    def require_year(self, year: int) -> None:
        """Raise :class:`CalendarDataMissing` unless ``year`` has data (or, in provisional mode, a
        provisional calendar can be made for it)."""
        year = int(year)
        if year not in self._sources and not self._make_provisional(year):
            raise CalendarDataMissing(year, [y for y in self._sources if y not in self._provisional_years])

    def _make_provisional(self, year: int) -> bool:
        if not self.provisional:
            return False
        from sgs_cli.calendar import provisional as provisional_calendar

        try:
            data = provisional_calendar.year_data(year)
        except provisional_calendar.ProvisionalUnavailable:
            return False
        text = json.dumps(data, ensure_ascii=False)
        self._layers.insert(0, (provisional_calendar.SOURCE_LABEL, parse_override_text(text, provisional_calendar.SOURCE_LABEL)))
        self._provisional_years.add(year)
        self._rebuild()
        return True

    def provisional_years(self) -> list[int]:
        """Years counted with the provisional (statutory holidays only) calendar so far, ascending."""
        return sorted(self._provisional_years)

    def is_provisional(self, year: int) -> bool:
        return int(year) in self._provisional_years

    def provisional_between(self, a: DateLike | None, b: DateLike | None) -> list[int]:
        """Provisional years among the years from ``a`` to ``b`` (either order; None is skipped): a
        result counted over that span is 暂定 when this is not empty."""
        ds = [coerce_date(x) for x in (a, b) if x is not None]
        if not ds:
            return []
        lo, hi = min(ds).year, max(ds).year
        return [y for y in self.provisional_years() if lo <= y <= hi]

    # ---- single days

    def _check(self, d: DateLike) -> date:
        d = coerce_date(d)
        if d.year not in self._sources:
            self.require_year(d.year)
        return d

    def is_workday(self, d: DateLike) -> bool:
        """Working day: Monday–Friday that is not a holiday, or a 调休 weekend working day."""
        d = self._check(d)
        if d in self._workdays:
            return True
        if d in self._holidays:
            return False
        return d.weekday() < 5

    def is_restday(self, d: DateLike) -> bool:
        """Not a working day (weekend or holiday)."""
        return not self.is_workday(d)

    def is_holiday(self, d: DateLike) -> bool:
        """A day off of the holiday schedule (法定节假日 and its 调休 rest days, including weekend days
        inside a holiday period). An ordinary weekend is *not* a holiday: use :meth:`is_restday`."""
        d = self._check(d)
        return d in self._holidays

    def is_makeup_workday(self, d: DateLike) -> bool:
        """A weekend day that is a working day (调休上班)."""
        d = self._check(d)
        return d in self._workdays and d.weekday() >= 5

    def holiday_name(self, d: DateLike) -> str | None:
        """Name of the holiday ``d`` belongs to (e.g. "国庆节"), if ``d`` is a holiday and the name is
        known; None otherwise."""
        d = self._check(d)
        return self._holidays.get(d)

    def day_info(self, d: DateLike) -> DayInfo:
        d = self._check(d)
        if d in self._workdays:
            kind = KIND_MAKEUP if d.weekday() >= 5 else KIND_WORKDAY
            return DayInfo(d, kind, True, self._workdays[d] if kind == KIND_MAKEUP else None)
        if d in self._holidays:
            return DayInfo(d, KIND_HOLIDAY, False, self._holidays[d])
        if d.weekday() >= 5:
            return DayInfo(d, KIND_WEEKEND, False, None)
        return DayInfo(d, KIND_WORKDAY, True, None)

    def month_days(self, year: int, month: int) -> list[DayInfo]:
        """Every day of a month, for a calendar view."""
        self.require_year(year)
        n = _pycal.monthrange(year, month)[1]
        return [self.day_info(date(year, month, i)) for i in range(1, n + 1)]

    def holidays_of(self, year: int) -> list[tuple[date, str | None]]:
        """Holiday days off in ``year`` (sorted), with names."""
        self.require_year(year)
        return sorted((d, n) for d, n in self._holidays.items() if d.year == year)

    def makeup_workdays_of(self, year: int) -> list[tuple[date, str | None]]:
        """调休上班 weekend days in ``year`` (sorted), with the holiday each makes up for."""
        self.require_year(year)
        return sorted((d, n) for d, n in self._workdays.items() if d.year == year and d.weekday() >= 5)

    def as_override_dict(self, years: Iterable[int]) -> dict:
        """The data of ``years`` in the override-file format (e.g. to export a template)."""
        out = {}
        for y in sorted(set(years)):
            out[str(y)] = {
                "holidays": {d.isoformat(): (n or "") for d, n in self.holidays_of(y)},
                "workdays": {d.isoformat(): (n or "") for d, n in self.makeup_workdays_of(y)},
            }
        return out

    # ---- counting

    def add_workdays(self, start: DateLike, n: int, inclusive: bool = False) -> date:
        """Deadline of "自作出决定之日起 n 个工作日内".

        Default (民法典 第二百零一条): the n-th working day strictly after ``start``.
        ``inclusive=True``: ``start`` counts as day 1 when it is a working day (the n-th working day
        on or after ``start``). ``n == 0`` returns ``start``.
        """
        d = coerce_date(start)
        n = int(n)
        if n < 0:
            raise ValueError(f"工作日天数不能为负数：{n}")
        if n == 0:
            return d
        count = 0
        if inclusive and self.is_workday(d):
            count = 1
            if count == n:
                return d
        one = timedelta(days=1)
        while True:
            d += one
            if self.is_workday(d):
                count += 1
                if count == n:
                    return d

    def workdays_between(self, a: DateLike, b: DateLike) -> int:
        """Number of working days d with a < d <= b ("逾期 N 个工作日" = workdays_between(deadline,
        report_date); "剩余 N 个工作日" = workdays_between(today, deadline)). Negative when b < a:
        ``-workdays_between(b, a)``."""
        a, b = coerce_date(a), coerce_date(b)
        if b < a:
            return -self.workdays_between(b, a)
        count = 0
        one = timedelta(days=1)
        d = a + one
        while d <= b:
            if self.is_workday(d):
                count += 1
            d += one
        return count

    def is_within_workdays(self, start: DateLike, n: int, when: DateLike) -> bool:
        """Whether ``when`` is on or before the n-th working day after ``start`` (the deadline of
        :meth:`add_workdays`). Only the days up to ``when`` are looked at, so this can be answered when
        the deadline itself lies in a year without data but ``when`` does not."""
        start, when = coerce_date(start), coerce_date(when)
        if (when - start).days <= n:  # no more days than n at all, whatever the holidays: within (even
            return True  # across a year without data — a decision of 12-30 reported on 01-04)
        count = self.workdays_between(start, when)
        return count < n or (count == n and self.is_workday(when))

    def workday_ordinals(self, years: Iterable[int]):
        """The working days of the given years with data, as a sorted numpy array of date ordinals (for
        deadlines of many dates at once by ``searchsorted``); years without data are left out."""
        import numpy as np

        days = []
        for y in sorted({int(y) for y in years if int(y) in self._sources}):
            first = date(y, 1, 1).toordinal()
            for o in range(first, date(y, 12, 31).toordinal() + 1):
                if self.is_workday(date.fromordinal(o)):
                    days.append(o)
        return np.array(days, dtype=np.int64)

    def next_workday_on_or_after(self, d: DateLike) -> date:
        """``d`` itself if it is a working day, else the next working day."""
        d = coerce_date(d)
        one = timedelta(days=1)
        while not self.is_workday(d):
            d += one
        return d

    def previous_workday_on_or_before(self, d: DateLike) -> date:
        """``d`` itself if it is a working day, else the last working day before it."""
        d = coerce_date(d)
        one = timedelta(days=1)
        while not self.is_workday(d):
            d -= one
        return d

    def report_due(self, month, report_day: int = REPORT_DAY) -> "ReportDue":
        """The monthly report's due date with what the calendar says about it (see :class:`ReportDue`);
        never raises for a missing year: the parts that need it name the year instead."""
        due = report_due_date(month, report_day)
        out = ReportDue(due)
        try:
            out.is_workday = self.is_workday(due)
            if not out.is_workday:
                out.before = self.previous_workday_on_or_before(due)
                out.after = self.next_workday_on_or_after(due)
                out.break_name = self.holiday_name(due)
                out.makeup = (self.is_makeup_workday(out.before), self.is_makeup_workday(out.after))
        except CalendarDataMissing as e:
            out.missing_year = e.year
        out.provisional = bool(self.provisional_between(out.before or due, out.after or due))
        return out

    def month_report_due(self, month, report_day: int = REPORT_DAY) -> tuple[date, bool]:
        """(due date, whether it is a working day) of the monthly report for ``month``
        ('YYYY-MM' or (year, month)): ``report_day`` of the following month; December → January of
        the next year. If the due date is not a working day, callers may extend it with
        :meth:`next_workday_on_or_after` (民法典 第二百零三条)."""
        due = report_due_date(month, report_day)
        return due, self.is_workday(due)
