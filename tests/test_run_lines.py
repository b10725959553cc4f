"""Lines of a grid run together that are not one row each (form/run_lines.py): a cell wrapped
onto the next line is joined back and flagged, the page's title printed again at a page break is
left out, and nothing is joined where the rows do not end with their value."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from assistant.extract import extract
from assistant.ingest import read_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

HEAD = "项目支出绩效目标表\n项目名称乡村道路养护\n绩效指标\n一级指标二级指标三级指标指标值\n"
ROWS = [
    ("产出指标", "数量指标", "培训基层养护人员", "≥120人次"),
    ("", "质量指标", "县乡道路路面优良率", "≥85%"),
    ("", "时效指标", "养护任务完成时间", "2023年12月底前"),
    ("效益指标", "社会效益指标", "群众出行条件", "明显改善"),
    ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"),
]
WANT = [(name, value) for _, _, name, value in ROWS]


def _extract(text: str):
    return extract(read_bytes(text.encode("utf-8"), "run.txt"), "rules")


def _rows(table):
    return [(i.name, i.annual_value) for i in table.projects()[0].indicators]


def _codes(table):
    return {f.code for f in table.failures}


def _text(wrap: set[int] = frozenset(), page_after: int | None = None, head: str = HEAD) -> str:
    lines = []
    for n, (l1, l2, name, value) in enumerate(ROWS):
        if n in wrap:
            lines += [l1 + l2 + name[:4], name[4:] + value]
        else:
            lines.append(l1 + l2 + name + value)
        if n == page_after:
            lines += ["第 1 页，共 2 页", "项目支出绩效目标表"]
    return head + "\n".join(lines) + "\n填报人张三\n"


def test_the_plain_grid_reads_every_row_and_joins_nothing():
    table = _extract(_text())
    assert _rows(table) == WANT
    assert "FORM_RUN_LINES_JOINED" not in _codes(table)


@pytest.mark.parametrize("wrap", [{0}, {1}, {0, 2, 4}, {3}])
def test_a_name_wrapped_onto_the_next_line_is_one_row_and_said_so(wrap):
    table = _extract(_text(wrap))
    assert _rows(table) == WANT
    assert "FORM_RUN_LINES_JOINED" in _codes(table)


def test_the_title_printed_again_at_a_page_break_is_no_indicator():
    table = _extract(_text(page_after=2))
    assert _rows(table) == WANT


def test_a_grid_whose_rows_end_with_a_standard_after_the_value_is_not_joined():
    """一级…指标值绩效标准: every row ends in words (计划标准), none of them is a cut row."""
    head = HEAD.replace("指标值", "指标值绩效标准")
    text = head + "\n".join(l1 + l2 + name + value + "计划标准" for l1, l2, name, value in ROWS) + "\n"
    assert "FORM_RUN_LINES_JOINED" not in _codes(_extract(text))


def test_a_row_left_without_a_value_is_never_read_silently():
    """A row whose value cell was left empty ends in no value either: joined to the next row or
    not, the reading is flagged."""
    rows = "\n".join(l1 + l2 + name + ("" if n == 1 else value) for n, (l1, l2, name, value) in enumerate(ROWS))
    table = _extract(HEAD + rows + "\n")
    assert table.failures


@pytest.mark.parametrize("stem", ["a01", "g08"])
def test_dev_run_together_grids_read_the_same_wrapped_or_broken_by_a_page(stem):
    """Two dev run-together grids rewritten with wrapped names, or with a page footer and the
    title again, read the indicators the plain rewrite reads."""
    import bench_run_rewrites as bench

    [(gold, grid)] = [(gold, grid) for folder, gold, grid in bench._pool() if folder.name.startswith(stem)]
    plain = bench.score(bench._grid_gold(gold), bench.grid_text(grid, "run", 0))
    for kind in ("wrap", "page"):
        m = bench.score(bench._grid_gold(gold), bench.grid_text(grid, kind, 0))
        assert m["indicator_f1"] >= plain["indicator_f1"], kind
        assert m["silent_errors"] == 0


@pytest.mark.parametrize(
    "name, value",
    [
        ("残疾学生入学率", "大于90%"),
        ("窗口全年正常开放天数", "不低于250个工作日"),
        ("检测及时率", "≤7工作日"),
        ("运维服务请求受理后", "30分钟内响应"),
        ("资金拨付", "12月底到位"),
        ("项目验收合格率", "﹦100%"),
        ("群众满意度", "95%以上"),
    ],
)
def test_a_comparison_word_a_bound_or_a_closing_deadline_stays_with_the_value(name, value):
    """The comparison written in words, a 工作日 unit, 以上/以内, and at the end of a row a
    deadline's 底/前/内 with its verb are the value's, not the next name's."""
    text = (
        HEAD
        + f"产出指标数量指标培训基层养护人员≥120人次\n质量指标{name}{value}\n时效指标养护任务完成时间2023年12月底前\n"
    )
    assert _rows(_extract(text))[1] == (name, value)


def test_a_verb_after_a_value_inside_a_run_starts_the_next_name():
    """100%完成及时率100%: 完成 closes a value only at the end of a row; inside the run it is the
    next name's first word."""
    text = HEAD + "产出指标质量指标工程验收合格率100%完成及时率100%\n"
    assert _rows(_extract(text)) == [("工程验收合格率", "100%"), ("完成及时率", "100%")]


