"""One rule for every command that writes a file: an existing file is kept (exit 2, "已存在，未覆盖",
the file unchanged) unless --force is given; with --force it is replaced; an input is never replaced."""

from __future__ import annotations

import hashlib

import pytest
from conftest import LEDGER_ROW, PENALTY_ORG, write_sheet
from conftest import write_legacy
from typer.testing import CliRunner

from sgs_cli.cli.app import app

FILLED = b"a hand-filled workbook"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def _ledger(tmp_path):
    return write_sheet(tmp_path / "台账.xlsx", "ledger", [LEDGER_ROW])


def _roster(tmp_path):
    assert run("template", "roster", "-o", tmp_path / "名单.xlsx").exit_code == 0
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "名单.xlsx")
    wb["单位名单"].append([1, "中牟县市场监督管理局"])
    wb.save(tmp_path / "名单.xlsx")
    return tmp_path / "名单.xlsx"


COMMANDS = {  # name → (arguments before "-o OUT" given the tmp folder, exit code when written)
    "validate --report": (lambda t: ["validate", write_sheet(t / "处罚.xlsx", "penalty", [PENALTY_ORG]),
                                     "--today", "2019-11-08", "--report"], 0),
    "monthly-report": (lambda t: ["monthly-report", "--month", "2019-11", _ledger(t), "--today", "2019-11-08",
                                  "-o"], 0),
    "monthly-report (blank)": (lambda t: ["monthly-report", "--month", "2019-11", "-o"], 0),
    "convert": (lambda t: ["convert", write_legacy(t / "旧.xlsx"), "-o"], 0),
    **{f"template {k}": (lambda t, k=k: ["template", k] + (["--month", "2019-11"] if k == "monthly" else []) + ["-o"],
                         0)
       for k in ("license", "penalty", "ledger", "catalog", "liaison", "monthly", "roster")},
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_existing_output_is_kept_without_force(tmp_path, isolated_sgs_env, name, monkeypatch):
    from sgs_cli.render import templates

    monkeypatch.setattr(templates, "DATA_ROWS", 5)  # keeps the templates small: the rule is what is tested
    make, ok = COMMANDS[name]
    out = tmp_path / "已有.xlsx"
    out.write_bytes(FILLED)
    args = make(tmp_path) + [out]
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert f"输出文件“{out}”已存在，未覆盖" in r.stderr and "--force" in r.stderr
    assert out.read_bytes() == FILLED
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp.xlsx")]
    r = run(*args, "--force")
    assert r.exit_code == ok, r.output
    assert out.read_bytes()[:2] == b"PK"  # replaced by a workbook


def test_monthly_report_default_name_is_not_overwritten(tmp_path, isolated_sgs_env, monkeypatch):
    """monthly-report and template monthly share the default name 双公示月报告_YYYY-MM.xlsx."""
    monkeypatch.chdir(tmp_path)
    assert run("template", "monthly", "--month", "2019-11").exit_code == 0
    default = tmp_path / "双公示月报告_2019-11.xlsx"
    before = hashlib.sha256(default.read_bytes()).hexdigest()
    r = run("monthly-report", "--month", "2019-11", _ledger(tmp_path), "--today", "2019-11-08")
    assert r.exit_code == 2 and "已存在，未覆盖" in r.stderr
    assert hashlib.sha256(default.read_bytes()).hexdigest() == before


def test_roster_is_never_the_output(tmp_path, isolated_sgs_env):
    roster = _roster(tmp_path)
    before = roster.read_bytes()
    r = run("monthly-report", "--month", "2019-11", _ledger(tmp_path), "--roster", roster, "-o", roster, "--force")
    assert r.exit_code == 2 and "拒绝覆盖" in r.stderr
    assert roster.read_bytes() == before


def test_roster_errors(tmp_path, isolated_sgs_env):
    ledger = _ledger(tmp_path)
    r = run("monthly-report", "--month", "2019-11", ledger, "--roster", tmp_path / "无.xlsx", "-o", tmp_path / "r.xlsx")
    assert r.exit_code == 3 and "单位名单" in r.stderr and "不存在" in r.stderr
    r = run("monthly-report", "--month", "2019-11", ledger, "--roster", ledger, "-o", tmp_path / "r.xlsx")
    assert r.exit_code == 3 and "找不到“单位名称”列" in r.stderr
    assert not (tmp_path / "r.xlsx").exists()
