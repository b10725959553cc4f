"""The eval CLI end to end: run folders, history, the gate's exit codes, compare, reports, draft wiring.

``test_rules_backend_passes_the_gate_on_the_gold`` is the CI gate: the rules backend
must keep reproducing the gold (strict indicator F1 ≥ 0.98, every amount right).
"""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.evaluate.runs import load_run, read_history, write_run


@pytest.fixture()
def evals(tmp_path):
    return tmp_path / "evals"


def _run(evals, *args):
    return main(["eval", *args, "--evals-dir", str(evals)])


def test_rules_backend_passes_the_gate_on_the_gold(evals, capsys):
    assert _run(evals, "extract", "--backend", "rules", "--fail-under", "indicator_f1=0.98,amounts=1.0") == 0
    out, err = capsys.readouterr()
    assert "indicator_f1" in out and "gate passed" in err
    (run_dir,) = (evals / "runs").iterdir()
    assert run_dir.name.endswith("-extract-rules")
    for name in ("manifest.json", "samples.jsonl", "summary.json", "summary.md", "report.html"):
        assert (run_dir / name).is_file(), name
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["backend"] == "rules" and len(manifest["gold_version"]) == 12 and "commit" in manifest
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["indicator_f1"] == 1.0 and summary["metrics"]["projects_gold"] == 29

    from datasets import load_from_disk

    dataset = load_from_disk(str(run_dir / "samples"))
    assert len(dataset) == 29 and all(dataset["passed"])
    assert json.loads(dataset[1]["gold"])["name"] == "区法学会经费"
    (entry,) = read_history(evals)
    assert entry["run_id"] == run_dir.name and entry["metrics"]["indicator_f1"] == 1.0


def test_gate_failure_exits_1_and_names_the_metric(evals, capsys):
    # OCR look-alikes inside values are kept as written, so the ocr slice's strict F1 is under 1
    assert (
        _run(evals, "extract", "--no-history", "--perturb", "ocr", "--fail-under", "ocr/indicator_f1=0.99,amounts=1.0")
        == 1
    )
    err = capsys.readouterr().err
    assert "gate failed" in err and "ocr/indicator_f1 = " in err and "is under 0.99" in err
    assert "amounts" not in err.split("gate failed")[1]
    assert read_history(evals) == []


@pytest.mark.parametrize("spec", ["indicator_f1", "indicator_f1=high", "no_such_metric=0.5", "=0.3"])
def test_bad_gate_syntax_exits_2(evals, spec, capsys):
    assert _run(evals, "extract", "--fail-under", spec) == 2
    assert "--fail-under" in capsys.readouterr().err
    assert not (evals / "runs").exists()  # refused before running


def test_unknown_baseline_and_slice_exit_2(evals):
    assert _run(evals, "extract", "--baseline", "no-such-run") == 2
    assert _run(evals, "extract", "--perturb", "ocr,typos") == 2


def test_llm_backend_without_endpoint_exits_2(evals, capsys):
    assert main(["--lang", "en", "eval", "extract", "--backend", "llm", "--evals-dir", str(evals)]) == 2
    assert "error" in capsys.readouterr().err


def _fake_run(evals, name_suffix, metrics, samples):
    return write_run(
        kind="extract",
        backend=f"fake{name_suffix}",
        summary={"metrics": metrics},
        samples=samples,
        manifest={"gold_version": "x"},
        root=evals,
    )


def _sample(sid, passed, differences=(), goal="目标"):
    project = {
        "name": sid,
        "classified": False,
        "amounts": {"total": 1.0, "fiscal": 1.0, "special_account": None, "other": None},
        "goal": goal,
        "indicators": [],
    }
    return {
        "sample_id": sid,
        "project": sid,
        "status": "matched",
        "passed": passed,
        "differences": list(differences),
        "indicator_pairs": [],
        "gold": project,
        "prediction": project,
    }


