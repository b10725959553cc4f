"""The indicator grid reads the same whatever the separators, label placement, value columns
and character set (see :mod:`tests.form_variants`), and is never silently wrong.

Two sources of grids: the dev split's gold records (real names and values) and grids built
from scratch by hypothesis out of the standard vocabulary and the usual value shapes.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from form_variants import STYLES, Grid, Row, Style, dev_grids, read_variant, render, silently_wrong
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import AssistantError
from assistant.evaluate.align import norm
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.extract.parsers.form.labels import _is_label
from assistant.ingest import read_bytes


def _read(grid: Grid, style: Style):
    result = read_variant(grid, style)
    assert result is not None
    return result


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
def test_dev_grids_neversilently_wrong(style):
    """Every style, every dev grid: the indicators are the gold's, or a failure says where to look."""
    assert silently_wrong(DEV if style.values != "sbs" else DEV_BOTH, style) == []


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


# ---- how real tables differ beyond their separators (round 4) -----------------------------------

#: each perturbation once with every separator × label placement × value columns (the whole
#: matrix with every dev grid is ``benchmarks/bench_form_variants.py``)
_PERTURBED = [
    replace(Style(sep, labels, values), **change)
    for change in (
        {"order": "annual_first"},
        {"order": "period_only"},
        {"tail": "selfeval"},
        {"tail": "notes"},
        {"wrap": True},
        {"repeat_header": True},
    )
    for sep in ("pipe", "tab", "spaces", "line")
    for labels in ("first", "mixed")
    for values in ("single", "annual", "split", "unit", "sbs")
]
_PERTURBED = [s for s in _PERTURBED if any(render(g, s) is not None for g in (DEV_BOTH if s.order else DEV))]


@pytest.mark.parametrize("style", _PERTURBED, ids=Style.label)
def test_perturbed_dev_grids_neversilently_wrong(style):
    """Columns reordered or missing, notes and scores at the right, wrapped names, the header
    printed again at a page break: the indicators are the gold's, or a failure says where."""
    assert silently_wrong(DEV_BOTH if style.values == "sbs" or style.order else DEV, style) == []


@pytest.mark.parametrize(
    "change",
    [
        {"order": "annual_first"},
        {"order": "period_only"},
        {"tail": "selfeval"},
        {"wrap": True},
        {"repeat_header": True},
    ],
    ids=lambda c: "-".join(str(v) for v in c.values()),
)
@pytest.mark.parametrize("sep", ["pipe", "markdown"])
def test_perturbed_dev_grids_exact_where_cells_keep_their_columns(change, sep):
    """Where ``|`` keeps every cell in its column, a grid reads exactly whatever the order of its
    value columns, the notes after them, a name wrapped inside its cell or a page break."""
    style = replace(Style(sep, "every", "annual"), **change)
    pool = DEV_BOTH if style.order else DEV
    rendered = [g for g in pool if render(g, style) is not None and _known_labels(g)]
    exact = [g.stem for g in rendered if (lambda r: r[0] == r[1])(_read(g, style))]
    assert rendered and len(exact) >= 0.9 * len(rendered)


def test_unknown_column_heads_are_not_indicators():
    """Column heads the rules have no word for (指标说明, 指标值类型, 指标值内容) on the header row
    are heads: the first indicator is the first body row, 指标值类型 holds the comparison."""
    text = (
        "项目名称：某项目\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值类型 | 目标值 | 度量单位 | 指标值内容 | 指标说明 |\n"
        "产出指标 | 数量指标 | 培训人次 | ≥ | 200 | 人次 | 反映培训人次 | 无 |\n"
        "成本指标 | 经济成本指标 | 项目经费 | ≤ | 70 | 万元 | 反映项目经费 | 无 |\n"
        "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥ | 95 | % | 反映满意度 | 无 |\n"
    )
    table = extract(read_bytes(text.encode("utf-8"), "heads.txt"), "rules")
    got = [
        (i.level1_name, i.level1_code, i.level2_code, i.name, i.annual_value) for i in table.projects()[0].indicators
    ]
    assert got == [
        ("产出指标", "1", "11", "培训人次", "≥200人次"),
        ("成本指标", "1", "14", "项目经费", "≤70万元"),  # 成本指标 as a 一级 (财预〔2021〕101号)
        ("满意度指标", "3", "31", "学员满意度", "≥95%"),
    ]


