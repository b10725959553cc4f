"""The header block's amounts: a 自评表 money row placed by its columns (:mod:`..money_run`),
amount text read to a number (854万(…) → 854, a dash is empty), the unit written after an
amount noted so mixed units are flagged, and anything that is not an amount a failure.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ....messages import Msg, msg
from ....schema import Amounts, Span, amount_problem
from ..money_run import money_columns, read_run
from .failures import Failures
from .labels import _AMOUNT_FIELDS, _AMOUNT_TEXT, _BUDGETS, _GRAMMAR_KEYS, _KEYS, _fold, _key_field
from .tokens import Token, _Value

#: a cell of a 自评表's money row: an amount, a rate, or a dash holding an empty cell's place
_MONEY_CELL = re.compile(r"^(?:\d+(?:\.\d+)?\s*[%％]?|—+|-+|－+|/)$")


def _money_text(token: Token) -> str:
    return _fold(token.text).replace(",", "").replace("，", "").strip()


def _money_caption_amount(folded: str, flat: list[Token], i: int) -> bool:
    """A money caption (项目资金, 资金情况（万元）) with an amount right after it and no
    年度资金总额 row of its own: the form writes its one amount beside the caption."""
    return (
        folded.startswith(("项目资金", "资金情况", "项目金额"))
        and i < len(flat)
        and bool(_AMOUNT_TEXT.match(re.sub(r"(万元|万|元)$", "", _fold(flat[i].text).rstrip("，,；;。、 "))))
        and not any(_key_field(t.text) == "total" for t in flat)
    )


def _budget_column(flat: list[Token]) -> int:
    """Which of a 自评表's money columns holds the budget: 全年预算数 (the year's budget after
    adjustments, what the form is judged against), the second when 年初预算数 is written first."""
    heads = [_fold(t.text) for t in flat]
    joined = "|".join(heads)
    first = joined.find("年初预算")
    full = next((at for at in (joined.find(w) for w in ("全年预算数", "调整后预算")) if at >= 0), -1)
    return 1 if 0 <= first < full else 0


def _adjusted_heads(flat: list[Token]) -> bool:
    """The money heads give the year's budget as a 小计 of the start-of-year budget and the
    mid-year adjustment (年初…预算…① | 年中调整金额② | 小计③=①+②, 部门整体支出绩效自评表), with
    no 全年预算数 / 调整后预算 column: the budget is the third amount, pinned by the sum."""
    joined = "|".join(_fold(t.text) for t in flat)
    if any(w in joined for w in ("全年预算", "调整后预算")):
        return False
    start, adjust = joined.find("年初"), joined.find("调整")
    return 0 <= start < adjust < joined.find("小计", adjust)


def adjusted_budget(run: list[str]) -> int | None:
    """Under :func:`_adjusted_heads`: the index of the 小计 amount when 年初 + 调整 = 小计 as
    printed (to the last printed digit), else None (not read, said so)."""
    try:
        start, adjust, total = (Decimal(_fold(t).replace(",", "")) for t in run[:3])
    except (ValueError, ArithmeticError):
        return None
    return 2 if len(run) >= 3 and start + adjust == total else None


def _year_column_first(flat: list[Token]) -> bool:
    """A money block whose 年度资金总额 and its amount come right before the 实施期资金总额 (年度资金总额 |
    1125 | 实施期资金总额 | 3375): the year's column is the first, in the rows below too."""
    at = next((i for i, t in enumerate(flat) if _key_field(t.text) == "实施周期资金总额"), None)
    if at is None or at < 2:
        return False
    key, amount = flat[at - 2], flat[at - 1]
    return _key_field(key.text) == "total" and bool(
        _AMOUNT_TEXT.match(re.sub(r"\s*(?:万元|万|元)$", "", _money_text(amount)))
    )


