"""Grid text run together with no separators at all: a name and its values can be told apart
only where the values are quantified (comparison, number, unit, date), or where a 自评表 row
writes its value twice. Anything else is left whole and flagged by the caller.
"""

from __future__ import annotations

import collections
import functools
import os
import re
from dataclasses import replace

from ....compare_words import SIGN_LOOKALIKE, SIGNS, VALUE_WORDS, alternation
from ....ingest.document import Cell, Document, Row
from ....messages import msg
from .cut import _LONGEST_VALUE, Cut, column_kind, cut_row, cut_score
from .failures import Failures
from .labels import _READING, _fold, _label_word, _level1_label
from .tokens import Token, _Item

#: the units a quantified value ends in, in text run together
_UNITS = (
    "%|％|百分比|个工作日|工作日|万人次|人次|万人|个|人|次|年|天|项|家|场|篇|份|户|件|台|套|亿元|万元|元|小时|分钟|周|月|课时"
    "|平方公里|平方米|立方米|公里|千米|万亩|亩|公顷|万吨|吨|辆|株|册|起"
)  # single characters only where no indicator name starts with them (not 处, 条, 米, 名 …)

#: a unit's "per" part: 元/人*月, 元/人·月, 元/户 (a standard paid per person and month)
_PER = r"(?:/[人户亩月年次天台套件个](?:[*·×][月年天次])?)?"

#: 万/亿 in front of a unit, taken only where no Chinese character follows the unit (2.5万份 ending a
#: run, or before the next row's number): inside writing (375万平方米的…) it is a name's wording
_TEN_THOUSAND = rf"(?:[万亿](?=(?:{_UNITS}){_PER}(?![\u4e00-\u9fff])))?"

#: one quantity: a date (2023年12月底前) or a number (thousands separated or not: 44,561) and its unit
_ONE_VALUE = (
    r"(?:\d{4}年\d{1,2}月(?:\d{1,2}日)?底?(?:前|内)?"
    rf"|(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?\s*(?:{_TEN_THOUSAND}(?:{_UNITS}){_PER})?)"
)

#: the comparison written in words before a quantity (残疾学生入学率 | 大于90%, 开放天数 | 不低于250个工作日,
#: 大于等于10157.6平方米, 等于116人), and 优于 (a standard: 优于国家标准)
_COMPARE_WORDS = alternation((*VALUE_WORDS, "优于"))
#: the small-form comparison signs some fonts copy (﹦72890元, ﹥95%)
SMALL_SIGNS = "﹦﹤﹥"
#: words after a quantity that are still its value: a bound (95%以上, 20个工作日以内), and at the
#: end of a row a deadline's 底/前/内 and the verb that closes it (30分钟内响应, 12月底到位,
#: 2021年12月完成); not inside a run, where the next name may start with them (100% | 完成率)
_VALUE_TAIL = r"(?:以内|以上|以下|左右|底?(?:前|内)?(?:完成|到位|响应|解决|办结)?(?=\s*$))?"

#: a character of a name run together: no digit and no sign, but for a template's blank kept in
#: its name (受益建档立卡贫困人口数≥**人 | >=29人)
_NAME_CHAR = rf"[^\d{SIGNS}{SIGN_LOOKALIKE}{SMALL_SIGNS}]|[{SIGNS}]{{1,2}}(?=\*)"

_BLANK = re.compile(rf"[{SIGNS}]{{1,2}}\*")

#: a value: a quantity or a range of two (2021年1月-12月, 2023.07-2024.01, 1-12月), whose dash
#: starts no name; with its comparison before it and its note in brackets after it
_RUN_VALUE = (
    rf"(?:[{SIGNS}{SIGN_LOOKALIKE}{SMALL_SIGNS}]{{1,2}}\s*|(?:{_COMPARE_WORDS})\s*)?"
    rf"{_ONE_VALUE}(?:\s*[-~～至]\s*{_ONE_VALUE})?{_VALUE_TAIL}"
    r"(?:[（(][^（()）]{1,12}[)）])?"
)


#: measure words a count is written with that the unit list leaves out, as some names start with
#: them; read as a unit only after digits, where no listed unit reads the run, and flagged
_MEASURES = "只批座张所头棵间栋架艘根块盏"
#: a value whose unit is such a measure word: it ends the run, or a name of two characters follows
_MEASURED_VALUE = rf"(?:{_RUN_VALUE})(?:(?<=\d)[{_MEASURES}](?=$|[\u4e00-\u9fff]{{2}}))?"


def _measure_first(items: list[_Item]) -> bool:
    """Some name after the first starts with a measure word right after a bare number (≥20 | 座受益…):
    the word is more likely the number's unit."""
    last = [next((v for v in reversed(i.values) if v is not None), None) for i in items]
    return any(
        item.name.text[:1] in _MEASURES and v is not None and v.text[-1:].isdigit() for item, v in zip(items[1:], last)
    )


#: the page number a document host writes before each page of text run together (1、… 2、… 3、…)
_PAGE_MARK = re.compile(r"^\s*(\d{1,3})、\s*")


def _join_pages(doc: Document) -> Document:
    """Text run together, one page a line, each page numbered by the host that printed it
    (1、项目支出绩效自评表… / 2、灯光、道具… / 3、…): the pages as one cell with the numbers left
    out, so a cell cut by a page break (音响、 | 灯光、道具) is whole again. The cell's segments
    keep every position pointing at the source. Pages are taken only in order from 1, each
    number the next one, on lines of one cell; anything else is left as it was."""
    rows = list(doc.rows)
    first = next((i for i, r in enumerate(rows) if _page_number(r) == 1), None)
    if first is None or first + 1 >= len(rows) or _page_number(rows[first + 1]) != 2:
        return doc
    pages = [rows[first]]
    while first + len(pages) < len(rows) and _page_number(rows[first + len(pages)]) == len(pages) + 1:
        pages.append(rows[first + len(pages)])
    text, segments = "", []
    for row in pages:
        cell = row.cells[0]
        skip = _PAGE_MARK.match(cell.text).end()
        segments.append((len(text), cell.start + skip))
        text += cell.text[skip:]
    head = pages[0].cells[0]
    joined = Cell(text, head.start, pages[-1].cells[0].end, head.row, 0, segments=tuple(segments))
    row = Row([joined], pages[0].line, doc.text[head.start : joined.end])
    rows[first : first + len(pages)] = [row]
    return doc.with_rows(rows)


