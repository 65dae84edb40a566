"""A redline to a stored Word version is that version's own file, kept in the store, with the
changes tracked in it (issue 15, item 1 for stored versions)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from clausewise.store import load_original, open_session, resolve_version
from tests.conftest import corpus_path
from tests.reports.tools import document_xml, resolve, revision_counts
from tests.store.conftest import POLICY, db, run  # noqa: F401  (db: the fixture, on SQLite and PostgreSQL)

MODEL = "Sandon and Burston Parish Council"
OWN_PARTS = ("word/header1.xml", "word/footer1.xml", "word/styles.xml", "word/numbering.xml")


def _add_model_versions(db: str, fmt: str) -> tuple[Path, Path]:  # noqa: F811
    v3, v4 = corpus_path("sandon-burston", fmt), corpus_path("sandon-burston-v4", fmt)
    for path, label in ((v3, "3"), (v4, "4")):
        run(db, "add", str(path), "--model", "--policy", POLICY, "--council", MODEL, "--version", label)
    return v3, v4


def test_a_redline_to_a_stored_word_version_is_its_own_file(db: str, tmp_path: Path) -> None:  # noqa: F811
    """`report redline model@3 "…"@4` with both versions added from their .docx: the paper is the
    v4 file itself (header, footer, styles and numbering byte for byte) with the changes tracked,
    and accepting them all gives v4's body exactly."""
    _, v4 = _add_model_versions(db, "docx")
    paper = tmp_path / "x.docx"
    run(db, "report", "redline", "model@3", f'"{MODEL}"@4', "-o", str(paper))
    own, source = zipfile.ZipFile(paper), zipfile.ZipFile(v4)
    for part in OWN_PARTS:
        assert own.read(part) == source.read(part), part
    root = document_xml(paper)
    assert resolve(root, accept=True) == resolve(document_xml(v4), accept=True)
    counts = revision_counts(root)
    assert counts["ins"] > 0 and counts["del"] > 0  # the annual review's changes are tracked


def test_a_redline_to_a_stored_pdf_version_is_clausewises_own_document(db: str, tmp_path: Path) -> None:  # noqa: F811
    """A PDF original is kept too (a clerk may want it back), but a redline cannot be written
    into a PDF: it is clausewise's own Word document, as before."""
    _, v4 = _add_model_versions(db, "pdf")
    with open_session(db, write=False) as session:
        kept = load_original(session, resolve_version(session, f'"{MODEL}"@4').sha256)
    assert kept == ("pdf", v4.read_bytes())
    paper = tmp_path / "x.docx"
    run(db, "report", "redline", "model@3", f'"{MODEL}"@4', "-o", str(paper))
    word = zipfile.ZipFile(corpus_path("sandon-burston-v4", "docx"))
    assert zipfile.ZipFile(paper).read("word/styles.xml") != word.read("word/styles.xml")
    assert revision_counts(document_xml(paper))["ins"] > 0
