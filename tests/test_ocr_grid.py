"""Grid recovery, assembly and the image reader's errors, without running an OCR model.

A fake engine stands in where text must be "read", so these tests are fast and check the
geometry: merged cells, deskew, cutting boxes at column rules, the no-rules fallback.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from assistant.errors import InputError
from assistant.ingest import READERS, read_bytes
from assistant.ingest.ocr.assemble import (
    PageCell,
    PageResult,
    build_document,
    fix_number_text,
    join_lines,
    read_page_image,
)
from assistant.ingest.ocr.engine import TextBox, get_engine
from assistant.ingest.ocr.grid import deskew, estimate_skew, find_grid
from assistant.ingest.ocr.image import read_image


def _grid_image(merge_right: bool = True, merge_down: bool = True) -> np.ndarray:
    """A 4x3 ruled grid, 600x400; cell (0,0) spans 2 columns, cell (1,2) spans 2 rows."""
    img = np.full((400, 600), 255, np.uint8)
    xs, ys = [50, 200, 350, 550], [50, 130, 210, 290, 370]
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), 0, 2)
    if merge_right:  # erase the rule between (0,0) and (0,1)
        img[ys[0] + 3 : ys[1] - 2, xs[1] - 2 : xs[1] + 3] = 255
    if merge_down:  # erase the rule between (1,2) and (2,2)
        img[ys[2] - 2 : ys[2] + 3, xs[2] + 3 : xs[3] - 2] = 255
    return img


def test_grid_with_merged_cells_gives_row_and_column_spans():
    grid = find_grid(_grid_image())
    assert grid is not None
    assert (grid.n_rows, grid.n_cols) == (4, 3)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in grid.cells}
    assert spans[(0, 0)] == (1, 2)
    assert spans[(1, 2)] == (2, 1)
    assert (0, 1) not in spans and (2, 2) not in spans  # covered by the merged cells
    assert len(grid.cells) == 12 - 2
    # the merged cell has no drawn rule between its columns
    assert all(abs(x - 200) > 5 for x in grid.vertical_rules[0])
    assert any(abs(x - 200) <= 5 for x in grid.vertical_rules[1])


def test_a_page_without_rules_has_no_grid():
    img = np.full((300, 400), 255, np.uint8)
    cv2.putText(img, "no table here", (20, 150), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert find_grid(img) is None


def test_deskew_finds_a_rotation_of_a_degree_or_two():
    img = _grid_image()
    for angle in (1.5, -2.0):
        h, w = img.shape
        rotated = cv2.warpAffine(img, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=255)
        assert estimate_skew(rotated) == pytest.approx(angle, abs=0.15)
        upright, removed = deskew(rotated)
        grid = find_grid(upright)
        assert removed == pytest.approx(angle, abs=0.15)
        assert grid is not None and (grid.n_rows, grid.n_cols) == (4, 3)


def test_character_strokes_are_not_taken_for_rules(cjk_font):
    """一 and 丨 drawn inside cells must not add rows or columns: the kernel is several characters long."""
    from PIL import ImageDraw, ImageFont

    page = Image.fromarray(_grid_image(merge_right=False, merge_down=False))
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(cjk_font), 28)
    for x, y in ((60, 70), (210, 150), (360, 230), (60, 310)):
        draw.text((x, y), "一二十丨川", font=font, fill=0)
    grid = find_grid(np.asarray(page))
    assert grid is not None and (grid.n_rows, grid.n_cols) == (4, 3)
    assert len(grid.cells) == 12


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("６,３５９.３２", "6,359.32"),
        ("6.359.32", "6,359.32"),
        ("6，359.32", "6,359.32"),
        ("1 307.44", "1307.44"),
        ("53.00", "53.00"),
        ("100%", "100%"),  # not a bare number: left alone
        ("按实际报送", "按实际报送"),  # wording is never touched
        ("1个", "1个"),
    ],
)
def test_number_cells_get_only_safe_fixes(raw, fixed):
    assert fix_number_text(raw) == fixed


def test_wrapped_lines_join_without_spaces_in_chinese():
    assert join_lines(["进一步发挥区法学会和", "广州市中立法律服务"]) == "进一步发挥区法学会和广州市中立法律服务"
    assert join_lines(["6,359.3", "2"]) == "6,359.32"
    assert join_lines(["GIS", "system"]) == "GIS system"


class FakeEngine:
    """Returns fixed page boxes and reads crops as 'L<width>' so cuts can be checked."""

    name = "fake"

    def __init__(self, boxes: list[TextBox]):
        self.boxes = boxes
        self.line_reads: list[tuple[int, int]] = []

    def read_page(self, image):
        return list(self.boxes)

    def read_lines(self, images):
        self.line_reads.extend(image.shape[:2] for image in images)
        return [(f"L{image.shape[1]}", 0.7) for image in images]


def _page_with(boxes: list[TextBox]) -> tuple[np.ndarray, FakeEngine]:
    return _grid_image(merge_right=True, merge_down=True), FakeEngine(boxes)


def test_boxes_go_to_the_cell_holding_their_centre_merged_text_in_the_first_row():
    image, engine = _page_with(
        [
            TextBox("项目支出绩效目标表", (150, 10, 450, 40), 0.99),  # above the grid
            TextBox("跨两列", (80, 70, 300, 110), 0.95),  # merged (0,0)-(0,1)
            TextBox("第一行", (360, 140, 540, 160), 0.9),  # merged (1,2)-(2,2), line 1
            TextBox("第二行", (360, 170, 540, 190), 0.6),  # merged (1,2)-(2,2), line 2
            TextBox("６,３５９.３２", (60, 230, 190, 260), 0.98),  # (2,0), full-width number
        ]
    )
    result = read_page_image(image, engine, page=3)
    texts = [[c.text for c in row] for row in result.rows]
    assert texts[0] == ["项目支出绩效目标表"]
    assert texts[1] == ["跨两列", "", ""]
    assert texts[2] == ["", "", "第一行第二行"]
    assert texts[3] == ["6,359.32", "", ""]
    merged = result.rows[2][2]
    assert merged.confidence == pytest.approx(0.6)  # the least sure line
    assert merged.row == 2 and merged.col == 2
    assert not engine.line_reads

    doc = build_document([result], "scan.png")
    assert doc.layout == "ocr"
    assert doc.text.split("\n")[2] == "\t\t第一行第二行"
    for row in doc.rows:
        for cell in row.cells:
            assert doc.text[cell.start : cell.end] == cell.text
            assert cell.page == 3
    span = doc.rows[2].cells[2].span()
    assert span.page == 3 and span.confidence == pytest.approx(0.6) and span.box == (350.0, 130.0, 550.0, 290.0)


def test_a_box_straddling_a_column_rule_is_cut_and_each_piece_reread():
    image, engine = _page_with([TextBox("53.00涉密项目", (260, 300, 450, 330), 0.9)])  # crosses x=350 in row 3
    result = read_page_image(image, engine)
    row = [c.text for c in result.rows[0]]
    assert len(engine.line_reads) == 2
    assert row[1].startswith("L") and row[2].startswith("L") and row[0] == ""
    assert result.rows[0][1].confidence == pytest.approx(0.7)


def test_without_rules_lines_and_columns_are_clustered():
    boxes = [
        TextBox("项目支出绩效目标表", (200, 10, 500, 40), 0.99),
        TextBox("项目名称", (20, 80, 140, 110), 0.99),
        TextBox("总计", (300, 80, 360, 110), 0.99),
        TextBox("绩效目标", (500, 80, 620, 110), 0.99),
        TextBox("区法学会经费", (20, 130, 200, 160), 0.99),
        TextBox("40.00", (300, 130, 370, 160), 0.99),
        TextBox("开展法治宣传", (500, 130, 680, 160), 0.99),
        TextBox("活动", (500, 170, 560, 200), 0.8),  # wrapped goal: first column empty
    ]
    image = np.full((400, 700), 255, np.uint8)
    for box in boxes:  # ink where the text is, with small gaps between "characters"
        x0, y0, x1, y1 = (int(v) for v in box.box)
        for x in range(x0, x1, 30):
            image[y0 + 4 : y1 - 4, x : min(x + 26, x1)] = 0
    engine = FakeEngine(boxes)
    result = read_page_image(image, engine)
    assert result.grid is None
    assert any("no ruled table" in w for w in result.warnings)
    texts = [[c.text for c in row] for row in result.rows]
    assert texts == [
        ["项目支出绩效目标表"],
        ["项目名称", "总计", "绩效目标"],
        ["区法学会经费", "40.00", "开展法治宣传活动"],
    ]


def test_image_suffixes_are_registered():
    for suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
        assert READERS[suffix] == "assistant.ingest.ocr.image:read_image"


@pytest.mark.parametrize("data", [b"", b"this is not an image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40])
def test_an_unreadable_image_is_a_clear_input_error(data):
    with pytest.raises(InputError) as info:
        read_bytes(data, "scans/page1.png", suffix=".png")
    assert "scans/page1.png" in str(info.value)
    assert "image" in str(info.value) or "empty" in str(info.value)


def test_a_truncated_jpeg_is_a_clear_input_error():
    buffer = io.BytesIO()
    Image.new("L", (400, 300), 200).save(buffer, "JPEG")
    with pytest.raises(InputError, match="photo.jpg: .*(damaged|truncated|image)"):
        read_image(buffer.getvalue()[:200], "photo.jpg", engine=FakeEngine([]))


def test_a_blank_image_says_no_text_was_found():
    buffer = io.BytesIO()
    Image.new("L", (400, 300), 255).save(buffer, "PNG")
    with pytest.raises(InputError, match="blank.png: no text found"):
        read_image(buffer.getvalue(), "blank.png", engine=FakeEngine([]))


def test_every_page_of_a_multipage_tiff_is_read():
    frames = [Image.fromarray(_grid_image()) for _ in range(2)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    engine = FakeEngine([TextBox("合计", (60, 60, 120, 100), 0.9)])
    doc = read_image(buffer.getvalue(), "two.tiff", engine=engine)
    assert [row.cells[0].page for row in doc.rows] == [1, 2]


def test_an_unknown_engine_is_a_clear_error():
    with pytest.raises(InputError, match="unknown OCR engine 'nope'"):
        get_engine("nope")


def test_page_cells_keep_their_order_in_the_document():
    result = PageResult(
        page=1,
        rows=[
            [PageCell("标题", 0, 0, None, None)],
            [PageCell("a", 1, 0, (0, 0, 1, 1), 0.9), PageCell("b", 1, 1, None, None)],
        ],
    )
    doc = build_document([result], "x.png")
    assert doc.text == "标题\na\tb\n"
    assert [r.line for r in doc.rows] == [1, 2]


def test_a_low_confidence_cell_reaches_the_validator_as_low_confidence():
    """Cell.confidence -> Span.confidence -> LOW_CONFIDENCE, through the rule-based extractor."""
    from assistant.checks import validate_table
    from assistant.extract.parsers.table import extract_table

    xs = [20, 220, 320, 420, 520, 620, 900, 1300]
    ys = [60, 110, 160, 260]
    image = np.full((300, 1320), 255, np.uint8)
    for y in ys:
        cv2.line(image, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(image, (x, ys[0]), (x, ys[-1]), 0, 2)

    def box(text, col, row, score=0.99, line=0):
        y0 = ys[row] + 10 + 30 * line
        return TextBox(text, (xs[col] + 8, y0, xs[col + 1] - 8, y0 + 24), score)

    header = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"]
    boxes = [TextBox("单位：万元", (20, 20, 200, 45), 0.99)]
    boxes += [box(text, c, 0) for c, text in enumerate(header)]
    boxes += [box("某单位", 0, 1), box("40.00", 1, 1), box("40.00", 2, 1)]
    boxes += [
        box("区法学会经费", 0, 2),
        box("40.00", 1, 2),
        box("40.00", 2, 2),
        box("开展法治宣传", 5, 2, score=0.55),
        box("1、1-产出指标:11-数量指标;活动场次;", 6, 2),
        box("实施周期指标值:4场;年度指标值:4场。", 6, 2, line=1),
    ]
    doc = build_document([read_page_image(image, FakeEngine(boxes))], "scan.png")
    table = extract_table(doc)
    (project,) = table.projects()
    assert project.goal == "开展法治宣传"
    assert project.indicators[0].annual_value == "4场"
    assert project.spans["goal"].confidence == pytest.approx(0.55)
    assert project.spans["goal"].page == 1 and project.spans["goal"].col == 5
    low = [w for w in validate_table(table) if w.code == "LOW_CONFIDENCE"]
    assert len(low) == 1 and "0.55" in low[0].message


def test_transparent_16bit_and_bilevel_scans_become_black_on_white_pages():
    from assistant.ingest.ocr.image import image_pages

    ink = Image.new("RGBA", (60, 40), (0, 0, 0, 0))  # transparent background, black text
    ink.paste((0, 0, 0, 255), (10, 10, 30, 20))
    sixteen = Image.fromarray(np.full((40, 60), 60000, np.uint16))
    sixteen.paste(0, (10, 10, 30, 20))
    bilevel = Image.new("1", (60, 40), 1)
    bilevel.paste(0, (10, 10, 30, 20))
    for image, fmt in ((ink, "PNG"), (sixteen, "TIFF"), (bilevel, "TIFF")):
        buffer = io.BytesIO()
        image.save(buffer, fmt)
        (page,) = image_pages(buffer.getvalue(), f"x.{fmt.lower()}")
        assert page.dtype == np.uint8
        assert page[0, 0] == 255 and page[15, 20] == 0, fmt


class FakeDetectingEngine(FakeEngine):
    """An engine that can detect without reading: boxes are cut before the single read."""

    def detect(self, image):
        return [b.box for b in self.boxes]


def test_with_a_detecting_engine_boxes_are_cut_before_reading_and_read_once(monkeypatch):
    # the orientation probe reads a few lines too; only the page's own reads are counted here
    monkeypatch.setattr("assistant.ingest.ocr.assemble.page_turn", lambda *args: 0)
    image = _grid_image(merge_right=True, merge_down=True)
    engine = FakeDetectingEngine(
        [
            TextBox("", (260, 300, 450, 330), 0.0),  # crosses the rule at x=350
            TextBox("", (60, 300, 190, 330), 0.0),
        ]
    )  # inside (3,0)
    result = read_page_image(image, engine)
    assert len(engine.line_reads) == 3  # two pieces and the uncut box, each read once
    row = result.rows[0]
    assert [bool(c.text) for c in row] == [True, True, True]
    assert row[1].box == (200.0, 290.0, 350.0, 370.0) and row[2].box == (350.0, 290.0, 550.0, 370.0)


def test_rapidocr_detection_on_a_large_photo_runs_on_a_smaller_copy_and_boxes_come_back_full_size():
    from assistant.ingest.ocr.engine import RapidOCREngine

    seen = []

    class StubOCR:
        def text_det(self, image):
            seen.append(image.shape[:2])
            return np.array([[[10, 20], [50, 20], [50, 30], [10, 30]]], np.float32), 0.0

    engine = RapidOCREngine.__new__(RapidOCREngine)  # no models: only the scaling is under test
    engine.max_side_len, engine._ocr = 1000, StubOCR()
    (box,) = engine.detect(np.full((1500, 2000), 255, np.uint8))
    assert seen == [(750, 1000)]
    assert box == pytest.approx((19.0, 39.0, 101.0, 61.0))  # full size, a pixel of margin given back
    # with the page's measured character height, detection runs at det_char_px a character
    seen.clear()
    engine.max_side_len, engine.det_char_px = 4000, 20.0  # 40 px characters detected at 20 px: half size
    engine.detect(np.full((1500, 2000), 255, np.uint8), char_px=40.0)
    assert seen == [(750, 1000)]


def test_a_line_read_below_the_minimum_score_leaves_its_row_in_doubt():
    """≧ is not in the engine's character set (it returns N at 0.49): the line is not kept as
    text, but the values beside it in its row carry the low score, so they are flagged."""
    from assistant.ingest.ocr.assemble import MIN_SCORE, _grid_rows, _unread

    grid = find_grid(_grid_image(merge_right=False, merge_down=False))
    boxes = _unread(
        [
            TextBox("N", (60, 150, 190, 190), 0.49),  # (1,0): the unreadable glyph
            TextBox("100%", (210, 150, 340, 190), 0.99),  # (1,1), same row
            TextBox("满意度", (60, 230, 190, 260), 0.98),  # (2,0), another row
        ]
    )
    rows, above, below = _grid_rows(boxes, grid)
    assert [c.text for c in rows[0]] == ["", "100%", ""]
    assert rows[0][1].confidence == pytest.approx(0.49)
    assert rows[0][1].confidence < MIN_SCORE
    assert rows[1][0].confidence == pytest.approx(0.98)
    assert not above and not below


def test_a_cell_read_with_a_comparison_sign_is_in_doubt():
    """A printed ≥ is read > (18 times on 6 real dev tables): a cell holding > or < is flagged."""
    from assistant.ingest.ocr.assemble import DOUBT, _cell_text

    assert _cell_text([TextBox(">90%", (0, 0, 60, 20), 0.99)]) == (">90%", DOUBT)
    assert _cell_text([TextBox("≥90%", (0, 0, 60, 20), 0.99)]) == ("≥90%", 0.99)
