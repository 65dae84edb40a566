"""The model's version 4 is version 3 with exactly the changes corpus/CHANGES-v4.md lists.

The list is the truth the update and lineage tests build on; here comparing the two versions,
as read from each rendition, must find every listed change and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from clausewise.align import AlignSettings, align
from clausewise.ingest import Clause, Document
from tests.conftest import CORPUS, corpus_document

LEXICAL = AlignSettings(semantic="none")  # the listed changes are all visible in the words
NONE = "—"


@dataclass(frozen=True)
class Listed:
    id: str
    change: str  # modified | cosmetic | moved | added | removed
    section: tuple[str, ...]
    old: str | None  # the start of the version 3 clause
    new: str | None  # the start of the version 4 clause


def listed_changes() -> list[Listed]:
    rows = []
    for line in (CORPUS / "CHANGES-v4.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) != 6 or cells[0] in ("id", "---"):
            continue
        old, new = (None if cell == NONE else cell.strip("`") for cell in cells[3:5])
        rows.append(Listed(cells[0], cells[1], tuple(cells[2].split(" › ")), old, new))
    return rows


def _clause(document: Document, start: str, section: tuple[str, ...]) -> Clause:
    [found] = [c for c in document.content if c.text.startswith(start)]
    assert found.heading == section, (found.heading, section)
    return found


def test_the_list_has_every_kind_of_change_an_annual_review_makes() -> None:
    changes = listed_changes()
    kinds = [c.change for c in changes]
    assert (kinds.count("modified"), kinds.count("cosmetic"), kinds.count("moved")) == (8, 3, 1)
    assert (kinds.count("added"), kinds.count("removed")) == (2, 1)
    assert {c.section for c in changes if c.change == "cosmetic"} == {("PRESS AND MEDIA",)}


# Not the PDFs: the reader splits one paragraph of version 4's PDF at a page break and drops the
# hyphen of "collectively-determined" broken at a line end (tests/ingest/test_renditions.py).
@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_comparing_version_3_with_version_4_finds_exactly_the_listed_changes(fmt: str) -> None:
    old, new = corpus_document("sandon-burston", fmt), corpus_document("sandon-burston-v4", fmt)
    expected = set()
    for change in listed_changes():
        left = _clause(old, change.old, change.section).id if change.old else None
        right = _clause(new, change.new, change.section).id if change.new else None
        expected.add((change.change, left, right))
    alignment = align(old, new, settings=LEXICAL)
    found = {("removed", c.id, None) for c in alignment.removed()} | {("added", None, c.id) for c in alignment.added()}
    for link in alignment.links:
        assert len(link.left) == len(link.right) == 1, link  # nothing was split or merged
        relation = "moved" if link.moved and link.relation == "identical" else link.relation
        if relation != "identical":
            found.add((relation, link.left[0], link.right[0]))
    assert found == expected


def test_version_4_says_it_is_version_4_adopted_after_version_3() -> None:
    old, new = corpus_document("sandon-burston", "txt").metadata, corpus_document("sandon-burston-v4", "txt").metadata
    assert (old.version, new.version) == ("3", "4")
    assert new.version_table[:-1] == old.version_table  # one row added, the others as they were
    approved, before = (table[-1].approved_on for table in (new.version_table, old.version_table))
    assert approved is not None and before is not None and approved.value and before.value
    assert before.value < approved.value == date(2026, 10, 20) <= date.today()  # `add` refuses a future adoption
    assert new.next_review is not None and new.next_review.text == "October 2027"
