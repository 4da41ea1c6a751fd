"""The violation catalogue: for every rule code sgs declares, a generator of a sheet that must raise that
code at that cell (pandera's strategies, mirrored: a valid base record with the one change the code is
about). Every case runs through both engines (SGS_ENGINE=both with strict records: tests/strict.py), so a
columnar mask that goes quiet on it is an EngineDrift and a row form that stops raising it is a missing
finding. A code declared without a generator fails test_every_code_has_a_generator.

Record cases of one kind and options share one sheet (one row or two each, their own 文书号), so the
whole catalogue is a handful of small workbooks; cases that need a sheet of their own say ``alone``."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from conftest import (
    GSZC, LEDGER_ROW, LIAISON_LEAD, LICENSE_ORG, ORG_USCC, PENALTY_INDIVIDUAL,
    PENALTY_ORG, PENALTY_PERSON, PERSON_ID, SPECS, TODAY, make_uscc, wrong_last, write_sheet,
)
from sgs_cli import standard as S
from sgs_cli.rules.codes import CATALOGUE
from sgs_cli.rules.context import column_letter
from sgs_cli.standard import legacy
from sgs_cli.validation.engine import ValidateOptions, validate_file, validate_paths

D = dt.date
P, L = "penalty", "license"
PLACEHOLDER = "00000000000000000X"  # the 17-zeros placeholder some systems fill in
SPECS.setdefault("objection", S.OBJECTION)
SPECS.setdefault("register", S.REGISTER)
SPECS.setdefault("repair", S.REPAIR)
SEVERITY = "失信严重程度"  # the extension column (records/mapping.SEVERITY_KEY)
P_COLUMNS = [f.code for f in S.PENALTY.fields]


@dataclass(frozen=True)
class Case:
    """``rows()`` → the data rows; the finding expected: ``code`` on data row ``at`` (0-based among the
    rows; None: the header row) in the column of ``field`` (None: no cell)."""

    kind: str
    rows: Callable[[], list]
    field: str | None
    at: int | None = 0
    columns: tuple | None = None  # write_sheet columns (default: every field of the kind)
    header_text: tuple = ()  # write_sheet header_text items
    opts: tuple = ()  # ValidateOptions items
    alone: bool = False  # a sheet of its own (annex kinds, header cases, order-dependent rules)
    make: Callable | None = None  # a custom writer: (case, folder) → (paths, expected cell as (row, column))
    check_row: bool = True  # the finding's row is checked (a sheet-level finding lists rows instead)
    every: bool = False  # every row of the case raises the code (not only row ``at``)

    def setup(self) -> tuple:
        return (self.kind, self.columns, self.header_text, self.opts, self.alone, self.make)


def one(base: dict, **change) -> Callable[[], list]:
    return lambda: [dict(base, **change)]


def pen(**change):
    return one(PENALTY_ORG, **change)


def lic(**change):
    return one(LICENSE_ORG, **change)


def person(**change):
    return one(PENALTY_PERSON, **change)


def ledger(*changes: dict) -> Callable[[], list]:
    """Consecutive ledger rows (序号 1..n, their own 文书号), row i changed by changes[i]."""
    return lambda: [dict(LEDGER_ROW, **{"XH": i + 1, "WSH": f"中市监罚〔2019〕{301 + i}号", **c})
                    for i, c in enumerate(changes)]


LIAISON_SECOND = {"DWMC": "中牟县市场监督管理局", "XM": "王晓东", "ZW": "科员", "BGDH": "0371-62171235",
                  "SJ": "13803711235", "YX": "zmscjg2@163.com", "BZ": "信息报送"}
OBJ = {"SDRQ": D(2019, 11, 4), "YYR": "异议人", "WSH": "中市监罚〔2019〕501号", "CBKS": "法规科", "BJRQ": D(2019, 11, 7),
       "TBRQ": D(2019, 11, 7), "CLJG": "已核实"}
#: a repair granted in time: applied 2025-09-25 (due 2025-10-15 over National Day and two 调休 days),
#: decided 2025-10-13 (take-down due 2025-10-16), taken down 2025-10-15
REP = {"SQR": "中牟县鑫源商贸有限公司", "XDR_SHXYM": ORG_USCC, "SQRQ": D(2025, 9, 25), "WSH": "中市监罚〔2025〕31号",
       "CFJDRQ": D(2025, 3, 10), "XFJD": "准予修复", "JDRQ": D(2025, 10, 13), "XFJG": "撤下", "CXRQ": D(2025, 10, 15),
       "JBBM": "中牟县市场监督管理局"}
REP_TODAY = (("today", D(2025, 11, 10)),)
LATE_DAY = D(2019, 11, 20)  # after the 7-working-day deadline of a decision of 2019-11-05 (2019-11-14)
SUBMIT = (("submit_date", D(2019, 11, 20)),)
NEW_REGIME = dict(CF_JDRQ=D(2026, 4, 8), CF_YXQ=D(2027, 4, 7), CF_GSJZQ=D(2026, 7, 8))
NO_DATA = dict(CF_JDRQ=D(2031, 3, 3), CF_YXQ=D(2032, 3, 2), CF_GSJZQ=D(2031, 9, 3))


# ------------------------------------------------------------------------------ custom sheet writers

def _hidden(case, folder: Path):
    p = write_sheet(folder / "hidden.xlsx", L, [LICENSE_ORG])
    wb = openpyxl.load_workbook(p)
    wb.create_sheet("可见")["A1"] = "说明"
    wb["Sheet1"].sheet_state = "hidden"
    wb.active = 1
    wb.save(p)
    return [p], (None, None)


def _unrecognised(case, folder: Path):
    p = write_sheet(folder / "unrecognised.xlsx", L, [LICENSE_ORG])
    wb = openpyxl.load_workbook(p)
    ws = wb.create_sheet("统计")
    ws.append(["月份", "数量", "备注说明"])
    ws.append(["2019-11", 3, ""])
    wb.save(p)
    return [p], (None, None)


def _gbk_csv(case, folder: Path):
    p = folder / "处罚.csv"
    with open(p, "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f.name for f in S.PENALTY.fields])
        w.writerow([v.strftime("%Y/%m/%d") if isinstance(v, dt.date) else "" if v is None else v
                    for v in (PENALTY_ORG.get(c) for c in P_COLUMNS)])
    return [p], (None, None)


def _formula(case, folder: Path):
    p = write_sheet(folder / "formula.xlsx", P, [PENALTY_ORG])
    col = column_letter(P_COLUMNS.index("CF_NR_FK"))
    # a formula saved without its result, as some libraries write one (written as XML: openpyxl's own
    # writer differs with and without lxml installed)
    _replace_cell(p, f"{col}2", f'<c r="{col}2"><f>0.1+0.1</f></c>')
    return [p], (2, col)


def _replace_cell(path: Path, ref: str, xml: str) -> None:
    text = _sheet_xml(path)
    start = text.index(f'<c r="{ref}"')
    end = text.index("</c>", start) + 4
    _sheet_xml(path, text[:start] + xml + text[end:])


def _error_cell(case, folder: Path):
    p = write_sheet(folder / "error.xlsx", P, [PENALTY_ORG])
    col = column_letter(P_COLUMNS.index("CF_XDR_MC"))
    _replace_cell(p, f"{col}2", f'<c r="{col}2" t="e"><v>#N/A</v></c>')  # a cached #N/A, as Excel saves one
    return [p], (2, col)


def _sheet_xml(path: Path, new: str | None = None):
    import zipfile

    name = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    if new is None:
        return parts[name].decode("utf-8")
    parts[name] = new.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return None


def _across_files(case, folder: Path):
    a = write_sheet(folder / "a.xlsx", P, [PENALTY_ORG])
    b = write_sheet(folder / "b.xlsx", P, [dict(PENALTY_ORG, CF_XDR_MC="中牟县鑫源商贸有限公司")])
    return [a, b], (2, column_letter(P_COLUMNS.index("CF_WSH")))


def _legacy_penalty(case, folder: Path):
    columns = [f.code for f in legacy.PENALTY_FIELDS]
    row = {"CF_WSH": "中市监罚〔2017〕88号", "CF_CFMC": "销售过期食品案", "CF_CFLB1": "1", "CF_CFLB2": "",
           "CF_SY": "销售超过保质期的食品", "CF_YJ": "《中华人民共和国食品安全法》第一百二十四条",
           "CF_XDR_MC": "中牟县鑫源商贸有限公司", "CF_XDR_SHXYM": ORG_USCC, "CF_FR": "李国强", "CF_JG": "罚款2000元",
           "CF_JDRQ": D(2017, 6, 5), "CF_XZJG": "中牟县食品药品监督管理局", "CF_ZT": "0", "DFBM": "410122"}
    return [write_sheet(folder / "legacy.xlsx", "penalty2015", [row], columns=columns)], (None, None)


def _legacy_see_empty(case, folder: Path):
    """A 2015 row whose 处罚类别1 says “其他（见处罚类别2）” and whose 处罚类别2 is empty."""
    columns = [f.code for f in legacy.PENALTY_FIELDS]
    row = {"CF_WSH": "中市监罚〔2017〕89号", "CF_CFMC": "销售过期食品案", "CF_CFLB1": "其他（见处罚类别2）", "CF_CFLB2": "",
           "CF_SY": "销售超过保质期的食品", "CF_YJ": "《中华人民共和国食品安全法》第一百二十四条",
           "CF_XDR_MC": "中牟县鑫源商贸有限公司", "CF_XDR_SHXYM": ORG_USCC, "CF_FR": "李国强", "CF_JG": "责令停产停业",
           "CF_JDRQ": D(2017, 6, 5), "CF_XZJG": "中牟县食品药品监督管理局", "CF_ZT": "0", "DFBM": "410122"}
    p = write_sheet(folder / "legacy_see.xlsx", "penalty2015", [row], columns=columns)
    return [p], (2, column_letter(columns.index("CF_CFLB1")))


def _legacy_status(case, folder: Path):
    columns = [f.code for f in legacy.LICENSE_FIELDS]
    row = {"XK_WSH": "中市监食许〔2017〕0301号", "XK_XMMC": "食品经营许可", "XK_SPLB": "普通", "XK_NR": "准予食品经营许可",
           "XK_XDR": "中牟县鑫源商贸有限公司", "XK_XDR_SHXYM": ORG_USCC, "XK_FR": "李国强", "XK_JDRQ": D(2017, 6, 5),
           "XK_JZQ": D(2022, 6, 4), "XK_XZJG": "中牟县食品药品监督管理局", "XK_ZT": "2", "DFBM": "410122"}
    p = write_sheet(folder / "legacy_status.xlsx", "license2015", [row], columns=columns)
    return [p], (2, column_letter(columns.index("XK_ZT")))


REGISTER_CODES = ["DWMC", "MLBS", "MLGX", "YB09", "YB10"]


def _register(rows: list, at: tuple):
    def make(case, folder: Path):
        from county_quarter import _write

        return [_write(folder / "登记表.xlsx", "register", rows, REGISTER_CODES)], at
    return make


def _register_unknown(case, folder: Path):
    from county_quarter import JT, SJ, _write

    from sgs_cli.reports.roster import Roster

    roster = Roster(str(folder / "名单.xlsx"))
    roster.add(SJ, ["市场监管局"])
    roster.add(JT)
    from sgs_cli.reports.submissions import read_register

    p = _write(folder / "登记表.xlsx", "register", [{"DWMC": "市场监管局"}, {"DWMC": "中牟县教育局"}], REGISTER_CODES)
    # the roster is the office's, not the sheet's: the reports read the register against it
    return read_register(p, roster, today=D(2026, 10, 20)).findings, (3, "A")


# -------------------------------------------------------------------------------------- the catalogue

CASES: dict[str, Case] = {
    # header and sheet level (rules/columns.py, rules/sheets.py, rules/cells.py)
    "COLUMN_MISSING": Case(P, pen(), None, None, columns=tuple(c for c in P_COLUMNS if c != "CF_WSH"), alone=True),
    "HEADER_UNKNOWN": Case(P, pen(), "甲乙丙丁", None, columns=(*P_COLUMNS, "甲乙丙丁"), alone=True),
    "HEADER_ALIAS": Case(P, pen(), "CF_XDR_ZJHM", None, header_text=(("CF_XDR_ZJHM", "身份证号码"),), alone=True),
    "HEADER_EXTRA": Case(P, pen(), "X", None, columns=(*P_COLUMNS, "X"), header_text=(("X", "处罚编码"),), alone=True),
    "HEADER_EXTENSION": Case(P, pen(), SEVERITY, None, columns=(*P_COLUMNS, SEVERITY), alone=True),
    "HEADER_DUPLICATE": Case(P, pen(), "dup", None, columns=(*P_COLUMNS, "dup"),
                             header_text=(("dup", "行政相对人名称"),), alone=True),
    "LEGACY_LAYOUT": Case(P, list, None, make=_legacy_penalty),
    "LEGACY_FIELD_UNMAPPED": Case(P, list, None, make=_legacy_penalty),
    "LEGACY_STATUS_REVIEW": Case(L, list, None, make=_legacy_status),
    "SHEET_HIDDEN": Case(L, list, None, make=_hidden),
    "SHEET_UNRECOGNIZED": Case(L, list, None, make=_unrecognised),
    "READER_NOTE": Case(P, list, None, make=_gbk_csv),
    "FORMULA_NO_VALUE": Case(P, list, None, make=_formula),
    "CELL_ERROR_VALUE": Case(P, list, None, make=_error_cell),
    # required
    "REQUIRED_MISSING": Case(P, pen(CF_CFJG=None), "CF_CFJG"),
    "MUST_BE_EMPTY": Case(P, person(CF_XDR_SHXYM=ORG_USCC), "CF_XDR_SHXYM"),
    "PLACEHOLDER_VALUE": Case(P, pen(CF_YJ="无"), "CF_YJ"),
    # enumerations
    "ENUM_INVALID": Case(P, pen(CF_XDR_LB="外星人"), "CF_XDR_LB"),
    "ENUM_VARIANT": Case(P, pen(CF_XDR_LB="法人"), "CF_XDR_LB"),
    "ENUM_OTHER_DETAIL": Case(P, pen(CF_CFLB="其他"), "CF_CFLB"),
    "CFLB_2021": Case(P, pen(CF_CFLB="警告；罚款；通报批评"), "CF_CFLB"),
    # identifiers
    "USCC_FORMAT": Case(P, pen(CF_XDR_SHXYM="91410122MA44R7K2"), "CF_XDR_SHXYM"),
    "USCC_CHECKSUM": Case(P, pen(CF_XDR_SHXYM=wrong_last(ORG_USCC, "0123456789ABCDEFGHJKLMNPQRTUWXY")), "CF_XDR_SHXYM"),
    "USCC_ORGCODE": Case(P, pen(CF_XDR_SHXYM=None), "CF_XDR_SHXYM"),  # replaced below
    "USCC_LOOKALIKE": Case(P, pen(CF_XDR_SHXYM=ORG_USCC.replace("1", "I", 1)), "CF_XDR_SHXYM"),
    # an organisation with the placeholder, without and with a valid 工商注册号 (only a 个体工商户 may hold it)
    "USCC_PLACEHOLDER": Case(P, lambda: [dict(PENALTY_ORG, CF_XDR_SHXYM=PLACEHOLDER, CF_WSH=f"中市监罚〔2019〕{80 + i}号",
                                              **gszc) for i, gszc in enumerate([{}, {"CF_XDR_GSZC": GSZC}])],
                             "CF_XDR_SHXYM", every=True),
    "USCC_PLACEHOLDER_GSZC": Case(P, one(PENALTY_INDIVIDUAL, CF_XDR_SHXYM=PLACEHOLDER), "CF_XDR_GSZC"),
    "USCC_PREFIX_MISMATCH": Case(P, one(PENALTY_INDIVIDUAL, CF_XDR_LB="法人及非法人组织"), "CF_XDR_SHXYM"),
    "ID_IN_USCC_COLUMN": Case(P, pen(CF_XDR_SHXYM=PERSON_ID), "CF_XDR_SHXYM"),
    "AUTHORITY_CODE_PREFIX": Case(P, pen(CF_CFJGDM=make_uscc("13410122", "00558762")), "CF_CFJGDM"),
    "ORGCODE_FORMAT": Case(P, pen(CF_XDR_ZZJG="ABC"), "CF_XDR_ZZJG"),
    "ORGCODE_CHECKSUM": Case(P, pen(CF_XDR_ZZJG="60003734-2"), "CF_XDR_ZZJG"),
    "GSZC_FORMAT": Case(P, pen(CF_XDR_GSZC=GSZC[:6] + "-" + GSZC[6:]), "CF_XDR_GSZC"),
    "GSZC_CHECKSUM": Case(P, pen(CF_XDR_GSZC=wrong_last(GSZC)), "CF_XDR_GSZC"),
    "IDCARD_FORMAT": Case(P, person(CF_XDR_ZJHM=PERSON_ID[:17]), "CF_XDR_ZJHM"),
    # every spelling of the document kind that means 身份证, written out (not taken from the code under test)
    "IDCARD_CHECKSUM": Case(P, lambda: [dict(PENALTY_PERSON, CF_XDR_ZJLX=kind, CF_XDR_ZJHM=wrong_last(PERSON_ID),
                                             CF_WSH=f"中市监罚〔2019〕{60 + i}号")
                                        for i, kind in enumerate(("身份证", "居民身份证", "01", ""))], "CF_XDR_ZJHM",
                            every=True),
    "IDCARD_BIRTHDATE": Case(P, person(CF_XDR_ZJHM=PERSON_ID[:6] + "2099" + PERSON_ID[10:]), "CF_XDR_ZJHM"),
    "IDCARD_LOWERCASE_X": Case(P, lambda: [dict(PENALTY_PERSON, CF_XDR_ZJHM=_x_id().lower())], "CF_XDR_ZJHM"),
    "CODE_NORMALIZED": Case(P, pen(CF_XDR_SHXYM=ORG_USCC[:4] + " " + ORG_USCC[4:]), "CF_XDR_SHXYM"),
    # excel damage
    "CODE_PRECISION_LOST": Case(P, pen(CF_XDR_SHXYM=9.14101220000001e17), "CF_XDR_SHXYM"),
    "CODE_SCIENTIFIC": Case(P, pen(CF_XDR_SHXYM="9.14101E+17"), "CF_XDR_SHXYM"),
    "CODE_NUMERIC_CELL": Case(P, pen(CF_XDR_GSZC=int(GSZC)), "CF_XDR_GSZC"),
    # dates
    "DATE_INVALID": Case(P, pen(CF_YXQ="2019-13-45"), "CF_YXQ"),
    "DATE_NONSTANDARD": Case(P, pen(CF_YXQ="2020年11月4日"), "CF_YXQ"),
    "DATE_IMPLAUSIBLE": Case(P, pen(CF_YXQ=D(2300, 1, 1)), "CF_YXQ"),
    "DATE_FUTURE": Case(P, pen(CF_JDRQ=D(2019, 12, 5)), "CF_JDRQ"),
    "DATE_ORDER": Case(P, pen(CF_YXQ=D(2019, 11, 1)), "CF_YXQ"),
    "DATE_BEFORE_DECISION": Case(L, lic(XK_YXQZ=D(2019, 11, 1)), "XK_YXQZ"),
    # amounts
    "FINE_AMOUNT_REQUIRED": Case(P, pen(CF_NR_FK=None), "CF_NR_FK"),
    "CONFISCATION_AMOUNT_REQUIRED": Case(P, pen(CF_CFLB="没收违法所得、没收非法财物", CF_NR="没收违法所得", CF_NR_FK=None),
                                         "CF_NR_WFFF"),
    "REVOKED_LICENCE_REQUIRED": Case(P, pen(CF_CFLB="吊销许可证件", CF_NR="吊销食品经营许可证", CF_NR_FK=None),
                                     "CF_NR_ZKDX"),
    "AMOUNT_INVALID": Case(P, pen(CF_NR_FK="两千元"), "CF_NR_FK"),
    "AMOUNT_NOT_POSITIVE": Case(P, pen(CF_NR_FK=0), "CF_NR_FK"),
    "AMOUNT_DECIMALS": Case(P, pen(CF_NR_FK="0.20000001"), "CF_NR_FK"),
    "FINE_UNIT_MISMATCH": Case(P, pen(CF_NR_FK=2000), "CF_NR_FK"),
    "FINE_AMOUNT_MISMATCH": Case(P, pen(CF_NR_FK=0.3), "CF_NR_FK"),
    "FINE_WITHOUT_CATEGORY": Case(P, pen(CF_CFLB="警告", CF_NR="警告"), "CF_NR_FK"),
    # content, duplicates
    "CONTENT_WITHOUT_PENALTY": Case(P, pen(CF_NR="依法作出行政处罚，详见处罚决定书"), "CF_NR"),
    "DUPLICATE_RECORD": Case(P, lambda: [dict(PENALTY_ORG, CF_WSH="中市监罚〔2019〕777号")] * 2, "CF_WSH", 1),
    "DUPLICATE_ACROSS_FILES": Case(P, list, None, make=_across_files),
    # privacy, length, normalization
    "PRIVACY_ID_NUMBER": Case(P, pen(CF_SY=f"当事人王建军（身份证号{PERSON_ID}）销售超过保质期的食品。"), "CF_SY"),
    "PRIVACY_MOBILE": Case(P, pen(CF_SY="当事人（联系电话13803711234）销售超过保质期的食品。"), "CF_SY"),
    "LENGTH_EXCEEDED": Case(P, pen(CF_XDR_MC="鑫" * 201), "CF_XDR_MC"),
    "TEXT_WHITESPACE": Case(P, pen(CF_WFXW=" 销售超过保质期的食品"), "CF_WFXW"),
    "TEXT_FULLWIDTH": Case(P, pen(CF_WFXW="销售超过保质期的食品（ＡＢＣ）"), "CF_WFXW"),
    # timeliness on 790 sheets
    "DEADLINE_PASSED": Case(P, pen(), None, None, opts=SUBMIT, check_row=False),
    "PUBLICATION_PERIOD": Case(P, pen(CF_GSJZQ=D(2019, 12, 5)), "CF_GSJZQ"),
    # each reason minor_reason gives: 警告 only, 简易程序 written in 处罚内容 / 违法事实 / 备注, a fine within the limit
    "PUBLICATION_NOT_REQUIRED": Case(P, lambda: [dict(PENALTY_PERSON, **NEW_REGIME, CF_WSH=f"中市监罚〔2026〕{90 + i}号",
                                                      **change) for i, change in enumerate([
        {}, *({"CF_CFLB": "罚款", "CF_NR": "罚款5万元", "CF_NR_FK": 5, code: text + "（简易程序）"}
              for code, text in (("CF_NR", "罚款5万元"), ("CF_SY", "销售过期食品"), ("BZ", "当场处罚"))),
        {"CF_CFLB": "罚款", "CF_NR": "罚款100元", "CF_NR_FK": 0.01}])], "CF_CFLB", opts=(("today", D(2026, 4, 10)),),
        every=True),
    "SEVERITY_INVALID": Case(P, lambda: [dict(PENALTY_ORG, **{SEVERITY: "很严重"})], SEVERITY,
                             columns=(*P_COLUMNS, SEVERITY)),
    "CALENDAR_NO_DATA": Case(P, lambda: [dict(PENALTY_ORG, **NO_DATA)], None, None, opts=(("today", D(2031, 4, 1)),),
                             check_row=False),
    "CALENDAR_PROVISIONAL": Case(P, lambda: [dict(PENALTY_ORG, **NO_DATA)], None, None,
                                 opts=(("today", D(2031, 4, 1)), ("provisional", True)), check_row=False),
    # the ledger (annex.py, timeliness on the ledger)
    "LEDGER_SEQUENCE": Case("ledger", ledger({}, {"XH": 3}), "XH", 1, alone=True),
    "DUPLICATE_WSH": Case("ledger", lambda: [dict(LEDGER_ROW, XH=1), dict(LEDGER_ROW, XH=2)], "WSH", 1, alone=True),
    "LATE_REPORT": Case("ledger", ledger({"BSRQ": LATE_DAY}), "BSRQ", opts=(("today", D(2019, 11, 25)),), alone=True),
    "LATE_PUSH": Case("ledger", ledger({"TSRQ": LATE_DAY}), "TSRQ", opts=(("today", D(2019, 11, 25)),), alone=True),
    "NOT_REPORTED_OVERDUE": Case("ledger", ledger({"BSRQ": None}), "BSRQ", opts=(("today", D(2019, 11, 25)),),
                                 alone=True),
    "REPORT_DATE_FUTURE": Case("ledger", ledger({"BSRQ": D(2019, 11, 12)}), "BSRQ", alone=True),
    # the liaison list
    "PHONE_INVALID": Case("liaison", lambda: [LIAISON_LEAD, dict(LIAISON_SECOND, BGDH="6717")], "BGDH", 1, alone=True),
    "MOBILE_INVALID": Case("liaison", lambda: [LIAISON_LEAD, dict(LIAISON_SECOND, SJ="1380371123")], "SJ", 1,
                           alone=True),
    "EMAIL_INVALID": Case("liaison", lambda: [LIAISON_LEAD, dict(LIAISON_SECOND, YX="zz#163.com")], "YX", 1,
                          alone=True),
    "LIAISON_EMPTY": Case("liaison", list, None, None, alone=True),
    "LIAISON_LEAD_INCOMPLETE": Case("liaison", lambda: [dict(LIAISON_LEAD, ZW=None), LIAISON_SECOND], None,
                                    alone=True),
    # the objection register (3 working days; today 2019-11-12)
    "OBJECTION_LATE": Case("objection", lambda: [dict(OBJ, BJRQ=D(2019, 11, 8), TBRQ=D(2019, 11, 8))], "BJRQ",
                           opts=(("today", D(2019, 11, 12)),), alone=True),
    "OBJECTION_SYNC_LATE": Case("objection", lambda: [dict(OBJ, TBRQ=D(2019, 11, 8))], "TBRQ",
                                opts=(("today", D(2019, 11, 12)),), alone=True),
    "OBJECTION_OVERDUE": Case("objection", lambda: [dict(OBJ, BJRQ=None, TBRQ=None, CLJG=None)], "BJRQ",
                              opts=(("today", D(2019, 11, 12)),), alone=True),
    "OBJECTION_NOT_SYNCED": Case("objection", lambda: [dict(OBJ, TBRQ=None)], "TBRQ",
                                 opts=(("today", D(2019, 11, 12)),), alone=True),
    "OBJECTION_DEADLINE_MISMATCH": Case("objection", lambda: [dict(OBJ, CLQX=D(2019, 11, 6))], "CLQX",
                                        opts=(("today", D(2019, 11, 12)),), alone=True),
    # the 报送登记表
    "REGISTER_REPORT_EARLY": Case("register", list, None, make=_register(
        [{"DWMC": "中牟县市场监督管理局", "MLBS": D(2026, 3, 12), "YB09": D(2026, 9, 30)}], (2, "D")),
        opts=(("today", D(2026, 10, 20)),)),
    "REGISTER_UNIT_DUPLICATE": Case("register", list, None, make=_register(
        [{"DWMC": "中牟县市场监督管理局"}, {"DWMC": "中牟县市场监督管理局"}], (3, "A")),
        opts=(("today", D(2026, 10, 20)),)),
    "REGISTER_UNIT_UNKNOWN": Case("register", list, None, make=_register_unknown, opts=(("today", D(2026, 10, 20)),)),
    # the 信用修复登记台账 (58号令 procedure: 10 working days to decide, 3 to take down; today 2025-11-10)
    "REPAIR_ID_MISSING": Case("repair", lambda: [dict(REP, XDR_SHXYM=None)], "XDR_SHXYM", opts=REP_TODAY, alone=True),
    "REPAIR_DECISION_INCOMPLETE": Case("repair", lambda: [dict(REP, JDRQ=None, CXRQ=None)], "JDRQ", opts=REP_TODAY,
                                       alone=True),
    "REPAIR_BEFORE_MINIMUM": Case("repair", lambda: [dict(REP, CFJDRQ=D(2025, 8, 1))], "SQRQ", opts=REP_TODAY,
                                  alone=True),
    "REPAIR_DECISION_LATE": Case("repair", lambda: [dict(REP, JDRQ=D(2025, 10, 16), CXRQ=D(2025, 10, 17))], "JDRQ",
                                 opts=REP_TODAY, alone=True),
    "REPAIR_DECISION_OVERDUE": Case("repair", lambda: [dict(REP, XFJD=None, JDRQ=None, XFJG=None, CXRQ=None)], "XFJD",
                                    opts=REP_TODAY, alone=True),
    "REPAIR_TAKEDOWN_LATE": Case("repair", lambda: [dict(REP, CXRQ=D(2025, 10, 17))], "CXRQ", opts=REP_TODAY,
                                 alone=True),
    "REPAIR_TAKEDOWN_OVERDUE": Case("repair", lambda: [dict(REP, CXRQ=None)], "CXRQ", opts=REP_TODAY, alone=True),
}


def _x_id() -> str:
    """A valid ID number whose check character is X."""
    from conftest import make_ric

    for seq in range(100, 1000):
        got = make_ric("410122", "19850312", str(seq))
        if got.endswith("X"):
            return got
    raise AssertionError


def _orgcode_in_uscc() -> str:
    """A USCC whose embedded 组织机构代码 has a wrong check character (the USCC's own check digit right)."""
    from sgs_cli.codes import uscc

    body = ORG_USCC[:16] + wrong_last(ORG_USCC[:17])[-1]
    return body + uscc.calc_check_digit(body)


# the checks of issue 26 (rules/consistency.py, docno.py, encoding.py, divisions.py, columns.py)
CASES["CONTENT_PENALTY_NOT_IN_CATEGORY"] = Case(P, pen(CF_CFLB="警告", CF_NR="警告；罚款28000元。", CF_NR_FK=None), "CF_CFLB")
CASES["CATEGORY_NOT_IN_CONTENT"] = Case(P, pen(CF_CFLB="警告；罚款", CF_NR="给予警告"), "CF_NR")
CASES["CATEGORY_SEE_EMPTY"] = Case(P, list, None, make=_legacy_see_empty)
CASES["NO_PENALTY_WITH_PENALTY"] = Case(P, pen(CF_WSH="京海市监不罚〔2021〕12号"), "CF_WSH")
CASES["CONFISCATION_AMOUNT_MISMATCH"] = Case(P, pen(CF_CFLB="罚款；没收违法所得、没收非法财物",
                                                    CF_NR="1.没收违法所得825元；2.罚款2000元", CF_NR_WFFF=0.825),
                                             "CF_NR_WFFF")
CASES["COLUMNS_SWAPPED"] = Case(P, pen(CF_CFLB="北京食药监局", CF_CFJG="罚款"), "CF_CFJG")
CASES["WSH_BRACKET"] = Case(P, pen(CF_WSH="中市监罚【2019】211号"), "CF_WSH")
CASES["WSH_NOT_A_NUMBER"] = Case(P, pen(CF_WSH="未经备案网站提供互联网接入服务"), "CF_WSH")
CASES["TEXT_MOJIBAKE"] = Case(L, lic(XK_NR="准予" + "\ufffd" * 29 + "经营许可"), "XK_NR")
CASES["DIVISION_CODE_INVALID"] = Case(P, pen(DFBM="641200"), "DFBM", columns=(*P_COLUMNS, "DFBM"),
                                      header_text=(("DFBM", "地方编码"),), alone=True)
# 蓟县 120225 became 蓟州区 120119 in 2016 (国函〔2016〕104号): no code for a decision of 2019
CASES["DIVISION_CODE_ABOLISHED"] = Case(P, pen(DFBM="120225"), "DFBM", columns=(*P_COLUMNS, "DFBM"),
                                        header_text=(("DFBM", "地方编码"),), alone=True)
CASES["LEGACY_REQUIRED_MISSING"] = Case(P, list, None, make=_legacy_penalty)

CASES["USCC_ORGCODE"] = Case(P, lambda: [dict(PENALTY_ORG, CF_XDR_SHXYM=_orgcode_in_uscc())], "CF_XDR_SHXYM")


# ------------------------------------------------------------------------------------------- running

def _column(case: Case, code: str | None) -> str | None:
    if code is None:
        return None
    columns = list(case.columns) if case.columns else [f.code for f in SPECS[case.kind].fields]
    return column_letter(columns.index(code))


def _groups() -> list[tuple[tuple, list[str]]]:
    """Cases sharing a sheet: record cases of one setup together, each ``alone`` or custom case apart."""
    out = []
    for key, names in groupby(sorted(CASES, key=lambda n: repr(CASES[n].setup())), key=lambda n: CASES[n].setup()):
        names = list(names)
        if CASES[names[0]].alone or CASES[names[0]].make:
            out.extend((key, [n]) for n in names)
        else:
            out.append((key, names))
    return out


def _run(names: list[str], folder: Path) -> list[tuple[str, int | None, str | None, tuple]]:
    """Write the sheet of these cases, validate it, and return (code, row, column, what was expected)."""
    first = CASES[names[0]]
    opts = ValidateOptions(**dict((("today", TODAY),) + first.opts))
    if first.make is not None:
        made, (row, col) = first.make(first, folder)
        found = made if made and not isinstance(made[0], Path) else \
            [f for fr in validate_paths(made, opts).files for s in fr.sheets for f in s.findings]
        return [(f.code, f.row, f.column, (names[0], row, col)) for f in found]
    rows, expect = [], []
    for name in names:
        case = CASES[name]
        got = case.rows()
        start = len(rows)
        for i, r in enumerate(got):
            r = dict(r)
            if case.kind == P and len(got) == 1 and "CF_WSH" in r and case.field != "CF_WSH":
                r["CF_WSH"] = f"中市监罚〔2019〕{1000 + start + i}号"  # a decision of its own (unless the 文号 is the case)
            if case.kind == L and len(got) == 1:
                r["XK_WSH"] = f"中市监食许〔2019〕{1000 + start + i}号"
            rows.append(r)
        header = 1
        for at in range(len(got)) if case.every else [case.at]:
            expect.append((name, None if at is None else header + 1 + start + at, _column(case, case.field)))
    path = write_sheet(folder / f"{names[0]}.xlsx", first.kind, rows, columns=list(first.columns) if first.columns else None,
                       header_text=dict(first.header_text))
    fr = validate_file(path, opts)
    assert fr.error is None, fr.error
    found = [f for s in fr.sheets for f in s.findings]
    return [(f.code, f.row, f.column, e) for e in expect for f in found if f.code == e[0]] + \
        [(None, None, None, e) for e in expect if not any(f.code == e[0] for f in found)]


def _hits(results) -> dict[str, bool]:
    """Per case: a finding of its code at each expected row and column."""
    each: dict[tuple, bool] = {}
    for code, row, col, (name, want_row, want_col) in results:
        case = CASES[name]
        ok = code == name and col == want_col and (not case.check_row or row == (want_row if want_row else row))
        if case.at is None and case.make is None and code == name:  # a header-row or sheet-level finding
            ok = col == want_col and (not case.check_row or row == 1)
        each[name, want_row] = each.get((name, want_row), False) or ok
    hits: dict[str, bool] = {}
    for (name, _), ok in each.items():
        hits[name] = hits.get(name, True) and ok
    return hits


GROUPS = _groups()


def test_every_code_has_a_generator():
    assert sorted(CASES) == sorted(CATALOGUE), set(CATALOGUE) ^ set(CASES)


@pytest.mark.parametrize("key,names", GROUPS, ids=[ns[0] if len(ns) == 1 else f"{ns[0]}+{len(ns) - 1}" for _, ns in GROUPS])
def test_each_generator_raises_its_code_at_its_cell_in_both_engines(key, names, tmp_path, isolated_sgs_env, monkeypatch):
    from strict import strict_engines

    strict_engines(monkeypatch)
    monkeypatch.chdir(tmp_path)
    hits = _hits(_run(names, tmp_path))
    assert {n: hits.get(n, False) for n in names} == {n: True for n in names}
