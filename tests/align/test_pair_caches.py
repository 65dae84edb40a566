"""What the aligner keeps between pairs changes no result (issue 17): corpus pairs and synthetic
councils (benchmarks/scale_bench.py's `adapt`, via benchmarks/pair_bench.py) aligned with every
cache emptied before each pair, then one after another with the caches warm, give the same
Alignment JSON byte for byte; and ONNX Runtime gives the same vectors on one thread as on its
default threads."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from clausewise.align import DEFAULT_SETTINGS, EmbeddingCache, align
from clausewise.align import embeddings as embeddings_module
from clausewise.align import normalise as normalise_module
from clausewise.align.align import clear_caches
from clausewise.align.embeddings import EMBEDDERS
from clausewise.align.embeddings import available as embeddings_available
from clausewise.align.normalise import load_profile
from clausewise.align.sentences import sentences
from clausewise.align.serialize import alignment_to_dict
from clausewise.ingest import Document
from tests.conftest import CORPUS, corpus_document

_spec = importlib.util.spec_from_file_location("pair_bench", CORPUS.parent / "benchmarks" / "pair_bench.py")
assert _spec and _spec.loader
pair_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pair_bench)

NEEDS_EMBEDDINGS = pytest.mark.skipif(not embeddings_available(), reason="extra 'semantic' not installed")
MODEL_COUNCIL = pair_bench.scale_bench.MODEL_COUNCIL


def _pairs(tmp_path: Path) -> list[tuple[Document, Document]]:
    """Both model versions against corpus councils, synthetic councils, and councils whose names
    occur in the model's text (so the council-name substitution of canonical forms runs)."""
    v3, v4 = pair_bench.models()
    corpus = [corpus_document(key, "txt") for key in ("spilsby", "chard", "east-northamptonshire")]
    synthetic = pair_bench.councils(6, 5, tmp_path)
    named = [replace(synthetic[0], council="Clerk"), replace(synthetic[1], council=MODEL_COUNCIL)]
    councils = [*corpus, *synthetic, *named, v4]
    return [(model, council) for council in councils for model in (v3, v4) if model is not council]


def _json(left: Document, right: Document, semantic: str, vectors: EmbeddingCache) -> str:
    settings = replace(DEFAULT_SETTINGS, semantic=semantic)
    return json.dumps(alignment_to_dict(align(left, right, settings=settings, embeddings=vectors)), sort_keys=True)


@pytest.mark.parametrize("semantic", ["spacy", pytest.param("embeddings", marks=NEEDS_EMBEDDINGS)])
def test_alignments_are_the_same_with_and_without_the_caches(tmp_path: Path, semantic: str) -> None:
    pairs = _pairs(tmp_path)
    vectors = EmbeddingCache()  # one set of vectors for both runs: only the aligner's own caches differ
    cold = []
    for left, right in pairs:
        clear_caches()
        cold.append(_json(left, right, semantic, vectors))
    clear_caches()
    warm = [_json(left, right, semantic, vectors) for left, right in pairs]
    again = [_json(left, right, semantic, vectors) for left, right in reversed(pairs)][::-1]
    assert len(set(cold)) == len(pairs)  # every pair aligned, each its own result
    for k, (left, right) in enumerate(pairs):
        assert warm[k] == cold[k], f"{left.council} x {right.council}"
        assert again[k] == cold[k], f"{left.council} x {right.council}"


def test_a_council_named_in_the_model_text_changes_its_canonical_form() -> None:
    """The case the name check must not skip: a model text that names the other council (here
    a council called "Clerk", named all over the model), computed after texts that do not."""
    terms = load_profile()
    v3, _ = pair_bench.models()
    texts = [s for clause in v3.content for s in (clause.text, *sentences(clause.text))]
    clear_caches()
    alone = [terms.canonical(t, (MODEL_COUNCIL,)) for t in texts]
    named = [terms.canonical(t, (MODEL_COUNCIL, "Clerk")) for t in texts]
    clear_caches()
    assert named == [terms.canonical(t, (MODEL_COUNCIL, "Clerk")) for t in texts]
    changed = [a != b for a, b in zip(alone, named, strict=True)]
    assert any(changed) and not all(changed)  # texts that name "the Clerk" and texts that do not


@NEEDS_EMBEDDINGS
def test_onnx_vectors_are_the_same_on_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    v3, v4 = pair_bench.models()
    texts = list(dict.fromkeys(c.text for c in (*v3.content, *v4.content)))
    default = EMBEDDERS["minilm-onnx"].load()(texts)
    monkeypatch.setattr(embeddings_module, "ONNX_THREADS", 1)
    one = EMBEDDERS["minilm-onnx"].load()(texts)
    assert one.shape == (len(texts), embeddings_module.DIMENSIONS)
    assert np.array_equal(one, default)


def test_alignments_are_the_same_on_one_blas_thread(tmp_path: Path) -> None:
    """align-all's workers limit NumPy's BLAS to one thread (`scorers.use_one_thread`)."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    semantic = "embeddings" if embeddings_available() else "spacy"
    pairs = _pairs(tmp_path)
    vectors = EmbeddingCache()
    default = [_json(left, right, semantic, vectors) for left, right in pairs]
    with threadpoolctl.threadpool_limits(1):
        assert all(info["num_threads"] == 1 for info in threadpoolctl.threadpool_info())
        one = [_json(left, right, semantic, vectors) for left, right in pairs]
    assert one == default


def test_full_caches_are_emptied_without_changing_a_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for only a few entries the caches empty themselves many times within one pair
    (as a worker's do over thousands of councils), and every alignment is still the same."""
    settings = replace(DEFAULT_SETTINGS, semantic="spacy")
    pairs = _pairs(tmp_path)[:3]
    clear_caches()
    roomy = [alignment_to_dict(align(left, right, settings=settings)) for left, right in pairs]
    monkeypatch.setattr(normalise_module, "CACHE_LIMIT", 7)
    clear_caches()
    cramped = [alignment_to_dict(align(left, right, settings=settings)) for left, right in pairs]
    assert json.dumps(cramped, sort_keys=True) == json.dumps(roomy, sort_keys=True)
