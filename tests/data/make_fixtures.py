"""Regenerate the bad-input fixtures in this folder (they are committed; run this only to
rebuild them): `python tests/data/make_fixtures.py`. Needs pypdf and msoffcrypto-tool,
which are not runtime dependencies of clausewise."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import msoffcrypto.format.ooxml
from docx.oxml import parse_xml
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "corpus"
CHARD_PDF = CORPUS / "originals" / "chard-town-council_member-officer-protocol_2015.pdf"
CHARD_DOCX = CORPUS / "originals" / "chard-town-council_member-officer-protocol_2015.docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def encrypted_pdf() -> None:
    writer = PdfWriter(clone_from=PdfReader(CHARD_PDF))
    writer.encrypt(user_password="clerk", owner_password="owner", algorithm="AES-128")
    with open(HERE / "encrypted.pdf", "wb") as out:
        writer.write(out)


def scanned_pdf() -> None:
    """A page that is only a picture of text, as a scanner makes it: no text layer."""
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    for row in range(20):
        draw.text((120, 150 + row * 60), "Councillors and Officers are servants of the public.", fill=0)
    page.save(HERE / "scanned.pdf", "PDF", resolution=150.0)


def corrupt_files() -> None:
    data = CHARD_PDF.read_bytes()
    (HERE / "corrupt.pdf").write_bytes(data[:400] + b"\x00garbage" * 50)
    (HERE / "corrupt.docx").write_bytes(CHARD_DOCX.read_bytes()[:3000])
    (HERE / "not-really.pdf").write_bytes(b"%PDF-1.7\nthis is not a pdf at all\n")


def encrypted_docx() -> None:
    plain = io.BytesIO(CHARD_DOCX.read_bytes())
    out = io.BytesIO()
    office = msoffcrypto.format.ooxml.OOXMLFile(plain)
    office.encrypt("clerk", out)
    (HERE / "encrypted.docx").write_bytes(out.getvalue())


def empty_files() -> None:
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "blank.txt").write_text("\n   \n\t\n", encoding="utf-8")
    docx.Document().save(HERE / "empty.docx")


def other_formats() -> None:
    (HERE / "policy.rtf").write_text(r"{\rtf1\ansi Councillors and Officers\par}", encoding="ascii")
    # A legacy Word 97-2003 file starts with the OLE2 compound-file signature.
    (HERE / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"Word.Document.8")
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    (HERE / "policy.odt").write_bytes(odt.getvalue())


def legacy_encoding() -> None:
    text = (
        "Protocol on Member \u2013 Officer Relations\n\n"
        "1. General Principles\n\n"
        "1.1 The Council\u2019s \u201cideal\u201d relationship is a partnership of Councillors and "
        "Officers working together \u2013 caf\u00e9 culture aside \u2013 to achieve the Council\u2019s aims.\n\n"
        "1.2 Members and Officers should avoid any close personal familiarity.\n"
    )
    (HERE / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (HERE / "cp1252.expected.txt").write_text(text, encoding="utf-8")


def tracked_changes_docx() -> None:
    """Clause 1.1 has an insertion ("always ") and a deletion ("not ") pending review."""
    document = docx.Document()
    document.add_heading("General Principles", level=1)
    body = (
        f'<w:p {W}><w:r><w:t xml:space="preserve">Councillors and Officers should </w:t></w:r>'
        '<w:ins w:id="1" w:author="Clerk" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="Clerk" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:delText xml:space="preserve">not </w:delText></w:r></w:del>'
        "<w:r><w:t>work together in the interests of the Council.</w:t></w:r></w:p>"
    )
    document.element.body.insert(1, parse_xml(body))
    document.add_paragraph("Every person must be treated fairly with dignity and respect at all times.")
    document.save(HERE / "tracked-changes.docx")


if __name__ == "__main__":
    encrypted_pdf()
    scanned_pdf()
    corrupt_files()
    encrypted_docx()
    empty_files()
    other_formats()
    legacy_encoding()
    tracked_changes_docx()
