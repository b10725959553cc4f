"""What the OCR engine returns instead of the character printed, measured across print faces.

The table below was built from what RapidOCR (PP-OCRv4, rapidocr-onnxruntime 1.4.4)
actually returned on gold pages drawn in four Debian faces — Noto Serif CJK SC and AR PL
UMing (Song/Ming), AR PL UKai (Kai), WenQuanYi Zen Hei (Hei) — at 150/200/300 dpi, clean
and degraded (``python benchmarks/bench_ocr.py --faces all --confusions`` prints it again).
Serif and Kai faces draw 、 and 。 small and low, and the engine then reads 丶 and °.

The table is used in two ways only, and never to change wording:

* :data:`PUNCTUATION_GLYPHS`: glyphs the engine returns for a punctuation mark that are
  never text in these tables (丶 is the dot radical, not a character of modern prose; °
  after anything but a digit is not a degree; a closing ’ just before a ; or : with no
  opening ‘ in the text closes no quote). They are put back in OCR output
  (:func:`fix_glyphs`), so a 、 inside an indicator name is a 、 again.
* :data:`LANDMARK_FOLD`: characters read in place of a digit, a dash or an item-number
  separator. The indicator grammar searches its landmarks (item numbers, codes, labels)
  in a folded copy of the cell, one character for one, and slices every value from the
  original text, so a value that really holds 一 or O keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Confusion", "CONFUSIONS", "PUNCTUATION_GLYPHS", "LANDMARK_FOLD", "fix_glyphs"]


@dataclass(frozen=True, slots=True)
class Confusion:
    """One confusion: the character printed, what the engine returned, where it was seen."""

    printed: str
    read: str
    use: str  # "glyph" (put back in OCR output) | "landmark" (read through in the grammar) | "none"
    seen: str  # the faces it was seen in, and how often, on the benchmark pages


#: every confusion of a punctuation mark, digit or dash seen on the face matrix (wording
#: misreads such as 慑→摄 are not listed: they are left alone and counted in the CER)
CONFUSIONS: tuple[Confusion, ...] = (
    Confusion("、", "丶", "glyph", "AR PL UMing, AR PL UKai: most 、 at every dpi; Noto Serif: a few"),
    Confusion("。", "°", "glyph", "AR PL UMing, AR PL UKai: 。 after a character or %, clean pages"),
    Confusion("，", "’", "glyph", "AR PL UKai: a ， just before a ; separator (意识，; read 意识’；)"),
    Confusion("、", "丶", "landmark", "the item number's separator (1丶2-效益指标): read as 、"),
    Confusion(":", "：", "none", "every face: the separators are read as either width; the grammar takes both"),
    Confusion(";", "；", "none", "every face: as above"),
    Confusion(";", "：", "none", "AR PL UMing, AR PL UKai: the grammar cuts at labels, not at separators"),
    Confusion(",", "，", "none", "every face: folded in number cells (fix_number_text)"),
    Confusion("。", "·", "none", "AR PL UMing once; · is a real middle dot in names, so it is left alone"),
    Confusion("。", "o", "none", "AR PL UKai twice, at a value's end; o is a real letter, left alone"),
    Confusion("-", "一", "landmark", "the dash after a code (1一产出指标), as the brief of issue 9 names it"),
    Confusion("0", "〇", "landmark", "a digit of an item number or code"),
    Confusion("0", "O", "landmark", "a digit of an item number or code"),
    Confusion("1", "l", "landmark", "a digit of an item number or code"),
    Confusion("1", "丨", "landmark", "a digit of an item number or code"),
    # measured on REAL dev tables printed in the four faces (bench_ocr.py --real --confusions);
    # none is put back: each leaves its cell or row flagged LOW_CONFIDENCE (ocr/assemble.py)
    Confusion("≥", ">", "none", "18 times on 6 real tables, the four faces pooled; > is real text too"),
    Confusion("≧", "N", "none", "every face: ≧ ≦ ═ are not in PP-OCRv4's character set (N W M ■ or nothing, < 0.5)"),
    Confusion("—", "_", "none", "every face: a lone dash (— —— 一, for 'none') reads _ or 1 at about 0.36"),
)

#: OCR glyph -> the punctuation mark it stands for, put back in OCR output
PUNCTUATION_GLYPHS: dict[str, str] = {"丶": "、", "°": "。", "’": "，"}

#: character -> what the grammar reads it as where it looks for a landmark (one for one)
LANDMARK_FOLD: dict[str, str] = {"丶": "、", "一": "-", "〇": "0", "O": "0", "o": "0", "l": "1", "I": "1", "丨": "1"}

# ° is a degree after a digit (25°, 25°C) and stays; elsewhere it is a misread 。
# and a ’ closes a quote only when one was opened
_GLYPH = re.compile(r"丶|(?<![0-9０-９])°")
_STRAY_QUOTE = re.compile(r"’(?=[;；:：])")


def fix_glyphs(text: str) -> str:
    """OCR text with the punctuation glyphs of :data:`PUNCTUATION_GLYPHS` put back."""
    if "丶" in text or "°" in text:
        text = _GLYPH.sub(lambda m: PUNCTUATION_GLYPHS[m.group()], text)
    if "’" in text and "‘" not in text:
        text = _STRAY_QUOTE.sub("，", text)
    return text
