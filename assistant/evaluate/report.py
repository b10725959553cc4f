"""The run summary for people: Markdown, and an HTML report with gold and prediction side by side.

The HTML is rendered with Jinja2 with autoescaping on: every cell text that came from a
document (or a model) is escaped, so a cell holding ``<script>`` shows as text. The page
needs no network and no script: styles are inline and the trend chart is inline SVG.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from jinja2 import Environment

from ..schema import AMOUNT_FIELDS, INDICATOR_FIELDS
from .align import money_equal, norm

__all__ = [
    "render_markdown",
    "render_html",
    "render_history_html",
    "diff_segments",
    "trend_chart",
    "format_value",
    "main_metrics",
]

#: how many failing samples the HTML shows in full (the JSONL and Dataset hold them all)
MAX_DETAILED = 1000
_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


def format_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) or abs(value) < 1e15 else str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def diff_segments(gold: str, pred: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Character-level differences as (kind, text) runs for the gold side and the prediction side;
    kind is ``same``, ``del`` (only in gold) or ``ins`` (only in the prediction)."""
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, gold, pred, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(("same", gold[i1:i2]))
            right.append(("same", pred[j1:j2]))
        else:
            if i2 > i1:
                left.append(("del", gold[i1:i2]))
            if j2 > j1:
                right.append(("ins", pred[j1:j2]))
    return left, right


def _row(label: str, gold: Any, pred: Any, equal: bool) -> dict[str, Any]:
    g, p = format_value(gold), format_value(pred)
    if equal:
        return {"label": label, "equal": True, "gold": [("same", g)], "pred": [("same", p)]}
    left, right = diff_segments(g, p)
    return {"label": label, "equal": False, "gold": left, "pred": right}


def _project_rows(sample: dict[str, Any]) -> list[dict[str, Any]]:
    """Field-by-field rows of an extraction sample: project fields, then aligned indicators."""
    gold, pred = sample.get("gold") or {}, sample.get("prediction") or {}
    rows = [
        _row("项目名称 name", gold.get("name"), pred.get("name"), norm(gold.get("name")) == norm(pred.get("name"))),
        _row(
            "涉密 classified",
            gold.get("classified"),
            pred.get("classified"),
            gold.get("classified") == pred.get("classified"),
        ),
    ]
    for k in AMOUNT_FIELDS:
        g, p = (gold.get("amounts") or {}).get(k), (pred.get("amounts") or {}).get(k)
        rows.append(_row(f"amounts.{k}", g, p, money_equal(g, p) if gold and pred else g == p))
    rows.append(
        _row("绩效目标 goal", gold.get("goal"), pred.get("goal"), norm(gold.get("goal")) == norm(pred.get("goal")))
    )
    gold_inds, pred_inds = gold.get("indicators") or [], pred.get("indicators") or []
    for g_idx, p_idx in sample.get("indicator_pairs") or []:
        g_ind = gold_inds[g_idx] if g_idx is not None else None
        p_ind = pred_inds[p_idx] if p_idx is not None else None
        label = f"indicator {g_idx + 1}" if g_idx is not None else f"extra indicator (predicted {p_idx + 1})"
        equal = (
            g_ind is not None
            and p_ind is not None
            and all(
                (g_ind.get(f) == p_ind.get(f)) if f == "seq" else norm(g_ind.get(f)) == norm(p_ind.get(f))
                for f in INDICATOR_FIELDS
            )
        )
        rows.append(_row(label, _indicator_text(g_ind), _indicator_text(p_ind), equal))
    return rows


def _indicator_text(ind: dict[str, Any] | None) -> str | None:
    """An indicator written the way the source cell writes it, so a diff reads like the table."""
    if ind is None:
        return None
    seq = "" if ind.get("seq") is None else f"{ind['seq']}、"
    v = lambda k: "" if ind.get(k) is None else str(ind[k])  # noqa: E731
    return (
        f"{seq}{v('level1_code')}-{v('level1_name')}:{v('level2_code')}-{v('level2_name')};{v('name')};"
        f"实施周期指标值:{v('period_value')};年度指标值:{v('annual_value')}"
    )


