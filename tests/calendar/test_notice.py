"""The State Council holiday notice read as published (`sgs calendar YEAR --from-notice`), the fill-in
sheet (`--template`, read back by `--holidays`) and the provisional calendar of a year without a notice.

The notices in tests/data/notices/ (2017, 2024, 2025, 2026; sources in tests/data/SOURCE.md) must give
exactly chinesecalendar's days off and 调休 working days of their year, day by day. 2024 is there for its
"鼓励……安排职工在除夕（2月9日）休息" sentence, which is not a day off.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import chinese_calendar as cc
import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli.calendar import provisional as P
from sgs_cli.calendar.overrides import read_sheet
from sgs_cli.cli.app import app
from sgs_cli.calendar.notice import NoticeError, parse_notice
from sgs_cli.calendar.overrides import CalendarFileError
from sgs_cli.calendar.workdays import WorkCalendar

D = dt.date
NOTICES = Path(__file__).resolve().parents[1] / "data" / "notices"


def notice(year: int) -> str:
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")


def run(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


@pytest.fixture(autouse=True)
def _config_home(tmp_path, monkeypatch):
    """Every test gets its own empty default override file location."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)
    return tmp_path / "config" / "sgs" / "holidays.json"


# ------------------------------------------------------------------------------ round trip


@pytest.mark.parametrize("year, n_off, n_work", [(2017, 24, 5), (2024, 28, 8), (2025, 28, 5), (2026, 33, 6)])
def test_published_notice_reproduces_chinesecalendar_day_by_day(year, n_off, n_work):
    s = parse_notice(notice(year), year)
    assert s.warnings == []
    assert set(s.holidays) == {d for d in cc.holidays if d.year == year}
    assert set(s.workdays) == {d for d in cc.workdays if d.year == year}
    assert (len(s.holidays), len(s.workdays)) == (n_off, n_work)
    # the same through the calendar: every day of the year is a working day exactly when it is one in
    # the built-in data
    mine = WorkCalendar.load(use_default_file=False, use_env=False)
    mine.add_data({str(year): s.override_entry()}, "通知")
    builtin = WorkCalendar.builtin()
    day = D(year, 1, 1)
    while day.year == year:
        assert mine.is_workday(day) == builtin.is_workday(day), day
        assert mine.is_holiday(day) == builtin.is_holiday(day), day
        day += dt.timedelta(days=1)


def test_item_names_and_old_wording():
    s = parse_notice(notice(2017), 2017)
    assert [i.name for i in s.items] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节、国庆节"]
    # "1月1日放假，1月2日（星期一）补休": both days off; "5月1日放假，与周末连休": only 5-1 is listed
    assert s.items[0].holidays == [D(2017, 1, 1), D(2017, 1, 2)]
    assert s.items[3].holidays == [D(2017, 5, 1)] and s.items[3].workdays == []
    assert s.workdays[D(2017, 9, 30)] == "中秋节、国庆节"


def test_encouragement_sentence_is_not_a_day_off():
    s = parse_notice(notice(2024), 2024)
    assert D(2024, 2, 9) not in s.holidays  # 除夕 2024 was a working day
    assert s.notes == ["“春节”：“鼓励各单位结合带薪年休假等制度落实,安排职工在除夕(2月9日)休息。”是倡议，不是放假安排，未采用"]
    r = run("calendar", "2024", "--from-notice", NOTICES / "2024.txt")
    assert r.exit_code == 0, r.output
    assert "说明：“春节”：“鼓励各单位" in r.stdout and "警告" not in r.stdout


def test_half_width_punctuation_and_one_line_paste():
    text = ("国务院办公厅关于2026年部分节假日安排的通知 一、元旦:1月1日(周四)至3日(周六)放假调休,共3天。"
            "1月4日(周日)上班。 二、春节:2月15日(农历腊月二十八、周日)至23日(农历正月初七、周一)放假调休,共9天。"
            "2月14日(周六)、2月28日(周六)上班。 节假日期间,各地区要妥善安排好值班工作。")
    s = parse_notice(text, 2026)
    assert s.warnings == []
    assert len(s.holidays) == 12 and list(s.workdays) == [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28)]


