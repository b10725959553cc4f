"""A goal read from two cells side by side (two goal columns whose borders were lost) is read once
when it is one text written twice, and flagged on 绩效目标 either way; see assistant/extract/goal_doubt.py."""

from __future__ import annotations

import json

import pytest
from field_rewrites import GOLD, field_outcomes, read_samples
from header_relayouts import relayout

from assistant.extract import extract
from assistant.ingest import read_bytes

_GRID = "一级指标|二级指标|三级指标|指标值\n产出指标|数量指标|养护里程|300公里\n"
_GOAL = "完成乡村道路养护300公里，保障群众出行安全。"


def _read(goal_line: str):
    text = "项目名称：乡村道路养护\n资金总额：100万元\n" + goal_line + "\n" + _GRID
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    [project] = table.projects()
    return project.goal, {f.code for f in table.failures if f.field == "绩效目标"}


def test_a_goal_written_twice_is_read_once_and_flagged():
    goal, codes = _read(f"年度目标：{_GOAL}{_GOAL}")
    assert goal == _GOAL
    assert "GOAL_TEXT_TWICE" in codes


def test_a_spreadsheet_cell_holding_its_goal_twice_is_kept_whole_and_flagged(seed_text):
    """A CSV's quoted cell keeps its borders: the text twice is as its author typed it (the CI's
    210,000-character hostile cell was halved before this), so it is flagged, not cut."""
    lines = [line.split("\t") for line in seed_text.split("\n") if line.strip()]
    at = next(i for i, cells in enumerate(lines) if len(cells) >= 7 and "1-产出指标" in cells[-1])
    lines[at][-2] = _GOAL + _GOAL
    text = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in cells) for cells in lines)
    table = extract(read_bytes(text.encode("utf-8"), "seed.csv", suffix=".csv"), "rules")
    twice = [p for p in table.projects() if p.goal == _GOAL + _GOAL]
    assert twice
    flagged_rows = {f.row for f in table.failures if f.code == "GOAL_TEXT_TWICE_KEPT"}
    assert flagged_rows


def test_two_goal_cells_apart_by_spaces_are_flagged():
    _, codes = _read(f"年度目标：{_GOAL}    完成桥梁维修3座，保障通行安全。")
    assert "GOAL_TWO_CELLS" in codes


def test_a_label_cell_in_front_of_the_goal_is_flagged():
    """总体描述    完成…: a label the rules have no word for, padded apart, read into the goal."""
    _, codes = _read(f"年度目标：总体描述    {_GOAL}")
    assert "GOAL_TWO_CELLS" in codes


@pytest.mark.parametrize("line", [f"年度目标：{_GOAL}", f"年度目标：{_GOAL} 提高群众满意度。"])
def test_one_goal_is_not_flagged(line):
    _, codes = _read(line)
    assert not codes & {"GOAL_TEXT_TWICE", "GOAL_TWO_CELLS"}


def _goal_outcome(stem: str, how: str) -> str:
    folder = GOLD / stem
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    text = (folder / "source.txt").read_text(encoding="utf-8")
    copy = relayout(text, how)
    assert copy is not None
    [(field, kind)] = field_outcomes(read_samples(gold, text), read_samples(gold, copy), ("ok_goal_exact",))
    return kind


def test_a_period_and_year_goal_alike_run_together_are_read_once():
    """d12: 实施期目标 | 年度目标 hold the same text; with the rows run together it was read twice."""
    assert _goal_outcome("d12-ah-luan-farm-product-testing-sidebyside-pipe", "hdr_run_rows") == "held"


def test_a_period_and_year_goal_padded_apart_are_flagged():
    """c04: 实施周期总目标 and 年度目标 side by side, apart by spaces: both texts were read as the goal."""
    assert _goal_outcome("c04-dongguan-property-sidebyside", "hdr_padded") == "flagged"
