"""The indicator library: every project with indicators from the gold tables and the tables
the user added with ``python cli.py library add TABLE``.

Added tables are stored as interchange JSON under ``$ASSISTANT_HOME/library``
(default ``~/.local/share/budget-assistant/library``) and never leave the machine.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings
from ..errors import InputError, OutputError
from ..export import dumps_json, load_table, write_atomic
from ..schema import BudgetTable, Indicator, Project

__all__ = [
    "LibraryProject",
    "LibraryIndicator",
    "Library",
    "assistant_home",
    "library_dir",
    "add_table",
    "load_library",
    "user_tables",
    "store_table",
]


@dataclass(frozen=True, slots=True)
class LibraryProject:
    """One project of a library table; ``key`` is ``source / project name``."""

    source: str
    project: Project
    sector: str | None = None  # the real corpus's sector label (meta.json), when known
    split: str | None = None  # dev | test for real-corpus documents
    currency_unit: str | None = None  # the table's (万元 unless it says 元)
    department: str | None = None  # the table's 主管部门, when it names one

    @property
    def budget_wan(self):
        """The project's total in 万元, whatever unit its table was in."""
        total = self.project.amounts.total
        if total is None or self.currency_unit != "元":
            return total
        return total / 10000

    @property
    def key(self) -> str:
        return f"{self.source} / {self.project.name}"

    @property
    def name(self) -> str:
        return self.project.name

    @property
    def cited(self) -> str:
        """How a draft names it: the project name, or its document when the form has none."""
        return self.project.name or f"{self.source}（未写项目名称）"


@dataclass(frozen=True, slots=True)
class LibraryIndicator:
    """One indicator and the library project it belongs to."""

    owner: LibraryProject
    indicator: Indicator

    @property
    def label(self) -> str:
        """How drafts cite it: ``项目 / 指标``."""
        return f"{self.owner.cited} / {self.indicator.name}"


@dataclass
class Library:
    """Projects to learn from; :meth:`without` gives the library minus some projects."""

    projects: list[LibraryProject] = field(default_factory=list)

    def indicators(self) -> list[LibraryIndicator]:
        return [LibraryIndicator(p, i) for p in self.projects for i in p.project.indicators if i.name]

    def without(self, names: set[str]) -> Library:
        """The library with the named projects left out (leave-one-out evaluation)."""
        return Library([p for p in self.projects if p.name not in names])

    def __len__(self) -> int:
        return len(self.projects)


def assistant_home() -> Path:
    """``$ASSISTANT_HOME``, else ``~/.local/share/budget-assistant`` (see :mod:`assistant.settings`)."""
    return settings.home_dir()


def library_dir() -> Path:
    return assistant_home() / "library"


def user_tables() -> list[Path]:
    """The tables added with ``library add``, oldest name first."""
    folder = library_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _projects_of(source: str, table: BudgetTable) -> list[LibraryProject]:
    return [
        LibraryProject(source, p, currency_unit=table.currency_unit, department=table.department)
        for p in table.projects()
        if not p.classified and p.indicators
    ]


def load_library(gold_path: str | Path | None = None, *, include_user: bool = True) -> Library:
    """The built-in library (the seed and the real corpus, packaged with the assistant) or
    the gold at ``gold_path`` (a seed-style folder or a ``gold/real`` corpus), plus (unless
    ``include_user`` is False) the user's added tables.

    Raises:
        InputError: a stored table is no longer readable (the message names the file).
    """
    from .corpus import load_builtin, load_gold_projects

    projects: list[LibraryProject] = load_builtin() if gold_path is None else load_gold_projects(gold_path)
    if include_user:
        for path in user_tables():
            projects += _projects_of(path.stem, load_table(path))
    return Library(projects)


def add_table(path: str | Path, *, name: str | None = None) -> tuple[Path, BudgetTable]:
    """Read a table (any supported file, or interchange JSON) and store it in the library.

    Returns:
        Where it was stored and the table read.

    Raises:
        InputError: the file cannot be read, or it has no project with indicators.
    """
    from ..pipeline import check_path

    table, _ = check_path(path)
    return store_table(table, name or Path(str(path)).stem, source=str(path)), table


def store_table(table: BudgetTable, name: str, *, source: str = "table") -> Path:
    """Store an already read table in the library (``library add``, the workbench's 加入指标库).

    Raises:
        InputError: it has no project with indicators.
        OutputError: the library folder cannot be written.
    """
    if not _projects_of("new", table):
        raise InputError(source, "no project with 绩效指标 in this table; nothing to add to the library")
    text = dumps_json(table)
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", name).strip("_") or "table"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    target = library_dir() / f"{stem}-{digest}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(target.parent), exc.strerror or str(exc)) from None
    write_atomic(target, text.encode("utf-8"))
    return target
