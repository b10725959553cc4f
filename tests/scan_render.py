"""Make scanned table pages for the OCR tests and the benchmark, from the gold records.

A page is drawn the way these tables are printed: title, 部门名称 and 单位 lines above a
ruled 7-column grid, long cells wrapped onto several lines, amounts right-aligned. Every
drawn cell is remembered with its grid position, so OCR output can be scored cell by
cell (character error rate) and the extracted records against the gold of the drawn rows.
``degrade`` turns a clean page into a poor scan: a degree or two of rotation, blur,
noise, paper tone and JPEG at quality 60.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from assistant.export import render_table
from assistant.schema import BudgetTable, Unit

__all__ = [
    "find_cjk_font",
    "RenderedCell",
    "RenderedPage",
    "render_page",
    "render_gold_page",
    "degrade",
    "sub_table",
    "cell_cer",
    "normalize_cell",
    "FACES",
    "face_font",
    "rotate",
]

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)

#: the print faces of the OCR face matrix (issue 9): name -> (Debian font file, face index in
#: the collection). Song/Ming serif: Noto Serif CJK SC (fonts-noto-cjk), AR PL UMing CN
#: (fonts-arphic-uming); Kai: AR PL UKai CN (fonts-arphic-ukai); Hei: WenQuanYi Zen Hei.
FACES: dict[str, tuple[str, int]] = {
    "noto-serif": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "uming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "ukai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "wqy-zenhei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
}

#: column widths in mm: 名称 | 总计 | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标
COLUMN_MM = (40, 19, 19, 19, 19, 70, 87)
RIGHT_ALIGNED = {1, 2, 3, 4}


def find_cjk_font() -> Path | None:
    """A font that draws Chinese: ``$ASSISTANT_CJK_FONT``, a known Debian path, fc-list, or the
    Noto Sans CJK that the test extra installs from PyPI (so a fresh machine needs no apt)."""
    env = os.environ.get("ASSISTANT_CJK_FONT")
    if env and Path(env).is_file():
        return Path(env)
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            path = line.split(":", 1)[0].strip()
            if path and Path(path).is_file():
                return Path(path)
    try:
        from noto_cjk_sans_otc import FONT_PATH
    except ImportError:
        return None
    return Path(str(FONT_PATH)) if Path(str(FONT_PATH)).is_file() else None


def face_font(face: str) -> tuple[Path, int] | None:
    """(font file, index) of a named face of :data:`FACES`, or None when it is not installed."""
    path, index = FACES[face]
    return (Path(path), index) if Path(path).is_file() else None


@dataclass(slots=True)
class RenderedCell:
    text: str
    row: int  # 0-based grid row
    col: int
    box: tuple[int, int, int, int]


@dataclass(slots=True)
class RenderedPage:
    image: Image.Image
    dpi: int
    preamble: list[str]
    cells: list[RenderedCell] = field(default_factory=list)


def _px(mm: float, dpi: int) -> int:
    return round(mm / 25.4 * dpi)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and font.getlength(current + ch) > width:
            lines.append(current)
            current = ch
        else:
            current += ch
    if current or not lines:
        lines.append(current)
    return lines


def render_page(
    preamble: list[str],
    rows: list[list[str]],
    *,
    dpi: int = 200,
    font_pt: float = 10.0,
    ruled: bool = True,
    columns_mm: tuple[float, ...] = COLUMN_MM,
    font_path: Path | None = None,
    face: str | None = None,
    right_aligned: set[int] | frozenset[int] = RIGHT_ALIGNED,
) -> RenderedPage:
    """Draw preamble lines and a table of ``rows`` on an A4-landscape page (taller if needed).

    ``face`` names one of :data:`FACES` (it overrides ``font_path``). A row with fewer cells than
    ``columns_mm`` has its last cell merged across the remaining columns (a heading or note row).
    ``right_aligned``: the columns whose cells below the header row are set flush right (amounts).
    """
    index = 0
    if face is not None:
        found = face_font(face)
        if found is None:
            raise RuntimeError(f"font face {face} is not installed ({FACES[face][0]})")
        font_path, index = found
    font_path = font_path or find_cjk_font()
    if font_path is None:
        raise RuntimeError("no CJK font found")
    size = round(font_pt / 72 * dpi)
    font = ImageFont.truetype(str(font_path), size, index=index)
    title_font = ImageFont.truetype(str(font_path), round(size * 1.5), index=index)
    line_h = round(size * 1.4)
    pad = _px(1.2, dpi)
    margin = _px(12, dpi)
    widths = [_px(w, dpi) for w in columns_mm]
    page_w = _px(297, dpi)
    xs = [margin]
    for w in widths:
        xs.append(xs[-1] + w)

    def span(row: list[str], c: int) -> tuple[int, int]:  # x from / to of cell c (the last one merged rightwards)
        return xs[c], xs[-1] if c == len(row) - 1 else xs[c + 1]

    wrapped = [
        [_wrap(text, font, span(row, c)[1] - span(row, c)[0] - 2 * pad) for c, text in enumerate(row)] for row in rows
    ]
    heights = [max(len(lines) for lines in row) * line_h + 2 * pad for row in wrapped]
    top = margin + (round(size * 1.5 * 1.8) if preamble else 0) + max(0, len(preamble) - 1) * round(line_h * 1.6)
    table_h = sum(heights)
    page_h = max(_px(210, dpi), top + table_h + margin + _px(6, dpi))

    image = Image.new("L", (page_w, page_h), 255)
    draw = ImageDraw.Draw(image)
    y = margin
    for k, line in enumerate(preamble):
        if k == 0:
            w = title_font.getlength(line)
            draw.text(((page_w - w) / 2, y), line, font=title_font, fill=0)
            y += round(size * 1.5 * 1.8)
        else:
            draw.text((xs[0], y), line, font=font, fill=0)
            y += round(line_h * 1.6)
    page = RenderedPage(image, dpi, list(preamble))
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    stroke = max(1, round(dpi / 100))
    if ruled:
        for yy in ys:
            draw.line([(xs[0], yy), (xs[-1], yy)], fill=0, width=stroke)
        for r, row in enumerate(rows):
            for xx in [*xs[: len(row)], xs[-1]]:
                draw.line([(xx, ys[r]), (xx, ys[r + 1])], fill=0, width=stroke)
    for r, row in enumerate(wrapped):
        for c, lines in enumerate(row):
            left, right = span(rows[r], c)
            for k, line in enumerate(lines):
                ty = ys[r] + pad + k * line_h + (line_h - size) // 2
                if c in right_aligned and r > 0:
                    tx = right - pad - font.getlength(line)
                else:
                    tx = left + pad
                draw.text((tx, ty), line, font=font, fill=0)
            page.cells.append(RenderedCell(rows[r][c], r, c, (left, ys[r], right, ys[r + 1])))
    return page


def sub_table(table: BudgetTable, project_indices: list[int]) -> BudgetTable:
    """The table with only the chosen projects (indices across all units), for one page."""
    units = []
    index = 0
    for unit in table.units:
        chosen = []
        for project in unit.projects:
            if index in project_indices:
                chosen.append(project)
            index += 1
        if chosen:
            units.append(Unit(name=unit.name, amounts=unit.amounts, projects=chosen))
    return BudgetTable(
        title=table.title,
        department=table.department,
        currency_unit=table.currency_unit,
        amounts=table.amounts,
        units=units,
    )


def render_gold_page(table: BudgetTable, project_indices: list[int], **options) -> tuple[RenderedPage, BudgetTable]:
    """A page holding the chosen projects of a gold table, and the gold of what was drawn."""
    part = sub_table(table, project_indices)
    lines = [line for line in render_table(part).split("\n") if line.strip()]
    preamble = [line for line in lines if "\t" not in line]
    rows = [line.split("\t") for line in lines if "\t" in line]
    return render_page(preamble, rows, **options), part


def degrade(
    image: Image.Image,
    *,
    angle: float = 1.5,
    blur: float = 0.8,
    noise: float = 12.0,
    tone: int = 232,
    jpeg_quality: int = 60,
    seed: int = 7,
) -> Image.Image:
    """A poor scan of a clean page: rotated, blurred, noisy, on toned paper, JPEG-compressed."""
    import numpy as np

    rng = np.random.default_rng(seed)
    page = image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(page, dtype=np.float32)
    pixels = pixels / 255.0 * tone  # paper tone: white becomes grey-beige
    pixels += rng.normal(0.0, noise, pixels.shape)
    page = Image.fromarray(np.clip(pixels, 0, 255).astype("uint8"))
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def rotate(image: Image.Image, degrees: int) -> Image.Image:
    """The page turned by a multiple of 90° counter-clockwise (a sheet fed in sideways or upside down)."""
    return image.rotate(degrees, expand=True, fillcolor=255) if degrees % 360 else image


def normalize_cell(text: str) -> str:
    """Compare cell texts after NFKC and without white space (as the interchange does)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def cell_cer(expected: str, got: str) -> tuple[int, int]:
    """(edit distance, expected length) between two cell texts after normalisation."""
    from rapidfuzz.distance import Levenshtein

    a, b = normalize_cell(expected), normalize_cell(got)
    return Levenshtein.distance(a, b), len(a)


def page_errors(page: RenderedPage, doc) -> tuple[int, int]:
    """(character edits, characters) of an OCR'd Document against the cells drawn on the
    page, for a CER (grid rows are 1-based in the Document, 0-based when drawn)."""
    cells = {(c.row, c.col): c for row in doc.rows for c in row.cells}
    errors = total = 0
    for drawn in page.cells:
        got = cells.get((drawn.row + 1, drawn.col))
        d, n = cell_cer(drawn.text, got.text if got else "")
        errors, total = errors + d, total + n
    return errors, total
