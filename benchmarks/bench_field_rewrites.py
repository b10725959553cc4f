"""Dev documents with their name, amounts or goal written another way: read right, or said?

Every dev source is rewritten the ways other sites state the same project fields (see
``tests/field_rewrites.py``: the title moved below or removed, amounts in 元 ↔ 万元, the goal
labelled 年度绩效目标 / 项目年度目标 / 预期目标 / 绩效目标, the goal broken over lines; the
project-header block re-laid, ``hdr_*``, see ``tests/header_relayouts.py``), the gold unchanged.
Each field of each gold project is *held* (read as well as in the original), *flagged* (worse, a
flag names the field), *silent* (worse, no flag names it) or *refused*.

    python benchmarks/bench_field_rewrites.py [--show N] [--only NAME] [--goal] [--money]

``--money``: instead, the money block re-laid (``money_*``, see ``tests/money_rewrites.py``: a
grid of heads over amounts, 实施期 | 年度 side by side, wrapped heads, the unit in the caption /
under the title / glued to the amounts, 元 with or without thousands separators, empty cells
vanished, one line, pipes; and a 自评表's block of column heads over rows, ``se_*``: pipes, padded,
a cell per line, each row run together), scored on the name and amounts.

``--layouts``: instead, the whole page re-laid as real copying does (``LAYOUTS`` in
``tests/field_rewrites.py``: traditional characters, cells run together, tabs, pipes dropped, hard
wraps at 34 / 48), each field scored against the GOLD itself: *right*, *flagged* (wrong, a flag names
it; a project missed counts as flagged), *silent*, *refused*; the original source is the first line.

Prints a line per rewrite and the totals; exits 1 if a field was silently worse.
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

from field_rewrites import (  # noqa: E402
    FIELDS,
    LAYOUTS,
    MONEY_FIELDS,
    dev_folders,
    field_outcomes,
    gold_outcomes,
    money_rewrites,
    read_samples,
    relaid,
    rewrites,
)

KINDS = ("held", "flagged", "silent", "refused")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="list the first N fields not held")
    parser.add_argument("--only", help="one rewrite")
    parser.add_argument("--goal", action="store_true", help="score the header rewrites' goals too")
    parser.add_argument("--money", action="store_true", help="the money block's re-layouts instead")
    parser.add_argument("--layouts", action="store_true", help="whole pages re-laid, scored against the gold")
    args = parser.parse_args()
    if args.layouts:
        return layouts(args.show)
    started = time.perf_counter()
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    shown = 0
    for folder in dev_folders():
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        original = read_samples(gold, (folder / "source.txt").read_text(encoding="utf-8"))
        if original is None:
            continue
        for name, text in (money_rewrites if args.money else rewrites)(folder):
            if args.only and name != args.only:
                continue
            counts[name]["copies"] += 1
            # a rewrite of the amounts or of the header block is scored on the name and amounts
            # (with --goal also on the goal: a copy without bars re-lays the goal's rows too)
            header = name.startswith("hdr_") and not args.goal
            money = "yuan" in name or "wan" in name or name.startswith(("money_", "se_"))
            fields = MONEY_FIELDS if money or header else FIELDS
            for field, kind in field_outcomes(original, read_samples(gold, text), fields):
                counts[name][f"{field}:{kind}"] += 1
                counts[name][kind] += 1
                if kind != "held" and shown < args.show:
                    shown += 1
                    print(f"    {kind}: {name} {folder.name} {field[3:]}")
    total: collections.Counter[str] = collections.Counter()
    for name in sorted(counts):
        c = counts[name]
        total.update(c)
        per_field = "  ".join(f"{f[3:]} {c[f + ':held']}/{sum(c[f + ':' + k] for k in KINDS)}" for f in FIELDS)
        print(f"{name:24} copies {c['copies']:3}  " + "  ".join(f"{k} {c[k]:4}" for k in KINDS) + f"   ({per_field})")
    print(f"{'all':24} copies {total['copies']:3}  " + "  ".join(f"{k} {total[k]:4}" for k in KINDS))
    print(f"{time.perf_counter() - started:.0f} s")
    return 1 if total["silent"] else 0


LAYOUT_KINDS = ("right", "flagged", "silent", "refused")


def layouts(show: int) -> int:
    """The ``--layouts`` mode: every dev source and its re-laid copies, each gold project's name,
    amounts and goal scored against the gold."""
    started = time.perf_counter()
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    shown = 0
    for folder in dev_folders():
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        text = (folder / "source.txt").read_text(encoding="utf-8")
        for how in ("source", *LAYOUTS):
            copy = (text, gold) if how == "source" else relaid(text, gold, how)
            if copy is None:
                continue
            counts[how]["copies"] += 1
            for field, kind in gold_outcomes(copy[1], read_samples(copy[1], copy[0])):
                counts[how][f"{field}:{kind}"] += 1
                counts[how][kind] += 1
                if kind in ("silent", "refused") and shown < show:
                    shown += 1
                    print(f"    {kind}: {how} {folder.name} {field[3:]}")
    total: collections.Counter[str] = collections.Counter()
    for how in ("source", *LAYOUTS):
        c = counts[how]
        if how != "source":
            total.update(c)
        per_field = "  ".join(f"{f[3:]} {c[f + ':right']}/{sum(c[f + ':' + k] for k in LAYOUT_KINDS)}" for f in FIELDS)
        print(
            f"{how:12} copies {c['copies']:3}  "
            + "  ".join(f"{k} {c[k]:4}" for k in LAYOUT_KINDS)
            + f"   ({per_field})"
        )
    per_field = "  ".join(
        f"{f[3:]} {total[f + ':right']}/{sum(total[f + ':' + k] for k in LAYOUT_KINDS)}" for f in FIELDS
    )
    print(
        f"{'all copies':12} copies {total['copies']:3}  "
        + "  ".join(f"{k} {total[k]:4}" for k in LAYOUT_KINDS)
        + f"   ({per_field})"
    )
    print(f"{time.perf_counter() - started:.0f} s")
    return 1 if total["silent"] else 0


if __name__ == "__main__":
    sys.exit(main())
