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
