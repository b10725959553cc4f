"""Rows read as indicators that are not indicators: what a filled-in template leaves behind.

A template printed with fewer indicators than it has rows keeps its unfilled items (``指标3:``,
``……``, ``**``, a row holding only its number), its cost rows left at zero (``0 | 0.00% | 0``),
its header row printed again after a page break (``- 2 -`` 一级指标 | 二级指标 | 三级指标 …), its
money rows left at zero (其他资金 | 0 | 0.00%), and the stamp and signature lines under the table
(单位（盖章）, 填报人, 联系电话). Whatever the parser
(a form's grid, a department table, a numbered dump, prose), such a row must not become an
indicator: it would add a wrong row and shift the ``seq`` of every real one after it.

:func:`leftover_kind` says, from a row's name and values alone, which leftover it is;
:func:`drop_leftovers` is the one step every rules reading goes through
(:func:`assistant.extract.rules_backend.extract_with_rules`): it drops those rows, numbers the
rest again and says so where the clerk may want to check (a row that held only a level label).
A template's hint inside a filled name stays: ``受益人数(≥**人)`` is the cell as written.
"""

from __future__ import annotations

import re

from ..messages import msg
from ..schema import BudgetTable, Failure, Indicator, Project
from .parsers.form.labels import (
    _BRACKETED_NOTE,
    _STAMP,
    _fold,
    _is_column_heading,
    _is_grid_caption,
    _is_label,
    _is_placeholder,
    _key_field,
)
from .parsers.form.runs import _WORDED_VALUE

__all__ = ["leftover_kind", "drop_leftovers"]

#: what a template leaves in a cell nobody filled: dots, asterisks, dashes, x's, a zero (0, 0.00%)
_FILLER = r"[\s.…。·*＊/、\-—_xX×]|0+(?:\.0+)?\s*[%％]?"
_BLANK_VALUE = re.compile(rf"^(?:{_FILLER})*$")
#: a value the template printed as a pattern to fill (xx%, X个, ≥XX万元): a figure of x's
_X = r"[≥≤><=＞＜≧≦]?\s*[xX×]{1,3}\s*(?:[%％]|[^\W\d_xX×]{1,2}(?![^\W\d_]))?"
_X_VALUE = re.compile(rf"^\s*{_X}\s*$")
#: an unfilled slot's number left alone in its value cell (1., 2、): the template's numbering
_ORDINAL_VALUE = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*$")
#: a name cell the template printed as the slot to fill: 具体指标, 目标3 (目标1 目标2 目标3 under
#: each category of a 范本), 指标3 without its colon
_SLOT_NAME = re.compile(rf"^\s*(?:具体指标|(?:目标|指标)\s*\d{{1,2}}\s*[:：]?)(?:{_FILLER})*$")
#: unfilled slots' numbers run onto the cell before them: 效益指标1., 效益指标1.2.3.4.
_SLOT_TAIL = re.compile(r"(?<![\d.．])(?:\d{1,2}[.．、])+$")
#: the slot word alone (目标, 指标) and a slot's number alone (3): 目标3 read as a name and a value
_SLOT_WORD = re.compile(r"^\s*(?:目标|指标)\s*$")
_SLOT_NUMBER = re.compile(r"^\s*\d{1,2}\s*$")
#: an arabic ordinal glued in front of a level label from an unfilled slot's line above it (2.质量指标)
_LEVEL_ORDINAL = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*(?=\S)")
#: a name the template printed as a hint to fill: （自定义）, 自定义指标, （根据项目实际情况填写）
_HINT = r"[(（]?(?:自定义|自行(?:设置|设定|填写)|根据[^)）]{0,16}(?:填写|设置)|请[^)）]{0,16}(?:填写|设置))[^)）]{0,6}[)）]?"
#: a name cell nobody filled: the template's numbering (指标3:, 3、, (3), ③) at most, then filler
#: (where cells ran together, the pattern its value printed: 指标2：X个)
_BLANK_NAME = re.compile(
    rf"^\s*(?:指标\s*(?:\d+|[一二三四五六七八九十]{{1,3}}|[(（]\d{{1,2}}[)）])\s*[:：、.．]?|[(（]?\d{{1,2}}[)）、.．]?|[①-⑳])?(?:{_FILLER}|{_HINT})*(?:{_X})?(?:{_FILLER})*$"
)

