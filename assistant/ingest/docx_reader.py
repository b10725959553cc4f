"""Word documents (.docx) through python-docx.

Named ``docx_reader`` so it never shadows the ``docx`` package. Every table in the body
is read; the table-like ones (a department table header, or a single-project form's
indicator grid) become grids, the others are skipped with a note in
``Document.warnings``. The paragraphs before the first kept table (title, 部门名称,
单位) are kept as one-cell rows above it, as they appear in the text the tools export.
A merged cell's text sits in its top-left cell; the cells it covers are empty.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError
from ..messages import msg
from .cellgrid import Grid, grids_to_document, is_form_grid
from .document import Document
from .limits import check_zip
from .xlsx import table_like

__all__ = ["read_docx"]


def _table_grid(table, label: str) -> Grid:
    rows: list[list[str]] = []
    tcs: list[list[object]] = []
    for row in table.rows:
        cells = list(row.cells)
        tcs.append([c._tc for c in cells])
        rows.append([c.text for c in cells])
    down: dict[tuple[int, int], int] = {}
    for r, row_tcs in enumerate(tcs):
        for c, tc in enumerate(row_tcs):
            if c > 0 and tc is row_tcs[c - 1]:
                rows[r][c] = ""  # covered by a cell merged across
            elif r > 0 and c < len(tcs[r - 1]) and tc is tcs[r - 1][c]:
                rows[r][c] = ""  # covered by a cell merged down
                top = r - 1
                while top > 0 and c < len(tcs[top - 1]) and tcs[top - 1][c] is tc:
                    top -= 1
                down[(top, c)] = r - top + 1
    return Grid(rows, label, down_merged=down, sheet=label)


def read_docx(data: bytes, source: str) -> Document:
    """Read the tables of a Word document; keep the ones that hold a table to extract.

    Raises:
        InputError: not a readable .docx, or no table in it holds a 绩效目标表 or a form.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data:
        raise InputError(source, msg("DOCX_EMPTY"))
    check_zip(data, source)  # before anything is inflated
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        hint = msg("DOCX_OLD_HINT") if data[:4] == b"\xd0\xcf\x11\xe0" else ""
        raise InputError(source, msg("DOCX_UNREADABLE", hint=hint, reason=str(exc))) from None
    except Exception as exc:  # lxml parse errors in a damaged package
        raise InputError(source, msg("DOCX_UNREADABLE", hint="", reason=f"{type(exc).__name__}: {exc}")) from None
    if not document.tables:
        raise InputError(source, msg("DOCX_NO_TABLE"))
    grids: list[Grid] = []
    warnings: list[str] = []
    block: tuple[int, Grid] | None = None  # a form's key–value table waiting for its grid
    for number, table in enumerate(document.tables, start=1):
        grid = _table_grid(table, f"table {number}")
        if table_like(grid.rows) and block is not None:
            if is_form_grid(grid.rows):
                # a form kept as two tables: the key–value block, then the indicator grid
                block[1].sheet = grid.sheet = f"tables {block[0]}-{number}"
                grids.append(block[1])
            else:
                warnings.append(f"{source}: table {block[0]} holds no 绩效目标表 header or indicator grid; skipped")
            block = None
        if not table_like(grid.rows) and _form_block(grid.rows):
            if block is not None:
                warnings.append(f"{source}: table {block[0]} holds no 绩效目标表 header or indicator grid; skipped")
            block = (number, grid)
            continue
        if not table_like(grid.rows):
            previous = grids[-1] if grids else None
            if previous is not None and previous.rows and len(grid.rows[0]) == len(previous.rows[-1]):
                # a table Word split in two (the body goes on without its header): read it on
                grid.sheet = previous.sheet
                warnings.append(
                    f"{source}: table {number} has no header of its own; read as the rest of {previous.sheet}"
                )
            else:
                warnings.append(f"{source}: table {number} holds no 绩效目标表 header or indicator grid; skipped")
                continue
        grid.fold_two_row_header()
        grids.append(grid)
    if block is not None:
        warnings.append(f"{source}: table {block[0]} holds no 绩效目标表 header or indicator grid; skipped")
    if not grids:
        raise InputError(source, msg("DOCX_NO_BUDGET_TABLE", count=len(document.tables)))
    preamble = _paragraphs_before_first_table(document)
    if preamble:
        grids.insert(0, Grid([[p] for p in preamble], "paragraphs", sheet=grids[0].sheet))
    return grids_to_document(source, grids, "docx", warnings)


def _form_block(rows: list[list[str]]) -> bool:
    """The key–value block of a project form (项目名称 …) kept in a table of its own."""
    return any(re.sub(r"\s+", "", text).startswith("项目名称") for row in rows for text in row)


def _paragraphs_before_first_table(document) -> list[str]:
    """Non-empty paragraph texts that come before the first table in the body."""
    texts: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            break
        if tag == "p":
            text = "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")).strip()
            if text:
                texts.append(text)
    return texts
