"""Versioned prompt templates from ``prompts/<task>/v<N>.yaml``.

A released version is never edited; changes go into the next version. Every LLM output
records the prompt's ``id``, ``version`` and content hash, so a score traces back to the
exact prompt that produced it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from . import settings
from .errors import AssistantError

__all__ = ["Prompt", "prompts_dir", "load_prompt", "list_versions"]


class Prompt(BaseModel):
    """One prompt file. ``template`` is formatted with ``str.format`` fields."""

    model_config = ConfigDict(extra="forbid")

    id: str
    version: int
    description: str = ""
    system: str
    template: str
    examples: list[dict[str, Any]] = Field(default_factory=list)
    sha256: str = ""

    def render(self, **fields: Any) -> str:
        return self.template.format(**fields)


def prompts_dir() -> Path:
    """``$ASSISTANT_PROMPTS_DIR``, else the packaged prompts (``prompts/`` of the checkout)."""
    return settings.prompts_dir()


def list_versions(task: str) -> list[int]:
    folder = prompts_dir() / task
    return sorted(int(m.group(1)) for p in folder.glob("v*.yaml") if (m := re.fullmatch(r"v(\d+)\.yaml", p.name)))


def load_prompt(task: str, version: int | None = None) -> Prompt:
    """Load ``prompts/<task>/v<version>.yaml`` (the newest version when None).

    Raises:
        AssistantError: no such prompt, or the file does not fit :class:`Prompt`.
    """
    versions = list_versions(task)
    if not versions:
        raise AssistantError(f"no prompt files for task {task!r} under {prompts_dir()}")
    version = versions[-1] if version is None else version
    path = prompts_dir() / task / f"v{version}.yaml"
    if not path.exists():
        raise AssistantError(f"no prompt {task!r} version {version}; have {versions}")
    raw = path.read_bytes()
    data = yaml.safe_load(raw.decode("utf-8"))
    data["sha256"] = hashlib.sha256(raw).hexdigest()
    try:
        return Prompt.model_validate(data)
    except Exception as exc:  # pydantic ValidationError: say which file
        raise AssistantError(f"{path}: not a valid prompt file: {exc}") from None