#: a page mark printed where a page breaks: - 2 -, 第2页, 第 2 页 共 3 页, 2/3
_PAGE_MARK = re.compile(r"^\s*(?:[-—]\s*\d+\s*[-—]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*")

#: what a heading wrapped over two rows leaves on its second row (一级 / 指标, 三级指标 / 名称,
#: 实际 / 完成值): a row of these under the header is the header's second line
_HEADING_TAIL = re.compile(
    r"^(?:(?:指标(?:值|名称)?|名称|内容|(?:指标|完成|目标)?值|单位|措施|分析)(?:[(（][A-Za-z/]{1,5}[)）])?"
    r"|[(（][A-Za-z/]{1,5}[)）])$"
)
#: a template's filler run onto a filled cell where cells ran together (≥50个……, ≥50个指标3:,
#: ……开放质量): an unfilled item's number, dots, two asterisks or more (one marks a core indicator)
_FILLER_RUN = r"(?:\s*(?:指标\s*\d+\s*[:：]|…+|\.{3,}|[*＊]{2,}))+\s*"
_TRAILING_FILLER = re.compile(rf"(?<=[\w%％)）]){_FILLER_RUN}$")
_LEADING_FILLER = re.compile(rf"^{_FILLER_RUN}(?=\S)")
#: an item's number left on its name where the label before it took the 指标 of 指标1:
#: (成本指标1：每年财政补助 read as 成本指标 | 1：每年财政补助); not a ratio (1:500)
_LEADING_NUMBER = re.compile(r"^\s*\d{1,2}\s*[:：]\s*(?=[^\d\s])")
#: a template's item number in the other forms templates print it (指标一：, 指标1、, 指标1.,
#: 指标（1）：, 指标1 then a space), in front of the name it numbers: no part of the name
_LEADING_ITEM = re.compile(
    r"^\s*指[标標]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[(（]\s*\d{1,2}\s*[)）])\s*"
    r"(?:[:：、]\s*(?=\S)|[.．]\s*(?=[^\d\s])|\s+(?=[^\d\s]))"
)
#: an unfilled item joined onto the name above it, where a line of one cell reads as a wrapped
#: name (安置小区物业费指标2：（自定义）, 资金拨付目标3 under a 范本's 目标1 目标2 目标3, 成本控制2.
#: under a template's numbered slots 1. 2. 3.): the item's number with nothing but a hint or filler
_TRAILING_SLOT = re.compile(
    rf"(?<=\S)\s*(?:指标\s*\d+\s*[:：]|(?<=[\u4e00-\u9fff])目标\s*\d{{1,2}}\s*[:：]?|(?<=[\u4e00-\u9fff])\s*\d{{1,2}}[.．、])"
    rf"(?:{_HINT}|[\s.…。·*＊/、\-—_xX×])*$"
)

#: the 项目资金 rows of a form (年度资金总额, 其中：财政拨款, 财政专户, 其他资金, 上年结转): money, not targets
_MONEY_KEYS = {"total", "total_fiscal", "fiscal", "special_account", "other", "上级资金", "上年结转资金", "自筹资金"}
#: a bare figure, no unit word: an amount or a rate as a money row writes it (3.36, 100.00%)
_BARE_FIGURE = re.compile(r"^\s*\d+(?:\.\d+)?\s*[%％]?\s*$")

