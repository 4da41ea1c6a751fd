"""rules/divisions.py — DIVISION_CODE_INVALID (issue 26 part 4): 地方编码 “北京市” or a postcode “641200”, a county
code no 民政部 list holds; DIVISION_CODE_ABOLISHED: a code abolished before the year of the decision.

The county-level changes used here (民政部 县级以上行政区划变更情况; the years as in the 民政部 lists of 31 December):
任县 130526 → 任泽区 130505, 南和县 130527 → 南和区 130506, 邢台县 130521 split into 信都区/襄都区 (国函〔2020〕82号,
2020); 蓟县 120225 → 蓟州区 120119 (国函〔2016〕104号, 2016); 莱芜市 371200 with 莱城区 371202 → 济南市莱芜区 370116
(国函〔2019〕4号; in the list of 2018)."""

import datetime as dt

import pytest

from sgs_cli.standard import divisions
from sgs_cli.standard.divisions import abolished, division_problem
from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import LEGACY_HEADERS, LEGACY_ROWS, PENALTY_ORG, TODAY, keys, write_legacy


@pytest.mark.parametrize("text, why", [
    ("北京市", "不是6位数字"), ("641200", "没有“6412”这一地级区划（2023年统计用区划代码）"), ("991200", "前两位“99”不是省级区划"),
    ("410122", None), ("410000", None), ("410100", None),
    ("371202", None),  # 莱芜市莱城区: a prefecture abolished in 2019, valid in a 2015-layout ledger
    # county level (民政部 2000–2024): 410199 was never a county of 郑州; 410171 is the 统计用区划代码 of 郑州经济技术
    # 开发区 and 410101 the 市辖区 code, both accepted with their prefecture
    ("410199", "没有“410199”这一县级区划（民政部2000—2024年县级以上行政区划代码）"), ("410171", None), ("410101", None),
    ("130526", None), ("130505", None), ("120225", None), ("120119", None),
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


@pytest.mark.parametrize("code, year, ended", [
    ("130526", 2019, None), ("130526", 2020, None), ("130526", 2021, 2020),  # 任县 → 任泽区 in 2020
    ("130505", 2018, None), ("130505", 2021, None),  # 任泽区: newer than a 2018 decision is not a finding
    ("120225", 2015, None), ("120225", 2016, None), ("120225", 2017, 2016),  # 蓟县 → 蓟州区 in 2016
    ("371202", 2018, None), ("371202", 2019, 2018),  # 莱城区 → 济南市莱芜区
    ("130502", 2023, None),  # 邢台 桥东区 renamed 襄都区 in 2020, same code
    ("410122", 2026, None),  # 中牟县, in use: a year after the list's last (2024) is judged by it
])
def test_codes_by_year(code, year, ended):
    got = abolished(code, year)
    assert (got.end if got else None) == ended


def test_the_data_file_holds_every_year_of_the_county_list():
    p = divisions.periods()
    in_use = {y: sum(1 for ps in p.values() for q in ps if q.start <= y and (q.end is None or q.end > y))
              for y in (2015, 2019, 2024)}
    # 民政部 lists of 31 December: 34 province-level, ~333 prefecture-level, ~2,850 county-level codes
    assert all(3150 < n < 3300 for n in in_use.values()), in_use
    assert abolished("130526", 2021).successors == ("130505",) and divisions.division_name("130505") == "130505 任泽区"


def test_legacy_layout_codes_judged_by_the_decision_year(tmp_path, isolated_sgs_env):
    # the three legacy rows are decisions of 2016: 130526 (任县, abolished 2020) and 120225 (蓟县, abolished during
    # 2016) are the codes of their time; a 2021 decision with 130526 gets DIVISION_CODE_ABOLISHED
    rows = [list(r) + [v] for r, v in zip(LEGACY_ROWS, ["130526", "120225", "130526"])]
    rows[2][14] = dt.datetime(2021, 5, 9)
    p = write_legacy(tmp_path / "old.xlsx", rows)
    import openpyxl

    wb = openpyxl.load_workbook(p)
    wb["法人行政处罚模板"].cell(1, len(LEGACY_HEADERS) + 1, "地方编码")
    wb.save(p)
    [s] = [s for s in validate_file(p, ValidateOptions(today=TODAY)).sheets if s.kind]
    got = [(f.code, f.cell, f.severity, f.message, f.hint) for f in s.findings if f.code.startswith("DIVISION")]
    assert got == [("DIVISION_CODE_ABOLISHED", "S4", "warning", "地方编码“130526”（任县）2020年已撤销或变更，2021年作出的决定不应再用此代码",
                    "应填决定作出时所在地的行政区划代码（此地现为 130505 任泽区）（民政部县级以上行政区划代码）")]
