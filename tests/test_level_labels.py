"""一级 / 二级 labels as the text writes them (gold/real/NOTES-corpus-a, -c, -j): one cell joining
both levels (产出数量指标) is the 二级 label, whole, with no 一级 name; a 一级 cell keeping only its
score (（50分）) is no indicator and gives no 一级 name; item numbers that restart in each group
(1、 2、 … 1、) are not part of the names, and seq stays the position in the project.
"""

from __future__ import annotations

from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.labels import _level2_label
from assistant.ingest import read_bytes

HEAD = """项目支出绩效目标申报表
项目名称 | 河道保洁经费 |
主管部门 | 某县水利局 | 实施单位 | 某县河道管理所 |
年度资金总额 | 30 |
其中:财政拨款 | 30 |
年度目标 | 完成全县河道保洁 |
"""


def _indicators(text: str) -> list[dict]:
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    return [i for u in to_interchange(table, with_meta=False)["units"] for p in u["projects"] for i in p["indicators"]]


def _levels(text: str) -> list[tuple]:
    return [
        (i["seq"], i["level1_code"], i["level1_name"], i["level2_code"], i["level2_name"], i["name"], i["annual_value"])
        for i in _indicators(text)
    ]


def test_joined_labels_are_level2_labels():
    for word in ("产出数量指标", "产出时效指标", "效益社会效益指标", "效益可持续影响指标"):
        assert _level2_label(word), word


JOINED = (
    HEAD
    + """二级指标 | 三级指标 | 指标值 |
产出数量指标 | 保洁河道长度 | 120公里 |
产出时效指标 | 保洁完成时间 | 2024年12月 |
效益社会效益指标 | 河道环境改善 | 明显 |
服务对象满意度指标 | 沿河群众满意度 | ≥90% |
"""
)


def test_a_cell_joining_both_levels_is_the_level2_name_and_no_level1_name():
    assert _levels(JOINED) == [
        (1, "1", None, "11", "产出数量指标", "保洁河道长度", "120公里"),
        (2, "1", None, "13", "产出时效指标", "保洁完成时间", "2024年12月"),
        (3, "2", None, "22", "效益社会效益指标", "河道环境改善", "明显"),
        (4, "3", None, "31", "服务对象满意度指标", "沿河群众满意度", "≥90%"),
    ]


SCORES = (
    HEAD
    + """一级指标
二级指标
三级指标
指标值
（50分）
数量指标
保洁河道长度
120公里
时效指标
保洁完成时间
2024年12月
（30分）
社会效益指标
河道环境改善
明显
满意度指标
（10分）
服务对象满意度指标
沿河群众满意度
≥90%
"""
)


def test_a_level1_cell_holding_only_its_score_is_no_indicator_and_no_level1_name():
    assert _levels(SCORES) == [
        (1, "1", None, "11", "数量指标", "保洁河道长度", "120公里"),
        (2, "1", None, "13", "时效指标", "保洁完成时间", "2024年12月"),
        (3, "2", None, "22", "社会效益指标", "河道环境改善", "明显"),
        (4, "3", "满意度指标", "31", "服务对象满意度指标", "沿河群众满意度", "≥90%"),  # its score wrapped below it
    ]


NUMBERED = (
    HEAD
    + """一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 1、保洁河道长度 | 120公里 |
| | 2、清运垃圾量 | 300吨 |
| 时效指标 | 1、保洁完成时间 | 2024年12月 |
效益指标 | 社会效益指标 | 1、1.5米以上河道全覆盖 | 100% |
"""
)


def test_item_numbers_restarting_per_group_are_not_names_and_seq_is_the_position():
    got = [(i["seq"], i["name"]) for i in _indicators(NUMBERED)]
    assert got == [(1, "保洁河道长度"), (2, "清运垃圾量"), (3, "保洁完成时间"), (4, "1.5米以上河道全覆盖")]


LOST = (
    HEAD
    + """一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 保洁河道长度 | 120公里 |
| 时效指标 | 保洁完成时间 | 2024年12月 |
| 社会效益指标 | 河道环境改善 | 明显 |
| 服务对象满意度指标 | 沿河群众满意度 | ≥90% |
"""
)


def test_a_level1_label_is_not_carried_into_groups_of_another_level1():
    table = extract(read_bytes(LOST.encode("utf-8"), "form.txt"), "rules")
    assert _levels(LOST) == [
        (1, "1", "产出指标", "11", "数量指标", "保洁河道长度", "120公里"),
        (2, "1", "产出指标", "13", "时效指标", "保洁完成时间", "2024年12月"),
        (3, "2", None, "22", "社会效益指标", "河道环境改善", "明显"),
        (4, "3", None, "31", "服务对象满意度指标", "沿河群众满意度", "≥90%"),
    ]
    assert sum(f.code == "FORM_LEVEL1_NOT_WRITTEN" for f in table.failures) == 2


def test_a_row_of_another_group_inside_a_level1_groups_rows_keeps_its_level1():
    text = LOST.replace("| 社会效益指标 | 河道环境改善 | 明显 |\n", "").replace(
        "| 时效指标 |", "| 经济效益指标 | 带动就业 | 20人 |\n| 时效指标 |"
    )
    got = _levels(text)
    assert got[1][:5] == (2, "1", "产出指标", "21", "经济效益指标")
    assert got[2][:3] == (3, "1", "产出指标")


def test_a_label_spaced_by_a_pdf_keeps_together_with_its_score_mark():
    text = HEAD + (
        "一级指标 二级指标 三级指标 指标值\n"
        "产出指标(50分) 数量指标(20分) 保洁河道长度 120公里\n"
        "效益指标(30分) 经济效益 指标(10分) 带动就业 20人\n"
        "社会效益 指标(10分) 河道环境改善 明显\n"
    )
    assert _levels(text) == [
        (1, "1", "产出指标", "11", "数量指标", "保洁河道长度", "120公里"),
        (2, "2", "效益指标", "21", "经济效益指标", "带动就业", "20人"),
        (3, "2", "效益指标", "22", "社会效益指标", "河道环境改善", "明显"),
    ]


def test_in_text_run_together_a_line_starting_with_an_item_number_is_a_row_of_its_own():
    text = HEAD + (
        "一级指标二级指标三级指标指标值\n"
        "产出指标数量指标1、保洁河道长度(公里)120\n"
        "2、清运垃圾量(吨)300\n"
        "时效指标1、保洁完成时间2024年12月\n"
    )
    got = [(i["seq"], i["name"], i["annual_value"]) for i in _indicators(text)]
    assert got == [(1, "保洁河道长度(公里)", "120"), (2, "清运垃圾量(吨)", "300"), (3, "保洁完成时间", "2024年12月")]
