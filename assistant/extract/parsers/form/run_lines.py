"""The lines of a grid run together that are not one row each, as a PDF or a narrow web page
copies them: a long cell wraps onto the next line (农村义务教育 / 学校改造覆盖率100%), and a page
break prints the page's title again between two rows.

In text run together a row ends with its value; so, inside a grid whose header ends with a value
column (指标值, 年度指标值), a line that ends with no value and the lines after it up to the first
that ends with one, none of them starting with a level label, are one row cut by line breaks:
they are joined, and each join is returned for the caller to flag (a row whose value was left
empty would be joined to the next one the same way). A line inside the grid that repeats word for word a line written above the
header (the title, the form's name) is the page's heading printed again: it is left out.
"""

from __future__ import annotations

import re

from ....ingest.document import Document
from ....taxonomy import LEVEL1_WORDS, LEVEL2_WORDS, OLD_EFFECT_WORD, words
from . import hard_wrap
from .runs import _WORDED_VALUE

#: the header row of a grid run together: where its rows start
_HEADER = re.compile(r"二级指标|三级指标")
#: a level label starting a line: the line starts a row (or a group) of its own
_LABELS = rf"(?:{words((*LEVEL1_WORDS, OLD_EFFECT_WORD, *LEVEL2_WORDS))})指标"
_LABEL_FIRST = re.compile(rf"^\s*{_LABELS}")
#: a line ending with a value: a digit and a unit of a few characters at most (≥6架, 6万立方米,
#: 780元/生/年), or a value in words, a bracketed note after either
_ENDS_VALUE = re.compile(
    rf"(?:\d[^\d\s、，,。；;]{{0,5}}|(?:{_WORDED_VALUE}|有效|及时|准时|显著|完成|提高|提升))(?:[（(][^（()）]{{1,12}}[)）])?\s*$"
)
#: a page's number printed between two rows (第 1 页，共 2 页, - 2 -, 2/3): never part of a row
_PAGE_LINE = re.compile(r"\s*(?:第\s*\d+\s*页\s*[，,]?\s*(?:共\s*\d+\s*页)?|[-—]\s*\d+\s*[-—]|\d+\s*/\s*\d+)\s*")
#: an item number starting a line (2、其中…, 3.受益人数): the line starts a row of its own
_ITEM_FIRST = re.compile(r"\s*(?:\d{1,2}、|\d{1,2}[.．](?!\d)|[（(]\d{1,2}[)）])")
#: how many lines one cell may wrap over
_MOST_LINES = 3


def _cut_start(text: str, after: str | None) -> bool:
    """A line that may be the first part of a wrapped row: text more than its level labels that
    ends with no value, or ends with digits that the next line goes on with, or whose percent
    sign starts it (5000吨稻谷、50 / 0吨成品粮储备到位率100%, …覆盖率100 / %: a number is not cut
    from its percent sign between two rows; a unit in words may start a name, 人均…)."""
    bare = re.sub(_LABELS, "", text).strip()
    if len(bare) < 2 or _HEADER.search(text) or _PAGE_LINE.fullmatch(text):
        return False
    cut_number = bool(re.search(r"\d$", text.rstrip()) and after and re.match(r"[\d%％‰]", after.lstrip()))
    cut_number = cut_number and not _ITEM_FIRST.match(after or "")  # 2、其中…: the next row's number
    return cut_number or not _ENDS_VALUE.search(text)


def _continues(text: str) -> bool:
    """A line that may go on with the row above: no level label first, not a header row."""
    return (
        bool(text.strip())
        and not _LABEL_FIRST.match(text)
        and not _ITEM_FIRST.match(text)
        and not _HEADER.search(text)
        and not _PAGE_LINE.fullmatch(text)
    )


def _value_last(header: str) -> bool:
    """The header row's last column holds a value (指标值, 年度指标值, 实际完成值): a row ends with
    its value, not with a 绩效标准, a note or a score written after it."""
    return bool(re.search(r"值[^\u4e00-\u9fff]*$", header.strip()))


