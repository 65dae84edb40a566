"""Between ingest Documents and stored rows: clauses out, and whole Documents back in.

A Document rebuilt from the store has the same clauses (ids, numbers, headings, text, where
they came from), the same metadata and the name the document gave its council, so aligning
it gives exactly what aligning the file gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy.orm import Session

from clausewise.errors import StoreError
from clausewise.ingest.dates import format_date
from clausewise.ingest.model import (
    Adoption,
    Clause,
    DatePrecision,
    DateValue,
    Document,
    Metadata,
    SourceRef,
    VersionRow,
)
from clausewise.ingest.serialize import metadata_to_dict, set_aside_from_list

from .models import PRECISIONS, ClauseRow, Version
from .naming import format_reference

__all__ = [
    "VersionInfo",
    "clause_rows",
    "document_from",
    "document_of",
    "load_document",
    "metadata_from_dict",
    "metadata_to_dict",
    "precision_of",
    "unreadable",
    "version_info",
    "version_values",
]


@dataclass(frozen=True)
class VersionInfo:
    """A stored version as callers see it (a value, detached from any session)."""

    id: int
    council: str
    council_kind: str | None
    policy: str
    label: str
    source_name: str
    sha256: str
    ingested_at: datetime
    adopted_on: date | None
    adopted_by: str | None
    minute_ref: str | None
    review_due: date | None
    based_on: str | None  # "Council:Policy@label" of the model version it follows
    status: str
    clauses: int
    adopted_precision: DatePrecision = "day"  # "month": only the month of adoption is known
    review_due_precision: DatePrecision = "day"
    adopted_origin: str | None = None  # where the adoption date came from, as `add` said

    @property
    def reference(self) -> str:
        return format_reference(self.council, self.policy, self.label)


def precision_of(stored: str) -> DatePrecision:
    """A precision column's value as the document model's type (the database checks it too)."""
    if stored in PRECISIONS:  # DatePrecision's own values
        return cast(DatePrecision, stored)
    raise ValueError(f"{stored!r} is not a date precision ({', '.join(PRECISIONS)})")


def reference_of(version: Version) -> str:
    return format_reference(version.council.name, version.policy.name, version.label)


def version_info(version: Version) -> VersionInfo:
    return VersionInfo(
        id=version.id,
        council=version.council.name,
        council_kind=version.council.kind,
        policy=version.policy.name,
        label=version.label,
        source_name=version.source_name,
        sha256=version.sha256,
        ingested_at=version.ingested_at,
        adopted_on=version.adopted_on,
        adopted_by=version.adopted_by,
        minute_ref=version.minute_ref,
        review_due=version.review_due,
        based_on=reference_of(version.based_on) if version.based_on else None,
        status=version.status,
        clauses=version.clause_count,
        adopted_precision=precision_of(version.adopted_precision),
        review_due_precision=precision_of(version.review_due_precision),
        adopted_origin=version.origins.get("adopted"),
    )


def shown_date(value: date | None, precision: str = "day") -> str | None:
    """A stored date as `add` prints it ("2028-04" when only the month is known); None for none."""
    return format_date(value, precision_of(precision)) if value is not None else None


def version_values(version: Version) -> dict[str, str | None]:
    """A version's own facts as `add` prints them, under the names `add` gives them."""
    return {
        "version": version.label,
        "adopted": shown_date(version.adopted_on, version.adopted_precision),
        "adopted by": version.adopted_by,
        "minute": version.minute_ref,
        "review due": shown_date(version.review_due, version.review_due_precision),
        "based on": reference_of(version.based_on) if version.based_on else None,
    }


def clause_rows(version_id: int, clauses: tuple[Clause, ...]) -> list[dict[str, Any]]:
    """Rows for a bulk insert of a version's clauses, in document order."""
    return [
        {
            "version_id": version_id,
            "position": position,
            "clause_key": clause.id,
            "number": clause.number,
            "marker": clause.marker,
            "heading": list(clause.heading),
            "kind": clause.kind,
            "text": clause.text,
            "level": clause.level,
            "page": clause.source.page,
            "paragraph": clause.source.paragraph,
            "line": clause.source.line,
        }
        for position, clause in enumerate(clauses)
    ]


def clause_of(row: ClauseRow) -> Clause:
    kind: Any = row.kind
    return Clause(
        id=row.clause_key,
        number=row.number,
        heading=tuple(row.heading),
        kind=kind,
        text=row.text,
        source=SourceRef(page=row.page, paragraph=row.paragraph, line=row.line),
        level=row.level,
        marker=row.marker,
    )


def load_document(session: Session, version_id: int) -> Document:
    """The ingest Document of a stored version."""
    return document_of(session.get_one(Version, version_id))


def document_of(version: Version) -> Document:
    """The ingest Document a stored version was made from; a version whose stored data cannot
    be read back (a damaged or hand-edited database) is one clear error naming it."""
    try:
        return document_from(version, tuple(clause_of(row) for row in version.clauses))
    except (ValueError, LookupError, TypeError, AttributeError) as exc:
        raise unreadable(version) from exc


def unreadable(version: Version) -> StoreError:
    """The error for a version whose stored data cannot be read back."""
    return StoreError(
        f"{reference_of(version)}: the stored document cannot be read back (its data in the database "
        "is damaged); remove it with `clausewise remove` and add the file again"
    )


def document_from(version: Version, clauses: tuple[Clause, ...]) -> Document:
    """A version's Document with these clauses (its own, read by the caller however it reads
    them: through the relationship, or many versions' at once)."""
    return Document(
        path=version.source_name,
        sha256=version.sha256,
        format=version.format,
        title=version.title,
        council=version.document_council,
        metadata=metadata_from_dict(version.document_metadata),
        clauses=clauses,
        warnings=tuple(str(w) for w in version.warnings),
        set_aside=set_aside_from_list(version.set_aside),
    )


def _date_value(data: dict[str, Any] | None) -> DateValue | None:
    if data is None:
        return None
    value = data.get("value")
    return DateValue(
        text=data["text"], value=date.fromisoformat(value) if value else None, precision=data.get("precision", "day")
    )


def _adoption(data: dict[str, Any] | None) -> Adoption | None:
    if data is None:
        return None
    return Adoption(
        on=_date_value(data.get("on")), body=data.get("body"), minute=data.get("minute"), source=data["source"]
    )


def _row(data: dict[str, Any]) -> VersionRow:
    return VersionRow(
        cells=tuple(data["cells"]),
        approved_on=_date_value(data.get("approved_on")),
        version=data.get("version"),
        change=data.get("change"),
        review_due=_date_value(data.get("review_due")),
    )


def metadata_from_dict(data: dict[str, Any]) -> Metadata:
    """The inverse of `ingest.serialize.metadata_to_dict`."""
    amendments = tuple(a for a in (_adoption(item) for item in data.get("amendments", [])) if a is not None)
    return Metadata(
        adopted=_adoption(data.get("adopted")),
        amendments=amendments,
        minute_refs=tuple(data.get("minute_refs", [])),
        version=data.get("version"),
        version_table=tuple(_row(item) for item in data.get("version_table", [])),
        next_review=_date_value(data.get("next_review")),
        next_review_source=data.get("next_review_source"),
        issued=_date_value(data.get("issued")),
    )
