import json
from datetime import date

import pytest

from sgs_cli.calendar import workdays as workcal
from sgs_cli.calendar.overrides import CalendarFileError
from sgs_cli.calendar.workdays import (
    CalendarDataMissing,
    WorkCalendar,
    default_holidays_path,
    report_due_date,
)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Never read the real user's config: HOME / XDG_CONFIG_HOME / APPDATA point into tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", str(home / "AppData" / "Roaming"))  # platformdirs on Windows
    monkeypatch.delenv(workcal.ENV_VAR, raising=False)
    return home


@pytest.fixture
def cal():
    return WorkCalendar.load()


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


D = date.fromisoformat


# ---- worked examples (docs/standard.md §6.2, docs/contract.md "Calendar and deadlines")


@pytest.mark.parametrize(
    "start, n, expected",
    [
        ("2025-09-30", 7, "2025-10-16"),
        ("2025-09-26", 7, "2025-10-13"),
        ("2026-02-13", 7, "2026-03-02"),
        ("2025-12-31", 7, "2026-01-12"),
        ("2025-09-30", 3, "2025-10-11"),  # 调休 Saturday
        ("2025-09-27", 7, "2025-10-13"),  # start on a Saturday: find_workday would give 10-14
    ],
)
def test_add_workdays_examples(cal, start, n, expected):
    assert cal.add_workdays(D(start), n) == D(expected)


def test_add_workdays_accepts_strings_and_zero(cal):
    assert cal.add_workdays("2025-09-30", 7) == D("2025-10-16")
    assert cal.add_workdays("2025-09-30", 0) == D("2025-09-30")
    with pytest.raises(ValueError):
        cal.add_workdays("2025-09-30", -1)


def test_add_workdays_inclusive(cal):
    # 2025-09-30 (Tuesday) is a working day: it counts as day 1
    assert cal.add_workdays(D("2025-09-30"), 7, inclusive=True) == D("2025-10-15")
    assert cal.add_workdays(D("2025-09-30"), 1, inclusive=True) == D("2025-09-30")
    # a Saturday does not count, inclusive or not
    assert cal.add_workdays(D("2025-09-27"), 7, inclusive=True) == D("2025-10-13")


def test_makeup_weekends(cal):
    assert D("2025-09-28").weekday() == 6
    assert cal.is_workday(D("2025-09-28")) is True
    assert cal.is_makeup_workday(D("2025-09-28")) is True
    assert D("2025-10-11").weekday() == 5
    assert cal.is_workday(D("2025-10-11")) is True
    assert cal.is_makeup_workday(D("2025-10-11")) is True
    assert D("2026-02-14").weekday() == 5
    assert cal.is_workday(D("2026-02-14")) is True
    assert cal.is_makeup_workday(D("2026-02-14")) is True
    # an ordinary weekday is a working day but not a make-up day
    assert cal.is_makeup_workday(D("2025-10-09")) is False
    # ordinary weekend
    assert cal.is_workday(D("2025-10-18")) is False
    assert cal.is_holiday(D("2025-10-18")) is False
    assert cal.is_restday(D("2025-10-18")) is True


def test_holidays(cal):
    assert cal.is_workday(D("2025-10-01")) is False
    assert cal.is_holiday(D("2025-10-01")) is True
    assert cal.holiday_name(D("2025-10-01")) == "国庆节"
    assert cal.is_holiday(D("2025-10-08")) is True  # Wednesday, last day of the 2025 国庆 break
    assert cal.is_workday(D("2025-10-09")) is True
    assert cal.holiday_name(D("2025-10-09")) is None
    assert cal.holiday_name(D("2026-01-01")) == "元旦"


def test_day_info(cal):
    info = cal.day_info("2025-10-11")
    assert (info.kind, info.is_workday, info.name, info.weekday_name) == ("调休上班", True, "国庆节", "星期六")
    assert cal.day_info("2025-10-01").kind == "节假日"
    assert cal.day_info("2025-10-18").kind == "周末"
    assert cal.day_info("2025-10-17").kind == "工作日"
    days = cal.month_days(2025, 10)
    assert len(days) == 31
    assert sum(d.is_workday for d in days) == 18


