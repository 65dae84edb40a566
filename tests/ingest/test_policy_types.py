"""Other policy types read into the right tree (issue 16, item 7).

The documents in tests/data/policies/ are written for these tests (a fictional Foxley Parish
Council, in the shapes such policies take): standing orders numbered "1.", "a.", "i.";
financial regulations numbered "1.1", "(a)"; a code of conduct with "As a councillor:" lead-ins
and a lettered appendix; a complaints procedure in stages. The Word renditions of the first two
(made by make_docx.py) set the statutory paragraphs in bold, which must not make them headings.

Each expected tree below is the structure the document was written to have: every clause's
number and the label of the clause it sits under (its parent), headings marked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from clausewise.ingest import Document, read
from tests.conftest import DATA

POLICIES = DATA / "policies"

Row = tuple[str | None, str | None, str]  # (number, parent label or None, "heading" / "item" / "paragraph")

RULES = "1. Rules of debate at meetings"
AMENDMENT = "e. An amendment to a motion shall be:"
STANDING_ORDERS: list[Row] = [
    ("1", None, "heading"),
    *[(letter, RULES, "item") for letter in "abcde"],
    *[(roman, AMENDMENT, "item") for roman in ("i", "ii", "iii")],
    ("f", RULES, "item"),
    ("2", None, "heading"),
    *[(letter, "2. Disorderly conduct at meetings", "item") for letter in "ab"],
    ("3", None, "heading"),
    *[(letter, "3. Meetings generally", "item") for letter in "abcde"],
    ("4", None, "heading"),
    *[(letter, "4. Previous resolutions", "item") for letter in "ab"],
]

RFO = (
    "1.3 The Responsible Financial Officer (RFO) holds a statutory office to be appointed by the council. "
    "The RFO shall:"
)
BUDGET = (
    "3.2 The council shall consider annual budget proposals in relation to the council's three-year forecast "
    "of revenue and capital receipts and payments, including:"
)
FINANCIAL_REGULATIONS: list[Row] = [
    ("1", None, "heading"),
    *[(n, "1. General", "paragraph") for n in ("1.1", "1.2", "1.3")],
    *[(f"({letter})", RFO, "item") for letter in "abcd"],
    ("1.4", "1. General", "paragraph"),
    ("2", None, "heading"),
    *[(n, "2. Accounting and audit", "paragraph") for n in ("2.1", "2.2", "2.3")],
    ("3", None, "heading"),
    *[(n, "3. Annual estimates (budget) and forward planning", "paragraph") for n in ("3.1", "3.2")],
    *[(f"({letter})", BUDGET, "item") for letter in "abc"],
    ("3.3", "3. Annual estimates (budget) and forward planning", "paragraph"),
]

DISCLOSE = (
    "3.1 I do not disclose information given to me in confidence by anyone, or acquired by me which I believe, "
    "or ought reasonably to be aware, is of a confidential nature, unless:"
)
APPENDIX = "Appendix A The Seven Principles of Public Life"
AS_A_COUNCILLOR = "As a councillor:"
CODE_OF_CONDUCT: list[Row] = [
    (None, None, "heading"),  # Introduction
    (None, "Introduction", "paragraph"),
    (None, None, "heading"),  # Definitions
    (None, "Definitions", "paragraph"),
    (None, None, "heading"),  # General obligations of councillors
    ("1", None, "heading"),
    (None, "1. Respect", "heading"),  # "As a councillor:" introduces the numbered obligations
    *[(n, AS_A_COUNCILLOR, "paragraph") for n in ("1.1", "1.2")],
    ("2", None, "heading"),
    (None, "2. Bullying, harassment and discrimination", "heading"),
    *[(n, AS_A_COUNCILLOR, "paragraph") for n in ("2.1", "2.2", "2.3")],
    ("3", None, "heading"),
    (None, "3. Confidentiality and access to information", "heading"),
    ("3.1", AS_A_COUNCILLOR, "paragraph"),
    *[(f"({letter})", DISCLOSE, "item") for letter in "abc"],
    ("3.2", AS_A_COUNCILLOR, "paragraph"),
    ("Appendix A", None, "heading"),
    (None, APPENDIX, "heading"),  # Selflessness
    (None, "Selflessness", "paragraph"),
    (None, APPENDIX, "heading"),  # Integrity
    (None, "Integrity", "paragraph"),
    (None, APPENDIX, "heading"),  # Openness
    (None, "Openness", "paragraph"),
]

STAGE_2 = "Stage 2: formal complaint"
COMPLAINTS: list[Row] = [
    (None, None, "heading"),  # Introduction
    (None, "Introduction", "paragraph"),
    (None, None, "heading"),  # What this procedure does not cover
    (None, "What this procedure does not cover", "paragraph"),  # "This procedure does not deal with:"
    *[("•", "This procedure does not deal with:", "item")] * 3,
    (None, None, "heading"),  # Stage 1
    (None, "Stage 1: informal resolution", "paragraph"),
    (None, None, "heading"),  # Stage 2
    *[(n, STAGE_2, "paragraph") for n in "1234"],
    (None, None, "heading"),  # Stage 3
    (None, "Stage 3: review", "paragraph"),
    (None, None, "heading"),  # Confidentiality
    (None, "Confidentiality", "paragraph"),
]

ADOPTED = date(2025, 5, 14)
EXPECTED = {  # tree, title, adopted on, minute, next review
    "standing-orders": (STANDING_ORDERS, "Standing Orders", ADOPTED, "25/041", date(2026, 5, 1)),
    "financial-regulations": (FINANCIAL_REGULATIONS, "Financial Regulations", ADOPTED, "25/042", date(2026, 5, 1)),
    "code-of-conduct": (CODE_OF_CONDUCT, "Members' Code of Conduct", ADOPTED, "25/043", None),
    "complaints-procedure": (COMPLAINTS, "Complaints Procedure", ADOPTED, "25/044", date(2027, 5, 1)),
}
RENDITIONS = [(stem, ".txt") for stem in EXPECTED] + [("standing-orders", ".docx"), ("financial-regulations", ".docx")]


def _tree(document: Document) -> list[Row]:
    return [(c.number, c.heading[-1] if c.heading else None, c.kind) for c in document.clauses]


@pytest.mark.parametrize(("stem", "suffix"), RENDITIONS)
def test_policy_reads_into_the_tree_it_was_written_with(stem: str, suffix: str) -> None:
    tree, title, adopted, minute, review = EXPECTED[stem]
    document = read(POLICIES / f"{stem}{suffix}")
    assert _tree(document) == tree
    assert document.title == title
    assert document.council == "Foxley Parish Council"
    meta = document.metadata
    assert meta.adopted is not None and meta.adopted.on is not None
    assert (meta.adopted.on.value, meta.adopted.body, meta.adopted.minute) == (adopted, "Council", minute)
    assert (meta.next_review.value if meta.next_review else None) == review
    assert [line.text for line in document.front_matter][:2] == ["Foxley Parish Council", title]


def test_roman_items_sit_under_the_item_that_introduces_them() -> None:
    document = read(POLICIES / "standing-orders.txt")
    by_number = {c.number: c for c in document.clauses if c.number in ("e", "i", "iii", "f")}
    assert by_number["i"].heading == (RULES, AMENDMENT)
    assert by_number["i"].level == by_number["e"].level + 1
    assert by_number["f"].heading == (RULES,) and by_number["f"].level == by_number["e"].level


def _bold_paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.runs and all(run.bold for run in p.runs)]


@pytest.mark.parametrize(
    ("stem", "bold_numbers"), [("standing-orders", ["a", "b", "c"]), ("financial-regulations", ["1.2", "1.3"])]
)
def test_bold_statutory_paragraphs_stay_clauses(stem: str, bold_numbers: list[str]) -> None:
    path = POLICIES / f"{stem}.docx"
    bold = _bold_paragraphs(path)
    assert len(bold) == len(bold_numbers)  # the fixture really sets them in bold
    document = read(path)
    statutory = [c for c in document.clauses if c.printed in bold or f"{c.number}. {c.text}" in bold]
    assert [c.number for c in statutory] == bold_numbers
    assert all(c.kind != "heading" for c in statutory)


def test_word_and_text_renditions_agree_clause_for_clause() -> None:
    for stem in ("standing-orders", "financial-regulations"):
        text, word = read(POLICIES / f"{stem}.txt"), read(POLICIES / f"{stem}.docx")
        assert [(c.number, c.heading, c.kind, c.text) for c in text.clauses] == [
            (c.number, c.heading, c.kind, c.text) for c in word.clauses
        ]
