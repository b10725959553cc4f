"""Indicator items numbered 指标1: 指标2: … where the grid's rows and columns are lost.

Some published self-evaluations are text dumps of a workbook (an .xlsx shown on a web page):
the grid's cells come one after another with spaces, merged cells out of order, and the only
sure landmark is the template's own numbering ``指标N:`` in front of each indicator's name::

    指标6:举办健康教育宣传咨询活动 12次 96次 1 1 指标7:建立预防接种证 221人 221人 2 2

An item is its number, the name (the words up to the first value), then the row's values in
column order: the first is the target (年度指标值); the achieved value and scores that follow
are not targets. The template's empty placeholders (``指标2:`` with nothing, ``……``, ``**``)
are not indicators.

No silent guesses: the whole reading is flagged (the rows were found by their numbers, not by
the grid), and each item whose values do not look like the other rows' (fewer or more values,
form labels among them, a name in several pieces, no value at all) is flagged by name. Where a
wrapped name left an item without values and the next item holds two rows' worth, the values
are shared out in order, flagged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ....compare_words import REACH, SIGNS, TABLE_WORDS, alternation
from ....messages import Msg, msg
from ....schema import Failure, Indicator
from ....taxonomy import code_for_level2_name, level1_of
from .labels import _T2S, _as_written, _is_label, _label_word, _level1_code, _level1_label, _level2_word

__all__ = ["read_numbered"]

_ITEM = re.compile(r"指标\s*(?P<n>\d{1,3})\s*[:：]")
#: what a template leaves in an empty item: nothing, dots, stars, dashes
_PLACEHOLDER = re.compile(r"^[\s.…·*＊\-—_/、]*$")
#: the grid's column heads and score words, which a dump may put between the rows
_LABELS = frozenset(
    "一级 二级 三级 一级指标 二级指标 三级指标 指标 指标值 年度 实际 完成值 实际完成值 年度指标值 "
    "分值 得分 权重 偏差原因分析及改进措施 未完成原因 备注 — - ——".split()
)
#: a value's first word: a number, or a comparison that leads one (不少于12, ≥95%, 达到95%): the
#: table's words of :mod:`assistant.compare_words` and 达到, not the spoken ones (a name's later
#: word may begin 最多 or 控制在: 最多跑一次)
_VALUE = re.compile(rf"\d|%|％|^(?:[{SIGNS}]|{alternation(TABLE_WORDS + REACH)})")
#: a unit written apart from its number: 不少于12 种
_UNIT_ALONE = re.compile(r"^[\u4e00-\u9fff]{1,2}$")
#: a label's note: (必填), （必填硬性指标）
_NOTE = re.compile(r"[（(][^（()）\d]{1,10}[)）]")
#: a score: 1, 2, 1.9, 12.5 (the 分值 / 得分 columns)
_SCORE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
#: one value of a row whose spaces were lost: a comparison, a number, a % or a unit of one or two
#: characters (221人, 不少于12种, 100.00%, 21.8); in a run of them, the row's cells one after another
_JOINED_VALUE = re.compile(
    rf"(?:[{SIGNS}]{{1,2}}|{alternation(TABLE_WORDS)})?\d+(?:\.\d+)?(?:[%％]|[\u4e00-\u9fff]{{1,2}}?(?=\d|$|[{SIGNS}]|{alternation(TABLE_WORDS)}))?"
)


@dataclass(slots=True)
class _Item:
    seq: int
    words: list[str]  # the item's text after its number, split at white space
    name: str | None = None
    values: list[str] = field(default_factory=list)
    doubts: list[Msg] = field(default_factory=list)
    level: tuple[str | None, str | None, str | None, str | None] = (None, None, None, None)
    labels: bool = False  # form labels among its values (cells out of order)
    last: str | None = None  # after its values, the last label's level ("1", "2") or "stray" (no value nor label)


def _level_of(word: str) -> tuple[str | None, str | None] | None:
    """(level, code) when the word is a whole 一级 / 二级 label as forms write them (数量指标,
    产出指标(50分), 数量值, 社会效益目标, 服务对象满意度指标等), else None."""
    if word.translate(_T2S) in _LABELS or not _is_label(word):
        return None
    if _level1_label(word):
        return ("1", _level1_code(word))
    return ("2", code_for_level2_name(_label_word(word)))


def _joined_labels(words: list[str]) -> list[str]:
    """A label cut at a space joined again (经济效益 指标, 产出 指标), and a label's note kept
    with it (数量指标 (必填))."""
    out: list[str] = []
    for word in words:
        cut = not _level_of(out[-1]) or word.translate(_T2S) == "指标" if out else False  # 可持续影响 | 指标
        if cut and _level_of(out[-1] + word) and not _VALUE.search(out[-1]):
            out[-1] = f"{out[-1]} {word}"
        elif out and _level_of(out[-1]) and _NOTE.fullmatch(word):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def _head(word: str, level: list[str | None], item: _Item) -> bool:
    """Read a 一级 / 二级 label into ``level`` (it heads the items after ``item``); False when
    the word is no label. Two 一级 labels in a row are a system the reader does not know
    (实施效果指标 | 产出指标), but for the same word twice (满意度指标 | 满意度指标: 一级 and 二级)."""
    if (found := _level_of(word)) is None:
        return False
    which, code = found
    if which == "1" and item.last == "1":
        if _as_written(word) == level[1] and _level2_word(word):
            which, code = "2", code_for_level2_name(_label_word(word))
        else:
            item.last = "stray"
            return True
    item.last = which
    if which == "1":
        level[:] = [code, _as_written(word), None, None]
    else:
        level[:] = [level[0] or level1_of(code), level[1], code, _as_written(word)]
    return True


def _levels_before(words: list[str]) -> tuple[list[str | None], bool]:
    """The level labels written just before the first item (产出指标 数量指标 指标1:…), among
    the grid's head words (none when other text comes first), and whether they are unsure."""
    level: list[str | None] = [None, None, None, None]
    labels: list[str] = []
    for word in reversed(_joined_labels(words)):
        if _level_of(word) is not None:
            labels.insert(0, word)
        elif word.translate(_T2S) not in _LABELS:
            break
    head = _Item(0, [])
    for word in labels:
        _head(word, level, head)
    return level, head.last == "stray"


