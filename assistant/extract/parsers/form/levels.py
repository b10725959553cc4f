"""TODO levels"""

from __future__ import annotations

import functools
import itertools

from .tokens import Token


class _Guess:
    """A label placed on an indicator above every label of its column: the rows above the
    first label have no label of their own, so which group they belong to is a guess."""

    __slots__ = ("token", "options")

    def __init__(self, token: Token, options: list[Token | None] | None = None):
        self.token = token
        self.options = [x for x in (options or [token]) if x is not None]  # the labels it may be


def _label_events(events: list[tuple[int, Token]], count: int) -> list[Token | _Guess | None]:
    """Which label each of ``count`` indicators falls under, from (indicator index, label).

    A label on the first indicator means labels head their groups (carried down). Otherwise
    they are centred in their groups: groups are rebuilt so that each label sits in the
    middle row (upper middle for an even group), trying both sizes a centred label allows.
    """
    if not events or count == 0:
        return [None] * count
    mids = [m for m, _ in events]

    @functools.cache
    def solve(k: int, start: int) -> list[list[int]]:
        """Every way to size the groups from label k on, starting at row ``start``."""
        if k == len(mids) - 1:
            size = count - start
            return [[size]] if size >= 1 and (size - 1) // 2 <= mids[k] - start <= size // 2 else []
        found: list[list[int]] = []
        for size in (2 * (mids[k] - start) + 1, 2 * (mids[k] - start) + 2):
            if size >= 1 and start + size <= mids[k + 1]:
                found += [[size, *rest] for rest in solve(k + 1, start + size)][:4]
        return found

    solutions = solve(0, 0) if all(m < count for m in mids) else []
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
        # rows above the first label take it only when its group is long enough to reach them
        # (a guess, said so); above a label whose group is shorter they have no label at all
        reach = mids[1] - mids[0] if len(mids) > 1 else count
        return [
            (_Guess(events[0][1]) if mids[0] - i < reach else None)
            if i < mids[0]
            else min(events, key=lambda e: (abs(e[0] - i), e[0]))[1]
            for i in range(count)
        ]
    readings = [[label for size, (_, label) in zip(sizes, events) for _ in range(size)] for sizes in solutions]
    # a label centred in a group of 2k+1 or of 2k+2 rows: where both fit, the row between is a guess
    return [
        column[0] if all(x is column[0] for x in column) else _Guess(column[0], list(column))
        for column in zip(*readings)
    ]
