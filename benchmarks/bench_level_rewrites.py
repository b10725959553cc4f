"""Dev documents' own ``|`` rows with their 一级 / 二级 labels written other ways, scored on the gold
the corpus conventions give (see tests/level_rewrites.py for the changes and the conventions).

On held-out grids the 一级 name of a matched indicator is wrong far more often than its code,
and seq often: the rules filled a 一级 name the text does not write, or lost one it writes
oddly. Each change (一级 column gone, 一级 cell holding only its score, both levels joined in one
cell, labels on every / first / middle row of their group, score marks, 一级 names outside the
system, item numbers restarting per group) is applied to the real rows, then the rows are written
in each layout (``|`` rows, one cell per line, cells parted by spaces, cells run together).

    python benchmarks/bench_level_rewrites.py [--change merged] [--layout run] [--show N]

Prints per change and layout: strict / lenient indicator F1, the 一级 name, 二级 name and seq
right among matched indicators, and silent errors; exits 1 if a copy is silently wrong.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from level_rewrites import CHANGES, LAYOUTS, dev_documents, render, rewrite, score
from rewrite_runner import Tally, f3, metrics


def line(label: str, samples: list) -> str:
    m = metrics(samples)
    return (
        f"  {label:24} strict {f3(m['indicator_f1'])}  lenient {f3(m['indicator_f1_lenient'])}  "
        f"l1name {f3(m['indicator_level1_name'])}  l2name {f3(m['indicator_level2_name'])}  "
        f"seq {f3(m['indicator_seq'])}  silent {m['silent_errors']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--change", choices=CHANGES)
    parser.add_argument("--layout", choices=LAYOUTS)
    parser.add_argument("--show", type=int, default=0, help="list this many worse documents per change/layout")
    parser.add_argument("--dump", help="write each copy's text under this folder")
    args = parser.parse_args()
    start = time.perf_counter()
    docs = dev_documents()
    changes = [args.change] if args.change else list(CHANGES)
    layouts = [args.layout] if args.layout else list(LAYOUTS)
    tally = Tally()
    for doc in docs:
        for change in changes:
            pieces, gold = rewrite(doc, change)
            for layout in layouts:
                text = render(pieces, layout)
                if args.dump:
                    Path(args.dump, change, layout).mkdir(parents=True, exist_ok=True)
                    Path(args.dump, change, layout, doc.stem + ".txt").write_text(text, encoding="utf-8")
                got = score(doc, gold, text)  # a refused copy misses the gold's projects
                m = tally.add((change, layout), got)
                bad = (m["indicator_f1"] or 0) < 1 or m["silent_errors"]
                if bad and tally.shown[(change, layout)] < args.show:
                    tally.shown[(change, layout)] += 1
                    wrong = sorted({d.split(".")[-1] for s in got for d in s.get("differences", []) if "]." in d})
                    print(
                        f"    {change}/{layout} {doc.stem}: strict {f3(m['indicator_f1'])} "
                        f"silent {m['silent_errors']} wrong {','.join(wrong)}"
                    )
    print(f"{len(docs)} dev documents of | rows with both level names in their gold")
    for change in changes:
        print(f"{change}:")
        for layout in layouts:
            print(line(layout, tally.samples[(change, layout)]))
    print("all:")
    for layout in layouts:
        print(line(layout, tally.pooled(*[(c, layout) for c in changes])))
    print(line("every change and layout", tally.pooled()))
    print(tally.field_report(args.show))
    print(f"{time.perf_counter() - start:.0f} s")
    return 1 if tally.silent else 0


if __name__ == "__main__":
    sys.exit(main())