def _after_period_total(token: Token, flat: list[Token]) -> bool:
    """An amount key in the 年度 column of a money block that puts 中期资金总额 first
    (中期资金总额 170 | 年度资金总额 340 / 财政拨款 170 | 财政拨款 340): the later one is the year's."""
    period = [t for t in flat if _key_field(t.text) == "实施周期资金总额"]
    if _year_column_first(flat):
        return False  # 年度资金总额 | 1125 | 实施期资金总额 | 3375: the year's column comes first, its keys too
    at = next((i for i, t in enumerate(flat) if t is token), 0)
    same = [i for i in range(at) if _key_field(flat[i].text) == _key_field(token.text)]
    if same and any(_key_field(t.text) == "实施周期资金总额" for t in flat[: same[0]]):
        return True  # one cell per line: 中期 170 | 年度 340 | 财政拨款 170 | 财政拨款 340, the later is the year's
    return any(t.row == token.row or t.cell is token.cell for t in period) or any(
        p.row < token.row
        and any(x.row == token.row and x.col < token.col and _key_field(x.text) == _key_field(token.text) for x in flat)
        for p in period
    )


#: one clause of a money sentence: 其中：财政拨款1100.50万元 / 年度资金总额为1120.50万元
_MONEY_CLAUSE = re.compile(
    r"(?:^|(?<=[，,；;。、\s]))(?:其中[:：]?\s*)?(?P<label>[\u4e00-\u9fff（()）]{2,12}?)\s*[:：为]?\s*"
    r"(?P<amount>\d[\d,]*(?:\.\d+)?\s*(?:万元|元))(?=$|[，,；;。、\s])"
)


def _money_sentence(token: Token) -> list[tuple[str, str, tuple[int, int]]]:
    """The amounts of a money block written as a sentence (项目资金1120.50万元，其中财政拨款
    1100.50万元，其他资金20.00万元): (field, amount as written, its place in the cell) for each
    clause whose label is an amount key (项目资金 / 资金情况, the money caption, names the
    total). Only a sentence naming two amounts or more is read: one 资金N万元 in a goal is not
    the money block."""
    text = token.cell.text[token.start : token.end]
    if len(_fold(text)) != len(text):
        return []  # a reading printed after a character: the places would not be the source's
    out = []
    for m in _MONEY_CLAUSE.finditer(_fold(text)):
        label = m["label"]
        field = "total" if label in ("项目资金", "资金情况", "项目总资金") else _key_field(label)
        if field in _AMOUNT_FIELDS[:4] and field not in {f for f, _, _ in out}:
            at = (token.start + m.start("amount"), token.start + m.end("amount"))
            out.append((field, text[m.start("amount") : m.end("amount")], at))
    return out if len(out) >= 2 else []


#: digits on both sides of white space: amounts of two cells (folding would join them)
_SPACED_NUMBERS = re.compile(r"\d[ \t\u3000]+\d")


#: amounts each written with its unit, one after the other: 854万854万, 50万元50万元
_UNIT_AMOUNTS = re.compile(r"(?:\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)\s*){2,}")
_UNIT_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:万元|万|元)")


def _money_pieces(text: str) -> list[str] | None:
    """The amounts of a money cell holding two cells' amounts or more run together, each with
    its unit (854万854万: a money row's 实施周期 and 年度 cells copied with no separator), as
    written without the unit, the unit the same for all; None when the text is not that (one amount)."""
    if not _UNIT_AMOUNTS.fullmatch(text.strip()):
        return None
    units = set(re.findall(r"万元|万|元", text))
    if len({"万元" if u.startswith("万") else u for u in units}) > 1:
        return [text, ""]  # 854万854元: not one amount whatever the columns (said so by the caller)
    return [m.group(1).replace(",", "") for m in _UNIT_AMOUNT.finditer(text)]


_FUND_THEN_AMOUNT = re.compile(r"^[^\d]*(?:资金|补助|经费|拨款)(?:[（(][^（()）\d]*[)）])?(?P<amount>\d+(?:\.\d+)?)$")


#: the four money rows of the templates: 年度资金总额 and its 其中 parts
_FOUR = ("total", "fiscal", "special_account", "other")


