"""Header fields of dev forms the rules read wrong until round 10 (forms-e), one rule each.

- A key printed letter-spaced right after an amount's unit (n06: ``资金额度 4623 万 年 度 总 体
  目 标 目标 1:…``): the unit belongs to the amount, the spaced letters after it are the key.
- ``资金额度`` names a form's one amount (a 区域绩效目标表), read as a cell of its own only.
- ``预期目标 | 实际完成`` (f10, a 湖南 自评报告): the achieved column's head with its 情况 left out.
- Money split by level of government (h02's ``其中:中央、省补助 | 市级财政资金 | 县级财政资金 | 40``):
  a level's row is no 财政拨款 line (LABELING F2), even when a 财政拨款 key would take its words.
- A form cut above its money rows takes them from the page's run-together copy of its start (k04).
- A 合计 under a cost table whose cells ran together: its first cell the sum of the rows (d04).
- 中期目标 | 年度目标 over one piece holding both texts; a 年度目标 cut by the page's end (k01).

Excerpts are quoted verbatim from dev documents (gold/real/<id>/source.txt).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from dev_gold import GOLD
from test_form_header import _header, _read

from assistant.extract.parsers.form.money import level_row, total_of_items
from assistant.extract.parsers.form.tokens import _spaced_form_words
from assistant.pipeline import extract_path


def _source(doc_id: str) -> str:
    return (next(GOLD.glob(f"{doc_id}*")) / "source.txt").read_text(encoding="utf-8")


def _codes(table, field: str) -> list[str]:
    return [f.code for f in table.failures if f.field == field]


# ---- n06: a spaced key after an amount's unit; 资金额度 ----------------------------------------

#: n06-disability-fund-regional-target-2019-wenku-pdftext-space, the start of its one line, verbatim
N06 = (
    "附件 2 残疾人事业发展补助资金区域绩效目标表 ( 2019 年度) 专项名称 残疾人事业发展补助资金 主管部门 省残联 "
    "资金额度 4623 万 年 度 总 体 目 标 目标 1:为残疾人提供基本康复服务,为精神病患者提供服药补贴。 "
    "目标 2:对特殊学校残疾贫困学生进行资助,对特教学校开展职业教育和职业培 训给予补贴。 "
    "一级 指标 二级指标 三级指标 基本康复服务人数"
)


def test_a_letter_spaced_key_after_a_unit_is_cut_as_the_key():
    text = "资金额度 4623 万 年 度 总 体 目 标 目标 1:为残疾人"
    [(start, end)] = _spaced_form_words(text)
    assert text[start:end] == "年 度 总 体 目 标"  # not 万 年 度 …, which is no word of the form


def test_a_letter_spaced_run_with_no_form_word_gives_nothing():
    assert _spaced_form_words("甲 乙 丙 丁 目标 1") == []


def test_the_amount_and_its_spaced_unit_and_the_spaced_goal_key_are_read():
    header = _header(_read(N06))
    assert header["amounts"]["total"] == Decimal("4623")
    assert header["amounts"]["fiscal"] is None  # 资金额度 says nothing of its source
    assert header["goal"].startswith("目标 1:为残疾人提供基本康复服务")
    assert header["goal"].endswith("职业培 训给予补贴。")


def test_the_whole_n06_form_gives_its_gold_amount_and_goal():
    table = extract_path(next(GOLD.glob("n06-*")) / "source.txt")
    project = table.projects()[0]
    assert project.amounts.total == Decimal("4623")
    assert project.goal.startswith("目标 1:") and project.goal.endswith("提供家庭无障碍改造补助。")
    assert table.currency_unit == "万元"


# ---- f10: 预期目标 | 实际完成 --------------------------------------------------------------------


def test_the_expected_goal_beside_its_achieved_head_without_qingkuang():
    # f10-hn-miluo-bus-low-fare-subsidy-selfeval-cellperline: 预  期 目 标 / 实际完成 / 低票价运营补贴 / 60%
    table = extract_path(next(GOLD.glob("f10-*")) / "source.txt")
    assert table.projects()[0].goal == "低票价运营补贴"  # not 实际完成低票价运营补贴60%
    assert _codes(table, "绩效目标") == ["FORM_GOAL_ONE_TEXT"]  # the 60% beside it is a rate, not a text


# ---- money split by level: the own level's row holding the whole total -------------------------

#: h02-sc-zitong-npc-deputies-home-selfeval-cellpipe: the money rows of its form, verbatim
H02_MONEY = """年度资金总额: |
40 |
40 |
100% |
||||
其中:中央、省补助 |
|
|
|
||||
市级财政资金 |
|
|
|
||||
县级财政资金 |
40 |
40 |
100% |
||||"""


@pytest.mark.parametrize(
    "doc_id",
    [
        "b13-hn-hengshan-grain-selfeval",  # 其中:中央、省、市补助县级资金194.9194.9100% under 年度资金总额194.9…
        "f10-hn-miluo-bus-low-fare-subsidy-selfeval-cellperline",  # 其中:中央财政 | … | 县(市)财政 | 89, total 89
        "h02-sc-zitong-npc-deputies-home-selfeval-cellpipe",  # 县级财政资金 | 40 under 年度资金总额: | 40
    ],
)
def test_a_split_by_level_gives_no_fiscal_amount_and_says_so(doc_id):
    # LABELING F2: a level's row (县级财政资金 too, whose words a 财政拨款 key would take) says where
    # the money came from; it is no 财政拨款 line, whatever level's it is
    table = extract_path(next(GOLD.glob(f"{doc_id}*")) / "source.txt")
    amounts = table.projects()[0].amounts
    assert amounts.total is not None and amounts.fiscal is None
    assert _codes(table, "amounts.fiscal") == ["FORM_MONEY_BY_LEVEL"]


def test_a_level_named_fiscal_row_outside_a_split_is_still_the_fiscal_amount():
    # the same h02 rows with the 中央、省补助 and 市级 rows gone: 县级财政资金 is the form's only money line
    kept = H02_MONEY.replace("其中:中央、省补助 |\n|\n|\n|\n||||\n", "", 1).replace(
        "市级财政资金 |\n|\n|\n|\n||||\n", "", 1
    )
    assert kept != H02_MONEY
    table = _read(_source("h02-").replace(H02_MONEY, kept))
    assert table.projects()[0].amounts.fiscal == Decimal("40")
    assert "FORM_MONEY_BY_LEVEL" not in _codes(table, "amounts.fiscal")


@pytest.mark.parametrize(
    "key, level",
    [
        ("县级财政资金", True),
        ("其中:当年市级财政资金", True),
        ("本级财政资金", False),
        ("财政拨款", False),
        ("", False),
    ],
)
def test_which_money_keys_name_a_level(key, level):
    assert level_row(key) is level


# ---- k04: a form cut above its money rows, the page's run-together copy of its start --------------


def test_amounts_of_a_form_cut_above_its_money_rows_come_from_the_pages_copy_said_so():
    # k04-ah-xuancheng-animal-epidemic-transfer-selfeval-mirror-traditional: the 內容概述 cell holds
    # …資金使用單位市農業農村局-市畜牧獸醫服務中心資金投入情況(萬元)…年度資金總額:390390100%…, and the
    # form below it stops at 資金使用單位 | 市農
    table = extract_path(next(GOLD.glob("k04-*")) / "source.txt")
    assert table.projects()[0].amounts.total == Decimal("390")
    assert table.projects()[0].amounts.fiscal is None  # 其中:中央財政資金 390 is a transfer, no 财政拨款
    assert "FORM_MONEY_FROM_COPY" in _codes(table, "amounts.total")


def test_a_copy_naming_another_project_gives_no_amounts():
    text = _source("k04-").replace(
        "名稱2024年農(nóng)業(yè)防災(zāi)減災(zāi)(動物防疫補(bǔ)助)", "名稱2024年其他項目", 1
    )
    table = _read(text)
    assert table.projects()[0].amounts.total is None
    assert "FORM_MONEY_FROM_COPY" not in _codes(table, "amounts.total")


# ---- d04: the 合计 of a cost table run together, its first cell the sum of the rows ---------------

#: d04-hb-ezhou-office-building-runtogether: the cost table and its 合计, verbatim
D04_COSTS = (
    "项目预算成本构成金额测算(公式)依据2020年实际执行数2021年实际执行数保安服务费191依据招标文件191191"
    "保洁服务费99依据招标文件9999水电气、维修维护费524根据三定方案,各项费用据实结算372.88504.55"
)


def test_a_cost_tables_run_together_total_starts_with_the_rows_sum():
    assert total_of_items(D04_COSTS, "814662.98794.55") == ("814", ["191", "99", "524"])


@pytest.mark.parametrize(
    "before, run",
    [
        (D04_COSTS, "815662.98794.55"),  # the run does not start with the rows' sum
        (D04_COSTS, "814"),  # a plain amount: nothing run together to cut
        (D04_COSTS.replace("项目预算成本构成", "项目预算"), "814662.98794.55"),  # no cost table
    ],
)
def test_a_total_the_cost_rows_do_not_pin_is_not_read(before, run):
    assert total_of_items(before, run) is None


def test_the_whole_d04_form_reads_its_total_from_the_cost_rows_said_so():
    table = extract_path(next(GOLD.glob("d04-*")) / "source.txt")
    assert table.projects()[0].amounts.total == Decimal("814")
    assert _codes(table, "amounts.total") == ["FORM_TOTAL_OF_ITEMS"]


# ---- k01: 中期目标 | 年度目标 over one piece; the year's goal cut by the page's end ---------------

#: k01-sx-yangquan-rural-roads-work-fund-form-pipe: its last two lines, verbatim
K01_GOALS = (
    "中期目标 | 年度目标 | ||||||\n"
    "总体目标 | “四好农村路”、“三大板块旅游路”项目开工前期项目勘察设计审批;进度督导检查、工程质量监督检查、"
    "工程安全运营检查;专项资金财务跟踪检查、财务审计、工程竣工验收。 工程前期施工图设计批复 81个,建设里程巡查、质量"
)
K01_PERIOD = (
    "“四好农村路”、“三大板块旅游路”项目开工前期项目勘察设计审批;进度督导检查、工程质量监督检查、"
    "工程安全运营检查;专项资金财务跟踪检查、财务审计、工程竣工验收。"
)


def test_two_goal_columns_in_one_piece_are_cut_after_the_sentence_and_a_cut_year_goal_gives_way():
    text = _source("k01-")
    assert text.rstrip().endswith(K01_GOALS)
    table = _read(text)
    assert table.projects()[0].goal == K01_PERIOD  # the year's text is cut by the page: the period's, complete
    assert _codes(table, "绩效目标")[:2] == ["FORM_GOAL_YEAR_CUT", "FORM_GOALS_SPLIT"]
    assert table.meta.extra["form"]["年度目标"] == "工程前期施工图设计批复 81个,建设里程巡查、质量"


def test_a_complete_year_goal_after_the_period_goal_is_the_goal():
    text = _source("k01-").rstrip() + "情况督查。 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    table = _read(text)
    assert table.projects()[0].goal == "工程前期施工图设计批复 81个,建设里程巡查、质量情况督查。"
    assert "FORM_GOAL_YEAR_CUT" not in _codes(table, "绩效目标")
    assert "FORM_GOALS_SPLIT" in _codes(table, "绩效目标")


def test_a_goal_piece_with_two_gaps_is_not_cut():
    text = _source("k01-").replace("竣工验收。 工程前期", "竣工验收。 其他。 工程前期")
    table = _read(text)
    assert "FORM_GOALS_SPLIT" not in _codes(table, "绩效目标")


# ---- p02: a composed key with its colon in a header run together ------------------------------

#: p02-sh-pudong-tangqiao-estate-renewal-eval-report-pdf-space: its cover's fields, verbatim
P02_COVER = "项目名称: 小区综合整新 项目单位:塘桥街道 党政办、管理办、平安办、服务办 主管部门:塘桥街道办事处"


def test_a_composed_key_with_its_colon_after_a_space_ends_the_name_run_together():
    table = extract_path(next(GOLD.glob("p02-*")) / "source.txt")
    assert table.projects()[0].name == "小区综合整新"  # not …小区综合整新 项目单位:塘桥街道…
    assert table.units[0].name == "塘桥街道 党政办、管理办、平安办、服务办"


def test_a_composed_key_inside_a_word_is_not_cut():
    from assistant.extract.parsers.form.labels import _GRAMMAR_COLON

    assert [m.group() for m in _GRAMMAR_COLON.finditer(P02_COVER)] == ["项目名称:", "项目单位:"]
    assert not list(_GRAMMAR_COLON.finditer("小区综合整新建设项目单位:塘桥街道"))


def test_a_reports_section_on_the_goals_achieved_is_no_goal_key():
    # p02's table of contents: …(三)组织管理和执行情况 .- 4 - (四)绩效目标完成情况 .- 5 - 二、…: the
    # section on what was achieved, not a 绩效目标 key with the contents after it as the goal
    from assistant.extract.parsers.form.labels import _key_field

    assert _key_field("绩效目标完成情况") is None
    assert _key_field("绩效目标") == "总体目标"
    table = extract_path(next(GOLD.glob("p02-*")) / "source.txt")
    assert table.projects()[0].goal is None
