"""The ceiling of offline drafting relevance: what the candidate pool could score at best.

Per dev project (leave-one-out, as ``eval draft``): the relevance of the actual draft, of the
whole candidate pool (every name any generator proposes, before selection and the cut), of
the best 12 and 8 pool names (greedy), of *anything* (every other corpus name, every published
library name, the goal's clauses and the project name, unguarded and unlimited: the most any
selection from today's sources could reach), and, for each gold name, its best candidate and
the generator that proposed it. Gold names the pool cannot approach (< 0.5) are grouped by why
and by kind of phrase (<…>覆盖率, <…>人数 …, with the sites each occurs at: a kind at two or more
sites is one a type-file slot or a phrasing rule could serve).

    python benchmarks/draft_ceiling.py [--split dev] [--verbose] [--project NAME]

Tune on dev only: it reads gold names, so never run it on the test split while developing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz  # noqa: E402

from assistant.draft.adapt import NO_SUBJECT, candidate_pool, draft_offline, subject_of  # noqa: E402
from assistant.draft.evaluation import eval_library, library_without, relevance, request_for  # noqa: E402
from assistant.draft.models import DraftRequest  # noqa: E402
from assistant.draft.published import published_indicators  # noqa: E402
from assistant.draft.retrieve import Retriever  # noqa: E402
from assistant.textnorm import fold  # noqa: E402

LOW = 50  # a gold name whose best candidate scores below this is "out of reach"


def greedy(gold: list[str], pool: list[str], k: int) -> list[str]:
    """The best k pool names, picked greedily (a close lower bound of the optimum)."""
    chosen: list[str] = []
    for _ in range(min(k, len(pool))):
        best = max(pool, key=lambda p: relevance(gold, [*chosen, p]))
        if relevance(gold, [*chosen, best]) <= relevance(gold, chosen):
            break  # nothing left adds to it
        chosen.append(best)
    return chosen


def pattern(name: str, subject: str) -> str:
    """A drafted name with the project's subject written {S}: how often a phrasing is chosen."""
    return name.replace(subject, "{S}") if subject != NO_SUBJECT else name


def why(gold: str, request: DraftRequest, siblings: list[str]) -> str:
    """Why a gold name is out of the pool's reach, the first reason that applies."""
    name, goal = fold(gold), fold(request.goal or "")
    if re.search(r"\d|[≥≤%＞＜]|\*\*", gold):
        return "value-bearing (a number or ** in the name)"
    if len(name) > 20 or re.search(r"[,，;；。、]", name):
        return "a sentence (the work described)"
    if goal and fuzz.partial_ratio(name, goal) >= 75:
        return "a goal clause"
    if siblings and max(fuzz.ratio(name, fold(s)) for s in siblings) >= 70:
        return "a sibling project's name (same department)"
    if re.search(r"(率|数|量|度|比例|人次|面积|长度)$", name):
        shared = any(name[i : i + 2] in fold(request.name) for i in range(len(name) - 1))
        return "a XX率/XX数/XX量 pattern" + (" on the project's object" if shared else " on an object not in the text")
    return "an effect or phrase (no measure ending)"


#: the measure a gold name ends in, longest first: how the unreached names are grouped by kind of phrase
_KINDS = (
    "覆盖率", "完成率", "及时率", "合格率", "达标率", "知晓率", "到位率", "发放率", "执行率", "开工率", "成活率",
    "满意度", "满意率", "人数", "人次", "数量", "次数", "面积", "长度", "成本", "标准", "时限", "时间",
    "率", "数", "量", "度", "性", "情况",
)  # fmt: skip


