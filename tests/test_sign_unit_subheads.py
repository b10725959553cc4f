"""A header of two rows whose second row starts with 符号 | 单位 and gives the value between
them no head (预期指标值 over 符号 | (值) | 单位, a score group over 分值 | 得分), rows written
``>= | 98 | %``: the two are the parts of the target column, put either side of it, so the
target reads ``>=98%`` and the achieved value and the scores stay out
(parsers/form/grid.py, _sign_and_unit_under_target). A row with three level words before its
指标解释 (满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 学员对…) takes the third as its name,
as the cells after it fill the value columns exactly (rows._read_row).
"""

from __future__ import annotations

from assistant.export import to_interchange
from assistant.extract import extract
from assistant.ingest import read_bytes

FORM = """项目名称 | 农民技能培训 |
年度目标 | 完成农民技能培训 |
一级指标 | 二级指标 | 三级指标 | 指标解释 | 预期指标值 | 实际完成值 | 自评得分 |
符号 | 单位(文字描述) | 分值 | 得分 |
产出指标 | 数量指标 | 培训人数 | 全年参加培训的人数 | >= | 200 | 人 | 210 | 20 | 20 |
效益指标 | 社会效益指标 | 就业率 | 培训后就业的比例 | >= | 80 | %(百分比) | 85% | 30 | 30 |
满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 学员对培训的满意程度 | >= | 90 | %(百分比) | 95% | 10 | 10 |
"""


def test_sign_and_unit_cells_join_the_target():
    table = extract(read_bytes(FORM.encode("utf-8"), "form.txt"), "rules")
    got = [
        (i["name"], i["annual_value"])
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    assert got == [("培训人数", ">=200人"), ("就业率", ">=80%(百分比)"), ("服务对象满意度", ">=90%(百分比)")]


def test_a_value_that_writes_its_own_sign_keeps_it_alone_whatever_the_sign_character():
    """≧ and ≦ (left as they are by NFKC) are signs like ≥: a value cell that already writes one is
    not given the sign cell's again (>=≧200人 would be read as a doubled comparison)."""
    form = FORM.replace("| >= | 200 | 人 |", "| >= | ≧200 | 人 |").replace(
        "| >= | 80 | %(百分比) |", "| <= | ≦80 | %(百分比) |"
    )
    table = extract(read_bytes(form.encode("utf-8"), "form.txt"), "rules")
    got = [i.annual_value for p in table.projects() for i in p.indicators]
    assert got[:2] == ["≧200人", "≦80%(百分比)"]
