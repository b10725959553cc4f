"""The LLM layer: endpoint config, a robust structured-call client, cache, ledger, grounding.

Everything here talks to one OpenAI-compatible endpoint the user configured; nothing is
sent anywhere else. See :mod:`assistant.llm.client` for the public surface.
"""

from .cache import ResponseCache
from .client import LLMClient, TruncatedAnswer, structured_call, structured_call_async
from .config import MODES, LLMConfig
from .ledger import BudgetExhausted, Ledger

__all__ = [
    "LLMConfig", "MODES", "LLMClient", "structured_call", "structured_call_async", "TruncatedAnswer",
    "Ledger", "BudgetExhausted", "ResponseCache",
]
