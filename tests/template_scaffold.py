"""Real dev sources written into a filled-in template's scaffolding, scored on their unchanged gold.

A department that fills in the finance bureau's template keeps what the template printed around
the cells it filled: ``指标1：``/``指标2：`` in front of each name, restarting in every 二级 group;
the unfilled slots after the filled ones (``指标3：`` empty, ``……``, ``**``, ``（自定义）``,
``xx%``, ``X个``); the blank 二级 labels of categories nobody used (生态效益指标 with only
``指标1：`` in it); a 评分标准 or 分值 column; the header wrapped over two rows; a ``注：`` line
under the table. :func:`scaffolds` writes each of these into a dev document's own source text
(byte for byte elsewhere), in the document's own layout (``|`` cells, tabs, spaces, one cell a
line, run together; see :mod:`leftover_rows`), and :func:`score_copy` scores a copy against the
document's gold, which none of these changes: the ``指标N：`` prefix, a slot and a guidance cell
are not part of any indicator (gold/real/NOTES-corpus-a.md).
"""

from __future__ import annotations

import re

from leftover_rows import Doc, _row, _under

__all__ = ["SCAFFOLDS", "scaffolds", "score_copy"]

#: an unfilled slot's cells after the group's last filled item (n: the slot's number)
_SLOTS = {
    "slot_blank": lambda n: [f"指标{n}："],
    "slot_dots": lambda n: [f"指标{n}：", "……"],
    "slot_stars": lambda n: [f"指标{n}：**", "**"],
    "slot_custom": lambda n: [f"指标{n}：（自定义）", ""],
    "slot_xx": lambda n: [f"指标{n}：", "xx%" if n % 2 else "X个"],
}
_GUIDE = "完成得满分，未完成按比例扣分"
_NOTE = "注：1.各单位可根据项目实际情况增加或减少二级指标及三级指标；2.指标值应细化、量化。"
#: the 二级 categories a 效益 block prints, one of which a project may leave unused
_UNUSED = ("生态效益指标", "可持续影响指标", "经济效益指标", "社会效益指标")
SCAFFOLDS = (
    "prefixed",
    "prefixed_cn",
    "prefixed_dun",
    *_SLOTS,
    "unused",
    "guide_col",
    "score_col",
    "header_2rows",
    "note",
    "all",
)

_PREFIXED = re.compile(r"指标\s*\d+\s*[:：]\s*$")


def _groups(doc: Doc) -> list[list[int]]:
    """The indices of the gold indicators, in runs of the same 一级/二级 labels."""
    out: list[list[int]] = []
    for i, ind in enumerate(doc.gold):
        key = (ind.get("level1_name"), ind.get("level2_name"))
        if out and key == (doc.gold[out[-1][-1]].get("level1_name"), doc.gold[out[-1][-1]].get("level2_name")):
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _row_piece(doc: Doc, at: int, cells: list[str]) -> tuple[int, str]:
    """A new row after the row ending at ``at``: on its own line, or run on where rows run on."""
    row = _row(doc, cells)
    if at < len(doc.text) and doc.text[at] != "\n":
        return at, row
    return at, "\n" + row


def _row_start(doc: Doc, i: int) -> int:
    """Where indicator ``i``'s printed row begins: before its 一级/二级 labels when it opens its
    group (the start of their line, or the label itself where rows run on), else before its name."""
    at = doc.rows[i][0]
    floor = doc.rows[i - 1][1] if i else 0
    for key in ("level1_name", "level2_name"):  # the first label printed in front of the name
        label = doc.gold[i].get(key)
        if label and 0 <= (hit := doc.text.find(label, floor, at)) < at:
            at = hit
    if doc.layout == "run":
        return at
    at = doc.text.rfind("\n", 0, at)
    before = doc.text.rfind("\n", 0, at)
    if doc.layout in ("lines", "line_pipes") and re.fullmatch(r"\s*\d{1,3}\s*[|｜]?\s*", doc.text[before + 1 : at]):
        return before  # the row's 序号 on the line above its name
    return at


def _line_row_end(doc: Doc, i: int) -> int | None:
    """Where row ``i``'s last cell ends when a row's cells run over lines: before the next row
    begins; the last row spans as many lines from its name as the row above did."""
    if i + 1 < len(doc.rows):
        return _row_start(doc, i + 1)
    if i == 0:
        return None
    lines = doc.text.count("\n", doc.rows[i - 1][0], _row_start(doc, i))
    at = doc.rows[i][0]
    for _ in range(lines):
        at = doc.text.find("\n", at + 1)
        if at < 0:
            return None
    return at


