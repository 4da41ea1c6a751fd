"""Many findings (issue 13, part 5): a column empty in every row, or one defect repeated on most rows, is
one line in the table and in the receipt's 汇总 (count + first rows); the table ends with counts per rule
and per column; the JSON keeps every finding, written as a stream (same document as before).

The sheet has the layout of a warehouse extract that lacks 处罚依据 and 处罚机关统一社会信用代码 in every row:
the canonical 790 headers, 30 records of the valid base 法人 record with their own 文号."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli.cli.app import app
from sgs_cli.codes import uscc
from sgs_cli.render import json_out
from sgs_cli.render.rollup import rollup
from sgs_cli.validation.engine import ValidateOptions, validate_paths

from conftest import PENALTY_ORG, TODAY, wrong_last, write_sheet

N = 30


def _extract(tmp_path):
    rows = [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2019〕{300 + i}号", CF_YJ=None, CF_CFJGDM=None) for i in range(N)]
    rows[4]["CF_XDR_SHXYM"] = wrong_last(PENALTY_ORG["CF_XDR_SHXYM"], uscc.ALPHABET)  # one ordinary error, row 6
    return write_sheet(tmp_path / "抽取.xlsx", "penalty", rows)


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_rollup_groups_a_column_empty_in_every_row(tmp_path, isolated_sgs_env):
    rep = validate_paths([str(_extract(tmp_path))], ValidateOptions(today=TODAY))
    [sr] = rep.files[0].sheets
    groups, rest = rollup(sr.findings, sr.rows)
    assert [(g.code, g.column, g.count, g.rows) for g in groups] == [
        ("REQUIRED_MISSING", "Q", N, [2, 3, 4, 5, 6]), ("REQUIRED_MISSING", "AA", N, [2, 3, 4, 5, 6])]
    assert [(f.code, f.cell) for f in rest if f.severity != "info"] == [("USCC_CHECKSUM", "C6")]
    assert groups[0].describe(sr.rows) == "必填项“处罚依据”未填写 — 共 30 行（全部数据行），如第2、3、4、5、6…行"
    # parts add up to the total
    assert sum(g.count for g in groups) + len(rest) == len(sr.findings)


def test_rollup_leaves_a_defect_on_few_rows_alone(tmp_path, isolated_sgs_env):
    rows = [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2019〕{300 + i}号", CF_YJ=None if i < 12 else "依据") for i in range(N)]
    rep = validate_paths([str(write_sheet(tmp_path / "a.xlsx", "penalty", rows))], ValidateOptions(today=TODAY))
    [sr] = rep.files[0].sheets
    groups, rest = rollup(sr.findings, sr.rows)
    assert groups == []  # 12 of 30 rows is not “most rows”
    assert sum(1 for f in rest if f.code == "REQUIRED_MISSING") == 12


def test_table_shows_one_line_per_group_and_ends_with_counts(tmp_path, isolated_sgs_env):
    r = run("validate", _extract(tmp_path), "--today", "2019-11-08")
    assert r.exit_code == 1
    lines = r.output.splitlines()
    q = [ln for ln in lines if "Q列" in ln and "REQUIRED_MISSING" in ln]
    assert q == ["  错误 Sheet1!Q列「处罚依据」 必填项“处罚依据”未填写 — 共 30 行（全部数据行），如第2、3、4、5、6…行 "
                 "REQUIRED_MISSING"]
    assert not any("Sheet1!Q3" in ln for ln in lines)  # not one line per row
    assert "Sheet1!C6「行政相对人代码_1(统一社会信用代码)」 统一社会信用代码校验位错误" in r.output
    assert lines[-2] == "按规则统计：REQUIRED_MISSING（错误）60、USCC_CHECKSUM（错误）1"
    assert lines[-1] == "按列统计：Q列「处罚依据」 30、AA列「处罚机关统一社会信用代码」 30、C列「行政相对人代码_1(统一社会信用代码)」 1"


def test_json_keeps_every_finding_and_is_the_same_document(tmp_path, isolated_sgs_env):
    rep = validate_paths([str(_extract(tmp_path))], ValidateOptions(today=TODAY))
    out = io.StringIO()
    json_out.write_stream(rep, out)
    assert out.getvalue() == json_out.dumps(rep) + "\n"
    j = json.loads(out.getvalue())
    findings = j["files"][0]["sheets"][0]["findings"]
    assert sum(1 for f in findings if f["code"] == "REQUIRED_MISSING") == 2 * N
    r = run("validate", _extract(tmp_path), "--today", "2019-11-08", "--format", "json")
    assert json.loads(r.stdout)["summary"]["errors"] == 2 * N + 1


@pytest.mark.parametrize("show", [False, True])
def test_json_stream_matches_with_and_without_masking(tmp_path, isolated_sgs_env, show):
    rep = validate_paths([str(_extract(tmp_path))], ValidateOptions(today=TODAY))
    out = io.StringIO()
    json_out.write_stream(rep, out, show)
    assert out.getvalue() == json_out.dumps(rep, show) + "\n"


def test_receipt_summary_lists_groups_and_comments_only_first_rows(tmp_path, isolated_sgs_env):
    receipt = tmp_path / "回执.xlsx"
    r = run("validate", _extract(tmp_path), "--today", "2019-11-08", "--report", receipt)
    assert r.exit_code == 1, r.output
    wb = openpyxl.load_workbook(receipt)
    summary = [[c.value for c in row] for row in wb["汇总"].iter_rows()]
    at = next(i for i, row in enumerate(summary) if row[0] and str(row[0]).startswith("大量重复的问题"))
    assert summary[at + 1][:8] == ["工作表", "列", "字段", "规则", "级别", "行数", "前几行", "说明"]
    assert summary[at + 1][9] == "规则代码" and summary[at + 2][9] == "REQUIRED_MISSING"  # hidden column J
    from sgs_cli.rules.codes import title

    assert summary[at + 2][:8] == ["Sheet1", "Q", "处罚依据", title("REQUIRED_MISSING"), "错误", N, "2、3、4、5、6…",
                                   "必填项“处罚依据”未填写"]
    ws = wb["Sheet1"]
    assert ws["Q2"].comment is not None and ws["Q6"].comment is not None
    assert ws["Q7"].comment is None and ws["Q31"].comment is None
    # a column empty in every row: its header says so; its first rows are marked, not all 30
    assert ws["Q1"].comment.text.startswith("整列未填写：全部30行均为空")
    assert ws["Q1"].fill.fgColor.rgb.endswith("FFC7CE") and ws["Q6"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["Q31"].fill.fill_type is None
    assert ws["C6"].comment is not None  # an ordinary finding keeps its comment


def test_receipt_defect_on_most_rows_stays_coloured_on_every_row(tmp_path, isolated_sgs_env):
    rows = [dict(PENALTY_ORG, CF_WSH=f"中市监罚〔2019〕{300 + i}号", CF_YJ=None if i < 20 else "依据") for i in range(N)]
    src = write_sheet(tmp_path / "a.xlsx", "penalty", rows)
    receipt = tmp_path / "回执.xlsx"
    assert run("validate", src, "--today", "2019-11-08", "--report", receipt).exit_code == 1
    ws = openpyxl.load_workbook(receipt)["Sheet1"]
    assert ws["Q2"].comment is not None and ws["Q7"].comment is None  # 20 of 30 rows: rolled up
    assert ws["Q21"].fill.fgColor.rgb.endswith("FFC7CE")  # but every affected row is still coloured
    assert ws["Q22"].fill.fill_type is None and ws["Q1"].comment is None
