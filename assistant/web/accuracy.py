"""The accuracy page: the eval history as a chart a clerk can read, and the latest metrics.

The y axis spans the values actually seen (at least 0.05 wide, ticks at round steps of
0.01, 0.02, 0.05 …), so a drop from 1.00 to 0.99 is a visible step, with grid lines, tick
values, dates on the x axis and the main metric's value written at each point. Reports are served only for runs named in the history.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

from ..evaluate.runs import evals_dir, read_history
from .app import templates

router = APIRouter()

#: extraction metrics shown, with their Chinese names
METRICS = {
    "indicator_f1": "指标完全正确率（F1）",
    "project_f1": "项目识别率（F1）",
    "amounts": "金额正确率",
    "goal_exact": "绩效目标正确率",
}
_COLORS = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700")


def chart(history: list[dict[str, Any]], metrics: dict[str, str], width: int = 820, height: int = 300) -> dict | None:
    """Everything the SVG needs: scaled points, y ticks, x labels."""
    entries = [h for h in history if any(isinstance(h.get("metrics", {}).get(m), (int, float)) for m in metrics)]
    if not entries:
        return None
    values = [h["metrics"][m] for h in entries for m in metrics if isinstance(h["metrics"].get(m), (int, float))]
    low, high = min(values), max(values)
    lower = min(low - max((high - low) * 0.2, 0.01), high - 0.05)
    step = next(s for s in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0) if (high - lower) / s <= 6)
    bottom = max(0.0, math.floor(round(lower / step, 6)) * step)
    top = math.ceil(round(high / step, 6)) * step
    left, right, upper, lower_pad = 60, 60, 24, 50
    plot_w, plot_h = width - left - right, height - upper - lower_pad
    step_x = plot_w / max(len(entries) - 1, 1)

    def y(value: float) -> float:
        return round(upper + plot_h * (top - value) / (top - bottom), 1)

    count = round((top - bottom) / step)
    ticks = [round(bottom + step * i, 4) for i in range(count + 1)]
    series = []
    for n, (metric, label) in enumerate(metrics.items()):
        points = [
            (round(left + i * step_x, 1), y(h["metrics"][metric]), h["metrics"][metric], h.get("run_id"))
            for i, h in enumerate(entries)
            if isinstance(h["metrics"].get(metric), (int, float))
        ]
        if points:
            series.append(
                {
                    "label": label,
                    "color": _COLORS[n % len(_COLORS)],
                    "points": points,
                    "polyline": " ".join(f"{px},{py}" for px, py, _, _ in points),
                }
            )
    xlabels = [(round(left + i * step_x, 1), _date(h.get("time"))) for i, h in enumerate(entries)]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "upper": upper,
        "lower": height - lower_pad,
        "ticks": [(y(t), f"{t:.2f}") for t in ticks],
        "series": series,
        "xlabels": xlabels,
    }


def _date(value: str | None) -> str:
    if not value:
        return "?"
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%m-%d %H:%M")
    except ValueError:
        return value[:16]


@router.get("/accuracy", response_class=HTMLResponse)
def accuracy(request: Request):
    root = evals_dir(request.app.state.settings.evals_dir)
    history = read_history(root, "extract")
    latest = history[-1] if history else None
    reports = {h["run_id"] for h in history if (root / "runs" / str(h.get("run_id")) / "report.html").is_file()}
    return templates.TemplateResponse(
        request,
        "accuracy.html",
        {
            "chart": chart(history, METRICS),
            "latest": latest,
            "metrics": METRICS,
            "history": list(reversed(history)),
            "reports": reports,
            "root": root,
        },
    )


@router.get("/accuracy/runs/{run_id}/report")
def report(request: Request, run_id: str):
    root = evals_dir(request.app.state.settings.evals_dir)
    known = {str(h.get("run_id")) for h in read_history(root)}
    if run_id not in known:  # only names the history lists; never a path from the client
        raise HTTPException(404, "没有这次评测")
    path = root / "runs" / run_id / "report.html"
    if not path.is_file():
        raise HTTPException(404, "这次评测的报告不在本机（运行目录未保留）")
    return FileResponse(path, media_type="text/html; charset=utf-8")
