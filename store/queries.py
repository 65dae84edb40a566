"""What the store is asked: councils, current versions, a policy's versions in order, reviews.

Answers are values (`VersionInfo`, `ReviewInfo`, `CouncilSummary`), detached from the session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clausewise.errors import BadValue

from .db import serialise_writes
from .documents import VersionInfo, version_info
from .models import Council, Policy, Review, Version
from .references import current_version, find_council, find_policy


@dataclass(frozen=True)
class CouncilSummary:
    name: str
    kind: str | None
    policies: int
    versions: int


@dataclass(frozen=True)
class ReviewInfo:
    """A recorded review of a version."""

    version_id: int
    reviewed_on: date
    outcome: str
    next_review_due: date | None
    minute_ref: str | None


def current_versions(
    session: Session, policy_name: str | None = None, *, due_by: date | None = None
) -> list[VersionInfo]:
    """Every council's current version, by council and policy: of policies whose name contains
    `policy_name`, and with `due_by`, only those due for review by then or with no date."""
    query = (
        select(Version)
        .join(Council, Version.council_id == Council.id)
        .join(Policy, Version.policy_id == Policy.id)
        .where(Version.status == "current")
        .order_by(Council.name, Policy.name)
    )
    if policy_name:
        query = query.where(func.lower(Policy.name).contains(policy_name.strip().lower(), autoescape=True))
    if due_by is not None:
        query = query.where(or_(Version.review_due.is_(None), Version.review_due <= due_by))
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


def versions_in_order(session: Session, council_name: str, policy_name: str | None = None) -> list[VersionInfo]:
    """A council's versions of a policy, oldest first; a version never adopted counts from when
    it was added."""
    council = find_council(session, council_name)
    policy = find_policy(session, council, policy_name)
    versions = session.scalars(
        select(Version).where(Version.council_id == council.id, Version.policy_id == policy.id)
    ).all()
    ordered = sorted(versions, key=lambda v: (v.adopted_on or v.ingested_at.date(), v.id))
    return [version_info(version) for version in ordered]


def reviews_of(session: Session, version_ids: Iterable[int]) -> list[ReviewInfo]:
    """The reviews recorded for these versions, in the order they were recorded."""
    ids = list(version_ids)
    if not ids:
        return []
    rows = session.scalars(select(Review).where(Review.version_id.in_(ids)).order_by(Review.id))
    return [ReviewInfo(r.version_id, r.reviewed_on, r.outcome, r.next_review_due, r.minute_ref) for r in rows]


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
