"""实施周期 and 年度 blocks side by side, read from flattened text (rows run together, or one
cell per line with long names wrapped).

The 年度 block repeats each row's 三级指标 name beside the 实施周期 block (a Guangdong / Anhui
form: 一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值), so a row run together reads
``name v1 name v2`` (or ``name v1 二级 name v2``, the label taken off first). Two rules:

* the 年度 block's copy of a row, read as an item of its own right after the row, is that row's
  annual value (:func:`join_copy`): the same name twice in a row is one indicator in two blocks;
* a piece no reading could split, that starts with its name and holds it again after a value,
  is cut before the second copy (:func:`name_twice`), each half read as a row of one value;
* one cell per line, the lines of a name wrapped in its cell come twice, one value (and maybe
  the 年度 block's 二级 label) between: those lines are one name, in each block
  (:func:`join_repeated_names`).
"""

from __future__ import annotations

import re

from ....messages import msg
from ....textnorm import fold
from .failures import Failures
from .labels import _is_label
from .stream import _short_value
from .tokens import Token, _Item

#: the shortest name a repeated prefix is taken for (a shorter one repeats by chance: 合格率)
_MIN_NAME = 4


def _same(a: Token, b: Token) -> bool:
    return fold(a.text).strip() == fold(b.text).strip()


def join_copy(items: list[_Item], read: list[_Item]) -> list[_Item]:
    """The items of ``read`` that are new rows: an item whose name is the previous item's (in
    ``read`` or, for the first, the last of ``items``), that previous item having no annual
    value yet, is the 年度 block's copy: its first value becomes that item's annual value."""
    out: list[_Item] = []
    for item in read:
        prev = out[-1] if out else (items[-1] if items else None)
        if prev is not None and _same(prev.name, item.name) and not any(prev.values) and not any(item.values):
            continue  # a row no reading could split, and its copy: one indicator (its failure says so)
        if (
            prev is not None
            and _same(prev.name, item.name)
            and len(prev.values) > 1
            and prev.values[1] is None
            and item.values
            and all(v is None for v in item.values[1:])
        ):
            prev.values[1] = item.values[0]
            continue
        out.append(item)
    return out


def read_blocks(piece: Token, read) -> list[_Item]:
    """The items of one piece of a side-by-side grid run together, ``read`` reading a piece as
    rows: cut by :func:`name_twice`; a row written twice whole (the two blocks alike) is read
    once, its value the period and the annual value both."""
    halves = name_twice(piece)
    if halves is None:
        return read(piece)
    first, second = halves
    if first.text != second.text:
        return read(first) + read(second)
    items = read(first)
    for item in items:
        if len(item.values) > 1 and item.values[1] is None and not any(item.values[2:]):
            item.values[1] = item.values[0]
    return items


def name_twice(token: Token) -> tuple[Token, Token] | None:
    """``name v1 name v2`` cut before the second ``name``: the cut where the text after it shares
    the longest beginning with the whole text (at least :data:`_MIN_NAME` characters), when the
    two halves are the same text or the value between the copies holds a number; else None."""
    text = token.text
    shared = _shared_beginnings(text)
    best, at = 0, None
    for j in range(_MIN_NAME + 1, len(text) - _MIN_NAME + 1):
        if (n := min(shared[j], j)) > best:
            best, at = n, j
    if at is None or best < _MIN_NAME:
        return None
    if text[:at] == text[at:]:
        return token.sub(0, at), token.sub(at, len(text))  # the whole row written twice
    if best >= at or not re.search(r"\d", text[best:at]):
        # no value between the copies, or one in words: a name repeating its own words
        # (非营利性民办园租房… 非营利性民办园房租…) is as likely, so not cut
        return None
    return token.sub(0, at), token.sub(at, len(text))


def _shared_beginnings(text: str) -> list[int]:
    """For each position j, how many characters ``text[j:]`` shares with the beginning of
    ``text`` (the Z-algorithm: linear, so a hostile line of one repeated word costs no square)."""
    z = [0] * len(text)
    if text:
        z[0] = len(text)
    left = right = 0
    for j in range(1, len(text)):
        n = min(right - j, z[j - left]) if j < right else 0
        while j + n < len(text) and text[n] == text[j + n]:
            n += 1
        z[j] = n
        if j + n > right:
            left, right = j, j + n
    return z


#: the most lines a wrapped name is looked for over
_MAX_LINES = 3


def join_repeated_names(rows: list[list[Token]], failures: Failures) -> list[list[Token]]:
    """One cell per line: lines ``a b`` (2 or 3, none a label, the first no value) followed by one
    value, maybe a 二级 label, then ``a b`` again are a name wrapped over lines, copied by the 年度
    block: each copy is joined into one cell on its first line (the other lines left empty, so
    rows keep their places), said once with the name. Else the rows as they are."""
    filled = [[t for t in row if t.text] for row in rows]
    if not filled or any(len(row) > 1 for row in filled):
        return rows
    at = [i for i, row in enumerate(filled) if row]
    tokens = [filled[i][0] for i in at]
    texts = [fold(t.text).strip() for t in tokens]
    out = [list(row) for row in rows]
    i = 0
    while i < len(tokens):
        found = None
        for m in range(_MAX_LINES, 1, -1):
            lines = texts[i : i + m]
            if len(lines) < m or any(_is_label(x) for x in lines) or _short_value(lines[0]):
                continue
            for gap in (1, 2):
                j = i + m + gap
                between = texts[i + m : j]
                if texts[j : j + m] == lines and not _is_label(between[0]) and all(_is_label(x) for x in between[1:]):
                    found = (m, j)
                    break
            if found:
                break
        if found is None:
            i += 1
            continue
        m, j = found
        for start in (i, j):
            first = tokens[start]
            text = "".join(t.text.strip() for t in tokens[start : start + m])
            out[at[start]] = [Token(text, first.cell, first.start, first.end, first.row, first.col)]
            for k in range(start + 1, start + m):
                out[at[k]] = []
        failures.at_row(
            tokens[i].row,
            "三级指标",
            msg("FORM_NAME_WRAPPED_BELOW", name=tokens[i].text[:30], text=" ".join(texts[i + 1 : i + m])[:30]),
        )
        i = j + m
    return out
