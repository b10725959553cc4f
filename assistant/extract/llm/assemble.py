"""Answered rows -> units and projects, every value grounded in the cell it claims to come from.

Each answered row is placed on the source row of the same name. Its values are looked up
cell by cell, never across the whole row: the name in the name cell, each amount in its
money column (by the header), the goal in one cell, each indicator's texts inside that
item's own ``N、…`` segment of the 绩效指标 cell. A value found only in another cell — say a
number an injected cell told the model to write everywhere — is not grounded.

For layouts without such rows (single-project forms, pasted text) the region is the
chunk's cells, still one cell at a time, and an indicator's values must sit in the row of
its name.

What never enters the records, but goes to ``failures`` with the model's text:

* a unit or project whose name is nowhere in the source (an invented or copied name);
* a value equal to one shown in the prompt's few-shot examples that the source does not
  hold (the model copied the example); the record or item carrying it is dropped, an
  amount is emptied.

Numbers not in their cell are kept, flagged (confidence 0) and listed as failures.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...checks import validate_table
from ...ingest.document import Cell, Document, Row
from ...llm.grounding import (
    Evidence,
    Grounder,
    confidence,
    normalise,
    numbers_in,
    span_for,
)
from ...messages import Msg, msg
from ...schema import (
    AMOUNT_FIELDS,
    AMOUNT_TEXT,
    Amounts,
    BudgetTable,
    Failure,
    Indicator,
    Project,
    Unit,
    amounts_equal,
)
from ...textnorm import texts_equal
from ..assemble import TableAssembler
from .chunking import Chunk, first_cell, split_header

__all__ = ["TableBuilder", "header_fields", "place"]

_ITEM = re.compile(r"(?:^|(?<=[。;；>\s]))(\d{1,3})、")
#: validation codes that mean a misreading (not a fault of the source itself)
MISREAD_CODES = frozenset(
    {
        "AMOUNT_ROW_SUM",
        "AMOUNT_MISSING",
        "CODE_MISSING",
        "CODE_UNKNOWN",
        "NAME_MISSING",
        "VALUE_MISSING",
        "SEQ_DUPLICATE",
        "SEQ_GAP",
        "INDICATORS_MISSING",
        "GOAL_MISSING",
    }
)
_RAW_LIMIT = 2000
_ITEM_FIELDS = ("level1_code", "level1_name", "level2_code", "level2_name", "name", "period_value", "annual_value")
#: forms write no category codes (they follow from the names; the validator checks the pairs)
_FORM_ITEM_FIELDS = ("level1_name", "level2_name", "name", "period_value", "annual_value")


@dataclass(slots=True)
class _Placed:
    """One answered row, the table row it was found at, and the region to ground it in."""

    answer: Any
    chunk: Chunk
    row: Row | None
    chunk_first: Any = None


def _locate(answers: list[tuple[Chunk, Any]]) -> list[_Placed]:
    """Every answered row with the source row it reads (matched by name, in order)."""
    placed: list[_Placed] = []
    for chunk, answer in answers:
        used: set[int] = set()
        for item in answer.rows:
            target = normalise(item.name or "")
            match = None
            for i, row in enumerate(chunk.rows):
                if i not in used and target and normalise(first_cell(row)) == target:
                    match = i
                    break
            if match is None:
                for i, row in enumerate(chunk.rows):
                    if i not in used and target and target in normalise(row.raw):
                        match = i
                        break
            if match is not None:
                used.add(match)
            placed.append(_Placed(item, chunk, chunk.rows[match] if match is not None else None))
    return placed


def _merge_straddling(placed: list[_Placed]) -> list[_Placed]:
    """A project cut between two chunks comes back twice: keep one, with the items of both."""
    out: list[_Placed] = []
    for item in placed:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.chunk is not item.chunk
            and item.answer.kind == "project"
            and prev.answer.kind == "project"
            and item.answer is item.chunk_first
            and item.chunk.continued is not None  # the chunk starts inside a row, not at a new row
            and normalise(item.chunk.continued) == normalise(item.answer.name) == normalise(prev.answer.name)
        ):
            seen = {(i.seq, normalise(i.name or "")) for i in prev.answer.indicators}
            prev.answer.indicators.extend(
                i for i in item.answer.indicators if (i.seq, normalise(i.name or "")) not in seen
            )
            if prev.answer.goal is None:
                prev.answer.goal = item.answer.goal
            continue
        out.append(item)
    return out


def _rank(evidence: Evidence) -> tuple[int, int, float]:
    order = {"exact": 2, "fuzzy": 1, "ungrounded": 0}[evidence.alignment]
    return (order, -len(evidence.invented_numbers), evidence.score)


def amount_columns(doc: Document) -> dict[str, int]:
    """The column of each money field, from the header row (``{}`` when it names none)."""
    header_rows, _ = split_header(doc)
    columns: dict[str, int] = {}
    for cell in header_rows[-1].cells if header_rows else []:
        text = normalise(cell.text)
        if "财政专户" in text:
            columns.setdefault("special_account", cell.col)
        elif "财政拨款" in text:
            columns.setdefault("fiscal", cell.col)
        elif "其他资金" in text:
            columns.setdefault("other", cell.col)
        elif text in ("总计", "合计", "金额", "总额") or text.startswith(("总计", "合计")):
            columns.setdefault("total", cell.col)
    return columns


def _is_money(cell: Cell) -> bool:
    return bool(AMOUNT_TEXT.match(unicodedata.normalize("NFKC", cell.text).strip()))


class _Grounding:
    """Grounds answered rows in the document, cell by cell, and records the evidence per field."""

    def __init__(
        self,
        doc: Document,
        examples: tuple[frozenset[str], frozenset[Decimal]] = (frozenset(), frozenset()),
        form: bool = False,
    ):
        self.doc = doc
        self.form = form  # a single-project form: its rows are labels and values, not records
        self.columns = amount_columns(doc)
        self.example_texts, self.example_amounts = examples
        self.evidence: list[tuple[Any, str, Evidence, Row | None]] = []  # (record, field, evidence, row)
        self.failures: list[Failure] = []
        self._grounders: dict[tuple[int, int], Grounder] = {}

    # ---- regions
    def _grounder(self, start: int, end: int) -> Grounder:
        if (start, end) not in self._grounders:
            self._grounders[(start, end)] = Grounder(self.doc.text, start, end)
        return self._grounders[(start, end)]

    def _cell(self, cell: Cell) -> Grounder:
        return self._grounder(cell.start, cell.end)

    def _best(self, cells: list[Cell], find: Any) -> Evidence:
        """The best evidence over single cells (a value may not run across two cells)."""
        best: Evidence | None = None
        for cell in cells:
            if not cell.text.strip():
                continue
            evidence = find(self._cell(cell))
            if best is None or _rank(evidence) > _rank(best):
                best = evidence
        if best is None:
            return Evidence("ungrounded", 0.0, 0, 0)
        return best

    def find_text(self, cells: list[Cell], value: str) -> Evidence:
        return self._best(cells, lambda g: g.find_text(value))

    @staticmethod
    def own_row(placed: _Placed) -> bool:
        """Whether the answer reads one source row of its own (the row starts with its name)."""
        return (
            placed.row is not None
            and bool(placed.answer.name)
            and normalise(placed.row.raw).startswith(normalise(placed.answer.name))
        )

    @staticmethod
    def row_layout(placed: _Placed) -> bool:
        """Whether that row is split into cells, its name in the first (so columns mean something)."""
        return (
            _Grounding.own_row(placed)
            and len(placed.row.cells) > 1
            and texts_equal(first_cell(placed.row), placed.answer.name or "")
        )

    @staticmethod
    def region(placed: _Placed) -> list[Cell]:
        rows = [placed.row] if _Grounding.own_row(placed) else placed.chunk.rows
        return [c for r in rows for c in r.cells]

    # ---- checks against the examples and the source
    def copied_from_examples(self, value: Any, evidence: Evidence) -> bool:
        """A value equal to one of the few-shot examples' that the source does not hold."""
        if evidence.alignment != "ungrounded" and not evidence.invented_numbers:
            return False
        if isinstance(value, str):
            return normalise(value) in self.example_texts
        try:
            return Decimal(str(value)) in self.example_amounts
        except ArithmeticError:
            return False

    def reject(self, placed: _Placed, what: str, message: Msg, record: object | None = None) -> None:
        """A record or value kept out of the table: a failure with the model's text (of ``record``,
        the rejected piece, when it is part of the answer: the excerpt is bounded)."""
        line = placed.row.line if placed.row else placed.chunk.first_line
        answer = json.dumps(record if record is not None else placed.answer.model_dump(mode="json"), ensure_ascii=False)
        self.failures.append(
            Failure(
                source=self.doc.source,
                row=line,
                field=what,
                message=message,
                raw=f"the model answered: {answer}"[:_RAW_LIMIT],
            )
        )

    def name_evidence(self, placed: _Placed) -> Evidence:
        """Where the name is: the row's name cell; in a table (not a form) a name that starts no
        row — say an indicator's text taken for a project — is not a row name, so not grounded."""
        if self.row_layout(placed):
            return self.find_text(self.region(placed)[:1], placed.answer.name or "")
        if self.own_row(placed) or self.form:
            return self.find_text(self.region(placed), placed.answer.name or "")
        return self.find_text([r.cells[0] for r in placed.chunk.rows if r.cells], placed.answer.name or "")

    # ---- recording
    def _note(self, record: Any, key: str, evidence: Evidence, placed: _Placed, what: str) -> None:
        self.evidence.append((record, key, evidence, placed.row))
        if evidence.is_number_error:
            line = placed.row.line if placed.row else placed.chunk.first_line
            self.failures.append(
                Failure(
                    source=self.doc.source,
                    row=line,
                    field=what,
                    message=msg("LLM_INVENTED_NUMBERS", numbers=", ".join(evidence.invented_numbers)),
                    raw=(placed.row.raw if placed.row else placed.chunk.text)[:_RAW_LIMIT],
                )
            )

    def _amount_evidence(self, value: Any, placed: _Placed, name: str) -> Evidence:
        cells = self.region(placed)
        money = [c for c in cells if _is_money(c)]
        number = Decimal(str(value))
        if self.row_layout(placed) and name in self.columns:
            column = next((c for c in money if c.col == self.columns[name]), None)
            if column is not None:
                if numbers_in(column.text) == [number]:
                    return Evidence("exact", 100.0, column.start, column.end)
                return Evidence("ungrounded", 0.0, column.start, column.end, (str(value),))
        cell = next((c for c in money if numbers_in(c.text) == [number]), None)
        if cell is not None:
            return Evidence("exact", 100.0, cell.start, cell.end)
        if money and self.row_layout(placed):
            return Evidence("ungrounded", 0.0, money[0].start, money[-1].end, (str(value),))
        # no money cells (an OCR line, pasted text, a form label and its amount in one cell): one cell holding it
        return self._best(cells, lambda g: g.find_number(value))

    def amounts(self, record: Any, amounts: Amounts, placed: _Placed, label: str) -> None:
        """Each amount in its own column's cell (by the header), else in a cell holding only that number."""
        for name in AMOUNT_FIELDS:
            value = getattr(amounts, name)
            if value is None:
                continue
            evidence = self._amount_evidence(value, placed, name)
            if self.copied_from_examples(value, evidence):
                setattr(amounts, name, None)
                self.reject(
                    placed,
                    f"{label} amounts.{name}",
                    msg("LLM_EXAMPLE_NUMBER", value=str(value)),
                )
                continue
            self._note(record, f"amounts.{name}", evidence, placed, f"{label} amounts.{name}")

    def text(self, record: Any, key: str, value: str, placed: _Placed, label: str) -> None:
        self._note(record, key, self.find_text(self.region(placed), value), placed, label)

    def _item_cells(self, placed: _Placed, ind: Indicator) -> tuple[list[Cell], Evidence | None]:
        """Where an indicator's values must be: its own ``N、`` segment of the row, or (forms)
        the row of the cell holding its name; with the evidence for ``seq``."""
        cells = self.region(placed)
        if self.own_row(placed) and ind.seq is not None:
            for cell in cells:
                starts = [(m.start(), m.group(1)) for m in _ITEM.finditer(cell.text)]
                for k, (pos, seq) in enumerate(starts):
                    if int(seq) == ind.seq:
                        end = starts[k + 1][0] if k + 1 < len(starts) else len(cell.text)
                        a, b = cell.doc_offset(pos), cell.doc_offset(max(pos, end - 1)) + 1
                        piece = Cell(text=self.doc.text[a:b], start=a, end=b, row=cell.row, col=cell.col)
                        return [piece], Evidence("exact", 100.0, a, a + len(seq))
            return cells, Evidence("ungrounded", 0.0, cells[0].start, cells[-1].end, (str(ind.seq),))
        if ind.name:
            evidence = self.find_text(cells, ind.name)
            if evidence.alignment != "ungrounded":
                row = next(
                    (
                        r
                        for r in (placed.chunk.rows if not self.own_row(placed) else [placed.row])
                        if r.cells and r.cells[0].start <= evidence.start < r.cells[-1].end + 1
                    ),
                    None,
                )
                if row is not None:
                    return row.cells, None
        return cells, None

    def project(self, project: Project, placed: _Placed, name: Evidence) -> None:
        self._note(project, "name", name, placed, f"{project.name} name")
        self.amounts(project, project.amounts, placed, project.name)
        cells = self.region(placed)
        if project.goal:
            evidence = self.find_text(cells, project.goal)
            if self.copied_from_examples(project.goal, evidence):
                self.reject(
                    placed,
                    f"{project.name} goal",
                    msg("LLM_EXAMPLE_GOAL"),
                )
                project.goal = None
            else:
                self._note(project, "goal", evidence, placed, f"{project.name} goal")
        kept = []
        own, region = self.own_row(placed), self.region(placed)
        for ind in project.indicators:
            label = f"{project.name} #{ind.seq}"
            item_cells, seq_evidence = self._item_cells(placed, ind)
            found = {}
            for key in _ITEM_FIELDS if own else _FORM_ITEM_FIELDS:
                if getattr(ind, key):
                    # a form's 一级/二级 labels are merged cells above the item's row: any one cell
                    cells = item_cells if own or key in ("name", "period_value", "annual_value") else region
                    found[key] = self.find_text(cells, getattr(ind, key))
            copied = [
                name
                for name, ev in found.items()
                if name in ("name", "period_value", "annual_value")
                and self.copied_from_examples(getattr(ind, name), ev)
            ]
            if copied:
                self.reject(
                    placed,
                    label,
                    msg("LLM_EXAMPLE_ITEM", copied=", ".join(copied)),
                    record=ind.model_dump(mode="json", exclude={"spans"}),
                )
                continue
            kept.append(ind)
            if ind.seq is not None and seq_evidence is not None:  # forms do not number their items
                self._note(ind, "seq", seq_evidence, placed, f"{label} seq")
            for name, evidence in found.items():
                self._note(ind, name, evidence, placed, f"{label} {name}")
        project.indicators = kept

    def finish(self, table: BudgetTable, rules_projects: dict[int, Project | None]) -> None:
        """Confidences from evidence, validators and agreement with the rules; spans set."""
        # only warnings that mean a misreading count against a value; CODE_PAIR_MISMATCH and the like
        # describe the source itself and a faithful copy should not lose confidence for them
        failing = {(w.project, w.seq, w.field) for w in validate_table(table) if w.code in MISREAD_CODES}
        owners: dict[int, Project] = {}
        for project in table.projects():
            owners[id(project)] = project
            for ind in project.indicators:
                owners[id(ind)] = project
        for record, key, evidence, row in self.evidence:
            project = owners.get(id(record))
            seq = getattr(record, "seq", None) if isinstance(record, Indicator) else None
            name = project.name if project else getattr(record, "name", None)
            passed = (name, seq, key) not in failing and (name, None, key) not in failing
            agree = _agrees(record, key, rules_projects.get(id(project)) if project else None)
            record.spans[key] = span_for(
                evidence, confidence(evidence, validators_passed=passed, rules_agree=agree), row.line if row else None
            )


