"""Corrections of stored versions: `amend_version` corrects a version's facts, `remove_version`
takes out a version added by mistake.

Each is one transaction and is recorded in the `correction` table: which version, what, from
what to what, when and why. Nothing goes without a trace: a removed version's file name,
sha256, label, dates and recorded reviews stay in its record, which names its council and
policy as text.

Which version is current follows the adoption dates, as `add` decides it: amending an adoption
date can make another version current, and removing the current version makes the latest one
left current again; each such change is recorded too. A version based on a removed model
version loses that link (recorded). Removing the last version of a policy anywhere removes the
policy's entry, and removing a council's last version removes the council's entry, and the
original file goes with the last version read from it, so a mistaken add (a misspelt council
name) leaves nothing behind but its record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from clausewise.errors import BadValue, Conflict

from .checks import check_version_dates
from .db import serialise_writes
from .documents import precision_of, reference_of, shown_date, version_values
from .models import AlignmentRun, ClauseRow, Correction, Council, Policy, Version, utcnow
from .originals import drop_unused_original
from .queries import history_order
from .references import find_version

AMENDED = "amended"  # the origin of a value `amend` set


@dataclass(frozen=True)
class Amendment:
    """What to correct in a version: None leaves a fact as it is; "" clears a text fact."""

    label: str | None = None
    adopted_on: date | None = None
    adopted_by: str | None = None
    minute_ref: str | None = None
    review_due: date | None = None

    def is_empty(self) -> bool:
        return all(value is None for value in vars(self).values())


@dataclass(frozen=True)
class Change:
    """One recorded change of one version: a fact ("adopted", "status", ...), from what to what."""

    version: str  # the version's label when it was changed
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class CorrectionResult:
    action: Literal["amend", "remove"]
    council: str
    policy: str
    label: str  # the corrected version's label (its new one, when that was corrected)
    changes: tuple[Change, ...] = ()  # in order; other versions' status and links included
    removed: dict[str, Any] | None = None  # a removed version's identifying data, as recorded
    entries_removed: tuple[str, ...] = ()  # "council", "policy": entries that went with it

    @property
    def reference(self) -> str:
        return f"{self.council}:{self.policy}@{self.label}"


@dataclass(frozen=True)
class CorrectionInfo:
    """A recorded correction, as `history` shows it."""

    made_at: datetime
    action: str
    version_label: str
    field: str | None
    old_value: str | None
    new_value: str | None
    removed: dict[str, Any] | None
    reason: str | None


@dataclass
class _Record:
    """The rows one command writes to the correction table, all with one time and reason."""

    session: Session
    action: Literal["amend", "remove"]
    reason: str | None
    made_at: datetime = field(default_factory=utcnow)
    changes: list[Change] = field(default_factory=list)

    def change(self, version: Version, name: str, old: str | None, new: str | None, *, label: str = "") -> None:
        """A fact of `version` changed; `label` is the version's label before this command."""
        self.changes.append(Change(label or version.label, name, old, new))
        self.session.add(
            Correction(
                **self._common(version.council.name, version.policy.name, label or version.label),
                version=version,
                field=name,
                old_value=old,
                new_value=new,
            )
        )

    def removal(self, council: str, policy: str, details: dict[str, Any]) -> None:
        self.session.add(Correction(**self._common(council, policy, details["label"]), removed=details))

    def _common(self, council: str, policy: str, label: str) -> dict[str, Any]:
        return {
            "made_at": self.made_at,
            "action": self.action,
            "council": council,
            "policy": policy,
            "version_label": label,
            "reason": self.reason,
        }


def amend_version(
    session: Session,
    reference: str,
    amendment: Amendment,
    *,
    reason: str | None = None,
    today: date | None = None,
    force: bool = False,
) -> CorrectionResult:
    """Correct the facts of the version `reference` names; each changed fact is recorded. Dates
    are checked as `add` checks them (`today`, `force`)."""
    if amendment.is_empty():
        raise BadValue("nothing to amend: give a new value for the version, its adoption or its review date")
    serialise_writes(session)
    version = find_version(session, reference)
    record = _Record(session, "amend", reason)
    before = version_values(version)
    if amendment.label is not None and amendment.label != version.label:
        _check_label_free(session, version, amendment.label)
    _apply(version, amendment)
    if amendment.adopted_on is not None or amendment.review_due is not None:
        check_version_dates(
            reference_of(version),
            adopted=(version.adopted_on, precision_of(version.adopted_precision)),
            review_due=(version.review_due, precision_of(version.review_due_precision)),
            today=today or date.today(),
            force=force,
        )
    after = version_values(version)
    for name, old in before.items():
        if after[name] != old:
            record.change(version, name, old, after[name], label=before["version"] or "")
    version.origins = {**version.origins, **{c.field: AMENDED for c in record.changes}}
    session.flush()
    if before["adopted"] != after["adopted"]:
        _follow_adoption_dates(session, version, record)
    session.flush()
    return CorrectionResult("amend", version.council.name, version.policy.name, version.label, tuple(record.changes))


