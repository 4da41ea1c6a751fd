"""Blank templates (sgs_cli.render.templates, templates/*.xlsx) and the safe Excel writer (sgs_cli.io.write).

* the shipped files in templates/ match a fresh build from the field declarations;
* every header of a template is recognised by the header detector as the canonical field name;
* a template filled with valid rows validates with no error;
* formula-like text stays text, outputs never overwrite an input and never leave a temp file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from sgs_cli import standard as S
from sgs_cli.render import templates as T
from sgs_cli.render.paper import NARROW_SHARE, print_facts
from sgs_cli.codes import orgcode, ric, uscc
from sgs_cli.errors import OutputError, UsageError
from sgs_cli.records.header import detect
from sgs_cli.io.reading import read_sheets
from sgs_cli.standard import FieldType
from sgs_cli.validation.engine import ValidateOptions, validate_file
from sgs_cli.io.write import atomic_write_workbook, looks_like_formula, safe_cell_value, set_text, set_value

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "templates"
KINDS = ("license", "penalty", "ledger", "catalog", "liaison", "objection", "register", "repair")
TODAY = dt.date(2019, 12, 31)
D = dt.date

sys.path.insert(0, str(ROOT / "scripts"))
import make_templates  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Every template scripts/make_templates.py writes (the record kinds and the roster), built once."""
    folder = tmp_path_factory.mktemp("templates")
    return {k: make_templates.write(k, make_templates.template_path(k, folder)) for k in make_templates.KINDS}


@pytest.fixture(scope="module")
def books(generated) -> dict:
    """The generated templates loaded once. Read only cells that exist: openpyxl creates a cell it is asked for,
    which would change the sheet's height that test_templates_printed_as_every_workbook checks."""
    return {k: load_workbook(p) for k, p in generated.items()}


@pytest.fixture(scope="module")
def described(generated) -> dict[str, dict]:
    """describe_template of each generated template, from a load of its own (it reads cells past the end of
    the 填写说明 sheet, which openpyxl then creates)."""
    return {k: T.describe_template(load_workbook(p)) for k, p in generated.items()}


#: the templates whose data sheet is too wide for one A4 landscape page at 9 pt: pages across at 82 %
PRINTED_ACROSS = {"license": 4, "penalty": 5, "register": 3, "repair": 2}


# ------------------------------------------------------------------------------- the shipped files

def test_template_kinds_are_the_modern_kinds():
    assert T.TEMPLATE_KINDS == KINDS == tuple(S.BY_KIND)


@pytest.mark.parametrize("kind", make_templates.KINDS)
def test_shipped_template_is_up_to_date(kind, described):
    # what `python scripts/make_templates.py --check` checks, kind by kind (the roster too)
    shipped = make_templates.template_path(kind)
    assert shipped.exists(), f"{shipped} is missing: run python scripts/make_templates.py"
    assert T.describe_template(load_workbook(shipped)) == described[kind], \
        f"{shipped} is out of date: run python scripts/make_templates.py"


def test_make_templates_check_mode_names_missing_and_stale_templates(tmp_path, capsys):
    (tmp_path / "roster.xlsx").write_bytes((SHIPPED / "roster.xlsx").read_bytes())  # up to date
    (tmp_path / "penalty.xlsx").write_bytes((SHIPPED / "license.xlsx").read_bytes())  # another kind's content
    assert make_templates.main(["--check", "--out", str(tmp_path)]) == 1  # penalty stale, the others missing
    assert capsys.readouterr().out.splitlines() == [
        f"out of date: {tmp_path / f'{k}.xlsx'} (run scripts/make_templates.py)" for k in make_templates.KINDS
        if k != "roster"]


def test_output_is_byte_reproducible(tmp_path, generated):
    assert T.write_template("penalty", tmp_path / "a.xlsx").read_bytes() == generated["penalty"].read_bytes()


# ---------------------------------------------------------------------- generated from declarations

