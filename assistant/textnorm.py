"""Text normalisation shared by comparison, grounding and validation.

The interchange contract says two text fields are equal when they are equal after Unicode
NFKC, removing all white space, and stripping trailing punctuation (。；;，,、).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize_for_compare", "texts_equal", "fold_whitespace", "fold", "simplified", "strip_markup", "MARKUP"]

_TRAILING_PUNCT = "。；;，,、"
_WS = re.compile(r"\s+")
#: HTML-ish tags PDF-to-text tools leave in cells, also when an IME typed them full-width (＜ｐ＞)
MARKUP = re.compile(
    r"[<＜]\s*[/／]?\s*(?:p|br|span|div|b|i|strong|em|ｐ|ｂｒ)(?![a-zA-Z])[^<>＜＞]{0,40}[>＞]", re.IGNORECASE
)


def normalize_for_compare(text: str | None) -> str | None:
    """The interchange's canonical form of a text field (None stays None)."""
    if text is None:
        return None
    folded = _WS.sub("", unicodedata.normalize("NFKC", text))
    return folded.rstrip(_TRAILING_PUNCT)


def texts_equal(a: str | None, b: str | None) -> bool:
    """Equality as the interchange defines it; None equals only None (or an empty text)."""
    na, nb = normalize_for_compare(a), normalize_for_compare(b)
    return (na or None) == (nb or None)


def fold(text: str | None) -> str:
    """NFKC with all white space removed: how labels, names and header words are matched
    (full-width letters and digits, and spaced-out labels such as 产 出 指 标, fold to one form)."""
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


@lru_cache(maxsize=1)
def _t2s() -> dict[int, str]:
    """zhconv's traditional → simplified table, one character for one (offsets stay put)."""
    from zhconv import zhconv

    zhconv.loaddict()
    table = zhconv.zhcdicts["zh2Hans"]
    return str.maketrans({k: v for k, v in table.items() if len(k) == 1 and len(v) == 1 and k != v})


def simplified(text: str | None) -> str:
    """NFKC text with traditional characters as their simplified forms (經費 → 经费): what word
    lists written in simplified characters are matched against."""
    return unicodedata.normalize("NFKC", text or "").translate(_t2s())


def display_width(text: str) -> int:
    """Columns ``text`` takes on a monospaced page, a wide (CJK, full-width) character two: a PDF's
    text layer and pdftotext -layout place cells by these columns, not by characters."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fold_whitespace(text: str) -> str:
    """Runs of white space folded to one space, ends stripped."""
    return _WS.sub(" ", text).strip()


def strip_markup(text: str) -> str:
    """Remove HTML-ish markup such as <p> that PDF-to-text tools leave in cells."""
    return MARKUP.sub(" ", text)