#: what a leftover row leaves where cells ran together and no trim could tell it off: filler
#: inside a name or value (保障人数……2370人, 人口数****; a hint ≥**人 stays), figures run on
#: after a value's unit (≥50个3, ≥50个00.00%0), a zero cost row's 00.00%0 (or 00.00% as the value)
_RUN_ON_FILLER = re.compile(r"…|\.{3,}|指标\s*\d+\s*[:：]|(?<![≥≤<>＜＞=*＊\s])[*＊]{2,}|(?<![\d.])0+\.0+[%％]0")
_RUN_ON_FIGURES = re.compile(r"\d[^\W\d_]{1,3}\d[\d.%％]*$|[^\W\d_]0+\.0+[%％]|^\s*00+\.0+\s*[%％]")
_ZERO_TAIL = re.compile(r"(?<=[^\W\d_])(?:0+(?:\.0+)?\s*[%％]?)+$")
#: a template's guidance read as a row (its 评分标准 / 得分计算方法 column, a filling note): how
#: points are given or what to fill in, never a target (定量指标计算:完成值达到指标值,记满分;…)
_GUIDANCE = re.compile(
    r"[记得]满分|满分[为是]?\d|扣\s*\d*(?:\.\d+)?\s*分|按比例(?:扣|得|记|计)|[记计]分[。；;]?$|得分计算"
    r"|根据项目实际(?:情况)?(?:填写|设置)|可根据[^，,。]{0,12}(?:增加|减少|增减)"
)
#: a score mark alone in a value cell: the points of the group the row sits in ((30分), 20分)
_POINTS_ONLY = re.compile(r"^\s*[(（]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?\s*$")


def _squeezed(text: str | None) -> str:
    """The text folded (traditional to simplified) with its white space taken out."""
    return re.sub(r"\s+", "", _fold(text or ""))


def _heading(text: str) -> bool:
    """A column heading of the grid or its caption (绩效指标), a row of which is the header again."""
    return _is_column_heading(text) or _is_grid_caption(text) or _headings_run_together(text)


#: the words a 自评表's column headings are made of (年度指标值, 实际完成值, 单项指标得分, 权重占比(%),
#: 未完成原因及拟采取的改进措施); the strong ones name a column no indicator is called
_HEAD_PIECES = (
    "一级指标 二级指标 三级指标 指标值 指标 目标值 完成值 实际值 实际 年度 年初 全年 预期 分值 得分 自评 权重 占比 "
    "评分标准 评分 标准 未完成原因 原因 改进措施 措施 偏差 分析 备注 计量单位 度量单位 单位 符号 序号 文字描述 单项 "
    "折算 完成情况 绩效 及 和 拟采取的 说明 性质 方向 解释 计算"
).split()
_STRONG_HEADS = (
    "得分",
    "分值",
    "权重",
    "完成值",
    "指标值",
    "目标值",
    "三级指标",
    "评分标准",
    "未完成原因",
    "改进措施",
    "计量单位",
    "度量单位",
    "备注",
    "序号",
)
_HEAD_PIECE = re.compile("|".join(sorted(_HEAD_PIECES, key=len, reverse=True)))
_HEAD_RUN = re.compile(f"(?:{_HEAD_PIECE.pattern})+")


def _headings_run_together(text: str) -> bool:
    """Several column headings with their cells run together (绩效实际评分标准指标分值自评得分未完成原因,
    符号单位(文字描述)单项指标得分): the text, less its brackets, is made of heading words only and
    names two columns no indicator is called after (得分, 分值, 权重, 完成值 …), or one among four
    heading words at least."""
    core = _BRACKETED_NOTE.sub("", text)
    if not _HEAD_RUN.fullmatch(core):
        return False
    strong = sum(core.count(w) for w in _STRONG_HEADS)
    return strong >= 2 or (strong == 1 and len(_HEAD_PIECE.findall(core)) >= 4)


def _blank(value: str | None) -> bool:
    """A value cell nobody filled in (empty, ……, **, 0, 0.00%, 请填写…, a slot's number 2.)."""
    folded = _fold(value or "")
    return bool(_BLANK_VALUE.match(folded) or _X_VALUE.match(folded) or _ORDINAL_VALUE.match(folded)) or (
        _is_placeholder(value or "")
    )


def _bare_label(text: str | None) -> bool:
    """A level label, with the template's bracketed notes at most: 效益指标(经济效益、社会效益…)."""
    return _is_label(_BRACKETED_NOTE.sub("", _squeezed(text)))


