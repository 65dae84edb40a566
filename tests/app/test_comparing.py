"""Comparing sides through the application layer: files, Documents and stored versions alike;
stored pairs keep their run, and sentence vectors are kept in the store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clausewise.align import AlignSettings, embeddings
from clausewise.align.serialize import alignment_to_dict
from clausewise.app.comparing import compare_stored, compare_versions, run_provenance
from clausewise.app.sides import is_reference
from clausewise.errors import FileMissing
from clausewise.store import open_session, resolve_version
from tests.conftest import corpus_path
from tests.store.conftest import POLICY, run, snapshot
from tests.store.test_references import _add_corpus

LEXICAL = AlignSettings(semantic="none")


def test_a_side_is_a_file_when_it_looks_like_one() -> None:
    model_file = str(corpus_path("sandon-burston", "txt"))
    assert is_reference("Chard Town Council@2015") and is_reference("model:Protocol")
    assert not is_reference(model_file) and not is_reference("missing.pdf") and not is_reference("a/b")
    assert not is_reference(corpus_path("chard", "txt"))  # a Path is always a file


def test_compare_mixes_files_and_stored_versions_and_reuses_runs(db: str) -> None:
    _add_corpus(db, "txt")
    model_file = str(corpus_path("sandon-burston-v4", "txt"))  # "model" is its current version, 4
    with open_session(db) as session:
        stored = compare_stored(session, "model", "spilsby", settings=LEXICAL)
        mixed = compare_stored(session, model_file, "spilsby", settings=LEXICAL)
        assert stored.links == mixed.links
    assert len(snapshot(db)["alignment_runs"]) == 1
    with open_session(db) as session:
        again = compare_stored(session, "model", "spilsby", settings=LEXICAL)
    assert alignment_to_dict(again) == alignment_to_dict(stored)
    assert len(snapshot(db)["alignment_runs"]) == 1
    with open_session(db, write=False) as session, pytest.raises(FileMissing, match=r"missing\.pdf: no such file"):
        compare_stored(session, "missing.pdf", "model")


def test_a_run_is_kept_under_the_settings_and_code_that_made_it(db: str) -> None:
    """Another threshold is another run; the run's key names the profile's terms and the
    aligner's settings-and-code hash, and the alignment shows the profile by its name."""
    _add_corpus(db, "txt")
    with open_session(db) as session:
        model, chard = resolve_version(session, "model"), resolve_version(session, "chard")
        first = compare_versions(session, model, chard, settings=LEXICAL)
        again = compare_versions(session, model, chard, settings=LEXICAL)
        stricter = compare_versions(session, model, chard, settings=replace(LEXICAL, threshold=70))
    assert again == first and first.provenance.profile == "default"
    runs = snapshot(db)["alignment_runs"]
    assert len(runs) == 2 and {run["threshold"] for run in runs} == {58.0, 70.0}
    key = run_provenance("default", LEXICAL)
    assert key.profile.startswith("default#") and key.algorithm == LEXICAL.key
    assert LEXICAL.key != replace(LEXICAL, threshold=70).key != AlignSettings().key
    assert len(stricter.links) <= len(first.links)


def test_history_through_the_cli_reuses_the_stored_run(db: str) -> None:
    _add_corpus(db, "txt")
    run(db, "add", str(corpus_path("spilsby", "txt")), "--policy", POLICY, "--council", "Chard Town Council")
    first = run(db, "history", "chard").output
    stored = snapshot(db)
    models = sum(v["council"] == "Sandon and Burston Parish Council" for v in stored["versions"])
    # The change between Chard's two versions, and each version against each model version (lineage).
    assert len(stored["alignment_runs"]) == 1 + 2 * models
    assert run(db, "history", "chard").output == first
    assert len(snapshot(db)["alignment_runs"]) == 1 + 2 * models


@pytest.mark.skipif(not embeddings.available(), reason="extra 'semantic' not installed")
def test_embeddings_computed_for_a_comparison_are_stored_and_reused(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _add_corpus(db, "txt")
    with_embeddings = AlignSettings(semantic="embeddings")
    with open_session(db) as session:
        first = compare_stored(session, "chard", "district", settings=with_embeddings)
    stored = len(snapshot(db)["embeddings"])
    assert stored > 50
    assert {e["model"] for e in snapshot(db)["embeddings"]} == {embeddings.embedder().model}

    def no_encoder(name: str) -> None:
        raise AssertionError("every vector should come from the store")

    monkeypatch.setattr(embeddings, "_encoder", no_encoder)
    with open_session(db) as session:  # the other way round: a new run, from stored vectors
        again = compare_stored(session, "district", "chard", settings=with_embeddings)
    assert len(snapshot(db)["embeddings"]) == stored
    assert first.provenance.semantic == again.provenance.semantic == "embeddings"