def fill_from_left(fields: list[str | None], amounts: list[str]) -> bool:
    """Whether fewer amounts than money heads (年度资金总额 | 其中：财政拨款 | 其他资金 over 5 | 5)
    may be read from the left: a copy loses a row's empty cells at its end (the template's
    其他资金 / 财政专户, most often empty), so the amounts are likely the first heads'. Only under
    the four template heads, every amount a number, and the parts placed adding up to the total
    placed (a part never left over). A likely reading: the caller says so."""
    if not amounts or len(amounts) >= len(fields) or any(f not in _FOUR for f in fields):
        return False
    try:
        placed = {
            f: Decimal(re.sub(r"\s*(万元|万|元)$", "", _fold(a).replace(",", "").strip()))
            for f, a in zip(fields, amounts)
        }
    except ArithmeticError:
        return False
    parts = [v for f, v in placed.items() if f != "total"]
    return "total" in placed and (not parts or sum(parts) == placed["total"])


#: the money keys as a text run together writes them (not a numbered 2.单位其它收入: its digit
#: would be read as the amount before it), each with its note (（万元）) and colon
_RUN_KEYS = [
    re.compile(rf"(?:其中\s*[:：\-－]?\s*)?(?:{pattern})\s*(?:[（(]\s*(?:万元|元)\s*[)）])?\s*[:：]?")
    for pattern, field in (*_KEYS, *_GRAMMAR_KEYS)
    if field in (*_AMOUNT_FIELDS, "实施周期资金总额", "上级资金") and not pattern.startswith("\\d")
]
_RUN_CAPTION = re.compile(r"(?:项目资金|资金情况|项目金额|资金投入情况)\s*(?:[（(]\s*(?:万元|元)\s*[)）])?\s*[:：]?")
_RUN_WHEREOF = re.compile(r"其中\s*[:：]?\s*$")
_RUN_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s*(?:万元|万|元))?")


#: a 自评表 money row's cells run together after its key: digits, points, rates, dashes
_ROW_RUN = re.compile(r"\d[\d.,%％—\-－/]*[%％\d—\-－/]")


def _glued_row(text: str) -> list[tuple[int, int]] | None:
    """A money key with its row's cells run together right after it (年度资金总额115.0032.0032.00…,
    其中：当年财政拨款110011001100—100%—): the key and the run, when that is the whole text."""
    found = [k for r in _RUN_KEYS if (k := r.match(text))]
    if not found:
        return None
    key = max(found, key=lambda k: k.end())
    run = _ROW_RUN.fullmatch(text, key.end())
    if run is None or not re.search(r"\d.*(?:\d|[%％]).*\d|[—\-－/]", run.group()) or len(run.group()) < 6:
        return None  # a key and one amount (年度资金总额:16): read as it is
    return [(key.start(), key.end()), (run.start(), run.end())]


def money_run_cuts(text: str) -> list[tuple[int, int]] | None:
    """The pieces of a money block run together into one piece (项目资金（万元）年度资金总额5其中：
    财政拨款5其他资金, or a key's value 1125其中：财政拨款1125其他资金, 5.00其中:财政拨款5.00, 1125其中:
    财政拨款): (start, end) of the caption, each money key and each amount, in order. Only when the
    whole text is that, three pieces or more or an amount first, a key and an amount among them;
    None else (a goal that names money is never cut)."""
    pos, cuts, keys, amounts = 0, [], 0, 0
    size = len(text)

    def skip(at: int) -> int:
        while at < size and text[at].isspace():
            at += 1
        return at

    pos = skip(pos)
    if glued := _glued_row(text):
        return glued
    if m := _RUN_CAPTION.match(text, pos):
        cuts.append((m.start(), m.end()))
        pos = skip(m.end())
    while pos < size:
        if m := _RUN_AMOUNT.match(text, pos):
            if text[m.end() : m.end() + 1] in ("年", "月", "日"):
                return None  # 2021年度资金总额: a year in the key, no amount
            if cuts and text[cuts[-1][0]].isdigit():
                return None  # two amounts in a row: cells whose keys are not here
            amounts += 1
        elif m := _RUN_WHEREOF.match(text, pos):
            pass  # 资金总额3其中： | 财政拨款数3…: the 其中 of the next key, cut from it
        else:
            found = [k for r in _RUN_KEYS if (k := r.match(text, pos))]
            if not found:
                return None
            m = max(found, key=lambda k: k.end())
            keys += 1
        cuts.append((m.start(), m.end()))
        pos = skip(m.end())
    if not keys or not amounts or len(cuts) < 2:
        return None
    # three pieces or more; or an amount and the next key glued to it (1125其中:财政拨款: a row's
    # amount run into the next row's key), never a key and its amount alone (年度资金总额:16)
    return cuts if len(cuts) >= 3 or text[cuts[0][0]].isdigit() else None


