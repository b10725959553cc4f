"""A project name or goal whose text runs to the very end of the document may be cut with it.

Published pages and pasted text are often only a page's beginning (the page store, a copy that
stopped), and a cell cut mid-word reads like a whole one (乡村振 for 乡村振兴补助资金). Nothing in
the value tells, so whatever backend read it (the rules, or an LLM answer aligned to the text),
the reader says where it stopped and the clerk checks it.
"""

from __future__ import annotations

from ..ingest.document import Document
from ..messages import msg
from ..schema import BudgetTable, Failure

__all__ = ["flag_values_at_text_end"]

#: what may follow a cut value before the text ends: spaces, a cell's bar, a stray mark
_TRAILING = " \t\r\n\u3000|｜"
#: the project fields checked (attribute: the field a failure names)
_NAMED = {"name": "项目名称", "goal": "绩效目标"}


def flag_values_at_text_end(doc: Document, table: BudgetTable) -> None:
    """Append a VALUE_AT_TEXT_END failure for each name or goal whose span reaches the text's end.

    A value with no span in the text (an ungrounded LLM answer: start = end = 0) is not judged here;
    grounding flags it on its own.
    """
    end = len(doc.text.rstrip(_TRAILING))
    if not end:
        return
    for project in table.projects():
        for key, field in _NAMED.items():
            span = project.spans.get(key)
            value = getattr(project, key)
            if span is None or not value or span.end < end or span.alignment == "ungrounded":
                continue
            message = msg("VALUE_AT_TEXT_END", field=field, value=value)
            table.failures.append(Failure(source=doc.source, row=span.row, field=field, message=message))
