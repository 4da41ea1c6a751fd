"""rules/required.py — REQUIRED_MISSING, MUST_BE_EMPTY, PLACEHOLDER_VALUE (R1–R4)."""

import pytest

from conftest import (LICENSE_ORG, LICENSE_PERSON, PENALTY_INDIVIDUAL, PENALTY_ORG, PENALTY_PERSON, cell,
                      keys)

P, L = "penalty", "license"


@pytest.mark.parametrize("kind, rows", [
    (P, [PENALTY_ORG, PENALTY_INDIVIDUAL, PENALTY_PERSON]),
    (L, [LICENSE_ORG, LICENSE_PERSON]),
])
def test_valid_records_have_no_finding(sheet, kind, rows):
    assert sheet.findings(kind, rows) == []


@pytest.mark.parametrize("base, code", [
    (PENALTY_ORG, "CF_XDR_MC"), (PENALTY_ORG, "CF_XDR_LB"), (PENALTY_ORG, "CF_WSH"), (PENALTY_ORG, "CF_WFXW"),
    (PENALTY_ORG, "CF_SY"), (PENALTY_ORG, "CF_YJ"), (PENALTY_ORG, "CF_NR"), (PENALTY_ORG, "CF_CFJG"),
    (PENALTY_ORG, "CF_SJLY"),
    # R1/R4: organisations need the USCC and the legal representative
    (PENALTY_ORG, "CF_XDR_SHXYM"), (PENALTY_ORG, "CF_FRDB"),
    # R2: 个体工商户 likewise
    (PENALTY_INDIVIDUAL, "CF_XDR_SHXYM"), (PENALTY_INDIVIDUAL, "CF_FRDB"),
    # R3: natural persons need 证件类型 + 证件号码
    (PENALTY_PERSON, "CF_XDR_ZJLX"), (PENALTY_PERSON, "CF_XDR_ZJHM"),
])
def test_required_missing_penalty(sheet, base, code):
    rec = dict(base, **{code: None})
    assert keys(sheet.findings(P, [rec])) == {("REQUIRED_MISSING", cell(P, code, 2), "error")}


@pytest.mark.parametrize("base, code", [
    (LICENSE_ORG, "XK_XKWS"), (LICENSE_ORG, "XK_WSH"), (LICENSE_ORG, "XK_XKLB"), (LICENSE_ORG, "XK_NR"),
    (LICENSE_ORG, "XK_XKJG"), (LICENSE_ORG, "XK_XKJGDM"), (LICENSE_ORG, "XK_ZT"), (LICENSE_ORG, "XK_LYDW"),
    (LICENSE_ORG, "XK_LYDWDM"), (LICENSE_ORG, "XK_FRDB"), (LICENSE_PERSON, "XK_XDR_ZJHM"),
])
def test_required_missing_license(sheet, base, code):
    rec = dict(base, **{code: None})
    assert keys(sheet.findings(L, [rec])) == {("REQUIRED_MISSING", cell(L, code, 2), "error")}


def test_required_missing_dates_and_cflb(sheet):
    rec = dict(PENALTY_PERSON, CF_CFLB=None, CF_YXQ=None)
    assert keys(sheet.findings(P, [rec])) == {("REQUIRED_MISSING", "R2", "error"),
                                              ("REQUIRED_MISSING", "X2", "error")}


def test_required_missing_message_names_the_category(sheet):
    rec = dict(PENALTY_PERSON, CF_XDR_ZJHM=None)
    [f] = sheet.findings(P, [rec])
    assert f.field == "CF_XDR_ZJHM" and "自然人" in f.message


def test_optional_fields_may_stay_empty(sheet):
    # 代码_2…_6, 法定代表人证件, 公示截止期, 备注 are 选填
    rec = dict(PENALTY_ORG, CF_GSJZQ=None, BZ=None)
    assert sheet.findings(P, [rec]) == []


