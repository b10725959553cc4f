"""A goal with more prose right before or after it, no edge between: where it starts or ends is a guess.

A page that wraps a long 绩效目标 at a fixed width (a PDF's text layer, a copied web page) hands
the readers a paragraph as lines cut mid-word, and a reader may take one of those lines, or the
tail of one, as the whole goal. Whatever read it, a goal is doubted (flagged on its 绩效目标
field) when

- the writing right before it (on its line, the line above with no blank between, or the line
  above at the goal's column when a label cell stands before it: a label printed on the middle
  line of a wrapped cell, pdftotext -layout) is prose
  that stops without a sentence's end and is no label (年度目标, 总体描述：, a grid word, a key):
  the goal began before what was read (GOAL_BEGINS_IN_TEXT);
- it stops without a sentence's end while prose goes straight on after it (on its line with no
  space, bar or mark between, or as the next line): the goal goes on (GOAL_ENDS_IN_TEXT); in a text
  whose cells are closed by bars, a goal ending a line no bar closes goes on even after a 。.

Prose is a piece of writing at least :data:`_LONG` characters long that ends in a character, a
comma or a bracket (a label or an amount is short or ends in a colon or a number).
:mod:`.wrapped_goal` runs first: it joins a goal's lines cut after a comma and flags what it
cannot join, so a goal it flagged is not flagged again here.
"""

from __future__ import annotations

import re

from ..ingest.document import Document
from ..messages import msg
from ..schema import BudgetTable, Failure
from ..textnorm import display_width, simplified

__all__ = ["READING", "TONE", "flag_goals_inside_text", "goes_on"]

#: what a cell's line may carry around its text
_EDGE = " \t\u3000|｜"
_SPACE = re.compile(r"\s+")
#: a sentence's end (or a colon: what it announces is the goal) closing a piece of writing
_ENDED = re.compile(r"[。！？!?；;.:：…]\s*$")
#: a piece of writing a goal goes on from or into: a character, comma, quote or bracket at its end
_GOES_ON = re.compile(r"[\u3400-\u9fff，,、“”‘’（()）]$")
#: a piece of writing that is no prose: a label (…目标, …描述, 年度目标（2021年）, 总体目标为, 填报人：), a section
#: heading, a grid word, a form's key, a cell bar inside
_NOT_PROSE = re.compile(
    r"(?:目标|目标值|描述|内容|情况|概述|说明|要求|任务)(?:[（(][^()（）]{0,12}[)）])?(?:为|是)?[:：]?$"
    r"|^[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]"
    r"|[|｜\t]|^[^,，。；;:：]{1,4}[:：]"
    r"|^[^,，。；;:：]{0,6}目标(?!\s*\d)"  # a row's label opening the piece: 年度总体目标完成情况…
    r"|指标|实际完成|完成情况|完成率|项目名称|主管部门|实施单位|预算|资金|金额|万元|分值|得分|偏差|备注"
)
#: a numbered target inside a goal: 目标1：, 目标 2:
_TARGET = re.compile(r"目标\s*(\d{1,2})\s*[:：、.．]")
#: fewer characters than any goal the corpus writes (低票价运营补贴: 7): a label or a piece
_SHORTEST_GOAL = 5
#: a goal opening with a closing bracket never opened: the tail of a label wrapped above it
#: (中期目标(2024年—2026 / 年)) read into the goal
_REMNANT = re.compile(r"^([^()（）]{1,8}?)[)）]")
#: an item's number closed by a bracket (1) 完成…, 一）…): the goal's own writing
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2}|[A-Za-z])\s*$")
#: the shortest piece of writing taken for prose before a goal (labels and keys are shorter)
_LONG = 8
#: the shortest piece of writing taken for the goal going on after it
_SHORT = 4
#: how writing that goes on opens (NFKC: a full-width bracket is a half-width one)
_OPENS = re.compile(r"[\u3400-\u9fff(“]")
_CJK = re.compile(r"[\u3400-\u9fff]")
#: a pinyin reading a traditional mirror prints after a character (學(xué)), whole or broken by a
#: wrap (規(gu ī), ( xué): markup, not writing
READING = re.compile(r"[(（][ \u3000]*(?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ][ \u3000]*){1,8}[)）]")
#: a tone mark: a pinyin reading left in a text the rules read
TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜǹḿ]")


