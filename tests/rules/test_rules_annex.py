"""rules/annex.py — the 773号 annex templates: 双公示台账 (ledger), 事项目录 (catalog), 联络员名单 (liaison)."""

import openpyxl
import pytest

from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import D, LEDGER_ROW, LIAISON_LEAD, TODAY, keys, write_sheet


def _ledger(n, changes=None):
    """n consecutive valid ledger rows (序号 1..n); changes: {index: {code: value}}."""
    rows = []
    for i in range(n):
        r = dict(LEDGER_ROW, XH=i + 1, WSH=f"中市监罚〔2019〕{201 + i}号")
        r.update((changes or {}).get(i, {}))
        rows.append(r)
    return rows


# ------------------------------------------------------------------------------------------ ledger

def test_ledger_valid(sheet):
    fr = sheet.report("ledger", _ledger(3))
    [s] = fr.sheets
    assert (s.kind, s.standard, s.header_row, s.rows) == ("ledger", "773", 1, 3)
    assert s.findings == []


def test_ledger_with_title_row(sheet):
    fr = sheet.report("ledger", _ledger(2), title="中牟县市场监督管理局行政许可和行政处罚台账")
    assert fr.sheets[0].header_row == 2 and fr.sheets[0].findings == []


def test_ledger_sequence_gap(sheet):
    rows = _ledger(4, {2: {"XH": 4}, 3: {"XH": 5}})
    findings = sheet.findings("ledger", rows)
    assert keys(findings) == {("LEDGER_SEQUENCE", "A4", "warning")}  # one finding: counting resumes at 4
    assert "应为3" in findings[0].message


def test_ledger_sequence_not_a_number(sheet):
    rows = _ledger(2, {1: {"XH": "二"}})
    assert keys(sheet.findings("ledger", rows)) == {("LEDGER_SEQUENCE", "A3", "warning")}


def test_ledger_duplicate_document_number(sheet):
    rows = _ledger(3, {2: {"WSH": "中市监罚〔2019〕201号"}})
    findings = sheet.findings("ledger", rows)
    assert keys(findings) == {("DUPLICATE_WSH", "B4", "error")}
    assert "第2行" in findings[0].message


def test_ledger_report_before_decision(sheet):
    rows = _ledger(1, {0: {"BSRQ": D(2019, 11, 4)}})
    assert keys(sheet.findings("ledger", rows)) == {("DATE_ORDER", "E2", "error")}


def test_ledger_push_before_decision(sheet):
    rows = _ledger(1, {0: {"TSRQ": D(2019, 11, 1)}})
    assert keys(sheet.findings("ledger", rows)) == {("DATE_ORDER", "F2", "error")}


@pytest.mark.parametrize("code, col", [("WSH", "B"), ("XMMC", "C"), ("JDRQ", "D"), ("XH", "A")])
def test_ledger_required(sheet, code, col):
    rows = _ledger(1, {0: {code: None}})
    assert keys(sheet.findings("ledger", rows)) == {("REQUIRED_MISSING", f"{col}2", "error")}


def test_ledger_invalid_date(sheet):
    rows = _ledger(1, {0: {"BSRQ": "2019/11/31"}})
    assert keys(sheet.findings("ledger", rows)) == {("DATE_INVALID", "E2", "error")}


def test_ledger_nonstandard_date_is_info(sheet):
    rows = _ledger(1, {0: {"BSRQ": "2019.11.7"}})
    findings = sheet.findings("ledger", rows)
    assert keys(findings) == set()
    assert keys(findings, ("info",)) == {("DATE_NONSTANDARD", "E2", "info")}


def test_ledger_future_decision(sheet):
    rows = _ledger(1, {0: {"JDRQ": D(2019, 11, 9), "BSRQ": None, "TSRQ": None}})
    assert keys(sheet.findings("ledger", rows)) == {("DATE_FUTURE", "D2", "error")}


