"""Metadata read from the corpus documents, against values read from them by hand.

Two routes: `extract_metadata` straight over each plain-text extraction split into paragraphs
(no reader involved), and `read()` over every rendition (.txt, .docx, .pdf) end to end.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from clausewise.ingest import read
from clausewise.ingest.metadata import extract_metadata, find_council_name, is_metadata_line
from clausewise.ingest.model import Metadata, Table
from tests.conftest import CORPUS, FORMATS, STEMS, corpus_document

# Read by hand from the closing line of the East Northamptonshire protocol: (date, body, minute).
EAST_NORTHAMPTONSHIRE_HISTORY = [
    (date(2010, 1, 11), "Council", "311(a)"),
    (date(2012, 7, 16), "Council", "108"),
    (date(2014, 1, 13), "Council", "319"),
    (date(2017, 1, 23), "Council", "371"),
]
SANDON_TABLE = (
    ("Date last Ratified/Approved", "Version Number", "Revision/Amendment Made", "New Review date"),
    ("09.09.2024", "1", "Policy adopted", "May 2025"),
    ("13.05.2025", "2", "", "May 2026"),
    ("05.05.2026", "3", "Added Clerk where Officer/Clerks were mentioned", "May 2027"),
)


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, wrapped lines joined with spaces.

    A block whose every line holds tab-separated cells is a table: its rows stay one per line,
    as a plain-text extraction writes them (joining them with spaces would merge the last cell
    of one row into the first cell of the next).
    """
    found = []
    for block in text.split("\n\n"):
        lines = [line.rstrip(" \r") for line in block.split("\n") if line.strip()]
        if lines and all("\t" in line.strip() for line in lines):
            found.append("\n".join(lines))
        elif lines:
            found.append(" ".join(" ".join(line.split()) for line in lines))
    return found


@cache
def corpus_paragraphs(key: str) -> tuple[str, ...]:
    return tuple(paragraphs((CORPUS / f"{STEMS[key]}.txt").read_text(encoding="utf-8")))


def metadata_of(key: str) -> tuple[Metadata, tuple[str, ...]]:
    return extract_metadata(corpus_paragraphs(key), [])


# --- straight from the plain-text extractions ---------------------------------------------


def test_chard_adoption() -> None:
    meta, warnings = metadata_of("chard")
    assert meta.adopted is not None and meta.adopted.on is not None
    assert (meta.adopted.on.text, meta.adopted.on.value) == ("19th January 2015", date(2015, 1, 19))
    assert meta.adopted.body == "Finance & Personnel Committee"
    assert meta.adopted.minute is None
    assert "Adopted by the Finance" in meta.adopted.source
    assert meta.issued is None  # there is an adoption date, so no cover date stands in for it
    assert meta.version is None  # "(version 3 April 2009)" is a background paper's version
    assert warnings == ()
    assert find_council_name(corpus_paragraphs("chard")) == "Chard Town Council"


def test_east_northamptonshire_amendments() -> None:
    meta, warnings = metadata_of("east-northamptonshire")
    history = [(a.on.value if a.on else None, a.body, a.minute) for a in meta.amendments]
    assert history == EAST_NORTHAMPTONSHIRE_HISTORY
    assert meta.amendments[0].source == "Amended by Council 11 January 2010 minute 311(a)"
    assert meta.amendments[-1].source == "Amended by Council 23 January 2017 minute 371"
    assert meta.minute_refs == ("311(a)", "108", "319", "371")
    assert meta.adopted is None
    assert warnings == ()


def test_sandon_version_table_from_tab_separated_text() -> None:
    meta, warnings = metadata_of("sandon-burston")
    rows = [
        (
            r.approved_on.value if r.approved_on else None,
            r.version,
            r.change,
            (r.review_due.text, r.review_due.value, r.review_due.precision) if r.review_due else None,
        )
        for r in meta.version_table
    ]
    assert rows == [
        (date(2024, 9, 9), "1", "Policy adopted", ("May 2025", date(2025, 5, 1), "month")),
        (date(2025, 5, 13), "2", None, ("May 2026", date(2026, 5, 1), "month")),
        (
            date(2026, 5, 5),
            "3",
            "Added Clerk where Officer/Clerks were mentioned",
            ("May 2027", date(2027, 5, 1), "month"),
        ),
    ]
    assert meta.next_review is not None
    assert (meta.next_review.value, meta.next_review.precision) == (date(2027, 5, 1), "month")
    assert meta.next_review_source is not None and "May 2027" in meta.next_review_source
    assert meta.version == "3"
    assert warnings == ()
    assert find_council_name(corpus_paragraphs("sandon-burston")) == "Sandon and Burston Parish Council"


