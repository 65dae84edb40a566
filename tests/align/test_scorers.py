"""Every scorer keeps rapidfuzz's contract, so `process.extract`/`cdist` accept any of them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rapidfuzz import process

from clausewise.align import embeddings
from clausewise.align.scorers import lemma, lemma_matrix, lexical, lexical_matrix

A = "Members and Officers should avoid any close personal familiarity that could give rise to bias."
B = "Councillors and officers must avoid close personal relationships which could suggest bias."
C = "Official letters should be sent out in the name of the appropriate Officer."


def embedding(
    a: str, b: str, *, processor: Callable[[str], str] | None = None, score_cutoff: float | None = None
) -> float:
    a, b = (processor(a), processor(b)) if processor else (a, b)
    score = float(embeddings.embedding_matrix([a], [b], embeddings.SHARED)[0, 0])
    return score if score_cutoff is None or score >= score_cutoff else 0.0


SCORERS = [
    pytest.param(lexical, id="lexical"),
    pytest.param(lemma, id="lemma"),
    pytest.param(
        embedding,
        id="embedding",
        marks=pytest.mark.skipif(not embeddings.available(), reason="extra 'semantic' not installed"),
    ),
]


@pytest.mark.parametrize("scorer", SCORERS)
def test_scorer_contract(scorer: Callable[..., float]) -> None:
    assert scorer(A, A) == pytest.approx(100, abs=0.01)
    assert 0 <= scorer(A, C) <= 100
    assert scorer(A, B) == pytest.approx(scorer(B, A), abs=0.01)
    assert scorer(A, B) > scorer(A, C)  # a rewording scores above an unrelated clause
    assert scorer(A, C, score_cutoff=99.0) == 0
    assert scorer(A.upper(), A, processor=str.lower) == pytest.approx(100, abs=0.01)
    best = process.extractOne(A, [C, B], scorer=scorer)
    assert best is not None and best[0] == B


def test_matrix_forms_agree_with_pairwise_scores() -> None:
    lefts, rights = [A, B], [C, A, B]
    matrix = lexical_matrix(lefts, rights)
    for i, left in enumerate(lefts):
        for j, right in enumerate(rights):
            assert matrix[i, j] == pytest.approx(lexical(left, right), abs=0.01)
    lemmas = lemma_matrix(lefts, rights)
    assert lemmas.shape == (2, 3) and lemmas[0, 1] == pytest.approx(100, abs=0.01)
    assert lexical_matrix([], rights).shape == (0, 3)
