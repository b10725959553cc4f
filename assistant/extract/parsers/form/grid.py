"""The indicator grid: its header (which value columns are read, and into which field), then
its body, read by column (real cells), by row (:mod:`.rows`), one cell per line
(:mod:`.stream`) or as text run together (:mod:`.runs`), into items and the level labels seen
on the way.
"""

from __future__ import annotations

import itertools
import re
from functools import partial

from ....compare_words import SIGNS
from ....messages import msg
from ....taxonomy import code_for_level2_name
from ....textnorm import fold
from .blank_block import header_after_blank_block
from .brackets import join_bracket_cells, join_bracket_heads
from .columns import check_columns
from .cut import _UNIT, column_kind, head_run, split_heads
from .failures import Failures
from .labels import (
    _HEAD_WORD,
    _NAME_PREFIX,
    _T2S,
    _VALUE_LIKE,
    _bare,
    _cost_kind,
    _ends_grid,
    _fold,
    _is_grid_caption,
    _is_header_word,
    _is_label,
    _is_placeholder,
    _is_value_header,
    _key_field,
    _label_word,
    _level1_code,
    _level1_label,
    _level1_stub,
    _level2_label,
    _level2_word,
    _strip_label,
    _unit_only,
)
from .layout_columns import heads_wrapped_under
from .per_column import caption_over_places, place_columns, place_heads
from .rows import _LONE_NUMBER, _around_scores, _join_wrapped_rows, _read_row, _read_targets, labels_name_rows
from .runs import _cut_short_labels, _read_run, level1_suffix, not_an_item
from .side_runs import join_copy, join_repeated_names, read_blocks
from .stream import (
    _NOTE_HEADER,
    _flush,
    _notes_from,
    _pipe_closed_lines,
    _repeats_label,
    _short_value,
    _starts_item,
    named_by_description,
    unclosed_tail,
)
from .tokens import Token, _Item
from .unknown_levels import say_unknown_level1, unknown_level1, unknown_level1_cells
from .wrapped_lines import join_wrapped_cells, reassemble


def _empty_group(row: list[Token]) -> list[Token]:
    """The labels of a row that holds only labels and one or two bare numbers (a group's
    scores), else nothing."""
    filled = [t for t in row if t.text]
    labels = list(itertools.takewhile(lambda t: _is_label(t.text), filled))
    rest = filled[len(labels) :]
    numbers = all(_LONE_NUMBER.fullmatch(_fold(t.text)) for t in rest)
    return labels if labels and 1 <= len(rest) <= 2 and numbers else []


def _name_alone(row: list[Token]) -> Token | None:
    """The one filled cell of a row of cells when it reads as an indicator's name: a text no
    label, key or value (a row whose other cells, and the empty cells before it, were lost)."""
    filled = [t for t in row if t.text]
    if len(filled) != 1 or _is_label(filled[0].text) or _is_header_word(filled[0].text):
        return None
    text = _fold(filled[0].text)
    return filled[0] if len(text) >= 6 and not text.endswith("指标") and not _VALUE_LIKE.search(text) else None


def _wrapped_value_heads(after: list[Token]) -> list[Token]:
    """Value heads wrapped inside their cells and printed over two lines (绩效 | 实际 over
    目标值 | 完成值: 宁德's 自评表, as PDF text copies it): the header row holds the heads'
    first parts, which are no head on their own, and the next line only their ends, one for
    each, in order. Joined, each part and its end make a head (绩效目标值, 实际完成值); the
    same break as 一级 | 指标 in the level heads (昭化, 广元), read by the header loop."""
    filled = [t for t in after if t.text]
    if not filled:
        return after
    first = [t for t in filled if t.row == filled[0].row]
    nxt = [t for t in filled if t.row == filled[0].row + 1]
    words = [_bare(t.text) for t in first]
    if "三级指标" not in words or not nxt:
        return after
    parts = [t for t in first[words.index("三级指标") + 1 :] if not _is_header_word(t.text)]
    if len(parts) != len(nxt) or not all(
        _is_header_word(p.text + e.text) and not _is_header_word(p.text) for p, e in zip(parts, nxt)
    ):
        return after
    joined = {id(p): Token(p.text + e.text, p.cell, p.start, p.end, p.row, p.col) for p, e in zip(parts, nxt)}
    ends = {id(e) for e in nxt}
    return [joined.get(id(t), t) for t in after if id(t) not in ends]


#: a head about the whole period of a multi-year project (实施周期, 实施期, 中期, 中长期: the words
#: the 财政部 template and the provinces' use for the period's money and goal as well)
_PERIOD_HEAD = re.compile(r"实施周期|实施期|中长?期|整个周期")
#: a head of what was achieved (实际完成值, 全年实际值, 实现值, 执行数): not a target
_ACHIEVED_HEAD = re.compile(r"实际|完成|实现|执行")
#: a head of the target: 年度指标值, 指标值, 目标值, 计划值, 预期…值, 年初目标值, 数值
_TARGET_HEAD = re.compile(r"指标值|目标值|计划|预期|^(?:年度)?数值$")


def _value_targets(headers: list[str]) -> list[str | None]:
    """For each value column header what it fills: 'period_value', 'annual_value', or the
    'sign' / 'unit' written beside a single 指标值 (指标性质 ≥ | 指标值 200 | 计量单位 人次 reads
    as ≥200人次); None for columns not read (绩效标准, 实际值, 分值, 得分…).

    Read by the head's words, not by a list of spellings: a remark on the value (说明, 依据,
    原因) or what was achieved (实际, 完成) is not read; a head about the whole period
    (实施周期, 实施期, 中期) is the period value; any other head naming a target (指标值,
    目标值, 计划值, 预期…) the annual value; the first such column wins."""
    targets: list[str | None] = []
    for header in headers:
        h = _fold(header)
        plain = re.sub(r"[（(][^（()）]*[)）]", "", h)  # 指标值（包含数字及文字描述）: the note in brackets aside
        if re.search(r"说明|描述|依据|内容|解释|原因|措施|备注", plain):
            targets.append(None)  # 指标值说明, 指标值内容: a remark on the value, not the value
        elif re.fullmatch(r"指标值类型|指标类型", h):  # holds ≤ / 定性, as 指标性质 does
            targets.append("sign")
        elif _ACHIEVED_HEAD.search(plain) and not re.search(r"预期|目标值|计划", plain):
            targets.append(None)  # 实际完成值, 全年实际值, 2021年实际值: not the target
        elif _PERIOD_HEAD.search(plain):
            targets.append("period_value")
        elif _TARGET_HEAD.search(plain) and not re.search(r"上年|去年|前一?年|历史", plain):
            targets.append("annual_value")
        elif re.fullmatch(r"指标性质|指标方向|计算符号|符号", plain):
            targets.append("sign")
        elif re.fullmatch(r"(?:计量|度量|指标)?单位", plain):  # 单位(文字描述): the note aside
            targets.append("unit")
        else:
            targets.append(None)
    if targets.count("annual_value") > 1:
        first = targets.index("annual_value")
        targets = [t if t != "annual_value" or i == first else None for i, t in enumerate(targets)]
    if targets.count("period_value") > 1:
        first = targets.index("period_value")
        targets = [t if t != "period_value" or i == first else None for i, t in enumerate(targets)]
    if "annual_value" not in targets and "period_value" not in targets:
        targets = [None if t in ("sign", "unit") else t for t in targets]
    return targets


