"""The rates as people read them (issue 30 part 6: reports/ counts, render/ says it): "84.21%", "—",
"75.00%（暂定）" while a provisional calendar year counted, "待定（0.00%–100.00%，1 条需要2027年节假日安排）" while
records need a missing one — on the screen, in the workbooks, on the pages and as the JSON's ``timeliness_text``."""

from __future__ import annotations

from sgs_cli.reports import decisions
from sgs_cli.reports.decisions import PROVISIONAL_MARK


def pct(x) -> str:
    """A rate as a percentage with two decimals; "—" when there is none."""
    return "—" if x is None else f"{x:.2%}"


def rate_text(rate: float | None, on_time: int, late: int, overdue: int, needs: int, years=(),
              provisional: int = 0) -> str:
    """The 及时率 as shown on screen and in the workbook: "84.21%", "—", "0.00%（暂定）" or
    "待定（0.00%–100.00%，1 条需要2027年节假日安排）"."""
    bounds = decisions.timeliness_bounds(on_time, late, overdue, needs) if needs else None
    if bounds is not None:  # never None with records to judge
        lo, hi = bounds
        what = decisions.needs_calendar_label(years)
        return f"待定（{lo:.2%}–{hi:.2%}，{needs} 条{what}）"
    if rate is None:
        return "—"
    return f"{rate:.2%}" + (f"（{PROVISIONAL_MARK}）" if provisional else "")


def figure_rate_text(f, key: str, years=()) -> str | None:
    """A rate of ``f`` (reports/monthly.Figures) shown as text when it is not a plain figure: "待定（…）" while
    records need a missing calendar year, "…（暂定）" when counted with a provisional year; None otherwise."""
    counts = f.rate_counts(key)
    if counts is None:
        return None
    needs = counts.get(decisions.NEEDS_CALENDAR, 0)
    provisional = f.provisional if key == "timeliness" else 0
    if not needs and not provisional:
        return None
    return rate_text(decisions.rate(counts), counts.get(decisions.ON_TIME, 0), counts.get(decisions.LATE, 0),
                     counts.get(decisions.OVERDUE, 0), needs, years, provisional)


def timeliness_text(f, years=()) -> str:
    """及时率 of ``f`` as shown on screen: "82.35%", "—", "75.00%（暂定）" or "待定（…）"."""
    text = figure_rate_text(f, "timeliness", years)
    return text if text is not None else pct(f.timeliness)


def shown_rate(f, key: str, years=()) -> str:
    """Any rate of ``f`` by its key: the text while it is 待定 or 暂定, else the percentage."""
    return figure_rate_text(f, key, years) or pct(getattr(f, key))


def calendar_notes(needs: int, years=(), provisional: int = 0, provisional_years=()) -> list[str]:
    """The warnings every output shows when records need a missing calendar year or were counted with a
    provisional one (screen, the JSON's calendar.notes, workbook 汇总)."""
    from sgs_cli.calendar.provisional import REASON

    notes = []
    if needs:
        what = decisions.needs_calendar_label(years)
        how = decisions.supply_calendar_hint(min(years)) if years else ""
        notes.append(f"{needs} 条记录{what}，暂无法判断是否按时报送，未计入及时率的分子分母（及时率待定）"
                     + (f"；{how}" if how else ""))
    if provisional:
        ys = "、".join(f"{y}年" for y in provisional_years)
        notes.append(f"{provisional} 条记录的状态按{ys or '尚无安排的年份'}的暂定日历判定，标“{PROVISIONAL_MARK}”：{REASON}")
    return notes
