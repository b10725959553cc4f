"""A dev source's money block re-laid the ways other sites lay it, amounts and gold unchanged.

The money block is the run of lines holding the caption (项目资金（万元） / 资金情况 / 项目金额),
the money keys (年度资金总额 / 其中：财政拨款 / 财政专户 / 其他资金 / 中期资金总额 …) and their
amounts, found by the words of the keys and the shape of the values, nothing else on those lines.
Its cells are taken byte for byte from the real ``source.txt`` (a line split at ``|``, at runs of
two spaces or more, and at the colon between a key and its amount) and re-laid:

- ``money_grid``: the heads on one line and the amounts on the next (a money table's two rows);
- ``money_grid_spaced``: the same two rows with cells apart by runs of spaces (``pdftotext -layout``);
- ``money_side``: the 实施期 and 年度 columns side by side (实施期资金总额 | 3X | 年度资金总额 | X: the
  whole period's amounts three times the year's, a three-year project; the gold holds the year's),
  when the source has only the year's; ``money_side_year_first`` with the 年度 column first,
  ``money_side_spaced`` with cells apart by spaces and no bars anywhere;
- ``money_heads_wrapped``: a cell per line, each key wrapped over two lines (a narrow key column);
- ``money_unit_head``: the unit only in the caption (项目资金（万元）), every other statement of it removed;
- ``money_unit_title``: the unit only on a line under the title (单位：万元), none in the caption;
- ``money_yuan``: the amounts written in 元 (×10000) with the caption saying 元;
- ``money_yuan_thousands``: the same with thousands separators (12,500,000.00);
- ``money_glued``: each amount with its unit glued (12.5万元) and no unit in the caption;
- ``money_no_empty``: the grid with the empty cells vanished (年度资金总额 其中：财政拨款 其他资金 / 5 5);
- ``money_one_line``: the whole block on one line, cells run together;
- ``money_pipes``: a ``| key | amount |`` row per key.

The gold does not change: the amounts are the same (in 元 they are scored after converting the
reading to the gold's unit). A rewrite that does not apply to a document returns None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from header_relayouts import _apart

from assistant.extract.parsers.form.labels import _fold, _key_field

#: a money block's caption: 项目资金（万元）, 资金情况, 项目金额, 资金投入情况
_CAPTION = re.compile(
    r"^(?P<words>项目资金|资金情况|项目金额|资金投入情况|项目资金申请|年度资金)\s*(?:[（(]\s*(?P<unit>万元|元)\s*[)）])?[:：]?$"
)
_UNIT_ONLY = re.compile(r"^[（(]?\s*(?:单位[:：]\s*)?(?P<unit>万元|元)\s*[)）]?$")
#: an amount as a cell holds it: 1125, 6,070.00, 2279.048 万元, 5万元, a dash, or nothing
_AMOUNT = re.compile(r"^(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|万|元)?$")
_DASH = re.compile(r"^(?:—+|-+|－+|/|无)$")
_MONEY_FIELDS = (
    "total",
    "fiscal",
    "special_account",
    "other",
    "实施周期资金总额",
    "total_fiscal",
    "上级资金",
    "自筹资金",
)
#: a key and its amount in one cell: 年度资金总额:16, 年度资金总额: 1125
_KEY_AMOUNT = re.compile(r"^(?P<key>[^\d:：]{2,16}?[:：])\s*(?P<amount>\d[\d,.]*\s*(?:万元|万|元)?)$")
#: a key with its amount glued on: 其中 :上级资金16
_KEY_GLUED = re.compile(r"^(?P<key>[^\d]{2,16}?)(?P<amount>\d[\d,.]*\s*(?:万元|万|元)?)$")
#: a statement of the unit anywhere else: 单位：万元, 金额单位:万元, (万元)
_UNIT_STATED = re.compile(r"(?:金额)?单位\s*[:：]\s*(?:万元|元)|[（(]\s*(?:万元|元)\s*[)）]")


@dataclass
class MoneyBlock:
    """The money block of a source: ``lines[start:end]`` hold the caption, the keys and amounts."""

    lines: list[str]
    start: int
    end: int
    caption: str | None  # its words without the unit (项目资金), None when the block has none
    unit: str | None  # the unit the caption states
    rows: list[tuple[str, str | None]] = field(default_factory=list)  # (key as written, amount or None)

    def text(self, block: list[str]) -> str:
        return "\n".join(self.lines[: self.start] + block + self.lines[self.end :])


def _cells(line: str) -> list[str]:
    """A line's cells: split at bars, tabs and runs of two spaces or more; a key and its amount
    in one cell (年度资金总额:16) split after the colon."""
    out = []
    for cell in re.split(r"[|｜\t]|[ \u3000]{2,}", line):
        cell = cell.strip(" \u3000")
        if not cell:
            continue
        m = _KEY_AMOUNT.match(cell) or _KEY_GLUED.match(cell)
        if m and _money_key(m["key"]) and _AMOUNT.match(m["amount"].strip()):
            out += [m["key"].strip(), m["amount"].strip()]
            continue
        words = cell.split()
        if _kind(cell) is None and len(words) > 1 and all(_kind(w) for w in _cells("  ".join(words))):
            out += _cells("  ".join(words))  # 资金情况(万元) 年度资金总额: 10: cells apart by one space
            continue
        out.append(cell)
    return out


def _money_key(cell: str) -> bool:
    return _key_field(cell.rstrip(":：").strip()) in _MONEY_FIELDS and not re.search(r"\d", cell)


def _kind(cell: str) -> str | None:
    if _CAPTION.match(re.sub(r"\s", "", _fold(cell))):
        return "caption"
    if _money_key(cell):
        return "key"
    if _AMOUNT.match(cell) or _DASH.match(cell):
        return "amount"
    if _UNIT_ONLY.match(re.sub(r"\s", "", cell)):
        return "unit"
    if re.sub(r"\s", "", cell) in ("金额", "资金来源"):
        return "stub"
    return None


def money_block(text: str) -> MoneyBlock | None:
    """The source's money block: consecutive lines (blank ones inside it kept) whose every cell is
    a caption, a money key, an amount, a unit or the 金额 stub, with at least two keys each
    followed by one amount at most; None when the source has no such block or more than one."""
    lines = text.split("\n")
    kinds = [[(_kind(c), c) for c in _cells(line)] for line in lines]
    found = []
    i = 0
    while i < len(lines):
        if not kinds[i] or not any(k in ("caption", "key") for k, _ in kinds[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and all(k is not None for k, _ in kinds[j]):
            j += 1
        while j > i and not kinds[j - 1]:
            j -= 1  # blank lines after the block are not in it
        found.append((i, j))
        i = max(j, i + 1)
    blocks = [b for s, e in found if (b := _read_block(lines, s, e, [c for line in kinds[s:e] for c in line]))]
    return blocks[0] if len(blocks) == 1 else None


def _read_block(lines: list[str], start: int, end: int, cells: list[tuple[str | None, str]]) -> MoneyBlock | None:
    caption, unit = None, None
    rows: list[tuple[str, str | None]] = []
    for kind, cell in cells:
        if kind == "caption":
            if caption is not None or rows:
                return None
            m = _CAPTION.match(re.sub(r"\s", "", _fold(cell)))
            caption, unit = m["words"], m["unit"] or unit
        elif kind == "unit":
            if rows:
                return None  # a unit cell after an amount: a unit column, not a caption's
            unit = _UNIT_ONLY.match(re.sub(r"\s", "", cell))["unit"]
        elif kind == "key":
            rows.append((cell, None))
        elif kind == "amount":
            if not rows or rows[-1][1] is not None:
                return None  # two amounts to a key: a 自评表's money columns, another layout
            rows[-1] = (rows[-1][0], None if _DASH.match(cell) else cell)
        elif kind == "stub" and rows:
            return None
    if len(rows) < 2 or not any(a for _, a in rows):
        return None
    fields = [_key_field(k.rstrip(":：").strip()) for k, _ in rows]
    if len(set(fields)) != len(fields):
        return None  # 中期 | 年度 side by side already (two 财政拨款): only one layout of it is re-laid here
    return MoneyBlock(lines, start, end, caption, unit, rows)


# --- the re-layouts -----------------------------------------------------------------------

_SCALE = {"万元": Decimal(10000), "元": Decimal(1)}


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def _in_yuan(amount: str, thousands: bool) -> str:
    """An amount of the block (万元, its unit glued or not) written in 元."""
    m = _AMOUNT.match(amount)
    value = Decimal(m["number"].replace(",", "")) * _SCALE["万元"]
    text = f"{value:,.2f}" if thousands else _plain(value)
    return text + ("元" if m["unit"] else "")


def _unit_free(text: str) -> str:
    """``text`` with its statements of the unit (单位：万元, 金额单位:万元) taken out."""
    return re.sub(r"(?:金额)?单位\s*[:：]\s*(?:万元|元)", "", text)


def _times(amount: str, factor: int) -> str:
    """An amount of the block times ``factor``, written as it was (its decimals, its unit)."""
    m = _AMOUNT.match(amount)
    number = m["number"].replace(",", "")
    places = len(number.split(".")[1]) if "." in number else 0
    return f"{Decimal(number) * factor:.{places}f}" + amount[m.end("number") :]


def _key_bare(key: str) -> str:
    """A money key without a unit of its own (年度金额(万元): → 年度金额:)."""
    return re.sub(r"\s*[（(]\s*(?:万元|元)\s*[)）]", "", key)


def _head(block: MoneyBlock, unit: str | None) -> list[str]:
    if block.caption is None:
        return []
    return [f"{block.caption}（{unit}）" if unit else block.caption]


def _wrap(cell: str) -> list[str]:
    """A cell over two lines, cut in its middle (a narrow column wraps its words)."""
    if len(cell) < 4:
        return [cell]
    half = len(cell) // 2
    return [cell[:half], cell[half:]]


def _bar_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def relayout(text: str, how: str, unit: str | None) -> str | None:
    """``text`` with its money block re-laid ``how`` (see the module's list), ``unit`` the gold's
    currency unit; None when the source has no block this re-layout applies to."""
    block = money_block(text)
    if block is None or unit not in _SCALE:
        return None
    said = block.unit or unit  # the block's unit, else the one the document states elsewhere
    keys = [k for k, _ in block.rows]
    amounts = [a for _, a in block.rows]
    bars = any("|" in line for line in block.lines[block.start : block.end])
    sep = " | " if bars else "  "
    head = _head(block, said if _UNIT_STATED.search("".join(block.lines[block.start : block.end])) else None)

    def rows(keys: list[str], amounts: list[str | None], first: list[str]) -> list[str]:
        out = []
        for i, (k, a) in enumerate(zip(keys, amounts)):
            cells = (first if i == 0 else []) + [k] + ([a] if a else [])
            out.append(_bar_row(cells) if bars else sep.join(cells))
        return out

    def apart(new: list[str], how: str) -> str:
        """The document with the block re-laid without bars: a copy made one way throughout, the
        other rows lose their bars alike (a bar-less line among bar rows reads as a wrap)."""
        lines = block.lines
        return "\n".join([*_apart(lines[: block.start], how), *new, *_apart(lines[block.end :], how)])

    def unit_moved(new: list[str], insert_title: str | None = None) -> str:
        """The document with every other statement of the unit taken out (the block says it)."""
        lines = [_unit_free(line) for line in block.lines]
        out = MoneyBlock(lines, block.start, block.end, block.caption, block.unit).text(new)
        if insert_title:
            parts = out.split("\n")
            at = next((i for i, line in enumerate(parts) if line.strip()), 0)
            parts.insert(at + 1, insert_title)
            out = "\n".join(parts)
        return out

    if how == "money_grid":
        return block.text([_bar_row(head + keys), _bar_row((["金额"] if head else []) + [a or "" for a in amounts])])
    if how == "money_no_empty":
        return block.text([_bar_row(head + keys), _bar_row((["金额"] if head else []) + [a for a in amounts if a])])
    if how == "money_grid_spaced":
        grid = ["    ".join(head + keys), "    ".join((["金额"] if head else []) + [a for a in amounts if a])]
        return apart(grid, "hdr_padded")
    if how in ("money_side", "money_side_year_first", "money_side_spaced"):
        if _key_field(keys[0].rstrip(":：").strip()) != "total":
            return None
        colon = "：" if keys[0].rstrip().endswith("：") else (":" if keys[0].rstrip().endswith(":") else "")
        lines = []
        for i, (k, a) in enumerate(block.rows):
            period = [f"实施期资金总额{colon}" if i == 0 else k, _times(a, 3) if a else ""]
            year = [k, a or ""]
            cells = period + year if how != "money_side_year_first" else year + period
            first = head if i == 0 else ([""] if head else [])
            if how == "money_side_spaced":
                lines.append("    ".join(c for c in first + cells if c))
            else:
                lines.append(_bar_row(first + cells))
        return apart(lines, "hdr_padded") if how == "money_side_spaced" else block.text(lines)
    if how == "money_heads_wrapped":
        lines = [piece for cell in head for piece in _wrap(cell)]
        for k, a in block.rows:
            lines += _wrap(k) + ([a] if a else [])
        return apart(lines, "hdr_one_cell")
    if how == "money_one_line":
        return apart(["".join(head + [k + (a or "") for k, a in block.rows])], "hdr_run_rows")
    if how == "money_pipes":
        return block.text(
            [
                _bar_row((head if i == 0 else ([""] if head else [])) + [k, a or ""])
                for i, (k, a) in enumerate(block.rows)
            ]
        )
    if block.caption is None:
        return None  # the unit rewrites move the unit into the caption or out of it
    bare = [_key_bare(k) for k in keys]
    if how == "money_unit_head":
        return unit_moved(rows(bare, amounts, [f"{block.caption}（{said}）"]))
    if how == "money_unit_title":
        if said != unit:
            return None
        return unit_moved(rows(bare, amounts, [block.caption]), insert_title=f"单位：{unit}")
    if how in ("money_yuan", "money_yuan_thousands"):
        if said != "万元":
            return None
        yuan = [_in_yuan(a, how.endswith("thousands")) if a else None for a in amounts]
        return unit_moved(rows(bare, yuan, [f"{block.caption}（元）"]))
    if how == "money_glued":
        if said != "万元":
            return None
        glued = [(_AMOUNT.match(a)["number"] + "万元") if a else None for a in amounts]
        return unit_moved(rows(bare, glued, [block.caption]))
    raise ValueError(how)


LAYOUTS = (
    "money_grid",
    "money_grid_spaced",
    "money_no_empty",
    "money_side",
    "money_side_year_first",
    "money_side_spaced",
    "money_heads_wrapped",
    "money_unit_head",
    "money_unit_title",
    "money_yuan",
    "money_yuan_thousands",
    "money_glued",
    "money_one_line",
    "money_pipes",
)


# --- a 自评表's money block: column heads over rows of amounts -------------------------------

#: a row of a 自评表's money block: its key names money (年度资金总额, 其中：当年财政拨款, 上年结转资金,
#: 其他资金, 地方资金, 彩票公益金…), no digit in it
_SE_KEY = re.compile(r"^[^\d|]*(?:资金|拨款|结转|补助|合计|总额|收入|公益金)[^\d|]*$")
_SE_CELL = re.compile(r"^(?:\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?|\d+(?:\.\d+)?\s*[%％]|—+|-+|－+|/)$")


@dataclass
class RowsBlock:
    """A 自评表's money block: ``lines[start:end]`` hold the caption, the column heads and the rows."""

    lines: list[str]
    start: int
    end: int
    caption: list[str]  # the caption's pieces (项目资金, (万元)), as written
    heads: list[str]  # the column heads (年初预算数 | 全年预算数 | …), as written
    rows: list[tuple[str, list[str]]]  # (key, cells as written, "" for an empty cell kept by bars)


def _bar_cells(line: str) -> list[str]:
    """A ``|`` line's cells, inner empty ones kept, the empty ones at its ends (padding) dropped."""
    cells = [c.strip() for c in line.split("|")]
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _se_row(line: str) -> tuple[str, list[str]] | None:
    if "|" in line:
        cells = _bar_cells(line)
        if not cells or not _SE_KEY.match(cells[0]) or not all(not c or _SE_CELL.match(c) for c in cells[1:]):
            return None
        return cells[0], cells[1:]
    words = line.split()
    at = next((j for j, w in enumerate(words) if _SE_CELL.match(w)), len(words))
    key = " ".join(words[:at])
    if not key or not _SE_KEY.match(key) or not all(_SE_CELL.match(w) for w in words[at:]):
        return None
    return key, words[at:]


def rows_block(text: str) -> RowsBlock | None:
    """The 自评表 money block of a source whose column heads (年初预算数 | 全年预算数 | 全年执行数 | 分值
    | 执行率 | 得分, the budget and the rate among them) stand on one line, each money row on a
    line of its own below them; None when the source has no such block."""
    from assistant.extract.parsers.money_run import _COLUMN, money_columns

    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if money_columns(line) and "指标" not in line), None)
    if at is None:
        return None
    line = lines[at]
    pieces = _bar_cells(line) if "|" in line else line.split()
    first = next((j for j, p in enumerate(pieces) if _COLUMN.match(re.sub(r"\s", "", p))), None)
    if first is None:
        return None
    caption, heads = pieces[:first], pieces[first:]
    start = at
    if not caption and at > 0 and _CAPTION_WORDS.search(lines[at - 1]) and len(_bar_cells(lines[at - 1])) <= 2:
        start, caption = at - 1, _bar_cells(lines[at - 1]) if "|" in lines[at - 1] else lines[at - 1].split()
    rows = []
    end = at + 1
    while end < len(lines) and (row := _se_row(lines[end])) is not None:
        rows.append(row)
        end += 1
    if not rows or not rows[0][1] or _key_field(rows[0][0].rstrip(":：").strip()) not in ("total", "total_fiscal"):
        return None  # the first row the year's total, with its amounts on its line
    return RowsBlock(lines, start, end, caption, heads, rows)


