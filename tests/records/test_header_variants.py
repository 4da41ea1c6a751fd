"""Header recognition on labels as real offices write them (issue 13, part 2 and 3): numbering, bracket
and (必填) variants, 号/码, 文号 variants, published typos, labels naming two identifiers, provincial
extension columns as known extras, and the 法定代表人's 证件类型/证件号码 in 法人 templates.

Label families and their origin (see docs/header-labels.md): 四川 tax-office publication pages (a public
scraper's header map: 代码-1/代码/1/代码1, 代码-3（纳税人识别号）, 代码-4（居民身份证号）, “当权状态”,
“统一社会信息代码”, “处罚是由”, “兴处罚决定日期”), bank-branch publication pages (“行政处罚决定书号”,
“行政处罚决定文号”), the health-program/credit and 浙江 templates in tests/data/realdata."""

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli.cli.app import app
from sgs_cli.records.header import match_extra, match_header
from sgs_cli.standard import LICENSE, PENALTY, PENALTY_2015
from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import PENALTY_ORG, PENALTY_PERSON, TODAY, keys, write_sheet

REAL = Path(__file__).resolve().parents[1] / "data" / "realdata"
HEALTH = REAL / "health-program-credit"


@pytest.mark.parametrize("label, code", [
    # numbering variants: the label in brackets decides, whatever the number says
    ("行政相对人代码-1（统一社会信用代码）", "CF_XDR_SHXYM"),
    ("行政相对人代码/1（统一社会信用代码）", "CF_XDR_SHXYM"),
    ("行政相对人代码1（统一社会信用代码）", "CF_XDR_SHXYM"),
    ("行政相对人代码_1 (统一社会信用代码)", "CF_XDR_SHXYM"),
    ("行政相对人代码-1（社会统一信用代码）", "CF_XDR_SHXYM"),
    ("行政相对人代码-3（纳税人识别号）", "CF_XDR_SWDJ"),
    ("行政相对人代码/3（纳税人识别号）", "CF_XDR_SWDJ"),
    ("行政相对人代码-4（居民身份证号）", "CF_XDR_ZJHM"),
    ("行政相对人代码/4（居民身份证号码）", "CF_XDR_ZJHM"),
    ("行政相对人代码-2（组织机构代码）", "CF_XDR_ZZJG"),
    # a label naming two identifiers, and its mirror, is the USCC column
    ("统一社会信用代码（纳税人识别号）", "CF_XDR_SHXYM"),
    ("纳税人识别号（统一社会信用代码）", "CF_XDR_SHXYM"),
    ("行政相对人统一社会信用代码（纳税人识别号）", "CF_XDR_SHXYM"),
    ("纳税人识别号（统一社会信息代码）", "CF_XDR_SHXYM"),  # typo as published (乐山)
    # 号/码, 文号 variants
    ("居民身份证号", "CF_XDR_ZJHM"), ("身份证号", "CF_XDR_ZJHM"), ("证件号码（必填）", "CF_XDR_ZJHM"),
    ("行政处罚决定书号", "CF_WSH"), ("行政处罚决定文号", "CF_WSH"), ("行政处罚文书号", "CF_WSH"),
    ("税务处罚决定文书号", "CF_WSH"), ("处罚决定书文号", "CF_WSH"),
    # published typos
    ("处罚是由", "CF_SY"), ("兴处罚决定日期", "CF_JDRQ"), ("统一社会信用代", "CF_XDR_SHXYM"), ("罚类别", "CF_CFLB"),
    # (必填) and format notes anywhere, brackets of every shape, numbering of the list
    ("【必填】行政处罚决定书号", "CF_WSH"), ("3、处罚机关：", "CF_CFJG"), ("处罚决定日期（必填，XXXX/XX/XX格式）", "CF_JDRQ"),
    ("罚款金额（单位万元,范围为0.00~9999.99）", "CF_NR_FK"), ("〔选填〕备注", "BZ"),
    ("被处罚单位", "CF_XDR_MC"), ("处罚部门", "CF_CFJG"), ("违法企业名称或违法自然人姓名", "CF_XDR_MC"),
])
def test_penalty_label_variants(label, code):
    assert match_header(PENALTY, label).code == code


