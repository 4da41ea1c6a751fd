"""rules/privacy.py — PRIVACY_ID_NUMBER, PRIVACY_MOBILE in public free text (docs/standard.md §1.5)."""

import pytest
from hypothesis import given, settings, strategies as st

from conftest import LICENSE_ORG, PENALTY_ORG, PENALTY_PERSON, PERSON_ID, keys, wrong_last

P, L = "penalty", "license"


def test_id_number_in_facts(sheet):
    rec = dict(PENALTY_PERSON, CF_SY=f"当事人王建军（身份证号{PERSON_ID}）在中牟县城关镇占道经营。")
    [f] = sheet.findings(P, [rec])
    assert (f.code, f.cell, f.severity) == ("PRIVACY_ID_NUMBER", "P2", "error")
    assert f.sensitive
    assert PERSON_ID not in str(f.to_dict()["value"])  # masked in JSON


def test_id_number_in_remark(sheet):
    rec = dict(PENALTY_PERSON, BZ=f"经营者身份证{PERSON_ID}")
    assert keys(sheet.findings(P, [rec])) == {("PRIVACY_ID_NUMBER", "AD2", "error")}


def test_invalid_18_digit_number_is_not_an_id(sheet):
    rec = dict(PENALTY_ORG, CF_SY=f"涉案批号{wrong_last(PERSON_ID)}的食品已过保质期。")
    assert sheet.findings(P, [rec]) == []


@pytest.mark.parametrize("code, col", [("CF_SY", "P"), ("CF_NR", "S"), ("CF_XDR_MC", "A")])
def test_mobile_number(sheet, code, col):
    rec = dict(PENALTY_ORG, **{code: PENALTY_ORG[code] + "（联系电话13903712468）"})
    [f] = sheet.findings(P, [rec])
    assert (f.code, f.cell, f.severity) == ("PRIVACY_MOBILE", f"{col}2", "warning")
    assert f.sensitive


def test_mobile_number_in_license_content(sheet):
    rec = dict(LICENSE_ORG, XK_NR="准予食品经营许可，联系人手机15837165432")
    assert keys(sheet.findings(L, [rec])) == {("PRIVACY_MOBILE", "S2", "warning")}


@pytest.mark.parametrize("text", ["办公电话0371-62171234", "举报电话12315", "货值金额3000元，罚款2000元"])
def test_not_a_mobile(sheet, text):
    assert sheet.findings(P, [dict(PENALTY_ORG, CF_SY=text)]) == []


def test_longer_digit_runs_are_not_mobiles(sheet):
    rec = dict(PENALTY_ORG, CF_SY="涉案商品条码6901234567892，批号20191105138001。")
    assert sheet.findings(P, [rec]) == []


def test_private_fields_are_not_scanned(sheet):
    # 证件号码 itself is a 不公示 field: holding an ID number there is the point
    assert sheet.findings(P, [PENALTY_PERSON]) == []


_PIECES = ["1", "3", "8", "0", "X", "x", " ", "-", "\u200b", "\u3000", "\u0663", "Y", "J", ".", "号", "电话", "：", "(", "\u00a0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
                          st.sampled_from([PERSON_ID, "11010519491231002X"])), max_size=12).map("".join))
def test_the_columnar_candidate_test_is_a_superset_of_the_row_form(text):
    """rules/privacy._CANDIDATE_RE2 (RE2, ASCII look-around classes) matches every normalised text in which
    the row form finds an ID number or a mobile number: the columnar form never skips a finding."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from sgs_cli.codes import idtext
    from sgs_cli.io.cells import normalize_text
    from sgs_cli.rules.privacy import _CANDIDATE_RE2

    text = normalize_text(text)
    found = idtext.id_spans(text, lenient=False) or idtext.find_mobiles(text)
    if found and len(text) >= 11:
        assert pc.match_substring_regex(pa.array([text]), _CANDIDATE_RE2)[0].as_py(), text


def test_a_licence_number_is_no_candidate():
    """A licence number (letters, then 14 digits) is neither an ID number nor a mobile number: the columnar
    form does not send its row to the row form (6% of the 100k bench ledger did)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from sgs_cli.rules.privacy import _CANDIDATE_RE2

    got = pc.match_substring_regex(pa.array(["吊销食品经营许可证(JY34403049372998)。", "电话13800138000", "13800138000",
                                             "号码110105194912310029"]), _CANDIDATE_RE2).to_pylist()
    assert got == [False, True, True, True]
