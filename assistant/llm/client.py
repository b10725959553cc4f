"""One structured call to an OpenAI-compatible endpoint, made robust.

:class:`LLMClient` wraps the real ``openai.AsyncOpenAI`` client with ``instructor`` and
adds what a batch of government tables needs:

* bounded concurrency (a semaphore shared by every chunk of a run);
* a timeout per request, and retries with backoff on 429 (honouring ``Retry-After``),
  5xx, timeouts and dropped connections — the openai client's own retries are off so
  each request is counted;
* validation re-asks that stay small: instructor makes exactly one attempt per request,
  and a re-ask sends the original messages plus one note with the errors, never the
  growing conversation instructor would otherwise build;
* the ledger (requests, tokens, retries, cache hits, budget) and the on-disk cache.

Public surface, also used by the drafting chain::

    config = LLMConfig.from_env(base_url=..., model=...)
    result = structured_call(config, messages, MyModel, ledger=Ledger(), cache=ResponseCache())
    # or, inside asyncio code:
    async with LLMClient(config, ledger=ledger, cache=cache) as client:
        result = await client.call(messages, MyModel, cache_parts={"prompt": "extract@1"})
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from typing import Any, TypeVar

import httpx
import instructor
import openai
from instructor.core.exceptions import (
    IncompleteOutputException,
    InstructorRetryException,
)
from pydantic import BaseModel, ValidationError

from ..errors import BackendConfigError, LLMOutputError
from .cache import ResponseCache, cache_key
from .config import LLMConfig
from .ledger import Allowance, BudgetExhausted, Ledger

__all__ = [
    "BudgetExhausted",
    "EndpointUnreachable",
    "LLMClient",
    "TruncatedAnswer",
    "prompt_token_bound",
    "structured_call",
    "structured_call_async",
]

T = TypeVar("T", bound=BaseModel)

_MODES = {"tools": instructor.Mode.TOOLS, "json": instructor.Mode.JSON, "md_json": instructor.Mode.MD_JSON}
_MAX_RETRY_AFTER = 120.0

# instructor logs every failed attempt at ERROR; the ledger and failures report them instead
logging.getLogger("instructor").addHandler(logging.NullHandler())
logging.getLogger("instructor").propagate = False


class TruncatedAnswer(LLMOutputError):
    """The model stopped at its output limit (finish_reason ``length``); send less text."""


class EndpointUnreachable(BackendConfigError):
    """No request of the run reached the endpoint (refused, unknown host, no route): exit 2."""


class _Rejected(Exception):
    """One answer that did not parse or validate; ``errors`` is what the re-ask tells the model."""

    def __init__(self, errors: str):
        super().__init__(errors)
        self.errors = errors


def _describe_parse_error(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        lines = []
        for err in exc.errors()[:20]:
            where = ".".join(str(p) for p in err.get("loc", ())) or "(answer)"
            lines.append(f"- {where}: {err.get('msg')}")
        return "\n".join(lines)
    if isinstance(exc, json.JSONDecodeError):
        return f"- the answer is not valid JSON: {exc.msg} at position {exc.pos}"
    return f"- {type(exc).__name__}: {str(exc)[:500]}"


def _retry_after(exc: openai.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after") if exc.response is not None else None
    if value is None:
        return None
    try:
        return min(max(float(value), 0.0), _MAX_RETRY_AFTER)
    except ValueError:
        return None  # an HTTP date: fall back to exponential backoff


class LLMClient:
    """The async client of one run: shared connection pool, semaphore, ledger and cache.

    Use as ``async with LLMClient(config) as client`` inside one event loop.
    """

    def __init__(self, config: LLMConfig, *, ledger: Ledger | None = None, cache: ResponseCache | None = None):
        self.config = config.require()
        self.ledger = (
            ledger if ledger is not None else Ledger(max_requests=config.max_requests, max_tokens=config.max_tokens)
        )
        self.cache = (cache if cache is not None else ResponseCache()) if config.cache else None
        timeout = httpx.Timeout(config.timeout, connect=min(config.connect_timeout, config.timeout))
        self._openai = openai.AsyncOpenAI(
            base_url=config.base_url, api_key=config.api_key or "not-needed", max_retries=0, timeout=timeout
        )
        self._client = instructor.from_openai(self._openai, mode=_MODES[config.mode])
        self._semaphore = asyncio.Semaphore(max(1, config.concurrency))
        self._deadline: float | None = None
        #: whether any request got an HTTP answer; the last connection error when none did
        self.reached = False
        self.connect_error: str | None = None

    def unreachable(self) -> EndpointUnreachable | None:
        """The error to raise when no request of this client reached the endpoint at all."""
        if self.reached or self.connect_error is None:
            return None
        return EndpointUnreachable(
            f"无法连接 LLM 端点 {self.config.base_url} (cannot reach the endpoint: "
            f"{self.connect_error}); check ASSISTANT_BASE_URL / --base-url and that the server runs"
        )

    async def __aenter__(self) -> LLMClient:
        if self.config.deadline is not None:
            self._deadline = asyncio.get_running_loop().time() + self.config.deadline
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._openai.close()

    def _key(self, messages: list[dict[str, Any]], response_model: type[BaseModel], cache_parts: dict[str, Any]) -> str:
        return cache_key(
            base_url=self.config.base_url,
            model=self.config.model,
            mode=self.config.mode,
            schema=response_model.model_json_schema(),
            messages=messages,
            **cache_parts,
        )

    async def call(
        self,
        messages: list[dict[str, Any]],
        response_model: type[T],
        *,
        max_retries: int | None = None,
        cache_parts: dict[str, Any] | None = None,
        validation_context: dict[str, Any] | None = None,
        max_tokens: int | None = None,
        allowance: Allowance | None = None,
    ) -> T:
        """One validated answer for ``messages``.

        Args:
            messages: chat messages; the last one is the user message holding the data.
            response_model: the pydantic model the answer must fit.
            max_retries: validation re-asks after the first answer (default from the config).
            cache_parts: extra cache-key parts, e.g. the prompt id, version and hash.
            validation_context: passed to pydantic validators.
            max_tokens: the completion cap of each request (None: the server's default).
            allowance: completion tokens this call (and its re-asks) may spend in all.

        Raises:
            BudgetExhausted: the run's budget, deadline or the allowance permits no further request.
            TruncatedAnswer: the model hit its output limit.
            LLMOutputError: no valid answer after the retries, or the endpoint kept failing.
        """
        retries = self.config.max_retries if max_retries is None else max_retries
        max_tokens = self.config.default_max_tokens if max_tokens is None else max_tokens
        key = self._key(messages, response_model, cache_parts or {}) if self.cache is not None else None
        if key is not None and (entry := self.cache.get(key)) is not None:
            try:
                result = response_model.model_validate(entry["answer"], context=validation_context)
                self.ledger.cache_hits += 1
                return result
            except (ValidationError, KeyError, TypeError):
                pass  # a stale entry (model changed): ask again
        async with self._semaphore:
            errors: str | None = None
            for attempt in range(retries + 1):
                if attempt:
                    self.ledger.retries += 1
                sent = messages if errors is None else [*messages, _reask_note(errors)]
                try:
                    result = await self._send(sent, response_model, validation_context, max_tokens, allowance)
                except _Rejected as rejected:
                    errors = rejected.errors
                    continue
                if key is not None:
                    self.cache.put(key, {"answer": result.model_dump(mode="json"), "model": self.config.model})
                return result
        raise LLMOutputError(f"no valid answer after {retries + 1} attempts; last problems:\n{errors}")

    def time_left(self) -> float | None:
        """Seconds until the run's deadline (None: no deadline)."""
        if self._deadline is None:
            return None
        return self._deadline - asyncio.get_running_loop().time()

    def _request_timeout(self) -> float:
        """This request's total time: the per-request timeout, cut to what the run has left.

        Raises:
            BudgetExhausted: the run's deadline has passed.
        """
        left = self.time_left()
        if left is not None and left <= 0.05:
            raise BudgetExhausted(f"the run's deadline ({self.config.deadline:g} s, --deadline) has passed")
        return self.config.timeout if left is None else min(self.config.timeout, left)

    async def _send(
        self,
        messages: list[dict[str, Any]],
        response_model: type[T],
        context: dict[str, Any] | None,
        max_tokens: int | None = None,
        allowance: Allowance | None = None,
    ) -> T:
        """One request, repeated on transport faults (429, 5xx, timeouts) with backoff.

        The whole request (connect and every read) must finish within the timeout, and no
        wait follows the last attempt. A refused connection is tried twice, not more.
        """
        last: Exception | None = None
        tries = self.config.max_transport_retries + 1
        prompt_bound = prompt_token_bound(messages, response_model)
        for attempt in range(tries):
            if attempt:
                self.ledger.retries += 1
            timeout = self._request_timeout()
            held_cap = cap = allowance.take(max_tokens) if allowance is not None else max_tokens
            try:
                cap, held = self.ledger.reserve(prompt_bound, cap)
            except BudgetExhausted:
                if allowance is not None:
                    allowance.refund(held_cap or 0)
                raise
            usage: Any = None
            answered = False  # the model produced tokens (an answer, cut off or rejected)
            try:
                async with asyncio.timeout(timeout):
                    result, completion = await self._client.chat.completions.create_with_completion(
                        model=self.config.model,
                        messages=messages,
                        response_model=response_model,
                        max_retries=0,
                        strict=False,
                        **({"max_tokens": cap} if cap else {}),
                        **({"context": context} if context else {}),
                    )
                self.reached = answered = True
                usage = getattr(completion, "usage", None)
            except IncompleteOutputException as exc:
                self.reached = answered = True
                usage = getattr(exc.last_completion, "usage", None)
                raise TruncatedAnswer(
                    "the answer was cut off at its length limit (finish_reason=length)"
                    + (f", {cap} completion tokens" if cap else "")
                ) from exc
            except InstructorRetryException as exc:
                cause = exc.__cause__ or exc
                if not isinstance(cause, openai.APIError):
                    self.reached = answered = True
                    usage = exc.total_usage or getattr(getattr(exc, "last_completion", None), "usage", None)
                    raise _Rejected(_describe_parse_error(cause)) from exc
                last = cause
            except openai.APIError as exc:  # raised outside instructor's retry wrapper
                last = exc
            except TimeoutError:
                last = TimeoutError(f"no complete answer within {timeout:.0f} s")
            else:
                return result
            finally:
                self.ledger.settle(held, usage)
                if allowance is not None:  # give back what the answer did not use
                    allowance.refund((held_cap or 0) - _completion_tokens(usage, cap if answered else 0))
            if isinstance(last, openai.APIStatusError):
                self.reached = True
                if last.status_code < 500 and last.status_code not in (408, 429):
                    raise LLMOutputError(_refusal(last, self.config)) from last
            elif isinstance(last, openai.APIConnectionError) and not isinstance(last, openai.APITimeoutError):
                self.connect_error = f"{type(last.__cause__ or last).__name__}: {last.__cause__ or last}"
                if attempt >= 1:
                    break  # a host that refused twice will not answer the third time
            if attempt + 1 < tries:  # never sleep after the last attempt
                await self._pause(self._wait(last, attempt))
        raise LLMOutputError(f"the endpoint kept failing after {attempt + 1} tries: {last}")

    async def _pause(self, seconds: float) -> None:
        left = self.time_left()
        if left is not None and seconds >= left:
            raise BudgetExhausted(
                f"the run's deadline ({self.config.deadline:g} s, --deadline) comes before the next try"
            )
        await asyncio.sleep(seconds)

    def _wait(self, exc: Exception, attempt: int) -> float:
        """Retry-After when the server sends it, else exponential backoff with jitter."""
        if isinstance(exc, openai.APIStatusError) and exc.status_code == 429:
            after = _retry_after(exc)
            if after is not None:
                return after
        base = self.config.backoff_base * (2**attempt)
        return min(base + random.uniform(0, base / 4), 60.0)


def _completion_tokens(usage: Any, fallback: int | None) -> int:
    """Completion tokens from a usage object or dict; ``fallback`` when the server sent none."""
    if usage is None:
        return fallback or 0
    value = usage.get("completion_tokens") if isinstance(usage, dict) else getattr(usage, "completion_tokens", None)
    return int(value) if value is not None else (fallback or 0)


def prompt_token_bound(messages: list[dict[str, Any]], response_model: type[BaseModel]) -> int:
    """An upper bound of the prompt's tokens: its UTF-8 bytes (a byte-level BPE token covers at
    least one byte), the schema's, and a little for the chat template of each message."""
    text = "".join(str(m.get("content") or "") for m in messages)
    schema = json.dumps(response_model.model_json_schema(), ensure_ascii=False)
    return len(text.encode("utf-8")) + len(schema.encode("utf-8")) + 16 * (len(messages) + 1)


def _refusal(exc: openai.APIStatusError, config: LLMConfig) -> str:
    """A 4xx answer, with what to change."""
    hint = ""
    if exc.status_code in (401, 403):
        hint = " (check ASSISTANT_API_KEY / OPENAI_API_KEY or --api-key)"
    elif exc.status_code == 404:
        hint = f" (check ASSISTANT_BASE_URL, usually ending in /v1, and that the model {config.model!r} exists)"
    elif exc.status_code in (400, 422) and config.mode == "tools":
        hint = " (if the server does not support tool calling, set ASSISTANT_MODE=json or --mode json)"
    return f"the endpoint refused the request: HTTP {exc.status_code}: {exc.message}{hint}"


def _reask_note(errors: str) -> dict[str, str]:
    return {
        "role": "user",
        "content": "你上一次的回答没有通过校验，问题如下。请只针对上面同一段数据重新回答，完整输出，符合 schema：\n"
        f"Your previous answer was rejected:\n{errors}",
    }


async def structured_call_async(
    config: LLMConfig,
    messages: list[dict[str, Any]],
    response_model: type[T],
    *,
    max_retries: int | None = None,
    ledger: Ledger | None = None,
    cache: ResponseCache | None = None,
    cache_parts: dict[str, Any] | None = None,
) -> T:
    """One validated answer, with a client opened and closed around it (see :meth:`LLMClient.call`)."""
    async with LLMClient(config, ledger=ledger, cache=cache) as client:
        return await client.call(messages, response_model, max_retries=max_retries, cache_parts=cache_parts)


def structured_call(
    config: LLMConfig,
    messages: list[dict[str, Any]],
    response_model: type[T],
    *,
    max_retries: int | None = None,
    ledger: Ledger | None = None,
    cache: ResponseCache | None = None,
    cache_parts: dict[str, Any] | None = None,
) -> T:
    """Synchronous :func:`structured_call_async` for code that is not async."""
    return asyncio.run(
        structured_call_async(
            config,
            messages,
            response_model,
            max_retries=max_retries,
            ledger=ledger,
            cache=cache,
            cache_parts=cache_parts,
        )
    )
