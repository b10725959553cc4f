"""The checks both views share: category codes and missing values, each written once."""

from __future__ import annotations

from ..schema import Indicator, Project
from ..taxonomy import LEVEL1, LEVEL2, level1_of
from .findings import Finding

__all__ = ["code_findings", "missing_value_findings", "VALUE_FIELDS"]

VALUE_FIELDS = (("period_value", "实施周期指标值"), ("annual_value", "年度指标值"))


def code_findings(ind: Indicator, **where: object) -> list[Finding]:
    """CODE_MISSING, CODE_UNKNOWN and CODE_PAIR_MISMATCH for one indicator (codes are kept as written)."""
    l1, l2 = ind.level1_code, ind.level2_code
    if not l1 or not l2:
        level, field = ("一级", "level1_code") if not l1 else ("二级", "level2_code")
        return [
            Finding.of(
                "CODE_MISSING",
                f"no level-{1 if not l1 else 2} code",
                f"缺少{level}指标代码",
                fix="file it under one of 11-14 (产出), 21-24 (效益) or 31 (满意度)",
                fix_zh="归入 11-14（产出）、21-24（效益）或 31（满意度）之一",
                field=field,
                **where,
            )
        ]
    out = []
    for code, table, field in ((l1, LEVEL1, "level1_code"), (l2, LEVEL2, "level2_code")):
        if code not in table:
            choices = ", ".join(f"{k}-{v}" for k, v in table.items())
            out.append(
                Finding.of(
                    "CODE_UNKNOWN",
                    f"code {code!r} is not in the category code system",
                    f"代码“{code}”不在指标体系内",
                    fix=f"use {choices}",
                    fix_zh=f"请使用 {choices}",
                    field=field,
                    **where,
                )
            )
    if not out and level1_of(l2) != l1:
        parent = level1_of(l2)
        right, wrong, l2_text = (
            f"{parent}-{LEVEL1[parent]}",
            f"{l1}-{ind.level1_name or LEVEL1[l1]}",
            f"{l2}-{ind.level2_name or LEVEL2[l2]}",
        )
        out.append(
            Finding.of(
                "CODE_PAIR_MISMATCH",
                f"{l2_text} belongs under {right}, not {wrong}; kept as written",
                f"{l2_text} 应属于 {right}，而不是 {wrong}（按原文保留）",
                fix=f"write {right}:{l2}-{LEVEL2[l2]}, or pick a level-2 code under {l1}-{LEVEL1[l1]}",
                fix_zh=f"改为 {right}:{l2}-{LEVEL2[l2]}，或在 {l1}-{LEVEL1[l1]} 下选择二级指标",
                field="level2_code",
                **where,
            )
        )
    return out


def missing_value_findings(project: Project, where_of) -> list[Finding]:
    """VALUE_MISSING: a value column absent from the whole project is one finding (forms with a
    single 指标值 column), otherwise one per empty value. ``where_of(ind)`` gives the location."""
    out: list[Finding] = []
    absent = {
        field
        for field, _ in VALUE_FIELDS
        if len(project.indicators) > 1 and not any(getattr(i, field) for i in project.indicators)
    }
    for field, label in VALUE_FIELDS:
        if field in absent:
            n = len(project.indicators)
            out.append(
                Finding.of(
                    "VALUE_MISSING",
                    f"no {label} in any of the {n} items",
                    f"{n}项指标均无{label}",
                    fix=f"write the {label} of every item",
                    fix_zh=f"逐项填写{label}",
                    project=project.name,
                    field=field,
                    row=where_of(None).get("row"),
                )
            )
    for ind in project.indicators:
        for field, label in VALUE_FIELDS:
            if field not in absent and not getattr(ind, field):
                out.append(
                    Finding.of(
                        "VALUE_MISSING",
                        f"no {label}",
                        f"缺少{label}",
                        fix=f"write the {label}, e.g. the same target as the other value",
                        fix_zh=f"填写{label}，例如与另一指标值相同的目标",
                        field=field,
                        **where_of(ind),
                    )
                )
    return out
