"""Splits and merges: which leftover clauses belong to a link as pieces of it.

Word-for-word evidence overrules resemblance, and every piece must add to its link:
- a pair is undone when one of its clauses is a verbatim piece of another clause (a split-off
  sentence), or is made verbatim of other clauses (a merge), and its partner only resembles it;
- a leftover clause joins the link of its best partner when together they match the other side
  clearly better than the link alone (the pieces need not be adjacent);
- a leftover clause that another clause contains (most of its words, in order) is attached to
  it, if the container has room for it beside what it already matches;
- a leftover clause that clearly carries a sentence of a clause on the other side which its
  link does not carry yet joins that link (the reworded half of a merge, wherever it sits).

Thresholds are fields of `AlignSettings`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from .model import Matrix
from .scorers import lexical
from .sentences import Evidence
from .settings import AlignSettings


def pieces_of_another(
    pairs: set[tuple[int, int]],
    scores: Matrix,
    left_texts: Sequence[str],
    right_texts: Sequence[str],
    settings: AlignSettings,
) -> set[tuple[int, int]]:
    """Pairs to drop because word-for-word containment tells another story than resemblance.

    - One clause of the pair is, word for word, a piece of some other clause (a split-off
      sentence): "Both Councillors and Officers are servants of the public" split off a
      paragraph belongs to that paragraph, not to another clause that opens alike.
    - One clause of the pair is made, word for word, of other clauses (a merge): those are
      its sources, not a longer clause that resembles it.

    The containment pass then attaches the pieces where they came from. A partner nearly
    as close as the word-for-word evidence (an edited copy of a clause) is kept."""
    loose = [(i, j) for i, j in pairs if scores[i, j] < settings.verbatim - settings.clearly_better]
    if not loose:
        return set()
    held_by_left = _held({(j, i) for i, j in pairs}, right_texts)
    held_by_right = _held(pairs, left_texts)
    dropped = set()
    for i, j in loose:
        _, home_of_right = _container(right_texts[j], left_texts, held_by_left, settings.verbatim, settings)
        _, home_of_left = _container(left_texts[i], right_texts, held_by_right, settings.verbatim, settings)
        if (
            home_of_right not in (None, i)
            or home_of_left not in (None, j)
            or _made_of_others(right_texts[j], left_texts, i, settings)
            or _made_of_others(left_texts[i], right_texts, j, settings)
        ):
            dropped.add((i, j))
    return dropped


def _made_of_others(text: str, others: Sequence[str], partner: int, settings: AlignSettings) -> bool:
    """Whether clauses among `others`, each word for word inside `text`, together make up
    most of it, while `partner` is not one of them."""
    verbatim = settings.verbatim
    if fuzz.partial_ratio(others[partner], text, score_cutoff=verbatim):
        return False
    words = _words(text)
    covered = np.zeros(len(text), dtype=bool)
    shorter = np.fromiter(map(len, others), dtype=np.int64, count=len(others)) < len(text)
    for k in np.flatnonzero(shorter).tolist():
        other, other_words = others[k], _words(others[k])
        too_short = len(other_words) < settings.min_piece_words
        if k == partner or too_short or len(other_words & words) < verbatim / 100 * len(other_words):
            continue
        found = fuzz.partial_ratio_alignment(other, text, score_cutoff=verbatim)
        if found:  # where it lies: a piece inside another piece adds nothing
            covered[found.dest_start : found.dest_end] = True
    return bool(covered.sum() >= settings.made_of * len(text))


def pieces_that_complete(
    pairs: set[tuple[int, int]],
    scores: Matrix,
    left_texts: Sequence[str],
    right_texts: Sequence[str],
    settings: AlignSettings,
) -> set[tuple[int, int]]:
    """Leftover clauses whose best partner is already linked, and which make that link's
    text match better: the other half of a merge (left) or a split (right)."""
    merges = _pieces(pairs, scores, left_texts, right_texts, settings)
    splits = _pieces({(j, i) for i, j in pairs}, scores.T, right_texts, left_texts, settings)
    return merges | {(i, j) for j, i in splits}


def _pieces(
    pairs: set[tuple[int, int]],
    scores: Matrix,
    texts: Sequence[str],
    other_texts: Sequence[str],
    settings: AlignSettings,
) -> set[tuple[int, int]]:
    """Rows not in `pairs` that join the group already linked to their best column.

    Of a column's candidates, the one that adds most joins first, and the rest are measured
    against the group as it has grown, so that of two near-duplicate leftovers only the one
    that completes the text joins: the second no longer adds anything. Between candidates that
    add as much as each other (a text and its copy), the one nearest the group joins: a merge
    of neighbours is the usual one.
    """
    groups: dict[int, list[int]] = {}
    for i, j in sorted(pairs):
        groups.setdefault(j, []).append(i)
    linked_rows = {i for i, _ in pairs}
    candidates: dict[int, list[int]] = {}
    for k in range(scores.shape[0]):
        j = int(scores[k].argmax())
        if k not in linked_rows and j in groups and scores[k, j] >= settings.piece:
            candidates.setdefault(j, []).append(k)
    found: set[tuple[int, int]] = set()
    for j, pieces in candidates.items():
        group = groups[j]
        while pieces:
            gains = {k: _union_gain(group, k, texts, other_texts[j]) for k in pieces}
            gain = max(gains.values())
            if gain < settings.union_gain:
                break
            tied = [k for k in pieces if gains[k] >= gain - settings.union_tie]
            best = min(tied, key=lambda k: (min(abs(k - g) for g in group), k))
            group = sorted([*group, best])
            pieces.remove(best)
            found.add((best, j))
    return found


def _union_gain(group: list[int], piece: int, texts: Sequence[str], other: str) -> float:
    """How much better `group` plus `piece`, in document order, matches `other` than `group`."""
    alone = lexical(" ".join(texts[g] for g in sorted(group)), other)
    together = lexical(" ".join(texts[g] for g in sorted([*group, piece])), other)
    return together - alone


def with_contained(
    pairs: set[tuple[int, int]],
    left_texts: Sequence[str],
    right_texts: Sequence[str],
    settings: AlignSettings,
    allowed: np.ndarray | None = None,
) -> set[tuple[int, int]]:
    """The pairs, and each leftover clause attached to the clause on the other side that
    contains it (where `allowed` allows the pair); every connected set of clauses is then one
    link (1:1, split, merge)."""
    allowed = np.ones((len(left_texts), len(right_texts)), dtype=bool) if allowed is None else allowed
    edges = set(pairs)
    from_right = _contained({(j, i) for i, j in pairs}, right_texts, left_texts, settings, allowed.T)
    edges |= {(i, j) for j, i in from_right}
    edges |= _contained(pairs, left_texts, right_texts, settings, allowed)
    return edges


def joined_by_sentences(
    edges: set[tuple[int, int]], evidence: Evidence | None, settings: AlignSettings
) -> set[tuple[int, int]]:
    """Leftover clauses that carry a sentence of a clause on the other side, which that
    clause's link does not carry yet: the reworded half of a merge or split, wherever it sits.

    Of the clauses whose best sentence pair is clear, the one that carries its sentence most
    nearly word for word joins first; a clause whose sentence is already carried as well by the
    link (a duplicate of a clause in it) does not join."""
    if evidence is None or not evidence.scores.size:
        return set()
    n, m = evidence.scores.shape
    partners: dict[tuple[str, int], set[int]] = {}
    for i, j in edges:
        partners.setdefault(("left", i), set()).add(j)
        partners.setdefault(("right", j), set()).add(i)
    offers = [("left", i, int(evidence.scores[i].argmax())) for i in range(n) if ("left", i) not in partners]
    offers += [("right", j, int(evidence.scores[:, j].argmax())) for j in range(m) if ("right", j) not in partners]
    clear = []
    for side, k, other in offers:
        i, j = (k, other) if side == "left" else (other, k)
        if evidence.scores[i, j] >= settings.sentence_clear:
            sentences = evidence.best_pair(i, j)
            clear.append((float(evidence.sentence_scores[sentences]), float(evidence.scores[i, j]), side, k, other))
    found: set[tuple[int, int]] = set()
    for strength, _, side, k, other in sorted(clear, reverse=True):
        i, j = (k, other) if side == "left" else (other, k)
        left_sentence, right_sentence = evidence.best_pair(i, j)
        other_side = "right" if side == "left" else "left"
        theirs = right_sentence if side == "left" else left_sentence
        carried = evidence.carried(theirs, partners.get((other_side, other), set()), side=other_side)
        if strength < carried + settings.join_margin:
            continue
        found.add((i, j))
        partners.setdefault((side, k), set()).add(other)
        partners.setdefault((other_side, other), set()).add(k)
    return found


def _contained(
    pairs: set[tuple[int, int]],
    texts: Sequence[str],
    other_texts: Sequence[str],
    settings: AlignSettings,
    allowed: np.ndarray,
) -> set[tuple[int, int]]:
    """Leftover `texts` (not first in any pair) attached to the `other_texts` clause that
    contains each. The closest containments are attached first; a piece joining a container
    that already has partners must make their text match it better, and counts against its
    room, so a container takes only one of two near-duplicates.
    """
    held = _held(pairs, texts)
    group: dict[int, list[int]] = {}
    for piece, container in sorted(pairs):
        group.setdefault(container, []).append(piece)
    found = []
    for piece in sorted(set(range(len(texts))) - {piece for piece, _ in pairs}):
        score, home = _container(texts[piece], other_texts, held, settings.contained, settings, allowed[piece])
        if home is not None:
            found.append((-score, piece, home))
    attached: set[tuple[int, int]] = set()
    for _, piece, container in sorted(found):
        if not _fits(piece, container, texts, other_texts, held, group, settings):
            # Taken up meanwhile by closer pieces: the next container with room, if any.
            _, home = _container(texts[piece], other_texts, held, settings.contained, settings, allowed[piece])
            if home is None or not _fits(piece, home, texts, other_texts, held, group, settings):
                continue
            container = home
        held[container] = held.get(container, 0) + len(texts[piece])
        group.setdefault(container, []).append(piece)
        attached.add((piece, container))
    return attached


def _fits(
    piece: int,
    container: int,
    texts: Sequence[str],
    other_texts: Sequence[str],
    held: dict[int, int],
    group: dict[int, list[int]],
    settings: AlignSettings,
) -> bool:
    """Whether `container` has room for `piece` and, if it has partners, the piece makes
    their text match it better."""
    if not _has_room(other_texts[container], texts[piece], held.get(container, 0), settings):
        return False
    partners = group.get(container)
    return not partners or _union_gain(partners, piece, texts, other_texts[container]) > 0


def _held(pairs: set[tuple[int, int]], texts: Sequence[str]) -> dict[int, int]:
    """How much text each container already matches: pairs are (piece in `texts`, container)."""
    held: dict[int, int] = {}
    for piece, container in pairs:
        held[container] = held.get(container, 0) + len(texts[piece])
    return held


@lru_cache(maxsize=2048)  # a model compared with many versions: its word sets are reused
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _container(
    piece: str,
    others: Sequence[str],
    held: dict[int, int],
    cutoff: float,
    settings: AlignSettings,
    allowed: np.ndarray | None = None,
) -> tuple[float, int | None]:
    """The clause among `others` that contains most of `piece`, if one clearly does, and
    how well (partial ratio).

    Candidates must share most of the piece's words before the (costly) partial ratio runs.
    """
    if len(piece.split()) < settings.min_piece_words:
        return 0.0, None
    piece_words = _words(piece)
    lengths = np.fromiter(map(len, others), dtype=np.int64, count=len(others))
    holding = np.zeros(len(others), dtype=np.int64)
    for k, amount in held.items():
        holding[k] = amount
    roomy = (lengths >= len(piece) * settings.room) & (lengths >= settings.room_share * (len(piece) + holding))
    if allowed is not None:
        roomy &= allowed
    best, best_score = None, 0.0
    for k in np.flatnonzero(roomy).tolist():
        other = others[k]
        if len(piece_words & _words(other)) < settings.min_shared_words * len(piece_words):
            continue
        score = fuzz.partial_ratio(piece, other, score_cutoff=max(cutoff, best_score))
        if score > best_score:
            best, best_score = k, score
    return best_score, best


def _has_room(container: str, piece: str, held: int, settings: AlignSettings) -> bool:
    """Whether `container` is long enough to hold `piece` beside the `held` characters it
    already matches: a clause that already has a partner of its own length cannot also
    contain the piece. (`_container` filters its candidates by the same test, in numpy.)"""
    return len(container) >= len(piece) * settings.room and len(container) >= settings.room_share * (len(piece) + held)
