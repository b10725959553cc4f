"""A grid read one cell per line. Where empty cells were dropped, counting cells no longer says
where a row starts: the cells are split by what looks like a name and what like a value; a
free-text cell where a note column is due is the note or the next name by which reading puts
numbers in the score columns.
"""

from __future__ import annotations

import itertools
import re

from ....messages import msg
from .failures import Failures
from .labels import _SIGN_ONLY, _VALUE_LIKE, _ends_grid, _fold, _is_label, _unit_only
from .tokens import Token, _Item


def _repeats_label(token: Token, items: list[_Item], stream: list[Token], at: dict[int, int]) -> bool:
    """Side by side, one cell per line: a 二级 label after a row's 实施周期 value and before the
    row's name again is the 年度 block's copy of the row's label, not a new group."""
    values = items[-1].values if items else []
    if not (_is_label(token.text) and len(values) >= 2 and values[0] is not None and values[1] is None):
        return False
    j = at.get(id(token), -1) + 1
    return 0 < j < len(stream) and _fold(stream[j].text) == _fold(items[-1].name.text)


def _flush(
    pending: list[Token],
    k: int,
    items: list[_Item],
    failures: Failures,
    units: bool = False,
    scores=None,
    note_last: bool = False,
) -> None:
    """The cells between two labels as items (see :func:`_partition`); emptied after. With a
    计量单位 column (``units``) a cell holding a unit alone (km, 人次, 万元) is a value's cell;
    ``scores``: the value columns [start, end) that hold points (分值 | 得分), or None;
    ``note_last``: the last value column is a note (指标值说明, 备注): words there are its cell."""
    if not pending:
        return
    value_like = [_short_value(t.text) or (units and _unit_cell(t.text)) for t in pending]
    sizes = _greedy(len(pending), k)
    starts = list(itertools.accumulate([0, *sizes[:-1]]))
    score_at = range(*scores) if scores else range(0)
    points = [bool(_POINTS_CELL.fullmatch(_fold(t.text).strip())) for t in pending]
    # words where the points are due (促进… under 得分): a row left its score cells empty
    words_in_points = any(i + 1 + p < len(pending) and not points[i + 1 + p] for i in starts for p in score_at)
    if any(value_like[i] for i in starts) or words_in_points:
        # counting cells puts a value where a name goes, or words where points go: empty cells were dropped
        sizes = _partition(value_like, k, score_at, points, note_last)
    elif k >= 3 and len(pending) > k + 1 and len(pending) % (k + 1) != 0:
        # the cells are no whole number of rows: read otherwise only where a name went onto a second line
        split = _partition(value_like, k, score_at, points, note_last, two_lines=True)
        sizes = split if any(size < 0 for size in split) else sizes
    pos = 0
    for size in sizes:
        if size < 0:  # a name over two lines (see _partition), then its values
            first, second = pending[pos], pending[pos + 1]
            name = Token(
                first.text.strip() + second.text.strip(), first.cell, first.start, first.end, first.row, first.col
            )
            items.append(_Item(name, list(pending[pos + 2 : pos - size]), first.row))
            failures.at_row(
                first.row, "三级指标", msg("FORM_NAME_OVER_TWO_LINES", text=first.text[:20], name=name.text[:40])
            )
            pos -= size
            continue
        items.append(_Item(pending[pos], list(pending[pos + 1 : pos + size]), pending[pos].row))
        pos += size
    if [abs(s) for s in sizes] != _greedy(len(pending), k):
        failures.at_row(
            pending[0].row, "指标值", msg("FORM_EMPTY_CELLS_LEFT_OUT", count=len(sizes), text=pending[0].text[:20])
        )
    pending.clear()


def named_by_description(items: list[_Item], k: int, describes: int) -> bool:
    """One cell per line under 指标类型 | 指标名称 | 指标值 | 指标描述 whose name column holds the
    二级 labels (临海 g01: 数量指标 | 375万平方米 | 完成全市375万平方米的绿地养护…): every row has
    as many cells as value columns, never a name and a full set of values, there are two rows or
    more, and one at least starts with a value. Each row's name is then its 描述 cell (column
    ``describes`` of the values) and its other cells its values, as ``rows.labels_name_rows``
    reads the same grid in cells. Returns whether the rows were read so."""
    cells = [[item.name, *item.values] for item in items]
    if (
        len(items) < 2
        or any(len(c) != k or any(t is None for t in c) for c in cells)
        or not any(_short_value(item.name.text) for item in items)
        or any(_short_value(c[describes].text) for c in cells)
    ):
        return False
    for item, row in zip(items, cells, strict=True):
        item.name, item.values = row[describes], [None if j == describes else t for j, t in enumerate(row)]
    return True


