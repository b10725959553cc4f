"""Offline OCR of scans, photos and scanned PDF pages into the common row/cell Document.

    image.py     .png/.jpg/.jpeg/.tif/.tiff -> Document        (read_image)
    pdf.py       PDF pages without a text layer -> Document    (read_scanned_pdf_pages)
    engine.py    OCREngine interface: RapidOCR (default) or tesseract
    grid.py      deskew, ruling lines, cells with row/column spans
    assemble.py  text boxes -> cells -> rows, safe number fixes

Cells carry ``page`` (1-based), ``box`` (x0, y0, x1, y1 in pixels of the deskewed page),
``row`` (1-based grid row on the page, 0 for text outside the grid), ``col`` and the OCR
``confidence`` (the lowest score of the cell's text lines).
"""

from __future__ import annotations

from .engine import OCREngine, TextBox, get_engine
from .image import IMAGE_SUFFIXES, read_image
from .pdf import read_scanned_pdf_pages

__all__ = ["OCREngine", "TextBox", "get_engine", "IMAGE_SUFFIXES", "read_image", "read_scanned_pdf_pages"]
