"""Project fields stated in running text: notices and evaluation reports with no table.

Townships and bureaus publish a project's basics as prose more often than the standard forms
suggest: a lottery-fund notice lists its uses as numbered items (``1、2024年百岁老人慰问费1.35万元；``),
a disclosure of project basics writes each project as ``1.“文化中心运营专项经费”项目。`` followed by
``(6)年度预算安排。财政拨款634万元`` and ``(7)绩效目标。…``, and a 绩效评价报告 writes
``…项目预算合计为423.38万元`` or ``项目总投资19万元``. A clerk reads the name, the money and the
goal from these sentences; so does this reader, by the same landmarks:

* projects: numbered items (two or more, numbered 1, 2, …) whose title is a quoted name followed by
  项目, a name ending in 项目, or a name followed by its amount; otherwise one project, named by a
  ``项目名称`` field, by the subject of the sentence that states its money (``X项目预算合计为…``,
  ``该X项目于…``, ``X项目立项批复…``), or by the report's title (``关于2019年度X绩效评价报告``,
  ``某局关于X绩效的自评报告``; a transfer's title ``宁国市2023年X资金转移支付…报告`` names X资金 and
  comes before any money sentence), or by the fund a notice passes (``现拨付你单位X资金15664万元``,
  ``现将X资金下达给你们``); a ``项目名称`` field after the items (a form cut after its first row) is
  one more project, name only; a name from a ``项目名称`` heading (``一、项目名称`` / the name under
  it), from the title or from the passing sentence stands alone, with nothing else told (an inline
  ``项目名称：X`` field does not: alone, it is no report);
* a plan's parts ``一、X资金24万元，…`` ``二、Y资金0.4万元`` are one project each, as are the parts of
  passed money that add up to it (``下达…113万元，其中A项目48万元、B资金15万元、C资金50万元``; not
  its sources, 中央资金 / 一般公共预算资金);
* money: an amount written right after a money word (预算, 总投资, 资金, 拨款, 合计, 安排, 批复,
  下达, 拨付); what was actually paid (实际拨付…) and a zero are no budget; one amount is the total
  (also the fiscal amount when it is 财政拨款), several different ones are not read (a failure says
  so) unless the sentence naming the project states one of them; a notice passing a fund with no
  amount takes the 合计 row of its attached 分配表/安排表 (its unit stated), flagged;
* goal: the text after ``绩效目标：`` / ``绩效目标。`` up to the next numbered field, ended at its last
  full stop (what follows without one is a heading, not the goal); with no colon, the sentence
  after ``总体绩效目标为`` (and those going on ``二是…``);
* indicators only from clearly marked items: lines opened by a category label (``数量指标：慰问人数=9人``,
  or the lines under a label alone on its line), clauses naming their target (``年初目标值≥90%``), a
  绩效目标 line made only of ``name + sign + value`` items (``道路硬化≥0.565km；…``) or ending in a list
  of them (:mod:`.prose_targets`). What the text says was achieved (``当年实际完成9人``, ``完成90%``)
  is never a target.

Everything read here comes from sentences, so the table carries a failure saying so (every
project is flagged for a human, and ``--backend auto`` hands the document to the LLM); each
amount and indicator also carries a failure at its line. A text with no project name, or with a
name from a money sentence but no money, goal or indicator, is not read (the caller refuses it).
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...compare_words import SIGNS
from ...ingest.document import Document
from ...messages import msg
from ...schema import Amounts, BudgetTable, Failure, Indicator, Project, RunMeta, Span, Unit
from ...taxonomy import code_for_level1_name, code_for_level2_name
from .form.cut import _UNIT
from .form.labels import _READING, _T2S  # _READING: a mirror's pinyin after a character, 數(shù)
from .prose_targets import _ITEM_NUMBER, count_in, goal_targets, stated_targets, targets_in

__all__ = ["goal_under_heading", "name_in_money_sentence", "read_prose_fields"]

#: an amount and its unit; thousands may be separated (13,804万元)
_AMOUNT = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \t\u3000]*(?P<cur>万元|元)"
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
_MONEY_WORD = r"(?:预算|总投资|投资总额|资金|拨款|合计|安排|批复|下拨|下达|拨付|指标金额)"
#: the words leading an item's amount after its name: ，安排资金 / ：预算 / ，共计
_AMOUNT_LEAD = re.compile(
    r"[，,：:；;][ \t\u3000]*(?:安排|下达|共计|合计)?(?:资金|金额|预算|总额)?[为是:：]?[ \t\u3000]*$"
)
#: 其中 right after an amount (within its sentence or the next): what follows splits that amount
_PARTS = re.compile(r"\d[ \t\u3000]*(?:万元|元)[ \t\u3000。，,；;]{0,3}其中")
_MONEY = re.compile(rf"{_MONEY_WORD}(?:资金|金额|总额|总计|合计|数)?(?:共计|共|[为是:：])?[ \t\u3000]*{_AMOUNT}")
#: the subject of a sentence stating the money: X项目预算合计为… ; 该X项目于…
_SUBJECT = re.compile(
    # the year and the writer's own place heading the sentence are not the name's: 20xx我县X项目投入…资金共…
    rf"(?:^|(?<=[。\n]))[ \t\u3000]*(?:(?:\d{{4}}|20xx)年?度?)?(?:我[县区市州省镇乡])?(?P<this>该)?"
    rf"(?P<name>[\u4e00-\u9fff\d][^。\n，,；;：:“”]{{1,80}}?项目)(?=于|立项批复|投入|{_MONEY_WORD})"
)
_NAME_FIELD = re.compile(
    r"项目名称[ \t\u3000]*[:：|｜][ \t\u3000|｜]*(?P<name>[^|｜\n]{2,80}?)[ \t\u3000]*(?:[|｜\n]|$)"
)
#: 项目名称 as a heading of its own (一、项目名称), the name alone on the next line with text under it
_NAME_HEADING = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）])?[ \t\u3000]*"
    r"项目名称[ \t\u3000]*[:：]?[ \t\u3000]*\n(?:[ \t\u3000]*\n)*[ \t\u3000]*"
    r"(?P<name>[^\s。；;，,:：|｜][^\n。；;，,:：|｜]{1,59}?)[ \t\u3000]*\n",
    re.M,
)
_TITLE_WORDS = re.compile(r"(?:公示|公告|通知|报告|说明|情况)[ \t\u3000]*$")
_NAME_IN_TITLE = re.compile(
    # the writer may head the title (某局关于…); 绩效的自评报告, 绩效评价自评报告, 支出绩效自评报告 as written
    # a bracketed kind of money heads some titles: (直达资金)X工程项目2020年度绩效自评报告
    r"^(?:[（(][^）)\n]{2,8}资金[)）])?(?:[^\n关]{2,30}关于)?(?:关于)?(?:\d{4}年度?)?(?P<name>.+?)(?:\d{4}年度?)?(?:项目)?(?:支出)?"
    r"(?:绩效的?(?:自评|评价){0,2}报告|绩效目标|资金使用情况)"
)
#: what a disclosure title lists after the project (…项目立项依据、实施主体、预算安排及绩效目标情况公示)
_ASPECTS = re.compile(r"(?<=项目)(?:的)?(?:(?:立项依据|实施主体|预算安排|资金安排|建设内容|实施内容)[、，,和及与]*)+$")
#: the goal's label as the templates write it: 绩效目标, 年度(绩效)目标, 总体(绩效)目标, 项目绩效目标
_GOAL = re.compile(
    r"(?:(?:年度|总体|项目)(?:绩效)?|绩效)总?目标(?:是|为)?[ \t\u3000]*[:：。][ \t\u3000]*(?P<goal>[^\n]+)"
)
#: the goal told in a sentence with no colon: 本项目总体绩效目标为治理… ; 总体绩效目标一是…。二是…。
#: the goal is that sentence, and the ones after it that go on counting (二是, 三是 …). The label is
#: qualified (总体, 年度, 项目): a bare 我绩效目标是… may be a report's account of what was done
_GOAL_SAID = re.compile(r"(?:年度|总体|项目)(?:绩效)?目标(?:(?:是(?!否)|为)(?![:：\s。，,])|(?=一是))(?P<goal>[^\n]+)")
_COUNTED = re.compile(r"[二三四五六七八九十]是")
#: the goal as a report's heading on a line of its own, its text the paragraph under it:
#: (二)项目绩效目标 / 2020年,我绩效目标是… ; (一)绩效目标情况 / 建设8个… (not …完成情况, what was done)
_GOAL_HEADING = re.compile(
    r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十\d]{1,2}[、.．])[ \t\u3000]*"
    # another aspect may come first: 1.项目立项目的和年度绩效目标
    # the project's own goal needs no 绩效: 一、 项目总体目标 ; 预期总目标 (not 总体目标 alone: a report's
    # 1.总体目标 may be the evaluation's, 通过此次绩效评价…, m15)
    r"(?:[\u4e00-\u9fff]{2,8}[和及与])?(?:(?:项目|年度|总体|整体|项目年度|项目总体|项目整体)?绩效目标"
    r"|项目(?:年度|总体|整体)目标|预期总?目标)(?:情况)?"
    r"[ \t\u3000]*[:：。]?[ \t\u3000]*\n(?:[ \t\u3000]*\n)*[ \t\u3000]*"
    # the paragraph is no heading of its own, and does not end in a colon (…如下表所示：, a table's lead)
    r"(?P<goal>(?![（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|\d{1,2}[、.．])[^\n]*[^\n:：\s])[ \t\u3000]*$",
    re.M,
)
#: the next numbered field of an item ((7)绩效目标。… (8)…) ends the goal; 1. 2. inside a goal are its own
_FIELD_MARK = re.compile(r"[（(]\d{1,2}[)）]")
_DEPARTMENT = re.compile(
    r"(?P<key>项目主管部门|主管部门|实施主体|实施单位|来源|发布机构)[ \t\u3000]*[:：。][ \t\u3000]*"
    r"(?P<name>[^\s。；;，,|｜]{2,40})"
)
_DEPARTMENT_ORDER = ("项目主管部门", "主管部门", "实施主体", "实施单位", "发布机构", "来源")
_STOP = re.compile(r"^[ \t\u3000]*(?:来源[:：]|附件|扫一扫)", re.M)
#: a line opened by a category label: 数量指标：… ; 1.数量指标。… ; (2)质量指标… ; ②时效指标:… ; 产出数量指标：… ;
#: 效益指标：… (level 1 only) ; 3.满意度指标完成情况分析。… (a level-1 heading with its sentence) ;
#: (1)经济效益。… (a level-2 name without 指标, after a number) ; 满意度指标(服务对象满意度指标):… (level 1
#: with its level 2 in brackets). ``sep`` is empty when the label runs on into its sentence; ``body`` is
#: empty when the label is a line of its own (its sentence is the next line).
_LEVEL2 = re.compile(
    r"^[ \t\u3000]*(?P<num>(?:\d{1,2}[、.．]|[一二三四五六七八九十]{1,3}、|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩])[ \t\u3000]*)?"
    r"(?:(?P<l1h>(?:产出|效益|满意度)指标)完成情况(?:分析)?"
    r"|(?P<label>(?:产出|效益)?(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|社会公众满意度|满意度)指标"
    r"|(?P<bare>经济效益|社会效益|生态效益|可持续影响)(?=[ \t\u3000]*[:：。.]))"
    r"|(?P<l1>产出|效益)指标)"
    r"(?:[（(](?P<sub>[^（()）\n]{2,14}指标)[)）])?"
    r"[ \t\u3000]*(?P<sep>[:：。.]?)[ \t\u3000]*(?P<body>[^\n]*)",
    re.M,
)
#: a level-1 heading on its own line: (1)产出指标。 ; 1.产出指标完成情况分析 ; 二、效益指标
_LEVEL1_HEAD = re.compile(
    r"^[ \t\u3000]*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])?"
    r"[ \t\u3000]*(?P<label>(?:产出|效益|满意度)指标)(?:完成情况(?:分析)?)?[ \t\u3000]*[:：。.]?[ \t\u3000]*$",
    re.M,
)
_SIGN = r"[" + SIGNS + r"]{1,2}"
#: a target: a sign, a number and its unit (one known measure word, Latin letters, or one character
#: closing the item: ≥100岁)
_VALUE = re.compile(
    rf"{_SIGN}[ \t\u3000]*\d+(?:\.\d+)?[ \t\u3000]*(?:{_UNIT}|[a-zA-Z]{{1,4}}|[\u4e00-\u9fff](?=[ \t\u3000]*(?:[。；;，,]|$)))?"
)
#: what the text says was done, not the target: 当年实际完成9人, 完成90%
_ACHIEVED = re.compile(r"[,，]?[ \t\u3000]*(?:当年|全年)?(?:实际)?完成(?:情况|值)?[:：]?[ \t\u3000]*\d")


#: an indicator read from the text: (its level-2 label's span or None, name, offset, value, offset,
#: its level-1 label's span or None)
_Item = tuple[tuple[int, int] | None, str, int, str | None, int | None, tuple[int, int] | None]


@dataclass
class _Read:
    """One project as read from the text: each field with its offset in the cleaned text."""

    name: str
    name_at: int
    stretch: tuple[int, int]
    total: tuple[Decimal, str, int, bool] | None = None  # amount, currency, offset, is 财政拨款
    notes: list[Failure] = field(default_factory=list)
    goal: tuple[str, int] | None = None
    indicators: list[_Item] = field(default_factory=list)
    #: named by a 项目名称 heading, the title or the passing sentence: the project stands on its name
    #: alone (nothing else may be told)
    labeled: bool = False
    #: the one amount the sentence naming the project states (X项目立项批复525.39万元): its total when
    #: the text states several
    stated: re.Match[str] | None = None


def _without_readings(text: str) -> tuple[str, list[int]]:
    """The text with pinyin readings removed, and where each kept character was."""
    kept, where, pos = [], [], 0
    for m in _READING.finditer(text):
        kept.append(text[pos : m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    kept.append(text[pos:])
    where.extend(range(pos, len(text) + 1))
    return "".join(kept), where


_CLOSED = "。！？!?；;：:"


def _unwrapped(text: str, where: list[int]) -> tuple[str, list[int]]:
    """The text with a PDF's wrapped lines joined: when three lines or more that end mid-sentence
    share one length of 20 characters or more (the column's width, give or take a character), each
    line of that width that ends mid-sentence (not at 。；： …) runs on into the next."""
    lines = text.split("\n")
    widths = collections.Counter(len(x) for x in lines if len(x) >= 20 and not x.rstrip().endswith(tuple(_CLOSED)))
    full = [w for w, n in widths.items() if n + widths.get(w - 1, 0) >= 3 and n >= 2]
    if not full:
        return text, where
    width = max(full)
    kept, kept_where, pos = [], [], 0
    for n, line in enumerate(lines):
        kept.append(line)
        kept_where.extend(where[pos : pos + len(line)])
        pos += len(line)
        if n + 1 < len(lines):
            if not (width - 1 <= len(line) <= width and not line.rstrip().endswith(tuple(_CLOSED))):
                kept.append("\n")
                kept_where.append(where[pos])
            pos += 1
    kept_where.append(where[pos])
    return "".join(kept), kept_where


def _number(m: re.Match[str]) -> Decimal:
    """The amount a money match holds, its thousands separators left out."""
    return Decimal(m.group("n").replace(",", ""))


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
        or _heading_items(plain)
        or _background_items(plain)
        or _numeral_items(plain)
        or _split_items(plain)
        or _spending_items(plain)
        or _itemized_parts(plain)
    )


#: the parts of an amount, after 其中: name and amount, up to ；/;/、/，: 其中:A43.8万元;B43万元;C1500万元。
_PARTS_LEAD = re.compile(rf"{_AMOUNT}[ \t\u3000]*[，,]?[ \t\u3000]*其中[:：，,]?")
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


def _goal_item(plain: str, name: str) -> tuple[str, int] | None:
    """A part's goal: the text of the item it heads (1. A:保证…;) under a heading naming the goal
    ((二)绩效目标情况), up to the item's ；/; or its line's end; None when no such item."""
    for m in re.finditer(_item_headed(name) + r"[ \t\u3000]*(?P<goal>[^\n；;]+)", plain, re.M):
        above = [line for line in plain[: m.start()].split("\n") if line.strip()]
        heading = next((line for line in reversed(above) if not _ITEM_HEAD.match(line)), "")
        if "目标" in heading and _SECTION_HEAD.match(heading):
            return m.group("goal").strip(), m.start("goal")
    return None


#: a numbered item's head: 1. ; 2、 ; (3)
_ITEM_NUMBER_HEAD = r"^[ \t\u3000]*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）])"
_ITEM_HEAD = re.compile(_ITEM_NUMBER_HEAD)


def _item_headed(name: str) -> str:
    """The pattern (re.M) of a numbered item that ``name`` heads: 1. A: ; (2)A："""
    return rf"{_ITEM_NUMBER_HEAD}[ \t\u3000]*{re.escape(name)}[:：]"


def _names_a_source(parts: list[re.Match[str]]) -> bool:
    """Some part names where the money comes from (中央资金, 一般公共预算资金), not what it pays for."""
    return any(_SOURCE.match(m.group("name").strip()) for m in parts)


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
#: a part naming where the money comes from, not what it pays for: 中央资金, 省级配套资金, 一般公共预算资金
_SOURCE = re.compile(
    r"^(?:(?:中央|省|市|县|区|州|乡镇|地方|本级|上级)级?(?:财政)?(?:专项|配套|补助|衔接)?(?:资金|补助)"
    r"|.*(?:一般公共预算|政府性基金|彩票公益金|自筹|配套|债券).*)$"
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
#: the next heading of the report, which ends the last project's background: 2.项目绩效目标 ; （二）… ; 二、…
_NEXT_HEADING = re.compile(
    r"^[ \t\u3000]*(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)", re.M
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
    return {(str(_number(m)), m.group("cur")) for m in found}


def _sum_of_others(values: set[tuple[str, str]]) -> tuple[str, str] | None:
    """The one amount of three or more (one currency) that is the sum of all the others: a
    budget and its parts (预算10441万元，其中中央8353万元、省级2088万元), or a budget, what was spent
    and what is left. Either way it is the project's total."""
    if len(values) < 3 or len({cur for _, cur in values}) > 1:
        return None
    amounts = sorted(values, key=lambda v: Decimal(v[0]))
    *parts, largest = amounts
    return largest if sum(Decimal(a) for a, _ in parts) == Decimal(largest[0]) else None


def _one_smaller_part(values: set[tuple[str, str]], every: list[re.Match[str]]) -> bool:
    """The amounts 其中 left out are none, or a single part in the amount's unit smaller than it
    (预算10441万元。其中，中央资金8353万元): the amount stands. Two parts or more that do not add
    up to it, or a part in another unit, leave the budget in doubt."""
    (whole,) = values
    parts = [(str(_number(m)), m.group("cur")) for m in every]
    parts = [p for p in parts if p != whole]
    if not parts:
        return True
    return len(parts) == 1 and parts[0][1] == whole[1] and Decimal(parts[0][0]) < Decimal(whole[0])


def _goal(plain: str, start: int, end: int) -> tuple[str, int] | None:
    patterns = (_GOAL, _GOAL_HEADING, _GOAL_SAID)
    found = [m for m in (p.search(plain, start, end) for p in patterns) if m]
    if not found:
        return None
    m = min(found, key=lambda m: (m.start(), m.re is _GOAL_SAID))
    text, at = m.group("goal"), m.start("goal")
    text = text[: end - at] if at + len(text) > end else text
    if m.re is _GOAL_SAID:  # the sentence, and those that go on counting
        stop = text.find("。")
        while stop >= 0 and _COUNTED.match(text, stop + 1):
            stop = text.find("。", stop + 1)
        if stop < 0:
            return None  # the sentence does not end: not whole
        text = text[: stop + 1]
    if mark := _FIELD_MARK.search(text, 1):
        text = text[: mark.start()]
    if "。" in text:
        text = text[: text.rfind("。") + 1]
    text = text.strip()
    return (text, at) if text else None


def goal_under_heading(text: str) -> tuple[str, int] | None:
    """The paragraph under a report's goal heading on a line of its own ((一)绩效目标情况 / 建设8个…),
    and where it starts; None when the report has no such heading."""
    plain = _without_readings(text)[0]
    if len(plain) != len(text):
        return None  # a mirror's readings: offsets would not hold
    plain = plain.translate(_T2S)
    m = _GOAL_HEADING.search(plain)
    if m is None:
        return None
    goal = text[m.start("goal") : m.end("goal")].strip()
    return (goal, m.start("goal")) if goal else None


def _cut_item(item: str) -> tuple[str, str | None, int | None]:
    """An item's name and its target: the name ends where the sign starts; an achieved value is dropped."""
    if done := _ACHIEVED.search(item):
        item = item[: done.start()]
    value = _VALUE.search(item)
    if value is None:
        return item.strip(" \t\u3000，,"), None, None
    return item[: value.start()].strip(), value.group(0).strip(), value.start()


def _labeled(plain: str, start: int, end: int) -> list[_Item]:
    """Indicators of lines opened by a category label: ``数量指标：慰问人数=9人，当年实际完成9人。``,
    ``3.时效指标。…发放指标为100%实际完成值为100%``. A line with a colon after its label lists
    items (the checks flag one with no value); a label run on into its sentence or
    closed by 。 opens a report's sentence, where only clauses stating a target are read (an item of
    a list with no target is kept only when its result is written: 慰问对象满意度完成90%). A label
    whose sentences state no target at all lists its measures with their numbers
    (``(1)数量指标。`` over ``办理法律援助案件94件;调解各类纠纷数量1087件``): each clause that is a
    name and a number is read (:func:`.prose_targets.count_in`; ``X为100%`` only in a colon's list).
    Level 1 is the label itself (效益指标：…, 满意度指标(服务对象满意度指标):…) or the level-1
    heading above the line when its code agrees."""
    out: list[_Item] = []
    heads = list(_LEVEL1_HEAD.finditer(plain, start, end))
    for m in _LEVEL2.finditer(plain, start, end):
        if m.group("bare") and not m.group("num"):
            continue  # 经济效益：… with no number: a sentence's subject, not a label
        bodies = [(m.group("body"), m.start("body"))]
        if not m.group("body").strip():  # the label alone on its line: its sentences are the lines under it
            bodies = _lines_under(plain, m.end(), end)
        if m.group("l1h"):
            label, level1 = None, (m.start("l1h"), m.end("l1h"))
        elif m.group("sub"):  # 满意度指标(服务对象满意度指标)
            label, level1 = (m.start("sub"), m.end("sub")), (m.start("label"), m.end("label"))
        elif m.group("l1"):
            label, level1 = None, (m.start("l1"), m.end("l1"))
        else:
            label, level1 = (m.start("label"), m.end("label")), None
            above = [h for h in heads if h.start() < m.start()]
            code = code_for_level2_name(m.group("label"))
            if above and code and code_for_level1_name(above[-1].group("label")) == code[0]:
                level1 = (above[-1].start("label"), above[-1].end("label"))
        listed = m.group("sep") in (":", "：") and m.group("sep") != ""
        cost = label is not None and "成本" in plain[label[0] : label[1]]
        pieces = []
        for body, at in bodies:
            for piece in re.split(r"[；;。]", body):
                pieces.append((piece, at))
                at += len(piece) + 1
        stated = any(targets_in(piece) for piece, _ in pieces)
        for piece, at in pieces:
            if number := _ITEM_NUMBER.match(piece):  # 1.培训人数500人 ; ①…: the item's number is no name
                piece, at = piece[number.end() :], at + number.end()
            found = targets_in(piece)
            counted = []
            if not stated:  # no target stated under this label: its measures are listed with their numbers
                sub_at = 0
                for clause in re.split(r"[,，]", piece):
                    if one := count_in(clause, linked_by_is=listed, money=cost):
                        counted.append((one[0], sub_at + one[1], one[2], sub_at + one[3]))
                    sub_at += len(clause) + 1
            if found or counted:
                for name, name_at, value, value_at in found or counted:
                    out.append((label, name, at + name_at, value, at + value_at, level1))
            elif listed:
                name, value, value_at = _cut_item(piece)
                lead = len(piece) - len(piece.lstrip())
                if name and (value is not None or _ACHIEVED.search(piece)):  # else a sentence, not an item
                    where = at + (value_at if value_at is not None else 0)
                    out.append((label, name, at + lead, value, where if value is not None else None, level1))
    return out


#: a line that ends the lines under a label: a section numbered in words (二、 ; (三))
_SECTION_HEAD = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")
_LINE = re.compile(r"[^\n]*\S[^\n]*")


def _lines_under(plain: str, pos: int, end: int) -> list[tuple[str, int]]:
    """The lines under a category label written alone on its line (``(1)数量指标。`` over
    ``办理法律援助案件94件;…``, or over ``1.…`` ``2.…``), each with its offset: up to the next
    label, level-1 heading or section, ten lines at most."""
    out: list[tuple[str, int]] = []
    for line in _LINE.finditer(plain, pos, end):
        if (
            len(out) >= 10
            or _LEVEL2.match(plain, line.start())
            or _LEVEL1_HEAD.match(plain, line.start())
            or _SECTION_HEAD.match(line.group(0))
        ):
            break
        out.append((line.group(0), line.start()))
    return out


def _stated(plain: str, start: int, end: int) -> list[_Item]:
    """Targets a report's sentences name as such (指标值为“…”, 年初目标值≥90%), with no category label."""
    return [(None, name, at, value, value_at, None) for name, at, value, value_at in stated_targets(plain, start, end)]


def _goal_items(plain: str, start: int, end: int) -> list[_Item]:
    """Targets listed after the goal's sentence on its line (…学费;发放率100%,减免率100%)."""
    return [(None, name, at, value, value_at, None) for name, at, value, value_at in goal_targets(plain, start, end)]


def _unlabeled(goal: tuple[str, int] | None) -> list[_Item]:
    """A 绩效目标 line made only of name + target items (道路硬化≥0.565km；合格率不低于95%；…): its
    targets, the sign or the comparison word (:mod:`.prose_targets`) starting each item's value."""
    if goal is None:
        return []
    text, at = goal
    pieces, out, pos = re.split(r"[；;]", text), [], 0
    for piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        if value := _VALUE.search(piece):
            name, value_text, value_at = piece[: value.start()].strip(), value.group(0).strip(), value.start()
        elif len(found := targets_in(piece)) == 1 and found[0][1] == lead:
            name, _, value_text, value_at = found[0]
        else:
            return []  # not every item is a target: the line is a goal sentence, nothing is read from it
        if not re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z0-9]{2,30}", name):
            return []
        out.append((None, name, at + pos + lead, value_text, at + pos + value_at, None))
        pos += len(piece) + 1
    return out if len(out) >= 2 else []


