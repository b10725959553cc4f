"""One runner for the rewrite benches: a copy read by the rules, scored on a gold, tallied by label.

Every rewrite bench (``benchmarks/bench_src_wraps.py``, ``bench_run_rewrites.py``,
``bench_cell_rewrites.py``, ``bench_level_rewrites.py``, ``bench_leftover_rows.py --scaffold``,
``bench_trad_pipe_rewrites.py``, ``bench_field_rewrites.py``, ``bench_run_copies.py``,
``bench_real_copies.py``) does the same three things with a copy of a dev document: read its text
as a ``.txt`` file with the rules (a refusal is an outcome, not an error), score the reading
against a gold as the eval does (``score_table`` with the reading's flags, so a wrong project no
flag names is *silent*), and add the samples up per kind or layout. The one way of doing each is
here; a bench keeps only its choice of copies and its printed lines.
"""

from __future__ import annotations

import collections
from collections.abc import Callable


def read_copy(text: str):
    """The rules' reading of a copy's text (a ``copy.txt`` file), or None when they refuse it."""
    from assistant.errors import AssistantError
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    try:
        return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")
    except AssistantError:
        return None


def copy_indicators(text: str) -> list[tuple]:
    """The (seq, name, 年度指标值) of every indicator the rules read in a copy's text, in the
    interchange's form; a refusal raises, so a test that expects rows fails on it."""
    from assistant.export import to_interchange
    from assistant.extract import extract
    from assistant.ingest import read_bytes

    table = extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")
    return [
        (i["seq"], i["name"], i["annual_value"])
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]


def score_reading(
    gold: dict, table, record: str = "copy", unit: bool = False, convert: Callable[[dict], dict] | None = None
) -> list[dict]:
    """The samples of a reading (``read_copy``) against ``gold`` (an interchange dict); a refused
    reading (None) misses every gold project. ``unit``: the reading's amounts put in the gold's
    currency unit first (a copy may state them in 元 where the gold says 万元); ``convert``: a
    function applied to both the gold and the reading (a traditional copy scored in simplified
    characters)."""
    from assistant.evaluate.metrics import project_flags, score_table
    from assistant.export import to_interchange

    if table is None:
        return score_table(gold, None, record=record)
    pred = to_interchange(table, with_meta=False)
    if unit:
        from field_rewrites import _in_unit

        pred = _in_unit(pred, gold.get("currency_unit"))
    if convert is not None:
        gold, pred = convert(gold), convert(pred)
    return score_table(gold, pred, record=record, pred_flags=project_flags(table))


def score_copy(
    gold: dict, text: str, record: str = "copy", unit: bool = False, convert: Callable[[dict], dict] | None = None
) -> list[dict] | None:
    """The samples of a copy's text against ``gold``; None when the rules refuse it."""
    table = read_copy(text)
    return None if table is None else score_reading(gold, table, record, unit, convert)


def metrics(samples: list[dict]) -> dict:
    """The eval's pooled metrics of samples (strict / lenient indicator F1, name, amounts, silent …)."""
    from assistant.evaluate.metrics import summarize

    return summarize(samples)["metrics"]


def _unflagged(samples: list[dict]) -> list[tuple[str, str]]:
    """(which, field) of each matched project's name, amounts or goal that is wrong while no flag
    names that field (the rule of ``benchmarks/field_flags.py``); ``which`` is the sample's record,
    or its gold project's name when the record says nothing (``copy``)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from field_flags import unflagged

    out = []
    for s in samples:
        for record, field, _ in unflagged([s])[2]:
            out.append((record if record != "copy" else (s.get("gold") or {}).get("name") or record, field[3:]))
    return out


def f3(x: float | None) -> str:
    """A metric as the benches print it: three decimals, or a dash when there was nothing to score."""
    return f"{x:.3f}" if x is not None else "  -  "


class Tally:
    """What a bench's copies add up to, per label (a kind, a layout, or a pair of them): their
    samples, how many copies were read and refused, how many read entirely right, how many a bench
    has printed (``shown``), and the silent projects of all labels but the reference ones (a copy
    as the source is, kept to compare)."""

    def __init__(self) -> None:
        self.samples: dict[object, list[dict]] = collections.defaultdict(list)
        self.copies: collections.Counter = collections.Counter()
        self.refused: collections.Counter = collections.Counter()
        self.right: collections.Counter = collections.Counter()
        self.shown: collections.Counter = collections.Counter()
        self.silent = 0
        # a project field (name, amounts, goal) wrong with no flag naming it, though another
        # field's flag keeps its project from counting as silent: (label, record, field)
        self.silent_fields: list[tuple[object, str, str]] = []

    def add(self, label: object, samples: list[dict] | None, reference: bool = False, missed: list[dict] = ()):
        """One copy's samples (None: refused, then ``missed`` stand for it: the gold's projects
        all missed, or nothing when the bench leaves a refused copy out of its F1). Returns the
        copy's metrics, None when refused."""
        self.copies[label] += 1
        if samples is None:
            self.refused[label] += 1
            if missed:
                self.samples[label] += missed
            return None
        self.samples[label] += samples
        self.right[label] += not any(s["differences"] for s in samples)
        m = metrics(samples)
        if not reference:
            self.silent += m["silent_errors"]
            self.silent_fields += [(label, which, field) for which, field in _unflagged(samples)]
        return m

    def field_report(self, show: int = 0) -> str:
        """A line counting the silent fields per field, and the first ``show`` of them."""
        counts = collections.Counter(field for _, _, field in self.silent_fields)
        line = "silent fields: " + "  ".join(f"{f} {counts[f]}" for f in ("project_name", "amounts", "goal_exact"))
        listed = [f"    {label}: {record} {field}" for label, record, field in self.silent_fields[:show]]
        return "\n".join([line, *listed])

    def pooled(self, *labels: object) -> list[dict]:
        """The samples of several labels together (all of them when none is given)."""
        return [s for label in (labels or tuple(self.samples)) for s in self.samples[label]]

    def total(self, counter: collections.Counter, *labels: object) -> int:
        return sum(counter[label] for label in (labels or tuple(self.samples)))
