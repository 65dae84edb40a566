"""The database schema as SQLAlchemy 2.0 typed models.

Every table has a surrogate integer key and the natural key it is looked up by (a council's
name, a version's council + policy + label, ...) as a named unique constraint. Dates are
`Date` (never shifted by a time zone), with a precision beside each date a document may give
only to the month ("April 2028": its first day, precision "month"); timestamps are UTC.
Structured values that are only ever read whole (a clause's heading path, a version's metadata
as found in the document, a link's word diff) are JSON.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar, get_args

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
    select,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, mapped_column, relationship

from clausewise.ingest.model import DatePrecision

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

COUNCIL_KINDS = ("parish", "town", "district", "county", "unitary", "model publisher")
STATUSES = ("current", "superseded")
MODEL_PUBLISHER = "model publisher"
PRECISIONS: tuple[str, ...] = get_args(DatePrecision)  # how exactly a date is known: "April 2028" is a month
ACTIONS = ("amend", "remove")  # the corrections `clausewise amend` and `clausewise remove` make


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned time-zone aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be time-zone aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON, datetime: UTCDateTime}


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Council(Base):
    __tablename__ = "council"
    __table_args__ = (
        UniqueConstraint("name"),
        CheckConstraint(_one_of("kind", COUNCIL_KINDS), name="kind"),
        # A council is looked up by its name in any case (`lower(name) = ?`, references.py): an
        # index on that very expression serves it on SQLite and PostgreSQL alike.
        Index("ix_council_lower_name", func.lower(text("name"))),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str | None] = mapped_column(String(20))

    versions: Mapped[list[Version]] = relationship(back_populates="council", order_by="Version.id")


class Policy(Base):
    __tablename__ = "policy"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class ClauseRow(Base):
    """One clause of a version, in document order, with everything ingest read about it."""

    __tablename__ = "clause"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    clause_key: Mapped[str] = mapped_column(String(100))  # Clause.id
    number: Mapped[str | None] = mapped_column(String(50))
    marker: Mapped[str | None] = mapped_column(String(50))
    heading: Mapped[list[Any]] = mapped_column(JSON)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    paragraph: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)

    version: Mapped[Version] = relationship(back_populates="clauses")


class Version(Base):
    """One adopted text of one council's policy; exactly one per council + policy is current."""

    __tablename__ = "version"
    __table_args__ = (
        UniqueConstraint("council_id", "policy_id", "sha256"),
        UniqueConstraint("council_id", "policy_id", "label"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        CheckConstraint(_one_of("adopted_precision", PRECISIONS), name="adopted_precision"),
        CheckConstraint(_one_of("review_due_precision", PRECISIONS), name="review_due_precision"),
        Index("ix_version_status_review_due", "status", "review_due"),
        Index(
            "uq_version_one_current",
            "council_id",
            "policy_id",
            unique=True,
            sqlite_where=text("status = 'current'"),
            postgresql_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("council.id"), index=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policy.id"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    source_name: Mapped[str] = mapped_column(String(500))  # the file name it was read from
    sha256: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(Text)
    document_council: Mapped[str | None] = mapped_column(String(200))  # the name the document itself gives
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow)
    adopted_on: Mapped[date | None] = mapped_column(Date)  # a month- or year-precise date: its first day
    adopted_precision: Mapped[str] = mapped_column(String(5), default="day", server_default="day")
    adopted_by: Mapped[str | None] = mapped_column(String(200))
    minute_ref: Mapped[str | None] = mapped_column(String(100))
    review_due: Mapped[date | None] = mapped_column(Date)
    review_due_precision: Mapped[str] = mapped_column(String(5), default="day", server_default="day")
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("version.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    document_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", JSON)  # ingest Metadata, as found
    warnings: Mapped[list[Any]] = mapped_column(JSON)
    # The lines in no clause (cover, contents, metadata lines, ...) with why: ingest SetAside, as a list
    set_aside: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    # field -> "document" | "given" | "manifest" | "the date on the cover" | 'document: "May 2027"' ...
    origins: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Counted by the database, never by loading every clause: on first use, or with the version
    # itself where a query asks for it (`queries.with_names` does, for lists of versions).
    # Headings are not clauses: the count is `Document.content`'s, as `clausewise read` gives it.
    clause_count: Mapped[int] = column_property(
        select(func.count(ClauseRow.id))
        .where(ClauseRow.version_id == id, ClauseRow.kind != "heading")
        .correlate_except(ClauseRow)
        .scalar_subquery(),
        deferred=True,
    )

    council: Mapped[Council] = relationship(back_populates="versions")
    policy: Mapped[Policy] = relationship()
    based_on: Mapped[Version | None] = relationship(remote_side=[id])
    clauses: Mapped[list[ClauseRow]] = relationship(
        back_populates="version", order_by="ClauseRow.position", cascade="all, delete-orphan"
    )
    reviews: Mapped[list[Review]] = relationship(
        back_populates="version", order_by="Review.id", cascade="all, delete-orphan"
    )


class Review(Base):
    """A review of a version: when, the outcome, the next review date it set."""

    __tablename__ = "review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"), index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(50))
    next_review_due: Mapped[date | None] = mapped_column(Date)
    minute_ref: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    version: Mapped[Version] = relationship(back_populates="reviews")


