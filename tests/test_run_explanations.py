"""Grids of two level columns (一级指标 | 二级指标, no 三级) whose first column holds the labels and
the second the names, and text run together whose explanation column (绩效标准, 指标解释) stands
between the name and its value (grid.py ``_named_head``, runs.py ``_descriptions_cut``).

Built from scratch in the shape of 鄂州's 目标表 (d04): the explanation starts with 反映…, as
the 财政部's indicator guide writes every 指标解释. Perturbed: head spelling, traditional
characters, an explanation left out, a name that holds 反映 itself. A name is the one written
or the grid says it may hold the explanation.
"""

from __future__ import annotations

import pytest
import zhconv

from assistant.extract import extract
from assistant.ingest import read_bytes

ROWS = [
    ("数量指标", "办公大楼日常维修维护次数", "反映办公大楼全年维修维护情况", "2280次"),
    ("数量指标", "大楼安检巡察次数", "反映大楼保卫巡检情况", "200次"),
    ("质量指标", "设备更新验收合格率", "反映大型设备更新验收情况", "92%"),
]
HEAD = "项目名称某某办公大楼运行保障项目类别本级支出项目绩效目标保障大楼运行。绩效指标一级指标二级指标{explain}当年预期实现值"


def _page(rows, explain="绩效标准") -> str:
    body, last = "", None
    for label, name, note, value in rows:
        body += ("" if label == last else label) + name + note + value
        last = label
    return HEAD.format(explain=explain) + body + "\n"


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    return table, table.projects()[0].indicators


@pytest.mark.parametrize("explain", ["绩效标准", "指标标准", "评价标准"])
def test_explanation_before_the_value_is_not_in_the_name(explain):
    _, got = _read(_page(ROWS, explain))
    assert [(i.name, i.annual_value, i.level2_code) for i in got] == [
        ("办公大楼日常维修维护次数", "2280次", "11"),
        ("大楼安检巡察次数", "200次", "11"),
        ("设备更新验收合格率", "92%", "12"),
    ]


def test_an_explanation_head_the_rules_do_not_cut_is_refused_with_a_reason():
    """指标解释当年预期实现值 run together is not cut into its heads (yet): the header is read and
    the grid is said unread, never read wrong."""
    table, got = _read(_page(ROWS, "指标解释"))
    assert not got or [i.name for i in got][0] == "办公大楼日常维修维护次数"
    assert got or any(f.code == "FORM_HEADER_ONLY" for f in table.failures)


def test_traditional_characters():
    _, got = _read(zhconv.convert(_page(ROWS), "zh-hant"))
    assert [i.annual_value for i in got] == ["2280次", "200次", "92%"]
    assert [i.name for i in got][1] == zhconv.convert("大楼安检巡察次数", "zh-hant")


def test_an_explanation_left_out_is_said():
    rows = [*ROWS[:2], ("质量指标", "设备更新验收合格率", "", "92%")]
    table, got = _read(_page(rows))
    assert got[2].name == "设备更新验收合格率"
    assert any(f.code == "FORM_NAME_HOLDS_EXPLANATION" for f in table.failures)


def test_a_name_holding_fanying_is_flagged_not_cut_silently():
    rows = [*ROWS[:2], ("质量指标", "群众反映问题办结率", "", "92%")]
    table, got = _read(_page(rows))
    if got[2].name != "群众反映问题办结率":
        assert any(f.code == "FORM_NAME_HOLDS_EXPLANATION" for f in table.failures)


def test_an_explanation_after_the_value_is_left_alone():
    """指标值 | 指标值说明: nothing of the name is cut at 反映."""
    text = (
        "项目名称某某项目绩效目标保障运行。绩效指标一级指标二级指标三级指标指标值指标值说明"
        "产出指标数量指标群众反映问题办结率95%按期办结\n"
    )
    _, got = _read(text)
    assert [i.name for i in got] in ([], ["群众反映问题办结率"]) or got[0].name.startswith("群众反映")


def _cells_page(sep: str, rows) -> str:
    top = [["项目名称", "某某办公大楼运行保障"], ["年度资金总额", "814"], ["年度目标", "保障大楼运行"]]
    grid = [
        ["一级指标", "二级指标", "绩效标准", "当年预期实现值"],
        *([label, name, note, value] for label, name, note, value in rows),
    ]
    if sep == "line":
        return "".join(f"{c}\n" for r in top + grid for c in r if c)
    join = {"pipe": " | ", "tab": "\t", "spaces": "  "}[sep]
    return "".join(join.join(r) + "\n" for r in top + grid)


@pytest.mark.parametrize("sep", ["pipe", "tab", "spaces", "line"])
def test_label_column_then_name_column_in_cells(sep):
    """The labels of the first column are read by their own level (a 二级 word is a 二级 label),
    whatever the separator: never a name with its label lost."""
    table, got = _read(_cells_page(sep, ROWS))
    read = [(i.name, i.annual_value, i.level1_code, i.level2_code) for i in got]
    want = [
        ("办公大楼日常维修维护次数", "2280次", "1", "11"),
        ("大楼安检巡察次数", "200次", "1", "11"),
        ("设备更新验收合格率", "92%", "1", "12"),
    ]
    assert read == want or (table.failures and all(r[3] for r in read)), read


@pytest.mark.parametrize("sep", ["pipe", "tab", "spaces"])
def test_two_levels_and_no_names_are_not_read_as_names(sep):
    """一级指标 | 二级指标 | 指标值 over 产出指标 | 数量指标 | 200人次: no name column, so no names
    are made up from labels or values; the header is kept and the grid said unread."""
    join = {"pipe": " | ", "tab": "\t", "spaces": "  "}[sep]
    text = join.join(["项目名称", "某某项目"]) + "\n" + join.join(["年度资金总额", "814"]) + "\n"
    text += join.join(["一级指标", "二级指标", "指标值"]) + "\n" + join.join(["产出指标", "数量指标", "200人次"]) + "\n"
    table, got = _read(text)
    assert not got
    assert any(f.code == "FORM_HEADER_ONLY" for f in table.failures)
