"""Rows of a grid run together whose line breaks were lost (a page re-flowed its text, or a copy
put the grid on one line): a column whose every cell takes one word of a short closed list ends
each row with that word, so the rows are cut apart there.

The closed columns are the ones the 财政 templates fill from a fixed list: 绩效标准 (计划标准,
历史标准, 行业标准, 其他标准), 指标值类型 (定量, 定性) and 指标方向 (正向, 反向). Only a closed column
that is the header's last one (a 备注 left empty may follow it) ends rows; in the middle of a row
its word says nothing about where the row ends. A line is cut after each of the column's words
but its last, when two or more rows of it show (each cut is returned for the caller to flag).
"""

from __future__ import annotations

import re

from ....ingest.document import Cell, Document, Row
from .labels import _T2S

#: a closed column's head, and the words its cells are written with
_CLOSED = {
    "绩效标准": r"(?:计划|历史|行业|其他)标准",
    "指标值类型": r"定[量性]",
    "指标方向": r"[正反]向",
}
_HEAD = re.compile("|".join(_CLOSED))
#: the words a header writes for a column: one of them after a closed head is a later column
_COLUMN_WORD = re.compile(
    r"\s*(?:指标值|目标值|度量单位|计量单位|单位|分值|权重|得分|评分|计分|扣分|实际|年度|全年|完成|偏差|原因|"
    r"指标解释|指标说明|指标内容|指标值内容|指标性质|指标值类型|指标方向|绩效标准|评价标准|说明)"
)
_NOTE = re.compile(r"\s*备注")
_GRID = re.compile(r"三级指标|二级指标")


def _closed_word(header: str, at: int) -> tuple[re.Pattern[str], int] | None:
    """The word pattern of the closed column the header written from ``at`` on ends with, and
    where the header ends; None when its last column is not a closed one."""
    found = None
    for m in _HEAD.finditer(header, at):
        end = m.end()
        if note := _NOTE.match(header, end):
            end = note.end()
        if not _COLUMN_WORD.match(header, end):
            found = (re.compile(_CLOSED[m.group()]), end)
    return found


def _piece(cell: Cell, a: int, b: int) -> Cell:
    """``cell.text[a:b]`` as a cell of its own, its positions still the source's."""
    segments = tuple([(0, cell.doc_offset(a))] + [(pos - a, at) for pos, at in cell.segments if a < pos < b])
    end = cell.doc_offset(b) if b < len(cell.text) else cell.end
    return Cell(cell.text[a:b], cell.doc_offset(a), end, cell.row, 0, segments=segments if cell.segments else ())


def split_at_row_ends(doc: Document) -> tuple[Document, list[tuple[int, str, str]]]:
    """The document with each line of its grid that holds several rows ended by a closed column's
    word cut into one row each; with (source line, piece, word) of every cut."""
    rows = list(doc.rows)
    simple = [t.translate(_T2S) if (t := r.line_text()) is not None else None for r in rows]  # offsets stay put
    head = next((i for i, t in enumerate(simple) if t and _GRID.search(t)), None)
    if head is None:
        return doc, []
    closed = _closed_word(simple[head], _GRID.search(simple[head]).start())
    if closed is None:
        return doc, []
    word, header_end = closed
    out, cuts = rows[:head], []
    for i in range(head, len(rows)):
        text = simple[i]
        found = [m for m in word.finditer(text, header_end if i == head else 0)] if text else []
        found = [m for m in found if text[m.end() :].strip()]  # a word that ends the line cuts nothing
        if not found:
            out.append(rows[i])
            continue
        cell, pos = rows[i].cells[0], 0
        if i == head and text[header_end:].strip():
            out.append(Row([_piece(cell, 0, header_end)], rows[i].line, cell.text[:header_end]))
            pos = header_end  # the header ends at its closed column: the rows start after it
        for m in [*found, None]:
            end = m.end() if m else len(text)
            if cell.text[pos:end].strip():
                out.append(Row([_piece(cell, pos, end)], rows[i].line, cell.text[pos:end]))
                if m:
                    cuts.append((rows[i].line, cell.text[pos:end].strip(), m.group()))
            pos = end
    if not cuts:
        return doc, []
    return doc.with_rows(out), cuts