def test_range_across_the_new_year_with_explicit_years():
    # the 2019 notice: 元旦 from 2018-12-30, and a 2018 Saturday as a 调休 working day
    text = ("国务院办公厅关于2019年部分节假日安排的通知\n"
            "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。\n")
    s = parse_notice(text, 2019)
    assert s.warnings == []
    assert list(s.holidays) == [D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1)]
    assert list(s.workdays) == [D(2018, 12, 29)]


def test_wrong_weekday_wrong_count_and_unknown_clause_are_reported():
    text = ("关于2026年部分节假日安排的通知\n"
            "一、元旦：1月1日（周五）至3日（周六）放假调休，共4天。1月4日（周日）上班。\n"
            "二、春节：2月15日另行通知。\n")
    s = parse_notice(text, 2026)
    assert s.warnings == [
        "“元旦”：1月1日 写的是“周五”，但2026年1月1日是星期四，请核对",
        "“元旦”：通知写“共4天”，但识别出 3 天放假日期，请核对",
        "“春节”：看不懂“2月15日另行通知”（既不是放假也不是上班），未采用",
        "“春节”：没有识别出任何日期：“2月15日另行通知。”",
    ]


def test_notice_of_another_year_or_no_items_is_refused():
    with pytest.raises(NoticeError, match="这是2025年的节假日安排通知，不是2026年的"):
        parse_notice(notice(2025), 2026)
    with pytest.raises(NoticeError, match="没有找到"):
        parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n全文另附。", 2027)


# ------------------------------------------------------------------------------ CLI --from-notice


def test_from_notice_writes_the_default_file_and_prints_the_calendar(tmp_path, _config_home):
    # 2026 is built in; the user file then wins for that year, with the same days
    r = run("calendar", "2026", "--from-notice", NOTICES / "2026.txt")
    assert r.exit_code == 0, r.output
    assert f"2026年节假日安排已写入：{_config_home}（放假 33 天，调休上班 6 天）" in r.stdout
    assert "春节：放假 2月15日（星期日）至2月23日（星期一），共9天；上班 2月14日（星期六）、2月28日（星期六）" in r.stdout
    data = json.loads(_config_home.read_text(encoding="utf-8"))
    assert data["2026"]["workdays"] == {"2026-01-04": "元旦", "2026-02-14": "春节", "2026-02-28": "春节",
                                        "2026-05-09": "劳动节", "2026-09-20": "国庆节", "2026-10-10": "国庆节"}
    assert WorkCalendar.load().source_of(2026) == str(_config_home)
    # the same again: nothing changes; another notice for a year already in the file needs --force
    assert "内容相同，未改动" in run("calendar", "2026", "--from-notice", NOTICES / "2026.txt").stdout


def test_from_notice_keeps_other_years_and_needs_force_to_replace(tmp_path, _config_home):
    _config_home.parent.mkdir(parents=True)
    _config_home.write_text(json.dumps({"_comment": "mine", "2030": {"holidays": ["2030-01-01"]},
                                        "2025": {"holidays": ["2025-01-01"]}}), encoding="utf-8")
    r = run("calendar", "2025", "--from-notice", NOTICES / "2025.txt")
    assert r.exit_code == 2
    assert "已有2025年的安排" in r.stderr and "--force" in r.stderr
    r = run("calendar", "2025", "--from-notice", NOTICES / "2025.txt", "--force")
    assert r.exit_code == 0, r.output
    data = json.loads(_config_home.read_text(encoding="utf-8"))
    assert data["_comment"] == "mine" and data["2030"] == {"holidays": ["2030-01-01"]}
    assert len(data["2025"]["holidays"]) == 28


