"""From a score matrix to links: global assignment, position, splits and merges, moves.

1. A global one-to-one assignment (Hungarian method, `linear_sum_assignment`) over the
   combined scores, with a small bonus where a pair's neighbours and headings also match,
   so two identical "A working partnership;" items go to the right lists.
2. Pairs that keep document order and score high become anchors; between two anchors a
   clause may match at a lower score, because its position supports it (reworded clauses
   usually stay where they were).
3. Word-for-word evidence overrules resemblance: a pair is undone when one of its clauses
   is a verbatim piece of another clause (a split-off sentence) or is made verbatim of
   other clauses (a merge), and its partner only resembles it.
4. A clause left over after that may be part of a split or merge: it joins a link when
   the link's clauses and it, taken together, match the other side clearly better than the
   link's clauses alone (the pieces need not be adjacent: a council may gather sentences of
   two model paragraphs into one), or when the clause on the other side contains it (most
   of its words, in order) and has room for it beside what it already matches.
5. Links off the longest in-order chain, or whose pieces lie apart, are marked as moved.

Every threshold and bonus the steps use is a field of `AlignSettings`, passed down as `settings`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from .model import Matrix
from .scorers import lexical
from .settings import AlignSettings


@dataclass(frozen=True)
class Pairing:
    """Index-level result: groups of left indices linked to groups of right indices."""

    groups: tuple[tuple[tuple[int, ...], tuple[int, ...], float], ...]


def with_context(scores: Matrix, heading_scores: Matrix, settings: AlignSettings) -> Matrix:
    """Scores plus a bonus for matching neighbours (i±1, j±1) and matching headings."""
    n, m = scores.shape
    if n == 0 or m == 0:
        return scores.copy()
    padded = np.pad(scores, 1)
    neighbours = (padded[:-2, :-2] + padded[2:, 2:]) / 200  # previous and next pair, 0..1
    return np.asarray(scores + settings.neighbour_bonus * neighbours + settings.heading_bonus * heading_scores / 100)


def assign(
    scores: Matrix, context: Matrix, left_texts: Sequence[str], right_texts: Sequence[str], settings: AlignSettings
) -> Pairing:
    n, m = scores.shape
    if n == 0 or m == 0:
        return Pairing(())
    pairs = _one_to_one(scores, context, settings.threshold)
    pairs |= _between_anchors(scores, context, pairs, settings)
    pairs -= _pieces_of_another(pairs, scores, left_texts, right_texts, settings)
    pairs |= _pieces_that_complete(pairs, scores, left_texts, right_texts, settings)
    groups = _splits_and_merges(pairs, scores, left_texts, right_texts, settings)
    return Pairing(tuple(sorted(groups)))


def _one_to_one(scores: Matrix, context: Matrix, threshold: float) -> set[tuple[int, int]]:
    rows, cols = linear_sum_assignment(-context)
    return {(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if scores[i, j] >= threshold}


def _between_anchors(
    scores: Matrix, context: Matrix, pairs: set[tuple[int, int]], settings: AlignSettings
) -> set[tuple[int, int]]:
    """Match leftover clauses that sit between the same two anchors on both sides."""
    anchors = longest_in_order([p for p in pairs if scores[p] >= settings.anchor])
    n, m = scores.shape
    bounds = [(-1, -1), *sorted(anchors), (n, m)]
    used_left = {i for i, _ in pairs}
    used_right = {j for _, j in pairs}
    found: set[tuple[int, int]] = set()
    for (i0, j0), (i1, j1) in pairwise(bounds):
        rows = [i for i in range(i0 + 1, i1) if i not in used_left]
        cols = [j for j in range(j0 + 1, j1) if j not in used_right]
        if not rows or not cols:
            continue
        block = context[np.ix_(rows, cols)]
        for r, c in zip(*linear_sum_assignment(-block), strict=True):
            i, j = rows[r], cols[c]
            if settings.between_anchors <= scores[i, j] < settings.threshold:
                found.add((i, j))
    return found


def _pieces_of_another(
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


def _pieces_that_complete(
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
    that completes the text joins: the second no longer adds anything.
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
            gain, best = max((_union_gain(group, k, texts, other_texts[j]), k) for k in pieces)
            if gain < settings.union_gain:
                break
            group = sorted([*group, best])
            pieces.remove(best)
            found.add((best, j))
    return found


def _union_gain(group: list[int], piece: int, texts: Sequence[str], other: str) -> float:
    """How much better `group` plus `piece`, in document order, matches `other` than `group`."""
    alone = lexical(" ".join(texts[g] for g in sorted(group)), other)
    together = lexical(" ".join(texts[g] for g in sorted([*group, piece])), other)
    return together - alone


def longest_in_order(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs increasing on both sides (patience sorting)."""
    ordered = sorted(pairs)
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(ordered)
    for k, (_, j) in enumerate(ordered):
        position = bisect_left(tails, j)
        if position == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[position] = j
            tail_index[position] = k
        previous[k] = tail_index[position - 1] if position else -1
    chain, k = [], tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(ordered[k])
        k = previous[k]
    return chain[::-1]


