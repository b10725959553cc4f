"""The dev grids flattened the ways web pages differ, self-evaluation columns included.

Every single-project dev grid (``tests/form_variants.py``) is written with cells separated by
``|``, the full-width ``｜`` or tabs, its merged 一级/二级 labels on the group's first row, in its
middle, on every row or mixed, and each value layout (指标值; 实施周期 | 年度指标值; 指标性质 |
指标值 | 计量单位; 指标值 | 计量单位; the 实施周期 and 年度 blocks side by side, their heads
written out, both 指标值, or two whole tables with the 一级 column repeated), once plain and
once with each perturbation real pages show: empty cells dropped, a page break with the header
printed again and no page number, a page number with the second page's header missing, a row
cut after its name, the 实施周期 head spelled 实施期 / 中期, the self-evaluation columns of four
provincial layouts (each seen in two provinces or more, see ``_TAILS``) with the achieved value
shaped like the target, kept or with their empty cells dropped, a two-row header splitting
年度指标值, the closing 总分 / 合计 / 自评总分 / 综合得分 rows, targets never filled in, and a target
head the rules have no word for. Each reading is *right*, *flagged* (wrong, a failure says so),
*silent* (wrong and unflagged: must stay 0) or *refused*. ``--skip`` leaves grids out (the
hold-out dev documents while a mechanism is written).

    python benchmarks/bench_pipe_variants.py [--only dropped] [--show 3]

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
    "dropped": {"drop_empty": True},
    "page_header": {"page": "header"},
    "page_bare": {"page": "bare"},
    "split_row": {"split_row": True},
    "period_实施期": {"period_word": "实施期指标值"},
    "period_中期": {"period_word": "中期指标值"},
    "se_national": {"tail": "national"},
    "se_reason": {"tail": "reason"},
    "se_ab": {"tail": "ab"},
    "se_weights": {"tail": "weights"},
    "se_national_dropped": {"tail": "national", "drop_empty": True},
    "se_reason_dropped": {"tail": "reason", "drop_empty": True},
    "se_ab_dropped": {"tail": "ab", "drop_empty": True},
    "se_weights_dropped": {"tail": "weights", "drop_empty": True},
    "se_two_row_head": {"tail": "national", "two_row_head": True},
    "se_two_row_weights": {"tail": "weights", "two_row_head": True},
    "end_总分": {"tail": "national", "ending": "总分"},
    "end_合计": {"tail": "national", "ending": "合计"},
    "end_自评总分": {"tail": "national", "ending": "自评总分"},
    "end_综合得分": {"tail": "reason", "ending": "综合得分"},
    "blanks": {"blanks": True},
    "blanks_dropped": {"blanks": True, "drop_empty": True},
    "se_national_blanks_dropped": {"tail": "national", "blanks": True, "drop_empty": True},
    "se_ab_blanks_dropped": {"tail": "ab", "blanks": True, "drop_empty": True},
    "head_unknown": {"target_head": "考核标准"},
    "se_head_unknown": {"target_head": "考核标准", "tail": "national"},
}
SEPARATORS = ("pipe", "fullpipe", "tab")
LABELS = ("first", "middle", "every", "mixed")
VALUES = ("single", "annual", "split", "unit", "sbs", "sbs_plain", "sbs_full")


def styles(name: str) -> list[Style]:
    change = PERTURBATIONS[name]
    return [
        replace(Style(sep, labels, values), **change) for sep in SEPARATORS for labels in LABELS for values in VALUES
    ]


def run(names, grids, show: int = 0) -> dict[str, collections.Counter[str]]:
    """Outcome counts per perturbation (printed as they come)."""
    both = [replace(g, rows=tuple(replace(r, period=r.period or r.annual) for r in g.rows)) for g in grids]
    out: dict[str, collections.Counter[str]] = {}
    for name in names:
        counts: collections.Counter[str] = collections.Counter()
        cases: dict[str, list[str]] = collections.defaultdict(list)
        start = time.perf_counter()
        for style in styles(name):
            pool = both if style.values.startswith("sbs") or style.period_word else grids
            for grid in pool:
                result = variant_outcome(grid, style)
                if result is None:
                    continue
                counts[result] += 1
                cases[result].append(f"{grid.stem} {style.label()}")
        out[name] = counts
        print(
            f"{name:20} right {counts['right']:5}  flagged {counts['flagged']:4}  silent {counts['silent']:3}"
            f"  refused {counts['refused']:3}  ({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        for kind in ("silent", "refused", "flagged"):
            for case in cases[kind][:show]:
                print(f"    {kind}: {case}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="one perturbation")
    parser.add_argument("--show", type=int, default=0, help="list this many silent/flagged cases each")
    parser.add_argument("--skip", default="", help="comma-separated grid stems left out (a hold-out set)")
    parser.add_argument("--stride", type=int, default=1, help="every n-th grid only (a quicker sample)")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    grids = [g for g in dev_grids() if g.stem not in skip][:: args.stride]
    out = run([args.only] if args.only else list(PERTURBATIONS), grids, args.show)
    totals: collections.Counter[str] = sum(out.values(), collections.Counter())
    print(
        f"{'all':20} right {totals['right']:5}  flagged {totals['flagged']:4}  silent {totals['silent']:3}"
        f"  refused {totals['refused']:3}"
    )
    return 1 if totals["silent"] else 0


if __name__ == "__main__":
    sys.exit(main())
