"""A project's text cell written in bracketed sections, as some departments publish it:

    【项目概况】… 【总体目标】… 【产出指标-数量指标】 指标1:机柜数量(≥77台) 指标2:…

Each ``【一级-二级】`` heading names the group of the items under it; an item is ``指标N:``
then the indicator name, its target value in the last bracket pair. ``【总体目标】`` /
``【年度目标】`` hold the goal; other sections (项目概况, 项目内容) are descriptions, not read.

No silent guesses: an item without a bracketed value keeps its whole text as the name and
gets a problem naming the value, and text under a level heading that is not an item is
reported, never dropped quietly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...messages import Msg, msg
from ...taxonomy import code_for_level1_name, code_for_level2_name

__all__ = ["SectionItem", "has_level_sections", "read_sections"]

_HEADING = re.compile(r"【\s*(?P<title>[^【】]{1,30}?)\s*】\s*[:：]?")
_LEVEL_PAIR = re.compile(r"^(?P<l1>[^-－—–]+?指标)\s*[-－—–]\s*(?P<l2>[^-－—–]+?指标)$")
_GOAL_TITLES = re.compile(r"^(?:年度|总体|项目|年度总体|绩效)?目标$")
_ITEM = re.compile(r"指标\s*(?P<n>\d+)\s*[:：]")
#: the value of an item: the last bracket pair at its end — 机柜数量(≥77台)
_VALUE = re.compile(r"[（(](?P<value>[^（()）]+)[)）]\s*[;；。,，]?\s*$")


@dataclass(slots=True)
class SectionItem:
    """One item: [start, end) offsets of name and value in the text, and its group."""

    level1_name: str
    level2_name: str
    level1_code: str | None
    level2_code: str | None
    level1_span: tuple[int, int]
    level2_span: tuple[int, int]
    name: tuple[int, int]
    value: tuple[int, int] | None
    problems: list[Msg] = field(default_factory=list)


def has_level_sections(text: str) -> bool:
    """True when the text has at least one 【一级指标-二级指标】 heading."""
    return any(_LEVEL_PAIR.match(m["title"]) for m in _HEADING.finditer(text))


def read_sections(text: str) -> tuple[tuple[int, int] | None, list[SectionItem], list[str]]:
    """The goal's (start, end), the items, and problems (text that was not read)."""
    heads = list(_HEADING.finditer(text))
    goal: tuple[int, int] | None = None
    items: list[SectionItem] = []
    problems: list[Msg] = []
    for k, head in enumerate(heads):
        start, end = head.end(), heads[k + 1].start() if k + 1 < len(heads) else len(text)
        body = _trim(text, start, end)
        title = re.sub(r"\s+", "", head["title"])
        if _GOAL_TITLES.match(title):
            if body and goal is None:
                goal = body
            continue
        pair = _LEVEL_PAIR.match(head["title"])
        if not pair:
            continue  # 项目概况, 项目内容: descriptions
        l1 = (head.start("title") + pair.start("l1"), head.start("title") + pair.end("l1"))
        l2 = (head.start("title") + pair.start("l2"), head.start("title") + pair.end("l2"))
        marks = list(_ITEM.finditer(text, start, end))
        if body and (not marks or _trim(text, start, marks[0].start())):
            problems.append(msg("SECTION_TEXT_NOT_READ", title=head["title"], text=text[body[0] : body[1]][:40]))
        for j, mark in enumerate(marks):
            span = _trim(text, mark.end(), marks[j + 1].start() if j + 1 < len(marks) else end)
            if span is None:
                continue  # 指标2: with nothing after it: a template row left empty
            item = SectionItem(
                pair["l1"],
                pair["l2"],
                code_for_level1_name(pair["l1"]),
                code_for_level2_name(pair["l2"]),
                l1,
                l2,
                span,
                None,
            )
            m = _VALUE.search(text, span[0], span[1])
            if m and m.start() > span[0]:
                item.name = _trim(text, span[0], m.start()) or span
                item.value = (m.start("value"), m.end("value"))
            else:
                item.problems.append(msg("SECTION_ITEM_NO_VALUE"))
            items.append(item)
    return goal, items, problems


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without white space and trailing separators; None when empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ";；,，。"):
        end -= 1
    return (start, end) if end > start else None
