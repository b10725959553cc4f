"""The eval harness on a corpus laid out as gold/real/<id>/{source.*, gold.json, meta.json}:
the loader and its manifest columns, the --split filter, per-family tables, and
silent_error_rate (wrong and unflagged predicted projects)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import InputError
from assistant.evaluate.metrics import project_flags, score_table, summarize, summarize_by
from assistant.gold import gold_dataset, load_gold
from assistant.schema import BudgetTable, Failure, Indicator, Project, Span, Unit

ROOT = Path(__file__).resolve().parents[1]
SEED = "000_e2922c57f8184701"


def _doc(root: Path, doc_id: str, split: str, family: str, sector: str) -> None:
    folder = root / doc_id
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "gold" / "source" / f"{SEED}.txt", folder / "source.txt")
    shutil.copy(ROOT / "gold" / f"{SEED}.json", folder / "gold.json")
    meta = {"id": doc_id, "family": family, "sector": sector, "province": "广东", "split": split}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "real"
    _doc(root, "x01-dev", "dev", "dept_table", "public_security")
    _doc(root, "x02-test", "test", "dept_table", "public_security")
    return root


def test_corpus_folders_load_with_their_manifest(corpus: Path):
    records = load_gold(corpus)
    assert [r.stem for r in records] == ["x01-dev", "x02-test"]
    assert all(r.source_path.name == "source.txt" for r in records)
    assert records[0].column("family") == "dept_table" and records[1].column("split") == "test"
    assert [r.stem for r in load_gold(corpus, split="dev")] == ["x01-dev"]
    assert [r.stem for r in load_gold(corpus / "x02-test")] == ["x02-test"]  # one document folder
    assert [r.stem for r in load_gold(corpus / "x02-test" / "gold.json")] == ["x02-test"]
    with pytest.raises(InputError):
        load_gold(corpus, split="nope")


def test_seed_layout_still_loads_without_manifest_columns():
    [record] = load_gold(ROOT / "gold")  # gold/real/ below it is a different layout: not mixed in
    assert record.stem == SEED and record.meta == {} and record.column("family") is None
    with pytest.raises(InputError, match="split"):
        load_gold(ROOT / "gold", split="test")


def test_dataset_carries_the_manifest_columns(corpus: Path):
    ds = gold_dataset(corpus, split="test")
    assert ds.num_rows == 29
    assert set(ds["split"]) == {"test"} and set(ds["family"]) == {"dept_table"}
    assert set(ds["province"]) == {"广东"} and set(ds["sector"]) == {"public_security"}
    assert gold_dataset()["family"] == [None] * 29


# ---- silent_error_rate --------------------------------------------------------------------


def _table(*names: str) -> dict:
    none = {"total": None, "fiscal": None, "special_account": None, "other": None}
    ind = {
        "seq": 1,
        "level1_code": "1",
        "level1_name": "产出指标",
        "level2_code": "11",
        "level2_name": "数量指标",
        "name": "培训人数",
        "period_value": None,
        "annual_value": "≥100人",
    }
    projects = [
        {"name": n, "classified": False, "amounts": {**none, "total": 10.0}, "goal": "g", "indicators": [dict(ind)]}
        for n in names
    ]
    return {
        "title": None,
        "department": None,
        "currency_unit": "万元",
        "amounts": none,
        "units": [{"name": "u", "amounts": none, "projects": projects}],
    }


def test_a_wrong_unflagged_project_is_a_silent_error_and_a_flagged_one_is_not():
    gold = _table("甲项目", "乙项目")
    pred = copy.deepcopy(gold)
    for project in pred["units"][0]["projects"]:
        project["indicators"][0]["annual_value"] = "≥95%"  # both wrong
    silent = summarize(score_table(gold, pred, record="r", pred_flags=[[], []]))["metrics"]
    assert silent["silent_errors"] == 2 and silent["silent_error_rate"] == 1.0
    one_flagged = summarize(score_table(gold, pred, record="r", pred_flags=[["FAILURE:指标值"], []]))["metrics"]
    assert one_flagged["silent_errors"] == 1 and one_flagged["silent_error_rate"] == 0.5


def test_right_projects_and_missed_projects_are_not_silent_errors():
    gold = _table("甲项目", "乙项目")
    right = summarize(score_table(gold, copy.deepcopy(gold), record="r", pred_flags=[[], []]))["metrics"]
    assert right["silent_error_rate"] == 0.0
    refused = summarize(score_table(gold, None, record="r"))["metrics"]
    assert refused["silent_errors"] == 0 and refused["silent_error_rate"] is None  # nothing predicted
    assert refused["indicator_f1"] == 0.0  # every gold indicator missed


def test_a_made_up_project_without_a_flag_is_a_silent_error():
    gold = _table("甲项目")
    pred = _table("甲项目", "财政资金管理科室(盖章)")
    m = summarize(score_table(gold, pred, record="r", pred_flags=[[], []]))["metrics"]
    assert m["silent_errors"] == 1 and m["silent_error_rate"] == 0.5


def test_flags_go_to_the_project_whose_rows_hold_them():
    def project(name: str, row: int) -> Project:
        ind = Indicator(
            seq=1,
            level1_code="1",
            level1_name="产出指标",
            level2_code="11",
            level2_name="数量指标",
            name="x",
            period_value="1",
            annual_value="1",
        )
        return Project(
            name=name,
            goal="g",
            indicators=[ind],
            amounts={"total": 1, "fiscal": 1},
            spans={"name": Span(start=0, end=1, row=row)},
        )

    table = BudgetTable(
        units=[Unit(name="u", projects=[project("甲", 3), project("乙", 7)])],
        failures=[Failure(row=8, field="绩效指标", message="m")],
    )
    assert project_flags(table) == [[], ["FAILURE:绩效指标"]]
    table.failures.append(Failure(field="项目名称", message="document-level"))
    assert project_flags(table) == [["FAILURE:项目名称"], ["FAILURE:绩效指标", "FAILURE:项目名称"]]
    table.units[0].projects[0].indicators[0].name = None  # NAME_MISSING names its project
    assert "NAME_MISSING" in project_flags(table)[0] and "NAME_MISSING" not in project_flags(table)[1]


def test_summaries_by_family():
    gold = _table("甲项目")
    samples = score_table(gold, copy.deepcopy(gold), record="a", columns={"family": "form"})
    samples += score_table(gold, None, record="b", columns={"family": "pipe_flattened"})
    groups = summarize_by(samples, [], "family")
    assert list(groups) == ["form", "pipe_flattened"]
    assert (
        groups["form"]["metrics"]["indicator_f1"] == 1.0 and groups["pipe_flattened"]["metrics"]["indicator_f1"] == 0.0
    )


def test_eval_extract_prints_per_family_and_sector_tables(corpus: Path, tmp_path: Path):
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "extract",
            "--gold",
            str(corpus),
            "--split",
            "dev",
            "--no-history",
            "--evals-dir",
            str(tmp_path / "evals"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "per family" in result.output and "per sector" in result.output and "silent_error_rate" in result.output
    [run] = (tmp_path / "evals" / "runs").iterdir()
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["documents"] == 1 and summary["metrics"]["silent_error_rate"] == 0.0
    assert summary["by_family"]["dept_table"]["metrics"]["indicator_f1"] == 1.0
    bad = CliRunner().invoke(app, ["eval", "extract", "--gold", str(corpus), "--split", "train", "--no-history"])
    assert bad.exit_code == 2


def test_seed_perturbation_slices_report_silent_error_rate(tmp_path: Path):
    result = CliRunner().invoke(
        app, ["eval", "extract", "--perturb", "ocr", "--no-history", "--json", "--evals-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[: result.stdout.rindex("}") + 1])
    assert summary["metrics"]["silent_error_rate"] == 0.0
    # OCR look-alikes (1O0%, 丨2) are kept as written but flagged LOW_CONFIDENCE, so nothing wrong goes unflagged
    assert summary["slices"]["ocr"]["metrics"]["silent_error_rate"] == 0.0
    assert summary["slices"]["ocr"]["metrics"]["indicator_f1"] < 1.0
