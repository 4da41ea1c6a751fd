"""Shared helpers for the rule, example and real-data tests.

``sheet`` (fixture) writes a tiny workbook with openpyxl — the canonical headers of a sheet kind, taken
from the standard declarations in ``sgs_cli.standard`` — plus data rows given as ``{field code: value}``
dicts, validates it and returns the findings. Data rows start in row 2 unless a title row is asked
for. ``keys(findings)`` reduces findings to comparable ``(code, cell, severity)`` triples.

Valid base records (``PENALTY_ORG``, ``PENALTY_PERSON``, ``PENALTY_INDIVIDUAL``, ``LICENSE_ORG``,
``LICENSE_PERSON``, ``LEDGER_ROW``, ``LIAISON_LEAD``) produce no finding at all; each test changes one
field and asserts the exact finding it causes.
"""

from __future__ import annotations

import contextlib
import os

os.environ.setdefault("OPENPYXL_LXML", "False")  # as sgs_cli/__init__ does, before openpyxl is first imported
import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from sgs_cli import standard as S
from sgs_cli.codes import gs15, orgcode, ric, uscc
from sgs_cli.rules.context import column_letter
from sgs_cli.validation.engine import ValidateOptions, validate_file

TODAY = dt.date(2019, 11, 8)  # base records (decided 2019-11-05) are then within 7 working days
D = dt.date
SPECS = {"penalty": S.PENALTY, "license": S.LICENSE, "ledger": S.LEDGER, "catalog": S.CATALOG,
         "liaison": S.LIAISON, "penalty2015": S.PENALTY_2015, "license2015": S.LICENSE_2015}


# ------------------------------------------------------------------------------------------- codes

def make_orgcode(body8: str) -> str:
    return body8 + orgcode.calc_check_digit(body8)


def make_uscc(prefix8: str, org_body8: str) -> str:
    """A valid USCC: 2-char 登记管理部门+机构类别, 6-digit region, 组织机构代码 (with its check), check."""
    first17 = prefix8 + make_orgcode(org_body8)
    return first17 + uscc.calc_check_digit(first17)


def make_ric(region6: str, birth: str, seq3: str) -> str:
    body = region6 + birth + seq3
    return body + ric.calc_check_digit(body)


def make_gs15(first14: str) -> str:
    return first14 + gs15.calc_check_digit(first14)


def wrong_last(code: str, alphabet: str = "0123456789") -> str:
    """The code with a different last character (still from ``alphabet``)."""
    for c in alphabet:
        if c != code[-1]:
            return code[:-1] + c
    raise AssertionError


AUTH_USCC = make_uscc("11410122", "00558762")  # 中牟县市场监督管理局 (fictitious body, valid check digits)
ORG_USCC = make_uscc("91410122", "MA44R7K2")
IND_USCC = make_uscc("92410122", "MA45C3P8")
PERSON_ID = make_ric("410122", "19850312", "213")
GSZC = make_gs15("41012260001234")

PENALTY_ORG = {
    "CF_XDR_MC": "中牟县鑫源商贸有限公司", "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": ORG_USCC,
    "CF_FRDB": "李国强", "CF_WSH": "中市监罚〔2019〕201号", "CF_WFXW": "销售超过保质期的食品",
    "CF_SY": "当事人在其经营场所销售超过保质期的预包装食品，货值金额300元。",
    "CF_YJ": "《中华人民共和国食品安全法》第一百二十四条第一款", "CF_CFLB": "警告；罚款",
    "CF_NR": "警告，并处罚款2000元", "CF_NR_FK": 0.2, "CF_JDRQ": D(2019, 11, 5), "CF_YXQ": D(2020, 11, 4),
    "CF_GSJZQ": D(2020, 5, 5), "CF_CFJG": "中牟县市场监督管理局", "CF_CFJGDM": AUTH_USCC,
    "CF_SJLY": "中牟县市场监督管理局", "CF_SJLYDM": AUTH_USCC,
}
PENALTY_INDIVIDUAL = dict(PENALTY_ORG, CF_XDR_MC="中牟县刘记烩面馆", CF_XDR_LB="个体工商户", CF_XDR_SHXYM=IND_USCC,
                          CF_FRDB="刘长青", CF_WSH="中市监罚〔2019〕202号")