@pytest.mark.parametrize("code, value", [
    ("CF_FRDB", "王建军"),            # R3: a natural person has no 法定代表人
    ("CF_XDR_SHXYM", "91410122MA44R7K28L"),
    ("CF_XDR_ZZJG", "MA44R7K28"),
])
def test_must_be_empty_for_natural_person(sheet, code, value):
    rec = dict(PENALTY_PERSON, **{code: value})
    assert keys(sheet.findings(P, [rec])) == {("MUST_BE_EMPTY", cell(P, code, 2), "warning")}


def test_must_be_empty_person_fields_for_organisation(sheet):
    # R4: 证件类型/证件号码 belong to natural persons
    rec = dict(PENALTY_ORG, CF_XDR_ZJLX="身份证")
    assert keys(sheet.findings(P, [rec])) == {("MUST_BE_EMPTY", "L2", "warning")}


def test_must_be_empty_license(sheet):
    rec = dict(LICENSE_ORG, XK_XDR_ZJLX="身份证")
    assert keys(sheet.findings(L, [rec])) == {("MUST_BE_EMPTY", "L2", "warning")}


@pytest.mark.parametrize("value", ["无", "/", "-", "null", "暂无", "见附件", "同上"])
def test_placeholder_in_required_field_is_error(sheet, value):
    rec = dict(PENALTY_ORG, CF_YJ=value)
    assert keys(sheet.findings(P, [rec])) == {("PLACEHOLDER_VALUE", "Q2", "error")}


def test_placeholder_in_optional_field_is_warning(sheet):
    rec = dict(PENALTY_ORG, BZ="无")
    assert keys(sheet.findings(P, [rec])) == {("PLACEHOLDER_VALUE", "AD2", "warning")}


def test_placeholder_in_optional_code_field_is_warning(sheet):
    rec = dict(LICENSE_ORG, XK_XKBH="/")
    assert keys(sheet.findings(L, [rec])) == {("PLACEHOLDER_VALUE", "R2", "warning")}


def test_status_zero_is_variant_not_placeholder(sheet):
    rec = dict(LICENSE_ORG, XK_ZT="0")
    assert keys(sheet.findings(L, [rec])) == {("ENUM_VARIANT", "Y2", "warning")}


def test_placeholder_spellings_cover_every_lower_case_preimage():
    """No character but the ASCII capitals lower-cases into a character of a placeholder, and no
    multi-character lower case is part of one: the columnar form's spellings are exactly the texts whose
    lower() is a placeholder."""
    from sgs_cli.rules.required import placeholder_spellings
    from sgs_cli.standard.enums import PLACEHOLDERS

    chars = set("".join(PLACEHOLDERS))
    for c in range(0x110000):
        low = chr(c).lower()
        if low == chr(c):
            continue
        if len(low) == 1:
            assert low not in chars or "A" <= chr(c) <= "Z", hex(c)
        else:
            assert not any(low in p for p in PLACEHOLDERS), hex(c)
    spellings = placeholder_spellings()
    assert {"NULL", "nUlL", "N/A", "#N/a", "\\N", "无"} <= spellings
    assert all(s.lower() in PLACEHOLDERS for s in spellings)


@pytest.mark.parametrize("value", ["NULL", "N/A", "None", "#N/A", "\\N", "Na", " 无 ", "'无", "－", "\u3000/\u3000",
                                   "ＮＵＬＬ", "nil", "0", "０", "00", "——"])
def test_placeholder_spellings_both_engines(sheet, monkeypatch, value):
    rows = [dict(PENALTY_ORG, CF_FRDB=value, BZ=value), dict(PENALTY_PERSON, CF_XDR_ZJHM=value, BZ=value)]
    got = {}
    for engine in ("row", "columnar"):
        monkeypatch.setenv("SGS_ENGINE", engine)
        got[engine] = [f.to_dict(show_sensitive=True) for f in sheet.findings(P, rows)]
    assert got["columnar"] == got["row"]
