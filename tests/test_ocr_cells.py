"""Text lines of ruled cells found from their ink (assistant/ingest/ocr/cells.py), and the
engine reading lines in parallel with the same answers as one at a time."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ingest.ocr.cells import cell_lines, line_image
from assistant.ingest.ocr.grid import Grid, GridCell

CHAR = 20


def _grid(*boxes: tuple[int, int, int, int]) -> Grid:
    cells = [GridCell(0, c, 1, 1, box) for c, box in enumerate(boxes)]
    return Grid(ys=[0, 400], xs=[0, 400], cells=cells, char_h=float(CHAR))


def _ink(height=400, width=400) -> np.ndarray:
    return np.zeros((height, width), np.uint8)


def _line(ink, top, left, chars, height=CHAR):
    """A line of ``chars`` character-sized blobs with small gaps, as text looks once binarized."""
    for k in range(chars):
        x = left + k * (CHAR + 2)
        ink[top : top + height, x : x + CHAR] = 255


def test_each_line_of_a_cell_is_a_crop_tight_to_its_ink_and_empty_cells_cost_nothing():
    ink = _ink()
    _line(ink, 20, 10, 5)
    _line(ink, 20 + int(1.4 * CHAR), 10, 3)
    grid = _grid((0, 0, 200, 100), (200, 0, 400, 100))  # the second cell is empty
    lines = cell_lines(ink, grid, rule_gap=3)
    assert len(lines) == 2 and all(line.tail is None for line in lines)
    (l0, t0, r0, b0), (_, t1, r1, _) = lines[0].box, lines[1].box
    assert t0 < 20 and b0 > 20 + CHAR and b0 <= t1 + 6  # each line with its own margin
    assert l0 < 10 < r1 < r0 <= 10 + 5 * (CHAR + 2) + CHAR  # cut at the last ink, not the cell's edge


def test_touching_lines_are_cut_at_their_faintest_row():
    ink = _ink()
    _line(ink, 20, 10, 6, height=int(1.4 * CHAR))  # two lines set so close that no row is empty
    _line(ink, 20 + int(1.4 * CHAR), 10, 6, height=int(1.4 * CHAR))
    ink[20 + int(1.4 * CHAR) - 1, :] = 0
    ink[20 + int(1.4 * CHAR) - 1, 12:14] = 255  # only a stroke crosses between them
    lines = cell_lines(ink, _grid((0, 0, 400, 200)), rule_gap=3)
    assert len(lines) == 2


def test_a_lone_mark_on_its_own_line_is_read_after_the_line_above():
    ink = _ink()
    _line(ink, 20, 10, 8)
    mark_top = 20 + int(1.4 * CHAR) + CHAR - 7
    ink[mark_top : mark_top + 7, 12:19] = 255  # a 。 wrapped onto the next line
    page = 255 - ink
    (line,) = cell_lines(ink, _grid((0, 0, 400, 200)), rule_gap=3)
    assert line.tail is not None and line.tail[1] > line.box[3] - 4
    image = line_image(page, line)
    left, top, right, bottom = line.box
    assert image.shape[0] == bottom - top and image.shape[1] > right - left
    assert (image[:, right - left :] < 128).any()  # the mark is in the joined image


def test_specks_are_not_lines():
    ink = _ink()
    _line(ink, 20, 10, 4)
    ink[150, 300] = ink[151, 300] = 255  # scanner noise
    lines = cell_lines(ink, _grid((0, 0, 400, 200)), rule_gap=3)
    assert len(lines) == 1


@pytest.mark.slow
def test_lines_read_in_parallel_get_the_answers_of_one_at_a_time(cjk_font):
    from scan_render import render_page

    from assistant.ingest.ocr.engine import RapidOCREngine

    page = render_page([], [["区法学会经费", "40.00", "开展活动"], ["合计", "1,307.44", "完成"]], font_path=cjk_font)
    image = np.asarray(page.image.convert("L"))
    crops = []
    for c in page.cells:  # each cell's text, cut to its ink with a margin as cells.py cuts it
        cell = image[c.box[1] + 4 : c.box[3] - 4, c.box[0] + 4 : c.box[2] - 4]
        ys, xs = np.nonzero(cell < 128)
        crops.append(cell[max(0, ys.min() - 4) : ys.max() + 5, max(0, xs.min() - 6) : xs.max() + 7])
    parallel, single = RapidOCREngine(threads=2), RapidOCREngine(threads=1)
    assert parallel.rec_workers == 2 and single.rec_workers == 1
    got = parallel.read_lines(crops)
    assert got == single.read_lines(crops)
    assert [text for text, _ in got] == [c.text for c in page.cells]


def _read_in_child(crops):
    from assistant.ingest.ocr.engine import get_engine

    return get_engine("rapidocr").read_lines(crops)


@pytest.mark.slow
def test_a_forked_worker_reads_with_the_engine_it_inherited(cjk_font):
    """The process pool forks after the parent has read pages: the engine it inherits must
    not hand lines to the parent's threads, which do not exist in the child."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from scan_render import render_page

    from assistant.ingest.ocr.engine import get_engine

    page = render_page([], [["区法学会经费", "合计", "完成"]], font_path=cjk_font)
    image = np.asarray(page.image.convert("L"))
    crops = [image[c.box[1] + 6 : c.box[3] - 6, c.box[0] + 6 : c.box[2] - 6] for c in page.cells]
    engine = get_engine("rapidocr")
    if engine.rec_workers < 2:
        pytest.skip("one core: the engine reads lines in its own thread")
    expected = engine.read_lines(crops)  # the parent's reading threads are running now
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(_read_in_child, crops).result(timeout=300) == expected
