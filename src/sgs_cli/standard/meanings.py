"""Header labels read by meaning: the words a licence or penalty column label is made of, for the label
families no alias list covers (docs/header-labels.md, “按含义识别”).

A label that no code, name or alias matches is read here: each ``Meaning`` names the field it means by
word groups (one word of every group must occur) and words that rule it out. The table is tried in order;
the first meaning whose field the layout has wins. Origins:

* 国家企业信用信息公示系统 (the publicity system's own labels, also used by the 人民银行 branch pages and the
  scrapers of both): ``作出行政处罚决定日期``, ``作出行政处罚决定机关名称``, ``作出行政处以罚决定机关名称``,
  ``作出行政处罚决定期（公文落款时间）``, ``法定代表人（负责人）姓名``, ``行政处罚文书决定号``;
* platform exports of the 2015 layout: ``许可决定书文号``, ``法定代表人名称``, ``工商登记号``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Meaning:
    fields: tuple[str, ...]  # field codes without the XK_/CF_ prefix, the first the layout has wins
    all_of: tuple[tuple[str, ...], ...]  # one word of each group must occur in the label
    none_of: tuple[str, ...] = ()  # words that rule the meaning out


_DATE_OUT = ("有效", "截止", "公示", "更新", "报送", "推送", "开始", "结束", "起", "至", "自", "终", "止", "签收",
             "录入", "导出", "生效")

MEANINGS: tuple[Meaning, ...] = (
    # the decision number: 行政处罚文书决定号, 许可决定书文号, 处罚决定书编号
    Meaning(("WSH",), (("文号", "文书号", "决定号", "决定书号", "决定书编号", "文书编号"),),
            ("名称", "日期", "时间", "机关", "代码", "证书", "许可证")),
    # the authority's code before the authority: 作出行政处罚决定机关统一社会信用代码
    Meaning(("CFJGDM", "XKJGDM"), (("机关", "机构"), ("代码",)), ("来源",)),
    # the authority: 作出行政处罚决定机关名称, 处罚作出机关, 作出行政处以罚决定机关名称
    Meaning(("CFJG", "XKJG", "XZJG"), (("机关", "机构"), ("作出", "做出", "决定", "处罚", "许可", "执法", "实施")),
            ("代码", "编码", "来源", "地址", "电话", "联系", "类型", "性质")),
    # the decision date: 作出行政处罚决定日期, 作出行政处罚决定期（公文落款时间）, 作出许可决定的时间
    Meaning(("JDRQ",), (("决定", "作出", "做出"), ("日期", "时间", "落款", "期")), _DATE_OUT),
    # the representative: 法定代表人（负责人）姓名, 法定代表人名称, 经营者
    Meaning(("FRDB", "FR"), (("法定代表人", "法人代表", "负责人", "经营者"),),
            ("证件", "身份", "号", "类型", "电话", "代码")),
    # the legal basis: 行政处罚依据 (人民银行 branch pages, 国家企业信用信息公示系统 scrapers)
    Meaning(("YJ",), (("依据",),), ("证据", "事实", "编码")),
    # the party: 当事人名称（姓名）, 企业或个人名称, 被处罚人姓名
    Meaning(("XDR_MC", "XDR"), (("当事人", "相对人", "企业", "单位", "被处罚", "被许可", "个人", "组织"), ("名称", "姓名")),
            ("机关", "来源", "代表", "负责", "代码", "类别", "类型")),
)

#: identifier words inside a label (``行政相对人代码（纳税人识别号）``, ``工商登记号``): the field they name,
#: in the order tried (the 790 code first, then the 2015 one)
IDENTIFIER_WORDS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("统一社会信用代码", "社会信用代码"), ("XDR_SHXYM",)),
    (("纳税人识别号", "纳税人识别码", "税务登记"), ("XDR_SWDJ",)),
    (("工商注册号", "工商登记号", "工商登记码", "注册号", "营业执照号", "营业执照注册号"), ("XDR_GSZC", "XDR_GSDJ")),
    (("组织机构代码",), ("XDR_ZZJG", "XDR_ZDM")),
    (("事业单位证书号", "事业单位法人证书号"), ("XDR_SYDW",)),
    (("社会组织登记证号",), ("XDR_SHZZ",)),
    (("居民身份证号", "身份证号", "公民身份号码"), ("XDR_SFZ", "XDR_ZJHM")),
)

#: words that make an identifier label someone else's (the representative's, the authority's, the source's)
_ID_OUT = ("法定代表人", "法人", "代表人", "负责人", "类型", "机关", "机构", "来源")

#: a code column's stem that names no identifier by itself: its label in brackets decides
#: (``行政相对人代码（纳税人识别号）`` is the 税务登记号 column, not the USCC one)
GENERIC_CODE_STEMS = frozenset({"行政相对人代码", "相对人代码", "代码", "主体代码", "证照代码"})


def _prefix(codes) -> str | None:
    return next((c.split("_", 1)[0] for c in codes if c[:3] in ("XK_", "CF_")), None)


def identifier_of(label: str, codes) -> str | None:
    """The party's identifier field (one of ``codes``) a label names by its words (纳税人识别号, 工商登记号), or
    None — also None for the representative's, the authority's or the source's code."""
    prefix = _prefix(codes)
    if prefix is None or any(w in label.replace("组织机构", "组织") for w in _ID_OUT):
        return None
    for words, fields in IDENTIFIER_WORDS:
        if any(w in label for w in words):
            for f in fields:
                if f"{prefix}_{f}" in codes:
                    return f"{prefix}_{f}"
    return None


def _first_words() -> re.Pattern | None:
    """Any word a label must hold for :func:`meaning_of` to find a meaning in it: an identifier word, or a word of
    the first group of a meaning (every group of a meaning must match). None if a meaning had no group."""
    words = {w for group, _ in IDENTIFIER_WORDS for w in group}
    for m in MEANINGS:
        if not m.all_of or not m.all_of[0]:
            return None
        words.update(m.all_of[0])
    return re.compile("|".join(map(re.escape, sorted(words))))


def meaning_of(label: str, codes) -> str | None:
    """The field code (with its prefix, one of ``codes``) a normalised label means, or None. A label holding
    none of the words is None at once (header detection asks this of every unmatched cell of the first 30
    rows, data cells included, under every layout)."""
    if _FIRST_WORDS is not None and _FIRST_WORDS.search(label) is None:
        return None
    return _meaning_of(label, codes)


def _meaning_of(label: str, codes) -> str | None:
    prefix = _prefix(codes)
    if prefix is None:
        return None
    codes = set(codes)
    hit = identifier_of(label, codes)
    if hit is not None:
        return hit
    for m in MEANINGS:
        if all(any(w in label for w in group) for group in m.all_of) and not any(w in label for w in m.none_of):
            for f in m.fields:
                if f"{prefix}_{f}" in codes:
                    return f"{prefix}_{f}"
    return None


#: a bare 名称 / 姓名 column is the party's name when a column beside it holds the party's code
#: (国家企业信用信息公示系统: 名称 | 注册号 | 统一社会信用代码)
BARE_NAMES = frozenset({"名称", "姓名", "名称(姓名)", "姓名(名称)", "主体名称"})


_FIRST_WORDS = _first_words()
