"""Step 1 of the pipeline: turn any input file into a :class:`Document` of rows and cells.

Readers are chosen by file suffix. Each is named as ``"module:function"`` and imported
only when a file of its kind is read, so heavy optional dependencies (OCR, PDF) cost
nothing to a user who only reads text. A reader takes ``(data: bytes, source: str)`` and
returns a Document, or raises :class:`assistant.errors.InputError`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from .document import Cell, Document, Row
from .text import decode_bytes, read_text

__all__ = ["Cell", "Row", "Document", "READERS", "read_path", "read_bytes", "decode_bytes", "supported_suffixes"]

#: suffix -> "module:function" of the reader. Text is the fallback for unknown suffixes.
READERS: dict[str, str] = {
    ".txt": "assistant.ingest.text:read_text",
    ".tsv": "assistant.ingest.text:read_text",
    ".csv": "assistant.ingest.text:read_text",
    ".xlsx": "assistant.ingest.xlsx:read_xlsx",
    ".xlsm": "assistant.ingest.xlsx:read_xlsx",
    ".docx": "assistant.ingest.docx_reader:read_docx",
    ".pdf": "assistant.ingest.pdf:read_pdf",
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "assistant.ingest.ocr.image:read_image"),
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def _load(spec: str) -> Callable[..., Document]:
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def read_bytes(data: bytes, source: str = "<stdin>", *, suffix: str = ".txt") -> Document:
    """Read input bytes as the given kind of file (``suffix`` such as ``.xlsx``)."""
    suffix = suffix.lower()
    spec = READERS.get(suffix)
    if spec is None or spec.endswith(":read_text"):
        return read_text(data, source, suffix=suffix)
    return _load(spec)(data, source)


def read_path(path: str | Path) -> Document:
    """Read a file by path; ``-`` reads standard input as text.

    Raises:
        InputError: the file is missing, unreadable, or not a table this tool can read.
    """
    if str(path) == "-":
        return read_text(sys.stdin.buffer.read(), "<stdin>")
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a folder; give a file (or use batch extraction with -o DIR)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror}") from None
    return read_bytes(data, str(path), suffix=path.suffix)
