"""From a page image to rows of cells: deskew, OCR, grid, text boxes into cells.

On a ruled page the grid is found first and each cell's text lines are taken from its ink
(cells.py): no text detector runs inside the table, and empty cells cost nothing. A few of
the longest lines are read first as a probe: when they do not read upright (a page fed in
sideways or upside down), the page goes the detector's way below. The detector still reads
the strips above and below the grid (title, 部门名称, 单位 lines).

Without a grid, or when the probe fails, text lines are detected on the whole deskewed
page (rules painted out); a line that straddles a column rule (a right-aligned amount run
together with the next column's text) is cut at the rule before it is read, so amounts
never merge with their neighbours, and each piece is read once. With an engine that only
reads whole pages, straddling lines are cut afterwards and the pieces re-read. Each line
then goes to the grid cell that holds its centre, and a cell's lines are joined in
reading order. Text outside the grid becomes single-cell rows. A page without ruling
lines falls back to clustering the boxes into lines and columns.

Only safe text fixes are made: the punctuation glyphs of the face-matrix confusion table
that are never text (丶 for 、, ° after a non-digit for 。; see confusions.py), and in cells
that hold a number, full-width digits and punctuation folded and thousands separators put
right (``6.359.32`` → ``6,359.32``). Wording is never corrected.
"""

from __future__ import annotations

import inspect
import re
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

import cv2
import numpy as np

from ..document import Cell, Document, Row
from .cells import MIN_INK_ROW, CellLine, cell_lines, line_image, without_specks
from .confusions import fix_glyphs
from .engine import OCREngine, TextBox
from .grid import Grid, binarize, char_height, deskew, find_grid
from .orient import page_turn

__all__ = ["PageCell", "PageResult", "read_page_image", "build_document", "fix_number_text", "join_lines"]

#: lines read with a lower score are dropped, as RapidOCR drops them on a whole-page read; inside
#: the grid such a line leaves its row flagged (see :func:`_unread`)
MIN_SCORE = 0.5
#: a page whose blobs are mostly specks (a noisy, blurred scan) is read through the detector:
#: on such pages the cells' ink lines lost indicators the detector kept (face matrix,
#: degraded pages: F1 0.71 against 0.86-1.00)
NOISY_PAGE = 0.5
#: the confidence of a reading in doubt: under checks.validate.LOW_CONFIDENCE (0.8), so it is flagged
DOUBT = 0.75
#: on a noisy page a cell this long is more likely misread than not: the real dev tables printed in
#: four faces and degraded read at about 2% character errors (bench_ocr.py --real), and 0.98**35 < 0.5
LONG_CELL = 35
#: a printed ≥ is read as > (18 times on 6 real dev tables, the four faces pooled): a cell holding
#: > or < may say something else than what was printed
_COMPARISON = re.compile(r"[<>]")
#: an amount (five digits or more, 1,234.56 too): one misread digit is a wrong sum of money
_AMOUNT = re.compile(r"\d[\d,]{3,}\d")
#: lines of the cells read to tell an upright page, and the median score they must reach
PROBE_LINES = 4
PROBE_MIN_SCORE = 0.8
_NUMBER_CHARS = re.compile(r"[\d\s,.，．、'‘’]+")


@dataclass(slots=True)
class PageCell:
    """A recovered cell before it is placed in the document text."""

    text: str
    row: int  # 1-based grid row on its page; 0 for text outside the grid
    col: int
    box: tuple[float, float, float, float] | None
    confidence: float | None


@dataclass(slots=True)
class PageResult:
    """One page read: its rows of cells and what it cost."""

    page: int
    rows: list[list[PageCell]]
    skew: float = 0.0
    grid: Grid | None = None
    ocr_seconds: float = 0.0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    turn: int = 0  # degrees (counter-clockwise) the page was turned to be read upright
    stages: dict[str, float] = field(default_factory=dict)  # wall seconds per stage, for the benchmark
    stages_cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds (all threads) per stage


def fix_number_text(text: str) -> str:
    """Safe fixes in a cell that holds only a number; any other text is returned as is.

    Full-width digits and punctuation are folded and white space removed; when several
    dots appear, every dot but the last that is followed by exactly three digits is a
    thousands separator (``6.359.32`` → ``6,359.32``).
    """
    folded = unicodedata.normalize("NFKC", text)
    if not _NUMBER_CHARS.fullmatch(folded) or not any(ch.isdigit() for ch in folded):
        return text
    number = re.sub(r"\s", "", folded).replace("，", ",").replace("、", ",").replace("'", ",")
    number = number.replace("‘", ",").replace("’", ",")
    parts = number.split(".")
    if len(parts) > 2 and all(len(p) == 3 and p.isdigit() for p in parts[1:-1]):
        number = ",".join(parts[:-1]) + "." + parts[-1]
    return number


