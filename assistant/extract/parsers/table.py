"""The rule-based extractor: the embedded default that needs no model and no network.

Rows are understood by what their cells mean, not by where they sit: PDF text drops
empty columns, so a row may have six cells instead of seven. The first cell is the name;
the cells after it that read as numbers (or are empty) are the money columns; the cell
that holds numbered indicator items is 绩效指标 and the text cell before it is 绩效目标.
Header lines, the 合计 row, 资金使用单位 subtotal rows and 涉密项目 rows are recognised by
their words. A row that cannot be understood becomes a :class:`Failure` with its line
number and raw text; every other row is still extracted.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass

from ...errors import InputError
from ...ingest.cellgrid import is_department_header
from ...ingest.document import Cell, Document, Row
from ...ingest.reflow import PAGE_MARK
from ...messages import msg
from ...schema import (
    AMOUNT_FIELDS,
    AMOUNT_TEXT,
    Amounts,
    BudgetTable,
    Failure,
    Indicator,
    Project,
    RunMeta,
    Span,
    Unit,
    amount_problem,
)
from ...textnorm import fold as _fold
from ...textnorm import fold_whitespace, strip_markup
from ..assemble import TableAssembler
from .grammar import ParsedItem, Piece, fold_landmarks, looks_like_indicators, parse_indicator_cell
from .sections import has_level_sections, read_sections

__all__ = ["extract_table", "extract_document_rows", "RowParse"]

_NUMBERISH = re.compile(r"^[\d,.，．\s+\-a-zA-Z]{1,24}$")
_CLASSIFIED = "涉密项目"
#: confidence given to an amount read through OCR look-alikes, low enough to be flagged for review
OCR_LOOKALIKE_CONFIDENCE = 0.5
#: a letter or stroke that OCR reads for a digit, standing next to a digit (1O0%, 6O分, 丨2, lO0)
LOOKALIKE_DIGIT = re.compile(r"(?<=\d)[OoIl丨]|[OoIl丨](?=\d)")
_TITLE = re.compile(r"绩效目标表|绩效目标申报表|绩效目标批复表")
_DEPARTMENT = re.compile(r"^\s*(?:部门名称|预算部门|主管部门)\s*[:：]\s*(?P<name>.+?)\s*$")
_CURRENCY = re.compile(r"^\s*(?:金额)?单位\s*[:：]\s*(?P<unit>\S+)\s*$")
_DEPT_SUFFIX = re.compile(r"[（(]部门[）)]$")


@dataclass(slots=True)
class RowParse:
    """What one body row turned out to be; the LLM chain uses this to pick rows to re-read."""

    row: Row
    kind: str  # "total" | "unit" | "project" | "unknown"
    project: Project | None = None
    failures: list[Failure] | None = None


def _strip_cell(cell: Cell) -> tuple[str, int, int]:
    """Cell text without markup-only padding and surrounding white space, with its bounds."""
    text = cell.text
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[start:end], start, end


def _is_classified(text: str) -> bool:
    """A cell that reads 涉密项目 (short cells only: folding a long goal costs time for nothing)."""
    return len(text) < 40 and _fold(strip_markup(text)) == _CLASSIFIED


def _is_header(texts: list[str]) -> bool:
    # cheap test first (this runs on every row), then the one definition of the header
    return "项目" in "".join(texts) and is_department_header(texts)


def _money_cells(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Split the cells after the name into (money cells, the rest)."""
    money: list[Cell] = []
    i = 0
    while i < len(cells) and len(money) < len(AMOUNT_FIELDS):
        folded = fold_landmarks(unicodedata.normalize("NFKC", cells[i].text).strip())
        if (
            folded == ""
            or AMOUNT_TEXT.match(folded)
            or (_NUMBERISH.match(folded) and any(ch.isdigit() for ch in folded))
        ):
            money.append(cells[i])
            i += 1
        else:
            break
    # trailing empty cells belong to the goal/indicator columns when the row has them
    rest = cells[i:]
    return money, rest


