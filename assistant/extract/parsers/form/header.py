"""The key–value block above the grid: a value beside its key (read in order) or under a row
of keys (read by column), the most local 主管部门, goals with a 自评表's 预期目标 | 实际完成情况
pairs, the title and currency. Keys a notice writes above the form's title are not the form's.
"""

from __future__ import annotations

import re

from ....messages import Msg, msg
from ....textnorm import fold_whitespace
from ..money_run import AMBIGUOUS, budget_cell, is_money_run, starts_with_column
from .labels import (
    _AMOUNT_FIELDS,
    _AMOUNT_TEXT,
    _CURRENCY,
    _GOAL_COLUMNS,
    _GOAL_FIELDS,
    _GRID_WORDS,
    _GROUP_LABEL,
    _TITLE,
    _bare,
    _caption_stub,
    _fold,
    _is_grid_caption,
    _is_header_word,
    _key_field,
)
from .money import (
    _MONEY_CELL,
    _adjusted_heads,
    _after_period_total,
    _budget_column,
    _money_caption_amount,
    _money_header,
    _money_sentence,
    _money_text,
    adjusted_budget,
    fill_from_left,
    money_run_cuts,
    total_of_items,
)
from .tokens import Token, _join, _span_of, _Value


def _read_block(rows: list[list[Token]]) -> tuple[dict[str, _Value], dict[str, str]]:
    """Key–value pairs of the block above the indicator grid, and the title/currency found."""
    values: dict[str, _Value] = {}
    found: dict[str, str] = {}
    flat = _money_runs(_wrapped_money_keys(_without_subcaptions([t for row in rows for t in row if t.text])))
    others_after_money = _others_after_money(flat)

    def key_of(token: Token) -> str | None:
        return _key_field(token.text) or ("other" if id(token) in others_after_money else None)

    # a row of keys only (年度资金总额 | 财政拨款 | 其他资金) whose values sit below it by column
    by_column: set[int] = set()
    for r, row in enumerate(rows[:-1]):
        keys = [t for t in row if t.text and key_of(t)]
        if (
            len(keys) >= 3
            and _key_field(keys[0].text) == "总体目标"
            and {"实施周期目标", "年度目标"} <= {_key_field(t.text) for t in keys}
        ):
            keys = keys[1:]  # 总体目标 is the caption over the two goal columns
        others = [t for t in row if t.text and not key_of(t) and not _GROUP_LABEL.match(_fold(t.text))]
        others = [t for t in others if not _MONEY_STUB.match(_bare(t.text))]
        below = [t for t in rows[r + 1] if t.text and not _key_field(t.text) and not _MONEY_STUB.match(_bare(t.text))]
        fields = {key_of(t) for t in keys}
        heads = {_goal_column(t.text) for t in row if t.text}  # 年度总体目标完成情况 heads the achieved column
        if "实际完成情况" in heads and fields <= set(_GOAL_COLUMNS):
            continue  # (总体目标 |) 预期目标 | 实际完成情况 may head several rows of pairs: read in order below
        if len(keys) >= 2 and not others and below and len({t.col for t in keys}) == len(keys):
            cols = {t.col: t for t in below}
            if len(below) == len(keys) and not all(k.col in cols for k in keys):
                cols = {k.col: t for k, t in zip(keys, below)}  # a caption merged down shifts the value row
            placed = [key for key in keys if key.col in cols]
            if fields <= set(_GOAL_FIELDS) and len(keys) == 2 and len(placed) == 1 and len(below) == 1:
                if (halves := _two_goals_in_one(below[0])) is not None:
                    # 中期目标 | 年度目标 over 总体目标 | <中期…。 年度…>: the two cells' texts in one piece
                    for key, half in zip(keys, halves):
                        values.setdefault(key_of(key), _Value(_join([half]), _span_of([half])))
                    found["goals_split"] = msg("FORM_GOALS_SPLIT", at=halves[1].text[:12])
                    by_column.update(id(t) for t in keys + below)
                    continue
            spill = _spilled_lines(rows, r + 2) if placed and fields <= set(_GOAL_FIELDS) else []
            for key in placed:
                cell = [cols[key.col], *(spill if key is placed[-1] and cols[key.col] is below[-1] else [])]
                values.setdefault(key_of(key), _Value(_join(cell), _span_of(cell)))
            if placed:  # else the pairs are read in order below
                by_column.update(id(t) for t in keys + below + spill)
            if placed and (lost := _cells_lost(keys, rows[r + 1], below)):
                found[f"money_keys:{key_of(placed[0])}"] = lost  # 资金总额 | 财政拨款 | 其他资金 over | 5 | 5 |
    budget_col = _budget_column(flat)
    adjusted = _adjusted_heads(flat)
    year_col = _year_column(flat)
    columns = _money_header(rows)
    i = _form_start(flat)
    seen_key = False  # the title is above the first key
    while i < len(flat):
        token = flat[i]
        i += 1
        if id(token) in by_column:
            continue
        folded = _fold(token.text)
        if m := _CURRENCY.search(folded):
            found.setdefault("currency", m.group(1) or m.group(2))
            found[f"currency:{m.group(1) or m.group(2)}"] = token.text[:30]
        if _GROUP_LABEL.match(folded):
            if _money_caption_amount(folded, flat, i):  # 项目资金（万元） | 120.50: the caption holds the total
                values.setdefault("total", _Value(flat[i].text, flat[i].span()))
                i += 1
            continue
        field = key_of(token) or _goal_stub(token, flat, i)
        if field in _AMOUNT_FIELDS and (wrapped := _caption_over_lines(flat, i - 1)):
            i += wrapped  # 项目预算 / 执行情况 / （10分）: the money block's caption wrapped, not a key and its value
            continue
        if field is None and (row := _spaced_row(token, year_col)):
            values.setdefault(row[0], _Value(row[1].text, row[1].span(), token.text[:20]))
            continue  # 合 计 213.4 259 under 上年度安排资金 | 本年度申请资金: the year's amount
        if field is None and (clauses := _money_sentence(token)):
            for name, amount, (start, end) in clauses:  # 项目资金1120.50万元，其中财政拨款1100.50万元，…
                values.setdefault(name, _Value(amount, token.cell.span(start, end), token.text[:20]))
            continue
        if field is None:
            if "title" not in found and _TITLE.search(folded) and not seen_key:
                found["title"] = fold_whitespace(token.text)
            continue
        seen_key = True
        if field in _AMOUNT_FIELDS and i < len(flat) and (note := _UNIT_NOTE.match(_fold(flat[i].text).strip())):
            # 资金总额 / (万元) / 380: the key's cell wrapped, its unit note on a line of its own
            found.setdefault("currency", note.group(1))
            found[f"currency:{note.group(1)}"] = flat[i].text[:30]
            i += 1
        taken: list[Token] = []
        run = [token]  # goal keys one after the other (总体目标 | 中期目标 | 年度目标), their texts after them
        # (a 自评表 heads 预期目标 | 实际完成情况 the same way: the second text is not a goal)
        while i + len(run) - 1 < len(flat) and _goal_column(flat[i + len(run) - 1].text) in _GOAL_COLUMNS:
            run.append(flat[i + len(run) - 1])
        if field in _GOAL_FIELDS and len(run) >= 2:
            keys = run[1:] if len(run) >= 3 and field == "总体目标" else run  # 总体目标: the caption over two goals
            start = i + len(run) - 1
            texts = []
            while start + len(texts) < len(flat) and len(texts) < len(keys):
                nxt = flat[start + len(texts)]
                if _key_field(nxt.text) or _is_grid_caption(nxt.text) or _is_header_word(nxt.text):
                    break
                texts.append(nxt)
            beside = len(keys) >= 2 and _goal_column(keys[1].text) == "实际完成情况"
            if beside and (paired := _goal_beside_actual(flat, start)):
                goal, actual, end, doubt = paired  # 预期目标 | 实际完成情况 over one text, or rows of pairs
                values.setdefault(_key_field(keys[0].text), goal)
                if actual:
                    values.setdefault("实际完成情况", actual)
                if doubt:
                    found["goal_doubt"] = doubt
                i = end
                continue
            if (spilled := _cells_over_lines(flat, start, len(keys))) is not None:
                cells, i = spilled  # 中期目标 | 年度目标 over texts whose cells hold line breaks
                for key, cell in zip(keys, cells):
                    values.setdefault(_goal_column(key.text), _Value(_join(cell), _span_of(cell)))
                continue
            if len(texts) == len(keys):
                for key, value in zip(keys, texts):
                    values.setdefault(_goal_column(key.text), _Value(_join([value]), _span_of([value])))
                i = start + len(texts)
                continue
        if field in _GOAL_FIELDS:
            # a goal runs until the next key (wrapped goal text comes as several lines)
            heading = _next_heading(flat, i - 1)
            while i < len(flat) and not _key_field(flat[i].text) and not _is_grid_caption(flat[i].text):
                if _caption_tail(flat, i):
                    break  # 绩 | or 专项 / 年度 / 绩效 / 指标: the grid's caption cut or wrapped, not the goal's end
                if heading and heading.match(_fold(flat[i].text)):
                    break  # 6、项目绩效目标：… | 7、项目带贫减贫机制：…: the notice's next numbered heading
                if taken and _LABEL_ONLY.match(_fold(flat[i].text).strip()):
                    break  # 已实施情况： | a label the rules have no word for, with nothing after it
                if taken and _report_heading(flat[i], taken):
                    break  # 项目建设目标：… / (二)自评工作开展情况: the report's next section, not the goal
                if taken and _goal_column(flat[i].text) == "实际完成情况":
                    break  # …正常工作运行 | 年度总体目标完成情况 | …: the achieved column's head after the goal
                taken.append(flat[i])
                i += 1
            if taken and (head := _grid_head_inside(taken)) is not None:
                taken = head  # …岗位技术培训。指标 指标内容 指标值产出指标…: the grid's head ends the goal
            if taken and i < len(flat) and (opened := _opening_cut(taken[-1], flat[i])) is not None:
                taken[-1] = opened  # …的发展按照 | 年初设定目标 | ，将…: the achieved text opens with 按照年初设定目标
            if taken and all(re.fullmatch(r"\s*[*＊★]+\s*", t.text) for t in taken):
                taken = []  # 年度绩效目标 | *年度绩效总目标 …: the next key's required-field mark, no goal
            if taken and re.match(r"[，,、；;。]", _fold(taken[0].text)):
                # 按照年初设定目标，将…: a key's words inside a sentence (text run together), not a key;
                # where the goal before it ends is then not known: said so
                found["goal_doubt"] = msg("FORM_GOAL_HAS_LABELS", goal=token.text + _join(taken)[:30])
                taken = []
        elif field in _AMOUNT_FIELDS and (paired := _keys_then_amounts(flat, i - 1)):
            pairs, i, doubt = paired  # 资金总额 | 财政拨款 | 其他资金 | 1120 | 1100 | 20: keys above their values
            for key, value in pairs:
                if value is not None:
                    values.setdefault(_key_field(key.text), _Value(value.text, value.span(), key.text))
            if doubt:
                found[f"money_keys:{field}"] = doubt
            continue
        elif field == "name" and _heads_a_list(flat, i):
            continue  # 序号 | 项目名称 | (金额 | 备注 |) 1 | …: the key heads a list of projects, the form's own comes later
        elif i < len(flat) and not _key_field(flat[i].text) and not _GROUP_LABEL.match(_fold(flat[i].text)):
            taken.append(flat[i])
            i += 1
            while (
                field in _TEXT_FIELDS
                and i < len(flat)
                and _continues(flat[i], taken[-1])
                and not _labels_an_amount(flat, i)
            ):
                taken.append(flat[i])  # 项目名称 昌州财行(2022)10号 国家统计局调查队专项经费: a space inside the name
                i += 1
            if field in _TEXT_FIELDS and (spill := _cell_rest(rows, token, taken[-1], flat, i)):
                if field == "name":  # a line of its own may also be a row the rules have no word for
                    found["name_doubt"] = msg("FORM_NAME_OVER_LINES", name=_join(taken)[:30], text=_join(spill)[:30])
                taken += spill
                i += len(spill)
            if field == "name" and len(taken) == 1 and (ran := _name_ran_on(taken[0])) is not None:
                # 物业管理费支出本年度申请市财政预算资金(万元)282.92: the money cells ran on after the name
                taken[0], money, amount = ran
                values.setdefault(money, amount)
                found["name_doubt"] = msg("FORM_NAME_RAN_ON", name=taken[0].text[:30], key=amount.key[:20])
            if field == "name" and i < len(flat) and (doubt := _project_word_doubt(taken[-1], flat[i])):
                found["name_doubt"] = doubt
            elif field == "name" and _lone_line_after(flat, i, taken[-1]):
                found["name_doubt"] = msg("FORM_NAME_LINE_AFTER", name=_join(taken)[:30], text=flat[i].text[:30])
            if field in _AMOUNT_FIELDS and _fold(taken[0].text) in ("小计", "合计") and i < len(flat):
                taken = [flat[i]]  # 一般公共预算拨款 | 小计 | 250: the subtotal's amount
                i += 1
            spaced = _spaced_cells(taken[0]) if field in _AMOUNT_FIELDS and columns else []
            if len(spaced) >= 2:
                taken = spaced  # 45 45 10 100% 10 执行率*…: the row's cells on one line, white space between
            if field in _AMOUNT_FIELDS and columns and _MONEY_CELL.match(_money_text(taken[0])):
                # a 自评表 row under 年初预算数 | 全年预算数 | … | 执行率 | 得分, empty cells maybe dropped
                cells = list(taken)
                while (
                    i < len(flat)
                    and len(cells) < len(columns)
                    and not _key_field(flat[i].text)
                    and _MONEY_CELL.match(_money_text(flat[i]))
                ):
                    cells.append(flat[i])
                    i += 1
                at = budget_cell([_money_text(c) for c in cells], columns)
                if at == AMBIGUOUS:
                    found[f"money_gap:{field}"] = " | ".join(c.text for c in cells)[:60]
                if at is None and len(cells) == 1 and is_money_run(_money_text(cells[0])):
                    at = 0  # 40004000100%: the row's cells ran together, read (or flagged) by _amounts
                if at is None and len(spaced) >= 2:  # 386 386100%: split at its spaces, the cells fit no column
                    found[f"money_gap:{field}"] = " | ".join(c.text for c in cells)[:60]
                taken = [cells[at]] if at is not None and at != AMBIGUOUS else []
            elif field in _AMOUNT_FIELDS:
                # several money columns (实施周期 / 年度, or 自评表 budget columns): the first amount,
                # or the 全年预算数 one when a 年初预算数 column comes before it
                run = [taken[0]]
                while i < len(flat) and not _key_field(flat[i].text) and _AMOUNT_TEXT.match(_fold(flat[i].text)):
                    run.append(flat[i])
                    i += 1
                at = year_col if year_col is not None else budget_col
                if year_col is None and adjusted and len(run) >= 2:  # 年初① | 调整② | 小计③=①+②
                    at = adjusted_budget([_money_text(t) for t in run])
                    if at is None:
                        found[f"money_adjusted:{field}"] = " | ".join(t.text for t in run)[:60]
                        taken = []
                if at is not None and at < len(run) and _AMOUNT_TEXT.match(_fold(taken[0].text)):
                    taken = [run[at]]
        if field in _AMOUNT_FIELDS and len(taken) == 1 and i < len(flat) and _unit_after(taken[0], flat[i]):
            taken.append(flat[i])  # 资金额度 4623 万: the amount's unit, apart by a space, is the amount's
            i += 1
        if field == "total" and len(taken) == 1 and (items := _total_of_items(flat, token, taken[0])):
            taken, found["total_of_items"] = items  # 合计814662.98794.55: its first cell the rows' sum
        if field in _AMOUNT_FIELDS and taken and starts_with_column(_fold(taken[0].text)):
            taken = []  # 预算数(A) | 执行数(B)执行率(B/A)…: the money block's column heads, not a key and its value
        if field == "total" and not taken:
            found.setdefault("total_unwritten", token.text)  # 资金总额 | 其中：财政拨款 | 500: its cell left empty
        if taken and field in ("name", *_GOAL_FIELDS) and field in values:
            first, second = values[field].text, _join(taken)
            # the key given twice with another text of a sentence's length (not a heading word such as
            # 实现措施, not a 自评表's scoring rule 规范1分): which one is the form's is not known
            if (
                _fold(first).strip() != _fold(second).strip()
                and len(_fold(second).strip()) >= (4 if field == "name" else 15)
                and not re.search(r"\d(?:\.\d+)?分", second)
            ):
                doubt = "name_doubt" if field == "name" else "goal_doubt"
                found.setdefault(
                    doubt, msg("FORM_FIELD_TWICE", key=token.text[:12], first=first[:20], second=second[:20])
                )
        if taken and (
            field not in values
            or (field in _AMOUNT_FIELDS and year_col is None and _after_period_total(token, flat))
            or (field == "department" and _locality(token.text) > _locality(values["department"].key))
        ):
            values[field] = _Value(_join(taken), _span_of(taken), token.text)
    return values, found


