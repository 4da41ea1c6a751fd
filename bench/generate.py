"""Deterministic generator of 790 行政处罚 / 行政许可 ledgers for benchmarking `sgs validate`.

    python bench/generate.py --rows 10000 --kind penalty --out bench/out/ [--seed 790] [--year 2024]

writes, from ONE pass over the rows (streaming, bounded memory):

* ``<name>.inline.xlsx``  — sheet XML streamed with zipfile, every string an inline string
  (``t="inlineStr"``), like xlsxwriter's constant_memory mode (``--inline-writer xlsxwriter`` uses
  xlsxwriter itself: slower, same cells);
* ``<name>.shared.xlsx``  — same cells, strings in a shared-string table (as Excel/WPS save);
* ``<name>.csv``          — same rows, UTF-8 with BOM, everything as text;
* ``<name>.expected.json`` — the violations injected: counts per rule code and (row, column, code).

``<name>`` defaults to ``<kind>_<rows>``. Headers are the canonical names of the standard declaration
(``sgs_cli.standard``). Values are realistic: valid USCCs (GB 32100 check character over an embedded
GB 11714 组织机构代码), real 行政区划 codes, Chinese names, a 法人及非法人组织 / 个体工商户 / 自然人 mix with
the R1–R4 emptiness, valid ID numbers (GB 11643) and 工商注册号 (GS15, ISO 7064 MOD 11,10), dates in one
year (about 60 % as date cells, the rest as 'YYYY/MM/DD' text), code columns as text, 罚款金额 in 万元
equal to the "罚款N元" of 处罚内容.

Exactly one row in every block of 100 (1 %) carries exactly ONE violation; the kinds rotate
round-robin (18 penalty kinds, 15 licence kinds), each mapped to one expected rule code at one cell.
Check digits are computed by this file's own implementation (checked against the vectors of
docs/standard.md §5 at import), not by sgs_cli.codes, so the benchmark does not share the engine's bugs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path

from sgs_cli.standard import LICENSE, PENALTY

# ------------------------------------------------------------------------------------ check digits

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_INDEX = {c: i for i, c in enumerate(USCC_ALPHABET)}
_USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_W = (3, 7, 9, 10, 5, 8, 4, 2)
_RIC_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
PLACEHOLDER = "00000000000000000X"


def uscc_check(body17: str) -> str:
    return USCC_ALPHABET[(31 - sum(_USCC_INDEX[c] * w for c, w in zip(body17, _USCC_W)) % 31) % 31]


def org_check(body8: str) -> str:
    r = 11 - sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, _ORG_W)) % 11
    return "X" if r == 10 else "0" if r == 11 else str(r)


def ric_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, _RIC_W)) % 11]


def gs15_check(body14: str) -> str:
    p = 10
    for c in body14:
        s = (int(c) + p) % 10 or 10
        p = (2 * s) % 11
    return str((11 - p) % 10)


def ric_valid(s: str) -> bool:
    if len(s) != 18 or not s[:17].isdigit():
        return False
    try:
        dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return 1890 <= int(s[6:10]) and ric_check(s[:17]) == s[17]


# docs/standard.md §5 test vectors
assert uscc_check("91110000600037341") == "L" and uscc_check("91230500MA1B3N1N2") == "M"
assert uscc_check("11230500001755309") == "F" and uscc_check("00000000000000000") == "0"
assert org_check("60003734") == "1"
assert ric_check("36042619910101007") == "1"
assert gs15_check("11010800000001") == "6"

# ------------------------------------------------------------------------------------ vocabularies

# (行政区划代码, city prefix, district, province abbreviation) — real county-level codes
REGIONS = [
    ("110101", "北京市", "东城区", "京"), ("110102", "北京市", "西城区", "京"), ("110105", "北京市", "朝阳区", "京"),
    ("110108", "北京市", "海淀区", "京"), ("120101", "天津市", "和平区", "津"), ("120104", "天津市", "南开区", "津"),
    ("130102", "石家庄市", "长安区", "冀"), ("130203", "唐山市", "路北区", "冀"), ("140105", "太原市", "小店区", "晋"),
    ("150102", "呼和浩特市", "新城区", "蒙"), ("210102", "沈阳市", "和平区", "辽"), ("210202", "大连市", "中山区", "辽"),
    ("220102", "长春市", "南关区", "吉"), ("230102", "哈尔滨市", "道里区", "黑"), ("310101", "上海市", "黄浦区", "沪"),
    ("310104", "上海市", "徐汇区", "沪"), ("310115", "上海市", "浦东新区", "沪"), ("320102", "南京市", "玄武区", "苏"),
    ("320505", "苏州市", "虎丘区", "苏"), ("320506", "苏州市", "吴中区", "苏"), ("330102", "杭州市", "上城区", "浙"),
    ("330106", "杭州市", "西湖区", "浙"), ("330203", "宁波市", "海曙区", "浙"), ("340104", "合肥市", "蜀山区", "皖"),
    ("350102", "福州市", "鼓楼区", "闽"), ("350203", "厦门市", "思明区", "闽"), ("360102", "南昌市", "东湖区", "赣"),
    ("370102", "济南市", "历下区", "鲁"), ("370202", "青岛市", "市南区", "鲁"), ("410105", "郑州市", "金水区", "豫"),
    ("410702", "新乡市", "红旗区", "豫"), ("420106", "武汉市", "武昌区", "鄂"), ("430104", "长沙市", "岳麓区", "湘"),
    ("440103", "广州市", "荔湾区", "粤"), ("440106", "广州市", "天河区", "粤"), ("440304", "深圳市", "福田区", "粤"),
    ("440305", "深圳市", "南山区", "粤"), ("450103", "南宁市", "青秀区", "桂"), ("460106", "海口市", "龙华区", "琼"),
    ("500103", "重庆市", "渝中区", "渝"), ("510104", "成都市", "锦江区", "川"), ("510107", "成都市", "武侯区", "川"),
    ("520102", "贵阳市", "南明区", "黔"), ("530102", "昆明市", "五华区", "云"), ("540102", "拉萨市", "城关区", "藏"),
    ("610113", "西安市", "雁塔区", "陕"), ("620102", "兰州市", "城关区", "甘"), ("630102", "西宁市", "城东区", "青"),
    ("640104", "银川市", "兴庆区", "宁"), ("650102", "乌鲁木齐市", "天山区", "新"),
]
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志海燕玉红梅文斌晓东雪俊浩然欣怡宇轩子涵思远嘉琪佳"
         "慧鹏飞婷秀英德福春生秋菊永康立新振宇雅琴宏伟淑珍玉珍金凤凯旭晨阳")
BRANDS = ("恒达", "宏发", "鑫源", "华泰", "金鼎", "瑞丰", "永盛", "新锐", "博远", "汇通", "中科", "天成", "福瑞", "佳禾",
          "润泽", "锦程", "德隆", "康宁", "盛世", "海川", "顺景", "同创", "安泰", "嘉和", "弘毅", "联丰", "兴业", "信达",
          "众和", "光华", "凯旋", "明珠", "万象", "远航", "正通", "协力", "精诚", "百川", "长青", "东升")
TRADES = ("商贸", "科技", "食品", "餐饮管理", "建筑工程", "物流", "医药", "环保科技", "电子", "服装", "农业发展",
          "房地产开发", "汽车销售", "文化传媒", "机械制造", "化工", "建材", "印务", "家具", "网络科技", "超市", "酒店管理")
COMPANY_SUFFIX = ("有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司")
SHOPS = ("便利店", "小吃店", "五金店", "副食店", "理发店", "水果店", "烟酒店", "饭店", "日用品店", "服装店", "汽车修理部",
         "早餐店", "面馆", "超市", "蔬菜店", "干洗店")
# (dept name, abbreviation in 文书号)
DEPTS = (("市场监督管理局", "市监"), ("生态环境局", "环"), ("应急管理局", "应急"), ("卫生健康委员会", "卫"),
         ("城市管理综合行政执法局", "城管"), ("交通运输局", "交"), ("文化和旅游局", "文旅"))

PRODUCTS = ("散装白砂糖", "鲜猪肉", "韭菜", "豆芽", "桶装饮用水", "月饼", "调味面制品", "白酒", "食用植物油", "鸡蛋",
            "糕点", "酱卤肉制品", "茶叶", "挂面", "辣椒粉")
ITEMS = ("菌落总数", "大肠菌群", "二氧化硫残留量", "铅（以Pb计）", "过氧化值（以脂肪计）", "酸价（以脂肪计）",
         "苯甲酸及其钠盐（以苯甲酸计）", "甜蜜素（以环己基氨基磺酸计）", "氯霉素", "腐霉利")

# violation types: (违法行为类型, 处罚依据, 违法事实 template, dept index, 许可 not used)
VIOLATIONS = (
    ("销售不符合食品安全标准的食品",
     "《中华人民共和国食品安全法》第一百二十四条第一款第（四）项",
     "经查，当事人于{d1}在其经营场所销售的{p}，经抽样检验，{it}项目不符合食品安全国家标准要求，检验结论为不合格。"
     "当事人共购进该批次{p}{n}件，已售出{m}件，货值金额{v}元，违法所得{g}元。当事人的上述行为违反了"
     "《中华人民共和国食品安全法》第三十四条第（四）项的规定。", 0),
    ("未取得食品经营许可从事食品经营活动",
     "《中华人民共和国食品安全法》第一百二十二条第一款",
     "经查，当事人自{d1}起在未取得食品经营许可证的情况下，在其经营场所从事{p}等食品的销售活动，"
     "至检查之日共销售货值金额{v}元，违法所得{g}元。", 0),
    ("发布虚假广告",
     "《中华人民共和国广告法》第五十五条第一款",
     "经查，当事人于{d1}起通过其微信公众号及店堂海报发布含有“{n}天见效”“全市第一”等内容的广告，"
     "无法提供证明材料，广告费用{v}元。上述行为违反了《中华人民共和国广告法》第二十八条第一款的规定。", 0),
    ("销售未经强制性产品认证的产品",
     "《中华人民共和国认证认可条例》第六十七条",
     "经查，当事人于{d1}购进未获得强制性产品认证证书、未加施中国强制性认证标志的电线组件{n}件，"
     "以每件{u}元的价格对外销售，已售出{m}件，违法所得{g}元。", 0),
    ("超过大气污染物排放标准排放大气污染物",
     "《中华人民共和国大气污染防治法》第九十九条第（二）项",
     "{d1}，执法人员对当事人进行现场检查，经监测，当事人{n}号排气筒排放的颗粒物浓度超过《大气污染物综合排放标准》"
     "规定限值{m}倍。当事人的行为违反了《中华人民共和国大气污染防治法》第十八条的规定。", 1),
    ("未依法进行环境影响评价擅自开工建设",
     "《中华人民共和国环境影响评价法》第三十一条第一款",
     "经查，当事人建设的年产{n}吨塑料制品项目未依法报批环境影响评价文件，于{d1}擅自开工建设，"
     "项目总投资{v}元。", 1),
    ("未按规定对从业人员进行安全生产教育和培训",
     "《中华人民共和国安全生产法》第九十七条第（三）项",
     "{d1}，执法人员检查发现，当事人未按规定对{n}名从业人员进行安全生产教育和培训，"
     "未如实记录安全生产教育和培训情况。", 2),
    ("公共场所从业人员未取得有效健康合格证明从事直接为顾客服务工作",
     "《公共场所卫生管理条例实施细则》第三十八条",
     "{d1}，卫生监督员对当事人经营场所进行监督检查，发现当事人安排{n}名未取得有效健康合格证明的从业人员"
     "从事直接为顾客服务的工作。", 3),
    ("擅自占用城市道路",
     "《城市道路管理条例》第四十二条第（二）项",
     "{d1}，执法队员巡查发现，当事人未经批准擅自在门前人行道上堆放物料，占用城市道路面积约{n}平方米。", 4),
    ("未取得道路运输经营许可擅自从事道路运输经营",
     "《中华人民共和国道路运输条例》第六十三条",
     "{d1}，执法人员在检查中发现，当事人驾驶车辆未取得道路运输经营许可，擅自从事道路旅客运输经营，"
     "收取费用{u}元。", 5),
    ("未经许可擅自从事营业性演出经营活动",
     "《营业性演出管理条例》第四十三条第一款",
     "经查，当事人于{d1}未经文化和旅游主管部门许可，擅自组织营业性演出{n}场，违法所得{g}元。", 6),
)
LICENCES = (  # (许可证书名称, 许可编号 prefix, 许可内容 template, dept index, 许可类别)
    ("食品经营许可证", "JY1", "经审查，申请人提交的材料齐全、符合法定形式，经营场所及设施符合《食品经营许可管理办法》的规定，"
     "准予食品经营许可。主体业态：{p}；经营项目：预包装食品（含冷藏冷冻食品）销售，散装食品销售，热食类食品制售。", 0, "普通"),
    ("排污许可证", "91", "准予核发排污许可证。行业类别：{p}；主要污染物种类：颗粒物、二氧化硫、氮氧化物；排放方式：有组织排放；"
     "执行标准：《大气污染物综合排放标准》。", 1, "普通"),
    ("公共场所卫生许可证", "卫公证字", "经审查，申请人的经营场所符合《公共场所卫生管理条例》及其实施细则的规定，准予许可。"
     "许可项目：{p}；营业面积{n}平方米。", 3, "普通"),
    ("道路运输经营许可证", "交运管许可", "准予从事道路普通货物运输经营，经营范围：普通货运；核定车辆{n}辆。", 5, "核准"),
    ("营业执照", "", "准予设立登记。经营范围：一般项目：{p}销售；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广"
     "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。", 0, "登记"),
    ("", "", "准予{p}项目备案，建设规模：总建筑面积{n}平方米。", 1, "其他-备案"),
    ("", "", "经审查，同意{p}的申请，准予许可。", 6, "认可"),
)


# ------------------------------------------------------------------------------------ row model

class Ctx:
    """Everything a row needs: the rng, the authority pool and per-kind layout."""

    def __init__(self, kind: str, seed: int, year: int):
        self.kind = kind
        self.spec = PENALTY if kind == "penalty" else LICENSE
        self.p = "CF" if kind == "penalty" else "XK"
        self.codes = self.spec.codes
        self.col = {c: i for i, c in enumerate(self.codes)}
        self.rng = random.Random(seed)
        self.year = year
        self.y0 = dt.date(year, 1, 2).toordinal()
        self.ndays = (dt.date(year, 12, 20).toordinal() - self.y0)
        r = self.rng
        # authorities: per region and department, one name and one valid 11… USCC
        self.authorities = []
        for code, city, district, abbr in REGIONS:
            for d, (dept, dabbr) in enumerate(DEPTS):
                org = "".join(r.choice("0123456789") for _ in range(8))
                org += org_check(org)
                body = "11" + code + org
                name = f"{city}{district}{dept}"
                self.authorities.append((name, body + uscc_check(body), abbr + district[0] + dabbr, d))
        self.by_dept = [[a for a in self.authorities if a[3] == d] for d in range(len(DEPTS))]
        self.by_region_dept = {(reg[0], a[3]): a for reg, a in
                               zip((x for x in REGIONS for _ in DEPTS), self.authorities)}

    def authority(self, region: str, dept: int) -> tuple:
        """Mostly the department of the party's own district, sometimes another one."""
        if self.rng.random() < 0.9:
            return self.by_region_dept[(region, dept)]
        return self.rng.choice(self.by_dept[dept])

    # ---- small helpers
    def person_name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def id_number(self, region=None) -> str:
        r = self.rng
        region = region or r.choice(REGIONS)[0]
        born = dt.date(1955, 1, 1) + dt.timedelta(days=r.randrange(48 * 365))
        body = f"{region}{born:%Y%m%d}{r.randrange(1000):03d}"
        return body + ric_check(body)

    def org_body(self) -> str:
        r = self.rng
        if r.random() < 0.6:  # post-2015 codes: MA + 6 from the USCC alphabet
            body = "MA" + "".join(r.choice(USCC_ALPHABET) for _ in range(6))
        else:
            body = "".join(r.choice("0123456789") for _ in range(8))
        return body + org_check(body)

    def uscc(self, prefix: str, region: str) -> str:
        while True:
            body = prefix + region + self.org_body()
            code = body + uscc_check(body)
            if not ric_valid(code):
                return code

    def gs15(self, region: str) -> str:
        body = region + "".join(self.rng.choice("0123456789") for _ in range(8))
        return body + gs15_check(body)

    def date(self) -> dt.date:
        return dt.date.fromordinal(self.y0 + self.rng.randrange(self.ndays))

    def date_cell(self, d: dt.date):
        """~60 % a real date cell, else the standard text spelling."""
        return d if self.rng.random() < 0.6 else f"{d.year:04d}/{d.month:02d}/{d.day:02d}"


