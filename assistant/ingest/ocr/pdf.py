"""Scanned PDF pages: rasterised with pypdfium2 at a set resolution, then OCR'd like images.

The text-PDF reader sends here the pages that have no text layer.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ...errors import InputError
from ...messages import msg
from ..document import Document, PageProgress
from ..limits import MIN_PAGE_SIDE, current_limits, exceeded
from .assemble import build_document, read_page_image
from .engine import OCREngine, get_engine

__all__ = ["render_pdf_pages", "read_scanned_pdf_pages"]


def render_pdf_pages(
    data: bytes, source: str, pages: list[int] | None = None, dpi: int = 200
) -> Iterator[tuple[int, np.ndarray]]:
    """``(page_index, grayscale image)`` for the chosen 0-based pages (all when None), each
    rendered only when it is asked for, so one page at a time is held in memory.

    Raises:
        InputError: the PDF cannot be opened (damaged, encrypted), a page does not exist, or
            a page at ``dpi`` is over the pixel limit (:mod:`assistant.ingest.limits`).
    """
    import pypdfium2 as pdfium

    limits = current_limits()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(source, msg("PDF_CANNOT_OPEN", reason=str(exc))) from None
    try:
        count = len(pdf)
        chosen = list(range(count)) if pages is None else list(pages)
        if len(chosen) > limits.max_pages:
            raise exceeded(source, msg("SIZE_PDF_PAGES"), f"{len(chosen):,}", "max_pages", limits)
        for index in chosen:
            if not 0 <= index < count:
                raise InputError(source, msg("PDF_NO_SUCH_PAGE", count=count, page=index + 1))
            page = pdf[index]
            width, height = page.get_size()
            pixels = int(width * dpi / 72) * int(height * dpi / 72)
            if pixels > limits.max_pixels:
                raise exceeded(
                    source,
                    msg("SIZE_PDF_PIXELS", page=index + 1, dpi=dpi),
                    f"{pixels:,}",
                    "max_pixels",
                    limits,
                )
            try:
                bitmap = page.render(scale=dpi / 72, grayscale=True)
            except pdfium.PdfiumError as exc:
                raise InputError(source, msg("PDF_PAGE_NOT_RENDERED", page=index + 1, reason=str(exc))) from None
            gray = np.asarray(bitmap.to_pil().convert("L"))
            if min(gray.shape) >= MIN_PAGE_SIDE:  # a page a few points wide holds no table: read as blank
                yield index, gray
    finally:
        pdf.close()


def read_scanned_pdf_pages(
    data: bytes,
    source: str,
    pages: list[int] | None = None,
    dpi: int = 200,
    *,
    engine: OCREngine | None = None,
    on_page: PageProgress | None = None,
) -> Document:
    """OCR the given pages of a PDF into one Document (``layout="ocr"``), one page rendered at a time.

    Args:
        data: the PDF file's bytes.
        source: the file name, used in messages and spans.
        pages: 0-based page indexes to read (all pages when None); each cell's ``page``
            is the 1-based page number.
        dpi: rasterisation resolution; 200 is the tested default, 150 is faster and a
            little less accurate.
        on_page: called ``(done, total)`` before the first page and after each one.

    Raises:
        InputError: the PDF cannot be opened, a page index is out of range or a page is over a limit.
    """
    engine = engine or get_engine()
    on_page = on_page or (lambda done, total: None)
    total = len(pages) if pages is not None else None
    on_page(0, total)
    results = []
    for index, image in render_pdf_pages(data, source, pages, dpi):
        results.append(read_page_image(image, engine, page=index + 1))
        on_page(len(results), total)
    return build_document(results, source)
