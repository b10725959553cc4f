"""Offline drafting: adapt the indicators of similar library projects to a new project.

The steps, each small enough to check by eye:

1. **Quantities from the goal.** A goal that says "每月组织开展一场平安政策宣讲会" already
   states a target: 12 场 a year. Those become the first 数量 indicators.
2. **Coverage plan.** A reviewer wants 产出 (数量, 质量, 时效; 成本 when there is a budget),
   效益 and 满意度. Each slot is filled from the library indicators of that category, best
   retrieval score first, keeping the shapes that fit: a name short enough to be an
   indicator, and a value that is measurable or can be made so (a rate whose vague value
   "逐步提高" becomes "≥95%").
3. **Defaults.** A slot the library cannot fill gets a standard measurable indicator
   (按期完成率 ≥95%, 服务对象满意度 ≥90%), and the rationale says so.

The result is linted; the draft carries whatever findings remain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..checks import lint_project
from ..targets import find_vague_phrase, format_target, normalise_value, parse_target
from ..taxonomy import LEVEL1, LEVEL2, is_valid_pair, level1_of
from .library import Library, LibraryIndicator, load_library
from .models import Draft, DraftIndicator, DraftRequest
from .retrieve import Retriever, tokens

__all__ = ["Slot", "PLAN", "goal_quantities", "draft_offline", "core_name", "MIN_SCORE"]

#: below this retrieval score a library indicator is not similar enough to adapt
MIN_SCORE = 0.2
#: names longer than this are descriptions of the work, not indicator names
MAX_NAME = 20
#: two drafted names this similar (rapidfuzz ratio) count as the same indicator
SAME_NAME = 80


@dataclass(frozen=True, slots=True)
class Slot:
    """One place in the coverage plan: a category, how many to fill, and the fallback."""

    category: str  # a level-2 code, or "2" for any 效益 code
    count: int
    default_name: str
    default_value: str
    default_code: str
    needs_budget: bool = False


#: the coverage plan, in the order the indicators are written
PLAN: tuple[Slot, ...] = (
    Slot("11", 3, "年度工作任务完成率", "≥95%", "11"),
    Slot("12", 1, "工作质量达标率", "≥95%", "12"),
    Slot("13", 1, "任务按期完成率", "≥95%", "13"),
    Slot("14", 1, "项目成本控制", "≤{budget}万元", "14", needs_budget=True),
    Slot("2", 2, "服务对象问题解决率", "≥90%", "22"),
    Slot("31", 1, "服务对象满意度", "≥90%", "31"),
)

# which level-2 code a rate named in a goal belongs to; first match wins
_RATE_CATEGORY = (
    ("满意", "31"), ("及时", "13"), ("时限", "13"), ("按期", "13"), ("按时", "13"), ("响应", "13"),
    ("合格", "12"), ("达标", "12"), ("准确", "12"), ("验收", "12"), ("办结", "12"), ("正常", "12"), ("质量", "12"),
    ("下降", "22"), ("知晓", "22"), ("受益", "22"), ("发案", "22"), ("覆盖", "22"),
)
_LEAD_VERBS = re.compile(r"^(?:确保|保证|保障|力争|实现|提高|提升|推动|争取|使|其中|全年|年度|每年|每月|每季度|每周|每天|共|累计)+")
_PERIOD_WORDS = re.compile(r"每次|每(?:人)?(?:天|日|周|月|季度|季|半年|年)|全年|年度|累计|共计|不少于|至少|不低于|达到|达|以上|以内|左右")
_NAME_SUFFIX = {"场": "场次", "次": "次数", "篇": "篇数", "条": "条数", "期": "期数", "人次": "人次", "户": "户数",
                "人": "人数", "件": "件数", "个": "个数", "项": "项数", "份": "份数"}
_RATE_NAME = re.compile(r"(率|度|比例|得分)$")


def core_name(project_name: str) -> str:
    """The project name without 经费 / 项目 / 专项资金 and the like, for default names."""
    core = re.sub(r"(专项)?(工作)?(经费|资金|项目|补贴|费)$", "", project_name.strip())
    return core or project_name


def _code_pair(level2: str) -> dict[str, str]:
    level1 = level1_of(level2) or level2[0]
    return {"level1_code": level1, "level1_name": LEVEL1[level1], "level2_code": level2, "level2_name": LEVEL2[level2]}


def _rate_category(name: str) -> str:
    for fragment, code in _RATE_CATEGORY:
        if fragment in name:
            return code
    return "11"


def goal_quantities(goal: str | None) -> list[tuple[str, str, str, str]]:
    """Targets the goal text states itself, as ``(name, value, level-2 code, clause)``.

    "每月组织开展一场平安政策宣讲会" → ("平安政策宣讲会场次", "12场", "11", …);
    "登记率达95%以上" → ("登记率", "≥95%", "11", …). Money is left to the 成本 slot.
    """
    found = []
    for clause in re.split(r"[，,；;。\n]|(?<!\d)\.(?!\d)", goal or ""):
        target = parse_target(clause)
        if target.kind != "quantitative" or target.unit in (None, "万元", "元", "月(截止)"):
            continue
        if target.unit in ("年", "月", "日", "天") and (target.value or 0) > 31:
            continue  # a year such as 2024年, not a target
        if target.value == 1 and target.per is None and target.comparison == "=":
            continue  # 一支队伍, 一个平台: an article, not a count
        norm = normalise_value(clause)
        phrase = target.phrase or ""
        before, _, after = norm.partition(phrase)
        if target.unit == "%":
            name = _LEAD_VERBS.sub("", _PERIOD_WORDS.sub("", before)).strip("的在为")
            name = name[-MAX_NAME:] if name else ""
            if not name or not _RATE_NAME.search(name):
                continue
            found.append((name, format_target(target), _rate_category(name), clause.strip()))
            continue
        thing = re.split(r"[和及与、]", _PERIOD_WORDS.sub("", after))[0].strip("的")
        if not thing:
            thing = _LEAD_VERBS.sub("", _PERIOD_WORDS.sub("", before)).strip()
        if not thing or len(thing) > MAX_NAME:
            continue
        yearly = target.per_year
        if yearly is not None and target.comparison != "区间":
            value = format_target(target.model_copy(update={"value": yearly, "per": None, "per_year": None}))
        else:
            value = format_target(target)
        found.append((thing + _NAME_SUFFIX.get(target.unit, "数量"), value, "11", clause.strip()))
    return found


def _fits(category: str, level2_code: str | None) -> bool:
    """True when an indicator with this level-2 code fills the slot's category."""
    code = level2_code or ""
    if code not in LEVEL2:
        return False
    return code.startswith("2") if category == "2" else code == category


