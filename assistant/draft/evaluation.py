"""Leave-one-out evaluation of drafting over the gold.

For each non-classified gold project: draft from its name, goal and budget only, with that
project removed from the library, and measure the draft the way a reviewer would (share of
quantified targets, valid code pairs, coverage of 产出/效益/满意度, vague values,
duplicates) and how close it comes to what the clerks actually wrote (relevance).

``relevance`` is, for each gold indicator name, the best rapidfuzz ``fuzz.ratio`` (0–1,
character-level) against the drafted names, averaged over the gold indicators. Two
reference points are reported next to it: ``gold_*`` — the same quality measures for the
project's own gold indicators — and ``baseline_relevance`` — the relevance of the nearest
other library project's indicators copied as they are (retrieval without adaptation).

The eval harness (``python cli.py eval draft``) calls :func:`evaluate_drafting`.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ..checks import lint_stats
from ..schema import Project
from .library import Library, load_library
from .models import Draft, DraftRequest
from .retrieve import Retriever

__all__ = ["evaluate_drafting", "relevance", "TARGETS"]

#: the issue's targets on the seed
TARGETS = {"quantified_share": 0.95, "valid_pair_share": 1.0, "full_coverage_share": 1.0}


def _fold(name: str | None) -> str:
    return unicodedata.normalize("NFKC", name or "").replace(" ", "")


def relevance(gold_names: list[str], drafted_names: list[str]) -> float:
    """Mean over gold names of the best rapidfuzz ratio (0–1) against the drafted names."""
    gold = [_fold(n) for n in gold_names if n]
    drafted = [_fold(n) for n in drafted_names if n]
    if not gold or not drafted:
        return 0.0
    return round(sum(max(fuzz.ratio(g, d) for d in drafted) for g in gold) / (100 * len(gold)), 4)


def _draft(request: DraftRequest, library: Library, backend: str, options: dict[str, Any]) -> Draft:
    if backend == "library":
        from .adapt import draft_offline

        return draft_offline(request, library, retriever=Retriever(library),
                             max_indicators=options.get("max_indicators", 10))
    if backend == "llm":
        from ..llm import LLMConfig
        from .llm import draft_with_llm

        config = options.get("config") or LLMConfig.from_env()
        return draft_with_llm(request, library, config=config, retries=options.get("retries", 2),
                              max_indicators=options.get("max_indicators", 10))
    raise ValueError(f"unknown drafting backend {backend!r}; choose library or llm")


def _measures(project: Project, prefix: str = "") -> dict[str, Any]:
    stats = lint_stats([project])
    return {
        f"{prefix}indicators": stats["indicators"],
        f"{prefix}quantified": stats["quantified"],
        f"{prefix}quantified_share": stats["quantified_share"],
        f"{prefix}valid_pairs": stats["valid_pairs"],
        f"{prefix}valid_pair_share": stats["valid_pair_share"],
        f"{prefix}covers_all": bool(stats["full_coverage"]),
        f"{prefix}vague_values": stats["vague_values"],
        f"{prefix}duplicates": stats["duplicates"],
        f"{prefix}lint_errors": stats["errors"],
    }


def evaluate_drafting(gold_path: str | Path | None = None, *, backend: str = "library",
                      projects: list[str] | None = None, **options: Any) -> tuple[list[dict], dict]:
    """Leave-one-out drafting over the gold; returns (one dict per project, the overall summary).

    Args:
        gold_path: a gold folder or file (default: the checkout's ``gold/``).
        backend: ``library`` (offline) or ``llm`` (needs ``config=LLMConfig`` or the env).
        projects: only these gold project names (default: every non-classified one).
        **options: ``max_indicators``, and for the LLM ``config``, ``retries``; ``progress``
            a callable ``progress(done, total, name)`` for a progress bar.
    """
    started = time.perf_counter()
    library = load_library(gold_path, include_user=False)
    chosen = [p for p in library.projects if projects is None or p.name in set(projects)]
    if projects is not None:
        missing = set(projects) - {p.name for p in chosen}
        if missing:
            raise ValueError(f"not gold projects: {', '.join(sorted(missing))}")
    progress = options.get("progress")
    samples: list[dict] = []
    last_model = last_prompt = None
    for n, entry in enumerate(chosen, 1):
        gold = entry.project
        rest = library.without({gold.name})
        request = DraftRequest(name=gold.name, goal=gold.goal or "", budget=gold.amounts.total)
        t0 = time.perf_counter()
        draft = _draft(request, rest, backend, options)
        seconds = time.perf_counter() - t0
        drafted = draft.project()
        last_model, last_prompt = draft.model, f"{draft.prompt_id}@{draft.prompt_version}"
        gold_names = [i.name for i in gold.indicators]
        nearest = Retriever(rest).similar_projects(f"{gold.name} {gold.goal or ''}", k=1)
        baseline = [i.name for i in nearest[0][0].project.indicators] if nearest else []
        samples.append({
            "record": entry.source,
            "project": gold.name,
            "backend": backend,
            **_measures(drafted),
            "relevance": relevance(gold_names, [i.name for i in drafted.indicators]),
            **_measures(gold, "gold_"),
            "baseline_project": nearest[0][0].name if nearest else None,
            "baseline_relevance": relevance(gold_names, baseline),
            "passed": not any(f["severity"] == "error" for f in draft.findings) and bool(drafted.indicators),
            "attempts": draft.attempts,
            "remaining_findings": [f["code"] for f in draft.findings],
            "seconds": round(seconds, 3),
            "drafted": [{"code": f"{i.level1_code}/{i.level2_code}", "name": i.name, "annual_value": i.annual_value,
                         "adapted_from": i.adapted_from} for i in draft.indicators],
        })
        if progress:
            progress(n, len(chosen), gold.name)
    summary = _summary(samples, backend, time.perf_counter() - started)
    if backend == "llm" and samples:
        summary["model"] = last_model
        summary["prompt_version"] = last_prompt
    return samples, summary


def _summary(samples: list[dict], backend: str, seconds: float) -> dict:
    def pooled(part: str, whole: str) -> float:
        total = sum(s[whole] for s in samples)
        return round(sum(s[part] for s in samples) / total, 4) if total else 0.0

    def mean(key: str) -> float:
        return round(sum(s[key] for s in samples) / len(samples), 4) if samples else 0.0

    summary: dict[str, Any] = {"backend": backend, "projects": len(samples), "seconds": round(seconds, 2),
                               "passed_share": mean("passed")}
    for prefix in ("", "gold_"):
        summary.update({
            f"{prefix}indicators": sum(s[f"{prefix}indicators"] for s in samples),
            f"{prefix}quantified_share": pooled(f"{prefix}quantified", f"{prefix}indicators"),
            f"{prefix}valid_pair_share": pooled(f"{prefix}valid_pairs", f"{prefix}indicators"),
            f"{prefix}full_coverage_share": mean(f"{prefix}covers_all"),
            f"{prefix}vague_values": sum(s[f"{prefix}vague_values"] for s in samples),
            f"{prefix}duplicates": sum(s[f"{prefix}duplicates"] for s in samples),
            f"{prefix}lint_errors": sum(s[f"{prefix}lint_errors"] for s in samples),
        })
    summary["relevance"] = mean("relevance")
    summary["baseline_relevance"] = mean("baseline_relevance")
    summary["targets"] = dict(TARGETS)
    summary["targets_met"] = all(summary[k] >= v for k, v in TARGETS.items()) if samples else False
    return summary
