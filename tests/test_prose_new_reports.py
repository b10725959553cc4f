"""Evaluation reports in prose from round 10's new dev documents (p01–p12), read by general
landmarks: a title wrapped before its kind, a title the text runs on from, the one amount called
the budget, a collection's first report naming its project, the money a bureau says it got.
Each excerpt is quoted verbatim from the dev document named (pinyin readings left in where the
page has them). Names follow LABELING N1/N2 (the year and place in front kept)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from prose_copies import codes, read

from assistant.errors import InputError

# p05 (dev, 隆回): the title wrapped before 绩效评价报告, under an empty metadata grid
P05 = (
    "文件名称: | |||\n统一登记号: | |||\n索引号: | 发文编号: | ||\n"
    "2021年度隆回县七江镇乡村振兴专项资金\n绩效评价报告\n上会湘报字(2022)第0011号\n"
    "为进一步规范乡村振兴资金管理,提高乡村振兴资金使用效益,加强财政支出管理,提高财政资金使用效益,"
    "受隆回县财政局委托,我所成立绩效评价工作组对隆回县七江镇人民政府2021年乡村振兴专项资金项目进行绩效评价。"
    "评价工作已完成,报告如下:\n一、项目基本情况\n"
)
# p11 (dev, 古田): the unit, the name and the kind on three lines
P11 = (
    "古田县城市管理局\n2020年垃圾一体化政府付费项目\n支出绩效评价报告\n一、项目概况\n(一)项目实施背景\n"
    "党的十九大报告提出要着力解决突出环境问题,加强固体废弃物和垃圾处置。\n"
)


@pytest.mark.parametrize(
    ("text", "name"), [(P05, "2021年度隆回县七江镇乡村振兴专项资金"), (P11, "2020年垃圾一体化政府付费项目")]
)
def test_a_title_wrapped_before_its_kind_names_the_project(text, name):
    table = read(text)
    (project,) = table.projects()
    assert project.name == name
    assert project.amounts.total is None and project.goal is None
    assert "PROSE_NAME_FROM_TITLE" in codes(table)


def test_a_kind_alone_under_a_sentence_is_no_title():
    with pytest.raises(InputError):
        read("为做好工作,特制定本方案。\n绩效评价报告\n一、项目概况\n")


def test_a_title_the_text_runs_on_from_names_the_project():
    # p12 (dev, 长岛): a document library's text in one line, readings after characters
    text = (
        "文檔簡介\n"
        "2023年度鄉(xiāng)鎮(zhèn)垃圾分類獎補項目績效評價報告摘要一、項目基本情況(―)項目內容"
        "長島綜合試驗區(qū)2023年度鄉(xiāng)鎮(zhèn)垃圾分類獎補項目:對砣磯鎮(zhèn)等8個島嶼鄉(xiāng)鎮(zhèn)的"
        "生活垃圾進行分類綜合處置獎補。\n"
    )
    table = read(text)
    assert [p.name for p in table.projects()] == ["2023年度鄉鎮垃圾分類獎補項目"]
    assert "PROSE_NAME_FROM_TITLE" in codes(table)


P01 = (
    "2016年电子政务内网设备运行维护费及内网线路建设经费项目资金绩效评价报告\n一、项目概况\n"
    "(二)项目绩效目标。保障本地区密码的通信、管理、党委工作信息化,完成电子政务内网二期建设。\n"
    "二、项目资金使用及管理情况\n(一)年初财政预算安排资金83万元,并已拨付到位。\n"
    "三、项目组织实施情况\n但是,按照省里的要求,机房和配套设施需完善,因而在今年通过招标投标后,进行了中心机房的改造,"
    "财政调整安排资金160万元,工程还未竣工,工程款未结算列支。\n"
)


def test_the_one_amount_called_the_budget_is_the_total():
    # p01 (dev): 年初财政预算安排资金83万元 beside 财政调整安排资金160万元 (other work)
    table = read(P01)
    (project,) = table.projects()
    assert project.amounts.total == Decimal("83") and project.amounts.fiscal is None
    assert "PROSE_AMOUNT_BUDGETED" in codes(table)
    # two amounts called the budget: neither is picked
    both = read(P01.replace("财政调整安排资金160万元", "追加财政预算资金160万元"))
    assert both.projects()[0].amounts.total is None
    assert "PROSE_AMOUNTS_SEVERAL" in codes(both)


def test_a_budget_with_thousands_separators_beside_its_sources():
    # p09 (dev), verbatim: the total budget, then its sources and the money received and used
    text = (
        "公共就业服务能力提升示范项目绩效自评报告\n\n"
        "一、项目资金使用及管理情况\n\n(一)项目资**排结构、总投入等情况\n\n"
        "示范项目总预算36,620万元,经调整后资金的来源为:中央财政补助10,000万元,省级财政补助5,000万元,"
        "地市财政补助15920万元,其他资金渠道5700万元。\n\n"
        "截至2024年末,示范项目资金已到位36,982.43万元,其中:中央财政补助资金10,000万元,"
        "地方财政配套补助资金21,106.24万元,其他资金渠道5,876.19万元。\n"
    )
    table = read(text)
    (project,) = table.projects()
    # the parts after 其中 are those of the money received (已到位, no money word), not the budget's
    assert (project.name, project.amounts.total) == ("公共就业服务能力提升示范项目", Decimal("36620"))
    assert "PROSE_AMOUNT_FROM_TEXT" in codes(table)


def test_a_collections_first_report_names_the_project_it_carried_out():
    # p06 (dev, 范文 page): the title names a kind of report; report 1's writer says which project it
    # carried out; the three batches' approved investment add up to the written whole
    text = (
        "建设项目绩效自评报告\n\n时间:2022-12-09 12:18:52 报告 我要投稿\n\n建设项目绩效自评报告(通用9篇)\n\n"
        "  建设项目绩效自评报告1\n\n  一、县级批复资金情况\n\n"
        "  我局承担临城县2021年度财政衔接资金统筹整合使用道路建设项目实施任务,该项目分三批实施,"
        "一批项目县级批复总投资3374.3万元(其中建筑工程3292万元),二批项目县级批复总投资2069.51万元"
        "(其中建筑工程1975.775万元),三批项目县级批复投资778.59万元(其中建筑工程757.44万元),"
        "合计批复总投资6222.4万元(其中建筑工程6025.215万元)。\n"
    )
    table = read(text)
    (project,) = table.projects()
    assert project.name == "临城县2021年度财政衔接资金统筹整合使用道路建设项目"
    assert project.amounts.total == Decimal("6222.4")
    assert {"PROSE_NAME_EVALUATED", "PROSE_AMOUNT_SUM"} <= codes(table)


def test_the_money_a_bureau_got_names_the_fund_of_a_text_with_no_title():
    # p03 (dev, 红河): no title; the money paragraph names the budget line the bureau got
    text = (
        "红河州司法局认真贯彻实施《中华人民共和国法律援助法》,依法加强法律援助工作。\n"
        "根据《红河州财政局关于下达2024年州本级行政事业单位基本支出和项目支出预算的通知》(红财预发〔2024〕15号)文件,"
        "红河州财政局拨入红河州司法局法律援助专项经费20.00万元;上级补助48.41万元。支出68.41万元,年未结转结余0.00万元,执行率100%。\n"
        "1.总体目标:紧紧围绕促进社会公平正义目标,确保法律援助特殊困难群体得到及时有效的法律援助,"
        "提高法律援助社会知晓率和认可度,提高法律援助管理质量和水平。\n"
        "2.阶段性目标:第一季度重点兑现上一年度法律援助案件延后结案的案件补贴;\n"
    )
    table = read(text)
    (project,) = table.projects()
    assert (project.name, project.amounts.total) == ("法律援助专项经费", Decimal("20.00"))
    assert project.goal.startswith("紧紧围绕促进社会公平正义目标") and project.goal.endswith("管理质量和水平。")
    assert {"PROSE_NAME_FROM_TEXT", "PROSE_AMOUNT_FROM_TEXT"} <= codes(table)


@pytest.mark.parametrize(("words", "fiscal"), [("财政资金总额", True), ("收到财政资金共", False), ("下达资金", False)])
def test_fiscal_only_where_the_words_name_the_column(words, fiscal):
    # l06 (dev): '…项目财政资金总额16.20万元' is fiscal (LABELING F1); money received or passed is not
    text = f"某县第一小学2023年度项目支出绩效自评报告\n(教育专项工作经费)\n一、自评结论\n2023年度我校教育专项工作经费项目{words}16.20万元。\n"
    project = read(text).projects()[0]
    assert project.amounts.total == Decimal("16.20")
    assert project.amounts.fiscal == (Decimal("16.20") if fiscal else None)


def test_a_report_with_targets_and_no_name_is_named_by_the_work_it_calls_this_project():
    # m06 (dev, 天津), verbatim lines: no title, a 下达 sentence with no name, then the goal naming the
    # work and referring back to it as 该项目
    from assistant.extract.parsers.prose_name import name_before_this_project

    text = (
        "一、绩效目标完成情况分析\n(一)资金投入情况分析。\n"
        "本项目2020年下达直达资金2300万元,资金全部用于本项目建设使用,其中一类费2156.7899万元,二类费143.2101万元,"
        "均已在2020年支付到位。\n(二)总体绩效目标完成情况分析。\n"
        "总体绩效目标一是完成东疆东部沿海岸线基础设施环境提升生态修复及配套设施建设,该项目总投资额为3.8亿元。\n"
    )
    assert name_before_this_project(text)[0] == "东疆东部沿海岸线基础设施环境提升生态修复及配套设施建设"
    assert name_before_this_project("一是完成全年工作任务。该项目已完成。") is None  # no comma before 该项目


J11 = (
    "云南省2022年度中央自然灾害资金绩效自评报告\n\n发布时间:2023-06-01 14:16:00\n\n"
    "一、中央自然灾害救灾资金(森林草原航空消防租机补助经费)\n\n(一)绩效目标分解下达情况。\n\n"
    "2022年共投入森林草原航空消防租机补助经费预算10441万元。其中,中央转移支付资金8353万元,省级配套资金2088万元,"
    "专项用于保障云南省森林草原航空消防租机工作。\n"
)


def test_a_report_divided_by_fund_is_named_by_its_first_parts_heading():
    # j11 (dev), verbatim: the title names the kind of money, the first part's heading the fund (N1.4)
    table = read(J11)
    (project,) = table.projects()
    assert (project.name, project.amounts.total) == (
        "中央自然灾害救灾资金(森林草原航空消防租机补助经费)",
        Decimal("10441"),
    )
    assert "PROSE_NAME_FROM_PART" in codes(table)


@pytest.mark.parametrize("section", ["一、项目基本情况", "一、绩效目标分解下达情况", "一、项目资金"])
def test_a_reports_own_first_section_is_no_fund(section):
    text = J11.replace("一、中央自然灾害救灾资金(森林草原航空消防租机补助经费)", section)
    assert read(text).projects()[0].name == "云南省2022年度中央自然灾害资金"


def test_a_fund_name_field_run_together_names_the_project_over_the_notices_batch():
    # n09 (dev, 德化), verbatim with the readings left out: the notice passes a batch (2024年第二批…資金);
    # its 績效目標表, run together, names the fund in its 專項名稱 field (LABELING N1.1)
    text = (
        "附件12024年第二批省級重點流域生態保護補償資金安排情況表序號項目單位項目名稱補助金額(萬元)備注本次下達"
        "1德化縣城市管理局德化縣城區水環境綜合治理工程——截流管線與箱涵工程306合計331"
        "附件22024年省級重點流域生態保護補償資金績效目標表專項名稱省級重點流域生態保護補償專項資金"
        "市級主管部門泉州市生態環境局,、財政局補助區域德化縣縣級主管部門德化縣財政局\n"
    )
    table = read(text)
    assert table.projects()[0].name == "省級重點流域生態保護補償專項資金"
    assert "PROSE_NAME_FROM_FUND_FIELD" in codes(table)


N10 = (
    "一、2022年省级残疾人康复资金24万元,其中:1、一般公共预算资金21万元,支出列2022年“208社会保障和就业支出”相关科目;"
    "2、省级彩票公益金3万元,支出列2022年“2296006用于残疾人事业的彩票公益金支出”科目。\n"
    "二、2022年残疾人大学生励志助学省级补助资金0.4万元,用于资助残疾人大学生。\n"
)


def test_the_general_budget_part_of_a_plans_money_is_fiscal():
    # n10 (dev, 薛城), verbatim first part: 其中 一般公共预算资金21万元 names the 财政拨款 column (LABELING F1)
    table = read(N10)
    got = [(p.name, p.amounts.total, p.amounts.fiscal) for p in table.projects()]
    assert got == [
        ("2022年省级残疾人康复资金", Decimal("24"), Decimal("21")),
        ("2022年残疾人大学生励志助学省级补助资金", Decimal("0.4"), None),
    ]
    assert any(f.field == "amounts.fiscal" for f in table.failures)
    # a part from a higher level (中央补助) is a transfer, not fiscal
    moved = read(N10.replace("一般公共预算资金21万元", "中央补助资金21万元"))
    assert moved.projects()[0].amounts.fiscal is None


def test_a_computations_result_is_the_amount():
    # i12 (dev, 西双版纳), the sentence verbatim: the total as the result of its computation
    text = (
        "关于2020年州非物质文化遗产传承人补助资金绩效评价报告\n一、项目概况\n"
        "我州目前已命名174名非物质文化遗产项目代表性传承人,按每人每年2000元标准,174×2000/=34.80万元元\n"
    )
    project = read(text).projects()[0]
    assert (project.name, project.amounts.total) == ("2020年州非物质文化遗产传承人补助资金", Decimal("34.80"))
    # a ratio's sign is no money word: 满意度=95% names no amount
    assert read(text.replace("174×2000/=34.80万元元", "满意度=95%")).projects()[0].amounts.total is None


P04 = (
    "******街道对2025年中央农村综合性改革转移支付资金绩效目标实施情况开展自评,并形成绩效自评报告和绩效自评结果,"
    "现将自评情况报告如下:\n一、基本情况\n(一)转移支付支持项目概况\n"
    "******街道2025年中央农村综合性改革转移支付资金即******街道曼外村委会半坡寨自然村农村公益事业建设财政奖补项目(普惠)"
    "******街道2025年农村公益事业建设财政奖补项目实施方案的批复》(景财农〔2024〕278号)批复文件,"
    "项目建设内容为1.挡墙工程:新建重力式毛石挡土墙一堵,100立方米。\n"
    "项目结算审核造价为819931.72元,项目累计支付资金合计795333.77元,其中2025年中央农村综合性改革转移支付资金630000元、"
    "村集体资金135333.77元。\n"
)


def test_the_project_a_fund_is_said_to_be_names_a_text_with_no_title():
    # p04 (dev, masked page), verbatim: X资金即Y项目(普惠); the writer the text opens with is left out (N2)
    table = read(P04)
    (project,) = table.projects()
    assert project.name == "曼外村委会半坡寨自然村农村公益事业建设财政奖补项目(普惠)"
    assert project.amounts.total is None  # a price, money paid and its parts: no budget, said so
    assert {"PROSE_NAME_EVALUATED", "PROSE_AMOUNTS_SEVERAL"} <= codes(table)
