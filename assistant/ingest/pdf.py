"""PDFs with a text layer through pdfplumber; pages without one go to OCR.

Where a page has ruling lines, pdfplumber's table finder gives the cells (a merged cell's
text in its top-left cell, covered cells empty) and the lines outside the tables (title,
部门名称, 单位, page numbers) become one-cell rows in reading order. A document with no
ruled table at all is read as text in reading order, exactly as text copied out of a PDF
viewer is (one cell per line, wrapped cells joined by the text reader's reflow rules).
A row cut by a page break (the next page's first row has no name and no amounts) is
joined back to the row it continues.

A page with no text layer (a scan), or whose text has no Unicode mapping (``(cid:1234)``
garbage from fonts without a ToUnicode map), is handed to the OCR reader,
``assistant.ingest.ocr.read_scanned_pdf_pages``, imported only when needed.
"""

from __future__ import annotations

import io
import re
import zlib

from ..errors import InputError
from ..messages import Msg, msg
from ..schema import Failure
from .cellgrid import Grid, grids_to_document, is_department_header, join_wrapped
from .document import Cell, Document, PageProgress, Row
from .limits import Limits, current_limits, exceeded
from .reflow import reflow_rows
from .text import looks_tabbed, split_tabbed

__all__ = ["read_pdf", "OCR_DPI"]

#: resolution scanned pages are rasterised at for OCR
OCR_DPI = 200
_AMOUNT = re.compile(r"^[\d,.\s]*$")


def _page_count(data: bytes) -> int | None:
    """Pages in the PDF, from pdfium (it reads the page tree without loading pages); None if it cannot."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None  # damaged or encrypted: pdfplumber says which
    try:
        return len(pdf)
    finally:
        pdf.close()


def _decoded_size(stream, budget: int) -> int:
    """Bytes a content stream decodes to, counted up to just past ``budget`` without holding them."""
    raw = stream.get_rawdata()
    if raw is None:
        return len(stream.get_data() or b"")
    filters = stream.get_filters()
    name = getattr(filters[0][0], "name", filters[0][0]) if filters else None
    if name not in ("FlateDecode", "Fl"):
        return len(raw)
    inflater = zlib.decompressobj()
    size, pending = 0, raw
    try:
        while pending and size <= budget:
            out = inflater.decompress(pending, 1 << 20)
            size += len(out)
            pending = inflater.unconsumed_tail
            if not out:
                break
    except zlib.error:
        pass  # a damaged stream: pdfminer reads what it can
    return size


def _check_page_streams(page, number: int, source: str, limits: Limits) -> None:
    """The page's content streams and form XObjects, decoded size checked before pdfminer decodes them."""
    from pdfminer.pdftypes import PDFStream, resolve1

    streams = [resolve1(s) for s in page.page_obj.contents]
    resources = resolve1(page.page_obj.resources) or {}
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    for xobject in (xobjects or {}).values() if isinstance(xobjects, dict) else ():
        xobject = resolve1(xobject)
        if isinstance(xobject, PDFStream) and getattr(xobject.get("Subtype"), "name", None) == "Form":
            streams.append(xobject)
    total = 0
    for stream in streams:
        if isinstance(stream, PDFStream):
            total += _decoded_size(stream, limits.stream_bytes - total)
            if total > limits.stream_bytes:
                raise exceeded(
                    source,
                    msg("SIZE_PDF_STREAM", page=number),
                    f"> {limits.max_stream_mb:,}",
                    "max_stream_mb",
                    limits,
                )


def _check_ocr_pixels(page, number: int, source: str, limits: Limits) -> None:
    """A scanned page's size at the OCR resolution, /UserUnit included, checked before it is rendered."""
    try:
        unit = float(page.page_obj.attrs.get("UserUnit", 1) or 1)
    except (TypeError, ValueError):
        unit = 1.0
    scale = max(unit, 1.0) * OCR_DPI / 72
    pixels = int(abs(page.width) * scale) * int(abs(page.height) * scale)
    if pixels > limits.max_pixels:
        raise exceeded(
            source,
            msg(
                "SIZE_PDF_OCR_PIXELS",
                page=number,
                dpi=OCR_DPI,
                size=f"{page.width:g} × {page.height:g} pt × UserUnit {unit:g}",
            ),
            f"{pixels:,}",
            "max_pixels",
            limits,
        )


