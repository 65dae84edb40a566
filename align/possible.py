"""Possible matches: for a clause left without a partner, the clauses that may cover it.

A strict aligner leaves a clause unlinked rather than guess; but a clerk told that a model
clause is "missing" wants to know where the council's text may say the same thing in other
words. For each clause of the left side in no link, the clauses of the right side that score at
least `AlignSettings.possible` (by their whole texts or their best sentence pair), within
`possible_spread` of the best of them and no more than `possible_max`. A right clause that no
link explains is the likeliest home of a missing provision; one already in a modified link must
score `possible_linked` (it may still carry a second provision), and one another clause matches
verbatim or cosmetically is accounted for and left out. Each comes with the sentence of the
right clause that matched best, to show why.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from clausewise.ingest.model import Clause

from .model import Link, Matrix, Possible
from .sentences import Evidence, sentences
from .settings import AlignSettings


def possible_matches(
    lefts: Sequence[Clause],
    rights: Sequence[Clause],
    links: Sequence[Link],
    scores: Matrix,
    evidence: Evidence,
    settings: AlignSettings,
) -> tuple[Possible, ...]:
    linked_left = {cid for link in links for cid in link.left}
    least = _least_scores(rights, links, settings)
    found: list[Possible] = []
    for i, clause in enumerate(lefts):
        if clause.id in linked_left:
            continue
        row = np.where(scores[i] >= least, scores[i], 0.0)
        order = np.argsort(-row, kind="stable")[: settings.possible_max]
        best = float(row[order[0]]) if order.size else 0.0
        for j in order.tolist():
            if row[j] == 0.0 or row[j] < best - settings.possible_spread:
                break
            found.append(Possible(clause.id, rights[j].id, round(float(row[j]), 1), _why(i, j, rights[j], evidence)))
    return tuple(found)


def _least_scores(rights: Sequence[Clause], links: Sequence[Link], settings: AlignSettings) -> np.ndarray:
    """The least score at which each right clause may be a possible match (infinite: never)."""
    modified = {cid for link in links if link.relation == "modified" for cid in link.right}
    accounted = {cid for link in links if link.relation != "modified" for cid in link.right}
    return np.array(
        [
            np.inf if c.id in accounted else settings.possible_linked if c.id in modified else settings.possible
            for c in rights
        ],
        dtype=np.float64,
    )


def _why(left: int, right: int, clause: Clause, evidence: Evidence) -> str:
    """The right clause's sentence that best matches the left clause (its whole text when it
    is one sentence, or when the sentences were not compared)."""
    parts = sentences(clause.text)
    if len(parts) < 2 or not evidence.sentence_scores.size or not (evidence.left_clause == left).any():
        return clause.text
    _, sentence = evidence.best_pair(left, right)
    first = int(np.flatnonzero(evidence.right_clause == right)[0])
    return parts[sentence - first] if 0 <= sentence - first < len(parts) else clause.text
