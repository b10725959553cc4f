"""The ``lint`` view: what a finance reviewer would send back in a table's 绩效指标.

Works on any table, extracted or drafted. Where :mod:`.validate` checks that the table was
read correctly (amounts, numbering), the linter checks that the indicators are good ones:
targets that can be measured at year end, codes that belong together, a set that covers
outputs, effects and satisfaction. The rules, their severities and reasons are in
:data:`.findings.RULES` and ``assistant/resources/lint_rules.md``.
"""

from __future__ import annotations

from collections import Counter

from ..schema import BudgetTable, Indicator, Project
from ..targets import Target, find_vague_phrase, parse_target
from ..taxonomy import LEVEL1, is_valid_pair, level1_of
from ..textnorm import normalize_for_compare
from .findings import Finding
from .indicators import VALUE_FIELDS, code_findings, missing_value_findings

__all__ = ["SATISFACTION_FLOOR", "lint_table", "lint_project", "lint_stats", "indicator_category", "is_satisfaction"]

#: the lowest satisfaction target accepted (real tables use 85%, 90% or 95%)
SATISFACTION_FLOOR = 85.0

_CATEGORY_NAMES = {"1": "产出指标", "2": "效益指标", "3": "满意度指标"}
_CATEGORY_FIX = {
    "1": (
        "add an output indicator, e.g. 11-数量指标 '开展活动场次 ≥12场' or 13-时效指标 '按期完成率 ≥95%'",
        "增加产出指标，例如 11-数量指标“开展活动场次 ≥12场”或 13-时效指标“按期完成率 ≥95%”",
    ),
    "2": (
        "add an effect indicator, e.g. 22-社会效益 '问题处置率 ≥95%' — what changes for the people served",
        "增加效益指标，例如 22-社会效益“问题处置率 ≥95%”——写明服务对象得到的改变",
    ),
    "3": (
        "add 31-服务对象满意度 '服务对象满意度 ≥90%' measured by a survey",
        "增加 31-服务对象满意度“服务对象满意度 ≥90%”，以问卷调查计",
    ),
}


def indicator_category(indicator: Indicator) -> str | None:
    """The level-1 code an indicator counts under: as written, else from its level-2 code."""
    if indicator.level1_code in LEVEL1:
        return indicator.level1_code
    return level1_of(indicator.level2_code or "")


def is_satisfaction(indicator: Indicator) -> bool:
    """A satisfaction indicator: coded 3/31, or named 满意度."""
    return indicator.level1_code == "3" or indicator.level2_code == "31" or "满意" in (indicator.name or "")


def _value_findings(ind: Indicator, field: str, label: str, target: Target, where: dict) -> list[Finding]:
    text = getattr(ind, field)
    where = where | {"field": field}
    if target.kind == "vague":
        entry = find_vague_phrase(text)
        return [
            Finding.of(
                "VALUE_VAGUE",
                f"{label} '{_short(text)}' is vague: {entry.reason}",
                f"{label}“{_short(text)}”表述模糊：{entry.reason_zh}",
                fix=entry.suggestion,
                fix_zh=entry.suggestion_zh,
                **where,
            )
        ]
    if target.kind == "unmeasurable":
        if "=" in text or "/" in text:
            return [
                Finding.of(
                    "VALUE_UNMEASURABLE",
                    f"{label} '{_short(text)}' is a formula, not a target",
                    f"{label}“{_short(text)}”是计算公式，不是目标值",
                    fix="keep the formula in the name or a note and write the level to reach, e.g. '≥95%'",
                    fix_zh="把公式写入指标名称或备注，指标值写要达到的水平，例如“≥95%”",
                    **where,
                )
            ]
        return [
            Finding.of(
                "VALUE_UNMEASURABLE",
                f"{label} '{_short(text)}' has no number to check at year end",
                f"{label}“{_short(text)}”没有可在年底核验的数字",
                fix="write comparison + number + unit, e.g. '≥95%', '不少于20篇', '≤30天'",
                fix_zh="写成“比较符号+数字+单位”，例如“≥95%”“不少于20篇”“≤30天”",
                **where,
            )
        ]
    if target.kind == "qualitative":
        return [
            Finding.of(
                "VALUE_QUALITATIVE",
                f"{label} '{_short(text)}' is a graded level, not a number",
                f"{label}“{_short(text)}”是定性分级，不是数字",
                fix="fine if the grading rule is written down; quantify it if you can",
                fix_zh="写明分级标准即可；能量化的请量化",
                **where,
            )
        ]
    return []


