"""Hostile and odd inputs: NUL bytes in every format, zip bombs, very large files, content
that is not what its name says, and paths that are not readable files."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from clausewise.errors import CannotOpen, CorruptFile, FileMissing, FileTooLarge, NotAFile, WrongContent
from clausewise.ingest import read
from clausewise.ingest.readers.guards import LARGE_PDF_PAGES, LARGE_TEXT_CHARS, MAX_UNPACKED_BYTES
from tests.conftest import corpus_document, corpus_path

PARAGRAPH = b"<w:p><w:r><w:t>Councillors shall act with integrity and honesty at all times.</w:t></w:r></w:p>"


def rezipped(source: Path, replace: dict[str, bytes]) -> bytes:
    """The .docx at `source` with some parts' content replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            copy.writestr(info, replace.get(info.filename, original.read(info)))
    return out.getvalue()


def bomb(source: Path, target: Path, megabytes: int) -> None:
    """A real .docx whose body is padded with `megabytes` MB of paragraphs: valid XML that
    compresses about 300 times, written in a stream so the test never holds it in memory."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            if info.filename != "word/document.xml":
                copy.writestr(info, original.read(info))
        head, tail = original.read("word/document.xml").split(b"<w:body>")
        block = PARAGRAPH * (2**20 // len(PARAGRAPH))
        with copy.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head + b"<w:body>")
            for _ in range(megabytes):
                part.write(block)
            part.write(tail)


def tiny_pdf(pages: list[bytes], to_unicode: bytes | None = None) -> bytes:
    """A minimal PDF with one line of Helvetica per page, optionally with a ToUnicode map."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"
    font += b" /ToUnicode 3 0 R >>" if to_unicode else b" >>"
    cmap = to_unicode or b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (5 + 2 * n) for n in range(len(pages))), len(pages)),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
        font,
    ]
    for n, line in enumerate(pages):
        content = b"BT /F1 12 Tf 72 700 Td (%s) Tj ET" % line
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
            b" /Contents %d 0 R >>" % (6 + 2 * n)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


# Codes 0x20-0x7E map to themselves and 0x00 to U+0000, as some PDF writers' maps do.
NUL_MAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfchar <00> <0000> endbfchar
1 beginbfrange <20> <7E> <0020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


# --- NUL bytes: removed and counted the same way in every format --------------------------------


def test_nul_bytes_in_text_are_removed_with_one_warning(tmp_path: Path) -> None:
    source = corpus_path("chard", "txt")
    data = source.read_bytes()
    damaged = tmp_path / source.name
    damaged.write_bytes(data[:500] + b"\x00" * 3 + data[500:2000] + b"\x00" + data[2000:])
    document = read(damaged)
    assert [c.text for c in document.clauses] == [c.text for c in corpus_document("chard", "txt").clauses]
    assert document.warnings == (f"{damaged}: removed 4 NUL characters (zero bytes, never text) from the text",)


def test_nul_bytes_in_utf16_text_are_removed_too(tmp_path: Path) -> None:
    source = corpus_path("chard", "txt")
    text = source.read_text(encoding="utf-8")
    damaged = tmp_path / source.name
    damaged.write_bytes((text[:500] + "\x00" + text[500:]).encode("utf-16"))
    document = read(damaged)
    assert [c.text for c in document.clauses] == [c.text for c in corpus_document("chard", "txt").clauses]
    assert document.warnings == (f"{damaged}: removed 1 NUL character (zero bytes, never text) from the text",)


def test_nul_bytes_in_a_word_document_are_removed_not_refused(tmp_path: Path) -> None:
    """lxml refuses XML with NUL in it (raw or as &#0;); before this the file was 'damaged'."""
    source = corpus_path("chard", "docx")
    with zipfile.ZipFile(source) as original:
        xml = original.read("word/document.xml")
    xml = xml.replace(b"<w:t>", b"<w:t>\x00\x00", 1).replace(b"<w:t>", b"<w:t>&#0;", 2)
    damaged = tmp_path / source.name
    damaged.write_bytes(rezipped(source, {"word/document.xml": xml}))
    document = read(damaged)
    assert [c.text for c in document.clauses] == [c.text for c in corpus_document("chard", "docx").clauses]
    assert document.warnings == (
        f"{damaged}: removed 4 NUL characters (zero bytes, never text) from word/document.xml",
    )


def test_nul_characters_in_a_pdf_text_layer_are_removed_naming_the_pages(tmp_path: Path) -> None:
    lines = [b"1. Conduct", b"1.1 Councillors\\000 and officers\\000 work together.", b"1.2 Officers are neutral."]
    pdf = tmp_path / "protocol.pdf"
    pdf.write_bytes(tiny_pdf(lines, NUL_MAP))
    document = read(pdf)
    assert document.clauses[1].text == "Councillors and officers work together."
    assert document.warnings == (f"{pdf}: removed 2 NUL characters (zero bytes, never text) from page 2",)


# --- Zip bombs: refused from the zip's directory, before python-docx inflates anything ---------


