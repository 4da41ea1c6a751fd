"""The RE2 fast path of the amounts family's columnar form (records/moneytext.ONE_FINE_RE2, NO_FINE_RE2)
against moneytext's own reading (stated_yuan): on every normalised 处罚内容 text a pattern matches, the
fine it reads is stated_yuan's. A pattern that accepted a text moneytext reads otherwise would drop or
invent a FINE_AMOUNT_MISMATCH silently in the columnar engine."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings, strategies as st

from sgs_cli.io.cells import normalize_text
from sgs_cli.records.moneytext import FINE, NO_FINE_RE2, ONE_FINE_RE2, re2_fine_yuan, stated_yuan

PIECES = ["警告", "罚款", "并处", "人民币", "没收违法所得", "没收", "违法所得", "以下", "以上", "至", "每日", "货值金额",
          "合计", "元", "圆", "万", "千", "贰", "壹", "￥", "¥", "；", ";", "。", "，", "（", "）", "整", "1", "2", "0",
          "5", "000", ",", ".", "3", "小写", "罚金", " "]


def _read(texts: list[str]):
    arr = pa.array(texts, pa.string())
    got = pc.extract_regex(arr, ONE_FINE_RE2)
    one = got.is_valid().to_pylist()
    nums, wans = got.field("num").to_pylist(), got.field("wan").to_pylist()
    none = pc.match_substring_regex(arr, NO_FINE_RE2).to_pylist()
    return one, nums, wans, none


def _agree(texts: list[str]) -> int:
    one, nums, wans, none = _read(texts)
    matched = 0
    for t, o, num, wan, n in zip(texts, one, nums, wans, none):
        assert not (o and n), t
        if o:
            assert stated_yuan(t, FINE) == re2_fine_yuan(num, wan), t
            matched += 1
        elif n:
            assert stated_yuan(t, FINE) is None, t
            matched += 1
    return matched


def test_examples_read_the_same_way():
    texts = ["警告，并处罚款2000元", "罚款人民币1.5万元", "罚款1,000元；没收违法所得300元", "警告",
             "没收违法所得300元；罚款500元。", "责令改正；罚款20000元"]
    one, nums, wans, none = _read(texts)
    assert one == [True, True, True, False, True, True]
    assert [re2_fine_yuan(n, w) for n, w, o in zip(nums, wans, one) if o] == \
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
