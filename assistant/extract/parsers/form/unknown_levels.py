"""A 一级 cell in words the rules do not know (项目决策, 项目效益: 大英 f04's self-evaluation
report), read one cell per line: a short word right before a 二级 label (数量指标, 社会效益指标)
stands where the 一级 cell stands, not where an indicator's name does (a name comes after its
二级 label). Read as the 一级 label, with a failure: it may also be an indicator whose cells were
all left empty, before the next group's label.
"""

from __future__ import annotations

import re

from ....messages import msg
from .failures import Failures
from .labels import _fold, _form_word, _is_header_word, _is_label, _level2_label, _level2_word, _unit_only
from .stream import _short_value
from .tokens import Token

#: a 一级 cell's words: a few characters, no digit or punctuation (项目决策, 项目效益, 过程管理)
_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")


def unknown_level1(token: Token, nxt: Token) -> bool:
    """``token`` is a 一级 cell the rules have no word for: a short word, no label, head, key
    or value, followed by a 二级 label."""
    folded = _fold(token.text).strip()
    return (
        bool(_WORD.fullmatch(folded))
        and _level2_word(nxt.text)  # 数量指标, and 满意度指标 (a 一级 word too)
        and not _is_label(token.text)
        and not _is_header_word(token.text)
        and not _form_word(token.text)
        and not _short_value(token.text)
        and not _unit_only(token.text)  # 公里: a value's unit left alone
    )


def unknown_level1_cells(stream: list[Token]) -> set[int]:
    """The ids of the cells of ``stream`` (one cell per line, in reading order) that may be 一级
    labels in unknown words; the reader takes one only where a row is complete (else it is a
    value in words: 有效, 影响程度明显). A cell after a 一级 label is its 二级 or its name, not
    another 一级 (产出指标 | 项目决策 | 数量指标 is left as it was)."""
    return {
        id(token)
        for before, token, nxt in zip([None, *stream], stream, stream[1:])
        if not (before is not None and _is_label(before.text) and not _level2_label(before.text))
        and unknown_level1(token, nxt)
    }


def say_unknown_level1(token: Token, nxt: Token, failures: Failures) -> None:
    """The failure for a cell read as a 一级 label in unknown words."""
    failures.at_row(
        token.row, "一级/二级指标", msg("FORM_LEVEL1_UNKNOWN_WORD", text=token.text.strip(), label=nxt.text.strip())
    )