def join_lines(lines: list[str]) -> str:
    """Join a cell's wrapped lines: nothing between Chinese, a space between Latin words."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out


def _reading_order(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes grouped into text lines (top to bottom), each line left to right."""
    if not boxes:
        return []
    ordered = sorted(boxes, key=lambda b: b.center[1])
    typical = float(np.median([b.height for b in boxes]))
    lines: list[list[TextBox]] = []
    for box in ordered:
        if lines:
            line_y = float(np.mean([b.center[1] for b in lines[-1]]))
            if abs(box.center[1] - line_y) <= 0.5 * typical:
                lines[-1].append(box)
                continue
        lines.append([box])
    return [sorted(line, key=lambda b: b.box[0]) for line in lines]


def _cell_text(boxes: list[TextBox]) -> tuple[str, float | None]:
    """A cell's text in reading order and its confidence (its least sure line's score)."""
    if not boxes:
        return "", None
    text = fix_glyphs(join_lines(["".join(b.text for b in line) for line in _reading_order(boxes)]))
    confidence = min(b.score for b in boxes)
    if _COMPARISON.search(text):
        confidence = min(confidence, DOUBT)
    return fix_number_text(text), confidence


def _pieces(box: TextBox, cuts: list[float], image: np.ndarray, gap: int) -> list[tuple[int, int, int, int]]:
    """The crops (left, top, right, bottom) of a box cut at the given x positions."""
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box.box
    edges = [x0, *cuts, x1]
    top, bottom = max(0, int(y0) - 2), min(height, int(y1) + 2)
    out = []
    for a, b in zip(edges, edges[1:]):
        left = max(0, int(a + (gap if a in cuts else 0)))
        right = min(width, int(b - (gap if b in cuts else 0)))
        if right - left >= 4:
            out.append((left, top, right, bottom))
    return out


def _reread(crops: list[tuple[int, int, int, int]], image: np.ndarray, engine: OCREngine) -> list[TextBox]:
    """Read the crops in one batch; crops with no text are dropped."""
    if not crops:
        return []
    answers = engine.read_lines([image[top:bottom, left:right] for left, top, right, bottom in crops])
    return [
        TextBox(text.strip(), (float(left), float(top + 2), float(right), float(bottom - 2)), score)
        for (left, top, right, bottom), (text, score) in zip(crops, answers)
        if text.strip()
    ]


def _covered(piece: tuple[int, int, int, int], rects: list[tuple[float, float, float, float]]) -> bool:
    """True when another detected box on the same line already holds most of this piece: a
    box that reached over a rule into the neighbouring cell must not read its text twice."""
    left, top, right, bottom = piece
    for x0, y0, x1, y1 in rects:
        if min(bottom, y1) - max(top, y0) > 0.5 * (y1 - y0) and min(right, x1) - max(left, x0) >= 0.7 * (right - left):
            return True
    return False


def _rules_crossed(grid: Grid, box: tuple[float, float, float, float], rule_gap: int) -> list[float]:
    """The column rules of the box's grid row that run through the box, well inside its ends."""
    x0, y0, x1, y1 = box
    r = grid.row_at((y0 + y1) / 2)
    margin = max(rule_gap, 0.3 * (y1 - y0))
    return [x for x in (grid.vertical_rules[r] if r is not None else []) if x0 + margin < x < x1 - margin]


def _cut_crops(
    rects: list[tuple[float, float, float, float]],
    grid: Grid | None,
    image: np.ndarray,
    rule_gap: int,
) -> list[tuple[int, int, int, int]]:
    """Detected boxes as crops, cut at the column rules they cross (when there is a grid)."""
    crops: list[tuple[int, int, int, int]] = []
    height, width = image.shape[:2]
    for x0, y0, x1, y1 in rects:
        rules = _rules_crossed(grid, (x0, y0, x1, y1), rule_gap) if grid is not None else []
        if rules:
            others = [o for o in rects if o != (x0, y0, x1, y1)]
            crops.extend(
                p
                for p in _pieces(TextBox("", (x0, y0, x1, y1), 0.0), rules, image, rule_gap)
                if not _covered(p, others)
            )
        else:
            crops.append(
                (max(0, int(x0)), max(0, int(y0) - 2), min(width, int(np.ceil(x1))), min(height, int(np.ceil(y1)) + 2))
            )
    return crops


