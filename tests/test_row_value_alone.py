"""A row whose name is only a value and which has no value (≥90%, 逐步提高) is the value of the row
before it, cut off onto a line of its own, or a piece of a value a wrap cut: never an indicator
(row_kinds ``_value_alone``), since an extra row shifts the seq of every row after it. Checked on
dev sources of other families (b01, d13: one cell per line) with their table's cells run
together (tests/src_rewrites.py ``joingrid``), scored against the unchanged gold."""

from __future__ import annotations

import pytest
from src_rewrites import pool, rewrite

from assistant.extract import extract
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")


@pytest.mark.parametrize(
    ("record", "name", "value"),
    [
        ("b01-hb-qingshan-edu-build-form", "学生、家长、社会满意度", "≥90%"),
        ("d13-sc-anju-food-safety-selfeval-cellperline", "辖区内公众食品安全科普知识素养", "逐步提高"),
    ],
)
def test_a_value_alone_on_its_row_is_the_value_of_the_row_before(record, name, value):
    gold, text = POOL[record]
    table = _read(rewrite(text, gold, "joingrid"))
    got = [(i.seq, i.name, i.annual_value) for p in table.projects() for i in p.indicators]
    assert (name, value) in [(n, v) for _, n, v in got]
    assert [s for s, _, _ in got] == list(range(1, len(got) + 1))
    assert not any(n == value for _, n, _ in got)  # no row of its own
    assert "ROW_ONLY_A_VALUE" in {f.code for f in table.failures}


def test_a_value_alone_after_a_row_with_its_value_is_dropped_and_said():
    text = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标数量指标培训人数100人\n≥95%\n质量指标合格率98%\n"
    table = _read(text)
    got = [(i.seq, i.name, i.annual_value) for p in table.projects() for i in p.indicators]
    assert got == [(1, "培训人数", "100人"), (2, "合格率", "98%")]
    assert "ROW_ONLY_A_VALUE" in {f.code for f in table.failures}
