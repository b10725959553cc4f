"""The two-level category code system of 绩效指标.

Tables write codes with names (``1-产出指标``, ``24-可持续影响``); forms write only names,
often with variations (``可持续影响指标``, ``社会公众或服务对象满意度指标``). Everything that
needs to know which level-2 code belongs to which level-1 code asks this module, so the
hierarchy is written down once.
"""

from __future__ import annotations

from .textnorm import fold as _fold

__all__ = [
    "LEVEL1",
    "LEVEL2",
    "level1_of",
    "is_valid_pair",
    "code_for_level1_name",
    "code_for_level2_name",
    "LEVEL1_WORDS",
    "LEVEL1_ONLY_WORDS",
    "LEVEL2_WORDS",
    "EFFECT_WORDS",
    "CATEGORY_WORDS",
    "OLD_EFFECT_WORD",
    "words",
]

#: level-1 code -> canonical name, as the seed tables write it.
LEVEL1: dict[str, str] = {
    "1": "产出指标",
    "2": "效益指标",
    "3": "满意度指标",
}

#: level-2 code -> canonical name, as the seed tables write it.
LEVEL2: dict[str, str] = {
    "11": "数量指标",
    "12": "质量指标",
    "13": "时效指标",
    "14": "成本指标",
    "21": "经济效益",
    "22": "社会效益",
    "23": "生态效益",
    "24": "可持续影响",
    "31": "服务对象满意度",
}

# Name fragments that identify a level-2 category when a form writes names without codes.
# Order matters: the more specific fragment comes first.
_LEVEL2_KEYWORDS: list[tuple[str, str]] = [
    ("满意", "31"),
    ("数量", "11"),
    ("质量", "12"),
    ("时效", "13"),
    ("进度", "13"),  # 进度指标: some 自评表 templates' word for the 时效 category
    ("成本", "14"),
    ("经济", "21"),
    ("社会", "22"),
    ("生态", "23"),
    ("环境", "23"),  # 环境效益: the older forms' word for 生态效益 (成本 above keeps 生态环境成本 a cost)
    ("可持续", "24"),
]

# The category words running text writes before 指标 / 目标 (数量指标：…, 一、产出指标, 社会效益目标), for
# the readers of notices and reports: one list, in the order a regex alternation tries them.

#: level-1 words: 产出, 效益, 满意度 (the names above without 指标)
LEVEL1_WORDS: tuple[str, ...] = tuple(name.removesuffix("指标") for name in LEVEL1.values())
#: level-2 words: the names above without 指标, then the variants 社会公众满意度 and a bare 满意度
LEVEL2_WORDS: tuple[str, ...] = (
    *(name.removesuffix("指标") for name in LEVEL2.values()),
    "社会公众满意度",
    "满意度",
)
#: level-1 words that are no level-2 word: 产出, 效益 (满意度指标 is either)
LEVEL1_ONLY_WORDS: tuple[str, ...] = tuple(w for w in LEVEL1_WORDS if w not in LEVEL2_WORDS)
#: 效果指标: older forms' word for 效益指标
OLD_EFFECT_WORD = "效果"
#: the 效益 categories (经济效益 … 可持续影响): a report may write them with no 指标 after them
EFFECT_WORDS: tuple[str, ...] = tuple(name for code, name in LEVEL2.items() if code[0] == "2")
#: every word that names a category and nothing else, either level
CATEGORY_WORDS: tuple[str, ...] = tuple(
    dict.fromkeys((*LEVEL1_ONLY_WORDS, OLD_EFFECT_WORD, *LEVEL1_WORDS, *LEVEL2_WORDS))
)


def words(group: tuple[str, ...]) -> str:
    """A group of category words as a regex alternation (no group of its own), in the group's order."""
    return "|".join(group)


_LEVEL1_KEYWORDS: list[tuple[str, str]] = [
    ("产出", "1"),
    ("效益", "2"),
    ("效果", "2"),
    ("满意", "3"),
]


def level1_of(level2_code: str) -> str | None:
    """The level-1 code a level-2 code belongs to (its first digit), or None if unknown."""
    if level2_code in LEVEL2:
        return level2_code[0]
    return None


def is_valid_pair(level1_code: str | None, level2_code: str | None) -> bool:
    """True when the level-2 code is a known child of the level-1 code."""
    if not level1_code or not level2_code:
        return False
    return level1_of(level2_code) == level1_code


def code_for_level1_name(name: str) -> str | None:
    """Map a level-1 name as forms write it (产出指标, 效益指标, 满意度指标…) to its code."""
    folded = _fold(name)
    for fragment, code in _LEVEL1_KEYWORDS:
        if fragment in folded:
            return code
    return None


def code_for_level2_name(name: str) -> str | None:
    """Map a level-2 name with its variations (可持续影响指标, 社会公众或服务对象满意度指标…) to its code."""
    folded = _fold(name)
    for fragment, code in _LEVEL2_KEYWORDS:
        if fragment in folded:
            return code
    return None
