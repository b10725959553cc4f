"""Indicators a report writes in its sentences, read only from clearly marked items.

Lines opened by a category label (``数量指标：慰问人数=9人``, or the lines under a label alone on its
line), clauses naming their target (``年初目标值≥90%``), a 绩效目标 line made only of ``name + sign +
value`` items (``道路硬化≥0.565km；…``) or ending in a list of them (:mod:`.prose_targets`). What the
text says was achieved (``当年实际完成9人``, ``完成90%``) is never a target. The category words come
from :mod:`assistant.taxonomy`.
"""

from __future__ import annotations

import re

from ...compare_words import SIGNS
from ...schema import Indicator
from ...taxonomy import (
    EFFECT_WORDS,
    LEVEL1_ONLY_WORDS,
    LEVEL1_WORDS,
    LEVEL2_WORDS,
    code_for_level1_name,
    code_for_level2_name,
    words,
)
from .form.cut import _UNIT
from .prose_targets import _ITEM_NUMBER, count_in, goal_targets, stated_targets, targets_in
from .prose_text import _SECTION_HEAD

#: a line opened by a category label: 数量指标：… ; 1.数量指标。… ; (2)质量指标… ; ②时效指标:… ; 产出数量指标：… ;
#: 效益指标：… (level 1 only) ; 3.满意度指标完成情况分析。… (a level-1 heading with its sentence) ;
#: (1)经济效益。… (a level-2 name without 指标, after a number) ; 满意度指标(服务对象满意度指标):… (level 1
#: with its level 2 in brackets). ``sep`` is empty when the label runs on into its sentence; ``body`` is
#: empty when the label is a line of its own (its sentence is the next line).
_LEVEL2 = re.compile(
    r"^[ \t\u3000]*(?P<num>(?:\d{1,2}[、.．]|[一二三四五六七八九十]{1,3}、|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩])[ \t\u3000]*)?"
    rf"(?:(?P<l1h>(?:{words(LEVEL1_WORDS)})指标)完成情况(?:分析)?"
    rf"|(?P<label>(?:{words(LEVEL1_ONLY_WORDS)})?(?:{words(LEVEL2_WORDS)})指标"
    rf"|(?P<bare>{words(EFFECT_WORDS)})(?=[ \t\u3000]*[:：。.]))"
    rf"|(?P<l1>{words(LEVEL1_ONLY_WORDS)})指标)"
    r"(?:[（(](?P<sub>[^（()）\n]{2,14}指标)[)）])?"
    r"[ \t\u3000]*(?P<sep>[:：。.]?)[ \t\u3000]*(?P<body>[^\n]*)",
    re.M,
)
#: a level-1 heading on its own line: (1)产出指标。 ; 1.产出指标完成情况分析 ; 二、效益指标 (the spaces
#: after the number belong to it: two runs of spaces in a row would take quadratic time on a blank line)
_LEVEL1_HEAD = re.compile(
    r"^[ \t\u3000]*(?:(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])"
    rf"[ \t\u3000]*)?(?P<label>(?:{words(LEVEL1_WORDS)})指标)(?:完成情况(?:分析)?)?[ \t\u3000]*[:：。.]?[ \t\u3000]*$",
    re.M,
)
_SIGN = r"[" + SIGNS + r"]{1,2}"
#: a target: a sign, a number and its unit (one known measure word, Latin letters, or one character
#: closing the item: ≥100岁)
_VALUE = re.compile(
    rf"{_SIGN}[ \t\u3000]*\d+(?:\.\d+)?[ \t\u3000]*(?:{_UNIT}|[a-zA-Z]{{1,4}}|[\u4e00-\u9fff](?=[ \t\u3000]*(?:[。；;，,]|$)))?"
)
#: what the text says was done, not the target: 当年实际完成9人, 完成90%
_ACHIEVED = re.compile(r"[,，]?[ \t\u3000]*(?:当年|全年)?(?:实际)?完成(?:情况|值)?[:：]?[ \t\u3000]*\d")


#: an indicator read from the text: (its level-2 label's span or None, name, offset, value, offset,
#: its level-1 label's span or None)
_Item = tuple[tuple[int, int] | None, str, int, str | None, int | None, tuple[int, int] | None]


def _cut_item(item: str) -> tuple[str, str | None, int | None]:
    """An item's name and its target: the name ends where the sign starts; an achieved value is dropped."""
    if done := _ACHIEVED.search(item):
        item = item[: done.start()]
    value = _VALUE.search(item)
    if value is None:
        return item.strip(" \t\u3000，,"), None, None
    return item[: value.start()].strip(), value.group(0).strip(), value.start()


