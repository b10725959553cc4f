"""Dev documents' own ``|`` rows with their 一级 / 二级 label cells written the other ways real
forms write them, and the gold changed by the corpus conventions (gold/real/NOTES-corpus-a, -c,
-g, -i, -j): level names are copied as written with score marks dropped; a 一级 cell that is not
in the text, or holds only a score, gives ``level1_name`` null (its code derived from the 二级
label); one cell joining both levels (产出数量指标) is the ``level2_name``, ``level1_name`` null;
``seq`` is the position in the project, whatever numbers the rows print.

The rows are the REAL source text (its typos, notes, merged cells left out), found by the gold's
indicator names; only the label cells are changed (:data:`CHANGES`), then the rows are written
in one of :data:`LAYOUTS` (their ``|`` rows, one cell per line, cells parted by a space, cells
run together). Only dev documents are used.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass

from form_variants import GOLD, _pipe_cells, separated_rows
from rewrite_runner import read_copy, score_reading

__all__ = ["CHANGES", "LAYOUTS", "Doc", "dev_documents", "rewrite", "render"]

#: how the label cells are rewritten (see :func:`rewrite`)
CHANGES = (
    "as_is",
    "no_level1",
    "level1_lost",
    "level1_score",
    "merged",
    "every_row",
    "first_row",
    "middle_row",
    "score_marks",
    "odd_level1",
    "numbers_restart",
)
LAYOUTS = ("pipe", "lines", "spaces", "run")

#: a score mark after a label: (50分), （30分）
_SCORE = re.compile(r"\s*[（(]\s*\d*(?:\.\d+)?\s*分\s*[)）]\s*$")
#: the points a 自评表 gives each 一级 group, by code (产出 50, 效益 30, 满意度 10)
_POINTS = {"1": 50, "2": 30, "3": 10}
#: 一级 names outside the category system, as real forms write them, by the code of the group
_ODD = {"1": "项目完成指标", "2": "效果指标", "3": "满意度 指标"}


def _key(text: str | None) -> str:
    """A cell or a gold name in the form compared here: no spaces, no score mark, simplified."""
    import zhconv

    return zhconv.convert(re.sub(r"\s+", "", _SCORE.sub("", text or "")), "zh-cn")


class Row(list):
    """A row's cells, and the line they were read from (written back as it was when unchanged,
    else with the same leading and closing ``|``)."""

    def __init__(self, cells, line: str):
        super().__init__(cells)
        self.line = line

    def text(self) -> str:
        if list(self) == _pipe_cells(self.line):
            return self.line
        s = self.line.strip()
        lead = "| " if s.startswith(("|", "｜")) else ""
        close = " |" if s.endswith(("|", "｜")) else ""
        return lead + " | ".join(self) + close


@dataclass
class Item:
    """Where one gold indicator's row is: its piece, and the name / 一级 / 二级 cells in it."""

    piece: int
    name: int
    level1: int | None
    level2: int | None


@dataclass
class Doc:
    stem: str
    pieces: list  # a line (str) or a row's cells (list[str])
    items: list[Item]
    gold: dict  # the interchange gold
    indicators: list[dict]  # the gold indicators, in order (dicts of the interchange gold)


def _locate(pieces: list, indicators: list[dict]) -> list[Item] | None:
    """Each indicator's row and cells, in order; None when one is not a cell of its own."""
    items: list[Item] = []
    at = 0
    for ind in indicators:
        name = _key(ind["name"])
        if not name:
            return None
        while at < len(pieces):
            cells = pieces[at]
            if isinstance(cells, list):
                k = next((j for j, c in enumerate(cells) if _key(c) == name), None)
                if k is not None:
                    break
            at += 1
        else:
            return None
        l2 = None
        if ind["level2_name"]:
            l2 = next((j for j in range(k - 1, -1, -1) if _key(cells[j]) == _key(ind["level2_name"])), None)
        l1 = None
        if ind["level1_name"]:
            l1 = next(
                (j for j in range(0, l2 if l2 is not None else k) if _key(cells[j]) == _key(ind["level1_name"])), None
            )
        items.append(Item(at, k, l1, l2))
        at += 1
    return items