#: what a goal key's merged cell holds after the key itself: a caption over the text (绩效目标 |
#: 总体描述 | …), or the goal's number and score in a 自评表 (年度绩效目标 | 1(40分) | 一级指标 …)
_SUBCAPTION = re.compile(r"^(?:(?:总体|文字|具体|简要)?(?:描述|说明|概述)|\d{0,2}[（(]\d+(?:\.\d+)?分[)）])$")


def _without_subcaptions(flat: list[Token]) -> list[Token]:
    """The block's pieces without the sub-captions right after a goal key (:data:`_SUBCAPTION`):
    part of the key's cell, never the goal's text."""
    out: list[Token] = []
    for token in flat:
        if out and _key_field(out[-1].text) in _GOAL_FIELDS and _SUBCAPTION.match(re.sub(r"\s", "", _fold(token.text))):
            continue
        out.append(token)
    return out


def _money_runs(flat: list[Token]) -> list[Token]:
    """The block's pieces with a money block run together in one piece cut into its caption, keys
    and amounts (:func:`.money.money_run_cuts`): then read as a cell each."""
    out: list[Token] = []
    for token in flat:
        cuts = money_run_cuts(token.text)
        out += [token.sub(a, b) for a, b in cuts] if cuts else [token]
    return out


#: an amount with the first word of the next key run onto it: 132万元项目 (| 主管部门)
_AMOUNT_THEN_PREFIX = re.compile(r"(?P<amount>\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?)(?P<prefix>项目|专项|资金)")


