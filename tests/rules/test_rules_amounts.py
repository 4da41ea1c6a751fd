"""rules/amounts.py — 罚款/没收 amounts and 暂扣/吊销 证照 (R6–R8)."""

import pytest

from conftest import PENALTY_ORG as _ORG, PENALTY_PERSON, keys

# a fine only: the texts below state the fine alone, and 处罚类别 must name what 处罚内容 names and the reverse
# (rules/consistency.py) — with 警告；罚款 each of them would also lack its 警告
PENALTY_ORG = dict(_ORG, CF_CFLB="罚款", CF_NR="罚款2000元")

P = "penalty"
CONFISCATE = "没收违法所得、没收非法财物"
REVOKE = "暂扣或者吊销许可证、暂扣或者吊销执照"


@pytest.mark.parametrize("nr, fk", [
    ("罚款2000元", 0.2), ("依法并处罚款2000元", "0.2"), ("罚款人民币2,000元", 0.2), ("罚款0.2万元", 0.2),
    ("罚款人民币1.5万元", 1.5), ("罚款1234.56元", 0.123456), ("罚款2000元", "0.20"),
    ("处以罚款", 0.2),  # no amount stated → nothing to compare
])
def test_consistent_amounts(sheet, nr, fk):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_NR=nr, CF_NR_FK=fk)]) == []


def test_fine_amount_required(sheet):
    rec = dict(PENALTY_ORG, CF_NR_FK=None)
    [f] = sheet.findings(P, [rec])
    assert (f.code, f.cell, f.severity) == ("FINE_AMOUNT_REQUIRED", "T2", "error")
    assert "0.2" in f.hint


def test_fine_unit_mismatch(sheet):
    rec = dict(PENALTY_ORG, CF_NR="罚款2000元", CF_NR_FK=2000)
    [f] = sheet.findings(P, [rec])
    assert (f.code, f.cell, f.severity) == ("FINE_UNIT_MISMATCH", "T2", "warning")
    assert "0.2" in f.hint


def test_fine_amount_mismatch(sheet):
    rec = dict(PENALTY_ORG, CF_NR="罚款2000元", CF_NR_FK=0.3)
    assert keys(sheet.findings(P, [rec])) == {("FINE_AMOUNT_MISMATCH", "T2", "warning")}


def test_fine_without_category(sheet):
    rec = dict(PENALTY_PERSON, CF_CFLB="警告", CF_NR="警告", CF_NR_FK=0.2)
    assert keys(sheet.findings(P, [rec])) == {("FINE_WITHOUT_CATEGORY", "T2", "warning")}


@pytest.mark.parametrize("fk", ["2000元", "两千", "0.2万"])
def test_amount_invalid(sheet, fk):
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_NR_FK=fk)])) == {("AMOUNT_INVALID", "T2", "error")}


@pytest.mark.parametrize("fk", [0, -0.2, "0"])
def test_amount_not_positive(sheet, fk):
    assert keys(sheet.findings(P, [dict(PENALTY_ORG, CF_NR_FK=fk)])) == {("AMOUNT_NOT_POSITIVE", "T2", "error")}


def test_amount_decimals(sheet):
    rec = dict(PENALTY_ORG, CF_NR="罚款1234.567元", CF_NR_FK=0.1234567)
    assert keys(sheet.findings(P, [rec])) == {("AMOUNT_DECIMALS", "T2", "error")}


def test_six_decimals_is_fine(sheet):
    rec = dict(PENALTY_ORG, CF_NR="罚款1234.56元", CF_NR_FK="0.123456")
    assert sheet.findings(P, [rec]) == []


def test_confiscation_amount_required(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB=f"{CONFISCATE}；罚款", CF_NR="没收违法所得500元，并处罚款2000元")
    assert keys(sheet.findings(P, [rec])) == {("CONFISCATION_AMOUNT_REQUIRED", "U2", "error")}