def test_a_docx_that_would_unpack_past_the_limit_is_refused_at_once(tmp_path: Path) -> None:
    """250 MB of paragraphs in a 0.9 MB file: python-docx takes 2 s and 2.3 GB to open it."""
    target = tmp_path / "bomb.docx"
    bomb(corpus_path("chard", "docx"), target, megabytes=MAX_UNPACKED_BYTES // 2**20 + 50)
    start = time.perf_counter()
    with pytest.raises(FileTooLarge) as refused:
        read(target)
    elapsed = time.perf_counter() - start
    assert refused.value.message == (
        f"{target}: this Word document would unpack to 251 MB, far beyond any policy document, so it was not opened"
    )
    assert elapsed < 0.5, f"refusing took {elapsed:.3f} s"  # measured: under a millisecond


def test_a_docx_part_that_expands_hundreds_of_times_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "bomb.docx"
    bomb(corpus_path("chard", "docx"), target, megabytes=40)
    expected = r"bomb\.docx: word/document\.xml in this Word document would expand \d{3} times"
    with pytest.raises(FileTooLarge, match=expected):
        read(target)


def test_a_word_file_whose_zip_directory_is_damaged_is_corrupt_not_a_crash(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz_read.py: zipfile raises NotImplementedError("zip file version
    21.0") for a flipped "version needed" byte, which escaped as a traceback."""
    data = bytearray(corpus_path("chard", "docx").read_bytes())
    directory = data.index(b"PK\x01\x02")
    data[directory + 6] = 210  # version needed to extract: 21.0
    damaged = tmp_path / "protocol.docx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(CorruptFile, match=r"protocol\.docx: cannot read this Word document.*zip file version 21\.0"):
        read(damaged)


# --- Very large inputs: read, with a warning --------------------------------------------------


def test_very_long_text_is_read_with_a_warning(tmp_path: Path) -> None:
    clause = "Councillors shall act with integrity and honesty at all times. "
    repeats = LARGE_TEXT_CHARS // len(clause) + 1000
    big = tmp_path / "handbook.txt"
    big.write_text(f"1. Conduct\n\n1.1 {clause * repeats}\n", encoding="utf-8")
    document = read(big)
    assert len(document.content[0].text) > LARGE_TEXT_CHARS
    assert document.warnings == (
        f"{big}: 2.1 million characters of text, far more than a policy (perhaps a handbook or several "
        "documents in one file); reading and comparing it will be slow",
    )


def test_a_pdf_of_hundreds_of_pages_is_read_with_a_warning(tmp_path: Path) -> None:
    pages = [b"%d. Councillors and officers work together on page %d." % (n, n) for n in range(1, LARGE_PDF_PAGES + 2)]
    pdf = tmp_path / "handbook.pdf"
    pdf.write_bytes(tiny_pdf(pages))
    document = read(pdf)
    assert len(document.clauses) == LARGE_PDF_PAGES + 1
    assert f"{pdf}: {LARGE_PDF_PAGES + 1} pages, far more than a policy; reading and comparing it will be slow" in (
        document.warnings
    )


# --- Content that is not what the name says ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("minutes.pdf", "minutes.pdf: not a PDF: it does not start with %PDF-"),
        ("minutes.docx", "minutes.docx: not a Word document: a .docx is a zip archive, and this file is not one"),
    ],
)
def test_random_bytes_are_not_a_pdf_or_word_file_and_get_no_conversion_advice(
    tmp_path: Path, name: str, expected: str
) -> None:
    noise = tmp_path / name
    noise.write_bytes(os.urandom(4096))
    with pytest.raises(WrongContent) as refused:
        read(noise)
    assert refused.value.message.startswith(str(tmp_path / expected))
    assert "soffice" not in refused.value.message


def test_a_text_file_named_pdf_is_read_as_text_and_says_so(tmp_path: Path) -> None:
    misnamed = tmp_path / "protocol.pdf"
    misnamed.write_bytes(corpus_path("chard", "txt").read_bytes())
    document = read(misnamed)
    assert document.format == "text" and document.clauses
    assert f"{misnamed}: named .pdf but holds plain text; read as plain text" in document.warnings


# --- Paths that are not readable files: an InputError naming the path, never an OSError ---------


def test_a_file_name_longer_than_the_system_allows(tmp_path: Path) -> None:
    long = tmp_path / ("councillor-officer-protocol-" * 12 + ".txt")
    with pytest.raises(CannotOpen) as refused:
        read(long)
    assert refused.value.message.startswith(f"{long}: file name too long (340 characters in one name")


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(NotAFile, match="is a folder, not a file"):
        read(tmp_path)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "policy.txt"
    os.mkfifo(fifo)
    with pytest.raises(NotAFile) as refused:
        read(fifo)
    assert refused.value.message.startswith(f"{fifo}: is a named pipe (FIFO), not a file")


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "policies" / "2026" / "protocol.docx"
    with pytest.raises(FileMissing) as refused:
        read(missing)
    assert refused.value.message == (
        f"{missing}: no such file; the folder {tmp_path / 'policies'} does not exist; check the path"
    )


def test_a_file_used_as_a_folder(tmp_path: Path) -> None:
    inside = corpus_path("chard", "txt") / "protocol.txt"
    with pytest.raises(CannotOpen, match="part of the path is a file, not a folder"):
        read(inside)


def test_a_broken_link(tmp_path: Path) -> None:
    link = tmp_path / "protocol.docx"
    link.symlink_to(tmp_path / "moved-away.docx")
    with pytest.raises(CannotOpen, match=r"protocol\.docx: is a link to a file that does not exist"):
        read(link)
