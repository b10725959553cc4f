"""Speed of the drafting chain and the linter, offline.

Prints: the target parser (values/s) on the seed's 188 values, the linter (projects/s)
on the seed and on a 100x table, building the library index (jieba + BM25) for the seed
and a 50x library, one offline draft (ms), and the whole leave-one-out evaluation, with
peak memory (tracemalloc) of the 50x library index.

    python benchmarks/bench_draft.py
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from assistant.draft.adapt import draft_offline
from assistant.draft.evaluation import evaluate_drafting
from assistant.draft.library import Library, LibraryProject, load_library
from assistant.draft.models import DraftRequest
from assistant.draft.retrieve import Retriever, tokens
from assistant.export import load_table
from assistant.checks import lint_table
from assistant.schema import BudgetTable, Unit
from assistant.targets import parse_target

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "000_e2922c57f8184701.json"


def _timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    table = load_table(GOLD)
    values = [v for _, i in table.indicators() for v in (i.period_value, i.annual_value)]
    tokens("预热 jieba 词典")  # load jieba's dictionary once, outside the timings
    seconds = _timed(lambda: [parse_target(v) for v in values * 50])
    print(f"target parser: {len(values) * 50} values in {seconds:.3f}s = {len(values) * 50 / seconds:,.0f} values/s")

    projects = table.projects()
    seconds = _timed(lambda: lint_table(table))
    print(f"linter, seed: {len(projects)} projects in {seconds * 1000:.1f}ms = {len(projects) / seconds:,.0f} projects/s")
    big = BudgetTable(units=[Unit(name=f"u{n}", projects=[p.model_copy() for p in projects]) for n in range(100)])
    seconds = _timed(lambda: lint_table(big), repeat=1)
    print(f"linter, 100x: {len(big.projects())} projects in {seconds:.2f}s = {len(big.projects()) / seconds:,.0f} projects/s")

    library = load_library(include_user=False)
    seconds = _timed(lambda: Retriever(library))
    print(f"library index, seed: {len(library)} projects in {seconds * 1000:.1f}ms")
    large = Library([LibraryProject(f"copy{n}", p.project) for n in range(50) for p in library.projects])
    tracemalloc.start()
    start = time.perf_counter()
    retriever = Retriever(large)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"library index, 50x: {len(large)} projects, {len(retriever.indicators)} indicators in {seconds:.2f}s, "
          f"peak {peak:.1f} MiB")

    request = DraftRequest(name="社区普法宣传", goal="每月组织开展一场普法讲座，全年发放宣传资料不少于5000份", budget=20)
    seed_retriever = Retriever(library)
    seconds = _timed(lambda: draft_offline(request, library, retriever=seed_retriever), repeat=5)
    print(f"one offline draft, seed library: {seconds * 1000:.1f}ms")
    seconds = _timed(lambda: draft_offline(request, large, retriever=retriever), repeat=3)
    print(f"one offline draft, 50x library: {seconds * 1000:.1f}ms")

    start = time.perf_counter()
    _, summary = evaluate_drafting()
    print(f"leave-one-out over {summary['projects']} gold projects: {time.perf_counter() - start:.2f}s; "
          f"quantified {summary['quantified_share']:.0%}, valid pairs {summary['valid_pair_share']:.0%}, "
          f"coverage {summary['full_coverage_share']:.0%}, relevance {summary['relevance']:.3f} "
          f"(nearest project copied: {summary['baseline_relevance']:.3f})")


if __name__ == "__main__":
    main()
