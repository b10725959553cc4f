"""Dev documents rewritten as traditional mirrors, pipe-table variations and side-by-side blocks.

The held-out documents score far below dev on three layouts (traditional characters, ``|`` rows
flattened by web pages, the 实施周期 / 年度 blocks side by side); these rewrites of the dev split
(``tests/trad_rewrites.py``) measure whether the reading carries to them. Per variant: the
documents' strict and lenient indicator F1, name, amounts and goal (pooled like the eval) and
silent errors (a wrong project no flag names); for side-by-side grids: right / flagged / silent /
refused.

    python benchmarks/bench_trad_pipe_rewrites.py [--only trad|pipe|sbs] [--show N]

Exits 1 if anything was silently wrong.
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

from form_variants import dev_grids
from trad_rewrites import (
    PIPE_VARIANTS,
    SBS_VARIANTS,
    TRAD_VARIANTS,
    dev_documents,
    rewrite_pipes,
    sbs_outcome,
    score_copy,
    traditional_copy,
)

from assistant.gold import load_gold

KEYS = ("indicator_f1", "indicator_f1_lenient", "project_name", "amounts", "goal_exact")


def _line(name: str, rows: list[dict], refused: int) -> str:
    n = len(rows) or 1
    means = "  ".join(f"{k.replace('indicator_f1', 'f1')} {sum(r[k] or 0 for r in rows) / n:.3f}" for k in KEYS)
    silent = sum(r["silent_errors"] for r in rows)
    return f"  {name:18} docs {len(rows):3}  {means}  silent {silent}  refused {refused}"


def documents(kind: str, show: int) -> int:
    folders = dev_documents(pipes_only=kind == "pipe")
    variants = list(TRAD_VARIANTS) if kind == "trad" else list(PIPE_VARIANTS)
    print(f"{kind}: {len(folders)} dev documents")
    results: dict[str, list[dict]] = collections.defaultdict(list)
    refused: collections.Counter[str] = collections.Counter()
    for folder in folders:
        [record] = load_gold(folder)
        text = record.source_path.read_text(encoding="utf-8")
        original, _ = score_copy(record, text)
        if original is None:
            continue
        results["original"].append(original)
        for variant in variants:
            if kind == "trad":
                copy, locale = traditional_copy(text, variant), TRAD_VARIANTS[variant][0]
            else:
                copy, locale = rewrite_pipes(text, variant), None
                if copy == text:  # no row of | cells to vary
                    continue
            m, was_refused = score_copy(record, copy, locale)
            if was_refused:
                refused[variant] += 1
                continue
            results[variant].append(m)
            worse = [k for k in KEYS if (m[k] or 0) < (original[k] or 0) - 1e-9]
            if show and (worse or m["silent_errors"]):
                print(
                    f"    {variant} {folder.name}: "
                    + ", ".join(f"{k} {original[k]}→{m[k]}" for k in worse)
                    + (f" SILENT {m['silent_errors']}" if m["silent_errors"] else "")
                )
    silent = 0
    for name in ["original", *variants]:
        print(_line(name, results[name], refused[name]))
        if name != "original":
            silent += sum(r["silent_errors"] for r in results[name])
    return silent


def side_by_side(show: int) -> int:
    grids = [replace(g, rows=tuple(replace(r, period=r.period or r.annual) for r in g.rows)) for g in dev_grids()]
    print(f"sbs: {len(grids)} single-project dev grids, 实施周期 and 年度 blocks side by side")
    silent = 0
    for variant in SBS_VARIANTS:
        counts: collections.Counter[str] = collections.Counter()
        shown = 0
        for grid in grids:
            kind = sbs_outcome(grid, variant)
            counts[kind] += 1
            if kind != "right" and shown < show:
                shown += 1
                print(f"    {variant} {grid.stem}: {kind}")
        silent += counts["silent"]
        print(
            f"  {variant:18} right {counts['right']:4}  flagged {counts['flagged']:4}  "
            f"silent {counts['silent']:3}  refused {counts['refused']:3}"
        )
    return silent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("trad", "pipe", "sbs"))
    parser.add_argument("--show", type=int, default=0, help="list copies read worse than their original")
    args = parser.parse_args()
    start = time.perf_counter()
    silent = 0
    for kind in ("trad", "pipe", "sbs"):
        if args.only in (None, kind):
            silent += side_by_side(args.show) if kind == "sbs" else documents(kind, args.show)
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
