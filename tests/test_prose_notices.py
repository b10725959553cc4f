"""Fund notices and reports in prose that name their project by other landmarks (round 9).

Verbatim excerpts of dev documents that were refused as a whole ("no recognisable table") though
their text states the project: the fund a notice passes (m09, l17), a plan's parts 一、X资金N万元
(n10), the parts of passed money that add up to it (l12), a 一、项目名称 heading (i12), a title headed
by its writer (m04), the sentence naming the project and its approved amount among several (n07),
a goal told without a colon (n07). Every field read from sentences stays flagged.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from prose_copies import codes, read

from assistant.errors import InputError


def _fields(table) -> list[tuple[str, Decimal | None]]:
    return [(p.name, p.amounts.total) for p in table.projects()]


# m09 (天津, traditional-character mirror): the notice passes one fund, its amount right after the name
M09 = (
    "市交通運輸委:\n"
    "根據《財政部交通運輸部關于調整農村客運、出租車油價補貼政策的通知》(財建〔2022〕1號)和《天津市交通運輸委員會關于申請撥付"
    "2023年城市交通領域新能源公交車運營補貼資金的函》(津交函〔2024〕16號),現撥付你單位2023年度農村客運補貼和城市交通發展獎勵資金"
    "15664萬元(項目代碼:12000024P090005100170、12000024P09000510018K),專項用于城市交通領域新能源公交車運營補貼,具體分配情況詳見附表。\n"
    "附件:1.城市交通領域新能源公交車運營補貼資金分配表\n"
)


def test_notice_passing_a_fund_names_it_and_its_amount():
    table = read(M09)
    assert _fields(table) == [("2023年度農村客運補貼和城市交通發展獎勵資金", Decimal("15664"))]
    assert {"PROSE_FIELDS_ONLY", "PROSE_NAME_FROM_TEXT", "PROSE_AMOUNT_FROM_TEXT"} <= codes(table)


def test_a_fund_named_inside_a_cited_document_is_not_the_notices():
    """《…关于申请拨付X资金的函》 cites another document: with the notice's own sentence gone, nothing is read."""
    with pytest.raises(InputError):
        read(M09.replace("現撥付你單位2023年度農村客運補貼和城市交通發展獎勵資金15664萬元", "現通知如下"))


# l17 (浙江): 现将X下达给你们, the amount only in the 分配表
L17 = (
    "有关市、县(市)财政局、教育局:\n"
    "现将2021年义务教育薄弱环节改善与能力提升补助资金下达给你们(详见附件1)。此项资金作一般性转移支付,"
    "纳入2021年度省与市县财政年终结算。\n"
)


def test_notice_passing_a_fund_with_its_amount_elsewhere_names_it_alone():
    table = read(L17)
    assert _fields(table) == [("2021年义务教育薄弱环节改善与能力提升补助资金", None)]
    assert "PROSE_NAME_FROM_TEXT" in codes(table)


def test_notice_passing_two_funds_names_neither():
    two = L17 + "现将2021年学前教育发展资金下达给你们。\n"
    with pytest.raises(InputError):
        read(two)


# n10 (山东): 一、 and 二、 each open with a fund and its money
N10 = (
    "2022年残疾人康复等资金的细化方案\n区残联:\n"
    "根据市财政局 市残疾人联合会《关于下达2022年残疾人康复等资金预算指标的通知》(枣财社指〔2022〕22号),"
    "现下达2022年残疾人康复等资金预算指标,具体如下:\n"
    "一、2022年省级残疾人康复资金24万元,其中:1、一般公共预算资金21万元,支出列2022年“208社会保障和就业支出”相关科目;"
    "2、省级彩票公益金3万元,支出列2022年“2296006用于残疾人事业的彩票公益金支出”科目。\n"
    "二、2022年残疾人大学生励志助学省级补助资金0.4万元,专项用于残疾人大学生发放励志助学项目,支出列2022年“205教育支出”相关科目。\n"
    "三、请按照有关规定,切实加强资金使用管理,充分发挥资金使用效益。\n"
)


def test_plan_parts_each_opening_with_a_fund_and_its_money_are_projects():
    assert _fields(read(N10)) == [
        ("2022年省级残疾人康复资金", Decimal("24")),
        ("2022年残疾人大学生励志助学省级补助资金", Decimal("0.4")),
    ]


