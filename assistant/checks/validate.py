"""The ``validate`` view: was the table read correctly, and is it consistent with itself?

The extractor keeps what the source says, even when it is inconsistent; these checks say
what a finance reviewer would question: amounts that do not add up, codes, missing values,
numbering, and every value read with low confidence (OCR, LLM) or not found in its source.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ..schema import MONEY_TOLERANCE, BudgetTable, Project
from ..taxonomy import LEVEL1
from .findings import Finding
from .indicators import code_findings, missing_value_findings

__all__ = ["validate_table", "LOW_CONFIDENCE"]

#: below this OCR/LLM confidence a value is flagged for a human look
LOW_CONFIDENCE = 0.8


def _row(project: Project) -> int | None:
    span = project.spans.get("name")
    return span.row if span else None


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= MONEY_TOLERANCE


def _money(value: Decimal | None) -> str:
    return "空" if value is None else f"{value:,.2f}"


def _check_amounts(table: BudgetTable, out: list[Finding]) -> None:
    rows = [(u.name, u.amounts, u.spans.get("name")) for u in table.units]
    rows += [(p.name, p.amounts, p.spans.get("name")) for p in table.projects()]
    for name, amounts, span in rows:
        parts = amounts.parts_sum()
        if amounts.total is not None and parts is not None and not _close(amounts.total, parts):
            detail = f"{_money(amounts.total)} ≠ 财政拨款 + 财政专户拨款 + 其他资金 = {_money(parts)}"
            out.append(
                Finding.of(
                    "AMOUNT_ROW_SUM",
                    f"总计 {detail}",
                    f"总计 {detail}",
                    project=name,
                    field="amounts.total",
                    row=span.row if span else None,
                )
            )
    for project in table.projects():
        if project.amounts.total is None:
            out.append(
                Finding.of(
                    "AMOUNT_MISSING",
                    "the project has no 总计",
                    "项目没有总计金额",
                    project=project.name,
                    field="amounts.total",
                    row=_row(project),
                )
            )
    for unit in table.units:
        projects = [p.amounts.total for p in unit.projects if p.amounts.total is not None]
        if unit.amounts.total is not None and projects:
            total = sum(projects, Decimal(0))
            if not _close(unit.amounts.total, total):
                span = unit.spans.get("name")
                diff = _money(unit.amounts.total - total)
                out.append(
                    Finding.of(
                        "AMOUNT_UNIT_SUM",
                        f"unit total {_money(unit.amounts.total)} ≠ sum of its {len(projects)} projects {_money(total)} "
                        f"(difference {diff})",
                        f"单位金额 {_money(unit.amounts.total)} ≠ 其 {len(projects)} 个项目之和 {_money(total)}（相差 {diff}）",
                        project=unit.name,
                        field="amounts.total",
                        row=span.row if span else None,
                    )
                )
    if table.amounts.total is not None:
        units_sum = sum((u.amounts.total for u in table.units if u.amounts.total is not None), Decimal(0))
        projects_sum = sum((p.amounts.total for p in table.projects() if p.amounts.total is not None), Decimal(0))
        against = units_sum if any(u.amounts.total is not None for u in table.units) else projects_sum
        if not _close(table.amounts.total, against):
            span = table.spans.get("amounts.total")
            diff = _money(table.amounts.total - against)
            out.append(
                Finding.of(
                    "AMOUNT_TABLE_SUM",
                    f"合计 {_money(table.amounts.total)} ≠ sum below it {_money(against)} (difference {diff})",
                    f"合计 {_money(table.amounts.total)} ≠ 下方各行之和 {_money(against)}（相差 {diff}）",
                    field="amounts.total",
                    row=span.row if span else None,
                )
            )


def _confidence_findings(spans: dict, **where: object) -> list[Finding]:
    out = []
    for field, span in spans.items():
        if span.alignment == "ungrounded":
            out.append(
                Finding.of(
                    "LOW_CONFIDENCE",
                    "not found in its source cell: check it",
                    "原文中找不到此值，请核对",
                    field=field,
                    **where,
                )
            )
        elif span.confidence is not None and span.confidence < LOW_CONFIDENCE:
            out.append(
                Finding.of(
                    "LOW_CONFIDENCE",
                    f"read with confidence {span.confidence:.2f}: check it",
                    f"识别置信度 {span.confidence:.2f}，请核对",
                    field=field,
                    **where,
                )
            )
    return out


def _check_indicators(project: Project, out: list[Finding]) -> None:
    row = _row(project)
    out.extend(
        missing_value_findings(
            project, lambda ind: {"project": project.name, "row": row} | ({"seq": ind.seq} if ind is not None else {})
        )
    )
    for ind in project.indicators:
        where = {"project": project.name, "seq": ind.seq, "row": row}
        out.extend(code_findings(ind, **where))
        l1 = ind.level1_code
        if l1 in LEVEL1 and ind.level1_name and ind.level1_name != LEVEL1[l1]:
            out.append(
                Finding.of(
                    "CODE_NAME_MISMATCH",
                    f"code {l1} is {LEVEL1[l1]}, written as {ind.level1_name}",
                    f"代码 {l1} 是{LEVEL1[l1]}，却写作{ind.level1_name}",
                    field="level1_name",
                    **where,
                )
            )
        if not ind.name:
            out.append(
                Finding.of("NAME_MISSING", "the item has no indicator name", "该项没有指标名称", field="name", **where)
            )
        out.extend(_confidence_findings(ind.spans, **where))
    seqs = [i.seq for i in project.indicators if i.seq is not None]
    for seq, count in Counter(seqs).items():
        if count > 1:
            out.append(
                Finding.of(
                    "SEQ_DUPLICATE",
                    f"item number {seq} appears {count} times",
                    f"序号 {seq} 出现了 {count} 次",
                    project=project.name,
                    seq=seq,
                    field="seq",
                    row=row,
                )
            )
    if seqs and sorted(set(seqs)) != list(range(1, len(set(seqs)) + 1)):
        missing = sorted(set(range(1, max(seqs) + 1)) - set(seqs))
        out.append(
            Finding.of(
                "SEQ_GAP",
                f"item numbers {seqs} skip {missing or 'the start'}",
                f"序号 {seqs} 缺少 {missing or '起始序号'}",
                project=project.name,
                field="seq",
                row=row,
            )
        )


def validate_table(table: BudgetTable) -> list[Finding]:
    """Every finding for the table, in a stable order (amounts first, then project by project)."""
    out: list[Finding] = []
    _check_amounts(table, out)
    seen: Counter[str] = Counter()
    for project in table.projects():
        row = _row(project)
        if not project.classified:
            seen[project.name] += 1
            if seen[project.name] == 2:
                out.append(
                    Finding.of(
                        "PROJECT_DUPLICATE",
                        "this project name appears more than once",
                        "该项目名称出现不止一次",
                        project=project.name,
                        row=row,
                    )
                )
            if not project.goal:
                out.append(
                    Finding.of(
                        "GOAL_MISSING", "no 绩效目标", "缺少绩效目标", project=project.name, field="goal", row=row
                    )
                )
            if not project.indicators:
                out.append(
                    Finding.of(
                        "INDICATORS_MISSING",
                        "no 绩效指标 items",
                        "没有绩效指标",
                        project=project.name,
                        field="indicators",
                        row=row,
                    )
                )
        _check_indicators(project, out)
        out.extend(_confidence_findings(project.spans, project=project.name, row=row))
    out.extend(_stored_flags(table))
    return out


def _stored_flags(table: BudgetTable) -> list[Finding]:
    """LOW_CONFIDENCE from the flags an output keeps under ``meta`` when written without spans
    (see :mod:`assistant.llm.flags`); a table with spans was checked above."""
    from ..llm.flags import flags_of, has_spans

    if has_spans(table):
        return []
    out = []
    for flag in flags_of(table):
        conf = flag.get("confidence")
        en = (
            f"read with confidence {conf:.2f} ({flag.get('alignment')} in the source): check it"
            if isinstance(conf, (int, float))
            else "not found in its source cell: check it"
        )
        zh = (
            f"识别置信度 {conf:.2f}（原文{'中找不到' if flag.get('alignment') == 'ungrounded' else '匹配不确定'}），请核对"
            if isinstance(conf, (int, float))
            else "原文中找不到此值，请核对"
        )
        out.append(
            Finding.of(
                "LOW_CONFIDENCE",
                en,
                zh,
                project=flag.get("name") if "project" in flag else None,
                seq=flag.get("seq"),
                field=flag.get("field"),
                row=flag.get("row"),
            )
        )
    return out
