"""Money stated in sentences: which amount of a report or notice is the project's budget.

An amount is a number right after a money word (预算, 总投资, 资金, 拨款, 合计, 安排, 批复, 下达,
拨付); what was actually paid (实际拨付…) and a zero are no budget. One amount is the total (also
the fiscal amount when it is 财政拨款); an amount with parts after 其中 is the total when the parts
add up to it or are a single smaller part; several different amounts are not read (a failure says
so) unless the sentence naming the project states one of them. Parts naming where the money comes
from (中央资金, 一般公共预算资金) are sources, never projects.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from ...messages import msg
from ...schema import Failure

#: an amount and its unit; thousands may be separated (13,804万元)
_AMOUNT = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \t\u3000]*(?P<cur>万元|元)"
#: the words a budget's amount follows (批覆: 批复 as traditional pages write it)
_MONEY_WORD = r"(?:预算|总投资|投资总额|资金|拨款|合计|安排|批[复覆]|下拨|下达|拨付|指标金额)"
#: 其中 right after an amount (within its sentence or the next): what follows splits that amount
_PARTS = re.compile(r"\d[ \t\u3000]*(?:万元|元|万)[ \t\u3000。，,；;]{0,3}其中")
#: an amount right after a money word: 预算资金为10万元 ; 总投资19万元 ; 下达资金共计150万元 ; 批复资金350万 ;
#: 批复投资778.59万元 ; a computation's result: 174×2000/=34.80万元 (i12)
#: (万 alone, before no measure word: 资金惠及350万人次 is no money)
_MONEY = re.compile(
    rf"(?:{_MONEY_WORD}|(?<=[\d/])=)(?:资金|金额|总额|总计|合计|数|总投资|投资)?(?:共计|共|[为是:：])?[ \t\u3000]*"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \t\u3000]*"
    r"(?P<cur>万元|元|万(?![元人户个次亩平方吨公里株头只件册份台套张家所名辆条座处米斤千立字篇\d]))"
)


def _cur(m: re.Match[str]) -> str:
    """The currency of a money match, 万 written for 万元 read as 万元."""
    return "万元" if m.group("cur") == "万" else m.group("cur")


def _number(m: re.Match[str]) -> Decimal:
    """The amount a money match holds, its thousands separators left out."""
    return Decimal(m.group("n").replace(",", ""))


def _names_a_source(parts: list[re.Match[str]]) -> bool:
    """Some part names where the money comes from (中央资金, 一般公共预算资金), not what it pays for."""
    return any(_SOURCE.match(m.group("name").strip()) for m in parts)


#: a part naming where the money comes from, not what it pays for: 中央资金, 省级配套资金, 一般公共预算资金
_SOURCE = re.compile(
    r"^(?:(?:中央|省|市|县|区|州|乡镇|地方|本级|上级)级?(?:财政)?(?:专项|配套|补助|衔接)?(?:资金|补助)"
    r"|.*(?:一般公共预算|政府性基金|彩票公益金|自筹|配套|债券).*)$"
)


def _money(plain: str, start: int, end: int) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The amounts stated between ``start`` and ``end``: all of them, and those left when the
    ones that split an amount already stated are set aside (``预算10441万元。其中，中央资金8353万元，
    省级配套2088万元``: the parts); all of them when nothing else is left."""
    # what was done (实际拨付金额是108万元, 实际支出…) and nothing (上年结转资金0万元) are no budget
    every = [
        m
        for m in _MONEY.finditer(plain, start, end)
        if _number(m) != 0 and "实际" not in plain[max(0, m.start() - 3) : m.start()]
    ]
    parts = []
    for m in _PARTS.finditer(plain, start, end):
        close = min((i for i in (plain.find("。", m.end()), plain.find("\n", m.end())) if i >= 0), default=end)
        parts.append((m.start(), close))
    whole = [m for m in every if not any(a <= m.start() < b for a, b in parts)]
    return every, whole or every


def _values(found: list[re.Match[str]]) -> set[tuple[str, str]]:
    """The distinct (amount, currency) pairs of some money matches."""
    return {(str(_number(m)), _cur(m)) for m in found}


