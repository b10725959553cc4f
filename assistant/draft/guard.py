"""The relevance guard: is an indicator about *this* project?

An indicator name says how something is measured (率, 完成, 满意度 — ``generic_words``) and
what is measured (its topic words: 保洁, 培训, 网格事件). A drafted indicator is on
topic when its topic words are this project's: ``score``, the share of them found in the
new project's name, goal or type (keywords and template words), reaches ``threshold``
(``off_topic_rate`` counts the others). An indicator of another project may be adopted
only when, besides, the same share is met by the project's *own* name and goal
(``own_score`` — what drafts show as 主题相符度, with the shared words): a type keyword
alone does not make another project's indicator about this one. ``threshold``
(``resources/draft_guard.yaml``) is calibrated on the dev split of the real corpus. A name naming one of the seed
department's topics (来穗, 出租屋, 网格 …) that the project's own text does not mention is
off-topic whatever its score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import jieba
import yaml

from .. import settings
from ..textnorm import simplified
from .retrieve import _STOPWORDS

__all__ = ["GuardConfig", "Topic", "Verdict", "guard_config", "topic_words", "judge"]


@dataclass(frozen=True)
class GuardConfig:
    version: str
    generic_words: frozenset[str]
    seed_topic_words: tuple[str, ...]
    threshold: float
    calibration: dict | None = None
    people_words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def guard_config() -> GuardConfig:
    """The guard's word lists and calibrated threshold, from the packaged YAML file."""
    text = settings.resource("draft_guard.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return GuardConfig(
        version=str(data["version"]),
        generic_words=frozenset(map(str, data["generic_words"])),
        seed_topic_words=tuple(map(str, data["seed_topic_words"])),
        threshold=float(data["threshold"]),
        calibration=data.get("calibration"),
        people_words=frozenset(map(str, data.get("people_words") or ())),
    )


_SUFFIXES = ("率", "数", "量", "度", "性")
#: 条数, 场次, 户数 …: a counting word names the measure, not the topic
_COUNTING = re.compile(r"^[条场次篇份户件个项人批台套辆期名家册本所座处间张部类种]+(?:数|次|数量)?$")


@lru_cache(maxsize=65536)
def topic_words(text: str | None) -> frozenset[str]:
    """The words of an indicator name (or any text) that say what it is about."""
    config = guard_config()
    folded = simplified(text)  # 數量 is 数量: the word lists are simplified
    words = set()
    for word in jieba.cut(folded):
        word = word.strip()
        while (
            len(word) > 2
            and word.endswith(_SUFFIXES)
            and word not in config.generic_words  # 服务质量 is a measure, not 服务质 + 量
            and word[:-1] not in config.generic_words
        ):
            word = word[:-1]  # 登记率 → 登记
        if len(word) < 2 or word in config.generic_words or word in _STOPWORDS or _COUNTING.match(word):
            continue
        if not any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in word):
            continue
        words.add(word)
    return frozenset(words)


@dataclass(frozen=True)
class Topic:
    """What a new project is about: its own text (name + goal) and its type keywords."""

    own_text: str
    type_keywords: tuple[str, ...] = ()
    words: frozenset[str] = field(default=frozenset())
    haystack: str = ""
    own_words: frozenset[str] = field(default=frozenset())

    @classmethod
    def of(cls, name: str, goal: str | None = "", type_keywords: tuple[str, ...] | list[str] = ()) -> Topic:
        own = simplified(f"{name} {goal or ''}")  # a traditional goal and a simplified name are one text
        own = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", own)  # "结 算" from a PDF line break
        own_words = topic_words(own)
        words = own_words | frozenset(k for k in type_keywords if len(k) >= 2)
        return cls(own, tuple(type_keywords), words, own + "|" + "|".join(type_keywords), own_words)

    def has_own(self, word: str) -> bool:
        """The project's own name or goal mentions this word, or one of its words is part of it."""
        if word in self.own_text:
            return True
        return any(w in word for w in self.own_words if len(w) < len(word))

    def has(self, word: str) -> bool:
        """The project mentions this word (in its text or type keywords), or a word of the
        project is part of it (保洁 in 保洁服务)."""
        if word in self.haystack:
            return True
        return any(w in word for w in self.words if len(w) < len(word))


@dataclass(frozen=True)
class Verdict:
    """The guard's answer for one indicator name."""

    score: float  # share of the name's topic words that are the project's or its type's (1.0 when none)
    shared: tuple[str, ...]
    foreign: tuple[str, ...]  # topic words that are neither the project's nor its type's
    seed_words: tuple[str, ...]  # seed-department words the project's own text lacks
    generic: bool  # the name has no topic words at all (服务对象满意度)
    threshold: float
    own_score: float = 1.0  # share of the name's topic words found in the project's own name and goal
    own_shared: tuple[str, ...] = ()

    @property
    def on_topic(self) -> bool:
        """About this project: its topic words are the project's or its type's (what drafted
        indicators are checked against, and ``off_topic_rate`` counts)."""
        return not self.seed_words and self.score >= self.threshold

    @property
    def adoptable(self) -> bool:
        """May be taken over from another project: on topic, and as much of it in the
        project's *own* words — a type keyword alone (低保 for any 补贴 project) is not enough."""
        return self.on_topic and not self.generic and self.own_score >= self.threshold

    def describe(self) -> str:
        """For the rationale: the score and the shared words, so 0.80 means something."""
        if self.generic:
            return "通用指标，不含具体事项"
        shared = "、".join(self.own_shared) or "无"
        return f"主题相符度{self.own_score:.2f}（与本项目名称、目标共有：{shared}）"


def judge(name: str | None, topic: Topic, threshold: float | None = None) -> Verdict:
    """The guard's verdict on an indicator name for a project's topic."""
    config = guard_config()
    limit = config.threshold if threshold is None else threshold
    folded = simplified(name)
    seed = tuple(w for w in config.seed_topic_words if w in folded and w not in topic.own_text)
    words = sorted(topic_words(folded))
    if not words:
        return Verdict(1.0, (), (), seed, True, limit)
    shared = tuple(w for w in words if topic.has(w))
    foreign = tuple(w for w in words if w not in shared)
    own = tuple(w for w in shared if topic.has_own(w))
    return Verdict(
        round(len(shared) / len(words), 4), shared, foreign, seed, False, limit, round(len(own) / len(words), 4), own
    )
