"""WPS 表格 files (.et, and .ett templates): read when they hold an xls or xlsx workbook — decided by their bytes,
as for any file — alone and in folders; refused with a Chinese message otherwise. And every other file of a
folder is accounted for (io.reading.skipped_in_folders)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import PENALTY_ORG, write_penalty
from sgs_cli.cli.app import app
from sgs_cli.io.reading import find_inputs, read_sheets, skipped_in_folders

TODAY = "2019-12-02"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def penalty_xls(path):
    from test_hostile import write_xls

    return write_xls(path, [dict(PENALTY_ORG, CF_NR_FK=0.2)])


@pytest.mark.parametrize("suffix", [".et", ".ett"])
@pytest.mark.parametrize("inner", ["xlsx", "xls"])
def test_a_wps_file_holding_a_workbook_is_read_like_it(tmp_path, suffix, inner):
    src = (write_penalty(tmp_path / "src.xlsx", [PENALTY_ORG]) if inner == "xlsx"
           else penalty_xls(tmp_path / "src.xls"))
    p = tmp_path / f"行政处罚{suffix}"
    shutil.copy(src, p)
    [sheet] = read_sheets(p)
    assert sheet.name == "行政处罚" and sheet.rows[1][0] == PENALTY_ORG["CF_XDR_MC"]
    same = json.loads(run("validate", src, "--today", TODAY, "--format", "json").stdout)
    got = json.loads(run("validate", p, "--today", TODAY, "--format", "json").stdout)
    assert got["summary"] == same["summary"] and got["summary"]["rows"] == 1
    assert [f["code"] for f in got["files"][0]["sheets"][0]["findings"]] == \
        [f["code"] for f in same["files"][0]["sheets"][0]["findings"]]


def test_a_folder_reads_its_et_file_and_lists_what_it_skips(tmp_path):
    folder = tmp_path / "各部门"
    folder.mkdir()
    shutil.copy(write_penalty(tmp_path / "src.xlsx", [PENALTY_ORG]), folder / "市场监管局.et")
    (folder / "说明.docx").write_bytes(b"PK\x03\x04")
    (folder / "~$市场监管局.xlsx").write_bytes(b"lock")
    (folder / "备注.txt").write_text("备注", encoding="utf-8")
    assert [p.name for p in find_inputs([folder])] == ["市场监管局.et"]
    assert [(p.name, why) for p, why in skipped_in_folders([folder])] == [
        ("~$市场监管局.xlsx", "Excel/WPS 打开文件时生成的临时文件，不是台账"),
        ("备注.txt", "文本文件（.txt），不作为台账读取；如是台账请另存为 .csv 或 .xlsx"),
        ("说明.docx", "不是电子表格（.docx）；台账请另存为 .xlsx 或 .xls"),
    ]
    got = json.loads(run("validate", folder, "--today", TODAY, "--format", "json").stdout)
    assert got["summary"]["files"] == 1 and got["summary"]["rows"] == 1


def test_an_et_file_that_is_not_a_workbook_is_refused_in_chinese(tmp_path):
    p = tmp_path / "导出.et"
    p.write_text("序号,名称\n1,甲\n", encoding="utf-8")
    r = run("validate", p, "--today", TODAY)
    assert r.exit_code == 3 and "Traceback" not in r.output
    assert "文件“导出.et”实为文本（CSV）格式，不是真正的 .et 工作簿" in r.stdout