def add_months(d: dt.date, months: int) -> dt.date:
    import calendar
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def wan(yuan) -> float:
    """元 → 万元 (a float whose repr is the exact decimal)."""
    return float(Decimal(str(yuan)) / 10000)


def subject(ctx: Ctx, v: dict, cat: str | None = None, *, zzjg: bool | None = None, gszc: bool | None = None,
            placeholder: bool | None = None) -> tuple:
    """Fill the 13 party fields (R1–R4 emptiness) and return (region, category)."""
    r = ctx.rng
    p = ctx.p
    reg = r.choice(REGIONS)
    code, city, district, _ = reg
    if cat is None:
        x = r.random()
        cat = "法人及非法人组织" if x < 0.55 else "个体工商户" if x < 0.77 else "自然人"
    v[f"{p}_XDR_LB"] = cat
    if cat == "自然人":
        name = ctx.person_name()
        v[f"{p}_XDR_MC"] = name
        if r.random() < 0.93:
            v[f"{p}_XDR_ZJLX"] = "身份证"
            v[f"{p}_XDR_ZJHM"] = ctx.id_number()
        else:
            v[f"{p}_XDR_ZJLX"] = r.choice(("护照号", "港澳居民来往内地通行证"))
            v[f"{p}_XDR_ZJHM"] = r.choice("EGH") + "".join(r.choice("0123456789") for _ in range(8))
        return reg, cat
    if cat == "个体工商户":
        boss = ctx.person_name()
        v[f"{p}_XDR_MC"] = f"{district}{boss}{r.choice(SHOPS)}" if r.random() < 0.85 else "个体工商户"
        if placeholder is None:
            placeholder = r.random() < 0.08
        if placeholder:
            v[f"{p}_XDR_SHXYM"] = PLACEHOLDER
            v[f"{p}_XDR_GSZC"] = ctx.gs15(code)
        else:
            v[f"{p}_XDR_SHXYM"] = ctx.uscc("92", code)
            if gszc or (gszc is None and r.random() < 0.15):
                v[f"{p}_XDR_GSZC"] = ctx.gs15(code)
        v[f"{p}_FRDB"] = boss
    else:
        x = r.random()
        if x < 0.85:
            prefix = "91"
            name = f"{city[:-1] if len(city) > 2 else city}{r.choice(BRANDS)}{r.choice(TRADES)}{r.choice(COMPANY_SUFFIX)}"
        elif x < 0.93:
            prefix = "93"
            name = f"{district}{r.choice(BRANDS)}{r.choice(('种植', '养殖', '果蔬', '茶叶'))}农民专业合作社"
        elif x < 0.97:
            prefix = "12"
            name = f"{city}{district}{r.choice(('第一人民医院', '实验学校', '疾病预防控制中心', '图书馆'))}"
        else:
            prefix = "52"
            name = f"{city}{r.choice(BRANDS)}{r.choice(('行业协会', '商会', '培训学校', '养老院'))}"
        shxym = ctx.uscc(prefix, code)
        v[f"{p}_XDR_MC"] = name
        v[f"{p}_XDR_SHXYM"] = shxym
        if zzjg or (zzjg is None and r.random() < 0.35):
            org = shxym[8:17]
            v[f"{p}_XDR_ZZJG"] = org if r.random() < 0.7 else f"{org[:8]}-{org[8]}"
        if prefix == "91" and (gszc or (gszc is None and r.random() < 0.2)):
            v[f"{p}_XDR_GSZC"] = ctx.gs15(code)
        if prefix == "91" and r.random() < 0.15:
            v[f"{p}_XDR_SWDJ"] = shxym
        if prefix == "12" and r.random() < 0.8:
            v[f"{p}_XDR_SYDW"] = "1" + code[:4] + "".join(r.choice("0123456789") for _ in range(7))
        if prefix == "52" and r.random() < 0.8:
            v[f"{p}_XDR_SHZZ"] = f"{r.choice('京沪苏浙粤')}民证字第{r.randrange(100000):06d}号"
        v[f"{p}_FRDB"] = ctx.person_name()
    if r.random() < 0.6:
        v[f"{p}_FR_ZJLX"] = "身份证"
        v[f"{p}_FR_ZJHM"] = ctx.id_number()
    return reg, cat


