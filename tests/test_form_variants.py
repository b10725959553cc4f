"""The indicator grid reads the same whatever the separators, label placement, value columns
and character set (see :mod:`tests.form_variants`), and is never silently wrong.

Two sources of grids: the dev split's gold records (real names and values) and grids built
from scratch by hypothesis out of the standard vocabulary and the usual value shapes.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from form_variants import STYLES, Grid, Row, Style, dev_grids, expected, render
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.evaluate.align import norm
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.labels import _is_label
from assistant.ingest import read_bytes

FIELDS = ("level1_name", "level2_name", "name", "period_value", "annual_value")


def _read(grid: Grid, style: Style):
    text = render(grid, style)
    assert text is not None
    table = extract(read_bytes(text.encode("utf-8"), "variant.txt"), "rules")
    got = [
        {f: norm(i.get(f)) for f in FIELDS}
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    want = [{f: norm(i.get(f)) for f in FIELDS} for i in expected(grid, style)]
    return got, want, table.failures


# ---- from the dev gold ----------------------------------------------------------------------

DEV = dev_grids()
#: the dev grids with a 实施周期 value beside each 年度 one (the same text), for blocks side by side
DEV_BOTH = [replace(g, rows=tuple(replace(r, period=r.period or r.annual) for r in g.rows)) for g in DEV]
#: styles whose text says where every cell belongs: the reader must give the gold exactly
#: (cells kept in their columns, labels on their group's first row or on every row)
PLAIN = [s for s in STYLES if s.sep in ("pipe", "markdown", "tab") and s.labels != "middle"]
#: every separator × label placement × value columns once, the other switches taken in turn
#: (the whole matrix is 480 styles; tests/form_variants.py lists it)
COVER = [
    Style(sep, labels, values, bool(i % 2), bool(i // 2 % 2), bool(i // 4 % 2), bool(i // 8 % 2), bool(i // 3 % 2))
    for i, (sep, labels, values) in enumerate(
        (sep, labels, values)
        for sep in ("pipe", "markdown", "tab", "spaces", "line")
        for labels in ("first", "middle", "every")
        for values in ("single", "annual", "split", "sbs")
    )
]


def test_dev_grids_are_found():
    assert len(DEV) >= 30  # the renderer reads the dev gold; a broken loader must not pass silently


@pytest.mark.parametrize("style", COVER, ids=Style.label)
def test_dev_grids_never_silently_wrong(style):
    """Every style, every dev grid: the indicators are the gold's, or a failure says where to look."""
    silent = []
    for grid in DEV if style.values != "sbs" else DEV_BOTH:
        if render(grid, style) is None:
            continue
        got, want, failures = _read(grid, style)
        if got != want and not failures:
            silent.append(grid.stem)
    assert silent == []


@pytest.mark.parametrize(
    "style",
    [s for s in PLAIN if not s.extra and not s.short_header and s.traditional == (s.sep == "tab")],
    ids=Style.label,
)
def test_dev_grids_exact_where_cells_keep_their_columns(style):
    """Where the text keeps every cell in its column, nearly every dev grid reads exactly (the few
    others are the grids whose gold itself lacks a 一级 label above its first rows: flagged).
    Grids whose level labels are words outside the category vocabulary (环境效益, 项目决策, an
    OCR'd 顼目产出) cannot be told from names by the rules and are only required not to be
    silently wrong (above)."""
    rendered = [g for g in DEV if render(g, style) is not None and _known_labels(g)]
    exact = [g.stem for g in rendered if (lambda r: r[0] == r[1])(_read(g, style))]
    assert len(exact) >= 0.9 * len(rendered)


def _known_labels(grid: Grid) -> bool:
    return all(_is_label(x) for r in grid.rows for x in (r.level1, r.level2) if x)


# ---- from scratch ---------------------------------------------------------------------------

_GROUPS = [
    ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
    ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
    ("满意度指标", ["服务对象满意度指标"]),
]
_NAME_HEADS = ["设备购置", "学生资助", "道路维修", "农户补贴", "项目验收", "技能培训", "村庄绿化", "疫苗接种"]
_NAME_TAILS = ["覆盖率", "人次", "合格率", "完成时间", "户数", "及时率", "面积", "情况"]
_VALUES = ["≥95%", "100%", "≤5%", "120人次", "3个", ">=90%", "=100%", "是", "达标", "按时完成", "有效提升"]


@st.composite
def grids(draw) -> Grid:
    rows: list[Row] = []
    used: set[str] = set()
    for level1, level2s in _GROUPS:
        for level2 in draw(st.lists(st.sampled_from(level2s), min_size=1, max_size=2, unique=True)):
            for _ in range(draw(st.integers(1, 3))):
                name = draw(st.sampled_from(_NAME_HEADS)) + draw(st.sampled_from(_NAME_TAILS))
                if name in used:
                    continue
                used.add(name)
                rows.append(Row(level1, level2, name, None, draw(st.sampled_from(_VALUES))))
    if draw(st.booleans()):  # 实施周期 and 年度 values side by side in two columns
        rows = [Row(r.level1, r.level2, r.name, r.annual, r.annual) for r in rows]
    return Grid("某某项目", tuple(rows), "scratch")


_EXACT = [
    s
    for s in STYLES
    if s.labels in ("first", "every") and not (s.sep in ("spaces", "line") and s.values == "split" and s.extra)
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=grids(), style=st.sampled_from(_EXACT), numbered=st.booleans(), blank=st.booleans())
def test_scratch_grid_reads_the_same_in_every_style(grid, style, numbered, blank):
    """Whatever the separators (|, markdown, tabs, spaces, one cell per line), header spelling,
    value columns (指标值, 实施周期 + 年度, 指标性质 | 指标值 | 计量单位), extra 分值/备注 columns
    character set, 指标1: prefixes and blank lines, the indicators are the grid's own."""
    style = replace(style, numbered=numbered, blank=blank)
    if render(grid, style) is None:
        return
    got, want, failures = _read(grid, style)
    assert got == want, [f.message for f in failures]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grid=grids(), style=st.sampled_from([s for s in STYLES if s.labels == "middle"]))
def test_scratch_grid_with_centred_labels_is_right_or_flagged(grid, style):
    """Labels centred in merged groups can fit two groupings: then the rows between are flagged."""
    if render(grid, style) is None:
        return
    got, want, failures = _read(grid, style)
    assert got == want or failures


# ---- a grid with no level columns -------------------------------------------------------------

_NUMBERED = [("全国助残日活动次数", "1次"), ("开展文化活动", "1"), ("宣传覆盖面", "拓宽"), ("培训合格率", "100%")]


@pytest.mark.parametrize("sep", ["pipe", "line", "line-pipe"])
def test_numbered_name_grid_without_level_columns(sep):
    """序号 | 三级指标 | 年度指标值 with no 一级/二级 columns (a report's table): the numbers start
    the rows and are not names, even where a value is a bare number too (开展文化活动 | 1)."""
    cells = [["序号", "三级指标", "年度指标值"], *([str(i), n, v] for i, (n, v) in enumerate(_NUMBERED, 1))]
    if sep == "pipe":
        lines = ["| " + " | ".join(row) + " |" for row in cells]
    else:
        lines = [c + (" |" if sep == "line-pipe" else "") for row in cells for c in row]
    text = "\n".join(["表1：某项目绩效目标", *lines]) + "\n"
    table = extract(read_bytes(text.encode("utf-8"), "report.txt"), "rules")
    got = [(i.name, i.annual_value, i.level1_name) for i in table.projects()[0].indicators]
    assert got == [(n, v, None) for n, v in _NUMBERED]
