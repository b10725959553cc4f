"""Money rows of a form's header the rules used not to read (issue 9, round 7).

- A notice's money line under a key that names the amount and its source (dev j10:
  ``4、项目金额及资金来源：653万元（财政资金）``, and the ways other notices word it): the total.
- A money cell holding two cells' amounts run together, each with its unit (dev b03's
  ``其中：财政拨款 | 854万854万（高标准农田建设400万元,…）``: the 实施周期 and 年度 cells of the row
  copied with no separator): one amount when they agree; when they differ (or their units do)
  which is the year's is not known, so nothing is read and that is said.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import zhconv
from dev_gold import GOLD
from test_form_header import _header, _read

from assistant.evaluate.metrics import project_flags

NOTICE = (next(GOLD.glob("j10-*")) / "source.txt").read_text(encoding="utf-8")
FORM = (next(GOLD.glob("b03-*")) / "source.txt").read_text(encoding="utf-8")
FISCAL = "854万854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)"


@pytest.mark.parametrize(
    "key",
    [
        "项目金额及资金来源",
        "项目资金及来源",
        "项目金额和资金来源",
        "项目预算金额及资金来源",
        "项目总金额及来源",
        "年度总金额",
    ],
)
@pytest.mark.parametrize("traditional", [False, True])
def test_amount_and_source_key_is_the_total(key, traditional):
    text = NOTICE.replace("项目金额及资金来源", key)
    header = _header(_read(zhconv.convert(text, "zh-hant") if traditional else text))
    assert header["amounts"]["total"] == Decimal("653")
    assert header["amounts"]["fiscal"] is None  # （财政资金） names the source, it is no amount of its own


@pytest.mark.parametrize("cell", [FISCAL, "854万元854万元", "854万 854万", "854万854万（资金）", "854.00万854.00万"])
def test_agreeing_amounts_run_together_are_one_amount(cell):
    table = _read(FORM.replace(FISCAL, cell))
    amounts = _header(table)["amounts"]
    assert amounts["total"] == Decimal("854")
    assert amounts["fiscal"] == Decimal("854")
    assert not [f for f in table.failures if f.field == "amounts.fiscal"]


@pytest.mark.parametrize("cell", ["854万700万(高标准农田建设400万元)", "854万854元", "700万元854万元"])
def test_differing_amounts_run_together_are_not_read_and_said(cell):
    table = _read(FORM.replace(FISCAL, cell))
    assert _header(table)["amounts"]["fiscal"] is None
    assert [f for f in table.failures if f.field == "amounts.fiscal"]
    assert project_flags(table)[0]


def test_one_amount_with_a_note_holding_amounts_is_still_one_amount():
    """854万(高标准农田建设400万元,…): the note's amounts are not cells run together."""
    table = _read(FORM.replace(FISCAL, "854万(高标准农田建设400万元,示范建设295万元)"))
    assert _header(table)["amounts"]["fiscal"] == Decimal("854")


ITEM = (next(GOLD.glob("i06-*")) / "source.txt").read_text(encoding="utf-8")
DEPT = (next(GOLD.glob("g14-*")) / "source.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("amount", ["0.00", "1,200,000.00"])
@pytest.mark.parametrize("traditional", [False, True])
def test_society_money_is_the_other_money(amount, traditional):
    """广东's 项目库 form (dev i06): 其中：社会投入资金 is money from outside the budget, 其他资金."""
    text = ITEM.replace("其中:社会投入资金(单位:元) |\n0.00 |", f"其中:社会投入资金(单位:元) |\n{amount} |")
    amounts = _header(_read(zhconv.convert(text, "zh-hant") if traditional else text))["amounts"]
    assert amounts["total"] == Decimal("10875000")
    assert amounts["other"] == Decimal(amount.replace(",", ""))


@pytest.mark.parametrize("number", ["2.", "2、", "2．"])
def test_units_other_income_row_is_the_other_money(number):
    """福建's 部门整体支出绩效自评表 (dev g14): 2.单位其它收入 beside 1. 财政资金 is 其他资金, its
    amount the 小计 column's (年初 + 调整 = 小计)."""
    text = DEPT.replace("2.单位其它收入 0 0 0 0 0 0 0", f"{number}单位其它收入 5 1 6 6 100 0 0")
    text = text.replace("合 计 130.54 58.07 188.61", "合 计 135.54 59.07 194.61")
    amounts = _header(_read(text))["amounts"]
    assert amounts["other"] == Decimal("6")
