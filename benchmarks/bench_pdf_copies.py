"""Dev grids printed into PDF forms (merged 一级/二级 cells, wrapped cells, a page break) and read
back as PDF text: does the reading hold, or say it does not?

Every single-project dev grid (``tests/form_variants.py``) is printed by ``tests/pdf_copies.py``
in each :data:`PDF_STYLES` (label centred or on top, narrow or wide columns, one 指标值 or
实施周期 | 年度) and read each way a PDF reaches us (the product's PDF reader on the ruled
form and on the form printed without rules; the text a PDF tool gives, pasted as ``.txt``:
a line per printed line, the layout kept with spaces, or one text box per line). Each reading
is *right* (the printed indicators and project name), *flagged* (indicators wrong but a failure
says so; counted apart when only the name is wrong), *silent* (wrong and unflagged; the name's
apart: the 项目名称 block is read by the header reader) or *refused*.

    python benchmarks/bench_pdf_copies.py [--reader text] [--show 3]

Prints a line per reader and the totals; exits 1 if anything was silently wrong.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from form_variants import GOLD, dev_grids
from pdf_copies import PDF_STYLES, READERS, read_pdf_copy

from assistant.errors import AssistantError
from assistant.evaluate.align import norm


def goal_of(stem: str) -> str:
    gold = json.loads((GOLD / stem / "gold.json").read_text())
    return next((p["goal"] or "" for u in gold["units"] for p in u["projects"]), "")


def outcome(grid, style, goal: str) -> str | None:
    try:
        result = read_pdf_copy(grid, style, goal)
    except AssistantError:
        return "refused"
    if result is None:
        return None
    got, want, failures, name = result
    if got == want:
        return "right" if norm(name) == norm(grid.name) else "name_wrong" if failures else "silent_name"
    return "flagged" if failures else "silent"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reader", choices=READERS, help="one reader")
    parser.add_argument("--show", type=int, default=0, help="list this many silent/refused/flagged cases each")
    args = parser.parse_args()
    grids = dev_grids()
    goals = {g.stem: goal_of(g.stem) for g in grids}
    totals: collections.Counter[str] = collections.Counter()
    for reader in [args.reader] if args.reader else READERS:
        counts: collections.Counter[str] = collections.Counter()
        cases: dict[str, list[str]] = collections.defaultdict(list)
        start = time.perf_counter()
        for style in (s for s in PDF_STYLES if s.reader == reader):
            for grid in grids:
                result = outcome(grid, style, goals[grid.stem])
                if result is None:
                    continue
                counts[result] += 1
                cases[result].append(f"{grid.stem} {style.label()}")
        totals.update(counts)
        print(
            f"{reader:8} right {counts['right']:4}  flagged {counts['flagged']:4}  silent {counts['silent']:3}"
            f"  (indicators right, name wrong: flagged {counts['name_wrong']:3}, silent {counts['silent_name']:3})"
            f"  refused {counts['refused']:3}  ({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        for kind in ("silent", "silent_name", "refused", "flagged"):
            for case in cases[kind][: args.show]:
                print(f"    {kind}: {case}")
    print(
        f"{'all':8} right {totals['right']:4}  flagged {totals['flagged']:4}  silent {totals['silent']:3}"
        f"  (indicators right, name wrong: flagged {totals['name_wrong']:3}, silent {totals['silent_name']:3})"
        f"  refused {totals['refused']:3}"
    )
    return 1 if totals["silent"] or totals["silent_name"] else 0


if __name__ == "__main__":
    sys.exit(main())
