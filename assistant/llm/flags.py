"""Compact per-field flags: low-confidence and ungrounded values, kept in the default JSON.

Spans (offsets, alignment, confidence) are written only with ``--with-spans``; the flags a
clerk must see are not. :func:`record_flags` puts one small entry per doubtful value under
``meta.extra["flags"]``, so ``validate``/``lint`` and the review page can show them from a
plain ``extract`` output; :func:`flags_of` reads them back, from spans when the table has
them, else from the meta.
"""

from __future__ import annotations

from typing import Any

from ..checks.validate import LOW_CONFIDENCE
from ..schema import BudgetTable

__all__ = ["flags_of", "has_spans", "record_flags"]


def _from_spans(table: BudgetTable) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(spans: dict, where: dict[str, Any]) -> None:
        for field, span in spans.items():
            low = span.confidence is not None and span.confidence < LOW_CONFIDENCE
            if low or span.alignment == "ungrounded":
                out.append(
                    {
                        **where,
                        "field": field,
                        "alignment": span.alignment,
                        "confidence": span.confidence,
                        "row": span.row,
                    }
                )

    add(table.spans, {})
    for u, unit in enumerate(table.units):
        add(unit.spans, {"unit": u, "name": unit.name})
        for p, project in enumerate(unit.projects):
            where = {"unit": u, "project": p, "name": project.name}
            add(project.spans, where)
            for ind in project.indicators:
                add(ind.spans, {**where, "seq": ind.seq})
    return out


def record_flags(table: BudgetTable) -> None:
    """Store the table's flags under ``meta.extra["flags"]`` (the table must have meta)."""
    if table.meta is not None:
        table.meta.extra["flags"] = _from_spans(table)


def has_spans(table: BudgetTable) -> bool:
    return bool(table.spans) or any(u.spans for u in table.units) or any(p.spans for p in table.projects())


def flags_of(table: BudgetTable) -> list[dict[str, Any]]:
    """The table's flags: from its spans when it has them, else those stored in its meta."""
    if has_spans(table):
        return _from_spans(table)
    stored = table.meta.extra.get("flags") if table.meta is not None else None
    return [f for f in stored if isinstance(f, dict)] if isinstance(stored, list) else []
