"""Stored references rebuild the Document a file gave, so alignment gives the same result."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from clausewise.align import AlignSettings, align
from clausewise.align.serialize import alignment_to_dict
from clausewise.errors import Ambiguous, NotFound
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
)
from clausewise.store.references import Reference
from tests.conftest import STEMS, corpus_document
from tests.store.conftest import POLICY

LEXICAL = AlignSettings(semantic="none")
COUNCILS = {
    "chard": "Chard Town Council",
    "district": "District Council",
    "east-northamptonshire": "East Northamptonshire Council",
    "sandon-burston": "Sandon and Burston Parish Council",
    "sandon-burston-v4": "Sandon and Burston Parish Council",
    "spilsby": "Spilsby Town Council",
}
MODELS = {"sandon-burston": "model@3", "sandon-burston-v4": "model@4"}  # two versions of one council's policy


def _add_corpus(db: str, fmt: str) -> None:
    with open_session(db) as session:
        for key in sorted(STEMS):
            kind = "model publisher" if key in MODELS else None
            add_document(session, corpus_document(key, fmt), AddOptions(POLICY, council=COUNCILS[key], kind=kind))


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_a_stored_version_is_the_document_it_was_read_as(db: str, fmt: str) -> None:
    _add_corpus(db, fmt)
    with open_session(db, write=False) as session:
        for key, council in COUNCILS.items():
            original = corpus_document(key, fmt)
            rebuilt = resolve_reference(session, MODELS.get(key, council))
            assert rebuilt == replace(original, path=rebuilt.path)
            assert rebuilt.path == original.path.rsplit("/", 1)[-1]
        assert resolve_version(session, "model").label == "4"  # adopted after version 3, so current


def test_alignment_of_stored_versions_equals_alignment_of_the_files(db: str) -> None:
    _add_corpus(db, "pdf")
    with open_session(db, write=False) as session:
        model = resolve_reference(session, "model")
        for key in ("spilsby", "chard"):
            stored = align(model, resolve_reference(session, f"{COUNCILS[key]}:{POLICY}"), settings=LEXICAL)
            from_files = align(
                corpus_document("sandon-burston-v4", "pdf"), corpus_document(key, "pdf"), settings=LEXICAL
            )
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


def test_alignments_are_stored_and_reused_under_their_provenance(db: str) -> None:
    _add_corpus(db, "txt")
    with open_session(db) as session:
        left, right = resolve_version(session, "model"), resolve_version(session, "spilsby")
        fresh = align(resolve_reference(session, "model"), resolve_reference(session, "spilsby"), settings=LEXICAL)
        made = fresh.provenance
        assert made.semantic == "none" and made.algorithm == LEXICAL.key
        assert stored_alignment(session, left.id, right.id, made) is None
        assert save_alignment(session, fresh, left.id, right.id) is True
        assert save_alignment(session, fresh, left.id, right.id) is False
    with open_session(db, write=False) as session:
        again = stored_alignment(session, left.id, right.id, made)
        assert again is not None
        assert alignment_to_dict(again) == alignment_to_dict(fresh)
        assert stored_alignment(session, left.id, right.id, replace(made, semantic="spacy")) is None
        assert stored_alignment(session, left.id, right.id, replace(made, algorithm=AlignSettings().key)) is None
        assert stored_alignment(session, right.id, left.id, made) is None


def test_embeddings_are_stored_by_text_hash(db: str) -> None:
    vectors = {f"{k:064x}": np.linspace(-1, 1, 384, dtype=np.float32) * k for k in range(1, 4)}
    with open_session(db) as session:
        assert save_embeddings(session, vectors, model="m") == 3
        assert save_embeddings(session, vectors, model="m") == 0
    with open_session(db) as session:
        loaded = load_embeddings(session, [f"{2:064x}", "missing"], model="m")
    assert list(loaded) == [f"{2:064x}"]
    assert np.array_equal(loaded[f"{2:064x}"], vectors[f"{2:064x}"])
    with open_session(db) as session:  # another model's vectors of the same texts are its own
        assert load_embeddings(session, list(vectors), model="other") == {}
        assert save_embeddings(session, vectors, model="other") == 3
