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


# ------------------------------------------------ the columnar form's byte prefilter (rules/privacy._DIGIT_TABLE)

def test_the_byte_prefilter_keeps_every_digit_and_separator():
    """Every character idtext.DIGIT or SEPARATORS matches leaves one "d" or nothing after the prefilter's
    bytes.translate (its lead byte is an ASCII digit or maps to "d", or it is deleted): no digit or
    separator among U+4000–U+9FFF (lead bytes E4–E9, mapped to "x")."""
    import re

    from sgs_cli.codes import idtext
    from sgs_cli.rules.privacy import _DIGIT_DELETE, _DIGIT_TABLE

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for pattern, least in ((idtext.DIGIT, 600), (f"[{idtext.SEPARATORS}]", 50)):
        chars = re.findall(pattern, every)
        assert len(chars) > least
        for ch in chars:
            assert ch.encode().translate(_DIGIT_TABLE, _DIGIT_DELETE) in (b"d", b""), hex(ord(ch))
    assert all(_DIGIT_TABLE[b] == ord("x") for b in range(0xE4, 0xEA))


@pytest.mark.parametrize("text, expected", [
    ("联系电话\u0661\u0663\u0668\u0660\u0660\u0661\u0663\u0668\u0660\u0660\u0660", "PRIVACY_MOBILE"),  # Arabic-Indic
    ("联系电话\u0967\u0969\u096e\u0966\u0966\u0967\u0969\u096e\u0966\u0966\u0966", "PRIVACY_MOBILE"),  # Devanagari
    ("电话138\u200b0013\u200b8000。", "PRIVACY_MOBILE"),  # zero-width spaces
    ("电话138\u20140013\u20148000。", "PRIVACY_MOBILE"),  # em dashes
    ("电话138\u30000013\u30008000。", "PRIVACY_MOBILE"),  # ideographic spaces
    ("电话１３８００１３８０００", "PRIVACY_MOBILE"),  # full width (NFKC)
    ("\u3000联系电话13800138000 ", "PRIVACY_MOBILE"),  # a text fixed one by one: the Arrow texts joined
    ("电话1 3 8-0 0 1 3-8 0 0 0", "PRIVACY_MOBILE"),
    (f"身份证{PERSON_ID[:6]} {PERSON_ID[6:14]} {PERSON_ID[14:]}。", "PRIVACY_ID_NUMBER"),
    (f"身份证“{PERSON_ID}”", "PRIVACY_ID_NUMBER"),
    ("吊销食品经营许可证（JY21101017998546）", None),
    ("涉案批号20191105138001，货值1953元", None),
])
def test_digits_in_any_spelling_in_a_long_sheet(sheet, text, expected):
    """A sheet long enough for the frame's joined texts (the byte prefilter, Frame.translated_hits): the
    number found whatever its digits and separators, on its row only (the sheet runner compares both
    engines)."""
    rows = [dict(PENALTY_ORG, CF_SY=f"第{k}次检查发现违法行为。") for k in range(30)]
    rows[17] = dict(PENALTY_ORG, CF_SY=text)
    got = [(f.code, f.row) for f in sheet.findings(P, rows) if f.code.startswith("PRIVACY")]
    assert got == ([(expected, 19)] if expected else [])
