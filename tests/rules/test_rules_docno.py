"""rules/docno.py — WSH_BRACKET, WSH_NOT_A_NUMBER (issue 26 parts 2 and 3), on the real spellings of the
issue's records (京工商海处字【2018】第1583号; a case description in the 文号 column)."""

import pytest

from sgs_cli.standard.docno import looks_like_decision_number, standard_spelling

from conftest import LICENSE_ORG, PENALTY_ORG, keys

P = "penalty"


@pytest.mark.parametrize("wsh, standard", [
    ("京工商海处字【2018】第1583号", "京工商海处字〔2018〕第1583号"),
    ("京工商海处字[2018]第1583号", "京工商海处字〔2018〕第1583号"),
    ("德工商处字(2015)303 号", "德工商处字〔2015〕303 号"),
    ("中市监罚（2019）201号", "中市监罚〔2019〕201号"),
    ("中市监罚［2019］201号", "中市监罚〔2019〕201号"),
])
def test_non_standard_bracket_is_a_variant_with_the_standard_spelling(sheet, wsh, standard):
    findings = sheet.findings(P, [dict(PENALTY_ORG, CF_WSH=wsh)])
    assert keys(findings) == {("WSH_BRACKET", "N2", "warning")}
    [f] = findings
    assert f.hint == f"应为“{standard}”（GB/T 9704：年份用六角括号〔〕）"


def test_standard_bracket_and_a_named_bracket_pass():
    assert standard_spelling("京工商海处字〔2018〕第1583号") is None
    # brackets around words, not the year: 豫牧（兽药）罚决字〔2018〕第1号
    assert standard_spelling("豫牧（兽药）罚决字〔2018〕第1号") is None


def test_description_in_the_document_number_column(sheet):
    findings = sheet.findings(P, [dict(PENALTY_ORG, CF_WSH="未经备案网站提供互联网接入服务")])
    assert keys(findings) == {("WSH_NOT_A_NUMBER", "N2", "warning")}


@pytest.mark.parametrize("text", ["京工商海处字〔2018〕第1583号", "豫牧（兽药）罚决字〔2018〕第1号", "JY14101220003015",
                                  "201312142", "中市监罚〔2019〕201号", "沪监管罚字2019第12号", "空", ""])
def test_numbers_look_like_numbers(text):
    assert looks_like_decision_number(text)


@pytest.mark.parametrize("text", ["未经备案网站提供互联网接入服务", "销售超过保质期的食品", "罚款2000元", "详见处罚决定书"])
def test_descriptions_do_not(text):
    assert not looks_like_decision_number(text)


def test_licence_number_as_document_number_passes(sheet):
    assert sheet.findings("license", [dict(LICENSE_ORG, XK_WSH="JY14101220003015")]) == []
