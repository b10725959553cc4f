"""95% intervals by resampling documents: they bracket the point, shrink to it when every
document scores the same, bound a zero silent rate by 3 / n, and reach the CLI's report."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from assistant.cli import app
from assistant.evaluate.intervals import bootstrap_intervals
from assistant.evaluate.metrics import document_stats, score_table, summarize
from assistant.gold import load_gold, to_interchange

RUNNER = CliRunner()


def _records(n: int):
    records = [r for r in load_gold("gold/real", split="dev") if r.table.indicators()]
    return records[:n]


def _scored(records, right: set[int]):
    """Samples as if the extractor read the records in ``right`` exactly and failed the rest."""
    samples, documents = [], []
    for i, record in enumerate(records):
        gold = to_interchange(record.table, with_meta=False)
        samples += score_table(gold, gold if i in right else None, record=record.stem, pred_flags=[["ok"]] * 50)
        documents.append(document_stats(None, record=record.stem, slice="clean", error=None))
    return samples, documents


def test_interval_brackets_the_point_and_is_reproducible():
    records = _records(8)
    samples, documents = _scored(records, right={0, 2, 3, 5})
    point = summarize(samples, documents)["metrics"]["indicator_f1"]
    first = bootstrap_intervals(samples, documents, draws=300, seed=1)
    assert 0 < first["indicator_f1"]["low"] < point < first["indicator_f1"]["high"] < 1
    assert first == bootstrap_intervals(samples, documents, draws=300, seed=1)
    assert first["indicator_f1"]["documents"] == 8


def test_interval_shrinks_to_the_point_when_every_document_agrees():
    samples, documents = _scored(_records(5), right={0, 1, 2, 3, 4})
    span = bootstrap_intervals(samples, documents, draws=100)["indicator_f1"]
    assert span["low"] == span["high"] == 1.0


def test_zero_silent_rate_is_bounded_by_the_rule_of_three():
    samples, documents = _scored(_records(6), right={0, 1, 2, 3, 4, 5})
    projects = summarize(samples, documents)["metrics"]["projects_pred"]
    span = bootstrap_intervals(samples, documents, draws=50)["silent_error_rate"]
    assert span == {"low": 0.0, "high": 3 / projects, "documents": 6, "method": "rule of three"}


def test_one_document_gives_no_interval():
    samples, documents = _scored(_records(1), right={0})
    assert bootstrap_intervals(samples, documents) == {}


def test_eval_on_a_corpus_folder_reports_intervals(tmp_path):
    result = RUNNER.invoke(
        app,
        [
            "eval",
            "extract",
            "--gold",
            "gold/real",
            "--split",
            "dev",
            "--no-history",
            "--evals-dir",
            str(tmp_path),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{") :])
    span = summary["intervals"]["indicator_f1"]
    assert span["low"] <= summary["metrics"]["indicator_f1"] <= span["high"]
    assert span["documents"] == summary["metrics"]["documents"]
    markdown = next(tmp_path.glob("runs/*/summary.md")).read_text(encoding="utf-8")
    assert "## 95% intervals" in markdown
