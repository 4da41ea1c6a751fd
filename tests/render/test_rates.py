"""The rates as shown (render/rates.py): the exact texts of 及时率 plain, 暂定 and 待定, from counts built by hand."""

from __future__ import annotations

from collections import Counter

from sgs_cli.render.rates import figure_rate_text, pct, rate_text, shown_rate, timeliness_text
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
