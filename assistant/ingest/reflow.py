"""Rebuild rows from text copied out of a PDF viewer: one cell per line, long cells wrapped.

Such text has no tabs. Each cell starts on a new line and long cells wrap onto further
lines, often mid-word; empty money cells vanish. What still marks a row is its amounts: a
run of lines that are only numbers. The row's name is the line (or few wrapped lines)
just before that run; after the run come the 绩效目标 lines and then the 绩效指标 lines,
which begin with the first numbered item (``1、1-产出指标…``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..schema import AMOUNT_TEXT
from .document import Cell, Row

__all__ = ["reflow_rows", "AMOUNT_LINE", "ITEM_START", "PAGE_MARK"]

AMOUNT_LINE = AMOUNT_TEXT  # a line holding only an amount
#: the first indicator item of a cell (markup allowed); a cell starts on a new line
ITEM_START = re.compile(r"(?:<p>)?\s*\d{1,3}\s*[、.,，]?\s*[123]\s*[-－—–]\s*(?:产出|效益|满意度)指标")
#: page numbers a PDF viewer copies along with the text
PAGE_MARK = re.compile(r"^\s*(?:[-—]\s*\d+\s*[-—]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_LABELS = re.compile(r"指标值|[123]\s*[-－—–]\s*(?:产出|效益|满意度)指标")
_CELL_END = tuple("。.;；!！?？>")
_CLASSIFIED = "涉密项目"
_HEADER_START = "项目名称"
_HEADER_END = "绩效指标"
_NAME_MAX_CHARS = 64
_NAME_MAX_LINES = 6


@dataclass(slots=True)
class _Line:
    number: int  # 1-based line number in the text
    start: int  # offset of the stripped text in the document
    text: str  # stripped

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def folded(self) -> str:
        return unicodedata.normalize("NFKC", self.text)


def _lines(text: str) -> list[_Line]:
    """Non-blank lines, without page marks: "- 2 -", "第2页", "2/10", or a bare number
    standing next to a page break (a blank line), which a PDF viewer copies with the text."""
    raws = text.split("\n")
    out: list[_Line] = []
    offset = 0
    for index, raw in enumerate(raws):
        stripped = raw.strip()
        next_blank = index + 1 >= len(raws) or not raws[index + 1].strip()
        prev_blank = index == 0 or not raws[index - 1].strip()
        page_number = _BARE_NUMBER.match(stripped) and (prev_blank or next_blank)
        if stripped and not PAGE_MARK.match(stripped) and not page_number:
            out.append(_Line(index + 1, offset + (len(raw) - len(raw.lstrip())), stripped))
        offset += len(raw) + 1
    return out


def _is_amount(line: _Line) -> bool:
    return bool(AMOUNT_LINE.match(line.folded))


def _joined_cell(lines: list[_Line], col: int) -> Cell:
    """Join wrapped lines into one cell, keeping the map back to document offsets."""
    segments: list[tuple[int, int]] = []
    pos = 0
    for line in lines:
        segments.append((pos, line.start))
        pos += len(line.text)
    return Cell(
        "".join(line.text for line in lines),
        lines[0].start,
        lines[-1].end,
        lines[0].number,
        col,
        segments=tuple(segments),
    )


def _single(line: _Line, col: int = 0) -> Cell:
    return Cell(line.text, line.start, line.end, line.number, col)


def _header_bounds(lines: list[_Line]) -> tuple[int, int] | None:
    """Index range [first, last] of the header lines, if the text has a header."""
    for i, line in enumerate(lines[:200]):
        if line.folded.startswith(_HEADER_START):
            for j in range(i, min(i + 16, len(lines))):
                if lines[j].folded == _HEADER_END:
                    return i, j
            return i, i
    return None


def _name_start(lines: list[_Line], run_start: int, lower: int) -> int:
    """Index of the first line of the name that ends just before an amount run."""
    first = run_start - 1
    if first < lower:
        return run_start
    total = len(lines[first].text)
    j = first - 1
    while j >= lower and run_start - j <= _NAME_MAX_LINES:
        text = lines[j].folded
        if (
            text.endswith(_CELL_END)
            or text == _CLASSIFIED
            or _is_amount(lines[j])
            or _LABELS.search(text)
            or total + len(text) > _NAME_MAX_CHARS
            # the first part of a wrapped name fills the column; a cell's last line rarely does
            or len(text) < len(lines[j + 1].text)
        ):
            break
        total += len(text)
        first = j
        j -= 1
    return first


def _split_tail(tail: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Split the lines after the amounts into (绩效目标 lines, 绩效指标 lines).

    The 绩效指标 cell starts on a new line with its first item; the item's words may be
    wrapped onto the next line, so the search runs over the joined text.
    """
    starts: dict[int, int] = {}
    pos = 0
    for i, line in enumerate(tail):
        starts[pos] = i
        pos += len(line.folded)
    joined = "".join(line.folded for line in tail)
    for match in ITEM_START.finditer(joined):
        if match.start() in starts:
            i = starts[match.start()]
            return tail[:i], tail[i:]
    if len(tail) >= 2 and tail[-1].folded == _CLASSIFIED:
        return tail[:-1], tail[-1:]
    return tail, []


def reflow_rows(text: str) -> list[Row]:
    """Rows with cells ``[name, amount…, goal, indicators]`` rebuilt from reflowed text."""
    lines = _lines(text)
    rows: list[Row] = []
    header = _header_bounds(lines)
    body_start = 0
    if header is not None:
        first, last = header
        for line in lines[:first]:
            rows.append(Row([_single(line)], line.number, line.text))
        header_lines = lines[first : last + 1]
        rows.append(
            Row(
                [_single(line, col) for col, line in enumerate(header_lines)],
                header_lines[0].number,
                text[header_lines[0].start : header_lines[-1].end],
            )
        )
        body_start = last + 1

    runs: list[tuple[int, int]] = []
    i = body_start
    while i < len(lines):
        if _is_amount(lines[i]):
            j = i
            while j < len(lines) and _is_amount(lines[j]) and j - i < 4:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1

    lower = body_start
    starts = []
    for run_start, run_end in runs:
        starts.append(_name_start(lines, run_start, lower))
        lower = run_end

    # lines before the first row's name cannot be placed: hand them on as one-cell rows
    leading_end = starts[0] if starts else len(lines)
    for line in lines[body_start:leading_end]:
        rows.append(Row([_single(line)], line.number, line.text))

    for k, (run_start, run_end) in enumerate(runs):
        name_lines = lines[starts[k] : run_start]
        tail_end = starts[k + 1] if k + 1 < len(runs) else len(lines)
        goal_lines, indicator_lines = _split_tail(lines[run_end:tail_end])
        cells: list[Cell] = []
        if name_lines:
            cells.append(_joined_cell(name_lines, 0))
        else:
            cells.append(Cell("", lines[run_start].start, lines[run_start].start, lines[run_start].number, 0))
        for col, line in enumerate(lines[run_start:run_end], start=1):
            cells.append(_single(line, col))
        if goal_lines or indicator_lines:
            if goal_lines:
                cells.append(_joined_cell(goal_lines, 5))
            else:
                at = indicator_lines[0]
                cells.append(Cell("", at.start, at.start, at.number, 5))
        if indicator_lines:
            cells.append(_joined_cell(indicator_lines, 6))
        first_line = name_lines[0] if name_lines else lines[run_start]
        last_line = lines[tail_end - 1] if tail_end > run_end else lines[run_end - 1]
        rows.append(Row(cells, first_line.number, text[first_line.start : last_line.end]))
    return rows