def _prose(piece: str) -> bool:
    """A piece of writing (white space dropped) that is prose going on: long, no label, no key,
    ending in a character, comma or bracket."""
    piece = simplified(READING.sub("", piece))
    return len(piece) >= _LONG and not _NOT_PROSE.search(piece) and _GOES_ON.search(piece) is not None


def goes_on(piece: str, shortest: int = _SHORT) -> bool:
    """A piece of writing (white space dropped) that goes on what was read before it: at least
    ``shortest`` Chinese characters (a reading's pinyin in brackets is none), opening with a character (or a bracket, a quote), no label, key or
    grid word."""
    piece = simplified(READING.sub("", piece))
    return len(_CJK.findall(piece)) >= shortest and not _NOT_PROSE.search(piece) and _OPENS.match(piece) is not None


def _before(text: str, start: int) -> str:
    """The writing right before ``start``: on its line, else the line above (no blank between)."""
    bol = text.rfind("\n", 0, start) + 1
    same = text[bol:start]
    if same.strip(_EDGE):
        if re.search(r"[ \t\u3000|｜]{2,}$|[|｜\t]\s*$", same):
            # a cell's edge before the goal: another cell (its label), not more of it; but the
            # goal's cell may have begun on the line above, at the goal's column
            return _over(text, start) if same.endswith("  ") else ""
        return _SPACE.sub("", same)
    if bol == 0:
        return ""
    above = text[text.rfind("\n", 0, bol - 1) + 1 : bol - 1].rstrip()
    if above.endswith(("|", "｜")):
        return ""  # the line above closes its cell (a cell per line): a cell of its own
    return _SPACE.sub("", above.strip(_EDGE))


def _after(text: str, start: int, end: int) -> str:
    """The writing right after the goal at ``start:end``: on its line when nothing parts it from
    the goal, else the next line's first cell (no blank between); when other cells follow on its
    line past a gap, the writing under the goal's first column on the next line (a cell wrapped
    under itself, as ``pdftotext -layout`` prints one)."""
    eol = text.find("\n", end)
    eol = len(text) if eol < 0 else eol
    rest = text[end:eol]
    if READING.fullmatch(rest.strip(_EDGE)):
        rest = ""  # the goal's last character's reading: the line goes on below
    if rest.strip(_EDGE):
        if rest[:1] not in _EDGE:
            return _SPACE.sub("", re.split(r"[|｜\t]| {2,}", rest)[0])
        return _under(text, start, eol) if rest.startswith("  ") else ""
    below = text[eol + 1 : (text.find("\n", eol + 1) + 1 or len(text) + 1) - 1]
    return _SPACE.sub("", re.split(r"[|｜\t]| {2,}", below.strip(_EDGE))[0])


def _under(text: str, start: int, eol: int) -> str:
    """The first cell of the line after ``eol`` when it starts at the column of ``start``."""
    bol = text.rfind("\n", 0, start) + 1
    if eol >= len(text):
        return ""
    below_end = text.find("\n", eol + 1)
    return _at_column(text[eol + 1 : below_end if below_end >= 0 else len(text)], display_width(text[bol:start]))


def _over(text: str, start: int) -> str:
    """The first cell of the line above ``start``'s when it starts at the column of ``start``."""
    bol = text.rfind("\n", 0, start) + 1
    if bol == 0:
        return ""
    return _at_column(text[text.rfind("\n", 0, bol - 1) + 1 : bol - 1], display_width(text[bol:start]))


def _at_column(line: str, column: int) -> str:
    """The cell of ``line`` that starts at display column ``column`` (white space before it), or
    an empty string: how ``pdftotext -layout`` prints a cell's other lines."""
    if column == 0:
        return ""
    at = width = 0
    while at < len(line) and width < column:  # the first character at or past the column
        width += display_width(line[at])
        at += 1
    if at >= len(line) or width > column + 1 or (at and not line[at - 1].isspace()) or line[at].isspace():
        return ""
    return _SPACE.sub("", re.split(r"[|｜\t]| {2,}", line[at:])[0])


