"""A grid printed in a PDF and read back as text, a line per printed line: long cells wrap
onto two or three lines, the merged 一级/二级 cells print their label once, on the group's
top line or vertically centred, and a label wraps too (可持续影响指 / 标). A line then holds
pieces of several rows, and counting cells per line no longer says where a row is.

Rows are found by their landmarks instead: a line that ends with the row's values (one
piece per value column, the name's piece before them or not) is a row's *anchor*; a line
holding one piece of text and no value is a piece of a wrapped name. Which anchor a piece
goes with is settled by the shape of wrapped text: every line of a cut name but its last
fills its column, and a value alone on its line is centred between its name's lines. The
split that leaves the fewest short lines inside names is read; a tie, or a short line
inside a name, is flagged. A label cut over lines is joined by the label vocabulary (its
pieces joined are a label, each alone is not). Labels on their group's top line head it;
centred labels are given the rows around them whose middle they sit on, where the cut is
clear (else each goes with the row its line falls in, between two rows the upper one, and
the level reader flags what it doubts). The spaces PDF text prints inside a cell (产出 指标,
10 台, 7 岁以下…) are closed where the shapes say so, and a 项目名称 whose value wrapped
around its centred key, or over the lines after it, is read whole and flagged.

One cell per line copied out of a PDF table (:func:`join_wrapped_cells`) is read the same
way: a cell's lines are joined where they fill their column and a value closes them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ....compare_words import SIGNS
from ....messages import msg
from ....textnorm import display_width
from .failures import Failures
from .labels import (
    _TITLE,
    _cost_kind,
    _fold,
    _is_header_word,
    _is_label,
    _is_placeholder,
    _key_field,
    _label_word,
    _level1_label,
)
from .runs import _WORDED_VALUE
from .stream import _short_value, _unit_cell
from .tokens import Token

#: a target written in words (稳步提高, 及时, 合格): a value's shape too
_WORDS = re.compile(rf"(?:{_WORDED_VALUE}|及时|准时|有效|显著|明显)")


def _value_shape(text: str) -> bool:
    """A value's cell: a short value, a target in words, or a unit of two characters or more left
    alone (万人, 公里: a template's value whose number was never filled in, not the end of the name
    above it; one character, 台, may be a number's unit cut off by a space)."""
    folded = _fold(text).strip()
    return _short_value(text) or (len(folded) >= 2 and _unit_cell(folded)) or bool(_WORDS.fullmatch(folded))


#: a value that is a grade word alone (高, 良好, 是): never a wrapped cell's end
_GRADE = re.compile(r"[高中低好优良差是否有无]|良好|优秀|较好|达标|合格|完成|较高")

#: the longest piece of a wrapped label (社会公众或服 / 务对象满意度 / 指标)
_LABEL_PIECE = 8
#: how many lines below a label piece its next piece may be (the name's lines between)
_LABEL_REACH = 3


def _blank_item(line: list[Token]) -> bool:
    """A template's item left blank alone on its line (指标3:): no piece of a name."""
    return len(line) == 1 and "指" in line[0].text and _is_placeholder(line[0].text)


def reassemble(entries, width: int, failures: Failures):
    """The grid's rows rebuilt from PDF text lines as ``("flat", [labels…, name, values…])``
    entries, or None when the lines are not of that shape (then they are read as they are)."""
    lines: list[list[Token]] = []
    for kind, row in entries:
        filled = [t for t in row if t.text]
        if kind != "flat" or len({(id(t.cell), t.col) for t in filled}) > 1:
            return None  # real cells, or ``|`` / tab columns: not lines of PDF text
        if filled and not _blank_item(filled):
            lines.append(filled)
    if width < 1 or not any(len(line) >= 2 for line in lines):
        return None  # no line cut at its spaces: one cell per line, read as a stream
    joined = [_rejoin_numbers(line) for line in lines]
    numbers = sum(map(len, lines)) - sum(map(len, joined))
    lines = joined
    labels, rests, unsure = _labels(lines, width)
    kinds: list[str] = []
    for rest in rests:
        if not rest:
            kinds.append("labels")
        elif len(rest) == width + 1 or (len(rest) == width and all(_value_shape(t.text) for t in rest)):
            kinds.append("anchor")
        elif len(rest) == 1 and not _value_shape(rest[0].text):
            kinds.append("piece")
        else:
            return None
    wrapped = numbers or "piece" in kinds or "labels" in kinds or any(len(lines_) > 1 for _, lines_, _ in labels)
    anchors = [i for i, k in enumerate(kinds) if k == "anchor"]
    if not wrapped or not anchors:
        return None
    named = [len(rests[i]) == width + 1 for i in anchors]
    if _value_may_wrap(rests, kinds, anchors, named, width):
        return None
    bounds = zip([0, *[i + 1 for i in anchors]], [*anchors, len(kinds)])
    gaps = [[i for i in range(a, b) if kinds[i] == "piece"] for a, b in bounds]
    # a name cut by wrapping fills its column on every line but its last: the widest piece
    # says how wide the column is
    pieces = [rests[i][0] for gap in gaps for i in gap] + [rests[a][0] for a, n in zip(anchors, named) if n]
    column = max(_width(t.text) for t in pieces)
    full = {id(t) for t in pieces if _width(t.text) >= column - 2}
    name_heads = [rests[a][0] if n else None for a, n in zip(anchors, named)]
    # labels heading their groups on the values' lines (a level's first label on the first
    # row's line or above it) and every value beside a name's line: the table is printed
    # top-aligned, so a name's lines start on its value's line and go on below it
    top = (
        bool(labels)
        and all(named)
        and not gaps[0]
        and all(min(w[0] for _, w, lv in labels if lv == level) <= anchors[0] for level in {lv for _, _, lv in labels})
    )
    mapping = {i: rests[i][0] for gap in gaps for i in gap}
    split = (top and _split(gaps, named, name_heads, mapping, full, top=True)) or _split(
        gaps, named, name_heads, mapping, full
    )
    if split is None:
        return None
    above, below, doubt = split
    out: list[list[Token]] = []
    spans: list[tuple[int, int]] = []
    for n, at in enumerate(anchors):
        before = gaps[n][len(gaps[n]) - above[n] :] if above[n] else []
        after = gaps[n + 1][: below[n]]
        rest = rests[at]
        parts = [rests[i][0] for i in before] + rest[:-width] + [rests[i][0] for i in after]
        name = parts[0]
        if len(parts) > 1:
            name = Token("".join(x.text for x in parts), name.cell, name.start, name.end, name.row, name.col)
        out.append([name, *rest[-width:]])
        spans.append((min([at, *before]), max([at, *after])))
    if doubt is not None:
        failures.at_row(
            out[doubt][0].row, "三级指标", msg("FORM_WRAPPED_NAME_EITHER_WAY", name=out[doubt][0].text[:30])
        )
    for word in unsure:  # 服务对象满意度指标 满意度: read as a name's piece, which the text does not settle
        failures.at_row(word.row, "三级指标", msg("FORM_LABEL_OR_NAME_PIECE", word=word.text.strip()))
    # labels centred in their groups: rows above the first label of a level (labels heading
    # their groups, on their top line or above it, leave none); they sit at the middle of their lines
    centred_labels = any(
        min(w[0] for _, w, lv in labels if lv == level) > spans[0][0] for level in {lv for _, _, lv in labels}
    )
    if centred_labels and any(where[0] < spans[0][0] for _, where, _ in labels):
        # a label on a line of its own above the first row heads its group, yet others sit below
        # their groups' first rows as centred labels do: which rows each label heads is not sure
        failures.at_row(out[0][0].row, "一级/二级指标", msg("FORM_LABELS_EITHER_WAY"))
    heads: list[list[Token]] = [[] for _ in out]
    for level in (1, 2):
        mine = [(token, where) for token, where, lv in labels if lv == level]
        groups = _centred_groups([sum(w) / len(w) for _, w in mine], spans) if centred_labels else None
        if groups is not None:  # each label on every row of its group: where groups end is settled
            for (token, _), (start, end) in zip(mine, groups):
                for n in range(start, end):
                    heads[n].append(token)
            continue
        for token, where in mine:
            mid = sum(where) / len(where) if centred_labels else where[0]
            inside = next((n for n, (a, b) in enumerate(spans) if a <= mid <= b), None)
            if inside is None:  # between two rows: a centred label's group is even, the upper one
                after = next((n for n, (a, _) in enumerate(spans) if a > mid), len(spans))
                inside = min(max(after - 1 if centred_labels and after > 0 else after, 0), len(spans) - 1)
            heads[inside].append(token)
    return [("flat", [*head, *row]) for head, row in zip(heads, out)]


#: how far (in lines) a centred label may sit from its group's middle, and how much better
#: the groups found must fit than any group boundary moved by one row
_CENTRE_SLACK = 1.0
_CENTRE_MARGIN = 0.5


def _centred_groups(positions: list[float], spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The rows each centred label spans, as (start, end) per label, when one way of cutting
    the rows into groups puts every label at its group's middle line clearly better than any
    other; None when the labels do not settle it (then the labels are placed one row each and
    the level reader says what it doubts)."""
    m, n = len(positions), len(spans)
    if not m or m > n or any(b <= a for a, b in zip(positions, positions[1:])):
        return None

    def miss(j: int, start: int, end: int) -> float:
        return abs((spans[start][0] + spans[end - 1][1]) / 2 - positions[j])

    @functools.cache
    def best(j: int, start: int) -> tuple[float, tuple[int, ...]]:
        """Least summed miss of labels j… over rows start…, and the ends of their groups."""
        if j == m - 1:
            return (miss(j, start, n), (n,))
        found: tuple[float, tuple[int, ...]] = (float("inf"), ())
        for end in range(start + 1, n - (m - j - 1) + 1):
            rest = best(j + 1, end)
            found = min(found, (miss(j, start, end) + rest[0], (end, *rest[1])))
        return found

    total, ends = best(0, 0)
    starts = (0, *ends[:-1])
    if any(miss(j, a, b) > _CENTRE_SLACK for j, (a, b) in enumerate(zip(starts, ends))):
        return None
    for k in range(m - 1):  # move each boundary by a row: every other cut must fit clearly worse
        for shift in (-1, 1):
            moved = list(ends)
            moved[k] += shift
            cuts = (0, *moved)
            if any(b <= a for a, b in zip(cuts, cuts[1:])):
                continue
            other = sum(miss(j, a, b) for j, (a, b) in enumerate(zip(cuts, cuts[1:])))
            if other - total < _CENTRE_MARGIN:
                return None
    return list(zip(starts, ends))


def join_wrapped_cells(rows: list[list[Token]], columns: int, failures: Failures) -> list[list[Token]]:
    """One cell per line, copied out of a PDF's table: a cell wrapped over lines comes as
    several lines. With one value column, lines of text between a label or a value and a
    value (≥95%, 10台, 稳步提高) are one name when every line but the last is as wide as the widest line of text (a
    narrower line ends its cell: then a value was left out, and the lines are read as they
    are); a line that wide followed by more text only once is joined too (a PDF copy's grid
    often wraps one long name), flagged, since a name that lost its value reads the same; lines
    that together, and only together, make a label are one label (可持续影响指 / 标, 社会公众或服
    / 务对象满意度 / 指标). Lines before a free text are left as they are: a value in words
    of any length may have wrapped too. The joined cell takes the first line's row; the others are
    left empty, so rows keep their places."""
    filled = [[t for t in row if t.text] for row in rows]
    if not filled or any(len(row) > 1 for row in filled):
        return rows
    at = [i for i, row in enumerate(filled) if row]
    tokens = [filled[i][0] for i in at]
    out = [list(row) for row in rows]

    def join(i: int, j: int) -> None:
        first = tokens[i]
        text = "".join(p.text.strip() for p in tokens[i:j])
        out[at[i]] = [Token(text, first.cell, first.start, first.end, first.row, first.col)]
        for k in range(i + 1, j):
            out[at[k]] = []

    # a short line found twice or more right before a label is a 一级 cell in a word the rules do
    # not know (项目决策 / 数量指标, 项目成效 / 社会效益指标, labels on every row): a label, not a wrap
    before = Counter(
        _fold(a.text).strip()
        for a, b in zip(tokens, tokens[1:])
        if _is_label(b.text)
        and not _is_label(a.text)
        and not _value_shape(a.text)
        and len(_fold(a.text).strip()) <= _LABEL_PIECE
    )
    unknown = {word for word, n in before.items() if n >= 2}

    def label(t: Token) -> bool:
        return _is_label(t.text) or _fold(t.text).strip() in unknown

    def text(t: Token) -> bool:
        return not label(t) and not _value_shape(t.text) and not _is_header_word(t.text)

    # the widest line of text is the name column's width; lines that wide followed by more
    # text say that cells wrapped (a web page's copy has none; once is flagged)
    column = max((_width(t.text) for t in tokens if text(t)), default=0)
    full = {id(t) for t in tokens if text(t) and _width(t.text) >= column - 2}
    wraps = sum(id(a) in full and text(b) for a, b in zip(tokens, tokens[1:]))
    wrapped = wraps >= 1
    # several value columns: a line cut by wrapping is as wide as the column or one CJK
    # character less; the same text twice in a row is two cells (a name and its description)
    tight = {id(t) for t in tokens if text(t) and _width(t.text) >= column - 1}
    # a narrower column's width (a value in words wrapped in its own column): the width (or one
    # less) most lines of text narrower than the name's column share, three at least
    narrower = Counter(_width(t.text) for t in tokens if text(t) and 8 <= _width(t.text) < column - 1)
    second = max(narrower, key=lambda w: (narrower[w] + narrower[w - 1], w)) if narrower else 0
    shared = narrower[second] + narrower[second - 1]
    # lines of one width, the most of the narrower ones: a column (a cell's last lines differ)
    second = second if shared >= 3 and shared * 5 >= sum(narrower.values()) * 2 else 0
    seen = Counter(t.text for t in tokens)

    def goes_on(
        a: Token, b: Token
    ) -> bool:  # a wrapped cell's line, then its next (twice at most: a 自评表 target and result)
        return (
            id(a) in tight
            and text(a)
            and text(b)
            and a.text != b.text
            and seen[b.text] <= 2
            and not _GRADE.fullmatch(_fold(b.text).strip())
        )

    cut_lines = {a.text for a, b in zip(tokens, tokens[1:]) if goes_on(a, b)}
    i = 0
    while i < len(tokens):
        if size := _label_run(tokens, i):
            join(i, i + size)
            i += size
            continue
        j = i
        while j < len(tokens) and not label(tokens[j]) and not _value_shape(tokens[j].text):
            j += 1
        run = tokens[i:j]
        if _value_ends_name(tokens, i, j, full) and columns == 1 and column >= 12:
            # a full line, then two values for one value column: the first is the name's end
            # (呼家河至鲍家沟新建水泥路 / 1条 / 2km)
            failures.at_row(
                run[0].row, "三级指标", msg("FORM_WRAPPED_CELLS_UNSURE", text=run[0].text[:30], lines=len(run) + 1)
            )
            join(i, j + 1)
            i = j + 1
            continue
        if any(_is_header_word(t.text) for t in run):
            run = []  # a column head among them (指标值): cells out of reading order
        bounded = i == 0 or label(tokens[i - 1]) or _value_shape(tokens[i - 1].text)
        if len(run) > 1 and bounded and wrapped and columns == 1 and j < len(tokens) and _value_shape(tokens[j].text):
            if column >= 12 and all(id(t) in full for t in run[:-1]):
                if wraps == 1:  # the only wrap seen: a name that lost its value would read the same
                    failures.at_row(
                        run[0].row, "三级指标", msg("FORM_WRAPPED_CELLS_UNSURE", text=run[0].text[:30], lines=len(run))
                    )
                join(i, j)
                run = []
            elif column >= 12 and (
                cells := _cells_by_width(run, full, closes=True) or _cells_by_widths(run, column, second, closes=True)
            ):
                _join_cells(run, cells, i, join, failures)
                run = []
        elif len(run) > 1 and bounded and wrapped and columns == 1 and j < len(tokens) and column >= 12:
            # name and value in words, then a label
            if cells := _cells_by_width(run, full, closes=False) or _cells_by_widths(run, column, second, closes=False):
                _join_cells(run, cells, i, join, failures)
                run = []
        cut = next((t for t in run[:-1] if id(t) in full), None) if wrapped and columns == 1 else None
        if cut is not None:  # a line that fills its column, then more text: which cell goes on is not known
            failures.at_row(cut.row, "三级指标", msg("FORM_WRAPPED_CELLS_UNSURE", text=cut.text[:30], lines=len(run)))
        i = max(j, i + 1)
    if len(cut_lines) >= _MANY_WRAPS and column >= 12:

        def kept(n: int) -> bool:  # the line as read, not joined to another
            return any(t is tokens[n] for t in out[at[n]])

        _join_full_lines(tokens, label, goes_on, tight, kept, join, failures)
    return out


#: lines (of different texts) filling the widest column, each followed by more text, that say
#: a copy with several value columns wrapped its cells (a web page's copy, unwrapped, has a
#: widest cell or two)
_MANY_WRAPS = 3


def _join_full_lines(tokens, label, goes_on, full: set[int], kept, join, failures: Failures) -> None:
    """One cell per line, cells wrapped (a value in words, or several value columns): the lines
    of text between two labels cut into cells where a line is narrower than the widest column
    (every line of a wrapped cell but its last fills it: 独有数据资源查询,查询范 / 围可扩展到省图),
    and joined; a line (``goes_on``) is never joined to a text the grid repeats (反映项目完成情况
    under 指标解释 on every row: a column's cell). A cell whose last line fills the column too
    may go on: flagged."""
    at = {id(t): n for n, t in enumerate(tokens)}
    edges = [-1, *[n for n, t in enumerate(tokens) if label(t)], len(tokens)]
    for a, b in zip(edges, edges[1:]):
        group = tokens[a + 1 : b]
        plans, start = [], 0
        while start < len(group):
            end = start
            while (
                end + 1 < len(group)
                and kept(a + 1 + end)  # not joined by the reading of one value column already
                and kept(a + 2 + end)
                and goes_on(group[end], group[end + 1])
            ):
                end += 1
            if end > start:
                plans.append((start, end))
            start = end + 1
        for s, e in plans:
            join(at[id(group[s])], at[id(group[e])] + 1)
            if id(group[e]) in full:
                failures.at_row(
                    group[s].row, "三级指标", msg("FORM_WRAPPED_CELLS_UNSURE", text=group[s].text[:30], lines=e - s + 1)
                )


def _value_ends_name(tokens: list[Token], i: int, j: int, full: set[int]) -> bool:
    """Lines ``i:j`` of text each filling the column, after a label or a value, then two lines
    shaped as values and no label: with one value column the first value is the name's end."""
    if i == j or any(id(t) not in full for t in tokens[i:j]) or j + 1 >= len(tokens):
        return False
    if i and not (_is_label(tokens[i - 1].text) or _value_shape(tokens[i - 1].text)):
        return False
    pair = tokens[j : j + 2]
    if not all(re.search(r"[^\d.\s%％" + SIGNS + r"]", _fold(t.text)) for t in pair):
        return False  # a bare number or share (1, 100%): a value or the next row's 序号, not this rule's
    return all(_value_shape(t.text) and not _is_label(t.text) for t in pair)


def _cells_by_width(run: list[Token], full: set[int], closes: bool) -> list[tuple[int, int]] | None:
    """The run's lines cut into cells where a line is narrower than its column (a wrapped cell's
    every line but its last fills the column), as (start, end) pairs; None unless that joins
    some lines and leaves whole rows of a name and one value (``closes``: the line after the run
    is a row's value, the run's last cell's own)."""
    cells, start = [], 0
    for k, token in enumerate(run):
        if id(token) not in full or k == len(run) - 1:
            cells.append((start, k + 1))
            start = k + 1
    if len(cells) == len(run) or (len(cells) + closes) % 2:
        return None
    return cells


def _cells_by_widths(run: list[Token], name: int, value: int, closes: bool) -> list[tuple[int, int]] | None:
    """The run's lines cut into a name and a value, again and again, where a line is narrower
    than its own column (the name's ``name`` wide, the value's ``value``: a PDF's columns each
    have their width); None as :func:`_cells_by_width` (no second width, nothing joined, or not
    whole rows)."""
    if not value:
        return None
    cells, start = [], 0
    for k, token in enumerate(run):
        wide = name if len(cells) % 2 == 0 else value
        if _width(token.text) > wide:
            return None  # a line wider than the value's column is none of its lines
        if _width(token.text) < wide - 1 or k == len(run) - 1:
            cells.append((start, k + 1))
            start = k + 1
    if len(cells) == len(run) or (len(cells) + closes) % 2:
        return None
    return cells


def _join_cells(run: list[Token], cells: list[tuple[int, int]], i: int, join, failures: Failures) -> None:
    """Each cell of several lines joined; flagged, since a cell whose text just fills its last
    line runs on into the next cell unseen."""
    for a, b in cells:
        if b - a > 1:
            join(i + a, i + b)
    failures.at_row(run[0].row, "三级指标", msg("FORM_WRAPPED_CELLS_UNSURE", text=run[0].text[:30], lines=len(run)))


def _label_run(tokens: list[Token], i: int) -> int:
    """How many lines from ``i`` make a label together that no shorter run of them makes (0: none)."""
    if _is_label(tokens[i].text) or len(_fold(tokens[i].text)) > _LABEL_PIECE:
        return 0
    for size in (2, 3):
        parts = tokens[i : i + size]
        if len(parts) == size and all(len(_fold(p.text)) <= _LABEL_PIECE for p in parts):
            if _is_label("".join(_fold(p.text) for p in parts)):
                return size
    return 0


def name_around_key(rows: list[list[Token]], end: int, name: str) -> str | None:
    """A 项目名称 printed on a line of its own, its value read from the line below, and above
    it a lone line of text no key, title or value, as wide as that value or wider: in a PDF
    the key cell is centred beside its value's wrapped lines, so the value starts above the
    key (农村义务教育薄弱学校改造补助资 / 项目名称 / 金). The value joined, or None."""
    lines = [[t for t in row if t.text] for row in rows[:end]]
    lines = [line for line in lines if line]
    for i in range(1, len(lines) - 1):
        above, key, below = lines[i - 1], lines[i], lines[i + 1]
        if not (len(key) == 1 and _key_field(key[0].text) == "name" and len(below) == 1 and len(above) == 1):
            continue
        first, last = above[0].text.strip(), below[0].text.strip()
        if (
            _fold(last) == _fold(name)
            and not _key_field(first)
            and not _TITLE.search(_fold(first))
            and not _value_shape(first)
            and not re.search(r"[:：]", first)
            and _width(first) >= _width(last)
        ):
            return first + last
    return None


#: a section heading of the form (（一）基本信息, 二、绩效目标): never the rest of a cell above it
_SECTION = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])")


def name_below_key(rows: list[list[Token]], end: int, name: str) -> str | None:
    """One cell per line: a 项目名称 on a line of its own, its value read from the line below,
    and after it lone lines of text (no key, title or value) right up to the next key or the
    grid: the value's cell wrapped over those lines when every line but the last is as wide
    as the widest. The value joined, or None."""
    filled = [[t for t in row if t.text.strip()] for row in rows[:end]]
    # a line of one cell by its text, of several by None: the key, the value's lines and the
    # key after them must each stand alone (what comes before the key may be laid out otherwise)
    lines = [line[0].text.strip() if len(line) == 1 else None for line in filled if line]
    for i, text in enumerate(lines[:-2]):
        if text is None or _key_field(text) != "name" or lines[i + 1] is None or _fold(lines[i + 1]) != _fold(name):
            continue
        parts, closed = [lines[i + 1]], False
        for nxt in lines[i + 2 :]:
            if nxt is None:
                break
            if _key_field(nxt):
                closed = True  # the value's lines end where the next key starts
                break
            if _TITLE.search(_fold(nxt)) or _value_shape(nxt) or re.search(r"[:：]", nxt) or _SECTION.match(nxt):
                break
            parts.append(nxt)
        else:
            closed = True  # or where the grid starts
        widest = max(_width(p) for p in parts)
        if closed and len(parts) > 1 and widest >= 12 and all(_width(p) >= widest - 2 for p in parts[:-1]):
            return "".join(parts)
        return None
    return None


_NUMBER = re.compile(r"[" + SIGNS + r"]{0,2}[-+]?\d+(?:\.\d+)?")


def _rejoin_numbers(line: list[Token]) -> list[Token]:
    """A number and the word after it, cut apart by the space PDF text prints between
    half-width digits and CJK: its unit (10 台, 1681680 元) or, leading the row's text, the
    rest of a name (7 岁以下儿童健康管理率)."""
    out: list[Token] = []
    for token in line:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.cell is token.cell
            and _NUMBER.fullmatch(_fold(prev.text))
            and re.match(r"[\u4e00-\u9fff]", _fold(token.text))
            and not _value_shape(token.text)
            and not _is_label(token.text)
        ):
            text = prev.cell.text[prev.start : token.end]
            leads = all(_is_label(t.text) for t in out[:-1])
            if _short_value(text) or (leads and not _short_value(token.text)):
                out[-1] = Token(text, prev.cell, prev.start, token.end, prev.row, prev.col)
                continue
        out.append(token)
    return out