def _find_header(rows: list[list[Token]]) -> tuple[int, int] | None:
    """(row index, token index) of the 一级指标 (or 二级指标) header token; in a grid with no
    level columns (序号 | 三级指标 | 年度指标值) the 三级指标 token, or the 序号 before it."""

    def level_head(r: int) -> int | None:
        for t, token in enumerate(rows[r]):
            if _bare(token.text) in ("一级指标", "二级指标"):
                if "三级指标" in [_bare(x.text) for row2 in rows[r : r + 3] for x in row2]:
                    return t
        return None

    for r in range(len(rows)):
        if (t := level_head(r)) is not None:
            # a block printed blank above under the same header: the grid is the later one
            again = header_after_blank_block(rows, r, lambda k: level_head(k) is not None)
            return (r, t) if again is None else (again, level_head(again))
    flat = [(r, t, token) for r, row in enumerate(rows) for t, token in enumerate(row) if token.text]
    for i, (r, t, token) in enumerate(flat):
        if _bare(token.text) == "三级指标" and i + 1 < len(flat) and _is_value_header(flat[i + 1][2].text):
            if i and _bare(flat[i - 1][2].text) == "序号":
                return flat[i - 1][0], flat[i - 1][1]
            return r, t
    return None


def _named_head(rows: list[list[Token]]) -> list[list[Token]]:
    """``rows`` with the head of a grid's name column read as the 三级指标 it stands for, when
    the grid has no 三级指标 head and the head is followed by value heads (two or more, one a
    target, for a bare 指标):

    * a bare 指标 with no level heads at all: 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值 (the
      grids of 重庆's 一般性项目绩效目标表; 梁平 heads the same column 指标名称); a 一级 head
      wrapped over two lines (一级 | 指标) leaves the same bare 指标, hence no level heads;
    * 二级指标 right after 一级指标: one column of labels then one of names (鄂州's 一级指标 |
      二级指标 | 绩效标准 | 当年预期实现值 over 数量指标 | 办公大楼…次数 | …; the same shape as
      指标 | 指标内容 | 指标值 and 绩效指标分类 | 绩效指标 | 绩效指标描述 elsewhere). The labels
      in the body are still read as labels, and a name that reads as a label or a value is
      doubted as in any grid."""
    flat = [(r, t, token) for r, row in enumerate(rows) for t, token in enumerate(row) if token.text]
    words = [_bare(token.text) for _, _, token in flat]
    if "三级指标" in words or "三级" in words:
        return rows
    for i, (r, t, token) in enumerate(flat):
        levels = words[i] == "二级指标" and i > 0 and words[i - 1] == "一级指标"
        if not levels and not (words[i] == "指标" and not {"一级指标", "二级指标", "一级", "二级"} & set(words)):
            continue
        heads = []
        for _, _, nxt in flat[i + 1 : i + 8]:
            if not _is_value_header(nxt.text):
                break
            heads.append(_bare(nxt.text))
        body = [tok for _, _, tok in flat[i + 1 + len(heads) : i + 9 + len(heads)] if not _is_label(tok.text)]
        if levels and (not body or _short_value(body[0].text) or re.match(r"\s*(?:[" + SIGNS + r"]|\d)", body[0].text)):
            continue  # labels then values (产出指标 | 数量指标 | 200人次, run together 1个1个): two levels, no names
        if len(heads) >= (1 if levels else 2) and {"annual_value", "period_value"} & set(_value_targets(heads)):
            out = [list(row) for row in rows]
            out[r][t] = Token("三级指标", token.cell, token.start, token.end, token.row, token.col)
            return out
    return rows


def _empty_level2(l2_events: list[tuple[int, Token]], at: int, level1: Token) -> bool:
    """The last 二级 label was read just before the 一级 label ``level1`` with no row between
    them, after some rows, and it is of another group (服务对象满意度指标 then 过程指标 in e14's
    text run together): a template's 二级 row left empty, not the 二级 label of the new group."""
    if not l2_events or l2_events[-1][0] != at or at == 0:
        return False
    code = code_for_level2_name(_bare(l2_events[-1][1].text))
    return code is None or _level1_code(level1.text) != code[0]


def _continues_heads(previous: str, text: str) -> bool:
    """``text`` (run together) is value heads only once the head before it is put back in front
    of it: the header was cut inside a head (指标值 | 内容评(扣)分标准度量单位指标值类型备注)."""
    joined = previous + text
    return len(split_heads([joined])) >= 3 and len(split_heads([text])) < 2


