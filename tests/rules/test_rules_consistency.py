"""rules/consistency.py — 处罚类别 ↔ 处罚内容 both ways, 见处罚类别2, 不予处罚 文号 with a penalty, confiscation
amounts (issue 26 part 2), on the real wordings the issue quotes from its records."""

import pytest

from sgs_cli.rules.consistency import imposed
from sgs_cli.standard import enums as E
from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import LEGACY_ROWS, PENALTY_ORG, TODAY, cell, keys, write_legacy

P = "penalty"


def test_content_penalty_missing_from_category(sheet):
    """类别 警告 with 处罚结果 “警告；罚款28000元。” passed before (a real record)."""
    rec = dict(PENALTY_ORG, CF_CFLB="警告", CF_NR="警告；罚款28000元。", CF_NR_FK=None)
    findings = sheet.findings(P, [rec])
    assert ("CONTENT_PENALTY_NOT_IN_CATEGORY", cell(P, "CF_CFLB", 2), "warning") in keys(findings)
    [f] = [f for f in findings if f.code == "CONTENT_PENALTY_NOT_IN_CATEGORY"]
    assert f.message == "处罚内容写明了“罚款”，处罚类别中没有"
    # and the fine stated there is due in 罚款金额 as soon as the category is corrected
    assert ("FINE_WITHOUT_CATEGORY", cell(P, "CF_NR_FK", 2), "warning") not in keys(findings)


def test_category_missing_from_content(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB="警告；罚款", CF_NR="给予警告")
    findings = sheet.findings(P, [rec])
    assert ("CATEGORY_NOT_IN_CONTENT", cell(P, "CF_NR", 2), "warning") in keys(findings)
    [f] = [f for f in findings if f.code == "CATEGORY_NOT_IN_CONTENT"]
    assert f.message == "处罚类别含“罚款”，处罚内容没有写明"


def test_consistent_record_has_no_finding(sheet):
    assert sheet.findings(P, [PENALTY_ORG]) == []  # 警告；罚款 / “警告，并处罚款2000元”


@pytest.mark.parametrize("text, got", [
    ("警告；罚款28000元。", {E.CF_WARNING, E.CF_FINE}),
    ("1.没收违法所得825元；2.罚款5000元", {E.CF_CONFISCATE, E.CF_FINE}),
    ("一、没收广告费1552.95元；二、处1万元罚款", {E.CF_CONFISCATE, E.CF_FINE}),
    ("责令改正，给予警告", {E.CF_WARNING}),  # 责令改正 is no 责令停产停业
    ("依据《食品安全法》第一百二十四条，可以处五万元以上十万元以下罚款；决定给予警告", {E.CF_WARNING}),
    ("不予行政处罚", set()),
    ("免予罚款，责令停业整顿", {E.CF_SUSPEND}),
])
def test_imposed_penalties_in_real_wordings(text, got):
    assert imposed(text) == got


def test_see_category_2_without_category_2(tmp_path, isolated_sgs_env):
    row = list(LEGACY_ROWS[2])
    row[2], row[3] = "其他（见处罚类别2）", None
    fr = validate_file(write_legacy(tmp_path / "old.xlsx", [row]), ValidateOptions(today=TODAY))
    [s] = [s for s in fr.sheets if s.kind]
    [f] = [f for f in s.findings if f.code == "CATEGORY_SEE_EMPTY"]
    assert (f.cell, f.message) == ("C2", "“其他(见处罚类别2)”，但处罚类别2没有填写")  # as normalised (NFKC)
    # filled: no finding
    row[3] = "责令停产停业"
    fr = validate_file(write_legacy(tmp_path / "old2.xlsx", [row]), ValidateOptions(today=TODAY))
    assert not [f for s in fr.sheets for f in s.findings if f.code == "CATEGORY_SEE_EMPTY"]