def _labels(
    lines: list[list[Token]], width: int
) -> tuple[list[tuple[Token, list[int], int]], list[list[Token]], list[Token]]:
    """The labels (each with the lines it is printed on) and each line's other tokens. A label
    wrapped over lines is joined: a short piece leading its line (after whole labels, before
    the row's name and values), no label alone, that with the leading pieces of the next
    lines makes one. Nothing after a 二级 label on its line is a label (满意度 there is a name's
    piece): the 二级 column is the last before the 三级; but a line of nothing but label cells
    (:func:`_label_cells`) is labels throughout, and of the same word twice the first is the
    一级. Each label comes with its level: 1 for a 一级 word, and for 成本指标 before a kind of
    cost (经济成本指标) on its line. Also the bare level words read as a name's piece on a line
    of labels only (:func:`_label_or_name`), which the caller flags."""
    labels: list[tuple[Token, list[int], int]] = []
    doubts: list[Token] = []
    used: set[int] = set()
    second: set[int] = set()  # pieces of 二级 labels: the 二级 column is the last before the name
    for i, line in enumerate(lines):
        lead, past = 0, False
        cells = _label_cells(line)
        if not cells and (word := _label_or_name(line)) is not None:
            doubts.append(word)
        while lead < len(line) and not past:
            token = line[lead]
            lead += 1
            if id(token) in used:
                past = id(token) in second
                continue
            if _is_label(token.text):
                nxt = line[lead] if lead < len(line) else None
                if nxt is not None and _fold(nxt.text) in ("指标", "指标:") and _is_label(token.text + "指标"):
                    used.add(id(nxt))  # 经济效益 指标: the label's last word after a space
                    token = Token(
                        token.cell.text[token.start : nxt.end], token.cell, token.start, nxt.end, token.row, token.col
                    )
                    lead += 1
                    nxt = line[lead] if lead < len(line) else None
                # 满意度指标 | 满意度指标 on a line of label cells: the same word in the 一级 and the 二级 cell
                twice = cells and nxt is not None and _label_word(nxt.text) == _label_word(token.text)
                first = _level1_label(token.text) or (nxt is not None and _cost_kind(nxt.text)) or twice
                labels.append((token, [i], 1 if first else 2))
                used.add(id(token))
                past = not first and not cells
                if past:
                    second.add(id(token))
                continue
            joined = _join_label(lines, i, token, used)
            if joined is None:
                break
            label, where, parts = joined
            labels.append((label, where, 1 if _level1_label(label.text) else 2))
            used.update(id(t) for t in parts)
            if not _level1_label(label.text):
                second.update(id(t) for t in parts)
                past = True
    if any(_cost_kind(t.text) for t, _, _ in labels):  # 经济成本指标 below: 成本指标 is their 一级 (财预〔2021〕101号)
        labels = [(t, w, 1 if _label_word(t.text) == "成本指标" else lv) for t, w, lv in labels]
    rests = [[t for t in line if id(t) not in used] for line in lines]
    return labels, rests, doubts


