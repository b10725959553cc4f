"""What a run cost: requests, tokens, retries and cache hits, and the budget that caps them.

One :class:`Ledger` per run is shared by every chunk. Before each request the caller asks
:meth:`Ledger.reserve` with the request's worst case (an upper bound of its prompt tokens
plus its completion cap); the reservation counts against ``--max-tokens`` until the
server's usage replaces it (:meth:`Ledger.settle`), so chunks sent concurrently can never
pass the budget together. Once the budget is spent it raises :class:`BudgetExhausted` and
the chunk that could not be sent becomes a failure, so the run stops cleanly with what it
already has.

:class:`Allowance` bounds the completion tokens of one chunk across its re-asks and
splits, so a rambling model costs at most a fixed multiple of the chunk's expected answer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["MIN_COMPLETION", "Allowance", "BudgetExhausted", "Ledger"]

#: a request that cannot leave the model this many completion tokens is not worth sending
MIN_COMPLETION = 64


class BudgetExhausted(Exception):
    """The run's --max-requests / --max-tokens budget (or its deadline) is spent; no more requests are sent."""


@dataclass(slots=True)
class Allowance:
    """Completion tokens one chunk may still spend (its answer, re-asks and split halves)."""

    left: int

    def take(self, wanted: int | None) -> int:
        """Hold the completion cap of the next request (at most what is left); give back
        what the answer did not use with :meth:`refund`.

        Raises:
            BudgetExhausted: too little is left for a useful answer.
        """
        if self.left < MIN_COMPLETION:
            raise BudgetExhausted(
                f"this chunk's completion allowance is spent ({max(self.left, 0)} tokens left): "
                "the model's answers were too long (rambling?)"
            )
        cap = self.left if wanted is None else min(wanted, self.left)
        self.left -= cap
        return cap

    def refund(self, tokens: int) -> None:
        self.left += max(0, tokens)


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
    reserved: int = 0

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

    def reserve(self, prompt_tokens: int = 0, completion_cap: int | None = None) -> tuple[int | None, int]:
        """Count one request about to be sent, and hold its worst case against ``--max-tokens``.

        Args:
            prompt_tokens: an upper bound of the request's prompt tokens.
            completion_cap: the completion cap wanted (None: the server's default).

        Returns:
            (the completion cap to send, shrunk to fit the token budget; the tokens held,
            to pass to :meth:`settle`).

        Raises:
            BudgetExhausted: the budget does not allow this request.
        """
        reason = self.exhausted()
        if reason:
            raise BudgetExhausted(reason)
        held = 0
        if self.max_tokens is not None:
            room = self.max_tokens - self.total_tokens - self.reserved - prompt_tokens
            if room < MIN_COMPLETION:
                raise BudgetExhausted(
                    f"token budget: this request may need up to {prompt_tokens + MIN_COMPLETION} tokens and "
                    f"{self.total_tokens} are spent, {self.reserved} held by requests in flight, "
                    f"of --max-tokens {self.max_tokens}"
                )
            completion_cap = room if completion_cap is None else min(completion_cap, room)
            held = prompt_tokens + completion_cap
            self.reserved += held
        self.requests += 1
        return completion_cap, held

    def settle(self, held: int, usage: object | None = None) -> None:
        """A request is over: release what :meth:`reserve` held and add what the server reported."""
        self.reserved -= held
        self.add_usage(usage)

    def add_usage(self, usage: object | None) -> None:
        """Add an OpenAI ``usage`` object (or dict); servers that send none add nothing."""
        if usage is None:
            return
        get = usage.get if isinstance(usage, dict) else lambda k, d=None: getattr(usage, k, d)
        self.prompt_tokens += int(get("prompt_tokens", 0) or 0)
        self.completion_tokens += int(get("completion_tokens", 0) or 0)

    def to_dict(self) -> dict[str, int | None]:
        data = asdict(self)
        data.pop("reserved")
        data["total_tokens"] = self.total_tokens
        return data
