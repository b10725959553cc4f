"""A 二级 label in its short spelling at the start of a run-together row (社会效益使读者更方便…):
a 效益 category (经济/社会/生态/环境效益) is cut off as the row's label and flagged; 数量, 质量,
时效 and 成本, which names begin with too (成本控制率), are cut there only after a 一级 label.
Checked on a dev source of another family (e05, ``|`` rows) with each row's cells run together
(tests/src_rewrites.py ``joinrows``), scored against the unchanged gold."""

from __future__ import annotations

from src_rewrites import pool, rewrite

from assistant.extract import extract
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")


def test_a_benefit_label_starting_a_row_is_its_level():
    gold, text = POOL["e05-hb-huangshi-library-sharing-selfeval-pipe"]
    table = _read(rewrite(text, gold, "joinrows"))
    got = {i.seq: (i.level2_name, i.name) for p in table.projects() for i in p.indicators}
    assert got[8] == ("社会效益", "使读者更方便快捷查找检阅")
    assert got[10] == ("环境效益", "数字图书馆环境优良无污染")
    assert "FORM_SHORT_LABEL_CUT" in {f.code for f in table.failures}


def test_a_name_starting_with_a_short_output_label_is_not_cut():
    text = "项目名称测试项目\n一级指标二级指标三级指标指标值\n产出指标成本指标\n培训人数100人\n成本控制率≤100%\n"
    table = _read(text)
    assert [i.name for p in table.projects() for i in p.indicators] == ["培训人数", "成本控制率"]