def _values(words: list[str]) -> list[str]:
    """The value words of a row, a unit written apart joined to its number (不少于12 种)."""
    out: list[str] = []
    for word in words:
        if out and _UNIT_ALONE.match(word) and not _VALUE.search(word) and re.search(r"\d$", out[-1]):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def _trailing_labels(word: str) -> list[str]:
    """``word`` with the grid's head words run onto its end split off (…讲座分值得分, …6次二级指标
    三级指标): the word, then each label."""
    labels: list[str] = []
    while (
        label := next((w for w in sorted(_LABELS, key=len, reverse=True) if len(w) > 1 and word.endswith(w)), None)
    ) and len(word) > len(label) + 1:
        word, labels = word[: -len(label)], [label, *labels]
    return [word, *labels]


def _unjoined(word: str) -> list[str]:
    """A name word whose row's values ran onto it with no space (建立预防接种证221人221人22, a
    dump copied with its spaces lost): the name, then each value, cut where the rest of the word
    is values to its end (so a number inside the name stays: 孕产妇7天访视数214人203人21.8); the
    word unchanged when no such end is found. The values after the first are the achieved value
    and the scores: the first is the target, the cut of the scores is not read."""
    word, *labels = _trailing_labels(word)
    for at in range(2, len(word)):
        if word[at - 1] in "0123456789.-~～" or not re.search(r"[\u4e00-\u9fff]{2}", word[:at]):
            continue
        values, pos = [], at
        while pos < len(word) and (m := _JOINED_VALUE.match(word, pos)) and m.end() > pos:
            values.append(m.group())
            pos = m.end()
        if pos == len(word) and values:
            name, *more = _trailing_labels(word[:at])
            return [name, *more, *values, *labels]
    return [word, *labels]


