"""Whole-department tables (部门整体绩效目标): the one project is named after the table's heading.

The forms are rendered from dev grids (tests/form_variants.py) with a 部门整体 key block in the
template's spellings (heading, 部门名称 / 部门（单位）名称 / *部门名称, *年度绩效总目标), in
every separator style and in traditional characters.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
import zhconv
from form_variants import STYLES, dev_grids, render

from assistant.extract import extract
from assistant.ingest import read_bytes

HEADINGS = ("部门整体绩效目标", "部门整体支出绩效目标申报表", "部门整体支出绩效目标表")
DEPT_LABELS = ("部门名称", "部门（单位）名称", "*部门名称", "部门名称：")
_JOIN = {"pipe": " | ", "markdown": " | ", "tab": "\t", "spaces": "    ", "line": "\n"}
GRIDS = dev_grids()[:4]
BASIC = [s for s in STYLES if s.labels == "first" and s.values == "single" and not s.extra and not s.short_header]


def _form(grid, style, heading: str, label: str) -> str | None:
    text = render(grid, replace(style, traditional=False))
    if text is None:
        return None
    sep = _JOIN[style.sep]
    block = f"{heading}\n部门编码{sep}316\n{label}{sep}浮梁县林业局\n*年度绩效总目标{sep}保证林业局职能实现。"
    text = text.replace(f"项目名称：{grid.name}", block)
    return zhconv.convert(text, "zh-hant") if style.traditional else text


@pytest.mark.parametrize("heading,label", list(itertools.product(HEADINGS, DEPT_LABELS)))
def test_the_project_is_named_after_the_heading(heading, label):
    read = 0
    for grid, style in itertools.product(GRIDS, BASIC):
        text = _form(grid, style, heading, label)
        if text is None:
            continue
        table = extract(read_bytes(text.encode("utf-8"), "dept.txt"), "rules")
        conv = (lambda s: zhconv.convert(s, "zh-hant")) if style.traditional else (lambda s: s)
        [project] = table.projects()
        assert project.name == conv(heading), (grid.stem, style)
        assert table.department == conv("浮梁县林业局"), (grid.stem, style)
        assert project.goal == conv("保证林业局职能实现。"), (grid.stem, style)
        assert "FORM_NO_NAME" not in {f.code for f in table.failures}
        read += 1
    assert read >= 20


def test_a_project_form_keeps_its_own_name_and_a_nameless_one_is_still_flagged():
    grid, style = GRIDS[0], BASIC[0]
    text = render(grid, style)
    named = extract(read_bytes(("部门整体绩效目标\n" + text).encode("utf-8"), "p.txt"), "rules")
    assert named.projects()[0].name == grid.name
    nameless = text.replace(f"项目名称：{grid.name}", "主管部门：某局")
    table = extract(read_bytes(nameless.encode("utf-8"), "p.txt"), "rules")
    assert table.projects()[0].name == "" and "FORM_NO_NAME" in {f.code for f in table.failures}
