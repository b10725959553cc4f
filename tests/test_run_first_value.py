"""A run-together row no reading fits whole is read by value shapes (form/runs.py _first_value):
the name is the text before its first value with a sign, a unit or a percent, that value is the
指标值, and the rest (an achieved value, a score, a closed column's word, a next row) is flagged.
Checked on dev sources of other families with their real cells run together
(tests/src_rewrites.py ``joingrid``), scored against the unchanged gold."""

from __future__ import annotations

import pytest
from src_rewrites import pool, rewrite

from assistant.extract import extract
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")


def _indicators(table):
    return [i for p in table.projects() for i in p.indicators]


@pytest.mark.parametrize(
    ("name", "want"),
    [
        # a 绩效标准 word after each value (10辆计划标准), a Latin unit (≥80M), a bare 万 (250万)
        ("c05-xiangtan-environment-cellperline", {"雾炮车降尘抑尘服务配备车辆数": "10辆", "雾炮车风炮射程": "≥80M"}),
        # a next row whose name starts with a digit (…接种率≧90%7岁以下…): the first row read, the rest flagged
        ("a05-ah-mengcheng-health-phs-pipe", {"适龄儿童国家免疫规划疫苗接种率": "≧90%"}),
    ],
)
def test_first_value_closes_the_name(name, want):
    gold, text = POOL[name]
    table = _read(rewrite(text, gold, "joingrid"))
    got = {i.name: i.annual_value for i in _indicators(table)}
    for key, value in want.items():
        assert got.get(key) == value
    assert "FORM_RUN_FIRST_VALUE" in {f.code for f in table.failures}


def test_cost_in_bare_wan_and_rest_flagged():
    gold, text = POOL["c05-xiangtan-environment-cellperline"]
    table = _read(rewrite(text, gold, "joingrid"))
    [cost] = [i for i in _indicators(table) if i.name == "控制在预算成本内"]
    assert cost.annual_value == "250万"
    rests = [f.params["rest"] for f in table.failures if f.code == "FORM_RUN_FIRST_VALUE"]
    assert "计划标准" in rests


def test_bare_number_alone_is_not_a_value():
    """分值 10 after a name is no 指标值: a bare number says nothing of its column."""
    text = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标数量指标培训人数10计划标准说明文字\n"
    table = _read(text)
    assert not any(f.code == "FORM_RUN_FIRST_VALUE" for f in table.failures)


def test_rows_under_a_unit_column_cut_at_value_ends():
    """猪肉产量稳定率%≥95%能繁母猪稳定率%90% under 单位 | 指标值 (a dev source with its rows on one
    line): cut after each value a name follows, each piece cut by the columns."""
    gold, text = POOL["d21-cq-zhongxian-pig-county-reward-cellpipe"]
    table = _read(rewrite(text, gold, "joingrid"))
    want = [(i["name"], i["annual_value"]) for u in gold["units"] for p in u["projects"] for i in p["indicators"]]
    assert [(i.name, i.annual_value) for i in _indicators(table)] == want


def test_a_name_with_a_number_is_not_cut_under_a_unit_column():
    """0-6岁儿童… : a piece starting with a unit (岁…) is no row; the text is not cut there."""
    text = "项目名称测试项目\n一级指标二级指标三级指标单位指标值\n产出指标数量指标0-6岁儿童健康管理率%≥90%\n"
    table = _read(text)
    assert not any(i.name.startswith("岁") for i in _indicators(table))


def test_measure_words_read_as_units_and_flagged():
    """…指示灯30只气体灭火控制器及报警主机4台施工材料1批 (a dev source's rows on one line): 只 and 批
    are not in the unit list (some names start with them), yet only they let the run read whole."""
    gold, text = POOL["f03-ha-puyang-archives-fire-equipment-approval-pipe"]
    table = _read(rewrite(text, gold, "joingrid"))
    got = {i.name: i.annual_value for i in _indicators(table)}
    assert got.get("声光报警、紧急按钮、指示灯") == "30只" and got.get("施工材料") == "1批"
    assert "FORM_CUT_ODD_UNIT" in {f.code for f in table.failures}


def test_a_measure_word_starting_a_name_goes_to_the_bare_number_before():
    """≥20 | 座受益人口数 read silently before; the measure word is the count's unit, flagged."""
    text = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标数量指标新建供水设施数量≥20座受益人口数≥500人\n"
    table = _read(text)
    assert [(i.name, i.annual_value) for i in _indicators(table)] == [
        ("新建供水设施数量", "≥20座"),
        ("受益人口数", "≥500人"),
    ]
    assert "FORM_CUT_ODD_UNIT" in {f.code for f in table.failures}


def test_common_name_starts_are_no_measure_words():
    """处理及时率 after a bare number keeps its 处: 处, 条, 名, 支 start names too often."""
    text = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标数量指标培训人数50处理及时率100%\n"
    got = [(i.name, i.annual_value) for i in _indicators(_read(text))]
    assert got == [("培训人数", "50"), ("处理及时率", "100%")]


def test_a_date_tail_is_no_name():
    """资金拨付到位情况12月底前100%到位 (a dev source's row, cells joined): 底前 is the deadline's tail,
    not a row of its own; the indicators after it keep their numbers."""
    gold, text = POOL["a16-sc-zhaohua-leprosy-form-space"]
    table = _read(rewrite(text, gold, "joinrows"))
    got = {i.name: (i.seq, i.annual_value) for i in _indicators(table)}
    want = {
        i["name"]: (i["seq"], i["annual_value"]) for u in gold["units"] for p in u["projects"] for i in p["indicators"]
    }
    assert got["资金拨付到位情况"] == want["资金拨付到位情况"]
    assert "底前" not in got


def test_a_measure_word_before_digits_is_left_as_read():
    """≥20 | 座 | 5个: the measure word cannot be the unit (no name follows it); the reading stays."""
    text = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标数量指标培训人数≥20座5个\n"
    table = _read(text)
    assert table is not None and not any(f.code == "FORM_CUT_ODD_UNIT" for f in table.failures)


def test_a_date_ending_in_qian_before_a_name_is_flagged():
    """2023年12月前期工作完成率100%: 前 may end the date or start the name (前期…); it was read
    silently as 2023年12月前 | 期工作完成率."""
    text = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标时效指标完成时间2023年12月前期工作完成率100%\n"
    table = _read(text)
    assert "FORM_DATE_TAIL_UNSURE" in {f.code for f in table.failures}
