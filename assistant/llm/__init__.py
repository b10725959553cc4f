"""The LLM layer: endpoint config, a robust structured-call client, cache, ledger, grounding.

Everything here talks to one OpenAI-compatible endpoint the user configured; nothing is
sent anywhere else. See :mod:`assistant.llm.client` for the public surface.

Names are imported on first use: the openai and instructor packages take about a second
to import, which every CLI command would otherwise pay even when no LLM is involved.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "LLMConfig",
    "MODES",
    "LLMClient",
    "structured_call",
    "structured_call_async",
    "TruncatedAnswer",
    "Ledger",
    "BudgetExhausted",
    "ResponseCache",
]

_HOMES = {
    "ResponseCache": "cache",
    "LLMClient": "client",
    "TruncatedAnswer": "client",
    "structured_call": "client",
    "structured_call_async": "client",
    "MODES": "config",
    "LLMConfig": "config",
    "BudgetExhausted": "ledger",
    "Ledger": "ledger",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value
