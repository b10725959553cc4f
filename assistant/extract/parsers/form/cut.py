"""One row of a grid run together with no separator, cut into its cells by what each column
the header announced holds: 指标值 / 实际完成值 a value (≥95%, ≤10天, 1200万元, 2023年底, or a
定性 word such as 良好 / 达到预期), 分值 / 得分 a score, 备注 / 原因 / 依据 words or nothing,
计量单位 a unit, 指标性质 a sign. Every way of cutting the row into a name and those cells is
scored by how well each cell fits its column (a dynamic programme over the cut points); the best
wins, and two different cuts that score alike are reported so the caller flags the row.

This reads a row whatever its column order or the cells left empty, from the header alone
(财预〔2020〕10号: 计算符号 | 指标值 | 计量单位; 自评表: 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ....compare_words import SIGN_LOOKALIKE, SIGNS, VALUE_WORDS, alternation
from .labels import _fold

#: units a quantified value ends in (compound ones such as 元/平方米, 人/天, 元/月/人 included; 万 for 万元)
_UNIT = (
    r"(?:元/[\u4e00-\u9fff]{1,3}(?:[/.·・]每?[\u4e00-\u9fff])?|[\u4e00-\u9fff]{1,2}/[\u4e00-\u9fff]{1,2}(?:/[\u4e00-\u9fff])?|%|％|‰|百分比|万人次|人次|万人|人天"
    r"|个|人|次|年|天|日|项|家|场|篇|份|户|件|台|套|亿元|万元|元|小时|分钟|周|月"
    r"|课时|学时|平方公里|平方米|平米|立方米|万立方米|公里|千米|米|公斤|千克|斤|万亩|亩|公顷|万吨|吨|辆|株|册|起|批次|批|所|座|处|条"
    r"|张|本|块|名|间|栋|台次|架次|期|门|类|户次|只|头|棵|套次|单|组|万)"
)
_NUMBER = r"(?:0|[1-9]\d*)(?:\.\d+)?"
_SIGN = r"[" + SIGNS + SIGN_LOOKALIKE + r"]"
#: a comparison in words before a number (大于90%, 不低于95%, 大于等于10157.6平方米, 等于116人), as a sign is
_WORD_SIGN = alternation(VALUE_WORDS)
_BRACKET = r"(?:[（(][^（()）]{1,12}[)）])"

#: a value with a number in it: ≥95%, 100, 280人次, ≤10天, 490元/平米, 2023年底, 2021年7月,
#: 2020.1.1-2020.12.31, ≥****000元 (a template's stars kept)
_QUANTIFIED = re.compile(
    rf"(?:{_SIGN}{{0,2}}|{_WORD_SIGN})\s*(?:{_NUMBER}|\*+\d*)\s*{_UNIT}?(?:以上|以下|以内|左右)?{_BRACKET}?"
    rf"|{_SIGN}{{0,2}}\s*{_NUMBER}\s*[-~～至]\s*{_NUMBER}\s*{_UNIT}?"
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末|前|内|以前|之前)?(?:前|内)?(?:\s*[-~～至]\s*(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底|末)?)?"
    r"|\d{1,2}月(?:\d{1,2}日)?(?:底|末)?(?:前|内|以前|之前)?"
    r"|\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?(?:\s*[-~～至]\s*\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?)?"
)

#: a value in words (定性), from the domain's vague-value list and the graded levels the
#: national rules ask for (达到/基本达到/未达到); one-character grades (优, 良, 高) are left out:
#: any name may end in one
_QUALITATIVE = re.compile(
    r"(?:逐步|稳步|进一步|全面|不断|持续|平稳|显著|明显|有效|大幅|有所)(?:提高|提升|改善|增强|增加|加强|减少|下降|降低|减轻)"
    r"|效果(?:明显|显著|良好)|成效显著|达成预期(?:指标|目标)?|(?:基本)?达到预期(?:目标|效果)?|未达到预期"
    r"|严格执行(?:相关)?(?:制度)?(?:规定)?|符合(?:相关)?(?:规定|要求|标准)|全覆盖|匹配|及时(?:支出|拨付|完成)?"
    r"|良好|优良|优秀|较好|较高|较大|合格|达标|有效|显著|一般|已完成|按时完成|按期完成|不超预算"
)

#: a number and a unit the list above lacks (≥80M, 2km, ≥70村, ≥0.97比例): a value still, but
#: one that says less, so a known unit or a longer name wins where both read
_OTHER_UNIT = re.compile(rf"{_SIGN}{{0,2}}\s*{_NUMBER}\s*(?:[\u4e00-\u9fff]{{1,2}}|[A-Za-z]{{1,3}}|[㎡㎞])")

_SCORE = re.compile(r"(?:0|[1-9]\d?|100)(?:\.\d+)?")
_UNIT_CELL = re.compile(_UNIT)
_SIGN_CELL = re.compile(rf"{_SIGN}{{1,2}}|定性|定量|正向|反向")


@dataclass(frozen=True, slots=True)
class Cut:
    """A row cut: the name's end, each column's (start, end) or None, and how sure."""

    name_end: int
    cells: tuple[tuple[int, int] | None, ...]
    score: int  # how well the cells fit their columns (see :func:`cut_score`)
    unsure: str  # "words": a value read by its wording alone; "unit": by a unit not in the list
    digits: bool  # a cell starts inside a run of digits (7351010 as 735 | 10 | 10)
    alike: bool  # another cut scored as well


@functools.lru_cache(maxsize=1024)
def column_kind(head: str) -> str:
    """What a value column holds, by its head word (cached: asked for every head of every row)."""
    folded = _fold(head)
    if re.search(r"计算方法|计分|评分|扣分|评[(（]扣", folded):
        return "rule"  # 得分计算方法, 评(扣)分标准: how the score is reckoned, in words and numbers
    if re.search(r"分值|得分|权重", folded):
        return "score"
    if re.search(r"原因|措施|备注|说明|依据|标准|佐证|来源|方法|内容|解释|描述", folded):
        return "note"
    if re.search(r"单位", folded):
        return "unit"
    if re.search(r"性质|符号|方向|类型", folded):
        return "sign"
    return "value"


def _fit(kind: str, cell: str) -> tuple[int, str] | None:
    """How well ``cell`` fits a column of ``kind`` (higher is better) and what makes it unsure
    ("words", "unit" or ""); None when it cannot be that column's cell. A note fits with no
    points: a row is never cut to fill one."""
    text = _fold(cell).strip()
    if not text or (text[0] == "0" and text[1:2].isdigit()) or text[0] in "/、，,。;；:：)）.":
        return None  # no cell starts 07, or with a slash or a closing mark (元/月 | /人…)
    if kind == "value":
        if _QUANTIFIED.fullmatch(text):
            return (2 if re.fullmatch(_NUMBER, text) else 3), ""  # a bare number says less than ≥95%
        if _QUALITATIVE.fullmatch(text):
            return 2, "words"
        if _OTHER_UNIT.fullmatch(text):
            return 1, "unit"
        return None
    if kind == "score":
        return (2, "") if _SCORE.fullmatch(text) else None
    if kind == "unit":
        if re.fullmatch(r"[-—－/／]", text):
            return 0, ""  # a unit cell a template fills with a dash when the value has none
        return (2, "") if _UNIT_CELL.fullmatch(text) else None
    if kind == "sign":
        return (2, "") if _SIGN_CELL.fullmatch(text) else None
    if kind == "rule":
        # a scoring rule (得10分,每减少1%扣1分): words with numbers and a 分 among them, or words only
        scored = re.search(r"[\u4e00-\u9fff]{2}", text) and "分" in text
        return (0, "") if scored or not re.search(r"\d", text) else None
    return (0, "") if not re.search(r"\d", text) else None  # a note: words


def _name_fit(name: str) -> int | None:
    """A name: two characters or more, some Chinese, not ending mid-number, on a sign, a
    percent or a dash (None); one ending in a number and its unit (开工时限2021年) scores
    lower than one that leaves them to the value."""
    name = name.strip()
    if re.search(rf"[≥≤≧≦%％]|\d{_UNIT}\d", re.sub(_BRACKET, "", name)):
        return None  # a name holding a percent, a comparison or a value and a number after it holds
        # a row's values (…到位率100%100%库存…, …长度5公里5公里10路基…); not so in brackets,
        # a template's note of the value's shape: 苗木成活率(≥**%)
    if (
        len(name) < 2
        or not re.search(r"[\u4e00-\u9fff]", name)
        or re.match(r"\d{6}", name)  # a budget code (505006州民族特殊教育学校): a unit's or project's row
        or re.search(r"[得扣]\d+(?:\.\d+)?分", name)  # a scoring rule's words (得10分, 扣1分): a rule cell's
        or re.search(r"[\d.%％≥≤><=＞＜＝≧≦═（(*＊\-~～]$", name)
    ):
        return None
    return -1 if re.search(rf"\d{_UNIT}$", name) else 0


#: what a 自评表's 实际完成值 says in words where the work is not counted (建设中, 正在实施, 已完成,
#: 部分完成, 未完成, 基本达到): a word of progress first, short, no digit; not the rest of a value
#: (架已完成 after ≥6, 底之前 after 2022年)
_RESULT_WORDS = re.compile(
    r"(?:已|未|尚未|正在|基本|部分|全部|全面|按期|按时|建设|实施|推进|进行|开展|在建|完成|达到|达成|实现)"
    r"[\u4e00-\u9fff]{0,6}"
)


def _result_words(cell: str) -> tuple[int, str] | None:
    """A result column's cell in words, after a target: it fits with a point less than nothing,
    so a row is never cut to fill it and any other reading wins; it only lets a row whose
    target is quantified and whose result is not (新建中心数量 | 1 | 建设中) be cut at all. The
    result is not read."""
    return (-1, "") if _RESULT_WORDS.fullmatch(_fold(cell).strip()) else None


#: how indicator names typically end (财预〔2021〕101号's guide: …率, …人数, …标准, …成本, …时间)
_NAME_END = re.compile(r"(?:率|数|量|度|标准|成本|时间|时限|面积|比例|金额|效益|效果)$")


def _number(text: str) -> str | None:
    m = re.search(r"\d+(?:\.\d+)?", text)
    return m.group() if m else None


#: a cell ending in a number with its decimals: a number of its own before the digits after it
_DECIMAL_END = re.compile(r"(?:^|[^\d.])\d{1,3}\.\d$")


#: the words that end a value (95%以上, 3天以内): never the start of the cell after it
_VALUE_END = re.compile(r"以上|以下|以内|左右")


#: no value, score, unit or sign cell is longer (2023年12月31日前-2024年12月31日 is 25): a longer
#: one is not tried, so that a long row is cut in time linear in its length per column
_LONGEST_VALUE = 48
#: nor is a name longer (dev's longest are about 40): each name tried is checked whole, so trying
#: every start of a long run was quadratic in it
_LONGEST_NAME = 120

#: the kinds of column whose cells an indicator keeps (a value, its sign, its unit)
_READ_KINDS = ("value", "sign", "unit")


def _read(cell: tuple[int, int] | None, rest: frozenset) -> frozenset:
    """The readings of the cells kept (:data:`_READ_KINDS`) with ``cell`` in front of each of
    ``rest``'s; a few are enough to tell one reading from two."""
    return frozenset(sorted((cell or (-1, -1), *r) for r in rest)[:4])


