"""A notice passing a fund (下达, 拨付): the fund it names and the money it passes.

``现拨付你单位X资金15664万元``, ``现将X资金下达给你们``, ``关于下达X的通知``: the fund is the project.
Its amount is the one written right after its name; with none, the 合计 row of the attached
分配表/安排表 (its unit stated) gives it, flagged. A fund cited in another notice's title (《…》) is
not this notice's; funds of different names leave the notice unnamed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...messages import msg
from ...schema import Failure
from .prose_money import _AMOUNT, _GENERIC, _number
from .prose_read import _Read

#: a notice's sentence passing a fund: 现拨付你单位X资金15664万元 ; 现将X资金下达给你们 ; 下达我市X工程160万元
_RECIPIENT = r"(?:给|至)?(?:你们|你单位|你局|你委|你县|你市|你区|你州|你乡|你镇|各地|我市|我县|我区|我州|我省)?(?:[（(][^）)\n]{1,10}[)）])?"
#: the unit money is passed to, by its name: 红河州司法局 ; 某县教育体育局
_UNIT = r"[\u4e00-\u9fff]{2,16}?(?:局|委员会|委|办公室|中心|院|厅|站|所|馆|校|队)"
_FUND_NAME = (
    r"(?P<name>(?:\d{4}|20xx)[^，,。；;：:\n“”《》]{2,58}?(?:资金|经费|工程)"
    r"|[^\d，,。；;：:\n“”《》（(][^，,。；;：:\n“”《》]{3,58}?(?:资金|经费|工程))"
)
#: a bracketed qualifier after the fund's name, before its amount: X专项资金(第一批整镇推进奖补)100万元
_BATCH = r"(?:[（(][^（()）\n]{1,30}[)）])?"
_PASSING = (
    re.compile(rf"现将{_FUND_NAME}(?:[ \t\u3000]*{_AMOUNT})?下达"),
    # the amount right after the name, or after a comma and 合计 (下达我区X资金,合计13,804万元)
    re.compile(
        rf"(?:下达|拨付|下拨){_RECIPIENT}{_FUND_NAME}{_BATCH}(?:[ \t\u3000]*(?:[，,][ \t\u3000]*(?:合计|共计|总计))?{_AMOUNT})?"
    ),
    # a bureau's own account of the money it got: 财政局拨入红河州司法局法律援助专项经费20.00万元
    re.compile(rf"拨入{_UNIT}{_FUND_NAME}[ \t\u3000]*{_AMOUNT}"),
)


def _cited(plain: str, at: int) -> bool:
    """``at`` is inside a cited document's title (《…关于下达X资金的通知》): another notice, not this one."""
    line_start = plain.rfind("\n", 0, at) + 1
    return plain.rfind("《", line_start, at) > plain.rfind("》", line_start, at)


def _passed_fund(plain: str, end: int, source: str) -> _Read | None:
    """The one fund a notice passes, named by the sentence that passes it (现拨付你单位X资金15664万元,
    现将X资金下达给你们), with the amount written right after the name; flagged as read from that
    sentence. None when the text passes no fund, or passes funds of different names."""
    found = sorted(
        (
            m
            for p in _PASSING
            for m in p.finditer(plain, 0, end)
            if not _cited(plain, m.start()) and len(_GENERIC.sub("", m.group("name"))) >= 2
        ),
        key=lambda m: m.start(),
    )
    if len(found) > 1 and len({m.group("name") for m in found}) > 1:
        # the whole first, then its batches (下达…X资金,合计13,804万元 / 下达X专项资金11,193万元 / …2,611万元):
        # the later passings add up to the first one's amount
        first, rest = found[0], found[1:]
        if not (first.group("n") and all(m.group("n") for m in rest)):
            return None
        if len({m.group("cur") for m in found}) > 1 or sum(_number(m) for m in rest) != _number(first):
            return None
        found = [first]
    if not found:
        return None
    m = found[0]
    read = _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_FROM_TEXT", name=read.name)))
    amounts = {(_number(a), a.group("cur")) for a in found if a.group("n")}
    if len(amounts) == 1:
        a = next(a for a in found if a.group("n"))
        read.total = (_number(a), a.group("cur"), a.start("n"), False)
    elif not amounts and (allocated := _allocation_total(plain, read.name)):
        read.total = allocated[0]
        read.notes.append(
            Failure(
                source=source,
                field="amounts.total",
                message=msg(
                    "PROSE_AMOUNT_FROM_ALLOCATION", table=allocated[1], amount=allocated[0][0], currency=allocated[0][1]
                ),
            )
        )
    return read


#: the attached table splitting a fund: X资金分配表 / X资金安排表, on a line of its own
_ALLOCATION_TITLE = re.compile(
    r"^[ \t\u3000|｜]*(?P<title>[^\n|｜]{4,80}?(?:分配表|安排表|分配情况表|安排情况表))[ \t\u3000|｜]*$", re.M
)
#: the 合计 row: a cell ending in 合计 (浙江省合计 | 18900 …), not a header's 合计下达
_TOTAL_ROW = re.compile(r"^[^\n]*合计[ \t\u3000]*(?:[|｜][^\n]*)?$", re.M)
_TABLE_UNIT = re.compile(r"(?:单位|金额)[ \t\u3000]*[:：(（]?[ \t\u3000]*(?P<cur>万元|元)")
_CELL_NUMBER = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.,])")


def _allocation_total(plain: str, name: str) -> tuple[tuple[Decimal, str, int, bool], str] | None:
    """The 合计 of the attached table that splits the fund (附件1 X资金分配表 … 合计 … 3000), when the
    table states its unit (单位:万元, 金额(万元)) before that row: the row's last number (合计下达 after
    已预下达 and 本次下达), or, when the row is cut over lines, the first number after it."""
    for t in _ALLOCATION_TITLE.finditer(plain):
        if name not in t.group("title"):
            continue
        total = _TOTAL_ROW.search(plain, t.end())
        unit = _TABLE_UNIT.search(plain, t.end(), total.start()) if total else None
        if total is None or unit is None:
            continue
        numbers = list(_CELL_NUMBER.finditer(plain, total.start(), total.end()))
        if not numbers:  # the row's cells on lines of their own: | 合计 | / | / | 3000 |
            m = _CELL_NUMBER.search(plain, total.end(), total.end() + 40)
            if m is None or re.search(r"[\u4e00-\u9fff]", plain[total.end() : m.start()]):
                continue
            numbers = [m]
        m = numbers[-1]
        return (_number(m), unit.group("cur"), m.start("n"), False), t.group("title").strip()
    return None


#: a fund-passing notice's title: 某局关于(提前)下达X(预算)的通知; X is the fund the notice is about
_FUND_NOTICE = re.compile(r"关于(?:提前)?下达(?P<name>.{4,60}?)(?:预算)?的通知$")


def _amount_after_name(
    plain: str, name: str, start: int, end: int
) -> tuple[tuple[Decimal, str, int, bool] | None, list[re.Match[str]]]:
    """The amount the body writes right after the fund's name (现下达X150万元, X共780万元): the
    notice's total, when every such mention gives the same amount; else None (the money
    sentences are then read as for any report). And every such mention."""
    found = list(
        re.finditer(re.escape(name) + rf"[ \t\u3000]*(?:共计|合计|总计|共|计)?[ \t\u3000]*{_AMOUNT}", plain[:end])
    )
    found = [m for m in found if m.start() >= start]
    if not found or len({(_number(m), m.group("cur")) for m in found}) > 1:
        return None, found
    m = found[0]
    return (_number(m), m.group("cur"), m.start("n"), False), found
