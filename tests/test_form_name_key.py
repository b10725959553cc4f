"""A form's name that runs on into the next key on one line (a PDF cover in one line of text) ends
at that key (the key reader, form/header.py); a department's cell that runs on into a word with a
colon is cut there and flagged (form/build.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.extract import extract
from assistant.ingest import read_bytes

GOLD = Path(__file__).resolve().parent.parent / "gold" / "real"


def _codes(table) -> set[str]:
    return {f.code for f in table.failures}


def test_a_name_running_into_the_next_key_is_cut_there_and_flagged():
    # p02 (dev, 上海 浦东 塘桥): the report's cover as PDF text, one line: 项目名称: 小区综合整新 项目单位:塘桥街道 …
    source = next(GOLD.glob("p02-*")) / "source.txt"
    table = extract(read_bytes(source.read_bytes(), "p02.txt"), "rules")
    (project,) = table.projects()
    assert project.name == "小区综合整新"
    # the cover's 委托单位:/页码数: after the department are other fields: cut there, and said
    assert table.department == "塘桥街道办事处"
    assert "FORM_DEPARTMENT_CUT_AT_KEY" in _codes(table)


@pytest.mark.parametrize("sep", [" ", "  ", "\t", " | "])
def test_a_name_is_read_up_to_the_next_key_on_its_line(sep):
    text = f"项目支出绩效目标表\n项目名称：小区综合整新{sep}项目单位：塘桥街道\n主管部门：浦东新区\n"
    text += "一级指标  二级指标  三级指标  指标值\n产出指标  数量指标  整新小区数  5个\n"
    (project,) = extract(read_bytes(text.encode(), "cover.txt"), "rules").projects()
    assert project.name == "小区综合整新"
