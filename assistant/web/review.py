"""What the review page shows and changes: findings on fields, values to check, edits.

Every finding of :mod:`assistant.validate` and :mod:`assistant.lint` is placed on the
field it concerns (``indicators.3.annual_value``, ``amounts.total``, ``goal``), with its
Chinese name from :mod:`assistant.i18n`. A value read with low confidence or not found in
the source (an LLM answer) is "to check" until a person confirms or retypes it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from ..checks import LOW_CONFIDENCE, Finding, lint_project, validate_table
from ..i18n import SEVERITIES, field_label, finding_fix, finding_name, finding_text
from ..schema import AMOUNT_FIELDS, INDICATOR_FIELDS, BudgetTable, Indicator, Project, Unit

__all__ = [
    "INDICATOR_EDIT_FIELDS",
    "TABLE_CODES",
    "EditError",
    "FieldFinding",
    "apply_edit",
    "display",
    "fields_to_check",
    "new_indicator",
    "project_findings",
    "source_html",
    "spans_of",
    "table_findings",
]

INDICATOR_EDIT_FIELDS = INDICATOR_FIELDS
PROJECT_EDIT_FIELDS = ("name", "goal", *(f"amounts.{field}" for field in AMOUNT_FIELDS))
#: validate codes about the table as a whole, shown above the projects
TABLE_CODES = ("AMOUNT_UNIT_SUM", "AMOUNT_TABLE_SUM", "PROJECT_DUPLICATE")


@dataclass(frozen=True, slots=True)
class FieldFinding:
    code: str
    severity: str
    name: str  # 中文名称
    explanation: str  # 中文说明
    message: str  # the English message and fix (the tooltip)
    suggestion: str
    path: str  # the field it is on, e.g. indicators.2.annual_value; "" for the whole project
    detail: str = ""  # the finding's own Chinese message: the value, the codes, the numbers

    @property
    def severity_zh(self) -> str:
        return SEVERITIES.get(self.severity, self.severity)

    @property
    def compact_detail(self) -> bool:
        """Beside a field, a value finding's detail only repeats the value shown in it."""
        return not self.code.startswith("VALUE_")

    @property
    def field_zh(self) -> str:
        return field_label(self.path.rsplit(".", 1)[-1] if self.path.startswith("indicators.") else self.path)


def _indicator_index(project: Project, seq: int | None, name: str | None) -> int | None:
    if seq is None:
        return None
    matches = [i for i, ind in enumerate(project.indicators) if ind.seq == seq]
    named = [i for i in matches if name is not None and project.indicators[i].name == name]
    return (named or matches or [None])[0]


def _path(project: Project, seq: int | None, field: str | None, name: str | None = None) -> str:
    index = _indicator_index(project, seq, name)
    if index is None:
        return field or ""
    return f"indicators.{index}.{field}" if field else f"indicators.{index}"


def _mostly_chinese(text: str | None) -> bool:
    """Some fixes come from data files still written in English; those give way to ours."""
    if not text:
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", text)) >= len(re.findall(r"[A-Za-z]", text))


def _field_finding(f: Finding, path: str) -> FieldFinding:
    """A finding as the page shows it: short name, the Chinese message, a Chinese fix."""
    fix = f.suggestion_zh if _mostly_chinese(f.suggestion_zh) else finding_fix(f.code)
    return FieldFinding(
        f.code,
        f.severity,
        finding_name(f.code),
        finding_text(f.code),
        f.message + (f"; fix: {f.suggestion}" if f.suggestion else ""),
        fix,
        path,
        f.message_zh,
    )


def project_findings(project: Project, confirmed: set[str] | frozenset[str] = frozenset()) -> list[FieldFinding]:
    """The validate and lint findings of one project, each on its field; LOW_CONFIDENCE on a
    confirmed field is dropped (a person has looked at it)."""
    alone = BudgetTable(units=[Unit(name="", projects=[project])])
    out: list[FieldFinding] = []
    for f in validate_table(alone):
        if f.code in TABLE_CODES:
            continue
        path = _path(project, f.seq, f.field, f.indicator)
        if f.code == "LOW_CONFIDENCE" and path in confirmed:
            continue
        out.append(_field_finding(f, path))
    seen = {(f.code, f.path) for f in out}
    for f in lint_project(project):
        path = _path(project, f.seq, f.field, f.indicator)
        if (f.code, path) not in seen:  # VALUE_MISSING / CODE_* are raised by both views
            out.append(_field_finding(f, path))
    return out


