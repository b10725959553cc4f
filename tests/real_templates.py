"""Real dev sources filled into REAL blank templates' scaffolding, scored on their unchanged gold.

Round 12's :mod:`template_scaffold` wrote scaffolding we invented (``指标N：``, ``**``); the
held-out templates did not move. Here the scaffolding comes from real blank templates kept in
``tests/data/templates`` (their text verbatim, their address in ``manifest.json``): each prints
its own unfilled slot row (``…``, ``4.``, ``目标3``), its own 二级 labels (bare rows where a project
uses none), a block printed blank above the filled one (长期绩效指标 over 年度绩效指标, 目标1:
slots, a cost table of ``*``) and lines under its table (审核意见, 填报人). A reference template's
sample rows left with their pattern (政策知晓率 | ≥**%) are not written: a named row whose value
nobody filled is an indicator in the gold (e11), so such a copy would change the gold. :func:`variants` writes each into a dev document's own
source text (byte for byte elsewhere) in the document's own layout; the gold does not change:
none of these rows is an indicator.
"""

from __future__ import annotations

import json
from pathlib import Path

from leftover_rows import Doc, _row, _under
from template_scaffold import _apply, _group_end, _groups, _row_piece, _row_start

__all__ = ["TEMPLATES", "load_templates", "blank_text", "variants"]

DATA = Path(__file__).resolve().parent / "data" / "templates"


def load_templates() -> list[dict]:
    """The real templates' manifest entries, each with its verbatim ``text``."""
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for entry in manifest["templates"]:
        entry = dict(entry, text=(DATA / f"{entry['id']}.txt").read_text(encoding="utf-8"))
        out.append(entry)
    return out


TEMPLATES = tuple(t["id"] for t in load_templates())


def blank_text(template: dict) -> str:
    """The template as printed blank (its stored text)."""
    return template["text"]


def _rows(doc: Doc, rows: list[list[str]]) -> str:
    """Rows written the document's way, one after another."""
    joiner = "" if doc.layout == "run" else "\n"
    return joiner.join(_row(doc, cells) for cells in rows)


def _slots(doc: Doc, template: dict) -> list[tuple[int, str]]:
    """The template's unfilled slot row after each group's filled items (numbered on from them)."""
    out = []
    for group in _groups(doc):
        at = _group_end(doc, group[-1])
        if at is None:
            continue
        cells = [c.format(n=len(group) + 1) for c in template["slot"]]
        out.append(_row_piece(doc, at, cells))
    return out


def _unused(doc: Doc, template: dict) -> list[tuple[int, str]] | None:
    """The template's 二级 labels the project left unused, each a bare row, before the 满意度 block."""
    used = {ind.get("level2_name") for ind in doc.gold}
    labels = [x for x in template["categories"] if x not in used and x not in doc.text and "满意" not in x]
    satisfied = next((i for i, ind in enumerate(doc.gold) if str(ind.get("level1_code") or "").startswith("3")), None)
    if not labels or not satisfied:
        return None
    at = _row_start(doc, satisfied)
    piece = _rows(doc, [[x] for x in labels])
    if at < len(doc.text) and doc.text[at] != "\n":
        return [(at, piece)]
    return [(at, "\n" + piece)]


def _grid_start(doc: Doc) -> int:
    """Where the grid's header begins (the line holding 一级指标 above the first row), else the first row."""
    first = _row_start(doc, 0)
    at = doc.text.rfind("一级指标", 0, doc.rows[0][0])
    if at < 0:
        return first
    if doc.layout == "run":
        return at
    return doc.text.rfind("\n", 0, at) + 1 if "\n" in doc.text[:at] else 0


def _label_column(doc: Doc) -> int:
    """The column of the 一级 labels in a ``|`` grid's header (0 when it cannot be told)."""
    if doc.layout != "pipe" or doc.header is None:
        return 0
    cells = [c.strip() for c in doc.header.strip().strip("|｜").split("|")]
    return next((k for k, c in enumerate(cells) if "一级" in c), 0)


def _own_header(doc: Doc) -> str | None:
    """The grid's header as the document writes it: its header line(s), or where rows run on or
    a cell stands on each line, the text from its 一级指标 to its first row."""
    if doc.header is not None and doc.layout not in ("lines", "line_pipes"):
        return doc.header.strip("\n")
    at = doc.text.rfind("一级指标", 0, doc.rows[0][0])
    if at < 0:
        return None
    if doc.layout in ("lines", "line_pipes"):
        at = doc.text.rfind("\n", 0, at) + 1
    head = doc.text[at : _row_start(doc, 0)].strip("\n")
    return head if len(head) <= 160 and ("三级指标" in head or "指标值" in head) else None


def _block_rows(doc: Doc, rows: list[list[str]]) -> str:
    """A block's rows from the grid's first column: under the 一级 heading where cells are ``|``
    columns, one after another otherwise; a row that is the template's header is the grid's own
    header as the document writes it (a copy prints one header for both blocks)."""
    out = []
    pad = _label_column(doc)
    own = _own_header(doc)
    for cells in rows:
        if cells and cells[0] == "一级指标" and own is not None:
            out.append(own)
        elif doc.layout == "pipe":
            out.append("| " + " | ".join([""] * pad + cells) + " |")
        elif doc.layout == "tab":
            out.append("\t".join(cells))
        else:
            out.append(_row(doc, cells))
    return ("" if doc.layout == "run" else "\n").join(out)


def _blank_block(doc: Doc, template: dict) -> list[tuple[int, str]] | None:
    """The block the template prints blank, written just above the grid's header."""
    if not template.get("blank_block"):
        return None
    if doc.text.rfind("一级指标", 0, doc.rows[0][0]) < 0:
        return None  # where the grid's header begins cannot be told: the block would split it
    at = _grid_start(doc)
    piece = _block_rows(doc, template["blank_block"])
    if doc.layout == "run":
        return [(at, piece)]
    return [(at, piece + "\n")]


def _footer(doc: Doc, template: dict) -> list[tuple[int, str]] | None:
    """The lines the template prints under its table."""
    if not template.get("footer"):
        return None
    under = _under(doc.text, doc.rows[-1])
    piece = _rows(doc, template["footer"])
    return [(under, piece)] if doc.layout == "run" else [(under, "\n" + piece)]


PIECES = ("slots", "unused", "blank_block", "footer", "all")


def variants(doc: Doc, templates: list[dict] | None = None) -> list[tuple[str, str]]:
    """(``template:piece``, text) of each real template's scaffolding written into ``doc``."""
    out = []
    for template in templates or load_templates():
        pieces = {
            "slots": _slots(doc, template),
            "unused": _unused(doc, template),
            "blank_block": _blank_block(doc, template),
            "footer": _footer(doc, template),
        }
        combined = []
        for label, edits in pieces.items():
            if edits:
                out.append((f"{template['id']}:{label}", _apply(doc.text, edits)))
                combined += edits
        if combined:
            out.append((f"{template['id']}:all", _apply(doc.text, combined)))
    return out
