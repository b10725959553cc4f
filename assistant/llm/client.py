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

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError

from ..errors import LLMOutputError
from .cache import ResponseCache, cache_key
from .config import LLMConfig
from .ledger import BudgetExhausted, Ledger

__all__ = ["LLMClient", "structured_call", "structured_call_async", "TruncatedAnswer", "BudgetExhausted"]

T = TypeVar("T", bound=BaseModel)

_MODES = {"tools": instructor.Mode.TOOLS, "json": instructor.Mode.JSON, "md_json": instructor.Mode.MD_JSON}
_MAX_RETRY_AFTER = 120.0

# instructor logs every failed attempt at ERROR; the ledger and failures report them instead
logging.getLogger("instructor").addHandler(logging.NullHandler())
logging.getLogger("instructor").propagate = False


class TruncatedAnswer(LLMOutputError):
    """The model stopped at its output limit (finish_reason ``length``); send less text."""


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
        self.ledger = ledger if ledger is not None else Ledger(max_requests=config.max_requests, max_tokens=config.max_tokens)
        self.cache = (cache if cache is not None else ResponseCache()) if config.cache else None
        self._openai = openai.AsyncOpenAI(
            base_url=config.base_url, api_key=config.api_key or "not-needed", max_retries=0, timeout=config.timeout
        )
        self._client = instructor.from_openai(self._openai, mode=_MODES[config.mode])
        self._semaphore = asyncio.Semaphore(max(1, config.concurrency))

    async def __aenter__(self) -> "LLMClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._openai.close()

    def _key(self, messages: list[dict[str, Any]], response_model: type[BaseModel], cache_parts: dict[str, Any]) -> str:
        return cache_key(
            base_url=self.config.base_url, model=self.config.model, mode=self.config.mode,
            schema=response_model.model_json_schema(), messages=messages, **cache_parts,
        )

    async def call(
        self,
        messages: list[dict[str, Any]],
        response_model: type[T],
        *,
        max_retries: int | None = None,
        cache_parts: dict[str, Any] | None = None,
        validation_context: dict[str, Any] | None = None,
    ) -> T:
        """One validated answer for ``messages``.

        Args:
            messages: chat messages; the last one is the user message holding the data.
            response_model: the pydantic model the answer must fit.
            max_retries: validation re-asks after the first answer (default from the config).
            cache_parts: extra cache-key parts, e.g. the prompt id, version and hash.
            validation_context: passed to pydantic validators.

        Raises:
            BudgetExhausted: the run's budget allows no further request.
            TruncatedAnswer: the model hit its output limit.
            LLMOutputError: no valid answer after the retries, or the endpoint kept failing.
        """
        retries = self.config.max_retries if max_retries is None else max_retries
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
                    result = await self._send(sent, response_model, validation_context)
                except _Rejected as rejected:
                    errors = rejected.errors
                    continue
                if key is not None:
                    self.cache.put(key, {"answer": result.model_dump(mode="json"), "model": self.config.model})
                return result
        raise LLMOutputError(f"no valid answer after {retries + 1} attempts; last problems:\n{errors}")

    async def _send(self, messages: list[dict[str, Any]], response_model: type[T], context: dict[str, Any] | None) -> T:
        """One request, repeated on transport faults (429, 5xx, timeouts) with backoff."""
        last: Exception | None = None
        for attempt in range(self.config.max_transport_retries + 1):
            if attempt:
                self.ledger.retries += 1
            self.ledger.reserve()
            try:
                result, completion = await self._client.chat.completions.create_with_completion(
                    model=self.config.model, messages=messages, response_model=response_model,
                    max_retries=0, strict=False, **({"context": context} if context else {}),
                )
            except IncompleteOutputException as exc:
                self.ledger.add_usage(getattr(exc.last_completion, "usage", None))
                raise TruncatedAnswer("the answer was cut off at the model's output limit (finish_reason=length)") from exc
            except InstructorRetryException as exc:
                cause = exc.__cause__ or exc
                if isinstance(cause, openai.APIError):
                    last = cause
                    await asyncio.sleep(self._wait(cause, attempt))
                    if isinstance(cause, openai.APIStatusError) and cause.status_code < 500 and cause.status_code != 429:
                        raise LLMOutputError(_refusal(cause, self.config)) from cause
                    continue
                self.ledger.add_usage(exc.total_usage)
                raise _Rejected(_describe_parse_error(cause)) from exc
            except openai.APIError as exc:  # raised outside instructor's retry wrapper
                last = exc
                await asyncio.sleep(self._wait(exc, attempt))
                continue
            self.ledger.add_usage(getattr(completion, "usage", None))
            return result
        raise LLMOutputError(f"the endpoint kept failing after {self.config.max_transport_retries + 1} tries: {last}")

    def _wait(self, exc: Exception, attempt: int) -> float:
        """Retry-After when the server sends it, else exponential backoff with jitter."""
        if isinstance(exc, openai.APIStatusError) and exc.status_code == 429:
            after = _retry_after(exc)
            if after is not None:
                return after
        if isinstance(exc, openai.APIStatusError) and exc.status_code < 500 and exc.status_code != 429:
            return 0.0
        base = self.config.backoff_base * (2**attempt)
        return min(base + random.uniform(0, base / 4), 60.0)


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
        structured_call_async(config, messages, response_model, max_retries=max_retries, ledger=ledger,
                              cache=cache, cache_parts=cache_parts)
    )