PENALTY_PERSON = {k: v for k, v in PENALTY_ORG.items() if k not in ("CF_XDR_SHXYM", "CF_FRDB")}
PENALTY_PERSON.update(CF_XDR_MC="王建军", CF_XDR_LB="自然人", CF_XDR_ZJLX="身份证", CF_XDR_ZJHM=PERSON_ID,
                      CF_WSH="中市监罚〔2019〕203号", CF_CFLB="警告", CF_NR="警告", CF_NR_FK=None)

#: the penalty record of the hostile-input and console tests (another authority code: 黑龙江 七台河)
PENALTY_ROW = {
    "CF_XDR_MC": "中牟县鑫源商贸有限公司", "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": "91230500MA1B3N1N2M",
    "CF_FRDB": "李国强", "CF_WSH": "中市监罚〔2019〕201号", "CF_WFXW": "销售超过保质期的食品",
    "CF_SY": "当事人在其经营场所销售超过保质期的预包装食品，货值金额300元。",
    "CF_YJ": "《中华人民共和国食品安全法》第一百二十四条第一款", "CF_CFLB": "警告；罚款",
    "CF_NR": "警告，并处罚款2000元", "CF_NR_FK": 0.2, "CF_JDRQ": D(2019, 11, 5), "CF_YXQ": D(2020, 11, 4),
    "CF_GSJZQ": D(2020, 5, 5), "CF_CFJG": "中牟县市场监督管理局", "CF_CFJGDM": "11230500001755309F",
    "CF_SJLY": "中牟县市场监督管理局", "CF_SJLYDM": "11230500001755309F",
}

LICENSE_ORG = {
    "XK_XDR_MC": "中牟县鑫源商贸有限公司", "XK_XDR_LB": "法人及非法人组织", "XK_XDR_SHXYM": ORG_USCC,
    "XK_FRDB": "李国强", "XK_XKWS": "食品经营许可决定书", "XK_WSH": "中市监食许〔2019〕0301号", "XK_XKLB": "普通",
    "XK_XKZS": "食品经营许可证", "XK_XKBH": "JY14101220003015", "XK_NR": "准予食品经营许可，经营项目：预包装食品销售",
    "XK_JDRQ": D(2019, 11, 5), "XK_YXQZ": D(2019, 11, 5), "XK_YXQZI": D(2024, 11, 4),
    "XK_XKJG": "中牟县市场监督管理局", "XK_XKJGDM": AUTH_USCC, "XK_ZT": "1",
    "XK_LYDW": "中牟县市场监督管理局", "XK_LYDWDM": AUTH_USCC,
}
LICENSE_PERSON = {k: v for k, v in LICENSE_ORG.items() if k not in ("XK_XDR_SHXYM", "XK_FRDB")}
LICENSE_PERSON.update(XK_XDR_MC="王建军", XK_XDR_LB="自然人", XK_XDR_ZJLX="身份证", XK_XDR_ZJHM=PERSON_ID,
                      XK_XKWS="特种设备作业人员资格认定决定书", XK_WSH="中市监特认〔2019〕0012号", XK_XKLB="认可",
                      XK_XKZS="特种设备安全管理和作业人员证", XK_XKBH=None, XK_NR="准予特种设备作业人员资格认定（叉车司机）")

LEDGER_ROW = {"XH": 1, "WSH": "中市监罚〔2019〕201号", "XMMC": "中牟县鑫源商贸有限公司销售超过保质期食品案",
              "JDRQ": D(2019, 11, 5), "BSRQ": D(2019, 11, 7), "TSRQ": D(2019, 11, 7), "LB": "行政处罚",
              "BM": "中牟县市场监督管理局"}
