"""Small things a new user met on a fresh clone: each is a clear exit 2, not a silent success."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from assistant.cli import main

SEED_GOLD = Path(__file__).resolve().parents[1] / "gold" / "000_e2922c57f8184701.json"


def _history(root: Path) -> list[dict]:
    path = root / "history.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_a_floor_outside_its_range_is_refused(tmp_path, capsys):
    assert main(["eval", "extract", "--fail-under", "indicator_f1=1.5", "--evals-dir", str(tmp_path)]) == 2
    assert "between 0 and 1" in capsys.readouterr().err
    assert main(["eval", "extract", "--fail-under", "read_failures=-1", "--evals-dir", str(tmp_path)]) == 2
    assert _history(tmp_path) == []


def test_history_of_an_unknown_kind_is_refused(tmp_path, capsys):
    assert main(["eval", "history", "--kind", "foo", "--evals-dir", str(tmp_path)]) == 2
    assert "not extract or draft" in capsys.readouterr().err


def test_a_draft_gate_on_an_unknown_metric_fails_before_the_history_records_the_run(tmp_path, capsys):
    args = ["eval", "draft", "--projects", "区法学会经费", "--evals-dir", str(tmp_path)]
    assert main([*args, "--fail-under", "coverage=0.9"]) == 2
    assert _history(tmp_path) == []
    assert main([*args, "--fail-under", "full_coverage_share=0.9"]) == 0  # the --help example, spelled right
    assert len(_history(tmp_path)) == 1


def test_baseline_latest_skips_trial_runs_and_warns_when_runs_differ(tmp_path, capsys):
    base = ["eval", "extract", "--evals-dir", str(tmp_path)]
    assert main([*base, "--perturb", "fullwidth"]) == 0  # in the history
    assert main([*base, "--no-history"]) == 0  # a trial: never a baseline
    capsys.readouterr()
    assert main([*base, "--no-history", "--baseline", "latest"]) == 0
    err = capsys.readouterr().err
    assert "made differently (perturb: ['fullwidth'] vs [])" in err


def test_a_negative_budget_is_refused(capsys):
    assert main(["draft", "--name", "物业管理费支出", "--budget", "-5"]) == 2
    assert "must be more than 0" in capsys.readouterr().err


def test_a_draft_workbook_keeps_rationale_and_sources_and_no_made_up_unit(tmp_path):
    out = tmp_path / "draft.xlsx"
    assert (
        main(
            [
                "draft",
                "--name",
                "物业管理费支出",
                "--goal",
                "保障展馆日常物业管理服务",
                "--budget",
                "50",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    book = openpyxl.load_workbook(out)
    header = [c.value for c in book["绩效指标"][1]]
    assert header[-2:] == ["起草理由", "来源"]
    rows = list(book["绩效指标"].iter_rows(min_row=2, values_only=True))
    assert rows and all(row[-2] for row in rows)  # every indicator says why
    assert all(row[0] != "物业管理费支出" for row in rows)  # 资金使用单位 is not the project's name
