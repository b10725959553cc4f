"""Text lines of a ruled table's cells, found from the ink instead of the text detector.

Once the grid is known, every cell is a small box of its own: its text lines are the runs
of ink rows (a horizontal projection of the binarized cell), each cropped tight to its ink.
Reading those crops directly skips the detector for the whole table, which was a third of
a page's time. Empty cells (no ink) cost nothing.

A run taller than a line (lines set close together touch) is cut at its faintest rows,
one cut per line height; runs shorter than a line that sit close together (a 一 or 二 on
its own, a 、 under a line) are joined back to their neighbour. A mark wrapped onto a line
of its own is read at the end of the line above it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .grid import Grid

__all__ = ["CellLine", "cell_lines", "line_image", "without_specks", "MIN_INK_ROW", "MARGIN"]

#: a row of a cell holds text when it has at least this many ink pixels (noise is fewer)
MIN_INK_ROW = 2
#: blobs narrower than this share of a character on each side are noise, not marks (a 。 is
#: about a quarter of a character across)
SPECK = 0.12
#: the margin around a line's ink, in characters
MARGIN = 0.15
#: and left and right of it: a 。 right at the crop's edge read as 0 or o (ukai 150 dpi: 90%。 -> 90%0);
#: on 8 face/dpi pages 0.15 made 14 character errors and lost 2 indicators, 0.3 made 8 and lost none
SIDE_MARGIN = 0.3
#: a wide line of ink lower than this share of a character is what is left of a blurred rule; at 0.7
#: a line of digits in AR PL UMing (digits about two thirds of a Chinese character high) was
#: dropped as one: 2020.1.1-2020.12.31 lost from a real dev table, and the indicators after it
STREAK = 0.4


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True as [start, end) pairs."""
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _split_tall(run: tuple[int, int], profile: np.ndarray, char_h: float) -> list[tuple[int, int]]:
    """A run holding several touching lines, cut at its faintest row near each line pitch."""
    start, end = run
    lines = round((end - start) / (1.4 * char_h))
    if lines < 2:
        return [run]
    pitch = (end - start) / lines
    cuts = []
    for k in range(1, lines):
        lo, hi = int(start + (k - 0.35) * pitch), int(start + (k + 0.35) * pitch)
        cuts.append(lo + int(np.argmin(profile[lo:hi])))
    edges = [start, *cuts, end]
    return list(zip(edges, edges[1:]))


def _line_bands(profile: np.ndarray, char_h: float) -> list[tuple[int, int]]:
    """Row bands [top, bottom) of the text lines of one cell, from its ink-per-row profile."""
    runs = _runs(profile >= MIN_INK_ROW)
    merged: list[list[int]] = []
    for start, end in runs:
        # a piece of a line (a stroke of 三, a 、) joins its neighbour when together they are
        # no taller than a character and the gap is smaller than a line gap
        if merged and start - merged[-1][1] < 0.35 * char_h and end - merged[-1][0] <= 1.25 * char_h:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    bands: list[tuple[int, int]] = []
    for start, end in merged:
        if end - start < 0.25 * char_h and bands and start - bands[-1][1] < 0.35 * char_h:
            bands[-1] = (bands[-1][0], end)  # a stray mark just below a line (a 、 , 。) joins it
            continue
        bands.extend(_split_tall((start, end), profile, char_h))
    return bands


def without_specks(ink: np.ndarray, char_h: float) -> tuple[np.ndarray, float]:
    """The binarized page without specks of scanner noise (blobs smaller than a 。 at that
    character height), which would otherwise make rows of empty paper look inked, and the
    share of the page's blobs that were specks: 0.01–0.07 on clean pages at 150–300 dpi in
    four faces, 0.94–0.99 on the degraded ones (blur, noise, JPEG)."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < max(4.0, (SPECK * char_h) ** 2)
    small[0] = False  # the background
    count = int(small.sum())
    if not count:
        return ink, 0.0
    clean = ink.copy()
    clean[small[labels]] = 0
    return clean, count / max(1, n - 1)


@dataclass(frozen=True, slots=True)
class CellLine:
    """One text line of a cell: its crop (left, top, right, bottom) in page pixels, and the
    crop of a lone mark that wrapped onto the next line (a final 。), read at its end."""

    box: tuple[int, int, int, int]
    tail: tuple[int, int, int, int] | None = None


def cell_lines(ink: np.ndarray, grid: Grid, rule_gap: int) -> list[CellLine]:
    """Every text line in every cell of the grid, top to bottom.

    ``ink`` is the binarized page with its rules painted out (255 = ink). A crop is its
    line's ink box with a margin of about a sixth of a character, as the detector's boxes
    had. A line that is only a mark (a 。 or 、 wrapped onto a line of its own) is read
    after the line above it, as it is printed to be read: alone, a 。 reads as o.
    """
    height, width = ink.shape
    char_h = grid.char_h
    margin = max(2, int(round(MARGIN * char_h)))
    side = max(2, int(round(SIDE_MARGIN * char_h)))
    inset = rule_gap + 1
    lines: list[CellLine] = []
    for cell in grid.cells:
        cx0, cy0, cx1, cy1 = cell.box  # crops stay inside the cell's rules
        x0, y0, x1, y1 = cx0 + inset, cy0 + inset, cx1 - inset, cy1 - inset
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        box = ink[y0:y1, x0:x1]
        profile = np.count_nonzero(box, axis=1)
        if profile.max(initial=0) < MIN_INK_ROW:
            continue  # an empty cell
        first = len(lines)
        for top, bottom in _line_bands(profile, char_h):
            if bottom - top < 0.2 * char_h and profile[top:bottom].sum() < char_h:
                continue  # a speck, not text
            cols = np.flatnonzero(np.count_nonzero(box[top:bottom], axis=0))
            if cols.size == 0:
                continue
            left, right = x0 + int(cols[0]), x0 + int(cols[-1]) + 1
            crop = (
                max(0, cx0, left - side),
                max(0, cy0, y0 + top - margin),
                min(width, cx1, right + side),
                min(height, cy1, y0 + bottom + margin),
            )
            if bottom - top < STREAK * char_h and right - left > 3 * char_h:
                continue  # a flat streak across the cell: what is left of a blurred rule, not text
            mark = bottom - top < 0.7 * char_h and right - left < 1.2 * char_h
            if mark and len(lines) > first and lines[-1].tail is None:
                lines[-1] = CellLine(lines[-1].box, crop)
                continue
            if mark:  # a mark alone in its cell: read in a character's box, standing on its baseline
                grow = max(0, int(round(char_h)) - (right - left))
                crop = (
                    max(0, cx0, left - grow // 2 - margin),
                    max(0, cy0, y0 + bottom - int(round(char_h)) - margin),
                    min(width, cx1, right + grow - grow // 2 + margin),
                    crop[3],
                )
            lines.append(CellLine(crop))
    return lines


def line_image(page: np.ndarray, line: CellLine) -> np.ndarray:
    """The pixels of a line; a wrapped mark is set after it on white, on the same baseline,
    at the left of a square character box as a 。 or 、 is printed."""
    left, top, right, bottom = line.box
    image = page[top:bottom, left:right]
    if line.tail is None:
        return image
    tl, tt, tr, tb = line.tail
    mark = page[tt:tb, tl:tr][-image.shape[0] :]  # its bottom rows: the mark sits on the baseline
    side = image.shape[0]
    canvas = np.full((side, max(side, mark.shape[1]), *image.shape[2:]), 255, dtype=image.dtype)
    canvas[side - mark.shape[0] :, : mark.shape[1]] = mark
    return np.concatenate([image, canvas], axis=1)
