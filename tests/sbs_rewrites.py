"""Dev ``|`` grids re-laid out as 实施周期 and 年度 blocks side by side, from their real source text.

Two kinds of document, the cells always the source's own, byte for byte:

* ``native``: a dev document whose source already prints the two blocks side by side (一级 |
  二级 | 三级 | 指标值 | 二级 | 三级 | 指标值); its gold is unchanged;
* ``doubled``: a dev document of ``|`` rows with ONE value column (一级 | 二级 | 三级 | 指标值)
  whose grid is written again as two blocks: the header's value head becomes 实施周期指标值 and
  二级指标 | 三级指标 | 年度指标值 follow it; each row, its cells in their columns (a row short of
  cells lost its leading merged label cells), is followed by a copy of itself without its 一级
  cell (a Guangdong table's 年度 block repeats the 二级 label and the name). Gold rule: each
  indicator's ``period_value`` is its ``annual_value`` (the two blocks hold the same cells).

Variants of the blocks (both kinds):

* ``aligned``: as above;
* ``short``: the 年度 block of the grid's last row left empty (the annual block has one row
  fewer). Gold rule: that indicator's ``annual_value`` is null (b16's rule: a value the 年度
  block does not print is not filled in);
* ``differ`` (``doubled`` only): the two blocks' values differ, as a cycle's targets do: a
  实施周期 value cell of one number and a count unit (≥57个, not 95%) has its number tripled (a
  three-year cycle's total). Gold rule: that indicator's ``period_value`` likewise.

Each is then written in the layouts real copies give (:func:`form_variants.reseparate`): ``pipe``,
``tabs``, ``spaces``, ``lines`` (one cell per line, empty cells dropped), ``line_pipes`` (one cell
per line closed by ``|``) and ``run`` (a row's cells joined with no separator).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from form_variants import GOLD, _pipe_cells, reseparate, separated_rows

from assistant.taxonomy import LEVEL1_WORDS

LAYOUTS = ("pipe", "tabs", "spaces", "lines", "line_pipes", "run")
VARIANTS = ("aligned", "short", "differ")
#: a value cell of one number and a count unit (≥57个, 26970.7平方米), not a share (95%)
_COUNT = re.compile(r"^([≥≤>＞<＜=]*)(\d+(?:\.\d+)?)([^\d%％]*)$")

_VALUE_HEAD = re.compile(r"^(?:年度)?指标值")


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _level1(text: str) -> bool:
    return any(_bare(text).startswith(w) for w in LEVEL1_WORDS)


def _grid(lines: list[str]) -> tuple[int, int, list[str]] | None:
    """(first line, end line, header cells) of the one indicator grid of ``|`` rows: from the line
    whose cells hold 三级指标 to the last ``|`` row after it."""
    head = next((i for i, x in enumerate(lines) if any(_bare(c) == "三级指标" for c in _pipe_cells(x) or [])), None)
    if head is None:
        return None
    end = head + 1
    while end < len(lines) and len(_pipe_cells(lines[end]) or []) >= 2:
        end += 1
    return head, end, _pipe_cells(lines[head])


def doubled(text: str) -> tuple[str, list[int]] | None:
    """The source with its single-value grid as two blocks (``aligned``), and the line numbers of
    the grid's body rows; None when the grid is not 一级 | 二级 | 三级 | one value head."""
    lines = text.split("\n")
    found = _grid(lines)
    if found is None:
        return None
    head, end, cells = found
    bare = [_bare(c) for c in cells if c.strip()]
    caption = bare[:1] if bare[:1] == ["绩效指标"] else []  # the grid's caption cell (绩 效 指 标)
    bare = bare[len(caption) :]
    notes = bare[4:]  # a column that explains the target (指标说明), kept in both blocks
    if (
        bare[:3] != ["一级指标", "二级指标", "三级指标"]
        or not _VALUE_HEAD.match(bare[3])
        or notes not in ([], ["指标说明"])
    ):
        return None
    out = lines[:head]
    heads = [
        *caption,
        "一级指标",
        "二级指标",
        "三级指标",
        "实施周期指标值",
        *notes,
        "二级指标",
        "三级指标",
        "年度指标值",
        *notes,
    ]
    out.append("| " + " | ".join(heads) + " |")
    rows = []
    for line in lines[head + 1 : end]:
        row = [c for c in _pipe_cells(line) if c]
        if len(row) <= 4:
            # a row short of cells lost its leading merged label cells (一级 / 二级 written once
            # per group): padded on the left, so each cell stands in its column
            row = [""] * (4 - len(row)) + row + [""] * len(notes)
        right = row[1:]  # the 年度 block: 二级 | 三级 | 指标值, the 一级 cell not repeated
        rows.append(len(out))
        out.append("| " + " | ".join([*row, *right]) + " |")
    return "\n".join([*out, *lines[end:]]), rows


