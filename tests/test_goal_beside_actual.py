"""A 自评表's 预期目标 and 实际完成情况 run together into one text: where the goal ends.

The two cells sit side by side under 年初设定目标 | 全年实际完成情况 (or 预期目标 | 实际完成情况);
a copy that loses the cell edges writes them as one text. The rules cut it only at a landmark
the templates give: the achieved column's head written after the goal, the achieved text's own
opening words (按照年初设定目标，… ; 。已完成), or one gap of white space between the two cells
of a copy spaced by cells. Without a landmark the text stays whole and flagged.

Excerpts are quoted from dev documents (gold/real/<id>/source.txt); the whole-document tests
read dev documents only.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.extract import extract
from assistant.extract.parsers.form.money import _part_of_run
from assistant.gold import load_gold
from assistant.ingest import read_bytes
from assistant.pipeline import extract_path

REAL = Path(__file__).resolve().parents[1] / "gold" / "real"

#: j02-sd-licheng-culture-centre-free-opening-selfeval-space: the header block, verbatim
J02 = """项目名称 商品和服务支出 主管部门 济南市历城区文化和旅游局
项目实施单位 济南市历城区文化馆 项目负责人 田延青 联系电话 88894492
年度总体目标 年初设定目标 年度总体目标完成情况综述
{goal_line}
项目预算
执行情况
(10分)
  年初预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分 得分计算方法
年度资金总额 45 45 10 100% 10 执行率*该指标分值,最高不得超过分值上限。
其中:财政拨款 45 45 - - -
      其他资金     - - -