CFLB_CHOICES = (  # (buckets text, weight)
    ("警告", 15), ("罚款", 45), ("警告；罚款", 10), ("罚款；没收违法所得、没收非法财物", 15),
    ("没收违法所得、没收非法财物；罚款；暂扣或者吊销许可证、暂扣或者吊销执照", 3), ("责令停产停业；罚款", 4),
    ("其他-责令改正", 3), ("罚款；暂扣或者吊销许可证、暂扣或者吊销执照", 5),
)
_CFLB_TEXTS = [t for t, w in CFLB_CHOICES for _ in range(w)]


def penalty_row(ctx: Ctx, seq: int, cat=None, cflb=None, **kw) -> dict:
    r = ctx.rng
    v: dict = {}
    reg, cat = subject(ctx, v, cat, **kw)
    if cflb is None:
        cflb = r.choice(_CFLB_TEXTS)
        if cat == "自然人" and "暂扣" in cflb:
            cflb = "罚款"
    wfxw, yj, fact, dept = r.choice(VIOLATIONS)
    name, auth_code, abbr, _ = ctx.authority(reg[0], dept)
    jd = ctx.date()
    before = dt.date.fromordinal(jd.toordinal() - r.randrange(5, 120))
    n, m = r.randrange(2, 60), r.randrange(1, 30)
    g = r.choice((300, 480, 1200, 2650, 3800, 5600, 12500)) + r.randrange(0, 100)
    fact_txt = fact.format(d1=f"{before.year}年{before.month}月{before.day}日", p=r.choice(PRODUCTS),
                           it=r.choice(ITEMS), n=n, m=m, v=g * 2 + r.randrange(1000), g=g, u=r.randrange(20, 300))
    v["CF_WSH"] = f"{abbr}罚〔{ctx.year}〕{seq}号"
    v["CF_WFXW"] = wfxw
    v["CF_SY"] = fact_txt
    v["CF_YJ"] = yj
    v["CF_CFLB"] = cflb
    parts = []
    if "警告" in cflb:
        parts.append("给予警告")
    if "没收" in cflb:
        conf = g if r.random() < 0.8 else Decimal(g) + Decimal(r.randrange(1, 100)) / 100
        parts.append(f"没收违法所得{conf}元")
        v["CF_NR_WFFF"] = wan(conf)
    if "罚款" in cflb:
        if cat == "自然人":
            fine = r.choice((50, 100, 200, 500, 1000, 2000, 3000, 5000))
        else:
            fine = r.choice((1000, 2000, 3000, 5000, 8000, 10000, 20000, 30000, 50000, 100000, 150000)) \
                + r.choice((0, 0, 0, 500, 1250))
        x = r.random()
        if x < 0.8:
            parts.append(f"罚款{fine}元")
        elif x < 0.9:
            parts.append(f"罚款人民币{fine:,}元")
        else:
            parts.append(f"罚款人民币{Decimal(fine) / 10000}万元")
        v["CF_NR_FK"] = wan(fine)
    if "停产" in cflb:
        parts.append(f"责令停产停业{r.choice((7, 15, 30))}日")
    if "暂扣" in cflb:
        lic = f"食品经营许可证（JY{r.choice('23')}{reg[0]}{r.randrange(10**7):07d}）"
        parts.append(f"吊销{lic}")
        v["CF_NR_ZKDX"] = lic
    if cflb.startswith("其他"):
        parts.append("责令立即改正违法行为")
    v["CF_NR"] = "；".join(parts) + "。"
    v["CF_JDRQ"] = ctx.date_cell(jd)
    yx = dt.date(2099, 12, 31) if r.random() < 0.1 else add_months(jd, r.choice((6, 12, 24, 36)))
    v["CF_YXQ"] = ctx.date_cell(yx)
    if r.random() < 0.8:
        v["CF_GSJZQ"] = ctx.date_cell(add_months(jd, r.choice((3, 6, 12, 12, 24))))
    v["CF_CFJG"] = name
    v["CF_CFJGDM"] = auth_code
    v["CF_SJLY"] = name
    v["CF_SJLYDM"] = auth_code
    if r.random() < 0.05:
        v["BZ"] = r.choice(("已履行完毕", "当事人已缴纳罚款", "简易程序"))
    v["_jd"] = jd
    return v


