"""Which 一级 / 二级 label each indicator falls under. Merged cells show a label once per group,
on its first row or vertically centred; groups are rebuilt around the labels, and a row whose
group is only a guess is marked (:class:`_Guess`) so it is flagged, never silently placed.
"""

from __future__ import annotations

import itertools

from ....taxonomy import code_for_level2_name
from .labels import _bare, _level1_code
from .tokens import Token


class _Guess:
    """A label placed on an indicator above every label of its column: the rows above the
    first label have no label of their own, so which group they belong to is a guess."""

    __slots__ = ("token", "options")

    def __init__(self, token: Token, options: list[Token | None] | None = None):
        self.token = token
        self.options = [x for x in (options or [token]) if x is not None]  # the labels it may be


def _unrolled(way: tuple | None) -> list[int]:
    """The sizes of a way built as (size, rest) pairs, in order."""
    out = []
    while way is not None:
        size, way = way
        out.append(size)
    return out


def _label_events(events: list[tuple[int, Token]], count: int) -> list[Token | _Guess | None]:
    """Which label each of ``count`` indicators falls under, from (indicator index, label).

    A label on the first indicator means labels head their groups (carried down). Otherwise
    they are centred in their groups: groups are rebuilt so that each label sits in the
    middle row (upper middle for an even group), trying both sizes a centred label allows.
    """
    if not events or count == 0:
        return [None] * count
    mids = [m for m, _ in events]

    def sizes(k: int, start: int) -> list[int]:
        """The sizes a group centred on label k and starting at row ``start`` may have."""
        both = (2 * (mids[k] - start) + 1, 2 * (mids[k] - start) + 2)
        return [size for size in both if size >= 1 and start + size <= mids[k + 1]]

    def solve() -> list[list[int]]:
        """Every way to size the groups (at most four from each label on), from the last label
        back: a loop, not a recursion, as a long grid has more labels than Python's stack frames.
        A way is built as (size, rest) pairs sharing their tails and written out at the end:
        copying each way's list at each label made a grid of thousands of labels quadratic."""
        starts = [{0}]  # the rows a group of label k may start at
        for k in range(len(mids) - 1):
            starts.append({start + size for start in starts[k] for size in sizes(k, start)})
        last = len(mids) - 1
        ways: dict[int, list[tuple]] = {}
        for start in starts[last]:
            size = count - start
            ways[start] = [(size, None)] if size >= 1 and (size - 1) // 2 <= mids[last] - start <= size // 2 else []
        for k in range(last - 1, -1, -1):
            ways = {
                start: [way for size in sizes(k, start) for way in [(size, rest) for rest in ways[start + size]][:4]]
                for start in starts[k]
            }
        return [_unrolled(way) for way in ways[0]]

    solutions = solve() if all(m < count for m in mids) else []
    if events[0][0] == 0:
        # a label on the first row: labels head their groups, unless they also sit in the
        # middle of groups that read otherwise; the rows the two readings disagree on are guesses
        marks = dict(events)
        heading: list[Token | None] = list(
            itertools.accumulate((marks.get(i) for i in range(count)), lambda a, b: b or a)
        )
        centred = [[label for size, (_, label) in zip(sizes, events) for _ in range(size)] for sizes in solutions]
        return [
            h if all(c[i] is h for c in centred) or marks.get(i) is h else _Guess(h, [h, *(c[i] for c in centred)])
            for i, h in enumerate(heading)
        ]
    if not solutions:  # not centred after all: nearest label, earlier one on a tie
        # labels not centred head their groups, so the rows above the first label have no label
        # of this column (c10: four rows with none, then 时效指标 | 开工时限 on its group's first
        # row); the caller says so for each of them
        return [None if i < mids[0] else min(events, key=lambda e: (abs(e[0] - i), e[0]))[1] for i in range(count)]
    readings = [[label for size, (_, label) in zip(sizes, events) for _ in range(size)] for sizes in solutions]
    # a label centred in a group of 2k+1 or of 2k+2 rows: where both fit, the row between is a guess
    return [
        column[0] if all(x is column[0] for x in column) else _Guess(column[0], list(column))
        for column in zip(*readings)
    ]


def _item_labels(
    l1_events: list[tuple[int, Token]], l2_events: list[tuple[int, Token]], count: int
) -> tuple[list[Token | _Guess | None], list[Token | _Guess | None], dict[str, list[Token]], set[int]]:
    """The 一级 and the 二级 label of each of ``count`` items (a label, a guess or None), the
    一级 labels by their code, and the items left with no 二级 label because a new 一级 group
    starts there without one (the form's own reading, not a doubt)."""
    l2_labels = _label_events(l2_events, count)
    l1_labels = _label_events(l1_events, count)
    l1_by_code: dict[str, list[Token]] = {}
    for _, token in l1_events:
        l1_by_code.setdefault(_level1_code(token.text) or "", []).append(token)
    # a guessed 一级 label settled by the row's own 二级 label, where its code picks one of the
    # labels the row may be under
    for index, (l1, l2) in enumerate(zip(l1_labels, l2_labels)):
        if isinstance(l1, _Guess) and isinstance(l2, Token):
            code = code_for_level2_name(_bare(l2.text))
            if code and len(l1_by_code.get(code[0], [])) == 1 and any(x is l1_by_code[code[0]][0] for x in l1.options):
                l1_labels[index] = l1_by_code[code[0]][0]
    cleared: set[int] = set()
    if l1_events and l2_events and l1_events[0][0] == 0 and l2_events[0][0] == 0:
        # labels head their groups: a new 一级 group starts new 二级 groups, so a 一级 label
        # that changes with no 二级 label beside it leaves its rows without one (满意度指标 | | …)
        l2_at = {i for i, _ in l2_events}
        previous = None
        for i, token in l1_events:
            above = l1_labels[i - 1] if i > 0 else None
            starts = isinstance(above, Token) and above is not token  # the row above is surely in another group
            if previous is not None and _bare(token.text) != previous and i not in l2_at and starts:
                nxt = min((j for j in l2_at if j > i), default=count)
                # rows whose labels are guesses (centred labels may fit) stay guesses, said so
                firm = [
                    j
                    for j in range(i, nxt)
                    if not isinstance(l1_labels[j], _Guess) and not isinstance(l2_labels[j], _Guess)
                ]
                for j in firm:
                    l2_labels[j] = None
                cleared.update(firm)
            previous = _bare(token.text)
    return l1_labels, l2_labels, l1_by_code, cleared