def test_a_spaced_header_over_rows_that_lost_some_spaces_is_read_as_text_run_together():
    """一级指标 二级指标 三级指标 指标值 over rows where a space between cells was lost here and
    there (数量指标培训基层养护人员 ≥120人次): the cells are cut at labels and values, not at spaces."""
    head = HEAD.replace("一级指标二级指标三级指标指标值", "一级指标 二级指标 三级指标 指标值")
    lines = [
        "产出指标 数量指标培训基层养护人员 ≥120人次",
        "质量指标县乡道路路面优良率≥85%",
        "时效指标 养护任务完成时间2023年12月底前",
        "效益指标社会效益指标 群众出行条件 明显改善",
        "满意度指标 服务对象满意度指标沿线群众满意度 ≥90%",
    ]
    assert _rows(_extract(head + "\n".join(lines) + "\n")) == WANT


@pytest.mark.parametrize(
    "name, value",
    [
        ("粮食储备设备维护及安全性", "高"),
        ("政策知晓度", "较高"),
        ("公用经费标准", "符合相关文件要求"),
        ("创建质量", "按质按量完成"),
    ],
)
def test_a_degree_a_conformity_or_a_completion_in_words_is_the_rows_value_and_said_so(name, value):
    """A degree after a name ending in 性/度/感, 符合…要求/规定/标准, 按质按量/按期/如期完成 close a
    row with no number (dev b13, f01, f04 rewritten run together); read by wording, flagged."""
    text = HEAD + f"产出指标数量指标培训基层养护人员≥120人次\n质量指标{name}{value}\n"
    table = _extract(text)
    assert _rows(table)[1] == (name, value)
    assert "FORM_VALUE_BY_WORDING" in _codes(table)


def test_a_self_evaluation_row_with_only_its_target_reads_the_target_and_says_so():
    """指标值 | 实际完成值 with the achieved cells left empty: one value after the name is the target."""
    head = HEAD.replace("指标值", "指标值实际完成值")
    table = _extract(head + "产出指标数量指标应受助学生数100%\n质量指标资助准确率≥98%\n")
    assert _rows(table) == [("应受助学生数", "100%"), ("资助准确率", "≥98%")]
    assert "FORM_RUN_FEWER_VALUES" in _codes(table)


def test_one_bare_number_after_a_name_under_two_value_columns_is_not_read_as_the_target():
    """公用经费标准5: a bare number may be a score; the row is not read as name and target."""
    head = HEAD.replace("指标值", "指标值实际完成值")
    table = _extract(head + "产出指标数量指标公用经费标准5\n")
    assert ("公用经费标准", "5") not in _rows(table)


def test_a_templates_blank_stays_in_the_name_before_the_value():
    """受益建档立卡贫困人口数≥**人>=29人 (dev b08, c03 run together): the template's ≥**人 is part of
    the name, the value is what follows it."""
    text = HEAD + "效益指标社会效益指标受益建档立卡贫困人口数≥**人>=29人\n满意度指标服务对象满意度指标群众满意度≥90%\n"
    assert _rows(_extract(text)) == [("受益建档立卡贫困人口数≥**人", ">=29人"), ("群众满意度", "≥90%")]


def test_a_templates_blank_does_not_cut_a_row_into_several():
    """清算8个安置小区…(≥**%)。≥95%: the blank may only sit in a row read whole, never make the
    number inside a name (8个) a value of its own."""
    text = HEAD + "效益指标经济效益指标清算8个安置小区本年度物业费和历史的遗留物业费(≥**%)。≥95%\n"
    assert ("清算", "8个") not in _rows(_extract(text))


def test_a_number_cut_by_a_wrap_is_joined_and_a_page_number_is_never_part_of_a_row():
    """产出指标数量指标5000吨稻谷、50 / 0吨成品粮储备到位率100% (dev b13 wrapped): the line ends with
    digits the next line goes on with, one row; 第 1 页，共 2 页 between two rows joins neither."""
    text = HEAD + (
        "产出指标数量指标5000吨稻谷、50\n0吨成品粮储备到位率100%\n"
        "质量指标储备粮管理专户管理率100%\n第 1 页，共 2 页\n时效指标县级储备粮贷款付息及时率100%\n"
    )
    table = _extract(text)
    assert _rows(table) == [
        ("5000吨稻谷、500吨成品粮储备到位率", "100%"),
        ("储备粮管理专户管理率", "100%"),
        ("县级储备粮贷款付息及时率", "100%"),
    ]
    assert "FORM_RUN_LINES_JOINED" in _codes(table)


def test_percent_sign_cut_from_its_number_is_joined_back():
    """…优良率≥85 / %: a line ending in digits and the next starting with the percent sign are one
    value cut by a line break, not a row of its own named %."""
    text = (
        HEAD
        + "产出指标数量指标培训基层养护人员≥120人次\n质量指标县乡道路路面优良率≥85\n%\n时效指标养护任务完成时间2023年12月底前\n"
    )
    table = _extract(text)
    assert _rows(table) == [
        ("培训基层养护人员", "≥120人次"),
        ("县乡道路路面优良率", "≥85%"),
        ("养护任务完成时间", "2023年12月底前"),
    ]
    assert "FORM_RUN_LINES_JOINED" in _codes(table)