def _read_cut_boxes(
    rects: list[tuple[float, float, float, float]],
    grid: Grid | None,
    image: np.ndarray,
    engine: OCREngine,
    rule_gap: int,
) -> list[TextBox]:
    """Detected boxes cut at the column rules they cross, then every piece read once (in a grid,
    a piece read below :data:`MIN_SCORE` kept as an unread mark)."""
    boxes = _reread(_cut_crops(rects, grid, image, rule_gap), image, engine)
    return _unread(boxes) if grid is not None else [box for box in boxes if box.score >= MIN_SCORE]


def _cut_straddling(
    boxes: list[TextBox], grid: Grid, image: np.ndarray, engine: OCREngine, rule_gap: int
) -> list[TextBox]:
    """Cut every box that crosses a drawn column rule at the rule, and re-read the pieces."""
    out: list[TextBox] = []
    crops: list[tuple[int, int, int, int]] = []
    for box in boxes:
        rules = _rules_crossed(grid, box.box, rule_gap)
        if rules:
            crops.extend(_pieces(box, rules, image, rule_gap))
        else:
            out.append(box)
    return out + _reread(crops, image, engine)


def _unread(boxes: list[TextBox]) -> list[TextBox]:
    """The boxes with every line read below :data:`MIN_SCORE` kept as an empty "unread" mark.

    The engine has no reading for some printed glyphs (≧ ≦ ═ are not in its character set: it
    returns N or ■ at scores under 0.5): dropping such a line loses a cell's text without a
    trace, so its cell keeps no text but the line's score, and :func:`_grid_rows` flags its row.
    """
    return [b if b.score >= MIN_SCORE else TextBox("", b.box, b.score) for b in boxes]


def _outside_rows(boxes: list[TextBox]) -> list[list[PageCell]]:
    """Text lines outside the grid, each as a one-cell row."""
    rows = []
    for line in _reading_order(boxes):
        text, confidence = _cell_text(line)
        box = (
            min(b.box[0] for b in line),
            min(b.box[1] for b in line),
            max(b.box[2] for b in line),
            max(b.box[3] for b in line),
        )
        rows.append([PageCell(text, 0, 0, box, confidence)])
    return rows


def _grid_rows(boxes: list[TextBox], grid: Grid) -> tuple[list[list[PageCell]], list[TextBox], list[TextBox]]:
    """Rows of the grid (merged cells' text in their first row), and the boxes above/below it."""
    members: dict[tuple[int, int], list[TextBox]] = {}
    above: list[TextBox] = []
    below: list[TextBox] = []
    for box in boxes:
        cx, cy = box.center
        cell = grid.cell_at(cx, cy)
        if cell is None:
            (above if cy < grid.ys[0] else below).append(box)
            continue
        members.setdefault((cell.row, cell.col), []).append(box)
    starts = {(c.row, c.col): c for c in grid.cells}
    rows: list[list[PageCell]] = []
    for r in range(grid.n_rows):
        row: list[PageCell] = []
        for c in range(grid.n_cols):
            cell = starts.get((r, c))
            if cell is None:  # covered by a merged cell that starts above or to the left
                row.append(PageCell("", r + 1, c, None, None))
                continue
            text, confidence = _cell_text(members.get((r, c), []))
            row.append(PageCell(text, r + 1, c, tuple(float(v) for v in cell.box), confidence))
        unread = [c.confidence for c in row if c.confidence is not None and c.confidence < MIN_SCORE]
        for c in row:  # ink the engine could not read: every value of the row is in doubt
            if unread and c.text:
                c.confidence = min(c.confidence if c.confidence is not None else 1.0, min(unread))
        if any(cell.text for cell in row):
            rows.append(row)
    return rows, [b for b in above if b.text], [b for b in below if b.text]


