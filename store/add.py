"""Adding a read Document as a new version of a council's policy.

What the caller gives (command-line options, a manifest) wins; what the document says fills
the rest; every value remembers where it came from, and a date keeps how precisely it is known
("April 2026" stays a month). A date that cannot be right is refused unless forced (see
`checks`). The same file twice is a no-op when nothing new is said about it, and refused when
the caller gives other values than the stored ones (that is a correction: `corrections`). A new
version supersedes the current one unless it was adopted before it (then it joins history).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast

from sqlalchemy import Select, Table, func, insert, select
from sqlalchemy.orm import Session

from clausewise.errors import BadValue, Conflict
from clausewise.ingest.dates import format_date
from clausewise.ingest.model import Adoption, DatePrecision, DateValue, Document, Metadata
from clausewise.ingest.serialize import metadata_to_dict, set_aside_to_list

from .checks import check_version_dates
from .db import serialise_writes
from .documents import clause_rows, reference_of, version_values
from .models import COUNCIL_KINDS, ClauseRow, Council, Policy, Version
from .originals import save_original
from .references import find_version

DOCUMENT = "document"
# The origin of an adoption date read from a bare date on the cover: the document names no
# adoption, so this is the best there is, and `add` and `history` say so.
COVER_DATE = "the date on the cover"


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
    value: str | None  # as printed: a date known only to its month is "2026-04"
    origin: str | None  # "document", "given", "manifest", "numbered", COVER_DATE; None when not known
    day: date | None = None  # a date value itself (the first day of a month-precise one)
    precision: DatePrecision = "day"


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
    version_id: int | None = None  # the stored version's key, for what the caller does next with it

    def describe(self) -> str:
        what = f"{self.council}: {self.policy} version {self.label} ({self.source_name}"
        if self.outcome == "unchanged":
            return f"unchanged {what}) is already stored; nothing to do"
        line = f"added {what}, {self.clauses} clause{'' if self.clauses == 1 else 's'})"
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


class Found(NamedTuple):
    """A value the document gives, where in the document it came from, and for a date how
    precisely it is written."""

    value: str | date | None
    origin: str = DOCUMENT
    precision: DatePrecision = "day"


def _dated(value: DateValue | None, origin: str | None = None) -> Found:
    """A date and its origin; a month or year date says how it was written ("May 2027")."""
    if value is None or value.value is None:
        return Found(None)
    if origin is None:
        origin = DOCUMENT if value.precision == "day" else f'{DOCUMENT}: "{value.text}"'
    return Found(value.value, origin, value.precision)


def values_from_document(document: Document) -> dict[str, Found]:
    """What `add` takes from the document itself (adoption, body, minute, review date, label),
    each with where it was found: also what the web app's add form is filled with."""
    metadata = document.metadata
    event = _event(metadata)
    row = metadata.version_table[-1] if metadata.version_table else None
    if metadata.version and metadata.version_table:
        row = next((r for r in reversed(metadata.version_table) if r.version == metadata.version), row)
    adopted = _dated(event.on if event else None)
    if adopted.value is None and row is not None:
        adopted = _dated(row.approved_on)
    if adopted.value is None:
        adopted = _dated(metadata.issued, COVER_DATE)  # a bare date on the cover
    review = _dated(metadata.next_review)
    if review.value is None and row is not None:
        review = _dated(row.review_due)
    return {
        "council": Found(document.council),
        "version": Found(metadata.version or (row.version if row else None)),
        "adopted": adopted,
        "adopted by": Found(event.body if event else None),
        "minute": Found(event.minute if event else None),
        "review due": review,
    }


def _choose(name: str, given: str | date | None, found: Found, options: AddOptions) -> Value:
    if given is not None:
        chosen = Found(given, options.given_by)
    elif found.value is not None:
        chosen = found
    else:
        return Value(name, None, None)
    if isinstance(chosen.value, date):
        shown = format_date(chosen.value, chosen.precision)
        return Value(name, shown, chosen.origin, day=chosen.value, precision=chosen.precision)
    return Value(name, chosen.value, chosen.origin)


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


def _given(session: Session, options: AddOptions) -> dict[str, str | None]:
    """What the caller says about the version, as `add` prints it; only what was given."""
    given: dict[str, str | None] = {
        "version": options.label,
        "adopted": options.adopted_on.isoformat() if options.adopted_on else None,
        "adopted by": options.adopted_by,
        "minute": options.minute_ref,
        "review due": options.review_due.isoformat() if options.review_due else None,
        "based on": reference_of(find_version(session, options.based_on)) if options.based_on else None,
    }
    return {name: value for name, value in given.items() if value is not None}