def _sum_of_others(values: set[tuple[str, str]]) -> tuple[str, str] | None:
    """The one amount of three or more (one currency) that is the sum of all the others: a
    budget and its parts (预算10441万元，其中中央8353万元、省级2088万元), or a budget, what was spent
    and what is left. Either way it is the project's total. The parts may have parts of their own
    (预拨3608万元(中央2855万元、省级753万元), 清算120万元, 全年3728万元, k09): an amount that is the sum
    of smaller ones stands for them, smallest first, until one amount is left."""
    if len(values) < 3 or len({cur for _, cur in values}) > 1:
        return None
    amounts = sorted(values, key=lambda v: Decimal(v[0]))
    *parts, largest = amounts
    if sum(Decimal(a) for a, _ in parts) == Decimal(largest[0]):
        return largest
    left = amounts
    while len(left) > 1 and len(left) <= _MOST_SUMMED and (subtotal := _subtotal(left)):
        whole, summed = subtotal
        left = [v for v in left if v not in summed]
    return left[0] if len(left) == 1 else None


#: past this many different amounts, no sum is looked for (a report's accounts, not one budget)
_MOST_SUMMED = 8


def _subtotal(amounts: list[tuple[str, str]]) -> tuple[tuple[str, str], list[tuple[str, str]]] | None:
    """The smallest amount that is the sum of two or more smaller ones, and those ones."""
    for i, whole in enumerate(amounts):
        smaller = amounts[:i]
        for size in range(2, len(smaller) + 1):
            for combo in itertools.combinations(smaller, size):
                if sum(Decimal(a) for a, _ in combo) == Decimal(whole[0]):
                    return whole, list(combo)
    return None


def _split_whole(
    plain: str, every: list[re.Match[str]], whole: list[re.Match[str]]
) -> tuple[re.Match[str], list[re.Match[str]]] | None:
    """The one amount the text splits into parts that add up to it (X万元，其中A、B、C: the first
    amounts after its 其中, in order, summing to it exactly), when every other amount told outside
    such parts is one of its parts told again (中央下达1372.7万元 … 共2330.9万元，其中中央1372.7万元…):
    the total. None when no amount, or more than one, is split that way."""
    split = []
    for m in whole:
        if not _PARTS.match(plain, m.end("n") - 1):
            continue
        running, parts = Decimal(0), []
        for p in (p for p in every if p.start() >= m.end() and _cur(p) == _cur(m)):
            running += _number(p)
            parts.append(p)
            if running >= _number(m):
                break
        if len(parts) >= 2 and running == _number(m):
            split.append((m, parts))
    if len({str(_number(m)) for m, _ in split}) != 1:
        return None
    m, parts = split[0]
    told = _values(parts) | {(str(_number(m)), _cur(m))}
    return (m, parts) if _values(whole) <= told else None


def _one_smaller_part(values: set[tuple[str, str]], every: list[re.Match[str]]) -> bool:
    """The amounts 其中 left out are none, or a single part in the amount's unit smaller than it
    (预算10441万元。其中，中央资金8353万元): the amount stands. Two parts or more that do not add
    up to it, or a part in another unit, leave the budget in doubt."""
    (whole,) = values
    parts = [(str(_number(m)), _cur(m)) for m in every]
    parts = [p for p in parts if p != whole]
    if not parts:
        return True
    return len(parts) == 1 and parts[0][1] == whole[1] and Decimal(parts[0][0]) < Decimal(whole[0])


#: the words of a fund's name that say only what kind of money it is: 下达转移支付资金 names no fund
_GENERIC = re.compile(
    r"专项|转移支付|补助|资金|经费|预算|项目|工程|中央|省级|市级|县级|财政|上述|相关|有关|该|此|本|各|这"
)


