"""Rows run together under a header with a sign, a unit and a note column (计算符号 | 目标值 |
度量单位 | 指标值说明) whose note says the same on every row (该指标值数据合理): each row ends after
that note, not after its value (form/runs.py ``_repeated_note``). Checked on a dev source of
another family (d03, ``|`` rows) with its table's cells run together on one line
(tests/src_rewrites.py ``joingrid``), scored against the unchanged gold."""

from __future__ import annotations

from src_rewrites import pool, rewrite

from assistant.extract import extract
from assistant.extract.parsers.form.runs import _repeated_note
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}
HEADS = ["计算符号", "目标值", "度量单位", "指标值说明"]


def test_rows_end_after_the_note_every_row_repeats():
    gold, text = POOL["d03-jx-fuliang-forestry-dept-overall-pipe"]
    table = extract(read_bytes(rewrite(text, gold, "joingrid").encode("utf-8"), "copy.txt"), "rules")
    got = [(i.seq, i.name, i.annual_value) for p in table.projects() for i in p.indicators]
    want = [
        (i["seq"], i["name"], i["annual_value"]) for u in gold["units"] for p in u["projects"] for i in p["indicators"]
    ]
    assert got == want  # 万立方米 and 单 (a unit the list lacks) included


def test_the_note_is_what_follows_most_values():
    text = "甲人数(人)=1人数据合理乙面积(亩)=2亩数据合理丙数量(个)=3个数据合理丁率(%)=4万立方米数据合理"
    assert _repeated_note(text, HEADS) == "数据合理"


def test_no_note_column_or_too_few_rows_or_names_alike_give_no_note():
    text = "甲人数(人)=1人数据合理乙面积(亩)=2亩数据合理丙数量(个)=3个数据合理"
    assert _repeated_note(text, ["计算符号", "目标值", "度量单位"]) == ""  # no note column
    assert _repeated_note("甲人数=1人数据合理乙面积=2亩数据合理", HEADS) == ""  # two rows
    # every next name begins 保障: where the note ends is not sure
    alike = "保障甲(人)=1人数据合理保障乙(人)=2人数据合理保障丙(人)=3人数据合理保障丁(人)=4人数据合理"
    assert _repeated_note(alike, HEADS) == ""
