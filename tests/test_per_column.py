"""Values printed per place (parsers/form/per_column.py).

The dev split's grids are written the way 福建's 专项资金绩效目标表 passed down to several
places print them (安溪 i09, 龙岩 j07): after 三级指标 a 指标解释 column, then one value column
per township or county, optionally under a 区域目标值 caption; one cell per line, each cell
closed by `` |`` as a web page copies it, or one row per line. Every indicator must come back
with its levels and name, no target (a place's value is not the project's), and the reading
flagged FORM_VALUES_PER_PLACE; the same grids with their usual single 指标值 column must not be
flagged so.
"""

from __future__ import annotations

import pytest
from form_variants import Style, dev_grids, render

from assistant.evaluate.align import norm
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.labels import _is_label
from assistant.ingest import read_bytes

PLACES = [["西坪镇尧山村", "桃舟乡吾培村", "芦田镇三洋村"], ["新罗区", "上杭县", "漳平市", "长汀县"]]
EXPLAIN = "反映项目完成情况"

#: dev grids whose every row has labels and a target (one cell per line drops empty cells)
GRIDS = [
    g
    for g in dev_grids()
    if len(g.rows) >= 2
    and all(r.annual and not r.period and _is_label(r.level1 or "") and _is_label(r.level2 or "") for r in g.rows)
]


def _render(grid, places: list[str], sep: str, caption: bool) -> str:
    """The grid with a 指标解释 column and one value column per place (each place's value the
    gold target), 一级 / 二级 labels on their group's first row."""
    heads = ["一级指标", "二级指标", "三级指标", "指标解释", *(["区域目标值"] if caption else []), *places]
    rows = [heads]
    last1 = last2 = None
    for r in grid.rows:
        l1 = r.level1 if r.level1 != last1 else ""
        l2 = r.level2 if (r.level1, r.level2) != (last1, last2) else ""
        last1, last2 = r.level1, r.level2
        rows.append([l1, l2, r.name, EXPLAIN, *([r.annual] * len(places))])
    if sep == "cellpipe":  # every cell on its own line closed by ' |', an empty cell a bare '|'
        lines = [(c + " |") if c else "|" for row in rows for c in row]
    elif sep == "line":
        lines = [c for row in rows for c in row if c]
    else:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([f"项目名称：{grid.name}", "绩效指标", *lines, "填报人：张三"]) + "\n"


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "variant.txt"), "rules")
    got = [
        {f: norm(i.get(f)) for f in ("level1_name", "level2_name", "name", "period_value", "annual_value")}
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    return got, [f.code for f in table.failures]


def _want(grid) -> list[dict]:
    return [
        {"level1_name": norm(r.level1), "level2_name": norm(r.level2), "name": norm(r.name)}
        | {"period_value": None, "annual_value": None}
        for r in grid.rows
    ]


def test_there_are_grids_to_vary():
    assert len(GRIDS) >= 10


@pytest.mark.parametrize("sep", ["cellpipe", "line", "pipe"])
@pytest.mark.parametrize("caption", [False, True])
def test_values_per_place_are_columns_and_flagged(sep, caption):
    right, wrong = 0, []
    for n, grid in enumerate(GRIDS):
        got, codes = _read(_render(grid, PLACES[n % 2], sep, caption))
        assert "FORM_VALUES_PER_PLACE" in codes, grid.stem  # never read silently as the project's values
        if got == _want(grid):
            right += 1
        else:
            wrong.append(grid.stem)
    assert right >= 0.9 * len(GRIDS), wrong


def test_a_place_value_is_never_read_as_the_target():
    for n, grid in enumerate(GRIDS):
        got, _ = _read(_render(grid, PLACES[n % 2], "cellpipe", False))
        assert all(i["annual_value"] is None and i["period_value"] is None for i in got), grid.stem


@pytest.mark.parametrize("sep", ["line", "pipe"])
def test_usual_grids_are_not_read_per_place(sep):
    for grid in GRIDS:
        text = render(grid, Style(sep=sep))
        if text is None:
            continue
        got, codes = _read(text)
        assert "FORM_VALUES_PER_PLACE" not in codes, grid.stem
        assert [i["name"] for i in got] == [norm(r.name) for r in grid.rows], grid.stem