def license_row(ctx: Ctx, seq: int, cat=None, xklb=None, **kw) -> dict:
    r = ctx.rng
    v: dict = {}
    reg, cat = subject(ctx, v, cat, **kw)
    zs, bh_prefix, nr, dept, lb = r.choice(LICENCES)
    name, auth_code, abbr, _ = ctx.authority(reg[0], dept)
    jd = ctx.date()
    mc = v["XK_XDR_MC"]
    title = f"关于准予{mc}{zs or '行政许可'}的决定"
    v["XK_XKWS"] = title if len(title) <= 64 else "准予行政许可决定书"
    v["XK_WSH"] = f"{abbr}许〔{ctx.year}〕{seq}号"
    v["XK_XKLB"] = xklb or lb
    if zs:
        v["XK_XKZS"] = zs
        v["XK_XKBH"] = f"{bh_prefix}{reg[0]}{r.randrange(10**8):08d}"
    v["XK_NR"] = nr.format(p=r.choice(("食品销售经营者", "餐饮服务经营者", "塑料制品制造", "宾馆", "美容美发场所",
                                       "日用百货", "电子产品")), n=r.randrange(20, 3000))
    v["XK_JDRQ"] = ctx.date_cell(jd)
    v["XK_YXQZ"] = ctx.date_cell(jd)
    end = dt.date(2099, 12, 31) if r.random() < 0.15 else dt.date.fromordinal(add_months(jd, 60).toordinal() - 1)
    v["XK_YXQZI"] = ctx.date_cell(end)
    v["XK_XKJG"] = name
    v["XK_XKJGDM"] = auth_code
    v["XK_ZT"] = "1" if r.random() < 0.92 else "2"
    v["XK_LYDW"] = name
    v["XK_LYDWDM"] = auth_code
    if r.random() < 0.05:
        v["BZ"] = r.choice(("延续", "变更", "新办"))
    v["_jd"] = jd
    return v


