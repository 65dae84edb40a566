"""OpenDocument text: the corpus protocols as LibreOffice's .odt, list numbers counted as
LibreOffice displays them on third-party files, and damaged or hostile .odt files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausewise.cli import cli
from clausewise.errors import CorruptFile, EmptyDocument, EncryptedFile, FileTooLarge, UnsupportedFormat
from clausewise.ingest import Document, read
from clausewise.ingest.readers import read_raw
from tests.conftest import DATA, STEMS, corpus_document
from tests.data.odt.make_renditions import THIRD_PARTY
from tests.ingest.odt_oracle import compare_odt
from tests.ingest.test_renditions import _matched_pairs
from tests.reports.tools import require

ODT = DATA / "odt"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def rendition(key: str) -> Path:
    return ODT / "corpus" / f"{STEMS[key]}.odt"


def _tree(document: Document) -> list[tuple[str, str | None, str, tuple[str, ...]]]:
    return [(c.kind, c.number, c.text, c.heading) for c in document.clauses]


# --- the corpus as .odt ----------------------------------------------------------------------


def test_odt_renditions_equal_their_word_file_exactly(corpus_key: str) -> None:
    document = read(rendition(corpus_key))
    assert document.format == "odt"
    assert _tree(document) == _tree(corpus_document(corpus_key, "docx"))
    assert document.title == corpus_document(corpus_key, "docx").title
    assert document.council == corpus_document(corpus_key, "docx").council  # from the page header


def test_odt_renditions_give_the_same_clauses_as_the_text(corpus_key: str) -> None:
    text = list(corpus_document(corpus_key, "txt").content)
    odt = list(read(rendition(corpus_key)).content)
    pairs, unmatched = _matched_pairs(text, odt)
    assert unmatched <= 2  # the district protocol's .txt splits one paragraph its Word file does not
    for left, right in pairs:
        assert (left.number, left.text) == (right.number, right.text)


def test_libreoffice_still_writes_an_odt_that_reads_the_same(tmp_path: Path) -> None:
    from tests.data.odt.make_renditions import ORIGINALS, convert

    require("soffice")  # skipped without LibreOffice, failed with CI=true

    convert([ORIGINALS / f"{STEMS['district']}.docx"], tmp_path)
    assert _tree(read(tmp_path / f"{STEMS['district']}.odt")) == _tree(read(rendition("district")))


# --- numbers as LibreOffice displays them ----------------------------------------------------


@pytest.mark.parametrize("name", THIRD_PARTY)
def test_third_party_numbers_are_the_displayed_ones(name: str) -> None:
    """Letters, roman numerals, restarts, item overrides, zero-padded and ordinal-word numbers,
    outline-numbered headings and headings that opt out, against the Word file's display."""
    paragraphs = [p for p in compare_odt(ODT / "numbered" / f"{name}.odt") if p.numbered]
    assert paragraphs
    assert [(p.ours, p.text[:40]) for p in paragraphs if not p.agrees] == []


def content_xml(body: str, automatic_styles: str = "") -> str:
    return (
        f'<office:document-content xmlns:office="{OFFICE}" xmlns:text="{TEXT}" xmlns:style="{STYLE}" '
        f'xmlns:xml="http://www.w3.org/XML/1998/namespace">'
        f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )


def odt(path: Path, content: str, extra: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


LEGAL = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>'
    '<text:list-level-style-number text:level="2" style:num-format="1" text:display-levels="2"/>'
    '<text:list-level-style-number text:level="3" style:num-format="a" style:num-prefix="(" style:num-suffix=")"/>'
    '<text:list-level-style-bullet text:level="4" text:bullet-char="•"/>'
    "</text:list-style>"
)


def item(text: str, inner: str = "", attributes: str = "") -> str:
    return f"<text:list-item {attributes}><text:p>{text}</text:p>{inner}</text:list-item>"


def test_lists_count_continue_and_restart(tmp_path: Path) -> None:
    level3 = f"<text:list>{item('first')}{item('second')}</text:list>"
    level2 = f"<text:list>{item('One one', level3)}</text:list>"
    header = "<text:list-header><text:p>a header</text:p></text:list-header>"
    restarted = item("Restarted", attributes='text:start-value="7"')
    wrap = "<text:list><text:list-item>{}</text:list-item></text:list>"
    bullets = wrap.format(wrap.format(f"<text:list>{item('a bullet')}</text:list>"))
    body = (
        f'<text:list xml:id="a" text:style-name="L1">{item("One", level2)}</text:list>'
        "<text:p>An interrupting paragraph.</text:p>"
        '<text:list text:continue-numbering="true" text:style-name="L1">'
        f"<text:list-item><text:list>{item('One two')}</text:list></text:list-item>{item('Two')}</text:list>"
        f'<text:list text:style-name="L1">{item("A new list")}{header}{restarted}</text:list>'
        f'<text:list text:continue-list="a" text:style-name="L1">{item("Three", bullets)}{item("Four")}</text:list>'
    )
    raw = read_raw(tmp_path / "lists.odt", odt(tmp_path / "lists.odt", content_xml(body, LEGAL)).read_bytes())
    assert [(b.marker, b.text) for b in raw.blocks] == [
        ("1.", "One"),
        ("1.1", "One one"),
        ("(a)", "first"),
        ("(b)", "second"),
        (None, "An interrupting paragraph."),
        ("1.2", "One two"),  # continues the previous list of its style, under its "1."
        ("2.", "Two"),
        ("1.", "A new list"),  # no continue: numbering starts again
        (None, "a header"),
        ("7.", "Restarted"),
        ("3.", "Three"),  # continues list "a" by its id, after "Two"
        ("•", "a bullet"),
        ("4.", "Four"),
    ]
    assert [b.number for b in raw.blocks][:4] == ["1", "1.1", "(a)", "(b)"]