def dev_documents() -> list[Doc]:
    """The dev documents of ``|`` rows whose every indicator has a 一级 and a 二级 name in the gold
    and a cell of its own in the text, their labels found on the rows."""
    from assistant.export import to_interchange
    from assistant.gold import load_gold

    docs = []
    for folder in sorted(GOLD.iterdir()):
        meta = folder / "meta.json"
        if not meta.exists() or json.loads(meta.read_text(encoding="utf-8"))["split"] != "dev":
            continue
        if not (folder / "source.txt").exists():
            continue
        text = (folder / "source.txt").read_text(encoding="utf-8")
        if not separated_rows(text):
            continue
        [record] = load_gold(folder)
        gold = to_interchange(record.table, with_meta=False)
        projects = [p for u in gold["units"] for p in u["projects"]]
        indicators = [i for p in projects for i in p["indicators"]]
        if len(projects) != 1 or not indicators:
            continue
        if not all(i["level1_name"] and i["level2_name"] and i["level1_code"] for i in indicators):
            continue
        pieces = [
            Row(cells, line) if cells is not None and len(cells) >= 2 else line
            for line in text.split("\n")
            for cells in [_pipe_cells(line)]
        ]
        items = _locate(pieces, indicators)
        if items is None or not any(it.level1 is not None for it in items):
            continue
        if any(it.level2 is None for it in items) and not any(it.level2 is not None for it in items):
            continue
        docs.append(Doc(folder.name, pieces, items, gold, indicators))
    return docs


def _groups(keys: list) -> list[tuple[int, int]]:
    """(start, end) of each run of equal keys."""
    out, start = [], 0
    for j in range(1, len(keys) + 1):
        if j == len(keys) or keys[j] != keys[start]:
            out.append((start, j))
            start = j
    return out


def _stem(level1: str) -> str:
    """产出指标 → 产出: the word a joined label puts before the 二级 one."""
    return re.sub(r"指标$", "", level1)