@pytest.mark.parametrize("sep", ["pipe", "spaces", "line"])
def test_several_forms_on_one_page(sep):
    """A page publishing two projects' forms one after the other gives two projects, each with
    its own indicators, however the cells are separated."""
    grids = [g for g in DEV if len(g.rows) >= 3 and all(_known_labels(replace(g, rows=(r,))) for r in g.rows)][:2]
    style = Style(sep, "every", "single")
    texts = [render(g, style) for g in grids]
    assert all(texts)
    heads = [f"某单位 单位：万元\n项目名称：{g.name}\n" for g in grids]
    text = "".join(h + t.split("\n", 1)[1].replace("填报人：张三\n", "") for h, t in zip(heads, texts))
    table = extract(read_bytes(text.encode("utf-8"), "two.txt"), "rules")
    assert [p.name for p in table.projects()] == [g.name for g in grids]
    for project, grid in zip(table.projects(), grids):
        assert [norm(i.name) for i in project.indicators] == [norm(r.name) for r in grid.rows]


# ---- whole dev documents re-separated -----------------------------------------------------------


@pytest.mark.parametrize("style", ["spaces", "lines", "line_pipes"])
def test_dev_documents_copied_with_other_separators_are_never_silently_worse(style):
    """The same form reaching us as space-separated text or one cell per line (with or without
    ``|`` closers): the header and the indicators read as well as from the ``|`` original, or
    a failure says where to look."""
    from form_variants import dev_pipe_documents, reseparate

    from assistant.evaluate.metrics import project_flags, score_table, summarize
    from assistant.gold import load_gold

    def metrics(record, text):
        table = extract(read_bytes(text.encode("utf-8"), "copy.txt"), "rules")
        samples = score_table(
            to_interchange(record.table, with_meta=False),
            to_interchange(table, with_meta=False),
            record="copy",
            pred_flags=project_flags(table),
        )
        return summarize(samples)["metrics"], table.failures

    documents = dev_pipe_documents()
    assert len(documents) >= 15  # a broken loader must not pass silently
    silent = []
    for folder in documents:
        [record] = load_gold(folder)
        text = record.source_path.read_text(encoding="utf-8")
        copied = reseparate(text, style)
        if copied is None:
            continue
        try:
            original, _ = metrics(record, text)
            got, failures = metrics(record, copied)
        except AssistantError:
            continue  # refused: said so
        keys = ("indicator_f1", "project_name", "amounts", "goal_exact")
        if any((got[k] or 0) < (original[k] or 0) - 1e-9 for k in keys) and not failures:
            silent.append(folder.name)
    assert silent == []


@pytest.mark.parametrize("tail", ["", "national", "weights", "reason"])
@pytest.mark.parametrize("values", ["split", "unit", "direction"])
@pytest.mark.parametrize("labels", ["first", "every", "mixed"])
def test_dev_grids_one_cell_per_line_with_sign_unit_and_selfeval_columns(labels, values, tail):
    """One cell per line, 指标性质 | 指标值 | 计量单位 (the 2021+ 财政部 template; 云南 a07, 四川 f02)
    or 指标性质 正向/反向 | 指标方向 ≥ | 目标值 | 计量单位 (内蒙古 d11), then a 自评表's 实际完成值 |
    分值 | 得分 | 偏差原因: an empty 指标性质 (a value with no comparison) and the empty 偏差原因
    leave no line, so a row's cells are fewer than its columns. The next indicator's name after
    a row's cells is a name, not a score or a note, and 正向 or a unit alone on its line is a
    cell, not a name: nearly every dev grid reads exactly, and none is silently wrong."""
    style = Style("line", labels, values, tail=tail)
    rendered = [g for g in DEV if render(g, style) is not None and _known_labels(g)]
    exact = [g.stem for g in rendered if (lambda r: r[0] == r[1])(_read(g, style))]
    assert rendered and len(exact) >= 0.9 * len(rendered)
    assert silently_wrong(DEV, style) == []


