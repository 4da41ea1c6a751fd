"""rules/enumerations.py — ENUM_INVALID, ENUM_VARIANT, ENUM_OTHER_DETAIL, CFLB_2021."""

import pytest

from conftest import (D, LICENSE_ORG, LICENSE_PERSON, PENALTY_INDIVIDUAL, PENALTY_ORG, PENALTY_PERSON, PERSON_ID,
                      keys)

P, L = "penalty", "license"


@pytest.mark.parametrize("base, value", [
    (PENALTY_ORG, "法人"), (PENALTY_ORG, "非法人组织"), (PENALTY_ORG, "法人及其他组织"), (PENALTY_ORG, "02"),
    (PENALTY_INDIVIDUAL, "个体户"), (PENALTY_INDIVIDUAL, "04"), (PENALTY_PERSON, "01"), (PENALTY_PERSON, "个人"),
])
def test_category_variant_is_mapped_with_warning(sheet, base, value):
    rec = dict(base, CF_XDR_LB=value)
    findings = sheet.findings(P, [rec])
    assert keys(findings) == {("ENUM_VARIANT", "B2", "warning")}
    # mapped: the 类别-dependent required rules see the canonical category (no MUST_BE_EMPTY etc.)


def test_category_variant_hint_names_the_canonical_value(sheet):
    [f] = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_LB="法人")])
    assert "法人及非法人组织" in f.hint


def test_category_invalid(sheet):
    rec = dict(PENALTY_ORG, CF_XDR_LB="企业")
    assert keys(sheet.findings(P, [rec])) == {("ENUM_INVALID", "B2", "error")}


def test_license_category_variant(sheet):
    assert keys(sheet.findings(L, [dict(LICENSE_ORG, XK_XDR_LB="法人")])) == {("ENUM_VARIANT", "B2", "warning")}


@pytest.mark.parametrize("value, expected", [
    ("护照", {("ENUM_VARIANT", "L2", "warning")}),
    ("居民身份证", {("ENUM_VARIANT", "L2", "warning")}),
    ("驾驶证", {("ENUM_INVALID", "L2", "error")}),
    ("其他", {("ENUM_OTHER_DETAIL", "L2", "error")}),
    ("其他-军官证", set()),
    ("港澳居民来往内地通行证", set()),
])
def test_document_type(sheet, value, expected):
    rec = dict(PENALTY_PERSON, CF_XDR_ZJLX=value, CF_XDR_ZJHM=PERSON_ID if "身份证" in value else "H01234567")
    assert keys(sheet.findings(P, [rec])) == expected


def test_legal_representative_document_type(sheet):
    rec = dict(PENALTY_ORG, CF_FR_ZJLX="驾照", CF_FR_ZJHM="X1234")
    assert keys(sheet.findings(P, [rec])) == {("ENUM_INVALID", "J2", "error")}


@pytest.mark.parametrize("value, expected", [
    ("普通", set()), ("特许", set()), ("认可", set()), ("核准", set()), ("登记", set()),
    ("其他-备案", set()), ("其他（备案）", set()),
    ("其他", {("ENUM_OTHER_DETAIL", "P2", "error")}),
    ("其他-", {("ENUM_OTHER_DETAIL", "P2", "error")}),
    ("04", {("ENUM_VARIANT", "P2", "warning")}),
    ("行政许可", {("ENUM_INVALID", "P2", "error")}),
])
def test_license_category(sheet, value, expected):
    assert keys(sheet.findings(L, [dict(LICENSE_ORG, XK_XKLB=value)])) == expected


def test_license_status_invalid(sheet):
    assert keys(sheet.findings(L, [dict(LICENSE_ORG, XK_ZT="3")])) == {("ENUM_INVALID", "Y2", "error")}


def test_license_status_2_is_valid(sheet):
    assert sheet.findings(L, [dict(LICENSE_PERSON, XK_ZT="2")]) == []


def test_license_status_word_is_variant(sheet):
    findings = sheet.findings(L, [dict(LICENSE_ORG, XK_ZT="有效")])
    assert ("ENUM_VARIANT", "Y2", "warning") in keys(findings)


def test_license_status_word_is_only_a_warning(sheet):
    findings = sheet.findings(L, [dict(LICENSE_ORG, XK_ZT="有效")])
    assert keys(findings) == {("ENUM_VARIANT", "Y2", "warning")}


