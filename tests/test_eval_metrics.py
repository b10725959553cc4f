"""Scoring on hand-made cases with known answers: alignment, indicator P/R/F1, field accuracy."""

from __future__ import annotations

import copy

import pytest

from assistant.evaluate.align import match_indicators, match_projects, normalized_indicator
from assistant.evaluate.metrics import cer, document_stats, score_table, summarize
from assistant.schema import BudgetTable, RunMeta, Span


def _ind(seq, l2, name, period, annual):
    return {
        "seq": seq,
        "level1_code": l2[0],
        "level1_name": {"1": "产出指标", "2": "效益指标", "3": "满意度指标"}[l2[0]],
        "level2_code": l2,
        "level2_name": {"11": "数量指标", "12": "质量指标", "22": "社会效益", "31": "服务对象满意度"}[l2],
        "name": name,
        "period_value": period,
        "annual_value": annual,
    }


def _project(name, total, indicators=(), classified=False, goal="开展法治宣传活动。"):
    return {
        "name": name,
        "classified": classified,
        "amounts": {"total": total, "fiscal": total, "special_account": None, "other": None},
        "goal": None if classified else goal,
        "indicators": list(indicators),
    }


def _table(*projects):
    return {
        "title": "t",
        "department": "d",
        "currency_unit": "万元",
        "amounts": {"total": None, "fiscal": None, "special_account": None, "other": None},
        "units": [
            {
                "name": "d",
                "amounts": {"total": None, "fiscal": None, "special_account": None, "other": None},
                "projects": list(projects),
            }
        ],
    }


GOLD_INDICATORS = [
    _ind(1, "11", "宣传活动场次", "≥10场", "≥10场"),
    _ind(2, "22", "群众法律意识", "明显提高", "逐步提高"),
    _ind(3, "31", "群众满意度", "≥90%", "≥90%"),
]
GOLD = _table(_project("区法学会经费", 40.0, GOLD_INDICATORS))


def _metrics(pred):
    return summarize(score_table(GOLD, pred, record="r"))["metrics"]


def _pred(**changes):
    pred = copy.deepcopy(GOLD)
    project = pred["units"][0]["projects"][0]
    for key, value in changes.items():
        project[key] = value
    return pred


def test_identical_prediction_scores_one_everywhere():
    m = _metrics(copy.deepcopy(GOLD))
    assert m["indicator_f1"] == m["indicator_f1_lenient"] == m["project_f1"] == m["amounts"] == 1.0
    assert m["goal_cer"] == 0.0 and m["samples_passed"] == 1


def test_interchange_normalisation_counts_as_equal():
    inds = copy.deepcopy(GOLD_INDICATORS)
    inds[0]["name"] = " 宣传活动 场次。"  # white space and trailing punctuation
    inds[2]["period_value"] = "≥９０％"  # full-width, NFKC-equal
    m = _metrics(_pred(indicators=inds, goal="开展法治宣传活动"))
    assert m["indicator_f1"] == 1.0 and m["goal_exact"] == 1.0


def test_missing_indicator():
    m = _metrics(_pred(indicators=GOLD_INDICATORS[:2]))
    assert m["indicator_precision"] == 1.0
    assert m["indicator_recall"] == pytest.approx(2 / 3)
    assert m["indicator_f1"] == pytest.approx(0.8)
    assert m["samples_passed"] == 0


def test_hallucinated_indicator():
    extra = _ind(4, "12", "档案归档率", "100%", "100%")
    m = _metrics(_pred(indicators=GOLD_INDICATORS + [extra]))
    assert m["indicator_recall"] == 1.0
    assert m["indicator_precision"] == pytest.approx(3 / 4)
    assert m["indicator_f1"] == pytest.approx(2 * 0.75 / 1.75)
    samples = score_table(GOLD, _pred(indicators=GOLD_INDICATORS + [extra]), record="r")
    assert any("hallucinated indicator" in d for d in samples[0]["differences"])


def test_indicators_listed_in_swapped_order_still_match():
    swapped = [GOLD_INDICATORS[1], GOLD_INDICATORS[0], GOLD_INDICATORS[2]]
    assert _metrics(_pred(indicators=swapped))["indicator_f1"] == 1.0


def test_swapped_value_pair_is_a_lenient_match_but_not_strict():
    inds = copy.deepcopy(GOLD_INDICATORS)
    inds[1]["period_value"], inds[1]["annual_value"] = inds[1]["annual_value"], inds[1]["period_value"]
    m = _metrics(_pred(indicators=inds))
    assert m["indicator_f1_lenient"] == 1.0
    assert m["indicator_f1"] == pytest.approx(2 / 3)
    assert m["indicator_period_value"] == pytest.approx(2 / 3)
    assert m["indicator_annual_value"] == pytest.approx(2 / 3)
    assert m["indicator_name"] == 1.0


def test_wrong_amount():
    pred = _pred(amounts={"total": 41.0, "fiscal": 40.0, "special_account": None, "other": None})
    m = _metrics(pred)
    assert m["amount_total"] == 0.0 and m["amount_fiscal"] == 1.0 and m["amounts"] == 0.0
    assert m["project_recall"] == 1.0 and m["indicator_f1"] == 1.0
    assert score_table(GOLD, pred, record="r")[0]["differences"] == ["amounts.total"]


def test_amounts_equal_within_half_a_cent():
    pred = _pred(amounts={"total": 40.004, "fiscal": 40.0, "special_account": None, "other": None})
    assert _metrics(pred)["amounts"] == 1.0


