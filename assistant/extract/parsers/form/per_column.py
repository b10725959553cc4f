"""Values printed per place: a grid that gives each indicator one value column per township,
county or sub-project (福建's 专项资金绩效目标表 passed down to several places: 西坪镇尧山村 |
桃舟乡吾培村 | …, or 区域目标值 over 新罗区 | 上杭县 | 漳平市). The place names head those
columns after the known heads and before the first level label; they are no head word the
rules know, so without this the header stops at the first place and the places are read as
indicators. Read as columns of their own, and not as the project's target value: a value
for one place is not the value for the whole project, so the target is left empty and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ....messages import msg
from .failures import Failures
from .labels import (
    _HEAD_WORD,
    _ends_grid,
    _fold,
    _form_word,
    _is_grid_caption,
    _is_header_word,
    _is_label,
    _level1_stub,
    _level2_label,
)
from .tokens import Token

#: a place or sub-project name: words only, ending in an administrative unit or 项目 / 工程
#: (尧山村, 新罗区, 上杭县, 西坪镇尧山村), no digit or punctuation; a head the rules have no word for
#: (实施进度) or a 一级 label they do not know (项目决策) does not end so
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,10}(?:[省市县区镇乡村旗州盟]|街道|社区|项目|工程)")


@dataclass(slots=True)
class PlaceHeads:
    """The heads found after the header's known heads: heads of no known word (指标解释) and
    the place names after them."""

    heads: list[Token]
    places: list[Token]


def _head(text: str) -> bool:
    """A column head whether the rules know its word (区域目标值) or only its kind (指 标 解 释)."""
    folded = _fold(text)
    return _is_header_word(text) or (len(folded) <= 12 and not _is_label(text) and bool(_HEAD_WORD.search(folded)))


def _place(text: str) -> bool:
    folded = _fold(text).strip()
    return (
        bool(_PLACE.fullmatch(folded))
        and not _head(text)
        and not _form_word(text)
        and not _is_grid_caption(text)
        and not _ends_grid(text)
        and not _level1_stub(text)
    )


def _starts_body(tokens: list[Token]) -> bool:
    """A level label, one wrapped over two lines (产出 | 指标), or a 一级 cell in words the rules
    do not know (项目决策, 顼目产出 as OCR reads 项目产出) before a 二级 label."""
    if _is_label(tokens[0].text):
        return True
    return len(tokens) > 1 and (_is_label(tokens[0].text + tokens[1].text) or _level2_label(tokens[1].text))


def place_heads(tokens: list[Token]) -> PlaceHeads | None:
    """Where the header's known heads end (``tokens`` from there, filled cells only): heads,
    then two or more place names, then the first level label of the body. None when the cells
    are not so (a body row's name, a value, a label right away)."""
    i = 0
    while i < len(tokens) and _head(tokens[i].text):
        i += 1
    j = i
    while j < len(tokens) and _place(tokens[j].text):
        j += 1
    places = tokens[i:j]
    if len(places) < 2 or j >= len(tokens) or not _starts_body(tokens[j:]):
        return None
    if len({_fold(t.text) for t in places}) != len(places):
        return None  # a name repeated is not a row of column heads
    return PlaceHeads(tokens[:i], places)


def caption_over_places(names: list[str], first_place: int, head_target: str | None) -> bool:
    """The head just before the places names a target (``head_target``: 区域目标值, 指标值): it
    is the caption merged over the place columns (their header's first row), not a column of
    its own."""
    return first_place >= 1 and names[first_place - 1] != "三级指标" and head_target in ("annual_value", "period_value")


def place_columns(heads: list[Token], places: list[Token], failures: Failures) -> frozenset[int]:
    """The value columns (indexes among ``heads``, the value heads) headed by a place: read
    into no field, not even by their cells' shape, and a failure saying the values per place
    were not read as the project's target."""
    ids = {id(t) for t in places}
    failures.at_row(
        places[0].row,
        "指标值",
        msg("FORM_VALUES_PER_PLACE", count=len(places), places="、".join(t.text.strip()[:12] for t in places[:4])),
    )
    return frozenset(i for i, t in enumerate(heads) if id(t) in ids)
