"""From a score matrix to links: global assignment, position, splits and merges, moves.

1. A global one-to-one assignment (Hungarian method, `linear_sum_assignment`) over the
   combined scores, with a small bonus where a pair's neighbours and headings also match,
   so two identical "A working partnership;" items go to the right lists.
2. Pairs that keep document order and score high become anchors; between two anchors a
   clause may match at a lower score, because its position supports it (reworded clauses
   usually stay where they were).
3. Splits and merges (`pieces`): word-for-word evidence overrules resemblance, and leftover
   clauses join the links they complete, that contain them, or whose sentences they carry.
4. Links off the longest in-order chain, or whose pieces lie apart, are marked as moved.

Every threshold and bonus the steps use is a field of `AlignSettings`, passed down as `settings`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from .hungarian import linear_sum_assignment
from .model import Matrix
from .pieces import joined_by_sentences, pieces_of_another, pieces_that_complete, with_contained
from .sentences import Evidence
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
    scores: Matrix,
    context: Matrix,
    left_texts: Sequence[str],
    right_texts: Sequence[str],
    settings: AlignSettings,
    evidence: Evidence | None = None,
    allowed: np.ndarray | None = None,
    whole: Matrix | None = None,
) -> Pairing:
    """Links between clauses, from their scores (`context`: with the bonus for matching
    neighbours and headings). `evidence` is the sentence evidence behind the scores, `whole`
    the scores of the whole texts alone (the resemblance that word-for-word evidence overrules
    and that pieces of a split or merge are first found by; by default `scores`), and `allowed`
    which pairs may be pieces of a split or merge at all (an overview item only of another)."""
    n, m = scores.shape
    if n == 0 or m == 0:
        return Pairing(())
    pairs = _one_to_one(scores, context, settings.threshold)
    pairs |= _between_anchors(scores, context, pairs, settings)
    whole = scores if whole is None else whole
    pairs -= pieces_of_another(pairs, whole, left_texts, right_texts, settings)
    pairs |= joined_by_sentences(pairs, evidence, settings)  # the clearest evidence of a piece first
    pairs |= pieces_that_complete(pairs, whole, left_texts, right_texts, settings)
    edges = with_contained(pairs, left_texts, right_texts, settings, allowed)
    groups = [(lefts, rights, float(scores[np.ix_(lefts, rights)].max())) for lefts, rights in _components(edges)]
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