def _wrapped_money_keys(flat: list[Token]) -> list[Token]:
    """The block's pieces with a money key wrapped over two or three lines read as one key (年度资 /
    金总额, 财政 / 拨款：, 其他 / 资金: a narrow key column): pieces, the first no key and no
    amount, whose words joined are a money key. The joined key keeps the first piece's place."""
    out: list[Token] = []
    i = 0
    while i < len(flat):
        token = flat[i]
        if i + 1 < len(flat) and (m := _AMOUNT_THEN_PREFIX.fullmatch(token.text)):
            key = m["prefix"] + flat[i + 1].text.strip()
            if _key_field(key):
                # 132万元项目 | 主管部门: the 项目 of the next key left on the amount by text run together
                out += [
                    token.sub(0, m.end("amount")),
                    Token(key, token.cell, token.start + m.start("prefix"), token.end, token.row, token.col),
                ]
                i += 2
                continue
        joined = None
        if (
            not _key_field(token.text)
            and not _GROUP_LABEL.match(_fold(token.text).strip())
            and len(_bare(token.text)) <= 6
        ):
            for width in (2, 3):
                pieces = flat[i : i + width]
                text = "".join(t.text.strip() for t in pieces)
                if len(pieces) == width and not re.search(r"\d", text) and _key_field(text) in _AMOUNT_FIELDS:
                    joined = Token(text, token.cell, token.start, token.end, token.row, token.col), width
                    break
        if joined:
            out.append(joined[0])
            i += joined[1]
            continue
        out.append(token)
        i += 1
    return out


#: a report's section heading: (二)… or 二、… (Arabic numbers may be a goal's own items: 1.… 2.…)
_REPORT_HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)")


def _report_heading(token: Token, taken: list[Token]) -> bool:
    """A line opened by a section heading ((二)…, 三、…) after a goal's text, when the goal
    itself is no list numbered that way: the next section of a report (or a notice) that writes
    its project's basics as 项目名称：… lines, not more of the goal."""
    return (
        token.row != taken[-1].row
        and bool(_REPORT_HEADING.match(_fold(token.text)))
        and not _REPORT_HEADING.match(_fold(taken[0].text))
    )


