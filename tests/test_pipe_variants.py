"""Web-page flattenings of the indicator grid and the 自评表's columns (round 5): never silently
wrong, and exact where the text says where each cell belongs.

The perturbations are the ones ``benchmarks/bench_pipe_variants.py`` runs over every dev grid
and style (empty cells dropped, the second page's header repeated or missing, a row cut after
its name, 实施期 / 中期 heads, four provincial self-evaluation layouts, a two-row header, the
closing 自评总分 rows, targets never filled in, a target head the rules have no word for); here
each is taken with a few styles, and the mechanisms are pinned by small forms.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from form_variants import Style, dev_grids, read_variant, render, silently_wrong

from assistant.extract import extract
from assistant.extract.parsers.form.grid import _value_targets
from assistant.ingest import read_bytes

DEV = dev_grids()
DEV_BOTH = [replace(g, rows=tuple(replace(r, period=r.period or r.annual) for r in g.rows)) for g in DEV]

_CHANGES = [
    {"drop_empty": True},
    {"page": "header"},
    {"page": "bare"},
    {"split_row": True},
    {"period_word": "实施期指标值"},
    {"period_word": "中期指标值"},
    {"tail": "national", "drop_empty": True},
    {"tail": "reason", "drop_empty": True},
    {"tail": "ab", "drop_empty": True},
    {"tail": "weights", "drop_empty": True},
    {"tail": "national", "two_row_head": True},
    {"tail": "national", "ending": "自评总分"},
    {"tail": "reason", "ending": "综合得分"},
    {"blanks": True},
    {"tail": "national", "blanks": True, "drop_empty": True},
    {"tail": "ab", "blanks": True, "drop_empty": True},
    {"target_head": "考核标准"},
]
_BASES = [
    ("pipe", "first", "annual"),
    ("tab", "mixed", "split"),
    ("fullpipe", "every", "single"),
    ("pipe", "first", "sbs_plain"),
    ("tab", "every", "sbs_full"),
    ("tab", "first", "unit"),
]
_STYLES = [replace(Style(sep, labels, values), **change) for change in _CHANGES for sep, labels, values in _BASES]


def _pool(style: Style):
    return DEV_BOTH if style.values.startswith("sbs") or style.period_word else DEV


_STYLES = [s for s in _STYLES if any(render(g, s) is not None for g in _pool(s))]


@pytest.mark.parametrize("style", _STYLES, ids=Style.label)
def test_flattened_dev_grids_never_silently_wrong(style):
    """Each dev grid in the style: its indicators are the gold's, or a failure says where."""
    assert silently_wrong(_pool(style), style) == []


@pytest.mark.parametrize(
    "change",
    [{"period_word": "实施期指标值"}, {"period_word": "中期指标值"}, {"tail": "national", "two_row_head": True}],
    ids=lambda c: "-".join(str(v) for v in c.values()),
)
def test_heads_read_by_their_words_exact(change):
    """实施期 / 中期 heads are the period value; a two-row header splitting 年度指标值 reads
    its parts in place: where ``|`` keeps every cell, nearly every grid reads exactly."""
    values = "split" if change.get("two_row_head") else "annual"
    style = replace(Style("pipe", "every", values), **change)
    pool = DEV_BOTH if change.get("period_word") else DEV
    rendered = [g for g in pool if render(g, style) is not None]
    exact = [g for g in rendered if (lambda r: r[0] == r[1])(read_variant(g, style))]
    assert rendered and len(exact) >= 0.9 * len(rendered)


@pytest.mark.parametrize(
    ("head", "target"),
    [
        ("实施周期指标值", "period_value"),
        ("实施期指标值", "period_value"),
        ("中期指标值", "period_value"),
        ("年度指标值", "annual_value"),
        ("全年指标值", "annual_value"),
        ("计划值", "annual_value"),
        ("预期2022年值", "annual_value"),
        ("年初目标值(A)", "annual_value"),
        ("指标值（包含数字及文字描述）", "annual_value"),
        ("实际完成值", None),
        ("全年实际完成值", None),
        ("2021年实际值", None),
        ("上年完成值", None),
        ("指标值设置依据", None),
        ("指标值说明", None),
        ("分值", None),
    ],
)
def test_value_heads(head, target):
    assert _value_targets([head]) == [target]


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    inds = table.units[0].projects[0].indicators
    return [(i.name, i.annual_value) for i in inds], [f.code for f in table.failures]