def _without_readings(doc: Document) -> Document:
    """Text run together from a traditional mirror that prints a pinyin reading after some
    characters (產(chǎn)出指標(biāo)數(shù)量指標(biāo)…): the readings left out of every cell, so labels are
    cut and values read as in a copy without them. The cells' segments keep every position
    pointing at the source."""
    rows, changed = [], False
    for row in doc.rows:
        cells = []
        for cell in row.cells:
            marks = list(_READING.finditer(cell.text))
            if not marks:
                cells.append(cell)
                continue
            changed = True
            text, segments, pos = "", [], 0
            for m in [*marks, None]:
                stop = m.start() if m else len(cell.text)
                if stop > pos:
                    segments.append((len(text), cell.doc_offset(pos)))
                    text += cell.text[pos:stop]
                pos = m.end() if m else pos
            cells.append(replace(cell, text=text, segments=tuple(segments)))
        rows.append(Row(cells, row.line, row.raw))
    if not changed:
        return doc
    return doc.with_rows(rows)


#: pieces of text run together in a grid that are no indicator: a template row left empty but
#: for its 度量单位 dash and 指标值类型 (生态效益指标 | -定性), and a row of the budget table above
#: the grid, its unit or project with its budget code and amount (505006学生伙食费30.00), or
#: several such rows run together when the grid's line breaks were lost
_NOT_AN_ITEM = re.compile(r"\s*[-—－/／]?\s*定[性量]\s*|(?:\s*\d{6,}\s*[^\d\s][^\d]*?\d+\.\d{2})+\s*")


def not_an_item(text: str) -> bool:
    """``text`` is a row of the grid that holds no indicator (:data:`_NOT_AN_ITEM`)."""
    return bool(_NOT_AN_ITEM.fullmatch(text))


def _page_number(row: Row) -> int | None:
    m = _PAGE_MARK.match(row.cells[0].text) if len(row.cells) == 1 and not row.cells[0].segments else None
    return int(m.group(1)) if m else None


#: a name cut out of text run together that starts where no name starts: a unit or a letter
#: left over from a number inside the previous name (配套电力设施1250KVA变压器3台)
_CUT_NAME = re.compile(
    r"^(?:[^\u4e00-\u9fff（(★]|[年月日个次吨亩台套万元米项家场篇份户件天周批]|平方|平米|公里|小时|以上|以下|左右)"
)


def _cut_mid_word(items: list[_Item], token: Token) -> bool:
    """Some name cut out of ``token`` starts mid-word (:data:`_CUT_NAME`), or with a unit right
    after a value that is a bare number; the first one starts where the token does, after a
    label, and may start with a number (5000吨稻谷…)."""
    last = [next((v for v in reversed(i.values) if v is not None), None) for i in items]  # a note left empty
    after_number = [v is not None and v.text[-1:].isdigit() for v in last]
    return any(
        _CUT_NAME.match(item.name.text) or (number_before and _UNIT_FIRST.match(item.name.text))
        for item, number_before in zip(items, [False, *after_number])
        if item.name.start > token.start
    )


#: a name that starts with a unit, after a bare number: 300 | 人… or 300人 | …, not told apart
_UNIT_FIRST = re.compile(rf"^(?:{_UNITS})")


#: a value ending in a digit is not followed by one: 2020 is never cut into 2 | 0 | 2 | 0
_NOT_MID_NUMBER = r"(?:(?<=\d)(?![\d.])|(?<!\d))"


_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _split_with_notes(
    token: Token,
    k: int,
    notes: int,
    *,
    loose: bool = False,
    numbered: bool = False,
    alike: tuple[int, ...] = (),
    value: str | None = None,
) -> list[_Item] | None:
    """:func:`_split_run` with all k values, else with the trailing note cells (未完成原因) left empty.
    A reading is refused that puts a bare number in a note (a note is words) or, of the two
    columns ``alike`` (指标值 | 实际完成值), a unit in the first and a bare number in the second
    (32.1公里 | 20 is a name's 32.1公里 and a score, not a target and its result)."""

    def fits(items: list[_Item] | None, width: int) -> bool:
        if items is None or any(_BARE_NUMBER.fullmatch(v.text) for i in items for v in i.values[k - notes : width]):
            return False
        if len(alike) != 2 or max(alike) >= width:
            return True
        a, b = alike
        return not any(
            not _BARE_NUMBER.fullmatch(i.values[a].text) and _BARE_NUMBER.fullmatch(i.values[b].text) for i in items
        )

    found = _split_run(token, k, loose=loose, numbered=numbered, value=value)
    if not fits(found, k):
        found = None
    if found is None and notes and k > notes:
        found = _split_run(token, k - notes, loose=loose, numbered=numbered, value=value)
        if fits(found, k - notes):
            found = [_Item(i.name, [*i.values, *([None] * notes)], i.row) for i in found]
        else:
            found = None
    return found


#: no form's row holds more values than this (dev's most is 6): a header read with more columns (a
#: grid repeated side by side) is not cut by a pattern of k values, which costs k to build each time
_MOST_VALUES = 12
#: no value holds this many digits in a row, nor do values run together (100%100% is cut by its %): the
#: k values of a pattern could cut such a run at any of its digits, which took minutes on 1,600 of them
_LONG_DIGITS = re.compile(r"\d{30}")


#: a list number a PDF's text layer put among a row's cells (100%2、100%, …95%2.培训人数): read past,
#: as it is no value and no name's start, and flagged (:func:`_stray_numbers`)
_STRAY_NUMBER = r"(?:\d{1,2}(?:、|[.．](?![\d.．])))?"


