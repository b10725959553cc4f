"""The LLM extractor, and the hybrid that uses it only where the rules could not read a row.

Steps (one function each):

* :func:`response_model` — the answer schema, derived from :mod:`assistant.schema`
  (``Project``/``Indicator``/``Amounts`` minus the provenance fields), so there is no
  second copy of the schema and the field names are the interchange names;
* :func:`chunk_rows` — the table rows packed into chunks with langchain-text-splitters,
  on row boundaries (a row longer than a chunk is split between indicator items, never
  inside one), the header rows repeated in every chunk;
* :func:`build_messages` — the versioned prompt (``prompts/extract/v1.yaml``) with few-shot
  examples from the gold records; the chunk goes in the user message between DATA markers;
* the chunks run concurrently through :class:`assistant.llm.LLMClient`; a chunk whose answer
  is cut off is split in two and retried; a chunk that keeps failing becomes a
  :class:`Failure` carrying its text, and every other chunk is kept;
* :func:`assemble` — the rows of every chunk in order, a project straddling two chunks merged
  into one, every value grounded in the source text (:mod:`assistant.llm.grounding`).

``extract_llm`` sends the whole table; ``extract_auto`` runs the rules first and sends only
the rows they could not parse, or whose project fails validation, with the problems found.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from langchain_text_splitters import RecursiveCharacterTextSplitter
from pydantic import BaseModel, ConfigDict, Field, create_model

from ..checks import validate_table
from ..errors import BackendConfigError, InputError, LLMOutputError
from ..ingest.document import Document, Row
from ..llm.cache import ResponseCache
from ..llm.client import LLMClient, TruncatedAnswer
from ..llm.config import LLMConfig
from ..llm.grounding import Evidence, Grounder, confidence, normalise, numbers_in, span_for
from ..llm.ledger import BudgetExhausted, Ledger
from ..prompts import Prompt, load_prompt
from ..schema import AMOUNT_FIELDS, Amounts, BudgetTable, Failure, Indicator, Project, RunMeta, Unit
from ..textnorm import texts_equal
from .parsers.table import RowParse, _is_header, extract_document_rows

__all__ = [
    "response_model",
    "Chunk",
    "split_header",
    "chunk_rows",
    "chunk_document",
    "build_messages",
    "extract_llm",
    "extract_auto",
    "REREAD_CODES",
    "PROMPT_TASK",
]

PROMPT_TASK = "extract"
#: validation codes that suggest the rules mis-read a row, so auto mode asks the LLM again.
#: Codes about the source's own content (CODE_PAIR_MISMATCH, CODE_NAME_MISMATCH: kept as
#: written; amount sums across rows; duplicates) never trigger a re-read.
REREAD_CODES = frozenset({
    "AMOUNT_ROW_SUM", "AMOUNT_MISSING", "CODE_MISSING", "CODE_UNKNOWN", "NAME_MISSING", "VALUE_MISSING",
    "SEQ_DUPLICATE", "SEQ_GAP", "INDICATORS_MISSING", "GOAL_MISSING", "LOW_CONFIDENCE",
})
_PROVENANCE = ("spans", "meta", "failures")
_ROW_SEP = "\x1e"  # ASCII record separator: rows are joined with it before splitting
_ITEM_BOUNDARY = r"(?<=[。;；])(?=\d{1,3}、)"  # between two indicator items
_CONTINUED = "（续）"
_MONEY_CELL = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


# ---------------------------------------------------------------- the answer schema
def _fields_of(model: type[BaseModel], **replace: Any) -> dict[str, Any]:
    """``model``'s fields for ``create_model``, without provenance, some replaced."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in _PROVENANCE:
            continue
        out[name] = replace.get(name, (info.annotation, info))
    return out


