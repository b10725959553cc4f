"""Table grid recovery from a page image: deskew, ruling lines, cells with their spans.

Ruling lines are found by morphological opening of the ink with long thin kernels. The
kernel must be several times the character height, or it keeps the strokes of
characters (一, 十, 丨) as if they were rules; the character height is measured on the
page, so the same code works at 150 dpi, 200 dpi and on photos. Lines are then grouped
by position into the grid's row and column boundaries, and two neighbouring elementary
cells belong to one merged cell when no rule separates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

__all__ = ["GridCell", "Grid", "binarize", "estimate_skew", "deskew", "char_height", "find_grid"]


@dataclass(frozen=True, slots=True)
class GridCell:
    """One (possibly merged) cell: 0-based top-left grid position, spans, box in pixels."""

    row: int
    col: int
    row_span: int
    col_span: int
    box: tuple[int, int, int, int]

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.box
        return x0 <= x < x1 and y0 <= y < y1


@dataclass(slots=True)
class Grid:
    """The table's row and column boundaries and its cells.

    ``vertical_rules[r]`` lists the x of the column rules actually drawn inside grid row
    ``r`` (a merged cell has none between its columns); the assembler cuts text boxes
    that straddle one of them.
    """

    ys: list[int]
    xs: list[int]
    cells: list[GridCell]
    vertical_rules: list[list[int]] = field(default_factory=list)
    rule_mask: np.ndarray | None = field(default=None, repr=False, compare=False)
    char_h: float = 20.0  # the page's measured character height, in pixels

    def erase_rules(self, gray: np.ndarray) -> np.ndarray:
        """The page with its ruling lines painted white, so OCR never reads a rule as 丨, 口 or 1."""
        if self.rule_mask is None:
            return gray
        mask = cv2.dilate(self.rule_mask, np.ones((3, 3), np.uint8))
        clean = gray.copy()
        clean[mask > 0] = 255
        return clean

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def row_at(self, y: float) -> int | None:
        for r in range(self.n_rows):
            if self.ys[r] <= y < self.ys[r + 1]:
                return r
        return None

    def cell_at(self, x: float, y: float) -> GridCell | None:
        return next((c for c in self.cells if c.contains(x, y)), None)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, robust to paper tone and uneven light (adaptive threshold)."""
    if gray.ndim == 3:
        gray = cv2.cvtColor(gray, cv2.COLOR_BGR2GRAY)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def char_height(ink: np.ndarray) -> float:
    """The typical character height in pixels: median height of glyph-sized ink blobs."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return 20.0
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    limit = max(ink.shape) / 20
    sizes = np.maximum(w, h)[(h >= 6) & (h <= limit) & (w <= limit) & (np.maximum(w, h) >= 6)]
    if sizes.size == 0:
        return 20.0
    # the larger half of the blobs are whole characters; the rest are parts of them
    return float(np.percentile(sizes, 75))


def _profile_score(ink_small: np.ndarray, angle: float) -> float:
    h, w = ink_small.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink_small, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.var(rows))


def estimate_skew(gray: np.ndarray, *, max_angle: float = 5.0) -> float:
    """The page's rotation in degrees (counter-clockwise positive), by projection profiles.

    Rules and text lines give sharp row-sum peaks only when horizontal: the angle that
    maximises the variance of the row sums is the skew.
    """
    ink = binarize(gray)
    scale = min(1.0, 1200 / max(ink.shape))
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink
    best = max(np.arange(-max_angle, max_angle + 1e-9, 0.2), key=lambda a: _profile_score(small, a))
    fine = max(np.arange(best - 0.2, best + 0.2 + 1e-9, 0.02), key=lambda a: _profile_score(small, a))
    return -float(round(fine, 2))


def deskew(gray: np.ndarray, angle: float | None = None) -> tuple[np.ndarray, float]:
    """The page rotated upright (white fill), and the skew that was removed."""
    angle = estimate_skew(gray) if angle is None else angle
    if abs(angle) < 0.05:
        return gray, 0.0
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    fill = 255 if gray.ndim == 2 else (255, 255, 255)
    upright = cv2.warpAffine(
        gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill
    )
    return upright, angle


def _segments(mask: np.ndarray, horizontal: bool, min_len: int) -> list[tuple[int, int, int]]:
    """Line segments of a line mask as (position, start, end) along the line."""
    n, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h = stats[i, :4]
        if horizontal and w >= min_len:
            out.append((int(round(centroids[i][1])), int(x), int(x + w)))
        elif not horizontal and h >= min_len:
            out.append((int(round(centroids[i][0])), int(y), int(y + h)))
    return out


def _cluster(segments: list[tuple[int, int, int]], tol: float) -> list[tuple[int, int, int]]:
    """Segments at about the same position merged into one line (position, start, end)."""
    lines: list[list[int]] = []
    for pos, a, b in sorted(segments):
        if lines and pos - lines[-1][0] <= tol:
            line = lines[-1]
            line[1], line[2] = min(line[1], a), max(line[2], b)
            line[3] += 1
        else:
            lines.append([pos, a, b, 1])
    return [(p, a, b) for p, a, b, _ in lines]


def _coverage(mask: np.ndarray, fixed: int, a: int, b: int, tol: int, horizontal: bool) -> float:
    """Share of [a, b) along a line at ``fixed`` that the mask covers (within ±tol)."""
    if b <= a:
        return 0.0
    if horizontal:
        band = mask[max(0, fixed - tol) : fixed + tol + 1, a:b]
        return float(band.any(axis=0).mean()) if band.size else 0.0
    band = mask[a:b, max(0, fixed - tol) : fixed + tol + 1]
    return float(band.any(axis=1).mean()) if band.size else 0.0


def find_grid(gray: np.ndarray) -> Grid | None:
    """The ruled table on an upright page, or None when the page has no ruled grid."""
    ink = binarize(gray)
    height, width = ink.shape
    ch = char_height(ink)
    h_len = int(max(width // 40, 4 * ch))
    v_len = int(max(height // 80, 1.6 * ch))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    # bridge small breaks (noise, JPEG) along each rule; only rules are left to bridge
    bridge = max(3, int(ch / 2))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 3)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, bridge)))

    tol = max(4.0, ch / 3)
    h_lines = _cluster(_segments(horizontal, True, h_len), tol)
    v_lines = _cluster(_segments(vertical, False, v_len), tol)
    slack = int(tol) + 2

    def crosses(h: tuple[int, int, int], v: tuple[int, int, int]) -> bool:
        return h[1] - slack <= v[0] <= h[2] + slack and v[1] - slack <= h[0] <= v[2] + slack

    # keep the rules that meet at least two rules of the other direction: the table's own
    for _ in range(2):
        h_lines = [h for h in h_lines if sum(crosses(h, v) for v in v_lines) >= 2]
        v_lines = [v for v in v_lines if sum(crosses(h, v) for h in h_lines) >= 2]
    if len(h_lines) < 2 or len(v_lines) < 2:
        return None
    ys = [h[0] for h in h_lines]
    xs = [v[0] for v in v_lines]
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    t = max(2, int(tol / 2))
    inset = int(tol) + 1

    def has_vertical(r: int, c_line: int) -> bool:
        return _coverage(vertical, xs[c_line], ys[r] + inset, ys[r + 1] - inset, t, False) >= 0.5

    def has_horizontal(r_line: int, c: int) -> bool:
        return _coverage(horizontal, ys[r_line], xs[c] + inset, xs[c + 1] - inset, t, True) >= 0.5

    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    vertical_rules: list[list[int]] = []
    for r in range(n_rows):
        vertical_rules.append([xs[k] for k in range(1, n_cols) if has_vertical(r, k)])
        for c in range(n_cols):
            if c + 1 < n_cols and not has_vertical(r, c + 1):
                union(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and not has_horizontal(r + 1, c):
                union(r * n_cols + c, (r + 1) * n_cols + c)

    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Grid(ys, xs, cells, vertical_rules, rule_mask=cv2.bitwise_or(horizontal, vertical), char_h=ch)
