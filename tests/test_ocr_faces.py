"""OCR across real print faces (issue 9): a slice of the face matrix, and the confusion table.

Government tables are printed in Song/Ming faces, where the engine reads 、 as 丶 and 。 as
°; before the confusion table every indicator of such a page was lost. Here gold pages are
drawn in the four Debian faces (Noto Serif CJK, AR PL UMing, AR PL UKai, WenQuanYi Zen
Hei), clean at 200 dpi, one degraded at 200 dpi, and one turned 90/180/270°, and scored
with the strict indicator F1. The whole matrix (150/200/300 dpi, every face, clean and
degraded, every turn) is in ``benchmarks/bench_ocr.py --faces all``.
"""

from __future__ import annotations

import numpy as np
import pytest
from scan_render import FACES, degrade, face_font, render_gold_page, rotate

from assistant.evaluate.metrics import score_table, summarize
from assistant.export import to_interchange
from assistant.extract.parsers.grammar import parse_indicator_cell
from assistant.extract.parsers.table import extract_table
from assistant.gold import load_gold
from assistant.ingest.ocr.assemble import build_document, read_page_image
from assistant.ingest.ocr.confusions import (
    CONFUSIONS,
    LANDMARK_FOLD,
    PUNCTUATION_GLYPHS,
    fix_glyphs,
)
from assistant.ingest.ocr.engine import get_engine

#: two projects whose indicator names hold 、 (区法学会经费, 高风险严重精神障碍患者送治疗补贴)
PROJECTS = [1, 3]


def _face(name: str) -> str:
    if face_font(name) is None:
        pytest.skip(
            f"font face {name} not installed ({FACES[name][0]}); "
            "apt-get install fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei"
        )
    return name


@pytest.fixture(scope="module")
def seed_gold():
    return load_gold()[0].table


def _read(seed_gold, face: str, *, dpi: int, degraded: bool = False, turn: int = 0):
    page, part = render_gold_page(seed_gold, PROJECTS, dpi=dpi, face=face)
    image = page.image.crop((0, 0, page.image.width, page.cells[-1].box[3] + page.cells[-1].box[3] // 20))
    if degraded:
        image = degrade(image, angle=1.5)
    image = rotate(image, turn)
    result = read_page_image(np.asarray(image.convert("L")), get_engine("rapidocr"))
    table = extract_table(build_document([result], "scan.png"))
    samples = score_table(to_interchange(part, with_meta=False), to_interchange(table, with_meta=False), record="scan")
    return result, table, summarize(samples)["metrics"]


@pytest.mark.slow
@pytest.mark.parametrize("face", list(FACES))
def test_a_clean_200dpi_page_is_read_in_every_face(seed_gold, face):
    result, table, metrics = _read(seed_gold, _face(face), dpi=200)
    assert metrics["indicators_gold"] == 5
    assert metrics["indicator_f1"] >= 0.95, (face, metrics)
    assert metrics["amounts"] == 1.0
    assert not table.failures


@pytest.mark.slow
def test_a_degraded_200dpi_page_in_a_ming_face_is_read(seed_gold):
    result, table, metrics = _read(seed_gold, _face("uming"), dpi=200, degraded=True)
    assert result.skew == pytest.approx(1.5, abs=0.2)
    assert metrics["indicator_f1"] >= 0.85, metrics


@pytest.mark.slow
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_fed_sideways_or_upside_down_is_read_upright(seed_gold, turn):
    result, table, metrics = _read(seed_gold, _face("noto-serif"), dpi=150, turn=turn)
    assert (result.turn + turn) % 360 == 0
    assert any("已转正" in w for w in result.warnings)
    assert metrics["indicator_f1"] >= 0.95, metrics


@pytest.mark.slow
def test_an_upright_page_is_not_turned(seed_gold):
    result, _, _ = _read(seed_gold, _face("wqy-zenhei"), dpi=150)
    assert result.turn == 0 and not any("已转正" in w for w in result.warnings)


def test_punctuation_glyphs_are_put_back_and_nothing_else_changes():
    assert fix_glyphs("加强系统治理丶依法治理；提高群众满意度°") == "加强系统治理、依法治理；提高群众满意度。"
    assert fix_glyphs("法律意识’；年度指标值") == "法律意识，；年度指标值"
    # a degree after a digit, a quote that was opened and every ordinary character stay
    for text in ("室温25°C", "水温≥18°", "‘平安’；", "一级指标O类", "服务社黄埔区服务站"):
        assert fix_glyphs(text) == text


def test_the_grammar_reads_landmarks_through_the_confusion_table_but_keeps_values():
    text = (
        "1丶1一产出指标:11-数量指标;办理O类案件;实施周期指标值:一次;年度指标值:一次°"
        "2丶2-效益指标:24-可持续影响;服务站运营情况;实施周期指标值:运营;年度指标值:运营。"
    )
    items, head = parse_indicator_cell(text)
    assert head is None
    assert [(i.seq.text, i.level1_code.text, i.level2_code.text) for i in items] == [("1", "1", "11"), ("2", "2", "24")]
    assert items[0].name.text == "办理O类案件"  # the value is sliced from the original text
    assert items[0].period_value.text == "一次"


def test_the_confusion_table_is_consistent():
    uses = {c.use for c in CONFUSIONS}
    assert uses <= {"glyph", "landmark", "none"}
    for c in CONFUSIONS:
        if c.use == "glyph":
            assert PUNCTUATION_GLYPHS[c.read] == c.printed
        if c.use == "landmark":
            assert LANDMARK_FOLD[c.read] == c.printed or (c.read == "丶" and LANDMARK_FOLD[c.read] == "、")
