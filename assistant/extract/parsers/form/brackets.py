"""One cell per line, a cell wrapped inside its brackets: 实际完成指标值(包含数字及文字 / 描述),
贫困地区旅游景点开发数量( / ≥**个 / ). A cell's brackets close inside it, so a line that opens a
bracket it does not close, followed by a line or two that close it and open none, is one cell cut
over lines, whatever its words: a head's lines are joined before the header is read, a body
cell's after the lines a column's width says are one cell (that reading needs the lines as cut).
"""

from __future__ import annotations

from collections.abc import Callable

from .labels import _is_header_word
from .tokens import Token

_OPEN = "(（"
_CLOSE = ")）"
#: how many lines after the cut one may close the bracket (a PDF column wraps a cell at most so)
_REACH = 2
#: the longest line that may close another's bracket: the end of a cut cell, not a cell of its own
_TAIL = 16


def _depth(text: str) -> int:
    """Brackets opened and not closed (negative: closed and not opened), any of ( and （."""
    return sum(ch in _OPEN for ch in text) - sum(ch in _CLOSE for ch in text)


def _opens(text: str) -> bool:
    """A bracket opened and never closed after it: the text stops inside a bracket."""
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    return depth > 0


def _cuts(tokens: list[Token], accept: Callable[[str], bool]) -> tuple[dict[int, Token], set[int]]:
    """The joins of cells cut inside their brackets: (joined token by its first line's id, ids
    of the lines joined to another)."""
    rows: dict[int, int] = {}
    for t in tokens:
        if t.text:
            rows[t.row] = rows.get(t.row, 0) + 1
    filled = [t for t in tokens if t.text and rows[t.row] == 1]
    drop: set[int] = set()
    joined: dict[int, Token] = {}
    i = 0
    while i < len(filled):
        first = filled[i]
        if not _opens(first.text):
            i += 1
            continue
        depth, end = _depth(first.text), None
        for j in range(i + 1, min(i + 1 + _REACH, len(filled))):
            piece = filled[j].text.strip()
            if filled[j].row != filled[j - 1].row + 1 or len(piece) > _TAIL or any(ch in _OPEN for ch in piece):
                break
            depth += _depth(piece)
            if depth <= 0:
                end = j if depth == 0 else None
                break
        text = "".join(t.text.strip() for t in filled[i : end + 1]) if end is not None else ""
        if end is None or not accept(text):
            i += 1
            continue
        joined[id(first)] = Token(text, first.cell, first.start, first.end, first.row, first.col)
        drop.update(id(t) for t in filled[i + 1 : end + 1])
        i = end + 1
    return joined, drop


def join_bracket_heads(tokens: list[Token]) -> list[Token]:
    """``tokens`` (the grid's, from its header on) with each column head cut inside its
    brackets joined (实际完成指标值(包含数字及文字 / 描述)): a line alone on its row that stops
    inside a bracket, then up to ``_REACH`` lines alone on theirs, short, none opening a bracket,
    the last closing it, that joined make a head. The others lines are dropped."""
    joined, drop = _cuts(tokens, _is_header_word)
    if not joined:
        return tokens
    return [joined.get(id(t), t) for t in tokens if id(t) not in drop]


def join_bracket_cells(rows: list[list[Token]]) -> list[list[Token]]:
    """One cell per line (``rows`` of one token each), the grid's cells cut inside their
    brackets joined the same way (贫困地区旅游景点开发数量( / ≥**个 / )), after the cells a
    column's width says were wrapped have been: the joined cell takes its first line's row, the
    others' rows are left empty, so rows keep their places."""
    joined, drop = _cuts([t for row in rows for t in row], lambda text: True)
    if not joined:
        return rows
    return [[joined.get(id(t), t) for t in row if id(t) not in drop] for row in rows]