def _measurable_value(candidate: LibraryIndicator, slot: Slot) -> tuple[str, str] | None:
    """The value to use for an adapted indicator and a note on where it came from."""
    ind = candidate.indicator
    satisfaction = slot.category == "31"
    for field, label in (("annual_value", "年度指标值"), ("period_value", "实施周期指标值")):
        target = parse_target(getattr(ind, field))
        if target.kind == "quantitative":
            if satisfaction and target.unit == "%" and (target.value or 0) < 85:
                return "≥90%", f"原{label}{format_target(target)}低于85%，提高到≥90%"
            if satisfaction and target.unit != "%":
                continue
            return format_target(target), f"沿用{label}“{format_target(target)}”"
        if target.kind == "qualitative" and not satisfaction:
            return target.phrase or "", f"沿用分级定性值“{target.phrase}”"
    if _RATE_NAME.search(ind.name or "") or satisfaction:
        default = "≥90%" if satisfaction else slot.default_value
        vague = find_vague_phrase(ind.annual_value) or find_vague_phrase(ind.period_value)
        why = f"原值“{vague.phrase}”不可考核" if vague else "原值没有数值"
        return default, f"{why}，改为{default}"
    return None


def _indicator_like(name: str | None) -> bool:
    """A name that reads as an indicator: short, one clause (not "做好…, 开展…" describing the
    work), and no vague phrase in it."""
    return (bool(name) and len(name) <= MAX_NAME and not re.search(r"[,，;；。]", name)
            and find_vague_phrase(name) is None)  # "走失率保持稳定、持续提升" names no measure


def _related(candidate: LibraryIndicator, query_words: set[str]) -> bool:
    """Scores are relative to the best hit, so also ask for shared words: the indicator's name
    shares one with the new project's name and goal, or its project shares three."""
    if query_words & set(tokens(candidate.indicator.name)):
        return True
    owner = candidate.owner.project
    return len(query_words & set(tokens(f"{owner.name} {owner.goal or ''}"))) >= 3


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _similar_name(name: str, taken: list[str]) -> bool:
    return any(fuzz.ratio(name, other) >= SAME_NAME for other in taken)


