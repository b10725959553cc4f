"""LLM chain cost and concurrency on the seed table, against the loopback server.

    python benchmarks/bench_llm.py [--delay 0.5]

Prints, for the seed in llm mode and auto mode: requests, prompt and completion tokens,
per project; then wall time with the server answering after a fixed delay, at several
concurrency bounds. Tokens are the loopback server's count (one character = one token,
an upper bound for Chinese text with current tokenizers). No network beyond 127.0.0.1.

Targets: llm mode ≤ 1 request per 8 projects; prompt tokens per project ≤ 2×
the project's own text plus the fixed prompt.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from llm_server import LoopbackLLM, table_responder  # noqa: E402

from assistant.extract.llm import chunk_document, extract_auto, extract_llm  # noqa: E402
from assistant.extract.parsers.table import extract_document_rows  # noqa: E402
from assistant.gold import load_gold  # noqa: E402
from assistant.ingest import read_path  # noqa: E402
from assistant.llm import Ledger, LLMConfig  # noqa: E402

SEED = ROOT / "gold" / "source" / "000_e2922c57f8184701.txt"


def _fixed_prompt(body: dict) -> int:
    """Characters of a request that do not depend on its rows: system, tool schema, template, header."""
    system = len(body["messages"][0]["content"])
    tools = len(json.dumps(body.get("tools", []), ensure_ascii=False)) if body.get("tools") else 0
    return system + tools


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delay", type=float, default=0.5, help="seconds the server waits before each answer")
    args = parser.parse_args()

    gold = load_gold()[0].table
    doc = read_path(SEED)
    _, parses = extract_document_rows(doc)
    own = [len(p.row.raw) for p in parses if p.kind == "project"]
    n_projects = len(own)

    with LoopbackLLM(table_responder(gold)) as server, tempfile.TemporaryDirectory() as cache_dir:
        config = LLMConfig.from_env({}, base_url=server.base_url, model="loopback", cache=False)
        print(
            f"seed: {n_projects} projects, {len(doc.text)} characters; project rows {min(own)}-{max(own)} "
            f"characters, mean {sum(own) / n_projects:.0f}"
        )
        print()
        print(
            f"{'mode':<6} {'requests':>8} {'req/proj':>8} {'prompt':>8} {'compl.':>8} {'prompt/proj':>11} "
            f"{'compl/proj':>10} {'fixed/req':>9}"
        )
        for mode, run in (("llm", extract_llm), ("auto", extract_auto)):
            server.reset()
            ledger = Ledger()
            run(doc, config, ledger=ledger)
            fixed = _fixed_prompt(server.requests[0]) if server.requests else 0
            print(
                f"{mode:<6} {ledger.requests:>8} {ledger.requests / n_projects:>8.3f} {ledger.prompt_tokens:>8} "
                f"{ledger.completion_tokens:>8} {ledger.prompt_tokens / n_projects:>11.0f} "
                f"{ledger.completion_tokens / n_projects:>10.0f} {fixed:>9}"
            )
            if mode == "llm":
                llm = (ledger, fixed)
        ledger, fixed = llm
        variable = (ledger.prompt_tokens - ledger.requests * fixed) / n_projects
        mean_own = sum(own) / n_projects
        print()
        print(
            f"target 1: requests per project {ledger.requests / n_projects:.3f} <= 1/8 = 0.125: "
            f"{'met' if ledger.requests * 8 <= n_projects else 'MISSED'}"
        )
        print(
            f"target 2: prompt per project {ledger.prompt_tokens / n_projects:.0f} <= 2 x own {mean_own:.0f} + fixed "
            f"{fixed} = {2 * mean_own + fixed:.0f}: {'met' if ledger.prompt_tokens / n_projects <= 2 * mean_own + fixed else 'MISSED'}"
        )
        print(
            f"          (prompt beyond the fixed part, per project: {variable:.0f} = {variable / mean_own:.2f} x own text, "
            f"its own row plus its share of the repeated header and the chunk wording)"
        )

        print()
        print(
            f"wall time, server answering after {args.delay:.2f} s, 2000-character chunks "
            f"({len(chunk_document(doc, 2000))} requests):"
        )
        server.delay = args.delay
        for concurrency in (1, 2, 4, 8):
            server.reset()
            started = time.perf_counter()
            extract_llm(doc, replace(config, concurrency=concurrency, chunk_chars=2000))
            print(
                f"  concurrency {concurrency}: {time.perf_counter() - started:6.2f} s for {len(server.requests)} requests"
            )
        server.delay = 0.0
        cached = replace(config, cache=True)
        from assistant.llm import ResponseCache

        cache = ResponseCache(cache_dir)
        extract_llm(doc, cached, cache=cache)
        server.reset()
        second = Ledger()
        started = time.perf_counter()
        extract_llm(doc, cached, cache=cache, ledger=second)
        print(
            f"  second run from the cache: {time.perf_counter() - started:6.2f} s, {second.requests} requests, "
            f"{second.cache_hits} cache hits"
        )


if __name__ == "__main__":
    main()
