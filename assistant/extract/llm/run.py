"""Sending the chunks: concurrently, within the run's budget and deadlines, and ``extract_llm``.

Each chunk gets a completion cap derived from its size and a completion allowance for its
re-asks and split halves, so a model that rambles or loops costs a bounded number of tokens
and ends as a listed failure. A chunk whose answer is cut off is split in two and retried;
a chunk that keeps failing becomes a :class:`Failure` carrying its text, and every other
chunk is kept. No request is sent once ``--deadline`` has passed.

Nothing here prints: ``progress(done, total)`` is called as chunks finish, and
``notice(line)`` once before a table leaves this machine (and for a broken cache).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ...errors import BackendConfigError, InputError, LLMOutputError
from ...ingest.document import Document
from ...llm.cache import ResponseCache
from ...llm.client import LLMClient, TruncatedAnswer
from ...llm.config import LLMConfig
from ...llm.flags import record_flags
from ...llm.ledger import Allowance, BudgetExhausted, Ledger
from ...messages import msg
from ...prompts import Prompt, load_prompt
from ...schema import BudgetTable, Failure, Project, RunMeta
from ..parsers.form import looks_like_form
from ..parsers.table import extract_document_rows
from .answer import response_model
from .assemble import TableBuilder, header_fields, place
from .chunking import Chunk, chunk_document, completion_cap, split_in_two
from .fewshot import example_values
from .prompting import build_messages

__all__ = ["PROMPT_TASK", "Notice", "Progress", "extract_llm", "finish_meta", "read_chunks"]

PROMPT_TASK = "extract"
#: a chunk may spend this many times its completion cap in all (re-asks and split halves)
ALLOWANCE_FACTOR = 2.0
_RAW_LIMIT = 4000

Progress = Callable[[int, int], None]
Notice = Callable[[str], None]


def _log_notice(line: str) -> None:
    logging.getLogger("assistant.llm").warning(line)


@dataclass(slots=True)
class _Outcome:
    chunk: Chunk
    answers: list[tuple[Chunk, BaseModel]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


async def _read_chunk(
    client: LLMClient, chunk: Chunk, prompt: Prompt, source: str, allowance: Allowance | None = None
) -> _Outcome:
    config = client.config
    cap = completion_cap(chunk, config.completion_factor)
    if allowance is None:
        allowance = Allowance(int(ALLOWANCE_FACTOR * cap))
    outcome = _Outcome(chunk)
    parts = {"prompt_id": prompt.id, "prompt_version": prompt.version, "prompt_sha256": prompt.sha256}
    try:
        answer = await client.call(
            build_messages(chunk, prompt), response_model(), cache_parts=parts, max_tokens=cap, allowance=allowance
        )
        outcome.answers.append((chunk, answer))
        return outcome
    except TruncatedAnswer as exc:
        smaller = split_in_two(chunk, config.chunk_chars)
        if not smaller:
            problem = str(exc)
        else:
            for sub in await asyncio.gather(*(_read_chunk(client, c, prompt, source, allowance) for c in smaller)):
                outcome.answers.extend(sub.answers)
                outcome.failures.extend(sub.failures)
            return outcome
    except BudgetExhausted as exc:
        problem = f"not sent: {exc}"
    except LLMOutputError as exc:
        problem = str(exc)
    client.ledger.failed_chunks += 1
    outcome.failures.append(
        Failure(
            source=source,
            row=chunk.first_line,
            field=f"llm chunk lines {chunk.first_line}-{chunk.last_line}",
            message=msg("LLM_CHUNK_FAILED", problem=problem),
            raw=chunk.text[:_RAW_LIMIT],
        )
    )
    return outcome


async def _read_all(
    chunks: list[Chunk],
    config: LLMConfig,
    prompt: Prompt,
    source: str,
    ledger: Ledger,
    cache: ResponseCache | None,
    progress: Progress | None,
) -> list[_Outcome]:
    async with LLMClient(config, ledger=ledger, cache=cache) as client:
        ledger.chunks += len(chunks)
        done = 0

        async def one(chunk: Chunk) -> _Outcome:
            nonlocal done
            outcome = await _read_chunk(client, chunk, prompt, source)
            done += 1
            if progress is not None:
                progress(done, len(chunks))
            return outcome

        outcomes = list(await asyncio.gather(*(one(c) for c in chunks)))
        unreachable = client.unreachable()
        if unreachable is not None:
            raise unreachable
        return outcomes


def read_chunks(
    chunks: list[Chunk],
    config: LLMConfig,
    prompt: Prompt,
    source: str,
    ledger: Ledger,
    cache: ResponseCache | None,
    progress: Progress | None = None,
    notice: Notice | None = None,
) -> list[_Outcome]:
    """Every chunk, concurrently within the config's bound; one notice first if the endpoint is not local.

    Raises:
        EndpointUnreachable: no request reached the endpoint at all.
    """
    if chunks and not config.is_local:
        (notice or _log_notice)(
            f"正在把表格内容发送到本机以外的端点：{len(chunks)} 段 → {config.host}（模型 {config.model}）"
            f" (sending {len(chunks)} chunks to {config.host} (model {config.model}); --offline forbids this)"
        )
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_read_all(chunks, config, prompt, source, ledger, cache, progress))
    raise BackendConfigError("the LLM backends are synchronous entry points; call them outside a running event loop")


def finish_meta(
    table: BudgetTable,
    doc: Document,
    backend: str,
    config: LLMConfig,
    prompt: Prompt,
    ledger: Ledger,
    cache: ResponseCache | None = None,
    **extra: Any,
) -> BudgetTable:
    """The run's metadata, with the compact flags of low-confidence and ungrounded values."""
    if cache is not None and cache.problem:
        extra["cache_problem"] = cache.problem
    table.meta = RunMeta(
        source=doc.source,
        encoding=doc.encoding,
        layout=doc.layout,
        backend=backend,
        model=config.model,
        prompt_id=prompt.id,
        prompt_version=str(prompt.version),
        ledger=ledger.to_dict(),
        extra={
            "prompt_sha256": prompt.sha256,
            "base_url": config.base_url,
            "mode": config.mode,
            "completion_factor": config.completion_factor,
            **extra,
        },
    )
    record_flags(table)
    return table