def rewrite(doc: Doc, change: str) -> tuple[list, dict]:
    """The document's pieces with its label cells rewritten, and the gold the conventions give:

    * ``as_is``: unchanged;
    * ``no_level1``: the 一级 cells (and the 一级指标 head) removed → level1_name null;
    * ``level1_lost``: the second 一级 group's cell removed → level1_name null on its rows only;
    * ``level1_score``: each 一级 cell holds only its score （50分） → level1_name null;
    * ``merged``: one cell joins both levels (产出数量指标), the 二级 cells and the 一级指标 head
      removed → that cell is the level2_name, level1_name null;
    * ``every_row`` / ``first_row`` / ``middle_row``: both labels written on every row of their
      group, only on its first row, only on its middle row (a PDF centring a merged cell);
    * ``score_marks``: 产出指标(50分), 数量指标(20分) → the gold unchanged;
    * ``odd_level1``: 一级 names outside the system (项目完成指标, 效果指标) → kept as written;
    * ``numbers_restart``: each name numbered 1、2、… anew in each 一级 group → names and seq unchanged.
    """
    pieces = [Row(p, p.line) if isinstance(p, Row) else p for p in doc.pieces]
    gold = copy.deepcopy(doc.gold)
    golds = [i for u in gold["units"] for p in u["projects"] for i in p["indicators"]]
    inds = doc.indicators
    # each group's label as the text writes it (its first cell), else as the gold names it
    written1: dict[str, str] = {}
    written2: dict[tuple[str, str], str] = {}
    for it, ind in zip(doc.items, inds):
        cells = pieces[it.piece]
        if it.level1 is not None:
            written1.setdefault(ind["level1_name"], cells[it.level1])
        if it.level2 is not None:
            written2.setdefault((ind["level1_name"], ind["level2_name"]), cells[it.level2])
    l1_of = [written1.get(i["level1_name"], i["level1_name"]) for i in inds]
    l2_of = [written2.get((i["level1_name"], i["level2_name"]), i["level2_name"]) for i in inds]
    head = next(
        (j for j, p in enumerate(pieces[: doc.items[0].piece]) if isinstance(p, list) and "一级指标" in map(_key, p)),
        None,
    )
    if change == "as_is":
        return pieces, gold

    def labels(l1: list[str | None], l2: list[str | None]) -> None:
        """Each indicator row's label cells replaced by the given ones (None: no cell)."""
        for it, a, b in zip(doc.items, l1, l2):
            cells = pieces[it.piece]
            present = [x for x in (it.level1, it.level2) if x is not None]
            start, end = (min(present), max(present) + 1) if present else (it.name, it.name)
            pieces[it.piece] = Row(cells[:start] + [x for x in (a, b) if x is not None] + cells[end:], cells.line)

    def drop_head(word: str) -> None:
        if head is not None:
            pieces[head] = Row([c for c in pieces[head] if _key(c) != word], pieces[head].line)

    n = len(inds)
    firsts1 = {s for s, _ in _groups([i["level1_name"] for i in inds])}
    firsts2 = {s for s, _ in _groups([(i["level1_name"], i["level2_name"]) for i in inds])}

    def derived(g: dict) -> None:
        """No 一级 name: the code is the 二级 label's group (the gold's own when it has no 二级 code)."""
        g["level1_name"] = None
        g["level1_code"] = (g["level2_code"] or "")[:1] or g["level1_code"]

    if change == "no_level1":
        labels([None] * n, [l2_of[j] if j in firsts2 else None for j in range(n)])
        drop_head("一级指标")
        for g in golds:
            derived(g)
    elif change == "level1_lost":
        # the second 一级 group's cell lost (a page cut, a merged cell not copied): its rows
        # have no 一级 name, the other groups keep theirs
        spans = _groups([i["level1_name"] for i in inds])
        if len(spans) < 2:
            return pieces, gold
        lost = range(*spans[1])
        labels(
            [l1_of[j] if j in firsts1 and j not in lost else None for j in range(n)],
            [l2_of[j] if j in firsts2 else None for j in range(n)],
        )
        for j in lost:
            derived(golds[j])
    elif change == "level1_score":
        labels(
            [f"（{_POINTS.get(inds[j]['level1_code'], 10)}分）" if j in firsts1 else None for j in range(n)],
            [l2_of[j] if j in firsts2 else None for j in range(n)],
        )
        for g in golds:
            derived(g)
    elif change == "merged":
        joined = [
            b
            if _stem(_key(a)) and _stem(_key(a)) in _key(b)
            else _stem(_SCORE.sub("", a).strip()) + _SCORE.sub("", b).strip()
            for a, b in zip(l1_of, l2_of)
        ]
        labels([None] * n, [joined[j] if j in firsts2 else None for j in range(n)])
        drop_head("一级指标")
        for g, text in zip(golds, joined):
            derived(g)
            g["level2_name"] = text
    elif change == "every_row":
        labels(l1_of, l2_of)
    elif change == "first_row":
        labels(
            [l1_of[j] if j in firsts1 else None for j in range(n)],
            [l2_of[j] if j in firsts2 else None for j in range(n)],
        )
    elif change == "middle_row":
        mids1 = {(s + e - 1) // 2 for s, e in _groups([i["level1_name"] for i in inds])}
        mids2 = {(s + e - 1) // 2 for s, e in _groups([(i["level1_name"], i["level2_name"]) for i in inds])}
        labels(
            [l1_of[j] if j in mids1 else None for j in range(n)], [l2_of[j] if j in mids2 else None for j in range(n)]
        )
    elif change == "score_marks":
        labels(
            [
                f"{_SCORE.sub('', l1_of[j]).strip()}({_POINTS.get(inds[j]['level1_code'], 10)}分)"
                if j in firsts1
                else None
                for j in range(n)
            ],
            [f"{_SCORE.sub('', l2_of[j]).strip()}(10分)" if j in firsts2 else None for j in range(n)],
        )
    elif change == "odd_level1":
        odd = [_ODD.get(i["level1_code"], l1) for i, l1 in zip(inds, l1_of)]
        labels(
            [odd[j] if j in firsts1 else None for j in range(n)], [l2_of[j] if j in firsts2 else None for j in range(n)]
        )
        for g, text in zip(golds, odd):
            g["level1_name"] = text
    elif change == "numbers_restart":
        count = 0
        for j, it in enumerate(doc.items):
            count = 1 if j in firsts1 else count + 1
            cells = pieces[it.piece]
            cells[it.name] = f"{count}、{cells[it.name]}"
    else:
        raise ValueError(change)
    return pieces, gold


def render(pieces: list, layout: str) -> str:
    """The pieces as text: ``pipe`` rows, ``lines`` (one cell per line, empty cells dropped),
    ``spaces`` (a row's cells parted by one space, empty ones dropped) or ``run`` (joined)."""
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif layout == "pipe":
            out.append(piece.text())
        elif layout == "lines":
            out.extend(c.strip() for c in piece if c.strip())
        elif layout == "spaces":
            out.append(" ".join(c.strip() for c in piece if c.strip()))
        elif layout == "run":
            out.append("".join(c.strip() for c in piece))
        else:
            raise ValueError(layout)
    return "\n".join(out) + "\n"


def score(doc: Doc, gold: dict, text: str) -> list:
    """The copy's samples against the (changed) gold; a refused reading misses every gold project."""
    return score_reading(gold, read_copy(text), record=doc.stem)
