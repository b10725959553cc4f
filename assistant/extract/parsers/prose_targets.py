"""Targets written as sentences: ``…完成率达到100%；…不低于95%；…发放指标为100%实际完成值为100%``.

Self-evaluation reports and notices state each indicator as a clause: a name, then the target
as a sign (``≥6架``), a comparison word (``不低于95%``) or a target word (``年初目标值为90%``,
``发放指标为100%``, ``达到100%``), and often the result after it (``，实际布防6架``,
``实际完成值为100%``). A clerk reads the target and skips the result; so does this reader:

* name = the text before the target, without the linking words (``达到``, ``指标为``, ``目标值``);
* value = the target with its sign or comparison word and its unit (``不低于95%``, ``≥928小时``);
* a result clause right after a target is skipped, so two clauses run together with no separator
  (``…发放指标为100%实际完成值为100%义务兵…发放指标为100%…``) are two indicators; so is one that
  opens a name (something written between it and its target): the name starts after it;
* a target quoted after its word is taken whole, quotes left out (``指标值为“约12000平方米”``);
* a bare ``X为98%`` is what the report says was done, not a target, and is not read by
  :func:`targets_in`; nor is a clause with no sign whose name starts with 实际/已 (a result:
  ``实际完成率达到100%``; a sign keeps a ratio target such as ``实际完成飞行小时数/计划小时数≥80%``).

Reports write their targets in three more ways, read here for the callers (prose_fields._labeled,
prose.report_indicators):

* :func:`count_in`: under a category label whose sentences state no target, each clause that is a
  measure's name and its number (``办理法律援助案件94件``, ``基本完成治理水土流失面积1429.39hm``): the
  report gives no other number for the target. Not a sentence's subject (``我校收到…资金16.20万元``),
  nor a name holding a number, nor money outside 成本指标, nor ``X为98%`` except in a colon's list;
* :func:`stated_targets`: clauses that name their target (``年初目标值≥90%``, ``指标值为“…”``),
  with no category label, outside a table's lines;
* :func:`goal_targets`: a list of targets after the goal's sentence on the goal's line
  (``项目绩效总目标:减免…学费;发放率100%,减免率100%,社会满意度达:98%``).

Callers flag every indicator read here (running text, not a table row).
"""

from __future__ import annotations

import re

from ...compare_words import SIGNS, SPOKEN_AT_LEAST, SPOKEN_AT_MOST, TABLE_WORDS, alternation
from ...taxonomy import CATEGORY_WORDS, words
from .form.cut import _UNIT

__all__ = ["count_in", "goal_targets", "stated_targets", "targets_in"]

_SIGN = rf"[{SIGNS}]{{1,2}}"
#: comparison words that are part of the target, kept in the value as written: the table's and
#: the spoken words of :mod:`assistant.compare_words`; 达到 links a name to its target (_LINK)
_COMPARE = alternation(TABLE_WORDS + SPOKEN_AT_LEAST + SPOKEN_AT_MOST)
#: linking words between name and target, left out of both
_LINK = r"(?:(?:(?:年初|初|年度|全年|计划|预期|预计)?(?:指标|目标)值?|达到|达)[ \t\u3000]*(?:为|是|[:：])?)"
_NUMBER = r"\d+(?:\.\d+)?"
#: 工作日 before the measure words (个 would cut 250个工作日 short)
_AMOUNT = (
    rf"{_NUMBER}[ \t\u3000]*(?:个?工作日|{_UNIT}|[a-zA-Z]{{1,4}}|[\u4e00-\u9fff](?=[ \t\u3000]*(?:[。；;，,]|$)))?"
    r"(?:以上|以下|以内)?"
)
_TARGET = re.compile(
    rf"(?P<link>{_LINK})?[ \t\u3000]*(?P<value>(?:{_SIGN}|{_COMPARE})[ \t\u3000]*{_AMOUNT})"
    rf"|(?P<link2>{_LINK})[ \t\u3000]*(?P<value2>{_AMOUNT})"
    # a target quoted after its word, whatever it says: 指标值为“约12000平方米” ; 指标值为“2021年4月15日”
    rf"|(?P<link3>{_LINK})[ \t\u3000]*[“\"「『](?P<value3>[^”\"」』\n]{{1,30}})[”\"」』]"
)
#: a comparison word left at a name's end before the target's own word: 学校满意度大于年度指标值≥95%
_NAME_TAIL = re.compile(rf"(?:{_COMPARE}|达到|达|为|是)$")
#: what was done, right after a target: ，实际布防6架 ; 实际完成值为100% ; 当年实际完成9人 ; ，完成值≥90%
_RESULT = re.compile(
    r"[ \t\u3000,，]*(?:当年|全年|年度|年末|年终)?(?:实际|已|完成(?:值|数|情况))[\u4e00-\u9fff/]{0,10}?"
    rf"(?:为|是|[:：])?[ \t\u3000]*(?:{_SIGN})?[ \t\u3000]*{_NUMBER}"
    rf"[ \t\u3000]*(?:{_UNIT}|[a-zA-Z]{{1,4}})?"
)
_NAME = re.compile(r"[\u4e00-\u9fff]")
#: a category of the indicator system and nothing else (数量, 社会效益, 满意度): a label, never a
#: measure's name, even when 指标 after it reads like a target's word (数量指标  200人次)
_CATEGORY_ONLY = re.compile(rf"(?:{words(CATEGORY_WORDS)})(?:指标|目标)?")
_TRIM = " \t\n\u3000,，、：:（(的"


