"""LLM drafting: the type template and on-topic real indicators as context; the relevance
guard and the linter as the judges.

The model gets what the offline drafter has: the project's type(s) with their standard
indicators (:mod:`.types`) and the real library indicators of the same type or sector that
pass the relevance guard (:mod:`.guard`). It answers in :class:`DraftAnswer`. Its draft is
linted and guarded (an off-topic name is an ``OFF_TOPIC`` error); while errors remain and
re-asks are left, the findings go back to the model (``prompts/draft_reask``) and it
answers again with the whole set. Off-topic indicators left after the last attempt are
replaced by the type template's indicator for the same slot (said in the rationale and a
``OFF_TOPIC_REPLACED`` warning); other findings stay in ``Draft.findings``: reported, not
hidden. The endpoint, retries on transport faults, cache and ledger are :mod:`assistant.llm`'s.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..checks import lint_project
from ..llm import Ledger, LLMConfig, structured_call
from ..llm.cache import ResponseCache
from ..prompts import load_prompt
from ..targets import parse_target
from ..taxonomy import LEVEL1, LEVEL2, is_valid_pair
from .guard import Topic, judge
from .library import Library, LibraryIndicator
from .models import Draft, DraftIndicator, DraftRequest
from .retrieve import Retriever
from .types import PLACEHOLDER, ProjectType, load_types

__all__ = ["DraftAnswer", "DraftedItem", "draft_with_llm", "few_shot_examples"]

#: how many library indicators go into the prompt as examples
EXAMPLES = 12


class DraftedItem(BaseModel):
    """One indicator as the model writes it."""

    level1_code: str = Field(description="一级指标代码: 1 产出指标, 2 效益指标, 3 满意度指标")
    level2_code: str = Field(description="二级指标代码: 11-14 under 1, 21-24 under 2, 31 under 3")
    name: str = Field(description="三级指标名称, short, names what is measured")
    period_value: str = Field(description="实施周期指标值: comparison + number + unit, e.g. ≥95%")
    annual_value: str = Field(description="年度指标值: comparison + number + unit, e.g. 12场")
    rationale: str = Field(default="", description="one line in Chinese: why this indicator and value")
    adapted_from: list[str] = Field(default_factory=list, description="example labels '项目 / 指标' adapted")


class DraftAnswer(BaseModel):
    """The model's whole draft for one project."""

    indicators: list[DraftedItem] = Field(min_length=1, max_length=12)


def few_shot_examples(request: DraftRequest, retriever: Retriever, k: int = EXAMPLES) -> list[LibraryIndicator]:
    """The library indicators of the project's type or sector that pass the relevance guard,
    validly coded, best first (none rather than off-topic ones)."""
    from .adapt import project_sector, project_topic

    types, topic = project_topic(request)
    hits = retriever.candidates(
        topic, {t.id for t in types}, project_sector(request, types), department=request.department
    )
    return [c for c, _ in hits if is_valid_pair(c.indicator.level1_code, c.indicator.level2_code)][:k]


def _type_lines(types: list[ProjectType], request: DraftRequest) -> str:
    from .adapt import from_published, project_sector, project_topic, published_for, subject_of
    from .phrasing import aid_word

    subject = subject_of(request.name)
    aid = aid_word(request.name, request.goal)
    lines = []
    for ptype in types or []:
        for ind in ptype.indicators:
            how = {
                "standard": ind.value,
                "goal": f"数量取自目标（单位 {'/'.join(ind.units)}）；目标没写时用"
                f"“{ind.alternative.name if ind.alternative else '完成率'}”",
                "budget": "由预算得出（经济成本）",
            }[ind.derive]
            lines.append(
                f"- {ptype.name} | {ind.code}-{LEVEL2[ind.code]} | {ind.name.replace('{subject}', subject).replace('{aid}', aid)} | "
                f"{str(how).replace('{subject}', subject)}"
            )
    typed = bool(lines)
    from .phrasing import EFFECT_VALUE, goal_effects, served

    for name, code, _clause in goal_effects(request.goal)[-1:]:  # the same effect the offline drafts take
        lines.append(
            f"- 目标写明的效益 | {code}-{LEVEL2[code]} | {name} | {EFFECT_VALUE}（目标未写数值，按年终是否达到评价）"
        )
    _, topic = project_topic(request)
    for record, _own in published_for(types or [], project_sector(request, types or []), topic):
        made = from_published(record, request)  # the same names and values the offline drafts take
        if made:
            lines.append(
                f"- 指标库《{record.title}》 | {record.level2_code}-{LEVEL2[record.level2_code]} | {made[0]} | {made[1]}"
            )
    who = served(request.name, request.goal)
    for ind in load_types().generic:
        if typed and not ind.universal:
            continue  # beside a type's own, only the fill-ins the offline drafts add to every type
        if "{served}" in ind.name and who is None:
            continue  # as offline: nobody named, no such fill-in
        if ind.value == PLACEHOLDER:
            continue  # a blank for the clerk, not an example
        name = ind.name.replace("{subject}", subject).replace("{served}", who or "")
        lines.append(f"- 通用 | {ind.code}-{LEVEL2[ind.code]} | {name} | {ind.value or '由预算得出'}")
    return "\n".join(lines)


