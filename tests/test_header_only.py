"""A form's header with no grid (a page cut above it) is kept with a failure, not refused
(parsers/header_only.py); text that names no form is still refused."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.extract import extract
from assistant.ingest import read_bytes

SEPARATORS = {"pipe": " | ", "tab": "\t", "spaces": "       ", "line": "\n"}


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "cut.txt"), "rules")


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
@pytest.mark.parametrize("other", ["主管部门{s}某某市交通运输局", "实施单位{s}某某公司", "预期目标{s}完成补贴发放"])
def test_a_cut_form_keeps_its_header(sep, other):
    text = f"某某市财政支出项目绩效评价自评报告\n项目名称{sep}低票价运营补贴\n{other.format(s=sep)}\n报告日期：2018年8月4日\n"
    table = _read(text)
    assert table.projects()[0].name == "低票价运营补贴"
    assert "FORM_HEADER_ONLY" in {f.code for f in table.failures}


def test_the_expected_goal_under_its_column_heads_is_read_and_flagged():
    # 预期目标 | 实际完成 (f10's heads, 情况 left out) over the goal and a rate: the goal is the first
    text = "项目名称\n低票价运营补贴\n主管部门\n某局\n预  期 目 标\n实际完成\n低票价运营补贴\n60%\n"
    table = _read(text)
    assert table.projects()[0].goal == "低票价运营补贴"
    assert {"FORM_HEADER_ONLY", "FORM_GOAL_ONE_TEXT"} <= {f.code for f in table.failures}


@pytest.mark.parametrize("text", ["项目名称：低票价运营补贴\n日期：2018年\n", "一段说明文字\n没有任何表格\n"])
def test_text_that_names_no_form_is_still_refused(text):
    with pytest.raises(InputError):
        _read(text)