def _group_end(doc: Doc, last: int) -> int | None:
    """Where a row goes after indicator ``last`` (its group's last): before the next group's
    labels when a row's cells run over lines (None after the grid's last row: where its cells
    end cannot be told), else where ``last``'s row ends."""
    if doc.layout in ("lines", "line_pipes"):
        return _row_start(doc, last + 1) if last + 1 < len(doc.rows) else None
    return doc.ends[last]


_CN = "一二三四五六七八九十"


def _prefixes(doc: Doc, form: str = "指标{n}：") -> list[tuple[int, str]] | None:
    """``指标k：`` in front of each name, k restarting in each group (None: the source has them)."""
    if any(_PREFIXED.search(doc.text[max(0, at - 8) : at]) for at, _, _ in doc.rows):
        return None
    out = []
    for group in _groups(doc):
        for k, i in enumerate(group):
            at, end, line_end = doc.rows[i]
            out.append((at, form.format(n=k + 1, cn=_CN[k % 10])))
            # the name's copy in the other half of a grid printed side by side: a cell of its own
            # followed by the value again (not the name quoted inside a value)
            name, value = doc.gold[i]["name"], doc.gold[i].get("annual_value") or doc.gold[i].get("period_value")
            again = doc.text.find(name, end, line_end)
            if again > 0 and re.search(r"[|｜\t]\s*$", doc.text[again - 3 : again]):
                if value and value in doc.text[again + len(name) : line_end]:
                    out.append((again, form.format(n=k + 1, cn=_CN[k % 10])))
    return out


def _slots(doc: Doc, kind: str) -> list[tuple[int, str]]:
    """An unfilled slot after each group's filled items."""
    ends = [(_group_end(doc, g[-1]), len(g) + 1) for g in _groups(doc)]
    return [_row_piece(doc, at, _SLOTS[kind](n)) for at, n in ends if at is not None]


