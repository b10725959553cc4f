"""Drafting measurable 绩效指标 for a new project.

types.py (the project-type file: standard indicators per type, type and sector from the
name and goal) and guard.py (is an indicator about this project?) → corpus.py and
library.py (what to learn from: the seed and the real corpus, packaged; the user's tables) →
retrieve.py (similar projects; guarded indicators of the same type/sector), common.py (the
generic names many tables write the same way) and phrasing.py (the effects the goal states) →
adapt.py
(offline drafting) or llm.py (LLM drafting, checked by the guard and the linter) →
evaluation.py (leave-one-out over the gold, by sector) and calibrate.py (the guard's
threshold, on the dev split). models.py holds the records.
"""

from __future__ import annotations

from typing import Any

from .models import Draft, DraftIndicator, DraftRequest

__all__ = ["Draft", "DraftIndicator", "DraftRequest", "DRAFT_BACKENDS", "draft"]

#: "library" needs nothing; "llm" needs an endpoint (assistant.llm.LLMConfig)
DRAFT_BACKENDS = ("library", "llm")


def draft(request: DraftRequest, library, backend: str = "library", **options: Any) -> Draft:
    """Draft indicators for one project: the one place a drafting backend is chosen.

    Options: ``max_indicators``; for ``library``: ``retriever``, ``threshold``; for ``llm``:
    ``config`` (else the environment), ``retries``.

    Raises:
        ValueError: an unknown backend.
    """
    max_indicators = options.get("max_indicators", 12)
    if backend == "library":
        from .adapt import draft_offline

        return draft_offline(
            request,
            library,
            max_indicators=max_indicators,
            **{k: options[k] for k in ("retriever", "threshold") if options.get(k) is not None},
        )
    if backend == "llm":
        from ..llm import LLMConfig
        from .llm import draft_with_llm

        config = options.get("config") or LLMConfig.from_env()
        return draft_with_llm(
            request, library, config=config, retries=options.get("retries", 2), max_indicators=max_indicators
        )
    raise ValueError(f"unknown drafting backend {backend!r}; choose {' or '.join(DRAFT_BACKENDS)}")
