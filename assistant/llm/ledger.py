"""What a run cost: requests, tokens, retries and cache hits, and the budget that caps them.

One :class:`Ledger` per run is shared by every chunk. Before each request the caller asks
:meth:`Ledger.reserve`; once the budget is spent it raises :class:`BudgetExhausted` and
the chunk that could not be sent becomes a failure, so the run stops cleanly with what it
already has.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["Ledger", "BudgetExhausted"]


class BudgetExhausted(Exception):
    """The run's --max-requests / --max-tokens budget is spent; no more requests are sent."""


@dataclass(slots=True)
class Ledger:
    """Counters for one run, and its optional budget.

    Attributes:
        requests: HTTP requests sent (including failed ones and re-asks).
        prompt_tokens / completion_tokens: as reported by the server's ``usage``.
        retries: requests repeated after 429 / 5xx / timeout / malformed or invalid answers.
        cache_hits: chunks answered from the on-disk cache (no request).
        chunks: chunks processed; failed_chunks: chunks that produced no records.
        max_requests / max_tokens: the budget (None = unbounded).
    """

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0
    cache_hits: int = 0
    chunks: int = 0
    failed_chunks: int = 0
    max_requests: int | None = None
    max_tokens: int | None = None

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def exhausted(self) -> str | None:
        """Why the budget is spent, or None while requests may still be sent."""
        if self.max_requests is not None and self.requests >= self.max_requests:
            return f"request budget spent ({self.requests} of --max-requests {self.max_requests})"
        if self.max_tokens is not None and self.total_tokens >= self.max_tokens:
            return f"token budget spent ({self.total_tokens} of --max-tokens {self.max_tokens})"
        return None

    def reserve(self) -> None:
        """Count one request about to be sent.

        Raises:
            BudgetExhausted: the budget does not allow another request.
        """
        reason = self.exhausted()
        if reason:
            raise BudgetExhausted(reason)
        self.requests += 1

    def add_usage(self, usage: object | None) -> None:
        """Add an OpenAI ``usage`` object (or dict); servers that send none add nothing."""
        if usage is None:
            return
        get = usage.get if isinstance(usage, dict) else lambda k, d=None: getattr(usage, k, d)
        self.prompt_tokens += int(get("prompt_tokens", 0) or 0)
        self.completion_tokens += int(get("completion_tokens", 0) or 0)

    def to_dict(self) -> dict[str, int | None]:
        data = asdict(self)
        data["total_tokens"] = self.total_tokens
        return data