# l12 (甘肃): the passed money itemized in one sentence, the parts adding up to it
L12 = (
    "民乐县省级彩票公益金转移支付2023年度绩效自评报告\n\n"
    "一、绩效目标分解下达情况\n\n"
    "2023年下达省级福彩公益金113万元,其中养老机构运营补贴项目48万元、社会工作服务站项目建设资金15万元、"
    "村级互助幸福院项目建设资金50万元。\n"
)


def test_passed_money_split_into_named_parts_that_add_up_gives_one_project_each():
    assert _fields(read(L12)) == [
        ("养老机构运营补贴项目", Decimal("48")),
        ("社会工作服务站项目建设资金", Decimal("15")),
        ("村级互助幸福院项目建设资金", Decimal("50")),
    ]


@pytest.mark.parametrize(
    "change",
    [
        ("50万元。", "40万元。"),  # the parts no longer add up to 113
        (
            "其中养老机构运营补贴项目48万元、社会工作服务站项目建设资金15万元",
            "其中中央资金63万元",
        ),  # where the money comes from
    ],
)
def test_parts_that_do_not_add_up_or_name_sources_are_not_projects(change):
    try:
        table = read(L12.replace(*change))
    except InputError:
        return
    assert len(table.projects()) <= 1


# i12 (云南): 一、项目名称 as a heading, the name on the line under it; the amount has no money word
I12 = (
    "西双版纳傣族自治州文化馆2021年预算重点领域财政项目文本公开\n\n"
    "一、项目名称\n\n2020年州非物质文化遗产传承人补助资金\n\n二、立项依据\n\n"
    "根据《中华人民共和国非物质文化遗产法》、《云南省非物质文化遗产条例》。\n\n"
    "三、项目实施单位\n\n西双版纳傣族自治州文化馆\n"
)


def test_name_heading_with_the_name_under_it_names_the_project_alone():
    table = read(I12)
    assert _fields(table) == [("2020年州非物质文化遗产传承人补助资金", None)]
    assert "PROSE_FIELDS_ONLY" in codes(table)


# m04 (四川): the writer heads the title (某局 / 关于X绩效的自评报告); goal after 绩效目标:
M04 = (
    "青川县司法局\n关于2021年度政法纪检监察转移支付资金绩效的自评报告\n一、绩效目标分解下达情况\n"
    "中央下达中央政法转移支付资金预算150万元。绩效目标:一是通过开展法制宣传活动提高全民法治素养,建设法治政府;"
    "二是为符合条件的经济困难或特殊案件当事人提供无偿法律服务;三是切实保障司法行政机关业务工作的开展和规范司法行政机关"
    "业务装备的配备和司法所规范化建设。\n二、绩效目标完成情况分析\n"
)


def test_title_of_a_self_evaluation_headed_by_its_writer_names_the_fund():
    table = read(M04)
    project = table.projects()[0]
    # LABELING N2: the issuer and 关于 go, the year in front of the name stays (as m04's gold); flagged
    assert (project.name, project.amounts.total) == ("2021年度政法纪检监察转移支付资金", Decimal("150"))
    assert project.goal.startswith("一是通过开展法制宣传活动") and project.goal.endswith("司法所规范化建设。")
    assert "PROSE_NAME_FROM_TITLE" in codes(table)


@pytest.mark.parametrize(
    "title",
    ["关于2021年度政法纪检监察转移支付资金绩效评价自评报告", "2017-2019年省级城镇保障性安居工程支出绩效自评报告"],
)
def test_title_variants_of_a_self_evaluation(title):
    from assistant.extract.parsers.prose_name import _NAME_IN_TITLE

    m = _NAME_IN_TITLE.match(title)
    assert m is not None and m.group("name") in (
        "2021年度政法纪检监察转移支付资金",
        "2017-2019年省级城镇保障性安居工程",
    )


