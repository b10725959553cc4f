"""Dev sources of other families written one cell a line (tests/onecell_rewrites.py,
benchmarks/bench_cell_rewrites.py --honest): the rules that make them read as their gold."""

from __future__ import annotations

import json

import pytest
from dev_gold import GOLD
from onecell_rewrites import copy, documents, render, source_items

from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.stream import _unit_cell
from assistant.ingest import read_bytes


def _indicators(text: str) -> list[tuple]:
    table = extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")
    return [
        (i["seq"], i["name"], i["annual_value"])
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]


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
    got = _indicators(copy(source_items(text, gold, fam), "merged"))
    assert got == rows
