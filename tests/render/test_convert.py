"""2015 legacy penalty layouts: `sgs validate` recognises them, `sgs convert` writes the 790 layout.

The workbook is built in code with the exact headers of the real Putuo (上海普陀) 法人行政处罚模板 —
including its trailing space after 行政处罚决定书文号 and the space before each bracket of 行政相对人代码_N —
and three records: an enterprise with every code, an enterprise with only a 组织机构代码, and a
natural person with a 居民身份证号.

Traps of the mapping (docs/standard.md §2): 2015 代码_2 is the 组织机构代码 and 代码_3 the 工商登记码, while
790 has 代码_2 = 工商注册号 and 代码_3 = 组织机构代码; 2015 处罚结果 becomes 处罚内容; 处罚类别1 + 处罚类别2 are
joined with “；” (old numeric codes are spelled out); 代码_5 (居民身份证号) goes to 证件号码 for a natural
person and to 法定代表人证件号码 otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app
from conftest import (AUTHORITY, FR_PID, GSZC_SH as GSZC, LEGACY_HEADERS, LEGACY_ROWS, ORGC, ORGC2, PID,  # noqa: F401
                      SWDJ, USCC_SH as USCC, write_legacy)

D = dt.date

# 790 fields the legacy layout has no column for (docs/standard.md §2.1)
UNMAPPED = ["CF_XDR_LB", "CF_XDR_SYDW", "CF_XDR_SHZZ", "CF_FR_ZJLX", "CF_XDR_ZJLX", "CF_NR_FK", "CF_NR_WFFF",
            "CF_NR_ZKDX", "CF_YXQ", "CF_GSJZQ", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM"]
CODES = [f.code for f in S.PENALTY.fields]
NAMES = [f.name for f in S.PENALTY.fields]
MISSING_FILL = "FFEB9C"
INFERRED_FILL = "DDEBF7"
# filled by the converter from what the source says: 类别 from the codes, 证件类型 = 身份证 from 代码_5 (居民身份证号)
INFERRED = ["CF_XDR_LB", "CF_FR_ZJLX", "CF_XDR_ZJLX"]




def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])




def col(code: str) -> int:
    return CODES.index(code) + 1


def rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill and cell.fill.fill_type == "solid" else ""


def validate_json(path, *extra) -> dict:
    r = run("validate", path, "--today", "2019-12-31", "--format", "json", *extra)
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)


# ------------------------------------------------------------------------------- validate


def test_validate_recognises_2015_layout(tmp_path):
    j = validate_json(write_legacy(tmp_path / "old.xlsx"))
    sheets = j["files"][0]["sheets"]
    assert len(sheets) == 1  # the empty Sheet2 is not reported
    s = sheets[0]
    assert (s["sheet"], s["kind"], s["standard"], s["header_row"], s["rows"]) == ("法人行政处罚模板", "penalty", "2015", 1, 3)
    legacy = [f for f in s["findings"] if f["code"] == "LEGACY_LAYOUT"]
    assert len(legacy) == 1 and legacy[0]["severity"] == "info"
    assert "2015年旧标准" in legacy[0]["message"] and "sgs convert" in legacy[0]["hint"]


def test_validate_lists_unmapped_790_fields(tmp_path):
    j = validate_json(write_legacy(tmp_path / "old.xlsx"))
    findings = j["files"][0]["sheets"][0]["findings"]
    unmapped = [f for f in findings if f["code"] in ("LEGACY_FIELD_UNMAPPED", "LEGACY_REQUIRED_MISSING")]
    assert sorted(f["field"] for f in unmapped) == sorted(UNMAPPED)
    assert all(f["row"] == 1 and f["column"] is None for f in unmapped)
    by_field = {f["field"]: f for f in unmapped}
    # a 790 必填 column the old layout cannot fill is an error (issue 26 part 5: --split returns the records,
    # as for a 790 sheet missing the column); the others, and 类别 (inferred from the codes), stay warnings
    assert {f for f, x in by_field.items() if x["code"] == "LEGACY_REQUIRED_MISSING"} == {
        "CF_YXQ", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM"}
    assert all(x["severity"] == ("error" if x["code"] == "LEGACY_REQUIRED_MISSING" else "warning")
               for x in by_field.values())
    assert by_field["CF_CFJGDM"]["field_name"] == "处罚机关统一社会信用代码"
    assert by_field["CF_CFJGDM"]["message"] == "旧表没有790号新标准必填列“处罚机关统一社会信用代码”"
    assert by_field["CF_XDR_LB"]["hint"].startswith("必填项")
    assert by_field["CF_SJLY"]["field_name"] == "数据来源单位"
    # the mapped 2015 fields are not reported as missing
    assert not {"CF_CFJG", "CF_NR", "CF_XDR_ZZJG", "CF_XDR_GSZC", "CF_CFLB"} & set(by_field)
    assert not any(f["code"] in ("COLUMN_MISSING", "HEADER_UNKNOWN") for f in findings)


def test_validate_checks_swapped_code_columns(tmp_path):
    """A wrong check digit in the 2015 代码_2 (组织机构代码) column is an ORGCODE error at that column (I)."""
    bad = [list(r) for r in LEGACY_ROWS]
    bad[1][8] = ORGC2[:-1] + next(c for c in "0123456789" if c != ORGC2[-1])
    j = validate_json(write_legacy(tmp_path / "old.xlsx", bad))
    findings = j["files"][0]["sheets"][0]["findings"]
    assert [(f["code"], f["cell"], f["field"]) for f in findings if f["code"] == "ORGCODE_CHECKSUM"] == [
        ("ORGCODE_CHECKSUM", "I3", "CF_XDR_ZZJG")]


def test_validate_masks_legacy_id_number(tmp_path):
    """An ID number in the 2015 代码_5 column is personal data in JSON and in the terminal too."""
    bad = [list(r) for r in LEGACY_ROWS]
    wrong = PID[:-1] + ("0" if PID[-1] != "0" else "1")
    bad[2][11] = wrong
    p = write_legacy(tmp_path / "old.xlsx", bad)
    r = run("validate", p, "--today", "2019-12-31", "--format", "json")
    assert wrong not in r.stdout
    f = [f for f in json.loads(r.stdout)["files"][0]["sheets"][0]["findings"] if f["code"] == "IDCARD_CHECKSUM"]
    assert len(f) == 1 and f[0]["cell"] == "L4"
    assert f[0]["value"] == wrong[:6] + "********" + wrong[-4:]
    r = run("validate", p, "--today", "2019-12-31")
    assert wrong not in r.output and FR_PID not in r.output


# -------------------------------------------------------------------------------- convert


@pytest.fixture
def converted(tmp_path):
    src = write_legacy(tmp_path / "old.xlsx")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "new.xlsx"
    r = run("convert", src, "-o", out)
    assert r.exit_code == 0, r.output
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    return {"src": src, "out": out, "stdout": r.stdout, "wb": openpyxl.load_workbook(out)}


def test_convert_reports_what_it_did(converted):
    assert f"法人行政处罚模板：3 行已转换，{len(UNMAPPED) - len(INFERRED)} 个新标准字段待补充" in converted["stdout"]
    assert "已按源表推断填写（浅蓝色，请核对）：行政相对人类别、法定代表人证件类型、证件类型" in converted["stdout"]
    assert "未迁移的列（790号标准没有对应字段，已原样保留在表格末尾）：当前状态" in converted["stdout"]
    assert f"已写入：{converted['out']}" in converted["stdout"]


def test_convert_writes_30_headers_in_order(converted):
    wb = converted["wb"]
    assert wb.sheetnames == ["行政处罚", "待补充", "未迁移的列"]
    ws = wb["行政处罚"]
    assert len(CODES) == 30
    # the 30 fields, then the old 当前状态 (no 790 penalty field) kept under its own header
    assert [ws.cell(1, c).value for c in range(1, ws.max_column + 1)] == NAMES + ["当前状态"]
    assert ws.freeze_panes == "B2"  # printed over pages across: 行政相对人名称 kept on screen and on every page


def test_convert_output_printed_as_every_workbook(converted):
    """render/paper.finish on convert's output: A4, head row on every page, page header with the sheet's name,
    footer 第 N 页 共 M 页, 宋体 (heads 黑体), never below 9 pt; the 31 columns over 4 landscape pages at 82 % with
    column A repeated; the two lists one page wide. Nothing rewritten: the lists name the 790 field codes."""
    from sgs_cli.render.paper import print_facts

    wb = converted["wb"]
    got = {}
    for ws in wb:
        assert (str(ws.page_setup.paperSize), ws.oddHeader.center.text, ws.oddFooter.center.text) == \
            ("9", ws.title, "第 &P 页 共 &N 页")
        assert {c.font.name for c in ws[1]} == {"黑体"}
        assert {c.font.name for row in ws.iter_rows(min_row=2) for c in row if c.value is not None} == {"宋体"}
        facts = print_facts(ws)
        assert facts["min_pt"] >= 9
        got[ws.title] = (facts["orientation"], round(facts["scale"]), facts["pages_across"], facts["title_rows"],
                         facts["title_cols"], ws.page_setup.fitToWidth)
    assert got == {"行政处罚": ("landscape", 82, 4, "$1:$1", "$A:$A", None),
                   "待补充": ("landscape", 87, 1, "$1:$1", None, 1),
                   "未迁移的列": ("landscape", 99, 1, "$1:$1", None, 1)}
    assert [r[2] for r in wb["待补充"].iter_rows(min_row=2, values_only=True)][:2] == ["CF_XDR_LB", "CF_XDR_SYDW"]


def test_convert_moves_values_to_790_columns(converted):
    ws = converted["wb"]["行政处罚"]

    def v(code, row):
        return ws.cell(row, col(code)).value

    # record 1: an enterprise with every code
    assert v("CF_WSH", 2) == "沪普市监案处〔2016〕0001号"
    assert v("CF_WFXW", 2) == "销售不合格商品"  # 处罚名称
    assert v("CF_SY", 2) == "当事人销售不合格商品"  # 处罚事由 → 违法事实
    assert v("CF_YJ", 2) == "《产品质量法》第四十九条"
    assert v("CF_XDR_MC", 2) == "上海普陀鑫源商贸有限公司"
    assert v("CF_XDR_SHXYM", 2) == USCC
    assert v("CF_XDR_ZZJG", 2) == ORGC  # 2015 代码_2 (组织机构代码) → 790 代码_3
    assert v("CF_XDR_GSZC", 2) == GSZC  # 2015 代码_3 (工商登记码) → 790 代码_2 (工商注册号)
    assert v("CF_XDR_SWDJ", 2) == SWDJ
    assert v("CF_FRDB", 2) == "张三"
    assert v("CF_NR", 2) == "警告，并处罚款5000元"  # 处罚结果 → 处罚内容
    assert v("CF_CFJG", 2) == AUTHORITY  # 处罚机关 → 处罚机关
    assert v("CF_CFLB", 2) == "警告；罚款"  # 处罚类别1 + 处罚类别2
    assert v("CF_JDRQ", 2) == dt.datetime(2016, 3, 15)
    assert ws.cell(2, col("CF_JDRQ")).number_format == "yyyy/mm/dd"
    assert v("BZ", 2) == "已缴纳"
    assert v("CF_XDR_LB", 2) == "法人及非法人组织"  # derived from the codes
    assert v("CF_FR_ZJHM", 2) == FR_PID  # 代码_5 of an enterprise → 法定代表人证件号码
    assert v("CF_XDR_ZJHM", 2) is None
    # record 2: old numeric 处罚类别 code 1 = 罚款; only a 组织机构代码
    assert v("CF_CFLB", 3) == "罚款"
    assert v("CF_XDR_ZZJG", 3) == ORGC2
    assert v("CF_XDR_GSZC", 3) is None and v("CF_XDR_SHXYM", 3) is None
    # record 3: a natural person — 代码_5 goes to 证件号码, not to 法定代表人证件号码
    assert v("CF_XDR_MC", 4) == "王五"
    assert v("CF_XDR_ZJHM", 4) == PID
    assert v("CF_FR_ZJHM", 4) is None
    assert v("CF_XDR_LB", 4) == "自然人"
    # codes stay text
    for code in ("CF_XDR_SHXYM", "CF_XDR_ZZJG", "CF_XDR_GSZC", "CF_WSH"):
        cell = ws.cell(2, col(code))
        assert cell.data_type == "s" and cell.number_format == "@", code


def test_convert_highlights_unmapped_headers(converted):
    ws = converted["wb"]["行政处罚"]
    for code in CODES:
        head = ws.cell(1, col(code))
        if code in INFERRED:
            assert rgb(head) == INFERRED_FILL, code
        elif code in UNMAPPED:
            assert rgb(head) == MISSING_FILL, code
        else:
            assert rgb(head) == "", code
    # an unmapped column that stays empty is highlighted in the data rows too
    assert rgb(ws.cell(2, col("CF_CFJGDM"))) == MISSING_FILL
    assert rgb(ws.cell(2, col("CF_WSH"))) == ""


def test_convert_never_loses_a_filled_cell(converted):
    ws = converted["wb"]["行政处罚"]
    assert [ws.cell(r, 31).value for r in range(2, 5)] == ["0", "0", "0"]  # old 当前状态, as in the source
    kept = converted["wb"]["未迁移的列"]
    assert [[kept.cell(r, c).value for c in range(1, 7)] for r in range(1, kept.max_row + 1)] == [
        ["工作表", "源列标题", "源列", "保留在", "有内容的行数", "说明"],
        ["行政处罚", "当前状态", "Q列", "AE列", 3, "790号标准没有对应字段，已原样保留"]]


def test_convert_marks_inferred_values(converted):
    ws = converted["wb"]["行政处罚"]
    # record 1: an enterprise whose 代码_5 is the representative's ID → 法定代表人证件类型 = 身份证 (inferred)
    assert ws.cell(2, col("CF_FR_ZJLX")).value == "身份证" and rgb(ws.cell(2, col("CF_FR_ZJLX"))) == INFERRED_FILL
    assert ws.cell(2, col("CF_XDR_ZJLX")).value is None
    # record 3: a natural person → 证件类型 = 身份证; the category inferred from the codes is marked too
    assert ws.cell(4, col("CF_XDR_ZJLX")).value == "身份证" and rgb(ws.cell(4, col("CF_XDR_ZJLX"))) == INFERRED_FILL
    assert rgb(ws.cell(4, col("CF_XDR_LB"))) == INFERRED_FILL
    # record 2 has no ID number: nothing to infer, the cell stays to be filled
    assert ws.cell(3, col("CF_FR_ZJLX")).value is None and rgb(ws.cell(3, col("CF_FR_ZJLX"))) == MISSING_FILL
    todo = {converted["wb"]["待补充"].cell(r, 3).value: converted["wb"]["待补充"].cell(r, 5).value
            for r in range(2, converted["wb"]["待补充"].max_row + 1)}
    assert todo["CF_XDR_LB"].startswith("已按源表推断填写")


def test_convert_code_columns_are_text_with_the_templates_dropdowns(converted):
    ws = converted["wb"]["行政处罚"]
    # 处罚机关统一社会信用代码 is empty but must be typed in: text format, so 18-digit codes keep every digit
    for code in ("CF_CFJGDM", "CF_XDR_ZJHM", "CF_SJLYDM", "CF_XDR_LB"):
        letter = get_column_letter(col(code))
        assert ws.column_dimensions[letter].number_format == "@", code
        assert ws.cell(3, col(code)).number_format == "@", code
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert "法人及非法人组织" in lists[f"{get_column_letter(col('CF_XDR_LB'))}2:{get_column_letter(col('CF_XDR_LB'))}1048576"]


def test_convert_todo_sheet_lists_unmapped_fields(converted):
    todo = converted["wb"]["待补充"]
    assert [todo.cell(1, c).value for c in range(1, 6)] == ["工作表", "字段", "代码", "必填规则", "说明"]
    rows = [[todo.cell(r, c).value for c in range(1, 6)] for r in range(2, todo.max_row + 1)]
    assert [r[2] for r in rows] == UNMAPPED
    assert all(r[0] == "行政处罚" for r in rows)
    by_code = {r[2]: r for r in rows}
    assert by_code["CF_CFJGDM"][1] == "处罚机关统一社会信用代码"
    assert by_code["CF_CFJGDM"][3] == "必填"
    assert by_code["CF_GSJZQ"][3] == "选填" and "选填" in by_code["CF_GSJZQ"][4]


def test_converted_file_revalidates_as_790_penalty(converted):
    j = validate_json(converted["out"])
    sheets = {s["sheet"]: s for s in j["files"][0]["sheets"]}
    s = sheets["行政处罚"]
    assert (s["kind"], s["standard"], s["header_row"], s["rows"]) == ("penalty", "790", 1, 3)
    codes = {f["code"] for f in s["findings"]}
    assert not codes & {"LEGACY_LAYOUT", "LEGACY_FIELD_UNMAPPED", "COLUMN_MISSING", "HEADER_UNKNOWN", "HEADER_ALIAS"}
    # what is still missing is reported against the empty 790 columns, e.g. 处罚机关统一社会信用代码 of record 1
    assert ("REQUIRED_MISSING", f"{get_column_letter(col('CF_CFJGDM'))}2") in {(f["code"], f["cell"]) for f in s["findings"]}
    assert sheets["待补充"]["kind"] is None  # the to-do sheet is skipped, not an error
    assert sheets["待补充"]["errors"] == 0 and sheets["待补充"]["warnings"] == 0


def test_convert_refuses_790_input(tmp_path, converted):
    out = tmp_path / "again.xlsx"
    r = run("convert", converted["out"], "-o", out)
    assert r.exit_code == 3
    assert "没有2015年旧标准" in r.stderr
    assert not out.exists()


def test_convert_output_equal_to_input_is_refused(tmp_path):
    src = write_legacy(tmp_path / "old.xlsx")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    r = run("convert", src, "-o", src)
    assert r.exit_code == 2
    assert "拒绝覆盖" in r.stderr
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_convert_missing_input_is_exit_3(tmp_path):
    r = run("convert", tmp_path / "无此文件.xlsx", "-o", tmp_path / "new.xlsx")
    assert r.exit_code == 3
    assert "Traceback" not in r.output


# ---------------------------------------------------------------------- the real template

REAL = Path(__file__).resolve().parents[1] / "data" / "realdata" / "kevinliu2333-psychology-ptsjzx" / "corp_cf.xls"


@pytest.mark.skipif(not REAL.exists(), reason=f"real Putuo template not present at {REAL}")
def test_real_putuo_template(tmp_path):
    """The real .xls (BIFF8) template: headers only, no data rows."""
    j = validate_json(REAL)
    s = [s for s in j["files"][0]["sheets"] if s["kind"]][0]
    assert (s["sheet"], s["kind"], s["standard"], s["header_row"], s["rows"]) == ("法人行政处罚模板", "penalty", "2015", 1, 0)
    assert sorted(f["field"] for f in s["findings"] if f["code"] in ("LEGACY_FIELD_UNMAPPED", "LEGACY_REQUIRED_MISSING")) \
        == sorted(UNMAPPED)
    out = tmp_path / "new.xlsx"
    r = run("convert", REAL, "-o", out)
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["行政处罚"]
    assert [ws.cell(1, c).value for c in range(1, 31)] == NAMES
    assert ws.max_row == 1


# ------------------------------------------------------------- real layouts with records (issue 13, part 4)

REALDATA = Path(__file__).resolve().parents[1] / "data" / "realdata"


def test_convert_health_hybrid_keeps_provincial_columns_and_fills_wfxw(tmp_path):
    """The real health-program/credit 法人 penalty template with one record: 处罚编码, 公示日期, 信息使用范围 and
    失信严重程度 have no 790 field and are kept; 处罚名称 goes into the empty 违法行为类型 (marked inferred); the
    representative's 证件类型 next to 法定代表人 lands in 法定代表人证件类型."""
    wb = openpyxl.load_workbook(REALDATA / "health-program-credit" / "信用办行政处罚法人导入模板.xlsx")
    ws = wb.active
    head = {ws.cell(1, c).value.split("（")[0]: c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value}
    values = {"行政相对人": "上海普陀鑫源商贸有限公司", "统一社会信用代码": USCC, "法定代表人": "张三", "证件类型": "身份证",
              "法人证件号": FR_PID, "处罚名称": "销售不合格商品", "处罚编码": "CF-0031", "文书号": "沪普市监案处〔2016〕0001号",
              "处罚决定日期": "2016/03/15", "公示日期": "2016/03/20", "处罚机关": AUTHORITY, "处罚类别1": "罚款",
              "处罚事由": "当事人销售不合格商品", "处罚依据": "《产品质量法》第四十九条", "处罚结果": "罚款伍仟元整",
              "信息使用范围": "公示", "失信严重程度": "一般", "当前状态": "正常", "罚款金额": 0.5}
    for k, v in values.items():
        ws.cell(2, head[k], v)
    src = tmp_path / "信用办行政处罚法人导入模板.xlsx"
    wb.save(src)
    out = tmp_path / "new.xlsx"
    r = run("convert", src, "-o", out)
    assert r.exit_code == 0, r.output
    new = openpyxl.load_workbook(out)
    ws = new["行政处罚"]
    assert ws.cell(2, col("CF_WFXW")).value == "销售不合格商品" and rgb(ws.cell(2, col("CF_WFXW"))) == INFERRED_FILL
    assert ws.cell(2, col("CF_FR_ZJLX")).value == "身份证" and rgb(ws.cell(2, col("CF_FR_ZJLX"))) == ""
    assert ws.cell(2, col("CF_XDR_ZJLX")).value is None
    trailing = {ws.cell(1, c).value: ws.cell(2, c).value for c in range(31, ws.max_column + 1)}
    assert trailing == {"处罚名称（必填）": "销售不合格商品", "处罚编码": "CF-0031", "公示日期（XXXX/XX/XX格式）": "2016/03/20",
                        "信息使用范围（必填）:公示;仅政府部门内部共享;仅可授权查询": "公示",
                        "失信严重程度（必填）：未定；一般；较重；严重": "一般",
                        "当前状态（必填）：正常;撤销;异议；其他（备注说明）": "正常"}
    kept = new["未迁移的列"]
    assert [kept.cell(r, 2).value for r in range(2, kept.max_row + 1)] == list(trailing)


