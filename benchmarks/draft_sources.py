"""Where the human indicators' best matches come from, and why the candidate pool misses them.

For each dev project (leave-one-out, as ``eval draft``) and each of its gold indicator names:
the best name of *anything* (every other corpus project's indicators, the published libraries,
the goal's clauses, the project name) and the best of the candidate pool. Where *anything* is
closer, the gap (in relevance points, the mean over projects of the mean over gold names) is
split by the origin of that best match (a library project of the same type, of the same sector,
of another sector sharing a topic word with this project, of another sector sharing none; a
published record; the goal; the name) and by why the pool does not have it, the first reason
that applies:

- ``generic`` — no topic word (服务对象满意度): the guarded path drops generic names by design;
  only common wording (two documents) and the templates bring such names;
- ``seed word`` — names a seed-department topic the project does not;
- ``guard: foreign words`` — its topic words are not all the project's (培训 in a 会议 project);
- ``retrieval: type/sector`` — the guard admits it, but its project is of another type and sector
  (and department), so retrieval never looks at it;
- ``retrieval: no word hit`` — admitted, its project is of the same kind, but none of its topic
  words is in the project's text or type keywords (the word index never finds it);
- ``other filter`` — admitted and found, but dropped (not indicator-like, names its owner …);
- ``not library`` — the best match is a published record, the goal or the name.

With ``--widen``, it also prints the pool ceiling with each wider source of candidates added on
its own (every one passes the guard's adoptable test or is generic, so off-topic stays 0):

- ``guarded library, any type or sector`` — retrieval without the type/sector restriction;
- ``precedent names, subject rewritten`` — the nearest same-kind projects' names with their subject
  written as this project's (what :func:`select.precedent_names` compares with), when adoptable;
- ``owner's object → this subject`` — a same-kind name whose foreign topic words are all its own
  project's name words, those words replaced by this project's subject (设施质量合格率 of a 设施 project
  → 高标准农田建设质量合格率);
- ``generic names of near projects`` — generic names (no topic word) of the 10 nearest same-kind
  projects, written by one document (common wording needs two).

    python benchmarks/draft_sources.py [--split dev] [--examples N] [--widen]

Tune on dev only: it reads gold names, so never run it on the test split while developing.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz, process  # noqa: E402

from assistant.draft.adapt import (  # noqa: E402
    NO_SUBJECT,
    _indicator_like,
    candidate_pool,
    project_sector,
    project_topic,
    subject_of,
)
from assistant.draft.evaluation import eval_library, library_without, relevance, request_for  # noqa: E402
from assistant.draft.guard import judge  # noqa: E402
from assistant.draft.published import published_indicators  # noqa: E402
from assistant.draft.retrieve import Retriever  # noqa: E402
from assistant.draft.select import LOOK_AT, PRECEDENTS  # noqa: E402
from assistant.textnorm import fold, simplified  # noqa: E402


def origin(owner, types: set[str], sector: str | None, retriever: Retriever, topic) -> str:
    """Where a library indicator's project stands to this one."""
    same_type = bool(types & retriever.project_types(owner))
    if same_type and owner.sector == sector:
        return "library: same type and sector"
    if same_type:
        return "library: same type, other sector"
    if owner.sector == sector:
        return "library: same sector, other type"
    return "library: other type and sector"


def reason(name: str, owner, topic, types: set[str], sector, department, retriever: Retriever, pool: set[str]) -> str:
    """Why the pool does not hold this library name (the first reason that applies)."""
    verdict = judge(name, topic)
    if verdict.generic:
        return "generic (no topic word)"
    if verdict.seed_words:
        return "seed word"
    if not verdict.adoptable:
        return "guard: foreign words"
    kind = (sector and owner.sector == sector) or (types & retriever.project_types(owner))
    if department and owner.department and fold(owner.department) == fold(department):
        kind = True
    if not kind:
        return "retrieval: type/sector"
    found = {fold(c.indicator.name) for c, _ in retriever.candidates(topic, types, sector, None, department)}
    if fold(name) not in found:
        return "retrieval: no word hit or names its owner"
    if not _indicator_like(name):
        return "other filter (not indicator-like)"
    return "other filter"


#: the wider sources ``--widen`` measures, in the order printed
SOURCES = (
    "guarded library, any type or sector",
    "precedent names, subject rewritten",
    "owner's object → this subject",
    "generic names of near projects",
)


def swap_object(name: str, owner, topic, subject: str) -> str | None:
    """``name`` with its project's object (foreign topic words that are all its owner's name
    words, in one span) written as ``subject``, when the result is adoptable; else None."""
    text = simplified(name)
    verdict = judge(text, topic)
    if len(text) > 16 or verdict.generic or verdict.adoptable or verdict.seed_words or not verdict.foreign:
        return None
    owner_name = simplified(owner.name)
    if not all(word in owner_name and word in text for word in verdict.foreign):
        return None
    start = min(text.index(word) for word in verdict.foreign)
    end = max(text.index(word) + len(word) for word in verdict.foreign)
    new = text[:start] + subject + text[end:]
    return new if new != text and judge(new, topic).adoptable else None


