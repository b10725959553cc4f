"""Grid items into :class:`Indicator` records: the level labels settled (the 二级 code decides a
guessed 一级), template leftovers dropped (指标1:, ……), 指标性质 / 计量单位 cells joined to
the value. What the rules are unsure of goes back as doubts for the caller to report.
"""

from __future__ import annotations

import re

from ....ingest.cellgrid import join_wrapped
from ....messages import Msg, msg
from ....schema import Indicator, Span
from ....taxonomy import code_for_level2_name
from .labels import (
    _COMPARATOR,
    _INVESTMENT_LEVEL1,
    _NAME_PREFIX,
    _SCORE_ONLY,
    _SIGN_ONLY,
    _T2S,
    _as_written,
    _bare,
    _fold,
    _is_label,
    _is_placeholder,
    _label_word,
    _level1_code,
    _unit_only,
    _unread,
)
from .levels import _Guess, _item_labels
from .tokens import Token

#: one asterisk before a name: the mark some templates put on a core indicator (核心指标), as a
#: label's asterisk is dropped (labels._strip_label); ★ marks are kept as the cell's own text, and
#: a run of asterisks is a template's blank (a placeholder), not a mark
_CORE_MARK = re.compile(r"^\s*[*＊](?=\s*[^\s*＊])\s*")


