"""A PDF text layer in reading order, each column of its own width: a row's wrapped cells come
line by line across the row (the first line of every cell, then the next lines of those that go
on); the pieces are joined back to their cells by the columns' widths and the label words, and
each join is flagged (:mod:`assistant.extract.parsers.form.interleaved`)."""

from __future__ import annotations

import json
from pathlib import Path

import colwrap_rewrites as cw
import pytest
from form_reading import STAMP, read_form

from assistant.evaluate.metrics import project_flags, score_table, summarize
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.interleaved import deinterleave
from assistant.ingest import read_bytes

HEAD = "项目支出绩效目标表\n项目名称 某县学前教育补助\n年度目标 保障民办园房租补贴及时足额发放\n"


def read(body: str):
    items, table = read_form(HEAD + body + STAMP)
    return items, {f.code for f in table.failures}


def test_cells_wrapped_across_the_row_are_joined_back_by_column():
    items, codes = read(
        "一级指标 二级指标 三级指标 指标值\n"
        "产出指标 数量指标 补贴非营利性民办幼 20个\n"
        "儿园数量\n"
        "质量指标 补贴覆盖民办幼儿园 ≥90.91%\n"
        "率\n"
        "效益指标 社会效益 提升疫情防控期间民 显著提升了疫情期\n"
        "指标 办幼儿园扶持力度 间对民办幼儿园的\n"
        "扶持力度\n"
        "可持续影 非营利性民办园租房 保障疫情期间非营\n"
        "响指标 受益期限 利性民办园房租需\n"
        "求\n"
    )
    assert items == [
        ("数量指标", "补贴非营利性民办幼儿园数量", "20个"),
        ("质量指标", "补贴覆盖民办幼儿园率", "≥90.91%"),
        ("社会效益指标", "提升疫情防控期间民办幼儿园扶持力度", "显著提升了疫情期间对民办幼儿园的扶持力度"),
        ("可持续影响指标", "非营利性民办园租房受益期限", "保障疫情期间非营利性民办园房租需求"),
    ]
    assert "FORM_INTERLEAVED_JOINED" in codes


def test_a_table_whose_cells_did_not_wrap_is_read_as_it_is():
    # the longest name alone fills its column: no column wraps, the line under it is a row of its own
    items, codes = read(
        "一级指标 二级指标 三级指标 指标值\n"
        "产出指标 数量指标 补贴非营利性民办幼儿园数量 20个\n"
        "质量指标 补贴发放合规率 ≥95%\n"
        "时效指标 补贴发放及时率 ≥95%\n"
    )
    assert [name for _, name, _ in items] == ["补贴非营利性民办幼儿园数量", "补贴发放合规率", "补贴发放及时率"]
    assert "FORM_INTERLEAVED_JOINED" not in codes


def _dev_copy(stem: str, kind: str):
    docs = cw.documents()
    n, doc = next((n, d) for n, d in enumerate(docs) if d.stem.startswith(stem))
    gold = json.loads((Path(doc.folder) / "gold.json").read_text(encoding="utf-8"))
    return gold, cw.rewrite(doc, kind, seed=n)


@pytest.mark.parametrize("stem", ["a12-tj-ninghe-edu-kindergarten-pipe"])
def test_a_dev_table_interleaved_reads_as_its_source(stem):
    gold, text = _dev_copy(stem, "colwrap_inter")
    table = extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")
    pred = to_interchange(table, with_meta=False)
    m = summarize(score_table(gold, pred, record="copy", pred_flags=project_flags(table)))["metrics"]
    assert m["indicator_f1"] == 1.0 and m["silent_errors"] == 0


def test_a_label_cut_in_a_narrow_column_of_a_grid_run_together_is_joined_back():
    items, codes = read(
        "一级指标二级指标三级指标指标值\n"
        "产出指标数量指标农村义务教育学校改造覆盖率100%\n"
        "效益指标可持续影义务教育优质均衡发展情况稳步提高\n"
        "响指标\n"
        "社会公众学生家长满意度≥90%\n"
        "或服务对\n"
        "象满意度\n"
        "指标\n"
        "学校满意度≥90%\n"
    )
    assert items == [
        ("数量指标", "农村义务教育学校改造覆盖率", "100%"),
        ("可持续影响指标", "义务教育优质均衡发展情况", "稳步提高"),
        ("社会公众或服务对象满意度指标", "学生家长满意度", "≥90%"),
        ("社会公众或服务对象满意度指标", "学校满意度", "≥90%"),
    ]
    assert "FORM_LABEL_PIECES_JOINED" in codes


def test_a_name_starting_like_a_label_is_left_alone():
    # 经济 starts 经济效益指标, but the line under it does not go on into that label
    items, codes = read(
        "一级指标二级指标三级指标指标值\n"
        "产出指标数量指标经济困难学生资助人数100人\n"
        "效益指标社会效益指标学生满意度≥90%\n"
    )
    assert [name for _, name, _ in items] == ["经济困难学生资助人数", "学生满意度"]
    assert "FORM_LABEL_PIECES_JOINED" not in codes


def test_a_line_of_more_words_than_a_grid_has_columns_is_left_as_it_is():
    # 30 words a line, each as wide as its column: every way of placing the next line's 15 on them
    # would be 155 million plans; no grid has that many columns, so nothing is joined (and no wait)
    words, half = " ".join(["培训人次数"] * 30), " ".join(["培训人"] * 15)
    text = "一级指标 二级指标 三级指标 指标值\n" + "\n".join([words, half] * 3) + "\n"
    doc = read_bytes(text.encode("utf-8"), "wide.txt")
    assert deinterleave(doc) == (doc, [])
