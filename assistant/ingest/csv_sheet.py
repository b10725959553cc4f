"""A CSV file read as the sheet it was saved from: its records become a grid of cells, as an .xlsx's do.

Excel, WPS and LibreOffice save a sheet as CSV with ``,`` (``;`` where that is the list
separator, a tab for "Unicode text"), quote a cell holding the separator, a quote or a line
break, and pad every record with empty cells to the sheet's width. Read line by line, such a
file keeps its quotes and separators in a form's name and goal; read record by record it is the
sheet again, and goes through :func:`assistant.ingest.cellgrid.grids_to_document` like a workbook.

So, as for a workbook, ``Document.text`` is the tab-separated rendering of the cells (a line break
inside a quoted cell read as a wrapped cell: joined) and every span indexes that rendering; a
span's ``row`` is the line of the file where the cell's record begins (the sheet row Excel shows
when no cell holds a line break) and its ``col`` the column, counted from 0.
"""

from __future__ import annotations

import csv
import io
import re
from contextlib import contextmanager

from ..messages import msg
from ..schema import Failure
from .cellgrid import Grid, grids_to_document, is_department_header
from .document import Document

__all__ = ["delimiter_of", "csv_records", "read_csv_sheet", "quoted_tab_text", "SEPARATORS"]

#: the separators spreadsheet programs write, the first preferred when two read alike
SEPARATORS = (",", "\t", ";")
_SNIFF_LINES = 400
#: Excel's first line naming the separator; not a row of the sheet
_SEP_HINT = re.compile(r'sep=([^\n"])\n')
#: a cell opened by a quote that holds a line break or a doubled quote and closes before a tab or
#: a line end: how Excel writes such a cell in "Unicode text"
_QUOTED_BREAK = re.compile(r'(?:^|\t)"(?:[^"\n]|"")*(?:\n|"")(?:[^"]|"")*"(?=\t|\n|$)', re.M)


@contextmanager
def _no_field_limit(size: int):
    """The csv module's field size limit (131,072) lifted to the text's length for the time of a
    read: a long 绩效指标 cell is legitimate."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, size + 1))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _multi(head: str, delimiter: str) -> int:
    """How many records of ``head`` hold two cells or more when split at ``delimiter``."""
    with _no_field_limit(len(head)):
        return sum(len(record) >= 2 for record in csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))


def delimiter_of(text: str) -> str | None:
    """The separator of a CSV text: the one a first line ``sep=;`` names (Excel's hint), else the
    one that splits the most records into cells; None when none splits three records, or half of
    them in a shorter file (a text named .csv, not a sheet)."""
    if hint := _SEP_HINT.match(text):
        return hint.group(1)
    lines = text.split("\n", _SNIFF_LINES)[:_SNIFF_LINES]
    head = "\n".join(lines)
    counts = {sep: _multi(head, sep) for sep in SEPARATORS if sep in head}
    best = max(counts, key=lambda sep: (counts[sep], -SEPARATORS.index(sep)), default=None)
    needed = min(3, (sum(bool(line.strip()) for line in lines) + 1) // 2)
    if best is None or counts[best] < max(needed, 1):
        return None
    # a web page's cells copied with | between them, saved as .csv: its text readers know the pipes
    return None if sum(line.count("|") >= 2 for line in lines) > counts[best] else best


def csv_records(text: str, delimiter: str = ",") -> tuple[list[tuple[int, list[str]]], list[tuple[int, str]]]:
    """``(line where the record begins, its cells)`` of every record, and ``(line, reason)`` of each
    record whose quotes are not as a spreadsheet writes them (``"ab"c``, a quote never closed):
    it is read as the csv module's lenient reading gives it, and named so a clerk checks it."""
    records: list[tuple[int, list[str]]] = []
    bad: list[tuple[int, str]] = []
    strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    lenient = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    with _no_field_limit(len(text)):
        line = 0
        for record in _lenient_after_error(strict, lenient, bad):
            start = line + 1
            line = lenient.line_num if bad else strict.line_num
            records.append((start, record))
    return records, bad


def _lenient_after_error(strict, lenient, bad: list[tuple[int, str]]):
    """The strict reader's records; from its first error on, the lenient reader's, the error noted."""
    done = 0
    try:
        for record in strict:
            done += 1
            yield record
        return
    except csv.Error as exc:
        bad.append((strict.line_num, str(exc)))
    for index, record in enumerate(lenient):
        if index >= done:
            yield record


def quoted_tab_text(text: str) -> bool:
    """Excel's "Unicode text" (.txt): cells between tabs, a cell typed with a line break or a quote
    quoted (``"乡村道路\n养护"``, ``"落实""两卡制""要求"``). Read line by line its rows would be cut
    inside the cell, its quotes kept; a text whose quotes are not all as Excel writes them is not
    taken for one."""
    return bool(_QUOTED_BREAK.search(text)) and not csv_records(text, "\t")[1]


_SOURCE_HEAD = re.compile(r"\s*\S*(?:拨款|资金|收入)\s*")


def _two_row_header(rows: list[list[str]]) -> int | None:
    """The row of a department header spread over two rows (项目名称 | 总计 | 资金来源, then under
    资金来源 财政拨款 | 财政专户拨款 | 其他资金 with the merged cells empty), as the xlsx reader folds it."""
    for index, cells in enumerate(rows[:-1]):
        if is_department_header(cells):
            below = rows[index + 1]
            filled = [c for c in below if c.strip()]
            if below and not below[0].strip() and len(filled) >= 2 and all(_SOURCE_HEAD.fullmatch(c) for c in filled):
                return index
            return None
    return None


#: Excel's text formula a system export writes to keep a cell as typed (="0012", ="2024年")
_TEXT_FORMULA = re.compile(r'="(.*)"', re.S)


def _cell(text: str) -> str:
    """A cell as the sheet shows it: ``="0012"`` is the text 0012."""
    m = _TEXT_FORMULA.fullmatch(text)
    return m.group(1).replace('""', '"') if m else text


def read_csv_sheet(text: str, source: str, encoding: str | None, delimiter: str) -> Document:
    """The Document of a CSV text read record by record (layout ``csv``); a record with broken
    quotes is a failure naming its line."""
    if _SEP_HINT.match(text):
        text = "\n" + text[text.index("\n") + 1 :]  # the hint line read as a blank line: lines keep their numbers
    records, bad = csv_records(text, delimiter)
    grid = Grid([[_cell(c) for c in cells] for _, cells in records], "csv", row_numbers=[line for line, _ in records])
    if (head := _two_row_header(grid.rows)) is not None:
        grid.down_merged[(head, 0)] = 2  # a CSV keeps no merged cells: found by what the rows hold
        grid.fold_two_row_header()
    doc = grids_to_document(source, [grid], "csv")
    doc.encoding = encoding
    doc.failures = [
        Failure(source=source, row=line, field="csv", message=msg("READ_BAD_CSV_ROW", line=line, reason=reason))
        for line, reason in bad
    ]
    return doc
