"""Template leftovers written into real dev sources, and whether the rules read them as indicators.

Each single-project dev document whose gold indicators are found in its source gets, in its own
layout (``|`` cells, tabs, spaces, one cell per line, run together), a blank ``指标3:`` row, a
``……`` row, a row of ``**``, a cost row of zeros, a 其他资金 row at zero, a row holding only its number (at the grid's
first, middle and last indicator), a stamp line under the table, and its header printed again
after a page break (``tests/leftover_rows.py``). A copy is *right* when it reads as the untouched
source does (no extra indicator, the same seq), *flagged* when it differs and a new failure says
so (or a failure names each changed row: by its row, its seq, or by quoting the reader's row the
row stands in), *silent* when it differs unsaid (must be 0), *refused* when the rules give up.

    python benchmarks/bench_leftover_rows.py [--show 3] [--only zeros]
    python benchmarks/bench_leftover_rows.py --scaffold [--show 3] [--only slot]

Prints a line per leftover and per layout, and the totals; exits 1 if anything was silent.
``--scaffold`` writes instead the filled-in template's scaffolding around the same real cells
(``指标N：`` prefixes, unfilled slots, an unused 二级 label, a 评分标准 or 分值 column, the header
in two rows, a 注 line; ``tests/template_scaffold.py``) and scores each copy on the unchanged
gold: strict / lenient indicator F1, indicators predicted / gold, silent projects, against the
untouched sources of the same documents.
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
from rewrite_runner import Tally, metrics
from template_scaffold import scaffolds, score_copy


def _scaffold_line(label: str, samples: list, refused: int) -> str:
    m = metrics(samples)
    return (
        f"{label:14} strict {m['indicator_f1'] or 0:.3f}  lenient {m['indicator_f1_lenient'] or 0:.3f}"
        f"  indicators {m['indicators_pred']:4}/{m['indicators_gold']:<4} silent {m['silent_errors']:3}"
        f"  refused {refused}"
    )


def scaffold_main(only: str | None, show: int) -> int:
    """The template scaffolding copies, scored on the gold (see the module's docstring)."""
    tally = Tally()
    worse: dict[str, list[str]] = collections.defaultdict(list)
    for doc in dev_documents():
        base = score_copy(doc, doc.text)
        if base is None:
            continue
        tally.add("source", base, reference=True)
        f1 = metrics(base)["indicator_f1"] or 0
        for label, text in scaffolds(doc):
            if only and not label.startswith(only):
                continue
            m = tally.add(label, score_copy(doc, text))
            if m is None:
                continue
            if (m["indicator_f1"] or 0) < f1 - 1e-9 or m["silent_errors"]:
                worse[label].append(
                    f"{doc.stem} [{doc.layout}] {f1:.2f}→{m['indicator_f1'] or 0:.2f} silent {m['silent_errors']}"
                )
    for label, got in tally.samples.items():
        print(_scaffold_line(label, got, tally.refused[label]) + f"  worse {len(worse[label])}")
    for label, cases in worse.items():
        for case in cases[:show]:
            print(f"    {label}: {case}")
    print(tally.field_report(show))
    return 1 if tally.silent else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--only", help="one leftover kind (blank_item, dots, stars, zeros, money, numbering, stamp, header)"
    )
    parser.add_argument("--show", type=int, default=0, help="list this many silent/flagged cases each")
    parser.add_argument("--scaffold", action="store_true", help="the template scaffolding copies, on the gold")
    args = parser.parse_args()
    if args.scaffold:
        return scaffold_main(args.only, args.show)
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
