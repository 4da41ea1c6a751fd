"""Real templates and data (tests/data/realdata, copied from public repositories with their SOURCE.md):
every 双公示 template is recognised with the right kind, standard and header row; files that are not
双公示 sheets are rejected with a Chinese message (exit 3); real codes pass; a GBK CSV is read."""

import datetime as dt
import functools
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sgs_cli.cli.app import app
from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import keys

pytestmark = pytest.mark.usefixtures("isolated_sgs_env")

DATA = Path(__file__).resolve().parents[1] / "data"
REAL = DATA / "realdata"
PUTUO = REAL / "kevinliu2333-psychology-ptsjzx"
HEALTH = REAL / "health-program-credit"
ZJ = REAL / "guanzhousong-zhejiangmicroent"
UDA = REAL / "dockernesb-es_sxy-udatech"
NB = REAL / "hq3009-cultural_companies-ningbo"
TODAY = dt.date(2019, 12, 31)
CJK = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=None)
def run(path):
    """Validated once per file (read-only results shared by the tests of this module)."""
    return validate_file(path, ValidateOptions(today=TODAY))


def only_sheet(path):
    fr = run(path)
    assert fr.error is None, fr.error
    [s] = [s for s in fr.sheets if s.kind is not None]
    return s


@pytest.mark.parametrize("path, kind, standard, header_row", [
    (PUTUO / "corp_cf.xls", "penalty", "2015", 1),
    (PUTUO / "corp_xk.xls", "license", "2015", 1),
    (PUTUO / "people_cf.xls", "penalty", "2015", 1),
    (PUTUO / "people_xk.xls", "license", "2015", 1),
    # hybrid: old local layout with the 2018 additions appended → recognised as the 2015 layout, mapped
    (HEALTH / "信用办行政处罚法人导入模板.xlsx", "penalty", "2015", 1),
    (HEALTH / "信用办行政处罚自然人导入模板.xlsx", "penalty", "2015", 1),
    (HEALTH / "信用办行政许可法人导入模板.xlsx", "license", "2015", 1),
    (HEALTH / "信用办行政许可自然人导入模板.xlsx", "license", "2015", 1),
    # Zhejiang: empty first row/column, or a notice row merged across the sheet above the header
    (ZJ / "xzcf.xlsx", "penalty", "790", 2),
    (ZJ / "xzcf.xls", "penalty", "790", 2),
    (ZJ / "otherlicence_test.xlsx", "license", "790", 2),
    (ZJ / "pubotherpunish_test.xls", "penalty", "790", 2),
    (UDA / "行政权力目录模板.xlsx", "catalog", "773", 1),
    (NB / "dw_shl_sgsxzxk.csv", "license", "790", 1),
])
def test_template_recognised(path, kind, standard, header_row):
    s = only_sheet(path)
    assert (s.kind, s.standard, s.header_row) == (kind, standard, header_row)


@pytest.mark.parametrize("path", [PUTUO / "corp_cf.xls", PUTUO / "corp_xk.xls", PUTUO / "people_cf.xls",
                                  PUTUO / "people_xk.xls"])