def budget(
    plain: str, start: int, stop: int, name: str, stated: re.Match[str] | None, source: str
) -> tuple[tuple[Decimal, str, int, bool] | None, list[Failure]]:
    """The project's total among the amounts stated between ``start`` and ``stop`` (amount,
    currency, offset, is 财政拨款), and the failures saying how it was chosen or why none was:
    one amount; the one that is the sum of the others; the one ``stated`` by the sentence naming
    the project ``name``; else none when several differ."""
    total: tuple[Decimal, str, int, bool] | None = None
    notes: list[Failure] = []
    every, whole = _money(plain, start, stop)
    whole_sum = _sum_of_others(_values(every))
    # the sum of the parts pins the total, whatever 其中 says; 其中 before parts that do not add
    # up to the amount, or in another unit, leaves unsure which is the budget: all amounts count
    # (the parts of an amount no money word states, 已到位36,982.43万元,其中…, leave no doubt on the budget)
    doubted = (
        len(_values(whole)) == 1
        and not _one_smaller_part(_values(whole), every)
        and any(_PARTS.match(plain, m.end("n") - 1) for m in whole)
    )
    found = every if whole_sum is not None or doubted else whole
    values = _values(found)
    split = _split_whole(plain, every, whole) if len(values) > 1 and whole_sum is None else None
    if split is not None:  # 资金共2330.9万元，其中：中央资金1372.7万元、地方资金98.6万元、其他资金859.6万元
        m, parts = split
        total = (_number(m), _cur(m), m.start("n"), False)
        text = "、".join(p.group(0) for p in [m, *parts])
        notes.append(
            Failure(source=source, field="amounts.total", message=msg("PROSE_AMOUNT_SUM", text=text, total=m.group(0)))
        )
    elif len(values) == 1:
        m = found[0]
        # 财政拨款, and 财政资金总额 read as a form's 年度财政资金总额 (LABELING F1, l06)
        fiscal = bool(_FISCAL_WORD.search(plain[max(0, m.start() - 2) : m.start("n")]))
        total = (_number(m), _cur(m), m.start("n"), fiscal)
    elif whole_sum is not None:  # 预算10441万元。其中，中央…8353万元，省级配套资金2088万元
        m = next(m for m in found if (str(_number(m)), _cur(m)) == whole_sum)
        total = (_number(m), _cur(m), m.start("n"), False)
        text = "、".join(m.group(0) for m in found)
        notes.append(
            Failure(source=source, field="amounts.total", message=msg("PROSE_AMOUNT_SUM", text=text, total=m.group(0)))
        )
    elif len(values) > 1 and stated is not None:  # the amount of the sentence naming the project
        m = stated
        total = (_number(m), _cur(m), m.start("n"), False)
        text = "、".join(m.group(0) for m in found)
        notes.append(
            Failure(
                source=source,
                field="amounts.total",
                message=msg("PROSE_AMOUNT_OF_SUBJECT", text=text, name=name, total=m.group(0)),
            )
        )
    elif (
        len(values) > 1
        and not doubted  # 预算10441万元。其中…: parts that do not add up leave the budget itself in doubt
        and len(_values(budgeted := [m for m in found if _budgeted(plain, m)])) == 1
        and not any(_ADDED.search(_clause(plain, m)) for m in found)  # 追加资金20万元: the budget grew
    ):
        m = budgeted[
            0
        ]  # 年初财政预算安排资金83万元 beside 财政调整安排资金160万元; 总预算36,620万元 beside its sources
        total = (_number(m), _cur(m), m.start("n"), False)
        text = "、".join(m.group(0) for m in found)
        notes.append(
            Failure(
                source=source, field="amounts.total", message=msg("PROSE_AMOUNT_BUDGETED", text=text, total=m.group(0))
            )
        )
    elif len(values) > 1:
        text = "、".join(m.group(0) for m in found)
        notes.append(Failure(source=source, field="amounts.total", message=msg("PROSE_AMOUNTS_SEVERAL", text=text)))
    return total, notes


#: the words naming the 财政拨款 column before an amount: 财政拨款 ; 财政资金总额 (not 收到财政资金共…, i04)
_FISCAL_WORD = re.compile(r"财政拨款|财政资金总额")

#: where a clause begins: the amount's own words run back to it
_CLAUSE_START = re.compile(r"[，,。；;：:\n（）()]")
#: 预算 as the amount's own word: 年初预算, 总预算, 财政预算安排资金; not 预算执行, 预算调整, 调整预算, 追加预算
_BUDGET_WORD = re.compile(r"(?<!调整|追加|调减|调增)预算(?!执行|调整|追加|完成|结余|批复数以外)")


#: money added to the budget: the budget alone is then not the whole
_ADDED = re.compile(r"追加|调增|增加|补充")


def _clause(plain: str, m: re.Match[str]) -> str:
    """The amount's own clause: from the punctuation before it (at most 30 characters back) to its end."""
    back = max(0, m.start() - 30)
    begin = max((c.end() for c in _CLAUSE_START.finditer(plain, back, m.start())), default=back)
    return plain[begin : m.end()]


def _budgeted(plain: str, m: re.Match[str]) -> bool:
    """The amount is called the budget in its own clause (年初财政预算安排资金83万元, 总预算36,620万元),
    and is not money done (实际, 已…, 支出, 到位, 结余)."""
    clause = _clause(plain, m)
    return bool(_BUDGET_WORD.search(clause)) and not re.search(r"实际|已|支出|到位|结余|结转|执行", clause)