#: the number a section heading opens with: 一、 (一) 1. 1、
_SECTION_NUMBER = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．])"
)


_TITLE_LABEL = re.compile(r"^(?:名称|标题|标[ \t\u3000]*题)[ \t\u3000]*[:：][ \t\u3000|｜]*")


#: the title in a disclosure page's metadata grid, one cell after its label: 名称: | X报告 | 文号: | 无 |
_TITLE_CELL = re.compile(
    r"(?:^|[|｜][ \t\u3000]*)(?:名称|标题)[ \t\u3000]*[:：][ \t\u3000]*[|｜][ \t\u3000]*(?P<title>[^|｜\n]*[^|｜\s])[ \t\u3000]*(?=[|｜])"
)


def _title(plain: str) -> tuple[str, int] | None:
    """The notice's or report's heading: an early line ending in 公示/报告/通知/…; one with no colon
    when there is one (站名: 站名X报告 is the page's caption, the title printed under it)"""
    start, found = 0, []
    for n, whole in enumerate(plain.split("\n")):
        if n > 15:
            break
        line, pos = whole, start
        if cell := _TITLE_CELL.search(whole):  # 名称: | X报告 | 文号: | 无 |, a disclosure page's grid
            line, pos = cell.group("title"), start + cell.start("title")
        if (
            4 <= len(line.strip()) <= 80
            and _TITLE_WORDS.search(line)
            and ">" not in line
            and not _SECTION_NUMBER.match(line)  # 一、绩效目标分解下达情况: a section, not the title
        ):
            text = line.strip()
            label = _TITLE_LABEL.match(text)  # 名称: X报告, a disclosure's field: the title is X
            text = text[label.end() :] if label else text
            found.append((text, pos + line.find(text)))
        start += len(whole) + 1
    return next((t for t in found if not re.search("[:：]", t[0])), found[0] if found else None)


