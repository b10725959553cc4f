"""Template leftovers written into real dev sources, and whether the rules read them as indicators.

Each single-project dev document whose gold indicators are found in its source gets, in its own
layout (``|`` cells, tabs, spaces, one cell per line, run together), a blank ``指标3:`` row, a
``……`` row, a row of ``**``, a cost row of zeros, a 其他资金 row at zero, a row holding only its number (at the grid's
first, middle and last indicator), a stamp line under the table, and its header printed again
after a page break (``tests/leftover_rows.py``). A copy is *right* when it reads as the untouched
source does (no extra indicator, the same seq), *flagged* when it differs and a new failure says
so, *silent* when it differs unsaid (must be 0), *refused* when the rules give up.

    python benchmarks/bench_leftover_rows.py [--show 3] [--only zeros]

Prints a line per leftover and per layout, and the totals; exits 1 if anything was silent.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from leftover_rows import dev_documents, outcome, read_text, variants


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--only", help="one leftover kind (blank_item, dots, stars, zeros, money, numbering, stamp, header)"
    )
    parser.add_argument("--show", type=int, default=0, help="list this many silent/flagged cases each")
    args = parser.parse_args()
    by_kind: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_layout: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    cases: dict[str, list[str]] = collections.defaultdict(list)
    for doc in dev_documents():
        before = read_text(doc.text)
        if before is None:
            continue
        for label, text in variants(doc):
            kind = label.split("@")[0]
            if args.only and not kind.startswith(args.only):
                continue
            result = outcome(before, text)
            by_kind[kind][result] += 1
            by_layout[doc.layout][result] += 1
            cases[f"{kind} {result}"].append(f"{doc.stem} [{doc.layout}] {label}")
    total: collections.Counter[str] = sum(by_kind.values(), collections.Counter())
    for name, counts in [*sorted(by_kind.items()), *sorted(by_layout.items()), ("all", total)]:
        print(
            f"{name:14} right {counts['right']:4}  flagged {counts['flagged']:4}  silent {counts['silent']:3}"
            f"  refused {counts['refused']:3}"
        )
    for key, found in sorted(cases.items()):
        if not key.endswith("right"):
            for case in found[: args.show]:
                print(f"    {key}: {case}")
    return 1 if total["silent"] else 0


if __name__ == "__main__":
    sys.exit(main())
