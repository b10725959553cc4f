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
#: lines of a form's opening that may repeat before each 项目名称 (one cell per line, an opening
#: of a table number, a title, 编制单位 and 单位：万元 spans a dozen lines)
_OPENING = 12


def _simple(line: str) -> str:
    return _unread(re.sub(r"\s", "", line)).translate(_T2S)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SEP.split(line) if c.strip()]


def _names_a_project(lines: list[str], i: int) -> bool:
    """A 项目名称 key with its value on the same line (项目名称 | X, 项目名称：X), or one cell
    per line: the key alone on its line and a value that is no key on the next filled one."""
    cells = _cells(lines[i])
    if cells and _run_on_name(cells[0]):
        return True  # 项目名称安全隐患维修: the key and its value run together on the line
    if not cells or _key_field(re.sub(r"\s", "", cells[0])) != "name":
        return False
    if len(cells) >= 2:
        return True
    after = next((c for line in lines[i + 1 : i + 3] if (c := _cells(line))), [])
    return len(cells) == 1 and bool(after) and not _key_field(re.sub(r"\s", "", after[0]))


#: the name keys a line run together opens with (项目名称安全隐患维修); longer ones first
_RUN_NAME_KEY = re.compile(r"(?:项目(?:支出)?名称|专项(?:资金)?名称|资金名称|项目全称)(?![:：及和、（(])")


def _run_on_name(cell: str) -> bool:
    """A cell opened by a name key with the value run on after it (项目名称安全隐患维修), the
    value no key of its own."""
    simple = _simple(cell)
    m = _RUN_NAME_KEY.match(simple)
    rest = simple[m.end() :] if m else ""
    return len(rest) >= 2 and not any(_key_field(rest[:k]) for k in range(2, min(len(rest), 8) + 1))


def _is_grid_header(line: str) -> bool:
    """A grid's header line, or one cell per line a head that only a grid has: a value column's
    (指标值, 年度指标值, 指标性质), whose grid may have no level columns at all (重庆's
    指标 | 指标权重 | 计量单位 | 指标性质 | 指标值)."""
    simple = _simple(line)
    if "三级指标" in simple or ("一级指标" in simple and "二级指标" in simple):
        return True
    if _is_grid_caption(re.sub(r"[|｜:：]", "", simple)):  # the grid's caption on its own line (绩效指标 |)
        return True
    return any(re.fullmatch(r"(?:年度|实施周期)?指标值|指标性质", _simple(c)) for c in _cells(line))


def split_forms(doc: Document) -> list[Document]:
    """The document's forms, each a Document of its own lines; [] when it holds one form."""
    if doc.layout not in ("reflowed", "csv", "tabbed", "xlsx"):
        return []
    lines = doc.text.split("\n")
    if doc.layout == "xlsx":  # one sheet of a workbook: the other sheets' lines are not its forms
        lines = _own_lines(doc, lines)
    names = [i for i in range(len(lines)) if _names_a_project(lines, i)]
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


def _own_lines(doc: Document, lines: list[str]) -> list[str]:
    """The lines from the document's first row to its last, the others blanked (lengths kept)."""
    cells = [row.cells[0] for row in doc.rows if row.cells]
    if not cells:
        return lines
    low, high = cells[0].start, doc.rows[-1].cells[-1].end if doc.rows[-1].cells else cells[-1].end
    out, offset = [], 0
    for line in lines:
        out.append(line if low <= offset <= high else " " * len(line))
        offset += len(line) + 1
    return out


def _piece(doc: Document, lines: list[str], first: int, end: int) -> Document:
    """Lines ``first`` to ``end`` of the document, the others blanked (offsets and numbers kept)."""
    kept = [line if first <= i < end else " " * len(line) for i, line in enumerate(lines)]
    # rows by where they sit in the text, not by their line number: a sheet's rows are numbered
    # as the clerk sees them (a CSV record after a wrapped cell starts lines further down)
    low = sum(len(line) + 1 for line in lines[:first])
    high = low + sum(len(line) + 1 for line in lines[first:end])
    rows = [row for row in doc.rows if row.cells and low <= row.cells[0].start < high]
    return Document(doc.source, "\n".join(kept), rows, doc.encoding, doc.layout, list(doc.warnings))