def targets_in(piece: str) -> list[tuple[str, int, str, int]]:
    """The targets of one clause: (name, name offset, value, value offset), offsets into ``piece``."""
    out: list[tuple[str, int, str, int]] = []
    pos = 0
    while m := _TARGET.search(piece, pos):
        value_group = next(g for g in ("value", "value2", "value3") if m.group(g) is not None)
        raw = piece[pos : m.start()]
        lead = len(raw) - len(raw.lstrip(_TRIM))
        name = raw.strip(_TRIM)
        if (done := _RESULT.match(name)) and _NAME.search(name[done.end() :]):
            # the last target's result, something between them (…100%〈指标3:〉实际完成值为100%义务兵…):
            # the result is skipped as right after a target, the name starts after it
            lead += done.end() + len(name[done.end() :]) - len(name[done.end() :].lstrip(_TRIM))
            name = name[done.end() :].strip(_TRIM)
        if m.group("link") or m.group("link2") or m.group("link3"):
            name = _NAME_TAIL.sub("", name).rstrip(_TRIM)
        value = m.group(value_group).strip()
        linked = value_group == "value2"
        result_like = linked and name.startswith(("实际", "已"))  # 实际完成率达到100%
        result_like = result_like or (linked and re.match(r"\d{4}年", value) is not None)  # 目标:2025年底前…
        category = _CATEGORY_ONLY.fullmatch(name) is not None  # 数量指标 200人次: a label's cell and a value
        if name and _NAME.search(name) and len(name) <= 40 and not result_like and not category:
            out.append((name, pos + lead, value, m.start(value_group)))
        pos = m.end()
        if result := _RESULT.match(piece, pos):
            pos = result.end()
    return out


#: a count closing a clause, the report's number for a measure: 办理法律援助案件94件 ; 人均产粮增加290kg/人 ;
#: 项目区综合治理后年保土量3.51万t ; 保土率59.79%
_COUNT = re.compile(
    rf"(?P<value>{_NUMBER}[ \t\u3000]*(?:(?:{_UNIT})[a-zA-Z]{{0,3}}|[a-zA-Z]{{1,4}})(?:/[\u4e00-\u9fffa-zA-Z]{{1,2}})?)"
    r"[ \t\u3000]*$"
)
#: words before a count's name that say it was done or is a part: 基本完成治理…, 其中坡改梯…
_COUNT_LEAD = re.compile(r"^(?:其中|已基本完成|基本完成|已完成)[ \t\u3000]*")
#: a count's name: words only (a digit, a date or a second number means a sentence, not a name)
_COUNT_NAME = re.compile(r"[\u4e00-\u9fff（）()A-Za-z/、]{2,30}")
#: a sentence's subject, a result or a target's own word, not a measure's name: 我校收到…, 该项目…, …实际…, …完成, 年初目标值
_NOT_A_NAME = re.compile(r"^(?:我|该|本|今年|全年|当年)|实际|完成$|均为$|(?:指标|目标)值?$")
_MONEY_UNIT = re.compile(r"元")


