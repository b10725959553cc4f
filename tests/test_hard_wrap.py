"""Text hard-wrapped at a page's width (form/hard_wrap.py): real dev sources whose indicator
table a PDF text layer cut at a fixed width (tests/src_rewrites.py) read as the sources do, the
joins flagged; the sources as written, with their own line lengths, are never taken as wrapped."""

from __future__ import annotations

import pytest
from src_rewrites import pool, rewrite

from assistant.evaluate.metrics import project_flags, score_table
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.hard_wrap import full_lines
from assistant.extract.parsers.form.tokens import _by_lines
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}
#: run-together dev documents whose rows are long enough for every width to cut them
WRAPPED = ["a11-hb-xiangyang-hospital-selfeval-runtogether", "d04-hb-ezhou-office-building-runtogether"]


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")


@pytest.mark.parametrize("name", WRAPPED)
@pytest.mark.parametrize("kind", ["wrap18", "wrap26", "wrap34"])
def test_wrapped_source_reads_as_written(name, kind):
    gold, text = POOL[name]
    copy = rewrite(text, gold, kind)
    assert copy is not None and copy != text
    table = _read(copy)
    [sample] = score_table(gold, to_interchange(table, with_meta=False), record=name, pred_flags=project_flags(table))
    assert sample["ind_strict"] == sample["ind_gold"] == sample["ind_pred"]
    assert "FORM_HARD_WRAP_JOINED" in {f.code for f in table.failures}


def test_sources_as_written_are_not_wrapped():
    taken = [name for name, (_, text) in POOL.items() if full_lines(_by_lines(read_bytes(text.encode(), "s.txt")).rows)]
    assert taken == []


def test_rows_of_one_width_closed_by_bars_are_not_wrapped():
    """A ``|`` table padded to one width: its rows end at the same column and close with a bar."""
    rows = [f"| 产出指标 | 数量指标 | 培训人数{n} | ≥{n}0人 |" for n in range(1, 6)]
    doc = _by_lines(read_bytes(("\n".join(rows) + "\n").encode(), "t.txt"))
    assert full_lines(doc.rows) == set()


@pytest.mark.parametrize("name", ["a01-wh-qingshan-edu-runtogether", "b06-sc-langzhong-road-selfeval"])
def test_reflowed_table_under_a_wider_paragraph_reads_as_written(name):
    """The table's lines re-flowed and cut at a width narrower than a goal paragraph above them
    that the page left whole: the lines of that width are still a page's margin."""
    gold, text = POOL[name]
    copy = rewrite(text, gold, "reflow34")
    table = _read(copy)
    [sample] = score_table(gold, to_interchange(table, with_meta=False), record=name, pred_flags=project_flags(table))
    assert sample["ind_strict"] == sample["ind_gold"] == sample["ind_pred"]
    assert "FORM_HARD_WRAP_JOINED" in {f.code for f in table.failures}


def test_prose_lines_of_one_width_are_not_wrapped():
    """Sentences that happen to fill one width under a wider line are prose, not a page's margin."""
    lines = [
        "项目绩效目标完成情况说明如下，各项指标均已按计划完成，具体情况见下表及附件所列内容。",
        "甲项验收合格率:指标值为100%,完成值为100%;",
        "乙项验收合格率:指标值为100%,完成值为100%;",
        "丙项验收合格率:指标值为100%,完成值为100%;",
        "完成率说明。",
    ]
    doc = _by_lines(read_bytes(("\n".join(lines) + "\n").encode(), "t.txt"))
    assert full_lines(doc.rows) == set()


@pytest.mark.parametrize("name", ["b10-nx-yuanzhou-forest-form", "d03-jx-fuliang-forestry-dept-overall-pipe"])
def test_reflowed_pipe_table_reads_as_written(name):
    """A ``|`` table re-flowed and cut at a width: lines that end with a bar by chance inside a
    block of full lines are cuts too, not row ends."""
    gold, text = POOL[name]
    table = _read(rewrite(text, gold, "reflow34"))
    [sample] = score_table(gold, to_interchange(table, with_meta=False), record=name, pred_flags=project_flags(table))
    assert sample["ind_strict"] == sample["ind_gold"] == sample["ind_pred"]
    assert "FORM_HARD_WRAP_JOINED" in {f.code for f in table.failures}


def test_rows_of_one_width_under_a_wider_line_are_not_wrapped():
    """Grid rows that share a length by chance, each starting with its level labels, under a wider
    title line: a row ends where the next one's label starts, so no page's margin is shown."""
    lines = [
        "项目名称再就业援助对象岗位补贴财政补差资金专项",
        "一级指标二级指标三级指标指标值",
        "产出指标数量指标补助人数250人",
        "产出指标质量指标补贴覆盖率100%",
        "产出指标质量指标对象合规率100%",
        "产出指标质量指标补贴准确率100%",
        "产出指标时效指标完成及时率100%",
        "产出指标成本指标预算成本≦380万",
    ]
    doc = _by_lines(read_bytes(("\n".join(lines) + "\n").encode(), "t.txt"))
    assert full_lines(doc.rows) == set()
