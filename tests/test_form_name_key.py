"""A form's name that runs on into the next key on one line (a PDF cover in one line of text) is
cut at that key and flagged (form/build.py)."""

from __future__ import annotations

from pathlib import Path

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


def test_a_name_with_a_colon_word_that_is_no_key_is_left_whole():
    from assistant.extract.parsers.form.build import _KEY_IN_NAME
    from assistant.extract.parsers.form.labels import _key_field

    name = "小区综合整新 项目单位:塘桥街道"
    assert _key_field(_KEY_IN_NAME.search(name).group("key")) == "unit"
    # 备注: is not one of the form's keys: nothing is cut
    other = _KEY_IN_NAME.search("某某道路改造 备注:二期")
    assert other is not None and _key_field(other.group("key")) is None