_SELF_EVAL_HEAD = "项目名称：某项目\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"


def test_blank_target_with_empty_cells_dropped_is_not_the_score():
    """A row whose target and achieved value were left empty, written with its empty cells
    dropped: its 分值 and 得分 are not the target (read empty, and the placing said)."""
    text = _SELF_EVAL_HEAD + (
        "| 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 210人次 | 20 | 20 |\n"
        "| 质量指标 | 培训合格率 | 20 | 18 |\n"
        "| 效益指标 | 社会效益指标 | 群众知晓率 | ≥90% | 92% | 30 | 30 |\n"
    )
    got, codes = _read(text)
    assert got == [("培训人次", "≥200人次"), ("培训合格率", None), ("群众知晓率", "≥90%")]
    assert "FORM_VALUES_UNPLACED" in codes


def test_full_self_eval_rows_with_the_reason_dropped_read_without_doubt():
    text = _SELF_EVAL_HEAD + (
        "| 产出指标 | 数量指标 | 培训人次 | 550 | 550 | 20 | 20 |\n"
        "| 质量指标 | 培训合格率 | ≥95% | 96% | 20 | 18 | 略低于预期 |\n"
    )
    got, codes = _read(text)
    assert got == [("培训人次", "550"), ("培训合格率", "≥95%")]
    assert "FORM_VALUES_UNPLACED" not in codes


def test_two_row_header_and_closing_total():
    """年度指标值 split over 指标性质 | 指标值 | 度量单位 in a second header row; the 自评总分 and
    自评等级 rows after the grid are not indicators."""
    text = (
        "项目名称：某项目\n"
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
        "| 指标性质 | 指标值 | 度量单位 |\n"
        "| 产出指标 | 数量指标 | 培训人次 | ≥ | 200 | 人次 | 210人次 | 50 | 50 |  |\n"
        "| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥ | 90 | % | 95% | 50 | 50 |  |\n"
        "| 自评总分 |  |  |  |  |  |  | 100 | 100 |  |\n"
        "| 自评等级 | 优 |\n"
    )
    got, _ = _read(text)
    assert got == [("培训人次", "≥200人次"), ("满意度", "≥90%")]


def test_target_column_by_shape_when_no_head_names_it():
    """A head the rules have no word for over cells shaped like targets: read, and said."""
    text = (
        "项目名称：某项目\n| 一级指标 | 二级指标 | 三级指标 | 考核标准 |\n"
        "| 产出指标 | 数量指标 | 培训人次 | ≥200人次 |\n| 质量指标 | 合格率 | ≥95% |\n"
    )
    got, codes = _read(text)
    assert got == [("培训人次", "≥200人次"), ("合格率", "≥95%")]
    assert "FORM_COLUMN_BY_SHAPE" in codes
    words = text.replace("≥200人次", "逐步提高").replace("≥95%", "明显改善")
    got, codes = _read(words)
    assert [v for _, v in got] == [None, None] and "FORM_NO_TARGET_COLUMN" in codes


def test_scores_under_the_target_head_are_flagged():
    """The column headed 指标值 holds points adding up to 100 (a 分值 column the heads put in the
    wrong place): the heads and the cells disagree, and a failure says so."""
    text = (
        "项目名称：某项目\n| 一级指标 | 二级指标 | 三级指标 | 指标值 | 标准 |\n"
        "| 产出指标 | 数量指标 | 培训人次 | 30 | ≥200人次 |\n| 质量指标 | 合格率 | 40 | ≥95% |\n"
        "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | 30 | ≥90% |\n"
    )
    _, codes = _read(text)
    assert "FORM_COLUMNS_DISAGREE" in codes
