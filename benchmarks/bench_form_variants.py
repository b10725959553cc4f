"""The dev grids written the ways real tables differ, and how the form reader does on each.

Every single-project dev grid (``tests/form_variants.py``) is rendered with each separator
(``|``, markdown, tabs, spaces, one cell per line), label placement (merged on the first row,
centred, on every row, 一级 merged and 二级 on every row) and value columns (指标值, 年度 beside
实施周期, 指标性质 | 指标值 | 计量单位, 指标值 | 计量单位, blocks side by side), once plain and once
with each perturbation (年度 before 实施周期, 实施周期 alone, self-evaluation columns at the right,
notes at the right, wrapped names, the header repeated at a page break, short header words,
traditional characters). Each reading is *right* (the gold's indicators), *flagged* (wrong but
a failure says where), *silent* (wrong and unflagged: must stay 0) or *refused*.

    python benchmarks/bench_form_variants.py [--only wrap] [--show 3]

Prints a line per perturbation and the totals; exits 1 if anything was silently wrong.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from form_variants import Style, dev_grids, variant_outcome

PERTURBATIONS = {
    "plain": {},
    "annual_first": {"order": "annual_first"},
    "period_only": {"order": "period_only"},
    "selfeval_tail": {"tail": "selfeval"},
    "notes_tail": {"tail": "notes"},
    "wrap": {"wrap": True},
    "page_break": {"repeat_header": True},
    "short_trad": {"short_header": True, "traditional": True},
    "extra": {"extra": True},
}


def styles(name: str) -> list[Style]:
    change = PERTURBATIONS[name]
    return [
        replace(Style(sep, labels, values), **change)
        for sep in ("pipe", "markdown", "tab", "spaces", "line")
        for labels in ("first", "middle", "every", "mixed")
        for values in ("single", "annual", "split", "unit", "sbs")
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="one perturbation")
    parser.add_argument("--show", type=int, default=0, help="list this many silent/flagged cases each")
    args = parser.parse_args()
    grids = dev_grids()
    both = [replace(g, rows=tuple(replace(r, period=r.period or r.annual) for r in g.rows)) for g in grids]
    totals: collections.Counter[str] = collections.Counter()
    silent_any = False
    for name in [args.only] if args.only else PERTURBATIONS:
        counts: collections.Counter[str] = collections.Counter()
        cases: dict[str, list[str]] = collections.defaultdict(list)
        start = time.perf_counter()
        for style in styles(name):
            pool = both if style.values == "sbs" or style.order else grids
            for grid in pool:
                result = variant_outcome(grid, style)
                if result is None:
                    continue
                counts[result] += 1
                cases[result].append(f"{grid.stem} {style.label()}")
        totals.update(counts)
        silent_any |= counts["silent"] > 0
        print(
            f"{name:14} right {counts['right']:5}  flagged {counts['flagged']:4}  silent {counts['silent']:3}"
            f"  refused {counts['refused']:3}  ({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        for kind in ("silent", "refused", "flagged"):
            for case in cases[kind][: args.show]:
                print(f"    {kind}: {case}")
    print(
        f"{'all':14} right {totals['right']:5}  flagged {totals['flagged']:4}  silent {totals['silent']:3}"
        f"  refused {totals['refused']:3}"
    )
    return 1 if silent_any else 0


if __name__ == "__main__":
    sys.exit(main())