def _read_grid(
    rows: list[list[Token]],
    header_at: tuple[int, int],
    failures: Failures,
    run_together: bool = False,
):
    """Indicators of the grid under the header: (items, level-1 events, level-2 events, targets).

    Body rows are read by column when they are as wide as the header (Word/Excel/PDF cells,
    or ``|`` rows that keep empty cells); by their right end when narrower (a flattened row
    whose merged 一级/二级 cells were dropped: values last, the name before them, labels
    first); and as a stream when each cell is on its own line (a label, or a name and its
    values).
    """
    r0, t0 = header_at
    after = _wrapped_value_heads([t for r, row in enumerate(rows[r0:]) for i, t in enumerate(row) if r > 0 or i >= t0])
    if not run_together:
        after = join_bracket_heads(after)  # one cell per line: 实际完成指标值(包含数字及文字 / 描述)
    header: list[Token] = []
    places: list[Token] = []  # heads of a value column per place (per_column)
    filled_after = [t for t in after if t.text]
    wrapped_heads: list[Token] = []
    for i, token in enumerate(filled_after):
        if (
            header
            and _fold(token.text).strip() == "指标"
            and _fold(header[-1].text).strip() in ("一级", "二级", "三级")
            # on the next line, or the two alone on theirs (not 一级 指标 二级 in a run of PDF text)
            and (token.row != header[-1].row or [t for t in filled_after if t.row == token.row] == [header[-1], token])
        ):
            wrapped_heads.append(token)  # 一级 | 指标: the head wrapped inside its cell, cut at the break
            continue
        if (
            not _is_header_word(token.text)
            and not (
                # a column head the rules have no word for (指标说明, 指标值类型, 未达到指标值原因)
                # after 三级指标 is a head, not an indicator: on the header's own row of cells, or
                # one cell per line when the heads run on up to the first 一级 label
                header
                and "三级指标" in (_bare(t.text) for t in header)
                and (
                    _column_head(token.text)
                    and (token.row == header[-1].row or _heads_until_label(filled_after[i:]))
                    # a head of no known words between two heads of the header's row (佐证资料 before
                    # 指标实际完成值): the row goes on with heads, so it is still the header
                    or _between_heads(token, filled_after[i + 1 :], header[-1])
                    # the value heads run together into one piece (指标性质年初目标值(A)计量单位…得分)
                    or (run_together and len(split_heads([token.text])) >= 2)
                    # …the piece goes on with the head before it, cut at a word of its own
                    # (指标值 | 内容评(扣)分标准度量单位…: 指标值内容 | 评(扣)分标准 | 度量单位 …)
                    or (run_together and _continues_heads(header[-1].text, token.text))
                )
            )
        ):
            if header and "三级指标" in (_bare(t.text) for t in header) and (found := place_heads(filled_after[i:])):
                header.extend([*found.heads, *found.places])  # 西坪镇尧山村 | 桃舟乡吾培村 …: a column per place
                places = found.places
            break
        header.append(token)
    full_header = list(header)
    header = _sub_heads_in_place(header)
    names = [_bare(t.text) for t in header]
    for i in range(1, len(names)):
        if names[i] == names[i - 1] == "三级指标":
            # 三级指标 | 指标内容 (湖南's 专项资金绩效目标表): the second describes the indicator,
            # a column of its own, not the name column of a second block side by side
            names[i] = _strip_label(header[i].text)
    if "三级指标" not in names:
        return [], [], [], []
    if places:
        first = next(i for i, t in enumerate(header) if t is places[0])
        if caption_over_places(
            names, first, _value_targets([names[first - 1]])[0]
        ):  # 区域目标值 over 新罗区 | 上杭县 | 漳平市
            del header[first - 1], names[first - 1]
    name_at = names.index("三级指标")
    value_headers = names[name_at + 1 :]
    if run_together:  # 计算符号目标值度量单位 | 指标值 | 说明: the heads cut again into the columns they name
        value_headers = split_heads(value_headers)
    # a two-row header flattened: 年度指标值 | 实际完成值 | 分值 | 得分 written before 一级指标, and
    # 指标性质 | 指标值 | 度量单位 (the parts of 年度指标值) after 三级指标; one cell per line, the
    # words before 一级指标 run back over several lines (the loop stops at the first other word)
    before = [
        t for row in rows[max(0, r0 - 12) : r0 + 1] for i, t in enumerate(row) if t.text and (t.row < r0 or i < t0)
    ]  # by place, not row.index(t): that compares a long run's every token, quadratic on one line
    pre: list[str] = []
    for token in reversed(before):
        if not _is_header_word(token.text):
            break
        pre.insert(0, _bare(token.text))
    if (
        len(pre) >= 2
        and "年度指标值" in pre[0]
        and value_headers
        and any(re.fullmatch(r"指标性质|指标方向|计算符号|(?:计量|度量)?单位", h) for h in value_headers)
    ):
        value_headers = value_headers + pre[1:]
    k = max(len(value_headers), 1)
    targets = _value_targets(value_headers or ["指标值"])
    per_place = place_columns(header[name_at + 1 :], places, failures) if places else frozenset()
    targets = [None if i in per_place else t for i, t in enumerate(targets)]
    header_row = rows[r0]
    # by column only when the cells are real cells: ``|`` text pads or drops cells at will
    one_row = (
        all(t.row == header[0].row for t in header)
        and len(header) >= 3
        and len({(id(t.cell), t.col) for t in header}) == len(header)
        and _no_inner_gap(header_row)  # a header with empty cells does not say where its columns are
        and len(set(names)) == len(names)  # side-by-side blocks repeat their words: read by the stream
    )
    columns = {name: t.col for name, t in zip(names, header)} if one_row else {}
    width = len(header_row) if one_row else 0
    annual_col = _annual_name_column(header, header_row)  # side by side, real cells: where the 年度 block's names stand
    wrapped_heads += heads_wrapped_under(full_header, after)  # 偏差原因分析及改进措 / 施 under its head
    used = {id(t) for t in full_header + wrapped_heads} | _page_breaks(after, full_header, rows[r0][:t0])
    used |= unclosed_tail([t for t in after if id(t) not in used], failures)
    body: list[list[Token]] = []
    for token in after:
        if id(token) in used:
            continue
        if body and body[-1][0].row == token.row:
            body[-1].append(token)
        else:
            body.append([token])
    items: list[_Item] = []
    l1_events: list[tuple[int, Token]] = []
    l2_events: list[tuple[int, Token]] = []
    stream: list[Token] = []

    def label(token: Token) -> bool:
        if _level1_label(token.text):
            last = l1_events[-1] if l1_events else None
            if last and _under_investment_effects(last[1].text, token.text):
                l2_events.append((len(items), token))  # 实施效果指标 | 产出指标: the 二级 of that system
                return True
            if (
                last
                and last[0] == len(items)
                and _bare(last[1].text) == _bare(token.text)
                and _level2_word(token.text)
                and not (l2_events and l2_events[-1][0] == len(items))
            ):
                l2_events.append((len(items), token))  # 满意度指标 | 满意度指标: the 一级 and the 二级 cell
            else:
                if _empty_level2(l2_events, len(items), token):
                    l2_events.pop()  # 服务对象满意度指标 | 过程指标…: a 二级 label with no row, before another group
                l1_events.append((len(items), token))
            return True
        if _level2_label(token.text):
            last = l2_events[-1] if l2_events else None
            if (
                last
                and last[0] == len(items)
                and _cost_kind(token.text)
                and _label_word(last[1].text) == "成本指标"
                and not (l1_events and l1_events[-1][0] == len(items))
            ):
                l1_events.append(l2_events.pop())  # 成本指标 | 经济成本指标: the 一级 and its 二级
            elif (
                last
                and last[0] == len(items)
                and _bare(last[1].text) == _bare(token.text)
                and not (l1_events and l1_events[-1][0] == len(items))
            ):
                # 服务对象满意度指标 twice in a row: the same word in the 一级 and the 二级 cell
                l1_events.append(l2_events.pop())
            l2_events.append((len(items), token))
            return True
        return False

    # each body row: ("cells", row) when it is as wide as the header (Word/Excel/PDF cells, or
    # ``|`` rows that keep empty cells), else ("flat", its non-empty tokens)
    entries: list[tuple[str, list[Token]]] = []
    for row in body:
        filled = [t for t in row if t.text]
        if not filled:
            entries.append(("flat", row))  # an empty cell on its own line (``|``) still holds a column's place
            continue
        if _ends_grid(filled[0].text) or (run_together and _ends_grid(filled[0].cell.text[filled[0].start :])):
            break  # run together, the line is read whole: 财政资金管理科室(盖章)… is cut at 财政资金
        if columns and len(row) == width and _lines_up(row, columns):
            entries.append(("cells", row))
            continue
        cut = next((i for i, t in enumerate(row) if t.text and _ends_grid(t.text)), None)
        entries.append(("flat", row[:cut]))
        if cut is not None:
            break
    flat_rows = _merge_split_labels(
        [[t for t in row if not _is_grid_caption(t.text)] for kind, row in entries if kind == "flat"]
    )
    if not run_together:
        flat_rows = join_wrapped_cells(flat_rows, k, failures)  # one cell per line, a cell wrapped over lines
        flat_rows = join_bracket_cells(flat_rows)  # …and cut inside its brackets: 开发数量( / ≥**个 / )
        if "三级指标" in value_headers:  # side by side: a name wrapped over lines, repeated by the 年度 block
            flat_rows = join_repeated_names(flat_rows, failures)
    filled_rows = [[t for t in row if t.text] for row in flat_rows]
    merged = iter(flat_rows)
    entries = [(kind, next(merged) if kind == "flat" else row) for kind, row in entries]
    side_by_side = "三级指标" in value_headers
    by_rows = not run_together and _reads_by_rows(filled_rows)
    # PDF text, a line per printed line: rows found by their values, wrapped names and labels joined
    rebuilt = None if run_together or side_by_side else reassemble(entries, len(targets), failures)
    if rebuilt is not None:
        entries, by_rows = rebuilt, True
    if by_rows and len([r for r in filled_rows if r]) <= 2 and max(len(r) for r in filled_rows) > 3 * (k + 3):
        by_rows = False  # the whole grid on one line (a PDF page copied as one run): read it as a stream
        first = next(t for r in filled_rows for t in r)
        failures.at_row(first.row, "绩效指标", msg("FORM_GRID_ONE_LINE", cells=max(len(r) for r in filled_rows), k=k))
    # one cell per line, each closed by ``|``: a line of bare ``|`` is an empty cell
    pipe_cells = _pipe_closed_lines([t for row in flat_rows for t in row])
    current: _Item | None = None
    slot: int | None = None  # side by side, one cell per line: the block the next value fills
    stream = [t for kind, row in entries if kind == "flat" for t in row if t.text]
    at = {id(t): i for i, t in enumerate(stream)}
    suffix = level1_suffix(stream) if run_together else ""  # 产出值 | 数量值: the 二级 labels' last word
    stubs = {id(t) for t, nxt in zip(stream, stream[1:]) if _level1_stub(t.text) and _is_label(nxt.text)}
    unknown_l1 = unknown_level1_cells(stream)  # 项目决策 | 数量指标: a 一级 cell the rules have no word for

    def unknown_label(token: Token, row_done: bool) -> bool:
        """An unknown 一级 cell where a row is complete (not a value in words: 有效, 公里): read, said."""
        if id(token) not in unknown_l1 or not row_done:
            return False
        l1_events.append((len(items), token))
        say_unknown_level1(token, stream[at[id(token)] + 1], failures)
        return True

    # 满意度指标 | 服务对象满意度指标 | 满意度 | ≥95%: after both labels, a level word followed by a value is the name
    level_names = {
        id(t)
        for l1, l2, t, nxt in zip(stream, stream[1:], stream[2:], stream[3:])
        if _level1_label(l1.text) and _level2_label(l2.text) and _is_label(t.text) and _short_value(nxt.text)
    }
    # 成本指标 | 成本 | 10万元, 服务对象满意度指标 | 满意度 | ≥95%: the 二级 label's own word right
    # after it, then a value, is the name
    level_names |= {
        id(t)
        for l2, t, nxt in zip(stream, stream[1:], stream[2:])
        if _level2_word(l2.text)
        and _level2_label(t.text)
        and _label_word(t.text) in _label_word(l2.text)
        and _label_word(t.text) != _label_word(l2.text)
        and _short_value(nxt.text)
    }
    # one cell per line with empty cells dropped (no bare ``|`` lines keep their places): rows
    # are told apart by what looks like a name and what like a value, see _partition
    partition = (
        not by_rows
        and not run_together
        and not side_by_side
        and not pipe_cells
        and not _notes_from(value_headers, len(value_headers) - 1)
        and k > 1
    )
    # a filled-in template numbers its names (指标1: …, 指标2: …): one cell per line, a numbered
    # name starts an indicator and the cells up to the next one are its values; the numbers
    # say where rows start, whatever cells were left empty or added (a 分值 with no header)
    prefixed = (
        not by_rows
        and not run_together
        and not side_by_side
        and sum(bool(_NAME_PREFIX.match(t.text.translate(_T2S))) for t in stream) >= 2
    )
    partition = partition and not prefixed
    unread: list[Token] = []
    streamed: list[_Item] = []  # items read one cell per line: a name, then its values
    numbered, next_number = names[0] == "序号", 1  # a 序号 column before the names
    pending: list[Token] = []
    if by_rows and rebuilt is None:
        # side by side too: pdftotext -layout wraps a block's long name under itself, in its column
        entries = _join_wrapped_rows(entries, len(targets), failures)
    scores = _score_block(value_headers, targets)
    note_last = bool(value_headers) and bool(_NOTE_HEADER.search(value_headers[-1]))  # 指标值说明, 备注
    # a column describing the indicator itself (指标描述, 指标说明; not 指标值说明): in a grid whose
    # name column holds 二级 labels, it names the rows (rows._label_in_name_column)
    describes = next(
        (
            i
            for i, h in enumerate(value_headers)
            if targets[i] is None and re.fullmatch(r"(?:指标|绩效指标)?(?:描述|说明|解释)", _fold(h))
        ),
        None,
    )
    describe_col = describes
    describes = labels_name_rows(entries, targets, describes) if by_rows and not side_by_side else None
    for kind, row in entries:
        if kind == "cells":
            if partition:  # cells read one per line before a row of real cells are a row of their own, here
                _flush(pending, k, items, failures, "unit" in targets, scores, note_last)
            current = None
            by_col = {t.col: t for t in row}
            for word, events in (("一级指标", l1_events), ("二级指标", l2_events)):
                if word in columns and (t := by_col.get(columns[word])) and t.text:
                    if "二级指标" not in columns and _level2_label(t.text):
                        events = l2_events  # one column of labels before the names: a 二级 word is a 二级 label
                    events.append((len(items), t))
            level_cols = {columns.get("一级指标"), columns.get("二级指标")}
            for t in row:
                # a label in a column before the names whose head is no level word (指标类型 | 指标名称):
                # still the row's label, not lost to the row below it
                if t.col < columns["三级指标"] and t.col not in level_cols and t.text and _is_label(t.text):
                    label(t)
            name = by_col.get(columns["三级指标"])
            values = [by_col.get(columns[h]) if h in columns else None for h in value_headers]
            if name is not None and name.text:
                items.append(_Item(name, values, name.row))
            elif any(v is not None and v.text for v in values):
                failures.at_row(row[0].row, "三级指标", msg("FORM_ROW_NO_NAME"))
            elif alone := _name_alone(row):
                # a name with all its cells empty, whose empty cells before it were dropped (促进… | ||||):
                # it landed in a label column; an indicator with no value, said so
                items.append(_Item(alone, [None] * len(value_headers), alone.row))
                failures.at_row(alone.row, "三级指标", msg("FORM_ROW_NAME_ALONE", name=alone.text[:30]))
            continue
        if by_rows:
            if numbered:  # the 序号 cell before the name
                first = next((t for t in row if t.text), None)
                if first is not None and re.fullmatch(r"\d{1,3}", _fold(first.text)):
                    row = [t for t in row if t is not first]
            if scores and (empty := _empty_group(row)):
                # 生态效益指标 | 0: a self-evaluation's group left empty, only its score written; its 一级
                # label still heads the rows below, its 二级 label heads none
                for token in empty:
                    if _level1_label(token.text):
                        label(token)
                failures.at_row(empty[0].row, "三级指标", msg("FORM_GROUP_ONLY_SCORES", text=_fold(row[-1].text)))
                continue
            if any(t.text for t in row):
                placed = annual_col if side_by_side and len(row) == len(header_row) else None
                _read_row(row, targets, side_by_side, items, label, failures, scores, describes, placed)
            continue
        cells: list[Token | None] = [t for t in row if t.text]
        if run_together:
            cells = _rejoin_keys(cells)
            for t in cells:  # a joined piece stands where its first part stood in the stream
                if t is not None and id(t) not in at:
                    at[id(t)] = next(at[id(o)] for o in row if o.cell is t.cell and o.start == t.start)
        if not cells and pipe_cells:
            cells = [None]
        for token in cells:
            if run_together and token is not None and (bare := _without_points(token)) is not token:
                at[id(bare)] = at[id(token)]  # (40分) or 指标1: before a row run together: not the name
                token = bare
                if not token.text:
                    continue
            if numbered and token is not None and _fold(token.text) == str(next_number):
                # one cell per line under 序号 | 三级指标 | …: the row's number starts a new row
                next_number += 1
                if partition:
                    _flush(pending, k, items, failures, "unit" in targets, scores, note_last)
                current = None
                continue
            if token is not None and id(token) in stubs:
                continue  # 产 | 数量指标: the 一级 cell printed cut to its first character, before a 二级 label
            # one cell per line, or text run together: a label, or a name followed by its k values
            if prefixed:
                if token is None or label(token):
                    continue
                if _NAME_PREFIX.match(token.text.translate(_T2S)):
                    current = _Item(token, [], token.row)
                    items.append(current)
                elif _POINTS.fullmatch(token.text):
                    continue  # (30分) alone: the 一级 cell of the 自评表 with its label lost, not a value
                elif current is not None and len(current.values) < k:
                    current.values.append(token)
                else:
                    unread.append(token)
                continue
            if partition:
                if token is not None and id(token) in unknown_l1 and (not pending or len(pending) % (k + 1) == 0):
                    _flush(pending, k, items, failures, "unit" in targets, scores, note_last)
                    unknown_label(token, True)
                elif token is not None and _is_label(token.text) and id(token) not in level_names:
                    _flush(pending, k, items, failures, "unit" in targets, scores, note_last)
                    label(token)
                elif token is not None and not _lone_leftover(token.text):
                    pending.append(token)
                continue
            if token is None:
                if current is not None and len(current.values) < k:
                    current.values.append(None)
            elif side_by_side and _repeats_label(token, items, stream, at):
                current, slot = items[-1], None  # the 年度 block's copy of the row's 二级 label
            elif unknown_label(token, current is None or len(current.values) >= k) or (
                id(token) not in level_names and label(token)
            ):
                current, slot = None, None
            elif not run_together and _lone_leftover(token.text) and (current is None or len(current.values) >= k):
                continue  # 指标3:, ……, ** alone where a name is due: a template row left empty, not an item
            elif run_together and (_is_placeholder(token.text) or not_an_item(token.text)):
                continue  # 指标2: left empty in a filled-in template; -定性 of an empty row
            elif run_together and head_run(token.text):
                continue  # the header's second row run together: 2021年实际实现值预期2022年实现值
            elif run_together:
                notes = sum(bool(_NOTE_HEADER.search(h)) for h in value_headers[-2:]) if value_headers else 0
                after_level1 = at[id(token)] > 0 and _level1_label(stream[at[id(token)] - 1].text)
                for piece in _cut_short_labels(token, after_level1, failures, suffix):
                    if label(piece):
                        continue
                    alike = _target_and_result(value_headers)
                    if side_by_side:  # name v1 name v2: the 实施周期 and 年度 blocks of one row
                        read = read_blocks(
                            piece,
                            partial(_read_run, k=k, notes=notes, failures=failures, alike=alike, heads=value_headers),
                        )
                        items.extend(join_copy(items, read))
                    else:
                        items.extend(_read_run(piece, k, notes, failures, alike, value_headers))
            elif side_by_side:
                # one cell per line, 实施周期 and 年度 blocks side by side: a name and its one value
                # per block; the annual block repeats the name, or follows a second 二级 label
                if slot is not None and current is not None:
                    current.values[slot] = token
                    slot = None
                    continue
                if current is not None and (
                    _unit_only(token.text) or re.fullmatch(rf"[万千百亿]?{_UNIT}", _fold(token.text).strip())
                ):
                    # a block's 计量单位 cell (万平方米, %) after its value: no name; its value is read
                    # without it, said so
                    failures.at_row(
                        current.name.row, "指标值", msg("FORM_BLOCKS_MISALIGNED", name=current.name.text[:30], cells=1)
                    )
                    continue
                seen = sum(1 for i, _ in l2_events if i == len(items))
                if items and _fold(items[-1].name.text) == _fold(token.text) and items[-1].values[1] is None:
                    current, slot = items[-1], 1
                else:
                    current, slot = _Item(token, [None, None], token.row), (1 if seen >= 2 else 0)
                    items.append(current)
            elif (
                current is not None
                and len(current.values) < k
                # the next cell only (_cannot_hold reads no further): a slice to the end was a copy per cell
                and not _cannot_hold(
                    value_headers, len(current.values), token, stream[at[id(token)] + 1 : at[id(token)] + 2]
                )
                and not (
                    _notes_from(value_headers, len(current.values))
                    and _starts_item(
                        stream,
                        at[id(token)],
                        value_headers,
                        label_words=_is_label,
                        failures=failures,
                        row=token.row,
                    )
                )
            ):
                current.values.append(token)
            else:
                current = _Item(token, [], token.row)
                items.append(current)
                streamed.append(current)
    if partition:
        _flush(pending, k, items, failures, "unit" in targets, scores, note_last)
    if describe_col is not None and not (by_rows or side_by_side or run_together or prefixed):
        named_by_description(items, k, describe_col)  # 指标名称 over the 二级 labels, one cell per line
    if prefixed and scores:
        _place_around_scores(items, targets, scores, failures)
    if side_by_side and not by_rows:
        # 实施周期 and 年度 blocks one cell per line: a row with one value for the two blocks had
        # a cell left out, and which block its value belongs to is not known from the text
        # (said once when every row has its value in the same block: that block is filled, the
        # other left empty throughout, b01; else each such row is said so, a row with no value
        # at all being one the stream could not cut)
        shapes = {tuple(v is not None for v in item.values[:2]) for item in items}
        short = [item for item in items if sum(v is not None for v in item.values[:2]) < 2]
        for item in short[:1] if len(shapes) == 1 else short:
            failures.at_row(
                item.name.row,
                "指标值",
                msg(
                    "FORM_BLOCKS_MISALIGNED",
                    name=item.name.text[:30],
                    cells=sum(v is not None for v in item.values[:2]),
                ),
            )
    if reason := _reason_head(value_headers):
        items = _without_reason_cells(items, reason, streamed, failures, (l1_events, l2_events))
    short = [item for item in streamed if len(item.values) < k]
    if short:
        # one cell per line: a name left with fewer cells than value columns before the next
        # label or name means a cell was wrapped onto a line of its own, or an empty one left
        # out; the names and values around it may have slid
        failures.at_row(
            short[0].name.row,
            "指标值",
            msg(
                "FORM_STREAM_ROW_SHORT", name=short[0].name.text[:30], cells=len(short[0].values), k=k, count=len(short)
            ),
        )
    if unread:
        failures.at_row(
            unread[0].row,
            "指标值",
            msg("FORM_CELLS_OUTSIDE_COLUMNS", count=len(unread), cells="、".join(t.text[:12] for t in unread[:4])),
        )
    if not side_by_side and not run_together:
        targets = check_columns(items, targets, value_headers, failures, per_place)
    return (
        items,
        l1_events,
        l2_events,
        (_read_targets(targets, side_by_side, units=by_rows) if by_rows or side_by_side else targets),
    )