def test_sandon_table_reads_the_same_as_text_rows_and_as_a_table() -> None:
    from_text, _ = metadata_of("sandon-burston")
    from_table, _ = extract_metadata([], [Table(SANDON_TABLE)])
    one_row_per_paragraph, _ = extract_metadata(["\t".join(row) for row in SANDON_TABLE], [])
    assert from_text.version_table == from_table.version_table == one_row_per_paragraph.version_table


def test_spilsby_next_review_and_cover_date() -> None:
    meta, warnings = metadata_of("spilsby")
    assert meta.next_review is not None
    assert (meta.next_review.value, meta.next_review.precision) == (date(2028, 4, 1), "month")
    assert meta.next_review_source == "Next review: April 2028"
    assert meta.issued is not None and (meta.issued.text, meta.issued.value) == ("April 2026", date(2026, 4, 1))
    assert meta.adopted is None
    assert warnings == ()


def test_district_has_no_metadata_no_name_and_no_warnings() -> None:
    meta, warnings = metadata_of("district")
    assert meta == Metadata()
    assert warnings == ()
    assert find_council_name(corpus_paragraphs("district")) is None


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("chard", ["Adopted by the Finance & Personnel Committee 19th January 2015"]),
        ("district", []),
        ("east-northamptonshire", ["Amended by Council 11 January 2010 minute 311(a); Amended by Council"]),
        ("sandon-burston", ["Date last Ratified/Approved\tVersion Number"]),
        ("spilsby", ["April 2026", "Next review: April 2028"]),
    ],
)
def test_metadata_lines_in_the_corpus(key: str, expected: list[str]) -> None:
    """Exactly the hand-picked statements are metadata; no clause of any protocol is."""
    found = [text for text in corpus_paragraphs(key) if is_metadata_line(text)]
    assert len(found) == len(expected)
    assert all(text.startswith(start) for text, start in zip(found, expected, strict=True))


# --- every rendition, through read() --------------------------------------------------------


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
    assert history == EAST_NORTHAMPTONSHIRE_HISTORY
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


# --- the other phrasings councils use -----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "on", "body", "minute"),
    [
        ("Adopted by Council on 5 May 2026 (minute 23/26)", date(2026, 5, 5), "Council", "23/26"),
        ("Approved by Full Council 09.09.2024", date(2024, 9, 9), "Full Council", None),
        ("Adopted: 12 March 2020", date(2020, 3, 12), None, None),
        ("Date of adoption: 1st June 2023, Min 45/23", date(2023, 6, 1), None, "45/23"),
        (
            "This policy was adopted by Sandon Parish Council at its meeting on 5 May 2026",
            date(2026, 5, 5),
            "Sandon Parish Council",
            None,
        ),
    ],
)
def test_adoption_lines(line: str, on: date, body: str | None, minute: str | None) -> None:
    meta, warnings = extract_metadata(["Grants Policy", line, "1. Purpose"], [])
    assert meta.adopted is not None and meta.adopted.on is not None
    assert (meta.adopted.on.value, meta.adopted.body, meta.adopted.minute, meta.adopted.source) == (
        on,
        body,
        minute,
        line,
    )
    assert meta.minute_refs == ((minute,) if minute else ())
    assert warnings == ()
    assert is_metadata_line(line)


def test_adoption_and_amendment_on_one_line() -> None:
    meta, _ = extract_metadata(["Adopted by Council 5 May 2020; Amended by Council 6 June 2022 minute 12"], [])
    assert meta.adopted is not None and meta.adopted.on is not None and meta.adopted.on.value == date(2020, 5, 5)
    assert [(a.on.value if a.on else None, a.minute) for a in meta.amendments] == [(date(2022, 6, 6), "12")]


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("Next review: April 2028", date(2028, 4, 1), "month"),
        ("Review date: May 2027", date(2027, 5, 1), "month"),
        ("To be reviewed by 31 March 2027", date(2027, 3, 31), "day"),
        ("Date of next review: 1st April 2027", date(2027, 4, 1), "day"),
        ("Next Review Due – 13/05/2027", date(2027, 5, 13), "day"),
    ],
)
def test_next_review_lines(line: str, value: date, precision: str) -> None:
    meta, warnings = extract_metadata([line], [])
    assert meta.next_review is not None
    assert (meta.next_review.value, meta.next_review.precision, meta.next_review_source) == (value, precision, line)
    assert warnings == ()


