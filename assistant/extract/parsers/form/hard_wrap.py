"""Text hard-wrapped at a fixed width, as a PDF page's text layer comes out when a web page
republishes it: every line that fills the page's width was cut there, mid-word or mid-number
(…补助学生数量16 / 8反映…), and goes on on the next line.

The width is a run of lines' widest (a CJK character counting twice a digit's room); a line of
that width or one column short of it (a CJK character that did not fit) is full, unless a ``|``
closes it (a row of cells ends there) or it holds columns padded with runs of spaces. Only a run
12 CJK characters wide at least, with three different full lines or more and a full line in three
at least, is taken as wrapped: rows of a table differ in length, so many of them ending at the same
column is a page's margin, not chance (a ``|`` table padded to one width closes its rows with a
bar; pdftotext's padded columns end at their last column by design). Each full line is joined with the next one, and each join
is returned for the caller to flag. Lines that differ only in their digits are one line printed
again (a title with its page number: …目标_第1页, …目标_第2页), not different ones.

A page may have wrapped only part of a run: a paragraph above the table that it left whole is
wider than the table's page. So a narrower width that three lines or more fill is tried too, on
each stretch of lines none wider than it, with lines ending a sentence (。；) or a value (50000元),
or followed by a line that starts with a level label (a row's start), not counted there (rows or
prose lines of one length by chance); an indented line (a padded column's wrapped cell) is not
cut there either. Inside a stretch so taken, three lines or more in a row
that all fill the width are a paragraph the page re-flowed: a line among them that ends with a
bar by chance is cut too (a table's rows, each wrapped on its own, end in a short line).
"""

from __future__ import annotations

import collections
import re

from ....ingest.document import Cell, Document, Row
from ....taxonomy import LEVEL1_WORDS, LEVEL2_WORDS, OLD_EFFECT_WORD, words
from ....textnorm import display_width

#: the least width (in half-CJK columns) a wrapped run's lines fill: 12 CJK characters
_LEAST = 24
#: how far short of the widest line a full one may end: half a CJK character (the next one did not fit)
_SLACK = 1
#: how many different full lines make a run wrapped
_FULL_LINES = 3
#: a line closed by a ``|`` bar: a row of cells that ends there, not a cut
_CLOSED = re.compile(r"[|｜]\s*$")
#: a gap of three spaces or more inside a line: columns padded to their place (pdftotext -layout),
#: whose rows end at the last column's edge by design, not where a page's width cut them
_PADDED = re.compile(r"\S[ \u3000]{3,}\S")
_GRID_HEAD = re.compile(r"二级指标|三级指标|二級指標|三級指標")


def _width(text: str) -> int:
    """A line's printed width, its trailing spaces left out (they are no text the page cut)."""
    return display_width(text.rstrip())


def _closed(text: str) -> bool:
    """A line that ends where it ends on purpose: a row of cells closed by a bar, or padded columns."""
    return bool(_CLOSED.search(text) or _PADDED.search(text))


#: a line starting with a level label (产出指标, 质量指标): a row of a grid starts there
_ROW_START = re.compile(rf"\s*(?:{words((*LEVEL1_WORDS, OLD_EFFECT_WORD, *LEVEL2_WORDS))})指标")
#: a line starting with a run of spaces: a cell of a padded column (pdftotext -layout) wrapped there
_INDENTED = re.compile(r"[ \u3000]{3,}\S")
#: a line ending with a number and a short unit (2021年7月, 50000元, 100%): a row's value may end it
_VALUE_LAST = re.compile(r"\d[^\d\s]{0,4}\s*$")


def _row_end(text: str, after: str) -> bool:
    """``text`` may end a row: it ends with a value, or ``after`` starts with a level label."""
    return bool(_VALUE_LAST.search(text) or _ROW_START.match(after))


#: a line ending a sentence (；。): prose, whose lines of one width by chance show no page's margin
_SENTENCE_END = re.compile(r"[。；;]\s*$")


def _runs(rows: list[Row]) -> list[list[int]]:
    """Indexes of rows that are lines of one cell each, in runs of consecutive source lines."""
    runs: list[list[int]] = []
    for i, row in enumerate(rows):
        if row.line_text() is None or not row.cells[0].text.strip():
            runs.append([])
            continue
        if runs and runs[-1] and rows[runs[-1][-1]].line + 1 == row.line:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [r for r in runs if r]


