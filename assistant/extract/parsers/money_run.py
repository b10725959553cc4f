"""A self-evaluation form's money row whose cells ran together (年度资金总额40004000100%), or
whose empty cells were dropped (年度资金总额 | 1120.50 | 1100 | 10 | 98.17% | 9.8 under six heads).

The national 自评表 template heads its money block 年初预算数 | 全年预算数 | 全年执行数 | 分值 |
执行率 | 得分 (some offices keep only some of these columns). Copied without separators, a row
such as ``40004000100%`` has many readings: 4000 | 4000 | 100%, 400 | 04000 …, 40004000 with
the execution cell empty. The budget amount is taken only when every reading that fits the
numbers agrees on it: each cell a plain number (no leading zero), 执行率 = 执行数 / 预算数
(as printed, to its last digit) and 得分 = 分值 × 执行率 where those cells are there. Anything else
stays unread and is flagged by the caller.

A run ending in 00% (…100%) can always also be read as nothing spent (40004000100%: 4000 | 4000 |
100%, or 400040001 | 0 | 0%). ``money_spent=True`` leaves out the readings with a 0 or 0% in them: the
amount it gives is the one every reading with money spent agrees on, a likely reading that the
caller must flag as such.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

__all__ = [
    "money_columns",
    "forced_budget",
    "budget_cell",
    "is_money_run",
    "read_run",
    "starts_with_column",
    "AMBIGUOUS",
]

#: what :func:`budget_cell` returns when the cells have more than one reading
AMBIGUOUS = -1

#: the money block's column heads, in the words the templates use (得分计算方法 is a note column)
_COLUMN = re.compile(
    r"年初预算数?|调整后?预算数?|全年预算数?|预算数|预算执行数|全年执行数|执行数|全年执行|分值|权重|预算执行率|执行率|得分(?!计算)"
)
_ROLE = {
    "年初预算数": "start",
    "年初预算": "start",  # 四川 部门预算项目支出绩效自评表: 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分
    "调整后预算数": "budget",
    "调整后预算": "budget",
    "调整预算数": "budget",
    "调整预算": "budget",
    "全年预算": "budget",
    "预算执行数": "spent",
    "权重": "weight",
    "全年预算数": "budget",
    "预算数": "budget",
    "全年执行数": "spent",
    "执行数": "spent",
    "全年执行": "spent",
    "分值": "weight",
    "预算执行率": "rate",
    "执行率": "rate",
    "得分": "score",
}
_NUMBER = re.compile(r"0|0\.\d{1,4}|[1-9]\d*(?:\.\d{1,4})?")
_LONGEST_RUN = 40
_RUN = re.compile(r"^(?P<digits>[\d.]+)[%％](?P<after>[\d.]*)$")


def money_columns(header_text: str) -> list[str]:
    """The roles of the money columns named in ``header_text`` (the text between the money
    caption and the first amount row), in order; notes in brackets ((B/A), (20分*执行率)) skipped."""
    bare = re.sub(r"[（(][^（()）]*[)）]|\s", "", header_text)
    roles = [_ROLE[m.group()] for m in _COLUMN.finditer(bare)]
    if "budget" not in roles and "start" in roles:
        # 年初预算数(A) | 全年执行数(B) | 执行率(B/A) (北京's 自评表 keeps no 全年预算数 column): the
        # 执行率 is taken against the one budget column there is, so that column is the budget
        roles = ["budget" if r == "start" else r for r in roles]
    return roles if len(set(roles)) == len(roles) and {"budget", "rate"} <= set(roles) else []


def _splits(digits: str, parts: int):
    """Every way to cut ``digits`` into ``parts`` plain numbers."""
    if parts == 0:
        if not digits:
            yield []
        return
    for end in range(1, len(digits) + 1):
        head = digits[:end]
        if _NUMBER.fullmatch(head):
            for rest in _splits(digits[end:], parts - 1):
                yield [head, *rest]


def _unit(number: Decimal) -> Decimal:
    """One unit in the last printed place (100 → 1, 86.19 → 0.01): how far a printed rate or
    score may be from the exact one, rounded or cut."""
    return Decimal(1).scaleb(min(0, number.as_tuple().exponent))


def _fits(cells: dict[str, Decimal]) -> bool:
    budget, spent, rate = cells.get("budget"), cells.get("spent"), cells.get("rate")
    if budget is None or spent is None or rate is None or budget == 0:
        return False  # 执行率 cannot be checked: the reading is not pinned
    if abs(spent / budget * 100 - rate) > _unit(rate):
        return False
    weight, score = cells.get("weight"), cells.get("score")
    return weight is None or score is None or abs(weight * rate / 100 - score) <= _unit(score)


def forced_budget(text: str, columns: list[str], *, money_spent: bool = False) -> str | None:
    """The 全年预算数 of a money row run together, when every reading of it that fits the
    columns agrees on one amount (with ``money_spent``, every reading where money was spent);
    None when there is none or more than one."""
    m = _RUN.match(text.strip())
    if not m or not columns or len(m["digits"]) > _LONGEST_RUN or len(m["after"]) > _LONGEST_RUN:
        return None  # a run longer than six amounts is not a money row (and would take long)
    at = columns.index("rate")
    before_cols, after_cols = columns[:at], columns[at + 1 :]
    found: set[Decimal] = set()
    run = m["digits"]
    for cut in range(1, min(len(run), 6) + 1):  # the 执行率 is the last digits before the %
        digits, rate = run[:-cut], run[-cut:]
        if not _NUMBER.fullmatch(rate):
            continue
        for k in range(1, len(before_cols) + 1):
            for cols in itertools.combinations(before_cols, k):
                for parts in _splits(digits, k):
                    for after in _after_cells(m["after"], after_cols):
                        cells = {c: Decimal(v) for c, v in (*zip(cols, parts), *after)}
                        cells["rate"] = Decimal(rate)
                        if (not money_spent or (cells["rate"] and cells.get("spent"))) and _fits(cells):
                            found.add(cells["budget"])
                            if len(found) > 1:
                                return None
    return str(found.pop()) if found else None


def is_money_run(text: str) -> bool:
    """A money row's cells run together into one (40004000100%, 10001000100%20), not one rate
    cell (98.17%): no 执行率 reaches 1000%, so digits worth that much before the % hold several cells."""
    m = _RUN.match(text.strip())
    if not m:
        return False
    try:
        return bool(m["after"]) or Decimal(m["digits"]) >= 1000
    except ArithmeticError:
        return True  # 30.5100%: two decimal points, more than one number


def _after_cells(digits: str, cols: list[str]):
    """Readings of the cells after the 执行率 (得分): none of them, or one number per column kept."""
    if not digits:
        yield []
        return
    for k in range(1, len(cols) + 1):
        for chosen in itertools.combinations(cols, k):
            for parts in _splits(digits, k):
                yield list(zip(chosen, parts))


_DASH = re.compile(r"^(?:—+|-+|－+|/|无)$")
_CELL_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_CELL_RATE = re.compile(r"^(?P<rate>\d+(?:\.\d+)?)\s*[%％]$")


def budget_cell(cells: list[str], columns: list[str]) -> int | None:
    """Which of a money row's cells is the 全年预算数, when the row has fewer cells than the
    block has columns (empty cells dropped by the copy; a dash still holds its place).

    Cells that fill the columns from the left and fit them are read so. Otherwise every
    placement of the cells into the columns, in order, is tried: a rate cell (98.17%)
    only under 执行率, and a placement with a rate must have its 预算数 and 执行数 and agree
    with them (and 得分 = 分值 × 执行率 where both are there). The index of the budget cell
    when every placement that fits puts the same amount there; None when none places a number
    there; :data:`AMBIGUOUS` when placements disagree.
    """
    at = columns.index("budget")
    if len(cells) >= len(columns) or (_placement_fits(dict(zip(columns, cells))) and not _points_only(cells, columns)):
        # every cell there, or the cells fill the columns from the left and fit them (the
        # trailing 分值 / 执行率 / 得分 of a 财政拨款 row are left empty by the template)
        return at if at < len(cells) and _CELL_NUMBER.match(cells[at]) else None
    found: set[str | None] = set()
    for cols in itertools.combinations(range(len(columns)), len(cells)):
        placed = {columns[c]: cell for c, cell in zip(cols, cells)}
        if _placement_fits(placed):
            budget = placed.get("budget")
            found.add(budget if budget is not None and _CELL_NUMBER.match(budget) else None)
    if len(found) != 1:
        return AMBIGUOUS if found else None
    budget = found.pop()
    return None if budget is None else cells.index(budget)


def _points_only(cells: list[str], columns: list[str]) -> bool:
    """Two small numbers, the second no more than the first (10 | 10, 10 | 8), under a block with
    分值 and 得分 columns: the row's 分值 and 得分 with its budget cells left empty (dropped by
    the copy) reads the same as a budget and its spending, so neither reading is taken."""
    if len(cells) != 2 or not {"weight", "score"} <= set(columns):
        return False
    if not all(_CELL_NUMBER.match(c) for c in cells):
        return False
    weight, score = (Decimal(c) for c in cells)
    return score <= weight <= 20


def _placement_fits(placed: dict[str, str]) -> bool:
    numbers: dict[str, Decimal] = {}
    for role, cell in placed.items():
        if _DASH.match(cell):
            continue
        rate = _CELL_RATE.match(cell)
        if (role == "rate") != bool(rate):
            return False  # a rate only under 执行率, and nothing else there
        if not rate and not _CELL_NUMBER.match(cell):
            return False
        numbers[role] = Decimal(rate["rate"] if rate else cell)
    if "rate" in numbers and not _fits(numbers):
        return False  # a printed 执行率 comes from a printed 预算数 and 执行数
    return "score" not in numbers or "rate" in numbers


#: a money row whose amounts carry their unit (10萬10萬100%20): the units say where cells end
_UNIT_RUN = re.compile(
    r"^(?P<amounts>(?:\d+(?:\.\d+)?(?:万元|万|元))+)(?P<rate>\d+(?:\.\d+)?[%％])(?P<after>\d+(?:\.\d+)?)?$"
)
#: a money row run together with other text after it (10001000100%20度效标80>…: a caption printed
#: vertically ran into it)
_LEADING_RUN = re.compile(r"^(?P<run>[\d.]+[%％][\d.]*)(?=[^\d.%％\s])")


def read_run(text: str, columns: list[str]) -> tuple[str | None, str | None, str | None]:
    """The 全年预算数 of a money row whose cells ran together, as (amount, unit written, doubt):
    the doubt is a message code when the reading is only likely (:func:`forced_budget` with
    ``money_spent``) or taken from the start of a longer text; (None, None, None) when unread."""
    if m := _UNIT_RUN.match(text):
        amounts = re.findall(r"(\d+(?:\.\d+)?)(万元|万|元)", m["amounts"])
        cells = [a for a, _ in amounts] + [m["rate"]] + ([m["after"]] if m["after"] else [])
        at = budget_cell(cells, columns)
        if at is None or at == AMBIGUOUS or at >= len(amounts):
            return None, None, None
        return cells[at], "万元" if amounts[at][1].startswith("万") else "元", None
    if budget := forced_budget(text, columns):
        return budget, None, None
    if budget := forced_budget(text, columns, money_spent=True):
        return budget, None, "FORM_MONEY_RUN_LIKELY"
    if budget := cells_budget(text, columns):
        return budget, None, None
    if budget := cells_budget(text, columns, money_spent=True):
        return budget, None, "FORM_MONEY_RUN_LIKELY"
    if (m := _LEADING_RUN.match(text)) and (
        budget := forced_budget(m["run"], columns) or forced_budget(m["run"], columns, money_spent=True)
    ):
        return budget, None, "FORM_MONEY_RUN_TRAILING"
    return None, None, None


def starts_with_column(text: str) -> bool:
    """A text that opens with a money column's head (执行数(B)执行率…): the heads of the block,
    not the value of the key before them."""
    bare = re.sub(r"\s", "", text)
    # 年初预算资金总额: | 实际投入资金额 | 产生差异的原因 (部门整体 自评表): a head naming an amount column
    return bool(_COLUMN.match(bare) or _AMOUNT_HEAD.fullmatch(bare))


#: the head of an amount column written out, no number in it (实际投入资金额, 全年预算资金总额)
_AMOUNT_HEAD = re.compile(r"[^\d]{0,6}(?:资金|预算|投入|支出)[^\d]{0,4}(?:金额|资金额|总额|数)[:：]?")


#: a money row run together as a copy writes it: numbers (a rate with its %), and dashes holding
#: an empty cell's place (110011001100—100%—)
_RUN_PIECE = re.compile(r"\d[\d.]*[%％]?|—+|-+|－+|/")
_MOST_READINGS = 20000


def _options(head: str, room: int):
    """The cells one piece of a run may be (see :func:`_cell_lists`), lazily."""
    if _DASH.match(head):
        yield [head]
    elif head[-1] in "%％":
        digits = head[:-1]
        for cut in range(1, min(len(digits), 6) + 1):
            before, rate = digits[:-cut], digits[-cut:]
            if _NUMBER.fullmatch(rate):
                for k in range(0, room):
                    for parts in _splits(before, k):
                        yield [*parts, rate + "%"]
    else:
        for k in range(1, room + 1):
            yield from _splits(head, k)


def _cell_lists(pieces: list[str], room: int):
    """Every list of cells the pieces may be: a dash one empty cell, a number with its % the rate
    (its digits before the rate the cells before it), plain digits one number or more; at most
    ``room`` cells."""
    if not pieces:
        yield []
        return
    for option in _options(pieces[0], room):
        if len(option) <= room:
            for tail in _cell_lists(pieces[1:], room - len(option)):
                yield [*option, *tail]


def cells_budget(text: str, columns: list[str], *, money_spent: bool = False) -> str | None:
    """The 全年预算数 of a money row run together with dashes for its empty cells (110011001100—100%—
    under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分): every way of cutting it into cells and placing
    them under the columns in order that fits the numbers (执行率 = 执行数 / 预算数, a rate
    printed), and the one budget they all agree on; None when none fits or they disagree (or the
    run has too many readings to try). ``money_spent``: only the readings where money was spent."""
    bare = re.sub(r"\s", "", text)
    pieces = _RUN_PIECE.findall(bare)
    if not columns or "".join(pieces) != bare or len(re.sub(r"\D", "", bare)) > 24:
        return None
    if not any(p[-1] in "%％" for p in pieces) or not any(_DASH.match(p) for p in pieces):
        return None  # without a printed rate nothing pins the cells; without a dash forced_budget reads it
    found: set[str] = set()
    tried = 0
    for cand in _cell_lists(pieces, len(columns)):
        tried += 1
        for cols in itertools.combinations(range(len(columns)), len(cand)):
            tried += 1
            if tried > _MOST_READINGS:
                return None
            placed = {columns[c]: cell for c, cell in zip(cols, cand)}
            if "rate" not in placed or not _placement_fits(placed) or not _CELL_NUMBER.match(placed.get("budget", "")):
                continue
            if money_spent and not (
                Decimal(placed["rate"].rstrip("%％"))
                and _CELL_NUMBER.match(placed.get("spent", ""))
                and Decimal(placed["spent"])
            ):
                continue
            found.add(str(Decimal(placed["budget"])))
            if len(found) > 1:
                return None
    return found.pop() if found else None