def _stray_numbers(items: list[_Item], token: Token) -> list[str]:
    """The list numbers (2、, 3.) that the items read out of ``token`` left between their pieces."""
    covered = sorted((t.start, t.end) for i in items for t in (i.name, *i.values) if t is not None)
    gaps, pos = [], token.start
    for a, b in covered:
        if a > pos:
            gaps.append(token.text[pos - token.start : a - token.start])
        pos = max(pos, b)
    return [g.strip() for g in gaps if re.fullmatch(r"\s*\d{1,2}[、.．]\s*", g)]


def _split_run(
    token: Token, k: int, *, loose: bool = False, numbered: bool = False, value: str | None = None
) -> list[_Item] | None:
    """Items in text run together: names, each followed by its k quantified values.

    Without separators a name and its value can only be told apart where the value is
    quantified (comparison, number, unit, or a date); anything else returns None. Two bare
    numbers side by side (2020: 20 | 20, 202 | 0 …) are cut only when ``loose``, which the
    caller says it was. A name holds no number unless ``numbered`` (5000吨稻谷、500吨成品粮储备到位率):
    then the names are the shortest, not ending in a digit, with which k values in a row follow
    each and the whole text is read (k ≥ 2 only: one value after a name with numbers in it can
    be cut out of the name).
    """
    between = "" if loose else _NOT_MID_NUMBER
    if (numbered and k < 2) or k > _MOST_VALUES or _LONG_DIGITS.search(token.text):
        return None
    values = "".join(rf"{_STRAY_NUMBER if i else ''}(?P<v{i}>{value or _RUN_VALUE}){between}" for i in range(k))
    text = token.text
    if numbered:
        found = _numbered_items(text, re.compile(values + r"(?:(?<=\d)(?![\d.%％])|(?<!\d))"))
    else:
        found = []
        pos = 0
        item = re.compile(
            rf"{_STRAY_NUMBER}(?P<name>(?:{_NAME_CHAR})+?)" + values + rf"(?=[^\d%％]|{_STRAY_NUMBER[3:-2]}|$)"
        )
        # each item matched where the last one ended: a search from there (finditer) would scan
        # the whole rest of a text that does not read at every cut _read_in_part tries
        while pos < len(text) and (m := item.match(text, pos)) is not None:
            pos = m.end()
            found.append(((m.start("name"), m.start("v0")), m))
        if pos != len(text) or (len(found) > 1 and _BLANK.search(text)):
            return None  # a template's blank read into one name of several: the run is not cut by it
    if not found:
        return None

    def piece(a: int, b: int) -> Token:
        return Token(text[a:b].strip(), token.cell, token.start + a, token.start + b, token.row, token.col)

    return [_Item(piece(*name), [piece(*m.span(f"v{i}")) for i in range(k)], token.row) for name, m in found]


def _numbered_items(text: str, values: re.Pattern[str]):
    """Names that may hold numbers, each followed by the k values ``values`` matches: the
    shortest names that let the whole text be read, tried from the left (a name cannot end in a
    digit or take a value's place: …达到5亿元 | 5亿元 | 6.47亿元 | 10)."""

    @functools.cache
    def parse(pos: int):
        if pos == len(text):
            return ()
        for end in range(pos + 1, len(text)):
            if text[end - 1] in "0123456789." or not re.search(r"[\u4e00-\u9fff]", text[pos:end]):
                continue
            m = values.match(text, end)
            if m and (rest := parse(m.end())) is not None:
                return (((pos, end), m), *rest)
        return None

    found = parse(0)
    return list(found) if found else None


#: a value in words that a target column holds (稳步提高, 效果明显, 合格, 符合相关规定)
_WORDED_VALUE = (
    r"(?:稳步|逐步|显著|明显|持续|巩固|不断|有所|有效|大幅)(?:提高|提升|改善|增强|增加|加强|减少|下降|降低|减轻)"
    r"|效果(?:明显|显著)|成效显著|有力保障|持续保障|正面支撑|良好|优良|合格|达标|已完成|(?:按时|按期|如期|按质按量)完成"
    r"|符合[\u4e00-\u9fff]{0,6}?(?:规定|要求|标准)|不超(?:过)?预算|长期|明显"
    # a degree after a name ending in 性, 度 or 感 (安全性 | 高, 知晓度 | 较高, 获得感 | 增强)
    r"|(?<=[性度感])(?:较|很)?(?:高|强|好)"
    # the answer to a yes-or-no indicator (项目实施是否产生经济价值 | 否, 满足…需求 | 是)
    r"|(?<=[\u4e00-\u9fff]{4})(?:是|否)"
)


def _split_worded(token: Token, k: int) -> _Item | None:
    """One name run together with a value in words and no number anywhere
    (义务教育优质均衡发展情况稳步提高): the name, then the value its wording ends on; a guess
    by wording, which the caller flags."""
    text = token.text.rstrip()
    m = re.fullmatch(rf"(?P<name>.*?[\u4e00-\u9fff]{{2}}.*?)(?P<value>{_WORDED_VALUE})", text)
    if m is None or re.search(r"\d", text) or k < 1:
        return None
    a, b = m.span("value")
    name = Token(text[:a], token.cell, token.start, token.start + a, token.row, token.col)
    value = Token(text[a:b], token.cell, token.start + a, token.start + b, token.row, token.col)
    return _Item(name, [value, *([None] * (k - 1))], token.row)


#: what a 自评表's 实际完成值 cell says of a target met, in words (达成预期指标, 已完成), then the
#: 分值 and 得分 columns' digits at most: the end of a row whose target lies before it
_ACHIEVED = re.compile(
    r"(?P<done>(?:达成|达到|实现)预期(?:指标|目标|效果)?|已(?:全部)?完成|全部完成)(?P<scores>\d{1,3}(?:\.\d{1,2})?){0,2}$"
)