#: the head of a score column of a 自评表 (分值, 得分, 权重, 指标分值, 自评得分)
_SCORE_HEAD = re.compile(r"(?:指标|自评)?(?:分值|得分|权重|分数)(?:[（(][^（()）]*[)）])?")


#: a value column that explains, in sentences, why a target was missed (未完成原因和改进措施,
#: 偏差原因分析及改进措施: the 自评表 templates' last column)
_REASON_HEAD = re.compile(r"原因|改进措施")


def _reason_head(headers: list[str]) -> str | None:
    return next((h for h in headers if _REASON_HEAD.search(h)), None)


#: two sentences: a full stop with more text after it
_SENTENCES = re.compile(r"。\s*\S")


def _without_reason_cells(
    items: list[_Item],
    head: str,
    streamed: list[_Item],
    failures: Failures,
    events: tuple[list[tuple[int, Token]], ...],
) -> list[_Item]:
    """``items`` less those whose "name" is sentences (a full stop inside, more text after it)
    right after another row, in a grid with a 未完成原因和改进措施 column: that column's text
    of the row before, its cell over several lines (d07: 在准备开始建设时,发现原计划建设内容不适合
    现状。经咨询…), never an indicator's name. Each is said, with the row it belongs to; the 一级 /
    二级 labels placed by item index (``events``) are moved down with the items after it."""
    out: list[_Item] = []
    for item in items:
        name = _fold(item.name.text).strip()
        if out and len(name) >= 30 and _SENTENCES.search(name):
            failures.at_row(
                item.name.row,
                "绩效指标",
                msg(
                    "FORM_REASON_CELL_NOT_INDICATOR",
                    text=item.name.text.strip()[:30],
                    head=head,
                    name=out[-1].name.text[:20],
                ),
            )
            if item in streamed:
                streamed.remove(item)
            for labels in events:  # the labels placed before a later item keep their item
                labels[:] = [(at - 1 if at > len(out) else at, token) for at, token in labels]
            continue
        out.append(item)
    return out


