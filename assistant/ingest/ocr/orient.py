"""Which way up a page is: a sheet fed in sideways or upside down is read upright.

Two pieces of evidence, both cheap next to reading the page:

* the text-line geometry: the detector's boxes are wide on an upright or upside-down page
  and tall on a sideways one;
* which way up the lines are: a few of the longest lines (their first few characters),
  laid horizontal, go through the engine's 0/180° line classifier (RapidOCR's small
  ``cls`` model) when it has one; otherwise they are read both ways up and the higher
  recognition confidence wins (upside-down Chinese reads with a clearly lower score).

Deskew handles the last few degrees afterwards.
"""

from __future__ import annotations

import numpy as np

from .engine import OCREngine

__all__ = ["page_turn", "SAMPLES", "MARGIN"]

#: lines read in each orientation
SAMPLES = 6
#: characters of each line read (the rest of a long line adds time, not evidence)
LINE_CHARS = 8
#: without a line classifier: the flipped reading must score this much better
MARGIN = 0.1


def _mean_score(engine: OCREngine, crops: list[np.ndarray], k: int) -> float:
    answers = engine.read_lines([np.ascontiguousarray(np.rot90(crop, k)) for crop in crops])
    return float(np.mean([score if text.strip() else 0.0 for text, score in answers]))


def page_turn(image: np.ndarray, rects: list[tuple[float, float, float, float]], engine: OCREngine) -> int:
    """Degrees (0, 90, 180, 270, counter-clockwise as ``np.rot90``) that turn the page upright.

    ``rects`` are the detector's text boxes on ``image``. 0 when there is too little text to tell.
    """
    wide = [r for r in rects if r[2] - r[0] >= 2 * (r[3] - r[1])]
    tall = [r for r in rects if r[3] - r[1] >= 2 * (r[2] - r[0])]
    sideways = len(tall) > len(wide)
    lines = tall if sideways else wide
    if not lines:
        return 0
    longest = sorted(lines, key=lambda r: max(r[2] - r[0], r[3] - r[1]), reverse=True)[:SAMPLES]
    height, width = image.shape[:2]
    crops = []
    for x0, y0, x1, y1 in longest:
        # a few characters of each line are enough, and a whole long line costs as much as a page's cells
        if sideways:
            y1 = min(y1, y0 + LINE_CHARS * (x1 - x0))
        else:
            x1 = min(x1, x0 + LINE_CHARS * (y1 - y0))
        top, bottom = max(0, int(y0)), min(height, int(np.ceil(y1)))
        crops.append(image[top:bottom, max(0, int(x0)) : min(width, int(np.ceil(x1)))])
    crops = [c for c in crops if c.size]
    if not crops:
        return 0
    first = 3 if sideways else 0  # np.rot90 turns: a sideways page is tried turned clockwise first
    if hasattr(engine, "line_angles"):
        # the engine's own 0/180° line classifier: a small model, far cheaper than reading
        turned = [np.ascontiguousarray(np.rot90(crop, first)) for crop in crops]
        flipped = sum(angle == 180 and score >= 0.9 for angle, score in engine.line_angles(turned))
        return 90 * ((first + 2) % 4) if flipped > len(crops) / 2 else 90 * first
    second = (first + 2) % 4
    scores = {first: _mean_score(engine, crops, first), second: _mean_score(engine, crops, second)}
    best = second if scores[second] > scores[first] + MARGIN else first
    return 90 * best
