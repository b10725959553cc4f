"""The built-in indicator library: the seed and every real-corpus table, with its sector.

The real corpus lives in the checkout as ``gold/real/<id>/{source.*, gold.json, meta.json}``
(``meta.json`` gives ``sector`` and ``split``). An installed assistant has no ``gold/``
folder, so the projects are packed into ``assistant/resources/library.json`` by

    python -m assistant.draft.corpus            # rebuild after gold/ or gold/real changes

and read back with ``importlib.resources``; ``tests/test_draft_library.py`` fails when the
packed file is older than the gold it was built from.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .. import settings
from ..errors import InputError
from ..export import load_table
from ..schema import Project
from .library import LibraryProject

__all__ = [
    "SEED_SECTOR",
    "is_real_corpus",
    "load_real",
    "load_gold_projects",
    "build_resource",
    "load_builtin",
    "gold_path_version",
    "corpus_digest",
]

#: the seed table is a 区委政法委's (political-legal committee): public security
SEED_SECTOR = "public_security"
RESOURCE = "library.json"


def is_real_corpus(path: str | Path) -> bool:
    """A ``gold/real``-style folder: one sub-folder per document with ``gold.json``."""
    path = Path(path)
    return path.is_dir() and any(path.glob("*/gold.json"))


def _documents(path: Path) -> list[Path]:
    return sorted(p.parent for p in path.glob("*/gold.json"))


def load_real(path: str | Path) -> list[LibraryProject]:
    """Every non-classified project with indicators of a real corpus, with sector and split.

    Raises:
        InputError: a document's gold.json or meta.json is unreadable (named in the message).
    """
    projects = []
    for folder in _documents(Path(path)):
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(str(folder / "meta.json"), f"unreadable corpus manifest: {exc}") from None
        table = load_table(folder / "gold.json")
        for project in table.projects():
            if not project.classified and project.indicators:
                projects.append(
                    LibraryProject(
                        folder.name,
                        project,
                        meta.get("sector"),
                        meta.get("split"),
                        table.currency_unit,
                        table.department or meta.get("department"),
                    )
                )
    return projects


def load_gold_projects(path: str | Path) -> list[LibraryProject]:
    """The projects of a gold folder or file: a real corpus, or seed-style ``*.json`` records."""
    if is_real_corpus(path):
        return load_real(path)
    from ..gold import load_gold

    return [
        LibraryProject(r.stem, p, SEED_SECTOR, None, r.table.currency_unit, r.table.department)
        for r in load_gold(path)
        for p in r.table.projects()
        if not p.classified and p.indicators
    ]


def corpus_digest(gold_dir: str | Path) -> str:
    """A hash of the gold records the library is built from (seed ``*.json`` and real corpus)."""
    gold_dir = Path(gold_dir)
    digest = hashlib.sha256()
    files = (
        sorted(gold_dir.glob("*.json"))
        + sorted(gold_dir.glob("real/*/gold.json"))
        + sorted(gold_dir.glob("real/*/meta.json"))
        + sorted(gold_dir.glob("indicator_libraries/*/source.txt"))
        + sorted(gold_dir.glob("indicator_libraries/*/meta.json"))
    )
    for path in files:
        digest.update(path.relative_to(gold_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def gold_path_version(path: str | Path | None) -> str:
    """The version hash an eval run records: of the real corpus, the gold folder, or the
    packaged library when no path is given."""
    if path is None:
        return builtin_digest()
    path = Path(path)
    if is_real_corpus(path):
        digest = hashlib.sha256()
        for file in sorted(path.glob("*/gold.json")) + sorted(path.glob("*/meta.json")):
            digest.update(file.relative_to(path).as_posix().encode())
            digest.update(file.read_bytes())
        return digest.hexdigest()[:12]
    from ..gold import gold_version, load_gold

    return gold_version(load_gold(path))


def build_resource(gold_dir: str | Path, out: str | Path) -> int:
    """Pack the seed (``gold_dir/*.json``), the real corpus (``gold_dir/real``) and the published
    indicator libraries' records (``gold_dir/indicator_libraries``, :mod:`.published`) into ``out``."""
    from .published import as_rows, load_published

    gold_dir = Path(gold_dir)
    projects = load_gold_projects(gold_dir)
    if (gold_dir / "real").is_dir():
        projects += load_real(gold_dir / "real")
    data = {
        "built_from": corpus_digest(gold_dir),
        "projects": [
            {
                "source": p.source,
                "sector": p.sector,
                "split": p.split,
                "currency_unit": p.currency_unit,
                "department": p.department,
                "project": p.project.model_dump(mode="json", exclude_none=True),
            }
            for p in projects
        ],
        "published": as_rows(load_published(gold_dir)),
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(projects)


@lru_cache(maxsize=1)
def _builtin_data() -> dict:
    text = settings.resource(RESOURCE).read_text(encoding="utf-8")
    return json.loads(text)


def load_builtin() -> list[LibraryProject]:
    """The packaged library's projects (seed + real corpus), each with its sector."""
    return [
        LibraryProject(
            row["source"],
            Project.model_validate(row["project"]),
            row.get("sector"),
            row.get("split"),
            row.get("currency_unit"),
            row.get("department"),
        )
        for row in _builtin_data()["projects"]
    ]


def builtin_digest() -> str:
    return _builtin_data()["built_from"]
