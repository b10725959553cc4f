"""The grid's caption and its first head cell wrapped under the goal (issue 9, round 7).

福建's 区域绩效目标表 (dev j07), one cell per line, prints the merged 绩效指标 caption down two
lines (绩效 / 指标) and the first head cell the same way (一级 / 指标) right under the goal: none
of it is more of the goal. The dev form is perturbed: the caption cut one character a line, on
one line, the head cell whole or cut, blank lines dropped, traditional characters; and a goal
whose own last lines are short is still read whole.
"""

from __future__ import annotations

import re

import pytest
import zhconv
from dev_gold import GOLD
from test_form_header import _read

SOURCE = (next(GOLD.glob("j07-*")) / "source.txt").read_text(encoding="utf-8")
GOAL = "促进民族乡村经济社会事业发展、铸牢中华民族共同体意识"
PRINTED = "绩效\n指标\n\n一级\n\n指标\n"

CAPTIONS = {
    "as published": PRINTED,
    "a character a line": "绩\n效\n指\n标\n\n一级\n\n指标\n",
    "caption on one line": "绩效指标\n\n一级\n\n指标\n",
    "head cell whole": "绩效\n指标\n\n一级指标\n",
    "head cell cut to 一": "绩效\n指标\n\n一\n级指标\n",
}


def _goal(text: str) -> str:
    return zhconv.convert(_read(text).projects()[0].goal or "", "zh-hans")


@pytest.mark.parametrize("caption", CAPTIONS)
@pytest.mark.parametrize("how", ["as published", "no blank lines", "traditional"])
def test_caption_and_head_cell_wrapped_are_not_the_goal(caption, how):
    text = SOURCE.replace(PRINTED, CAPTIONS[caption])
    if how == "no blank lines":
        text = re.sub(r"\n\s*\n", "\n", text)
    if how == "traditional":
        text = zhconv.convert(text, "zh-hant")
    assert _goal(text) == GOAL


def test_goal_with_short_last_lines_is_read_whole():
    """A goal printed over lines whose last are short (…共同体 / 意识) keeps them: only the
    caption's words are cut."""
    text = SOURCE.replace(GOAL, "促进民族乡村经济社会事业发展、\n铸牢中华民族\n共同体\n意识")
    assert re.sub(r"\s", "", _goal(text)) == GOAL
