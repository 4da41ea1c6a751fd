"""报送登记表 (rules/register.py): the register validated as its own kind — every code with its cell."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import user_home
from county_quarter import JT, SJ, _write

from sgs_cli.reports.roster import Roster
from sgs_cli.reports.submissions import read_register
from conftest import run_checked as run

D = dt.date
CODES = ["DWMC", "MLBS", "MLGX", "YB09", "YB10"]


def findings(path, today="2026-10-20"):
    r = run("validate", path, "--today", today, "--format", "json")
    doc = json.loads(r.stdout)
    sheet = doc["files"][0]["sheets"][0]
    return r.exit_code, sheet["kind"], [(f["code"], f["cell"], f["severity"]) for f in sheet["findings"]]


def test_clean_register_has_no_finding(tmp_path):
    p = _write(tmp_path / "登记表.xlsx", "register", [
        {"DWMC": SJ, "MLBS": D(2026, 3, 12), "MLGX": D(2026, 8, 20), "YB09": D(2026, 10, 13)}], CODES)
    assert findings(p) == (0, "register", [])


def test_each_code(tmp_path):
    p = _write(tmp_path / "登记表.xlsx", "register", [
        {"DWMC": SJ, "MLBS": D(2026, 3, 12), "MLGX": D(2026, 3, 1), "YB09": D(2026, 9, 30), "YB10": D(2026, 11, 30)},
        {"DWMC": SJ}], CODES, sheet="登记")
    code, kind, got = findings(p)
    assert (code, kind) == (1, "register")
    assert got == [("DATE_FUTURE", "E2", "error"),  # 10月 report received 2026-11-30, after --today
                   ("DATE_ORDER", "C2", "error"),  # 目录更新 2026-03-01 before 报送 2026-03-12
                   ("REGISTER_REPORT_EARLY", "D2", "error"),  # 9月 report received in September
                   ("REGISTER_UNIT_DUPLICATE", "A3", "warning")]


def test_unknown_unit_against_the_roster(tmp_path):
    p = _write(tmp_path / "登记表.xlsx", "register", [{"DWMC": "市场监管局"}, {"DWMC": "中牟县教育局"}], CODES)
    roster = Roster(str(tmp_path / "名单.xlsx"))
    roster.add(SJ, ["市场监管局"])
    roster.add(JT)
    with user_home(tmp_path):
        reg = read_register(p, roster, today=D(2026, 10, 20))
    assert [(f.code, f.cell, f.severity) for f in reg.findings] == [("REGISTER_UNIT_UNKNOWN", "A3", "warning")]
    assert list(reg.rows) == [SJ, "中牟县教育局"] and reg.rows[SJ].written == "市场监管局"
    assert not reg.rows["中牟县教育局"].known


@pytest.mark.parametrize("name", ["登记表.xlsx"])
def test_not_a_register(tmp_path, name):
    from sgs_cli.errors import InputError

    p = _write(tmp_path / name, "liaison", [{"DWMC": SJ, "XM": "张三"}], ["DWMC", "XM"])
    with pytest.raises(InputError) as e:
        read_register(p, None, today=D(2026, 10, 20))
    assert "报送登记表" in e.value.message