@pytest.mark.parametrize("label, code", [
    ("当权状态", "XK_ZT"), ("行政许可决定书号", "XK_WSH"), ("许可决定文号", "XK_WSH"), ("有效期始", "XK_YXQZ"),
    ("许可文件编号", "XK_XKBH"), ("许可文件名称", "XK_XKZS"), ("统一社会信用代码（纳税人识别号）", "XK_XDR_SHXYM"),
])
def test_license_label_variants(label, code):
    assert match_header(LICENSE, label).code == code


@pytest.mark.parametrize("spec, label, extra", [
    (PENALTY, "信息使用范围（必填）:公示;仅政府部门内部共享;仅可授权查询", "SYFW"),
    (PENALTY, "失信严重程度（必填）：未定；一般；较重；严重", "SXYZCD"),
    (PENALTY, "公示日期（XXXX/XX/XX格式）", "GSRQ"),
    (PENALTY, "处罚编码", "CF_BM"), (PENALTY, "处罚权利编码", "CF_BM"), (LICENSE, "许可权力编码", "XK_BM"),
    (PENALTY, "地方编码", "DFBM"), (PENALTY, "数据更新时间戳", "SJC"), (PENALTY, "处罚名称", "CF_CFMC"),
    (PENALTY_2015, "公示日期", "GSRQ"),
])
def test_known_extras(spec, label, extra):
    assert match_header(spec, label) is None
    assert match_extra(spec, label) == extra


def _only(path, **kw):
    fr = validate_file(path, ValidateOptions(today=TODAY, **kw))
    assert fr.error is None, fr.error
    [s] = [s for s in fr.sheets if s.kind]
    return s


def test_health_templates_have_no_unknown_column():
    # 失信严重程度 (W1 / R1 of the penalty templates) is the extension the publication-period rule reads
    for name, extras, read in [("信用办行政处罚法人导入模板.xlsx", {"J1", "M1", "V1"}, {"W1"}),
                               ("信用办行政处罚自然人导入模板.xlsx", {"E1", "H1", "Q1"}, {"R1"}),
                               ("信用办行政许可法人导入模板.xlsx", {"L1", "R1"}, set()),
                               ("信用办行政许可自然人导入模板.xlsx", {"G1", "M1"}, set())]:
        s = _only(HEALTH / name)
        assert [f for f in s.findings if f.code == "HEADER_UNKNOWN"] == []
        assert {f.cell for f in s.findings if f.code == "HEADER_EXTRA"} == extras, name
        assert {f.cell for f in s.findings if f.code == "HEADER_EXTENSION"} == read, name


@pytest.mark.parametrize("name, p, col", [("信用办行政处罚法人导入模板.xlsx", "CF", "G"),
                                          ("信用办行政许可法人导入模板.xlsx", "XK", "H")])
def test_legal_person_template_id_type_is_the_representatives(name, p, col):
    s = _only(HEALTH / name)
    assert s.columns[f"{p}_FR_ZJLX"] == col
    assert f"{p}_XDR_ZJLX" not in s.columns
    [note] = [f for f in s.findings if f.code == "HEADER_ALIAS" and f.cell == f"{col}1"]
    assert note.field == f"{p}_FR_ZJLX" and "紧邻法定代表人列" in note.message


@pytest.mark.parametrize("name, p", [("信用办行政处罚自然人导入模板.xlsx", "CF"), ("信用办行政许可自然人导入模板.xlsx", "XK")])
def test_natural_person_template_id_type_stays_the_persons(name, p):
    s = _only(HEALTH / name)
    assert s.columns[f"{p}_XDR_ZJLX"] == "B"
    assert f"{p}_FR_ZJLX" not in s.columns


