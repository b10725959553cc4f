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

This module puts a project together; each family of landmarks is read in a module of its own:
:mod:`.prose_text` (the text: readings, wrapped lines, the page's end, how parts are numbered),
:mod:`.prose_projects` (several projects listed), :mod:`.prose_name` (one project's name),
:mod:`.prose_passing` (a notice passing a fund), :mod:`.prose_money` (which amount is the budget),
:mod:`.prose_goal` and :mod:`.prose_indicators` (with :mod:`.prose_targets`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...ingest.document import Document
from ...messages import msg
from ...schema import Amounts, BudgetTable, Failure, Project, RunMeta, Span, Unit
from .form.labels import _T2S
from .prose_goal import _goal, _goal_item, goal_under_heading
from .prose_indicators import _goal_items, _labeled, _stated, _unlabeled, item_indicator
from .prose_money import budget
from .prose_name import _NAME_FIELD, _one_project, _title, name_in_money_sentence
from .prose_projects import _ANY_PART, _BACKGROUND_ITEM, _items
from .prose_read import _Read
from .prose_text import _NEXT_HEADING, _end, _unwrapped, _without_readings

__all__ = ["goal_under_heading", "item_indicator", "name_in_money_sentence", "read_prose_fields"]

_DEPARTMENT = re.compile(
    r"(?P<key>项目主管部门|主管部门|实施主体|实施单位|来源|发布机构)[ \t\u3000]*[:：。][ \t\u3000]*"
    r"(?P<name>[^\s。；;，,|｜]{2,40})"
)
_DEPARTMENT_ORDER = ("项目主管部门", "主管部门", "实施主体", "实施单位", "发布机构", "来源")


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
        read.total, notes = budget(plain, start, stop, read.name, read.stated, source)
        read.notes.extend(notes)
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
        read.indicators = _labeled(plain, start, stop) or _stated(plain, start, stop) or _unlabeled(read.goal)
        if not read.indicators and (listed := _goal_items(plain, start, stop)):
            # the goal stays whole: a goal paragraph listing its targets is kept as written (l01, as
            # i08, i13, h12); the targets are read as indicators as well
            read.indicators = listed
        read.indicators = [item for item in read.indicators if not _cut_at_the_end(plain, item)]


def _cut_at_the_end(plain: str, item: tuple) -> bool:
    """The item's value is a number the text ends in, with nothing after it (质量指标:补助标准达标率
    年度指标10, k02): the page store cut the text there, so the number may be cut too; not read."""
    _, _, _, value, value_at, _ = item
    tail = plain.rstrip()
    return bool(value) and value_at is not None and value_at + len(value) >= len(tail) and tail[-1].isdigit()


#: the part of an amount that names the 财政拨款 column, after 其中: 一般公共预算资金21万元 ; 财政拨款20万元
_FISCAL_PART = re.compile(
    r"(?:一般公共预算|财政拨款)(?:资金|拨款)?[ \t\u3000]*[:：为]?[ \t\u3000]*(?P<n>\d+(?:\.\d+)?)[ \t\u3000]*(?P<cur>万元|元)"
)


#: the part of an amount that names the 其他资金 column, after 其中: 其他资金859.6万元 (i04)
_OTHER_PART = re.compile(
    r"其[他它](?:资金|收入)[ \t\u3000]*[:：为]?[ \t\u3000]*(?P<n>\d+(?:\.\d+)?)[ \t\u3000]*(?P<cur>万元|元)"
)


def _fiscal_part(plain: str, total: tuple, pattern: re.Pattern[str] = _FISCAL_PART) -> tuple[Decimal, int] | None:
    """The one part of the total its sentence names as 一般公共预算 / 财政拨款 after 其中 (一、2022年省级
    残疾人康复资金24万元,其中:1、一般公共预算资金21万元…;2、省级彩票公益金3万元, n10): that part is the
    fiscal amount (LABELING F1), when it is in the total's unit and not more than it; with
    ``_OTHER_PART``, the part named 其他资金, the other amount."""
    amount, currency, at, _ = total
    close = min((i for i in (plain.find("。", at), plain.find("\n", at)) if i >= 0), default=len(plain))
    among = plain.find("其中", at, close)
    if among < 0 or among - at > 12:  # 其中 right after the amount: what follows splits it
        return None
    parts = list(pattern.finditer(plain, among, close))
    if (
        len({(p.group("n"), p.group("cur")) for p in parts}) != 1
        or parts[0].group("cur") != currency
        or Decimal(parts[0].group("n")) > amount
    ):
        return None
    return Decimal(parts[0].group("n")), parts[0].start("n")


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

    def part_read(field: str, part: tuple[Decimal, int], unit: str) -> Decimal:
        """A part of a total its sentence names (其中 …), read and said so on its field."""
        failures.append(
            Failure(
                source=source,
                row=row(part[1]),
                field=field,
                message=msg("PROSE_AMOUNT_FROM_TEXT", text=f"{part[0]}{unit}"),
            )
        )
        return part[0]

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
            fiscal = read.total[0] if read.total[3] else None
            if fiscal is None and (part := _fiscal_part(plain, read.total)) is not None:
                fiscal = part_read(
                    "amounts.fiscal", part, read.total[1]
                )  # 24万元,其中:1、一般公共预算资金21万元 (n10, LABELING F1)
            other = None
            if (part := _fiscal_part(plain, read.total, _OTHER_PART)) is not None:
                other = part_read(
                    "amounts.other", part, read.total[1]
                )  # 2330.9万元,其中:中央资金…,其他资金859.6万元 (i04)
            amounts = Amounts(total=read.total[0], fiscal=fiscal, other=other)
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
