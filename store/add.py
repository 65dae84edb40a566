"""Adding a read Document as a new version of a council's policy.

What the caller gives (command-line options, a manifest) wins; what the document says fills
the rest; every value remembers where it came from. The same file twice is a no-op. A new
version supersedes the current one unless it was adopted before it (then it joins history).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from clausewise.errors import BadValue, Conflict
from clausewise.ingest.model import Adoption, DateValue, Document, Metadata
from clausewise.ingest.serialize import metadata_to_dict

from .db import serialise_writes
from .documents import clause_rows, reference_of
from .models import COUNCIL_KINDS, ClauseRow, Council, Policy, Version
from .references import find_version

DOCUMENT = "document"


@dataclass(frozen=True)
class AddOptions:
    """What the caller says about a version; None means "as the document says"."""

    policy: str
    council: str | None = None
    kind: str | None = None  # a council kind; "model publisher" for the model
    label: str | None = None
    adopted_on: date | None = None
    adopted_by: str | None = None
    minute_ref: str | None = None
    review_due: date | None = None
    based_on: str | None = None  # a stored reference
    given_by: str = "given"  # where the values above came from: "given" (by the caller), "manifest"


@dataclass(frozen=True)
class Value:
    """One fact about the version and where it came from."""

    name: str  # "adopted", "adopted by", "minute", "review due", "version", "council", "based on"
    value: str | None
    origin: str | None  # "document", "given", "manifest", "numbered"; None when not known


@dataclass(frozen=True)
class AddResult:
    outcome: Literal["added", "unchanged"]
    council: str
    policy: str
    label: str
    source_name: str
    clauses: int
    status: str  # current | superseded
    values: tuple[Value, ...] = ()
    superseded: str | None = None  # the label of the version this one replaced as current
    warnings: tuple[str, ...] = ()

    def describe(self) -> str:
        what = f"{self.council}: {self.policy} version {self.label} ({self.source_name}"
        if self.outcome == "unchanged":
            return f"unchanged {what}) is already stored; nothing to do"
        line = f"added {what}, {self.clauses} clauses)"
        if self.superseded:
            line += f"; supersedes version {self.superseded}"
        elif self.status == "superseded":
            line += "; adopted before the current version, so kept in history"
        return line


def guess_kind(name: str) -> str | None:
    words = name.lower().split()
    for kind, hints in (
        ("parish", ("parish", "community")),
        ("town", ("town", "city")),
        ("county", ("county",)),
        ("district", ("district", "borough")),
        ("unitary", ("unitary",)),
    ):
        if any(hint in words for hint in hints):
            return kind
    return None


def _event(metadata: Metadata) -> Adoption | None:
    """The adoption a version's text records: its adoption, else its latest dated amendment."""
    if metadata.adopted is not None:
        return metadata.adopted
    dated = [a for a in metadata.amendments if a.on is not None and a.on.value is not None]
    return max(dated, key=lambda a: a.on.value if a.on and a.on.value else date.min) if dated else None


Found = tuple[str | date | None, str]  # a value and where in the document it came from


def _day(value: DateValue | None, what: str = "") -> Found:
    """A date and its origin; a month or year date says how it was written ("May 2027")."""
    if value is None or value.value is None:
        return None, DOCUMENT
    if value.precision == "day" and not what:
        return value.value, DOCUMENT
    return value.value, f'{DOCUMENT}: {what}"{value.text}"'


def _from_document(document: Document) -> dict[str, Found]:
    metadata = document.metadata
    event = _event(metadata)
    row = metadata.version_table[-1] if metadata.version_table else None
    if metadata.version and metadata.version_table:
        row = next((r for r in reversed(metadata.version_table) if r.version == metadata.version), row)
    adopted = _day(event.on if event else None)
    if adopted[0] is None and row is not None:
        adopted = _day(row.approved_on)
    if adopted[0] is None:
        adopted = _day(metadata.issued, "issued ")  # a bare date on the cover
    review = _day(metadata.next_review)
    if review[0] is None and row is not None:
        review = _day(row.review_due)
    return {
        "council": (document.council, DOCUMENT),
        "version": (metadata.version or (row.version if row else None), DOCUMENT),
        "adopted": adopted,
        "adopted by": (event.body if event else None, DOCUMENT),
        "minute": (event.minute if event else None, DOCUMENT),
        "review due": review,
    }


