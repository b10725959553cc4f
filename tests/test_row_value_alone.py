"""Rows read as indicators that are not (row_kinds), each an extra row that would shift the seq of
every row after it: a row whose name is only a value and which has no value (≥90%, 逐步提高) is the
value of the row before it cut off onto a line of its own, or a piece of a value a wrap cut
(``_value_alone``); a report's section heading and the rows after it are the report under the grid
(``_report_from``). Checked on dev sources of other families (b01, d13: one cell per line; f04:
``|`` rows) with their table's cells run together (tests/src_rewrites.py ``joingrid``)."""

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


def test_a_report_heading_read_as_a_row_ends_the_indicators():
    """(三)项目自评步骤及方法, 二、项目资金申报及使用情况: the report under a 自评表 (f04) read on as rows
    where its grid ran together with it; the heading and the rows after it are no indicators."""
    gold, text = POOL["f04-sc-daying-market-consumer-city-selfeval-report-pipe"]
    table = _read(rewrite(text, gold, "joingrid"))
    names = [i.name for p in table.projects() for i in p.indicators]
    assert not any(n.startswith(("(三)", "二、", "(一)", "(二)")) for n in names)
    assert "ROW_REPORT_AFTER_GRID" in {f.code for f in table.failures}


def test_a_level_label_numbered_as_a_section_is_no_report():
    text = "项目名称测试项目\n一级指标|二级指标|三级指标|指标值\n产出指标|数量指标|培训人数|100人\n(二)效益指标|社会效益指标|群众知晓率|90%\n"
    table = _read(text)
    assert [i.name for p in table.projects() for i in p.indicators] == ["培训人数", "群众知晓率"]
    assert "ROW_REPORT_AFTER_GRID" not in {f.code for f in table.failures}