def _example_lines(examples: list[LibraryIndicator]) -> str:
    if not examples:
        return "(none: the library has no similar project)"
    lines = []
    for ex in examples:
        ind = ex.indicator
        lines.append(
            f"- {ex.label} | {ind.level1_code}-{ind.level1_name}:{ind.level2_code}-{ind.level2_name} | "
            f"实施周期指标值: {ind.period_value} | 年度指标值: {ind.annual_value}"
        )
    return "\n".join(lines)


def _to_draft_indicators(answer: DraftAnswer, max_indicators: int) -> list[DraftIndicator]:
    out = []
    for n, item in enumerate(answer.indicators[:max_indicators], 1):
        out.append(
            DraftIndicator(
                seq=n,
                level1_code=item.level1_code,
                level1_name=LEVEL1.get(item.level1_code),
                level2_code=item.level2_code,
                level2_name=LEVEL2.get(item.level2_code),
                name=item.name,
                period_value=item.period_value,
                annual_value=item.annual_value,
                target=parse_target(item.annual_value),
                rationale=item.rationale,
                adapted_from=item.adapted_from,
            )
        )
    return out


def _off_topic(draft: Draft, topic: Topic) -> list[dict]:
    """The relevance guard's findings: drafted names whose topic is not the project's."""
    out = []
    for ind in draft.indicators:
        verdict = judge(ind.name, topic)
        if verdict.on_topic:
            continue
        why = (
            f"用了其他部门项目的主题词 {'、'.join(verdict.seed_words)}"
            if verdict.seed_words
            else f"主题词 {'、'.join(verdict.foreign)} 不在项目名称、目标或类型中（主题相符度{verdict.score:.2f}）"
        )
        out.append(
            {
                "code": "OFF_TOPIC",
                "severity": "error",
                "project": draft.request.name,
                "seq": ind.seq,
                "indicator": ind.name,
                "field": "name",
                "message": f"指标与本项目主题不符：{why}",
                "suggestion": "改用与项目名称、绩效目标或类型模板相符的指标",
            }
        )
    return out


def _findings(draft: Draft, max_indicators: int, topic: Topic | None = None) -> list[dict]:
    findings = [f.to_dict() for f in lint_project(draft.project()) if f.severity != "info"]
    if topic is not None:
        findings += _off_topic(draft, topic)
    count = len(draft.indicators)
    if not 4 <= count <= max_indicators:
        findings.append(
            {
                "code": "INDICATOR_COUNT",
                "severity": "error",
                "project": draft.request.name,
                "seq": None,
                "indicator": None,
                "field": "indicators",
                "message": f"{count} indicators drafted; 4 to {max_indicators} are wanted",
                "suggestion": "cover 数量, 质量, 时效, 效益 and 满意度 without repeating yourself",
            }
        )
    return findings


def _describe(findings: list[dict]) -> str:
    return "\n".join(
        f"- {f['code']} #{f['seq']} {f['indicator'] or ''} [{f['field']}]: {f['message']}; fix: {f['suggestion']}"
        for f in findings
    )