def leftover_kind(name: str | None, values: list[str | None]) -> str | None:
    """Which template leftover a row of this name and these values is, or None when it may be
    an indicator: ``blank`` (nothing filled in: 指标3:, ……, **, a bare number, zeros), ``heading``
    (the column headings again, a page mark before them), ``stamp`` (a signature or stamp line),
    ``guidance`` (the template's scoring rule or filling note: 完成得满分，未完成按比例扣分),
    ``label`` (only a level label, 效益指标, with no value), ``money`` (a 项目资金 row left at zero:
    其他资金 | 0 | 0.00%). A row with a real value is kept."""
    if name and _GUIDANCE.search(_fold(name)) and all(_blank(v) or _GUIDANCE.search(_fold(v or "")) for v in values):
        return "guidance"
    if _SLOT_WORD.match(_fold(name or "")) and all(_blank(v) or _SLOT_NUMBER.match(v or "") for v in values):
        return "blank"  # 目标3 cut where a value column takes its digits: 目标 | 3
    if not name and all(_blank(v) or _POINTS_ONLY.match(v or "") for v in values):
        return "blank"
    if not all(_blank(v) for v in values):
        head = _squeezed(_PAGE_MARK.sub("", name or ""))
        if all(_blank(v) or _heading(_squeezed(v)) for v in values) and _heading(head):
            return "heading"
        if _HEADING_TAIL.match(head) and all(_blank(v) or _HEADING_TAIL.match(_squeezed(v)) for v in values):
            return "heading"
        if _BLANK_NAME.match(_fold(name or "")) and all(_blank(v) or _bare_label(v) for v in values):
            return "blank"  # an unfilled slot (4.) with the next block's level label shifted into a value
        return None
    text = _PAGE_MARK.sub("", _fold(name or ""))
    if _BLANK_NAME.match(text) or _is_placeholder(text) or _SLOT_NAME.match(text):
        return "blank"
    if _key_field(_ZERO_TAIL.sub("", text)) in _MONEY_KEYS:  # 其他资金00.00%0: its zeros run on
        return "money"
    if _heading(_squeezed(text)) or _HEADING_TAIL.match(_squeezed(text)):
        return "heading"
    if _STAMP.search(text) and len(_squeezed(text)) <= 40:
        return "stamp"
    # a label with the template's notes in brackets, its slots' numbers run on (效益指标(经济效益…)1.,
    # 产出(工作量)指标(数量、质量…)1.2.3.4. where cells ran together), or those alone
    core = _SLOT_TAIL.sub("", _BRACKETED_NOTE.sub("", _squeezed(text)))
    if _is_label(_squeezed(text)) or _is_label(core):
        return "label"
    if not core:
        return "blank"
    return None


def _trim_filler(ind: Indicator) -> None:
    """A filled cell's text less the template filler run onto it (a value's trailing ……, a name's
    leading ** **), its span with it; a hint inside the text (受益人数(≥**人), ≥**) stays."""
    for field, pattern in (
        ("name", _LEADING_FILLER),
        ("name", _LEADING_NUMBER),
        ("name", _LEADING_ITEM),
        ("name", _TRAILING_SLOT),
        ("period_value", _TRAILING_FILLER),
        ("annual_value", _TRAILING_FILLER),
    ):
        text = getattr(ind, field)
        if not text or (m := pattern.search(text)) is None or not (trimmed := pattern.sub("", text)).strip():
            continue
        setattr(ind, field, trimmed)
        span = ind.spans.get(field)
        if span is not None and span.end - span.start == len(text):
            cut = {"start": span.start + m.end()} if m.start() == 0 else {"end": span.end - len(m.group(0))}
            ind.spans[field] = span.model_copy(update=cut)


#: a value cell left as the template printed it: its pattern (xx%, X个) or its dots / asterisks
_UNFILLED_VALUE = re.compile(rf"^\s*(?:{_X}|…+|\.{{3,}}|[*＊]{{2,}})\s*$")


def _clear_unfilled(ind: Indicator) -> None:
    """A kept row's value the template left unfilled (名称 | xx%) is no target: it is left empty,
    which the checks flag (VALUE_MISSING), as a value nobody wrote is."""
    for field in ("period_value", "annual_value"):
        if _UNFILLED_VALUE.match(_fold(getattr(ind, field) or "")):
            setattr(ind, field, None)
            ind.spans.pop(field, None)