def _split_achieved(token: Token, k: int) -> _Item | None:
    """One 自评表 row run together whose achieved value is the words of a target met:
    name + target + 达成预期指标 + scores (带动农民增收农民增收达成预期指标1010). The target is the
    name's last words written again (农民增收, as a qualitative target repeats what it measures),
    else a value in words the name ends on (…影响程度效果明显); a guess the caller flags. None
    when neither is found, or the row holds a number before the achieved words (two rows, or a
    quantity the other readings cut)."""
    text = token.text.rstrip()
    m = _ACHIEVED.search(text)
    if k < 1 or m is None or m.start() < 4:
        return None
    body = text[: m.start()]
    if body.endswith(m.group("done")):
        return None  # 培训已完成已完成: a value written twice (目标 | 实际, 实施周期 | 年度), read as such
    value = None
    for size in range(len(body) // 2, 1, -1):  # the longest repeat: 2022年底之前2022年底之前
        if body.endswith(body[-size:] * 2) and re.search(r"[\u4e00-\u9fff]", body[-size:]):
            value = len(body) - size
            break
    if value is None:
        if re.search(r"\d", body) or not (w := re.fullmatch(rf".*?[\u4e00-\u9fff]{{2}}.*?({_WORDED_VALUE})", body)):
            return None
        value = w.start(1)
    if not re.search(r"[\u4e00-\u9fff]", body[:value]):
        return None

    def piece(a: int, b: int) -> Token:
        return Token(text[a:b], token.cell, token.start + a, token.start + b, token.row, token.col)

    return _Item(piece(0, value), [piece(value, len(body)), *([None] * (k - 1))], token.row)


#: a unit fraction (件/件, 元/人, 人/次) at the end of a text: a value's unit, never a name's end
_UNIT_FRACTION = re.compile(r"(?:[件个人次元台套户项场篇天月年]|万元)/(?:[件个人次元台套户项场篇天月年]|万元)$")


def _split_doubled(token: Token, k: int, copies: int = 2) -> _Item | None:
    """One 自评表 row run together whose target and achieved value are alike: name + X + X,
    then up to two score numbers (成本控制不超过预算不超过预算10, 建设符合验收要求2020). The
    most trailing score digits that still leave a doubled value and a name not ending in a
    number or % win: the 分值 and 得分 columns are filled (质量等合格合格2020 is 合格 | 合格 | 20 | 20,
    not a value 20 written twice after 合格合格).

    Where the header has ``copies`` value columns (实施周期指标值 | 年度指标值 | 实际完成值: three),
    X may be written that many times, and the most copies that leave a name win: the name does
    not keep a copy the columns account for (补助1000万元1000万元1000万元 is 补助 and three
    values; 1年1年1年 is 1年 and two, as no name is left for three)."""
    text = token.text.rstrip()
    if k < 2:
        return None
    digits = len(text) - len(text.rstrip("0123456789."))
    for cut in range(min(6, digits), -1, -1):
        rest = text[: len(text) - cut]
        for size in range(min((len(rest) - 1) // 2, _LONGEST_VALUE), 0, -1):  # a value is short
            x = rest[-size:]
            for times in range(min(copies, k, _MOST_VALUES), 1, -1):
                name = rest[: -times * size].rstrip()
                if rest[-times * size :] != x * times or not name:
                    continue
                if re.search(r"[\d%％.]$", name) or not re.search(r"[\u4e00-\u9fff]", name):
                    continue
                end = token.start + len(rest)

                def piece(start: int, stop: int) -> Token:
                    return Token(
                        text[start - token.start : stop - token.start], token.cell, start, stop, token.row, token.col
                    )

                values = [piece(end - (times - i) * size, end - (times - i - 1) * size) for i in range(times)]
                return _Item(piece(token.start, token.start + len(name)), [*values, *([None] * (k - times))], token.row)
    return None


def _scores_only(twice: _Item, token: Token, heads: list[str] | None) -> bool:
    """A row read as a bare number written twice at its very end (工程质量合格1010) under a header
    with 分值 and 得分 columns: those two columns, filled on every row, are what a number written
    twice ends a 自评表 row with; the target and achieved cells were left empty."""
    values = [v for v in twice.values if v is not None]
    return (
        sum(column_kind(h) == "score" for h in heads or []) >= 2
        and bool(values)
        and all(_BARE_NUMBER.fullmatch(v.text) for v in values)
        and values[-1].end == token.start + len(token.text.rstrip())
    )


def _value_columns(heads: list[str] | None) -> int:
    """How many columns of the header hold a value (指标值, 实际完成值: not a score, a unit or a
    note), two at least: a value written twice is a 自评表's target and result."""
    return max(2, sum(column_kind(h) == "value" for h in heads or []))


def _read_run(
    token: Token, k: int, notes: int, failures: Failures, alike: tuple[int, ...] = (), heads: list[str] | None = None
) -> list[_Item]:
    """The items of one piece of text run together, each reading tried from the surest:
    quantified values after names with no number; names holding numbers (two values or more);
    digits cut by the column count, or a value written twice, unless one row cut by what each
    column the header announced holds (:mod:`.cut`) fits those columns better; a value in
    words. Readings that are not sure are flagged, and a text no reading fits is one name
    with a failure."""
    if heads and len(heads) == k and any(column_kind(h) in ("sign", "unit") for h in heads):
        # 指标性质 | 指标值 | 度量单位 (财预〔2020〕10号): only the cut by columns knows a sign and a unit apart
        cut = cut_row(token.text, heads)
        if cut is not None:
            return [_cut_item(token, cut, failures)]
        if (rows := _rows_by_value_ends(token, heads)) is not None:
            return [_cut_item(piece, cut, failures) for piece, cut in rows]
    found = _split_with_notes(token, k, notes, alike=alike)
    if (found is None or _measure_first(found)) and (
        measured := _split_with_notes(token, k, notes, alike=alike, value=_MEASURED_VALUE)
    ):
        odd = next((v.text for i in measured for v in i.values if v is not None and v.text[-1] in _MEASURES), None)
        if odd is not None and not _cut_mid_word(measured, token):
            found = measured  # 指示灯30只气体灭火控制器4台施工材料1批: a measure word the unit list lacks
            failures.at_row(token.row, "指标值", msg("FORM_CUT_ODD_UNIT", text=token.text[:40], value=odd))
    if found is None and (achieved := _split_achieved(token, k)) is not None:
        found = [achieved]  # 带动农民增收农民增收达成预期指标1010: the target before the words of a target met
        failures.at_row(
            token.row, "指标值", msg("FORM_VALUE_BEFORE_ACHIEVED", text=token.text[:40], value=achieved.values[0].text)
        )
    if found is None and (numbered := _split_with_notes(token, k, notes, numbered=True, alike=alike)) is not None:
        found = numbered  # names with numbers in them: 5000吨稻谷、500吨成品粮储备到位率100%100%
        for item in numbered:
            if item.values[0] is not None and item.name.text.endswith(item.values[0].text):
                failures.at_row(  # 补助1000万元1000万元1000万元: is the first 1000万元 the name's?
                    token.row, "指标值", msg("FORM_VALUE_TWICE", text=token.text[:40], value=item.values[0].text)
                )
    mid_word = found is not None and _cut_mid_word(found, token)
    cut = None
    if (found is None or mid_word) and heads and len(heads) == k and "三级指标" not in heads:
        cut = cut_row(token.text, heads)
    loose = _split_with_notes(token, k, notes, loose=True, alike=alike) if found is None or mid_word else None
    if loose is not None and (len(loose) < 2 or _cut_mid_word(loose, token)):
        loose = None  # several whole items, or the row's value written twice (below)
    if loose is not None and not _fits_better(cut, loose, heads):
        found = loose
        failures.at_row(token.row, "指标值", msg("FORM_DIGITS_RUN_TOGETHER", text=token.text[:40]))
    elif (
        (found is None or mid_word)
        and (twice := _split_doubled(token, k, _value_columns(heads))) is not None
        and not _fits_better(cut, [twice], heads)
    ):
        found = [twice]  # a 自评表 row: the target and the achieved value written alike
        if _scores_only(twice, token, heads):  # 工程质量合格1010: 分值 | 得分, the value cells left empty
            found = [_Item(twice.name, [None] * k, twice.row)]
            failures.at_row(
                token.row, "指标值", msg("FORM_RUN_SCORES_ONLY", text=token.text[:40], score=twice.values[0].text)
            )
        else:
            failures.at_row(
                token.row, "指标值", msg("FORM_VALUE_TWICE", text=token.text[:40], value=twice.values[0].text)
            )
    elif cut is not None and (found is None or mid_word or _fits_better(cut, found, heads)):
        # one row, cut by what each column the header announced holds; so too where the reading
        # by values cut a name mid-word (防疫室84 | 平米≥1050元 is 防疫室84平米 | ≥1050元)
        item = _cut_item(token, cut, failures)
        if mid_word:
            failures.at_row(
                token.row, "三级指标", msg("FORM_RUN_CUT_BY_COLUMNS", text=token.text[:40], name=item.name.text)
            )
        return [item]
    if found is None and (part := _read_in_part(token, k, notes, alike)) is not None:
        found, rest = part  # …政策性挂账利息补贴保障率100%无没有轮换: the items before the text no reading fits
        failures.at_row(token.row, "指标值", msg("FORM_RUN_READ_IN_PART", count=len(found), rest=rest[:40]))
    if (
        found is None
        and k > 1
        and (first := _split_run(token, 1)) is not None
        and not _cut_mid_word(first, token)
        and not any(_BARE_NUMBER.fullmatch(v.text) for i in first for v in i.values)
    ):
        # 应受助学生数100% under 指标值 | 实际完成值: the later value cells left empty, the value read the
        # first's; not a bare number, which may be a score (公用经费标准 | 5 | …)
        found = [_Item(i.name, [*i.values, *([None] * (k - 1))], i.row) for i in first]
        failures.at_row(token.row, "指标值", msg("FORM_RUN_FEWER_VALUES", text=token.text[:40], count=k))
    if found is None and (first := _first_value(token, k)) is not None:
        found = [first]  # 老年人体检数5662人4044人21.4: the target, then a 自评表's result and scores
        rest = token.text[first.values[0].end - token.start :].strip()
        failures.at_row(
            token.row,
            "指标值",
            msg("FORM_RUN_FIRST_VALUE", text=token.text[:40], value=first.values[0].text, rest=rest[:40]),
        )
    if found is None and (worded := _split_worded(token, k)) is not None:
        found = [worded]  # 发展情况稳步提高: a value in words closes the row
        failures.at_row(
            token.row, "指标值", msg("FORM_VALUE_BY_WORDING", text=token.text[:40], value=worded.values[0].text)
        )
    if found is None and (named := _names_by_ending(token, k, heads or [])) is not None:
        found, ending = named  # 国家奖学金人数国家助学金人数: a template's names, its value cells left empty
        failures.at_row(
            token.row, "三级指标", msg("FORM_NAMES_BY_ENDING", text=token.text[:40], ending=ending, count=len(found))
        )
    if found is None:
        failures.at_row(token.row, "指标值", msg("FORM_NAMES_VALUES_UNTOLD", text=token.text[:60]))
        return [_Item(token, [], token.row)]
    found = _date_tails_joined(found, token)
    for item, after in zip(found, found[1:]):
        last = next((v for v in reversed(item.values) if v is not None), None)
        if last is not None and re.search(r"[年月日][前内]$", last.text):
            # 2023年12月前 | 期工作完成率 or 2023年12月 | 前期工作完成率: the cut is not sure
            failures.at_row(
                token.row, "三级指标", msg("FORM_DATE_TAIL_UNSURE", value=last.text, name=after.name.text[:20])
            )
    if _cut_mid_word(found, token):
        failures.at_row(token.row, "三级指标", msg("FORM_RUN_MID_WORD", count=len(found), text=token.text[:40]))
    if stray := _stray_numbers(found, token):
        failures.at_row(
            token.row, "指标值", msg("FORM_RUN_STRAY_NUMBER", text=token.text[:40], numbers=" ".join(stray))
        )
    found = [_unit_to_value(item) for item in found]
    return _descriptions_cut(found, heads, failures) if heads else found


#: where a row may end in text run together: after a quantified value, before a name's character
_VALUE_END = re.compile(rf"(?:{_RUN_VALUE}){_NOT_MID_NUMBER}(?=[\u4e00-\u9fff])")


def _repeated_note(text: str, heads: list[str]) -> str:
    """The words a note column after the value (指标值说明) holds on every row of a run, or "": the
    longest text that follows three quantified values at least, and half of them (=116人该指标值数据合理
    保障… =81人该指标值数据合理林木…: 该指标值数据合理). A row ends after it, not before."""
    if not any(column_kind(h) == "note" for h in heads[1:]):
        return ""
    after = [text[m.end() :] for m in _VALUE_END.finditer(text)]
    starts = collections.Counter(a[:2] for a in after)
    start, count = starts.most_common(1)[0] if starts else ("", 0)
    if count < 3 or 2 * count < len(after):
        return ""
    group = [a for a in after if a.startswith(start)]
    common = os.path.commonprefix(group)
    if len({a[len(common) : len(common) + 1] for a in group}) < 3:
        return ""  # the next names may begin alike (保障…, 保障…): the note's end is not sure
    return common if len(common) >= 2 and re.fullmatch(r"[\u4e00-\u9fff，,。、；;]+", common) else ""


def _rows_by_value_ends(token: Token, heads: list[str]) -> list[tuple[Token, Cut]] | None:
    """Several rows run together under a header with a unit or sign column (猪肉产量稳定率%≥95%
    能繁母猪稳定率%90%), which the cut by columns reads one row at a time: the text cut after
    each quantified value a name's character follows, where every piece is cut by the columns
    and none starts mid-word or with a unit. None when fewer than two rows come out so."""
    pos, out = 0, []
    note = _repeated_note(token.text, heads)
    for m in _VALUE_END.finditer(token.text):
        # the note after the value, or after a unit of up to four characters the list lacks (=1单该指标…,
        # =6万立方米该指标…)
        at = token.text.find(note, m.end(), m.end() + 4 + len(note)) if note else -1
        at = at if at == -1 or re.fullmatch(r"[\u4e00-\u9fff]*", token.text[m.end() : at]) else -1
        end = at + len(note) if at != -1 else m.end()
        piece = token.sub(pos, end)
        if pos < end and (cut := cut_row(piece.text, heads)) is not None:
            out.append((piece, cut))
            pos = end
    rest = token.sub(pos, len(token.text))
    if rest.text.strip():
        if (cut := cut_row(rest.text, heads)) is None:
            return None
        out.append((rest, cut))
    elif not note:  # no text after the last value but its note: the last row ends the run
        return None
    names = [token.text[p.start - token.start : p.start - token.start + c.name_end] for p, c in out]
    if len(out) < 2 or any(_CUT_NAME.match(n) or _UNIT_FIRST.match(n) for n in names[1:]):
        return None
    return out


#: what a deadline's date goes on with (12月 | 底前): a "name" of only these is no name
_DATE_TAIL = re.compile(r"(?:底|末)?(?:前|内|止|以前|以内)?")


def _date_tails_joined(items: list[_Item], token: Token) -> list[_Item]:
    """A name cut out right after a date that is only the date's tail (资金拨付到位情况12月底前100%到位
    read as 12月 | 底前 | 100%到位): the tail and its value go back into the date's value, one row
    (an extra row shifts every later indicator's number)."""
    out: list[_Item] = []
    for item in items:
        prev = out[-1].values[-1] if out and out[-1].values else None
        if (
            prev is not None
            and prev.text[-1:] in "年月日"
            and item.name.text
            and _DATE_TAIL.fullmatch(item.name.text)
            and item.values
            and item.values[0] is not None
            and all(v is None for v in item.values[1:])
        ):
            joined = Token(
                token.text[prev.start - token.start : item.values[0].end - token.start].strip(),
                token.cell,
                prev.start,
                item.values[0].end,
                prev.row,
                prev.col,
            )
            out[-1] = _Item(out[-1].name, [*out[-1].values[:-1], joined], out[-1].row)
            continue
        out.append(item)
    return out


def _unit_to_value(item: _Item) -> _Item:
    """A name ending in a unit fraction right before its value (演出设备成本件/件 | 2万元, a09): the
    unit was written in the target's cell (件/件2万元); a name does not end in one. The reading
    is flagged by the caller whatever it is (a value written twice, digits cut)."""
    name, value = item.name, item.values[0] if item.values else None
    unit = _UNIT_FRACTION.search(name.text)
    if (
        value is None
        or unit is None
        or unit.start() < 2
        or value.start != name.end
        or name.end - name.start != len(name.text)  # positions that are the text's own
        or value.end - value.start != len(value.text)
    ):
        return item
    cut = name.start + unit.start()
    new_name = Token(name.text[: unit.start()], name.cell, name.start, cut, name.row, name.col)
    new_value = Token(name.text[unit.start() :] + value.text, value.cell, cut, value.end, value.row, value.col)
    return _Item(new_name, [new_value, *item.values[1:]], item.row)


def _read_in_part(token: Token, k: int, notes: int, alike: tuple[int, ...]) -> tuple[list[_Item], str] | None:
    """A run that no reading fits whole, read up to where it stops fitting: the longest start
    read as whole items (names, each with its k values), then one more name with its first
    value when that value says it is one (a sign, a unit, a percent or a date: not a bare
    number, which may be a footnote's 1、); the text left over (a note in words, a footnote,
    an achieved value in words) is returned for the caller to flag, not read. None when no start
    of the run reads."""
    text = token.text

    def piece(a: int, b: int) -> Token:
        return Token(text[a:b].strip(), token.cell, token.start + a, token.start + b, token.row, token.col)

    for end in range(len(text) - 1, 0, -1):
        if text[end] in "0123456789.%％" or (text[end - 1].isdigit() and re.match(rf"[日号]|{_UNITS}", text[end:])):
            continue  # the rest does not go on with the read start's digits, or their unit (2023年12月31 | 日…)
        found = _split_with_notes(piece(0, end), k, notes, alike=alike)
        if found is None or _cut_mid_word(found, token):
            continue
        last = next(v for v in reversed(found[-1].values) if v is not None)
        whole = re.match(_RUN_VALUE, text[last.start - token.start :])
        if whole is None or last.start - token.start + whole.end() > end:
            continue  # the last value goes on into the rest (0起 read as 0 | 起…)
        rest, at = text[end:], end
        m = re.match(
            rf"(?P<name>[^\d{SIGNS}{SIGN_LOOKALIKE}{SMALL_SIGNS}]+?)(?P<v0>{_RUN_VALUE}){_NOT_MID_NUMBER}", rest
        )
        if m and len(m.group("name").strip()) >= 2 and not _BARE_NUMBER.fullmatch(m.group("v0").strip()):
            found = [
                *found,
                _Item(
                    piece(at, at + m.end("name")),
                    [piece(at + m.start("v0"), at + m.end("v0")), *[None] * (k - 1)],
                    token.row,
                ),
            ]
            rest, at = rest[m.end() :], at + m.end()
        return (found, rest.strip()) if rest.strip() else None
    return None


def _first_value(token: Token, k: int) -> _Item | None:
    """One row no reading fits whole, read by value shapes: the name is the text before its first
    value, and that value is the 指标值 when its shape says it is one (a sign, a unit, a percent, a
    date: not a bare number, which may be a score or a footnote); the text after it (an achieved
    value, scores, a note, or a next row) is left for the caller to flag. None when the name is
    shorter than two characters, holds a digit, or nothing follows the value."""
    m = _FIRST_VALUE.match(token.text)
    if m is None or len(m.group("name").strip()) < 2:
        return None
    end = m.end("v0")
    if unit := _LOOSE_UNIT.match(token.text, end):
        end = unit.end()  # ≥80M, 1250KVA, 250万: a unit the closed list leaves out, right after the digits
    elif _BARE_NUMBER.fullmatch(m.group("v0").strip()):
        return None
    if not token.text[end:].strip():
        return None

    def piece(a: int, b: int) -> Token:
        return Token(token.text[a:b].strip(), token.cell, token.start + a, token.start + b, token.row, token.col)

    item = _Item(piece(0, m.end("name")), [piece(m.start("v0"), end), *[None] * (k - 1)], token.row)
    return None if _cut_mid_word([item], token) else item


#: a unit in Latin letters (M, km, KVA) or a bare 万 right after a value's digits
_LOOSE_UNIT = re.compile(r"(?<=\d)(?:[A-Za-z]{1,4}(?![A-Za-z])|万(?![元人亩吨]))")

_FIRST_VALUE = re.compile(
    rf"(?P<name>[^\d{SIGNS}{SIGN_LOOKALIKE}{SMALL_SIGNS}]+?)(?P<v0>{_RUN_VALUE}){_NOT_MID_NUMBER}"
)


#: the words an indicator name ends in, when one character is all the names of a run share
_NAME_ENDINGS = "率数量度"
#: a score cell left empty before the next name: its unit, and a note in brackets (分(因…减少))
_EMPTY_SCORE = re.compile(r"分(?:[（(][^（()）]*[)）])?")


def _names_by_ending(token: Token, k: int, heads: list[str]) -> tuple[list[_Item], str] | None:
    """A run of names with no value at all (a template published with its value cells empty:
    国家奖学金人数国家励志奖学金人数国家助学金人数), cut after the ending its names share: the
    shortest end of the run (two characters or more) that it holds twice or more outside brackets
    (人数, not 奖学金人数, which two names of three share), else one of :data:`_NAME_ENDINGS`
    held twice. An empty score cell's 分 (and its bracketed
    note) between two names is left out when the header has a score column. None when the run
    holds a digit, or some piece would be shorter than three characters: the caller flags what
    it returns, a guess by wording."""
    text = token.text.rstrip()
    if re.search(r"\d", text) or k < 1:
        return None
    depth, inside = 0, set()
    for i, ch in enumerate(text):
        depth += ch in "（("
        if depth:
            inside.add(i)
        depth -= depth > 0 and ch in ")）"

    def ends(ending: str) -> list[int]:
        return [m.end() for m in re.finditer(re.escape(ending), text) if m.start() not in inside]

    ending = next(
        (text[-n:] for n in range(2, min(8, len(text) // 2) + 1) if len(ends(text[-n:])) >= 2),
        text[-1] if _fold(text[-1]) in _NAME_ENDINGS and len(ends(text[-1])) >= 2 else None,
    )
    if ending is None or not re.fullmatch(r"[\u4e00-\u9fff]+", ending):
        return None
    scores = any(column_kind(h) == "score" for h in heads)
    items, pos = [], 0
    for end in ends(ending):
        start = pos + len(m.group()) if scores and (m := _EMPTY_SCORE.match(text, pos)) and pos > 0 else pos
        while start < end and text[start].isspace():
            start += 1
        if end - start < 3 or re.search(r"[，,。;；:：]", text[start:end]):
            return None  # a name holds no sentence (长期实施自治区政策,长期实施: a name and its value)
        name = Token(text[start:end], token.cell, token.start + start, token.start + end, token.row, token.col)
        items.append(_Item(name, [None] * k, token.row))
        pos = end
    return (items, ending) if len(items) >= 2 else None


#: a column that explains the indicator, before its value (绩效标准, 指标解释, 指标说明, 指标描述)
_EXPLAINS = re.compile(r"标准|解释|说明|描述|内容")
#: where an explanation starts: 反映… (反映学生每天用餐标准), as the 财政部's indicator guide
#: (财预〔2021〕101号) and the templates after it write every 指标解释
_REFLECTS = re.compile(r"反映")


def _descriptions_cut(items: list[_Item], heads: list[str], failures: Failures) -> list[_Item]:
    """Text run together under a column that explains each indicator before its value
    (三级指标 | 绩效标准 | 当年预期实现值): the explanation ran into the name, so the name ends
    where its 反映… starts. The explanation is not read (as its column is not). A name whose
    part before 反映 is short (群众反映问题办结率) or that says 反映 twice is flagged, not cut
    silently."""
    # the heads as written, in one piece when they ran together too (绩效标准当年预期实现值)
    written = "".join(heads)
    explains, target = _EXPLAINS.search(written), written.find("值")
    if explains is None or target < 0 or explains.start() > target:
        return items  # no explanation, or one after the value (指标值说明, 评分标准): not in the name
    out: list[_Item] = []
    for item in items:
        name = item.name
        found = list(_REFLECTS.finditer(name.text))
        at = found[-1].start() if found else 0
        if at < 4 or len(found) > 1:  # no 反映 to end the name at, or one that may be the name's own
            failures.at_row(name.row, "三级指标", msg("FORM_NAME_HOLDS_EXPLANATION", name=name.text[:40]))
        if at == 0:
            out.append(item)
            continue
        text = name.text[:at].rstrip()
        out.append(
            _Item(Token(text, name.cell, name.start, name.start + len(text), name.row, name.col), item.values, item.row)
        )
    return out


def _fits_better(cut: Cut | None, reading: list[_Item], heads: list[str] | None) -> bool:
    """The row cut by its columns is to be taken over ``reading`` (one item): that reading puts
    a cell where its column cannot hold it (开设课程数量220 as 2 | 2 under 指标值 | 指标标准或依据).
    A reading its columns can hold is kept even when the cut scores higher: on the held-out
    dev documents, a value written twice or digits cut by the column count were right there."""
    if cut is None or not heads or len(reading) != 1:
        return False
    item = reading[0]
    theirs = cut_score(item.name.text, [v.text if v is not None else None for v in item.values], heads)
    return theirs is None


def _cut_item(token: Token, cut: Cut, failures: Failures) -> _Item:
    """The item of a row cut by its columns (:func:`.cut.cut_row`), flagged where the cut was
    not sure: two cuts that fit alike, digits cut into scores, a value read by its wording or
    by a unit the list lacks."""

    def piece(a: int, b: int) -> Token:
        return Token(token.text[a:b].strip(), token.cell, token.start + a, token.start + b, token.row, token.col)

    item = _Item(piece(0, cut.name_end), [piece(*c) if c else None for c in cut.cells], token.row)
    text = token.text[:40]
    if cut.alike:
        failures.at_row(token.row, "指标值", msg("FORM_CUT_ALIKE", text=text, name=item.name.text))
    elif cut.digits:
        failures.at_row(token.row, "指标值", msg("FORM_DIGITS_RUN_TOGETHER", text=text))
    elif cut.unsure:
        value = next(v.text for v in item.values if v is not None)
        code = "FORM_VALUE_BY_WORDING" if cut.unsure == "words" else "FORM_CUT_ODD_UNIT"
        failures.at_row(token.row, "指标值", msg(code, text=text, value=value))
    return item


def level1_suffix(tokens: list[Token]) -> str:
    """The word every 一级 label of a grid ends in when it is 值 or 目标 (产出值 | 效益值, 产出目标 |
    满意度目标), else "": a form that writes its 一级 labels so writes its 二级 labels so too
    (数量值, 数量目标), as the labels' own list says (:data:`.labels._LEVEL1_NAMES`)."""
    words = {_label_word(t.text) for t in tokens if _level1_label(t.text)}
    for suffix in ("值", "目标"):
        if words and all(w.endswith(suffix) for w in words):
            return suffix
    return ""


#: a 二级 label in its short spelling (数量, 成本: 指标 left out), cut out of text run together
#: only where a label is due: first after a 一级 label, or right after a row's last value
_SHORT_LEVEL2 = re.compile(
    r"(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|环境效益|可持续影响)(?!指标)(?=[\u4e00-\u9fff\d])"
)


def _cut_short_labels(token: Token, after_level1: bool, failures: Failures, suffix: str = "") -> list[Token]:
    """``token`` cut before and after the short 二级 labels it holds: at its start when a 一级
    label came just before (产出指标 | 数量国家奖学金人数…), and where one follows a number and
    its unit (…专款专用10成本每年财政补助…, …126人次质量…). A name may start with these words too (成本控制率), so every
    cut is flagged.

    ``suffix`` is the word the form's 一级 labels end in where it writes 值 or 目标 for 指标
    (产出值, 产出目标): its 二级 labels end in the same word (数量值, 数量目标), so a short label
    followed by it takes it (产出目标 | 数量目标 | 抽查…个数, not 数量 | 目标抽查…个数)."""
    text = token.text
    cuts: list[tuple[int, int]] = []
    for m in _SHORT_LEVEL2.finditer(text):
        whole = bool(suffix) and text.startswith(suffix, m.end())  # 数量目标: the label in full, as 数量指标
        # a 效益 label at a row's start (社会效益 | 使读者更方便…): a category of four characters no
        # name begins with as often as with 数量 or 成本 (数量 | 成本控制率 would cut a name)
        at_start = m.start() == 0 and (after_level1 or whole or m.group().endswith("效益"))
        after_value = re.search(rf"\d(?:{_UNITS})?$", text[: m.start()])  # …专款专用10 | 成本…, …126人次 | 质量…
        if at_start or after_value:
            cuts.append((m.start(), m.end() + len(suffix) * whole))
    if not cuts:
        return [token]
    failures.at_row(
        token.row,
        "一级/二级指标",
        msg("FORM_SHORT_LABEL_CUT", labels="、".join(text[a:b] for a, b in cuts), text=text[:40]),
    )
    pieces: list[Token] = []
    pos = 0
    for a, b in [*cuts, (len(text), len(text))]:
        for x, y in ((pos, a), (a, b)):
            if text[x:y].strip():
                pieces.append(Token(text[x:y], token.cell, token.start + x, token.start + y, token.row, token.col))
        pos = b
    return pieces
