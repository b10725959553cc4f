"""A template's block printed blank above the filled one: where the grid really starts.

Some templates print their indicator grid twice, a block for the long-term targets (长期绩效指标,
总目标绩效指标) and one for the year (年度绩效指标), each under the same header; a project that
fills only the year's leaves the first block as printed: its header, its 一级/二级 labels, its
``…`` rows, its numbered slots (1. 2. 3. 4.), a 具体指标 slot. Read from the first header, those
rows take the labels and the columns of the real ones. :func:`header_after_blank_block` says
when the header is printed again below with nothing but such blank rows between: the grid then
starts at the later one.
"""

from __future__ import annotations

import re

from .labels import _BRACKETED_NOTE, _fold, _is_column_heading, _is_grid_caption, _is_label, _is_placeholder
from .tokens import Token

#: a blank block's own cells: a slot's number (1., 2、), the slot word 具体指标 / 目标3, a block's
#: title (长期绩效指标, 总目标绩效指标, 年度绩效指标)
_SLOT = re.compile(
    r"^(?:[(（]?\d{1,2}[)）.．、]?|具体指标|目标\s*\d{1,2}[:：]?|(?:长期|总目标|本年度|年度|中期)(?:绩效)?(?:目标|指标))$"
)


def _heading_cell(text: str) -> bool:
    bare = re.sub(r"\s+", "", _fold(text))
    return not bare or _is_grid_caption(bare) or _is_column_heading(bare)


def _blank_cell(text: str) -> bool:
    bare = re.sub(r"\s+", "", _fold(text))
    return (
        _heading_cell(bare)
        or _is_placeholder(bare)
        or bool(_SLOT.match(bare))
        or _is_label(bare)
        or _is_label(_BRACKETED_NOTE.sub("", bare))
    )


def header_after_blank_block(rows: list[list[Token]], first: int, is_header) -> int | None:
    """The row of the header printed again below ``first`` with only blank template rows between
    (``is_header(r)``: row ``r`` is a header row), or None. Headings alone between are no block:
    the header of a grid printed side by side (二级指标 三级指标 指标值 twice), one cell a line."""
    block = False
    for r in range(first + 1, len(rows)):
        if is_header(r):
            return r if block else None
        if not all(_blank_cell(token.text) for token in rows[r]):
            return None
        block = block or not all(_heading_cell(token.text) for token in rows[r])
    return None
