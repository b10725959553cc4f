"""Filled-in templates and traditional mirrors: what a template leaves behind is not an indicator
or a value (a unit printed where no number was filled in, a 一级 cell printed cut to its first
character), and a note column is known by its 原因 whatever its full heading. Each case is
written with ``|``, tabs or one cell per line, in simplified and in traditional characters.
"""

from __future__ import annotations

import pytest
import zhconv

from assistant.extract import extract
from assistant.ingest import read_bytes

SEPS = ["pipe", "tab", "line"]


def _text(rows: list[list[str]], sep: str, traditional: bool) -> str:
    if sep == "pipe":
        text = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    elif sep == "tab":
        text = "\n".join("\t".join(r) for r in rows)
    elif sep == "spaces":
        text = "\n".join("    ".join(c for c in r if c) for r in rows)
    elif sep == "run":  # a web page or a PDF copied without spaces: a row's cells joined
        text = "\n".join("".join(r) for r in rows)
    else:
        text = "\n".join(c for r in rows for c in r if c)
    return zhconv.convert(text, "zh-hant") if traditional else text


def _indicators(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")
    return table, [(i.name, i.annual_value) for i in table.projects()[0].indicators]


def _conv(pairs, traditional):
    c = (lambda s: zhconv.convert(s, "zh-hant") if s else s) if traditional else (lambda s: s)
    return [(c(n), c(v)) for n, v in pairs]


HEAD = [
    ["项目名称", "乡镇污水处理设施运维"],
    ["主管部门", "示例县生态环境局"],
    ["年度目标", "保障污水处理设施正常运行。"],
]


@pytest.mark.parametrize(
    "note",
    ["未完成原因", "未达到指标值原因", "产生差异的原因及改进措施", "偏差原因分析及改进措施", "原因分析"],
)
@pytest.mark.parametrize("sep", ["pipe", "tab"])
@pytest.mark.parametrize("traditional", [False, True])
def test_a_note_column_is_known_by_its_reason(note, sep, traditional):
    """The last column of a 自评表 grid, headed by why a target was missed: never an indicator."""
    rows = [
        *HEAD,
        ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", note],
        ["产出指标", "数量指标", "运维污水处理站点数", "12个", "12个", ""],
        ["", "质量指标", "出水水质达标率", "≥95%", "96%", ""],
    ]
    _, got = _indicators(_text(rows, sep, traditional))
    assert got == _conv([("运维污水处理站点数", "12个"), ("出水水质达标率", "≥95%")], traditional)


TEMPLATE = [
    *HEAD,
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "指标1:新建管网长度", "公里"],
    ["", "", "指标2:改造处理站点数", "≥3个"],
    ["", "", "指标3:服务覆盖人口", "万人"],
    ["", "质量指标", "指标1:出水水质达标率", "≧ %"],
    ["", "", "指标2:", ""],
]


@pytest.mark.parametrize("sep", SEPS)
@pytest.mark.parametrize("traditional", [False, True])
def test_a_unit_with_no_number_is_a_blank_of_the_template(sep, traditional):
    """公里, 万人, ≧ %: the template printed the unit and nobody filled in the number; the value
    is empty (and flagged missing by the checks), the filled-in one is kept, the empty row dropped."""
    table, got = _indicators(_text(TEMPLATE, sep, traditional))
    assert got == _conv(
        [("新建管网长度", None), ("改造处理站点数", "≥3个"), ("服务覆盖人口", None), ("出水水质达标率", None)],
        traditional,
    )


@pytest.mark.parametrize("stub", ["产", "产出"])
@pytest.mark.parametrize("traditional", [False, True])
def test_a_level1_cell_printed_cut_is_not_an_indicator(stub, traditional):
    """One cell per line: 产 (the merged 产出指标 cell printed as its first line) before 数量指标."""
    rows = [
        *HEAD,
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        [stub, "数量指标", "运维污水处理站点数", "12个", "12个"],
        ["质量指标", "出水水质达标率", "≥95%", "96%"],
    ]
    _, got = _indicators(_text(rows, "line", traditional))
    assert got == _conv([("运维污水处理站点数", "12个"), ("出水水质达标率", "≥95%")], traditional)


def test_a_short_name_that_starts_no_level_name_is_kept():
    """产能 is not the start of 产出指标: a two-character name stays an indicator."""
    rows = [
        *HEAD,
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["产出指标", "数量指标", "产能", "500吨", "520吨"],
        ["质量指标", "出水水质达标率", "≥95%", "96%"],
    ]
    _, got = _indicators(_text(rows, "line", False))
    assert ("产能", "500吨") in got


@pytest.mark.parametrize("sep", ["pipe", "tab"])
@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("name", ["满意度", "服务对象满意度"])
def test_a_name_that_is_a_level_word_after_both_labels_is_the_name(sep, traditional, name):
    """满意度指标 | 服务对象满意度指标 | 满意度 | ≥ | 95 | %: both labels are given, so the third
    word, followed by values, is the 三级 name (e08), while a long name starting with a number
    stays a name (1290.3平方米冷库建设)."""
    rows = [
        *HEAD,
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "1290.3平方米冷库建设", "≥1290.3平方米"],
        ["满意度指标", "服务对象满意度指标", name, "≥95%"],
    ]
    table, got = _indicators(_text(rows, sep, traditional))
    assert got == _conv([("1290.3平方米冷库建设", "≥1290.3平方米"), (name, "≥95%")], traditional)
    last = table.projects()[0].indicators[-1]
    assert last.level2_name == _conv([("服务对象满意度指标", None)], traditional)[0][0]