# n07 (四川): the project named by the sentence stating its approved money, among other amounts
N07 = (
    "一、绩效目标分解下达情况\n(一)中央下达水利发展资金转移支付预算和绩效目标情况。\n"
    "四川省财政厅 四川省水利厅《关于提前下达20xx年中央和省级水利发展资金预算的通知》(川财农〔20xx〕167号)"
    "下达我县中央水利发展资金500万元。\n(二)省内资金安排、分解下达预算和绩效目标情况。\n"
    "中央和省级财政发展资金水土保持工程(芦山县)西川河小流域水土流失综合治理项目立项批复525.39万元,"
    "其中500万元为中央水利发展资金,其余为地方自筹。\n二、绩效目标完成情况分析\n(二)总体绩效目标完成情况分析。\n"
    "本项目总体绩效目标为治理水土流失面积1429.39hm,其中坡改梯25.26hm,封育治理958.81hm,保土耕作412.83hm,"
    "经果林32.49hm。20xx年实际基本完成。\n"
)


def test_amount_of_the_sentence_naming_the_project_among_several_flagged():
    table = read(N07)
    project = table.projects()[0]
    assert project.name == "中央和省级财政发展资金水土保持工程(芦山县)西川河小流域水土流失综合治理项目"
    assert project.amounts.total == Decimal("525.39")
    assert "PROSE_AMOUNT_OF_SUBJECT" in codes(table)


def test_goal_told_without_a_colon_is_its_sentence():
    goal = read(N07).projects()[0].goal
    assert goal == "治理水土流失面积1429.39hm,其中坡改梯25.26hm,封育治理958.81hm,保土耕作412.83hm,经果林32.49hm。"


def test_goal_counted_over_sentences_goes_on_while_they_count():
    """m06: 总体绩效目标一是…。二是…。 then a sentence of why it was not reached, left out."""
    text = N07.replace(
        "本项目总体绩效目标为治理水土流失面积1429.39hm,其中坡改梯25.26hm,封育治理958.81hm,保土耕作412.83hm,经果林32.49hm。20xx年实际基本完成。",
        "总体绩效目标一是完成东疆东部沿海岸线基础设施环境提升生态修复及配套设施建设。二是符合工程施工质量验收相关要求,按时投入使用。"
        "由于本项目预计竣工日期为2021年5月30日,故2020年未能达成总体绩效目标。",
    )
    assert read(text).projects()[0].goal == (
        "一是完成东疆东部沿海岸线基础设施环境提升生态修复及配套设施建设。二是符合工程施工质量验收相关要求,按时投入使用。"
    )


# l10 (广西): the whole passed first (…资金,合计13,804万元), then its two batches, which add up to it;
# 下达转移支付资金 names no fund
L10 = (
    "一、绩效目标分解下达情况\n(一)中央下达专项转移支付预算和区域绩效目标情况\n1.中央下达专项转移支付\n"
    "2024年,中央分2批次下达我区中央集中彩票公益金支持社会福利事业资金,合计13,804万元。各批次中央专项转移支付预算下达情况如下:\n"
    "2023年11月15日,《财政部 民政部关于提前下达2024年中央集中彩票公益金支持社会福利事业专项资金预算的通知》(财社〔2023〕135号)"
    "下达中央集中彩票公益金支持社会福利事业专项资金11,193万元。\n"
    "2024年7月3日,《财政部 民政部关于下达2024年中央集中彩票公益金支持社会福利事业资金预算(第一批)的通知》(财社〔2024〕65号)"
    "下达中央集中彩票公益金支持社会福利事业资金2,611万元。\n"
    "2.中央下达专项转移支付区域绩效目标情况\n中央下达转移支付资金时随同下达了资金年度绩效目标,主要包括以下四个方面:\n"
)


def test_fund_passed_in_batches_that_add_up_to_its_total():
    table = read(L10)
    assert _fields(table) == [("中央集中彩票公益金支持社会福利事业资金", Decimal("13804"))]
    assert "PROSE_AMOUNT_FROM_TEXT" in codes(table)


def test_batches_that_do_not_add_up_leave_the_fund_unread():
    with pytest.raises(InputError):
        read(L10.replace("2,611万元", "2,600万元"))


# l01 (海南 mirror): the page's caption (站名: 站名X报告) and the title under it; 项目绩效总目标:
L01 = (
    "pg电子福运象财神: pg电子福运象财神2016年学生资助专项项目绩效评价报告\n"
    "发布时间:2017-07-21 发布者:pg电子福运象财神 浏览次数:1597\npg电子福运象财神\n"
    "2016年学生资助专项项目绩效评价报告\n一、项目概况\n(二)项目绩效目标\n"
    "1. 项目绩效总目标:减免在校一、二、三年级学生学费;发放率100%,减免率100%,社会满意度达:98%,学生满意度达:90%。\n"
    "二、项目资金使用及管理情况\n"
)