def _heads_a_list(flat: list[Token], i: int) -> bool:
    """The key at ``flat[i - 1]`` is a column head of a list (an allocation table before the form:
    序号 | 乡镇名称 | 项目名称 | 金额 | 备注 | 1 | 西坪镇 | …): the heads after it, short words with no
    digit and no key, run up to the first row's number."""
    j = i
    while j < len(flat) and j - i <= 6:
        text = _fold(flat[j].text).strip()
        if re.fullmatch(r"\d{1,3}", text):
            return True
        if len(text) > 8 or re.search(r"\d", text) or _key_field(flat[j].text):
            return False
        j += 1
    return False


#: a 自评表's money caption: 项目预算执行情况（10分）, 资金使用情况, 预算安排情况
_MONEY_CAPTION = re.compile(r"^(?:项目)?(?:资金|预算)(?:执行|使用|安排|到位)?情况(?:[（(]\d+(?:\.\d+)?分[)）])?$")


def _caption_over_lines(flat: list[Token], at: int) -> int:
    """How many pieces after a money key at ``at`` complete it into the money block's caption
    printed down its lines (项目预算 / 执行情况 / （10分）, a merged cell wrapped in a 山东 自评表):
    the key is the caption's first line, and its "value" the caption's rest; 0 when not so."""
    text = re.sub(r"\s", "", _fold(flat[at].text))
    for n in range(1, 3):
        if at + n >= len(flat) or flat[at + n].row == flat[at + n - 1].row:
            return 0  # the caption's lines come one a line
        text += re.sub(r"\s", "", _fold(flat[at + n].text))
        if _MONEY_CAPTION.match(text):
            more = at + n + 1 < len(flat) and re.fullmatch(r"[（(]\d+(?:\.\d+)?分[)）]", _fold(flat[at + n + 1].text))
            return n + 1 if more else n
    return 0


def _spaced_cells(token: Token) -> list[Token]:
    """The leading cells of a 自评表 money row copied as one piece with white space between its
    cells (45 45 10 100% 10 执行率*该指标分值…): each an amount, a rate or a dash, up to the first
    that is not (the 得分计算方法 note); empty when the piece does not start so."""
    cells = []
    for m in re.finditer(r"\S+", token.text):
        piece = Token(m.group(), token.cell, token.start + m.start(), token.start + m.end(), token.row, token.col)
        if not _MONEY_CELL.match(_money_text(piece)):
            break
        cells.append(piece)
    return cells


def _others_after_money(flat: list[Token]) -> set[int]:
    """A bare 其他 / 其它 right after a money key and its amounts (其中：财政资金 6.84 / 其他 0.00,
    其中：同级财政资金 | 其他 over their amounts): the templates' 其他资金 row, its word cut short.
    Anywhere else 其他 is an option of a checkbox row (3.其他专项类), not a key."""
    out: set[int] = set()
    for i, token in enumerate(flat):
        if _bare(token.text) not in ("其他", "其它"):
            continue
        before = [t for t in flat[max(0, i - 4) : i]]
        while before and _AMOUNT_TEXT.match(_money_text(before[-1])):
            before.pop()  # the amounts of the money row before it
        if before and (_key_field(before[-1].text) in _AMOUNT_FIELDS or _key_field(before[-1].text) == "上级资金"):
            out.add(id(token))
    return out


def _year_column(flat: list[Token]) -> int | None:
    """Which money column is the year's when 中期资金总额 and 年度资金总额 head two columns
    (both keys with no amount of their own, the rows 资金总额 | 3000 | 1120 below them): the
    project's amounts are the year's, whatever side the 年度 column is on. A 申报表 that heads
    its money rows 上年度安排资金 | 本年度申请资金 (湖南 项目支出预算绩效目标申报表, g09) puts
    last year's amount first: the year applied for is the second column."""
    for a, b, nxt in zip(flat, flat[1:], [*flat[2:], None]):
        heads = (_key_field(a.text), _key_field(b.text))
        amount = nxt is not None and _AMOUNT_TEXT.match(re.sub(r"\s*(?:万元|万|元)$", "", _money_text(nxt)))
        if set(heads) == {"实施周期资金总额", "total"} and not amount:  # 6837.144 万元: an amount with its unit
            return heads.index("total")
    words = [_fold(w) for t in flat for w in t.text.split()]
    for a, b in zip(words, words[1:]):
        if _LAST_YEAR_HEAD.fullmatch(a) and _THIS_YEAR_HEAD.fullmatch(b):
            return 1
    return None


#: the two money columns of a 申报表 that sets the year applied for beside last year's:
#: 上年度安排资金 | 本年度申请资金 (上年预算数 | 本年申请数 as some write it)
_LAST_YEAR_HEAD = re.compile(r"上一?年度?(?:安排|预算|批复|执行)?(?:资金|数|金额)")
_THIS_YEAR_HEAD = re.compile(r"本年度?(?:申请|申报|安排|预算)(?:资金|数|金额)")


#: a money row copied as one piece, its cells apart by white space: 合 计 213.4 259
_SPACED_ROW = re.compile(r"(?P<key>[^\d\s](?:[^\d]*[^\d\s])?)\s+(?P<a>\d[\d,.]*)\s+(?P<b>\d[\d,.]*)(?=\s|$)")


def _spaced_row(token: Token, year_col: int | None) -> tuple[str, Token] | None:
    """A money key and the year's amount of a row copied as one piece with white space between
    its cells (合 计 213.4 259 under 上年度安排资金 | 本年度申请资金): the key (its letters maybe
    spaced) must be a money key and the row hold as many amounts as the two columns; None else."""
    if year_col is None:
        return None
    m = _SPACED_ROW.match(token.text.strip())
    if m is None:
        return None
    field = _key_field(re.sub(r"\s", "", m.group("key")))
    if field not in _AMOUNT_FIELDS or not all(_AMOUNT_TEXT.match(m.group(g)) for g in ("a", "b")):
        return None
    group = ("a", "b")[year_col]
    lead = len(token.text) - len(token.text.lstrip())
    start = token.start + lead + m.start(group)
    end = token.start + lead + m.end(group)
    return field, Token(m.group(group), token.cell, start, end, token.row, token.col)


#: a cell of an amount row apart by white space: an amount with its unit (2279.048 万元), or any word
_ROW_PIECE = re.compile(r"\d[\d,]*(?:\.\d+)?(?:[ \t\u3000]?(?:万元|万|元))?(?!\S)|\S+")


def _amount_row(token: Token) -> list[Token]:
    """The amounts of a piece that is a money table's amount row with white space between its
    cells (金额    5    5, or 1120 1100 20): each cell an amount, the 金额 stub first or not;
    empty when the piece holds anything else."""
    pieces = [token.sub(m.start(), m.end()) for m in _ROW_PIECE.finditer(token.text)]
    if pieces and _MONEY_STUB.match(_bare(pieces[0].text)):
        pieces = pieces[1:]
    if len(pieces) < 2 or not all(_AMOUNT_TEXT.match(_money_text(p)) for p in pieces):
        return []
    return pieces