def draft_with_llm(
    request: DraftRequest,
    library: Library,
    *,
    config: LLMConfig,
    retries: int = 2,
    max_indicators: int = 10,
    prompt_version: int | None = None,
    ledger: Ledger | None = None,
    cache: ResponseCache | None = None,
) -> Draft:
    """Draft with the configured LLM, re-asking with the linter's findings up to ``retries`` times.

    Raises:
        BackendConfigError: no endpoint configured (the message says what to set).
        LLMOutputError: the endpoint failed or never gave an answer that fits the schema.
    """
    from .adapt import project_sector, project_topic

    config = config.require("llm")
    prompt = load_prompt("draft", prompt_version)
    reask = load_prompt("draft_reask")
    retriever = Retriever(library)
    similar = retriever.similar_projects(f"{request.name} {request.goal}", k=5)
    types, topic = project_topic(request)
    examples = few_shot_examples(request, retriever)
    budget = "未给出 (no 成本指标 needed)" if request.budget is None else f"{request.budget} 万元"
    fields = dict(
        name=request.name,
        goal=request.goal or "(未给出)",
        budget=budget,
        department=request.department or "-",
        unit=request.unit or "-",
        examples=_example_lines(examples),
        max_indicators=max_indicators,
        types=_type_lines(types, request),
        type_names="、".join(t.name for t in types) or "未识别（用通用指标）",
    )
    messages = [
        {"role": "system", "content": prompt.system},
        {
            "role": "user",
            "content": prompt.render(**{k: v for k, v in fields.items() if "{" + k + "}" in prompt.template}),
        },
    ]
    ledger = ledger or Ledger()
    cache_parts = {
        "prompt": f"{prompt.id}@{prompt.version}",
        "prompt_sha256": prompt.sha256,
        "reask_sha256": reask.sha256,
    }
    draft: Draft | None = None
    for attempt in range(1, retries + 2):
        answer = structured_call(config, messages, DraftAnswer, ledger=ledger, cache=cache, cache_parts=cache_parts)
        draft = Draft(
            request=request,
            indicators=_to_draft_indicators(answer, max_indicators),
            backend="llm",
            model=config.model,
            prompt_id=prompt.id,
            prompt_version=str(prompt.version),
            attempts=attempt,
            similar_projects=[p.key for p, _ in similar],
            project_types=[t.name for t in types],
            sector=project_sector(request, types),
            types_version=load_types().version,
        )
        findings = _findings(draft, max_indicators, topic)
        draft = draft.model_copy(update={"findings": findings})
        if not any(f["severity"] == "error" for f in findings):
            break
        messages = [
            *messages,
            {"role": "assistant", "content": answer.model_dump_json()},
            {"role": "user", "content": reask.render(findings=_describe(findings))},
        ]
    assert draft is not None
    if any(f["code"] == "OFF_TOPIC" for f in draft.findings):
        draft = _replace_off_topic(draft, topic, max_indicators)
    return draft.model_copy(update={"usage": ledger.to_dict()})


def _replace_off_topic(draft: Draft, topic: Topic, max_indicators: int) -> Draft:
    """The draft with each off-topic indicator replaced by the offline drafter's indicator for
    the same level-2 slot (type template or guarded real indicator), said in its rationale."""
    from .adapt import draft_offline, with_findings

    offline = draft_offline(draft.request, Library([]), max_indicators=max_indicators)
    kept = [i for i in draft.indicators if judge(i.name, topic).on_topic]
    names = {i.name for i in kept}
    replaced = []
    for ind in draft.indicators:
        if ind in kept:
            continue
        spare = next((o for o in offline.indicators if o.level2_code == ind.level2_code and o.name not in names), None)
        spare = spare or next(
            (o for o in offline.indicators if o.level1_code == ind.level1_code and o.name not in names), None
        )
        if spare is None:
            continue
        names.add(spare.name)
        replaced.append(
            spare.model_copy(update={"rationale": f"模型给出的“{ind.name}”与本项目主题不符，改用{spare.rationale}"})
        )
    order = {code: n for n, code in enumerate(["11", "12", "13", "14", "21", "22", "23", "24", "31"])}
    indicators = sorted(kept + replaced, key=lambda i: order.get(i.level2_code or "", 99))
    indicators = [i.model_copy(update={"seq": n}) for n, i in enumerate(indicators, 1)]
    fixed = with_findings(draft.model_copy(update={"indicators": indicators}))
    note = {
        "code": "OFF_TOPIC_REPLACED",
        "severity": "warning",
        "project": draft.request.name,
        "seq": None,
        "indicator": None,
        "field": "name",
        "message": f"{len(replaced)} 个与项目主题不符的模型指标已换成类型模板指标",
        "suggestion": "核对替换后的指标；需要时改写名称和值",
    }
    return fixed.model_copy(update={"findings": [*fixed.findings, note]})
