"""Nothing is lost silently (issue 16, item 4): every word a reader gives ends up in a clause or
in a line the segmenter set aside with its reason (front matter, contents, contact details,
metadata, a table, a page number, extraction noise).

Run over every fixture there is, found by globbing, so files other people add are covered too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from clausewise.cli import cli
from clausewise.errors import InputError
from clausewise.ingest import read
from clausewise.ingest.classify import printed
from clausewise.ingest.model import RawDocument
from clausewise.ingest.readers import read_raw
from clausewise.ingest.segment import Segmented, segment
from tests.conftest import CORPUS, DATA, corpus_path

_WORD = re.compile(r"\w+")
_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".odt")
# Fixtures made to be refused (tests/data/*.pdf, .docx, … at the top level) are not documents.
_FOLDERS = ("docx", "numbered", "html", "pdf", "policies")


def _fixtures() -> list[Path]:
    found = [*CORPUS.glob("*.txt"), *CORPUS.glob("originals/*.docx"), *CORPUS.glob("originals/*.pdf")]
    for folder in _FOLDERS:
        found += [
            path
            for path in (DATA / folder).rglob("*")
            if path.suffix.lower() in _SUFFIXES and "oracle" not in path.parts  # LibreOffice's answers, not inputs
        ]
    return sorted(found)


FIXTURES = _fixtures()


def _words(texts: Iterable[str]) -> Counter[str]:
    return Counter(word for text in texts for word in _WORD.findall(text.casefold()))


def _source_words(raw: RawDocument) -> Counter[str]:
    """The words as the reader gives them: its blocks (Word's numbers included), its tables,
    and the running header and footer lines it took out."""
    rows = (" ".join(row) for table in raw.tables for row in table.rows)
    return _words([*map(printed, raw.blocks), *rows, *raw.running_text])


def _accounted_words(raw: RawDocument, parts: Segmented) -> Counter[str]:
    return _words([*(c.printed for c in parts.clauses), *(line.text for line in parts.set_aside), *raw.running_text])


def _raw(path: Path) -> RawDocument:
    try:
        return read_raw(path, path.read_bytes())
    except InputError as error:  # a fixture made to be refused (a PDF with no text layer, …)
        pytest.skip(f"refused by design: {error}")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: str(path.relative_to(path.parents[1])))
def test_every_word_is_in_a_clause_or_set_aside(path: Path) -> None:
    raw = _raw(path)
    source, accounted = _source_words(raw), _accounted_words(raw, segment(raw))
    shortfall, surplus = source - accounted, accounted - source
    assert not shortfall, f"{sum(shortfall.values())} word(s) lost: {dict(shortfall.most_common(12))}"
    assert not surplus, f"{sum(surplus.values())} word(s) counted twice: {dict(surplus.most_common(12))}"


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.suffix == ".txt"], ids=lambda path: path.name)
def test_every_word_of_a_text_file_is_accounted_for(path: Path) -> None:
    """For plain text the source is the file itself, so nothing the reader drops escapes."""
    document = read(path)
    source = _words([path.read_text(encoding="utf-8")])
    accounted = _words([*(c.printed for c in document.clauses), *(line.text for line in document.set_aside)])
    assert source == accounted, (dict((source - accounted).most_common(12)), dict((accounted - source).most_common(12)))


def test_the_fixture_list_covers_every_format() -> None:
    assert {path.suffix for path in FIXTURES} >= {".txt", ".docx", ".pdf", ".md"}
    assert len(FIXTURES) >= 40


def test_short_headings_and_list_items_before_the_first_long_paragraph_are_clauses() -> None:
    """The issue's case: an opening of short headings, bullets and numbered items used to be taken
    as front matter in full, with no word said; now only the title is front matter."""
    document = read(DATA / "policies" / "short-opening.txt")
    assert [line.text for line in document.front_matter] == ["Allotments Policy"]
    assert [(c.number, c.heading, c.text) for c in document.clauses if c.kind != "heading"][:4] == [
        ("•", ("Purpose",), "To let allotment plots fairly."),
        ("•", ("Purpose",), "To keep the site tidy and safe."),
        ("1", ("Scope",), "All council allotment sites."),
        ("2", ("Scope",), "Tenants and their helpers."),
    ]


def test_numbered_clauses_are_never_front_matter() -> None:
    """A Word file that opens with "1. Dispute Resolution" (Open-XML-PowerTools' HC048)."""
    document = read(DATA / "numbered" / "powertools-HC048-Excerpt.docx")
    assert document.front_matter == ()
    assert document.clauses[0].label == "1. Dispute Resolution"


def test_front_matter_keeps_its_reasons_and_place() -> None:
    document = read(corpus_path("spilsby", "txt"))
    reasons = {line.text: line.reason for line in document.front_matter}
    assert reasons["Councillor-Officer Protocol"] == "cover"
    assert reasons["Contact details:"] == "contact details"
    assert reasons["Next review: April 2028"] == "metadata"
    assert reasons["1. | Introduction | 3"] == "table"  # the contents, set as a table
    assert all(line.source.line for line in document.front_matter)
    assert document.clauses[0].label == "1. Introduction"


def test_read_shows_the_front_matter_it_set_aside() -> None:
    result = CliRunner().invoke(cli, ["read", str(corpus_path("east-northamptonshire", "txt"))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if line.startswith("Front matter:"))
    assert header == "Front matter: lines 3-22 (cover, contents), not read as clauses:"
    shown = lines[lines.index(header) + 1 : lines.index(header) + 18]
    assert shown[1] == "  | A Protocol for Councillor and Officer Relations"
    assert "  | 13 Conclusion 10" in shown
    assert "Set aside:    line 153 taken as metadata" in lines


def test_read_json_lists_what_was_set_aside() -> None:
    result = CliRunner().invoke(cli, ["read", "--json", str(corpus_path("chard", "txt"))])
    data = json.loads(result.output)
    assert [(line["text"], line["reason"], line["front"], line["source"]["line"]) for line in data["set_aside"]] == [
        ("Loading images...", "extraction noise", False, 1),  # the web page's residue, line 1
        ("Protocol for Member/Officer relations", "cover", True, 3),
        ("Adopted by the Finance & Personnel Committee 19th January 2015", "metadata", True, 5),
    ]


def test_a_wordy_cover_is_set_aside_with_a_warning(tmp_path: Path) -> None:
    """Short plain lines before the first sentence are cover, but past 40 words of them a clerk
    is told to look: they may be policy text the segmenter could not recognise."""
    cover = [f"Drafted by working group {n} in 2025" for n in range(1, 7)]  # 7 words each
    word = docx.Document()
    word.add_paragraph("Allotments Policy", style="Title")
    for line in cover:
        word.add_paragraph(line)
    word.add_paragraph("Letting plots", style="Heading 1")
    word.add_paragraph("The council lets its allotment plots to residents in the order their applications arrive.")
    path = tmp_path / "cover.docx"
    word.save(str(path))
    document = read(path)
    assert [line.text for line in document.front_matter] == ["Allotments Policy", *cover]
    assert document.warnings == (
        f"{path}: paragraphs 1-7 taken as front matter (cover), with 42 words of cover paragraphs not read as "
        "clauses; check them with `clausewise read`",
    )


def test_the_corpus_covers_raise_no_warning() -> None:
    for key in ("chard", "east-northamptonshire", "sandon-burston", "spilsby"):
        for fmt in ("txt", "docx", "pdf"):
            assert not [w for w in read(corpus_path(key, fmt)).warnings if "front matter" in w], (key, fmt)


def test_a_table_in_the_body_is_set_aside_with_a_warning() -> None:
    path = DATA / "numbered" / "powertools-HC061-Hyperlink-in-Field.docx"
    document = read(path)
    rows = [line for line in document.set_aside if line.reason == "table"]
    assert len(rows) == 4 and not any(line.front for line in rows)
    assert f"{path}: a table of 4 row(s) at paragraph 7 set aside: tables are not read as clauses" in document.warnings
