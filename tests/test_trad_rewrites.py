"""Dev documents as traditional mirrors and with their ``|`` header printed again read like the
originals (``tests/trad_rewrites.py``; the full sets run in ``benchmarks/bench_trad_pipe_rewrites.py``)."""

from __future__ import annotations

import re

import pytest
from trad_rewrites import GOLD, rewrite_pipes, score_copy, traditional_copy

from assistant.extract import extract
from assistant.extract.as_printed import is_traditional
from assistant.gold import load_gold
from assistant.ingest import read_bytes

KEYS = ("indicator_f1", "indicator_f1_lenient", "project_name", "amounts", "goal_exact")

#: dev documents a traditional copy read worse than its original before the simplified copy:
#: a wrapped 一级 label (a16, c02, b03), a unit in traditional (公裏, b06), readings cutting a
#: label or a key (a17, b12, d13, j02, g16), 批覆 for 批复 (n07)
TRADITIONAL = [
    ("a16-sc-zhaohua-leprosy-form-space", "zh-hant"),
    ("b03-hn-yueyang-farmland-form", "zh-tw"),
    ("b06-sc-langzhong-road-selfeval", "zh-hk"),
    ("c02-guangyuan-relief-form", "zh-hant"),
    ("a17-gd-edu-new-universities-sidebyside", "zh-hant+readings"),
    ("b12-nx-tongxin-grape-notice", "zh-tw+readings"),
    ("d13-sc-anju-food-safety-selfeval-cellperline", "zh-hant+readings"),
    ("j02-sd-licheng-culture-centre-free-opening-selfeval-space", "zh-hant+readings"),
    ("g16-ah-tianchang-flood-control-selfeval-placeholders", "zh-tw+readings"),
    ("n07-sc-lushan-soil-water-conservation-selfeval-report-wenku-prose", "zh-hant"),  # 立项批覆
]


def _read(folder: str):
    [record] = load_gold(GOLD / folder)
    return record, record.source_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("folder", "variant"), TRADITIONAL)
def test_a_traditional_copy_reads_like_its_original(folder, variant):
    record, text = _read(folder)
    original, _ = score_copy(record, text)
    locale = variant.split("+")[0]
    copy, refused = score_copy(record, traditional_copy(text, variant), locale)
    assert not refused
    assert {k: copy[k] for k in KEYS} == {k: original[k] for k in KEYS}
    assert copy["silent_errors"] == 0


def test_a_document_is_traditional_by_the_share_of_its_characters_the_table_changes():
    _, text = _read("b06-sc-langzhong-road-selfeval")
    assert not is_traditional(text)
    assert is_traditional(traditional_copy(text, "zh-hant"))
    assert not is_traditional("本项目显著提升群众满意度，廻避")  # a stray 著 or 廻 in simplified text


def test_values_keep_the_characters_printed_and_spans_point_into_the_document():
    _, text = _read("b06-sc-langzhong-road-selfeval")
    copy = traditional_copy(text, "zh-hant+readings")
    table = extract(read_bytes(copy.encode("utf-8"), "copy.txt"), "rules")
    items = [i for u in table.units for p in u.projects for i in p.indicators]
    assert items[0].name == "建設普通省道二級公路32.1公裏"  # 公裏 as printed, its unit cut as 公里's
    for item in items:
        span = item.spans.get("name")
        if span is not None:
            printed = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)|\s", "", copy[span.start : span.end])
            assert printed == re.sub(r"\s", "", item.name)


@pytest.mark.parametrize(
    "folder",
    [
        "c01-huangshi-training-pipe",
        "e05-hb-huangshi-library-sharing-selfeval-pipe",
        "g01-zj-linhai-greening-maintenance-library-pipe",
    ],
)
def test_the_header_printed_again_in_the_middle_is_no_indicator(folder):
    """After the 绩效指标 caption (c01, its header's second row not printed again) or after a
    goal caption with its points in one cell (年度绩效目标1 (80分), e05), or with the cell before
    the heads on the header's row (指标类型 | 指标名称 | …, g01)."""
    record, text = _read(folder)
    original, _ = score_copy(record, text)
    copy, _ = score_copy(record, rewrite_pipes(text, "header_repeat"))
    assert copy["indicator_f1"] == original["indicator_f1"] == 1.0


@pytest.mark.parametrize("variant", ["gd", "gd_trad_readings", "gd_target_head", "gd_period_blank"])
def test_side_by_side_blocks_are_read_by_their_columns(variant):
    """The Guangdong layout, both blocks in one row of real cells: a row whose 实施周期 block was
    never filled in gives its value to the 年度 block (the column says so), period null."""
    from dataclasses import replace

    from form_variants import dev_grids
    from trad_rewrites import sbs_outcome

    grids = {g.stem: g for g in dev_grids()}
    for stem in ("a14-nx-changqing-school-sports-pipe", "a12-tj-ninghe-edu-kindergarten-pipe"):
        grid = grids[stem]
        grid = replace(grid, rows=tuple(replace(r, period=r.period or r.annual) for r in grid.rows))
        assert sbs_outcome(grid, variant) == "right"


def test_a_name_joined_over_a_wrap_keeps_the_characters_printed():
    """A traditional name wrapped onto a second line with its value between the pieces is not in
    the document whole: each piece takes the characters printed there, so 院內各項設施 stays 項
    although the same page writes 项目名称 in simplified (dev q01's grid, wrapped)."""
    text = (
        "项目名称：某项目\n绩效指标\n一级指标    二级指标    三级指标    指标值\n"
        "產出指標    質量指標    院內各項設施    90%\n                        設備有效使用率\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "wrapped.txt"), "rules")
    assert [i.name for p in table.projects() for i in p.indicators] == ["院內各項設施設備有效使用率"]
