"""Header labels by meaning (issue 26 part 1): label families no alias list named — the 国家企业信用信息公示系统's
own labels, the 人民银行 branch pages, a 2015-layout publication page, platform exports — read by their words
(standard/meanings.py). The real header rows are in tests/data/realheaders (SOURCE.md there)."""

import csv
from pathlib import Path

import openpyxl
import pytest

from sgs_cli.records.header import detect, match_header
from sgs_cli.standard import LICENSE, LICENSE_2015, PENALTY, PENALTY_2015
from sgs_cli.validation.engine import ValidateOptions, validate_file

from conftest import TODAY, keys

HEADERS = Path(__file__).resolve().parents[1] / "data" / "realheaders"


def _header(name: str) -> list[str]:
    with open(HEADERS / name, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def _mapped(name: str):
    head = _header(name)
    hm = detect([head, ["x"] * len(head)], hint=name)
    assert hm is not None, name
    return hm, {hm.texts[i]: c for i, c in hm.columns.items()}, [hm.texts[i] for i in hm.unknown]


def test_publicity_system_detail_labels():
    """hisoka123/crawler PunishDetail (= superbrandmall/oldataservice PunishmentInfoItem): every label read."""
    hm, got, unknown = _mapped("gsxt_punish_detail.csv")
    assert (hm.spec.kind, hm.spec.standard) == ("penalty", "790")
    assert got == {"行政处罚决定书文号": "CF_WSH", "名称": "CF_XDR_MC", "注册号": "CF_XDR_GSZC",
                   "法定代表人（负责人）姓名": "CF_FRDB", "违法行为类型": "CF_WFXW", "行政处罚内容": "CF_NR",
                   "作出行政处罚决定机关名称": "CF_CFJG", "作出行政处罚决定日期": "CF_JDRQ"}
    assert unknown == []


def test_publicity_system_page_is_no_longer_refused():
    """The saved publicity-system page: 4 of 8 labels were known before, below the floor — refused."""
    hm, got, unknown = _mapped("gsxt_punish_page.csv")
    assert got["名称"] == "CF_XDR_MC" and got["作出行政处罚决定日期"] == "CF_JDRQ"
    assert got["统一社会信用代码/注册号"] == "CF_XDR_SHXYM"  # two identifiers: the USCC column (check digits)
    assert unknown == []


def test_publicity_system_list_labels():
    hm, got, unknown = _mapped("gsxt_punish_list.csv")
    assert got["决定机关名称"] == "CF_CFJG" and got["决定书文号"] == "CF_WSH" and got["处罚决定日期"] == "CF_JDRQ"
    assert unknown == ["详情"]  # the link column of the page
    assert {hm.texts[i] for i in hm.extras} == {"序号", "公示日期"}


def test_bank_branch_and_pboc_labels():
    _, got, unknown = _mapped("bank_branch_penalty.csv")
    assert got["作出行政处罚决定机关名称"] == "CF_CFJG" and got["作出行政处罚决定日期"] == "CF_JDRQ"
    assert got["行政处罚依据"] == "CF_YJ" and got["主要负责人姓名"] == "CF_FRDB"
    assert unknown == []
    _, got, unknown = _mapped("pboc_penalty_detail.csv")
    assert got["行政处罚依据"] == "CF_YJ" and unknown == []


def test_2015_publication_page_labels():
    """河南省畜牧局's 2015-layout penalty page: 行政处罚文书决定号 and 工商登记号 were unknown."""
    hm, got, unknown = _mapped("henan_xm_penalty_2015.csv")
    assert (hm.spec.kind, hm.spec.standard) == ("penalty", "2015")
    assert got["行政处罚文书决定号"] == "CF_WSH" and got["工商登记号"] == "CF_XDR_GSDJ"
    assert got["居民身份证号"] == "CF_XDR_SFZ"
    assert unknown == ["许可生效期", "许可截止期"]  # licence labels copied into a penalty page: not guessed


@pytest.mark.parametrize("spec, label, code", [
    # the bank-branch helper's variant lists (a public crawler's DataFieldHelper), published as written
    (PENALTY, "作出行政处以罚决定机关名称", "CF_CFJG"), (PENALTY, "做出行政处罚决定机关名称", "CF_CFJG"),
    (PENALTY, "处罚作出机关", "CF_CFJG"), (PENALTY, "行政处罚的机关名称", "CF_CFJG"),
    (PENALTY, "作出行政处罚决定期（公文落款时间）", "CF_JDRQ"), (PENALTY, "作出行政处罚决定的时间", "CF_JDRQ"),
    (PENALTY, "做出行政处罚决定日期", "CF_JDRQ"), (PENALTY, "当事人名称（姓名）", "CF_XDR_MC"),
    (PENALTY, "企业或个人名称", "CF_XDR_MC"),
    # platform exports
    (LICENSE, "许可决定书文号", "XK_WSH"), (LICENSE, "法定代表人名称", "XK_FRDB"),
    (LICENSE_2015, "法定代表人名称", "XK_FR"), (LICENSE_2015, "许可决定书文号", "XK_WSH"),
    # identifiers named in brackets: the bracket decides, a bare code stem names nothing
    (PENALTY, "行政相对人代码（纳税人识别号）", "CF_XDR_SWDJ"), (PENALTY, "行政相对人代码-3（纳税人识别号）", "CF_XDR_SWDJ"),
    (PENALTY, "行政相对人代码_3（工商登记号）", "CF_XDR_GSZC"), (PENALTY, "工商登记号", "CF_XDR_GSZC"),
    (PENALTY, "统一社会信用代码（纳税人识别号）", "CF_XDR_SHXYM"),
    # bare numbered codes follow the numbering of the layout
    (PENALTY, "行政相对人代码＿5", "CF_XDR_SYDW"), (PENALTY_2015, "行政相对人代码＿5", "CF_XDR_SFZ"),
    (PENALTY_2015, "行政相对人代码_2", "CF_XDR_ZDM"), (PENALTY, "行政相对人代码_2", "CF_XDR_GSZC"),
])
def test_label_by_meaning(spec, label, code):
    assert match_header(spec, label).code == code


@pytest.mark.parametrize("spec, label", [
    # words that look like a field but mean another thing: not guessed
    (PENALTY, "数据更新时间"), (PENALTY, "公示截止日期"), (PENALTY, "法定代表人证件号码"),
    (PENALTY, "处罚机关统一社会信用代码"), (PENALTY, "数据来源单位"),
])
def test_meaning_does_not_steal_other_fields(spec, label):
    m = match_header(spec, label)
    assert m is None or m.how != "meaning"


def _write(path: Path, head: list[str], rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(head)
    for r in rows:
        ws.append(r)
        for c in ws[ws.max_row]:
            c.number_format = "@"
    wb.save(path)
    return path


def test_publicity_system_export_validated_without_false_missing(tmp_path):
    """The publicity system's labels: no COLUMN_MISSING for 名称 / 机关 / 日期, and the date is checked."""
    head = _header("gsxt_punish_detail.csv")
    row = ["京工商海处字〔2018〕第1583号", "北京某某科技有限公司", "110108012345678", "张三", "未经备案提供互联网接入服务",
           "警告；罚款28000元", "北京市工商行政管理局海淀分局", "2018/13/05"]
    fr = validate_file(_write(tmp_path / "gsxt.xlsx", head, [row]), ValidateOptions(today=TODAY))
    [s] = fr.sheets
    missing = {f.field for f in s.findings if f.code == "COLUMN_MISSING"}
    assert not missing & {"CF_XDR_MC", "CF_CFJG", "CF_JDRQ", "CF_FRDB", "CF_WSH"}
    assert s.columns["CF_JDRQ"] == "H" and s.columns["CF_XDR_MC"] == "B"
    assert ("DATE_INVALID", "H2", "error") in keys(s.findings)
    # each label read by meaning is said so, with the standard name as hint
    notes = {f.cell: f.message for f in s.findings if f.code == "HEADER_ALIAS"}
    assert notes["H1"] == "列标题“作出行政处罚决定日期”按含义识别为“处罚决定日期”"
    assert notes["B1"] == "列标题“名称”按含义识别为“行政相对人名称”"


#: the 38-column 2015 licence export of a platform described in issue 26: 12 columns of the 2015 layout
#: (许可决定书文号, 法定代表人名称, bare 行政相对人代码_N) and 26 platform columns
PLATFORM = ["许可决定书文号", "项目名称", "审批类别", "许可内容", "行政相对人名称", "行政相对人代码_1", "行政相对人代码_2",
            "行政相对人代码_3", "行政相对人代码_5", "法定代表人名称", "许可决定日期", "许可机关"] + [
    f"平台字段{i}" for i in range(1, 27)]


@pytest.mark.parametrize("kind", ["auto", "license"])
def test_platform_export_is_validated_not_refused(tmp_path, kind):
    row = ["豫牧许〔2015〕12号", "兽药经营许可", "普通", "准予兽药经营许可", "郑州某兽药店", "", "", "", "410105197705012795",
           "王某", "2015/06/01", "河南省畜牧局"] + [""] * 26
    fr = validate_file(_write(tmp_path / "p.xlsx", PLATFORM, [row]), ValidateOptions(kind=kind, today=TODAY))
    assert fr.error is None, fr.error
    [s] = fr.sheets
    assert (s.kind, s.standard) == ("license", "2015")
    assert s.columns["XK_WSH"] == "A" and s.columns["XK_FRDB"] == "J"
    # bare 代码_5 in a 2015 layout is the 居民身份证号: the ID gets its GB 11643 check (check digit wrong here)
    assert ("IDCARD_CHECKSUM", "I2", "error") in keys(s.findings)
    # the platform columns are listed as ignored, one warning each
    assert [f.cell for f in s.findings if f.code == "HEADER_UNKNOWN"] == [f"{c}1" for c in (
        "M N O P Q R S T U V W X Y Z AA AB AC AD AE AF AG AH AI AJ AK AL".split())]


def test_gs15_of_an_individual_business_infers_individual(tmp_path):
    """Issue 26: “类别按代码推断为法人及非法人组织” was stated for a 工商注册号 whose 7th digit (6–9) marks an 个体工商户."""
    from sgs_cli.records.mapping import _derive_category

    assert _derive_category({"CF_XDR_GSZC": "410122600012345"}, "CF") == ("个体工商户", "按工商注册号第7位（个体工商户）推断")
    assert _derive_category({"CF_XDR_GSZC": "410122000012345"}, "CF") == ("法人及非法人组织", "按填写的单位代码推断")
    # the 17-zeros placeholder of an 个体工商户 without a USCC does not hide it
    assert _derive_category({"CF_XDR_SHXYM": "00000000000000000X", "CF_XDR_GSZC": "410122700012345"}, "CF")[0] == "个体工商户"


def test_taxpayer_number_label_is_no_uscc_column(tmp_path):
    """`行政相对人代码（纳税人识别号）` was read as the USCC column: a valid 15-digit 纳税人识别号 got USCC_FORMAT."""
    from conftest import PENALTY_ORG, write_sheet

    rec = dict(PENALTY_ORG, CF_XDR_SWDJ="410122687123456")
    p = write_sheet(tmp_path / "a.xlsx", "penalty", [rec],
                    columns=[c for c in PENALTY.codes if c != "CF_XDR_SWDJ"] + ["CF_XDR_SWDJ"],
                    header_text={"CF_XDR_SWDJ": "行政相对人代码（纳税人识别号）"})
    fr = validate_file(p, ValidateOptions(today=TODAY))
    [s] = fr.sheets
    assert s.columns["CF_XDR_SWDJ"] == "AD" and s.columns["CF_XDR_SHXYM"] == "C"
    assert not [f for f in s.findings if f.code.startswith("USCC")]