def test_convert_legacy_licence_fills_start_date_from_decision_date(tmp_path):
    """Putuo 法人行政许可模板 headers (real, read from the .xls): 有效期自 is taken from 许可决定日期 and marked."""
    from sgs_cli.io.reading import read_sheets

    [sheet, *_] = read_sheets(REALDATA / "kevinliu2333-psychology-ptsjzx" / "corp_xk.xls")
    headers = [h for h in sheet.rows[0] if h]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet.name
    ws.append(headers)
    row = dict.fromkeys(headers)
    by = {h.strip().split(" ")[0].split("(")[0]: h for h in headers}
    row.update({by["行政许可决定书文号"]: "沪普市监食许〔2016〕0301号", by["项目名称"]: "食品经营许可",
                by["审批类别"]: "普通", by["许可内容"]: "准予食品经营许可", by["行政相对人名称"]: "上海普陀鑫源商贸有限公司",
                by["行政相对人代码_1"]: USCC, by["法定代表人姓名"]: "张三", by["许可决定日期"]: D(2016, 3, 15),
                by["许可截止期"]: D(2021, 3, 14), by["许可机关"]: AUTHORITY, by["当前状态"]: "0"})
    ws.append([row[h] for h in headers])
    src = tmp_path / "old_xk.xlsx"
    wb.save(src)
    out = tmp_path / "new_xk.xlsx"
    r = run("convert", src, "-o", out)
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["行政许可"]
    lic = [f.code for f in S.LICENSE.fields]
    start = ws.cell(2, lic.index("XK_YXQZ") + 1)
    assert start.value == dt.datetime(2016, 3, 15) and rgb(start) == INFERRED_FILL
    assert ws.cell(2, lic.index("XK_ZT") + 1).value == "1"  # old 0 正常 → 1 有效
    assert ws.max_column == len(lic)  # every filled source column reached a 790 field