def count_in(clause: str, *, linked_by_is: bool = False, money: bool = False) -> tuple[str, int, str, int] | None:
    """A clause that is a measure's name and its number (``办理法律援助案件94件``), as a report lists
    its indicators under a category label when it writes no separate target: (name, offset, value,
    offset) or None. ``X为100%`` counts only with ``linked_by_is`` (a label's list after a colon);
    an amount of money only with ``money`` (under 成本指标: elsewhere it is the money received)."""
    m = _COUNT.search(clause)
    if m is None:
        return None
    raw = clause[: m.start()]
    lead = len(raw) - len(raw.lstrip(_TRIM))
    name = raw.strip(_TRIM)
    if done := _COUNT_LEAD.match(name):
        lead, name = lead + done.end(), name[done.end() :]
    if name.endswith("为") and not name.endswith("均为"):
        if not linked_by_is:
            return None  # 经费发放率为98%: what was done
        name = name[:-1]
    value = m.group("value").strip()
    if not _COUNT_NAME.fullmatch(name) or _NOT_A_NAME.search(name):
        return None
    if _MONEY_UNIT.search(value) and not money:
        return None
    return name, lead, value, m.start("value")


#: a table's line (cells split by | or tabs), not a sentence
_TABLE_CELLS = re.compile(r"[|｜\t]")
#: a target's own word: 年初目标值, 指标值为, 发放指标为 (not a sign alone, nor 达到)
_STATED = re.compile(r"(?:指标|目标)值|指标为")
#: a grid's head words, in no sentence's target name: 指标 目标 完成值
_HEAD_WORDS = re.compile(r"指标|目标|完成值")
#: an item's number before its name: 1. 1、 (1) ①
_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])[ \t\u3000]*")


def stated_targets(plain: str, start: int, end: int) -> list[tuple[str, int, str, int]]:
    """The targets of a report's sentences that say which number is the target
    (``建设占地面积:指标值为“约12000平方米”,全年实际完成值约20000平方米;``,
    ``1.重大动物强制免疫病种群体免疫密度,年初目标值≥90%,实际完成值≥90%,自评得分20分;``):
    (name, offset, value, offset), offsets into ``plain``. Lines of a table (cells split by | or
    tabs) are not sentences and are not looked in."""
    out: list[tuple[str, int, str, int]] = []
    pos = start
    for line in plain[start:end].split("\n"):
        if not _TABLE_CELLS.search(line):
            at = pos
            for clause in re.split(r"[；;。]", line):
                if _STATED.search(clause):
                    for name, name_at, value, value_at in targets_in(clause):
                        if number := _ITEM_NUMBER.match(name):
                            name, name_at = name[number.end() :], name_at + number.end()
                        # a grid's heads run together (…年初指标值年终完成值…数量15): not a sentence's target
                        if name and not _HEAD_WORDS.search(name) and not re.fullmatch(r"[\d.]+", value):
                            out.append((name, at + name_at, value, at + value_at))
                at += len(clause) + 1
        pos += len(line) + 1
    return out


#: a goal's key in a report's sentence: 项目绩效总目标: ; 绩效目标: ; 年度目标:
_GOAL_KEY = re.compile(r"(?:总体|年度|项目)?(?:绩效)?总?目标[ \t\u3000]*[:：]")


def goal_targets(plain: str, start: int, end: int) -> list[tuple[str, int, str, int]]:
    """Targets a report lists after its goal on the goal's line, once the goal's sentence ends at a
    semicolon (l01: ``项目绩效总目标:减免在校…学费;发放率100%,减免率100%,社会满意度达:98%,…。``):
    (name, offset, value, offset). A part after a semicolon is read only when it lists two targets
    or more, comma-separated, and each of its clauses is a target (a name and its number, or a name
    and its target word)."""
    out: list[tuple[str, int, str, int]] = []
    for key in _GOAL_KEY.finditer(plain, start, end):
        line_end = plain.find("\n", key.end(), end)
        line = plain[key.end() : line_end if line_end >= 0 else end]
        if _TABLE_CELLS.search(line):
            continue
        parts = re.split(r"[；;]", line)
        pos = key.end() + len(parts[0]) + 1
        for part in parts[1:]:
            found, at = [], pos
            for clause in re.split(r"[,，]", part.rstrip("。. \t\u3000")):
                lead = len(clause) - len(clause.lstrip())
                named = targets_in(clause)
                one = (named[0] if len(named) == 1 and named[0][1] == lead else None) or count_in(clause)
                if one is None:
                    found = []
                    break
                found.append((one[0], at + one[1], one[2], at + one[3]))
                at += len(clause) + 1
            if len(found) >= 2:  # a list of targets, not one clause beside a goal's other sentences
                out += found
            pos += len(part) + 1
    return out
