"""The indicator linter: what a finance reviewer would send back in a table's 绩效指标.

Works on any table, extracted or drafted. Where :mod:`assistant.validate` checks that the
table was read correctly (amounts, numbering), the linter checks that the indicators are
good ones: targets that can be measured at year end, codes that belong together, a set that
covers outputs, effects and satisfaction. Every rule has a stable code, a severity and a
reason; ``assistant/data/lint_rules.md`` documents them in one place.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Literal

from .schema import BudgetTable, Indicator, Project
from .targets import Target, find_vague_phrase, parse_target
from .taxonomy import LEVEL1, LEVEL2, is_valid_pair, level1_of
from .textnorm import normalize_for_compare

__all__ = [
    "Severity",
    "LintFinding",
    "RULES",
    "SATISFACTION_FLOOR",
    "lint_table",
    "lint_project",
    "lint_stats",
    "indicator_category",
    "is_satisfaction",
]

Severity = Literal["error", "warning", "info"]

#: the lowest satisfaction target accepted (real tables use 85%, 90% or 95%)
SATISFACTION_FLOOR = 85.0

#: code -> (severity, what it means); the reasons are in data/lint_rules.md
RULES: dict[str, tuple[Severity, str]] = {
    "VALUE_MISSING": ("error", "no 实施周期指标值 or no 年度指标值"),
    "VALUE_VAGUE": ("error", "a vague phrase (逐步提高, 全覆盖 …) and no number"),
    "VALUE_UNMEASURABLE": ("error", "no number and no graded level: a description or a formula, not a target"),
    "VALUE_QUALITATIVE": ("info", "a graded qualitative level (优/良/中/差, 达到/未达到): allowed, but not quantified"),
    "CODE_MISSING": ("error", "no level-1 or level-2 code"),
    "CODE_UNKNOWN": ("error", "a code outside the category code system"),
    "CODE_PAIR_MISMATCH": ("error", "a level-2 code under the wrong level-1 code"),
    "CATEGORY_MISSING": ("error", "the project has no 产出, no 效益 or no 满意度 indicator"),
    "SATISFACTION_LOW": ("error", f"a satisfaction target below {SATISFACTION_FLOOR:g}%"),
    "PERIOD_ANNUAL_CONFLICT": ("error", "the annual target is stricter than the whole period's"),
    "PERIOD_ANNUAL_UNITS": ("warning", "the period and annual values are counted in different units"),
    "INDICATOR_DUPLICATE": ("error", "the same indicator twice in one project"),
}


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One finding: a stable code, where it is, what is wrong and how to fix it."""

    code: str
    severity: Severity
    message: str
    suggestion: str
    project: str | None = None
    seq: int | None = None
    indicator: str | None = None
    field: str | None = None

    def location(self) -> str:
        parts = [p for p in (self.project, None if self.seq is None else f"#{self.seq}", self.indicator, self.field) if p]
        return " / ".join(parts) or "table"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


_FIELDS = (("period_value", "实施周期指标值"), ("annual_value", "年度指标值"))
_CATEGORY_NAMES = {"1": "产出指标", "2": "效益指标", "3": "满意度指标"}
_CATEGORY_FIX = {
    "1": "add an output indicator, e.g. 11-数量指标 '开展活动场次 ≥12场' or 13-时效指标 '按期完成率 ≥95%'",
    "2": "add an effect indicator, e.g. 22-社会效益 '问题处置率 ≥95%' — what changes for the people served",
    "3": "add 31-服务对象满意度 '服务对象满意度 ≥90%' measured by a survey",
}


def indicator_category(indicator: Indicator) -> str | None:
    """The level-1 code an indicator counts under: as written, else from its level-2 code."""
    if indicator.level1_code in LEVEL1:
        return indicator.level1_code
    return level1_of(indicator.level2_code or "")


def is_satisfaction(indicator: Indicator) -> bool:
    """A satisfaction indicator: coded 3/31, or named 满意度."""
    return indicator.level1_code == "3" or indicator.level2_code == "31" or "满意" in (indicator.name or "")


