"""Fuzz every reader and the extract / validate / lint commands; count outcomes and crashes.

Runs the targets of ``tests/fuzzing.py`` (random bytes, random text, the mangled seed in
every encoding and format, mangled zip members, mangled PDFs and images, JSON, and the
malicious files of issue 11 with random parameters) with hypothesis, without stopping at
a crash: each crash is counted and its first lines kept. A crash is any exception other
than the assistant's own AssistantError (InputError …), or a CLI exit code other than 0/1/2.

    python benchmarks/bench_fuzz.py [--cases 10000] [--seed 0] [--only reader/]

Prints one line per target (cases, ok, refused, crashes, seconds) and the totals; exits 1
if anything crashed.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import fuzzing
from hypothesis import HealthCheck, Phase, given, seed, settings

#: share of the cases each target gets (fast text targets get more, PDFs and commands fewer)
WEIGHTS = {
    "reader/random-bytes": 14,
    "reader/random-text": 10,
    "reader/mangled-seed": 14,
    "reader/mangled-encodings": 8,
    "reader/mangled-real": 14,
    "reader/mangled-office": 10,
    "reader/mangled-pdf": 5,
    "reader/mangled-images": 6,
    "reader/hostile-files": 8,
    "extract/mangled-seed": 6,
    "extract/hostile-files": 5,
    "validate/json": 5,
    "validate/mangled-seed": 3,
    "lint/json": 3,
    "lint/hostile-files": 3,
}


def run_target(name: str, cases: int, rng_seed: int) -> tuple[collections.Counter, list[str], float]:
    family, runner = fuzzing.TARGETS[name]
    counts: collections.Counter = collections.Counter()
    crashes: list[str] = []

    @seed(rng_seed)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(fuzzing.reader_input(family))
    def one(case):
        data, suffix = case
        try:
            counts[runner(data, suffix)] += 1
        except Exception as exc:  # noqa: BLE001 — a crash is what is being counted
            counts["crash"] += 1
            if len(crashes) < 5:
                where = traceback.extract_tb(exc.__traceback__)[-1]
                crashes.append(
                    f"{type(exc).__name__}: {str(exc)[:200]} at {where.filename}:{where.lineno} "
                    f"(input {len(data)} bytes {suffix or '(no suffix)'}: {data[:40]!r})"
                )

    started = time.perf_counter()
    with fuzzing.stub_ocr():
        one()
    return counts, crashes, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="total cases over all targets")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default="", help="run the targets whose name starts with this")
    args = parser.parse_args()
    fuzzing.environment()
    names = [n for n in fuzzing.TARGETS if n.startswith(args.only)]
    weight = sum(WEIGHTS[n] for n in names)
    fuzzing.base_files()  # written once, outside the timings
    totals: collections.Counter = collections.Counter()
    all_crashes: list[tuple[str, str]] = []
    print(f"{'target':28s} {'cases':>7s} {'ok':>7s} {'refused':>8s} {'crashes':>8s} {'seconds':>8s}")
    for name in names:
        share = max(1, round(args.cases * WEIGHTS[name] / weight))
        counts, crashes, seconds = run_target(name, share, args.seed)
        cases = sum(counts.values())
        totals.update(counts)
        totals["cases"] += cases
        totals["seconds"] += seconds
        all_crashes += [(name, c) for c in crashes]
        print(
            f"{name:28s} {cases:7d} {counts['ok']:7d} {counts['refused']:8d} {counts['crash']:8d} {seconds:8.1f}",
            flush=True,
        )
    print(
        f"{'total':28s} {totals['cases']:7d} {totals['ok']:7d} {totals['refused']:8d} {totals['crash']:8d} "
        f"{totals['seconds']:8.1f}"
    )
    for name, crash in all_crashes:
        print(f"crash in {name}: {crash}")
    return 1 if totals["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
