"""A 一级 cell in words the rules do not know, one cell per line (parsers/form/unknown_levels.py),
and a column head of progress (实施进度) after the values (大英 f04).

The dev split's grids are written one cell per line with their 一级 labels replaced by words no
rule knows (项目决策 for the outputs, 项目成效 for the effects, 群众评价 for satisfaction). Each
must come back with the words as its 一级 name, the code of its 二级 label's group, names and
values in place, and the reading flagged; a grid with a 实施进度 column after its values reads
that column as no value. Values written in words before a 二级 label (有效, 影响程度明显) stay values.
"""

from __future__ import annotations

import pytest
from form_variants import Style, dev_grids, expected, render

from assistant.evaluate.align import norm
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.labels import _bare, _is_label, _level1_code
from assistant.ingest import read_bytes
from assistant.taxonomy import code_for_level2_name

UNKNOWN = {"1": "项目决策", "2": "项目成效", "3": "群众评价"}
FIELDS = ("level1_name", "level1_code", "level2_name", "name", "annual_value")

#: dev grids with known 一级 labels and every value filled (one cell per line drops empty cells)
GRIDS = [
    g
    for g in dev_grids()
    if all(
        r.level1
        and _is_label(r.level1)
        and _level1_code(r.level1) in UNKNOWN
        and r.level2
        and r.annual
        and not r.period
        for r in g.rows
    )
]


def _swap(text: str, grid) -> str:
    """The text with each 一级 label line written in the unknown words of its group."""
    words = {r.level1: UNKNOWN[_level1_code(r.level1)] for r in grid.rows}
    return "\n".join(words.get(line, line) for line in text.split("\n"))


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    got = [
        {f: norm(i.get(f)) for f in FIELDS}
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    return got, [f.code for f in table.failures]


def _want(grid, style: Style) -> list[dict]:
    return [
        {
            "level1_name": norm(UNKNOWN[_level1_code(r.level1)]),
            # an unknown word has no code of its own: its 二级 label's group gives it
            "level1_code": (code_for_level2_name(_bare(r.level2)) or _level1_code(r.level1))[0],
            "level2_name": norm(i["level2_name"]),
            "name": norm(i["name"]),
            "annual_value": norm(i["annual_value"]),
        }
        for r, i in zip(grid.rows, expected(grid, style))
    ]


def test_there_are_grids_to_vary():
    assert len(GRIDS) >= 10


@pytest.mark.parametrize("labels", ["first", "every"])
def test_unknown_level1_words_read_as_level1(labels):
    style = Style(sep="line", labels=labels)
    right, silent, tried = 0, [], 0
    for grid in GRIDS:
        text = render(grid, style)
        if text is None:
            continue
        tried += 1
        got, codes = _read(_swap(text, grid))
        if got == _want(grid, style):
            right += 1
            assert "FORM_LEVEL1_UNKNOWN_WORD" in codes, grid.stem
        elif not codes:
            silent.append(grid.stem)
    assert not silent
    assert right >= 0.8 * tried, (right, tried)


def test_a_progress_column_after_the_values_is_a_head():
    """一级 | 二级 | 三级 | 指标值 | 实施进度, one cell per line: 实施进度 is a head, its cells no value."""
    right = 0
    for grid in GRIDS:
        lines = ["项目名称：" + grid.name, "一级指标", "二级指标", "三级指标", "指标值", "实施进度"]
        last1 = last2 = None
        for r in grid.rows:
            lines += [r.level1] * (r.level1 != last1) + [r.level2] * ((r.level1, r.level2) != (last1, last2))
            lines += [r.name, r.annual, "已完成100%"]
            last1, last2 = r.level1, r.level2
        got, codes = _read("\n".join(lines) + "\n")
        if [(i["name"], i["annual_value"]) for i in got] == [(norm(r.name), norm(r.annual)) for r in grid.rows]:
            right += 1
        else:
            assert codes, grid.stem  # wrong, never silently
    assert right >= 0.9 * len(GRIDS), (right, len(GRIDS))


def test_known_labels_are_not_flagged_as_unknown():
    for grid in GRIDS:
        for labels in ("first", "every"):
            text = render(grid, Style(sep="line", labels=labels))
            if text is None:
                continue
            _, codes = _read(text)
            assert "FORM_LEVEL1_UNKNOWN_WORD" not in codes, grid.stem
