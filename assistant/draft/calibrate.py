"""Calibrate the relevance guard's threshold on the dev split of the real corpus.

    python -m assistant.draft.calibrate gold/real          # prints the grid, writes the threshold

For each threshold of the grid, drafting runs leave-one-out over the dev documents; the
threshold with the best mean ``relevance`` is kept (ties within 0.005 go to the stricter
threshold: adopting fewer indicators from other projects is the safer mistake). Beside it,
how many indicators were adopted from other projects and how many of those resemble one
the held-out project's clerks actually wrote (rapidfuzz ratio ≥ 60). The grid,
the dev projects used and the result are written into ``resources/draft_guard.yaml`` under
``calibration``, so the number in the file says where it came from. The test split is
never looked at.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from .. import settings
from .evaluation import evaluate_drafting
from .guard import guard_config

__all__ = ["GRID", "calibrate", "write_calibration"]

GRID = (0.34, 0.5, 0.6, 0.67, 0.75, 0.8, 1.0)


def calibrate(gold_path: str | Path, grid: tuple[float, ...] = GRID) -> dict:
    """The grid's dev figures and the chosen threshold."""
    from .corpus import load_real
    from .evaluation import _fold

    gold = {_fold(p.name): [i.name for i in p.project.indicators] for p in load_real(gold_path)}
    rows = []
    for threshold in grid:
        samples, summary = evaluate_drafting(gold_path, split="dev", threshold=threshold)
        adopted = [(s["project"], d["name"]) for s in samples for d in s["drafted"] if d["adapted_from"]]
        # an adoption is right when the held-out project's clerks wrote something like it
        right = sum(
            1
            for project, name in adopted
            if max((fuzz.ratio(_fold(name), _fold(g)) for g in gold.get(_fold(project), [])), default=0) >= 60
        )
        rows.append(
            {
                "threshold": threshold,
                "relevance": summary["relevance"],
                "adopted": len(adopted),
                "adopted_right": right,
                "projects": summary["projects"],
            }
        )
    best = max(r["relevance"] for r in rows)
    chosen = max(r["threshold"] for r in rows if r["relevance"] >= best - 0.005)
    return {"threshold": chosen, "split": "dev", "projects": rows[0]["projects"], "grid": rows}


def write_calibration(result: dict) -> Path:
    """Record the chosen threshold and its grid in the packaged guard file."""
    path = Path(str(settings.resource("draft_guard.yaml")))
    text = path.read_text(encoding="utf-8")
    record = yaml.safe_dump(
        {"calibration": {k: result[k] for k in ("split", "projects", "grid")}},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=120,
    )
    text = re.sub(r"(?ms)^threshold: .*\Z", f"threshold: {result['threshold']}\n{record}", text)
    path.write_text(text, encoding="utf-8")
    guard_config.cache_clear()
    return path