def test_year_boundary(cal):
    assert cal.is_workday(D("2025-12-31")) is True
    assert cal.is_holiday(D("2026-01-01")) is True
    assert cal.is_holiday(D("2026-01-02")) is True  # Friday, 元旦 break
    assert cal.is_workday(D("2026-01-04")) is True  # Sunday, 调休上班
    assert cal.add_workdays(D("2025-12-31"), 1) == D("2026-01-04")
    assert cal.workdays_between(D("2025-12-31"), D("2026-01-12")) == 7


def test_workdays_between(cal):
    assert cal.workdays_between(D("2025-09-30"), D("2025-10-16")) == 7
    assert cal.workdays_between(D("2025-09-30"), D("2025-09-30")) == 0
    assert cal.workdays_between(D("2025-10-01"), D("2025-10-08")) == 0
    # overdue: report on 2025-10-20, deadline 2025-10-16 → 10-17 and 10-20
    assert cal.workdays_between(D("2025-10-16"), D("2025-10-20")) == 2
    assert cal.workdays_between(D("2025-10-20"), D("2025-10-16")) == -2


def test_next_workday_on_or_after(cal):
    assert cal.next_workday_on_or_after(D("2025-10-01")) == D("2025-10-09")
    assert cal.next_workday_on_or_after(D("2025-10-09")) == D("2025-10-09")
    assert cal.next_workday_on_or_after(D("2025-10-11")) == D("2025-10-11")
    assert cal.next_workday_on_or_after(D("2019-12-15")) == D("2019-12-16")


def test_month_report_due(cal):
    assert cal.month_report_due("2019-12") == (D("2020-01-15"), True)
    # 2019-12-15 is a Sunday
    assert cal.month_report_due("2019-11") == (D("2019-12-15"), False)
    assert cal.month_report_due((2019, 11), report_day=10) == (D("2019-12-10"), True)
    assert cal.month_report_due("2025-09") == (D("2025-10-15"), True)
    assert cal.month_report_due("2025-09", report_day=1) == (D("2025-10-01"), False)
    assert report_due_date("2019年11月") == D("2019-12-15")
    assert report_due_date("201901", report_day=31) == D("2019-02-28")
    with pytest.raises(ValueError):
        report_due_date("2019-13")


def test_source_of(cal):
    assert cal.source_of(2025) == "内置（chinesecalendar 1.11.0）"
    assert cal.source_of(2027) is None
    assert cal.covered_years() == list(range(2004, 2027))
    assert cal.files == []


# ---- missing years


def test_missing_year_raises(cal):
    with pytest.raises(CalendarDataMissing) as ei:
        cal.is_workday(D("2027-01-05"))
    err = ei.value
    assert err.year == 2027
    assert err.exit_code == 4
    text = str(err)
    assert "2027" in text
    assert "国务院办公厅关于2027年部分节假日安排的通知" in text
    assert "--holidays" in text and "SGS_HOLIDAYS" in text
    assert str(default_holidays_path()) in text


def test_missing_year_in_every_query(cal):
    for call in (
        lambda: cal.add_workdays(D("2026-12-31"), 7),
        lambda: cal.is_holiday(D("2027-03-01")),
        lambda: cal.is_makeup_workday(D("2027-03-01")),
        lambda: cal.holiday_name(D("2027-03-01")),
        lambda: cal.workdays_between(D("2026-12-30"), D("2027-01-02")),
        lambda: cal.next_workday_on_or_after(D("2027-01-01")),
        lambda: cal.month_report_due("2026-12"),
        lambda: cal.is_workday(D("2003-12-31")),
    ):
        with pytest.raises(CalendarDataMissing):
            call()
    # the pure due date needs no calendar
    assert report_due_date("2026-12") == D("2027-01-15")


# ---- override files


