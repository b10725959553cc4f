"""``extract_auto``: the rules first; only the rows they could not read go to the LLM.

A table the rules read cleanly makes no request at all. The LLM's rows replace the rows
it re-read; when a re-read fails, the rules' reading and its failures are kept. Layouts
the row-by-row rules do not cover (project forms, several sheets) go whole to the LLM
unless the rules' whole reading is clean.
"""

from __future__ import annotations

from ...checks import validate_table
from ...errors import InputError
from ...ingest.document import Document
from ...llm.cache import ResponseCache
from ...llm.config import LLMConfig
from ...llm.ledger import Ledger
from ...messages import msg
from ...prompts import load_prompt
from ...schema import BudgetTable, Failure, Unit
from ..parsers.table import RowParse, extract_document_rows
from .assemble import MISREAD_CODES, TableBuilder, _Placed, place
from .chunking import Chunk, chunk_rows, row_text, split_header
from .fewshot import example_values
from .run import (
    PROMPT_TASK,
    Notice,
    Progress,
    extract_llm,
    finish_meta,
    read_chunks,
    setup,
)

__all__ = ["REREAD_CODES", "extract_auto", "rows_to_reread"]

#: validation codes that suggest the rules mis-read a row (the misreadings, and a value read with
#: low confidence), so auto mode asks the LLM again.
#: Codes about the source's own content (CODE_PAIR_MISMATCH, CODE_NAME_MISMATCH: kept as
#: written; amount sums across rows; duplicates) never trigger a re-read.
REREAD_CODES = MISREAD_CODES | {"LOW_CONFIDENCE"}


def rows_to_reread(table: BudgetTable, parses: list[RowParse]) -> dict[int, list[str]]:
    """Index of each row the LLM should read again -> the problems the rules found in it."""
    by_line: dict[int, list[str]] = {}
    for warning in validate_table(table):
        if warning.code in REREAD_CODES and warning.row is not None:
            where = f" #{warning.seq}" if warning.seq is not None else ""
            by_line.setdefault(warning.row, []).append(
                f"{warning.code}{where} {warning.field or ''}: {warning.message}"
            )
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