def _money_written(value: _Value | None) -> bool:
    """An amount cell that holds more than nothing: not empty, a dash, or zero."""
    text = _fold(value.text).strip() if value else ""
    return bool(text) and text not in ("—", "-", "--", "——", "/", "无") and not re.fullmatch(r"0+(?:\.0+)?", text)


def _amounts(
    values: dict[str, _Value], failures: Failures, columns: list[str] = ()
) -> tuple[Amounts, dict[str, Span], dict[str, str]]:
    """The amounts of the key–value block, their spans, and the unit written after an amount
    (854万 → 万元); ``columns`` are a 自评表's money columns (see :mod:`.money_run`), for a row
    whose cells ran together."""
    data: dict[str, object] = {}
    spans: dict[str, Span] = {}
    units: dict[str, str] = {}  # field -> 万元 / 元 written after its amount
    if "total_fiscal" in values:  # 本年度申请市财政预算资金 282.92: the total, and all of it 财政拨款
        for field in ("total", "fiscal"):
            values.setdefault(field, values["total_fiscal"])
    if (
        "fiscal" not in values
        and "一般公共预算" in values
        and not any(_money_written(values.get(b)) for b in _BUDGETS[1:])
    ):
        values["fiscal"] = values["一般公共预算"]  # 一般公共预算拨款 250, the other two budgets empty: all of 财政拨款
    if (
        "total" not in values
        and _money_written(values.get("上级资金"))
        and not any(_money_written(values.get(f)) for f in ("fiscal", "special_account", "other", "自筹资金"))
    ):
        values["total"] = values[
            "上级资金"
        ]  # only a transfer from above (中央补助 500): the year's total, not 财政拨款
    if "other" not in values and "自筹资金" in values:  # money from outside the budget: 其他资金 when no row of its own
        values["other"] = values["自筹资金"]
    for field in _AMOUNT_FIELDS[:4]:
        value = values.get(field)
        if value is None:
            continue
        text = _fold(value.text).replace("，", ",").lstrip(":：").rstrip(",；;。、 ")  # 1100.50万元，: a clause's end
        if _SPACED_NUMBERS.search(value.text):  # 213.4 259: two cells' amounts, never one number
            row = value.span.row if value.span else None
            failures.add(f"amounts.{field}", msg("NOT_AN_AMOUNT", text=value.text[:60]), row)
            continue
        if text in ("—", "-", "--", "——", "/", "无"):
            continue  # a dash for an empty cell
        text = re.sub(r"[（(][^（()）]*[)）]$", "", text)  # 854万(高标准农田建设400万元,…): the note is not the amount
        if (pieces := _money_pieces(text)) is not None:
            if len(set(pieces)) > 1:  # 854万700万: two cells' amounts run together, which is the year's is not known
                row = value.span.row if value.span else None
                failures.add(f"amounts.{field}", msg("NOT_AN_AMOUNT", text=value.text[:60]), row)
                continue
            units[field] = "万元" if "万" in text else "元"
            text = pieces[0]  # 854万854万: the 实施周期 and 年度 cells run together, one amount
        if suffix := re.search(r"(万元|万|元)$", text):
            units[field] = "万元" if suffix.group(1).startswith("万") else "元"
        text = re.sub(r"\s*(万元|万|元)$", "", text)  # 4623 万: the unit after a space
        if m := _FUND_THEN_AMOUNT.match(text):  # 中央衔接推进乡村振兴补助资金(少数民族发展任务)50: the fund, its amount
            text = m["amount"]
        if not _AMOUNT_TEXT.match(text) and columns:
            # 194.9194.9100%: 全年预算数 | 全年执行数 | 执行率, read where the numbers pin it; a reading
            # that is only likely (40004000100%) or the start of a longer text is said to be so
            budget, unit, doubt = read_run(text, columns)
            if budget is not None:
                if doubt:
                    row = value.span.row if value.span else None
                    failures.add(f"amounts.{field}", msg(doubt, text=value.text[:40], amount=budget), row)
                if unit:
                    units[field] = unit
                text = budget
        if not _AMOUNT_TEXT.match(text) and columns and field != "total" and (part := _part_of_run(text, data)):
            text = part  # 其中：本年一般公共预算拨款 310.2154.74: its 全年预算数 | 全年执行数, one cut fits the total
        if _AMOUNT_TEXT.match(text):
            problem = None
        elif columns and re.fullmatch(r"[\d.]+[%％][\d.]*", text):
            problem = msg(
                "FORM_MONEY_RUN_TOGETHER", text=value.text[:40], columns="、".join(_COLUMN_WORDS[c] for c in columns)
            )
        else:
            problem = msg("NOT_AN_AMOUNT", text=value.text[:60])
        problem = problem or amount_problem(text)  # too many digits for an amount
        if not problem:
            data[field] = text
            if value.span:
                spans[f"amounts.{field}"] = value.span
        elif text:
            row = value.span.row if value.span else None
            failures.add(f"amounts.{field}", problem, row)
    return Amounts.model_validate(data), spans, units


