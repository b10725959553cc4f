"""Indicator names phrased from the project's own goal, as clerks write their 效益 indicators.

Real tables often name a 效益 indicator by the effect the goal announces, verb and all
(goal "…有效提升全民健康水平" → 提升全民健康水平; "…促进学前教育普及普惠安全优质发展" →
促进学前教育普及普惠优质发展). :func:`goal_effects` reads those clauses: a clause that starts
with an effect verb (提升, 促进, 改善, 保障 …), once its adverbs (进一步, 有效 …) are dropped,
short enough to be a name and stating no number (a number is a target: see
``adapt.goal_quantities``). The value is the graded 达到 (reached / not reached at the
year-end review): the goal states the effect but no figure to measure it by, and inventing
one would be a silent wrong answer.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["EFFECT_VALUE", "goal_effects", "effect_code"]

#: the graded value of an effect the goal states without a figure (达到 / 未达到)
EFFECT_VALUE = "达到"
_EFFECT_VERB = re.compile(
    r"^(?:提升|提高|促进|改善|保障|增强|推动|减轻|巩固|满足|维护|优化|加快|健全|带动|增加|丰富|扩大|降低|减少|加强)"
)
_ADVERBS = re.compile(r"^(?:进一步|切实|有效|全面|着力|不断|持续|从而|以此|以|并|和|及|为|同时|大力|逐步|明显)+")
_NUMBERING = re.compile(r"^(?:目标)?[\d一二三四五六七八九十]+[.、)）:：]")
#: which 效益 code an effect belongs to, by a word in it; first match wins, else 社会效益
_EFFECT_CODES = (
    ("收入|增收|产值|经济|就业|市场|消费", "21"),
    ("生态|环境|绿化|污染|水源|森林|空气|节能|减排", "23"),
    ("长效|可持续|持续|机制|长期", "24"),
)
#: a name longer than this is a description of the work (MAX_NAME in adapt, less a margin)
MAX_EFFECT = 16


def effect_code(clause: str) -> str:
    """The level-2 code of a stated effect: 21 经济, 23 生态, 24 可持续, else 22 社会."""
    for pattern, code in _EFFECT_CODES:
        if re.search(pattern, clause):
            return code
    return "22"


def goal_effects(goal: str | None) -> list[tuple[str, str, str]]:
    """The effects the goal states, as ``(name, level-2 code, clause)``, in the goal's order."""
    found = []
    for clause in re.split(r"[，,；;。\n：:]", unicodedata.normalize("NFKC", goal or "")):
        text = _NUMBERING.sub("", clause.strip())
        text = _ADVERBS.sub("", text).strip()
        if not 4 <= len(text) <= MAX_EFFECT or re.search(r"[\d、(（]", text) or not _EFFECT_VERB.match(text):
            continue
        found.append((text, effect_code(text), clause.strip()))
    return found
