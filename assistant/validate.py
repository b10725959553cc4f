"""Step 3 of the pipeline: check an extracted table and return warnings, never raise.

The extractor keeps what the source says, even when it is inconsistent; this module says
what a finance reviewer would question. Every warning has a stable code (documented in
``CODES``), a location (project, indicator seq, field) and a message a clerk can act on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from .schema import BudgetTable, Project
from .taxonomy import LEVEL1, LEVEL2, level1_of

__all__ = ["ValidationWarning", "CODES", "validate_table", "TOLERANCE", "LOW_CONFIDENCE"]

#: amounts are compared to the cent, the precision the tables print
TOLERANCE = Decimal("0.005")
#: below this OCR/LLM confidence a value is flagged for a human look
LOW_CONFIDENCE = 0.8

CODES: dict[str, str] = {
    "AMOUNT_ROW_SUM": "a row's 总计 is not the sum of 财政拨款 + 财政专户拨款 + 其他资金",
    "AMOUNT_UNIT_SUM": "a 资金使用单位's total is not the sum of its projects",
    "AMOUNT_TABLE_SUM": "the 合计 row is not the sum of the units (or of the projects)",
    "AMOUNT_MISSING": "a project has no 总计",
    "CODE_PAIR_MISMATCH": "a level-2 code does not belong to its level-1 code",
    "CODE_UNKNOWN": "a level-1 or level-2 code is not in the category code system",
    "CODE_MISSING": "an indicator has no level-1 or level-2 code",
    "CODE_NAME_MISMATCH": "a code is written with another category's name",
    "NAME_MISSING": "an indicator has no name (三级指标)",
    "VALUE_MISSING": "an indicator has no 实施周期指标值 or no 年度指标值",
    "SEQ_DUPLICATE": "two items of one project carry the same number",
    "SEQ_GAP": "item numbers skip or do not start at 1",
    "PROJECT_DUPLICATE": "the same project appears twice",
    "INDICATORS_MISSING": "a non-classified project has no indicators",
    "GOAL_MISSING": "a non-classified project has no 绩效目标",
    "LOW_CONFIDENCE": "a value was read with low confidence (OCR or LLM) and needs a human look",
}


@dataclass(frozen=True, slots=True)
class ValidationWarning:
    """One finding. ``seq`` and ``field`` are None when the warning is about a whole row."""

    code: str
    message: str
    project: str | None = None
    seq: int | None = None
    field: str | None = None
    row: int | None = None

    def location(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"line {self.row}")
        if self.project:
            parts.append(self.project)
        if self.seq is not None:
            parts.append(f"#{self.seq}")
        if self.field:
            parts.append(self.field)
        return " / ".join(parts) or "table"

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "project": self.project,
                "seq": self.seq, "field": self.field, "row": self.row}


def _row(project: Project) -> int | None:
    span = project.spans.get("name")
    return span.row if span else None


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE


def _money(value: Decimal | None) -> str:
    return "空" if value is None else f"{value:,.2f}"


def _check_amounts(table: BudgetTable, out: list[ValidationWarning]) -> None:
    rows = [(u.name, u.amounts, u.spans.get("name")) for u in table.units]
    rows += [(p.name, p.amounts, p.spans.get("name")) for p in table.projects()]
    for name, amounts, span in rows:
        parts = amounts.parts_sum()
        if amounts.total is not None and parts is not None and not _close(amounts.total, parts):
            out.append(ValidationWarning("AMOUNT_ROW_SUM",
                               f"总计 {_money(amounts.total)} ≠ 财政拨款 + 财政专户拨款 + 其他资金 = {_money(parts)}",
                               project=name, field="amounts.total", row=span.row if span else None))
    for project in table.projects():
        if project.amounts.total is None:
            out.append(ValidationWarning("AMOUNT_MISSING", "the project has no 总计", project=project.name,
                               field="amounts.total", row=_row(project)))
    unit_totals = []
    for unit in table.units:
        projects = [p.amounts.total for p in unit.projects if p.amounts.total is not None]
        if unit.amounts.total is not None and projects:
            total = sum(projects, Decimal(0))
            unit_totals.append(unit.amounts.total)
            if not _close(unit.amounts.total, total):
                span = unit.spans.get("name")
                out.append(ValidationWarning("AMOUNT_UNIT_SUM",
                                   f"unit total {_money(unit.amounts.total)} ≠ sum of its {len(projects)} projects "
                                   f"{_money(total)} (difference {_money(unit.amounts.total - total)})",
                                   project=unit.name, field="amounts.total", row=span.row if span else None))
    if table.amounts.total is not None:
        units_sum = sum((u.amounts.total for u in table.units if u.amounts.total is not None), Decimal(0))
        projects_sum = sum((p.amounts.total for p in table.projects() if p.amounts.total is not None), Decimal(0))
        against = units_sum if any(u.amounts.total is not None for u in table.units) else projects_sum
        if not _close(table.amounts.total, against):
            span = table.spans.get("amounts.total")
            out.append(ValidationWarning("AMOUNT_TABLE_SUM",
                               f"合计 {_money(table.amounts.total)} ≠ sum below it {_money(against)} "
                               f"(difference {_money(table.amounts.total - against)})",
                               field="amounts.total", row=span.row if span else None))


_VALUE_FIELDS = (("period_value", "实施周期指标值"), ("annual_value", "年度指标值"))


def _check_indicators(project: Project, out: list[ValidationWarning]) -> None:
    row = _row(project)
    # a column missing from the whole project (forms with one 指标值 column) is one finding, not one per item
    absent = {field for field, _ in _VALUE_FIELDS
              if len(project.indicators) > 1 and not any(getattr(i, field) for i in project.indicators)}
    for field, label in _VALUE_FIELDS:
        if field in absent:
            out.append(ValidationWarning("VALUE_MISSING", f"no {label} in any of the {len(project.indicators)} items",
                                         project=project.name, field=field, row=row))
    for ind in project.indicators:
        where = {"project": project.name, "seq": ind.seq, "row": row}
        l1, l2 = ind.level1_code, ind.level2_code
        if not l1 or not l2:
            out.append(ValidationWarning("CODE_MISSING", "the item has no " + ("level-1" if not l1 else "level-2") + " code",
                               field="level1_code" if not l1 else "level2_code", **where))
        if l1 and l1 not in LEVEL1:
            out.append(ValidationWarning("CODE_UNKNOWN", f"level-1 code {l1!r} is not 1, 2 or 3", field="level1_code", **where))
        if l2 and l2 not in LEVEL2:
            out.append(ValidationWarning("CODE_UNKNOWN", f"level-2 code {l2!r} is not in the code system",
                               field="level2_code", **where))
        if l1 in LEVEL1 and l2 in LEVEL2 and level1_of(l2) != l1:
            parent = level1_of(l2)
            out.append(ValidationWarning("CODE_PAIR_MISMATCH",
                               f"{l2}-{ind.level2_name or LEVEL2[l2]} belongs under {parent}-{LEVEL1[parent]}, "
                               f"not {l1}-{ind.level1_name or LEVEL1[l1]}; kept as written",
                               field="level2_code", **where))
        if l1 in LEVEL1 and ind.level1_name and ind.level1_name != LEVEL1[l1]:
            out.append(ValidationWarning("CODE_NAME_MISMATCH", f"code {l1} is {LEVEL1[l1]}, written as {ind.level1_name}",
                               field="level1_name", **where))
        if not ind.name:
            out.append(ValidationWarning("NAME_MISSING", "the item has no indicator name", field="name", **where))
        for field, label in _VALUE_FIELDS:
            if field not in absent and not getattr(ind, field):
                out.append(ValidationWarning("VALUE_MISSING", f"no {label}", field=field, **where))
        for field, span in ind.spans.items():
            if span.confidence is not None and span.confidence < LOW_CONFIDENCE:
                out.append(ValidationWarning("LOW_CONFIDENCE", f"read with confidence {span.confidence:.2f}: check it",
                                   field=field, **where))
    seqs = [i.seq for i in project.indicators if i.seq is not None]
    for seq, count in Counter(seqs).items():
        if count > 1:
            out.append(ValidationWarning("SEQ_DUPLICATE", f"item number {seq} appears {count} times",
                               project=project.name, seq=seq, field="seq", row=row))
    if seqs and sorted(set(seqs)) != list(range(1, len(set(seqs)) + 1)):
        missing = sorted(set(range(1, max(seqs) + 1)) - set(seqs))
        out.append(ValidationWarning("SEQ_GAP", f"item numbers {seqs} skip {missing or 'the start'}",
                           project=project.name, field="seq", row=row))


def validate_table(table: BudgetTable) -> list[ValidationWarning]:
    """Every warning for the table, in a stable order (amounts first, then project by project)."""
    out: list[ValidationWarning] = []
    _check_amounts(table, out)
    seen: Counter[str] = Counter()
    for project in table.projects():
        row = _row(project)
        if not project.classified:
            seen[project.name] += 1
            if seen[project.name] == 2:
                out.append(ValidationWarning("PROJECT_DUPLICATE", "this project name appears more than once",
                                   project=project.name, row=row))
            if not project.goal:
                out.append(ValidationWarning("GOAL_MISSING", "no 绩效目标", project=project.name, field="goal", row=row))
            if not project.indicators:
                out.append(ValidationWarning("INDICATORS_MISSING", "no 绩效指标 items", project=project.name,
                                   field="indicators", row=row))
        _check_indicators(project, out)
        for field, span in project.spans.items():
            if span.confidence is not None and span.confidence < LOW_CONFIDENCE:
                out.append(ValidationWarning("LOW_CONFIDENCE", f"read with confidence {span.confidence:.2f}: check it",
                                             project=project.name, field=field, row=row))
    out += _stored_flags(table)
    return out


def _stored_flags(table: BudgetTable) -> list[ValidationWarning]:
    """LOW_CONFIDENCE from the flags an output keeps under meta when it was written without spans."""
    from .llm.flags import _has_spans, flags_of

    if _has_spans(table):
        return []  # read from the spans above
    out = []
    for flag in flags_of(table):
        conf = flag.get("confidence")
        how = f"confidence {conf:.2f}" if isinstance(conf, (int, float)) else "no confidence"
        out.append(ValidationWarning(
            "LOW_CONFIDENCE", f"read with {how} ({flag.get('alignment')} in the source): check it",
            project=flag.get("name") if "project" in flag else None, seq=flag.get("seq"),
            field=flag.get("field"), row=flag.get("row")))
    return out
