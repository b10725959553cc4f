"""Comparisons written in words (大于等于, 小于等于, 等于, 不低于, 不超过 …) in a 指标方向 or
指标性质 cell (内蒙古's 自评表 template: 巴彦淖尔 g22).

The dev split's grids are written with the sign in a cell of its own (指标性质 正向 | 指标方向 ≥ |
目标值 | 计量单位, and 指标性质 ≥ | 指标值 | 计量单位), then each sign replaced by words. The value
must read as written: the words, the number and the unit joined (大于等于1次), as a sign is; a
reading that differs must be flagged, never silent.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from form_variants import Style, dev_grids, expected, read_variant, render

from assistant.evaluate.align import norm
from assistant.export import to_interchange
from assistant.extract import extract
from assistant.ingest import read_bytes

#: each sign and words a form writes for it
WORDS = {
    "≥": ["大于等于", "不低于", "不少于"],
    ">=": ["大于等于", "不小于"],
    "≤": ["小于等于", "不超过", "不高于"],
    "<=": ["小于等于", "不大于"],
    "=": ["等于"],
    "＝": ["等于"],
    ">": ["大于", "高于"],
    "<": ["小于", "低于"],
}
_SIGN = re.compile(r"^(≥|>=|≤|<=|=|＝|>|<)")
FIELDS = ("level1_name", "level2_name", "name", "period_value", "annual_value")


def _worded(sign: str, n: int) -> str:
    words = WORDS[sign]
    return words[n % len(words)]


def _signed_grids():
    """Dev grids whose every value splits into sign, number and unit, and some hold a sign."""
    out = []
    for grid in dev_grids():
        if render(grid, Style(values="direction")) is None:
            continue
        signs = [m.group(1) for r in grid.rows if (m := _SIGN.match(r.annual or ""))]
        if signs and all(s in WORDS for s in signs):
            out.append(grid)
    return out


GRIDS = _signed_grids()


def _in_words(text: str, sep: str, n: int) -> str:
    """The text with every cell that is a sign alone written in words."""
    lines = []
    for line in text.split("\n"):
        if sep == "line":
            lines.append(_worded(line, n) if line in WORDS else line)
        else:
            bar = {"tab": "\t", "spaces": "    "}.get(sep, " | ")
            lines.append(bar.join(_worded(c, n) if c in WORDS else c for c in line.split(bar)))
    return "\n".join(lines)


def _want(grid, style: Style, n: int) -> list[dict]:
    out = []
    for i in expected(grid, style):
        value = i["annual_value"]
        if value and (m := _SIGN.match(value)):
            value = _worded(m.group(1), n) + value[m.end() :]
        out.append({f: norm(value if f == "annual_value" else i[f]) for f in FIELDS})
    return out


def _read(text: str):
    table = extract(read_bytes(text.encode("utf-8"), "variant.txt"), "rules")
    got = [
        {f: norm(i.get(f)) for f in FIELDS}
        for u in to_interchange(table, with_meta=False)["units"]
        for p in u["projects"]
        for i in p["indicators"]
    ]
    return got, table.failures


def test_there_are_grids_to_vary():
    assert len(GRIDS) >= 8


@pytest.mark.parametrize("values", ["direction", "split"])
@pytest.mark.parametrize("sep", ["pipe", "markdown", "tab", "spaces", "line"])
def test_sign_words_read_as_signs(values, sep):
    """Every grid read right with its signs is read right with them in words; none silently wrong."""
    worse, silent, right = [], [], 0
    for n, grid in enumerate(GRIDS):
        style = Style(sep=sep, values=values)
        text = render(grid, style)
        if text is None:
            continue
        got, failures = _read(_in_words(text, sep, n))
        if got == _want(grid, style, n):
            right += 1
            continue
        if not failures:
            silent.append(grid.stem)
        if _read(text)[0] == [{f: norm(i[f]) for f in FIELDS} for i in expected(grid, style)]:
            worse.append(grid.stem)
    assert not silent
    assert not worse
    assert right


def test_a_sign_word_is_never_a_name():
    """One cell per line, 指标方向 in words: the words stay in the value, no row starts at them."""
    for n, grid in enumerate(GRIDS):
        text = render(grid, Style(sep="line", values="direction"))
        if text is None:
            continue
        got, _ = _read(_in_words(text, "line", n))
        names = {i["name"] for i in got}
        assert not names & {norm(w) for words in WORDS.values() for w in words}, grid.stem


@pytest.mark.parametrize("labels", ["first", "every"])
def test_run_together_sign_words_stay_in_the_value(labels):
    """Cells run together (a web page copied without spaces): a value written 大于等于10157.6平方米
    or 小于等于155名 keeps its words; none is cut into the name, and no grid is silently wrong.
    (A run-together reader that knew 大于 and not 大于等于 cut 大于等于 into the name: dev q08.)"""
    silent, right = [], 0
    for n, grid in enumerate(GRIDS):
        worded = replace(
            grid,
            rows=tuple(
                replace(r, annual=_worded(m.group(1), n) + r.annual[m.end() :])
                if r.annual and (m := _SIGN.match(r.annual))
                else r
                for r in grid.rows
            ),
        )
        result = read_variant(worded, Style("run", labels, "single"))
        if result is None:
            continue
        got, want, failures = result
        if got == want:
            right += 1
            assert not {i["name"] for i in got} & {norm(w) for ws in WORDS.values() for w in ws}
        elif not failures:
            silent.append(grid.stem)
    assert not silent
    assert right >= len(GRIDS) // 2
