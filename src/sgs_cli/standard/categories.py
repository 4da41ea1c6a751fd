"""行政相对人类别 and 处罚类别 as written → their canonical values (790 buckets, the 2021 statutory list,
recognised variants, “其他-说明”)."""

from __future__ import annotations

import re

from sgs_cli.standard import enums

_SPLIT = re.compile(r"[；;,，]")


def _other_ok(text: str) -> bool:
    """“其他-备案”, “其他：备案”, “其他（备案）” carry the concrete category; plain “其他” does not."""
    rest = re.sub(r"^其他[-—_:：(（\s]*", "", text).rstrip(")）")
    return bool(rest)


def category_of(text: str) -> tuple[str | None, bool]:
    """(canonical 类别, was_variant)."""
    if text in enums.XDR_LB:
        return text, False
    if text in enums.XDR_LB_VARIANTS:
        return enums.XDR_LB_VARIANTS[text], True
    return None, False


def cflb_buckets(text: str) -> tuple[set, list]:
    """790 buckets of a 处罚类别 cell and a list of (item, kind) with kind in ok/variant/2021/other/bad."""
    buckets, items = set(), []
    for raw in _SPLIT.split(text):
        item = raw.strip()
        if not item:
            continue
        if item in enums.CFLB_790 and item != enums.CF_OTHER:
            buckets.add(item)
            items.append((item, "ok"))
        elif item in enums.CFLB_2021:
            buckets.add(enums.CFLB_2021[item])
            items.append((item, "2021"))
        elif item in enums.CFLB_VARIANTS:
            buckets.add(enums.CFLB_VARIANTS[item])
            items.append((item, "variant"))
        elif item.startswith(enums.CF_OTHER):
            buckets.add(enums.CF_OTHER)
            items.append((item, "ok" if _other_ok(item) else "other"))
        else:
            items.append((item, "bad"))
    return buckets, items
