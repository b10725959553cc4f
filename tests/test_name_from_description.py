"""A grid whose name column holds the 二级 labels (指标类型 | 指标名称 | 指标值 | 指标描述 over
产出指标 | 数量指标 | 120公里 | 完成…): the value stays the 指标值 cell and the 指标描述 cell, the
only text saying what is measured, is read as the name, each row flagged
(parsers/form/rows.py, _label_in_name_column). A grid with names of its own and the same
description column is read as before, a row with its value left empty included.
"""

from __future__ import annotations

from assistant.export import to_interchange
from assistant.extract import extract
from assistant.ingest import read_bytes

HEAD = """项目名称: | 道路清扫经费 |
年度目标 | 完成城区道路清扫保洁 |
"""

LABELS_AS_NAMES = (
    HEAD
    + """指标类型 | 指标名称 | 指标值 | 指标描述 |
产出指标 | 数量指标 | 120公里 | 清扫城区主次干道 |
质量指标 | ≥95% | 道路保洁达标 |
效益指标 | 社会效益指标 | 是 | 市容整洁有序 |
满意度指标 | 服务对象满意度指标 | ≥90% | 沿街居民对清扫的满意率 |
"""
)

NAMES_OF_THEIR_OWN = (
    HEAD
    + """指标类型 | 指标名称 | 指标值 | 指标描述 |
产出指标 | 数量指标 | 清扫道路长度 | 120公里 | 城区主次干道 |
质量指标 | 保洁达标率 | ≥95% | 道路保洁检查达标 |
"""
)


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    got = [
        (i["level2_name"], i["name"], i["annual_value"])
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    return got, [f.code for f in table.failures]


def test_description_names_rows_whose_name_column_holds_labels():
    got, codes = _read(LABELS_AS_NAMES)
    assert got == [
        ("数量指标", "清扫城区主次干道", "120公里"),
        ("质量指标", "道路保洁达标", "≥95%"),
        ("社会效益指标", "市容整洁有序", "是"),
        ("服务对象满意度指标", "沿街居民对清扫的满意率", "≥90%"),
    ]
    assert codes.count("FORM_NAME_FROM_DESCRIPTION") == 4


def test_grid_with_names_is_read_as_before():
    got, codes = _read(NAMES_OF_THEIR_OWN)
    assert got == [("数量指标", "清扫道路长度", "120公里"), ("质量指标", "保洁达标率", "≥95%")]
    assert "FORM_NAME_FROM_DESCRIPTION" not in codes


def test_label_in_an_unnamed_column_before_the_names_is_kept():
    """One label column headed by no level word (指标类型), rows as wide as the header: each row
    keeps its own label (it was lost, and the row took the label of the row below)."""
    got, _ = _read(
        HEAD
        + """指标类型 | 指标名称 | 指标值 | 指标描述 |
数量指标 | 清扫道路长度 | 120公里 | 城区主次干道 |
质量指标 | 保洁达标率 | ≥95% | 道路保洁检查达标 |
"""
    )
    assert got == [("数量指标", "清扫道路长度", "120公里"), ("质量指标", "保洁达标率", "≥95%")]