def _cells_lost(keys: list[Token], row: list[Token], below: list[Token]) -> Msg | None:
    """Money heads over a row of amounts that has no cell, not even an empty one, under some head
    (年度资金总额 | 其中：财政拨款 | 其他资金 over 金额 | 5 | 5, the row's empty cells dropped by the
    copy): the amounts were placed from the left, which is likely, not certain; said so. The empty
    piece after a row's closing bar is no cell."""
    if not all(key.col is not None and _key_field(key.text) in _AMOUNT_FIELDS for key in keys):
        return None
    cells = row[:-1] if row and not row[-1].text else row
    if all(key.col in {t.col for t in cells} for key in keys):
        return None
    return msg("FORM_MONEY_KEYS_FROM_LEFT", cells=" | ".join(t.text for t in keys + below)[:60])


def _keys_then_amounts(flat: list[Token], at: int) -> tuple[list[tuple[Token, Token | None]], int, Msg | None] | None:
    """Money keys one after the other, then their amounts in the same order (资金总额 | 财政拨款 |
    其他资金 | 1120 | 1100 | 20: a money table's head row over its amount row, flattened). As many
    amounts as keys are paired in order; fewer (an empty cell dropped) but more than one cannot be
    placed, so none is read and that is said. None when there is no such run (a key and its value)."""
    keys = []
    while at < len(flat) and _key_field(flat[at].text) in (*_AMOUNT_FIELDS, "上级资金"):  # 其中：中央补助
        keys.append(flat[at])
        at += 1
    if len(keys) >= 2 and at < len(flat) and _MONEY_STUB.match(_bare(flat[at].text)):
        at += 1  # 金额: the stub of the amount row
    amounts = []
    while at < len(flat) and _AMOUNT_TEXT.match(_money_text(flat[at])):
        amounts.append(flat[at])
        at += 1
    if not amounts and len(keys) >= 2 and at < len(flat) and (amounts := _amount_row(flat[at])):
        at += 1  # 金额    5    5: the amount row copied as one piece, its cells apart by white space
    fields = [_key_field(k.text) for k in keys]
    if len(keys) < 2 or len(amounts) < 2 or len(amounts) > len(keys) or len(set(fields)) < len(fields):
        return None  # 年度资金总额 | 资金总额 | 3000 | 1120: a column head, then a row's key and its amounts
    if len(amounts) == len(keys):
        return list(zip(keys, amounts)), at, None
    cells = " | ".join(t.text for t in keys + amounts)[:60]
    if fill_from_left(fields, [t.text for t in amounts]):  # 资金总额 财政拨款 其他资金 / 5 5: the first heads'
        return (
            list(zip(keys, [*amounts, *[None] * (len(keys) - len(amounts))])),
            at,
            msg("FORM_MONEY_KEYS_FROM_LEFT", cells=cells),
        )
    return [(k, None) for k in keys], at, msg("FORM_MONEY_KEYS_UNPLACED", cells=cells)


def _total_of_items(flat: list[Token], key: Token, value: Token) -> tuple[list[Token], Msg] | None:
    """The 合计 of a budget's cost table whose cells ran together, read as the sum of the rows'
    amounts written before it (:func:`.money.total_of_items`), and the message saying so."""
    at = next((k for k, t in enumerate(flat) if t is key), 0)
    if at == 0 or _AMOUNT_TEXT.match(_money_text(value)):
        return None
    if (read := total_of_items(_fold(flat[at - 1].text), _money_text(value))) is None:
        return None
    written, amounts = read
    lead = len(value.text) - len(value.text.lstrip())
    start = value.start + lead
    token = Token(value.text[lead : lead + len(written)], value.cell, start, start + len(written), value.row, value.col)
    return [token], msg("FORM_TOTAL_OF_ITEMS", text=value.text[:40], total=written, parts="+".join(amounts))


#: one gap between two goal texts in one piece: a sentence's end, white space, then more text
_GOAL_GAP = re.compile(r"(?<=[。！!；;])[ \u3000\t]+(?=\S)")


def _two_goals_in_one(token: Token) -> tuple[Token, Token] | None:
    """A piece under two goal heads (中期目标 | 年度目标) holding both cells' texts, apart by
    the one gap of white space after a sentence's end (…工程竣工验收。 工程前期…): the two texts;
    None when there is no such gap, or more than one."""
    gaps = list(_GOAL_GAP.finditer(token.text))
    if len(gaps) != 1:
        return None
    gap = gaps[0]
    first = Token(token.text[: gap.start()], token.cell, token.start, token.start + gap.start(), token.row, token.col)
    second = Token(token.text[gap.end() :], token.cell, token.start + gap.end(), token.end, token.row, token.col)
    return first, second


def _unit_after(amount: Token, token: Token) -> bool:
    """A unit alone (万, 万元, 元) right after an amount in the same cell, a space between them
    (4623 万): the amount's own unit, not a cell of its own."""
    return (
        token.cell is amount.cell
        and not token.cell.text[amount.end : token.start].strip()
        and bool(_AMOUNT_TEXT.match(_money_text(amount)))
        and _fold(token.text).strip() in ("万", "万元", "元")
    )


#: a key's unit note alone: （万元）
_UNIT_NOTE = re.compile(r"^[（(]\s*(万元|元|千元)\s*[)）]$")


#: the stub column of a money table (资金来源 | 年度资金总额 | 财政拨款 … over 金额 | 1120 | 1100 …)
_MONEY_STUB = re.compile(r"^(?:资金来源|资金性质|来源|金额|金额[（(]万?元[)）]|预算数?)$")


#: a cell that is a label and its colon, nothing after it (已实施情况：, 改进措施：): the next
#: row of the form, never more of a goal (a goal's own numbering, 目标1：, has a digit)
_LABEL_ONLY = re.compile(r"^[\u4e00-\u9fff（）()、 ]{2,14}[:：]$")


#: fields whose text may hold a space, read up to the next key of the same cell and column
_TEXT_FIELDS = ("name", "department", "unit")


def _locality(key: str) -> int:
    """How local a 主管部门 key is: a transfer table lists 省级 / 区县 主管部门, the department
    is the most local one (the form's own plain 主管部门 above all)."""
    bare = _bare(key)
    levels = (("省级", 1), ("市级", 2), ("县级", 3), ("区县", 3), ("区级", 3), ("地方", 3))
    return next((level for word, level in levels if bare.startswith(word)), 4 if bare else 0)


