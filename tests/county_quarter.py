"""A county's third quarter of 2026, as the credit office's folder holds it at the statistics date
2026-10-20 (Tuesday): three roster departments, cumulative ledgers (a department's 台账 holds the whole
year), an older version of one ledger left in the folder, 联络员名单 and 事项目录 files, a plain roster and
the office's 报送登记表. Used by tests/reports/test_quarterly.py and tests/reports/test_assessment.py, and by
``python tests/county_quarter.py FOLDER`` to make the README's example.

2026 calendar: 8-15 is a Saturday (7月 report due 8-17), 9-20 (Sunday) is a 调休 working day, 9-25 中秋 and
10-01..10-07 国庆 are off. Deadline = 7th working day after the decision (the decision day not counted).

台账/市场监管局台账（1-9月）.xlsx — title "中牟县市场监督管理局行政许可和行政处罚台账（2026年1-9月）", 决定类别, 承办科室:
 row 文号                决定    期限    报送     status           科室        problem
  3  中市监许〔2026〕101号  06-25  07-06  06-29   按时 (June: not in Q3)  食品经营科
  4  中市监许〔2026〕120号  07-06  07-15  07-10   按时              食品经营科
  5  中市监罚〔2026〕15号   07-20  07-29  07-31   逾期 2 (30, 31)   执法稽查大队  LATE_REPORT
  6  中市监许〔2026〕131号  08-03  08-12  08-05   按时              药品科
  7  中市监罚〔2026〕22号   08-17  08-26  08-20   按时              执法稽查大队
  8  中市监许〔2026〕150号  09-07  09-16  —       已逾期未报送       食品经营科    NOT_REPORTED_OVERDUE
  9  中市监罚〔2026〕30号   09-14  09-22  09-18   按时 (9-20 调休)   执法稽查大队  REQUIRED_MISSING (项目名称)
台账/市场监管局台账（1-8月）.xlsx — the same department's August version (rows 3–7, row 5 reported 07-28):
superseded by the title month (2026年1-8月 < 2026年1-9月), never counted.
台账/统计局台账.xlsx — title "中牟县统计局行政许可和行政处罚台账（2026年1-9月）", no 决定类别 (kind from the 文号), 承办科室:
  3  牟统罚〔2026〕3号     07-08  07-17  07-16   按时              统计执法监督科
  4  牟统罚〔2026〕4号     09-09  09-18  09-24   逾期 5 (20 调休, 21–24) 统计执法监督科  LATE_REPORT
中牟县交通运输局: no file at all.

台账/联络员名单_市场监管局.xlsx (valid, lead complete); 台账/联络员名单_统计局.xlsx (lead without 邮箱:
LIAISON_LEAD_INCOMPLETE); 台账/事项目录_市场监管局.xlsx (valid, 2 items); 台账/事项目录_统计局.xlsx (行政职权类别
“行政检查”: ENUM_INVALID on C3).

报送登记表.xlsx (the office's register, row 2 onwards):
 单位          工作方案    推进计划    联络员      目录        目录更新    1–6月      7月    8月        9月
 市监局        03-10      —          03-10      03-12      08-20      each 10th  08-10  09-14      10-13
 统计局        —          —          03-15      03-15      —          each 10th  08-12  09-18 逾期  10-15
 交通局        —          04-01      04-01      —          —          each 10th  08-14  — 未收到   10-16 逾期
 中牟县教育局  (not in the roster: REGISTER_UNIT_UNKNOWN)
(月报告 due: 7月 8-17 (8-15 is a Saturday), 8月 9-15, 9月 10-15; months 1–6 received on the 10th of the next
month, all before their due dates.)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import openpyxl

D = dt.date
SJ, TJ, JT = "中牟县市场监督管理局", "中牟县统计局", "中牟县交通运输局"
TODAY = "2026-10-20"


def _write(path: Path, kind: str, rows: list[dict], codes: list[str], *, title: str | None = None,
           sheet: str = "Sheet1") -> Path:
    from sgs_cli import standard as S

    spec = S.BY_KIND[kind]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    head = [spec.by_code(c).name for c in codes]
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    ws.append(head)
    for rec in rows:
        ws.append([rec.get(c) for c in codes])
        for i in range(1, len(codes) + 1):
            cell = ws.cell(ws.max_row, i)
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy/mm/dd"
            elif isinstance(cell.value, str):
                cell.number_format = "@"
    wb.save(path)
    return path


def _ledger_rows(rows):
    return [{"XH": i, "WSH": w, "XMMC": t, "JDRQ": d, "BSRQ": r, "LB": lb, "KS": ks}
            for i, (w, t, d, r, lb, ks) in enumerate(rows, start=1)]


SJ_ROWS = [
    ("中市监许〔2026〕101号", "食品经营许可", D(2026, 6, 25), D(2026, 6, 29), "行政许可", "食品经营科"),
    ("中市监许〔2026〕120号", "食品经营许可", D(2026, 7, 6), D(2026, 7, 10), "行政许可", "食品经营科"),
    ("中市监罚〔2026〕15号", "销售过期食品案", D(2026, 7, 20), D(2026, 7, 31), "行政处罚", "执法稽查大队"),
    ("中市监许〔2026〕131号", "药品经营许可", D(2026, 8, 3), D(2026, 8, 5), "行政许可", "药品科"),
    ("中市监罚〔2026〕22号", "无照经营案", D(2026, 8, 17), D(2026, 8, 20), "行政处罚", "执法稽查大队"),
    ("中市监许〔2026〕150号", "食品经营许可", D(2026, 9, 7), None, "行政许可", "食品经营科"),
    ("中市监罚〔2026〕30号", None, D(2026, 9, 14), D(2026, 9, 18), "行政处罚", "执法稽查大队"),
]
TJ_ROWS = [
    ("牟统罚〔2026〕3号", "拒报统计资料案", D(2026, 7, 8), D(2026, 7, 16), None, "统计执法监督科"),
    ("牟统罚〔2026〕4号", "虚报统计数据案", D(2026, 9, 9), D(2026, 9, 24), None, "统计执法监督科"),
]
LEDGER_CODES = ["XH", "WSH", "XMMC", "JDRQ", "BSRQ", "LB", "KS"]


def write_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    new = _write(folder / "市场监管局台账（1-9月）.xlsx", "ledger", _ledger_rows(SJ_ROWS), LEDGER_CODES,
                 title=f"{SJ}行政许可和行政处罚台账（2026年1-9月）", sheet="台账")
    old_rows = list(SJ_ROWS[:5])
    old_rows[2] = old_rows[2][:3] + (D(2026, 7, 28),) + old_rows[2][4:]
    old = _write(folder / "市场监管局台账（1-8月）.xlsx", "ledger", _ledger_rows(old_rows), LEDGER_CODES,
                 title=f"{SJ}行政许可和行政处罚台账（2026年1-8月）", sheet="台账")
    os.utime(old, (1788000000, 1788000000))  # an older file date as well (2026-08-30)
    os.utime(new, (1790000000, 1790000000))  # 2026-09-22
    _write(folder / "统计局台账.xlsx", "ledger", _ledger_rows(TJ_ROWS), ["XH", "WSH", "XMMC", "JDRQ", "BSRQ", "KS"],
           title=f"{TJ}行政许可和行政处罚台账（2026年1-9月）", sheet="台账")
    liaison = ["DWMC", "XM", "ZW", "BGDH", "SJ", "YX", "BZ"]
    _write(folder / "联络员名单_市场监管局.xlsx", "liaison", [
        {"DWMC": SJ, "XM": "张雅丽", "ZW": "副局长", "BGDH": "0371-62171234", "SJ": "13803711234", "YX": "scjg@163.com",
         "BZ": "总体协调、信息报送、异议处理、信用修复审核"},
        {"DWMC": SJ, "XM": "李伟", "ZW": "科员", "BGDH": "0371-62171235", "SJ": "13803711235", "YX": "li@163.com",
         "BZ": "信息报送"}], liaison, title="信用信息管理联络员名单表", sheet="联络员")
    _write(folder / "联络员名单_统计局.xlsx", "liaison", [
        {"DWMC": TJ, "XM": "赵敏", "ZW": "科长", "BGDH": "0371-62171001", "SJ": "13803710001", "BZ": "总体协调"}],
        liaison, title="信用信息管理联络员名单表", sheet="联络员")
    catalog = ["XH", "BM", "ZQLB", "XMMC", "SDYJ", "XDR"]
    _write(folder / "事项目录_市场监管局.xlsx", "catalog", [
        {"XH": 1, "BM": SJ, "ZQLB": "行政许可", "XMMC": "食品经营许可",
         "SDYJ": "【法律】《中华人民共和国食品安全法》第三十五条", "XDR": "法人和其他组织"},
        {"XH": 2, "BM": SJ, "ZQLB": "行政处罚", "XMMC": "对经营超过保质期食品的处罚",
         "SDYJ": "【法律】《中华人民共和国食品安全法》第一百二十四条", "XDR": "法人和其他组织、自然人"}],
        catalog, title="行政许可和行政处罚事项目录", sheet="目录")
    _write(folder / "事项目录_统计局.xlsx", "catalog", [
        {"XH": 1, "BM": TJ, "ZQLB": "行政检查", "XMMC": "统计执法检查",
         "SDYJ": "【法律】《中华人民共和国统计法》第三十五条", "XDR": "法人和其他组织"}],
        catalog, title="行政许可和行政处罚事项目录", sheet="目录")
    return folder


def write_roster(path: Path) -> Path:
    from sgs_cli.render.templates import write_roster_template

    write_roster_template(path, overwrite=True)
    wb = openpyxl.load_workbook(path)
    ws = wb["单位名单"]
    for i, (name, short) in enumerate(((SJ, "市场监管局"), (TJ, "统计局"), (JT, "交通运输局")), start=2):
        ws.cell(i, 1, i - 1)
        ws.cell(i, 2, name)
        ws.cell(i, 3, short)
    wb.save(path)
    return path


def write_register(path: Path) -> Path:
    early = {f"YB{m:02d}": D(2026, m + 1, 10) for m in range(1, 7)}
    rows = [
        {"DWMC": SJ, "GZFA": D(2026, 3, 10), "LLY": D(2026, 3, 10), "MLBS": D(2026, 3, 12), "MLGX": D(2026, 8, 20),
         **early, "YB07": D(2026, 8, 10), "YB08": D(2026, 9, 14), "YB09": D(2026, 10, 13)},
        {"DWMC": TJ, "LLY": D(2026, 3, 15), "MLBS": D(2026, 3, 15),
         **early, "YB07": D(2026, 8, 12), "YB08": D(2026, 9, 18), "YB09": D(2026, 10, 15), "BZ": "8月月报告逾期"},
        {"DWMC": JT, "TJJH": D(2026, 4, 1), "LLY": D(2026, 4, 1),
         **early, "YB07": D(2026, 8, 14), "YB09": D(2026, 10, 16), "BZ": "暂无工作方案，报送推进计划"},
        {"DWMC": "中牟县教育局", "GZFA": D(2026, 3, 20)},
    ]
    from sgs_cli.standard import REGISTER

    return _write(path, "register", rows, [f.code for f in REGISTER.fields], sheet="报送登记表")


JT_DECEMBER = [  # the annual assessment is written in January: December's last decision is due in 2027, whose
    # holidays are not known yet (the built-in calendar ends with 2026): 待定 until the notice is out
    ("牟交罚〔2026〕2号", "超限运输案", D(2026, 12, 2), D(2026, 12, 8), "行政处罚", "运政执法科"),
    ("牟交许〔2026〕8号", "道路运输经营许可", D(2026, 12, 28), D(2027, 1, 6), "行政许可", "行政审批科"),
]


def write_december(folder: Path) -> Path:
    """交通运输局's ledger of December (two decisions, one of them 待定 in January 2027)."""
    return _write(folder / "交通运输局台账（12月）.xlsx", "ledger", _ledger_rows(JT_DECEMBER), LEDGER_CODES,
                  title=f"{JT}行政许可和行政处罚台账（2026年12月）", sheet="台账")


def write_all(base: Path) -> dict:
    base.mkdir(parents=True, exist_ok=True)
    return {"folder": write_folder(base / "台账"), "roster": write_roster(base / "单位名单.xlsx"),
            "register": write_register(base / "报送登记表.xlsx")}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    print(write_all(Path(sys.argv[1])))
