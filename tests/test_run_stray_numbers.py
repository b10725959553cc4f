"""A list number a PDF's text layer put among the cells of a row run together (库存数量真实率100%2、
100%, …合格率95%2.培训人数…) is read past: no value and no name's start, and said so
(FORM_RUN_STRAY_NUMBER). Checked on a dev run-together source (b13) with its table's cells run
together on one line (tests/src_rewrites.py ``joingrid``), scored against the unchanged gold: one
row left unread there shifted the seq of every row after it."""

from __future__ import annotations

import pytest
from src_rewrites import pool, rewrite

from assistant.extract import extract
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}
HEAD = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标数量指标"


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")


def _rows(table):
    return [(i.name, i.annual_value) for p in table.projects() for i in p.indicators]


def test_a_list_number_between_a_rows_values_is_read_past():
    gold, text = POOL["b13-hn-hengshan-grain-selfeval"]
    table = _read(rewrite(text, gold, "joingrid"))
    got = [(i.seq, i.name, i.annual_value) for p in table.projects() for i in p.indicators]
    want = [
        (i["seq"], i["name"], i["annual_value"]) for u in gold["units"] for p in u["projects"] for i in p["indicators"]
    ]
    assert got[:2] == want[:2]
    assert sum(g == w for g, w in zip(got, want)) >= 14  # the seq of the rows after them kept
    assert "FORM_RUN_STRAY_NUMBER" in {f.code for f in table.failures}


def test_row_numbers_before_names_are_no_part_of_them():
    table = _read(HEAD + "合格率95%2.培训人数10人3.资料份数2.5万份\n")
    assert _rows(table) == [("合格率", "95%"), ("培训人数", "10人"), ("资料份数", "2.5万份")]
    assert "FORM_RUN_STRAY_NUMBER" in {f.code for f in table.failures}


@pytest.mark.parametrize(
    ("row", "want"),
    [
        ("合格率95%培训人数2.5万人", [("合格率", "95%"), ("培训人数", "2.5万人")]),  # a decimal is no list number
        ("合格率95%培训人数10人", [("合格率", "95%"), ("培训人数", "10人")]),
    ],
)
def test_no_list_number_nothing_skipped(row, want):
    table = _read(HEAD + row + "\n")
    assert _rows(table) == want
    assert "FORM_RUN_STRAY_NUMBER" not in {f.code for f in table.failures}
