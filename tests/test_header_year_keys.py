"""当年度 read as a year word in the header's keys (issue 9, round 7).

广东's 项目支出绩效目标表 (dev g02) writes its money under a 预算金额 caption as 总金额 (the whole
project's) beside 当年度金额 (the year's), and its goal under 总体绩效目标 as 当年度目标. 当年度 is
年度 ("of this year"): 当年度金额 is the 年度金额 key, 当年度目标 the 年度目标 key, and 总金额 is
the whole project's money, never the year's. The dev document is perturbed: the two amounts made
to differ, its blank lines dropped, its cells joined by ``|``, traditional characters, the caption
left out, 当年度 written 年度.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import zhconv
from dev_gold import GOLD
from test_form_header import _header, _read

from assistant.evaluate.metrics import project_flags

SOURCE = next(GOLD.glob("g02-*")) / "source.txt"


def _form() -> str:
    """The dev form from its own title down (the allocation table above it is another table)."""
    text = SOURCE.read_text(encoding="utf-8")
    return text[text.index("绩效目标表\n\n项目名称") :]


GOAL = "激发热心企业、热心社会组织等社会力量参与养老颐养活力"

PERTURB = {
    "as published": lambda t: t,
    "no blank lines": lambda t: t.replace("\n\n", "\n"),
    "pipes": lambda t: t.replace("\n\n", " | "),
    "traditional": lambda t: zhconv.convert(t, "zh-hant"),
    "no caption": lambda t: t.replace("预算金额\n\n", ""),
    "年度 for 当年度": lambda t: t.replace("当年度", "年度"),
}


@pytest.mark.parametrize("how", PERTURB)
def test_year_amount_and_goal_under_this_year_keys(how):
    text = PERTURB[how](_form().replace("总金额\n\n50万元", "总金额\n\n150万元"))
    table = _read(text)
    header = _header(table)
    assert header["amounts"]["total"] == Decimal("50")  # the year's, not the whole project's 150
    goal = zhconv.convert(header["goal"], "zh-hans")
    assert goal.startswith(GOAL)  # the key 当年度目标 is not part of the goal
    assert "FORM_GOAL_HAS_LABELS" not in {f.code for f in table.failures}


def test_whole_project_amount_alone_is_not_the_year_total():
    """With no 当年度金额 row, 总金额 (the whole project's) is not taken for the year's total."""
    table = _read(_form().replace("当年度金额\n\n50万元\n\n", ""))
    assert _header(table)["amounts"]["total"] is None


@pytest.mark.parametrize("how", PERTURB)
def test_perturbed_copies_are_never_silently_wrong(how):
    table = _read(PERTURB[how](_form()))
    project = table.projects()[0]
    assert project.amounts.total == Decimal("50") or project_flags(table)[0]
