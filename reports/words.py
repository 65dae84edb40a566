"""Small wording helpers every renderer shares, so dates and figures read the same in every format."""

from __future__ import annotations

from datetime import date


def long_date(value: date | None) -> str:
    """ "23 November 2026", the form committee papers use; "—" when there is no date."""
    return f"{value.day} {value:%B %Y}" if value else "—"


def percent(value: float) -> str:
    return f"{value:.1f}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"
