"""Scanned PDF pages: rasterised with pypdfium2 at a set resolution, then OCR'd like images.

The text-PDF reader sends here the pages that have no text layer.
"""

from __future__ import annotations

import numpy as np

from ...errors import InputError
from ..document import Document
from .assemble import build_document, read_page_image
from .engine import OCREngine, get_engine

__all__ = ["render_pdf_pages", "read_scanned_pdf_pages"]


def render_pdf_pages(data: bytes, source: str, pages: list[int] | None = None, dpi: int = 200) -> list[tuple[int, np.ndarray]]:
    """``(page_index, grayscale image)`` for the chosen 0-based pages (all when None).

    Raises:
        InputError: the PDF cannot be opened (damaged, encrypted) or a page does not exist.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(source, f"cannot open the PDF ({exc}); is it damaged or password-protected?") from None
    try:
        count = len(pdf)
        chosen = list(range(count)) if pages is None else list(pages)
        out = []
        for index in chosen:
            if not 0 <= index < count:
                raise InputError(source, f"the PDF has {count} pages; there is no page {index + 1}")
            bitmap = pdf[index].render(scale=dpi / 72, grayscale=True)
            out.append((index, np.asarray(bitmap.to_pil().convert("L"))))
        return out
    finally:
        pdf.close()


def read_scanned_pdf_pages(data: bytes, source: str, pages: list[int] | None = None, dpi: int = 200,
                           *, engine: OCREngine | None = None) -> Document:
    """OCR the given pages of a PDF into one Document (``layout="ocr"``).

    Args:
        data: the PDF file's bytes.
        source: the file name, used in messages and spans.
        pages: 0-based page indexes to read (all pages when None); each cell's ``page``
            is the 1-based page number.
        dpi: rasterisation resolution; 200 is the tested default, 150 is faster and a
            little less accurate.

    Raises:
        InputError: the PDF cannot be opened or a page index is out of range.
    """
    engine = engine or get_engine()
    results = [read_page_image(image, engine, page=index + 1) for index, image in render_pdf_pages(data, source, pages, dpi)]
    return build_document(results, source)
