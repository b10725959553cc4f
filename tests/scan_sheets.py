"""Scans of real dev tables: a dev source's own cells (``sheet_copies.documents``) printed as ruled
A4 pages in a print face, and read back through the image reader.

``scan_render`` draws pages from the seed's gold, which proves only that the OCR path reads what
the gold wrote. Here the cells are a real document's, as published (typos, notes, score marks,
units columns), only the medium changes, so the unchanged gold scores the scan:

* the lines before the first row of two or more cells (title, 单位, 金额单位) are the page's
  preamble, printed above the grid (long ones wrapped at :data:`PREAMBLE_CHARS`);
* every later line is a grid row; a row with fewer cells than the widest has its last cell merged
  across the rest (a heading or a note row);
* column widths follow the longest cell of each column (between 2 and 30 characters' worth) and
  fill a landscape A4's width; rows run onto a new page when a page is full (no header repeated);
* a scan is a multi-page TIFF, clean or through ``scan_render.degrade``.
"""

from __future__ import annotations

import io

from PIL import Image
from scan_render import RenderedPage, normalize_cell, render_page

PAGE_MM = (297, 210)
TABLE_MM = 273  # the page less its 12 mm margins
PREAMBLE_CHARS = 60
MIN_COLUMN_MM = 9.5  # two 10-pt characters and the cell's padding


def layout(rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """(preamble lines, grid rows) of a source's cells."""
    first = next((i for i, r in enumerate(rows) if sum(bool(c) for c in r) >= 2), len(rows))
    preamble = []
    for row in rows[:first]:
        text = " ".join(c for c in row if c)
        preamble += [text[i : i + PREAMBLE_CHARS] for i in range(0, len(text), PREAMBLE_CHARS)] or [""]
    return preamble, [list(r) for r in rows[first:]]


def column_mm(grid: list[list[str]]) -> tuple[float, ...]:
    """Column widths in mm: each column's longest unmerged cell, 2 to 30 characters' worth, scaled to
    the table, none narrower than :data:`MIN_COLUMN_MM` (a printed column holds a character)."""
    width = max((len(r) for r in grid), default=1)
    chars = [2] * width
    for row in grid:
        for c, text in enumerate(row):
            if c < len(row) - 1 or len(row) == width:
                chars[c] = max(chars[c], min(30, len(text)))
    narrow: set[int] = set()
    while True:
        free = TABLE_MM - MIN_COLUMN_MM * len(narrow)
        share = sum(n for c, n in enumerate(chars) if c not in narrow)
        mm = [MIN_COLUMN_MM if c in narrow else free * n / share for c, n in enumerate(chars)]
        more = {c for c, w in enumerate(mm) if w < MIN_COLUMN_MM} - narrow
        if not more or len(narrow | more) == width:
            return tuple(mm)
        narrow |= more


def sheet_pages(rows: list[list[str]], *, dpi: int, face: str, font_pt: float = 10.0) -> list[RenderedPage]:
    """The pages a source's cells print on (the preamble on the first page only)."""
    preamble, grid = layout(rows)
    columns = column_mm(grid)
    limit = round(PAGE_MM[1] / 25.4 * dpi)
    options = {"dpi": dpi, "face": face, "font_pt": font_pt, "columns_mm": columns, "right_aligned": frozenset()}
    pages, start = [], 0
    while start < len(grid) or not pages:
        head = preamble if not pages else []
        end = start + 1
        page = render_page(head, grid[start:end], **options)
        while end < len(grid):
            longer = render_page(head, grid[start : end + 1], **options)
            if longer.image.height > limit:
                break
            page, end = longer, end + 1
        pages.append(page)
        start = end
    return pages


def scan_bytes(images: list[Image.Image]) -> bytes:
    """A multi-page TIFF of page images, as a scanner's "save as one file" writes."""
    buffer = io.BytesIO()
    frames = [im.convert("L") for im in images]
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return buffer.getvalue()


def printed_text(pages: list[RenderedPage]) -> str:
    """Everything printed, in reading order, normalised as ``scan_render.normalize_cell`` does."""
    return "".join(normalize_cell("".join([*p.preamble, *(c.text for c in p.cells)])) for p in pages)


def read_text(doc) -> str:
    """Everything a Document's rows hold, in reading order, normalised the same way."""
    return "".join(normalize_cell(c.text) for row in doc.rows for c in row.cells)


def read_scan(data: bytes):
    """(Document, table) of a scan through the image reader and the rules; table None when refused
    (the Document None too when the reader refuses the file)."""
    from assistant.errors import AssistantError
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    try:
        doc = read_bytes(data, "scan.tif", suffix=".tif")
    except AssistantError:
        return None, None
    try:
        return doc, extract(doc, "rules")
    except AssistantError:
        return doc, None
