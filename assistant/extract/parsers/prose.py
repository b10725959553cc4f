"""Targets published as prose: a notice (公示, 请示, 报告) that writes the indicators as an outline.

Townships and bureaus often publish a project's 绩效目标 as a notice instead of a table:
``一、产出指标`` headings for level 1, ``（一）数量指标`` or ``数量指标：`` for level 2 (inline
or on their own line), then items such as ``参训人员结业率≥100%；`` or ``完成时限，2025年10月底前``.
The landmarks are the category names of the national indicator system (one vocabulary,
:mod:`assistant.taxonomy`), so the outline is read by them, whatever the separators.

Reading rules:

* An item ends at ``；``/``;``/``。``, or at a comma after its value. Its value starts at the
  first comparison sign outside brackets (``≥**株`` inside brackets is a template hint of the
  name); with no sign, a comparison or target word (``结业率不低于95%``, ``到位率达到100%``,
  :mod:`.prose_targets`), else a comma splits name and value (``完成时限，2025年10月底前``); with
  none of these, the item is a name with no value (flagged by the checks).
* A label followed directly by ``，`` (``可持续影响指标，持续发展``) is a label, not a name.
* Header fields come from the notice's landmarks: the title (标题 field, else the first line)
  names the project (``…项目`` before 绩效目标); ``资金N万元`` is the total when written once;
  ``总体(绩效)目标(是)：`` opens the goal (up to the line's end, without the notice's own
  ``现将…如下`` formula); the signature before the closing date (公文 format) is the
  department, else the 发布机构 field.
* Everything read here comes from running text, so every header field the notice does not
  write, and an amount or name read from a sentence, carries a failure naming it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...compare_words import SIGNS
from ...errors import InputError
from ...ingest.document import Document
from ...messages import msg
from ...schema import Amounts, BudgetTable, Failure, Indicator, Project, RunMeta, Span, Unit
from ...taxonomy import (
    EFFECT_WORDS,
    LEVEL1_ONLY_WORDS,
    LEVEL2_WORDS,
    OLD_EFFECT_WORD,
    code_for_level1_name,
    code_for_level2_name,
    words,
)
from ...textnorm import display_width
from ..wrapped_goal import wrap_width
from .form.labels import _T2S
from .prose_goal import _goal, goal_under_heading
from .prose_indicators import _goal_items, _labeled, _stated, item_indicator
from .prose_money import budget
from .prose_name import _WRITER, name_before_this_project, name_in_money_sentence, name_in_title
from .prose_passing import _passed_fund
from .prose_targets import targets_in
from .prose_text import _unwrapped

__all__ = ["looks_like_prose", "extract_prose", "fill_from_report", "read_report_targets", "report_indicators"]

_NUMERAL = "一二三四五六七八九十"
_NUMBER = rf"(?:[{_NUMERAL}]+|\d{{1,2}})"
_LEVEL2 = words(LEVEL2_WORDS)
_LEVEL1 = words((*LEVEL1_ONLY_WORDS, OLD_EFFECT_WORD))  # 满意度指标: level 1 only as a heading
#: a category label anywhere in the outline: 一、产出指标 (a heading: 一、 or 1.), （一）数量指标,
#: 数量指标：, 社会效益目标：, 效益指标：; 满意度指标 is level 1 as a heading, else level 2. A 效益
#: category written bare (社会效益：) is a label only where a heading's number or a bullet opens it
#: (• 社会效益：…, o08): elsewhere it is a sentence's subject
_LABEL = re.compile(
    rf"(?:(?P<head>^[ \t\u3000]*{_NUMBER}[、.．][ \t\u3000]*)|(?P<paren>[（(]{_NUMBER}[）)][ \t\u3000]*)"
    r"|(?P<bullet>^[ \t\u3000]*[•●◆◇■□▪▶►][ \t\u3000]*))?"
    rf"(?P<name>(?:{_LEVEL2})(?:指标|目标)|(?P<l1>{_LEVEL1})指标|(?P<bare>{words(EFFECT_WORDS)})(?=[ \t\u3000]*[:：]))"
    r"(?P<sep>[ \t\u3000]*[:：,，]|[ \t\u3000]*$)",
    re.M,
)
_END = re.compile(r"^[ \t\u3000]*(?:附件|附表|\d{4}年\d{1,2}月\d{1,2}日|扫一扫)", re.M)
_ITEM_END = re.compile(r"[;；。\n]")
_SIGN = re.compile(r"[" + SIGNS + r"]")
#: an item's target with no sign and no comma, in an outline of targets (where every item is one):
#: 重大安全事件发生次数为0 (X为N) ; 常规问题4小时内解决 (a time limit, N小时内 and what is done in it)
_SAID_VALUE = re.compile(
    r"(?:为(?P<value>\d+(?:\.\d+)?[ \t\u3000]*(?:%|％|个|人|次|项|件|起|家|户|天|日)?)"
    r"|(?P<limit>\d+(?:\.\d+)?[ \t\u3000]*(?:个?工作日|小时|分钟|天|日|周|个月)内[\u4e00-\u9fff]{0,4}))"
    r"[ \t\u3000]*$"
)
_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】"}
#: marks heading an item or a label line (a web page's bullets: • 数量指标:…), not part of any name
_MARKERS = "★☆*＊•●◆◇■□▪▶► \t\u3000"
_DATE_LINE = re.compile(r"^[ \t\u3000]*\d{4}年\d{1,2}月\d{1,2}日[ \t\u3000]*$", re.M)
_MONEY = re.compile(
    r"(?:资金|经费)[ \t\u3000]*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \t\u3000]*(万元|元)"
)  # 13,804万元 whole
_GOAL = re.compile(r"总体(?:绩效)?目标(?:是|为)?[ \t\u3000]*[:：][ \t\u3000]*(?P<goal>[^\n]+)")
_NOTICE_FORMULA = re.compile(r"现将[^。]*如下[:：]?\s*$")
_TITLE_FIELD = re.compile(r"^标[ \t\u3000]*题[ \t\u3000]*[:：]?[ \t\u3000]*\|?[ \t\u3000]*(?P<title>[^|\n]+)", re.M)
_ISSUER_FIELD = re.compile(r"发布机构[ \t\u3000]*\|?[ \t\u3000]*(?P<issuer>[^|\n]+)")
#: the project a title names: (关于)(某局)2019年度X项目(2019年度)(支出)绩效…; the year in front is the
#: name's (LABELING N2), the writing unit and the report's own year after the name are not
_PROJECT_IN_TITLE = re.compile(rf"^(?:关于)?(?:{_WRITER})?(?P<name>.+?项目)(?:\d{{4}}年度?)?(?:支出)?绩效")
#: a page's breadcrumb, not its title: 当前位置: 首页 > 产品大全 > X
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|所在位置)|[>›»]")


def _marks(plain: str, start: int = 0, stop: int | None = None) -> list[tuple[re.Match[str], str]]:
    """The outline's category labels in order, each with its kind: "l1" (产出指标, or 满意度指标
    as a numbered heading) or "l2"."""
    out = []
    for m in _LABEL.finditer(plain, start, len(plain) if stop is None else stop):
        if m.group("bare") and not (m.group("head") or m.group("paren") or m.group("bullet")):
            continue
        level1 = m.group("l1") or (m.group("head") and m.group("name") == "满意度指标")
        out.append((m, "l1" if level1 else "l2"))
    return out


def looks_like_prose(doc: Document) -> bool:
    """Two or more numbered level-1 headings (一、产出指标 … 三、满意度指标) and at least one
    level-2 label: an outline of targets, not a grid."""
    marks = _marks(doc.text.translate(_T2S))
    headings = {code_for_level1_name(m.group("name")) for m, kind in marks if kind == "l1" and m.group("head")}
    return len(headings) >= 2 and any(kind == "l2" for _, kind in marks)


def _outside_brackets(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match of ``pattern`` not inside brackets (a template hint such as (≥**株))."""
    depth: list[str] = []
    for i, ch in enumerate(text):
        if ch in _BRACKETS:
            depth.append(_BRACKETS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif not depth and (m := pattern.match(text, i)):
            return m
    return None


def _pieces(text: str, start: int) -> list[tuple[str, int, str | None, int | None, bool]]:
    """Items of one label's stretch: (name, offset, value, value offset, value told by a word rather
    than a sign), offsets into the document."""
    out: list[tuple[str, int, str | None, int | None, bool]] = []
    pos = 0
    while pos < len(text):
        end_m = _ITEM_END.search(text, pos)
        end = end_m.start() if end_m else len(text)
        chunk = text[pos:end]
        while chunk.strip(" ,，\t\u3000"):
            sign = _outside_brackets(chunk, _SIGN)
            if sign is not None:
                comma = re.search(r"[,，]", chunk[sign.start() :])
                cut = sign.start() + comma.start() if comma else len(chunk)
                name, value, value_at = chunk[: sign.start()], chunk[sign.start() : cut], sign.start()
                rest = chunk[cut + 1 :] if comma else ""
            elif len(found := targets_in(chunk.translate(_T2S))) == 1:  # 结业率不低于95% ; 到位率达到100%
                name, name_at, value, value_at = found[0]  # read simplified, taken as written
                name, value = chunk[name_at : name_at + len(name)], chunk[value_at : value_at + len(value)]
                out.append((name, start + pos + name_at, value, start + pos + value_at, True))
                break
            elif comma := _outside_brackets(chunk, re.compile(r"[,，]")):
                name, value, value_at = chunk[: comma.start()], chunk[comma.end() :], comma.end()
                rest = ""
            elif said := _SAID_VALUE.search(chunk):  # 发生次数为0 ; 常规问题4小时内解决: an outline's target
                group = "value" if said.group("value") else "limit"
                name, value_at = chunk[: said.start()].strip(_MARKERS), said.start(group)
                if name:  # where the name ends is read from the sentence: flagged as a worded target
                    out.append((name, start + pos + chunk.find(name), said.group(group), start + pos + value_at, True))
                break
            else:
                name, value, value_at, rest = chunk, "", None, ""
            lead = len(name) - len(name.lstrip(_MARKERS))
            name_clean, value_clean = name.strip(_MARKERS), value.strip()
            if name_clean:
                out.append(
                    (
                        name_clean,
                        start + pos + lead,
                        value_clean or None,
                        start + pos + value_at + (len(value) - len(value.lstrip())) if value_clean else None,
                        False,
                    )
                )
            consumed = len(chunk) - len(rest)
            pos += consumed
            chunk = rest
        pos = end + 1
    return out


def _header(doc: Document, outline_at: int) -> tuple[dict[str, tuple[str, int]], list[Failure]]:
    """Title, project name, department, total and goal written before (or after) the outline."""
    text, found, failures = doc.text, {}, []
    before = text[:outline_at].translate(_T2S)  # landmarks matched simplified; values taken from ``text``

    def written(m: re.Match[str], group: str | int) -> str:
        return text[m.start(group) : m.end(group)]

    if m := _TITLE_FIELD.search(before):
        found["title"] = (written(m, "title").strip(), m.start("title"))
    else:
        lines = (line.strip() for line in before.split("\n"))
        first = next((line for line in lines if line and not _BREADCRUMB.search(line)), "")
        if first:
            found["title"] = (first, before.find(first))
    if "title" in found and (m := _PROJECT_IN_TITLE.search(found["title"][0].translate(_T2S))):
        found["name"] = (
            found["title"][0][m.start("name") : m.end("name")].strip(),
            found["title"][1] + m.start("name"),
        )
        failures.append(
            Failure(source=doc.source, field="项目名称", message=msg("PROSE_NAME_FROM_TITLE", name=found["name"][0]))
        )
    else:
        failures.append(Failure(source=doc.source, field="项目名称", message=msg("FORM_NO_NAME")))
    m, count = _one_amount(text, outline_at)
    if m is not None:
        found["total"], found["currency"] = (m.group(1), m.start(1)), (m.group(2), m.start(2))
        failures.append(
            Failure(source=doc.source, field="amounts.total", message=msg("PROSE_AMOUNT_FROM_TEXT", text=written(m, 0)))
        )
    else:
        failures.append(
            Failure(source=doc.source, field="amounts.total", message=msg("PROSE_AMOUNT_UNTOLD", count=count))
        )
    if m := _GOAL.search(before):
        goal = _NOTICE_FORMULA.sub("", written(m, "goal")).strip()
        if goal:
            found["goal"] = (goal, m.start("goal"))
    elif heading := goal_under_heading(text[:outline_at]):  # 一、 项目总体目标 / 本项目旨在…
        found["goal"] = heading
        failures.append(
            Failure(source=doc.source, field="绩效目标", message=msg("PROSE_GOAL_FROM_TEXT", goal=heading[0][:30]))
        )
    dates = list(_DATE_LINE.finditer(text.translate(_T2S), outline_at))
    if dates:
        lines = text[: dates[-1].start()].rstrip().rsplit("\n", 1)
        signer = lines[-1].strip()
        if signer and not _SIGN.search(signer) and len(signer) <= 30:
            found["department"] = (signer, text.rfind(signer, 0, dates[-1].start()))
    if "department" not in found and (m := _ISSUER_FIELD.search(before)):
        found["department"] = (written(m, "issuer").strip(), m.start("issuer"))
    return found, failures


def _one_amount(text: str, end: int, *, sentences_only: bool = False) -> tuple[re.Match[str] | None, int]:
    """The one ``资金N万元`` written before ``end`` (None when there are none or several), and the
    count; with ``sentences_only`` a table's lines (cells split by | or tabs) are not looked in."""
    plain = text[:end].translate(_T2S)
    found = [
        m
        for m in _MONEY.finditer(plain)
        if not sentences_only or not re.search(r"[|｜\t]", plain[plain.rfind("\n", 0, m.start()) + 1 : m.end()])
    ]
    return (found[0] if len({(m.group(1), m.group(2)) for m in found}) == 1 else None), len(found)


def fill_from_report(doc: Document, table: BudgetTable) -> BudgetTable:
    """A form inside a report (绩效自评报告, 公示) that has no money cells: the report's one
    ``资金N万元`` sentence gives the total (the fiscal amount too when that sentence says the
    money is 财政拨款), flagged as read from running text; a form with no 项目名称 takes the
    project the report's money sentence names (``该X项目于…``), flagged too."""
    projects = table.projects()
    if len(projects) != 1:
        return table
    project, text = projects[0], doc.text
    failures = list(table.failures)
    money, _ = _one_amount(text, len(text), sentences_only=True)  # a report may tell its money after the table
    unpaid = all(v is None for v in project.amounts.model_dump().values())
    if money is None and unpaid and not _passed_to(doc, table, project, failures):
        failures += _sentence_budget(doc, table, project)
    elif money is not None and unpaid:
        total = Decimal(money.group(1).replace(",", ""))
        sentence = text[money.start() : (text.find("。", money.start()) + 1) or len(text)]
        amounts = Amounts(total=total, fiscal=total if "财政拨款" in sentence.translate(_T2S) else None)
        project.amounts = amounts
        for unit in table.units:
            unit.amounts = amounts
        table.amounts, table.currency_unit = amounts, money.group(2)
        failures.append(
            Failure(
                source=doc.source,
                field="amounts.total",
                message=msg("PROSE_AMOUNT_FROM_TEXT", text=text[money.start() : money.end()]),
            )
        )
    if project.goal is None and not project.classified and (heading := goal_under_heading(text)):
        goal, at = heading  # (一)绩效目标情况 / 建设8个…: the report's goal, the form's own goal cell cut away
        project.goal = goal
        project.spans["goal"] = Span(start=at, end=at + len(goal), row=_line_of(text, at))
        failures.append(
            Failure(source=doc.source, field="绩效目标", message=msg("PROSE_GOAL_FROM_TEXT", goal=goal[:30]))
        )
    ungridded = [f for f in failures if f.code in ("FORM_HEADER_ONLY", "FORM_NO_ROWS")]
    if not project.indicators and not project.classified and ungridded:
        indicators, flags = report_indicators(doc)  # a report's target sentences under its header fields
        if indicators:
            project.indicators = indicators
            at = failures.index(ungridded[0])
            failures[at : at + 1] = flags
    if not project.name and (
        subject := name_in_money_sentence(text) or name_before_this_project(text) or _titled(text)
    ):  # 该X项目于…下达预算资金10万元 ; 一是完成X建设,该项目总投资额为… ; a title: X项目自评结果
        project.name = subject[0]
        project.spans["name"] = Span(start=subject[1], end=subject[1] + len(subject[0]), row=_line_of(text, subject[1]))
        failures = [f for f in failures if f.code != "FORM_NO_NAME"]
        said = "PROSE_NAME_FROM_TITLE" if subject == _titled(text) else "PROSE_NAME_FROM_TEXT"
        failures.append(Failure(source=doc.source, field="项目名称", message=msg(said, name=subject[0])))
    table.failures = failures
    return table


def _titled(text: str) -> tuple[str, int] | None:
    """The project the title names (:func:`.prose_name.name_in_title`), a title wrapped over lines
    read whole, and where its name starts in ``text``."""
    cleaned, where = _sentences(text)
    if (named := name_in_title(cleaned)) is None:
        return None
    return named[0], where[named[1]]


def _sentences(text: str) -> tuple[str, list[int]]:
    """The text with a PDF's hard-wrapped lines joined, so that a sentence or a title cut at the
    column's width reads whole, and where in ``text`` each of its characters was: lines that fill
    the page's wrap width (:func:`..wrapped_goal.wrap_width`, in display columns) and end no
    sentence run on into the next; else as :func:`.prose_text._unwrapped` joins them."""
    width = wrap_width(text)
    if width is None:
        return _unwrapped(text, list(range(len(text) + 1)))
    kept, where, pos = [], [], 0
    for line in text.split("\n"):
        kept.append(line)
        where.extend(range(pos, pos + len(line)))
        pos += len(line)
        if display_width(line.rstrip()) < width - 1 or line.rstrip().endswith(("。", "！", "？", "；", "：", ":")):
            kept.append("\n")
            where.append(pos)
        pos += 1
    where.append(pos)
    return "".join(kept), where


def _set_total(table: BudgetTable, project: Project, amounts: Amounts, currency: str) -> None:
    """The amounts read from a sentence, for the project, its unit and the table."""
    project.amounts = amounts
    for unit in table.units:
        unit.amounts = amounts
    table.amounts, table.currency_unit = amounts, currency


def _total_span(doc: Document, where: list[int], plain: str, at: int) -> tuple[Span, int]:
    """The span in the document of the number read at ``at`` of the joined text, and its end there."""
    number = re.compile(r"[\d,.]*").match(plain, at)
    end = number.end() if number else at
    start = where[at]
    return Span(start=start, end=where[end - 1] + 1 if end > at else start, row=_line_of(doc.text, start)), end


def _passed_to(doc: Document, table: BudgetTable, project: Project, failures: list[Failure]) -> bool:
    """A form with no money cell in a notice that passes the fund the form names (现下达X专项资金
    (第一批…)100万元, the form's 项目名称 X专项资金(第一批…)): the amount passed is its total, flagged
    as read from that sentence. False when the notice passes no fund, another fund or no amount."""
    cleaned, where = _sentences(doc.text)
    plain = cleaned.translate(_T2S)
    passed = _passed_fund(plain, len(plain), doc.source)
    named = re.sub(r"\s", "", project.name.translate(_T2S))
    if passed is None or passed.total is None or not named or not named.startswith(re.sub(r"\s", "", passed.name)):
        return False
    total, currency, at, _ = passed.total
    _set_total(table, project, Amounts(total=total), currency)
    project.spans["amounts.total"], end = _total_span(doc, where, plain, at)
    said = msg("PROSE_AMOUNT_FROM_TEXT", text=cleaned[passed.name_at : end] + currency)
    failures.append(Failure(source=doc.source, field="amounts.total", message=said))
    return True


def _sentence_budget(doc: Document, table: BudgetTable, project: Project) -> list[Failure]:
    """A form or report with no money cell and no single ``资金N万元``: the budget its sentences
    state, chosen as a report's prose is (:func:`.prose_money.budget`: any money word, 预算 / 资金总额
    / 下达; one amount, the sum of the others, or the one called the budget), table lines left out;
    always flagged, and when several amounts leave the budget unsure, a failure says so."""
    cleaned, where = _sentences(doc.text)
    plain = _blank_table_lines(cleaned.translate(_T2S))  # offsets hold
    found, notes = budget(plain, 0, len(plain), project.name, None, doc.source)
    if found is None:
        return notes
    total, currency, at, fiscal = found
    _set_total(table, project, Amounts(total=total, fiscal=total if fiscal else None), currency)
    project.spans["amounts.total"], end = _total_span(doc, where, plain, at)
    said = msg("PROSE_AMOUNT_FROM_TEXT", text=cleaned[max(0, at - 6) : end] + currency)
    return [*notes, Failure(source=doc.source, field="amounts.total", message=said)]


#: what makes a line a line of a table (cells split by | or tabs): not a sentence
_CELL_MARKS = ("|", "｜", "\t")


def _blank_table_lines(text: str) -> str:
    """The text with every table line blanked to spaces (offsets hold). Line by line, not one
    regex over the text: a pattern that looks for a mark anywhere in a line retries from every
    position of a long line without one, and a megabyte on one line never ended (fuzzing)."""
    return "\n".join(
        " " * len(line) if any(mark in line for mark in _CELL_MARKS) else line for line in text.split("\n")
    )


def report_indicators(doc: Document) -> tuple[list[Indicator], list[Failure]]:
    """The targets a report writes in its sentences (lines opened by a category label, or clauses
    that name their target: 指标值为“…”, 年初目标值≥90%), each with a failure saying it was read
    from running text; lines of a table are not read."""
    text = doc.text
    plain = _blank_table_lines(text.translate(_T2S))  # offsets hold
    items = _labeled(plain, 0, len(plain)) or _stated(plain, 0, len(plain)) or _goal_items(plain, 0, len(plain))
    indicators: list[Indicator] = []
    failures: list[Failure] = []

    def span(start: int, value: str) -> Span:
        return Span(start=start, end=start + len(value), row=_line_of(text, start))

    for item in items:
        _, name, at, value, _, _ = item
        indicators.append(item_indicator(item, plain, text, span, len(indicators) + 1))
        failures.append(
            Failure(
                source=doc.source,
                row=_line_of(text, at),
                field=f"绩效指标 #{len(indicators)}",
                message=msg("PROSE_INDICATOR_FROM_TEXT", name=name, value=value or ""),
            )
        )
    return indicators, failures


def read_report_targets(doc: Document) -> BudgetTable | None:
    """A report or notice with no table whose sentences state targets, though no project field is
    read from them: one unnamed project with those indicators (each flagged) and what the report's
    money sentence and goal heading tell (:func:`fill_from_report`, flagged); None with no target."""
    indicators, flags = report_indicators(doc)
    if not indicators:
        return None
    failures = [
        Failure(source=doc.source, field="document", message=msg("PROSE_FIELDS_ONLY")),
        Failure(source=doc.source, field="项目名称", message=msg("FORM_NO_NAME")),
        *flags,
    ]
    meta = RunMeta(source=doc.source, encoding=doc.encoding, layout=doc.layout, backend="rules")
    meta.extra["kind"] = "targets in prose"
    project = Project(name="", indicators=indicators)
    if found := _goal(doc.text.translate(_T2S), 0, len(doc.text)):  # 总体绩效目标一是…。二是…。 (m06)
        goal, at = doc.text[found[1] : found[1] + len(found[0])], found[1]
        project.goal = goal
        project.spans["goal"] = Span(start=at, end=at + len(goal), row=_line_of(doc.text, at))
        failures.append(
            Failure(source=doc.source, field="绩效目标", message=msg("PROSE_GOAL_FROM_TEXT", goal=goal[:30]))
        )
    table = BudgetTable(currency_unit=None, units=[Unit(name="", projects=[project])], meta=meta, failures=failures)
    return fill_from_report(doc, table)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def extract_prose(doc: Document) -> BudgetTable:
    """Read a notice's outline of targets and the header fields its sentences name.

    Raises:
        InputError: no outline of 一、产出指标 … headings (see :func:`looks_like_prose`).
    """
    text = doc.text
    plain = text.translate(_T2S)  # one character for one: offsets hold, values are taken from ``text``
    if not looks_like_prose(doc):
        raise InputError(doc.source, msg("NO_TABLE"))
    first = next(m for m, kind in _marks(plain) if kind == "l1" and m.group("head"))
    end_m = _END.search(plain, first.end())
    stop = end_m.start() if end_m else len(text)

    def span(start: int, value: str) -> Span:
        return Span(start=start, end=start + len(value), row=_line_of(text, start))

    indicators: list[Indicator] = []
    worded_at: list[Indicator] = []
    level1: tuple[str, str | None] | None = None
    level2: tuple[str, str | None] | None = None
    marks = [
        (m.start(), m.end(), kind, bool(m.group("head")), text[m.start("name") : m.end("name")], m.group("name"))
        for m, kind in _marks(plain, first.start(), stop)
    ]
    for i, (_, end, kind, heading, name, simple) in enumerate(marks):
        if kind == "l2":
            level2 = (name, code_for_level2_name(simple))
        elif heading or level1 is None or code_for_level1_name(simple) != level1[1]:
            level1, level2 = (name, code_for_level1_name(simple)), None
        # an inline 效益指标： under the 二、效益指标 heading repeats it: nothing changes
        stretch_end = marks[i + 1][0] if i + 1 < len(marks) else stop
        pieces = _pieces(text[end:stretch_end], end)
        if any(value is not None for _, _, value, _, _ in pieces):
            # beside items that state their targets, a clause with none is a sentence about the work
            # (完成所有计划内的…巡检, o08), not an indicator; a label whose items all lack one keeps them
            pieces = [piece for piece in pieces if piece[2] is not None]
        for item, at, value, value_at, worded in pieces:
            spans = {"name": span(at, item)}
            if value is not None and value_at is not None:
                spans["annual_value"] = span(value_at, value)
            indicators.append(
                Indicator(
                    seq=len(indicators) + 1,
                    level1_code=level1[1] if level1 else None,
                    level1_name=level1[0] if level1 else None,
                    level2_code=level2[1] if level2 else None,
                    level2_name=level2[0] if level2 else None,
                    name=item,
                    annual_value=value,
                    spans=spans,
                )
            )
            if worded:  # the target is told by a word in a sentence (不低于, 达到): where the name ends is read
                worded_at.append(indicators[-1])
    found, failures = _header(doc, first.start())
    # a comma left inside a name or value: where one item ends is not certain
    doubted = [(ind, "PROSE_ITEM_COMMA") for ind in indicators if re.search("[,，]", f"{ind.name}{ind.annual_value}")]
    doubted += [(ind, "PROSE_INDICATOR_FROM_TEXT") for ind in worded_at]
    for ind, code in doubted:
        failures.append(
            Failure(
                source=doc.source,
                row=ind.spans["name"].row,
                field=f"绩效指标 #{ind.seq}",
                message=msg(code, name=ind.name, value=ind.annual_value or ""),
            )
        )
    if not indicators:
        failures.append(Failure(source=doc.source, field="绩效指标", message=msg("FORM_NO_ROWS")))
    total = Decimal(found["total"][0].replace(",", "")) if "total" in found else None
    amounts = Amounts(total=total)
    project_spans = {k: span(found[k][1], found[k][0]) for k in ("name", "goal") if k in found}
    if "total" in found:
        project_spans["amounts.total"] = span(found["total"][1], found["total"][0])
    project = Project(
        name=found["name"][0] if "name" in found else "",
        amounts=amounts,
        goal=found["goal"][0] if "goal" in found else None,
        indicators=indicators,
        spans=project_spans,
    )
    department = found["department"][0] if "department" in found else None
    if department is None:
        failures.append(Failure(source=doc.source, field="主管部门", message=msg("PROSE_NO_DEPARTMENT")))
    unit = Unit(name=department or "", amounts=amounts, projects=[project])
    meta = RunMeta(
        source=doc.source,
        encoding=doc.encoding,
        layout=doc.layout,
        backend="rules",
        extra={"kind": "prose notice", "prose": {k: v for k, (v, _) in found.items()}},
    )
    table = BudgetTable(
        title=found["title"][0] if "title" in found else None,
        department=department,
        currency_unit=found["currency"][0] if "currency" in found else "万元",
        amounts=amounts,
        units=[unit],
        meta=meta,
        failures=failures,
    )
    if department is not None:
        table.spans["department"] = span(found["department"][1], department)
    return table