def test_no_penalty_document_number_with_a_fine(sheet):
    rec = dict(PENALTY_ORG, CF_WSH="京海市监不罚〔2021〕12号")  # 警告；罚款, 0.2 万元
    findings = sheet.findings(P, [rec])
    [f] = [f for f in findings if f.code == "NO_PENALTY_WITH_PENALTY"]
    assert f.cell == cell(P, "CF_WSH", 2)
    assert f.message == "文号“京海市监不罚〔2021〕12号”是不予处罚决定，但记录有处罚类别“警告”、处罚类别“罚款”、罚款金额0.2万元"


@pytest.mark.parametrize("nr, wffk, expect", [
    ("没收广告费1552.95元，罚款2000元", 0.155295, None),
    ("没收广告费1552.95元，罚款2000元", 1552.95, "0.155295"),
    ("1.没收违法所得825元；2.罚款2000元", 0.0825, None),
    ("1.没收违法所得825元；2.罚款2000元", 0.825, "0.0825"),
])
def test_confiscation_amount_compared_with_content(sheet, nr, wffk, expect):
    rec = dict(PENALTY_ORG, CF_CFLB="罚款；没收违法所得、没收非法财物", CF_NR=nr, CF_NR_WFFF=wffk)
    found = [f for f in sheet.findings(P, [rec]) if f.code == "CONFISCATION_AMOUNT_MISMATCH"]
    if expect is None:
        assert found == []
    else:
        [f] = found
        assert (f.cell, f.hint) == (cell(P, "CF_NR_WFFF", 2), f"按处罚内容应填 {expect}（单位万元）；请核对")


def test_fine_before_its_word_is_read(sheet):
    """“处1万元罚款” was not read: a 罚款金额 of 2 万元 now disagrees with it."""
    rec = dict(PENALTY_ORG, CF_NR="警告，处1万元罚款", CF_NR_FK=2)
    assert ("FINE_AMOUNT_MISMATCH", cell(P, "CF_NR_FK", 2), "warning") in keys(sheet.findings(P, [rec]))
    assert sheet.findings(P, [dict(rec, CF_NR_FK=1)]) == []


def test_xinyong_china_wording_of_confiscation_is_a_variant(sheet):
    rec = dict(PENALTY_ORG, CF_CFLB="罚款；没收非法所得", CF_NR="罚款2000元，没收违法所得825元", CF_NR_WFFF=0.0825)
    got = {f.code for f in sheet.findings(P, [rec])}
    assert "ENUM_INVALID" not in got


def test_swapped_authority_and_category_get_a_swap_hint(sheet):
    """浙江 协同监管 template's example row: 处罚种类 = 北京食药监局, 处罚机关 = 罚款."""
    rec = dict(PENALTY_ORG, CF_CFLB="北京食药监局", CF_CFJG="罚款")
    findings = sheet.findings(P, [rec])
    [f] = [f for f in findings if f.code == "COLUMNS_SWAPPED"]
    assert (f.cell, f.message, f.hint) == (cell(P, "CF_CFJG", 2), "“处罚机关”填写的是处罚类别“罚款”",
                                           "处罚机关与处罚类别两列似乎填反了：处罚类别为“北京食药监局”；请对调后重新上报")


def test_goods_confiscated_without_a_value_make_the_money_a_lower_bound(sheet):
    """examples/行政处罚台账.xlsx row 25: “没收违法所得2600元、没收掺假花生油15桶” with 0.41 万元 (the oil valued too)."""
    rec = dict(PENALTY_ORG, CF_CFLB="没收违法所得、没收非法财物；罚款",
               CF_NR="没收违法所得2600元、没收掺假花生油15桶，并处罚款50000元", CF_NR_FK=5, CF_NR_WFFF=0.41)
    assert [f for f in sheet.findings(P, [rec]) if f.code == "CONFISCATION_AMOUNT_MISMATCH"] == []
    low = [f for f in sheet.findings(P, [dict(rec, CF_NR_WFFF=0.1)]) if f.code == "CONFISCATION_AMOUNT_MISMATCH"]
    assert [f.cell for f in low] == [cell(P, "CF_NR_WFFF", 2)]
