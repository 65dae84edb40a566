"""Metadata read from every rendition of every corpus document, against hand-read values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest import read
from ingest.metadata import extract_metadata, find_council_name, is_metadata_line
from ingest.model import Table
from tests.conftest import FORMATS, corpus_document


@pytest.mark.parametrize("fmt", FORMATS)
def test_chard_adopted_by_finance_and_personnel_committee(fmt: str) -> None:
    meta = corpus_document("chard", fmt).metadata
    assert meta.adopted is not None and meta.adopted.on is not None
    assert meta.adopted.on.value == date(2015, 1, 19)
    assert meta.adopted.on.text == "19th January 2015"
    assert meta.adopted.body == "Finance & Personnel Committee"
    assert meta.adopted.source.startswith("Adopted by the Finance")
    assert corpus_document("chard", fmt).council == "Chard Town Council"


@pytest.mark.parametrize("fmt", FORMATS)
def test_east_northamptonshire_amendment_history(fmt: str) -> None:
    meta = corpus_document("east-northamptonshire", fmt).metadata
    history = [(a.on.value if a.on else None, a.body, a.minute) for a in meta.amendments]
    assert history == [
        (date(2010, 1, 11), "Council", "311(a)"),
        (date(2012, 7, 16), "Council", "108"),
        (date(2014, 1, 13), "Council", "319"),
        (date(2017, 1, 23), "Council", "371"),
    ]
    assert meta.minute_refs == ("311(a)", "108", "319", "371")
    assert meta.adopted is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_sandon_version_table_and_review_date(fmt: str) -> None:
    document = corpus_document("sandon-burston", fmt)
    rows = [
        (
            r.approved_on.value if r.approved_on else None,
            r.version,
            r.change,
            r.review_due.text if r.review_due else None,
        )
        for r in document.metadata.version_table
    ]
    assert rows == [
        (date(2024, 9, 9), "1", "Policy adopted", "May 2025"),
        (date(2025, 5, 13), "2", None, "May 2026"),
        (date(2026, 5, 5), "3", "Added Clerk where Officer/Clerks were mentioned", "May 2027"),
    ]
    review = document.metadata.next_review
    assert review is not None and review.value == date(2027, 5, 1) and review.precision == "month"
    assert document.metadata.version == "3"
    assert document.council == "Sandon and Burston Parish Council"


@pytest.mark.parametrize("fmt", FORMATS)
def test_spilsby_next_review(fmt: str) -> None:
    document = corpus_document("spilsby", fmt)
    review = document.metadata.next_review
    assert review is not None and review.value == date(2028, 4, 1) and review.precision == "month"
    assert document.metadata.next_review_source == "Next review: April 2028"
    assert document.metadata.issued is not None and document.metadata.issued.value == date(2026, 4, 1)


@pytest.mark.parametrize("fmt", FORMATS)
def test_district_has_no_dates_and_no_name(fmt: str) -> None:
    document = corpus_document("district", fmt)
    meta = document.metadata
    assert (meta.adopted, meta.amendments, meta.next_review, meta.version_table) == (None, (), None, ())
    assert document.council is None
    assert not document.warnings


def test_unparseable_review_date_is_kept_as_text_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(
        "Grants Policy\n\nNext review: 31.02.2027\n\n1. Purpose\n\n"
        "1.1 The Council awards small grants to local groups each year.\n",
        encoding="utf-8",
    )
    document = read(path)
    review = document.metadata.next_review
    assert review is not None and review.text == "31.02.2027" and review.value is None
    assert any("31.02.2027" in w for w in document.warnings)


def test_version_table_columns_are_found_by_header_not_position() -> None:
    table = Table((("Version", "Review date", "Approved"), ("4", "June 2029", "1st June 2026")))
    meta, warnings = extract_metadata([], [table])
    assert [(r.version, r.approved_on.value if r.approved_on else None) for r in meta.version_table] == [
        ("4", date(2026, 6, 1))
    ]
    assert meta.next_review is not None and meta.next_review.value == date(2029, 6, 1)
    assert warnings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Next review: April 2028", True),
        ("Adopted by the Finance & Personnel Committee 19th January 2015", True),
        ("Amended by Council 23 January 2017 minute 371", True),
        ("Version 3", True),
        ("April 2026", True),
        ("Councillors have four main areas of responsibility:", False),
        (
            "For completeness, councillors do, of course, have the same right as any other member of the public "
            "to make requests for information under the Freedom of Information Act 2000.",
            False,
        ),
        (
            "The following extract from the Local Government Association guidance on the 2020 Model councillor "
            "Code of Conduct states that:",
            False,
        ),
        ("Implement decisions of the Council which have been properly approved in accordance with the law", False),
    ],
)
def test_is_metadata_line(text: str, expected: bool) -> None:
    assert is_metadata_line(text) is expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Spilsby Town Council Councillor-Officer Protocol"], "Spilsby Town Council"),
        (["In this document Council refers to Chard Town Council and Councillor refers to"], "Chard Town Council"),
        (["East Northamptonshire Council Part 5.3: A Protocol"], "East Northamptonshire Council"),
        (["The Principal Council’s Monitoring Officer", "the Council", "District Council Ward"], None),
        (["East Northamptonshire Joint Standards Complaints Committee"], None),
    ],
)
def test_find_council_name(texts: list[str], expected: str | None) -> None:
    assert find_council_name(texts) == expected
