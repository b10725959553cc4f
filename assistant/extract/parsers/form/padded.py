"""A form's header copied with spaces for its cell borders (a Word or PDF 申报表 copied as
text: ``项目总预算(万元) 75.00      项目当年预算(万元) 25.00``, ``项目基本情况 项目名称 X``,
``0.00  25.00  0.00``). Such a line reaches the reader as one piece; here it is cut into the
key words it holds, the text between them, and the amounts of a row made only of amounts, so
the header reads as if the cells had been kept. Only the block above the indicator grid is
cut this way: grid rows keep their own readers.

A word is cut out only when it is a whole key (项目名称, 其中：同级财政资金, 项目当年预算（万元）)
between spaces; the text between two keys stays one piece, spaces and all (a name written with
a space keeps it).
"""

from __future__ import annotations

import re

from .labels import _AMOUNT_FIELDS, _AMOUNT_TEXT, _GOAL_FIELDS, _LABEL_RE, _fold, _key_field
from .tokens import Token

__all__ = ["split_padded"]

_WORD = re.compile(r"\S+")
#: a label the rules have no field for, with its colon (填报人:, 联系方式：): still a cell's edge
_COLON_LABEL = re.compile(r"[\u4e00-\u9fff（）()]{2,8}[:：]")


def split_padded(rows: list[list[Token]], money_columns: bool = False) -> list[list[Token]]:
    """The rows with each padded piece cut (see the module's docstring). ``money_columns``: the
    block heads its money with a 自评表's columns (年初预算数 全年预算数 执行数 …), so the amounts
    after a money key on its line are that row's cells, placed by those columns."""
    out: list[list[Token]] = []
    for row in rows:
        words = [w.group() for t in row for w in _WORD.finditer(t.text)] + [t.text for t in row]
        if _head_row({_key_field(w) for w in words}):
            out.append(row)  # the head row of a table of many projects: its words are column heads
            continue
        keys_above = len([t for t in out[-1] if _key_field(t.text)]) if out else 0
        pieces: list[Token] = []
        for token in row:
            after_key = money_columns and bool(pieces) and _key_field(pieces[-1].text) in _AMOUNT_FIELDS
            pieces += _cut(token, (len(row) == 1 and keys_above >= 2) or after_key)
        if len(pieces) > len(row):  # cells of their own now: columns counted again from the left
            pieces = [Token(t.text, t.cell, t.start, t.end, t.row, c) for c, t in enumerate(pieces)]
        out.append(pieces)
    return out


def _cut(token: Token, amounts_cells: bool) -> list[Token]:
    """``amounts_cells``: the token is a whole line under a line of two keys or more (其中：上级补助
    其中：同级财政资金 / 0.00  25.00), or follows a money key under a 自评表's money columns
    (资金总额: 915,000.00 915,000.00 …), where amounts side by side are cells; anywhere else
    they belong to columns the line does not name, and stay one piece (flagged when read)."""
    text = token.text
    if not text or not re.search(r"\s", text.strip()) or _key_field(text):
        return [token]
    if _LABEL_RE.fullmatch(_fold(text)):  # 绩效目标 实现情况: one caption wrapped, not a key and its value
        return [token]
    words = list(_WORD.finditer(text))
    if all(_AMOUNT_TEXT.match(_fold(w.group()).replace(",", "")) for w in words):
        if amounts_cells:
            return [token.sub(w.start(), w.end()) for w in words]
        return [token]
    keys = [w for w in words if _key_field(w.group()) or _COLON_LABEL.fullmatch(w.group())]
    if not keys:
        return [token]
    pieces: list[Token] = []
    at = 0
    for key in keys:
        if text[at : key.start()].strip():
            pieces.append(_between(token, at, key.start()))
        pieces.append(token.sub(key.start(), key.end()))
        at = key.end()
    if text[at:].strip():
        pieces.append(_between(token, at, len(text)))
    return pieces


def _head_row(fields: set[str | None]) -> bool:
    """A line naming the project, money and the goal at once (项目名称  总计  财政拨款 …  绩效目标
    绩效指标) is the head row of a table of many projects, not a form's key–value pairs."""
    return "name" in fields and bool(fields & set(_AMOUNT_FIELDS)) and bool(fields & set(_GOAL_FIELDS))


def _between(token: Token, start: int, end: int) -> Token:
    """The text between two keys, without the spaces at its ends; a run of amounts after a
    money key (75.00) is its value, not cut further unless the row is made of amounts only."""
    part = token.text[start:end]
    lead = len(part) - len(part.lstrip())
    return token.sub(start + lead, start + len(part.rstrip()))