def _label_cells(line: list[Token]) -> bool:
    """A line of nothing but label cells (效益指标 社会效益指标, 社会公众或服务对象满意度指标 twice:
    the 一级 and the 二级 cell of a group with the same word): every word a label as a cell
    writes it, none a bare level word that may begin a name (满意度, 数量). Such a line heads the
    rows after it; no word of it is the rest of the name above."""
    return len(line) > 1 and all(_is_label(t.text) and not _bare_level_word(t.text) for t in line)


def _label_or_name(line: list[Token]) -> Token | None:
    """On a line of labels and nothing else, a bare level word after the 二级 label (服务对象满意度指标
    满意度): the 二级 cell again or a name's first piece, the text does not say which; that word."""
    if len(line) < 2 or not all(_is_label(t.text) for t in line):
        return None
    second = next((k for k, t in enumerate(line) if not _level1_label(t.text)), None)
    return next((t for t in line[second + 1 :] if _bare_level_word(t.text)), None) if second is not None else None


def _bare_level_word(text: str) -> bool:
    """A level word without the 指标 / 值 / 目标 a label cell writes after it (满意度, 数量, 社会效益):
    an indicator's name may be that word, or begin with it."""
    return not re.search(r"(?:指标|值|目标)等?$", _label_word(text))


def _join_label(lines: list[list[Token]], i: int, token: Token, used: set[int]):
    """A label cut over lines starting with ``token`` on line ``i``: (label, its lines, pieces)."""
    if len(_fold(token.text)) > _LABEL_PIECE or _value_shape(token.text):
        return None
    after = lines[i][lines[i].index(token) + 1 :]
    if after and id(after[0]) not in used and after[0].cell is token.cell:
        # 产出 指标: a label cut by a space on its own line (PDF text spaces letters apart)
        nxt = after[0]
        if len(_fold(nxt.text)) <= _LABEL_PIECE and _is_label(token.text + nxt.text):
            text = token.cell.text[token.start : nxt.end]
            return Token(text, token.cell, token.start, nxt.end, token.row, token.col), [i], [token, nxt]
    parts, where, best = [token], [i], None
    line = i
    while len(parts) < 3:
        nxt = None
        for j in range(line + 1, min(line + 1 + _LABEL_REACH, len(lines))):
            lead = _label_piece(lines[j], used)
            if lead is None:
                continue
            # 社会公众或服 / 务对象满意度 / 指标: the middle piece is no label yet with the first
            if _is_label("".join(p.text for p in [*parts, lead])) or (
                len(parts) == 1 and _join_label_tail(lines, j, [*parts, lead], used) is not None
            ):
                nxt = (j, lead)
                break
        if nxt is None:
            break
        line = nxt[0]
        parts.append(nxt[1])
        where.append(line)
        text = "".join(p.text.strip() for p in parts)
        if _is_label(text):
            first = parts[0]
            best = (Token(text, first.cell, first.start, first.end, first.row, first.col), list(where), list(parts))
    return best