def _read_amounts(money: list[Cell], source: str, row: Row, spans: dict[str, Span], failures: list[Failure]) -> Amounts:
    values: dict[str, object] = {}
    nonempty = [c for c in money if c.text.strip()]
    fields = list(AMOUNT_FIELDS)
    if len(money) < len(AMOUNT_FIELDS) and len(nonempty) > 2:
        failures.append(
            Failure(
                source=source,
                row=row.line,
                field="amounts",
                message=msg("AMOUNTS_COLUMN_DROPPED", cells=len(money), filled=len(nonempty)),
                raw=row.raw,
            )
        )
    for field_name, cell in zip(fields, money):
        text = unicodedata.normalize("NFKC", cell.text).strip()
        if not text:
            values[field_name] = None
            continue
        guessed = False
        if not AMOUNT_TEXT.match(text) and AMOUNT_TEXT.match(fold_landmarks(text)):
            # a money cell with OCR's digit look-alikes (O for 0, l for 1): read it, but flag it
            text, guessed = fold_landmarks(text), True
        problem = None if AMOUNT_TEXT.match(text) else msg("NOT_AN_AMOUNT", text=cell.text.strip()[:60])
        problem = problem or amount_problem(text)  # too many digits for an amount
        if problem:
            failures.append(
                Failure(source=source, row=row.line, field=f"amounts.{field_name}", message=problem, raw=row.raw)
            )
            values[field_name] = None
            continue
        values[field_name] = text
        _, a, b = _strip_cell(cell)
        span = cell.span(a, b)
        if guessed:
            span.confidence = min(span.confidence or 1.0, OCR_LOOKALIKE_CONFIDENCE)
        spans[f"amounts.{field_name}"] = span
    return Amounts.model_validate(values)


def _piece_span(cell: Cell, offset: int, piece: Piece | None) -> Span | None:
    if piece is None:
        return None
    return cell.span(offset + piece.start, offset + piece.end)


def _indicator(item: ParsedItem, cell: Cell, offset: int) -> Indicator:
    fields: dict[str, object] = {}
    spans: dict[str, Span] = {}
    for name in ("level1_code", "level1_name", "level2_code", "level2_name", "name", "period_value", "annual_value"):
        piece: Piece | None = getattr(item, name)
        fields[name] = piece.text.strip() if piece else None
        span = _piece_span(cell, offset, piece)
        if span is not None:
            if name in ("name", "period_value", "annual_value") and piece and LOOKALIKE_DIGIT.search(piece.text):
                # kept as written (1O0%, 丨2), but a letter among digits is what OCR makes of a digit: flag it
                span.confidence = min(span.confidence or 1.0, OCR_LOOKALIKE_CONFIDENCE)
            spans[name] = span
    fields["seq"] = int(item.seq.text) if item.seq else None
    if item.seq:
        spans["seq"] = cell.span(offset + item.seq.start, offset + item.seq.end)
    return Indicator(**fields, spans=spans)


