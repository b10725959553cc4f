"""Dev sources of other families written one cell a line (tests/onecell_rewrites.py,
benchmarks/bench_cell_rewrites.py --honest): the rules that make them read as their gold."""

from __future__ import annotations

import json

import pytest
from dev_gold import GOLD
from onecell_rewrites import copy, documents, render, source_items
from rewrite_runner import copy_indicators

from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.stream import _unit_cell
from assistant.ingest import read_bytes


def _gold(stem: str) -> tuple[str, dict, list[tuple], str]:
    folder = GOLD / stem
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    fam = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["family"]
    rows = [
        (i["seq"], i["name"], i["annual_value"]) for u in gold["units"] for p in u["projects"] for i in p["indicators"]
    ]
    return (folder / "source.txt").read_text(encoding="utf-8"), gold, rows, fam


def test_merged_copy_drops_only_repeated_level_labels():
    items = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "甲", "1个"],
        ["产出指标", "数量指标", "乙", "1个"],
    ]
    assert render(items, "merged").split("\n")[:-1] == [
        *items[0],
        *items[1],
        "乙",
        "1个",
    ]


def test_every_family_but_one_cell_is_untuned():
    groups = {folder.name: group for group, folder, _, _ in documents()}
    assert groups["e09-sc-ganzi-market-food-safety-target-space"] == "untuned"
    assert groups["d13-sc-anju-food-safety-selfeval-cellperline"] == "tuned"


@pytest.mark.parametrize("text", ["人/天", "元/平方米", "万元/个", "次/年", "元/平米"])
def test_a_unit_per_unit_is_a_unit_cell(text):
    assert _unit_cell(text)


@pytest.mark.parametrize("text", ["人/", "≥/%", "培训/宣传", "100/200"])
def test_words_or_numbers_around_a_slash_are_no_unit_cell(text):
    assert not _unit_cell(text)


def test_unit_per_unit_cells_under_a_unit_column_merged_levels():
    """甘孜 e09 one cell a line, 产出指标 written once: 检查差旅费 | 470 | 人/天 | 2 and 培训费 |
    320 | 人/天 | 3 are two rows (人/天 is the 度量单位 cell), not four."""
    text, gold, rows, fam = _gold("e09-sc-ganzi-market-food-safety-target-space")
    got = copy_indicators(copy(source_items(text, gold, fam), "merged"))
    assert got == rows


def _form(lines: list[str]) -> list[tuple]:
    return copy_indicators("\n".join(lines) + "\n")


_HEAD = ["项目名称", "某项目", "一级指标", "二级指标", "三级指标"]


def test_a_head_cut_inside_its_bracket_is_one_head():
    """大英 a19 one cell a line: 实际完成指标值(包含数字及文字 / 描述) is the second value head, so
    each row has two values, not a name lost among them."""
    text, gold, rows, fam = _gold("a19-sc-daying-traffic-police-cars-selfeval-pipe")
    lines = copy(source_items(text, gold, fam), "cells").split("\n")
    at = lines.index("实际完成指标值(包含数字及文字描述)")
    lines[at : at + 1] = ["实际完成指标值(包含数字及文字", "描述)"]
    assert copy_indicators("\n".join(lines)) == rows


def test_a_name_cut_inside_its_bracket_is_one_name():
    got = _form(
        [*_HEAD, "指标值", "产出指标", "数量指标", "旅游景点开发数量(", "≥**个", ")", ">=4个", "流转土地", ">=60亩"]
    )
    assert got == [(1, "旅游景点开发数量(≥**个)", ">=4个"), (2, "流转土地", ">=60亩")]


def test_a_bracket_closed_far_below_is_no_cut():
    """The closing line must follow within two lines and be short: else the lines stay cells."""
    from assistant.extract.parsers.form.brackets import join_bracket_cells
    from assistant.extract.parsers.form.tokens import Token

    def _texts(tokens):
        return [t.text for row in join_bracket_cells([[t] for t in tokens]) for t in row]

    def tok(text, row):
        return Token(text, None, 0, len(text), row, 0)

    far = [tok("名称(甲", 0), tok("一", 1), tok("二", 2), tok("乙)", 3)]
    assert _texts(far) == ["名称(甲", "一", "二", "乙)"]
    near = [tok("名称(甲", 0), tok("乙)", 1), tok("10", 2)]
    assert _texts(near) == ["名称(甲乙)", "10"]
    two_on_a_row = [tok("名称(甲", 0), tok("乙)", 1), tok("10", 1)]
    assert _texts(two_on_a_row) == ["名称(甲", "乙)", "10"]


def test_description_names_the_rows_when_the_name_column_holds_labels():
    """临海 g01 one cell a line under 指标类型 | 指标名称 | 指标值 | 指标描述: 数量指标 | 375万平方米 |
    完成全市…: each row is a value and its description, the description its name (as in cells)."""
    text, gold, rows, fam = _gold("g01-zj-linhai-greening-maintenance-library-pipe")
    assert copy_indicators(copy(source_items(text, gold, fam), "cells")) == rows


def test_rows_with_names_of_their_own_keep_them():
    """A name and its value and description (three cells) per row: the name column holds names."""
    got = _form(
        ["项目名称", "某项目", "指标类型", "指标名称", "指标值", "指标描述", "产出指标", "数量指标"]
        + ["培训人数", "100人", "反映培训人数", "质量指标", "合格率", "95%", "反映合格率"]
    )
    assert [name for _, name, _ in got] == ["培训人数", "合格率"]


_SIGNED = [*_HEAD, "计算符号", "目标值", "度量单位", "指标值说明", "产出指标", "数量指标"]


def test_a_name_over_two_lines_before_its_sign_is_one_name_and_flagged():
    """浮梁 d03 wrapped: 向各类新闻媒体完成林业新闻信息 / 投稿数(篇) / = / 30 / 篇 / 说明: one
    name over two lines (the cells are no whole number of rows), said so."""
    text = "\n".join(
        [*_SIGNED, "保障在职职工人数(人)", "=", "116", "人", "该指标值数据合理"]
        + ["向各类新闻媒体完成林业新闻信息", "投稿数(篇)", "=", "30", "篇", "该指标值数据合理"]
        + ["自然保护区负氧离子监测点(个)", "=", "4", "个", "该指标值数据合理"]
    )
    table = extract(read_bytes((text + "\n").encode("utf-8"), "copy.txt"), "rules")
    got = [
        (i["seq"], i["name"], i["annual_value"])
        for i in to_interchange(table, with_meta=False)["units"][0]["projects"][0]["indicators"]
    ]
    assert got == [
        (1, "保障在职职工人数(人)", "=116人"),
        (2, "向各类新闻媒体完成林业新闻信息投稿数(篇)", "=30篇"),
        (3, "自然保护区负氧离子监测点(个)", "=4个"),
    ]
    assert "FORM_NAME_OVER_TWO_LINES" in {f.code for f in table.failures}


def test_whole_rows_are_never_read_over_two_lines():
    """The same rows each complete (a whole number of rows): no name is joined to another."""
    got = _form(
        [*_SIGNED, "保障在职职工人数(人)", "=", "116", "人", "该指标值数据合理"]
        + ["投稿数(篇)", "=", "30", "篇", "该指标值数据合理"]
    )
    assert [name for _, name, _ in got] == ["保障在职职工人数(人)", "投稿数(篇)"]


def test_wrapped_copy_of_d03_reads_its_gold():
    text, gold, rows, fam = _gold("d03-jx-fuliang-forestry-dept-overall-pipe")
    assert copy_indicators(copy(source_items(text, gold, fam), "wrapped")) == rows
