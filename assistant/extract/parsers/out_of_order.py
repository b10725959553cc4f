"""Forms whose cells come out of reading order: labels in a run, their values elsewhere.

A PDF's text layer follows the order the file drew its text in, not the table's: a form
may come out as a row of labels then a row of values (资金名称 省级业务主管部门 资金类型 …
教育发展专项资金 …), or with a value before its label (… 结算费用 项目名称 主管部门 上海市…),
and wrapped cells split among their neighbours. Which value belongs to which label cannot be
told from such text with confidence.

The sign is the one field every form fills: the 项目名称 label followed directly by another
label (whole, or a wrapped piece such as 项目主管单 | 位) instead of its value. Then:

* a form read anyway keeps only what does not contradict that order (a header value holding
  another field's label, or a name that is itself a label, is dropped) and carries one
  failure saying why, so ``--backend auto`` sends the whole document to the LLM;
* a document nothing else reads is refused with that reason instead of "no table".
"""

from __future__ import annotations

import re

from ...ingest.document import Document
from ...messages import msg
from ...schema import BudgetTable, Failure
from .form.labels import _fold, _is_header_word, _is_label, _key_field
from .form.tokens import _by_lines, _separation, _tokens

__all__ = ["labels_in_a_run", "mark_out_of_order"]

_WRAPPED_LABEL = ("主管部门", "主管单位", "实施单位", "业务主管部门", "资金类型", "项目属性", "项目负责人")


def _label_or_piece(text: str) -> bool:
    bare = re.sub(r"\s", "", text)
    # a whole label, or a wrapped label's first piece: 项目主管单 (位 on the next line), 省级业务主管部 (门)
    return bool(_key_field(bare)) or (len(bare) >= 3 and any(bare.endswith(w[:-1]) for w in _WRAPPED_LABEL))


def labels_in_a_run(doc: Document) -> list[str] | None:
    """The labels written in a run from 项目名称 on (项目名称, 主管部门 …), when the name's
    label is followed by another label instead of its value; else None."""
    if doc.layout == "reflowed":
        doc = _by_lines(doc)
    flat = [t.text.strip() for row in _tokens(doc, _separation(doc)) for t in row if t.text.strip()]
    for i, text in enumerate(flat):
        if _key_field(text) != "name":
            continue
        if text.endswith((":", "：")):  # 项目名称： with nothing after it is a field left blank, in order
            return None
        run = [text]
        for follower in flat[i + 1 : i + 8]:
            if not _label_or_piece(follower):
                break
            run.append(follower)
        return run if len(run) >= 2 else None
    return None


#: the 自评表 template's money column heads, and the goal labels (年度 总体 目标 split by the text layer)
_FORM_WORDS = re.compile(r"^(?:年初预算数|全年预算数|全年执行数|执行率)$")
_GOAL_WORDS = ("年度目标", "总体目标", "完成情况", "绩效指标", "一级指标", "设定目标")


def _holds_label(value: str | None) -> bool:
    """A header value with another field's label, a column head or a goal label inside it."""
    if not value:
        return False
    if any(w in _fold(value) for w in _GOAL_WORDS):
        return True
    pieces = [p for p in re.split(r"\s+", value) if p]
    return any(_label_or_piece(p) or _is_label(p) or _is_header_word(p) or _FORM_WORDS.match(p) for p in pieces)


def mark_out_of_order(doc: Document, table: BudgetTable, run: list[str]) -> BudgetTable:
    """Drop the header values the out-of-order text contradicts; add the failure that says why."""
    failures = list(table.failures)
    dropped: list[str] = []
    for project in table.projects():
        if project.name and (_label_or_piece(project.name) or _holds_label(project.name)):
            dropped.append(f"项目名称“{project.name[:20]}”")
            project.name = ""
        if _holds_label(project.goal):
            dropped.append(f"绩效目标“{project.goal[:20]}”")
            project.goal = None
    if _holds_label(table.department):
        dropped.append(f"主管部门“{table.department[:20]}”")
        table.department = None
    for unit in table.units:
        if _holds_label(unit.name):
            dropped.append(f"实施单位“{unit.name[:20]}”")
            unit.name = ""
    failures.append(
        Failure(
            source=doc.source,
            field="document",
            message=msg("FORM_OUT_OF_ORDER", labels=" ".join(run), dropped="、".join(dropped) or "—"),
        )
    )
    table.failures = failures
    return table
