"""Dates as council documents write them, parsed only where that needs no guessing.

"19th January 2015", "January 19, 2015", "09.09.2024" (day first, as in the UK),
"2024-09-09", "April 2028" (a month: its first day, precision "month"). A string shaped like
a date that is not a real one ("31.02.2024") is kept as text with `value=None`; nothing is
ever guessed. No date library is used: their "fuzzy" parsing is exactly the guessing we avoid.

`format_date` writes a date as precisely as it is known, for every output clausewise makes
(the terminal, CSV, HTML, Markdown, Word); `period_end` is the last day such a date can mean.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal

from .model import DatePrecision, DateValue

_MONTH_NAMES = (
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
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}

# Longest names first so "sept" is not read as "sep" + "t".
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(_WEEKDAYS) + r"),?\s+(?:the\s+)?)?"
_WORD_DATES = (
    re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
)
_ISO = re.compile(r"(?<![\w.\-/])(?P<year>(?:19|20)\d{2})-(?P<nmonth>\d{1,2})-(?P<day>\d{1,2})(?![\w\-/]|\.\d)")
# Day first with the same separator twice. Not preceded or followed by more number parts,
# so "1.2.3.4" or "v1.2.24" stay clause and version numbers.
_NUMERIC = re.compile(
    r"(?<![\w.\-/])(?P<day>\d{1,2})(?P<sep>[./-])(?P<nmonth>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d{2}|\d{2})"
    r"(?![\w\-/]|\.\d)"
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)
# Every form above has a year of at least two digits in a row: text without them has no date.
_YEAR_DIGITS = re.compile(r"\d\d")
# Most specific first: a full date wins over the month and year inside it.
_PATTERNS = (*_WORD_DATES, _ISO, _NUMERIC, _MONTH_YEAR)

# A number right after one of these words is a reference, not a day: "version 3 April 2009"
# is version 3 of April 2009, "minute 12/05/24" is a minute number.
_LABEL_BEFORE = re.compile(
    r"\b(?:version|ver|v|no|nos|number|minute|minutes|min|part|section|sections|clause|clauses|paragraph|"
    r"para|paras|item|page|pages|rule|article|regulation|schedule|appendix|annex|standing\s+order)\.?\s*$",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[tuple[int, int, DateValue]]:
    """Every date written in `text`, with its span, in order; overlapping forms are not repeated."""
    if not _YEAR_DIGITS.search(text):
        return []  # most lines of a policy: not worth five patterns each
    found: list[tuple[int, int, DateValue]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e, _ in found) or not _plausible(match, text):
                continue
            found.append((start, end, _value(match)))
    return sorted(found, key=lambda item: item[0])


def parse_date(text: str) -> DateValue | None:
    """The date that makes up all of `text` (give or take punctuation), or None if it is not one."""
    stripped = text.strip(" \t\r\n.,;:()[]\"'‘’“”")
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0][0] == 0 and dates[0][1] == len(stripped):
        return dates[0][2]
    return None


def parse_iso(text: str) -> date:
    """A command-line date: ISO YYYY-MM-DD only, so no one wonders whether 03/04 is March or April."""
    stripped = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD (for example 2026-05-05)")
    try:
        return date.fromisoformat(stripped)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None


def _plausible(match: re.Match[str], text: str) -> bool:
    """Reject number runs that are references, not dates."""
    if match.groupdict().get("day") and _LABEL_BEFORE.search(text, 0, match.start()):
        return False
    if match.re is _NUMERIC and len(match.group("year")) == 2 and match.group("sep") != "/":
        # "1.2.10" is far more often a clause number than 1 February 2010; a two-digit
        # year is only believed with a two-digit day and month ("09.09.24").
        return len(match.group("day")) == 2 and len(match.group("nmonth")) == 2
    return True


def _value(match: re.Match[str]) -> DateValue:
    groups = match.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000  # "09.09.24": these documents are all from this century
    month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["nmonth"])
    day = groups.get("day")
    precision: DatePrecision = "day" if day else "month"
    try:
        value: date | None = date(year, month, int(day) if day else 1)
    except ValueError:
        value = None  # "31.02.2024": shaped like a date, but no such day; keep the text
    weekday = groups.get("weekday")
    if value is not None and weekday and _WEEKDAYS.index(weekday.lower()) != value.weekday():
        value = None  # "Monday 5 May 2026" was a Tuesday: the text contradicts itself
    return DateValue(match.group(0), value, precision)


def format_date(
    value: date | None, precision: DatePrecision = "day", *, style: Literal["iso", "long"] = "iso", missing: str = "—"
) -> str:
    """A date written no more precisely than it is known, the one way every output writes dates.

    style "iso" (the terminal, CSV): "2028-04-30", "2028-04" for a month, "2028" for a year;
    style "long" (committee papers): "30 April 2028", "April 2028", "2028". `missing` is written
    for no date. A month-precise date is never shown as the first day of its month."""
    if value is None:
        return missing
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value:%Y-%m}" if style == "iso" else f"{value:%B %Y}"
    return value.isoformat() if style == "iso" else f"{value.day} {value:%B %Y}"


def period_end(value: date, precision: DatePrecision = "day") -> date:
    """The last day a date known only to `precision` can mean: 30 April 2028 for "April 2028"."""
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value
