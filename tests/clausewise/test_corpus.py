"""The shipped corpus manifest names real files and the model's two versions."""

from __future__ import annotations

from clausewise.corpus import corpus_dir, load_manifest
from clausewise.ingest import read
from tests.conftest import CORPUS


def test_manifest_names_every_rendition_and_the_models_two_versions() -> None:
    assert corpus_dir() == CORPUS
    documents = load_manifest()
    assert len(documents) == 6
    models = [d for d in documents if d.model]
    assert [(d.key, d.version) for d in models] == [("sandon-burston", "3"), ("sandon-burston-v4", "4")]
    assert {d.council for d in models} == {"Sandon and Burston Parish Council"}
    for document in documents:
        assert set(document.files) == {"text", "docx", "pdf"}
        assert all(path.is_file() for path in document.files.values())
        assert document.kind in {"parish", "town", "district", "county", "unitary", "model publisher"}


def test_manifest_councils_match_what_the_documents_say() -> None:
    for document in load_manifest():
        found = read(document.files["pdf"]).council
        if found is not None:  # the unnamed district council's documents do not say who they are
            assert found == document.council
