"""Messy variants of a gold source, made deterministically, for robustness slices.

Each slice is a named kind of mess a real office produces from the same table: copied
out of a PDF viewer, OCR'd, saved by an old Windows tool. :func:`perturb` makes the
variant from the clean text and a seed; the same (text, slice, seed) always gives the
same bytes, so a score on a slice is reproducible and comparable across runs.

The perturbations change the *form* of the table, never its content as the interchange
compares it (NFKC, white space, trailing punctuation), except where the mess itself is
lossy (OCR confusions, shuffled rows): those slices measure how much the extractor
recovers, not whether the input still holds the truth.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

__all__ = ["SLICES", "reflow", "perturb", "perturb_text", "slice_names", "parse_slices"]

_TEXT_ENCODING = "utf-8"


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def reflow(text: str, width: int = 28, name_width: int = 12) -> str:
    """Text as a PDF viewer copies it: no tabs, each non-empty cell on its own lines,
    long cells wrapped mid-word at a column width (names in a narrower column)."""
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        for col, cell in enumerate(line.split("\t")):
            cell = cell.strip()
            if not cell:
                continue
            limit = name_width if col == 0 and not unicodedata.normalize("NFKC", cell).startswith("项目名称") else width
            out.extend(_wrap(cell, limit))
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


# ---- helpers -------------------------------------------------------------------------


def _map_cells(text: str, fn: Callable[[int, str], str]) -> str:
    """Apply ``fn(column, cell)`` to every cell of every tab-separated line."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            line = "\t".join(fn(col, cell) for col, cell in enumerate(line.split("\t")))
        out.append(line)
    return "\n".join(out)


def _is_project_row(line: str) -> bool:
    """A tabbed row with a goal or indicator cell (not the header, 合计 or a unit row)."""
    cells = line.split("\t")
    if len(cells) < 6 or unicodedata.normalize("NFKC", cells[0]).startswith("项目名称"):
        return False
    return any(c.strip() for c in cells[5:])


_MONEY = re.compile(r"^\s*-?[\d,]+(\.\d+)?\s*$")


# ---- the slices ----------------------------------------------------------------------

# a separator that is structure, not content: after a level code-name, or around a value label
_STRUCTURAL_SEP = re.compile(
    r"(?<=\d-[\u4e00-\u9fff]{2})[:;：；]|(?<=\d-[\u4e00-\u9fff]{3})[:;：；]|(?<=\d-[\u4e00-\u9fff]{4})[:;：；]"
    r"|(?<=\d-[\u4e00-\u9fff]{5})[:;：；]|(?<=指标值)[:;：；]|[:;：；](?=实施周期指标值|年度指标值)"
)


def separators(text: str, rng: random.Random) -> str:
    """The structural separators of indicator cells swapped among ``: ; ： ；``."""
    return _STRUCTURAL_SEP.sub(lambda m: rng.choice(":;：；"), text)


def _to_fullwidth(ch: str) -> str:
    code = ord(ch)
    # markup such as <p> comes from export tools, not from typing: it stays half-width
    return chr(code + 0xFEE0) if 0x21 <= code <= 0x7E and ch not in "<>" else ch


def _to_halfwidth(ch: str) -> str:
    code = ord(ch)
    return chr(code - 0xFEE0) if 0xFF01 <= code <= 0xFF5E else ch


def fullwidth(text: str, rng: random.Random) -> str:
    """Half-width ASCII turned full-width and full-width forms turned half-width, per cell
    at random (as when one cell was typed with a Chinese IME and the next was not)."""

    def swap(col: int, cell: str) -> str:
        if rng.random() < 0.5:
            return cell
        return "".join(_to_halfwidth(c) if 0xFF01 <= ord(c) <= 0xFF5E else _to_fullwidth(c) for c in cell)

    return _map_cells(text, swap)


def drop_columns(text: str, rng: random.Random) -> str:
    """An empty money column dropped in about half the rows, as PDF-to-text tools do."""
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        empty_money = [i for i in range(1, min(5, len(cells))) if not cells[i].strip()]
        if len(cells) >= 6 and empty_money and rng.random() < 0.5:
            del cells[rng.choice(empty_money)]
            line = "\t".join(cells)
        out.append(line)
    return "\n".join(out)


