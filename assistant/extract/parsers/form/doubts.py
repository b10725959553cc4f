"""Last checks on what the rules read: a name that looks like a value or a form word, a value
that is a label, a goal that swallowed labels. No silent wrong answers: each is a failure
naming the indicator and the field, for a clerk (or the LLM under ``--backend auto``).
"""

from __future__ import annotations

import re

from ....ingest.document import Document
from ....messages import Msg, msg
from ....schema import Failure, Indicator
from .cut import _UNIT
from .labels import _STAMP, _VALUE_LIKE, _fold, _is_column_heading, _is_header_word, _is_label, _key_field

_LEVEL_SHAPE = re.compile(r"[\u4e00-\u9fff]{2,6}指标")

#: a name that is a value in words and nothing else (是, 否, 合格): an answer read where the
#: name should be (a column of labels in the name's place slid the cells)
_WORD_VALUE = re.compile(r"是|否|有|无|合格|达标|良好|优良|优秀|较好|及时|已完成|达到|显著|明显")


def _form_words(text: str) -> bool:
    """The form's own words read as an indicator's: a stamp or signature line, a 填表 / 填报 /
    审核 note, a column heading (指标值, 一级指标)."""
    return bool(_STAMP.search(text) or re.search("填表|填报|审核", text) or _is_column_heading(text))


#: a CSV's cell border inside a text: a quote, a comma, a quote ("完成…","",""), which no goal writes
_CSV_BORDER = re.compile(r'"\s*,\s*"')


def _keys_only(text: str) -> bool:
    """A short text with no sentence in it that is form keys end to end (一般公共预算 | 政府性基金拨款,
    财政拨款 | 其他资金): a header row's heads read as a value. Short texts only: each cut is tried."""
    if not text or len(text) > 30 or re.search(r"[\d，,。；;：:、]", text):
        return False
    ends = {0}
    for end in range(2, len(text) + 1):
        if any(_key_field(text[start:end]) for start in ends if end - start >= 2):
            ends.add(end)
    return len(text) in ends


def _doubtful(indicators: list[Indicator], goal: str | None, doc: Document) -> list[Failure]:
    """Failures for what the rules read but are not sure of: an indicator name that looks like
    a value, a label or a form word; a value that is a label or a form word; a goal that
    swallowed form labels. Each names the item and the field, so a clerk (or the LLM under
    ``--backend auto``) looks there."""
    out: list[Failure] = []

    def say(ind: Indicator, field: str, message: Msg) -> None:
        span = ind.spans.get(field) or ind.spans.get("name")
        out.append(
            Failure(
                source=doc.source, row=span.row if span else None, field=f"绩效指标 #{ind.seq} {field}", message=message
            )
        )

    for ind in indicators:
        name = _fold(ind.name or "")
        if name and (
            _VALUE_LIKE.search(name)
            or _form_words(name)
            or _key_field(name)
            or _is_label(name)
            or _LEVEL_SHAPE.fullmatch(name)  # 过程指标: a level word the category system lacks
            or _WORD_VALUE.fullmatch(name.strip())
            or re.fullmatch(rf"\d+(?:\.\d+)?\s*[万千百亿]?{_UNIT}", name.strip())  # 375万平方米
        ):
            say(ind, "name", msg("FORM_NAME_LOOKS_LIKE_VALUE", name=ind.name))
        elif re.fullmatch(r"(.{3,})\1", name.strip()):  # 当年在校学生数当年在校学生数 | 4953
            say(ind, "name", msg("FORM_NAME_TWICE", name=ind.name))
        elif len(name) > 80:
            say(ind, "name", msg("FORM_NAME_TOO_LONG", length=len(name)))
        for field in ("period_value", "annual_value"):
            value = _fold(getattr(ind, field) or "")
            if value and (_form_words(value) or _is_label(value) or _key_field(value) or _is_header_word(value)):
                say(ind, field, msg("FORM_VALUE_LOOKS_LIKE_LABEL", value=getattr(ind, field)))
            elif value and value == name:  # a wrapped name's second line read as the value of its first
                say(ind, field, msg("FORM_VALUE_IS_NAME", value=getattr(ind, field)))
    if goal and (
        any(word in _fold(goal) for word in ("年度目标", "总体目标", "完成情况", "绩效指标", "一级指标", "设定目标"))
        or _keys_only(_fold(goal).strip())  # 一般公共预算政府性基金拨款: a header row's heads read as the goal
        or _CSV_BORDER.search(goal)  # CSV lines in a .txt: "年度目标","完成…","" keeps its cell borders
    ):
        out.append(
            Failure(
                source=doc.source,
                field="绩效目标",
                message=msg("FORM_GOAL_HAS_LABELS", goal=goal[:40]),
            )
        )
    return out
