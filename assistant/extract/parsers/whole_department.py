"""A department's whole-budget target table (部门整体支出绩效目标表 / 部门整体绩效目标).

Besides one table per project, the budget reform asks each department for one 部门整体 table
(财政部's 部门整体支出绩效目标申报表 and its provincial copies): the same key block and
indicator grid, with 部门（单位）名称 where a project form has 项目名称. Its one "project" is
the department's whole spending, named as the table names itself: the 部门整体… heading
written last above the key block (a page's tab list may name it earlier, run into other tabs).
"""

from __future__ import annotations

import re

from ...ingest.document import Document
from ...schema import BudgetTable
from .form.labels import _fold as fold  # width, spaces, pinyin readings, traditional characters

__all__ = ["whole_department_heading", "name_whole_department"]

#: a heading naming the table as the department's whole: 部门整体绩效目标, 部门整体支出绩效目标申报表
_HEADING = re.compile(r"^部门整体(?:支出)?绩效(?:目标|自评)(?:申报表|批复表|表)?$")
#: where the key block starts: the first key of a 部门整体 form
_CELL_SEP = re.compile(r"[|｜\t]| {2,}|\u3000{2,}")
_FIRST_KEY = re.compile(r"部门(?:编码|[（(]单位[)）]名称|名称)|主管部门")


def whole_department_heading(doc: Document) -> str | None:
    """The 部门整体… heading as written (a cell or line of its own) above the key block, else None."""
    heading = None
    cells = (c for line in doc.text.splitlines() for c in _CELL_SEP.split(line))  # lines: reflowing joins them
    for text in (c.strip(" *＊") for c in cells if c.strip()):
        if _FIRST_KEY.search(fold(text)):
            return heading
        if _HEADING.match(fold(text)):
            heading = text
    return heading


def name_whole_department(doc: Document, table: BudgetTable) -> BudgetTable:
    """Name the one project of a 部门整体 form after its heading, in place of "no 项目名称"."""
    projects = table.projects()
    if len(projects) != 1 or projects[0].name or (heading := whole_department_heading(doc)) is None:
        return table
    projects[0].name = heading
    table.failures = [f for f in table.failures if f.code != "FORM_NO_NAME"]
    if table.meta is not None:
        table.meta.extra["kind"] = "whole-department form"
    return table