def full_lines(rows: list[Row]) -> set[int]:
    """Indexes of the rows that a hard wrap cut (see the module's docstring). A page has one
    width: once a run shows it, a line of another run that fills it is cut too (a header of
    two lines above an empty line, then the rows)."""
    full: set[int] = set()
    pages: set[int] = set()
    runs = _runs(rows)
    for run in runs:
        widths = {i: _width(rows[i].cells[0].text) for i in run}
        for width in _page_widths(widths):
            for stretch in _stretches(run, widths, width):
                cut = [i for i in stretch[:-1] if widths[i] >= width - _SLACK and not _closed(rows[i].cells[0].text)]
                narrower = width != max(widths.values())
                if narrower:  # an indented line is a padded column's wrapped cell: its layout's to read
                    cut = [i for i in cut if not _INDENTED.match(rows[i].cells[0].text)]
                # at a narrower width, a line that ends with a value or is followed by one starting
                # with a level label is no evidence: a row may have ended there
                shown = [
                    i for i in cut if not (narrower and _row_end(rows[i].cells[0].text, rows[i + 1].cells[0].text))
                ]
                if _wrapped(rows, shown, stretch, sentences=narrower):
                    full.update(cut)
                    full.update(_reflowed(stretch, widths, width))
                    if not narrower:  # a width found on a stretch only (a goal cell's own column) is no page's
                        pages.add(width)
    for run in runs:
        full.update(
            i
            for i in run[:-1]
            if any(w - _SLACK <= _width(rows[i].cells[0].text) <= w for w in pages)
            and not _closed(rows[i].cells[0].text)
        )
    return full


def _wrapped(rows: list[Row], cut: list[int], stretch: list[int], *, sentences: bool = False) -> bool:
    """Enough different lines of a stretch end at one width for it to be a page's margin; with
    ``sentences``, lines that end a sentence are not counted (a narrower width than the run's
    widest is only taken on lines a page cut, not on prose lines of one length by chance)."""
    texts = {re.sub(r"\d", "", rows[i].cells[0].text) for i in cut}
    if sentences:
        texts = {t for t in texts if not _SENTENCE_END.search(t)}
    return len(texts) >= _FULL_LINES and 3 * len(cut) >= len(stretch)


#: how many lines of the page's width in a row make a paragraph the page re-flowed
_REFLOWED = 3


def _reflowed(stretch: list[int], widths: dict[int, int], width: int) -> list[int]:
    """Lines of a wrapped stretch in blocks of three or more that all fill the page's width, a
    bar at the end or not: a re-flowed paragraph, whose lines are all cut (a table's rows, each
    wrapped on its own, end in a short line; a row closed by a bar ends there)."""
    out: list[int] = []
    block: list[int] = []
    for i in [*stretch[:-1], None]:
        if i is not None and widths[i] >= width - _SLACK:
            block.append(i)
            continue
        if len(block) >= _REFLOWED:
            out.extend(block)
        block = []
    return out


def _page_widths(widths: dict[int, int]) -> list[int]:
    """The widths a page may have cut a run's lines at, widest first: its widest line's, and any
    other that three lines or more fill (a paragraph above the table that the page did not
    wrap, as its own line, may be wider than the table's page)."""
    if not widths:
        return []
    count = collections.Counter(widths.values())
    shared = {w for w in count if w >= _LEAST and count[w] + count[w - _SLACK] >= _FULL_LINES}
    widest = max(widths.values())
    return sorted(shared | ({widest} if widest >= _LEAST else set()), reverse=True)


def _stretches(run: list[int], widths: dict[int, int], width: int) -> list[list[int]]:
    """The run's stretches of consecutive lines none wider than ``width``: a wider line was not
    cut by that page, so it bounds the wrapped text."""
    out: list[list[int]] = [[]]
    for i in run:
        if widths[i] > width:
            out.append([])
        else:
            out[-1].append(i)
    return [s for s in out if s]


def unwrap(doc: Document) -> tuple[Document, list[tuple[int, str, bool]]]:
    """The document with each full line joined with the lines after it up to one that is not
    full; with (source line, joined text, whether it is above the grid's header) of each join."""
    rows = list(doc.rows)
    full = full_lines(rows)
    if not full:
        return doc, []
    head = next((i for i, r in enumerate(rows) if _GRID_HEAD.search(re.sub(r"\s", "", r.line_text() or ""))), None)
    out: list[Row] = []
    joins: list[tuple[int, str, bool]] = []
    i = 0
    while i < len(rows):
        j = i
        while j in full and j + 1 < len(rows):
            j += 1
        if j == i:
            out.append(rows[i])
        else:
            row = joined(rows[i : j + 1])
            out.append(row)
            joins.append((rows[i].line, row.cells[0].text, head is None or j < head))
        i = j + 1
    return doc.with_rows(out), joins


def joined(lines: list[Row]) -> Row:
    """Lines of one cell each as one row of one cell, whose segments point at the source (also
    for a line that was itself joined before)."""
    text, segments = "", []
    for row in lines:
        cell = row.cells[0]
        for pos, at in cell.segments or ((0, cell.start),):
            segments.append((len(text) + pos, at))
        text += cell.text
    first = lines[0].cells[0]
    cell = Cell(text, first.start, lines[-1].cells[0].end, first.row, 0, segments=tuple(segments))
    return Row([cell], lines[0].line, "\n".join(row.raw for row in lines))