def _trim_level_ordinal(ind: Indicator) -> None:
    """A level label less the arabic ordinal an unfilled slot's line above it left glued on
    (2.质量指标 → 质量指标): the template's labels carry no such number."""
    for field in ("level1_name", "level2_name"):
        text = getattr(ind, field)
        if not text or not (m := _LEVEL_ORDINAL.match(text)) or not _is_label(_squeezed(text[m.end() :])):
            continue
        setattr(ind, field, text[m.end() :])
        span = ind.spans.get(field)
        if span is not None and span.end - span.start == len(text):
            ind.spans[field] = span.model_copy(update={"start": span.start + m.end()})


def _doubt_money(ind: Indicator) -> None:
    """A row named like a 项目资金 row (其中：财政资金) whose values are bare figures (3.36, 100.00%)
    may be the money block read as an indicator, or a cost target: it cannot be told, so its name
    is marked LOW_CONFIDENCE for the clerk (a value with its unit, 项目金额 5万元, is a target)."""
    values = [v for v in _values(ind) if v]
    if values and all(_BARE_FIGURE.match(v) for v in values) and _key_field(_fold(ind.name or "")) in _MONEY_KEYS:
        if (span := ind.spans.get("name")) is not None:
            ind.spans["name"] = span.model_copy(update={"confidence": min(span.confidence or 1.0, 0.5)})


def _run_on(ind: Indicator) -> str | None:
    """The name or value of ``ind`` that still holds a leftover run into it, or None."""
    for field in ("name", "period_value", "annual_value"):
        text = getattr(ind, field) or ""
        if _RUN_ON_FILLER.search(text) or (field != "name" and _RUN_ON_FIGURES.search(text)):
            return text
    return None


def _values(ind: Indicator) -> list[str | None]:
    return [ind.period_value, ind.annual_value]


def _row(ind: Indicator) -> int | None:
    span = ind.spans.get("name") or next(iter(ind.spans.values()), None)
    return span.row if span else None


_SEQ_FIELD = re.compile(r"^(绩效指标 #)(\d+)")


#: a name that is only a value: a comparison and a figure or a percent (≥90%, 5%, ≧% of a blank
#: template), or a value in words (逐步提高, 效果明显): a row's value cut off onto a row of its own
_VALUE_ONLY = re.compile(
    rf"^(?:[≥≤≧≦><=＞＜＝]{{1,2}}\s*(?:\d+(?:\.\d+)?)?\s*[%％]?|\d+(?:\.\d+)?\s*[%％]|(?:{_WORDED_VALUE}))$"
)


def _value_alone(ind: Indicator, before: Indicator | None, source: str | None, notes: list[Failure]) -> str | None:
    """A row whose name is only a value and which has no value (…满意度 | ≥90% on the next line, a
    grid run together whose last value went past the row's end): the row before's value when it
    has none, taken there; else a piece of a value cut off by a wrap. Either way no indicator:
    ``value``, said for the clerk to check; None for any other row."""
    if ind.period_value or ind.annual_value or not _VALUE_ONLY.match(_squeezed(ind.name)):
        return None
    taken = before is not None and not before.period_value and not before.annual_value
    if taken:
        before.annual_value = ind.name
        if (span := ind.spans.get("name")) is not None:
            before.spans["annual_value"] = span
    notes.append(
        Failure(
            source=source,
            row=_row(ind),
            field="绩效指标",
            message=msg(
                "ROW_ONLY_A_VALUE", text=(ind.name or "")[:30], name=(before.name or "")[:30] if taken else "—"
            ),
        )
    )
    return "value"


#: a report's section heading: 二、项目资金申报及使用情况, (三)项目自评步骤及方法 (a Chinese numeral:
#: the report's own outline, which a grid's rows do not number so)
_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）])\s*\S")


def _report_from(indicators: list[Indicator], source: str | None, notes: list[Failure]) -> int:
    """Where the report under a self-evaluation's grid begins among rows read as indicators: the
    first row after one indicator at least whose name opens a report section and that has no
    value, that is not a level label ((二)效益指标); every row from it on is the report's text read
    on (its sentences, its next headings). ``len(indicators)`` when there is none."""
    for k, ind in enumerate(indicators):
        text = _squeezed(ind.name)
        if k and _SECTION.match(text) and not any(_values(ind)) and not _is_label(_SECTION.sub("", text)):
            notes.append(
                Failure(
                    source=source,
                    row=_row(ind),
                    field="绩效指标",
                    message=msg("ROW_REPORT_AFTER_GRID", text=(ind.name or "")[:30], count=len(indicators) - k),
                )
            )
            return k
    return len(indicators)


