"""Dev documents' own ``|`` rows with their 一级 / 二级 cells written the ways real forms write
them (tests/level_rewrites.py), read in their ``|`` rows and one cell per line, against the gold
the corpus conventions give: both levels joined in one cell (产出数量指标 → the 二级 name, no 一级
name), a 一级 cell holding only its score, one group's 一级 cell lost, item numbers restarting per
group. The floors sit a little below the figures the rules reach (benchmarks/bench_level_rewrites.py);
nothing may be silently wrong.
"""

from __future__ import annotations

import pytest
from level_rewrites import dev_documents, render, rewrite, score

from assistant.evaluate.metrics import summarize

#: (change, layout) → the strict indicator F1 the copies must reach
FLOORS = {
    ("merged", "pipe"): 0.9,
    ("merged", "lines"): 0.8,
    ("level1_score", "pipe"): 0.95,
    ("level1_score", "lines"): 0.85,
    ("level1_lost", "pipe"): 0.95,
    ("level1_lost", "lines"): 0.85,
    ("numbers_restart", "pipe"): 0.88,
    ("numbers_restart", "lines"): 0.78,
}


@pytest.fixture(scope="module")
def docs():
    found = dev_documents()
    assert len(found) >= 12
    return found


@pytest.mark.parametrize(("change", "layout"), list(FLOORS), ids=[f"{c}-{x}" for c, x in FLOORS])
def test_level_rewrites_reach_their_floor_and_say_what_they_miss(docs, change, layout):
    samples = []
    for doc in docs:
        pieces, gold = rewrite(doc, change)
        samples += score(doc, gold, render(pieces, layout))
    metrics = summarize(samples)["metrics"]
    assert metrics["silent_errors"] == 0
    assert metrics["indicator_f1"] >= FLOORS[(change, layout)]