def _short_value(text: str) -> bool:
    """A cell that reads as a value: ≥95%, 280人次, 2023年12月底前; a long text that merely
    starts with a number (1290.3平方米冷库仓储建设…) is a name."""
    folded = _fold(text)
    if _SIGN_ONLY.fullmatch(folded) or folded in ("%", "％", "‰") or _SIGN_WORD.fullmatch(folded):
        return True  # a 指标性质 or 计量单位 cell of its own (≥, 正向, 定性, %)
    return bool(_VALUE_LIKE.search(folded)) and len(re.findall(r"[\u4e00-\u9fff]", folded)) <= 4 and len(folded) <= 14


#: what a 指标性质 cell holds besides a comparison: the direction or kind of the value (内蒙古 d11,
#: the 2021+ 财政部 template's 定性 / 定量), never an indicator's name
_SIGN_WORD = re.compile(r"正向|反向|中性|定性|定量")


def _greedy(n: int, k: int) -> list[int]:
    return [k + 1] * (n // (k + 1)) + ([n % (k + 1)] if n % (k + 1) else [])


def _unit_cell(text: str) -> bool:
    """A cell holding a unit and nothing else: 人次, 万元, km, ㎡, or a unit per unit (人/天, 元/平方米)."""
    folded = _fold(text).strip()
    if folded.count("/") == 1 and all(part.strip() for part in folded.split("/")):
        return all(_unit_cell(part) for part in folded.split("/"))
    return (_unit_only(folded) and not _SIGN_ONLY.fullmatch(folded)) or bool(_LATIN_UNIT.fullmatch(folded))


_LATIN_UNIT = re.compile(r"[a-zA-Z]{1,3}|[㎡㎞㎏]|[a-zA-Z]{1,2}/[a-zA-Z]{1,2}")


#: a cell a score column (分值, 得分) holds: a bare number
_POINTS_CELL = re.compile(r"\d{1,3}(?:\.\d+)?分?")


def _partition(
    value_like: list[bool],
    k: int,
    score_at=range(0),
    points: list[bool] | None = None,
    note_last: bool = False,
    two_lines: bool = False,
) -> list[int]:
    """Sizes of the items (a name and up to k values) that a run of cells splits into, when
    empty cells were dropped and counting cells put a value (≥95%, 280人次) where a name goes:
    the split where the fewest names look like values, then the fewest text cells sit among
    the values (a text followed by a value is a name and its value), then the fewest missing
    cells. A score column (``score_at``, value positions) holds a bare number (``points``): a
    cell of words there costs, and a text followed by the points where they are due is an
    achieved value in words (全天候可用 | 全天候 | 10), not the next name. With ``note_last``
    words in the last value column cost little (该指标值数据合理 under 指标值说明). With
    ``two_lines`` and three value columns or more a name may be read over two lines of text
    before a value (a wrapped name: 向各类新闻媒体完成林业新闻信息 / 投稿数(篇) / = / 30 / 篇): a
    negative size."""
    points = points or [False] * len(value_like)
    n = len(value_like)
    best: list[tuple[float, list[int]] | None] = [None] * (n + 1)
    best[n] = (0.0, [])

    def values_cost(i: int, a: int, end: int) -> float:
        """The cost of cells a..end-1 as the values of the row named at i."""
        cost = sum(
            0.25
            if note_last and j - a == k - 1
            else 1.0 + 3.0 * (j + 1 < end and value_like[j + 1] and not (j + 1 - a in score_at and points[j + 1]))
            for j in range(a, end)
            if not value_like[j]
        )
        return cost + sum(3.0 for j in range(a, end) if j - a in score_at and not points[j])

    for i in range(n - 1, -1, -1):
        options = []
        for size in range(min(k + 1, n - i), 0, -1):
            rest = best[i + size]
            if rest is None:
                continue
            cost = 10.0 * value_like[i] + values_cost(i, i + 1, i + size)
            cost += 0.5 * (k + 1 - size) if i + size < n else 0.0  # the last row may end early (a cut document)
            options.append((cost + rest[0], [size, *rest[1]]))
        # a name wrapped onto a second line, then a value: written as a negative size. Costs more
        # than a name and its value, less than a row whose every value is missing and whose
        # second line names the next row, when the row has three value columns or more
        if two_lines and k >= 3 and i + 2 < n and not value_like[i] and not value_like[i + 1] and value_like[i + 2]:
            for size in range(min(k + 2, n - i), 2, -1):
                rest = best[i + size]
                if rest is not None:
                    cost = _TWO_LINES + values_cost(i, i + 2, i + size)
                    cost += 0.5 * (k + 2 - size) if i + size < n else 0.0
                    options.append((cost + rest[0], [-size, *rest[1]]))
        best[i] = min(options, key=lambda o: o[0]) if options else None
    return best[0][1] if best[0] else _greedy(n, k)


#: the cost of reading a name over two lines (see _partition): above a row of all its cells (0),
#: below one that lost its every value (0.5 a cell, k of them) when k >= 4
_TWO_LINES = 1.75


_NOTE_HEADER = re.compile(r"原因|措施|备注|说明")


_SCORE_HEADER = re.compile(r"分值|得分|权重")


_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")


def _notes_from(headers: list[str], index: int) -> bool:
    """True when the value columns from ``index`` on are all notes (偏差原因, 备注) and a score
    column (分值, 得分) comes before them: a free-text cell there may be empty."""
    rest = headers[index:]
    scored = any(_SCORE_HEADER.search(h) for h in headers[:index])
    return bool(rest) and all(_NOTE_HEADER.search(h) for h in rest) and scored


def _starts_item(stream: list[Token], j: int, headers: list[str], *, label_words, failures: Failures, row: int) -> bool:
    """One cell per line, a free-text cell where a trailing note column (偏差原因) is due: is it
    the note, or the next indicator's name (the note left empty)? Whichever reading puts
    numbers in the score columns (分值, 得分) wins; when both do, it is read as the note and
    a failure says so."""
    filled = len(headers) - sum(bool(_NOTE_HEADER.search(h)) for h in headers)
    scores = [p for p, h in enumerate(headers[:filled]) if _SCORE_HEADER.search(h)]

    def fits(name_at: int) -> bool:
        cells = stream[name_at + 1 : name_at + 1 + filled]
        return (
            len(cells) == filled
            and not any(label_words(t.text) for t in cells)
            and not _NUMBER.match(_fold(stream[name_at].text))
            and all(_NUMBER.match(_fold(cells[p].text)) for p in scores)
        )

    if _NUMBER.match(_fold(stream[j].text)) or label_words(stream[j].text):
        return False
    if j + 1 < len(stream) and _short_value(stream[j + 1].text) and not _short_value(stream[j].text):
        # a value right after it (90 | % after 能繁母猪稳定率): a name, whatever cells the row
        # left empty (an empty 指标性质 drops one); a note is followed by a name or a label
        return True
    as_name, as_note = fits(j), j + 1 < len(stream) and fits(j + 1)
    if as_name and as_note:
        failures.at_row(row, "偏差原因", msg("FORM_NOTE_OR_NAME", text=stream[j].text[:30]))
    return as_name and not as_note


def _pipe_closed_lines(tokens: list[Token]) -> bool:
    lines = {id(t.cell): t.cell.text.strip() for t in tokens}
    closed = sum(text.endswith(("|", "｜")) for text in lines.values())
    return bool(lines) and closed * 10 >= len(lines) * 8


def unclosed_tail(tokens: list[Token], failures: Failures) -> set[int]:
    """The text after a table whose lines hold a ``|`` (a web table copied one cell a line, the
    bar after or before each cell, or ``| a | b |`` rows): the lines at the end with none, a
    section heading and its sentences after the table (湖北科技学院 j13: (三)存在的问题和原因 |
    1、…; 大英 f04's report going on), or a page cut inside a row (安溪 i09: 时效指标 | 截). Not
    rows of the grid (ids of their tokens); when one of them reads as a value they may be a last
    row that lost its bars, and that is said."""
    filled = [t for t in tokens if t.text]

    def closed(row: int) -> bool:  # a bar after the cell, or before it (大英 f04: `` | 90%``)
        raw = failures.rows[row].raw
        return "|" in raw or "｜" in raw

    lines = {row: closed(row) for row in dict.fromkeys(t.row for t in filled)}  # once a line, not once a token
    i = len(filled)
    while i > 0 and not lines[filled[i - 1].row]:
        i -= 1
    tail = filled[i:]
    table = {t.row: lines[t.row] for t in filled[:i]}  # the lines before it: barred, two in three or more
    if not tail or len(table) < 2 or sum(table.values()) * 3 < len(table) * 2:
        return set()
    ended = next((j for j, t in enumerate(tail) if _ends_grid(t.text)), len(tail))  # 填表人: the grid ends anyway
    if any(_short_value(t.text) for t in tail[:ended]):
        failures.at_row(
            tail[0].row, "绩效指标", msg("FORM_GRID_TAIL_UNCLOSED", count=len(tail), text=tail[0].text.strip()[:20])
        )
    return {id(t) for t in tail}
