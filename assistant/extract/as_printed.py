"""A traditional-character document read through a simplified copy, its values given back as printed.

The rules' word lists and patterns are written in simplified characters; a traditional page (a
document mirror's copy, a Hong Kong or Taiwan page) misses every one a rule forgot to fold
(公裏 for the unit 公里, 滿意度 for 满意度). So a document written mostly in traditional
characters is read from a copy with each character turned to its simplified form, one for one
(offsets, cells and spans hold), and every text the reading gives is turned back into the
characters the document printed: found in the copy (white space and pinyin readings aside), it
takes the document's characters at those places; else each character goes back to the one the
document writes for it, when the document writes it one way only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..ingest.document import Document
from ..ingest.reflow import reflow_rows
from ..ingest.text import split_tabbed
from ..schema import BudgetTable, Span
from ..textnorm import _t2s

__all__ = ["is_traditional", "simplified_document", "as_printed"]

#: the share of a document's Chinese characters the table changes above which it is traditional
#: (a traditional page: 0.3 and more; a simplified one: under 0.01, a stray 著 or 廻)
_TRADITIONAL_SHARE = 0.05
_MIN_CHANGED = 5
#: the longest text given back piece by piece when the document does not hold it whole (each
#: piece is a search of the document: a bound for a hostile page)
_PIECED = 200
#: a pinyin reading printed after a character in a traditional mirror: 項(xiàng)目 (markup)
_READING = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,8}[)）]")


def is_traditional(text: str) -> bool:
    """Whether the text is written in traditional characters (enough of its characters change)."""
    table = _t2s()
    chinese = changed = 0
    for c in text:
        if "\u3400" <= c <= "\u9fff":
            chinese += 1
            changed += ord(c) in table
    return changed >= _MIN_CHANGED and changed >= _TRADITIONAL_SHARE * chinese


def simplified_document(doc: Document) -> tuple[Document, list[int] | None]:
    """The document with each character in its simplified form (one for one: offsets hold) and,
    when it is text, without the pinyin readings a mirror prints (項(xiàng)目 reads 项目): then
    also where each kept character was in the document (None when nothing was taken out)."""
    table = _t2s()
    if doc.layout in ("reflowed", "tabbed") and _READING.search(doc.text):
        kept = [i for i, m in enumerate(_reading_mask(doc.text)) if not m]
        text = "".join(doc.text[i] for i in kept).translate(table)
        rows = reflow_rows(text) if doc.layout == "reflowed" else split_tabbed(text)
        return replace(doc, text=text, rows=rows), kept
    rows = [
        replace(row, raw=row.raw.translate(table), cells=[replace(c, text=c.text.translate(table)) for c in row.cells])
        for row in doc.rows
    ]
    return replace(doc, text=doc.text.translate(table), rows=rows), None


def _reading_mask(text: str) -> list[bool]:
    """For each character of ``text``, whether it belongs to a pinyin reading."""
    mask = [False] * len(text)
    for m in _READING.finditer(text):
        mask[m.start() : m.end()] = [True] * (m.end() - m.start())
    return mask


class _Printed:
    """Turns a text read from the simplified copy back into the characters the document printed."""

    def __init__(self, text: str):
        table = _t2s()
        mask = _reading_mask(text)
        kept = [c for c, reading in zip(text, mask, strict=True) if not reading and not c.isspace()]
        self.original = kept
        self.simple = "".join(c.translate(table) for c in kept)
        ways: dict[str, set[str]] = {}
        for s, o in zip(self.simple, kept, strict=True):
            ways.setdefault(s, set()).add(o)
        self.changed = {s for s, o in ways.items() if o != {s}}
        self.one_way = {s: next(iter(o)) for s, o in ways.items() if len(o) == 1 and o != {s}}

    def __call__(self, value: str | None) -> str | None:
        if not value or not any(c in self.changed for c in value):
            return value
        squeezed = "".join(c for c in value if not c.isspace())
        at = self.simple.find(squeezed)
        if at >= 0:
            printed = iter(self.original[at : at + len(squeezed)])
        elif len(squeezed) <= _PIECED:
            printed = iter(self._pieces(squeezed))
        else:
            return "".join(self.one_way.get(c, c) for c in value)
        return "".join(c if c.isspace() else next(printed) for c in value)

    def _pieces(self, squeezed: str) -> str:
        """A text the reading joined from pieces of the document (a name wrapped over two lines
        with a value between them): each longest piece found in the copy takes the document's
        characters there; a character found in no piece of two goes back the one way it is
        written, else stays (院內各項設施 | 90% | 設備有效使用率 gives 項, not the 项 of 项目名称)."""
        out, i = [], 0
        while i < len(squeezed):
            j, at = i + 2, -1
            while j <= len(squeezed) and (found := self.simple.find(squeezed[i:j])) >= 0:
                j, at = j + 1, found
            if at < 0:
                out.append(self.one_way.get(squeezed[i], squeezed[i]))
                i += 1
            else:
                out += self.original[at : at + j - 1 - i]
                i = j - 1
        return "".join(out)


def as_printed(table: BudgetTable, doc: Document, kept: list[int] | None = None) -> BudgetTable:
    """``table``, read from the simplified copy of ``doc``, with its texts as ``doc`` prints them
    (and its spans in ``doc``'s offsets when the copy left readings out: ``kept``)."""
    back = _Printed(doc.text)
    table.title = back(table.title)
    table.department = back(table.department)
    records = [table]
    for unit in table.units:
        unit.name = back(unit.name)
        records.append(unit)
        for project in unit.projects:
            project.name = back(project.name)
            project.goal = back(project.goal)
            records.append(project)
            for item in project.indicators:
                for field in ("level1_name", "level2_name", "name", "period_value", "annual_value"):
                    setattr(item, field, back(getattr(item, field)))
                records.append(item)
    if kept:
        for record in records:
            record.spans = {k: _moved(span, kept, len(doc.text)) for k, span in record.spans.items()}
    return table


def _moved(span: Span, kept: list[int], end: int) -> Span:
    """A span of the copy as a span of the document (``kept``: each copy character's place)."""
    start = kept[span.start] if span.start < len(kept) else end
    stop = kept[span.end - 1] + 1 if 0 < span.end <= len(kept) else (end if span.end else start)
    return span.model_copy(update={"start": start, "end": max(start, stop)})
