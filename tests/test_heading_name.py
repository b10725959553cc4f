"""A form with no 项目名称 is named by its heading (parsers/heading_name.py): whole-department
tables (部门整体绩效目标) by the heading as written, other headings without year, amount and kind.

The forms are rendered from dev grids (tests/form_variants.py) with a 部门整体 key block in the
template's spellings (heading, 部门名称 / 部门（单位）名称 / *部门名称, *年度绩效总目标), in
every separator style and in traditional characters.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
import zhconv
from form_variants import STYLES, dev_grids, render

from assistant.extract import extract
from assistant.extract.parsers.heading_name import name_from_heading
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


@pytest.mark.parametrize(
    "heading,name,cut",
    [
        ("2020年忠烈祠免费开放经费236.25万元部门整体支出绩效自评表", "忠烈祠免费开放经费", True),
        ("2020年忠烈祠免費開放經(jīng)費236.25萬元部門整體支出績效自評表", "忠烈祠免費開放經費", True),
        ("表1：某某工作经费项目绩效目标", "某某工作经费项目", True),
        ("某某项目 2023 年度绩效目标", "某某项目", True),
        ("2019年某某补助资金项目支出绩效目标表", "某某补助资金项目", True),
        ("某专项资金（120万元）绩效目标批复表", "某专项资金", True),
        ("部门整体支出绩效目标申报表", "部门整体支出绩效目标申报表", False),
    ],
)
def test_a_heading_gives_the_name_without_year_amount_and_kind(heading, name, cut):
    assert name_from_heading(heading) == (name, cut)


@pytest.mark.parametrize("title", ["项目支出绩效目标表", "财政项目支出绩效自评表", "绩效目标表", "专项资金绩效目标表"])
def test_a_generic_title_names_nothing(title):
    assert name_from_heading(title) is None


@pytest.mark.parametrize("sep", ["pipe", "tab", "line"])
def test_a_form_under_a_fund_heading_is_named_and_flagged(sep):
    grid = GRIDS[0]
    style = next(s for s in BASIC if s.sep == sep and not s.traditional)
    text = render(grid, style).replace(
        f"项目名称：{grid.name}", "2020年某某免费开放经费36.5万元部门整体支出绩效自评表\n单位名称：某局"
    )
    table = extract(read_bytes(text.encode("utf-8"), "f.txt"), "rules")
    assert table.projects()[0].name == "某某免费开放经费"
    assert "PROSE_NAME_FROM_HEADING" in {f.code for f in table.failures}


def _read_text(text: str):
    return extract(read_bytes(text.encode("utf-8"), "notice.txt"), "rules")


def test_a_name_cell_cut_by_the_texts_end_is_completed_from_the_heading_above():
    """n03 (dev): the page store cut the text inside the 绩效目标表's 项目名称 cell; the caption right
    above the form names the fund whole, so the cut name is completed from it (year kept, as the
    cell starts), flagged. The dev document's own text, whole."""
    source = next((Path(__file__).parent.parent / "gold" / "real").glob("n03-*")) / "source.txt"
    table = extract(read_bytes(source.read_bytes(), "n03.txt"), "rules")
    assert table.projects()[0].name == "2025年市級財政鄉村振興專項資金(第一批整鎮推進創建鄉鎮獎補)"
    assert "PROSE_NAME_CUT_COMPLETED" in {f.code for f in table.failures}


def test_a_name_cell_that_is_not_cut_is_not_completed():
    source = next((Path(__file__).parent.parent / "gold" / "real").glob("n03-*")) / "source.txt"
    text = source.read_text(encoding="utf-8") + "\n實施單位 |\n安溪縣農業農村局 |\n"  # the text goes on after the cell
    table = _read_text(text)
    assert table.projects()[0].name == "2025年市級財政鄉村振興專"
    assert "PROSE_NAME_CUT_COMPLETED" not in {f.code for f in table.failures}
