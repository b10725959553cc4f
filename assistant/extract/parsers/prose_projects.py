"""Several projects in one text: the numbered items, headings and listed parts that each name one.

A lottery-fund notice lists its uses as numbered items with their amounts (``1、2024年百岁老人慰问费
1.35万元；``), a disclosure heads each project ``1、“X”项目``, a report has subheadings ``(一)X项目``
or items under 项目立项背景, a plan has parts ``一、X资金24万元``, and passed money is split after 其中
into parts that add up to it. Each reader returns (match, name, amount or None), two items or more
numbered in order; a budget's breakdown (收入/支出 lines, 中央资金 sources) is no list of projects.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .prose_money import _AMOUNT, _GENERIC, _SOURCE, _names_a_source, _number
from .prose_text import _NEXT_HEADING, _item_headed

#: a numbered item: 1、… ；  2.…。 (at a line start or after a space or a full stop)
_ITEM = re.compile(r"(?:^|(?<=[\s。；;]))(?P<n>\d{1,2})[、.．][ \t\u3000]*(?P<title>[^\n。；;]{2,80}?)[；;。]", re.M)
#: a report's subheading naming one project: (一)馆藏档案日常维护项目
_HEAD_ITEM = re.compile(
    r"^[ \t\u3000]*[（(](?P<n>[一二三四五六七八九])[)）][ \t\u3000]*(?P<title>[^\n。；;，,：:]{2,60}?项目)[ \t\u3000]*$",
    re.M,
)
_NUMERALS = "一二三四五六七八九"
_QUOTED = re.compile(r"^[“\"「『](?P<name>[^”\"」』]{2,60})[”\"」』][ \t\u3000]*项目$")
_WITH_AMOUNT = re.compile(rf"^(?P<name>.*?[^\d.\s])[ \t\u3000]*{_AMOUNT}$")


#: the words leading an item's amount after its name: ，安排资金 / ：预算 / ，共计
_AMOUNT_LEAD = re.compile(
    r"[，,：:；;][ \t\u3000]*(?:安排|下达|共计|合计)?(?:资金|金额|预算|总额)?[为是:：]?[ \t\u3000]*$"
)


def _items(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """The numbered project items 1, 2, … (two or more): each with its name and its amount."""
    found: list[tuple[re.Match[str], str, tuple[Decimal, str] | None]] = []
    for m in _ITEM.finditer(plain):
        if int(m.group("n")) != len(found) + 1:
            if int(m.group("n")) == 1:
                found = []
            else:
                continue
        title = m.group("title").strip()
        if q := _QUOTED.match(title):
            found.append((m, q.group("name").strip(), None))
        elif a := _WITH_AMOUNT.match(title):
            name = _AMOUNT_LEAD.sub("", a.group("name")).strip()  # 1、X项目，安排资金20万元
            found.append((m, name, (_number(a), a.group("cur"))))
        elif title.endswith("项目"):
            found.append((m, title, None))
    # a final account's lines (1、收入:792.22万元 2、支出:799.12万元), not projects
    if len(found) >= 2 and not any(_ACCOUNT_LINE.match(name) for _, name, _ in found):
        return found
    return (
        _quoted_lines(plain)
        or _amount_led_items(plain)
        or _heading_items(plain)
        or _background_items(plain)
        or _numeral_items(plain)
        or _split_items(plain)
        or _spending_items(plain)
        or _itemized_parts(plain)
    )


#: the parts of an amount, after 其中: name and amount, up to ；/;/、/，: 其中:A43.8万元;B43万元;C1500万元。
#: (an amount starts after no digit unless its digits are grouped 1,234: tried from every digit of a
#: long run, the search was quadratic in it)
_PARTS_LEAD = re.compile(rf"(?:(?<!\d)|(?=\d{{1,3}},)){_AMOUNT}[ \t\u3000]*[，,]?[ \t\u3000]*其中[:：，,]?")
_ANY_PART = re.compile(
    rf"[ \t\u3000]*(?P<title>(?P<name>[^、，,；;。:：\n\d]{{4,40}}?)[ \t\u3000]*{_AMOUNT})[ \t\u3000]*(?P<sep>[、，,；;]|)"
)


def _listed_parts(plain: str, pos: int, part: re.Pattern[str]) -> list[re.Match[str]]:
    """The parts listed from ``pos`` on (A43.8万元；B43万元、C…), each matched by ``part``, up to the
    first one with no separator after it."""
    parts = []
    while (m := part.match(plain, pos)) is not None:
        parts.append(m)
        pos = m.end()
        if not m.group("sep"):
            break
    return parts


def _itemized_parts(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """The parts of a report's money (…共计1586万元,其中:A43.8万元;B43万元;C1500万元) when each part
    heads an item of its own elsewhere (1. A:保证… ; (2)B:已于…完成): the report tells each part's goal
    or progress, so each is a project (l08). Parts that no item heads are a budget's breakdown
    (人员经费, 公用经费, 中央资金) and are not read."""
    for lead in _PARTS_LEAD.finditer(plain):
        parts = _listed_parts(plain, lead.end(), _ANY_PART)
        if len(parts) < 2 or _names_a_source(parts):
            continue
        if all(re.search(_item_headed(m.group("name").strip()), plain, re.M) for m in parts):
            return _as_items(parts)
    return []


def _as_items(parts: list[re.Match[str]]) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """Listed parts as projects: each its name and its amount."""
    return [(m, m.group("name").strip(), (_number(m), m.group("cur"))) for m in parts]


#: a line of a unit's accounts, not a project: 收入, 支出, 财政拨款收入, 基本支出, 项目支出, 人员经费支出
_ACCOUNT_LINE = re.compile(
    r"^(?:(?:本年|年度)?(?:财政拨款|一般公共预算|政府性基金|上级补助|事业|经营|其他)?收入"
    r"|(?:本年|年度)?(?:基本|项目|人员经费|公用经费|日常公用经费|经营|其他)?支出)(?:合计|总计)?$"
)
#: a unit's report listing its project spending: 项目支出包括委员活动经费36.3万元,扫黑除恶工作经费1万元,…
_SPENDING = re.compile(r"项目支出(?:主要)?(?:包括|包含|有)[:：]?")


def _spending_items(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """The projects a unit's report lists after 项目支出包括 (two or more, each a name ending in
    经费/资金/项目/… and its amount, separated by 、 or a comma): one project each."""
    for lead in _SPENDING.finditer(plain):
        parts = _listed_parts(plain, lead.end(), _PART)
        if len(parts) >= 2 and not _names_a_source(parts):
            return _as_items(parts)
    return []


#: a plan's part naming a fund and its money: 一、2022年省级残疾人康复资金24万元，其中…
_NUMERAL_ITEM = re.compile(
    rf"^[ \t\u3000]*(?P<num>[一二三四五六七八九十])、[ \t\u3000]*(?P<title>(?P<name>[^\n，,。；;：:、]{{4,60}}?"
    rf"(?:资金|经费|项目|补助|补贴|工程))[ \t\u3000]*{_AMOUNT})(?=[ \t\u3000]*(?:[，,。；;（(]|$))",
    re.M,
)


def _numeral_items(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """Parts 一、 二、 … (two or more, in order) each opening with a fund's name and its money
    (一、2022年省级残疾人康复资金24万元，其中…): one project each."""
    found: list[tuple[re.Match[str], str, tuple[Decimal, str] | None]] = []
    for m in _NUMERAL_ITEM.finditer(plain):
        n = _NUMERALS.index(m.group("num")) + 1 if m.group("num") in _NUMERALS else 10
        if n != len(found) + 1:
            if n != 1:
                continue
            found = []
        found.append((m, m.group("name").strip(), (_number(m), m.group("cur"))))
    # parts naming where the money comes from (一、中央资金…) or no fund at all (二、项目资金…) are no projects
    if any(_SOURCE.match(name) or len(_GENERIC.sub("", name)) < 2 for _, name, _ in found):
        return []
    return found if len(found) >= 2 else []


#: money passed and itemized in one sentence: 下达省级福彩公益金113万元，其中A项目48万元、B资金15万元…
_PASSED = re.compile(
    rf"(?:下达|拨付|下拨|安排|分配)[^。\n]{{0,40}}?{_AMOUNT}[ \t\u3000]*[，,]?[ \t\u3000]*其中[:：，,]?"
)
_PART = re.compile(
    rf"[ \t\u3000]*(?P<title>(?P<name>[^、，,；;。:：\n\d]{{4,40}}?(?:项目|资金|经费|补助|补贴|工程))[ \t\u3000]*{_AMOUNT})"
    r"[ \t\u3000]*(?P<sep>[、，,；;]|)"
)


def _split_items(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """The parts of the money a sentence passes (下达…113万元，其中A项目48万元、B资金15万元、C资金50万元),
    two or more, each named for what it pays for, adding up to the whole: one project each."""
    for lead in _PASSED.finditer(plain):
        parts = _listed_parts(plain, lead.end(), _PART)
        if (
            len(parts) >= 2
            and len({m.group("cur") for m in parts} | {lead.group("cur")}) == 1
            and sum(_number(m) for m in parts) == _number(lead)
            and not _names_a_source(parts)
        ):
            return _as_items(parts)
    return []


#: a report's paragraph per project, opened by its name and its money, then what it pays for:
#: 1.驻京驻肥工作组项目120万元,主要用于… (the paragraph runs on past any length a title has)
_AMOUNT_LED = re.compile(
    r"^[ \t\u3000]*(?P<num>\d{1,2})[、.．][ \t\u3000]*(?P<title>(?P<name>[^\n，,。；;：:“”]{2,40}?"
    rf"(?:项目|资金|经费|工程|补助|补贴))[ \t\u3000]*{_AMOUNT})",
    re.M,
)


def _amount_led_items(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """Paragraphs 1. 2. … (two or more, in order from 1) each opened by a project's name and its
    amount (1.X项目120万元,主要用于…): one project each; not when a part names where money comes
    from (1.中央资金…)."""
    found: list[re.Match[str]] = []
    for m in _AMOUNT_LED.finditer(plain):
        if int(m.group("num")) != len(found) + 1:
            if int(m.group("num")) != 1:
                continue
            found = []
        found.append(m)
    if len(found) < 2 or _names_a_source(found):
        return []
    return _as_items(found)


#: a disclosure's project heading on a line of its own: 1、“X”项目
_QUOTED_LINE = re.compile(
    r"^[ \t\u3000]*(?P<n>\d{1,2})[、.．][ \t\u3000]*(?P<title>[“\"「『][^”\"」』\n]{2,60}[”\"」』][ \t\u3000]*项目)[ \t\u3000]*$",
    re.M,
)


def _quoted_lines(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """Projects headed 1、“X”项目 / 2、“Y”项目 on lines of their own, numbered in order from 1:
    the quoted name is the project's, even when the text was cut after the first."""
    found: list[tuple[re.Match[str], str, tuple[Decimal, str] | None]] = []
    for m in _QUOTED_LINE.finditer(plain):
        if int(m.group("n")) != len(found) + 1:
            continue
        q = _QUOTED.match(m.group("title").strip())
        if q is not None:
            found.append((m, q.group("name").strip(), None))
    return found


