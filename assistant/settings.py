"""Every setting the assistant reads from the environment, and every default path, in one place.

| variable | meaning | default |
| --- | --- | --- |
| ``ASSISTANT_HOME`` | the user's library (and the workbench's database) | ``~/.local/share/budget-assistant`` |
| ``ASSISTANT_CACHE_DIR`` | the LLM answer cache (under ``llm/``) | ``~/.cache/budget-assistant`` |
| ``ASSISTANT_EVALS_DIR`` | eval runs and ``history.jsonl`` | ``evals/`` of this checkout, else ``$ASSISTANT_HOME/evals`` |
| ``ASSISTANT_GOLD_DIR`` | the gold the eval harness reads | ``gold/`` of this checkout, else ``./gold`` |
| ``ASSISTANT_PROMPTS_DIR`` | prompt templates (to try a new version without installing) | the packaged ``assistant/resources/prompts`` |
| ``ASSISTANT_OCR_ENGINE`` | ``rapidocr`` or ``tesseract`` | ``rapidocr`` |
| ``ASSISTANT_OCR_THREADS`` | OCR threads per engine: lines read at once, and the detector's onnxruntime threads (batch workers set their share) | one per core |
| ``ASSISTANT_WEB_TOKEN`` | the workbench's access token (``serve --host`` needs one) | none |
| ``ASSISTANT_LANG`` | language of messages: ``zh`` or ``en`` | ``zh`` unless the locale (``LC_ALL``/``LC_MESSAGES``/``LANG``) is set to another language |
| ``ASSISTANT_MAX_*`` | reader limits (pages, pixels, cells, zip sizes …), see :mod:`assistant.ingest.limits` | far above any real table |
| ``ASSISTANT_BASE_URL``, ``ASSISTANT_MODEL``, ``ASSISTANT_API_KEY`` (else ``OPENAI_API_KEY``), ``ASSISTANT_MODE`` | the LLM endpoint, see :mod:`assistant.llm.config` | none: rules only |
| ``ASSISTANT_OFFLINE`` | ``1``: never send a table to an endpoint that is not on this machine | unset |

Modules ask this one for paths instead of reading ``os.environ`` themselves.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Literal

__all__ = [
    "home_dir",
    "cache_dir",
    "evals_dir",
    "gold_dir",
    "prompts_dir",
    "ocr_engine",
    "ocr_threads",
    "lang",
    "resource",
    "checkout_dir",
    "env",
]

_CHECKOUT = Path(__file__).resolve().parents[1]


def env(name: str) -> str | None:
    """An ``ASSISTANT_*`` variable, with empty treated as unset."""
    return os.environ.get(name) or None


def checkout_dir() -> Path | None:
    """The source checkout this package runs from, or None when it is installed from a wheel."""
    return _CHECKOUT if (_CHECKOUT / "pyproject.toml").exists() and (_CHECKOUT / "assistant").is_dir() else None


def home_dir() -> Path:
    return Path(env("ASSISTANT_HOME") or "~/.local/share/budget-assistant").expanduser()


def cache_dir() -> Path:
    return Path(env("ASSISTANT_CACHE_DIR") or "~/.cache/budget-assistant").expanduser()


def evals_dir(override: str | Path | None = None) -> Path:
    if override:
        return Path(override)
    if env("ASSISTANT_EVALS_DIR"):
        return Path(env("ASSISTANT_EVALS_DIR"))  # type: ignore[arg-type]
    checkout = checkout_dir()
    return checkout / "evals" if checkout else home_dir() / "evals"


def gold_dir() -> Path:
    if env("ASSISTANT_GOLD_DIR"):
        return Path(env("ASSISTANT_GOLD_DIR"))  # type: ignore[arg-type]
    checkout = checkout_dir()
    return checkout / "gold" if checkout else Path("gold")


def resource(*parts: str):
    """A file or folder shipped inside the package (``assistant/resources/…``), as a Traversable."""
    node = resources.files("assistant").joinpath("resources")
    for part in parts:
        node = node.joinpath(part)
    return node


def prompts_dir():
    return Path(env("ASSISTANT_PROMPTS_DIR")) if env("ASSISTANT_PROMPTS_DIR") else resource("prompts")  # type: ignore[arg-type]


def ocr_engine() -> str:
    return (env("ASSISTANT_OCR_ENGINE") or "rapidocr").lower()


def ocr_threads() -> int | None:
    """OCR threads per engine (lines read at once, the detector's intra-op threads); None: one per core."""
    value = (env("ASSISTANT_OCR_THREADS") or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def lang(choice: str | None = None) -> Literal["zh", "en"]:
    """Messages in Chinese unless asked otherwise (``--lang``, ``ASSISTANT_LANG``) or the locale is another language."""
    choice = choice or env("ASSISTANT_LANG")
    if choice:
        return "en" if choice.lower().startswith("en") else "zh"
    locale = env("LC_ALL") or env("LC_MESSAGES") or env("LANG") or ""
    if not locale or locale.upper() in ("C", "POSIX", "C.UTF-8") or locale.lower().startswith("zh"):
        return "zh"
    return "en"
