"""The once-a-line helpers of form/tokens.py that replaced per-space scans (a long line was
quadratic) answer exactly what the scans answered, on random lines of brackets and spaces."""

from __future__ import annotations

import random

from assistant.extract.parsers.form.levels import _label_events
from assistant.extract.parsers.form.tokens import _closed_later, _depth, _inside_any, _open_brackets


def _old_depth(text: str, pos: int) -> int:
    head = text[:pos]
    return max(0, sum(head.count(c) for c in "(（[【") - sum(head.count(c) for c in ")）]】"))


def _old_closed_later(text: str, pos: int) -> bool:
    tail = text[pos:]
    return sum(tail.count(c) for c in ")）]】") > sum(tail.count(c) for c in "(（[【")


def test_bracket_depth_from_prefix_sums_is_the_count_before_each_place():
    rng = random.Random(13)
    for _ in range(200):
        text = "".join(rng.choice("ab (（[【)）]】 ") for _ in range(rng.randint(0, 40)))
        net = _open_brackets(text)
        for pos in range(len(text) + 1):
            assert _depth(net, pos) == _old_depth(text, pos)
            assert _closed_later(net, pos) == _old_closed_later(text, pos)


def test_inside_any_is_a_strict_containment_by_any_span():
    rng = random.Random(7)
    for _ in range(300):
        spans = [(a, a + rng.randint(0, 8)) for a in (rng.randint(0, 30) for _ in range(rng.randint(0, 6)))]
        inside = _inside_any(spans)
        for start in range(0, 35):
            for end in range(start, start + 6):
                assert inside(start, end) == any(a < start and end < b for a, b in spans)


def test_centred_labels_solved_the_same_with_shared_tails():
    """Labels centred in their groups: every way to size the groups is still found (the ways
    are built as shared tails now), so the rows two ways disagree on stay guesses."""
    a, b, c = "A", "B", "C"
    assert _label_events([(1, a), (3, b), (4, c)], 6) == [a, a, a, b, c, c]
    got = _label_events([(1, a), (4, b), (7, c)], 9)
    plain = [x if isinstance(x, str) else (x.token, x.options) for x in got]
    assert plain == [a, a, a, (b, [b, b, a, a]), b, (b, [b, b, c, b]), (c, [c, b, c, c]), c, c]
