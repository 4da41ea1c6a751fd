"""Write the example ledgers in examples/ (deterministic: same bytes on every run).

    python examples/make_examples.py

* 行政处罚台账.xlsx — 790号 行政处罚 (30 fields), 30 records, 12 planted mistakes
* 行政许可台账.xlsx — 790号 行政许可 (28 fields), 25 records, 6 planted mistakes
* 双公示台账_2019-11.xlsx — 郑发改财贸〔2019〕773号 附件2 台账, 21 records, planted mistakes
* README.md — the table of planted mistakes (row, cell, expected rule code)

Headers come from the standard declarations (sgs_cli.standard), check digits from sgs_cli.codes, so
every code in a clean row is valid by construction. Names of companies and people are invented.
Validate with:  sgs validate examples/行政处罚台账.xlsx --today 2019-12-31
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sgs_cli.codes import orgcode, ric, uscc, gs15
from sgs_cli.standard import LEDGER, LICENSE, PENALTY, FieldType

HERE = Path(__file__).resolve().parent
D = dt.date
FIXED_TIME = (2019, 12, 1, 9, 0, 0)

# ------------------------------------------------------------------------------------ code helpers

_rng = random.Random(20191130)
_BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # USCC alphabet: no I O Z S V


def org_code(body8: str) -> str:
    return body8 + orgcode.calc_check_digit(body8)


def make_uscc(prefix8: str, body8: str) -> str:
    first17 = prefix8 + org_code(body8)
    return first17 + uscc.calc_check_digit(first17)


def new_ma_body() -> str:
    """An 组织机构代码 body of the MA series used since 2015 (MA4 + 5 characters)."""
    return "MA4" + "".join(_rng.choice(_BODY_CHARS) for _ in range(5))


def ent(kind: str = "91", body8: str | None = None) -> str:
    """USCC of a 中牟县 (410122) registrant: 91 企业, 92 个体工商户, 93 农民专业合作社, 11 机关, 12 事业单位."""
    return make_uscc(kind + "410122", body8 or new_ma_body())


def numeric_uscc() -> str:
    """An enterprise USCC whose 18 characters are all digits (old 组织机构代码 embedded)."""
    for n in range(100):
        code = make_uscc("91410122", f"7067{n:04d}")
        if code.isdigit() and n > 30:
            return code
    raise RuntimeError


def id_number(birth: str, seq: str, region: str = "410122") -> str:
    body = region + birth + seq
    return body + ric.calc_check_digit(body)


def reg_number(seq8: str) -> str:
    first14 = "410122" + seq8
    return first14 + gs15.calc_check_digit(first14)


def wrong_check(code: str, alphabet: str) -> str:
    i = alphabet.index(code[-1])
    return code[:-1] + alphabet[(i + 7) % len(alphabet)]


def add_years(d: dt.date, years: int) -> dt.date:
    return d.replace(year=d.year + years) - dt.timedelta(days=1)


def add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    return D(d.year + m // 12, m % 12 + 1, min(d.day, 28))


LONG_TERM = D(2099, 12, 31)

# authorities
SCJG = "中牟县市场监督管理局"
SCJG_CODE = make_uscc("11410122", "00558762")
WJW = "中牟县卫生健康委员会"
WJW_CODE = make_uscc("11410122", "00558813")
PLACEHOLDER = "00000000000000000X"
#: 相对人名称 → 统一社会信用代码 of the penalty ledger, reused when the same party appears in the licence ledger
KNOWN: dict[str, str] = {}


# --------------------------------------------------------------------------------------- penalties

def penalty_records() -> tuple[list[dict], list[tuple]]:
    """(records, planted) — planted: (row, field code, rule code, severity, 说明)."""
    recs: list[dict] = []
    planted: list[tuple] = []
    n_wsh = iter(range(1201, 1300))

    def add(mc, lb, jd, wfxw, sy, yj, cflb, nr, fk=None, wfff=None, zkdx=None, frdb=None, code=None,
            person=None, extra=None, yxq=None, plant=None):
        r = {"CF_XDR_MC": mc, "CF_XDR_LB": lb, "CF_WSH": f"中市监罚〔2019〕{next(n_wsh)}号",
             "CF_WFXW": wfxw, "CF_SY": sy, "CF_YJ": yj, "CF_CFLB": cflb, "CF_NR": nr, "CF_NR_FK": fk,
             "CF_NR_WFFF": wfff, "CF_NR_ZKDX": zkdx, "CF_JDRQ": jd,
             "CF_YXQ": yxq or (LONG_TERM if zkdx else add_years(jd, 1)), "CF_GSJZQ": add_months(jd, 6) if isinstance(jd, dt.date) else None,
             "CF_CFJG": SCJG, "CF_CFJGDM": SCJG_CODE, "CF_SJLY": SCJG, "CF_SJLYDM": SCJG_CODE}
        if person:
            r.update(CF_XDR_ZJLX="身份证", CF_XDR_ZJHM=person)
        else:
            r.update(CF_XDR_SHXYM=code, CF_FRDB=frdb)
            if isinstance(code, str) and uscc.is_valid(code):
                KNOWN.setdefault(mc, code)
        r.update(extra or {})
        recs.append(r)
        row = len(recs) + 2  # title in row 1, headers in row 2
        if plant:
            planted.append((row,) + plant)
        return r

    ORG, IND, NAT = "法人及非法人组织", "个体工商户", "自然人"
    FOOD = "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项"
    MEAS = "《中华人民共和国计量法实施细则》第四十三条"

    add("中牟县鑫源商贸有限公司", ORG, D(2019, 11, 1), "销售超过保质期的食品",
        "当事人在其经营的超市内销售超过保质期的预包装饮料12瓶，货值金额96元。", FOOD,
        "警告；罚款", "警告，并处罚款2000元", fk=0.2, frdb="李国强", code=ent())
    add("中牟县刘记烩面馆", IND, D(2019, 11, 1), "未按规定公示食品经营许可证",
        "当事人未在经营场所显著位置悬挂食品经营许可证正本。",
        "《食品经营许可管理办法》第四十九条", "警告", "警告", frdb="刘长青", code=ent("92"))
    bad = ent()
    add("郑州绿博园林工程有限公司", ORG, D(2019, 11, 4), "使用未经检定的计量器具",
        "当事人在苗木销售中使用未经检定的电子台秤1台。", MEAS, "罚款", "罚款3000元", fk=0.3,
        frdb="周海涛", code=wrong_check(bad, uscc.ALPHABET),
        plant=("CF_XDR_SHXYM", "USCC_CHECKSUM", "error", "统一社会信用代码校验位错误（应为" + bad[-1] + "）"))
    add("王建军", NAT, D(2019, 11, 4), "未取得营业执照从事经营活动",
        "当事人未取得营业执照，在中牟县城关镇建设路摆摊销售日用百货。",
        "《无证无照经营查处办法》第十三条", "罚款", "罚款500元", fk=0.05,
        person=id_number("19780614", "253"))
    add("河南中原蒜业科技有限公司", ORG, D(2019, 11, 5), "生产经营标签不符合规定的预包装食品",
        "当事人生产的“中原黑蒜”预包装食品标签未标注生产许可证编号，共计销售320盒。",
        "《中华人民共和国食品安全法》第一百二十五条第一款第（二）项", "警告；罚款", "警告，并处罚款5000元",
        fk=0.5, frdb="马志远", code=ent("91", "70671523"),
        extra={"CF_XDR_ZZJG": "70671523-" + org_code("70671523")[-1], "CF_XDR_GSZC": reg_number("00000412"),
               "CF_FR_ZJLX": "身份证", "CF_FR_ZJHM": id_number("19710203", "132")})
    num = numeric_uscc()
    add("中牟县永盛建材有限公司", ORG, D(2019, 11, 5), "销售不合格产品",
        "当事人销售的PVC排水管经抽检不合格，违法所得1200元。",
        "《中华人民共和国产品质量法》第四十九条", "没收违法所得、没收非法财物；罚款",
        "没收违法所得1200元，并处罚款8000元", fk=0.8, wfff=0.12, frdb="杨永盛",
        code=float(f"{int(num):.14e}"),
        plant=("CF_XDR_SHXYM", "CODE_PRECISION_LOST", "error",
               f"18位代码{num}以数字存储，Excel只保留15位有效数字"))
    add("中牟县晓丽便利店", IND, D(2019, 11, 6), "销售无中文标签的进口食品",
        "当事人销售无中文标签的进口巧克力8盒，货值金额240元。",
        "《中华人民共和国食品安全法》第一百二十五条第一款第（二）项", "罚款", "罚款1000元", fk=0.1,
        frdb="王晓丽", code=ent("92"))
    add("郑州汇丰源食品有限公司", ORG, D(2019, 11, 6), "生产经营条件发生变化未按规定报告",
        "当事人生产车间布局调整后未向原发证部门报告。",
        "《中华人民共和国食品安全法》第一百二十六条第一款第（十一）项", "罚款", "罚款2000元", fk=2000,
        frdb="孙建华", code=ent(),
        plant=("CF_NR_FK", "FINE_UNIT_MISMATCH", "warning", "处罚内容为罚款2000元，罚款金额（万元）却填了2000（应为0.2）"))
    add("中牟县官渡镇卫生院", ORG, D(2019, 11, 7), "使用未经检定的计量器具",
        "当事人使用的血压计2台超过检定周期未送检。", MEAS, "警告", "警告", frdb="陈卫东",
        code=ent("12", "41600835"))
    add("郑州市雁鸣湖旅游开发有限公司", ORG, D(2019, 11, 7), "不按规定明码标价",
        "当事人景区内游船项目未按规定明码标价。",
        "《价格违法行为行政处罚规定》第十三条第（一）项", "罚款", "罚款3000元", fk=None,
        frdb="高明", code=ent(),
        plant=("CF_NR_FK", "FINE_AMOUNT_REQUIRED", "error", "处罚类别含罚款，罚款金额（万元）未填写"))
    add("中牟县韩庄蔬菜批发部", IND, D(2019, 11, 8), "销售农药残留超标的食用农产品",
        "当事人销售的韭菜经抽检腐霉利残留量超标，货值金额150元。",
        "《中华人民共和国食品安全法》第一百二十四条第一款第（一）项", "没收违法所得、没收非法财物；罚款",
        "没收违法所得150元，并处罚款50000元", fk=5, wfff=0.015, frdb="韩国庆", code=PLACEHOLDER,
        extra={"CF_XDR_GSZC": reg_number("60012873")})
    add("赵丽娟", NAT, D(2019, 11, 8), "销售侵犯注册商标专用权的商品",
        "当事人在中牟县商业街摊位销售假冒“耐克”注册商标的运动鞋42双。",
        "《中华人民共和国商标法》第六十条第二款", "没收违法所得、没收非法财物；罚款",
        "没收侵权运动鞋42双，并处罚款3000元", fk=0.3, wfff=0.084,
        person=wrong_check(id_number("19860921", "426"), "0123456789X"),
        plant=("CF_XDR_ZJHM", "IDCARD_CHECKSUM", "error", "自然人身份证号码校验位错误"))
    add("中牟县恒通汽车维修有限公司", ORG, D(2019, 11, 11), "使用未经检验的特种设备",
        "当事人使用的储气罐（压力容器）超过定期检验有效期未检验。",
        "《中华人民共和国特种设备安全法》第八十四条第（一）项", "罚款", "罚款30000元", fk=3,
        frdb="郭恒通", code=ent())
    add("河南豫中牧业有限公司", "法人", D(2019, 11, 11), "未按规定标注产品标识",
        "当事人销售的预混合饲料产品标识未标注生产日期。",
        "《中华人民共和国产品质量法》第五十四条", "警告", "警告", frdb="赵中华", code=ent(),
        plant=("CF_XDR_LB", "ENUM_VARIANT", "warning", "行政相对人类别写成“法人”（应为“法人及非法人组织”）"))
    add("中牟县惠民大药房有限公司", ORG, D(2019, 11, 12), "未凭处方销售处方药",
        "当事人未凭医师处方销售处方药阿莫西林胶囊2盒。",
        "《药品流通监督管理办法》第三十八条第一款", "警告；罚款", "警告，并处罚款1000元", fk=0.1,
        frdb="许慧敏", code=ent())
    add("郑州金水河酒店管理有限公司中牟分公司", ORG, "2019.11.5", "餐饮具未按规定清洗消毒",
        "当事人后厨使用的餐具未经清洗消毒即供顾客使用。",
        "《中华人民共和国食品安全法》第一百二十六条第一款第（五）项", "警告；罚款", "警告，并处罚款2000元",
        fk=0.2, frdb="黄金水", code=ent(), yxq=D(2020, 11, 4),
        extra={"CF_GSJZQ": D(2020, 5, 5)},
        plant=("CF_JDRQ", "DATE_NONSTANDARD", "info", "处罚决定日期为文本“2019.11.5”（应为2019/11/05日期）"))
    add("孙志强", NAT, D(2019, 11, 12), "使用未经检定的计量器具",
        "当事人在农贸市场摊位使用未经检定的电子秤1台。", MEAS, "警告", "警告",
        person=id_number("19690305", "017"))
    add("中牟县家家乐超市有限公司", ORG, "2019/11/31", "销售超过保质期的食品",
        "当事人销售超过保质期的酸奶6盒，货值金额30元。", FOOD, "警告；罚款", "警告，并处罚款2000元",
        fk=0.2, frdb="朱家乐", code=ent(), yxq=D(2020, 11, 29), extra={"CF_GSJZQ": D(2020, 5, 29)},
        plant=("CF_JDRQ", "DATE_INVALID", "error", "处罚决定日期“2019/11/31”不存在（11月只有30日）"))
    add("中牟县晨光农业专业合作社", ORG, D(2019, 11, 13), "销售标签不符合规定的预包装食品",
        "当事人销售的预包装大米标签未标注生产者地址。",
        "《中华人民共和国食品安全法》第一百二十五条第二款", "警告", "警告", frdb="岳晨光", code=ent("93"))
    recs.append(dict(recs[4]))  # the 中原蒜业 record (row 7) entered a second time
    planted.append((len(recs) + 2, "CF_WSH", "DUPLICATE_RECORD", "error", "与第7行重复（文书号、相对人相同）"))
    add("中牟县老张家卤肉店", IND, D(2019, 11, 14), "从业人员未取得健康证明从事接触直接入口食品的工作",
        "当事人2名从业人员未取得健康证明从事熟食加工。",
        "《中华人民共和国食品安全法》第一百二十六条第一款第（六）项", "警告；罚款", "警告，并处罚款1500元",
        fk=0.15, frdb="张国富", code=ent("92"))
    add("郑州宏达混凝土有限公司", ORG, D(2019, 11, 15), "使用未经检定的计量器具",
        "当事人搅拌站使用的地磅超过检定周期未送检，由该公司负责人张宏达（联系电话13903712468）现场确认。",
        MEAS, "警告；罚款", "警告，并处罚款1000元", fk=0.1, frdb="张宏达", code=ent(),
        plant=("CF_SY", "PRIVACY_MOBILE", "warning", "违法事实中含手机号码（不得公示）"))
    add("中牟县润丰粮油贸易有限公司", ORG, D(2019, 11, 18), "销售掺杂掺假的食用油",
        "当事人销售的散装花生油经抽检掺有其他植物油，违法所得2600元。",
        "《中华人民共和国产品质量法》第五十条", "没收违法所得、没收非法财物；罚款",
        "没收违法所得2600元、没收掺假花生油15桶，并处罚款50000元", fk=5, wfff=0.41, frdb="冯润丰", code=ent(),
        extra={"CF_XDR_SWDJ": "410122" + "MA45NB2R" + orgcode.calc_check_digit("MA45NB2R")})
    jd = D(2019, 11, 20)
    add("郑州美佳装饰工程有限公司", ORG, jd, "发布违法广告",
        "当事人在微信公众号发布含有“最佳”“国家级”用语的装修广告。",
        "《中华人民共和国广告法》第五十七条第（一）项", "罚款", "罚款20000元", fk=2, frdb="刘美佳",
        code=ent(), yxq=D(2019, 11, 1),
        plant=("CF_YXQ", "DATE_ORDER", "error", "处罚有效期2019/11/01早于处罚决定日期2019/11/20"))
    add("中牟县顺发五金门市部", IND, D(2019, 11, 21), "销售不合格产品",
        "当事人销售的电线经抽检导体电阻不合格，违法所得450元。",
        "《中华人民共和国产品质量法》第四十九条", "没收违法所得、没收非法财物；罚款",
        "没收违法所得450元、没收不合格电线20卷，并处罚款3000元", fk=0.3, wfff=0.045, frdb="陈顺发",
        code=ent("92"))
    r = add("中牟县福源餐饮管理有限公司", ORG, D(2019, 11, 22), "超过许可的经营项目范围从事食品经营",
            "当事人持有的食品经营许可证经营项目不含冷食类食品制售，却制售凉菜。",
            "《食品经营许可管理办法》第四十五条", "警告；罚款", "警告，并处罚款5000元", fk=0.5,
            frdb="李福源", code=ent(),
            plant=("CF_CFJGDM", "USCC_PLACEHOLDER", "error", "处罚机关统一社会信用代码填了17个0加X"))
    r["CF_CFJGDM"] = PLACEHOLDER
    lic = ent()
    add("中牟县鼎盛商贸有限公司", ORG, D(2019, 11, 25), "提交虚假材料取得公司登记",
        "当事人在办理公司设立登记时提交伪造的股东签名材料。",
        "《中华人民共和国公司法》第一百九十八条", "罚款；暂扣或者吊销许可证、暂扣或者吊销执照",
        "罚款50000元，吊销营业执照", fk=5, zkdx=f"营业执照（统一社会信用代码{lic}）", frdb="崔鼎盛", code=lic)
    add("李桂芝", NAT, D(2019, 11, 26), "销售超过保质期的食品",
        "当事人在流动摊点销售超过保质期的饼干5袋，货值金额25元。", FOOD, "警告", "警告",
        person=id_number("19630517", "028"))
    add("中牟县瑞丰食品厂", ORG, D(2019, 11, 27), "食品生产经营者生产经营条件不符合食品安全要求",
        "当事人生产车间防蝇防鼠设施损坏，经责令改正后拒不改正。",
        "《中华人民共和国食品安全法》第一百二十六条第一款第（十一）项", "责令停产停业；罚款",
        "责令停产停业，并处罚款20000元", fk=2, frdb="吴瑞丰", code=ent())
    add("郑州中牟汽车零部件有限公司", ORG, D(2019, 11, 29), "使用未经检验的特种设备",
        "当事人使用的桥式起重机超过定期检验有效期未检验。",
        "《中华人民共和国特种设备安全法》第八十四条第（一）项", "罚款", "罚款30000元", fk=3,
        frdb="田志刚", code=ent("91", "71780935"),
        extra={"CF_XDR_ZZJG": "71780935-" + org_code("71780935")[-1], "CF_XDR_GSZC": reg_number("00001187"),
               "CF_XDR_SWDJ": "410122" + org_code("71780935"), "CF_FR_ZJLX": "身份证",
               "CF_FR_ZJHM": id_number("19750826", "311")})
    return recs, planted


# ----------------------------------------------------------------------------------------- licences

def license_records() -> tuple[list[dict], list[tuple]]:
    recs: list[dict] = []
    planted: list[tuple] = []
    seq = iter(range(301, 400))

    def add(mc, lb, jd, xkws, wsh, xklb, xkzs, xkbh, nr, years=5, frdb=None, code=None, person=None,
            jg=SCJG, jgdm=SCJG_CODE, extra=None, plant=None):
        r = {"XK_XDR_MC": mc, "XK_XDR_LB": lb, "XK_XKWS": xkws, "XK_WSH": wsh, "XK_XKLB": xklb,
             "XK_XKZS": xkzs, "XK_XKBH": xkbh, "XK_NR": nr, "XK_JDRQ": jd, "XK_YXQZ": jd,
             "XK_YXQZI": LONG_TERM if years is None else add_years(jd, years), "XK_XKJG": jg,
             "XK_XKJGDM": jgdm, "XK_ZT": "1", "XK_LYDW": jg, "XK_LYDWDM": jgdm}
        if person:
            r.update(XK_XDR_ZJLX="身份证", XK_XDR_ZJHM=person)
        else:
            if isinstance(code, str) and uscc.is_valid(code) and mc in KNOWN and not plant:
                code = KNOWN[mc]
            r.update(XK_XDR_SHXYM=code, XK_FRDB=frdb)
        r.update(extra or {})
        recs.append(r)
        if plant:
            planted.append((len(recs) + 2,) + plant)
        return r

    ORG, IND, NAT = "法人及非法人组织", "个体工商户", "自然人"

    def food(mc, lb, jd, frdb, code, items="预包装食品销售（不含冷藏冷冻食品）", **kw):
        n = next(seq)
        return add(mc, lb, jd, "食品经营许可决定书", f"中市监食许〔2019〕第{n:04d}号", "普通", "食品经营许可证",
                   f"JY1410122{n:07d}", f"准予食品经营许可。主体业态：{'餐饮服务经营者' if '餐' in items else '食品销售经营者'}；"
                   f"经营项目：{items}", frdb=frdb, code=code, **kw)

    def operator(name, birth, sq, jd, job, **kw):
        n = next(seq)
        return add(name, NAT, jd, "特种设备作业人员资格认定决定书", f"中市监特认〔2019〕第{n:04d}号", "认可",
                   "特种设备安全管理和作业人员证", f"TS41012219{n:05d}", f"准予特种设备作业人员资格认定，作业项目：{job}",
                   years=4, person=id_number(birth, sq), **kw)

    def found(mc, lb, jd, frdb, code, **kw):
        n = next(seq)
        return add(mc, lb, jd, "准予设立登记通知书", f"（中）登记内设字〔2019〕第{n:04d}号", "登记", "营业执照",
                   code, "准予设立登记", years=None, frdb=frdb, code=code, **kw)

    food("中牟县鑫源商贸有限公司", ORG, D(2019, 11, 1), "李国强", ent())
    food("中牟县刘记烩面馆", IND, D(2019, 11, 1), "刘长青", ent("92"), items="热食类食品制售")
    operator("王志刚", "19820417", "151", D(2019, 11, 4), "叉车司机（N1）")
    found("中牟县锦程物流有限公司", ORG, D(2019, 11, 4), "程锦", ent())
    r = food("郑州绿博园林工程有限公司", ORG, D(2019, 11, 5), "周海涛", ent(), items="预包装食品销售（含冷藏冷冻食品）",
             plant=("XK_YXQZI", "DATE_ORDER", "error", "有效期至2019/11/04早于有效期自2019/11/05"))
    r["XK_YXQZI"] = D(2019, 11, 4)
    n = next(seq)
    add("中牟县百姓大药房有限公司", ORG, D(2019, 11, 5), "药品经营许可决定书", f"中市监药许〔2019〕第{n:04d}号", "普通",
        "药品经营许可证", f"豫CB371{n:04d}", "准予药品零售经营许可，经营范围：中成药、化学药制剂、抗生素制剂、生化药品",
        frdb="高百姓", code=ent())
    n = next(seq)
    add("中牟县晓丽便利店", IND, D(2019, 11, 6), "食品小经营店备案通知书", f"中市监食备〔2019〕第{n:04d}号", "其他",
        "食品小经营店备案证明", f"ZM-XB-2019-{n:04d}", "准予食品小经营店备案", years=3, frdb="王晓丽", code=ent("92"),
        plant=("XK_XKLB", "ENUM_OTHER_DETAIL", "error", "许可类别为“其他”但未注明具体类别（应如“其他-备案”）"))
    n = next(seq)
    add("中牟县老张家卤肉店", IND, D(2019, 11, 6), "食品小经营店备案通知书", f"中市监食备〔2019〕第{n:04d}号", "其他-备案",
        "食品小经营店备案证明", f"ZM-XB-2019-{n:04d}", "准予食品小经营店备案", years=3, frdb="张国富", code=ent("92"))
    operator("刘红梅", "19900712", "262", D(2019, 11, 7), "电梯修理（T）")
    r = food("郑州汇丰源食品有限公司", ORG, D(2019, 11, 7), "孙建华", ent(),
             plant=("XK_ZT", "ENUM_VARIANT", "warning", "当前状态写成“有效”（应为代码1）"))
    r["XK_ZT"] = "有效"
    n = next(seq)
    add("中牟县官渡镇卫生院", ORG, D(2019, 11, 8), "放射诊疗许可决定书", f"中卫放许〔2019〕第{n:04d}号", "普通",
        "放射诊疗许可证", f"豫卫放证字〔2019〕第{n:04d}号", "准予放射诊疗许可，许可项目：X射线影像诊断",
        years=4, frdb="陈卫东", code=ent("12", "41600835"), jg=WJW, jgdm=WJW_CODE)
    good = ent()
    assert "0" in good[2:], good
    found("中牟县宏远装饰工程有限公司", ORG, D(2019, 11, 8), "王宏远", good.replace("0", "O", 1),
          plant=("XK_XDR_SHXYM", "USCC_LOOKALIKE", "error", "统一社会信用代码中把数字0写成了字母O"))
    recs[-1]["XK_XKBH"] = good
    n = next(seq)
    add("中牟县雁鸣湖温泉酒店有限公司", ORG, D(2019, 11, 11), "公共场所卫生许可决定书", f"中卫公许〔2019〕第{n:04d}号",
        "普通", "公共场所卫生许可证", f"中卫公证字〔2019〕第{n:04d}号", "准予公共场所卫生许可，项目：住宿、沐浴",
        years=4, frdb="雷鸣", code=ent(), jg=WJW, jgdm=WJW_CODE)
    food("河南中原蒜业科技有限公司", ORG, D(2019, 11, 12), "马志远", ent("91", "70671523"),
         extra={"XK_XDR_ZZJG": "70671523-" + wrong_check(org_code("70671523"), "0123456789X")[-1],
                "XK_XDR_GSZC": reg_number("00000412")},
         plant=("XK_XDR_ZZJG", "ORGCODE_CHECKSUM", "error", "组织机构代码校验码错误"))
    n = next(seq)
    add("中牟县恒通汽车维修有限公司", ORG, D(2019, 11, 13), "特种设备使用登记决定书", f"中市监特登〔2019〕第{n:04d}号",
        "登记", "特种设备使用登记证", f"容3LA豫A{n:05d}(19)", "准予特种设备使用登记（储气罐1台）", years=None,
        frdb="郭恒通", code=ent())
    operator("赵国庆", "19761001", "375", D(2019, 11, 14), "起重机司机（Q2）")
    n = next(seq)
    add("中牟县鑫隆企业管理咨询有限公司", ORG, D(2019, 11, 15), "企业名称预先核准通知书",
        f"（中）登记内名预核字〔2019〕第{n:04d}号", "核准", None, None, "准予企业名称预先核准", years=None,
        frdb="钱鑫隆", code=ent())
    r = food("中牟县福源餐饮管理有限公司", ORG, D(2019, 11, 18), "李福源", ent(), items="热食类食品制售、冷食类食品制售",
             plant=("XK_XKJG", "REQUIRED_MISSING", "error", "许可机关未填写"))
    r["XK_XKJG"] = None
    food("中牟县晨光农业专业合作社", ORG, D(2019, 11, 19), "岳晨光", ent("93"))
    found("中牟县顺达货运有限公司", ORG, D(2019, 11, 20), "韩顺达", ent())
    food("中牟县韩庄蔬菜批发部", IND, D(2019, 11, 21), "韩国庆", PLACEHOLDER, items="散装食品销售（不含冷藏冷冻食品）",
         extra={"XK_XDR_GSZC": reg_number("60012873")})
    operator("孙丽", "19881130", "484", D(2019, 11, 22), "特种设备安全管理（A）")
    food("中牟县家家乐超市有限公司", ORG, D(2019, 11, 25), "朱家乐", ent(),
         items="预包装食品销售（含冷藏冷冻食品）、散装食品销售（含冷藏冷冻食品）")
    n = next(seq)
    add("郑州中牟汽车零部件有限公司", ORG, D(2019, 11, 26), "特种设备使用登记决定书", f"中市监特登〔2019〕第{n:04d}号",
        "登记", "特种设备使用登记证", f"起17豫A{n:05d}(19)", "准予特种设备使用登记（桥式起重机1台）", years=None,
        frdb="田志刚", code=ent("91", "71780935"),
        extra={"XK_XDR_ZZJG": "71780935-" + org_code("71780935")[-1], "XK_XDR_GSZC": reg_number("00001187"),
               "XK_FR_ZJLX": "身份证", "XK_FR_ZJHM": id_number("19750826", "311")})
    food("中牟县瑞丰食品厂", ORG, D(2019, 11, 28), "吴瑞丰", ent(), items="预包装食品销售（不含冷藏冷冻食品）")
    return recs, planted


# ------------------------------------------------------------------------------------------- ledger

def ledger_records(penalties: list[dict], licences: list[dict]) -> tuple[list[dict], list[tuple]]:
    recs: list[dict] = []
    planted: list[tuple] = []

    def add(wsh, name, lb, jd, bs, ts, bz=None, bm=SCJG, xh=None, plant=()):
        recs.append({"XH": xh if xh is not None else len(recs) + 1, "WSH": wsh, "XMMC": name, "JDRQ": jd,
                     "BSRQ": bs, "TSRQ": ts, "BZ": bz, "LB": lb, "BM": bm})
        for p in plant:
            planted.append((len(recs) + 2,) + p)

    P, L = "行政处罚", "行政许可"
    add("中市监罚〔2019〕1187号", "中牟县金穗面粉有限公司生产标签不合格食品案", P, D(2019, 10, 30), D(2019, 11, 5), D(2019, 11, 5),
        bz="10月决定，11月报送")
    pen = {r["CF_XDR_MC"]: r for r in penalties}
    lic = {r["XK_XDR_MC"]: r for r in licences}

    def case(name):
        r = pen[name]
        return r["CF_WSH"], f"{name}{r['CF_WFXW']}案", r["CF_JDRQ"]

    def permit(name):
        r = lic[name]
        return r["XK_WSH"], f"{name}{r['XK_XKZS'] or r['XK_NR'][2:]}", r["XK_JDRQ"]

    w, n, d = case("中牟县鑫源商贸有限公司")
    add(w, n, P, d, D(2019, 11, 5), D(2019, 11, 5))
    w, n, d = permit("中牟县鑫源商贸有限公司")
    add(w, n, L, d, D(2019, 11, 4), D(2019, 11, 4))
    w, n, d = case("郑州绿博园林工程有限公司")  # decided 11-04 (Mon): deadline 11-13
    add(w, n, P, d, D(2019, 11, 20), D(2019, 11, 20),
        plant=(("BSRQ", "LATE_REPORT", "error", "11/04决定，11/20才报送（期限11/13）"),
               ("TSRQ", "LATE_PUSH", "error", "11/04决定，11/20才推送（期限11/13）")))
    w, n, d = permit("王志刚")
    add(w, n, L, d, D(2019, 11, 6), D(2019, 11, 6))
    w, n, d = case("河南中原蒜业科技有限公司")
    add(w, n, P, d, D(2019, 11, 8), D(2019, 11, 8))
    w, n, d = permit("中牟县百姓大药房有限公司")  # decided 11-05: deadline 11-14
    add(w, n, L, d, D(2019, 11, 15), D(2019, 11, 12),
        plant=(("BSRQ", "LATE_REPORT", "error", "11/05决定，11/15报送（期限11/14，逾期1个工作日）"),))
    w, n, d = case("郑州汇丰源食品有限公司")
    add(w, n, P, d, D(2019, 11, 12), D(2019, 11, 12))
    w, n, d = permit("郑州汇丰源食品有限公司")
    add(w, n, L, d, D(2019, 11, 8), D(2019, 11, 8))
    w, n, d = case("郑州市雁鸣湖旅游开发有限公司")  # 序号 jumps from 9 to 11
    add(w, n, P, d, D(2019, 11, 14), D(2019, 11, 14), xh=11,
        plant=(("XH", "LEDGER_SEQUENCE", "warning", "序号从9跳到11"),))
    w, n, d = permit("中牟县官渡镇卫生院")
    add(w, n, L, d, D(2019, 11, 12), D(2019, 11, 12), bm=WJW, xh=12)
    w, n, d = case("中牟县恒通汽车维修有限公司")
    add(w, n, P, d, None, None, xh=13, bz="待报送",
        plant=(("BSRQ", "NOT_REPORTED_OVERDUE", "error", "11/11决定，至12/31仍未报送（期限11/20）"),))
    w, n, d = permit("中牟县雁鸣湖温泉酒店有限公司")
    add(w, n, L, d, D(2019, 11, 13), D(2019, 11, 13), bm=WJW, xh=14)
    w, n, d = case("中牟县惠民大药房有限公司")
    add(w, n, P, d, D(2019, 11, 14), D(2019, 11, 14), xh=15)
    w, n, d = permit("中牟县鑫隆企业管理咨询有限公司")  # 文号 typed again from the previous line
    add(pen["中牟县惠民大药房有限公司"]["CF_WSH"], n, L, d, D(2019, 11, 18), D(2019, 11, 18), xh=16,
        plant=(("WSH", "DUPLICATE_WSH", "error", f"行政决定书文号与第{len(recs) + 2}行重复（应为许可文号）"),))
    w, n, d = case("郑州宏达混凝土有限公司")  # decided 11-15, 报送日期 typed as 11-05
    add(w, n, P, d, D(2019, 11, 5), D(2019, 11, 19), xh=17,
        plant=(("BSRQ", "DATE_ORDER", "error", "报送日期2019/11/05早于决定日期2019/11/15"),))
    w, n, d = permit("中牟县顺达货运有限公司")
    add(w, n, L, d, D(2019, 11, 22), D(2019, 11, 22), xh=18)
    w, n, d = case("郑州美佳装饰工程有限公司")
    add(w, n, P, d, D(2019, 11, 26), D(2019, 11, 26), xh=19)
    w, n, d = permit("中牟县家家乐超市有限公司")
    add(w, n, L, d, D(2019, 11, 27), D(2019, 11, 27), xh=20)
    w, n, d = case("中牟县瑞丰食品厂")
    add(w, n, P, d, None, None, xh=21,
        plant=(("BSRQ", "NOT_REPORTED_OVERDUE", "error", "11/27决定，至12/31仍未报送（期限12/06）"),))
    w, n, d = case("郑州中牟汽车零部件有限公司")  # decided 11-29 (Fri): deadline 12-10
    add(w, n, P, d, D(2019, 12, 10), D(2019, 12, 10), xh=22, bz="期限当日报送")
    return recs, planted


# ------------------------------------------------------------------------------------------- writing

HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def _write(path: Path, spec, sheet_name: str, title: str, records: list[dict],
           number_cells: set[tuple[int, str]] = frozenset()) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet_name
    fields = spec.fields
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(fields))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f.name for f in fields])
    for i, f in enumerate(fields, start=1):
        c = ws.cell(row=2, column=i)
        c.font = Font(bold=True)
        c.fill = HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center")
        width = 12 if f.type in (FieldType.DATE, FieldType.NUMBER) else 20 if f.type is FieldType.CODE else 24
        ws.column_dimensions[get_column_letter(i)].width = width
    for rec in records:
        ws.append([rec.get(f.code) for f in fields])
        r = ws.max_row
        for i, f in enumerate(fields, start=1):
            c = ws.cell(row=r, column=i)
            if isinstance(c.value, dt.date):
                c.number_format = "yyyy/mm/dd"
            elif f.type is FieldType.CODE:
                # code columns are text — except a cell planted as damaged by Excel
                c.number_format = "0" if isinstance(c.value, (int, float)) else "@"
    ws.freeze_panes = "A3"
    buf = io.BytesIO()
    wb.properties.creator = "sgs examples"
    wb.save(buf)
    _deterministic_zip(buf.getvalue(), path)


def _deterministic_zip(data: bytes, path: Path) -> None:
    """Rewrite the xlsx with fixed timestamps (openpyxl stamps the save time into core.xml and the zip)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2019-12-01T09:00:00Z", content)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, content)
    path.write_bytes(out.getvalue())


