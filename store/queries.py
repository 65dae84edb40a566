"""What the store is asked: councils, a council's history, reviews due, recording a review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from clausewise.align.align import align
from clausewise.align.model import Alignment
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from clausewise.errors import BadValue

from .alignments import stored_or_aligned
from .db import serialise_writes
from .documents import VersionInfo, document_of, version_info
from .models import Council, Policy, Review, Version
from .references import current_version, find_council, find_policy

REVIEW_WINDOWS = (30, 60, 90)
ReviewState = Literal["overdue", "due", "no review date"]


@dataclass(frozen=True)
class CouncilSummary:
    name: str
    kind: str | None
    policies: int
    versions: int


@dataclass(frozen=True)
class HistoryEntry:
    version: VersionInfo
    changes: str | None  # "3 modified, 1 added, 0 removed" against the previous version
    reviews: tuple[ReviewInfo, ...]


@dataclass(frozen=True)
class ReviewInfo:
    reviewed_on: date
    outcome: str
    next_review_due: date | None
    minute_ref: str | None


@dataclass(frozen=True)
class ReviewItem:
    council: str
    kind: str | None
    policy: str
    label: str
    review_due: date | None
    days: int | None  # days from "as of" to the due date; negative when overdue
    state: ReviewState
    window: int | None  # 30, 60 or 90 for a review due within that many days


def current_versions(session: Session, policy_name: str | None = None) -> list[VersionInfo]:
    """Every council's current version (of policies whose name contains `policy_name`), by council."""
    query = (
        select(Version)
        .join(Council, Version.council_id == Council.id)
        .join(Policy, Version.policy_id == Policy.id)
        .where(Version.status == "current")
        .order_by(Council.name, Policy.name)
    )
    if policy_name:
        query = query.where(func.lower(Policy.name).contains(policy_name.strip().lower(), autoescape=True))
    return [version_info(version) for version in session.scalars(query)]


def councils(session: Session) -> list[CouncilSummary]:
    rows = session.execute(
        select(
            Council.name,
            Council.kind,
            func.count(func.distinct(Version.policy_id)),
            func.count(Version.id),
        )
        .outerjoin(Version, Version.council_id == Council.id)
        .group_by(Council.id, Council.name, Council.kind)
        .order_by(Council.name)
    ).all()
    return [CouncilSummary(name, kind, policies, versions) for name, kind, policies, versions in rows]


def change_summary(alignment: Alignment) -> str:
    relations = [link.relation for link in alignment.links]
    parts = [
        f"{relations.count('modified')} modified",
        f"{len(alignment.added())} added",
        f"{len(alignment.removed())} removed",
    ]
    extra = [f"{relations.count('cosmetic')} cosmetic"] if "cosmetic" in relations else []
    moved = sum(link.moved for link in alignment.links)
    extra += [f"{moved} moved"] if moved else []
    return ", ".join(parts) + (f" ({', '.join(extra)})" if extra else "")


def history(session: Session, council_name: str, policy_name: str | None = None) -> list[HistoryEntry]:
    """A council's versions of a policy, oldest first, each with what changed from the one before."""
    entries = []
    for previous, version in _in_adoption_order(session, council_name, policy_name):
        changes = change_summary(compare_versions(session, previous, version)) if previous else None
        reviews = tuple(ReviewInfo(r.reviewed_on, r.outcome, r.next_review_due, r.minute_ref) for r in version.reviews)
        entries.append(HistoryEntry(version_info(version), changes, reviews))
    return entries


def versions_with_changes(
    session: Session, council_name: str, policy_name: str | None = None
) -> list[tuple[VersionInfo, Alignment | None]]:
    """A council's versions of a policy, oldest first, each with its alignment from the one before."""
    return [
        (version_info(version), compare_versions(session, previous, version) if previous else None)
        for previous, version in _in_adoption_order(session, council_name, policy_name)
    ]


def _in_adoption_order(
    session: Session, council_name: str, policy_name: str | None
) -> list[tuple[Version | None, Version]]:
    """(previous version, version) pairs, oldest first; a version never adopted counts from when it was added."""
    council = find_council(session, council_name)
    policy = find_policy(session, council, policy_name)
    versions = session.scalars(
        select(Version).where(Version.council_id == council.id, Version.policy_id == policy.id)
    ).all()
    ordered = sorted(versions, key=lambda v: (v.adopted_on or v.ingested_at.date(), v.id))
    return list(zip([None, *ordered[:-1]], ordered, strict=True))


def compare_versions(session: Session, left: Version, right: Version, *, semantic: str = "spacy") -> Alignment:
    """Align two stored versions, reusing a stored run with the same settings, else storing this one."""
    return stored_or_aligned(
        session,
        version_info(left),
        version_info(right),
        profile="default",
        semantic=semantic,
        compute=lambda: align(document_of(left), document_of(right), semantic=semantic),  # type: ignore[arg-type]
    )


def record_review(
    session: Session,
    council_name: str,
    policy_name: str | None,
    *,
    on: date,
    next_due: date,
    minute_ref: str | None = None,
    outcome: str = "unchanged",
) -> VersionInfo:
    """A review that kept the current text: the event is kept and the version's review date moves."""
    if next_due <= on:
        raise BadValue(f"the next review ({next_due}) must come after this review ({on})")
    serialise_writes(session)
    council = find_council(session, council_name)
    policy = find_policy(session, council, policy_name)
    version = current_version(session, council, policy)
    session.add(
        Review(version=version, reviewed_on=on, outcome=outcome, next_review_due=next_due, minute_ref=minute_ref)
    )
    version.review_due = next_due
    session.flush()
    return version_info(version)


def reviews(session: Session, as_of: date, within: int = 90) -> list[ReviewItem]:
    """Current versions overdue for review, due within `within` days of `as_of`, or with no date.

    Overdue first (most overdue first), then by due date, then those with no review date.
    """
    if within < 0:
        raise BadValue(f"a window of {within} days is negative; give a number of days from 0 up")
    horizon = as_of + timedelta(days=within)
    rows = session.execute(
        select(Council.name, Council.kind, Policy.name, Version.label, Version.review_due)
        .join(Council, Version.council_id == Council.id)
        .join(Policy, Version.policy_id == Policy.id)
        .where(
            and_(
                Version.status == "current",
                or_(Version.review_due.is_(None), Version.review_due <= horizon),
            )
        )
        .order_by(Version.review_due.is_(None), Version.review_due, Council.name, Policy.name)
    ).all()
    items = []
    for council, kind, policy, label, due in rows:
        if due is None:
            items.append(ReviewItem(council, kind, policy, label, None, None, "no review date", None))
            continue
        days = (due - as_of).days
        if days < 0:
            items.append(ReviewItem(council, kind, policy, label, due, days, "overdue", None))
        else:
            window = next((w for w in REVIEW_WINDOWS if days <= w), None)
            items.append(ReviewItem(council, kind, policy, label, due, days, "due", window))
    return items