def _agrees(record: Any, key: str, rules_project: Project | None) -> bool | None:
    """Whether the rules read the same value (None when the rules have no reading)."""
    if rules_project is None:
        return None
    if isinstance(record, Indicator):
        other = next((i for i in rules_project.indicators if i.seq == record.seq), None)
        if other is None:
            return None
        return texts_equal(str(getattr(record, key)), str(getattr(other, key)))
    if key.startswith("amounts."):
        field_name = key.split(".", 1)[1]
        mine, theirs = getattr(record.amounts, field_name), getattr(rules_project.amounts, field_name)
        return theirs is not None and mine is not None and amounts_equal(mine, theirs)
    return texts_equal(getattr(record, key, None), getattr(rules_project, key, None))


def _to_project(answer: Any) -> Project:
    data = answer.model_dump(exclude={"kind"})
    project = Project.model_validate(data)
    if project.classified:
        project.goal, project.indicators = None, []
    return project


class TableBuilder:
    """Answered rows in source order -> units and projects, grouped by the one
    :class:`assistant.extract.assemble.TableAssembler` every backend uses."""

    def __init__(
        self,
        table: BudgetTable,
        doc: Document,
        examples: tuple[frozenset[str], frozenset[Decimal]] = (frozenset(), frozenset()),
        *,
        form: bool = False,
    ):
        self.table = table
        self.assembler = TableAssembler(table)
        self.grounding = _Grounding(doc, examples, form)
        self.rules_for: dict[int, Project | None] = {}  # LLM project -> the rules' reading of its row
        self.answered_rows: set[int] = set()  # id() of every source row some answer sits on
        self.read_chunks: set[int] = set()  # id() of every chunk a unit or project was kept from

    def unit(self, unit: Unit) -> None:
        self.assembler.unit(unit)

    def project(self, project: Project) -> None:
        self.assembler.project(project)

    def llm_row(self, placed: _Placed, rules_project: Project | None) -> None:
        """One answered row, grounded; a unit or project whose name is not in the source is left out."""
        item = placed.answer
        if placed.row is not None and self.grounding.own_row(placed):  # a row its own answer reads
            self.answered_rows.add(id(placed.row))
        amounts = Amounts.model_validate(item.amounts.model_dump())
        grounding = self.grounding
        if item.kind == "total":
            if placed.row is None:  # a 合计 answer without its name: the chunk's 合计 row
                placed.row = next((r for r in placed.chunk.rows if first_cell(r) in ("合计", "总计")), None)
            if placed.row is not None:
                self.answered_rows.add(id(placed.row))
            self.table.amounts = amounts
            grounding.amounts(self.table, amounts, placed, "合计")
            return
        name = grounding.name_evidence(placed)
        if name.alignment == "ungrounded":
            copied = normalise(item.name or "") in grounding.example_texts
            grounding.reject(
                placed,
                f"{item.kind} {item.name!r}",
                msg(
                    ("LLM_UNGROUNDED_UNIT" if item.kind == "unit" else "LLM_UNGROUNDED_PROJECT")
                    + ("_COPIED" if copied else "")
                    + ("_FORM" if grounding.form else ""),
                    name=item.name,
                ),
            )
            return
        self.read_chunks.add(id(placed.chunk))
        if item.kind == "unit":
            unit = Unit(name=item.name, amounts=amounts)
            self.unit(unit)
            grounding.amounts(unit, amounts, placed, unit.name)
            grounding._note(unit, "name", name, placed, unit.name)
        else:
            project = _to_project(item)
            self.project(project)
            grounding.project(project, placed, name)
            self.rules_for[id(project)] = rules_project

    def unread(self, chunks: list[Chunk], form: bool) -> list[Failure]:
        """Rows of answered chunks that no answer covers: a table row the model skipped, or (for a
        single-project form, whose rows are not records) a chunk from which nothing was kept."""
        out = []
        source = self.grounding.doc.source
        for chunk in chunks:
            if form:
                if id(chunk) not in self.read_chunks:
                    out.append(
                        Failure(
                            source=source,
                            row=chunk.first_line,
                            field=f"llm chunk lines {chunk.first_line}-{chunk.last_line}",
                            message=msg("LLM_CHUNK_NOTHING_KEPT"),
                            raw=chunk.text[:_RAW_LIMIT],
                        )
                    )
                continue
            for row in chunk.rows:
                if id(row) not in self.answered_rows and row.raw.strip():
                    out.append(
                        Failure(
                            source=source,
                            row=row.line,
                            field="llm row",
                            message=msg("LLM_ROW_NOT_ANSWERED"),
                            raw=row.raw[:_RAW_LIMIT],
                        )
                    )
        return out

    def finish(self, llm_failures: list[Failure], kept_failures: list[Failure]) -> BudgetTable:
        self.assembler.finish()
        self.grounding.finish(self.table, self.rules_for)
        self.table.failures = kept_failures + llm_failures + self.grounding.failures
        return self.table


def first_flags(placed: list[_Placed]) -> list[_Placed]:
    """Mark, on each answered row, whether it is the first row of its chunk (for merging)."""
    firsts: dict[int, Any] = {}
    for item in placed:
        firsts.setdefault(id(item.chunk), item.answer)
    for item in placed:
        item.chunk_first = firsts[id(item.chunk)]
    return placed


def place(answers: list[tuple[Chunk, Any]]) -> list[_Placed]:
    """The answered rows on their source rows, a project cut between two chunks merged into one."""
    return _merge_straddling(first_flags(_locate(answers)))


def header_fields(table: BudgetTable, answers: list[tuple[Chunk, Any]], doc: Document) -> None:
    """Title, department and currency unit from the first chunk that gives them, grounded."""
    grounder: Grounder | None = None
    for name in ("title", "department", "currency_unit"):
        value = next((getattr(a, name) for _, a in answers if getattr(a, name)), None)
        if value:
            grounder = grounder or Grounder(doc.text)
            evidence = grounder.find_text(value)
            if evidence.alignment == "ungrounded" and name != "currency_unit":
                continue  # a title or department not in the source is not kept
            setattr(table, name, value)
            table.spans[name] = span_for(evidence, confidence(evidence), None)