def _score_block(headers: list[str], targets: list[str | None]) -> tuple[int, int] | None:
    """The value columns [start, end) that hold the scores (分值 | 得分), when they stand together
    after every column that is read (the 自评表's layouts: 年度指标值 | 实际完成值 | 分值 | 得分 |
    偏差原因…; …| 完成值 | 权重 | 得分 | 未完成原因), else None."""
    at = [i for i, h in enumerate(headers) if _SCORE_HEAD.fullmatch(_fold(h))]
    if not at or at != list(range(at[0], at[-1] + 1)) or len(headers) != len(targets):
        return None
    if any(t is not None for t in targets[at[-1] + 1 :]):
        return None
    return at[0], at[-1] + 1


def _place_around_scores(items: list[_Item], targets: list[str | None], scores: tuple[int, int], failures: Failures):
    """Numbered names (指标1: …) of a 自评表, each followed by the cells that were filled: with
    empty cells dropped, ``指标1:工程质量合格 10 10`` holds the 分值 and 得分 alone, not a target
    and its result. The cells are placed around the run of points as a row of cells is
    (:func:`.rows._around_scores`), with a failure when that place is a guess (g16 安徽, j02 山东:
    the 财政部 自评表 template, 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因)."""
    for item in items:
        # a template row of filler under the item (** **, ……) is no cell of it: it would make the
        # scores look like a target and its result
        values = [v for v in item.values if v is not None and v.text and not _lone_leftover(v.text)]
        if not values:
            continue
        # bare figures alone on a line under a row written across (3; 0 0.00% 0) may be a template
        # row left at its number or at zero as well as this row's own cells: their place is a guess
        # (one cell per line, every cell is on a line of its own: no such doubt)
        across = [v.row for v in values if v.row != values[-1].row]
        stray = len(across) > len(set(across)) and all(
            _BARE_FIGURES.fullmatch(_fold(v.text)) for v in values if v.row == values[-1].row
        )
        around = _around_scores(values, targets, scores) if len(values) < len(targets) else None
        if around is not None:
            item.values, doubt = around
        if (around is not None and doubt) or stray:
            failures.at_row(
                item.name.row,
                "指标值",
                msg("FORM_VALUES_UNPLACED", cells=len(values), columns=len(targets), name=item.name.text[:30]),
            )


