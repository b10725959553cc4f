"""A form's header copied with no separator at all, over a grid the rules do not know (round 8).

Pages that copy a Word form as plain text run its header's cells together
(``预算单位某办事处项目主管部门某办事处项目名称某经费``) while its grid is written some other way or
cut away. The header is then cut at its keys and read (its grid is not: a failure says so). A
qualifier before a key's head word makes another key (``项目当年`` + ``绩效目标``: the year's goal),
while a name ending in 项目 before ``主管部门`` keeps its 项目. Small examples written here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_form_header import _header, _read

GOAL = "完成辖区内道路的日常维护，完成公厕的运行维护。"

FORM = (
    "某街道办事处2021年重点项目绩效目标表\n"
    "预算单位某街道办事处项目主管部门某街道办事处项目名称市政日常维护经费\n"
    "项目预计开始时间1/1/2021预计完成时间12/31/2021{money}\n"
    "项目属性延续项目分类常年性支出\n"
    "项目中期规划绩效目标\n"
    "项目当年绩效目标" + GOAL + "\n"
    "绩效指标指标名称及内容预期指标值\n"
    "道路维护面积1000平方米\n"
)


@pytest.mark.parametrize("money", ["项目申报金额\n(万元)\n120.5", "项目申报金额(万元)120.5"])
def test_header_run_together_is_read_at_its_keys(money):
    table = _read(FORM.format(money=money))
    header = _header(table)
    assert header["name"] == "市政日常维护经费"
    assert header["goal"] == GOAL
    assert header["amounts"]["total"] == Decimal("120.5")
    assert any(f.field == "绩效指标" for f in table.failures)  # the grid is not read: said so


def test_a_name_ending_in_project_keeps_it_before_the_department_key():
    text = FORM.format(money="项目申报金额(万元)120.5").replace(
        "预算单位某街道办事处项目主管部门某街道办事处项目名称市政日常维护经费",
        "预算单位某街道办事处项目名称市政维护项目主管部门某街道办事处",
    )
    assert _header(_read(text))["name"] == "市政维护项目"


def test_keys_in_cells_of_their_own_are_not_cut_out_of_text():
    # one cell per line: the keys stand alone, so a value holding key words is not cut
    text = (
        "项目名称\n某项目名称管理经费\n主管部门\n某局\n资金总额\n50\n年度目标\n完成某项目名称管理工作。\n"
        "一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n完成数量\n10个\n"
    )
    header = _header(_read(text))
    assert header["name"] == "某项目名称管理经费"
