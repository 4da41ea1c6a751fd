"""rules/normalization.py — TEXT_WHITESPACE, TEXT_FULLWIDTH (info: reported, never silently fixed);
and a guard that every stable rule code is exercised by a test_rules_* module."""

import importlib
import pathlib
import re

import pytest

from conftest import LICENSE_ORG, PENALTY_ORG, keys

P, L = "penalty", "license"
INFO = ("info",)


@pytest.mark.parametrize("value", [" 中牟县鑫源商贸有限公司", "中牟县鑫源商贸有限公司 ", "中牟县鑫源商贸\n有限公司"])
def test_whitespace_in_name(sheet, value):
    findings = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_MC=value)])
    assert keys(findings) == set()
    assert keys(findings, INFO) == {("TEXT_WHITESPACE", "A2", "info")}


def test_line_break_inside_long_free_text_is_normal(sheet):
    rec = dict(PENALTY_ORG, CF_SY="当事人销售超过保质期的食品。\n经查，货值金额96元。")
    assert sheet.findings(P, [rec]) == []


def test_fullwidth_letters_and_digits(sheet):
    rec = dict(LICENSE_ORG, XK_XKWS="食品经营许可决定书（ＪＹ１）")
    findings = sheet.findings(L, [rec])
    assert keys(findings) == set()
    assert keys(findings, INFO) == {("TEXT_FULLWIDTH", "N2", "info")}


def test_fullwidth_punctuation_is_normal_chinese_text(sheet):
    rec = dict(PENALTY_ORG, CF_NR="警告，并处罚款2000元（已缴纳）；")
    assert sheet.findings(P, [rec]) == []


def test_whitespace_in_enum_value(sheet):
    findings = sheet.findings(P, [dict(PENALTY_ORG, CF_XDR_LB="法人及非法人组织 ")])
    assert keys(findings) == set()  # the value itself is recognised after stripping
    assert ("TEXT_WHITESPACE", "B2", "info") in keys(findings, INFO)


# ------------------------------------------------------------------------------ every code tested

def _documented_codes() -> set[str]:
    codes = set()
    for p in pathlib.Path(importlib.import_module("sgs_cli.rules").__file__).parent.glob("*.py"):
        if p.stem in ("__init__", "context", "catalog"):
            continue
        doc = importlib.import_module(f"sgs_cli.rules.{p.stem}").__doc__ or ""
        codes |= set(re.findall(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b", doc))
    return codes


def _tested_codes() -> str:
    here = pathlib.Path(__file__).parent
    return "".join(p.read_text(encoding="utf-8") for p in here.glob("test_rules_*.py"))


def test_every_documented_rule_code_has_a_test():
    text = _tested_codes()
    assert sorted(c for c in _documented_codes() if f'"{c}"' not in text) == []


def test_every_catalogued_rule_code_has_a_test():
    catalog = pytest.importorskip("sgs_cli.rules.codes")
    text = _tested_codes()
    assert sorted(c for c in catalog.RULES if f'"{c}"' not in text) == []


def test_documented_codes_are_in_the_catalogue():
    catalog = pytest.importorskip("sgs_cli.rules.codes")
    assert sorted(_documented_codes() - set(catalog.RULES)) == []