def test_override_adds_year(tmp_path):
    f = write_json(tmp_path / "h.json", {"2027": {"holidays": ["2027-01-01"], "workdays": []}})
    cal = WorkCalendar.load(f)
    assert cal.add_workdays(D("2027-01-05"), 7) == D("2027-01-14")
    assert cal.is_holiday(D("2027-01-01")) is True
    assert cal.is_workday(D("2027-01-02")) is False  # Saturday
    assert cal.source_of(2027) == str(f)
    assert cal.source_of(2026) == "内置（chinesecalendar 1.11.0）"
    # crossing from built-in 2026 into the file's 2027
    assert cal.add_workdays(D("2026-12-31"), 1) == D("2027-01-04")


def test_override_corrects_builtin_year(tmp_path):
    cal = WorkCalendar.load()
    data = cal.as_override_dict([2025])
    data["2025"]["holidays"]["2025-10-16"] = "更正"
    f = write_json(tmp_path / "h.json", data)
    cal2 = WorkCalendar.load(f)
    assert cal2.is_holiday(D("2025-10-16")) is True
    assert cal2.add_workdays(D("2025-09-30"), 7) == D("2025-10-17")
    assert cal2.source_of(2025) == str(f)
    assert cal2.holiday_name(D("2025-10-01")) == "国庆节"


def test_override_replaces_whole_year(tmp_path):
    # a year in the file fully replaces the built-in year: 国庆 no longer exists for 2025
    f = write_json(tmp_path / "h.json", {"2025": {"holidays": ["2025-10-16"]}})
    cal = WorkCalendar.load(f)
    assert cal.is_workday(D("2025-10-01")) is True
    assert cal.is_workday(D("2025-10-11")) is False  # no longer a 调休 Saturday
    assert cal.add_workdays(D("2025-09-30"), 7) == D("2025-10-09")  # 10-01..03, 10-06..09


def test_override_with_names_and_neighbouring_year(tmp_path):
    f = write_json(
        tmp_path / "h.json",
        {
            "_comment": "测试",
            "2027": {
                "holidays": {"2027-01-01": "元旦", "2027-02-08": "春节"},
                "workdays": {"2027-02-06": "春节", "2026-12-27": "元旦"},
                "note": "示例",
            },
        },
    )
    cal = WorkCalendar.load(f)
    assert cal.holiday_name(D("2027-01-01")) == "元旦"
    assert cal.is_makeup_workday(D("2027-02-06")) is True
    assert cal.day_info(D("2027-02-06")).name == "春节"
    # a date of the neighbouring year is applied on top of that year's (built-in) data
    assert cal.is_workday(D("2026-12-27")) is True
    assert cal.source_of(2026) == "内置（chinesecalendar 1.11.0）"


def test_env_var_honoured(tmp_path, monkeypatch):
    f = write_json(tmp_path / "env.json", {"2027": {"holidays": ["2027-01-01"]}})
    monkeypatch.setenv("SGS_HOLIDAYS", str(f))
    cal = WorkCalendar.load()
    assert cal.add_workdays(D("2027-01-05"), 7) == D("2027-01-14")
    assert cal.source_of(2027) == str(f)
    assert cal.files == [str(f)]


def test_default_file_and_priority(tmp_path, monkeypatch, isolated_home):
    default = default_holidays_path()
    assert default == isolated_home / ".config" / "sgs" / "holidays.json"
    write_json(default, {"2027": {"holidays": ["2027-01-01"]}, "2028": {"holidays": ["2028-01-03"]}})
    cal = WorkCalendar.load()
    assert cal.source_of(2027) == str(default)
    assert cal.add_workdays(D("2027-01-05"), 7) == D("2027-01-14")

    env = write_json(tmp_path / "env.json", {"2027": {"holidays": ["2027-01-01", "2027-01-06"]}})
    monkeypatch.setenv("SGS_HOLIDAYS", str(env))
    cal = WorkCalendar.load()
    assert cal.source_of(2027) == str(env)
    assert cal.source_of(2028) == str(default)
    assert cal.add_workdays(D("2027-01-05"), 7) == D("2027-01-15")

    explicit = write_json(tmp_path / "cli.json", {"2027": {"holidays": ["2027-01-01", "2027-01-07"]}})
    cal = WorkCalendar.load(explicit)
    assert cal.source_of(2027) == str(explicit)
    assert cal.is_workday(D("2027-01-06")) is True
    assert cal.is_workday(D("2027-01-07")) is False
    assert cal.files == [str(default), str(env), str(explicit)]