#: a line wholly in brackets: (教育专项工作经费)
_BRACKETED = re.compile(r"^[ \t\u3000]*[（(](?P<name>[^（()）\n]{2,60})[)）][ \t\u3000]*$", re.M)


def _subtitle(plain: str, title: tuple[str, int]) -> tuple[str, int] | None:
    """The project a report's title is about, written in brackets on the line under it
    (某单位2023年度项目支出绩效自评报告 / （某某经费）): a report of a unit's project spending names
    the project there. Not a year or a batch: those are the title's own."""
    line_end = plain.find("\n", title[1])
    if line_end < 0:
        return None
    nxt = plain.find("\n", line_end + 1)
    m = _BRACKETED.match(plain, line_end + 1, nxt if nxt >= 0 else len(plain))
    if m is None or re.fullmatch(r"[\d\s年度第一二三四五六七八九十批次-]+", m.group("name")):
        return None
    return m.group("name").strip(), m.start("name")


def name_in_money_sentence(text: str, end: int | None = None) -> tuple[str, int] | None:
    """The project a sentence states the money of (``X项目预算合计为…``, ``该X项目于…下达预算资金10万元``)
    and where its name starts; ``该`` ("this") and the word 项目 after it are not part of the name."""
    plain = text.translate(_T2S)
    end = len(plain) if end is None else end
    for m in _SUBJECT.finditer(plain, 0, end):
        name = m.group("name")
        if m.group("this"):
            name = name[: -len("项目")]
        sentence_end = min((i for i in (plain.find("。", m.end()), plain.find("\n", m.end())) if i >= 0), default=end)
        if _MONEY.search(plain, m.end(), sentence_end):
            at = m.start("name")
            return text[at : at + len(name)].strip(), at
    return None


