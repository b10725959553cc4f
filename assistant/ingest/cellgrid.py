"""Tables read from structured files (xlsx sheets, Word tables, PDF pages) as a Document.

The spreadsheet, Word and PDF readers each find grids of cell texts; this module turns
those grids into the same :class:`Document` the text reader produces, so the extractors
never know which format a table came from. ``Document.text`` is a tab-separated rendering
(one line per row, a blank line between grids) and every cell's ``start``/``end`` index
that rendering. A merged cell's text sits in its top-left cell; the cells it covers are
empty, exactly as in the text PDF tools export.

Two things are folded here because every structured format needs them:

* a header spread over two rows by merged cells (项目名称 merged down over a second row of
  财政拨款 / 财政专户拨款 / 其他资金) is read as one header row;
* tabs and line breaks inside a cell become spaces (a line break between two Chinese
  characters is dropped, as wrapped text in a cell is one run of text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..textnorm import fold, simplified
from .document import Cell, Document, Row

__all__ = [
    "Grid",
    "join_wrapped",
    "grids_to_document",
    "is_department_header",
    "is_form_grid",
    "unread_cell_note",
    "parse_unread_cell_note",
    "UNREAD_PREFIX",
]

#: ``Document.warnings`` entries that are a cell the reader could not read (not a mere note);
#: the extraction turns them into :class:`assistant.schema.Failure` records.
UNREAD_PREFIX = "unread cell"
_UNREAD = re.compile(rf"^{UNREAD_PREFIX} (?P<sheet>.*?)!(?P<cell>[A-Z]+\d+) row (?P<row>\d+): (?P<message>.*)$")


def unread_cell_note(sheet: str, row: int, coordinate: str, formula: str) -> str:
    """A warning line for a cell whose value is not in the file: a formula with no saved result."""
    return f"{UNREAD_PREFIX} {sheet}!{coordinate} row {row}: {formula}"


def parse_unread_cell_note(note: str) -> tuple[int, str, str] | None:
    """(row, "sheet!cell", formula) of an :func:`unread_cell_note`, or None for other notes."""
    m = _UNREAD.match(note)
    return (int(m["row"]), f"{m['sheet']}!{m['cell']}", m["message"]) if m else None


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_WRAP_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*|[ \t]*\n[ \t]*(?=[{_CJK}])")
_BREAKS = re.compile(r"[ \t]*[\n\t\r\v\f][ \t]*")
_HEADER_WORDS = ("项目名称", "总计", "财政拨款", "绩效目标", "绩效指标")
_FORM_WORDS = ("一级指标", "二级指标", "三级指标")


def _fold(text: str) -> str:
    """Header words matched in simplified characters: a sheet typed in traditional ones (項目名稱 |
    一級指標) is the same table."""
    return fold(simplified(text))


def join_wrapped(text: str) -> str:
    """One line of cell text: wrapped CJK lines joined directly, other breaks become a space."""
    text = _WRAP_CJK.sub("", text.strip())
    return _BREAKS.sub(" ", text)


def is_department_header(texts: list[str]) -> bool:
    """The 项目名称 | 总计 | 财政拨款 | … | 绩效目标 | 绩效指标 header of a department table."""
    joined = _fold("".join(texts))
    return "项目名称" in joined and sum(word in joined for word in _HEADER_WORDS) >= 3


def is_form_grid(rows: list[list[str]]) -> bool:
    """A single-project form: an indicator grid header (一级指标 | 二级指标 | 三级指标)."""
    return any(sum(word in _fold("".join(r)) for word in _FORM_WORDS) >= 2 for r in rows)


@dataclass(slots=True)
class Grid:
    """One table as found in a file.

    Args:
        rows: cell texts row by row; a merged cell's text in its top-left cell only.
        label: where it is, for messages (``sheet 项目表``, ``table 2``, ``page 3``).
        row_numbers: the row number a clerk sees for each row (the sheet row in Excel);
            1, 2, 3… when not given.
        down_merged: (row index, col index) of cells merged down over the next row(s), with
            the number of rows they cover; used to fold a two-row header into one.
        sheet / page: carried into every cell (and so into every span).
        boxes: optional (x0, top, x1, bottom) per cell, same shape as ``rows``.
    """

    rows: list[list[str]]
    label: str
    row_numbers: list[int] | None = None
    down_merged: dict[tuple[int, int], int] = field(default_factory=dict)
    sheet: str | None = None
    page: int | None = None
    boxes: list[list[tuple[float, float, float, float] | None]] | None = None

    def fold_two_row_header(self) -> None:
        """Read a header whose first cell is merged down over the next rows as one row."""
        for index, texts in enumerate(self.rows):
            span = self.down_merged.get((index, 0), 1)
            if span > 1 and is_department_header(texts):
                merged = list(texts)
                for extra in self.rows[index + 1 : index + span]:
                    for col, text in enumerate(extra):
                        if text.strip():
                            if col >= len(merged):
                                merged.extend([""] * (col + 1 - len(merged)))
                            merged[col] = f"{merged[col]}/{text}" if merged[col].strip() else text
                self.rows[index : index + span] = [merged]
                if self.row_numbers:
                    del self.row_numbers[index + 1 : index + span]
                if self.boxes:
                    del self.boxes[index + 1 : index + span]
                return


def grids_to_document(source: str, grids: list[Grid], layout: str, warnings: list[str] | None = None) -> Document:
    """Render grids as tab-separated text and build the Document whose cells index it.

    ``Row.line`` is the row number a clerk sees (the sheet row for Excel), so a failure
    message points at the right row; the Document-text line is not needed for that.
    """
    lines: list[str] = []
    rows: list[Row] = []
    offset = 0
    for grid_index, grid in enumerate(grids):
        if grid_index and lines:
            lines.append("")
            offset += 1
        for index, texts in enumerate(grid.rows):
            texts = [join_wrapped(t) for t in texts]
            number = grid.row_numbers[index] if grid.row_numbers else index + 1
            line = "\t".join(texts)
            if not line.strip():
                lines.append("")
                offset += 1
                continue
            cells: list[Cell] = []
            pos = offset
            for col, text in enumerate(texts):
                box = None
                if grid.boxes and index < len(grid.boxes) and col < len(grid.boxes[index]):
                    box = grid.boxes[index][col]
                cells.append(Cell(text, pos, pos + len(text), number, col, page=grid.page, sheet=grid.sheet, box=box))
                pos += len(text) + 1
            rows.append(Row(cells, number, line))
            lines.append(line)
            offset += len(line) + 1
    return Document(source, "\n".join(lines), rows, None, layout=layout, warnings=list(warnings or []))
