"""rules/columns.py — header-level findings (COLUMN_MISSING, HEADER_UNKNOWN, HEADER_ALIAS,
HEADER_DUPLICATE, LEGACY_LAYOUT, LEGACY_FIELD_UNMAPPED) and the sheet-level notes of validate.py
(SHEET_HIDDEN, SHEET_UNRECOGNIZED)."""

import datetime as dt

import openpyxl
import pytest

from sgs_cli.standard import legacy
from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import LICENSE_ORG, PENALTY_ORG, SPECS, TODAY, keys, write_sheet

P, L = "penalty", "license"
ALL_P = [f.code for f in SPECS[P].fields]


def _without(*codes):
    return [c for c in ALL_P if c not in codes]


def test_canonical_headers_have_no_header_finding(sheet):
    fr = sheet.report(P, [PENALTY_ORG])
    s = fr.sheets[0]
    assert (s.kind, s.standard, s.header_row, s.rows) == ("penalty", "790", 1, 1)
    assert s.findings == []


def test_missing_required_column(sheet):
    findings = sheet.findings(P, [PENALTY_ORG], columns=_without("CF_YJ"))
    assert keys(findings) == {("COLUMN_MISSING", None, "error")}
    [f] = findings
    assert (f.row, f.column, f.field) == (1, None, "CF_YJ")
    assert "处罚依据" in f.message


def test_missing_conditional_column_is_warning(sheet):
    findings = sheet.findings(P, [PENALTY_ORG], columns=_without("CF_NR_WFFF"))
    assert [(f.code, f.severity, f.row, f.field) for f in findings] == [("COLUMN_MISSING", "warning", 1, "CF_NR_WFFF")]


def test_missing_optional_column_is_silent(sheet):
    assert sheet.findings(P, [PENALTY_ORG], columns=_without("CF_GSJZQ", "BZ")) == []


def test_missing_column_row_is_the_header_row_under_a_title(sheet):
    findings = sheet.findings(P, [PENALTY_ORG], columns=_without("CF_YJ"), title="XX县市场监督管理局行政处罚信息公示表")
    [f] = findings
    assert (f.code, f.row) == ("COLUMN_MISSING", 2)


def test_unknown_header(sheet):
    findings = sheet.findings(P, [dict(PENALTY_ORG, X="x")], columns=ALL_P + ["X"],
                              header_text={"X": "联系电话"})
    assert keys(findings) == {("HEADER_UNKNOWN", "AE1", "warning")}
    assert findings[0].value == "联系电话"


@pytest.mark.parametrize("text", ["信息使用范围（必填）:公示;仅政府部门内部共享;仅可授权查询", "处罚权利编码", "处罚编码",
                                  "公示日期（XXXX/XX/XX格式）"])
def test_provincial_extension_column_is_a_known_extra(sheet, text):
    findings = sheet.findings(P, [dict(PENALTY_ORG, X="0")], columns=ALL_P + ["X"], header_text={"X": text})
    assert keys(findings, ("error", "warning", "info")) == {("HEADER_EXTRA", "AE1", "info")}
    assert findings[0].value == text and "不作校验" in findings[0].message


@pytest.mark.parametrize("code, text", [
    ("CF_WSH", "行政处罚决定文书号"), ("CF_NR_FK", "处罚金额（万元）"),
    ("CF_NR_WFFF", "没收违法所得、没收非法财务的金额（万元）"), ("CF_FR_ZJHM", "法定代表人身份证号"),
    ("CF_XDR_MC", "CF_XDR_MC"), ("CF_XDR_SHXYM", "行政相对人代码-1（统一社会信用代码）"),
    ("CF_XDR_MC", "行政相对人名称（必填）"), ("CF_XDR_MC", "*行政相对人名称"),
])
def test_header_variants_are_recognised(sheet, code, text):
    findings = sheet.findings(P, [PENALTY_ORG], header_text={code: text})
    col = SPECS[P].codes.index(code)
    from sgs_cli.rules.context import column_letter

    # a recognised header: mapped, so the data row is clean; a non-canonical spelling is an info note
    assert keys(findings) == set()
    assert keys(findings, ("info",)) <= {("HEADER_ALIAS", f"{column_letter(col)}1", "info")}


def test_header_alias_is_info(sheet):
    findings = sheet.findings(P, [PENALTY_ORG], header_text={"CF_WSH": "文书号"})
    assert keys(findings, ("error", "warning", "info")) == {("HEADER_ALIAS", "N1", "info")}
    assert "行政处罚决定书文号" in findings[0].hint


def test_full_width_and_spaces_in_header_are_exact_matches(sheet):
    findings = sheet.findings(P, [PENALTY_ORG], header_text={"CF_NR_FK": "罚款金额(万元)",
                                                              "CF_XDR_MC": " 行政相对人名称 "})
    assert findings == []


def test_duplicate_header(sheet):
    findings = sheet.findings(P, [dict(PENALTY_ORG, DUP="x")], columns=ALL_P + ["DUP"],
                              header_text={"DUP": "备注"})
    assert keys(findings) == {("HEADER_DUPLICATE", "AE1", "warning")}


