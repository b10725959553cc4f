"""Drafting from the same goal written in the other ways real goals are written.

Per dev project (leave-one-out, as ``eval draft``), the goal is drafted as written and
rewritten: in traditional characters (zhconv), with full-width digits and signs, one clause
per line, clauses separated by spaces instead of commas, and numbered (1)(2)… items. For each
layout it prints the mean relevance (names compared in simplified characters, so a
traditional draft is not penalised for its script) and the share of the goal-derived
indicators of the as-written draft (rationale 目标文本…: counts, rates, payments, periods)
that the rewritten draft still carries with the same value — what a layout costs the goal
reader —, and the drafted names the relevance guard finds off the project's topic (must stay 0:
a traditional goal's names are given back in its script). Gold names are read: dev only.

    python benchmarks/bench_draft_goal_variants.py [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import zhconv  # noqa: E402

from assistant.draft.adapt import draft_offline  # noqa: E402
from assistant.draft.evaluation import eval_library, library_without, off_topic, relevance, request_for  # noqa: E402
from assistant.draft.retrieve import Retriever  # noqa: E402
from assistant.textnorm import fold, simplified  # noqa: E402

_FULL = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789.%:;,()-~<>="})


def _numbered(goal: str) -> str:
    clauses = [c for c in re.split(r"[，,；;。]", goal) if c.strip()]
    return "".join(f"({n}){c.strip()}；" for n, c in enumerate(clauses, 1))


VARIANTS = {
    "as written": lambda g: g,
    "traditional": lambda g: zhconv.convert(g, "zh-hant"),
    "full-width": lambda g: g.translate(_FULL),
    "one clause per line": lambda g: re.sub(r"[，,；;]\s*", "\n", g),
    "space-separated": lambda g: re.sub(r"[，,；;]\s*", " ", g),
    "numbered (1)(2)": _numbered,
}


def _plain(names: list[str]) -> list[str]:
    return [simplified(fold(n)) for n in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="gold/real")
    parser.add_argument("--limit", type=int, default=0, help="only the first N dev projects with a goal")
    parser.add_argument("--verbose", action="store_true", help="the goal-derived indicators a layout loses")
    args = parser.parse_args()
    entries, library = eval_library(args.gold)
    chosen = [e for e in entries if e.split == "dev" and (e.name or "").strip() and (e.project.goal or "").strip()]
    chosen = chosen[: args.limit] if args.limit else chosen
    scores: dict[str, list[float]] = defaultdict(list)
    kept: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    strays: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # off-topic drafted names, all drafted
    started = time.perf_counter()
    for entry in chosen:
        gold = entry.project
        rest = library_without(entry, library)
        retriever = Retriever(rest)
        gold_names = _plain([i.name for i in gold.indicators if i.name])
        stated: set[tuple[str, str]] = set()
        for variant, rewrite in VARIANTS.items():
            request = request_for(entry, goal=rewrite(gold.goal))
            drafted = draft_offline(request, rest, retriever=retriever).indicators
            scores[variant].append(relevance(gold_names, _plain([i.name for i in drafted])))
            stray = off_topic(request, [i.name for i in drafted])
            strays[variant][0] += len(stray)
            if args.verbose and stray:
                print(f"  {variant:20} {gold.name[:16]:16} off-topic {stray}")
            strays[variant][1] += len(drafted)
            own = {(simplified(fold(i.name)), i.annual_value) for i in drafted if i.rationale.startswith("目标文本")}
            if variant == "as written":
                stated = own
            kept[variant][0] += len(stated & own)
            if args.verbose and stated - own:
                print(f"  {variant:20} {gold.name[:16]:16} lost {sorted(stated - own)} got {sorted(own - stated)}")
            kept[variant][1] += len(stated)
    seconds = time.perf_counter() - started
    print(f"{len(chosen)} dev projects with a goal, {len(VARIANTS)} layouts, {seconds:.0f} s")
    print(f"{'layout':22} {'relevance':>9} {'goal-derived kept':>18} {'off-topic':>10}")
    for variant in VARIANTS:
        same, total = kept[variant]
        share = same / total if total else 1.0
        mean = sum(scores[variant]) / len(scores[variant])
        off = f"{strays[variant][0]}/{strays[variant][1]}"
        print(f"{variant:22} {mean:9.4f} {share:11.3f} ({same}/{total}) {off:>10}")


if __name__ == "__main__":
    main()
