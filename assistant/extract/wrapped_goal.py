"""A goal that stops mid-sentence where its line stops was wrapped: its other lines go with it.

A long 绩效目标 cell printed over several lines (a page's wrap, a cell per line, a PDF's text)
reaches the readers as several lines, and a reader may take only one of them. Whatever the
reader, a goal that ends in ，、；(a sentence not finished) goes on in the prose lines after it,
and a goal whose line before it ends so began on that line. Those lines are taken into the goal
when they are more prose: no label (``X：``), no heading (``(二)``, ``三、``), no grid word
(绩效指标, 一级指标, 实际完成情况 …), no cell bar inside. A goal that still ends mid-sentence, or
ends with a colon (what it announces is not in it: 目标2:…需求:), is flagged on its 绩效目标
field: it may be cut, and a clerk would trust it.

A page hard-wrapped at a fixed width (a PDF's text layer: many lines cut at the same width,
anywhere, mid-word) ends a line mid-sentence with no comma: there a line that fills the width
is a sentence not finished too, and a goal still ending on a full line is flagged the same way.
"""

from __future__ import annotations

import re

from ..ingest.document import Document
from ..messages import msg
from ..schema import BudgetTable, Failure
from ..textnorm import display_width

__all__ = ["join_wrapped_goals"]

#: a sentence not finished: a comma, an enumeration comma or a semicolon at the end
_MID = re.compile(r"[，,、；;][ \t\u3000|｜]*$")
#: a colon at the end: the goal announces what follows (目标2:…需求:), and it is not there
_OPEN = re.compile(r"[:：][ \t\u3000|｜]*$")
#: what a cell's line may carry around its text
_EDGE = " \t\u3000|｜"
#: a line that is no more of the goal: a label, a section heading, a grid's word, a row of cells
_NOT_PROSE = re.compile(
    r"^(?:[^\s，,。；;]{1,12}[:：]"  # 项目名称：… / 实际完成情况:
    r"|[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}[、.．]"  # (二) 三、
    r"|(?:绩效|一级|二级|三级)?指标|(?:年度|总体|预期)?(?:绩效)?目标|实际完成|完成情况|产出|效益|满意度|成本"
    r"|全年|预算|资金|分值|得分|偏差|备注)"
)
#: a goal's label opening a line the goal began on (项目当年绩效目标完成…, a run-together row)
_LABEL_IN_FRONT = re.compile(r"^[^，,。；;\s]{0,8}目标[ \t\u3000]*[:：]?[ \t\u3000]*")
#: a lead-in sentence after the goal's last full stop (…增收。现将绩效目标设定如下：): what follows
_LEAD_IN = re.compile(r"(?<=。)[^。]*[:：]$")
#: at most this many lines joined on either side (a goal cell is a paragraph)
_MOST = 4
#: a hard wrap: at least this many lines fill the widest line's width (and a tenth of the lines
#: 20 columns wide or more: a page's short lines, its table's cells, are not wrapped)
_FULL_LINES = 4


def wrap_width(text: str) -> int | None:
    """The display width the text was hard-wrapped at, or None: the widest line's width (40 and
    more) when many lines fill it (a CJK character that does not fit in the last column goes to
    the next line, so a full line may be one column short)."""
    widths = [display_width(line.rstrip()) for line in text.split("\n") if line.strip()]
    if not widths or (top := max(widths)) < 40:
        return None
    full = sum(1 for w in widths if w >= top - 1)
    return top if full >= _FULL_LINES and full >= 0.1 * sum(1 for w in widths if w >= 20) else None


def _unfinished(line: str, width: int | None) -> bool:
    """The line stops mid-sentence: it ends in a comma, or fills a hard wrap's width without a
    sentence's end."""
    if _MID.search(line):
        return True
    return width is not None and display_width(line.rstrip()) >= width - 1 and not _END.search(line)


