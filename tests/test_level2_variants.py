"""二级 labels in the variations templates write around a category's stem (parsers/form/labels.py):
进度指标 for 时效, 可持续影响 spelled out (可持续性发展影响指标), and a satisfaction label that names
whom it asks (服务对象或受益者满意度指标). Each is read as the row's 二级 label with its code, so
the 三级 name and the value stay in their places; a 三级 name such as 群众满意度 (no 指标) stays a
name, and a value run together with the label after it (持续改善满意度指标) is no label.
"""

from __future__ import annotations

from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.labels import _is_label, _level2_label
from assistant.ingest import read_bytes
from assistant.taxonomy import code_for_level2_name

FORM = """项目支出绩效目标申报表
项目名称 | 河道保洁经费 |
主管部门 | 某县水利局 | 实施单位 | 某县河道管理所 |
年度资金总额 | 30 |
其中:财政拨款 | 30 |
年度目标 | 完成全县河道保洁 |
一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 保洁河道长度 | 120公里 |
| 进度指标 | 保洁完成时间 | 2024年12月 |
效益指标 | 可持续性发展影响指标 | 河道长效管护 | 长期 |
满意度指标 | 服务对象或受益者满意度指标 | 沿河群众满意度 | ≥90% |
"""


def _indicators(text: str) -> list[dict]:
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    return [i for u in to_interchange(table, with_meta=False)["units"] for p in u["projects"] for i in p["indicators"]]


def test_variant_labels_are_read_as_level2_with_their_codes():
    got = [
        (i["level2_name"], i["level2_code"], i["level1_code"], i["name"], i["annual_value"]) for i in _indicators(FORM)
    ]
    assert got == [
        ("数量指标", "11", "1", "保洁河道长度", "120公里"),
        ("进度指标", "13", "1", "保洁完成时间", "2024年12月"),
        ("可持续性发展影响指标", "24", "2", "河道长效管护", "长期"),
        ("服务对象或受益者满意度指标", "31", "3", "沿河群众满意度", "≥90%"),
    ]


def test_variant_words():
    for word in (
        "进度指标",
        "可持续性影响指标",
        "可持续发展影响指标",
        "受益群众满意度指标",
        "社会公众或服务对象满意度指标",
        "社会满意度指标",
        "可持续发展指标",
    ):
        assert _level2_label(word), word
    assert code_for_level2_name("进度指标") == "13"
    assert code_for_level2_name("可持续性发展影响指标") == "24"
    # a 三级 name, and a value glued to the label after it, are not labels
    for word in ("群众满意度", "持续改善满意度指标", "项目实施进度", "满意度指标", "可持续发展"):
        assert not _level2_label(word), word
    assert _is_label("满意度指标")  # the 一级 word stays a label