def moved_pairs(groups: Sequence[tuple[tuple[int, ...], tuple[int, ...], float]]) -> set[int]:
    """Indices of groups that fall off the longest in-order chain, or whose pieces lie apart
    with other linked clauses between them (half of a split paragraph moved elsewhere)."""
    firsts = [(g[0][0], g[1][0]) for g in groups]
    keep = set(longest_in_order(firsts))
    linked_left = {i for lefts, _, _ in groups for i in lefts}
    linked_right = {j for _, rights, _ in groups for j in rights}
    return {
        k
        for k, (lefts, rights, _) in enumerate(groups)
        if firsts[k] not in keep or _apart(lefts, linked_left) or _apart(rights, linked_right)
    }


def _apart(pieces: tuple[int, ...], linked: set[int]) -> bool:
    """Whether another linked clause sits between two of the (sorted) pieces; clauses that
    are new or gone do not count, as a clause inserted inside a split moves nothing."""
    return any(linked.intersection(range(a + 1, b)) for a, b in pairwise(pieces))


def _splits_and_merges(
    pairs: set[tuple[int, int]],
    scores: Matrix,
    left_texts: Sequence[str],
    right_texts: Sequence[str],
    settings: AlignSettings,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Attach each leftover clause to the clause on the other side that contains it, then
    group the edges: every connected set of clauses is one link (1:1, split, merge)."""
    edges = set(pairs)
    edges |= {(i, j) for j, i in _contained({(j, i) for i, j in pairs}, right_texts, left_texts, settings)}
    edges |= _contained(pairs, left_texts, right_texts, settings)
    return [(lefts, rights, float(scores[np.ix_(lefts, rights)].max())) for lefts, rights in _components(edges)]


def _contained(
    pairs: set[tuple[int, int]], texts: Sequence[str], other_texts: Sequence[str], settings: AlignSettings
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
        score, home = _container(texts[piece], other_texts, held, settings.contained, settings)
        if home is not None:
            found.append((-score, piece, home))
    attached: set[tuple[int, int]] = set()
    for _, piece, container in sorted(found):
        if not _fits(piece, container, texts, other_texts, held, group, settings):
            # Taken up meanwhile by closer pieces: the next container with room, if any.
            _, home = _container(texts[piece], other_texts, held, settings.contained, settings)
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


def _components(edges: set[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Connected components of the bipartite graph of links, as (left indices, right indices)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in edges:
        parent[root(("L", i))] = root(("R", j))
    members: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for side, index in list(parent):
        lefts, rights = members.setdefault(root((side, index)), ([], []))
        (lefts if side == "L" else rights).append(index)
    return [(tuple(sorted(lefts)), tuple(sorted(rights))) for lefts, rights in members.values()]


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
    piece: str, others: Sequence[str], held: dict[int, int], cutoff: float, settings: AlignSettings
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