@pytest.mark.parametrize("kind", KINDS)
def test_layout_follows_the_declaration(kind, books):
    spec = S.BY_KIND[kind]
    wb = books[kind]
    assert wb.sheetnames == [spec.title, T.INSTRUCTIONS_SHEET]
    ws = wb[spec.title]
    assert [c.value for c in ws[1]] == [f.name for f in spec.fields]
    # a sheet printed over pages across (render/paper.py) keeps its first column on screen and on paper
    assert ws.freeze_panes == ("B2" if kind in PRINTED_ACROSS else "A2")
    for col, f in enumerate(spec.fields, start=1):
        head = ws.cell(1, col)
        assert head.font.b and head.alignment.wrap_text and head.fill.fgColor.rgb.endswith("DDEBF7")
        red = head.font.color.rgb.endswith("C00000")
        assert red == (f.required is S.Required.ALWAYS), f.name
        width = ws.column_dimensions[head.column_letter].width
        assert T.MIN_WIDTH <= T.column_width(f) <= T.MAX_WIDTH
        assert T.column_width(f) >= min(T.MAX_WIDTH, T.header_width(f.name)), f.name
        # the declared width, or narrowed (its header wrapped) so the sheet prints on one page at 9 pt or more
        assert T.column_width(f) * NARROW_SHARE - 0.1 <= width <= T.column_width(f), f.name
        expected = {FieldType.CODE: "@", FieldType.ENUM: "@", FieldType.DATE: "yyyy/mm/dd"}.get(f.type,
                                                                                             "General")
        for row in (2, T.DATA_ROWS + 1):
            assert ws.cell(row, col).number_format == expected, (f.name, row)
        if expected != "General":
            assert ws.column_dimensions[head.column_letter].number_format == expected
    # the instructions sheet lists every field
    info = wb[T.INSTRUCTIONS_SHEET]
    assert [c.value for c in info[1]] == ["字段名", "代码", "类型", "必填规则", "长度上限", "说明"]
    rows = list(info.iter_rows(min_row=2, max_row=len(spec.fields) + 1, values_only=True))
    assert [(r[0], r[1], r[3]) for r in rows] == [(f.name, f.code, S.base.REQUIRED_LABEL[f.required])
                                                   for f in spec.fields]
    assert [r[4] or "" for r in rows] == [T.length_label(f) for f in spec.fields]


def _validations(ws) -> dict[str, object]:
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


@pytest.mark.parametrize("kind", KINDS)
def test_every_header_and_column_has_a_prompt(kind, books):
    spec = S.BY_KIND[kind]
    ws = books[kind][spec.title]
    dvs = _validations(ws)
    for col, f in enumerate(spec.fields, start=1):
        letter = ws.cell(1, col).column_letter
        for ref in (f"{letter}1", f"{letter}2:{letter}1048576"):
            dv = dvs[ref]
            assert dv.showInputMessage and dv.promptTitle == f.name[:32]
            assert S.base.REQUIRED_LABEL[f.required] in dv.prompt
            assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32 and len(dv.error or "") <= 255
            if f.hint and f.hint != "选填" and len(f.hint) < 150:
                assert f.hint in dv.prompt
        assert dvs[f"{letter}1"].type is None  # the header itself is never checked


def test_enumerations_have_drop_down_lists(books):
    seen = {}
    for kind in KINDS:
        spec = S.BY_KIND[kind]
        ws = books[kind][spec.title]
        dvs = _validations(ws)
        for col, f in enumerate(spec.fields, start=1):
            letter = ws.cell(1, col).column_letter
            dv = dvs[f"{letter}2:{letter}1048576"]
            values = T.enum_values(f)
            if values:
                assert dv.type == "list" and dv.formula1 == '"' + ",".join(values) + '"', f.name
                assert len(dv.formula1) <= 257 and not dv.showDropDown  # showDropDown=1 would HIDE the arrow
                seen[f.code] = dv.errorStyle
            elif f.type is FieldType.DATE:
                assert (dv.type, dv.formula1, dv.formula2) == ("date", "DATE(1949,10,1)", "DATE(2099,12,31)")
                assert dv.errorStyle == "warning"
    assert seen["CF_CFLB"] == "information"  # several categories separated by “；”
    assert seen["XK_XKLB"] == seen["XK_XDR_ZJLX"] == seen["CF_FR_ZJLX"] == "warning"  # “其他-xxx” allowed
    assert seen["XK_XDR_LB"] == seen["XK_ZT"] == seen["ZQLB"] == seen["LB"] == "stop"
    assert T.enum_values(S.PENALTY.by_code("CF_CFLB")) == S.enums.CFLB_790