def test_unparseable_dates_are_kept_as_text_and_warned_about() -> None:
    meta, warnings = extract_metadata(["Next review: Spring 2025", "Adopted by Council 30th February 2020"], [])
    assert meta.next_review is not None and (meta.next_review.text, meta.next_review.value) == ("Spring 2025", None)
    assert meta.adopted is not None and meta.adopted.on is not None and meta.adopted.on.value is None
    assert set(warnings) == {
        "unparseable date 'Spring 2025' in 'Next review: Spring 2025' kept as text",
        "unparseable date '30th February 2020' in 'Adopted by Council 30th February 2020' kept as text",
    }


@pytest.mark.parametrize(("line", "version"), [("Version 3", "3"), ("v3", "3"), ("Version Number 2.1", "2.1")])
def test_version_lines(line: str, version: str) -> None:
    meta, _ = extract_metadata(["Grants Policy", line], [])
    assert meta.version == version


def test_amendments_without_adoption_leave_adopted_empty_and_a_cover_date_is_the_issue_date() -> None:
    meta, _ = extract_metadata(["Grants Policy", "March 2024", "Amended by Council 16 July 2024 minute 108"], [])
    assert meta.adopted is None
    assert [a.minute for a in meta.amendments] == ["108"]
    assert meta.issued is not None and meta.issued.value == date(2024, 3, 1)


def test_version_table_columns_are_found_by_header_not_position() -> None:
    table = Table((("Version", "Review date", "Approved"), ("4", "June 2029", "1st June 2026")))
    meta, warnings = extract_metadata([], [table])
    assert [(r.version, r.approved_on.value if r.approved_on else None) for r in meta.version_table] == [
        ("4", date(2026, 6, 1))
    ]
    assert meta.next_review is not None and meta.next_review.value == date(2029, 6, 1)
    assert warnings == ()


def test_a_newest_first_version_table_takes_its_newest_row() -> None:
    rows = (SANDON_TABLE[0], SANDON_TABLE[3], SANDON_TABLE[2], SANDON_TABLE[0], SANDON_TABLE[1])  # header repeated
    meta, _ = extract_metadata([], [Table(rows)])
    assert [r.version for r in meta.version_table] == ["3", "2", "1"]
    assert meta.version == "3" and meta.next_review is not None and meta.next_review.text == "May 2027"


def test_a_review_statement_wins_over_the_version_table() -> None:
    meta, _ = extract_metadata(["Next review: April 2028"], [Table(SANDON_TABLE)])
    assert meta.next_review is not None and meta.next_review.text == "April 2028"
    assert meta.next_review_source == "Next review: April 2028"


def test_markdown_version_table_rows() -> None:
    texts = ["| Version | Date approved | Next review |", "|---|---|---|", "| 1 | 09.09.2024 | May 2025 |"]
    meta, _ = extract_metadata(texts, [])
    assert [(r.version, r.approved_on.value if r.approved_on else None) for r in meta.version_table] == [
        ("1", date(2024, 9, 9))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Next review: April 2028", True),
        ("Adopted by the Finance & Personnel Committee 19th January 2015", True),
        ("Amended by Council 23 January 2017 minute 371", True),
        ("Version 3", True),
        ("April 2026", True),
        ("09.09.2024\t1\tPolicy adopted\tMay 2025", True),
        ("Date last Ratified/Approved\tVersion Number\tRevision/Amendment Made\tNew Review date", True),
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
        ("Approved expenditure must be reported to Council by 31 March 2027.", False),
        ("To be reviewed by the Council annually and updated as necessary.", False),
        ("Version 2 of the Code was published by the Association and adopted widely.", False),
        ("Governance Toolkit for Parish & Town Councils (version 3 April 2009)", False),
        ("INTRODUCTION\t2", False),
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
        (["SANDON AND BURSTON PARISH COUNCIL", "MODEL PROTOCOL"], "Sandon and Burston Parish Council"),
        (["Background Papers: Chard Town Council’s Code of Conduct"], "Chard Town Council"),
        (
            ["Lincolnshire County Council", "Spilsby Town Council", "the Spilsby Town Council’s Clerk"],
            "Spilsby Town Council",
        ),
        (["Adopted by New Forest District Council"], "New Forest District Council"),
        (["St. Albans City Council"], "St. Albans City Council"),
        (["King's Lynn and West Norfolk Borough Council"], "King's Lynn and West Norfolk Borough Council"),
        (["The Principal Council’s Monitoring Officer", "the Council", "District Council Ward", "Full Council"], None),
        (["East Northamptonshire Joint Standards Complaints Committee"], None),
        (["COUNCILLORS' ACCESS TO INFORMATION AND TO COUNCIL DOCUMENTS"], None),
    ],
)
def test_find_council_name(texts: list[str], expected: str | None) -> None:
    assert find_council_name(texts) == expected
