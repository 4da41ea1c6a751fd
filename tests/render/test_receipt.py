"""The Excel error receipt (`sgs validate IN --report OUT`, docs/contract.md "The Excel error receipt").

The input is a 790 行政处罚 workbook built in code: a merged title row, the 30 canonical headers in
row 2 (from ``sgs_cli.standard.PENALTY.fields``), custom column widths and number formats, and five
records decided 2019-11-05, validated with --today 2019-12-31:

row 3  valid
row 4  行政相对人代码_1 with a wrong check digit          → USCC_CHECKSUM (error) at C4
row 5  处罚类别 含罚款, 罚款金额 empty                     → FINE_AMOUNT_REQUIRED (error) at T5
row 6  违法事实 starting with "=" (stored as text)         → nothing
row 7  公示截止期 2099-12-31 (beyond 527号's 12 months)    → PUBLICATION_PERIOD (warning) at Y7
sheet  all five past their 7-working-day deadline          → DEADLINE_PASSED (warning, header row, no column)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.rules.codes import CODES as RULE_CODES
from sgs_cli.cli.app import app
from conftest import ORG_USCC, PENALTY_ORG, wrong_last

D = dt.date
CODES = [f.code for f in S.PENALTY.fields]
HEADERS = [f.name for f in S.PENALTY.fields]


def col(code: str) -> str:
    return get_column_letter(CODES.index(code) + 1)


BAD_USCC = wrong_last(ORG_USCC)
FORMULA_TEXT = "=HYPERLINK(\"http://example.com\")当事人销售超过保质期的食品"
BASE = PENALTY_ORG  # the suite's valid penalty record (conftest.py)
RECORDS = [
    BASE,
    dict(BASE, CF_WSH="中市监罚〔2019〕202号", CF_XDR_SHXYM=BAD_USCC),
    dict(BASE, CF_WSH="中市监罚〔2019〕203号", CF_NR_FK=None),
    dict(BASE, CF_WSH="中市监罚〔2019〕204号", CF_SY=FORMULA_TEXT),
    dict(BASE, CF_WSH="中市监罚〔2019〕205号", CF_GSJZQ=D(2099, 12, 31)),
]
TITLE = "中牟县市场监督管理局行政处罚信息公示表"
WIDTHS = {"A": 31.5, col("CF_SY"): 47.25, col("CF_NR"): 22.0}
FK_FORMAT = "0.000000"
ERROR_FILL, WARNING_FILL = "FFC7CE", "FFEB9C"




def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def write_input(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "行政处罚"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.append(HEADERS)
    for rec in RECORDS:
        ws.append([rec.get(c) for c in CODES])
        r = ws.max_row
        for i, c in enumerate(CODES, start=1):
            cell = ws.cell(r, i)
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy/mm/dd"
            elif isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, not a formula
            elif c in ("CF_XDR_SHXYM", "CF_CFJGDM", "CF_SJLYDM"):
                cell.number_format = "@"
        ws.cell(r, CODES.index("CF_NR_FK") + 1).number_format = FK_FORMAT
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    wb.save(path)
    return path


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill and cell.fill.fill_type == "solid" else ""


def rule_block(ws) -> dict:
    """The 按规则统计 block of 汇总: {code: (级别, 数量)}."""
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "按规则统计")
    assert [ws.cell(start + 1, c).value for c in range(1, 5)] == ["规则", "级别", "数量", "示例说明"]
    assert ws.cell(start + 1, 10).value == "规则代码" and ws.column_dimensions["J"].hidden  # for machines only
    out = {}
    r = start + 2
    while ws.cell(r, 1).value:
        code = ws.cell(r, 10).value
        assert ws.cell(r, 1).value == RULE_CODES[code].title  # the department reads the code's declared title
        out[code] = (ws.cell(r, 2).value, ws.cell(r, 3).value)
        r += 1
    return out


@pytest.fixture
def receipt(tmp_path):
    src = write_input(tmp_path / "行政处罚.xlsx")
    before = sha(src)
    out = tmp_path / "回执.xlsx"
    r = run("validate", src, "--report", out, "--today", "2019-12-31", "--format", "json")
    assert r.exit_code == 1, r.output  # errors found
    assert sha(src) == before  # the input is never modified
    return {"src": src, "out": out, "wb": openpyxl.load_workbook(out), "json": json.loads(r.stdout)}


def test_findings_of_the_fixture(receipt):
    findings = receipt["json"]["files"][0]["sheets"][0]["findings"]
    assert {(f["code"], f["cell"], f["severity"]) for f in findings} == {
        ("USCC_CHECKSUM", f"{col('CF_XDR_SHXYM')}4", "error"),
        ("FINE_AMOUNT_REQUIRED", f"{col('CF_NR_FK')}5", "error"),
        ("PUBLICATION_PERIOD", f"{col('CF_GSJZQ')}7", "warning"),
        ("DEADLINE_PASSED", None, "warning"),
    }


def test_sheet_order_summary_first(receipt):
    assert receipt["wb"].sheetnames == ["汇总", "行政处罚"]


def test_bad_cells_filled_and_commented(receipt):
    ws = receipt["wb"]["行政处罚"]
    c = ws[f"{col('CF_XDR_SHXYM')}4"]
    assert rgb(c) == ERROR_FILL
    assert c.comment is not None and "统一社会信用代码校验位错误" in c.comment.text
    assert "校验位应为" in c.comment.text  # the hint comes along
    c = ws[f"{col('CF_NR_FK')}5"]
    assert rgb(c) == ERROR_FILL
    assert "罚款金额（万元）" in c.comment.text and "未填写" in c.comment.text
    c = ws[f"{col('CF_GSJZQ')}7"]
    assert rgb(c) == WARNING_FILL
    assert "公示截止期" in c.comment.text and "[警告]" in c.comment.text


def test_clean_cells_untouched(receipt):
    ws = receipt["wb"]["行政处罚"]
    for r in range(3, 8):
        for c in range(1, len(CODES) + 1):
            cell = ws.cell(r, c)
            if (r, get_column_letter(c)) in {(4, col("CF_XDR_SHXYM")), (5, col("CF_NR_FK")), (7, col("CF_GSJZQ"))}:
                continue
            assert rgb(cell) == "", cell.coordinate
            assert cell.comment is None, cell.coordinate
    # the sheet-level DEADLINE_PASSED (header row, no column) marks no header cell
    assert all(rgb(ws.cell(2, c)) == "" for c in range(1, len(CODES) + 1))


def test_reason_column_right_after_last_header(receipt):
    ws = receipt["wb"]["行政处罚"]
    reason_col = len(CODES) + 1
    assert ws.cell(2, len(CODES)).value == HEADERS[-1]
    assert ws.cell(2, reason_col).value == "错误原因"
    reasons = {r: ws.cell(r, reason_col).value for r in range(3, 8)}
    hints = {r: ws.cell(r, reason_col + 1).value for r in range(3, 8)}
    # DEADLINE_PASSED (table level) lists all five rows: each row says so
    late = "已超过作出决定之日起7个工作日的报送期限"
    # a fact: said to be one, nothing to correct (rules/base.Code.fact)
    assert reasons[3] == f"【事实，不需修改数据】第3行{late}" and reasons[6] == f"【事实，不需修改数据】第6行{late}"
    # the department reads what to do, not the option the office's clerk would type (--submit-date)
    assert hints[3] == "请尽快报送，并在月报告中说明迟报原因；已报送的请填写实际报送日期"
    assert reasons[4].startswith(f"{col('CF_XDR_SHXYM')}4「行政相对人代码_1(统一社会信用代码)」")
    assert "统一社会信用代码校验位错误" in reasons[4]
    assert hints[4] == f"校验位应为 {ORG_USCC[-1]}，请核对原件；" + hints[3]
    assert reasons[5].startswith(f"{col('CF_NR_FK')}5「罚款金额（万元）」")
    assert f"{col('CF_GSJZQ')}7「公示截止期」" in reasons[7]
    assert ws.cell(2, reason_col + 1).value == "修改建议"
    assert ws.cell(1, reason_col).value is None  # nothing written in the title row
    assert ws.max_column == reason_col + 1


def test_receipt_prints_readable_with_header_and_key_column_repeated(receipt):
    from sgs_cli.render.paper import print_facts

    ws = receipt["wb"]["行政处罚"]
    facts = print_facts(ws)
    # 30-odd columns are not squeezed onto one page width at 5 pt: landscape, 9 pt or more, pages across
    assert facts["orientation"] == "landscape" and facts["min_pt"] >= 9 and facts["pages_across"] > 1
    assert ws.print_title_rows == "$1:$2"  # title and header rows on every printed page
    assert ws.print_title_cols == "$A:$A"  # and the record's first column on every page across
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页" and "错误回执" in ws.oddHeader.center.text


def test_receipt_widens_narrow_date_columns(tmp_path):
    src = write_input(tmp_path / "窄列.xlsx")
    wb = openpyxl.load_workbook(src)
    wb["行政处罚"].column_dimensions[col("CF_JDRQ")].width = 6  # copied from a narrow template: ### in Excel
    wb.save(src)
    out = tmp_path / "回执.xlsx"
    run("validate", src, "--report", out, "--today", "2019-12-31")
    ws = openpyxl.load_workbook(out)["行政处罚"]
    assert ws.column_dimensions[col("CF_JDRQ")].width == 12
    assert ws.column_dimensions[col("CF_YXQ")].width >= 12


def test_original_values_widths_formats_preserved(receipt):
    src = openpyxl.load_workbook(receipt["src"])["行政处罚"]
    ws = receipt["wb"]["行政处罚"]
    for r in range(1, 8):
        for c in range(1, len(CODES) + 1):
            assert ws.cell(r, c).value == src.cell(r, c).value, ws.cell(r, c).coordinate
            assert ws.cell(r, c).number_format == src.cell(r, c).number_format, ws.cell(r, c).coordinate
    assert ws["A1"].value == TITLE
    assert f"A1:{get_column_letter(len(CODES))}1" in {str(m) for m in ws.merged_cells.ranges}
    for letter, width in WIDTHS.items():
        assert ws.column_dimensions[letter].width == width, letter
    assert ws[f"{col('CF_NR_FK')}3"].number_format == FK_FORMAT
    assert ws[f"{col('CF_JDRQ')}3"].number_format == "yyyy/mm/dd"
    assert ws[f"{col('CF_XDR_SHXYM')}4"].value == BAD_USCC


def test_formula_like_text_stays_text(receipt):
    ws = receipt["wb"]["行政处罚"]
    c = ws[f"{col('CF_SY')}6"]
    assert c.value == FORMULA_TEXT
    assert c.data_type == "s"
    for sheet in receipt["wb"]:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"


def test_summary_sheet_counts(receipt):
    ws = receipt["wb"]["汇总"]
    assert ws["A1"].value == "双公示数据校验错误回执：行政处罚.xlsx"
    # DEADLINE_PASSED is a fact, counted apart from the warnings to correct
    assert ws["A2"].value.startswith("共5行数据，2个需要修改的错误（红色），1个警告（黄色）；另有1项迟报、逾期未报送等时效情况（紫色）："
                                     "已发生的事实，不需修改数据，不退回，计入月报告“逾期明细”，可在台账“迟报说明”列写明原因；")
    assert rule_block(ws) == {
        "USCC_CHECKSUM": ("错误", 1),
        "FINE_AMOUNT_REQUIRED": ("错误", 1),
        "PUBLICATION_PERIOD": ("警告", 1),
        "DEADLINE_PASSED": ("警告", 1),
    }
    # per column
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "按列统计（错误和警告）")
    by_col = {}
    r = start + 2
    while ws.cell(r, 1).value:
        by_col[(ws.cell(r, 2).value, ws.cell(r, 3).value)] = ws.cell(r, 4).value
        r += 1
    assert by_col == {(col("CF_XDR_SHXYM"), "行政相对人代码_1(统一社会信用代码)"): 1,
                      (col("CF_NR_FK"), "罚款金额（万元）"): 1, (col("CF_GSJZQ"), "公示截止期"): 1,
                      (None, "（整表）"): 1}
    # per sheet
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "按工作表统计")
    assert [ws.cell(start + 2, c).value for c in range(1, 6)] == ["行政处罚", "行政处罚", 5, 2, 2]
    assert not any("只列出有问题的行" in str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_summary_lists_facts_in_full(receipt):
    """The table-level DEADLINE_PASSED is a fact: listed whole, with every row, among the facts (not among
    the problems to correct)."""
    ws = receipt["wb"]["汇总"]
    assert not any(str(ws.cell(r, 1).value).startswith("整表问题") for r in range(1, ws.max_row + 1))
    start = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("迟报、逾期未报送等时效情况"))
    assert ws.cell(start, 1).value == "迟报、逾期未报送等时效情况（已发生的事实，不需修改数据，不退回，计入月报告）"
    assert [ws.cell(start + 1, c).value for c in range(1, 5)] == ["工作表", "位置", "说明", "迟报说明"]
    assert [ws.cell(start + 2, c).value for c in range(1, 4)] == [
        "行政处罚", "第3–7行", "若今天（2019/12/31）报送，以下5条已超过作出决定之日起7个工作日的期限：第3–7行"]
    assert ws.cell(start + 2, 10).value == "DEADLINE_PASSED"  # the rule code: for machines, in the hidden column
    assert ws.cell(start + 3, 1).value is None  # one fact
    rules = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "按规则统计")
    handling = {ws.cell(r, 10).value: ws.cell(r, 5).value for r in range(rules + 2, rules + 6)}
    assert handling == {"USCC_CHECKSUM": "需修改", "FINE_AMOUNT_REQUIRED": "需修改", "PUBLICATION_PERIOD": "需修改",
                        "DEADLINE_PASSED": "事实：已发生的事实，不需修改数据，不退回"}


def test_table_output_names_the_receipt(tmp_path):
    src = write_input(tmp_path / "in.xlsx")
    out = tmp_path / "out.xlsx"
    r = run("validate", src, "--report", out, "--today", "2019-12-31")
    assert r.exit_code == 1
    assert f"错误回执已写入：{out}" in r.stdout
    assert out.exists()


def test_report_equal_to_input_is_refused(tmp_path):
    src = write_input(tmp_path / "in.xlsx")
    before = sha(src)
    r = run("validate", src, "--report", src, "--today", "2019-12-31", "--format", "json")
    assert r.exit_code == 2, r.output
    assert "拒绝覆盖" in r.stderr
    assert sha(src) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx"]  # no temporary file left behind


def test_report_with_xls_suffix_is_refused(tmp_path):
    src = write_input(tmp_path / "in.xlsx")
    r = run("validate", src, "--report", tmp_path / "回执.xls", "--today", "2019-12-31")
    assert r.exit_code == 2
    assert ".xlsx" in r.stderr
    assert not (tmp_path / "回执.xls").exists()


@pytest.mark.parametrize("streamed", [False, True], ids=["read-whole", "streamed"])
def test_large_input_writes_only_flagged_rows(tmp_path, monkeypatch, streamed):
    import sgs_cli.io.chunked
    import sgs_cli.render.receipt as receipt_mod

    monkeypatch.setattr(receipt_mod, "LARGE_ROWS", 2)
    if streamed:  # as for a file over 8 MB: validation and the receipt's copy of the rows both stream
        monkeypatch.setattr(sgs_cli.io.chunked, "LARGE_BYTES", 0)
    src = write_input(tmp_path / "in.xlsx")
    out = tmp_path / "out.xlsx"
    r = run("validate", src, "--report", out, "--today", "2019-12-31", "--format", "json")
    assert r.exit_code == 1, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "行政处罚"]
    ws = wb["行政处罚"]
    assert ws["A1"].value == "原行号"
    assert [ws.cell(1, c).value for c in range(2, len(CODES) + 2)] == HEADERS
    assert ws.cell(1, len(CODES) + 2).value == "错误原因"
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == [4, 5, 7]  # flagged rows only
    shift = lambda code: get_column_letter(CODES.index(code) + 2)  # noqa: E731
    assert ws[f"{shift('CF_WSH')}2"].value == "中市监罚〔2019〕202号"
    assert ws[f"{shift('CF_WSH')}3"].value == "中市监罚〔2019〕203号"
    assert ws[f"{shift('CF_WSH')}4"].value == "中市监罚〔2019〕205号"
    assert rgb(ws[f"{shift('CF_XDR_SHXYM')}2"]) == ERROR_FILL
    assert "校验位错误" in ws[f"{shift('CF_XDR_SHXYM')}2"].comment.text
    assert rgb(ws[f"{shift('CF_NR_FK')}3"]) == ERROR_FILL
    assert rgb(ws[f"{shift('CF_GSJZQ')}4"]) == WARNING_FILL
    reasons = [ws.cell(r, len(CODES) + 2).value for r in (2, 3, 4)]
    assert reasons[0].startswith(f"{col('CF_XDR_SHXYM')}4")  # reasons name the cell of the original sheet
    assert reasons[1].startswith(f"{col('CF_NR_FK')}5")
    assert reasons[2].startswith(f"{col('CF_GSJZQ')}7")
    summary = wb["汇总"]
    assert "只列出有问题的行" in summary["A3"].value and "原行号" in summary["A3"].value
    assert rule_block(summary)["USCC_CHECKSUM"] == ("错误", 1)


# ------------------------------------------------------------------------------ several inputs


def test_two_inputs_get_one_receipt_each(tmp_path):
    a = write_input(tmp_path / "a.xlsx")
    b = write_input(tmp_path / "b.xlsx")
    r = run("validate", a, b, "--report", tmp_path / "回执.xlsx", "--today", "2019-12-31")
    assert r.exit_code == 1
    assert sorted(p.name for p in tmp_path.glob("回执*.xlsx")) == ["回执_a.xlsx", "回执_b.xlsx"]
    for name, src in (("回执_a.xlsx", "a.xlsx"), ("回执_b.xlsx", "b.xlsx")):
        wb = openpyxl.load_workbook(tmp_path / name)
        assert wb["汇总"]["A1"].value == f"双公示数据校验错误回执：{src}"


def test_message_names_the_receipts_actually_written(tmp_path):
    a = write_input(tmp_path / "a.xlsx")
    b = write_input(tmp_path / "b.xlsx")
    out = tmp_path / "回执.xlsx"
    r = run("validate", a, b, "--report", out, "--today", "2019-12-31")
    assert r.exit_code == 1
    for written in (tmp_path / "回执_a.xlsx", tmp_path / "回执_b.xlsx"):
        assert written.exists()
        assert str(written) in r.stdout


def test_no_receipt_claimed_for_an_unreadable_input(tmp_path):
    src = tmp_path / "空.xlsx"
    src.write_bytes(b"")
    out = tmp_path / "回执.xlsx"
    r = run("validate", src, "--report", out, "--today", "2019-12-31")
    assert r.exit_code == 3
    assert not out.exists()
    assert "错误回执已写入" not in r.stdout


def test_same_named_inputs_in_different_folders_keep_both_receipts(tmp_path):
    (tmp_path / "市场监管局").mkdir()
    (tmp_path / "卫健委").mkdir()
    write_input(tmp_path / "市场监管局" / "台账.xlsx")
    write_input(tmp_path / "卫健委" / "台账.xlsx")
    r = run("validate", tmp_path / "市场监管局", tmp_path / "卫健委", "--report", tmp_path / "回执.xlsx",
            "--today", "2019-12-31")
    assert r.exit_code == 1
    assert len(list(tmp_path.glob("回执*.xlsx"))) == 2


@pytest.mark.parametrize("streamed", [False, True], ids=["read-whole", "streamed"])
def test_large_csv_input_copies_the_flagged_lines(tmp_path, monkeypatch, streamed):
    """A CSV over LARGE_ROWS: the receipt's rows are the flagged lines, numbered as the findings number them
    (the line a record starts on, also after a cell with a line break)."""
    import csv

    import sgs_cli.io.chunked
    import sgs_cli.render.receipt as receipt_mod

    monkeypatch.setattr(receipt_mod, "LARGE_ROWS", 2)
    if streamed:
        monkeypatch.setattr(sgs_cli.io.chunked, "LARGE_BYTES", 0)
    src = tmp_path / "处罚.csv"
    with open(src, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for i, rec in enumerate(RECORDS):
            row = [rec.get(c) for c in CODES]
            row = ["" if v is None else v.strftime("%Y/%m/%d") if isinstance(v, dt.date) else v for v in row]
            if i == 0:
                row[CODES.index("CF_SY")] += "\n（续）"  # the first record spans lines 2–3
            w.writerow(row)
    before = sha(src)
    out = tmp_path / "out.xlsx"
    r = run("validate", src, "--report", out, "--today", "2019-12-31", "--format", "json")
    assert r.exit_code == 1, r.output
    assert sha(src) == before
    findings = json.loads(r.stdout)["files"][0]["sheets"][0]["findings"]
    flagged = sorted({f["row"] for f in findings if f["row"] and f["row"] > 1})
    ws = openpyxl.load_workbook(out)["处罚"]
    assert ws["A1"].value == "原行号"
    assert [ws.cell(i, 1).value for i in range(2, ws.max_row + 1)] == flagged
    wsh = get_column_letter(CODES.index("CF_WSH") + 2)
    assert len(flagged) >= 3
    for i, line in enumerate(flagged, start=2):  # the first record takes lines 2–3, record k (k ≥ 1) line k + 3
        assert ws[f"{wsh}{i}"].value == RECORDS[0 if line == 2 else line - 3]["CF_WSH"]