def rules_by_row(doc: Document) -> dict[int, Project]:
    """The rules' reading of each project row (by line), for agreement; {} when they cannot read it."""
    try:
        _, parses = extract_document_rows(doc)
    except InputError:
        return {}
    return {p.row.line: p.project for p in parses if p.project is not None}


def setup(
    config: LLMConfig, backend: str, ledger: Ledger | None, cache: ResponseCache | None, notice: Notice | None = None
) -> tuple[Ledger, ResponseCache | None, Prompt]:
    config.require(backend)
    ledger = ledger if ledger is not None else Ledger(max_requests=config.max_requests, max_tokens=config.max_tokens)
    if cache is None and config.cache:
        cache = ResponseCache(notice=notice)
    elif cache is not None and notice is not None:
        cache.notice = notice
    return ledger, cache, load_prompt(PROMPT_TASK)


def extract_llm(
    doc: Document,
    config: LLMConfig,
    *,
    ledger: Ledger | None = None,
    cache: ResponseCache | None = None,
    progress: Progress | None = None,
    notice: Notice | None = None,
) -> BudgetTable:
    """Every table row through the LLM; values grounded; failed chunks listed, the rest kept.

    Raises:
        BackendConfigError: no endpoint configured, or an offline run and a remote endpoint.
        EndpointUnreachable: the endpoint could not be reached at all.
        InputError: the document has no rows at all.
    """
    ledger, cache, prompt = setup(config, "llm", ledger, cache, notice)
    chunks = chunk_document(doc, config.chunk_chars)
    if not chunks:
        raise InputError(doc.source, msg("LLM_NO_ROWS"))
    outcomes = read_chunks(chunks, config, prompt, doc.source, ledger, cache, progress, notice)
    answers = [a for o in outcomes for a in o.answers]
    rules = rules_by_row(doc)
    form = looks_like_form(doc)
    build = TableBuilder(BudgetTable(), doc, example_values(prompt), form=form)
    header_fields(build.table, answers, doc)
    for placed in place(answers):
        build.llm_row(placed, rules.get(placed.row.line) if placed.row else None)
    unread = build.unread([chunk for chunk, _ in answers], form)
    table = build.finish([f for o in outcomes for f in o.failures] + unread, [])
    return finish_meta(table, doc, "llm", config, prompt, ledger, cache, chunks=len(chunks))
