"""Project types: the curated standard indicator sets, and telling a project's type(s).

``resources/project_types.yaml`` holds, for each common kind of project (培训, 会议, 物业 …),
the standard 产出 (数量/质量/时效/成本), 效益 and 满意度 indicators, how each value is derived
(from the goal, the budget, or a standard level) and why — written from the Ministry of
Finance's 2021 core-indicator guidance (财预〔2021〕101号). :func:`classify` tells a new
project's type(s) from its name and goal by the types' keywords, so drafting looks for real
indicators only among projects of that type or sector and fills the rest from the template.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .. import settings
from ..taxonomy import LEVEL2
from ..textnorm import simplified
from .guard import topic_words
from .phrasing import AID

__all__ = ["PLACEHOLDER", "TypeIndicator", "ProjectType", "TypeFile", "load_types", "classify", "type_keywords"]


#: the value of a slot nothing can honestly fill: left for the clerk, flagged by the linter
PLACEHOLDER = "待填"


class Alternative(BaseModel):
    """What a goal-derived count becomes when the goal states no number: a measurable rate."""

    model_config = ConfigDict(extra="forbid")
    name: str
    value: str


class TypeIndicator(BaseModel):
    """One standard indicator of a project type."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    code: str = Field(description="level-2 code (11-14, 21-24, 31)")
    name: str
    derive: Literal["goal", "budget", "standard"]
    value: str | None = Field(default=None, description="the standard level, for derive=standard")
    units: list[str] = Field(default_factory=list, description="goal quantities in these units fill it (derive=goal)")
    per: list[str] = Field(
        default_factory=list, description="unit cost per goal quantity in these units (derive=budget)"
    )
    alternative: Alternative | None = Field(default=None, alias="else")
    cost_kind: str | None = None
    universal: bool = Field(default=False, description="a generic indicator that fits beside any type's own")
    projects: Literal["any", "typed", "untyped"] = Field(
        default="any",
        description="a generic fill-in only for projects of some type (the blank 待填 a type leaves) or of none "
        "(服务对象问题解决率 among the other generic names of a project nothing classifies)",
    )
    needs: list[str] = Field(
        default_factory=list,
        description="words one of which the project's name or goal must hold for the indicator to apply "
        "(项目（工程）验收合格率 needs something built: a grain reserve has nothing to accept)",
    )
    why: str = ""

    def model_post_init(self, _context) -> None:
        if self.code not in LEVEL2:
            raise ValueError(f"unknown level-2 code {self.code!r} in project type indicator {self.name}")
        if self.derive == "standard" and not self.value:
            raise ValueError(f"standard indicator {self.name} needs a value")


