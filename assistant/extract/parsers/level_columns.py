"""Department tables with one indicator per row and the levels in columns:

    单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | …

The project's cells (unit, name, amount, goal) are merged down its indicator rows, so in
flattened text they show on the project's first row only; a row whose cells start at the
一级 label continues the project above. A row with a code-prefixed name and an amount but no
indicator (``820-马踏镇部门 | 8,827,620.53``) above the first project is the department's
total. Cells are read from the 一级 label on (labels, name, values by column) and, before it,
right-aligned to the project columns (a unit written once leaves its cell out below).

No silent guesses: a row that is neither, more project cells than columns, more value
cells than value columns, an amount that is not a number: each is a failure naming the
field, and the rest of the table is still read.
"""

from __future__ import annotations

import re

from ...ingest.document import Document
from ...messages import Msg, msg
from ...schema import Amounts, BudgetTable, Failure, Indicator, Project, RunMeta, Span, Unit, amount_problem
from ...taxonomy import code_for_level2_name
from ...textnorm import fold_whitespace
from ..assemble import TableAssembler
from .form.grid import _value_targets
from .form.labels import (
    _AMOUNT_TEXT,
    _COMPARATOR,
    _CURRENCY,
    _TITLE,
    _as_written,
    _bare,
    _ends_grid,
    _fold,
    _is_header_word,
    _key_field,
    _level1_code,
    _level1_label,
    _level2_word,
)
from .form.tokens import Token, _by_lines, _separation, _tokens

__all__ = ["looks_like_level_columns", "extract_level_columns"]

_CODE = re.compile(r"^\s*\[?\d{3,}\]?\s*[-－—]?\s*")
_LEAD = {
    "单位名称": "unit",
    "单位": "unit",
    "预算单位": "unit",
    "部门名称": "unit",
    "项目名称": "name",
    "年度目标": "goal",
    "绩效目标": "goal",
    "年度绩效目标": "goal",
    "总体目标": "goal",
}


def _lead_field(text: str) -> str | None:
    bare = _bare(text)
    if bare in _LEAD:
        return _LEAD[bare]
    field = _key_field(text)
    return "total" if field in ("total", "total_fiscal") else ("name" if field == "name" else None)


def _header(rows: list[list[Token]]) -> tuple[int, list[Token], int] | None:
    """(row index, header tokens, index of the 一级 (or 二级) column) of a header row that
    names the project columns and the level columns together."""
    for r, row in enumerate(rows):
        tokens = [t for t in row if t.text]
        words = [_bare(t.text) for t in tokens]
        if "三级指标" not in words or "项目名称" not in words:
            continue
        level = next((i for i, w in enumerate(words) if w in ("一级指标", "二级指标")), None)
        first = words.index("项目名称")
        # a header row: nothing but column captions from 项目名称 to the level columns (a form's
        # 项目名称 is followed by its value instead)
        if (
            level is not None
            and first < level
            and all(_lead_field(t.text) or _is_header_word(t.text) for t in tokens[first:level])
        ):
            start = first
            while start > 0 and _lead_field(tokens[start - 1].text):  # 单位名称 before 项目名称
                start -= 1
            return r, tokens[start:], level - start
    return None


def _rows(doc: Document) -> list[list[Token]]:
    """Token rows: cells, ``|`` columns, or (space-separated text) pieces between spaces."""
    separation = _separation(doc)
    return _tokens(doc, separation if separation == "spaces" else None)


def looks_like_level_columns(doc: Document) -> bool:
    return _header(_rows(_by_lines(doc) if doc.layout == "reflowed" else doc)) is not None


