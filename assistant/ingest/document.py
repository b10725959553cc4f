"""The row/cell structure every reader hands to the extractors.

Text, CSV, spreadsheets, Word tables, PDFs and OCR'd scans all become a :class:`Document`:
its ``text`` (the decoded input, or for non-text formats a tab-separated rendering of the
cells) and its ``rows`` of :class:`Cell`. A cell knows where it came from (character
offsets into ``text``, line/row, column, and page/box/sheet when there is one), so every
extracted value can carry a :class:`assistant.schema.Span`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..schema import Failure, Span

__all__ = ["Cell", "Row", "Document", "PageProgress"]

#: ``on_page(done, total)`` after each OCR page (and ``(0, total)`` before the first): OCR
#: takes seconds a page, so the workbench and the CLI show "page k of n" from it. ``total``
#: is None when a multi-page image's count is not known.
PageProgress = Callable[[int, int | None], None]


@dataclass(slots=True)
class Cell:
    """One table cell.

    ``segments`` maps positions in ``text`` back to ``Document.text`` when the cell was
    joined from several wrapped lines: each entry is ``(position_in_cell, offset_in_doc)``
    for the start of one piece. A cell read in one piece has a single segment.
    """

    text: str
    start: int
    end: int
    row: int
    col: int
    page: int | None = None
    sheet: str | None = None
    box: tuple[float, float, float, float] | None = None
    confidence: float | None = None
    segments: tuple[tuple[int, int], ...] = ()

    def doc_offset(self, pos: int) -> int:
        """Offset in ``Document.text`` of position ``pos`` of this cell's text."""
        if not self.segments:
            return self.start + pos
        index = bisect_right(self.segments, (pos, float("inf"))) - 1
        cell_pos, doc_pos = self.segments[max(index, 0)]
        return doc_pos + (pos - cell_pos)

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """A Span for ``text[start:end]`` of this cell (the whole cell by default)."""
        end = len(self.text) if end is None else end
        doc_start = self.doc_offset(start)
        doc_end = self.doc_offset(end) if end < len(self.text) else self.end
        if self.page is None and self.sheet is None and self.box is None and self.confidence is None:
            # the common case (text input), kept cheap: one span is made per extracted value
            return Span(start=doc_start, end=doc_end, row=self.row, col=self.col)
        return Span(
            start=doc_start,
            end=doc_end,
            row=self.row,
            col=self.col,
            page=self.page,
            sheet=self.sheet,
            box=self.box,
            confidence=self.confidence,
        )


@dataclass(slots=True)
class Row:
    """One table row as the reader found it; ``line`` is 1-based, ``raw`` its source text."""

    cells: list[Cell]
    line: int
    raw: str

    def line_text(self) -> str | None:
        """The text of a row read as one cell (a line of text), None for a row of several cells."""
        return self.cells[0].text if len(self.cells) == 1 else None

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(slots=True)
class Document:
    """A decoded input: its text, its rows, and how it was read."""

    source: str
    text: str
    rows: list[Row] = field(default_factory=list)
    encoding: str | None = None
    layout: str = "tabbed"
    warnings: list[str] = field(default_factory=list)
    #: what the reader could not read (damaged bytes), kept as failures of the extracted table
    failures: list[Failure] = field(default_factory=list)

    def with_rows(self, rows: list[Row]) -> Document:
        """The same document read into other rows (lines joined or cut by a reader's step); its
        text, warnings and failures are kept, the lists copied."""
        return Document(
            self.source, self.text, rows, self.encoding, self.layout, list(self.warnings), list(self.failures)
        )