def _indicators(items, l1_events, l2_events, targets, doubts: list[tuple[int, str, Msg]]) -> list[Indicator]:
    """Indicators of the grid items; what the rules are unsure of goes to ``doubts`` as
    (document row, field, message)."""
    # a score alone after a 一级 label, before the same item (满意度指标 / (10分) wrapped), is that
    # label's score mark, not a 一级 cell of its own that lost its word
    l1_events = [
        (i, t)
        for k, (i, t) in enumerate(l1_events)
        if not (_SCORE_ONLY.fullmatch(_fold(t.text).strip()) and any(j == i for j, _ in l1_events[:k]))
    ]
    l1_labels, l2_labels, l1_by_code, cleared = _item_labels(l1_events, l2_events, len(items))
    written1 = {i for i, _ in l1_events}  # the items whose row writes a 一级 label
    indicators: list[Indicator] = []
    for index, (item, l1, l2) in enumerate(zip(items, l1_labels, l2_labels)):
        if _is_placeholder(_one_line(item.name.text)) and all(
            v is None or _is_placeholder(v.text) for v in item.values
        ):
            continue  # a template row left empty (指标2:, ……, **): not an indicator, nothing to doubt
        if _DASH.fullmatch(_one_line(item.name.text).strip()) and all(
            v is None or _is_placeholder(v.text) or _EMPTY_ROW_CELL.fullmatch(_fold(v.text).strip())
            for v in item.values
        ):
            continue  # 生态环境成本指标 | - | 定性: a template row left empty but for its unit dash and type
        if _SCORE_ONLY.fullmatch(_fold(_one_line(item.name.text)).strip()) and all(
            v is None or not v.text.strip() for v in item.values
        ):
            continue  # （50分） alone: a 自评表's 一级 cell keeping only its points, its label lost
        if isinstance(l1, _Guess) and l2 is not None:
            # a guessed 满意度指标 over a 数量指标 row: the 二级 code rules it out, the 二级 label
            # carried down from the row above too (a 自评表's 指标2: rows under 数量指标)
            code = code_for_level2_name(_bare(l2.token.text if isinstance(l2, _Guess) else l2.text))
            if code and _level1_code(l1.token.text) not in (None, code[0]):
                l1 = None
        guessed = [x for x in (l1, l2) if isinstance(x, _Guess)]
        if (l1 is None and l1_events) or (l2 is None and l2_events and index not in cleared):
            doubts.append(
                (
                    item.name.row,
                    "一级/二级指标",
                    msg("FORM_NO_LEVEL_LABEL", name=item.name.text[:30]),
                )
            )
        if guessed:
            doubts.append(
                (
                    item.name.row,
                    "一级/二级指标",
                    msg(
                        "FORM_LEVEL_GUESSED",
                        name=item.name.text[:30],
                        read=", ".join(_bare(g.token.text) for g in guessed),
                    ),
                )
            )
            l1 = l1.token if isinstance(l1, _Guess) else l1
            l2 = l2.token if isinstance(l2, _Guess) else l2
        l2_code = code_for_level2_name(_bare(l2.text)) if l2 else None
        if l1 is not None and _label_word(l1.text) in _INVESTMENT_LEVEL1:
            l2_code = None  # the 中央预算内投资 template's own system: its 满意度指标 is no 31
        if l2_code and len(l1_by_code.get(l2_code[0], [])) == 1 and l1_events and l1_events[0][0] > 0:
            coded = l1_by_code[l2_code[0]][0]  # centred labels: the level-2 code says which group
            if l1 is not None and coded is not l1 and not guessed:
                doubts.append(
                    (
                        item.name.row,
                        "一级/二级指标",
                        msg(
                            "FORM_LEVELS_DISAGREE",
                            name=item.name.text[:30],
                            l1=_bare(l1.text),
                            l2=_bare(l2.text),
                            read=_bare(coded.text),
                        ),
                    )
                )
            l1 = coded
        elif (
            l2_code
            and l1 is not None
            and (l1_code := _level1_code(l1.text)) not in (None, l2_code[0])
            and (l1_code, l2_code) != ("2", "31")  # the pre-2021 template: 满意度 under 效益
            and not guessed
        ):
            # the 二级 label is of another group than the 一级 one, and no single label of the
            # right group settles it
            if index not in written1 and not _group_goes_on(l1_code, index, written1, l2_labels):
                # the 一级 label was carried down from another group's rows, and none of its group
                # follows: this group's 一级 cell is not in the text, so it has no 一级 name (its
                # code follows the 二级 label). A row of another group between rows of the label's
                # own (经济效益指标 among 产出指标's rows) stays under the merged cell, as written
                doubts.append(
                    (
                        item.name.row,
                        "一级/二级指标",
                        msg("FORM_LEVEL1_NOT_WRITTEN", name=item.name.text[:30], l1=_bare(l1.text), l2=_bare(l2.text)),
                    )
                )
                l1 = None
            else:  # both on its row (a label centred in its merged cell, read a row late?)
                doubts.append(
                    (
                        item.name.row,
                        "一级/二级指标",
                        msg("FORM_LEVELS_MISMATCH", name=item.name.text[:30], l1=_bare(l1.text), l2=_bare(l2.text)),
                    )
                )
        name_text, name_span = _one_line(item.name.text), item.name.span()
        if m := _NAME_PREFIX.match(
            name_text.translate(_T2S)
        ):  # 指标1: (指標1:) of a filled-in template is not part of the name
            name_text = name_text[m.end() :]
            name_span = name_span.model_copy(update={"start": name_span.start + m.end()})
        if m := _ITEM_NUMBER.match(
            name_text
        ):  # 1、补贴发放及时率: the row's number (restarting per group), not its wording
            name_text = name_text[m.end() :]
            name_span = name_span.model_copy(update={"start": name_span.start + m.end()})
        if m := _CORE_MARK.match(name_text):  # *贫困地区…达标率: the template's mark, not the name's wording
            name_text = name_text[m.end() :]
            name_span = name_span.model_copy(update={"start": name_span.start + m.end()})
        fields: dict[str, object] = {"seq": len(indicators) + 1, "name": name_text or None}
        spans: dict[str, Span] = {"name": name_span}
        if l1 is not None:
            fields["level1_name"] = _as_written(l1.text) or None  # （50分） alone: the word is lost
            fields["level1_code"] = _level1_code(l1.text)
            if fields["level1_code"] is None and l2_code and _label_word(l1.text) not in _INVESTMENT_LEVEL1:
                fields["level1_code"] = l2_code[0]  # a 一级 word with no code (项目决策): its 二级 label's group
            if fields["level1_name"]:
                spans["level1_name"] = l1.span()
        if l2 is not None:
            fields["level2_name"] = _as_written(l2.text)
            fields["level2_code"] = l2_code
            spans["level2_name"] = l2.span()
        if l1 is None and l2_code:
            fields["level1_code"] = l2_code[0]  # no 一级 label: its code follows from the 二级 one
        signs: list[str] = []
        unit_text = period_unit = ""
        placed = _by_meaning(targets, item.values)
        if any(a is not b for a, b in zip(placed, item.values)):
            # the cells were moved to the columns their shapes fit (empty ones dropped): a guess
            doubts.append(
                (
                    item.name.row,
                    "指标值",
                    msg(
                        "FORM_CELLS_PLACED_BY_SHAPE",
                        name=item.name.text[:30],
                        cells=" / ".join(v.text for v in item.values if v is not None and v.text)[:60],
                    ),
                )
            )
        for target, value in zip(targets, placed):
            if value is None or not value.text:
                continue
            if target in ("sign", "unit") and _DASH.fullmatch(value.text.strip()):
                continue  # a dash where the value has no unit or sign: the cell left empty
            if not target:  # a column the indicator does not keep (分值, 备注, 偏差原因)
                if _is_label(value.text) or _LABEL_LIKE.fullmatch(_fold(value.text)):
                    # a 一级/二级 label there (实施效果指标 as a 备注): the cells slid, a label was lost
                    doubts.append(
                        (
                            item.name.row,
                            "一级/二级指标",
                            msg("FORM_LABEL_IN_SIDE_COLUMN", name=item.name.text[:30], text=value.text[:20]),
                        )
                    )
                continue
            if target == "sign":
                signs.append(value.text)
            elif target == "unit":
                unit_text = unit_text or value.text
            elif target == "period_unit":
                period_unit = period_unit or value.text  # the 实施周期 block's own 计量单位
            elif _unit_only(value.text):
                continue  # 公里, ≧ %: the template's blank, its unit printed and its number never filled in
            elif target not in spans:
                fields[target] = _one_line(value.text)
                spans[target] = value.span()
                if target.endswith("_value") and _NAME_TAIL.search(value.text) and not _digit(value):
                    # 设(个) under 指标值: the end of a name wrapped over two lines, its value empty
                    doubts.append(
                        (
                            item.name.row,
                            "指标值",
                            msg("FORM_VALUE_NAME_TAIL", name=item.name.text[:30], text=value.text[:20]),
                        )
                    )
        # 指标性质 may hold the comparison (≥) or the direction (正向, 反向, 定性) with the comparison
        # in a 指标方向 cell beside it: the comparison is part of the value, the direction is not
        sign = next((x for x in signs if _SIGN_ONLY.fullmatch(_fold(x))), "")
        odd = [x for x in signs if not _SIGN_CELL.fullmatch(_fold(x))]
        odd += [u for u in (unit_text, period_unit) if u and not _UNIT_CELL.fullmatch(_fold(u))]
        if odd:
            doubts.append(
                (
                    item.name.row,
                    "指标值",
                    msg("FORM_SIGN_UNIT_ODD", name=item.name.text[:30], cells=" / ".join(odd)),
                )
            )
        if fields.get("period_value") and period_unit and not str(fields["period_value"]).endswith(period_unit):
            fields["period_value"] = f"{fields['period_value']}{period_unit}"
        if fields.get("annual_value") and (sign or unit_text):
            value = str(fields["annual_value"])
            unit = unit_text if not value.endswith(unit_text) else ""
            sign = sign if not _COMPARATOR.match(value) else ""
            fields["annual_value"] = f"{sign}{value}{unit}"
        indicators.append(Indicator(**fields, spans=spans))
    return indicators


