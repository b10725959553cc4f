"""Scores: how close a predicted table is to its gold, per project and over a run.

:func:`score_table` aligns a prediction with its gold (see :mod:`.align`) and gives one
*sample* per project: a matched pair, a missed gold project or a hallucinated one, with
what was right and wrong in it. :func:`summarize` adds the samples (and the per-document
facts of :func:`document_stats`) up into the run's metrics. Samples carry counts, not
ratios, so a summary is a sum over samples and any subset (a slice, a record) can be
summarised the same way.

Equality is the interchange's: texts equal after NFKC, white space removed and trailing
。；;，,、 stripped; amounts equal within 0.005.

``silent_error_rate`` is what a clerk cannot see: the share of predicted projects that
differ from their gold in any field (or have no gold at all) while carrying no flag — no
read failure, no validation warning, no LOW_CONFIDENCE value (:func:`project_flags`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from rapidfuzz.distance import Levenshtein

from ..schema import AMOUNT_FIELDS, INDICATOR_FIELDS, BudgetTable
from .align import match_indicators, match_projects, money_equal, norm, normalized_indicator

__all__ = [
    "PROJECT_FIELDS",
    "MAIN_METRICS",
    "LOWER_IS_BETTER",
    "score_project",
    "score_table",
    "document_stats",
    "summarize",
    "summarize_by_slice",
    "summarize_by",
    "project_flags",
    "cer",
]

#: per-project fields scored over every gold project (a missed project is wrong in all)
PROJECT_FIELDS = ("project_name", "classified", *(f"amount_{k}" for k in AMOUNT_FIELDS), "amounts", "goal_exact")
#: the metrics shown in history, trend charts and compare headers
MAIN_METRICS = (
    "indicator_f1",
    "indicator_f1_lenient",
    "project_f1",
    "amounts",
    "goal_exact",
    "goal_cer",
    "silent_error_rate",
)
#: metrics where smaller is better (a baseline gate fails when they rise)
LOWER_IS_BETTER = (
    "goal_cer",
    "read_failures",
    "requests",
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "retries",
    "silent_error_rate",
    "silent_errors",
)

_MISSING = "—"  # the confusion-table label for "no indicator on this side"


def cer(pred: str | None, gold: str | None) -> float:
    """Character error rate of the normalised texts: edits / gold length (1.0 for a missing text)."""
    p, g = norm(pred) or "", norm(gold) or ""
    if not g:
        return 0.0 if not p else 1.0
    return Levenshtein.distance(p, g) / len(g)


def _indicator_equal(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, bool]:
    return {f: gold.get(f) == pred.get(f) for f in INDICATOR_FIELDS}


def score_project(gold: dict[str, Any] | None, pred: dict[str, Any] | None) -> dict[str, Any]:
    """One sample: the fields and indicators of a gold project against its prediction.

    Either side may be None (a missed or a hallucinated project). The result holds
    booleans per project field, indicator counts, per-field correct counts over matched
    indicators, level-2 code pairs for the confusion table, and a readable list of the
    differences (``amounts.total``, ``indicators[2].annual_value``, ``missing indicator 3`` …).
    """
    gold_inds = [normalized_indicator(i) for i in (gold or {}).get("indicators", [])]
    pred_inds = [normalized_indicator(i) for i in (pred or {}).get("indicators", [])]
    pairs = (
        match_indicators(gold_inds, pred_inds)
        if gold is not None and pred is not None
        else ([(g, None) for g in range(len(gold_inds))] + [(None, p) for p in range(len(pred_inds))])
    )

    differences: list[str] = []
    fields: dict[str, bool | None] = {f: None for f in PROJECT_FIELDS}
    goal_cer = None
    if gold is not None:
        if pred is None:
            fields = {f: False for f in PROJECT_FIELDS}
            differences.append("missing project")
        else:
            fields["project_name"] = norm(gold.get("name")) == norm(pred.get("name"))
            fields["classified"] = bool(gold.get("classified")) == bool(pred.get("classified"))
            for k in AMOUNT_FIELDS:
                fields[f"amount_{k}"] = money_equal(gold["amounts"].get(k), pred["amounts"].get(k))
            fields["amounts"] = all(fields[f"amount_{k}"] for k in AMOUNT_FIELDS)
            fields["goal_exact"] = norm(gold.get("goal")) == norm(pred.get("goal"))
            if gold.get("goal") is not None:
                goal_cer = cer(pred.get("goal"), gold.get("goal"))
            labels = {"project_name": "name", "classified": "classified", "goal_exact": "goal"}
            differences += [
                labels.get(f, f.replace("amount_", "amounts."))
                for f, ok in fields.items()
                if ok is False and f != "amounts"
            ]
    elif pred is not None:
        differences.append("hallucinated project")

    field_ok: Counter[str] = Counter()
    level2_pairs: list[list[str]] = []
    matched = strict = 0
    for g, p in pairs:
        if g is not None and p is not None:
            matched += 1
            equal = _indicator_equal(gold_inds[g], pred_inds[p])
            field_ok.update(f for f, ok in equal.items() if ok)
            if all(equal.values()):
                strict += 1
            else:
                differences += [f"indicators[{g + 1}].{f}" for f, ok in equal.items() if not ok]
            level2_pairs.append(
                [gold_inds[g].get("level2_code") or _MISSING, pred_inds[p].get("level2_code") or _MISSING]
            )
        elif g is not None:
            if pred is not None:
                differences.append(f"missing indicator {g + 1}")
            level2_pairs.append([gold_inds[g].get("level2_code") or _MISSING, _MISSING])
        else:
            if gold is not None:
                differences.append(f"hallucinated indicator (predicted item {p + 1})")
            level2_pairs.append([_MISSING, pred_inds[p].get("level2_code") or _MISSING])

    status = "matched" if gold is not None and pred is not None else ("missed" if gold is not None else "hallucinated")
    return {
        "status": status,
        "project": (gold or pred or {}).get("name"),
        "passed": status == "matched" and not differences,
        **{f"ok_{f}": v for f, v in fields.items()},
        "goal_cer": goal_cer,
        "ind_gold": len(gold_inds),
        "ind_pred": len(pred_inds),
        "ind_matched": matched,
        "ind_strict": strict,
        **{f"ind_ok_{f}": field_ok[f] for f in INDICATOR_FIELDS},
        "level2_pairs": level2_pairs,
        "indicator_pairs": [[g, p] for g, p in pairs],
        "differences": differences,
    }


def _projects(table: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(u.get("name"), p) for u in table.get("units", []) for p in u.get("projects", [])]


def project_flags(table: BudgetTable) -> list[list[str]]:
    """For each project of ``table`` (in :meth:`BudgetTable.projects` order) what flags it
    for a human: validation warning codes (``LOW_CONFIDENCE`` among them) and read failures
    (``FAILURE:<field>``).

    A warning names its project, or its 资金使用单位 (all the unit's projects), or nothing
    (the whole table). A failure belongs to the project whose rows it falls in: the last
    project that starts at or above its row; one above every project, or without a row,
    concerns all of them (a form's project, a document-level problem).
    """
    from ..checks.validate import validate_table

    projects = table.projects()
    flags: list[list[str]] = [[] for _ in projects]
    unit_of = [u.name for u in table.units for _ in u.projects]
    for warning in validate_table(table):
        for i, project in enumerate(projects):
            if warning.project is None or warning.project in (project.name, unit_of[i]):
                flags[i].append(warning.code)
    rows = [p.spans["name"].row if "name" in p.spans else None for p in projects]
    for failure in table.failures:
        label = f"FAILURE:{failure.field or 'row'}"
        owner = None
        if failure.row is not None and all(r is not None for r in rows):
            above = [i for i, r in enumerate(rows) if r <= failure.row]
            owner = above[-1] if above else None
        for i in range(len(projects)):
            if owner is None or owner == i:
                flags[i].append(label)
    return flags


def score_table(
    gold: dict[str, Any],
    pred: dict[str, Any] | None,
    *,
    record: str,
    slice: str = "clean",
    pred_flags: list[list[str]] | None = None,
    columns: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The samples of one document: every gold project and every unmatched prediction.

    ``gold`` and ``pred`` are interchange dicts; ``pred`` None means the extraction failed
    (every gold project is then missed). ``pred_flags`` gives, per predicted project, what
    flags it (:func:`project_flags`); without it a prediction counts as unflagged.
    ``columns`` (family, sector …) are copied into every sample. Sample ids are stable across
    runs: ``record/slice/g<index>`` for gold projects, ``record/slice/p<index>`` for hallucinations.
    """
    gold_projects = _projects(gold)
    pred_projects = _projects(pred) if pred is not None else []
    pairs = match_projects([p for _, p in gold_projects], [p for _, p in pred_projects])
    samples = []
    for g, p in pairs:
        gold_project = gold_projects[g][1] if g is not None else None
        pred_project = pred_projects[p][1] if p is not None else None
        sample = score_project(gold_project, pred_project)
        sample_id = f"{record}/{slice}/g{g}" if g is not None else f"{record}/{slice}/p{p}"
        flags = (pred_flags[p] if pred_flags is not None and p < len(pred_flags) else []) if p is not None else None
        samples.append(
            {
                "sample_id": sample_id,
                "record": record,
                "slice": slice,
                **(columns or {}),
                "gold_index": g,
                "pred_index": p,
                **sample,
                "flags": flags,
                # wrong (or not in the gold at all) and nothing tells the clerk to look
                "silent_error": p is not None and not sample["passed"] and not flags,
                "gold": gold_project,
                "prediction": pred_project,
            }
        )
    return samples


def _walk_spans(table: BudgetTable):
    yield from table.spans.values()
    for unit in table.units:
        yield from unit.spans.values()
        for project in unit.projects:
            yield from project.spans.values()
            for indicator in project.indicators:
                yield from indicator.spans.values()


def document_stats(
    table: BudgetTable | None, *, record: str, slice: str = "clean", error: str | None = None
) -> dict[str, Any]:
    """Per-document facts that are not per project: did the output fit the schema, how
    much of it is grounded in the source, how confident the backend was, what it cost."""
    stats: dict[str, Any] = {
        "record": record,
        "slice": slice,
        "error": error,
        "schema_valid": False,
        "read_failures": 0,
        "spans": 0,
        "grounded": 0,
        "confidence_sum": 0.0,
        "confidence_n": 0,
        "ledger": {},
    }
    if table is None:
        return stats
    from ..export import to_interchange

    try:
        BudgetTable.model_validate(to_interchange(table, with_meta=False) | {"failures": []})
        stats["schema_valid"] = True
    except Exception as exc:  # the prediction does not fit the models: record why
        stats["error"] = error or f"schema: {exc}".splitlines()[0]
    stats["read_failures"] = len(table.failures)
    for span in _walk_spans(table):
        stats["spans"] += 1
        stats["grounded"] += span.alignment != "ungrounded"
        if span.confidence is not None:
            stats["confidence_sum"] += span.confidence
            stats["confidence_n"] += 1
    if table.meta is not None and table.meta.ledger:
        stats["ledger"] = {
            k: v for k, v in table.meta.ledger.items() if isinstance(v, (int, float)) and not k.startswith("max_")
        }
    return stats


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def summarize(samples: list[dict[str, Any]], documents: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The metrics of a set of samples (and their documents); ratios are None when undefined.

    Returns ``{"metrics": {...}, "confusion": {gold_l2: {pred_l2: n}}}``.
    """
    documents = documents or []
    gold = [s for s in samples if s["status"] != "hallucinated"]
    pred = [s for s in samples if s["status"] != "missed"]
    matched = [s for s in samples if s["status"] == "matched"]
    m: dict[str, Any] = {
        "documents": len(documents),
        "samples": len(samples),
        "samples_passed": sum(s["passed"] for s in samples),
        "projects_gold": len(gold),
        "projects_pred": len(pred),
        "projects_matched": len(matched),
    }
    m["silent_errors"] = sum(bool(s.get("silent_error")) for s in pred)
    m["silent_error_rate"] = _ratio(m["silent_errors"], len(pred))
    m["project_precision"] = _ratio(len(matched), len(pred))
    m["project_recall"] = _ratio(len(matched), len(gold))
    m["project_f1"] = _ratio(2 * len(matched), len(pred) + len(gold))  # = 2PR/(P+R); 0 when nothing was predicted
    for field in PROJECT_FIELDS:
        m[field] = _ratio(sum(bool(s[f"ok_{field}"]) for s in gold), len(gold))
    cers = [s["goal_cer"] for s in matched if s["goal_cer"] is not None]
    m["goal_cer"] = sum(cers) / len(cers) if cers else None

    ind_gold = sum(s["ind_gold"] for s in samples)
    ind_pred = sum(s["ind_pred"] for s in samples)
    ind_matched = sum(s["ind_matched"] for s in samples)
    ind_strict = sum(s["ind_strict"] for s in samples)
    m.update(
        indicators_gold=ind_gold, indicators_pred=ind_pred, indicators_matched=ind_matched, indicators_strict=ind_strict
    )
    m["indicator_precision"] = _ratio(ind_strict, ind_pred)
    m["indicator_recall"] = _ratio(ind_strict, ind_gold)
    m["indicator_f1"] = _ratio(2 * ind_strict, ind_pred + ind_gold)
    m["indicator_precision_lenient"] = _ratio(ind_matched, ind_pred)
    m["indicator_recall_lenient"] = _ratio(ind_matched, ind_gold)
    m["indicator_f1_lenient"] = _ratio(2 * ind_matched, ind_pred + ind_gold)
    for field in INDICATOR_FIELDS:
        m[f"indicator_{field}"] = _ratio(sum(s[f"ind_ok_{field}"] for s in samples), ind_matched)

    spans = sum(d["spans"] for d in documents)
    m["grounding_rate"] = _ratio(sum(d["grounded"] for d in documents), spans)
    m["mean_confidence"] = _ratio(
        sum(d["confidence_sum"] for d in documents), sum(d["confidence_n"] for d in documents)
    )
    m["schema_valid_rate"] = _ratio(sum(d["schema_valid"] for d in documents), len(documents))
    m["read_failures"] = sum(d["read_failures"] for d in documents)
    m["errors"] = sum(d["error"] is not None for d in documents)
    ledger: Counter[str] = Counter()
    for d in documents:
        ledger.update(d.get("ledger") or {})
    m.update(dict(ledger))

    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s in samples:
        for g, p in s["level2_pairs"]:
            confusion[g][p] += 1
    return {"metrics": m, "confusion": {g: dict(row) for g, row in sorted(confusion.items())}}


def summarize_by_slice(samples: list[dict[str, Any]], documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """:func:`summarize` per slice, in the order the slices first appear."""
    groups: dict[str, tuple[list, list]] = {}
    for s in samples:
        groups.setdefault(s["slice"], ([], []))[0].append(s)
    for d in documents:
        groups.setdefault(d["slice"], ([], []))[1].append(d)
    return {name: summarize(s, d) for name, (s, d) in groups.items()}


def summarize_by(
    samples: list[dict[str, Any]], documents: list[dict[str, Any]], column: str
) -> dict[str, dict[str, Any]]:
    """:func:`summarize` per value of a sample/document column (family, sector …), sorted by
    value; records without the column are grouped under ``"—"``."""
    groups: dict[str, tuple[list, list]] = {}
    for s in samples:
        groups.setdefault(s.get(column) or _MISSING, ([], []))[0].append(s)
    for d in documents:
        groups.setdefault(d.get(column) or _MISSING, ([], []))[1].append(d)
    return {name: summarize(s, d) for name, (s, d) in sorted(groups.items())}
