"""One kind of finding for every check, and one registry of the rules behind them.

``validate`` (was the table read correctly?) and ``lint`` (are these good indicators?) are
two views of the same rules: a code means the same thing, has the same severity and the
same wording wherever it is raised. Every message exists in Chinese (what clerks read) and
English; :meth:`Finding.text` picks one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["Severity", "Rule", "RULES", "Finding", "Lang"]

Severity = Literal["error", "warning", "info"]
Lang = Literal["zh", "en"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A stable code: how serious it is, which views raise it, and what it means."""

    severity: Severity
    views: tuple[str, ...]  # "validate", "lint"
    zh: str
    en: str


_V, _L, _VL = ("validate",), ("lint",), ("validate", "lint")

RULES: dict[str, Rule] = {
    # read correctly? (validate)
    "AMOUNT_ROW_SUM": Rule(
        "error",
        _V,
        "总计不等于财政拨款、财政专户拨款与其他资金之和",
        "a row's 总计 is not the sum of 财政拨款 + 财政专户拨款 + 其他资金",
    ),
    "AMOUNT_UNIT_SUM": Rule(
        "error", _V, "资金使用单位的金额不等于其项目之和", "a 资金使用单位's total is not the sum of its projects"
    ),
    "AMOUNT_TABLE_SUM": Rule(
        "error", _V, "合计不等于各单位（或各项目）之和", "the 合计 row is not the sum of the units (or of the projects)"
    ),
    "AMOUNT_MISSING": Rule("warning", _V, "项目没有总计金额", "a project has no 总计"),
    "NAME_MISSING": Rule("error", _V, "指标没有名称（三级指标）", "an indicator has no name (三级指标)"),
    "SEQ_DUPLICATE": Rule(
        "warning", _V, "同一项目中两个指标的序号相同", "two items of one project carry the same number"
    ),
    "SEQ_GAP": Rule("warning", _V, "指标序号跳号或不从1开始", "item numbers skip or do not start at 1"),
    "PROJECT_DUPLICATE": Rule("warning", _V, "同一项目出现两次", "the same project appears twice"),
    "INDICATORS_MISSING": Rule("error", _V, "非涉密项目没有绩效指标", "a non-classified project has no indicators"),
    "GOAL_MISSING": Rule("error", _V, "非涉密项目没有绩效目标", "a non-classified project has no 绩效目标"),
    "CODE_NAME_MISMATCH": Rule(
        "warning", _V, "指标类别代码与所写名称不一致", "a code is written with another category's name"
    ),
    "LOW_CONFIDENCE": Rule(
        "warning",
        _V,
        "识别置信度低（OCR 或大模型），需人工核对",
        "a value was read with low confidence (OCR or LLM) and needs a human look",
    ),
    # both views
    "CODE_MISSING": Rule("error", _VL, "指标缺少一级或二级类别代码", "an indicator has no level-1 or level-2 code"),
    "CODE_UNKNOWN": Rule("error", _VL, "类别代码不在指标体系内", "a code outside the category code system"),
    "CODE_PAIR_MISMATCH": Rule(
        "error", _VL, "二级指标不属于所填的一级指标", "a level-2 code under the wrong level-1 code"
    ),
    "VALUE_MISSING": Rule("error", _VL, "缺少实施周期指标值或年度指标值", "no 实施周期指标值 or no 年度指标值"),
    # good indicators? (lint)
    "VALUE_VAGUE": Rule(
        "error",
        _L,
        "指标值用语模糊（逐步提高、全覆盖……）且没有数字",
        "a vague phrase (逐步提高, 全覆盖 …) and no number",
    ),
    "VALUE_UNMEASURABLE": Rule(
        "error",
        _L,
        "指标值没有“比较符号+数字+单位”，年底无法核验",
        "no number and no graded level: a description or a formula, not a target",
    ),
    "VALUE_QUALITATIVE": Rule(
        "info",
        _L,
        "定性分级指标值（优/良/中/差、达到/未达到）：允许，但未量化",
        "a graded qualitative level (优/良/中/差, 达到/未达到): allowed, but not quantified",
    ),
    "CATEGORY_MISSING": Rule(
        "error", _L, "项目缺少产出、效益或满意度指标", "the project has no 产出, no 效益 or no 满意度 indicator"
    ),
    "SATISFACTION_LOW": Rule("error", _L, "满意度目标低于85%", "a satisfaction target below 85%"),
    "PERIOD_ANNUAL_CONFLICT": Rule(
        "error", _L, "年度指标值比实施周期指标值要求更高", "the annual target is stricter than the whole period's"
    ),
    "PERIOD_ANNUAL_UNITS": Rule(
        "warning",
        _L,
        "实施周期指标值与年度指标值的计量单位不同",
        "the period and annual values are counted in different units",
    ),
    "INDICATOR_DUPLICATE": Rule("error", _L, "同一项目中重复的指标", "the same indicator twice in one project"),
}

_FIELD_ZH = {
    "amounts.total": "总计",
    "goal": "绩效目标",
    "indicators": "绩效指标",
    "name": "指标名称",
    "level1_code": "一级指标",
    "level2_code": "二级指标",
    "level1_name": "一级指标名称",
    "seq": "序号",
    "period_value": "实施周期指标值",
    "annual_value": "年度指标值",
}


class Finding(BaseModel):
    """One finding: a stable code, where it is, what is wrong and (for lint) how to fix it."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    message_zh: str
    suggestion: str | None = None
    suggestion_zh: str | None = None
    project: str | None = None
    seq: int | None = None
    indicator: str | None = None
    field: str | None = None
    row: int | None = None

    @classmethod
    def of(
        cls, code: str, en: str, zh: str, *, fix: str | None = None, fix_zh: str | None = None, **where: object
    ) -> Finding:
        """A finding of a registered code (the severity comes from the registry)."""
        return cls(
            code=code,
            severity=RULES[code].severity,
            message=en,
            message_zh=zh,
            suggestion=fix,
            suggestion_zh=fix_zh,
            **where,
        )  # type: ignore[arg-type]

    def text(self, lang: Lang = "zh") -> str:
        return self.message_zh if lang == "zh" else self.message

    def fix(self, lang: Lang = "zh") -> str | None:
        return self.suggestion_zh if lang == "zh" else self.suggestion

    def location(self, lang: Lang = "zh") -> str:
        line = ("第{}行" if lang == "zh" else "line {}").format(self.row) if self.row is not None else None
        field = _FIELD_ZH.get(self.field or "", self.field) if lang == "zh" else self.field
        parts = [line, self.project, None if self.seq is None else f"#{self.seq}", self.indicator, field]
        return " / ".join(p for p in parts if p) or ("全表" if lang == "zh" else "table")

    def to_dict(self, lang: Lang = "zh") -> dict[str, object]:
        """The JSON-lines form: the message and fix in the chosen language."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.text(lang),
            "suggestion": self.fix(lang),
            "project": self.project,
            "seq": self.seq,
            "indicator": self.indicator,
            "field": self.field,
            "row": self.row,
        }
