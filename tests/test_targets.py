"""The target parser: comparison, number and unit read from the phrases tables use."""

from __future__ import annotations

import pytest

from assistant.targets import Target, chinese_number, find_vague_phrase, parse_target, vague_phrases


@pytest.mark.parametrize(
    ("text", "comparison", "value", "unit"),
    [
        ("95%以上", "≥", 95, "%"),
        ("不少于20篇", "≥", 20, "篇"),
        ("1场/月*12=12场", "=", 12, "场"),
        ("报送4条/月*12=48条", "=", 48, "条"),
        ("85分以上", "≥", 85, "分"),
        ("≤30天", "≤", 30, "天"),
        ("达98%以上", "≥", 98, "%"),
        ("100%", "=", 100, "%"),
        ("满意度达90%以上", "≥", 90, "%"),
        ("查询统计响应速度在10秒内", "≤", 10, "秒"),
        ("控制在50万元以内", "≤", 50, "万元"),
        ("不超过3个工作日", "≤", 3, "个工作日"),
        ("服务100人次", "=", 100, "人次"),
        ("全年不少于十二次", "≥", 12, "次"),
        ("以街镇为单位, 专职网格员每月至少到网格巡查走访20次", "≥", 20, "次"),
        ("平均分不得少于25分(总分30分)", "≥", 25, "分"),
        ("成本减少比例20%以上", "≥", 20, "%"),
        ("９５％以上", "≥", 95, "%"),  # full-width digits and percent sign
        ("开设课程数量220门", "=", 220, "门"),  # courses are counted in 门
    ],
)
def test_quantitative_phrases(text, comparison, value, unit):
    target = parse_target(text)
    assert target.kind == "quantitative"
    assert (target.comparison, target.value, target.unit) == (comparison, value, unit)
    assert target.measurable


def test_range_keeps_both_bounds():
    target = parse_target("每月策划线上、线下活动1-2场")
    assert (target.comparison, target.value, target.upper, target.unit) == ("区间", 1, 2, "场")
    assert target.per == "月" and target.per_year == 24
    assert parse_target("每天推送2至3条").render() == "2-3条/天"


def test_per_period_counts_give_a_yearly_figure():
    target = parse_target("每月组织开展一场平安政策宣讲会")
    assert (target.value, target.unit, target.per, target.per_year) == (1, "场", "月", 12)
    assert parse_target("每季度开展1次").per_year == 4
    assert parse_target("全年提供系统的紧急应对建议5次").per is None


def test_deadline_is_measurable():
    target = parse_target("12月底前完成")
    assert (target.kind, target.comparison, target.value) == ("quantitative", "≤", 12)


@pytest.mark.parametrize("text", ["优", "良", "达到", "基本达到", "未达到", "等级为优", "合格"])
def test_graded_levels_are_qualitative(text):
    assert parse_target(text).kind == "qualitative"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("逐步提高", "逐步提高"),
        ("全面提升", "全面提升"),
        ("不断增强", "不断增强"),
        ("及时、鲜活", "及时"),
        ("全覆盖", "全覆盖"),
        ("良好、准时完成送治", "良好"),
        ("匹配", "匹配"),
        ("平稳下降", "平稳下降"),
    ],
)
def test_vague_phrases_without_a_number(text, phrase):
    target = parse_target(text)
    assert (target.kind, target.phrase) == ("vague", phrase)
    assert not target.measurable


def test_a_number_makes_a_vague_word_measurable():
    # 提高 / 及时 appear, but the value states its level
    assert parse_target("提高网格员事项采集的精准性和采办质量,网格事件办结率达98%以上").kind == "quantitative"
    assert parse_target("及时有效处置各类社会治理相关诉求。流转处置完成率100%").kind == "quantitative"


@pytest.mark.parametrize(
    "text",
    [
        "网格事件办结率=办结数/上报数",  # a formula, no target
        "街镇月度考评中“事件质量方面”全年总分/12个月",  # 12 is a denominator
        "实现解决矛盾纠纷“最多跑一次”改革",  # an idiom in quotes, not a count
        "攻克一批重点案件，净化社会环境",  # 一批 is "some"
        "提交全区综合网格矢量成果数据, shp格式, 2000国家大地坐标系至市来穗局",  # 2000 with no unit
        "建立专门的服务热线",
    ],
)
def test_unmeasurable_values(text):
    assert parse_target(text).kind == "unmeasurable"


def test_empty_values():
    assert parse_target(None).kind == "empty"
    assert parse_target("  ").kind == "empty"


def test_render_round_trips_through_the_parser():
    for text in ["≥95%", "=12场", "≤30天", "1-2场"]:
        again = parse_target(parse_target(text).render())
        assert again.render() == text


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十", "一百零五", "两千", "三万")] == [
        1,
        10,
        12,
        20,
        105,
        2000,
        30000,
    ]
    assert chinese_number("场") is None


def test_vague_phrase_file_has_a_reason_and_fix_for_every_entry():
    entries = vague_phrases()
    # every vague value domain.md lists is in the file
    for phrase in [
        "逐步提高",
        "稳步提高",
        "进一步提高",
        "全面提升",
        "不断增强",
        "持续提升",
        "平稳下降",
        "及时",
        "良好",
        "优良",
        "有效",
        "显著",
        "效果明显",
        "达成预期指标",
        "严格执行相关制度规定",
        "符合相关规定",
        "全覆盖",
        "匹配",
    ]:
        assert any(e.phrase == phrase for e in entries), phrase
    assert all(e.reason and e.suggestion for e in entries)
    # the longest phrase wins: 进一步提高, not a shorter one inside it
    assert find_vague_phrase("质量进一步提高").phrase == "进一步提高"


def test_target_is_a_strict_pydantic_model():
    with pytest.raises(Exception):
        Target(kind="quantitative", comparison="about")
    assert Target.model_json_schema()["properties"]["comparison"]


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_the_parser_never_raises(text):
    target = parse_target(text)
    assert target.kind in ("quantitative", "qualitative", "vague", "unmeasurable", "empty")
    if target.kind == "quantitative":
        assert target.value is not None and target.unit


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=0, max_value=100000),
    st.sampled_from(["%", "篇", "场", "次", "人次", "天", "万元"]),
    st.sampled_from(
        [
            ("{n}{u}以上", "≥"),
            ("不少于{n}{u}", "≥"),
            ("≤{n}{u}", "≤"),
            ("{n}{u}", "="),
            ("不超过{n}{u}", "≤"),
            ("达到{n}{u}", "≥"),
        ]
    ),
)
def test_any_number_and_unit_in_the_usual_phrases(n, unit, pattern):
    template, comparison = pattern
    target = parse_target(template.format(n=n, u=unit))
    assert (target.comparison, target.value, target.unit) == (comparison, n, unit)
