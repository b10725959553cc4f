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

from .messages import Msg

__all__ = ["AssistantError", "InputError", "OutputError", "BackendConfigError", "LLMOutputError", "error_text"]


class AssistantError(Exception):
    """Base class of every error the assistant raises on purpose."""


class InputError(AssistantError):
    """The input cannot be read as a table; the message says what was expected.

    ``message`` is a :class:`assistant.messages.Msg` (a code and its parameters) so the CLI
    and the workbench can say it in the clerk's language; ``str(error)`` is the English."""

    def __init__(self, source: str, message: str | Msg, *, row: int | None = None, field: str | None = None):
        self.source = source
        self.row = row
        self.field = field
        self.msg = message if isinstance(message, Msg) else None
        self.reason = str(message)
        super().__init__(self.text("en"))

    def where(self) -> str:
        where = self.source if self.row is None else f"{self.source}:{self.row}"
        return f"{where} [{self.field}]" if self.field else where

    def text(self, lang: str | None = None) -> str:
        """``FILE:ROW [field]: message`` in ``lang`` (default: the clerk's language)."""
        return f"{self.where()}: {self.msg.text(lang) if self.msg else self.reason}"  # type: ignore[arg-type]


class OutputError(AssistantError):
    """An output cannot be written (read-only folder, full disk, a folder in the way …)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(self.text("en"))

    def text(self, lang: str | None = None) -> str:
        from .messages import render

        return render("OUTPUT_CANNOT_WRITE", lang, path=self.path, reason=self.reason)  # type: ignore[arg-type]


class BackendConfigError(AssistantError):
    """An LLM backend was requested without an endpoint; the message says how to set one."""

    def __init__(self, message: str | Msg):
        self.msg = message if isinstance(message, Msg) else None
        super().__init__(str(message))

    def text(self, lang: str | None = None) -> str:
        return self.msg.text(lang) if self.msg else str(self)  # type: ignore[arg-type]


class LLMOutputError(AssistantError):
    """The model's answer could not be validated into records after the allowed retries."""


def error_text(exc: BaseException, lang: str | None = None) -> str:
    """An error as the clerk reads it: in their language when it has a message code, else as raised."""
    text = getattr(exc, "text", None)
    return text(lang) if callable(text) else str(exc)