def _under_investment_effects(level1: str, text: str) -> bool:
    """产出指标 / 效益指标 / 满意度指标 under the 实施效果指标 of the 中央预算内投资 template
    (:data:`.labels._INVESTMENT_LEVEL1`): its 二级 labels, not 一级 ones."""
    return _label_word(level1) == "实施效果指标" and _label_word(text) in ("产出指标", "效益指标", "满意度指标")


def _cannot_hold(headers: list[str], index: int, token: Token, after: list[Token]) -> bool:
    """One cell per line: the cell cannot be this row's cell at ``index``, so it is the next
    indicator's name. An empty cell was dropped before it (an 指标性质 left blank when the value
    has no comparison, a 偏差原因 never written) and the row's cells are fewer than its columns:
    a text of words where a score (分值, 得分, 权重) or a unit (计量单位) is due, or a text
    followed by a value (2km, 95%) where the column after this one is a note (偏差原因: words,
    never a value)."""
    if index >= len(headers) or _short_value(token.text):
        return False
    kind = column_kind(headers[index])
    words = len(re.findall(r"[\u4e00-\u9fff]", _fold(token.text)))
    if kind == "score":
        return words >= 2
    if kind == "unit":
        return words >= 5
    nxt = after[0] if after else None
    return (
        words >= 2
        and index + 1 < len(headers)
        and column_kind(headers[index + 1]) in ("note", "rule")
        and nxt is not None
        and _short_value(nxt.text)
    )


def _sub_heads_in_place(header: list[Token]) -> list[Token]:
    """A header of two rows whose second row only splits one head of the first (年度指标值 over
    指标性质 | 指标值 | 度量单位, the national template's parts of a value): a web page writes
    the second row with just those cells, so they take the place of the head they split,
    before the columns after it (实际完成值 | 分值 | 得分)."""
    lines = sorted({t.row for t in header})
    if len(lines) != 2:
        return header
    first = [t for t in header if t.row == lines[0]]
    second = [t for t in header if t.row == lines[1]]
    parts = _value_targets([_bare(t.text) for t in second])
    if len(second) >= 2 and "annual_value" not in parts:
        return _sign_and_unit_under_target(first, second)
    if len(second) < 2 or "annual_value" not in parts or not all(p in ("sign", "annual_value", "unit") for p in parts):
        return header
    words = [_bare(t.text) for t in first]
    if "三级指标" not in words:
        return header
    after = words.index("三级指标") + 1
    heads = _value_targets(words[after:])
    if "annual_value" not in heads or any(_bare(t.text) in words[after:] for t in second):
        return header
    at = after + heads.index("annual_value")
    return [*first[:at], *second, *first[at + 1 :]]


