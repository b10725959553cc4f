"""The hand-labeled gold records and their source documents.

A gold record is ``gold/<stem>.json`` in the interchange shape; its source document is
``gold/source/<stem>.<ext>``. :func:`gold_dataset` gives them as a ``datasets.Dataset``
with one row per project, which is what the tests and the eval harness score against.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import settings
from .errors import InputError
from .export import load_table, to_interchange
from .schema import BudgetTable

__all__ = ["GoldRecord", "default_gold_dir", "load_gold", "gold_dataset", "gold_version"]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    stem: str
    record_path: Path
    source_path: Path | None
    table: BudgetTable


def default_gold_dir() -> Path:
    """``$ASSISTANT_GOLD_DIR``, else the ``gold/`` folder of this checkout."""
    return settings.gold_dir()


def _source_for(record: Path) -> Path | None:
    folder = record.parent / "source"
    matches = sorted(p for p in folder.glob(record.stem + ".*") if p.suffix.lower() not in (".md", ".json"))
    return matches[0] if matches else None


def load_gold(path: str | Path | None = None) -> list[GoldRecord]:
    """Gold records from a folder (every ``*.json`` in it) or a single JSON file.

    Raises:
        InputError: no gold records found, or one of them does not fit the models.
    """
    path = Path(path) if path is not None else default_gold_dir()
    files = [path] if path.is_file() else sorted(path.glob("*.json"))
    if not files:
        raise InputError(str(path), "no gold records (*.json in the interchange shape) found")
    return [GoldRecord(f.stem, f, _source_for(f), load_table(f)) for f in files]


def gold_version(records: list[GoldRecord]) -> str:
    """A short hash of the gold records' content, recorded with every eval run."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(record.record_path.read_bytes())
    return digest.hexdigest()[:12]


def gold_dataset(path: str | Path | None = None):
    """The gold as a ``datasets.Dataset``: one row per project, in source order.

    Columns: ``record`` (the gold file's stem), ``unit``, ``index`` (position in the
    table), ``name``, ``classified``, ``goal``, the four amounts as floats, and
    ``indicators`` (a list of interchange dicts).
    """
    from datasets import Dataset

    rows = []
    for record in load_gold(path):
        data = to_interchange(record.table, with_meta=False)
        index = 0
        for unit in data["units"]:
            for project in unit["projects"]:
                rows.append({
                    "record": record.stem,
                    "unit": unit["name"],
                    "index": index,
                    "name": project["name"],
                    "classified": project["classified"],
                    "goal": project["goal"],
                    **{f"amount_{k}": v for k, v in project["amounts"].items()},
                    "indicators": json.loads(json.dumps(project["indicators"])),
                })
                index += 1
    return Dataset.from_list(rows)
