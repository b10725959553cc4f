"""A goal wrapped over lines is read whole, and one left mid-sentence is flagged on its field.

The copies are dev sources with the goal's text broken after a comma (``field_rewrites.goal_split``),
the way a page wraps a long cell; the gold does not change.
"""

from __future__ import annotations

import json

import pytest
from field_rewrites import GOLD, goal_split, read_samples

from assistant.extract import extract
from assistant.ingest import read_bytes


def _gold(stem: str) -> dict:
    return json.loads((GOLD / stem / "gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "stem",
    [
        "a01-wh-qingshan-edu-runtogether",  # run-together form: the goal's second line was read alone
        "c12-tongxin-training-prose",  # a notice's 总体绩效目标: only its first line was read
        "g02-gd-zhaoqing-elderly-care-lottery-fund-cellperline",  # a cell per line
        "b08-hn-nanyue-tourism-infra-form",
    ],
)
def test_a_wrapped_goal_is_read_whole(stem):
    gold = _gold(stem)
    [project] = [p for u in gold["units"] for p in u["projects"]]
    text = goal_split((GOLD / stem / "source.txt").read_text(encoding="utf-8"), project["goal"])
    assert text is not None
    [sample] = read_samples(gold, text)
    assert sample["ok_goal_exact"], sample["prediction"]["goal"]


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")


_FORM = (
    "项目名称：乡村道路养护\n"
    "年度资金总额：100万元\n"
    "年度目标：完成乡村道路养护300公里，\n"
    "一级指标|二级指标|三级指标|指标值\n"
    "产出指标|数量指标|养护里程|300公里\n"
)


def test_a_goal_that_stops_mid_sentence_is_flagged_on_its_field():
    table = _read(_FORM)
    [project] = table.projects()
    assert project.goal.endswith("，")
    assert any(f.code == "GOAL_ENDS_MID_SENTENCE" and f.field == "绩效目标" for f in table.failures)


def test_a_whole_goal_is_not_flagged():
    table = _read(_FORM.replace("300公里，\n一级", "300公里。\n一级"))
    assert not any(f.code == "GOAL_ENDS_MID_SENTENCE" for f in table.failures)


def test_a_goal_ending_with_a_colon_is_flagged_on_its_field():
    """目标2:…需求: announces what follows; a goal that stops there was cut."""
    table = _read(_FORM.replace("300公里，\n一级", "300公里，满足群众出行需求:\n一级"))
    [project] = table.projects()
    assert project.goal.endswith(":")
    assert any(f.code == "GOAL_ENDS_MID_SENTENCE" and f.field == "绩效目标" for f in table.failures)