def _unchanged(session: Session, same: Version, options: AddOptions) -> AddResult:
    """The file is stored already: nothing to do, unless the caller says something else about
    it than what is stored, which is a correction and is refused here."""
    stored = version_values(same)
    differ = {name: value for name, value in _given(session, options).items() if value != stored[name]}
    if differ:
        stored_as = f"version {same.label}" + (f" (not {differ.pop('version')})" if "version" in differ else "")
        facts = " and ".join(f"{name} {stored[name] or 'not known'} (not {value})" for name, value in differ.items())
        with_facts = f" with {facts}" if facts else ""
        raise Conflict(f"{same.source_name}: already stored as {stored_as}{with_facts}", needs="amend")
    return AddResult(
        "unchanged",
        same.council.name,
        same.policy.name,
        same.label,
        same.source_name,
        same.clause_count,
        same.status,
        version_id=same.id,
    )


def _label(session: Session, mine: Select[Any], found: Found, options: AddOptions) -> Value:
    """The version's label: given, else the document's, else the next number; never one taken."""
    label = _choose("version", options.label, found, options)
    if label.value is None:
        count = session.scalar(mine.with_only_columns(func.count(Version.id))) or 0
        label = Value("version", str(count + 1), "numbered")
    assert label.value is not None
    clash = session.scalars(mine.where(func.lower(Version.label) == label.value.lower())).first()
    if clash is not None:
        raise Conflict(
            f"{clash.council.name}: version {label.value!r} of {clash.policy.name} is already stored from "
            f"{clash.source_name} with different text",
            needs="version",
        )
    return label


def _supersede(session: Session, mine: Select[Any], adopted_on: date | None) -> tuple[bool, str | None]:
    """Make way for a new version: the current one is superseded unless the new one was adopted
    before it. Whether the new one is older, and the label it supersedes."""
    current = session.scalars(mine.where(Version.status == "current")).first()
    if current is None:
        return False, None
    if current.adopted_on and adopted_on and adopted_on < current.adopted_on:
        return True, None
    current.status = "superseded"
    session.flush()  # one current version per council and policy, at every moment
    return False, current.label


def add_document(
    session: Session,
    document: Document,
    options: AddOptions,
    *,
    today: date | None = None,
    force: bool = False,
    original: bytes | None = None,
) -> AddResult:
    """Store `document` as a version of a council's policy (see the module docstring). `today`
    is the date impossible dates are judged against (default: the clock's); `force` stores
    them anyway. `original`, the bytes of the file `document` was read from, is kept once per
    distinct file (`originals`); a file stored already before originals were kept gets its
    original now."""
    if options.kind is not None and options.kind not in COUNCIL_KINDS:
        raise BadValue(f"{options.kind!r} is not a council kind; use one of: {', '.join(COUNCIL_KINDS)}")
    serialise_writes(session)
    found = values_from_document(document)
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
        result = _unchanged(session, same, options)
        _keep_original(session, document, original)
        return result
    label = _label(session, mine, found["version"], options)
    adopted = _choose("adopted", options.adopted_on, found["adopted"], options)
    adopted_by = _choose("adopted by", options.adopted_by, found["adopted by"], options)
    minute = _choose("minute", options.minute_ref, found["minute"], options)
    review = _choose("review due", options.review_due, found["review due"], options)
    check_version_dates(
        source_name,
        adopted=(adopted.day, adopted.precision),
        review_due=(review.day, review.precision),
        today=today or date.today(),
        force=force,
    )
    based_on_version = find_version(session, options.based_on) if options.based_on else None
    based_on = _choose("based on", reference_of(based_on_version) if based_on_version else None, Found(None), options)

    older, superseded = _supersede(session, mine, adopted.day)
    values: tuple[Value, ...] = (council_value, label, adopted, adopted_by, minute, review)
    values += (based_on,) if based_on.value else ()
    assert label.value is not None
    version = Version(
        council=council,
        policy=policy,
        label=label.value,
        source_name=source_name,
        sha256=document.sha256,
        format=document.format,
        title=document.title,
        document_council=document.council,
        adopted_on=adopted.day,
        adopted_precision=adopted.precision,
        adopted_by=adopted_by.value,
        minute_ref=minute.value,
        review_due=review.day,
        review_due_precision=review.precision,
        based_on=based_on_version,
        status="superseded" if older else "current",
        document_metadata=metadata_to_dict(document.metadata),
        warnings=list(document.warnings),
        set_aside=set_aside_to_list(document.set_aside),
        origins={v.name: v.origin for v in values if v.value is not None},
    )
    session.add(version)
    session.flush()
    _keep_original(session, document, original)
    if document.clauses:
        # The table, not the mapped class: a plain executemany, without the ORM's per-row work.
        session.execute(insert(cast(Table, ClauseRow.__table__)), clause_rows(version.id, document.clauses))
    return AddResult(
        "added",
        council.name,
        policy.name,
        label.value,
        source_name,
        len(document.content),  # clauses, not headings: as `clausewise read` counts them
        version.status,
        values=values,
        superseded=superseded,
        warnings=document.warnings,
        version_id=version.id,
    )


def _keep_original(session: Session, document: Document, original: bytes | None) -> None:
    if original is not None:
        save_original(session, original, document.format, sha256=document.sha256)
