"""Real dev sources with their indicator rows laid out as a PDF's text layer gives a ruled table
whose columns each have their OWN width (pdftotext without -layout, PDF.js copy, PyMuPDF text).

A row's name wraps over several lines in its narrow column while its value fits on one, so the
text comes out either one cell after another (each cell's wrapped lines in a run) or in reading
order across the row: the first line of every cell on one line, then the second lines of the
cells that go on, and so on (``完成全区农村公路 100公里`` / ``养护里程``).

The rows are the REAL source text of dev documents (:func:`leftover_rows.dev_documents` finds
each gold indicator's name and value in it); a row's cells are the source's own, cut at its
separators (``|``, tabs, spaces) and at the found name and value, the label cells of a
run-together row at each ``…指标``. Only the layout of the rows changes (and of the other
lines of ``|`` or tab cells: no separator is left), every other line is left as written, so
the unchanged gold scores the copy. Kinds (:data:`KINDS`):

* ``colwrap_lines``: one cell per line, each column wrapped at its own width (the name column
  8-14 CJK characters, value columns 4-8, level columns 4);
* ``colwrap_inter``: reading order across the row, a line's pieces joined by one space;
* ``colwrap_inter_run``: the same joined by nothing (a run-together copy);
* ``…_merged``: the same with a 一级 / 二级 cell written only on the first row of its group (a
  merged cell), made only when the source repeats them.

A PDF's text has no bars: those of a copy one cell a line closed by bars are dropped (a line of
bars alone, an empty cell, with them), and its header, one cell a line, becomes one row.
"""

from __future__ import annotations

import random
import re

from leftover_rows import Doc, dev_documents
from src_rewrites import _wrapped

__all__ = ["KINDS", "documents", "rewrite", "row_cells"]

KINDS = (
    "colwrap_lines",
    "colwrap_inter",
    "colwrap_inter_run",
    "colwrap_lines_merged",
    "colwrap_inter_merged",
    "colwrap_inter_run_merged",
)

#: a label cell of a run-together row: anything up to 指标 and its score mark
_LABEL = re.compile(r".+?指标(?:\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）])?")
#: a header cell, never a row's label
_HEAD = re.compile(r"[一二三]级指标|指标(?:名称|内容|值)")
_SEP = {
    "pipe": re.compile(r"\s*[|｜]\s*"),
    "tab": re.compile(r"\s*\t\s*"),
    "spaces": re.compile(r"\s+"),
    "run": re.compile(r"\s{2,}"),
}


def documents() -> list[Doc]:
    """The dev documents whose rows can be cut into cells: one indicator per row."""
    out = []
    for doc in dev_documents():
        lines = [doc.text.count("\n", 0, at) for at, _, _ in doc.rows]
        if doc.layout not in ("lines", "line_pipes") and len(set(lines)) < len(lines):
            continue  # two rows on one line: not a grid whose rows can be told apart here
        out.append(doc)
    return out


def _split(region: str, layout: str, labels: bool) -> list[str]:
    parts = [p.strip() for p in _SEP[layout].split(region) if p.strip()]
    if labels and layout == "run":
        parts = [c for p in parts for c in (_LABEL.findall(p) or [p]) if c.strip()]
    return parts


def row_cells(doc: Doc) -> list[tuple[int, int, list[tuple[str, str]]]]:
    """Per gold indicator: (start, end) of its row's text in ``doc.text`` and its cells as
    (role, text), role ``label`` (a cell before the name), ``name`` or ``value`` (any after)."""
    text = doc.text
    out = []
    if doc.layout in ("lines", "line_pipes"):
        starts = [text.rfind("\n", 0, at) + 1 for at, _, _ in doc.rows]
        value_ends = [line_end for _, _, line_end in doc.rows]
        for k, (_, _, line_end) in enumerate(doc.rows):
            # the lines above the name back to the previous row's value line that are labels
            lo = value_ends[k - 1] + 1 if k else 0
            above = text[lo : starts[k]].split("\n")[:-1]
            labels = []
            for line in reversed(above):
                cell = line.strip().strip("|｜").strip()
                if not _LABEL.fullmatch(cell) or len(cell) > 16 or _HEAD.search(cell):
                    break
                labels.insert(0, cell)
            start = starts[k] - sum(len(x) + 1 for x in above[len(above) - len(labels) :])
            end = line_end
            cells = [("label", c) for c in labels]
            for n, line in enumerate(text[starts[k] : end].split("\n")):
                cell = line.strip().strip("|｜").strip()
                if cell:
                    cells.append(("name" if n == 0 else "value", cell))
            out.append((start, end, cells))
        return out
    for ind, (at, value_end, line_end) in zip(doc.gold, doc.rows):
        start = text.rfind("\n", 0, at) + 1
        name_end = at + len(ind["name"])
        cells = [("label", c) for c in _split(text[start:at], doc.layout, labels=True)]
        cells.append(("name", ind["name"]))
        cells += [("value", c) for c in _split(text[name_end:value_end], doc.layout, labels=False)]
        cells += [("value", c) for c in _split(text[value_end:line_end], doc.layout, labels=False)]
        out.append((start, line_end, cells))
    return out