def test_title_without_the_captions_colon_names_the_project():
    table = read(L01)
    project = table.projects()[0]
    # the title line with no colon (not 站名: caption); the year in front and 项目 stay, as the title
    # writes them (LABELING N2, l01's gold)
    assert project.name == "2016年学生资助专项项目"
    # the goal paragraph is kept whole with the targets it lists (l01's gold, as i08, i13, h12); the
    # targets are read as indicators too
    assert project.goal == "减免在校一、二、三年级学生学费;发放率100%,减免率100%,社会满意度达:98%,学生满意度达:90%。"
    assert [(i.name, i.annual_value) for i in project.indicators][:2] == [("发放率", "100%"), ("减免率", "100%")]
    assert {"PROSE_FIELDS_ONLY", "PROSE_NAME_FROM_TITLE"} <= codes(table)


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        # m15: a zero carried over is no budget; 下拨 states the money
        ("截止202012月31日,本年度中央财政下拨1157.5万元,上年结转资金0万元,实际支出1157.5万元。", Decimal("1157.5")),
        # n08: what was actually paid is execution, not the budget
        (
            "2020年度紫金县财政划给紫金县司法局一村(社区)一法律顾问经费,指标金额是110万元,实际拨付金额是108万元。",
            Decimal("110"),
        ),
    ],
)
def test_money_done_or_nothing_is_not_the_budget(sentence, total):
    text = f"关于2020年度退役士兵教育培训资金项目绩效评价报告\n一、项目概况\n{sentence}\n"
    table = read(text)
    assert table.projects()[0].amounts.total == total
    assert "PROSE_AMOUNT_FROM_TEXT" in codes(table)


def test_form_in_a_report_takes_the_one_经费_sentence_as_its_total():
    """k03 (云南): the form has no money cells; the report's one '实施2021年中央动物防疫等补助经费9.55万元'
    gives the total, flagged."""
    from prose_copies import GOLD

    table = read((next(GOLD.glob("k03-*")) / "source.txt").read_text(encoding="utf-8"))
    assert [p.amounts.total for p in table.projects()] == [Decimal("9.55")]
    assert "PROSE_AMOUNT_FROM_TEXT" in codes(table)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        # n02 (安徽): the place and year in front stay, 转移支付 before the report's year goes (LABELING N2)
        ("宁国市2023年省级非物质文化遗产保护资金转移支付绩效自评报告", "宁国市2023年省级非物质文化遗产保护资金"),
        # l16 (安徽, traditional): the disclosure's 名稱: field holds the title; the place in front stays
        ("名稱: 宣州區教育督導評價獎勵補助資金轉移支付2023年度績效自評報告", "宣州區教育督導評價獎勵補助資金"),
        # l15 form: no place, nothing else to strip
        ("城乡义务教育补助经费转移支付2023年度绩效自评报告", "城乡义务教育补助经费"),
        # k10 (天津): a bracketed kind of money heads the title
        (
            "(直达资金)天津市东丽湖新建光辉路(智景东道-星宇道)工程项目2020年度绩效自评报告",
            "天津市东丽湖新建光辉路(智景东道-星宇道)工程项目",
        ),
    ],
)
def test_transfer_report_title_names_the_fund_without_转移支付_and_the_reports_year(title, name):
    table = read(f"{title}\n一、项目概况\n2023年下达资金70万元。\n")
    assert [p.name for p in table.projects()] == [name]
    assert "PROSE_NAME_FROM_TITLE" in codes(table)


def test_transfer_report_title_names_the_fund_before_a_money_sentence():
    """l15 (贵州): the title names the transfer; a later sentence's subject (…资助项目) is a part of it."""
    text = (
        "城乡义务教育补助经费转移支付2023年度绩效自评报告\n一、基本情况\n"
        "(三)区域绩效目标情况。\n\n该项目在2023年度安排预算547.615万元。\n"
        "2022年上级下达城乡义务教育生活补助资助项目预算547.615万元。\n"
    )
    table = read(text)
    assert _fields(table) == [("城乡义务教育补助经费", Decimal("547.615"))]
    assert "PROSE_NAME_FROM_TITLE" in codes(table)


