"""Dates as council documents write them, parsed only where that needs no guessing.

"19th January 2015", "09.09.2024" (day first, as in the UK), "2024-09-09", "April 2028".
A string shaped like a date that is not a real one ("31.02.2024") is kept as text with
`value=None`; nothing is ever guessed.
"""

from __future__ import annotations

import re
from datetime import date

from .model import DateValue

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PATTERNS = (
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<nmonth>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})([./-])(?P<nmonth>\d{1,2})\2(?P<year>(?:19|20)?\d{2})(?![\d.]*\d)"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
)


def find_dates(text: str) -> list[tuple[int, int, DateValue]]:
    """Every date written in `text`, with its span, in order; overlapping forms are not repeated."""
    found: list[tuple[int, int, DateValue]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e, _ in found):
                continue
            found.append((start, end, _value(match)))
    return sorted(found, key=lambda item: item[0])


def parse_date(text: str) -> DateValue | None:
    """The date that makes up all of `text` (give or take punctuation), or None if it is not one."""
    stripped = text.strip(" \t.,;:()")
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0][0] == 0 and dates[0][1] == len(stripped):
        return dates[0][2]
    return None


def parse_iso(text: str) -> date:
    """A command-line date: ISO YYYY-MM-DD only, so no one wonders whether 03/04 is March or April."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD (for example 2026-05-05)")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None


def _value(match: re.Match[str]) -> DateValue:
    groups = match.groupdict()
    year = int(groups["year"])
    year += 2000 if year < 100 else 0
    month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["nmonth"])
    day = groups.get("day")
    try:
        value = date(year, month, int(day) if day else 1)
    except ValueError:
        return DateValue(match.group(0), None, "day" if day else "month")
    return DateValue(match.group(0), value, "day" if day else "month")