def _generic_rows(sample: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows for samples of other kinds (drafting): gold vs prediction as pretty JSON lines."""
    gold, pred = sample.get("gold"), sample.get("prediction")
    if gold is None and pred is None:
        return [_row(k, v, None, True) for k, v in sample.items() if k not in ("sample_id", "passed")]
    dump = lambda v: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, indent=1)  # noqa: E731
    return [_row("gold / prediction", dump(gold), dump(pred), gold == pred)]


def _sample_view(sample: dict[str, Any]) -> dict[str, Any]:
    is_project = isinstance(sample.get("gold") or sample.get("prediction"), dict) and "amounts" in (
        sample.get("gold") or sample.get("prediction")
    )
    return {
        "id": sample.get("sample_id"),
        "title": sample.get("project") or sample.get("name") or sample.get("sample_id"),
        "status": sample.get("status", ""),
        "differences": sample.get("differences") or [],
        "rows": _project_rows(sample) if is_project else _generic_rows(sample),
    }


def trend_chart(
    history: list[dict[str, Any]], metrics: list[str], width: int = 640, height: int = 220
) -> dict[str, Any] | None:
    """Polylines of the given metrics over the history (oldest left), values in [0, 1] scaled."""
    entries = [h for h in history if any(isinstance(h.get("metrics", {}).get(m), (int, float)) for m in metrics)]
    if not entries:
        return None
    pad = 30
    step = (width - 2 * pad) / max(len(entries) - 1, 1)
    values = [h["metrics"].get(m) for h in entries for m in metrics if isinstance(h["metrics"].get(m), (int, float))]
    top = max(1.0, max(values))
    series = []
    for n, metric in enumerate(metrics):
        points = []
        for i, h in enumerate(entries):
            v = h["metrics"].get(metric)
            if isinstance(v, (int, float)):
                points.append(
                    (
                        round(pad + i * step, 1),
                        round(height - pad - (height - 2 * pad) * (v / top), 1),
                        v,
                        h.get("run_id"),
                    )
                )
        if points:
            series.append(
                {
                    "metric": metric,
                    "color": _COLORS[n % len(_COLORS)],
                    "points": points,
                    "polyline": " ".join(f"{x},{y}" for x, y, _, _ in points),
                }
            )
    return {
        "width": width,
        "height": height,
        "pad": pad,
        "top": top,
        "series": series,
        "runs": [h.get("run_id") for h in entries],
    }


_TEMPLATE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>eval {{ run_id }}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}.num{text-align:right;font-variant-numeric:tabular-nums}
.diff td.cell{background:#fff7e6}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.sample{border:1px solid #ddd;margin:.8em 0;padding:.3em .8em}.status{font-size:.85em;color:#666}
td.cell{max-width:38em;white-space:pre-wrap;word-break:break-all}
</style></head><body>
<h1>{{ kind }} eval — {{ run_id }}</h1>
<table>{% for k, v in manifest_rows %}<tr><th>{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}</table>
<h2>Metrics</h2>
<table><tr><th>metric</th>{% for name in slice_names %}<th>{{ name }}</th>{% endfor %}</tr>
{% for m in metric_names %}<tr><td>{{ m }}</td>{% for name in slice_names %}<td class="num">{{ fmt(slice_metrics[name].get(m)) }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% if confusion %}<h2>Level-2 codes: gold (rows) × predicted (columns)</h2>
<table><tr><th></th>{% for c in confusion_cols %}<th>{{ c }}</th>{% endfor %}</tr>
{% for g, row in confusion.items() %}<tr><th>{{ g }}</th>{% for c in confusion_cols %}<td class="num">{{ row.get(c, "") }}</td>{% endfor %}</tr>{% endfor %}
</table>{% endif %}
{% for title, chart in charts %}<h2>{{ title }}</h2>
<svg xmlns="http://www.w3.org/2000/svg" width="{{ chart.width }}" height="{{ chart.height + 20 * chart.series|length }}" role="img">
<line x1="{{ chart.pad }}" y1="{{ chart.height - chart.pad }}" x2="{{ chart.width - chart.pad }}" y2="{{ chart.height - chart.pad }}" stroke="#999"/>
<line x1="{{ chart.pad }}" y1="{{ chart.pad }}" x2="{{ chart.pad }}" y2="{{ chart.height - chart.pad }}" stroke="#999"/>
<text x="2" y="{{ chart.pad + 4 }}" font-size="10">{{ fmt(chart.top) }}</text><text x="2" y="{{ chart.height - chart.pad + 4 }}" font-size="10">0</text>
{% for s in chart.series %}<polyline fill="none" stroke="{{ s.color }}" stroke-width="2" points="{{ s.polyline }}"/>
{% for x, y, v, rid in s.points %}<circle cx="{{ x }}" cy="{{ y }}" r="3" fill="{{ s.color }}"><title>{{ rid }}: {{ s.metric }} = {{ fmt(v) }}</title></circle>{% endfor %}
<text x="{{ chart.pad }}" y="{{ chart.height + 14 + 20 * loop.index0 }}" font-size="12" fill="{{ s.color }}">■ {{ s.metric }}</text>
{% endfor %}</svg>
<p class="status">{{ chart.runs|length }} run(s), oldest left; hover a point for its run.</p>{% endfor %}
{% if samples is not none %}<h2>Samples: {{ failing_total }} of {{ sample_total }} with differences{% if failing_total > samples|length %} (first {{ samples|length }} shown){% endif %}</h2>
{% for s in samples %}<div class="sample" id="{{ s.id }}"><h3>{{ s.title }} <span class="status">{{ s.id }} · {{ s.status }}</span></h3>
{% if s.differences %}<p class="status">{{ s.differences|join(", ") }}</p>{% endif %}
<table><tr><th>field</th><th>gold</th><th>prediction</th></tr>
{% for r in s.rows %}<tr{% if not r.equal %} class="diff"{% endif %}><td>{{ r.label }}</td>
<td class="cell">{% for kind, text in r.gold %}{% if kind == "same" %}{{ text }}{% else %}<del>{{ text }}</del>{% endif %}{% endfor %}</td>
<td class="cell">{% for kind, text in r.pred %}{% if kind == "same" %}{{ text }}{% else %}<ins>{{ text }}</ins>{% endif %}{% endfor %}</td></tr>
{% endfor %}</table></div>{% endfor %}{% endif %}
</body></html>
"""

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_PAGE = _ENV.from_string(_TEMPLATE)


def main_metrics(kind: str, metrics: dict[str, Any]) -> list[str]:
    """The metrics worth a trend line: extraction's headline, else the run's own ratios (not gold references, targets or timings)."""
    from .metrics import MAIN_METRICS

    if kind == "extract":
        return list(MAIN_METRICS)
    return [
        k
        for k, v in metrics.items()
        if isinstance(v, float) and 0.0 <= v <= 1.0 and not k.startswith(("targets.", "gold_")) and "seconds" not in k
    ][:6]


def _charts(history: list[dict[str, Any]], metrics: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """The trend of the main metrics, and of indicator_f1 per robustness slice when runs have slices."""
    charts = []
    main = trend_chart(history, metrics)
    if main:
        charts.append(("Trend", main))
    per_slice = [
        {"run_id": h.get("run_id"), "metrics": h["slices_indicator_f1"]}
        for h in history
        if h.get("slices_indicator_f1")
    ]
    names = list(dict.fromkeys(n for h in per_slice for n in h["metrics"]))
    by_slice = trend_chart(per_slice, names) if per_slice else None
    if by_slice:
        charts.append(("Trend of indicator_f1 per robustness slice", by_slice))
    return charts


def render_html(run, history: list[dict[str, Any]]) -> str:
    """The run's HTML report: manifest, metrics per slice, confusion table, trend, samples."""
    summary, manifest = run.summary, run.manifest
    kind = manifest.get("kind", summary.get("kind", ""))
    metrics = summary.get("metrics", {})
    slices = (
        {"all": metrics} if not summary.get("slices") else {name: s["metrics"] for name, s in summary["slices"].items()}
    )
    confusion = summary.get("confusion") or {}
    cols = sorted({c for row in confusion.values() for c in row})
    failing = [s for s in run.samples if not s.get("passed")]
    keys = ("run_id", "time", "commit", "dirty", "backend", "model", "prompt", "gold_version", "gold", "parameters")
    return _PAGE.render(
        run_id=run.run_id,
        kind=kind,
        fmt=format_value,
        manifest_rows=[
            (
                k,
                json.dumps(manifest[k], ensure_ascii=False)
                if isinstance(manifest[k], (dict, list))
                else format_value(manifest[k]),
            )
            for k in keys
            if k in manifest
        ],
        slice_names=list(slices),
        slice_metrics=slices,
        metric_names=list(metrics),
        confusion=confusion,
        confusion_cols=cols,
        charts=_charts([h for h in history if h.get("kind") == kind], main_metrics(kind, metrics)),
        samples=[_sample_view(s) for s in failing[:MAX_DETAILED]],
        failing_total=len(failing),
        sample_total=len(run.samples),
    )


def render_history_html(history: list[dict[str, Any]], kind: str, metrics: list[str]) -> str:
    """A page with only the trend chart and the table of runs (``eval history --html``)."""
    last = history[-1]["metrics"] if history else {}
    rows = {h["run_id"]: h.get("metrics", {}) for h in history}
    return _PAGE.render(
        run_id="history",
        kind=kind,
        fmt=format_value,
        manifest_rows=[("runs", len(history))],
        slice_names=list(rows),
        slice_metrics=rows,
        metric_names=[m for m in metrics if m in last] or metrics,
        confusion={},
        confusion_cols=[],
        charts=_charts(history, metrics),
        samples=None,
        failing_total=0,
        sample_total=0,
    )


def _md(value: Any) -> str:
    return format_value(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(run) -> str:
    """summary.md: provenance, the metrics (one column per slice), the confusion table, failing samples."""
    summary, manifest = run.summary, run.manifest
    metrics = summary.get("metrics", {})
    slices = (
        {"all": metrics} if not summary.get("slices") else {name: s["metrics"] for name, s in summary["slices"].items()}
    )
    lines = [f"# {manifest.get('kind', '')} eval {run.run_id}", ""]
    for key in ("time", "commit", "backend", "model", "prompt", "gold_version"):
        if manifest.get(key) is not None:
            lines.append(f"- **{key}**: {_md(manifest[key])}")
    lines += ["", "| metric | " + " | ".join(slices) + " |", "| --- |" + " --- |" * len(slices)]
    for m in metrics:
        lines.append(f"| {m} | " + " | ".join(_md(s.get(m)) for s in slices.values()) + " |")
    intervals = summary.get("intervals") or {}
    if intervals:
        lines += [
            "",
            "## 95% intervals (documents resampled; a rate of 0 bounded by 3 / n)",
            "",
            "| metric | value | low | high | method |",
            "| --- | --- | --- | --- | --- |",
        ]
        for m, span in intervals.items():
            lines.append(f"| {m} | {_md(metrics.get(m))} | {span['low']:.4f} | {span['high']:.4f} | {span['method']} |")
    for column in ("family", "sector"):
        groups = summary.get(f"by_{column}") or {}
        if groups:
            # extraction groups hold {"metrics": …}; drafting groups are the metrics themselves
            parts = {name: part.get("metrics", part) for name, part in groups.items()}
            if manifest.get("kind") == "draft":
                first = next(iter(parts.values()))
                names = tuple(k for k, v in first.items() if isinstance(v, (int, float)) and not isinstance(v, bool))[
                    :9
                ]
            else:
                names = (
                    "documents",
                    "projects_gold",
                    "indicator_f1",
                    "project_name",
                    "amounts",
                    "goal_exact",
                    "silent_error_rate",
                )
            lines += [
                "",
                f"## Per {column}",
                "",
                f"| {column} | " + " | ".join(names) + " |",
                "| --- |" + " --- |" * len(names),
            ]
            for name, part in parts.items():
                lines.append(f"| {_md(name)} | " + " | ".join(_md(part.get(m)) for m in names) + " |")
    confusion = summary.get("confusion") or {}
    if confusion:
        cols = sorted({c for row in confusion.values() for c in row})
        lines += [
            "",
            "## Level-2 codes (gold rows × predicted columns)",
            "",
            "| gold \\ pred | " + " | ".join(cols) + " |",
            "| --- |" + " --- |" * len(cols),
        ]
        for g, row in confusion.items():
            lines.append(f"| {g} | " + " | ".join(str(row.get(c, "")) for c in cols) + " |")
    failing = [s for s in run.samples if not s.get("passed")]
    lines += ["", f"## Samples with differences: {len(failing)} of {len(run.samples)}", ""]
    for s in failing[:200]:
        what = ", ".join(s.get("differences") or []) or s.get("status", "")
        lines.append(f"- `{s.get('sample_id')}` {_md(s.get('project') or '')}: {_md(what)}")
    if len(failing) > 200:
        lines.append(f"- … {len(failing) - 200} more in samples.jsonl")
    return "\n".join(lines) + "\n"
