"""Which predicted project is which gold project, and which indicator is which.

Projects are matched by name and amounts. Names repeat (every 涉密项目 row is called
涉密项目), so projects with the same name are told apart by their amounts and, failing
that, by their position in the table. Indicators within a matched pair of projects are
matched with the Hungarian algorithm (``scipy.optimize.linear_sum_assignment``) on a
similarity built from their fields; a pair under the threshold is not a match, so a
gold item left over is a miss and a predicted item left over is a hallucination.

Everything works on interchange dicts (``assistant.export.to_interchange``), so gold
files and predictions of any backend are aligned the same way.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from ..schema import AMOUNT_FIELDS, MONEY_TOLERANCE
from ..textnorm import normalize_for_compare

__all__ = [
    "PROJECT_THRESHOLD",
    "INDICATOR_THRESHOLD",
    "INDICATOR_WEIGHTS",
    "norm",
    "money_equal",
    "text_similarity",
    "indicator_similarity",
    "normalized_indicator",
    "match_indicators",
    "match_projects",
]

#: a project pair needs this similarity (0.6 × name + 0.4 × amounts) to count as a match
PROJECT_THRESHOLD = 0.5
#: an indicator pair needs this weighted field similarity to count as a match
INDICATOR_THRESHOLD = 0.5
#: how much each field weighs in the indicator similarity (sums to 1)
INDICATOR_WEIGHTS = {
    "name": 0.35,
    "period_value": 0.2,
    "annual_value": 0.2,
    "level2_code": 0.1,
    "level1_code": 0.05,
    "seq": 0.1,
}

# above this many gold × predicted leftovers, fuzzy project matching is done per amount bucket
_FULL_MATRIX_LIMIT = 1_000_000
_TOLERANCE = float(MONEY_TOLERANCE)

Pairs = list[tuple[int | None, int | None]]


def norm(text: Any) -> str | None:
    """The interchange's comparison form; empty text counts as absent."""
    if text is None:
        return None
    return _norm(str(text))


@lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str | None:
    return normalize_for_compare(text) or None


def money_equal(a: float | None, b: float | None) -> bool:
    """Amounts are equal within the interchange tolerance; an empty cell equals only an empty cell."""
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= _TOLERANCE


def text_similarity(a: str | None, b: str | None) -> float:
    """1.0 for equal normalised texts (or both absent), else the fuzzy ratio in [0, 1]."""
    if a == b:
        return 1.0
    if a is None or b is None:
        return 0.0
    return fuzz.ratio(a, b) / 100.0


def normalized_indicator(indicator: dict[str, Any]) -> dict[str, Any]:
    """An interchange indicator with every text field in the comparison form."""
    return {k: (v if k == "seq" else norm(v)) for k, v in indicator.items() if k != "spans"}


