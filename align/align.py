"""`align(left, right) -> Alignment`: which clauses correspond, how they changed, what moved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from ingest.model import Clause, Document

from .assign import THRESHOLD, assign, moved_pairs, with_context
from .diff import word_diff
from .model import Alignment, Link, Relation, Settings
from .normalise import Profile, identity_key, load_profile
from .scorers import Matrix, lemma_matrix, lexical_matrix

# The sentence-embedding backend ("embeddings", extra `semantic`) is still to come (issue 3).
Semantic = Literal["none", "spacy"]
SEMANTIC_CHOICES: tuple[Semantic, ...] = ("none", "spacy")
ALGORITHM = "clausewise-align/1"


def align(
    left: Document,
    right: Document,
    *,
    profile: str | Profile = "default",
    semantic: Semantic = "spacy",
    threshold: float = THRESHOLD,
) -> Alignment:
    """Align the content clauses of two documents (headings are context, not matched)."""
    terms = profile if isinstance(profile, Profile) else load_profile(profile)
    names = tuple(name for name in (left.council, right.council) if name)
    lefts, rights = list(left.content), list(right.content)
    left_canon = [terms.canonical(c.text, names) for c in lefts]
    right_canon = [terms.canonical(c.text, names) for c in rights]
    scores = combined_scores(left_canon, right_canon, semantic)
    heading_scores = lexical_matrix(
        [terms.canonical(_context(c), names) for c in lefts], [terms.canonical(_context(c), names) for c in rights]
    )
    pairing = assign(scores, with_context(scores, heading_scores), left_canon, right_canon, threshold)
    moved = moved_pairs(pairing.groups)
    links = tuple(
        _link([lefts[i] for i in group_left], [rights[j] for j in group_right], score, k in moved, terms, names)
        for k, (group_left, group_right, score) in enumerate(pairing.groups)
    )
    name = terms.name if isinstance(profile, Profile) else str(profile)
    return Alignment(left, right, links, Settings(name, semantic, threshold, ALGORITHM))


def combined_scores(left: Sequence[str], right: Sequence[str], semantic: Semantic) -> Matrix:
    """One 0–100 matrix: lexical alone, or blended with a semantic score."""
    lexical = lexical_matrix(left, right)
    if semantic == "none" or not left or not right:
        return lexical
    lemmas = lemma_matrix(left, right)
    blended = 0.5 * lexical + 0.5 * lemmas
    return np.asarray(np.maximum(lexical, blended), dtype=np.float64)


def _context(clause: Clause) -> str:
    """What a clause sits under: its list lead-in or nearest heading."""
    return clause.heading[-1] if clause.heading else ""


def _link(
    lefts: list[Clause], rights: list[Clause], score: float, moved: bool, profile: Profile, names: tuple[str, ...]
) -> Link:
    old = " ".join(c.text for c in lefts)
    new = " ".join(c.text for c in rights)
    relation: Relation
    if identity_key(old) == identity_key(new):
        relation = "identical"
    elif profile.canonical(old, names) == profile.canonical(new, names):
        relation = "cosmetic"
    else:
        relation = "modified"
    return Link(
        left=tuple(c.id for c in lefts),
        right=tuple(c.id for c in rights),
        relation=relation,
        moved=moved,
        score=round(score, 1),
        diff=word_diff(old, new) if relation != "identical" else (),
    )
