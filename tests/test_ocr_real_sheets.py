"""A real dev table printed and read back through the image reader (the slice of
``benchmarks/bench_ocr.py --real`` that runs in seconds): one document, one face, clean 200 dpi.

The page holds the document's own source cells (``tests/scan_sheets.py``), not cells written
from a gold, so the unchanged gold scores what OCR makes of real content.
"""

from __future__ import annotations

import pytest
from rewrite_runner import metrics, score_reading
from scan_render import FACES, face_font
from scan_sheets import printed_text, read_scan, read_text, scan_bytes, sheet_pages
from sheet_copies import documents

FACE = "noto-serif"
pytestmark = pytest.mark.slow  # one OCR page: about 10 s of CPU


@pytest.fixture(scope="module")
def scanned():
    if face_font(FACE) is None:
        pytest.skip(f"font face {FACE} not installed ({FACES[FACE][0]}); apt-get install fonts-noto-cjk")
    folder, gold, rows = next((f, g, r) for _, f, g, r in documents() if f.name.startswith("a12-"))
    pages = sheet_pages(rows, dpi=200, face=FACE)
    doc, table = read_scan(scan_bytes([p.image for p in pages]))
    return folder, gold, pages, doc, table


def test_a_real_one_page_table_reads_as_its_gold(scanned):
    folder, gold, pages, doc, table = scanned
    assert len(pages) == 1 and table is not None
    m = metrics(score_reading(gold, table, record=folder.name))
    assert m["indicator_f1"] == 1.0
    assert m["project_name"] == 1.0 and m["amounts"] == 1.0
    assert m["silent_errors"] == 0


def test_the_printed_characters_are_read_back(scanned):
    from rapidfuzz.distance import Levenshtein

    _, _, pages, doc, _ = scanned
    printed = printed_text(pages)
    assert Levenshtein.distance(printed, read_text(doc)) <= 0.02 * len(printed)
