"""Small wording helpers every renderer shares, so dates and figures read the same in every format."""

from __future__ import annotations

from datetime import date

from clausewise.ingest.dates import format_date
from clausewise.ingest.model import DatePrecision


def long_date(value: date | None, precision: DatePrecision = "day") -> str:
    """ "23 November 2026" ("April 2028" when only the month is known), the form committee
    papers use; "—" when there is no date."""
    return format_date(value, precision, style="long")


def percent(value: float) -> str:
    return f"{value:.1f}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"
