"""Targets written as sentences: ``…完成率达到100%；…不低于95%；…发放指标为100%实际完成值为100%``.

Self-evaluation reports and notices state each indicator as a clause: a name, then the target
as a sign (``≥6架``), a comparison word (``不低于95%``) or a target word (``年初目标值为90%``,
``发放指标为100%``, ``达到100%``), and often the result after it (``，实际布防6架``,
``实际完成值为100%``). A clerk reads the target and skips the result; so does this reader:

* name = the text before the target, without the linking words (``达到``, ``指标为``, ``目标值``);
* value = the target with its sign or comparison word and its unit (``不低于95%``, ``≥928小时``);
* a result clause right after a target is skipped, so two clauses run together with no separator
  (``…发放指标为100%实际完成值为100%义务兵…发放指标为100%…``) are two indicators;
* a bare ``X为98%`` is what the report says was done, not a target, and is never read; nor is a
  clause with no sign whose name starts with 实际/已 (a result: ``实际完成率达到100%``; a sign
  keeps a ratio target such as ``实际完成飞行小时数/计划小时数≥80%``).

Callers flag every indicator read here (running text, not a table row).
"""

from __future__ import annotations

import re

from ...compare_words import SIGNS, SPOKEN_AT_LEAST, SPOKEN_AT_MOST, TABLE_WORDS, alternation
from .form.cut import _UNIT

__all__ = ["targets_in"]

_SIGN = rf"[{SIGNS}]{{1,2}}"
#: comparison words that are part of the target, kept in the value as written: the table's and
#: the spoken words of :mod:`assistant.compare_words`; 达到 links a name to its target (_LINK)
_COMPARE = alternation(TABLE_WORDS + SPOKEN_AT_LEAST + SPOKEN_AT_MOST)
#: linking words between name and target, left out of both
_LINK = r"(?:(?:(?:年初|年度|计划)?(?:指标|目标)值?|达到|达)[ \t\u3000]*(?:为|是|[:：])?)"
_NUMBER = r"\d+(?:\.\d+)?"
_AMOUNT = (
    rf"{_NUMBER}[ \t\u3000]*(?:{_UNIT}|[a-zA-Z]{{1,4}}|[\u4e00-\u9fff](?=[ \t\u3000]*(?:[。；;，,]|$)))?"
    r"(?:以上|以下|以内)?"
)
_TARGET = re.compile(
    rf"(?P<link>{_LINK})?[ \t\u3000]*(?P<value>(?:{_SIGN}|{_COMPARE})[ \t\u3000]*{_AMOUNT})"
    rf"|(?P<link2>{_LINK})[ \t\u3000]*(?P<value2>{_AMOUNT})"
)
#: what was done, right after a target: ，实际布防6架 ; 实际完成值为100% ; 当年实际完成9人
_RESULT = re.compile(
    rf"[ \t\u3000,，]*(?:当年|全年)?(?:实际|已)[\u4e00-\u9fff/]{{0,10}}?(?:为|是|[:：])?[ \t\u3000]*{_NUMBER}"
    rf"[ \t\u3000]*(?:{_UNIT}|[a-zA-Z]{{1,4}})?"
)
_NAME = re.compile(r"[\u4e00-\u9fff]")
_TRIM = " \t\n\u3000,，、：:（(的"


def targets_in(piece: str) -> list[tuple[str, int, str, int]]:
    """The targets of one clause: (name, name offset, value, value offset), offsets into ``piece``."""
    out: list[tuple[str, int, str, int]] = []
    pos = 0
    while m := _TARGET.search(piece, pos):
        value_group = "value" if m.group("value") is not None else "value2"
        raw = piece[pos : m.start()]
        lead = len(raw) - len(raw.lstrip(_TRIM))
        name = raw.strip(_TRIM)
        value = m.group(value_group).strip()
        linked = value_group == "value2"
        result_like = linked and name.startswith(("实际", "已"))  # 实际完成率达到100%
        result_like = result_like or (linked and re.match(r"\d{4}年", value) is not None)  # 目标:2025年底前…
        if name and _NAME.search(name) and len(name) <= 40 and not result_like:
            out.append((name, pos + lead, value, m.start(value_group)))
        pos = m.end()
        if result := _RESULT.match(piece, pos):
            pos = result.end()
    return out