def _choose(name: str, given: str | date | None, found: Found, options: AddOptions) -> Value:
    if given is not None:
        return Value(name, given.isoformat() if isinstance(given, date) else given, options.given_by)
    value, origin = found
    if value is not None:
        return Value(name, value.isoformat() if isinstance(value, date) else value, origin)
    return Value(name, None, None)


def _get_council(session: Session, name: str, kind: str | None) -> Council:
    council = session.scalars(select(Council).where(func.lower(Council.name) == name.lower())).first()
    if council is None:
        council = Council(name=name, kind=kind or guess_kind(name))
        session.add(council)
    elif kind is not None and council.kind != kind:
        council.kind = kind  # said explicitly (--model, --kind, a manifest): the caller knows
    return council


def _get_policy(session: Session, name: str) -> Policy:
    policy = session.scalars(select(Policy).where(func.lower(Policy.name) == name.lower())).first()
    if policy is None:
        policy = Policy(name=name)
        session.add(policy)
    return policy


def add_document(session: Session, document: Document, options: AddOptions) -> AddResult:
    """Store `document` as a version of a council's policy (see the module docstring)."""
    if options.kind is not None and options.kind not in COUNCIL_KINDS:
        raise BadValue(f"{options.kind!r} is not a council kind; use one of: {', '.join(COUNCIL_KINDS)}")
    serialise_writes(session)
    found = _from_document(document)
    source_name = Path(document.path).name
    council_value = _choose("council", options.council, found["council"], options)
    if council_value.value is None or not council_value.value.strip():
        raise BadValue(f"{document.path}: the document does not name its council", needs="council")
    if not options.policy.strip():
        raise BadValue("the policy name is empty", needs="policy")
    council = _get_council(session, council_value.value.strip(), options.kind)
    policy = _get_policy(session, options.policy.strip())
    session.flush()
    mine = select(Version).where(Version.council_id == council.id, Version.policy_id == policy.id)
    same = session.scalars(mine.where(Version.sha256 == document.sha256)).first()
    if same is not None:
        return AddResult(
            "unchanged", council.name, policy.name, same.label, same.source_name, len(same.clauses), same.status
        )
    label = _choose("version", options.label, found["version"], options)
    if label.value is None:
        count = session.scalar(mine.with_only_columns(func.count(Version.id))) or 0
        label = Value("version", str(count + 1), "numbered")
    assert label.value is not None
    clash = session.scalars(mine.where(func.lower(Version.label) == label.value.lower())).first()
    if clash is not None:
        raise Conflict(
            f"{council.name}: version {label.value!r} of {policy.name} is already stored from {clash.source_name} "
            "with different text",
            needs="version",
        )
    adopted = _choose("adopted", options.adopted_on, found["adopted"], options)
    adopted_by = _choose("adopted by", options.adopted_by, found["adopted by"], options)
    minute = _choose("minute", options.minute_ref, found["minute"], options)
    review = _choose("review due", options.review_due, found["review due"], options)
    based_on_version = find_version(session, options.based_on) if options.based_on else None
    based_on = _choose("based on", reference_of(based_on_version) if based_on_version else None, (None, ""), options)
    adopted_on = date.fromisoformat(adopted.value) if adopted.value else None

    current = session.scalars(mine.where(Version.status == "current")).first()
    older = bool(current and current.adopted_on and adopted_on and adopted_on < current.adopted_on)
    superseded = None
    if current is not None and not older:
        current.status = "superseded"
        superseded = current.label
        session.flush()  # one current version per council and policy, at every moment
    values: tuple[Value, ...] = (council_value, label, adopted, adopted_by, minute, review)
    values += (based_on,) if based_on.value else ()
    version = Version(
        council=council,
        policy=policy,
        label=label.value,
        source_name=source_name,
        sha256=document.sha256,
        format=document.format,
        title=document.title,
        document_council=document.council,
        adopted_on=adopted_on,
        adopted_by=adopted_by.value,
        minute_ref=minute.value,
        review_due=date.fromisoformat(review.value) if review.value else None,
        based_on=based_on_version,
        status="superseded" if older else "current",
        document_metadata=metadata_to_dict(document.metadata),
        warnings=list(document.warnings),
        origins={v.name: v.origin for v in values if v.value is not None},
    )
    session.add(version)
    session.flush()
    if document.clauses:
        session.execute(insert(ClauseRow), clause_rows(version.id, document.clauses))
    return AddResult(
        "added",
        council.name,
        policy.name,
        label.value,
        source_name,
        len(document.clauses),
        version.status,
        values=values,
        superseded=superseded,
        warnings=document.warnings,
    )
