"""The store: the database engine, migrations, and tables in and out of it.

SQLite under ``$ASSISTANT_HOME/workbench.sqlite`` by default, any SQLAlchemy URL with
``--db`` (``postgresql://user@host/db`` for an office). The schema is brought up to date
with Alembic on start. Tables go in as interchange JSON with spans (the pydantic models
are the contract) and come back out as :class:`assistant.schema.BudgetTable`.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .. import settings
from ..export import to_interchange
from ..schema import BudgetTable, Project
from .models import Document, ProjectRecord

__all__ = [
    "default_db_url",
    "files_dir",
    "load_table",
    "make_engine",
    "make_sessions",
    "normalize_url",
    "project_model",
    "save_table",
    "upgrade",
]

_MIGRATIONS = Path(__file__).with_name("migrations")


def default_db_url() -> str:
    return f"sqlite:///{settings.home_dir() / 'workbench.sqlite'}"


def files_dir() -> Path:
    """Where uploaded files and rendered page images live, under generated names only."""
    return settings.home_dir() / "uploads"


def normalize_url(url: str) -> str:
    """``postgresql://…`` means psycopg 3 (the driver the ``web`` extra installs)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # foreign keys on; readers never wait for the one writer
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a fresh database gets every table)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def save_table(session: Session, document: Document, table: BudgetTable) -> None:
    """Store an extracted table on a document: the header on it, one row per project.

    A document extracted again (a server restarted mid-job) replaces its projects."""
    session.query(ProjectRecord).filter(ProjectRecord.document_id == document.id).delete()
    data = to_interchange(table, with_spans=True)
    position = 0
    for unit_index, unit in enumerate(data["units"]):
        for project in unit.pop("projects"):
            session.add(
                ProjectRecord(
                    document_id=document.id, position=position, unit_index=unit_index, data=project, confirmed=[]
                )
            )
            position += 1
    document.header = data


def project_model(record: ProjectRecord) -> Project:
    return Project.model_validate(record.data)


def load_table(document: Document, projects: list[ProjectRecord] | None = None) -> BudgetTable:
    """The document's table as it stands now, edits included."""
    data: dict[str, Any] = copy.deepcopy(document.header or {"units": []})
    for unit in data["units"]:
        unit["projects"] = []
    for record in projects if projects is not None else document.projects:
        if 0 <= record.unit_index < len(data["units"]):
            data["units"][record.unit_index]["projects"].append(record.data)
    data.pop("pages", None)
    return BudgetTable.model_validate(data)