# l02 (广东): the amount only in 附件1's 安排表, its 合计 row cut over lines
L02 = (
    "有关县(市、区)财政局:\n"
    "经市政府批准,现下达你县(市、区)2023年创建广东省基础教育高质量发展试验区奖补资金(具体金额详见附件)。有关事项通知如下:\n"
    "附件:1.2023年创建广东省基础教育高质量发展试验区奖补资金安排表\n韶关市财政局\n2023年3月29日\n附件1 |\n"
    "2023年创建广东省基础教育高质量发展试验区奖补资金安排表 |\n"
    "序号 | 地区 | 实施单位 | 项目内容 | 金额 (万元) | 备注 |\n"
    "1 | 仁化县 | 仁化县教育局 | 支持仁化县创建广东省义务教育优质均衡发展县。 | 1000 |\n|\n"
    "2 | 始兴县 | 始兴县教育局 | 支持始兴县创建广东省学前教育普及普惠县。 | 800 |\n|\n"
    "| 合计 |\n|\n| 3000 |\n|\n附件2 |\n"
)
# l17 (浙江): the 分配表's 合计 row, its last cell 合计下达 after 已预下达 and 本次下达
L17_TABLE = (
    "附件1\n浙江省2021年义务教育薄弱环节改善与能力提升补助资金分配表\n单位:万元\n"
    "地区 | 已预下达 | 本次下达 | 合计下达 |\n浙江省合计 | 18900 | 5100 | 24000 |\n杭州市合计 | 650 | 175 | 825 |\n"
)


@pytest.mark.parametrize(
    ("text", "total"), [(L02, Decimal("3000")), (L17 + "附件:1.分配表\n" + L17_TABLE, Decimal("24000"))]
)
def test_passed_fund_takes_the_total_row_of_its_allocation_table(text, total):
    table = read(text)
    assert [p.amounts.total for p in table.projects()] == [total]
    assert table.currency_unit == "万元"
    assert "PROSE_AMOUNT_FROM_ALLOCATION" in codes(table)


def test_allocation_table_with_no_unit_gives_no_amount():
    table = read(L17 + "附件:1.分配表\n" + L17_TABLE.replace("单位:万元\n", ""))
    assert [p.amounts.total for p in table.projects()] == [None]


def test_title_headed_by_its_writer_names_the_project_alone():
    """m14 (四川): 某厅关于X支出绩效自评报告, the text under it only describes: X by its name alone."""
    text = (
        "四川省住房和城乡建设厅关于2017-2019年省级城镇保障性安居工程支出绩效自评报告\n\n一、项目概况\n\n"
        "(一)项目基本情况。\n\n1.我厅在项目管理中的职能。\n"
    )
    table = read(text)
    assert _fields(table) == [("2017-2019年省级城镇保障性安居工程", None)]
    assert "PROSE_NAME_FROM_TITLE" in codes(table)


def test_transfer_title_with_a_space_before_its_year():
    """n02 (安徽) prints the title '宁国市2023年…资金转移支付 2023年度绩效自评报告', a space before the year."""
    table = read(
        "宁国市2023年省级非物质文化遗产保护资金转移支付 2023年度绩效自评报告\n一、项目概况\n下达资金2.1万元。\n"
    )
    assert _fields(table) == [("宁国市2023年省级非物质文化遗产保护资金", Decimal("2.1"))]


def test_plan_parts_naming_sources_are_not_projects():
    text = "某某资金的细化方案\n区残联:\n一、中央资金24万元,用于康复。\n二、省级资金3万元,用于托养。\n"
    with pytest.raises(InputError):
        read(text)


# o03 (dev), verbatim: a 范文 page (a compilation of sample reports) in a traditional mirror with
# pinyin readings; its title ends in the page's own words 范文(精選8篇)
O03 = (
    "國培項(xiàng)目績效自評(píng)報(bào)告范文(精選8篇)\n"
    "國培項(xiàng)目績效自評(píng)報(bào)告范文(精選8篇)1\n"
    "一、工作完成情況\n"
    "20xx年度共培訓(xùn)我區(qū)中小學(xué)幼兒園教師1217人次,中職教師35人次,使用資金179.4萬元,參訓(xùn)教師100%結(jié)業(yè)。\n"
)