def _short(text: str | None, width: int = 30) -> str:
    text = (text or "").strip()
    return text if len(text) <= width else text[: width - 1] + "…"


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


def lint_project(project: Project) -> list[Finding]:
    """Every finding for one project, indicator by indicator, then the project as a whole."""
    if project.classified:
        return []

    def where_of(ind: Indicator | None) -> dict:
        return {"project": project.name} | ({"seq": ind.seq, "indicator": ind.name} if ind is not None else {})

    out: list[Finding] = missing_value_findings(project, where_of)
    seen: Counter[str] = Counter()
    for ind in project.indicators:
        where = where_of(ind)
        out.extend(code_findings(ind, **where))
        targets = {}
        for field, label in VALUE_FIELDS:
            targets[field] = parse_target(getattr(ind, field))
            out.extend(_value_findings(ind, field, label, targets[field], where))
        if is_satisfaction(ind):
            for field, label in VALUE_FIELDS:
                target = targets[field]
                if (
                    target.unit == "%"
                    and target.value is not None
                    and target.comparison != "≤"
                    and (target.upper or target.value) < SATISFACTION_FLOOR
                ):
                    out.append(
                        Finding.of(
                            "SATISFACTION_LOW",
                            f"satisfaction {label} {target.render()} is below {SATISFACTION_FLOOR:g}%",
                            f"满意度{label} {target.render()} 低于 {SATISFACTION_FLOOR:g}%",
                            fix="set it to ≥85% or ≥90%, as reviewed tables do",
                            fix_zh="按审核通过的表格设为 ≥85% 或 ≥90%",
                            field=field,
                            **where,
                        )
                    )
        period, annual = targets["period_value"], targets["annual_value"]
        if period.kind == annual.kind == "quantitative":
            if period.unit != annual.unit:
                out.append(
                    Finding.of(
                        "PERIOD_ANNUAL_UNITS",
                        f"实施周期指标值 is in {period.unit}, 年度指标值 in {annual.unit}",
                        f"实施周期指标值以“{period.unit}”计，年度指标值以“{annual.unit}”计",
                        fix="measure both values the same way, e.g. both as a count or both as a rate",
                        fix_zh="两个指标值用同一口径，例如都用数量或都用比率",
                        field="annual_value",
                        **where,
                    )
                )
            elif _stricter(annual, period):
                out.append(
                    Finding.of(
                        "PERIOD_ANNUAL_CONFLICT",
                        f"年度指标值 {annual.render()} asks more than 实施周期指标值 {period.render()}",
                        f"年度指标值 {annual.render()} 比实施周期指标值 {period.render()} 要求更高",
                        fix="the period target must be at least the annual one; fix one of them",
                        fix_zh="实施周期目标应不低于年度目标，请修改其中一个",
                        field="annual_value",
                        **where,
                    )
                )
        key = normalize_for_compare(ind.name) or ""
        seen[key] += 1
        if key and seen[key] == 2:
            out.append(
                Finding.of(
                    "INDICATOR_DUPLICATE",
                    f"indicator '{ind.name}' appears more than once",
                    f"指标“{ind.name}”重复出现",
                    fix="merge the items or give each its own measure",
                    fix_zh="合并这些指标，或为每项设定不同的衡量内容",
                    field="name",
                    **where,
                )
            )
    present = {indicator_category(i) for i in project.indicators}
    for code in ("1", "2", "3"):
        if code not in present:
            fix, fix_zh = _CATEGORY_FIX[code]
            out.append(
                Finding.of(
                    "CATEGORY_MISSING",
                    f"no {code}-{_CATEGORY_NAMES[code]} indicator",
                    f"缺少 {code}-{_CATEGORY_NAMES[code]}",
                    fix=fix,
                    fix_zh=fix_zh,
                    project=project.name,
                    field="indicators",
                )
            )
    return out


def lint_table(table: BudgetTable) -> list[Finding]:
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
