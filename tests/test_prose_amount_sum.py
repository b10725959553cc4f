"""A report's money sentence naming a budget and its parts (issue 9, round 7).

Dev j11 (a 自评报告 with no table) writes ``…补助经费预算10441万元。其中,中央转移支付资金8353万元,
省级配套资金2088万元``: three amounts, one the sum of the other two, so it is the project's total
(read, and said how). The sentence is perturbed: the parts in the other order, a third part, 元
for 万元, traditional characters; and broken: parts that do not add up, or units that differ,
where no total is read and that is said.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import zhconv
from dev_gold import GOLD
from prose_copies import codes, read

SOURCE = (next(GOLD.glob("j11-*")) / "source.txt").read_text(encoding="utf-8")
SENTENCE = "预算10441万元。其中,中央转移支付资金8353万元,省级配套资金2088万元"


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        (SENTENCE, "10441"),
        ("预算10441万元。其中,省级配套资金2088万元,中央转移支付资金8353万元", "10441"),
        ("预算10441万元。其中,中央转移支付资金8000万元,省级配套资金2088万元,州级配套资金353万元", "10441"),
        ("预算104410000元。其中,中央转移支付资金83530000元,省级配套资金20880000元", "104410000"),
    ],
)
@pytest.mark.parametrize("traditional", [False, True])
def test_budget_that_is_the_sum_of_its_parts_is_the_total(sentence, total, traditional):
    text = SOURCE.replace(SENTENCE, sentence)
    table = read(zhconv.convert(text, "zh-hant") if traditional else text)
    project = table.projects()[0]
    assert project.amounts.total == Decimal(total)
    assert project.amounts.fiscal is None
    assert "PROSE_AMOUNT_SUM" in codes(table)


@pytest.mark.parametrize(
    "sentence",
    [
        "预算10441万元。其中,中央转移支付资金8353万元,省级配套资金2000万元",  # does not add up
        "预算10441万元。其中,中央转移支付资金8353万元,省级配套资金20880000元",  # 元 beside 万元
    ],
)
def test_amounts_that_do_not_pin_a_total_are_not_read_and_said(sentence):
    table = read(SOURCE.replace(SENTENCE, sentence))
    assert table.projects()[0].amounts.total is None
    assert "PROSE_AMOUNTS_SEVERAL" in codes(table)


def test_one_part_after_qizhong_leaves_the_budget_read_and_flagged():
    """其中 names what follows a part of the amount before it (extract-w's reading of j11): one
    part smaller than the budget leaves the budget the total, flagged as read from a sentence."""
    table = read(SOURCE.replace(SENTENCE, "预算10441万元。其中,中央转移支付资金8353万元"))
    assert table.projects()[0].amounts.total == Decimal("10441")
    assert "PROSE_AMOUNT_FROM_TEXT" in codes(table)


# k09 (dev), verbatim: a part with parts of its own (预拨3608 = 中央2855 + 省级753), then 清算120,
# then the year's whole 3728 = 3608 + 120
K09 = (
    "我县在30个工作日内及时将原12类基本公共卫生服务项目预拨资金3608万元(中央资金2855万元、省级资金753万元)"
    "分配到各项目实施机构,年终考核后及时将剩余的清算资金120万元分配到位,"
    "2023年度12类基本公共卫生服务资金3728万元全部执行到位。"
)


def test_parts_with_parts_of_their_own_add_up_to_the_total():
    table = read(f"枞阳县2023年度国家基本公共卫生服务项目绩效评价自评报告\n一、基本情况\n{K09}\n")
    assert table.projects()[0].amounts.total == Decimal("3728")
    assert "PROSE_AMOUNT_SUM" in codes(table)


def test_amounts_that_do_not_nest_are_not_summed():
    broken = K09.replace("清算资金120万元", "清算资金150万元")  # 3608 + 150 is not 3728
    table = read(f"枞阳县2023年度国家基本公共卫生服务项目绩效评价自评报告\n一、基本情况\n{broken}\n")
    assert table.projects()[0].amounts.total is None
    assert "PROSE_AMOUNTS_SEVERAL" in codes(table)