LIAISON_LEAD = {"DWMC": "中牟县市场监督管理局", "XM": "张雅丽", "ZW": "副局长", "BGDH": "0371-62171234",
                "SJ": "13803711234", "YX": "zmscjg@163.com", "BZ": "信用信息工作总负责"}


# ----------------------------------------------------------------------------------------- writing

def write_sheet(path: Path, kind: str, rows: list[dict], *, columns: list[str] | None = None,
                header_text: dict[str, str] | None = None, title: str | None = None,
                sheet_name: str = "Sheet1", text_codes: bool = True) -> Path:
    """Write ``rows`` under the canonical headers of ``kind``.

    ``columns``: field codes in column order (default: every field of the spec, in spec order); a key
    that is not a field code makes a column too (its header is ``header_text[key]`` or the key).
    ``header_text`` overrides header texts by code. Values are written as given: str stays text (code
    columns get the text format ``@``), numbers stay numbers, dates become date cells (yyyy/mm/dd)."""
    import openpyxl

    spec = SPECS[kind]
    by_code = {f.code: f for f in spec.fields}
    codes = columns if columns is not None else [f.code for f in spec.fields]
    header_text = header_text or {}
    head = [header_text.get(c) or (by_code[c].name if c in by_code else c) for c in codes]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet_name
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    ws.append(head)
    for rec in rows:
        ws.append([rec.get(c) for c in codes])
        r = ws.max_row
        for i, c in enumerate(codes, start=1):
            cl = ws.cell(row=r, column=i)
            if isinstance(cl.value, (dt.date, dt.datetime)):
                cl.number_format = "yyyy/mm/dd"
            elif (text_codes and isinstance(cl.value, str) and c in by_code
                  and by_code[c].type is S.FieldType.CODE):
                cl.number_format = "@"
    wb.save(path)
    return path


def col(kind: str, code: str) -> str:
    """Column letter of a field when the sheet is written with the canonical headers."""
    return column_letter([f.code for f in SPECS[kind].fields].index(code))


def cell(kind: str, code: str, row: int) -> str:
    return f"{col(kind, code)}{row}"


def keys(findings, severities=("error", "warning")) -> set[tuple]:
    return {(f.code, f.cell, f.severity) for f in findings if f.severity in severities}


def row_keys(findings, severities=("error", "warning")) -> set[tuple]:
    """Like ``keys`` but only findings tied to a cell (drops sheet-level notes such as DEADLINE_PASSED)."""
    return {k for k in keys(findings, severities) if k[1] is not None}


class SheetRunner:
    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.n = 0

    def path(self, suffix=".xlsx") -> Path:
        self.n += 1
        return self.tmp / f"t{self.n}{suffix}"

    def report(self, kind: str, rows: list[dict], *, today: dt.date = TODAY, submit_date=None,
               opts_kind: str = "auto", provisional: bool = False, **kw):
        p = write_sheet(self.path(), kind, rows, **kw)
        fr = validate_file(p, ValidateOptions(kind=opts_kind, today=today, submit_date=submit_date,
                                              provisional=provisional))
        assert fr.error is None, fr.error
        return fr

    def findings(self, kind: str, rows: list[dict], **kw):
        fr = self.report(kind, rows, **kw)
        return [f for s in fr.sheets for f in s.findings]

    def row_findings(self, kind: str, rows: list[dict], **kw):
        """Findings tied to a data cell or row, without sheet-level notes (DEADLINE_PASSED and the like)."""
        return [f for f in self.findings(kind, rows, **kw) if f.row is not None and f.code not in SHEET_LEVEL]


#: sheet-level findings that depend on the run date rather than on a cell
SHEET_LEVEL = {"DEADLINE_PASSED", "CALENDAR_NO_DATA"}


def _isolate_home(monkeypatch, home: Path) -> None:
    """Never read the real user's holiday file: the built-in calendar only."""
    from sgs_cli.calendar import workdays as workcal

    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("APPDATA", str(home / "AppData"))
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", str(home / "AppData"))  # platformdirs on Windows
    monkeypatch.delenv(workcal.ENV_VAR, raising=False)


