"""Scanned PDF pages: rasterised with pypdfium2 at a set resolution, then OCR'd like images.

The text-PDF reader sends here the pages that have no text layer. A batch executor may
read the pages elsewhere (Ray sends each page of a long scan to its own task): it sets
:data:`page_reader` for the call, and everything else (the text-layer pages, assembling the
document, extraction) runs as it does in one process, so the records are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextvars import ContextVar

import numpy as np

from ...errors import InputError
from ...messages import msg
from ..document import Document, PageProgress
from ..limits import MIN_PAGE_SIDE, current_limits, exceeded
from .assemble import PageResult, build_document, read_page_image
from .engine import OCREngine, get_engine

__all__ = ["render_pdf_pages", "read_scanned_pdf_pages", "read_pdf_page", "page_reader", "PageReader"]

#: ``(pdf bytes, source, 0-based page indexes, dpi) -> PageResult of each page`` (a blank page
#: gives None); unset, the pages are read here, one after the other
PageReader = Callable[[bytes, str, list[int], int], list["PageResult | None"]]
page_reader: ContextVar[PageReader | None] = ContextVar("page_reader", default=None)


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
    reader = page_reader.get()
    if reader is not None and engine is None:
        chosen = list(range(_count(data, source))) if pages is None else list(pages)
        results = [result for result in reader(data, source, chosen, dpi) if result is not None]
        return build_document(results, source)
    engine = engine or get_engine()
    on_page = on_page or (lambda done, total: None)
    total = len(pages) if pages is not None else None
    on_page(0, total)
    results = []
    for index, image in render_pdf_pages(data, source, pages, dpi):
        results.append(read_page_image(image, engine, page=index + 1))
        on_page(len(results), total)
    return build_document(results, source)


def _count(data: bytes, source: str) -> int:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(source, f"cannot open the PDF ({exc}); is it damaged or password-protected?") from None
    try:
        return len(pdf)
    finally:
        pdf.close()


def read_pdf_page(data: bytes, source: str, index: int, dpi: int, engine: OCREngine | None = None) -> PageResult | None:
    """One page of a PDF (0-based ``index``) rendered and read: what a page task runs. None
    for a page too small to hold a table. The grid's rule mask (a page-sized image) is
    dropped: the document needs only the cells."""
    for number, image in render_pdf_pages(data, source, [index], dpi):
        result = read_page_image(image, engine or get_engine(), page=number + 1)
        if result.grid is not None:
            result.grid.rule_mask = None
        return result
    return None
