"""Real OCR on scans the tests make themselves from the gold records.

Two whole pages are read (a clean 200-dpi page and a degraded 150-dpi one: rotated 1.5°,
blurred, noisy, toned paper, JPEG q60), then grid recovery and the rule-based extractor
run on them, and the result is scored against the gold of the drawn rows: character
error rate per cell and the eval harness's strict indicator F1. Everything else here
uses small pages so the whole file stays within a minute or two on two cores.
"""

from __future__ import annotations

import io
import os
import socket

import numpy as np
import pytest
from scan_render import degrade, page_errors, render_gold_page, render_page

from assistant.checks import validate_table
from assistant.errors import InputError
from assistant.evaluate.metrics import score_table, summarize
from assistant.export import to_interchange
from assistant.extract.parsers.table import extract_table
from assistant.gold import load_gold
from assistant.ingest import read_bytes
from assistant.ingest.ocr import read_scanned_pdf_pages
from assistant.ingest.ocr.assemble import build_document, read_page_image
from assistant.ingest.ocr.engine import RapidOCREngine, TesseractEngine, get_engine, tesseract_available

pytestmark = pytest.mark.slow

#: projects drawn on each page (indexes in the seed table): wrapped goals and indicator cells
CLEAN_PAGE = [0, 1, 2, 3]
DEGRADED_PAGE = [15, 16, 23, 2]


@pytest.fixture(scope="session")
def engine():
    return get_engine("rapidocr")


@pytest.fixture(scope="module")
def seed_gold():
    return load_gold()[0].table


def _score(page, part, image, engine):
    result = read_page_image(np.asarray(image.convert("L")), engine)
    doc = build_document([result], "scan.png")
    table = extract_table(doc)
    samples = score_table(to_interchange(part, with_meta=False), to_interchange(table, with_meta=False), record="scan")
    errors, chars = page_errors(page, doc)
    return result, doc, table, errors / chars, summarize(samples)["metrics"]


@pytest.fixture(scope="module")
def clean_page(cjk_font, seed_gold, engine):
    page, part = render_gold_page(seed_gold, CLEAN_PAGE, dpi=200, font_path=cjk_font)
    return (page, part, *_score(page, part, page.image, engine))


@pytest.fixture(scope="module")
def degraded_page(cjk_font, seed_gold, engine):
    page, part = render_gold_page(seed_gold, DEGRADED_PAGE, dpi=150, font_path=cjk_font)
    return (page, part, *_score(page, part, degrade(page.image, angle=1.5), engine))


def test_clean_200dpi_page_meets_the_cer_and_indicator_f1_targets(clean_page):
    page, part, result, doc, table, cer, metrics = clean_page
    assert cer <= 0.02, f"CER {cer:.3%}"
    assert metrics["indicators_gold"] == 7
    assert metrics["indicator_f1"] >= 0.95
    assert metrics["project_f1"] == 1.0
    assert metrics["amounts"] == 1.0


def test_degraded_150dpi_page_meets_the_cer_and_indicator_f1_targets(degraded_page):
    page, part, result, doc, table, cer, metrics = degraded_page
    assert result.skew == pytest.approx(1.5, abs=0.2)
    assert cer <= 0.05, f"CER {cer:.3%}"
    assert metrics["indicators_gold"] == 8
    assert metrics["indicator_f1"] >= 0.85
    assert metrics["amounts"] == 1.0


def test_preamble_lines_become_table_fields_and_the_header_is_recognised(clean_page):
    page, part, result, doc, table, *_ = clean_page
    assert doc.layout == "ocr"
    assert [len(row.cells) for row in doc.rows[:3]] == [1, 1, 1]  # title, 部门名称, 单位 outside the grid
    assert table.department == "中共广州市黄埔区委政法委员会"
    assert table.currency_unit == "万元"
    assert "项目支出绩效目标表" in (table.title or "")
    assert [len(row.cells) for row in doc.rows[3:]] == [7] * (len(doc.rows) - 3)


def test_spans_carry_page_box_and_ocr_confidence(clean_page):
    page, part, result, doc, table, *_ = clean_page
    project = table.projects()[1]
    for key in ("name", "goal", "amounts.total"):
        span = project.spans[key]
        assert span.page == 1 and span.box is not None
        assert 0.5 <= span.confidence <= 1.0
        assert doc.text[span.start : span.end].strip()
    indicator = project.indicators[0]
    assert indicator.spans["name"].confidence is not None
    # low-confidence values reach the validator as LOW_CONFIDENCE warnings; amounts still add up
    codes = {w.code for w in validate_table(table)}
    assert "AMOUNT_ROW_SUM" not in codes


