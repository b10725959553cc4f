"""What drafting takes and gives: a request, drafted indicators, and the draft as a whole.

A :class:`DraftIndicator` *is* an :class:`assistant.schema.Indicator` — same interchange
fields, so drafts export, lint and validate like extracted tables — plus what a clerk
needs to trust it: the parsed target, a one-line rationale and the library indicators it
was adapted from. Those extra fields are left out of the interchange export (the project's
``indicators`` field is typed ``Indicator``) and written beside it under ``draft``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..schema import Amounts, BudgetTable, Indicator, Money, Project, RunMeta, Unit
from ..targets import Target, parse_target

__all__ = ["DraftRequest", "DraftIndicator", "Draft"]


class DraftRequest(BaseModel):
    """A new project to draft indicators for (from flags, a JSON/YAML file, or a table row)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="项目名称")
    goal: str = Field(default="", description="绩效目标 text; quantities stated here are used")
    budget: Money = Field(default=None, description="预算, 万元; adds a 成本指标 when given")
    department: str | None = Field(default=None, description="主管部门")
    unit: str | None = Field(default=None, description="资金使用单位")
    project_type: str | None = Field(
        default=None, description="a type id of resources/project_types.yaml, when the clerk knows it"
    )
    sector: str | None = Field(default=None, description="one of the type file's sectors, when the clerk knows it")

    @field_validator("project_type")
    @classmethod
    def _known_type(cls, value: str | None) -> str | None:
        from .types import load_types

        if value and value not in {t.id for t in load_types().types}:
            raise ValueError(f"unknown project type {value!r} (see resources/project_types.yaml)")
        return value or None

    @field_validator("sector")
    @classmethod
    def _known_sector(cls, value: str | None) -> str | None:
        from .types import load_types

        if value and value not in load_types().sectors:
            raise ValueError(f"unknown sector {value!r}; one of {', '.join(load_types().sectors)}")
        return value or None

    @field_validator("budget")
    @classmethod
    def _positive(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and value <= 0:
            raise ValueError("the budget (万元) must be more than 0")
        return value


class DraftIndicator(Indicator):
    """An indicator with its parsed target, why it was chosen, and where it came from."""

    target: Target | None = Field(default=None, description="the annual value parsed")
    rationale: str = Field(default="", description="one line: why this indicator and this value")
    adapted_from: list[str] = Field(
        default_factory=list, description="library indicators it was adapted from, as '项目 / 指标'"
    )

    def with_target(self) -> DraftIndicator:
        """A copy whose ``target`` is parsed from its annual value."""
        return self.model_copy(update={"target": parse_target(self.annual_value)})


class Draft(BaseModel):
    """A drafted set of indicators for one project, with the findings left after linting."""

    model_config = ConfigDict(extra="forbid")

    request: DraftRequest
    indicators: list[DraftIndicator] = Field(default_factory=list)
    backend: str = "library"
    model: str | None = None
    prompt_id: str | None = None
    prompt_version: str | None = None
    attempts: int = 1
    findings: list[dict[str, Any]] = Field(default_factory=list, description="lint findings that remain")
    similar_projects: list[str] = Field(default_factory=list, description="library projects used, best first")
    project_types: list[str] = Field(default_factory=list, description="the project's types, best first (types file)")
    sector: str | None = Field(default=None, description="the sector drafting looked in")
    types_version: str | None = Field(default=None, description="version of the project-type file used")
    usage: dict[str, Any] = Field(default_factory=dict, description="LLM requests, tokens, retries (the ledger)")

    def project(self) -> Project:
        """The draft as a project of the interchange models."""
        amounts = Amounts(total=self.request.budget, fiscal=self.request.budget)
        return Project(
            name=self.request.name, goal=self.request.goal or None, amounts=amounts, indicators=list(self.indicators)
        )

    def table(self) -> BudgetTable:
        """The draft as a one-project table, ready for every export format and the linter."""
        unit_name = self.request.unit or self.request.department or ""  # never the project's own name
        amounts = Amounts(total=self.request.budget, fiscal=self.request.budget)
        meta = RunMeta(
            source="draft",
            backend=self.backend,
            model=self.model,
            prompt_id=self.prompt_id,
            prompt_version=self.prompt_version,
            extra={"draft": self.report()},
        )
        return BudgetTable(
            title="项目支出绩效目标表（草稿）",
            department=self.request.department,
            amounts=amounts,
            units=[Unit(name=unit_name, amounts=amounts, projects=[self.project()])],
            meta=meta,
        )

    def report(self) -> dict[str, Any]:
        """The drafting details beside the interchange fields: targets, rationales, sources."""
        return {
            "backend": self.backend,
            "attempts": self.attempts,
            "similar_projects": self.similar_projects,
            "project_types": self.project_types,
            "sector": self.sector,
            "types_version": self.types_version,
            "usage": self.usage,
            "indicators": [
                {
                    "seq": i.seq,
                    "name": i.name,
                    "target": i.target.model_dump(exclude_none=True) if i.target else None,
                    "rationale": i.rationale,
                    "adapted_from": i.adapted_from,
                }
                for i in self.indicators
            ],
            "findings": self.findings,
        }

    @property
    def budget(self) -> Decimal | None:
        return self.request.budget
