"""A form's header with no indicator grid at all: kept, not refused.

A page cut above its grid (the search tool or the host returned only the first page), or a
report form whose grid is of another kind, still names its project and usually its
department, unit or goal. Refusing it would lose what was read; the form reader reads the
header (``header_only``) and a failure says the indicators were not read. A 项目名称 with a
value beside one more key of the form (主管部门, 实施单位, an amount or a goal) is enough.
"""

from __future__ import annotations

from ...ingest.document import Document
from ...messages import msg
from ...schema import BudgetTable, Failure
from .form.detect import _grid_start
from .form.labels import _AMOUNT_FIELDS, _GOAL_FIELDS, _LABEL_RE_SPACED, _fold, _key_field
from .form.padded import split_padded
from .form.tokens import _by_lines, _separation, _tokens

__all__ = ["names_a_form", "doubt_goal", "keys_open_lines"]

_OTHER_KEYS = {*_AMOUNT_FIELDS, *_GOAL_FIELDS, "department", "unit"}


def names_a_form(doc: Document) -> bool:
    """A 项目名称 key followed by its value, and one more key of a form's header."""
    if doc.layout == "reflowed":
        doc = _by_lines(doc)
    rows = _tokens(doc, _separation(doc))
    end = _grid_start(rows)[0]
    flat = [t.text for row in split_padded(rows[:end]) + rows[end:] for t in row if t.text.strip()]
    fields = [_key_field(text) for text in flat]
    named = any(f == "name" and i + 1 < len(flat) and not fields[i + 1] for i, f in enumerate(fields))
    return named and any(f in _OTHER_KEYS for f in fields)


def keys_open_lines(doc: Document) -> bool:
    """A form whose rows each run their key into their value, one row a line (a web page's copy
    that drops the cells' borders: 项目名称某经费 / 主管部门某局 / 合计250): the 项目名称 key opens a
    line with its value after it, and two more of the form's keys open lines of their own."""
    opening: set[str] = set()
    for line in doc.text.split("\n"):
        folded = _fold(line).strip()
        if (first := _LABEL_RE_SPACED.match(folded)) and (field := _key_field(first.group())):
            if folded[first.end() :].strip(" :：|｜"):
                opening.add(field)
    return "name" in opening and len(opening & (_OTHER_KEYS | {"项目属性", "项目负责人"})) >= 2


#: the 自评表 goal block's column heads (预期目标 | 实际完成): run into a goal, they show it took the wrong cells
_GOAL_HEADS = ("实际完成", "完成情况", "完成值")


def doubt_goal(doc: Document, table: BudgetTable) -> BudgetTable:
    """Flag a header-only form's goal that holds the goal block's column heads."""
    for project in table.projects():
        if project.goal and any(w in project.goal for w in _GOAL_HEADS):
            if not any(f.code == "FORM_GOAL_HAS_LABELS" for f in table.failures):
                table.failures.append(
                    Failure(
                        source=doc.source, field="绩效目标", message=msg("FORM_GOAL_HAS_LABELS", goal=project.goal[:40])
                    )
                )
    return table
