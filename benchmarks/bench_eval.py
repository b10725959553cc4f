"""How long scoring takes: 10,000 projects against gold, on messy predictions.

Two shapes are timed: 345 documents of 29 projects (the seed table's size, as a gold set
of many tables would be) and one table of 10,005 projects (the worst case for project
alignment: ~2,000 rows all named 涉密项目). Predictions are the gold with mutations a
real extractor makes: dropped and hallucinated indicators and projects, wrong amounts,
changed values, swapped items.

    python benchmarks/bench_eval.py
"""

from __future__ import annotations

import copy
import random
import time
from pathlib import Path

from assistant.evaluate.align import _norm
from assistant.evaluate.metrics import score_table, summarize
from assistant.export import load_table, to_interchange

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "000_e2922c57f8184701.json"


def _mutate(project: dict, rng: random.Random) -> dict | None:
    project = copy.deepcopy(project)
    roll = rng.random()
    if roll < 0.02:
        return None  # missed project
    inds = project["indicators"]
    if inds and roll < 0.07:
        inds.pop(rng.randrange(len(inds)))
    elif inds and roll < 0.12:
        inds[rng.randrange(len(inds))]["annual_value"] = "按实际完成"
    elif len(inds) > 1 and roll < 0.15:
        inds[0], inds[1] = inds[1], inds[0]
    elif roll < 0.18:
        project["amounts"]["total"] = (project["amounts"]["total"] or 0) + 1.0
    elif roll < 0.20:
        inds.append(
            {
                **(inds[0] if inds else {}),
                "seq": 99,
                "name": "凭空出现的指标",
                "period_value": "100%",
                "annual_value": "100%",
                "level1_code": "1",
                "level1_name": "产出指标",
                "level2_code": "11",
                "level2_name": "数量指标",
            }
        )
    return project


def _table(projects: list[dict]) -> dict:
    return {
        "title": None,
        "department": None,
        "currency_unit": "万元",
        "amounts": {},
        "units": [{"name": "u", "amounts": {}, "projects": projects}],
    }


def _make(seed_projects: list[dict], copies: int, rng: random.Random) -> list[tuple[list[dict], list[dict]]]:
    """``copies`` documents: (gold projects, predicted projects) for each copy of the seed table."""
    docs = []
    for c in range(copies):
        gold, pred = [], []
        for i, p in enumerate(seed_projects):
            g = copy.deepcopy(p)
            if not g["classified"]:
                g["name"] = f"{g['name']}（{c}）"
            for ind in g["indicators"]:  # unique texts, so the normalisation cache gets no free hits
                ind["name"] = f"{ind['name']}{c}"
                ind["period_value"] = f"{ind['period_value']}{c}"
            g["amounts"]["total"] = round((g["amounts"]["total"] or 0) + c * 0.01, 2)
            gold.append(g)
            m = _mutate(g, rng)
            if m is not None:
                pred.append(m)
            if rng.random() < 0.02:
                pred.append({**copy.deepcopy(g), "name": f"幻觉项目{c}-{i}", "classified": False})
        docs.append((gold, pred))
    return docs


def _time(pairs: list[tuple[dict, dict]]) -> tuple[float, float, dict, int]:
    _norm.cache_clear()
    start = time.perf_counter()
    samples = []
    for d, (g, p) in enumerate(pairs):
        samples += score_table(g, p, record=f"doc{d}")
    mid = time.perf_counter()
    metrics = summarize(samples)["metrics"]
    return mid - start, time.perf_counter() - mid, metrics, sum(s["ind_gold"] for s in samples)


def main() -> None:
    seed_projects = to_interchange(load_table(GOLD), with_meta=False)["units"][0]["projects"]
    copies = 345
    docs = _make(seed_projects, copies, random.Random(0))
    gold = [p for g, _ in docs for p in g]
    pred = [p for _, q in docs for p in q]
    shapes = [
        (f"{copies} documents of {len(seed_projects)} projects", [(_table(g), _table(q)) for g, q in docs]),
        (f"one table ({sum(p['classified'] for p in gold)} rows named 涉密项目)", [(_table(gold), _table(pred))]),
    ]
    print(f"{len(gold)} gold projects, {len(pred)} predicted")
    for label, pairs in shapes:
        align, summ, metrics, indicators = _time(pairs)
        print(
            f"{label}: align + score {align:.2f} s, summarize {summ:.2f} s -> {len(gold) / (align + summ):,.0f} projects/s"
            f"  ({indicators} gold indicators; indicator_f1 {metrics['indicator_f1']:.4f},"
            f" project_f1 {metrics['project_f1']:.4f}, amounts {metrics['amounts']:.4f})"
        )


if __name__ == "__main__":
    main()
