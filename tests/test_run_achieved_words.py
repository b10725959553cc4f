"""A 自评表 row run together whose achieved value is the words of a target met (达成预期指标, 已完成)
then its scores: the target lies before those words (form/runs.py ``_split_achieved``). It is the
name's last words written again (带动农民增收农民增收达成预期指标1010) or a value in words the name
ends on (…影响程度效果明显达成预期指标1010); the reading is flagged. Checked on dev sources of
other families (b15, c13: space-separated 自评表) with their real cells run together
(tests/src_rewrites.py ``joinrows`` / ``joingrid``), scored against the unchanged gold."""

from __future__ import annotations

import pytest
from src_rewrites import pool, rewrite

from assistant.extract import extract
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")


def _rows(table):
    return [(i.seq, i.name, i.annual_value) for p in table.projects() for i in p.indicators]


def _gold_rows(gold):
    return [
        (i["seq"], i["name"], i["annual_value"]) for u in gold["units"] for p in u["projects"] for i in p["indicators"]
    ]


@pytest.mark.parametrize("kind", ["joinrows", "joingrid"])
def test_a_target_repeating_the_names_last_words_is_cut_before_the_achieved_words(kind):
    gold, text = POOL["b15-ah-huoqiu-sci-selfeval"]
    table = _read(rewrite(text, gold, kind))
    assert _rows(table) == _gold_rows(gold)
    flagged = [f.params["value"] for f in table.failures if f.code == "FORM_VALUE_BEFORE_ACHIEVED"]
    assert {"农民增收", "2022年底之前", "创业热情高涨"} <= set(flagged)


def test_a_value_in_words_before_the_achieved_words_is_the_target():
    gold, text = POOL["c13-chizhou-commission-selfeval-space"]
    table = _read(rewrite(text, gold, "joingrid"))
    got = {name: value for _, name, value in _rows(table)}
    assert got["对维护基建市场公平的影响程度"] == "效果明显"
    assert got["对推动基建项目“四项制度”健全和落实的持续性影响"] == "效果明显"
    assert "FORM_VALUE_BEFORE_ACHIEVED" in {f.code for f in table.failures}


@pytest.mark.parametrize(
    "row",
    [
        "项目总成本≤90万元9088单项业务成本符合相关规定达成预期指标1010",  # a number before: two rows, not cut here
        "提交报告及时性在项目计划完成时间内完成达成预期指标88",  # no repeat, no value in words: left to the others
    ],
)
def test_a_row_no_repeat_nor_worded_value_explains_is_not_cut_by_the_achieved_words(row):
    text = f"项目名称测试项目\n一级指标二级指标三级指标年度指标值实际完成值分值得分\n产出指标数量指标{row}\n"
    table = _read(text)
    assert "FORM_VALUE_BEFORE_ACHIEVED" not in {f.code for f in table.failures}


def test_percent_written_as_a_word_is_a_unit():
    """百分比 is the unit some templates write for % (c13, f08: ≥100百分比): a quantified value's end,
    where two rows run together under one label (not 百分比 | 支付及时率)."""
    text = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标质量指标验收合格率≥98百分比支付及时率100百分比\n"
    got = {name: value for _, name, value in _rows(_read(text))}
    assert got == {"验收合格率": "≥98百分比", "支付及时率": "100百分比"}


@pytest.mark.parametrize("kind", ["joinrows", "joingrid"])
def test_a_number_written_twice_at_a_selfeval_rows_end_is_its_scores(kind):
    """工程质量合格1010 under 年度指标值 | 实际完成值 | 分值 | 得分 (g16, a 自评表 whose qualitative rows
    left their value cells empty): 10 | 10 are the scores, the value stays empty, flagged."""
    gold, text = POOL["g16-ah-tianchang-flood-control-selfeval-placeholders"]
    table = _read(rewrite(text, gold, kind))
    got = {name: value for _, name, value in _rows(table)}
    for name in ("工程质量合格", "资金执行在预算范围内", "全市安全度汛", "已建工程良性运行"):
        assert name in got and got[name] is None
    assert got["服务对象满意度"] == "90%"
    assert "FORM_RUN_SCORES_ONLY" in {f.code for f in table.failures}


def test_without_score_columns_a_number_written_twice_is_the_target_and_result():
    text = "项目名称测试项目\n一级指标二级指标三级指标年度指标值实际完成值\n产出指标数量指标培训人数1010\n"
    table = _read(text)
    assert _rows(table) == [(1, "培训人数", "10")]
    assert "FORM_RUN_SCORES_ONLY" not in {f.code for f in table.failures}


def test_achieved_words_written_twice_are_the_two_value_columns():
    """食品安全监管人员培训已完成已完成 under 实施周期指标值 | 年度指标值: the value written twice, not a
    target before the achieved words."""
    text = "项目名称测试项目\n一级指标二级指标三级指标实施周期指标值年度指标值\n产出指标质量指标食品安全监管人员培训已完成已完成\n"
    table = _read(text)
    assert "FORM_VALUE_BEFORE_ACHIEVED" not in {f.code for f in table.failures}
    assert _rows(table) == [(1, "食品安全监管人员培训", "已完成")]
