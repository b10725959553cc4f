"""Throughput of the rule-based extractor on the seed repeated 1x, 10x, 100x, 1000x.

Prints, for each size: input MB, seconds, MB/s, projects/s, peak memory of the
extraction (tracemalloc, measured in a separate pass so it does not slow the timing),
and the ratio to a bare ``str.split`` of the same text into lines and cells.

    python benchmarks/bench_extract.py [--sizes 1,10,100,1000] [--repeat 3]

Targets (2-core machine): >= 10 MB/s, within 10x of the bare split, linear in size.
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from pathlib import Path

from assistant.extract.parsers.table import extract_table
from assistant.ingest import read_bytes

SEED = Path(__file__).resolve().parents[1] / "gold" / "source" / "000_e2922c57f8184701.txt"


def build_input(times: int) -> bytes:
    """The seed with its project rows (everything after the 合计 and unit rows) repeated."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    head_end = next(i for i, line in enumerate(lines) if line.startswith("中共广州市黄埔区委政法委员会\t")) + 1
    body = lines[head_end:]
    return "\n".join(lines[:head_end] + body * times).encode("utf-8")


def bare_split(data: bytes) -> int:
    return sum(len(line.split("\t")) for line in data.decode("utf-8").split("\n"))


def best_of(repeat: int, fn, *args) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def extract(data: bytes):
    return extract_table(read_bytes(data, "bench.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'size':>6} {'MB':>8} {'seconds':>9} {'MB/s':>7} {'projects/s':>11} {'peak MB':>8} {'split s':>8} {'x split':>8}"
    )
    for times in (int(s) for s in args.sizes.split(",")):
        data = build_input(times)
        megabytes = len(data) / 1e6
        repeat = args.repeat if times < 1000 else 1
        seconds, table = best_of(repeat, extract, data)
        split_seconds, _ = best_of(max(repeat, 3), bare_split, data)
        projects = len(table.projects())
        tracemalloc.start()
        extract(data)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(
            f"{times:>5}x {megabytes:>8.2f} {seconds:>9.3f} {megabytes / seconds:>7.1f} {projects / seconds:>11,.0f}"
            f" {peak:>8.1f} {split_seconds:>8.4f} {seconds / split_seconds:>8.1f}"
        )


if __name__ == "__main__":
    main()