@functools.cache
def response_model() -> type[BaseModel]:
    """``TableRows``: optional header fields and one ``TableRow`` per table row of the chunk."""
    config = ConfigDict(extra="forbid")
    indicator = create_model("IndicatorItem", __config__=config, __doc__=Indicator.__doc__, **_fields_of(Indicator))
    kind = (Literal["total", "unit", "project"],
            Field(description="total = the 合计 row; unit = a 资金使用单位 subtotal row; project = a project row"))
    row = create_model(
        "TableRow", __config__=config, __doc__="One table row: a 合计 row, a 资金使用单位 row or a project row.",
        kind=kind, **_fields_of(Project, indicators=(list[indicator], Field(default_factory=list))),
    )
    header = {
        name: (str | None, Field(default=None, description=info.description or name))
        for name, info in BudgetTable.model_fields.items() if name in ("title", "department", "currency_unit")
    }
    header["title"][1].description = "the table's title line, when this chunk shows it"
    header["department"][1].description = "部门名称 without prefix and （部门） suffix, when shown"
    header["currency_unit"][1].description = "单位, e.g. 万元, when shown"
    return create_model(
        "TableRows", __config__=config, __doc__="The rows of one chunk of a 项目支出绩效目标表, in source order.",
        **header, rows=(list[row], Field(description="one entry per table row of the data, in order")),
    )


# ---------------------------------------------------------------- chunking
@dataclass(slots=True)
class Chunk:
    """A piece of the table sent in one request.

    Attributes:
        rows: the table rows (whole, or the row a piece was cut from) the chunk covers.
        text: the data text sent (rows on their own lines).
        header: the header rows repeated in front of every chunk.
        continued: the name of a row this chunk continues (its start was in the chunk before).
        notes: problems found by the rules, for auto mode.
    """

    rows: list[Row]
    text: str
    header: str
    continued: str | None = None
    notes: str = ""

    @property
    def first_line(self) -> int:
        return self.rows[0].line if self.rows else 0

    @property
    def last_line(self) -> int:
        return self.rows[-1].line if self.rows else 0

    def region(self) -> tuple[int, int]:
        """The chunk's rows' bounds in ``Document.text``."""
        cells = [c for r in self.rows for c in r.cells]
        return (min(c.start for c in cells), max(c.end for c in cells)) if cells else (0, 0)


def _row_text(row: Row) -> str:
    return row.raw.replace(_ROW_SEP, " ")


def _first_cell(row: Row) -> str:
    return row.cells[0].text.strip() if row.cells else ""


def split_header(doc: Document) -> tuple[list[Row], list[Row]]:
    """(the rows up to and including the column header row, the table rows after it).

    Without a recognisable header row every row is a table row.
    """
    for i, row in enumerate(doc.rows):
        if _is_header(row.texts()):
            return doc.rows[: i + 1], [r for r in doc.rows[i + 1:] if any(t.strip() for t in r.texts())]
    return [], [r for r in doc.rows if any(t.strip() for t in r.texts())]


def chunk_rows(rows: list[Row], header: str, chunk_chars: int) -> list[Chunk]:
    """Pack ``rows`` into chunks of about ``chunk_chars`` characters (header included).

    Rows are never cut unless one row alone is longer than a chunk; then it is cut
    between indicator items, and the continuation pieces start with the row's name
    marked （续）, so the answers can be merged back into one project. Only a single
    indicator item longer than a whole chunk would be cut inside (at a line or 。).
    """
    if not rows:
        return []
    budget = max(400, chunk_chars - len(header))
    texts = [_row_text(r) for r in rows]
    joined = _ROW_SEP.join(texts)
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=budget, chunk_overlap=0, separators=[_ROW_SEP, _ITEM_BOUNDARY, "\n", "。", ""],
        is_separator_regex=True, keep_separator="start", add_start_index=True, strip_whitespace=False,
    )
    chunks: list[Chunk] = []
    for piece in splitter.create_documents([joined]):
        content = piece.page_content
        begin = piece.metadata["start_index"]
        end = begin + len(content)
        lead = len(content) - len(content.lstrip(_ROW_SEP))
        begin += lead
        content = content.strip(_ROW_SEP)
        if not content.strip():
            continue
        covered = [i for i, s in enumerate(starts) if s < end and s + len(texts[i]) > begin]
        if not covered:
            continue
        first = covered[0]
        continued = None
        if begin > starts[first]:  # the piece starts inside a row: say whose row it is
            continued = _first_cell(rows[first])
            content = f"{continued}\t{_CONTINUED}\t{content}"
        chunks.append(Chunk(rows=[rows[i] for i in covered], text=content.replace(_ROW_SEP, "\n"),
                            header=header, continued=continued))
    return chunks


