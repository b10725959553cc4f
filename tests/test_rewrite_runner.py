"""The rewrite benches' shared runner (tests/rewrite_runner.py): a copy read, scored and tallied
the same way whichever bench made it."""

from __future__ import annotations

from dev_gold import dev_gold
from rewrite_runner import Tally, metrics, read_copy, score_copy, score_reading


def _first_dev_document():
    """A dev document with indicators and its source: (gold, source text)."""
    for folder, gold in dev_gold():
        if (folder / "source.txt").exists() and any(p["indicators"] for u in gold["units"] for p in u["projects"]):
            return gold, (folder / "source.txt").read_text(encoding="utf-8")
    raise AssertionError("no dev document with indicators")


def test_a_refused_copy_is_none_and_misses_every_gold_project():
    gold, _ = _first_dev_document()
    assert read_copy("||||") is None and score_copy(gold, "||||") is None
    missed = score_reading(gold, None)
    assert missed and all(s["status"] == "missed" for s in missed)
    assert sum(s["ind_gold"] for s in missed) == sum(len(p["indicators"]) for u in gold["units"] for p in u["projects"])


def test_the_tally_counts_copies_refusals_right_and_silent_per_label():
    gold, text = _first_dev_document()
    samples = score_copy(gold, text)
    tally = Tally()
    m = tally.add("as_is", samples, reference=True)
    assert m == metrics(samples)
    assert tally.add("broken", None, missed=score_reading(gold, None)) is None
    assert tally.add("left_out", None) is None
    assert tally.copies == {"as_is": 1, "broken": 1, "left_out": 1}
    assert tally.refused == {"broken": 1, "left_out": 1}
    assert tally.right["as_is"] == (not any(s["differences"] for s in samples))
    assert "left_out" not in tally.samples  # a refusal with no missed samples stays out of the F1
    pooled = metrics(tally.pooled("as_is", "broken"))
    assert pooled["indicators_gold"] == 2 * metrics(samples)["indicators_gold"]
    assert tally.silent == 0  # the reference copy's silent projects are not counted