@contextlib.contextmanager
def user_home(home: Path):
    """:func:`isolated_sgs_env` for a module-scoped fixture (which cannot use a function-scoped one)."""
    with pytest.MonkeyPatch.context() as mp:
        _isolate_home(mp, home)
        yield


@pytest.fixture(scope="session")
def bench_dir(tmp_path_factory) -> Path:
    """The seeded bench/generate.py ledgers of scripts/golden.py's BENCH_CASES, made once for the session
    (test_golden.py and test_columnar.py both read them; generating them takes seconds)."""
    from test_golden import golden

    out = tmp_path_factory.mktemp("bench")
    golden.generate_bench(out)
    return out


@pytest.fixture
def isolated_sgs_env(tmp_path, monkeypatch):
    _isolate_home(monkeypatch, tmp_path)


@pytest.fixture
def sheet(tmp_path, isolated_sgs_env, monkeypatch) -> SheetRunner:
    """The rule tests' runner: every sheet through both engines (SGS_ENGINE=both, an EngineDrift on any
    difference) with strict records (a row form reading a field it did not declare fails: tests/strict.py)."""
    from strict import strict_engines

    strict_engines(monkeypatch)
    return SheetRunner(tmp_path)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """Every test: the built-in calendar only (no per-user holidays file, no SGS_HOLIDAYS) and a wide
    console, whatever the machine running the tests has."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData"))
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", str(tmp_path / "AppData"))  # platformdirs on Windows
    monkeypatch.delenv("SGS_HOLIDAYS", raising=False)
    monkeypatch.setenv("COLUMNS", "250")


# ------------------------------------------------------------------------- shared file writers

CODES = [f.code for f in S.PENALTY.fields]
HEADERS = [f.name for f in S.PENALTY.fields]


def write_penalty(path, rows, title=None, sheet="行政处罚"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append(HEADERS)
    for rec in rows:
        ws.append([rec.get(c) for c in CODES])
        for i, c in enumerate(CODES, start=1):
            cell = ws.cell(ws.max_row, i)
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy/mm/dd"
            elif isinstance(cell.value, str) and S.PENALTY.by_code(c).type is S.FieldType.CODE:
                cell.number_format = "@"
    wb.save(path)
    return path


def write_penalty_csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for rec in rows:
            w.writerow(["" if rec.get(c) is None else
                        rec[c].strftime("%Y/%m/%d") if isinstance(rec.get(c), dt.date) else rec[c] for c in CODES])
    return path


# the 2015 legacy penalty template (上海 layout) with its codes: the source of `sgs convert` tests
LEGACY_HEADERS = [
    "行政处罚决定书文号 ", "处罚名称", "处罚类别1", "处罚类别2", "处罚事由", "处罚依据", "行政相对人名称",
    "行政相对人代码_1 (统一社会信用代码)", "行政相对人代码_2 (组织机构代码)", "行政相对人代码_3 (工商登记码)",
    "行政相对人代码_4 (税务登记号)", "行政相对人代码_5 (居民身份证号)", "法定代表人姓名", "处罚结果", "处罚决定日期",
    "处罚机关", "当前状态", "备注",
]
ORGC = "MA44R7K2" + orgcode.calc_check_digit("MA44R7K2")
USCC_SH = "91310107" + ORGC + uscc.calc_check_digit("91310107" + ORGC)
GSZC_SH = "31010700012345" + gs15.calc_check_digit("31010700012345")
SWDJ = "310107" + ORGC
ORGC2 = "12345678" + orgcode.calc_check_digit("12345678")
PID_BODY = "31010719800101123"
PID = PID_BODY + ric.calc_check_digit(PID_BODY)
FR_PID_BODY = "31010719750505201"
FR_PID = FR_PID_BODY + ric.calc_check_digit(FR_PID_BODY)  # 法定代表人张三's ID, in the enterprise row
AUTHORITY = "上海市普陀区市场监督管理局"

LEGACY_ROWS = [
    ["沪普市监案处〔2016〕0001号", "销售不合格商品", "警告", "罚款", "当事人销售不合格商品", "《产品质量法》第四十九条",
     "上海普陀鑫源商贸有限公司", USCC_SH, ORGC, GSZC_SH, SWDJ, FR_PID, "张三", "警告，并处罚款5000元", D(2016, 3, 15),
     AUTHORITY, "0", "已缴纳"],
    ["沪普市监案处〔2016〕0002号", "无照经营", "1", None, "当事人无照经营", "《无照经营查处取缔办法》第十四条",
     "上海普陀某餐饮有限公司", None, ORGC2, None, None, None, "李四", "罚款2000元", D(2016, 4, 1),
     AUTHORITY, "0", None],
    ["沪普市监案处〔2016〕0003号", "违反烟花爆竹安全管理", "警告", None, "当事人违规燃放烟花爆竹", "《烟花爆竹安全管理条例》第四十二条",
     "王五", None, None, None, None, PID, None, "警告", D(2016, 5, 9), AUTHORITY, "0", None],
]


def write_legacy(path: Path, rows=LEGACY_ROWS) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "法人行政处罚模板"
    ws.append(LEGACY_HEADERS)
    for row in rows:
        ws.append(row)
        r = ws.max_row
        ws.cell(r, 15).number_format = "yyyy/mm/dd"
        for c in (1, 8, 9, 10, 11, 12):
            ws.cell(r, c).number_format = "@"
    wb.create_sheet("Sheet2")  # empty, as in the real template
    wb.save(path)
    return path


# ------------------------------------------------------------------------------ running sgs


def run_checked(*args):
    """Run sgs; every monthly report with a JSON summary is checked for the identity of its statuses."""
    from sgs_cli.cli.app import app

    r = CliRunner().invoke(app, [str(a) for a in args])
    if args and args[0] == "monthly-report" and "json" in args and r.exit_code == 0:
        assert_statuses_add_up(json.loads(r.stdout))
    return r


def assert_statuses_add_up(j: dict) -> None:
    """Each decision has exactly one status: the statuses add up to 决定总数, in total and per department,
    and the departments add up to the total."""
    from sgs_cli.reports.decisions import STATUSES

    for figs in [j["total"]] + j["departments"]:
        assert sum(figs[s.key] for s in STATUSES) == figs["records"], figs
        assert figs["licence"] + figs["penalty"] + figs["unclassified"] == figs["records"], figs
    for key in ["records"] + [s.key for s in STATUSES]:
        assert sum(d[key] for d in j["departments"]) == j["total"][key], key

# The browser tests' fixtures (tests/headless.py): one headless Chromium with one page per test module; each test
# starts on it logged out (no cookies) at 1366×768. A fresh browser context per test would isolate more but costs
# about 0.6 s each on a busy machine; clearing the cookies costs almost nothing. (Here, not in a tests/web/conftest.py:
# a second conftest module would shadow this one for the tests that `from conftest import ...`.)


@pytest.fixture(scope="module")
def module_page():
    from headless import HEIGHT, WIDTH, launch, missing

    reason = missing()
    if reason is not None:  # only reached under SGS_REQUIRE_BROWSER=1: the modules' marks skip otherwise
        pytest.fail(f"SGS_REQUIRE_BROWSER=1，浏览器测试不能跳过，但{reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    from sgs_cli.io import contain

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1,
                                      locale="zh-CN", accept_downloads=True)
        context.set_default_timeout(20_000)
        yield context.new_page()
        context.close()
        browser.close()
        # The served app's reader child (io/contain, forked from this process) holds a copy of the pipe to
        # Playwright's driver, which would then never see its input close: leaving sync_playwright() would
        # wait forever. End that child first. (This is also why the browser is per module, not per session:
        # a child forked by any later test would hold the pipe too.)
        contain.shutdown()


@pytest.fixture
def page(module_page):
    """The module's page, logged out (its cookies cleared) and 1366×768 again."""
    from headless import HEIGHT, WIDTH

    module_page.context.clear_cookies()
    module_page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    return module_page