def _join_label_tail(lines: list[list[Token]], line: int, parts: list[Token], used: set[int]) -> Token | None:
    """The piece on the next lines that closes ``parts`` into a label, or None."""
    for j in range(line + 1, min(line + 1 + _LABEL_REACH, len(lines))):
        lead = _label_piece(lines[j], used)
        if lead is not None and _is_label("".join(p.text for p in [*parts, lead])):
            return lead
    return None


def _label_piece(line: list[Token], used: set[int]) -> Token | None:
    """The line's first piece not yet used and no label itself, when short enough to be part of
    a label cut over lines; else None."""
    lead = next((t for t in line if id(t) not in used and not _is_label(t.text)), None)
    return lead if lead is not None and len(_fold(lead.text)) <= _LABEL_PIECE else None


def _value_may_wrap(rests, kinds, anchors, named, width: int) -> bool:
    """A value in words as wide as its column beside a name's line, with a lone piece or a
    row in words on the next line: that line may be the value's own second line as well as
    a name's, and the text does not say which (房屋设备、设施的管理 / 到位,环境卫生整洁 …)."""
    values = [t for a in anchors for t in rests[a][-width:]]
    column = max(_width(t.text) for t in values)
    for at, has_name in zip(anchors, named):
        wide = [t for t in rests[at][-width:] if not _short_value(t.text) and _width(t.text) >= max(8, column - 2)]
        if not has_name or not wide or at + 1 >= len(kinds):
            continue
        nxt = rests[at + 1]
        if kinds[at + 1] == "piece" or (
            kinds[at + 1] == "anchor" and not all(_value_shape(t.text) for t in nxt[-width:])
        ):
            return True
    return False