def kind_of(gold: str) -> str:
    """``<…>覆盖率``, ``<…>人数`` …: the kind of phrase a gold name is, by its ending (a sentence or
    an effect with no measure ending is "other")."""
    name = re.sub(r"[(（][^)）]*[)）]$", "", fold(gold)).rstrip("%")
    return next((f"<…>{end}" for end in _KINDS if name.endswith(end)), "other (effect, sentence)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="gold/real")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--verbose", action="store_true", help="every gold name with its best candidate")
    parser.add_argument("--project", help="only this project")
    args = parser.parse_args()
    if args.split == "test":
        parser.error("tune on dev only")
    entries, library = eval_library(args.gold)
    chosen = [e for e in entries if e.split == args.split and (e.name or "").strip()]
    if args.project:
        chosen = [e for e in chosen if e.name == args.project]
    totals: dict[str, list[float]] = defaultdict(list)
    sectors: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    groups: Counter = Counter()
    group_sites: dict[str, set[str]] = defaultdict(set)
    by_kind: Counter = Counter()
    phrase_kinds: Counter = Counter()  # unreached gold names by kind of phrase
    phrase_sites: dict[str, set[str]] = defaultdict(set)
    phrase_examples: dict[str, list[str]] = defaultdict(list)
    missed: Counter = Counter()  # in the best 12 of the pool, not in the draft
    unneeded: Counter = Counter()  # in the draft, not in the best 12
    for entry in chosen:
        gold = entry.project
        rest = library_without(entry, library)
        retriever = Retriever(rest)
        request = request_for(entry)
        drafted = [i.name for i in draft_offline(request, rest, retriever=retriever).indicators]
        pool = candidate_pool(request, retriever)
        names = list(dict.fromkeys(n for n, _ in pool))
        kinds = {}
        for n, kind in pool:
            kinds.setdefault(n, kind)
        gold_names = [i.name for i in gold.indicators if i.name]
        # the widest honest reach: every other corpus project's names, the published libraries,
        # the goal's clauses and the project name, with no guard and no length limit
        everything = {i.name for p in rest.projects for i in p.project.indicators if i.name}
        everything |= {r.name.replace("**", "") for r in published_indicators()}
        everything |= {c for c in re.split(r"[，,；;。\n、：:]", gold.goal or "") if c.strip()} | {gold.name}
        row = {
            "draft": relevance(gold_names, drafted),
            "draft@8": relevance(gold_names, drafted[:8]) if len(drafted) <= 8 else None,
            "pool": relevance(gold_names, names),
            "best12": relevance(gold_names, greedy(gold_names, names, 12)),
            "best8": relevance(gold_names, greedy(gold_names, names, 8)),
            "anything": relevance(gold_names, sorted(everything)),
        }
        subject = subject_of(gold.name)
        best12 = greedy(gold_names, names, 12)
        for name in set(best12) - set(drafted):
            missed[(kinds.get(name, "?"), pattern(name, subject))] += 1
        for name in set(drafted) - set(best12):
            unneeded[pattern(name, subject)] += 1
        for key, value in row.items():
            if value is not None:
                totals[key].append(value)
                sectors[entry.sector or "?"][key].append(value)
        siblings = [
            i.name
            for p in rest.projects
            if entry.department and p.department == entry.department
            for i in p.project.indicators
        ]
        print(
            f"{entry.source[:34]:34} {gold.name[:18]:18} pool {len(names):4} "
            f"draft {row['draft']:.2f} ceiling {row['pool']:.2f} best12 {row['best12']:.2f}"
        )
        for g in gold_names:
            best = max(names, key=lambda n: fuzz.ratio(fold(g), fold(n))) if names else ""
            score = fuzz.ratio(fold(g), fold(best)) if best else 0
            if score >= LOW:
                by_kind[kinds.get(best, "?")] += 1
            else:
                kind = kind_of(g)
                phrase_kinds[kind] += 1
                phrase_sites[kind].add(entry.source.split("-")[0])
                phrase_examples[kind].append(g)
                reason = why(g, request, siblings)
                groups[reason] += 1
                group_sites[reason].add("-".join(entry.source.split("-")[1:3]))
            if args.verbose:
                print(f"    {score:3.0f} {g[:28]:28} ← {best[:24]} [{kinds.get(best, '')}]")
    n = len(chosen)
    print(f"\n{n} {args.split} projects; mean relevance:")
    for key, values in totals.items():
        print(f"  {key:8} {sum(values) / len(values):.4f}  ({len(values)} projects)")
    print("\nper sector: draft / pool ceiling / anything")
    for sector, values in sorted(sectors.items()):
        means = [sum(values[k]) / len(values[k]) for k in ("draft", "pool", "anything")]
        print(f"  {sector:18} {len(values['draft']):3}  " + " / ".join(f"{m:.4f}" for m in means))
    print(f"\ngold names the pool cannot approach (< {LOW / 100}), by why:")
    for reason, count in groups.most_common():
        print(f"  {count:4}  {reason}  ({len(group_sites[reason])} sites)")
    print(f"\ngold names the pool cannot approach (< {LOW / 100}), by kind of phrase (sites: documents' site codes):")
    for kind, count in phrase_kinds.most_common():
        examples = "、".join(dict.fromkeys(phrase_examples[kind]))
        print(f"  {count:4}  {kind:14} {len(phrase_sites[kind]):3} sites  {examples[:60]}")
    print("\ngold names the pool reaches (≥ 0.5), by the generator of the best candidate:")
    for kind, count in by_kind.most_common():
        print(f"  {count:4}  {kind}")
    print("\nselection: pool names in the best 12 but not drafted (generator, phrasing), most common:")
    for (kind, name), count in missed.most_common(25):
        print(f"  {count:4}  {name}  [{kind}]")
    print("\nselection: drafted names not in the best 12, most common:")
    for name, count in unneeded.most_common(15):
        print(f"  {count:4}  {name}")


if __name__ == "__main__":
    main()