def _col(spec, code: str) -> str:
    return get_column_letter(spec.codes.index(code) + 1)


def main() -> None:
    pen, pen_plant = penalty_records()
    lic, lic_plant = license_records()
    led, led_plant = ledger_records(pen, lic)
    files = [
        ("行政处罚台账.xlsx", PENALTY, "行政处罚", f"{SCJG}行政处罚信息公示表", pen, pen_plant),
        ("行政许可台账.xlsx", LICENSE, "行政许可", f"{SCJG}行政许可信息公示表", lic, lic_plant),
        ("双公示台账_2019-11.xlsx", LEDGER, "台账", f"{SCJG}行政许可和行政处罚台账（2019年11月）", led, led_plant),
    ]
    for name, spec, sheet, title, recs, _ in files:
        _write(HERE / name, spec, sheet, title, recs)
    _write_readme(files)


SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def _write_readme(files) -> None:
    lines = [
        "# 示例台账",
        "",
        "本目录中的三个工作簿由 `make_examples.py` 生成（每次生成的文件逐字节相同），用于演示 `sgs validate`，",
        "也是 `tests/test_examples.py` 的测试数据。单位、企业和人员名称均为虚构；统一社会信用代码、组织机构代码、",
        "工商注册号和身份证号码的校验位都按国家标准计算，除下表所列的“故意埋入的错误”外均能通过校验。",
        "",
        "```",
        "python examples/make_examples.py          # 重新生成",
        "sgs validate examples/行政处罚台账.xlsx --today 2019-12-31",
        "sgs validate examples/ --today 2019-12-31 --format json",
        "```",
        "",
        "* `行政处罚台账.xlsx`：工作表“行政处罚”，第1行为合并的标题行，第2行为790号标准的30个字段，第3行起为数据。",
        "* `行政许可台账.xlsx`：工作表“行政许可”，同样布局，790号标准的28个字段。",
        "* `双公示台账_2019-11.xlsx`：郑发改财贸〔2019〕773号附件2“行政许可和行政处罚台账”，另加选填的“决定类别”“行政决定部门”两列。",
        "",
        "每个埋入的错误单独占一行（台账中第6行的报送、推送同时逾期，算作一行两处）。其余各行用 `--today 2019-12-31`",
        "校验时不产生任何错误或警告。另外，行政处罚表和行政许可表各有一条表级警告 `DEADLINE_PASSED`",
        "（行号为表头行、不指向单元格）：以 2019-12-31 作为报送日期，11月作出的决定均已超过7个工作日的期限；",
        "用 `--submit-date` 指定实际报送日期可消除。",
        "",
    ]
    for name, spec, _sheet, _title, _recs, planted in files:
        lines += [f"## {name}", "", "| 行 | 单元格 | 字段 | 规则代码 | 级别 | 说明 |", "|---|---|---|---|---|---|"]
        for row, code, rule, sev, desc in sorted(planted, key=lambda p: (p[0], _col(spec, p[1]))):
            f = spec.by_code(code)
            lines.append(f"| {row} | {_col(spec, code)}{row} | {f.name} | `{rule}` | {SEVERITY[sev]} | {desc} |")
        lines.append("")
    pen = files[0][4]
    led = files[2][4]
    row_of = {r["CF_XDR_MC"]: i + 3 for i, r in reversed(list(enumerate(pen)))}
    last = len(led) + 2
    lines += [
        "说明：",
        "",
        "* `DATE_NONSTANDARD` 为“提示”级别，只在 `-v` 或 JSON 输出中显示。",
        f"* 行政处罚表第{row_of['中牟县韩庄蔬菜批发部']}行是个体工商户使用17个0加X占位代码并填写了有效工商注册号的合法写法，不应报错；"
        f"第{row_of['中牟县鼎盛商贸有限公司']}行（吊销营业执照）填写了暂扣或吊销证照名称及编号，处罚有效期为2099/12/31（长期）。",
        f"* 台账第{last}行在期限当日（2019/12/10）报送，不算逾期；第3行为10月作出、11月及时报送的决定。",
        "",
    ]
    (HERE / "README.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
