"""Rows of a grid run together whose line breaks were lost (form/row_ends.py): a last column
filled from a closed list (绩效标准: 计划标准…, 指标值类型: 定量/定性) ends each row, so real dev
sources re-flowed or put on one line (tests/src_rewrites.py) read as written, the cuts flagged."""

from __future__ import annotations

import pytest
from src_rewrites import pool, rewrite

from assistant.evaluate.metrics import project_flags, score_table
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.row_ends import split_at_row_ends
from assistant.extract.parsers.form.run_lines import _run_into_label, runs_under_spaced_header
from assistant.extract.parsers.form.tokens import _by_lines
from assistant.ingest import read_bytes

POOL = {folder.name: (gold, text) for folder, gold, text in pool()}
#: run-together dev documents whose last column is a closed one (绩效标准, 指标值类型 before a 备注)
CLOSED_LAST = ["h07-hn-taoyuan-reemployment-aid-topup-runtogether", "g08-hn-xiangxi-special-school-meals-runtogether"]


def _doc(text: str):
    return _by_lines(read_bytes(text.encode("utf-8"), "t.txt"))


@pytest.mark.parametrize("name", CLOSED_LAST)
@pytest.mark.parametrize("kind", ["oneline", "reflow34"])
def test_rows_without_line_breaks_read_as_written(name, kind):
    gold, text = POOL[name]
    copy = rewrite(text, gold, kind)
    assert copy is not None and copy != text
    table = extract(read_bytes(copy.encode("utf-8"), "copy.txt"), "rules")
    [sample] = score_table(gold, to_interchange(table, with_meta=False), record=name, pred_flags=project_flags(table))
    assert sample["ind_strict"] == sample["ind_gold"] == sample["ind_pred"]
    assert "FORM_ROW_END_BY_COLUMN" in {f.code for f in table.failures}


def test_rows_cut_after_the_closed_word_and_header_cut_off():
    text = "一级指标二级指标三级指标指标值绩效标准产出指标数量指标培训人数≥50人计划标准质量指标合格率100%行业标准\n"
    doc, cuts = split_at_row_ends(_doc(text))
    assert [r.cells[0].text for r in doc.rows] == [
        "一级指标二级指标三级指标指标值绩效标准",
        "产出指标数量指标培训人数≥50人计划标准",
        "质量指标合格率100%行业标准",
    ]
    assert [word for _, _, word in cuts] == ["计划标准"]
    assert doc.rows[2].cells[0].span(0, 4).start == text.index("质量指标")


def test_closed_column_in_the_middle_cuts_nothing():
    """指标方向 before 指标值: its word follows the name, it does not end the row."""
    text = "一级指标二级指标三级指标指标方向指标值产出指标数量指标出差人数正向8人出差人次正向24人次\n"
    doc, cuts = split_at_row_ends(_doc(text))
    assert cuts == [] and len(doc.rows) == 1


#: space-separated dev documents whose rows, put on the header's line, run each last cell into the next label
SPACED = ["a16-sc-zhaohua-leprosy-form-space", "d11-nm-wuhai-recycling-market-space"]


@pytest.mark.parametrize("name", SPACED)
def test_spaced_rows_on_the_header_line_are_read_run_together(name):
    gold, text = POOL[name]
    assert runs_under_spaced_header(_doc(rewrite(text, gold, "oneline")))


def test_spaced_sources_as_written_stay_spaced():
    """No dev source as written is taken for rows run together by the label-at-the-end rule."""
    taken = [name for name, (_, text) in POOL.items() if _on_header_line(_doc(text))]
    assert taken == []


def _on_header_line(doc) -> bool:
    rows = [r.cells[0].text for r in doc.rows if len(r.cells) == 1]
    head = next((t for t in rows if "三级指标" in t or "二级指标" in t), "")
    return sum(_run_into_label(p) for p in head.split() if "级指标" not in p) >= 2