def _unused(doc: Doc) -> list[tuple[int, str]] | None:
    """A 二级 label nobody used, with two empty slots, in front of the 满意度 block."""
    used = {ind.get("level2_name") for ind in doc.gold}
    label = next((x for x in _UNUSED if x not in used and x not in doc.text), None)
    satisfied = next((i for i, ind in enumerate(doc.gold) if str(ind.get("level1_code") or "").startswith("3")), None)
    if label is None or not satisfied:
        return None
    at = _row_start(doc, satisfied)
    if doc.layout == "pipe":
        line = doc.text[doc.text.rfind("\n", 0, doc.rows[-1][2]) + 1 : doc.rows[-1][2]]
        width = max(len(re.split(r"[|｜]", line.strip().strip("|｜"))), 4)
        rows = [["", label, "指标1："], ["", "", "指标2："]]
        piece = "\n".join("| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows)
    elif doc.layout == "tab":
        piece = f"\t{label}\t指标1：\n\t\t指标2："
    else:
        piece = _row(doc, [label, "指标1："]) + ("\n" if doc.layout != "run" else "") + _row(doc, ["指标2："])
    if at < len(doc.text) and doc.text[at] != "\n":
        return [(at, piece)]
    return [(at, "\n" + piece)]


def _column(doc: Doc, cell: str, heading: str) -> list[tuple[int, str]] | None:
    """A cell after each indicator row's last one (a 评分标准 or 分值 column), its heading at the
    header's end (just before the first row where a row's cells run over lines or run together)."""
    head = doc.text[max(doc.text.rfind("三级指标", 0, doc.rows[0][0]), 0) : doc.rows[0][0]]
    if heading in head:
        return None  # the grid has that column already
    edits = []
    for i, (_, end, line_end) in enumerate(doc.rows):
        if doc.layout in ("lines", "line_pipes"):  # the cell on a line of its own at the row's end
            at = _line_row_end(doc, i)
            if at is None:
                return None
            edits.append((at, "\n" + (f"{cell} |" if doc.layout == "line_pipes" else cell)))
        elif doc.layout == "run" or doc.ends[i] != line_end:
            edits.append((end, cell))  # rows run on: the cell runs on after the value
        elif doc.layout == "pipe":
            closed = doc.text[:line_end].rstrip().endswith(("|", "｜"))
            edits.append((line_end, f" {cell} |" if closed else f" | {cell}"))
        else:
            edits.append((line_end, ("\t" if doc.layout == "tab" else "    ") + cell))
    if doc.layout in ("lines", "line_pipes", "run"):  # the heading ends the header, before the first row
        at = _row_start(doc, 0)
        edits.append(
            (at, heading if doc.layout == "run" else "\n" + heading + (" |" if doc.layout == "line_pipes" else ""))
        )
    elif doc.header is not None:
        at = doc.text.find(doc.header) + len(doc.header)
        if doc.layout == "pipe":
            closed = doc.header.rstrip().endswith(("|", "｜"))
            edits.append((at, f" {heading} |" if closed else f" | {heading}"))
        else:
            edits.append((at, ("\t" if doc.layout == "tab" else "    ") + heading))
    return edits


def _header_2rows(doc: Doc) -> list[tuple[int, str, int]] | None:
    """The header's cells wrapped in two (一级 / 指标): the header replaced by two lines."""
    if doc.header is None or doc.layout == "run":
        return None
    at = doc.text.find(doc.header)

    def halves(cell: str) -> tuple[str, str]:
        core = cell.strip()
        if len(core) < 4:
            return core, ""
        cut = len(core) // 2
        return core[:cut], core[cut:]

    if doc.layout in ("lines", "line_pipes"):
        lines = []
        for line in doc.header.split("\n"):
            bar = line.rstrip().endswith(("|", "｜"))
            top, bottom = halves(line.rstrip().rstrip("|｜"))
            lines += [x + (" |" if bar else "") for x in (top, bottom) if x]
        return [(at, "\n".join(lines), len(doc.header))]
    sep = {"pipe": r"\s*[|｜]\s*", "tab": "\t", "spaces": r"\s+"}[doc.layout]
    cells = re.split(sep, doc.header.strip())
    split = [halves(c) for c in cells]
    join = {"pipe": " | ", "tab": "\t", "spaces": "    "}[doc.layout]
    top, bottom = join.join(a for a, _ in split), join.join(b for _, b in split)
    if doc.layout == "pipe":
        top, bottom = top.strip(" |"), bottom.strip(" |")
        top, bottom = f"| {top} |", f"| {bottom} |"
    return [(at, top + "\n" + bottom, len(doc.header))]


def _apply(text: str, edits: list[tuple]) -> str:
    """``text`` with each (at, piece[, replaced length]) applied, from the end backwards."""
    for edit in sorted(edits, key=lambda e: e[0], reverse=True):
        at, piece = edit[0], edit[1]
        gone = edit[2] if len(edit) > 2 else 0
        text = text[:at] + piece + text[at + gone :]
    return text


def scaffolds(doc: Doc) -> list[tuple[str, str]]:
    """(label, text) of each piece of scaffolding that applies to ``doc``, and all at once."""
    out = []
    prefixes = _prefixes(doc)
    pieces: dict[str, list | None] = {"prefixed": prefixes}
    pieces["prefixed_cn"] = _prefixes(doc, "指标{cn}：")  # the other forms templates print
    pieces["prefixed_dun"] = _prefixes(doc, "指标{n}、")
    for kind in _SLOTS:
        pieces[kind] = (prefixes or []) + _slots(doc, kind)
    pieces["unused"] = _unused(doc)
    pieces["guide_col"] = _column(doc, _GUIDE, "评分标准")
    pieces["score_col"] = _column(doc, "10", "分值")
    pieces["header_2rows"] = _header_2rows(doc)
    under = _under(doc.text, doc.rows[-1])
    pieces["note"] = [(under, "\n" + _NOTE)] if doc.layout != "run" else [(under, _NOTE)]
    for label, edits in pieces.items():
        if edits:
            out.append((label, _apply(doc.text, edits)))
    combined = [
        *(prefixes or []),
        *_slots(doc, "slot_dots"),
        *(pieces["unused"] or []),
        *(pieces["header_2rows"] or []),
        *pieces["note"],
    ]
    out.append(("all", _apply(doc.text, combined)))
    return out


def score_copy(doc: Doc, text: str) -> list[dict] | None:
    """The samples of ``text`` read by the rules against ``doc``'s gold (None: refused), the
    reading's amounts in the gold's unit."""
    import json
    from pathlib import Path

    from rewrite_runner import score_copy as score

    gold = json.loads((Path(doc.folder) / "gold.json").read_text(encoding="utf-8"))
    return score(gold, text, record=doc.stem, unit=True)
