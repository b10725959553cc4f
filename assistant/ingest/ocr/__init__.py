"""Offline OCR of scans, photos and scanned PDF pages into the common row/cell Document.

    image.py     .png/.jpg/.jpeg/.tif/.tiff -> Document        (read_image)
    pdf.py       PDF pages without a text layer -> Document    (read_scanned_pdf_pages)
    engine.py    OCREngine interface: RapidOCR (default) or tesseract
    grid.py      deskew, ruling lines, cells with row/column spans
    cells.py     the text lines of each ruled cell, from its ink (no detector inside the grid)
    orient.py    pages fed sideways or upside down turned upright (0/90/180/270)
    assemble.py  text boxes -> cells -> rows, safe number fixes
    confusions.py  what the engine reads instead of the printed mark, across print faces

Cells carry ``page`` (1-based), ``box`` (x0, y0, x1, y1 in pixels of the deskewed page),
``row`` (1-based grid row on the page, 0 for text outside the grid), ``col`` and the OCR
``confidence`` (the lowest score of the cell's text lines).
"""

from __future__ import annotations

import importlib

__all__ = ["OCREngine", "TextBox", "get_engine", "IMAGE_SUFFIXES", "read_image", "read_scanned_pdf_pages"]

# imported on first use: the indicator grammar reads ``confusions`` without loading
# numpy, OpenCV and onnxruntime
_HOMES = {
    "OCREngine": "engine",
    "TextBox": "engine",
    "get_engine": "engine",
    "IMAGE_SUFFIXES": "image",
    "read_image": "image",
    "read_scanned_pdf_pages": "pdf",
}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