def _drop_in(project: Project, source: str | None, failures: list[Failure], notes: list[Failure]) -> None:
    """Drop ``project``'s leftover rows; its failures that were only about them go too, the
    others follow the new numbers when the project's seq was its ordinal."""
    kept: list[Indicator] = []
    dropped: list[tuple[Indicator, str]] = []
    report = _report_from(project.indicators, source, notes)
    for k, ind in enumerate(project.indicators):
        _trim_filler(ind)
        _trim_level_ordinal(ind)
        kind = "report" if k >= report else None
        kind = kind or leftover_kind(ind.name, _values(ind))
        kind = kind or _value_alone(ind, kept[-1] if kept else None, source, notes)
        (dropped.append((ind, kind)) if kind else kept.append(ind))
        _doubt_money(ind)
        if not kind:
            _clear_unfilled(ind)
    ordinal = [i.seq for i in project.indicators] == list(range(1, len(project.indicators) + 1))
    _note_run_on(kept, ordinal, source, notes)
    if not dropped:
        return
    kept_rows = {_row(i) for i in kept}
    # a dropped row holding a figure (3, 0) may be a value that cells shifted into the name column:
    # what the parser said of it stays (pointing at no number), so a shift is never made silent
    gone = {(_row(i), i.seq) for i, _ in dropped if not re.search(r"\d", i.name or "")}
    shifted = {(_row(i), i.seq) for i, _ in dropped} - gone
    renumber = {i.seq: k + 1 for k, i in enumerate(kept)} if ordinal else {}
    rows = [r for r in (_row(i) for i in project.indicators) if r is not None]
    low, high = (min(rows), max(rows)) if rows else (None, None)
    for failure in list(failures):
        m = _SEQ_FIELD.match(failure.field or "")
        seq = int(m.group(2)) if m else None
        if (failure.row, seq) in gone or (m is None and failure.row in {r for r, _ in gone} - kept_rows):
            failures.remove(failure)  # said of a row that is not an indicator
        elif (failure.row, seq) in shifted:
            failure.field = "绩效指标"
        elif m and renumber and seq in renumber and low is not None and low <= (failure.row or low) <= high:
            failure.field = _SEQ_FIELD.sub(rf"\g<1>{renumber[seq]}", failure.field)
    for ind, kind in dropped:
        if kind == "label":  # a level label alone on a row: maybe a name the clerk should see
            notes.append(
                Failure(
                    source=source,
                    row=_row(ind),
                    field="绩效指标",
                    message=msg("ROW_ONLY_A_LABEL", text=(ind.name or "")[:30]),
                )
            )
    if ordinal:
        for k, ind in enumerate(kept):
            ind.seq = k + 1
    project.indicators = kept


def _note_run_on(kept: list[Indicator], ordinal: bool, source: str | None, notes: list[Failure]) -> None:
    """A kept row still holding a leftover run into its cells is flagged, never left silent; its
    field follows the seq the row will have once the leftovers are dropped (``ordinal``: the
    project's seq was its rows' order, so they are numbered again)."""
    for k, ind in enumerate(kept):
        if (text := _run_on(ind)) is not None:
            seq = k + 1 if ordinal else ind.seq
            notes.append(
                Failure(
                    source=source,
                    row=_row(ind),
                    field=f"绩效指标 #{seq}",
                    message=msg("ROW_LEFTOVER_RUN_ON", text=text[:30]),
                )
            )


def drop_leftovers(table: BudgetTable) -> BudgetTable:
    """``table`` without the rows its template left behind (:func:`leftover_kind`)."""
    source = table.meta.source if table.meta is not None else None
    notes: list[Failure] = []
    for project in table.projects():
        _drop_in(project, source, table.failures, notes)
    table.failures.extend(notes)
    return table
