"""Dates in the forms council documents use; nothing guessed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.dates import find_dates, parse_date, parse_iso

MONTHS = "January February March April May June July August September October November December".split()


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("19th January 2015", date(2015, 1, 19), "day"),
        ("1st Jan 2015", date(2015, 1, 1), "day"),
        ("January 19, 2015", date(2015, 1, 19), "day"),
        ("09.09.2024", date(2024, 9, 9), "day"),
        ("13/05/2025", date(2025, 5, 13), "day"),
        ("13-05-2025", date(2025, 5, 13), "day"),
        ("09.09.24", date(2024, 9, 9), "day"),
        ("2024-09-09", date(2024, 9, 9), "day"),
        ("April 2028", date(2028, 4, 1), "month"),
        ("Sept 2027", date(2027, 9, 1), "month"),
    ],
)
def test_parse_date_forms(text: str, value: date, precision: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.text, parsed.value, parsed.precision) == (text, value, precision)


@pytest.mark.parametrize("text", ["31.02.2024", "30th February 2020", "13.13.2024"])
def test_invalid_dates_are_kept_as_text(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None and parsed.value is None and parsed.text == text


@pytest.mark.parametrize("text", ["minute 371", "Part 5.3", "Freedom of Information Act 2000", "311(a)", "Version 3"])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert parse_date(text) is None
    assert find_dates(text) == []


def test_find_dates_in_running_text() -> None:
    text = "Amended by Council 11 January 2010 minute 311(a); Amended by Council 16 July 2012 minute 108"
    assert [d.value for _, _, d in find_dates(text)] == [date(2010, 1, 11), date(2012, 7, 16)]


def test_parse_iso_refuses_ambiguous_input() -> None:
    assert parse_iso("2026-05-05") == date(2026, 5, 5)
    for bad in ("05/05/2026", "2026-02-30", "May 2026"):
        with pytest.raises(ValueError, match="2026"):
            parse_iso(bad)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_written_form_of_a_date_parses_back(day: date) -> None:
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day.day, "th")
    forms = [
        f"{day.day}{suffix} {MONTHS[day.month - 1]} {day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        day.isoformat(),
    ]
    for form in forms:
        parsed = parse_date(form)
        assert parsed is not None and parsed.value == day, form
