"""The grammar of a 绩效指标 cell: numbered items packed into one piece of text.

    N、L1-名称 SEP L2-名称 SEP 指标名称 SEP 实施周期指标值 SEP 值 SEP 年度指标值 SEP 值 (。|;)

SEP is any of ``: ; ： ；``, values may themselves hold ``;`` ``:`` and ``。``, and items
run together with or without ``。``. Separators therefore cannot be trusted to split
anything. What can be trusted is what the hierarchy guarantees: an item starts at a
level-1 code followed by a level-1 name (``1-产出指标``) with the item number before it;
a level-2 code is two digits starting with the level-1 digit; and the two value labels
(实施周期指标值, 年度指标值) are fixed words. Everything is cut at those landmarks, which
also survives OCR that drops the ``、`` ("11-产出指标"), reads it as ``丶`` or turns ``;``
into ``：``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...ingest.ocr.confusions import LANDMARK_FOLD
from ...messages import Msg, msg
from ...taxonomy import LEVEL2
from ...textnorm import MARKUP

__all__ = ["Piece", "ParsedItem", "find_item_starts", "parse_indicator_cell", "looks_like_indicators", "fold_landmarks"]

_DASH = r"[-－—–]"
# OCR may lose the dash after a code or read it as a dot ("1产出指标", "1.产出指标")
_OCR_DASH = rf"(?P<dash>{_DASH}|[.．·]|)"
_L1_ANCHOR = re.compile(rf"(?P<code>[123])\s*{_OCR_DASH}\s*(?P<name>产出指标|效益指标|满意度指标)")
_L2 = re.compile(
    rf"\s*[:;：；,，]?\s*(?P<code>\d{{2}})\s*{_OCR_DASH}\s*(?P<name>[^:;：；,，\s\d]{{1,16}}?)\s*(?=[:;：；,，]|$)"
)
_PERIOD_LABEL = re.compile(r"实施周期指标值|实施周期指标(?=[:;：；])")
_ANNUAL_LABEL = re.compile(r"年度指标值|年度指标(?=[:;：；])")
_SEP_CHARS = ":;：；"
_LEADING = _SEP_CHARS + " \t\n\r\u3000"
_KNOWN_LEVEL2 = sorted(
    {*LEVEL2.values(), *(n + "指标" for n in LEVEL2.values() if not n.endswith("指标"))},
    key=len,
    reverse=True,
)
_NUMBER_SEPARATORS = "、.,，．"
_BOUNDARY = "。;；:：>.\n \t，,"


@dataclass(slots=True)
class Piece:
    """A substring of the cell: its text and its [start, end) positions in the cell."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class ParsedItem:
    """One indicator item with every field as a :class:`Piece` (None when absent)."""

    start: int
    end: int
    seq: Piece | None = None
    level1_code: Piece | None = None
    level1_name: Piece | None = None
    level2_code: Piece | None = None
    level2_name: Piece | None = None
    name: Piece | None = None
    period_value: Piece | None = None
    annual_value: Piece | None = None
    problems: list[Msg] = field(default_factory=list)


def _blank_markup(text: str) -> str:
    """Replace <p> tags by spaces of the same length, so positions stay valid."""
    return MARKUP.sub(lambda m: " " * len(m.group()), text)


# Landmarks are searched in a folded copy of the cell, one character for one character so
# positions stay valid: full-width forms to ASCII (１、１－产出指标), and in the digit
# positions OCR misreads (O for 0; l, I, 丨 for 1). Values are always sliced from the
# original text, so nothing the source wrote is changed; only codes and item numbers,
# which are digits by definition, are read from the folded copy.
# The OCR misreads (丶 for the 、 after an item number, 一 for a code's dash, 〇 for 0) are
# those of the face-matrix confusion table, assistant/ingest/ocr/confusions.py.
_LANDMARK_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_LANDMARK_FOLD.update({0x3000: " ", **{ord(k): v for k, v in LANDMARK_FOLD.items()}})


_NEEDS_FOLD = re.compile("[\uff01-\uff5e\u3000" + re.escape("".join(LANDMARK_FOLD)) + "]")


def fold_landmarks(text: str) -> str:
    """The length-preserving folded copy of a cell in which landmarks are searched."""
    # str.translate walks every character in Python-level lookups; most cells need none
    return text.translate(_LANDMARK_FOLD) if _NEEDS_FOLD.search(text) else text


