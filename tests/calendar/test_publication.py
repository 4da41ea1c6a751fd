from datetime import date

import pytest

from sgs_cli.calendar import workdays as workcal
from sgs_cli.calendar.publication import (
    REGIME_58,
    REGIME_527,
    REGIME_2025_36,
    add_months,
    check_gsjzq,
    normalize_severity,
    period_dates,
    regime_for,
)

D = date.fromisoformat


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Never read the real user's config (publication does not need it, but stay hermetic)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    monkeypatch.delenv(workcal.ENV_VAR, raising=False)


@pytest.mark.parametrize(
    "decision, code",
    [
        ("2019-06-30", None),
        ("2015-01-01", None),
        ("2019-07-01", "527"),
        ("2023-04-30", "527"),
        ("2023-05-01", "58"),
        ("2026-03-31", "58"),
        ("2026-04-01", "2025-36"),
        ("2030-01-01", "2025-36"),
    ],
)
def test_regime_boundaries(decision, code):
    r = regime_for(D(decision))
    assert (r.code if r else None) == code


def test_regime_names_and_starts():
    assert regime_for("2019-07-01") is REGIME_527
    assert REGIME_527.name == "发改办财金〔2019〕527号"
    assert REGIME_527.start == D("2019-07-01")
    assert REGIME_58.name == "国家发展改革委令2023年第58号"
    assert REGIME_58.start == D("2023-05-01")
    assert REGIME_2025_36.name == "国家发展改革委令2025年第36号"
    assert REGIME_2025_36.start == D("2026-04-01")
    assert REGIME_2025_36.end is None


def test_limits():
    assert tuple(REGIME_527.limits("一般")) == (3, 12)
    assert tuple(REGIME_527.limits("严重")) == (6, 36)
    for sev in ("轻微", "一般", "严重"):
        assert tuple(REGIME_58.limits(sev)) == (3, 36)
    assert tuple(REGIME_2025_36.limits("一般")) == (3, 12)
    assert tuple(REGIME_2025_36.limits("严重")) == (12, 36)
    light = REGIME_2025_36.limits("轻微")
    assert light.published is False
    assert light.max_months == 3
    assert "原则上不予公示" in light.note
    assert REGIME_2025_36.limits("一般").published is True
    lo, hi = REGIME_527.limits("严重失信")
    assert (lo, hi) == (6, 36)
    assert REGIME_527.limits() == REGIME_527.limits("一般")


def test_bad_severity():
    assert normalize_severity(None) == "一般"
    assert normalize_severity("严重失信行为") == "严重"
    with pytest.raises(ValueError) as ei:
        normalize_severity("特别严重")
    assert "轻微、一般 或 严重" in str(ei.value)


@pytest.mark.parametrize(
    "d, months, expected",
    [
        ("2019-08-31", 6, "2020-02-29"),
        ("2019-08-31", 3, "2019-11-30"),
        ("2020-02-29", 12, "2021-02-28"),
        ("2019-12-15", 1, "2020-01-15"),
        ("2019-07-01", 36, "2022-07-01"),
        ("2019-07-01", 0, "2019-07-01"),
    ],
)
def test_add_months(d, months, expected):
    assert add_months(D(d), months) == D(expected)


def test_period_dates():
    assert period_dates(D("2019-08-31"), "严重") == (D("2020-02-29"), D("2022-08-31"))
    assert period_dates(D("2019-08-31"), "一般") == (D("2019-11-30"), D("2020-08-31"))
    assert period_dates(D("2023-05-01"), "一般") == (D("2023-08-01"), D("2026-05-01"))
    assert period_dates(D("2026-04-01"), "严重") == (D("2027-04-01"), D("2029-04-01"))
    assert period_dates(D("2026-04-01"), "轻微") == (D("2026-04-01"), D("2026-07-01"))
    assert period_dates(D("2019-06-30"), "一般") is None
    pd = period_dates("2020-01-10")
    assert pd.earliest_repair == D("2020-04-10")
    assert pd.latest_takedown == D("2021-01-10")


def test_check_gsjzq_ok():
    assert check_gsjzq(D("2020-01-10"), D("2021-01-10")) is None  # exactly the maximum
    assert check_gsjzq(D("2020-01-10"), D("2020-04-10")) is None  # exactly the minimum
    assert check_gsjzq(D("2020-01-10"), D("2022-01-10"), "严重") is None
    assert check_gsjzq(D("2024-01-10"), D("2027-01-10")) is None  # Order 58: 3 years for any severity
    assert check_gsjzq(D("2019-06-30"), D("2099-12-31")) is None  # no regime before 2019-07-01


def test_check_gsjzq_over_max():
    msg = check_gsjzq(D("2020-01-10"), D("2021-01-11"))
    assert msg == (
        "公示截止期 2021-01-11 超过最长公示期限：按发改办财金〔2019〕527号，一般失信行为最长公示 1 年，"
        "自决定日期 2020-01-10 起不晚于 2021-01-10。请改为不晚于 2021-01-10 的日期，或核对失信程度。"
    )
    msg = check_gsjzq(D("2024-01-10"), D("2099-12-31"), "严重")
    assert msg.startswith("公示截止期 2099-12-31 超过最长公示期限：按国家发展改革委令2023年第58号，")
    assert "最长公示 3 年" in msg and "不晚于 2027-01-10" in msg
    assert "2099-12-31”一类长期公示的写法不符合规定" in msg
    msg = check_gsjzq(D("2026-04-01"), D("2027-04-02"), "一般")
    assert "国家发展改革委令2025年第36号" in msg and "不晚于 2027-04-01" in msg
    msg = check_gsjzq(D("2026-04-01"), D("2026-07-02"), "轻微")
    assert "轻微失信行为最长公示 3 个月" in msg


def test_check_gsjzq_under_min():
    msg = check_gsjzq(D("2020-01-10"), D("2020-04-09"))
    assert msg == (
        "公示截止期 2020-04-09 短于最短公示期限：按发改办财金〔2019〕527号，一般失信行为最短公示 3 个月，"
        "自决定日期 2020-01-10 起不早于 2020-04-10。请核对公示截止期或失信程度。"
    )
    msg = check_gsjzq(D("2026-04-01"), D("2027-03-31"), "严重")
    assert "严重失信行为最短公示 1 年" in msg and "不早于 2027-04-01" in msg
    msg = check_gsjzq(D("2020-01-10"), D("2019-12-31"))
    assert msg.startswith("公示截止期 2019-12-31 早于处罚决定日期 2020-01-10。")


def test_check_gsjzq_accepts_strings():
    assert check_gsjzq("2020-01-10", "2021/01/10") is None