#: the heads of a target's parts in a header's second row: its comparison and its unit
_SIGN_HEAD = re.compile(r"指标性质|指标方向|计算符号|符号")
_UNIT_HEAD = re.compile(r"(?:计量|度量|指标)?单位")


def _plain(head: str) -> str:
    """A head without its note in brackets: 单位(文字描述) → 单位."""
    return re.sub(r"[（(][^（()）]*[)）]", "", _bare(head))


def _sign_and_unit_under_target(first: list[Token], second: list[Token]) -> list[Token]:
    """A header of two rows whose second row starts with 符号 | 单位 and gives the value between
    them no head of its own (…| 预期指标值 | 实际完成值 | 自评得分 over 符号 | 单位(文字描述) |
    单项指标得分 | 权重占比 | 折算得分: 河北's 自评表, rows written ``>= | 98 | %``): the two are
    the parts of the one target head of the first row, put either side of it; the heads after
    them split the first row's last head (a score group), which they replace. Anything else
    (no single target above, the last head the target itself) is left as it was."""
    words = [_bare(t.text) for t in first]
    if "三级指标" not in words or len(second) < 2:
        return [*first, *second]
    if not (_SIGN_HEAD.fullmatch(_plain(second[0].text)) and _UNIT_HEAD.fullmatch(_plain(second[1].text))):
        return [*first, *second]
    after = words.index("三级指标") + 1
    heads = _value_targets(words[after:])
    targets = [i for i, h in enumerate(heads) if h in ("annual_value", "period_value")]
    if len(targets) != 1:
        return [*first, *second]
    at = after + targets[0]
    rest = second[2:]
    if rest and at == len(first) - 1:
        return [*first, *second]
    tail = [*first[at + 1 : -1], *rest] if rest else first[at + 1 :]
    return [*first[:at], second[0], first[at], second[1], *tail]


def _target_and_result(headers: list[str]) -> tuple[int, int] | tuple[()]:
    """The 指标值 column and the 实际完成值 column after it, written alike (≥95% | 96%), or ()."""
    folded = [_fold(h) for h in headers]
    target = next((i for i, h in enumerate(folded) if re.search(r"指标值|目标值", h) and "实施周期" not in h), None)
    result = next((i for i, h in enumerate(folded) if re.search(r"完成值|实际值|实现值", h)), None)
    return (target, result) if target is not None and result is not None and target < result else ()


#: a page number printed between two pages of a grid: - 2 -, — 2 —, 第2页, 第 2 页 共 3 页
_PAGE_MARK = re.compile(r"[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?")


def _page_breaks(after: list[Token], header: list[Token], before: list[Token] = ()) -> set[int]:
    """Tokens of the grid's body that are a page break, not cells: the header row printed again
    at the top of the next page, and a page number (its dashes or 第…页 say it is one).
    ``before``: the header row's cells before its heads (指标类型 | 指标名称 | …), printed again too."""
    words = [_bare(t.text) for t in header]
    lead_word = next((_bare(t.text) for t in reversed(before) if t.text), None)
    filled = [t for t in after if t.text]
    out: set[int] = set()
    i = len(header)
    while i < len(filled):
        # 绩效指标 | 一级指标 | …: the caption merged beside the grid (or the cell before the heads on
        # the header's row), printed again with its heads
        lead = int(
            i + 1 < len(filled)
            and (_is_grid_caption(filled[i].text) or _bare(filled[i].text) == lead_word)
            and _bare(filled[i + 1].text) == words[0]
        )
        run = filled[i + lead : i + lead + len(words)]
        if size := _heads_again(run, words, filled[i + lead + len(words) : i + lead + len(words) + 1]):
            out.update(id(t) for t in filled[i : i + lead + size])
            out.update(id(t) for t in _goal_caption_before(filled, i))
            i += lead + size
            continue
        if _PAGE_MARK.fullmatch(_fold(filled[i].text).strip()) or _PAGE_MARK.fullmatch(
            _fold(filled[i].cell.text).strip()  # - 2 - cut at its spaces
        ):
            out.add(id(filled[i]))
        i += 1
    # the empty cells of a row that held only the break go with it (not an empty cell of the grid)
    gone = {t.row for t in filled if id(t) in out} - {t.row for t in filled if id(t) not in out}
    return out | {id(t) for t in after if t.row in gone and t.row != header[-1].row}


def _heads_again(run: list[Token], words: list[str], after: list[Token]) -> int:
    """How many tokens of ``run`` are the header printed again (0: none): all its heads, or its
    first row only (一级指标 … 指标值 and more, ending its line) when the header took two rows."""
    if len(words) < 3:
        return 0
    bare = [_bare(t.text) for t in run]
    if bare == words:
        return len(words)
    size = next((k for k, (a, b) in enumerate(zip(bare, words)) if a != b), min(len(bare), len(words)))
    if size < 4 or "三级指标" not in words[:size]:
        return 0
    nxt = run[size] if size < len(run) else (after[0] if after else None)
    return size if nxt is None or nxt.row != run[size - 1].row else 0