def wider_sources(request, retriever: Retriever, types: set[str], sector, topic) -> dict[str, set[str]]:
    """The names each wider source would add to the pool (see the module docstring)."""
    ranked = [p for p, _ in retriever.similar_projects(f"{request.name} {request.goal}", k=LOOK_AT)]
    near = [p for p in ranked if (sector and p.sector == sector) or types & retriever.project_types(p)]
    subject = subject_of(request.name)
    found: dict[str, set[str]] = defaultdict(set)
    for item, _ in retriever.candidates(topic, None, None, None, request.department):
        if _indicator_like(item.indicator.name):
            found["guarded library, any type or sector"].add(item.indicator.name)
    for project in near[:PRECEDENTS]:
        theirs = subject_of(project.name)
        for indicator in project.project.indicators:
            name = indicator.name or ""
            if subject != NO_SUBJECT and theirs not in (NO_SUBJECT, subject) and theirs in name:
                new = name.replace(theirs, subject)
                if judge(new, topic).adoptable:
                    found["precedent names, subject rewritten"].add(new)
            if subject != NO_SUBJECT and (new := swap_object(name, project, topic, subject)):
                found["owner's object → this subject"].add(new)
    for project in near[:10]:
        for indicator in project.project.indicators:
            name = indicator.name or ""
            verdict = judge(name, topic)
            if name and len(name) <= 12 and verdict.generic and not verdict.seed_words:
                found["generic names of near projects"].add(name)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="gold/real")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--widen", action="store_true", help="the pool ceiling with each wider source added")
    args = parser.parse_args()
    if args.split == "test":
        parser.error("tune on dev only")
    entries, library = eval_library(args.gold)
    chosen = [e for e in entries if e.split == args.split and (e.name or "").strip()]
    gap_by_origin: Counter = Counter()
    gap_by_reason: Counter = Counter()
    gap_by_both: Counter = Counter()
    count_by_reason: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    published = sorted({r.name.replace("**", "") for r in published_indicators()})
    widened: dict[str, list[float]] = defaultdict(list)  # pool ceiling per wider source
    added: Counter = Counter()
    sector_gap: dict[str, Counter] = defaultdict(Counter)
    for entry in chosen:
        gold = entry.project
        rest = library_without(entry, library)
        retriever = Retriever(rest)
        request = request_for(entry)
        types_, topic = project_topic(request)
        types = {t.id for t in types_}
        sector = project_sector(request, types_)
        pool = list(dict.fromkeys(n for n, _ in candidate_pool(request, retriever)))
        pool_f = [fold(n) for n in pool]
        items = [i for i in retriever.indicators if i.indicator.name]
        lib_f = [fold(i.indicator.name) for i in items]
        goal = [c for c in re.split(r"[，,；;。\n、：:]", gold.goal or "") if c.strip()]
        gold_names = [i.name for i in gold.indicators if i.name]
        weight = 1 / (len(gold_names) * len(chosen)) if gold_names else 0
        if args.widen:
            widened["pool"].append(relevance(gold_names, pool))
            wider = wider_sources(request, retriever, types, sector, topic)
            for source in SOURCES:
                new = sorted(wider[source] - set(pool))
                added[source] += len(new)
                widened[source].append(relevance(gold_names, pool + new))
        for g in gold_names:
            gf = fold(g)
            best_pool = max((fuzz.ratio(gf, p) for p in pool_f), default=0)
            lib = process.extractOne(gf, lib_f, scorer=fuzz.ratio)
            others = [(fuzz.ratio(gf, fold(p)), "published") for p in published]
            others += [(fuzz.ratio(gf, fold(c)), "goal clause") for c in goal]
            others.append((fuzz.ratio(gf, fold(gold.name)), "project name"))
            best_other = max(others, default=(0, ""))
            if lib and lib[1] >= best_other[0]:
                item = items[lib[2]]
                score, where = lib[1], origin(item.owner, types, sector, retriever, topic)
                why = reason(
                    item.indicator.name, item.owner, topic, types, sector, entry.department, retriever, set(pool)
                )
            else:
                score, where, why = best_other[0], best_other[1], "not library"
            gap = max(score - best_pool, 0) / 100 * weight
            if gap <= 0:
                continue
            gap_by_origin[where] += gap
            gap_by_reason[why] += gap
            gap_by_both[(where, why)] += gap
            sector_gap[entry.sector or "?"][why] += gap * len(chosen)
            count_by_reason[why] += 1
            if len(examples[why]) < args.examples and score - best_pool >= 20:
                shown = item.indicator.name if why != "not library" else best_other[1]
                examples[why].append(f"{g} ← {shown} ({score:.0f} vs pool {best_pool:.0f}, {where})")
    total = sum(gap_by_origin.values())
    print(f"{len(chosen)} {args.split} projects; the gap between anything and the pool: {total:.4f}")
    print("\nby the origin of the best match:")
    for where, gap in gap_by_origin.most_common():
        print(f"  {gap:.4f}  {where}")
    print("\nby why the pool misses it (gold names):")
    for why, gap in gap_by_reason.most_common():
        print(f"  {gap:.4f}  {count_by_reason[why]:4}  {why}")
        for line in examples[why]:
            print(f"            {line}")
    print("\nby origin and reason:")
    for (where, why), gap in gap_by_both.most_common(15):
        print(f"  {gap:.4f}  {where}  |  {why}")
    sectors = Counter(entry.sector or "?" for entry in chosen)
    print("\nper sector (the gap per project, and its share by reason):")
    for sector, gaps in sorted(sector_gap.items()):
        total_ = sum(gaps.values())
        shares = ", ".join(f"{why} {gap / total_:.0%}" for why, gap in gaps.most_common(3))
        print(f"  {sector:18} {sectors[sector]:3}  {total_ / sectors[sector]:.4f}  {shares}")
    if args.widen:
        base = sum(widened["pool"]) / len(widened["pool"])
        print(f"\npool ceiling {base:.4f}; with one wider source added (names added over all projects):")
        for source, values in widened.items():
            if source != "pool":
                mean = sum(values) / len(values)
                print(f"  {mean:.4f} ({mean - base:+.4f})  {added[source]:5}  {source}")


if __name__ == "__main__":
    main()
