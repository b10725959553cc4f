"""What changed between two runs, metric by metric and sample by sample.

Samples are paired by their stable ``sample_id`` (``record/slice/g<index>``). Newly failing
samples come first: they are what a maintainer has to look at before merging.
"""

from __future__ import annotations

from typing import Any

from .gate import flat_metrics
from .report import format_value
from .runs import Run

__all__ = ["compare_runs", "format_comparison"]


def _delta(a: Any, b: Any) -> float | None:
    if (
        isinstance(a, (int, float))
        and isinstance(b, (int, float))
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    ):
        return b - a
    return None


def compare_runs(a: Run, b: Run) -> dict[str, Any]:
    """Changed metrics and samples of run ``b`` against run ``a`` (a JSON-ready dict)."""
    ma, mb = flat_metrics(a.summary), flat_metrics(b.summary)
    metrics = []
    for name in list(dict.fromkeys([*ma, *mb])):
        va, vb = ma.get(name), mb.get(name)
        if va != vb:
            metrics.append({"metric": name, "a": va, "b": vb, "delta": _delta(va, vb)})

    sa = {s["sample_id"]: s for s in a.samples if "sample_id" in s}
    sb = {s["sample_id"]: s for s in b.samples if "sample_id" in s}
    newly_failing, newly_passing, still_failing = [], [], []
    for sid, sample in sb.items():
        old = sa.get(sid)
        if old is None:
            continue
        entry = {
            "sample_id": sid,
            "project": sample.get("project"),
            "a": old.get("differences") or [],
            "b": sample.get("differences") or [],
        }
        if old.get("passed") and not sample.get("passed"):
            newly_failing.append(entry)
        elif not old.get("passed") and sample.get("passed"):
            newly_passing.append(entry)
        elif not sample.get("passed") and entry["a"] != entry["b"]:
            still_failing.append(entry)
    return {
        "a": a.run_id,
        "b": b.run_id,
        "metrics": metrics,
        "newly_failing": newly_failing,
        "newly_passing": newly_passing,
        "still_failing_changed": still_failing,
        "only_in_a": [sid for sid in sa if sid not in sb],
        "only_in_b": [sid for sid in sb if sid not in sa],
    }


def format_comparison(result: dict[str, Any], limit: int = 50) -> str:
    """The comparison as text: newly failing samples first, then metric changes, then the rest."""
    lines = [f"compare {result['a']} → {result['b']}", ""]

    def section(title: str, entries: list[dict[str, Any]], show: str) -> None:
        lines.append(f"{title}: {len(entries)}")
        for e in entries[:limit]:
            what = ", ".join(e[show]) if e[show] else "ok"
            lines.append(f"  {e['sample_id']}  {e.get('project') or ''}  {what}")
        if len(entries) > limit:
            lines.append(f"  … {len(entries) - limit} more")
        lines.append("")

    section("newly failing samples", result["newly_failing"], "b")
    lines.append(f"metrics changed: {len(result['metrics'])}")
    for m in result["metrics"]:
        delta = "" if m["delta"] is None else f"  ({m['delta']:+.4f})"
        lines.append(f"  {m['metric']:<36} {format_value(m['a']):>10} → {format_value(m['b']):<10}{delta}")
    lines.append("")
    section("newly passing samples", result["newly_passing"], "a")
    section("still failing, differently", result["still_failing_changed"], "b")
    for key, title in (
        ("only_in_a", f"samples only in {result['a']}"),
        ("only_in_b", f"samples only in {result['b']}"),
    ):
        if result[key]:
            lines.append(f"{title}: {len(result[key])}  " + " ".join(result[key][:limit]))
    return "\n".join(lines).rstrip() + "\n"