#: a sentence's end at a line's end
_END = re.compile(r"[。！？!?][ \t\u3000|｜]*$")


def _prose(line: str) -> str | None:
    """The line's text when it can be more of a goal, else None."""
    text = line.strip(_EDGE)
    if not text or "|" in text or "｜" in text or _NOT_PROSE.match(text):
        return None
    return text


def _lines_after(text: str, end: int, width: int | None = None) -> list[tuple[str, int]]:
    """(prose, end offset) of the lines after ``end`` that go on a goal ending mid-sentence."""
    out: list[tuple[str, int]] = []
    eol = text.find("\n", end)
    if eol < 0 or text[end:eol].strip(_EDGE):
        return out  # another cell after the goal on its line: not a wrap
    pos, blanks = eol + 1, 0
    for line in text[eol + 1 :].split("\n"):
        if len(out) >= _MOST or blanks > 2:
            break
        if not line.strip(_EDGE):
            blanks += 1  # blank lines between a cell's printed lines
        else:
            blanks = 0
            more = _prose(line)
            if more is None:
                break
            out.append((more, pos + len(line.rstrip(_EDGE))))
            if not _unfinished(line, width):
                break
        pos += len(line) + 1
    return out


def _lines_before(text: str, start: int, width: int | None = None) -> list[tuple[str, int]]:
    """(prose, start offset) of the lines before ``start``, nearest first, that a goal began on."""
    out: list[tuple[str, int]] = []
    bol = text.rfind("\n", 0, start) + 1
    if text[bol:start].strip(_EDGE) or bol == 0:
        return out  # a label or a cell before the goal on its line
    lines = text[: bol - 1].split("\n")
    pos, blanks = bol - 1, 0
    for line in reversed(lines):
        pos -= len(line)
        if len(out) >= _MOST or blanks > 2:
            break
        if not line.strip(_EDGE):
            blanks += 1
        else:
            blanks = 0
            more = _prose(line) or (line.strip(_EDGE) if _LABEL_IN_FRONT.match(line.strip(_EDGE)) else None)
            if more is None or not _unfinished(line, width):
                break
            if label := _LABEL_IN_FRONT.match(more):  # the goal's label and its first line: the goal starts after it
                if label.end() < len(more):
                    out.append((more[label.end() :], pos + len(line) - len(line.lstrip(_EDGE)) + label.end()))
                break
            out.append((more, pos + len(line) - len(line.lstrip(_EDGE))))
        pos -= 1
    return out


def join_wrapped_goals(doc: Document, table: BudgetTable) -> None:
    """Join each goal's wrapped lines to it (see the module); flag a goal left ending mid-sentence."""
    text = doc.text
    width = wrap_width(text)
    for project in table.projects():
        span = project.spans.get("goal")
        goal = project.goal
        if not goal or span is None or span.alignment != "exact" or text[span.start : span.end].strip() != goal.strip():
            continue
        start, end = span.start, span.end
        if _unfinished(text[text.rfind("\n", 0, end) + 1 : end], width) if width else _MID.search(goal):
            after = _lines_after(text, end, width)
            if after:
                joined = goal.rstrip(_EDGE) + "".join(line for line, _ in after)
                goal = _LEAD_IN.sub("", joined)
                end = after[-1][1] - (len(joined) - len(goal))
        before = _lines_before(text, start, width)
        if before:
            goal = "".join(line for line, _ in reversed(before)) + goal
            start = before[-1][1]
        if (start, end) != (span.start, span.end):
            project.goal = goal
            project.spans["goal"] = span.model_copy(update={"start": start, "end": end})
        last_line = text[text.rfind("\n", 0, end) + 1 : end]
        if _MID.search(goal) or _OPEN.search(goal) or (width and _unfinished(last_line, width)):
            message = msg("GOAL_ENDS_MID_SENTENCE", goal=goal[-20:])
            table.failures.append(Failure(source=doc.source, row=span.row, field="绩效目标", message=message))