def extract_level_columns(doc: Document) -> BudgetTable:
    if doc.layout == "reflowed":
        doc = _by_lines(doc)
    rows = _rows(doc)
    found = _header(rows)
    assert found is not None, "call looks_like_level_columns first"
    r0, header, level_at = found
    lead = [_lead_field(t.text) for t in header[:level_at]]
    columns = [_bare(t.text) for t in header[level_at:]]
    has_l1 = columns[0] == "一级指标"
    name_at = columns.index("三级指标")
    value_headers = columns[name_at + 1 :]
    targets = _value_targets(value_headers or ["指标值"])
    failures: list[Failure] = []
    title = next(
        (fold_whitespace(t.text) for row in rows[:r0] for t in row if t.text and _TITLE.search(_fold(t.text))), None
    )
    currency = next(
        (m.group(1) or m.group(2) for row in rows[:r0] for t in row if (m := _CURRENCY.search(_fold(t.text)))), "万元"
    )
    meta = RunMeta(
        source=doc.source,
        encoding=doc.encoding,
        layout=doc.layout,
        backend="rules",
        extra={"kind": "department table, levels in columns"},
    )
    table = BudgetTable(title=title, currency_unit=currency, meta=meta)
    assembler = TableAssembler(table)  # units and projects grouped as every backend groups them
    project: Project | None = None

    def fail(token: Token, field: str, message: Msg) -> None:
        failures.append(
            Failure(
                source=doc.source,
                row=doc.rows[token.row].line,
                field=field,
                message=message,
                raw=doc.rows[token.row].raw[:200],
            )
        )

    def amount(token: Token | None, field: str) -> Amounts:
        if token is None:
            return Amounts()
        text = _fold(token.text).replace("，", ",")
        if _AMOUNT_TEXT.match(text) and (problem := amount_problem(text.replace(",", ""))) is None:
            return Amounts.model_validate({"total": text.replace(",", "")})
        if _AMOUNT_TEXT.match(text):
            fail(token, field, problem)
            return Amounts()
        if text not in ("", "—", "-", "/"):
            fail(token, field, msg("AMOUNT_NOT_NUMBER", text=repr(token.text)))
        return Amounts()

    for row in rows[r0 + 1 :]:
        cells = [t for t in row if t.text]
        if not cells:
            continue
        if _ends_grid(cells[0].text) or all(_is_header_word(t.text) for t in cells):
            if _ends_grid(cells[0].text):
                break
            continue
        start = next(
            (i for i, t in enumerate(cells) if (_level1_label(t.text) if has_l1 else _level2_word(t.text))), None
        )
        if start is None:
            money = [t for t in cells if _AMOUNT_TEXT.match(_fold(t.text))]
            if project is None and not table.units and len(cells) == 2 and len(money) == 1 and cells[1] is money[0]:
                table.department = _CODE.sub("", cells[0].text).strip() or None  # 820-马踏镇部门 | 8,827,620.53
                assembler.total(amount(money[0], "amounts.total"))
            else:
                fail(
                    cells[0],
                    "绩效指标",
                    msg(
                        "LEVELS_ROW_NO_LABEL",
                        level="一级" if has_l1 else "二级",
                        text=" | ".join(t.text for t in cells)[:60],
                    ),
                )
            continue
        head, rest = cells[:start], cells[start:]
        if head:
            if len(head) > len(lead):
                fail(
                    head[0],
                    "项目名称",
                    msg("LEVELS_TOO_MANY_PROJECT_CELLS", cells=len(head), columns=len(lead)),
                )
                project = None
                continue
            placed = dict(zip(lead[len(lead) - len(head) :], head))
            if "unit" in placed:
                assembler.unit(
                    Unit(
                        name=_CODE.sub("", placed["unit"].text).strip(),
                        amounts=Amounts(),
                        projects=[],
                        spans={"name": placed["unit"].span()},
                    )
                )
            name = placed.get("name")
            if name is None:
                fail(head[0], "项目名称", msg("LEVELS_PROJECT_NO_NAME"))
                project = None
                continue
            goal = placed.get("goal")
            spans: dict[str, Span] = {"name": name.span()}
            if goal is not None:
                spans["goal"] = goal.span()
            if placed.get("total") is not None:
                spans["amounts.total"] = placed["total"].span()
            project = Project(
                name=fold_whitespace(name.text),
                amounts=amount(placed.get("total"), "amounts.total"),
                goal=fold_whitespace(goal.text) if goal is not None else None,
                indicators=[],
                spans=spans,
            )
            assembler.project(project)
        if project is None:
            fail(rest[0], "项目名称", msg("LEVELS_INDICATOR_BEFORE_PROJECT"))
            continue
        project.indicators.append(_indicator(rest, has_l1, name_at, targets, len(project.indicators) + 1, fail))
    assembler.finish()
    if not table.projects():
        failures.append(Failure(source=doc.source, field="项目名称", message=msg("LEVELS_NO_PROJECTS")))
    table.failures = failures
    return table


def _indicator(cells: list[Token], has_l1: bool, name_at: int, targets: list[str | None], seq: int, fail) -> Indicator:
    """One indicator row from its 一级 cell on: labels, the name, the values by column."""
    fields: dict[str, object] = {"seq": seq}
    spans: dict[str, Span] = {}
    pos = 0
    if has_l1:
        fields["level1_name"], fields["level1_code"] = _as_written(cells[0].text), _level1_code(cells[0].text)
        spans["level1_name"] = cells[0].span()
        pos = 1
    if pos < len(cells) and _level2_word(cells[pos].text) and not (name_at == pos and len(cells) == pos + 1):
        fields["level2_name"] = _as_written(cells[pos].text)
        fields["level2_code"] = code_for_level2_name(_bare(cells[pos].text))
        spans["level2_name"] = cells[pos].span()
        pos += 1
    if "level2_code" in fields and "level1_code" not in fields and fields["level2_code"]:
        fields["level1_code"] = str(fields["level2_code"])[0]
    if pos >= len(cells):
        fail(cells[0], f"绩效指标 #{seq} name", msg("INDICATOR_ROW_NO_NAME"))
        return Indicator(**fields, spans=spans)
    fields["name"] = fold_whitespace(cells[pos].text)
    spans["name"] = cells[pos].span()
    values = cells[pos + 1 :]
    if len(values) > len(targets):
        fail(
            values[len(targets)],
            f"绩效指标 #{seq} 指标值",
            msg(
                "LEVELS_EXTRA_VALUES",
                cells=len(values),
                columns=len(targets),
                text=" | ".join(v.text for v in values[len(targets) :])[:60],
            ),
        )
    parts = {"sign": "", "unit": ""}
    for target, value in zip(targets, values):
        if target in parts:
            parts[target] = value.text
        elif target in ("period_value", "annual_value") and target not in fields:
            fields[target] = value.text
            spans[target] = value.span()
    if fields.get("annual_value") and (parts["sign"] or parts["unit"]):
        value = str(fields["annual_value"])
        unit = parts["unit"] if not value.endswith(parts["unit"]) else ""
        sign = parts["sign"] if not _COMPARATOR.match(value) else ""
        fields["annual_value"] = f"{sign}{value}{unit}"
    return Indicator(**fields, spans=spans)
