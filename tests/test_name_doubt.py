"""A project name holding another field's key or a sentence is flagged on 项目名称, whatever read it.

The readers cut most run-on names themselves (FORM_NAME_SENTENCE); this check is the net under
every reader, so it is tested on a read table whose name is then set as a wrong reading would.
"""

from __future__ import annotations

import pytest

from assistant.extract import extract
from assistant.extract.name_doubt import flag_doubtful_names
from assistant.ingest import read_bytes

_FORM = (
    "项目名称：乡村道路养护\n"
    "主管部门：某县教育局\n"
    "年度资金总额：100万元\n"
    "年度目标：完成乡村道路养护300公里。\n"
    "一级指标|二级指标|三级指标|指标值\n"
    "产出指标|数量指标|养护里程|300公里\n"
)


def _flagged(name: str) -> bool:
    doc = read_bytes(_FORM.encode("utf-8"), "form.txt")
    table = extract(doc, "rules")
    [project] = table.projects()
    project.name = name
    before = len(table.failures)
    flag_doubtful_names(doc, table)
    return any(f.code == "PROJECT_NAME_DOUBTFUL" and f.field == "项目名称" for f in table.failures[before:])


@pytest.mark.parametrize(
    "name",
    [
        "单位代码单位(专项)名称资金总额实施期绩效目标",  # the form's row of keys read as the name
        "乡村道路养护，保障群众出行安全",  # a sentence
        "乡村道路养护" * 12,  # longer than any name
    ],
)
def test_a_doubtful_name_is_flagged(name):
    assert _flagged(name)


@pytest.mark.parametrize(
    "name", ["2021年乡村道路养护项目(第一批)", "2021年中央动物防疫等补助经费项目。", "部门整体绩效目标"]
)
def test_a_plain_name_is_not_flagged(name):
    assert not _flagged(name)


def test_the_form_reads_its_name_unflagged():
    table = extract(read_bytes(_FORM.encode("utf-8"), "form.txt"), "rules")
    assert not any(f.code == "PROJECT_NAME_DOUBTFUL" for f in table.failures)