def cut_row(text: str, heads: list[str]) -> Cut | None:
    """The best cut of ``text`` into a name and one cell per value column (a note or sign column
    may be empty, a score or unit column after the values only at the row's end; every value
    column is filled), or None when no cut fits every column. A score may start inside a run of digits (2020 as 20 | 20, a score after
    a bare number): that is reported as ``digits``.
    The 实际完成值 that repeats its 指标值's number (or words) scores a point more (a 自评表 row)."""
    # a head that names two columns (分值得分: the header's cells run together) holds two cells
    owner = [i for i, h in enumerate(heads) for _ in range(2 if _two_scores(h) else 1)]
    kinds = [column_kind(heads[i]) for i in owner]
    if not kinds or "value" not in kinds:
        return None
    n = len(text)
    first_value = kinds.index("value")
    result = next((i for i, k in enumerate(kinds) if k == "value" and i > first_value), None)
    # the column of what was achieved (实际完成值, 全年完成值), not a second target (年度指标值)
    achieved = result if result is not None and re.search(r"实际|完成", _fold(heads[owner[result]])) else None

    def mid_number(pos: int) -> bool:
        return 0 < pos < n and text[pos - 1] in "0123456789." and text[pos] in "0123456789."

    # a number is never cut from its unit but by a unit column, nor a unit inside (280 | 人次, 280人 | 次)
    inside_units = {p for m in re.finditer(rf"\d{_UNIT}", text) for p in range(m.start() + 1, m.end())}

    def unit_cut(pos: int) -> bool:
        return pos in inside_units

    @functools.cache
    def best(pos: int, col: int, target: str | None) -> tuple[int, tuple, bool, bool, int]:
        """(score, cells, unsure, digits cut, number of best cuts) of text[pos:] over columns
        col…; score -99 when nothing fits."""
        if col == len(kinds):
            return (0, (), "", False, frozenset({()})) if pos == n else (-99, (), "", False, frozenset())
        if 0 < pos < n and (
            _VALUE_END.match(text, pos)
            or (text[pos - 1] == "年" and re.match(r"\d{1,2}月", text[pos:]))
            or (text[pos - 1] == "月" and re.match(r"\d{1,2}[日号]", text[pos:]))
        ):
            # no cell starts with the end of a value (95% | 以上…, 2023年 | 12月31日…)
            return (-99, (), "", False, frozenset())
        options: list[tuple[int, tuple, bool, bool, int]] = []
        if kinds[col] in ("note", "sign", "rule") or (
            kinds[col] in ("score", "unit") and col > first_value and pos == n
        ):
            rest = best(pos, col + 1, target)  # the column left empty
            if rest[0] > -99:
                options.append((rest[0], (None, *rest[1]), *rest[2:4], _read(None, rest[4])))
        longest = n if kinds[col] in ("note", "rule") else min(n, pos + _LONGEST_VALUE)
        for end in range(pos + 1, longest + 1):
            after = kinds[col + 1] if col + 1 < len(kinds) else None
            by_unit_column = after == "unit" and text[end - 1].isdigit()
            if (unit_cut(end) and not by_unit_column and kinds[col] != "rule") or (
                mid_number(end) and after != "score" and not _DECIMAL_END.search(text[pos:end])
            ):
                # only a score is cut from the digits before it (7351010: 735 | 10 | 10), and a
                # number that has had its decimals from the one after it (12.5 | 12.5); both said so
                continue
            fit = _fit(kinds[col], text[pos:end]) or (_result_words(text[pos:end]) if col == achieved else None)
            if fit is None:
                continue
            cell = text[pos:end]
            rest = best(end, col + 1, (_number(cell) or cell) if col == first_value else target)
            if rest[0] <= -99:
                continue
            bonus = 1 if col == result and target is not None and (_number(cell) or cell) == target else 0
            options.append(
                (
                    fit[0] + bonus + rest[0],
                    ((pos, end), *rest[1]),
                    fit[1] or rest[2],
                    mid_number(end) or rest[3],
                    _read((pos, end) if kinds[col] in _READ_KINDS else None, rest[4]),
                )
            )
        if not options:
            return (-99, (), "", False, frozenset())
        top = max(o[0] for o in options)
        winners = [o for o in options if o[0] == top]
        # a value that fits as well whole as cut short wins whole (2023年12月31日, not 2023年 |
        # 12月31日… in the note after it); the tie is still reported
        chosen = (
            max(winners, key=lambda o: o[1][0][1] if o[1] and o[1][0] else -1) if kinds[col] == "value" else winners[0]
        )
        return (*chosen[:4], frozenset().union(*(o[4] for o in winners)))

    found: list[tuple[int, int, tuple, bool, bool, int]] = []
    for name_end in range(1, min(n, _LONGEST_NAME + 1)):
        fit = _name_fit(text[:name_end])
        if fit is None or unit_cut(name_end):
            continue
        score, cells, unsure, digits, readings = best(name_end, 0, None)
        if score > 0:
            found.append((score + fit, name_end, cells, unsure, digits, readings))
    if not found:
        return None
    top = max(f[0] for f in found)
    winners = [f for f in found if f[0] == top]

    def restated(f: tuple) -> bool:
        """The description column after the name (指标内容, 指标解释) ends on the name's last
        word, as a description restates what it describes (补贴覆盖率 | 对符合条件的对象发放
        解困工资的覆盖率)."""
        first = f[2][0] if f[2] else None
        name = text[: f[1]].strip()
        return (
            first is not None
            and kinds[0] == "note"
            and len(name) >= 2
            and text[first[0] : first[1]].strip().endswith(name[-2:])
        )

    # among names of equal score those ending as names do (完成及时率, not 完成 | 各项工作…及时
    # 完成), then the one its description restates, else the longest value, wins; the tie
    # itself is reported
    winners = [f for f in winners if _NAME_END.search(_fold(text[: f[1]]).strip())] or winners
    score, name_end, cells, unsure, digits, _ = min([f for f in winners if restated(f)] or winners, key=lambda f: f[1])
    per_head: list[tuple[int, int] | None] = [None] * len(heads)
    for i, cell in zip(owner, cells):
        per_head[i] = per_head[i] or cell  # a head of two columns keeps its first cell (分值)
    # cuts that tie but read the same name and the same values, signs and units (they differ in
    # where a note, a scoring rule or a score ends: cells not read) are one reading, not a doubt
    distinct = {(f[1], reading) for f in winners for reading in f[5]}
    return Cut(name_end, tuple(per_head), score, unsure, digits, len(distinct) > 1)


