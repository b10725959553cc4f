"""A ruled table read back from a PDF's text layer in reading order, its columns each of their
own width (pdftotext without -layout, PDF.js copy): a row whose cells wrap comes as the first
line of every cell on one line, parted by a space, then the second lines of the cells that go
on, and so on (``效益指标 可持续影 义务教育优质均衡 稳步提高`` / ``响指标 发展情况``).

Every line of a wrapped cell but its last fills its column, so after a row's first line the
cells that may go on are those whose piece is as wide as the widest piece of their column (the
label cells at the left, then the name, then the values), in a column where two pieces or more
are that wide (one alone is only the longest cell of a table that did not wrap). A line under it whose pieces are no
more than those open cells, and fit them, holds their next pieces, left to right: a piece goes
to a label cell only when the label's pieces joined are still a label (可持续影 + 响指标), and
where more than one cell could take a piece (the name or the value) the shape says (a number's
end goes to a number; else the name, the longer cell) and the join is flagged as a guess. Each
joined row is reported for the caller to flag.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from ....ingest.document import Cell, Document, Row
from ....taxonomy import LEVEL1_WORDS, LEVEL2_WORDS, OLD_EFFECT_WORD
from ....textnorm import display_width
from .labels import _fold, _is_header_word
from .stream import _short_value

#: a level label or its word, whole (the cells a piece may join to at the left)
_LABELS = tuple(
    {w + s for w in (*LEVEL1_WORDS, OLD_EFFECT_WORD, *LEVEL2_WORDS, "社会公众或服务对象满意度") for s in ("", "指标")}
)
#: a score mark after a label, or its first pieces (产出指标(50分), 产出指标(50)
_SCORE = re.compile(r"\s*[（(]\s*\d*(?:\.\d+)?\s*分?\s*[)）]?\s*$")
#: the header row: where the grid's rows start
_HEADER = re.compile(r"三级指标|指标名称|指标内容")
#: the grid ends at a stamp or note line
_END = re.compile(r"填报人|填表人|盖章|联系电话|^\s*注[:：]|^\s*说明|^\s*附件")
#: columns padded with runs of spaces: a -layout copy, its columns found by their place instead
_PADDED = re.compile(r"\S {3,}\S")
#: a piece ending in a number cut by the column's edge (2020.12 / .31, ≥90. / 91%)
_NUMBER_CUT = re.compile(r"[\d.]$")
#: a number's piece: its end wrapped onto the next line (2020.1.1-2020.12 / .31, 85 / %)
_NUMBER_END = re.compile(r"^[\d.%％‰]")


def _label_start(text: str) -> bool:
    """A label, or the first pieces of one (可持续影, 社会公众或服)."""
    bare = _SCORE.sub("", _fold(text)).strip()
    return len(bare) >= 2 and any(w.startswith(bare) for w in _LABELS)


def _label_end(text: str) -> bool:
    """A label's last piece or its score mark alone (指标, 响指标, (50分)): never a row's first cell."""
    bare = _fold(text).strip()
    if not bare or _label_start(bare):  # 效益指标 ends 社会效益指标 but is a label of its own
        return False
    return _SCORE.fullmatch(bare) is not None or any(w.endswith(bare) for w in _LABELS)


def _pieces(row: Row) -> list[str] | None:
    if len(row.cells) != 1:
        return None
    return row.cells[0].text.split()


def _columns(pieces: list[str]) -> list[str]:
    """Which column each piece of a row's first line is in: labels (at most two, at the left),
    then the name, then the values in order."""
    out, k = [], 0
    while k < min(2, len(pieces) - 2) and _label_start(pieces[k]):
        out.append(f"label{k}")
        k += 1
    return out + ["name"] + [f"value{j}" for j in range(len(pieces) - k - 1)]


def deinterleave(doc: Document, spaced_header: bool = True) -> tuple[Document, list[tuple[int, str, bool]]]:
    """The document with each row whose cells were interleaved over lines joined back, one cell
    text per row (its cells parted by a space); with the (line, joined text, guessed) of each.
    Under a header run together (``spaced_header`` False) only a grid whose lines starting with a
    label mostly part it from the rest by a space is read so: a space kept here and there in text
    run together parts no cells."""
    rows = list(doc.rows)
    head = next((i for i, r in enumerate(rows) if (p := _pieces(r)) and _HEADER.search(" ".join(p))), None)
    if head is None:
        return doc, []
    end = next((i for i in range(head + 1, len(rows)) if _END.search(rows[i].raw)), len(rows))
    lines = [_pieces(r) for r in rows[head + 1 : end]]
    if any(p is None for p in lines) or any(_PADDED.search(r.cells[0].text) for r in rows[head + 1 : end]):
        return doc, []  # real cells, or columns padded to their place (pdftotext -layout, layout_columns)
    labelled = [p for p in lines if p and _WHOLE_LABEL.match(p[0])]  # a row's line starting with a label
    if not spaced_header and sum(len(p) >= 2 and _label_start(p[0]) for p in labelled) * 2 < len(labelled):
        return doc, []
    groups = _groups(lines, _widths(lines))
    # the widths again from the rows' first lines only: a line of next pieces (响指标 提高的文化…)
    # read as a row puts a name's piece under a value column
    firsts = [lines[i] for i, _, _ in groups] + [lines[k] for k in _alone(groups, len(lines))]
    groups = _groups(lines, _widths(firsts))
    out, joins = rows[: head + 1], []
    at = 0
    for i, j, (cells, guessed) in groups:
        out += rows[head + 1 + at : head + 1 + i]
        row = _joined(rows[head + 1 + i : head + 1 + j], cells, i)
        out.append(row)
        joins.append((rows[head + 1 + i].line, row.cells[0].text, guessed))
        at = j
    out += rows[head + 1 + at :]
    if not joins:
        return doc, []
    return doc.with_rows(out), joins


def _alone(groups: list, n: int) -> list[int]:
    """The lines no group took."""
    taken = {k for i, j, _ in groups for k in range(i, j)}
    return [k for k in range(n) if k not in taken]


def _widths(lines: list[list[str]]) -> tuple[dict[str, int], Counter]:
    """Each column's width (its widest piece) and how many pieces fill it."""
    widths: dict[str, int] = {}
    placed = [
        (col, piece)
        for pieces in lines
        if len(pieces) >= 2 and not _label_end(pieces[0])  # a line of next pieces: (50分) 设及… 米
        for col, piece in zip(_columns(pieces), pieces)
    ]
    for col, piece in placed:
        widths[col] = max(widths.get(col, 0), display_width(piece))
    return widths, Counter(col for col, piece in placed if display_width(piece) >= widths[col] - 1)