@pytest.mark.parametrize("sep", ["pipe", "tab", "spaces", "line"])
@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("name", ["2022年全年", "1年", "2020年12月完成"])
def test_a_name_that_looks_like_a_value_after_two_labels_stays_the_name(sep, traditional, name):
    """产出指标 | 时效指标 | 2022年全年 | ≥360天 | 360天 | 10 | 10, the labels printed on every row of
    a 自评表: with two labels only, the cell after them is the 三级 name however much it looks
    like a time (e05, a11, f07 of three sites), not the 二级 label taken as the name."""
    rows = [
        *HEAD,
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "开放天数", "≥300天", "320天", "10", "10"],
        ["产出指标", "时效指标", name, "≥360天", "360天", "10", "10"],
        ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "95%", "10", "10"],
    ]
    table, got = _indicators(_text(rows, sep, traditional))
    assert got == _conv([("开放天数", "≥300天"), (name, "≥360天"), ("读者满意度", "≥90%")], traditional)
    assert table.projects()[0].indicators[1].level2_name == _conv([("时效指标", None)], traditional)[0][0]


LEFTOVERS = [
    *HEAD,
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "指标1:新建管网长度", "5公里"],
    ["", "", "指标2:改造处理站点数", "≥3个"],
    ["", "", "指标3:", "……"],
    ["", "质量指标", "指标1:出水水质达标率", "≥95%"],
    ["", "", "指标2:请填写指标名称", "请填写"],
    ["", "", "指标3:**", "**"],
    ["效益指标", "社会效益指标", "指标1:服务覆盖人口", "≥2万人"],
    ["", "", "（请填写）", ""],
    ["", "", "指标2:××", "××"],
    ["满意度指标", "服务对象满意度指标", "指标1:群众满意度", "≥90%"],
]


@pytest.mark.parametrize("sep", ["pipe", "tab", "line", "run"])
@pytest.mark.parametrize("traditional", [False, True])
def test_leftover_placeholders_of_a_template_are_never_indicators(sep, traditional):
    """指标3: with ……, ** rows, the filling guide's 请填写… and ×× left in a filled-in template:
    none is an indicator, whatever separates the cells (run together too)."""
    _, got = _indicators(_text(LEFTOVERS, sep, traditional))
    assert got == _conv(
        [
            ("新建管网长度", "5公里"),
            ("改造处理站点数", "≥3个"),
            ("出水水质达标率", "≥95%"),
            ("服务覆盖人口", "≥2万人"),
            ("群众满意度", "≥90%"),
        ],
        traditional,
    )


def _self_eval(level1: list[str], heads: list[str]) -> list[list[str]]:
    """A 自评表 of the 财政部 template, its cells numbered (指标1:) and the empty ones dropped: the
    一级 cell holds its label with its points, or the points alone when the label was lost."""
    return [
        *HEAD,
        ["一级指标", "二级指标", "三级指标", *heads],
        [level1[0], "数量指标", "指标1:新建管网长度", "5公里", "5公里", "10", "10"],
        ["", "", "指标2:", "……"],
        ["", "质量指标", "指标1:出水水质达标", "10", "9"],
        ["", "", "指标2:", "……"],
        [level1[1], "社会效益指标", "指标1:服务覆盖人口", "20", "20"],
        ["", "", "指标2:", "……"],
        ["满意度指标（10分）", "服务对象满意度指标", "指标1:群众满意度", "≥90%", "95%", "10", "10"],
    ]


@pytest.mark.parametrize("sep", ["line", "spaces"])
@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("level1", [["（50分）", "（30分）"], ["产出指标（50分）", "效益指标（30分）"]])
@pytest.mark.parametrize(
    "heads",
    [
        ["年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["年度指标值", "实际完成值", "分值", "得分"],
        ["年度目标值", "全年实际值", "权重", "得分", "未完成原因"],
    ],
)
def test_a_self_eval_row_with_only_its_scores_has_no_target(sep, traditional, level1, heads):
    """``指标1:出水水质达标 10 9`` under 年度指标值 | 实际完成值 | 分值 | 得分: the two numbers are
    the 分值 and 得分 (filled in every row), not a target and its result; the target is left
    empty and a failure says the cells were placed by guess. A (30分) alone in the 一级 cell is
    not a value of the row above, and the 二级 code, not the one 满意度指标 written, gives the
    rows above it their 一级."""
    table, got = _indicators(_text(_self_eval(level1, heads), sep, traditional))
    assert got == _conv(
        [("新建管网长度", "5公里"), ("出水水质达标", None), ("服务覆盖人口", None), ("群众满意度", "≥90%")],
        traditional,
    )
    codes = [(i.level1_code, i.level2_code) for i in table.projects()[0].indicators]
    assert codes == [("1", "11"), ("1", "12"), ("2", "22"), ("3", "31")]
    flagged = [f for f in table.failures if f.field == "指标值"]
    assert any(f.code == "FORM_VALUES_UNPLACED" for f in flagged)
