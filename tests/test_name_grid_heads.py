"""Grids with no level columns headed 指标 or 指标名称 (grid.py ``_named_head``, several_forms.py).

重庆's 一般性项目绩效目标表 heads its grid 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值 (潼南, h05);
梁平 (g19) heads the same column 指标名称. The grid is perturbed the ways the dev copies differ:
separators (``|`` rows, one cell per line closed by ``|``, bare lines, tabs), the order of the
sign and unit columns, the name head's spelling, traditional characters, and two forms on one
page. Every reading is either the one written or flagged; levels stay empty (none is written).
"""

from __future__ import annotations

import itertools

import pytest
import zhconv

from assistant.extract import extract
from assistant.ingest import read_bytes

ROWS = [  # name, weight, unit, sign, value → annual value
    ("发放人数", "20", "人", "≥", "80", "≥80人"),
    ("是否按时足额发放", "10", "%", "≥", "95", "≥95%"),
    ("发放金额", "20", "万元", "≥", "9.31", "≥9.31万元"),
    ("促进社会和谐", "20", "", "定性", "", None),
]


def _form(name: str, head: str, order: str, amount: str) -> list[list[str]]:
    heads = {
        "unit_first": ["指标权重", "计量单位", "指标性质", "指标值"],
        "sign_first": ["指标权重", "指标性质", "计量单位", "指标值"],
    }[order]
    cells = [["编制单位:", "813-某某镇", "单位:万元"], ["专项资金名称", name], ["业务主管部门", "813-某某镇"]]
    cells += [["当年预算", amount], ["当年绩效目标", "按时足额发放,保障权益"], ["绩效指标", head, *heads]]
    for n, weight, unit, sign, value, _ in ROWS:
        by = {"指标权重": weight, "计量单位": unit, "指标性质": sign, "指标值": value}
        cells.append([n, *(by[h] for h in heads)])
    return cells


def _render(rows: list[list[str]], sep: str) -> str:
    if sep == "pipe":
        return "".join(" | ".join(r) + " |\n" for r in rows)
    if sep == "tab":
        return "".join("\t".join(r) + "\n" for r in rows)
    if sep == "cell_pipe":  # one cell per line, each closed by |, an empty cell a bare |
        return "".join(f"{c} |\n" if c else "|\n" for r in rows for c in r)
    raise ValueError(sep)


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")


def _check(table, names: list[str]) -> tuple[int, int]:
    """(right, flagged) projects; fails on a project read silently wrong."""
    right = flagged = 0
    assert [p.name for p in table.projects()] == names
    for project in table.projects():
        got = [(i.name, i.annual_value, i.level1_code, i.level2_code) for i in project.indicators]
        want = [(r[0], r[5], None, None) for r in ROWS]
        if got == want:
            right += 1
        else:
            assert table.failures, (project.name, got)
            flagged += 1
    return right, flagged


@pytest.mark.parametrize("sep", ["pipe", "tab", "cell_pipe"])
@pytest.mark.parametrize("head", ["指标", "指标名称"])
@pytest.mark.parametrize("order", ["unit_first", "sign_first"])
def test_name_grid_with_no_level_columns_reads_or_says_so(sep, head, order):
    right, _ = _check(_read(_render(_form("在职村村干部补助", head, order, "9.31"), sep)), ["在职村村干部补助"])
    assert right == 1 or sep == "tab"  # tabs drop empty cells: flagged is enough there


@pytest.mark.parametrize("sep", ["pipe", "cell_pipe"])
def test_traditional_name_grid(sep):
    text = zhconv.convert(_render(_form("在職村村幹部補助", "指標", "unit_first", "9.31"), sep), "zh-hant")
    table = _read(text)
    assert len(table.projects()) == 1
    project = table.projects()[0]
    assert [i.annual_value for i in project.indicators][:2] == ["≥80人", "≥95%"] or table.failures


@pytest.mark.parametrize(("sep", "order"), list(itertools.product(["pipe", "cell_pipe"], ["unit_first", "sign_first"])))
def test_two_forms_on_one_page_are_two_projects(sep, order):
    page = "表十二 |\n" + _render(_form("某某镇汇总项目库", "指标", order, "229.66"), sep)
    page += "表十二 |\n" + _render(_form("在职村村干部补助", "指标", order, "9.31"), sep)
    table = _read(page)
    right, _ = _check(table, ["某某镇汇总项目库", "在职村村干部补助"])
    assert right == 2
    assert [str(p.amounts.total) for p in table.projects()] == ["229.66", "9.31"]


def test_a_wrapped_level_head_is_not_a_name_head():
    """一级 | 指标 wrapped over two lines leaves a bare 指标: with the level heads there, the
    grid is read as a level grid, never as a name grid."""
    text = (
        "项目名称 | 某项目 |\n年度资金总额 | 10 |\n年度目标 | 完成 |\n"
        "一级 |\n指标 |\n二级指标 |\n三级指标 |\n指标值 |\n"
        "产出指标 |\n数量指标 |\n培训人次 |\n≥200人次 |\n"
    )
    project = _read(text).projects()[0]
    assert [(i.name, i.level1_code, i.annual_value) for i in project.indicators] == [("培训人次", "1", "≥200人次")]
