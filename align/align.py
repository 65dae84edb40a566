"""`align(left, right) -> Alignment`: which clauses correspond, how they changed, what moved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from clausewise.ingest.model import Clause, Document

from . import normalise, scorers
from .assign import assign, moved_pairs, with_context
from .classify import relation, same_words
from .diff import word_diff
from .embeddings import SHARED, EmbeddingCache, backend, resolved
from .model import Alignment, Link, Matrix, Provenance
from .normalise import Profile, load_profile
from .possible import possible_matches
from .scorers import SCORERS, ScoringContext, lexical_matrix
from .sentences import Evidence, sentence_evidence, sentences
from .settings import DEFAULT_SETTINGS, AlignSettings
from .structure import is_overview, twins


def align(
    left: Document,
    right: Document,
    *,
    profile: str | Profile = "default",
    settings: AlignSettings = DEFAULT_SETTINGS,
    embeddings: EmbeddingCache = SHARED,
) -> Alignment:
    """Align the content clauses of two documents (headings are context, not matched).

    `embeddings` is where sentence vectors are looked up and kept (semantic "embeddings" only).
    Settings left at "auto" use what is installed (`embeddings.resolved`); the alignment's
    provenance says what ran.
    """
    settings = resolved(settings)
    terms = profile if isinstance(profile, Profile) else load_profile(profile)
    names = tuple(name for name in (left.council, right.council) if name)
    lefts, rights = list(left.content), list(right.content)
    left_side, right_side = _side(lefts, terms, names, settings), _side(rights, terms, names, settings)
    left_canon, right_canon = left_side.texts, right_side.texts
    scores, whole, evidence = _scores(left_side, right_side, settings, ScoringContext(embeddings, settings.embedder))
    heading_scores = _context_scores(
        [terms.canonical(_context(c), names) for c in lefts], [terms.canonical(_context(c), names) for c in rights]
    )
    context = with_context(scores, heading_scores, settings)
    allowed = left_side.overview[:, None] == right_side.overview[None, :]
    pairing = assign(scores, context, left_canon, right_canon, settings, evidence, allowed, whole)
    moved = moved_pairs(pairing.groups)
    links = tuple(
        _link([lefts[i] for i in group_left], [rights[j] for j in group_right], score, k in moved, terms, names)
        for k, (group_left, group_right, score) in enumerate(pairing.groups)
    )
    name = terms.name if isinstance(profile, Profile) else str(profile)
    possible = possible_matches(lefts, rights, links, np.maximum(whole, evidence.scores), evidence, settings)
    provenance = Provenance(name, settings.semantic, settings.threshold, settings.key, backend(settings))
    return Alignment(left, right, links, provenance, possible)


def clear_caches() -> None:
    """Forget what this process keeps between pairs: canonical forms, sentence splits and lemmas
    (sentence vectors live in the caller's `EmbeddingCache`). Alignments are the same with or
    without them (tests/align/test_pair_caches.py); benchmarks/pair_bench.py times both."""
    normalise.clear_caches()
    scorers.clear_caches()
    sentences.cache_clear()


def combined_scores(
    left: Sequence[str], right: Sequence[str], settings: AlignSettings, context: ScoringContext
) -> Matrix:
    """One 0–100 matrix: the settings' blend of registered scorers, weighted in order."""
    lexical = SCORERS["lexical"](left, right, context)
    if not left or not right:
        return lexical
    blended = np.zeros_like(lexical)
    for name, weight in settings.blend.weights:
        blended = blended + weight * (lexical if name == "lexical" else SCORERS[name](left, right, context))
    # A blend never lowers a clear lexical match: semantic scores only add reworded matches.
    return np.asarray(np.maximum(lexical, blended), dtype=np.float64)


@dataclass(frozen=True)
class _Side:
    """One document's clauses as the scorers see them."""

    texts: list[str]  # canonical text of each clause
    sentences: list[tuple[str, ...]]  # canonical text of each clause's sentences
    overview: np.ndarray  # whether each clause is an overview of the document (see `structure`)
    twins: np.ndarray  # whether each clause has a near-copy in the same document


def _side(clauses: list[Clause], terms: Profile, names: tuple[str, ...], settings: AlignSettings) -> _Side:
    texts = [terms.canonical(c.text, names) for c in clauses]
    split = [tuple(terms.canonical(s, names) for s in sentences(c.text)) for c in clauses]
    return _Side(
        texts=texts,
        sentences=split,
        overview=np.array([is_overview(c) for c in clauses], dtype=bool),
        twins=twins(texts, settings.twin),
    )


def _scores(
    left: _Side, right: _Side, settings: AlignSettings, context: ScoringContext
) -> tuple[Matrix, Matrix, Evidence]:
    """The score matrix, exact matches first; the scores of the whole texts alone; and the
    sentence evidence behind them.

    A canonical text that occurs once on each side, and has no near-copy on its side, is a
    certain match: its row and column hold 100 for that pair and 0 elsewhere, and only the
    other clauses are scored. Between two versions of one policy most clauses are unchanged, so
    this is most of the work saved. A pair of the other clauses scores as well as its whole
    texts or, where it is clear, its best sentence pair do; an overview item scores less with a
    clause that is not one (see `structure`).
    """
    left_count, right_count = Counter(left.texts), Counter(right.texts)
    right_position = {text: j for j, text in enumerate(right.texts)}
    exact = {
        i: right_position[text]
        for i, text in enumerate(left.texts)
        if left_count[text] == 1 and right_count.get(text) == 1
        if not left.twins[i] and not right.twins[right_position[text]]
    }
    matched_right = set(exact.values())
    rows = [i for i in range(len(left.texts)) if i not in exact]
    cols = [j for j in range(len(right.texts)) if j not in matched_right]
    scores = np.zeros((len(left.texts), len(right.texts)))
    whole = scores.copy()
    evidence = Evidence.none(scores.shape)
    if rows and cols:
        bounded = settings.scored_chars
        lefts = [_bounded(left.texts[i], bounded) for i in rows]
        rights = [_bounded(right.texts[j], bounded) for j in cols]
        found = sentence_evidence(
            [left.sentences[i] for i in rows],
            [right.sentences[j] for j in cols],
            lambda a, b: combined_scores(a, b, settings, context),
            min_words=settings.sentence_words,
            coverage_weight=settings.sentence_coverage,
        )
        clear = np.where(found.scores >= settings.sentence_clear, found.scores, 0.0)
        whole[np.ix_(rows, cols)] = combined_scores(lefts, rights, settings, context)
        scores[np.ix_(rows, cols)] = np.maximum(whole[np.ix_(rows, cols)], clear)
        evidence = found.placed(rows, cols, scores.shape)
    roles = np.where(left.overview[:, None] != right.overview[None, :], settings.overview_factor, 1.0)
    scores, whole, evidence = scores * roles, whole * roles, evidence.scaled(roles)
    for i, j in exact.items():
        scores[i, j] = whole[i, j] = 100.0
    return scores, whole, evidence


def _context_scores(left: list[str], right: list[str]) -> Matrix:
    """Lexical scores of the clauses' headings: scored once per distinct heading pair,
    since a document has a few dozen headings and many clauses under each."""
    left_row = {text: k for k, text in enumerate(dict.fromkeys(left))}
    right_col = {text: k for k, text in enumerate(dict.fromkeys(right))}
    unique = lexical_matrix(list(left_row), list(right_col))
    rows = [left_row[text] for text in left]
    cols = [right_col[text] for text in right]
    return np.asarray(unique[np.ix_(rows, cols)], dtype=np.float64)


def _bounded(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]} {text[-half:]}"


