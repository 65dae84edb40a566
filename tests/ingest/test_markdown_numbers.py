"""A Markdown list ordinal in front of a typed number (issue 16, item 6): "1. 1.1. Target Uptime."
is clause 1.1, not item 1.

The real pair is Common Paper's SLA Standard Terms, version 1 (2022) and version 2.0 (2024), as
their web pages read saved as Markdown (tests/data/policies/commonpaper/, CC BY 4.0; see the
README there). Between them sections 2.1-2.5 became 3.1-3.5 and the definitions were numbered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clausewise.align import AlignSettings, align
from clausewise.ingest import Document, read
from clausewise.ingest.markers import parse_marker
from tests.conftest import DATA

PAIR = DATA / "policies" / "commonpaper"


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [
        ("1. 1.1. Target Uptime. If there is", "1.1", "Target Uptime. If there is"),
        ("2. 3.2 Requesting A Service Credit.", "3.2", "Requesting A Service Credit."),
        ('1. 4.1. "Available Minutes" means', "4.1", '"Available Minutes" means'),
        ("- 1.1 The purpose of this Protocol", "1.1", "The purpose of this Protocol"),
        ("1. Uptime", "1", "Uptime"),  # an ordinal alone is the number
        ("3. 1.5 million residents were asked", "3", "1.5 million residents were asked"),  # a figure, not a number
        ("2. 3. Remedies", "2", "3. Remedies"),  # one level typed after an ordinal: not a clause number
    ],
)
def test_the_typed_number_after_a_list_ordinal_is_the_clause_number(text: str, number: str, rest: str) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.number, marker.rest) == (number, rest)


def _numbers(document: Document) -> list[str | None]:
    return [c.number for c in document.clauses]


def test_markdown_with_ordinals_reads_the_displayed_numbers() -> None:
    document = read(PAIR / "sla-v2.md")
    assert _numbers(document) == [
        "1", "1.1", "1.2",
        "2", "2.1", "2.2",
        "3", "3.1", "3.2", "a", "a", "3.3", "3.4", "3.5",  # both letters print "a." in this version
        "4", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6",
    ]  # fmt: skip
    clause = next(c for c in document.clauses if c.number == "3.4")
    assert clause.text.startswith("Termination. If the Cloud Service")
    assert clause.heading == ("3. Remedies",)
    assert clause.marker == "4. 3.4."  # printed as it stands, ordinal and all


def _pair(settings: AlignSettings) -> list[tuple[str | None, str | None, str]]:
    left, right = read(PAIR / "sla-v1.md"), read(PAIR / "sla-v2.md")
    by_id = {c.id: c for c in left.clauses}, {c.id: c for c in right.clauses}
    alignment = align(left, right, settings=settings)
    return [
        (by_id[0][link.left[0]].number, by_id[1][link.right[0]].number, link.relation)
        for link in alignment.links
        if len(link.left) == len(link.right) == 1
    ]


def test_the_version_pair_shows_the_real_renumbering_and_no_other() -> None:
    pairs = _pair(AlignSettings(semantic="none"))
    assert ("1.1", "1.1", "modified") in pairs  # the same number: no renumbering reported
    assert ("2.4", "3.4", "identical") in pairs  # moved from 2.4 to 3.4, its words unchanged
    renumbered = {(old, new) for old, new, _ in pairs if old != new}
    moved = {("2.1", "3.1"), ("2.3", "3.3"), ("2.4", "3.4"), ("2.5", "3.5")}
    assert renumbered == moved | {(None, "4.1"), (None, "4.2"), (None, "4.3")}  # definitions newly numbered


def test_an_ordinal_before_a_typed_number_changes_no_word_of_the_clause(tmp_path: Path) -> None:
    """The same clauses typed without the ordinals read the same, ordinals being list residue."""
    source = (PAIR / "sla-v2.md").read_text(encoding="utf-8")
    plain = "\n".join(_without_ordinal(line) for line in source.splitlines())
    (tmp_path / "plain.md").write_text(plain, encoding="utf-8")
    with_ordinals, without = read(PAIR / "sla-v2.md"), read(tmp_path / "plain.md")
    assert [(c.number, c.heading, c.text) for c in with_ordinals.clauses] == [
        (c.number, c.heading, c.text) for c in without.clauses
    ]


def _without_ordinal(line: str) -> str:
    """ "    1. 1.1. Target…" -> "    1.1. Target…"."""
    head, _, rest = line.lstrip().partition(" ")
    if head[:-1].isdigit() and head.endswith(".") and rest[:1].isdigit() and "." in rest.split(" ")[0][:-1]:
        return line[: len(line) - len(line.lstrip())] + rest
    return line


def test_the_repository_markdown_reads_without_its_html_and_with_its_numbered_headings() -> None:
    """Common Paper's own sla.md: every defined term in a <span>, sections as "1. ## Uptime"."""
    document = read(PAIR / "sla-v1-repository.md")
    assert not any("<" in c.text or "#" in c.text for c in document.clauses)
    headings = [c.label for c in document.clauses if c.kind == "heading"]
    assert headings == ["1. Uptime", "2. Remedies", "3. Definitions"]
    assert [c.number for c in document.clauses if c.heading == ("2. Remedies",)] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    text = read(PAIR / "sla-v1.md")  # the same version as its web page reads
    assert [(c.number, c.text) for c in document.clauses] == [(c.number, c.text) for c in text.clauses]
