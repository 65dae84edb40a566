"""Every kind of bad input gets one clear line naming the file and the fix, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausewise.cli import cli
from clausewise.errors import (
    CorruptFile,
    EmptyDocument,
    EncryptedFile,
    FileMissing,
    InputError,
    ScannedPdf,
    UnsupportedFormat,
    WrongContent,
)
from clausewise.ingest import read
from tests.conftest import DATA, corpus_path

CASES = [
    ("corrupt.pdf", CorruptFile, "damaged"),
    ("not-really.pdf", WrongContent, "not a PDF: it starts with a PDF header but holds no PDF objects"),
    ("corrupt.docx", CorruptFile, "damaged"),
    ("encrypted.pdf", EncryptedFile, "qpdf --decrypt"),
    ("encrypted.docx", EncryptedFile, "password-protected"),
    ("scanned.pdf", ScannedPdf, "ocrmypdf"),
    ("empty.txt", EmptyDocument, "empty"),
    ("blank.txt", EmptyDocument, "empty"),
    ("empty.docx", EmptyDocument, "no text"),
    ("legacy.doc", UnsupportedFormat, "soffice --headless --convert-to docx"),
    ("policy.odt", CorruptFile, "cannot read this text document (.odt)"),  # read since issue 16; its XML is broken
    ("policy.rtf", UnsupportedFormat, "Rich Text"),
    ("no-such-file.pdf", FileMissing, "no such file"),
]


@pytest.mark.parametrize(("name", "error", "hint"), CASES)
def test_bad_input_raises_a_clear_error(name: str, error: type[InputError], hint: str) -> None:
    with pytest.raises(error) as caught:
        read(DATA / name)
    message = caught.value.message
    assert name in message and hint in message
    assert "\n" not in message


@pytest.mark.parametrize(("name", "error", "hint"), CASES)
def test_cli_reports_bad_input_in_one_line_with_exit_code_2(name: str, error: type[InputError], hint: str) -> None:
    result = CliRunner().invoke(cli, ["read", str(DATA / name)])
    assert result.exit_code == 2
    assert result.stderr.startswith("clausewise: error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output + result.stderr


def test_extension_is_not_trusted(tmp_path: Path) -> None:
    """A PDF saved as .txt is still read as a PDF; a .doc renamed .docx is still refused."""
    disguised = tmp_path / "protocol.txt"
    shutil.copy(corpus_path("chard", "pdf"), disguised)
    assert read(disguised).format == "pdf"
    renamed = tmp_path / "protocol.docx"
    shutil.copy(DATA / "legacy.doc", renamed)
    with pytest.raises(UnsupportedFormat):
        read(renamed)


def test_windows_1252_text_reads_correctly() -> None:
    document = read(DATA / "cp1252.txt")
    expected = (DATA / "cp1252.expected.txt").read_text(encoding="utf-8")
    clause = next(c for c in document.clauses if c.number == "1.1")
    assert "Council’s “ideal” relationship" in clause.text
    assert "café culture" in clause.text
    assert clause.text in " ".join(expected.split())
    assert any("Windows-1252" in warning for warning in document.warnings)


def test_tracked_changes_read_as_current_text_with_a_warning() -> None:
    document = read(DATA / "tracked-changes.docx")
    clause = next(c for c in document.clauses if c.text.startswith("Councillors and Officers"))
    assert clause.text == "Councillors and Officers should always work together in the interests of the Council."
    assert any("tracked changes" in warning for warning in document.warnings)


def test_huge_and_non_latin_text(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    clause = "Councillors shall act with integrity and honesty at all times. " * 16000  # ~1 MB
    big.write_text(f"1. Conduct\n\n1.1 {clause}\n", encoding="utf-8")
    document = read(big)
    assert len(document.content) == 1 and len(document.content[0].text) > 1_000_000
    welsh = tmp_path / "cymraeg.txt"
    welsh.write_text(
        "1. Cyflwyniad\n\n1.1 Mae’r Protocol hwn yn ganllaw i Gynghorwyr a Swyddogion y Cyngor.\n"
        "\n1.2 Ελληνικά κείμενα: οι σύμβουλοι και οι υπάλληλοι συνεργάζονται.\n",
        encoding="utf-8",
    )
    texts = [c.text for c in read(welsh).content]
    assert texts[1].startswith("Ελληνικά")