# ------------------------------------------------------------------------------------ violations

def _other(chars: str, keep: str, rng) -> str:
    return rng.choice([c for c in chars if c != keep])


def _long_name(ctx: Ctx, v: dict, p: str):
    base = v[f"{p}_XDR_MC"]
    filler = "（原名称：" + "".join(ctx.rng.choice(BRANDS) + ctx.rng.choice(TRADES) for _ in range(40)) + "）"
    name = base + filler
    while len(name) < 240:  # short brand/trade draws can stay under 201 characters; pad without the rng
        name += filler
    v[f"{p}_XDR_MC"] = name[: ctx.rng.randrange(201, 240)]


def _mobile(ctx: Ctx) -> str:
    return "1" + ctx.rng.choice("3456789") + "".join(ctx.rng.choice("0123456789") for _ in range(9))


# kind → (expected code, field suffix/code, row options, mutate(ctx, v))
def _k(code, field, opts, mutate):
    return code, field, opts, mutate


def _bad_uscc(ctx, v, f):
    good = v[f]
    while True:
        bad = good[:17] + _other(USCC_ALPHABET, good[17], ctx.rng)
        if not ric_valid(bad):
            v[f] = bad
            return


def _bad_tail(chars):
    def mutate(ctx, v, f):
        v[f] = v[f][:-1] + _other(chars, v[f][-1], ctx.rng)
    return mutate