class Correction(Base):
    """One change `clausewise amend` or `clausewise remove` made: which version, what, from what
    to what, when and why. Names, labels and a removed version's identifying data are kept as
    text, so the record outlives the rows it corrected."""

    __tablename__ = "correction"
    __table_args__ = (
        CheckConstraint(_one_of("action", ACTIONS), name="action"),
        Index("ix_correction_council_policy", "council", "policy"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    made_at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(20))
    council: Mapped[str] = mapped_column(String(200))
    policy: Mapped[str] = mapped_column(String(200))
    version_label: Mapped[str] = mapped_column(String(100))  # the label the version had when corrected
    version_id: Mapped[int | None] = mapped_column(ForeignKey("version.id", ondelete="SET NULL"), index=True)
    field: Mapped[str | None] = mapped_column(String(50))  # "adopted", "minute", "status"...; None: removed
    old_value: Mapped[str | None] = mapped_column(Text)  # as `add` prints it ("2026-04" for a month)
    new_value: Mapped[str | None] = mapped_column(Text)
    removed: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # a removed version: file, sha256, label, dates
    reason: Mapped[str | None] = mapped_column(Text)

    version: Mapped[Version | None] = relationship()


class AlignmentRun(Base):
    """An alignment of two stored versions under given settings; reused while they match."""

    __tablename__ = "alignment_run"
    __table_args__ = (
        UniqueConstraint(
            "left_version_id",
            "right_version_id",
            "profile",
            "semantic",
            "threshold",
            "algorithm",
            name="uq_alignment_run_settings",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Looked up by the left version first (the unique constraint's index); by the right one when
    # a version is removed (its runs go with it) or a corpus's runs are read by council.
    left_version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"))
    right_version_id: Mapped[int] = mapped_column(ForeignKey("version.id", ondelete="CASCADE"), index=True)
    profile: Mapped[str] = mapped_column(String(500))
    semantic: Mapped[str] = mapped_column(String(20))
    threshold: Mapped[float] = mapped_column(Float)
    algorithm: Mapped[str] = mapped_column(String(100))
    backend: Mapped[str] = mapped_column(String(200), server_default="")  # what scored, as reports name it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # [[left key, right key, score, evidence], ...]: possible matches of the left clauses in no link
    possible: Mapped[list[Any]] = mapped_column(JSON, server_default=text("'[]'"))
    # What corpus reports read instead of the links (`corpus.RunSummary`): a letter per content
    # clause of the left version ("i" identical, "c" cosmetic, "m" modified, "-" in no link) and
    # the left words the modified links kept. NULL for a run stored before 0006 (filled on use).
    cells: Mapped[str | None] = mapped_column(Text)
    modified_words_kept: Mapped[int | None] = mapped_column(Integer)

    left_version: Mapped[Version] = relationship(foreign_keys=[left_version_id])
    right_version: Mapped[Version] = relationship(foreign_keys=[right_version_id])
    links: Mapped[list[AlignmentLink]] = relationship(
        back_populates="run", order_by="AlignmentLink.position", cascade="all, delete-orphan"
    )


class AlignmentLink(Base):
    __tablename__ = "alignment_link"
    __table_args__ = (UniqueConstraint("run_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("alignment_run.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    left_keys: Mapped[list[Any]] = mapped_column(JSON)  # Clause.id values
    right_keys: Mapped[list[Any]] = mapped_column(JSON)
    relation: Mapped[str] = mapped_column(String(20))
    moved: Mapped[bool]
    score: Mapped[float] = mapped_column(Float)
    diff: Mapped[list[Any]] = mapped_column(JSON)  # [[op, text], ...]

    run: Mapped[AlignmentRun] = relationship(back_populates="links")


class OriginalFile(Base):
    """A version's original file, byte for byte, keyed by the sha256 of its bytes (the
    `Version.sha256` of every version read from it): one row per distinct file, shared by the
    versions that came from it. A version stored before originals were kept has none."""

    __tablename__ = "original_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    format: Mapped[str] = mapped_column(String(20))  # as `Version.format`: "docx", "pdf", "text"
    size: Mapped[int] = mapped_column(Integer)  # bytes, to list and sum without loading content
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class Embedding(Base):
    """A sentence-embedding vector, keyed by the sha256 of the normalised text it embeds."""

    __tablename__ = "embedding"

    model: Mapped[str] = mapped_column(String(100), primary_key=True)
    text_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    dimensions: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian
