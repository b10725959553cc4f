"""A grid row of several cells: leading labels, the 三级指标 name, then its values, placed by
column when empty cells were kept, else filling the read columns in order; side-by-side blocks;
and a row whose cells wrapped onto the lines below it.
"""

from __future__ import annotations

import re

from ....compare_words import SIGNS
from ....messages import msg
from .failures import Failures
from .labels import _VALUE_LIKE, _fold, _is_label, _is_placeholder
from .layout_columns import continued_cells
from .stream import _short_value
from .tokens import Token, _Item


def _join_wrapped_rows(entries, width: int, failures: Failures):
    """A row holding only its name, followed by short rows without labels that start with a
    value or a short word (有效, 达标): the row's cells were wrapped onto the lines below (``| 减轻…负担 |`` / ``| 有效 |`` / ``| 有效 | 10 | 10 |``).
    They are joined into the name's row, and a failure says the values were read that way."""
    out: list[tuple[str, list[Token]]] = []
    lines = [row for kind, row in entries if kind == "flat"]
    tails: dict[int, str] = {}  # a cell already continued: the text of its last line

    def last_line(token: Token) -> str:
        return tails.get(id(token), token.text)

    i = 0
    while i < len(entries):
        kind, row = entries[i]
        i += 1
        cells = [t for t in row if t.text]
        above = [t for t in out[-1][1] if t.text] if out and out[-1][0] == "flat" else []
        name = next((t for t in above if not _is_label(t.text)), None)
        if (
            kind == "flat"
            and not any(_is_label(t.text) or _is_placeholder(t.text) for t in cells)
            and (under := continued_cells(cells, above, lines, last_line, name))
        ):
            # pieces alone under cells of the row above that fill their columns (laid out with
            # spaces): those cells wrapped under themselves
            ends = {id(t): p for t, p in zip(under, cells)}
            joined = [_continued(t, ends[id(t)]) if id(t) in ends else t for t in out[-1][1]]
            tails.update({id(j): ends[id(t)].text for t, j in zip(out[-1][1], joined) if id(t) in ends})
            out[-1] = ("flat", joined)
            text = " ".join(t.text.strip() for t in cells)[:30]
            if under == [name]:
                failures.at_row(
                    cells[0].row, "三级指标", msg("FORM_NAME_WRAPPED_BELOW", name=name.text[:30], text=text)
                )
            else:
                failures.at_row(
                    cells[0].row, "三级指标", msg("FORM_CELLS_CONTINUED_BELOW", text=text, cell=under[0].text[:30])
                )
            continue
        rest = cells[:]
        while rest and _is_label(rest[0].text):
            rest.pop(0)
        if (
            kind == "flat"
            and len(cells) == 1
            and _LONE_NUMBER.fullmatch(_fold(cells[0].text))
            and out
            and out[-1][0] == "flat"
            and 2 <= len(filled := [t for t in out[-1][1] if t.text and not _is_label(t.text)]) <= width
        ):
            # a number alone on its line under a full row (定性 | 高中低 / 10): the row's last cell
            # (a 权重, a score) wrapped below it, not an indicator named 10
            out[-1] = ("flat", [*out[-1][1], cells[0]])
            failures.at_row(
                cells[0].row, "指标值", msg("FORM_CELL_WRAPPED_BELOW", name=filled[0].text[:30], text=cells[0].text)
            )
            continue
        if (
            kind == "flat"
            and len(cells) == 1
            and not _is_label(cells[0].text)
            and not _is_placeholder(cells[0].text)  # 指标3: left blank in a template: no name's end
            and not _VALUE_LIKE.search(_fold(cells[0].text))
            and out
            and out[-1][0] == "flat"
            and len(filled := [t for t in out[-1][1] if t.text and not _is_label(t.text)]) >= 2
            and cells[0].cell.text[: cells[0].start].strip() == ""  # alone on its line, indented or not
        ):
            # a text alone on its line under a full row: the row's name wrapped onto the next line
            # (为全市经济发 | 正面支撑 / 展保驾护航); read joined to the name, and said so: with
            # empty cells dropped it may also be a name whose cells are all empty
            name = filled[0]
            joined = Token(name.text + cells[0].text.strip(), name.cell, name.start, name.end, name.row, name.col)
            tails[id(joined)] = cells[0].text
            out[-1] = ("flat", [joined if t is name else t for t in out[-1][1]])
            failures.at_row(
                cells[0].row, "三级指标", msg("FORM_NAME_WRAPPED_BELOW", name=name.text[:30], text=cells[0].text[:30])
            )
            continue
        if kind != "flat" or len(rest) != 1:
            out.append((kind, row))
            continue
        joined = list(row)
        taken = 0
        while i < len(entries) and entries[i][0] == "flat":
            nxt = [t for t in entries[i][1] if t.text]
            if not nxt or any(_is_label(t.text) for t in nxt) or taken + len(nxt) >= width or len(nxt) >= width - 1:
                break
            if not (_VALUE_LIKE.search(_fold(nxt[0].text)) or len(_fold(nxt[0].text)) <= 2):
                break  # a cell that may be the next indicator's name: that row stands on its own
            joined.extend(nxt)
            taken += len(nxt)
            i += 1
        if taken:
            failures.at_row(rest[0].row, "指标值", msg("FORM_WRAPPED_VALUES", text=rest[0].text[:30], taken=taken))
        out.append((kind, joined))
    return out


def _continued(cell: Token, piece: Token) -> Token:
    """The cell with its wrapped end joined (the cell keeps its place)."""
    return Token(cell.text.rstrip() + piece.text.strip(), cell.cell, cell.start, cell.end, cell.row, cell.col)


_READ = ("period_value", "annual_value", "sign", "unit", "period_unit")

#: a bare number or share: what a wrapped score or weight cell leaves alone on a line
_LONE_NUMBER = re.compile(r"\d{1,3}(?:\.\d+)?\s*[%％]?")


def _read_targets(targets: list[str | None], side_by_side: bool, units: bool = False) -> list[str | None]:
    """Side by side blocks (三级指标 | 实施周期指标值 | 二级指标 | 三级指标 | 年度指标值): once the
    repeated name and label are dropped, a row holds the first block's value, then the second's:
    the period value, then the annual one, unless the heads name the annual block first
    (年度指标值 | … | 实施周期指标值); two heads that do not tell (指标值 | … | 指标值) keep the
    template's order, 实施周期 first."""
    if not side_by_side:
        return targets
    named = [t for t in targets if t in ("period_value", "annual_value")]
    if units:
        # rows read by their cells: a 计量单位 head after each block's value (实施周期指标值 | 计量单位 |
        # … | 年度指标值 | 计量单位) is that value's unit, joined to it
        with_units = [
            "period_unit" if t == "unit" and prev == "period_value" else t
            for prev, t in zip([None, *targets], targets)
            if t in ("period_value", "annual_value", "unit")
        ]
        if (
            len(named) == 2
            and len(with_units) == 4
            and with_units[1::2] in (["period_unit", "unit"], ["unit", "period_unit"])
        ):
            return with_units
    return named if len(named) == 2 else ["period_value", "annual_value"]


def _read_row(
    row: list[Token],
    targets: list[str | None],
    side_by_side: bool,
    items: list[_Item],
    label,
    failures: Failures,
    scores: tuple[int, int] | None = None,
    describes: int | None = None,
    annual_col: int | None = None,
) -> None:
    """One grid row: leading labels, the 三级指标 name, its values. Empty cells kept between
    ``|`` place the values by column; without them the values fill the read columns in order,
    or, in a grid with a block of score columns (分值 | 得分), fall either side of the scores
    (:func:`_around_scores`). ``describes``: the value column that describes the indicator
    (指标描述, 指标说明), see :func:`_label_in_name_column`. ``annual_col``: side by side, a row
    of real cells, the column of the second block's names (:func:`_blocks_by_column`)."""
    if annual_col is not None and (placed := _blocks_by_column(row, annual_col)) is not None:
        row, second = placed
    else:
        second = None
    cells = [t for t in row if t.text]
    while cells and _GROUP_POINTS.fullmatch(_fold(cells[0].text).strip()):
        cells.pop(0)  # (50分) first: the 自评表's 一级 cell with its label lost, not the name
    leading = next((i for i, t in enumerate(cells) if not _is_label(t.text)), len(cells))
    if leading >= 3 and (
        leading == len(cells) or _short_value(cells[leading].text) or len(cells) - leading == len(targets)
    ):
        # 满意度指标 | 服务对象满意度指标 | 满意度 | ≥ | 95: both labels given, the third level word is
        # the name; with two labels only (产出指标 | 时效指标 | 2022年全年 | ≥360天) the name is the
        # cell after them, however much it looks like a value (flagged as such), not the 二级 label.
        # So too when the cells after the third fill the value columns exactly (a 指标解释 cell
        # first: 服务对象满意度 | 享受…的满意程度 | >= | 95 | %): taken as a label, the row is a cell short
        leading -= 1
    popped: list[Token] = []
    while cells and leading and label(cells[0]):
        popped.append(cells.pop(0))
        leading -= 1
    if not cells:
        return
    if (described := _label_in_name_column(popped, cells, targets, describes)) is not None:
        items.append(_Item(described, [*cells[:describes], None, *cells[describes + 1 :]], described.row))
        failures.at_row(
            described.row,
            "三级指标",
            msg("FORM_NAME_FROM_DESCRIPTION", label=popped[-1].text, name=described.text[:30], value=cells[0].text),
        )
        return
    name, values = cells[0], cells[1:]
    after = row[row.index(name) + 1 :]
    while len(after) > len(targets) and not after[-1].text:
        after.pop()
    if not side_by_side and len(after) == len(targets) and any(not t.text for t in after):
        items.append(_Item(name, [t if t.text else None for t in after], name.row))
        return
    blocks = _read_targets(targets, True, units=True) if second is not None else []
    named = [i for i, t in enumerate(blocks) if t in ("period_value", "annual_value")]
    if second is not None and len(named) == 2 and len(values) <= 1 and not any(_is_label(v.text) for v in values):
        # one block filled, its columns say which (the heads' order, 实施周期 first unless they
        # say otherwise): the other block's value is empty, not misplaced
        slot = named[1 if second else 0]
        items.append(_Item(name, [values[0] if i == slot and values else None for i in range(len(blocks))], name.row))
        return
    if side_by_side:
        # the annual block repeats the 二级指标 label and the 三级指标 name beside the period value
        kept = [v for v in values if not _is_label(v.text)]
        repeated = [v for v in kept if _fold(v.text) == _fold(name.text)]
        blocks = _read_targets(targets, True, units=True)
        if len(repeated) != 1 or len(kept) != len(blocks) + 1:
            failures.at_row(name.row, "指标值", msg("FORM_BLOCKS_MISALIGNED", name=name.text[:30], cells=len(kept)))
        values = [v for v in kept if v not in repeated]
        targets = blocks
    read = [t for t in targets if t in _READ]
    if len(values) > len(targets):
        failures.at_row(
            name.row,
            "指标值",
            msg(
                "FORM_EXTRA_VALUES",
                name=name.text[:30],
                cells=len(values),
                columns=len(targets),
                text=" | ".join(v.text for v in values[len(targets) :])[:60],
            ),
        )
        values = values[: len(targets)]
    around = _around_scores(values, targets, scores) if scores and len(values) < len(targets) else None
    if around is not None:
        aligned, doubt = around
        if doubt:
            failures.at_row(
                name.row,
                "指标值",
                msg("FORM_VALUES_UNPLACED", cells=len(values), columns=len(targets), name=name.text[:30]),
            )
    elif _spans_sign_and_unit(values, targets):
        # a text target (有效) written across the 指标性质 | 指标值 | 度量单位 cells: one cell for three
        at = targets.index("sign")
        aligned = [*values[:at], None, values[at], None, *values[at + 1 :]]
        aligned += [None] * (len(targets) - len(aligned))
    elif len(values) == len(targets) or len(values) > len(read):
        aligned: list[Token | None] = values + [None] * (len(targets) - len(values))
    else:
        # empty cells were dropped: the values fill the columns that are read, from the left
        slots = iter(values)
        aligned = [next(slots, None) if t in _READ else None for t in targets]
        pair = [t for t in read if t in ("period_value", "annual_value")]
        if len(pair) > 1 and len(values) < len(read):
            failures.at_row(
                name.row,
                "指标值",
                msg("FORM_VALUES_UNPLACED", cells=len(values), columns=len(read), name=name.text[:30]),
            )
    items.append(_Item(name, aligned, name.row))


def _blocks_by_column(row: list[Token], annual_col: int) -> tuple[list[Token], bool] | None:
    """A side-by-side row of real cells with one block's name left empty: the row without the
    labels the other block repeats, and whether the filled block is the second one (its name in
    ``annual_col`` or after); None when both names or neither are filled (read as before)."""
    names = [t for t in row if t.text and not _is_label(t.text)]
    if not names:
        return None
    first = names[0]
    annual = first.col >= annual_col
    if annual and any(t.col < annual_col - 1 and t.text and not _is_label(t.text) for t in row):
        return None
    if not annual and any(t.col >= annual_col and t.text and not _is_label(t.text) for t in row):
        return None  # both blocks filled
    # the labels of the empty block copy the filled block's: kept once, from the filled block
    keep = [t for t in row if not (t.text and _is_label(t.text) and (t.col < annual_col - 2) == annual)]
    return keep, annual


def _label_in_name_column(
    popped: list[Token], cells: list[Token], targets: list[str | None], describes: int | None
) -> Token | None:
    """The description cell standing in for the name of a row whose name column holds its 二级
    label (指标类型 | 指标名称 | 指标值 | 指标描述 over 产出指标 | 数量指标 | 375万平方米 | 完成全市…):
    ``describes`` is set only for a grid where that holds of every row (:func:`labels_name_rows`);
    the row's cells after its labels fill the value columns exactly, the description is the only
    text saying what is measured, so it is read as the name, flagged; the first cell is the value."""
    if (
        describes is None
        or not popped
        or len(cells) != len(targets)
        or not 0 < describes < len(cells)
        or not cells[describes].text.strip()
        or _is_label(cells[describes].text)
    ):
        return None
    return cells[describes]


def labels_name_rows(entries, targets: list[str | None], describes: int | None) -> int | None:
    """``describes`` when the grid's name column holds 二级 labels: every row starting with a
    label has, after its labels, exactly as many cells as there are value columns (never a
    name and a full set of values), there are two such rows or more, and at least one of them
    starts with a value (≥95%, 100%, 2023年12月). Else None: a grid with names of its own has
    rows with one cell more, and a row whose value was left empty is then read as before."""
    if describes is None:
        return None
    counts: list[int] = []
    valued = False
    for kind, row in entries:
        cells = [t for t in row if t.text]
        if kind != "flat" or not cells or not _is_label(cells[0].text):
            continue
        rest = cells[:]
        while rest and _is_label(rest[0].text):
            rest.pop(0)
        counts.append(len(rest))
        valued = valued or bool(rest and _short_value(rest[0].text))
    return describes if len(counts) >= 2 and valued and all(c == len(targets) for c in counts) else None


#: the points of a 一级 group alone in its cell, its label lost: (50分), （30分）
_GROUP_POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")

#: what a score cell holds: a bare number of points (10, 9.5, 100)
_POINTS = re.compile(r"\d{1,3}(?:\.\d{1,2})?")


def _around_scores(
    values: list[Token], targets: list[str | None], scores: tuple[int, int]
) -> tuple[list[Token | None], bool] | None:
    """A 自评表 row whose empty cells were dropped, placed around its score cells: the columns
    ``scores`` (分值 | 得分, 权重 | 得分) are filled in every row with bare numbers, so a run of
    that many bare numbers, with no bare number after it (what follows is a remark), says
    where they are; the cells before it fill the value columns from the left, the cells after it
    the remarks. Without this, a row with its target left empty put its 分值 in the target's
    place. Returns the aligned cells and whether the placing is a guess (more than one place
    fits, or fewer cells than columns before the scores, unless the one cell is a target by its
    comparison); None when no place fits (the row is read as before)."""
    a, b = scores
    n = b - a
    fits = []
    for i in range(len(values) - n + 1):
        before, run, after = values[:i], values[i : i + n], values[i + n :]
        if (
            all(_POINTS.fullmatch(_fold(v.text)) for v in run)
            and len(before) <= a
            and len(after) <= len(targets) - b
            and not any(_POINTS.fullmatch(_fold(v.text)) for v in after)
        ):
            fits.append(i)
    if not fits:
        return None
    i = fits[-1]
    before, after = values[:i], values[i + n :]
    aligned = [*before, *[None] * (a - len(before)), *values[i : i + n], *after]
    aligned += [None] * (len(targets) - len(aligned))
    # sure when every column before the scores is filled, or when one value column stands there
    # beside 指标性质 / 计量单位 (whose cells are placed by their shapes later, see indicators._by_meaning),
    # or when the one cell is the target by its comparison
    valued = [t for t in targets[:a] if t not in ("sign", "unit")]
    pinned = (
        len(before) == a
        or len(valued) <= 1
        or (len(before) == 1 and targets[0] == "annual_value" and re.match(r"[≥≤><＞＜≧≦]", _fold(before[0].text)))
    )
    return aligned, len(fits) > 1 or not pinned


def _spans_sign_and_unit(values: list[Token], targets: list[str | None]) -> bool:
    """Two cells (or more, with empty notes after) short, where 指标性质 | 指标值 | 度量单位
    stand side by side and the cell due there holds text with no digit: the form merged the
    three cells for a target in words."""
    at = targets.index("sign") if "sign" in targets else -1
    return (
        at >= 0
        and targets[at + 1 : at + 3] == ["annual_value", "unit"]
        and len(values) <= len(targets) - 2
        and at < len(values)
        and not re.search(r"\d|[" + SIGNS + r"]", values[at].text)
        and not _NATURE.fullmatch(_fold(values[at].text))  # 定性 | 高中低: the 指标性质 cell itself
    )


#: the words a 指标性质 cell holds besides a comparison (the national template's)
_NATURE = re.compile(r"(?:正向|反向|定性|定量|中性|共性|个性)(?:指标)?")
