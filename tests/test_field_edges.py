"""A goal or a name cut out of longer writing is flagged, not trusted (assistant/extract/goal_edges.py,
name_doubt.py): a page wrapped at a fixed width, two goal cells parted by one space, a label cell
read into the goal. Small texts for each rule, the cost side (a goal or name read whole is not
flagged), and quick slices of the rewrite benches that reached no silent field
(benchmarks/bench_level_rewrites.py, bench_src_wraps.py).
"""

from __future__ import annotations

import pytest
from level_rewrites import dev_documents, render, rewrite
from rewrite_runner import Tally, score_copy

from assistant.extract import extract
from assistant.ingest import read_bytes

_GRID = "一级指标|二级指标|三级指标|指标值\n产出指标|数量指标|养护里程|300公里\n"
_GOAL = "完成乡村道路养护300公里，保障群众出行安全，提高农村公路通行能力。"


def _codes(header: str) -> tuple[object, set[str]]:
    table = extract(read_bytes((header + "\n" + _GRID).encode("utf-8"), "form.txt"), "rules")
    [project] = table.projects()
    return project, {f.code for f in table.failures if f.field in ("绩效目标", "项目名称")}


def test_a_goal_wrapped_without_a_mark_is_read_whole_or_flagged():
    """The goal's paragraph wrapped at 16 characters with no mark at the wrap, below a row of empty
    cells: read whole, or flagged where its start or end is a guess."""
    project, codes = _codes(
        "项目名称：乡村道路养护\n资金总额：100万元\n年度目标 | |||\n完成乡村道路养护300公里，保障群众\n出行安全，提高农村公路通行能力。"
    )
    assert project.goal == _GOAL or codes & {"GOAL_BEGINS_IN_TEXT", "GOAL_ENDS_IN_TEXT", "GOAL_ENDS_MID_SENTENCE"}


def test_a_goal_after_a_line_cut_mid_word_is_flagged():
    """Only the second line of a paragraph wrapped mid-word: its start is a guess."""
    from assistant.extract.goal_edges import _before, _prose

    text = "年度目标\n完成乡村道路养护300公里，保障群众出\n行安全。"
    before = _before(text, text.index("行安全"))
    assert _prose(before)
    assert not _prose(_before(text, text.index("完成")))  # a label above: the goal starts there


@pytest.mark.parametrize(
    "header",
    [
        f"项目名称：乡村道路养护\n资金总额：100万元\n年度目标：{_GOAL}",
        f"项目名称：乡村道路养护\n资金总额：100万元\n年度目标\n{_GOAL}",
        f"项目名称：乡村道路养护\n资金总额：100万元\n总体目标：\n{_GOAL}",
    ],
)
def test_a_whole_goal_under_its_label_is_not_flagged(header):
    project, codes = _codes(header)
    assert project.goal == _GOAL
    assert not codes


def test_two_goals_alike_parted_by_one_space_are_flagged():
    """The period's and the year's goals of one project open alike and differ after; cells parted
    by one space give both as one goal."""
    year = "完成乡村道路养护300公里，新建桥梁2座。"
    _, codes = _codes(f"项目名称：乡村道路养护\n资金总额：100万元\n年度目标：{_GOAL} {year}")
    assert "GOAL_TWO_CELLS" in codes


def test_a_label_cell_parted_by_one_space_is_flagged():
    _, codes = _codes(f"项目名称：乡村道路养护\n资金总额：100万元\n年度目标：总体描述 {_GOAL}")
    assert "GOAL_TWO_CELLS" in codes


def test_numbered_targets_one_short_are_flagged():
    """目标1…目标2 read, 目标3 right after it on the line: the goal stopped before its last target."""
    line = "年度目标：目标1:养护公路300公里 目标2:年度预算总金额100万元 目标3:提高通行能力。"
    project, codes = _codes(f"项目名称：乡村道路养护\n{line}")
    assert "目标3" in (project.goal or "") or "GOAL_ENDS_IN_TEXT" in codes