def _project_word_doubt(name: Token, key: Token) -> Msg | None:
    """Text run together gives no edge between a name and the key after it where the key may
    start with 项目 (…建设项目实施单位: 建设项目 | 实施单位, or 建设 | 项目实施单位), whichever
    way the cut fell: said so."""
    if key.cell is not name.cell or key.start != name.end or not _key_field(key.text):
        return None
    bare = re.sub(r"\s", "", _fold(key.text))
    if re.match(r"项目(?:主管|实施|执行|负责)", bare) and not name.text.endswith("项目"):
        return msg("FORM_NAME_RUNS_INTO_KEY", name=name.text[-12:], key=bare)
    if re.match(r"主管|实施|执行|负责", bare) and name.text.endswith("项目") and _key_field("项目" + bare):
        # …补助资金项目主管部门: 补助资金项目 | 主管部门, or 补助资金 | 项目主管部门
        return msg("FORM_NAME_RUNS_INTO_KEY", name=name.text[-12:], key="项目" + bare)
    return None


def _labels_an_amount(flat: list[Token], i: int) -> bool:
    """An amount, or a word whose next piece of the same cell is an amount (部门预算 70.00): a
    label and its value after a name in space-separated text, not more of the name."""
    nxt = flat[i + 1] if i + 1 < len(flat) and flat[i + 1].cell is flat[i].cell else None
    return bool(_AMOUNT_TEXT.match(_fold(flat[i].text)) or (nxt is not None and _AMOUNT_TEXT.match(_fold(nxt.text))))


#: an amount closing a cell: 282.92, 1,120.50 (a unit after it: 万元)
#: (a bare number starts after no digit: tried from every digit of a long run, it was quadratic)
_TRAILING_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|(?<!\d)\d+)(?:\.\d+)?\s*(?:万元|元)?\s*$")


def _name_ran_on(token: Token) -> tuple[Token, str, _Value] | None:
    """A name cell that ends with a money key and its amount (cells run together: 物业管理费支出 /
    本年度申请市财政预算资金(万元) / 282.92): the name before the key, the key's field and the
    amount. A name never closes with a money key and a number, so the cut is where the cells met."""
    text = token.text.rstrip()
    if (m := _TRAILING_AMOUNT.search(text)) is None:
        return None
    head = text[: m.start()]
    for cut in range(2, len(head) - 1):  # the longest key that ends right before the amount
        if (money := _key_field(head[cut:])) in _AMOUNT_FIELDS and head[:cut].strip():
            name = Token(
                head[:cut].rstrip(),
                token.cell,
                token.start,
                token.start + len(head[:cut].rstrip()),
                token.row,
                token.col,
            )
            at = token.start + m.start()
            amount = _Value(m.group(0).strip(), token.cell.span(at, token.start + len(text)), head[cut:])
            return name, money, amount
    return None


def _continues(token: Token, last: Token) -> bool:
    """The next piece of the same cell and column, not a key nor a label of its own (是否为专项资金：)."""
    text = token.text.rstrip()
    if token.cell is not last.cell or token.col != last.col or token.start <= last.end:
        return False  # another cell, or a piece cut off at a label (text run together)
    gap = token.cell.text[last.end : token.start]
    return (
        not gap.strip()
        and not _key_field(text)
        and not _GROUP_LABEL.match(_fold(text))
        and not text.endswith((":", "："))
    )


#: the number a heading opens with: 6、 / 6. / （6） / 六、 / （六）
_HEADING_NUMBER = re.compile(
    r"^\s*(?:(?P<open>[（(])\s*)?(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?(open)[)）]|[、.．])"
)

_NUMERALS = "一二三四五六七八九十"


def _next_heading(flat: list[Token], key: int) -> re.Pattern[str] | None:
    """A goal key numbered as a notice's heading (6、项目绩效目标：, or 6、 | 项目绩效目标： when cut
    at the key; （一）绩效目标情况): the pattern of the next heading of the same style, numbered
    one more (7、…, （二）…), where the goal ends even when that heading is no key of the form."""
    token = flat[key]
    m = _HEADING_NUMBER.match(_fold(token.text))
    if m is None and key > 0 and flat[key - 1].cell is token.cell:
        m = _HEADING_NUMBER.fullmatch(_fold(flat[key - 1].text).strip())  # the number cut off before the key
    if m is None:
        return None
    n = m["n"]
    if n.isdigit():
        nxt = str(int(n) + 1)
    elif n in _NUMERALS[:9]:
        nxt = _NUMERALS[_NUMERALS.index(n) + 1]
    else:
        return None  # 十 and beyond: not worth guessing
    if m["open"]:  # （二）2024年度绩效目标: a bracketed number is a heading whatever follows it
        return re.compile(rf"^\s*[（(]\s*{nxt}\s*[)）]")
    return re.compile(rf"^\s*{nxt}\s*[、.．](?!\d)")  # 2.5 is a number, not heading 2


def _goal_column(text: str) -> str | None:
    """A key in a run of goal column heads; after a goal key, 总体目标完成情况 heads the
    achieved column (总体目标 | 总体目标完成情况), where before one it is a caption."""
    if field := _key_field(text):
        return field
    return "实际完成情况" if re.fullmatch(r"(?:年度)?(?:总体)?目标完成情况", _bare(text)) else None


#: a goal caption cut to its first line (年度 | 总体 | 总): a merged cell printed cut
_GOAL_STUBS = {"年度": "年度目标", "总体": "总体目标", "总": "总体目标"}


def _goal_stub(token: Token, flat: list[Token], i: int) -> str | None:
    """The goal field of a caption cut to its first characters (``年度 |`` over the goal text,
    the merged 年度目标 cell printed as its first line), when a text follows it and no goal
    key of its own comes after it."""
    field = _GOAL_STUBS.get(re.sub(r"\s", "", _fold(token.text)))
    if field is None or i >= len(flat) or _key_field(flat[i].text):
        return None
    text = _fold(flat[i].text)
    if len(re.findall(r"[\u4e00-\u9fff]", text)) < 8 or _is_grid_caption(text) or _is_header_word(text):
        return None
    return None if any(_key_field(t.text) in _GOAL_FIELDS for t in flat[i:]) else field


def _goal_beside_actual(flat: list[Token], start: int) -> tuple[_Value, _Value | None, int, Msg | None] | None:
    """The 预期目标 under a 自评表's 预期目标 | 实际完成情况 heads whose texts are not one each:
    one text only (the achieved cell left empty, or both run together: said so), or rows of
    pairs (目标1 | 完成1 | 目标2 | 完成2, score cells between them skipped): the goal is the
    first of each pair, said so unless every pair repeats its goal word for word. Returns
    (goal, achieved, index after the texts, doubt) or None when there is no text."""
    texts, end = _goal_texts(flat, start)
    texts = [t for t in texts if not re.fullmatch(r"[\d.]+\s*[%％]?", _fold(t.text))]  # a score or a rate beside them
    if (spilled := _lines_of_two_cells(texts)) is not None:
        goal, actual = spilled  # one pair whose cells hold line breaks, spilled over several lines
        return _Value(_join(goal), _span_of(goal)), _Value(_join(actual), _span_of(actual)), end, None
    if len(texts) == 1 and (split := _goal_actual_split(texts[0])) is not None:
        goal, actual, doubt = split  # 预期目标 and 实际完成情况 run together, told apart at a landmark
        return _Value(_join([goal]), _span_of([goal])), _Value(_join([actual]), _span_of([actual])), end, doubt
    if len(texts) == 1:
        doubt = msg("FORM_GOAL_ONE_TEXT")
        return _Value(_join(texts), _span_of(texts)), None, end, doubt
    if len(texts) % 2:  # a text holding white space cut in two: the first is the goal, said so
        doubt = msg("FORM_GOAL_UNTOLD")
        return _Value(_join(texts[:1]), _span_of(texts[:1])), None, end, doubt
    if not texts:
        return None
    goals, actuals = texts[0::2], texts[1::2]
    same = len(goals) == 1 or all(_fold(g.text) == _fold(a.text) for g, a in zip(goals, actuals))
    text = " ".join(_join([g]) for g in goals)
    doubt = None if same else msg("FORM_GOAL_PAIRS")
    actual = _Value(" ".join(_join([a]) for a in actuals), _span_of(actuals))
    return _Value(text, _span_of(goals)), actual, end, doubt