def _in_order_of(pieces: list[Clause], other: str) -> str:
    """The pieces' text, each placed where it best lines up in `other`."""
    if len(pieces) == 1:
        return pieces[0].text

    def start(piece: Clause) -> int:
        found = fuzz.partial_ratio_alignment(piece.text, other)
        return found.dest_start if found else 0

    return " ".join(c.text for c in sorted(pieces, key=start))


def _context(clause: Clause) -> str:
    """What a clause sits under: its list lead-in or nearest heading."""
    return clause.heading[-1] if clause.heading else ""


def _link(
    lefts: list[Clause], rights: list[Clause], score: float, moved: bool, profile: Profile, names: tuple[str, ...]
) -> Link:
    old = " ".join(c.text for c in lefts)
    new = " ".join(c.text for c in rights)
    kind = relation(old, new, profile, names)
    if kind == "modified" and len(lefts) + len(rights) > 2 and same_words(old, new, profile, names):
        # Split pieces that were moved apart read out of order; their words may still be the same.
        kind = relation(_in_order_of(lefts, new), _in_order_of(rights, old), profile, names)
    return Link(
        left=tuple(c.id for c in lefts),
        right=tuple(c.id for c in rights),
        relation=kind,
        moved=moved,
        score=round(score, 1),
        diff=word_diff(old, new) if kind == "modified" else (),
    )
