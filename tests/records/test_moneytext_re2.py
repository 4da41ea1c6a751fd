"""The RE2 fast paths of the amounts and consistency families' columnar forms (records/moneytext.ONE_FINE_RE2,
NO_FINE_RE2; ONE_CONFISCATION_RE2, NO_CONFISCATION_RE2) against moneytext's own reading (stated_yuan): on
every normalised 处罚内容 text a pattern matches, the amount it reads is stated_yuan's (and a text with one
confiscation read states exactly one). A pattern that accepted a text moneytext reads otherwise would drop
or invent a FINE_AMOUNT_MISMATCH or CONFISCATION_AMOUNT_MISMATCH silently in the columnar engine."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings, strategies as st

from sgs_cli.io.cells import normalize_text
from sgs_cli.records.moneytext import (CONFISCATION, FINE, NO_CONFISCATION_RE2, NO_FINE_RE2, ONE_CONFISCATION_RE2,
                                      ONE_FINE_RE2, re2_yuan, stated_amounts, stated_yuan)

PATTERNS = {FINE: (ONE_FINE_RE2, NO_FINE_RE2), CONFISCATION: (ONE_CONFISCATION_RE2, NO_CONFISCATION_RE2)}

PIECES = ["警告", "罚款", "并处", "人民币", "没收违法所得", "没收", "违法所得", "以下", "以上", "至", "每日", "货值金额",
          "合计", "元", "圆", "万", "千", "贰", "壹", "￥", "¥", "；", ";", "。", "，", "（", "）", "整", "1", "2", "0",
          "5", "000", ",", ".", "3", "小写", "罚金", " "]


def _read(texts: list[str], role: str = FINE):
    one_re2, no_re2 = PATTERNS[role]
    arr = pa.array(texts, pa.string())
    got = pc.extract_regex(arr, one_re2)
    one = got.is_valid().to_pylist()
    nums, wans = got.field("num").to_pylist(), got.field("wan").to_pylist()
    none = pc.match_substring_regex(arr, no_re2).to_pylist()
    return one, nums, wans, none


def _agree(texts: list[str], role: str = FINE) -> int:
    one, nums, wans, none = _read(texts, role)
    matched = 0
    for t, o, num, wan, n in zip(texts, one, nums, wans, none):
        assert not (o and n), t
        if o:
            assert stated_yuan(t, role) == re2_yuan(num, wan), t
            assert len([a for a in stated_amounts(t) if a.role == role]) == 1 or role == FINE, t
            matched += 1
        elif n:
            assert stated_yuan(t, role) is None, t
            matched += 1
    return matched


def test_examples_read_the_same_way():
    texts = ["警告，并处罚款2000元", "罚款人民币1.5万元", "罚款1,000元；没收违法所得300元", "警告",
             "没收违法所得300元；罚款500元。", "责令改正；罚款20000元"]
    one, nums, wans, none = _read(texts)
    assert one == [True, True, True, False, True, True]
    assert [re2_yuan(n, w) for n, w, o in zip(nums, wans, one) if o] == \
        [Decimal(2000), Decimal(15000), Decimal(1000), Decimal(500), Decimal(20000)]
    assert none[3] is True
    assert _agree(texts) == 6
    # spellings only moneytext reads are left to it: neither pattern matches them
    left = ["罚款两千元", "罚款5千元", "处罚款贰万元整", "罚款1000元（大写：壹仟元）", "处一万元以上十万元以下罚款"]
    one, _, _, none = _read(left)
    assert not any(one) and not any(none)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), min_size=1, max_size=40))
def test_generated_texts_read_the_same_way(texts):
    _agree([normalize_text(t) for t in texts])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "警告，并处", "责令改正；", "没收违法所得120元；"]),
                          st.from_regex(r"[1-9][0-9]{0,2}(,[0-9]{3})?(\.[0-9]{1,2})?", fullmatch=True),
                          st.sampled_from(["", "万"]), st.sampled_from(["", "。", "；没收违法所得80元"])),
                min_size=1, max_size=20))
def test_texts_shaped_like_a_fine_read_the_same_way(parts):
    texts = [f"{a}罚款{n}{w}元{b}" for a, n, w, b in parts]
    assert _agree(texts) == len(texts)  # all of them take the fast path, and agree


def test_confiscations_read_the_same_way():
    texts = ["没收违法所得12590.72元；罚款6250元。", "罚款1,000元；没收违法所得300元", "没收违法所得1.5万元",
             "警告；没收违法所得2600元；没收掺假花生油15桶", "罚款100元", "警告", "没收非法财物"]
    one, nums, wans, none = _read(texts, CONFISCATION)
    assert one == [True, True, True, True, False, False, False]
    assert [re2_yuan(n, w) for n, w, o in zip(nums, wans, one) if o] == \
        [Decimal("12590.72"), Decimal(300), Decimal(15000), Decimal(2600)]
    assert none == [False, False, False, False, True, True, True]
    assert _agree(texts, CONFISCATION) == 7
    # spellings only moneytext reads are left to it: neither pattern matches them
    left = ["没收违法所得人民币300元", "没收违法所得叁佰元", "没收违法所得300元（大写：叁佰元）", "没收违法所得￥300",
            "罚款没收共计300元", "没收违法所得2600元、没收掺假花生油15桶"]
    one, _, _, none = _read(left, CONFISCATION)
    assert not any(one) and not any(none)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), min_size=1, max_size=40))
def test_generated_texts_read_the_same_way_for_confiscation(texts):
    _agree([normalize_text(t) for t in texts], CONFISCATION)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "警告，并处", "责令改正；", "罚款120元；", "没收工具；"]),
                          st.from_regex(r"[1-9][0-9]{0,2}(,[0-9]{3})?(\.[0-9]{1,2})?", fullmatch=True),
                          st.sampled_from(["", "万"]), st.sampled_from(["", "。", "；罚款80元", "；没收非法财物"])),
                min_size=1, max_size=20))
def test_texts_shaped_like_a_confiscation_read_the_same_way(parts):
    texts = [f"{a}没收违法所得{n}{w}元{b}" for a, n, w, b in parts]
    assert _agree(texts, CONFISCATION) == len(texts)