def table_findings(table: BudgetTable) -> list[FieldFinding]:
    """Findings about the table as a whole (unit and table sums, duplicate projects)."""
    return [
        replace(_field_finding(f, f.field or ""), detail=f"{f.project or '合计'}：{f.message_zh}")
        for f in validate_table(table)
        if f.code in TABLE_CODES
    ]


def spans_of(project: Project) -> dict[str, Any]:
    spans = {k: v for k, v in project.spans.items() if k != "indicators"}
    for i, ind in enumerate(project.indicators):
        spans.update({f"indicators.{i}.{k}": v for k, v in ind.spans.items()})
    return spans


def fields_to_check(project: Project, confirmed: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """Field path -> why it needs a person's look (low OCR/LLM confidence, not found in the source)."""
    out = {}
    for path, span in spans_of(project).items():
        if path in confirmed:
            continue
        if span.alignment == "ungrounded":
            out[path] = "原文中找不到该值（大模型给出），请核对"
        elif span.confidence is not None and span.confidence < LOW_CONFIDENCE:
            out[path] = f"识别置信度 {span.confidence:.2f}，请对照原件核对"
    return out


class EditError(ValueError):
    """An edit that cannot be stored as typed (the message is Chinese, for the clerk)."""


def _money(value: str) -> float | None:
    text = value.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise EditError(f"“{value}”不是金额：请填写数字，如 12.50") from None
    if not number.is_finite():
        raise EditError(f"“{value}”不是金额：请填写数字，如 12.50")
    return float(number)


def display(value: Any) -> str:
    """A stored value as the field shows it."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{Decimal(str(value)):f}"
    return str(value)


def apply_edit(data: dict[str, Any], path: str, value: str) -> tuple[dict[str, Any], str, str]:
    """Set one field of a project's JSON; returns (new data, old text, new text).

    Raises:
        EditError: the path is not an editable field, or the value is not of its kind.
    """
    import copy

    data = copy.deepcopy(data)
    parts = path.split(".")
    if path in PROJECT_EDIT_FIELDS:
        target, key = (data["amounts"], parts[1]) if parts[0] == "amounts" else (data, parts[0])
    elif len(parts) == 3 and parts[0] == "indicators" and parts[1].isdigit() and parts[2] in INDICATOR_EDIT_FIELDS:
        index = int(parts[1])
        if index >= len(data["indicators"]):
            raise EditError("该指标已被删除，请刷新页面")
        target, key = data["indicators"][index], parts[2]
    else:
        raise EditError(f"不能修改字段 {path}")
    old = display(target.get(key))
    if parts[0] == "amounts":
        new_value: Any = _money(value)
    elif key == "seq":
        text = value.strip()
        if text and not text.isdigit():
            raise EditError(f"序号应为正整数，不是“{value}”")
        new_value = int(text) if text else None
    elif key == "name" and len(parts) == 1:
        new_value = value.strip()
        if not new_value:
            raise EditError("项目名称不能为空")
    else:
        new_value = value.strip() or None
    target[key] = new_value
    Project.model_validate(data)  # still a valid record
    return data, old, display(new_value)


def new_indicator(data: dict[str, Any]) -> dict[str, Any]:
    seqs = [i.get("seq") or 0 for i in data["indicators"]]
    return Indicator(seq=max(seqs, default=0) + 1).model_dump(mode="json")


def source_html(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """The source text, escaped, with each (start, end, ref, css class) span wrapped in a <mark>.

    Overlapping spans keep the first (the leaf fields come before the whole-cell ones)."""
    out, pos = [], 0
    for start, end, ref, css in sorted(marks, key=lambda m: (m[0], m[1] - m[0])):
        if start < pos or end <= start or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark id="m-{ref}" data-ref="{ref}" class="{css}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)
