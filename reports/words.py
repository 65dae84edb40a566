"""Small wording helpers every renderer shares, so dates, figures and counts read the same in
every format. Every date a report prints goes through `long_date` (for people) or `iso_date`
(for machines and the terminal), so a change to how dates are shown is made here once."""

from __future__ import annotations

from datetime import date

from clausewise.ingest.dates import format_date
from clausewise.ingest.model import DatePrecision


def long_date(value: date | None, precision: DatePrecision = "day") -> str:
    """ "23 November 2026" ("April 2028" when only the month is known), the form committee
    papers use; "—" when there is no date."""
    return format_date(value, precision, style="long")


def iso_date(value: date | None, precision: DatePrecision = "day") -> str:
    """ "2026-11-23" ("2028-04" when only the month is known), for CSV files and the terminal;
    "" when there is no date."""
    return format_date(value, precision, missing="")


def percent(value: float) -> str:
    return f"{value:.1f}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 clause", "2 clauses"; `many` for a plural that is not `word` + "s" ("1 policy was",
    "2 policies were")."""
    return f"{count} {noun(count, word, many)}"


def noun(count: int, word: str, many: str | None = None) -> str:
    """The word alone, agreeing with `count`: for a figure printed apart from its label."""
    return word if count == 1 else many or word + "s"


def sentence_case(title: str) -> str:
    """A title typed in capitals ("MODEL COUNCILLOR-OFFICER/CLERK PROTOCOL") in sentence case
    ("Model councillor-officer/clerk protocol"). A title with any small letter is left as its
    author wrote it, since only they know which words are proper names."""
    if any(ch.islower() for ch in title):
        return title
    return capitalised(title.lower())


def capitalised(text: str) -> str:
    """The first letter in capitals and the rest untouched (str.capitalize lowers the rest)."""
    return text[:1].upper() + text[1:]