def _column_bounds(lines: list[list[TextBox]], ink: np.ndarray, char_h: float) -> list[float]:
    """Column separators of an unruled table: x ranges with no ink in most of its lines.

    Ink is used rather than the boxes, since the detector often reads two neighbouring
    cells as one box when no rule separates them.
    """
    width = ink.shape[1]
    votes = np.zeros(width, np.int32)
    for line in lines:
        top = max(0, int(min(b.box[1] for b in line)))
        bottom = int(max(b.box[3] for b in line))
        votes += ink[top:bottom].any(axis=0)
    covered = np.nonzero(votes)[0]
    if covered.size == 0:
        return []
    empty = votes <= int(0.1 * len(lines))  # a stray line (a wide title) may cross a gap
    bounds: list[float] = []
    x = int(covered[0])
    last = int(covered[-1])
    while x < last:
        if empty[x]:
            run_end = x
            while run_end < last and empty[run_end]:
                run_end += 1
            if run_end - x >= 0.6 * char_h:
                bounds.append((x + run_end) / 2)
            x = run_end
        x += 1
    return bounds


def _cluster_rows(boxes: list[TextBox], image: np.ndarray, engine: OCREngine) -> list[list[PageCell]]:
    """No ruling lines: text lines become rows, gaps shared by the table's lines become columns.

    A box the detector ran across a column gap is cut there and re-read. A line with
    nothing in the first column continues the row above it (a wrapped cell). Lines before
    the first line with several boxes are one-cell rows (title and notes).
    """
    ink = binarize(image)
    char_h = char_height(ink)
    lines = _reading_order(boxes)
    first_table = next((i for i, line in enumerate(lines) if len(line) >= 2), len(lines))
    rows = _outside_rows([b for line in lines[:first_table] for b in line])
    table_lines = lines[first_table:]
    if not table_lines:
        return rows
    bounds = _column_bounds(table_lines, ink, char_h)
    n_cols = len(bounds) + 1
    gap = max(2, int(char_h / 8))

    crops: list[tuple[int, int, int, int]] = []
    owners: list[int] = []
    kept: list[list[TextBox]] = [[] for _ in table_lines]
    for k, line in enumerate(table_lines):
        for box in line:
            cuts = [x for x in bounds if box.box[0] + 0.3 * box.height < x < box.box[2] - 0.3 * box.height]
            if cuts:
                pieces = _pieces(box, cuts, image, gap)
                crops.extend(pieces)
                owners.extend([k] * len(pieces))
            else:
                kept[k].append(box)
    answers = engine.read_lines([image[top:bottom, left:right] for left, top, right, bottom in crops]) if crops else []
    for k, (left, top, right, bottom), (text, score) in zip(owners, crops, answers):
        if text.strip():
            kept[k].append(TextBox(text.strip(), (float(left), float(top + 2), float(right), float(bottom - 2)), score))

    grouped: list[list[list[TextBox]]] = []
    for line in kept:
        cols: list[list[TextBox]] = [[] for _ in range(n_cols)]
        for piece in line:
            cols[sum(piece.center[0] > x for x in bounds)].append(piece)
        if grouped and not cols[0]:
            for c in range(n_cols):
                grouped[-1][c].extend(cols[c])
        else:
            grouped.append(cols)
    for r, cols in enumerate(grouped, start=1):
        row = []
        for c, members in enumerate(cols):
            text, confidence = _cell_text(members)
            box = None
            if members:
                box = (
                    min(b.box[0] for b in members),
                    min(b.box[1] for b in members),
                    max(b.box[2] for b in members),
                    max(b.box[3] for b in members),
                )
            row.append(PageCell(text, r, c, box, confidence))
        rows.append(row)
    return rows


def _gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY if image.shape[2] == 3 else cv2.COLOR_BGRA2GRAY)
    return image


class _Clock:
    """Wall-clock and CPU seconds per stage of a page (the benchmark prints them)."""

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - t0
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - c0


def _prepare(gray: np.ndarray, clock: _Clock) -> tuple[np.ndarray, float, Grid | None]:
    """Deskew, find the grid and paint its rules out."""
    with clock.stage("deskew"):
        upright, skew = deskew(gray)
    with clock.stage("grid"):
        grid = find_grid(upright)
        if grid is not None:
            upright = grid.erase_rules(upright)
    return upright, skew, grid


def _detect(engine: OCREngine, image: np.ndarray, grid: Grid | None) -> list[tuple[float, float, float, float]]:
    """Text-line boxes; with a grid its measured character height sets the detection scale."""
    if grid is not None and "char_px" in inspect.signature(engine.detect).parameters:
        return engine.detect(image, char_px=grid.char_h)
    return engine.detect(image)