def draft_offline(request: DraftRequest, library: Library | None = None, *,
                  retriever: Retriever | None = None, max_indicators: int = 10) -> Draft:
    """Draft 4–10 measurable indicators for a new project from the library alone.

    Args:
        request: the project's name, goal and budget.
        library: where to learn from (default: gold tables plus the user's added tables).
        retriever: a prepared index over ``library`` (saves rebuilding it in loops).
        max_indicators: the most indicators to draft.
    """
    retriever = retriever or Retriever(library if library is not None else load_library())
    query = f"{request.name} {request.goal}"
    similar = retriever.similar_projects(query, k=5)
    query_words = set(tokens(query))
    scored = [(c, s) for c, s in retriever.indicator_scores(query)
              if s >= MIN_SCORE and _related(c, query_words)]
    drafted: list[DraftIndicator] = []
    names: list[str] = []

    def add(name: str, value: str, level2: str, rationale: str, sources: list[str]) -> None:
        drafted.append(DraftIndicator(seq=0, **_code_pair(level2), name=name, period_value=value,
                                      annual_value=value, rationale=rationale, adapted_from=sources))
        names.append(name)

    for name, value, level2, clause in goal_quantities(request.goal)[:3]:
        if not _similar_name(name, names):
            add(name, value, level2, f"目标文本写明“{_clip(clause)}”，取{value}", [])

    for slot in PLAN:
        if slot.needs_budget and request.budget is None:
            continue
        have = sum(1 for d in drafted if _fits(slot.category, d.level2_code))
        for candidate, score in scored:
            if have >= slot.count:
                break
            ind = candidate.indicator
            if not _fits(slot.category, ind.level2_code) or not _indicator_like(ind.name):
                continue
            if not is_valid_pair(ind.level1_code, ind.level2_code):
                continue  # a misfiled example is not one to imitate
            if slot.category == "31" and "满意" not in ind.name:
                continue
            if _similar_name(ind.name, names):
                continue
            if slot.category == "14":
                continue  # cost comes from this project's own budget, never another's
            chosen = _measurable_value(candidate, slot)
            if chosen is None:
                continue
            value, note = chosen
            add(ind.name, value, ind.level2_code, f"改编自《{candidate.owner.name}》（相似度{score:.2f}），{note}",
                [candidate.label])
            have += 1
        if have == 0:
            value = slot.default_value.format(budget=_money(request.budget))
            why = "按预算金额控制成本" if slot.category == "14" else "资料库中没有相近的可量化指标，采用通用可考核指标"
            add(slot.default_name, value, slot.default_code, f"{why}：{value}", [])

    drafted = _trim(drafted, max_indicators)
    order = {code: n for n, code in enumerate(["11", "12", "13", "14", "21", "22", "23", "24", "31"])}
    drafted.sort(key=lambda d: order.get(d.level2_code or "", 99))
    indicators = [d.model_copy(update={"seq": n}).with_target() for n, d in enumerate(drafted, 1)]
    draft = Draft(request=request, indicators=indicators, backend="library",
                  similar_projects=[p.key for p, _ in similar])
    return with_findings(draft)


def _trim(drafted: list[DraftIndicator], limit: int) -> list[DraftIndicator]:
    """At most ``limit`` indicators, keeping coverage: drop the last of a category that has
    several first, then 成本, 时效 and 质量 — never the only 数量, 效益 or 满意度 indicator."""
    drafted = list(drafted)
    while len(drafted) > limit:
        groups: dict[str, list[int]] = {}
        for n, ind in enumerate(drafted):
            groups.setdefault("2" if (ind.level2_code or "").startswith("2") else ind.level2_code or "", []).append(n)
        crowded = [ns for ns in groups.values() if len(ns) > 1]
        if crowded:
            drop = max(crowded, key=len)[-1]
        else:
            spare = [groups[code][0] for code in ("14", "13", "12") if code in groups]
            if not spare:
                break
            drop = spare[0]
        del drafted[drop]
    return drafted


def with_findings(draft: Draft) -> Draft:
    """The draft with the linter's findings that remain (errors and warnings)."""
    findings = [f.to_dict() for f in lint_project(draft.project()) if f.severity != "info"]
    return draft.model_copy(update={"findings": findings})


def _money(value) -> str:
    if value is None:
        return ""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text

