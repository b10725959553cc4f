"""A dev source's project-header block re-laid the ways other sites' forms lay it, text unchanged.

The header block is the lines from the first name key (项目名称 / 专项名称 / 资金名称) to the line
before the goal's key or the grid's head. Its cells (a line split at ``|``, empty cells dropped,
as a web page loses them) are copied byte for byte from the real ``source.txt`` and only re-laid:

- ``hdr_one_cell``: a cell per line (a page copied cell by cell);
- ``hdr_run_rows``: each row's cells run together, no separator (a web table's text);
- ``hdr_run_block``: the whole block's cells run together on one line;
- ``hdr_padded``: cells apart by runs of spaces (``pdftotext -layout``);
- ``hdr_keys_spaced``: the ``|`` rows with every key letter-spaced (项 目 名 称), as forms that
  justify their key column print them;
- ``hdr_two_pairs``: key/value pairs two to a line (项目名称 | X | 主管部门 | Y).

A layout without bars is a copy made one way throughout: the rows outside the block lose their
bars the same way (a pipe reader would take a bar-less line for the previous cell's wrap). Else
everything outside the block (title, goal, grid) is left as it is; the gold is unchanged (the
fields' values do not change with the layout). A rewrite that does not apply returns None.
"""

from __future__ import annotations

import re

from assistant.extract.parsers.form.labels import _key_field

_FOLD = re.compile(r"\s+")
_NAME_KEY = re.compile(r"(?:项目|专项|资金)名称")
#: a line that ends the header: the goal's key or the grid's head (white space folded)
_END = re.compile(r"年度目标|总体目标|绩效目标|预期目标|中长期目标|实施期目标|一级指标|绩效指标|指标名称")


def header_block(text: str) -> tuple[list[str], int, int] | None:
    """(lines, start, end): the header block is ``lines[start:end]``, or None when the source
    has no name key followed by the goal or the grid."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _NAME_KEY.search(_FOLD.sub("", line))), None)
    if start is None:
        return None
    folded = _FOLD.sub("", lines[start])
    if _END.search(folded[_NAME_KEY.search(folded).end() :]):
        return None  # the block and the goal (or grid) share a line: nothing to re-lay apart
    end = next((i for i in range(start + 1, len(lines)) if _END.search(_FOLD.sub("", lines[i]))), None)
    if end is None or end - start > 40:
        return None
    return lines, start, end


def _rows(block: list[str]) -> list[list[str]]:
    """The block's rows of non-empty cells (a line split at ``|``; a line without bars is one cell)."""
    rows = []
    for line in block:
        cells = [c.strip() for c in line.split("|")] if "|" in line else [line.strip()]
        cells = [c for c in cells if c]
        if cells:
            rows.append(cells)
    return rows


def _is_key(cell: str) -> bool:
    return _key_field(cell) is not None


def _spaced(cell: str) -> str:
    """A key letter-spaced: 项目名称 → 项 目 名 称 (brackets and their notes left as they are)."""
    return " ".join(cell) if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", cell) else cell


def _keys_spaced(line: str) -> str:
    """The line with its key cells letter-spaced in place (bars and padding kept)."""
    pieces = line.split("|")
    for k, piece in enumerate(pieces):
        cell = piece.strip()
        if cell and _is_key(cell):
            pieces[k] = piece.replace(cell, _spaced(cell))
    return "|".join(pieces)


def _pairs(rows: list[list[str]]) -> list[list[str]] | None:
    """The cells regrouped as key, value, key, value per line where they come as key/value
    pairs; any other cell on a line of its own. None when fewer than two pairs meet."""
    cells = [c for row in rows for c in row]
    out: list[list[str]] = []
    line: list[str] = []
    joined = 0
    i = 0
    while i < len(cells):
        if i + 1 < len(cells) and _is_key(cells[i]) and not _is_key(cells[i + 1]):
            line += cells[i : i + 2]
            i += 2
            if len(line) == 4:
                out.append(line)
                line = []
                joined += 1
            continue
        if line:
            out.append(line)
            line = []
        out.append([cells[i]])
        i += 1
    if line:
        out.append(line)
    return out if joined else None


def relayout(text: str, how: str) -> str | None:
    """``text`` with its header block re-laid ``how`` (see the module's docstring)."""
    found = header_block(text)
    if found is None:
        return None
    lines, start, end = found
    rows = _rows(lines[start:end])
    if sum(len(r) for r in rows) < 2:
        return None
    if how in ("hdr_one_cell", "hdr_run_rows", "hdr_padded") and all(len(r) == 1 for r in rows):
        return None  # already a cell per line: these would only drop its bars
    if how == "hdr_one_cell":
        new = [c for row in rows for c in row]
    elif how == "hdr_run_rows":
        new = ["".join(row) for row in rows]
    elif how == "hdr_run_block":
        new = ["".join(c for row in rows for c in row)]
    elif how == "hdr_padded":
        new = ["    ".join(row) for row in rows]
    elif how == "hdr_keys_spaced":
        if not any(_is_key(c) and _spaced(c) != c for row in rows for c in row):
            return None
        new = [_keys_spaced(line) for line in lines[start:end]]
    elif how == "hdr_two_pairs":
        paired = _pairs(rows)
        if paired is None:
            return None
        ends = sum(line.rstrip().endswith("|") for line in lines[start:end] if "|" in line)
        bar = " |" if ends * 2 > sum("|" in line for line in lines[start:end]) else ""
        new = [" | ".join(row) + bar for row in paired]  # rows end as the source's rows end
    else:
        raise ValueError(how)
    if how in _APART:  # a copy made one way throughout: the other rows lose their bars alike
        return "\n".join([*_apart(lines[:start], how), *new, *_apart(lines[end:], how)])
    return "\n".join([*lines[:start], *new, *lines[end:]])


#: the layouts that take the bars away, and what stands between a row's cells instead
_APART = {"hdr_one_cell": "\n", "hdr_run_rows": "", "hdr_run_block": "", "hdr_padded": "    "}


def _apart(lines: list[str], how: str) -> list[str]:
    """Lines outside the block with their ``|`` cells written as ``how`` writes cells (a line
    without bars as it is; a row of empty cells gone)."""
    out = []
    for line in lines:
        if "|" not in line:
            out.append(line)
        elif cells := [c.strip() for c in line.split("|") if c.strip()]:
            out.append(_APART[how].join(cells))
    return out


LAYOUTS = ("hdr_one_cell", "hdr_run_rows", "hdr_run_block", "hdr_padded", "hdr_keys_spaced", "hdr_two_pairs")
