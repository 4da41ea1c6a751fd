"""A month (2026-09) of three departments' ledgers and two 事项目录 with loosely written item names, for
tests/reports/test_catalog_match.py (library, CLI, monthly report) and tests/web/test_office_catalog.py.

事项目录/事项目录_市场监管局.xlsx (中牟县市场监督管理局):
  row 3  行政许可 食品经营许可（含仅销售预包装食品备案）
  row 4  行政许可 药品经营许可证核发
  row 5  行政处罚 对经营超过保质期食品的处罚
  row 6  行政处罚 对未取得食品经营许可从事食品经营活动的行政处罚
  row 7  行政许可 特种设备使用登记                      (its decision is in August: 本月无决定)
事项目录/事项目录_统计局.xlsx (written “县统计局”, joined by department_key):
  row 3  行政处罚 对拒报统计资料的处罚
  row 4  行政处罚 对提供不真实统计资料的处罚               (本月无决定)
  row 5  行政检查 统计执法检查                            (not 许可/处罚: not compared)
台账/市场监管局台账.xlsx (September unless said):
  row 3  中市监许〔2026〕131号 特种设备使用登记   08-03  (not in the month)
  row 4  中市监许〔2026〕150号 食品经营许可       → row 3 (1.00)
  row 5  中市监许〔2026〕151号 药品经营许可　     → row 4 (1.00; full-width space)
  row 6  中市监罚〔2026〕30号  销售超过保质期的食品案 → none: 经营超过保质期食品 0.78
  row 7  中市监罚〔2026〕31号  城关食品店未取得食品经营许可从事食品经营活动案 → row 6 (1.00)
  row 8  中市监罚〔2026〕32号  无照经营案          → none
台账/统计局台账.xlsx:  牟统罚〔2026〕4号 拒报统计资料案 09-09 → 对拒报统计资料的处罚 (1.00)
台账/交通运输局台账.xlsx: 牟交罚〔2026〕7号 超限运输案 09-10 (no catalogue)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from county_quarter import JT, SJ, TJ, _ledger_rows, _write

D = dt.date
MONTH = (2026, 9)
TODAY = dt.date(2026, 10, 20)
LEDGER_CODES = ["XH", "WSH", "XMMC", "JDRQ", "BSRQ", "LB", "KS"]
CATALOG_CODES = ["XH", "BM", "ZQLB", "XMMC", "SDYJ", "XDR"]
SJ_ROWS = [
    ("中市监许〔2026〕131号", "特种设备使用登记", D(2026, 8, 3), D(2026, 8, 5), "行政许可", "特种设备科"),
    ("中市监许〔2026〕150号", "食品经营许可", D(2026, 9, 7), D(2026, 9, 9), "行政许可", "食品经营科"),
    ("中市监许〔2026〕151号", "药品经营许可\u3000", D(2026, 9, 8), D(2026, 9, 9), "行政许可", "药品科"),
    ("中市监罚〔2026〕30号", "销售超过保质期的食品案", D(2026, 9, 14), D(2026, 9, 18), "行政处罚", "执法稽查大队"),
    ("中市监罚〔2026〕31号", "城关食品店未取得食品经营许可从事食品经营活动案", D(2026, 9, 15), D(2026, 9, 18), "行政处罚",
     "执法稽查大队"),
    ("中市监罚〔2026〕32号", "无照经营案", D(2026, 9, 16), D(2026, 9, 18), "行政处罚", "执法稽查大队"),
]
SJ_ITEMS = [("行政许可", "食品经营许可（含仅销售预包装食品备案）"), ("行政许可", "药品经营许可证核发"),
            ("行政处罚", "对经营超过保质期食品的处罚"), ("行政处罚", "对未取得食品经营许可从事食品经营活动的行政处罚"),
            ("行政许可", "特种设备使用登记")]
TJ_ITEMS = [("行政处罚", "对拒报统计资料的处罚"), ("行政处罚", "对提供不真实统计资料的处罚"), ("行政检查", "统计执法检查")]


def _catalog(path: Path, dept: str, items) -> Path:
    rows = [{"XH": n, "BM": dept, "ZQLB": k, "XMMC": name, "SDYJ": "【法律】《中华人民共和国行政许可法》第十二条",
             "XDR": "法人和其他组织"} for n, (k, name) in enumerate(items, start=1)]
    return _write(path, "catalog", rows, CATALOG_CODES, title="行政许可和行政处罚事项目录", sheet="目录")


def write_catalogues(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _catalog(folder / "事项目录_市场监管局.xlsx", SJ, SJ_ITEMS)
    _catalog(folder / "事项目录_统计局.xlsx", "县统计局", TJ_ITEMS)
    return folder


def write_ledgers(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "市场监管局台账.xlsx", "ledger", _ledger_rows(SJ_ROWS), LEDGER_CODES,
           title=f"{SJ}行政许可和行政处罚台账（2026年1-9月）", sheet="台账")
    _write(folder / "统计局台账.xlsx", "ledger",
           _ledger_rows([("牟统罚〔2026〕4号", "拒报统计资料案", D(2026, 9, 9), D(2026, 9, 14), "行政处罚", "")]),
           LEDGER_CODES, title=f"{TJ}行政许可和行政处罚台账（2026年1-9月）", sheet="台账")
    _write(folder / "交通运输局台账.xlsx", "ledger",
           _ledger_rows([("牟交罚〔2026〕7号", "超限运输案", D(2026, 9, 10), D(2026, 9, 14), "行政处罚", "")]),
           LEDGER_CODES, title=f"{JT}行政许可和行政处罚台账（2026年1-9月）", sheet="台账")
    return folder


#: the 事项目录 of 中牟县市场监督管理局 for examples/ (README's `sgs reconcile` lines; 卫健委 has none): items as
#: the county's catalogue words them, not tuned to the examples' names
EXAMPLE_ITEMS = [
    ("行政许可", "食品经营许可"), ("行政许可", "药品经营许可证核发"), ("行政许可", "特种设备使用登记"),
    ("行政许可", "特种设备作业人员资格认定"), ("行政许可", "企业名称预先核准"), ("行政许可", "企业设立、变更、注销登记"),
    ("行政许可", "食品小经营店登记"), ("行政许可", "医疗器械经营许可"),
    ("行政处罚", "对使用未经检验的特种设备的处罚"), ("行政处罚", "对使用未经检定的计量器具的处罚"),
    ("行政处罚", "对经营超过保质期的食品的处罚"), ("行政处罚", "对销售不合格产品的处罚"),
    ("行政处罚", "对未取得营业执照擅自从事经营活动的处罚"), ("行政处罚", "对发布违法广告的处罚"),
    ("行政处罚", "对经营者不按规定明码标价的处罚"), ("行政处罚", "对未凭处方销售处方药的处罚"),
    ("行政处罚", "对提交虚假材料取得公司登记的处罚"), ("行政处罚", "对销售侵犯注册商标专用权的商品的处罚"),
    ("行政处罚", "对生产经营标签不符合规定的预包装食品的处罚"),
    ("行政处罚", "对食品生产经营者生产经营条件发生变化未按规定报告的处罚"),
    ("行政处罚", "对餐具、饮具未按规定清洗消毒的处罚"), ("行政处罚", "对未取得食品生产许可从事食品生产活动的处罚"),
]


def write_example_catalogue(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return _catalog(folder / "事项目录_市场监管局.xlsx", SJ, EXAMPLE_ITEMS)