def test_legal_person_template_filled_row_has_no_false_must_be_empty(tmp_path):
    """The real 法人 template with one filled record: 证件类型 = 身份证 next to 法定代表人 is no MUST_BE_EMPTY."""
    wb = openpyxl.load_workbook(HEALTH / "信用办行政处罚法人导入模板.xlsx")
    ws = wb.active
    head = {ws.cell(1, c).value.split("（")[0]: c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value}
    values = {"行政相对人": PENALTY_ORG["CF_XDR_MC"], "统一社会信用代码": PENALTY_ORG["CF_XDR_SHXYM"],
              "法定代表人": "李国强", "证件类型": "身份证", "法人证件号": PENALTY_PERSON["CF_XDR_ZJHM"],
              "处罚名称": "销售超过保质期的食品", "文书号": "中市监罚〔2019〕201号", "处罚决定日期": "2019/11/05",
              "处罚机关": "中牟县市场监督管理局", "处罚类别1": "罚款", "处罚事由": PENALTY_ORG["CF_SY"],
              "处罚依据": PENALTY_ORG["CF_YJ"], "处罚结果": "处罚款贰仟元整", "罚款金额": 2000,
              "当前状态": "正常"}
    for k, v in values.items():
        ws.cell(2, head[k], v).number_format = "@"
    p = tmp_path / "信用办行政处罚法人导入模板.xlsx"
    wb.save(p)
    s = _only(p)
    assert not [f for f in s.findings if f.code == "MUST_BE_EMPTY"]
    # and the 大写 fine in 处罚结果 is compared with the amount entered in 元
    [unit] = [f for f in s.findings if f.code == "FINE_UNIT_MISMATCH"]
    assert (unit.cell, unit.hint) == ("AB2", "应填 0.2")


def test_two_identifier_label_is_check_digit_tested(tmp_path):
    bad = PENALTY_ORG["CF_XDR_SHXYM"][:17] + ("0" if PENALTY_ORG["CF_XDR_SHXYM"][17] != "0" else "1")
    p = write_sheet(tmp_path / "a.xlsx", "penalty", [dict(PENALTY_ORG, CF_XDR_SHXYM=bad)],
                    header_text={"CF_XDR_SHXYM": "纳税人识别号（统一社会信用代码）"})
    s = _only(p)
    assert ("USCC_CHECKSUM", "C2", "error") in keys(s.findings)


def test_id_number_label_gets_the_id_and_privacy_checks(tmp_path):
    rec = dict(PENALTY_PERSON, CF_XDR_ZJHM=PENALTY_PERSON["CF_XDR_ZJHM"][:17] + "0")
    if rec["CF_XDR_ZJHM"] == PENALTY_PERSON["CF_XDR_ZJHM"]:
        rec["CF_XDR_ZJHM"] = rec["CF_XDR_ZJHM"][:17] + "1"
    p = write_sheet(tmp_path / "a.xlsx", "penalty", [rec], header_text={"CF_XDR_ZJHM": "行政相对人代码-4（居民身份证号）"})
    s = _only(p)
    [f] = [f for f in s.findings if f.code.startswith("IDCARD_")]
    assert f.cell == "M2" and f.sensitive


def test_document_number_variant_keeps_duplicate_detection(tmp_path):
    p = write_sheet(tmp_path / "a.xlsx", "penalty", [PENALTY_ORG, PENALTY_ORG], header_text={"CF_WSH": "行政处罚决定书号"})
    s = _only(p)
    assert not [f for f in s.findings if f.code == "COLUMN_MISSING" and f.field == "CF_WSH"]
    assert ("DUPLICATE_RECORD", "N3", "error") in keys(s.findings)


def test_verbose_lists_matched_extra_and_ignored_columns(tmp_path):
    p = write_sheet(tmp_path / "a.xlsx", "penalty", [PENALTY_ORG],
                    columns=[f for f in PENALTY_ORG] + ["信息使用范围", "经办人"],
                    header_text={"CF_WSH": "行政处罚决定书号"})
    out = CliRunner().invoke(app, ["validate", str(p), "-v", "--today", "2019-11-08"]).output
    assert "列识别：" in out
    assert "行政处罚决定书号 → 行政处罚决定书文号" in out
    assert "地方扩展列（保留，不作校验）：" in out and "信息使用范围" in out
    assert "已忽略的列（无法识别）：" in out and "经办人" in out