def _heading_items(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """A report's subheadings (一)X项目 (二)Y项目 alone on their lines (two or more, in order):
    one project each, its money and goal told in the paragraphs under it."""
    found: list[tuple[re.Match[str], str, tuple[Decimal, str] | None]] = []
    for m in _HEAD_ITEM.finditer(plain):
        n = _NUMERALS.index(m.group("n")) + 1 if len(m.group("n")) == 1 else 0
        if n != len(found) + 1:
            if n != 1:
                continue
            found = []
        found.append((m, m.group("title").strip(), None))
    return found if len(found) >= 2 else []


#: a report's heading over each project's background: 1.项目立项背景 ; （一）立项背景
_BACKGROUND = re.compile(
    r"^[ \t\u3000]*(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])?[ \t\u3000]*(?:项目)?立项背景[ \t\u3000]*$",
    re.M,
)
#: under it, one project per item, named by its title (alone on its line, or ending at 。):
#: (1)档案管护工作经费 ; (2)红河州一中心一平台六大库N应用经费。党中央…
_BACKGROUND_ITEM = re.compile(
    r"^[ \t\u3000]*[（(](?P<n>\d{1,2})[)）][ \t\u3000]*"
    r"(?P<title>[^\n。；;，,：:（()）]{2,40}?(?:经费|资金|项目|专项|工程|补助|补贴))[ \t\u3000]*(?:。|$)",
    re.M,
)


def _background_items(plain: str) -> list[tuple[re.Match[str], str, tuple[Decimal, str] | None]]:
    """The items (1)X经费 (2)Y经费 … (two or more, in order) under a 项目立项背景 heading: a unit's
    self-evaluation report (云南's template, one report for all of a unit's projects) tells each
    project's background under that heading, one item per project, titled by its name. A title
    is a name only when it ends in what a budget line pays (经费, 资金, 项目, …): (1)政策依据 is not."""
    head = _BACKGROUND.search(plain)
    if head is None:
        return []
    found: list[tuple[re.Match[str], str, tuple[Decimal, str] | None]] = []
    pos = head.end()
    while (m := _BACKGROUND_ITEM.search(plain, pos)) is not None and int(m.group("n")) == len(found) + 1:
        between = _NEXT_HEADING.search(plain, pos, m.start())
        if between is not None:  # another section began before this item
            break
        found.append((m, m.group("title").strip(), None))
        pos = m.end()
        nxt = plain.find("\n", pos)
        pos = len(plain) if nxt < 0 else nxt + 1
    return found if len(found) >= 2 else []
