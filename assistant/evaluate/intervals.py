"""How far a corpus score can be trusted: 95% intervals by resampling documents.

A real-corpus split holds a few dozen documents, so "test F1 0.30" alone hides how much a
different draw of sites would move it. The interval resamples *documents* (a document's
projects and indicators stay together, as they were published together) and recomputes
the run's own :func:`~.metrics.summarize` on each draw: the percentile bootstrap. A rate
that came out 0 (``silent_error_rate``) has no spread to resample; its upper bound is the
rule of three, 3 / n projects, which is what "none seen in n" can promise at 95%.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from .metrics import summarize

__all__ = ["INTERVAL_METRICS", "bootstrap_intervals"]

#: the headline metrics given an interval
INTERVAL_METRICS = (
    "indicator_f1",
    "indicator_f1_lenient",
    "project_name",
    "amounts",
    "goal_exact",
    "silent_error_rate",
)


def _percentile(values: list[float], q: float) -> float:
    """The q-quantile of sorted ``values`` by linear interpolation (numpy's default)."""
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def bootstrap_intervals(
    samples: list[dict[str, Any]],
    documents: list[dict[str, Any]],
    *,
    metrics: tuple[str, ...] = INTERVAL_METRICS,
    draws: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, dict[str, Any]]:
    """``{metric: {"low", "high", "documents", "method"}}`` for each metric the run defines.

    Fewer than two documents give no interval (an empty dict): one document says nothing
    about the next. The draw is seeded so a run's report is reproducible.
    """
    by_record: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for sample in samples:
        by_record[sample["record"]][0].append(sample)
    for document in documents:
        by_record[document["record"]][1].append(document)
    records = sorted(by_record)
    if len(records) < 2:
        return {}
    point = summarize(samples, documents)["metrics"]
    rng = random.Random(seed)
    values: dict[str, list[float]] = {m: [] for m in metrics}
    for _ in range(draws):
        drawn_samples: list[dict[str, Any]] = []
        drawn_documents: list[dict[str, Any]] = []
        for record in rng.choices(records, k=len(records)):
            drawn_samples += by_record[record][0]
            drawn_documents += by_record[record][1]
        drawn = summarize(drawn_samples, drawn_documents)["metrics"]
        for metric in metrics:
            if drawn.get(metric) is not None:
                values[metric].append(drawn[metric])
    tail = (1 - level) / 2
    out: dict[str, dict[str, Any]] = {}
    for metric in metrics:
        if point.get(metric) is None or not values[metric]:
            continue
        if metric == "silent_error_rate" and point[metric] == 0:
            projects = point["projects_pred"]
            out[metric] = {
                "low": 0.0,
                "high": min(1.0, 3 / projects),
                "documents": len(records),
                "method": "rule of three",
            }
            continue
        ordered = sorted(values[metric])
        out[metric] = {
            "low": _percentile(ordered, tail),
            "high": _percentile(ordered, 1 - tail),
            "documents": len(records),
            "method": "bootstrap",
        }
    return out