def test_a_goal_whose_label_sits_on_the_middle_line_of_its_cell_is_flagged():
    """pdftotext -layout prints a label on the middle line of its wrapped cell: a reader starting
    the goal at the label's line misses the lines above, at the goal's column."""
    text = (
        "项目名称           乡村道路养护工程       主管部门       某区交通局\n"
        "项目资金（万元）   年度资金总额           700\n"
        "                   1.保质保量完成道路养\n"
        "                   护300公里;2.符合工程\n"
        "年度目标           质量验收相关要求,按\n"
        "                   时完成;3.改善周\n"
        "                   边居民出行需求。\n"
        "一级指标           二级指标               三级指标       指标值\n"
        "产出指标           数量指标               完成道路养护   300公里\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    [project] = table.projects()
    whole = "1.保质保量完成道路养护300公里;2.符合工程质量验收相关要求,按时完成;3.改善周边居民出行需求。"
    codes = {f.code for f in table.failures if f.field == "绩效目标"}
    assert project.goal == whole or "GOAL_BEGINS_IN_TEXT" in codes


def test_a_goal_shorter_than_any_goal_is_flagged():
    """A label cell (绩 效) or a piece read as the goal: no goal in the corpus is under 7 characters."""
    project, codes = _codes("项目名称：乡村道路养护\n资金总额：100万元\n年度目标：养护道路")
    assert project.goal == "养护道路"
    assert "GOAL_TOO_SHORT" in codes


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("基础设施建设(人大代表扶贫", "PROJECT_NAME_UNPAIRED"),
        ("水", "PROJECT_NAME_TOO_SHORT"),
        ("国家助学(xué )金补助资金", "PROJECT_NAME_DOUBTFUL"),
    ],
)
def test_a_name_cut_short_is_flagged(name, code):
    _, codes = _codes(f"项目名称：{name}\n资金总额：100万元\n年度目标：{_GOAL}")
    assert code in codes


def test_a_name_wrapped_onto_the_next_line_is_flagged():
    project, codes = _codes(
        f"项目名称\n2020年省级自然资源卫片执法\n补助经费支出绩效自评表\n资金总额：100万元\n年度目标：{_GOAL}"
    )
    assert project.name == "2020年省级自然资源卫片执法补助经费支出绩效自评表" or "PROJECT_NAME_GOES_ON" in codes


@pytest.mark.parametrize("below", ["项目类型 部门预算", "项目申报单位", "主管部门：县交通局"])
def test_a_name_above_a_key_is_not_flagged(below):
    project, codes = _codes(f"项目名称：乡村道路养护工程\n{below}\n资金总额：100万元\n年度目标：{_GOAL}")
    assert project.name == "乡村道路养护工程"
    assert not codes


def test_level_rewrites_in_cells_parted_by_spaces_leave_no_silent_field():
    """A slice of bench_level_rewrites (as written, cells parted by one space): every wrong name,
    amount or goal carries a flag naming its field."""
    tally = Tally()
    for doc in dev_documents():
        if doc.stem.startswith(("c04-", "g01-")):
            pieces, gold = rewrite(doc, "as_is")
            tally.add("spaces", score_copy(gold, render(pieces, "spaces")))
    assert tally.copies["spaces"] == 2
    assert tally.silent == 0 and tally.silent_fields == []


@pytest.mark.parametrize("kind", ["wrap18", "wrap26", "reflow34"])
def test_src_wraps_of_goal_paragraphs_leave_no_silent_field(kind):
    """A slice of bench_src_wraps: dev sources whose goal paragraph the wrap cut (a01, b16, c02, c10,
    d12, e01)."""
    import src_rewrites as sr

    tally = Tally()
    for n, (folder, gold, text) in enumerate(sr.pool()):
        if folder.name[:4] in ("a01-", "b16-", "c02-", "c10-", "d12-", "e01-"):
            new = sr.rewrite(text, gold, kind, seed=n)
            if new is not None:
                tally.add(kind, score_copy(gold, new))
    assert tally.copies[kind] >= 4
    assert tally.silent == 0 and tally.silent_fields == []