def _value_findings(project: Project, ind: Indicator, field: str, label: str, target: Target) -> list[LintFinding]:
    where = {"project": project.name, "seq": ind.seq, "indicator": ind.name, "field": field}
    text = getattr(ind, field)
    if target.kind == "empty":
        return [LintFinding("VALUE_MISSING", "error", f"no {label}",
                            f"write the {label}, e.g. the same target as the other value", **where)]
    if target.kind == "vague":
        entry = find_vague_phrase(text)
        return [LintFinding("VALUE_VAGUE", "error", f"{label} '{_short(text)}' is vague: {entry.reason}",
                            entry.suggestion, **where)]
    if target.kind == "unmeasurable":
        if "=" in text or "/" in text:
            message = f"{label} '{_short(text)}' is a formula, not a target"
            fix = "keep the formula in the name or a note and write the level to reach, e.g. '≥95%'"
        else:
            message = f"{label} '{_short(text)}' has no number to check at year end"
            fix = "write comparison + number + unit, e.g. '≥95%', '不少于20篇', '≤30天'"
        return [LintFinding("VALUE_UNMEASURABLE", "error", message, fix, **where)]
    if target.kind == "qualitative":
        return [LintFinding("VALUE_QUALITATIVE", "info", f"{label} '{_short(text)}' is a graded level, not a number",
                            "fine if the grading rule is written down; quantify it if you can", **where)]
    return []


def _short(text: str | None, width: int = 30) -> str:
    text = (text or "").strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def _code_findings(project: Project, ind: Indicator) -> list[LintFinding]:
    where = {"project": project.name, "seq": ind.seq, "indicator": ind.name}
    l1, l2 = ind.level1_code, ind.level2_code
    if not l1 or not l2:
        missing = "level-1" if not l1 else "level-2"
        return [LintFinding("CODE_MISSING", "error", f"no {missing} code",
                            "file it under one of 11-14 (产出), 21-24 (效益) or 31 (满意度)",
                            field="level1_code" if not l1 else "level2_code", **where)]
    out = []
    for code, table, field in ((l1, LEVEL1, "level1_code"), (l2, LEVEL2, "level2_code")):
        if code not in table:
            out.append(LintFinding("CODE_UNKNOWN", "error", f"code {code!r} is not in the category code system",
                                   "use " + ", ".join(f"{k}-{v}" for k, v in table.items()), field=field, **where))
    if not out and not is_valid_pair(l1, l2):
        parent = level1_of(l2)
        out.append(LintFinding(
            "CODE_PAIR_MISMATCH", "error",
            f"{l2}-{LEVEL2[l2]} belongs under {parent}-{LEVEL1[parent]}, not {l1}-{LEVEL1[l1]}",
            f"write {parent}-{LEVEL1[parent]}:{l2}-{LEVEL2[l2]}, or pick a level-2 code under {l1}-{LEVEL1[l1]}",
            field="level2_code", **where))
    return out


def _stricter(annual: Target, period: Target) -> bool:
    """True when the annual target asks more than the whole period does."""
    if annual.value is None or period.value is None or annual.comparison == "区间" or period.comparison == "区间":
        return False
    a, p = annual.per_year or annual.value, period.per_year or period.value
    if annual.comparison in ("≤", "<") and period.comparison in ("≤", "<"):
        return a < p
    if annual.comparison in ("≥", ">", "=") and period.comparison in ("≥", ">", "="):
        return a > p
    return False