def test_catalog_and_liaison_notes_from_the_seed(books):
    def notes(kind):
        ws = books[kind][T.INSTRUCTIONS_SHEET]
        return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)

    assert "结构示例" in notes("catalog") and "向下填充" in notes("catalog")
    assert "企业固定资产投资项目核准或备案" in notes("catalog")
    assert "排名第1位的人员" in notes("liaison")
    assert "7个工作日" in notes("ledger")


def test_unknown_kind_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError) as e:
        T.build_template("monthly")
    assert "未知的模板类型" in e.value.message and "penalty" in e.value.hint
    with pytest.raises(UsageError):
        T.write_template("xx", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_write_template_keeps_an_existing_file(tmp_path, generated):
    out = tmp_path / "行政处罚模板.xlsx"
    out.write_bytes(b"my filled ledger")
    with pytest.raises(OutputError) as e:
        T.write_template("penalty", out)
    assert "已存在" in e.value.message
    assert out.read_bytes() == b"my filled ledger"
    T.write_template("penalty", out, overwrite=True)
    assert out.read_bytes() == generated["penalty"].read_bytes()  # replaced by the template


def test_default_filename():
    assert T.default_filename("penalty") == "行政处罚模板.xlsx"
    assert T.default_filename("liaison") == "联络员名单模板.xlsx"


# --------------------------------------------------------------------- recognised by the validator

@pytest.mark.parametrize("kind", KINDS)
def test_headers_are_recognised_by_the_detector(kind, generated):
    spec = S.BY_KIND[kind]
    sheets = read_sheets(generated[kind])
    assert [s.name for s in sheets] == [spec.title, T.INSTRUCTIONS_SHEET]
    hm = detect(sheets[0].rows)
    assert hm is not None and hm.spec is spec and hm.header_row == 1
    assert sorted(hm.columns.values()) == sorted(spec.codes)
    assert hm.unknown == [] and hm.duplicates == []
    assert {m.how for m in hm.matches.values()} == {"name"}  # canonical names, no alias
    assert detect(sheets[1].rows) is None  # the instructions are not mistaken for data


@pytest.mark.parametrize("kind", KINDS)
def test_blank_template_validates_without_column_findings(kind, generated):
    fr = validate_file(generated[kind], ValidateOptions(today=TODAY))
    assert fr.error is None
    data, info = fr.sheets
    assert (data.sheet, data.kind, data.standard, data.header_row, data.rows) == (
        S.BY_KIND[kind].title, kind, S.BY_KIND[kind].standard, 1, 0)
    codes = [(f.severity, f.code) for f in data.findings]
    # a blank template has no data; only the liaison list must name at least one person
    assert codes == ([("error", "LIAISON_EMPTY")] if kind == "liaison" else [])
    assert info.kind is None and info.errors == 0 and info.warnings == 0


# ------------------------------------------------------------------------- filled with valid rows

def _org(body8: str) -> str:
    return body8 + orgcode.calc_check_digit(body8)


def _uscc(prefix8: str, body8: str) -> str:
    first17 = prefix8 + _org(body8)
    return first17 + uscc.calc_check_digit(first17)


def _ric(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17)


AUTHORITY = _uscc("11410100", "00545678")  # 11 = 机关
COMPANY_ORG = _org("MA3XK7F2")
COMPANY = "91410100" + COMPANY_ORG + uscc.calc_check_digit("91410100" + COMPANY_ORG)
PERSON_ID = _ric("41010219800101123")
LEGAL_REP_ID = _ric("41010519750615201")

_ORG_PARTY = {"XDR_MC": "郑州某某科技有限公司", "XDR_LB": "法人及非法人组织", "XDR_SHXYM": COMPANY,
              "XDR_ZZJG": COMPANY_ORG, "FRDB": "王五", "FR_ZJLX": "身份证", "FR_ZJHM": LEGAL_REP_ID}
_PERSON_PARTY = {"XDR_MC": "李四", "XDR_LB": "自然人", "XDR_ZJLX": "身份证", "XDR_ZJHM": PERSON_ID}

FILLED = {
    "license": [
        {**{f"XK_{k}": v for k, v in _ORG_PARTY.items()},
         "XK_XKWS": "准予行政许可决定书", "XK_WSH": "郑发改许〔2019〕101号", "XK_XKLB": "普通",
         "XK_XKZS": "企业投资项目核准批复", "XK_XKBH": "2019-410100-44-02-000101",
         "XK_NR": "准予核准郑州某某科技有限公司年产500台设备项目", "XK_JDRQ": D(2019, 11, 4),
         "XK_YXQZ": D(2019, 11, 4), "XK_YXQZI": D(2021, 11, 3), "XK_XKJG": "郑州市发展和改革委员会",
         "XK_XKJGDM": AUTHORITY, "XK_ZT": "1", "XK_LYDW": "郑州市发展和改革委员会", "XK_LYDWDM": AUTHORITY},
        {**{f"XK_{k}": v for k, v in _PERSON_PARTY.items()},
         "XK_XKWS": "准予行政许可决定书", "XK_WSH": "郑发改许〔2019〕102号", "XK_XKLB": "其他-备案",
         "XK_NR": "准予备案", "XK_JDRQ": D(2019, 11, 5), "XK_YXQZ": D(2019, 11, 5), "XK_YXQZI": D(2099, 12, 31),
         "XK_XKJG": "郑州市发展和改革委员会", "XK_XKJGDM": AUTHORITY, "XK_ZT": "1",
         "XK_LYDW": "郑州市发展和改革委员会", "XK_LYDWDM": AUTHORITY},
    ],
    "penalty": [
        {**{f"CF_{k}": v for k, v in _ORG_PARTY.items()},
         "CF_WSH": "郑发改罚〔2019〕21号", "CF_WFXW": "违反《中华人民共和国招标投标法实施条例》第六十三条",
         "CF_SY": "依法必须招标项目未按规定发布招标公告", "CF_YJ": "《中华人民共和国招标投标法实施条例》第六十三条",
         "CF_CFLB": "罚款", "CF_NR": "罚款2000元", "CF_NR_FK": 0.2, "CF_JDRQ": D(2019, 11, 4),
         "CF_YXQ": D(2020, 5, 4), "CF_CFJG": "郑州市发展和改革委员会", "CF_CFJGDM": AUTHORITY,
         "CF_SJLY": "郑州市发展和改革委员会", "CF_SJLYDM": AUTHORITY},
        {**{f"CF_{k}": v for k, v in _PERSON_PARTY.items()},
         "CF_WSH": "郑发改罚〔2019〕22号", "CF_WFXW": "违反《价格违法行为行政处罚规定》",
         "CF_SY": "未明码标价", "CF_YJ": "《价格违法行为行政处罚规定》第十三条", "CF_CFLB": "警告",
         "CF_NR": "警告", "CF_JDRQ": D(2019, 11, 5), "CF_YXQ": D(2019, 11, 5),
         "CF_CFJG": "郑州市发展和改革委员会", "CF_CFJGDM": AUTHORITY,
         "CF_SJLY": "郑州市发展和改革委员会", "CF_SJLYDM": AUTHORITY},
    ],
    "ledger": [
        {"XH": i, "WSH": f"郑发改罚〔2019〕{20 + i}号", "XMMC": f"案件{i}", "JDRQ": D(2019, 11, 4),
         "BSRQ": D(2019, 11, 6), "TSRQ": D(2019, 11, 6), "LB": "行政处罚", "BM": "郑州市发展和改革委员会"}
        for i in (1, 2, 3)
    ],
    "catalog": [
        {"XH": 1, "BM": "郑州市发展和改革委员会", "ZQLB": "行政许可", "XMMC": "企业固定资产投资项目核准或备案",
         "SDYJ": "【行政法规】《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令412号）",
         "XDR": "法人和其他组织"},
        {"XH": 2, "ZQLB": "行政处罚", "XMMC": "对依法必须招标项目发布招标公告违法行为的处罚",  # 部门 filled down
         "SDYJ": "【行政法规】《中华人民共和国招标投标法实施条例》（国务院令第613号）第六十三条",
         "XDR": "法人和其他组织"},
    ],
    "liaison": [
        {"DWMC": "郑州市发展和改革委员会", "XM": "张雅丽", "ZW": "科长", "BGDH": "0371-67177793",
         "SJ": "13800138000", "YX": "a@b.cn", "BZ": "总体协调、信息报送、异议处理、信用修复审核"},
        {"DWMC": "郑州市发展和改革委员会", "XM": "赵六", "SJ": "13800138001", "BZ": "信息报送"},
    ],
    "register": [
        {"DWMC": "郑州市发展和改革委员会", "GZFA": D(2019, 11, 20), "LLY": D(2019, 11, 20), "MLBS": D(2019, 11, 25),
         "MLGX": D(2019, 11, 26), "YB10": D(2019, 11, 12)},
    ],
    "objection": [
        {"SDRQ": D(2019, 11, 4), "YYR": "中牟县鑫源商贸有限公司", "WSH": "郑发改罚〔2019〕21号", "CBKS": "法规科",
         "CLQX": D(2019, 11, 7), "BJRQ": D(2019, 11, 6), "TBRQ": D(2019, 11, 7), "CLJG": "经核实，信息无误，维持"},
    ],
    "repair": [
        {"XH": 1, "SQR": "中牟县鑫源商贸有限公司", "XDR_SHXYM": COMPANY, "SQRQ": D(2019, 10, 8), "SLRQ": D(2019, 10, 9),
         "WSH": "郑发改罚〔2019〕12号", "CFJDRQ": D(2019, 7, 5), "SXCD": "一般", "XFJD": "准予修复",
         "JDRQ": D(2019, 10, 15), "XFJG": "撤下", "CXRQ": D(2019, 10, 16), "JBBM": "郑州市发展和改革委员会"},
    ],
}


def _fill(template: Path, kind: str, out: Path) -> Path:
    spec = S.BY_KIND[kind]
    wb = load_workbook(template)
    ws = wb[spec.title]
    col = {f.code: i for i, f in enumerate(spec.fields, start=1)}
    for r, values in enumerate(FILLED[kind], start=2):
        for code, v in values.items():
            set_value(ws.cell(r, col[code]), v)  # a KeyError here: the test data names an unknown field
    return atomic_write_workbook(wb, out, inputs=[template])


@pytest.fixture(scope="module")
def filled(generated, tmp_path_factory):
    """A template of a kind filled with the rows of FILLED (each filled once for the module)."""
    folder = tmp_path_factory.mktemp("filled")
    done: dict[str, Path] = {}

    def get(kind: str) -> Path:
        if kind not in done:
            done[kind] = _fill(generated[kind], kind, folder / f"filled_{kind}.xlsx")
        return done[kind]

    return get


@pytest.mark.parametrize("kind", KINDS)
def test_filled_template_validates_cleanly(kind, filled):
    path = filled(kind)
    fr = validate_file(path, ValidateOptions(today=TODAY))
    assert fr.error is None
    data = fr.sheets[0]
    assert (data.kind, data.rows) == (kind, len(FILLED[kind]))
    problems = [(f.code, f.cell, f.message, f.hint) for s in fr.sheets for f in s.findings
                if f.severity == "error"]
    assert fr.errors == 0, problems


def test_filled_codes_and_dates_keep_their_types(filled):
    path = filled("penalty")
    rows = read_sheets(path)[0].rows
    col = {f.code: i for i, f in enumerate(S.PENALTY.fields)}
    assert rows[1][col["CF_XDR_SHXYM"]] == COMPANY  # text, every digit kept
    assert rows[1][col["CF_JDRQ"]] == D(2019, 11, 4)  # a real date cell
    assert load_workbook(path)["行政处罚"].cell(2, col["CF_JDRQ"] + 1).number_format == "yyyy/mm/dd"


def test_cli_template_command(tmp_path, generated):
    from typer.testing import CliRunner

    from sgs_cli.cli.app import app

    out = tmp_path / "行政处罚模板.xlsx"
    result = CliRunner().invoke(app, ["template", "penalty", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == generated["penalty"].read_bytes()  # the template, byte for byte


# --------------------------------------------------------------------------------------- xlsxsafe

FORMULA_LIKE = ["=1+1", "=HYPERLINK(\"http://example.com\",\"点击\")", "+86 138 0013 8000", "-5", "@SUM(A1:A2)",
                "\t=1+1", "-2+3", "=cmd|' /C calc'!A0"]


def test_openpyxl_alone_would_write_a_formula():
    ws = Workbook().active
    ws["A1"] = "=1+1"
    assert ws["A1"].data_type == "f"  # the reason set_text exists
    assert set_text(ws["A1"], "=1+1").data_type == "s"


def test_formula_like_text_stays_text_after_save_and_reload(tmp_path):
    wb = Workbook()
    ws = wb.active
    for r, text in enumerate(FORMULA_LIKE, start=1):
        set_text(ws.cell(r, 1), text)
        set_value(ws.cell(r, 2), text)
    out = atomic_write_workbook(wb, tmp_path / "out.xlsx")
    back = load_workbook(out).active
    for r, text in enumerate(FORMULA_LIKE, start=1):
        for c in (1, 2):
            cell = back.cell(r, c)
            assert (cell.value, cell.data_type) == (text, "s")
            assert cell.quotePrefix  # Excel keeps it text even when the user edits the cell
    calamine_rows = read_sheets(out)[0].rows
    assert [row[0] for row in calamine_rows] == FORMULA_LIKE
    assert all(looks_like_formula(t) for t in FORMULA_LIKE) and not looks_like_formula("行政处罚")


def test_set_value_keeps_numbers_and_dates(tmp_path):
    wb = Workbook()
    ws = wb.active
    set_value(ws["A1"], 0.2)
    set_value(ws["A2"], D(2019, 11, 4))
    set_value(ws["A3"], None)
    set_text(ws["A4"], 91410100)  # numbers given to set_text become text
    out = atomic_write_workbook(wb, tmp_path / "v.xlsx")
    back = load_workbook(out).active
    assert back["A1"].value == 0.2 and back["A1"].data_type == "n"
    assert back["A2"].value == dt.datetime(2019, 11, 4)
    assert back["A3"].value is None
    assert (back["A4"].value, back["A4"].data_type) == ("91410100", "s")


def test_safe_cell_value_cleans_what_xml_cannot_carry():
    assert safe_cell_value("a\x00b\x1fc") == "abc"
    assert safe_cell_value("a\r\nb\rc") == "a\nb\nc"
    assert len(safe_cell_value("x" * 40000)) == 32767
    assert safe_cell_value(5) == 5 and safe_cell_value(None) is None
    ws = Workbook().active
    assert set_text(ws["A1"], "\x07=1").value == "=1"  # would raise IllegalCharacterError in openpyxl


def test_refuses_to_overwrite_an_input(tmp_path):
    src = tmp_path / "台账.xlsx"
    wb = Workbook()
    wb.active["A1"] = "原始数据"
    wb.save(src)
    before = src.read_bytes()
    for same in (src, tmp_path / "sub" / ".." / "台账.xlsx", str(src)):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(OutputError) as e:
            atomic_write_workbook(Workbook(), same, inputs=[src])
        assert "输入文件" in e.value.message
    if hasattr(os, "symlink"):
        link = tmp_path / "link.xlsx"
        link.symlink_to(src)
        with pytest.raises(OutputError):
            atomic_write_workbook(Workbook(), link, inputs=[src])
    hard = tmp_path / "hard.xlsx"
    os.link(src, hard)
    with pytest.raises(OutputError):
        atomic_write_workbook(Workbook(), hard, inputs=[src])
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["台账.xlsx", "sub", "link.xlsx", "hard.xlsx"])


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_no_temp_file_left_when_saving_fails(tmp_path):
    out = tmp_path / "回执.xlsx"
    out.write_bytes(b"previous version")

    class Boom(Workbook):
        def save(self, filename):
            filename.write(b"PK\x03\x04 partial")
            raise OSError(28, "No space left on device")

    with pytest.raises(OutputError) as e:
        atomic_write_workbook(Boom(), out)
    assert e.value.message == f"无法写入“{out}”：磁盘空间不足"  # errno 28 (ENOSPC), said in Chinese
    assert _listing(tmp_path) == ["回执.xlsx"]
    assert out.read_bytes() == b"previous version"  # the old file is untouched

    class Bug(Workbook):
        def save(self, filename):
            filename.write(b"PK partial")
            raise RuntimeError("bug in a writer")

    with pytest.raises(RuntimeError):  # programming errors are not disguised, but still cleaned up
        atomic_write_workbook(Bug(), out)
    assert _listing(tmp_path) == ["回执.xlsx"]


def test_write_errors_are_output_errors_in_chinese(tmp_path):
    with pytest.raises(OutputError) as e:
        atomic_write_workbook(Workbook(), tmp_path / "没有的文件夹" / "x.xlsx")
    assert "不存在" in e.value.message and e.value.hint
    with pytest.raises(OutputError) as e:
        atomic_write_workbook(Workbook(), tmp_path)
    assert "文件夹" in e.value.message
    with pytest.raises(OutputError) as e:
        atomic_write_workbook(Workbook(), tmp_path / "x.xls")
    assert ".xlsx" in e.value.message
    assert _listing(tmp_path) == []


def test_permission_denied_is_an_output_error(tmp_path, monkeypatch):
    # As on Windows when the output is open in Excel: the rename is refused. (Simulated, because a
    # chmod-ed folder does not stop root, and CI may run as root.)
    out = tmp_path / "回执.xlsx"
    out.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr("sgs_cli.io.write.os.replace", refuse)
    with pytest.raises(OutputError) as e:
        atomic_write_workbook(Workbook(), out)
    assert "没有写入权限" in e.value.message and "Excel" in e.value.message
    assert out.read_bytes() == b"old"  # the existing file is untouched
    assert _listing(tmp_path) == ["回执.xlsx"]  # and no temporary file is left behind


def test_replaces_an_existing_output(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    wb = Workbook()
    set_text(wb.active["A1"], "新内容")
    assert atomic_write_workbook(wb, out) == out
    assert load_workbook(out).active["A1"].value == "新内容"
    assert _listing(tmp_path) == ["out.xlsx"]


def test_fixed_time_gives_identical_bytes(tmp_path):
    def write(name):
        wb = Workbook()
        wb.active["A1"] = "x"
        return atomic_write_workbook(wb, tmp_path / name, fixed_time=dt.datetime(2019, 11, 26)).read_bytes()

    assert write("a.xlsx") == write("b.xlsx")
    assert load_workbook(tmp_path / "a.xlsx").properties.modified == dt.datetime(2019, 11, 26)


@pytest.mark.parametrize("kind", KINDS + ("roster",))
def test_templates_printed_as_every_workbook(kind, books):
    """The blank templates go through render/paper.finish: A4, the head row on every page, page header with the
    sheet's name, footer 第 N 页 共 M 页, every cell in 宋体 (heads 黑体), never below 9 pt; the 填写说明 kept as
    written (it names the 790 codes and the command that checks a filled file: no official document)."""
    wb = books[kind]
    data, notes = wb.worksheets
    for ws in wb:
        assert (str(ws.page_setup.paperSize), ws.oddHeader.center.text, ws.oddFooter.center.text) == \
            ("9", ws.title, "第 &P 页 共 &N 页")
        assert {c.font.name for row in ws.iter_rows() for c in row if c.value is not None} <= {"宋体", "黑体"}
        assert print_facts(ws)["min_pt"] >= 9
    assert {c.font.name for c in data[1]} == {"黑体"}  # the head row
    across = PRINTED_ACROSS.get(kind)
    facts = print_facts(data)
    if across:  # 82 % (9 pt), column A repeated, not fitted to a page width
        assert facts == {"orientation": "landscape", "scale": 82.0, "min_pt": pytest.approx(9.02),
                         "pages_across": across, "title_rows": "$1:$1", "title_cols": "$A:$A"}
        assert not data.sheet_properties.pageSetUpPr.fitToPage
    else:  # one page wide (fitToWidth 1), as many pages tall as the rows need
        orientation = "portrait" if kind in ("catalog", "roster") else "landscape"
        assert (facts["orientation"], facts["pages_across"], facts["title_rows"], facts["title_cols"]) == \
            (orientation, 1, "$1:$1", None)
        # one page tall too when the whole sheet fits on one (the roster: a head row; a template: 2,000 formatted rows)
        assert (data.page_setup.fitToWidth, data.page_setup.fitToHeight) == (1, 1 if kind == "roster" else 0)
    texts = [c.value for row in notes.iter_rows() for c in row if isinstance(c.value, str)]
    if kind == "roster":
        assert notes.print_title_rows is None and notes.page_setup.orientation == "portrait"
        assert "3. 使用：sgs monthly-report --month 2026-09 台账文件夹/ --roster 单位名单.xlsx" in texts
    else:
        assert notes.print_title_rows == "$1:$1" and notes.page_setup.orientation == "landscape"
        assert [f.code for f in S.BY_KIND[kind].fields] == [r[1] for r in notes.iter_rows(
            min_row=2, max_row=len(S.BY_KIND[kind].fields) + 1, values_only=True)]
        assert "6. 填写完成后可运行“sgs validate 文件名.xlsx”检查。" in texts