def _one_project(plain: str, end: int, source: str) -> _Read | None:
    """The one project of a report: named by its 项目名称 field, its money sentence or its title."""
    if m := _NAME_FIELD.search(plain, 0, end):  # a lone field (项目名称：X / 日期：…) is no report: not alone
        return _Read(m.group("name").strip(), m.start("name"), (0, end))
    if m := _NAME_HEADING.search(plain, 0, end):  # 一、项目名称 / X / 二、立项依据 …: a project text
        return _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
    title = _title(plain)
    if title and (m := _NAME_IN_TITLE.match(title[0])) and _transfer(m):
        return _by_title(plain, title, end, source)  # a transfer's report: its title names the fund
    if subject := name_in_money_sentence(plain, end):
        read = _Read(subject[0], subject[1], (0, end))
        close = min((i for i in (plain.find("。", subject[1]), plain.find("\n", subject[1])) if i >= 0), default=end)
        every, whole = _money(plain, subject[1], close)
        if len(_values(whole)) == 1 and _one_smaller_part(_values(whole), every):
            read.stated = whole[0]
        return read
    if title is None:
        return _passed_fund(plain, end, source) or _evaluated(plain, end, source)
    return _by_title(plain, title, end, source)


#: the sentence of a report with no title saying what it evaluates: 对2021年度市X项目开展了绩效自评工作
_EVALUATED = re.compile(
    r"对(?:\d{4}年度?)?(?P<name>[^，,。；;：:\n“”《》（）()]{4,50}?)"
    r"项目(?:的)?(?:支出)?(?:开展|进行)了?(?:项目)?(?:支出)?绩效(?:自评|评价)"
)