def indicator_similarity(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """Weighted field similarity of two indicators whose text fields are already normalised."""
    score = 0.0
    for field, weight in INDICATOR_WEIGHTS.items():
        g, p = gold.get(field), pred.get(field)
        if field == "seq" or field.endswith("_code"):
            score += weight * (1.0 if g == p else 0.0)
        else:
            score += weight * text_similarity(g, p)
    return score


def _assign(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Hungarian assignment maximising similarity, keeping pairs at or above the threshold."""
    if similarity.size == 0:
        return []
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if similarity[r, c] >= threshold]


def _complete(pairs: list[tuple[int, int]], n_gold: int, n_pred: int) -> Pairs:
    """Matched pairs in gold order, then (gold, None) misses, then (None, pred) hallucinations."""
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    result: Pairs = sorted(pairs)
    result += [(g, None) for g in range(n_gold) if g not in matched_gold]
    result += [(None, p) for p in range(n_pred) if p not in matched_pred]
    return result


def _key(indicator: dict[str, Any]) -> tuple:
    return tuple(indicator.get(f) for f in INDICATOR_WEIGHTS)


def match_indicators(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], threshold: float = INDICATOR_THRESHOLD
) -> Pairs:
    """Align two lists of normalised indicators (see :func:`normalized_indicator`).

    Identical items are paired first (the usual case, and what makes scoring fast); the
    rest go through the Hungarian algorithm on :func:`indicator_similarity`.
    """
    pairs: list[tuple[int, int]] = []
    waiting: dict[tuple, list[int]] = defaultdict(list)
    for j, p in enumerate(pred):
        waiting[_key(p)].append(j)
    left_g = []
    for i, g in enumerate(gold):
        same = waiting.get(_key(g))
        if same:
            pairs.append((i, same.pop(0)))
        else:
            left_g.append(i)
    taken = {j for _, j in pairs}
    left_p = [j for j in range(len(pred)) if j not in taken]
    if left_g and left_p:
        similarity = np.array([[indicator_similarity(gold[i], pred[j]) for j in left_p] for i in left_g])
        pairs += [(left_g[r], left_p[c]) for r, c in _assign(similarity, threshold)]
    return _complete(pairs, len(gold), len(pred))


def _amount_matrix(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> np.ndarray:
    """Fraction of the four money columns that agree, for every gold × predicted pair."""

    def as_array(projects: list[dict[str, Any]]) -> np.ndarray:
        return np.array(
            [
                [math.nan if p["amounts"].get(k) is None else float(p["amounts"][k]) for k in AMOUNT_FIELDS]
                for p in projects
            ],
            dtype=float,
        ).reshape(len(projects), len(AMOUNT_FIELDS))

    g, p = as_array(gold)[:, None, :], as_array(pred)[None, :, :]
    both_empty = np.isnan(g) & np.isnan(p)
    with np.errstate(invalid="ignore"):
        close = np.abs(g - p) <= _TOLERANCE
    return (both_empty | close).mean(axis=2)


def _amount_key(project: dict[str, Any]) -> tuple:
    return tuple(
        None if project["amounts"].get(k) is None else round(float(project["amounts"][k]), 2) for k in AMOUNT_FIELDS
    )


def _position_penalty(gold_idx: list[int], pred_idx: list[int], n_gold: int, n_pred: int) -> np.ndarray:
    """A small penalty for distance in table position: breaks ties between equal rows."""
    g = np.array(gold_idx, dtype=float)[:, None] / max(n_gold, 1)
    p = np.array(pred_idx, dtype=float)[None, :] / max(n_pred, 1)
    return 0.01 * np.abs(g - p)


def match_projects(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], threshold: float = PROJECT_THRESHOLD
) -> Pairs:
    """Align gold and predicted projects (interchange dicts, in table order).

    First, projects with the same normalised name are matched among themselves: rows with
    the same amounts pair up in table order, the rest by agreeing amounts and position
    (this is what tells six 涉密项目 rows apart). Then what is left is matched
    on 0.6 × fuzzy name similarity + 0.4 × agreeing amounts, or on the share of indicator
    names they have in common when that is higher, above ``threshold``.
    """
    gold_names = [norm(p.get("name")) or "" for p in gold]
    pred_names = [norm(p.get("name")) or "" for p in pred]
    by_name_gold: dict[str, list[int]] = defaultdict(list)
    by_name_pred: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(gold_names):
        by_name_gold[name].append(i)
    for j, name in enumerate(pred_names):
        by_name_pred[name].append(j)

    pairs: list[tuple[int, int]] = []
    for name, g_idx in by_name_gold.items():
        p_idx = by_name_pred.get(name)
        if not p_idx:
            continue
        if len(g_idx) == 1 and len(p_idx) == 1:
            pairs.append((g_idx[0], p_idx[0]))
            continue
        # rows of the same name and the same amounts pair up in table order; the rest by similarity
        twins: dict[tuple, list[int]] = defaultdict(list)
        for j in p_idx:
            twins[_amount_key(pred[j])].append(j)
        left = []
        for i in g_idx:
            same = twins.get(_amount_key(gold[i]))
            if same:
                pairs.append((i, same.pop(0)))
            else:
                left.append(i)
        g_idx, p_idx = left, [j for same in twins.values() for j in same]
        if not g_idx or not p_idx:
            continue
        p_idx.sort()
        sim = 0.6 + 0.4 * _amount_matrix([gold[i] for i in g_idx], [pred[j] for j in p_idx])
        sim -= _position_penalty(g_idx, p_idx, len(gold), len(pred))
        pairs += [(g_idx[r], p_idx[c]) for r, c in _assign(sim, threshold)]

    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    left_g = [i for i in range(len(gold)) if i not in matched_g]
    left_p = [j for j in range(len(pred)) if j not in matched_p]
    if left_g and left_p:
        if len(left_g) * len(left_p) <= _FULL_MATRIX_LIMIT:
            blocks = [(left_g, left_p)]
        else:  # very large leftovers: only rows with the same total can be matched
            blocks = _blocks_by_total(gold, pred, left_g, left_p)
        for g_idx, p_idx in blocks:
            names = process.cdist(
                [gold_names[i] for i in g_idx], [pred_names[j] for j in p_idx], scorer=fuzz.ratio, workers=1
            )
            sim = 0.6 * (np.asarray(names, dtype=float) / 100.0)
            sim += 0.4 * _amount_matrix([gold[i] for i in g_idx], [pred[j] for j in p_idx])
            sim = np.maximum(sim, _indicator_overlap([gold[i] for i in g_idx], [pred[j] for j in p_idx]))
            sim -= _position_penalty(g_idx, p_idx, len(gold), len(pred))
            pairs += [(g_idx[r], p_idx[c]) for r, c in _assign(sim, threshold)]
    return _complete(pairs, len(gold), len(pred))


def _indicator_overlap(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> np.ndarray:
    """Share of indicator names two projects have in common (of the larger list).

    A project whose name was misread or not found (a form with no 项目名称 cell) is still
    the same project when half of its indicators are: its indicators are then scored, and
    its name is scored as wrong, instead of counting every indicator missed and invented."""

    def names(project: dict[str, Any]) -> set[str]:
        return {n for n in (norm(i.get("name")) for i in project.get("indicators") or []) if n}

    g_sets, p_sets = [names(p) for p in gold], [names(p) for p in pred]
    overlap = np.zeros((len(gold), len(pred)))
    for r, g in enumerate(g_sets):
        for c, p in enumerate(p_sets):
            if g and p:
                overlap[r, c] = len(g & p) / max(len(g), len(p))
    return overlap


def _blocks_by_total(gold, pred, left_g, left_p):
    def key(project: dict[str, Any]) -> Any:
        total = project["amounts"].get("total")
        return None if total is None else round(float(total), 2)

    groups: dict[Any, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in left_g:
        groups[key(gold[i])][0].append(i)
    for j in left_p:
        groups[key(pred[j])][1].append(j)
    return [(g, p) for g, p in groups.values() if g and p and len(g) * len(p) <= _FULL_MATRIX_LIMIT]