def test_wrong_level2_code_shows_in_the_confusion_table():
    inds = copy.deepcopy(GOLD_INDICATORS)
    inds[0]["level2_code"] = "12"
    summary = summarize(score_table(GOLD, _pred(indicators=inds), record="r"))
    assert summary["confusion"]["11"] == {"12": 1}
    assert summary["confusion"]["22"] == {"22": 1}
    assert summary["metrics"]["indicator_level2_code"] == pytest.approx(2 / 3)


def test_missing_and_hallucinated_projects():
    gold = _table(_project("A项目", 10.0), _project("B项目", 20.0))
    pred = _table(_project("A项目", 10.0), _project("完全不同的名称", 99.0))
    samples = score_table(gold, pred, record="r")
    assert sorted(s["status"] for s in samples) == ["hallucinated", "matched", "missed"]
    m = summarize(samples)["metrics"]
    assert m["project_precision"] == 0.5 and m["project_recall"] == 0.5
    assert m["amounts"] == 0.5  # over gold projects: the missed one counts as wrong


def test_failed_extraction_misses_every_gold_project():
    m = summarize(score_table(GOLD, None, record="r"))["metrics"]
    assert m["project_recall"] == 0.0 and m["indicator_recall"] == 0.0 and m["project_precision"] is None


def test_repeated_names_are_told_apart_by_amounts():
    gold = [
        _project("涉密项目", 53.0, classified=True),
        _project("涉密项目", 8.8, classified=True),
        _project("涉密项目", 30.0, classified=True),
    ]
    pred = [_project("涉密项目", 30.0, classified=True), _project("涉密项目", 53.0, classified=True)]
    pairs = match_projects(gold, pred)
    assert (0, 1) in pairs and (2, 0) in pairs and (1, None) in pairs


def test_repeated_names_with_equal_amounts_keep_table_order():
    gold = [_project("涉密项目", 10.0, classified=True) for _ in range(3)]
    pred = [_project("涉密项目", 10.0, classified=True) for _ in range(3)]
    assert match_projects(gold, pred) == [(0, 0), (1, 1), (2, 2)]


def test_fuzzy_project_name_matches_above_threshold():
    gold = [_project("扫黑除恶专项斗争经费", 77.6)]
    pred = [_project("扫黑除恶专项斗争经", 77.6), _project("其他", 1.0)]
    assert match_projects(gold, pred) == [(0, 0), (None, 1)]


def test_unnamed_project_is_paired_by_its_indicators_and_scored_with_a_wrong_name():
    # a form with no 项目名称 cell: the project comes out unnamed, with wrong amounts
    pred = _pred(name="", amounts={"total": 4.0, "fiscal": None, "special_account": None, "other": None})
    m = _metrics(pred)
    assert m["project_recall"] == 1.0 and m["indicator_f1"] == 1.0  # its indicators count
    assert m["project_name"] == 0.0 and m["amounts"] == 0.0  # and its name and amounts are wrong


def test_projects_sharing_under_half_their_indicators_are_not_paired():
    gold = [_project("甲", 10.0, GOLD_INDICATORS)]
    pred = [
        _project(
            "乙", 99.0, [GOLD_INDICATORS[0], _ind(2, "12", "别的指标", "1", "1"), _ind(3, "12", "又一个", "2", "2")]
        )
    ]
    assert match_projects(gold, pred) == [(0, None), (None, 0)]


def test_hungarian_beats_greedy_on_indicators():
    # greedy would give pred 0 to gold 0 (best single score) and leave gold 1 unmatched
    gold = [
        normalized_indicator(_ind(1, "11", "培训场次", "10场", "10场")),
        normalized_indicator(_ind(2, "11", "培训人次", "10场", "10场")),
    ]
    pred = [
        normalized_indicator(_ind(1, "11", "培训人次", "10场", "10场")),
        normalized_indicator(_ind(9, "22", "培训场次", "10场", "10场")),
    ]
    pairs = match_indicators(gold, pred)
    assert sorted(p for p in pairs if None not in p) == [(0, 1), (1, 0)]


def test_character_error_rate():
    assert cer("abce", "abcd") == 0.25
    assert cer(None, "abcd") == 1.0
    assert cer("ab cd。", "abcd") == 0.0


def test_document_stats_grounding_confidence_and_ledger(gold_table):
    table: BudgetTable = gold_table
    project = table.projects()[1]
    project.spans["name"] = Span(start=0, end=4, alignment="exact", confidence=0.9)
    project.spans["goal"] = Span(start=5, end=9, alignment="fuzzy", confidence=0.5)
    project.indicators[0].spans["name"] = Span(start=10, end=12, alignment="ungrounded", confidence=0.1)
    table.meta = RunMeta(backend="llm", model="m", ledger={"requests": 3, "total_tokens": 1200, "max_requests": 10})
    stats = document_stats(table, record="r")
    assert stats["schema_valid"] and stats["spans"] == 3 and stats["grounded"] == 2
    m = summarize([], [stats, stats])["metrics"]
    assert m["grounding_rate"] == pytest.approx(2 / 3)
    assert m["mean_confidence"] == pytest.approx(0.5)
    assert m["requests"] == 6 and m["total_tokens"] == 2400 and "max_requests" not in m
    assert m["schema_valid_rate"] == 1.0
    assert summarize([], [document_stats(None, record="r", error="boom")])["metrics"]["schema_valid_rate"] == 0.0
