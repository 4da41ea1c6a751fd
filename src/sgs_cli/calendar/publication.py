"""Publication-period regimes for 行政处罚信息 (docs/standard.md §3).

The regime is chosen by the decision date (行政处罚决定日期):

* before 2019-07-01: none defined (``regime_for`` returns None);
* 2019-07-01 … 2023-04-30: 发改办财金〔2019〕527号 — 一般 3–12 months, 严重 6–36 months;
* 2023-05-01 … 2026-03-31: 国家发展改革委令2023年第58号 — one band, 3–36 months, any severity;
* from 2026-04-01: 国家发展改革委令2025年第36号《信用修复管理办法》 — 一般 3–12 months,
  严重 12–36 months, 轻微 原则上不予公示 (if published anyway: at most 3 months).

Periods are counted from the decision date; month arithmetic clamps to the month's last day
(2019-08-31 + 6 months = 2020-02-29).
"""

from __future__ import annotations

import calendar as _pycal
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator, NamedTuple

from sgs_cli.calendar.overrides import DateLike, coerce_date

SEVERITIES = ("轻微", "一般", "严重")
DEFAULT_SEVERITY = "一般"


@dataclass(frozen=True)
class Limits:
    """Minimum and maximum publication period in months. Unpacks as ``(min_months, max_months)``.

    ``published`` is False when records of this severity are 原则上不予公示 (then ``max_months`` is
    the maximum if a sector authority publishes them anyway).
    """

    min_months: int
    max_months: int
    published: bool = True
    note: str = ""

    def __iter__(self) -> Iterator[int]:
        return iter((self.min_months, self.max_months))


@dataclass(frozen=True)
class Regime:
    code: str  # "527", "58", "2025-36"
    name: str  # document number, e.g. "发改办财金〔2019〕527号"
    title: str
    start: date  # first day the regime applies (by decision date)
    end: date | None  # last day, None = still in force
    bands: dict[str, Limits] = field(repr=False, compare=False, hash=False)
    notes: tuple[str, ...] = ()

    def limits(self, severity: str = DEFAULT_SEVERITY) -> Limits:
        """Limits for 轻微 / 一般 / 严重 (also accepts "一般失信" etc.)."""
        return self.bands[normalize_severity(severity)]

    def applies_to(self, decision_date: DateLike) -> bool:
        d = coerce_date(decision_date)
        return d >= self.start and (self.end is None or d <= self.end)