def native_rows(text: str) -> list[int] | None:
    """The body rows of a source already side by side (two 三级指标 heads in its header row)."""
    lines = text.split("\n")
    found = _grid(lines)
    if found is None or sum(_bare(c) == "三级指标" for c in found[2]) != 2:
        return None
    return list(range(found[0] + 1, found[1]))


def shortened(text: str, rows: list[int]) -> str:
    """The grid's last row with its 年度 block emptied: the cells after the first block's value
    (labels, name, value) left blank, each cell kept in its column."""
    lines = text.split("\n")
    last = rows[-1]
    cells = _pipe_cells(lines[last])
    name = next(i for i, c in enumerate(cells) if c and not _level_label(c))
    value = next((i for i in range(name + 1, len(cells)) if cells[i]), name)
    cells = [c if i <= value else "" for i, c in enumerate(cells)]
    lines[last] = "| " + " | ".join(cells) + " |"
    return "\n".join(lines)


def _level_label(text: str) -> bool:
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,10}指标", _bare(text)))


def documents() -> list[tuple[str, str, dict, str, list[int]]]:
    """(kind, id, gold, source text in ``|`` rows, body row line numbers) per dev document used."""
    out = []
    for folder in sorted(GOLD.iterdir()):
        meta_path, src = folder / "meta.json", folder / "source.txt"
        if not meta_path.exists() or not src.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta["split"] != "dev" or meta["family"] == "traditional":
            continue
        text = src.read_text(encoding="utf-8")
        if not separated_rows(text):
            continue
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        projects = [p for u in gold["units"] for p in u["projects"]]
        if len(projects) != 1 or not projects[0]["indicators"]:
            continue
        inds = projects[0]["indicators"]
        if all(i["period_value"] and i["annual_value"] for i in inds) and (rows := native_rows(text)):
            out.append(("native", folder.name, gold, text, rows))
        elif all(i["annual_value"] and not i["period_value"] for i in inds) and (made := doubled(text)):
            gold = copy.deepcopy(gold)
            for i in [i for u in gold["units"] for p in u["projects"] for i in p["indicators"]]:
                i["period_value"] = i["annual_value"]
            out.append(("doubled", folder.name, gold, made[0], made[1]))
    return out


def variant(gold: dict, text: str, rows: list[int], name: str) -> tuple[dict, str]:
    """The ``name`` variant of a side-by-side text and its gold (see the module docstring)."""
    if name == "aligned":
        return gold, text
    gold = copy.deepcopy(gold)
    inds = [i for u in gold["units"] for p in u["projects"] for i in p["indicators"]]
    if name == "differ":
        return gold, tripled(text, rows, inds)
    inds[-1]["annual_value"] = None
    return gold, shortened(text, rows)


def tripled(text: str, rows: list[int], inds: list[dict]) -> str:
    """The ``differ`` text: each row's 实施周期 value cell (column 4 of a doubled row) of one
    number and a count unit tripled, the indicator it belongs to (the next whose annual value
    it is) given that period value."""
    lines = text.split("\n")
    left = iter(inds)
    for at in rows:
        cells = _pipe_cells(lines[at])
        if len(cells) < 4 or not (m := _COUNT.match(cells[3])):
            continue
        ind = next((i for i in left if i["annual_value"] == cells[3]), None)
        if ind is None:
            break
        number = float(m[2]) * 3
        cells[3] = f"{m[1]}{number:g}{m[3]}"
        ind["period_value"] = cells[3]
        lines[at] = "| " + " | ".join(cells) + " |"
    return "\n".join(lines)


def layout(text: str, name: str) -> str | None:
    return text if name == "pipe" else reseparate(text, name)


def as_path(name: str) -> Path:
    return GOLD / name
