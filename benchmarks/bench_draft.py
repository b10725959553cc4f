"""Speed of the drafting chain and the linter, offline.

Prints: the target parser (values/s) on the seed's 188 values, the linter (projects/s)
on the seed and on a 100x table, building the library index (jieba + BM25) for the
built-in library and a 5,000-project library (the built-in projects repeated, each copy's
names made distinct so nothing is deduplicated), one offline draft (ms) on each — the
issue's bound is 100 ms at 5,000 projects — and the leave-one-out evaluation on the real
corpus's dev split (the test split is never scored while developing), with peak memory
(tracemalloc) of the large library's index.

    python benchmarks/bench_draft.py
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from assistant.checks import lint_table
from assistant.draft.adapt import draft_offline, project_topic
from assistant.draft.common import common_wordings
from assistant.draft.evaluation import evaluate_drafting
from assistant.draft.library import Library, LibraryProject, load_library
from assistant.draft.models import DraftRequest
from assistant.draft.retrieve import Retriever, tokens
from assistant.export import load_table
from assistant.schema import BudgetTable, Unit
from assistant.targets import parse_target

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "000_e2922c57f8184701.json"
LARGE = 5000
REQUESTS = (
    DraftRequest(name="社区普法宣传", goal="每月组织开展一场普法讲座，全年发放宣传资料不少于5000份", budget=20),
    DraftRequest(name="物业管理费支出", goal="为展馆提供物业管理、保洁和安保服务，服务面积12000平方米", budget=150),
    DraftRequest(
        name="基层网格巡查工作经费", goal="专职网格员每月巡查走访网格，上报网格事件，提高网格事件办结率", budget=100
    ),
)


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
    print(
        f"linter, seed: {len(projects)} projects in {seconds * 1000:.1f}ms = {len(projects) / seconds:,.0f} projects/s"
    )
    big = BudgetTable(units=[Unit(name=f"u{n}", projects=[p.model_copy() for p in projects]) for n in range(100)])
    seconds = _timed(lambda: lint_table(big), repeat=1)
    print(
        f"linter, 100x: {len(big.projects())} projects in {seconds:.2f}s = {len(big.projects()) / seconds:,.0f} projects/s"
    )

    library = load_library(include_user=False)
    seconds = _timed(lambda: Retriever(library))
    print(f"library index, built-in: {len(library)} projects in {seconds * 1000:.1f}ms")
    copies = -(-LARGE // len(library))
    large = Library(
        [
            LibraryProject(
                f"copy{n}",
                p.project.model_copy(update={"name": f"{p.name}（{n}）"}),
                p.sector,
                p.split,
                p.currency_unit,
            )
            for n in range(copies)
            for p in library.projects
        ][:LARGE]
    )
    tracemalloc.start()
    start = time.perf_counter()
    retriever = Retriever(large)
    retriever.candidates(project_topic(REQUESTS[0])[1])  # the topic-word index is built on first use
    common_wordings(retriever)  # so is the list of the clerks' common generic names
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(
        f"library index, {len(large)} projects, {len(retriever.indicators)} indicators: built in {seconds:.2f}s, "
        f"peak {peak:.1f} MiB"
    )

    small = Retriever(library)
    for request in REQUESTS:
        seconds = _timed(lambda request=request: draft_offline(request, library, retriever=small), repeat=5)
        big = _timed(lambda request=request: draft_offline(request, large, retriever=retriever), repeat=5)
        print(
            f"one offline draft ({request.name}): built-in library {seconds * 1000:.1f}ms, "
            f"{len(large)}-project library {big * 1000:.1f}ms"
        )

    start = time.perf_counter()
    real = ROOT / "gold" / "real"
    _, summary = evaluate_drafting(real, split="dev") if real.is_dir() else evaluate_drafting(None)
    print(
        f"leave-one-out over {summary['projects']} {'dev ' if real.is_dir() else ''}gold projects: {time.perf_counter() - start:.2f}s; "
        f"quantified {summary['quantified_share']:.0%}, valid pairs {summary['valid_pair_share']:.0%}, "
        f"coverage {summary['full_coverage_share']:.0%}, relevance {summary['relevance']:.3f} "
        f"(nearest project copied: {summary['baseline_relevance']:.3f}), off-topic {summary['off_topic_rate']:.1%}"
    )


if __name__ == "__main__":
    main()
