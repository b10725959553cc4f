"""The goal a report or notice states: after its label, in a sentence, or under a heading.

Templates label it 绩效目标, 年度(绩效)目标, 总体(绩效)目标 (``绩效目标：…`` up to the next numbered
field, ended at its last full stop); a report may say it in a sentence (``总体绩效目标为…``, going on
``二是…``) or put it under a heading of its own line (``(一)绩效目标情况`` / the paragraph under it).
A part listed with its money may have its goal as the item it heads under a goal heading.
"""

from __future__ import annotations

import re

from .form.labels import _T2S
from .prose_text import _ITEM_HEAD, _SECTION_HEAD, _item_headed, _without_readings

#: the goal's label as the templates write it: 绩效目标, 年度(绩效)目标, 总体(绩效)目标, 项目绩效目标, and
#: 预期目标 (a 自评表's word for the year's goal, LABELING: 年度目标, 预期目标 in a 自评表)
_GOAL = re.compile(
    r"(?:(?:年度|总体|项目)(?:绩效)?|绩效|预期)总?目标(?:是|为)?[ \t\u3000]*[:：。][ \t\u3000]*(?P<goal>[^\n]+)"
)
#: the goal told in a sentence with no colon: 本项目总体绩效目标为治理… ; 总体绩效目标一是…。二是…。
#: the goal is that sentence, and the ones after it that go on counting (二是, 三是 …). The label is
#: qualified (总体, 年度, 项目): a bare 我绩效目标是… may be a report's account of what was done
_GOAL_SAID = re.compile(r"(?:年度|总体|项目)(?:绩效)?目标(?:(?:是(?!否)|为)(?![:：\s。，,])|(?=一是))(?P<goal>[^\n]+)")
_COUNTED = re.compile(r"[二三四五六七八九十]是")
#: the goal as a report's heading on a line of its own, its text the paragraph under it:
#: (二)项目绩效目标 / 2020年,我绩效目标是… ; (一)绩效目标情况 / 建设8个… (not …完成情况, what was done)
_GOAL_HEADING = re.compile(
    r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十\d]{1,2}[、.．])[ \t\u3000]*"
    # another aspect may come first: 1.项目立项目的和年度绩效目标
    # the project's own goal needs no 绩效: 一、 项目总体目标 ; 预期总目标 (not 总体目标 alone: a report's
    # 1.总体目标 may be the evaluation's, 通过此次绩效评价…, m15)
    r"(?:[\u4e00-\u9fff]{2,8}[和及与])?(?:(?:项目|年度|总体|整体|项目年度|项目总体|项目整体)?绩效目标"
    # an evaluation report's 目标设置 section states the targets set: (2)目标设置。 / 组织律师进村活动,… (n08)
    r"|项目(?:年度|总体|整体)目标|预期总?目标|目标设置|目标设定)(?:情况)?"
    r"[ \t\u3000]*[:：。]?[ \t\u3000]*\n(?:[ \t\u3000]*\n)*[ \t\u3000]*"
    # the paragraph is no heading of its own, and does not end in a colon (…如下表所示：, a table's lead)
    r"(?P<goal>(?![（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|\d{1,2}[、.．])[^\n]*[^\n:：\s])[ \t\u3000]*$",
    re.M,
)
#: the next numbered field of an item ((7)绩效目标。… (8)…) ends the goal; 1. 2. inside a goal are its own
_FIELD_MARK = re.compile(r"[（(]\d{1,2}[)）]")


def _goal_item(plain: str, name: str) -> tuple[str, int] | None:
    """A part's goal: the text of the item it heads (1. A:保证…;) under a heading naming the goal
    ((二)绩效目标情况), up to the item's ；/; or its line's end; None when no such item."""
    for m in re.finditer(_item_headed(name) + r"[ \t\u3000]*(?P<goal>[^\n；;]+)", plain, re.M):
        above = [line for line in plain[: m.start()].split("\n") if line.strip()]
        heading = next((line for line in reversed(above) if not _ITEM_HEAD.match(line)), "")
        if "目标" in heading and _SECTION_HEAD.match(heading):
            return m.group("goal").strip(), m.start("goal")
    return None


#: a paragraph judging the goal rather than stating it: …绩效目标合理 ; 目标设置较为明确
_ASSESSED = re.compile(r"目标(?:设置|设定)?(?:较为|比较|基本|总体)?(?:合理|明确|清晰|可行)")


def _heading_goal(plain: str, start: int, end: int) -> re.Match[str] | None:
    """The first goal heading whose paragraph states the goal: an evaluation report's 3.绩效目标 may
    only judge it (…是…所必需的,绩效目标合理, n08), the goal set being told under another heading."""
    pos = start
    while (m := _GOAL_HEADING.search(plain, pos, end)) is not None:
        if not _ASSESSED.search(m.group("goal")):
            return m
        pos = m.end("goal")
    return None


def _goal(plain: str, start: int, end: int) -> tuple[str, int] | None:
    found = [m for m in (_GOAL.search(plain, start, end), _heading_goal(plain, start, end)) if m]
    found += [m for m in (_GOAL_SAID.search(plain, start, end),) if m]
    if not found:
        return None
    m = min(found, key=lambda m: (m.start(), m.re is _GOAL_SAID))
    text, at = m.group("goal"), m.start("goal")
    text = text[: end - at] if at + len(text) > end else text
    if m.re is _GOAL_SAID:  # the sentence, and those that go on counting
        stop = text.find("。")
        while stop >= 0 and _COUNTED.match(text, stop + 1):
            stop = text.find("。", stop + 1)
        if stop < 0:
            return None  # the sentence does not end: not whole
        text = text[: stop + 1]
    if mark := _FIELD_MARK.search(text, 1):
        text = text[: mark.start()]
    if "。" in text:
        text = text[: text.rfind("。") + 1]
    text = text.strip()
    return (text, at) if text else None


def goal_under_heading(text: str) -> tuple[str, int] | None:
    """The paragraph under a report's goal heading on a line of its own ((一)绩效目标情况 / 建设8个…),
    and where it starts; None when the report has no such heading."""
    plain = _without_readings(text)[0]
    if len(plain) != len(text):
        return None  # a mirror's readings: offsets would not hold
    plain = plain.translate(_T2S)
    m = _heading_goal(plain, 0, len(plain))
    if m is None:
        return None
    goal = text[m.start("goal") : m.end("goal")].strip()
    return (goal, m.start("goal")) if goal else None
