"""The regression gate: fail a run that scores under a floor or drops below a baseline.

``--fail-under indicator_f1=0.98,amounts=1.0`` sets floors; ``--baseline RUN`` with
``--tolerance T`` says no metric may fall more than T below that run (or, for metrics
where lower is better such as ``goal_cer``, rise more than T above it). Slice metrics
are named ``SLICE/metric`` (``ocr/indicator_f1``). A gate that fails names every metric
that fell short; bad gate syntax is a configuration error (exit 2), not a failed gate.
"""

from __future__ import annotations

import math
from typing import Any

from .metrics import LOWER_IS_BETTER

__all__ = ["GateSyntaxError", "parse_thresholds", "flat_metrics", "check_gate", "check_threshold_range"]

#: metrics that count things (everything else is a share between 0 and 1)
_COUNTS = (
    "read_failures",
    "errors",
    "vague_values",
    "duplicates",
    "lint_errors",
    "documents",
    "projects",
    "indicators",
    "requests",
    "tokens",
    "gold_vague_values",
    "gold_duplicates",
)


class GateSyntaxError(ValueError):
    """A --fail-under spec that cannot be read, or names a metric the run does not have."""


def parse_thresholds(spec: str | None) -> dict[str, float]:
    """``"indicator_f1=0.98,amounts=1.0"`` -> ``{"indicator_f1": 0.98, "amounts": 1.0}``."""
    if not spec or not spec.strip():
        return {}
    thresholds: dict[str, float] = {}
    for part in spec.split(","):
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not name:
            raise GateSyntaxError(f"{part.strip()!r} is not METRIC=VALUE (for example indicator_f1=0.98)")
        try:
            number = float(value)
        except ValueError:
            raise GateSyntaxError(f"{part.strip()!r}: {value.strip()!r} is not a number") from None
        if math.isnan(number):
            raise GateSyntaxError(f"{part.strip()!r}: the threshold is not a number")
        thresholds[name] = number
    return thresholds


def flat_metrics(summary: dict[str, Any]) -> dict[str, Any]:
    """The run's metrics, and each slice's as ``SLICE/metric``."""
    flat = dict(summary.get("metrics", {}))
    for name, part in (summary.get("slices") or {}).items():
        for metric, value in part.get("metrics", {}).items():
            flat[f"{name}/{metric}"] = value
    return flat


def _is_score(name: str, value: Any) -> bool:
    """Ratios (floats) are gated against a baseline; counts (ints) and timings are not."""
    metric = name.rsplit("/", 1)[-1].rsplit(".", 1)[-1]
    if metric == "seconds" or metric.endswith("_seconds"):
        return False
    return isinstance(value, float) and not math.isnan(value)


def check_gate(
    summary: dict[str, Any],
    thresholds: dict[str, float] | None = None,
    baseline: dict[str, Any] | None = None,
    tolerance: float = 0.0,
) -> list[str]:
    """What fell short, one message per metric; an empty list means the gate passes.

    Raises:
        GateSyntaxError: a threshold names a metric this run does not have.
    """
    current = flat_metrics(summary)
    unknown = [name for name in (thresholds or {}) if name not in current]
    if unknown:
        known = ", ".join(k for k in current if "/" not in k)
        raise GateSyntaxError(f"unknown metric(s) {', '.join(unknown)}; this run has: {known}")
    failures = []
    for name, floor in (thresholds or {}).items():
        value = current[name]
        if value is None:
            failures.append(f"{name} is undefined in this run (nothing to score), needs ≥ {floor:g}")
        elif value < floor:
            failures.append(f"{name} = {value:.4f} is under {floor:g}")
    if baseline is not None:
        before = flat_metrics(baseline)
        for name, value in current.items():
            old = before.get(name)
            if not (_is_score(name, value) and _is_score(name, old)):
                continue
            metric = name.rsplit("/", 1)[-1]
            if metric in LOWER_IS_BETTER:
                if value > old + tolerance + 1e-12:
                    failures.append(
                        f"{name} rose {old:.4f} → {value:.4f} (baseline {baseline.get('run_id', '')}, tolerance {tolerance:g})"
                    )
            elif value < old - tolerance - 1e-12:
                failures.append(
                    f"{name} fell {old:.4f} → {value:.4f} (baseline {baseline.get('run_id', '')}, tolerance {tolerance:g})"
                )
    return failures


def check_threshold_range(thresholds: dict[str, float]) -> None:
    """A floor on a share must lie between 0 and 1 (``indicator_f1=1.5`` can never pass), a count's at 0 or above.

    Raises:
        GateSyntaxError: naming the metric and the allowed range.
    """
    for name, value in thresholds.items():
        metric = name.rsplit("/", 1)[-1].rsplit(".", 1)[-1]
        counts = metric in _COUNTS or metric.endswith("seconds")
        if value < 0 or (not counts and value > 1):
            allowed = "0 or more" if counts else "between 0 and 1"
            raise GateSyntaxError(f"{name}={value:g}: a floor for {metric} must be {allowed}")
