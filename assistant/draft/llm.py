"""LLM drafting: similar library indicators as few-shot examples, the linter as the judge.

The model answers in :class:`DraftAnswer`. Its draft is linted; while errors remain and
re-asks are left, the findings go back to the model (``prompts/draft_reask``) and it
answers again with the whole set. Whatever is left after the last attempt stays in
``Draft.findings``: reported, not hidden. The endpoint, retries on transport faults,
cache and ledger are :mod:`assistant.llm`'s.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..checks import lint_project
from ..llm import LLMConfig, Ledger, structured_call
from ..llm.cache import ResponseCache
from ..prompts import load_prompt
from ..targets import parse_target
from ..taxonomy import LEVEL1, LEVEL2, is_valid_pair
from .library import Library, LibraryIndicator
from .models import Draft, DraftIndicator, DraftRequest
from .retrieve import Retriever

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
    """The library indicators most like the new project, validly coded, best first."""
    query = f"{request.name} {request.goal}"
    hits = [c for c, s in retriever.indicator_scores(query) if s > 0
            and is_valid_pair(c.indicator.level1_code, c.indicator.level2_code)]
    return hits[:k]


def _example_lines(examples: list[LibraryIndicator]) -> str:
    if not examples:
        return "(none: the library has no similar project)"
    lines = []
    for ex in examples:
        ind = ex.indicator
        lines.append(f"- {ex.label} | {ind.level1_code}-{ind.level1_name}:{ind.level2_code}-{ind.level2_name} | "
                     f"实施周期指标值: {ind.period_value} | 年度指标值: {ind.annual_value}")
    return "\n".join(lines)


def _to_draft_indicators(answer: DraftAnswer, max_indicators: int) -> list[DraftIndicator]:
    out = []
    for n, item in enumerate(answer.indicators[:max_indicators], 1):
        out.append(DraftIndicator(
            seq=n, level1_code=item.level1_code, level1_name=LEVEL1.get(item.level1_code),
            level2_code=item.level2_code, level2_name=LEVEL2.get(item.level2_code), name=item.name,
            period_value=item.period_value, annual_value=item.annual_value, target=parse_target(item.annual_value),
            rationale=item.rationale, adapted_from=item.adapted_from,
        ))
    return out


def _findings(draft: Draft, max_indicators: int) -> list[dict]:
    findings = [f.to_dict() for f in lint_project(draft.project()) if f.severity != "info"]
    count = len(draft.indicators)
    if not 4 <= count <= max_indicators:
        findings.append({"code": "INDICATOR_COUNT", "severity": "error", "project": draft.request.name, "seq": None,
                         "indicator": None, "field": "indicators",
                         "message": f"{count} indicators drafted; 4 to {max_indicators} are wanted",
                         "suggestion": "cover 数量, 质量, 时效, 效益 and 满意度 without repeating yourself"})
    return findings


def _describe(findings: list[dict]) -> str:
    return "\n".join(f"- {f['code']} #{f['seq']} {f['indicator'] or ''} [{f['field']}]: {f['message']}; "
                     f"fix: {f['suggestion']}" for f in findings)


def draft_with_llm(request: DraftRequest, library: Library, *, config: LLMConfig, retries: int = 2,
                   max_indicators: int = 10, prompt_version: int | None = None, ledger: Ledger | None = None,
                   cache: ResponseCache | None = None) -> Draft:
    """Draft with the configured LLM, re-asking with the linter's findings up to ``retries`` times.

    Raises:
        BackendConfigError: no endpoint configured (the message says what to set).
        LLMOutputError: the endpoint failed or never gave an answer that fits the schema.
    """
    config = config.require("llm")
    prompt = load_prompt("draft", prompt_version)
    reask = load_prompt("draft_reask")
    retriever = Retriever(library)
    similar = retriever.similar_projects(f"{request.name} {request.goal}", k=5)
    examples = few_shot_examples(request, retriever)
    budget = "未给出 (no 成本指标 needed)" if request.budget is None else f"{request.budget} 万元"
    messages = [
        {"role": "system", "content": prompt.system},
        {"role": "user", "content": prompt.render(
            name=request.name, goal=request.goal or "(未给出)", budget=budget, department=request.department or "-",
            unit=request.unit or "-", examples=_example_lines(examples), max_indicators=max_indicators)},
    ]
    ledger = ledger or Ledger()
    cache_parts = {"prompt": f"{prompt.id}@{prompt.version}", "prompt_sha256": prompt.sha256,
                   "reask_sha256": reask.sha256}
    draft: Draft | None = None
    for attempt in range(1, retries + 2):
        answer = structured_call(config, messages, DraftAnswer, ledger=ledger, cache=cache, cache_parts=cache_parts)
        draft = Draft(request=request, indicators=_to_draft_indicators(answer, max_indicators), backend="llm",
                      model=config.model, prompt_id=prompt.id, prompt_version=str(prompt.version), attempts=attempt,
                      similar_projects=[p.key for p, _ in similar])
        findings = _findings(draft, max_indicators)
        draft = draft.model_copy(update={"findings": findings})
        if not any(f["severity"] == "error" for f in findings):
            break
        messages = [*messages, {"role": "assistant", "content": answer.model_dump_json()},
                    {"role": "user", "content": reask.render(findings=_describe(findings))}]
    assert draft is not None
    return draft.model_copy(update={"usage": ledger.to_dict()})
