"""rules/dates.py — DATE_INVALID, DATE_NONSTANDARD, DATE_IMPLAUSIBLE, DATE_FUTURE, DATE_ORDER,
DATE_BEFORE_DECISION."""

import datetime as dt

import pytest

from conftest import D, LICENSE_ORG, PENALTY_ORG, PENALTY_PERSON, keys

P, L = "penalty", "license"


@pytest.mark.parametrize("value", [D(2019, 11, 5), dt.datetime(2019, 11, 5), "2019/11/05"])
def test_standard_dates(sheet, value):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_JDRQ=value)]) == []


@pytest.mark.parametrize("value", [
    "2019.11.5", "2019-11-05", "2019/11/5", "2019年11月5日", "20191105", "2019_11_05", 20191105,
    43774,  # Excel serial number of 2019-11-05 in a cell not formatted as date
    dt.datetime(2019, 11, 5, 9, 30), "2019-11-05 00:00:00",
])
def test_nonstandard_spelling_is_info(sheet, value):
    findings = sheet.findings(P, [dict(PENALTY_ORG, CF_JDRQ=value)])
    assert keys(findings) == set()
    assert keys(findings, ("info",)) == {("DATE_NONSTANDARD", "W2", "info")}
    [f] = findings
    assert "2019/11/05" in f.hint


@pytest.mark.parametrize("value", ["2019/11/31", "2019/02/29", "2019/13/01", "11/05/2019", "无处罚期限",
                                   "2019-11-05 00:00;00x"])
def test_invalid_dates(sheet, value):
    rec = dict(PENALTY_ORG, CF_YXQ=value)
    assert keys(sheet.findings(P, [rec])) == {("DATE_INVALID", "X2", "error")}


def test_impossible_decision_date(sheet):
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_JDRQ="2019/11/31")])) == {("DATE_INVALID", "W2", "error")}


def test_month_day_year_hint(sheet):
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_YXQ="03/29/2020")])
    assert f.code == "DATE_INVALID" and "年/月/日" in f.hint


def test_semicolon_time_typo_is_accepted_as_time_part(sheet):
    # Ningbo dictionary sample "2099-12-31 00:00;00": the date part is fine, the spelling is not
    findings = sheet.findings(P, [dict(PENALTY_ORG, CF_YXQ="2099-12-31 00:00;00")])
    assert keys(findings) == set()
    assert keys(findings, ("info",)) == {("DATE_NONSTANDARD", "X2", "info")}


@pytest.mark.parametrize("value", ["1900/01/01", "1900-01-01 00:00:00", "2100/01/01", "1949/09/30"])
def test_implausible_dates(sheet, value):
    rec = dict(PENALTY_ORG, CF_GSJZQ=value)
    assert keys(sheet.findings(P, [rec])) == {("DATE_IMPLAUSIBLE", "Y2", "error")}


def test_long_term_2099_is_accepted(sheet):
    assert sheet.findings(P, [dict(PENALTY_PERSON, CF_YXQ=D(2099, 12, 31))]) == []
    assert sheet.findings(L, [dict(LICENSE_ORG, XK_YXQZI="2099/12/31")]) == []


def test_future_decision_penalty(sheet):
    rec = dict(PENALTY_ORG, CF_JDRQ=D(2019, 11, 9))  # today = 2019-11-08
    assert keys(sheet.findings(P, [rec])) == {("DATE_FUTURE", "W2", "error")}


def test_future_decision_license(sheet):
    rec = dict(LICENSE_ORG, XK_JDRQ=D(2019, 11, 20), XK_YXQZ=D(2019, 11, 20))
    assert keys(sheet.findings(L, [rec])) == {("DATE_FUTURE", "T2", "error")}


def test_decision_today_is_fine(sheet):
    rec = dict(PENALTY_ORG, CF_JDRQ=D(2019, 11, 8))
    assert sheet.findings(P, [rec]) == []


def test_penalty_validity_before_decision(sheet):
    rec = dict(PENALTY_ORG, CF_YXQ=D(2019, 11, 4))
    assert keys(sheet.findings(P, [rec])) == {("DATE_ORDER", "X2", "error")}


def test_penalty_validity_same_day_is_fine(sheet):
    assert sheet.findings(P, [dict(PENALTY_PERSON, CF_YXQ=D(2019, 11, 5))]) == []


def test_publication_end_before_decision(sheet):
    findings = sheet.findings(P, [dict(PENALTY_ORG, CF_GSJZQ=D(2019, 10, 1))])
    assert ("DATE_ORDER", "Y2", "error") in keys(findings)


def test_license_end_before_start(sheet):
    rec = dict(LICENSE_ORG, XK_YXQZI=D(2019, 11, 4))
    assert keys(sheet.findings(L, [rec])) == {("DATE_ORDER", "V2", "error")}


def test_license_start_before_decision_is_warning(sheet):
    rec = dict(LICENSE_ORG, XK_YXQZ=D(2019, 11, 1))
    assert keys(sheet.findings(L, [rec])) == {("DATE_BEFORE_DECISION", "U2", "warning")}


def test_placeholder_in_optional_date_is_reported_once(sheet):
    rec = dict(PENALTY_ORG, CF_GSJZQ="无")
    assert keys(sheet.findings(P, [rec])) == {("PLACEHOLDER_VALUE", "Y2", "warning")}