def test_from_notice_pasted_on_stdin_with_a_problem_is_not_written(_config_home):
    text = notice(2026).replace("5月1日（周五）至5日（周二）", "5月1日（周六）至5日（周二）")
    r = run("calendar", "2026", "--from-notice", "-", input=text)
    assert r.exit_code == 1
    assert "警告：“劳动节”：5月1日 写的是“周六”，但2026年5月1日是星期五，请核对" in r.stdout
    assert "未写入节假日文件" in r.stdout
    assert not _config_home.exists()


def test_from_notice_missing_file_is_exit_3():
    r = run("calendar", "2027", "--from-notice", "没有这个文件.txt")
    assert r.exit_code == 3
    assert "通知文件“没有这个文件.txt”不存在" in r.stderr


# ------------------------------------------------------------------------------ --template


def test_template_filled_in_is_read_by_holidays(tmp_path):
    out = tmp_path / "2027填写表.xlsx"
    r = run("calendar", "2027", "--template", "-o", out)
    assert r.exit_code == 0, r.output
    assert run("calendar", "2027", "--template", "-o", out).exit_code == 2  # never replaced without --force
    wb = openpyxl.load_workbook(out)
    ws = wb["节假日安排"]
    assert ws["B2"].value == 2027
    assert [ws.cell(6, c).value for c in range(1, 5)] == ["日期", "类型", "节日名称", "备注"]
    assert "春节 2月5日、2月6日、2月7日、2月8日" in ws["A4"].value  # statutory days as a reference
    ws.append([D(2027, 1, 1), "放假", "元旦"])  # row 7
    ws["A8"], ws["B8"], ws["C8"] = "2027-02-20", "上班", "春节"
    wb.save(out)
    cal = WorkCalendar.load(out, use_default_file=False, use_env=False)
    assert cal.source_of(2027) == str(out)
    assert cal.is_holiday(D(2027, 1, 1)) and cal.holiday_name(D(2027, 1, 1)) == "元旦"
    assert cal.is_workday(D(2027, 2, 20)) and cal.is_makeup_workday(D(2027, 2, 20))
    r = run("calendar", "2027", "--holidays", out)
    assert r.exit_code == 0 and "元旦：放假 1月1日（星期五），共1天" in r.stdout


def test_template_with_a_bad_type_names_the_row(tmp_path):
    out = tmp_path / "t.xlsx"
    run("calendar", "2027", "--template", "-o", out)
    wb = openpyxl.load_workbook(out)
    wb["节假日安排"]["A7"], wb["节假日安排"]["B7"] = "2027-01-01", "休假吧"
    wb.save(out)
    with pytest.raises(CalendarFileError) as ei:
        read_sheet(out)
    assert "第 7 行" in str(ei.value) and "“休假吧”无法识别" in str(ei.value)
    r = run("deadlines", "--from", "2027-01-05", "--holidays", out)
    assert r.exit_code == 3


# ------------------------------------------------------------------------------ provisional


def test_statutory_holidays_2027_from_the_law():
    # 春节 2027: 除夕 2027-02-05, 正月初一 02-06; 清明 04-05; 端午 06-09; 中秋 09-15
    assert P.statutory_holidays(2027) == {
        D(2027, 1, 1): "元旦", D(2027, 2, 5): "春节", D(2027, 2, 6): "春节", D(2027, 2, 7): "春节",
        D(2027, 2, 8): "春节", D(2027, 4, 5): "清明节", D(2027, 5, 1): "劳动节", D(2027, 5, 2): "劳动节",
        D(2027, 6, 9): "端午节", D(2027, 9, 15): "中秋节", D(2027, 10, 1): "国庆节", D(2027, 10, 2): "国庆节",
        D(2027, 10, 3): "国庆节"}


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_holidays_are_days_off_in_the_published_years(year):
    # every statutory day the law fixes is a day off in the official schedule of that year
    assert set(P.statutory_holidays(year)) <= {d for d in cc.holidays if d.year == year}