def _part_of_run(text: str, data: dict[str, object]) -> str | None:
    """The 全年预算数 of a 其中 row of a 自评表 whose two amounts ran together (310.2154.74 =
    全年预算数 310.2 | 全年执行数 154.74, the row has no 分值 or 执行率 to pin the cut): the one
    cut into two amounts whose first is no more than the total read above (a part is never more
    than the whole). None without a total, or when more than one cut fits."""
    total = data.get("total")
    if total is None or not re.fullmatch(r"[\d.]+", text):
        return None
    number = r"(?:0|[1-9]\d*)(?:\.\d+)?"
    fits = [
        text[:k]
        for k in range(1, len(text))
        if re.fullmatch(number, text[:k])
        and re.fullmatch(number, text[k:])
        and Decimal(text[:k]) <= Decimal(str(total))
    ]
    return fits[0] if len(fits) == 1 else None


_COLUMN_WORDS = {
    "start": "年初预算数",
    "budget": "全年预算数",
    "spent": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
}


def _money_header(rows: list[list[Token]]) -> list[str]:
    """The money columns of a 自评表 (年初预算数 | 全年预算数 | … | 执行率 | 得分): the words
    between the money caption and the first amount row, as :func:`money_columns` reads them."""
    text = "".join(_fold(t.text) for row in rows for t in row)  # 預算數 | 資金總額 read as 预算数 | 资金总额
    end = next((m.start() for m in re.finditer(r"资金总额|总额|合计", text)), -1)  # 总额 | 合计: the first row
    return money_columns(text[max(0, end - 120) : end]) if end > 0 else []


def _total_from_parts(
    amounts: Amounts, values: dict[str, _Value], spans: dict[str, Span]
) -> tuple[Amounts, Msg | None]:
    """A total whose cell was left empty under parts that are written (资金总额 | 其中：财政拨款
    500 | 其他资金 —): the templates' 年度资金总额 is the sum of its 其中 rows, so it is that sum,
    said so. Not when a row the four fields do not hold (上级资金, 上年结转) has money: the sum
    would leave it out."""
    if amounts.total is not None or amounts.fiscal is None:
        return amounts, None
    if any(_money_written(values.get(row)) for row in ("上级资金", "上年结转资金")):
        return amounts, None
    total = amounts.parts_sum()
    if amounts.special_account is None and amounts.other is None and "amounts.fiscal" in spans:
        spans["amounts.total"] = spans["amounts.fiscal"]  # the one amount written is the whole
    return amounts.model_copy(update={"total": total}), msg("FORM_TOTAL_FROM_PARTS", total=total)