def test_headings_take_the_outline_numbering_unless_their_style_opts_out(tmp_path: Path) -> None:
    styles = (
        f'<office:document-styles xmlns:office="{OFFICE}" xmlns:text="{TEXT}" xmlns:style="{STYLE}"><office:styles>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"/>'
        '<style:style style:name="Plain" style:family="paragraph" style:parent-style-name="Heading_20_1" '
        'style:list-style-name=""/>'
        '<text:outline-style style:name="Outline">'
        '<text:outline-level-style text:level="1" style:num-format="I" style:num-prefix="Part "/>'
        '<text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/>'
        "</text:outline-style></office:styles></office:document-styles>"
    )
    body = (
        '<text:h text:style-name="Heading_20_1" text:outline-level="1">General</text:h>'
        '<text:h text:style-name="Heading_20_1" text:outline-level="2">Scope</text:h>'
        '<text:h text:style-name="Plain" text:outline-level="1">Appendix</text:h>'
        '<text:h text:style-name="Heading_20_1" text:outline-level="1">Councillors</text:h>'
    )
    path = odt(tmp_path / "outline.odt", content_xml(body), {"styles.xml": styles})
    raw = read_raw(path, path.read_bytes())
    assert [(b.role, b.level, b.marker, b.text) for b in raw.blocks] == [
        ("heading", 1, "Part I", "General"),
        ("heading", 2, "I.1", "Scope"),
        ("heading", 1, None, "Appendix"),
        ("heading", 1, "Part II", "Councillors"),
    ]


def test_paragraph_text_keeps_fields_and_drops_notes_and_comments(tmp_path: Path) -> None:
    body = (
        "<text:p>Tom &amp; Jerry<text:s text:c='2'/>say<text:tab/>hi<text:line-break/>there"
        "<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>a footnote</text:p>"
        "</text:note-body></text:note><office:annotation><text:p>a comment</text:p></office:annotation>"
        "<text:span>, <text:a>linked</text:a></text:span>.</text:p>"
    )
    raw = read_raw(tmp_path / "t.odt", odt(tmp_path / "t.odt", content_xml(body)).read_bytes())
    assert [b.text for b in raw.blocks] == ["Tom & Jerry say hi there, linked."]


# --- bad and hostile files -------------------------------------------------------------------


def test_broken_odt_is_refused_in_one_line() -> None:
    """tests/data/policy.odt was refused as a format; it is now read, and its content.xml is
    not XML with namespaces: damaged."""
    with pytest.raises(CorruptFile, match=r"damaged .*Namespace prefix office"):
        read(DATA / "policy.odt")
    result = CliRunner().invoke(cli, ["read", str(DATA / "policy.odt")])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_empty_encrypted_and_other_opendocument_files(tmp_path: Path) -> None:
    with pytest.raises(EmptyDocument, match="no text"):
        read(odt(tmp_path / "empty.odt", content_xml("<text:p> </text:p>")))
    manifest = '<manifest:manifest><manifest:encryption-data manifest:checksum="x"/></manifest:manifest>'
    with pytest.raises(EncryptedFile, match="password-protected"):
        read(odt(tmp_path / "locked.odt", content_xml(""), {"META-INF/manifest.xml": manifest}))
    sheet = io.BytesIO()
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content_xml(""))
    (tmp_path / "budget.ods").write_bytes(sheet.getvalue())
    with pytest.raises(UnsupportedFormat, match="OpenDocument spreadsheet"):
        read(tmp_path / "budget.ods")


def test_entities_are_not_expanded_and_bombs_are_refused(tmp_path: Path) -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>' + content_xml(
        "<text:p>1.1 Before &secret; after.</text:p>"
    )
    document = read(odt(tmp_path / "xxe.odt", xxe))
    assert [c.text for c in document.clauses] == ["Before after."]
    bomb = tmp_path / "bomb.odt"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content_xml("<text:p>x</text:p>") + " " * (20 * 2**20))
    with pytest.raises(FileTooLarge):
        read(bomb)


def test_cli_reads_an_odt() -> None:
    result = CliRunner().invoke(cli, ["read", str(rendition("chard"))])
    assert result.exit_code == 0, result.output
    assert "[odt, 52 clauses, 6 headings]" in result.stdout
    assert "2.3 A Councillor acting as an individual" in result.stdout