@pytest.mark.parametrize("value", [
    "警告", "罚款；警告", "警告;罚款", "行政拘留", "责令停产停业", "其他-责令改正",
])
def test_penalty_category_valid(sheet, value):
    # 处罚内容 names the penalty (CONTENT_WITHOUT_PENALTY otherwise)
    content = {"行政拘留": "行政拘留五日", "责令停产停业": "责令停产停业三个月"}.get(value)
    rec = dict(PENALTY_PERSON, CF_CFLB=value, CF_NR=("警告，罚款2000元" if "警告" in value else "罚款2000元")
               if "罚款" in value else content or "警告",
               CF_NR_FK=0.2 if "罚款" in value else None)
    assert sheet.findings(P, [rec]) == []


def test_penalty_category_invalid(sheet):
    rec = dict(PENALTY_PERSON, CF_CFLB="训诫")
    assert keys(sheet.findings(P, [rec])) == {("ENUM_INVALID", "R2", "error")}


def test_penalty_category_other_without_detail(sheet):
    rec = dict(PENALTY_PERSON, CF_CFLB="警告；其他")
    assert keys(sheet.findings(P, [rec])) == {("ENUM_OTHER_DETAIL", "R2", "error")}


def test_penalty_category_variant(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB="罚款；吊销执照", CF_NR_ZKDX="营业执照（91410122MA44R7K28L）")
    assert keys(sheet.findings(P, [rec])) == {("ENUM_VARIANT", "R2", "warning")}


def test_penalty_category_2021_is_info(sheet):
    rec = dict(PENALTY_PERSON, CF_CFLB="通报批评")
    findings = sheet.findings(P, [rec])
    assert keys(findings) == set()
    assert keys(findings, ("info",)) == {("CFLB_2021", "R2", "info")}


def test_penalty_category_2021_maps_to_790_bucket(sheet):
    # 吊销许可证件 (2021) → 暂扣或者吊销许可证、暂扣或者吊销执照: the 证照 field becomes required
    rec = dict(PENALTY_ORG, CF_CFLB="罚款；吊销许可证件")
    findings = sheet.findings(P, [rec])
    assert keys(findings) == {("REVOKED_LICENCE_REQUIRED", "V2", "error")}
    assert keys(findings, ("info",)) == {("CFLB_2021", "R2", "info")}


def test_license_status_as_number_is_fine(sheet):
    assert sheet.findings(L, [dict(LICENSE_ORG, XK_ZT=1)]) == []


def _legacy_license_row(zt):
    from conftest import D, ORG_USCC

    return {"XK_WSH": "中市监食许〔2017〕0301号", "XK_XMMC": "食品经营许可", "XK_SPLB": "普通",
            "XK_NR": "准予食品经营许可", "XK_XDR": "中牟县鑫源商贸有限公司", "XK_XDR_SHXYM": ORG_USCC, "XK_FR": "李国强",
            "XK_JDRQ": D(2017, 6, 5), "XK_JZQ": D(2022, 6, 4), "XK_XZJG": "中牟县食品药品监督管理局", "XK_ZT": zt,
            "DFBM": "410122"}


@pytest.mark.parametrize("zt", ["0", "1", "正常", "撤销", None])
def test_legacy_status_mapped(sheet, zt):
    # 2015 当前状态: 0/空白 正常 → 1 有效; 1 撤销 → 2 无效 (docs/standard.md §2.1)
    from sgs_cli.standard import legacy

    columns = [f.code for f in legacy.LICENSE_FIELDS]
    findings = sheet.findings("license2015", [_legacy_license_row(zt)], columns=columns, today=D(2017, 6, 6))
    assert [f for f in findings if f.cell == "O2"] == []


def test_legacy_status_objection_needs_review(sheet):
    from sgs_cli.standard import legacy

    columns = [f.code for f in legacy.LICENSE_FIELDS]
    findings = sheet.findings("license2015", [_legacy_license_row("2")], columns=columns, today=D(2017, 6, 6))
    assert [(f.code, f.severity, f.field_name) for f in findings if f.cell == "O2"] == [
        ("LEGACY_STATUS_REVIEW", "warning", "当前状态")]
