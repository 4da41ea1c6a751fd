"""How department names are written, as data: one key per department, whatever the spelling.

A county's papers name one department many ways: 中牟县市场监督管理局 in a ledger's column, 县市场监管局 in the
773 联络员名单, 市场监管局 in a title; 中牟县卫生健康委员会 and 县卫健委; 住房和城乡建设局 and 住建局.
:func:`department_key` reduces each to one key — the words of :data:`SPELLINGS` in their short form, then the
leading place names removed (郑州市, 中牟县, or a bare 县/市/区) — so every name from a column, a title, a
roster (with its 简称) or a liaison list matches through this one function (reports/roster.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: words written in more than one way in department names: (a spelling, the one the key uses). Applied in
#: this order: 委员会 and 和 first, so that 发展和改革委员会 becomes 发展改革委 before it becomes 发改委.
SPELLINGS: tuple[tuple[str, str], ...] = (
    ("委员会", "委"),
    ("和", ""),  # 住房和城乡建设局 = 住房城乡建设局, 人力资源和社会保障局 = 人力资源社会保障局
    ("监督管理", "监管"),  # 市场监督管理局 = 市场监管局
    ("卫生健康委", "卫健委"),
    ("发展改革委", "发改委"),
    ("人力资源社会保障", "人社"),
    ("住房城乡建设", "住建"),
    ("文化广电旅游", "文广旅"),
    ("交通运输", "交通"),
    ("应急管理", "应急"),
    ("教育体育", "教体"),
    ("城市管理", "城管"),
)

#: a leading place name ("河南省", "郑州市", "中牟县", a bare "县") — not the 市 of 市场, 市政, 市容 or the 区 of 区域
_PLACE = re.compile(r"^.{0,6}?(?:省|自治区|自治州|地区|市|县|区|旗)(?![场政容域])")
_NOISE = re.compile(r"[\s·•:：,，.。;；、()（）\[\]【】〔〕\"'“”‘’]+")


@lru_cache(maxsize=4096)
def spelled(name: str) -> str:
    """The name in one spelling, its place kept: NFKC, no spaces or punctuation, :data:`SPELLINGS` applied."""
    n = _NOISE.sub("", unicodedata.normalize("NFKC", name or ""))
    for written, short in SPELLINGS:
        n = n.replace(written, short)
    return n


def places_off(name: str) -> list[str]:
    """The spelled name without its leading place names, one more each step: "郑州市中牟县统计局" →
    ["中牟县统计局", "统计局"]; a remainder shorter than 2 characters is not a name."""
    out: list[str] = []
    n = name
    while True:
        m = _PLACE.match(n)
        if not m or len(n) - m.end() < 2:
            return out
        n = n[m.end():]
        out.append(n)


@lru_cache(maxsize=4096)
def department_key(name: str) -> str:
    """The key two spellings of one department share: "中牟县市场监督管理局", "县市场监管局" and "市场监管局" →
    "市场监管局"; "中牟县卫生健康委员会" and "县卫健委" → "卫健委"."""
    n = spelled(name)
    forms = places_off(n)
    return forms[-1] if forms else n
