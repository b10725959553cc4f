"""The hand-labeled gold records and their source documents.

Two layouts are read:

* the seed's: ``gold/<stem>.json`` in the interchange shape, its source document
  ``gold/source/<stem>.<ext>``;
* the real-world corpus: one folder per document, ``gold/real/<id>/{source.*, gold.json,
  meta.json}``, where ``meta.json`` is the manifest row (source address, layout family,
  sector, province, dev/test split …, see ``gold/LABELING.md``).

:func:`gold_dataset` gives them as a ``datasets.Dataset`` with one row per project and the
manifest columns (family, sector, province, split; None for the seed), which is what the
tests and the eval harness score against and group by.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import settings
from .errors import InputError
from .export import load_table, to_interchange
from .schema import BudgetTable

__all__ = ["GoldRecord", "META_COLUMNS", "SPLITS", "default_gold_dir", "load_gold", "gold_dataset", "gold_version"]

#: manifest fields carried into the dataset, the samples and the per-group tables
META_COLUMNS = ("family", "sector", "province", "split")
#: the values of ``--split``; "all" keeps every record (the seed has no split)
SPLITS = ("all", "dev", "test")


@dataclass(frozen=True, slots=True)
class GoldRecord:
    stem: str
    record_path: Path
    source_path: Path | None
    table: BudgetTable
    meta: dict[str, Any] = field(default_factory=dict)

    def column(self, name: str) -> str | None:
        """A manifest field (family, sector, province, split …) or None (the seed has none)."""
        value = self.meta.get(name)
        return None if value is None else str(value)


def default_gold_dir() -> Path:
    """``$ASSISTANT_GOLD_DIR``, else the ``gold/`` folder of this checkout."""
    return settings.gold_dir()


def _source_for(record: Path) -> Path | None:
    folder = record.parent / "source"
    matches = sorted(p for p in folder.glob(record.stem + ".*") if p.suffix.lower() not in (".md", ".json"))
    return matches[0] if matches else None


def _folder_record(folder: Path) -> GoldRecord:
    """One corpus document: ``<id>/gold.json`` with its ``source.*`` and ``meta.json``."""
    record = folder / "gold.json"
    sources = sorted(p for p in folder.glob("source.*") if p.is_file())
    meta_file = folder / "meta.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(meta_file), f"cannot read the manifest row: {exc}") from None
    return GoldRecord(folder.name, record, sources[0] if sources else None, load_table(record), meta)


def load_gold(path: str | Path | None = None, *, split: str = "all") -> list[GoldRecord]:
    """Gold records from a folder or a single file.

    A folder holds either ``*.json`` records (with ``source/<stem>.*``) or one sub-folder
    per document (``<id>/gold.json``, ``source.*``, ``meta.json``); a file is one record of
    either layout. ``split`` keeps only the records whose manifest says ``dev`` or ``test``.

    Raises:
        InputError: no gold records found, or one of them does not fit the models.
    """
    if split not in SPLITS:
        raise InputError(str(path or ""), f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    path = Path(path) if path is not None else default_gold_dir()
    if path.is_file():
        records = [
            _folder_record(path.parent)
            if path.name == "gold.json"
            else GoldRecord(path.stem, path, _source_for(path), load_table(path))
        ]
    elif (path / "gold.json").is_file():
        records = [_folder_record(path)]
    else:
        files = sorted(path.glob("*.json"))
        folders = sorted(p.parent for p in path.glob("*/gold.json"))
        records = [GoldRecord(f.stem, f, _source_for(f), load_table(f)) for f in files]
        records += [_folder_record(folder) for folder in folders]
    if not records:
        raise InputError(
            str(path), "no gold records (*.json, or <id>/gold.json folders, in the interchange shape) found"
        )
    if split != "all":
        records = [r for r in records if r.column("split") == split]
        if not records:
            raise InputError(str(path), f'no gold record is in the {split!r} split (meta.json "split")')
    return records


def gold_version(records: list[GoldRecord]) -> str:
    """A short hash of the gold records' content (and manifest rows), recorded with every eval run."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(record.record_path.read_bytes())
        if record.meta:
            digest.update(json.dumps(record.meta, ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()[:12]


def gold_dataset(path: str | Path | None = None, *, split: str = "all"):
    """The gold as a ``datasets.Dataset``: one row per project, in source order.

    Columns: ``record`` (the gold file's stem or the document folder's id), the manifest
    columns ``family``, ``sector``, ``province``, ``split`` (None for the seed), ``unit``,
    ``index`` (position in the table), ``name``, ``classified``, ``goal``, the four
    amounts as floats, and ``indicators`` (a list of interchange dicts).
    """
    from datasets import Dataset

    rows = []
    for record in load_gold(path, split=split):
        data = to_interchange(record.table, with_meta=False)
        index = 0
        for unit in data["units"]:
            for project in unit["projects"]:
                rows.append(
                    {
                        "record": record.stem,
                        **{column: record.column(column) for column in META_COLUMNS},
                        "unit": unit["name"],
                        "index": index,
                        "name": project["name"],
                        "classified": project["classified"],
                        "goal": project["goal"],
                        **{f"amount_{k}": v for k, v in project["amounts"].items()},
                        "indicators": json.loads(json.dumps(project["indicators"])),
                    }
                )
                index += 1
    return Dataset.from_list(rows)