def find_item_starts(text: str) -> list[tuple[int, int | None, re.Match[str]]]:
    """Where items start: ``(start, seq, level-1 match)`` for every item in the cell."""
    starts: list[tuple[int, int | None, re.Match[str]]] = []
    expected = 1
    for match in _L1_ANCHOR.finditer(text):
        pos = match.start()
        j = pos
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        separated = j > 0 and text[j - 1] in _NUMBER_SEPARATORS
        if separated:
            j -= 1
            while j > 0 and text[j - 1] in " \t":
                j -= 1
        digits_end = j
        while j > 0 and text[j - 1].isdigit() and digits_end - j < 6:
            j -= 1
        digits = text[j:digits_end]
        seq: int | None
        if not digits:
            # no number: only an item when it sits at a boundary (start of cell, after 。 or ;)
            if j > 0 and text[j - 1] not in _BOUNDARY:
                continue
            seq, start = None, (j if not separated else digits_end)
        elif digits.endswith(str(expected)):
            # the number we expect next; digits before it belong to the previous value
            seq, start = expected, digits_end - len(str(expected))
        elif separated:
            keep = digits[-2:] if len(digits) >= 2 and digits[-2] != "0" else digits[-1:]
            seq, start = int(keep), digits_end - len(keep)
        else:
            seq, start = int(digits[-1]), digits_end - 1
        if starts and start < starts[-1][2].end():
            continue
        starts.append((start, seq, match))
        expected = (seq or expected) + 1
    return starts


def looks_like_indicators(text: str) -> bool:
    """True when the text holds at least one indicator item or a value label."""
    text = fold_landmarks(text)
    return bool(_L1_ANCHOR.search(text) or _PERIOD_LABEL.search(text) or _ANNUAL_LABEL.search(text))


def _trimmed(text: str, start: int, end: int, *, item_end: bool = False) -> Piece | None:
    """The piece text[start:end] without the separators around it; None when empty.

    One trailing separator is dropped (the ``;`` before the next label or item). At the end
    of an item a lone ``。`` is the item separator and is dropped too; a ``。`` followed by
    ``;`` belongs to the value and stays.
    """
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip(_LEADING))
    end -= len(piece) - len(piece.rstrip())
    if end > start and text[end - 1] in _SEP_CHARS:
        end -= 1
    elif item_end and end > start and text[end - 1] == "。":
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return Piece(text[start:end], start, end)


def _parse_item(text: str, start: int, end: int, seq: int | None, l1: re.Match[str]) -> ParsedItem:
    item = ParsedItem(start=start, end=end)
    if seq is not None:
        item.seq = Piece(str(seq), start, l1.start())
    item.level1_code = Piece(l1.group("code"), l1.start("code"), l1.end("code"))
    item.level1_name = Piece(l1.group("name"), l1.start("name"), l1.end("name"))
    cursor = l1.end()

    l2 = _L2.match(text, cursor, end)
    if l2 and not l2.group("dash") and not l2.group("code").startswith(item.level1_code.text):
        l2 = None  # without its dash, two digits are a level-2 code only under their level-1 digit
    if l2:
        item.level2_code = Piece(l2.group("code"), l2.start("code"), l2.end("code"))
        name_start, name_end = l2.start("name"), l2.end("name")
        # a lost separator glues the indicator name to the level-2 name: cut at the known name
        glued = l2.group("name")
        known = next((k for k in _KNOWN_LEVEL2 if glued.startswith(k) and len(glued) > len(k)), None)
        if known:
            name_end = name_start + len(known)
        item.level2_name = Piece(text[name_start:name_end], name_start, name_end)
        cursor = name_end
    else:
        item.problems.append(msg("ITEM_NO_LEVEL2"))

    period = _PERIOD_LABEL.search(text, cursor, end)
    annual = _ANNUAL_LABEL.search(text, period.end() if period else cursor, end)
    name_end = period.start() if period else (annual.start() if annual else end)
    item.name = _trimmed(text, cursor, name_end)
    if period:
        period_end = annual.start() if annual else end
        item.period_value = _trimmed(text, period.end(), period_end, item_end=annual is None)
    else:
        item.problems.append(msg("ITEM_NO_PERIOD_LABEL"))
    if annual:
        item.annual_value = _trimmed(text, annual.end(), end, item_end=True)
    else:
        item.problems.append(msg("ITEM_NO_ANNUAL_LABEL"))
    return item


def parse_indicator_cell(text: str) -> tuple[list[ParsedItem], str | None]:
    """Split a 绩效指标 cell into items.

    Returns:
        The items in source order, and any text before the first item that is not markup
        (None when there is none), which the caller reports rather than drops.
    """
    original = _blank_markup(text)
    folded = fold_landmarks(original)
    starts = find_item_starts(folded)
    items: list[ParsedItem] = []
    for k, (start, seq, l1) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(folded)
        item = _parse_item(folded, start, end, seq, l1)
        for name in _WRITTEN_FIELDS:
            piece = getattr(item, name)
            if piece is not None:
                piece.text = original[piece.start : piece.end]
        items.append(item)
    head_end = starts[0][0] if starts else len(original)
    head = original[:head_end].strip()
    return items, (head or None)


#: fields kept exactly as the source writes them (codes and item numbers are read folded)
_WRITTEN_FIELDS = ("level1_name", "level2_name", "name", "period_value", "annual_value")