def lint_project(project: Project) -> list[LintFinding]:
    """Every finding for one project, indicator by indicator, then the project as a whole."""
    if project.classified:
        return []
    out: list[LintFinding] = []
    seen: Counter[str] = Counter()
    for ind in project.indicators:
        where = {"project": project.name, "seq": ind.seq, "indicator": ind.name}
        out.extend(_code_findings(project, ind))
        targets = {}
        for field, label in _FIELDS:
            targets[field] = parse_target(getattr(ind, field))
            out.extend(_value_findings(project, ind, field, label, targets[field]))
        if is_satisfaction(ind):
            for field, label in _FIELDS:
                target = targets[field]
                if target.unit == "%" and target.value is not None and target.comparison != "≤" \
                        and (target.upper or target.value) < SATISFACTION_FLOOR:
                    out.append(LintFinding("SATISFACTION_LOW", "error",
                                           f"satisfaction {label} {target.render()} is below {SATISFACTION_FLOOR:g}%",
                                           "set it to ≥85% or ≥90%, as reviewed tables do", field=field, **where))
        period, annual = targets["period_value"], targets["annual_value"]
        if period.kind == annual.kind == "quantitative":
            if period.unit != annual.unit:
                out.append(LintFinding("PERIOD_ANNUAL_UNITS", "warning",
                                       f"实施周期指标值 is in {period.unit}, 年度指标值 in {annual.unit}",
                                       "measure both values the same way, e.g. both as a count or both as a rate",
                                       field="annual_value", **where))
            elif _stricter(annual, period):
                out.append(LintFinding("PERIOD_ANNUAL_CONFLICT", "error",
                                       f"年度指标值 {annual.render()} asks more than 实施周期指标值 {period.render()}",
                                       "the period target must be at least the annual one; fix one of them",
                                       field="annual_value", **where))
        key = normalize_for_compare(ind.name) or ""
        seen[key] += 1
        if key and seen[key] == 2:
            out.append(LintFinding("INDICATOR_DUPLICATE", "error", f"indicator '{ind.name}' appears more than once",
                                   "merge the items or give each its own measure", field="name", **where))
    present = {indicator_category(i) for i in project.indicators}
    for code in ("1", "2", "3"):
        if code not in present:
            out.append(LintFinding("CATEGORY_MISSING", "error", f"no {code}-{_CATEGORY_NAMES[code]} indicator",
                                   _CATEGORY_FIX[code], project=project.name, field="indicators"))
    return out


def lint_table(table: BudgetTable) -> list[LintFinding]:
    """Every finding in the table, project by project in source order."""
    return [finding for project in table.projects() for finding in lint_project(project)]


def lint_stats(projects: list[Project]) -> dict[str, float | int]:
    """The quality measures of a set of projects (what the seed baseline and drafting report).

    ``quantified_share`` counts annual values read as comparison + number + unit;
    ``vague_values`` annual values with a vague phrase and no number; ``full_coverage_share``
    projects with an 产出, an 效益 and a 满意度 indicator.
    """
    projects = [p for p in projects if not p.classified]
    indicators = [i for p in projects for i in p.indicators]
    targets = [parse_target(i.annual_value) for i in indicators]
    findings = [f for p in projects for f in lint_project(p)]
    covered = [p for p in projects if {"1", "2", "3"} <= {indicator_category(i) for i in p.indicators}]
    n = len(indicators)
    return {
        "projects": len(projects),
        "indicators": n,
        "quantified": sum(t.kind == "quantitative" for t in targets),
        "quantified_share": _share(sum(t.kind == "quantitative" for t in targets), n),
        "qualitative": sum(t.kind == "qualitative" for t in targets),
        "vague_values": sum(t.kind == "vague" for t in targets),
        "valid_pairs": sum(is_valid_pair(i.level1_code, i.level2_code) for i in indicators),
        "valid_pair_share": _share(sum(is_valid_pair(i.level1_code, i.level2_code) for i in indicators), n),
        "full_coverage": len(covered),
        "full_coverage_share": _share(len(covered), len(projects)),
        "with_satisfaction": sum(any(is_satisfaction(i) for i in p.indicators) for p in projects),
        "duplicates": sum(f.code == "INDICATOR_DUPLICATE" for f in findings),
        "errors": sum(f.severity == "error" for f in findings),
    }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