def _parse_project(
    name: str,
    name_span: Span,
    amounts: Amounts,
    spans: dict[str, Span],
    text_cells: list[Cell],
    row: Row,
    source: str,
    failures: list[Failure],
) -> Project:
    goal_cell: Cell | None = None
    indicator_cell: Cell | None = None
    filled = [c for c in text_cells if c.text.strip()]
    for cell in reversed(filled):
        if looks_like_indicators(cell.text) or _is_classified(cell.text):
            indicator_cell = cell
            break
    others = [c for c in filled if c is not indicator_cell]
    if others:
        goal_cell = others[0]
        if len(others) > 1:
            failures.append(
                Failure(
                    source=source,
                    row=row.line,
                    field="绩效目标",
                    message=msg("GOAL_SEVERAL_CELLS", count=len(others)),
                    raw=row.raw,
                )
            )
    spans = {"name": name_span, **spans}
    goal_text = fold_whitespace(strip_markup(goal_cell.text)) if goal_cell else None
    classified = (
        _is_classified(name)
        or goal_text == _CLASSIFIED
        or (indicator_cell is not None and _is_classified(indicator_cell.text))
    )
    if classified:
        return Project(name=name, classified=True, amounts=amounts, goal=None, indicators=[], spans=spans)
    if goal_cell is not None:
        _, a, b = _strip_cell(goal_cell)
        spans["goal"] = goal_cell.span(a, b)
    indicators: list[Indicator] = []
    if indicator_cell is None and goal_cell is not None and has_level_sections(goal_cell.text):
        goal_text = _read_sections(goal_cell, spans, indicators, row, source, failures)
    if indicator_cell is not None:
        _, a, b = _strip_cell(indicator_cell)
        spans["indicators"] = indicator_cell.span(a, b)
        items, head = parse_indicator_cell(indicator_cell.text)
        if head and items:
            failures.append(
                Failure(
                    source=source,
                    row=row.line,
                    field="绩效指标",
                    message=msg("INDICATORS_HEAD_NOT_READ", text=head[:60]),
                    raw=row.raw,
                )
            )
        if not items:
            failures.append(
                Failure(
                    source=source,
                    row=row.line,
                    field="绩效指标",
                    message=msg("INDICATORS_NONE_NUMBERED"),
                    raw=row.raw,
                )
            )
        for item in items:
            label = item.seq.text if item.seq else "?"
            failures.extend(
                Failure(source=source, row=row.line, field=f"绩效指标 #{label}", message=problem, raw=row.raw)
                for problem in item.problems
            )
            indicators.append(_indicator(item, indicator_cell, 0))
    return Project(
        name=name, classified=False, amounts=amounts, goal=goal_text or None, indicators=indicators, spans=spans
    )


def _read_sections(
    cell: Cell, spans: dict[str, Span], indicators: list[Indicator], row: Row, source: str, failures: list[Failure]
) -> str | None:
    """A text cell in 【总体目标】 / 【产出指标-数量指标】 sections: its goal and its items."""
    goal, items, problems = read_sections(cell.text)
    failures.extend(Failure(source=source, row=row.line, field="绩效指标", message=p, raw=row.raw) for p in problems)
    spans.pop("goal", None)
    goal_text = None
    if goal is not None:
        goal_text = fold_whitespace(strip_markup(cell.text[goal[0] : goal[1]])) or None
        spans["goal"] = cell.span(*goal)
    else:
        failures.append(
            Failure(
                source=source,
                row=row.line,
                field="绩效目标",
                raw=row.raw,
                message=msg("SECTIONS_NO_GOAL"),
            )
        )
    for item in items:
        seq = len(indicators) + 1
        fields: dict[str, object] = {
            "seq": seq,
            "level1_name": item.level1_name,
            "level1_code": item.level1_code,
            "level2_name": item.level2_name,
            "level2_code": item.level2_code,
            "name": fold_whitespace(cell.text[item.name[0] : item.name[1]]),
            "annual_value": fold_whitespace(cell.text[item.value[0] : item.value[1]]) if item.value else None,
        }
        item_spans = {
            "name": cell.span(*item.name),
            "level1_name": cell.span(*item.level1_span),
            "level2_name": cell.span(*item.level2_span),
        }
        if item.value:
            item_spans["annual_value"] = cell.span(*item.value)
        failures.extend(
            Failure(source=source, row=row.line, field=f"绩效指标 #{seq}", message=p, raw=row.raw)
            for p in item.problems
        )
        indicators.append(Indicator(**fields, spans=item_spans))
    if not items:
        failures.append(
            Failure(
                source=source,
                row=row.line,
                field="绩效指标",
                message=msg("SECTIONS_NO_ITEMS"),
                raw=row.raw,
            )
        )
    return goal_text


def _preamble(text: str, table: BudgetTable, cell: Cell) -> bool:
    """Title / 部门名称 / 单位 lines (also when a PDF repeats them on every page)."""
    if m := _DEPARTMENT.match(text):
        if table.department is None:
            table.department = _DEPT_SUFFIX.sub("", m.group("name")).strip()
            table.spans["department"] = cell.span()
        return True
    if m := _CURRENCY.match(text):
        if "currency_unit" not in table.spans:
            table.currency_unit = m.group("unit")
            table.spans["currency_unit"] = cell.span()
        return True
    if _TITLE.search(text):
        if table.title is None:
            table.title = text.strip()
            table.spans["title"] = cell.span()
        return True
    # page numbers: a marked one, or a bare number alone on its line (never a table row)
    return bool(PAGE_MARK.match(text)) or (text.strip().isdigit() and len(text.strip()) <= 3)


