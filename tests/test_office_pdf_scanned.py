"""PDF pages without a text layer are routed to the OCR reader; without OCR the error says so."""

from __future__ import annotations

import sys

import pytest

from assistant.errors import InputError
from assistant.ingest import read_path
from assistant.ingest.cellgrid import Grid, grids_to_document


def _scanned_pdf(tmp_path):
    """A one-page PDF holding only an image, as a scanner writes it."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (200, 100), "white")
    path = tmp_path / "mixed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(image), 50, 500, width=400, height=200)
    pdf.showPage()
    pdf.save()
    return path


def test_scanned_page_goes_to_ocr(tmp_path, monkeypatch):
    import assistant.ingest.ocr as ocr

    path = _scanned_pdf(tmp_path)
    calls = []

    def fake_ocr(data, source, pages, dpi=200, on_page=None):
        calls.append((source, pages, dpi))
        rows = [["项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"]]
        return grids_to_document(source, [Grid(rows, "page 1", page=1)], "ocr")

    monkeypatch.setattr(ocr, "read_scanned_pdf_pages", fake_ocr)
    doc = read_path(path)
    assert calls == [(str(path), [0], 200)]  # the OCR reader takes 0-based page indexes
    cell = doc.rows[0].cells[1]
    assert doc.text[cell.start : cell.end] == "总计" and cell.page == 1
    assert any("read by OCR" in w for w in doc.warnings)


def test_scanned_page_without_ocr_is_a_clear_error(tmp_path, monkeypatch):
    path = _scanned_pdf(tmp_path)
    monkeypatch.setitem(sys.modules, "assistant.ingest.ocr", None)  # as if OCR were not installed
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(path) in str(info.value) and "need OCR" in str(info.value) and "page(s) 1" in str(info.value)


def test_text_without_unicode_mapping_goes_to_ocr(tmp_path, seed_text, monkeypatch):
    """A PDF protected by an owner password only opens, but its CID text comes out as
    '(cid:1234)': the page is read like a scan instead of yielding garbage."""
    from office_copies import table_lines, write_pdf

    import assistant.ingest.ocr as ocr

    path = write_pdf(table_lines(seed_text)[:8], tmp_path / "owner.pdf", password="")
    calls = []

    def fake_ocr(data, source, pages, dpi=200, on_page=None):
        calls.append(pages)
        return grids_to_document(
            source, [Grid([["项目名称", "总计", "财政拨款", "绩效目标", "绩效指标"]], "page 1", page=1)], "ocr"
        )

    monkeypatch.setattr(ocr, "read_scanned_pdf_pages", fake_ocr)
    doc = read_path(path)
    assert calls == [[0]]
    assert "(cid:" not in doc.text
    assert any("without a Unicode mapping" in w for w in doc.warnings)
