"""Stored references rebuild the Document a file gave, so alignment gives the same result."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from clausewise.align import align, embeddings
from clausewise.align.align import ALGORITHM
from clausewise.align.assign import THRESHOLD
from clausewise.align.embeddings import available as embeddings_available
from clausewise.align.model import Settings
from clausewise.align.serialize import alignment_to_dict
from clausewise.store import (
    AddOptions,
    add_document,
    load_embeddings,
    open_session,
    parse_reference,
    resolve_reference,
    resolve_version,
    save_alignment,
    save_embeddings,
    stored_alignment,
    sync_embedding_cache,
)
from clausewise.store.compare import compare_references, is_reference
from clausewise.store.queries import compare_versions
from clausewise.store.references import Reference, find_version

from clausewise.errors import Ambiguous, FileMissing, NotFound
from tests.conftest import STEMS, corpus_document, corpus_path
from tests.store.conftest import POLICY, snapshot

COUNCILS = {
    "chard": "Chard Town Council",
    "district": "District Council",
    "east-northamptonshire": "East Northamptonshire Council",
    "sandon-burston": "Sandon and Burston Parish Council",
    "spilsby": "Spilsby Town Council",
}


def _add_corpus(db: str, fmt: str) -> None:
    with open_session(db) as session:
        for key in sorted(STEMS):
            kind = "model publisher" if key == "sandon-burston" else None
            add_document(session, corpus_document(key, fmt), AddOptions(POLICY, council=COUNCILS[key], kind=kind))


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_a_stored_version_is_the_document_it_was_read_as(db: str, fmt: str) -> None:
    _add_corpus(db, fmt)
    with open_session(db, write=False) as session:
        for key, council in COUNCILS.items():
            original = corpus_document(key, fmt)
            rebuilt = resolve_reference(session, council)
            assert rebuilt == replace(original, path=rebuilt.path)
            assert rebuilt.path == original.path.rsplit("/", 1)[-1]


def test_alignment_of_stored_versions_equals_alignment_of_the_files(db: str) -> None:
    _add_corpus(db, "pdf")
    with open_session(db, write=False) as session:
        model = resolve_reference(session, "model")
        for key in ("spilsby", "chard"):
            stored = align(model, resolve_reference(session, f"{COUNCILS[key]}:{POLICY}"), semantic="none")
            from_files = align(corpus_document("sandon-burston", "pdf"), corpus_document(key, "pdf"), semantic="none")
            assert stored.links == from_files.links


def test_references_by_part_of_a_name_label_and_date(db: str) -> None:
    _add_corpus(db, "txt")
    with open_session(db) as session:
        add_document(
            session,
            corpus_document("spilsby", "pdf"),
            AddOptions(POLICY, council="Chard Town Council", label="2026", adopted_on=date(2026, 4, 1)),
        )
    with open_session(db, write=False) as session:
        assert resolve_version(session, "chard").label == "2026"
        assert resolve_version(session, "CHARD TOWN council:officer@1").adopted_on == date(2015, 1, 19)
        assert resolve_version(session, "chard@2020-12-31").label == "1"
        assert resolve_version(session, "chard@2026-04-01").label == "2026"
        assert resolve_version(session, "model:Councillor-Officer Protocol").council == COUNCILS["sandon-burston"]
        with pytest.raises(Ambiguous, match="Town Council: matches Chard Town Council, Spilsby Town Council"):
            resolve_version(session, "Town Council")
        with pytest.raises(NotFound, match="no version '9' of Councillor-Officer Protocol; stored: 1, 2026"):
            resolve_version(session, "chard@9")
        with pytest.raises(NotFound, match=r"no version of .* adopted on or before 2001-01-01"):
            resolve_version(session, "chard@2001-01-01")
        with pytest.raises(NotFound, match="no such council"):
            resolve_version(session, "Nowhere Parish Council")
        with pytest.raises(NotFound, match="has no policy 'Code of Conduct'"):
            resolve_version(session, "chard:Code of Conduct")


def test_parse_reference() -> None:
    assert parse_reference("Chard Town Council") == Reference("Chard Town Council")
    assert parse_reference("model:Protocol@3") == Reference("model", "Protocol", "3")
    assert parse_reference("chard@2026-04-01") == Reference("chard", on=date(2026, 4, 1))


def test_alignments_are_stored_and_reused(db: str) -> None:
    _add_corpus(db, "txt")
    settings = Settings("default", "none", THRESHOLD, ALGORITHM)
    with open_session(db) as session:
        left, right = resolve_version(session, "model"), resolve_version(session, "spilsby")
        assert stored_alignment(session, left, right, settings) is None
        fresh = align(resolve_reference(session, "model"), resolve_reference(session, "spilsby"), semantic="none")
        assert fresh.settings == settings
        assert save_alignment(session, fresh, left, right) is True
        assert save_alignment(session, fresh, left, right) is False
    with open_session(db, write=False) as session:
        again = stored_alignment(session, left, right, settings)
        assert again is not None
        assert alignment_to_dict(again) == alignment_to_dict(fresh)
        assert stored_alignment(session, left, right, replace(settings, semantic="spacy")) is None
        assert stored_alignment(session, right, left, settings) is None


def test_history_comparisons_reuse_the_stored_run(db: str) -> None:
    _add_corpus(db, "txt")
    with open_session(db) as session:
        first = compare_versions(session, find_version(session, "model"), find_version(session, "chard"))
    with open_session(db) as session:
        again = compare_versions(session, find_version(session, "model"), find_version(session, "chard"))
    assert again == first


def test_embeddings_are_stored_by_text_hash(db: str) -> None:
    vectors = {f"{k:064x}": np.linspace(-1, 1, 384, dtype=np.float32) * k for k in range(1, 4)}
    with open_session(db) as session:
        assert save_embeddings(session, vectors) == 3
        assert save_embeddings(session, vectors) == 0
    cache: dict[str, np.ndarray] = {f"{9:064x}": np.ones(384, dtype=np.float32)}
    with open_session(db) as session:
        assert sync_embedding_cache(session, cache) == 1
        loaded = load_embeddings(session, [f"{2:064x}", "missing"])
    assert list(loaded) == [f"{2:064x}"]
    assert np.array_equal(loaded[f"{2:064x}"], vectors[f"{2:064x}"])
    assert set(cache) == {*vectors, f"{9:064x}"}


def test_compare_references_mixes_files_and_stored_versions_and_reuses_runs(db: str) -> None:
    _add_corpus(db, "txt")
    model_file = str(corpus_path("sandon-burston", "txt"))
    with open_session(db) as session:
        stored = compare_references(session, "model", "spilsby", semantic="none")
        mixed = compare_references(session, model_file, "spilsby", semantic="none")
        assert stored.links == mixed.links
    assert len(snapshot(db)["alignment_runs"]) == 1
    with open_session(db) as session:
        again = compare_references(session, "model", "spilsby", semantic="none")
    assert alignment_to_dict(again) == alignment_to_dict(stored)
    assert len(snapshot(db)["alignment_runs"]) == 1
    assert is_reference("Chard Town Council@2015") and is_reference("model:Protocol")
    assert not is_reference(model_file) and not is_reference("missing.pdf") and not is_reference("a/b")
    with open_session(db, write=False) as session, pytest.raises(FileMissing, match=r"missing\.pdf: no such file"):
        compare_references(session, "missing.pdf", "model")


@pytest.mark.skipif(not embeddings_available(), reason="extra 'semantic' not installed")
def test_embeddings_computed_for_a_comparison_are_stored_and_reused(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_corpus(db, "txt")
    cache = embeddings.vector_cache()  # the cache align keeps in memory; the store persists it
    embeddings.clear_cache()
    with open_session(db) as session:
        first = compare_references(session, "chard", "district", semantic="embeddings", embedding_cache=cache)
    stored = len(snapshot(db)["embeddings"])
    assert stored == embeddings.cache_size() > 50
    embeddings.clear_cache()

    def no_model() -> None:
        raise AssertionError("every vector should come from the store")

    monkeypatch.setattr(embeddings, "_model", no_model)
    with open_session(db) as session:
        again = compare_references(session, "district", "chard", semantic="embeddings", embedding_cache=cache)
    assert len(snapshot(db)["embeddings"]) == stored
    assert first.settings.semantic == again.settings.semantic == "embeddings"
    embeddings.clear_cache()
