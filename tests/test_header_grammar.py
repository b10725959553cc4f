"""Header keys composed the way the templates compose them, and the standard templates' headers.

A key is a field's head word after the qualifiers templates put before it: 项目年度目标,
年度总体绩效目标, 整体目标 are 年度目标 / 总体目标; 资金（项目）名称, 部门项目名称 are 项目名称;
年度预算总额, 资金合计 are the total; 财政性资金, 财政补助资金 are 财政拨款; 项目承担单位 is the
实施单位. Each is read in every separated copy and in traditional characters; in text run
together (where these words are also the project's own wording) it is read or flagged, never
silently wrong. Then the 财政部 templates and provincial copies of ``header_templates.py``,
filled with real dev projects, in every copy: right or flagged.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import zhconv
from header_templates import LAYOUTS, TEMPLATES, dev_headers, expected, header_rows, judge, render, simplified
from test_form_header import BASE, EXPECTED, _form, _header, _read, _render

from assistant.evaluate.metrics import project_flags

COMPOSED = {
    "name": ["预算项目名称", "部门项目名称", "项目（资金）名称", "资金（项目）名称", "政策（项目）名称"],
    "department": ["主管部门名称", "一级预算单位", "预算部门名称"],
    "unit": ["项目承担单位", "承担单位", "申报单位", "项目单位", "实施单位名称", "具体实施单位"],
    "total": ["年度预算总额", "本年度预算数", "年度预算资金", "资金合计", "项目资金合计", "当年预算", "预算资金"],
    "fiscal": ["财政性资金", "其中：财政性资金", "财政补助资金", "财政预算资金", "财政拨款资金"],
    "other": ["其他来源资金", "其中：其他来源资金"],
    "goal": [
        "整体目标",
        "项目年度目标",
        "年度总体绩效目标",
        "项目年度绩效目标",
        "项目总体目标",
        "本年度目标",
        "年度总目标",
    ],
}
SEPARATED = ["pipes", "closed_pipes", "tabs", "lines", "line_pipes", "spaces"]
CASES = [(field, spelling) for field, spellings in COMPOSED.items() for spelling in spellings]


@pytest.mark.parametrize("layout", SEPARATED)
@pytest.mark.parametrize(("field", "spelling"), CASES)
def test_composed_keys_read_as_their_field(field, spelling, layout):
    assert _header(_read(_render(_form({**BASE, field: spelling}), layout))) == EXPECTED


@pytest.mark.parametrize(("field", "spelling"), CASES)
def test_composed_keys_in_traditional_characters(field, spelling):
    text = zhconv.convert(_render(_form({**BASE, field: spelling}), "pipes"), "zh-hant")
    want = {**EXPECTED, **{k: zhconv.convert(EXPECTED[k], "zh-hant") for k in ("name", "department", "unit", "goal")}}
    assert _header(_read(text)) == want


@pytest.mark.parametrize(("field", "spelling"), CASES)
def test_composed_keys_run_together_are_read_or_flagged(field, spelling):
    table = _read(_render(_form({**BASE, field: spelling}), "none"))
    if _header(table) != EXPECTED:
        assert project_flags(table)[0], _header(table)


@pytest.mark.parametrize("spelling", ["整体目标", "项目年度目标", "年度总体绩效目标"])
def test_composed_goal_key_with_its_colon_in_one_cell(spelling):
    rows = _form(BASE)
    rows[4] = [f"{spelling}：{rows[4][1]}"]
    assert _header(_read(_render(rows, "spaces"))) == EXPECTED


@pytest.mark.parametrize(
    "spelling",
    ["全年预算数", "年初预算数", "项目总投资", "中央财政资金"],
)
def test_column_heads_and_other_money_are_not_composed_keys(spelling):
    """A 自评表's column heads (年初预算数 | 全年预算数) and money that is not the year's own
    (项目总投资, a 中央 transfer) are no composed key: nothing is read under them unflagged."""
    table = _read(_render(_form({**BASE, "total": spelling}), "pipes"))
    assert table.projects()[0].amounts.total is None
    assert "AMOUNT_MISSING" in project_flags(table)[0]


HEADERS = [simplified(h) for h in dev_headers()]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_standard_templates_with_dev_projects_never_silently_wrong(template, layout):
    for header in HEADERS[::9]:
        for yuan, trad in ((False, False), (True, False), (False, True)):
            table = _read(render(header_rows(template, header, yuan=yuan), layout, traditional=trad))
            verdict = judge(table, expected(template, header, yuan=yuan, traditional=trad))
            assert "silent" not in verdict.values(), (header.stem, verdict)


@pytest.mark.parametrize("layout", ["pipes", "closed_pipes", "tabs"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_standard_templates_read_right_when_cells_are_separated(template, layout):
    """Every cell kept (``|`` or tabs): the header of every template reads right."""
    for header in HEADERS[::9]:
        if template == "province_keys_over_amounts" and None in (header.fiscal, header.other):
            continue  # an empty amount cell under its key: placed by column, tested in test_form_header_layouts
        table = _read(render(header_rows(template, header), layout))
        verdict = judge(table, expected(template, header))
        assert set(verdict.values()) == {"right"}, (header.stem, verdict)


@pytest.mark.parametrize("layout", ["pipes", "tabs", "lines", "line_pipes"])
@pytest.mark.parametrize(
    "heads",
    [
        ["总体目标", "年度目标", "年度总体目标完成情况"],
        ["年度总体目标", "预期目标", "实际完成情况"],
        ["總體目標", "年度目標", "年度總體目標完成情況"],
    ],
)
def test_goal_caption_over_goal_and_achieved_columns(heads, layout):
    """A 自评表's goal rows: a caption merged down (总体目标), then the goal's and the achieved
    text's heads; the texts under them are the goal and what was done, not 总体目标 and 年度目标."""
    rows = _form(BASE)
    rows[4:5] = [heads, [EXPECTED["goal"], "已按计划完成。"]]
    assert _header(_read(_render(rows, layout)))["goal"] == EXPECTED["goal"]


