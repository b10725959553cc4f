"""An indicator block printed across instead of down: one row of names, one row per value kind.

When a PDF's text layer prints a wide table row by row, an indicator block whose indicators
are columns comes out as ``三级指标 A B C`` then ``年度目标值`` / ``7 100% 100%`` then
``实施周期目标值`` / ``7 100% 100%``. The names and each row of values are matched by
position, and only when every row has exactly as many values as there are names: a name
or value with a space inside it would shift the columns, and then nothing is read.
"""

from __future__ import annotations

import re

from ...ingest.document import Document
from ...schema import Indicator
from .form.labels import _T2S, _is_header_word, _unread

__all__ = ["read_transposed"]

_NAMES = re.compile(r"^\s*三级指标(?:名称)?\s*[:：]?\s*")
_VALUES = re.compile(r"^\s*(?P<kind>年度|当年|实施周期|中期|长期)?(?:目标|指标)值\s*[:：]?\s*")


def _simple(text: str) -> str:
    return _unread(text).translate(_T2S)


def read_transposed(doc: Document) -> list[Indicator]:
    """The indicators of a block printed across, or [] when its rows do not line up."""
    lines = doc.text.split("\n")
    start = next((i for i, line in enumerate(lines) if _NAMES.match(_simple(line))), None)
    if start is None:
        return []
    names: list[tuple[str, int]] = []  # (name, line index)
    rows: list[tuple[str, list[str]]] = []  # (kind, values)
    kind: str | None = None
    for i in range(start, len(lines)):
        line, simple = lines[i], _simple(lines[i])
        if i == start:
            line = line[_NAMES.match(simple).end() :]  # type: ignore[union-attr]
        elif m := _VALUES.match(simple):
            kind, line = m.group("kind") or "年度", line[m.end() :]
            rows.append((kind, []))
        elif rows and len(rows[-1][1]) >= len(names):
            break  # the last row is full: what follows is not the block's
        if not line.strip():
            continue
        if kind is None:
            names += [(t, i) for t in line.split()]
        else:
            rows[-1][1].extend(line.split())
    if not names or not rows or any(len(values) != len(names) for _, values in rows):
        return []
    tokens = [n for n, _ in names] + [v for _, values in rows for v in values]
    if (
        any(re.search(r"[|｜\t]", t) for t in tokens)
        or len(names) < 2
        or any(_is_header_word(n) or len(n) < 2 or n[0] in "(（" for n, _ in names)
    ):
        return []  # a grid's own header row (三级指标 | 指标值 |), not a block printed across
    out = []
    for k, (name, _) in enumerate(names):
        period = next((v[k] for kd, v in rows if kd in ("实施周期", "中期", "长期")), None)
        annual = next((v[k] for kd, v in rows if kd in ("年度", "当年")), None)
        out.append(Indicator(seq=k + 1, name=name, period_value=period, annual_value=annual))
    return out
