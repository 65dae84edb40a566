"""Similarity scorers, and the registry the aligner picks them from by name.

Each scorer comes in two shapes: pairwise, like rapidfuzz's `(a, b, *, processor=None,
score_cutoff=None)` and 0–100, so `rapidfuzz.process.extract` and `cdist` accept any of them;
and as a matrix scorer that scores every left × right pair at once, which is what alignment
uses. `SCORERS` maps a name to a matrix scorer; `AlignSettings.blends` weight them by name, so
adding a scorer is one `register_scorer` and a blend that names it.

- lexical: rapidfuzz token-sort and plain ratios on canonical text (in C, all pairs at once);
- lemma: spaCy's lookup lemmas of content words (lemmas.py), IDF-weighted cosine (reworded clauses that
  keep their key words: "avoid close personal familiarity" ≈ "avoided close familiarity");
- embedding: sentence-embedding cosine (extra `semantic`), see `embeddings.py`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from . import embeddings, lemmas
from .embeddings import SHARED, EmbeddingCache, embedding_matrix
from .model import Matrix
from .normalise import cached
from .settings import AUTO


@dataclass(frozen=True)
class ScoringContext:
    """What a matrix scorer may use beside the texts: the caller's embedding cache, and the
    embedder the settings name."""

    embeddings: EmbeddingCache = field(default=SHARED)
    embedder: str = AUTO


MatrixScorer = Callable[[Sequence[str], Sequence[str], ScoringContext], Matrix]
SCORERS: dict[str, MatrixScorer] = {}


def register_scorer(name: str) -> Callable[[MatrixScorer], MatrixScorer]:
    """Register a matrix scorer under `name`, for blends in `AlignSettings` to weight."""

    def register(scorer: MatrixScorer) -> MatrixScorer:
        SCORERS[name] = scorer
        return scorer

    return register


def _cut(score: float, score_cutoff: float | None) -> float:
    return score if score_cutoff is None or score >= score_cutoff else 0.0


def _prepare(a: str, b: str, processor: Callable[[str], str] | None) -> tuple[str, str]:
    return (processor(a), processor(b)) if processor else (a, b)


def lexical(
    a: str, b: str, *, processor: Callable[[str], str] | None = None, score_cutoff: float | None = None
) -> float:
    """Word-order-tolerant lexical similarity: the mean of token-sort and plain ratios."""
    a, b = _prepare(a, b, processor)
    return _cut((fuzz.token_sort_ratio(a, b) + fuzz.ratio(a, b)) / 2, score_cutoff)


# rapidfuzz's threads for one cdist: all cores (-1) for one comparison, one in a worker of a pool
# that already runs a process per core (`use_one_thread`). Below THREADED_PAIRS pairs starting the
# threads costs more than they save (30 x 30 sentences: 2.4 ms threaded, 0.08 ms not; 190 x 190:
# 3.2 ms against 3.1 ms, measured on 2 busy cores), so they run on one.
CDIST_WORKERS = -1
THREADED_PAIRS = 40_000


def use_one_thread() -> None:
    """Score on this process's one thread (rapidfuzz, NumPy's BLAS, and ONNX sessions started
    after this): for the workers of a process pool, which would otherwise each start a thread
    per core. The scores are the same (tests/align/test_pair_caches.py)."""
    global CDIST_WORKERS
    CDIST_WORKERS = 1
    embeddings.use_one_thread()
    threadpoolctl: Any = importlib.import_module("threadpoolctl")  # through Any: it is untyped
    # OpenBLAS's threads cost more than they save on these small matrices: 150 x 449 @ 449 x 150
    # took 3.9 ms on 2 threads and 0.37 ms on one, 2 processes busy.
    threadpoolctl.threadpool_limits(1)


def cdist_workers(rows: int, cols: int) -> int:
    """The `workers` for a `process.cdist` of rows x cols pairs (the scores never depend on it)."""
    return CDIST_WORKERS if rows * cols >= THREADED_PAIRS else 1


def lexical_matrix(left: Sequence[str], right: Sequence[str]) -> Matrix:
    """`lexical` for every pair, computed by rapidfuzz in C on both cores.

    The token-sort ratio is the plain ratio of the texts with their words sorted; sorting each
    text once, not once per pair as `fuzz.token_sort_ratio` does, makes it four times faster."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    workers = cdist_workers(len(left), len(right))
    sort = process.cdist(_sorted(left), _sorted(right), scorer=fuzz.ratio, workers=workers, dtype=np.float32)
    plain = process.cdist(left, right, scorer=fuzz.ratio, workers=workers, dtype=np.float32)
    return np.asarray((sort + plain) / 2, dtype=np.float64)


def _sorted(texts: Sequence[str]) -> list[str]:
    return [" ".join(sorted(text.split())) for text in texts]


_LEMMA_CACHE: dict[str, list[str]] = {}  # bounded as the canonical forms are (`normalise.cached`)


def content_lemmas(texts: Sequence[str]) -> list[list[str]]:
    """Lemmas of the content words of each (already case-folded) text, cached by text:
    a model protocol compared with many councils is lemmatised once. spaCy's lookup lemmas,
    from its exported tables (lemmas.py), so no spaCy pipeline is built per process."""
    return [cached(_LEMMA_CACHE, text, lemmas.content_lemmas) for text in texts]


def clear_caches() -> None:
    """Forget the lemmas found so far (benchmarks and tests compare with and without)."""
    _LEMMA_CACHE.clear()


def lemma_matrix(left: Sequence[str], right: Sequence[str]) -> Matrix:
    """IDF-weighted cosine of content-lemma bags, 0–100, for every pair."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    bags = content_lemmas([*left, *right])
    vocabulary = {lemma: i for i, lemma in enumerate(sorted({lemma for bag in bags for lemma in bag}))}
    width = max(len(vocabulary), 1)
    # Each lemma counted in its (row, column) cell at once, not one NumPy write per lemma.
    cells = np.fromiter((row * width + vocabulary[lemma] for row, bag in enumerate(bags) for lemma in bag), np.int64)
    counts = np.bincount(cells, minlength=len(bags) * width).reshape(len(bags), width).astype(np.float64)
    document_frequency = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(bags)) / (1 + document_frequency)) + 1
    vectors = np.sqrt(counts) * idf
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return np.asarray(vectors[: len(left)] @ vectors[len(left) :].T * 100, dtype=np.float64)


def lemma(a: str, b: str, *, processor: Callable[[str], str] | None = None, score_cutoff: float | None = None) -> float:
    """`lemma_matrix` for one pair (IDF from the pair itself)."""
    a, b = _prepare(a, b, processor)
    return _cut(float(lemma_matrix([a], [b])[0, 0]), score_cutoff)


@register_scorer("lexical")
def _lexical_scorer(left: Sequence[str], right: Sequence[str], context: ScoringContext) -> Matrix:
    return lexical_matrix(left, right)


@register_scorer("lemma")
def _lemma_scorer(left: Sequence[str], right: Sequence[str], context: ScoringContext) -> Matrix:
    return lemma_matrix(left, right)


@register_scorer("embedding")
def _embedding_scorer(left: Sequence[str], right: Sequence[str], context: ScoringContext) -> Matrix:
    return embedding_matrix(left, right, context.embeddings, context.embedder)
