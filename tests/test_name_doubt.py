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
        "卫生监督执法专项部门预算70.00",  # a money cell and its amount ran on
        "乡村道路养护经费50万元",
    ],
)
def test_a_doubtful_name_is_flagged(name):
    assert _flagged(name)


@pytest.mark.parametrize(
    "name",
    ["2021年乡村道路养护项目(第一批)", "2021年中央动物防疫等补助经费项目。", "部门整体绩效目标", "G318线养护工程2"],
)
def test_a_plain_name_is_not_flagged(name):
    assert not _flagged(name)


def test_the_form_reads_its_name_unflagged():
    table = extract(read_bytes(_FORM.encode("utf-8"), "form.txt"), "rules")
    assert not any(f.code == "PROJECT_NAME_DOUBTFUL" for f in table.failures)


def _read(text: str):
    return extract(read_bytes(text.encode("utf-8"), "form.txt"), "rules")


def _runs_on(table) -> bool:
    return any(f.code == "PROJECT_NAME_RUNS_ON" and f.field == "项目名称" for f in table.failures)


_RUN = "项目名称{name}补助区域县(区)主管部门某县民宗局资金总额:55\n年度目标:{goal}\n" + _FORM.split("\n", 4)[4]


def test_a_name_run_on_into_more_writing_and_written_nowhere_else_is_flagged():
    """Cells run together, an unknown key (补助区域) after the name: the name's end is a guess."""
    table = _read(_RUN.format(name="民族发展专项资金", goal="完成乡村道路养护300公里。"))
    assert _runs_on(table)


def test_a_run_on_name_the_document_writes_elsewhere_is_trusted():
    """The same name written again elsewhere (a sentence, the title) vouches for where it ends."""
    table = _read(_RUN.format(name="民族发展专项资金", goal="用好民族发展专项资金补助区域县(区)，完成养护300公里。"))
    assert not _runs_on(table)


def test_a_name_in_its_own_cell_is_not_run_on():
    assert not _runs_on(_read(_FORM))