# ------------------------------------------------------------------------ our own files (issue 26 part 5)

EXTRA_HEADERS = ["地方编码", "数据更新时间戳", "信息使用范围"]


def test_convert_output_with_carried_legacy_columns_is_790(tmp_path):
    """3 legacy columns carried over made validate read convert's own output as a 2015 layout."""
    src = tmp_path / "old.xlsx"
    write_legacy(src)
    wb = openpyxl.load_workbook(src)
    ws = wb["法人行政处罚模板"]
    for k, h in enumerate(EXTRA_HEADERS, start=len(LEGACY_HEADERS) + 1):
        ws.cell(1, k, h)
        for r in range(2, 5):
            ws.cell(r, k, ["310107", "2016/03/20", "公示"][k - len(LEGACY_HEADERS) - 1])
    wb.save(src)
    out = tmp_path / "new.xlsx"
    assert run("convert", src, "-o", out).exit_code == 0
    s = next(s for s in validate_json(out)["files"][0]["sheets"] if s["sheet"] == "行政处罚")
    assert (s["kind"], s["standard"]) == ("penalty", "790")
    codes = {f["code"] for f in s["findings"]}
    assert not codes & {"LEGACY_LAYOUT", "LEGACY_FIELD_UNMAPPED", "LEGACY_REQUIRED_MISSING", "HEADER_UNKNOWN"}
    extra = {f["value"] for f in s["findings"] if f["code"] == "HEADER_EXTRA"}
    assert set(EXTRA_HEADERS) <= extra


