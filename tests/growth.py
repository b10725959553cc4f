"""Real dev sources grown the hostile ways, for the time bounds (benchmarks/bench_growth.py,
tests/test_growth.py): a reader whose time grows faster than its text shows here.

Each *kind* takes a real dev source.txt and a factor ``n`` and returns the source with one part of
it grown ``n`` times; the rest stays byte for byte. The part is found with the gold (the line of the
first indicator's name, the grid's header line) but its text is the source's own:

* ``row_lines``: the first indicator's line repeated, as lines;
* ``row_joined``: the same line repeated with no line break between the copies;
* ``cell_repeat``: one cell of that line repeated in place (with its separator, or its name when
  the line has no separator);
* ``doc_flat``: the whole source repeated, every line break removed;
* ``doc_repeat``: the whole source repeated (many projects in one file);
* ``trad_mixed``: the whole source repeated, every other line in traditional characters;
* ``seps_doubled``: every separator (tab, ``|``, space, colon) repeated;
* ``header_repeat``: the grid's header line repeated;
* ``empty_rows``: ``指标k：`` lines with nothing after them inserted under the header;
* ``columns``: every table line repeated side by side, tab-separated;
* ``digit_run``: a run of digits, ``%`` and ``≥`` written after the indicator's name;
* ``brackets``: the indicator's name inside nested brackets.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import zhconv

_HEAD = re.compile(r"[一二三]级指标|指标值|指标名称")
_SEP = re.compile(r"\t+|\|+|[ \u3000]{2,}")
_ANY_SEP = re.compile(r"[\t|: ：\u3000]+")


def _first_name(gold: dict) -> str:
    for unit in gold["units"]:
        for project in unit["projects"]:
            for indicator in project["indicators"]:
                if indicator.get("name"):
                    return indicator["name"]
    return ""


def _row_index(lines: list[str], gold: dict) -> int:
    """The line holding the first indicator's name (its first six characters), else the first
    line with a digit or ``%`` after the header, else the middle line."""
    name = _first_name(gold)[:6]
    if name:
        for i, line in enumerate(lines):
            if name in line:
                return i
    head = _header_index(lines, gold, fallback=0)
    for i in range(head, len(lines)):
        if re.search(r"\d|%", lines[i]):
            return i
    return len(lines) // 2


def _header_index(lines: list[str], gold: dict, fallback: int | None = None) -> int:
    for i, line in enumerate(lines):
        if _HEAD.search(line):
            return i
    return _row_index(lines, gold) if fallback is None else fallback


def _replace_line(text: str, index_of, grow) -> str:
    lines = text.split("\n")
    i = index_of(lines)
    lines[i : i + 1] = grow(lines[i])
    return "\n".join(lines)


def row_lines(text: str, gold: dict, n: int) -> str:
    return _replace_line(text, lambda ls: _row_index(ls, gold), lambda line: [line] * (20 * n))


def row_joined(text: str, gold: dict, n: int) -> str:
    return _replace_line(text, lambda ls: _row_index(ls, gold), lambda line: [line * (20 * n)])


def cell_repeat(text: str, gold: dict, n: int) -> str:
    name = _first_name(gold)[:6]

    def grow(line: str) -> list[str]:
        cells = _SEP.split(line)
        seps = _SEP.findall(line)
        if seps:
            k = 1 if len(cells) > 1 else 0
            cells[k] = (cells[k] + seps[0]) * (20 * n) + cells[k]
            out = cells[0]
            for sep, cell in zip(seps, cells[1:]):
                out += sep + cell
            return [out]
        if name and name in line:
            return [line.replace(name, name * (20 * n), 1)]
        return [line * (20 * n)]

    return _replace_line(text, lambda ls: _row_index(ls, gold), grow)


def doc_flat(text: str, gold: dict, n: int) -> str:
    return text.replace("\r", "").replace("\n", "") * n


def doc_repeat(text: str, gold: dict, n: int) -> str:
    return "\n".join([text] * n)


def trad_mixed(text: str, gold: dict, n: int) -> str:
    lines = ("\n".join([text] * n)).split("\n")
    return "\n".join(zhconv.convert(line, "zh-hant") if i % 2 else line for i, line in enumerate(lines))


def seps_doubled(text: str, gold: dict, n: int) -> str:
    return _ANY_SEP.sub(lambda m: m.group(0) * (2 * n), text)


def header_repeat(text: str, gold: dict, n: int) -> str:
    return _replace_line(text, lambda ls: _header_index(ls, gold), lambda line: [line] * (10 * n))


def empty_rows(text: str, gold: dict, n: int) -> str:
    rows = [f"指标{k}：" for k in range(1, 20 * n + 1)]
    return _replace_line(text, lambda ls: _header_index(ls, gold), lambda line: [line, *rows])


def columns(text: str, gold: dict, n: int) -> str:
    lines = text.split("\n")
    head = _header_index(lines, gold)
    end = min(len(lines), max(head, _row_index(lines, gold)) + 30)
    for i in range(head, end):
        if lines[i].strip():
            lines[i] = "\t".join([lines[i]] * (2 * n))
    return "\n".join(lines)


def digit_run(text: str, gold: dict, n: int) -> str:
    run = "≥" + "9" * (100 * n) + "%" * (20 * n) + "≥9.9%" * (20 * n)
    return _at_name(text, gold, lambda name: name + run)


def brackets(text: str, gold: dict, n: int) -> str:
    depth = 25 * n
    return _at_name(text, gold, lambda name: "（(" * depth + name + ")）" * depth)


def _at_name(text: str, gold: dict, grow: Callable[[str], str]) -> str:
    name = _first_name(gold)[:6]
    if name and name in text:
        return text.replace(name, grow(name), 1)
    return _replace_line(text, lambda ls: _row_index(ls, gold), lambda line: [grow(line)])


KINDS: dict[str, Callable[[str, dict, int], str]] = {
    "row_lines": row_lines,
    "row_joined": row_joined,
    "cell_repeat": cell_repeat,
    "doc_flat": doc_flat,
    "doc_repeat": doc_repeat,
    "trad_mixed": trad_mixed,
    "seps_doubled": seps_doubled,
    "header_repeat": header_repeat,
    "empty_rows": empty_rows,
    "columns": columns,
    "digit_run": digit_run,
    "brackets": brackets,
}
