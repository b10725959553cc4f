"""The workbench's tables (SQLAlchemy 2): documents, their projects, edits and drafts.

A document's table is kept as interchange JSON with spans (the pydantic models stay the
single source of truth): the header (title, units' amounts, failures, meta) on the
document, each project on its own row with a ``version`` so two clerks editing one
document get a conflict instead of overwriting each other (optimistic locking). The
schema is created and upgraded by Alembic (``migrations/``), never by ``create_all``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = ["Base", "Document", "DraftRecord", "Edit", "ProjectRecord", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Document(Base):
    """An uploaded file and the table extracted from it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))  # as the clerk named it; shown, never used as a path
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)  # generated: uuid + checked suffix
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[str] = mapped_column(String(80))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: queued -> reading -> extracting -> done | failed
    state: Mapped[str] = mapped_column(String(20), default="queued")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    stage: Mapped[str] = mapped_column(String(200), default="排队中")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    layout: Mapped[str | None] = mapped_column(String(20), nullable=True)
    source_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: the table without its projects: header, amounts, units (name, amounts, spans), meta, failures
    header: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    accepted_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    projects: Mapped[list[ProjectRecord]] = relationship(
        back_populates="document", order_by="ProjectRecord.position", cascade="all, delete-orphan"
    )


class ProjectRecord(Base):
    """One project of a document: its interchange JSON with spans, and review state."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    unit_index: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)
    #: field paths a person confirmed (low-confidence / ungrounded values) or typed in
    confirmed: Mapped[list] = mapped_column(JSON, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    accepted_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    document: Mapped[Document] = relationship(back_populates="projects")

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}


class Edit(Base):
    """One change a person made: who, when, which field, the old and the new value."""

    __tablename__ = "edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"), nullable=True)
    user: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(String(20))  # edit, confirm, add, delete, move, accept
    field: Mapped[str | None] = mapped_column(String(200), nullable=True)
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)


class DraftRecord(Base):
    """A drafted set of indicators for a new project, as the draft's JSON."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    data: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__: ClassVar[dict] = {"version_id_col": version}