def cut_score(name: str, cells: list[str | None], heads: list[str]) -> int | None:
    """The score :func:`cut_row` gives a reading made otherwise: ``name`` and one cell per head
    (None for an empty one); None when a cell cannot be its column's (a number in a note)."""
    fit = _name_fit(name)
    if fit is None or len(cells) != len(heads):
        return None
    total, target = fit, None
    kinds = [column_kind(h) for h in heads]
    first_value = kinds.index("value") if "value" in kinds else -1
    for i, (kind, cell) in enumerate(zip(kinds, cells)):
        if cell is None or not cell.strip():
            if kind == "value":
                return None
            continue
        if kind == "score" and _two_scores(heads[i]) and re.fullmatch(r"[\d.]+", cell):
            total += (
                4 if any(_SCORE.fullmatch(cell[:j]) and _SCORE.fullmatch(cell[j:]) for j in range(1, len(cell))) else 2
            )
            continue
        got = _fit(kind, cell) or ((1, "words") if kind == "value" and not re.search(r"\d", cell) else None)
        if got is None:
            return None  # (a value in words of its own, 不超过预算, fits with a point: the cut never reads one)
        total += got[0]
        if i == first_value:
            target = _number(cell) or cell
        elif kind == "value" and target is not None and (_number(cell) or cell) == target:
            total += 1
    return total


