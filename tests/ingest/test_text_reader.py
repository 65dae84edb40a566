"""Plain text and Markdown specifics: markdown residue, tables, hard wraps."""

from __future__ import annotations

from pathlib import Path

from clausewise.ingest import read
from tests.conftest import corpus_document

MARKDOWN = """# Councillor-Officer Protocol

Next review: April 2028

## 1. Introduction

1.1 The purpose of this Protocol is to guide **Councillors** and *Officers* of the Council
in their relations with one another, as the [LGA guidance](https://www.local.gov.uk/) explains.

1.2 See <https://www.local.gov.uk/publications/short-guide> for the Publicity Code and the
Council's Media Protocol.

## 2. Expectations

Officers can expect from Councillors:

* A working partnership;
* Leadership and direction;

| Date approved | Version | Change | Review date |
|---|---|---|---|
| 09.09.2024 | 1 | Policy adopted | May 2025 |
"""


def test_markdown_headings_emphasis_links_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "protocol.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = read(path)
    assert document.format == "markdown"
    labels = [c.label for c in document.clauses]
    assert labels[0] == "1. Introduction"
    first = document.clauses[1]
    assert first.number == "1.1"
    assert first.text.startswith("The purpose of this Protocol is to guide Councillors and Officers of the Council in")
    assert "LGA guidance explains" in first.text and "**" not in first.text
    assert "https://www.local.gov.uk/publications/short-guide for the Publicity" in document.clauses[2].text
    items = [c for c in document.clauses if c.kind == "item"]
    assert [c.text for c in items] == ["A working partnership;", "Leadership and direction;"]
    assert items[0].heading == ("2. Expectations", "Officers can expect from Councillors:")
    assert not any("Policy adopted" in c.text for c in document.clauses)
    assert document.metadata.next_review is not None


def test_hard_wrapped_text_with_blank_lines_inside_paragraphs_is_reflowed() -> None:
    """The district council's extraction puts a blank line after the first line of most paragraphs."""
    clause = next(c for c in corpus_document("district", "txt").clauses if c.number == "1.1")
    assert clause.text.startswith(
        "The relationship between councillors and officers is an essential ingredient that goes"
    )
    assert clause.text.endswith("Responsibility for the operation of this Protocol lies with the Head of Paid Service.")