def normalize_severity(severity: str | None) -> str:
    if severity is None or str(severity).strip() == "":
        return DEFAULT_SEVERITY
    s = str(severity).strip()
    for suffix in ("失信行为", "失信信息", "失信"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    if s not in SEVERITIES:
        raise ValueError(f"无法识别的失信程度：{severity!r}，应为 轻微、一般 或 严重")
    return s


REGIME_527 = Regime(
    code="527",
    name="发改办财金〔2019〕527号",
    title="国家发展改革委办公厅关于进一步完善“信用中国”网站及地方信用门户网站行政处罚信息信用修复机制的通知",
    start=date(2019, 7, 1),
    end=date(2023, 4, 30),
    bands={
        "轻微": Limits(3, 12, True, "527号未单列轻微失信，按一般失信行为处理"),
        "一般": Limits(3, 12),
        "严重": Limits(6, 36),
    },
    notes=(
        "特定严重失信行为（如食品药品、生态环境、工程质量、安全生产、消防安全等领域被责令停产停业或吊销许可证）"
        "公示期为 3 年，不得提前修复。",
        "法律、法规、规章另有规定的从其规定。",
    ),
)

REGIME_58 = Regime(
    code="58",
    name="国家发展改革委令2023年第58号",
    title="失信行为纠正后的信用信息修复管理办法（试行）",
    start=date(2023, 5, 1),
    end=date(2026, 3, 31),
    bands={
        "轻微": Limits(3, 36),
        "一般": Limits(3, 36),
        "严重": Limits(3, 36),
    },
    notes=(
        "特种设备、安全生产、消防领域最短公示期为 1 年。",
        "同一决定含多种处罚类型的，按最长的公示期限执行。",
    ),
)

REGIME_2025_36 = Regime(
    code="2025-36",
    name="国家发展改革委令2025年第36号",
    title="信用修复管理办法",
    start=date(2026, 4, 1),
    end=None,
    bands={
        "轻微": Limits(0, 3, False, "轻微失信信息原则上不予公示；确需公示的，公示期最长 3 个月"),
        "一般": Limits(3, 12),
        "严重": Limits(12, 36),
    },
    notes=("轻微失信信息原则上不予公示（如简易程序作出的处罚、警告、通报批评）。",),
)

REGIMES: tuple[Regime, ...] = (REGIME_527, REGIME_58, REGIME_2025_36)
#: 轻微失信 under 国家发展改革委令2025年第36号 is 原则上不予公示; published anyway, for at most this many months
MINOR_MAX_MONTHS = REGIME_2025_36.limits("轻微").max_months
#: the clause the outputs add to a 轻微失信 record (问题明细, the export's note, the publication list)
IF_PUBLISHED = f"确需公示的，公示期最长{MINOR_MAX_MONTHS}个月"


def regime_for(decision_date: DateLike) -> Regime | None:
    """The regime that applies to a penalty decided on ``decision_date``; None before 2019-07-01."""
    d = coerce_date(decision_date)
    for r in REGIMES:
        if r.applies_to(d):
            return r
    return None


def add_months(d: DateLike, months: int) -> date:
    """``d`` plus ``months`` calendar months, clamped to the end of the target month."""
    d = coerce_date(d)
    total = d.year * 12 + (d.month - 1) + int(months)
    y, m = divmod(total, 12)
    m += 1
    return date(y, m, min(d.day, _pycal.monthrange(y, m)[1]))


class PeriodDates(NamedTuple):
    earliest_repair: date  # decision date + minimum period: repair / early end possible from then
    latest_takedown: date  # decision date + maximum period: must be taken down by then


def period_dates(decision_date: DateLike, severity: str = DEFAULT_SEVERITY) -> PeriodDates | None:
    """(earliest repair date, latest take-down date) for a penalty; None before 2019-07-01."""
    d = coerce_date(decision_date)
    regime = regime_for(d)
    if regime is None:
        return None
    lo, hi = regime.limits(severity)
    return PeriodDates(add_months(d, lo), add_months(d, hi))


def _months_text(months: int) -> str:
    if months and months % 12 == 0:
        return f"{months // 12} 年"
    return f"{months} 个月"


def band(d: date, severity: str):
    """(regime, its limits for the severity, the earliest and the latest 公示截止期) of a decision of date
    ``d``; None when no regime applies (any date then). The one definition of the band: check_gsjzq and
    the columnar form of rules/timeliness use it."""
    regime = regime_for(d)
    if regime is None:
        return None
    lim = regime.limits(severity)
    return regime, lim, add_months(d, lim.min_months), add_months(d, lim.max_months)


def check_gsjzq(decision_date: DateLike, gsjzq: DateLike, severity: str = DEFAULT_SEVERITY) -> str | None:
    """Check 公示截止期 (CF_GSJZQ) against the regime's period limits.

    Returns None when it is within [decision + min, decision + max] (or no regime applies), else a
    Chinese message with a fix hint. A "long-term" value such as 2099-12-31 exceeds the maximum.
    """
    d = coerce_date(decision_date)
    end = coerce_date(gsjzq)
    sev = normalize_severity(severity)
    got = band(d, sev)
    if got is None:
        return None
    regime, lim, earliest, latest = got
    single_band = len({(b.min_months, b.max_months) for b in regime.bands.values()}) == 1
    label = "行政处罚信息" if single_band else f"{sev}失信行为"
    if end < earliest:
        if end < d:
            return (
                f"公示截止期 {end.isoformat()} 早于处罚决定日期 {d.isoformat()}。"
                f"按{regime.name}，{label}公示期为 {_months_text(lim.min_months)}至 {_months_text(lim.max_months)}，"
                f"公示截止期应在 {earliest.isoformat()} 至 {latest.isoformat()} 之间，请核对两个日期。"
            )
        return (
            f"公示截止期 {end.isoformat()} 短于最短公示期限：按{regime.name}，{label}最短公示"
            f" {_months_text(lim.min_months)}，自决定日期 {d.isoformat()} 起不早于 {earliest.isoformat()}。"
            f"请核对公示截止期或失信程度。"
        )
    if end > latest:
        long_term = end.year >= 2099
        extra = "“2099-12-31”一类长期公示的写法不符合规定，" if long_term else ""
        return (
            f"公示截止期 {end.isoformat()} 超过最长公示期限：按{regime.name}，{label}最长公示"
            f" {_months_text(lim.max_months)}，自决定日期 {d.isoformat()} 起不晚于 {latest.isoformat()}。"
            f"{extra}请改为不晚于 {latest.isoformat()} 的日期，或核对失信程度。"
        )
    return None