def _apply(version: Version, amendment: Amendment) -> None:
    if amendment.label is not None:
        if not amendment.label.strip():
            raise BadValue(f"{reference_of(version)}: a version label cannot be empty")
        version.label = amendment.label.strip()
    if amendment.adopted_on is not None:
        version.adopted_on, version.adopted_precision = amendment.adopted_on, "day"
    if amendment.review_due is not None:
        version.review_due, version.review_due_precision = amendment.review_due, "day"
    if amendment.adopted_by is not None:
        version.adopted_by = amendment.adopted_by.strip() or None
    if amendment.minute_ref is not None:
        version.minute_ref = amendment.minute_ref.strip() or None


def _check_label_free(session: Session, version: Version, label: str) -> None:
    taken = session.scalars(
        select(Version).where(
            Version.council_id == version.council_id,
            Version.policy_id == version.policy_id,
            Version.id != version.id,
            func.lower(Version.label) == label.strip().lower(),
        )
    ).first()
    if taken is not None:
        raise Conflict(
            f"{version.council.name}: version {label.strip()!r} of {version.policy.name} is already stored "
            f"from {taken.source_name}",
            needs="version",
        )


def _siblings(session: Session, council_id: int, policy_id: int) -> list[Version]:
    """A council's versions of a policy, oldest first, as `history` orders them."""
    rows = session.scalars(
        select(Version).where(Version.council_id == council_id, Version.policy_id == policy_id)
    ).all()
    return sorted(rows, key=history_order)


def _follow_adoption_dates(session: Session, amended: Version, record: _Record) -> None:
    """After an adoption date is corrected, the current version is the latest adopted, as `add`
    would have made it: only versions with adoption dates are compared."""
    versions = _siblings(session, amended.council_id, amended.policy_id)
    current = next((v for v in versions if v.status == "current"), None)
    dated = [v for v in versions if v.adopted_on is not None]
    if current is None or current.adopted_on is None or not dated:
        return
    latest = max(dated, key=lambda v: v.adopted_on or date.min)
    if latest is not current and latest.adopted_on != current.adopted_on:
        _make_current(session, latest, current, record)


def _make_current(session: Session, version: Version, current: Version | None, record: _Record) -> None:
    if current is not None:
        current.status = "superseded"
        record.change(current, "status", "current", "superseded")
        session.flush()  # one current version per council and policy, at every moment
    version.status = "current"
    record.change(version, "status", "superseded", "current")


def remove_version(session: Session, reference: str, *, reason: str | None = None) -> CorrectionResult:
    """Remove the version `reference` names, with its clauses, reviews and alignment runs; its
    identifying data is kept in the correction record (see the module docstring)."""
    serialise_writes(session)
    version = find_version(session, reference)
    council, policy, label, was_current = version.council, version.policy, version.label, version.status == "current"
    record = _Record(session, "remove", reason)
    details = _identity(version)
    for dependent in session.scalars(select(Version).where(Version.based_on_id == version.id)).all():
        record.change(dependent, "based on", reference_of(version), None)
        dependent.based_on = None
    session.flush()
    ids = (AlignmentRun.left_version_id == version.id, AlignmentRun.right_version_id == version.id)
    session.execute(delete(AlignmentRun).where(or_(*ids)))
    session.execute(delete(ClauseRow).where(ClauseRow.version_id == version.id))  # in one statement
    session.delete(version)
    session.flush()
    drop_unused_original(session, details["sha256"])  # kept while another version came from the file
    entries = _remove_unused_entries(session, council, policy)
    details |= {"entries removed": list(entries)} if entries else {}
    record.removal(council.name, policy.name, details)
    left = _siblings(session, council.id, policy.id)
    if was_current and left:
        _make_current(session, left[-1], None, record)
    session.flush()
    return CorrectionResult("remove", council.name, policy.name, label, tuple(record.changes), details, entries)


def _identity(version: Version) -> dict[str, Any]:
    """What identifies a version and what it said, for the record of its removal."""
    return {
        "label": version.label,
        "source_name": version.source_name,
        "sha256": version.sha256,
        "status": version.status,
        "council kind": version.council.kind,
        **{name: value for name, value in version_values(version).items() if name != "version"},
        "ingested_at": version.ingested_at.isoformat(),
        "clauses": version.clause_count,
        "reviews": [
            {
                "reviewed_on": review.reviewed_on.isoformat(),
                "outcome": review.outcome,
                "next_review_due": shown_date(review.next_review_due),
                "minute": review.minute_ref,
            }
            for review in version.reviews
        ],
    }


def _remove_unused_entries(session: Session, council: Council, policy: Policy) -> tuple[str, ...]:
    removed = []
    if session.scalars(select(Version.id).where(Version.policy_id == policy.id).limit(1)).first() is None:
        session.execute(delete(Policy).where(Policy.id == policy.id))
        removed.append("policy")
    if session.scalars(select(Version.id).where(Version.council_id == council.id).limit(1)).first() is None:
        session.execute(delete(Council).where(Council.id == council.id))
        removed.append("council")
    return tuple(removed)


def corrections_of(session: Session, council: str, policy: str) -> list[CorrectionInfo]:
    """The corrections recorded for a council's policy, oldest first."""
    rows = session.scalars(
        select(Correction)
        .where(Correction.council == council, Correction.policy == policy)
        .order_by(Correction.made_at, Correction.id)
    )
    return [
        CorrectionInfo(r.made_at, r.action, r.version_label, r.field, r.old_value, r.new_value, r.removed, r.reason)
        for r in rows
    ]
