"""moneytext — amounts as 处罚内容 states them. The texts follow the wording of published decisions: the
forms quoted in issue 13 from real 处罚内容 (“处罚款贰万元整”, “罚款（大写），人民币伍拾肆万元整”, “罚款伍万元”,
“罚款:8.0（万元）”, “￥30000”) and the usual 大写/小写 pairs, ranges of the law and 没收 clauses of decisions."""

from decimal import Decimal

import pytest

from sgs_cli.records.moneytext import CONFISCATION, FINE, amount_cell_in_wan, stated_amounts, stated_yuan

D = Decimal

FINE_TEXTS = [
    ("处罚款贰万元整", 20000),
    ("罚款（大写），人民币伍拾肆万元整", 540000),
    ("罚款伍万元", 50000),
    ("罚款:8.0（万元）", 80000),
    ("罚款￥30000", 30000),
    ("罚款人民币壹万伍仟元整（￥15000）", 15000),
    ("罚款人民币壹万伍仟元整（¥15,000.00元）", 15000),
    ("罚款人民币（大写）叁仟元整（小写：3000元）", 3000),
    ("罚款2000元", 2000),
    ("警告，并处罚款2000元", 2000),
    ("罚款人民币2,000元", 2000),
    ("罚款0.2万元", 2000),
    ("罚款人民币1.5万元", 15000),
    ("罚款1234.56元", D("1234.56")),
    ("罚款人民币贰拾万零伍仟元整", 205000),
    ("罚款人民币壹佰万元", 1000000),
    ("罚款两千元", 2000),
    ("罚款一万五千元", 15000),
    ("罚款人民币5千元", 5000),
    ("罚款捌拾元伍角", D("80.5")),
    ("罚款壹佰贰拾叁元肆角伍分", D("123.45")),
    ("罚款十万元", 100000),
    ("处以罚款人民币伍佰元", 500),
    ("罚款金额：3000元", 3000),
    ("决定给予罚款的行政处罚，罚款金额为人民币陆万柒仟捌佰玖拾元整", 67890),
    ("罚款3000（元）", 3000),
    ("罚款 1,000 元", 1000),
    ("罚款人民币贰仟圆整", 2000),
    ("依据《中华人民共和国食品安全法》第一百二十四条，处五万元以上十万元以下罚款，决定罚款伍万元", 50000),
    ("没收违法所得人民币3000元，并处罚款人民币伍仟元整", 5000),
    ("罚款5000元，没收违法所得3000元", 5000),
    ("没收违法所得贰仟元、没收非法财物，罚款壹万元", 10000),
    ("1、警告；2、罚款人民币肆仟元整。", 4000),
    ("罚款30000元（叁万元整）", 30000),
    ("罚款人民币二〇〇〇元", 2000),
    ("罚款人民币拾万元整", 100000),
    ("对当事人罚款人民币伍万元，对直接负责的主管人员罚款人民币壹万元，合计罚款陆万元", 60000),
]


@pytest.mark.parametrize("text, yuan", FINE_TEXTS)
def test_fine_as_written(text, yuan):
    assert stated_yuan(text, FINE) == D(yuan)


NO_FINE = [
    "处以罚款",  # no amount
    "警告",
    "依据第三十二条，处一万元以上五万元以下罚款",  # only the law's range
    "没收违法所得3000元",  # a confiscation, not a fine
    "责令停产停业，货值金额8000元",
    "罚款3000元；罚款5000元",  # two different fines, no total: nothing to compare
]


@pytest.mark.parametrize("text", NO_FINE)
def test_no_single_fine(text):
    assert stated_yuan(text, FINE) is None


@pytest.mark.parametrize("text, yuan", [
    ("没收违法所得人民币3000元，并处罚款人民币伍仟元整", 3000),
    ("罚款5000元，没收违法所得叁仟元", 3000),
    ("没收违法所得（大写）壹万贰仟元整", 12000),
])
def test_confiscation_kept_apart(text, yuan):
    assert stated_yuan(text, CONFISCATION) == D(yuan)


def test_positions_and_roles():
    text = "没收违法所得人民币3000元，并处罚款人民币伍仟元整（￥5000）"
    found = stated_amounts(text)
    assert [(a.yuan, a.role) for a in found] == [(D(3000), CONFISCATION), (D(5000), FINE)]
    assert text[found[1].start:found[1].end] == "伍仟元整"


@pytest.mark.parametrize("cell, wan", [("贰万元", "2"), ("2000元", "0.2"), ("0.5万元", "0.5"), ("壹仟伍佰元整", "0.15")])
def test_amount_cell_in_wan(cell, wan):
    assert amount_cell_in_wan(cell) == D(wan)