def test_confiscation_amount_given(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB=f"{CONFISCATE}；罚款", CF_NR="没收违法所得500元，并处罚款2000元",
               CF_NR_WFFF=0.05)
    assert sheet.findings(P, [rec]) == []


def test_confiscation_amount_zero(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB=f"{CONFISCATE}；罚款", CF_NR="没收违法所得，罚款2000元", CF_NR_WFFF=0)
    assert keys(sheet.findings(P, [rec])) == {("AMOUNT_NOT_POSITIVE", "U2", "error")}


def test_confiscation_amount_invalid(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB=f"{CONFISCATE}；罚款", CF_NR="没收违法所得，罚款2000元", CF_NR_WFFF="五百元")
    assert keys(sheet.findings(P, [rec])) == {("AMOUNT_INVALID", "U2", "error")}


def test_confiscation_2021_category_requires_amount(sheet):
    rec = dict(PENALTY_PERSON, CF_CFLB="没收违法所得")
    findings = sheet.findings(P, [rec])
    assert keys(findings) == {("CONFISCATION_AMOUNT_REQUIRED", "U2", "error")}
    assert keys(findings, ("info",)) == {("CFLB_2021", "R2", "info")}


def test_revoked_licence_required(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB=f"罚款；{REVOKE}", CF_NR="罚款2000元，吊销食品经营许可证")
    assert keys(sheet.findings(P, [rec])) == {("REVOKED_LICENCE_REQUIRED", "V2", "error")}


def test_revoked_licence_given(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB=f"罚款；{REVOKE}", CF_NR="罚款2000元，吊销食品经营许可证",
               CF_NR_ZKDX="食品经营许可证（JY14101220003015）")
    assert sheet.findings(P, [rec]) == []


def test_legacy_fine_without_amount_column_is_not_required(sheet):
    from conftest import SPECS

    columns = [f.code for f in SPECS[P].fields if f.code != "CF_NR_FK"]
    findings = sheet.findings(P, [dict(PENALTY_ORG, CF_NR_FK=None)], columns=columns)
    # only the sheet-level missing-column warning; no per-row FINE_AMOUNT_REQUIRED
    assert keys(findings) == {("COLUMN_MISSING", None, "warning")}


def test_binary_float_noise_is_not_extra_decimals(sheet):
    fk = 987.65 / 10000
    assert repr(fk) == "0.09876499999999999"
    rec = dict(PENALTY_ORG, CF_NR="罚款987.65元", CF_NR_FK=fk)
    assert keys(sheet.findings(P, [rec])) == set()


def test_float_amount_that_is_exact_is_fine(sheet):
    rec = dict(PENALTY_ORG, CF_NR="罚款1234.56元", CF_NR_FK=1234.56 / 10000)
    assert sheet.findings(P, [rec]) == []


@pytest.mark.parametrize("nr", ["处罚款贰万元整", "罚款（大写），人民币贰万元整", "罚款:2.0（万元）", "罚款￥20000",
                                "罚款人民币贰万元整（￥20000）"])
def test_fine_in_yuan_flagged_whatever_the_wording(sheet, nr):
    # 20000 entered although the unit is 万元: flagged for every way decisions write the amount
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_NR=nr, CF_NR_FK=20000)])
    assert (f.code, f.cell, f.hint) == ("FINE_UNIT_MISMATCH", "T2", "应填 2")


def test_confiscated_amount_is_not_the_fine(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB=f"罚款；{CONFISCATE}", CF_NR="没收违法所得人民币3000元，并处罚款人民币伍仟元整",
               CF_NR_FK=0.5, CF_NR_WFFF=0.3)
    assert sheet.findings(P, [rec]) == []


def test_amount_written_with_unit_gets_the_value_in_hint(sheet):
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_NR="罚款贰万元", CF_NR_FK="贰万元")])
    assert (f.code, f.cell, f.hint) == ("AMOUNT_INVALID", "T2", "请只填数字，单位为万元：应填 2")
