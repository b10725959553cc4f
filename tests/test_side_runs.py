"""实施周期 and 年度 blocks side by side, rows run together (:mod:`.form.side_runs`): the 年度
block's copy of a row is that row's annual value, never an indicator of its own; built from dev
sources (tests/sbs_rewrites.py), scored on their gold."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sbs_rewrites import documents, layout, variant

from assistant.evaluate.metrics import project_flags, score_table
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.side_runs import _shared_beginnings, name_twice
from assistant.extract.parsers.form.tokens import Token
from assistant.ingest import read_bytes
from assistant.ingest.document import Cell


def _token(text: str) -> Token:
    return Token(text, Cell(text, 0, len(text), 0, 0), 0, len(text), 0, 0)


def _halves(text: str) -> tuple[str, str] | None:
    got = name_twice(_token(text))
    return None if got is None else (got[0].text, got[1].text)


def test_a_row_and_its_annual_copy_are_cut_at_the_repeated_name():
    assert _halves("鉴定校准实验室仪器≥57个鉴定校准实验室仪器≥60个") == (
        "鉴定校准实验室仪器≥57个",
        "鉴定校准实验室仪器≥60个",
    )
    assert _halves("监督抽检批次≥100组监督抽检批次≥100组") == ("监督抽检批次≥100组", "监督抽检批次≥100组")


def test_a_name_repeating_its_own_words_is_not_cut():
    # the words between the two 非营利性民办园 are a value in words: nothing says a copy starts there
    assert _halves("非营利性民办园租房受益期限保障疫情期间非营利性民办园房租需求,大力支出民办幼儿园发展") is None
    assert _halves("合格率100%合格率95%") is None  # too short a name to be sure it repeats


def _doc(doc_id: str):
    return next(d for d in documents() if d[1] == doc_id)


@pytest.mark.parametrize("name", ["aligned", "short"])
def test_native_side_by_side_run_together_reads_one_indicator_per_row(name):
    _kind, doc_id, gold, text, rows = _doc("d12-ah-luan-farm-product-testing-sidebyside-pipe")
    vgold, vtext = variant(gold, text, rows, name)
    table = extract(read_bytes(layout(vtext, "run").encode("utf-8"), "run.txt"), "rules")
    [project] = table.projects()
    gold_inds = vgold["units"][0]["projects"][0]["indicators"]
    # the 年度 copies are not indicators: as many rows as the gold, each seq in place
    assert len(project.indicators) == len(gold_inds)
    right = [
        i
        for i, g in zip(project.indicators, gold_inds)
        if (i.name, i.period_value, i.annual_value) == (g["name"], g["period_value"], g["annual_value"])
    ]
    assert len(right) >= len(gold_inds) - 1
    [sample] = score_table(
        vgold, to_interchange(table, with_meta=False), record=doc_id, pred_flags=project_flags(table)
    )
    assert not sample.get("silent_error")


def test_side_by_side_grids_run_together_are_never_silently_wrong():
    for _kind, doc_id, gold, text, rows in documents():
        for name in ("aligned", "short"):
            vgold, vtext = variant(gold, text, rows, name)
            table = extract(read_bytes(layout(vtext, "run").encode("utf-8"), "run.txt"), "rules")
            got = score_table(
                vgold, to_interchange(table, with_meta=False), record=doc_id, pred_flags=project_flags(table)
            )
            assert not any(s.get("silent_error") for s in got), (doc_id, name)


def test_a_name_wrapped_over_lines_is_joined_in_both_blocks_one_cell_per_line():
    # f03 doubled, one cell per line, long cells wrapped (声光报警、紧急按钮、指示 / 灯): the two
    # copies of the wrapped name, a value between, are one name; no line of it is an indicator
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_cell_rewrites import pieces, render

    _kind, doc_id, gold, text, rows = _doc("f03-ha-puyang-archives-fire-equipment-approval-pipe")
    copy_text = render(pieces(text), "lines")
    assert "声光报警、紧急按钮、指示\n灯\n" in copy_text  # the wrap this test is about
    table = extract(read_bytes(copy_text.encode("utf-8"), "lines.txt"), "rules")
    [project] = table.projects()
    gold_inds = gold["units"][0]["projects"][0]["indicators"]
    got = [(i.seq, i.name, i.period_value, i.annual_value) for i in project.indicators]
    assert got == [(g["seq"], g["name"], g["period_value"], g["annual_value"]) for g in gold_inds]
    assert "FORM_NAME_WRAPPED_BELOW" in {f.code for f in table.failures}  # said, never silent


@given(st.text(alphabet="ab培训1 ", max_size=60))
def test_shared_beginnings_is_the_common_prefix_of_the_text_and_each_suffix(text):
    # name_twice reads these in linear time; each must be what comparing character by character gives
    def common(j: int) -> int:
        n = 0
        while j + n < len(text) and text[n] == text[j + n]:
            n += 1
        return n

    assert _shared_beginnings(text) == [common(j) for j in range(len(text))]