def test_a_sample_report_pages_title_names_the_project():
    table = read(O03)
    (project,) = table.projects()
    assert project.name == "國培項目"  # readings left out, 項目 kept as the title writes it
    assert project.amounts.total == Decimal("179.4")
    assert {"PROSE_FIELDS_ONLY", "PROSE_NAME_FROM_TITLE", "PROSE_AMOUNT_FROM_TEXT"} <= codes(table)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        # o10 (dev): X项目支出绩效评价报告 names X项目; the year in front stays (LABELING N2)
        ("2022年度城市智脑信息化项目支出绩效评价报告", "2022年度城市智脑信息化项目"),
        # n08 (dev): the writing unit is left out, the year in front of the name stays
        ("县司法局2020年度一村(社区)一法律顾问经费绩效自评报告", "2020年度一村(社区)一法律顾问经费"),
        # LABELING N2's own examples: a place in front stays, a unit (财政局) goes
        ("某县2021年某某项目绩效自评报告", "某县2021年某某项目"),
        ("某县财政局2021年度某某经费绩效自评报告", "2021年度某某经费"),
        # a name that says only what kind of money it is keeps its writer: the writer's money
        ("沅江市红十字会2020年度专项资金绩效评价报告", "沅江市红十字会2020年度专项资金"),
    ],
)
def test_a_reports_title_names_its_project_without_the_reports_words(title, name):
    text = f"{title}\n一、基本情况\n本年度安排资金28万元,用于项目实施。\n"
    table = read(text)
    assert table.projects()[0].name == name
    assert "PROSE_NAME_FROM_TITLE" in codes(table)


def test_a_notice_keeps_the_place_and_year_its_title_writes():
    # i08 (dev), the title verbatim: a 公示 names the project with its place and year
    text = (
        "章贡区2019年林业有害生防治项目立项依据、实施主体、预算安排及绩效目标情况公示\n一、立项依据\n安排资金40万元。\n"
    )
    assert read(text).projects()[0].name == "章贡区2019年林业有害生防治项目"


def test_an_evaluated_project_is_named_as_the_text_first_writes_it():
    # m11 (dev), verbatim excerpts: 对…市X项目开展了绩效自评 after X主要用于…: 市 says whose it is
    text = (
        "一、项目概况\n"
        "益阳市电子政务外网平台网络基础设施提供电子政务各项应用所需的通信网络及其管理环境,由政务网络和网络管理中心组成。"
        "电子政务外网平台中心机房租赁费及运行维护费主要用于网络管理中心租赁费、专线租赁费、电费、维护费。\n"
        "(二)绩效评价过程。根据《益阳市财政局关于开展2021年度部门绩效自评工作的通知》文件要求,我单位成立了绩效评价小组,"
        "对2021年度市电子政务外网平台中心机房租赁费及运行维护费项目开展了绩效自评工作:\n"
    )
    table = read(text)
    assert table.projects()[0].name == "电子政务外网平台中心机房租赁费及运行维护费"
    assert "PROSE_NAME_EVALUATED" in codes(table)
    # never named without 市 before: the name stays as the sentence writes it
    alone = text.replace("电子政务外网平台中心机房租赁费及运行维护费主要用于", "主要用于")
    assert read(alone).projects()[0].name == "市电子政务外网平台中心机房租赁费及运行维护费"


def test_a_title_naming_only_a_kind_of_money_gives_way_to_the_fund_passed():
    # i13 (dev), verbatim title and money sentence: 专项资金 alone names nothing; the text passes the fund
    text = "沅江市红十字会2020年度专项资金绩效评价报告\n一、基本情况\n  2020财政下达红十字事业支出专项资金28万元。\n"
    table = read(text)
    (project,) = table.projects()
    assert (project.name, project.amounts.total) == ("红十字事业支出专项资金", Decimal("28"))
    assert {"PROSE_NAME_FROM_TEXT", "PROSE_AMOUNT_FROM_TEXT"} <= codes(table)