def extract_auto(
    doc: Document,
    config: LLMConfig,
    *,
    ledger: Ledger | None = None,
    cache: ResponseCache | None = None,
    progress: Progress | None = None,
    notice: Notice | None = None,
) -> BudgetTable:
    """The rules first; only the rows they could not read (or that fail validation) go to the LLM.

    A table the rules read cleanly makes no request at all. The LLM's rows replace the rows
    it re-read; when a re-read fails, the rules' reading and its failures are kept.

    Raises:
        BackendConfigError: no endpoint configured.
        InputError: nothing in the document looks like a table.
    """
    config.require("auto")
    from ..parsers.form import looks_like_form
    from ..rules_backend import split_parts

    if looks_like_form(doc) or len(split_parts(doc)) > 1:
        return _auto_whole(doc, config, ledger, cache, progress, notice)
    try:
        rules_table, parses = extract_document_rows(doc)
    except InputError:
        return _auto_whole(doc, config, ledger, cache, progress, notice)
    reread = rows_to_reread(rules_table, parses)
    prompt = load_prompt(PROMPT_TASK)
    ledger = ledger if ledger is not None else Ledger(max_requests=config.max_requests, max_tokens=config.max_tokens)
    if not reread:
        return finish_meta(rules_table, doc, "auto", config, prompt, ledger, rows_reread=0, chunks=0)
    ledger, cache, prompt = setup(config, "auto", ledger, cache, notice)
    header_rows, _ = split_header(doc)
    header = "\n".join(row_text(r) for r in header_rows if r.raw.strip())
    run_chunks: list[tuple[list[int], list[Chunk]]] = []
    for run in _runs(sorted(reread)):
        chunks = chunk_rows([parses[i].row for i in run], header, config.chunk_chars)
        notes = "\n".join(f"line {parses[i].row.line}: " + "; ".join(reread[i]) for i in run)
        for chunk in chunks:
            chunk.notes = (
                "The rule-based reader had these problems with these rows; read them carefully "
                "(problems that the source itself has stay as written):\n" + notes
            )
        run_chunks.append((run, chunks))
    all_chunks = [c for _, chunks in run_chunks for c in chunks]
    outcomes = read_chunks(all_chunks, config, prompt, doc.source, ledger, cache, progress, notice)
    by_chunk = {id(o.chunk): o for o in outcomes}

    replaced: dict[int, list[_Placed]] = {}  # first index of a run -> the LLM rows for it
    skipped: set[int] = set()
    llm_failures: list[Failure] = []
    for run, chunks in run_chunks:
        results = [by_chunk[id(c)] for c in chunks]
        failures = [f for r in results for f in r.failures]
        placed = place([a for r in results for a in r.answers])
        rules_projects = sum(parses[i].kind == "project" for i in run)
        llm_projects = sum(p.answer.kind == "project" for p in placed)
        if not failures and llm_projects < rules_projects:  # never lose rows the rules did read
            first = parses[run[0]].row
            failures.append(
                Failure(
                    source=doc.source,
                    row=first.line,
                    field=f"llm lines {first.line}-{parses[run[-1]].row.line}",
                    message=msg("LLM_FEWER_PROJECTS", llm=llm_projects, rules=rules_projects),
                    raw="\n".join(parses[i].row.raw for i in run)[:4000],
                )
            )
        llm_failures.extend(failures)
        if not failures:
            replaced[run[0]] = placed
            skipped.update(run)

    build = TableBuilder(
        BudgetTable(
            title=rules_table.title,
            department=rules_table.department,
            currency_unit=rules_table.currency_unit,
            amounts=rules_table.amounts,
            spans=rules_table.spans,
        ),
        doc,
        example_values(prompt),
    )
    rules_by_row = {id(p.row): p.project for p in parses}
    unit_parses = sum(p.kind == "unit" for p in parses)
    rule_units = iter(rules_table.units[len(rules_table.units) - unit_parses :])  # past a department unit
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
    return finish_meta(
        table, doc, "auto", config, prompt, ledger, cache, rows_reread=len(reread), chunks=len(all_chunks)
    )


def _auto_whole(
    doc: Document,
    config: LLMConfig,
    ledger: Ledger | None,
    cache: ResponseCache | None,
    progress: Progress | None = None,
    notice: Notice | None = None,
) -> BudgetTable:
    """Auto mode for documents the row-by-row rules do not cover (project forms, several sheets,
    unknown layouts): the rules' whole reading when it is clean, else the whole document via the LLM."""
    from ..rules_backend import extract_with_rules

    try:
        table = extract_with_rules(doc)
    except InputError:
        table = None
    if table is not None and not table.failures and not any(w.code in REREAD_CODES for w in validate_table(table)):
        ledger = ledger if ledger is not None else Ledger()
        return finish_meta(table, doc, "auto", config, load_prompt(PROMPT_TASK), ledger, rows_reread=0, chunks=0)
    rules = table
    table = extract_llm(doc, config, ledger=ledger, cache=cache, progress=progress, notice=notice)
    assert table.meta is not None
    table.meta.backend = "auto"
    table.meta.extra["whole_document"] = "the rules could not read this layout row by row"
    llm_broke = any(f.code == "LLM_CHUNK_FAILED" for f in table.failures)
    if rules is not None and (llm_broke or len(table.projects()) < len(rules.projects())):
        # never lose what the rules read: a failed or poorer LLM reading leaves the rules' reading, flagged
        kept = rules.model_copy(deep=True)
        kept.spans, kept.failures = dict(rules.spans), [*rules.failures, *table.failures]
        if not llm_broke:
            kept.failures.append(
                Failure(
                    source=doc.source,
                    field="llm",
                    message=msg("LLM_FEWER_PROJECTS", llm=len(table.projects()), rules=len(rules.projects())),
                )
            )
        kept.meta = table.meta
        kept.meta.extra["whole_document"] = "the LLM reading failed; the rules' reading is kept"
        return kept
    return table