def _labeled(plain: str, start: int, end: int) -> list[_Item]:
    """Indicators of lines opened by a category label: ``数量指标：慰问人数=9人，当年实际完成9人。``,
    ``3.时效指标。…发放指标为100%实际完成值为100%``. A line with a colon after its label lists
    items (the checks flag one with no value); a label run on into its sentence or
    closed by 。 opens a report's sentence, where only clauses stating a target are read (an item of
    a list with no target is kept only when its result is written: 慰问对象满意度完成90%). A label
    whose sentences state no target at all lists its measures with their numbers
    (``(1)数量指标。`` over ``办理法律援助案件94件;调解各类纠纷数量1087件``): each clause that is a
    name and a number is read (:func:`.prose_targets.count_in`; ``X为100%`` only in a colon's list).
    Level 1 is the label itself (效益指标：…, 满意度指标(服务对象满意度指标):…) or the level-1
    heading above the line when its code agrees."""
    out: list[_Item] = []
    heads = list(_LEVEL1_HEAD.finditer(plain, start, end))
    for m in _LEVEL2.finditer(plain, start, end):
        if m.group("bare") and not m.group("num"):
            continue  # 经济效益：… with no number: a sentence's subject, not a label
        bodies = [(m.group("body"), m.start("body"))]
        if not m.group("body").strip():  # the label alone on its line: its sentences are the lines under it
            bodies = _lines_under(plain, m.end(), end)
        if m.group("l1h"):
            label, level1 = None, (m.start("l1h"), m.end("l1h"))
        elif m.group("sub"):  # 满意度指标(服务对象满意度指标)
            label, level1 = (m.start("sub"), m.end("sub")), (m.start("label"), m.end("label"))
        elif m.group("l1"):
            label, level1 = None, (m.start("l1"), m.end("l1"))
        else:
            label, level1 = (m.start("label"), m.end("label")), None
            above = [h for h in heads if h.start() < m.start()]
            code = code_for_level2_name(m.group("label"))
            if above and code and code_for_level1_name(above[-1].group("label")) == code[0]:
                level1 = (above[-1].start("label"), above[-1].end("label"))
        listed = m.group("sep") in (":", "：") and m.group("sep") != ""
        cost = label is not None and "成本" in plain[label[0] : label[1]]
        pieces = []
        for body, at in bodies:
            for piece in re.split(r"[；;。]", body):
                pieces.append((piece, at))
                at += len(piece) + 1
        stated = any(targets_in(piece) for piece, _ in pieces)
        for piece, at in pieces:
            if number := _ITEM_NUMBER.match(piece):  # 1.培训人数500人 ; ①…: the item's number is no name
                piece, at = piece[number.end() :], at + number.end()
            found = targets_in(piece)
            counted = []
            if not stated:  # no target stated under this label: its measures are listed with their numbers
                sub_at = 0
                for clause in re.split(r"[,，]", piece):
                    if one := count_in(clause, linked_by_is=listed, money=cost):
                        counted.append((one[0], sub_at + one[1], one[2], sub_at + one[3]))
                    sub_at += len(clause) + 1
            if found or counted:
                for name, name_at, value, value_at in found or counted:
                    out.append((label, name, at + name_at, value, at + value_at, level1))
            elif listed:
                name, value, value_at = _cut_item(piece)
                lead = len(piece) - len(piece.lstrip())
                if name and (value is not None or _ACHIEVED.search(piece)):  # else a sentence, not an item
                    where = at + (value_at if value_at is not None else 0)
                    out.append((label, name, at + lead, value, where if value is not None else None, level1))
    return out


_LINE = re.compile(r"[^\n]*\S[^\n]*")


def _lines_under(plain: str, pos: int, end: int) -> list[tuple[str, int]]:
    """The lines under a category label written alone on its line (``(1)数量指标。`` over
    ``办理法律援助案件94件;…``, or over ``1.…`` ``2.…``), each with its offset: up to the next
    label, level-1 heading or section, ten lines at most."""
    out: list[tuple[str, int]] = []
    for line in _LINE.finditer(plain, pos, end):
        if (
            len(out) >= 10
            or _LEVEL2.match(plain, line.start())
            or _LEVEL1_HEAD.match(plain, line.start())
            or _SECTION_HEAD.match(line.group(0))
        ):
            break
        out.append((line.group(0), line.start()))
    return out


def _stated(plain: str, start: int, end: int) -> list[_Item]:
    """Targets a report's sentences name as such (指标值为“…”, 年初目标值≥90%), with no category label."""
    return [(None, name, at, value, value_at, None) for name, at, value, value_at in stated_targets(plain, start, end)]


def _goal_items(plain: str, start: int, end: int) -> list[_Item]:
    """Targets listed after the goal's sentence on its line (…学费;发放率100%,减免率100%)."""
    return [(None, name, at, value, value_at, None) for name, at, value, value_at in goal_targets(plain, start, end)]


def _unlabeled(goal: tuple[str, int] | None) -> list[_Item]:
    """A 绩效目标 line made only of name + target items (道路硬化≥0.565km；合格率不低于95%；…): its
    targets, the sign or the comparison word (:mod:`.prose_targets`) starting each item's value."""
    if goal is None:
        return []
    text, at = goal
    pieces, out, pos = re.split(r"[；;]", text), [], 0
    for piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        if value := _VALUE.search(piece):
            name, value_text, value_at = piece[: value.start()].strip(), value.group(0).strip(), value.start()
        elif len(found := targets_in(piece)) == 1 and found[0][1] == lead:
            name, _, value_text, value_at = found[0]
        else:
            return []  # not every item is a target: the line is a goal sentence, nothing is read from it
        if not re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z0-9]{2,30}", name):
            return []
        out.append((None, name, at + pos + lead, value_text, at + pos + value_at, None))
        pos += len(piece) + 1
    return out if len(out) >= 2 else []


def item_indicator(item: tuple, plain: str, text: str, span, seq: int) -> Indicator:
    """An indicator from a report's item (label, name, at, value, value_at, level1): codes from the
    simplified ``plain`` text, the strings as ``text`` writes them (same offsets), spans by ``span``."""
    label, name, at, value, value_at, level1 = item
    level2 = code_for_level2_name(plain[label[0] : label[1]]) if label else None
    level1_code = code_for_level1_name(plain[level1[0] : level1[1]]) if level1 else None
    spans = {"name": span(at, name)}
    if value is not None and value_at is not None:
        spans["annual_value"] = span(value_at, value)
    return Indicator(
        seq=seq,
        level1_code=level1_code or (level2[0] if level2 else None),
        level1_name=text[level1[0] : level1[1]] if level1 else None,
        level2_code=level2,
        level2_name=text[label[0] : label[1]] if label else None,
        name=text[at : at + len(name)],
        annual_value=text[value_at : value_at + len(value)] if value and value_at is not None else None,
        spans=spans,
    )