#: the money block's 其中 rows split by level of government, a transfer from above and then a
#: level's own money (其中：中央、省补助 | 市级财政资金 | 县级财政资金): a row per level. A transfer
#: alone (其中：中央补助 4000) is no 财政拨款 and is not in doubt; a level's own row may be the
#: 财政拨款 or not, and labelers of such forms read it both ways
_BY_LEVEL = re.compile(
    r"其中[:：]?\s*(?:中央|省级?)(?:[、，,]?(?:省|市)级?)*(?:财政)?补助(?:资金)?[^。；;]{0,24}?(?:[市县区]级|本级)(?:财政)?资金"
    # 湖南 自评报告's funds grid, one row a level under each money column (计划安排资金 | 实际到位资金 …):
    # 其中：中央财政 | 省财政 | 市财政 | 县(市)财政 | 其它 (f10)
    r"|其中[:：]?\s*中央财政[^。；;]{0,80}?省财政[^。；;]{0,80}?市财政[^。；;]{0,80}?县(?:[（(][市区][)）])?财政"
)

#: a money row named by a level of government (市级财政资金, 县级财政拨款, 其中：当年县级财政资金):
#: in a split by level it says where the money came from; 本级 / 同级 are not levels but the
#: form's own budget (LABELING F2)
_LEVEL_ROW = re.compile(r"^(?:其中[:：\-－]?\s*)?(?:当年|本年)?[市县区省]级财政")


def level_row(key: str) -> bool:
    """A money key naming a level of government's row (县级财政资金), not the 财政拨款 column."""
    return bool(_LEVEL_ROW.match(re.sub(r"\s", "", _fold(key))))


def _block_text(rows: list[list[Token]]) -> str:
    return " ".join(token.text for row in rows for token in row if token.text)  # 其中: | 中央、省…: cut at the key


def money_by_level(rows: list[list[Token]]) -> str | None:
    """The words of a 其中 row that opens a split of the money by level of government. Which
    level's row is the 财政拨款 is a judgement (the county's own money, or none of them):
    whatever was read for 财政拨款 is said to be in doubt."""
    if (m := _BY_LEVEL.search(_block_text(rows))) is None:
        return None
    return " ".join(dict.fromkeys(m.group().split()))[:40]  # a row under each money column: its words once


#: the heads of a budget's cost table written before its rows (项目预算成本构成 | 金额 | 测算(公式)依据 |
#: 2020年实际执行数 | 2021年实际执行数, 湖北 鄂州's 项目支出绩效目标表): its columns in order
_COST_TABLE = re.compile(r"成本构成|支出明细|经费明细|预算明细")
_COST_HEAD = re.compile(r"金额|测算(?:[（(]公式[)）])?依据|(?:\d{4}年)?(?:实际)?执行数|(?:\d{4}年)?预算数")
_PLAIN = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def total_of_items(before: str, run: str) -> tuple[str, list[str]] | None:
    """The 合计 of a budget's cost table whose cells ran together (合计814662.98794.55 =
    金额 814 | 2020年实际执行数 662.98 | 2021年实际执行数 794.55): the rows above it give their
    own amounts (保安服务费191依据招标文件191191…: 金额 191, then the 测算依据 text and the
    other numeric cells), and the 合计's first cell is their sum. (that sum as the run writes it,
    the rows' amounts), when the run starts with it; None when the rows do not read so."""
    if not _COST_TABLE.search(before) or not re.fullmatch(r"[\d.]+", run):
        return None
    heads = list(_COST_HEAD.finditer(before, _COST_TABLE.search(before).end()))
    if not heads or heads[0].group() != "金额":
        return None  # the amount is the table's first numeric column
    rest = before[heads[-1].end() :]
    numeric_after = sum(1 for h in heads[1:] if "依据" not in h.group())  # the cells after the basis
    pieces = re.findall(r"([^\d.]+)([\d.]+)", rest)
    step = 2 if numeric_after else 1  # a row: name | amount (| basis | its other cells, run together)
    if not pieces or len(pieces) % step or "".join(a + b for a, b in pieces) != rest:
        return None
    amounts = [pieces[k][1] for k in range(0, len(pieces), step)]
    if len(amounts) < 2 or not all(_PLAIN.fullmatch(a) for a in amounts):
        return None
    total = sum((Decimal(a) for a in amounts), Decimal(0))
    written = format(total.normalize(), "f") if total == total.to_integral() else str(total)
    if not run.startswith(written) or run == written:
        return None
    return written, amounts