def _again(goal: str, after: str) -> bool:
    """The writing after the goal says the goal's own words again (a 实际完成情况 cell beside a
    预期目标 written alike): the next cell, not more of the goal."""
    folded, piece = simplified(_SPACE.sub("", goal)), simplified(READING.sub("", after))[: _SHORT * 2]
    return len(piece) >= _SHORT and (folded.startswith(piece[:_SHORT]) or piece in folded)


def _label_head(text: str, start: int, end: int) -> bool:
    """The goal's last line is a short word that a grid's label goes on from after a space (本年度
    绩效指标, a label cell wrapped and read across): the goal took the label's first word."""
    bol = text.rfind("\n", 0, end) + 1
    eol = text.find("\n", end)
    tail, rest = text[bol:end].strip(), text[end : eol if eol >= 0 else len(text)]
    return (
        bol > start
        and 0 < len(tail) <= _SHORT
        and rest[:1] in (" ", "\t", "\u3000")
        and re.match(r"\s*(?:绩效指标|[一二三]级指标|指标)", simplified(rest)) is not None
    )


def _next_target(goal: str, text: str, end: int) -> bool:
    """The goal numbers its targets (目标1：… 目标4：…) and the next number follows on its line
    after it: the goal stopped before its last targets."""
    numbers = [int(n) for n in _TARGET.findall(simplified(goal))]
    if not numbers:
        return False
    eol = text.find("\n", end)
    rest = simplified(text[end : eol if eol >= 0 else len(text)])
    return any(int(n) == max(numbers) + 1 for n in _TARGET.findall(rest))


def _bars_close_cells(text: str) -> bool:
    """Half the text's written lines or more hold a bar: its cells are closed by bars."""
    lines = [x for x in text.splitlines() if x.strip()]
    return sum("|" in x or "｜" in x for x in lines) * 2 >= len(lines)


def _cell_open(text: str, end: int) -> bool:
    """The goal ending at ``end`` ends a line that no bar closes (in a text whose cells are closed by
    bars: its cell was wrapped, and goes on to the bar below, even after a sentence's end)."""
    bol = text.rfind("\n", 0, end) + 1
    eol = text.find("\n", end)
    line = text[bol : len(text) if eol < 0 else eol]
    return not (eol < 0 or text[end:eol].strip() or "|" in line or "｜" in line)


def _said(table: BudgetTable, row: int | None) -> bool:
    """A failure on 绩效目标 already stands for the goal on ``row``."""
    return any(f.field == "绩效目标" and (f.row is None or f.row == row) for f in table.failures)


def flag_goals_inside_text(doc: Document, table: BudgetTable) -> None:
    """Flag each goal read out of a longer run of prose (see the module)."""
    text = doc.text
    bordered = _bars_close_cells(text)
    for project in table.projects():
        goal = (project.goal or "").strip()
        span = project.spans.get("goal")
        if not goal or span is None or span.alignment != "exact" or _said(table, span.row):
            continue
        before, after = _before(text, span.start), _after(text, span.start, span.end)
        if len(folded := _SPACE.sub("", goal)) < _SHORTEST_GOAL:
            message = msg("GOAL_TOO_SHORT", goal=goal, count=len(folded))
        elif reading := TONE.search(goal):
            at = reading.start()
            message = msg("GOAL_HOLDS_READING", goal=goal[max(0, at - 10) : at + 10])
        elif (remnant := _REMNANT.match(goal)) and not _NUMBERING.match(remnant.group(1)):
            message = msg("GOAL_OPENS_UNPAIRED", text=remnant.group(0), goal=goal[:20])
        elif _prose(before) and not _ENDED.search(before):
            message = msg("GOAL_BEGINS_IN_TEXT", goal=goal[:20], text=before[-20:])
        elif (
            (
                (not _ENDED.search(goal) or (bordered and _cell_open(text, span.end)))
                and goes_on(after)
                and not _again(goal, after)
            )
            or _next_target(goal, text, span.end)
            or _label_head(text, span.start, span.end)
        ):
            message = msg(
                "GOAL_ENDS_IN_TEXT", goal=goal[-20:], text=(after or text[span.end : span.end + 24].strip())[:20]
            )
        else:
            continue
        table.failures.append(Failure(source=doc.source, row=span.row, field="绩效目标", message=message))
