"""A report page's 来源 line above the body is its header, not its footer (round 8).

Government sites print ``来源：某局 作者：… 发布时间：…`` under a report's title; the same word
ends the text when it comes after the body (a notice signed ``来源：某镇``). Read as the end at
the top, it cut the report to its title and nothing was read. Small examples written here, in
the shape of the pages, not copied from any document.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from prose_copies import read

from assistant.errors import InputError

BODY = (
    "一、基本情况\n"
    "(一)项目概况。\n"
    "根据上级文件设立，用于补助家庭经济困难学生的生活费用，保障学生顺利完成学业，促进教育公平。\n"
    "(二)整体绩效目标情况。\n"
    "通过资助减轻困难学生的入学压力，帮助学生顺利完成学业。\n"
    "(三)区域绩效目标情况。\n"
    "该补助在本年度安排预算120.5万元，全部用于学生生活补助的发放，资金及时足额拨付到位。\n"
)
TITLE = "学生生活补助经费2023年度绩效自评报告\n"


@pytest.mark.parametrize(
    "header",
    [
        "来源：某县教育局 作者：某县人民政府\n",
        "来源:某县教育局\n发布时间:2024-03-01\n",
        "首页 > 政务公开 > 重点领域信息 > 财政资金 > 预算绩效管理 > 绩效自评\n来源：某县教育局\n",
    ],
)
def test_source_line_under_the_title_does_not_end_the_text(header):
    table = read(TITLE + header + "\n" + BODY)
    (project,) = table.projects()
    assert project.amounts.total == Decimal("120.5")
    assert project.goal == "通过资助减轻困难学生的入学压力，帮助学生顺利完成学业。"
    assert table.failures  # read from sentences: flagged for a human


def test_source_line_after_the_body_still_ends_it():
    footer = "来源：某县教育局\n(四)其他说明。\n另安排资金99万元用于校舍维修，与本补助无关，不在本报告范围之内。\n"
    (project,) = read(TITLE + BODY + footer).projects()
    assert project.amounts.total == Decimal("120.5")  # the 99万元 after the footer is not read


def test_a_bracketed_line_under_the_title_names_the_project():
    text = (
        "某县第一小学2023年度项目支出绩效自评报告\n"
        "(学校专项工作经费)\n"
        "一、自评结论\n"
        "2023年度我校学校专项工作经费项目财政资金总额16.20万元，全部为县级配套资金，预算执行率100%。\n"
        "二、佐证材料\n"
        "1.项目立项目的和年度绩效目标\n"
        "学校专项工作经费用于保障学校的正常运转，促进教育教学工作开展。\n"
    )
    table = read(text)
    (project,) = table.projects()
    assert project.name == "学校专项工作经费"
    assert project.amounts.total == Decimal("16.20")
    assert project.goal == "学校专项工作经费用于保障学校的正常运转，促进教育教学工作开展。"
    assert any(f.field == "项目名称" for f in table.failures)  # taken from the title: flagged


@pytest.mark.parametrize("subtitle", ["(2023年度)", "(第二批)"])
def test_a_year_or_batch_in_brackets_is_not_a_name(subtitle):
    text = (
        "某县学生资助经费项目绩效自评报告\n"
        f"{subtitle}\n"
        "一、基本情况\n"
        "该项目本年度安排预算30万元，全部用于学生资助的发放，资金及时足额拨付到位，执行率100%。\n"
    )
    (project,) = read(text).projects()
    assert project.name == "某县学生资助经费项目"


def test_one_quoted_project_heading_on_its_own_line_names_the_project():
    text = (
        "2022年度重点项目及绩效目标情况\n\n"
        "1、“河道清淤”项目\n\n"
        "(1)项目概述:清理辖区内主要河道的淤泥，总长约12公里，改善水质，保障汛期行洪安全，方便群众生产生活。\n\n"
        "(2)资金安排:本项目安排资金80万元。\n"
    )
    (project,) = read(text).projects()
    assert project.name == "河道清淤"
    assert project.amounts.total == Decimal("80")


def test_a_numbered_section_heading_is_not_the_title():
    # the text starts at its first section (the store kept no title): no project is named, so
    # nothing is read, rather than a project named "一、"
    text = (
        "一、绩效目标分解下达情况\n"
        "本年度上级分两批下达专项资金1000万元，全部用于辖区内社会福利机构的运营补助和设施改造。\n"
    )
    with pytest.raises(InputError):
        read(text)


NOTICE = (
    "某市财政局 某市农业农村局关于下达2024年市级乡村振兴补助资金(产业园)的通知\n"
    "2024-01-30 浏览量:\n\n"
    "有关县(市、区)财政局、农业农村主管部门:\n"
    "为进一步发展特色现代农业，现下达2024年市级乡村振兴补助资金(产业园){money}，用于产业园主导产业提升，"
    "请按规定及时拨付。\n"
    "附件:资金分配表\n"
)


@pytest.mark.parametrize("money", ["150万元", "共150万元", " 150 万元"])
def test_a_fund_notice_title_names_the_fund_and_the_amount_after_it(money):
    table = read(NOTICE.format(money=money))
    (project,) = table.projects()
    assert project.name == "2024年市级乡村振兴补助资金(产业园)"
    assert project.amounts.total == Decimal("150")
    assert project.amounts.fiscal is None  # a transfer named in a sentence
    assert {f.field for f in table.failures} >= {"项目名称", "amounts.total"}  # both flagged


def test_two_different_amounts_after_the_fund_name_are_not_guessed():
    text = NOTICE.format(money="150万元").replace(
        "，请按规定", "；另下达2024年市级乡村振兴补助资金(产业园)80万元，请按规定"
    )
    table = read(text)  # the fund's name stands (round 9); its amount is not guessed, and a failure says so
    assert [p.amounts.total for p in table.projects()] == [None]
    assert "PROSE_AMOUNTS_SEVERAL" in {f.code for f in table.failures}


def test_an_amount_with_thousands_separators_is_read_whole():
    text = (
        "某县社会福利资金2023年度绩效自评报告\n"
        "一、基本情况\n"
        "该项目本年度安排预算13,804.5万元，全部用于辖区内社会福利机构的运营补助，资金及时足额拨付到位。\n"
    )
    (project,) = read(text).projects()
    assert project.amounts.total == Decimal("13804.5")
