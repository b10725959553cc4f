"""How the reader's time grows when a real dev source is grown the hostile ways (tests/growth.py).

Each kind (a row repeated, a line repeated without line breaks, a cell repeated, the whole file
flattened or repeated, traditional lines mixed in, separators doubled, a header repeated, empty
``指标k：`` rows, columns side by side, digit runs, nested brackets) is applied to each chosen dev
source at N = 1, 2, 4, 8 and read through the whole reader (read, extract, validate, lint, dump:
``tests/fuzzing.run_reader``). The CPU time of this process (``time.process_time``) is measured:
twice the text should take at most about twice the time (N log N gives x2.2); a ratio over 3 on a
case that takes more than 0.2 s is a superlinear path and is listed. Any exception other than the
assistant's own (a refusal) is a crash and is listed too; a case over ``--limit`` seconds is a hang.

    python benchmarks/bench_growth.py [--per-family 1 | --all] [--only row_] [--scale 1]

Prints, per kind and N: the bytes and CPU seconds summed over the documents, the ratio to the
previous N, and the worst single-document ratio; then, per kind, the peak resident memory of a
child process reading its slowest largest case; then the list of superlinear cases, hangs and
crashes. Exits 1 if any.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import fuzzing
from growth import KINDS
from src_rewrites import family, pool

SIZES = (1, 2, 4, 8)
#: a ratio for twice the text over this, on a case slower than MIN_SECONDS, is superlinear
MAX_RATIO, MIN_SECONDS = 3.0, 0.2


def documents(per_family: int | None) -> list[tuple[str, dict, str]]:
    """(id, gold, source text) of the chosen dev documents: the first ``per_family`` of each family."""
    seen: dict[str, int] = {}
    out = []
    for folder, gold, text in pool():
        fam = family(folder)
        if per_family is not None and seen.get(fam, 0) >= per_family:
            continue
        seen[fam] = seen.get(fam, 0) + 1
        out.append((folder.name, gold, text))
    return out


def measure(data: bytes, limit: float) -> tuple[float, str]:
    """CPU seconds and outcome (ok, refused, hang, crash: …) of reading ``data``."""
    started = time.process_time()
    try:
        with fuzzing.time_limit(limit, fuzzing.describe(data, ".txt")):
            outcome = fuzzing.run_reader(data, ".txt")
    except fuzzing.TooSlow:
        outcome = "hang"
    except Exception as exc:  # noqa: BLE001 - any escaping exception is what is counted
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        outcome = f"crash: {type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
    return time.process_time() - started, outcome


def peak_mb(data: bytes) -> float:
    """Peak resident memory (MB) of a forked child reading ``data``: ru_maxrss from wait4, which
    counts the pages the child inherited from this process too (printed beside it)."""
    pid = os.fork()
    if pid == 0:
        try:
            with fuzzing.stub_ocr():
                fuzzing.run_reader(data, ".txt")
        finally:
            os._exit(0)
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-family", type=int, default=1, help="documents of each family")
    parser.add_argument("--all", action="store_true", help="every dev document with a source.txt")
    parser.add_argument("--only", default="", help="kinds whose name starts with one of these (comma-separated)")
    parser.add_argument("--scale", type=int, default=1, help="multiply every N by this")
    parser.add_argument("--limit", type=float, default=120, help="seconds after which a case is a hang")
    args = parser.parse_args()
    docs = documents(None if args.all else args.per_family)
    kinds = {k: f for k, f in KINDS.items() if k.startswith(tuple(args.only.split(",")))}
    problems: list[str] = []
    largest: dict[str, tuple[float, bytes]] = {}
    print(f"{len(docs)} dev documents, N = {', '.join(str(n * args.scale) for n in SIZES)}")
    print(f"{'kind':14} {'N':>4} {'bytes':>10} {'cpu s':>8} {'ratio':>6}  worst document ratio")
    with fuzzing.stub_ocr():
        fuzzing.run_reader(b"warm up", ".txt")
        for kind, grow in kinds.items():
            previous: dict[str, float] = {}
            previous_total = None
            for n in SIZES:
                total_bytes, total = 0, 0.0
                worst = (0.0, "")
                for doc_id, gold, text in docs:
                    data = grow(text, gold, n * args.scale).encode("utf-8")
                    seconds, outcome = measure(data, args.limit)
                    total_bytes, total = total_bytes + len(data), total + seconds
                    if outcome not in ("ok", "refused"):
                        problems.append(f"{outcome:40} {kind} N={n * args.scale} {doc_id} ({len(data)} bytes)")
                    if doc_id in previous and previous[doc_id] > 0.01:
                        ratio = seconds / previous[doc_id]
                        worst = max(worst, (ratio, doc_id))
                        if ratio > MAX_RATIO and seconds > MIN_SECONDS:
                            problems.append(
                                f"superlinear x{ratio:.1f} ({seconds:.2f} s) {kind} N={n * args.scale} {doc_id}"
                            )
                    previous[doc_id] = seconds
                    if n == SIZES[-1] and seconds >= largest.get(kind, (-1.0, b""))[0]:
                        largest[kind] = (seconds, data)
                ratio = f"x{total / previous_total:.2f}" if previous_total else ""
                doc_worst = f"x{worst[0]:.2f} {worst[1]}" if worst[1] else ""
                print(
                    f"{kind:14} {n * args.scale:>4} {total_bytes:>10} {total:>8.2f} {ratio:>6}  {doc_worst}", flush=True
                )
                previous_total = total
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    floor = peak_mb(b"warm up")
    print(f"\npeak resident memory reading the slowest largest case of each kind (this process: {rss:.0f} MB;")
    print(f"a child reading 7 bytes: {floor:.1f} MB):")
    for kind, (seconds, data) in largest.items():
        print(f"{kind:14} {len(data):>10} bytes  {seconds:6.2f} s  {peak_mb(data):8.1f} MB", flush=True)
    print(f"\n{len(problems)} problems" + (":" if problems else ""))
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
