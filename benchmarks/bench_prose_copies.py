"""Notices and reports with no table, made from dev material: are their fields read right or said?

Every dev gold project a notice could state plainly is written the three ways dev documents of
three sites write project fields in prose (numbered items with their amount, quoted items with
numbered fields, an evaluation report stating its budget), each perturbed (blank lines, half-width
punctuation, spaces, traditional characters, fields reordered, inline or one per line; see
``tests/prose_copies.py``). A copy is read *right* (name, total, fiscal, goal, indicators all as
stated), *flagged* (a field wrong, every project flagged), *silent* (a field wrong, a project
unflagged) or *refused*.

    python benchmarks/bench_prose_copies.py [--show N]

Prints a line per style and the totals; exits 1 if anything was silently wrong.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from prose_copies import PROJECTS, copies, outcome  # noqa: E402

KINDS = ("right", "flagged", "silent", "refused")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print the first N copies not read right")
    args = parser.parse_args()
    started = time.perf_counter()
    by_style: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    shown = 0
    for style, text, want in copies():
        kind = outcome(text, want)
        by_style[style][kind] += 1
        if kind != "right" and shown < args.show:
            shown += 1
            print(f"--- {kind}: {style}\n{text}\n")
    total: collections.Counter[str] = collections.Counter()
    for style, counts in by_style.items():
        total.update(counts)
        print(f"{style:48} " + "  ".join(f"{k} {counts[k]:4}" for k in KINDS))
    print(f"{'all (' + str(len(PROJECTS)) + ' dev projects)':48} " + "  ".join(f"{k} {total[k]:4}" for k in KINDS))
    print(f"{sum(total.values())} copies in {time.perf_counter() - started:.1f} s")
    return 1 if total["silent"] else 0


if __name__ == "__main__":
    sys.exit(main())
