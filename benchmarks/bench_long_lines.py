"""How long the rules take on one huge line: a hang shows as a time that grows faster than the text.

Two texts a copy can produce: a 1 MB single line (a PDF text layer with no line breaks, cells run
together) and 1 MB of ``|`` (a web table's empty cells joined). Each is read at 1/8, 1/4, 1/2 and
all of its size through the whole reader (read, extract, validate, lint, dump:
``tests/fuzzing.run_reader``), and the time printed; a time that more than doubles when the text
doubles is a quadratic pass (round 11's regex in prose._blank_table_lines, round 12's in
prose_indicators._LEVEL1_HEAD on a blank line). ``tests/test_long_lines.py`` bounds the same texts.

    python benchmarks/bench_long_lines.py [--size 1000000]

Prints one line per text and size: the wall-clock time, the CPU time of this process and the
CPU-time ratio to the previous size (on a machine shared with other work the wall clock says more
about the others than about the rules); exits 1 if a ratio is over 3 (twice the text, more than
three times the time).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import fuzzing
from long_lines import TEXTS


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of the largest text")
    args = parser.parse_args()
    worst = 0.0
    with fuzzing.stub_ocr():
        fuzzing.run_reader(b"warm up", ".txt")  # imports and compiled patterns out of the figures
        for name, make in TEXTS.items():
            previous = None
            for size in (args.size // 8, args.size // 4, args.size // 2, args.size):
                data = make(size)
                started, cpu = time.perf_counter(), time.process_time()
                outcome = fuzzing.run_reader(data, ".txt")
                wall, seconds = time.perf_counter() - started, time.process_time() - cpu
                ratio = seconds / previous if previous else None
                if ratio is not None:
                    worst = max(worst, ratio)
                print(
                    f"{name:8} {len(data):>9} bytes  {wall:7.2f} s  cpu {seconds:7.2f} s  {outcome:8}"
                    + (f"  x{ratio:.2f}" if ratio is not None else ""),
                    flush=True,
                )
                previous = seconds
    print(f"worst CPU-time ratio for twice the text: x{worst:.2f}")
    return 1 if worst > 3 else 0


if __name__ == "__main__":
    sys.exit(main())
