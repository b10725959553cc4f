"""Which drafted candidates to keep when there are more than the draft's length: those whose
wording comes closest to what clerks wrote for the most similar library projects.

The generators (goal, guarded library, published libraries, type template, standard fill-ins)
propose more names than a draft holds. Which ones a reviewer recognises is best told by the
precedents: the indicator names of the library projects most like this one (same type or
sector, ranked by their name and goal). Each precedent's own subject is written as this
project's (物业管理质量达标率 of 《物业管理费支出》 reads 市民中心物业管理服务质量达标率 for
a 市民中心物业管理服务 project), and candidates are kept greedily by how much closer they bring
the draft to those names (the ``eval draft`` relevance, measured on precedents, never on the
project itself: the library used for drafting never holds the project's own table in the
leave-one-out evaluation). What must stay stays: the goal's own counts and one indicator of
each of 产出, 效益 and 满意度.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from ..textnorm import fold
from .library import LibraryProject

__all__ = ["precedent_names", "choose"]

#: how many precedent projects speak for "what clerks write"
PRECEDENTS = 40
#: how many of the best-ranked projects are looked through for precedents of the same type or sector
LOOK_AT = 200


def precedent_names(
    ranked: Sequence[LibraryProject],
    same_kind: Callable[[LibraryProject], bool],
    subject: str | None,
    subject_of: Callable[[str], str],
    k: int = PRECEDENTS,
) -> list[tuple[str, list[str]]]:
    """``(key, names)``: the indicator names of the ``k`` first projects of ``ranked`` of the
    same type or sector, each precedent's subject written as this project's ``subject`` (when
    both have one: dev at most 8, 0.3265 as written, 0.340 rewritten; at 12 it is even)."""
    found: list[tuple[str, list[str]]] = []
    for project in ranked:
        if len(found) >= k:
            break
        if not same_kind(project):
            continue
        names = [i.name for i in project.project.indicators if i.name]
        if not names:
            continue
        theirs = subject_of(project.name) if subject else None
        if subject and theirs and theirs != subject:
            names = [n.replace(theirs, subject) for n in names]
        found.append((project.key, names))
    return found


def choose(
    names: Sequence[str],
    groups: Sequence[str],
    keep: Sequence[bool],
    precedents: Sequence[tuple[str, Sequence[str]]],
    limit: int,
    owners: Sequence[str | None] = (),
    clash: Sequence[Sequence[bool]] | None = None,
) -> list[int]:
    """The positions (in their first order) of at most ``limit`` candidates to keep.

    ``groups``: each candidate's coverage group (产出 "1", 效益 "2", 满意度 "3"): one of each
    group present stays. ``keep``: candidates that stay whatever (the goal's counts).
    The rest are added by their gain in closeness to the precedents' names (each precedent
    weighs the same), ties and the no-gain rest in their first order. ``owners``: the library
    project a candidate was adopted from; it is not its own evidence (it would match itself
    exactly), so that precedent's names do not count for it."""
    n = len(names)
    chosen: list[int] = [i for i in range(n) if keep[i]][:limit]

    def allowed(i: int) -> bool:
        return not clash or not any(clash[i][j] or clash[j][i] for j in chosen)

    rows = [fold(p) for _, names_ in precedents for p in names_]
    row_keys = [key for key, names_ in precedents for _ in names_]
    weights = np.array([1.0 / len(names_) for _, names_ in precedents for _ in names_])
    if rows:
        scores = process.cdist([fold(x) for x in names], rows, scorer=fuzz.ratio, dtype=np.float32)
    else:
        scores = np.zeros((n, 0), dtype=np.float32)
    for i, owner in enumerate(owners):
        if owner is not None:
            scores[i, [j for j, key in enumerate(row_keys) if key == owner]] = 0
    best = np.zeros(len(rows), dtype=np.float32)
    for i in chosen:
        best = np.maximum(best, scores[i])

    def gain(i: int) -> float:
        return float((np.maximum(scores[i] - best, 0) * weights).sum()) if rows else 0.0

    # one of each coverage group present, the one bringing most
    for group in dict.fromkeys(groups):
        if len(chosen) >= limit or any(groups[i] == group for i in chosen):
            continue
        fits = [i for i in range(n) if groups[i] == group and allowed(i)]
        if not fits:
            continue
        pick = max(fits, key=lambda i: (gain(i), -i))
        chosen.append(pick)
        best = np.maximum(best, scores[pick])
    while len(chosen) < limit:
        rest = [i for i in range(n) if i not in chosen and allowed(i)]
        if not rest:
            break
        pick = max(rest, key=lambda i: (gain(i), -i))
        chosen.append(pick)
        best = np.maximum(best, scores[pick])
    return sorted(chosen)