def _group_goes_on(code: str, index: int, written1: set[int], l2_labels) -> bool:
    """Whether a row after ``index`` and before the next 一级 label has a 二级 label of the
    一级 group ``code``: the carried 一级 label's merged cell still spans this row."""
    for j in range(index + 1, len(l2_labels)):
        if j in written1:
            return False
        l2 = l2_labels[j]
        l2 = l2.token if isinstance(l2, _Guess) else l2
        if l2 is not None and (code_for_level2_name(_bare(l2.text)) or "")[:1] == code:
            return True
    return False


#: an item number before a name: 1、 2. （3） ④ (not 1.5米: a digit after the dot is the name's own)
_ITEM_NUMBER = re.compile(
    r"^\s*(?:(?:[（(]\d{1,2}[)）]|\d{1,2}[.．](?!\d)|[①-⑳])\s*(?=[\u4e00-\u9fff])|\d{1,2}、\s*(?=\S))"
)
#: a cell a template fills with a dash to say it is empty (度量单位 - of a value with no unit)
_DASH = re.compile(r"[-—－/／]")
#: what an empty template row still holds: its dash, its 指标值类型 (定性/定量), nothing
_EMPTY_ROW_CELL = re.compile(r"[-—－/／]?|定性|定量")


#: what a 指标性质 cell holds (≥, ≤, =, 定性, 正向… the national template's words, nothing else) and what a 计量单位 cell holds (%, 人次, 元/亩):
#: a number or a long text there means the cells shifted
_SIGN_CELL = re.compile(rf"{_SIGN_ONLY.pattern}|(?:正向|反向|定性|定量|中性|正|反|共性|个性)(?:指标)?")


