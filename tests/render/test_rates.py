"""The rates as shown (render/rates.py): the exact texts of 及时率 plain, 暂定 and 待定, from counts built by hand."""

from __future__ import annotations

from collections import Counter

from sgs_cli.render.rates import calendar_notes, figure_rate_text, pct, rate_text, shown_rate, timeliness_text
from sgs_cli.reports.monthly import Figures


def test_rate_text():
    assert rate_text(16 / 19, 16, 2, 1, 0) == "84.21%"
    assert rate_text(None, 0, 0, 0, 0) == "—"
    assert rate_text(0.0, 0, 1, 0, 0, provisional=1) == "0.00%（暂定）"
    # 1 of 4 undecided: between 2/4 (it turns out late) and 3/4 (on time)
    assert rate_text(None, 2, 1, 0, 1, [2027]) == "待定（50.00%–75.00%，1 条需要2027年节假日安排）"
    assert rate_text(None, 0, 0, 0, 1) == "待定（0.00%–100.00%，1 条需要节假日安排）"


def test_pct():
    assert (pct(None), pct(2 / 3), pct(1)) == ("—", "66.67%", "100.00%")


def test_figures():
    plain = Figures(penalty=3, status=Counter(on_time=2, late=1),
                    by_kind={"license": Counter(), "penalty": Counter(on_time=2, late=1)})
    assert figure_rate_text(plain, "timeliness") is None  # a plain figure: no text of its own
    assert figure_rate_text(plain, "compliance") is None  # not a 及时率
    assert timeliness_text(plain) == "66.67%"
    assert (shown_rate(plain, "penalty_timeliness"), shown_rate(plain, "licence_timeliness")) == ("66.67%", "—")
    open_ = Figures(penalty=4, status=Counter(on_time=2, late=1, needs_calendar=1),
                    by_kind={"license": Counter(), "penalty": Counter(on_time=2, late=1, needs_calendar=1)})
    assert timeliness_text(open_, [2027]) == "待定（50.00%–75.00%，1 条需要2027年节假日安排）"
    assert shown_rate(open_, "penalty_timeliness", [2027]) == "待定（50.00%–75.00%，1 条需要2027年节假日安排）"
    provisional = Figures(penalty=2, status=Counter(on_time=1, late=1), provisional=1)
    assert timeliness_text(provisional) == "50.00%（暂定）"
    assert timeliness_text(Figures()) == "—"


def test_calendar_notes():
    from sgs_cli.calendar.provisional import REASON
    from sgs_cli.reports.decisions import needs_calendar_label, supply_calendar_hint

    assert calendar_notes(0, []) == []
    assert calendar_notes(2, [2027]) == ["2 条记录需要2027年节假日安排，暂无法判断是否按时报送，未计入及时率的分子分母（及时率待定）；"
                                         + supply_calendar_hint(2027)]
    assert calendar_notes(1, [], 1, [2027]) == [
        "1 条记录需要节假日安排，暂无法判断是否按时报送，未计入及时率的分子分母（及时率待定）",
        f"1 条记录的状态按2027年的暂定日历判定，标“暂定”：{REASON}"]
    assert needs_calendar_label([2027, 2028]) == "需要2027年节假日安排、需要2028年节假日安排"
    assert needs_calendar_label([]) == "需要节假日安排"