def reflowed(text: str, rng: random.Random) -> str:
    """Cells on their own wrapped lines (PDF viewer copy), at a seeded column width."""
    return reflow(text, width=rng.randint(24, 34), name_width=rng.randint(10, 14))


def page_breaks(text: str, rng: random.Random) -> str:
    """Blank lines (one to three) inserted between about a fifth of the rows."""
    out = []
    for line in text.split("\n"):
        out.append(line)
        if "\t" in line and rng.random() < 0.2:
            out.extend([""] * rng.randint(1, 3))
    return "\n".join(out)


def _with_commas(value: str) -> str:
    whole, dot, frac = value.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}{dot}{frac}"


def thousands(text: str, rng: random.Random) -> str:
    """Thousands separators removed from amounts that have them, added to those that don't."""

    def swap(col: int, cell: str) -> str:
        if not 1 <= col <= 4 or not _MONEY.match(cell) or rng.random() < 0.3:
            return cell
        bare = cell.strip().replace(",", "")
        return bare if "," in cell else _with_commas(bare)

    return _map_cells(text, swap)


_OCR = {
    "0": "O",
    "O": "0",
    "1": "l丨",
    "l": "1",
    "丨": "1l",
    "己": "已巳",
    "已": "己巳",
    "巳": "己已",
    "，": ",",
    ",": "，",
}


def ocr(text: str, rng: random.Random, rate: float = 0.08) -> str:
    """OCR-style confusions (0/O, 1/l/丨, 己/已/巳, ，/,) at a small rate per eligible character."""
    return "".join(rng.choice(_OCR[c]) if c in _OCR and rng.random() < rate else c for c in text)


def gb18030(text: str, rng: random.Random) -> str:
    """The same text; :func:`perturb` encodes this slice as GB18030 instead of UTF-8."""
    return text


def shuffle_pages(text: str, rng: random.Random) -> str:
    """Rows moved across page breaks: at about half the breaks the project row just before
    the blank line and the one just after it change places, as when a PDF's text blocks
    are read out of order."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() or i == 0:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        before, after = i - 1, j
        if after < len(lines) and _is_project_row(lines[before]) and _is_project_row(lines[after]):
            if rng.random() < 0.5:
                lines[before], lines[after] = lines[after], lines[before]
    return "\n".join(lines)


#: slice name -> perturbation; "clean" is the untouched source
SLICES: dict[str, Callable[[str, random.Random], str]] = {
    "separators": separators,
    "fullwidth": fullwidth,
    "drop_columns": drop_columns,
    "reflow": reflowed,
    "page_breaks": page_breaks,
    "thousands": thousands,
    "ocr": ocr,
    "gb18030": gb18030,
    "shuffle_pages": shuffle_pages,
}


def slice_names() -> list[str]:
    return list(SLICES)


def parse_slices(spec: str | None) -> list[str]:
    """``all`` / ``none`` / a comma list of slice names -> the names, checked.

    Raises:
        ValueError: an unknown slice name (the message lists the known ones).
    """
    if not spec or spec.strip().lower() in ("none", ""):
        return []
    if spec.strip().lower() == "all":
        return slice_names()
    names = [s.strip() for s in spec.split(",") if s.strip()]
    unknown = [n for n in names if n not in SLICES]
    if unknown:
        raise ValueError(f"unknown slice(s) {', '.join(unknown)}; choose from all, {', '.join(SLICES)}")
    return list(dict.fromkeys(names))


def perturb_text(text: str, slice_name: str, seed: int = 0) -> str:
    """The perturbed text of one slice; deterministic in (text, slice_name, seed)."""
    if slice_name not in SLICES:
        raise ValueError(f"unknown slice {slice_name!r}; choose from {', '.join(SLICES)}")
    rng = random.Random(f"{slice_name}:{seed}")
    return SLICES[slice_name](text, rng)


def perturb(text: str, slice_name: str, seed: int = 0) -> bytes:
    """The perturbed source as the bytes a file of that kind would hold."""
    encoding = "gb18030" if slice_name == "gb18030" else _TEXT_ENCODING
    return perturb_text(text, slice_name, seed).encode(encoding)