class ProjectType(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    sector: str
    keywords: list[str]
    not_keywords: list[str] = Field(
        default_factory=list,
        description="phrases in which this type's keywords say nothing of it (文化建设 is not construction)",
    )
    indicators: list[TypeIndicator]


class TypeFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: str
    guidance: dict
    sectors: list[str]
    types: list[ProjectType] = Field(min_length=20)
    generic: list[TypeIndicator]
    needs_not: list[str] = Field(
        default_factory=list,
        description="phrases in which an indicator's ``needs`` word says nothing of it (设施农业 builds no facility)",
    )

    def by_id(self, type_id: str) -> ProjectType:
        return next(t for t in self.types if t.id == type_id)


@lru_cache(maxsize=1)
def load_types() -> TypeFile:
    """The packaged project-type file, validated."""
    text = settings.resource("project_types.yaml").read_text(encoding="utf-8")
    return TypeFile.model_validate(yaml.safe_load(text))


@lru_cache(maxsize=8192)
def classify(name: str, goal: str | None = "", limit: int = 2) -> tuple[tuple[ProjectType, float], ...]:
    """The project's likely types, best first, with a 0-1 score (share of the best).

    A keyword in the name counts three times one in the goal (the name says what the money
    is for; goals mention side activities), longer keywords more than short ones. A keyword
    is evidence only where it stands as a word of its own type (:func:`_evidence`): not inside
    a longer keyword of another type (运行维护 of 公务用车运行维护, 养护 of 绿化养护), not inside
    one of its type's ``not_keywords`` (建设 of 文化建设, 体系建设), and not in the name's generic
    ending alone (…宣传文化工作经费 is publicity, not 运转保障's 工作经费). A second type is kept
    only when it scores at least half the first and has evidence of its own: a keyword in the
    name, or two different ones in the goal (one mention in a goal is a side activity:
    新建全民健身中心…配套场馆管理用房 is not a property-management project), unless the name names
    no type at all; a type with such evidence ranks before one without.
    """
    name_text = simplified(name)  # 忠烈祠免費開放經費 is matched as 免费开放
    goal_text = simplified(goal)
    types = load_types().types
    in_name = _evidence(name_text, types, _tail_start(name_text))
    if not any(in_name.values()):
        in_name = _evidence(name_text, types)  # …工作经费 and nothing else: the ending is all there is
    in_goal = _evidence(goal_text, types)
    heads = _heads(name_text)
    named_any = any(in_name.values())  # a name naming nothing leaves the goal to say what the project is
    scores = []
    for ptype in types:
        named, stated = in_name.get(ptype.id, set()), in_goal.get(ptype.id, set())
        score = sum((3.0 if k in named else 1.0 if k in stated else 0.0) * min(len(k), 4) / 2 for k in ptype.keywords)
        if any(head.endswith(k) for head in heads for k in ptype.keywords):
            score += _HEAD_BONUS
        if score:
            scores.append((ptype, score, bool(named) or len(stated) >= 2 or not named_any))
    scores.sort(key=lambda item: (not item[2], -item[1]))  # a type with evidence of its own before one without
    if not scores:
        return ()
    best = scores[0][1]
    kept = [scores[0]] + [item for item in scores[1:] if item[1] >= best / 2 and item[2]]
    return tuple((t, round(s / best, 3)) for t, s, _ in kept[:limit])  # cached: immutable


def _evidence(text: str, types: list[ProjectType], tail: int | None = None) -> dict[str, set[str]]:
    """type id → its keywords that stand in ``text`` as words of that type: an occurrence inside
    a longer keyword of another type, inside one of the type's ``not_keywords``, or starting at
    or after ``tail`` (where the name's generic ending begins) is not one."""
    spans = [
        (start, start + len(k), ptype.id, k) for ptype in types for k in ptype.keywords for start in _found(k, text)
    ]
    excluded = {
        ptype.id: [(start, start + len(phrase)) for phrase in ptype.not_keywords for start in _found(phrase, text)]
        for ptype in types
    }
    found: dict[str, set[str]] = {}
    for start, end, type_id, keyword in spans:
        if tail is not None and start >= tail:
            continue
        if any(s <= start and end <= e and e - s > end - start and t != type_id for s, e, t, _ in spans):
            continue
        if any(s <= start and end <= e for s, e in excluded[type_id]):
            continue
        found.setdefault(type_id, set()).add(keyword)
    return found


def _found(word: str, text: str) -> list[int]:
    """Where ``word`` starts in ``text``, left to right without overlaps (as re.finditer).

    str.find, not a regex per keyword: the type file's ~1,000 keywords and phrases overflow re's
    pattern cache, and recompiling them made one draft take 300 ms."""
    starts, at = [], text.find(word) if word else -1
    while at >= 0:
        starts.append(at)
        at = text.find(word, at + len(word))
    return starts


def _tail_start(name: str) -> int | None:
    """Where the name's generic ending (经费, 工作经费, 专项资金 …) begins, when it has one."""
    name = name.strip()
    head = _GENERIC_ENDINGS.sub("", name)
    return len(head) if head and head != name else None


# A Chinese name's last word says what it is (森林防火宣传 is publicity about fire prevention,
# 医疗设备购置 a purchase): the type whose keyword ends the name, once the words every project
# name may end with are taken off, gets this much on top of its keyword score.
_HEAD_BONUS = 4.0
_GENERIC_ENDINGS = re.compile(
    r"(?:(?:专项|一次性|(?:一次性)?开办)?(?:经费|资金|费用|费)|项目|工作|支出|专项|转移支付|(?:支出)?绩效自评表?)+$"
)
_BRACKET_END = re.compile(r"[（(]([^）)]*)[）)]$")


def _head(name: str) -> str:
    """The name without the trailing words any project may carry (项目, 经费, 专项资金 …)."""
    stripped = _GENERIC_ENDINGS.sub("", _BRACKET_END.sub("", name.strip()))
    return stripped or name


def _heads(name: str) -> tuple[str, ...]:
    """Where the name says what it is, for the head bonus: its head, and

    - before 补助 when the name is a transfer's (…补助资金 / …补助经费) and the words before
      end in another type's keyword: 食品监管补助资金 is food inspection and
      森林病虫害预测预报补助经费 forecasting, while 农村文化建设配套补助经费 and 就业补助资金
      stay subsidies (补助 or 补贴 alone still ends a subsidy's name: 房租补贴);
    - a closing bracket's head when the name outside it is a fund's
      (车辆购置税收入补助地方资金(普通省道公路建设): the bracket says what the money builds).
    """
    name = name.strip()
    outside = _BRACKET_END.sub("", name)
    heads = [_transfer_head(name)]
    bracket = _BRACKET_END.search(name)
    if bracket and _GENERIC_ENDINGS.search(outside):
        heads.append(_transfer_head(bracket.group(1)))
    return tuple(heads)


def _transfer_head(name: str) -> str:
    head = _head(name)
    if head.endswith("补助") and head != _BRACKET_END.sub("", name.strip()):
        before = head[: -len("补助")]
        if any(before.endswith(k) for t in load_types().types if t.id != "subsidy" for k in t.keywords):
            return before
    return head


@lru_cache(maxsize=64)
def _template_words(type_id: str) -> tuple[str, ...]:
    """The type's keywords and the topic words of its template and of the published libraries'
    indicators for it (:mod:`.published`: 培训出勤率 of a 培训类 library is about training)."""
    from .published import published_indicators

    ptype = load_types().by_id(type_id)
    words = set(ptype.keywords)
    for ind in ptype.indicators:
        words |= topic_words(ind.name.replace("{aid}", AID))
        if ind.alternative:
            words |= topic_words(ind.alternative.name)
    for record in published_indicators():
        if record.type_id == type_id:
            words |= topic_words(record.name.replace("**", ""))
    return tuple(sorted(words))


def type_keywords(types: list[ProjectType]) -> tuple[str, ...]:
    """The words a project of these types is about: the keywords and the template's topic words."""
    words: list[str] = []
    for ptype in types:
        words += _template_words(ptype.id)
    return tuple(dict.fromkeys(words))
