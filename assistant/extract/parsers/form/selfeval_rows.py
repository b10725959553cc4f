"""A self-evaluation's grid printed one row per line with single spaces (a page's text).

Some sites print a 自评表 row as one line of words, the cells' borders lost::

    三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因 得分计算方法
    数量指标 全年免费开放 100% 100% 12.5 12.5
    经济效益
    指标
    承担重要公益服务项目、助推民生事业发展 100% 100% 10 10

Single spaces do not say where a cell ends, but the row's right end does: the last four words
are the target, the achieved value, the 分值 and the 得分 (two scores), the words before them
the name, and a level label written first heads the row and those after it. The 一级 cells
are often lost (only 产出指标's score mark (50分) is left); the 一级 code then follows the
二级 label, the name stays empty.

Read only under a head of exactly that shape (三级指标, a target head, an achieved head, 分值,
得分); everything else is left to the other readers. No silent guesses: the reading is
flagged (rows found by their right ends), and a line under the head that is neither a row,
a label, a score mark nor a scoring note is reported as not read.
"""

from __future__ import annotations

import re

from ....messages import Msg, msg
from ....schema import Failure, Indicator
from ....taxonomy import code_for_level2_name, level1_of
from .labels import _as_written, _bare, _is_label, _level1_code, _level1_label

__all__ = ["read_selfeval_rows"]

_TARGET_HEAD = re.compile(r"^(?:预期|年度|年初|计划)?(?:目标|指标)值|^预期指标值|^年度指标值")
_ACTUAL_HEAD = re.compile(r"实际|完成值")
_SCORE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
#: lines that are no row: a score mark (50分), a filler -, a scoring note (定量指标计算:…)
_NOT_A_ROW = re.compile(r"^[\s\-—–]*$|^[(（]\d+(?:\.\d+)?分[)）]$|^(?:定量|定性)指标|计算[:：]|得分计算")
#: where the grid ends: the total score, the evaluation's conclusions
_END = re.compile(r"^(?:总分|合计|自评得分|总体评价|综合评价|评价结论|说明|备注|填报人|联系电话)")


def _head(words: list[str]) -> bool:
    """三级指标 | target | achieved | 分值 | 得分 (then text columns)."""
    if len(words) < 5 or _bare(words[0]) != "三级指标":
        return False
    heads = [_bare(w) for w in words[1:5]]
    return bool(_TARGET_HEAD.search(heads[0]) and _ACTUAL_HEAD.search(heads[1])) and heads[2:] == ["分值", "得分"]


def _scores_end(words: list[str], notes: int) -> int | None:
    """Where a row's 得分 ends: after the last two scores that have a name, a target and an
    achieved value before them and no more words after them than the head has text columns."""
    for end in range(len(words), 4, -1):
        if len(words) - end > notes:
            return None
        if _SCORE.match(words[end - 1]) and _SCORE.match(words[end - 2]):
            return end
    return None


def read_selfeval_rows(lines: list[str], source: str | None) -> tuple[list[Indicator], list[Failure]] | None:
    """The rows under a 三级指标 | target | achieved | 分值 | 得分 head written with single
    spaces, or None when the text has no such head or no row under it."""
    at = next((k for k, line in enumerate(lines) if _head(line.split())), None)
    if at is None:
        return None
    notes = len(lines[at].split()) - 5  # the text columns after 得分 (未完成原因, 得分计算方法)
    indicators: list[Indicator] = []
    unread: list[str] = []
    doubts: list[tuple[int, Msg]] = []
    level1: str | None = None  # a 一级 label as written, when the page kept it
    level2: str | None = None
    wrapped = False  # the last line was a label alone: a 指标 on the next line ends it (经济效益 | 指标)
    for line in lines[at + 1 :]:
        words = line.split()
        if not words or _NOT_A_ROW.search(line.strip()):
            continue
        if _END.match(words[0]):
            break
        if wrapped and len(words) == 1 and _bare(words[0]) == "指标":
            end = words[0]
            level1, level2 = (level1 + end, level2) if level2 is None and level1 else (level1, f"{level2}{end}")
            wrapped = False
            continue
        wrapped = False
        if len(words) == 1 and _is_label(words[0]):
            level1, level2 = (words[0], None) if _level1_label(words[0]) else (level1, words[0])
            wrapped = not words[0].endswith("指标")
            continue
        if (end := _scores_end(words, notes)) is None:
            unread.append(line.strip())
            continue
        words, note = words[:end], words[end:]
        if note:
            doubts.append((len(indicators) + 1, msg("SELFEVAL_ROW_NOTE", note=" ".join(note))))
        head = words[:-4]
        while head and _is_label(head[0]):
            if _level1_label(head[0]):
                level1, level2 = head.pop(0), None
            else:
                level2 = head.pop(0)
        l2_code = code_for_level2_name(_bare(level2)) if level2 else None
        l1_code = _level1_code(level1) if level1 else (level1_of(l2_code) if l2_code else None)
        indicators.append(
            Indicator(
                seq=len(indicators) + 1,
                level1_code=l1_code,
                level1_name=_as_written(level1) if level1 else None,
                level2_code=l2_code,
                level2_name=_as_written(level2) if level2 else None,
                name=" ".join(head) or None,
                annual_value=words[-4],
            )
        )
        if len(head) != 1:
            doubts.append((len(indicators), msg("SELFEVAL_NAME_WORDS", words=" ".join(head) or "—")))
    if not indicators:
        return None
    failures = [Failure(source=source, field="绩效指标", message=msg("SELFEVAL_ROWS_READ", count=len(indicators)))]
    failures += [
        Failure(source=source, field="绩效指标", message=msg("SELFEVAL_LINE_UNREAD", text=text[:60])) for text in unread
    ]
    failures += [Failure(source=source, field=f"绩效指标 #{seq}", message=doubt) for seq, doubt in doubts]
    return indicators, failures