def test_money_written_in_wan_without_yuan_is_read():
    # l01 (dev), the money sentence verbatim: 350万 is 350万元
    text = L01.replace(
        "二、项目资金使用及管理情况\n", "二、项目资金使用及管理情况\n项目批复资金350万已全部到位,属于省财政下拨资金。\n"
    )
    table = read(text)
    assert table.projects()[0].amounts.total == Decimal("350")
    assert table.currency_unit == "万元"
    assert "PROSE_AMOUNT_FROM_TEXT" in codes(table)
    # 万 before a measure word is a count, not money
    counted = text.replace("项目批复资金350万已全部到位", "项目批复资金350万人次")
    assert read(counted).projects()[0].amounts.total is None


def test_a_report_presenting_itself_names_its_project_under_a_generic_title():
    # m13 (dev), verbatim lines (readings left out): a 范文 page titled 工程项目绩效评价报告 (a kind, no
    # name); the report's opening sentence presents its project; the notice it cites passes its money
    text = (
        "工程項目績效評價報告\n\n"
        "            工程項目績效評價報告1\n\n"
        "              根據四川省財政廳《關于開展20xx年度中央對地方轉移支付預算執行情況績效自評工作的通知》"
        "(川財績〔20xx〕3號)文件精神,現將我市20xx年度中央補助地方公共文化服務體系建設--全民健身補短板工程項目自評報告如下:\n\n"
        "              一、績效目標分解下達情況\n\n"
        "              《財政廳省委宣傳部文化和旅游廳省廣電局省體育省文物局關于下達20xx年中央支持地方公共文化服務體系建設補助資金預算的通知》"
        "(川財教〔20xx〕132號)文件下達我市全民健身場地器材補短工程160萬元,按每個街道(鄉鎮)20萬元標準核定。\n"
    )
    table = read(text)
    (project,) = table.projects()
    assert project.name == "20xx年度中央補助地方公共文化服務體系建設--全民健身補短板工程項目"
    assert project.amounts.total == Decimal("160")
    assert {"PROSE_NAME_EVALUATED", "PROSE_AMOUNT_FROM_TEXT"} <= codes(table)


@pytest.mark.parametrize("tail", ["范文(精选8篇)", "范文(通用5篇)", "[热门]", "范文【精选】", ""])
def test_a_sample_report_pages_own_words_after_the_title(tail):
    # the page's words after a title (as o03's 范文(精選8篇), m13's [熱門]) leave the title a title
    text = f"办公楼维修项目绩效自评报告{tail}\n一、基本情况\n本年度安排资金30万元,用于办公楼维修。\n"
    table = read(text)
    assert (table.projects()[0].name, table.projects()[0].amounts.total) == ("办公楼维修项目", Decimal("30"))


def test_the_title_names_the_project_before_the_money_sentence():
    # h16 (dev), verbatim lines: the title and the budget sentence word the name differently (the
    # sentence adds a bracket); LABELING N1 takes the title's form, the sentence still gives the money
    text = (
        "昌都市卡若区2022年度社会福利机构运行及人员经费项目绩效评价报告\n\n"
        "一、项目基本情况\n\n(二)项目预算\n\n"
        "昌都市卡若区2022年度社会福利机构运行及人员经费(孤儿、城市三无人员集中供养)项目预算合计为423.38万元"
        "(其中:自治区169.35万元,市级254.03万元)。\n"
    )
    table = read(text)
    (project,) = table.projects()
    assert (project.name, project.amounts.total) == (
        "昌都市卡若区2022年度社会福利机构运行及人员经费项目",
        Decimal("423.38"),
    )
    assert "PROSE_NAME_FROM_TITLE" in codes(table)


def test_a_collections_title_gives_way_to_the_reports_sentence():
    # o04 (dev), verbatim lines: a 范文 page's title names the kind of report (国培计划); its first
    # report's budget sentence names the project (LABELING N1.4: collections are named by the body)
    text = (
        "国培计划绩效自评报告范文汇总6篇\n\n国培计划绩效自评报告范文(精选6篇)\n\n国培计划绩效自评报告范文 篇1\n\n"
        "(三)资金投入(5分):\n\n(1)预算编制科学性(2分)\n\n"
        "20xx年中小学教师培训工程项目预算编制,严格按照省级文件内容执行,下达资金280.5万元。\n"
    )
    (project,) = read(text).projects()
    assert (project.name, project.amounts.total) == ("中小学教师培训工程项目", Decimal("280.5"))
