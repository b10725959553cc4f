"""实施周期 and 年度 blocks side by side, their rows run together (cells joined, no separator).

The 年度 block repeats each row's 三级指标 name beside the 实施周期 block (a Guangdong / Anhui
form: 一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值), so a row run together reads
``name v1 name v2`` (or ``name v1 二级 name v2``, the label taken off first). Two rules:

* the 年度 block's copy of a row, read as an item of its own right after the row, is that row's
  annual value (:func:`join_copy`): the same name twice in a row is one indicator in two blocks;
* a piece no reading could split, that starts with its name and holds it again after a value,
  is cut before the second copy (:func:`name_twice`), each half read as a row of one value.
"""

from __future__ import annotations

import re

from ....textnorm import fold
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
    best, at = 0, None
    for j in range(_MIN_NAME + 1, len(text) - _MIN_NAME + 1):
        n = 0
        while j + n < len(text) and n < j and text[n] == text[j + n]:
            n += 1
        if n > best:
            best, at = n, j
    if at is None or best < _MIN_NAME:
        return None
    if text[:at] == text[at:]:
        return _sub(token, 0, at), _sub(token, at, len(text))  # the whole row written twice
    if best >= at or not re.search(r"\d", text[best:at]):
        # no value between the copies, or one in words: a name repeating its own words
        # (非营利性民办园租房… 非营利性民办园房租…) is as likely, so not cut
        return None
    return _sub(token, 0, at), _sub(token, at, len(text))


def _sub(token: Token, start: int, end: int) -> Token:
    return Token(token.text[start:end], token.cell, token.start + start, token.start + end, token.row, token.col)