#: the achieved column's own head written inside the text (an OCR or a copy that puts the head
#: of the second column after the first column's text: 保障学校正常工作运行年度总体目标完成情况…)
_ACTUAL_HEAD = re.compile(r"(?:年度)?(?:总体)?目标(?:实际)?完成情况(?:综述)?|(?:全年)?实际完成情况(?:综述)?")
#: how an achieved text opens: it looks back at the target (按照年初设定目标，将…) or reports it
#: done (已完成, 已全部完成); a target looks forward, so these words do not open a sentence of it
_ACTUAL_OPENING = re.compile(r"按照?年初(?:设定|既定)?(?:的)?(?:绩效)?目标|已(?:全部|按时|按期|如期)?完成")
_CJK = r"[\u4e00-\u9fffA-Za-z0-9%％）)]"


#: the indicator grid's head row written on after a goal in text run together (…培训。指标 指标内容
#: 指标值产出指标…; …运行。一级指标 二级指标 三级指标 指标值): three heads in a row, the last the value's
_GRID_HEAD_RUN = re.compile(r"(?:一级)?指标\s*(?:二级指标\s*三级指标|指标内容|指标名称)\s*(?:年度)?指标值")


def _grid_head_inside(taken: list[Token]) -> list[Token] | None:
    """A goal's pieces cut before the grid's head row written after them (the pieces after it
    are the grid's, which is read from the rows on its own; the heads may be pieces of their
    own, a space between them). None when no head row follows some goal text."""
    starts, at = [], 0
    for token in taken:
        starts.append(at)
        at += len(token.text) + 1
    m = _GRID_HEAD_RUN.search(" ".join(t.text for t in taken))
    if m is None:
        return None
    k = max(j for j, start in enumerate(starts) if start <= m.start())
    token, end = taken[k], m.start() - starts[k]
    end = len(token.text[:end].rstrip())
    kept = [*taken[:k], Token(token.text[:end], token.cell, token.start, token.start + end, token.row, token.col)]
    kept = [t for t in kept if t.text.strip()]
    return kept if len("".join(t.text for t in kept).strip()) >= 4 else None


def _opening_cut(last: Token, key: Token) -> Token | None:
    """A goal's last piece cut before the words that, with the key after it, open the achieved
    text (…的发展按照 | 年初设定目标: 按照年初设定目标，将… reports what was done, run together
    with the goal; the key was cut out of that sentence). None when they do not."""
    if not re.fullmatch(r"年初(?:设定|既定)?(?:的)?(?:绩效)?目标", _bare(key.text)):
        return None
    text = last.text.rstrip()
    m = re.search(r"按照?$", text)
    if m is None or m.start() < 4:
        return None
    end = m.start()
    return Token(text[:end], last.cell, last.start, last.start + end, last.row, last.col)


def _goal_actual_split(token: Token) -> tuple[Token, Token, Msg | None] | None:
    """One text under 预期目标 | 实际完成情况 where the two cells ran together: told apart at a
    landmark the templates give, else None (read as one text, and said so).

    - the achieved column's head inside the text (…运行年度总体目标完成情况…): the goal ends
      before it (said so: a goal may name its own 目标完成情况);
    - a sentence of the achieved text's own opening (按照年初设定目标，… ; 。已完成): a target
      is written forward, so the goal ends there; said so, the cut is read from wording;
    - one gap of white space between two words, nothing else spaced (历城区文化馆免费开放 用于…):
      the gap between the two cells of a copy that keeps cells apart by spaces; said so."""
    text = token.text

    def piece(a: int, b: int) -> Token:
        return Token(text[a:b], token.cell, token.start + a, token.start + b, token.row, token.col)

    def rest_of(at: int) -> int:
        while at < len(text) and text[at] in " \t\u3000":
            at += 1
        return at

    def goal_end(at: int) -> int:
        while at > 0 and text[at - 1] in " \t\u3000":
            at -= 1
        return at

    if (head := _ACTUAL_HEAD.search(text)) and head.start() >= 4:
        cut = msg("FORM_GOAL_SPLIT_AT", at=head.group())  # the words may also be the goal's own: said so
        return piece(0, goal_end(head.start())), piece(rest_of(head.end()), len(text)), cut
    for opening in _ACTUAL_OPENING.finditer(text):
        before = text[: opening.start()].rstrip()
        if len(before) < 4 or (not before.endswith(("。", "；", ";", "！")) and not opening.group().startswith("按")):
            continue  # 巩固已完成的…: done work named inside a target, not the achieved text's opening
        cut = msg("FORM_GOAL_SPLIT_AT", at=text[opening.start() : opening.start() + 12])
        return piece(0, goal_end(opening.start())), piece(opening.start(), len(text)), cut
    gaps = list(re.finditer(r"[ \t\u3000]+", text.strip()))
    offset = len(text) - len(text.lstrip())
    if len(gaps) == 1:
        a, b = gaps[0].start() + offset, gaps[0].end() + offset
        if a >= 4 and len(text.rstrip()) - b >= 4 and re.match(_CJK, text[a - 1]) and re.match(_CJK, text[b]):
            cut = msg("FORM_GOAL_SPLIT_AT", at=text[b : b + 12])
            return piece(offset, a), piece(b, len(text.rstrip())), cut
    return None


def _cell_rest(rows: list[list[Token]], key: Token, value: Token, flat: list[Token], i: int) -> list[Token]:
    """The rest of a value's cell on the lines after its own, when the cell held line breaks
    (项目名称 | 社区矫正信息化 / 建设项目 / 主管部门 | …): the key and the value are cells of one
    ``|`` or tab row, the value its last, and the lines after it hold one piece each up to the
    next row of several cells (:func:`_spilled_lines`). Section headings (（一）…, 二、…) are not
    a name's rest."""
    if key.row != value.row or key.col == value.col or key.cell is value.cell and key.col == value.col:
        return []
    at = next((k for k, row in enumerate(rows) if any(t is value for t in row)), None)
    if at is None or [t for t in rows[at] if t.text][-1] is not value:
        return []
    spill = _spilled_lines(rows, at + 1)
    if not spill or at + 1 + len(spill) >= len(rows) or any(_SECTION.match(_fold(t.text)) for t in spill):
        return []  # the block's last lines: the grid's caption or a note, not the value's rest
    return spill if flat[i : i + len(spill)] == spill else []


