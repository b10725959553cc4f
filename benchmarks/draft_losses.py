"""Where drafting relevance is lost, per real indicator: not in the candidate pool at all (a
pool miss) or in the pool but not selected (a selection miss), by category code and by sector.

Per dev project (leave-one-out, as ``eval draft``), each gold indicator name gets two scores:
its best rapidfuzz ratio against the draft (what ``relevance`` averages) and against the whole
candidate pool (every name a generator proposes, before selection: ``adapt.candidate_pool``).

- ``pool miss``: the pool's best is below 0.5 — no generator proposes anything like it; only a
  new generator (or better phrasing) can help.
- ``selection miss``: the pool holds a name at least 0.1 closer than anything drafted — the
  candidates were there, the selection (``select.choose``) left them out.
- ``hit``: the rest.

``lost`` columns: the mean relevance points (0–1, per gold name) lost to selection (pool − draft)
and below the pool's reach (1 − pool). Drafted-per-project median beside the gold's, so a gain
bought by drafting more shows.

The other way round, per drafted indicator: is it one the clerk kept — does the project's own
table hold a name at least 0.6 like it? By wording (the project's subject written {S}), the most
drafted first: a wording drafted everywhere and kept almost nowhere is a filler.

    python benchmarks/draft_losses.py [--split dev]

Tune on dev only: it reads gold names.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from assistant.draft.adapt import NO_SUBJECT, candidate_pool, draft_offline, subject_of  # noqa: E402
from assistant.draft.evaluation import eval_library, library_without, request_for  # noqa: E402
from assistant.draft.retrieve import Retriever  # noqa: E402
from assistant.textnorm import fold  # noqa: E402

#: below this the pool has nothing like the gold name
REACH = 50
#: a pool name this much closer than the draft's best is one the selection left out
MARGIN = 10
#: a drafted name this like one of the clerk's is one the clerk kept
KEPT = 60


def best_scores(gold: list[str], names: list[str]) -> np.ndarray:
    """Each gold name's best ratio (0–100) against ``names`` (0 when there are none)."""
    if not names:
        return np.zeros(len(gold))
    return process.cdist([fold(g) for g in gold], [fold(n) for n in names], scorer=fuzz.ratio).max(axis=1)


def verdict(draft: float, pool: float) -> str:
    if pool < REACH:
        return "pool miss"
    return "selection miss" if pool - draft >= MARGIN else "hit"


def table(title: str, rows: dict[str, list[tuple[float, float, str]]]) -> None:
    print(f"\n{title}: gold  draft  pool  | pool miss  selection miss | lost to selection  beyond pool")
    for key, items in sorted(rows.items(), key=lambda kv: -len(kv[1])):
        n = len(items)
        draft = sum(d for d, _, _ in items) / n / 100
        pool = sum(p for _, p, _ in items) / n / 100
        misses = {v: sum(1 for *_, w in items if w == v) / n for v in ("pool miss", "selection miss")}
        print(
            f"  {key:18} {n:4}  {draft:.3f}  {pool:.3f} | {misses['pool miss']:8.0%}  {misses['selection miss']:13.0%} |"
            f" {pool - draft:17.3f}  {1 - pool:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="gold/real")
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    if args.split == "test":
        parser.error("tune on dev only")
    entries, library = eval_library(args.gold)
    chosen = [e for e in entries if e.split == args.split and (e.name or "").strip()]
    by_code: dict[str, list] = defaultdict(list)
    by_sector: dict[str, list] = defaultdict(list)
    drafted_n, gold_n = [], []
    wordings: dict[str, list[bool]] = defaultdict(list)
    for entry in chosen:
        rest = library_without(entry, library)
        retriever = Retriever(rest)
        request = request_for(entry)
        drafted = [i.name for i in draft_offline(request, rest, retriever=retriever).indicators]
        pool = list(dict.fromkeys(n for n, _ in candidate_pool(request, retriever)))
        indicators = [i for i in entry.project.indicators if i.name]
        drafted_n.append(len(drafted))
        gold_n.append(len(indicators))
        if not indicators:
            continue
        names = [i.name for i in indicators]
        subject = subject_of(request.name)
        for name, score in zip(drafted, best_scores(drafted, names), strict=True):
            wording = name.replace(subject, "{S}") if subject != NO_SUBJECT else name
            wordings[wording].append(score >= KEPT)
        for ind, d, p in zip(indicators, best_scores(names, drafted), best_scores(names, pool), strict=True):
            row = (float(d), float(max(p, d)), verdict(float(d), float(max(p, d))))
            by_code[ind.level2_code or "?"].append(row)
            by_sector[entry.sector or "other"].append(row)
    everything = [row for rows in by_code.values() for row in rows]
    print(f"{len(chosen)} {args.split} projects, {len(everything)} gold indicators")
    print(f"drafted per project: median {statistics.median(drafted_n)}; gold: median {statistics.median(gold_n)}")
    table("ALL", {"all": everything})
    table("by level-2 code", by_code)
    table("by sector", by_sector)
    kept = [k for ks in wordings.values() for k in ks]
    print(f"\ndrafted indicators the clerk kept (a gold name ≥ {KEPT / 100}): {sum(kept)} of {len(kept)}")
    print("  by wording, the most drafted first: drafted  kept")
    for wording, ks in sorted(wordings.items(), key=lambda kv: -len(kv[1]))[:25]:
        print(f"  {len(ks):5} {sum(ks) / len(ks):6.0%}  {wording}")


if __name__ == "__main__":
    main()