@pytest.mark.parametrize("layout", ["pipes", "lines", "line_pipes"])
@pytest.mark.parametrize("label", ["已实施情况：", "未实施情况及原因:", "改进措施："])
def test_goal_ends_at_a_label_with_its_colon(label, layout):
    """A label the rules have no word for, written with its colon and nothing after it, is the
    form's next row: the goal ends before it."""
    rows = _form(BASE)
    rows[5:5] = [[label], ["未实施情况及原因："]]
    assert _header(_read(_render(rows, layout)))["goal"] == EXPECTED["goal"]


def test_numbered_goal_keeps_its_parts():
    """目标1： with a digit is the goal's own numbering, not a label ending it."""
    rows = _form(BASE)
    rows[4:5] = [["年度目标", "目标1："], ["完成平台建设。"], ["目标2："], ["提升规范化水平。"]]
    goal = _header(_read(_render(rows, "lines")))["goal"]
    assert goal.replace(" ", "") == "目标1：完成平台建设。目标2：提升规范化水平。"


GOAL_LINES = "完成社区矫正信息化平台建设。\n实现矫正对象定位监管全覆盖。\n提升社区矫正工作规范化水平。"


@pytest.mark.parametrize("layout", ["pipes", "closed_pipes", "tabs"])
@pytest.mark.parametrize(
    ("heads", "texts"),
    [
        # the goal's cell holds line breaks: its first lines come before the line with the separator
        (["年度总体目标", "预期目标", "实际完成情况"], [GOAL_LINES, "已完成。"]),
        (["预期目标", "实际完成情况"], [GOAL_LINES, "已完成。"]),
        # the achieved cell holds them: its rest comes after
        (["预期目标", "实际完成情况"], ["完成社区矫正信息化平台建设。", "已完成。\n平台已验收。"]),
        # 中期目标 | 年度目标 with the year's goal on three lines
        (["总体目标", "中期目标（2023年－2025年）", "年度目标"], ["三年内建成平台。", GOAL_LINES]),
    ],
)
def test_goal_cells_holding_line_breaks(heads, texts, layout):
    """A cell with line breaks, copied with ``|`` or tabs, spreads its row over several lines;
    only one line holds the separators: what comes before it starts the first cell, what comes
    after it ends the last. The goal is read whole, from the right cell."""
    rows = _form(BASE)
    rows[4:5] = [heads, texts]
    want = next(t for t in texts if "建设" in t and ("三年" not in t)).replace("\n", "")
    goal = _header(_read(_render(rows, layout)))["goal"]
    assert goal.replace(" ", "") == want


