"""Cells wrapped under themselves in text laid out with spaces (``pdftotext -layout``, a Word
table copied as text): a long cell's second line stands alone under its own column, not under
the name's. Which cell a line's pieces continue is told by where they start: a piece that
starts where a cell of the row above starts, and that cell fills its column (as wide as the
widest piece printed in that column: a wrapped cell fills every line but its last), is that
cell's wrapped end. A new row with merged, empty labels starts its name and values at the same
columns, but its cells above need not fill theirs; the reading is flagged all the same.
"""

from __future__ import annotations

from ....textnorm import display_width
from .labels import _fold, _is_label, _key_field
from .stream import _short_value
from .tokens import Token

__all__ = ["continued_cells", "heads_wrapped_under", "value_wrapped_under"]

#: how far (characters) a piece may start from its column's start and still be in it
_SLACK = 1
#: a column narrower than this (six CJK characters) holds values, not text that wraps
_NARROW = 12
#: how much narrower than its column's widest piece a cell may be and still fill it
_FILL = 2


def _starts(token: Token) -> tuple[int, int]:
    """Where the token starts on its line: in characters, and in display columns (a CJK
    character two): a PDF tool pads to either, depending on its font metrics."""
    before = token.cell.text[: token.start]
    return token.start, display_width(before)


def _aligned(a: Token, b: Token) -> bool:
    (ca, wa), (cb, wb) = _starts(a), _starts(b)
    return abs(ca - cb) <= _SLACK or abs(wa - wb) <= _SLACK


def continued_cells(
    pieces: list[Token], above: list[Token], lines: list[list[Token]], last_line=lambda t: t.text, name=None
) -> list[Token] | None:
    """For each piece of a line, the cell of the row above it continues; None unless every piece
    is indented, starts where one cell above starts (a different one each), that cell's last
    line (``last_line``) fills its column, measured over ``lines`` (the grid's rows), and a piece
    under a value column is no whole value of its own (100%, 12个: a new row's; under the
    ``name`` it is the name's end: 新建水泥路 / 1条)."""
    if not pieces or not above:
        return None
    first = pieces[0]
    if first.start == 0 or first.cell.text[: first.start].strip():
        return None  # not indented, or not the line's first text: a row of its own
    targets: list[Token] = []
    for piece in pieces:
        under = [t for t in above if t.text.strip() and _aligned(piece, t)]
        if len(under) > 1:  # one cell above at its display column, another at its character offset
            under = [t for t in under if abs(_starts(t)[1] - _starts(piece)[1]) <= _SLACK]
        if len(under) != 1 or any(under[0] is t for t in targets):
            return None
        cell = under[0]
        if cell is not name and _short_value(piece.text):
            return None
        widths = [display_width(t.text.strip()) for line in lines for t in line if t.text.strip() and _aligned(t, cell)]
        column = max(widths, default=0)
        if column < _NARROW or display_width(last_line(cell).strip()) < column - _FILL:
            return None
        targets.append(cell)
    return targets


def heads_wrapped_under(header: list[Token], after: list[Token]) -> list[Token]:
    """The line right under a header laid out with spaces when it holds only the wrapped ends of
    value heads (偏差原因分析及改进措 / 施, 实施周期 / 指标值): each piece indented, starting where a
    head after 三级指标 starts, no digit, no value and no label. Those pieces are the header's,
    not a row of the grid (nothing otherwise, a row's first line always holds its name's start)."""
    if not header or len({id(t.cell) for t in header}) != 1:
        return []  # real cells or lines of one head each: not a header cut at its spaces
    names = [_fold(t.text).strip() for t in header]
    if "三级指标" not in names:
        return []
    value_heads = header[names.index("三级指标") + 1 :]
    below = [t for t in after if t.text.strip() and t.row > header[-1].row]
    line = [t for t in below if t.row == below[0].row] if below else []
    if not line or line[0].start == 0 or line[0].cell.text[: line[0].start].strip():
        return []
    for piece in line:
        text = _fold(piece.text).strip()
        if (
            any(ch.isdigit() for ch in text)
            or _short_value(piece.text)
            or _is_label(piece.text)
            or sum(1 for t in value_heads if _aligned(piece, t)) != 1
        ):
            return []
    return line


def value_wrapped_under(rows: list[list[Token]], end: int, value: str) -> str | None:
    """A header value (the 项目名称's) wrapped under itself: the lines after its own whose first
    text starts where the value starts, and is no key and no whole value, are its wrapped end;
    lines of such text alone before it are its start when its key sits centred beside its lines
    (as many lines above the key's as below, or one fewer) and every line but the last fills the
    column. The value joined, or None when no line continues it."""
    lines = [[t for t in row if t.text.strip()] for row in rows[:end]]

    def continues(line: list[Token], cell: Token) -> bool:
        first = line[0] if line else None
        return (
            first is not None
            and _aligned(first, cell)
            and not first.cell.text[: first.start].strip()
            and not _key_field(first.text)
            and not _short_value(first.text)
        )

    for i, line in enumerate(lines):
        cell = next((t for t in line if t.start and _fold(t.text).startswith(_fold(value))), None)
        if cell is None:
            continue
        below = []
        for nxt in lines[i + 1 :]:
            if not continues(nxt, cell):
                break
            below.append(nxt[0].text.strip())
        above = []
        for prev in reversed(lines[:i]):
            if len(prev) != 1 or not continues(prev, cell) or len(above) > len(below):
                break
            above.insert(0, prev[0].text.strip())
        own = value.strip()  # the value as read (its line's text may run on into the next key)
        parts = [*above, own, *below]
        widest = max(display_width(p) for p in parts)
        if (
            not above
            or len(above) not in (len(below), len(below) - 1)
            or any(display_width(p) < widest - _FILL for p in parts[:-1])
        ):
            parts = [own, *below]
        return "".join(parts) if len(parts) > 1 else None
    return None
