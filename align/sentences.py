"""Sentences of clauses, and how strongly a sentence of one clause carries one of another.

A council often rewords one sentence of a model paragraph inside a longer paragraph of its own,
or spreads a paragraph over two clauses. Whole clauses then score low; their sentences do not.
`sentence_evidence` scores every sentence against every sentence (the same scorer blend as whole
clauses) and gives, for each pair of clauses, their best sentence pair weighed by how much of the
shorter clause its sentence is: a clause carried whole by a sentence of a longer one counts in
full, one shared sentence of two long paragraphs counts for less.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from .model import Matrix

# A sentence ends at . ! ? or ; before a capital, a digit or an opening quote or bracket.
_BOUNDARY = re.compile(r"(?<=[.!?;])\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|viz|cf|no|para|paras|s|ss|mr|mrs|ms|dr|st)\.$", re.IGNORECASE)
MIN_SENTENCE_WORDS = 4  # a shorter piece ("See below.") belongs to the sentence before it

Scorer = Callable[[Sequence[str], Sequence[str]], Matrix]


@lru_cache(maxsize=65536)  # clauses recur: one model against many councils, versions of one policy
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of a clause's text, in order (the whole text when it is one sentence)."""
    pieces: list[str] = []
    for piece in _BOUNDARY.split(text.strip()):
        if pieces and (len(piece.split()) < MIN_SENTENCE_WORDS or _ABBREVIATION.search(pieces[-1])):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return tuple(p for p in pieces if p)


@dataclass(frozen=True)
class Evidence:
    """Sentence evidence between the clauses of two documents."""

    scores: Matrix  # clauses × clauses: the best sentence pair, weighed by its share of the shorter clause
    sentence_scores: Matrix  # sentences × sentences, unweighed
    left_clause: np.ndarray  # the clause index of each left sentence, in document order
    right_clause: np.ndarray

    @staticmethod
    def none(shape: tuple[int, int]) -> Evidence:
        empty = np.zeros(0, dtype=np.int64)
        return Evidence(np.zeros(shape), np.zeros((0, 0)), empty, empty)

    def placed(self, rows: Sequence[int], cols: Sequence[int], shape: tuple[int, int]) -> Evidence:
        """This evidence, computed for clauses `rows` × `cols` of two documents, indexed by the
        documents' own clause numbers (clauses outside it have none)."""
        scores = np.zeros(shape)
        scores[np.ix_(rows, cols)] = self.scores
        left_clause = np.asarray(rows, dtype=np.int64)[self.left_clause]
        right_clause = np.asarray(cols, dtype=np.int64)[self.right_clause]
        return Evidence(scores, self.sentence_scores, left_clause, right_clause)

    def scaled(self, factor: Matrix) -> Evidence:
        """The clause-level evidence scaled pair by pair (sentence scores stay as they are)."""
        return replace(self, scores=self.scores * factor)

    def best_pair(self, left: int, right: int) -> tuple[int, int]:
        """The indices of the best-scoring sentence pair of two clauses."""
        rows = np.flatnonzero(self.left_clause == left)
        cols = np.flatnonzero(self.right_clause == right)
        block = self.sentence_scores[np.ix_(rows, cols)]
        r, c = np.unravel_index(int(block.argmax()), block.shape)
        return int(rows[r]), int(cols[c])

    def carried(self, sentence: int, by: Collection[int], *, side: str) -> float:
        """How well clauses `by` of the other side carry sentence `sentence` of `side`."""
        if side == "right":
            rows = np.flatnonzero(np.isin(self.left_clause, list(by)))
            return float(self.sentence_scores[rows, sentence].max()) if rows.size else 0.0
        cols = np.flatnonzero(np.isin(self.right_clause, list(by)))
        return float(self.sentence_scores[sentence, cols].max()) if cols.size else 0.0


def sentence_evidence(
    left: Sequence[Sequence[str]],
    right: Sequence[Sequence[str]],
    scorer: Scorer,
    *,
    min_words: int,
    coverage_weight: float,
) -> Evidence:
    """Sentence evidence for every pair of clauses of two documents, each clause given as its
    sentences (split from the text as printed, then made canonical for scoring).

    Sentences of fewer than `min_words` words carry no evidence of their own: "Officers must:"
    says nothing about which provision a clause holds. A sentence pair counts in full when its
    sentence is the whole of the shorter clause, and `1 - coverage_weight` of it when it is none.
    """
    left_split = [tuple(parts) or ("",) for parts in left]
    right_split = [tuple(parts) or ("",) for parts in right]
    left_sentences = [s for parts in left_split for s in parts]
    right_sentences = [s for parts in right_split for s in parts]
    left_clause = np.repeat(np.arange(len(left)), [len(parts) for parts in left_split])
    right_clause = np.repeat(np.arange(len(right)), [len(parts) for parts in right_split])
    raw = scorer(left_sentences, right_sentences)
    left_words, right_words = _words(left_sentences), _words(right_sentences)
    left_total = np.bincount(left_clause, weights=left_words, minlength=len(left))[left_clause]
    right_total = np.bincount(right_clause, weights=right_words, minlength=len(right))[right_clause]
    left_share = (left_words / np.maximum(left_total, 1))[:, None]
    right_share = (right_words / np.maximum(right_total, 1))[None, :]
    share = np.where(left_total[:, None] <= right_total[None, :], left_share, right_share)
    weighed = raw * (1.0 - coverage_weight * (1.0 - np.clip(share, 0.0, 1.0)))
    substantial = (left_words[:, None] >= min_words) & (right_words[None, :] >= min_words)
    weighed = np.where(substantial, weighed, 0.0)
    scores = _by_clause(weighed, left_clause, right_clause, (len(left), len(right)))
    return Evidence(scores, raw, left_clause, right_clause)


def _words(texts: Sequence[str]) -> np.ndarray:
    return np.fromiter((len(t.split()) for t in texts), dtype=np.float64, count=len(texts))


def _by_clause(
    sentence_scores: Matrix, left_clause: np.ndarray, right_clause: np.ndarray, shape: tuple[int, int]
) -> Matrix:
    """The best sentence-pair score of each clause pair (sentences are grouped by clause)."""
    if not sentence_scores.size:
        return np.zeros(shape)
    row_starts = np.flatnonzero(np.r_[True, left_clause[1:] != left_clause[:-1]])
    col_starts = np.flatnonzero(np.r_[True, right_clause[1:] != right_clause[:-1]])
    rows = np.maximum.reduceat(sentence_scores, row_starts, axis=0)
    return np.asarray(np.maximum.reduceat(rows, col_starts, axis=1), dtype=np.float64)