def chunk_document(doc: Document, chunk_chars: int) -> list[Chunk]:
    """Every table row of ``doc`` in chunks, each headed by the document's header rows."""
    header_rows, body = split_header(doc)
    header = "\n".join(_row_text(r) for r in header_rows if r.raw.strip())
    return chunk_rows(body, header, chunk_chars)


def _split_in_two(chunk: Chunk, chunk_chars: int) -> list[Chunk]:
    """A chunk whose answer was cut off, as two smaller chunks (or [] if it cannot shrink)."""
    if len(chunk.rows) >= 2:
        half = len(chunk.rows) // 2
        parts = [chunk_rows(chunk.rows[:half], chunk.header, chunk_chars), chunk_rows(chunk.rows[half:], chunk.header, chunk_chars)]
        out = [c for part in parts for c in part]
    else:
        out = chunk_rows(chunk.rows, chunk.header, max(400, len(chunk.text) // 2 + len(chunk.header)))
    for c in out:
        c.notes = chunk.notes
    return out if len(out) > 1 else []


# ---------------------------------------------------------------- prompt and messages
@functools.lru_cache(maxsize=8)
def _render_examples(prompt_sha: str, examples_json: str) -> str:
    """The few-shot examples: source rows from a gold source file, answers from its gold record."""
    from ..gold import default_gold_dir, load_gold
    from ..ingest import read_path

    blocks = []
    for example in json.loads(examples_json):
        path = default_gold_dir() / f"{example['gold']}.json"
        if not path.exists():
            continue
        record = load_gold(path)[0]
        if record.source_path is None:
            continue
        doc = read_path(record.source_path)
        units = {u.name: u for u in record.table.units}
        projects = list(record.table.projects())
        lines, answers = [], []
        for name in example["rows"]:
            row = next((r for r in doc.rows if _first_cell(r) == name and r.raw not in lines), None)
            if row is None:
                continue
            lines.append(row.raw)
            if name in units and not any(p.name == name for p in projects):
                unit = units[name]
                answers.append({"kind": "unit", "name": unit.name, "amounts": unit.amounts.model_dump(mode="json")})
            else:
                project = next(p for p in projects if p.name == name)
                projects.remove(project)
                answers.append({"kind": "project", **project.model_dump(mode="json")})
        if lines:
            answer = json.dumps({"title": None, "department": None, "currency_unit": None, "rows": answers},
                                ensure_ascii=False, separators=(",", ":"))
            blocks.append("\n".join(lines) + "\n=>\n" + answer)
    return "\n\n".join(blocks) or "(none)"


def system_message(prompt: Prompt) -> str:
    """The fixed system text with the few-shot examples filled in."""
    examples = _render_examples(prompt.sha256, json.dumps(prompt.examples, ensure_ascii=False, sort_keys=True))
    return prompt.system.replace("{examples}", examples)


def build_messages(chunk: Chunk, prompt: Prompt) -> list[dict[str, str]]:
    """System and user messages for one chunk; the chunk text sits between DATA markers.

    The marker carries a hash of the chunk, so text inside a cell cannot close the data
    block early.
    """
    tag = hashlib.sha256((chunk.header + chunk.text).encode("utf-8")).hexdigest()[:10]
    notes = f"\n{chunk.notes}\n" if chunk.notes else ""
    user = prompt.render(first_line=chunk.first_line, last_line=chunk.last_line, tag=tag,
                         header=chunk.header or "(no header rows)", data=chunk.text, notes=notes)
    return [{"role": "system", "content": system_message(prompt)}, {"role": "user", "content": user}]


# ---------------------------------------------------------------- running the chunks
@dataclass(slots=True)
class _Outcome:
    chunk: Chunk
    answers: list[tuple[Chunk, BaseModel]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


async def _read_chunk(client: LLMClient, chunk: Chunk, prompt: Prompt, source: str, chunk_chars: int) -> _Outcome:
    outcome = _Outcome(chunk)
    parts = {"prompt_id": prompt.id, "prompt_version": prompt.version, "prompt_sha256": prompt.sha256}
    try:
        answer = await client.call(build_messages(chunk, prompt), response_model(), cache_parts=parts)
        outcome.answers.append((chunk, answer))
        return outcome
    except TruncatedAnswer as exc:
        smaller = _split_in_two(chunk, chunk_chars)
        if not smaller:
            problem = str(exc)
        else:
            for sub in await asyncio.gather(*(_read_chunk(client, c, prompt, source, chunk_chars) for c in smaller)):
                outcome.answers.extend(sub.answers)
                outcome.failures.extend(sub.failures)
            return outcome
    except BudgetExhausted as exc:
        problem = f"not sent: {exc}"
    except LLMOutputError as exc:
        problem = str(exc)
    client.ledger.failed_chunks += 1
    outcome.failures.append(Failure(
        source=source, row=chunk.first_line, field=f"llm chunk lines {chunk.first_line}-{chunk.last_line}",
        message=f"the LLM could not read these rows: {problem}", raw=chunk.text,
    ))
    return outcome


async def _read_all(chunks: list[Chunk], config: LLMConfig, prompt: Prompt, source: str,
                    ledger: Ledger, cache: ResponseCache | None, progress: bool = False) -> list[_Outcome]:
    """Every chunk, concurrently within the config's bound; a rich progress bar on stderr if asked."""
    async with LLMClient(config, ledger=ledger, cache=cache) as client:
        ledger.chunks += len(chunks)
        tasks = [_read_chunk(client, c, prompt, source, config.chunk_chars) for c in chunks]
        if not progress:
            return list(await asyncio.gather(*tasks))
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            job = bar.add_task(f"{source}: {config.model}", total=len(tasks))

            async def tick(task: Any) -> _Outcome:
                outcome = await task
                bar.advance(job)
                return outcome

            return list(await asyncio.gather(*(tick(t) for t in tasks)))


def _run(coro: Any) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    raise BackendConfigError("the LLM backends are synchronous entry points; call them outside a running event loop")


# ---------------------------------------------------------------- assembling and grounding
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
                if i not in used and target and normalise(_first_cell(row)) == target:
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
        if (prev is not None and prev.chunk is not item.chunk and item.answer.kind == "project"
                and prev.answer.kind == "project" and item.answer is item.chunk_first
                and item.chunk.continued is not None  # the chunk starts inside a row, not at a new row
                and normalise(item.chunk.continued) == normalise(item.answer.name) == normalise(prev.answer.name)):
            seen = {(i.seq, normalise(i.name or "")) for i in prev.answer.indicators}
            prev.answer.indicators.extend(i for i in item.answer.indicators
                                          if (i.seq, normalise(i.name or "")) not in seen)
            if prev.answer.goal is None:
                prev.answer.goal = item.answer.goal
            continue
        out.append(item)
    return out


class _Grounding:
    """Grounds answered rows in the document and records the evidence per field."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.evidence: list[tuple[Any, str, Evidence, Row | None]] = []  # (record, field, evidence, row)
        self.failures: list[Failure] = []
        self._grounders: dict[tuple[int, int], Grounder] = {}

    def _grounder(self, placed: _Placed) -> Grounder:
        if placed.row is not None and placed.row.cells:
            bounds = (min(c.start for c in placed.row.cells), max(c.end for c in placed.row.cells))
        else:
            bounds = placed.chunk.region()
        if bounds not in self._grounders:
            self._grounders[bounds] = Grounder(self.doc.text, *bounds)
        return self._grounders[bounds]

    def _note(self, record: Any, key: str, evidence: Evidence, placed: _Placed, what: str) -> None:
        self.evidence.append((record, key, evidence, placed.row))
        if evidence.is_number_error:
            line = placed.row.line if placed.row else placed.chunk.first_line
            self.failures.append(Failure(
                source=self.doc.source, row=line, field=what,
                message=(f"the LLM answered the number(s) {', '.join(evidence.invented_numbers)}, which are not in "
                         "the source row: kept and flagged, check by eye"),
                raw=(placed.row.raw if placed.row else placed.chunk.text)[:2000],
            ))

    def amounts(self, record: Any, amounts: Amounts, placed: _Placed, label: str) -> None:
        """Amounts are looked up in the row's money cells (cells holding only a number), so a
        number written inside a goal or an indicator cannot vouch for an amount."""
        grounder = self._grounder(placed)
        money = [c for c in (placed.row.cells if placed.row else [])
                 if _MONEY_CELL.fullmatch(unicodedata.normalize("NFKC", c.text).strip())]
        for name in AMOUNT_FIELDS:
            value = getattr(amounts, name)
            if value is None:
                continue
            if money:
                cell = next((c for c in money if numbers_in(c.text) == [Decimal(value)]), None)
                evidence = (Evidence("exact", 100.0, cell.start, cell.end) if cell is not None
                            else Evidence("ungrounded", 0.0, grounder.start, grounder.end, (str(value),)))
            else:  # no cell structure (OCR line, pasted text): any number in the row
                evidence = grounder.find_number(value)
            self._note(record, f"amounts.{name}", evidence, placed, f"{label} amounts.{name}")

    def text(self, record: Any, key: str, value: str, placed: _Placed, label: str) -> None:
        self._note(record, key, self._grounder(placed).find_text(value), placed, label)

    def project(self, project: Project, placed: _Placed) -> None:
        grounder = self._grounder(placed)
        self._note(project, "name", grounder.find_text(project.name), placed, f"{project.name} name")
        self.amounts(project, project.amounts, placed, project.name)
        if project.goal:
            self._note(project, "goal", grounder.find_text(project.goal), placed, f"{project.name} goal")
        for ind in project.indicators:
            label = f"{project.name} #{ind.seq}"
            if ind.seq is not None:
                self._note(ind, "seq", grounder.find_number(ind.seq), placed, f"{label} seq")
            for name in ("level1_code", "level1_name", "level2_code", "level2_name", "name", "period_value", "annual_value"):
                value = getattr(ind, name)
                if value:
                    self._note(ind, name, grounder.find_text(value), placed, f"{label} {name}")

    def finish(self, table: BudgetTable, rules_projects: dict[int, Project | None]) -> None:
        """Confidences from evidence, validators and agreement with the rules; spans set."""
        # only warnings that mean a misreading count against a value; CODE_PAIR_MISMATCH and the like
        # describe the source itself and a faithful copy should not lose confidence for them
        failing = {(w.project, w.seq, w.field) for w in validate_table(table)
                   if w.code in REREAD_CODES and w.code != "LOW_CONFIDENCE"}
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
            record.spans[key] = span_for(evidence, confidence(evidence, validators_passed=passed, rules_agree=agree),
                                         row.line if row else None)


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
        return theirs is not None and mine is not None and abs(Decimal(mine) - Decimal(theirs)) <= Decimal("0.005")
    return texts_equal(getattr(record, key, None), getattr(rules_project, key, None))


def _to_project(answer: Any) -> Project:
    data = answer.model_dump(exclude={"kind"})
    project = Project.model_validate(data)
    if project.classified:
        project.goal, project.indicators = None, []
    return project


def _header_fields(table: BudgetTable, answers: list[tuple[Chunk, Any]], doc: Document) -> None:
    """Title, department and currency unit from the first chunk that gives them, grounded."""
    grounder: Grounder | None = None
    for name in ("title", "department", "currency_unit"):
        value = next((getattr(a, name) for _, a in answers if getattr(a, name)), None)
        if value:
            setattr(table, name, value)
            grounder = grounder or Grounder(doc.text)
            evidence = grounder.find_text(value)
            table.spans[name] = span_for(evidence, confidence(evidence), None)


def _meta(doc: Document, backend: str, config: LLMConfig, prompt: Prompt, ledger: Ledger, **extra: Any) -> RunMeta:
    return RunMeta(source=doc.source, encoding=doc.encoding, layout=doc.layout, backend=backend, model=config.model,
                   prompt_id=prompt.id, prompt_version=str(prompt.version), ledger=ledger.to_dict(),
                   extra={"prompt_sha256": prompt.sha256, "base_url": config.base_url, "mode": config.mode, **extra})


def _rules_by_row(doc: Document) -> dict[int, Project]:
    """The rules' reading of each project row (by line), for agreement; {} when they cannot read it."""
    try:
        _, parses = extract_document_rows(doc)
    except InputError:
        return {}
    return {p.row.line: p.project for p in parses if p.project is not None}


def _setup(config: LLMConfig, backend: str, ledger: Ledger | None, cache: ResponseCache | None) -> tuple[Ledger, ResponseCache | None, Prompt]:
    config.require(backend)
    ledger = ledger if ledger is not None else Ledger(max_requests=config.max_requests, max_tokens=config.max_tokens)
    if cache is None and config.cache:
        cache = ResponseCache()
    return ledger, cache, load_prompt(PROMPT_TASK)


class _TableBuilder:
    """Rows in source order -> units and projects, as the rules build them: a project belongs
    to the unit row above it; projects before any unit row form a unit named after the department."""

    def __init__(self, table: BudgetTable, doc: Document):
        self.table = table
        self.grounding = _Grounding(doc)
        self.rules_for: dict[int, Project | None] = {}  # LLM project -> the rules' reading of its row
        self.current: Unit | None = None
        self.orphans: list[Project] = []

    def unit(self, unit: Unit) -> None:
        self.current = unit
        self.table.units.append(unit)

    def project(self, project: Project) -> None:
        (self.current.projects if self.current else self.orphans).append(project)

    def llm_row(self, placed: _Placed, rules_project: Project | None) -> None:
        """One answered row, grounded."""
        item = placed.answer
        amounts = Amounts.model_validate(item.amounts.model_dump())
        if item.kind == "total":
            self.table.amounts = amounts
            self.grounding.amounts(self.table, amounts, placed, "合计")
        elif item.kind == "unit":
            unit = Unit(name=item.name, amounts=amounts)
            self.unit(unit)
            self.grounding.amounts(unit, amounts, placed, unit.name)
            self.grounding.text(unit, "name", unit.name, placed, unit.name)
        else:
            project = _to_project(item)
            self.project(project)
            self.grounding.project(project, placed)
            self.rules_for[id(project)] = rules_project

    def finish(self, llm_failures: list[Failure], kept_failures: list[Failure]) -> BudgetTable:
        if self.orphans:
            self.table.units.insert(0, Unit(name=self.table.department or "", projects=self.orphans))
        self.grounding.finish(self.table, self.rules_for)
        self.table.failures = kept_failures + llm_failures + self.grounding.failures
        return self.table


# ---------------------------------------------------------------- the two backends
def extract_llm(doc: Document, config: LLMConfig, *, ledger: Ledger | None = None,
                cache: ResponseCache | None = None, progress: bool = False) -> BudgetTable:
    """Every table row through the LLM; values grounded; failed chunks listed, the rest kept.

    Raises:
        BackendConfigError: no endpoint configured.
        InputError: the document has no rows at all.
    """
    ledger, cache, prompt = _setup(config, "llm", ledger, cache)
    chunks = chunk_document(doc, config.chunk_chars)
    if not chunks:
        raise InputError(doc.source, "no table rows to read")
    outcomes = _run(_read_all(chunks, config, prompt, doc.source, ledger, cache, progress))
    answers = [a for o in outcomes for a in o.answers]
    rules = _rules_by_row(doc)
    build = _TableBuilder(BudgetTable(), doc)
    _header_fields(build.table, answers, doc)
    for placed in _merge_straddling(_first_flags(_locate(answers))):
        build.llm_row(placed, rules.get(placed.row.line) if placed.row else None)
    table = build.finish([f for o in outcomes for f in o.failures], [])
    table.meta = _meta(doc, "llm", config, prompt, ledger, chunks=len(chunks))
    return table


def _first_flags(placed: list[_Placed]) -> list[_Placed]:
    """Mark, on each answered row, whether it is the first row of its chunk (for merging)."""
    firsts: dict[int, Any] = {}
    for item in placed:
        firsts.setdefault(id(item.chunk), item.answer)
    for item in placed:
        item.chunk_first = firsts[id(item.chunk)]
    return placed


def rows_to_reread(table: BudgetTable, parses: list[RowParse]) -> dict[int, list[str]]:
    """Index of each row the LLM should read again -> the problems the rules found in it."""
    by_line: dict[int, list[str]] = {}
    for warning in validate_table(table):
        if warning.code in REREAD_CODES and warning.row is not None:
            where = f" #{warning.seq}" if warning.seq is not None else ""
            by_line.setdefault(warning.row, []).append(f"{warning.code}{where} {warning.field or ''}: {warning.message}")
    out: dict[int, list[str]] = {}
    for index, parse in enumerate(parses):
        problems = [f.message if not f.field else f"{f.field}: {f.message}" for f in parse.failures or []]
        if parse.kind == "project":
            problems += by_line.get(parse.row.line, [])
        if parse.kind == "unknown" or problems:
            out[index] = problems or ["the rules could not read this row"]
    return out


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for index in indices:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def extract_auto(doc: Document, config: LLMConfig, *, ledger: Ledger | None = None,
                 cache: ResponseCache | None = None, progress: bool = False) -> BudgetTable:
    """The rules first; only the rows they could not read (or that fail validation) go to the LLM.

    A table the rules read cleanly makes no request at all. The LLM's rows replace the rows
    it re-read; when a re-read fails, the rules' reading and its failures are kept.

    Raises:
        BackendConfigError: no endpoint configured.
        InputError: nothing in the document looks like a table.
    """
    config.require("auto")
    from .parsers.form import looks_like_form
    from .rules_backend import split_parts

    if looks_like_form(doc) or len(split_parts(doc)) > 1:
        return _auto_whole(doc, config, ledger, cache, progress)
    try:
        rules_table, parses = extract_document_rows(doc)
    except InputError:
        return _auto_whole(doc, config, ledger, cache, progress)
    reread = rows_to_reread(rules_table, parses)
    prompt = load_prompt(PROMPT_TASK)
    ledger = ledger if ledger is not None else Ledger(max_requests=config.max_requests, max_tokens=config.max_tokens)
    if not reread:
        rules_table.meta = _meta(doc, "auto", config, prompt, ledger, rows_reread=0, chunks=0)
        return rules_table
    ledger, cache, prompt = _setup(config, "auto", ledger, cache)
    header_rows, _ = split_header(doc)
    header = "\n".join(_row_text(r) for r in header_rows if r.raw.strip())
    run_chunks: list[tuple[list[int], list[Chunk]]] = []
    for run in _runs(sorted(reread)):
        chunks = chunk_rows([parses[i].row for i in run], header, config.chunk_chars)
        notes = "\n".join(f"line {parses[i].row.line}: " + "; ".join(reread[i]) for i in run)
        for chunk in chunks:
            chunk.notes = ("The rule-based reader had these problems with these rows; read them carefully "
                           "(problems that the source itself has stay as written):\n" + notes)
        run_chunks.append((run, chunks))
    all_chunks = [c for _, chunks in run_chunks for c in chunks]
    outcomes = _run(_read_all(all_chunks, config, prompt, doc.source, ledger, cache, progress))
    by_chunk = {id(o.chunk): o for o in outcomes}

    replaced: dict[int, list[_Placed]] = {}  # first index of a run -> the LLM rows for it
    skipped: set[int] = set()
    llm_failures: list[Failure] = []
    for run, chunks in run_chunks:
        results = [by_chunk[id(c)] for c in chunks]
        failures = [f for r in results for f in r.failures]
        placed = _merge_straddling(_first_flags(_locate([a for r in results for a in r.answers])))
        rules_projects = sum(parses[i].kind == "project" for i in run)
        llm_projects = sum(p.answer.kind == "project" for p in placed)
        if not failures and llm_projects < rules_projects:  # never lose rows the rules did read
            first = parses[run[0]].row
            failures.append(Failure(
                source=doc.source, row=first.line, field=f"llm lines {first.line}-{parses[run[-1]].row.line}",
                message=(f"the LLM returned {llm_projects} projects where the rules read {rules_projects}; "
                         "the rules' reading is kept"),
                raw="\n".join(parses[i].row.raw for i in run)[:4000],
            ))
        llm_failures.extend(failures)
        if not failures:
            replaced[run[0]] = placed
            skipped.update(run)

    build = _TableBuilder(BudgetTable(title=rules_table.title, department=rules_table.department,
                                      currency_unit=rules_table.currency_unit, amounts=rules_table.amounts,
                                      spans=rules_table.spans), doc)
    rules_by_row = {id(p.row): p.project for p in parses}
    unit_parses = sum(p.kind == "unit" for p in parses)
    rule_units = iter(rules_table.units[len(rules_table.units) - unit_parses:])  # past a department unit
    for index, parse in enumerate(parses):
        unit = next(rule_units) if parse.kind == "unit" else None
        for placed in replaced.get(index, []):
            build.llm_row(placed, rules_by_row.get(id(placed.row)))
        if index in skipped:
            continue
        if unit is not None:
            build.unit(Unit(name=unit.name, amounts=unit.amounts, spans=unit.spans))
        elif parse.kind == "project" and parse.project is not None:
            build.project(parse.project)
    skipped_lines = {parses[i].row.line for i in skipped}
    table = build.finish(llm_failures, [f for f in rules_table.failures if f.row not in skipped_lines])
    table.meta = _meta(doc, "auto", config, prompt, ledger, rows_reread=len(reread), chunks=len(all_chunks))
    return table


def _auto_whole(doc: Document, config: LLMConfig, ledger: Ledger | None, cache: ResponseCache | None,
                progress: bool = False) -> BudgetTable:
    """Auto mode for documents the row-by-row rules do not cover (project forms, several sheets,
    unknown layouts): the rules' whole reading when it is clean, else the whole document via the LLM."""
    from .rules_backend import extract_with_rules

    try:
        table = extract_with_rules(doc)
    except InputError:
        table = None
    if table is not None and not table.failures and not any(w.code in REREAD_CODES for w in validate_table(table)):
        ledger = ledger if ledger is not None else Ledger()
        table.meta = _meta(doc, "auto", config, load_prompt(PROMPT_TASK), ledger, rows_reread=0, chunks=0)
        return table
    table = extract_llm(doc, config, ledger=ledger, cache=cache, progress=progress)
    assert table.meta is not None
    table.meta.backend = "auto"
    table.meta.extra["whole_document"] = "the rules could not read this layout row by row"
    return table