def _groups(lines: list[list[str]], sized: tuple[dict[str, int], Counter]) -> list:
    """(first line, end line, (cells, guessed)) of each row joined from several lines."""
    widths, wraps = sized

    def full(col: str, piece: str, sure: bool = True) -> bool:
        # a column wraps when two of its pieces fill it: one cell as wide as its column is only
        # the longest of a table whose cells did not wrap (``sure``; else a guess)
        return (
            (wraps[col] >= 2 or not sure)
            and display_width(piece) >= widths.get(col, 0) - 1
            and display_width(piece) >= 6
        )

    out, i = [], 0
    while i < len(lines):
        pieces = lines[i]
        if len(pieces) < 2 or _is_header_word(pieces[0]):
            i += 1
            continue
        cols = _columns(pieces)
        cells = [[(p, i)] for p in pieces]
        open_ = [k for k, (c, p) in enumerate(zip(cols, pieces)) if full(c, p) or c.startswith("label")]
        guessed, j = False, i + 1
        while j < len(lines) and open_:
            plan, tie = _assign(lines[j], open_, cols, cells, widths)
            if plan is None and j == i + 1 and _label_end(lines[j][0]):
                # a line of next pieces (it starts with a label's end, (50分) or 指标) that fits no
                # open cells: a cell that alone fills its column goes on too, a guess
                more = [k for k, (c, p) in enumerate(zip(cols, pieces)) if k in open_ or full(c, p, sure=False)]
                plan, tie = _assign(lines[j], more, cols, cells, widths) if more != open_ else (None, False)
                tie = True
            if plan is None:
                break
            guessed = guessed or tie
            for k, piece in zip(plan, lines[j]):
                cells[k].append((piece, j))
            open_ = [k for k, piece in zip(plan, lines[j]) if full(cols[k], piece) or cols[k].startswith("label")]
            open_ = [k for k in open_ if not cols[k].startswith("label") or not _label_done(cells[k])]
            j += 1
        if j > i + 1:
            out.append((i, j, (cells, guessed)))
        i = j
    return out


