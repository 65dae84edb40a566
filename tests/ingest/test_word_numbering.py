"""Word numbering as displayed (issue 16, item 1), on 41 third-party Word files.

The oracle is LibreOffice's text export of each file, committed in tests/data/numbered/oracle/
(see numbering_oracle.py for how paragraphs are matched). Every numbered paragraph the Word
reader finds must show the number LibreOffice shows, except where LibreOffice 7.4 itself
differs from Word (listed below, with what Word shows). One live test re-runs LibreOffice on
two files to check the committed oracle is still what LibreOffice prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from clausewise.ingest.readers.docx import read_docx
from clausewise.ingest.readers.numbering import ListInstance, Numbering, format_number, parse_level
from tests.reports.tools import libreoffice

from .numbering_oracle import NUMBERED, TEXT_FILTER, agreement, compare, export_lines, numbered_files, oracle_lines

TARGET_PERCENT = 98.0  # issue 16: numbered paragraphs agreeing with LibreOffice, all files together
# Where LibreOffice 7.4 does not show what Word shows: (file, paragraph text) -> Word's number.
# Word's legal numbering (w:isLgl) turns the "Article I." heading's "Section I.01" into "Section
# 1.01"; LibreOffice 7.4 ignores w:isLgl.
WORD_NOT_LIBREOFFICE = {("powertools-FormattingAssembler01_Test02", "Heading2"): "Section 1.01"}


def _numbers(name: str) -> list[str]:
    path = NUMBERED / f"{name}.docx"
    return [block.marker or "" for block in read_docx(path, path.read_bytes()).blocks]


@pytest.mark.parametrize("path", numbered_files(), ids=lambda path: path.stem)
def test_every_numbered_paragraph_shows_what_libreoffice_shows(path: Path) -> None:
    disagreeing = [
        (p.text[:50], p.ours, p.displayed)
        for p in compare(path)
        if p.numbered and not p.agrees and WORD_NOT_LIBREOFFICE.get((path.stem, p.text)) != p.ours
    ]
    assert disagreeing == []


def test_agreement_over_all_files_meets_the_target() -> None:
    rows = [agreement(path) for path in numbered_files()]
    numbered = sum(row.numbered for row in rows)
    agreeing = sum(row.agreeing for row in rows)
    assert len(rows) >= 20
    assert sum(row.numbered > 0 for row in rows) >= 20  # files that have numbered body paragraphs at all
    assert numbered >= 500
    assert 100 * agreeing / numbered >= TARGET_PERCENT


def test_the_comparison_can_fail() -> None:
    """Against an export with the numbers taken out, every numbered paragraph disagrees."""
    name = "pandoc-lists_restart_8367"
    plain = [line.split(". ", 1)[-1] for line in oracle_lines(name)]
    numbered = [p for p in compare(NUMBERED / f"{name}.docx", plain) if p.numbered]
    assert len(numbered) == 7
    assert not any(p.agrees for p in numbered)


def test_an_instance_restarting_a_shared_list_and_the_style_list_continuing_it() -> None:
    """pandoc #8367: list 2 restarts abstract list 0 (w:startOverride); the next items come
    through the List Number style's list 1, which shares abstract list 0, so they continue."""
    numbers = _numbers("pandoc-lists_restart_8367")
    assert [n for n in numbers if n] == ["1.", "2.", "3.", "1.", "2.", "3.", "4."]


def test_style_numbered_items_restart_where_an_instance_with_overrides_begins() -> None:
    """Contract.docx: items numbered by their style continue the list an override instance
    restarted; each section's first item restarts it; numId 0 on a paragraph switches the
    style's numbering off."""
    path = NUMBERED / "powertools-HtmlConverter01_Contract.docx"
    blocks = read_docx(path, path.read_bytes()).blocks
    by_start = {block.text[:30]: block.marker for block in blocks}
    assert by_start["Die Dokumentation und Verfeine"] == "1."
    assert by_start["Die Weiterentwicklung von Meth"] == "2."
    assert by_start["Die Einhaltung der Standards f"] == "1."
    assert by_start["Die Erkennung von ANWENDUNGS- "] == "2.1."
    assert by_start["Es müssen Workarounds/Zwischen"] is None  # numId 0
    assert by_start["Die eingeschränkte VERFÜGBARKE"] == "3.2.1."