def _legacy_penalty_row():
    return {"CF_WSH": "中市监罚〔2017〕88号", "CF_CFMC": "销售过期食品案", "CF_CFLB1": "1", "CF_CFLB2": "",
            "CF_SY": "销售超过保质期的食品", "CF_YJ": "《中华人民共和国食品安全法》第一百二十四条",
            "CF_XDR_MC": "中牟县鑫源商贸有限公司", "CF_XDR_SHXYM": PENALTY_ORG["CF_XDR_SHXYM"],
            "CF_FR": "李国强", "CF_JG": "罚款2000元", "CF_JDRQ": dt.date(2017, 6, 5),
            "CF_XZJG": "中牟县食品药品监督管理局", "CF_ZT": "0", "DFBM": "410122"}


def test_legacy_layout(sheet):
    columns = [f.code for f in legacy.PENALTY_FIELDS]
    fr = sheet.report("penalty2015", [_legacy_penalty_row()], columns=columns)
    [s] = fr.sheets
    assert (s.kind, s.standard, s.header_row) == ("penalty", "2015", 1)
    info = [f for f in s.findings if f.code == "LEGACY_LAYOUT"]
    assert [(f.severity, f.row, f.cell) for f in info] == [("info", 1, None)]
    unmapped = {f.field for f in s.findings if f.code == "LEGACY_FIELD_UNMAPPED"}
    assert all(f.severity == "warning" for f in s.findings if f.code == "LEGACY_FIELD_UNMAPPED")
    # the 790 fields with no old source (docs/standard.md §2.1): the 必填 ones are errors (LEGACY_REQUIRED_MISSING,
    # issue 26 part 5), 类别 (inferred from the codes) and the conditional ones stay warnings
    required = [f for f in s.findings if f.code == "LEGACY_REQUIRED_MISSING"]
    assert {f.field for f in required} == {"CF_CFJGDM", "CF_SJLY", "CF_SJLYDM", "CF_YXQ"}
    assert {(f.severity, f.row, f.cell) for f in required} == {("error", 1, None)}
    assert {"CF_XDR_LB", "CF_NR_FK"} <= unmapped
    assert "CF_WSH" not in unmapped and "CF_CFJG" not in unmapped and "CF_NR" not in unmapped


def test_legacy_swapped_code_columns_are_checked_by_their_label(sheet):
    # old 代码_2 = 组织机构代码, old 代码_3 = 工商登记码 (swapped in 790)
    columns = [f.code for f in legacy.PENALTY_FIELDS]
    row = dict(_legacy_penalty_row(), CF_XDR_ZDM="60003734-2", CF_XDR_GSDJ="110108000000017")
    findings = sheet.findings("penalty2015", [row], columns=columns)
    col = {c: i for i, c in enumerate(columns)}
    from sgs_cli.rules.context import column_letter

    assert ("ORGCODE_CHECKSUM", f"{column_letter(col['CF_XDR_ZDM'])}2", "error") in keys(findings)
    assert ("GSZC_CHECKSUM", f"{column_letter(col['CF_XDR_GSDJ'])}2", "error") in keys(findings)


def test_sheet_hidden_is_info(tmp_path, isolated_sgs_env):
    p = write_sheet(tmp_path / "h.xlsx", L, [LICENSE_ORG])
    wb = openpyxl.load_workbook(p)
    wb.create_sheet("可见")["A1"] = "说明"
    wb["Sheet1"].sheet_state = "hidden"
    wb.active = 1
    wb.save(p)
    fr = validate_file(p, ValidateOptions(today=TODAY))
    [s] = [s for s in fr.sheets if s.sheet == "Sheet1"]
    assert [(f.code, f.severity) for f in s.findings] == [("SHEET_HIDDEN", "info")]


def test_unrecognised_sheet_next_to_a_good_one(tmp_path, isolated_sgs_env):
    p = write_sheet(tmp_path / "u.xlsx", L, [LICENSE_ORG])
    wb = openpyxl.load_workbook(p)
    ws = wb.create_sheet("统计")
    ws.append(["月份", "数量", "备注说明"])
    ws.append(["2019-11", 3, ""])
    wb.save(p)
    fr = validate_file(p, ValidateOptions(today=TODAY))
    assert fr.error is None
    [u] = [s for s in fr.sheets if s.sheet == "统计"]
    assert u.kind is None
    assert [(f.code, f.severity, f.cell) for f in u.findings] == [("SHEET_UNRECOGNIZED", "warning", None)]


def test_code_row_above_name_row(tmp_path, isolated_sgs_env):
    """Templates often carry the field codes (CF_XDR_MC…) in one row and the Chinese names in the next."""
    from conftest import ORG_USCC, wrong_last

    p = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(ALL_P)
    ws.append([f.name for f in SPECS[P].fields])
    ws.append([PENALTY_ORG.get(c) for c in ALL_P])
    ws.append([dict(PENALTY_ORG, CF_XDR_SHXYM=wrong_last(ORG_USCC, "0123456789ABCDEFGHJKLMNPQRTUWXY")).get(c)
               for c in ALL_P])
    wb.save(p)
    [s] = validate_file(p, ValidateOptions(today=TODAY)).sheets
    assert (s.kind, s.header_row, s.rows) == ("penalty", 2, 2)
    assert keys(s.findings) == {("USCC_CHECKSUM", "C4", "error")}