def _split(item: _Item, level: list[str | None]) -> None:
    """Name, values and the level labels that follow the item (they head the next rows)."""
    words = _joined_labels([w for w in item.words if w])
    if words and not any(_VALUE.search(w) for w in words[1:2]):
        words = [*_unjoined(words[0]), *words[1:]]
    first = next((k for k, w in enumerate(words) if k and _VALUE.search(w)), len(words))
    name_words = [w for w in words[:first] if w.translate(_T2S) not in _LABELS]
    item.labels = len(name_words) < first
    rest: list[str] = []
    item.level = tuple(level)  # type: ignore[assignment]
    for word in words[first:]:
        if not _head(word, level, item):
            if word.translate(_T2S) in _LABELS:
                item.labels = True
            else:
                unit = bool(rest) and _UNIT_ALONE.match(word) and re.search(r"\d$", rest[-1])  # 不少于12 种
                item.last = item.last if _VALUE.search(word) or unit else "stray"
                rest.append(word)
    item.name = "".join(name_words) or None
    if len(name_words) > 1:
        item.doubts.append(msg("NUMBERED_NAME_PIECES", name=item.name, pieces=" ".join(name_words)))
    item.values = _values(rest)


def read_numbered(text: str, source: str | None) -> tuple[list[Indicator], list[Failure]] | None:
    """The 指标N: items of a text whose grid was not read, or None when it has fewer than three
    items numbered in order from 1 (a few 指标N: words are no grid). Numbers may start again
    at 1 in each group (指标1: 指标2: under 数量指标, 指标1: under 质量指标); each item is then
    numbered by its place."""
    marks = list(_ITEM.finditer(text.translate(_T2S)))  # 指標1: too (one character for one: offsets hold)
    items: list[_Item] = []
    before = text[: marks[0].start()].split() if marks else []
    for k, mark in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        words = text[mark.end() : end].split()
        filled = [w for w in words if not _PLACEHOLDER.match(w)]
        if all(_level_of(w) or w.translate(_T2S) in _LABELS for w in filled):
            # a blank item (指标3:, 指标2:……), perhaps before the next group's labels: no indicator,
            # its labels head the items after it
            (items[-1].words if items else before).extend(filled)
            continue
        items.append(_Item(int(mark["n"]), words))
    seqs = [item.seq for item in items]
    if len(items) < 3 or seqs[0] != 1 or any(b <= a and b != 1 for a, b in zip(seqs, seqs[1:], strict=False)):
        return None
    if any(b <= a for a, b in zip(seqs, seqs[1:], strict=False)):
        for position, item in enumerate(items, 1):  # numbers restarting in each group: the item's place
            item.seq = position
    level, unsure = _levels_before(before)
    for item in items:
        _split(item, level)
    _share_out(items)
    width = Counter(len(item.values) for item in items).most_common(1)[0][0]
    failures = [Failure(source=source, field="绩效指标", message=msg("NUMBERED_ITEMS_READ", count=len(items)))]
    indicators: list[Indicator] = []
    # unsure: a word no value nor label before the item, perhaps a label the rules do not know
    for item in items:
        if unsure and any(item.level):  # levels left empty are plain to see; levels read may be stale
            item.doubts.append(msg("NUMBERED_LEVEL_UNSURE"))
        unsure = item.last == "stray" or (unsure and item.last is None)  # a label ("1", "2") ends the doubt
        if not item.values:
            item.doubts.append(msg("NUMBERED_NO_VALUE"))
        elif item.labels or len(item.values) != width:
            item.doubts.append(msg("NUMBERED_ROW_SHAPE", values=" ".join(item.values[:8]), width=width))
        l1_code, l1_name, l2_code, l2_name = item.level
        indicators.append(
            Indicator(
                seq=item.seq,
                level1_code=l1_code,
                level1_name=l1_name,
                level2_code=l2_code,
                level2_name=l2_name,
                name=item.name,
                annual_value=item.values[0] if item.values else None,
            )
        )
        failures += [Failure(source=source, field=f"绩效指标 #{item.seq}", message=doubt) for doubt in item.doubts]
    return indicators, failures


def _share_out(items: list[_Item]) -> None:
    """An item with no values before one holding two rows' worth (a wrapped name pushed its
    values past the next number): the first row's values go back to it, flagged."""
    widths = Counter(len(item.values) for item in items if item.values)
    if not widths:
        return
    width = widths.most_common(1)[0][0]
    for a, b in zip(items, items[1:], strict=False):
        if not a.values and width and len(b.values) == 2 * width and not b.labels:
            a.values, b.values = b.values[:width], b.values[width:]
            for item in (a, b):
                item.doubts.append(msg("NUMBERED_VALUES_SHARED", first=a.seq, second=b.seq))
