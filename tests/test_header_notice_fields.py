"""A notice's numbered fields read as a form's header (issue 9, round 7).

A 扶贫资金 notice (dev j10) lists its project as numbered lines: ``1、项目名称：…`` …
``4、项目金额及资金来源：653万元（财政资金）`` … ``6、项目绩效目标：…`` ``7、项目带贫减贫机制：…``.
The goal ends at the next numbered heading, which is no key of the form (it used to run on over
the 带贫 mechanism, the phone number and the date); the money line is the total. The dev notice is
perturbed: its numbers written 6. / （6） / 六、 / （六）, the number cut off before the key by a
space, the goal holding its own 1. 2. items, and the lines after the goal left unnumbered.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
import zhconv
from dev_gold import GOLD
from test_form_header import _header, _read

from assistant.evaluate.metrics import project_flags

SOURCE = next(GOLD.glob("j10-*")) / "source.txt"
GOAL = "在全县12个乡镇,31个村种植构树饲草918亩,每亩补助资金1000元,引导25493名群众调整种植结构,拓宽增收渠道。"
CHINESE = "零一二三四五六七八九"


def _notice() -> str:
    return SOURCE.read_text(encoding="utf-8")


def _renumbered(style: str):
    def number(m: re.Match[str]) -> str:
        n = int(m["n"])
        return {
            "dot": f"{n}.",
            "bracket": f"（{n}）",
            "chinese": f"{CHINESE[n]}、",
            "chinese_bracket": f"（{CHINESE[n]}）",
        }[style]

    return lambda text: re.sub(r"^(?P<n>\d)、", number, text, flags=re.M)


PERTURB = {
    "as published": lambda t: t,
    "6.": _renumbered("dot"),
    "（6）": _renumbered("bracket"),
    "六、": _renumbered("chinese"),
    "（六）": _renumbered("chinese_bracket"),
    "number spaced off": lambda t: re.sub(r"^(\d)、", r"\1、 ", t, flags=re.M),
    "traditional": lambda t: zhconv.convert(t, "zh-hant"),
}


@pytest.mark.parametrize("how", PERTURB)
def test_goal_ends_at_the_next_numbered_heading(how):
    header = _header(_read(PERTURB[how](_notice())))
    assert zhconv.convert(header["goal"], "zh-hans") == GOAL
    assert header["amounts"]["total"] == Decimal("653")


def test_goal_with_items_of_its_own_keeps_them():
    """1. 2. inside the goal are the goal's own items, not the notice's headings (7、 is)."""
    goal = "1.种植构树饲草918亩;2.引导25493名群众调整种植结构。"
    header = _header(_read(_notice().replace(GOAL, goal)))
    assert header["goal"] == goal


def test_a_later_number_that_is_not_the_next_does_not_end_the_goal():
    """Only the next number (7、 after 6、) is taken for the next heading: 9、 may be an item of
    the goal's own or a list quoted in it, so the rule does not cut there."""
    text = _notice().replace("7、项目带贫减贫机制", "9、项目带贫减贫机制")
    assert len(_header(_read(text))["goal"]) > len(GOAL)


@pytest.mark.parametrize("how", PERTURB)
def test_perturbed_notices_are_never_silently_wrong(how):
    table = _read(PERTURB[how](_notice()))
    project = table.projects()[0]
    ok = project.amounts.total == Decimal("653") and zhconv.convert(project.goal or "", "zh-hans") == GOAL
    assert ok or project_flags(table)[0]
