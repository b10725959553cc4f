"""Huge one-line texts read in bounded time and without a crash (benchmarks/bench_long_lines.py
prints the times at 1 MB): a quadratic pass or a recursion per label shows here, not as a stuck CI."""

from __future__ import annotations

import time

import fuzzing
import pytest
from long_lines import TEXTS

from assistant.extract.parsers.form.levels import _label_events

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_a_long_line_reads_in_bounded_time(name):
    data = TEXTS[name](25_000)
    started = time.perf_counter()
    with fuzzing.stub_ocr(), fuzzing.time_limit(90, fuzzing.describe(data, ".txt")):
        assert fuzzing.run_reader(data, ".txt") in ("ok", "refused")
    assert time.perf_counter() - started < 90


def test_thousands_of_level_labels_are_grouped_without_recursion():
    """A grid repeated along a 100 KB line has more 二级 labels than Python's stack frames."""
    events = [(3 * k + 1, object()) for k in range(3000)]
    labels = _label_events(events, 9000)
    assert len(labels) == 9000 and labels[1] is events[0][1] and labels[-2] is events[-1][1]


def test_a_blank_line_is_no_quadratic_level_heading():
    """Two runs of spaces in a row in a regex split a blank line every way: 20 000 spaces took
    seconds in prose_indicators._LEVEL1_HEAD; now its number owns the spaces after it."""
    from assistant.extract.parsers.prose_indicators import _LEVEL1_HEAD

    started = time.perf_counter()
    assert list(_LEVEL1_HEAD.finditer(" " * 20_000 + "\n")) == []
    assert time.perf_counter() - started < 2
    assert _LEVEL1_HEAD.search("(1) 产出指标。")["label"] == "产出指标"
