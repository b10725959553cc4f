"""Text run together and traditional mirrors, made from dev material: does the reading hold?

Two robustness sets, both built from the dev split only (the real run-together dev documents
measure accuracy; these measure whether the reading carries to separators and characters it
was not written from):

* **grids**: every single-project dev grid (``tests/form_variants.py``) rendered with its cells
  run together (no separator, empty cells leaving no trace), under each label placement
  (merged on the first row, centred, on every row, mixed), each value layout (指标值, 年度 beside
  实施周期, 指标性质 | 指标值 | 计量单位, 指标值 | 计量单位), plain, with a filled-in template's
  ``指标1：`` prefixes, with self-evaluation columns at the right, and each of these again in
  traditional characters. A reading is *right* (the gold's indicators), *flagged* (wrong but a
  failure says where), *silent* (wrong and unflagged) or *refused*.
* **documents**: every dev document of ``|`` rows copied whole with its cells run together,
  in traditional characters (OpenCC s2t, not the reader's own table), and both. A copy *held*
  (indicator F1, name, amounts, goal no lower than the original's), is worse but *flagged*, is
  worse and *silent*, or is *refused*.

    python benchmarks/bench_run_copies.py [--show N] [--only grids|documents]

Prints a line per set and style; exits 1 if anything was silently wrong.
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_real_copies import KEYS
from bench_real_copies import score as score_with
from form_variants import Style, dev_grids, dev_pipe_documents, read_variant, reseparate, traditional

from assistant.errors import AssistantError
from assistant.gold import load_gold

PERTURBATIONS = {
    "plain": {},
    "numbered": {"numbered": True},
    "selfeval_tail": {"tail": "selfeval"},
    "trad": {"traditional": True},
    "trad_numbered": {"traditional": True, "numbered": True},
    "short_trad": {"traditional": True, "short_header": True},
}


def run_styles(change: dict) -> list[Style]:
    return [
        replace(Style("run", labels, values), **change)
        for labels in ("first", "middle", "every", "mixed")
        for values in ("single", "annual", "split", "unit")
    ]


def grid_outcome(grid, style) -> tuple[str, object] | None:
    try:
        result = read_variant(grid, style)
    except AssistantError:
        return "refused", None
    if result is None:
        return None
    got, want, failures = result
    if got == want:
        return "right", None
    return ("flagged" if failures else "silent"), (got, want)


def grids(show: int) -> int:
    silent = 0
    pool = dev_grids()
    both = [replace(g, rows=tuple(replace(r, period=r.period or r.annual) for r in g.rows)) for g in pool]
    print(f"grids: {len(pool)} single-project dev grids, cells run together")
    totals: collections.Counter[str] = collections.Counter()
    for name, change in PERTURBATIONS.items():
        counts: collections.Counter[str] = collections.Counter()
        shown = 0
        for style in run_styles(change):
            for grid in both if style.values == "annual" else pool:
                found = grid_outcome(grid, style)
                if found is None:
                    continue
                kind, detail = found
                counts[kind] += 1
                if kind == "silent" and shown < show:
                    shown += 1
                    got, want = detail
                    bad = next((g, w) for g, w in zip([*got, *[None] * len(want)], want) if g != w)
                    print(f"    {style.label()} {grid.stem}: got {bad[0]} want {bad[1]}")
        totals.update(counts)
        silent += counts["silent"]
        print(
            f"  {name:14} right {counts['right']:4}  flagged {counts['flagged']:4}  "
            f"silent {counts['silent']:3}  refused {counts['refused']:3}"
        )
    print(
        f"  {'total':14} right {totals['right']:4}  flagged {totals['flagged']:4}  "
        f"silent {totals['silent']:3}  refused {totals['refused']:3}"
    )
    return silent


COPIES = {
    "run": lambda text: reseparate(text, "run"),
    "trad": traditional,
    "trad_run": lambda text: traditional(reseparate(text, "run") or ""),
}


def _simplified(value):
    """Every string of an interchange document back in simplified characters (OpenCC t2s): the
    reader keeps the characters a source wrote, the gold is simplified."""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    if isinstance(value, str):
        return convert(value)
    if isinstance(value, dict):
        return {k: _simplified(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_simplified(v) for v in value]
    return value


def score(record, text: str, simplify: bool):
    """The copy's metrics against the gold (both turned to simplified characters when the copy
    is traditional) and whether it carries a failure; None when refused."""
    return score_with(record, text, _simplified if simplify else None)


def documents(show: int) -> int:
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    sums: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for folder in dev_pipe_documents():
        [record] = load_gold(folder)
        text = record.source_path.read_text(encoding="utf-8")
        original, _ = score(record, text, False)
        if original is None:
            continue
        sums["original"]["docs"] += 1
        for key in KEYS:
            sums["original"][key] += original[key] or 0
        for style, copy in COPIES.items():
            m, flagged = score(record, copy(text), style.startswith("trad"))
            if m is None:
                counts[style]["refused"] += 1
                continue
            sums[style]["docs"] += 1
            for key in KEYS:
                sums[style][key] += m[key] or 0
            worse = [k for k in KEYS if (m[k] or 0) < (original[k] or 0) - 1e-9]
            kind = "held" if not worse else "flagged" if flagged else "silent"
            counts[style][kind] += 1
            if show and worse:
                print(f"    {style} {folder.name} {kind}: " + ", ".join(f"{k} {original[k]}→{m[k]}" for k in worse))
    docs = sums["original"]["docs"]
    print(f"documents: {docs} dev documents of | rows; originals: " + _rates(sums["original"]))
    silent = 0
    for style in COPIES:
        c = counts[style]
        print(
            f"  {style:9} held {c['held']:3}  flagged {c['flagged']:3}  silent {c['silent']:3}  "
            f"refused {c['refused']:3}  {_rates(sums[style])}"
        )
        silent += c["silent"]
    return silent


def _rates(sums: collections.Counter[str]) -> str:
    n = sums["docs"] or 1
    return "  ".join(f"{k} {sums[k] / n:.2f}" for k in KEYS)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=("grids", "documents"))
    parser.add_argument("--show", type=int, default=0, help="list this many silent cases per set")
    args = parser.parse_args()
    start = time.perf_counter()
    silent = 0
    if args.only in (None, "grids"):
        silent += grids(args.show)
    if args.only in (None, "documents"):
        silent += documents(args.show)
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