def test_2015_record_is_returned_by_split(tmp_path):
    """A 2015 layout without errors went to 通过_ though it lacks every 790-only 必填 column."""
    src = write_legacy(tmp_path / "old.xlsx")
    out = tmp_path / "拆分"
    r = run("validate", src, "--today", "2019-12-31", "--split", out)
    assert "共 3 条，通过 0 条" in r.stdout and "退回 3 条" in r.stdout


def test_convert_infers_id_type_from_a_bare_code_5_column(tmp_path):
    """行政相对人代码_5 without its label is the 2015 居民身份证号 all the same: 证件类型 = 身份证 inferred."""
    src = write_legacy(tmp_path / "old.xlsx")
    wb = openpyxl.load_workbook(src)
    ws = wb["法人行政处罚模板"]
    c5 = LEGACY_HEADERS.index("行政相对人代码_5 (居民身份证号)") + 1
    ws.cell(1, c5, "行政相对人代码_5")
    wb.save(src)
    out = tmp_path / "new.xlsx"
    assert run("convert", src, "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["行政处罚"]
    head = [c.value for c in ws[1]]
    person = [c.value for c in ws[4]]  # 王五, 自然人
    assert person[head.index("证件类型")] == "身份证"
    company = [c.value for c in ws[2]]  # the representative's ID
    assert company[head.index("法定代表人证件类型")] == "身份证"
