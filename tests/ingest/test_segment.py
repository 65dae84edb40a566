"""The clause tree read from real corpus documents: numbers, headings, lead-ins, front matter."""

from __future__ import annotations

import pytest

from clausewise.ingest import Clause
from tests.conftest import FORMATS, corpus_document


def _find(key: str, fmt: str, start: str) -> Clause:
    matches = [c for c in corpus_document(key, fmt).clauses if c.text.startswith(start)]
    assert len(matches) == 1, [c.label for c in matches]
    return matches[0]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("key", "start", "number"),
    [
        ("chard", "The ideal relationship is best defined", "1.1"),
        ("chard", "All Councillors can expect:", "4.1"),
        ("district", "Support for the role of councillors as the local", "(n)"),
        ("district", "Relationships with particular individuals or party groups", "(c)"),
        ("east-northamptonshire", "In relation to budget proposals:", "3.12"),
        ("east-northamptonshire", "Whilst the term “Council document” is very broad", "4.11"),
        ("east-northamptonshire", "Mutual respect between Councillors and Officers is essential", "2"),
        ("spilsby", "To monitor and review Council performance", "•"),
        ("sandon-burston", "A working partnership;", None),
    ],
)
def test_numbers_as_printed_or_generated(fmt: str, key: str, start: str, number: str | None) -> None:
    clauses = [c for c in corpus_document(key, fmt).clauses if c.text.startswith(start)]
    assert clauses, f"no clause starts {start!r}"
    expected = "•" if key == "sandon-burston" else number
    assert {c.number for c in clauses} == {expected}


@pytest.mark.parametrize("fmt", FORMATS)
def test_list_lead_in_owns_its_bullets(fmt: str) -> None:
    bullet = _find("spilsby", fmt, "To give strategic leadership and direction")
    assert bullet.kind == "item"
    assert bullet.heading == ("4. Councillors", "Officers can expect Councillors:")


@pytest.mark.parametrize("fmt", FORMATS)
def test_sub_headings_nest_under_sections(fmt: str) -> None:
    clause = _find("east-northamptonshire", fmt, "Whilst any councillor may ask a relevant Head of Service")
    assert clause.heading == (
        "4. COUNCILLORS' ACCESS TO INFORMATION AND TO COUNCIL DOCUMENTS",
        "Councillor's access to Officers",
    )
    district = _find("district", fmt, "Members of the Cabinet and chairmen and vice chairmen of committees")
    assert district.heading == (
        "2. Roles of councillors and officers",
        "2.3 Members of the Cabinet, chairmen and vice chairmen",
    )
    spilsby = _find("spilsby", fmt, "If a Councillor is dissatisfied with the conduct")
    assert spilsby.heading == ("13. If Things Go Wrong", "b. Procedure for Councillors")


@pytest.mark.parametrize("fmt", FORMATS)
def test_contents_cover_and_contact_block_are_not_clauses(fmt: str) -> None:
    spilsby = corpus_document("spilsby", fmt)
    texts = " | ".join(c.text for c in spilsby.clauses)
    for absent in ("Franklin Hall", "townclerk@", "Contents", "Next review", "Introduction 3"):
        assert absent not in texts
    assert spilsby.clauses[0].label == "1. Introduction"
    sandon = corpus_document("sandon-burston", fmt)
    assert sandon.clauses[0].text == "INTRODUCTION"
    assert not any(c.text.startswith("Date last Ratified") for c in sandon.clauses)
    east = corpus_document("east-northamptonshire", fmt)
    assert east.clauses[0].label == "1. INTRODUCTION"
    assert not any("minute 371" in c.text for c in east.clauses)


@pytest.mark.parametrize("fmt", FORMATS)
def test_background_papers_are_clauses_under_their_heading(fmt: str) -> None:
    clause = _find("chard", fmt, "The Good Councillors Guide")
    assert clause.kind == "paragraph"
    assert clause.heading[-1] == "Background Papers:"


@pytest.mark.parametrize("fmt", FORMATS)
def test_split_paragraphs_and_items_are_joined(fmt: str) -> None:
    sandon = _find("sandon-burston", fmt, "All councillors have the same rights and obligations")
    assert sandon.text.endswith("regardless of their status and should be treated equally.")
    item = _find("sandon-burston", fmt, "not seek to use their relationship with councillors")
    assert item.text.endswith("or to influence decisions improperly")
    either = _find("east-northamptonshire", fmt, "under the Council’s grievance or disciplinary")
    assert either.text.endswith("in respect of officers, or")


def test_pdf_keeps_real_compound_hyphens_at_line_ends() -> None:
    text = " ".join(c.text for c in corpus_document("district", "pdf").clauses)
    assert "party-political" in text and "partypolitical" not in text
    assert "day-to-day" in text


def test_titles() -> None:
    assert corpus_document("east-northamptonshire", "txt").title == "A Protocol for Councillor and Officer Relations"
    assert corpus_document("sandon-burston", "txt").title == "MODEL COUNCILLOR-OFFICER/CLERK PROTOCOL"
    assert corpus_document("spilsby", "pdf").title == "Councillor-Officer Protocol"