def _set(value):
    def mutate(ctx, v, f):
        v[f] = value(ctx, v) if callable(value) else value
    return mutate


def _blank(ctx, v, f):
    v.pop(f, None)


def _date_before(days):
    def mutate(ctx, v, f):
        v[f] = ctx.date_cell(dt.date.fromordinal(v["_jd"].toordinal() - days))
    return mutate


PENALTY_KINDS = [
    _k("USCC_CHECKSUM", "CF_XDR_SHXYM", {"cat": "法人及非法人组织"}, _bad_uscc),
    _k("REQUIRED_MISSING", "CF_YJ", {}, _blank),
    _k("ENUM_INVALID", "CF_CFLB", {"cflb": "警告"}, _set("训诫")),
    _k("DATE_INVALID", "CF_JDRQ", {}, _set(lambda ctx, v: f"{ctx.year}/02/30")),
    _k("FINE_AMOUNT_REQUIRED", "CF_NR_FK", {"cflb": "罚款"}, _blank),
    _k("IDCARD_CHECKSUM", "CF_XDR_ZJHM", {"cat": "自然人"}, None),  # mutate set below (needs 身份证)
    _k("DATE_ORDER", "CF_YXQ", {}, _date_before(30)),
    _k("USCC_PLACEHOLDER", "CF_CFJGDM", {}, _set(PLACEHOLDER)),
    _k("LENGTH_EXCEEDED", "CF_XDR_MC", {"cat": "法人及非法人组织"}, lambda ctx, v, f: _long_name(ctx, v, "CF")),
    _k("AMOUNT_NOT_POSITIVE", "CF_NR_FK", {"cflb": "罚款"}, _set(0.0)),
    _k("ORGCODE_CHECKSUM", "CF_XDR_ZZJG", {"cat": "法人及非法人组织", "zzjg": True}, _bad_tail("0123456789X")),
    _k("GSZC_CHECKSUM", "CF_XDR_GSZC", {"cat": "个体工商户", "gszc": True, "placeholder": False},
       _bad_tail("0123456789")),
    _k("CONFISCATION_AMOUNT_REQUIRED", "CF_NR_WFFF", {"cflb": "罚款；没收违法所得、没收非法财物"}, _blank),
    _k("REVOKED_LICENCE_REQUIRED", "CF_NR_ZKDX", {"cflb": "罚款；暂扣或者吊销许可证、暂扣或者吊销执照",
                                                 "cat": "法人及非法人组织"}, _blank),
    _k("PRIVACY_MOBILE", "CF_SY", {}, lambda ctx, v, f: v.__setitem__(f, v[f] + f"当事人联系电话{_mobile(ctx)}。")),
    _k("DUPLICATE_RECORD", "CF_WSH", {}, "duplicate"),
    _k("PUBLICATION_PERIOD", "CF_GSJZQ", {}, lambda ctx, v, f: v.__setitem__(
        f, ctx.date_cell(dt.date.fromordinal(v["_jd"].toordinal() + 20)))),
    _k("USCC_PREFIX_MISMATCH", "CF_XDR_SHXYM", {"cat": "个体工商户", "placeholder": False},
       lambda ctx, v, f: v.__setitem__(f, ctx.uscc("91", v[f][2:8]))),
]
LICENSE_KINDS = [
    _k("USCC_CHECKSUM", "XK_XDR_SHXYM", {"cat": "法人及非法人组织"}, _bad_uscc),
    _k("REQUIRED_MISSING", "XK_NR", {}, _blank),
    _k("ENUM_INVALID", "XK_ZT", {}, _set("3")),
    _k("ENUM_OTHER_DETAIL", "XK_XKLB", {}, _set("其他")),
    _k("DATE_INVALID", "XK_JDRQ", {}, _set(lambda ctx, v: f"{ctx.year}/02/30")),
    _k("IDCARD_CHECKSUM", "XK_XDR_ZJHM", {"cat": "自然人"}, None),
    _k("DATE_ORDER", "XK_YXQZI", {}, lambda ctx, v, f: v.__setitem__(
        f, ctx.date_cell(dt.date.fromordinal(v["_jd"].toordinal() - 30)))),
    _k("USCC_PLACEHOLDER", "XK_XKJGDM", {}, _set(PLACEHOLDER)),
    _k("LENGTH_EXCEEDED", "XK_XDR_MC", {"cat": "法人及非法人组织"}, lambda ctx, v, f: _long_name(ctx, v, "XK")),
    _k("ORGCODE_CHECKSUM", "XK_XDR_ZZJG", {"cat": "法人及非法人组织", "zzjg": True}, _bad_tail("0123456789X")),
    _k("GSZC_CHECKSUM", "XK_XDR_GSZC", {"cat": "个体工商户", "gszc": True, "placeholder": False},
       _bad_tail("0123456789")),
    _k("PRIVACY_MOBILE", "XK_NR", {}, lambda ctx, v, f: v.__setitem__(f, v[f] + f"联系电话{_mobile(ctx)}。")),
    _k("DUPLICATE_RECORD", "XK_WSH", {}, "duplicate"),
    _k("USCC_PREFIX_MISMATCH", "XK_XDR_SHXYM", {"cat": "个体工商户", "placeholder": False},
       lambda ctx, v, f: v.__setitem__(f, ctx.uscc("91", v[f][2:8]))),
    _k("DATE_BEFORE_DECISION", "XK_YXQZ", {}, _date_before(10)),
]


