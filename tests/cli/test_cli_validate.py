"""`sgs validate` through the CLI: the JSON document of docs/contract.md, exit codes, masking of personal ID
numbers, folders, and duplicates across files."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.cli.app import app
from conftest import (AUTH_USCC, CODES, HEADERS, ORG_USCC, PENALTY_ORG, PENALTY_PERSON, PERSON_ID,  # noqa: F401
                      make_uscc, write_penalty, write_penalty_csv, wrong_last)

D = dt.date
TODAY = "2019-11-08"  # base records are decided 2019-11-05: within their 7 working days


def col(code: str) -> str:
    return get_column_letter(CODES.index(code) + 1)


ORG, PERSON = PENALTY_ORG, PENALTY_PERSON  # the suite's valid base records (conftest.py)
BAD_ID = wrong_last(PERSON_ID)

FINDING_KEYS = ["severity", "code", "fact", "row", "column", "cell", "field", "field_name", "value", "message", "hint",
                "record_key", "rows"]
SHEET_KEYS = ["sheet", "kind", "standard", "header_row", "rows", "errors", "warnings", "infos", "facts", "findings"]




def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])






def vjson(*args):
    r = run("validate", *args, "--format", "json")
    return r, (json.loads(r.stdout) if r.stdout.strip() else None)


# ----------------------------------------------------------------------------- JSON shape


def test_json_shape_exactly_as_design(tmp_path):
    p = write_penalty(tmp_path / "台账.xlsx", [ORG, dict(ORG, CF_WSH="中市监罚〔2019〕202号", CF_XDR_SHXYM=wrong_last(ORG_USCC))],
                      title="中牟县市场监督管理局行政处罚信息公示表")
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 1
    assert list(j) == ["format_version", "tool_version", "summary", "files"]
    assert j["format_version"] == "1.1"
    from sgs_cli import __version__
    assert j["tool_version"] == __version__
    assert list(j["summary"]) == ["files", "sheets", "rows", "errors", "warnings", "infos", "facts"]
    infos = sum(1 for x in j["files"][0]["sheets"][0]["findings"] if x["severity"] == "info")
    assert j["summary"] == {"files": 1, "sheets": 1, "rows": 2, "errors": 1, "warnings": 0, "infos": infos, "facts": 0}
    assert len(j["files"]) == 1
    f = j["files"][0]
    assert list(f) == ["path", "sheets"]
    assert f["path"] == str(p)
    s = f["sheets"][0]
    assert list(s) == SHEET_KEYS
    assert (s["sheet"], s["kind"], s["standard"], s["header_row"], s["rows"], s["errors"], s["warnings"]) == (
        "行政处罚", "penalty", "790", 2, 2, 1, 0)
    errors = [x for x in s["findings"] if x["severity"] == "error"]
    assert len(errors) == 1
    finding = errors[0]
    assert list(finding) == FINDING_KEYS
    assert finding == {
        "severity": "error", "code": "USCC_CHECKSUM", "fact": False, "row": 4, "column": "C", "cell": "C4",
        "field": "CF_XDR_SHXYM", "field_name": "行政相对人代码_1(统一社会信用代码)", "value": wrong_last(ORG_USCC),
        "message": "统一社会信用代码校验位错误", "hint": f"校验位应为 {ORG_USCC[-1]}，请核对原件",
        "record_key": "中市监罚〔2019〕202号", "rows": None}
    assert all(x["severity"] in ("error", "warning", "info") for x in s["findings"])


def test_json_is_utf8_not_escaped(tmp_path):
    p = write_penalty(tmp_path / "a.xlsx", [ORG])
    r = run("validate", p, "--today", TODAY, "--format", "json")
    assert "行政处罚" in r.stdout and "\\u" not in r.stdout


def test_sheet_level_finding_has_header_row_and_null_column(tmp_path):
    cols = [c for c in CODES if c != "CF_CFJG"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([S.PENALTY.by_code(c).name for c in cols] + ["内部编号"])
    ws.append([ORG.get(c) for c in cols] + ["X-1"])
    p = tmp_path / "缺列.xlsx"
    wb.save(p)
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 1
    findings = j["files"][0]["sheets"][0]["findings"]
    missing = [f for f in findings if f["code"] == "COLUMN_MISSING" and f["field"] == "CF_CFJG"]
    assert len(missing) == 1
    assert (missing[0]["severity"], missing[0]["row"], missing[0]["column"], missing[0]["cell"]) == ("error", 1, None, None)
    unknown = [f for f in findings if f["code"] == "HEADER_UNKNOWN"]
    assert [(f["severity"], f["row"], f["column"], f["value"]) for f in unknown] == [
        ("warning", 1, get_column_letter(len(cols) + 1), "内部编号")]


# ----------------------------------------------------------------------------- exit codes


def test_exit_0_clean_file(tmp_path):
    p = write_penalty(tmp_path / "ok.xlsx", [ORG, PERSON])
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 0, r.output
    assert j["summary"]["errors"] == 0 and j["summary"]["warnings"] == 0
    r = run("validate", p, "--today", TODAY)
    assert r.exit_code == 0
    assert "未发现错误或警告" in r.stdout


def test_exit_0_with_warnings_only(tmp_path):
    p = write_penalty(tmp_path / "warn.xlsx", [dict(ORG, CF_GSJZQ=D(2099, 12, 31))])
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 0
    assert j["summary"]["errors"] == 0 and j["summary"]["warnings"] == 1


def test_exit_1_errors(tmp_path):
    p = write_penalty(tmp_path / "bad.xlsx", [dict(ORG, CF_NR_FK=None)])
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 1
    f = [x for x in j["files"][0]["sheets"][0]["findings"] if x["severity"] == "error"]
    assert [(x["code"], x["cell"]) for x in f] == [("FINE_AMOUNT_REQUIRED", f"{col('CF_NR_FK')}2")]


@pytest.mark.parametrize("args, words", [
    (["--today", "2019-13-01"], ["--today", "2019-13-01", "无效"]),
    (["--today", "明天"], ["--today", "无效"]),
    (["--submit-date", "2019-02-29"], ["--submit-date", "无效"]),
    (["--kind", "invoice"], ["--kind", "invoice"]),
    (["--format", "xml"], ["--format", "xml"]),
    (["--bogus"], ["没有选项", "--bogus"]),
])
def test_exit_2_usage_errors(tmp_path, args, words):
    p = write_penalty(tmp_path / "ok.xlsx", [ORG])
    r = run("validate", p, *args)
    assert r.exit_code == 2, r.output
    for w in words:
        assert w in r.stderr
    assert r.stdout == ""
    assert "Traceback" not in r.output


def test_exit_2_no_path():
    r = run("validate")
    assert r.exit_code == 2
    assert "缺少参数" in r.stderr


def test_exit_3_missing_file(tmp_path):
    r = run("validate", tmp_path / "无此文件.xlsx", "--today", TODAY, "--format", "json")
    assert r.exit_code == 3
    assert "找不到文件" in r.stderr
    assert "Traceback" not in r.output


def test_exit_3_zero_byte_file(tmp_path):
    p = tmp_path / "空.xlsx"
    p.write_bytes(b"")
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 3
    assert "0 字节" in j["files"][0]["error"]
    assert j["files"][0]["sheets"] == []
    r = run("validate", p, "--today", TODAY)
    assert r.exit_code == 3 and "空文件" in r.stdout


def test_exit_3_not_a_zip(tmp_path):
    p = tmp_path / "假的.xlsx"
    p.write_text("序号,决定书文号\n1,abc\n", encoding="utf-8")
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 3
    assert "假的.xlsx" in j["files"][0]["error"]
    assert "Traceback" not in r.output


def test_batch_errors_found_win_over_an_unreadable_file(tmp_path):
    bad = write_penalty(tmp_path / "a.xlsx", [dict(ORG, CF_NR_FK=None)])
    empty = tmp_path / "b.xlsx"
    empty.write_bytes(b"")
    r, j = vjson(bad, empty, "--today", TODAY)
    assert r.exit_code == 1  # errors found in a.xlsx: 1, although b.xlsx could not be read
    assert j["summary"]["files"] == 2
    assert j["files"][0]["sheets"][0]["errors"] == 1  # the readable file is still validated
    assert "error" in j["files"][1]
    out = run("validate", bad, empty, "--today", TODAY).output
    assert "未能校验的文件（1 个，无法读取或找不到表头）：b.xlsx" in out


def test_batch_unreadable_file_without_errors_elsewhere_is_3(tmp_path):
    good = write_penalty(tmp_path / "a.xlsx", [ORG])
    roster = tmp_path / "花名册.csv"
    roster.write_text("姓名,年龄\n张三,30\n", encoding="utf-8")
    r = run("validate", good, roster, "--today", TODAY)
    assert r.exit_code == 3
    assert "未能校验的文件（1 个，无法读取或找不到表头）：花名册.csv" in r.output


def test_no_kind_hint_when_kind_was_given(tmp_path):
    roster = tmp_path / "花名册.csv"
    roster.write_text("姓名,年龄\n张三,30\n", encoding="utf-8")
    auto = run("validate", roster, "--today", TODAY).output
    assert "或用 --kind 指定类型" in auto
    given = run("validate", roster, "--kind", "penalty", "--today", TODAY)
    assert given.exit_code == 3
    assert "或用 --kind 指定类型" not in given.output
    assert "已按 --kind penalty（行政处罚）识别" in given.output


def test_exit_3_no_recognisable_header(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "年龄"])
    wb.active.append(["张三", 30])
    p = tmp_path / "花名册.xlsx"
    wb.save(p)
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 3
    assert "找不到可识别" in j["files"][0]["error"]


# ------------------------------------------------------------------------------- masking


def person_with_bad_id(tmp_path):
    return write_penalty(tmp_path / "自然人.xlsx", [dict(PERSON, CF_XDR_ZJHM=BAD_ID)])


def masked(number: str) -> str:
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def test_id_number_masked_in_json_by_default(tmp_path):
    p = person_with_bad_id(tmp_path)
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 1
    assert BAD_ID not in r.stdout
    f = [x for x in j["files"][0]["sheets"][0]["findings"] if x["code"] == "IDCARD_CHECKSUM"]
    assert len(f) == 1
    assert f[0]["cell"] == f"{col('CF_XDR_ZJHM')}2"
    assert f[0]["value"] == masked(BAD_ID) == BAD_ID[:6] + "********" + BAD_ID[-4:]


def test_id_number_shown_in_json_with_show_sensitive(tmp_path):
    p = person_with_bad_id(tmp_path)
    r, j = vjson(p, "--today", TODAY, "--show-sensitive")
    f = [x for x in j["files"][0]["sheets"][0]["findings"] if x["code"] == "IDCARD_CHECKSUM"]
    assert f[0]["value"] == BAD_ID


def test_id_number_masked_in_terminal_by_default(tmp_path):
    p = person_with_bad_id(tmp_path)
    r = run("validate", p, "--today", TODAY)
    assert r.exit_code == 1
    assert BAD_ID not in r.output
    assert masked(BAD_ID) in r.stdout
    assert f"行政处罚!{col('CF_XDR_ZJHM')}2「证件号码」" in r.stdout
    r = run("validate", p, "--today", TODAY, "--show-sensitive")
    assert BAD_ID in r.stdout


def test_id_number_in_public_text_is_masked(tmp_path):
    p = write_penalty(tmp_path / "隐私.xlsx", [dict(PERSON, CF_SY=f"当事人王建军（身份证号{PERSON_ID}）违规经营。")])
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 1
    assert PERSON_ID not in r.stdout
    f = [x for x in j["files"][0]["sheets"][0]["findings"] if x["code"] == "PRIVACY_ID_NUMBER"]
    assert [(x["cell"], x["value"]) for x in f] == [(f"{col('CF_SY')}2", masked(PERSON_ID))]
    r = run("validate", p, "--today", TODAY)
    assert PERSON_ID not in r.output


# ------------------------------------------------------------------------------- folders


def test_folder_validates_every_spreadsheet(tmp_path):
    folder = tmp_path / "各部门"
    (folder / "卫健委").mkdir(parents=True)
    write_penalty(folder / "市场监管局.xlsx", [ORG])
    write_penalty(folder / "卫健委" / "处罚.xlsx", [dict(ORG, CF_WSH="中卫罚〔2019〕1号", CF_NR_FK=None)])
    write_penalty_csv(folder / "交通局.csv", [dict(ORG, CF_WSH="中交罚〔2019〕1号")])
    (folder / "说明.txt").write_text("不是表格", encoding="utf-8")
    (folder / "~$市场监管局.xlsx").write_bytes(b"lock")  # Excel's lock file
    r, j = vjson(folder, "--today", TODAY)
    assert r.exit_code == 1, r.output
    paths = sorted(f["path"] for f in j["files"])
    assert paths == sorted(str(p) for p in (folder / "市场监管局.xlsx", folder / "卫健委" / "处罚.xlsx",
                                            folder / "交通局.csv"))
    assert j["summary"] == {"files": 3, "sheets": 3, "rows": 3, "errors": 1, "warnings": 0, "infos": 0, "facts": 0}
    by_path = {f["path"]: f for f in j["files"]}
    assert by_path[str(folder / "卫健委" / "处罚.xlsx")]["sheets"][0]["errors"] == 1
    assert by_path[str(folder / "交通局.csv")]["sheets"][0]["kind"] == "penalty"


def test_empty_folder_is_exit_3(tmp_path):
    (tmp_path / "空").mkdir()
    r = run("validate", tmp_path / "空", "--today", TODAY)
    assert r.exit_code == 3
    assert "没有电子表格文件" in r.stderr


# ---------------------------------------------------------------------- duplicates across files


def test_duplicate_across_files_reported_in_both(tmp_path):
    a = write_penalty(tmp_path / "甲局.xlsx", [ORG])
    b = write_penalty(tmp_path / "乙局.xlsx", [dict(ORG, CF_WSH="中市监罚〔2019〕999号"), ORG])
    r, j = vjson(a, b, "--today", TODAY)
    assert r.exit_code == 1
    by_name = {f["path"]: f["sheets"][0]["findings"] for f in j["files"]}
    fa = [f for f in by_name[str(a)] if f["code"] == "DUPLICATE_ACROSS_FILES"]
    fb = [f for f in by_name[str(b)] if f["code"] == "DUPLICATE_ACROSS_FILES"]
    wsh_col = col("CF_WSH")
    assert [(f["severity"], f["cell"], f["field"]) for f in fa] == [("error", f"{wsh_col}2", "CF_WSH")]
    assert [(f["severity"], f["cell"], f["field"]) for f in fb] == [("error", f"{wsh_col}3", "CF_WSH")]
    assert "乙局.xlsx" in fa[0]["message"] and "第3行" in fa[0]["message"]
    assert "甲局.xlsx" in fb[0]["message"] and "第2行" in fb[0]["message"]
    assert fa[0]["value"] == fb[0]["value"] == ORG["CF_WSH"]
    assert j["summary"]["errors"] == 2


def test_same_wsh_other_party_is_not_a_duplicate(tmp_path):
    a = write_penalty(tmp_path / "甲局.xlsx", [ORG])
    b = write_penalty(tmp_path / "乙局.xlsx", [dict(PERSON, CF_WSH=ORG["CF_WSH"])])
    r, j = vjson(a, b, "--today", TODAY)
    assert r.exit_code == 0, r.output
    assert not any(f["code"] == "DUPLICATE_ACROSS_FILES" for x in j["files"] for s in x["sheets"] for f in s["findings"])


def test_duplicate_within_one_file_is_duplicate_record(tmp_path):
    p = write_penalty(tmp_path / "a.xlsx", [ORG, ORG])
    r, j = vjson(p, "--today", TODAY)
    f = [(x["code"], x["cell"]) for x in j["files"][0]["sheets"][0]["findings"] if x["severity"] == "error"]
    assert f == [("DUPLICATE_RECORD", f"{col('CF_WSH')}3")]


def test_csv_row_is_the_line_number(tmp_path):
    p = write_penalty_csv(tmp_path / "处罚.csv", [ORG, dict(ORG, CF_WSH="中市监罚〔2019〕209号", CF_NR_FK=None)])
    r, j = vjson(p, "--today", TODAY)
    assert r.exit_code == 1
    s = j["files"][0]["sheets"][0]
    assert (s["kind"], s["standard"], s["header_row"], s["rows"]) == ("penalty", "790", 1, 2)
    assert [(f["code"], f["row"], f["cell"]) for f in s["findings"] if f["severity"] == "error"] == [
        ("FINE_AMOUNT_REQUIRED", 3, f"{col('CF_NR_FK')}3")]