#: a goal's number and points after its key: 2(40分) of 年度绩效目标2(40分)
_GOAL_POINTS = re.compile(r"^\d{0,2}\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def _goal_caption_before(filled: list[Token], at: int) -> list[Token]:
    """The caption of the next goal's block right before the grid's header printed again at
    ``at``: a 自评表 with several goals heads each goal's own grid 年度绩效目标2(40分) (湖北's
    template, i01), a goal key with its number and points and no text of its own; never an
    indicator's name, nor more of the row before it. Empty when there is none."""
    j = at
    if j > 0 and _GOAL_POINTS.match(_fold(filled[j - 1].text).strip()):
        j -= 1
    if j > 0 and _key_field(filled[j - 1].text) == "年度目标":
        return filled[j - 1 : at]
    if at > 0 and (m := _GOAL_KEY_POINTS.match(_fold(filled[at - 1].text))) and _key_field(m["key"]) == "年度目标":
        return [filled[at - 1]]  # the key and its points in one cell: 年度绩效目标1 (80分)
    return []


_GOAL_KEY_POINTS = re.compile(r"^(?P<key>\D+?)\d{0,2}[（(]\d+(?:\.\d+)?分[)）]$")


#: a cell of bare figures: 3, 0, 0.00%
_BARE_FIGURES = re.compile(r"[\d.%％\s]+")
#: the points a 自评表 gives a 一级 group, written after its label: (50分), （30分）
_POINTS = re.compile(r"^\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*")


def _without_points(token: Token) -> Token:
    """``token`` less the group points it starts with (the 自评表 template's 产出指标(50分),
    效益指标(30分): e05, b09), or a template's 指标1: prefix (never part of the name)."""
    m = _POINTS.match(token.text) or _NAME_PREFIX.match(token.text.translate(_T2S))
    if m is None:
        return token
    return Token(token.text[m.end() :], token.cell, token.start + m.end(), token.end, token.row, token.col)


def _rejoin_keys(tokens: list[Token | None]) -> list[Token | None]:
    """Text run together is cut at every form word; inside the grid only the level labels (and
    a template's 指标1: prefixes) part a row, so a piece cut at a header key (财政资金 |
    补助1600元/亩, 指标2:请填写 | 指标名称 | 请填写) is joined back to the one before it in the
    same cell."""
    out: list[Token | None] = []
    for token in tokens:
        last = out[-1] if out else None
        if (
            token is not None
            and last is not None
            and last.cell is token.cell
            and last.end == token.start
            and not any(_is_label(t.text) for t in (last, token))
            and not _NAME_PREFIX.match(token.text.translate(_T2S))  # 指标2: starts a template's row
        ):
            out[-1] = Token(last.text + token.text, last.cell, last.start, token.end, last.row, last.col)
        else:
            out.append(token)
    return out


def _column_head(text: str) -> bool:
    """A short cell that reads as a column head (no digit, not a level label, a head's word)."""
    folded = _fold(text)
    return (
        len(folded) <= 12
        and not re.search(r"\d", folded)
        and not _is_label(text)
        and not _is_grid_caption(text)  # 绩效指标: the caption merged down beside the grid
        and bool(_HEAD_WORD.search(folded))
    )


def _between_heads(token: Token, rest: list[Token], last: Token) -> bool:
    """``token`` is short, has no digit, follows a head on the header's row and is followed there
    by a known value head: a column head whatever its words (佐证资料, 实施进度)."""
    folded = _fold(token.text).strip()
    return (
        token.row == last.row
        and len(folded) <= 8
        and not re.search(r"\d", folded)
        and not _is_label(token.text)
        and any(t.row == token.row and _is_value_header(t.text) for t in rest)
    )


def _heads_until_label(tokens: list[Token]) -> bool:
    """One cell per line: the cells from here are column heads up to a level label (where the
    body starts), each on a line of its own."""
    for token, nxt in zip(tokens[:6], [*tokens[1:7], None]):
        if _is_label(token.text) or (nxt is not None and unknown_level1(token, nxt)):
            return True  # the first label, or a 一级 cell in words the rules do not know (项目决策)
        if (
            token.row == tokens[0].row
            and token is not tokens[0]
            or not (_column_head(token.text) or _is_header_word(token.text))
        ):
            return False
    return False


def _no_inner_gap(row: list[Token]) -> bool:
    """No empty cell between two filled ones (the ends of a ``| a | b |`` line are empty)."""
    filled = [i for i, t in enumerate(row) if t.text]
    return bool(filled) and all(row[i].text for i in range(filled[0], filled[-1] + 1))


def _merge_split_labels(rows: list[list[Token]]) -> list[list[Token]]:
    """A label wrapped over two cells or lines (经济效益 | 指标, 项目完成 | 指标, 服务对象 |
    满意度指标) as one token."""
    flat = [(r, t) for r, row in enumerate(rows) for t in row]
    out: list[list[Token]] = [[] for _ in rows]
    skip: set[int] = set()
    for i, (r, token) in enumerate(flat):
        if i in skip:
            continue
        j = next((j for j in range(i + 1, len(flat)) if flat[j][1].text), None)
        if token.text and j is not None and not _fold(token.text).endswith("指标"):
            nxt = flat[j][1]
            joined = fold(token.text) + fold(nxt.text)  # as printed: 項目完成指標 stays traditional
            # 经济效益 | 指标 (its score may follow: 指标(10分)), 服务对象 | 满意度指标
            wrapped = bool(
                re.fullmatch(r"指标\s*(?:[（(]\d{1,3}(?:\.\d+)?分[)）])?[:：]?", _fold(nxt.text).strip())
            ) or (not _is_label(token.text) and len(_fold(token.text)) <= 6)
            if wrapped and _is_label(joined):
                merged = Token(joined, token.cell, token.start, token.end, token.row, token.col)
                if nxt.cell is token.cell:
                    merged.end = nxt.end
                out[r].append(merged)
                skip.add(j)
                continue
        out[r].append(token)
    return out


#: a level label by its shape: a short word ending in 指标 (过程指标, 产出指标)
_LEVEL_SHAPE = re.compile(r"[\u4e00-\u9fff]{2,6}指标")


def _annual_name_column(header: list[Token], header_row: list[Token]) -> int | None:
    """The column of the 年度 block's 三级指标 head in a side-by-side header of real cells (one
    row, each head a cell of its own, no gap: 一级 | 二级 | 三级 | 指标值 | 一级 | 二级 | 三级 |
    指标值), or None: rows as wide as it say by their columns which block a name is in."""
    names = [t.col for t in header if _bare(t.text) == "三级指标"]
    if (
        len(names) != 2
        or any(t.row != header[0].row for t in header)
        or len({(id(t.cell), t.col) for t in header}) != len(header)
        or not _no_inner_gap(header_row)
    ):
        return None
    return names[1]


def _lines_up(row: list[Token], columns: dict[str, int]) -> bool:
    """A row as wide as the header really holds its cells by column: the 一级 / 二级 columns
    hold labels of their level (or nothing) and the 三级 column is not a label. A row whose
    merged cells were dropped and trailing empty cells padded it to the width does not."""
    by_col = {t.col: t for t in row}

    def at(word: str) -> str:
        token = by_col.get(columns.get(word, -1))
        return token.text if token is not None else ""

    l1, l2, name = at("一级指标"), at("二级指标"), at("三级指标")
    return (
        # the 一级 column may hold a 二级 word (服务对象满意度指标 | 服务对象满意度指标), or a
        # level word the category system lacks (过程指标), with the name in its own column
        (not l1 or _is_label(l1) or (_LEVEL_SHAPE.fullmatch(_fold(l1)) and name and not _is_label(name)))
        and (not l2 or _level2_word(l2) or _level1_label(l2))
        # a level word in the 三级 column (满意度) is the name when both labels stand before it
        and not (name and _is_label(name) and not (l1 and l2))
    )


def _reads_by_rows(rows: list[list[Token]]) -> bool:
    """Rows of several cells (``|``, tabs, spaces): read row by row; else one cell per line."""
    content = [[t for t in row if not _is_label(t.text)] for row in rows]
    content = [row for row in content if row]
    return bool(content) and sum(len(row) >= 2 for row in content) * 2 >= len(content)


def _lone_leftover(text: str) -> bool:
    """A cell of a template row nobody filled (指标3:, ……, **, a numbered slot 2. or 3、), alone on
    its line of a grid read one cell per line: no cell of a row. A dash or a slash is a cell (an
    empty 度量单位 written -), and so is a bare figure (a value, a 序号)."""
    return (_is_placeholder(text) and bool(re.search(r"指|…|\.{3}|[*＊]", text))) or bool(_SLOT_ORDINAL.fullmatch(text))


#: a template's numbered slot left unfilled: 2. 3、 (a figure with its ordinal's stop, no more)
_SLOT_ORDINAL = re.compile(r"\s*\d{1,2}\s*[.．、]\s*")
