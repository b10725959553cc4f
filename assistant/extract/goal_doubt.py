"""A goal read from two cells side by side is not one goal as written.

Forms print two goal texts on one row (实施周期目标 | 年度目标, 预期目标 | 实际完成情况). When
the cells' borders are lost (a page's text padded with spaces, cells run together) a reader may
take both texts as one goal, and a clerk would copy it without a second look. Whatever read it:

- a goal that is one text written twice (the period's and the year's goal alike) is read once,
  flagged (kept whole, flagged, where the document keeps its cells' borders: CSV, xlsx, docx);
- a goal whose text, as the source writes it, holds a sentence's end, then a tab or a run of
  spaces, then more text, or opens with a short word and such a gap (a label cell: 总体描述
  完成…), or whose first word is a label's (…目标, …描述) set apart by white space, or which after a
  sentence's end and white space opens again with its own first words (two goals alike), is two
  cells side by side: flagged on its 绩效目标 field.
"""

from __future__ import annotations

import re

from ..ingest.document import Document
from ..messages import msg
from ..schema import BudgetTable, Failure

__all__ = ["flag_goals_of_two_cells"]

_SPACE = re.compile(r"\s+")
#: a cell's gap inside a goal: a sentence's end, a tab or two spaces and more, then more text (one
#: space after 。 is a page's way of writing one goal); or at the goal's start a short word, then
#: such a gap (总体描述    完成…: a label cell the rules have no word for)
_CELL_GAP = re.compile(
    r"[。！？；;!?][ \u3000]*(?:\t|[ \u3000]{2,})[ \t\u3000]*(?=\S)|^[\u4e00-\u9fff]{2,8}(?:\t|[ \u3000]{2,})(?=\S)"
    # a label's word at the start, set apart by any white space (总体描述 完成…, cells parted by a space)
    r"|^[\u4e00-\u9fff]{0,6}(?:目标|描述|概述|内容)[ \t\u3000]+(?=[\u4e00-\u9fff])"
)
#: a sentence's end, white space, then the goal's own opening words again: a second goal cell
#: (the period's and the year's goals of one project often open alike and differ after)
_OPENS_AGAIN = 10
#: layouts whose cells keep their borders (a CSV's quoted cell, a spreadsheet's or a Word table's
#: cell): a goal written twice there is as its author typed it, so it is flagged and kept whole
_CELLS_KEPT = frozenset({"csv", "xlsx", "docx"})
#: the shortest text read as a goal written twice (shorter repeats are a sentence's own words)
_SHORTEST = 10


def _twice(goal: str) -> str | None:
    """The text ``goal`` writes twice (white space between the copies), or None."""
    folded = _SPACE.sub("", goal)
    half = len(folded) // 2
    if len(folded) % 2 or half < _SHORTEST or folded[:half] != folded[half:]:
        return None
    at, seen = 0, 0  # the first copy as written: up to its half-th non-space character
    while seen < half:
        seen += not goal[at].isspace()
        at += 1
    return goal[:at].strip()


def _opens_again(written: str) -> re.Match | None:
    """The gap before a second text that opens with the goal's own first words, or None."""
    opening = written.strip()[:_OPENS_AGAIN]
    if len(opening) < _OPENS_AGAIN or _SPACE.search(opening):
        return None
    return re.search(r"[。！？；;!?]\s*(?=" + re.escape(opening) + ")", written)


def flag_goals_of_two_cells(doc: Document, table: BudgetTable) -> None:
    """Read a goal written twice once and flag it (GOAL_TEXT_TWICE; kept whole where the cells
    keep their borders: GOAL_TEXT_TWICE_KEPT); flag a goal whose source text holds two cells side
    by side (GOAL_TWO_CELLS)."""
    for project in table.projects():
        goal = project.goal or ""
        span = project.spans.get("goal")
        row = span.row if span else None
        if (once := _twice(goal)) is not None:
            if doc.layout in _CELLS_KEPT:  # the cell holds it twice as typed: said, not cut
                message = msg("GOAL_TEXT_TWICE_KEPT", goal=once[:30])
            else:
                project.goal = once
                if span is not None and doc.text.startswith(once, span.start):
                    project.spans["goal"] = span.model_copy(update={"end": span.start + len(once)})
                message = msg("GOAL_TEXT_TWICE", goal=once[:30])
        elif (
            span is not None
            and span.alignment == "exact"
            and (gap := _CELL_GAP.search(written := doc.text[span.start : span.end]))
        ):
            message = msg(
                "GOAL_TWO_CELLS", first=written[: gap.start() + 1][-20:].strip(), second=written[gap.end() :][:20]
            )
        elif gap := _opens_again(goal):
            message = msg("GOAL_TWO_CELLS", first=goal[: gap.start() + 1][-20:].strip(), second=goal[gap.end() :][:20])
        else:
            continue
        table.failures.append(Failure(source=doc.source, row=row, field="绩效目标", message=message))
