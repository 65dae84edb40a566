"""Reviews: which policies are overdue for review, or due within 30, 60 or 90 days.

This is the one place reviews are sorted into buckets: `clausewise reviews` prints this report
and `clausewise report reviews` writes it. The input is plain rows (from the store, from
documents' metadata, or typed in), so the report does not depend on where the dates came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from clausewise.errors import BadValue
from clausewise.ingest.dates import period_end
from clausewise.ingest.model import DatePrecision, Document

from .registry import register_report

Bucket = Literal["overdue", "due-30", "due-60", "due-90", "later", "no-date"]
BUCKETS: tuple[Bucket, ...] = ("overdue", "due-30", "due-60", "due-90", "later", "no-date")
BUCKET_TITLES: dict[Bucket, str] = {
    "overdue": "Overdue",
    "due-30": "Due within 30 days",
    "due-60": "Due in 31–60 days",
    "due-90": "Due in 61–90 days",
    "later": "Due in more than 90 days",
    "no-date": "No review date",
}


@dataclass(frozen=True)
class ReviewRow:
    council: str
    policy: str
    version_label: str
    adopted_on: date | None
    review_due: date | None
    adopted_precision: DatePrecision = "day"  # "month": known only to the month ("April 2026")
    review_due_precision: DatePrecision = "day"
    model_version: str | None = None  # the label of the model version it follows, when known
    model_now: str | None = None  # the label of that model's current version

    @property
    def model_revised(self) -> bool:
        """Whether the model has been revised since the version this policy follows: the
        flag `REVISED` ("model revised since adoption")."""
        return self.model_version is not None and self.model_now is not None and self.model_version != self.model_now


@dataclass(frozen=True)
class ReviewItem:
    row: ReviewRow
    bucket: Bucket
    days: int | None  # days from the report date to the review date; negative when overdue


@dataclass(frozen=True)
class ReviewsReport:
    council: str  # whose report it is: one council, or a name for a group of them
    as_of: date
    within: int | None  # reviews due more than this many days ahead are left out; None: none are
    items: tuple[ReviewItem, ...]  # most urgent first

    @property
    def title(self) -> str:
        return f"Policy reviews as of {self.as_of.isoformat()}"

    def in_bucket(self, bucket: Bucket) -> tuple[ReviewItem, ...]:
        return tuple(item for item in self.items if item.bucket == bucket)


def bucket_of(due: date | None, as_of: date, precision: DatePrecision = "day") -> tuple[Bucket, int | None]:
    if due is None:
        return "no-date", None
    # A review due in "April 2028" is due by the end of April: it counts from the month's last day.
    days = (period_end(due, precision) - as_of).days
    if days < 0:
        return "overdue", days
    for limit, bucket in ((30, "due-30"), (60, "due-60"), (90, "due-90")):
        if days <= limit:
            return bucket, days  # type: ignore[return-value]
    return "later", days


def build_reviews(rows: Iterable[ReviewRow], *, council: str, as_of: date, within: int | None = None) -> ReviewsReport:
    """Rows into buckets, most urgent first: the longest overdue, then the soonest due; rows
    with no review date last, by council and policy. Reviews due more than `within` days
    after `as_of` are left out (None keeps them all)."""
    if within is not None and within < 0:
        raise BadValue(f"a window of {within} days is negative; give 0 days or more")
    items = []
    for row in rows:
        bucket, days = bucket_of(row.review_due, as_of, row.review_due_precision)
        if within is None or days is None or days <= within:
            items.append(ReviewItem(row, bucket, days))
    items.sort(
        key=lambda item: (
            BUCKETS.index(item.bucket),
            item.days if item.days is not None else 0,
            item.row.council,
            item.row.policy,
            item.row.version_label,
        )
    )
    return ReviewsReport(council=council, as_of=as_of, within=within, items=tuple(items))


def review_row(document: Document, *, council: str | None = None, policy: str | None = None) -> ReviewRow:
    """A row from what a document says about itself: adoption date, next review, version."""
    metadata = document.metadata
    adopted = metadata.adopted.on if metadata.adopted and metadata.adopted.on else None
    if adopted is None and metadata.issued is not None:
        adopted = metadata.issued
    due = metadata.next_review
    return ReviewRow(
        council=council or document.council or "Unknown council",
        policy=policy or document.title or "Policy",
        version_label=metadata.version or "",
        adopted_on=adopted.value if adopted else None,
        review_due=due.value if due else None,
        adopted_precision=adopted.precision if adopted else "day",
        review_due_precision=due.precision if due else "day",
    )


register_report(
    "reviews",
    ReviewsReport,
    "policies overdue for review, due soon, or with no review date",
    default="html",
    demo=("html", "csv"),
)