def _idcard_mutate(ctx, v, f):
    v[f.replace("ZJHM", "ZJLX")] = "身份证"
    v[f] = ctx.id_number()
    _bad_tail("0123456789X")(ctx, v, f)


for _kinds in (PENALTY_KINDS, LICENSE_KINDS):
    for _i, (_c, _f, _o, _m) in enumerate(_kinds):
        if _m is None:
            _kinds[_i] = (_c, _f, _o, _idcard_mutate)


# ------------------------------------------------------------------------------------ writers

def col_letter(i: int) -> str:
    s, i = "", i + 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(65 + rem) + s
    return s


def _esc(s: str) -> str:
    if "&" in s or "<" in s or ">" in s:
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s


EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _fmt_number(x: float) -> str:
    r = repr(x)
    return r[:-2] if r.endswith(".0") else r


class XlsxStream:
    """Minimal xlsx writer streaming one sheet: inline strings or a shared-string table."""

    def __init__(self, path: Path, sheet: str, ncols: int, nrows: int, shared: bool, level: int = 6):
        self.path, self.shared, self.level = path, shared, level
        self.zf = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level, allowZip64=True)
        self.sheet_name = sheet
        self.letters = [col_letter(i) for i in range(ncols)]
        self.out = self.zf.open(self._info("xl/worksheets/sheet1.xml"), "w", force_zip64=True)
        self.buf: list[str] = [
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_NS}" xmlns:r="{_RNS}">'
            f'<dimension ref="A1:{self.letters[-1]}{nrows}"/><sheetData>']
        self.row = 0
        if shared:
            self.sst_index: dict[str, int] = {}
            self.sst_count = 0
            self.sst_n = 0
            self.sst_tmp = tempfile.TemporaryFile(dir=path.parent)
            self.sst_buf: list[str] = []

    def _info(self, name: str) -> zipfile.ZipInfo:
        """Fixed member timestamps: the same seed gives byte-identical files."""
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        for attr in ("_compresslevel", "compress_level"):  # 3.11 reads the former, 3.13 the latter
            if hasattr(zipfile.ZipInfo, attr):
                setattr(info, attr, self.level)
        return info

    def _sst(self, s: str) -> int:
        i = self.sst_index.get(s)
        self.sst_count += 1
        if i is not None:
            return i
        i = self.sst_n
        self.sst_n += 1
        if len(self.sst_index) < 1_000_000:  # bounded memory: later new strings are appended, not deduplicated
            self.sst_index[s] = i
        self.sst_buf.append(f"<si><t>{_esc(s)}</t></si>")
        return i

    def write_row(self, values: list) -> None:
        self.row += 1
        n = self.row
        parts = [f'<row r="{n}">']
        for letter, x in zip(self.letters, values):
            if x is None or x == "":
                continue
            t = type(x)
            if t is str:
                if self.shared:
                    parts.append(f'<c r="{letter}{n}" t="s"><v>{self._sst(x)}</v></c>')
                else:
                    parts.append(f'<c r="{letter}{n}" t="inlineStr"><is><t>{_esc(x)}</t></is></c>')
            elif t is dt.date:
                parts.append(f'<c r="{letter}{n}" s="1"><v>{x.toordinal() - EXCEL_EPOCH}</v></c>')
            else:
                parts.append(f'<c r="{letter}{n}"><v>{_fmt_number(x)}</v></c>')
        parts.append("</row>")
        self.buf.append("".join(parts))
        if len(self.buf) >= 2000:
            self._flush()

    def _flush(self):
        self.out.write("".join(self.buf).encode())
        self.buf.clear()
        if self.shared and self.sst_buf:
            self.sst_tmp.write("".join(self.sst_buf).encode())
            self.sst_buf.clear()

    def close(self) -> None:
        self.buf.append("</sheetData></worksheet>")
        self._flush()
        self.out.close()
        z = self.zf
        ct_sst = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                  'spreadsheetml.sharedStrings+xml"/>') if self.shared else ""
        rel_sst = (f'<Relationship Id="rId3" Type="{_RNS}/sharedStrings" Target="sharedStrings.xml"/>'
                   if self.shared else "")
        if self.shared:
            with z.open(self._info("xl/sharedStrings.xml"), "w", force_zip64=True) as fh:
                fh.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_NS}" '
                         f'count="{self.sst_count}" uniqueCount="{self.sst_n}">'.encode())
                self.sst_tmp.seek(0)
                while chunk := self.sst_tmp.read(1 << 22):
                    fh.write(chunk)
                fh.write(b"</sst>")
            self.sst_tmp.close()
        z.writestr(self._info("[Content_Types].xml"),
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   f'spreadsheetml.styles+xml"/>{ct_sst}</Types>')
        z.writestr(self._info("_rels/.rels"),
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{_RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr(self._info("xl/workbook.xml"),
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_NS}" '
                   f'xmlns:r="{_RNS}"><sheets><sheet name="{self.sheet_name}" sheetId="1" r:id="rId1"/></sheets>'
                   '</workbook>')
        z.writestr(self._info("xl/_rels/workbook.xml.rels"),
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{_RNS}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{_RNS}/styles" Target="styles.xml"/>{rel_sst}</Relationships>')
        z.writestr(self._info("xl/styles.xml"),
                   f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_NS}">'
                   '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/mm/dd"/></numFmts>'
                   '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
                   '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                   '<fill><patternFill patternType="gray125"/></fill></fills>'
                   '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                   '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                   '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                   '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
                   '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                   '</styleSheet>')
        z.close()


class XlsxWriterInline:
    """The same sheet through xlsxwriter's constant_memory mode (which writes inline strings)."""

    def __init__(self, path: Path, sheet: str, ncols: int, nrows: int, **_):
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                                  "strings_to_formulas": False, "strings_to_urls": False})
        self.ws = self.wb.add_worksheet(sheet)
        self.datefmt = self.wb.add_format({"num_format": "yyyy/mm/dd"})
        self.row = -1

    def write_row(self, values: list) -> None:
        self.row += 1
        ws, r = self.ws, self.row
        for c, x in enumerate(values):
            if x is None or x == "":
                continue
            t = type(x)
            if t is str:
                ws.write_string(r, c, x)
            elif t is dt.date:
                ws.write_datetime(r, c, dt.datetime(x.year, x.month, x.day), self.datefmt)
            else:
                ws.write_number(r, c, x)

    def close(self) -> None:
        self.wb.close()


