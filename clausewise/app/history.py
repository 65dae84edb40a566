"""A council's versions of a policy over time, and what changed at each: the one history that
`clausewise history`, `clausewise report history` and Python callers all get."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, Alignment, AlignSettings
from clausewise.reports import HistoryReport, HistoryRow, ReviewEvent, build_history
from clausewise.store import VersionInfo, reviews_of, versions_in_order

from .comparing import compare_versions


def policy_history(
    session: Session,
    council: str,
    policy: str | None = None,
    *,
    as_of: date,
    settings: AlignSettings = DEFAULT_SETTINGS,
) -> HistoryReport:
    """Each version, oldest first, with its alignment from the one before (stored and reused)."""
    versions = versions_in_order(session, council, policy)
    events: defaultdict[int, list[ReviewEvent]] = defaultdict(list)
    for review in reviews_of(session, (v.id for v in versions)):
        events[review.version_id].append(
            ReviewEvent(review.reviewed_on, review.outcome, review.next_review_due, review.minute_ref)
        )
    changes: list[Alignment | None] = [None]
    changes += [compare_versions(session, a, b, settings=settings) for a, b in pairwise(versions)]
    rows = [_row(v, alignment, tuple(events[v.id])) for v, alignment in zip(versions, changes, strict=True)]
    return build_history(rows, council=versions[0].council, policy=versions[0].policy, as_of=as_of)


def _row(version: VersionInfo, changes: Alignment | None, reviews: tuple[ReviewEvent, ...]) -> HistoryRow:
    return HistoryRow(
        version_label=version.label,
        adopted_on=version.adopted_on,
        adopted_by=version.adopted_by,
        minute=version.minute_ref,
        status=version.status,
        changes=changes,
        review_due=version.review_due,
        source=version.source_name,
        clauses=version.clauses,
        based_on=version.based_on,
        reviews=reviews,
    )
