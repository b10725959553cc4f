"""The pipeline as one call: ingest → extract → validate.

The CLI, the eval harness and the batch runner all go through here, so a backend added
in one place (rules, llm, auto) is available everywhere.
"""

from __future__ import annotations

from pathlib import Path

from .errors import BackendConfigError
from .extract.rules import extract_table
from .ingest import Document, read_path
from .schema import BudgetTable
from .validate import ValidationWarning, validate_table

__all__ = ["BACKENDS", "extract_document", "extract_path", "check_path"]

#: the extraction backends; "rules" needs nothing, the others need an LLM endpoint
BACKENDS = ("rules", "llm", "auto")


def extract_document(doc: Document, backend: str = "rules", **options: object) -> BudgetTable:
    """Extract a table from an ingested document with the chosen backend.

    Raises:
        BackendConfigError: an LLM backend was asked for and none is available.
    """
    if backend == "rules":
        return extract_table(doc)
    if backend in ("llm", "auto"):
        raise BackendConfigError(
            f"the {backend!r} backend is not available in this build; use --backend rules"
        )
    raise BackendConfigError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def extract_path(path: str | Path, backend: str = "rules", **options: object) -> BudgetTable:
    """Read and extract one file (``-`` for standard input)."""
    return extract_document(read_path(path), backend, **options)


def check_path(path: str | Path, backend: str = "rules") -> tuple[BudgetTable, list[ValidationWarning]]:
    """A table and its validation warnings; interchange JSON is loaded, anything else extracted."""
    from .export import load_table

    if str(path).lower().endswith(".json"):
        table = load_table(path)
    else:
        table = extract_path(path, backend)
    return table, validate_table(table)