@pytest.mark.parametrize("layout", ["pipes", "tabs", "lines", "spaces"])
@pytest.mark.parametrize("template", ["national_declare", "national_self_eval", "sichuan_self_eval", "hunan_self_eval"])
def test_standard_templates_with_goals_over_several_lines(template, layout):
    """The goal's sentences on lines of their own, in every template: right or flagged."""
    for header in HEADERS[::5]:
        rows = header_rows(template, header, wrap=True)
        verdict = judge(_read(render(rows, layout)), expected(template, header))
        assert "silent" not in verdict.values(), (header.stem, verdict)
        if layout in ("pipes", "tabs"):
            assert verdict["goal"] == "right", header.stem


@pytest.mark.parametrize("layout", ["pipes", "tabs"])
def test_name_cell_holding_a_line_break_is_read_whole_and_said(layout):
    """项目名称 | 社区矫正信息化 / 建设项目 / 主管部门 | …: the line between is the rest of the
    name's cell (its row had the separators); read whole, and said, since a line of its own
    may also be a row the rules have no word for."""
    rows = _form(BASE)
    rows[1] = ["项目名称", "社区矫正信息化\n建设项目"]
    table = _read(_render(rows, layout))
    assert _header(table)["name"] == EXPECTED["name"]
    assert any(f.field == "项目名称" for f in table.failures)


@pytest.mark.parametrize("layout", ["lines", "spaces"])
def test_lone_line_after_the_name_is_flagged_not_guessed(layout):
    """One cell per line (or spaces): the line after the name may be its wrapped end or an
    unknown row. Spaces: the name is not extended. One cell per line: the lines run right up
    to the next key and the first fills the column as a wrapped cell does, so they are joined
    (``wrapped_lines.name_below_key``). Either way the name is flagged."""
    rows = _form(BASE)
    rows[1] = ["项目名称", "社区矫正信息化\n建设项目"]
    table = _read(_render(rows, layout))
    assert _header(table)["name"] == ("社区矫正信息化建设项目" if layout == "lines" else "社区矫正信息化")
    assert any(f.field == "项目名称" for f in table.failures)


@pytest.mark.parametrize("layout", ["pipes", "lines"])
def test_section_heading_after_the_name_is_not_its_rest(layout):
    rows = _form(BASE)
    rows[2:2] = [["（一）基本信息"]]
    table = _read(_render(rows, layout))
    assert _header(table)["name"] == EXPECTED["name"]
    assert not any(f.field == "项目名称" for f in table.failures)


@pytest.mark.parametrize("layout", ["pipes", "lines"])
@pytest.mark.parametrize("key", ["中央补助资金", "上级资金", "其中：中央资金", "上级补助"])
def test_only_a_transfer_from_above_is_the_total(key, layout):
    """A form whose money is only a transfer from above (LABELING.md: total gets it, 财政拨款
    stays empty)."""
    rows = _form(BASE)
    rows[3] = [key, "500.00"]
    amounts = _header(_read(_render(rows, layout)))["amounts"]
    assert (amounts["total"], amounts["fiscal"]) == (Decimal("500.00"), None)


@pytest.mark.parametrize("layout", ["pipes", "lines"])
def test_transfer_beside_other_money_is_not_the_total(layout):
    rows = _form(BASE)
    rows[3] = ["上级资金", "300.00", "其他资金", "200.00"]
    table = _read(_render(rows, layout))
    assert _header(table)["amounts"]["total"] is None
    assert "AMOUNT_MISSING" in project_flags(table)[0]
