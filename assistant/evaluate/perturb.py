"""Messy variants of a gold source, made deterministically, for robustness slices.

Each perturbation takes the source text (and a ``random.Random`` where it draws) and
returns a variant that a real office could produce from the same table.
"""

from __future__ import annotations

import unicodedata

__all__ = ["reflow"]


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
