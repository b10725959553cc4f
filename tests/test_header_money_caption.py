"""A 自评表's money caption wrapped down its lines, and its money rows on one line each
(issue 9, round 7).

山东's 区级部门预算项目支出绩效自评表 (dev j02), copied as space-separated text, prints the
merged caption 项目预算执行情况（10分） down three lines (项目预算 / 执行情况 / (10分)): 项目预算
is the caption's first line, not the total's key with 执行情况 its value. Its money rows come
one a line with spaces between the cells (年度资金总额 45 45 10 100% 10 执行率*…), read by the
columns above them. The dev form is perturbed: the caption on one line or cut elsewhere, another
caption word, the amounts made to differ (the budget, not what was spent, is the total), a
全年预算数 column after 年初预算数, and amounts the columns cannot place (flagged).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import zhconv
from dev_gold import GOLD
from test_form_header import _header, _read

from assistant.evaluate.metrics import project_flags

SOURCE = (next(GOLD.glob("j02-*")) / "source.txt").read_text(encoding="utf-8")
CAPTION = "项目预算\n执行情况\n(10分)\n"
HEADS = "年初预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分 得分计算方法"
TOTAL = "年度资金总额 45 45 10 100% 10 执行率*该指标分值,最高不得超过分值上限。"
FISCAL = "其中:财政拨款 45 45 - - -"


def _amounts(text: str) -> dict:
    return _header(_read(text))["amounts"]


@pytest.mark.parametrize(
    "caption",
    [
        CAPTION,
        "项目预算执行情况(10分)\n",
        "项目预算\n执行情况(10分)\n",
        "项目预算\n执行情况\n",
        "预算\n执行情况\n(10分)\n",
    ],
)
@pytest.mark.parametrize("traditional", [False, True])
def test_wrapped_caption_is_not_a_key_and_the_rows_are_read(caption, traditional):
    text = SOURCE.replace(CAPTION, caption)
    amounts = _amounts(zhconv.convert(text, "zh-hant") if traditional else text)
    assert amounts["total"] == Decimal("45")
    assert amounts["fiscal"] == Decimal("45")


def test_budget_not_spending_is_the_total():
    text = SOURCE.replace(TOTAL, "年度资金总额 45 40.5 10 90% 9 执行率*该指标分值").replace(
        FISCAL, "其中:财政拨款 45 40.5 - - -"
    )
    amounts = _amounts(text)
    assert amounts["total"] == Decimal("45")
    assert amounts["fiscal"] == Decimal("45")


def test_full_year_budget_column_after_the_start_of_year_one():
    text = (
        SOURCE.replace(HEADS, "年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分")
        .replace(TOTAL, "年度资金总额 40 45 45 10 100% 10")
        .replace(FISCAL, "其中:财政拨款 40 45 45 - - -")
    )
    amounts = _amounts(text)
    assert amounts["total"] == Decimal("45")
    assert amounts["fiscal"] == Decimal("45")


def test_key_with_its_amount_is_still_the_total():
    """项目预算 followed by an amount, not by the caption's rest, stays the total's key."""
    text = SOURCE.replace(CAPTION, "项目预算\n45\n")
    assert _amounts(text)["total"] == Decimal("45")


def test_cells_the_columns_cannot_place_are_flagged():
    """A cell dropped from the row (45 10 100% 10: which column is gone is not known) is not
    read silently."""
    table = _read(SOURCE.replace(TOTAL, "年度资金总额 45 10 100% 10").replace(FISCAL, "其中:财政拨款 45 - - -"))
    amounts = _header(table)["amounts"]
    assert amounts["total"] in (None, Decimal("45")) or project_flags(table)[0]
    assert amounts["fiscal"] in (None, Decimal("45")) or project_flags(table)[0]
