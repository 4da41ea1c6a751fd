"""应归尽归 matching (reports/catalog_match.match) at a county's scale: one department with N catalogue items and
M decisions of the month, every decision name different (case names carry the party's name), generated from
phrases of real 市场监管 catalogues. Times match() alone (no file is read) and checks, on a sample, that the
indexed search gives the same items and scores as scoring every item.

    python bench/catalog.py --items 1000 --decisions 2000 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from sgs_cli.reports.catalog_match import Department, Item, match, normalise, similarity
from sgs_cli.reports.decisions import Decision

SUBJECTS = ["经营者", "食品生产经营者", "生产者", "销售者", "使用单位", "", "", ""]
ACTS = ["未取得", "超过", "使用未经检验的", "销售", "生产", "经营", "擅自", "伪造", "涂改", "出租", "出借", "未按规定",
        "拒绝", "隐匿", "转移", "不按规定"]
OBJECTS = ["食品经营许可", "保质期的食品", "特种设备", "计量器具", "预包装食品标签", "处方药", "医疗器械", "营业执照",
           "注册商标专用权的商品", "明码标价", "违法广告", "农药残留超标的食用农产品", "进口食品中文标签", "产品标识",
           "化妆品", "工业产品生产许可证", "检验检测报告", "电梯维护保养", "网络交易平台", "餐具饮具清洗消毒",
           "食品添加剂", "认证证书", "价格欺诈", "合同格式条款", "商品条码", "危险化学品", "健康证明", "公司登记材料"]
TAILS = ["", "从事经营活动", "进行生产", "的行为", "从事食品经营", "发生变化未报告"]
PARTIES = ["中牟县", "郑州", "河南"]


def phrase(rng: random.Random) -> str:
    return rng.choice(ACTS) + rng.choice(OBJECTS) + rng.choice(TAILS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--decisions", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", type=int, default=200, help="decisions checked against scoring every item")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    dept = Department("中牟县市场监督管理局", "事项目录.xlsx › 目录")
    dept.items = [Item(dept.name, "penalty", f"对{rng.choice(SUBJECTS)}{phrase(rng)}的处罚", f"第{n + 3}行")
                  for n in range(a.items)]
    decided = [Decision("台账.xlsx", "台账", n + 3, "penalty", f"中市监罚〔2026〕{n + 1}号",
                        f"{rng.choice(PARTIES)}{rng.randrange(10**6)}有限公司{phrase(rng)}案", dept.name,
                        dt.date(2026, 9, 1), None, True) for n in range(a.decisions)]
    t, cpu = time.perf_counter(), time.process_time()
    rep = match(decided, {"市场监管局": dept}, "2026年9月")
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    d = rep.departments[0]
    print(f"items {a.items}, decisions {a.decisions}: match() {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"({cpu / a.decisions * 1000:.1f} ms CPU per decision); matched {d.matched}, unmatched {d.unmatched}, "
          f"unused items {d.unused_items}")
    got = {(m["wsh"]): (m["score"], m["item"]) for m in rep.matches}
    got.update({u["wsh"]: (u["hints"][0]["score"], u["hints"][0]["item"]) for u in rep.unmatched})
    bad = 0
    for dec in decided[: a.check]:
        name = normalise(dec.title)
        best = max(dept.items, key=lambda i: (similarity(name, i.key), -dept.items.index(i)))
        if got[dec.wsh] != (similarity(name, best.key), best.name):
            bad += 1
    print(f"checked {min(a.check, a.decisions)} decisions against scoring every item: {bad} differ")


if __name__ == "__main__":
    main()
