"""`format_date` writes a date no more precisely than it is known; `period_end` is the last day
it can mean. Checked on the dates the corpus documents write."""

from __future__ import annotations

from datetime import date

import pytest

from clausewise.ingest.dates import format_date, parse_date, period_end


@pytest.mark.parametrize(
    ("written", "iso", "long", "end"),
    [
        ("19th January 2015", "2015-01-19", "19 January 2015", date(2015, 1, 19)),  # Chard's adoption
        ("April 2028", "2028-04", "April 2028", date(2028, 4, 30)),  # Spilsby's next review
        ("May 2027", "2027-05", "May 2027", date(2027, 5, 31)),  # Sandon and Burston's version table
        ("February 2028", "2028-02", "February 2028", date(2028, 2, 29)),  # a leap year's February
    ],
)
def test_a_date_is_written_as_precisely_as_it_is_known(written: str, iso: str, long: str, end: date) -> None:
    parsed = parse_date(written)
    assert parsed is not None and parsed.value is not None
    assert format_date(parsed.value, parsed.precision) == iso
    assert format_date(parsed.value, parsed.precision, style="long") == long
    assert period_end(parsed.value, parsed.precision) == end


def test_a_year_and_no_date() -> None:
    assert format_date(date(2026, 1, 1), "year") == format_date(date(2026, 1, 1), "year", style="long") == "2026"
    assert period_end(date(2026, 1, 1), "year") == date(2026, 12, 31)
    assert format_date(None) == "—" and format_date(None, missing="") == ""
