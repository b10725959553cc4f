"""Which way up a page is: a sheet fed in sideways or upside down is read upright.

Two pieces of evidence, both cheap next to reading the page:

* the text-line geometry: the detector's boxes are wide on an upright or upside-down page
  and tall on a sideways one;
* the recogniser's confidence: a few of the longest lines are read as they are and turned
  (180°, or 90° each way on a sideways page); upside-down or sideways Chinese reads with
  a clearly lower score.

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
#: an orientation other than the one the geometry favours first must score this much better
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
        crops.append(image[max(0, int(y0)): min(height, int(np.ceil(y1))), max(0, int(x0)): min(width, int(np.ceil(x1)))])
    crops = [c for c in crops if c.size]
    if not crops:
        return 0
    first, second = (3, 1) if sideways else (0, 2)  # np.rot90 turns: sideways pages are mostly turned clockwise
    scores = {first: _mean_score(engine, crops, first), second: _mean_score(engine, crops, second)}
    best = second if scores[second] > scores[first] + MARGIN else first
    return 90 * best
