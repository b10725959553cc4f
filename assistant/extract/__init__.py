"""Step 2 of the pipeline: a document's rows and cells -> records.

One entry, :func:`extract`, and a registry of backends:

* ``rules`` — the parsers in :mod:`.parsers` (department tables, single-project forms, the
  assistant's own flat exports), dispatched by :mod:`.rules_backend`; needs nothing.
* ``llm`` / ``auto`` — the LLM chain in :mod:`.llm` over any OpenAI-compatible endpoint;
  ``auto`` lets the rules read what they can and sends the rest to the model.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from ..errors import BackendConfigError
from ..ingest import Document
from ..schema import BudgetTable
from .cut_values import flag_values_at_text_end
from .goal_doubt import flag_goals_of_two_cells
from .goal_edges import flag_goals_inside_text
from .name_doubt import flag_doubtful_names
from .parsers.flat import is_flat_export
from .wrapped_goal import join_wrapped_goals

__all__ = ["Backend", "BACKENDS", "LLM_OPTIONS", "extract", "default_backend", "llm_config"]


class Backend(StrEnum):
    RULES = "rules"
    LLM = "llm"
    AUTO = "auto"


#: the backend names, "rules" first (it needs nothing; the others need an LLM endpoint)
BACKENDS: tuple[str, ...] = tuple(b.value for b in Backend)

#: extract() options that override the LLM endpoint configuration (see assistant.llm.LLMConfig)
LLM_OPTIONS = (
    "base_url",
    "model",
    "api_key",
    "mode",
    "max_requests",
    "max_tokens",
    "concurrency",
    "timeout",
    "cache",
    "chunk_chars",
    "max_retries",
    "deadline",
    "completion_factor",
    "offline",
)


def llm_config(options: dict[str, object]):
    """The endpoint configuration: ``options["config"]``, else the environment overridden by LLM_OPTIONS."""
    from ..llm.config import LLMConfig

    config = options.get("config")
    if config is None:
        config = LLMConfig.from_env(**{k: options.get(k) for k in LLM_OPTIONS})
    return config


def _rules(doc: Document, **_options: object) -> BudgetTable:
    from .rules_backend import extract_with_rules

    return extract_with_rules(doc)


def _llm(backend: Backend) -> Callable[..., BudgetTable]:
    def run(doc: Document, **options: object) -> BudgetTable:
        """Options: config or LLM_OPTIONS; ledger (an assistant.llm.Ledger to fill), response_cache
        (an assistant.llm.ResponseCache), progress (a callable(done, total) called as chunks finish),
        notice (a callable(line) for the one-line notices: a table about to leave this machine,
        a broken cache)."""
        from .llm import extract_auto, extract_llm

        config = llm_config(options).require(backend.value)
        chain = extract_llm if backend is Backend.LLM else extract_auto
        progress, notice = options.get("progress"), options.get("notice")
        return chain(
            doc,
            config,
            ledger=options.get("ledger"),
            cache=options.get("response_cache"),  # type: ignore[arg-type]
            progress=progress if callable(progress) else None,
            notice=notice if callable(notice) else None,
        )

    return run


_REGISTRY: dict[Backend, Callable[..., BudgetTable]] = {
    Backend.RULES: _rules,
    Backend.LLM: _llm(Backend.LLM),
    Backend.AUTO: _llm(Backend.AUTO),
}


def extract(doc: Document, backend: str | Backend = Backend.RULES, **options: object) -> BudgetTable:
    """Extract a table from an ingested document with the chosen backend.

    Raises:
        BackendConfigError: an unknown backend, or an LLM backend with no endpoint configured.
        InputError: the document holds no table the backend can read.
    """
    try:
        chosen = Backend(backend)
    except ValueError:
        raise BackendConfigError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}") from None
    table = _REGISTRY[chosen](doc, **options)
    if not is_flat_export(doc):  # the assistant's own export has no page to be cut
        join_wrapped_goals(doc, table)
        flag_goals_of_two_cells(doc, table)
        flag_goals_inside_text(doc, table)
        flag_doubtful_names(doc, table)
        flag_values_at_text_end(doc, table)
    kept = {id(f) for f in table.failures}  # what the reader could not read, whatever the backend
    table.failures[:0] = [f for f in doc.failures if id(f) not in kept]
    return table


def default_backend(**options: object) -> Backend:
    """``auto`` when an LLM endpoint is configured (environment or options), else ``rules``."""
    return Backend.AUTO if llm_config(options).is_configured else Backend.RULES
