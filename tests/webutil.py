"""Helpers of the web tests: CSRF tokens, logins, accounts, a clean ledger."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PENALTY = EXAMPLES / "行政处罚台账.xlsx"
LEDGER = EXAMPLES / "双公示台账_2019-11.xlsx"
PASSWORD = "Zhengzhou2019"

ACCOUNTS = [("xyb", "县信用办", "office"), ("scjg", "县市场监管局", "department"), ("wjw", "县卫健委", "department")]


def csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF field on the page"
    return m.group(1)


def add_accounts(data: Path) -> None:
    from sgs_cli.web.server import add_user

    for name, unit, role in ACCOUNTS:
        add_user(data, name, unit, role, PASSWORD)


def login(client, username: str, password: str = PASSWORD):
    token = csrf(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def office_app(tmp_path: Path, monkeypatch, units) -> tuple:
    """(app, data folder) of an office server with 中牟县信用办's office account xyb and a department account per
    (username, unit) in ``units``, configuration and holidays isolated from the user's own."""
    from sgs_cli.web.app import create_app
    from sgs_cli.web.server import add_user

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)
    data = tmp_path / "data"
    add_user(data, "xyb", "中牟县信用办", "office", PASSWORD)
    for name, unit in units:
        add_user(data, name, unit, "department", PASSWORD)
    return create_app(data), data


def logged_in(app, username: str):
    """A test client of ``app`` logged in as ``username``."""
    c = app.test_client()
    assert login(c, username).status_code == 302
    return c


def clean_ledger(out: Path) -> Path:
    """The example ledger of November 2019 with its errors corrected (warnings remain): a
    submission that passes."""
    shutil.copyfile(LEDGER, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["台账"]
    ws["E6"] = ws["F6"] = "2019/11/06"
    ws["E9"] = "2019/11/08"
    ws["B17"] = "中市监罚〔2019〕1216号"
    ws["E18"] = ws["F18"] = "2019/11/18"
    ws["E14"] = "2019/11/19"  # never reported: NOT_REPORTED_OVERDUE is an error
    ws["E22"] = "2019/12/05"
    wb.save(out)
    return out



def sibling(folder: str, name: str):
    """A test module of another folder (tests/io, tests/calendar: their names are the standard library's, so
    not importable as packages): the one pytest collected, else loaded from its file — the test runs alone too."""
    import importlib.util
    from pathlib import Path
    import sys

    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / folder / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sys.modules[name] = mod
    return mod
