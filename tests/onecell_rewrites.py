"""Real dev sources of every family written one cell per line, as real one-cell copies come.

The held-out one_cell_per_line documents read far below dev's, whose few documents of that layout
the rules were fitted on. Here dev documents of the OTHER families are written one cell a line
from their REAL source cells (their typos, notes, unit, score and reason columns kept), with what
real one-cell copies do to a table:

* ``cells``: one cell a line, empty cells dropped (a row's cell count varies);
* ``merged``: the same, a 一级 / 二级 cell equal to the one above it written once (a merged cell
  spanning rows is copied once, on its first row);
* ``wrapped``: the same, a cell wider than ``WRAP`` (display width) broken onto two lines or more;
* ``paged``: the same, a page footer line (``- 2 -``) every ``PAGE`` lines of the table;
* ``real``: merged, wrapped and paged together.

Sources whose cells are known: ``|`` rows (any family, traditional included: the copy keeps its
characters and the gold is unchanged) and space-separated grids (a table line's cells are its
runs of text between white space; the table's bounds are found with the gold, never its text).
A one_cell_per_line source is already one cell a line: it gets ``wrapped`` and ``paged`` only (not
when it is a web table copied with a bar after each cell: a web page neither wraps nor pages) and
is the *tuned* half; every other family is the *untuned* half, the honest figure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from dev_gold import dev_gold
from form_variants import _pipe_cells, separated_rows
from src_rewrites import table_span

from assistant.taxonomy import LEVEL1_WORDS, LEVEL2_WORDS
from assistant.textnorm import display_width

LAYOUTS = ("cells", "merged", "wrapped", "paged", "real")
#: display width (a CJK character counts 2) past which a cell wraps
WRAP = 30
#: table lines between two page footers
PAGE = 28
#: a header cell over a merged level column
_LEVEL_HEAD = re.compile(r"[一二]级指标")


def family(folder: Path) -> str:
    return json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("family", "")


def source_items(text: str, gold: dict, fam: str) -> list[str | list[str]] | None:
    """The source as plain lines (str) and table rows of cells (list); None when its cells are not
    known (run-together text, a form without separators)."""
    if separated_rows(text):
        return [
            cells if cells is not None and len(cells) >= 2 else line
            for line in text.split("\n")
            for cells in [_pipe_cells(line)]
        ]
    if fam == "space_separated":
        span = table_span(text, gold)
        if span is None:
            return None
        lines = text.split("\n")
        out: list[str | list[str]] = []
        for k, line in enumerate(lines):
            cells = line.split()
            out.append(cells if span[0] <= k <= span[1] and len(cells) >= 2 else line)
        return out
    if fam == "one_cell_per_line":
        return [line for line in text.split("\n")]
    return None


def _wrap(cell: str) -> list[str]:
    out, line = [], ""
    for ch in cell:
        if line and display_width(line + ch) > WRAP:
            out.append(line)
            line = ""
        line += ch
    return [*out, line]


def _level(cell: str) -> bool:
    """A 一级 / 二级 label (产出指标, 数量指标(20分)): only those are merged down a group."""
    return len(cell) <= 14 and any(w in cell for w in (*LEVEL1_WORDS, *LEVEL2_WORDS))


def render(items: list[str | list[str]], layout: str) -> str:
    """The items written one cell a line as ``layout`` (one of ``LAYOUTS``)."""
    merged = layout in ("merged", "real")
    wrapped = layout in ("wrapped", "real")
    paged = layout in ("paged", "real")
    out: list[str] = []
    above: list[str] = []
    levels: set[int] = set()  # the columns of the last header row's 一级 / 二级 cells
    in_table = 0
    page = 1
    for item in items:
        if isinstance(item, str):
            above = []
            if item.strip() and in_table and wrapped:
                lines = _wrap(item.strip())
            else:
                lines = [item]
        else:
            row = [c.strip() for c in item]
            if any(_LEVEL_HEAD.match(c) for c in row):
                levels = {k for k, c in enumerate(row) if _LEVEL_HEAD.match(c)}
            again = [
                merged and k in levels and k < len(above) and above[k] == c and _level(c) for k, c in enumerate(row)
            ]
            shown = [c for c, dropped in zip(row, again, strict=True) if c and not dropped]
            above = row
            lines = [piece for c in shown for piece in (_wrap(c) if wrapped else [c])]
            in_table = 1
        for line in lines:
            out.append(line)
            if in_table and paged and line.strip():
                in_table += 1
                if in_table % PAGE == 0:
                    page += 1
                    out.append(f"- {page} -")
    return "\n".join(out) + "\n"


def one_cell_text(items: list[str], layout: str) -> str | None:
    """A one_cell_per_line source (its lines) with ``layout``'s wraps and page footers; None for
    the layouts that need rows (cells, merged)."""
    if layout in ("cells", "merged"):
        return None
    barred = [line for line in items if line.strip().endswith(("|", "｜"))]
    if len(barred) * 2 >= len([line for line in items if line.strip()]):
        return None  # a web table copied with a bar after each cell: no PDF page wraps or footers
    out: list[str] = []
    page, n = 1, 0
    for line in items:
        pieces = _wrap(line.strip()) if layout in ("wrapped", "real") and line.strip() else [line]
        for piece in pieces:
            out.append(piece)
            if layout in ("paged", "real") and piece.strip():
                n += 1
                if n % PAGE == 0:
                    page += 1
                    out.append(f"- {page} -")
    return "\n".join(out) + "\n"


def documents() -> list[tuple[str, Path, dict, list]]:
    """(group, folder, gold, items) of every dev document with indicators whose cells are known:
    group ``tuned`` for one_cell_per_line sources, ``untuned`` for the rest."""
    out = []
    for folder, gold in dev_gold():
        source = folder / "source.txt"
        if not source.exists() or not any(p["indicators"] for u in gold["units"] for p in u["projects"]):
            continue
        fam = family(folder)
        items = source_items(source.read_text(encoding="utf-8"), gold, fam)
        if items is None:
            continue
        group = "tuned" if fam == "one_cell_per_line" and all(isinstance(i, str) for i in items) else "untuned"
        out.append((group, folder, gold, items))
    return out


def copy(items: list, layout: str) -> str | None:
    """The document's copy in ``layout``; None when the layout does not apply."""
    if all(isinstance(i, str) for i in items):
        return one_cell_text(items, layout)
    return render(items, layout)
