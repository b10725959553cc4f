"""One exception tree for the whole assistant.

    AssistantError
    ├── InputError            bad input file: exit code 2, names the file (and row/field)
    ├── OutputError           an output cannot be written: exit code 2, names the path and the reason
    ├── BackendConfigError    an LLM backend asked for but not configured
    └── LLMOutputError        the model's answer could not be turned into records

Row-level problems are not exceptions: they become :class:`assistant.schema.Failure`
records so that everything else in the table is still extracted.
"""

from __future__ import annotations

__all__ = ["AssistantError", "InputError", "OutputError", "BackendConfigError", "LLMOutputError"]


class AssistantError(Exception):
    """Base class of every error the assistant raises on purpose."""


class InputError(AssistantError):
    """The input cannot be read as a table; the message says what was expected."""

    def __init__(self, source: str, message: str, *, row: int | None = None, field: str | None = None):
        self.source = source
        self.row = row
        self.field = field
        self.reason = message
        where = source if row is None else f"{source}:{row}"
        if field:
            where += f" [{field}]"
        super().__init__(f"{where}: {message}")


class OutputError(AssistantError):
    """An output cannot be written (read-only folder, full disk, a folder in the way …)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")


class BackendConfigError(AssistantError):
    """An LLM backend was requested without an endpoint; the message says how to set one."""


class LLMOutputError(AssistantError):
    """The model's answer could not be validated into records after the allowed retries."""