def _lone_line_after(flat: list[Token], i: int, value: Token) -> bool:
    """One piece on a line of its own between the name and the next key (项目名称 / 社区矫正信息化 /
    建设项目 / 主管部门, one cell per line): no key, no label, no section heading. It may be the
    name wrapped, or a row the rules have no word for: not read, and said so."""
    if i >= len(flat) or flat[i].row == value.row or (i + 1 < len(flat) and flat[i + 1].row == flat[i].row):
        return False
    text = _fold(flat[i].text).strip()
    if _key_field(re.split(r"[:：\s]", text, maxsplit=1)[0]):
        return False  # 项目单位   某公司: a key and its value in one piece
    if _key_field(text) or _GROUP_LABEL.match(text) or _SECTION.match(text) or _LABEL_ONLY.match(text):
        return False
    if (
        _is_grid_caption(text)
        or _is_header_word(text)
        or _TITLE.search(text)
        or _MONEY_CELL.match(_money_text(flat[i]))
    ):
        return False
    return i + 1 < len(flat) and bool(_key_field(flat[i + 1].text))


#: a section heading of a report or form: （一）基本情况, 二、绩效目标, 3.
_SECTION = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}[、.．]|\d{1,2}[、.．])"
)


def _spilled_lines(rows: list[list[Token]], at: int) -> list[Token]:
    """Lines of one piece from ``at`` on, between a row of ``|`` cells and the next row of
    several cells: the rest of the last cell above, whose text held line breaks (中期目标 |
    年度目标 over two texts, the second on three lines). A key, a label, the grid's caption or
    its head words are the form's own rows, not the rest of a cell."""
    spill: list[Token] = []
    for row in rows[at:]:
        texts = [t for t in row if t.text]
        if len(texts) != 1:
            return spill if len(texts) > 1 else []
        text = texts[0].text
        if (
            _key_field(text)
            or _is_grid_caption(text)
            or _is_header_word(text)
            or _caption_stub(text)
            or _GROUP_LABEL.match(_fold(text))
            or _LABEL_ONLY.match(_fold(text).strip())
        ):
            return []
        spill.append(texts[0])
    return spill  # the block ends where the grid starts: a row of several cells


def _caption_tail(flat: list[Token], at: int) -> bool:
    """The block's last pieces from ``at`` on are the indicator grid's caption, not more of a
    goal: cut to its first characters (绩 |, a merged cell printed cut), or wrapped one short
    piece a line (专项 / 年度 / 绩效 / 指标, 绩效 / 指标: the merged cell printed down its lines),
    the grid's first head maybe wrapped after it (绩效 / 指标 / 一级 / 指标)."""
    rest = flat[at:]
    if rest and all(_caption_stub(t.text) for t in rest):
        return True
    joined = "".join(re.sub(r"\s", "", t.text) for t in rest)
    if len(rest) == 1 and len(joined) >= 3 and any(w.endswith(joined) for w in _GRID_WORDS):
        return True  # 级指标: the grid's first head cell printed with its first character lost
    short = all(len(re.sub(r"\s", "", t.text)) <= 4 for t in rest)
    lines = len({t.row for t in rest}) == len(rest)
    if not (2 <= len(rest) <= 8 and short and lines):
        return False
    # 绩效 / 指标 / 一级 / 指标: the caption, then the grid's first head cell wrapped the same way
    pieces = [re.sub(r"\s", "", _fold(t.text)) for t in rest]
    return any(
        _is_grid_caption("".join(pieces[:k])) and _grid_word_start("".join(pieces[k:]))
        for k in range(2, len(pieces) + 1)
    )


def _grid_word_start(text: str) -> bool:
    """Nothing, or a grid head word (一级指标) or its start (一级): the grid's first head cell."""
    return not text or any(w.startswith(text) or text == w for w in _GRID_WORDS)


def _goal_texts(flat: list[Token], start: int) -> tuple[list[Token], int]:
    """The texts under a row of goal heads, up to the next key, the grid or its caption, and
    the index after them."""
    end = start
    while end < len(flat):
        token = flat[end]
        if _key_field(token.text) or _is_grid_caption(token.text) or _is_header_word(token.text):
            break
        if _caption_tail(flat, end):
            break
        end += 1
    return flat[start:end], end


def _lines_of_two_cells(texts: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """The two cells of one row of ``|`` (or tab) separated text whose cells hold line breaks:
    :func:`_spilled_row` with two cells."""
    cells = _spilled_row(texts, 2)
    return (cells[0], cells[1]) if cells is not None else None


def _cells_over_lines(flat: list[Token], start: int, width: int) -> tuple[list[list[Token]], int] | None:
    """The ``width`` cells of the one row of texts under goal heads when their cells hold line
    breaks (:func:`_spilled_row`), and the index after them."""
    texts, end = _goal_texts(flat, start)
    cells = _spilled_row(texts, width)
    return (cells, end) if cells is not None else None


def _spilled_row(texts: list[Token], width: int) -> list[list[Token]] | None:
    """A row of ``width`` cells copied with ``|`` or tabs whose cells hold line breaks: its
    text is spread over several lines, and only one line holds the separators. What comes on
    lines before that one is the start of its first cell, what comes after is the rest of its
    last cell; that is how the copy is written, so nothing is guessed. None unless exactly one
    line holds ``width`` cells (told apart by separators, not by white space) and every other
    line holds one piece, the texts coming on more lines than one."""
    rows: dict[int, list[Token]] = {}
    for token in texts:
        rows.setdefault(token.row, []).append(token)
    full = [r for r, tokens in rows.items() if len(tokens) > 1]
    if len(rows) < 2 or len(full) != 1 or any(len(tokens) != 1 for r, tokens in rows.items() if r != full[0]):
        return None
    line = rows[full[0]]
    if len(line) != width or len({t.col for t in line}) != width:
        return None
    before = [rows[r][0] for r in sorted(rows) if r < full[0]]
    after = [rows[r][0] for r in sorted(rows) if r > full[0]]
    cells = [[t] for t in line]
    cells[0] = before + cells[0]
    cells[-1] = cells[-1] + after
    return cells


def _form_start(flat: list[Token]) -> int:
    """Where the form's own key–value block starts: at its title when a notice before the form
    already wrote keys of its own ((7)绩效目标：… above 项目支出绩效目标申报表); the form's values
    are the project's, the notice's are not read."""
    first_name = next((i for i, t in enumerate(flat) if _key_field(t.text) == "name"), len(flat))
    titles = [i for i, t in enumerate(flat[:first_name]) if _TITLE.search(_fold(t.text)) and not _key_field(t.text)]
    if titles and any(_key_field(t.text) for t in flat[: titles[-1]]):
        return titles[-1]
    return 0