def _two_scores(head: str) -> bool:
    folded = _fold(head)
    return "分值" in folded and "得分" in folded


#: the heads a header run together is made of, longest first so that 指标值说明 is one head and
#: not 指标值 | 说明; each may carry its note in brackets (得分(分), 指标值(A))
_HEAD_ATOMS = re.compile(
    r"(?:实施周期指标值|年度指标值|指标值说明|指标值及单位|指标值类型|指标值内容|全年完成值|(?:全年)?实际完成值|(?:年初|年度)目标值"
    r"|评[（(]扣[)）]?分标准[)）]?|(?:得分)?计算方法|计分方法|评分办法|扣分标准|(?:全年)?实际值"
    r"|计算符号|指标性质|指标方向|度量单位|计量单位|指标权重|指标得分|绩效标准|评分标准|目标值|指标值|完成值"
    r"|分值|得分|权重|备注|说明|(?:绩效)?指标(?:描述|说明|解释|内容)"
    r"|(?:未达到指标值|未完成|偏差)?原因(?:分析)?(?:[和及、]?(?:改进|整改)措施)?)(?:[（(][^（()）]{0,8}[)）])?"
)


def split_heads(heads: list[str]) -> list[str]:
    """Value-column heads whose text ran together (计算符号目标值度量单位 | 指标值 | 说明, cut at the
    one label word among them) cut again into the heads they are made of (计算符号 | 目标值 |
    度量单位 | 指标值说明), longest head first; ``heads`` as they are when their text is not
    wholly made of such heads."""
    text = "".join(re.sub(r"\s", "", _fold(h)) for h in heads)
    out, pos = [], 0
    while pos < len(text):
        m = _HEAD_ATOMS.match(text, pos)
        if m is None:
            return heads
        out.append(m.group())
        pos = m.end()
    return out or heads


#: the words of a value column's head (预期2022年实现值, 实际完成值, 分值, 偏差原因分析及改进措施)
_HEAD_WORDS = re.compile(
    r"(?:\d{4}年度?|预期|预计|实际|年度|全年|年初|当年|目标|计划|实现|完成|指标|值|分值|得分|权重|情况|偏差|原因|分析"
    r"|措施|改进|备注|说明|依据|标准|计算方法|评分|未完成|[及和或、（()）])+"
)


def head_run(text: str) -> bool:
    """A piece run together that is only value-column heads, two or more (the header's second
    row: 2021年实际实现值预期2022年实现值), or one after the bracketed note of the head before it;
    their own notes in brackets aside. Not a row."""
    folded = re.sub(r"\s", "", _fold(text))
    bare = re.sub(r"[（(][^（()）]{1,16}[)）]", "", folded)  # a head's note: (包含数字及文字描述)
    # two heads, or one after the note of the head before it (…指标值 | (包含数字及文字描述)实际完成指标值(…))
    return (
        bool(bare)
        and bool(_HEAD_WORDS.fullmatch(bare))
        and (len(re.findall(r"值|分", bare)) >= 2 or (folded[:1] in "(（" and "值" in bare))
    )