#: a level label run into the text after it, in a piece between spaces (数量指标布防飞机数量)
_LABEL_RUN_IN = re.compile(rf"^{_LABELS}(?!{_LABELS})[\u4e00-\u9fff]{{2}}")
#: a level label run into the end of a piece after a value or a name (…32人质量指标, 覆盖全区所有人员质量指标);
#: the longest label the piece ends with (社会效益指标, not 效益指标)
_RUN_INTO_LABEL = re.compile(rf"(?P<before>.*?)(?:{_LABELS})")
#: text that is labels itself: a 二级 label spelled with a prefix the list lacks, labels in a row
_ONLY_LABELS = re.compile(rf"(?:{_LABELS}|[\u4e00-\u9fff]{{0,6}}(?:效益|满意度|影响|指标))+")


def runs_under_spaced_header(doc: Document) -> bool:
    """A grid whose header is spaced (一级指标 二级指标 三级指标 指标值) but whose rows run their
    cells together where a space was lost: two pieces between spaces or more below the header
    start with a level label and go on into a name; or the rows are on the header's line (their
    line breaks lost, a page re-flowed) and two pieces there or more end with a label run into a
    value or a name before it (…32人质量指标). Its cells are then cut as text run together (at the
    labels and values), not at the spaces."""
    rows = list(doc.rows)
    head = next((i for i, r in enumerate(rows) if (t := r.line_text()) and _HEADER.search(t)), None)
    if head is None:
        return False
    pieces = [p for r in rows[head + 1 :] if (t := r.line_text()) for p in t.split()]
    if sum(bool(_LABEL_RUN_IN.match(p)) for p in pieces) >= 2:
        return True
    # the rows on the header's line (their line breaks lost): a row's last cell runs into the next one's label
    return sum(_run_into_label(p) for p in rows[head].line_text().split() if not _HEADER.search(p)) >= 2


def _run_into_label(piece: str) -> bool:
    """A piece that ends with a level label after a value or a name (覆盖全区所有人员质量指标, 32人质量指标)."""
    m = _RUN_INTO_LABEL.fullmatch(piece)
    before = m.group("before") if m else ""
    return bool(re.search(r"(?:[\u4e00-\u9fff]{2}|\d[^\d\s]{0,3}|%)$", before)) and not _ONLY_LABELS.fullmatch(before)


def join_wrapped_runs(doc: Document) -> tuple[Document, list[tuple[int, str]]]:
    """The document with its grid's wrapped rows joined into one cell each and the page heading
    repeated inside it left out; with the (source line, joined text) of every join."""
    rows = list(doc.rows)
    head = next((i for i, r in enumerate(rows) if (t := r.line_text()) and _HEADER.search(t)), None)
    if head is None:
        return doc, []
    above = {t.strip() for r in rows[:head] if (t := r.line_text()) and t.strip()}
    if not _value_last(rows[head].line_text() or ""):
        return doc, []
    out, joins, i = rows[: head + 1], [], head + 1
    while i < len(rows):
        text = rows[i].line_text()
        if text is not None and text.strip() in above and not _ENDS_VALUE.search(text):
            i += 1  # the title printed again at a page break
            continue
        end = i
        if text is not None and _cut_start(text, rows[i + 1].line_text() if i + 1 < len(rows) else None):
            j = i + 1
            while j < len(rows) and j - i < _MOST_LINES and (t := rows[j].line_text()) is not None and _continues(t):
                if _ENDS_VALUE.search(t) or _ENDS_VALUE.search(text.rstrip() + t.strip()):  # 85 / %
                    end = j
                    break
                j += 1
        if end == i:
            out.append(rows[i])
            i += 1
            continue
        joined = hard_wrap.joined(rows[i : end + 1])
        out.append(joined)
        joins.append((rows[i].line, joined.cells[0].text))
        i = end + 1
    if not joins and len(out) == len(rows):
        return doc, []
    return doc.with_rows(out), joins