def _open(data: bytes, source: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    if not data.strip():
        raise InputError(source, msg("PDF_EMPTY"))
    if b"%PDF-" not in data[:1024]:  # readers accept a header anywhere in the first KiB
        raise InputError(source, msg("PDF_NO_HEADER"))
    limits = current_limits()
    pages = _page_count(data)
    if pages is not None and pages > limits.max_pages:
        raise exceeded(source, msg("SIZE_PDF_PAGES"), f"{pages:,}", "max_pages", limits)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # parses the page tree; damaged files fail here
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(source, msg("PDF_ENCRYPTED")) from None
    except PDFSyntaxError as exc:
        raise InputError(source, msg("PDF_UNREADABLE", reason=str(exc))) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files; pdfplumber wraps them
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(inner).lower():
            raise InputError(source, msg("PDF_ENCRYPTED")) from None
        raise InputError(source, msg("PDF_UNREADABLE", reason=f"{type(inner).__name__}: {inner}")) from None
    return pdf


_CID = re.compile(r"^\(cid:\d+\)$")


def _unmapped_share(chars: list[dict]) -> float:
    """Share of a page's characters that pdfminer could not map to Unicode."""
    return sum(bool(_CID.match(c["text"])) for c in chars) / len(chars) if chars else 0.0


def _outside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _page_lines(page, boxes) -> list[tuple[float, str]]:
    """Text lines outside the table boxes, as (top, text), in reading order."""
    words = [w for w in page.extract_words(keep_blank_chars=True, use_text_flow=True) if _outside(w, boxes)]
    lines: list[tuple[float, list[dict]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0] - word["top"]) < 3:
            lines[-1][1].append(word)
        else:
            lines.append((word["top"], [word]))
    return [(top, " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])).strip()) for top, ws in lines]


def _table_settings(page) -> dict:
    """Close cells a page break left open: a row split over two pages has no ruling line
    at the cut, so horizontal lines are added where the vertical rules start and end."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 5]
    if len(verticals) < 2:
        return {}
    top, bottom = min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)
    return {"explicit_horizontal_lines": [top, bottom]}


def _page_grids(page, number: int) -> list[Grid]:
    """The ruled tables of a page, with the text lines around them as one-cell rows."""
    tables = page.find_tables(_table_settings(page))
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, list[list[str]], list]] = []
    for top, text in _page_lines(page, boxes):
        if text:
            items.append((top, [[text]], [[None]]))
    for table in tables:
        texts = [[(c or "") for c in row] for row in table.extract()]
        cell_boxes = [[c for c in row.cells] for row in table.rows]
        items.append((table.bbox[1], texts, cell_boxes))
    rows: list[list[str]] = []
    row_boxes: list[list] = []
    for _, texts, cell_boxes in sorted(items, key=lambda item: item[0]):
        rows.extend(texts)
        row_boxes.extend(cell_boxes)
    return [Grid(rows, f"page {number}", page=number, boxes=row_boxes)] if rows else []


def _is_continuation(texts: list[str]) -> bool:
    """A row a page break cut off: no name, no amounts, only text further right."""
    cells = [join_wrapped(t) for t in texts]
    if not cells or cells[0] or not any(cells):
        return False
    filled = [c for c in cells if c]
    return not all(_AMOUNT.match(c) for c in filled)


def _join_page_breaks(grids: list[Grid]) -> None:
    """Append a continuation row at the top of a page's table to the row it continues
    (the last table row of the pages before: a tall row may run over several pages)."""
    last_row: list[str] | None = None
    for grid in grids:
        body = [i for i, r in enumerate(grid.rows) if len(r) > 1 and not is_department_header(r)]
        first = grid.rows[body[0]] if body else None
        if first is not None and last_row is not None and len(first) == len(last_row) and _is_continuation(first):
            for col, text in enumerate(first):
                if text.strip():
                    last_row[col] = f"{last_row[col]}\n{text}" if last_row[col].strip() else text
            del grid.rows[body[0]]
            if grid.boxes:
                del grid.boxes[body[0]]
        rows = [r for r in grid.rows if len(r) > 1 and not is_department_header(r)]
        if rows:
            last_row = rows[-1]


def _ocr_pages(data: bytes, source: str, pages: list[int], on_page: PageProgress | None = None) -> Document:
    try:
        from .ocr import read_scanned_pdf_pages
    except ImportError:
        listed = ", ".join(str(p) for p in pages)
        raise InputError(source, msg("PDF_NEEDS_OCR", pages=listed)) from None
    # it takes 0-based indexes
    return read_scanned_pdf_pages(data, source, [n - 1 for n in pages], dpi=OCR_DPI, on_page=on_page)


def _append(doc: Document, other: Document) -> None:
    """Append another Document's rows, shifting its offsets past ``doc.text``."""
    shift = len(doc.text) + 2 if doc.text else 0
    doc.text = f"{doc.text}\n\n{other.text}" if doc.text else other.text
    for row in other.rows:
        cells = [
            Cell(
                c.text,
                c.start + shift,
                c.end + shift,
                c.row,
                c.col,
                c.page,
                c.sheet,
                c.box,
                c.confidence,
                tuple((p, o + shift) for p, o in c.segments),
            )
            for c in row.cells
        ]
        doc.rows.append(Row(cells, row.line, row.raw))
    doc.warnings.extend(other.warnings)


def _text_document(source: str, page_texts: list[tuple[int, str]]) -> Document:
    """A PDF without ruled tables, read as text in reading order."""
    text = "\n".join(t for _, t in page_texts)
    rows = split_tabbed(text) if looks_tabbed(text) else reflow_rows(text)
    # give every cell its page: page texts are joined in order, so offsets tell the page
    bounds, offset = [], 0
    for number, page_text in page_texts:
        offset += len(page_text) + 1
        bounds.append((offset, number))
    for row in rows:
        for cell in row.cells:
            cell.page = next((n for end, n in bounds if cell.start < end), bounds[-1][1])
    return Document(source, text, rows, None, layout="pdf")


def read_pdf(data: bytes, source: str, *, on_page: PageProgress | None = None) -> Document:
    """Read a PDF: ruled tables as cells, other text in reading order, scanned pages by OCR
    (``on_page(done, total)`` follows the OCR'd pages).

    Raises:
        InputError: empty, damaged or password-protected PDF; no text anywhere; or scanned
            pages when OCR is not installed.
    """
    pdf = _open(data, source)
    limits = current_limits()
    with pdf:
        if not pdf.pages:
            raise InputError(source, msg("PDF_NO_PAGES"))
        if len(pdf.pages) > limits.max_pages:  # pdfium could not count them
            raise exceeded(source, msg("SIZE_PDF_PAGES"), f"{len(pdf.pages):,}", "max_pages", limits)
        grids: list[Grid] = []
        page_texts: list[tuple[int, str]] = []
        scanned: list[int] = []
        unmapped: list[int] = []
        blank: list[int] = []
        damaged: dict[int, str] = {}
        for number, page in enumerate(pdf.pages, start=1):
            _check_page_streams(page, number, source, limits)
            try:
                if not page.chars:
                    if page.images:
                        _check_ocr_pixels(page, number, source, limits)
                    (scanned if page.images else blank).append(number)
                    continue
                if _unmapped_share(page.chars) > 0.5:
                    # glyphs without a Unicode mapping come out as "(cid:1234)": the text layer is
                    # unusable, but the page renders, so it is read like a scan
                    _check_ocr_pixels(page, number, source, limits)
                    scanned.append(number)
                    unmapped.append(number)
                    continue
                grids.extend(_page_grids(page, number))
            except (InputError, MemoryError):
                raise
            except Exception as exc:  # pdfminer raises many kinds on a damaged page: lose that page only
                damaged[number] = f"{type(exc).__name__}: {exc}"
        has_tables = any(len(r) > 1 for g in grids for r in g.rows)
        if not has_tables:  # no ruled table anywhere: the pages' text in reading order
            for n in range(1, len(pdf.pages) + 1):
                if n in scanned or n in blank or n in damaged:
                    continue
                try:
                    page_texts.append((n, pdf.pages[n - 1].extract_text() or ""))
                except (InputError, MemoryError):
                    raise
                except Exception as exc:
                    damaged[n] = f"{type(exc).__name__}: {exc}"
    failures = [
        Failure(
            source=source,
            row=n,
            field=f"page {n}",
            message=msg("PDF_PAGE_DAMAGED", page=n, reason=why),
        )
        for n, why in sorted(damaged.items())
    ]
    warnings = [f"{source}: page {n} is blank; skipped" for n in blank]
    warnings += [f"{source}: page {n} has text without a Unicode mapping; read by OCR instead" for n in unmapped]
    if has_tables:
        _join_page_breaks(grids)
        doc = grids_to_document(source, grids, "pdf", warnings)
    elif any(t.strip() for _, t in page_texts):
        doc = _text_document(source, page_texts)
        doc.warnings.extend(warnings)
    elif not scanned:
        if damaged:
            first = [Msg(f.code, f.params) for f in failures[:3]]
            raise InputError(source, msg("PDF_NO_PAGE_READ", reasons=first))
        raise InputError(source, msg("PDF_NO_TEXT"))
    else:
        doc = Document(source, "", [], None, layout="pdf", warnings=warnings)
    if scanned:
        ocr = _ocr_pages(data, source, scanned, on_page)
        _append(doc, ocr)
        doc.warnings.append(f"{source}: page(s) {', '.join(map(str, scanned))} read by OCR")
    doc.failures.extend(failures)
    return doc