def test_a_level_redefined_by_an_override_keeps_counting_its_list() -> None:
    """Apache POI's NumberingWOverrides: instance 22 redefines level 0 as letters but shares
    the counter of abstract list 9 with instance 19, whose next item is therefore 4."""
    assert [n for n in _numbers("poi-NumberingWOverrides") if n] == ["1", "B", "C", "A", "B", "4"]


def test_a_style_switching_off_its_base_styles_numbering() -> None:
    """pandoc's 0_level_headers: Heading 0 is based on Heading 1 (numbered "SECTION %1") but
    sets numId 0, so FIGURES and TABLES are unnumbered and Introduction is SECTION 1."""
    path = NUMBERED / "pandoc-0_level_headers.docx"
    by_text = {block.text: block.marker for block in read_docx(path, path.read_bytes()).blocks}
    assert (by_text["FIGURES"], by_text["TABLES"], by_text["Introduction"]) == (None, None, "SECTION 1")


def test_ordinal_text_and_legal_numbering() -> None:
    numbers = _numbers("powertools-FormattingAssembler01_Test02")
    assert numbers[:3] == ["Article I.", "", "Section 1.01"]  # Word's Article/Section headings
    first = numbers.index("First.")
    assert numbers[first : first + 3] == ["First.", "Second.", "Third."]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (4, "upperRoman", "IV"),
        (1994, "lowerRoman", "mcmxciv"),
        (28, "lowerLetter", "bb"),  # Word repeats the letter past z: y, z, aa, bb
        (7, "decimalZero", "07"),
        (21, "ordinalText", "Twenty-first"),
        (112, "ordinal", "112th"),
        (40, "cardinalText", "Forty"),
        (3, "none", ""),
        (5, "chineseCounting", "5"),  # formats clausewise does not write fall back to digits
        # As LibreOffice prints Open-XML-PowerTools' LIR0xx-en-US files (3,500 items each; the
        # held-out check in the issue note): "one hundred one" but "one thousand and one".
        (101, "cardinalText", "One hundred one"),
        (1001, "cardinalText", "One thousand and one"),
        (1234, "ordinalText", "One thousand two hundred thirty-fourth"),
        (2000, "ordinalText", "Two thousandth"),
        (23, "decimalEnclosedCircle", "\u3253"),
        (51, "decimalEnclosedCircle", "51"),
    ],
)
def test_number_formats(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


def test_zero_padded_custom_format_in_alternate_content() -> None:
    """Word 2010+ writes "001, 002, …" as a custom format that older readers see as decimal."""
    lvl = parse_xml(
        f'<w:lvl {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' w:ilvl="0"><w:start w:val="7"/><mc:AlternateContent><mc:Choice Requires="w14">'
        '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlText w:val="%1|"/></w:lvl>'
    )
    instance = ListInstance("0", {0: parse_level(lvl)})
    numbering = Numbering({"1": instance})
    assert numbering.next_number("1", 0) == ("007|", False)


def test_committed_oracle_is_what_libreoffice_prints_now(tmp_path: Path) -> None:
    """Live: LibreOffice re-converts two files; the committed oracle must match line for line
    (regenerate with tests/data/numbered/make_oracle.py when LibreOffice changes)."""
    names = ["pandoc-lists_restart_8367", "powertools-HtmlConverter01_Contract"]
    outputs = libreoffice([NUMBERED / f"{name}.docx" for name in names], tmp_path, tmp_path / "profile", TEXT_FILTER)
    for name in names:
        assert export_lines(outputs[NUMBERED / f"{name}.docx"]) == oracle_lines(name), name
