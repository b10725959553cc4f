"""Several single-project forms in one document, read one by one.

A department often publishes the 目标表 of all its projects on one page or in one PDF: the
same form again and again, each opening the same way (a unit and 单位：万元 line, then
项目名称 …) and ending with its indicator grid. The form reader reads one project per
document, so such a document is cut into its forms first: at each 项目名称 after the first
grid, moved back over the opening lines the forms share. Each piece keeps the document's
line numbers and offsets (the other lines are blanked), so spans still point into the file.
"""

from __future__ import annotations

import re

from ...ingest.document import Document
from .form.labels import _T2S, _is_grid_caption, _key_field, _unread

__all__ = ["split_forms"]

_CELL_SEP = re.compile(r"[|｜\t]| {2,}|\u3000{2,}|[:：]")
_OPENING = 3  # lines of a form's opening that may repeat before each 项目名称


def _simple(line: str) -> str:
    return _unread(re.sub(r"\s", "", line)).translate(_T2S)


def _names_a_project(line: str) -> bool:
    """A 项目名称 key with its value on the same line (项目名称 | X, 项目名称：X)."""
    cells = [c.strip() for c in _CELL_SEP.split(line) if c.strip()]
    return len(cells) >= 2 and _key_field(re.sub(r"\s", "", cells[0])) == "name"


def _is_grid_header(line: str) -> bool:
    """The head of a form's indicator grid: 三级指标 / 一级指标 + 二级指标, or the grid's caption
    on a line of its own (绩效指标 |) over a grid with no level columns (指标 | 指标权重 | 指标值)."""
    simple = _simple(line)
    bare = re.sub(r"[|｜:：]", "", simple)
    return "三级指标" in simple or ("一级指标" in simple and "二级指标" in simple) or _is_grid_caption(bare)


def _name_key_alone(lines: list[str], i: int) -> bool:
    """A 项目名称 key alone on its line (one cell per line: 专项资金名称 | / X |), its value on the
    next line that is not blank, and that value no key of its own."""
    cells = [c.strip() for c in _CELL_SEP.split(lines[i]) if c.strip()]
    if len(cells) != 1 or _key_field(re.sub(r"\s", "", cells[0])) != "name":
        return False
    nxt = next((line for line in lines[i + 1 : i + 3] if re.sub(r"[|｜\s]", "", line)), "")
    value = [c.strip() for c in _CELL_SEP.split(nxt) if c.strip()]
    return len(value) == 1 and not _key_field(re.sub(r"\s", "", value[0]))


def split_forms(doc: Document) -> list[Document]:
    """The document's forms, each a Document of its own lines; [] when it holds one form."""
    if doc.layout not in ("reflowed", "csv", "tabbed"):
        return []
    lines = doc.text.split("\n")
    names = [i for i, line in enumerate(lines) if _names_a_project(line) or _name_key_alone(lines, i)]
    starts = [names[0]] if names else []
    for i in names[1:]:
        if any(_is_grid_header(line) for line in lines[starts[-1] : i]):  # a grid closed the last form
            starts.append(i)
    if len(starts) < 2:
        return []
    opening = [_simple(line) for line in lines[max(0, starts[0] - _OPENING) : starts[0]]]
    cuts = [0]
    for start in starts[1:]:
        back = 0
        while back < len(opening) and _simple(lines[start - back - 1]) == opening[-1 - back] and opening[-1 - back]:
            back += 1
        cuts.append(start - back)
    cuts.append(len(lines))
    return [_piece(doc, lines, a, b) for a, b in zip(cuts, cuts[1:], strict=False)]


def _piece(doc: Document, lines: list[str], first: int, end: int) -> Document:
    """Lines ``first`` to ``end`` of the document, the others blanked (offsets and numbers kept)."""
    kept = [line if first <= i < end else " " * len(line) for i, line in enumerate(lines)]
    rows = [row for row in doc.rows if first < row.line <= end]
    return Document(doc.source, "\n".join(kept), rows, doc.encoding, doc.layout, list(doc.warnings))