def _label_done(cell: list) -> bool:
    """A label cell whose pieces make a whole label: it takes no more."""
    text = _SCORE.sub("", _fold("".join(p for p, _ in cell))).strip()
    return text in _LABELS and not any(w != text and w.startswith(text) for w in _LABELS)


#: the most ways of placing a line's pieces on the open cells that are tried: a real grid's
#: dozen columns give a few hundred (C(12, 6) = 924); a line of 30 words would give 155 million
_MOST_PLANS = 5_000


def _assign(line: list[str], open_: list[int], cols: list[str], cells: list, widths: dict[str, int]):
    """Which open cell each piece of ``line`` goes on (left to right), and whether that was a
    choice among several; (None, False) when the line is not their next pieces."""
    if not line or len(line) > len(open_) or _is_header_word(line[0]):
        return None, False
    if math.comb(len(open_), len(line)) > _MOST_PLANS:
        return None, False  # no grid has that many columns: a hostile line, never tried piece by piece
    good = []
    for plan in itertools.combinations(open_, len(line)):
        ok = True
        for k, piece in zip(plan, line):
            col = cols[k]
            if col.startswith("label"):
                ok = ok and _label_start("".join(p for p, _ in cells[k]) + piece)
            else:
                ok = ok and display_width(piece) <= widths.get(col, 0) and not _label_start(piece)
                # a value of its own (10, 5%) under a cell of text is a cell that fell to the next
                # line (a weight column), not the cell's next piece; a number's end goes on it
                alone = bool(re.search(r"\d", piece)) and _short_value(piece)
                ok = ok and (not alone or _NUMBER_CUT.search(cells[k][-1][0]) is not None)
        if ok:
            good.append(plan)
    if not good:
        return None, False
    if len(good) == 1:
        return list(good[0]), False
    # the plans that make the most whole labels (满意度指 + 标 twice: both label cells)
    whole = [sum(_label_done([*cells[k], (piece, 0)]) for k, piece in zip(p, line)) for p in good]
    good = [p for p, n in zip(good, whole) if n == max(whole)]
    if len(good) == 1:
        return list(good[0]), False
    # a number's end goes on a number; else the name (the longer cell) takes the piece
    numeric = [
        p
        for p in good
        if all(not _NUMBER_END.match(piece) or _short_value(cells[k][-1][0]) for k, piece in zip(p, line))
    ]
    pick = (numeric or good)[0]
    named = [p for p in (numeric or good) if any(cols[k] == "name" for k in p)]
    if named:
        pick = named[0]
    return list(pick), True


def _joined(rows: list[Row], cells: list, first: int) -> Row:
    """One row of one cell: each cell's pieces run together, the cells parted by a space; its
    segments point each piece at the source (``first``: the grid line of ``rows[0]``)."""
    text, segments = "", []
    for n, cell in enumerate(cells):
        if n:
            text += " "
        for piece, line in cell:
            src = rows[line - first].cells[0]
            at = src.text.find(piece)
            segments.append((len(text), src.start + max(at, 0)))
            text += piece
    head = rows[0].cells[0]
    cell = Cell(text, head.start, rows[-1].cells[0].end, head.row, 0, segments=tuple(segments))
    return Row([cell], rows[0].line, "\n".join(r.raw for r in rows))


