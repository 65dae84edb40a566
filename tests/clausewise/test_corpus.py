"""The shipped corpus manifest names real files and exactly one model."""

from __future__ import annotations

from clausewise.corpus import corpus_dir, load_manifest
from clausewise.ingest import read
from tests.conftest import CORPUS


def test_manifest_names_every_rendition_and_one_model() -> None:
    assert corpus_dir() == CORPUS
    documents = load_manifest()
    assert len(documents) == 5
    assert [d.key for d in documents if d.model] == ["sandon-burston"]
    for document in documents:
        assert set(document.files) == {"text", "docx", "pdf"}
        assert all(path.is_file() for path in document.files.values())
        assert document.kind in {"parish", "town", "district", "county", "unitary", "model publisher"}


def test_manifest_councils_match_what_the_documents_say() -> None:
    for document in load_manifest():
        found = read(document.files["pdf"]).council
        if found is not None:  # the unnamed district council's documents do not say who they are
            assert found == document.council