def test_xdg_config_home_unset_uses_dot_config(monkeypatch, isolated_home):
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert default_holidays_path() == isolated_home / ".config" / "sgs" / "holidays.json"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(isolated_home / "xdg"))
    assert default_holidays_path() == isolated_home / "xdg" / "sgs" / "holidays.json"


def test_invalid_json_raises(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{\n  "2027": {"holidays": ["2027-01-01",]}\n}\n', encoding="utf-8")
    with pytest.raises(CalendarFileError) as ei:
        WorkCalendar.load(f)
    assert ei.value.line == 2
    assert str(f) in str(ei.value)
    assert "第 2 行" in str(ei.value)


@pytest.mark.parametrize(
    "data, reason, line",
    [
        ({"2027": {"holidays": ["2027/01/01"]}}, "不是 YYYY-MM-DD 格式的日期", 4),
        ({"2027": {"holidays": ["2027-02-30"]}}, "不是有效日期", 4),
        ({"2027": {"holiday": ["2027-01-01"]}}, "无法识别的键 \"holiday\"", 3),
        ({"27": {"holidays": []}}, "不是四位年份", 2),
        ({"2027": {"holidays": ["2029-01-01"]}}, "只允许 2027 年及相邻年份的日期", 4),
        ({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-01"]}}, "同时出现在", 4),
        ({"2027": ["2027-01-01"]}, "应为对象", 2),
    ],
)
def test_invalid_content_raises(tmp_path, data, reason, line):
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(CalendarFileError) as ei:
        WorkCalendar.load(f)
    assert reason in ei.value.reason
    assert ei.value.line == line


def test_missing_file_raises(tmp_path, monkeypatch):
    with pytest.raises(CalendarFileError) as ei:
        WorkCalendar.load(tmp_path / "nope.json")
    assert "文件不存在" in str(ei.value)
    assert ei.value.exit_code == 3
    monkeypatch.setenv("SGS_HOLIDAYS", str(tmp_path / "nope.json"))
    with pytest.raises(CalendarFileError):
        WorkCalendar.load()


def test_bom_file_accepted(tmp_path):
    f = tmp_path / "bom.json"
    f.write_bytes('{"2027": {"holidays": {"2027-01-01": "元旦"}}}'.encode("utf-8-sig"))
    assert WorkCalendar.load(f).holiday_name("2027-01-01") == "元旦"


def test_lazy_import():
    import subprocess
    import sys

    code = "import sys, sgs_cli.calendar.workdays; print('chinese_calendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_config_folder_is_platformdirs(isolated_home, monkeypatch):
    """The configuration folder is platformdirs' (XDG on Linux); a file an earlier version left at
    ~/.config/sgs is still read on a platform whose folder is elsewhere (macOS), until a new one exists."""
    import platformdirs

    assert workcal.config_dir() == isolated_home / ".config" / "sgs" == platformdirs.user_config_path("sgs", False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(isolated_home / "xdg"))
    assert default_holidays_path() == isolated_home / "xdg" / "sgs" / "holidays.json"
    earlier = isolated_home / ".config" / "sgs" / "holidays.json"
    earlier.parent.mkdir(parents=True)
    earlier.write_text("{}", encoding="utf-8")
    assert default_holidays_path() == earlier
    new = isolated_home / "xdg" / "sgs" / "holidays.json"
    new.parent.mkdir(parents=True)
    new.write_text("{}", encoding="utf-8")
    assert default_holidays_path() == new
