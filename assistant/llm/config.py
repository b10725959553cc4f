"""Where the LLM lives: an OpenAI-compatible endpoint from environment variables or flags.

Any server speaking ``/v1/chat/completions`` works: OpenAI, DeepSeek, Qwen (DashScope
compatible mode), Ollama, vLLM, llama.cpp server. Nothing is sent anywhere unless a base
URL (or an OpenAI key, which implies api.openai.com) has been configured on purpose.

Environment variables (flags of the same meaning override them):

    ASSISTANT_BASE_URL   e.g. https://api.deepseek.com/v1 or http://127.0.0.1:11434/v1
    ASSISTANT_MODEL      e.g. deepseek-chat, qwen-plus, gpt-4o-mini, qwen2.5:7b
    ASSISTANT_API_KEY    the key (OPENAI_API_KEY is read when this is unset)
    ASSISTANT_MODE       tools (function calling, default) | json | md_json
    ASSISTANT_OFFLINE    1 = never send anything to an endpoint that is not on this machine
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..errors import BackendConfigError
from ..messages import msg

__all__ = ["DEFAULT_OPENAI_MODEL", "MODES", "OPENAI_BASE_URL", "LLMConfig"]

#: instructor modes by the names users type: tool calling, or JSON for servers without tools
MODES = ("tools", "json", "md_json")
OPENAI_BASE_URL = "https://api.openai.com/v1"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


@dataclass(frozen=True, slots=True)
class LLMConfig:
    """An endpoint and how to talk to it.

    Attributes:
        base_url: the OpenAI-compatible base URL (ending in ``/v1`` for most servers).
        model: the model name the server expects.
        api_key: the key; local servers accept any placeholder.
        mode: ``tools``, ``json`` or ``md_json`` (how instructor asks for structure).
        timeout: seconds one HTTP request may take in all (connect and every read) before it
            counts as failed.
        connect_timeout: seconds to open the connection (a dead host fails fast).
        deadline: seconds the whole run may take; chunks not answered by then are failures.
        completion_factor: a request's completion cap is this many times the expected size
            of the chunk's answer (see :func:`assistant.extract.llm.chunking.completion_cap`).
        offline: refuse endpoints that are not on this machine.
        default_max_tokens: the completion cap of a request whose caller derives none (drafting).
        concurrency: how many chunks are in flight at once.
        max_retries: validation re-asks per chunk after the first answer.
        max_transport_retries: retries of one request on 429 / 5xx / timeouts.
        max_requests / max_tokens: the run's budget (None = unbounded).
        cache: whether answers are cached on disk.
        chunk_chars: the size of one chunk of source text, in characters.
    """

    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    mode: str = "tools"
    timeout: float = 120.0
    connect_timeout: float = 5.0
    deadline: float | None = None
    completion_factor: float = 2.0
    offline: bool = False
    default_max_tokens: int = 4096
    concurrency: int = 4
    max_retries: int = 2
    max_transport_retries: int = 4
    max_requests: int | None = None
    max_tokens: int | None = None
    cache: bool = True
    chunk_chars: int = 6000
    backoff_base: float = 1.0
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: object) -> LLMConfig:
        """The configuration from ``env`` (default ``os.environ``); non-None overrides win.

        Raises:
            BackendConfigError: ``mode`` is not one of :data:`MODES`.
        """
        env = os.environ if env is None else env
        api_key = env.get("ASSISTANT_API_KEY") or env.get("OPENAI_API_KEY") or None
        base_url = env.get("ASSISTANT_BASE_URL") or None
        model = env.get("ASSISTANT_MODEL") or None
        values: dict[str, object] = {
            "base_url": base_url,
            "model": model,
            "api_key": api_key,
            "mode": (env.get("ASSISTANT_MODE") or "tools").strip().lower(),
            "offline": (env.get("ASSISTANT_OFFLINE") or "").strip().lower() in ("1", "true", "yes", "on"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        config = cls(**values)  # type: ignore[arg-type]
        # an OpenAI key alone means the user wants OpenAI itself
        if config.base_url is None and config.api_key and config.model is not None:
            config = replace(config, base_url=OPENAI_BASE_URL)
        if config.mode not in MODES:
            raise BackendConfigError(msg("LLM_BAD_MODE", mode=config.mode, choices=", ".join(MODES)))
        return config

    @property
    def is_configured(self) -> bool:
        """True when there is an endpoint and a model to talk to."""
        return bool(self.base_url and self.model)

    def require(self, backend: str = "llm") -> LLMConfig:
        """This config, or a BackendConfigError that says exactly what to set."""
        if not self.base_url:
            raise BackendConfigError(msg("LLM_NO_ENDPOINT", backend=backend))
        if not self.model:
            raise BackendConfigError(msg("LLM_NO_MODEL", backend=backend, url=self.base_url))
        if self.offline and not self.is_local:
            raise BackendConfigError(msg("LLM_OFFLINE_REFUSED", host=self.host, url=self.base_url))
        return self

    @property
    def host(self) -> str:
        """The endpoint's host name (no scheme, port or key)."""
        return urlsplit(self.base_url or "").hostname or ""

    @property
    def is_local(self) -> bool:
        """True when the endpoint is on this machine (localhost or a loopback address)."""
        host = self.host
        if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return address.is_loopback or address.is_unspecified

    def describe(self) -> str:
        """The endpoint without the key, for messages and metadata."""
        return f"{self.model} @ {self.base_url} ({self.mode})"
