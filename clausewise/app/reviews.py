"""Reviews due, as of a date: the one computation behind `clausewise reviews` and
`clausewise report reviews` (the buckets themselves are `clausewise.reports.reviews`)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from clausewise.reports import ReviewRow, ReviewsReport, build_reviews
from clausewise.store import review_dates
from clausewise.store.lineage import model_statuses

ALL_COUNCILS = "All councils"


def reviews_due(
    session: Session, *, as_of: date, within: int | None = None, policy: str | None = None
) -> ReviewsReport:
    """Every current version overdue for review, due within `within` days (None: whenever),
    or with no date; each with the model version it follows as recorded when it was added
    (detected or given), so a policy on an old model version is flagged without aligning
    anything here."""
    due_by = as_of + timedelta(days=within) if within is not None and within >= 0 else None
    models = model_statuses(session)
    rows = []
    for v in review_dates(session, policy, due_by=due_by):
        model = models.get((v.council, v.policy))
        dates = (v.adopted_on, v.review_due, v.adopted_precision, v.review_due_precision)
        follows = (model.based_on, model.model_now) if model else (None, None)
        rows.append(ReviewRow(v.council, v.policy, v.label, *dates, *follows))
    return build_reviews(rows, council=ALL_COUNCILS, as_of=as_of, within=within)
