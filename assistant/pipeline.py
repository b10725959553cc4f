"""The pipeline as one call: ingest → extract → validate.

The CLI, the eval harness and the batch runner all go through here, so a backend added
in one place (rules, llm, auto) is available everywhere.
"""

from __future__ import annotations

from pathlib import Path

from .errors import BackendConfigError
from .extract.form import extract_with_rules
from .ingest import Document, read_path
from .schema import BudgetTable
from .validate import ValidationWarning, validate_table

__all__ = ["BACKENDS", "LLM_OPTIONS", "default_backend", "extract_document", "extract_path", "check_path"]

#: the extraction backends; "rules" needs nothing, the others need an LLM endpoint
BACKENDS = ("rules", "llm", "auto")


def extract_document(doc: Document, backend: str = "rules", **options: object) -> BudgetTable:
    """Extract a table from an ingested document with the chosen backend.

    Raises:
        BackendConfigError: an LLM backend was asked for and none is available.
    """
    if backend == "rules":
        return extract_with_rules(doc)  # department table(s) or single-project form(s)
    if backend in ("llm", "auto"):
        return _extract_with_llm(doc, backend, **options)
    raise BackendConfigError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")


#: extract_document options that override the LLM endpoint configuration (see assistant.llm.LLMConfig)
LLM_OPTIONS = ("base_url", "model", "api_key", "mode", "max_requests", "max_tokens", "concurrency", "timeout",
               "cache", "chunk_chars", "max_retries", "deadline", "completion_factor", "offline")


def _llm_config(options: dict[str, object]):
    from .llm.config import LLMConfig

    config = options.get("config")
    if config is None:
        config = LLMConfig.from_env(**{k: options.get(k) for k in LLM_OPTIONS})
    return config


def _extract_with_llm(doc: Document, backend: str, **options: object) -> BudgetTable:
    """The "llm" and "auto" backends (assistant/extract/llm/); options: config or LLM_OPTIONS,
    ledger (an assistant.llm.Ledger to fill), response_cache (an assistant.llm.ResponseCache),
    progress (``progress(done, total)`` as chunks finish), notice (``notice(line)`` for the
    one-line notices: a table about to leave this machine, a broken cache)."""
    from .extract.llm import extract_auto, extract_llm

    config = _llm_config(options).require(backend)
    run = extract_llm if backend == "llm" else extract_auto
    progress, notice = options.get("progress"), options.get("notice")
    return run(doc, config, ledger=options.get("ledger"), cache=options.get("response_cache"),  # type: ignore[arg-type]
               progress=progress if callable(progress) else None, notice=notice if callable(notice) else None)


def default_backend(**options: object) -> str:
    """"auto" when an LLM endpoint is configured (env or options), else "rules"."""
    return "auto" if _llm_config(options).is_configured else "rules"


def extract_path(path: str | Path, backend: str = "rules", **options: object) -> BudgetTable:
    """Read and extract one file (``-`` for standard input)."""
    return extract_document(read_path(path), backend, **options)


def check_path(path: str | Path, backend: str = "rules") -> tuple[BudgetTable, list[ValidationWarning]]:
    """A table and its validation warnings; interchange JSON is loaded, anything else extracted."""
    from .export import load_table

    if str(path).lower().endswith(".json"):
        table = load_table(path)
    else:
        table = extract_path(path, backend)
    return table, validate_table(table)
