"""Reviews due, as of a date: the one computation behind `clausewise reviews` and
`clausewise report reviews` (the buckets themselves are `clausewise.reports.reviews`)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from clausewise.reports import ReviewRow, ReviewsReport, build_reviews
from clausewise.store import review_dates

ALL_COUNCILS = "All councils"


def reviews_due(
    session: Session, *, as_of: date, within: int | None = None, policy: str | None = None
) -> ReviewsReport:
    """Every current version overdue for review, due within `within` days (None: whenever),
    or with no date."""
    due_by = as_of + timedelta(days=within) if within is not None and within >= 0 else None
    rows = [
        ReviewRow(v.council, v.policy, v.label, v.adopted_on, v.review_due, v.adopted_precision, v.review_due_precision)
        for v in review_dates(session, policy, due_by=due_by)
    ]
    return build_reviews(rows, council=ALL_COUNCILS, as_of=as_of, within=within)
