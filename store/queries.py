"""What the store is asked: councils, current versions, a policy's versions in order, reviews.

Answers are values (`VersionInfo`, `ReviewInfo`, `CouncilSummary`), detached from the session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload, undefer

from clausewise.errors import BadValue
from clausewise.ingest.model import DatePrecision

from .checks import check_review_day
from .db import serialise_writes
from .documents import VersionInfo, precision_of, version_info
from .models import Council, Policy, Review, Version
from .references import current_version, find_council, find_policy

VersionQuery = TypeVar("VersionQuery", bound="Select[Any]")
AnyQuery = TypeVar("AnyQuery", bound="Select[*tuple[Any, ...]]")  # any columns


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


def current_versions(session: Session, policy_name: str | None = None) -> list[VersionInfo]:
    """Every council's current version, by council and policy, of policies whose name contains
    `policy_name` (all policies when it is None)."""
    query = (
        with_names(select(Version).join(Version.council).join(Version.policy))
        .where(Version.status == "current")
        .order_by(Council.name, Policy.name)
    )
    return [version_info(version) for version in session.scalars(_of_policy(query, policy_name))]


def with_names(query: VersionQuery) -> VersionQuery:
    """A query of versions joined to their council and policy, loading with each version what
    `VersionInfo` shows (the names, the model version it follows), so a list of versions is one
    query and not one more for each."""
    return query.options(
        undefer(Version.clause_count),
        contains_eager(Version.council),
        contains_eager(Version.policy),
        selectinload(Version.based_on).options(joinedload(Version.council), joinedload(Version.policy)),
    )


@dataclass(frozen=True)
class ReviewDate:
    """A current version and when it is due for review: all a reviews list needs."""

    council: str
    policy: str
    label: str
    adopted_on: date | None
    review_due: date | None
    adopted_precision: DatePrecision = "day"
    review_due_precision: DatePrecision = "day"  # "month": due by the end of that month


def review_dates(session: Session, policy_name: str | None = None, *, due_by: date | None = None) -> list[ReviewDate]:
    """Every current version's review date, by council and policy (as `current_versions`
    filters them), read as plain columns: a register of thousands of policies is one query."""
    query = (
        select(
            Council.name,
            Policy.name,
            Version.label,
            Version.adopted_on,
            Version.review_due,
            Version.adopted_precision,
            Version.review_due_precision,
        )
        .join(Council, Version.council_id == Council.id)
        .join(Policy, Version.policy_id == Policy.id)
        .where(Version.status == "current")
        .order_by(Council.name, Policy.name)
    )
    if due_by is not None:
        # A month-precise date is stored as its first day, so one due by the end of its month
        # is never left out here; the report's buckets place it by its last day.
        query = query.where(or_(Version.review_due.is_(None), Version.review_due <= due_by))
    return [
        ReviewDate(council, policy, label, adopted, due, precision_of(adopted_precision), precision_of(due_precision))
        for council, policy, label, adopted, due, adopted_precision, due_precision in session.execute(
            _of_policy(query, policy_name)
        )
    ]


def _of_policy(query: AnyQuery, policy_name: str | None) -> AnyQuery:
    """Only policies whose name contains `policy_name` (any case), when one is given."""
    if not policy_name:
        return query
    return query.where(func.lower(Policy.name).contains(policy_name.strip().lower(), autoescape=True))


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
        with_names(select(Version).join(Version.council).join(Version.policy)).where(
            Version.council_id == council.id, Version.policy_id == policy.id
        )
    ).all()
    return [version_info(version) for version in sorted(versions, key=history_order)]


def history_order(version: Version) -> tuple[date, int]:
    """Where a version stands in its policy's history: by adoption, else by when it was added."""
    return version.adopted_on or version.ingested_at.date(), version.id


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
    today: date | None = None,
    force: bool = False,
) -> VersionInfo:
    """A review that kept the current text: the event is kept and the version's review date moves.
    A review dated after `today` (default: the clock's) is refused unless `force`."""
    if next_due <= on:
        raise BadValue(f"the next review ({next_due}) must come after this review ({on})")
    serialise_writes(session)
    council = find_council(session, council_name)
    policy = find_policy(session, council, policy_name)
    version = current_version(session, council, policy)
    check_review_day(f"{council.name}: {policy.name}", on=on, today=today or date.today(), force=force)
    session.add(
        Review(version=version, reviewed_on=on, outcome=outcome, next_review_due=next_due, minute_ref=minute_ref)
    )
    version.review_due = next_due
    version.review_due_precision = "day"
    session.flush()
    return version_info(version)