def test_putuo_templates_blank_formatted_rows_are_not_records(path):
    s = only_sheet(path)
    assert s.rows == 0
    # every header is recognised (incl. "行政处罚决定书文号 " with a trailing space, "代码_1 (…)" with a space)
    assert {f.code for f in s.findings} == {"LEGACY_LAYOUT", "LEGACY_FIELD_UNMAPPED", "LEGACY_REQUIRED_MISSING"}
    # the 790 必填 columns a 2015 layout cannot fill are sheet-level errors (issue 26 part 5), nothing else
    p = "CF" if "cf" in path.stem else "XK"
    required = {"CF": {"CF_YXQ", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM"},
                "XK": {"XK_YXQZ", "XK_XKJGDM", "XK_LYDW", "XK_LYDWDM"}}[p]
    assert {f.field for f in s.findings if f.code == "LEGACY_REQUIRED_MISSING"} == required
    assert s.errors == len(required)
    [legacy] = [f for f in s.findings if f.code == "LEGACY_LAYOUT"]
    assert (legacy.severity, legacy.row, legacy.cell) == ("info", 1, None)


def test_putuo_corp_penalty_unmapped_790_fields():
    s = only_sheet(PUTUO / "corp_cf.xls")
    unmapped = {f.field for f in s.findings if f.code == "LEGACY_FIELD_UNMAPPED"}
    assert all(f.severity == "warning" and f.row == 1 for f in s.findings if f.code == "LEGACY_FIELD_UNMAPPED")
    assert unmapped == {"CF_XDR_LB", "CF_XDR_SYDW", "CF_XDR_SHZZ", "CF_FR_ZJLX", "CF_XDR_ZJLX", "CF_NR_FK",
                        "CF_NR_WFFF", "CF_NR_ZKDX", "CF_GSJZQ"}
    required = [f for f in s.findings if f.code == "LEGACY_REQUIRED_MISSING"]
    assert {f.field for f in required} == {"CF_YXQ", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM"}
    assert all(f.severity == "error" and f.row == 1 and f.cell is None for f in required)


def test_putuo_legacy_columns_mapped_to_790():
    s = only_sheet(PUTUO / "corp_cf.xls")
    # CF_JG (处罚结果) → CF_NR and CF_XZJG (处罚机关) → CF_CFJG; the swapped 代码_2/_3 by their labels
    assert {"CF_NR", "CF_CFJG", "CF_XDR_ZZJG", "CF_XDR_GSZC", "CF_WSH", "CF_JDRQ"} <= set(s.columns)


def test_health_program_hybrid_maps_the_2018_additions():
    s = only_sheet(HEALTH / "信用办行政处罚法人导入模板.xlsx")
    assert s.rows == 0
    assert {"CF_NR_FK", "CF_NR_WFFF", "CF_NR_ZKDX", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM", "CF_XDR_SYDW",
            "CF_XDR_SHZZ"} <= set(s.columns)
    assert s.columns["CF_NR_FK"] == "AB"  # “罚款金额（单位万元,范围为0.00~9999.99）”
    # headers with instructions inside them are recognised, not unknown
    unknown = {f.value for f in s.findings if f.code == "HEADER_UNKNOWN"}
    assert not any(u.startswith(("处罚决定日期", "处罚类别1", "当前状态")) for u in unknown)


@pytest.mark.parametrize("name, col", [("信用办行政处罚法人导入模板.xlsx", "AA"), ("信用办行政处罚自然人导入模板.xlsx", "T")])
def test_health_program_wfxw_column_is_not_a_duplicate(name, col):
    s = only_sheet(HEALTH / name)
    assert [f for f in s.findings if f.code == "HEADER_DUPLICATE"] == []
    assert s.columns["CF_WFXW"] == col


@pytest.mark.parametrize("path", [ZJ / "xzcf.xlsx", ZJ / "xzcf.xls"])
def test_zhejiang_example_row_defects(path):
    s = only_sheet(path)
    assert s.sheet == "行政许可模板" and s.rows == 1
    row = keys(f for f in s.findings if f.row == 3)
    # 处罚种类 and 处罚机关 swapped in the example row; the USCC ARBG48543289076GFE is invalid
    assert row == {("ENUM_INVALID", "E3", "error"), ("USCC_FORMAT", "I3", "error"),
                   ("COLUMNS_SWAPPED", "F3", "warning"),  # 处罚机关 = 罚款: swap hint (issue 26 part 5)
                   ("WSH_BRACKET", "B3", "warning")}  # 环处字[2016]0413号 → 环处字〔2016〕0413号
    # “企业名称”, “处罚种类”, “注册号”… are recognised aliases (header row 2, from column B)
    aliases = {f.cell for f in s.findings if f.code == "HEADER_ALIAS"}
    assert {"B2", "E2", "G2", "H2", "I2"} <= aliases
    missing = {f.field for f in s.findings if f.code == "COLUMN_MISSING"}
    assert {"CF_XDR_LB", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM"} <= missing
    assert all(f.row == 2 and f.cell is None for f in s.findings if f.code == "COLUMN_MISSING")


def test_udatech_catalogue():
    s = only_sheet(UDA / "行政权力目录模板.xlsx")
    assert s.rows == 0
    assert {(f.code, f.field) for f in s.findings if f.code == "COLUMN_MISSING"} == {
        ("COLUMN_MISSING", "XH"), ("COLUMN_MISSING", "BM")}
    # 权力编码 (the catalogue's item code) is a known extension column, not "unknown"
    assert keys((f for f in s.findings if f.code in ("HEADER_UNKNOWN", "HEADER_EXTRA")), ("warning", "info")) == {
        ("HEADER_EXTRA", "B1", "info")}


NOT_SGS = [UDA / "双公示月报表统计模板.xls", NB / "dw_nb_scjdgl_xzcfgsxx.csv", NB / "dw_nb_scjdgl_xzxk.csv",
           NB / "dw_nb_sw_csjrxzcfxx.csv", NB / "dw_zj_fzgg_cfjbxx.csv", NB / "dw_zj_fzgg_xzcfjdxx.csv"]


@pytest.mark.parametrize("path", NOT_SGS, ids=lambda p: p.name)
def test_not_a_sgs_sheet_is_rejected(path):
    fr = run(path)
    assert fr.sheets == []
    assert fr.error and CJK.search(fr.error)
    assert path.name in fr.error and "表头" in fr.error


@pytest.mark.parametrize("path", [NOT_SGS[0], NOT_SGS[1]], ids=lambda p: p.name)
def test_not_a_sgs_sheet_exit_3(path):
    r = CliRunner().invoke(app, ["validate", str(path), "--today", "2019-12-31"])
    assert r.exit_code == 3, r.output
    assert "找不到可识别的双公示表头" in r.output.replace("\n", "")  # the console wraps long lines
    assert "Traceback" not in r.output


def test_ningbo_licence_codes_all_pass():
    s = only_sheet(NB / "dw_shl_sgsxzxk.csv")
    assert s.rows == 1000
    assert s.columns["XK_XDR_SHXYM"] == "B"  # uni_social_crd_cd
    on_b = [f for f in s.findings if f.column == "B"]
    assert on_b == []
    assert not [f for f in s.findings if f.code.startswith(("USCC_", "CODE_", "ID_IN_"))]
    # only the key column is filled: the other required items are missing on every row
    assert ("COLUMN_MISSING", None, "error") in keys(s.findings)
    assert {f.row for f in s.findings if f.code == "REQUIRED_MISSING"} == set(range(2, 1002))


def test_ningbo_licence_category_derived_from_prefix():
    # no 行政相对人类别 column: 92… codes are 个体工商户, so 法定代表人(经营者) is required for them
    s = only_sheet(NB / "dw_shl_sgsxzxk.csv")
    frdb = [f for f in s.findings if f.field == "XK_FRDB" and f.code == "REQUIRED_MISSING"]
    assert len(frdb) == 1000


# ---------------------------------------------------------------------------------- GBK CSV fixture

def test_gbk_csv_is_read_and_error_found():
    raw = (DATA / "gbk_penalty.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    s = only_sheet(DATA / "gbk_penalty.csv")
    assert (s.kind, s.standard, s.header_row, s.rows) == ("penalty", "790", 1, 3)
    row_findings = [f for f in s.findings if f.cell is not None]
    assert keys(row_findings) == {("USCC_CHECKSUM", "C3", "error")}
    [f] = [f for f in row_findings if f.severity != "info"]
    assert f.value == "92410122MA45C3P870"


def test_gbk_csv_text_decoded():
    # a mis-decoded file would not map its Chinese headers at all; check a decoded value too
    from sgs_cli.io.reading import read_sheets

    [sheet] = read_sheets(DATA / "gbk_penalty.csv")
    assert sheet.rows[1][0] == "中牟县鑫源商贸有限公司"
    assert sheet.rows[1][13] == "中市监罚〔2019〕201号"


def test_gbk_csv_cli_exit_1():
    r = CliRunner().invoke(app, ["validate", str(DATA / "gbk_penalty.csv"), "--today", "2019-12-31",
                                 "--format", "json"])
    assert r.exit_code == 1, r.output
    assert "USCC_CHECKSUM" in r.output and '"C3"' in r.output


def test_every_copied_folder_has_its_source_note():
    for folder in REAL.iterdir():
        assert (folder / "SOURCE.md").is_file(), folder
    index = (DATA / "SOURCE.md").read_text(encoding="utf-8")
    for f in REAL.rglob("*"):
        if f.is_file() and f.name != "SOURCE.md":
            assert f.name in index, f