def test_ledger_decision_category(sheet):
    rows = _ledger(2, {1: {"LB": "行政确认"}})
    assert keys(sheet.findings("ledger", rows)) == {("ENUM_INVALID", "H3", "error")}


# ----------------------------------------------------------------------------------------- catalog

CATALOG_ROWS = [
    {"XH": 1, "BM": "中牟县市场监督管理局", "ZQLB": "行政许可", "XMMC": "食品经营许可",
     "SDYJ": "《中华人民共和国食品安全法》第三十五条", "XDR": "法人和其他组织、自然人"},
    {"XH": 2, "BM": None, "ZQLB": "行政处罚", "XMMC": "对销售超过保质期食品的处罚",
     "SDYJ": "《中华人民共和国食品安全法》第一百二十四条", "XDR": "法人和其他组织"},
]


def test_catalog_valid_with_merged_department(tmp_path, isolated_sgs_env):
    p = write_sheet(tmp_path / "c.xlsx", "catalog", CATALOG_ROWS)
    wb = openpyxl.load_workbook(p)
    wb.active.merge_cells("B2:B3")  # 行政决定部门 merged over its items, as in the 附件1 sample
    wb.save(p)
    fr = validate_file(p, ValidateOptions(today=TODAY))
    [s] = fr.sheets
    assert (s.kind, s.header_row, s.rows) == ("catalog", 1, 2)
    assert s.findings == []


def test_catalog_blank_department_filled_down(sheet):
    # csv/xls exports of merged cells leave the lower cells blank: filled from the row above
    assert sheet.findings("catalog", CATALOG_ROWS) == []


def test_catalog_invalid_power_category(sheet):
    rows = [CATALOG_ROWS[0], dict(CATALOG_ROWS[1], ZQLB="行政确认")]
    assert keys(sheet.findings("catalog", rows)) == {("ENUM_INVALID", "C3", "error")}


def test_catalog_sequence(sheet):
    rows = [CATALOG_ROWS[0], dict(CATALOG_ROWS[1], XH=3)]
    assert keys(sheet.findings("catalog", rows)) == {("LEDGER_SEQUENCE", "A3", "warning")}


def test_catalog_required(sheet):
    rows = [dict(CATALOG_ROWS[0], SDYJ=None)]
    assert keys(sheet.findings("catalog", rows)) == {("REQUIRED_MISSING", "E2", "error")}


# ----------------------------------------------------------------------------------------- liaison

SECOND = {"DWMC": "中牟县市场监督管理局", "XM": "李明", "ZW": "科员", "BGDH": "0371-62175678",
          "SJ": "15837165432", "YX": "liming@zmscjg.gov.cn", "BZ": "信息报送"}


def test_liaison_valid(sheet):
    fr = sheet.report("liaison", [LIAISON_LEAD, SECOND])
    [s] = fr.sheets
    assert (s.kind, s.header_row, s.rows) == ("liaison", 1, 2)
    assert s.findings == []


@pytest.mark.parametrize("phone", ["0371-67177793", "67177793", "(0371)67177793", "0371-67177793-8012"])
def test_liaison_phone_valid(sheet, phone):
    assert sheet.findings("liaison", [LIAISON_LEAD, dict(SECOND, BGDH=phone)]) == []


@pytest.mark.parametrize("code, col, value, err", [
    ("BGDH", "D", "6717", "PHONE_INVALID"),
    ("SJ", "E", "1380371123", "MOBILE_INVALID"),
    ("SJ", "E", "23803711234", "MOBILE_INVALID"),
    ("YX", "F", "zzcredit#163.com", "EMAIL_INVALID"),
    ("YX", "F", "zzcredit@163", "EMAIL_INVALID"),
])
def test_liaison_contact_formats(sheet, code, col, value, err):
    findings = sheet.findings("liaison", [LIAISON_LEAD, dict(SECOND, **{code: value})])
    assert keys(findings) == {(err, f"{col}3", "error")}


def test_liaison_mobile_stored_as_number_is_fine(sheet):
    assert sheet.findings("liaison", [LIAISON_LEAD, dict(SECOND, SJ=15837165432)]) == []