#: (a unit is a few measure words: %, 人次, 万立方米, 元/平方米, 百分比; 已完成 or a longer text
#: is a note or an achieved value slid into its place); a unit may be followed by its name in
#: brackets, as some templates' 单位(文字描述) cells write it: %(百分比)
_UNIT_CELL = re.compile(
    r"(?:[%％‰℃/·a-zA-Z²³]|[个人次元万千百亿天年月日时小分秒周批家户所座台套件辆架艘张份本册篇场项条处株棵头只吨斤克公里米"
    r"平方立亩顷度课班门栋间床位名例比率期轮季组部样块根箱袋瓶盒卷幅届村镇乡县区校底末内前初单]){1,6}"
    r"(?:[（(][\u4e00-\u9fff]{1,6}[)）])?"
)


#: how a name ends when it states its unit (保障遗属人数(人), 开展小型水利工程建设(个)): a value with no
#: digit ending so is a name's last line, wrapped, not a value
_NAME_TAIL = re.compile(r"[（(][\u4e00-\u9fff%％a-zA-Z/]{1,4}[)）]\s*$")


#: a short cell ending in 指标 (实施效果指标, 过程管理指标): a level label, known or not
_LABEL_LIKE = re.compile(r"[\u4e00-\u9fff]{2,8}指标")


def _by_meaning(targets: list[str | None], values: list[Token | None]) -> list[Token | None]:
    """The 指标性质 | 指标值 | 计量单位 cells (and the 分值 / 备注 after them) placed by what they
    hold when empty cells were dropped and the others slid left (``≥ | 200 | 10`` under
    指标性质 | 指标值 | 计量单位 | 分值): comparisons and direction words fill the 指标性质 cells,
    the next cell is the value, a short text with no digit after it the unit, the rest the
    columns after. Left as read when the cells are placed right already or do not fit."""
    if "annual_value" not in targets:
        return values
    v = targets.index("annual_value")
    s0 = v
    while s0 > 0 and targets[s0 - 1] == "sign":
        s0 -= 1
    has_unit = v + 1 < len(targets) and targets[v + 1] == "unit"
    if s0 == v and not has_unit:
        return values
    cells = [*values, *([None] * (len(targets) - len(values)))]
    signs, unit = cells[s0:v], cells[v + 1] if has_unit else None
    if all(t is None or not t.text or _SIGN_CELL.fullmatch(_fold(t.text)) for t in signs) and (
        unit is None or not unit.text or _UNIT_CELL.fullmatch(_fold(unit.text))
    ):
        return values
    filled = [t for t in cells[s0:] if t is not None and t.text]
    out: list[Token | None] = [None] * (len(cells) - s0)
    i = 0
    while i < len(filled) and i < v - s0 and _SIGN_CELL.fullmatch(_fold(filled[i].text)) and not _digit(filled[i]):
        out[i] = filled[i]
        i += 1
    if i >= len(filled):
        return values
    out[v - s0] = filled[i]
    i += 1
    rest = v - s0 + 1
    if has_unit:
        if i < len(filled) and _UNIT_CELL.fullmatch(_fold(filled[i].text)) and not _digit(filled[i]):
            out[rest] = filled[i]
            i += 1
        rest += 1
    if len(filled) - i > len(out) - rest:
        return values
    out[rest : rest + len(filled) - i] = filled[i:]
    return [*cells[:s0], *out]


def _one_line(text: str) -> str:
    """A cell's text as one line: a cell wrapped onto the next line (its row copied with the
    break inside it) reads joined, CJK lines directly, other breaks as a space."""
    return _unread(join_wrapped(text) if "\n" in text else text)


def _digit(token: Token) -> bool:
    return bool(re.search(r"\d", token.text))
