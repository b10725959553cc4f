"""Form words printed letter-spaced (一 级 指 标), several side by side with one space between cells
too, as a PDF copies distributed-aligned cells: cut into the form's words, so a space-separated
dev source with its labels letter-spaced (tests/src_rewrites.py) reads as written."""

from __future__ import annotations

import pytest
from src_rewrites import pool, rewrite

from assistant.evaluate.metrics import project_flags, score_table
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.tokens import _spaced_form_words
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "绩 效 指 标 一 级 指 标 二 级 指 标 三 级 指 标 指 标 值",
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        ),
        ("效 益 指 标 经 济 效 益 指 标 指标1:清算", ["效益指标", "经济效益指标"]),
        ("满 意 度 指 标 满 意 度 指 标 群众幸福感", ["满意度指标", "满意度指标"]),
        ("4623 万 年 度 总 体 目 标", ["年度总体目标"]),
        ("年 度 指 标 值", ["年度指标值"]),
    ],
)
def test_spaced_words_side_by_side_are_cut_apart(text, words):
    assert [text[a:b].replace(" ", "") for a, b in _spaced_form_words(text)] == words


@pytest.mark.parametrize(
    "name",
    [
        "a16-sc-zhaohua-leprosy-form-space",
        "c02-guangyuan-relief-form",
        "g14-fj-ningde-earthquake-bureau-dept-selfeval-space",
    ],
)
def test_letter_spaced_labels_read_as_written(name):
    gold, text = POOL[name]
    copy = rewrite(text, gold, "letterspaced")
    assert copy is not None and copy != text
    table = extract(read_bytes(copy.encode("utf-8"), "copy.txt"), "rules")
    samples = score_table(gold, to_interchange(table, with_meta=False), record=name, pred_flags=project_flags(table))
    assert all(s["ind_strict"] == s["ind_gold"] == s["ind_pred"] for s in samples)