def test_liaison_lead_incomplete(sheet):
    findings = sheet.findings("liaison", [dict(LIAISON_LEAD, ZW=None, YX=None), SECOND])
    assert [(f.code, f.severity, f.row, f.cell) for f in findings] == [("LIAISON_LEAD_INCOMPLETE", "error", 2, None)]
    assert "职务" in findings[0].message and "邮箱" in findings[0].message


def test_liaison_second_person_may_omit_optional_items(sheet):
    assert sheet.findings("liaison", [LIAISON_LEAD, dict(SECOND, ZW=None, BGDH=None, YX=None)]) == []


def test_liaison_required_name(sheet):
    findings = sheet.findings("liaison", [LIAISON_LEAD, dict(SECOND, XM=None)])
    assert keys(findings) == {("REQUIRED_MISSING", "B3", "error")}


def test_liaison_empty(sheet):
    findings = sheet.findings("liaison", [])
    assert [(f.code, f.severity, f.row, f.cell) for f in findings] == [("LIAISON_EMPTY", "error", 1, None)]


# 附件1 as departments fill it in: one 序号 and one 行政决定部门 merged over the department's items
ANNEX1_ITEMS = [
    (1, "中牟县市场监督管理局", "行政许可", "食品经营许可", "《中华人民共和国食品安全法》第三十五条", "法人和其他组织、自然人"),
    (None, None, "行政处罚", "对销售超过保质期食品的处罚", "《中华人民共和国食品安全法》第一百二十四条", "法人和其他组织"),
    (None, None, "行政处罚", "对未取得食品经营许可从事食品经营的处罚", "《中华人民共和国食品安全法》第一百二十二条",
     "法人和其他组织、自然人"),
    (2, "中牟县生态环境局", "行政处罚", "对超标排放大气污染物的处罚", "《中华人民共和国大气污染防治法》第九十九条",
     "法人和其他组织"),
]


def _annex1(path, merge: bool):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["附件1", None, None, None, None, None])
    ws.append(["序号", "行政决定部门", "行政职权类别", "项目名称", "设定依据", "行政相对人"])
    for item in ANNEX1_ITEMS:
        ws.append(list(item))
    if merge:
        ws.merge_cells("A3:A5")
        ws.merge_cells("B3:B5")
    wb.save(path)
    return path


@pytest.mark.parametrize("merge", [True, False])
def test_catalog_merged_or_blank_sequence_and_department_continue_the_item_above(tmp_path, isolated_sgs_env, merge):
    # merged (xlsx) or blank (the same sheet exported to csv/xls): rows 4–5 belong to 序号 1 and its department
    p = _annex1(tmp_path / "附件1.xlsx", merge)
    fr = validate_file(p, ValidateOptions(today=TODAY))
    [s] = fr.sheets
    assert (s.kind, s.header_row, s.rows) == ("catalog", 2, 4)
    assert [f for f in s.findings if f.severity != "info"] == []


def test_catalog_blank_sequence_with_a_new_department_is_still_missing(tmp_path, isolated_sgs_env):
    p = _annex1(tmp_path / "附件1.xlsx", merge=False)
    wb = openpyxl.load_workbook(p)
    wb.active["B5"] = "中牟县城市管理局"  # a new department without a 序号: not a continuation
    wb.save(p)
    [s] = validate_file(p, ValidateOptions(today=TODAY)).sheets
    assert keys(s.findings) == {("REQUIRED_MISSING", "A5", "error")}


def test_catalog_sequence_after_merged_item_is_checked(tmp_path, isolated_sgs_env):
    p = _annex1(tmp_path / "附件1.xlsx", merge=True)
    wb = openpyxl.load_workbook(p)
    wb.active["A6"] = 3  # 序号 jumps from 1 to 3
    wb.save(p)
    [s] = validate_file(p, ValidateOptions(today=TODAY)).sheets
    assert keys(s.findings) == {("LEDGER_SEQUENCE", "A6", "warning")}
