"""Dates that cannot be right as given, refused before anything is stored.

An adoption date in the future, a review due before the adoption, a review recorded in the
future: each is far more often a slip of the year than the truth, so it is refused unless the
caller says it is right (`force=True`; the command line's --force). A date known only to its
month ("April 2026") is refused only when no day of that month could make it right.
"""

from __future__ import annotations

from datetime import date

from clausewise.errors import ImpossibleDate
from clausewise.ingest.dates import format_date, period_end
from clausewise.ingest.model import DatePrecision

KnownDate = tuple[date | None, DatePrecision]  # a date (its first day) and how precisely it is known


def check_version_dates(what: str, *, adopted: KnownDate, review_due: KnownDate, today: date, force: bool) -> None:
    """A version's adoption date is not in the future and its review is not due before it."""
    if force:
        return
    adopted_on, adopted_precision = adopted
    if adopted_on is not None and adopted_on > today:  # its first possible day is still to come
        raise ImpossibleDate(
            f"{what}: the adoption date {format_date(adopted_on, adopted_precision)} is in the future "
            f"(today is {today.isoformat()})"
        )
    due, due_precision = review_due
    if adopted_on is not None and due is not None and period_end(due, due_precision) < adopted_on:
        raise ImpossibleDate(
            f"{what}: the review due date {format_date(due, due_precision)} is before the adoption date "
            f"{format_date(adopted_on, adopted_precision)}"
        )


def check_review_day(what: str, *, on: date, today: date, force: bool) -> None:
    """A review is recorded once it has happened."""
    if not force and on > today:
        raise ImpossibleDate(
            f"{what}: the review date {on.isoformat()} is in the future (today is {today.isoformat()})"
        )