#: the 国家发展改革委 template for 中央预算内投资 projects (以工代赈): 一级 实施效果指标 over the
#: usual 一级 words as its 二级, 一级 过程管理指标 over 计划/资金/项目管理指标 and 监督检查指标
_INVESTMENT = Grid(
    "某某以工代赈示范工程",
    (
        Row("实施效果指标", "产出指标", "劳务报酬占中央投资比例", None, "≥30%"),
        Row("实施效果指标", "产出指标", "带动务工群众人数", None, "≥120人"),
        Row("实施效果指标", "效益指标", "项目区基础设施条件", None, "持续改善"),
        Row("实施效果指标", "满意度指标", "务工群众满意度", None, "≥90%"),
        Row("过程管理指标", "计划管理指标", "投资计划分解用时", None, "≤20工作日"),
        Row("过程管理指标", "资金管理指标", "中央预算内投资支付率", None, "≥95%"),
        Row("过程管理指标", "项目管理指标", "项目开工率", None, "≥95%"),
        Row("过程管理指标", "监督检查指标", "审计指出问题项目比例", None, "≤1%"),
    ),
    "investment",
)


@pytest.mark.parametrize(
    "style",
    [s for s in STYLES if s.values in ("single", "annual") and not s.extra],
    ids=Style.label,
)
def test_investment_template_levels(style):
    """The 中央预算内投资 template's levels (安徽 g05; b07) in every separator: 产出指标 under
    实施效果指标 is a 二级 label, not a new 一级, and the template's codes are not the category
    system's. Exact where the labels sit on their group's first row or on every row; centred
    labels are read or flagged, never silently wrong."""
    grids = [_INVESTMENT, *[g for g in DEV if g.stem.startswith("g05")]]
    for grid in grids:
        if render(grid, style) is None:
            continue
        got, want, failures = _read(grid, style)
        if style.labels != "middle":
            assert got == want, grid.stem
        else:
            assert got == want or failures, grid.stem
    if style.labels != "middle":
        table = extract(read_bytes(render(_INVESTMENT, style).encode("utf-8"), "v.txt"), "rules")
        assert {(i.level1_code, i.level2_code) for _, i in table.indicators()} == {(None, None)}


def _described(grid: Grid, sep: str) -> str:
    """The grid under 湖南's 专项资金绩效目标表 heads: 三级指标 | 指标内容 | 指标值 | 绩效标准, each
    name's 指标内容 restating it (补贴覆盖率 | 全年补贴覆盖率), the 绩效标准 计划标准."""
    cells = [["一级指标", "二级指标", "三级指标", "指标内容", "指标值", "绩效标准"]]
    cells += [[r.level1 or "", r.level2 or "", r.name, f"全年{r.name}", r.annual or "", "计划标准"] for r in grid.rows]
    if sep == "pipe":
        lines = ["| " + " | ".join(row) + " |" for row in cells]
    elif sep == "line":
        lines = [c for row in cells for c in row if c]
    else:  # run: a row's cells with no separator at all
        lines = ["".join(row) for row in cells]
    return "\n".join([f"项目名称：{grid.name}", "绩效指标", *lines, "填报人：张三"]) + "\n"


@pytest.mark.parametrize("sep", ["pipe", "line", "run"])
def test_description_column_after_the_name(sep):
    """三级指标 | 指标内容 (湖南 h07; the template's 指标内容 column named the indicator in 湖南 h08,
    where no 三级指标 column stands before it): the 指标内容 after 三级指标 describes the
    indicator, it is neither its name nor a second block's. Cells kept apart read exactly; text
    run together reads the name its description restates, flagged, never silently wrong."""
    rendered = [
        g
        for g in DEV
        if not any(r.period for r in g.rows)
        and all(r.annual and r.level1 and r.level2 for r in g.rows)
        and not any(_is_label(r.name) for r in g.rows)
    ]
    exact = 0
    for grid in rendered:
        table = extract(read_bytes(_described(grid, sep).encode("utf-8"), "v.txt"), "rules")
        got = [(norm(i.name), norm(i.annual_value)) for _, i in table.indicators()]
        want = [(norm(r.name), norm(r.annual)) for r in grid.rows]
        exact += got == want
        assert got == want or table.failures, grid.stem
    if sep != "run":
        assert exact >= 0.9 * len(rendered)
