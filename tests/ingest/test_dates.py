"""Dates in the forms council documents use; nothing guessed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clausewise.ingest.dates import find_dates, parse_date, parse_iso

MONTHS = "January February March April May June July August September October November December".split()


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("19th January 2015", date(2015, 1, 19), "day"),
        ("19 January 2015", date(2015, 1, 19), "day"),
        ("1st Jan 2015", date(2015, 1, 1), "day"),
        ("22nd of March 2021", date(2021, 3, 22), "day"),
        ("5 MAY 2026", date(2026, 5, 5), "day"),
        ("January 19, 2015", date(2015, 1, 19), "day"),
        ("Jan. 5, 2015", date(2015, 1, 5), "day"),
        ("Tuesday 5 May 2026", date(2026, 5, 5), "day"),
        ("09.09.2024", date(2024, 9, 9), "day"),
        ("13/05/2025", date(2025, 5, 13), "day"),
        ("13-05-2025", date(2025, 5, 13), "day"),
        ("1.2.2024", date(2024, 2, 1), "day"),
        ("09.09.24", date(2024, 9, 9), "day"),
        ("9/9/24", date(2024, 9, 9), "day"),
        ("2024-09-09", date(2024, 9, 9), "day"),
        ("April 2028", date(2028, 4, 1), "month"),
        ("May 2026", date(2026, 5, 1), "month"),
        ("Sept 2027", date(2027, 9, 1), "month"),
        ("sep. 2027", date(2027, 9, 1), "month"),
    ],
)
def test_parse_date_forms(text: str, value: date, precision: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.text, parsed.value, parsed.precision) == (text, value, precision)


def test_parse_date_allows_surrounding_punctuation_and_keeps_the_date_text() -> None:
    parsed = parse_date("  (19th January 2015).  ")
    assert parsed is not None and parsed.text == "19th January 2015" and parsed.value == date(2015, 1, 19)


@pytest.mark.parametrize(
    "text",
    ["31.02.2024", "30th February 2020", "13.13.2024", "2024-02-30", "31st Sept 2027", "Monday 5 May 2026"],
)
def test_invalid_dates_are_kept_as_text(text: str) -> None:
    """Shaped like a date but no such day (or, for Monday 5 May 2026, a Tuesday): never guessed."""
    parsed = parse_date(text)
    assert parsed is not None and parsed.value is None and parsed.text == text


@pytest.mark.parametrize(
    "text",
    [
        "minute 371",
        "311(a)",
        "Version 3",
        "v1.2.24",
        "Part 5.3",
        "Part 5.3: A Protocol for Councillor and Officer Relations",
        "Freedom of Information Act 2000",
        "see paragraphs 1.2.10 and 4.1.3",
        "minute 12/05/24",
        "clause 10.12.2020",
        "Tel 01790 753189, PE23 5LA",
        "Spring 2025",
        "2015",
        "the 5th of next month",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert parse_date(text) is None
    assert find_dates(text) == []


def test_find_dates_in_running_text_with_spans() -> None:
    text = "Amended by Council 11 January 2010 minute 311(a); Amended by Council 16 July 2012 minute 108"
    found = find_dates(text)
    assert [(text[start:end], d.text, d.value) for start, end, d in found] == [
        ("11 January 2010", "11 January 2010", date(2010, 1, 11)),
        ("16 July 2012", "16 July 2012", date(2012, 7, 16)),
    ]


def test_find_dates_keeps_invalid_dates_in_running_text() -> None:
    found = find_dates("Approved 31.02.2024 and reviewed 30th February 2020.")
    assert [(d.text, d.value) for _, _, d in found] == [("31.02.2024", None), ("30th February 2020", None)]


def test_a_version_number_before_a_month_is_not_its_day() -> None:
    """Chard's background papers: "(version 3 April 2009)" is version 3 of April 2009."""
    found = find_dates("Governance Toolkit for Parish & Town Councils (version 3 April 2009)")
    assert [(d.text, d.value, d.precision) for _, _, d in found] == [("April 2009", date(2009, 4, 1), "month")]


def test_a_full_date_is_found_once_not_also_as_its_month() -> None:
    found = find_dates("Next review: 1st April 2028 (April 2028 at the latest)")
    assert [d.text for _, _, d in found] == ["1st April 2028", "April 2028"]


def test_parse_iso() -> None:
    assert parse_iso("2026-05-05") == date(2026, 5, 5)
    assert parse_iso(" 2026-05-05 ") == date(2026, 5, 5)


@pytest.mark.parametrize(
    ("bad", "message"), [("05/05/2026", "YYYY-MM-DD"), ("May 2026", "YYYY-MM-DD"), ("2026-02-30", "not a real date")]
)
def test_parse_iso_refuses_anything_but_a_real_iso_date(bad: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_iso(bad)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_written_form_of_a_date_parses_back(day: date) -> None:
    month = MONTHS[day.month - 1]
    forms = [
        f"{ordinal(day.day)} {month} {day.year}",
        f"{day.day} {month[:3]} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        day.isoformat(),
    ]
    for form in forms:
        parsed = parse_date(form)
        assert parsed is not None and parsed.value == day and parsed.precision == "day", form


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 999))
def test_a_date_in_a_sentence_is_found_with_its_exact_span(day: date, minute: int) -> None:
    written = f"{ordinal(day.day)} {MONTHS[day.month - 1]} {day.year}"
    text = f"Adopted by Council on {written} (minute {minute}) under Part 5.3"
    found = find_dates(text)
    assert len(found) == 1
    start, end, value = found[0]
    assert text[start:end] == written and value.value == day


@given(st.integers(1, 99), st.integers(1, 99), st.integers(1, 99))
def test_clause_numbers_are_never_dates(a: int, b: int, c: int) -> None:
    assert find_dates(f"See clause {a}.{b}.{c} and Part {a}.{b}, minute {a}/{b}") == []