def test_baseline_gate_with_tolerance(evals, capsys):
    baseline = _fake_run(evals, "", {"indicator_f1": 1.0, "amounts": 1.0, "goal_cer": 0.0, "projects_gold": 29}, [])
    assert _run(evals, "extract", "--perturb", "ocr", "--baseline", baseline.path.name) == 0  # the clean metrics equal
    other = _fake_run(evals, "2", {"indicator_f1": 1.0, "amounts": 1.0, "goal_cer": 0.0}, [])
    # a baseline with a slice the new run scores worse on
    summary = json.loads((other.path / "summary.json").read_text(encoding="utf-8"))
    summary["slices"] = {"ocr": {"metrics": {"indicator_f1": 1.0}}}
    (other.path / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    capsys.readouterr()
    assert _run(evals, "extract", "--perturb", "ocr", "--baseline", str(other.path)) == 1
    err = capsys.readouterr().err
    assert "ocr/indicator_f1 fell 1.0000 →" in err
    assert _run(evals, "extract", "--perturb", "ocr", "--baseline", str(other.path), "--tolerance", "0.5") == 0


def test_compare_lists_newly_failing_samples_first(evals, capsys):
    a = _fake_run(
        evals,
        "a",
        {"indicator_f1": 1.0, "amounts": 1.0},
        [_sample("r/clean/g0", True), _sample("r/clean/g1", False, ["amounts.total"]), _sample("r/clean/g2", True)],
    )
    _fake_run(
        evals,
        "b",
        {"indicator_f1": 0.9, "amounts": 1.0},
        [
            _sample("r/clean/g0", False, ["indicators[1].name"]),
            _sample("r/clean/g1", True),
            _sample("r/clean/g2", True),
        ],
    )
    capsys.readouterr()
    assert main(["eval", "compare", a.path.name, "latest", "--evals-dir", str(evals)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[2] == "newly failing samples: 1"
    assert "r/clean/g0" in lines[3] and "indicators[1].name" in lines[3]
    assert out.index("newly failing") < out.index("metrics changed: 1") < out.index("newly passing samples: 1")
    assert "indicator_f1" in out and "-0.1000" in out and "amounts " not in out
    assert main(["eval", "compare", "previous", "latest", "--json", "--evals-dir", str(evals)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [e["sample_id"] for e in result["newly_failing"]] == ["r/clean/g0"]
    assert [e["sample_id"] for e in result["newly_passing"]] == ["r/clean/g1"]


def test_compare_stays_within_one_kind(evals, capsys):
    first = _fake_run(evals, "a", {"indicator_f1": 1.0}, [_sample("r/clean/g0", True)])
    draft = write_run(
        kind="draft", backend="library", summary={"metrics": {"relevance": 0.3}}, samples=[], manifest={}, root=evals
    )
    _fake_run(evals, "b", {"indicator_f1": 0.5}, [_sample("r/clean/g0", False, ["goal"])])
    capsys.readouterr()
    assert main(["eval", "compare", "previous", "latest", "--evals-dir", str(evals)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"compare {first.run_id} → ") and "r/clean/g0" in out  # the draft run in between is skipped
    assert main(["eval", "compare", str(draft.path), "latest", "--evals-dir", str(evals)]) == 2
    assert "compare runs of one kind" in capsys.readouterr().err


def test_html_report_escapes_cell_text(evals):
    evil = "<script>alert('x')</script>"
    run = _fake_run(
        evals,
        "",
        {"indicator_f1": 0.5},
        [{**_sample("r/clean/g0", False, ["goal"]), "prediction": {**_sample("x", False)["gold"], "goal": evil}}],
    )
    html = (run.path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<ins>" in html or "<del>" in html  # the difference is highlighted
    assert "<th>gold</th><th>prediction</th>" in html  # side by side
    assert "<svg" in html and "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no network assets


def test_perturb_slices_are_reported_per_slice(evals, capsys):
    assert _run(evals, "extract", "--perturb", "ocr,gb18030", "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert list(summary["slices"]) == ["clean", "ocr", "gb18030"]
    assert summary["slices"]["gb18030"]["metrics"]["indicator_f1"] == 1.0
    assert summary["slices"]["ocr"]["metrics"]["indicator_f1"] < 1.0
    run = load_run("latest", evals)
    assert {s["slice"] for s in run.samples} == {"clean", "ocr", "gb18030"}
    assert "ocr" in (run.path / "summary.md").read_text(encoding="utf-8")
    html = (run.path / "report.html").read_text(encoding="utf-8")
    assert "Trend of indicator_f1 per robustness slice" in html and "■ gb18030" in html


def test_history_shows_the_trend_and_writes_a_chart(evals, capsys, tmp_path):
    _fake_run(evals, "", {"indicator_f1": 0.8, "amounts": 1.0}, [])
    for f1 in (0.8, 0.9):
        run = _fake_run(evals, "", {"indicator_f1": f1, "amounts": 1.0}, [])
        from assistant.evaluate.runs import append_history

        append_history(run, evals)
    capsys.readouterr()
    chart = tmp_path / "trend.html"
    assert main(["eval", "history", "--evals-dir", str(evals), "--html", str(chart)]) == 0
    out = capsys.readouterr().out
    assert "0.9 ↑" in out
    svg = chart.read_text(encoding="utf-8")
    assert "<svg" in svg and "<polyline" in svg and "indicator_f1" in svg


def test_eval_draft_goes_through_the_same_machinery(evals, monkeypatch, capsys):
    calls = {}

    def fake_evaluate(gold_path=None, *, backend="library", projects=None, **options):
        calls.update(gold_path=gold_path, backend=backend, projects=projects)
        options["progress"](1, 2, "区法学会经费")
        samples = [
            {"project": "区法学会经费", "passed": True, "coverage": 1.0},
            {"project": "扫黑除恶专项斗争经费", "passed": False, "coverage": 0.5, "differences": ["missing 31"]},
        ]
        return samples, {"coverage": 0.75, "lint": {"vague_rate": 0.1}}

    import assistant.cli.commands.eval as eval_command

    monkeypatch.setattr(eval_command, "_draft_evaluator", lambda: fake_evaluate)
    assert _run(evals, "draft", "--projects", "区法学会经费,扫黑除恶专项斗争经费", "--fail-under", "coverage=0.9") == 1
    assert "coverage = 0.7500 is under 0.9" in capsys.readouterr().err
    assert calls == {"gold_path": None, "backend": "library", "projects": ["区法学会经费", "扫黑除恶专项斗争经费"]}
    run = load_run("latest", evals)
    assert run.manifest["kind"] == "draft" and run.summary["metrics"]["lint.vague_rate"] == 0.1
    assert [s["sample_id"] for s in run.samples] == ["区法学会经费", "扫黑除恶专项斗争经费"]
    assert read_history(evals, "draft")[0]["metrics"]["coverage"] == 0.75
    assert _run(evals, "draft", "--baseline", "latest", "--tolerance", "0") == 0


def test_eval_draft_without_the_drafting_evaluator_exits_2(evals, monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "assistant.draft.evaluation", None)  # as if the module were absent
    assert _run(evals, "draft") == 2
    assert "drafting evaluation is not available" in capsys.readouterr().err


def test_real_drafting_evaluation_runs_through_the_harness(evals, capsys):
    """The offline drafting evaluator (assistant.draft.evaluation) end to end, on two gold projects."""
    pytest.importorskip("assistant.draft.evaluation")
    assert (
        _run(evals, "draft", "--projects", "区法学会经费,扫黑除恶专项斗争经费", "--fail-under", "valid_pair_share=1.0")
        == 0
    )
    run = load_run("latest", evals)
    assert run.summary["metrics"]["projects"] == 2
    assert {s["sample_id"] for s in run.samples} == {"区法学会经费", "扫黑除恶专项斗争经费"}
    assert all(isinstance(s["passed"], bool) for s in run.samples)
    assert (run.path / "samples" / "dataset_info.json").exists()
    assert _run(evals, "draft", "--projects", "区法学会经费,扫黑除恶专项斗争经费", "--baseline", "latest") == 0
    assert _run(evals, "draft", "--projects", "没有这个项目") == 2


def test_llm_backend_scored_over_the_loopback_server(evals, llm_env, gold_table, capsys):
    """The LLM chain for real over HTTP: the harness records model, prompt, grounding, confidence and cost."""
    from llm_server import table_responder

    llm_env.responder = table_responder(gold_table)
    assert (
        _run(
            evals,
            "extract",
            "--backend",
            "llm",
            "--perturb",
            "page_breaks",
            "--fail-under",
            "indicator_f1=0.98,amounts=1.0",
        )
        == 0
    )
    run = load_run("latest", evals)
    metrics = run.summary["metrics"]
    assert run.manifest["model"] == "loopback-model" and run.manifest["prompt"]
    assert metrics["indicator_f1"] == 1.0 and metrics["schema_valid_rate"] == 1.0
    assert 0.0 < metrics["grounding_rate"] <= 1.0 and 0.0 < metrics["mean_confidence"] <= 1.0
    assert metrics["requests"] >= 1 and metrics["total_tokens"] > 0
    assert run.summary["slices"]["page_breaks"]["metrics"]["requests"] >= 1
    assert len(llm_env.requests) >= 2


def test_a_document_that_crashes_the_backend_is_scored_as_missed_and_the_rest_kept(evals, monkeypatch, capsys):
    import assistant.evaluate.extraction as extraction

    real = extraction.extract

    def flaky(doc, backend="rules", **options):
        if doc.source.endswith("#ocr"):
            raise RuntimeError("backend fell over")
        return real(doc, backend, **options)

    monkeypatch.setattr(extraction, "extract", flaky)
    assert _run(evals, "extract", "--perturb", "ocr,reflow", "--json") == 0
    captured = capsys.readouterr()
    assert "[ocr] scored as all missed: RuntimeError: backend fell over" in captured.err
    slices = json.loads(captured.out)["slices"]
    assert slices["ocr"]["metrics"]["project_recall"] == 0.0 and slices["ocr"]["metrics"]["errors"] == 1
    assert slices["ocr"]["metrics"]["schema_valid_rate"] == 0.0
    assert slices["reflow"]["metrics"]["indicator_f1"] == 1.0
