"""Enumerations of the 790 standard (docs/standard.md §1.3) and the variants seen in real data."""

from __future__ import annotations

XDR_LB = ("法人及非法人组织", "自然人", "个体工商户")
LB_ORG, LB_PERSON, LB_INDIVIDUAL = XDR_LB

# variants mapped onto the canonical value with a warning
XDR_LB_VARIANTS = {
    "01": LB_PERSON,
    "02": LB_ORG,
    "03": LB_ORG,
    "04": LB_INDIVIDUAL,
    "法人": LB_ORG,
    "非法人组织": LB_ORG,
    "法人及其他组织": LB_ORG,
    "法人和其他组织": LB_ORG,
    "法人及非法人": LB_ORG,
    "个体户": LB_INDIVIDUAL,
    "个人": LB_PERSON,
}

ZJLX = ("身份证", "护照号", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证")
ZJLX_VARIANTS = {
    "01": "身份证",
    "02": "护照号",
    "03": "港澳居民来往内地通行证",
    "04": "台湾居民来往大陆通行证",
    "05": "外国人永久居留身份证",
    "居民身份证": "身份证",
    "护照": "护照号",
    "台湾居民来往内地通行证": "台湾居民来往大陆通行证",
}
#: the 证件类型 spellings that mean 居民身份证 (its ID number has a check digit: rules/identifiers.py)
ID_CARD_KINDS = tuple(dict.fromkeys([ZJLX[0], *(k for k, v in ZJLX_VARIANTS.items() if v == ZJLX[0])]))

XKLB = ("普通", "特许", "认可", "核准", "登记", "其他")
XKLB_VARIANTS = {"01": "普通", "02": "特许", "03": "认可", "04": "核准", "05": "登记", "06": "其他",
                 "1": "普通", "2": "特许", "3": "认可", "4": "核准", "5": "登记", "9": "其他"}

# 790 处罚类别 and the buckets the cross-field rules look at
CF_WARNING = "警告"
CF_FINE = "罚款"
CF_CONFISCATE = "没收违法所得、没收非法财物"
CF_SUSPEND = "责令停产停业"
CF_REVOKE = "暂扣或者吊销许可证、暂扣或者吊销执照"
CF_DETENTION = "行政拘留"
CF_OTHER = "其他"
CFLB_790 = (CF_WARNING, CF_FINE, CF_CONFISCATE, CF_SUSPEND, CF_REVOKE, CF_DETENTION, CF_OTHER)
#: the words by which a 处罚内容 names each 790 处罚类别 (其他: any wording) — rules/content.py and
#: rules/consistency.py read the same table
CATEGORY_WORDS = {
    CF_WARNING: ("警告",),
    CF_FINE: ("罚款", "罚金", "罚没"),
    CF_CONFISCATE: ("没收",),
    CF_SUSPEND: ("停产", "停业", "责令"),
    CF_REVOKE: ("暂扣", "吊销", "撤销"),
    CF_DETENTION: ("拘留",),
}

# 行政处罚法(2021) 第九条 categories -> the 790 bucket used by the conditional-required rules
CFLB_2021 = {
    "通报批评": CF_WARNING,
    "没收违法所得": CF_CONFISCATE,
    "没收非法财物": CF_CONFISCATE,
    "暂扣许可证件": CF_REVOKE,
    "吊销许可证件": CF_REVOKE,
    "降低资质等级": CF_OTHER,
    "限制开展生产经营活动": CF_OTHER,
    "责令关闭": CF_OTHER,
    "限制从业": CF_OTHER,
}
# spellings of 790 buckets seen in real files (e.g. Putuo/health-program templates)
CFLB_VARIANTS = {
    "没收违法所得和非法财物": CF_CONFISCATE,
    "没收非法所得": CF_CONFISCATE,  # 信用中国's own wording
    "没收违法所得,没收非法财物": CF_CONFISCATE,
    "暂扣或者吊销许可证": CF_REVOKE,
    "暂扣或者吊销执照": CF_REVOKE,
    "暂扣或吊销许可证、暂扣或吊销执照": CF_REVOKE,
    "吊销许可证": CF_REVOKE,
    "吊销执照": CF_REVOKE,
    "暂扣许可证": CF_REVOKE,
    "暂扣执照": CF_REVOKE,
}

XK_ZT = ("1", "2")
XK_ZT_LABEL = {"1": "有效", "2": "无效"}
XK_ZT_VARIANTS = {"有效": "1", "无效": "2", "正常": "1", "撤销": "2", "0": "1"}

LONG_TERM = "2099/12/31"  # 2099/12/31 的含义为长期

# junk placeholders that are not real content (docs/standard.md §5.5, realdata)
PLACEHOLDERS = frozenset(
    {"无", "/", "-", "--", "—", "null", "none", "空", "暂无", "\\n", "n/a", "na", "见附件", "同上", "0", "#n/a"}
)

# catalogue (附件1)
ZQLB = ("行政许可", "行政处罚")
