"""A report that writes its project's basics as ``项目名称：…`` lines (round 8).

Self-evaluation reports list ``项目名称：`` / ``项目主管部门：`` / ``项目建设目标：`` lines under a
``(一)项目概况`` heading and go on with the next section, ``(二)自评工作开展情况``. The goal is
the 项目建设目标 line; the next section heading (（二）…, 三、…) ends it. A goal written as its own
list of （一）（二） items keeps them. Small examples written here, in the shape of such reports.
"""

from __future__ import annotations

import pytest
from test_form_header import _header, _read

GOAL = "通过项目的实施，受益农户的种植收入稳步增加，病虫害发生面积逐年下降。"

REPORT = (
    "某县某项补助经费项目支出绩效自评报告\n"
    "一、项目基本情况\n"
    "(一)项目概况\n"
    "项目名称:某项补助经费项目\n"
    "项目主管部门:某县农业农村局\n"
    "项目实施单位:某乡人民政府\n"
    "项目建设目标:{goal}\n"
    "{next}\n"
    "一是加强组织领导，明确专人负责此项工作，按方案要求履行规范程序，坚持补助标准。\n"
    "二是严格执行方案，资金及时拨付到位。\n"
    "一级指标 二级指标 三级指标 指标值\n"
)


@pytest.mark.parametrize("heading", ["(二)自评工作开展情况", "（二）自评工作开展情况", "二、自评工作开展情况"])
def test_goal_is_the_line_and_ends_at_the_next_section(heading):
    header = _header(_read(REPORT.format(goal=GOAL, next=heading)))
    assert header["name"] == "某项补助经费项目"
    assert header["goal"] == GOAL


def test_a_goal_listed_as_its_own_sections_keeps_them():
    goal = "（一）完成种植面积500亩；\n（二）受益农户100户。"
    header = _header(_read(REPORT.format(goal=goal, next="")))
    assert "受益农户100户" in header["goal"]


#: a form's goal row whose merged key cell also holds a caption over the text
SUBCAPTION_FORM = (
    "项目名称: | 某道路养护经费 | 项目编号: | |\n"
    "主管部门: | 某市住房和城乡建设局 | 资金总额 | 120 |\n"
    "项目绩效目标 | 绩效目标 {caption} | 完成全市道路的日常养护，保持路面完好。 |\n"
    "一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    "产出指标 | 数量指标 | 养护面积 | 375万平方米 |\n"
)


@pytest.mark.parametrize("caption", ["总体描述", "文字描述", "具体说明"])
def test_a_caption_under_the_goal_key_is_not_the_goal(caption):
    header = _header(_read(SUBCAPTION_FORM.format(caption=caption)))
    assert header["goal"] == "完成全市道路的日常养护，保持路面完好。"


def test_a_goal_number_and_score_are_not_the_goal():
    # a 自评表 whose 年度绩效目标 row holds only the goal's number and points, then its grid
    form = (
        "项目名称 | 某监测项目 | 主管部门 | 某市水利局 |\n"
        "年度资金总额 | 10 |\n"
        "年度绩效目标 | 1(40分) |\n"
        "一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分 |\n"
        "产出指标 | 质量指标 | 数据合格率 | 100% | 100% | 10 |\n"
    )
    assert _header(_read(form))["goal"] is None


@pytest.mark.parametrize("sep", ["，", ", ", "。"])
def test_a_name_running_on_into_its_description_is_cut_and_flagged(sep):
    text = REPORT.format(goal=GOAL, next="(二)自评工作开展情况").replace(
        "项目名称:某项补助经费项目", f"项目名称:某路段路面养护工程{sep}起点桩号k274,路段全长3.5公里,二级公路"
    )
    table = _read(text)
    assert _header(table)["name"] == "某路段路面养护工程"
    assert any(f.field == "项目名称" and "起点桩号" in f.message for f in table.failures)


def test_a_form_without_a_goal_takes_the_reports_goal_paragraph():
    report = (
        "一、项目基本情况\n"
        "(一)绩效目标情况\n"
        "建设8个村级服务站，并确保正常运行。\n"
        "(二)资金安排情况\n"
        "年初预算40万元。\n"
        "附件1\n"
        "某服务站建设项目绩效目标自评表 |\n"
        "项目名称 | 某服务站建设 |\n"
        "主管部门 | 某县办公室 | 资金使用单位 | 某县办公室 |\n"
        "年度资金总额: | 40 |\n"
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
        "产出指标 | 数量指标 | 建成服务站数 | 8个 | 8个 |\n"
    )
    table = _read(report)
    assert _header(table)["goal"] == "建设8个村级服务站，并确保正常运行。"
    assert any(f.field == "绩效目标" for f in table.failures)  # from the report's text: flagged


def test_a_forms_own_goal_is_kept():
    form = (
        "(一)绩效目标情况\n"
        "报告里的目标段落，与表中目标不同。\n"
        "项目名称 | 某服务站建设 |\n"
        "年度资金总额: | 40 |\n"
        "年度目标 | 表中写明的年度目标。 |\n"
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 |\n"
        "产出指标 | 数量指标 | 建成服务站数 | 8个 |\n"
    )
    assert _header(_read(form))["goal"] == "表中写明的年度目标。"
