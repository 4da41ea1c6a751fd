"""Outputs other tools can read: the JSON document's version keys, info count, record key and structured rows;
CSV findings; `sgs --version`; `python -m sgs_cli`; --help without Click's English scaffolding."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sgs_cli import __version__
from sgs_cli.cli.app import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PENALTY = EXAMPLES / "行政处罚台账.xlsx"
COMMANDS = ["validate", "deadlines", "calendar", "monthly-report", "convert", "export", "template", "schema"]


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_json_document_keys_on_the_examples():
    r = run("validate", PENALTY, "--today", "2019-12-31", "--format", "json")
    doc = json.loads(r.stdout)
    assert (doc["format_version"], doc["tool_version"]) == ("1.1", __version__)
    [sheet] = doc["files"][0]["sheets"]
    infos = [f for f in sheet["findings"] if f["severity"] == "info"]
    assert doc["summary"]["infos"] == sheet["infos"] == len(infos) == 1  # DATE_NONSTANDARD at W18
    by_cell = {f["cell"]: f for f in sheet["findings"]}
    assert by_cell["C5"]["record_key"] == "中市监罚〔2019〕1203号"
    assert by_cell["N22"]["record_key"] == "中市监罚〔2019〕1205号"
    [late] = [f for f in sheet["findings"] if f["code"] == "DEADLINE_PASSED"]
    assert late["record_key"] is None and late["rows"] == list(range(3, 20)) + list(range(21, 33))
    assert all(f["rows"] is None for f in sheet["findings"] if f["code"] != "DEADLINE_PASSED")


def test_csv_findings_read_back():
    r = run("validate", PENALTY, "--today", "2019-12-31", "--format", "csv")
    assert r.exit_code == 1
    assert r.stdout.startswith("\ufeff文件,工作表,级别,规则代码,单元格,行,列,字段,决定书文号,值,问题,修改建议,涉及的行")
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    doc = json.loads(run("validate", PENALTY, "--today", "2019-12-31", "--format", "json").stdout)
    assert len(rows) == len(doc["files"][0]["sheets"][0]["findings"]) == 13
    c5 = next(x for x in rows if x["单元格"] == "C5")
    assert (c5["级别"], c5["规则代码"], c5["决定书文号"], c5["问题"]) == (
        "错误", "USCC_CHECKSUM", "中市监罚〔2019〕1203号", "统一社会信用代码校验位错误")
    m14 = next(x for x in rows if x["单元格"] == "M14")
    assert "*" in m14["值"]  # personal numbers masked as everywhere else
    late = next(x for x in rows if x["规则代码"] == "DEADLINE_PASSED")
    assert late["涉及的行"].split("、")[:3] == ["3", "4", "5"]


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.stdout == f"sgs {__version__}\n"


def test_python_dash_m():
    r = subprocess.run([sys.executable, "-m", "sgs_cli", "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == f"sgs {__version__}"


@pytest.mark.parametrize("command", [None] + COMMANDS)
def test_help_has_no_english_scaffolding(command):
    r = run(*([command] if command else []), "--help")
    assert r.exit_code == 0
    for english in ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message and exit.", "[required]",
                    "[default:", "[OPTIONS]"):
        assert english not in r.stdout, (command, english)
    assert r.stdout.startswith("用法：")
    assert "选项：" in r.stdout and "显示本帮助并退出。" in r.stdout
    assert "示例：" in r.stdout


def test_missing_argument_with_choices_in_chinese():
    r = run("schema")
    assert r.exit_code == 2
    assert "缺少参数 kind，可选：license penalty ledger catalog liaison objection register repair monthly roster scheme" in r.stderr