class CsvStream:
    def __init__(self, path: Path, **_):
        self.fh = open(path, "w", encoding="utf-8-sig", newline="")
        self.w = csv.writer(self.fh)

    def write_row(self, values: list) -> None:
        self.w.writerow([_csv_text(x) for x in values])

    def close(self) -> None:
        self.fh.close()


def _csv_text(x) -> str:
    if x is None:
        return ""
    t = type(x)
    if t is str:
        return x
    if t is dt.date:
        return f"{x.year:04d}/{x.month:02d}/{x.day:02d}"
    return _fmt_number(x)


# ------------------------------------------------------------------------------------ driver

def generate(kind: str, rows: int, out: Path, seed: int = 790, year: int = 2024, name: str | None = None,
             flavours=("inline", "shared", "csv"), inline_writer: str = "stream", level: int = 6,
             quiet: bool = False) -> dict:
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    name = name or f"{kind}_{rows}"
    ctx = Ctx(kind, seed, year)
    codes, col = ctx.codes, ctx.col
    headers = [f.name for f in ctx.spec.fields]
    sheet = "行政处罚" if kind == "penalty" else "行政许可"
    kinds = PENALTY_KINDS if kind == "penalty" else LICENSE_KINDS
    make = penalty_row if kind == "penalty" else license_row
    files = {}
    writers = []
    for fl in flavours:
        if fl == "inline":
            path = out / f"{name}.inline.xlsx"
            cls = XlsxWriterInline if inline_writer == "xlsxwriter" else XlsxStream
            writers.append(cls(path, sheet=sheet, ncols=len(codes), nrows=rows + 1, shared=False, level=level))
        elif fl == "shared":
            path = out / f"{name}.shared.xlsx"
            writers.append(XlsxStream(path, sheet=sheet, ncols=len(codes), nrows=rows + 1, shared=True, level=level))
        elif fl == "csv":
            path = out / f"{name}.csv"
            writers.append(CsvStream(path))
        else:
            raise SystemExit(f"unknown flavour {fl!r} (inline, shared, csv)")
        files[fl] = path.name
    for w in writers:
        w.write_row(headers)
    injected = []
    counts: dict[str, int] = {}
    rng = ctx.rng
    k = 0
    last_clean = None
    pos = rng.randrange(100)
    for i in range(rows):
        row_no = i + 2  # header is physical row 1
        if i % 100 == 0:
            pos = rng.randrange(100)
        inject = i % 100 == pos and i >= 1
        if inject:
            code, field, opts, mutate = kinds[k % len(kinds)]
            k += 1
            if mutate == "duplicate":
                if last_clean is None:
                    inject = False
                else:
                    v = dict(last_clean)
            else:
                v = make(ctx, i + 1, **opts)
                mutate(ctx, v, field)
        if not inject:
            v = make(ctx, i + 1)
            last_clean = v
        else:
            injected.append((row_no, col_letter(col[field]), code))
            counts[code] = counts.get(code, 0) + 1
        values = [v.get(c) for c in codes]
        for w in writers:
            w.write_row(values)
        if not quiet and i and i % 100000 == 0:
            print(f"  {i:,} rows, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    for w in writers:
        w.close()
    expected = {
        "kind": kind, "rows": rows, "seed": seed, "year": year, "sheet": sheet, "header_row": 1,
        "files": files,
        "columns": {c: col_letter(i) for c, i in col.items()},
        "counts": dict(sorted(counts.items())),
        "injected": injected,
        # sheet-level findings that are right by construction (not tied to a row of the data)
        "sheet_level_expected": {
            "DEADLINE_PASSED": "all decisions are in --year; with --today/--submit-date after their 7-working-day "
                               "deadline sgs reports one sheet-level warning",
        },
        "generator_seconds": round(time.perf_counter() - t0, 1),
    }
    (out / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1))
    if not quiet:
        sizes = ", ".join(f"{f} {os.path.getsize(out / n) / 1e6:.1f} MB" for f, n in files.items())
        print(f"{name}: {rows:,} rows, {len(injected)} injected ({len(counts)} codes) in "
              f"{expected['generator_seconds']} s — {sizes}", file=sys.stderr)
    return expected


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--kind", choices=("penalty", "license"), default="penalty")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    ap.add_argument("--seed", type=int, default=790)
    ap.add_argument("--year", type=int, default=2024, help="year of the decision dates")
    ap.add_argument("--name", help="file stem (default <kind>_<rows>)")
    ap.add_argument("--flavours", default="inline,shared,csv", help="comma list of inline, shared, csv")
    ap.add_argument("--inline-writer", choices=("stream", "xlsxwriter"), default="stream",
                    help="stream: own zipfile writer (fast); xlsxwriter: constant_memory mode")
    ap.add_argument("--level", type=int, default=6, help="deflate level of the xlsx files (default 6 = zlib default)")
    a = ap.parse_args(argv)
    generate(a.kind, a.rows, a.out, a.seed, a.year, a.name, tuple(a.flavours.split(",")), a.inline_writer, a.level)


if __name__ == "__main__":
    main()
