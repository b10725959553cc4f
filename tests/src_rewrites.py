"""Real dev sources re-laid out the way a PDF's text layer comes out when a web page republishes it.

Only the layout of the indicator table changes; its text is the source's own, byte for byte (its
typos, notes, score marks and units columns kept), so the unchanged gold still scores it:

* ``wrap``: every line of the table, and of the lines around it up to an empty one, hard-wrapped
  at a fixed width (in CJK characters, a digit taking half of one), breaking inside names,
  values, numbers and units (``9`` / ``5%``), as a PDF page's text layer does;
* ``reflow``: the table's lines joined and hard-wrapped again at a width: row ends are lost;
* ``oneline``: every line break inside the table removed (one long line);
* ``letterspaced``: the form's printed labels (header words, level labels) with a space between
  every character, as a distributed-aligned cell copies (``项 目 名 称``);
* ``mixed``: hard wrap plus white space lost or doubled at random;
* ``joinrows``: every line of the document with its cells run together (``|``, tabs and white
  space between them dropped), as a web page's text copy joins a row's cells;
* ``joingrid``: that, and the whole table's cells on one line (row ends lost too);
* ``joingrid34``: that line hard-wrapped again at 34 characters (a PDF column of run-together text).

The table is the lines from the first one naming a level column (一级指标, 二级指标, 三级指标) to the
last one holding a gold indicator's name (and its value lines after it, up to a line that ends a
grid or is empty). Its bounds are found with the gold; its text is never taken from it.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from dev_gold import dev_gold

from assistant.taxonomy import LEVEL1_WORDS, LEVEL2_WORDS
from assistant.textnorm import display_width, fold, simplified

_HEAD = re.compile(r"[一二三]级指标")
#: a line that ends a grid: no table line after it is re-laid out
_GRID_END = re.compile(r"填报人|填表人|盖章|附件|联系人|联系电话|审核人|负责人|^\s*注[:：]|^\s*说明")
#: the words a form prints in its own cells (header and level labels): distributed-aligned in PDFs
LABEL_WORDS = (
    "项目名称",
    "主管部门",
    "实施单位",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "年度指标值",
    "绩效指标",
    "年度目标",
    "总体目标",
    *(f"{w}指标" for w in (*LEVEL1_WORDS, *LEVEL2_WORDS)),
)


def family(folder: Path) -> str:
    return json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("family", "")


def pool() -> list[tuple[Path, dict, str]]:
    """(folder, gold, source text) of each dev document with indicators and a source.txt,
    run-together documents first, then ``|`` rows, spaces, one cell per line, the rest."""
    order = ("run_together", "pipe_flattened", "space_separated", "one_cell_per_line")
    out = []
    for folder, gold in dev_gold():
        source = folder / "source.txt"
        if not source.exists() or not any(p["indicators"] for u in gold["units"] for p in u["projects"]):
            continue
        out.append((folder, gold, source.read_text(encoding="utf-8")))
    out.sort(key=lambda t: (order.index(f) if (f := family(t[0])) in order else len(order), t[0].name))
    return out


def table_span(text: str, gold: dict) -> tuple[int, int] | None:
    """The first and last line (inclusive) of the document's indicator table(s); None when no
    header line or no gold name is found."""
    lines = text.split("\n")
    folded = [simplified(fold(line)) for line in lines]
    start = next((i for i, f in enumerate(folded) if _HEAD.search(f)), None)
    if start is None:
        return None
    keys = {
        simplified(fold(i["name"]))[:4]
        for u in gold["units"]
        for p in u["projects"]
        for i in p["indicators"]
        if len(fold(i["name"])) >= 4
    }
    last = max((i for i in range(start, len(lines)) if any(k in folded[i] for k in keys)), default=None)
    if last is None:
        return None
    end = last
    while end + 1 < len(lines) and end - last < 6 and lines[end + 1].strip() and not _GRID_END.search(lines[end + 1]):
        end += 1
    return start, end


def _wrapped(line: str, width: int) -> list[str]:
    """``line`` cut into lines that each fill ``width`` CJK characters' room (a digit or a Latin
    letter takes half of one), as a PDF column wraps: anywhere, mid-word or mid-number."""
    out, cur, room = [], "", 2 * width
    for ch in line:
        if cur and display_width(ch) > room:
            out.append(cur)
            cur, room = "", 2 * width
        cur += ch
        room -= display_width(ch)
    return [*out, cur]


def _block(lines: list[str], a: int, b: int) -> tuple[int, int]:
    """The run of non-empty lines around lines a..b: a page's text layer wraps all of it."""
    while a > 0 and lines[a - 1].strip():
        a -= 1
    while b + 1 < len(lines) and lines[b + 1].strip():
        b += 1
    return a, b


def rewrite(text: str, gold: dict, kind: str, seed: int = 0) -> str | None:
    """The source with its table re-laid out as ``kind`` (wrap18, wrap26, wrap34, wrap48,
    reflow34, oneline, letterspaced, mixed, joinrows, joingrid, joingrid34); None when no table is found or nothing changes."""
    span = table_span(text, gold)
    if span is None:
        return None
    lines = text.split("\n")
    a, b = _block(lines, *span) if kind.startswith(("wrap", "mixed")) else span
    table = lines[a : b + 1]
    rng = random.Random(seed)
    if kind.startswith("wrap"):
        new = [piece for line in table for piece in _wrapped(line, int(kind[4:]))]
    elif kind.startswith("reflow"):
        new = _wrapped("".join(line.strip() for line in table), int(kind[6:]))
    elif kind == "oneline":
        new = ["".join(line.strip() for line in table)]
    elif kind == "letterspaced":
        new = [letterspaced(line) for line in table]
    elif kind == "mixed":
        new = [_spaces_noise(piece, rng) for line in table for piece in _wrapped(line, 26)]
    elif kind == "joinrows":
        new = [joined(line) for line in table]
    elif kind.startswith("joingrid"):
        line = "".join(joined(line) for line in table)
        new = _wrapped(line, int(kind[8:])) if kind[8:] else [line]
    else:
        raise ValueError(kind)
    if new == table:
        return None
    if kind.startswith("join"):  # a page's text copy joins the cells of every row, not the grid's only
        return "\n".join([*map(joined, lines[:a]), *new, *map(joined, lines[b + 1 :])])
    return "\n".join([*lines[:a], *new, *lines[b + 1 :]])


_SEPARATORS = re.compile(r"[|｜\t\s\u3000]+")


def joined(line: str) -> str:
    """``line`` with the separators between its cells dropped (``|``, tabs, white space)."""
    return _SEPARATORS.sub("", line)


_LABELS = re.compile("|".join(sorted(map(re.escape, set(LABEL_WORDS)), key=len, reverse=True)))


def letterspaced(line: str) -> str:
    """``line`` with each label word the form prints spaced out (项 目 名 称)."""
    return _LABELS.sub(lambda m: " ".join(m.group()), line)


def _spaces_noise(line: str, rng: random.Random) -> str:
    """White space lost (a third of the runs) or doubled (a third)."""
    out = []
    for piece in re.split(r"(\s+)", line):
        r = rng.random()
        out.append(piece if not piece.isspace() else "" if r < 1 / 3 else piece * 2 if r < 2 / 3 else piece)
    return "".join(out)