def _assemble(
    result: PageResult,
    boxes: list[TextBox],
    grid: Grid | None,
    upright: np.ndarray,
    engine: OCREngine,
    *,
    cut_already: bool,
    rule_gap: int,
) -> None:
    """The read text lines into the page's rows of cells, with the page's warnings."""
    page = result.page
    if result.turn:
        result.warnings.append(f"第{page}页：页面横放或倒置（逆时针转了{(360 - result.turn) % 360}°），已转正后识别")
    if result.skew:
        result.warnings.append(f"page {page}: turned upright by {result.skew:+.2f}°")
    if not boxes:
        result.warnings.append(f"page {page}: no text found")
    if grid is None:
        if boxes:
            result.warnings.append(f"page {page}: no ruled table; rows and columns guessed from text positions")
        result.rows = _cluster_rows(boxes, upright, engine)
        return
    if not cut_already:  # an engine that only reads whole pages: cut its lines and re-read
        boxes = _cut_straddling(boxes, grid, upright, engine, rule_gap)
    rows, above, below = _grid_rows(boxes, grid)
    result.rows = _outside_rows(above) + rows + _outside_rows(below)


def _detect_outside(
    engine: OCREngine, image: np.ndarray, ink: np.ndarray, grid: Grid
) -> list[tuple[float, float, float, float]]:
    """Text-line boxes above and below the grid (title, 部门名称, 单位, notes): the detector
    runs only on those strips, the cells are read from their ink (cells.py)."""
    rects: list[tuple[float, float, float, float]] = []
    pad = int(grid.char_h)
    for top, bottom in ((0, grid.ys[0]), (grid.ys[-1], image.shape[0])):
        rows = np.flatnonzero(np.count_nonzero(ink[top:bottom], axis=1) >= MIN_INK_ROW)
        if rows.size == 0:
            continue  # no text there: no detector run
        # only the inked part of the strip, with a character's margin, is detected
        top, bottom = max(top, top + int(rows[0]) - pad), min(bottom, top + int(rows[-1]) + 1 + pad)
        cols = np.flatnonzero(np.count_nonzero(ink[top:bottom], axis=0))
        left, right = max(0, int(cols[0]) - pad), min(image.shape[1], int(cols[-1]) + 1 + pad)
        strip = np.ascontiguousarray(image[top:bottom, left:right])
        for x0, y0, x1, y1 in engine.detect(strip, char_px=grid.char_h, strip=True):
            rects.append((x0 + left, y0 + top, x1 + left, y1 + top))
    return rects


def _read_cell_lines(
    lines: list[CellLine], image: np.ndarray, engine: OCREngine, known: dict[CellLine, tuple[str, float]]
) -> list[TextBox]:
    """Read the cells' lines in one go (those ``known`` are not read again); an empty reading of a
    line of ink is kept with score 0 (:func:`_unread` makes it a mark)."""
    todo = [line for line in lines if line not in known]
    answers = dict(zip(todo, engine.read_lines([line_image(image, line) for line in todo]) if todo else []))
    out = []
    for line in lines:
        text, score = known.get(line) or answers[line]
        left, top, right, bottom = line.box
        if line.tail is not None:
            right, bottom = max(right, line.tail[2]), max(bottom, line.tail[3])
        box = (float(left), float(top), float(right), float(bottom))
        out.append(TextBox(text.strip(), box, score if text.strip() else 0.0))
    return out


def _probe_upright(
    image: np.ndarray, lines: list[CellLine], engine: OCREngine
) -> dict[CellLine, tuple[str, float]] | None:
    """The longest few of the cells' lines, read, when they read upright; None when they do
    not (a page turned sideways or upside down then goes the detector's way, orient.py).

    The 0/180° line classifier sees their first characters, the recogniser reads them
    whole, and the page keeps those readings.
    """
    wide = [line for line in lines if (lambda b: b[2] - b[0] >= 3 * (b[3] - b[1]))(line.box)]
    if len(wide) < PROBE_LINES:
        return None
    longest = sorted(wide, key=lambda line: line.box[2] - line.box[0], reverse=True)[:PROBE_LINES]
    if hasattr(engine, "line_angles"):
        starts = [image[t:b, x0 : min(x1, x0 + 8 * (b - t))] for x0, t, x1, b in (line.box for line in longest)]
        if sum(angle == 180 and score >= 0.9 for angle, score in engine.line_angles(starts)) > len(starts) / 2:
            return None
    answers = engine.read_lines([line_image(image, line) for line in longest])
    if float(np.median([score if text.strip() else 0.0 for text, score in answers])) < PROBE_MIN_SCORE:
        return None
    return dict(zip(longest, answers))