def test_provisional_calendar_is_marked_and_limited_to_the_law():
    r = run("calendar", "2027", "--provisional")
    assert r.exit_code == 0, r.output
    assert "数据来源：暂定（按《全国年节及纪念日放假办法》（2024年修订）的法定节假日推算，不含调休）" in r.stdout
    assert "暂定：尚无国务院办公厅发布的节假日安排" in r.stdout
    assert "春节：放假 2月5日（星期五）至2月8日（星期一），共4天" in r.stdout
    with pytest.raises(P.ProvisionalUnavailable):
        P.statutory_holidays(2024)


# ------------------------------------------------------------------ bounds on hostile notices (issue 27)

HEAD = "国务院办公厅关于2027年部分节假日安排的通知\n"


@pytest.mark.parametrize("numbering, number", [("二十一", 21), ("十", 10), ("一百零五", 105), ("3", 3), ("两", 2)])
def test_any_chinese_item_numbering_is_read(numbering, number):
    s = parse_notice(HEAD + f"{numbering}、春节：2月6日至12日放假调休，共7天。\n", 2027)
    assert [(it.number, it.name) for it in s.items] == [(number, "春节")]
    assert len(s.holidays) == 7 and s.warnings == []


@pytest.mark.parametrize("numbering", ["一二三", "十十十", "十一十"])
def test_numbering_that_is_not_a_number_is_reported_not_a_crash(numbering):
    """Was: KeyError: '二十一' (and for these)."""
    s = parse_notice(HEAD + "一、元旦：1月1日放假。\n" + f"{numbering}、清明节：4月5日放假。\n", 2027)
    assert [(it.number, it.name) for it in s.items] == [(1, "元旦"), (2, "清明节")]
    assert s.warnings == [f"第2项“清明节”的编号“{numbering}、”不是一个数，已按第2项读取"]
    assert list(s.holidays) == [D(2027, 1, 1), D(2027, 4, 5)]


def test_ranges_are_checked_before_they_are_expanded():
    """Was: 293 bytes, three ranges 0001-9999: 28 s and 1.9 GB before the refusal."""
    import time

    text = HEAD + "".join(f"{n}、{name}：0001年1月1日至9999年12月31日放假。\n" for n, name in
                          (("一", "元旦"), ("二", "春节"), ("三", "清明节")))
    t0 = time.perf_counter()
    s = parse_notice(text, 2027)
    assert time.perf_counter() - t0 < 0.5
    assert s.holidays == {}
    assert s.warnings[0] == "“元旦”：“0001年1月1日”不在2027年及相邻年份，未采用"
    s = parse_notice(HEAD + "一、春节：2027年1月1日至2028年12月31日放假。\n", 2027)
    assert s.holidays == {}
    assert s.warnings[0] == "“春节”：“2027年1月1日至2028年12月31日放假”中的日期范围长达 731 天（超过 31 天），不像节假日安排，未采用"
    # a range into the neighbouring year is still read (the 2012 notice: 2011年12月31日上班)
    s = parse_notice(HEAD + "一、元旦：2026年12月31日至2027年1月2日放假。\n", 2027)
    assert list(s.holidays) == [D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2)]


def test_notice_text_and_item_count_are_bounded(tmp_path):
    from sgs_cli.calendar import notice as N

    with pytest.raises(NoticeError, match="超过通知的合理长度（100000 个字符）"):
        parse_notice(HEAD + "x" * N.MAX_NOTICE_CHARS, 2027)
    many = HEAD + "".join(f"{i}、节{i}：4月5日放假。\n" for i in range(1, N.MAX_ITEMS + 2))
    with pytest.raises(NoticeError, match="找到 51 个分项，超过通知的合理数量（50 项）"):
        parse_notice(many, 2027)
    big = tmp_path / "大.txt"
    big.write_bytes(b"a" * 1_000_001)
    r = run("calendar", "2027", "--from-notice", big)
    assert r.exit_code == 3
    assert f"通知文件“{big}”超过 1,000 KB，不像是这类文本文件" in r.stderr
