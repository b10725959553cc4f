"""Is this document a single-project form, a bare name grid, or a form header over a grid the
rules do not know? What the rules backend asks before it picks a reader.
"""

from __future__ import annotations

import re

from ....ingest.cellgrid import is_department_header
from ....ingest.document import Document
from ....textnorm import fold
from .grid import _find_header, _named_head
from .labels import _AMOUNT_FIELDS, _GOAL_FIELDS, _NAME_HEADERS, _T2S, _bare, _is_grid_caption, _key_field, _unread
from .padded import split_padded
from .tokens import Token, _by_lines, _separation, _tokens, header_separation


def looks_like_form(doc: Document) -> bool:
    """A single-project form: an indicator grid header and no department-table header."""
    for row in doc.rows:
        texts = [c.text for c in row.cells if c.text.strip()]
        if len(texts) >= 4 and is_department_header(texts):
            return False
    simple = _unread(doc.text).translate(_T2S)
    folded = fold(simple)
    if any(w in folded for w in ("三级指标", *_NAME_HEADERS)) and ("二级指标" in folded or "一级指标" in folded):
        return True
    # captions with 指标 left out, each a cell of its own (|, tab, a run of spaces, a line): 一级 | 二级 | 三级
    return all(
        re.search(rf"(?:^|[|｜\t]|[ \u3000]{{2}})[ \u3000]*{w}[ \u3000]*(?:[|｜\t]|[ \u3000]{{2}}|$)", simple, re.M)
        for w in ("二级", "三级")
    )


def looks_like_name_grid(doc: Document) -> bool:
    """A grid of indicator names and values with no 一级/二级 columns (序号 | 三级指标 | 年度指标值):
    the 三级指标 (指标名称) header cell followed by a value header cell."""
    return _find_header(_named_head(_tokens(doc, _separation(doc)))) is not None


def has_form_header(doc: Document) -> bool:
    """A project form's header: a 项目名称 with a value and an amount or goal key beside it,
    above an indicator caption (绩效指标, 一级指标), or with no grid at all when amounts, goal
    and units are all there (a page cut above its grid). What :func:`extract_form` reads with
    ``header_only`` when the grid itself is of a kind the rules do not know."""
    if doc.layout == "reflowed":
        doc = _by_lines(doc)
    rows = _tokens(doc, header_separation(doc))
    end = _grid_start(rows)[0]
    flat = [t for row in split_padded(rows[:end]) + rows[end : end + 1] for t in row if t.text]
    fields = [_key_field(t.text) for t in flat]
    named = any(f == "name" and i + 1 < len(flat) and not fields[i + 1] for i, f in enumerate(fields))
    kinds = {
        "amount" if f in _AMOUNT_FIELDS else "goal" if f in _GOAL_FIELDS else f
        for f in fields
        if f in (*_AMOUNT_FIELDS, *_GOAL_FIELDS, "department", "unit")
    }
    # a grid of a kind the rules do not know below, or none at all (a page cut above the grid)
    return named and ("amount" in kinds or "goal" in kinds) and (end < len(rows) or len(kinds) >= 3)


def _grid_start(rows: list[list[Token]]) -> tuple[int, int]:
    """Where an indicator grid of any kind starts: the 绩效指标 caption or the 一级指标 head
    (row, token); past the end when there is none."""
    for r, row in enumerate(rows):
        for t, token in enumerate(row):
            if _is_grid_caption(token.text) or _bare(token.text) in ("一级指标", "二级指标"):
                return r, t
    return len(rows), 0