def _evaluated(plain: str, end: int, source: str) -> _Read | None:
    """The project a report with no title and no money sentence evaluates, as its account of the
    work says (对2021年度市X项目开展了绩效自评工作): a self-evaluation names its project there, the
    year before it being the report's. Flagged: the name comes from a sentence."""
    m = _EVALUATED.search(plain, 0, end)
    if m is None:
        return None
    read = _Read(m.group("name").strip(), m.start("name"), (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_EVALUATED", name=read.name)))
    return read


#: a transfer's name in a report's title: X资金转移支付
_TRANSFER = re.compile(r"(?:资金|经费)转移支付$")


def _transfer(m: re.Match[str]) -> bool:
    """The title names a transfer (X资金转移支付2023年度绩效自评报告), not a project whose name
    ends so (X转移支付项目绩效评价报告: that project's name is its own)."""
    return bool(_TRANSFER.search(m.group("name").rstrip())) and not m.string.startswith("项目", m.end("name"))


def _by_title(plain: str, title: tuple[str, int], end: int, source: str) -> _Read | None:
    """The project a report's title (or the line under it) names, or the fund its notice passes."""
    if subtitle := _subtitle(plain, title):  # 某单位2023年度项目支出绩效自评报告 / (某某经费)
        return _named_by_title(subtitle[0], subtitle[1], end, source)
    if (
        (m := _NAME_IN_TITLE.match(title[0]))
        and len(m.group("name")) >= 4  # not 工程 of 工程项目绩效评价报告
        and not _WHOLE_UNIT.search(m.group("name"))  # 部门整体支出绩效评价报告: the unit's spending, no project
    ):
        name = _ASPECTS.sub("", m.group("name")).strip()  # X项目立项依据、实施主体、预算安排及(绩效目标)
        at = title[1] + m.start("name")
        # a transfer's report is titled by the place it reached: 宁国市2023年X资金转移支付…报告 → X资金
        if _transfer(m) and len(name) > 8:
            name = name[: -len("转移支付")]
            if place := _PLACE.match(name):
                name, at = name[place.end() :], at + place.end()
        return _named_by_title(name, at, end, source)
    if m := _FUND_NOTICE.search(title[0]):
        read = _named_by_title(m.group("name").strip(), title[1] + m.start("name"), end, source)
        read.total, found = _amount_after_name(plain, read.name, title[1] + len(title[0]), end)
        if read.total is None and len(found) > 1:  # the name stands, the amounts are not guessed
            text = "、".join(m.group(0)[len(read.name) :].strip() for m in found)
            read.notes.append(
                Failure(source=source, field="amounts.total", message=msg("PROSE_AMOUNTS_SEVERAL", text=text))
            )
        return read
    return _passed_fund(plain, end, source)


#: a notice's sentence passing a fund: 现拨付你单位X资金15664万元 ; 现将X资金下达给你们 ; 下达我市X工程160万元
_RECIPIENT = r"(?:给|至)?(?:你们|你单位|你局|你委|你县|你市|你区|你州|你乡|你镇|各地|我市|我县|我区|我州|我省)?(?:[（(][^）)\n]{1,10}[)）])?"
_FUND_NAME = (
    r"(?P<name>(?:\d{4}|20xx)[^，,。；;：:\n“”《》]{2,58}?(?:资金|经费|工程)"
    r"|[^\d，,。；;：:\n“”《》（(][^，,。；;：:\n“”《》]{3,58}?(?:资金|经费|工程))"
)
_PASSING = (
    re.compile(rf"现将{_FUND_NAME}(?:[ \t\u3000]*{_AMOUNT})?下达"),
    # the amount right after the name, or after a comma and 合计 (下达我区X资金,合计13,804万元)
    re.compile(
        rf"(?:下达|拨付|下拨){_RECIPIENT}{_FUND_NAME}(?:[ \t\u3000]*(?:[，,][ \t\u3000]*(?:合计|共计|总计))?{_AMOUNT})?"
    ),
)


#: the words of a fund's name that say only what kind of money it is: 下达转移支付资金 names no fund
_GENERIC = re.compile(
    r"专项|转移支付|补助|资金|经费|预算|项目|工程|中央|省级|市级|县级|财政|上述|相关|有关|该|此|本|各|这"
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


#: a title about a unit's spending as a whole, which names no project: 部门整体(支出) ; 单位整体
_WHOLE_UNIT = re.compile(r"(?:部门|单位)?整体(?:支出)?$")

#: a place heading a transfer's name, and the year after it: 宁国市2023年 ; 宣州区
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,3}?[县区市旗](?:\d{4}年度?)?(?=[\u4e00-\u9fff])")


def _named_by_title(name: str, at: int, end: int, source: str) -> _Read:
    """A project named from the report's title or the line under it, flagged as such: a report
    about one project names it there, whatever else its text tells (the name stands alone)."""
    read = _Read(name, at, (0, end), labeled=True)
    read.notes.append(Failure(source=source, field="项目名称", message=msg("PROSE_NAME_FROM_TITLE", name=name)))
    return read


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


def _projects(plain: str, end: int, source: str) -> list[_Read]:
    items = _items(plain[:end])
    if not items:
        one = _one_project(plain, end, source)
        return [one] if one else []
    reads = []
    for i, (m, name, amount) in enumerate(items):
        stop = items[i + 1][0].start() if i + 1 < len(items) else end
        background = m.re is _BACKGROUND_ITEM
        if background and i + 1 == len(items) and (heading := _NEXT_HEADING.search(plain, m.end(), end)):
            stop = heading.start()  # the last project's background ends at the report's next heading
        # a project named under 立项背景 stands on its name: the report tells its money and goal later
        read = _Read(name, plain.find(name, m.start("title")), (m.end(), stop), labeled=background)
        if amount is not None:
            read.total = (amount[0], amount[1], m.end("title") - len(amount[1]) - len(str(amount[0])), False)
        if m.re is _ANY_PART and (goal := _goal_item(plain, name)):  # 1. A:保证…; under (二)绩效目标情况
            read.goal = goal
            read.notes.append(
                Failure(source=source, field="绩效目标", message=msg("PROSE_GOAL_FROM_TEXT", goal=goal[0][:30]))
            )
        reads.append(read)
    last = reads[-1]
    if field_m := _NAME_FIELD.search(plain, last.stretch[0], end):  # a form cut after its 项目名称 row
        last.stretch = (last.stretch[0], field_m.start())
        reads.append(_Read(field_m.group("name").strip(), field_m.start("name"), (field_m.end(), field_m.end())))
    return reads


def _fill(read: _Read, plain: str, source: str, row) -> None:
    start, stop = read.stretch
    if read.total is None and stop > start:
        every, whole = _money(plain, start, stop)
        total = _sum_of_others(_values(every))
        # the sum of the parts pins the total, whatever 其中 says; 其中 before parts that do not add
        # up to the amount, or in another unit, leaves unsure which is the budget: all amounts count
        doubted = len(_values(whole)) == 1 and not _one_smaller_part(_values(whole), every)
        found = every if total is not None or doubted else whole
        values = _values(found)
        if len(values) == 1:
            m = found[0]
            fiscal = "财政拨款" in plain[max(0, m.start() - 2) : m.start("n")]
            read.total = (_number(m), m.group("cur"), m.start("n"), fiscal)
        elif total is not None:  # 预算10441万元。其中，中央…8353万元，省级配套资金2088万元
            m = next(m for m in found if (str(_number(m)), m.group("cur")) == total)
            read.total = (_number(m), m.group("cur"), m.start("n"), False)
            text = "、".join(m.group(0) for m in found)
            read.notes.append(
                Failure(
                    source=source, field="amounts.total", message=msg("PROSE_AMOUNT_SUM", text=text, total=m.group(0))
                )
            )
        elif len(values) > 1 and read.stated is not None:  # the amount of the sentence naming the project
            m = read.stated
            read.total = (_number(m), m.group("cur"), m.start("n"), False)
            text = "、".join(m.group(0) for m in found)
            read.notes.append(
                Failure(
                    source=source,
                    field="amounts.total",
                    message=msg("PROSE_AMOUNT_OF_SUBJECT", text=text, name=read.name, total=m.group(0)),
                )
            )
        elif len(values) > 1:
            text = "、".join(m.group(0) for m in found)
            read.notes.append(
                Failure(source=source, field="amounts.total", message=msg("PROSE_AMOUNTS_SEVERAL", text=text))
            )
    if read.total is not None:
        read.notes.append(
            Failure(
                source=source,
                row=row(read.total[2]),
                field="amounts.total",
                message=msg("PROSE_AMOUNT_FROM_TEXT", text=f"{read.total[0]}{read.total[1]}"),
            )
        )
    if stop > start:
        read.goal = read.goal or _goal(plain, start, stop)
        read.indicators = (
            _labeled(plain, start, stop)
            or _stated(plain, start, stop)
            or _unlabeled(read.goal)
            or _goal_items(plain, start, stop)
        )


#: a line of running text: long, with a sentence's punctuation (not a heading, nor a page's
#: breadcrumb or metadata line)
_BODY_LINE = re.compile(r"^(?=[^\n]*[。，,])[^\n]{40,}$", re.M)


def _end(plain: str) -> int:
    """Where the text ends: at the page's footer (来源：…, 附件, 扫一扫). ``附件2`` over the title
    opens the text, and a ``来源：`` line above the body (under the title, beside 作者 / 发布时间)
    is the page's header, not its footer: a 来源 line ends the text only after a paragraph."""
    first_line = plain.find("\n", len(plain) - len(plain.lstrip()))
    body = _BODY_LINE.search(plain)
    for m in _STOP.finditer(plain, max(first_line, 0)):
        if "来源" in m.group(0) and (body is None or body.start() > m.start()):
            continue
        return m.start()
    return len(plain)


def item_indicator(item: tuple, plain: str, text: str, span, seq: int) -> Indicator:
    """An indicator from a report's item (label, name, at, value, value_at, level1): codes from the
    simplified ``plain`` text, the strings as ``text`` writes them (same offsets), spans by ``span``."""
    label, name, at, value, value_at, level1 = item
    level2 = code_for_level2_name(plain[label[0] : label[1]]) if label else None
    level1_code = code_for_level1_name(plain[level1[0] : level1[1]]) if level1 else None
    spans = {"name": span(at, name)}
    if value is not None and value_at is not None:
        spans["annual_value"] = span(value_at, value)
    return Indicator(
        seq=seq,
        level1_code=level1_code or (level2[0] if level2 else None),
        level1_name=text[level1[0] : level1[1]] if level1 else None,
        level2_code=level2,
        level2_name=text[label[0] : label[1]] if label else None,
        name=text[at : at + len(name)],
        annual_value=text[value_at : value_at + len(value)] if value and value_at is not None else None,
        spans=spans,
    )


def read_prose_fields(doc: Document) -> BudgetTable | None:
    """The projects a notice or report states in its sentences, every field flagged; None when
    the text names no project, or names one with no money, goal or indicator."""
    cleaned, where = _unwrapped(*_without_readings(doc.text))
    plain = cleaned.translate(_T2S)  # one character for one: offsets hold, values come from ``cleaned``
    end = _end(plain)
    source = doc.source

    def row(offset: int) -> int:
        return doc.text.count("\n", 0, where[offset]) + 1

    def span(offset: int, value: str) -> Span:
        return Span(start=where[offset], end=where[min(offset + len(value), len(where) - 1)], row=row(offset))

    reads = _projects(plain, end, source)
    for read in reads:
        _fill(read, plain, source, row)
    if not any(r.name and (r.total or r.goal or r.indicators or r.labeled) for r in reads):
        return None
    failures = [Failure(source=source, field="document", message=msg("PROSE_FIELDS_ONLY"))]
    projects: list[Project] = []
    for read in reads:
        failures.extend(read.notes)
        spans = {"name": span(read.name_at, read.name)}
        indicators = []
        for item in read.indicators:
            _, name, at, value, _, _ = item
            indicators.append(item_indicator(item, plain, cleaned, span, len(indicators) + 1))
            failures.append(
                Failure(
                    source=source,
                    row=row(at),
                    field=f"绩效指标 #{len(indicators)}",
                    message=msg("PROSE_INDICATOR_FROM_TEXT", name=name, value=value or ""),
                )
            )
        amounts = Amounts()
        if read.total is not None:
            amounts = Amounts(total=read.total[0], fiscal=read.total[0] if read.total[3] else None)
            spans["amounts.total"] = span(read.total[2], str(read.total[0]))
        goal = None
        if read.goal is not None:
            goal = cleaned[read.goal[1] : read.goal[1] + len(read.goal[0])]
            spans["goal"] = span(read.goal[1], goal)
        name = cleaned[read.name_at : read.name_at + len(read.name)]
        projects.append(Project(name=name, amounts=amounts, goal=goal, indicators=indicators, spans=spans))
    department = _department(plain, cleaned)
    currencies = {r.total[1] for r in reads if r.total}
    title = _title(plain)
    meta = RunMeta(source=source, encoding=doc.encoding, layout=doc.layout, backend="rules")
    meta.extra["kind"] = "project fields in prose"
    return BudgetTable(
        title=cleaned[title[1] : title[1] + len(title[0])] if title else None,
        department=department,
        currency_unit=currencies.pop() if len(currencies) == 1 else None,
        units=[Unit(name=department or "", projects=projects)],
        meta=meta,
        failures=failures,
    )


def _department(plain: str, cleaned: str) -> str | None:
    """The body the text names as 主管部门 / 实施主体 / 来源, in that order of preference."""
    found = {m.group("key"): m for m in reversed(list(_DEPARTMENT.finditer(plain)))}
    for key in _DEPARTMENT_ORDER:
        if m := found.get(key):
            return cleaned[m.start("name") : m.end("name")]
    return None
