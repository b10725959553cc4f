"""The pipeline as one call: ingest → extract → check.

The CLI, the eval harness, the batch runner and the workbench all go through here, so a
backend added to :mod:`assistant.extract` is available everywhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .checks import Finding, validate_table
from .extract import Backend, extract
from .ingest import PageProgress, read_bytes, read_path
from .schema import BudgetTable

__all__ = ["extract_path", "check_path"]


def extract_path(
    path: str | Path, backend: str | Backend = Backend.RULES, *, on_page: PageProgress | None = None, **options: object
) -> BudgetTable:
    """Read and extract one file (``-`` for standard input); ``on_page`` follows OCR'd pages."""
    return extract(read_path(path, on_page=on_page), backend, **options)


def check_path(path: str | Path, backend: str | Backend = Backend.RULES) -> tuple[BudgetTable, list[Finding]]:
    """A table and its validation findings; a table the assistant wrote (JSON, JSONL, its own
    CSV/XLSX) is loaded, anything else extracted."""
    from .export import is_interchange_file, load_table, load_table_bytes, looks_like_json

    if str(path) == "-":  # standard input: JSON from an earlier command (extract … | lint -), else a table
        data = sys.stdin.buffer.read()
        table = (
            load_table_bytes(data, "<stdin>")
            if looks_like_json(data)
            else extract(read_bytes(data, "<stdin>"), backend)
        )
    elif is_interchange_file(path):
        table = load_table(path)
    else:
        table = extract_path(path, backend)
    return table, validate_table(table)