_CAPTION_WORDS = re.compile(r"项目资金|资金投入情况|预算执行情况|资金情况")


def rows_relayout(text: str, how: str) -> str | None:
    """``text`` with its 自评表 money block re-laid ``how`` (see :data:`ROWS_LAYOUTS`)."""
    block = rows_block(text)
    if block is None:
        return None
    lines = block.lines
    bars = any("|" in line for line in lines[block.start : block.end])
    filled = [[key, *[c for c in cells if c]] for key, cells in block.rows]
    head = [*block.caption, *block.heads]
    apart_how = {"se_one_cell": "hdr_one_cell", "se_run": "hdr_run_rows", "se_padded": "hdr_padded"}
    if how == "se_pipes":
        if bars:
            return None  # the source's own layout
        new = [_bar_row(head), *(_bar_row(row) for row in filled)]
        return "\n".join([*lines[: block.start], *new, *lines[block.end :]])
    if how == "se_one_cell":
        new = [cell for row in [head, *filled] for cell in row]
    elif how == "se_run":
        new = ["".join(row) for row in [head, *filled]]
    elif how == "se_padded":
        new = ["    ".join(row) for row in [head, *filled]]
    else:
        raise ValueError(how)
    if bars:
        return "\n".join(
            [*_apart(lines[: block.start], apart_how[how]), *new, *_apart(lines[block.end :], apart_how[how])]
        )
    return "\n".join([*lines[: block.start], *new, *lines[block.end :]])


ROWS_LAYOUTS = ("se_pipes", "se_padded", "se_one_cell", "se_run")