def extract_document_rows(doc: Document) -> tuple[BudgetTable, list[RowParse]]:
    """Extract a table and say, row by row, what each body row was read as.

    Raises:
        InputError: nothing in the document looks like a 项目支出绩效目标表.
    """
    with _gc_paused():
        return _extract_rows(doc)


def _extract_rows(doc: Document) -> tuple[BudgetTable, list[RowParse]]:
    table = BudgetTable(meta=RunMeta(source=doc.source, encoding=doc.encoding, layout=doc.layout, backend="rules"))
    parses: list[RowParse] = []
    header_seen = False
    assembler = TableAssembler(table)

    for row in doc.rows:
        texts = [c.text for c in row.cells]
        nonempty = [t for t in texts if t.strip()]
        if not nonempty:
            continue
        if _is_header(texts):
            header_seen = True
            continue
        first = row.cells[0]
        name, a, b = _strip_cell(first)
        name = fold_whitespace(strip_markup(name))
        if len(nonempty) == 1 and first.text.strip():
            if _preamble(nonempty[0], table, first) or not header_seen:
                continue  # header lines, page marks, or notes above the table
        if len(nonempty) == 1 and len(row.cells) <= 2 or not name:
            failure = Failure(
                source=doc.source,
                row=row.line,
                field="row",
                message=msg("ROW_NOT_A_TABLE_ROW"),
                raw=row.raw,
            )
            table.failures.append(failure)
            parses.append(RowParse(row, "unknown", failures=[failure]))
            continue

        failures: list[Failure] = []
        spans: dict[str, Span] = {}
        money, rest = _money_cells(row.cells[1:])
        if not money or not any(c.text.strip() for c in money):
            failure = Failure(source=doc.source, row=row.line, field="总计", message=msg("ROW_NO_AMOUNTS"), raw=row.raw)
            table.failures.append(failure)
            parses.append(RowParse(row, "unknown", failures=[failure]))
            continue
        amounts = _read_amounts(money, doc.source, row, spans, failures)
        name_span = first.span(a, b)
        has_text = any(c.text.strip() for c in rest)
        folded_name = _fold(name)

        if folded_name in ("合计", "总计"):
            assembler.total(amounts)
            table.spans.update({f"amounts.{k.split('.', 1)[1]}": v for k, v in spans.items()})
            parses.append(RowParse(row, "total", failures=failures))
        elif not has_text and folded_name != _CLASSIFIED:
            assembler.unit(Unit(name=name, amounts=amounts, spans={"name": name_span, **spans}))
            parses.append(RowParse(row, "unit", failures=failures))
        else:
            project = _parse_project(name, name_span, amounts, spans, rest, row, doc.source, failures)
            assembler.project(project)
            parses.append(RowParse(row, "project", project=project, failures=failures))
        table.failures.extend(failures)

    assembler.finish()
    # without a header row, only a 合计 row or numbered indicator items show that this is a budget
    # table: rows of a name and a number (an English CSV, a price list) must not become projects
    evidence = table.amounts.total is not None or any(p.indicators for p in table.projects())
    if not header_seen and (not table.units or not evidence):
        raise InputError(doc.source, msg("NO_TABLE"))
    return table, parses


def extract_table(doc: Document) -> BudgetTable:
    """Extract a :class:`BudgetTable` from a document with the rules.

    Raises:
        InputError: nothing in the document looks like a 项目支出绩效目标表.
    """
    return extract_document_rows(doc)[0]


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while records are built.

    Extraction allocates one small object per value and creates no reference cycles; on
    large tables CPython's generational collector rescans them again and again, which
    cost a third of the run time. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
