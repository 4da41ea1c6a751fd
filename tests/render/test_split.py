"""`sgs validate --split OUTDIR`: the 通过/退回 files of the 773 data-check loop, read back.

On examples/行政处罚台账.xlsx (30 records, header in row 2 under a title row) the rows with an error are
5, 8, 12, 14, 20, 22, 26, 28 (README of examples/): 8 go back, 22 pass. The warnings are on rows 10
(FINE_UNIT_MISMATCH), 16 (ENUM_VARIANT) and 24 (PRIVACY_MOBILE); with --strict those 3 go back as well.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app

from conftest import PENALTY_ORG as ORG, PENALTY_PERSON as PERSON, write_penalty, write_penalty_csv

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ERROR_ROWS = [5, 8, 12, 14, 20, 22, 26, 28]
WARNING_ROWS = [10, 16, 24]
WSH_COL = [f.code for f in S.PENALTY.fields].index("CF_WSH") + 1
NCOLS = len(S.PENALTY.fields)


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def penalty(tmp_path):
    src = tmp_path / "行政处罚台账.xlsx"
    shutil.copy(EXAMPLES / src.name, src)
    return src


def data_rows(ws, first: int) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first) if any(c.value is not None for c in row)]


def test_split_counts_add_up_and_files_read_back(penalty, tmp_path):
    before = sha(penalty)
    out = tmp_path / "拆分"
    r = run("validate", penalty, "--today", "2019-12-31", "--split", out)
    assert r.exit_code == 1, r.output  # the validation's own exit code: errors were found
    # DEADLINE_PASSED (29 records, if reported today) is a fact: counted, never a reason to return
    assert (f"行政处罚台账.xlsx：共 30 条，通过 22 条 → {out / '通过_行政处罚台账.xlsx'}；"
            f"退回 8 条（有错误，需要修改数据）→ {out / '退回_行政处罚台账.xlsx'}；"
            "29 条有迟报等时效情况（事实，不因此退回，见退回文件汇总）") in r.stdout
    assert sha(penalty) == before  # the input is never modified
    assert sorted(p.name for p in out.iterdir()) == ["退回_行政处罚台账.xlsx", "通过_行政处罚台账.xlsx"]

    src = openpyxl.load_workbook(penalty)["行政处罚"]
    src_rows = {r: [c.value for c in src[r]] for r in range(3, 33)}
    passed_wb = openpyxl.load_workbook(out / "通过_行政处罚台账.xlsx")
    assert passed_wb.sheetnames == ["行政处罚"]  # the input's own layout: no 汇总, no extra columns
    ws = passed_wb["行政处罚"]
    assert ws["A1"].value == src["A1"].value  # title row kept
    assert [c.value for c in ws[2]] == [c.value for c in src[2]]  # header row kept
    assert ws.max_column == src.max_column
    passed = data_rows(ws, 3)
    returned_wb = openpyxl.load_workbook(out / "退回_行政处罚台账.xlsx")
    rws = returned_wb["行政处罚"]
    returned = data_rows(rws, 3)
    assert len(passed) == 22 and len(returned) == 8 and len(passed) + len(returned) == 30
    # the records themselves: passed rows are the clean rows in their order, unchanged
    assert [row[:NCOLS] for row in returned] == [src_rows[r][:NCOLS] for r in ERROR_ROWS]
    clean = [r for r in range(3, 33) if r not in ERROR_ROWS]
    assert [row[WSH_COL - 1] for row in passed] == [src_rows[r][WSH_COL - 1] for r in clean]
    # 退回: marked as in the receipt, 错误原因 and 修改建议 columns, a 汇总 that says what to do
    assert returned_wb.sheetnames == ["汇总", "行政处罚"]
    assert [rws.cell(2, NCOLS + c).value for c in (1, 2, 3)] == ["原行号", "错误原因", "修改建议"]
    assert [rws.cell(r, NCOLS + 1).value for r in range(3, 11)] == ERROR_ROWS  # each record's row in the original
    c3 = rws["C3"]  # the USCC_CHECKSUM of source row 5, now the first returned row
    assert c3.fill.fgColor.rgb.endswith("FFC7CE") and "校验位错误" in c3.comment.text
    # the reason names the cell of the return file (C3), not the original's C5
    assert rws.cell(3, NCOLS + 2).value.startswith("C3「行政相对人代码_1(统一社会信用代码)」统一社会信用代码校验位错误")
    assert rws.cell(10, NCOLS + 2).value.startswith("AA10「处罚机关统一社会信用代码」")  # source row 28
    assert rws.cell(3, NCOLS + 3).value.startswith("校验位应为 3，请核对原件")
    head = returned_wb["汇总"]
    assert head["A1"].value == "双公示数据退回修改清单：行政处罚台账.xlsx"
    assert head["A2"].value.startswith("以下8条记录有需要修改的错误，退回修改（另有22条已通过")
    assert "另有29条记录存在迟报、逾期未报送等时效情况，属于已发生的事实，不需修改数据，不因此退回" in head["A2"].value
    assert "“原行号”列为原文件中的行号" in head["A2"].value


def test_passed_file_validates_clean_and_returned_file_comes_back(penalty, tmp_path):
    out = tmp_path / "拆分"
    run("validate", penalty, "--today", "2019-12-31", "--split", out)
    j = json.loads(run("validate", out / "通过_行政处罚台账.xlsx", "--today", "2019-12-31", "--format", "json").stdout)
    assert j["summary"]["rows"] == 22 and j["summary"]["errors"] == 0
    # the department corrects the returned file and sends it back: sgs's two columns are not unknown headers
    r = run("validate", out / "退回_行政处罚台账.xlsx", "--today", "2019-12-31", "--format", "json")
    j = json.loads(r.stdout)
    codes = {f["code"] for s in j["files"][0]["sheets"] for f in s["findings"]}
    assert "HEADER_UNKNOWN" not in codes
    assert [s["sheet"] for s in j["files"][0]["sheets"]] == ["行政处罚", "汇总"]
    assert j["files"][0]["sheets"][0]["rows"] == 8


def test_strict_returns_warnings_too(penalty, tmp_path):
    out = tmp_path / "严格"
    # submitted in time: no DEADLINE_PASSED, so only the three planted warnings are added
    r = run("validate", penalty, "--today", "2019-12-31", "--submit-date", "2019-11-01", "--split", out, "--strict",
            "--format", "json")
    j = json.loads(r.stdout)
    assert j["split"] == [{"path": str(penalty), "passed": 19, "returned": 11,
                           "pass_file": str(out / "通过_行政处罚台账.xlsx"),
                           "return_file": str(out / "退回_行政处罚台账.xlsx"), "skipped": None, "facts": 0}]
    src = openpyxl.load_workbook(penalty)["行政处罚"]
    returned = data_rows(openpyxl.load_workbook(out / "退回_行政处罚台账.xlsx")["行政处罚"], 3)
    assert [row[WSH_COL - 1] for row in returned] == [src.cell(r, WSH_COL).value
                                                      for r in sorted(ERROR_ROWS + WARNING_ROWS)]


def test_existing_outputs_are_not_replaced_without_force(penalty, tmp_path):
    out = tmp_path / "拆分"
    out.mkdir()
    (out / "退回_行政处罚台账.xlsx").write_bytes(b"keep me")
    r = run("validate", penalty, "--today", "2019-12-31", "--split", out)
    assert r.exit_code == 2
    assert "已存在，未覆盖" in r.stderr and "--force" in r.stderr
    assert (out / "退回_行政处罚台账.xlsx").read_bytes() == b"keep me"
    assert not (out / "通过_行政处罚台账.xlsx").exists()  # nothing half-written
    r = run("validate", penalty, "--today", "2019-12-31", "--split", out, "--force")
    assert r.exit_code == 1 and "通过 22 条" in r.stdout
    assert openpyxl.load_workbook(out / "退回_行政处罚台账.xlsx").sheetnames == ["汇总", "行政处罚"]


def test_strict_without_split_is_a_usage_error(penalty):
    r = run("validate", penalty, "--strict")
    assert r.exit_code == 2 and "--split" in r.stderr


def test_missing_required_column_returns_every_record(tmp_path):
    src = write_penalty(tmp_path / "缺列.xlsx", [ORG, dict(ORG, CF_WSH="中市监罚〔2019〕202号")])
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    col = [c.value for c in ws[1]].index("处罚机关") + 1
    ws.delete_cols(col)
    wb.save(src)
    out = tmp_path / "拆分"
    r = run("validate", src, "--today", "2019-11-08", "--split", out)
    assert "共 2 条，通过 0 条" in r.stdout and "退回 2 条" in r.stdout
    rws = openpyxl.load_workbook(out / "退回_缺列.xlsx")["行政处罚"]
    reason_col = [c.value for c in rws[1]].index("错误原因") + 1
    assert rws.cell(2, reason_col).value == "整表：缺少必填列“处罚机关”"
    assert rws.cell(3, reason_col).value == "整表：缺少必填列“处罚机关”"
    assert data_rows(openpyxl.load_workbook(out / "通过_缺列.xlsx").active, 2) == []


def test_csv_input_splits_into_xlsx(tmp_path):
    src = write_penalty_csv(tmp_path / "交通局.csv", [ORG, PERSON, dict(ORG, CF_WSH="中交罚〔2019〕9号", CF_NR_FK=None)])
    out = tmp_path / "拆分"
    r = run("validate", src, "--today", "2019-11-08", "--split", out)
    assert "共 3 条，通过 2 条" in r.stdout and "退回 1 条" in r.stdout
    ws = openpyxl.load_workbook(out / "通过_交通局.xlsx").active
    assert [c.value for c in ws[1]][:3] == ["行政相对人名称", "行政相对人类别", "行政相对人代码_1(统一社会信用代码)"]
    assert [row[WSH_COL - 1] for row in data_rows(ws, 2)] == [ORG["CF_WSH"], PERSON["CF_WSH"]]


def test_two_inputs_with_the_same_name(tmp_path):
    a = tmp_path / "甲" / "处罚.xlsx"
    b = tmp_path / "乙" / "处罚.xlsx"
    a.parent.mkdir()
    b.parent.mkdir()
    write_penalty(a, [ORG])
    write_penalty(b, [dict(ORG, CF_WSH="中卫罚〔2019〕1号")])
    out = tmp_path / "拆分"
    run("validate", a, b, "--today", "2019-11-08", "--split", out)
    assert sorted(p.name for p in out.iterdir()) == ["退回_处罚.xlsx", "退回_处罚_2.xlsx", "通过_处罚.xlsx",
                                                     "通过_处罚_2.xlsx"]


def test_large_input_split_keeps_the_returned_rows(penalty, tmp_path, monkeypatch):
    import sgs_cli.render.receipt as receipt_mod

    monkeypatch.setattr(receipt_mod, "LARGE_ROWS", 2)  # as for an input over 50,000 rows: receipt of flagged rows
    out = tmp_path / "拆分"
    r = run("validate", penalty, "--today", "2019-12-31", "--split", out)
    assert "通过 22 条" in r.stdout and "退回 8 条" in r.stdout
    ws = openpyxl.load_workbook(out / "退回_行政处罚台账.xlsx")["行政处罚"]
    assert ws["A1"].value == "原行号"
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == ERROR_ROWS  # warning-only rows left out
    assert len(data_rows(openpyxl.load_workbook(out / "通过_行政处罚台账.xlsx")["行政处罚"], 3)) == 22