一级
指标
二级
指标
三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因 得分计算方法
(50分)
数量指标 全年免费开放 100% 100% 12.5 12.5
质量指标 免费开放管理制度健全、执行有效性 100% 100% 12.5 12.5
时效指标 免费开放率 100% 100% 12.5 12.5
"""


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")


def _goal_flags(table) -> list[str]:
    return [f.code for f in table.failures if f.field == "绩效目标"]


def test_one_space_between_two_cells_ends_the_goal_and_is_said():
    line = "历城区文化馆免费开放 用于历城区文化馆全年免费开放,主要支付招聘合同人员工资,确保我馆全年正常免费开放和群众文化工作开展。"
    table = _read(J02.format(goal_line=line))
    assert table.projects()[0].goal == "历城区文化馆免费开放"
    assert _goal_flags(table) == ["FORM_GOAL_SPLIT_AT"]  # cut by a space: the clerk is asked to check


def test_the_achieved_heads_words_inside_one_text_end_the_goal_and_are_said():
    # f01's OCR line under the j02 header: the second column's head printed after the goal
    table = _read(J02.format(goal_line="保障学校正常工作运行年度总体目标完成情况公,4"))
    assert table.projects()[0].goal == "保障学校正常工作运行"
    assert _goal_flags(table) == ["FORM_GOAL_SPLIT_AT"]


def test_a_space_after_a_comma_is_inside_the_goal_not_between_cells():
    # a09's goal holds "设备, 并添置": a space after punctuation is the text's own, not a cell edge
    line = "更新剧团老化、损坏的音响、灯光、道具、服装等设备, 并添置一些新剧目所必需的演出设备"
    table = _read(J02.format(goal_line=line))
    assert table.projects()[0].goal == line
    assert _goal_flags(table) == ["FORM_GOAL_ONE_TEXT"]


def test_done_work_named_inside_a_target_does_not_cut_it():
    line = "巩固已完成的改造成果,提升全馆免费开放服务水平"  # 已完成 not after a sentence's end
    table = _read(J02.format(goal_line=line))
    assert table.projects()[0].goal == line
    assert _goal_flags(table) == ["FORM_GOAL_ONE_TEXT"]


def _real(doc_id: str):
    [record] = load_gold(REAL / doc_id)
    assert record.column("split") == "dev", "tests use dev documents only"
    return record, extract_path(record.source_path)


@pytest.mark.parametrize(
    ("doc_id", "flag"),
    [
        # …必需的演出设备。已完成绩 效 指 标…: the achieved text (已完成) opens after the goal's full stop
        ("a09-hb-xinzhou-opera-selfeval-template", "FORM_GOAL_SPLIT_AT"),
        # 年初设定目标保障学校正常工作运行年度总体目标完成情况公,4: the achieved column's head after
        # the goal (an OCR copy): a sure end, nothing to check
        ("f01-nx-yinchuan-school6-public-funds-selfeval-ocr", None),
        # …各项事业的发展按照年初设定目标,将辖区20条…: the achieved text opens with 按照年初设定目标
        ("h14-bj-haidian-xueyuanlu-street-cleaning-selfeval-runtogether", "FORM_GOAL_HAS_LABELS"),
    ],
)
def test_run_together_goal_ends_at_the_achieved_texts_landmark(doc_id, flag):
    record, table = _real(doc_id)
    assert table.projects()[0].goal == record.table.projects()[0].goal
    assert (flag in _goal_flags(table)) if flag else not _goal_flags(table)


def test_goal_and_achieved_text_without_a_landmark_stay_one_flagged_text():
    # b13: 年初设定目标全年实际完成情况保持和稳定地方粮食储备机制地方储备粮食规模达标 — no word tells
    # where the goal ends: read whole and flagged, not guessed
    _, table = _real("b13-hn-hengshan-grain-selfeval")
    assert table.projects()[0].goal == "保持和稳定地方粮食储备机制地方储备粮食规模达标"
    assert _goal_flags(table) == ["FORM_GOAL_ONE_TEXT"]


# ---- money split by level of government -----------------------------------------------------


@pytest.mark.parametrize(
    "doc_id",
    [
        # 其中:中央、省补助 | 市级财政资金 | 县级财政资金 | 40: gold reads no 财政拨款
        "h02-sc-zitong-npc-deputies-home-selfeval-cellpipe",
        # 其中:中央、省、市补助县级资金194.9194.9100%: gold reads no 财政拨款 (F2, round 10)
        "b13-hn-hengshan-grain-selfeval",
    ],
)
def test_money_split_by_level_flags_the_fiscal_amount(doc_id):
    # a level's row is no 财政拨款 line (LABELING F2): the 财政拨款 stays empty, said so
    _, table = _real(doc_id)
    assert table.projects()[0].amounts.fiscal is None
    assert [f.code for f in table.failures if f.field == "amounts.fiscal"] == ["FORM_MONEY_BY_LEVEL"]


def test_a_transfer_alone_is_not_a_split_by_level():
    # b06-sc-langzhong-road-selfeval: 其中:中央补助 4000 with 地方资金 blank, read as no 财政拨款
    _, table = _real("b06-sc-langzhong-road-selfeval")
    assert "FORM_MONEY_BY_LEVEL" not in [f.code for f in table.failures]


# ---- where a goal ends in other layouts -------------------------------------------------------


def test_the_grid_head_row_written_after_the_goal_ends_it():
    # g18: …推广、应用监测、预报新技术;开展测报员岗位技术培训。指标 指标内容 指标值产出指标 年度、半年…
    record, table = _real("g18-cn-forestry-pest-forecast-sample-form-runtogether")
    goal = table.projects()[0].goal
    assert goal == record.table.projects()[0].goal
    assert goal.endswith("开展测报员岗位技术培训。")


def test_a_bracketed_heading_followed_by_a_year_ends_the_goal_before_it():
    # m07's table of contents: (一)总体绩效目标 / (二)2024年度(或阶段性)绩效目标 / 三、评价基本情况 /
    # (一)绩效评价目的、对象和范围: headings only, no goal (gold: null); (二)2024 is heading (二)
    # even with a digit after its bracket
    record, table = _real("m07-gs-gangu-smart-city-management-eval-report-prose")
    assert record.table.projects()[0].goal is None
    assert table.projects()[0].goal is None


# ---- a 其中 row's two amounts run together ----------------------------------------------------


def test_a_part_row_whose_budget_and_spent_ran_together_is_cut_where_it_fits_the_total():
    # h14: 年度资金总额:310.2154.741050%5… | 其中: | 本年一般公共预算拨款 310.2154.74 (全年预算数 310.2,
    # 全年执行数 154.74): the key and its run apart at the space, the run cut where its first
    # amount is no more than the total 310.2 (310.21 | 54.74 would be more than the whole)
    record, table = _real("h14-bj-haidian-xueyuanlu-street-cleaning-selfeval-runtogether")
    assert table.projects()[0].amounts == record.table.projects()[0].amounts
    assert table.projects()[0].amounts.fiscal == Decimal("310.2")


@pytest.mark.parametrize(
    ("run", "total", "part"),
    [
        ("310.2154.74", "310.2", "310.2"),
        ("40004000", "4000", "4000"),  # 4000 | 4000: no other cut leaves two amounts
        ("1520.5", "2000", None),  # 1 | 520.5, 15 | 20.5, 152 | 0.5 all fit: not guessed
        ("310.2154.74", None, None),  # no total to measure against
    ],
)
def test_part_of_run(run, total, part):
    assert _part_of_run(run, {"total": total} if total else {}) == part