def _width(text: str) -> int:
    """A cell's printed width, the spaces around it left out."""
    return display_width(text.strip())


def _split(
    gaps: list[list[int]],
    named: list[bool],
    heads: list[Token | None],
    pieces: dict[int, Token],
    full: set[int],
    top: bool = False,
):
    """How many name pieces each anchor takes from the lines above and below it: (above,
    below, the anchor whose reading is in doubt or None); None when no split fits.

    Every piece but a name's last fills its line (a shorter one ends its name), and a value
    with no name piece on its line (centred between the name's lines) has one above and one
    below it; printed ``top``-aligned, no name has a piece above its value's line. The split
    with the fewest short pieces inside names wins; a tie between splits, or a short piece
    inside a name of the best one, is a doubt.
    """
    m = len(named)

    def cost(n: int, a: int, b: int) -> int | None:
        if not named[n] and (a == 0 or b == 0):
            return None  # a value alone on its line is centred between its name's lines
        if top and a:
            return None
        before = gaps[n][len(gaps[n]) - a :] if a else []
        parts = [pieces[i] for i in before] + ([heads[n]] if heads[n] is not None else [])
        parts += [pieces[i] for i in gaps[n + 1][:b]]
        return sum(id(p) not in full for p in parts[:-1])

    def choices(n: int) -> range:
        return range(len(gaps[m]), len(gaps[m]) + 1) if n == m - 1 else range(len(gaps[n + 1]) + 1)

    @functools.cache
    def best(n: int, a: int) -> tuple[float, int]:
        """(least cost of anchors n… with ``a`` pieces above anchor n, how many splits reach it)."""
        if n == m:
            return (0, 1)
        found: tuple[float, int] = (float("inf"), 0)
        for b in choices(n):
            here = cost(n, a, b)
            if here is None:
                continue
            rest, ways = best(n + 1, len(gaps[n + 1]) - b) if n + 1 < m else (0, 1)
            if here + rest < found[0]:
                found = (here + rest, ways)
            elif here + rest == found[0]:
                found = (found[0], found[1] + ways)
        return found

    total, ways = best(0, len(gaps[0]))
    if total == float("inf"):
        return None
    above, below, doubt = [len(gaps[0])], [], None
    for n in range(m):
        a = above[-1]
        options = []
        for b in choices(n):
            here = cost(n, a, b)
            if here is not None:
                rest = best(n + 1, len(gaps[n + 1]) - b)[0] if n + 1 < m else 0
                options.append((here + rest, b, here))
        score = min(o[0] for o in options)
        # on a tie the pieces go to the name above, as a wrapped line is read anywhere else (flagged)
        picked = sorted((o for o in options if o[0] == score), key=lambda o: -o[1])
        if doubt is None and (len(picked) > 1 or picked[0][2] > 0):
            doubt = n
        below.append(picked[0][1])
        if n + 1 < m:
            above.append(len(gaps[n + 1]) - picked[0][1])
    return above, below, doubt
