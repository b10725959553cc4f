"""Run an extraction backend over a gold set (and its perturbed slices) and score it.

For every gold record with a source document, and for every slice asked for, the source
is (perturbed and) read with :func:`assistant.ingest.read_bytes`, extracted with
:func:`assistant.extract.extract`, and scored against the gold. A document
that cannot be read or extracted is not a crash: its gold projects count as missed and
the error is recorded with the document. Every sample and document carries the record's
manifest columns (family, sector, province, split) so the run can be grouped by them, and
every predicted project what flags it for a human (for ``silent_error_rate``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import AssistantError, BackendConfigError
from ..export import to_interchange
from ..extract import extract
from ..gold import META_COLUMNS, GoldRecord, gold_version, load_gold
from ..ingest import decode_bytes, read_bytes
from ..schema import BudgetTable
from .metrics import document_stats, project_flags, score_table
from .perturb import perturb

__all__ = ["EvalResult", "evaluate_extraction"]

_TEXT_SUFFIXES = {".txt", ".tsv", ".csv"}


@dataclass
class EvalResult:
    """What a scoring run produced, ready to be written to a run folder."""

    samples: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    gold_version: str
    models: set[str] = field(default_factory=set)
    prompts: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)


def _source_bytes(record: GoldRecord, slice_name: str, seed: int) -> tuple[bytes, str]:
    """The (possibly perturbed) bytes of a record's source and the suffix to read them as."""
    assert record.source_path is not None
    data = record.source_path.read_bytes()
    suffix = record.source_path.suffix.lower()
    if slice_name == "clean":
        return data, suffix
    if suffix not in _TEXT_SUFFIXES:
        raise ValueError(f"slice {slice_name!r} perturbs text sources only, not {suffix}")
    text, _ = decode_bytes(data, str(record.source_path))
    return perturb(text, slice_name, seed), suffix


def evaluate_extraction(
    gold: str | Path | list[GoldRecord] | None = None,
    *,
    backend: str = "rules",
    slices: list[str] | None = None,
    seed: int = 0,
    options: dict[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> EvalResult:
    """Score ``backend`` on every gold record, clean and on each named perturbation slice."""
    records = gold if isinstance(gold, list) else load_gold(gold)
    result = EvalResult([], [], gold_version(records))
    for record in records:
        gold_dict = to_interchange(record.table, with_meta=False)
        if record.source_path is None:
            result.skipped.append(f"{record.record_path}: no source document in {record.record_path.parent / 'source'}")
            continue
        for slice_name in ["clean", *(slices or [])]:
            if progress:
                progress(f"{record.stem} [{slice_name}]")
            table: BudgetTable | None = None
            error = None
            try:
                data, suffix = _source_bytes(record, slice_name, seed)
                doc = read_bytes(data, f"{record.source_path}#{slice_name}", suffix=suffix)
                table = extract(doc, backend, **(options or {}))
            except ValueError as exc:  # a slice that does not apply to this kind of source
                result.skipped.append(f"{record.stem} [{slice_name}]: {exc}")
                continue
            except BackendConfigError:
                raise  # no backend at all: nothing to score, say so once
            except AssistantError as exc:  # unreadable input, backend failure: the gold counts as missed
                error = str(exc)
            except Exception as exc:  # a crash on one document must not lose the scores of the others
                error = f"{type(exc).__name__}: {exc}"
            pred = to_interchange(table, with_meta=False) if table is not None else None
            columns = {column: record.column(column) for column in META_COLUMNS}
            flags = project_flags(table) if table is not None else None
            result.samples += score_table(
                gold_dict, pred, record=record.stem, slice=slice_name, pred_flags=flags, columns=columns
            )
            result.documents.append(document_stats(table, record=record.stem, slice=slice_name, error=error) | columns)
            if table is not None and table.meta is not None:
                if table.meta.model:
                    result.models.add(table.meta.model)
                if table.meta.prompt_id or table.meta.prompt_version:
                    result.prompts.add(f"{table.meta.prompt_id or 'prompt'}@{table.meta.prompt_version}")
    return result