def read_page_image(image: np.ndarray, engine: OCREngine, *, page: int = 1) -> PageResult:
    """OCR one page image (grayscale or BGR) into rows of cells; boxes are in upright-page pixels.

    On a ruled page the cells' text lines are found from their ink and read directly (the
    detector runs only outside the grid). A page whose lines do not read upright, or one
    without a grid, goes through the detector; a page fed in sideways or upside down is
    then turned upright first (see orient.py), when the engine can detect text lines
    without reading them.
    """
    started = time.perf_counter()
    clock = _Clock()
    gray = _gray(image)
    upright, skew, grid = _prepare(gray, clock)
    turn = 0
    rects = None
    boxes = None
    noisy = False
    rule_gap = max(3, int(round(grid.char_h / 8))) if grid is not None else 3
    if grid is not None and hasattr(engine, "detect") and getattr(engine, "read_cells", True):
        with clock.stage("cell lines"):
            ink, specks = without_specks(binarize(upright), grid.char_h)
            noisy = specks > NOISY_PAGE
            lines = cell_lines(ink, grid, rule_gap) if not noisy else []
        with clock.stage("orientation"):
            probed = _probe_upright(upright, lines, engine) if lines else None
        if probed is not None:
            with clock.stage("detection"):
                rects = _detect_outside(engine, upright, ink, grid)
            with clock.stage("recognition"):
                outside = [CellLine(crop) for crop in _cut_crops(rects, None, upright, rule_gap)]
                boxes = _unread(_read_cell_lines(lines + outside, upright, engine, probed))
    if boxes is None and hasattr(engine, "detect"):
        with clock.stage("detection"):
            rects = _detect(engine, upright, grid)
        with clock.stage("orientation"):
            turn = page_turn(upright, rects, engine)
        if turn:
            gray = np.ascontiguousarray(np.rot90(gray, turn // 90))
            upright, skew, grid = _prepare(gray, clock)
            with clock.stage("detection"):
                rects = _detect(engine, upright, grid)
        rule_gap = max(3, int(round(grid.char_h / 8))) if grid is not None else 3
    with clock.stage("recognition"):
        if boxes is not None:
            cut_already = True
        elif rects is not None:
            # cut at the rules before reading: each piece is read once
            boxes = _read_cut_boxes(rects, grid, upright, engine, rule_gap)
            cut_already = True
        else:
            boxes = engine.read_page(upright)
            cut_already = False
    result = PageResult(page=page, rows=[], skew=skew, grid=grid, turn=turn)
    with clock.stage("assembly"):
        _assemble(result, boxes, grid, upright, engine, cut_already=cut_already, rule_gap=rule_gap)
    if noisy:  # a speckled scan: its long cells (a goal, a long name) and its amounts are flagged for checking
        for cell in (c for row in result.rows for c in row if len(c.text) >= LONG_CELL or _AMOUNT.search(c.text)):
            cell.confidence = min(cell.confidence if cell.confidence is not None else 1.0, DOUBT)
    result.ocr_seconds = sum(clock.wall.get(k, 0.0) for k in ("detection", "orientation", "recognition"))
    result.stages, result.stages_cpu = clock.wall, clock.cpu
    result.seconds = time.perf_counter() - started
    return result


def build_document(pages: list[PageResult], source: str) -> Document:
    """The pages as one Document: a tab-separated line per row, cells with offsets and boxes."""
    lines: list[str] = []
    rows: list[Row] = []
    offset = 0
    warnings: list[str] = []
    for result in pages:
        warnings.extend(result.warnings)
        for page_row in result.rows:
            texts = [cell.text.replace("\t", " ").replace("\n", "") for cell in page_row]
            line = "\t".join(texts)
            number = len(lines) + 1
            cells: list[Cell] = []
            pos = offset
            for cell, text in zip(page_row, texts):
                cells.append(
                    Cell(
                        text,
                        pos,
                        pos + len(text),
                        cell.row,
                        cell.col,
                        page=result.page,
                        box=cell.box,
                        confidence=cell.confidence,
                    )
                )
                pos += len(text) + 1
            rows.append(Row(cells, number, line))
            lines.append(line)
            offset += len(line) + 1
    text = "\n".join(lines) + ("\n" if lines else "")
    return Document(source, text, rows, encoding=None, layout="ocr", warnings=warnings)
