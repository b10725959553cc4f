"""Project fields stated in running text (parsers/prose_fields.py), read whatever the writing style.

Notices and reports are rendered from the dev split's gold projects (name, money, goal, the
indicators whose level-2 label and target are clearly written) in the three ways dev documents
from different sites write them: numbered items with their amount (a lottery-fund notice, h03),
quoted items with numbered fields (a disclosure of project basics, h11) and an evaluation report
stating ``X项目预算合计为…`` under its title (h16, h12). Each is perturbed the ways real pages
differ: line breaks, blank lines, half-width punctuation, spaces, traditional characters, fields
in another order. A field is read right or not at all; every reading is flagged for a human.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from prose_copies import (
    GOAL_LABELS,
    GOLD,
    HARD,
    HOW,
    PROJECTS,
    _items_notice,
    _perturb,
    _quoted_notice,
    _report,
    check,
    copies,
    outcome,
    read,
)

from assistant.errors import InputError


def test_there_are_dev_projects_to_render():
    assert len(PROJECTS) >= 30
    assert sum(bool(p["indicators"]) for p in PROJECTS) >= 8
    assert sum(bool(p["goal"]) for p in PROJECTS) >= 10


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("inline", [False, True])
def test_numbered_items_with_amounts_read_back(how, inline):
    for i in range(0, len(PROJECTS) - 1, 2):
        text, expected = _items_notice(PROJECTS[i : i + 2], inline)
        _, wrong, flagged = check(_perturb(text, how), expected)
        assert (wrong, flagged) == (0, True), (how, PROJECTS[i]["name"])


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("inline", [False, True])
@pytest.mark.parametrize("reorder", [False, True])
def test_quoted_items_with_numbered_fields_read_back(how, inline, reorder):
    for i in range(0, len(PROJECTS) - 2, 3):
        text, expected = _quoted_notice(PROJECTS[i : i + 3], inline, reorder)
        _, wrong, flagged = check(_perturb(text, how), expected)
        assert (wrong, flagged) == (0, True), (how, PROJECTS[i]["name"])


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("breakdown", [False, True])
@pytest.mark.parametrize("goal_label", GOAL_LABELS)
def test_report_stating_its_budget_reads_back(how, breakdown, goal_label):
    for p in PROJECTS:
        text, expected = _report(p, breakdown, goal_label)
        _, wrong, flagged = check(_perturb(text, how), expected)
        assert (wrong, flagged) == (0, True), (how, p["name"])


@pytest.mark.parametrize(
    "stem",
    [
        "h03-fj-jinan-yuefeng-lottery-elderly-notice-prose",
        "h11-ah-yeji-culture-tourism-projects-prose-cellpipe",
        "h12-jx-sixia-village-road-eval-traditional-prose",
        "h16-xz-karuo-welfare-institutions-eval-report-prose",
    ],
)
def test_dev_prose_documents_read_as_labeled(stem):
    """The four dev prose documents of four sites: names, totals, goals and indicators as the gold has them."""
    gold = json.loads((GOLD / stem / "gold.json").read_text())
    want = [
        {
            "name": p["name"],
            "total": None if p["amounts"]["total"] is None else Decimal(str(p["amounts"]["total"])),
            "goal": p["goal"],
            "indicators": [(i["level2_name"], i["name"], i["annual_value"]) for i in p["indicators"]],
        }
        for u in gold["units"]
        for p in u["projects"]
    ]
    _, wrong, flagged = check((GOLD / stem / "source.txt").read_text(), want)
    assert (wrong, flagged) == (0, True)


def test_achieved_value_is_never_a_target():
    text = (
        "关于2023年度道路养护项目资金使用情况的公示\n1、道路养护经费20万元；\n"
        "数量指标：养护里程≥30公里，当年实际完成32公里。\n服务对象满意度指标：群众满意度完成95%。\n"
        "2、桥梁维修经费8万元；\n"
    )
    project = read(text).projects()[0]
    assert [(i.name, i.annual_value) for i in project.indicators] == [("养护里程", "≥30公里"), ("群众满意度", None)]


@pytest.mark.parametrize("mark", ["(1)", "（一）", "1.", "一、", ""])
@pytest.mark.parametrize("stop", ["。", "：", ""])
def test_a_level1_heading_line_names_the_group_of_the_labels_below_it(mark, stop):
    """The dev report j11 writes (1)产出指标。 on a line of its own above 数量指标：… lines: the
    heading is their 一级 name; a label of another group, or none above, leaves it empty."""
    text = (
        "关于2022年度航空消防租机经费绩效自评报告\n项目预算10万元。\n"
        "社会效益指标：火灾受害率≤0.9‰。\n"
        f"{mark}产出指标{stop}\n数量指标：布防飞机数量≥6架。\n质量指标：完成率≥80%。\n"
        "社会效益指标：森林火灾受害率≤0.9‰。\n"
    )
    project = read(text).projects()[0]
    assert [(i.level1_name, i.name) for i in project.indicators] == [
        (None, "火灾受害率"),
        ("产出指标", "布防飞机数量"),
        ("产出指标", "完成率"),
        (None, "森林火灾受害率"),
    ]


def test_several_amounts_are_not_read_and_say_so():
    text = "某某项目绩效评价报告\n\n某某项目预算资金50万元，追加资金20万元。\n(二)绩效目标:完成全年工作任务。\n"
    table = read(text)
    project = table.projects()[0]
    assert project.amounts.total is None
    assert project.goal == "完成全年工作任务。"
    assert any(f.code == "PROSE_AMOUNTS_SEVERAL" for f in table.failures)


def test_sentence_goal_gives_no_indicator():
    """A 绩效目标 line with one target among sentences is a goal: no indicator is made up from it."""
    text = "关于某某道路工程绩效评价报告\n项目总投资19万元。\n(二)绩效目标:道路硬化≥0.5km，改善村民出行条件。\n"
    project = read(text).projects()[0]
    assert project.indicators == []
    assert project.amounts.total == Decimal("19")


@pytest.mark.parametrize(
    "text",
    [
        "关于做好2024年春节期间值班工作的通知\n各单位：请按要求安排值班。\n",
        "1、加强学习；\n2、提高认识；\n3、落实责任。\n",
    ],
)
def test_text_with_no_project_fields_is_still_refused(text):
    with pytest.raises(InputError):
        read(text)


def test_report_named_by_its_title_and_nothing_else_is_read_flagged():
    """m14 (四川): a self-evaluation report whose title names the project, its present text telling no
    money, goal or indicator: the project by its name alone (refusing it scored the name too as
    missed), flagged as named from the title and read from running text."""
    table = read("村道硬化项目绩效评价报告\n\n一、项目基本情况\n项目由某某局负责实施。\n")
    # 项目 stays as the title writes it (X项目绩效评价报告 names X项目)
    assert [(p.name, p.amounts.total, p.goal) for p in table.projects()] == [("村道硬化项目", None, None)]
    assert {"PROSE_FIELDS_ONLY", "PROSE_NAME_FROM_TITLE"} <= {f.code for f in table.failures}


def test_form_with_no_name_takes_the_project_its_report_states_the_money_of():
    """f04 (a self-evaluation report with one grid and no 项目名称 cell): the name and the total come
    from '该X项目于…批复下达预算资金10万元', both flagged."""
    stem = "f04-sc-daying-market-consumer-city-selfeval-report-pipe"
    table = read((GOLD / stem / "source.txt").read_text())
    project = table.projects()[0]
    assert (project.name, project.amounts.total) == ("双心及文明城市创建专项资金", Decimal("10"))
    codes = {f.code for f in table.failures}
    assert {"PROSE_NAME_FROM_TEXT", "PROSE_AMOUNT_FROM_TEXT"} <= codes and "FORM_NO_NAME" not in codes


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("该双心创建专项资金项目于2020年初申报,批复下达预算资金10万元。", "双心创建专项资金"),
        ("該雙心創建專項資金項目于2020年初申報,批覆下達預算資金10萬元。", "雙心創建專項資金"),
        ("某区2022年度福利机构运行经费(孤儿供养)项目预算合计为423.38万元(其中:区级100万元)。", None),
        ("2019年通过统筹整合财政涉农资金项目立项,项目总投资19万元。", "-"),  # 立项: not a money sentence's subject
        ("该项目于2020年实施。\n另有资金10万元。", "-"),  # the money is in another sentence
        # o04 (安徽, a model essay): the year and 我县 head the sentence, 投入 states the money
        (
            "20xx我县中小学教师培训工程项目投入国家专项资金共280.5万元,其中生均公用经费30万元。",
            "中小学教师培训工程项目",
        ),
    ],
)
def test_name_in_money_sentence(sentence, name):
    from assistant.extract.parsers.prose_fields import name_in_money_sentence

    found = name_in_money_sentence(sentence)
    if name == "-":
        assert found is None
    else:
        want = name or sentence[: sentence.index("项目") + 2]
        assert found is not None and found[0] == want
        assert sentence[found[1] : found[1] + len(want)] == want


@pytest.mark.parametrize("how", HARD)
def test_copies_it_need_not_read_are_never_silently_wrong(how):
    """Lines cut mid-sentence as a PDF cuts them, another converter's traditional characters: a
    field may be missed or refused, never wrong without its project flagged."""
    outcomes = [outcome(text, want) for _, text, want in list(copies([how]))[::5]]  # the benchmark runs them all
    assert outcomes and "silent" not in outcomes


@pytest.mark.parametrize("lead", ["", "，", "，安排资金", "：预算", "，共计", ",资金"])
def test_item_amount_after_its_lead_words(lead):
    """1、X，安排资金20万元； : the words leading the amount are not part of the name."""
    text = f"2024年资金使用情况公示\n1、道路养护经费{lead}20万元；\n2、桥梁维修{lead}8.5万元；\n"
    projects = read(text).projects()
    assert [(p.name, p.amounts.total) for p in projects] == [
        ("道路养护经费", Decimal("20")),
        ("桥梁维修", Decimal("8.5")),
    ]


def test_projects_named_under_their_background_heading():
    """o01 and l07 (云南 unit self-evaluation reports, one report for all projects): each project's
    background is an item under '1. 项目立项背景', titled by its name, alone on its line (o01) or
    ending at 。 (l07). Both read by name, flagged; an item that names no budget line is no project."""
    o01 = (
        "  1. 项目立项背景 \n\n  (1)档案管护工作经费 \n\n  根据《中华人民共和国档案法》第一章第三条,"
        "各级人民政府应当加强档案工作。 \n\n  (2)档案数字化工作经费 \n\n  根据《中华人民共和国档案法》"
        "第五章第三十五条 各级人民政府应当将档案信息化纳入信息化发展规划。\n"
    )
    l07 = (
        "1.项目立项背景\n(1)“数说红河”展厅运维经费。“数”说红河——新时代团结进步美丽红河展厅位于蒙自市。\n"
        "(2)红河州一中心一平台六大库N应用经费。党中央、国务院高度重视政务大数据体系建设。\n"
    )
    for text, names in [
        (o01, ["档案管护工作经费", "档案数字化工作经费"]),
        (l07, ["“数说红河”展厅运维经费", "红河州一中心一平台六大库N应用经费"]),
    ]:
        table = read("某单位2023年度项目支出绩效单位自评报告\n一、基本情况\n" + text)
        assert [(p.name, p.amounts.total, p.goal) for p in table.projects()] == [(n, None, None) for n in names]
        assert "PROSE_FIELDS_ONLY" in {f.code for f in table.failures}
    with pytest.raises(InputError):  # the background's parts, not projects
        read("1.项目立项背景\n(1)政策依据。根据某规定实施。\n(2)现实需要。群众需求迫切。\n")


def test_title_in_a_disclosure_grid_cell():
    """k09 (安徽): the page's grid gives the title in the cell after 名称:, the heading under it is
    wrapped over two lines: the project is named from the cell, flagged."""
    text = (
        "发布机构: | 枞阳县卫生健康委员会 | 主题分类: | 卫生、体育、医疗 |\n"
        "名称: | 枞阳县2023年度国家基本公共卫生服务项目绩效评价自评报告 | 文号: | 无 |\n"
        "枞阳县2023年度国家基本公共卫生\n服务项目绩效评价自评报告\n一、项目基本情况\n"
        "(一)项目概况。枞阳县基本公共卫生服务严格按照规范执行。\n"
    )
    table = read(text)
    # a report's writer (枞阳县) and year before the name are the report's; 项目 stays
    assert [p.name for p in table.projects()] == ["国家基本公共卫生服务项目"]
    assert {"PROSE_FIELDS_ONLY", "PROSE_NAME_FROM_TITLE"} <= {f.code for f in table.failures}


def test_report_with_no_title_names_the_project_it_evaluates():
    """m11 (湖南, the page's title not kept): '对2021年度市X项目开展了绩效自评工作' names the project
    (flagged); '项目绩效目标是否实现' asks a question and is no goal."""
    text = (
        "一、项目概况\n益阳市电子政务外网平台网络基础设施提供电子政务各项应用所需的通信网络及其管理环境。\n"
        "二、绩效自评工作开展情况\n(一)绩效评价目的。通过开展绩效评价,全面了解项目实施程序是否规范,"
        "项目绩效目标是否实现,进一步健全相关制度。\n"
        "(二)绩效评价过程。我单位成立了绩效评价小组,对2021年度市电子政务外网平台中心机房租赁费及运行维护费"
        "项目开展了绩效自评工作:\n"
    )
    table = read(text)
    assert [(p.name, p.goal) for p in table.projects()] == [("市电子政务外网平台中心机房租赁费及运行维护费", None)]
    assert "PROSE_NAME_EVALUATED" in {f.code for f in table.failures}


def test_a_units_report_lists_its_projects_after_project_spending():
    """o11 (湖南, a unit's 部门整体支出 report): '1、收入:…万元 2、支出:…万元' are the final account's
    lines, no projects; '项目支出包括A36.3万元,B1万元,…' lists the projects, each with its amount (flagged)."""
    text = (
        "部门整体支出绩效评价报告\n一、基本情况\n(一)部门整体支出概况。\n2021年部门决算收支完成情况。\n"
        "1、收入:792.22万元。同比上年度增加189.25万元,增加31.39%。其中:财政拨款收入792.22万元。\n"
        "2、支出:799.12万元。其中:人员经费支出434.89万元,公用经费支出77.4万元,项目支出286.83万元。\n"
        "(三)部门整体支出或项目实施情况分析。\n本项目由基本支出和项目支出两个部分构成。"
        "项目支出包括委员活动经费36.3万元,扫黑除恶工作经费1万元,信息网络运行经费5万元,老干部活动经费10.5万元,"
        "派出纪检监察组专项经费5万元,调研协商\n"
    )
    table = read(text)
    assert [(p.name, p.amounts.total) for p in table.projects()] == [
        ("委员活动经费", Decimal("36.3")),
        ("扫黑除恶工作经费", Decimal("1")),
        ("信息网络运行经费", Decimal("5")),
        ("老干部活动经费", Decimal("10.5")),
        ("派出纪检监察组专项经费", Decimal("5")),
    ]
    assert {"PROSE_FIELDS_ONLY", "PROSE_AMOUNT_FROM_TEXT"} <= {f.code for f in table.failures}
    with pytest.raises(InputError):  # the account's lines alone are no projects
        read(text[: text.index("(三)")])


def test_parts_of_the_money_that_head_items_of_their_own_are_projects():
    """l08 (安徽, a transfer's self-evaluation): '其中:A43.8万元;B43万元;C1500万元' (their sum is not
    the 1586万元 written) are three projects because each heads an item under (二)绩效目标情况, whose
    text is its goal; all flagged. Parts no item heads are a budget's breakdown, not read as projects."""
    text = (
        "寿县融媒体中心中央对地方专项转移支付2019年度绩效自评报告\n\n一、绩效目标分解下达情况\n\n(一)中央转移支付预算\n\n"
        "2019年中央补助地方公共文化服务体系建设专项资金共计1586万元,其中:中央广播电视节目无线覆盖(模拟与数字)"
        "运行维护43.8万元;县级融媒体中心建设43万元;寿县应急广播系统建设1500万元。\n\n(二)绩效目标情况\n\n"
        "1. 中央广播电视节目无线覆盖(模拟与数字)运行维护:保证中央广播电视节目无线覆盖全面、节目正常播出;\n\n"
        "2.县级融媒体中心建设:完善各媒介融合、衔接,提升宣传软件流畅度;\n\n3.寿县应急广播系统建设:保证应急广播系统正常运行。\n"
    )
    table = read(text)
    assert [(p.name, p.amounts.total, p.goal) for p in table.projects()] == [
        (
            "中央广播电视节目无线覆盖(模拟与数字)运行维护",
            Decimal("43.8"),
            "保证中央广播电视节目无线覆盖全面、节目正常播出",
        ),
        ("县级融媒体中心建设", Decimal("43"), "完善各媒介融合、衔接,提升宣传软件流畅度"),
        ("寿县应急广播系统建设", Decimal("1500"), "保证应急广播系统正常运行。"),
    ]
    assert {"PROSE_FIELDS_ONLY", "PROSE_AMOUNT_FROM_TEXT", "PROSE_GOAL_FROM_TEXT"} <= {f.code for f in table.failures}
    breakdown = read(text[: text.index("\n\n(二)")] + "\n")  # no items: the title's one project
    assert len(breakdown.projects()) == 1
