"""rules/divisions.py — DIVISION_CODE_INVALID (issue 26 part 4): 地方编码 “北京市” or a postcode “641200”."""

import pytest

from sgs_cli.standard.divisions import division_problem
from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import LEGACY_HEADERS, LEGACY_ROWS, PENALTY_ORG, TODAY, keys, write_legacy


@pytest.mark.parametrize("text, why", [
    ("北京市", "不是6位数字"), ("641200", "没有“6412”这一地级区划（2023年统计用区划代码）"), ("991200", "前两位“99”不是省级区划"),
    ("410122", None), ("410000", None), ("410100", None),
    ("371202", None),  # 莱芜市莱城区: a prefecture abolished in 2019, valid in a 2015-layout ledger
])
def test_division_codes(text, why):
    assert division_problem(text) == why


def test_legacy_layout_division_code(tmp_path, isolated_sgs_env):
    rows = [list(r) + [v] for r, v in zip(LEGACY_ROWS, ["北京市", "641200", "310107"])]
    p = write_legacy(tmp_path / "old.xlsx", rows)
    import openpyxl

    wb = openpyxl.load_workbook(p)
    wb["法人行政处罚模板"].cell(1, len(LEGACY_HEADERS) + 1, "地方编码")
    wb.save(p)
    [s] = [s for s in validate_file(p, ValidateOptions(today=TODAY)).sheets if s.kind]
    got = [(f.cell, f.message) for f in s.findings if f.code == "DIVISION_CODE_INVALID"]
    assert got == [("S2", "地方编码“北京市”不是行政区划代码：不是6位数字"),
                   ("S3", "地方编码“641200”不是行政区划代码：没有“6412”这一地级区划（2023年统计用区划代码）")]


def test_790_sheet_with_a_division_column(sheet):
    findings = sheet.findings("penalty", [dict(PENALTY_ORG, DFBM="641200"), dict(PENALTY_ORG, CF_WSH="中市监罚〔2019〕209号",
                                                                                 DFBM="410122")],
                              columns=[*[f.code for f in __import__("sgs_cli").standard.PENALTY.fields], "DFBM"],
                              header_text={"DFBM": "地方编码"})
    assert keys(findings) == {("DIVISION_CODE_INVALID", "AE2", "warning")}