def _whole_labels(text: str) -> int:
    """How many characters at the start of ``text`` are whole labels (产出指标数量指标…)."""
    at = 0
    while m := _WHOLE_LABEL.match(text, at):
        at = m.end()
    return at


#: a whole label with 指标 (the run-together grid's own), longest first
_WHOLE_LABEL = re.compile("|".join(sorted((w for w in _LABELS if w.endswith("指标")), key=len, reverse=True)))


def rejoin_run_labels(doc: Document) -> tuple[Document, list[tuple[int, str]]]:
    """A grid run together, read from a PDF whose label column is narrow: a label cut over lines
    has its first piece run into the row's other cells (效益指标可持续影义务教育…稳步提高) and its
    next pieces at the start of the lines under it (响指标…). Where the pieces, and only all of
    them, make a whole label, they are written together on the row's line and taken off the
    lines below (a line left empty goes); with the (line, label) of each label joined."""
    rows = list(doc.rows)
    head = next((i for i, r in enumerate(rows) if len(r.cells) == 1 and _HEADER.search(r.cells[0].text)), None)
    if head is None:
        return doc, []
    texts = [r.line_text() for r in rows]
    joins, cut = [], {}  # cut: row index -> characters taken off its start
    for i in range(head + 1, len(rows)):
        if texts[i] is None or i in cut:
            continue
        body = texts[i].strip()
        lead = len(texts[i]) - len(texts[i].lstrip())
        if re.search(r"\s", body):
            continue  # cells parted by spaces: :func:`deinterleave` reads them
        start = _whole_labels(body)
        piece = max(
            (body[start:k] for k in range(start + 2, min(len(body), start + 12) + 1) if _label_start(body[start:k])),
            key=len,
            default="",
        )
        if not piece or _label_done([(piece, 0)]) or _SCORE.sub("", _fold(piece)).strip() in _LABELS:
            continue
        label, taken, j = piece, [], i + 1
        while j < len(rows) and texts[j] is not None and not _label_done([(label, 0)]):
            nxt = texts[j].lstrip()
            if re.search(r"\s", nxt.rstrip()) or _whole_labels(nxt):
                break  # a line starting with a label of its own starts a row
            q = max(
                (nxt[:k] for k in range(1, min(len(nxt), 12) + 1) if _label_start(label + nxt[:k])), key=len, default=""
            )
            if not q:
                break
            label += q
            taken.append((j, len(texts[j]) - len(nxt) + len(q), q))
            j += 1
        if not taken or _fold(label).strip() not in _LABELS:
            continue
        at = lead + start + len(piece)
        cell = rows[i].cells[0]
        text = texts[i][:at] + label[len(piece) :] + texts[i][at:]
        segments, pos = [(0, cell.doc_offset(0))], at
        for k, n, q in taken:
            segments.append((pos, rows[k].cells[0].doc_offset(n - len(q))))
            pos += len(q)
            cut[k] = n
        segments.append((pos, cell.doc_offset(at)))
        rows[i] = Row(
            [Cell(text, cell.start, cell.end, cell.row, 0, segments=tuple(segments))], rows[i].line, rows[i].raw
        )
        texts[i] = text
        joins.append((rows[i].line, label))
    if not joins:
        return doc, []
    out = []
    for k, row in enumerate(rows):
        if k not in cut:
            out.append(row)
            continue
        cell, n = row.cells[0], cut[k]
        rest = cell.text[n:]
        if rest.strip():
            out.append(Row([Cell(rest, cell.doc_offset(n), cell.end, cell.row, 0)], row.line, row.raw))
    return doc.with_rows(out), joins
