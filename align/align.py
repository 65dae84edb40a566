"""`align(left, right) -> Alignment`: which clauses correspond, how they changed, what moved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz

from clausewise.ingest.model import Clause, Document

from .assign import assign, moved_pairs, with_context
from .classify import relation, same_words
from .diff import word_diff
from .embeddings import SHARED, EmbeddingCache
from .model import Alignment, Link, Matrix, Provenance
from .normalise import Profile, load_profile
from .scorers import SCORERS, ScoringContext, lexical_matrix
from .settings import DEFAULT_SETTINGS, AlignSettings


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
    """
    terms = profile if isinstance(profile, Profile) else load_profile(profile)
    names = tuple(name for name in (left.council, right.council) if name)
    lefts, rights = list(left.content), list(right.content)
    left_canon = [terms.canonical(c.text, names) for c in lefts]
    right_canon = [terms.canonical(c.text, names) for c in rights]
    scores = _scores(left_canon, right_canon, settings, ScoringContext(embeddings))
    heading_scores = _context_scores(
        [terms.canonical(_context(c), names) for c in lefts], [terms.canonical(_context(c), names) for c in rights]
    )
    pairing = assign(scores, with_context(scores, heading_scores, settings), left_canon, right_canon, settings)
    moved = moved_pairs(pairing.groups)
    links = tuple(
        _link([lefts[i] for i in group_left], [rights[j] for j in group_right], score, k in moved, terms, names)
        for k, (group_left, group_right, score) in enumerate(pairing.groups)
    )
    name = terms.name if isinstance(profile, Profile) else str(profile)
    return Alignment(left, right, links, Provenance(name, settings.semantic, settings.threshold, settings.key))


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


def _scores(left: list[str], right: list[str], settings: AlignSettings, context: ScoringContext) -> Matrix:
    """The score matrix, exact matches first.

    A canonical text that occurs once on each side is a certain match: its row and column
    hold 100 for that pair and 0 elsewhere, and only the other clauses are scored. Between
    two versions of one policy most clauses are unchanged, so this is most of the work saved.
    """
    left_count, right_count = Counter(left), Counter(right)
    right_position = {text: j for j, text in enumerate(right)}
    exact = {
        i: right_position[text] for i, text in enumerate(left) if left_count[text] == 1 and right_count.get(text) == 1
    }
    matched_right = set(exact.values())
    rows = [i for i in range(len(left)) if i not in exact]
    cols = [j for j in range(len(right)) if j not in matched_right]
    scores = np.zeros((len(left), len(right)))
    if rows and cols:
        bounded = settings.scored_chars
        scored = combined_scores(
            [_bounded(left[i], bounded) for i in rows], [_bounded(right[j], bounded) for j in cols], settings, context
        )
        scores[np.ix_(rows, cols)] = scored
    for i, j in exact.items():
        scores[i, j] = 100.0
    return scores


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
