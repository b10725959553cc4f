"""Grounding: find every value an LLM returned in the source text, and score it.

A value is looked up in a region of ``Document.text`` (usually its own row):

1. exact, after normalising both sides: Unicode NFKC (full/half width), markup such as
   ``<p>`` dropped, white space and punctuation removed, case folded;
2. else fuzzy, with ``rapidfuzz.fuzz.partial_ratio_alignment`` (score ≥ :data:`FUZZY_MIN`);
3. else ungrounded: kept, flagged, and given a low confidence.

Numbers are held to a stricter rule: an amount must equal (as a decimal) a number written
in the region, and every number inside a text value must appear there too. A number that
cannot be found is an invented number: an error, with confidence 0.

The confidence of a field comes from its evidence — how it was found, whether the
validators passed it, whether the rules read the same — never from a constant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz

from ..schema import Span

__all__ = ["Grounder", "Evidence", "FUZZY_MIN", "confidence", "numbers_in", "normalise", "span_for"]

#: the lowest rapidfuzz partial-ratio score that still counts as found
FUZZY_MIN = 85.0
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z]{1,8}\b[^<>]{0,40}>")
_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")


def _keep(ch: str) -> bool:
    """Characters that count when comparing: not white space, not punctuation."""
    if ch.isspace():
        return False
    category = unicodedata.category(ch)
    return not (category.startswith("P") or category in ("Zs", "Cc", "Cf"))


def normalise(text: str) -> str:
    """The comparison form of a value (no offsets)."""
    text = _MARKUP.sub("", text)
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if _keep(ch))


def numbers_in(text: str) -> list[Decimal]:
    """Every number written in ``text`` (full-width digits and thousands separators allowed)."""
    out = []
    for match in _NUMBER.finditer(unicodedata.normalize("NFKC", text)):
        try:
            out.append(Decimal(match.group().replace(",", "").replace("，", "")))
        except InvalidOperation:
            continue
    return out


@dataclass(frozen=True, slots=True)
class Evidence:
    """How one value was found: ``alignment`` exact/fuzzy/ungrounded, the fuzzy ``score``
    (100 for exact), the document offsets it was found at, and ``invented_numbers``."""

    alignment: str
    score: float
    start: int
    end: int
    invented_numbers: tuple[str, ...] = ()

    @property
    def is_number_error(self) -> bool:
        return bool(self.invented_numbers)


class Grounder:
    """A region of the document, normalised once, that values are looked up in.

    Args:
        text: the whole ``Document.text``.
        start, end: the region's bounds in it (a row, or a chunk's rows).
    """

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else end
        self.start, self.end = start, end
        region = text[start:end]
        masked = list(region)
        for match in _MARKUP.finditer(region):  # drop markup but keep offsets
            for i in range(match.start(), match.end()):
                masked[i] = " "
        chars: list[str] = []
        offsets: list[int] = []
        for i, ch in enumerate(masked):
            for folded in unicodedata.normalize("NFKC", ch).casefold():
                if _keep(folded):
                    chars.append(folded)
                    offsets.append(start + i)
        self.norm = "".join(chars)
        self._offsets = offsets
        # the region with full-width characters folded one for one, so offsets still hold
        self._folded = "".join(f if len(f := unicodedata.normalize("NFKC", ch)) == 1 else ch for ch in region)
        self.numbers = set(numbers_in(region))

    def _bounds(self, a: int, b: int) -> tuple[int, int]:
        if not self._offsets or a >= b:
            return self.start, self.start
        return self._offsets[a], self._offsets[b - 1] + 1

    def find_text(self, value: str) -> Evidence:
        """Ground a text value (name, goal, indicator text)."""
        target = normalise(value)
        invented = tuple(str(n) for n in numbers_in(value) if n not in self.numbers)
        if not target:
            return Evidence("exact", 100.0, self.start, self.start, invented)
        index = self.norm.find(target)
        if index >= 0:
            return Evidence("exact", 100.0, *self._bounds(index, index + len(target)), invented)
        if self.norm and len(target) <= len(self.norm):
            match = fuzz.partial_ratio_alignment(target, self.norm)
            if match is not None and match.score >= FUZZY_MIN:
                return Evidence("fuzzy", match.score, *self._bounds(match.dest_start, match.dest_end), invented)
        elif self.norm:  # a value longer than the whole region: partial matching would find the region
            score = fuzz.ratio(target, self.norm)  # inside the value, so compare them whole
            if score >= FUZZY_MIN:
                return Evidence("fuzzy", score, *self._bounds(0, len(self.norm)), invented)
        return Evidence("ungrounded", 0.0, self.start, self.end, invented)

    def find_number(self, value: Decimal | int | float) -> Evidence:
        """Ground an amount or item number: it must equal a number written in the region."""
        number = Decimal(str(value))
        if number in self.numbers:
            return Evidence("exact", 100.0, *self._locate_number(number))
        return Evidence("ungrounded", 0.0, self.start, self.end, (str(value),))

    def _locate_number(self, number: Decimal) -> tuple[int, int]:
        """Offsets of the first place the number is written (on the normalised text)."""
        for match in _NUMBER.finditer(self._folded):
            try:
                if Decimal(match.group().replace(",", "").replace("，", "")) == number:
                    return self.start + match.start(), self.start + match.end()
            except InvalidOperation:
                continue
        return self.start, self.end


def confidence(evidence: Evidence, *, validators_passed: bool = True, rules_agree: bool | None = None) -> float:
    """A field's confidence from its evidence.

    Exact finds start at 0.9, fuzzy finds between 0.5 and 0.85 by score, ungrounded text at
    0.2, an invented number at 0. Passing the validators adds 0.05 (failing takes 0.15);
    agreeing with the rules adds 0.05 (disagreeing takes 0.15).
    """
    if evidence.is_number_error:
        return 0.0
    if evidence.alignment == "exact":
        value = 0.9
    elif evidence.alignment == "fuzzy":
        value = 0.5 + 0.35 * (evidence.score - FUZZY_MIN) / (100.0 - FUZZY_MIN)
    else:
        value = 0.2
    value += 0.05 if validators_passed else -0.15
    if rules_agree is not None:
        value += 0.05 if rules_agree else -0.15
    return round(min(1.0, max(0.0, value)), 3)


def span_for(evidence: Evidence, conf: float, row: int | None) -> Span:
    """The Span recording where (and how well) a value was found."""
    return Span(start=evidence.start, end=evidence.end, row=row, alignment=evidence.alignment, confidence=conf)