def _merged(rows: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """Each label cell kept only where it differs from the previous row's label at its place."""
    out, before = [], []
    for cells in rows:
        labels = [c for r, c in cells if r == "label"]
        keep = [c != (before[j] if j < len(before) else None) for j, c in enumerate(labels)]
        j, new = 0, []
        for role, c in cells:
            if role == "label":
                if keep[j]:
                    new.append((role, c))
                j += 1
            else:
                new.append((role, c))
        out.append(new)
        before = labels
    return out


def _lay(cells: list[tuple[str, str]], widths: dict[str, int], kind: str) -> list[str]:
    columns = [_wrapped(c, widths[role]) for role, c in cells]
    if kind.startswith("colwrap_lines"):
        return [piece for col in columns for piece in col]
    joiner = "" if kind.startswith("colwrap_inter_run") else " "
    height = max(len(col) for col in columns)
    return [joiner.join(col[j] for col in columns if j < len(col)) for j in range(height)]


def _others(text: str, layout: str, widths: dict[str, int], kind: str) -> str:
    """The lines between rows: those of ``|`` or tab cells (the header, the 项目名称 and money
    rows) laid out like the rows, no separator left; the rest as written."""
    if layout == "line_pipes":  # a PDF's text has no bars: a line of bars alone was an empty cell
        text = "\n".join(x.strip().strip("|｜").strip() for x in text.split("\n") if x.strip(" |｜") or not x.strip())
    if layout in ("lines", "line_pipes"):
        return _header_row(text, widths, kind)
    if layout not in ("pipe", "tab"):
        return text
    out = []
    for line in text.split("\n"):
        cells = _split(line, layout, labels=False)
        if len(cells) >= 2 or (cells and _SEP[layout].search(line)):
            out.extend(_lay([("other", c) for c in cells], widths, kind))
        else:
            out.append(line)
    return "\n".join(out)


def _header_row(text: str, widths: dict[str, int], kind: str) -> str:
    """The grid's header, one cell per line from its 一级 cell on (blank lines between), laid
    out as one row: a PDF prints the header row across the page."""
    lines = text.split("\n")
    at = max((k for k, x in enumerate(lines) if re.match(r"\s*一级", x)), default=None)
    if at is None:
        return text
    cells = [x.strip() for x in lines[at:] if x.strip()]
    if not cells or len(cells) > 12 or any(len(c) > 12 for c in cells):
        return text
    tail = len(lines) - 1 if lines[-1].strip() == "" else len(lines)
    return "\n".join([*lines[:at], *_lay([("head", c) for c in cells], widths, kind), *lines[tail:]])


def rewrite(doc: Doc, kind: str, seed: int = 0) -> str | None:
    """``doc``'s text with its rows laid out as ``kind``; None when nothing changes (or a merged
    kind whose source already writes each label once)."""
    rng = random.Random(seed)
    widths = {"label": 4, "name": rng.randint(8, 14), "value": rng.randint(4, 8), "other": 14, "head": 99}
    spans = row_cells(doc)
    rows = [cells for _, _, cells in spans]
    if kind.endswith("_merged"):
        merged = _merged(rows)
        if merged == rows:
            return None
        rows = merged
    text, out, at = doc.text, [], 0
    for (start, end, _), cells in zip(spans, rows):
        out.append(_others(text[at:start], doc.layout, widths, kind))
        out.append("\n".join(_lay(cells, widths, kind)))
        at = end
    out.append(_others(text[at:], doc.layout, widths, kind))
    new = "".join(out)
    return None if new == text else new