def test_a_misread_amount_shows_up_as_a_row_that_does_not_add_up(clean_page):
    page, part, result, doc, table, *_ = clean_page
    broken = table.model_copy(deep=True)
    broken.projects()[1].amounts.total = broken.projects()[1].amounts.total + 1  # as if OCR read 41.00
    assert "AMOUNT_ROW_SUM" in {w.code for w in validate_table(broken)}


def _small_page(cjk_font, ruled=True, dpi=200):
    rows = [
        ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"],
        ["合计", "1,307.44", "1,307.44", "", "", "", ""],
        [
            "区法学会经费",
            "40.00",
            "40.00",
            "",
            "",
            "开展法治宣传活动",
            "1、1-产出指标:11-数量指标;活动场次;实施周期指标值:4场;年度指标值:4场。",
        ],
    ]
    page = render_page(["项目支出绩效目标表", "单位：万元"], rows, dpi=dpi, ruled=ruled, font_path=cjk_font)
    image = page.image.crop((0, 0, page.image.width, page.cells[-1].box[3] + 40))
    return page, image


def test_a_png_goes_through_the_reader_registry_to_the_extractor(cjk_font, engine):
    page, image = _small_page(cjk_font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    doc = read_bytes(buffer.getvalue(), "scan.png", suffix=".png")
    table = extract_table(doc)
    (project,) = table.projects()
    assert project.name == "区法学会经费" and float(project.amounts.total) == 40.0
    assert project.indicators[0].name == "活动场次"
    assert float(table.amounts.total) == 1307.44


def test_a_scanned_pdf_page_is_rasterised_and_read(cjk_font, engine):
    page, image = _small_page(cjk_font)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=200)
    doc = read_scanned_pdf_pages(buffer.getvalue(), "scan.pdf", [0], dpi=200)
    assert doc.layout == "ocr" and {c.page for row in doc.rows for c in row.cells} == {1}
    table = extract_table(doc)
    assert table.projects()[0].indicators[0].annual_value.rstrip("。") == "4场"
    with pytest.raises(InputError, match="scan.pdf: the PDF has 1 pages; there is no page 3"):
        read_scanned_pdf_pages(buffer.getvalue(), "scan.pdf", [2])
    with pytest.raises(InputError, match="broken.pdf: cannot open the PDF"):
        read_scanned_pdf_pages(b"%PDF-1.4 broken", "broken.pdf", [0])


def test_a_page_without_ruling_lines_falls_back_to_clustering(cjk_font, engine):
    page, image = _small_page(cjk_font, ruled=False)
    result = read_page_image(np.asarray(image), engine)
    assert result.grid is None
    texts = [[c.text for c in row] for row in result.rows]
    assert ["项目支出绩效目标表"] in texts
    project = next(row for row in texts if row and row[0] == "区法学会经费")
    assert "40.00" in project and any("活动场次" in t for t in project)


def test_ocr_opens_no_network_connection_and_switches_onnxruntime_telemetry_off(cjk_font, monkeypatch):
    import onnxruntime

    calls = []
    original = getattr(onnxruntime, "disable_telemetry_events", None)

    def spy():
        calls.append(True)
        if original is not None:
            original()

    def refuse(*args, **kwargs):
        raise AssertionError(f"OCR tried to open a network connection: {args!r}")

    monkeypatch.setattr(onnxruntime, "disable_telemetry_events", spy)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.delenv("ORT_DISABLE_TELEMETRY", raising=False)

    fresh = RapidOCREngine()  # a new engine: the models are loaded inside the guard
    page, image = _small_page(cjk_font)
    boxes = fresh.read_page(np.asarray(image))
    assert any("区法学会经费" in b.text for b in boxes)
    assert calls, "onnxruntime.disable_telemetry_events() was not called"
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"


@pytest.mark.skipif(not tesseract_available(), reason="tesseract-ocr with chi_sim and pytesseract not installed")
def test_tesseract_engine_reads_the_same_small_page(cjk_font):
    page, image = _small_page(cjk_font)
    result = read_page_image(np.asarray(image), TesseractEngine())
    assert result.grid is not None
    joined = "".join(c.text for row in result.rows for c in row)
    assert "40.00" in joined
